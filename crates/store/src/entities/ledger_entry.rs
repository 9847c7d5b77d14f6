//! The `ledger_entries` table.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ledger_entries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub seq: i64,
    pub id: Uuid,
    pub person_id: Uuid,
    pub minutes: i32,
    pub occurred_on: Date,
    pub source: String,
    pub session_id: Option<Uuid>,
    pub enrolment_id: Option<Uuid>,
    pub version_id: Option<Uuid>,
    pub reference_id: Option<Uuid>,
    pub reverses: Option<Uuid>,
    pub note: String,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
