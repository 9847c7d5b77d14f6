//! The `compliance_reminders` table.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "compliance_reminders")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub person_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub rule_code: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub deadline: Date,
    #[sea_orm(primary_key, auto_increment = false)]
    pub days_before: i32,
    pub sent_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
