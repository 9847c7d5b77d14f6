//! Recognition of outside learning over JSON: submitting with an evidence file
//! (`multipart/form-data`), the caller's list, the queue of those who decide, approval and
//! rejection, and the evidence file itself.

use axum::Json;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate, Utc};
use guildhall_app::Error;
use guildhall_app::recognitions::{Evidence, RecognitionInput};
use guildhall_store::entities::recognition;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::{Done, actor, done};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{ApiError, ErrorBody};
use crate::extract::{ApiJson, Id};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(submit, mine))
        .layer(DefaultBodyLimit::max(12 * 1024 * 1024))
        .routes(routes!(to_decide))
        .routes(routes!(approve))
        .routes(routes!(reject))
        .routes(routes!(evidence))
}

/// The form fields of a submission.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct RecognitionForm {
    /// `training` (outside learning) or `industry` (time in a company).
    kind: String,
    title: String,
    provider: String,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    hours: f64,
    /// Competence keys, comma-separated (`DIGCOMPEDU:2.3`).
    competences: Option<String>,
    /// A PDF, JPEG or PNG of at most 10 MB.
    #[schema(value_type = String, format = Binary)]
    evidence: Vec<u8>,
}

#[derive(Serialize, ToSchema)]
pub struct RecognitionBody {
    pub id: Uuid,
    pub person: Uuid,
    pub person_name: Option<String>,
    pub kind: String,
    pub title: String,
    pub provider: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub hours: f64,
    pub competences: Vec<String>,
    pub evidence_name: String,
    pub evidence_type: String,
    pub evidence_size: i32,
    /// `pending`, `approved` or `rejected`.
    pub status: String,
    pub reason: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

fn body_of(r: &recognition::Model, name: Option<String>) -> RecognitionBody {
    RecognitionBody {
        id: r.id,
        person: r.person_id,
        person_name: name,
        kind: r.kind.clone(),
        title: r.title.clone(),
        provider: r.provider.clone(),
        starts_on: r.starts_on,
        ends_on: r.ends_on,
        hours: f64::from(r.minutes) / 60.0,
        competences: r
            .competences
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
        evidence_name: r.evidence_name.clone(),
        evidence_type: r.evidence_type.clone(),
        evidence_size: r.evidence_size,
        status: r.status.clone(),
        reason: r.reason.clone(),
        decided_at: r.decided_at,
        created_at: r.created_at,
    }
}

#[derive(Serialize, ToSchema)]
pub struct RecognitionList {
    pub items: Vec<RecognitionBody>,
}

#[derive(Serialize, ToSchema)]
pub struct RecognitionCreated {
    pub id: Uuid,
}

/// The request's multipart body, read only once the caller is known.
pub async fn multipart_of(req: axum::extract::Request, st: &AppState) -> Result<Multipart, Error> {
    use axum::extract::FromRequest;
    Multipart::from_request(req, st)
        .await
        .map_err(|_| Error::refused("unsupported_media_type"))
}

/// Reads a submission form; a field that cannot be read is an input problem.
pub async fn read_form(
    mut multipart: Multipart,
) -> Result<(RecognitionInput, Option<Evidence>), Error> {
    let mut input = RecognitionInput::default();
    let mut evidence = None;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(_) => return Err(Error::invalid_field("evidence", "evidence_too_large")),
        };
        let name = field.name().unwrap_or("").to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let bytes = field
            .bytes()
            .await
            .map_err(|_| Error::invalid_field("evidence", "evidence_too_large"))?;
        if name == "evidence" {
            if !bytes.is_empty() {
                evidence = Some(Evidence {
                    name: file_name.unwrap_or_default(),
                    bytes: bytes.to_vec(),
                });
            }
            continue;
        }
        let text = String::from_utf8_lossy(&bytes).trim().to_owned();
        match name.as_str() {
            "kind" => input.kind = text,
            "title" => input.title = text,
            "provider" => input.provider = text,
            "starts_on" => input.starts_on = NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok(),
            "ends_on" => input.ends_on = NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok(),
            "hours" => input.hours = text.replace(',', ".").parse().unwrap_or(f64::NAN),
            "competences" => {
                input.competences = text
                    .split([',', ' '])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect()
            }
            _ => {}
        }
    }
    Ok((input, evidence))
}

/// Submits outside learning for recognition, with its evidence.
#[utoipa::path(post, path = "/api/v1/me/recognitions", tag = "compliance", security(("bearer" = [])),
    request_body(content = RecognitionForm, content_type = "multipart/form-data"),
    responses((status = 201, body = RecognitionCreated), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn submit(
    ctx: Ctx,
    State(st): State<AppState>,
    req: axum::extract::Request,
) -> Result<(StatusCode, Json<RecognitionCreated>), ApiError> {
    let a = actor(&ctx)?;
    let multipart = multipart_of(req, &st).await?;
    let (input, evidence) = read_form(multipart).await?;
    let id = st
        .app
        .submit_recognition(a, &input, evidence, &ctx.meta)
        .await?;
    Ok((StatusCode::CREATED, Json(RecognitionCreated { id })))
}

/// The caller's recognitions, newest first.
#[utoipa::path(get, path = "/api/v1/me/recognitions", tag = "compliance", security(("bearer" = [])),
    responses((status = 200, body = RecognitionList), (status = 401, body = ErrorBody)))]
async fn mine(ctx: Ctx, State(st): State<AppState>) -> Result<Json<RecognitionList>, ApiError> {
    let a = actor(&ctx)?;
    let items = st
        .app
        .my_recognitions(a)
        .await?
        .iter()
        .map(|r| body_of(r, None))
        .collect();
    Ok(Json(RecognitionList { items }))
}

/// Pending recognitions the caller decides (institution heads, quality reviewers,
/// administrators), oldest first.
#[utoipa::path(get, path = "/api/v1/recognitions", tag = "compliance", security(("bearer" = [])),
    responses((status = 200, body = RecognitionList), (status = 403, body = ErrorBody)))]
async fn to_decide(
    ctx: Ctx,
    State(st): State<AppState>,
) -> Result<Json<RecognitionList>, ApiError> {
    let a = actor(&ctx)?;
    let items = st
        .app
        .recognitions_to_decide(a)
        .await?
        .into_iter()
        .map(|v| body_of(&v.row, Some(v.person_name)))
        .collect();
    Ok(Json(RecognitionList { items }))
}

/// Approves a recognition: its hours go to the person's ledger.
#[utoipa::path(post, path = "/api/v1/recognitions/{id}/approve", tag = "compliance", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Done), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn approve(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<Uuid>,
) -> Result<Json<Done>, ApiError> {
    let a = actor(&ctx)?;
    st.app
        .decide_recognition(a, id, true, "", &ctx.meta)
        .await?;
    Ok(done())
}

#[derive(Deserialize, ToSchema)]
pub struct RejectBody {
    pub reason: String,
}

/// Rejects a recognition with a reason.
#[utoipa::path(post, path = "/api/v1/recognitions/{id}/reject", tag = "compliance", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = RejectBody,
    responses((status = 200, body = Done), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn reject(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<Uuid>,
    ApiJson(b): ApiJson<RejectBody>,
) -> Result<Json<Done>, ApiError> {
    let a = actor(&ctx)?;
    st.app
        .decide_recognition(a, id, false, &b.reason, &ctx.meta)
        .await?;
    Ok(done())
}

/// The evidence file (the person, and those who decide their recognitions).
#[utoipa::path(get, path = "/api/v1/recognitions/{id}/evidence", tag = "compliance", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, description = "The file as uploaded"), (status = 404, body = ErrorBody)))]
async fn evidence(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<Uuid>,
) -> Result<Response, ApiError> {
    let a = actor(&ctx)?;
    let (r, bytes) = st.app.recognition_evidence(a, id).await?;
    Ok(evidence_response(&r, bytes))
}

/// An evidence file as a download, typed by what it was recognised as.
pub fn evidence_response(r: &recognition::Model, bytes: Vec<u8>) -> Response {
    let ext = match r.evidence_type.as_str() {
        "application/pdf" => "pdf",
        "image/png" => "png",
        _ => "jpg",
    };
    (
        [
            (header::CONTENT_TYPE, r.evidence_type.clone()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"evidence-{}.{ext}\"", r.id),
            ),
        ],
        bytes,
    )
        .into_response()
}
