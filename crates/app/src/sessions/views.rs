//! The read side of sessions: sessions as people see them, their own sign-ups, and
//! participant lists.
//!
//! Every view is assembled from a fixed number of round trips however many sessions or
//! participants it shows, because a page may run at most ten: rows are loaded in batches,
//! joined where one query can answer, and region names come from the references the
//! catalogue keeps in memory. Each public function says what it costs.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use guildhall_domain::identity::LearnerCategory;
use guildhall_domain::sessions::{AttendanceStatus, EnrolmentStatus, Meeting, SessionState};
use guildhall_domain::{EnrolmentId, Lang, MeetingId, PersonId, ProgrammeId, SessionId, VersionId};
use guildhall_store::catalog as cq;
use guildhall_store::entities::{
    enrolment, organisation, person, programme, programme_version, session_meeting,
    training_session,
};
use guildhall_store::sessions as q;
use uuid::Uuid;

use super::{categories_of, meeting_of, state_of, status_of};
use crate::org::{OrgSummary, names_of};
use crate::{Actor, App, Error, Result, policy};

#[derive(Clone, Debug)]
pub struct MeetingView {
    pub id: MeetingId,
    /// Its online link only for those who take part or run the session.
    pub meeting: Meeting,
    /// Whether it happens online (whether or not the viewer may see the link).
    pub online: bool,
}

#[derive(Clone, Debug)]
pub struct SessionView {
    pub id: SessionId,
    pub programme: ProgrammeId,
    pub version: VersionId,
    pub programme_code: String,
    pub title: String,
    pub hours: i32,
    pub provider: String,
    pub state: SessionState,
    pub language: Lang,
    pub capacity: i32,
    pub taken: i32,
    pub confirmed: i64,
    pub pending: i64,
    pub offered: i64,
    pub waiting: i64,
    pub registration_opens: DateTime<Utc>,
    pub registration_closes: DateTime<Utc>,
    pub cancellation_deadline: DateTime<Utc>,
    pub requires_approval: bool,
    pub offer_waitlist: bool,
    pub meetings: Vec<MeetingView>,
    pub trainers: Vec<(PersonId, String)>,
    pub regions: Vec<OrgSummary>,
    pub categories: Vec<LearnerCategory>,
    pub note: Option<String>,
    /// Whether sign-up is open right now.
    pub registration_open: bool,
    /// The time zone its days and times are in.
    pub zone: guildhall_domain::Zone,
    /// Whether completing needs a passed assessment besides attendance.
    pub assessment_required: bool,
}

impl SessionView {
    pub fn free(&self) -> i32 {
        (self.capacity - self.taken).max(0)
    }
}

/// A session in a programme's list: when, where, how full.
#[derive(Clone, Debug)]
pub struct SessionSummary {
    pub id: SessionId,
    pub state: SessionState,
    pub language: Lang,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub capacity: i32,
    pub taken: i32,
    pub waiting: i64,
    /// The first meeting's place, or `None` when it meets online.
    pub place: Option<String>,
    pub online: bool,
    /// Whether sign-up is open right now.
    pub registration_open: bool,
    /// The time zone its days and times are in.
    pub zone: guildhall_domain::Zone,
}

impl SessionSummary {
    pub fn free(&self) -> i32 {
        (self.capacity - self.taken).max(0)
    }
}

/// The caller's own place in a session.
#[derive(Clone, Debug)]
pub struct MyPlace {
    pub id: EnrolmentId,
    pub status: EnrolmentStatus,
    pub position: Option<u64>,
    pub expires_at: Option<DateTime<Utc>>,
    pub completed: bool,
}

#[derive(Clone, Debug)]
pub struct SessionDetail {
    pub session: SessionView,
    pub mine: Option<MyPlace>,
    /// Provider: may change the session and its participants.
    pub can_manage: bool,
    /// Trainer or provider: may see participants and record attendance.
    pub can_run: bool,
    /// Everyone signed up, with attendance, for those who run the session; empty otherwise.
    pub participants: Vec<EnrolmentRow>,
}

/// A participant, as a trainer, provider or head sees them.
#[derive(Clone, Debug)]
pub struct EnrolmentRow {
    pub id: EnrolmentId,
    pub session: SessionId,
    pub person: PersonId,
    pub name: String,
    pub email: String,
    pub status: EnrolmentStatus,
    pub position: Option<u64>,
    pub expires_at: Option<DateTime<Utc>>,
    pub assessment_passed: Option<bool>,
    pub completed: bool,
    pub created_at: DateTime<Utc>,
    /// Attendance per meeting, in meeting order.
    pub attendance: Vec<Option<(AttendanceStatus, i32)>>,
    /// The session's title, for lists that span sessions.
    pub title: String,
}

/// A sign-up in the learner's "my trainings".
#[derive(Clone, Debug)]
pub struct MyTraining {
    pub enrolment: EnrolmentId,
    pub session: SessionId,
    pub programme: ProgrammeId,
    pub title: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub state: SessionState,
    pub status: EnrolmentStatus,
    pub position: Option<u64>,
    pub expires_at: Option<DateTime<Utc>>,
    pub completed: bool,
    pub hours: i32,
}

/// A session in the list of those a trainer teaches.
#[derive(Clone, Debug)]
pub struct TeachingRow {
    pub session: SessionId,
    pub title: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub state: SessionState,
    pub confirmed: i64,
    pub capacity: i32,
    /// Meetings that have begun whose attendance is not recorded for everyone yet.
    pub attendance_due: usize,
    /// When the next meeting begins, if one is still to come.
    pub next_meeting: Option<DateTime<Utc>>,
    pub zone: guildhall_domain::Zone,
}

/// What session views are made of, loaded for many sessions at once.
struct Parts {
    versions: HashMap<Uuid, (programme_version::Model, programme::Model)>,
    providers: HashMap<Uuid, organisation::Model>,
    meetings: HashMap<Uuid, Vec<session_meeting::Model>>,
    trainers: HashMap<Uuid, Vec<(Uuid, String)>>,
    regions: HashMap<Uuid, Vec<OrgSummary>>,
}

impl Parts {
    fn is_trainer(&self, session: Uuid, actor: &Actor) -> bool {
        self.trainers
            .get(&session)
            .is_some_and(|t| t.iter().any(|(p, _)| *p == actor.id.0))
    }
}

/// Counts of a session's enrolments by status.
type Counts = HashMap<String, i64>;

fn count(c: &Counts, status: EnrolmentStatus) -> i64 {
    c.get(status.as_str()).copied().unwrap_or(0)
}

fn group<K: std::hash::Hash + Eq, V>(
    pairs: impl IntoIterator<Item = (K, V)>,
) -> HashMap<K, Vec<V>> {
    let mut out: HashMap<K, Vec<V>> = HashMap::new();
    for (k, v) in pairs {
        out.entry(k).or_default().push(v);
    }
    out
}

fn sorted_unique(mut ids: Vec<Uuid>) -> Vec<Uuid> {
    ids.sort();
    ids.dedup();
    ids
}

/// The title of a version in the reader's language.
fn title_of(v: &programme_version::Model, lang: Lang) -> String {
    crate::catalog::text_of(v, &[]).title.get(lang).to_owned()
}

impl App {
    /// Loads what views of `rows` need: four round trips, five when some providers are not
    /// in `known`.
    async fn parts(
        &self,
        rows: &[training_session::Model],
        known: Vec<organisation::Model>,
        lang: Lang,
    ) -> Result<Parts> {
        let ids: Vec<Uuid> = rows.iter().map(|s| s.id).collect();
        let versions = cq::versions_with_programmes(
            self.db(),
            &sorted_unique(rows.iter().map(|s| s.version_id).collect()),
        )
        .await?
        .into_iter()
        .map(|(v, p)| (v.id, (v, p)))
        .collect();
        let mut providers: HashMap<Uuid, organisation::Model> =
            known.into_iter().map(|o| (o.id, o)).collect();
        let missing = sorted_unique(
            rows.iter()
                .map(|s| s.provider_id)
                .filter(|p| !providers.contains_key(p))
                .collect(),
        );
        for o in guildhall_store::org::find_many(self.db(), &missing).await? {
            providers.insert(o.id, o);
        }
        let meetings = group(
            q::meetings_of(self.db(), &ids)
                .await?
                .into_iter()
                .map(|m| (m.session_id, m)),
        );
        let trainers = group(
            q::trainer_names(self.db(), &ids)
                .await?
                .into_iter()
                .map(|(s, p, n)| (s, (p, n))),
        );
        let pairs = q::region_ids_of(self.db(), &ids).await?;
        let names = self
            .region_summaries(&sorted_unique(pairs.iter().map(|p| p.1).collect()), lang)
            .await?;
        let mut regions = group(
            pairs
                .into_iter()
                .filter_map(|(s, r)| names.get(&r).map(|o| (s, o.clone()))),
        );
        for list in regions.values_mut() {
            list.sort_by(|a, b| a.name.cmp(&b.name));
        }
        Ok(Parts {
            versions,
            providers,
            meetings,
            trainers,
            regions,
        })
    }

    fn view_of(
        &self,
        s: &training_session::Model,
        parts: &Parts,
        counts: &Counts,
        lang: Lang,
    ) -> Result<SessionView> {
        let (version, prog) = parts.versions.get(&s.version_id).ok_or(Error::NotFound)?;
        let now = self.now();
        let state = state_of(s);
        Ok(SessionView {
            zone: self.zone_of(s),
            assessment_required: version.assessment_required,
            id: SessionId(s.id),
            programme: ProgrammeId(s.programme_id),
            version: VersionId(s.version_id),
            programme_code: prog.code.clone(),
            title: title_of(version, lang),
            hours: version.hours,
            provider: parts
                .providers
                .get(&s.provider_id)
                .map(|o| names_of(o).get(lang).to_owned())
                .unwrap_or_default(),
            state,
            language: Lang::parse(&s.language).unwrap_or(Lang::En),
            capacity: s.capacity,
            taken: s.taken,
            confirmed: count(counts, EnrolmentStatus::Confirmed),
            pending: count(counts, EnrolmentStatus::PendingApproval),
            offered: count(counts, EnrolmentStatus::Offered),
            waiting: count(counts, EnrolmentStatus::Waitlisted),
            registration_opens: s.registration_opens_at,
            registration_closes: s.registration_closes_at,
            cancellation_deadline: s.cancellation_deadline,
            requires_approval: s.requires_approval,
            offer_waitlist: s.offer_waitlist,
            meetings: parts
                .meetings
                .get(&s.id)
                .into_iter()
                .flatten()
                .map(|m| MeetingView {
                    id: MeetingId(m.id),
                    // Links are added back only for those who take part (see
                    // `get_session`).
                    meeting: Meeting {
                        online_link: None,
                        ..meeting_of(m)
                    },
                    online: m.online_link.is_some(),
                })
                .collect(),
            trainers: parts
                .trainers
                .get(&s.id)
                .into_iter()
                .flatten()
                .map(|(p, n)| (PersonId(*p), n.clone()))
                .collect(),
            regions: parts.regions.get(&s.id).cloned().unwrap_or_default(),
            categories: categories_of(s),
            note: s.note.clone(),
            registration_open: registration_open(s, now),
        })
    }

    /// Whether `actor` manages the session (its provider's scheduler) and whether they run
    /// it (a trainer of it, or a manager).
    pub(super) async fn roles_in_session(
        &self,
        actor: Option<&Actor>,
        s: &training_session::Model,
    ) -> Result<(bool, bool)> {
        let Some(a) = actor else {
            return Ok((false, false));
        };
        let provider = guildhall_store::org::find(self.db(), s.provider_id)
            .await?
            .ok_or(Error::NotFound)?;
        let is_trainer = q::trainers_of(self.db(), &[s.id])
            .await?
            .iter()
            .any(|(_, p)| *p == a.id.0);
        Ok((
            policy::may_manage_sessions(a, &provider.path),
            policy::may_run_session(a, &provider.path, is_trainer),
        ))
    }

    /// A session as the caller may see it: planned sessions only to those who run it.
    /// Six round trips for most callers; seven for those who run it (attendance).
    pub async fn get_session(
        &self,
        actor: Option<&Actor>,
        id: SessionId,
        lang: Lang,
    ) -> Result<SessionDetail> {
        let (s, provider) = q::find_session_with_provider(self.db(), id.0)
            .await?
            .ok_or(Error::NotFound)?;
        let path = provider.path.clone();
        let parts = self
            .parts(std::slice::from_ref(&s), vec![provider], lang)
            .await?;
        let can_manage = actor.is_some_and(|a| policy::may_manage_sessions(a, &path));
        let can_run =
            actor.is_some_and(|a| policy::may_run_session(a, &path, parts.is_trainer(s.id, a)));
        if state_of(&s) == SessionState::Planned && !can_run {
            return Err(Error::NotFound);
        }
        if can_run {
            // Those who run the session see everyone, so counts and the caller's own place
            // come from the same rows.
            let rows = q::enrolments_with_people(self.db(), s.id).await?;
            let mut counts = Counts::new();
            for (e, _) in &rows {
                *counts.entry(e.status.clone()).or_default() += 1;
            }
            let mut session = self.view_of(&s, &parts, &counts, lang)?;
            with_links(&mut session, &parts);
            let me = actor.map(|a| a.id.0);
            let mine = place_in(rows.iter().map(|(e, _)| e), me);
            let meetings = parts.meetings.get(&s.id).cloned().unwrap_or_default();
            let participants = self
                .participant_rows(rows, &meetings, &session.title, true)
                .await?;
            return Ok(SessionDetail {
                session,
                mine,
                can_manage,
                can_run,
                participants,
            });
        }
        let counts = q::status_counts(self.db(), &[s.id])
            .await?
            .remove(&s.id)
            .unwrap_or_default();
        let session = self.view_of(&s, &parts, &counts, lang)?;
        let mine = match actor {
            Some(a) => q::my_place(self.db(), a.id.0, s.id).await?.map(|r| {
                let status =
                    EnrolmentStatus::parse(&r.status).unwrap_or(EnrolmentStatus::Cancelled);
                MyPlace {
                    id: EnrolmentId(r.id),
                    status,
                    position: (status == EnrolmentStatus::Waitlisted)
                        .then_some(r.position.max(0) as u64),
                    expires_at: r.expires_at,
                    completed: r.completed,
                }
            }),
            None => None,
        };
        // An online meeting's link is for those who take part: confirmed participants (and
        // those who run the session, above). Others learn that the meeting is online.
        let mut session = session;
        if mine
            .as_ref()
            .is_some_and(|m| m.status == EnrolmentStatus::Confirmed)
        {
            with_links(&mut session, &parts);
        }
        Ok(SessionDetail {
            session,
            mine,
            can_manage,
            can_run,
            participants: Vec::new(),
        })
    }

    /// Sessions people may see (planned ones only to those who run them): seven round
    /// trips however many.
    pub async fn list_sessions(
        &self,
        actor: Option<&Actor>,
        programme: Option<ProgrammeId>,
        open_only: bool,
        lang: Lang,
    ) -> Result<Vec<SessionView>> {
        let rows = q::list_sessions(
            self.db(),
            &q::SessionFilter {
                programme: programme.map(|p| p.0),
                open: open_only,
                providers: None,
                from: None,
                limit: 200,
            },
        )
        .await?;
        let parts = self.parts(&rows, Vec::new(), lang).await?;
        let visible: Vec<&training_session::Model> = rows
            .iter()
            .filter(|s| {
                state_of(s) != SessionState::Planned
                    || actor.is_some_and(|a| {
                        parts.providers.get(&s.provider_id).is_some_and(|o| {
                            policy::may_run_session(a, &o.path, parts.is_trainer(s.id, a))
                        })
                    })
            })
            .collect();
        let mut counts =
            q::status_counts(self.db(), &visible.iter().map(|s| s.id).collect::<Vec<_>>()).await?;
        visible
            .into_iter()
            .map(|s| {
                let c = counts.remove(&s.id).unwrap_or_default();
                self.view_of(s, &parts, &c, lang)
            })
            .collect()
    }

    /// A programme's sessions as its page lists them, soonest first; planned ones only when
    /// `with_planned` (the caller manages the provider's sessions). Three round trips.
    pub async fn programme_sessions(
        &self,
        programme: ProgrammeId,
        with_planned: bool,
    ) -> Result<Vec<SessionSummary>> {
        let rows: Vec<training_session::Model> = q::list_sessions(
            self.db(),
            &q::SessionFilter {
                programme: Some(programme.0),
                open: false,
                providers: None,
                from: None,
                limit: 200,
            },
        )
        .await?
        .into_iter()
        .filter(|s| match state_of(s) {
            SessionState::Planned => with_planned,
            SessionState::Closed => false,
            _ => true,
        })
        .collect();
        let ids: Vec<Uuid> = rows.iter().map(|s| s.id).collect();
        let mut first: HashMap<Uuid, session_meeting::Model> = HashMap::new();
        for m in q::meetings_of(self.db(), &ids).await? {
            first.entry(m.session_id).or_insert(m);
        }
        let counts = q::status_counts(self.db(), &ids).await?;
        let now = self.now();
        let mut out: Vec<SessionSummary> = rows
            .iter()
            .map(|s| {
                let m = first.get(&s.id);
                SessionSummary {
                    id: SessionId(s.id),
                    state: state_of(s),
                    language: Lang::parse(&s.language).unwrap_or(Lang::En),
                    starts_on: s.starts_on,
                    ends_on: s.ends_on,
                    capacity: s.capacity,
                    taken: s.taken,
                    waiting: counts
                        .get(&s.id)
                        .map_or(0, |c| count(c, EnrolmentStatus::Waitlisted)),
                    place: m.and_then(|m| m.place.clone()),
                    online: m.is_some_and(|m| m.online_link.is_some()),
                    registration_open: registration_open(s, now),
                    zone: self.zone_of(s),
                }
            })
            .collect();
        out.sort_by_key(|s| (s.starts_on, s.id.0));
        Ok(out)
    }

    /// Sign-ups waiting for the caller's decision: four round trips.
    pub async fn pending_approvals(&self, actor: &Actor) -> Result<Vec<EnrolmentRow>> {
        let scopes = policy::approval_scopes(actor).ok_or(Error::Forbidden)?;
        // What the caller may not decide goes to the next level's list instead.
        let duties = self.duties();
        let scoped =
            (!scopes.iter().any(|s| s == guildhall_domain::org::ROOT_PATH)).then_some(scopes);
        let rows: Vec<enrolment::Model> = q::pending_in_scopes(self.db(), scoped.as_deref())
            .await?
            .into_iter()
            .filter(|e| policy::independent_of(actor, PersonId(e.person_id), &duties))
            .collect();
        let people: HashMap<Uuid, person::Model> = guildhall_store::identity::find_people(
            self.db(),
            &sorted_unique(rows.iter().map(|e| e.person_id).collect()),
        )
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
        let titles = self
            .titles_of_sessions(
                &rows.iter().map(|e| e.session_id).collect::<Vec<_>>(),
                actor.lang,
            )
            .await?;
        Ok(rows
            .into_iter()
            .map(|e| {
                let p = people.get(&e.person_id).cloned();
                let title = titles.get(&e.session_id).cloned().unwrap_or_default();
                row_of(e, p.as_ref(), None, Vec::new(), title)
            })
            .collect())
    }

    /// Session titles in the reader's language: two round trips.
    pub(crate) async fn titles_of_sessions(
        &self,
        sessions: &[Uuid],
        lang: Lang,
    ) -> Result<HashMap<Uuid, String>> {
        let rows = q::find_sessions(self.db(), &sorted_unique(sessions.to_vec())).await?;
        let versions: HashMap<Uuid, programme_version::Model> = cq::versions_with_programmes(
            self.db(),
            &sorted_unique(rows.iter().map(|s| s.version_id).collect()),
        )
        .await?
        .into_iter()
        .map(|(v, _)| (v.id, v))
        .collect();
        Ok(rows
            .iter()
            .filter_map(|s| {
                versions
                    .get(&s.version_id)
                    .map(|v| (s.id, title_of(v, lang)))
            })
            .collect())
    }

    /// Participant rows with attendance marks (one round trip for the marks).
    async fn participant_rows(
        &self,
        rows: Vec<(enrolment::Model, Option<person::Model>)>,
        meetings: &[session_meeting::Model],
        title: &str,
        with_attendance: bool,
    ) -> Result<Vec<EnrolmentRow>> {
        let marks = if with_attendance && !meetings.is_empty() {
            q::attendance_of(
                self.db(),
                &rows.iter().map(|(e, _)| e.id).collect::<Vec<_>>(),
            )
            .await?
        } else {
            Vec::new()
        };
        let marks: HashMap<(Uuid, Uuid), (AttendanceStatus, i32)> = marks
            .into_iter()
            .filter_map(|a| {
                AttendanceStatus::parse(&a.status)
                    .map(|s| ((a.enrolment_id, a.meeting_id), (s, a.minutes)))
            })
            .collect();
        let mut waiting = 0;
        Ok(rows
            .into_iter()
            .map(|(e, p)| {
                let position = (status_of(&e) == EnrolmentStatus::Waitlisted).then(|| {
                    waiting += 1;
                    waiting
                });
                let attendance = meetings
                    .iter()
                    .map(|m| marks.get(&(e.id, m.id)).copied())
                    .collect();
                row_of(e, p.as_ref(), position, attendance, title.to_owned())
            })
            .collect())
    }

    /// A session's participants: everyone for its trainers and provider; only their own staff
    /// for institution heads. At most seven round trips.
    pub async fn session_enrolments(
        &self,
        actor: &Actor,
        session: SessionId,
    ) -> Result<Vec<EnrolmentRow>> {
        let (s, provider) = q::find_session_with_provider(self.db(), session.0)
            .await?
            .ok_or(Error::NotFound)?;
        let path = provider.path.clone();
        let parts = self
            .parts(std::slice::from_ref(&s), vec![provider], actor.lang)
            .await?;
        let can_run = policy::may_run_session(actor, &path, parts.is_trainer(s.id, actor));
        let mut rows = q::enrolments_with_people(self.db(), s.id).await?;
        if !can_run {
            let scopes = policy::approval_scopes(actor).ok_or(Error::Forbidden)?;
            if state_of(&s) == SessionState::Planned {
                return Err(Error::NotFound);
            }
            let people = sorted_unique(rows.iter().map(|(e, _)| e.person_id).collect());
            let staff: HashSet<Uuid> =
                guildhall_store::identity::membership_paths(self.db(), &people)
                    .await?
                    .into_iter()
                    .filter(|(_, path)| scopes.iter().any(|sc| path.starts_with(sc.as_str())))
                    .map(|(p, _)| p)
                    .collect();
            rows.retain(|(e, _)| staff.contains(&e.person_id));
        }
        let title = parts
            .versions
            .get(&s.version_id)
            .map(|(v, _)| title_of(v, actor.lang))
            .unwrap_or_default();
        let meetings = parts.meetings.get(&s.id).cloned().unwrap_or_default();
        self.participant_rows(rows, &meetings, &title, true).await
    }

    /// The caller's sign-ups, newest first: four round trips.
    /// The sessions the caller teaches, those under way first, then those to come, then
    /// the past: six round trips however many.
    pub async fn teaching(&self, actor: &Actor) -> Result<Vec<TeachingRow>> {
        let ids = sorted_unique(q::taught_by(self.db(), actor.id.0).await?);
        let sessions = q::find_sessions(self.db(), &ids).await?;
        let versions: HashMap<Uuid, programme_version::Model> = cq::versions_with_programmes(
            self.db(),
            &sorted_unique(sessions.iter().map(|s| s.version_id).collect()),
        )
        .await?
        .into_iter()
        .map(|(v, _)| (v.id, v))
        .collect();
        let meetings: HashMap<Uuid, Vec<session_meeting::Model>> = group(
            q::meetings_of(self.db(), &ids)
                .await?
                .into_iter()
                .map(|m| (m.session_id, m))
                .collect::<Vec<_>>(),
        );
        let counts = q::status_counts(self.db(), &ids).await?;
        let meeting_ids: Vec<Uuid> = meetings
            .values()
            .flatten()
            .map(|m: &session_meeting::Model| m.id)
            .collect();
        let marks = q::marks_per_meeting(self.db(), &meeting_ids).await?;
        let now = self.now();
        let mut out: Vec<TeachingRow> = sessions
            .iter()
            .filter_map(|s| {
                let v = versions.get(&s.version_id)?;
                let zone = self.zone_of(s);
                let confirmed = counts
                    .get(&s.id)
                    .map_or(0, |c| count(c, EnrolmentStatus::Confirmed));
                let mine = meetings.get(&s.id).map(Vec::as_slice).unwrap_or(&[]);
                let starts = |m: &session_meeting::Model| self.meeting_start(zone, &meeting_of(m));
                let open = matches!(state_of(s), SessionState::Running | SessionState::Finished);
                let attendance_due = if open {
                    mine.iter()
                        .filter(|m| starts(m) <= now)
                        .filter(|m| marks.get(&m.id).copied().unwrap_or(0) < confirmed)
                        .count()
                } else {
                    0
                };
                Some(TeachingRow {
                    session: SessionId(s.id),
                    title: title_of(v, actor.lang),
                    starts_on: s.starts_on,
                    ends_on: s.ends_on,
                    state: state_of(s),
                    confirmed,
                    capacity: s.capacity,
                    attendance_due,
                    next_meeting: mine.iter().map(starts).filter(|t| *t > now).min(),
                    zone,
                })
            })
            .collect();
        let today = self.local_now().date();
        out.sort_by_key(|r| {
            let rank = if r.attendance_due > 0 || r.state == SessionState::Running {
                0
            } else if r.ends_on >= today {
                1
            } else {
                2
            };
            use chrono::Datelike;
            let day = if rank == 2 {
                -r.ends_on.num_days_from_ce()
            } else {
                r.starts_on.num_days_from_ce()
            };
            (rank, day)
        });
        Ok(out)
    }

    pub async fn my_trainings(&self, actor: &Actor) -> Result<Vec<MyTraining>> {
        let rows = q::enrolments_of_person(self.db(), actor.id.0).await?;
        let ids = sorted_unique(rows.iter().map(|e| e.session_id).collect());
        let sessions: HashMap<Uuid, training_session::Model> = q::find_sessions(self.db(), &ids)
            .await?
            .into_iter()
            .map(|s| (s.id, s))
            .collect();
        let versions: HashMap<Uuid, programme_version::Model> = cq::versions_with_programmes(
            self.db(),
            &sorted_unique(sessions.values().map(|s| s.version_id).collect()),
        )
        .await?
        .into_iter()
        .map(|(v, _)| (v.id, v))
        .collect();
        let waiting_in: Vec<Uuid> = rows
            .iter()
            .filter(|e| status_of(e) == EnrolmentStatus::Waitlisted)
            .map(|e| e.session_id)
            .collect();
        let seqs = group(q::waiting_seqs(self.db(), &sorted_unique(waiting_in)).await?);
        let mut out = Vec::new();
        for e in rows {
            let Some(s) = sessions.get(&e.session_id) else {
                continue;
            };
            let Some(v) = versions.get(&s.version_id) else {
                continue;
            };
            let status = status_of(&e);
            let position = (status == EnrolmentStatus::Waitlisted).then(|| {
                seqs.get(&e.session_id)
                    .map_or(0, |q| q.iter().filter(|seq| **seq <= e.seq).count() as u64)
            });
            out.push(MyTraining {
                enrolment: EnrolmentId(e.id),
                session: SessionId(s.id),
                programme: ProgrammeId(s.programme_id),
                title: title_of(v, actor.lang),
                starts_on: s.starts_on,
                ends_on: s.ends_on,
                state: state_of(s),
                status,
                position,
                expires_at: e.expires_at,
                completed: e.completed,
                hours: v.hours,
            });
        }
        Ok(out)
    }
}

fn registration_open(s: &training_session::Model, now: DateTime<Utc>) -> bool {
    state_of(s) == SessionState::Open
        && s.registration_opens_at <= now
        && now < s.registration_closes_at
}

fn place_of(e: &enrolment::Model, position: Option<u64>) -> MyPlace {
    MyPlace {
        id: EnrolmentId(e.id),
        status: status_of(e),
        position,
        expires_at: e.expires_at,
        completed: e.completed,
    }
}

/// The caller's place among a session's enrolments (in arrival order): the live one if
/// any, else the latest.
fn place_in<'a>(
    rows: impl Iterator<Item = &'a enrolment::Model> + Clone,
    me: Option<Uuid>,
) -> Option<MyPlace> {
    let me = me?;
    let mine: Vec<&enrolment::Model> = rows.clone().filter(|e| e.person_id == me).collect();
    let e = mine
        .iter()
        .rev()
        .find(|e| status_of(e).active())
        .or(mine.last())?;
    let position = (status_of(e) == EnrolmentStatus::Waitlisted).then(|| {
        rows.filter(|w| status_of(w) == EnrolmentStatus::Waitlisted && w.seq <= e.seq)
            .count() as u64
    });
    Some(place_of(e, position))
}

fn row_of(
    e: enrolment::Model,
    p: Option<&person::Model>,
    position: Option<u64>,
    attendance: Vec<Option<(AttendanceStatus, i32)>>,
    title: String,
) -> EnrolmentRow {
    EnrolmentRow {
        id: EnrolmentId(e.id),
        session: SessionId(e.session_id),
        person: PersonId(e.person_id),
        name: p.map(|p| p.name.clone()).unwrap_or_default(),
        email: p.map(|p| p.email.clone()).unwrap_or_default(),
        status: status_of(&e),
        position,
        expires_at: e.expires_at,
        assessment_passed: e.assessment_passed,
        completed: e.completed,
        created_at: e.created_at,
        attendance,
        title,
    }
}

/// Puts the online meetings' links into a session shown to someone who takes part in it or
/// runs it.
fn with_links(session: &mut SessionView, parts: &Parts) {
    let rows = parts.meetings.get(&session.id.0).into_iter().flatten();
    for (view, row) in session.meetings.iter_mut().zip(rows) {
        view.meeting.online_link = row.online_link.clone();
    }
}
