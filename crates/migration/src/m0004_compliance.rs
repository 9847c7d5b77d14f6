//! Compliance: the rules (each stored whole as JSON, so a new kind of requirement needs no
//! new column), the day each person started work (where cycles start from), and leaves that
//! pause a person's cycle.

use sea_orm_migration::{prelude::*, schema::*};

use crate::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("compliance_rules")
                .if_not_exists()
                .col(string("code").primary_key())
                .col(text("body"))
                .col(boolean("active").default(true))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("employment_starts")
                .if_not_exists()
                .col(uuid("person_id").primary_key())
                .col(date("started_on"))
                .foreign_key(&mut fk(
                    "employment_starts",
                    "person_id",
                    "people",
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("leaves")
                .if_not_exists()
                .col(uuid("id").primary_key())
                .col(uuid("person_id"))
                .col(date("starts_on"))
                .col(date("ends_on"))
                .col(string("reason"))
                .col(uuid_null("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .check(Expr::col("ends_on").gte(Expr::col("starts_on")))
                .foreign_key(&mut fk(
                    "leaves",
                    "person_id",
                    "people",
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("leaves", &["person_id"], false))
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["leaves", "employment_starts", "compliance_rules"] {
            m.drop_table(Table::drop().table(t).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}
