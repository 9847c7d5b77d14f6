//! Sessions and sign-ups: scheduling, the seat count, waiting lists, approvals, offers,
//! attendance and completion.
//!
//! The invariant "confirmed + held seats ≤ capacity" is kept by the database: a seat is
//! taken only by a conditional update of the session's `taken` counter
//! (`store::sessions::take_seat`, or `add_places` for a group of sign-ups written together by
//! [`signup`], which also counts the group's new waiting places), in the same transaction as
//! the enrolment that holds it,
//! and a constraint refuses `taken > capacity`. A person holds at most one live enrolment per
//! session (a unique index). Every path that frees a seat — cancellation, a declined
//! approval, an expired hold or offer, a trainer removing someone, a raised capacity — ends
//! in [`App::fill_seats`], which serves the waiting list in arrival order.

use chrono::{Duration, NaiveDateTime};
use guildhall_domain::identity::{LearnerCategory, Role};
use guildhall_domain::sessions::{
    AttendanceStatus, EnrolmentStatus, Meeting, SessionAction, SessionPlan, SessionState,
    attendance_pct, completes,
};
use guildhall_domain::{
    EnrolmentId, Lang, MeetingId, OrgId, PersonId, Problem, Problems, ProgrammeId, SessionId,
};
use guildhall_store::entities::{enrolment, person, session_meeting, training_session};
use guildhall_store::sessions as q;
use guildhall_store::{ConnectionTrait, begin_write};
use serde_json::json;
use uuid::Uuid;

use crate::audit::Change;
use crate::{Actor, App, Error, Meta, Result, policy};

pub(crate) mod signup;
mod views;

pub use views::{
    EnrolmentRow, MeetingView, MyPlace, MyTraining, SessionDetail, SessionSummary, SessionView,
    TeachingRow,
};

/// A new session, as typed into the form or sent to the API. Times are local.
#[derive(Clone, Debug, Default)]
pub struct SessionInput {
    pub meetings: Vec<Meeting>,
    pub trainers: Vec<PersonId>,
    /// The language it is taught in; the programme's by default.
    pub language: Option<Lang>,
    pub capacity: i32,
    /// When sign-up opens (now if not given).
    pub registration_opens: Option<NaiveDateTime>,
    /// When sign-up closes (the evening before the first meeting if not given).
    pub registration_closes: Option<NaiveDateTime>,
    /// Until when people may cancel (when sign-up closes if not given).
    pub cancellation_deadline: Option<NaiveDateTime>,
    pub requires_approval: bool,
    pub hold_days: i32,
    /// Offer freed seats for a while instead of confirming the next in line at once.
    pub offer_waitlist: bool,
    pub offer_hours: i32,
    /// Who may sign up (everyone when empty).
    pub categories: Vec<LearnerCategory>,
    /// Where people must work to sign up (everywhere when empty).
    pub regions: Vec<OrgId>,
    pub note: Option<String>,
    /// Open registration at once instead of leaving the session planned.
    pub open: bool,
}

/// The result of a sign-up.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct SignUp {
    pub id: Uuid,
    pub status: String,
    pub position: Option<u64>,
}

/// One attendance mark from the bulk form.
#[derive(Clone, Debug)]
pub struct AttendanceMark {
    pub enrolment: EnrolmentId,
    pub meeting: MeetingId,
    pub status: AttendanceStatus,
    /// For partial attendance.
    pub minutes: i32,
}

fn meeting_of(m: &session_meeting::Model) -> Meeting {
    Meeting {
        day: m.day,
        starts: m.starts_at,
        ends: m.ends_at,
        place: m.place.clone(),
        online_link: m.online_link.clone(),
    }
}

fn status_of(e: &enrolment::Model) -> EnrolmentStatus {
    EnrolmentStatus::parse(&e.status).unwrap_or(EnrolmentStatus::Cancelled)
}

fn state_of(s: &training_session::Model) -> SessionState {
    SessionState::parse(&s.state).unwrap_or(SessionState::Planned)
}

/// An instant as the session's local date, time and zone, for messages.
fn local_text(zone: guildhall_domain::Zone, t: chrono::DateTime<chrono::Utc>) -> String {
    format!(
        "{} {}",
        zone.local(t).format("%Y-%m-%d %H:%M"),
        zone.abbreviation(t)
    )
}

fn categories_of(s: &training_session::Model) -> Vec<LearnerCategory> {
    s.categories
        .split(',')
        .filter_map(|c| LearnerCategory::parse(c.trim()))
        .collect()
}

impl App {
    async fn provider_path_of_programme(
        &self,
        programme: Uuid,
    ) -> Result<(guildhall_store::entities::programme::Model, String)> {
        let p = guildhall_store::catalog::find_programme(self.db(), programme)
            .await?
            .ok_or(Error::NotFound)?;
        let o = guildhall_store::org::find(self.db(), p.provider_id)
            .await?
            .ok_or(Error::NotFound)?;
        Ok((p, o.path))
    }

    /// Whether `actor` may schedule sessions of the programme.
    pub async fn may_schedule(&self, actor: &Actor, programme: ProgrammeId) -> Result<bool> {
        let (p, path) = self.provider_path_of_programme(programme.0).await?;
        Ok(policy::may_manage_sessions(actor, &path)
            && p.published_version_id.is_some()
            && p.retired_at.is_none())
    }

    /// People who may be named trainers of the programme's sessions: those who hold the
    /// trainer role over the provider or inside it.
    pub async fn trainer_choices(&self, programme: ProgrammeId) -> Result<Vec<(PersonId, String)>> {
        let (_, path) = self.provider_path_of_programme(programme.0).await?;
        let mut ids: Vec<Uuid> = guildhall_store::identity::holders_with_role(self.db(), "trainer")
            .await?
            .into_iter()
            .filter(|(_, scope)| policy::may_train_for(scope, &path))
            .map(|(p, _)| p)
            .collect();
        ids.sort();
        ids.dedup();
        let names = guildhall_store::identity::people_names(self.db(), &ids).await?;
        let mut out: Vec<(PersonId, String)> = ids
            .into_iter()
            .map(|p| (PersonId(p), names.get(&p).cloned().unwrap_or_default()))
            .collect();
        out.sort_by(|a, b| a.1.cmp(&b.1));
        Ok(out)
    }

    /// Schedules a session of a programme's published version.
    pub async fn create_session(
        &self,
        actor: &Actor,
        programme: ProgrammeId,
        input: SessionInput,
        meta: &Meta,
    ) -> Result<SessionId> {
        let (prog, path) = self.provider_path_of_programme(programme.0).await?;
        if !policy::may_manage_sessions(actor, &path) {
            return Err(if prog.published_version_id.is_some() {
                Error::Forbidden
            } else {
                Error::NotFound
            });
        }
        let Some(version_id) = prog
            .published_version_id
            .filter(|_| prog.retired_at.is_none())
        else {
            return Err(Error::conflict("programme_not_published"));
        };
        let version = guildhall_store::catalog::find_version(self.db(), version_id)
            .await?
            .ok_or(Error::NotFound)?;
        let plan = SessionPlan {
            meetings: input.meetings.clone(),
            capacity: input.capacity,
            hold_days: input.hold_days,
            offer_hours: input.offer_hours,
            categories: input.categories.clone(),
        };
        let mut p = plan.check();
        let (Some(first), Some(last)) = (plan.first_day(), plan.last_day()) else {
            return Err(Error::Invalid(p));
        };
        let first_start = input
            .meetings
            .iter()
            .filter(|m| m.day == first)
            .map(|m| m.starts)
            .min()
            .unwrap_or_default();
        // The session keeps its provider's time (its region's or country's zone), else the
        // deployment's; every local time typed for it is read in that zone.
        let zone = self.zone_for_provider(&path).await?;
        let opens = input
            .registration_opens
            .unwrap_or_else(|| zone.local(self.now()));
        let closes = input
            .registration_closes
            .unwrap_or_else(|| first.and_time(first_start) - Duration::hours(12));
        let deadline = input.cancellation_deadline.unwrap_or(closes);
        if closes <= opens {
            p.add("registration_closes", Problem::new("date_range_invalid"));
        }
        if closes > first.and_time(first_start) {
            p.add(
                "registration_closes",
                Problem::new("registration_after_start"),
            );
        }
        if first < zone.local(self.now()).date() {
            p.add("meetings", Problem::new("meetings_in_past"));
        }
        let mut trainers: Vec<Uuid> = input.trainers.iter().map(|t| t.0).collect();
        trainers.sort();
        trainers.dedup();
        if trainers.is_empty() {
            p.add("trainers", Problem::new("trainers_required"));
        } else {
            // A trainer must be the provider's: trainers of other providers would be lent
            // the participants' names and addresses.
            for t in &trainers {
                let roles = guildhall_store::identity::assignments_of(self.db(), *t).await?;
                if !roles.iter().any(|r| {
                    r.role == Role::Trainer.as_str() && policy::may_train_for(&r.scope_path, &path)
                }) {
                    p.add("trainers", Problem::new("trainer_not_of_provider"));
                    break;
                }
            }
        }
        let mut regions: Vec<Uuid> = input.regions.iter().map(|r| r.0).collect();
        regions.sort();
        regions.dedup();
        let found = guildhall_store::org::find_many(self.db(), &regions).await?;
        if found.len() != regions.len() || found.iter().any(|o| o.kind != "region") {
            p.add("regions", Problem::new("region_unknown"));
        }
        if let Some(n) = &input.note
            && n.chars().count() > 2_000
        {
            p.add("note", Problem::new("text_too_long").num("max", 2_000));
        }
        p.into_result()?;
        let now = self.now();
        let id = SessionId::new();
        let state = if input.open {
            SessionState::Open
        } else {
            SessionState::Planned
        };
        let lang = input
            .language
            .or_else(|| Lang::parse(&version.delivery_language))
            .unwrap_or(Lang::En);
        let tx = begin_write(self.writer()).await?;
        q::insert_session(
            &tx,
            training_session::Model {
                time_zone: Some(zone.name().to_owned()),
                id: id.0,
                programme_id: prog.id,
                version_id,
                provider_id: prog.provider_id,
                state: state.as_str().to_owned(),
                language: lang.code().to_owned(),
                capacity: input.capacity,
                taken: 0,
                waiting: 0,
                registration_opens_at: zone.instant(opens),
                registration_closes_at: zone.instant(closes),
                cancellation_deadline: zone.instant(deadline),
                requires_approval: input.requires_approval,
                hold_days: input.hold_days,
                offer_waitlist: input.offer_waitlist,
                offer_hours: input.offer_hours,
                starts_on: first,
                ends_on: last,
                categories: input
                    .categories
                    .iter()
                    .map(|c| c.as_str())
                    .collect::<Vec<_>>()
                    .join(","),
                note: input
                    .note
                    .clone()
                    .map(|n| n.trim().to_owned())
                    .filter(|n| !n.is_empty()),
                created_by: actor.id.0,
                created_at: now,
                updated_at: now,
            },
        )
        .await?;
        let mut meetings = input.meetings.clone();
        meetings.sort_by_key(|m| (m.day, m.starts));
        q::insert_meetings(
            &tx,
            meetings
                .iter()
                .enumerate()
                .map(|(i, m)| session_meeting::Model {
                    id: MeetingId::new().0,
                    session_id: id.0,
                    position: i as i32,
                    day: m.day,
                    starts_at: m.starts,
                    ends_at: m.ends,
                    place: m.place.clone().filter(|s| !s.trim().is_empty()),
                    online_link: m.online_link.clone().filter(|s| !s.trim().is_empty()),
                })
                .collect(),
        )
        .await?;
        q::set_trainers(&tx, id.0, &trainers).await?;
        q::set_regions(&tx, id.0, &regions).await?;
        self.audit(
            &tx,
            Some(actor.id),
            meta,
            Change::new("session.create", "session", id)
                .scope(Some(path))
                .details(json!({ "programme": prog.id, "capacity": input.capacity })),
        )
        .await?;
        tx.commit().await?;
        self.seats_changed();
        Ok(id)
    }

    /// Signs the caller up: a seat if one is free (pending approval where the session asks
    /// for it), else a place on the waiting list. With an idempotency key, repeating the
    /// request returns the first answer and changes nothing.
    pub async fn sign_up(
        &self,
        actor: &Actor,
        session: SessionId,
        idempotency_key: Option<&str>,
        meta: &Meta,
    ) -> Result<SignUp> {
        if let Some(k) = idempotency_key {
            if k.is_empty() || k.len() > 200 || !k.chars().all(|c| c.is_ascii_graphic()) {
                return Err(Error::invalid_field(
                    "idempotency_key",
                    "idempotency_key_invalid",
                ));
            }
            if let Some(prev) = q::find_key(self.db(), actor.id.0, k).await?
                && prev.status != 0
            {
                return serde_json::from_str(&prev.body)
                    .map_err(|e| Error::Internal(e.to_string()));
            }
        }
        // Everything the sign-up is checked against is read by the writer, for its whole
        // group at once and under the seat lock, so nothing checked can change before the
        // sign-up is written.
        let result = self
            .write_sign_up(signup::Pending {
                person: actor.id.0,
                session: session.0,
                key: idempotency_key.map(str::to_owned),
                meta: meta.clone(),
            })
            .await;
        match result {
            Err(Error::Conflict(p)) if p.code == "overlapping_session" => {
                Err(Error::Conflict(self.name_the_clash(p, actor.lang).await))
            }
            other => other,
        }
    }

    /// The clash of a refused sign-up, with the title and dates of the training it clashes
    /// with instead of its id.
    async fn name_the_clash(&self, p: Problem, lang: Lang) -> Problem {
        use guildhall_domain::problem::Arg;
        let other = p.args.iter().find_map(|(k, v)| match (k, v) {
            (&"session", Arg::Text(id)) => id.parse::<Uuid>().ok(),
            _ => None,
        });
        let mut named = Problem::new("overlapping_session");
        if let Some(id) = other
            && let Ok(Some(s)) = q::find_session(self.db(), id).await
            && let Ok(title) = self.session_title(self.db(), &s, lang).await
        {
            named = named.text("title", title);
        } else {
            named = named.text("title", "—");
        }
        named
    }

    async fn session_title<C: ConnectionTrait>(
        &self,
        db: &C,
        s: &training_session::Model,
        lang: Lang,
    ) -> Result<String> {
        let v = guildhall_store::catalog::find_version(db, s.version_id)
            .await?
            .ok_or(Error::NotFound)?;
        Ok(crate::catalog::text_of(&v, &[]).title.get(lang).to_owned())
    }

    /// The people who decide a learner's sign-ups: the nearest holders of a deciding role
    /// over the learner's organisations who are independent of the learner (their heads,
    /// else the next level up).
    async fn deciders_of<C: ConnectionTrait>(
        &self,
        db: &C,
        learner: PersonId,
    ) -> Result<Vec<person::Model>> {
        self.deciders_for(db, learner, policy::SIGNUP_DECIDERS)
            .await
    }

    /// Gives seats to the waiting list, first come first served, while seats are free.
    /// Runs inside the transaction that freed the seat.
    pub(crate) async fn fill_seats<C: ConnectionTrait>(
        &self,
        db: &C,
        session: Uuid,
    ) -> Result<usize> {
        let Some(s) = q::find_session(db, session).await? else {
            return Ok(0);
        };
        if !matches!(state_of(&s), SessionState::Open | SessionState::Running) {
            return Ok(0);
        }
        let now = self.now();
        let mut skip = Vec::new();
        let mut moved = 0;
        loop {
            let Some(next) = q::first_waiting(db, session, &skip).await? else {
                break;
            };
            if !q::take_seat(db, session).await? {
                break;
            }
            let (to, expires, kind) = if s.offer_waitlist {
                (
                    EnrolmentStatus::Offered,
                    Some(now + Duration::hours(i64::from(s.offer_hours))),
                    "seat-offered",
                )
            } else if s.requires_approval {
                (
                    EnrolmentStatus::PendingApproval,
                    Some(now + Duration::days(i64::from(s.hold_days))),
                    "signup-promoted-pending",
                )
            } else {
                (EnrolmentStatus::Confirmed, None, "signup-promoted")
            };
            if !q::move_enrolment(
                db,
                next.id,
                q::Move {
                    from: "waitlisted",
                    to: to.as_str(),
                    active: true,
                    expires_at: expires,
                    decided_by: None,
                    note: None,
                },
                now,
            )
            .await?
            {
                q::free_seat(db, session).await?;
                skip.push(next.id);
                continue;
            }
            moved += 1;
            if let Some(p) = guildhall_store::identity::find_person(db, next.person_id).await? {
                let title = self
                    .session_title(db, &s, Lang::parse(&p.language).unwrap_or(Lang::En))
                    .await?;
                self.tell(
                    db,
                    &p,
                    kind,
                    vec![("title", title)],
                    Some(format!("/sessions/{session}")),
                )
                .await?;
            }
            guildhall_store::audit::append(
                db,
                guildhall_store::audit::NewEntry {
                    at: now,
                    actor_id: None,
                    ip: None,
                    action: "enrolment.promote".into(),
                    object_type: "enrolment".into(),
                    object_id: next.id.to_string(),
                    scope_path: None,
                    details: json!({ "session": session, "to": to.as_str() }),
                },
            )
            .await?;
        }
        Ok(moved)
    }

    /// Ends an enrolment and, if it held a seat, gives the seat to the next in line.
    async fn end_enrolment<C: ConnectionTrait>(
        &self,
        db: &C,
        e: &enrolment::Model,
        to: EnrolmentStatus,
        decided_by: Option<Uuid>,
        note: Option<String>,
    ) -> Result<()> {
        let from = status_of(e);
        if !from.active() {
            return Err(Error::Conflict(
                Problem::new("transition_not_allowed")
                    .text("state", from.as_str())
                    .text("action", to.as_str()),
            ));
        }
        let now = self.now();
        if !q::move_enrolment(
            db,
            e.id,
            q::Move {
                from: from.as_str(),
                to: to.as_str(),
                active: false,
                expires_at: None,
                decided_by,
                note,
            },
            now,
        )
        .await?
        {
            return Err(Error::Conflict(
                Problem::new("transition_not_allowed")
                    .text("state", from.as_str())
                    .text("action", to.as_str()),
            ));
        }
        if from.holds_seat() {
            q::free_seat(db, e.session_id).await?;
            self.fill_seats(db, e.session_id).await?;
        }
        Ok(())
    }

    /// The learner cancels their own sign-up (before the session's deadline, unless they are
    /// only waiting).
    pub async fn cancel_enrolment(
        &self,
        actor: &Actor,
        id: EnrolmentId,
        meta: &Meta,
    ) -> Result<()> {
        let e = q::find_enrolment(self.db(), id.0)
            .await?
            .ok_or(Error::NotFound)?;
        if e.person_id != actor.id.0 {
            return Err(Error::NotFound);
        }
        let s = q::find_session(self.db(), e.session_id)
            .await?
            .ok_or(Error::NotFound)?;
        if status_of(&e) != EnrolmentStatus::Waitlisted && self.now() > s.cancellation_deadline {
            return Err(Error::conflict("cancellation_deadline_passed"));
        }
        let tx = begin_write(self.writer()).await?;
        let e = q::find_enrolment(&tx, id.0).await?.ok_or(Error::NotFound)?;
        self.end_enrolment(&tx, &e, EnrolmentStatus::Cancelled, None, None)
            .await?;
        self.audit(
            &tx,
            Some(actor.id),
            meta,
            Change::new("enrolment.cancel", "enrolment", id)
                .details(json!({ "session": e.session_id })),
        )
        .await?;
        tx.commit().await?;
        self.seats_changed();
        Ok(())
    }

    /// A trainer or the provider takes someone off a session.
    pub async fn remove_enrolment(
        &self,
        actor: &Actor,
        id: EnrolmentId,
        note: Option<&str>,
        meta: &Meta,
    ) -> Result<()> {
        let e = q::find_enrolment(self.db(), id.0)
            .await?
            .ok_or(Error::NotFound)?;
        let s = q::find_session(self.db(), e.session_id)
            .await?
            .ok_or(Error::NotFound)?;
        let (_, can_run) = self.roles_in_session(Some(actor), &s).await?;
        if !can_run {
            return Err(Error::NotFound);
        }
        let tx = begin_write(self.writer()).await?;
        let e = q::find_enrolment(&tx, id.0).await?.ok_or(Error::NotFound)?;
        self.end_enrolment(
            &tx,
            &e,
            EnrolmentStatus::Removed,
            Some(actor.id.0),
            note.map(str::to_owned),
        )
        .await?;
        if let Some(p) = guildhall_store::identity::find_person(&tx, e.person_id).await? {
            let title = self
                .session_title(&tx, &s, Lang::parse(&p.language).unwrap_or(Lang::En))
                .await?;
            self.tell(
                &tx,
                &p,
                "signup-removed",
                vec![("title", title)],
                Some(format!("/sessions/{}", s.id)),
            )
            .await?;
        }
        self.audit(
            &tx,
            Some(actor.id),
            meta,
            Change::new("enrolment.remove", "enrolment", id)
                .details(json!({ "session": e.session_id })),
        )
        .await?;
        tx.commit().await?;
        self.seats_changed();
        Ok(())
    }

    /// The learner accepts a seat offered to them from the waiting list.
    pub async fn accept_offer(&self, actor: &Actor, id: EnrolmentId, meta: &Meta) -> Result<()> {
        let e = q::find_enrolment(self.db(), id.0)
            .await?
            .ok_or(Error::NotFound)?;
        if e.person_id != actor.id.0 {
            return Err(Error::NotFound);
        }
        if status_of(&e) != EnrolmentStatus::Offered || e.expires_at.is_some_and(|x| x < self.now())
        {
            return Err(Error::conflict("offer_not_open"));
        }
        let now = self.now();
        let tx = begin_write(self.writer()).await?;
        if !q::move_enrolment(
            &tx,
            e.id,
            q::Move {
                from: "offered",
                to: "confirmed",
                active: true,
                expires_at: None,
                decided_by: None,
                note: None,
            },
            now,
        )
        .await?
        {
            return Err(Error::conflict("offer_not_open"));
        }
        self.audit(
            &tx,
            Some(actor.id),
            meta,
            Change::new("enrolment.accept_offer", "enrolment", id),
        )
        .await?;
        tx.commit().await?;
        self.seats_changed();
        Ok(())
    }

    /// An institution head (or coordinator, administrator) approves or declines a sign-up of
    /// someone in their part of the tree.
    pub async fn decide_enrolment(
        &self,
        actor: &Actor,
        id: EnrolmentId,
        approve: bool,
        note: Option<&str>,
        meta: &Meta,
    ) -> Result<()> {
        let e = q::find_enrolment(self.db(), id.0)
            .await?
            .ok_or(Error::NotFound)?;
        let paths: Vec<String> = guildhall_store::identity::memberships_of(self.db(), e.person_id)
            .await?
            .into_iter()
            .map(|o| o.path)
            .collect();
        let duties = self.duties();
        if !policy::may_decide_signup(actor, PersonId(e.person_id), &paths, &duties) {
            return Err(
                if !policy::may_view_person(actor, PersonId(e.person_id), &paths) {
                    Error::NotFound
                } else if !policy::independent_of(actor, PersonId(e.person_id), &duties) {
                    Error::refused("decision_goes_up")
                } else {
                    Error::Forbidden
                },
            );
        }
        let authority =
            crate::audit::authority(policy::authority(actor, policy::SIGNUP_DECIDERS, &paths));
        if status_of(&e) != EnrolmentStatus::PendingApproval {
            return Err(Error::Conflict(
                Problem::new("transition_not_allowed")
                    .text("state", e.status.clone())
                    .text("action", if approve { "approve" } else { "decline" }),
            ));
        }
        let note = note
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_owned);
        let now = self.now();
        let s = q::find_session(self.db(), e.session_id)
            .await?
            .ok_or(Error::NotFound)?;
        let tx = begin_write(self.writer()).await?;
        if approve {
            if !q::move_enrolment(
                &tx,
                e.id,
                q::Move {
                    from: "pending_approval",
                    to: "confirmed",
                    active: true,
                    expires_at: None,
                    decided_by: Some(actor.id.0),
                    note: note.clone(),
                },
                now,
            )
            .await?
            {
                return Err(Error::conflict("transition_not_allowed"));
            }
        } else {
            let e = q::find_enrolment(&tx, id.0).await?.ok_or(Error::NotFound)?;
            self.end_enrolment(
                &tx,
                &e,
                EnrolmentStatus::Declined,
                Some(actor.id.0),
                note.clone(),
            )
            .await?;
        }
        if let Some(p) = guildhall_store::identity::find_person(&tx, e.person_id).await? {
            let title = self
                .session_title(&tx, &s, Lang::parse(&p.language).unwrap_or(Lang::En))
                .await?;
            let kind = if approve {
                "signup-approved"
            } else {
                "signup-declined"
            };
            self.tell(
                &tx,
                &p,
                kind,
                vec![("title", title), ("note", note.clone().unwrap_or_default())],
                Some(format!("/sessions/{}", s.id)),
            )
            .await?;
        }
        self.audit(
            &tx,
            Some(actor.id),
            meta,
            Change::new(
                if approve {
                    "enrolment.approve"
                } else {
                    "enrolment.decline"
                },
                "enrolment",
                id,
            )
            .details(json!({ "session": e.session_id, "authority": authority })),
        )
        .await?;
        tx.commit().await?;
        self.seats_changed();
        Ok(())
    }

    /// Opens, starts, finishes, closes or cancels a session. Finishing decides completion;
    /// cancelling tells everyone signed up.
    pub async fn session_action(
        &self,
        actor: &Actor,
        id: SessionId,
        action: SessionAction,
        meta: &Meta,
    ) -> Result<SessionState> {
        let s = q::find_session(self.db(), id.0)
            .await?
            .ok_or(Error::NotFound)?;
        let (can_manage, can_run) = self.roles_in_session(Some(actor), &s).await?;
        let allowed = match action {
            SessionAction::Start | SessionAction::Finish => can_run,
            _ => can_manage,
        };
        if !allowed {
            return Err(if can_run || state_of(&s) != SessionState::Planned {
                Error::Forbidden
            } else {
                Error::NotFound
            });
        }
        let from = state_of(&s);
        let to = from.apply(action).map_err(Error::Conflict)?;
        let now = self.now();
        if action == SessionAction::Finish {
            let meetings = q::meetings_of(self.db(), &[s.id]).await?;
            let zone = self.zone_of(&s);
            if let Some(last) = meetings
                .iter()
                .map(|m| self.meeting_start(zone, &meeting_of(m)))
                .max()
                && last > now
            {
                return Err(Error::Conflict(
                    Problem::new("session_not_over").text("starts", local_text(zone, last)),
                ));
            }
        }
        let tx = begin_write(self.writer()).await?;
        if !q::move_session(&tx, s.id, &[from.as_str()], to.as_str(), now).await? {
            return Err(Error::Conflict(
                Problem::new("transition_not_allowed")
                    .text("state", from.as_str())
                    .text("action", action.name()),
            ));
        }
        match action {
            SessionAction::Cancel => {
                for e in q::enrolments_of_session(&tx, s.id).await? {
                    let st = status_of(&e);
                    if st.active() {
                        q::move_enrolment(
                            &tx,
                            e.id,
                            q::Move {
                                from: st.as_str(),
                                to: "cancelled",
                                active: false,
                                expires_at: None,
                                decided_by: Some(actor.id.0),
                                note: None,
                            },
                            now,
                        )
                        .await?;
                        if st.holds_seat() {
                            q::free_seat(&tx, s.id).await?;
                        }
                        if let Some(p) =
                            guildhall_store::identity::find_person(&tx, e.person_id).await?
                        {
                            let title = self
                                .session_title(
                                    &tx,
                                    &s,
                                    Lang::parse(&p.language).unwrap_or(Lang::En),
                                )
                                .await?;
                            self.tell(
                                &tx,
                                &p,
                                "session-cancelled",
                                vec![("title", title)],
                                Some(format!("/sessions/{}", s.id)),
                            )
                            .await?;
                        }
                    }
                }
            }
            SessionAction::Finish => {
                self.decide_completion(&tx, s.id, actor.id).await?;
            }
            _ => {}
        }
        self.audit(
            &tx,
            Some(actor.id),
            meta,
            Change::new("session.state", "session", id)
                .details(json!({ "from": from.as_str(), "to": to.as_str() })),
        )
        .await?;
        tx.commit().await?;
        self.seats_changed();
        Ok(to)
    }

    /// Changes a session's capacity (never below the seats taken); a raise serves the waiting
    /// list.
    pub async fn set_capacity(
        &self,
        actor: &Actor,
        id: SessionId,
        capacity: i32,
        meta: &Meta,
    ) -> Result<()> {
        let s = q::find_session(self.db(), id.0)
            .await?
            .ok_or(Error::NotFound)?;
        let (can_manage, can_run) = self.roles_in_session(Some(actor), &s).await?;
        if !can_manage {
            return Err(if can_run {
                Error::Forbidden
            } else {
                Error::NotFound
            });
        }
        if !(1..=guildhall_domain::sessions::CAPACITY_MAX).contains(&capacity) {
            return Err(Error::Invalid(Problems::single(
                "capacity",
                Problem::new("number_out_of_range")
                    .num("min", 1)
                    .num("max", i64::from(guildhall_domain::sessions::CAPACITY_MAX)),
            )));
        }
        let tx = begin_write(self.writer()).await?;
        if !q::set_capacity(&tx, s.id, capacity, self.now()).await? {
            return Err(Error::Conflict(Problem::new("capacity_below_taken")));
        }
        self.fill_seats(&tx, s.id).await?;
        self.audit(
            &tx,
            Some(actor.id),
            meta,
            Change::new("session.capacity", "session", id)
                .details(json!({ "from": s.capacity, "to": capacity })),
        )
        .await?;
        tx.commit().await?;
        self.seats_changed();
        Ok(())
    }

    /// Records attendance and assessment results in bulk. Corrections are allowed until the
    /// session is closed; after it finished, completion is decided again.
    pub async fn record_attendance(
        &self,
        actor: &Actor,
        session: SessionId,
        marks: &[AttendanceMark],
        assessments: &[(EnrolmentId, Option<bool>)],
        meta: &Meta,
    ) -> Result<()> {
        let s = q::find_session(self.db(), session.0)
            .await?
            .ok_or(Error::NotFound)?;
        let (can_manage_it, can_run) = self.roles_in_session(Some(actor), &s).await?;
        if !can_run {
            return Err(Error::NotFound);
        }
        if !state_of(&s).attendance_open() {
            return Err(Error::conflict("attendance_closed"));
        }
        let meetings = q::meetings_of(self.db(), &[s.id]).await?;
        let enrolments = q::enrolments_of_session(self.db(), s.id).await?;
        let now = self.now();
        let duties = self.duties();
        let mut p = Problems::new();
        for m in marks {
            let Some(meeting) = meetings.iter().find(|x| x.id == m.meeting.0) else {
                p.add("attendance", Problem::new("meeting_unknown"));
                continue;
            };
            let starts = self.meeting_start(self.zone_of(&s), &meeting_of(meeting));
            if starts > now {
                p.add(
                    "attendance",
                    Problem::new("meeting_not_begun")
                        .text("starts", local_text(self.zone_of(&s), starts)),
                );
                continue;
            }
            match enrolments
                .iter()
                .find(|e| e.id == m.enrolment.0 && e.status == "confirmed")
            {
                None => p.add("attendance", Problem::new("participant_unknown")),
                Some(e) if !policy::may_assess(actor, PersonId(e.person_id), &duties) => {
                    p.add("attendance", Problem::new("decision_goes_up"));
                }
                Some(_) => {}
            }
            let length = meeting_of(meeting).minutes();
            if m.status == AttendanceStatus::Partial && !(1..length).contains(&m.minutes) {
                // Named by participant and day, so the trainer finds the row to fix.
                let who = enrolments
                    .iter()
                    .find(|e| e.id == m.enrolment.0)
                    .map(|e| e.person_id);
                let name = match who {
                    Some(id) => guildhall_store::identity::people_names(self.db(), &[id])
                        .await?
                        .remove(&id)
                        .unwrap_or_default(),
                    None => String::new(),
                };
                p.add(
                    "attendance",
                    Problem::new("attendance_minutes_out_of_range")
                        .text("name", name)
                        .text("day", meeting.day.format("%Y-%m-%d").to_string())
                        .num("max", i64::from(length - 1)),
                );
            }
        }
        for (e, _) in assessments {
            match enrolments.iter().find(|x| x.id == e.0) {
                None => p.add("assessment", Problem::new("participant_unknown")),
                Some(x) if !policy::may_assess(actor, PersonId(x.person_id), &duties) => {
                    p.add("assessment", Problem::new("decision_goes_up"));
                }
                Some(_) => {}
            }
        }
        p.into_result()?;
        let tx = begin_write(self.writer()).await?;
        for m in marks {
            q::put_attendance(
                &tx,
                guildhall_store::entities::attendance::Model {
                    enrolment_id: m.enrolment.0,
                    meeting_id: m.meeting.0,
                    status: m.status.as_str().to_owned(),
                    minutes: if m.status == AttendanceStatus::Partial {
                        m.minutes
                    } else {
                        0
                    },
                    recorded_by: actor.id.0,
                    recorded_at: now,
                },
            )
            .await?;
        }
        for (e, passed) in assessments {
            q::set_assessment(&tx, e.0, *passed, now).await?;
        }
        if state_of(&s) == SessionState::Finished {
            self.decide_completion(&tx, s.id, actor.id).await?;
        }
        self.audit(
            &tx,
            Some(actor.id),
            meta,
            Change::new("attendance.record", "session", session).details(json!({
                "marks": marks.len(),
                "assessments": assessments.len(),
                // Those who run a session mark its attendance: as its provider (or above), or
                // as one of its trainers.
                "authority": { "as": if can_manage_it { "provider" } else { "trainer" } },
            })),
        )
        .await?;
        tx.commit().await?;
        self.seats_changed();
        Ok(())
    }

    /// Decides completion for every confirmed participant and brings the hours ledger in
    /// line: a completion credits the version's hours; a completion withdrawn by a
    /// correction is reversed by a new entry.
    async fn decide_completion<C: ConnectionTrait>(
        &self,
        db: &C,
        session: Uuid,
        by: PersonId,
    ) -> Result<()> {
        let s = q::find_session(db, session).await?.ok_or(Error::NotFound)?;
        let v = guildhall_store::catalog::find_version(db, s.version_id)
            .await?
            .ok_or(Error::NotFound)?;
        let links = guildhall_store::catalog::links_of(db, &[v.id])
            .await?
            .remove(&v.id)
            .unwrap_or_default();
        let meetings = q::meetings_of(db, &[s.id]).await?;
        let enrolments: Vec<enrolment::Model> = q::enrolments_of_session(db, s.id)
            .await?
            .into_iter()
            .filter(|e| e.status == "confirmed")
            .collect();
        let marks =
            q::attendance_of(db, &enrolments.iter().map(|e| e.id).collect::<Vec<_>>()).await?;
        let now = self.now();
        // The training is done on its last day, or today if that is earlier: a record is
        // never dated in the future.
        let completed_on = s.ends_on.min(self.local_now().date());
        for e in &enrolments {
            let rec: Vec<(i32, Option<(AttendanceStatus, i32)>)> = meetings
                .iter()
                .map(|m| {
                    let mark = marks
                        .iter()
                        .find(|a| a.enrolment_id == e.id && a.meeting_id == m.id)
                        .and_then(|a| AttendanceStatus::parse(&a.status).map(|st| (st, a.minutes)));
                    (meeting_of(m).minutes(), mark)
                })
                .collect();
            let done = completes(
                attendance_pct(&rec),
                v.attendance_pct,
                v.assessment_required,
                e.assessment_passed,
            );
            if done != e.completed {
                q::set_completed(db, e.id, done, now).await?;
            }
            let target = if done { v.hours * 60 } else { 0 };
            self.settle_session_credit(db, e, target, completed_on, &links.competences, by)
                .await?;
            if !done && e.completed {
                self.withdraw_certificate(db, e.id).await?;
            }
            if done
                && !e.completed
                && let Some(p) = guildhall_store::identity::find_person(db, e.person_id).await?
            {
                self.issue_certificate(
                    db,
                    e,
                    &s,
                    &v,
                    completed_on,
                    Lang::parse(&p.language).unwrap_or(Lang::En),
                )
                .await?;
                let title = crate::catalog::text_of(&v, &[])
                    .title
                    .get(Lang::parse(&p.language).unwrap_or(Lang::En))
                    .to_owned();
                self.tell(
                    db,
                    &p,
                    "training-completed",
                    vec![("title", title), ("hours", v.hours.to_string())],
                    Some("/ledger".into()),
                )
                .await?;
            }
        }
        Ok(())
    }

    /// Expires held seats and offers whose time is up; each freed seat goes to the next in
    /// line. Returns how many expired. Run periodically.
    pub async fn expire_holds(&self) -> Result<usize> {
        let due = q::expired_holds(self.db(), self.now(), 500).await?;
        let mut n = 0;
        for e in due {
            let tx = begin_write(self.writer()).await?;
            let Some(e) = q::find_enrolment(&tx, e.id).await? else {
                continue;
            };
            if !matches!(
                status_of(&e),
                EnrolmentStatus::PendingApproval | EnrolmentStatus::Offered
            ) || e.expires_at.is_none_or(|x| x >= self.now())
            {
                continue;
            }
            self.end_enrolment(&tx, &e, EnrolmentStatus::Expired, None, None)
                .await?;
            if let (Some(p), Some(s)) = (
                guildhall_store::identity::find_person(&tx, e.person_id).await?,
                q::find_session(&tx, e.session_id).await?,
            ) {
                let title = self
                    .session_title(&tx, &s, Lang::parse(&p.language).unwrap_or(Lang::En))
                    .await?;
                self.tell(
                    &tx,
                    &p,
                    "hold-expired",
                    vec![("title", title)],
                    Some(format!("/sessions/{}", s.id)),
                )
                .await?;
            }
            tx.commit().await?;
            self.seats_changed();
            n += 1;
        }
        Ok(n)
    }

    /// Reminds confirmed participants the day before a session's first meeting. Run
    /// periodically; each person is reminded once.
    pub async fn send_reminders(&self) -> Result<usize> {
        let tomorrow = self.local_now().date() + Duration::days(1);
        let due = q::due_reminders(self.db(), tomorrow).await?;
        let mut n = 0;
        for e in due {
            let tx = begin_write(self.writer()).await?;
            if q::mark_reminded(&tx, e.id).await?
                && let (Some(p), Some(s)) = (
                    guildhall_store::identity::find_person(&tx, e.person_id).await?,
                    q::find_session(&tx, e.session_id).await?,
                )
            {
                let title = self
                    .session_title(&tx, &s, Lang::parse(&p.language).unwrap_or(Lang::En))
                    .await?;
                self.tell(
                    &tx,
                    &p,
                    "session-reminder",
                    vec![("title", title), ("date", s.starts_on.to_string())],
                    Some(format!("/sessions/{}", s.id)),
                )
                .await?;
                n += 1;
            }
            tx.commit().await?;
            self.seats_changed();
        }
        Ok(n)
    }
}
