//! Certificates over JSON: the caller's certificates, a certificate as a signed Open Badges
//! 3.0 credential (public to whoever has its code), revocation and re-issue.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate, Utc};
use guildhall_app::certificates::CertificateView;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::{Done, actor, done};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{ApiError, ErrorBody};
use crate::extract::ApiJson;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(my_certificates))
        .routes(routes!(credential))
        .routes(routes!(certificate_pdf))
        .routes(routes!(revoke))
        .routes(routes!(reissue))
}

#[derive(Serialize, ToSchema)]
pub struct CertificateBody {
    pub id: Uuid,
    pub serial: String,
    /// The verification code; `/verify/{code}` shows the certificate to anyone.
    pub code: String,
    /// `valid`, `revoked` or `replaced`.
    pub status: String,
    pub programme: Uuid,
    pub title: String,
    pub version: i32,
    pub hours: f64,
    pub completed_on: NaiveDate,
    pub issued_at: DateTime<Utc>,
    pub provider: String,
    pub competences: Vec<String>,
    pub verify_url: String,
    pub revoked_at: Option<DateTime<Utc>>,
    pub reason: Option<String>,
    pub replaced_by: Option<String>,
}

fn body_of(st: &AppState, c: &CertificateView) -> CertificateBody {
    CertificateBody {
        id: c.id,
        serial: c.serial.clone(),
        code: c.code.clone(),
        status: c.status.clone(),
        programme: c.programme,
        title: c.title.clone(),
        version: c.version,
        hours: f64::from(c.minutes) / 60.0,
        completed_on: c.completed_on,
        issued_at: c.issued_at,
        provider: c.provider.clone(),
        competences: c.competences.iter().map(|(k, _)| k.clone()).collect(),
        verify_url: st.app.link(&format!("/verify/{}", c.code)),
        revoked_at: c.revoked_at,
        reason: c.reason.clone(),
        replaced_by: c.replaced_by.clone(),
    }
}

#[derive(Serialize, ToSchema)]
pub struct CertificateList {
    pub items: Vec<CertificateBody>,
}

/// The caller's certificates, newest first.
#[utoipa::path(get, path = "/api/v1/me/certificates", tag = "certificates", security(("bearer" = [])),
    responses((status = 200, body = CertificateList), (status = 401, body = ErrorBody)))]
async fn my_certificates(
    ctx: Ctx,
    State(st): State<AppState>,
) -> Result<Json<CertificateList>, ApiError> {
    let a = actor(&ctx)?;
    let items = st
        .app
        .my_certificates(a)
        .await?
        .iter()
        .map(|c| body_of(&st, c))
        .collect();
    Ok(Json(CertificateList { items }))
}

/// The certificate as an Open Badges 3.0 credential: a VC-JWT signed (EdDSA) with the key
/// in `/.well-known/did.json`, its revocation in `/credentials/status/revocation`.
#[utoipa::path(get, path = "/api/v1/certificates/{code}/credential", tag = "certificates",
    params(("code" = String, Path, description = "The verification code")),
    responses((status = 200, description = "The credential as a compact JWS", content_type = "application/vc+jwt", body = String), (status = 404, body = ErrorBody)))]
async fn credential(
    State(st): State<AppState>,
    axum::extract::Path(code): axum::extract::Path<String>,
) -> Result<Response, ApiError> {
    let jwt = st.app.certificate_credential(&code).await?;
    Ok(([(header::CONTENT_TYPE, "application/vc+jwt")], jwt).into_response())
}

#[derive(Deserialize, ToSchema)]
pub struct RevokeBody {
    pub reason: String,
}

/// Revokes a certificate with a reason (administrators over its holder).
#[utoipa::path(post, path = "/api/v1/certificates/{code}/revoke", tag = "certificates", security(("bearer" = [])),
    params(("code" = String, Path)), request_body = RevokeBody,
    responses((status = 200, body = Done), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn revoke(
    ctx: Ctx,
    State(st): State<AppState>,
    axum::extract::Path(code): axum::extract::Path<String>,
    ApiJson(b): ApiJson<RevokeBody>,
) -> Result<Json<Done>, ApiError> {
    let a = actor(&ctx)?;
    st.app
        .revoke_certificate(a, &code, &b.reason, &ctx.meta)
        .await?;
    Ok(done())
}

#[derive(Serialize, ToSchema)]
pub struct Reissued {
    /// The new certificate's code.
    pub code: String,
}

/// Issues a new certificate for the same completion after a correction; the old one shows
/// as replaced (administrators over its holder).
#[utoipa::path(post, path = "/api/v1/certificates/{code}/reissue", tag = "certificates", security(("bearer" = [])),
    params(("code" = String, Path)),
    responses((status = 201, body = Reissued), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn reissue(
    ctx: Ctx,
    State(st): State<AppState>,
    axum::extract::Path(code): axum::extract::Path<String>,
) -> Result<(StatusCode, Json<Reissued>), ApiError> {
    let a = actor(&ctx)?;
    let code = st.app.reissue_certificate(a, &code, &ctx.meta).await?;
    Ok((StatusCode::CREATED, Json(Reissued { code })))
}

/// The certificate as a PDF in its holder's language (the holder, and those who may see
/// their ledger).
#[utoipa::path(get, path = "/api/v1/certificates/{code}/pdf", tag = "certificates", security(("bearer" = [])),
    params(("code" = String, Path)),
    responses((status = 200, description = "The PDF", content_type = "application/pdf"), (status = 404, body = ErrorBody)))]
async fn certificate_pdf(
    ctx: Ctx,
    State(st): State<AppState>,
    axum::extract::Path(code): axum::extract::Path<String>,
) -> Result<Response, ApiError> {
    let a = actor(&ctx)?;
    let (serial, bytes) = st.app.certificate_pdf(a, &code).await?;
    Ok(pdf_response(&serial, bytes))
}

/// A PDF download named after the certificate's serial number.
pub fn pdf_response(serial: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{serial}.pdf\""),
            ),
        ],
        bytes,
    )
        .into_response()
}
