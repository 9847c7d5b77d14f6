//! Registration, address confirmation, and joining organisations.
//!
//! Registration answers the same whether or not the address already has an account: a new
//! address gets a confirmation link, a known one a mail telling its owner someone tried to
//! register with it. Joining an organisation is a request the other side accepts: a
//! newcomer who names their institution asks it (its head, or the next level up, accepts),
//! and staff who invite someone ask that person. Until then the person is not a member, so
//! they count in nobody's figures.

use chrono::Duration;
use guildhall_domain::identity::{self as rules, Email, Role};
use guildhall_domain::org::{OrgKind, ROOT_PATH};
use guildhall_domain::{Lang, PersonId, Problem, Problems, RoleAssignmentId};
use guildhall_store::begin_write;
use guildhall_store::entities::{membership_request, organisation, person, role_assignment};
use guildhall_store::identity as q;
use sea_orm::{ConnectionTrait, IntoActiveModel, Set};
use serde_json::json;
use uuid::Uuid;

use super::{CONFIRM, Registration, parse_category, parse_lang};
use crate::audit::Change;
use crate::crypto::{hash_password, sha256_hex};
use crate::notify::Mail;
use crate::org::{OrgSummary, node};
use crate::{Actor, App, Error, Meta, Result, policy};

/// Who asks whom.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestKind {
    /// The person asks the organisation (from registration).
    Application,
    /// The organisation's staff ask the person.
    Invitation,
}

impl RequestKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RequestKind::Application => "application",
            RequestKind::Invitation => "invitation",
        }
    }

    fn parse(s: &str) -> RequestKind {
        if s == "invitation" {
            RequestKind::Invitation
        } else {
            RequestKind::Application
        }
    }
}

/// A request to join an organisation, as the side that decides it sees it.
#[derive(Clone, Debug)]
pub struct MembershipRequestView {
    pub id: Uuid,
    pub kind: RequestKind,
    /// The person's name and address: shown to those who decide an application, and to the
    /// person themselves; an invitation's sender sees only the address they typed.
    pub person_name: Option<String>,
    pub person_email: String,
    pub organisation: OrgSummary,
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// Whether the viewer may accept or decline it.
    pub decidable: bool,
}

impl App {
    /// Creates an account and sends the confirmation e-mail; or, when the address already
    /// has an account, tells its owner. The caller learns nothing either way.
    pub async fn register(&self, input: Registration, meta: &Meta) -> Result<()> {
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
        // Hashed whether or not the address is taken, so the answer takes as long.
        let hash = hash_password(input.password).await?;

        let now = self.now();
        let id = PersonId::new();
        let tx = begin_write(self.writer()).await?;
        if let Some(existing) = q::find_person_by_email(&tx, email.as_str()).await? {
            if existing.erased_at.is_none() {
                let lang = Lang::parse(&existing.language).unwrap_or(Lang::En);
                self.queue_mail(
                    &tx,
                    Mail::to_person(PersonId(existing.id), &existing.email, lang)
                        .subject("mail-register-existing-subject")
                        .body("mail-register-existing-body")
                        .arg("name", &existing.name)
                        .arg("login", self.link("/login"))
                        .arg("link", self.link("/password/forgot")),
                )
                .await?;
            }
            tx.commit().await?;
            return Ok(());
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
                erased_at: None,
                created_at: now,
                updated_at: now,
                created_by: None,
            },
        )
        .await;
        match inserted {
            // Someone registered the same address a moment ago: the same answer.
            Err(e) if guildhall_store::is_unique_violation(&e) => return Ok(()),
            other => other?,
        }
        q::insert_assignment(
            &tx,
            role_assignment::Model {
                id: RoleAssignmentId::new().0,
                person_id: id.0,
                role: Role::Learner.as_str().to_owned(),
                organisation_id: None,
                scope_path: ROOT_PATH.to_owned(),
                granted_by: None,
                created_at: now,
            },
        )
        .await?;
        // The application waits, unseen, until the address is confirmed: before that it
        // would tell the institution's staff whether an address they registered was free.
        if let Some(o) = &org {
            self.open_request(&tx, id, o, RequestKind::Application, None)
                .await?;
        }
        let token = self
            .new_email_token(&tx, id, CONFIRM, Duration::days(3))
            .await?;
        self.queue_mail(
            &tx,
            Mail::to_person(id, email.as_str(), lang)
                .subject("mail-confirm-subject")
                .body("mail-confirm-body")
                .arg("name", &name)
                .secret_arg("link", self.link(&format!("/confirm/{token}"))),
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
        Ok(())
    }

    /// Confirms an e-mail address with the link from the confirmation mail.
    pub async fn confirm_email(&self, token: &str, meta: &Meta) -> Result<PersonId> {
        let now = self.now();
        let tx = begin_write(self.writer()).await?;
        let Some(t) = q::use_email_token(&tx, &sha256_hex(token), &[CONFIRM], now).await? else {
            return Err(Error::refused("link_invalid"));
        };
        q::void_email_tokens(&tx, t.person_id, &[CONFIRM], now).await?;
        let Some(p) = q::find_person(&tx, t.person_id).await? else {
            return Err(Error::refused("link_invalid"));
        };
        if p.email_confirmed_at.is_none() {
            let name = p.name.clone();
            let mut am = p.into_active_model();
            am.email_confirmed_at = Set(Some(now));
            am.updated_at = Set(now);
            q::update_person(&tx, am).await?;
            // Now the institutions the person named hear of them.
            for r in q::membership_requests_of(&tx, t.person_id).await? {
                if r.decided_at.is_none()
                    && RequestKind::parse(&r.kind) == RequestKind::Application
                    && let Some(o) = guildhall_store::org::find(&tx, r.organisation_id).await?
                {
                    self.tell_deciders(&tx, PersonId(t.person_id), &name, &o)
                        .await?;
                }
            }
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

    /// Whether a confirmation link is still usable (to show the page that uses it).
    pub async fn confirm_link_valid(&self, token: &str) -> Result<bool> {
        Ok(
            q::peek_email_token(self.db(), &sha256_hex(token), &[CONFIRM], self.now())
                .await?
                .is_some(),
        )
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
                    .secret_arg("link", self.link(&format!("/confirm/{token}"))),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    // ---- joining organisations ----

    /// Those who decide whether a person joins an organisation hear that they asked.
    async fn tell_deciders<C: ConnectionTrait>(
        &self,
        db: &C,
        person: PersonId,
        name: &str,
        o: &organisation::Model,
    ) -> Result<()> {
        for decider in self.membership_deciders(db, person, o).await? {
            let lang = Lang::parse(&decider.language).unwrap_or(Lang::En);
            self.tell(
                db,
                &decider,
                "membership-requested",
                vec![
                    ("learner", name.to_owned()),
                    ("organisation", OrgSummary::from_model(o, lang).name),
                ],
                Some("/people/requests".into()),
            )
            .await?;
        }
        Ok(())
    }

    /// Staff invite a person to an organisation; `false` when an invitation was already open.
    pub(crate) async fn invite<C: ConnectionTrait>(
        &self,
        db: &C,
        actor: &Actor,
        person: PersonId,
        o: &organisation::Model,
    ) -> Result<bool> {
        self.open_request(db, person, o, RequestKind::Invitation, Some(actor.id))
            .await
    }

    async fn open_request<C: ConnectionTrait>(
        &self,
        db: &C,
        person: PersonId,
        o: &organisation::Model,
        kind: RequestKind,
        by: Option<PersonId>,
    ) -> Result<bool> {
        // At most one open request per person and organisation: the unique index decides
        // between two made at the same moment.
        q::insert_membership_request(
            db,
            membership_request::Model {
                id: Uuid::now_v7(),
                person_id: person.0,
                organisation_id: o.id,
                kind: kind.as_str().to_owned(),
                requested_by: by.map(|b| b.0),
                created_at: self.now(),
                decision: None,
                decided_by: None,
                decided_at: None,
                open_org: Some(o.id),
            },
        )
        .await
        .map_err(Error::from)
    }

    /// Who decides whether `person` joins `o`: the nearest holders of a staff role over it who
    /// are independent of the person.
    async fn membership_deciders<C: ConnectionTrait>(
        &self,
        db: &C,
        person: PersonId,
        o: &organisation::Model,
    ) -> Result<Vec<person::Model>> {
        let roles = [
            Role::InstitutionHead.as_str(),
            Role::RegionalCoordinator.as_str(),
            Role::Administrator.as_str(),
        ];
        let holders = q::holders_over(db, &roles, &o.path).await?;
        let Some(nearest) = holders.first().map(|h| h.scope_path.clone()) else {
            return Ok(Vec::new());
        };
        let ids: Vec<Uuid> = holders
            .iter()
            .filter(|h| h.scope_path == nearest && h.person_id != person.0)
            .map(|h| h.person_id)
            .collect();
        Ok(q::find_people(db, &ids)
            .await?
            .into_iter()
            .filter(|p| p.erased_at.is_none())
            .collect())
    }

    /// The invitations waiting for the caller, and their own applications still open.
    pub async fn my_membership_requests(
        &self,
        actor: &Actor,
    ) -> Result<Vec<MembershipRequestView>> {
        let rows: Vec<membership_request::Model> = q::membership_requests_of(self.db(), actor.id.0)
            .await?
            .into_iter()
            .filter(|r| r.decided_at.is_none())
            .collect();
        let orgs = guildhall_store::org::find_many(
            self.db(),
            &rows.iter().map(|r| r.organisation_id).collect::<Vec<_>>(),
        )
        .await?;
        Ok(rows
            .iter()
            .filter_map(|r| {
                let o = orgs.iter().find(|o| o.id == r.organisation_id)?;
                let kind = RequestKind::parse(&r.kind);
                Some(MembershipRequestView {
                    id: r.id,
                    kind,
                    person_name: Some(actor.name.clone()),
                    person_email: actor.email.clone(),
                    organisation: OrgSummary::from_model(o, actor.lang),
                    created_at: r.created_at,
                    decidable: kind == RequestKind::Invitation,
                })
            })
            .collect())
    }

    /// Open requests to join the organisations whose people the caller manages: applications
    /// they may accept, and the invitations sent from there that wait for an answer.
    pub async fn membership_requests_to_decide(
        &self,
        actor: &Actor,
    ) -> Result<Vec<MembershipRequestView>> {
        let Some(scopes) = policy::people_scopes(actor) else {
            return Err(Error::Forbidden);
        };
        let orgs: Vec<organisation::Model> = guildhall_store::org::all(self.db())
            .await?
            .into_iter()
            .filter(|o| scopes.iter().any(|s| policy::within(&o.path, s)))
            .collect();
        let rows =
            q::open_requests_for_orgs(self.db(), &orgs.iter().map(|o| o.id).collect::<Vec<_>>())
                .await?;
        // Someone who has not confirmed their address is not shown (see `register`).
        let people: Vec<person::Model> = q::find_people(
            self.db(),
            &rows.iter().map(|r| r.person_id).collect::<Vec<_>>(),
        )
        .await?
        .into_iter()
        .filter(|p| p.email_confirmed_at.is_some() && p.erased_at.is_none())
        .collect();
        let duties = self.duties();
        Ok(rows
            .iter()
            .filter_map(|r| {
                let o = orgs.iter().find(|o| o.id == r.organisation_id)?;
                let p = people.iter().find(|p| p.id == r.person_id)?;
                let kind = RequestKind::parse(&r.kind);
                let application = kind == RequestKind::Application;
                Some(MembershipRequestView {
                    id: r.id,
                    kind,
                    person_name: application.then(|| p.name.clone()),
                    person_email: p.email.clone(),
                    organisation: OrgSummary::from_model(o, actor.lang),
                    created_at: r.created_at,
                    decidable: application
                        && policy::may_decide_membership(actor, &o.path)
                        && policy::independent_of(actor, PersonId(p.id), &duties),
                })
            })
            .collect())
    }

    /// Accepts or declines a request: an application by those who manage the organisation's
    /// people (never their own), an invitation by the person invited.
    pub async fn decide_membership_request(
        &self,
        actor: &Actor,
        id: Uuid,
        accept: bool,
        meta: &Meta,
    ) -> Result<()> {
        let r = q::find_membership_request(self.db(), id)
            .await?
            .ok_or(Error::NotFound)?;
        let o = guildhall_store::org::find(self.db(), r.organisation_id)
            .await?
            .ok_or(Error::NotFound)?;
        let kind = RequestKind::parse(&r.kind);
        let person = PersonId(r.person_id);
        let authority = match kind {
            RequestKind::Invitation => {
                if person != actor.id {
                    return Err(Error::NotFound);
                }
                serde_json::Value::Null
            }
            RequestKind::Application => {
                let confirmed = q::find_person(self.db(), person.0)
                    .await?
                    .is_some_and(|p| p.email_confirmed_at.is_some());
                if !confirmed || !policy::may_decide_membership(actor, &o.path) {
                    return Err(Error::NotFound);
                }
                if !policy::independent_of(actor, person, &self.duties()) {
                    return Err(Error::refused("decision_goes_up"));
                }
                crate::audit::authority(policy::authority(
                    actor,
                    &[
                        Role::InstitutionHead,
                        Role::RegionalCoordinator,
                        Role::Administrator,
                    ],
                    std::slice::from_ref(&o.path),
                ))
            }
        };
        if node(&o).is_none() {
            return Err(Error::NotFound);
        }
        let now = self.now();
        let tx = begin_write(self.writer()).await?;
        let decision = if accept { "accepted" } else { "declined" };
        if !q::decide_membership_request(&tx, r.id, decision, Some(actor.id.0), now).await? {
            return Err(Error::conflict("request_decided"));
        }
        if accept {
            let by = match kind {
                RequestKind::Invitation => r.requested_by.map(PersonId),
                RequestKind::Application => Some(actor.id),
            };
            self.join(&tx, person, &o, by).await?;
        }
        if kind == RequestKind::Application
            && let Some(p) = q::find_person(&tx, person.0).await?
        {
            let lang = Lang::parse(&p.language).unwrap_or(Lang::En);
            self.tell(
                &tx,
                &p,
                if accept {
                    "membership-accepted"
                } else {
                    "membership-declined"
                },
                vec![("organisation", OrgSummary::from_model(&o, lang).name)],
                Some("/profile".into()),
            )
            .await?;
        }
        self.audit(
            &tx,
            Some(actor.id),
            meta,
            Change::new(
                if accept {
                    "membership.accept"
                } else {
                    "membership.decline"
                },
                "person",
                person,
            )
            .scope(Some(o.path.clone()))
            .details(
                json!({ "organisation": o.id, "kind": kind.as_str(), "authority": authority }),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
