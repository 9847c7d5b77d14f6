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

impl Scope {
    /// The ids of the people in scope, as a subquery.
    fn people(&self) -> SelectStatement {
        match self {
            Scope::Person(id) => person::Entity::find()
                .select_only()
                .column(person::Column::Id)
                .filter(person::Column::Id.eq(*id))
                .into_query(),
            Scope::Under(path) => membership::Entity::find()
                .select_only()
                .column(membership::Column::PersonId)
                .filter(
                    membership::Column::OrganisationId.in_subquery(
                        organisation::Entity::find()
                            .select_only()
                            .column(organisation::Column::Id)
                            .filter(organisation::Column::Path.starts_with(path.as_str()))
                            .into_query(),
                    ),
                )
                .into_query(),
        }
    }
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

/// Everything but the ledger that decides the standing of the people in a scope.
#[derive(Clone, Debug, Default)]
pub struct Frame {
    /// In name order.
    pub people: Vec<PersonRow>,
    /// Each person's organisations: (person, organisation).
    pub memberships: Vec<(Uuid, Uuid)>,
    /// The people's organisations, every country, and everything under the scope's
    /// organisation: for kinds, paths and countries.
    pub organisations: HashMap<Uuid, organisation::Model>,
    pub leaves: HashMap<Uuid, Vec<(NaiveDate, NaiveDate)>>,
}

impl Scope {
    /// A scope at the top of the tree (everything, or a country) covers most people: one
    /// pass over a table beats a lookup per person, so its rows are filtered by the reader.
    fn whole_tree(&self) -> bool {
        matches!(self, Scope::Under(p) if p.matches('/').count() <= 2)
    }
}

/// Reads a scope's people, their organisations and their leaves in four round trips.
pub async fn frame<C: ConnectionTrait>(db: &C, scope: &Scope) -> Result<Frame, DbErr> {
    let who = scope.people();
    let people: Vec<(Uuid, String, String, DateTime<Utc>, Option<NaiveDate>)> =
        person::Entity::find()
            .select_only()
            .columns([
                person::Column::Id,
                person::Column::Name,
                person::Column::Category,
                person::Column::CreatedAt,
            ])
            .column_as(
                sea_orm::sea_query::Expr::col((
                    employment_start::Entity,
                    employment_start::Column::StartedOn,
                )),
                "started_on",
            )
            .join(
                sea_orm::JoinType::LeftJoin,
                person::Entity::belongs_to(employment_start::Entity)
                    .from(person::Column::Id)
                    .to(employment_start::Column::PersonId)
                    .into(),
            )
            .filter(person::Column::Id.in_subquery(who.clone()))
            .filter(person::Column::ErasedAt.is_null())
            .order_by_asc(person::Column::Name)
            .into_tuple()
            .all(db)
            .await?;
    let memberships: Vec<(Uuid, Uuid)> = membership::Entity::find()
        .select_only()
        .columns([
            membership::Column::PersonId,
            membership::Column::OrganisationId,
        ])
        .filter(membership::Column::PersonId.in_subquery(who.clone()))
        .into_tuple()
        .all(db)
        .await?;
    // The organisations that matter: where the people work, every country (for the rules'
    // jurisdictions), and for an organisation's scope everything under it.
    let workplaces = membership::Entity::find()
        .select_only()
        .column(membership::Column::OrganisationId)
        .filter(membership::Column::PersonId.in_subquery(who.clone()))
        .into_query();
    let mut wanted = sea_orm::Condition::any()
        .add(organisation::Column::Id.in_subquery(workplaces))
        .add(organisation::Column::Kind.eq("country"));
    if let Scope::Under(path) = scope {
        wanted = wanted.add(organisation::Column::Path.starts_with(path.as_str()));
    }
    let organisations = organisation::Entity::find()
        .filter(wanted)
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let mut leaves: HashMap<Uuid, Vec<(NaiveDate, NaiveDate)>> = HashMap::new();
    for l in leave::Entity::find()
        .filter(leave::Column::PersonId.in_subquery(who))
        .all(db)
        .await?
    {
        leaves
            .entry(l.person_id)
            .or_default()
            .push((l.starts_on, l.ends_on));
    }
    Ok(Frame {
        people: people
            .into_iter()
            .map(|(id, name, category, created_at, started_on)| PersonRow {
                id,
                name,
                category,
                created_at,
                started_on,
            })
            .collect(),
        memberships,
        organisations,
        leaves,
    })
}

/// Hands each ledger summary line of the people in a scope to `each`, one row at a time, in
/// one round trip: a country's lines are streamed, never held together. A scope at the top of
/// the tree reads every line, including people outside it, for the caller to skip.
pub async fn each_summary<C, F>(db: &C, scope: &Scope, mut each: F) -> Result<(), DbErr>
where
    C: ConnectionTrait + sea_orm::StreamTrait,
    F: FnMut(Uuid, &str) -> Result<(), DbErr>,
{
    let mut stmt = sea_orm::sea_query::Query::select()
        .columns([
            ledger_summary::Column::PersonId,
            ledger_summary::Column::Credits,
        ])
        .from(ledger_summary::Entity)
        .to_owned();
    if !scope.whole_tree() {
        stmt.and_where(ledger_summary::Column::PersonId.in_subquery(scope.people()));
    }
    let mut rows = std::pin::pin!(db.stream(&stmt).await?);
    while let Some(row) = futures::StreamExt::next(&mut rows).await {
        let row = row?;
        let person: Uuid = row.try_get_by_index(0)?;
        let line: String = row.try_get_by_index(1)?;
        each(person, &line)?;
    }
    Ok(())
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
