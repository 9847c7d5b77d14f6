//! The `membership_requests` table.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "membership_requests")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub person_id: Uuid,
    pub organisation_id: Uuid,
    /// `application` (the person asks the organisation) or `invitation` (the organisation
    /// asks the person).
    pub kind: String,
    pub requested_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    /// `accepted`, `declined` or `withdrawn`; `None` while it waits.
    pub decision: Option<String>,
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<DateTimeUtc>,
    /// The organisation while the request waits (one open request per person and
    /// organisation, by a unique index); cleared when it is decided.
    pub open_org: Option<Uuid>,
}

impl ActiveModelBehavior for ActiveModel {}
