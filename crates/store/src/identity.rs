//! Queries for people, memberships, role assignments, log-in sessions, API tokens, e-mail
//! tokens and log-in failures.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use uuid::Uuid;

use crate::entities::{
    api_token, auth_session, email_token, login_failure, membership, organisation, person,
    role_assignment,
};
use crate::{Page, PageRequest};

pub async fn insert_person<C: ConnectionTrait>(db: &C, p: person::Model) -> Result<(), DbErr> {
    person::Entity::insert(p.into_active_model())
        .exec_without_returning(db)
        .await?;
    Ok(())
}

pub async fn find_person<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
) -> Result<Option<person::Model>, DbErr> {
    person::Entity::find_by_id(id).one(db).await
}

pub async fn find_person_by_email<C: ConnectionTrait>(
    db: &C,
    email: &str,
) -> Result<Option<person::Model>, DbErr> {
    person::Entity::find()
        .filter(person::Column::Email.eq(email))
        .one(db)
        .await
}

pub async fn update_person<C: ConnectionTrait>(
    db: &C,
    p: person::ActiveModel,
) -> Result<person::Model, DbErr> {
    p.update(db).await
}

/// Counts a failed log-in and returns how many failures there now are in a row.
pub async fn bump_failed_logins<C: ConnectionTrait>(db: &C, id: Uuid) -> Result<i32, DbErr> {
    person::Entity::update_many()
        .col_expr(
            person::Column::FailedLogins,
            Expr::col(person::Column::FailedLogins).add(1),
        )
        .filter(person::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(find_person(db, id).await?.map_or(0, |p| p.failed_logins))
}

pub async fn lock_person<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    until: DateTime<Utc>,
) -> Result<(), DbErr> {
    person::Entity::update_many()
        .col_expr(person::Column::LockedUntil, Expr::value(Some(until)))
        .col_expr(person::Column::FailedLogins, Expr::value(0))
        .filter(person::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn clear_failed_logins<C: ConnectionTrait>(db: &C, id: Uuid) -> Result<(), DbErr> {
    person::Entity::update_many()
        .col_expr(person::Column::FailedLogins, Expr::value(0))
        .col_expr(
            person::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(person::Column::Id.eq(id))
        .filter(
            person::Column::FailedLogins
                .ne(0)
                .or(person::Column::LockedUntil.is_not_null()),
        )
        .exec(db)
        .await?;
    Ok(())
}

/// Which people a listing may show.
#[derive(Clone, Debug, Default)]
pub struct PeopleFilter {
    /// Only people who belong to an organisation inside one of these subtrees (`None`: all).
    pub within: Option<Vec<String>>,
    /// Only members of this organisation.
    pub organisation: Option<Uuid>,
    /// Part of a name or an e-mail address.
    pub text: Option<String>,
    /// Only people holding this role somewhere.
    pub role: Option<String>,
}

pub async fn list_people<C: ConnectionTrait>(
    db: &C,
    filter: &PeopleFilter,
    page: PageRequest,
) -> Result<Page<person::Model>, DbErr> {
    let mut q = person::Entity::find().filter(person::Column::ErasedAt.is_null());
    if let Some(scopes) = &filter.within {
        let mut in_scope = organisation::Entity::find()
            .select_only()
            .column(organisation::Column::Id);
        let mut cond = sea_orm::Condition::any();
        for s in scopes {
            cond = cond.add(organisation::Column::Path.starts_with(s.as_str()));
        }
        in_scope = in_scope.filter(cond);
        let members = membership::Entity::find()
            .select_only()
            .column(membership::Column::PersonId)
            .filter(
                membership::Column::OrganisationId
                    .in_subquery(sea_orm::QueryTrait::into_query(in_scope)),
            );
        q = q.filter(person::Column::Id.in_subquery(sea_orm::QueryTrait::into_query(members)));
    }
    if let Some(org) = filter.organisation {
        let members = membership::Entity::find()
            .select_only()
            .column(membership::Column::PersonId)
            .filter(membership::Column::OrganisationId.eq(org));
        q = q.filter(person::Column::Id.in_subquery(sea_orm::QueryTrait::into_query(members)));
    }
    if let Some(role) = &filter.role {
        let holders = role_assignment::Entity::find()
            .select_only()
            .column(role_assignment::Column::PersonId)
            .filter(role_assignment::Column::Role.eq(role.as_str()));
        q = q.filter(person::Column::Id.in_subquery(sea_orm::QueryTrait::into_query(holders)));
    }
    if let Some(text) = filter
        .text
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        let pattern = format!("%{}%", escape_like(&text.to_lowercase()));
        q = q.filter(
            Expr::expr(Func::lower(Expr::col(person::Column::Name)))
                .like(sea_orm::sea_query::LikeExpr::new(pattern.clone()).escape('\\'))
                .or(Expr::col(person::Column::Email)
                    .like(sea_orm::sea_query::LikeExpr::new(pattern).escape('\\'))),
        );
    }
    let total = q.clone().count(db).await?;
    let items = q
        .order_by_asc(person::Column::Name)
        .order_by_asc(person::Column::Id)
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

/// Escapes `%`, `_` and `\` for a LIKE pattern that uses `\` as its escape character.
pub fn escape_like(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

// ---- memberships ----

pub async fn add_membership<C: ConnectionTrait>(
    db: &C,
    person: Uuid,
    org: Uuid,
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    let exists = membership::Entity::find_by_id((person, org))
        .one(db)
        .await?
        .is_some();
    if !exists {
        membership::Entity::insert(membership::ActiveModel {
            person_id: Set(person),
            organisation_id: Set(org),
            created_at: Set(at),
        })
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

pub async fn remove_membership<C: ConnectionTrait>(
    db: &C,
    person: Uuid,
    org: Uuid,
) -> Result<bool, DbErr> {
    let r = membership::Entity::delete_by_id((person, org))
        .exec(db)
        .await?;
    Ok(r.rows_affected > 0)
}

pub async fn memberships_of<C: ConnectionTrait>(
    db: &C,
    person: Uuid,
) -> Result<Vec<organisation::Model>, DbErr> {
    let ids = membership::Entity::find()
        .select_only()
        .column(membership::Column::OrganisationId)
        .filter(membership::Column::PersonId.eq(person));
    organisation::Entity::find()
        .filter(organisation::Column::Id.in_subquery(sea_orm::QueryTrait::into_query(ids)))
        .order_by_asc(organisation::Column::Path)
        .all(db)
        .await
}

/// The organisation paths of many people at once: (person, path).
pub async fn membership_paths<C: ConnectionTrait>(
    db: &C,
    people: &[Uuid],
) -> Result<Vec<(Uuid, String)>, DbErr> {
    if people.is_empty() {
        return Ok(Vec::new());
    }
    membership::Entity::find()
        .select_only()
        .column(membership::Column::PersonId)
        .column(organisation::Column::Path)
        .join(
            sea_orm::JoinType::InnerJoin,
            membership::Entity::belongs_to(organisation::Entity)
                .from(membership::Column::OrganisationId)
                .to(organisation::Column::Id)
                .into(),
        )
        .filter(crate::one_of(db, membership::Column::PersonId, people))
        .into_tuple()
        .all(db)
        .await
}

/// People by id.
pub async fn find_people<C: ConnectionTrait>(
    db: &C,
    ids: &[Uuid],
) -> Result<Vec<person::Model>, DbErr> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    person::Entity::find()
        .filter(crate::one_of(db, person::Column::Id, ids))
        .all(db)
        .await
}

pub async fn delete_memberships_of<C: ConnectionTrait>(db: &C, person: Uuid) -> Result<(), DbErr> {
    membership::Entity::delete_many()
        .filter(membership::Column::PersonId.eq(person))
        .exec(db)
        .await?;
    Ok(())
}

// ---- role assignments ----

pub async fn assignments_of<C: ConnectionTrait>(
    db: &C,
    person: Uuid,
) -> Result<Vec<role_assignment::Model>, DbErr> {
    role_assignment::Entity::find()
        .filter(role_assignment::Column::PersonId.eq(person))
        .order_by_asc(role_assignment::Column::CreatedAt)
        .all(db)
        .await
}

pub async fn find_assignment<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
) -> Result<Option<role_assignment::Model>, DbErr> {
    role_assignment::Entity::find_by_id(id).one(db).await
}

pub async fn find_assignment_for<C: ConnectionTrait>(
    db: &C,
    person: Uuid,
    role: &str,
    scope_path: &str,
) -> Result<Option<role_assignment::Model>, DbErr> {
    role_assignment::Entity::find()
        .filter(role_assignment::Column::PersonId.eq(person))
        .filter(role_assignment::Column::Role.eq(role))
        .filter(role_assignment::Column::ScopePath.eq(scope_path))
        .one(db)
        .await
}

pub async fn insert_assignment<C: ConnectionTrait>(
    db: &C,
    a: role_assignment::Model,
) -> Result<(), DbErr> {
    role_assignment::Entity::insert(a.into_active_model())
        .exec_without_returning(db)
        .await?;
    Ok(())
}

pub async fn delete_assignment<C: ConnectionTrait>(db: &C, id: Uuid) -> Result<bool, DbErr> {
    Ok(role_assignment::Entity::delete_by_id(id)
        .exec(db)
        .await?
        .rows_affected
        > 0)
}

pub async fn delete_assignments_of<C: ConnectionTrait>(db: &C, person: Uuid) -> Result<(), DbErr> {
    role_assignment::Entity::delete_many()
        .filter(role_assignment::Column::PersonId.eq(person))
        .exec(db)
        .await?;
    Ok(())
}

/// The people holding `role` over exactly the organisation `org`.
pub async fn holders_of<C: ConnectionTrait>(
    db: &C,
    role: &str,
    org: Uuid,
) -> Result<Vec<Uuid>, DbErr> {
    role_assignment::Entity::find()
        .select_only()
        .column(role_assignment::Column::PersonId)
        .filter(role_assignment::Column::Role.eq(role))
        .filter(role_assignment::Column::OrganisationId.eq(org))
        .into_tuple()
        .all(db)
        .await
}

// ---- log-in sessions ----

pub async fn insert_session<C: ConnectionTrait>(
    db: &C,
    s: auth_session::Model,
) -> Result<(), DbErr> {
    auth_session::Entity::insert(s.into_active_model())
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Live log-in sessions with their people and the people's role assignments, for many
/// session digests in one statement: every page a signed-in person opens starts here, and
/// requests that arrive together are looked up together.
pub async fn find_sessions_with_grants<C: ConnectionTrait>(
    db: &C,
    id_hashes: &[String],
    now: DateTime<Utc>,
) -> Result<Vec<WithGrants<auth_session::Model>>, DbErr> {
    if id_hashes.is_empty() {
        return Ok(Vec::new());
    }
    let rows = auth_session::Entity::find()
        .filter(crate::one_of(db, auth_session::Column::IdHash, id_hashes))
        .filter(auth_session::Column::ExpiresAt.gt(now))
        .find_also_related(person::Entity)
        .find_also(person::Entity, role_assignment::Entity)
        .order_by_asc(auth_session::Column::IdHash)
        .order_by_asc(role_assignment::Column::CreatedAt)
        .all(db)
        .await?;
    Ok(with_grants(rows, |s| s.id_hash.clone()))
}

pub async fn touch_session<C: ConnectionTrait>(
    db: &C,
    id_hash: &str,
    now: DateTime<Utc>,
    expires: DateTime<Utc>,
) -> Result<(), DbErr> {
    auth_session::Entity::update_many()
        .col_expr(auth_session::Column::LastSeenAt, Expr::value(now))
        .col_expr(auth_session::Column::ExpiresAt, Expr::value(expires))
        .filter(auth_session::Column::IdHash.eq(id_hash))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn delete_session<C: ConnectionTrait>(db: &C, id_hash: &str) -> Result<(), DbErr> {
    auth_session::Entity::delete_by_id(id_hash.to_owned())
        .exec(db)
        .await?;
    Ok(())
}

pub async fn delete_sessions_of<C: ConnectionTrait>(
    db: &C,
    person: Uuid,
    except: Option<&str>,
) -> Result<(), DbErr> {
    let mut q =
        auth_session::Entity::delete_many().filter(auth_session::Column::PersonId.eq(person));
    if let Some(keep) = except {
        q = q.filter(auth_session::Column::IdHash.ne(keep));
    }
    q.exec(db).await?;
    Ok(())
}

pub async fn sessions_of<C: ConnectionTrait>(
    db: &C,
    person: Uuid,
) -> Result<Vec<auth_session::Model>, DbErr> {
    auth_session::Entity::find()
        .filter(auth_session::Column::PersonId.eq(person))
        .order_by_desc(auth_session::Column::LastSeenAt)
        .all(db)
        .await
}

pub async fn delete_expired_sessions<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    Ok(auth_session::Entity::delete_many()
        .filter(auth_session::Column::ExpiresAt.lte(now))
        .exec(db)
        .await?
        .rows_affected)
}

// ---- API tokens ----

pub async fn insert_token<C: ConnectionTrait>(db: &C, t: api_token::Model) -> Result<(), DbErr> {
    api_token::Entity::insert(t.into_active_model())
        .exec_without_returning(db)
        .await?;
    Ok(())
}

pub async fn tokens_of<C: ConnectionTrait>(
    db: &C,
    person: Uuid,
) -> Result<Vec<api_token::Model>, DbErr> {
    api_token::Entity::find()
        .filter(api_token::Column::PersonId.eq(person))
        .order_by_desc(api_token::Column::CreatedAt)
        .all(db)
        .await
}

/// Usable tokens (not revoked, not expired) with their people and the people's role
/// assignments, for many token digests in one statement: every API request starts here, and
/// requests that arrive together are looked up together.
pub async fn find_live_tokens_with_grants<C: ConnectionTrait>(
    db: &C,
    token_hashes: &[String],
    now: DateTime<Utc>,
) -> Result<Vec<WithGrants<api_token::Model>>, DbErr> {
    if token_hashes.is_empty() {
        return Ok(Vec::new());
    }
    let rows = api_token::Entity::find()
        .filter(crate::one_of(
            db,
            api_token::Column::TokenHash,
            token_hashes,
        ))
        .filter(api_token::Column::RevokedAt.is_null())
        .filter(
            api_token::Column::ExpiresAt
                .is_null()
                .or(api_token::Column::ExpiresAt.gt(now)),
        )
        .find_also_related(person::Entity)
        .find_also(person::Entity, role_assignment::Entity)
        .order_by_asc(api_token::Column::TokenHash)
        .order_by_asc(role_assignment::Column::CreatedAt)
        .all(db)
        .await?;
    Ok(with_grants(rows, |t| t.token_hash.clone()))
}

/// What was found, its person, and the person's role assignments (oldest first).
pub type WithGrants<T> = (T, person::Model, Vec<role_assignment::Model>);

/// Gathers joined rows, sorted by what was found (`key`), into one entry per thing found.
fn with_grants<T, K: PartialEq>(
    rows: Vec<(T, Option<person::Model>, Option<role_assignment::Model>)>,
    key: impl Fn(&T) -> K,
) -> Vec<WithGrants<T>> {
    let mut out: Vec<WithGrants<T>> = Vec::new();
    for (t, p, g) in rows {
        let Some(p) = p else { continue };
        match out.last_mut() {
            Some(last) if key(&last.0) == key(&t) => last.2.extend(g),
            _ => out.push((t, p, g.into_iter().collect())),
        }
    }
    out
}

pub async fn find_token<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
) -> Result<Option<api_token::Model>, DbErr> {
    api_token::Entity::find_by_id(id).one(db).await
}

pub async fn revoke_token<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    at: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let r = api_token::Entity::update_many()
        .col_expr(api_token::Column::RevokedAt, Expr::value(Some(at)))
        .filter(api_token::Column::Id.eq(id))
        .filter(api_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(r.rows_affected > 0)
}

pub async fn touch_tokens<C: ConnectionTrait>(
    db: &C,
    ids: &[Uuid],
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    api_token::Entity::update_many()
        .col_expr(api_token::Column::LastUsedAt, Expr::value(Some(at)))
        .filter(crate::one_of(db, api_token::Column::Id, ids))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn delete_tokens_of<C: ConnectionTrait>(db: &C, person: Uuid) -> Result<(), DbErr> {
    api_token::Entity::delete_many()
        .filter(api_token::Column::PersonId.eq(person))
        .exec(db)
        .await?;
    Ok(())
}

// ---- e-mail tokens (confirmation, password reset, invitation) ----

pub async fn insert_email_token<C: ConnectionTrait>(
    db: &C,
    t: email_token::Model,
) -> Result<(), DbErr> {
    email_token::Entity::insert(t.into_active_model())
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Marks a live token used and returns it; a token can be used once only, even when two
/// requests race for it.
pub async fn use_email_token<C: ConnectionTrait>(
    db: &C,
    token_hash: &str,
    purposes: &[&str],
    now: DateTime<Utc>,
) -> Result<Option<email_token::Model>, DbErr> {
    let r = email_token::Entity::update_many()
        .col_expr(email_token::Column::UsedAt, Expr::value(Some(now)))
        .filter(email_token::Column::TokenHash.eq(token_hash))
        .filter(email_token::Column::UsedAt.is_null())
        .filter(email_token::Column::ExpiresAt.gt(now))
        .filter(email_token::Column::Purpose.is_in(purposes.iter().copied()))
        .exec(db)
        .await?;
    if r.rows_affected == 0 {
        return Ok(None);
    }
    email_token::Entity::find_by_id(token_hash.to_owned())
        .one(db)
        .await
}

/// Whether a token is live, without using it (to show the form that will use it).
pub async fn peek_email_token<C: ConnectionTrait>(
    db: &C,
    token_hash: &str,
    purposes: &[&str],
    now: DateTime<Utc>,
) -> Result<Option<email_token::Model>, DbErr> {
    email_token::Entity::find_by_id(token_hash.to_owned())
        .filter(email_token::Column::UsedAt.is_null())
        .filter(email_token::Column::ExpiresAt.gt(now))
        .filter(email_token::Column::Purpose.is_in(purposes.iter().copied()))
        .one(db)
        .await
}

pub async fn delete_email_tokens_of<C: ConnectionTrait>(db: &C, person: Uuid) -> Result<(), DbErr> {
    email_token::Entity::delete_many()
        .filter(email_token::Column::PersonId.eq(person))
        .exec(db)
        .await?;
    Ok(())
}

// ---- log-in failures ----

pub async fn record_login_failure<C: ConnectionTrait>(
    db: &C,
    email: &str,
    ip: &str,
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    login_failure::Entity::insert(login_failure::ActiveModel {
        email: Set(email.to_owned()),
        ip: Set(ip.to_owned()),
        at: Set(at),
        ..Default::default()
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

pub async fn failures_from_ip_since<C: ConnectionTrait>(
    db: &C,
    ip: &str,
    since: DateTime<Utc>,
) -> Result<u64, DbErr> {
    login_failure::Entity::find()
        .filter(login_failure::Column::Ip.eq(ip))
        .filter(login_failure::Column::At.gt(since))
        .count(db)
        .await
}

pub async fn prune_login_failures<C: ConnectionTrait>(
    db: &C,
    before: DateTime<Utc>,
) -> Result<u64, DbErr> {
    Ok(login_failure::Entity::delete_many()
        .filter(login_failure::Column::At.lt(before))
        .exec(db)
        .await?
        .rows_affected)
}

/// Display names of people by id (erased people have an empty name).
pub async fn people_names<C: ConnectionTrait>(
    db: &C,
    ids: &[Uuid],
) -> Result<std::collections::HashMap<Uuid, String>, DbErr> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let rows: Vec<(Uuid, String)> = person::Entity::find()
        .select_only()
        .column(person::Column::Id)
        .column(person::Column::Name)
        .filter(crate::one_of(db, person::Column::Id, ids))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

/// Everyone holding `role` anywhere, with the subtree they hold it over.
pub async fn holders_with_role<C: ConnectionTrait>(
    db: &C,
    role: &str,
) -> Result<Vec<(Uuid, String)>, DbErr> {
    role_assignment::Entity::find()
        .select_only()
        .columns([
            role_assignment::Column::PersonId,
            role_assignment::Column::ScopePath,
        ])
        .filter(role_assignment::Column::Role.eq(role))
        .into_tuple()
        .all(db)
        .await
}
