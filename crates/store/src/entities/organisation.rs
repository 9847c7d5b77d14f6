//! The `organisations` table.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "organisations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub parent_id: Option<Uuid>,
    pub kind: String,
    pub code: String,
    pub name_hu: Option<String>,
    pub name_pl: Option<String>,
    pub name_ru: Option<String>,
    pub name_en: Option<String>,
    pub path: String,
    pub depth: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// The IANA time zone of a region or country (`None`: its parent's).
    pub time_zone: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}
