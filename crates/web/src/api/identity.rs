//! Accounts over JSON: registration, tokens, the caller's own data, people and roles.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use guildhall_app::identity::{
    Created as PersonCreated, MembershipRequestView, NewPerson, PersonDetail, PersonView,
    Registration, RoleView, TokenView,
};
use guildhall_domain::identity::Role;
use guildhall_domain::{OrgId, PersonId, RoleAssignmentId, TokenId};
use guildhall_store::identity::PeopleFilter;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::{Done, ListPage, Paging, actor, done};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{ApiError, ErrorBody};
use crate::extract::{ApiJson, ApiQuery, Id, Ids};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(register))
        .routes(routes!(confirm))
        .routes(routes!(request_reset))
        .routes(routes!(complete_reset))
        .routes(routes!(issue_token))
        .routes(routes!(me, update_me))
        .routes(routes!(change_password))
        .routes(routes!(list_tokens, create_token))
        .routes(routes!(revoke_token))
        .routes(routes!(export))
        .routes(routes!(erase_me))
        .routes(routes!(list_people, create_person))
        .routes(routes!(get_person))
        .routes(routes!(grant_role))
        .routes(routes!(revoke_role))
        .routes(routes!(add_membership))
        .routes(routes!(remove_membership))
        .routes(routes!(erase_person))
        .routes(routes!(my_invitations))
        .routes(routes!(membership_requests))
        .routes(routes!(accept_membership_request))
        .routes(routes!(decline_membership_request))
}

#[derive(Serialize, ToSchema)]
pub struct Created {
    pub id: Uuid,
}

#[derive(Deserialize, ToSchema)]
pub struct RegistrationRequest {
    pub name: String,
    pub email: String,
    pub password: String,
    /// `hu`, `pl`, `ru` or `en`.
    pub language: Option<String>,
    /// `instructor`, `institution_leader`, `trainer`, `student`, `pupil`, `company_employee`,
    /// `job_seeker` or `pensioner`.
    pub category: String,
    /// An institution, provider or employer the person works for.
    pub organisation: Option<Uuid>,
}

/// Creates an account and e-mails a confirmation link. The answer is the same when the
/// address already has an account (its owner is told by mail instead), so registration
/// cannot be used to find out who has one. A named organisation is asked to accept the
/// person; they become a member when it does.
#[utoipa::path(post, path = "/api/v1/registrations", tag = "identity", request_body = RegistrationRequest,
    responses((status = 202, body = Done), (status = 422, body = ErrorBody)))]
async fn register(
    ctx: Ctx,
    State(st): State<AppState>,
    ApiJson(r): ApiJson<RegistrationRequest>,
) -> Result<(StatusCode, Json<Done>), ApiError> {
    st.app
        .register(
            Registration {
                name: r.name,
                email: r.email,
                password: r.password,
                lang: r.language,
                category: r.category,
                organisation: r.organisation.map(OrgId),
            },
            &ctx.meta,
        )
        .await?;
    Ok((StatusCode::ACCEPTED, done()))
}

#[derive(Deserialize, ToSchema)]
pub struct ConfirmRequest {
    /// The token from the confirmation link.
    pub token: String,
}

#[utoipa::path(post, path = "/api/v1/registrations/confirm", tag = "identity", request_body = ConfirmRequest,
    responses((status = 200, body = Done), (status = 400, body = ErrorBody)))]
async fn confirm(
    ctx: Ctx,
    State(st): State<AppState>,
    ApiJson(r): ApiJson<ConfirmRequest>,
) -> Result<Json<Done>, ApiError> {
    st.app.confirm_email(&r.token, &ctx.meta).await?;
    Ok(done())
}

#[derive(Deserialize, ToSchema)]
pub struct ResetRequest {
    pub email: String,
}

/// Sends a password-reset link if the address has an account. Answers the same either way.
#[utoipa::path(post, path = "/api/v1/auth/password-reset", tag = "identity", request_body = ResetRequest,
    responses((status = 202, body = Done)))]
async fn request_reset(
    ctx: Ctx,
    State(st): State<AppState>,
    ApiJson(r): ApiJson<ResetRequest>,
) -> Result<(StatusCode, Json<Done>), ApiError> {
    st.app.request_password_reset(&r.email, &ctx.meta).await?;
    Ok((StatusCode::ACCEPTED, done()))
}

#[derive(Deserialize, ToSchema)]
pub struct CompleteResetRequest {
    pub token: String,
    pub password: String,
}

/// What a new password ended elsewhere.
#[derive(Serialize, ToSchema)]
pub struct PasswordChangedBody {
    pub ok: bool,
    /// Browser sessions that were logged out.
    pub sessions_ended: u64,
    /// API tokens that were revoked (integrations must get new ones).
    pub tokens_revoked: u64,
}

impl From<guildhall_app::identity::PasswordChanged> for PasswordChangedBody {
    fn from(c: guildhall_app::identity::PasswordChanged) -> Self {
        PasswordChangedBody {
            ok: true,
            sessions_ended: c.sessions_ended,
            tokens_revoked: c.tokens_revoked,
        }
    }
}

/// Sets a new password with the token from a reset or invitation link. Every session and
/// API token of the account ends, and every other link it was sent stops working.
#[utoipa::path(post, path = "/api/v1/auth/password-reset/complete", tag = "identity", request_body = CompleteResetRequest,
    responses((status = 200, body = PasswordChangedBody), (status = 400, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn complete_reset(
    ctx: Ctx,
    State(st): State<AppState>,
    ApiJson(r): ApiJson<CompleteResetRequest>,
) -> Result<Json<PasswordChangedBody>, ApiError> {
    let (_, changed) = st
        .app
        .reset_password(&r.token, &r.password, &ctx.meta)
        .await?;
    Ok(Json(changed.into()))
}

#[derive(Deserialize, ToSchema)]
pub struct TokenRequest {
    pub email: String,
    pub password: String,
    /// A label for the token, shown in the token list.
    pub name: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct TokenIssued {
    pub id: Uuid,
    /// Send as `Authorization: Bearer <token>`. Shown once; only its digest is kept.
    pub token: String,
    pub name: String,
    pub expires_at: Option<DateTime<Utc>>,
}

/// Exchanges an e-mail address and password for a bearer token (valid 90 days).
#[utoipa::path(post, path = "/api/v1/auth/token", tag = "identity", request_body = TokenRequest,
    responses((status = 201, body = TokenIssued), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 429, body = ErrorBody)))]
async fn issue_token(
    ctx: Ctx,
    State(st): State<AppState>,
    ApiJson(r): ApiJson<TokenRequest>,
) -> Result<(StatusCode, Json<TokenIssued>), ApiError> {
    let (t, secret) = st
        .app
        .token_for_credentials(&r.email, &r.password, r.name.as_deref(), &ctx.meta)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(TokenIssued {
            id: t.id.0,
            token: secret,
            name: t.name,
            expires_at: t.expires_at,
        }),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct RoleBody {
    pub id: Uuid,
    pub role: String,
    /// `null` for a role over the whole platform.
    pub organisation: Option<Uuid>,
    pub organisation_name: Option<String>,
    pub since: DateTime<Utc>,
}

impl From<&RoleView> for RoleBody {
    fn from(r: &RoleView) -> Self {
        RoleBody {
            id: r.id.0,
            role: r.role.as_str().to_owned(),
            organisation: r.organisation.as_ref().map(|o| o.id.0),
            organisation_name: r.organisation.as_ref().map(|o| o.name.clone()),
            since: r.created_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct OrgRef {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub kind: String,
}

#[derive(Serialize, ToSchema)]
pub struct PersonBody {
    pub id: Uuid,
    pub name: String,
    pub email: String,
    pub language: String,
    pub category: String,
    /// Whether the e-mail address is confirmed (an invited person has not yet accepted).
    pub confirmed: bool,
    pub erased: bool,
    pub created_at: DateTime<Utc>,
}

impl From<&PersonView> for PersonBody {
    fn from(p: &PersonView) -> Self {
        PersonBody {
            id: p.id.0,
            name: p.name.clone(),
            email: p.email.clone(),
            language: p.lang.code().to_owned(),
            category: p.category.as_str().to_owned(),
            confirmed: p.confirmed,
            erased: p.erased,
            created_at: p.created_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct PersonDetailBody {
    #[serde(flatten)]
    pub person: PersonBody,
    pub organisations: Vec<OrgRef>,
    pub roles: Vec<RoleBody>,
}

impl From<&PersonDetail> for PersonDetailBody {
    fn from(d: &PersonDetail) -> Self {
        PersonDetailBody {
            person: (&d.person).into(),
            organisations: d
                .organisations
                .iter()
                .map(|o| OrgRef {
                    id: o.id.0,
                    code: o.code.clone(),
                    name: o.name.clone(),
                    kind: o.kind.as_str().to_owned(),
                })
                .collect(),
            roles: d.roles.iter().map(RoleBody::from).collect(),
        }
    }
}

/// The caller: their account, organisations and roles.
#[utoipa::path(get, path = "/api/v1/me", tag = "identity", security(("bearer" = [])),
    responses((status = 200, body = PersonDetailBody), (status = 401, body = ErrorBody)))]
async fn me(ctx: Ctx, State(st): State<AppState>) -> Result<Json<PersonDetailBody>, ApiError> {
    let a = actor(&ctx)?;
    let d = st.app.get_person(a, a.id).await?;
    Ok(Json((&d).into()))
}

#[derive(Deserialize, ToSchema)]
pub struct ProfileRequest {
    pub name: String,
    /// `hu`, `pl`, `ru` or `en`: the language of pages, messages and e-mails.
    pub language: String,
    pub category: String,
}

/// Changes the caller's name, language and learner category.
#[utoipa::path(patch, path = "/api/v1/me", tag = "identity", security(("bearer" = [])), request_body = ProfileRequest,
    responses((status = 200, body = PersonDetailBody), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn update_me(
    ctx: Ctx,
    State(st): State<AppState>,
    ApiJson(r): ApiJson<ProfileRequest>,
) -> Result<Json<PersonDetailBody>, ApiError> {
    let a = actor(&ctx)?;
    st.app
        .update_profile(
            a,
            guildhall_app::identity::ProfileUpdate {
                name: r.name,
                lang: r.language,
                category: r.category,
            },
            &ctx.meta,
        )
        .await?;
    let d = st.app.get_person(a, a.id).await?;
    Ok(Json((&d).into()))
}

#[derive(Deserialize, ToSchema)]
pub struct PasswordRequest {
    pub current_password: String,
    pub new_password: String,
}

/// Changes the caller's password. Their other browser sessions end and every API token of
/// the account is revoked, including the one this request was made with.
#[utoipa::path(post, path = "/api/v1/me/password", tag = "identity", security(("bearer" = [])), request_body = PasswordRequest,
    responses((status = 200, body = PasswordChangedBody), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn change_password(
    ctx: Ctx,
    State(st): State<AppState>,
    ApiJson(r): ApiJson<PasswordRequest>,
) -> Result<Json<PasswordChangedBody>, ApiError> {
    let a = actor(&ctx)?;
    let changed = st
        .app
        .change_password(a, &r.current_password, &r.new_password, &ctx.meta)
        .await?;
    Ok(Json(changed.into()))
}

#[derive(Serialize, ToSchema)]
pub struct TokenBody {
    pub id: Uuid,
    pub name: String,
    /// The first characters of the token, to recognise it.
    pub prefix: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub expires_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl From<&TokenView> for TokenBody {
    fn from(t: &TokenView) -> Self {
        TokenBody {
            id: t.id.0,
            name: t.name.clone(),
            prefix: t.prefix.clone(),
            created_at: t.created_at,
            last_used_at: t.last_used_at,
            expires_at: t.expires_at,
            revoked_at: t.revoked_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct TokenList {
    pub items: Vec<TokenBody>,
}

/// The caller's API tokens.
#[utoipa::path(get, path = "/api/v1/me/tokens", tag = "identity", security(("bearer" = [])),
    responses((status = 200, body = TokenList), (status = 401, body = ErrorBody)))]
async fn list_tokens(ctx: Ctx, State(st): State<AppState>) -> Result<Json<TokenList>, ApiError> {
    let a = actor(&ctx)?;
    let items = st
        .app
        .list_tokens(a)
        .await?
        .iter()
        .map(TokenBody::from)
        .collect();
    Ok(Json(TokenList { items }))
}

#[derive(Deserialize, ToSchema)]
pub struct NewTokenRequest {
    pub name: String,
    /// 1 to 3650; omit for a token that does not expire.
    pub valid_days: Option<i64>,
}

#[utoipa::path(post, path = "/api/v1/me/tokens", tag = "identity", security(("bearer" = [])), request_body = NewTokenRequest,
    responses((status = 201, body = TokenIssued), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_token(
    ctx: Ctx,
    State(st): State<AppState>,
    ApiJson(r): ApiJson<NewTokenRequest>,
) -> Result<(StatusCode, Json<TokenIssued>), ApiError> {
    let a = actor(&ctx)?;
    let (t, secret) = st
        .app
        .create_token(a, &r.name, r.valid_days, &ctx.meta)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(TokenIssued {
            id: t.id.0,
            token: secret,
            name: t.name,
            expires_at: t.expires_at,
        }),
    ))
}

/// Revokes one of the caller's tokens.
#[utoipa::path(delete, path = "/api/v1/me/tokens/{id}", tag = "identity", security(("bearer" = [])),
    params(("id" = Uuid, Path)), responses((status = 200, body = Done), (status = 404, body = ErrorBody)))]
async fn revoke_token(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<TokenId>,
) -> Result<Json<Done>, ApiError> {
    let a = actor(&ctx)?;
    st.app.revoke_token(a, id, &ctx.meta).await?;
    Ok(done())
}

/// Everything the platform holds about the caller.
#[utoipa::path(get, path = "/api/v1/me/export", tag = "identity", security(("bearer" = [])),
    responses((status = 200, body = Object), (status = 401, body = ErrorBody)))]
async fn export(ctx: Ctx, State(st): State<AppState>) -> Result<Json<serde_json::Value>, ApiError> {
    let a = actor(&ctx)?;
    Ok(Json(st.app.export_personal_data(a).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct ErasureRequest {
    /// The caller's password, to confirm.
    pub password: String,
}

/// Erases the caller: personal data goes, legal records stay under a pseudonym.
#[utoipa::path(post, path = "/api/v1/me/erasure", tag = "identity", security(("bearer" = [])), request_body = ErasureRequest,
    responses((status = 200, body = Done), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn erase_me(
    ctx: Ctx,
    State(st): State<AppState>,
    ApiJson(r): ApiJson<ErasureRequest>,
) -> Result<Json<Done>, ApiError> {
    let a = actor(&ctx)?;
    st.app
        .erase_person(a, a.id, Some(&r.password), &ctx.meta)
        .await?;
    Ok(done())
}

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct PeopleQuery {
    /// Part of a name or e-mail address.
    pub q: Option<String>,
    /// Only members of this organisation.
    pub organisation: Option<Uuid>,
    /// Only holders of this role.
    pub role: Option<String>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// People the caller may see (administrators, coordinators and institution heads, each
/// within their part of the tree).
#[utoipa::path(get, path = "/api/v1/people", tag = "identity", security(("bearer" = [])), params(PeopleQuery),
    responses((status = 200, body = ListPage<PersonBody>), (status = 403, body = ErrorBody)))]
async fn list_people(
    ctx: Ctx,
    State(st): State<AppState>,
    ApiQuery(q): ApiQuery<PeopleQuery>,
) -> Result<Json<ListPage<PersonBody>>, ApiError> {
    let a = actor(&ctx)?;
    let role = match q.role.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
        Some(r) => Some(
            Role::parse(r)
                .ok_or_else(|| guildhall_app::Error::invalid_field("role", "role_unknown"))?
                .as_str()
                .to_owned(),
        ),
        None => None,
    };
    let paging = Paging {
        page: q.page,
        per_page: q.per_page,
    };
    let filter = PeopleFilter {
        text: q.q,
        organisation: q.organisation,
        role,
        within: None,
    };
    let page = st.app.list_people(a, filter, paging.request()).await?;
    Ok(Json(ListPage::from_page(page, |p| PersonBody::from(&p))))
}

#[derive(Deserialize, ToSchema)]
pub struct NewPersonRequest {
    pub email: String,
    pub name: String,
    pub category: String,
    #[serde(default)]
    pub organisations: Vec<Uuid>,
    pub language: Option<String>,
    /// Only platform administrators may set one; without it the person is e-mailed an
    /// invitation to choose their own.
    pub password: Option<String>,
}

/// What creating a person did, when the caller does not see everyone.
#[derive(Serialize, ToSchema)]
pub struct InvitedBody {
    /// Always `invited`: the address's owner becomes a member of the organisations when they
    /// accept.
    pub status: String,
    pub email: String,
}

/// Adds a person to the given organisations (administrators and regional coordinators). A
/// platform administrator gets the account at once (201). Anyone else invites (202): the
/// address's owner, new or already on the platform, becomes a member when they accept, and
/// the answer does not tell which. An address already in the caller's scope is 409.
#[utoipa::path(post, path = "/api/v1/people", tag = "identity", security(("bearer" = [])), request_body = NewPersonRequest,
    responses((status = 201, body = PersonDetailBody), (status = 202, body = InvitedBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_person(
    ctx: Ctx,
    State(st): State<AppState>,
    ApiJson(r): ApiJson<NewPersonRequest>,
) -> Result<Response, ApiError> {
    let a = actor(&ctx)?;
    let email = r.email.trim().to_lowercase();
    let input = NewPerson {
        name: r.name,
        email: r.email,
        category: r.category,
        lang: r.language,
        organisations: r.organisations.into_iter().map(OrgId).collect(),
        password: r.password,
    };
    match st.app.create_person(a, input, &ctx.meta).await? {
        PersonCreated::Person(id) => {
            let d = st.app.get_person(a, id).await?;
            Ok((StatusCode::CREATED, Json(PersonDetailBody::from(&d))).into_response())
        }
        PersonCreated::Invited => Ok((
            StatusCode::ACCEPTED,
            Json(InvitedBody {
                status: "invited".to_owned(),
                email,
            }),
        )
            .into_response()),
    }
}

#[derive(Serialize, ToSchema)]
pub struct MembershipRequestBody {
    pub id: Uuid,
    /// `application` (the person asks to join) or `invitation` (the organisation asks them).
    pub kind: String,
    /// Shown to those who decide an application and to the person; `null` for an
    /// invitation seen by its sender.
    pub person_name: Option<String>,
    pub person_email: String,
    pub organisation: Uuid,
    pub organisation_name: String,
    pub created_at: DateTime<Utc>,
    /// Whether the caller may accept or decline it.
    pub decidable: bool,
}

impl From<&MembershipRequestView> for MembershipRequestBody {
    fn from(r: &MembershipRequestView) -> Self {
        MembershipRequestBody {
            id: r.id,
            kind: r.kind.as_str().to_owned(),
            person_name: r.person_name.clone(),
            person_email: r.person_email.clone(),
            organisation: r.organisation.id.0,
            organisation_name: r.organisation.name.clone(),
            created_at: r.created_at,
            decidable: r.decidable,
        }
    }
}

/// The caller's open invitations to join organisations, and their own open applications.
#[utoipa::path(get, path = "/api/v1/me/invitations", tag = "identity", security(("bearer" = [])),
    responses((status = 200, body = Vec<MembershipRequestBody>), (status = 401, body = ErrorBody)))]
async fn my_invitations(
    ctx: Ctx,
    State(st): State<AppState>,
) -> Result<Json<Vec<MembershipRequestBody>>, ApiError> {
    let a = actor(&ctx)?;
    let rows = st.app.my_membership_requests(a).await?;
    Ok(Json(rows.iter().map(MembershipRequestBody::from).collect()))
}

/// Open requests to join the organisations whose people the caller manages.
#[utoipa::path(get, path = "/api/v1/membership-requests", tag = "identity", security(("bearer" = [])),
    responses((status = 200, body = Vec<MembershipRequestBody>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn membership_requests(
    ctx: Ctx,
    State(st): State<AppState>,
) -> Result<Json<Vec<MembershipRequestBody>>, ApiError> {
    let a = actor(&ctx)?;
    let rows = st.app.membership_requests_to_decide(a).await?;
    Ok(Json(rows.iter().map(MembershipRequestBody::from).collect()))
}

/// Accepts a request: an application (by those who manage the organisation's people, never
/// for themselves or whoever gave them their role) or an invitation (by the person invited).
#[utoipa::path(post, path = "/api/v1/membership-requests/{id}/accept", tag = "identity", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Done), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn accept_membership_request(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<Uuid>,
) -> Result<Json<Done>, ApiError> {
    let a = actor(&ctx)?;
    st.app
        .decide_membership_request(a, id, true, &ctx.meta)
        .await?;
    Ok(done())
}

/// Declines a request (see accept).
#[utoipa::path(post, path = "/api/v1/membership-requests/{id}/decline", tag = "identity", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Done), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn decline_membership_request(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<Uuid>,
) -> Result<Json<Done>, ApiError> {
    let a = actor(&ctx)?;
    st.app
        .decide_membership_request(a, id, false, &ctx.meta)
        .await?;
    Ok(done())
}

#[utoipa::path(get, path = "/api/v1/people/{id}", tag = "identity", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = PersonDetailBody), (status = 404, body = ErrorBody)))]
async fn get_person(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<PersonId>,
) -> Result<Json<PersonDetailBody>, ApiError> {
    let a = actor(&ctx)?;
    let d = st.app.get_person(a, id).await?;
    Ok(Json((&d).into()))
}

#[derive(Deserialize, ToSchema)]
pub struct GrantRequest {
    pub role: String,
    /// Omit for a role over the whole platform (platform administrators only).
    pub organisation: Option<Uuid>,
}

/// Gives a person a role over an organisation and everything below it.
#[utoipa::path(post, path = "/api/v1/people/{id}/roles", tag = "identity", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = GrantRequest,
    responses((status = 201, body = Created), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn grant_role(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<PersonId>,
    ApiJson(r): ApiJson<GrantRequest>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let a = actor(&ctx)?;
    let rid = st
        .app
        .grant_role(a, id, &r.role, r.organisation.map(OrgId), &ctx.meta)
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id: rid.0 })))
}

/// Takes a role back.
#[utoipa::path(delete, path = "/api/v1/roles/{id}", tag = "identity", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Done), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn revoke_role(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<RoleAssignmentId>,
) -> Result<Json<Done>, ApiError> {
    let a = actor(&ctx)?;
    st.app.revoke_role(a, id, &ctx.meta).await?;
    Ok(done())
}

#[derive(Deserialize, ToSchema)]
pub struct MembershipRequest {
    pub organisation: Uuid,
}

/// Adds a person to an organisation (as a learner there).
#[utoipa::path(post, path = "/api/v1/people/{id}/memberships", tag = "identity", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = MembershipRequest,
    responses((status = 201, body = Done), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn add_membership(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<PersonId>,
    ApiJson(r): ApiJson<MembershipRequest>,
) -> Result<(StatusCode, Json<Done>), ApiError> {
    let a = actor(&ctx)?;
    st.app
        .add_member(a, id, OrgId(r.organisation), &ctx.meta)
        .await?;
    Ok((StatusCode::CREATED, done()))
}

#[utoipa::path(delete, path = "/api/v1/people/{id}/memberships/{organisation}", tag = "identity", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("organisation" = Uuid, Path)),
    responses((status = 200, body = Done), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn remove_membership(
    ctx: Ctx,
    State(st): State<AppState>,
    Ids(id, org): Ids<PersonId, OrgId>,
) -> Result<Json<Done>, ApiError> {
    let a = actor(&ctx)?;
    st.app.remove_member(a, id, org, &ctx.meta).await?;
    Ok(done())
}

/// Erases another person (administrators over all of the person's organisations).
#[utoipa::path(post, path = "/api/v1/people/{id}/erasure", tag = "identity", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Done), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn erase_person(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<PersonId>,
) -> Result<Json<Done>, ApiError> {
    let a = actor(&ctx)?;
    if a.id == id {
        return Err(ApiError(guildhall_app::Error::conflict("use_own_erasure")));
    }
    st.app.erase_person(a, id, None, &ctx.meta).await?;
    Ok(done())
}
