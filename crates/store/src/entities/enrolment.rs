//! The `enrolments` table.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "enrolments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub seq: i64,
    pub id: Uuid,
    pub session_id: Uuid,
    pub person_id: Uuid,
    pub status: String,
    pub active_session: Option<Uuid>,
    pub expires_at: Option<DateTimeUtc>,
    pub assessment_passed: Option<bool>,
    pub completed: bool,
    pub completed_at: Option<DateTimeUtc>,
    pub reminded: bool,
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<DateTimeUtc>,
    pub decision_note: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
