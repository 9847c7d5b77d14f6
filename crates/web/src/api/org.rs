//! The organisation tree over JSON.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use guildhall_app::org::{NewOrg, OrgView};
use guildhall_domain::{Localized, OrgId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::actor;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{ApiError, ErrorBody};
use crate::extract::{ApiJson, Id};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_orgs, create_org))
        .routes(routes!(get_org, update_org))
}

/// A name in up to four languages; at least one is required.
#[derive(Serialize, Deserialize, ToSchema, Default)]
pub struct Names {
    pub hu: Option<String>,
    pub pl: Option<String>,
    pub ru: Option<String>,
    pub en: Option<String>,
}

impl From<Names> for Localized {
    fn from(n: Names) -> Self {
        Localized::new(n.hu, n.pl, n.ru, n.en)
    }
}

impl From<&Localized> for Names {
    fn from(l: &Localized) -> Self {
        Names {
            hu: l.hu.clone(),
            pl: l.pl.clone(),
            ru: l.ru.clone(),
            en: l.en.clone(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct OrgBody {
    pub id: Uuid,
    pub parent: Option<Uuid>,
    /// `country`, `region`, `cluster`, `institution`, `provider` or `employer`.
    pub kind: String,
    pub code: String,
    /// The name in the caller's language (or the nearest one present).
    pub name: String,
    pub names: Names,
    pub depth: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl OrgBody {
    pub fn from_view(o: &OrgView, lang: guildhall_domain::Lang) -> Self {
        OrgBody {
            id: o.id.0,
            parent: o.parent.map(|p| p.0),
            kind: o.kind.as_str().to_owned(),
            code: o.code.clone(),
            name: o.names.get(lang).to_owned(),
            names: (&o.names).into(),
            depth: o.depth,
            created_at: o.created_at,
            updated_at: o.updated_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct OrgList {
    pub items: Vec<OrgBody>,
    pub total: u64,
}

#[derive(Deserialize, ToSchema)]
pub struct NewOrgRequest {
    /// Omit for a country.
    pub parent: Option<Uuid>,
    pub kind: String,
    pub code: String,
    #[serde(default)]
    pub names: Names,
    /// An IANA time zone (`Europe/Warsaw`) for a region or country whose sessions keep their
    /// own time; by default the parent's, else the deployment's.
    pub time_zone: Option<String>,
}

#[derive(Deserialize, ToSchema)]
pub struct UpdateOrgRequest {
    pub code: String,
    #[serde(default)]
    pub names: Names,
}

/// The whole organisation tree, parents before children.
#[utoipa::path(get, path = "/api/v1/organisations", tag = "org", security(("bearer" = [])),
    responses((status = 200, body = OrgList), (status = 401, body = ErrorBody)))]
async fn list_orgs(ctx: Ctx, State(st): State<AppState>) -> Result<Json<OrgList>, ApiError> {
    let a = actor(&ctx)?;
    let orgs = st.app.list_orgs(a).await?;
    Ok(Json(OrgList {
        total: orgs.len() as u64,
        items: orgs
            .iter()
            .map(|o| OrgBody::from_view(o, ctx.lang))
            .collect(),
    }))
}

/// Creates a node under `parent` (administrators; regional coordinators below their region).
#[utoipa::path(post, path = "/api/v1/organisations", tag = "org", security(("bearer" = [])), request_body = NewOrgRequest,
    responses((status = 201, body = OrgBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_org(
    ctx: Ctx,
    State(st): State<AppState>,
    ApiJson(r): ApiJson<NewOrgRequest>,
) -> Result<(StatusCode, Json<OrgBody>), ApiError> {
    let a = actor(&ctx)?;
    let id = st
        .app
        .create_org(
            a,
            NewOrg {
                parent: r.parent.map(OrgId),
                kind: r.kind,
                code: r.code,
                names: r.names.into(),
                time_zone: r.time_zone,
            },
            &ctx.meta,
        )
        .await?;
    let d = st.app.get_org(a, id).await?;
    Ok((
        StatusCode::CREATED,
        Json(OrgBody::from_view(&d.org, ctx.lang)),
    ))
}

#[utoipa::path(get, path = "/api/v1/organisations/{id}", tag = "org", security(("bearer" = [])),
    params(("id" = Uuid, Path)), responses((status = 200, body = OrgBody), (status = 404, body = ErrorBody)))]
async fn get_org(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<OrgId>,
) -> Result<Json<OrgBody>, ApiError> {
    let a = actor(&ctx)?;
    let d = st.app.get_org(a, id).await?;
    Ok(Json(OrgBody::from_view(&d.org, ctx.lang)))
}

/// Changes a node's code or names.
#[utoipa::path(patch, path = "/api/v1/organisations/{id}", tag = "org", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = UpdateOrgRequest,
    responses((status = 200, body = OrgBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn update_org(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<OrgId>,
    ApiJson(r): ApiJson<UpdateOrgRequest>,
) -> Result<Json<OrgBody>, ApiError> {
    let a = actor(&ctx)?;
    let o = st
        .app
        .update_org(a, id, &r.code, r.names.into(), &ctx.meta)
        .await?;
    Ok(Json(OrgBody::from_view(&o, ctx.lang)))
}
