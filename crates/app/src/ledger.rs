//! The hours ledger: every hour of professional development a person has to their name.
//!
//! The ledger is append-only. A completed session credits the programme version's hours; a
//! correction of attendance that withdraws a completion adds an entry that reverses it;
//! recognised outside learning and manual corrections are entries of their own. Nothing is
//! ever updated or deleted, so the ledger is its own history. Minutes are stored; hours are
//! shown.

use chrono::NaiveDate;
use guildhall_domain::identity::Role;
use guildhall_domain::{CompetenceId, LedgerEntryId, PersonId, Problem, Problems};
use guildhall_store::entities::{enrolment, ledger_entry};
use guildhall_store::{ConnectionTrait, begin_write, ledger as q};
use serde_json::json;
use uuid::Uuid;

use crate::audit::Change;
use crate::{Actor, App, Error, Meta, Result, policy};

/// Where an entry's hours come from.
pub const SOURCE_SESSION: &str = "session";
pub const SOURCE_RECOGNITION: &str = "recognition";
pub const SOURCE_CORRECTION: &str = "correction";
/// Recognised time spent in industry (a placement in a company).
pub const SOURCE_INDUSTRY: &str = "industry";

#[derive(Clone, Debug)]
pub struct LedgerEntryView {
    pub id: LedgerEntryId,
    pub minutes: i32,
    pub occurred_on: NaiveDate,
    pub source: String,
    pub note: String,
    /// The programme's title for session entries.
    pub title: Option<String>,
    pub session: Option<Uuid>,
    pub competences: Vec<String>,
    pub reverses: Option<LedgerEntryId>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

impl LedgerEntryView {
    pub fn hours(&self) -> f64 {
        f64::from(self.minutes) / 60.0
    }
}

#[derive(Clone, Debug)]
pub struct Ledger {
    pub person: PersonId,
    pub name: String,
    pub entries: Vec<LedgerEntryView>,
    pub total_minutes: i64,
}

impl Ledger {
    pub fn total_hours(&self) -> f64 {
        self.total_minutes as f64 / 60.0
    }
}

/// Hours written with up to one decimal, for pages and mail.
pub fn format_hours(minutes: i64) -> String {
    let tenths = (minutes as f64 / 6.0).round() as i64;
    if tenths % 10 == 0 {
        format!("{}", tenths / 10)
    } else {
        format!("{}.{}", tenths / 10, (tenths % 10).abs())
    }
}

/// A manual ledger correction as an administrator enters it.
#[derive(Clone, Debug)]
pub struct Correction {
    /// Minutes to add (negative to take away).
    pub minutes: i32,
    pub occurred_on: NaiveDate,
    /// Why the correction is made; required.
    pub note: String,
    /// Competence codes the minutes count towards.
    pub competences: Vec<String>,
}

impl App {
    /// Brings the credit for one enrolment to `target` minutes by appending the difference.
    pub(crate) async fn settle_session_credit<C: ConnectionTrait>(
        &self,
        db: &C,
        e: &enrolment::Model,
        target: i32,
        occurred_on: NaiveDate,
        competences: &[Uuid],
        by: PersonId,
    ) -> Result<()> {
        let existing = q::entries_for_enrolment(db, e.id).await?;
        let current: i32 = existing.iter().map(|x| x.minutes).sum();
        let diff = target - current;
        if diff == 0 {
            return Ok(());
        }
        let session = guildhall_store::sessions::find_session(db, e.session_id).await?;
        let reverses = if diff < 0 {
            existing.iter().rev().find(|x| x.minutes > 0).map(|x| x.id)
        } else {
            None
        };
        q::append(
            db,
            ledger_entry::Model {
                seq: 0,
                id: LedgerEntryId::new().0,
                person_id: e.person_id,
                minutes: diff,
                occurred_on,
                source: SOURCE_SESSION.into(),
                session_id: Some(e.session_id),
                enrolment_id: Some(e.id),
                version_id: session.map(|s| s.version_id),
                reference_id: None,
                reverses,
                note: if diff > 0 {
                    "completion".into()
                } else {
                    "completion withdrawn".into()
                },
                created_by: Some(by.0),
                created_at: self.now(),
            },
            competences,
        )
        .await?;
        Ok(())
    }

    /// A person's ledger, for themselves or for those who may see them.
    pub async fn ledger_of(&self, actor: &Actor, person: PersonId) -> Result<Ledger> {
        let p = guildhall_store::identity::find_person(self.db(), person.0)
            .await?
            .ok_or(Error::NotFound)?;
        // One's own ledger needs no look at where one works.
        let paths: Vec<String> = if actor.id == person {
            Vec::new()
        } else {
            guildhall_store::identity::memberships_of(self.db(), person.0)
                .await?
                .into_iter()
                .map(|o| o.path)
                .collect()
        };
        if !policy::may_view_ledger(actor, person, &paths) {
            return Err(Error::NotFound);
        }
        let rows = q::entries_of(self.db(), person.0).await?;
        let comps =
            q::competences_of(self.db(), &rows.iter().map(|r| r.id).collect::<Vec<_>>()).await?;
        let tree = self.frameworks();
        let mut versions: Vec<Uuid> = rows.iter().filter_map(|r| r.version_id).collect();
        versions.sort();
        versions.dedup();
        let titles: std::collections::HashMap<Uuid, String> =
            guildhall_store::catalog::versions_with_programmes(self.db(), &versions)
                .await?
                .into_iter()
                .map(|(v, _)| {
                    let title = crate::catalog::text_of(&v, &[])
                        .title
                        .get(actor.lang)
                        .to_owned();
                    (v.id, title)
                })
                .collect();
        let total = rows.iter().map(|r| i64::from(r.minutes)).sum();
        let entries = rows
            .into_iter()
            .map(|r| LedgerEntryView {
                id: LedgerEntryId(r.id),
                minutes: r.minutes,
                occurred_on: r.occurred_on,
                source: r.source.clone(),
                note: r.note.clone(),
                title: r.version_id.and_then(|v| titles.get(&v).cloned()),
                session: r.session_id,
                competences: comps
                    .get(&r.id)
                    .map(|cs| {
                        cs.iter()
                            .filter_map(|c| {
                                tree.competences
                                    .get(&CompetenceId(*c))
                                    .map(|c| c.key.clone())
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                reverses: r.reverses.map(LedgerEntryId),
                created_at: r.created_at,
            })
            .collect();
        Ok(Ledger {
            person,
            name: p.name,
            entries,
            total_minutes: total,
        })
    }

    /// A manual correction: adds (or, negative, takes away) minutes with a reason.
    pub async fn correct_ledger(
        &self,
        actor: &Actor,
        person: PersonId,
        c: &Correction,
        meta: &Meta,
    ) -> Result<LedgerEntryId> {
        let Correction {
            minutes,
            occurred_on,
            note,
            competences,
        } = c;
        let (minutes, occurred_on) = (*minutes, *occurred_on);
        let paths: Vec<String> = guildhall_store::identity::memberships_of(self.db(), person.0)
            .await?
            .into_iter()
            .map(|o| o.path)
            .collect();
        guildhall_store::identity::find_person(self.db(), person.0)
            .await?
            .ok_or(Error::NotFound)?;
        if !policy::may_correct_ledger(actor, person, &paths, &self.duties()) {
            return Err(if !policy::may_view_ledger(actor, person, &paths) {
                Error::NotFound
            } else if !policy::independent_of(actor, person, &self.duties()) {
                Error::refused("decision_goes_up")
            } else {
                Error::Forbidden
            });
        }
        let mut p = Problems::new();
        if minutes == 0 || minutes.abs() > 1_000 * 60 {
            p.add(
                "minutes",
                Problem::new("number_out_of_range")
                    .num("min", -60_000)
                    .num("max", 60_000),
            );
        }
        let note = note.trim();
        if note.is_empty() {
            p.add("note", Problem::new("comment_required"));
        } else if note.chars().count() > 1_000 {
            p.add("note", Problem::new("text_too_long").num("max", 1_000));
        }
        if occurred_on > self.local_now().date() {
            p.add("occurred_on", Problem::new("date_in_future"));
        }
        let tree = self.load_frameworks().await?;
        let comps = match tree.resolve(competences) {
            Ok(c) => c.into_iter().map(|c| c.0).collect::<Vec<_>>(),
            Err(problem) => {
                p.add("competences", problem);
                Vec::new()
            }
        };
        p.into_result()?;
        let id = LedgerEntryId::new();
        let tx = begin_write(self.writer()).await?;
        q::append(
            &tx,
            ledger_entry::Model {
                seq: 0,
                id: id.0,
                person_id: person.0,
                minutes,
                occurred_on,
                source: SOURCE_CORRECTION.into(),
                session_id: None,
                enrolment_id: None,
                version_id: None,
                reference_id: None,
                reverses: None,
                note: note.to_owned(),
                created_by: Some(actor.id.0),
                created_at: self.now(),
            },
            &comps,
        )
        .await?;
        self.audit(
            &tx,
            Some(actor.id),
            meta,
            Change::new("ledger.correct", "person", person)
                .details(json!({
                    "entry": id,
                    "minutes": minutes,
                    "authority": crate::audit::authority(policy::authority(actor, &[Role::Administrator], &paths)),
                })),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }
}

#[cfg(test)]
mod tests {
    use super::format_hours;

    #[test]
    fn hours_are_written_plainly() {
        assert_eq!(format_hours(1800), "30");
        assert_eq!(format_hours(90), "1.5");
        assert_eq!(format_hours(-1800), "-30");
        assert_eq!(format_hours(0), "0");
    }
}
