//! The append-only audit log: rows are inserted and read, never changed.

use chrono::{DateTime, Utc};
use sea_orm::ExprTrait;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use uuid::Uuid;

use crate::entities::audit_entry;
use crate::{Page, PageRequest};

/// One change, as the application describes it.
#[derive(Clone, Debug)]
pub struct NewEntry {
    pub at: DateTime<Utc>,
    pub actor_id: Option<Uuid>,
    pub ip: Option<String>,
    pub action: String,
    pub object_type: String,
    pub object_id: String,
    pub scope_path: Option<String>,
    pub details: serde_json::Value,
}

/// Appends several entries in one statement, in the order given.
pub async fn append_many<C: ConnectionTrait>(db: &C, entries: Vec<NewEntry>) -> Result<(), DbErr> {
    if entries.is_empty() {
        return Ok(());
    }
    let size = |e: &NewEntry| {
        100 + e.action.len()
            + e.object_type.len()
            + e.object_id.len()
            + e.ip.as_ref().map_or(0, String::len)
            + e.scope_path.as_ref().map_or(0, String::len)
            + e.details.to_string().len()
    };
    for run in crate::runs(db, entries, size) {
        audit_entry::Entity::insert_many(run.into_iter().map(active))
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

fn active(e: NewEntry) -> audit_entry::ActiveModel {
    audit_entry::ActiveModel {
        at: Set(e.at),
        actor_id: Set(e.actor_id),
        ip: Set(e.ip),
        action: Set(e.action),
        object_type: Set(e.object_type),
        object_id: Set(e.object_id),
        scope_path: Set(e.scope_path),
        details: Set(e.details.to_string()),
        ..Default::default()
    }
}

pub async fn append<C: ConnectionTrait>(db: &C, e: NewEntry) -> Result<(), DbErr> {
    audit_entry::Entity::insert(active(e))
        .exec_without_returning(db)
        .await?;
    Ok(())
}

#[derive(Clone, Debug, Default)]
pub struct AuditFilter {
    pub actor: Option<Uuid>,
    pub action_prefix: Option<String>,
    pub object_type: Option<String>,
    pub object_id: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

/// Entries matching the filter, newest first.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    f: &AuditFilter,
    page: PageRequest,
) -> Result<Page<audit_entry::Model>, DbErr> {
    let mut q = audit_entry::Entity::find();
    if let Some(a) = f.actor {
        q = q.filter(audit_entry::Column::ActorId.eq(a));
    }
    if let Some(p) = f.action_prefix.as_deref().filter(|p| !p.is_empty()) {
        q = q.filter(audit_entry::Column::Action.starts_with(p));
    }
    if let Some(t) = f.object_type.as_deref().filter(|p| !p.is_empty()) {
        q = q.filter(audit_entry::Column::ObjectType.eq(t));
    }
    if let Some(o) = f.object_id.as_deref().filter(|p| !p.is_empty()) {
        q = q.filter(audit_entry::Column::ObjectId.eq(o));
    }
    if let Some(from) = f.from {
        q = q.filter(audit_entry::Column::At.gte(from));
    }
    if let Some(to) = f.to {
        q = q.filter(audit_entry::Column::At.lt(to));
    }
    let total = q.clone().count(db).await?;
    let items = q
        .order_by_desc(audit_entry::Column::Id)
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

/// Entries a person made or that are about them, for their personal-data export.
pub async fn about_person<C: ConnectionTrait>(
    db: &C,
    person: Uuid,
) -> Result<Vec<audit_entry::Model>, DbErr> {
    audit_entry::Entity::find()
        .filter(
            audit_entry::Column::ActorId
                .eq(person)
                .or(audit_entry::Column::ObjectId.eq(person.to_string())),
        )
        .order_by_asc(audit_entry::Column::Id)
        .all(db)
        .await
}
