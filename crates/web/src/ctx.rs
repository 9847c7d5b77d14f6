//! Who is asking, in which language, and may they change anything.
//!
//! The [`context`] middleware runs before every handler:
//!
//! 1. it authenticates the caller by bearer token or session cookie;
//! 2. it picks the language: the person's setting, else the `gh_lang` cookie, else
//!    `Accept-Language`, else the deployment's default;
//! 3. it binds a form token to the session (or, before log-in, to a visitor cookie);
//! 4. for every state-changing request not made with a bearer token, it refuses a foreign
//!    `Origin` or `Sec-Fetch-Site`, and a missing or wrong form token (the `csrf` form field
//!    or the `X-CSRF-Token` header; API calls with a session cookie must send the header);
//! 5. it counts the SQL statements the request runs.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use axum::body::Body;
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use guildhall_app::actor::AuthVia;
use guildhall_app::{Actor, Caller, Error, Meta};
use guildhall_domain::Lang;
use guildhall_i18n::Tr;

use crate::AppState;
use crate::error::{ApiError, PageError};

pub const SESSION_COOKIE: &str = "gh_session";
pub const VISITOR_COOKIE: &str = "gh_visitor";
pub const LANG_COOKIE: &str = "gh_lang";
/// The known-device mark a browser keeps after its owner logged in (see
/// `guildhall_app::identity` for the limits it exempts from).
pub const DEVICE_COOKIE: &str = "gh_known";
pub const CSRF_HEADER: &str = "x-csrf-token";
pub const CSRF_FIELD: &str = "csrf";

/// The request's context, available to handlers as an extractor.
#[derive(Clone, Debug)]
pub struct Ctx {
    pub caller: Caller,
    pub lang: Lang,
    pub meta: Meta,
    /// The form token to put in this client's forms.
    pub csrf: String,
    /// The path and query of the request, to come back to after switching language.
    pub path: String,
    pub bearer: bool,
    pub https: bool,
    /// The time zone the caller reads times in.
    pub zone: guildhall_domain::Zone,
    pub brand: Arc<guildhall_app::Brand>,
}

impl Ctx {
    pub fn tr(&self) -> Tr {
        Tr(self.lang)
    }

    pub fn actor(&self) -> Option<&Actor> {
        self.caller.actor()
    }

    pub fn require(&self) -> Result<&Actor, Error> {
        self.caller.require()
    }
}

tokio::task_local! {
    /// The context of the request being handled, for rendering errors.
    pub static CTX: Arc<Ctx>;
}

/// The current request's context, if one is being handled.
pub fn current() -> Option<Arc<Ctx>> {
    CTX.try_with(Arc::clone).ok()
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Arc<Ctx>>()
            .map(|c| (**c).clone())
            .ok_or_else(|| StatusCode::INTERNAL_SERVER_ERROR.into_response())
    }
}

/// The value of one cookie.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Lax, for the whole site; Secure over HTTPS.
pub fn set_cookie(name: &str, value: &str, max_age: Option<i64>, https: bool) -> HeaderValue {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(age) = max_age {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if https {
        c.push_str("; Secure");
    }
    HeaderValue::from_str(&c).unwrap_or_else(|_| HeaderValue::from_static("invalid=; Path=/"))
}

fn client_ip(req: &Request, trust_proxy: bool) -> Option<String> {
    if trust_proxy
        && let Some(ip) = req
            .headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            // The entry the trusted proxy added is the last one; those before it are what
            // the client claimed.
            .and_then(|v| v.split(',').next_back())
            .map(|s| s.trim().chars().take(64).collect::<String>())
            .filter(|s| !s.is_empty())
    {
        return Some(ip);
    }
    req.extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
}

fn is_unsafe(m: &Method) -> bool {
    !matches!(*m, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Whether the browser says the request came from another site.
fn foreign_origin(headers: &HeaderMap, public_url: &str) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && !matches!(site, "same-origin" | "none")
    {
        return true;
    }
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        if origin == "null" {
            return true;
        }
        let host = headers
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let same_host = origin
            .split_once("://")
            .is_some_and(|(_, rest)| rest.trim_end_matches('/') == host);
        let same_public = origin.trim_end_matches('/') == public_origin(public_url);
        return !(same_host || same_public);
    }
    false
}

fn public_origin(url: &str) -> &str {
    match url.find("://") {
        Some(i) => match url[i + 3..].find('/') {
            Some(j) => &url[..i + 3 + j],
            None => url,
        },
        None => url,
    }
}

fn wants_json(path: &str) -> bool {
    path.starts_with("/api/")
}

fn refuse(path: &str, err: Error) -> Response {
    if wants_json(path) {
        ApiError(err).into_response()
    } else {
        PageError(err).into_response()
    }
}

/// Refuses a request before its caller is known (the token or session could not be read):
/// the answer speaks the language the visitor's cookie or browser asks for.
async fn refuse_unknown(path: &str, err: Error, lang: Lang, https: bool) -> Response {
    let ctx = Arc::new(Ctx {
        caller: Caller::Anonymous,
        lang,
        meta: Meta {
            ip: None,
            lang,
            user_agent: None,
            device: None,
        },
        csrf: String::new(),
        path: path.to_owned(),
        bearer: false,
        https,
        zone: guildhall_domain::Zone::UTC,
        brand: Arc::new(guildhall_app::Brand::default()),
    });
    let path = path.to_owned();
    CTX.scope(ctx, async move { refuse(&path, err) }).await
}

/// The language a visitor asks for: the language cookie, then the browser's languages, then
/// the deployment's default.
fn visitor_lang(headers: &HeaderMap, default: Lang) -> Lang {
    cookie(headers, LANG_COOKIE)
        .and_then(Lang::parse)
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::negotiate)
        })
        .unwrap_or(default)
}

/// How far into a multipart body its first part (the form token) is looked for.
const MULTIPART_PREFIX: usize = 16 * 1024;

/// Reads the `csrf` field of a form body, handing the body back unchanged. A form that
/// uploads files (`multipart/form-data`) must send the token as its first part: only that
/// much of the body is read here, and the rest streams on to the handler untouched.
async fn form_token(req: Request) -> Result<(Request, Option<String>), Response> {
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    if content_type.starts_with("multipart/form-data") {
        return Ok(multipart_token(req, &content_type).await);
    }
    let is_form = content_type.starts_with("application/x-www-form-urlencoded");
    if !is_form {
        return Ok((req, None));
    }
    let (parts, body) = req.into_parts();
    let bytes = match axum::body::to_bytes(body, crate::BODY_LIMIT).await {
        Ok(b) => b,
        Err(_) => {
            return Err(refuse(
                parts.uri.path(),
                Error::refused("payload_too_large"),
            ));
        }
    };
    let token = form_urlencoded::parse(&bytes)
        .find(|(k, _)| k == CSRF_FIELD)
        .map(|(_, v)| v.into_owned());
    Ok((Request::from_parts(parts, Body::from(bytes)), token))
}

/// The token in the first part of a multipart body, and the request with its body whole.
async fn multipart_token(req: Request, content_type: &str) -> (Request, Option<String>) {
    use futures::StreamExt;
    let Some(boundary) = content_type
        .split(';')
        .filter_map(|p| p.trim().strip_prefix("boundary="))
        .next()
        .map(|b| b.trim_matches('"').to_owned())
    else {
        return (req, None);
    };
    let (parts, body) = req.into_parts();
    let mut stream = body.into_data_stream();
    let mut prefix: Vec<u8> = Vec::new();
    let mut token = None;
    let mut failed = None;
    while prefix.len() < MULTIPART_PREFIX {
        match stream.next().await {
            Some(Ok(data)) => prefix.extend_from_slice(&data),
            Some(Err(e)) => {
                failed = Some(e);
                break;
            }
            None => break,
        }
        if let Some(t) = first_part_token(&prefix, &boundary) {
            token = t;
            break;
        }
    }
    let head = futures::stream::iter(
        std::iter::once(Ok(axum::body::Bytes::from(prefix))).chain(failed.map(Err)),
    );
    let whole = head.chain(stream);
    (Request::from_parts(parts, Body::from_stream(whole)), token)
}

/// `Some(token)` once the first part of a multipart body has been read whole (`Some(None)`
/// when that part is not the form token), `None` while more is needed.
fn first_part_token(buf: &[u8], boundary: &str) -> Option<Option<String>> {
    let open = format!("--{boundary}\r\n");
    let close = format!("\r\n--{boundary}");
    let start = find(buf, open.as_bytes())? + open.len();
    let head_end = find(&buf[start..], b"\r\n\r\n")? + start;
    let value_start = head_end + 4;
    let value_end = find(&buf[value_start..], close.as_bytes())? + value_start;
    let head = String::from_utf8_lossy(&buf[start..head_end]).to_ascii_lowercase();
    let named = head.lines().any(|l| {
        l.starts_with("content-disposition:") && l.contains(&format!("name=\"{CSRF_FIELD}\""))
    });
    if !named {
        return Some(None);
    }
    Some(String::from_utf8(buf[value_start..value_end].to_vec()).ok())
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

pub async fn context(State(st): State<AppState>, req: Request, next: Next) -> Response {
    let counter = Arc::new(AtomicU32::new(0));
    let expose = st.web.expose_statement_count;
    let c2 = counter.clone();
    // Every answer carries the security headers, refusals made before a handler ran too;
    // whatever needs credentials is never stored.
    let personal = req.headers().contains_key(header::AUTHORIZATION)
        || cookie(req.headers(), SESSION_COOKIE).is_some()
        || wants_json(req.uri().path());
    let https = st.app.config().is_https();
    let mut resp = guildhall_store::STATEMENTS
        .scope(counter, async move { context_inner(st, req, next).await })
        .await;
    security_headers(resp.headers_mut(), personal, https);
    if expose && let Ok(v) = HeaderValue::from_str(&c2.load(Ordering::Relaxed).to_string()) {
        resp.headers_mut().insert("x-sql-statements", v);
    }
    resp
}

async fn context_inner(st: AppState, req: Request, next: Next) -> Response {
    let app = &st.app;
    let path = req.uri().path().to_owned();
    let headers = req.headers().clone();
    let https = app.config().is_https();
    let mut set_cookies: Vec<HeaderValue> = Vec::new();

    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(|t| t.trim().to_owned());
    let visitor = visitor_lang(&headers, app.config().default_lang);
    let caller = if let Some(token) = &bearer {
        match app.authenticate_token(token).await {
            Ok(Some(a)) => Caller::Person(a),
            Ok(None) => {
                return refuse_unknown(&path, Error::refused("token_invalid"), visitor, https)
                    .await;
            }
            Err(e) => return refuse_unknown(&path, e, visitor, https).await,
        }
    } else if let Some(session) = cookie(&headers, SESSION_COOKIE) {
        match app.authenticate_session(session).await {
            Ok(Some(a)) => Caller::Person(a),
            Ok(None) => {
                set_cookies.push(set_cookie(SESSION_COOKIE, "", Some(0), https));
                Caller::Anonymous
            }
            Err(e) => return refuse_unknown(&path, e, visitor, https).await,
        }
    } else {
        Caller::Anonymous
    };

    let lang = caller.actor().map_or(visitor, |a| a.lang);
    let zone = match app.viewer_zone(caller.actor()).await {
        Ok(z) => z,
        Err(e) => return refuse_unknown(&path, e, visitor, https).await,
    };

    let binding = match caller.actor().map(|a| &a.via) {
        Some(AuthVia::Session(h)) => format!("s:{h}"),
        _ => match cookie(&headers, VISITOR_COOKIE) {
            Some(v) => format!("v:{v}"),
            None => {
                let v = guildhall_app::crypto::random_token();
                set_cookies.push(set_cookie(VISITOR_COOKIE, &v, None, https));
                format!("v:{v}")
            }
        },
    };
    let csrf = app.form_token(&binding);
    let meta = Meta {
        ip: client_ip(&req, st.web.trust_proxy),
        lang,
        user_agent: headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
        device: cookie(&headers, DEVICE_COOKIE).map(str::to_owned),
    };
    let ctx = Arc::new(Ctx {
        caller,
        lang,
        meta,
        csrf: csrf.clone(),
        path: req
            .uri()
            .path_and_query()
            .map_or_else(|| path.clone(), |p| p.to_string()),
        bearer: bearer.is_some(),
        https,
        zone,
        brand: st.brand.clone(),
    });

    let mut req = req;
    if is_unsafe(req.method()) && bearer.is_none() {
        let refuse_csrf = |ctx: &Arc<Ctx>| {
            let ctx = ctx.clone();
            let path = path.clone();
            async move {
                CTX.scope(
                    ctx,
                    async move { refuse(&path, Error::refused("csrf_failed")) },
                )
                .await
            }
        };
        if foreign_origin(&headers, &app.config().public_url) {
            return refuse_csrf(&ctx).await;
        }
        let header_token = headers
            .get(CSRF_HEADER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let has_session = cookie(&headers, SESSION_COOKIE).is_some();
        let token = if wants_json(&path) {
            if !has_session {
                // Without ambient credentials there is nothing to forge.
                Some(csrf.clone())
            } else {
                header_token
            }
        } else {
            match header_token {
                Some(t) => Some(t),
                None => match form_token(req).await {
                    Ok((r, t)) => {
                        req = r;
                        t
                    }
                    Err(resp) => return resp,
                },
            }
        };
        if !token.is_some_and(|t| app.form_token_valid(&binding, &t)) {
            return refuse_csrf(&ctx).await;
        }
    }

    req.extensions_mut().insert(ctx.clone());
    let mut resp = CTX.scope(ctx, next.run(req)).await;
    for c in set_cookies {
        resp.headers_mut().append(header::SET_COOKIE, c);
    }
    resp
}

/// Headers every answer carries. What a signed-in person is shown, and every API answer, is
/// never stored by a browser or a proxy (`no-store`), unless the handler chose its own
/// caching (the versioned static files). Over HTTPS browsers are told to keep to it.
fn security_headers(h: &mut HeaderMap, personal: bool, https: bool) {
    if personal {
        h.entry(header::CACHE_CONTROL)
            .or_insert(HeaderValue::from_static("no-store"));
    }
    if https {
        h.entry(header::STRICT_TRANSPORT_SECURITY)
            .or_insert(HeaderValue::from_static(
                "max-age=31536000; includeSubDomains",
            ));
    }
    h.entry("content-security-policy").or_insert(HeaderValue::from_static(
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'",
    ));
    h.entry("x-content-type-options")
        .or_insert(HeaderValue::from_static("nosniff"));
    h.entry("referrer-policy")
        .or_insert(HeaderValue::from_static("same-origin"));
    h.entry("x-frame-options")
        .or_insert(HeaderValue::from_static("DENY"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins() {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_static("127.0.0.1:8080"));
        assert!(!foreign_origin(&h, "http://127.0.0.1:8080"));
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://127.0.0.1:8080"),
        );
        assert!(!foreign_origin(&h, "http://example.org"));
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("https://evil.example"),
        );
        assert!(foreign_origin(&h, "http://127.0.0.1:8080"));
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("https://guildhall.example"),
        );
        assert!(!foreign_origin(&h, "https://guildhall.example/"));
        h.remove(header::ORIGIN);
        h.insert("sec-fetch-site", HeaderValue::from_static("cross-site"));
        assert!(foreign_origin(&h, "http://127.0.0.1:8080"));
    }

    #[test]
    fn multipart_token_is_its_first_part() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nabc.def\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF";
        assert_eq!(
            first_part_token(body, "XyZ"),
            Some(Some("abc.def".to_owned()))
        );
        assert_eq!(first_part_token(&body[..30], "XyZ"), None, "needs more");
        let other = b"--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nx\r\n--XyZ--";
        assert_eq!(first_part_token(other, "XyZ"), Some(None));
    }

    #[test]
    fn cookies_parse() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; gh_session=abc; b="),
        );
        assert_eq!(cookie(&h, "gh_session"), Some("abc"));
        assert_eq!(cookie(&h, "b"), None);
        assert_eq!(cookie(&h, "c"), None);
    }
}
