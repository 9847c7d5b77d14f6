//! The `recognitions` table.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "recognitions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub person_id: Uuid,
    /// `training` or `industry`.
    pub kind: String,
    pub title: String,
    pub provider: String,
    pub starts_on: Date,
    pub ends_on: Date,
    pub minutes: i32,
    /// Competence keys, comma-separated.
    pub competences: String,
    pub evidence_name: String,
    pub evidence_type: String,
    pub evidence_size: i32,
    pub evidence_sha256: String,
    /// `pending`, `approved` or `rejected`.
    pub status: String,
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<DateTimeUtc>,
    pub reason: Option<String>,
    pub created_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
