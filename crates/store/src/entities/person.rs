//! The `people` table.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "people")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub email: String,
    pub name: String,
    pub password_hash: Option<String>,
    pub language: String,
    pub category: String,
    pub email_confirmed_at: Option<DateTimeUtc>,
    pub erased_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Who made this account for the person (`None`: they registered, or the console).
    pub created_by: Option<Uuid>,
}

impl ActiveModelBehavior for ActiveModel {}

/// A person's role assignments, for reading them with whatever found the person.
impl Related<super::role_assignment::Entity> for Entity {
    fn to() -> RelationDef {
        let assignment_to_person: RelationDef = super::role_assignment::Entity::belongs_to(Entity)
            .from(super::role_assignment::Column::PersonId)
            .to(Column::Id)
            .into();
        assignment_to_person.rev()
    }
}
