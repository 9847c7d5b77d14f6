//! Accounts, in four parts: registration and joining organisations (`registration`),
//! log-in, sessions, API tokens and passwords (`auth`, with its limits in `throttle`),
//! profiles, people and roles (`people`), and personal-data export and erasure (`privacy`).
//!
//! Secrets given to people (cookies, tokens, links in mail) are stored only as digests. A
//! link in a mail is single-use, a newer link of the same purpose voids the older ones, and
//! the outbox keeps the link only until the mail is delivered. Answers never tell a stranger
//! whether an address has an account.

use chrono::{DateTime, Duration, Utc};
use guildhall_domain::identity::{self as rules, Email, LearnerCategory, Role};
use guildhall_domain::org::ROOT_PATH;
use guildhall_domain::{Lang, OrgId, PersonId, Problem, Problems, RoleAssignmentId, TokenId};
use guildhall_store::begin_write;
use guildhall_store::entities::{api_token, email_token, person, role_assignment};
use guildhall_store::identity as q;
use sea_orm::{IntoActiveModel, Set};
use serde_json::json;

use crate::actor::{AuthVia, Grant};
use crate::audit::Change;
use crate::crypto::{hash_password, random_token, sha256_hex};
use crate::org::OrgSummary;
use crate::{Actor, App, Caller, Error, Meta, Result};

mod auth;
mod people;
mod privacy;
mod registration;
mod throttle;

pub use auth::PasswordChanged;
pub use people::Created;
pub use registration::{MembershipRequestView, RequestKind};

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
    pub(crate) fn from_model(t: &api_token::Model) -> Self {
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
    /// The known-device mark for the browser to keep.
    pub device_mark: String,
    pub actor: Actor,
}

#[derive(Clone, Debug, Default)]
pub struct ProfileUpdate {
    pub name: String,
    pub lang: String,
    pub category: String,
}

pub(crate) fn parse_lang(p: &mut Problems, input: Option<&str>, default: Lang) -> Lang {
    match input.map(str::trim).filter(|s| !s.is_empty()) {
        None => default,
        Some(s) => Lang::parse(s).unwrap_or_else(|| {
            p.add("lang", Problem::new("language_unknown"));
            default
        }),
    }
}

pub(crate) fn parse_category(p: &mut Problems, input: &str) -> LearnerCategory {
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
                granted_by: r.granted_by.map(PersonId),
                granted_at: r.created_at,
            })
        })
        .collect()
}

pub(crate) fn actor_of(
    p: &person::Model,
    grants: &[role_assignment::Model],
    via: AuthVia,
) -> Actor {
    let v = PersonView::from_model(p);
    Actor {
        id: v.id,
        name: v.name,
        email: v.email,
        lang: v.lang,
        category: v.category,
        grants: grants_of(grants),
        created_by: p.created_by.map(PersonId),
        created_at: p.created_at,
        via,
    }
}

impl App {
    /// A new single-use link for `purpose`; the person's older unused links of the same
    /// purpose stop working.
    pub(crate) async fn new_email_token<C: sea_orm::ConnectionTrait>(
        &self,
        db: &C,
        person: PersonId,
        purpose: &str,
        valid_for: Duration,
    ) -> Result<String> {
        let token = random_token();
        let now = self.now();
        // Links that set a password void each other, whichever was sent last.
        let voids: &[&str] = if purpose == CONFIRM {
            &[CONFIRM]
        } else {
            &[RESET, INVITE]
        };
        q::void_email_tokens(db, person.0, voids, now).await?;
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
                        erased_at: None,
                        created_at: now,
                        updated_at: now,
                        created_by: None,
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

    /// Refreshes the database's planner statistics where the database does not do it itself
    /// (SQLite), through the writer, as it writes them.
    pub async fn keep_statistics(&self) -> Result<()> {
        guildhall_store::optimize(self.writer()).await?;
        Ok(())
    }

    /// Removes expired sessions and log-in throttles idle for a day (run periodically).
    pub async fn sweep_identity(&self) -> Result<()> {
        let now = self.now();
        q::delete_expired_sessions(self.db(), now).await?;
        q::prune_throttles(self.db(), now - Duration::days(1)).await?;
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
