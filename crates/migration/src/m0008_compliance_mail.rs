//! Compliance mail: which deadline reminders and which monthly digests have gone out, so
//! each goes exactly once (the primary keys refuse a second), however often the job runs and
//! however many instances run it.

use sea_orm_migration::{prelude::*, schema::*};

use crate::fk;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("compliance_reminders")
                .if_not_exists()
                .col(uuid("person_id"))
                .col(string("rule_code"))
                .col(date("deadline"))
                // The reminder point: this many days before the deadline.
                .col(integer("days_before"))
                .col(timestamp_with_time_zone("sent_at"))
                .primary_key(
                    Index::create()
                        .col("person_id")
                        .col("rule_code")
                        .col("deadline")
                        .col("days_before"),
                )
                .foreign_key(&mut fk(
                    "compliance_reminders",
                    "person_id",
                    "people",
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("compliance_digests")
                .if_not_exists()
                .col(uuid("person_id"))
                .col(uuid("organisation_id"))
                // `YYYY-MM`.
                .col(string("month"))
                .col(timestamp_with_time_zone("sent_at"))
                .primary_key(
                    Index::create()
                        .col("person_id")
                        .col("organisation_id")
                        .col("month"),
                )
                .foreign_key(&mut fk(
                    "compliance_digests",
                    "person_id",
                    "people",
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["compliance_digests", "compliance_reminders"] {
            m.drop_table(Table::drop().table(t).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}
