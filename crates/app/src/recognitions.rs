//! Recognition of outside learning: training done elsewhere, or time in industry, that a
//! person submits with evidence. An institution head, a quality reviewer or an
//! administrator over the person approves it (its hours go to the ledger, as `recognition`
//! or `industry`) or rejects it with a reason; nobody decides their own.
//!
//! Evidence is a PDF, JPEG or PNG of at most [`EVIDENCE_MAX`] bytes, recognised by its
//! first bytes rather than by the name or type the browser sent, and kept in the data
//! folder under the recognition's id.

use chrono::NaiveDate;
use guildhall_domain::{LedgerEntryId, PersonId, Problem, Problems};
use guildhall_store::begin_write;
use guildhall_store::entities::{ledger_entry, recognition};
use guildhall_store::recognitions as q;
use serde_json::json;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::audit::Change;
use crate::{Actor, App, Error, Meta, Result, policy};

/// The largest evidence file accepted.
pub const EVIDENCE_MAX: usize = 10 * 1024 * 1024;

/// A recognition as the person types it.
#[derive(Clone, Debug, Default)]
pub struct RecognitionInput {
    /// `training` or `industry`.
    pub kind: String,
    pub title: String,
    pub provider: String,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub hours: f64,
    pub competences: Vec<String>,
}

/// An evidence file as uploaded.
#[derive(Clone, Debug)]
pub struct Evidence {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The type of an evidence file by its first bytes.
fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("image/png")
    } else {
        None
    }
}

/// A recognition with what lists show.
#[derive(Clone, Debug)]
pub struct RecognitionView {
    pub row: recognition::Model,
    pub person_name: String,
}

impl App {
    fn evidence_path(&self, id: Uuid) -> std::path::PathBuf {
        self.config().data_dir.join("evidence").join(id.to_string())
    }

    /// Submits outside learning for recognition.
    pub async fn submit_recognition(
        &self,
        actor: &Actor,
        input: &RecognitionInput,
        evidence: Option<Evidence>,
        meta: &Meta,
    ) -> Result<Uuid> {
        let mut p = Problems::default();
        let kind = input.kind.trim();
        if kind != "training" && kind != "industry" {
            p.add("kind", Problem::new("value_unknown"));
        }
        let title = input.title.trim();
        if title.is_empty() || title.chars().count() > 300 {
            p.add("title", Problem::new("title_required"));
        }
        let provider = input.provider.trim();
        if provider.is_empty() || provider.chars().count() > 300 {
            p.add("provider", Problem::new("provider_required"));
        }
        let today = self.now().date_naive();
        match (input.starts_on, input.ends_on) {
            (Some(a), Some(b)) if b < a => p.add("ends_on", Problem::new("dates_reversed")),
            (Some(_), Some(b)) if b > today => p.add("ends_on", Problem::new("date_in_future")),
            (Some(_), Some(_)) => {}
            (None, _) => p.add("starts_on", Problem::new("date_invalid")),
            (_, None) => p.add("ends_on", Problem::new("date_invalid")),
        }
        let minutes = (input.hours * 60.0).round();
        if !input.hours.is_finite() || !(1.0..=2000.0 * 60.0).contains(&minutes) {
            p.add("hours", Problem::new("hours_positive"));
        }
        let competences = match self.frameworks().resolve(&input.competences) {
            Ok(_) => input.competences.clone(),
            Err(e) => {
                p.add("competences", e);
                Vec::new()
            }
        };
        let evidence = match evidence {
            None => {
                p.add("evidence", Problem::new("evidence_required"));
                None
            }
            Some(e) if e.bytes.len() > EVIDENCE_MAX => {
                p.add(
                    "evidence",
                    Problem::new("evidence_too_large")
                        .num("max", (EVIDENCE_MAX / 1024 / 1024) as i64),
                );
                None
            }
            Some(e) => match sniff(&e.bytes) {
                Some(t) => Some((e, t)),
                None => {
                    p.add("evidence", Problem::new("evidence_type"));
                    None
                }
            },
        };
        p.into_result()?;
        let (Some(starts_on), Some(ends_on), Some((evidence, content_type))) =
            (input.starts_on, input.ends_on, evidence)
        else {
            return Err(Error::Internal("checked above".into()));
        };
        let id = Uuid::now_v7();
        let path = self.evidence_path(id);
        if let Some(dir) = path.parent() {
            tokio::fs::create_dir_all(dir)
                .await
                .map_err(|e| Error::from_io("evidence folder", &e))?;
        }
        // The file is written first: a crash leaves at worst an unreferenced file, never a
        // row without its evidence.
        tokio::fs::write(&path, &evidence.bytes)
            .await
            .map_err(|e| Error::from_io("evidence file", &e))?;
        let digest = Sha256::digest(&evidence.bytes);
        let sha: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        let name: String = evidence
            .name
            .chars()
            .filter(|c| !c.is_control() && !matches!(c, '/' | '\\'))
            .take(200)
            .collect();
        let tx = begin_write(self.writer()).await?;
        q::insert(
            &tx,
            recognition::Model {
                id,
                person_id: actor.id.0,
                kind: kind.to_owned(),
                title: title.to_owned(),
                provider: provider.to_owned(),
                starts_on,
                ends_on,
                minutes: minutes as i32,
                competences: competences.join(","),
                evidence_name: if name.is_empty() {
                    "evidence".into()
                } else {
                    name
                },
                evidence_type: content_type.to_owned(),
                evidence_size: evidence.bytes.len() as i32,
                evidence_sha256: sha,
                status: "pending".into(),
                decided_by: None,
                decided_at: None,
                reason: None,
                created_at: self.now(),
            },
        )
        .await?;
        self.audit(
            &tx,
            Some(actor.id),
            meta,
            Change::new("recognition.submit", "recognition", id)
                .details(json!({ "kind": kind, "minutes": minutes as i64 })),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The caller's recognitions.
    pub async fn my_recognitions(&self, actor: &Actor) -> Result<Vec<recognition::Model>> {
        Ok(q::of_person(self.db(), actor.id.0).await?)
    }

    /// Pending recognitions the caller decides.
    pub async fn recognitions_to_decide(&self, actor: &Actor) -> Result<Vec<RecognitionView>> {
        let Some(scopes) = policy::recognition_scopes(actor) else {
            return Err(Error::Forbidden);
        };
        let rows = q::pending_within(self.db(), &scopes).await?;
        let ids: Vec<Uuid> = rows.iter().map(|r| r.person_id).collect();
        let names: std::collections::HashMap<Uuid, String> =
            guildhall_store::identity::find_people(self.db(), &ids)
                .await?
                .into_iter()
                .map(|p| (p.id, p.name))
                .collect();
        // What the caller may not decide (their own, or of whoever gave them their role or
        // made their account) is left to the next level's queue.
        let duties = self.duties();
        Ok(rows
            .into_iter()
            .filter(|r| policy::independent_of(actor, PersonId(r.person_id), &duties))
            .map(|r| RecognitionView {
                person_name: names.get(&r.person_id).cloned().unwrap_or_default(),
                row: r,
            })
            .collect())
    }

    async fn recognition_paths(&self, person: Uuid) -> Result<Vec<String>> {
        Ok(guildhall_store::identity::memberships_of(self.db(), person)
            .await?
            .into_iter()
            .map(|o| o.path)
            .collect())
    }

    /// Approves (the hours go to the ledger) or rejects (with a reason) a recognition.
    pub async fn decide_recognition(
        &self,
        actor: &Actor,
        id: Uuid,
        approve: bool,
        reason: &str,
        meta: &Meta,
    ) -> Result<()> {
        let r = q::find(self.db(), id).await?.ok_or(Error::NotFound)?;
        let paths = self.recognition_paths(r.person_id).await?;
        if r.person_id == actor.id.0 {
            return Err(Error::refused("own_recognition"));
        }
        if !policy::may_decide_recognition(actor, PersonId(r.person_id), &paths, &self.duties()) {
            return Err(
                if policy::may_see_recognitions(actor, PersonId(r.person_id), &paths) {
                    Error::refused("decision_goes_up")
                } else {
                    Error::NotFound
                },
            );
        }
        let reason = reason.trim();
        if !approve && (reason.is_empty() || reason.chars().count() > 300) {
            return Err(Error::invalid_field("reason", "reason_required"));
        }
        let competences = self
            .frameworks()
            .resolve(
                &r.competences
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect::<Vec<_>>(),
            )
            .unwrap_or_default();
        let now = self.now();
        let tx = begin_write(self.writer()).await?;
        let status = if approve { "approved" } else { "rejected" };
        if !q::decide(
            &tx,
            id,
            status,
            actor.id.0,
            now,
            (!reason.is_empty()).then_some(reason),
        )
        .await?
        {
            return Err(Error::conflict("already_decided"));
        }
        if approve {
            guildhall_store::ledger::append(
                &tx,
                ledger_entry::Model {
                    seq: 0,
                    id: LedgerEntryId::new().0,
                    person_id: r.person_id,
                    minutes: r.minutes,
                    occurred_on: r.ends_on,
                    source: if r.kind == "industry" {
                        crate::ledger::SOURCE_INDUSTRY.into()
                    } else {
                        crate::ledger::SOURCE_RECOGNITION.into()
                    },
                    session_id: None,
                    enrolment_id: None,
                    version_id: None,
                    reference_id: Some(r.id),
                    reverses: None,
                    note: format!("{} — {}", r.title, r.provider),
                    created_by: Some(actor.id.0),
                    created_at: now,
                },
                &competences.iter().map(|c| c.0).collect::<Vec<_>>(),
            )
            .await?;
        }
        self.audit(
            &tx,
            Some(actor.id),
            meta,
            Change::new(
                if approve {
                    "recognition.approve"
                } else {
                    "recognition.reject"
                },
                "recognition",
                id,
            )
            .details(json!({
                "person": r.person_id,
                "minutes": r.minutes,
                "authority": crate::audit::authority(policy::authority(actor, policy::RECOGNITION_DECIDERS, &paths)),
            })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The evidence file, for the person and those who decide their recognitions.
    pub async fn recognition_evidence(
        &self,
        actor: &Actor,
        id: Uuid,
    ) -> Result<(recognition::Model, Vec<u8>)> {
        let r = q::find(self.db(), id).await?.ok_or(Error::NotFound)?;
        if r.person_id != actor.id.0 {
            let paths = self.recognition_paths(r.person_id).await?;
            if !policy::may_see_recognitions(actor, PersonId(r.person_id), &paths) {
                return Err(Error::NotFound);
            }
        }
        let bytes = tokio::fs::read(self.evidence_path(id))
            .await
            .map_err(|e| Error::from_io("evidence file", &e))?;
        Ok((r, bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::sniff;

    #[test]
    fn evidence_is_recognised_by_its_first_bytes() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Some("application/pdf"));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(
            sniff(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0]),
            Some("image/png")
        );
        assert_eq!(sniff(b"MZ\x90\x00 an executable"), None);
        assert_eq!(sniff(b"<html>"), None);
        assert_eq!(sniff(b""), None);
    }
}
