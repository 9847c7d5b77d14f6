//! The `catalogue_changes` table.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "catalogue_changes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub programme_id: Uuid,
    pub at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
