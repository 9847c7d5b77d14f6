//! The `ledger_summaries` table: one line per person with every entry of their ledger (see
//! `guildhall_domain::ledger`).

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ledger_summaries")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub person_id: Uuid,
    pub entries: i32,
    pub credits: String,
}

impl ActiveModelBehavior for ActiveModel {}
