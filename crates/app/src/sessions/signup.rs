//! The sign-up writer: sign-ups that arrive together are written together.
//!
//! A sign-up is checked by the request that makes it (eligibility, overlaps, the pending
//! limit: reads only), then handed to one writer task per instance. The writer takes every
//! sign-up that is waiting, up to [`MAX_GROUP`], and writes the group in one transaction:
//! the sessions' seat rows are locked (PostgreSQL; SQLite's write lock is the whole
//! database), seats go to the group in arrival order, and the seats, enrolments, e-mails,
//! notifications and audit entries are each written by one statement. Under a rush this turns
//! a dozen statements and a commit per sign-up into a dozen per group.
//!
//! The invariant does not depend on the grouping: seats are decided under the lock from the
//! counts it read, one statement adds them, and the `taken <= capacity` constraint and the
//! unique live-enrolment index still refuse anything wrong. If the group's transaction fails
//! for any reason, nothing of it is written, and each sign-up of the group is written again
//! alone, so one bad sign-up costs the others only time.

use std::collections::HashMap;
use std::sync::{Arc, Weak};

use chrono::Duration;
use guildhall_domain::EnrolmentId;
use guildhall_domain::sessions::EnrolmentStatus;
use guildhall_store::audit::NewEntry;
use guildhall_store::begin_write;
use guildhall_store::entities::{enrolment, person, training_session};
use guildhall_store::sessions as q;
use serde_json::json;
use tokio::sync::{mpsc, oneshot};
use uuid::Uuid;

use super::SignUp;
use crate::{App, Error, Inner, Meta, Result};

/// The most sign-ups written in one transaction.
pub const MAX_GROUP: usize = 256;

/// A checked sign-up, waiting to be written.
pub(crate) struct Pending {
    pub learner: person::Model,
    pub session: training_session::Model,
    pub key: Option<String>,
    /// The programme's title in the learner's language.
    pub title: String,
    /// For sessions that need approval: who decides, each with the title in their language.
    pub deciders: Vec<(person::Model, String)>,
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
            match self.write_together(&pending).await {
                Ok(answers) => {
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
        let mut outcomes: Vec<Option<Outcome>> = group.iter().map(|_| None).collect();
        for (i, p) in group.iter().enumerate() {
            if let Some(k) = &p.key
                && !q::claim_key(&tx, p.learner.id, k, "sign_up", now).await?
            {
                outcomes[i] = Some(Outcome::Repeat);
            }
        }
        let mut sessions: Vec<Uuid> = group.iter().map(|p| p.session.id).collect();
        sessions.sort_unstable();
        sessions.dedup();
        let seats = q::lock_seats(&tx, &sessions).await?;
        let people: Vec<Uuid> = group.iter().map(|p| p.learner.id).collect();
        let mut taken_pairs = q::active_pairs(&tx, &people, &sessions).await?;

        // Seats go to the group in arrival order.
        let mut free: HashMap<Uuid, i32> = seats
            .iter()
            .map(|(id, (taken, capacity))| (*id, (capacity - taken).max(0)))
            .collect();
        let mut added: HashMap<Uuid, i32> = HashMap::new();
        let mut waiting_here: HashMap<Uuid, u64> = HashMap::new();
        let mut decided: Vec<(usize, EnrolmentStatus, Option<u64>)> = Vec::new();
        for (i, p) in group.iter().enumerate() {
            if outcomes[i].is_some() {
                continue;
            }
            let s = p.session.id;
            let Some(left) = free.get_mut(&s) else {
                outcomes[i] = Some(Outcome::Refused(Error::NotFound));
                continue;
            };
            if !taken_pairs.insert((p.learner.id, s)) {
                outcomes[i] = Some(Outcome::Refused(Error::conflict("already_signed_up")));
                continue;
            }
            let status = if *left > 0 {
                *left -= 1;
                *added.entry(s).or_default() += 1;
                if p.session.requires_approval {
                    EnrolmentStatus::PendingApproval
                } else {
                    EnrolmentStatus::Confirmed
                }
            } else {
                let n = waiting_here.entry(s).or_default();
                *n += 1;
                EnrolmentStatus::Waitlisted
            };
            let nth = (status == EnrolmentStatus::Waitlisted).then(|| waiting_here[&s]);
            decided.push((i, status, nth));
        }
        let waiting_sessions: Vec<Uuid> = waiting_here.keys().copied().collect();
        let already_waiting = q::waiting_counts(&tx, &waiting_sessions).await?;
        let added: Vec<(Uuid, i32)> = added.into_iter().collect();
        if !q::take_seats(&tx, &added).await? {
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
            let s = &p.session;
            let id = EnrolmentId::new();
            let position = nth.map(|n| already_waiting.get(&s.id).copied().unwrap_or(0) + n);
            rows.push(enrolment::Model {
                seq: 0,
                id: id.0,
                session_id: s.id,
                person_id: p.learner.id,
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
                    &p.learner,
                    "signup-confirmed",
                    vec![("title", p.title.clone())],
                    link,
                )),
                EnrolmentStatus::Waitlisted => messages.push(self.message(
                    &p.learner,
                    "signup-waitlisted",
                    vec![
                        ("title", p.title.clone()),
                        ("position", position.unwrap_or(0).to_string()),
                    ],
                    link,
                )),
                _ => {
                    messages.push(self.message(
                        &p.learner,
                        "signup-pending",
                        vec![("title", p.title.clone())],
                        link,
                    ));
                    for (head, title) in &p.deciders {
                        messages.push(self.message(
                            head,
                            "approval-requested",
                            vec![
                                ("title", title.clone()),
                                ("learner", p.learner.name.clone()),
                            ],
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
                actor_id: Some(p.learner.id),
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
                    q::store_key_result(&tx, p.learner.id, k, 201, &body).await?;
                }
                Some(Outcome::Refused(_)) => q::release_key(&tx, p.learner.id, k).await?,
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
        let prev = q::find_key(self.db(), p.learner.id, k)
            .await?
            .filter(|prev| prev.status != 0)
            .ok_or(Error::Unavailable)?;
        serde_json::from_str(&prev.body).map_err(|e| Error::Internal(e.to_string()))
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
