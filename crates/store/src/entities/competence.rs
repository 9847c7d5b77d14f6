//! The `competences` table.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "competences")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub framework_id: Uuid,
    pub area_id: Uuid,
    pub code: String,
    pub position: i32,
    pub name_hu: Option<String>,
    pub name_pl: Option<String>,
    pub name_ru: Option<String>,
    pub name_en: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}
