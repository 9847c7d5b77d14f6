//! Pages for accounts: registration, confirmation, log-in and out, password reset, the
//! profile (details, password, API tokens, personal data), and people administration.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::{self, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use guildhall_app::identity::{
    Created, MembershipRequestView, NewPerson, PersonDetail, PersonView, ProfileUpdate,
    Registration, TokenView,
};
use guildhall_app::org::OrgSummary;
use guildhall_app::{Error, policy};
use guildhall_domain::identity::{LearnerCategory, Role};
use guildhall_domain::{OrgId, PersonId, RoleAssignmentId, TokenId};
use guildhall_store::identity::PeopleFilter;
use guildhall_store::{Page, PageRequest};
use serde::Deserialize;

use super::{Chrome, FormErrors, form_failed, render, render_status, safe_next, see_other};
use crate::AppState;
use crate::ctx::{Ctx, DEVICE_COOKIE, SESSION_COOKIE, set_cookie};
use crate::error::PageError;
use crate::extract::{Id, Ids, PageForm, PageQuery};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/register", get(register_form).post(register))
        .route("/confirm/{token}", get(confirm_form).post(confirm))
        .route("/confirm", post(resend_confirmation))
        .route("/login", get(login_form).post(login))
        .route("/logout", post(logout))
        .route("/password/forgot", get(forgot_form).post(forgot))
        .route("/password/reset/{token}", get(reset_form).post(reset))
        .route("/profile", get(profile).post(update_profile))
        .route("/profile/password", post(change_password))
        .route("/profile/tokens", post(create_token))
        .route("/profile/tokens/{id}/revoke", post(revoke_token))
        .route("/profile/export", get(export))
        .route("/profile/erase", get(erase_form).post(erase_self))
        .route("/people", get(people).post(create_person))
        .route("/people/new", get(new_person_form))
        .route("/people/requests", get(requests_to_decide))
        .route("/people/requests/{id}/accept", post(accept_request))
        .route("/people/requests/{id}/decline", post(decline_request))
        .route("/invitations", get(my_invitations))
        .route("/invitations/{id}/accept", post(accept_invitation))
        .route("/invitations/{id}/decline", post(decline_invitation))
        .route("/people/{id}", get(person))
        .route("/people/{id}/roles", post(grant_role))
        .route("/people/{id}/roles/{rid}/revoke", post(revoke_role))
        .route("/people/{id}/memberships", post(add_membership))
        .route(
            "/people/{id}/memberships/{org}/remove",
            post(remove_membership),
        )
        .route("/people/{id}/erase", post(erase_person))
}

/// A choice in a select box.
pub struct Choice {
    pub value: String,
    pub label: String,
}

fn categories(c: &Chrome) -> Vec<Choice> {
    LearnerCategory::ALL
        .iter()
        .map(|k| Choice {
            value: k.as_str().to_owned(),
            label: c.tr.category(*k),
        })
        .collect()
}

fn org_choices(orgs: &[OrgSummary]) -> Vec<Choice> {
    orgs.iter()
        .map(|o| Choice {
            value: o.id.to_string(),
            label: format!("{} ({})", o.name, o.code),
        })
        .collect()
}

fn parse_org(s: &Option<String>) -> Option<OrgId> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .and_then(|s| s.parse().ok())
}

// ---- registration ----

#[derive(Deserialize, Default)]
struct RegisterForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    lang: String,
    #[serde(default)]
    category: String,
    organisation: Option<String>,
}

#[derive(Template)]
#[template(path = "identity/register.html")]
struct RegisterPage {
    c: Chrome,
    form: RegisterForm,
    errors: FormErrors,
    categories: Vec<Choice>,
    orgs: Vec<Choice>,
}

async fn register_page(
    ctx: &Ctx,
    st: &AppState,
    form: RegisterForm,
    errors: FormErrors,
) -> Response {
    let c = Chrome::new(ctx, "register-title", "register");
    let orgs = match st.app.joinable_orgs(ctx.lang).await {
        Ok(o) => org_choices(&o),
        Err(e) => return PageError(e).into_response(),
    };
    let form = RegisterForm {
        lang: if form.lang.is_empty() {
            ctx.lang.code().to_owned()
        } else {
            form.lang
        },
        ..form
    };
    render(&RegisterPage {
        categories: categories(&c),
        c,
        form,
        errors,
        orgs,
    })
}

async fn register_form(ctx: Ctx, State(st): State<AppState>) -> Response {
    if ctx.actor().is_some() {
        return see_other("/profile");
    }
    register_page(&ctx, &st, RegisterForm::default(), FormErrors::default()).await
}

async fn register(
    ctx: Ctx,
    State(st): State<AppState>,
    PageForm(f): PageForm<RegisterForm>,
) -> Response {
    let input = Registration {
        name: f.name.clone(),
        email: f.email.clone(),
        password: f.password.clone(),
        lang: Some(f.lang.clone()),
        category: f.category.clone(),
        organisation: parse_org(&f.organisation),
    };
    match st.app.register(input, &ctx.meta).await {
        Ok(_) => see_other("/login?notice=registered"),
        Err(e) => {
            let lang = ctx.lang;
            let form = RegisterForm {
                password: String::new(),
                ..f
            };
            match FormErrors::from_error(&e, lang) {
                Some(errors) => {
                    let mut r = register_page(&ctx, &st, form, errors).await;
                    *r.status_mut() = crate::error::status_of(&e);
                    r
                }
                None => PageError(e).into_response(),
            }
        }
    }
}

#[derive(Template)]
#[template(path = "identity/message.html")]
struct MessagePage {
    c: Chrome,
    text: String,
    link: Option<(String, String)>,
}

#[derive(Template)]
#[template(path = "identity/confirm.html")]
struct ConfirmPage {
    c: Chrome,
    token: String,
}

fn link_invalid_page(ctx: &Ctx, e: &Error) -> Response {
    let c = Chrome::new(ctx, "confirm-title", "");
    let text = crate::error::message(e, ctx.lang);
    let page = MessagePage {
        link: Some(("/login".to_owned(), c.tr.t("confirm-resend-link"))),
        c,
        text,
    };
    render_status(StatusCode::BAD_REQUEST, &page)
}

/// The link from the confirmation mail opens a page whose button confirms: opening a link
/// (as mail scanners and link previews do) changes nothing.
async fn confirm_form(
    ctx: Ctx,
    State(st): State<AppState>,
    axum::extract::Path(token): axum::extract::Path<String>,
) -> Response {
    match st.app.confirm_link_valid(&token).await {
        Ok(true) => render(&ConfirmPage {
            c: Chrome::new(&ctx, "confirm-title", ""),
            token,
        }),
        Ok(false) => link_invalid_page(&ctx, &Error::refused("link_invalid")),
        Err(e) => PageError(e).into_response(),
    }
}

async fn confirm(
    ctx: Ctx,
    State(st): State<AppState>,
    axum::extract::Path(token): axum::extract::Path<String>,
) -> Response {
    match st.app.confirm_email(&token, &ctx.meta).await {
        Ok(_) => see_other("/login?notice=confirmed"),
        Err(e @ Error::Refused(_)) => link_invalid_page(&ctx, &e),
        Err(e) => PageError(e).into_response(),
    }
}

#[derive(Deserialize)]
struct EmailForm {
    #[serde(default)]
    email: String,
}

async fn resend_confirmation(
    State(st): State<AppState>,
    PageForm(f): PageForm<EmailForm>,
) -> Response {
    match st.app.resend_confirmation(&f.email).await {
        Ok(()) => see_other("/login?notice=confirmation-sent"),
        Err(e) => PageError(e).into_response(),
    }
}

// ---- log-in ----

#[derive(Deserialize, Default)]
struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
    notice: Option<String>,
}

#[derive(Template)]
#[template(path = "identity/login.html")]
struct LoginPage {
    c: Chrome,
    form: LoginForm,
    errors: FormErrors,
    demo: bool,
}

async fn login_form(
    ctx: Ctx,
    State(st): State<AppState>,
    PageQuery(q): PageQuery<LoginForm>,
) -> Response {
    if ctx.actor().is_some() {
        return see_other(&safe_next(q.next.as_deref()));
    }
    let c = Chrome::new(&ctx, "login-title", "login").notice(q.notice.as_deref());
    render(&LoginPage {
        c,
        form: q,
        errors: FormErrors::default(),
        demo: st.web.demo,
    })
}

async fn login(ctx: Ctx, State(st): State<AppState>, PageForm(f): PageForm<LoginForm>) -> Response {
    match st.app.login(&f.email, &f.password, &ctx.meta).await {
        Ok(done) => {
            // Whoever was logged in in this browser before is logged out: their cookie is
            // replaced, and the session behind it ends too.
            if let Some(previous) = ctx.actor()
                && let Err(e) = st.app.logout(previous, &ctx.meta).await
            {
                return PageError(e).into_response();
            }
            let mut resp = see_other(&safe_next(f.next.as_deref()));
            let max_age = st.app.config().session_days * 24 * 3600;
            resp.headers_mut().append(
                header::SET_COOKIE,
                set_cookie(
                    SESSION_COOKIE,
                    &done.session_token,
                    Some(max_age),
                    ctx.https,
                ),
            );
            resp.headers_mut().append(
                header::SET_COOKIE,
                set_cookie(
                    DEVICE_COOKIE,
                    &done.device_mark,
                    Some(365 * 24 * 3600),
                    ctx.https,
                ),
            );
            resp
        }
        Err(e) => {
            let c = Chrome::new(&ctx, "login-title", "login");
            let demo = st.web.demo;
            let form = LoginForm {
                password: String::new(),
                ..f
            };
            form_failed(e, ctx.lang, |errors| {
                render(&LoginPage {
                    c,
                    form,
                    errors,
                    demo,
                })
            })
        }
    }
}

async fn logout(ctx: Ctx, State(st): State<AppState>) -> Response {
    if let Some(a) = ctx.actor()
        && let Err(e) = st.app.logout(a, &ctx.meta).await
    {
        return PageError(e).into_response();
    }
    let mut resp = see_other("/?notice=logged-out");
    resp.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(SESSION_COOKIE, "", Some(0), ctx.https),
    );
    resp
}

// ---- password reset ----

#[derive(Template)]
#[template(path = "identity/forgot.html")]
struct ForgotPage {
    c: Chrome,
    email: String,
}

async fn forgot_form(ctx: Ctx) -> Response {
    render(&ForgotPage {
        c: Chrome::new(&ctx, "forgot-title", "login"),
        email: String::new(),
    })
}

async fn forgot(
    ctx: Ctx,
    State(st): State<AppState>,
    PageForm(f): PageForm<EmailForm>,
) -> Response {
    match st.app.request_password_reset(&f.email, &ctx.meta).await {
        Ok(()) => see_other("/login?notice=reset-sent"),
        Err(e) => PageError(e).into_response(),
    }
}

#[derive(Deserialize, Default)]
struct ResetForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_again: String,
}

#[derive(Template)]
#[template(path = "identity/reset.html")]
struct ResetPage {
    c: Chrome,
    token: String,
    errors: FormErrors,
}

async fn reset_form(
    ctx: Ctx,
    State(st): State<AppState>,
    axum::extract::Path(token): axum::extract::Path<String>,
) -> Response {
    match st.app.reset_link_valid(&token).await {
        Ok(true) => render(&ResetPage {
            c: Chrome::new(&ctx, "reset-title", "login"),
            token,
            errors: FormErrors::default(),
        }),
        Ok(false) => {
            let c = Chrome::new(&ctx, "reset-title", "login");
            let text = c.tr.t("err-link-invalid");
            let page = MessagePage {
                link: Some(("/password/forgot".to_owned(), c.tr.t("forgot-title"))),
                c,
                text,
            };
            render_status(StatusCode::BAD_REQUEST, &page)
        }
        Err(e) => PageError(e).into_response(),
    }
}

async fn reset(
    ctx: Ctx,
    State(st): State<AppState>,
    axum::extract::Path(token): axum::extract::Path<String>,
    PageForm(f): PageForm<ResetForm>,
) -> Response {
    let result = if f.password != f.password_again {
        Err(Error::invalid_field("password_again", "password_mismatch"))
    } else {
        st.app.reset_password(&token, &f.password, &ctx.meta).await
    };
    match result {
        Ok((person, _)) => {
            // The browser that set the password is its owner's: it is not held back by the
            // account-wide log-in limit a stranger's guessing may have reached.
            let mut resp = see_other("/login?notice=password-set");
            resp.headers_mut().append(
                header::SET_COOKIE,
                set_cookie(
                    DEVICE_COOKIE,
                    &st.app.device_mark(person),
                    Some(365 * 24 * 3600),
                    ctx.https,
                ),
            );
            resp
        }
        Err(e) => {
            let c = Chrome::new(&ctx, "reset-title", "login");
            form_failed(e, ctx.lang, |errors| {
                render(&ResetPage { c, token, errors })
            })
        }
    }
}

// ---- profile ----

#[derive(Deserialize, Default)]
struct ProfileForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    lang: String,
    #[serde(default)]
    category: String,
}

#[derive(Template)]
#[template(path = "identity/profile.html")]
struct ProfilePage {
    c: Chrome,
    me: PersonDetail,
    form: ProfileForm,
    errors: FormErrors,
    password_errors: FormErrors,
    token_errors: FormErrors,
    tokens: Vec<TokenView>,
    new_token: Option<String>,
    categories: Vec<Choice>,
}

#[derive(Deserialize, Default)]
struct ProfileQuery {
    notice: Option<String>,
}

#[derive(Default)]
struct ProfileState {
    form: Option<ProfileForm>,
    errors: FormErrors,
    password_errors: FormErrors,
    token_errors: FormErrors,
    new_token: Option<String>,
    notice: Option<String>,
}

async fn profile_page(ctx: &Ctx, st: &AppState, s: ProfileState) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let me = st.app.get_person(a, a.id).await?;
    let tokens = st.app.list_tokens(a).await?;
    let c = Chrome::new(ctx, "profile-title", "profile").notice(s.notice.as_deref());
    let form = s.form.unwrap_or_else(|| ProfileForm {
        name: me.person.name.clone(),
        lang: me.person.lang.code().to_owned(),
        category: me.person.category.as_str().to_owned(),
    });
    Ok(render(&ProfilePage {
        categories: categories(&c),
        c,
        me,
        form,
        errors: s.errors,
        password_errors: s.password_errors,
        token_errors: s.token_errors,
        tokens,
        new_token: s.new_token,
    }))
}

async fn profile(
    ctx: Ctx,
    State(st): State<AppState>,
    PageQuery(q): PageQuery<ProfileQuery>,
) -> Result<Response, PageError> {
    profile_page(
        &ctx,
        &st,
        ProfileState {
            notice: q.notice,
            ..Default::default()
        },
    )
    .await
}

fn failed_with(e: Error, lang: guildhall_domain::Lang) -> Result<FormErrors, PageError> {
    FormErrors::from_error(&e, lang).ok_or(PageError(e))
}

async fn update_profile(
    ctx: Ctx,
    State(st): State<AppState>,
    PageForm(f): PageForm<ProfileForm>,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let input = ProfileUpdate {
        name: f.name.clone(),
        lang: f.lang.clone(),
        category: f.category.clone(),
    };
    match st.app.update_profile(a, input, &ctx.meta).await {
        Ok(_) => Ok(see_other("/profile?notice=saved")),
        Err(e) => {
            let status = crate::error::status_of(&e);
            let errors = failed_with(e, ctx.lang)?;
            let mut r = profile_page(
                &ctx,
                &st,
                ProfileState {
                    form: Some(f),
                    errors,
                    ..Default::default()
                },
            )
            .await?;
            *r.status_mut() = status;
            Ok(r)
        }
    }
}

#[derive(Deserialize)]
struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_again: String,
}

async fn change_password(
    ctx: Ctx,
    State(st): State<AppState>,
    PageForm(f): PageForm<PasswordForm>,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let result = if f.password != f.password_again {
        Err(Error::invalid_field("password_again", "password_mismatch"))
    } else {
        st.app
            .change_password(a, &f.current_password, &f.password, &ctx.meta)
            .await
    };
    match result {
        Ok(_) => Ok(see_other("/profile?notice=password-changed")),
        Err(e) => {
            let status = crate::error::status_of(&e);
            let password_errors = failed_with(e, ctx.lang)?;
            let mut r = profile_page(
                &ctx,
                &st,
                ProfileState {
                    password_errors,
                    ..Default::default()
                },
            )
            .await?;
            *r.status_mut() = status;
            Ok(r)
        }
    }
}

#[derive(Deserialize)]
struct TokenForm {
    #[serde(default)]
    name: String,
    valid_days: Option<String>,
}

async fn create_token(
    ctx: Ctx,
    State(st): State<AppState>,
    PageForm(f): PageForm<TokenForm>,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let days = match f
        .valid_days
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => Ok(None),
        Some(s) => s
            .parse::<i64>()
            .map(Some)
            .map_err(|_| Error::invalid_field("valid_days", "number_invalid")),
    };
    let result = match days {
        Ok(d) => st.app.create_token(a, &f.name, d, &ctx.meta).await,
        Err(e) => Err(e),
    };
    match result {
        Ok((_, secret)) => {
            let mut r = profile_page(
                &ctx,
                &st,
                ProfileState {
                    new_token: Some(secret),
                    notice: Some("token-created".into()),
                    ..Default::default()
                },
            )
            .await?;
            r.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            Ok(r)
        }
        Err(e) => {
            let status = crate::error::status_of(&e);
            let token_errors = failed_with(e, ctx.lang)?;
            let mut r = profile_page(
                &ctx,
                &st,
                ProfileState {
                    token_errors,
                    ..Default::default()
                },
            )
            .await?;
            *r.status_mut() = status;
            Ok(r)
        }
    }
}

async fn revoke_token(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<TokenId>,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    st.app.revoke_token(a, id, &ctx.meta).await?;
    Ok(see_other("/profile?notice=token-revoked"))
}

async fn export(ctx: Ctx, State(st): State<AppState>) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let data = st.app.export_personal_data(a).await?;
    let body = serde_json::to_string_pretty(&data)
        .map_err(|e| PageError(Error::Internal(e.to_string())))?;
    let mut resp = body.into_response();
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"guildhall-personal-data.json\""),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(resp)
}

#[derive(Template)]
#[template(path = "identity/erase.html")]
struct ErasePage {
    c: Chrome,
    errors: FormErrors,
}

async fn erase_form(ctx: Ctx) -> Result<Response, PageError> {
    ctx.require()?;
    Ok(render(&ErasePage {
        c: Chrome::new(&ctx, "erase-title", "profile"),
        errors: FormErrors::default(),
    }))
}

#[derive(Deserialize)]
struct EraseForm {
    #[serde(default)]
    current_password: String,
}

async fn erase_self(
    ctx: Ctx,
    State(st): State<AppState>,
    PageForm(f): PageForm<EraseForm>,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    match st
        .app
        .erase_person(a, a.id, Some(&f.current_password), &ctx.meta)
        .await
    {
        Ok(()) => {
            let mut resp = see_other("/?notice=erased");
            resp.headers_mut().append(
                header::SET_COOKIE,
                set_cookie(SESSION_COOKIE, "", Some(0), ctx.https),
            );
            Ok(resp)
        }
        Err(e) => {
            let c = Chrome::new(&ctx, "erase-title", "profile");
            Ok(form_failed(e, ctx.lang, |errors| {
                render(&ErasePage { c, errors })
            }))
        }
    }
}

// ---- people administration ----

/// Links to the other pages of a list.
pub struct Pager {
    pub page: u64,
    pub pages: u64,
    pub total: u64,
    pub prev: Option<String>,
    pub next: Option<String>,
}

impl Pager {
    /// `base` is the list's URL with its filters, ending in `?` or `&`.
    pub fn new<T>(p: &Page<T>, base: &str) -> Pager {
        let pages = p.pages();
        Pager {
            page: p.page,
            pages,
            total: p.total,
            prev: (p.page > 1).then(|| format!("{base}page={}", p.page - 1)),
            next: (p.page < pages).then(|| format!("{base}page={}", p.page + 1)),
        }
    }
}

/// Builds `path?k=v&…&` from the non-empty filters, for pager links.
pub fn list_base(path: &str, filters: &[(&str, &str)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in filters {
        if !v.is_empty() {
            s.append_pair(k, v);
        }
    }
    let q = s.finish();
    if q.is_empty() {
        format!("{path}?")
    } else {
        format!("{path}?{q}&")
    }
}

#[derive(Deserialize, Default)]
struct PeopleQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    org: String,
    #[serde(default)]
    role: String,
    page: Option<u64>,
    notice: Option<String>,
}

#[derive(Template)]
#[template(path = "identity/people.html")]
struct PeoplePage {
    c: Chrome,
    query: PeopleQuery,
    people: Vec<PersonView>,
    pager: Pager,
    orgs: Vec<Choice>,
    roles: Vec<Choice>,
    can_create: bool,
}

fn role_choices(c: &Chrome) -> Vec<Choice> {
    Role::ALL
        .iter()
        .map(|r| Choice {
            value: r.as_str().to_owned(),
            label: c.tr.role(*r),
        })
        .collect()
}

async fn people(
    ctx: Ctx,
    State(st): State<AppState>,
    PageQuery(q): PageQuery<PeopleQuery>,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let filter = PeopleFilter {
        text: Some(q.q.clone()),
        organisation: q.org.parse().ok(),
        role: Role::parse(&q.role).map(|r| r.as_str().to_owned()),
        within: None,
    };
    let page = st
        .app
        .list_people(a, filter, PageRequest::new(q.page, Some(50)))
        .await?;
    let orgs = st.app.manageable_orgs(a).await?;
    let c = Chrome::new(&ctx, "people-title", "people").notice(q.notice.as_deref());
    let pager = Pager::new(
        &page,
        &list_base(
            "/people",
            &[("q", &q.q), ("org", &q.org), ("role", &q.role)],
        ),
    );
    let can_create = policy::may_create_people_somewhere(a);
    Ok(render(&PeoplePage {
        roles: role_choices(&c),
        orgs: org_choices(&orgs),
        c,
        query: q,
        people: page.items,
        pager,
        can_create,
    }))
}

#[derive(Deserialize, Default)]
struct NewPersonForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    lang: String,
    #[serde(default)]
    organisation: Vec<String>,
    #[serde(default)]
    password: String,
}

#[derive(Template)]
#[template(path = "identity/person_new.html")]
struct NewPersonPage {
    c: Chrome,
    form: NewPersonForm,
    errors: FormErrors,
    categories: Vec<Choice>,
    orgs: Vec<Choice>,
    /// Whether the viewer creates accounts directly (and may set a first password), or
    /// invites.
    direct: bool,
}

async fn new_person_page(
    ctx: &Ctx,
    st: &AppState,
    form: NewPersonForm,
    errors: FormErrors,
    status: StatusCode,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    if policy::people_scopes(a).is_none() {
        return Err(PageError(Error::Forbidden));
    }
    let orgs = st.app.manageable_orgs(a).await?;
    let c = Chrome::new(ctx, "person-new-title", "people");
    Ok(render_status(
        status,
        &NewPersonPage {
            direct: policy::sees_everyone(a),
            categories: categories(&c),
            orgs: org_choices(&orgs),
            c,
            form,
            errors,
        },
    ))
}

async fn new_person_form(ctx: Ctx, State(st): State<AppState>) -> Result<Response, PageError> {
    let form = NewPersonForm {
        lang: ctx.lang.code().to_owned(),
        ..Default::default()
    };
    new_person_page(&ctx, &st, form, FormErrors::default(), StatusCode::OK).await
}

async fn create_person(
    ctx: Ctx,
    State(st): State<AppState>,
    PageForm(f): PageForm<NewPersonForm>,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let mut organisations = Vec::new();
    for o in &f.organisation {
        if o.trim().is_empty() {
            continue;
        }
        match o.parse() {
            Ok(id) => organisations.push(id),
            Err(_) => {
                let errors = failed_with(
                    Error::invalid_field("organisations", "organisation_unknown"),
                    ctx.lang,
                )?;
                return new_person_page(&ctx, &st, f, errors, StatusCode::UNPROCESSABLE_ENTITY)
                    .await;
            }
        }
    }
    let input = NewPerson {
        name: f.name.clone(),
        email: f.email.clone(),
        category: f.category.clone(),
        lang: Some(f.lang.clone()),
        organisations,
        password: Some(f.password.clone()).filter(|p| !p.is_empty()),
    };
    match st.app.create_person(a, input, &ctx.meta).await {
        Ok(Created::Person(id)) => Ok(see_other(&format!("/people/{id}?notice=person-created"))),
        Ok(Created::Invited) => Ok(see_other("/people/requests?notice=person-invited")),
        Err(e) => {
            let status = crate::error::status_of(&e);
            let errors = failed_with(e, ctx.lang)?;
            new_person_page(
                &ctx,
                &st,
                NewPersonForm {
                    password: String::new(),
                    ..f
                },
                errors,
                status,
            )
            .await
        }
    }
}

#[derive(Template)]
#[template(path = "identity/person.html")]
struct PersonPage {
    c: Chrome,
    p: PersonDetail,
    errors: FormErrors,
    roles: Vec<Choice>,
    orgs: Vec<Choice>,
    may_erase: bool,
    is_self: bool,
}

async fn person_page(
    ctx: &Ctx,
    st: &AppState,
    id: PersonId,
    errors: FormErrors,
    notice: Option<&str>,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let p = st.app.get_person(a, id).await?;
    let orgs = st.app.manageable_orgs(a).await?;
    let title = if p.person.erased {
        ctx.tr().t("person-erased")
    } else {
        p.person.name.clone()
    };
    let c = Chrome::titled(ctx, title, "people").notice(notice);
    let may_erase = p.erasable;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(render_status(
        status,
        &PersonPage {
            roles: role_choices(&c),
            orgs: org_choices(&orgs),
            is_self: a.id == id,
            c,
            p,
            errors,
            may_erase,
        },
    ))
}

async fn person(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<PersonId>,
    PageQuery(q): PageQuery<ProfileQuery>,
) -> Result<Response, PageError> {
    person_page(&ctx, &st, id, FormErrors::default(), q.notice.as_deref()).await
}

#[derive(Deserialize)]
struct GrantForm {
    #[serde(default)]
    role: String,
    organisation: Option<String>,
}

async fn grant_role(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<PersonId>,
    PageForm(f): PageForm<GrantForm>,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    match st
        .app
        .grant_role(a, id, &f.role, parse_org(&f.organisation), &ctx.meta)
        .await
    {
        Ok(_) => Ok(see_other(&format!("/people/{id}?notice=role-granted"))),
        Err(e) => {
            let errors = failed_with(e, ctx.lang)?;
            person_page(&ctx, &st, id, errors, None).await
        }
    }
}

async fn revoke_role(
    ctx: Ctx,
    State(st): State<AppState>,
    Ids(id, rid): Ids<PersonId, RoleAssignmentId>,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    st.app.revoke_role(a, rid, &ctx.meta).await?;
    Ok(see_other(&format!("/people/{id}?notice=role-revoked")))
}

#[derive(Deserialize)]
struct MembershipForm {
    organisation: Option<String>,
}

async fn add_membership(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<PersonId>,
    PageForm(f): PageForm<MembershipForm>,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let Some(org) = parse_org(&f.organisation) else {
        let errors = failed_with(
            Error::invalid_field("organisation", "organisation_unknown"),
            ctx.lang,
        )?;
        return person_page(&ctx, &st, id, errors, None).await;
    };
    match st.app.add_member(a, id, org, &ctx.meta).await {
        Ok(()) => Ok(see_other(&format!("/people/{id}?notice=member-added"))),
        Err(e) => {
            let errors = failed_with(e, ctx.lang)?;
            person_page(&ctx, &st, id, errors, None).await
        }
    }
}

async fn remove_membership(
    ctx: Ctx,
    State(st): State<AppState>,
    Ids(id, org): Ids<PersonId, OrgId>,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    st.app.remove_member(a, id, org, &ctx.meta).await?;
    Ok(see_other(&format!("/people/{id}?notice=member-removed")))
}

async fn erase_person(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<PersonId>,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    if a.id == id {
        return Ok(see_other("/profile/erase"));
    }
    st.app.erase_person(a, id, None, &ctx.meta).await?;
    Ok(see_other(&format!("/people/{id}?notice=person-erased")))
}

// ---- joining organisations ----

#[derive(Deserialize, Default)]
struct NoticeQuery {
    notice: Option<String>,
}

#[derive(Template)]
#[template(path = "identity/requests.html")]
struct RequestsPage {
    c: Chrome,
    requests: Vec<MembershipRequestView>,
    /// The caller's own invitations and applications, or those they decide.
    mine: bool,
    /// Where the accept and decline forms post.
    base: &'static str,
}

async fn requests_to_decide(
    ctx: Ctx,
    State(st): State<AppState>,
    PageQuery(q): PageQuery<NoticeQuery>,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let requests = st.app.membership_requests_to_decide(a).await?;
    Ok(render(&RequestsPage {
        c: Chrome::new(&ctx, "requests-title", "people").notice(q.notice.as_deref()),
        requests,
        mine: false,
        base: "/people/requests",
    }))
}

async fn my_invitations(
    ctx: Ctx,
    State(st): State<AppState>,
    PageQuery(q): PageQuery<NoticeQuery>,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let requests = st.app.my_membership_requests(a).await?;
    Ok(render(&RequestsPage {
        c: Chrome::new(&ctx, "invitations-title", "profile").notice(q.notice.as_deref()),
        requests,
        mine: true,
        base: "/invitations",
    }))
}

async fn decide_request(
    ctx: &Ctx,
    st: &AppState,
    id: uuid::Uuid,
    accept: bool,
    back: &str,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    st.app
        .decide_membership_request(a, id, accept, &ctx.meta)
        .await?;
    let notice = if accept {
        "request-accepted"
    } else {
        "request-declined"
    };
    Ok(see_other(&format!("{back}?notice={notice}")))
}

async fn accept_request(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<uuid::Uuid>,
) -> Result<Response, PageError> {
    decide_request(&ctx, &st, id, true, "/people/requests").await
}

async fn decline_request(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<uuid::Uuid>,
) -> Result<Response, PageError> {
    decide_request(&ctx, &st, id, false, "/people/requests").await
}

async fn accept_invitation(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<uuid::Uuid>,
) -> Result<Response, PageError> {
    decide_request(&ctx, &st, id, true, "/invitations").await
}

async fn decline_invitation(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<uuid::Uuid>,
) -> Result<Response, PageError> {
    decide_request(&ctx, &st, id, false, "/invitations").await
}
