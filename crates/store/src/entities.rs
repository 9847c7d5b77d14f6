//! SeaORM entities, one module per table, named in the singular.
//!
//! Entities are plain row shapes; the area modules of this crate turn them into domain values.

pub mod api_token;
pub mod attendance;
pub mod audit_entry;
pub mod auth_session;
pub mod catalogue_change;
pub mod catalogue_release;
pub mod certificate;
pub mod competence;
pub mod compliance_digest;
pub mod compliance_reminder;
pub mod compliance_rule;
pub mod email_token;
pub mod employment_start;
pub mod enrolment;
pub mod framework;
pub mod framework_area;
pub mod idempotency_key;
pub mod leave;
pub mod ledger_competence;
pub mod ledger_entry;
pub mod ledger_summary;
pub mod login_throttle;
pub mod membership;
pub mod membership_request;
pub mod notification;
pub mod organisation;
pub mod outbox;
pub mod person;
pub mod programme;
pub mod programme_version;
pub mod recognition;
pub mod role_assignment;
pub mod session_meeting;
pub mod session_region;
pub mod session_trainer;
pub mod setting;
pub mod training_session;
pub mod version_category;
pub mod version_competence;
pub mod version_region;
