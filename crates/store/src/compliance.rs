//! Queries for compliance: the rules, and everything that decides the standing of the
//! people in a scope (one person, or everyone working under an organisation), read in a
//! fixed number of round trips whatever the scope's size: the people with their
//! organisations and leaves, then their ledgers as one summary line each, streamed.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::SelectStatement;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait,
};
use uuid::Uuid;

use crate::entities::{
    compliance_digest, compliance_reminder, compliance_rule, employment_start, leave,
    ledger_summary, membership, organisation, person,
};

/// The active rules.
pub async fn rules<C: ConnectionTrait>(db: &C) -> Result<Vec<compliance_rule::Model>, DbErr> {
    compliance_rule::Entity::find()
        .filter(compliance_rule::Column::Active.eq(true))
        .order_by_asc(compliance_rule::Column::Code)
        .all(db)
        .await
}

/// Stores a rule unless one with its code exists; whether it was stored.
pub async fn insert_rule_if_missing<C: ConnectionTrait>(
    db: &C,
    code: &str,
    body: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    if compliance_rule::Entity::find_by_id(code.to_owned())
        .one(db)
        .await?
        .is_some()
    {
        return Ok(false);
    }
    compliance_rule::Entity::insert(
        compliance_rule::Model {
            code: code.to_owned(),
            body: body.to_owned(),
            active: true,
            created_at: now,
            updated_at: now,
        }
        .into_active_model(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(true)
}

/// Whose standing is read.
#[derive(Clone, Debug)]
pub enum Scope {
    Person(Uuid),
    /// Everyone with a membership in an organisation whose path starts with this.
    Under(String),
}

/// A person in scope.
#[derive(Clone, Debug)]
pub struct PersonRow {
    pub id: Uuid,
    pub name: String,
    pub category: String,
    pub created_at: DateTime<Utc>,
    /// The day they started work, where it is recorded.
    pub started_on: Option<NaiveDate>,
}

/// Who a frame's people are, as the queries after the first select them.
#[derive(Clone, Debug)]
enum Who {
    Person(Uuid),
    /// Everyone with a membership in one of these organisations (a subtree).
    In(Vec<Uuid>),
    /// A scope at the top of the tree (everything, or a country) covers most people: one
    /// pass over a table beats a lookup per person, so its rows are read whole and the
    /// caller skips those outside it.
    Everyone,
}

impl Who {
    /// The ids of the people, as a subquery; `None` for everyone.
    fn people(&self) -> Option<SelectStatement> {
        match self {
            Who::Person(id) => Some(
                person::Entity::find()
                    .select_only()
                    .column(person::Column::Id)
                    .filter(person::Column::Id.eq(*id))
                    .into_query(),
            ),
            Who::In(orgs) => Some(
                membership::Entity::find()
                    .select_only()
                    .column(membership::Column::PersonId)
                    .filter(membership::Column::OrganisationId.is_in(orgs.iter().copied()))
                    .into_query(),
            ),
            Who::Everyone => None,
        }
    }
}

/// Everything but the people themselves that decides the standing of the people in a
/// scope: the organisations their figures need, where they work, and leaves.
#[derive(Clone, Debug)]
pub struct Frame {
    /// Every country (for the rules' jurisdictions), for an organisation's scope everything
    /// under it (the organisation itself included), and every workplace of its people; for
    /// a scope at the top of the tree, every organisation.
    pub organisations: HashMap<Uuid, organisation::Model>,
    /// Each person's organisations, as (person, organisation); read here except for a scope
    /// at the top of the tree, whose people bring theirs along (see [`each_person`]).
    pub workplaces: Vec<(Uuid, Uuid)>,
    pub leaves: HashMap<Uuid, Vec<(NaiveDate, NaiveDate)>>,
    who: Who,
}

impl Scope {
    /// Whether a person with organisations at these paths is in scope.
    pub fn covers<'a>(&self, person: Uuid, mut paths: impl Iterator<Item = &'a str>) -> bool {
        match self {
            Scope::Person(id) => *id == person,
            Scope::Under(p) => paths.any(|x| x.starts_with(p.as_str())),
        }
    }

    fn whole_tree(&self) -> bool {
        matches!(self, Scope::Under(p) if p.matches('/').count() <= 2)
    }
}

/// Reads the organisations a scope's figures need, where its people work and their leaves,
/// in three round trips (four when someone also works outside the scope; two for a scope at
/// the top of the tree; one for a single person, whose workplaces and leaves are asked for
/// together). The organisations come first, so that the people are then selected
/// by a list of organisations, which both databases look up in the memberships' index.
pub async fn frame<C: ConnectionTrait>(
    db: &C,
    scope: &Scope,
    countries: &HashMap<Uuid, organisation::Model>,
) -> Result<Frame, DbErr> {
    if let Scope::Person(id) = scope {
        return person_frame(db, *id, countries).await;
    }
    let wanted = match scope {
        _ if scope.whole_tree() => sea_orm::Condition::all(),
        Scope::Under(path) => sea_orm::Condition::any()
            .add(organisation::Column::Kind.eq("country"))
            .add(organisation::Column::Path.starts_with(path.as_str())),
        Scope::Person(_) => sea_orm::Condition::all(),
    };
    let mut organisations: HashMap<Uuid, organisation::Model> = organisation::Entity::find()
        .filter(wanted)
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let who = match scope {
        Scope::Person(id) => Who::Person(*id),
        _ if scope.whole_tree() => Who::Everyone,
        Scope::Under(p) => Who::In(
            organisations
                .values()
                .filter(|o| o.path.starts_with(p.as_str()))
                .map(|o| o.id)
                .collect(),
        ),
    };
    let mut workplaces: Vec<(Uuid, Uuid)> = Vec::new();
    if let Some(people) = who.people() {
        workplaces = workplaces_of(db, people).await?;
        // Where people in the scope also work outside it.
        let mut elsewhere: Vec<Uuid> = workplaces
            .iter()
            .map(|(_, o)| *o)
            .filter(|o| !organisations.contains_key(o))
            .collect();
        elsewhere.sort_unstable();
        elsewhere.dedup();
        for chunk in elsewhere.chunks(1000) {
            for o in crate::org::find_many(db, chunk).await? {
                organisations.insert(o.id, o);
            }
        }
    }
    let mut leaves: HashMap<Uuid, Vec<(NaiveDate, NaiveDate)>> = HashMap::new();
    let mut lq = leave::Entity::find();
    if let Some(people) = who.people() {
        lq = lq.filter(leave::Column::PersonId.in_subquery(people));
    }
    for l in lq.all(db).await? {
        leaves
            .entry(l.person_id)
            .or_default()
            .push((l.starts_on, l.ends_on));
    }
    Ok(Frame {
        organisations,
        workplaces,
        leaves,
        who,
    })
}

/// Every membership of the people `people` selects, as (person, organisation). On SQLite
/// they come as one JSON array that SQLite builds, not a row each: see [`each_in_bundles`].
async fn workplaces_of<C: ConnectionTrait>(
    db: &C,
    people: SelectStatement,
) -> Result<Vec<(Uuid, Uuid)>, DbErr> {
    use sea_orm::sea_query::{Expr, ExprTrait, Func, Query};
    if crate::Backend::of(db) == crate::Backend::Postgres {
        return membership::Entity::find()
            .select_only()
            .columns([
                membership::Column::PersonId,
                membership::Column::OrganisationId,
            ])
            .filter(membership::Column::PersonId.in_subquery(people))
            .into_tuple()
            .all(db)
            .await;
    }
    let pair = Func::cust("json_array").args([
        Expr::expr(Func::cust("hex").arg(Expr::col(membership::Column::PersonId))),
        Expr::expr(Func::cust("hex").arg(Expr::col(membership::Column::OrganisationId))),
    ]);
    let stmt = Query::select()
        .expr(Func::cust("json_group_array").arg(pair))
        .from(membership::Entity)
        .and_where(Expr::col(membership::Column::PersonId).in_subquery(people))
        .to_owned();
    let Some(row) = db.query_one(&stmt).await? else {
        return Ok(Vec::new());
    };
    let json: String = row.try_get_by_index(0)?;
    let pairs: Vec<(String, String)> =
        serde_json::from_str(&json).map_err(|e| DbErr::Custom(format!("workplaces: {e}")))?;
    pairs
        .into_iter()
        .map(|(p, o)| match (Uuid::try_parse(&p), Uuid::try_parse(&o)) {
            (Ok(p), Ok(o)) => Ok((p, o)),
            _ => Err(DbErr::Custom(format!("workplaces: {p:?} {o:?}"))),
        })
        .collect()
}

/// One person's frame in two round trips: their workplaces with their organisations, and
/// their leaves; the countries come from the caller.
async fn person_frame<C: ConnectionTrait>(
    db: &C,
    person: Uuid,
    countries: &HashMap<Uuid, organisation::Model>,
) -> Result<Frame, DbErr> {
    // The workplaces and the leaves are asked for together, each on a connection of its own
    // (one after the other inside a transaction): one round trip instead of two.
    let (rows, person_leaves) = futures::future::try_join(
        organisation::Entity::find()
            .filter(
                organisation::Column::Id.in_subquery(
                    membership::Entity::find()
                        .select_only()
                        .column(membership::Column::OrganisationId)
                        .filter(membership::Column::PersonId.eq(person))
                        .into_query(),
                ),
            )
            .all(db),
        leave::Entity::find()
            .filter(leave::Column::PersonId.eq(person))
            .all(db),
    )
    .await?;
    let mut organisations = countries.clone();
    let mut workplaces = Vec::with_capacity(rows.len());
    for o in rows {
        workplaces.push((person, o.id));
        organisations.insert(o.id, o);
    }
    let mut leaves: HashMap<Uuid, Vec<(NaiveDate, NaiveDate)>> = HashMap::new();
    for l in person_leaves {
        leaves
            .entry(l.person_id)
            .or_default()
            .push((l.starts_on, l.ends_on));
    }
    Ok(Frame {
        organisations,
        workplaces,
        leaves,
        who: Who::Person(person),
    })
}

/// Every country.
pub async fn countries<C: ConnectionTrait>(db: &C) -> Result<Vec<organisation::Model>, DbErr> {
    organisation::Entity::find()
        .filter(organisation::Column::Kind.eq("country"))
        .all(db)
        .await
}

/// Hands each person of a frame's scope, with their organisations, their employment start and
/// their ledger's summary line (`None` for an empty ledger), to `each`, one at a time and in
/// no particular order. Lines are streamed, never held together. A scope at the top of the
/// tree reads everyone who works anywhere, for the caller to skip those outside it, in two
/// passes over whole tables (the people with their memberships, then the lines) rather than a
/// lookup per person; a smaller one reads its people with their lines in one statement.
pub async fn each_person<C, F>(db: &C, frame: &Frame, mut each: F) -> Result<(), DbErr>
where
    C: ConnectionTrait + sea_orm::StreamTrait,
    F: FnMut(PersonRow, &[Uuid], Option<&str>) -> Result<(), DbErr>,
{
    use sea_orm::sea_query::{Expr, ExprTrait, Query};
    let mut stmt = Query::select()
        .columns([
            (person::Entity, person::Column::Id),
            (person::Entity, person::Column::Name),
            (person::Entity, person::Column::Category),
            (person::Entity, person::Column::CreatedAt),
        ])
        .column((
            employment_start::Entity,
            employment_start::Column::StartedOn,
        ))
        .from(person::Entity)
        .left_join(
            employment_start::Entity,
            Expr::col((employment_start::Entity, employment_start::Column::PersonId))
                .equals((person::Entity, person::Column::Id)),
        )
        .and_where(Expr::col((person::Entity, person::Column::ErasedAt)).is_null())
        .to_owned();
    let row_of = |row: &sea_orm::QueryResult| -> Result<PersonRow, DbErr> {
        Ok(PersonRow {
            id: row.try_get_by_index(0)?,
            name: row.try_get_by_index(1)?,
            category: row.try_get_by_index(2)?,
            created_at: row.try_get_by_index(3)?,
            started_on: row.try_get_by_index(4)?,
        })
    };
    if let Who::In(_) = frame.who
        && crate::Backend::of(db) == crate::Backend::Sqlite
    {
        return each_in_bundles(db, frame, each).await;
    }
    if let Some(people) = frame.who.people() {
        let mut orgs: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
        for (p, o) in &frame.workplaces {
            orgs.entry(*p).or_default().push(*o);
        }
        stmt.column((ledger_summary::Entity, ledger_summary::Column::Credits))
            .left_join(
                ledger_summary::Entity,
                Expr::col((ledger_summary::Entity, ledger_summary::Column::PersonId))
                    .equals((person::Entity, person::Column::Id)),
            )
            .and_where(Expr::col((person::Entity, person::Column::Id)).in_subquery(people));
        let mut rows = std::pin::pin!(db.stream(&stmt).await?);
        while let Some(row) = futures::StreamExt::next(&mut rows).await {
            let row = row?;
            let p = row_of(&row)?;
            let line: Option<String> = row.try_get_by_index(5)?;
            let mine = orgs.get(&p.id).map(Vec::as_slice).unwrap_or(&[]);
            each(p, mine, line.as_deref())?;
        }
        return Ok(());
    }
    // The whole tree: everyone with a membership, one row per membership, then the lines.
    stmt.column((membership::Entity, membership::Column::OrganisationId))
        .inner_join(
            membership::Entity,
            Expr::col((membership::Entity, membership::Column::PersonId))
                .equals((person::Entity, person::Column::Id)),
        );
    let mut waiting: HashMap<Uuid, (PersonRow, Vec<Uuid>)> = HashMap::new();
    {
        let mut rows = std::pin::pin!(db.stream(&stmt).await?);
        while let Some(row) = futures::StreamExt::next(&mut rows).await {
            let row = row?;
            let id: Uuid = row.try_get_by_index(0)?;
            let org: Uuid = row.try_get_by_index(5)?;
            match waiting.get_mut(&id) {
                Some((_, orgs)) => orgs.push(org),
                None => {
                    waiting.insert(id, (row_of(&row)?, vec![org]));
                }
            }
        }
    }
    let lines = Query::select()
        .columns([
            ledger_summary::Column::PersonId,
            ledger_summary::Column::Credits,
        ])
        .from(ledger_summary::Entity)
        .to_owned();
    let mut rows = std::pin::pin!(db.stream(&lines).await?);
    while let Some(row) = futures::StreamExt::next(&mut rows).await {
        let row = row?;
        let id: Uuid = row.try_get_by_index(0)?;
        if let Some((p, orgs)) = waiting.remove(&id) {
            let line: String = row.try_get_by_index(1)?;
            each(p, &orgs, Some(&line))?;
        }
    }
    for (_, (p, orgs)) in waiting {
        each(p, &orgs, None)?;
    }
    Ok(())
}

/// People read together from SQLite, as one row.
const BUNDLE: usize = 500;

/// [`each_person`] for an organisation's people on SQLite. SQLite runs on a thread of its
/// own, and every row that crosses to the request's thread can cost a wake-up of each
/// (~10 µs, more than reading the row): a region's ten thousand people, one row each, spent
/// more time crossing than being read. So their rows come [`BUNDLE`] people at a time, as
/// one JSON array that SQLite builds, by their ids in order (the people are known from the
/// frame's workplaces), two bundles at a time on two of the pool's connections, so both
/// cores read while the caller evaluates the bundle before.
async fn each_in_bundles<C, F>(db: &C, frame: &Frame, mut each: F) -> Result<(), DbErr>
where
    C: ConnectionTrait,
    F: FnMut(PersonRow, &[Uuid], Option<&str>) -> Result<(), DbErr>,
{
    use futures::StreamExt;
    let mut orgs: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for (p, o) in &frame.workplaces {
        orgs.entry(*p).or_default().push(*o);
    }
    let mut people: Vec<Uuid> = orgs.keys().copied().collect();
    people.sort_unstable();
    let mut chunks = people.chunks(BUNDLE);
    let mut reading = futures::stream::FuturesOrdered::new();
    for ids in chunks.by_ref().take(2) {
        reading.push_back(read_bundle(db, ids));
    }
    while let Some(rows) = reading.next().await {
        if let Some(ids) = chunks.next() {
            reading.push_back(read_bundle(db, ids));
        }
        for (p, line) in rows? {
            let mine = orgs.get(&p.id).map(Vec::as_slice).unwrap_or(&[]);
            each(p, mine, line.as_deref())?;
        }
    }
    Ok(())
}

/// One bundle of [`each_in_bundles`]: the people with these ids (erased ones left out), each
/// with their employment start and summary line.
async fn read_bundle<C: ConnectionTrait>(
    db: &C,
    ids: &[Uuid],
) -> Result<Vec<(PersonRow, Option<String>)>, DbErr> {
    let marks = vec!["?"; ids.len()].join(",");
    let sql = format!(
        "SELECT json_group_array(json_array(hex(p.id), p.name, p.category, p.created_at, \
         e.started_on, l.credits)) \
         FROM people p \
         LEFT JOIN employment_starts e ON e.person_id = p.id \
         LEFT JOIN ledger_summaries l ON l.person_id = p.id \
         WHERE p.erased_at IS NULL AND p.id IN ({marks})"
    );
    let stmt = sea_orm::Statement::from_sql_and_values(
        sea_orm::DbBackend::Sqlite,
        sql,
        ids.iter().map(|id| sea_orm::Value::from(*id)),
    );
    let Some(row) = db.query_one_raw(stmt).await? else {
        return Ok(Vec::new());
    };
    let json: String = row.try_get_by_index(0)?;
    type Raw = (
        String,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
    );
    let raw: Vec<Raw> =
        serde_json::from_str(&json).map_err(|e| DbErr::Custom(format!("bundle of people: {e}")))?;
    let bad = |what: &str, v: &str| DbErr::Custom(format!("bundle of people: {what} {v:?}"));
    raw.into_iter()
        .map(|(id, name, category, created, started, line)| {
            let person = PersonRow {
                id: Uuid::try_parse(&id).map_err(|_| bad("id", &id))?,
                name,
                category,
                created_at: DateTime::parse_from_rfc3339(&created)
                    .or_else(|_| DateTime::parse_from_str(&created, "%Y-%m-%d %H:%M:%S%.f%:z"))
                    .map_err(|_| bad("created_at", &created))?
                    .with_timezone(&Utc),
                started_on: started
                    .map(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|_| bad("date", &d)))
                    .transpose()?,
            };
            Ok((person, line))
        })
        .collect()
}

/// Records the day a person started work, replacing an earlier one.
pub async fn set_started<C: ConnectionTrait>(
    db: &C,
    person: Uuid,
    on: NaiveDate,
) -> Result<(), DbErr> {
    employment_start::Entity::delete_by_id(person)
        .exec(db)
        .await?;
    employment_start::Entity::insert(
        employment_start::Model {
            person_id: person,
            started_on: on,
        }
        .into_active_model(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

pub async fn insert_leave<C: ConnectionTrait>(db: &C, l: leave::Model) -> Result<(), DbErr> {
    leave::Entity::insert(l.into_active_model())
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Records that a reminder goes out; false when it went out before (the key refuses a
/// second, also against another instance doing the same at the same time).
pub async fn claim_reminder<C: ConnectionTrait>(
    db: &C,
    r: compliance_reminder::Model,
) -> Result<bool, DbErr> {
    let n = compliance_reminder::Entity::insert(r.into_active_model())
        .on_conflict(
            sea_orm::sea_query::OnConflict::columns([
                compliance_reminder::Column::PersonId,
                compliance_reminder::Column::RuleCode,
                compliance_reminder::Column::Deadline,
                compliance_reminder::Column::DaysBefore,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(n == 1)
}

/// Whether this month's digest of an organisation has gone to this person.
pub async fn digest_sent<C: ConnectionTrait>(
    db: &C,
    person: Uuid,
    organisation: Uuid,
    month: &str,
) -> Result<bool, DbErr> {
    Ok(
        compliance_digest::Entity::find_by_id((person, organisation, month.to_owned()))
            .one(db)
            .await?
            .is_some(),
    )
}

/// Records that a digest goes out; false when it went out before.
pub async fn claim_digest<C: ConnectionTrait>(
    db: &C,
    d: compliance_digest::Model,
) -> Result<bool, DbErr> {
    let n = compliance_digest::Entity::insert(d.into_active_model())
        .on_conflict(
            sea_orm::sea_query::OnConflict::columns([
                compliance_digest::Column::PersonId,
                compliance_digest::Column::OrganisationId,
                compliance_digest::Column::Month,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(n == 1)
}
