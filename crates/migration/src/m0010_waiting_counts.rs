//! Each session counts its waiting list beside its seats (`waiting`, never below zero). The
//! statements that put people on a waiting list and take them off it keep the count in the
//! same transaction, so a sign-up that joins the list learns its place from the session row
//! it has locked instead of counting the list. Existing sessions get their count here from
//! their enrolments.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("training_sessions")
                .add_column(
                    integer("waiting")
                        .default(0)
                        .check(Expr::col("waiting").gte(0)),
                )
                .to_owned(),
        )
        .await?;
        let waiting = Query::select()
            .expr(Expr::col("id").count())
            .from("enrolments")
            .and_where(Expr::col(("enrolments", "session_id")).equals(("training_sessions", "id")))
            .and_where(Expr::col(("enrolments", "status")).eq("waitlisted"))
            .to_owned();
        m.exec_stmt(
            Query::update()
                .table("training_sessions")
                .value("waiting", waiting)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("training_sessions")
                .drop_column("waiting")
                .to_owned(),
        )
        .await
    }
}
