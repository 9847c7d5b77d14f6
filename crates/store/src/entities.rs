//! SeaORM entities, one module per table, named in the singular.
//!
//! Entities are plain row shapes; the area modules of this crate turn them into domain values.

pub mod api_token;
pub mod audit_entry;
pub mod auth_session;
pub mod email_token;
pub mod login_failure;
pub mod membership;
pub mod organisation;
pub mod outbox;
pub mod person;
pub mod role_assignment;
pub mod setting;
