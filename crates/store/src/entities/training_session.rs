//! The `training_sessions` table.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "training_sessions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub programme_id: Uuid,
    pub version_id: Uuid,
    pub provider_id: Uuid,
    pub state: String,
    pub language: String,
    pub capacity: i32,
    pub taken: i32,
    /// People on the waiting list.
    pub waiting: i32,
    pub registration_opens_at: DateTimeUtc,
    pub registration_closes_at: DateTimeUtc,
    pub cancellation_deadline: DateTimeUtc,
    pub requires_approval: bool,
    pub hold_days: i32,
    pub offer_waitlist: bool,
    pub offer_hours: i32,
    pub starts_on: Date,
    pub ends_on: Date,
    pub categories: String,
    pub note: Option<String>,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// The IANA time zone its local times are in (`None`: the deployment's).
    pub time_zone: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}
