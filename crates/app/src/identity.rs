//! Accounts: registration and confirmation, log-in and its limits, sessions and API tokens,
//! password reset, profiles, people administration, roles, personal-data export and erasure.
//!
//! Log-in is limited twice: per account (after `lock_after_failures` failures in a row the
//! account is locked for `lock_minutes`) and per address (`max_failures_per_ip` failures
//! within the same window make the address wait). Both counters live in the database, so
//! every instance enforces the same limits.

use chrono::{DateTime, Duration, Utc};
use guildhall_domain::identity::{self as rules, Email, LearnerCategory, Role};
use guildhall_domain::org::{OrgKind, ROOT_PATH};
use guildhall_domain::{Lang, OrgId, PersonId, Problem, Problems, RoleAssignmentId, TokenId};
use guildhall_store::entities::{
    api_token, auth_session, email_token, organisation, person, role_assignment,
};
use guildhall_store::identity as q;
use guildhall_store::{Page, PageRequest, begin_write};
use sea_orm::{IntoActiveModel, Set};
use serde_json::json;

use crate::actor::{AuthVia, Grant};
use crate::audit::Change;
use crate::crypto::{hash_password, random_token, sha256_hex, verify_password};
use crate::notify::Mail;
use crate::org::{OrgSummary, node};
use crate::policy::{self, OrgNode};
use crate::{Actor, App, Caller, Error, Meta, Result};

const CONFIRM: &str = "confirm";
const RESET: &str = "reset";
const INVITE: &str = "invite";
/// Bearer tokens carry this prefix so that leaked ones are easy to recognise.
pub const TOKEN_PREFIX: &str = "gh_";

/// A new account, as typed into the registration form.
#[derive(Clone, Debug, Default)]
pub struct Registration {
    pub name: String,
    pub email: String,
    pub password: String,
    pub lang: Option<String>,
    pub category: String,
    pub organisation: Option<OrgId>,
}

/// An account created by an administrator or coordinator.
#[derive(Clone, Debug, Default)]
pub struct NewPerson {
    pub name: String,
    pub email: String,
    pub category: String,
    pub lang: Option<String>,
    pub organisations: Vec<OrgId>,
    /// Without one, the person gets an invitation to choose their own.
    pub password: Option<String>,
}

/// A person as others see them.
#[derive(Clone, Debug)]
pub struct PersonView {
    pub id: PersonId,
    pub name: String,
    pub email: String,
    pub lang: Lang,
    pub category: LearnerCategory,
    pub confirmed: bool,
    pub locked_until: Option<DateTime<Utc>>,
    pub erased: bool,
    pub created_at: DateTime<Utc>,
}

impl PersonView {
    pub(crate) fn from_model(p: &person::Model) -> Self {
        PersonView {
            id: PersonId(p.id),
            name: p.name.clone(),
            email: p.email.clone(),
            lang: Lang::parse(&p.language).unwrap_or(Lang::En),
            category: LearnerCategory::parse(&p.category).unwrap_or(LearnerCategory::Instructor),
            confirmed: p.email_confirmed_at.is_some(),
            locked_until: p.locked_until,
            erased: p.erased_at.is_some(),
            created_at: p.created_at,
        }
    }
}

/// A role held over an organisation, with the organisation's name for display.
#[derive(Clone, Debug)]
pub struct RoleView {
    pub id: RoleAssignmentId,
    pub role: Role,
    pub organisation: Option<OrgSummary>,
    pub created_at: DateTime<Utc>,
}

#[derive(Clone, Debug)]
pub struct PersonDetail {
    pub person: PersonView,
    pub organisations: Vec<OrgSummary>,
    pub roles: Vec<RoleView>,
    /// Whether the viewer may change this person's memberships and roles.
    pub manageable: bool,
    /// Whether the viewer may erase this person (from the people pages; people erase
    /// themselves from their profile).
    pub erasable: bool,
}

#[derive(Clone, Debug)]
pub struct TokenView {
    pub id: TokenId,
    pub name: String,
    pub prefix: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub expires_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl TokenView {
    fn from_model(t: &api_token::Model) -> Self {
        TokenView {
            id: TokenId(t.id),
            name: t.name.clone(),
            prefix: t.prefix.clone(),
            created_at: t.created_at,
            last_used_at: t.last_used_at,
            expires_at: t.expires_at,
            revoked_at: t.revoked_at,
        }
    }
}

/// A successful log-in: the secret for the cookie and who logged in.
#[derive(Debug)]
pub struct LoggedIn {
    pub session_token: String,
    pub actor: Actor,
}

#[derive(Clone, Debug, Default)]
pub struct ProfileUpdate {
    pub name: String,
    pub lang: String,
    pub category: String,
}

fn parse_lang(p: &mut Problems, input: Option<&str>, default: Lang) -> Lang {
    match input.map(str::trim).filter(|s| !s.is_empty()) {
        None => default,
        Some(s) => Lang::parse(s).unwrap_or_else(|| {
            p.add("lang", Problem::new("language_unknown"));
            default
        }),
    }
}

fn parse_category(p: &mut Problems, input: &str) -> LearnerCategory {
    LearnerCategory::parse(input.trim()).unwrap_or_else(|| {
        p.add(
            "category",
            if input.trim().is_empty() {
                Problem::new("category_required")
            } else {
                Problem::new("category_unknown")
            },
        );
        LearnerCategory::Instructor
    })
}

pub(crate) fn grants_of(rows: &[role_assignment::Model]) -> Vec<Grant> {
    rows.iter()
        .filter_map(|r| {
            Some(Grant {
                id: RoleAssignmentId(r.id),
                role: Role::parse(&r.role)?,
                org: r.organisation_id.map(OrgId),
                scope: r.scope_path.clone(),
            })
        })
        .collect()
}

fn actor_of(p: &person::Model, grants: &[role_assignment::Model], via: AuthVia) -> Actor {
    let v = PersonView::from_model(p);
    Actor {
        id: v.id,
        name: v.name,
        email: v.email,
        lang: v.lang,
        category: v.category,
        grants: grants_of(grants),
        via,
    }
}

impl App {
    async fn new_email_token<C: sea_orm::ConnectionTrait>(
        &self,
        db: &C,
        person: PersonId,
        purpose: &str,
        valid_for: Duration,
    ) -> Result<String> {
        let token = random_token();
        let now = self.now();
        q::insert_email_token(
            db,
            email_token::Model {
                token_hash: sha256_hex(&token),
                person_id: person.0,
                purpose: purpose.to_owned(),
                created_at: now,
                expires_at: now + valid_for,
                used_at: None,
            },
        )
        .await?;
        Ok(token)
    }

    /// Creates an account and sends the confirmation e-mail.
    pub async fn register(&self, input: Registration, meta: &Meta) -> Result<PersonId> {
        if !self.config().allow_registration {
            return Err(Error::refused("registration_closed"));
        }
        let mut p = Problems::new();
        let name = p.check("name", rules::check_name(&input.name));
        let email = p.check("email", Email::parse(&input.email));
        p.check("password", rules::check_password(&input.password));
        let lang = parse_lang(&mut p, input.lang.as_deref(), meta.lang);
        let category = parse_category(&mut p, &input.category);
        let org = match input.organisation {
            Some(id) => match guildhall_store::org::find(self.db(), id.0).await? {
                Some(o)
                    if matches!(
                        OrgKind::parse(&o.kind),
                        Some(OrgKind::Institution | OrgKind::Provider | OrgKind::Employer)
                    ) =>
                {
                    Some(o)
                }
                _ => {
                    p.add("organisation", Problem::new("organisation_unknown"));
                    None
                }
            },
            None => None,
        };
        p.into_result()?;
        let (Some(name), Some(email)) = (name, email) else {
            return Err(Error::Internal("validated fields missing".into()));
        };
        let hash = hash_password(input.password).await?;

        let now = self.now();
        let id = PersonId::new();
        let tx = begin_write(self.writer()).await?;
        if q::find_person_by_email(&tx, email.as_str())
            .await?
            .is_some()
        {
            return Err(Error::Conflict(Problem::new("email_taken")));
        }
        let inserted = q::insert_person(
            &tx,
            person::Model {
                id: id.0,
                email: email.as_str().to_owned(),
                name: name.clone(),
                password_hash: Some(hash),
                language: lang.code().to_owned(),
                category: category.as_str().to_owned(),
                email_confirmed_at: None,
                failed_logins: 0,
                locked_until: None,
                erased_at: None,
                created_at: now,
                updated_at: now,
            },
        )
        .await;
        match inserted {
            Err(e) if guildhall_store::is_unique_violation(&e) => {
                return Err(Error::Conflict(Problem::new("email_taken")));
            }
            other => other?,
        }
        let scope = match &org {
            Some(o) => {
                q::add_membership(&tx, id.0, o.id, now).await?;
                (Some(o.id), o.path.clone())
            }
            None => (None, ROOT_PATH.to_owned()),
        };
        q::insert_assignment(
            &tx,
            role_assignment::Model {
                id: RoleAssignmentId::new().0,
                person_id: id.0,
                role: Role::Learner.as_str().to_owned(),
                organisation_id: scope.0,
                scope_path: scope.1,
                granted_by: None,
                created_at: now,
            },
        )
        .await?;
        let token = self
            .new_email_token(&tx, id, CONFIRM, Duration::days(3))
            .await?;
        self.queue_mail(
            &tx,
            Mail::to_person(id, email.as_str(), lang)
                .subject("mail-confirm-subject")
                .body("mail-confirm-body")
                .arg("name", &name)
                .arg("link", self.link(&format!("/confirm/{token}"))),
        )
        .await?;
        self.audit(
            &tx,
            None,
            meta,
            Change::new("person.register", "person", id)
                .details(json!({ "organisation": org.map(|o| o.id) })),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Confirms an e-mail address with the link from the confirmation mail.
    pub async fn confirm_email(&self, token: &str, meta: &Meta) -> Result<PersonId> {
        let now = self.now();
        let tx = begin_write(self.writer()).await?;
        let Some(t) = q::use_email_token(&tx, &sha256_hex(token), &[CONFIRM], now).await? else {
            return Err(Error::refused("link_invalid"));
        };
        let Some(p) = q::find_person(&tx, t.person_id).await? else {
            return Err(Error::refused("link_invalid"));
        };
        if p.email_confirmed_at.is_none() {
            let mut am = p.into_active_model();
            am.email_confirmed_at = Set(Some(now));
            am.updated_at = Set(now);
            q::update_person(&tx, am).await?;
        }
        self.audit(
            &tx,
            None,
            meta,
            Change::new("person.confirm_email", "person", PersonId(t.person_id)),
        )
        .await?;
        tx.commit().await?;
        Ok(PersonId(t.person_id))
    }

    /// Sends a new confirmation link, if the address belongs to an unconfirmed account. Says
    /// nothing either way, so it cannot be used to find out who has an account.
    pub async fn resend_confirmation(&self, email: &str) -> Result<()> {
        let Ok(email) = Email::parse(email) else {
            return Ok(());
        };
        let tx = begin_write(self.writer()).await?;
        if let Some(p) = q::find_person_by_email(&tx, email.as_str()).await?
            && p.email_confirmed_at.is_none()
            && p.erased_at.is_none()
        {
            let token = self
                .new_email_token(&tx, PersonId(p.id), CONFIRM, Duration::days(3))
                .await?;
            let lang = Lang::parse(&p.language).unwrap_or(Lang::En);
            self.queue_mail(
                &tx,
                Mail::to_person(PersonId(p.id), &p.email, lang)
                    .subject("mail-confirm-subject")
                    .body("mail-confirm-body")
                    .arg("name", &p.name)
                    .arg("link", self.link(&format!("/confirm/{token}"))),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Checks a password and opens a session.
    pub async fn login(&self, email: &str, password: &str, meta: &Meta) -> Result<LoggedIn> {
        let now = self.now();
        let cfg = self.config();
        let window = Duration::minutes(cfg.lock_minutes);
        let ip = meta.ip.clone().unwrap_or_else(|| "unknown".to_owned());
        if q::failures_from_ip_since(self.db(), &ip, now - window).await? >= cfg.max_failures_per_ip
        {
            return Err(Error::RateLimited {
                retry_after_secs: window.num_seconds().unsigned_abs(),
            });
        }
        let email_norm = Email::parse(email)
            .map(Email::into_string)
            .unwrap_or_else(|_| email.trim().to_lowercase());
        let found = q::find_person_by_email(self.db(), &email_norm).await?;
        if let Some(p) = &found
            && let Some(until) = p.locked_until.filter(|u| *u > now)
        {
            let minutes = (until - now).num_minutes() + 1;
            return Err(Error::Refused(
                Problem::new("account_locked").num("minutes", minutes),
            ));
        }
        let hash = found.as_ref().and_then(|p| p.password_hash.clone());
        let ok = verify_password(password.to_owned(), hash).await;
        if !ok {
            let tx = begin_write(self.writer()).await?;
            q::record_login_failure(&tx, &email_norm, &ip, now).await?;
            let mut locked = false;
            if let Some(p) = &found {
                let failures = q::bump_failed_logins(&tx, p.id).await?;
                if failures >= cfg.lock_after_failures {
                    q::lock_person(&tx, p.id, now + window).await?;
                    self.audit(
                        &tx,
                        None,
                        meta,
                        Change::new("person.lock", "person", PersonId(p.id)),
                    )
                    .await?;
                    locked = true;
                }
            }
            tx.commit().await?;
            if locked {
                return Err(Error::Refused(
                    Problem::new("account_locked").num("minutes", cfg.lock_minutes),
                ));
            }
            return Err(Error::refused("invalid_credentials"));
        }
        let Some(p) = found else {
            return Err(Error::refused("invalid_credentials"));
        };
        if p.email_confirmed_at.is_none() {
            return Err(Error::refused("email_not_confirmed"));
        }
        let token = random_token();
        let id_hash = sha256_hex(&token);
        let tx = begin_write(self.writer()).await?;
        q::clear_failed_logins(&tx, p.id).await?;
        q::insert_session(
            &tx,
            auth_session::Model {
                id_hash: id_hash.clone(),
                person_id: p.id,
                created_at: now,
                last_seen_at: now,
                expires_at: now + Duration::days(cfg.session_days),
                ip: meta.ip.clone(),
                user_agent: meta
                    .user_agent
                    .as_ref()
                    .map(|u| u.chars().take(300).collect()),
            },
        )
        .await?;
        self.audit(
            &tx,
            Some(PersonId(p.id)),
            meta,
            Change::new("session.create", "person", PersonId(p.id)),
        )
        .await?;
        tx.commit().await?;
        let grants = q::assignments_of(self.db(), p.id).await?;
        Ok(LoggedIn {
            session_token: token,
            actor: actor_of(&p, &grants, AuthVia::Session(id_hash)),
        })
    }

    /// The person behind a session cookie, if the session is live. Extends the session when
    /// it is used, at most once an hour.
    pub async fn authenticate_session(&self, token: &str) -> Result<Option<Actor>> {
        let now = self.now();
        let id_hash = sha256_hex(token);
        let Some((s, p, grants)) = self
            .inner
            .session_lookups
            .ask(self, id_hash.clone(), |app, hashes| {
                Box::pin(async move {
                    let found = q::find_sessions_with_grants(app.db(), &hashes, app.now()).await?;
                    Ok(in_order(&hashes, found, |s| &s.id_hash))
                })
            })
            .await?
        else {
            return Ok(None);
        };
        if p.erased_at.is_some() {
            return Ok(None);
        }
        if now - s.last_seen_at > Duration::hours(1) {
            q::touch_session(
                self.db(),
                &id_hash,
                now,
                now + Duration::days(self.config().session_days),
            )
            .await?;
        }
        Ok(Some(actor_of(&p, &grants, AuthVia::Session(id_hash))))
    }

    /// Notes that a token was used; [`App::record_token_uses`] writes it down later, so that
    /// authenticating a request never waits for a write.
    fn token_used(&self, token: uuid::Uuid, at: chrono::DateTime<chrono::Utc>) {
        let mut uses = self
            .inner
            .token_uses
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        uses.insert(token, at);
    }

    /// Writes the tokens' last use noted since the last call, in one statement per distinct
    /// time. Run by a periodic job and before tokens are listed.
    pub async fn record_token_uses(&self) -> Result<()> {
        let uses = std::mem::take(
            &mut *self
                .inner
                .token_uses
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        );
        if uses.is_empty() {
            return Ok(());
        }
        // One time for all: the latest; last use is kept to the nearest few seconds.
        let at = uses.values().max().copied().unwrap_or_else(|| self.now());
        let ids: Vec<uuid::Uuid> = uses.into_keys().collect();
        let tx = guildhall_store::begin_write(self.writer()).await?;
        for chunk in ids.chunks(1000) {
            q::touch_tokens(&tx, chunk, at).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The person behind a bearer token, if the token is live.
    pub async fn authenticate_token(&self, token: &str) -> Result<Option<Actor>> {
        if !token.starts_with(TOKEN_PREFIX) {
            return Ok(None);
        }
        let now = self.now();
        let Some((t, p, grants)) = self
            .inner
            .token_lookups
            .ask(self, sha256_hex(token), |app, hashes| {
                Box::pin(async move {
                    let found =
                        q::find_live_tokens_with_grants(app.db(), &hashes, app.now()).await?;
                    Ok(in_order(&hashes, found, |t| &t.token_hash))
                })
            })
            .await?
        else {
            return Ok(None);
        };
        if p.erased_at.is_some() || p.email_confirmed_at.is_none() {
            return Ok(None);
        }
        if t.last_used_at
            .is_none_or(|l| now - l > Duration::minutes(5))
        {
            self.token_used(t.id, now);
        }
        Ok(Some(actor_of(&p, &grants, AuthVia::Token(TokenId(t.id)))))
    }

    /// Acts as a person from the command line.
    pub async fn console_actor(&self, email: &str) -> Result<Actor> {
        let email =
            Email::parse(email).map_err(|p| Error::Invalid(Problems::single("email", p)))?;
        let p = q::find_person_by_email(self.db(), email.as_str())
            .await?
            .ok_or(Error::NotFound)?;
        let grants = q::assignments_of(self.db(), p.id).await?;
        Ok(actor_of(&p, &grants, AuthVia::Console))
    }

    pub async fn logout(&self, actor: &Actor, meta: &Meta) -> Result<()> {
        if let AuthVia::Session(id_hash) = &actor.via {
            let tx = begin_write(self.writer()).await?;
            q::delete_session(&tx, id_hash).await?;
            self.audit(
                &tx,
                Some(actor.id),
                meta,
                Change::new("session.delete", "person", actor.id),
            )
            .await?;
            tx.commit().await?;
        }
        Ok(())
    }

    /// Sends a password-reset link if the address has an account; says nothing either way.
    pub async fn request_password_reset(&self, email: &str, meta: &Meta) -> Result<()> {
        let Ok(email) = Email::parse(email) else {
            return Ok(());
        };
        let tx = begin_write(self.writer()).await?;
        if let Some(p) = q::find_person_by_email(&tx, email.as_str()).await?
            && p.erased_at.is_none()
        {
            let token = self
                .new_email_token(&tx, PersonId(p.id), RESET, Duration::hours(2))
                .await?;
            let lang = Lang::parse(&p.language).unwrap_or(Lang::En);
            self.queue_mail(
                &tx,
                Mail::to_person(PersonId(p.id), &p.email, lang)
                    .subject("mail-reset-subject")
                    .body("mail-reset-body")
                    .arg("name", &p.name)
                    .arg("link", self.link(&format!("/password/reset/{token}"))),
            )
            .await?;
            self.audit(
                &tx,
                None,
                meta,
                Change::new("person.reset_requested", "person", PersonId(p.id)),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Whether a reset or invitation link is still usable.
    pub async fn reset_link_valid(&self, token: &str) -> Result<bool> {
        Ok(
            q::peek_email_token(self.db(), &sha256_hex(token), &[RESET, INVITE], self.now())
                .await?
                .is_some(),
        )
    }

    /// Sets a new password with a reset or invitation link. The link also proves the e-mail
    /// address, and every existing session of the person ends.
    pub async fn reset_password(
        &self,
        token: &str,
        new_password: &str,
        meta: &Meta,
    ) -> Result<PersonId> {
        rules::check_password(new_password)
            .map_err(|p| Error::Invalid(Problems::single("password", p)))?;
        let hash = hash_password(new_password.to_owned()).await?;
        let now = self.now();
        let tx = begin_write(self.writer()).await?;
        let Some(t) = q::use_email_token(&tx, &sha256_hex(token), &[RESET, INVITE], now).await?
        else {
            return Err(Error::refused("link_invalid"));
        };
        let Some(p) = q::find_person(&tx, t.person_id).await? else {
            return Err(Error::refused("link_invalid"));
        };
        let confirmed = p.email_confirmed_at.or(Some(now));
        let mut am = p.into_active_model();
        am.password_hash = Set(Some(hash));
        am.email_confirmed_at = Set(confirmed);
        am.failed_logins = Set(0);
        am.locked_until = Set(None);
        am.updated_at = Set(now);
        q::update_person(&tx, am).await?;
        q::delete_sessions_of(&tx, t.person_id, None).await?;
        self.audit(
            &tx,
            Some(PersonId(t.person_id)),
            meta,
            Change::new("person.password_reset", "person", PersonId(t.person_id)),
        )
        .await?;
        tx.commit().await?;
        Ok(PersonId(t.person_id))
    }

    pub async fn change_password(
        &self,
        actor: &Actor,
        current: &str,
        new_password: &str,
        meta: &Meta,
    ) -> Result<()> {
        let p = q::find_person(self.db(), actor.id.0)
            .await?
            .ok_or(Error::NotFound)?;
        if !verify_password(current.to_owned(), p.password_hash.clone()).await {
            return Err(Error::invalid_field("current_password", "password_wrong"));
        }
        rules::check_password(new_password)
            .map_err(|p| Error::Invalid(Problems::single("password", p)))?;
        let hash = hash_password(new_password.to_owned()).await?;
        let now = self.now();
        let tx = begin_write(self.writer()).await?;
        let mut am = p.into_active_model();
        am.password_hash = Set(Some(hash));
        am.updated_at = Set(now);
        q::update_person(&tx, am).await?;
        let keep = match &actor.via {
            AuthVia::Session(h) => Some(h.as_str()),
            _ => None,
        };
        q::delete_sessions_of(&tx, actor.id.0, keep).await?;
        self.audit(
            &tx,
            Some(actor.id),
            meta,
            Change::new("person.password_change", "person", actor.id),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn update_profile(
        &self,
        actor: &Actor,
        input: ProfileUpdate,
        meta: &Meta,
    ) -> Result<PersonView> {
        let mut p = Problems::new();
        let name = p.check("name", rules::check_name(&input.name));
        let lang = parse_lang(&mut p, Some(&input.lang), actor.lang);
        let category = parse_category(&mut p, &input.category);
        p.into_result()?;
        let name = name.unwrap_or_default();
        let now = self.now();
        let tx = begin_write(self.writer()).await?;
        let row = q::find_person(&tx, actor.id.0)
            .await?
            .ok_or(Error::NotFound)?;
        let mut changed = Vec::new();
        if row.name != name {
            changed.push("name");
        }
        if row.language != lang.code() {
            changed.push("language");
        }
        if row.category != category.as_str() {
            changed.push("category");
        }
        let mut am = row.into_active_model();
        am.name = Set(name);
        am.language = Set(lang.code().to_owned());
        am.category = Set(category.as_str().to_owned());
        am.updated_at = Set(now);
        let updated = q::update_person(&tx, am).await?;
        if !changed.is_empty() {
            self.audit(
                &tx,
                Some(actor.id),
                meta,
                Change::new("person.update", "person", actor.id)
                    .details(json!({ "fields": changed })),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(PersonView::from_model(&updated))
    }

    /// Changes only the interface language (the switcher on every page).
    pub async fn set_language(&self, actor: &Actor, lang: Lang) -> Result<()> {
        if actor.lang == lang {
            return Ok(());
        }
        let row = q::find_person(self.db(), actor.id.0)
            .await?
            .ok_or(Error::NotFound)?;
        let mut am = row.into_active_model();
        am.language = Set(lang.code().to_owned());
        am.updated_at = Set(self.now());
        q::update_person(self.db(), am).await?;
        Ok(())
    }

    // ---- API tokens ----

    /// Creates a token for the caller; the secret is returned once and never stored.
    pub async fn create_token(
        &self,
        actor: &Actor,
        name: &str,
        valid_days: Option<i64>,
        meta: &Meta,
    ) -> Result<(TokenView, String)> {
        let mut p = Problems::new();
        let name = p
            .check("name", rules::check_text(name, 100))
            .unwrap_or_default();
        let name = name.as_str();
        if let Some(d) = valid_days
            && !(1..=3650).contains(&d)
        {
            p.add(
                "valid_days",
                Problem::new("number_out_of_range")
                    .num("min", 1)
                    .num("max", 3650),
            );
        }
        p.into_result()?;
        let secret = format!("{TOKEN_PREFIX}{}", random_token());
        let now = self.now();
        let row = api_token::Model {
            id: TokenId::new().0,
            person_id: actor.id.0,
            name: name.to_owned(),
            token_hash: sha256_hex(&secret),
            prefix: secret.chars().take(TOKEN_PREFIX.len() + 6).collect(),
            created_at: now,
            last_used_at: None,
            expires_at: valid_days.map(|d| now + Duration::days(d)),
            revoked_at: None,
        };
        let tx = begin_write(self.writer()).await?;
        q::insert_token(&tx, row.clone()).await?;
        self.audit(
            &tx,
            Some(actor.id),
            meta,
            Change::new("token.create", "token", TokenId(row.id)),
        )
        .await?;
        tx.commit().await?;
        Ok((TokenView::from_model(&row), secret))
    }

    /// Issues a token for an e-mail address and password (the API's log-in).
    pub async fn token_for_credentials(
        &self,
        email: &str,
        password: &str,
        name: Option<&str>,
        meta: &Meta,
    ) -> Result<(TokenView, String)> {
        let logged_in = self.login(email, password, meta).await?;
        // The password check opened a browser session; an API client has no use for it.
        if let AuthVia::Session(h) = &logged_in.actor.via {
            q::delete_session(self.db(), h).await?;
        }
        self.create_token(&logged_in.actor, name.unwrap_or("API"), Some(90), meta)
            .await
    }

    pub async fn list_tokens(&self, actor: &Actor) -> Result<Vec<TokenView>> {
        self.record_token_uses().await?;
        Ok(q::tokens_of(self.db(), actor.id.0)
            .await?
            .iter()
            .map(TokenView::from_model)
            .collect())
    }

    /// Revokes one of the caller's own tokens. Someone else's token is "not found".
    pub async fn revoke_token(&self, actor: &Actor, id: TokenId, meta: &Meta) -> Result<()> {
        let t = q::find_token(self.db(), id.0)
            .await?
            .ok_or(Error::NotFound)?;
        if t.person_id != actor.id.0 {
            return Err(Error::NotFound);
        }
        let tx = begin_write(self.writer()).await?;
        q::revoke_token(&tx, id.0, self.now()).await?;
        self.audit(
            &tx,
            Some(actor.id),
            meta,
            Change::new("token.revoke", "token", id),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    // ---- people administration ----

    /// Creates an account for someone else, in the given organisations.
    pub async fn create_person(
        &self,
        actor: &Actor,
        input: NewPerson,
        meta: &Meta,
    ) -> Result<PersonId> {
        let mut p = Problems::new();
        let name = p.check("name", rules::check_name(&input.name));
        let email = p.check("email", Email::parse(&input.email));
        let lang = parse_lang(&mut p, input.lang.as_deref(), self.config().default_lang);
        let category = parse_category(&mut p, &input.category);
        if let Some(pw) = &input.password {
            p.check("password", rules::check_password(pw));
        }
        let mut ids = input.organisations.clone();
        ids.sort();
        ids.dedup();
        let orgs = guildhall_store::org::find_many(
            self.db(),
            &ids.iter().map(|o| o.0).collect::<Vec<_>>(),
        )
        .await?;
        if orgs.len() != ids.len() {
            p.add("organisations", Problem::new("organisation_unknown"));
        }
        let nodes: Vec<OrgNode<'_>> = orgs.iter().filter_map(node).collect();
        if !policy::may_create_person(actor, &nodes) {
            return Err(Error::Forbidden);
        }
        p.into_result()?;
        let (Some(name), Some(email)) = (name, email) else {
            return Err(Error::Internal("validated fields missing".into()));
        };
        let hash = match &input.password {
            Some(pw) => Some(hash_password(pw.clone()).await?),
            None => None,
        };
        let now = self.now();
        let id = PersonId::new();
        let tx = begin_write(self.writer()).await?;
        if q::find_person_by_email(&tx, email.as_str())
            .await?
            .is_some()
        {
            return Err(Error::Conflict(Problem::new("email_taken")));
        }
        let invited = hash.is_none();
        q::insert_person(
            &tx,
            person::Model {
                id: id.0,
                email: email.as_str().to_owned(),
                name: name.clone(),
                password_hash: hash,
                language: lang.code().to_owned(),
                category: category.as_str().to_owned(),
                email_confirmed_at: (!invited).then_some(now),
                failed_logins: 0,
                locked_until: None,
                erased_at: None,
                created_at: now,
                updated_at: now,
            },
        )
        .await
        .map_err(|e| {
            if guildhall_store::is_unique_violation(&e) {
                Error::conflict("email_taken")
            } else {
                e.into()
            }
        })?;
        for o in &orgs {
            q::add_membership(&tx, id.0, o.id, now).await?;
            q::insert_assignment(
                &tx,
                role_assignment::Model {
                    id: RoleAssignmentId::new().0,
                    person_id: id.0,
                    role: Role::Learner.as_str().to_owned(),
                    organisation_id: Some(o.id),
                    scope_path: o.path.clone(),
                    granted_by: Some(actor.id.0),
                    created_at: now,
                },
            )
            .await?;
        }
        if invited {
            let token = self
                .new_email_token(&tx, id, INVITE, Duration::days(14))
                .await?;
            self.queue_mail(
                &tx,
                Mail::to_person(id, email.as_str(), lang)
                    .subject("mail-invite-subject")
                    .body("mail-invite-body")
                    .arg("name", &name)
                    .arg("inviter", &actor.name)
                    .arg("link", self.link(&format!("/password/reset/{token}"))),
            )
            .await?;
        }
        self.audit(
            &tx,
            Some(actor.id),
            meta,
            Change::new("person.create", "person", id)
                .scope(orgs.first().map(|o| o.path.clone()))
                .details(json!({ "organisations": ids, "invited": invited })),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// People the caller may see, filtered.
    pub async fn list_people(
        &self,
        actor: &Actor,
        mut filter: q::PeopleFilter,
        page: PageRequest,
    ) -> Result<Page<PersonView>> {
        let scopes = policy::people_scopes(actor).ok_or(Error::Forbidden)?;
        filter.within = (scopes != [ROOT_PATH]).then_some(scopes);
        Ok(q::list_people(self.db(), &filter, page)
            .await?
            .map(|p| PersonView::from_model(&p)))
    }

    async fn membership_paths(
        &self,
        person: PersonId,
    ) -> Result<(Vec<organisation::Model>, Vec<String>)> {
        let orgs = q::memberships_of(self.db(), person.0).await?;
        let paths = orgs.iter().map(|o| o.path.clone()).collect();
        Ok((orgs, paths))
    }

    pub async fn get_person(&self, actor: &Actor, id: PersonId) -> Result<PersonDetail> {
        let p = q::find_person(self.db(), id.0)
            .await?
            .ok_or(Error::NotFound)?;
        let (orgs, paths) = self.membership_paths(id).await?;
        if !policy::may_view_person(actor, id, &paths) {
            return Err(Error::NotFound);
        }
        let assignments = q::assignments_of(self.db(), id.0).await?;
        let org_ids: Vec<_> = assignments
            .iter()
            .filter_map(|a| a.organisation_id)
            .collect();
        let role_orgs = guildhall_store::org::find_many(self.db(), &org_ids).await?;
        let lang = actor.lang;
        let roles = assignments
            .iter()
            .filter_map(|a| {
                Some(RoleView {
                    id: RoleAssignmentId(a.id),
                    role: Role::parse(&a.role)?,
                    organisation: a
                        .organisation_id
                        .and_then(|o| role_orgs.iter().find(|r| r.id == o))
                        .map(|o| OrgSummary::from_model(o, lang)),
                    created_at: a.created_at,
                })
            })
            .collect();
        Ok(PersonDetail {
            person: PersonView::from_model(&p),
            organisations: orgs
                .iter()
                .map(|o| OrgSummary::from_model(o, lang))
                .collect(),
            roles,
            manageable: policy::may_manage_person(actor, id, &paths),
            erasable: actor.id != id
                && p.erased_at.is_none()
                && policy::may_erase(actor, id, &paths),
        })
    }

    /// Adds a person to an organisation (as a learner there).
    pub async fn add_member(
        &self,
        actor: &Actor,
        person: PersonId,
        org: OrgId,
        meta: &Meta,
    ) -> Result<()> {
        let target = q::find_person(self.db(), person.0)
            .await?
            .ok_or(Error::NotFound)?;
        let o = guildhall_store::org::find(self.db(), org.0)
            .await?
            .ok_or_else(|| Error::invalid_field("organisation", "organisation_unknown"))?;
        let (_, paths) = self.membership_paths(person).await?;
        let Some(n) = node(&o) else {
            return Err(Error::NotFound);
        };
        let visible = policy::may_view_person(actor, person, &paths);
        if !(policy::may_create_person(actor, &[n]) && (paths.is_empty() || visible))
            || target.erased_at.is_some()
        {
            return Err(if visible {
                Error::Forbidden
            } else {
                Error::NotFound
            });
        }
        let now = self.now();
        let tx = begin_write(self.writer()).await?;
        q::add_membership(&tx, person.0, org.0, now).await?;
        if q::find_assignment_for(&tx, person.0, Role::Learner.as_str(), &o.path)
            .await?
            .is_none()
        {
            q::insert_assignment(
                &tx,
                role_assignment::Model {
                    id: RoleAssignmentId::new().0,
                    person_id: person.0,
                    role: Role::Learner.as_str().to_owned(),
                    organisation_id: Some(o.id),
                    scope_path: o.path.clone(),
                    granted_by: Some(actor.id.0),
                    created_at: now,
                },
            )
            .await?;
        }
        self.audit(
            &tx,
            Some(actor.id),
            meta,
            Change::new("membership.add", "person", person)
                .scope(Some(o.path.clone()))
                .details(json!({ "organisation": org })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn remove_member(
        &self,
        actor: &Actor,
        person: PersonId,
        org: OrgId,
        meta: &Meta,
    ) -> Result<()> {
        let (_, paths) = self.membership_paths(person).await?;
        if !policy::may_view_person(actor, person, &paths) {
            return Err(Error::NotFound);
        }
        let o = guildhall_store::org::find(self.db(), org.0)
            .await?
            .ok_or(Error::NotFound)?;
        let Some(n) = node(&o) else {
            return Err(Error::NotFound);
        };
        if !policy::may_create_person(actor, &[n]) {
            return Err(Error::Forbidden);
        }
        let tx = begin_write(self.writer()).await?;
        if !q::remove_membership(&tx, person.0, org.0).await? {
            return Err(Error::NotFound);
        }
        self.audit(
            &tx,
            Some(actor.id),
            meta,
            Change::new("membership.remove", "person", person)
                .scope(Some(o.path.clone()))
                .details(json!({ "organisation": org })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Gives a person a role over an organisation (`None`: the whole platform).
    pub async fn grant_role(
        &self,
        actor: &Actor,
        person: PersonId,
        role: &str,
        org: Option<OrgId>,
        meta: &Meta,
    ) -> Result<RoleAssignmentId> {
        let Some(role) = Role::parse(role.trim()) else {
            return Err(Error::invalid_field("role", "role_unknown"));
        };
        let target = q::find_person(self.db(), person.0)
            .await?
            .ok_or(Error::NotFound)?;
        let (_, paths) = self.membership_paths(person).await?;
        let visible = policy::may_view_person(actor, person, &paths) || actor.is_platform_admin();
        let o = match org {
            Some(id) => Some(
                guildhall_store::org::find(self.db(), id.0)
                    .await?
                    .ok_or_else(|| Error::invalid_field("organisation", "organisation_unknown"))?,
            ),
            None => None,
        };
        let n = o.as_ref().and_then(node);
        // A grant over an organisation also makes the grantor able to see the person, so a
        // head cannot reach into another institution's staff by granting them a role.
        if !visible || !policy::may_grant(actor, person, role, n.as_ref()) {
            return Err(if visible {
                Error::Forbidden
            } else {
                Error::NotFound
            });
        }
        if target.erased_at.is_some() {
            return Err(Error::conflict("person_erased"));
        }
        let scope = o
            .as_ref()
            .map_or_else(|| ROOT_PATH.to_owned(), |o| o.path.clone());
        let tx = begin_write(self.writer()).await?;
        if q::find_assignment_for(&tx, person.0, role.as_str(), &scope)
            .await?
            .is_some()
        {
            return Err(Error::conflict("role_already_held"));
        }
        let id = RoleAssignmentId::new();
        q::insert_assignment(
            &tx,
            role_assignment::Model {
                id: id.0,
                person_id: person.0,
                role: role.as_str().to_owned(),
                organisation_id: o.as_ref().map(|o| o.id),
                scope_path: scope.clone(),
                granted_by: Some(actor.id.0),
                created_at: self.now(),
            },
        )
        .await
        .map_err(|e| {
            if guildhall_store::is_unique_violation(&e) {
                Error::conflict("role_already_held")
            } else {
                e.into()
            }
        })?;
        self.audit(
            &tx,
            Some(actor.id),
            meta,
            Change::new("role.grant", "person", person)
                .scope(Some(scope))
                .details(json!({ "role": role.as_str(), "organisation": org, "assignment": id })),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn revoke_role(
        &self,
        actor: &Actor,
        assignment: RoleAssignmentId,
        meta: &Meta,
    ) -> Result<()> {
        let a = q::find_assignment(self.db(), assignment.0)
            .await?
            .ok_or(Error::NotFound)?;
        let holder = PersonId(a.person_id);
        let (_, paths) = self.membership_paths(holder).await?;
        if !policy::may_view_person(actor, holder, &paths) && !actor.is_platform_admin() {
            return Err(Error::NotFound);
        }
        let role = Role::parse(&a.role).ok_or(Error::NotFound)?;
        let o = match a.organisation_id {
            Some(id) => guildhall_store::org::find(self.db(), id).await?,
            None => None,
        };
        if !policy::may_revoke(actor, holder, role, o.as_ref().and_then(node).as_ref()) {
            return Err(Error::Forbidden);
        }
        let tx = begin_write(self.writer()).await?;
        if !q::delete_assignment(&tx, assignment.0).await? {
            return Err(Error::NotFound);
        }
        self.audit(
            &tx,
            Some(actor.id),
            meta,
            Change::new("role.revoke", "person", holder)
                .scope(Some(a.scope_path.clone()))
                .details(json!({ "role": a.role, "organisation": a.organisation_id, "assignment": assignment })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    // ---- personal data ----

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
        guildhall_store::notify::erase_person(&tx, target.0, &placeholder).await?;
        let mut am = p.into_active_model();
        am.name = Set(String::new());
        am.email = Set(placeholder);
        am.password_hash = Set(None);
        am.erased_at = Set(Some(now));
        am.locked_until = Set(None);
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

    /// Creates a platform administrator, or makes an existing account one (command line).
    pub async fn create_admin(
        &self,
        email: &str,
        password: &str,
        name: Option<&str>,
    ) -> Result<PersonId> {
        let mut p = Problems::new();
        let email = p.check("email", Email::parse(email));
        p.check("password", rules::check_password(password));
        p.into_result()?;
        let Some(email) = email else {
            return Err(Error::Internal("validated e-mail missing".into()));
        };
        let hash = hash_password(password.to_owned()).await?;
        let now = self.now();
        let tx = begin_write(self.writer()).await?;
        let id = match q::find_person_by_email(&tx, email.as_str()).await? {
            Some(existing) => {
                let id = PersonId(existing.id);
                let mut am = existing.into_active_model();
                am.password_hash = Set(Some(hash));
                am.email_confirmed_at = Set(Some(now));
                am.updated_at = Set(now);
                q::update_person(&tx, am).await?;
                id
            }
            None => {
                let id = PersonId::new();
                let name = name.map(str::to_owned).unwrap_or_else(|| {
                    email
                        .as_str()
                        .split('@')
                        .next()
                        .unwrap_or("admin")
                        .to_owned()
                });
                q::insert_person(
                    &tx,
                    person::Model {
                        id: id.0,
                        email: email.as_str().to_owned(),
                        name,
                        password_hash: Some(hash),
                        language: self.config().default_lang.code().to_owned(),
                        category: LearnerCategory::Trainer.as_str().to_owned(),
                        email_confirmed_at: Some(now),
                        failed_logins: 0,
                        locked_until: None,
                        erased_at: None,
                        created_at: now,
                        updated_at: now,
                    },
                )
                .await?;
                id
            }
        };
        if q::find_assignment_for(&tx, id.0, Role::Administrator.as_str(), ROOT_PATH)
            .await?
            .is_none()
        {
            q::insert_assignment(
                &tx,
                role_assignment::Model {
                    id: RoleAssignmentId::new().0,
                    person_id: id.0,
                    role: Role::Administrator.as_str().to_owned(),
                    organisation_id: None,
                    scope_path: ROOT_PATH.to_owned(),
                    granted_by: None,
                    created_at: now,
                },
            )
            .await?;
        }
        self.audit(
            &tx,
            None,
            &Meta::console(),
            Change::new("role.grant", "person", id)
                .scope(Some(ROOT_PATH.to_owned()))
                .details(json!({ "role": "administrator", "via": "console" })),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Removes expired sessions and old log-in failures (run periodically).
    /// Refreshes the database's planner statistics where the database does not do it itself
    /// (SQLite), through the writer, as it writes them.
    pub async fn keep_statistics(&self) -> Result<()> {
        guildhall_store::optimize(self.writer()).await?;
        Ok(())
    }

    pub async fn sweep_identity(&self) -> Result<()> {
        let now = self.now();
        q::delete_expired_sessions(self.db(), now).await?;
        q::prune_login_failures(self.db(), now - Duration::days(1)).await?;
        Ok(())
    }
}

/// Whether `caller` is signed in; a small helper for use cases open to everyone signed in.
pub fn signed_in(caller: &Caller) -> Result<&Actor> {
    caller.require()
}

/// What a batched lookup found, in the order of the digests asked for (`None` where nothing
/// live was found; a digest asked for twice gets the same answer twice).
fn in_order<T: Clone>(
    hashes: &[String],
    found: Vec<q::WithGrants<T>>,
    key: impl Fn(&T) -> &String,
) -> Vec<Option<q::WithGrants<T>>> {
    let by: std::collections::HashMap<&str, &q::WithGrants<T>> =
        found.iter().map(|f| (key(&f.0).as_str(), f)).collect();
    hashes
        .iter()
        .map(|h| by.get(h.as_str()).map(|f| (*f).clone()))
        .collect()
}
