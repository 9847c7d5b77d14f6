//! Who is asking: an authenticated person with their role grants, or nobody.

use guildhall_domain::identity::{LearnerCategory, Role};
use guildhall_domain::org::{ROOT_PATH, path_within};
use guildhall_domain::{Lang, OrgId, PersonId, RoleAssignmentId, TokenId};

/// One role held over a subtree of the organisation tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grant {
    pub id: RoleAssignmentId,
    pub role: Role,
    /// `None`: the whole platform.
    pub org: Option<OrgId>,
    /// The path of the subtree the role covers (`/` for the whole platform).
    pub scope: String,
    /// Who gave the role (`None`: the console, or registration).
    pub granted_by: Option<PersonId>,
    pub granted_at: chrono::DateTime<chrono::Utc>,
}

/// How the person proved who they are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AuthVia {
    /// A browser session; the digest of its cookie.
    Session(String),
    /// A bearer token.
    Token(TokenId),
    /// The command line, run by an operator.
    Console,
}

/// An authenticated person.
#[derive(Clone, Debug)]
pub struct Actor {
    pub id: PersonId,
    pub name: String,
    pub email: String,
    pub lang: Lang,
    pub category: LearnerCategory,
    pub grants: Vec<Grant>,
    /// Who made the account for the person (`None`: they registered, or the console).
    pub created_by: Option<PersonId>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub via: AuthVia,
}

impl Actor {
    /// Whether the person holds `role` over the node at `path` (directly or from above).
    pub fn holds(&self, role: Role, path: &str) -> bool {
        self.grants
            .iter()
            .any(|g| g.role == role && path_within(path, &g.scope))
    }

    pub fn holds_any(&self, roles: &[Role], path: &str) -> bool {
        roles.iter().any(|r| self.holds(*r, path))
    }

    /// The subtrees over which the person holds `role`.
    pub fn scopes(&self, role: Role) -> Vec<String> {
        self.grants
            .iter()
            .filter(|g| g.role == role)
            .map(|g| g.scope.clone())
            .collect()
    }

    pub fn has_role(&self, role: Role) -> bool {
        self.grants.iter().any(|g| g.role == role)
    }

    /// The grants through which the person holds any of `roles` over the node at `path`.
    pub fn grants_over<'a>(
        &'a self,
        roles: &'a [Role],
        path: &'a str,
    ) -> impl Iterator<Item = &'a Grant> {
        self.grants
            .iter()
            .filter(move |g| roles.contains(&g.role) && path_within(path, &g.scope))
    }

    /// An administrator of the whole platform.
    pub fn is_platform_admin(&self) -> bool {
        self.grants
            .iter()
            .any(|g| g.role == Role::Administrator && g.scope == ROOT_PATH)
    }
}

/// The caller of a use case.
#[derive(Clone, Debug)]
pub enum Caller {
    Anonymous,
    Person(Actor),
}

impl Caller {
    pub fn actor(&self) -> Option<&Actor> {
        match self {
            Caller::Person(a) => Some(a),
            Caller::Anonymous => None,
        }
    }

    /// The actor, or `Unauthenticated`.
    pub fn require(&self) -> crate::Result<&Actor> {
        self.actor().ok_or(crate::Error::Unauthenticated)
    }
}

/// Facts about the request that the use cases record or honour.
#[derive(Clone, Debug)]
pub struct Meta {
    pub ip: Option<String>,
    pub lang: Lang,
    pub user_agent: Option<String>,
    /// The known-device mark the browser carries, if any (see `identity::throttle`).
    pub device: Option<String>,
}

impl Meta {
    pub fn console() -> Self {
        Meta {
            ip: None,
            lang: Lang::En,
            user_agent: None,
            device: None,
        }
    }
}
