//! Queries for certificates. A certificate is inserted once and afterwards only changes
//! status (revoked, replaced); `active_enrolment` is cleared when it stops being current.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder,
    QuerySelect, sea_query::Expr,
};
use uuid::Uuid;

use crate::entities::certificate;

/// Inserts a current certificate unless its enrolment has one; whether it was inserted.
pub async fn insert_if_none<C: ConnectionTrait>(
    db: &C,
    c: certificate::Model,
) -> Result<bool, DbErr> {
    let mut am = c.into_active_model();
    am.seq = sea_orm::ActiveValue::NotSet;
    let r = certificate::Entity::insert(am)
        .on_conflict(
            OnConflict::column(certificate::Column::ActiveEnrolment)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(r > 0)
}

pub async fn find_by_code<C: ConnectionTrait>(
    db: &C,
    code: &str,
) -> Result<Option<certificate::Model>, DbErr> {
    certificate::Entity::find()
        .filter(certificate::Column::Code.eq(code))
        .one(db)
        .await
}

pub async fn find<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
) -> Result<Option<certificate::Model>, DbErr> {
    certificate::Entity::find()
        .filter(certificate::Column::Id.eq(id))
        .one(db)
        .await
}

/// The codes of these certificates: (id, code).
pub async fn codes_of<C: ConnectionTrait>(
    db: &C,
    ids: &[Uuid],
) -> Result<Vec<(Uuid, String)>, DbErr> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    certificate::Entity::find()
        .select_only()
        .columns([certificate::Column::Id, certificate::Column::Code])
        .filter(crate::one_of(db, certificate::Column::Id, ids))
        .into_tuple()
        .all(db)
        .await
}

/// The current certificate of an enrolment.
pub async fn current_of_enrolment<C: ConnectionTrait>(
    db: &C,
    enrolment: Uuid,
) -> Result<Option<certificate::Model>, DbErr> {
    certificate::Entity::find()
        .filter(certificate::Column::ActiveEnrolment.eq(enrolment))
        .one(db)
        .await
}

/// A person's certificates, newest first.
pub async fn of_person<C: ConnectionTrait>(
    db: &C,
    person: Uuid,
) -> Result<Vec<certificate::Model>, DbErr> {
    certificate::Entity::find()
        .filter(certificate::Column::PersonId.eq(person))
        .order_by_desc(certificate::Column::Seq)
        .all(db)
        .await
}

/// Ends a current certificate: `status` is `revoked` or `replaced`. Whether it was current.
pub async fn end<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    status: &str,
    at: DateTime<Utc>,
    reason: &str,
    replaced_by: Option<Uuid>,
) -> Result<bool, DbErr> {
    let r = certificate::Entity::update_many()
        .col_expr(certificate::Column::Status, Expr::value(status))
        .col_expr(certificate::Column::RevokedAt, Expr::value(Some(at)))
        .col_expr(
            certificate::Column::RevokeReason,
            Expr::value(Some(reason.to_owned())),
        )
        .col_expr(certificate::Column::ReplacedBy, Expr::value(replaced_by))
        .col_expr(
            certificate::Column::ActiveEnrolment,
            Expr::value(Option::<Uuid>::None),
        )
        .filter(certificate::Column::Id.eq(id))
        .filter(certificate::Column::Status.eq("valid"))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// The serial numbers of every certificate that is no longer valid, and the highest serial.
pub async fn ended_serials<C: ConnectionTrait>(db: &C) -> Result<(Vec<i64>, i64), DbErr> {
    let ended: Vec<i64> = certificate::Entity::find()
        .select_only()
        .column(certificate::Column::Seq)
        .filter(certificate::Column::Status.ne("valid"))
        .into_tuple()
        .all(db)
        .await?;
    let max: Option<i64> = certificate::Entity::find()
        .select_only()
        .column_as(certificate::Column::Seq.max(), "m")
        .into_tuple()
        .one(db)
        .await?
        .flatten();
    Ok((ended, max.unwrap_or(0)))
}
