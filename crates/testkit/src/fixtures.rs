//! Fixtures: organisations and people written straight to the store, so that a test sets up
//! its world in a few lines and without going through the rules it may be testing.

use chrono::Utc;
use guildhall_domain::identity::{LearnerCategory, Role};
use guildhall_domain::org::{OrgKind, ROOT_PATH, child_path};
use guildhall_domain::{OrgId, PersonId, RoleAssignmentId};
use guildhall_store::entities::{organisation, person, role_assignment};
use tokio::sync::OnceCell;

use crate::TestApp;

/// Every fixture person's password.
pub const PASSWORD: &str = "fixture-password-for-tests";

static HASH: OnceCell<String> = OnceCell::const_new();

async fn hash() -> String {
    HASH.get_or_init(|| async {
        guildhall_app::crypto::hash_password(PASSWORD.to_owned())
            .await
            .expect("hash the fixture password")
    })
    .await
    .clone()
}

/// A fixture person.
#[derive(Clone, Debug)]
pub struct Who {
    pub id: PersonId,
    pub email: String,
}

impl TestApp {
    /// Creates an organisation node.
    pub async fn org(&self, code: &str, kind: OrgKind, parent: Option<OrgId>) -> OrgId {
        let parent = match parent {
            Some(p) => Some(
                guildhall_store::org::find(self.app.db(), p.0)
                    .await
                    .expect("read the parent")
                    .expect("the parent exists"),
            ),
            None => None,
        };
        let id = OrgId::new();
        let now = Utc::now();
        guildhall_store::org::insert(
            self.app.db(),
            organisation::Model {
                id: id.0,
                parent_id: parent.as_ref().map(|p| p.id),
                kind: kind.as_str().to_owned(),
                code: code.to_owned(),
                name_hu: Some(format!("{code} (hu)")),
                name_pl: None,
                name_ru: Some(format!("{code} (ru)")),
                name_en: Some(format!("{code} (en)")),
                path: child_path(parent.as_ref().map(|p| p.path.as_str()), id),
                depth: parent.as_ref().map_or(0, |p| p.depth + 1),
                created_at: now,
                updated_at: now,
                time_zone: None,
            },
        )
        .await
        .expect("insert an organisation");
        // Written beside the application, so its cached countries are read again.
        self.app.forget_countries();
        id
    }

    /// Creates a confirmed person with the fixture password, a member of `member_of`, holding
    /// each role over its organisation (`None`: the whole platform).
    pub async fn person(
        &self,
        email: &str,
        member_of: Option<OrgId>,
        roles: &[(Role, Option<OrgId>)],
    ) -> Who {
        let db = self.app.db();
        let id = PersonId::new();
        let now = Utc::now();
        guildhall_store::identity::insert_person(
            db,
            person::Model {
                id: id.0,
                email: email.to_owned(),
                name: format!("Person {email}"),
                password_hash: Some(hash().await),
                language: "en".into(),
                category: LearnerCategory::Instructor.as_str().into(),
                email_confirmed_at: Some(now),
                erased_at: None,
                created_at: now,
                updated_at: now,
                created_by: None,
            },
        )
        .await
        .expect("insert a person");
        if let Some(o) = member_of {
            guildhall_store::identity::add_membership(db, id.0, o.0, now)
                .await
                .expect("add a membership");
        }
        for (role, org) in roles {
            let scope = match org {
                Some(o) => {
                    guildhall_store::org::find(db, o.0)
                        .await
                        .expect("read org")
                        .expect("org exists")
                        .path
                }
                None => ROOT_PATH.to_owned(),
            };
            guildhall_store::identity::insert_assignment(
                db,
                role_assignment::Model {
                    id: RoleAssignmentId::new().0,
                    person_id: id.0,
                    role: role.as_str().to_owned(),
                    organisation_id: org.map(|o| o.0),
                    scope_path: scope,
                    granted_by: None,
                    created_at: now,
                },
            )
            .await
            .expect("insert a role");
        }
        Who {
            id,
            email: email.to_owned(),
        }
    }

    /// A platform administrator.
    pub async fn platform_admin(&self) -> Who {
        self.person("root@test.example", None, &[(Role::Administrator, None)])
            .await
    }
}

/// A small world for permission tests: one country, two regions, an institution in each.
pub struct World {
    pub country: OrgId,
    pub region: OrgId,
    pub school: OrgId,
    pub other_region: OrgId,
    pub other_school: OrgId,
}

impl TestApp {
    pub async fn world(&self) -> World {
        let country = self.org("C", OrgKind::Country, None).await;
        let region = self.org("C-R1", OrgKind::Region, Some(country)).await;
        let school = self
            .org("C-R1-S1", OrgKind::Institution, Some(region))
            .await;
        let other_region = self.org("C-R2", OrgKind::Region, Some(country)).await;
        let other_school = self
            .org("C-R2-S2", OrgKind::Institution, Some(other_region))
            .await;
        World {
            country,
            region,
            school,
            other_region,
            other_school,
        }
    }
}
