//! Queries for the hours ledger. Entries are inserted and read, never changed.

use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use uuid::Uuid;

use crate::entities::{ledger_competence, ledger_entry};

pub async fn append<C: ConnectionTrait>(
    db: &C,
    e: ledger_entry::Model,
    competences: &[Uuid],
) -> Result<(), DbErr> {
    let id = e.id;
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
            .filter(ledger_competence::Column::EntryId.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(db)
            .await?;
        for (e, c) in rows {
            out.entry(e).or_default().push(c);
        }
    }
    Ok(out)
}
