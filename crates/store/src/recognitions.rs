//! Queries for recognitions of outside learning.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait,
};
use uuid::Uuid;

use crate::entities::{membership, organisation, recognition};

pub async fn insert<C: ConnectionTrait>(db: &C, r: recognition::Model) -> Result<(), DbErr> {
    recognition::Entity::insert(r.into_active_model())
        .exec_without_returning(db)
        .await?;
    Ok(())
}

pub async fn find<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
) -> Result<Option<recognition::Model>, DbErr> {
    recognition::Entity::find_by_id(id).one(db).await
}

/// A person's recognitions, newest first.
pub async fn of_person<C: ConnectionTrait>(
    db: &C,
    person: Uuid,
) -> Result<Vec<recognition::Model>, DbErr> {
    recognition::Entity::find()
        .filter(recognition::Column::PersonId.eq(person))
        .order_by_desc(recognition::Column::CreatedAt)
        .all(db)
        .await
}

/// Pending recognitions of people working under any of these paths, oldest first.
pub async fn pending_within<C: ConnectionTrait>(
    db: &C,
    scopes: &[String],
) -> Result<Vec<recognition::Model>, DbErr> {
    let mut any = sea_orm::Condition::any();
    for s in scopes {
        any = any.add(organisation::Column::Path.starts_with(s.as_str()));
    }
    let orgs = organisation::Entity::find()
        .select_only()
        .column(organisation::Column::Id)
        .filter(any)
        .into_query();
    let people = membership::Entity::find()
        .select_only()
        .column(membership::Column::PersonId)
        .filter(membership::Column::OrganisationId.in_subquery(orgs))
        .into_query();
    recognition::Entity::find()
        .filter(recognition::Column::Status.eq("pending"))
        .filter(recognition::Column::PersonId.in_subquery(people))
        .order_by_asc(recognition::Column::CreatedAt)
        .all(db)
        .await
}

/// Decides a pending recognition; whether it was still pending.
pub async fn decide<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    status: &str,
    by: Uuid,
    at: DateTime<Utc>,
    reason: Option<&str>,
) -> Result<bool, DbErr> {
    let r = recognition::Entity::update_many()
        .col_expr(recognition::Column::Status, Expr::value(status))
        .col_expr(recognition::Column::DecidedBy, Expr::value(Some(by)))
        .col_expr(recognition::Column::DecidedAt, Expr::value(Some(at)))
        .col_expr(
            recognition::Column::Reason,
            Expr::value(reason.map(str::to_owned)),
        )
        .filter(recognition::Column::Id.eq(id))
        .filter(recognition::Column::Status.eq("pending"))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}
