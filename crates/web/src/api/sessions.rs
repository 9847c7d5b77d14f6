//! Sessions, sign-ups, approvals, attendance, the ledger and notifications over JSON.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use guildhall_app::Error;
use guildhall_app::ledger::{Correction, Ledger};
use guildhall_app::sessions::{
    AttendanceMark, EnrolmentRow, SessionDetail, SessionInput, SessionView,
};
use guildhall_domain::identity::LearnerCategory;
use guildhall_domain::sessions::{AttendanceStatus, Meeting, SessionAction};
use guildhall_domain::{
    EnrolmentId, Lang, MeetingId, OrgId, PersonId, Problem, Problems, ProgrammeId, SessionId,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::{Done, actor, done};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{ApiError, ErrorBody};
use crate::extract::{ApiJson, ApiJsonOpt, ApiQuery, Id};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_session))
        .routes(routes!(list_sessions))
        .routes(routes!(get_session))
        .routes(routes!(session_action))
        .routes(routes!(set_capacity))
        .routes(routes!(sign_up, list_enrolments))
        .routes(routes!(cancel_enrolment))
        .routes(routes!(approve))
        .routes(routes!(decline))
        .routes(routes!(accept_offer))
        .routes(routes!(remove_enrolment))
        .routes(routes!(record_attendance))
        .routes(routes!(my_enrolments))
        .routes(routes!(approvals))
        .routes(routes!(my_ledger))
        .routes(routes!(person_ledger, correct_ledger))
        .routes(routes!(my_notifications))
        .routes(routes!(mark_notifications_read))
}

#[derive(Deserialize, ToSchema)]
pub struct MeetingBody {
    pub day: NaiveDate,
    /// `HH:MM`, local time.
    pub starts: String,
    pub ends: String,
    pub place: Option<String>,
    pub online_link: Option<String>,
}

#[derive(Deserialize, ToSchema)]
pub struct NewSessionBody {
    pub meetings: Vec<MeetingBody>,
    pub trainers: Vec<Uuid>,
    pub capacity: i32,
    /// The language it is taught in (`hu`, `pl`, `ru`, `en`); the programme's by default.
    pub language: Option<String>,
    /// Local date and time (`2027-03-01T08:00`); now by default.
    pub registration_opens: Option<NaiveDateTime>,
    /// By default twelve hours before the first meeting.
    pub registration_closes: Option<NaiveDateTime>,
    /// By default when registration closes.
    pub cancellation_deadline: Option<NaiveDateTime>,
    #[serde(default)]
    pub requires_approval: bool,
    /// How long a seat is held for a sign-up waiting for approval (default 5).
    pub hold_days: Option<i32>,
    /// Offer freed seats for `offer_hours` instead of confirming the next in line at once.
    #[serde(default)]
    pub offer_waitlist: bool,
    pub offer_hours: Option<i32>,
    /// Learner categories that may sign up (all when empty).
    #[serde(default)]
    pub categories: Vec<String>,
    /// Regions whose people may sign up (all when empty).
    #[serde(default)]
    pub regions: Vec<Uuid>,
    pub note: Option<String>,
    /// Open registration at once (default true).
    pub open: Option<bool>,
}

fn time(field: &str, s: &str, p: &mut Problems) -> NaiveTime {
    NaiveTime::parse_from_str(s.trim(), "%H:%M").unwrap_or_else(|_| {
        p.add(field, Problem::new("time_invalid"));
        NaiveTime::MIN
    })
}

impl NewSessionBody {
    fn input(self) -> Result<SessionInput, Error> {
        let mut p = Problems::new();
        let meetings = self
            .meetings
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let field = format!("meeting_{}", i + 1);
                Meeting {
                    day: m.day,
                    starts: time(&field, &m.starts, &mut p),
                    ends: time(&field, &m.ends, &mut p),
                    place: m.place.clone(),
                    online_link: m.online_link.clone(),
                }
            })
            .collect();
        let language = match self.language.as_deref() {
            Some(l) => Some(
                Lang::parse(l)
                    .ok_or_else(|| Error::invalid_field("language", "language_unknown"))?,
            ),
            None => None,
        };
        let mut categories = Vec::new();
        for c in &self.categories {
            match LearnerCategory::parse(c) {
                Some(c) => categories.push(c),
                None => p.add("categories", Problem::new("category_unknown")),
            }
        }
        p.into_result()?;
        Ok(SessionInput {
            meetings,
            trainers: self.trainers.into_iter().map(PersonId).collect(),
            language,
            capacity: self.capacity,
            registration_opens: self.registration_opens,
            registration_closes: self.registration_closes,
            cancellation_deadline: self.cancellation_deadline,
            requires_approval: self.requires_approval,
            hold_days: self.hold_days.unwrap_or(5),
            offer_waitlist: self.offer_waitlist,
            offer_hours: self.offer_hours.unwrap_or(48),
            categories,
            regions: self.regions.into_iter().map(OrgId).collect(),
            note: self.note,
            open: self.open.unwrap_or(true),
        })
    }
}

#[derive(Serialize, ToSchema)]
pub struct MeetingOut {
    pub id: Uuid,
    pub day: NaiveDate,
    pub starts: String,
    pub ends: String,
    pub place: Option<String>,
    /// Whether the meeting happens online.
    pub online: bool,
    /// The link, only for the session's confirmed participants, its trainers and its
    /// provider; `null` for everyone else.
    pub online_link: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct SessionBody {
    pub id: Uuid,
    pub programme: Uuid,
    pub version: Uuid,
    pub title: String,
    pub hours: i32,
    /// `planned`, `open`, `running`, `finished`, `closed`, `cancelled`.
    pub state: String,
    pub language: String,
    pub capacity: i32,
    /// Seats taken: confirmed, held for approval, offered.
    pub taken: i32,
    pub confirmed: i64,
    pub pending_approval: i64,
    pub offered: i64,
    pub waiting: i64,
    pub free: i32,
    pub registration_open: bool,
    pub registration_opens: DateTime<Utc>,
    pub registration_closes: DateTime<Utc>,
    pub cancellation_deadline: DateTime<Utc>,
    pub requires_approval: bool,
    pub meetings: Vec<MeetingOut>,
    pub trainers: Vec<String>,
    pub starts_on: Option<NaiveDate>,
}

impl From<&SessionView> for SessionBody {
    fn from(s: &SessionView) -> Self {
        SessionBody {
            id: s.id.0,
            programme: s.programme.0,
            version: s.version.0,
            title: s.title.clone(),
            hours: s.hours,
            state: s.state.as_str().to_owned(),
            language: s.language.code().to_owned(),
            capacity: s.capacity,
            taken: s.taken,
            confirmed: s.confirmed,
            pending_approval: s.pending,
            offered: s.offered,
            waiting: s.waiting,
            free: s.free(),
            registration_open: s.registration_open,
            registration_opens: s.registration_opens,
            registration_closes: s.registration_closes,
            cancellation_deadline: s.cancellation_deadline,
            requires_approval: s.requires_approval,
            meetings: s
                .meetings
                .iter()
                .map(|m| MeetingOut {
                    id: m.id.0,
                    day: m.meeting.day,
                    starts: m.meeting.starts.format("%H:%M").to_string(),
                    ends: m.meeting.ends.format("%H:%M").to_string(),
                    place: m.meeting.place.clone(),
                    online: m.online,
                    online_link: m.meeting.online_link.clone(),
                })
                .collect(),
            trainers: s.trainers.iter().map(|t| t.1.clone()).collect(),
            starts_on: s.meetings.first().map(|m| m.meeting.day),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct SessionDetailBody {
    #[serde(flatten)]
    pub session: SessionBody,
    /// The caller's own sign-up, if any.
    pub my_enrolment: Option<SignUpBody>,
}

impl From<&SessionDetail> for SessionDetailBody {
    fn from(d: &SessionDetail) -> Self {
        SessionDetailBody {
            session: (&d.session).into(),
            my_enrolment: d.mine.as_ref().map(|m| SignUpBody {
                id: m.id.0,
                status: m.status.as_str().to_owned(),
                position: m.position,
            }),
        }
    }
}

/// Schedules a session of the programme's published version (its provider).
#[utoipa::path(post, path = "/api/v1/programmes/{id}/sessions", tag = "sessions", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = NewSessionBody,
    responses((status = 201, body = SessionDetailBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_session(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<ProgrammeId>,
    ApiJson(b): ApiJson<NewSessionBody>,
) -> Result<(StatusCode, Json<SessionDetailBody>), ApiError> {
    let a = actor(&ctx)?;
    let sid = st.app.create_session(a, id, b.input()?, &ctx.meta).await?;
    let d = st.app.get_session(Some(a), sid, ctx.lang).await?;
    Ok((StatusCode::CREATED, Json((&d).into())))
}

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct SessionQuery {
    pub programme: Option<Uuid>,
    /// Only sessions open for registration.
    pub open: Option<bool>,
}

#[derive(Serialize, ToSchema)]
pub struct SessionList {
    pub items: Vec<SessionBody>,
}

#[utoipa::path(get, path = "/api/v1/sessions", tag = "sessions", params(SessionQuery), responses((status = 200, body = SessionList)))]
async fn list_sessions(
    ctx: Ctx,
    State(st): State<AppState>,
    ApiQuery(q): ApiQuery<SessionQuery>,
) -> Result<Json<SessionList>, ApiError> {
    let items = st
        .app
        .list_sessions(
            ctx.actor(),
            q.programme.map(ProgrammeId),
            q.open.unwrap_or(false),
            ctx.lang,
        )
        .await?;
    Ok(Json(SessionList {
        items: items.iter().map(SessionBody::from).collect(),
    }))
}

#[utoipa::path(get, path = "/api/v1/sessions/{id}", tag = "sessions", params(("id" = Uuid, Path)),
    responses((status = 200, body = SessionDetailBody), (status = 404, body = ErrorBody)))]
async fn get_session(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<SessionId>,
) -> Result<Json<SessionDetailBody>, ApiError> {
    let d = st.app.get_session(ctx.actor(), id, ctx.lang).await?;
    Ok(Json((&d).into()))
}

#[derive(Serialize, ToSchema)]
pub struct SessionStateBody {
    pub state: String,
}

/// Opens, starts, finishes, closes or cancels a session. Finishing decides completion and
/// credits hours; cancelling tells everyone signed up.
#[utoipa::path(post, path = "/api/v1/sessions/{id}/{action}", tag = "sessions", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("action" = String, Path, description = "open, start, finish, close or cancel")),
    responses((status = 200, body = SessionStateBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn session_action(
    ctx: Ctx,
    State(st): State<AppState>,
    axum::extract::Path((id, action)): axum::extract::Path<(String, String)>,
) -> Result<Json<SessionStateBody>, ApiError> {
    let a = actor(&ctx)?;
    let id: SessionId = id.parse().map_err(|_| ApiError(Error::NotFound))?;
    let action = SessionAction::parse(&action).ok_or(ApiError(Error::NotFound))?;
    let s = st.app.session_action(a, id, action, &ctx.meta).await?;
    Ok(Json(SessionStateBody {
        state: s.as_str().to_owned(),
    }))
}

#[derive(Deserialize, ToSchema)]
pub struct CapacityBody {
    pub capacity: i32,
}

/// Changes the capacity; never below the seats taken. A raise serves the waiting list.
#[utoipa::path(put, path = "/api/v1/sessions/{id}/capacity", tag = "sessions", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = CapacityBody,
    responses((status = 200, body = Done), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn set_capacity(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<SessionId>,
    ApiJson(b): ApiJson<CapacityBody>,
) -> Result<Json<Done>, ApiError> {
    let a = actor(&ctx)?;
    st.app.set_capacity(a, id, b.capacity, &ctx.meta).await?;
    Ok(done())
}

#[derive(Serialize, ToSchema)]
pub struct SignUpBody {
    pub id: Uuid,
    /// `confirmed`, `waitlisted` or `pending_approval` (later also `offered`, `cancelled`, …).
    pub status: String,
    /// The place on the waiting list, counting from 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<u64>,
}

/// Signs the caller up. Send an `Idempotency-Key` header to make retries safe: a repeated
/// request with the same key returns the first answer and changes nothing.
#[utoipa::path(post, path = "/api/v1/sessions/{id}/enrolments", tag = "sessions", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses((status = 201, body = SignUpBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn sign_up(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<SessionId>,
    headers: HeaderMap,
) -> Result<(StatusCode, Json<SignUpBody>), ApiError> {
    let a = actor(&ctx)?;
    let key = headers.get("idempotency-key").and_then(|v| v.to_str().ok());
    let r = st.app.sign_up(a, id, key, &ctx.meta).await?;
    Ok((
        StatusCode::CREATED,
        Json(SignUpBody {
            id: r.id,
            status: r.status,
            position: r.position,
        }),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct EnrolmentBody {
    pub id: Uuid,
    pub session: Uuid,
    pub title: String,
    pub person: Uuid,
    pub name: String,
    pub email: String,
    pub status: String,
    pub position: Option<u64>,
    pub expires_at: Option<DateTime<Utc>>,
    pub assessment_passed: Option<bool>,
    pub completed: bool,
    pub created_at: DateTime<Utc>,
}

impl From<&EnrolmentRow> for EnrolmentBody {
    fn from(r: &EnrolmentRow) -> Self {
        EnrolmentBody {
            id: r.id.0,
            session: r.session.0,
            title: r.title.clone(),
            person: r.person.0,
            name: r.name.clone(),
            email: r.email.clone(),
            status: r.status.as_str().to_owned(),
            position: r.position,
            expires_at: r.expires_at,
            assessment_passed: r.assessment_passed,
            completed: r.completed,
            created_at: r.created_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct EnrolmentList {
    pub items: Vec<EnrolmentBody>,
}

/// The session's participants, in arrival order: all of them for its trainers and provider,
/// only their staff for institution heads.
#[utoipa::path(get, path = "/api/v1/sessions/{id}/enrolments", tag = "sessions", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = EnrolmentList), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn list_enrolments(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<SessionId>,
) -> Result<Json<EnrolmentList>, ApiError> {
    let a = actor(&ctx)?;
    let rows = st.app.session_enrolments(a, id).await?;
    Ok(Json(EnrolmentList {
        items: rows.iter().map(EnrolmentBody::from).collect(),
    }))
}

/// Cancels the caller's sign-up (before the cancellation deadline, unless only waiting).
#[utoipa::path(delete, path = "/api/v1/enrolments/{id}", tag = "sessions", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Done), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn cancel_enrolment(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<EnrolmentId>,
) -> Result<Json<Done>, ApiError> {
    let a = actor(&ctx)?;
    st.app.cancel_enrolment(a, id, &ctx.meta).await?;
    Ok(done())
}

#[derive(Deserialize, ToSchema, Default)]
pub struct NoteBody {
    pub note: Option<String>,
}

/// Approves a sign-up waiting for approval (institution heads, coordinators, administrators).
#[utoipa::path(post, path = "/api/v1/enrolments/{id}/approve", tag = "sessions", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = NoteBody,
    responses((status = 200, body = Done), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn approve(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<EnrolmentId>,
    ApiJsonOpt(b): ApiJsonOpt<NoteBody>,
) -> Result<Json<Done>, ApiError> {
    let a = actor(&ctx)?;
    st.app
        .decide_enrolment(a, id, true, b.and_then(|b| b.note).as_deref(), &ctx.meta)
        .await?;
    Ok(done())
}

/// Declines a sign-up waiting for approval; its seat goes to the next in line.
#[utoipa::path(post, path = "/api/v1/enrolments/{id}/decline", tag = "sessions", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = NoteBody,
    responses((status = 200, body = Done), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn decline(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<EnrolmentId>,
    ApiJsonOpt(b): ApiJsonOpt<NoteBody>,
) -> Result<Json<Done>, ApiError> {
    let a = actor(&ctx)?;
    st.app
        .decide_enrolment(a, id, false, b.and_then(|b| b.note).as_deref(), &ctx.meta)
        .await?;
    Ok(done())
}

/// Accepts a seat offered from the waiting list.
#[utoipa::path(post, path = "/api/v1/enrolments/{id}/accept", tag = "sessions", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Done), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn accept_offer(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<EnrolmentId>,
) -> Result<Json<Done>, ApiError> {
    let a = actor(&ctx)?;
    st.app.accept_offer(a, id, &ctx.meta).await?;
    Ok(done())
}

/// Takes someone off a session (its trainers and provider); the seat goes to the next in line.
#[utoipa::path(post, path = "/api/v1/enrolments/{id}/remove", tag = "sessions", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = NoteBody,
    responses((status = 200, body = Done), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn remove_enrolment(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<EnrolmentId>,
    ApiJsonOpt(b): ApiJsonOpt<NoteBody>,
) -> Result<Json<Done>, ApiError> {
    let a = actor(&ctx)?;
    st.app
        .remove_enrolment(a, id, b.and_then(|b| b.note).as_deref(), &ctx.meta)
        .await?;
    Ok(done())
}

#[derive(Deserialize, ToSchema)]
pub struct MarkBody {
    pub enrolment: Uuid,
    pub meeting: Uuid,
    /// `present`, `absent`, `excused` or `partial`.
    pub status: String,
    /// Minutes attended, for `partial`.
    #[serde(default)]
    pub minutes: i32,
}

#[derive(Deserialize, ToSchema)]
pub struct AssessmentBody {
    pub enrolment: Uuid,
    /// `null` for not assessed yet.
    pub passed: Option<bool>,
}

#[derive(Deserialize, ToSchema)]
pub struct AttendanceBody {
    #[serde(default)]
    pub marks: Vec<MarkBody>,
    #[serde(default)]
    pub assessments: Vec<AssessmentBody>,
}

/// Records or corrects attendance and assessment results (the session's trainers and
/// provider, until it is closed).
#[utoipa::path(post, path = "/api/v1/sessions/{id}/attendance", tag = "sessions", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = AttendanceBody,
    responses((status = 200, body = Done), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn record_attendance(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<SessionId>,
    ApiJson(b): ApiJson<AttendanceBody>,
) -> Result<Json<Done>, ApiError> {
    let a = actor(&ctx)?;
    let mut marks = Vec::new();
    for m in &b.marks {
        let status = AttendanceStatus::parse(&m.status)
            .ok_or_else(|| ApiError(Error::invalid_field("status", "attendance_status_unknown")))?;
        marks.push(AttendanceMark {
            enrolment: EnrolmentId(m.enrolment),
            meeting: MeetingId(m.meeting),
            status,
            minutes: m.minutes,
        });
    }
    let assessments: Vec<(EnrolmentId, Option<bool>)> = b
        .assessments
        .iter()
        .map(|x| (EnrolmentId(x.enrolment), x.passed))
        .collect();
    st.app
        .record_attendance(a, id, &marks, &assessments, &ctx.meta)
        .await?;
    Ok(done())
}

#[derive(Serialize, ToSchema)]
pub struct MyTrainingBody {
    pub enrolment: Uuid,
    pub session: Uuid,
    pub programme: Uuid,
    pub title: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub session_state: String,
    pub status: String,
    pub position: Option<u64>,
    pub completed: bool,
    pub hours: i32,
}

#[derive(Serialize, ToSchema)]
pub struct MyTrainings {
    pub items: Vec<MyTrainingBody>,
}

/// The caller's sign-ups, newest first.
#[utoipa::path(get, path = "/api/v1/me/enrolments", tag = "sessions", security(("bearer" = [])),
    responses((status = 200, body = MyTrainings), (status = 401, body = ErrorBody)))]
async fn my_enrolments(
    ctx: Ctx,
    State(st): State<AppState>,
) -> Result<Json<MyTrainings>, ApiError> {
    let a = actor(&ctx)?;
    let items = st
        .app
        .my_trainings(a)
        .await?
        .into_iter()
        .map(|t| MyTrainingBody {
            enrolment: t.enrolment.0,
            session: t.session.0,
            programme: t.programme.0,
            title: t.title,
            starts_on: t.starts_on,
            ends_on: t.ends_on,
            session_state: t.state.as_str().to_owned(),
            status: t.status.as_str().to_owned(),
            position: t.position,
            completed: t.completed,
            hours: t.hours,
        })
        .collect();
    Ok(Json(MyTrainings { items }))
}

/// Sign-ups waiting for the caller's approval.
#[utoipa::path(get, path = "/api/v1/approvals", tag = "sessions", security(("bearer" = [])),
    responses((status = 200, body = EnrolmentList), (status = 403, body = ErrorBody)))]
async fn approvals(ctx: Ctx, State(st): State<AppState>) -> Result<Json<EnrolmentList>, ApiError> {
    let a = actor(&ctx)?;
    let rows = st.app.pending_approvals(a).await?;
    Ok(Json(EnrolmentList {
        items: rows.iter().map(EnrolmentBody::from).collect(),
    }))
}

#[derive(Serialize, ToSchema)]
pub struct LedgerEntryBody {
    pub id: Uuid,
    pub hours: f64,
    pub minutes: i32,
    pub occurred_on: NaiveDate,
    /// `session`, `recognition` or `correction`.
    pub source: String,
    pub title: Option<String>,
    pub note: String,
    pub competences: Vec<String>,
    /// The entry this one reverses, if it is a reversal.
    pub reverses: Option<Uuid>,
}

#[derive(Serialize, ToSchema)]
pub struct LedgerBody {
    pub person: Uuid,
    pub total_hours: f64,
    pub entries: Vec<LedgerEntryBody>,
}

impl From<&Ledger> for LedgerBody {
    fn from(l: &Ledger) -> Self {
        LedgerBody {
            person: l.person.0,
            total_hours: l.total_hours(),
            entries: l
                .entries
                .iter()
                .map(|e| LedgerEntryBody {
                    id: e.id.0,
                    hours: e.hours(),
                    minutes: e.minutes,
                    occurred_on: e.occurred_on,
                    source: e.source.clone(),
                    title: e.title.clone(),
                    note: e.note.clone(),
                    competences: e.competences.clone(),
                    reverses: e.reverses.map(|r| r.0),
                })
                .collect(),
        }
    }
}

/// The caller's hours ledger.
#[utoipa::path(get, path = "/api/v1/me/ledger", tag = "ledger", security(("bearer" = [])),
    responses((status = 200, body = LedgerBody), (status = 401, body = ErrorBody)))]
async fn my_ledger(ctx: Ctx, State(st): State<AppState>) -> Result<Json<LedgerBody>, ApiError> {
    let a = actor(&ctx)?;
    Ok(Json((&st.app.ledger_of(a, a.id).await?).into()))
}

/// A person's hours ledger (their institution heads, coordinators, administrators).
#[utoipa::path(get, path = "/api/v1/people/{id}/ledger", tag = "ledger", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = LedgerBody), (status = 404, body = ErrorBody)))]
async fn person_ledger(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<PersonId>,
) -> Result<Json<LedgerBody>, ApiError> {
    let a = actor(&ctx)?;
    Ok(Json((&st.app.ledger_of(a, id).await?).into()))
}

#[derive(Deserialize, ToSchema)]
pub struct CorrectionBody {
    /// Minutes to add (negative to take away).
    pub minutes: i32,
    pub occurred_on: NaiveDate,
    pub note: String,
    #[serde(default)]
    pub competences: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct EntryCreated {
    pub id: Uuid,
}

/// Adds a manual correction to a person's ledger (administrators over the person).
#[utoipa::path(post, path = "/api/v1/people/{id}/ledger", tag = "ledger", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = CorrectionBody,
    responses((status = 201, body = EntryCreated), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn correct_ledger(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<PersonId>,
    ApiJson(b): ApiJson<CorrectionBody>,
) -> Result<(StatusCode, Json<EntryCreated>), ApiError> {
    let a = actor(&ctx)?;
    let e = st
        .app
        .correct_ledger(
            a,
            id,
            &Correction {
                minutes: b.minutes,
                occurred_on: b.occurred_on,
                note: b.note,
                competences: b.competences,
            },
            &ctx.meta,
        )
        .await?;
    Ok((StatusCode::CREATED, Json(EntryCreated { id: e.0 })))
}

#[derive(Serialize, ToSchema)]
pub struct NotificationBody {
    pub kind: String,
    pub text: String,
    pub link: Option<String>,
    pub created_at: DateTime<Utc>,
    pub read: bool,
}

/// Marks all the caller's notifications read.
#[utoipa::path(post, path = "/api/v1/me/notifications/read", tag = "sessions", security(("bearer" = [])),
    responses((status = 200, body = Done), (status = 401, body = ErrorBody)))]
async fn mark_notifications_read(
    ctx: Ctx,
    State(st): State<AppState>,
) -> Result<Json<Done>, ApiError> {
    let a = actor(&ctx)?;
    st.app.mark_notifications_read(a).await?;
    Ok(done())
}

#[derive(Serialize, ToSchema)]
pub struct NotificationList {
    pub items: Vec<NotificationBody>,
}

/// The caller's latest in-app notifications.
#[utoipa::path(get, path = "/api/v1/me/notifications", tag = "sessions", security(("bearer" = [])),
    responses((status = 200, body = NotificationList), (status = 401, body = ErrorBody)))]
async fn my_notifications(
    ctx: Ctx,
    State(st): State<AppState>,
) -> Result<Json<NotificationList>, ApiError> {
    let a = actor(&ctx)?;
    let items = st
        .app
        .my_notifications(a)
        .await?
        .into_iter()
        .map(|n| NotificationBody {
            kind: n.kind,
            text: n.text,
            link: n.link,
            created_at: n.created_at,
            read: n.read,
        })
        .collect();
    Ok(Json(NotificationList { items }))
}
