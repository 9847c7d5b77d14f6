//! Queries for the hours ledger. Entries are inserted and read, never changed; each insert
//! also appends the entry to its person's summary line (`ledger_summaries`, see
//! [`guildhall_domain::ledger`]) in the same transaction, by one statement that either
//! creates the line or concatenates to it, so concurrent entries of one person never lose
//! each other.

use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use uuid::Uuid;

use crate::entities::{competence, ledger_competence, ledger_entry, ledger_summary};

/// Writes an entry with its competences, and appends it to its person's summary line.
pub async fn append<C: ConnectionTrait>(
    db: &C,
    e: ledger_entry::Model,
    competences: &[Uuid],
) -> Result<(), DbErr> {
    let id = e.id;
    let mut areas: Vec<Uuid> = if competences.is_empty() {
        Vec::new()
    } else {
        competence::Entity::find()
            .select_only()
            .column(competence::Column::AreaId)
            .filter(crate::one_of(db, competence::Column::Id, competences))
            .into_tuple()
            .all(db)
            .await?
    };
    areas.sort();
    areas.dedup();
    let line = guildhall_domain::ledger::line(&guildhall_domain::ledger::Packed {
        on: e.occurred_on,
        minutes: e.minutes,
        source: e.source.clone(),
        item: e.enrolment_id.or(e.reference_id),
        areas,
    });
    let person = e.person_id;
    let mut am = e.into_active_model();
    am.seq = sea_orm::ActiveValue::NotSet;
    ledger_entry::Entity::insert(am)
        .exec_without_returning(db)
        .await?;
    if !competences.is_empty() {
        ledger_competence::Entity::insert_many(competences.iter().map(|c| {
            ledger_competence::ActiveModel {
                entry_id: Set(id),
                competence_id: Set(*c),
            }
        }))
        .exec_without_returning(db)
        .await?;
    }
    add_to_summary(db, person, 1, line).await
}

/// Appends `line` (holding `entries` entries) to a person's summary line, creating it when
/// the person has none: one statement, atomic on both databases.
pub async fn add_to_summary<C: ConnectionTrait>(
    db: &C,
    person: Uuid,
    entries: i32,
    line: String,
) -> Result<(), DbErr> {
    use sea_orm::sea_query::{Expr, OnConflict};
    ledger_summary::Entity::insert(ledger_summary::ActiveModel {
        person_id: Set(person),
        entries: Set(entries),
        credits: Set(line),
    })
    .on_conflict(
        OnConflict::column(ledger_summary::Column::PersonId)
            .value(
                ledger_summary::Column::Entries,
                Expr::cust("ledger_summaries.entries + excluded.entries"),
            )
            .value(
                ledger_summary::Column::Credits,
                Expr::cust("ledger_summaries.credits || excluded.credits"),
            )
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// A person's entries, oldest first.
pub async fn entries_of<C: ConnectionTrait>(
    db: &C,
    person: Uuid,
) -> Result<Vec<ledger_entry::Model>, DbErr> {
    ledger_entry::Entity::find()
        .filter(ledger_entry::Column::PersonId.eq(person))
        .order_by_asc(ledger_entry::Column::OccurredOn)
        .order_by_asc(ledger_entry::Column::Seq)
        .all(db)
        .await
}

/// The entries written for one enrolment.
pub async fn entries_for_enrolment<C: ConnectionTrait>(
    db: &C,
    enrolment: Uuid,
) -> Result<Vec<ledger_entry::Model>, DbErr> {
    ledger_entry::Entity::find()
        .filter(ledger_entry::Column::EnrolmentId.eq(enrolment))
        .order_by_asc(ledger_entry::Column::Seq)
        .all(db)
        .await
}

/// The competences of these entries.
pub async fn competences_of<C: ConnectionTrait>(
    db: &C,
    entries: &[Uuid],
) -> Result<HashMap<Uuid, Vec<Uuid>>, DbErr> {
    let mut out: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for chunk in entries.chunks(5_000) {
        let rows: Vec<(Uuid, Uuid)> = ledger_competence::Entity::find()
            .select_only()
            .columns([
                ledger_competence::Column::EntryId,
                ledger_competence::Column::CompetenceId,
            ])
            .filter(crate::one_of(db, ledger_competence::Column::EntryId, chunk))
            .into_tuple()
            .all(db)
            .await?;
        for (e, c) in rows {
            out.entry(e).or_default().push(c);
        }
    }
    Ok(out)
}
