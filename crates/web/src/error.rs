//! Turning errors into responses, in one place.
//!
//! The API answers with a JSON body `{code, message, fields?}`: `code` is stable and
//! snake_case, `message` is translated into the caller's language. Pages answer with a
//! translated error page, or send an anonymous visitor to the log-in page. Nothing a client
//! sends produces a 500; a panic in a handler is caught and answered as an internal error.

use std::any::Any;

use axum::Json;
use axum::extract::Request;
use axum::http::header::{self, HeaderValue};
use axum::http::{StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use futures::FutureExt;
use guildhall_app::Error;
use guildhall_domain::Lang;
use guildhall_i18n as i18n;
use serde::Serialize;
use utoipa::ToSchema;

use crate::ctx;

pub fn status_of(e: &Error) -> StatusCode {
    match e {
        Error::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
        Error::NotFound => StatusCode::NOT_FOUND,
        Error::Forbidden => StatusCode::FORBIDDEN,
        Error::Unauthenticated => StatusCode::UNAUTHORIZED,
        Error::Conflict(_) => StatusCode::CONFLICT,
        Error::Refused(p) => match p.code {
            "invalid_credentials" | "token_invalid" => StatusCode::UNAUTHORIZED,
            "payload_too_large" => StatusCode::PAYLOAD_TOO_LARGE,
            "unsupported_media_type" => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "malformed_body" | "malformed_query" | "link_invalid" => StatusCode::BAD_REQUEST,
            "method_not_allowed" => StatusCode::METHOD_NOT_ALLOWED,
            _ => StatusCode::FORBIDDEN,
        },
        Error::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
        Error::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        Error::StorageFull => StatusCode::INSUFFICIENT_STORAGE,
        Error::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// The translated message of an error.
pub fn message(e: &Error, lang: Lang) -> String {
    match e.problem() {
        Some(p) => i18n::problem(lang, p),
        None => i18n::t(lang, &i18n::error_key(e.code())),
    }
}

fn request_lang() -> Lang {
    ctx::current().map_or(Lang::En, |c| c.lang)
}

/// One problem with one field, in an API error.
#[derive(Serialize, ToSchema)]
pub struct FieldErrorBody {
    pub field: String,
    pub code: String,
    pub message: String,
}

/// The body of every API error.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    /// Stable, snake_case; safe to branch on.
    pub code: String,
    /// Translated into the caller's language.
    pub message: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldErrorBody>,
}

/// An error answered as JSON.
#[derive(Debug)]
pub struct ApiError(pub Error);

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        ApiError(e)
    }
}

pub(crate) fn with_retry(mut resp: Response, e: &Error) -> Response {
    let secs = match e {
        Error::RateLimited { retry_after_secs } => Some(*retry_after_secs),
        Error::Unavailable => Some(5),
        Error::StorageFull => Some(60),
        _ => None,
    };
    if let Some(s) = secs
        && let Ok(v) = HeaderValue::from_str(&s.to_string())
    {
        resp.headers_mut().insert(header::RETRY_AFTER, v);
    }
    resp
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let lang = request_lang();
        let e = self.0;
        let fields = match &e {
            Error::Invalid(ps) => {
                ps.0.iter()
                    .map(|fp| FieldErrorBody {
                        field: fp.field.clone(),
                        code: fp.problem.code.to_owned(),
                        message: i18n::problem(lang, &fp.problem),
                    })
                    .collect()
            }
            _ => Vec::new(),
        };
        let body = ErrorBody {
            code: e.code().to_owned(),
            message: message(&e, lang),
            fields,
        };
        let mut resp = (status_of(&e), Json(body)).into_response();
        if matches!(e, Error::Unauthenticated) {
            resp.headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        with_retry(resp, &e)
    }
}

/// An error answered as a page.
#[derive(Debug)]
pub struct PageError(pub Error);

impl From<Error> for PageError {
    fn from(e: Error) -> Self {
        PageError(e)
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let e = self.0;
        let ctx = ctx::current();
        if matches!(e, Error::Unauthenticated) {
            let next = ctx
                .as_ref()
                .map_or_else(|| "/".to_owned(), |c| c.path.clone());
            let target = format!(
                "/login?next={}",
                form_urlencoded::byte_serialize(next.as_bytes()).collect::<String>()
            );
            return Redirect::to(&target).into_response();
        }
        let status = status_of(&e);
        let resp = match ctx {
            Some(c) => crate::pages::error_page(&c, status, &e),
            None => (status, message(&e, Lang::En)).into_response(),
        };
        with_retry(resp, &e)
    }
}

/// The fallback for paths that match no route.
pub async fn not_found(uri: Uri) -> Response {
    if uri.path().starts_with("/api/") {
        ApiError(Error::NotFound).into_response()
    } else {
        PageError(Error::NotFound).into_response()
    }
}

pub async fn method_not_allowed(uri: Uri) -> Response {
    let e = Error::refused("method_not_allowed");
    if uri.path().starts_with("/api/") {
        ApiError(e).into_response()
    } else {
        PageError(e).into_response()
    }
}

/// Answers a panic inside a handler with a 500 instead of a dropped connection.
pub async fn catch_panic(req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    match std::panic::AssertUnwindSafe(next.run(req))
        .catch_unwind()
        .await
    {
        Ok(resp) => resp,
        Err(panic) => {
            let what = panic_message(&panic);
            tracing::error!(panic = %what, "a request handler panicked");
            let e = Error::Internal(what);
            if api {
                ApiError(e).into_response()
            } else {
                (StatusCode::INTERNAL_SERVER_ERROR, message(&e, Lang::En)).into_response()
            }
        }
    }
}

fn panic_message(p: &Box<dyn Any + Send>) -> String {
    p.downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_owned())
}
