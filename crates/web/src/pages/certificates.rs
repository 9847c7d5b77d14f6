//! Certificate pages: the public verification page (no log-in), the issuer's DID document
//! and the signed revocation list that verifiers fetch.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use guildhall_app::certificates::{CertificateView, Verification, qr_svg};
use guildhall_app::ledger::format_hours;
use serde::Deserialize;

use super::{Chrome, render_status};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::extract::PageQuery;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/verify", get(verify_form))
        .route("/verify/{code}", get(verify))
        .route("/certificates", get(mine))
        .route("/certificates/{code}/pdf", get(pdf))
        .route("/.well-known/did.json", get(did_document))
        .route("/credentials/status/revocation", get(status_list))
}

#[derive(Template)]
#[template(path = "certificates/verify.html")]
struct VerifyPage {
    c: Chrome,
    /// `valid`, `revoked`, `replaced`, `unknown`, `malformed` or `ask` (the empty form).
    outcome: String,
    cert: Option<CertificateView>,
    qr: String,
    typed: String,
}

impl VerifyPage {
    fn hours(&self, minutes: &i32) -> String {
        format_hours(i64::from(*minutes))
    }

    fn reason(&self, r: &str) -> String {
        match r {
            "completion withdrawn" | "reissued" => {
                self.c.tr.named("verify-reason", &r.replace(' ', "_"))
            }
            other => other.to_owned(),
        }
    }
}

#[derive(Deserialize, Default)]
struct CodeQuery {
    code: Option<String>,
}

/// The form for typing a code; with `?code=` it goes to that code's page.
async fn verify_form(ctx: Ctx, PageQuery(q): PageQuery<CodeQuery>) -> Result<Response, PageError> {
    if let Some(code) = q.code.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        let safe: String = code
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .take(40)
            .collect();
        return Ok(Redirect::to(&format!("/verify/{safe}")).into_response());
    }
    Ok(render_status(
        StatusCode::OK,
        &VerifyPage {
            c: Chrome::new(&ctx, "verify-title", "verify"),
            outcome: "ask".into(),
            cert: None,
            qr: String::new(),
            typed: String::new(),
        },
    ))
}

async fn verify(
    ctx: Ctx,
    State(st): State<AppState>,
    Path(code): Path<String>,
) -> Result<Response, PageError> {
    let found = st.app.verify_certificate(&code, ctx.lang).await?;
    let c = Chrome::new(&ctx, "verify-title", "verify");
    let (status, outcome, cert) = match found {
        Verification::Malformed => (StatusCode::BAD_REQUEST, "malformed".to_owned(), None),
        Verification::Unknown => (StatusCode::NOT_FOUND, "unknown".to_owned(), None),
        Verification::Found(v) => (StatusCode::OK, v.status.clone(), Some(*v)),
    };
    let qr = cert
        .as_ref()
        .map(|v| qr_svg(&st.app.link(&format!("/verify/{}", v.code))))
        .unwrap_or_default();
    Ok(render_status(
        status,
        &VerifyPage {
            c,
            outcome,
            cert,
            qr,
            typed: code.chars().take(40).collect(),
        },
    ))
}

async fn did_document(State(st): State<AppState>) -> Response {
    (
        [(header::CONTENT_TYPE, "application/did+json")],
        st.app.did_document().to_string(),
    )
        .into_response()
}

async fn status_list(State(st): State<AppState>) -> Result<Response, PageError> {
    let jwt = st.app.status_list().await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/vc+jwt"),
            (header::CACHE_CONTROL, "max-age=300"),
        ],
        jwt,
    )
        .into_response())
}

async fn pdf(
    ctx: Ctx,
    State(st): State<AppState>,
    Path(code): Path<String>,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let (serial, bytes) = st.app.certificate_pdf(a, &code).await?;
    Ok(crate::api::certificates::pdf_response(&serial, bytes))
}

#[derive(Template)]
#[template(path = "certificates/mine.html")]
struct MinePage {
    c: Chrome,
    certificates: Vec<CertificateView>,
}

impl MinePage {
    fn hours(&self, minutes: &i32) -> String {
        format_hours(i64::from(*minutes))
    }
}

async fn mine(ctx: Ctx, State(st): State<AppState>) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let certificates = st.app.my_certificates(a).await?;
    Ok(render_status(
        StatusCode::OK,
        &MinePage {
            c: Chrome::new(&ctx, "certificates-title", "compliance"),
            certificates,
        },
    ))
}
