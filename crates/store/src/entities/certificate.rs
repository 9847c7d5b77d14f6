//! The `certificates` table.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "certificates")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub seq: i64,
    pub id: Uuid,
    pub enrolment_id: Uuid,
    pub active_enrolment: Option<Uuid>,
    pub person_id: Uuid,
    pub session_id: Uuid,
    pub version_id: Uuid,
    pub code: String,
    pub language: String,
    pub minutes: i32,
    pub completed_on: Date,
    pub issued_at: DateTimeUtc,
    pub status: String,
    pub revoked_at: Option<DateTimeUtc>,
    pub revoke_reason: Option<String>,
    pub replaced_by: Option<Uuid>,
}

impl ActiveModelBehavior for ActiveModel {}
