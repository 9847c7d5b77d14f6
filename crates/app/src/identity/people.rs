//! Profiles, people administration (creating and inviting, memberships) and roles.

use chrono::Duration;
use guildhall_domain::identity::{self as rules, Email, Role};
use guildhall_domain::org::ROOT_PATH;
use guildhall_domain::{Lang, OrgId, PersonId, Problem, Problems, RoleAssignmentId};
use guildhall_store::entities::{organisation, person, role_assignment};
use guildhall_store::identity as q;
use guildhall_store::{Page, PageRequest, begin_write};
use sea_orm::{IntoActiveModel, Set};
use serde_json::json;

use super::{
    INVITE, NewPerson, PersonDetail, PersonView, ProfileUpdate, RoleView, actor_of, parse_category,
    parse_lang,
};
use crate::actor::AuthVia;
use crate::audit::Change;
use crate::crypto::hash_password;
use crate::notify::Mail;
use crate::org::{OrgSummary, node};
use crate::policy::{self, OrgNode};
use crate::{Actor, App, Error, Meta, Result};

/// What creating a person did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Created {
    /// The account exists and is a member of the organisations.
    Person(PersonId),
    /// The address's owner was invited to the organisations.
    Invited,
}

/// Organisation names for a message, in the recipient's language.
pub(crate) fn org_names(orgs: &[organisation::Model], lang: Lang) -> String {
    orgs.iter()
        .map(|o| OrgSummary::from_model(o, lang).name)
        .collect::<Vec<_>>()
        .join(", ")
}

impl App {
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

    /// Creates an account for someone else, in the given organisations.
    ///
    /// A platform administrator, who sees everyone, gets the account at once (with a
    /// password if one is given) or hears that the address is taken. Anyone else invites:
    /// the address's owner becomes a member when they accept, whether the address was new
    /// (they choose a password from the invitation) or already had an account elsewhere
    /// (they accept in their account). The answer is the same in both cases, so creating
    /// people tells nobody who has an account outside their scope; an address already in
    /// the creator's scope is refused as taken, since they can see that person anyway.
    pub async fn create_person(
        &self,
        actor: &Actor,
        input: NewPerson,
        meta: &Meta,
    ) -> Result<Created> {
        let mut p = Problems::new();
        let name = p.check("name", rules::check_name(&input.name));
        let email = p.check("email", Email::parse(&input.email));
        let lang = parse_lang(&mut p, input.lang.as_deref(), self.config().default_lang);
        let category = parse_category(&mut p, &input.category);
        let direct = policy::sees_everyone(actor);
        if let Some(pw) = &input.password {
            if direct {
                p.check("password", rules::check_password(pw));
            } else {
                p.add("password", Problem::new("password_chosen_by_person"));
            }
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
        if !direct && orgs.is_empty() {
            p.add("organisations", Problem::new("organisation_required"));
        }
        p.into_result()?;
        let (Some(name), Some(email)) = (name, email) else {
            return Err(Error::Internal("validated fields missing".into()));
        };
        let hash = match &input.password {
            Some(pw) if direct => Some(hash_password(pw.clone()).await?),
            _ => None,
        };
        let now = self.now();
        let tx = begin_write(self.writer()).await?;
        if let Some(existing) = q::find_person_by_email(&tx, email.as_str()).await? {
            let (_, paths) = self.membership_paths(PersonId(existing.id)).await?;
            if direct || policy::may_view_person(actor, PersonId(existing.id), &paths) {
                return Err(Error::Conflict(Problem::new("email_taken")));
            }
            // Someone outside the creator's scope: they are asked, and the creator is told
            // exactly what a new address would tell them.
            let lang = Lang::parse(&existing.language).unwrap_or(Lang::En);
            let mut invited = false;
            for o in &orgs {
                invited |= self.invite(&tx, actor, PersonId(existing.id), o).await?;
            }
            if invited {
                self.queue_mail(
                    &tx,
                    Mail::to_person(PersonId(existing.id), &existing.email, lang)
                        .subject("mail-invite-existing-subject")
                        .body("mail-invite-existing-body")
                        .arg("name", &existing.name)
                        .arg("inviter", &actor.name)
                        .arg("organisations", org_names(&orgs, lang))
                        .arg("link", self.link("/invitations")),
                )
                .await?;
            }
            self.audit(
                &tx,
                Some(actor.id),
                meta,
                Change::new("person.invite", "person", existing.id)
                    .scope(orgs.first().map(|o| o.path.clone()))
                    .details(json!({ "organisations": ids })),
            )
            .await?;
            tx.commit().await?;
            return Ok(Created::Invited);
        }
        let id = PersonId::new();
        let with_password = hash.is_some();
        q::insert_person(
            &tx,
            person::Model {
                id: id.0,
                email: email.as_str().to_owned(),
                name: name.clone(),
                password_hash: hash,
                language: lang.code().to_owned(),
                category: category.as_str().to_owned(),
                email_confirmed_at: with_password.then_some(now),
                erased_at: None,
                created_at: now,
                updated_at: now,
                created_by: Some(actor.id.0),
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
        if direct {
            for o in &orgs {
                self.join(&tx, id, o, Some(actor.id)).await?;
            }
        } else {
            for o in &orgs {
                self.invite(&tx, actor, id, o).await?;
            }
        }
        if !with_password {
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
                    .arg("organisations", org_names(&orgs, lang))
                    .secret_arg("link", self.link(&format!("/password/reset/{token}"))),
            )
            .await?;
        }
        self.audit(
            &tx,
            Some(actor.id),
            meta,
            Change::new(
                if direct {
                    "person.create"
                } else {
                    "person.invite"
                },
                "person",
                id,
            )
            .scope(orgs.first().map(|o| o.path.clone()))
            .details(json!({ "organisations": ids, "invited": !with_password })),
        )
        .await?;
        tx.commit().await?;
        Ok(if direct {
            Created::Person(id)
        } else {
            Created::Invited
        })
    }

    /// Makes a person a member of an organisation, as a learner there, inside the caller's
    /// transaction (`by`: who let them in).
    pub(crate) async fn join<C: sea_orm::ConnectionTrait>(
        &self,
        db: &C,
        person: PersonId,
        o: &organisation::Model,
        by: Option<PersonId>,
    ) -> Result<()> {
        let now = self.now();
        q::add_membership(db, person.0, o.id, now).await?;
        if q::find_assignment_for(db, person.0, Role::Learner.as_str(), &o.path)
            .await?
            .is_none()
        {
            q::insert_assignment(
                db,
                role_assignment::Model {
                    id: RoleAssignmentId::new().0,
                    person_id: person.0,
                    role: Role::Learner.as_str().to_owned(),
                    organisation_id: Some(o.id),
                    scope_path: o.path.clone(),
                    granted_by: by.map(|b| b.0),
                    created_at: now,
                },
            )
            .await?;
        }
        Ok(())
    }

    /// The people who decide `subject`'s matters with one of `roles`: for each organisation
    /// the subject belongs to, the nearest level of holders of those roles over it among whom
    /// someone is independent of the subject (see `policy::independent_of`), and those
    /// independent holders. Someone who belongs nowhere is decided by platform
    /// administrators.
    pub(crate) async fn deciders_for<C: sea_orm::ConnectionTrait>(
        &self,
        db: &C,
        subject: PersonId,
        roles: &[Role],
    ) -> Result<Vec<person::Model>> {
        let names: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
        let mut paths: Vec<String> = q::memberships_of(db, subject.0)
            .await?
            .into_iter()
            .map(|o| o.path)
            .collect();
        if paths.is_empty() {
            paths.push(ROOT_PATH.to_owned());
        }
        let mut levels: Vec<Vec<role_assignment::Model>> = Vec::new();
        for path in &paths {
            let holders = q::holders_over(db, &names, path).await?;
            let mut by_level: Vec<Vec<role_assignment::Model>> = Vec::new();
            for h in holders {
                match by_level.last_mut() {
                    Some(l) if l[0].scope_path == h.scope_path => l.push(h),
                    _ => by_level.push(vec![h]),
                }
            }
            levels.extend(by_level);
        }
        let mut ids: Vec<uuid::Uuid> = levels.iter().flatten().map(|h| h.person_id).collect();
        ids.sort();
        ids.dedup();
        let people = q::find_people(db, &ids).await?;
        let grants = q::assignments_of_many(db, &ids).await?;
        let duties = self.duties();
        let independent = |id: uuid::Uuid| {
            people.iter().find(|p| p.id == id).is_some_and(|p| {
                let mine: Vec<role_assignment::Model> = grants
                    .iter()
                    .filter(|g| g.person_id == id)
                    .cloned()
                    .collect();
                p.erased_at.is_none()
                    && policy::independent_of(
                        &actor_of(p, &mine, AuthVia::Console),
                        subject,
                        &duties,
                    )
            })
        };
        let mut out: Vec<person::Model> = Vec::new();
        let mut decided_paths: Vec<&str> = Vec::new();
        for level in &levels {
            // Levels come nearest first for each membership in turn: once a membership has
            // its deciders, its farther levels are skipped.
            let reaches: Vec<&str> = paths
                .iter()
                .filter(|p| policy::within(p, &level[0].scope_path))
                .map(String::as_str)
                .collect();
            if reaches.iter().all(|p| decided_paths.contains(p)) {
                continue;
            }
            let found: Vec<&role_assignment::Model> =
                level.iter().filter(|h| independent(h.person_id)).collect();
            if found.is_empty() {
                continue;
            }
            decided_paths.extend(reaches);
            for h in found {
                if !out.iter().any(|p| p.id == h.person_id)
                    && let Some(p) = people.iter().find(|p| p.id == h.person_id)
                {
                    out.push(p.clone());
                }
            }
        }
        Ok(out)
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

    pub(crate) async fn membership_paths(
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

    /// Adds a person the caller can see to an organisation (as a learner there). Someone the
    /// caller cannot see is invited instead (see [`App::create_person`]).
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
        let (_, paths) = self.membership_paths(person).await?;
        if !policy::may_view_person(actor, person, &paths) {
            return Err(Error::NotFound);
        }
        let o = guildhall_store::org::find(self.db(), org.0)
            .await?
            .ok_or_else(|| Error::invalid_field("organisation", "organisation_unknown"))?;
        let Some(n) = node(&o) else {
            return Err(Error::NotFound);
        };
        if !policy::may_create_person(actor, &[n]) || target.erased_at.is_some() {
            return Err(Error::Forbidden);
        }
        let tx = begin_write(self.writer()).await?;
        self.join(&tx, person, &o, Some(actor.id)).await?;
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
}
