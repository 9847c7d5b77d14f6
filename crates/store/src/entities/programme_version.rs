//! The `programme_versions` table.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "programme_versions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub programme_id: Uuid,
    pub version: i32,
    pub state: String,
    pub hours: i32,
    pub format: String,
    pub delivery_language: String,
    pub follow_up_days: i32,
    pub attendance_pct: i32,
    pub assessment_required: bool,
    pub licence: String,
    pub review_comment: Option<String>,
    pub author_id: Uuid,
    pub reviewed_by: Option<Uuid>,
    pub submitted_at: Option<DateTimeUtc>,
    pub reviewed_at: Option<DateTimeUtc>,
    pub published_at: Option<DateTimeUtc>,
    pub release_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub title_hu: Option<String>,
    pub title_pl: Option<String>,
    pub title_ru: Option<String>,
    pub title_en: Option<String>,
    pub description_hu: Option<String>,
    pub description_pl: Option<String>,
    pub description_ru: Option<String>,
    pub description_en: Option<String>,
    pub outcomes_hu: Option<String>,
    pub outcomes_pl: Option<String>,
    pub outcomes_ru: Option<String>,
    pub outcomes_en: Option<String>,
    pub prerequisites_hu: Option<String>,
    pub prerequisites_pl: Option<String>,
    pub prerequisites_ru: Option<String>,
    pub prerequisites_en: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}
