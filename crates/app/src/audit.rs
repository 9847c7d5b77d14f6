//! The audit log: who changed what, when, and from where.
//!
//! Every use case that changes an account, a role, an organisation or any other record that
//! matters writes one entry in the same transaction as the change, so the log and the data
//! never disagree. The log is append-only and holds ids, not personal data.

use std::fmt::Display;

use chrono::{DateTime, Utc};
use guildhall_domain::PersonId;
use guildhall_store::audit::{self as q, AuditFilter, NewEntry};
use guildhall_store::{ConnectionTrait, Page, PageRequest};
use serde_json::Value;

use crate::{Actor, App, Error, Meta, Result, policy};

/// A change about to be recorded.
#[derive(Clone, Debug)]
pub struct Change {
    action: &'static str,
    object_type: &'static str,
    object_id: String,
    scope: Option<String>,
    details: Value,
}

impl Change {
    pub fn new(action: &'static str, object_type: &'static str, object_id: impl Display) -> Self {
        Change {
            action,
            object_type,
            object_id: object_id.to_string(),
            scope: None,
            details: Value::Object(Default::default()),
        }
    }

    /// The organisation subtree the change happened in, for filtering.
    pub fn scope(mut self, scope: Option<String>) -> Self {
        self.scope = scope;
        self
    }

    pub fn details(mut self, details: Value) -> Self {
        self.details = details;
        self
    }
}

/// How a decision's audit entry names the authority it was made under: the role and the
/// subtree, who delegated it (gave the role), and whether it was delegated at all (a role
/// given by a person, not by the console). `null` when the decider acted through no grant
/// (their own account).
pub(crate) fn authority(grant: Option<&crate::actor::Grant>) -> Value {
    match grant {
        None => Value::Null,
        Some(g) => serde_json::json!({
            "role": g.role.as_str(),
            "scope": g.scope,
            "assignment": g.id,
            "granted_by": g.granted_by,
            "delegated": g.granted_by.is_some(),
        }),
    }
}

#[derive(Clone, Debug)]
pub struct AuditView {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor: Option<PersonId>,
    pub actor_name: Option<String>,
    pub ip: Option<String>,
    pub action: String,
    pub object_type: String,
    pub object_id: String,
    pub details: String,
}

impl App {
    pub(crate) async fn audit<C: ConnectionTrait>(
        &self,
        db: &C,
        actor: Option<PersonId>,
        meta: &Meta,
        change: Change,
    ) -> Result<()> {
        q::append(
            db,
            NewEntry {
                at: self.now(),
                actor_id: actor.map(|a| a.0),
                ip: meta.ip.clone(),
                action: change.action.to_owned(),
                object_type: change.object_type.to_owned(),
                object_id: change.object_id,
                scope_path: change.scope,
                details: change.details,
            },
        )
        .await?;
        Ok(())
    }

    pub async fn list_audit(
        &self,
        actor: &Actor,
        filter: AuditFilter,
        page: PageRequest,
    ) -> Result<Page<AuditView>> {
        if !policy::may_read_audit(actor) {
            return Err(Error::Forbidden);
        }
        let rows = q::list(self.db(), &filter, page).await?;
        let mut ids: Vec<_> = rows.items.iter().filter_map(|r| r.actor_id).collect();
        ids.sort();
        ids.dedup();
        let names = guildhall_store::identity::people_names(self.db(), &ids).await?;
        Ok(rows.map(|r| AuditView {
            id: r.id,
            at: r.at,
            actor: r.actor_id.map(PersonId),
            actor_name: r.actor_id.and_then(|a| names.get(&a).cloned()),
            ip: r.ip,
            action: r.action,
            object_type: r.object_type,
            object_id: r.object_id,
            details: r.details,
        }))
    }
}
