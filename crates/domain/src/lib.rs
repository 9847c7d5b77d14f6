//! Guildhall's domain: the value types, states and rules of the platform.
//!
//! Nothing here knows about HTTP, SQL or the file system. Every rule that decides whether a
//! piece of input is acceptable lives here, so the pages, the API and the command line all
//! refuse the same things with the same [`problem::Problem`] codes.

pub mod catalog;
pub mod compliance;
pub mod identity;
pub mod ids;
pub mod lang;
pub mod ledger;
pub mod org;
pub mod problem;
pub mod sessions;
pub mod time;

pub use ids::*;
pub use lang::{Lang, Localized};
pub use problem::{FieldProblem, Problem, Problems};
pub use time::Zone;
