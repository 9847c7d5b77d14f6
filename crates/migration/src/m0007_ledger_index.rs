//! An index on the ledger by person: a person's ledger, their compliance standing and an
//! organisation's figures all read the entries of given people.

use sea_orm_migration::prelude::*;

use crate::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(index(
            "ledger_entries",
            &["person_id", "occurred_on"],
            false,
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("ix_ledger_entries_person_id_occurred_on")
                .table("ledger_entries")
                .to_owned(),
        )
        .await
    }
}
