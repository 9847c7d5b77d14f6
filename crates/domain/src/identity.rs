//! People, their categories and roles, and the rules for the credentials they give us.
//!
//! Password policy follows current guidance (NIST SP 800-63B): a length between 8 and 128
//! characters, no composition rules, and a refusal of the passwords attackers try first.

use std::collections::HashSet;
use std::fmt;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::problem::Problem;

macro_rules! string_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $s:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable name used in storage, URLs and the API.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $s),+ }
            }

            pub fn parse(s: &str) -> Option<Self> {
                match s { $($s => Some($name::$variant),)+ _ => None }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use string_enum;

string_enum!(
    /// What kind of learner a person is; it decides which programmes are offered to them and
    /// which compliance rule applies.
    LearnerCategory {
        Instructor = "instructor",
        InstitutionLeader = "institution_leader",
        Trainer = "trainer",
        Student = "student",
        Pupil = "pupil",
        CompanyEmployee = "company_employee",
        JobSeeker = "job_seeker",
        Pensioner = "pensioner",
    }
);

string_enum!(
    /// A role held over an organisation node and everything below it.
    Role {
        Learner = "learner",
        InstitutionHead = "institution_head",
        Trainer = "trainer",
        Provider = "provider",
        QualityReviewer = "quality_reviewer",
        RegionalCoordinator = "regional_coordinator",
        ExpertRegistryKeeper = "expert_registry_keeper",
        Administrator = "administrator",
    }
);

/// A normalised e-mail address: trimmed and lower-cased.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    pub const MAX_LEN: usize = 254;

    pub fn parse(input: &str) -> Result<Email, Problem> {
        let s = input.trim().to_lowercase();
        if s.is_empty() {
            return Err(Problem::new("email_required"));
        }
        if s.len() > Self::MAX_LEN {
            return Err(Problem::new("email_invalid"));
        }
        let Some((local, domain)) = s.rsplit_once('@') else {
            return Err(Problem::new("email_invalid"));
        };
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.contains('@')
            && !local
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || "<>()[],;:\\\"".contains(c));
        if domain_ok && local_ok {
            Ok(Email(s))
        } else {
            Err(Problem::new("email_invalid"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

pub const PASSWORD_MIN: usize = 8;
pub const PASSWORD_MAX: usize = 128;

static COMMON_PASSWORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../data/common-passwords.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .collect()
});

/// How many passwords the common-password list holds.
pub fn common_password_count() -> usize {
    COMMON_PASSWORDS.len()
}

/// Checks a new password against the policy; counts characters, not bytes.
pub fn check_password(password: &str) -> Result<(), Problem> {
    let len = password.chars().count();
    if len < PASSWORD_MIN {
        return Err(Problem::new("password_too_short").num("min", PASSWORD_MIN as i64));
    }
    if len > PASSWORD_MAX {
        return Err(Problem::new("password_too_long").num("max", PASSWORD_MAX as i64));
    }
    if COMMON_PASSWORDS.contains(password.to_lowercase().as_str()) {
        return Err(Problem::new("password_too_common"));
    }
    Ok(())
}

pub const NAME_MAX: usize = 200;

/// Characters that change how text is displayed without being seen: control characters,
/// bidirectional overrides and isolates (which can make a name read backwards), and
/// zero-width formatting marks.
pub fn is_hidden_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// A short piece of text people type (a name, a label): trimmed, not empty, at most `max`
/// characters, without hidden characters.
pub fn check_text(input: &str, max: usize) -> Result<String, Problem> {
    let s = input.trim();
    if s.is_empty() {
        return Err(Problem::new("name_required"));
    }
    if s.chars().count() > max {
        return Err(Problem::new("text_too_long").num("max", max as i64));
    }
    if s.chars().any(is_hidden_char) {
        return Err(Problem::new("text_control_chars"));
    }
    Ok(s.to_owned())
}

/// A person's display name.
pub fn check_name(input: &str) -> Result<String, Problem> {
    check_text(input, NAME_MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            Email::parse("  Anna.Kovacs@Example.HU ").map(Email::into_string),
            Ok("anna.kovacs@example.hu".to_owned())
        );
        for bad in [
            "",
            "anna",
            "anna@",
            "@example.org",
            "a b@example.org",
            "anna@example",
            "anna@.org",
            "a@b..org",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad} should be refused");
        }
        assert!(Email::parse("józsef@példa.hu").is_ok());
    }

    #[test]
    fn password_policy() {
        assert_eq!(
            check_password("short").map_err(|p| p.code),
            Err("password_too_short")
        );
        assert_eq!(
            check_password(&"x".repeat(129)).map_err(|p| p.code),
            Err("password_too_long")
        );
        assert_eq!(
            check_password("password1").map_err(|p| p.code),
            Err("password_too_common")
        );
        assert_eq!(
            check_password("PASSWORD1").map_err(|p| p.code),
            Err("password_too_common")
        );
        assert!(check_password("kecskeméti-barack-2027").is_ok());
        // Eight characters of any script count as eight.
        assert!(check_password("ąęłńśźżó").is_ok());
        assert!(common_password_count() >= 10_000);
    }

    #[test]
    fn names_refuse_hidden_characters() {
        assert_eq!(check_name("  Kovács Anna "), Ok("Kovács Anna".to_owned()));
        for bad in ["\u{202E}anna", "a\u{0007}", "a\u{200B}b", "\u{2066}x"] {
            assert_eq!(
                check_name(bad).map_err(|p| p.code),
                Err("text_control_chars"),
                "{bad:?}"
            );
        }
        assert_eq!(check_name(" ").map_err(|p| p.code), Err("name_required"));
    }

    #[test]
    fn role_names_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(*r));
        }
        for c in LearnerCategory::ALL {
            assert_eq!(LearnerCategory::parse(c.as_str()), Some(*c));
        }
        assert_eq!(Role::ALL.len(), 8);
        assert_eq!(LearnerCategory::ALL.len(), 8);
    }
}
