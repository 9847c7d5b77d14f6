//! The sign-up writer: sign-ups that arrive together are checked and written together.
//!
//! A request hands its sign-up (who, which session, its idempotency key) to one writer task
//! per instance. The writer takes every sign-up that is waiting, up to [`MAX_GROUP`], and
//! handles the group in one transaction: the sessions' rows are locked (PostgreSQL; SQLite's
//! write lock is the whole database), everything the rules need is read for the whole group
//! with one statement each (the people, where they work, the sessions' regions, the places
//! the people already hold and their meetings, the programme titles), each sign-up is
//! checked in arrival order against that and against the sign-ups before it in the group,
//! seats go to the group in arrival order, and the seats, enrolments, e-mails, notifications
//! and audit entries are each written by one statement. Under a rush this turns two dozen
//! statements and a commit per sign-up into two dozen per group, and nothing a sign-up was
//! checked against can change before it is written.
//!
//! The invariant does not depend on the grouping: seats are decided under the lock from the
//! counts it read, one statement adds them, and the `taken <= capacity` constraint and the
//! unique live-enrolment index still refuse anything wrong. If the group's transaction fails
//! for any reason, nothing of it is written, and each sign-up of the group is written again
//! alone, so one bad sign-up costs the others only time.

use std::collections::HashMap;
use std::sync::{Arc, Weak};

use chrono::Duration;
use chrono::{DateTime, Utc};
use guildhall_domain::identity::LearnerCategory;
use guildhall_domain::sessions::{EnrolmentStatus, Meeting, SessionState, sessions_overlap};
use guildhall_domain::{EnrolmentId, Lang, PersonId, Problem};
use guildhall_store::audit::NewEntry;
use guildhall_store::begin_write;
use guildhall_store::entities::{enrolment, person, programme_version, training_session};
use guildhall_store::sessions as q;
use serde_json::json;
use tokio::sync::{mpsc, oneshot};
use uuid::Uuid;

use super::{SignUp, categories_of, meeting_of, state_of, status_of};
use crate::{App, Error, Inner, Meta, Result};

/// The most sign-ups written in one transaction.
pub const MAX_GROUP: usize = 256;

/// A sign-up waiting to be checked and written.
pub(crate) struct Pending {
    pub person: Uuid,
    pub session: Uuid,
    pub key: Option<String>,
    pub meta: Meta,
}

pub(crate) struct Job {
    pending: Pending,
    reply: oneshot::Sender<Result<SignUp>>,
}

/// The handle requests send sign-ups through.
pub(crate) type Queue = mpsc::Sender<Job>;

/// What the group's transaction decided for one sign-up.
enum Outcome {
    Done(SignUp),
    Refused(Error),
    /// The idempotency key was used before: the answer is the stored one.
    Repeat,
}

impl App {
    /// Writes a checked sign-up through this instance's writer and waits for the answer.
    pub(crate) async fn write_sign_up(&self, pending: Pending) -> Result<SignUp> {
        let queue = self.inner.signups.get_or_init(|| {
            let (tx, rx) = mpsc::channel(4 * MAX_GROUP);
            tokio::spawn(run(Arc::downgrade(&self.inner), rx));
            tx
        });
        let (reply, answer) = oneshot::channel();
        queue
            .send(Job { pending, reply })
            .await
            .map_err(|_| Error::Unavailable)?;
        answer.await.map_err(|_| Error::Unavailable)?
    }

    /// Writes a group, falling back to one sign-up at a time when the group fails.
    async fn write_group(&self, jobs: Vec<Job>) {
        let (pending, replies): (Vec<Pending>, Vec<_>) =
            jobs.into_iter().map(|j| (j.pending, j.reply)).unzip();
        if pending.len() > 1 {
            let started = std::time::Instant::now();
            match self.write_together(&pending).await {
                Ok(answers) => {
                    tracing::debug!(
                        size = pending.len(),
                        ms = started.elapsed().as_secs_f64() * 1e3,
                        "sign-up group written"
                    );
                    for (answer, reply) in answers.into_iter().zip(replies) {
                        let _ = reply.send(answer);
                    }
                    return;
                }
                Err(e) => {
                    tracing::warn!(error = %e, size = pending.len(), "sign-up group retried one by one")
                }
            }
        }
        for (p, reply) in pending.iter().zip(replies) {
            let answer = match self.write_together(std::slice::from_ref(p)).await {
                Ok(mut a) => a.pop().unwrap_or(Err(Error::Unavailable)),
                Err(e) => Err(e),
            };
            let _ = reply.send(answer);
        }
    }

    /// One transaction for all of `group`: per sign-up, its answer; `Err` when the transaction
    /// failed and nothing was written.
    async fn write_together(&self, group: &[Pending]) -> Result<Vec<Result<SignUp>>> {
        let now = self.now();
        let tx = begin_write(self.writer()).await?;
        q::plan_as_lookups(&tx).await?;
        let mut outcomes: Vec<Option<Outcome>> = group.iter().map(|_| None).collect();
        for (i, p) in group.iter().enumerate() {
            if let Some(k) = &p.key
                && !q::claim_key(&tx, p.person, k, "sign_up", now).await?
            {
                outcomes[i] = Some(Outcome::Repeat);
            }
        }
        let facts = Facts::read(&tx, group).await?;

        // Checked and seated in arrival order, each against the ones before it.
        let mut free: HashMap<Uuid, i32> = facts
            .sessions
            .values()
            .map(|s| (s.id, (s.capacity - s.taken).max(0)))
            .collect();
        let mut held = facts.held.clone();
        let mut added: HashMap<Uuid, i32> = HashMap::new();
        let mut waiting_here: HashMap<Uuid, u64> = HashMap::new();
        let mut decided: Vec<(usize, EnrolmentStatus, Option<u64>)> = Vec::new();
        for (i, p) in group.iter().enumerate() {
            if outcomes[i].is_some() {
                continue;
            }
            let (Some(s), Some(me)) = (facts.sessions.get(&p.session), facts.people.get(&p.person))
            else {
                outcomes[i] = Some(Outcome::Refused(Error::NotFound));
                continue;
            };
            let mine = held.entry(me.id).or_default();
            if let Err(e) = facts.eligible(me, s, mine, now, self.config().max_pending_signups) {
                outcomes[i] = Some(Outcome::Refused(e));
                continue;
            }
            let left = free.entry(s.id).or_default();
            let status = if *left > 0 {
                *left -= 1;
                *added.entry(s.id).or_default() += 1;
                if s.requires_approval {
                    EnrolmentStatus::PendingApproval
                } else {
                    EnrolmentStatus::Confirmed
                }
            } else {
                let n = waiting_here.entry(s.id).or_default();
                *n += 1;
                EnrolmentStatus::Waitlisted
            };
            mine.push((s.id, status));
            let nth = (status == EnrolmentStatus::Waitlisted).then(|| waiting_here[&s.id]);
            decided.push((i, status, nth));
        }
        let places: Vec<(Uuid, i32, i32)> = facts
            .sessions
            .keys()
            .map(|id| {
                let seats = added.get(id).copied().unwrap_or(0);
                let waiting = waiting_here.get(id).copied().unwrap_or(0);
                (*id, seats, i32::try_from(waiting).unwrap_or(i32::MAX))
            })
            .collect();
        if !q::add_places(&tx, &places).await? {
            return Err(Error::Internal(
                "a session's seats changed under its lock".into(),
            ));
        }

        let mut rows = Vec::with_capacity(decided.len());
        let mut mails = Vec::new();
        let mut notes = Vec::new();
        let mut audit = Vec::with_capacity(decided.len());
        for (i, status, nth) in decided {
            let p = &group[i];
            let (Some(s), Some(learner)) =
                (facts.sessions.get(&p.session), facts.people.get(&p.person))
            else {
                continue;
            };
            let title = facts.title(s, Lang::parse(&learner.language).unwrap_or(Lang::En));
            let id = EnrolmentId::new();
            // The locked row's count is the list as it stood before this group.
            let position = nth.map(|n| u64::try_from(s.waiting).unwrap_or(0) + n);
            rows.push(enrolment::Model {
                seq: 0,
                id: id.0,
                session_id: s.id,
                person_id: learner.id,
                status: status.as_str().to_owned(),
                active_session: Some(s.id),
                expires_at: (status == EnrolmentStatus::PendingApproval)
                    .then(|| now + Duration::days(i64::from(s.hold_days))),
                assessment_passed: None,
                completed: false,
                completed_at: None,
                reminded: false,
                decided_by: None,
                decided_at: None,
                decision_note: None,
                created_at: now,
                updated_at: now,
            });
            let link = Some(format!("/sessions/{}", s.id));
            let mut messages = Vec::new();
            match status {
                EnrolmentStatus::Confirmed => messages.push(self.message(
                    learner,
                    "signup-confirmed",
                    vec![("title", title)],
                    link,
                )),
                EnrolmentStatus::Waitlisted => messages.push(self.message(
                    learner,
                    "signup-waitlisted",
                    vec![
                        ("title", title),
                        ("position", position.unwrap_or(0).to_string()),
                    ],
                    link,
                )),
                _ => {
                    messages.push(self.message(
                        learner,
                        "signup-pending",
                        vec![("title", title)],
                        link,
                    ));
                    // Who decides: the heads of the learner's institutions (a session that
                    // needs approval is rare in a rush, so they are read one sign-up at a time).
                    for head in self.deciders_of(&tx, PersonId(learner.id)).await? {
                        let title = facts.title(s, Lang::parse(&head.language).unwrap_or(Lang::En));
                        messages.push(self.message(
                            &head,
                            "approval-requested",
                            vec![("title", title), ("learner", learner.name.clone())],
                            Some("/approvals".into()),
                        ));
                    }
                }
            }
            for (mail, note) in messages.into_iter().flatten() {
                mails.push(mail);
                notes.push(note);
            }
            audit.push(NewEntry {
                at: now,
                actor_id: Some(learner.id),
                ip: p.meta.ip.clone(),
                action: "enrolment.create".to_owned(),
                object_type: "enrolment".to_owned(),
                object_id: id.to_string(),
                scope_path: None,
                details: json!({ "session": s.id, "status": status.as_str() }),
            });
            outcomes[i] = Some(Outcome::Done(SignUp {
                id: id.0,
                status: status.as_str().to_owned(),
                position,
            }));
        }
        if let Err(e) = q::insert_enrolments(&tx, rows).await {
            return Err(if guildhall_store::is_unique_violation(&e) {
                Error::conflict("already_signed_up")
            } else {
                e.into()
            });
        }
        guildhall_store::notify::enqueue_many(&tx, mails).await?;
        q::notify_many(&tx, notes).await?;
        guildhall_store::audit::append_many(&tx, audit).await?;
        for (p, outcome) in group.iter().zip(&outcomes) {
            let Some(k) = &p.key else { continue };
            match outcome {
                Some(Outcome::Done(answer)) => {
                    let body = serde_json::to_string(answer)
                        .map_err(|e| Error::Internal(e.to_string()))?;
                    q::store_key_result(&tx, p.person, k, 201, &body).await?;
                }
                Some(Outcome::Refused(_)) => q::release_key(&tx, p.person, k).await?,
                _ => {}
            }
        }
        tx.commit().await?;
        self.seats_changed();

        let mut answers = Vec::with_capacity(group.len());
        for (p, outcome) in group.iter().zip(outcomes) {
            answers.push(match outcome {
                Some(Outcome::Done(a)) => Ok(a),
                Some(Outcome::Refused(e)) => Err(e),
                Some(Outcome::Repeat) => self.repeat_answer(p).await,
                None => Err(Error::Internal("a sign-up was left undecided".into())),
            });
        }
        Ok(answers)
    }

    /// The stored answer to a request whose idempotency key was used before.
    async fn repeat_answer(&self, p: &Pending) -> Result<SignUp> {
        let k = p.key.as_deref().unwrap_or_default();
        let prev = q::find_key(self.db(), p.person, k)
            .await?
            .filter(|prev| prev.status != 0)
            .ok_or(Error::Unavailable)?;
        serde_json::from_str(&prev.body).map_err(|e| Error::Internal(e.to_string()))
    }
}

/// Everything a group's sign-ups are checked against, read under the seat lock with one
/// statement each.
struct Facts {
    sessions: HashMap<Uuid, training_session::Model>,
    people: HashMap<Uuid, person::Model>,
    /// Where each person works: the paths of their organisations.
    workplaces: HashMap<Uuid, Vec<String>>,
    /// The paths of the regions each session is restricted to.
    regions: HashMap<Uuid, Vec<String>>,
    /// Each person's live places: (session, status).
    held: HashMap<Uuid, Vec<(Uuid, EnrolmentStatus)>>,
    /// The meetings of the sessions signed up to and of those the people hold places in.
    meetings: HashMap<Uuid, Vec<Meeting>>,
    versions: HashMap<Uuid, programme_version::Model>,
}

impl Facts {
    async fn read<C: guildhall_store::ConnectionTrait>(db: &C, group: &[Pending]) -> Result<Facts> {
        let mut session_ids: Vec<Uuid> = group.iter().map(|p| p.session).collect();
        session_ids.sort_unstable();
        session_ids.dedup();
        let mut people_ids: Vec<Uuid> = group.iter().map(|p| p.person).collect();
        people_ids.sort_unstable();
        people_ids.dedup();
        let sessions: HashMap<Uuid, training_session::Model> = q::lock_sessions(db, &session_ids)
            .await?
            .into_iter()
            .map(|s| (s.id, s))
            .collect();
        let people: HashMap<Uuid, person::Model> =
            guildhall_store::identity::find_people(db, &people_ids)
                .await?
                .into_iter()
                .map(|p| (p.id, p))
                .collect();
        let mut workplaces: HashMap<Uuid, Vec<String>> = HashMap::new();
        for (p, path) in guildhall_store::identity::membership_paths(db, &people_ids).await? {
            workplaces.entry(p).or_default().push(path);
        }
        let mut regions: HashMap<Uuid, Vec<String>> = HashMap::new();
        for (s, path) in q::region_paths_of(db, &session_ids).await? {
            regions.entry(s).or_default().push(path);
        }
        let mut held: HashMap<Uuid, Vec<(Uuid, EnrolmentStatus)>> = HashMap::new();
        let mut in_play = session_ids.clone();
        for e in q::active_of_people(db, &people_ids).await? {
            let st = status_of(&e);
            if st.holds_seat() {
                in_play.push(e.session_id);
            }
            held.entry(e.person_id)
                .or_default()
                .push((e.session_id, st));
        }
        in_play.sort_unstable();
        in_play.dedup();
        let mut meetings: HashMap<Uuid, Vec<Meeting>> = HashMap::new();
        for m in q::meetings_of(db, &in_play).await? {
            meetings
                .entry(m.session_id)
                .or_default()
                .push(meeting_of(&m));
        }
        let mut version_ids: Vec<Uuid> = sessions.values().map(|s| s.version_id).collect();
        version_ids.sort_unstable();
        version_ids.dedup();
        let versions = guildhall_store::catalog::find_versions(db, &version_ids)
            .await?
            .into_iter()
            .map(|v| (v.id, v))
            .collect();
        Ok(Facts {
            sessions,
            people,
            workplaces,
            regions,
            held,
            meetings,
            versions,
        })
    }

    /// The programme's title in `lang`.
    fn title(&self, s: &training_session::Model, lang: Lang) -> String {
        self.versions
            .get(&s.version_id)
            .map(|v| crate::catalog::text_of(v, &[]).title.get(lang).to_owned())
            .unwrap_or_default()
    }

    /// The rules a sign-up must meet, given the places the person holds (`mine`, with the
    /// ones given to them earlier in the group).
    fn eligible(
        &self,
        me: &person::Model,
        s: &training_session::Model,
        mine: &[(Uuid, EnrolmentStatus)],
        now: DateTime<Utc>,
        max_pending: usize,
    ) -> Result<()> {
        let state = state_of(s);
        if state == SessionState::Planned {
            return Err(Error::NotFound);
        }
        if state != SessionState::Open
            || now < s.registration_opens_at
            || now >= s.registration_closes_at
        {
            return Err(Error::conflict("signup_closed"));
        }
        let allowed = categories_of(s);
        if !allowed.is_empty()
            && !LearnerCategory::parse(&me.category).is_some_and(|c| allowed.contains(&c))
        {
            return Err(Error::refused("category_not_eligible"));
        }
        let workplaces = self
            .workplaces
            .get(&me.id)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        if let Some(regions) = self.regions.get(&s.id)
            && !workplaces
                .iter()
                .any(|w| regions.iter().any(|r| w.starts_with(r.as_str())))
        {
            return Err(Error::refused("region_not_eligible"));
        }
        if s.requires_approval && workplaces.is_empty() {
            return Err(Error::refused("approval_needs_institution"));
        }
        if me.email_confirmed_at.is_none() {
            return Err(Error::refused("email_not_confirmed"));
        }
        if mine.iter().any(|(session, _)| *session == s.id) {
            return Err(Error::conflict("already_signed_up"));
        }
        let pending = mine
            .iter()
            .filter(|(_, st)| *st == EnrolmentStatus::PendingApproval)
            .count();
        if s.requires_approval && pending >= max_pending {
            return Err(Error::Conflict(
                Problem::new("too_many_pending").num("max", max_pending as i64),
            ));
        }
        let here = self.meetings.get(&s.id).map(Vec::as_slice).unwrap_or(&[]);
        // The clashing session is named by id here; `App::sign_up` puts its title in.
        if let Some((other, _)) =
            mine.iter()
                .filter(|(_, st)| st.holds_seat())
                .find(|(session, _)| {
                    self.meetings
                        .get(session)
                        .is_some_and(|theirs| sessions_overlap(here, theirs))
                })
        {
            return Err(Error::Conflict(
                Problem::new("overlapping_session").text("session", other.to_string()),
            ));
        }
        Ok(())
    }
}

/// The writer task: takes what is waiting and writes it as one group, until the application
/// is dropped. Each group runs as its own task, so a panic fails that group's requests
/// (their answer channels close) and not the writer.
async fn run(app: Weak<Inner>, mut rx: mpsc::Receiver<Job>) {
    let mut jobs = Vec::with_capacity(MAX_GROUP);
    while rx.recv_many(&mut jobs, MAX_GROUP).await > 0 {
        let Some(inner) = app.upgrade() else { break };
        let app = App { inner };
        let group = std::mem::take(&mut jobs);
        let _ = tokio::spawn(async move { app.write_group(group).await }).await;
    }
}
