//! The `catalogue_releases` table.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "catalogue_releases")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub name: String,
    pub notes: String,
    pub published_by: Uuid,
    pub published_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
