//! Recognition of outside learning: training done elsewhere, or time in industry, that a
//! person submits with evidence and an institution head or reviewer approves (the hours go
//! to the ledger) or rejects with a reason. Evidence files live in the data folder; the row
//! keeps their name, type, size and SHA-256.

use sea_orm_migration::{prelude::*, schema::*};

use crate::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("recognitions")
                .if_not_exists()
                .col(uuid("id").primary_key())
                .col(uuid("person_id"))
                .col(string("kind"))
                .col(string("title"))
                .col(string("provider"))
                .col(date("starts_on"))
                .col(date("ends_on"))
                .col(integer("minutes"))
                .col(text("competences"))
                .col(string("evidence_name"))
                .col(string("evidence_type"))
                .col(integer("evidence_size"))
                .col(string("evidence_sha256"))
                .col(string("status"))
                .col(uuid_null("decided_by"))
                .col(timestamp_with_time_zone_null("decided_at"))
                .col(text_null("reason"))
                .col(timestamp_with_time_zone("created_at"))
                .check(Expr::col("minutes").gt(0))
                .check(Expr::col("ends_on").gte(Expr::col("starts_on")))
                .foreign_key(&mut fk(
                    "recognitions",
                    "person_id",
                    "people",
                    ForeignKeyAction::Restrict,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("recognitions", &["person_id"], false))
            .await?;
        m.create_index(index("recognitions", &["status", "created_at"], false))
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("recognitions").if_exists().to_owned())
            .await
    }
}
