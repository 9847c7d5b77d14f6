//! Compliance mail: deadline reminders to people at risk, and a monthly digest to
//! institution heads.
//!
//! Each rule names the points before a deadline at which people at risk are reminded
//! (`reminder_days`; half a year, three months and a month by default). A run evaluates
//! everyone and reminds each person at risk whose deadline is within a point, once per
//! point: the row in `compliance_reminders` that says so is written in the transaction that
//! queues the mail, and its key refuses a second. Someone who falls behind late gets only
//! the nearest point's reminder, not every point's at once.
//!
//! In the first run of a month every institution head gets the figures of each organisation
//! they head: people by status, and the link to the list. `compliance_digests` keeps it to
//! one per head, organisation and month. Both run from the periodic jobs; running them more
//! often, or on several instances, sends nothing twice.

use chrono::Datelike;
use guildhall_domain::Lang;
use guildhall_domain::compliance::Status;
use guildhall_store::begin_write;
use guildhall_store::compliance::{self as q, Scope};
use guildhall_store::entities::{compliance_digest, compliance_reminder};
use uuid::Uuid;

use super::lang_index;
use crate::ledger::format_hours;
use crate::{App, Result};

impl App {
    /// Reminds people at risk of missing a deadline; returns how many reminders went out.
    pub async fn send_compliance_reminders(&self) -> Result<usize> {
        let today = self.local_now().date();
        let rules = self.compliance_rules().await?;
        let scope = Scope::Under(guildhall_domain::org::ROOT_PATH.into());
        let frame = q::frame(self.db(), &scope, &*self.countries().await?).await?;
        let all: Vec<(Uuid, Vec<super::Standing>)> = self
            .evaluate_scope(&frame, &scope, &rules, today, Lang::En, &[])
            .await?
            .people
            .into_iter()
            .map(|(p, list)| (p.id, list))
            .collect();
        // Everyone who may be reminded, read at once.
        let at_risk: Vec<Uuid> = all
            .iter()
            .filter(|(_, list)| list.iter().any(|s| s.evaluation.status == Status::AtRisk))
            .map(|(p, _)| *p)
            .collect();
        let mut people = std::collections::HashMap::new();
        for chunk in at_risk.chunks(1000) {
            for p in guildhall_store::identity::find_people(self.db(), chunk).await? {
                people.insert(p.id, p);
            }
        }
        let mut sent = 0;
        for (person, list) in all {
            let Some(p) = people.get(&person) else {
                continue;
            };
            for s in list {
                let e = &s.evaluation;
                if e.status != Status::AtRisk {
                    continue;
                }
                let Some(rule) = rules.iter().find(|r| *r.code == *s.rule) else {
                    continue;
                };
                let left = (e.deadline - today).num_days();
                let Some(point) = rule
                    .reminder_days
                    .iter()
                    .copied()
                    .filter(|d| left <= i64::from(*d))
                    .min()
                else {
                    continue;
                };
                let lang = Lang::parse(&p.language).unwrap_or(self.config().default_lang);
                let tx = begin_write(self.writer()).await?;
                let new = q::claim_reminder(
                    &tx,
                    compliance_reminder::Model {
                        person_id: person,
                        rule_code: rule.code.clone(),
                        deadline: e.deadline,
                        days_before: i32::try_from(point).unwrap_or(i32::MAX),
                        sent_at: self.now(),
                    },
                )
                .await?;
                if !new {
                    continue;
                }
                self.tell(
                    &tx,
                    p,
                    "compliance-reminder",
                    vec![
                        ("rule", rule.names[lang_index(lang)].clone()),
                        ("deadline", e.deadline.to_string()),
                        ("days", left.max(0).to_string()),
                        ("hours", format_hours(e.needed_minutes)),
                    ],
                    Some("/compliance".into()),
                )
                .await?;
                tx.commit().await?;
                sent += 1;
            }
        }
        Ok(sent)
    }

    /// Sends this month's digest to every institution head who has not had it; returns how
    /// many went out.
    pub async fn send_compliance_digests(&self) -> Result<usize> {
        let today = self.local_now().date();
        let month = format!("{:04}-{:02}", today.year(), today.month());
        let heads =
            guildhall_store::identity::holders_with_role(self.db(), "institution_head").await?;
        let mut sent = 0;
        for (head, scope) in heads {
            // A head's scope is the path of the organisation they head; its last node is it.
            let Some(org) = scope
                .split('/')
                .rfind(|s| !s.is_empty())
                .and_then(|s| Uuid::parse_str(s).ok())
            else {
                continue;
            };
            if q::digest_sent(self.db(), head, org, &month).await? {
                continue;
            }
            let (Some(p), Some(node)) = (
                guildhall_store::identity::find_person(self.db(), head).await?,
                guildhall_store::org::find(self.db(), org).await?,
            ) else {
                continue;
            };
            let lang = Lang::parse(&p.language).unwrap_or(self.config().default_lang);
            let f = self.figures(&node, false, false, lang).await?;
            let tx = begin_write(self.writer()).await?;
            let new = q::claim_digest(
                &tx,
                compliance_digest::Model {
                    person_id: head,
                    organisation_id: org,
                    month: month.clone(),
                    sent_at: self.now(),
                },
            )
            .await?;
            if !new {
                continue;
            }
            self.tell(
                &tx,
                &p,
                "compliance-digest",
                vec![
                    ("organisation", f.name.clone()),
                    ("month", month.clone()),
                    ("people", f.totals.total().to_string()),
                    ("compliant", f.totals.compliant.to_string()),
                    ("ontrack", f.totals.on_track.to_string()),
                    ("atrisk", f.totals.at_risk.to_string()),
                    ("overdue", f.totals.overdue.to_string()),
                ],
                Some(format!("/organisations/{org}/compliance")),
            )
            .await?;
            tx.commit().await?;
            sent += 1;
        }
        Ok(sent)
    }
}
