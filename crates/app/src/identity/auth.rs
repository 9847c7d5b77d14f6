//! Log-in and log-out, sessions, API tokens, and passwords (reset and change).

use chrono::Duration;
use guildhall_domain::identity::{self as rules, Email};
use guildhall_domain::{Lang, PersonId, Problem, Problems, TokenId};
use guildhall_store::begin_write;
use guildhall_store::entities::{api_token, auth_session, person};
use guildhall_store::identity as q;
use sea_orm::{IntoActiveModel, Set};
use serde_json::json;

use super::throttle::{self, Limit};
use super::{INVITE, LoggedIn, RESET, TOKEN_PREFIX, TokenView, actor_of, in_order};
use crate::actor::AuthVia;
use crate::audit::Change;
use crate::crypto::{hash_password, random_token, sha256_hex, verify_password};
use crate::notify::Mail;
use crate::{Actor, App, Error, Meta, Result};

/// What a new password ended elsewhere, so that the person can be told.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PasswordChanged {
    pub sessions_ended: u64,
    pub tokens_revoked: u64,
}

impl App {
    /// The limits an attempt to log in as `email` from `ip` must pass (see [`throttle`]).
    fn login_keys(&self, email: &str, ip: &str, known_device: bool) -> Vec<(String, Limit)> {
        let cfg = self.config();
        let max_delay = Duration::seconds(cfg.login_max_delay_secs);
        // The address first: an address that must wait reserves nothing else.
        let mut keys = vec![
            (
                throttle::address_key(ip),
                Limit {
                    free: cfg.login_free_attempts_per_address,
                    max_delay,
                },
            ),
            (
                throttle::pair_key(email, ip),
                Limit {
                    free: cfg.login_free_attempts,
                    max_delay,
                },
            ),
        ];
        if !known_device {
            keys.push((
                throttle::account_key(email),
                Limit {
                    free: cfg.login_free_attempts_per_account,
                    max_delay,
                },
            ));
        }
        keys
    }

    /// The mark a browser keeps after its owner logged in, which exempts it from the
    /// account-wide limit (an HMAC of the person's id).
    pub fn device_mark(&self, person: PersonId) -> String {
        format!(
            "{}.{}",
            person.0.simple(),
            crate::crypto::sign(self.secret(), &format!("device:{}", person.0))
        )
    }

    fn device_known(&self, person: PersonId, mark: Option<&str>) -> bool {
        mark.is_some_and(|m| crate::crypto::same(&self.device_mark(person), m))
    }

    /// Checks a password and opens a session. Every attempt first reserves its place under
    /// the limits, so parallel guesses are counted one by one; a wrong password, an address
    /// with no account and a person who must wait get the same answers whether or not the
    /// account exists.
    pub async fn login(&self, email: &str, password: &str, meta: &Meta) -> Result<LoggedIn> {
        let now = self.now();
        let ip = meta.ip.clone().unwrap_or_else(|| "unknown".to_owned());
        let email_norm = Email::parse(email)
            .map(Email::into_string)
            .unwrap_or_else(|_| {
                email
                    .trim()
                    .chars()
                    .take(254)
                    .collect::<String>()
                    .to_lowercase()
            });
        let found = q::find_person_by_email(self.db(), &email_norm)
            .await?
            .filter(|p| p.erased_at.is_none());
        let known = found
            .as_ref()
            .is_some_and(|p| self.device_known(PersonId(p.id), meta.device.as_deref()));
        let keys = self.login_keys(&email_norm, &ip, known);
        // The attempt takes its turn for a core first, so that a burst of log-ins from one
        // school's address holds no reservations while it queues.
        let turn = crate::crypto::hash_turn().await?;
        let reserved = self.reserve_attempts(&keys).await?;
        let hash = found.as_ref().and_then(|p| p.password_hash.clone());
        let ok = crate::crypto::verify_password_in(&turn, password.to_owned(), hash).await;
        drop(turn);
        let Some(p) = found.filter(|_| ok) else {
            // The attempt stays counted. The first time a key has to make someone wait, the
            // account's owner hears of it (at most once an hour).
            // Only the account's own keys (not the address's, shared by every account typed
            // from it) tell its owner.
            let starts_waiting = keys
                .iter()
                .zip(&reserved)
                .skip(1)
                .any(|((_, l), n)| *n == l.free);
            if starts_waiting
                && let Some(p) = q::find_person_by_email(self.db(), &email_norm).await?
                && p.erased_at.is_none()
                && self.claim_attempts_notice(&email_norm, now).await?
            {
                let lang = Lang::parse(&p.language).unwrap_or(Lang::En);
                let tx = begin_write(self.writer()).await?;
                self.queue_mail(
                    &tx,
                    Mail::to_person(PersonId(p.id), &p.email, lang)
                        .subject("mail-login-attempts-subject")
                        .body("mail-login-attempts-body")
                        .arg("name", &p.name)
                        .arg("address", ip.clone())
                        .arg("link", self.link("/password/forgot")),
                )
                .await?;
                self.audit(
                    &tx,
                    None,
                    meta,
                    Change::new("person.login_throttled", "person", PersonId(p.id)),
                )
                .await?;
                tx.commit().await?;
            }
            return Err(Error::refused("invalid_credentials"));
        };
        self.attempt_succeeded(&keys).await?;
        if p.email_confirmed_at.is_none() {
            // The right password of an address nobody has confirmed: the same answer as a
            // wrong one (else registering an address and logging in would tell whether it
            // was taken), and the confirmation link goes out again to whoever owns it.
            self.resend_confirmation(&p.email).await?;
            return Err(Error::refused("invalid_credentials"));
        }
        let token = random_token();
        let id_hash = sha256_hex(&token);
        let tx = begin_write(self.writer()).await?;
        q::insert_session(
            &tx,
            auth_session::Model {
                id_hash: id_hash.clone(),
                person_id: p.id,
                created_at: now,
                last_seen_at: now,
                expires_at: now + Duration::days(self.config().session_days),
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
            device_mark: self.device_mark(PersonId(p.id)),
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
                    .secret_arg("link", self.link(&format!("/password/reset/{token}"))),
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
    /// address; every session and API token of the person ends and every other link stops
    /// working. Invitations are accepted in the account afterwards, one by one (choosing a
    /// password says nothing about who invited).
    pub async fn reset_password(
        &self,
        token: &str,
        new_password: &str,
        meta: &Meta,
    ) -> Result<(PersonId, PasswordChanged)> {
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
        let first_password = p.password_hash.is_none();
        let mut am = p.clone().into_active_model();
        am.password_hash = Set(Some(hash));
        am.email_confirmed_at = Set(confirmed);
        am.updated_at = Set(now);
        q::update_person(&tx, am).await?;
        let changed = self
            .password_changed(&tx, &p, None, !first_password)
            .await?;
        self.audit(
            &tx,
            Some(PersonId(t.person_id)),
            meta,
            Change::new("person.password_reset", "person", PersonId(t.person_id))
                .details(json!({ "sessions_ended": changed.sessions_ended, "tokens_revoked": changed.tokens_revoked })),
        )
        .await?;
        tx.commit().await?;
        Ok((PersonId(t.person_id), changed))
    }

    /// What follows a new password, inside its transaction: the person's other sessions
    /// end, their API tokens are revoked, their unused reset and invitation links stop
    /// working, and (for a change, not a first password) they are told by mail.
    async fn password_changed<C: sea_orm::ConnectionTrait>(
        &self,
        db: &C,
        p: &person::Model,
        keep_session: Option<&str>,
        tell: bool,
    ) -> Result<PasswordChanged> {
        let now = self.now();
        let sessions_ended = q::delete_sessions_of(db, p.id, keep_session).await?;
        let tokens_revoked = q::revoke_tokens_of(db, p.id, now).await?;
        q::void_email_tokens(db, p.id, &[RESET, INVITE], now).await?;
        if tell {
            let lang = Lang::parse(&p.language).unwrap_or(Lang::En);
            self.queue_mail(
                db,
                Mail::to_person(PersonId(p.id), &p.email, lang)
                    .subject("mail-password-changed-subject")
                    .body("mail-password-changed-body")
                    .arg("name", &p.name)
                    .num("sessions", sessions_ended as f64)
                    .num("tokens", tokens_revoked as f64)
                    .arg("link", self.link("/password/forgot")),
            )
            .await?;
        }
        Ok(PasswordChanged {
            sessions_ended,
            tokens_revoked,
        })
    }

    /// Changes the caller's password. The session it was changed from stays; every other
    /// session and every API token ends.
    pub async fn change_password(
        &self,
        actor: &Actor,
        current: &str,
        new_password: &str,
        meta: &Meta,
    ) -> Result<PasswordChanged> {
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
        let mut am = p.clone().into_active_model();
        am.password_hash = Set(Some(hash));
        am.updated_at = Set(now);
        q::update_person(&tx, am).await?;
        let keep = match &actor.via {
            AuthVia::Session(h) => Some(h.as_str()),
            _ => None,
        };
        let changed = self.password_changed(&tx, &p, keep, true).await?;
        self.audit(
            &tx,
            Some(actor.id),
            meta,
            Change::new("person.password_change", "person", actor.id)
                .details(json!({ "sessions_ended": changed.sessions_ended, "tokens_revoked": changed.tokens_revoked })),
        )
        .await?;
        tx.commit().await?;
        Ok(changed)
    }

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
}
