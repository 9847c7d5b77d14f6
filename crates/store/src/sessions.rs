//! Queries for sessions, meetings, enrolments, attendance, idempotency keys and in-app
//! notifications.
//!
//! Seats are taken and given back only through [`take_seat`], [`add_places`] and
//! [`free_seat`]: single conditional updates of the session's `taken` counter, checked by the
//! `taken <= capacity` constraint, so two sign-ups can never both get the last seat, whatever the database and the concurrency. Enrolments move between states
//! only through [`move_enrolment`], which succeeds only from the state the caller saw.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel,
    JoinType, QueryFilter, QueryOrder, QuerySelect, Set,
};
use uuid::Uuid;

use crate::entities::{
    attendance, enrolment, idempotency_key, notification, organisation, person, session_meeting,
    session_region, session_trainer, training_session,
};

// ---- sessions ----

pub async fn insert_session<C: ConnectionTrait>(
    db: &C,
    s: training_session::Model,
) -> Result<(), DbErr> {
    training_session::Entity::insert(s.into_active_model())
        .exec_without_returning(db)
        .await?;
    Ok(())
}

pub async fn update_session<C: ConnectionTrait>(
    db: &C,
    s: training_session::ActiveModel,
) -> Result<training_session::Model, DbErr> {
    s.update(db).await
}

pub async fn find_session<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
) -> Result<Option<training_session::Model>, DbErr> {
    training_session::Entity::find_by_id(id).one(db).await
}

/// A session with the organisation that provides it, in one round trip.
pub async fn find_session_with_provider<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
) -> Result<Option<(training_session::Model, organisation::Model)>, DbErr> {
    let row = training_session::Entity::find_by_id(id)
        .join(
            JoinType::InnerJoin,
            training_session::Entity::belongs_to(organisation::Entity)
                .from(training_session::Column::ProviderId)
                .to(organisation::Column::Id)
                .into(),
        )
        .select_also(organisation::Entity)
        .one(db)
        .await?;
    Ok(row.and_then(|(s, o)| o.map(|o| (s, o))))
}

pub async fn find_sessions<C: ConnectionTrait>(
    db: &C,
    ids: &[Uuid],
) -> Result<Vec<training_session::Model>, DbErr> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    training_session::Entity::find()
        .filter(crate::one_of(db, training_session::Column::Id, ids))
        .all(db)
        .await
}

/// Takes one seat if one is free; [`take_seats`] takes a group's seats at once.
pub async fn take_seat<C: ConnectionTrait>(db: &C, session: Uuid) -> Result<bool, DbErr> {
    let r = training_session::Entity::update_many()
        .col_expr(
            training_session::Column::Taken,
            Expr::col(training_session::Column::Taken).add(1),
        )
        .filter(training_session::Column::Id.eq(session))
        .filter(
            Expr::col(training_session::Column::Taken)
                .lt(Expr::col(training_session::Column::Capacity)),
        )
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// Whole session rows, locked for the rest of the transaction on PostgreSQL (in id order,
/// so two writers never wait on each other crosswise). Sign-ups take it before anything
/// else: one that finds a session full must be on the waiting list before a cancellation
/// frees a seat, or the freed seat would find nobody waiting. SQLite's write lock covers the
/// whole database from `BEGIN IMMEDIATE`. The sign-up writer checks and seats a group under
/// it.
pub async fn lock_sessions<C: ConnectionTrait>(
    db: &C,
    sessions: &[Uuid],
) -> Result<Vec<training_session::Model>, DbErr> {
    if sessions.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = training_session::Entity::find()
        .filter(crate::one_of(db, training_session::Column::Id, sessions))
        .order_by_asc(training_session::Column::Id);
    if crate::Backend::of(db) == crate::Backend::Postgres {
        q = q.lock_exclusive();
    }
    q.all(db).await
}

/// Has PostgreSQL answer the rest of the transaction's statements from indexes, as the
/// sign-up writer's statements are all lookups by key. Without statistics on a column (a
/// table analysed while still empty, as in a new deployment's first rush) the planner takes
/// `person_id = ANY($1)` over a group's people to match most of the table and scans all of
/// it for every group, a cost that grows with every sign-up. SQLite plans by its indexes.
pub async fn plan_as_lookups<C: ConnectionTrait>(db: &C) -> Result<(), DbErr> {
    if crate::Backend::of(db) == crate::Backend::Postgres {
        db.execute_unprepared("SET LOCAL enable_seqscan = off")
            .await?;
    }
    Ok(())
}

/// Counts a group's new places in one statement: for each session, the seats taken and the
/// people put on its waiting list by the enrolments written with it ([`insert_enrolments`]).
/// All or nothing: the statement changes every listed session or fails (the `taken <=
/// capacity` constraint), and it returns false when a session is missing. Seats are decided
/// under [`lock_sessions`].
pub async fn add_places<C: ConnectionTrait>(
    db: &C,
    places: &[(Uuid, i32, i32)],
) -> Result<bool, DbErr> {
    let places: Vec<(Uuid, i32, i32)> = places
        .iter()
        .copied()
        .filter(|(_, seats, waiting)| *seats > 0 || *waiting > 0)
        .collect();
    if places.is_empty() {
        return Ok(true);
    }
    let by_session = |n: fn(&(Uuid, i32, i32)) -> i32| {
        let mut case = sea_orm::sea_query::CaseStatement::new();
        for p in &places {
            case = case.case(training_session::Column::Id.eq(p.0), Expr::val(n(p)));
        }
        sea_orm::sea_query::SimpleExpr::Case(Box::new(case.finally(Expr::val(0))))
    };
    let ids: Vec<Uuid> = places.iter().map(|p| p.0).collect();
    let r = training_session::Entity::update_many()
        .col_expr(
            training_session::Column::Taken,
            Expr::col(training_session::Column::Taken).add(by_session(|p| p.1)),
        )
        .col_expr(
            training_session::Column::Waiting,
            Expr::col(training_session::Column::Waiting).add(by_session(|p| p.2)),
        )
        .filter(crate::one_of(db, training_session::Column::Id, &ids))
        .exec(db)
        .await?;
    Ok(r.rows_affected == places.len() as u64)
}

/// Adds `n` (which may be negative) to a session's waiting-list count: every change of an
/// enrolment to or from `waitlisted` goes with one, in its transaction.
async fn count_waiting<C: ConnectionTrait>(db: &C, session: Uuid, n: i32) -> Result<(), DbErr> {
    training_session::Entity::update_many()
        .col_expr(
            training_session::Column::Waiting,
            Expr::col(training_session::Column::Waiting).add(n),
        )
        .filter(training_session::Column::Id.eq(session))
        .exec(db)
        .await?;
    Ok(())
}

/// Gives one seat back. The only way a seat is freed.
pub async fn free_seat<C: ConnectionTrait>(db: &C, session: Uuid) -> Result<bool, DbErr> {
    let r = training_session::Entity::update_many()
        .col_expr(
            training_session::Column::Taken,
            Expr::col(training_session::Column::Taken).sub(1),
        )
        .filter(training_session::Column::Id.eq(session))
        .filter(training_session::Column::Taken.gt(0))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// Changes the capacity, never below the seats already taken.
pub async fn set_capacity<C: ConnectionTrait>(
    db: &C,
    session: Uuid,
    capacity: i32,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let r = training_session::Entity::update_many()
        .col_expr(training_session::Column::Capacity, Expr::value(capacity))
        .col_expr(training_session::Column::UpdatedAt, Expr::value(now))
        .filter(training_session::Column::Id.eq(session))
        .filter(training_session::Column::Taken.lte(capacity))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// Moves a session from one state to another; false when it was not in `from`.
pub async fn move_session<C: ConnectionTrait>(
    db: &C,
    session: Uuid,
    from: &[&str],
    to: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let r = training_session::Entity::update_many()
        .col_expr(training_session::Column::State, Expr::value(to))
        .col_expr(training_session::Column::UpdatedAt, Expr::value(now))
        .filter(training_session::Column::Id.eq(session))
        .filter(training_session::Column::State.is_in(from.iter().copied()))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

#[derive(Clone, Debug, Default)]
pub struct SessionFilter {
    pub programme: Option<Uuid>,
    /// Only sessions open for registration.
    pub open: bool,
    /// Only sessions of these providers.
    pub providers: Option<Vec<Uuid>>,
    /// Only sessions that end on or after this day.
    pub from: Option<NaiveDate>,
    pub limit: u64,
}

pub async fn list_sessions<C: ConnectionTrait>(
    db: &C,
    f: &SessionFilter,
) -> Result<Vec<training_session::Model>, DbErr> {
    let mut q = training_session::Entity::find();
    if let Some(p) = f.programme {
        q = q.filter(training_session::Column::ProgrammeId.eq(p));
    }
    if f.open {
        q = q.filter(training_session::Column::State.eq("open"));
    }
    if let Some(ps) = &f.providers {
        q = q.filter(crate::one_of(db, training_session::Column::ProviderId, ps));
    }
    if let Some(d) = f.from {
        q = q.filter(training_session::Column::EndsOn.gte(d));
    }
    q.order_by_asc(training_session::Column::StartsOn)
        .order_by_asc(training_session::Column::Id)
        .limit(if f.limit == 0 { 200 } else { f.limit })
        .all(db)
        .await
}

/// Every open session: (programme, first day, seats taken, capacity).
pub async fn open_sessions<C: ConnectionTrait>(
    db: &C,
) -> Result<Vec<(Uuid, NaiveDate, i32, i32)>, DbErr> {
    training_session::Entity::find()
        .select_only()
        .columns([
            training_session::Column::ProgrammeId,
            training_session::Column::StartsOn,
            training_session::Column::Taken,
            training_session::Column::Capacity,
        ])
        .filter(training_session::Column::State.eq("open"))
        .into_tuple()
        .all(db)
        .await
}

/// Open sessions of these programmes with a free seat, starting on or before `before`.
pub async fn open_with_seats<C: ConnectionTrait>(
    db: &C,
    programmes: &[Uuid],
    after: NaiveDate,
    before: NaiveDate,
) -> Result<Vec<training_session::Model>, DbErr> {
    if programmes.is_empty() {
        return Ok(Vec::new());
    }
    training_session::Entity::find()
        .filter(crate::one_of(
            db,
            training_session::Column::ProgrammeId,
            programmes,
        ))
        .filter(training_session::Column::State.eq("open"))
        .filter(
            Expr::col(training_session::Column::Taken)
                .lt(Expr::col(training_session::Column::Capacity)),
        )
        .filter(training_session::Column::StartsOn.gte(after))
        .filter(training_session::Column::StartsOn.lte(before))
        .order_by_asc(training_session::Column::StartsOn)
        .limit(50)
        .all(db)
        .await
}

// ---- meetings, trainers, regions ----

pub async fn insert_meetings<C: ConnectionTrait>(
    db: &C,
    rows: Vec<session_meeting::Model>,
) -> Result<(), DbErr> {
    if rows.is_empty() {
        return Ok(());
    }
    session_meeting::Entity::insert_many(rows.into_iter().map(IntoActiveModel::into_active_model))
        .exec_without_returning(db)
        .await?;
    Ok(())
}

pub async fn meetings_of<C: ConnectionTrait>(
    db: &C,
    sessions: &[Uuid],
) -> Result<Vec<session_meeting::Model>, DbErr> {
    if sessions.is_empty() {
        return Ok(Vec::new());
    }
    session_meeting::Entity::find()
        .filter(crate::one_of(
            db,
            session_meeting::Column::SessionId,
            sessions,
        ))
        .order_by_asc(session_meeting::Column::SessionId)
        .order_by_asc(session_meeting::Column::Position)
        .all(db)
        .await
}

pub async fn set_trainers<C: ConnectionTrait>(
    db: &C,
    session: Uuid,
    people: &[Uuid],
) -> Result<(), DbErr> {
    session_trainer::Entity::delete_many()
        .filter(session_trainer::Column::SessionId.eq(session))
        .exec(db)
        .await?;
    if !people.is_empty() {
        session_trainer::Entity::insert_many(people.iter().map(|p| session_trainer::ActiveModel {
            session_id: Set(session),
            person_id: Set(*p),
        }))
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

pub async fn trainers_of<C: ConnectionTrait>(
    db: &C,
    sessions: &[Uuid],
) -> Result<Vec<(Uuid, Uuid)>, DbErr> {
    if sessions.is_empty() {
        return Ok(Vec::new());
    }
    session_trainer::Entity::find()
        .select_only()
        .columns([
            session_trainer::Column::SessionId,
            session_trainer::Column::PersonId,
        ])
        .filter(crate::one_of(
            db,
            session_trainer::Column::SessionId,
            sessions,
        ))
        .into_tuple()
        .all(db)
        .await
}

/// The trainers of sessions with their names: (session, person, name).
pub async fn trainer_names<C: ConnectionTrait>(
    db: &C,
    sessions: &[Uuid],
) -> Result<Vec<(Uuid, Uuid, String)>, DbErr> {
    if sessions.is_empty() {
        return Ok(Vec::new());
    }
    session_trainer::Entity::find()
        .select_only()
        .columns([
            session_trainer::Column::SessionId,
            session_trainer::Column::PersonId,
        ])
        .column(person::Column::Name)
        .join(
            JoinType::InnerJoin,
            session_trainer::Entity::belongs_to(person::Entity)
                .from(session_trainer::Column::PersonId)
                .to(person::Column::Id)
                .into(),
        )
        .filter(crate::one_of(
            db,
            session_trainer::Column::SessionId,
            sessions,
        ))
        .order_by_asc(person::Column::Name)
        .into_tuple()
        .all(db)
        .await
}

/// Sessions a person trains in.
pub async fn sessions_trained_by<C: ConnectionTrait>(
    db: &C,
    person: Uuid,
) -> Result<Vec<Uuid>, DbErr> {
    session_trainer::Entity::find()
        .select_only()
        .column(session_trainer::Column::SessionId)
        .filter(session_trainer::Column::PersonId.eq(person))
        .into_tuple()
        .all(db)
        .await
}

pub async fn set_regions<C: ConnectionTrait>(
    db: &C,
    session: Uuid,
    regions: &[Uuid],
) -> Result<(), DbErr> {
    session_region::Entity::delete_many()
        .filter(session_region::Column::SessionId.eq(session))
        .exec(db)
        .await?;
    if !regions.is_empty() {
        session_region::Entity::insert_many(regions.iter().map(|r| session_region::ActiveModel {
            session_id: Set(session),
            region_id: Set(*r),
        }))
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

/// The regions of many sessions: (session, region) pairs.
pub async fn region_ids_of<C: ConnectionTrait>(
    db: &C,
    sessions: &[Uuid],
) -> Result<Vec<(Uuid, Uuid)>, DbErr> {
    if sessions.is_empty() {
        return Ok(Vec::new());
    }
    session_region::Entity::find()
        .select_only()
        .columns([
            session_region::Column::SessionId,
            session_region::Column::RegionId,
        ])
        .filter(crate::one_of(
            db,
            session_region::Column::SessionId,
            sessions,
        ))
        .into_tuple()
        .all(db)
        .await
}

/// The paths of the regions many sessions are restricted to: (session, path) pairs.
pub async fn region_paths_of<C: ConnectionTrait>(
    db: &C,
    sessions: &[Uuid],
) -> Result<Vec<(Uuid, String)>, DbErr> {
    if sessions.is_empty() {
        return Ok(Vec::new());
    }
    session_region::Entity::find()
        .select_only()
        .column(session_region::Column::SessionId)
        .column(organisation::Column::Path)
        .join(
            sea_orm::JoinType::InnerJoin,
            session_region::Entity::belongs_to(organisation::Entity)
                .from(session_region::Column::RegionId)
                .to(organisation::Column::Id)
                .into(),
        )
        .filter(crate::one_of(
            db,
            session_region::Column::SessionId,
            sessions,
        ))
        .into_tuple()
        .all(db)
        .await
}

// ---- enrolments ----

/// Statuses of an enrolment that hold a seat.
pub const SEAT_HOLDING: [&str; 3] = ["confirmed", "pending_approval", "offered"];
/// Statuses of an enrolment that is still alive (holds a seat or waits for one).
pub const ACTIVE: [&str; 4] = ["confirmed", "pending_approval", "offered", "waitlisted"];

/// Inserts one enrolment; one put on the waiting list is counted with it.
pub async fn insert_enrolment<C: ConnectionTrait>(
    db: &C,
    e: enrolment::Model,
) -> Result<(), DbErr> {
    let waiting = (e.status == "waitlisted").then_some(e.session_id);
    let mut am = e.into_active_model();
    am.seq = sea_orm::ActiveValue::NotSet;
    enrolment::Entity::insert(am)
        .exec_without_returning(db)
        .await?;
    if let Some(session) = waiting {
        count_waiting(db, session, 1).await?;
    }
    Ok(())
}

/// Inserts enrolments in one statement (arrival order is the order given). The caller counts
/// their seats and waiting places with [`add_places`] in the same transaction.
pub async fn insert_enrolments<C: ConnectionTrait>(
    db: &C,
    rows: Vec<enrolment::Model>,
) -> Result<(), DbErr> {
    if rows.is_empty() {
        return Ok(());
    }
    for run in crate::runs(db, rows, |e| 200 + e.status.len()) {
        enrolment::Entity::insert_many(run.into_iter().map(|e| {
            let mut am = e.into_active_model();
            am.seq = sea_orm::ActiveValue::NotSet;
            am
        }))
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

pub async fn find_enrolment<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
) -> Result<Option<enrolment::Model>, DbErr> {
    enrolment::Entity::find()
        .filter(enrolment::Column::Id.eq(id))
        .one(db)
        .await
}

/// The person's live enrolment in a session, if any.
pub async fn active_enrolment<C: ConnectionTrait>(
    db: &C,
    session: Uuid,
    person: Uuid,
) -> Result<Option<enrolment::Model>, DbErr> {
    enrolment::Entity::find()
        .filter(enrolment::Column::PersonId.eq(person))
        .filter(enrolment::Column::ActiveSession.eq(session))
        .one(db)
        .await
}

/// One status change of an enrolment: from the state the caller saw to the next, with the
/// fields that change with it.
pub struct Move<'a> {
    pub from: &'a str,
    pub to: &'a str,
    /// Whether the enrolment counts as active (holds the one-per-person slot) afterwards.
    pub active: bool,
    pub expires_at: Option<DateTime<Utc>>,
    /// When set, the decision's author, time and note are recorded.
    pub decided_by: Option<Uuid>,
    pub note: Option<String>,
}

/// Changes an enrolment's status as `m` says; false when it was no longer in `m.from`.
pub async fn move_enrolment<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    m: Move<'_>,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let Move {
        from,
        to,
        active,
        expires_at,
        decided_by,
        note,
    } = m;
    let session: Option<Uuid> = enrolment::Entity::find()
        .select_only()
        .column(enrolment::Column::SessionId)
        .filter(enrolment::Column::Id.eq(id))
        .into_tuple()
        .one(db)
        .await?;
    let Some(session) = session else {
        return Ok(false);
    };
    let mut q = enrolment::Entity::update_many()
        .col_expr(enrolment::Column::Status, Expr::value(to))
        .col_expr(
            enrolment::Column::ActiveSession,
            Expr::value(active.then_some(session)),
        )
        .col_expr(enrolment::Column::ExpiresAt, Expr::value(expires_at))
        .col_expr(enrolment::Column::UpdatedAt, Expr::value(now))
        .filter(enrolment::Column::Id.eq(id))
        .filter(enrolment::Column::Status.eq(from));
    if decided_by.is_some() {
        q = q
            .col_expr(enrolment::Column::DecidedBy, Expr::value(decided_by))
            .col_expr(enrolment::Column::DecidedAt, Expr::value(Some(now)))
            .col_expr(enrolment::Column::DecisionNote, Expr::value(note));
    }
    if q.exec(db).await?.rows_affected != 1 {
        return Ok(false);
    }
    let n = i32::from(to == "waitlisted") - i32::from(from == "waitlisted");
    if n != 0 {
        count_waiting(db, session, n).await?;
    }
    Ok(true)
}

/// The first person on a session's waiting list (lowest arrival sequence).
pub async fn first_waiting<C: ConnectionTrait>(
    db: &C,
    session: Uuid,
    skip: &[Uuid],
) -> Result<Option<enrolment::Model>, DbErr> {
    let mut q = enrolment::Entity::find()
        .filter(enrolment::Column::SessionId.eq(session))
        .filter(enrolment::Column::Status.eq("waitlisted"));
    if !skip.is_empty() {
        q = q.filter(enrolment::Column::Id.is_not_in(skip.iter().copied()));
    }
    q.order_by_asc(enrolment::Column::Seq).one(db).await
}

/// The place of an enrolment on its session's waiting list (1 is next), in one round trip.
pub async fn waiting_position_of<C: ConnectionTrait>(
    db: &C,
    session: Uuid,
    enrolment: Uuid,
) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    use sea_orm::sea_query::{Query, SubQueryStatement};
    let mine = Query::select()
        .column(enrolment::Column::Seq)
        .from(enrolment::Entity)
        .and_where(Expr::col(enrolment::Column::Id).eq(enrolment))
        .to_owned();
    enrolment::Entity::find()
        .filter(enrolment::Column::SessionId.eq(session))
        .filter(enrolment::Column::Status.eq("waitlisted"))
        .filter(Expr::col(enrolment::Column::Seq).lte(Expr::SubQuery(
            None,
            Box::new(SubQueryStatement::SelectStatement(mine)),
        )))
        .count(db)
        .await
}

/// How many enrolments of each status the sessions have.
pub async fn status_counts<C: ConnectionTrait>(
    db: &C,
    sessions: &[Uuid],
) -> Result<HashMap<Uuid, HashMap<String, i64>>, DbErr> {
    let mut out: HashMap<Uuid, HashMap<String, i64>> = HashMap::new();
    if sessions.is_empty() {
        return Ok(out);
    }
    let rows: Vec<(Uuid, String, i64)> = enrolment::Entity::find()
        .select_only()
        .column(enrolment::Column::SessionId)
        .column(enrolment::Column::Status)
        .column_as(enrolment::Column::Seq.count(), "n")
        .filter(crate::one_of(db, enrolment::Column::SessionId, sessions))
        .group_by(enrolment::Column::SessionId)
        .group_by(enrolment::Column::Status)
        .into_tuple()
        .all(db)
        .await?;
    for (s, status, n) in rows {
        out.entry(s).or_default().insert(status, n);
    }
    Ok(out)
}

/// All enrolments of a session in arrival order, each with its person.
pub async fn enrolments_with_people<C: ConnectionTrait>(
    db: &C,
    session: Uuid,
) -> Result<Vec<(enrolment::Model, Option<person::Model>)>, DbErr> {
    enrolment::Entity::find()
        .join(
            JoinType::LeftJoin,
            enrolment::Entity::belongs_to(person::Entity)
                .from(enrolment::Column::PersonId)
                .to(person::Column::Id)
                .into(),
        )
        .select_also(person::Entity)
        .filter(enrolment::Column::SessionId.eq(session))
        .order_by_asc(enrolment::Column::Seq)
        .all(db)
        .await
}

/// A person's own enrolment in a session, as "my place" shows it.
#[derive(Clone, Debug, sea_orm::FromQueryResult)]
pub struct MyPlaceRow {
    pub id: Uuid,
    pub status: String,
    pub expires_at: Option<DateTime<Utc>>,
    pub completed: bool,
    /// Place on the waiting list, counting from 1 (meaningful when waiting).
    pub position: i64,
}

/// A person's enrolment in a session (the latest) with its place on the waiting list, in
/// one round trip.
pub async fn my_place<C: ConnectionTrait>(
    db: &C,
    person: Uuid,
    session: Uuid,
) -> Result<Option<MyPlaceRow>, DbErr> {
    use sea_orm::sea_query::{Alias, Query, SubQueryStatement};
    let w = Alias::new("w");
    let ahead = Query::select()
        .expr(Expr::col((w.clone(), enrolment::Column::Seq)).count())
        .from_as(enrolment::Entity, w.clone())
        .and_where(
            Expr::col((w.clone(), enrolment::Column::SessionId))
                .equals((enrolment::Entity, enrolment::Column::SessionId)),
        )
        .and_where(Expr::col((w.clone(), enrolment::Column::Status)).eq("waitlisted"))
        .and_where(
            Expr::col((w, enrolment::Column::Seq))
                .lte(Expr::col((enrolment::Entity, enrolment::Column::Seq))),
        )
        .to_owned();
    enrolment::Entity::find()
        .select_only()
        .columns([
            enrolment::Column::Id,
            enrolment::Column::Status,
            enrolment::Column::ExpiresAt,
            enrolment::Column::Completed,
        ])
        .column_as(
            Expr::SubQuery(None, Box::new(SubQueryStatement::SelectStatement(ahead))),
            "position",
        )
        .filter(enrolment::Column::PersonId.eq(person))
        .filter(enrolment::Column::SessionId.eq(session))
        .order_by_desc(enrolment::Column::Seq)
        .into_model::<MyPlaceRow>()
        .one(db)
        .await
}

/// The arrival sequence numbers of everyone waiting in these sessions: (session, seq).
pub async fn waiting_seqs<C: ConnectionTrait>(
    db: &C,
    sessions: &[Uuid],
) -> Result<Vec<(Uuid, i64)>, DbErr> {
    if sessions.is_empty() {
        return Ok(Vec::new());
    }
    enrolment::Entity::find()
        .select_only()
        .columns([enrolment::Column::SessionId, enrolment::Column::Seq])
        .filter(crate::one_of(db, enrolment::Column::SessionId, sessions))
        .filter(enrolment::Column::Status.eq("waitlisted"))
        .into_tuple()
        .all(db)
        .await
}

/// All enrolments of a session, in arrival order.
pub async fn enrolments_of_session<C: ConnectionTrait>(
    db: &C,
    session: Uuid,
) -> Result<Vec<enrolment::Model>, DbErr> {
    enrolment::Entity::find()
        .filter(enrolment::Column::SessionId.eq(session))
        .order_by_asc(enrolment::Column::Seq)
        .all(db)
        .await
}

/// A person's enrolments, newest first.
pub async fn enrolments_of_person<C: ConnectionTrait>(
    db: &C,
    person: Uuid,
) -> Result<Vec<enrolment::Model>, DbErr> {
    enrolment::Entity::find()
        .filter(enrolment::Column::PersonId.eq(person))
        .order_by_desc(enrolment::Column::Seq)
        .all(db)
        .await
}

/// The live enrolments of many people.
///
/// Selected as the rows whose `active_session` is set (exactly the live ones), so the
/// statement can only be answered from the index over `(person_id, active_session)`. With a
/// condition on the status too, a planner whose statistics date from an empty table (a new
/// deployment's first rush) scanned every live enrolment by the status index instead, a
/// cost that grows with every sign-up.
pub async fn active_of_people<C: ConnectionTrait>(
    db: &C,
    people: &[Uuid],
) -> Result<Vec<enrolment::Model>, DbErr> {
    if people.is_empty() {
        return Ok(Vec::new());
    }
    let mut rows = enrolment::Entity::find()
        .filter(crate::one_of(db, enrolment::Column::PersonId, people))
        .filter(enrolment::Column::ActiveSession.is_not_null())
        .all(db)
        .await?;
    rows.retain(|e| ACTIVE.contains(&e.status.as_str()));
    Ok(rows)
}

/// Enrolments waiting for approval by someone over these subtrees: pending enrolments of
/// people who belong to an organisation inside one of `scopes` (`None`: everywhere).
pub async fn pending_in_scopes<C: ConnectionTrait>(
    db: &C,
    scopes: Option<&[String]>,
) -> Result<Vec<enrolment::Model>, DbErr> {
    use crate::entities::membership;
    let mut q = enrolment::Entity::find().filter(enrolment::Column::Status.eq("pending_approval"));
    if let Some(scopes) = scopes {
        let mut cond = Condition::any();
        for s in scopes {
            cond = cond.add(organisation::Column::Path.starts_with(s.as_str()));
        }
        let orgs = organisation::Entity::find()
            .select_only()
            .column(organisation::Column::Id)
            .filter(cond);
        let members = membership::Entity::find()
            .select_only()
            .column(membership::Column::PersonId)
            .filter(
                membership::Column::OrganisationId
                    .in_subquery(sea_orm::QueryTrait::into_query(orgs)),
            );
        q = q.filter(
            enrolment::Column::PersonId.in_subquery(sea_orm::QueryTrait::into_query(members)),
        );
    }
    q.order_by_asc(enrolment::Column::Seq)
        .limit(1000)
        .all(db)
        .await
}

/// Held seats and offers whose time is up.
pub async fn expired_holds<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<enrolment::Model>, DbErr> {
    enrolment::Entity::find()
        .filter(enrolment::Column::Status.is_in(["pending_approval", "offered"]))
        .filter(enrolment::Column::ExpiresAt.lt(now))
        .order_by_asc(enrolment::Column::Seq)
        .limit(limit)
        .all(db)
        .await
}

pub async fn set_assessment<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    passed: Option<bool>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    enrolment::Entity::update_many()
        .col_expr(enrolment::Column::AssessmentPassed, Expr::value(passed))
        .col_expr(enrolment::Column::UpdatedAt, Expr::value(now))
        .filter(enrolment::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn set_completed<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    completed: bool,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    enrolment::Entity::update_many()
        .col_expr(enrolment::Column::Completed, Expr::value(completed))
        .col_expr(
            enrolment::Column::CompletedAt,
            Expr::value(completed.then_some(now)),
        )
        .col_expr(enrolment::Column::UpdatedAt, Expr::value(now))
        .filter(enrolment::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Marks a reminder sent; false when it already was (so each reminder goes once).
pub async fn mark_reminded<C: ConnectionTrait>(db: &C, id: Uuid) -> Result<bool, DbErr> {
    Ok(enrolment::Entity::update_many()
        .col_expr(enrolment::Column::Reminded, Expr::value(true))
        .filter(enrolment::Column::Id.eq(id))
        .filter(enrolment::Column::Reminded.eq(false))
        .exec(db)
        .await?
        .rows_affected
        == 1)
}

/// Confirmed enrolments not yet reminded, in sessions starting on `day`.
pub async fn due_reminders<C: ConnectionTrait>(
    db: &C,
    day: NaiveDate,
) -> Result<Vec<enrolment::Model>, DbErr> {
    let sessions = training_session::Entity::find()
        .select_only()
        .column(training_session::Column::Id)
        .filter(training_session::Column::StartsOn.eq(day))
        .filter(training_session::Column::State.is_in(["open", "running"]));
    enrolment::Entity::find()
        .filter(enrolment::Column::Status.eq("confirmed"))
        .filter(enrolment::Column::Reminded.eq(false))
        .filter(enrolment::Column::SessionId.in_subquery(sea_orm::QueryTrait::into_query(sessions)))
        .limit(5_000)
        .all(db)
        .await
}

// ---- attendance ----

/// Records (or corrects) one person's attendance at one meeting.
pub async fn put_attendance<C: ConnectionTrait>(db: &C, a: attendance::Model) -> Result<(), DbErr> {
    let existing = attendance::Entity::find_by_id((a.enrolment_id, a.meeting_id))
        .one(db)
        .await?;
    match existing {
        Some(_) => {
            a.into_active_model().reset_all().update(db).await?;
        }
        None => {
            attendance::Entity::insert(a.into_active_model())
                .exec_without_returning(db)
                .await?;
        }
    }
    Ok(())
}

pub async fn attendance_of<C: ConnectionTrait>(
    db: &C,
    enrolments: &[Uuid],
) -> Result<Vec<attendance::Model>, DbErr> {
    if enrolments.is_empty() {
        return Ok(Vec::new());
    }
    attendance::Entity::find()
        .filter(crate::one_of(
            db,
            attendance::Column::EnrolmentId,
            enrolments,
        ))
        .all(db)
        .await
}

// ---- idempotency keys ----

/// Claims an idempotency key for this request; false when it was used before. A duplicate
/// does not abort the transaction (`ON CONFLICT DO NOTHING`); on PostgreSQL it waits for a
/// concurrent claim of the same key to commit or roll back.
pub async fn claim_key<C: ConnectionTrait>(
    db: &C,
    person: Uuid,
    key: &str,
    scope: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let r = idempotency_key::Entity::insert(idempotency_key::ActiveModel {
        person_id: Set(person),
        key: Set(key.to_owned()),
        scope: Set(scope.to_owned()),
        status: Set(0),
        body: Set(String::new()),
        created_at: Set(now),
    })
    .on_conflict(
        sea_orm::sea_query::OnConflict::columns([
            idempotency_key::Column::PersonId,
            idempotency_key::Column::Key,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(r == 1)
}

/// Gives back a claimed key whose request was refused, so a repeat is tried afresh.
pub async fn release_key<C: ConnectionTrait>(db: &C, person: Uuid, key: &str) -> Result<(), DbErr> {
    idempotency_key::Entity::delete_many()
        .filter(idempotency_key::Column::PersonId.eq(person))
        .filter(idempotency_key::Column::Key.eq(key))
        .filter(idempotency_key::Column::Status.eq(0))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn store_key_result<C: ConnectionTrait>(
    db: &C,
    person: Uuid,
    key: &str,
    status: i32,
    body: &str,
) -> Result<(), DbErr> {
    idempotency_key::Entity::update_many()
        .col_expr(idempotency_key::Column::Status, Expr::value(status))
        .col_expr(idempotency_key::Column::Body, Expr::value(body))
        .filter(idempotency_key::Column::PersonId.eq(person))
        .filter(idempotency_key::Column::Key.eq(key))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn find_key<C: ConnectionTrait>(
    db: &C,
    person: Uuid,
    key: &str,
) -> Result<Option<idempotency_key::Model>, DbErr> {
    idempotency_key::Entity::find_by_id((person, key.to_owned()))
        .one(db)
        .await
}

// ---- in-app notifications ----

/// In-app notifications, in one statement.
pub async fn notify_many<C: ConnectionTrait>(
    db: &C,
    rows: Vec<notification::Model>,
) -> Result<(), DbErr> {
    if rows.is_empty() {
        return Ok(());
    }
    let size = |n: &notification::Model| {
        80 + n.kind.len() + n.text.len() + n.link.as_ref().map_or(0, String::len)
    };
    for run in crate::runs(db, rows, size) {
        notification::Entity::insert_many(run.into_iter().map(IntoActiveModel::into_active_model))
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

pub async fn notify<C: ConnectionTrait>(db: &C, n: notification::Model) -> Result<(), DbErr> {
    notification::Entity::insert(n.into_active_model())
        .exec_without_returning(db)
        .await?;
    Ok(())
}

pub async fn notifications_of<C: ConnectionTrait>(
    db: &C,
    person: Uuid,
    limit: u64,
) -> Result<Vec<notification::Model>, DbErr> {
    notification::Entity::find()
        .filter(notification::Column::PersonId.eq(person))
        .order_by_desc(notification::Column::CreatedAt)
        .limit(limit)
        .all(db)
        .await
}

pub async fn mark_notifications_read<C: ConnectionTrait>(
    db: &C,
    person: Uuid,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(Some(now)))
        .filter(notification::Column::PersonId.eq(person))
        .filter(notification::Column::ReadAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// The sessions a person teaches.
pub async fn taught_by<C: ConnectionTrait>(db: &C, person: Uuid) -> Result<Vec<Uuid>, DbErr> {
    session_trainer::Entity::find()
        .select_only()
        .column(session_trainer::Column::SessionId)
        .filter(session_trainer::Column::PersonId.eq(person))
        .into_tuple()
        .all(db)
        .await
}

/// How many attendance marks each of these meetings has.
pub async fn marks_per_meeting<C: ConnectionTrait>(
    db: &C,
    meetings: &[Uuid],
) -> Result<HashMap<Uuid, i64>, DbErr> {
    if meetings.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(Uuid, i64)> = attendance::Entity::find()
        .select_only()
        .column(attendance::Column::MeetingId)
        .column_as(attendance::Column::EnrolmentId.count(), "n")
        .filter(crate::one_of(db, attendance::Column::MeetingId, meetings))
        .group_by(attendance::Column::MeetingId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

/// A person's live places in sessions that have not ended by `today`, soonest first.
pub async fn upcoming_places<C: ConnectionTrait>(
    db: &C,
    person: Uuid,
    today: chrono::NaiveDate,
    limit: u64,
) -> Result<Vec<(enrolment::Model, training_session::Model)>, DbErr> {
    let rows = enrolment::Entity::find()
        .filter(enrolment::Column::PersonId.eq(person))
        .filter(enrolment::Column::ActiveSession.is_not_null())
        .join(
            sea_orm::JoinType::InnerJoin,
            enrolment::Entity::belongs_to(training_session::Entity)
                .from(enrolment::Column::SessionId)
                .to(training_session::Column::Id)
                .into(),
        )
        .filter(training_session::Column::EndsOn.gte(today))
        .filter(training_session::Column::State.is_in(["open", "running"]))
        .order_by_asc(training_session::Column::StartsOn)
        .limit(limit)
        .select_also(training_session::Entity)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(e, s)| s.map(|s| (e, s)))
        .collect())
}
