//! Pages for sessions and sign-ups: a session with its sign-up, participants and attendance;
//! scheduling; the learner's trainings and ledger; the head's approvals; notifications.

use std::collections::HashMap;

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use guildhall_app::Error;
use guildhall_app::ledger::{Ledger, format_hours};
use guildhall_app::notify::NotificationView;
use guildhall_app::sessions::{
    AttendanceMark, EnrolmentRow, MyTraining, SessionDetail, SessionInput,
};
use guildhall_domain::identity::LearnerCategory;
use guildhall_domain::sessions::{AttendanceStatus, Meeting, SessionAction};
use guildhall_domain::{
    EnrolmentId, Lang, MeetingId, OrgId, PersonId, Problem, Problems, ProgrammeId, SessionId,
};
use serde::Deserialize;

use super::identity::Choice;
use super::{Chrome, FormErrors, render, render_status, see_other};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::extract::{Id, PageForm, PageQuery};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/sessions/{id}", get(session))
        .route("/sessions/{id}/enrol", post(enrol))
        .route("/sessions/{id}/attendance", post(attendance))
        .route("/sessions/{id}/capacity", post(capacity))
        .route("/sessions/{id}/state/{action}", post(state))
        .route("/programmes/{id}/sessions/new", get(new_session))
        .route("/programmes/{id}/sessions", post(create_session))
        .route("/enrolments/{id}/{action}", post(enrolment_action))
        .route("/trainings", get(my_trainings))
        .route("/approvals", get(approvals))
        .route("/ledger", get(my_ledger))
        .route("/people/{id}/ledger", get(person_ledger))
        .route("/teaching", get(teaching))
        .route("/notifications", get(notifications))
        .route("/notifications/read", post(mark_read))
}

/// A session in a programme's list.
pub struct SessionRow {
    pub id: SessionId,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub language: Lang,
    pub state: String,
    pub free: i32,
    pub capacity: i32,
    pub waiting: i64,
    pub place: String,
    pub open: bool,
}

/// The sessions a programme's page lists; planned ones only for those who schedule them.
pub async fn rows_for_programme(
    st: &AppState,
    d: &guildhall_app::catalog::ProgrammeDetail,
) -> Result<Vec<SessionRow>, PageError> {
    let sessions = st
        .app
        .programme_sessions(d.id, d.actions.manage_sessions)
        .await?;
    Ok(sessions
        .iter()
        .map(|s| SessionRow {
            id: s.id,
            starts_on: Some(s.starts_on),
            ends_on: Some(s.ends_on),
            language: s.language,
            state: s.state.as_str().to_owned(),
            free: s.free(),
            capacity: s.capacity,
            waiting: s.waiting,
            place: s
                .place
                .clone()
                .or_else(|| s.online.then(|| "online".to_owned()))
                .unwrap_or_default(),
            open: s.registration_open,
        })
        .collect())
}

/// A button that changes a session's state.
pub struct ActionButton {
    pub name: &'static str,
    pub danger: bool,
    pub confirm: bool,
}

#[derive(Template)]
#[template(path = "sessions/session.html")]
struct SessionPage {
    c: Chrome,
    d: SessionDetail,
    participants: Vec<EnrolmentRow>,
    statuses: Vec<Choice>,
    /// Whether each meeting has begun (attendance can be recorded for it).
    begun: Vec<bool>,
    /// How many confirmed participants have a mark for each meeting.
    marked: Vec<usize>,
    /// The meeting whose attendance the page shows, by index.
    selected: usize,
    /// Whether the caller is one of the session's trainers.
    teaches: bool,
}

impl SessionPage {
    fn day(&self, d: &NaiveDate) -> String {
        super::date(self.c.lang, d)
    }

    fn time(&self, t: &NaiveTime) -> String {
        t.format("%H:%M").to_string()
    }

    fn mark(&self, row: &EnrolmentRow, i: &usize) -> String {
        row.attendance
            .get(*i)
            .and_then(|a| a.as_ref())
            .map(|a| a.0.as_str().to_owned())
            .unwrap_or_default()
    }

    fn minutes(&self, row: &EnrolmentRow, i: &usize) -> String {
        row.attendance
            .get(*i)
            .and_then(|a| a.as_ref())
            .filter(|a| a.0 == AttendanceStatus::Partial)
            .map(|a| a.1.to_string())
            .unwrap_or_default()
    }

    /// The state changes the caller may make now, in lifecycle order.
    fn actions(&self) -> Vec<ActionButton> {
        use guildhall_domain::sessions::SessionState;
        let state = self.d.session.state;
        let (manage, run) = (self.d.can_manage, self.d.can_run);
        [
            SessionAction::Open,
            SessionAction::Start,
            SessionAction::Finish,
            SessionAction::Close,
            SessionAction::Cancel,
        ]
        .into_iter()
        .filter(|a| a.from_states().contains(&state))
        .filter(|a| match a {
            SessionAction::Start | SessionAction::Finish => run,
            _ => manage,
        })
        .filter(|a| *a != SessionAction::Open || state == SessionState::Planned)
        .map(|a| ActionButton {
            name: a.name(),
            danger: a == SessionAction::Cancel,
            confirm: matches!(a, SessionAction::Cancel | SessionAction::Finish),
        })
        .collect()
    }

    fn is_selected(&self, i: &usize) -> bool {
        *i == self.selected
    }

    fn is_begun(&self, i: &usize) -> bool {
        self.begun.get(*i).copied().unwrap_or(false)
    }

    /// Whether every confirmed participant has a mark for the meeting.
    fn is_marked(&self, i: &usize) -> bool {
        self.marked.get(*i).copied().unwrap_or(0) >= self.confirmed()
    }

    fn selected_meeting(&self) -> Option<&guildhall_app::sessions::MeetingView> {
        self.d.session.meetings.get(self.selected)
    }

    /// How many confirmed participants there are.
    fn confirmed(&self) -> usize {
        self.participants
            .iter()
            .filter(|p| p.status == guildhall_domain::sessions::EnrolmentStatus::Confirmed)
            .count()
    }

    fn assessed(&self, row: &EnrolmentRow) -> &'static str {
        match row.assessment_passed {
            Some(true) => "pass",
            Some(false) => "fail",
            None => "",
        }
    }
}

#[derive(Deserialize, Default)]
struct NoticeQuery {
    notice: Option<String>,
    /// The meeting whose attendance to show.
    meeting: Option<String>,
}

/// What a session page says above its content.
enum Said<'a> {
    Nothing,
    /// A success, by its notice key.
    Notice(&'a str),
    /// What went wrong with the action just tried.
    Failed(&'a Error),
}

async fn session_page(
    ctx: &Ctx,
    st: &AppState,
    id: SessionId,
    said: Said<'_>,
    status: StatusCode,
) -> Result<Response, PageError> {
    session_page_at(ctx, st, id, said, status, None).await
}

async fn session_page_at(
    ctx: &Ctx,
    st: &AppState,
    id: SessionId,
    said: Said<'_>,
    status: StatusCode,
    meeting: Option<MeetingId>,
) -> Result<Response, PageError> {
    let mut d = st.app.get_session(ctx.actor(), id, ctx.lang).await?;
    let participants = std::mem::take(&mut d.participants);
    let now = st.app.now();
    let begun: Vec<bool> = d
        .session
        .meetings
        .iter()
        .map(|m| st.app.meeting_start(d.session.zone, &m.meeting) <= now)
        .collect();
    let confirmed: Vec<&EnrolmentRow> = participants
        .iter()
        .filter(|p| p.status == guildhall_domain::sessions::EnrolmentStatus::Confirmed)
        .collect();
    let marked: Vec<usize> = (0..d.session.meetings.len())
        .map(|i| {
            confirmed
                .iter()
                .filter(|p| p.attendance.get(i).is_some_and(Option::is_some))
                .count()
        })
        .collect();
    // The meeting asked for; else the latest that has begun and is not fully marked; else
    // the latest that has begun; else the first.
    let selected = meeting
        .and_then(|m| d.session.meetings.iter().position(|x| x.id == m))
        .or_else(|| {
            (0..begun.len())
                .rev()
                .find(|i| begun[*i] && marked[*i] < confirmed.len())
        })
        .or_else(|| (0..begun.len()).rev().find(|i| begun[*i]))
        .unwrap_or(0);
    let teaches = ctx
        .actor()
        .is_some_and(|a| d.session.trainers.iter().any(|t| t.0 == a.id));
    let mut c = Chrome::titled(ctx, d.session.title.clone(), "catalogue");
    c = match said {
        Said::Nothing => c,
        Said::Notice(key) => c.notice(Some(key)),
        Said::Failed(e) => {
            let mut c = c.error(e);
            if let Error::Invalid(ps) = e {
                let details: Vec<String> =
                    ps.0.iter()
                        .map(|fp| guildhall_i18n::problem(ctx.lang, &fp.problem))
                        .collect();
                c.error = c.error.map(|m| format!("{m} {}", details.join(" ")));
            }
            c
        }
    };
    let statuses = AttendanceStatus::ALL
        .iter()
        .map(|s| Choice {
            value: s.as_str().into(),
            label: c.tr.named("attendance", s.as_str()),
        })
        .collect();
    Ok(render_status(
        status,
        &SessionPage {
            c,
            d,
            participants,
            statuses,
            begun,
            marked,
            selected,
            teaches,
        },
    ))
}

async fn session(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<SessionId>,
    PageQuery(q): PageQuery<NoticeQuery>,
) -> Result<Response, PageError> {
    let said = q.notice.as_deref().map_or(Said::Nothing, Said::Notice);
    let meeting = q.meeting.as_deref().and_then(|m| m.parse().ok());
    session_page_at(&ctx, &st, id, said, StatusCode::OK, meeting).await
}

/// Answers a refused action on a session with the session page and the reason.
async fn refused(ctx: &Ctx, st: &AppState, id: SessionId, e: Error) -> Result<Response, PageError> {
    match &e {
        Error::Conflict(_) | Error::Refused(_) | Error::Invalid(_) => {
            session_page(ctx, st, id, Said::Failed(&e), crate::error::status_of(&e)).await
        }
        _ => Err(PageError(e)),
    }
}

async fn enrol(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<SessionId>,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    match st.app.sign_up(a, id, None, &ctx.meta).await {
        Ok(r) => Ok(see_other(&format!(
            "/sessions/{id}?notice=signup-{}",
            r.status.replace('_', "-")
        ))),
        Err(e) => refused(&ctx, &st, id, e).await,
    }
}

#[derive(Deserialize, Default)]
struct NoteForm {
    note: Option<String>,
}

async fn enrolment_action(
    ctx: Ctx,
    State(st): State<AppState>,
    axum::extract::Path((id, action)): axum::extract::Path<(String, String)>,
    PageForm(f): PageForm<NoteForm>,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let id: EnrolmentId = id.parse().map_err(|_| PageError(Error::NotFound))?;
    let result = match action.as_str() {
        "cancel" => st.app.cancel_enrolment(a, id, &ctx.meta).await,
        "accept" => st.app.accept_offer(a, id, &ctx.meta).await,
        "approve" => {
            st.app
                .decide_enrolment(a, id, true, f.note.as_deref(), &ctx.meta)
                .await
        }
        "decline" => {
            st.app
                .decide_enrolment(a, id, false, f.note.as_deref(), &ctx.meta)
                .await
        }
        "remove" => {
            st.app
                .remove_enrolment(a, id, f.note.as_deref(), &ctx.meta)
                .await
        }
        _ => return Err(PageError(Error::NotFound)),
    };
    let deciding = matches!(action.as_str(), "approve" | "decline");
    match result {
        Ok(()) => Ok(see_other(&format!(
            "{}?notice=enrolment-{action}",
            if deciding { "/approvals" } else { "/trainings" }
        ))),
        // The list again, saying what went wrong (in the person's words, from the error).
        Err(e @ (Error::Conflict(_) | Error::Refused(_) | Error::Invalid(_))) => {
            let status = crate::error::status_of(&e);
            if deciding {
                let c = Chrome::new(&ctx, "approvals-title", "approvals").error(&e);
                approvals_page(&ctx, &st, c, status).await
            } else {
                let c = Chrome::new(&ctx, "trainings-title", "trainings").error(&e);
                trainings_page(&ctx, &st, c, status).await
            }
        }
        Err(e) => Err(PageError(e)),
    }
}

async fn attendance(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<SessionId>,
    PageForm(fields): PageForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let values: HashMap<&str, &str> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let mut marks = Vec::new();
    let mut assessments = Vec::new();
    let mut problems = Problems::new();
    for (k, v) in &fields {
        if let Some(rest) = k.strip_prefix("a_") {
            if v.is_empty() {
                continue;
            }
            let Some((e, m)) = rest.split_once('_') else {
                continue;
            };
            let (Ok(e), Ok(m)) = (e.parse::<EnrolmentId>(), m.parse::<MeetingId>()) else {
                continue;
            };
            let Some(status) = AttendanceStatus::parse(v) else {
                problems.add("attendance", Problem::new("attendance_status_unknown"));
                continue;
            };
            let minutes = values
                .get(format!("m_{rest}").as_str())
                .and_then(|s| s.trim().parse::<i32>().ok())
                .unwrap_or(0);
            marks.push(AttendanceMark {
                enrolment: e,
                meeting: m,
                status,
                minutes,
            });
        } else if let Some(e) = k.strip_prefix("x_") {
            let Ok(e) = e.parse::<EnrolmentId>() else {
                continue;
            };
            assessments.push((
                e,
                match v.as_str() {
                    "pass" => Some(true),
                    "fail" => Some(false),
                    _ => None,
                },
            ));
        }
    }
    if !problems.is_empty() {
        return refused(&ctx, &st, id, Error::Invalid(problems)).await;
    }
    match st
        .app
        .record_attendance(a, id, &marks, &assessments, &ctx.meta)
        .await
    {
        Ok(()) => {
            let meeting = marks
                .first()
                .map(|m| format!("&meeting={}", m.meeting))
                .unwrap_or_default();
            Ok(see_other(&format!(
                "/sessions/{id}?notice=attendance-saved{meeting}#attendance"
            )))
        }
        Err(e) => {
            let meeting = marks.first().map(|m| m.meeting);
            session_page_at(
                &ctx,
                &st,
                id,
                Said::Failed(&e),
                crate::error::status_of(&e),
                meeting,
            )
            .await
        }
    }
}

#[derive(Deserialize, Default)]
struct CapacityForm {
    #[serde(default)]
    capacity: String,
}

async fn capacity(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<SessionId>,
    PageForm(f): PageForm<CapacityForm>,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let Ok(cap) = f.capacity.trim().parse::<i32>() else {
        return refused(
            &ctx,
            &st,
            id,
            Error::invalid_field("capacity", "number_invalid"),
        )
        .await;
    };
    match st.app.set_capacity(a, id, cap, &ctx.meta).await {
        Ok(()) => Ok(see_other(&format!("/sessions/{id}?notice=saved"))),
        Err(e) => refused(&ctx, &st, id, e).await,
    }
}

async fn state(
    ctx: Ctx,
    State(st): State<AppState>,
    axum::extract::Path((id, action)): axum::extract::Path<(String, String)>,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let id: SessionId = id.parse().map_err(|_| PageError(Error::NotFound))?;
    let action = SessionAction::parse(&action).ok_or(PageError(Error::NotFound))?;
    match st.app.session_action(a, id, action, &ctx.meta).await {
        Ok(_) => Ok(see_other(&format!(
            "/sessions/{id}?notice=session-{}",
            action.name()
        ))),
        Err(e) => refused(&ctx, &st, id, e).await,
    }
}

// ---- scheduling ----

#[derive(Deserialize, Clone)]
pub struct SessionForm {
    #[serde(default)]
    pub day: Vec<String>,
    #[serde(default)]
    pub starts: Vec<String>,
    #[serde(default)]
    pub ends: Vec<String>,
    #[serde(default)]
    pub place: Vec<String>,
    #[serde(default)]
    pub link: Vec<String>,
    #[serde(default)]
    pub trainer: Vec<String>,
    #[serde(default)]
    pub capacity: String,
    #[serde(default)]
    pub language: String,
    #[serde(default)]
    pub registration_opens: String,
    #[serde(default)]
    pub registration_closes: String,
    #[serde(default)]
    pub cancellation_deadline: String,
    pub requires_approval: Option<String>,
    #[serde(default)]
    pub hold_days: String,
    pub offer_waitlist: Option<String>,
    #[serde(default)]
    pub offer_hours: String,
    #[serde(default)]
    pub category: Vec<String>,
    #[serde(default)]
    pub region: Vec<String>,
    #[serde(default)]
    pub note: String,
    pub open: Option<String>,
}

impl Default for SessionForm {
    fn default() -> Self {
        SessionForm {
            day: Vec::new(),
            starts: Vec::new(),
            ends: Vec::new(),
            place: Vec::new(),
            link: Vec::new(),
            trainer: Vec::new(),
            capacity: "20".into(),
            language: String::new(),
            registration_opens: String::new(),
            registration_closes: String::new(),
            cancellation_deadline: String::new(),
            requires_approval: None,
            hold_days: "5".into(),
            offer_waitlist: None,
            offer_hours: "48".into(),
            category: Vec::new(),
            region: Vec::new(),
            note: String::new(),
            open: Some("on".into()),
        }
    }
}

/// One row of the meetings table in the form.
pub struct MeetingRow {
    pub n: usize,
    pub day: String,
    pub starts: String,
    pub ends: String,
    pub place: String,
    pub link: String,
}

impl SessionForm {
    pub const ROWS: usize = 8;

    pub fn rows(&self) -> Vec<MeetingRow> {
        let g = |v: &Vec<String>, i: usize| v.get(i).cloned().unwrap_or_default();
        (0..Self::ROWS)
            .map(|i| MeetingRow {
                n: i + 1,
                day: g(&self.day, i),
                starts: g(&self.starts, i),
                ends: g(&self.ends, i),
                place: g(&self.place, i),
                link: g(&self.link, i),
            })
            .collect()
    }

    pub fn has(&self, list: &str, value: &str) -> bool {
        let l = match list {
            "trainer" => &self.trainer,
            "category" => &self.category,
            _ => &self.region,
        };
        l.iter().any(|v| v == value)
    }

    fn input(&self) -> Result<SessionInput, Problems> {
        let mut p = Problems::new();
        let mut meetings = Vec::new();
        for i in 0..self.day.len().max(self.starts.len()) {
            let g = |v: &Vec<String>| v.get(i).map(|s| s.trim().to_owned()).unwrap_or_default();
            let (day, starts, ends) = (g(&self.day), g(&self.starts), g(&self.ends));
            if day.is_empty() && starts.is_empty() && ends.is_empty() {
                continue;
            }
            let field = format!("meeting_{}", i + 1);
            let day = NaiveDate::parse_from_str(&day, "%Y-%m-%d")
                .map_err(|_| p.add(field.clone(), Problem::new("date_invalid")))
                .ok();
            let starts = NaiveTime::parse_from_str(&starts, "%H:%M")
                .map_err(|_| p.add(field.clone(), Problem::new("time_invalid")))
                .ok();
            let ends = NaiveTime::parse_from_str(&ends, "%H:%M")
                .map_err(|_| p.add(field.clone(), Problem::new("time_invalid")))
                .ok();
            if let (Some(day), Some(starts), Some(ends)) = (day, starts, ends) {
                meetings.push(Meeting {
                    day,
                    starts,
                    ends,
                    place: Some(g(&self.place)).filter(|s| !s.is_empty()),
                    online_link: Some(g(&self.link)).filter(|s| !s.is_empty()),
                });
            }
        }
        let dt = |field: &str, s: &str, p: &mut Problems| -> Option<NaiveDateTime> {
            let s = s.trim();
            if s.is_empty() {
                return None;
            }
            NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
                .map_err(|_| p.add(field, Problem::new("date_invalid")))
                .ok()
        };
        let num = |field: &str, s: &str, p: &mut Problems| -> i32 {
            s.trim().parse().unwrap_or_else(|_| {
                p.add(field, Problem::new("number_invalid"));
                0
            })
        };
        let input = SessionInput {
            meetings,
            trainers: self.trainer.iter().filter_map(|t| t.parse().ok()).collect(),
            language: Lang::parse(&self.language),
            capacity: num("capacity", &self.capacity, &mut p),
            registration_opens: dt("registration_opens", &self.registration_opens, &mut p),
            registration_closes: dt("registration_closes", &self.registration_closes, &mut p),
            cancellation_deadline: dt("cancellation_deadline", &self.cancellation_deadline, &mut p),
            requires_approval: self.requires_approval.is_some(),
            hold_days: num("hold_days", &self.hold_days, &mut p),
            offer_waitlist: self.offer_waitlist.is_some(),
            offer_hours: num("offer_hours", &self.offer_hours, &mut p),
            categories: self
                .category
                .iter()
                .filter_map(|c| LearnerCategory::parse(c))
                .collect(),
            regions: self
                .region
                .iter()
                .filter_map(|r| r.parse::<OrgId>().ok())
                .collect(),
            note: Some(self.note.clone()).filter(|n| !n.trim().is_empty()),
            open: self.open.is_some(),
        };
        p.into_result().map(|()| input)
    }
}

#[derive(Template)]
#[template(path = "sessions/new.html")]
struct NewSessionPage {
    c: Chrome,
    programme: ProgrammeId,
    title: String,
    form: SessionForm,
    errors: FormErrors,
    trainers: Vec<Choice>,
    categories: Vec<Choice>,
    regions: Vec<Choice>,
}

async fn new_session_page(
    ctx: &Ctx,
    st: &AppState,
    programme: ProgrammeId,
    form: SessionForm,
    errors: FormErrors,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    if !st.app.may_schedule(a, programme).await? {
        return Err(PageError(Error::Forbidden));
    }
    let d = st.app.get_programme(Some(a), programme, ctx.lang).await?;
    let title = d
        .published
        .as_ref()
        .map(|v| v.text.title.get(ctx.lang).to_owned())
        .unwrap_or_default();
    let c = Chrome::new(ctx, "session-new-title", "mine");
    let page = NewSessionPage {
        trainers: st
            .app
            .trainer_choices(programme)
            .await?
            .into_iter()
            .map(|(id, name)| Choice {
                value: id.to_string(),
                label: name,
            })
            .collect(),
        categories: LearnerCategory::ALL
            .iter()
            .map(|k| Choice {
                value: k.as_str().into(),
                label: c.tr.category(*k),
            })
            .collect(),
        regions: st
            .app
            .regions(ctx.lang)
            .await?
            .into_iter()
            .map(|r| Choice {
                value: r.id.to_string(),
                label: r.name,
            })
            .collect(),
        c,
        programme,
        title,
        form,
        errors,
    };
    let status = if page.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(render_status(status, &page))
}

async fn new_session(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<ProgrammeId>,
) -> Result<Response, PageError> {
    new_session_page(&ctx, &st, id, SessionForm::default(), FormErrors::default()).await
}

async fn create_session(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<ProgrammeId>,
    PageForm(f): PageForm<SessionForm>,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let result = match f.input() {
        Ok(input) => st.app.create_session(a, id, input, &ctx.meta).await,
        Err(p) => Err(Error::Invalid(p)),
    };
    match result {
        Ok(sid) => Ok(see_other(&format!(
            "/sessions/{sid}?notice=session-created"
        ))),
        Err(e) => {
            let errors = FormErrors::from_error(&e, ctx.lang).ok_or(PageError(e))?;
            new_session_page(&ctx, &st, id, f, errors).await
        }
    }
}

// ---- the learner's and the head's lists ----

#[derive(Deserialize, Default)]
struct ListQuery {
    notice: Option<String>,
}

#[derive(Template)]
#[template(path = "sessions/trainings.html")]
struct TrainingsPage {
    c: Chrome,
    rows: Vec<MyTraining>,
}

impl TrainingsPage {
    fn day(&self, d: &NaiveDate) -> String {
        super::date(self.c.lang, d)
    }
}

async fn my_trainings(
    ctx: Ctx,
    State(st): State<AppState>,
    PageQuery(q): PageQuery<ListQuery>,
) -> Result<Response, PageError> {
    let c = Chrome::new(&ctx, "trainings-title", "trainings").notice(q.notice.as_deref());
    trainings_page(&ctx, &st, c, StatusCode::OK).await
}

async fn trainings_page(
    ctx: &Ctx,
    st: &AppState,
    c: Chrome,
    status: StatusCode,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let rows = st.app.my_trainings(a).await?;
    Ok(render_status(status, &TrainingsPage { c, rows }))
}

#[derive(Template)]
#[template(path = "sessions/teaching.html")]
struct TeachingPage {
    c: Chrome,
    rows: Vec<guildhall_app::sessions::TeachingRow>,
}

impl TeachingPage {
    fn day(&self, d: &NaiveDate) -> String {
        super::date(self.c.lang, d)
    }
}

/// The sessions the caller teaches, what is due first.
async fn teaching(ctx: Ctx, State(st): State<AppState>) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let rows = st.app.teaching(a).await?;
    Ok(render(&TeachingPage {
        c: Chrome::new(&ctx, "teaching-title", "teaching"),
        rows,
    }))
}

#[derive(Template)]
#[template(path = "sessions/approvals.html")]
struct ApprovalsPage {
    c: Chrome,
    rows: Vec<EnrolmentRow>,
}

async fn approvals(
    ctx: Ctx,
    State(st): State<AppState>,
    PageQuery(q): PageQuery<ListQuery>,
) -> Result<Response, PageError> {
    let c = Chrome::new(&ctx, "approvals-title", "approvals").notice(q.notice.as_deref());
    approvals_page(&ctx, &st, c, StatusCode::OK).await
}

async fn approvals_page(
    ctx: &Ctx,
    st: &AppState,
    c: Chrome,
    status: StatusCode,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let rows = st.app.pending_approvals(a).await?;
    Ok(render_status(status, &ApprovalsPage { c, rows }))
}

#[derive(Template)]
#[template(path = "sessions/ledger.html")]
struct LedgerPage {
    c: Chrome,
    l: Ledger,
}

impl LedgerPage {
    fn hours(&self, minutes: &i32) -> String {
        format_hours(i64::from(*minutes))
    }

    fn total(&self) -> String {
        format_hours(self.l.total_minutes)
    }

    fn day(&self, d: &NaiveDate) -> String {
        super::date(self.c.lang, d)
    }
}

async fn my_ledger(ctx: Ctx, State(st): State<AppState>) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let l = st.app.ledger_of(a, a.id).await?;
    Ok(render(&LedgerPage {
        c: Chrome::new(&ctx, "ledger-title", "ledger"),
        l,
    }))
}

async fn person_ledger(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<PersonId>,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let l = st.app.ledger_of(a, id).await?;
    let title = format!("{} — {}", ctx.tr().t("ledger-title"), l.name);
    Ok(render(&LedgerPage {
        c: Chrome::titled(&ctx, title, "people"),
        l,
    }))
}

#[derive(Template)]
#[template(path = "sessions/notifications.html")]
struct NotificationsPage {
    c: Chrome,
    unread: bool,
    rows: Vec<NotificationView>,
}

async fn notifications(ctx: Ctx, State(st): State<AppState>) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let rows = st.app.my_notifications(a).await?;
    Ok(render(&NotificationsPage {
        c: Chrome::new(&ctx, "notifications-title", "notifications"),
        unread: rows.iter().any(|n| !n.read),
        rows,
    }))
}

async fn mark_read(ctx: Ctx, State(st): State<AppState>) -> Result<Response, PageError> {
    let a = ctx.require()?;
    st.app.mark_notifications_read(a).await?;
    Ok(see_other("/notifications"))
}
