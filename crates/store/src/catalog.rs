//! Queries for frameworks, programmes, versions, releases and the catalogue change log.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, UnionType};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, JoinType,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Set,
};
use uuid::Uuid;

use crate::entities::{
    catalogue_change, catalogue_release, competence, framework, framework_area, organisation,
    programme, programme_version, version_category, version_competence, version_region,
};

// ---- frameworks ----

/// Every framework with its areas and competences, in display order.
pub struct Frameworks {
    pub frameworks: Vec<framework::Model>,
    pub areas: Vec<framework_area::Model>,
    pub competences: Vec<competence::Model>,
}

pub async fn frameworks<C: ConnectionTrait>(db: &C) -> Result<Frameworks, DbErr> {
    Ok(Frameworks {
        frameworks: framework::Entity::find()
            .order_by_asc(framework::Column::Code)
            .all(db)
            .await?,
        areas: framework_area::Entity::find()
            .order_by_asc(framework_area::Column::Position)
            .all(db)
            .await?,
        competences: competence::Entity::find()
            .order_by_asc(competence::Column::Position)
            .all(db)
            .await?,
    })
}

pub async fn find_framework_by_code<C: ConnectionTrait>(
    db: &C,
    code: &str,
) -> Result<Option<framework::Model>, DbErr> {
    framework::Entity::find()
        .filter(framework::Column::Code.eq(code))
        .one(db)
        .await
}

pub async fn insert_framework<C: ConnectionTrait>(
    db: &C,
    f: framework::Model,
) -> Result<(), DbErr> {
    framework::Entity::insert(f.into_active_model())
        .exec_without_returning(db)
        .await?;
    Ok(())
}

pub async fn insert_areas<C: ConnectionTrait>(
    db: &C,
    rows: Vec<framework_area::Model>,
) -> Result<(), DbErr> {
    for chunk in rows.chunks(500) {
        framework_area::Entity::insert_many(
            chunk
                .iter()
                .cloned()
                .map(IntoActiveModel::into_active_model),
        )
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

pub async fn insert_competences<C: ConnectionTrait>(
    db: &C,
    rows: Vec<competence::Model>,
) -> Result<(), DbErr> {
    for chunk in rows.chunks(500) {
        competence::Entity::insert_many(
            chunk
                .iter()
                .cloned()
                .map(IntoActiveModel::into_active_model),
        )
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

// ---- programmes and versions ----

pub async fn insert_programme<C: ConnectionTrait>(
    db: &C,
    p: programme::Model,
) -> Result<(), DbErr> {
    programme::Entity::insert(p.into_active_model())
        .exec_without_returning(db)
        .await?;
    Ok(())
}

pub async fn update_programme<C: ConnectionTrait>(
    db: &C,
    p: programme::ActiveModel,
) -> Result<programme::Model, DbErr> {
    p.update(db).await
}

pub async fn find_programme<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
) -> Result<Option<programme::Model>, DbErr> {
    programme::Entity::find_by_id(id).one(db).await
}

pub async fn find_programme_by_code<C: ConnectionTrait>(
    db: &C,
    code: &str,
) -> Result<Option<programme::Model>, DbErr> {
    programme::Entity::find()
        .filter(programme::Column::Code.eq(code))
        .one(db)
        .await
}

pub async fn insert_version<C: ConnectionTrait>(
    db: &C,
    v: programme_version::Model,
) -> Result<(), DbErr> {
    programme_version::Entity::insert(v.into_active_model())
        .exec_without_returning(db)
        .await?;
    Ok(())
}

pub async fn update_version<C: ConnectionTrait>(
    db: &C,
    v: programme_version::ActiveModel,
) -> Result<programme_version::Model, DbErr> {
    v.update(db).await
}

pub async fn find_version<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
) -> Result<Option<programme_version::Model>, DbErr> {
    programme_version::Entity::find_by_id(id).one(db).await
}

pub async fn find_versions<C: ConnectionTrait>(
    db: &C,
    ids: &[Uuid],
) -> Result<Vec<programme_version::Model>, DbErr> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    programme_version::Entity::find()
        .filter(crate::one_of(db, programme_version::Column::Id, ids))
        .all(db)
        .await
}

/// A programme with the organisation that provides it, in one round trip.
pub async fn find_programme_with_provider<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
) -> Result<Option<(programme::Model, organisation::Model)>, DbErr> {
    let row = programme::Entity::find_by_id(id)
        .join(
            JoinType::InnerJoin,
            programme::Entity::belongs_to(organisation::Entity)
                .from(programme::Column::ProviderId)
                .to(organisation::Column::Id)
                .into(),
        )
        .select_also(organisation::Entity)
        .one(db)
        .await?;
    Ok(row.and_then(|(p, o)| o.map(|o| (p, o))))
}

/// Versions with their programmes, by version id, in one round trip.
pub async fn versions_with_programmes<C: ConnectionTrait>(
    db: &C,
    ids: &[Uuid],
) -> Result<Vec<(programme_version::Model, programme::Model)>, DbErr> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows = programme_version::Entity::find()
        .join(
            JoinType::InnerJoin,
            programme_version::Entity::belongs_to(programme::Entity)
                .from(programme_version::Column::ProgrammeId)
                .to(programme::Column::Id)
                .into(),
        )
        .select_also(programme::Entity)
        .filter(crate::one_of(db, programme_version::Column::Id, ids))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(v, p)| p.map(|p| (v, p)))
        .collect())
}

pub async fn versions_of<C: ConnectionTrait>(
    db: &C,
    programme: Uuid,
) -> Result<Vec<programme_version::Model>, DbErr> {
    programme_version::Entity::find()
        .filter(programme_version::Column::ProgrammeId.eq(programme))
        .order_by_desc(programme_version::Column::Version)
        .all(db)
        .await
}

pub async fn latest_version<C: ConnectionTrait>(
    db: &C,
    programme: Uuid,
) -> Result<Option<programme_version::Model>, DbErr> {
    programme_version::Entity::find()
        .filter(programme_version::Column::ProgrammeId.eq(programme))
        .order_by_desc(programme_version::Column::Version)
        .one(db)
        .await
}

/// Moves a version from one state to another; false when it was no longer in `from` (another
/// request moved it first).
pub async fn move_version<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    from: &str,
    to: programme_version::ActiveModel,
) -> Result<bool, DbErr> {
    let mut q = programme_version::Entity::update_many()
        .filter(programme_version::Column::Id.eq(id))
        .filter(programme_version::Column::State.eq(from));
    q = q.set(to);
    Ok(q.exec(db).await?.rows_affected == 1)
}

/// The competences, regions and learner categories of a version.
#[derive(Clone, Debug, Default)]
pub struct VersionLinks {
    pub competences: Vec<Uuid>,
    pub regions: Vec<Uuid>,
    pub categories: Vec<String>,
}

pub async fn set_links<C: ConnectionTrait>(
    db: &C,
    version: Uuid,
    links: &VersionLinks,
) -> Result<(), DbErr> {
    version_competence::Entity::delete_many()
        .filter(version_competence::Column::VersionId.eq(version))
        .exec(db)
        .await?;
    version_region::Entity::delete_many()
        .filter(version_region::Column::VersionId.eq(version))
        .exec(db)
        .await?;
    version_category::Entity::delete_many()
        .filter(version_category::Column::VersionId.eq(version))
        .exec(db)
        .await?;
    if !links.competences.is_empty() {
        version_competence::Entity::insert_many(links.competences.iter().map(|c| {
            version_competence::ActiveModel {
                version_id: Set(version),
                competence_id: Set(*c),
            }
        }))
        .exec_without_returning(db)
        .await?;
    }
    if !links.regions.is_empty() {
        version_region::Entity::insert_many(links.regions.iter().map(|r| {
            version_region::ActiveModel {
                version_id: Set(version),
                region_id: Set(*r),
            }
        }))
        .exec_without_returning(db)
        .await?;
    }
    if !links.categories.is_empty() {
        version_category::Entity::insert_many(links.categories.iter().map(|c| {
            version_category::ActiveModel {
                version_id: Set(version),
                category: Set(c.clone()),
            }
        }))
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

/// The links of many versions at once (two round trips however many versions).
pub async fn links_of<C: ConnectionTrait>(
    db: &C,
    versions: &[Uuid],
) -> Result<HashMap<Uuid, VersionLinks>, DbErr> {
    let mut out: HashMap<Uuid, VersionLinks> = HashMap::new();
    for chunk in versions.chunks(5_000) {
        // Competences and regions are both (version, id) pairs: one round trip for both.
        let mut pairs = version_competence::Entity::find()
            .select_only()
            .column_as(version_competence::Column::VersionId, "v")
            .column_as(version_competence::Column::CompetenceId, "x")
            .column_as(Expr::val(0), "k")
            .filter(crate::one_of(
                db,
                version_competence::Column::VersionId,
                chunk,
            ))
            .into_query();
        pairs.union(
            UnionType::All,
            version_region::Entity::find()
                .select_only()
                .column_as(version_region::Column::VersionId, "v")
                .column_as(version_region::Column::RegionId, "x")
                .column_as(Expr::val(1), "k")
                .filter(crate::one_of(db, version_region::Column::VersionId, chunk))
                .into_query(),
        );
        for row in db.query_all(&pairs).await? {
            let v: Uuid = row.try_get("", "v")?;
            let x: Uuid = row.try_get("", "x")?;
            let k: i32 = row.try_get("", "k")?;
            let links = out.entry(v).or_default();
            if k == 0 {
                links.competences.push(x);
            } else {
                links.regions.push(x);
            }
        }
        let cats: Vec<(Uuid, String)> = version_category::Entity::find()
            .select_only()
            .columns([
                version_category::Column::VersionId,
                version_category::Column::Category,
            ])
            .filter(crate::one_of(
                db,
                version_category::Column::VersionId,
                chunk,
            ))
            .into_tuple()
            .all(db)
            .await?;
        for (v, c) in cats {
            out.entry(v).or_default().categories.push(c);
        }
    }
    Ok(out)
}

/// A programme as the public catalogue shows it: its published version and links.
#[derive(Clone, Debug)]
pub struct PublishedRow {
    pub programme: programme::Model,
    pub version: programme_version::Model,
    pub links: VersionLinks,
}

/// The published programmes (all, or only those in `only`).
/// The ids of every programme in the public catalogue.
pub async fn published_ids<C: ConnectionTrait>(db: &C) -> Result<Vec<Uuid>, DbErr> {
    programme::Entity::find()
        .select_only()
        .column(programme::Column::Id)
        .filter(programme::Column::PublishedVersionId.is_not_null())
        .filter(programme::Column::RetiredAt.is_null())
        .order_by_asc(programme::Column::Id)
        .into_tuple()
        .all(db)
        .await
}

pub async fn published<C: ConnectionTrait>(
    db: &C,
    only: Option<&[Uuid]>,
) -> Result<Vec<PublishedRow>, DbErr> {
    let mut q = programme::Entity::find()
        .filter(programme::Column::PublishedVersionId.is_not_null())
        .filter(programme::Column::RetiredAt.is_null());
    if let Some(ids) = only {
        q = q.filter(crate::one_of(db, programme::Column::Id, ids));
    }
    let programmes = q.all(db).await?;
    let version_ids: Vec<Uuid> = programmes
        .iter()
        .filter_map(|p| p.published_version_id)
        .collect();
    let mut versions: HashMap<Uuid, programme_version::Model> = HashMap::new();
    for chunk in version_ids.chunks(5_000) {
        for v in programme_version::Entity::find()
            .filter(crate::one_of(db, programme_version::Column::Id, chunk))
            .all(db)
            .await?
        {
            versions.insert(v.id, v);
        }
    }
    let mut links = links_of(db, &version_ids).await?;
    Ok(programmes
        .into_iter()
        .filter_map(|p| {
            let v = versions.remove(&p.published_version_id?)?;
            let l = links.remove(&v.id).unwrap_or_default();
            Some(PublishedRow {
                programme: p,
                version: v,
                links: l,
            })
        })
        .collect())
}

/// Versions in a state, with their programme, newest first; restricted to providers whose
/// organisation path starts with one of `scopes` (`None`: everywhere).
pub async fn versions_in_state<C: ConnectionTrait>(
    db: &C,
    state: &str,
    scopes: Option<&[String]>,
    limit: u64,
) -> Result<Vec<(programme_version::Model, programme::Model)>, DbErr> {
    let mut progs = programme::Entity::find();
    if let Some(scopes) = scopes {
        let mut cond = sea_orm::Condition::any();
        for s in scopes {
            cond = cond.add(organisation::Column::Path.starts_with(s.as_str()));
        }
        let orgs = organisation::Entity::find()
            .select_only()
            .column(organisation::Column::Id)
            .filter(cond);
        progs = progs.filter(
            programme::Column::ProviderId.in_subquery(sea_orm::QueryTrait::into_query(orgs)),
        );
    }
    let ids = progs.select_only().column(programme::Column::Id);
    let versions = programme_version::Entity::find()
        .filter(programme_version::Column::State.eq(state))
        .filter(
            programme_version::Column::ProgrammeId
                .in_subquery(sea_orm::QueryTrait::into_query(ids)),
        )
        .order_by_desc(programme_version::Column::UpdatedAt)
        .limit(limit)
        .all(db)
        .await?;
    let pids: Vec<Uuid> = versions.iter().map(|v| v.programme_id).collect();
    let programmes: HashMap<Uuid, programme::Model> = programme::Entity::find()
        .filter(crate::one_of(db, programme::Column::Id, &pids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    Ok(versions
        .into_iter()
        .filter_map(|v| programmes.get(&v.programme_id).cloned().map(|p| (v, p)))
        .collect())
}

/// Programmes of the given providers, with their latest version.
pub async fn programmes_of_providers<C: ConnectionTrait>(
    db: &C,
    providers: &[Uuid],
) -> Result<Vec<(programme::Model, programme_version::Model)>, DbErr> {
    if providers.is_empty() {
        return Ok(Vec::new());
    }
    let programmes = programme::Entity::find()
        .filter(crate::one_of(db, programme::Column::ProviderId, providers))
        .order_by_asc(programme::Column::Code)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(programmes.len());
    let ids: Vec<Uuid> = programmes.iter().map(|p| p.id).collect();
    let versions = programme_version::Entity::find()
        .filter(crate::one_of(
            db,
            programme_version::Column::ProgrammeId,
            &ids,
        ))
        .all(db)
        .await?;
    for p in programmes {
        if let Some(v) = versions
            .iter()
            .filter(|v| v.programme_id == p.id)
            .max_by_key(|v| v.version)
        {
            out.push((p, v.clone()));
        }
    }
    Ok(out)
}

pub async fn count_programmes<C: ConnectionTrait>(db: &C) -> Result<u64, DbErr> {
    programme::Entity::find().count(db).await
}

// ---- releases ----

pub async fn insert_release<C: ConnectionTrait>(
    db: &C,
    r: catalogue_release::Model,
) -> Result<(), DbErr> {
    catalogue_release::Entity::insert(r.into_active_model())
        .exec_without_returning(db)
        .await?;
    Ok(())
}

pub async fn releases<C: ConnectionTrait>(db: &C) -> Result<Vec<catalogue_release::Model>, DbErr> {
    catalogue_release::Entity::find()
        .order_by_desc(catalogue_release::Column::PublishedAt)
        .all(db)
        .await
}

pub async fn find_release<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
) -> Result<Option<catalogue_release::Model>, DbErr> {
    catalogue_release::Entity::find_by_id(id).one(db).await
}

pub async fn versions_of_release<C: ConnectionTrait>(
    db: &C,
    release: Uuid,
) -> Result<Vec<(programme_version::Model, programme::Model)>, DbErr> {
    let versions = programme_version::Entity::find()
        .filter(programme_version::Column::ReleaseId.eq(release))
        .all(db)
        .await?;
    let pids: Vec<Uuid> = versions.iter().map(|v| v.programme_id).collect();
    let programmes: HashMap<Uuid, programme::Model> = programme::Entity::find()
        .filter(crate::one_of(db, programme::Column::Id, &pids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let mut out: Vec<_> = versions
        .into_iter()
        .filter_map(|v| programmes.get(&v.programme_id).cloned().map(|p| (v, p)))
        .collect();
    out.sort_by(|a, b| a.1.code.cmp(&b.1.code));
    Ok(out)
}

// ---- change log ----

pub async fn record_change<C: ConnectionTrait>(
    db: &C,
    programme: Uuid,
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    catalogue_change::Entity::insert(catalogue_change::ActiveModel {
        programme_id: Set(programme),
        at: Set(at),
        ..Default::default()
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// The newest change's id (0 when there is none).
pub async fn last_change<C: ConnectionTrait>(db: &C) -> Result<i64, DbErr> {
    let row: Option<Option<i64>> = catalogue_change::Entity::find()
        .select_only()
        .column_as(catalogue_change::Column::Id.max(), "m")
        .into_tuple()
        .one(db)
        .await?;
    Ok(row.flatten().unwrap_or(0))
}

/// Programmes changed after change `after`, and the newest change id.
pub async fn changes_since<C: ConnectionTrait>(
    db: &C,
    after: i64,
) -> Result<(Vec<Uuid>, i64), DbErr> {
    let rows: Vec<(i64, Uuid)> = catalogue_change::Entity::find()
        .select_only()
        .columns([
            catalogue_change::Column::Id,
            catalogue_change::Column::ProgrammeId,
        ])
        .filter(catalogue_change::Column::Id.gt(after))
        .order_by_asc(catalogue_change::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let last = rows.last().map_or(after, |r| r.0);
    let mut ids: Vec<Uuid> = rows.into_iter().map(|r| r.1).collect();
    ids.sort();
    ids.dedup();
    Ok((ids, last))
}
