//! The `session_meetings` table.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "session_meetings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub session_id: Uuid,
    pub position: i32,
    pub day: Date,
    pub starts_at: Time,
    pub ends_at: Time,
    pub place: Option<String>,
    pub online_link: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}
