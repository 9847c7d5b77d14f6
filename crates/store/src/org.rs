//! Queries for the organisation tree.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel,
    PaginatorTrait, QueryFilter, QueryOrder,
};
use uuid::Uuid;

use crate::entities::{membership, organisation};

pub async fn insert<C: ConnectionTrait>(db: &C, o: organisation::Model) -> Result<(), DbErr> {
    organisation::Entity::insert(o.into_active_model())
        .exec_without_returning(db)
        .await?;
    Ok(())
}

pub async fn update<C: ConnectionTrait>(
    db: &C,
    o: organisation::ActiveModel,
) -> Result<organisation::Model, DbErr> {
    o.update(db).await
}

pub async fn find<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
) -> Result<Option<organisation::Model>, DbErr> {
    organisation::Entity::find_by_id(id).one(db).await
}

pub async fn find_many<C: ConnectionTrait>(
    db: &C,
    ids: &[Uuid],
) -> Result<Vec<organisation::Model>, DbErr> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    organisation::Entity::find()
        .filter(crate::one_of(db, organisation::Column::Id, ids))
        .all(db)
        .await
}

pub async fn find_by_code<C: ConnectionTrait>(
    db: &C,
    code: &str,
) -> Result<Option<organisation::Model>, DbErr> {
    organisation::Entity::find()
        .filter(organisation::Column::Code.eq(code))
        .one(db)
        .await
}

/// The whole tree in depth-first order (parents before children).
pub async fn all<C: ConnectionTrait>(db: &C) -> Result<Vec<organisation::Model>, DbErr> {
    organisation::Entity::find()
        .order_by_asc(organisation::Column::Depth)
        .order_by_asc(organisation::Column::Code)
        .all(db)
        .await
}

/// Every node inside the subtree rooted at `path`, the root included.
pub async fn subtree<C: ConnectionTrait>(
    db: &C,
    path: &str,
) -> Result<Vec<organisation::Model>, DbErr> {
    organisation::Entity::find()
        .filter(organisation::Column::Path.starts_with(path))
        .order_by_asc(organisation::Column::Depth)
        .order_by_asc(organisation::Column::Code)
        .all(db)
        .await
}

pub async fn children<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
) -> Result<Vec<organisation::Model>, DbErr> {
    organisation::Entity::find()
        .filter(organisation::Column::ParentId.eq(id))
        .order_by_asc(organisation::Column::Code)
        .all(db)
        .await
}

pub async fn count<C: ConnectionTrait>(db: &C) -> Result<u64, DbErr> {
    organisation::Entity::find().count(db).await
}

pub async fn member_count<C: ConnectionTrait>(db: &C, id: Uuid) -> Result<u64, DbErr> {
    membership::Entity::find()
        .filter(membership::Column::OrganisationId.eq(id))
        .count(db)
        .await
}

/// The organisations that name a time zone, with it.
pub async fn zones<C: ConnectionTrait>(db: &C) -> Result<Vec<(Uuid, String)>, DbErr> {
    use sea_orm::QuerySelect;
    organisation::Entity::find()
        .select_only()
        .column(organisation::Column::Id)
        .column(organisation::Column::TimeZone)
        .filter(organisation::Column::TimeZone.is_not_null())
        .into_tuple::<(Uuid, Option<String>)>()
        .all(db)
        .await
        .map(|rows| {
            rows.into_iter()
                .filter_map(|(id, z)| z.map(|z| (id, z)))
                .collect()
        })
}
