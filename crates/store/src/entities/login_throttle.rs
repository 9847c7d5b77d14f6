//! The `login_throttles` table.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "login_throttles")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    pub attempts: i32,
    pub last_at: DateTimeUtc,
    pub blocked_until: Option<DateTimeUtc>,
    pub notified_at: Option<DateTimeUtc>,
}

impl ActiveModelBehavior for ActiveModel {}
