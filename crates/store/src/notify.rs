//! The mail outbox: every message is written here in the same transaction as the change it
//! reports, then delivered by the mail worker when a mail server is configured.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::entities::outbox;
use crate::{Page, PageRequest};

/// Statuses of an outbox message.
pub const PENDING: &str = "pending";
pub const SENDING: &str = "sending";
pub const SENT: &str = "sent";
pub const FAILED: &str = "failed";

pub async fn enqueue<C: ConnectionTrait>(db: &C, m: outbox::Model) -> Result<(), DbErr> {
    outbox::Entity::insert(m.into_active_model())
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Queues several mails in one statement.
pub async fn enqueue_many<C: ConnectionTrait>(
    db: &C,
    rows: Vec<outbox::Model>,
) -> Result<(), DbErr> {
    if rows.is_empty() {
        return Ok(());
    }
    let size = |m: &outbox::Model| m.to_address.len() + m.subject.len() + m.body.len() + 120;
    for run in crate::runs(db, rows, size) {
        outbox::Entity::insert_many(run.into_iter().map(IntoActiveModel::into_active_model))
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    to: Option<&str>,
    page: PageRequest,
) -> Result<Page<outbox::Model>, DbErr> {
    let mut q = outbox::Entity::find();
    if let Some(to) = to.map(str::trim).filter(|t| !t.is_empty()) {
        q = q.filter(outbox::Column::ToAddress.eq(to.to_lowercase()));
    }
    let total = q.clone().count(db).await?;
    let items = q
        .order_by_desc(outbox::Column::CreatedAt)
        .order_by_desc(outbox::Column::Id)
        .offset(page.offset())
        .limit(page.per_page)
        .all(db)
        .await?;
    Ok(Page {
        items,
        total,
        page: page.page,
        per_page: page.per_page,
    })
}

pub async fn find<C: ConnectionTrait>(db: &C, id: Uuid) -> Result<Option<outbox::Model>, DbErr> {
    outbox::Entity::find_by_id(id).one(db).await
}

pub async fn for_person<C: ConnectionTrait>(
    db: &C,
    person: Uuid,
) -> Result<Vec<outbox::Model>, DbErr> {
    outbox::Entity::find()
        .filter(outbox::Column::PersonId.eq(person))
        .order_by_asc(outbox::Column::CreatedAt)
        .all(db)
        .await
}

/// Claims one due message for delivery. The conditional update makes the claim exclusive
/// when several instances run the worker.
pub async fn claim_due<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
) -> Result<Option<outbox::Model>, DbErr> {
    let candidates: Vec<Uuid> = outbox::Entity::find()
        .select_only()
        .column(outbox::Column::Id)
        .filter(outbox::Column::Status.eq(PENDING))
        .filter(outbox::Column::NextAttemptAt.lte(now))
        .order_by_asc(outbox::Column::NextAttemptAt)
        .limit(5)
        .into_tuple()
        .all(db)
        .await?;
    for id in candidates {
        let r = outbox::Entity::update_many()
            .col_expr(outbox::Column::Status, Expr::value(SENDING))
            .col_expr(
                outbox::Column::Attempts,
                Expr::col(outbox::Column::Attempts).add(1),
            )
            .filter(outbox::Column::Id.eq(id))
            .filter(outbox::Column::Status.eq(PENDING))
            .exec(db)
            .await?;
        if r.rows_affected == 1 {
            return find(db, id).await;
        }
    }
    Ok(None)
}

pub async fn mark_sent<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(SENT))
        .col_expr(outbox::Column::SentAt, Expr::value(Some(at)))
        // A delivered message's secret link leaves the database.
        .col_expr(
            outbox::Column::SecretBody,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            outbox::Column::LastError,
            Expr::value(Option::<String>::None),
        )
        .filter(outbox::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Records a failed attempt: the message is retried at `retry_at`, or given up on.
pub async fn mark_failed<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    error: &str,
    retry_at: Option<DateTime<Utc>>,
) -> Result<(), DbErr> {
    let mut q = outbox::Entity::update_many()
        .col_expr(
            outbox::Column::LastError,
            Expr::value(Some(error.to_owned())),
        )
        .filter(outbox::Column::Id.eq(id));
    q = match retry_at {
        Some(at) => q
            .col_expr(outbox::Column::Status, Expr::value(PENDING))
            .col_expr(outbox::Column::NextAttemptAt, Expr::value(at)),
        None => q
            .col_expr(outbox::Column::Status, Expr::value(FAILED))
            .col_expr(
                outbox::Column::SecretBody,
                Expr::value(Option::<String>::None),
            ),
    };
    q.exec(db).await?;
    Ok(())
}

/// Puts messages left in `sending` by a process that died back in the queue.
pub async fn requeue_stuck<C: ConnectionTrait>(
    db: &C,
    claimed_before: DateTime<Utc>,
) -> Result<u64, DbErr> {
    Ok(outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(PENDING))
        .filter(outbox::Column::Status.eq(SENDING))
        .filter(outbox::Column::NextAttemptAt.lt(claimed_before))
        .exec(db)
        .await?
        .rows_affected)
}

/// Removes the personal content of a person's messages when they are erased.
pub async fn erase_person<C: ConnectionTrait>(
    db: &C,
    person: Uuid,
    placeholder: &str,
) -> Result<(), DbErr> {
    outbox::Entity::update_many()
        .col_expr(outbox::Column::ToAddress, Expr::value(placeholder))
        .col_expr(outbox::Column::Body, Expr::value(""))
        .col_expr(outbox::Column::Subject, Expr::value(""))
        .col_expr(
            outbox::Column::SecretBody,
            Expr::value(Option::<String>::None),
        )
        .filter(outbox::Column::PersonId.eq(person))
        .exec(db)
        .await?;
    Ok(())
}

/// Blanks the text to deliver of messages written before `before` (their links have
/// expired by then).
pub async fn forget_secrets_before<C: ConnectionTrait>(
    db: &C,
    before: DateTime<Utc>,
) -> Result<u64, DbErr> {
    Ok(outbox::Entity::update_many()
        .col_expr(
            outbox::Column::SecretBody,
            Expr::value(Option::<String>::None),
        )
        .filter(outbox::Column::SecretBody.is_not_null())
        .filter(outbox::Column::CreatedAt.lt(before))
        .exec(db)
        .await?
        .rows_affected)
}

/// Marks every message written before `before` as sent and drops its secret (the demo's
/// history, lived through before the platform serves anyone, was delivered when it
/// happened).
pub async fn settle_before<C: ConnectionTrait>(
    db: &C,
    before: DateTime<Utc>,
) -> Result<u64, DbErr> {
    Ok(outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(SENT))
        .col_expr(outbox::Column::SentAt, Expr::col(outbox::Column::CreatedAt))
        .col_expr(
            outbox::Column::SecretBody,
            Expr::value(Option::<String>::None),
        )
        .filter(outbox::Column::Status.eq(PENDING))
        .filter(outbox::Column::CreatedAt.lt(before))
        .exec(db)
        .await?
        .rows_affected)
}
