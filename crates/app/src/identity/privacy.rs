//! Personal data: the export of everything held about a person, and erasure.

use guildhall_domain::PersonId;
use guildhall_store::begin_write;
use guildhall_store::identity as q;
use sea_orm::{IntoActiveModel, Set};
use serde_json::json;

use crate::audit::Change;
use crate::crypto::verify_password;
use crate::{Actor, App, Error, Meta, Result, policy};

impl App {
    /// Everything the platform holds about the caller, as one JSON document.
    pub async fn export_personal_data(&self, actor: &Actor) -> Result<serde_json::Value> {
        let id = actor.id.0;
        let p = q::find_person(self.db(), id)
            .await?
            .ok_or(Error::NotFound)?;
        let orgs = q::memberships_of(self.db(), id).await?;
        let roles = q::assignments_of(self.db(), id).await?;
        let sessions = q::sessions_of(self.db(), id).await?;
        let tokens = q::tokens_of(self.db(), id).await?;
        let audit = guildhall_store::audit::about_person(self.db(), id).await?;
        let mail = guildhall_store::notify::for_person(self.db(), id).await?;
        let requests = q::membership_requests_of(self.db(), id).await?;
        Ok(json!({
            "format": "guildhall-personal-data/1",
            "exported_at": self.now(),
            "person": {
                "id": p.id, "email": p.email, "name": p.name, "language": p.language,
                "category": p.category, "email_confirmed_at": p.email_confirmed_at,
                "created_at": p.created_at, "updated_at": p.updated_at,
            },
            "organisations": orgs.iter().map(|o| json!({ "id": o.id, "code": o.code, "kind": o.kind })).collect::<Vec<_>>(),
            "roles": roles.iter().map(|r| json!({ "role": r.role, "organisation": r.organisation_id, "since": r.created_at })).collect::<Vec<_>>(),
            "sessions": sessions.iter().map(|s| json!({ "created_at": s.created_at, "last_seen_at": s.last_seen_at, "ip": s.ip, "user_agent": s.user_agent })).collect::<Vec<_>>(),
            "api_tokens": tokens.iter().map(|t| json!({ "name": t.name, "prefix": t.prefix, "created_at": t.created_at, "last_used_at": t.last_used_at, "revoked_at": t.revoked_at })).collect::<Vec<_>>(),
            "activity": audit.iter().map(|a| json!({ "at": a.at, "action": a.action, "object_type": a.object_type, "object_id": a.object_id, "ip": a.ip })).collect::<Vec<_>>(),
            "membership_requests": requests.iter().map(|r| json!({ "organisation": r.organisation_id, "kind": r.kind, "created_at": r.created_at, "decision": r.decision, "decided_at": r.decided_at })).collect::<Vec<_>>(),
            // The body shown is the one without secrets: a link that logs in, confirms or
            // resets never leaves the outbox except in the delivered message.
            "messages": mail.iter().map(|m| json!({ "at": m.created_at, "to": m.to_address, "subject": m.subject, "body": m.body, "status": m.status })).collect::<Vec<_>>(),
        }))
    }

    /// Erases a person: their name, address, password, sessions, tokens, memberships and roles
    /// go; the account row stays, pseudonymised, so that legal records (certificates, the
    /// hours ledger, the audit log) that refer to it stay whole.
    pub async fn erase_person(
        &self,
        actor: &Actor,
        target: PersonId,
        confirm_password: Option<&str>,
        meta: &Meta,
    ) -> Result<()> {
        let p = q::find_person(self.db(), target.0)
            .await?
            .ok_or(Error::NotFound)?;
        let (_, paths) = self.membership_paths(target).await?;
        if !policy::may_view_person(actor, target, &paths) {
            return Err(Error::NotFound);
        }
        if !policy::may_erase(actor, target, &paths) {
            return Err(Error::Forbidden);
        }
        if p.erased_at.is_some() {
            return Err(Error::conflict("person_erased"));
        }
        if actor.id == target {
            let ok = match confirm_password {
                Some(pw) => verify_password(pw.to_owned(), p.password_hash.clone()).await,
                None => false,
            };
            if !ok {
                return Err(Error::invalid_field("current_password", "password_wrong"));
            }
        }
        let now = self.now();
        let placeholder = format!("erased-{}@erased.invalid", target.0.simple());
        let tx = begin_write(self.writer()).await?;
        q::delete_sessions_of(&tx, target.0, None).await?;
        q::delete_tokens_of(&tx, target.0).await?;
        q::delete_email_tokens_of(&tx, target.0).await?;
        q::delete_assignments_of(&tx, target.0).await?;
        q::delete_memberships_of(&tx, target.0).await?;
        q::withdraw_requests_of(&tx, target.0, now).await?;
        guildhall_store::notify::erase_person(&tx, target.0, &placeholder).await?;
        let mut am = p.into_active_model();
        am.name = Set(String::new());
        am.email = Set(placeholder);
        am.password_hash = Set(None);
        am.erased_at = Set(Some(now));
        am.updated_at = Set(now);
        q::update_person(&tx, am).await?;
        self.audit(
            &tx,
            Some(actor.id),
            meta,
            Change::new("person.erase", "person", target),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
