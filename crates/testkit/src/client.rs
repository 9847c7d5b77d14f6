//! HTTP clients for tests: a browser-like one (cookies, form tokens) and an API one (bearer).

use std::sync::Mutex;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::redirect::Policy;

/// A response, read completely.
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: HeaderMap,
    pub text: String,
    /// The body as sent (for files that are not text).
    pub bytes: Vec<u8>,
}

impl Resp {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    }

    pub fn location(&self) -> String {
        self.header("location").unwrap_or_default()
    }

    /// The number of SQL statements the request ran.
    pub fn statements(&self) -> u32 {
        self.header("x-sql-statements")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    }

    /// The stable error code of an API error.
    pub fn code(&self) -> String {
        self.json()["code"].as_str().unwrap_or_default().to_owned()
    }
}

pub struct Client {
    http: reqwest::Client,
    base: String,
    csrf: Mutex<Option<String>>,
    bearer: Option<String>,
    lang: Mutex<Option<String>>,
    address: Mutex<Option<String>>,
}

/// Reads the form token a page carries.
pub fn csrf_of(html: &str) -> Option<String> {
    let marker = "name=\"csrf-token\" content=\"";
    let start = html.find(marker)? + marker.len();
    Some(html[start..].split('"').next()?.to_owned())
}

impl Client {
    pub fn new(base: &str) -> Client {
        let http = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(Policy::none())
            .build()
            .expect("an HTTP client");
        Client {
            http,
            base: base.to_owned(),
            csrf: Mutex::new(None),
            bearer: None,
            lang: Mutex::new(None),
            address: Mutex::new(None),
        }
    }

    pub fn with_bearer(base: &str, token: &str) -> Client {
        let mut c = Client::new(base);
        c.bearer = Some(token.to_owned());
        c
    }

    /// Sends `Accept-Language` with every request from now on.
    pub fn accept_language(&self, lang: &str) {
        if let Ok(mut l) = self.lang.lock() {
            *l = Some(lang.to_owned());
        }
    }

    /// Sends every request from now on as if from `ip` (through the trusted proxy header).
    pub fn from_address(&self, ip: &str) {
        if let Ok(mut a) = self.address.lock() {
            *a = Some(ip.to_owned());
        }
    }

    fn req(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let mut r = self.http.request(method, format!("{}{}", self.base, path));
        if let Some(ip) = self.address.lock().ok().and_then(|a| a.clone()) {
            r = r.header("x-forwarded-for", ip);
        }
        if let Some(b) = &self.bearer {
            r = r.bearer_auth(b);
        }
        if let Some(l) = self.lang.lock().ok().and_then(|l| l.clone()) {
            r = r.header("accept-language", l);
        }
        r
    }

    async fn send(&self, r: reqwest::RequestBuilder) -> Resp {
        let resp = r.send().await.expect("the request reaches the server");
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let bytes = resp.bytes().await.map(|b| b.to_vec()).unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        Resp {
            status,
            headers,
            text,
            bytes,
        }
    }

    pub async fn get(&self, path: &str) -> Resp {
        self.send(self.req(reqwest::Method::GET, path)).await
    }

    /// Fetches the form token this client's session is bound to.
    pub async fn refresh_token(&self) -> String {
        let page = self.get("/").await;
        let token = csrf_of(&page.text).expect("a form token on the home page");
        if let Ok(mut c) = self.csrf.lock() {
            *c = Some(token.clone());
        }
        token
    }

    pub async fn token(&self) -> String {
        let cached = self.csrf.lock().ok().and_then(|c| c.clone());
        match cached {
            Some(t) => t,
            None => self.refresh_token().await,
        }
    }

    /// Posts a form as a browser would, with the form token.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Resp {
        let token = self.token().await;
        let mut all: Vec<(&str, &str)> = vec![("csrf", token.as_str())];
        all.extend_from_slice(fields);
        self.post_form_raw(path, &all, &[]).await
    }

    /// Posts a form exactly as given, with extra headers.
    pub async fn post_form_raw(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> Resp {
        let body = serde_html_form_encode(fields);
        let mut r = self
            .req(reqwest::Method::POST, path)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body);
        for (k, v) in headers {
            r = r.header(
                HeaderName::from_bytes(k.as_bytes()).expect("header name"),
                HeaderValue::from_str(v).expect("header value"),
            );
        }
        self.send(r).await
    }

    async fn api(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&serde_json::Value>,
    ) -> Resp {
        let mut r = self.req(method, path);
        if self.bearer.is_none()
            && let Some(t) = self.csrf.lock().ok().and_then(|c| c.clone())
        {
            r = r.header("x-csrf-token", t);
        }
        if let Some(b) = body {
            r = r.json(b);
        }
        self.send(r).await
    }

    pub async fn get_json(&self, path: &str) -> Resp {
        self.api(reqwest::Method::GET, path, None).await
    }

    pub async fn post_json(&self, path: &str, body: &serde_json::Value) -> Resp {
        self.api(reqwest::Method::POST, path, Some(body)).await
    }

    pub async fn patch_json(&self, path: &str, body: &serde_json::Value) -> Resp {
        self.api(reqwest::Method::PATCH, path, Some(body)).await
    }

    pub async fn put_json(&self, path: &str, body: &serde_json::Value) -> Resp {
        self.api(reqwest::Method::PUT, path, Some(body)).await
    }

    /// A POST with no body at all.
    pub async fn post_empty(&self, path: &str) -> Resp {
        self.api(reqwest::Method::POST, path, None).await
    }

    /// A raw body, sent with the client's bearer token or form token.
    pub async fn post_raw_auth(&self, path: &str, content_type: &str, body: Vec<u8>) -> Resp {
        let mut r = self
            .req(reqwest::Method::POST, path)
            .header("content-type", content_type)
            .body(body);
        if self.bearer.is_none()
            && let Some(t) = self.csrf.lock().ok().and_then(|c| c.clone())
        {
            r = r.header("x-csrf-token", t);
        }
        self.send(r).await
    }

    /// A request with extra headers and a JSON body.
    pub async fn post_json_with(
        &self,
        path: &str,
        body: &serde_json::Value,
        headers: &[(&str, &str)],
    ) -> Resp {
        let mut r = self.req(reqwest::Method::POST, path).json(body);
        for (k, v) in headers {
            r = r.header(
                HeaderName::from_bytes(k.as_bytes()).expect("header name"),
                HeaderValue::from_str(v).expect("header value"),
            );
        }
        self.send(r).await
    }

    pub async fn delete(&self, path: &str) -> Resp {
        self.api(reqwest::Method::DELETE, path, None).await
    }

    /// Sends a raw body with a content type.
    pub async fn post_raw(&self, path: &str, content_type: &str, body: Vec<u8>) -> Resp {
        self.send(
            self.req(reqwest::Method::POST, path)
                .header("content-type", content_type)
                .body(body),
        )
        .await
    }
}

fn serde_html_form_encode(fields: &[(&str, &str)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in fields {
        s.append_pair(k, v);
    }
    s.finish()
}
