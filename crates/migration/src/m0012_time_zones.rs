//! Time zones: a region or country may name its IANA zone (`organisations.time_zone`), and
//! each session records the zone its local times are in (`training_sessions.time_zone`,
//! chosen when it is made: its provider's nearest zone, else the deployment's). Sessions made
//! before have none and are read in the deployment's zone, as they were.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("organisations")
                .add_column(string_null("time_zone"))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("training_sessions")
                .add_column(string_null("time_zone"))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("training_sessions")
                .drop_column("time_zone")
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("organisations")
                .drop_column("time_zone")
                .to_owned(),
        )
        .await
    }
}
