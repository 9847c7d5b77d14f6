//! Queries for people, memberships, role assignments, log-in sessions, API tokens, e-mail
//! tokens, log-in throttles and membership requests.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use uuid::Uuid;

use crate::entities::{
    api_token, auth_session, email_token, login_throttle, membership, membership_request,
    organisation, person, role_assignment,
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

/// The role assignments of many people at once.
pub async fn assignments_of_many<C: ConnectionTrait>(
    db: &C,
    people: &[Uuid],
) -> Result<Vec<role_assignment::Model>, DbErr> {
    if people.is_empty() {
        return Ok(Vec::new());
    }
    role_assignment::Entity::find()
        .filter(crate::one_of(db, role_assignment::Column::PersonId, people))
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

/// The role assignments of `roles` that reach the node at `path` (held over it or over one
/// of its ancestors), nearest first.
pub async fn holders_over<C: ConnectionTrait>(
    db: &C,
    roles: &[&str],
    path: &str,
) -> Result<Vec<role_assignment::Model>, DbErr> {
    let mut ancestors = vec!["/".to_owned()];
    let mut at = 1;
    while let Some(i) = path[at..].find('/') {
        ancestors.push(path[..at + i + 1].to_owned());
        at += i + 1;
    }
    let mut rows = role_assignment::Entity::find()
        .filter(role_assignment::Column::Role.is_in(roles.iter().copied()))
        .filter(crate::one_of(
            db,
            role_assignment::Column::ScopePath,
            &ancestors,
        ))
        .all(db)
        .await?;
    rows.sort_by(|a, b| {
        b.scope_path
            .len()
            .cmp(&a.scope_path.len())
            .then(a.created_at.cmp(&b.created_at))
    });
    Ok(rows)
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

/// Ends a person's log-in sessions but `except`; returns how many ended.
pub async fn delete_sessions_of<C: ConnectionTrait>(
    db: &C,
    person: Uuid,
    except: Option<&str>,
) -> Result<u64, DbErr> {
    let mut q =
        auth_session::Entity::delete_many().filter(auth_session::Column::PersonId.eq(person));
    if let Some(keep) = except {
        q = q.filter(auth_session::Column::IdHash.ne(keep));
    }
    Ok(q.exec(db).await?.rows_affected)
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

/// Revokes every live token of a person; returns how many were live.
pub async fn revoke_tokens_of<C: ConnectionTrait>(
    db: &C,
    person: Uuid,
    at: DateTime<Utc>,
) -> Result<u64, DbErr> {
    Ok(api_token::Entity::update_many()
        .col_expr(api_token::Column::RevokedAt, Expr::value(Some(at)))
        .filter(api_token::Column::PersonId.eq(person))
        .filter(api_token::Column::RevokedAt.is_null())
        .filter(
            api_token::Column::ExpiresAt
                .is_null()
                .or(api_token::Column::ExpiresAt.gt(at)),
        )
        .exec(db)
        .await?
        .rows_affected)
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

/// Voids a person's unused links of the given purposes (a newer link was sent, or one of
/// them was used, or the password changed).
pub async fn void_email_tokens<C: ConnectionTrait>(
    db: &C,
    person: Uuid,
    purposes: &[&str],
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    Ok(email_token::Entity::update_many()
        .col_expr(email_token::Column::UsedAt, Expr::value(Some(now)))
        .filter(email_token::Column::PersonId.eq(person))
        .filter(email_token::Column::UsedAt.is_null())
        .filter(email_token::Column::Purpose.is_in(purposes.iter().copied()))
        .exec(db)
        .await?
        .rows_affected)
}

pub async fn delete_email_tokens_of<C: ConnectionTrait>(db: &C, person: Uuid) -> Result<(), DbErr> {
    email_token::Entity::delete_many()
        .filter(email_token::Column::PersonId.eq(person))
        .exec(db)
        .await?;
    Ok(())
}

// ---- log-in throttles ----

/// A throttle's row, if it has one.
pub async fn find_throttle<C: ConnectionTrait>(
    db: &C,
    key: &str,
) -> Result<Option<login_throttle::Model>, DbErr> {
    login_throttle::Entity::find_by_id(key.to_owned())
        .one(db)
        .await
}

/// Writes a throttle's new state if nobody changed it since `seen` was read (`None`: the row
/// did not exist). Returns whether this writer won: of several attempts that read the same
/// state, exactly one does, so every attempt is counted once.
pub async fn swap_throttle<C: ConnectionTrait>(
    db: &C,
    seen: Option<&login_throttle::Model>,
    next: login_throttle::Model,
) -> Result<bool, DbErr> {
    match seen {
        None => {
            let r = login_throttle::Entity::insert(next.into_active_model())
                .on_conflict(
                    sea_orm::sea_query::OnConflict::column(login_throttle::Column::Key)
                        .do_nothing()
                        .to_owned(),
                )
                .exec_without_returning(db)
                .await?;
            Ok(r == 1)
        }
        Some(old) => {
            let r = login_throttle::Entity::update_many()
                .col_expr(login_throttle::Column::Attempts, Expr::value(next.attempts))
                .col_expr(login_throttle::Column::LastAt, Expr::value(next.last_at))
                .col_expr(
                    login_throttle::Column::BlockedUntil,
                    Expr::value(next.blocked_until),
                )
                .col_expr(
                    login_throttle::Column::NotifiedAt,
                    Expr::value(next.notified_at),
                )
                .filter(login_throttle::Column::Key.eq(old.key.as_str()))
                .filter(login_throttle::Column::Attempts.eq(old.attempts))
                .filter(login_throttle::Column::LastAt.eq(old.last_at))
                .exec(db)
                .await?;
            Ok(r.rows_affected == 1)
        }
    }
}

/// Gives back one reserved attempt (the password was right), never below zero.
pub async fn release_throttle<C: ConnectionTrait>(db: &C, key: &str) -> Result<(), DbErr> {
    login_throttle::Entity::update_many()
        .col_expr(
            login_throttle::Column::Attempts,
            Expr::col(login_throttle::Column::Attempts).sub(1),
        )
        .filter(login_throttle::Column::Key.eq(key))
        .filter(login_throttle::Column::Attempts.gt(0))
        .exec(db)
        .await?;
    Ok(())
}

/// Marks that the account's owner was told of the attempts, if nobody did since `since`.
/// Returns whether this caller should tell them.
pub async fn claim_throttle_notice<C: ConnectionTrait>(
    db: &C,
    key: &str,
    now: DateTime<Utc>,
    since: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let r = login_throttle::Entity::update_many()
        .col_expr(login_throttle::Column::NotifiedAt, Expr::value(Some(now)))
        .filter(login_throttle::Column::Key.eq(key))
        .filter(
            login_throttle::Column::NotifiedAt
                .is_null()
                .or(login_throttle::Column::NotifiedAt.lt(since)),
        )
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// Deletes throttles untouched since `before`.
pub async fn prune_throttles<C: ConnectionTrait>(
    db: &C,
    before: DateTime<Utc>,
) -> Result<u64, DbErr> {
    Ok(login_throttle::Entity::delete_many()
        .filter(login_throttle::Column::LastAt.lt(before))
        .exec(db)
        .await?
        .rows_affected)
}

// ---- membership requests ----

/// Opens a request; `false` (and nothing written) when the person already has one open with
/// that organisation.
pub async fn insert_membership_request<C: ConnectionTrait>(
    db: &C,
    r: membership_request::Model,
) -> Result<bool, DbErr> {
    let n = membership_request::Entity::insert(r.into_active_model())
        .on_conflict(
            sea_orm::sea_query::OnConflict::columns([
                membership_request::Column::PersonId,
                membership_request::Column::OpenOrg,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(n == 1)
}

/// The open request of a person to (or from) an organisation.
pub async fn open_membership_request<C: ConnectionTrait>(
    db: &C,
    person: Uuid,
    org: Uuid,
) -> Result<Option<membership_request::Model>, DbErr> {
    membership_request::Entity::find()
        .filter(membership_request::Column::PersonId.eq(person))
        .filter(membership_request::Column::OpenOrg.eq(org))
        .one(db)
        .await
}

pub async fn find_membership_request<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
) -> Result<Option<membership_request::Model>, DbErr> {
    membership_request::Entity::find_by_id(id).one(db).await
}

/// Decides an open request; `false` when it was no longer open (someone else decided).
pub async fn decide_membership_request<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    decision: &str,
    by: Option<Uuid>,
    at: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let r = membership_request::Entity::update_many()
        .col_expr(
            membership_request::Column::Decision,
            Expr::value(Some(decision.to_owned())),
        )
        .col_expr(membership_request::Column::DecidedBy, Expr::value(by))
        .col_expr(membership_request::Column::DecidedAt, Expr::value(Some(at)))
        .col_expr(
            membership_request::Column::OpenOrg,
            Expr::value(Option::<Uuid>::None),
        )
        .filter(membership_request::Column::Id.eq(id))
        .filter(membership_request::Column::DecidedAt.is_null())
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// A person's requests, open ones first, then the latest decided.
pub async fn membership_requests_of<C: ConnectionTrait>(
    db: &C,
    person: Uuid,
) -> Result<Vec<membership_request::Model>, DbErr> {
    membership_request::Entity::find()
        .filter(membership_request::Column::PersonId.eq(person))
        .order_by_desc(membership_request::Column::CreatedAt)
        .all(db)
        .await
}

/// Open requests to or from the given organisations.
pub async fn open_requests_for_orgs<C: ConnectionTrait>(
    db: &C,
    orgs: &[Uuid],
) -> Result<Vec<membership_request::Model>, DbErr> {
    if orgs.is_empty() {
        return Ok(Vec::new());
    }
    membership_request::Entity::find()
        .filter(crate::one_of(
            db,
            membership_request::Column::OrganisationId,
            orgs,
        ))
        .filter(membership_request::Column::DecidedAt.is_null())
        .order_by_asc(membership_request::Column::CreatedAt)
        .all(db)
        .await
}

/// Withdraws every open request of a person (erasure).
pub async fn withdraw_requests_of<C: ConnectionTrait>(
    db: &C,
    person: Uuid,
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    membership_request::Entity::update_many()
        .col_expr(
            membership_request::Column::Decision,
            Expr::value(Some("withdrawn".to_owned())),
        )
        .col_expr(membership_request::Column::DecidedAt, Expr::value(Some(at)))
        .col_expr(
            membership_request::Column::OpenOrg,
            Expr::value(Option::<Uuid>::None),
        )
        .filter(membership_request::Column::PersonId.eq(person))
        .filter(membership_request::Column::DecidedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
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

/// How many people whose address is confirmed ask to join an organisation inside one of
/// `scopes`.
pub async fn count_open_applications<C: ConnectionTrait>(
    db: &C,
    scopes: &[String],
) -> Result<u64, DbErr> {
    use sea_orm::Condition;
    let mut within = Condition::any();
    for s in scopes {
        within = within.add(organisation::Column::Path.starts_with(s.as_str()));
    }
    let orgs = organisation::Entity::find()
        .select_only()
        .column(organisation::Column::Id)
        .filter(within);
    let confirmed = person::Entity::find()
        .select_only()
        .column(person::Column::Id)
        .filter(person::Column::EmailConfirmedAt.is_not_null());
    membership_request::Entity::find()
        .filter(membership_request::Column::DecidedAt.is_null())
        .filter(membership_request::Column::Kind.eq("application"))
        .filter(
            membership_request::Column::OrganisationId
                .in_subquery(sea_orm::QueryTrait::into_query(orgs)),
        )
        .filter(
            membership_request::Column::PersonId
                .in_subquery(sea_orm::QueryTrait::into_query(confirmed)),
        )
        .count(db)
        .await
}
