//! Identifier newtypes.
//!
//! Every object is named by a UUID v7: unguessable in a URL, yet ordered by creation time so
//! that indexes stay compact. A separate type per kind of object keeps a person's id from
//! being passed where an organisation's is expected.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A fresh, time-ordered identifier.
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }

            pub fn uuid(self) -> Uuid {
                self.0
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), self.0)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }

        impl From<Uuid> for $name {
            fn from(u: Uuid) -> Self {
                Self(u)
            }
        }

        impl From<$name> for Uuid {
            fn from(id: $name) -> Uuid {
                id.0
            }
        }
    };
}

id_type!(
    /// A person: learner, trainer, head, reviewer or administrator alike.
    PersonId
);
id_type!(
    /// A node of the organisation tree.
    OrgId
);
id_type!(
    /// One role held by one person over one organisation subtree.
    RoleAssignmentId
);
id_type!(
    /// A personal API token.
    TokenId
);
id_type!(
    /// A message in the mail outbox.
    MailId
);
id_type!(
    /// A programme in the catalogue, across all its versions.
    ProgrammeId
);
id_type!(
    /// One version of a programme: what sessions run and certificates name.
    VersionId
);
id_type!(
    /// A competence framework (DigCompEdu, ESCO, …).
    FrameworkId
);
id_type!(
    /// An area of a competence framework.
    AreaId
);
id_type!(
    /// One competence of a framework.
    CompetenceId
);
id_type!(
    /// A release of the catalogue: approved versions published together.
    ReleaseId
);
id_type!(
    /// A session (cohort) of a programme version.
    SessionId
);
id_type!(
    /// One person's place (or place in the queue) in one session.
    EnrolmentId
);
id_type!(
    /// One meeting of a session.
    MeetingId
);
id_type!(
    /// An entry of the hours ledger.
    LedgerEntryId
);
