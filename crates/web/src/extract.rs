//! Extractors that turn malformed input into the same translated errors as everything else,
//! instead of axum's plain-text rejections.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use guildhall_app::Error;
use serde::de::DeserializeOwned;

use crate::error::{ApiError, PageError};

/// Reads form-encoded pairs (a query or a form body) into `T`. A browser sends every field of
/// a form, the empty ones as `name=`: an empty field means the person gave no value, so it
/// is read as absent (an optional date left blank is `None`, not a date that fails to
/// parse). Should `T` need a field that is present even when empty, the pairs are read as
/// sent.
fn form_pairs<T: DeserializeOwned>(raw: &[u8]) -> Result<T, ()> {
    let given: Vec<(String, String)> = form_urlencoded::parse(raw)
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let stripped: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&given)
        .finish();
    serde_html_form::from_str(&stripped)
        .or_else(|_| serde_html_form::from_bytes(raw))
        .map_err(|_| ())
}

/// A JSON body; a wrong content type, bad JSON or a body of the wrong shape is a 4xx with a
/// translated message.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(ApiJson(v)),
            Err(JsonRejection::MissingJsonContentType(_)) => {
                Err(ApiError(Error::refused("unsupported_media_type")))
            }
            Err(JsonRejection::BytesRejection(_)) => {
                Err(ApiError(Error::refused("payload_too_large")))
            }
            Err(e) => {
                tracing::debug!(error = %e, "malformed JSON body");
                Err(ApiError(Error::refused("malformed_body")))
            }
        }
    }
}

/// Query parameters for the API (repeated keys allowed: `competence=A&competence=B`).
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        form_pairs(parts.uri.query().unwrap_or("").as_bytes())
            .map(ApiQuery)
            .map_err(|_| ApiError(Error::refused("malformed_query")))
    }
}

/// A JSON body that may be left out entirely (an empty body is `None`).
pub struct ApiJsonOpt<T>(pub Option<T>);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJsonOpt<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let has_body = req
            .headers()
            .get(axum::http::header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .is_none_or(|v| v != "0");
        let has_type = req.headers().contains_key(axum::http::header::CONTENT_TYPE);
        if !has_body || !has_type {
            return Ok(ApiJsonOpt(None));
        }
        ApiJson::<T>::from_request(req, state)
            .await
            .map(|j| ApiJsonOpt(Some(j.0)))
    }
}

/// Query parameters for pages (repeated keys allowed, as HTML forms send them).
pub struct PageQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for PageQuery<T> {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let q = parts.uri.query().unwrap_or("");
        form_pairs(q.as_bytes())
            .map(PageQuery)
            .map_err(|_| PageError(Error::refused("malformed_query")))
    }
}

/// A form body (`application/x-www-form-urlencoded`, repeated keys allowed).
pub struct PageForm<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for PageForm<T> {
    type Rejection = Response;

    async fn from_request(req: Request, _state: &S) -> Result<Self, Self::Rejection> {
        let is_form = req
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"));
        if !is_form {
            return Err(PageError(Error::refused("unsupported_media_type")).into_response());
        }
        let bytes = axum::body::to_bytes(req.into_body(), crate::BODY_LIMIT)
            .await
            .map_err(|_| PageError(Error::refused("payload_too_large")).into_response())?;
        form_pairs(&bytes)
            .map(PageForm)
            .map_err(|_| PageError(Error::refused("malformed_body")).into_response())
    }
}

/// An id in the path. Anything that is not a well-formed id is "not found", as an unknown id
/// would be.
pub struct Id<T>(pub T);

impl<T, S> FromRequestParts<S> for Id<T>
where
    T: std::str::FromStr + Send,
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let api = parts.uri.path().starts_with("/api/");
        let not_found = || {
            if api {
                ApiError(Error::NotFound).into_response()
            } else {
                PageError(Error::NotFound).into_response()
            }
        };
        let Path(raw) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| not_found())?;
        raw.parse::<T>().map(Id).map_err(|_| not_found())
    }
}

/// Two ids in the path.
pub struct Ids<A, B>(pub A, pub B);

impl<A, B, S> FromRequestParts<S> for Ids<A, B>
where
    A: std::str::FromStr + Send,
    B: std::str::FromStr + Send,
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let api = parts.uri.path().starts_with("/api/");
        let not_found = || {
            if api {
                ApiError(Error::NotFound).into_response()
            } else {
                PageError(Error::NotFound).into_response()
            }
        };
        let Path((a, b)) = Path::<(String, String)>::from_request_parts(parts, state)
            .await
            .map_err(|_| not_found())?;
        match (a.parse::<A>(), b.parse::<B>()) {
            (Ok(a), Ok(b)) => Ok(Ids(a, b)),
            _ => Err(not_found()),
        }
    }
}
