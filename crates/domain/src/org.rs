//! The organisation tree: country → region → cluster / institution / provider / employer.
//!
//! Roles are granted over a node and hold for the whole subtree below it, so the shape of the
//! tree is also the shape of authority. Each node records the path of its ancestors, which
//! makes "is this node inside that subtree" a prefix test.

use crate::identity::string_enum;
use crate::ids::OrgId;
use crate::problem::Problem;

string_enum!(
    /// What an organisation node is.
    OrgKind {
        Country = "country",
        Region = "region",
        Cluster = "cluster",
        Institution = "institution",
        Provider = "provider",
        Employer = "employer",
    }
);

impl OrgKind {
    /// Which kinds of node this kind may hang under (`None` means the top of the tree).
    pub fn may_be_under(self, parent: Option<OrgKind>) -> bool {
        use OrgKind::*;
        matches!(
            (self, parent),
            (Country, None)
                | (Region, Some(Country))
                | (Cluster, Some(Region))
                | (Institution | Provider | Employer, Some(Region | Cluster))
        )
    }
}

pub const CODE_MAX: usize = 32;
pub const ORG_NAME_MAX: usize = 300;

/// Organisation codes are short identifiers such as `HU-BP` or `HU-BP-042`: letters, digits,
/// `-`, `_` and `.`; stored upper-case so codes compare without regard to case.
pub fn check_code(input: &str) -> Result<String, Problem> {
    let s = input.trim().to_uppercase();
    if s.is_empty() {
        return Err(Problem::new("code_required"));
    }
    if s.chars().count() > CODE_MAX {
        return Err(Problem::new("text_too_long").num("max", CODE_MAX as i64));
    }
    if !s
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        return Err(Problem::new("code_invalid"));
    }
    Ok(s)
}

/// The materialised path of a node: its ancestors' ids and its own, each followed by `/`.
pub fn child_path(parent_path: Option<&str>, id: OrgId) -> String {
    format!("{}{}/", parent_path.unwrap_or("/"), id)
}

/// The path that covers every node: a grant over it holds everywhere.
pub const ROOT_PATH: &str = "/";

/// Whether a node with `path` lies within the subtree whose root has `scope`.
pub fn path_within(path: &str, scope: &str) -> bool {
    path.starts_with(scope)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tree_shape() {
        assert!(OrgKind::Country.may_be_under(None));
        assert!(!OrgKind::Region.may_be_under(None));
        assert!(OrgKind::Region.may_be_under(Some(OrgKind::Country)));
        assert!(OrgKind::Institution.may_be_under(Some(OrgKind::Cluster)));
        assert!(OrgKind::Employer.may_be_under(Some(OrgKind::Region)));
        assert!(!OrgKind::Institution.may_be_under(Some(OrgKind::Institution)));
        assert!(!OrgKind::Country.may_be_under(Some(OrgKind::Country)));
    }

    #[test]
    fn codes() {
        assert_eq!(check_code(" hu-bp-042 "), Ok("HU-BP-042".to_owned()));
        assert!(check_code("").is_err());
        assert!(check_code("HU BP").is_err());
        assert!(check_code("ÁÉ").is_err());
        assert!(check_code(&"A".repeat(33)).is_err());
    }

    #[test]
    fn paths_nest() {
        let a = OrgId::new();
        let b = OrgId::new();
        let pa = child_path(None, a);
        let pb = child_path(Some(&pa), b);
        assert!(path_within(&pb, &pa));
        assert!(!path_within(&pa, &pb));
        assert!(path_within(&pa, ROOT_PATH));
    }
}
