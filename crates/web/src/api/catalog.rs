//! The catalogue over JSON: search, programmes and their lifecycle, frameworks, releases.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, NaiveDate, Utc};
use guildhall_app::Error;
use guildhall_app::catalog::index::{FacetValue, SearchPage, SearchRequest};
use guildhall_app::catalog::{ProgrammeDetail, ProgrammeInput, ProgrammeRow, VersionView};
use guildhall_domain::catalog::{Format, Licence, ProgrammeText, Transition};
use guildhall_domain::identity::LearnerCategory;
use guildhall_domain::{
    Lang, Localized, OrgId, Problem, Problems, ProgrammeId, ReleaseId, VersionId,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::actor;
use super::org::Names;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{ApiError, ErrorBody};
use crate::extract::{ApiJson, ApiJsonOpt, ApiQuery, Id};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(search, create_programme))
        .routes(routes!(get_programme, update_programme))
        .routes(routes!(submit))
        .routes(routes!(approve))
        .routes(routes!(return_programme))
        .routes(routes!(publish))
        .routes(routes!(retire))
        .routes(routes!(my_programmes))
        .routes(routes!(review_queue))
        .routes(routes!(list_frameworks, import_framework))
        .routes(routes!(list_releases, create_release))
        .routes(routes!(get_release))
}

/// Splits repeated or comma-separated values.
fn values(v: &[String]) -> Vec<String> {
    v.iter()
        .flat_map(|s| s.split(','))
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Words to find in titles, descriptions and outcomes, in any of the four languages.
    pub q: Option<String>,
    /// Competence keys such as `DIGCOMPEDU:2.3` (repeat or separate with commas).
    #[serde(default)]
    pub competence: Vec<String>,
    /// Framework areas such as `DIGCOMPEDU:4`.
    #[serde(default)]
    pub area: Vec<String>,
    /// `in_person`, `online_live`, `blended`, `self_paced`.
    #[serde(default)]
    pub format: Vec<String>,
    /// Region codes or ids.
    #[serde(default)]
    pub region: Vec<String>,
    /// Learner categories the programme is for.
    #[serde(default)]
    pub category: Vec<String>,
    /// Language of delivery: `hu`, `pl`, `ru`, `en`.
    #[serde(default)]
    pub lang: Vec<String>,
    pub hours_min: Option<i32>,
    pub hours_max: Option<i32>,
    /// Only programmes with an open session that has a free seat.
    pub free_seats: Option<bool>,
    /// Only programmes with an open session starting on or after this day.
    pub starts_from: Option<NaiveDate>,
    pub starts_to: Option<NaiveDate>,
    /// `relevance` (default), `title`, `newest`, `hours`, `-hours`.
    pub sort: Option<String>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

impl SearchQuery {
    pub fn request(&self) -> SearchRequest {
        SearchRequest {
            text: self.q.clone().unwrap_or_default(),
            competences: values(&self.competence),
            areas: values(&self.area),
            formats: values(&self.format),
            regions: values(&self.region),
            categories: values(&self.category),
            langs: values(&self.lang),
            hours_min: self.hours_min,
            hours_max: self.hours_max,
            free_seats: self.free_seats.unwrap_or(false),
            starts_from: self.starts_from,
            starts_to: self.starts_to,
            sort: self.sort.clone(),
            page: self.page.unwrap_or(1),
            per_page: self.per_page.unwrap_or(20),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct SearchItemBody {
    pub id: Uuid,
    pub version: Uuid,
    pub code: String,
    pub title: String,
    pub summary: String,
    pub hours: i32,
    pub format: String,
    pub language: String,
    pub competences: Vec<String>,
    pub provider: String,
    pub published_at: DateTime<Utc>,
    /// Published in the latest catalogue release or since.
    pub new: bool,
}

#[derive(Serialize, ToSchema)]
pub struct FacetBody {
    pub value: String,
    pub label: String,
    pub count: usize,
    pub selected: bool,
}

#[derive(Serialize, ToSchema)]
pub struct FacetsBody {
    pub competence: Vec<FacetBody>,
    pub area: Vec<FacetBody>,
    pub format: Vec<FacetBody>,
    pub region: Vec<FacetBody>,
    pub category: Vec<FacetBody>,
    pub lang: Vec<FacetBody>,
}

#[derive(Serialize, ToSchema)]
pub struct SearchBody {
    pub items: Vec<SearchItemBody>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
    pub facets: FacetsBody,
}

fn facet(v: &[FacetValue]) -> Vec<FacetBody> {
    v.iter()
        .map(|f| FacetBody {
            value: f.value.clone(),
            label: f.label.clone(),
            count: f.count,
            selected: f.selected,
        })
        .collect()
}

impl From<SearchPage> for SearchBody {
    fn from(p: SearchPage) -> Self {
        SearchBody {
            total: p.total,
            page: p.page,
            per_page: p.per_page,
            facets: FacetsBody {
                competence: facet(&p.facets.competences),
                area: facet(&p.facets.areas),
                format: facet(&p.facets.formats),
                region: facet(&p.facets.regions),
                category: facet(&p.facets.categories),
                lang: facet(&p.facets.langs),
            },
            items: p
                .items
                .into_iter()
                .map(|i| SearchItemBody {
                    id: i.id.0,
                    version: i.version.0,
                    code: i.code,
                    title: i.title,
                    summary: i.summary,
                    hours: i.hours,
                    format: i.format.as_str().to_owned(),
                    language: i.lang.code().to_owned(),
                    competences: i.competences,
                    provider: i.provider,
                    published_at: i.published_at,
                    new: i.new,
                })
                .collect(),
        }
    }
}

/// Searches the published catalogue (open to everyone).
#[utoipa::path(get, path = "/api/v1/programmes", tag = "catalog", params(SearchQuery),
    responses((status = 200, body = SearchBody), (status = 422, body = ErrorBody)))]
async fn search(
    ctx: Ctx,
    State(st): State<AppState>,
    ApiQuery(q): ApiQuery<SearchQuery>,
) -> Result<Json<SearchBody>, ApiError> {
    let page = st.app.search(&q.request(), ctx.lang).await?;
    Ok(Json(page.into()))
}

/// A programme's text, as sent to create or change it.
#[derive(Deserialize, ToSchema)]
pub struct ProgrammeBody {
    #[serde(default)]
    pub title: Names,
    #[serde(default)]
    pub description: Names,
    #[serde(default)]
    pub outcomes: Names,
    #[serde(default)]
    pub prerequisites: Names,
    pub hours: i32,
    /// `in_person`, `online_live`, `blended`, `self_paced`.
    pub format: String,
    /// `hu`, `pl`, `ru` or `en`.
    pub delivery_language: String,
    /// Learner categories the programme is for.
    #[serde(default)]
    pub categories: Vec<String>,
    /// Competence keys such as `DIGCOMPEDU:2.3`.
    #[serde(default)]
    pub competences: Vec<String>,
    /// Region ids the programme is offered in.
    #[serde(default)]
    pub regions: Vec<Uuid>,
    /// Days the follow-up space stays open after the session (at least 30).
    #[serde(default = "default_follow_up")]
    pub follow_up_days: i32,
    /// The share of attendance needed to complete, in per cent (default 80).
    #[serde(default = "default_attendance")]
    pub attendance_pct: i32,
    #[serde(default)]
    pub assessment_required: bool,
    /// `educational_attribution`, `written_permission`, `cc_by`, `cc_by_sa`, `cc_by_nc`,
    /// `all_rights_reserved`.
    pub licence: String,
}

fn default_follow_up() -> i32 {
    30
}
fn default_attendance() -> i32 {
    80
}

impl ProgrammeBody {
    /// The input, with problems for values that are not any of the allowed ones.
    fn input(self) -> Result<ProgrammeInput, Error> {
        let mut p = Problems::new();
        let mut categories = Vec::new();
        for c in &self.categories {
            match LearnerCategory::parse(c) {
                Some(c) => categories.push(c),
                None => p.add("categories", Problem::new("category_unknown")),
            }
        }
        let format = Format::parse(&self.format);
        if format.is_none() && !self.format.is_empty() {
            p.add("format", Problem::new("format_unknown"));
        }
        let licence = Licence::parse(&self.licence);
        if licence.is_none() && !self.licence.is_empty() {
            p.add("licence", Problem::new("licence_unknown"));
        }
        p.into_result()?;
        Ok(ProgrammeInput {
            text: ProgrammeText {
                title: self.title.into(),
                description: self.description.into(),
                outcomes: self.outcomes.into(),
                prerequisites: self.prerequisites.into(),
                hours: self.hours,
                format,
                delivery_lang: Lang::parse(&self.delivery_language),
                categories,
                follow_up_days: self.follow_up_days,
                attendance_pct: self.attendance_pct,
                assessment_required: self.assessment_required,
                licence,
            },
            competences: self.competences,
            regions: self.regions.into_iter().map(OrgId).collect(),
        })
    }
}

#[derive(Deserialize, ToSchema)]
pub struct NewProgrammeBody {
    /// A unique code such as `HU-DIG-014`.
    pub code: String,
    /// The providing organisation (kind `provider`).
    pub provider: Uuid,
    #[serde(flatten)]
    pub programme: ProgrammeBody,
}

#[derive(Serialize, ToSchema)]
pub struct VersionBody {
    pub id: Uuid,
    pub version: i32,
    /// `draft`, `submitted`, `approved`, `published`, `superseded`, `retired`.
    pub state: String,
    pub title: Names,
    pub description: Names,
    pub outcomes: Names,
    pub prerequisites: Names,
    pub hours: i32,
    pub format: String,
    pub delivery_language: String,
    pub categories: Vec<String>,
    pub competences: Vec<String>,
    pub regions: Vec<String>,
    pub follow_up_days: i32,
    pub attendance_pct: i32,
    pub assessment_required: bool,
    pub licence: String,
    pub review_comment: Option<String>,
    pub published_at: Option<DateTime<Utc>>,
}

fn names(l: &Localized) -> Names {
    l.into()
}

impl From<&VersionView> for VersionBody {
    fn from(v: &VersionView) -> Self {
        let t = &v.text;
        VersionBody {
            id: v.id.0,
            version: v.version,
            state: v.state.as_str().to_owned(),
            title: names(&t.title),
            description: names(&t.description),
            outcomes: names(&t.outcomes),
            prerequisites: names(&t.prerequisites),
            hours: t.hours,
            format: t.format.map_or("", Format::as_str).to_owned(),
            delivery_language: t.delivery_lang.map_or("", Lang::code).to_owned(),
            categories: t.categories.iter().map(|c| c.as_str().to_owned()).collect(),
            competences: v.competences.iter().map(|c| c.key.clone()).collect(),
            regions: v.regions.iter().map(|r| r.code.clone()).collect(),
            follow_up_days: t.follow_up_days,
            attendance_pct: t.attendance_pct,
            assessment_required: t.assessment_required,
            licence: t.licence.map_or("", Licence::as_str).to_owned(),
            review_comment: v.review_comment.clone(),
            published_at: v.published_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct VersionSummaryBody {
    pub id: Uuid,
    pub version: i32,
    pub state: String,
    pub published_at: Option<DateTime<Utc>>,
}

#[derive(Serialize, ToSchema)]
pub struct ProgrammeDetailBody {
    pub id: Uuid,
    pub code: String,
    pub provider: String,
    pub provider_id: Uuid,
    pub retired: bool,
    /// The version in the public catalogue.
    pub published: Option<VersionBody>,
    /// A newer version in preparation or review (shown to the provider and reviewers only).
    pub pending: Option<VersionBody>,
    pub versions: Vec<VersionSummaryBody>,
}

impl From<&ProgrammeDetail> for ProgrammeDetailBody {
    fn from(d: &ProgrammeDetail) -> Self {
        ProgrammeDetailBody {
            id: d.id.0,
            code: d.code.clone(),
            provider: d.provider.name.clone(),
            provider_id: d.provider.id.0,
            retired: d.retired,
            published: d.published.as_ref().map(VersionBody::from),
            pending: d.pending.as_ref().map(VersionBody::from),
            versions: d
                .versions
                .iter()
                .map(|v| VersionSummaryBody {
                    id: v.id.0,
                    version: v.version,
                    state: v.state.as_str().to_owned(),
                    published_at: v.published_at,
                })
                .collect(),
        }
    }
}

/// Drafts a new programme (providers, for their organisation).
#[utoipa::path(post, path = "/api/v1/programmes", tag = "catalog", security(("bearer" = [])), request_body = NewProgrammeBody,
    responses((status = 201, body = ProgrammeDetailBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_programme(
    ctx: Ctx,
    State(st): State<AppState>,
    ApiJson(b): ApiJson<NewProgrammeBody>,
) -> Result<(StatusCode, Json<ProgrammeDetailBody>), ApiError> {
    let a = actor(&ctx)?;
    let input = b.programme.input()?;
    let id = st
        .app
        .create_programme(a, &b.code, OrgId(b.provider), input, &ctx.meta)
        .await?;
    let d = st.app.get_programme(Some(a), id, ctx.lang).await?;
    Ok((StatusCode::CREATED, Json((&d).into())))
}

/// A programme: its published version, and for its provider and reviewers the version in
/// preparation.
#[utoipa::path(get, path = "/api/v1/programmes/{id}", tag = "catalog", params(("id" = Uuid, Path)),
    responses((status = 200, body = ProgrammeDetailBody), (status = 404, body = ErrorBody)))]
async fn get_programme(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<ProgrammeId>,
) -> Result<Json<ProgrammeDetailBody>, ApiError> {
    let d = st.app.get_programme(ctx.actor(), id, ctx.lang).await?;
    Ok(Json((&d).into()))
}

#[derive(Serialize, ToSchema)]
pub struct VersionRef {
    pub version_id: Uuid,
}

/// Changes a programme. A published programme gets a new draft version; the published one
/// stays until the new one is published.
#[utoipa::path(put, path = "/api/v1/programmes/{id}", tag = "catalog", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = ProgrammeBody,
    responses((status = 200, body = VersionRef), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn update_programme(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<ProgrammeId>,
    ApiJson(b): ApiJson<ProgrammeBody>,
) -> Result<Json<VersionRef>, ApiError> {
    let a = actor(&ctx)?;
    let vid = st
        .app
        .update_programme(a, id, b.input()?, &ctx.meta)
        .await?;
    Ok(Json(VersionRef { version_id: vid.0 }))
}

#[derive(Deserialize, ToSchema, Default)]
pub struct TransitionBody {
    /// Required when returning a programme to its provider.
    pub comment: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct StateBody {
    pub state: String,
}

async fn transition(
    ctx: &Ctx,
    st: &AppState,
    id: ProgrammeId,
    t: Transition,
    comment: Option<String>,
) -> Result<Json<StateBody>, ApiError> {
    let a = actor(ctx)?;
    let s = st
        .app
        .transition_programme(a, id, t, comment.as_deref(), &ctx.meta)
        .await?;
    Ok(Json(StateBody {
        state: s.as_str().to_owned(),
    }))
}

/// Submits the draft for quality review.
#[utoipa::path(post, path = "/api/v1/programmes/{id}/submit", tag = "catalog", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = StateBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn submit(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<ProgrammeId>,
) -> Result<Json<StateBody>, ApiError> {
    transition(&ctx, &st, id, Transition::Submit, None).await
}

/// Approves the submitted version (quality reviewers; not the author).
#[utoipa::path(post, path = "/api/v1/programmes/{id}/approve", tag = "catalog", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = TransitionBody,
    responses((status = 200, body = StateBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn approve(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<ProgrammeId>,
    ApiJsonOpt(body): ApiJsonOpt<TransitionBody>,
) -> Result<Json<StateBody>, ApiError> {
    transition(
        &ctx,
        &st,
        id,
        Transition::Approve,
        body.and_then(|b| b.comment),
    )
    .await
}

/// Returns the submitted version to its provider with comments.
#[utoipa::path(post, path = "/api/v1/programmes/{id}/return", tag = "catalog", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = TransitionBody,
    responses((status = 200, body = StateBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn return_programme(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<ProgrammeId>,
    ApiJsonOpt(body): ApiJsonOpt<TransitionBody>,
) -> Result<Json<StateBody>, ApiError> {
    transition(
        &ctx,
        &st,
        id,
        Transition::Return,
        body.and_then(|b| b.comment),
    )
    .await
}

/// Publishes the approved version.
#[utoipa::path(post, path = "/api/v1/programmes/{id}/publish", tag = "catalog", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = StateBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn publish(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<ProgrammeId>,
) -> Result<Json<StateBody>, ApiError> {
    transition(&ctx, &st, id, Transition::Publish, None).await
}

/// Retires the programme: it leaves the catalogue.
#[utoipa::path(post, path = "/api/v1/programmes/{id}/retire", tag = "catalog", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = StateBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn retire(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<ProgrammeId>,
) -> Result<Json<StateBody>, ApiError> {
    transition(&ctx, &st, id, Transition::Retire, None).await
}

#[derive(Serialize, ToSchema)]
pub struct ProgrammeRowBody {
    pub id: Uuid,
    pub code: String,
    pub title: String,
    pub version: i32,
    pub version_id: Uuid,
    pub state: String,
    pub updated_at: DateTime<Utc>,
}

impl From<&ProgrammeRow> for ProgrammeRowBody {
    fn from(r: &ProgrammeRow) -> Self {
        ProgrammeRowBody {
            id: r.id.0,
            code: r.code.clone(),
            title: r.title.clone(),
            version: r.version,
            version_id: r.version_id.0,
            state: r.state.as_str().to_owned(),
            updated_at: r.updated_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ProgrammeRows {
    pub items: Vec<ProgrammeRowBody>,
}

/// The programmes of the providers the caller writes for, with their newest version.
#[utoipa::path(get, path = "/api/v1/me/programmes", tag = "catalog", security(("bearer" = [])),
    responses((status = 200, body = ProgrammeRows), (status = 401, body = ErrorBody)))]
async fn my_programmes(
    ctx: Ctx,
    State(st): State<AppState>,
) -> Result<Json<ProgrammeRows>, ApiError> {
    let a = actor(&ctx)?;
    Ok(Json(ProgrammeRows {
        items: st
            .app
            .my_programmes(a)
            .await?
            .iter()
            .map(ProgrammeRowBody::from)
            .collect(),
    }))
}

/// Versions waiting for the caller's review.
#[utoipa::path(get, path = "/api/v1/reviews", tag = "catalog", security(("bearer" = [])),
    responses((status = 200, body = ProgrammeRows), (status = 403, body = ErrorBody)))]
async fn review_queue(
    ctx: Ctx,
    State(st): State<AppState>,
) -> Result<Json<ProgrammeRows>, ApiError> {
    let a = actor(&ctx)?;
    Ok(Json(ProgrammeRows {
        items: st
            .app
            .review_queue(a)
            .await?
            .iter()
            .map(ProgrammeRowBody::from)
            .collect(),
    }))
}

#[derive(Serialize, ToSchema)]
pub struct CompetenceBody {
    pub key: String,
    pub code: String,
    pub name: Names,
}

#[derive(Serialize, ToSchema)]
pub struct AreaBody {
    pub key: String,
    pub code: String,
    pub name: Names,
    pub competences: Vec<CompetenceBody>,
}

#[derive(Serialize, ToSchema)]
pub struct FrameworkBody {
    pub id: Uuid,
    pub code: String,
    pub name: Names,
    pub areas: Vec<AreaBody>,
}

#[derive(Serialize, ToSchema)]
pub struct FrameworkList {
    pub items: Vec<FrameworkBody>,
}

/// Competence frameworks with their areas and competences.
#[utoipa::path(get, path = "/api/v1/frameworks", tag = "catalog", responses((status = 200, body = FrameworkList)))]
async fn list_frameworks(State(st): State<AppState>) -> Result<Json<FrameworkList>, ApiError> {
    let t = st.app.frameworks();
    let items = t
        .frameworks
        .iter()
        .map(|f| FrameworkBody {
            id: f.id.0,
            code: f.code.clone(),
            name: names(&f.names),
            areas: f
                .areas
                .iter()
                .filter_map(|a| t.areas.get(a))
                .map(|a| AreaBody {
                    key: a.key.clone(),
                    code: a.code.clone(),
                    name: names(&a.names),
                    competences: a
                        .competences
                        .iter()
                        .filter_map(|c| t.competences.get(c))
                        .map(|c| CompetenceBody {
                            key: c.key.clone(),
                            code: c.code.clone(),
                            name: names(&c.names),
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    Ok(Json(FrameworkList { items }))
}

#[derive(Serialize, ToSchema)]
pub struct ImportBody {
    pub id: Uuid,
    pub code: String,
    pub areas: usize,
    pub competences: usize,
}

/// Imports a framework from CSV (`text/csv`; header
/// `kind,code,area,name_hu,name_pl,name_ru,name_en`). All rows or none; problems are
/// reported per row in `fields`.
#[utoipa::path(post, path = "/api/v1/frameworks", tag = "catalog", security(("bearer" = [])),
    request_body(content = String, content_type = "text/csv"),
    responses((status = 201, body = ImportBody), (status = 403, body = ErrorBody), (status = 415, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn import_framework(
    ctx: Ctx,
    State(st): State<AppState>,
    headers: axum::http::HeaderMap,
    body: String,
) -> Result<(StatusCode, Json<ImportBody>), ApiError> {
    let a = actor(&ctx)?;
    let ct = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !ct.starts_with("text/csv") && !ct.starts_with("text/plain") {
        return Err(ApiError(Error::refused("unsupported_media_type")));
    }
    let r = st.app.import_framework(a, &body, &ctx.meta).await?;
    Ok((
        StatusCode::CREATED,
        Json(ImportBody {
            id: r.framework.0,
            code: r.code,
            areas: r.areas,
            competences: r.competences,
        }),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct ReleaseSummary {
    pub id: Uuid,
    pub name: String,
    pub published_at: DateTime<Utc>,
}

#[derive(Serialize, ToSchema)]
pub struct ReleaseList {
    pub items: Vec<ReleaseSummary>,
}

/// Releases of the catalogue, newest first.
#[utoipa::path(get, path = "/api/v1/releases", tag = "catalog", responses((status = 200, body = ReleaseList)))]
async fn list_releases(State(st): State<AppState>) -> Result<Json<ReleaseList>, ApiError> {
    let items = st
        .app
        .releases()
        .await?
        .into_iter()
        .map(|(id, name, at)| ReleaseSummary {
            id: id.0,
            name,
            published_at: at,
        })
        .collect();
    Ok(Json(ReleaseList { items }))
}

#[derive(Deserialize, ToSchema)]
pub struct NewReleaseBody {
    pub name: String,
    #[serde(default)]
    pub notes: String,
    /// Approved versions to publish together.
    pub versions: Vec<Uuid>,
}

#[derive(Serialize, ToSchema)]
pub struct ReleaseBody {
    pub id: Uuid,
    pub name: String,
    pub notes: String,
    pub published_at: DateTime<Utc>,
    pub programmes: Vec<ProgrammeRowBody>,
}

/// Publishes several approved versions together (regional coordinators, administrators).
#[utoipa::path(post, path = "/api/v1/releases", tag = "catalog", security(("bearer" = [])), request_body = NewReleaseBody,
    responses((status = 201, body = ReleaseBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_release(
    ctx: Ctx,
    State(st): State<AppState>,
    ApiJson(b): ApiJson<NewReleaseBody>,
) -> Result<(StatusCode, Json<ReleaseBody>), ApiError> {
    let a = actor(&ctx)?;
    let versions: Vec<VersionId> = b.versions.into_iter().map(VersionId).collect();
    let id = st
        .app
        .create_release(a, &b.name, &b.notes, &versions, &ctx.meta)
        .await?;
    let r = st.app.get_release(id, ctx.lang).await?;
    Ok((
        StatusCode::CREATED,
        Json(ReleaseBody {
            id: r.id.0,
            name: r.name,
            notes: r.notes,
            published_at: r.published_at,
            programmes: r.programmes.iter().map(ProgrammeRowBody::from).collect(),
        }),
    ))
}

#[utoipa::path(get, path = "/api/v1/releases/{id}", tag = "catalog", params(("id" = Uuid, Path)),
    responses((status = 200, body = ReleaseBody), (status = 404, body = ErrorBody)))]
async fn get_release(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<ReleaseId>,
) -> Result<Json<ReleaseBody>, ApiError> {
    let r = st.app.get_release(id, ctx.lang).await?;
    Ok(Json(ReleaseBody {
        id: r.id.0,
        name: r.name,
        notes: r.notes,
        published_at: r.published_at,
        programmes: r.programmes.iter().map(ProgrammeRowBody::from).collect(),
    }))
}
