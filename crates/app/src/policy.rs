//! Every permission decision on the platform.
//!
//! A role is held over an organisation node and holds for the whole subtree below it. Use
//! cases describe the object at hand (its place in the tree, its owner) and ask a function
//! here; handlers never decide on their own. The rules, in short:
//!
//! - An administrator manages everything inside their subtree; a platform administrator
//!   (granted over `/`) manages the platform itself: top-level nodes, the audit log, the
//!   outbox.
//! - A regional coordinator manages the nodes below their region (not regions or countries),
//!   the people in them, and may give the everyday roles there.
//! - An institution head sees the staff of their institution and may make them learners or
//!   trainers.
//! - Everyone may see and change their own account.
//! - Duties are kept apart: nobody decides on their own sign-up, recognition, ledger,
//!   leave, attendance or certificate, nor on those of whoever gave them a role or created
//!   their account within the separation period ([`independent_of`]); such matters go to
//!   the next level up, whose holders are independent.

use chrono::{DateTime, Duration, Utc};
use guildhall_domain::PersonId;
use guildhall_domain::identity::Role;
use guildhall_domain::org::{OrgKind, ROOT_PATH, path_within};

use crate::Actor;
use crate::actor::Grant;

/// When a decision is made and how far back ties between people count.
#[derive(Clone, Copy, Debug)]
pub struct Duties {
    pub now: DateTime<Utc>,
    pub period: Duration,
}

/// Whether `a` is free to decide a matter of `subject`: it is not their own, and their
/// authority does not come from `subject` (a role `subject` gave them, or an account
/// `subject` created for them, within the period).
pub fn independent_of(a: &Actor, subject: PersonId, d: &Duties) -> bool {
    if a.id == subject {
        return false;
    }
    let since = d.now - d.period;
    let granted = a
        .grants
        .iter()
        .any(|g| g.granted_by == Some(subject) && g.granted_at > since);
    let created = a.created_by == Some(subject) && a.created_at > since;
    !(granted || created)
}

/// The grant through which `a` acts over the node at one of `paths` with one of `roles`,
/// the nearest first: audit entries record it, with who delegated it.
pub fn authority<'a>(a: &'a Actor, roles: &'a [Role], paths: &'a [String]) -> Option<&'a Grant> {
    paths
        .iter()
        .flat_map(|p| a.grants_over(roles, p))
        .max_by_key(|g| g.scope.len())
}

/// The roles whose holders decide sign-ups, nearest level first.
pub const SIGNUP_DECIDERS: &[Role] = &[
    Role::InstitutionHead,
    Role::RegionalCoordinator,
    Role::Administrator,
];

/// What a policy needs to know about an organisation node.
#[derive(Clone, Debug)]
pub struct OrgNode<'a> {
    pub kind: OrgKind,
    pub path: &'a str,
}

/// Roles that a regional coordinator may hand out inside their region.
const COORDINATOR_GRANTS: &[Role] = &[
    Role::Learner,
    Role::InstitutionHead,
    Role::Trainer,
    Role::Provider,
    Role::QualityReviewer,
];

/// Roles that an institution head may hand out inside their institution.
const HEAD_GRANTS: &[Role] = &[Role::Learner, Role::Trainer];

/// Roles whose holders may look at people inside their scope.
const STAFF_VIEWERS: &[Role] = &[
    Role::Administrator,
    Role::RegionalCoordinator,
    Role::InstitutionHead,
];

pub fn may_create_org(a: &Actor, parent: Option<&OrgNode<'_>>, kind: OrgKind) -> bool {
    match parent {
        None => a.is_platform_admin(),
        Some(p) => {
            a.holds(Role::Administrator, p.path)
                || (a.holds(Role::RegionalCoordinator, p.path)
                    && !matches!(kind, OrgKind::Country | OrgKind::Region))
        }
    }
}

pub fn may_edit_org(a: &Actor, org: &OrgNode<'_>) -> bool {
    a.holds(Role::Administrator, org.path)
        || (a.holds(Role::RegionalCoordinator, org.path)
            && !matches!(org.kind, OrgKind::Country | OrgKind::Region))
}

/// The organisation tree is reference data every signed-in person may read.
pub fn may_view_orgs(_a: &Actor) -> bool {
    true
}

/// The subtrees whose people `a` may list, or `None` when they may list nobody.
pub fn people_scopes(a: &Actor) -> Option<Vec<String>> {
    let mut scopes: Vec<String> = STAFF_VIEWERS.iter().flat_map(|r| a.scopes(*r)).collect();
    if scopes.is_empty() {
        return None;
    }
    scopes.sort();
    scopes.dedup();
    if scopes.iter().any(|s| s == ROOT_PATH) {
        return Some(vec![ROOT_PATH.to_owned()]);
    }
    Some(scopes)
}

/// Whether `a` may see the person `target`, who belongs to organisations at `paths`.
pub fn may_view_person(a: &Actor, target: PersonId, paths: &[String]) -> bool {
    a.id == target || a.is_platform_admin() || paths.iter().any(|p| a.holds_any(STAFF_VIEWERS, p))
}

/// Whether `a` may create an account belonging to the given organisations.
pub fn may_create_person(a: &Actor, orgs: &[OrgNode<'_>]) -> bool {
    if orgs.is_empty() {
        return a.is_platform_admin();
    }
    orgs.iter()
        .all(|o| a.holds_any(&[Role::Administrator, Role::RegionalCoordinator], o.path))
}

/// Whether `a` may create accounts in at least one organisation.
pub fn may_create_people_somewhere(a: &Actor) -> bool {
    a.has_role(Role::Administrator) || a.has_role(Role::RegionalCoordinator)
}

/// Whether `a` may change another person's memberships and details.
pub fn may_manage_person(a: &Actor, target: PersonId, paths: &[String]) -> bool {
    if a.is_platform_admin() {
        return true;
    }
    a.id != target
        && !paths.is_empty()
        && paths
            .iter()
            .any(|p| a.holds_any(&[Role::Administrator, Role::RegionalCoordinator], p))
}

/// Whether `a` may give `role` over `org` (`None`: the whole platform) to `target`.
pub fn may_grant(a: &Actor, target: PersonId, role: Role, org: Option<&OrgNode<'_>>) -> bool {
    let Some(org) = org else {
        return a.is_platform_admin();
    };
    if a.holds(Role::Administrator, org.path) {
        return true;
    }
    if a.id == target {
        return false;
    }
    (a.holds(Role::RegionalCoordinator, org.path) && COORDINATOR_GRANTS.contains(&role))
        || (a.holds(Role::InstitutionHead, org.path)
            && HEAD_GRANTS.contains(&role)
            && org.kind == OrgKind::Institution)
}

/// Whether `a` may take back a role: the same people who could give it, except that nobody
/// takes their own administrator role away (so a platform is never left without one by
/// mistake).
pub fn may_revoke(a: &Actor, holder: PersonId, role: Role, org: Option<&OrgNode<'_>>) -> bool {
    if a.id == holder && role == Role::Administrator {
        return false;
    }
    may_grant(a, holder, role, org)
}

pub fn may_read_audit(a: &Actor) -> bool {
    a.is_platform_admin()
}

pub fn may_read_outbox(a: &Actor) -> bool {
    a.is_platform_admin()
}

/// Erasure: a person may erase themselves; an administrator over every organisation the
/// person belongs to may erase them too.
pub fn may_erase(a: &Actor, target: PersonId, paths: &[String]) -> bool {
    a.id == target
        || a.is_platform_admin()
        || (!paths.is_empty() && paths.iter().all(|p| a.holds(Role::Administrator, p)))
}

// ---- the catalogue ----
//
// Providers write programmes for the provider organisation they hold the role over; quality
// reviewers approve or return them (never their own work); providers, regional
// coordinators and administrators publish approved versions; coordinators and
// administrators publish releases. Published programmes are public.

/// Whether `a` may write and submit programmes of the provider at `provider_path`.
pub fn may_author(a: &Actor, provider_path: &str) -> bool {
    a.holds_any(&[Role::Provider, Role::Administrator], provider_path)
}

/// Whether `a` may approve or return programmes of the provider at `provider_path`.
pub fn may_review(a: &Actor, provider_path: &str) -> bool {
    a.holds_any(&[Role::QualityReviewer, Role::Administrator], provider_path)
}

/// Whether `a` may publish approved versions and retire programmes of that provider.
pub fn may_publish(a: &Actor, provider_path: &str) -> bool {
    a.holds_any(
        &[
            Role::Provider,
            Role::RegionalCoordinator,
            Role::Administrator,
        ],
        provider_path,
    )
}

/// Whether `a` may see versions that are not published (drafts, versions in review).
pub fn may_see_unpublished(a: &Actor, provider_path: &str) -> bool {
    may_author(a, provider_path) || may_review(a, provider_path) || may_publish(a, provider_path)
}

/// Whether `a` may publish a release of the catalogue (each version in it must also pass
/// [`may_publish`]).
pub fn may_release(a: &Actor) -> bool {
    a.has_role(Role::RegionalCoordinator) || a.has_role(Role::Administrator)
}

/// The subtrees in which `a` reviews programmes, or `None` when nowhere.
pub fn review_scopes(a: &Actor) -> Option<Vec<String>> {
    let mut s: Vec<String> = [Role::QualityReviewer, Role::Administrator]
        .iter()
        .flat_map(|r| a.scopes(*r))
        .collect();
    s.sort();
    s.dedup();
    (!s.is_empty()).then_some(s)
}

/// Competence frameworks are deployment-wide reference data.
pub fn may_manage_frameworks(a: &Actor) -> bool {
    a.is_platform_admin()
}

// ---- sessions ----
//
// A programme's provider (and administrators above it) schedules and manages its sessions;
// the session's trainers record attendance and see its participants; institution heads,
// coordinators and administrators decide sign-ups of the people in their part of the tree.

/// Whether `a` may schedule and manage sessions of programmes of the provider at `path`.
pub fn may_manage_sessions(a: &Actor, provider_path: &str) -> bool {
    a.holds_any(&[Role::Provider, Role::Administrator], provider_path)
}

/// Whether a trainer role held over `trainer_scope` lets its holder be named a trainer of a
/// provider's sessions: it is held over the provider or inside it (a trainer of another provider may not be lent
/// participants' names and addresses).
pub fn may_train_for(trainer_scope: &str, provider_path: &str) -> bool {
    path_within(trainer_scope, provider_path)
}

/// Whether `a` may mark a participant's attendance and results: they run the session and
/// are independent of the participant.
pub fn may_assess(a: &Actor, participant: PersonId, d: &Duties) -> bool {
    independent_of(a, participant, d)
}

/// Whether `a` may accept or decline requests to join the organisation at `org_path`.
pub fn may_decide_membership(a: &Actor, org_path: &str) -> bool {
    a.holds_any(STAFF_VIEWERS, org_path)
}

/// Whether `a` sees every person on the platform (and so learns nothing from being told an
/// address is taken).
pub fn sees_everyone(a: &Actor) -> bool {
    a.is_platform_admin()
}

/// Whether `a` may record attendance and see the participants of a session.
pub fn may_run_session(a: &Actor, provider_path: &str, is_trainer: bool) -> bool {
    is_trainer || may_manage_sessions(a, provider_path)
}

/// Whether `a` may approve or decline sign-ups of a person who belongs to organisations at
/// `paths`.
pub fn may_decide_signup(a: &Actor, learner: PersonId, paths: &[String], d: &Duties) -> bool {
    independent_of(a, learner, d) && paths.iter().any(|p| a.holds_any(SIGNUP_DECIDERS, p))
}

/// The subtrees in which `a` decides sign-ups, or `None` when nowhere.
pub fn approval_scopes(a: &Actor) -> Option<Vec<String>> {
    let mut s: Vec<String> = SIGNUP_DECIDERS.iter().flat_map(|r| a.scopes(*r)).collect();
    s.sort();
    s.dedup();
    (!s.is_empty()).then_some(s)
}

/// Whether `a` may see the hours ledger of a person who belongs to organisations at `paths`.
pub fn may_view_ledger(a: &Actor, person: PersonId, paths: &[String]) -> bool {
    may_view_person(a, person, paths)
}

/// Whether `a` may write a manual correction into a person's ledger, or revoke and re-issue
/// their certificates.
pub fn may_correct_ledger(a: &Actor, person: PersonId, paths: &[String], d: &Duties) -> bool {
    independent_of(a, person, d)
        && (a.is_platform_admin() || paths.iter().any(|p| a.holds(Role::Administrator, p)))
}

/// The organisation whose people's compliance `a` oversees, for a menu entry: the one of
/// their head's, coordinator's or administrator's grants that is deepest in the tree.
pub fn oversight_org(a: &Actor) -> Option<guildhall_domain::OrgId> {
    a.grants
        .iter()
        .filter(|g| STAFF_VIEWERS.contains(&g.role))
        .filter_map(|g| g.org.map(|o| (g.scope.len(), o)))
        .max_by_key(|(depth, _)| *depth)
        .map(|(_, o)| o)
}

/// Whether `a` may see the compliance of everyone working under the node at `path`.
pub fn may_view_staff_compliance(a: &Actor, path: &str) -> bool {
    a.is_platform_admin() || a.holds_any(STAFF_VIEWERS, path)
}

/// Whether `a` may record a person's employment start and leaves (never their own).
pub fn may_manage_cycle(a: &Actor, person: PersonId, paths: &[String], d: &Duties) -> bool {
    independent_of(a, person, d)
        && (a.is_platform_admin()
            || paths.iter().any(|p| {
                a.holds_any(
                    &[
                        Role::InstitutionHead,
                        Role::RegionalCoordinator,
                        Role::Administrator,
                    ],
                    p,
                )
            }))
}

/// The roles that decide recognitions of outside learning.
pub const RECOGNITION_DECIDERS: &[Role] = &[
    Role::InstitutionHead,
    Role::QualityReviewer,
    Role::Administrator,
];

/// The subtrees whose people's recognitions `a` decides, or `None`.
pub fn recognition_scopes(a: &Actor) -> Option<Vec<String>> {
    let mut s: Vec<String> = RECOGNITION_DECIDERS
        .iter()
        .flat_map(|r| a.scopes(*r))
        .collect();
    s.sort();
    s.dedup();
    (!s.is_empty()).then_some(s)
}

/// Whether `a` may decide a recognition of a person working at `paths` (never their own).
pub fn may_decide_recognition(a: &Actor, person: PersonId, paths: &[String], d: &Duties) -> bool {
    independent_of(a, person, d)
        && (a.is_platform_admin() || paths.iter().any(|p| a.holds_any(RECOGNITION_DECIDERS, p)))
}

/// Whether `a` may see the recognitions (and their evidence) of a person working at `paths`.
pub fn may_see_recognitions(a: &Actor, person: PersonId, paths: &[String]) -> bool {
    a.id == person
        || a.is_platform_admin()
        || paths.iter().any(|p| a.holds_any(RECOGNITION_DECIDERS, p))
}

/// Whether the node at `path` is inside the subtree `scope`; re-exported for use cases that
/// filter lists by a scope they got from this module.
pub fn within(path: &str, scope: &str) -> bool {
    path_within(path, scope)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actor::{AuthVia, Grant};
    use guildhall_domain::identity::LearnerCategory;
    use guildhall_domain::{Lang, RoleAssignmentId};

    fn actor(grants: &[(Role, &str)]) -> Actor {
        Actor {
            id: PersonId::new(),
            name: "A".into(),
            email: "a@example.org".into(),
            lang: Lang::En,
            category: LearnerCategory::Instructor,
            grants: grants
                .iter()
                .map(|(r, s)| Grant {
                    id: RoleAssignmentId::new(),
                    role: *r,
                    org: None,
                    scope: (*s).to_owned(),
                    granted_by: None,
                    granted_at: chrono::Utc::now() - Duration::days(1000),
                })
                .collect(),
            created_by: None,
            created_at: chrono::Utc::now() - Duration::days(1000),
            via: AuthVia::Console,
        }
    }

    fn duties() -> Duties {
        Duties {
            now: chrono::Utc::now(),
            period: Duration::days(365),
        }
    }

    #[test]
    fn nobody_decides_for_whoever_gave_them_their_authority() {
        let d = duties();
        let coordinator = PersonId::new();
        let mut head = actor(&[(Role::InstitutionHead, SCHOOL)]);
        let learner = PersonId::new();
        assert!(independent_of(&head, learner, &d));
        assert!(!independent_of(&head, head.id, &d), "not one's own matter");
        assert!(!may_decide_signup(&head, head.id, &[SCHOOL.into()], &d));

        // The coordinator gave the head their role: the head may not decide for them.
        head.grants[0].granted_by = Some(coordinator);
        head.grants[0].granted_at = d.now - Duration::days(10);
        assert!(!independent_of(&head, coordinator, &d));
        assert!(!may_decide_signup(&head, coordinator, &[SCHOOL.into()], &d));
        assert!(!may_decide_recognition(
            &head,
            coordinator,
            &[SCHOOL.into()],
            &d
        ));
        assert!(may_decide_signup(&head, learner, &[SCHOOL.into()], &d));
        // Once the period is over, the tie no longer counts.
        head.grants[0].granted_at = d.now - Duration::days(400);
        assert!(independent_of(&head, coordinator, &d));

        // An account made by the coordinator is tied to them the same way.
        let mut made = actor(&[(Role::Administrator, ROOT_PATH)]);
        made.created_by = Some(coordinator);
        made.created_at = d.now - Duration::days(1);
        assert!(!may_correct_ledger(
            &made,
            coordinator,
            &[SCHOOL.into()],
            &d
        ));
        assert!(may_correct_ledger(&made, learner, &[SCHOOL.into()], &d));
    }

    #[test]
    fn trainers_belong_to_the_provider() {
        assert!(may_train_for("/c/r/p/", "/c/r/p/"));
        assert!(may_train_for("/c/r/p/team/", "/c/r/p/"));
        assert!(!may_train_for("/c/r/p2/", "/c/r/p/"));
        assert!(
            !may_train_for("/c/r/", "/c/r/p/"),
            "a region-wide trainer is not the provider's"
        );
    }

    const REGION: &str = "/c/r/";
    const SCHOOL: &str = "/c/r/s/";
    const OTHER_SCHOOL: &str = "/c/r2/s2/";

    #[test]
    fn coordinators_manage_below_their_region_only() {
        let coord = actor(&[(Role::RegionalCoordinator, REGION)]);
        let region = OrgNode {
            kind: OrgKind::Region,
            path: REGION,
        };
        assert!(may_create_org(&coord, Some(&region), OrgKind::Institution));
        assert!(!may_create_org(&coord, Some(&region), OrgKind::Region));
        assert!(!may_edit_org(&coord, &region));
        let other = OrgNode {
            kind: OrgKind::Region,
            path: "/c/r2/",
        };
        assert!(!may_create_org(&coord, Some(&other), OrgKind::Institution));
        assert!(!may_create_org(&coord, None, OrgKind::Country));
    }

    #[test]
    fn grants_follow_the_tree() {
        let head = actor(&[(Role::InstitutionHead, SCHOOL)]);
        let school = OrgNode {
            kind: OrgKind::Institution,
            path: SCHOOL,
        };
        let elsewhere = OrgNode {
            kind: OrgKind::Institution,
            path: OTHER_SCHOOL,
        };
        let someone = PersonId::new();
        assert!(may_grant(&head, someone, Role::Trainer, Some(&school)));
        assert!(!may_grant(
            &head,
            someone,
            Role::InstitutionHead,
            Some(&school)
        ));
        assert!(!may_grant(&head, someone, Role::Trainer, Some(&elsewhere)));
        assert!(!may_grant(&head, head.id, Role::Trainer, Some(&school)));
        let admin = actor(&[(Role::Administrator, ROOT_PATH)]);
        assert!(may_grant(&admin, someone, Role::Administrator, None));
        assert!(!may_revoke(&admin, admin.id, Role::Administrator, None));
        let regional_admin = actor(&[(Role::Administrator, REGION)]);
        assert!(!may_grant(
            &regional_admin,
            someone,
            Role::Administrator,
            None
        ));
        assert!(may_grant(
            &regional_admin,
            someone,
            Role::Administrator,
            Some(&school)
        ));
    }

    #[test]
    fn people_visibility() {
        let learner = actor(&[(Role::Learner, SCHOOL)]);
        assert_eq!(people_scopes(&learner), None);
        assert!(may_view_person(&learner, learner.id, &[]));
        assert!(!may_view_person(
            &learner,
            PersonId::new(),
            &[SCHOOL.into()]
        ));
        let head = actor(&[(Role::InstitutionHead, SCHOOL), (Role::Learner, SCHOOL)]);
        assert_eq!(people_scopes(&head), Some(vec![SCHOOL.to_owned()]));
        assert!(may_view_person(&head, PersonId::new(), &[SCHOOL.into()]));
        assert!(!may_view_person(
            &head,
            PersonId::new(),
            &[OTHER_SCHOOL.into()]
        ));
        let admin = actor(&[
            (Role::Administrator, ROOT_PATH),
            (Role::InstitutionHead, SCHOOL),
        ]);
        assert_eq!(people_scopes(&admin), Some(vec![ROOT_PATH.to_owned()]));
    }
}
