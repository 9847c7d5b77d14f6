//! Account and record integrity.
//!
//! - `outbox.secret_body`: a message that carries a secret link (confirmation, reset,
//!   invitation) keeps the link only here, until it is delivered; `body` always holds the
//!   message with the link removed, and is all that administrators and exports ever show.
//! - `people.created_by`: who made an account for someone else, so that nobody decides on
//!   their own matters through an account they created.
//! - `login_throttles` replaces the hard lock (`people.failed_logins`, `people.locked_until`,
//!   `login_failures`): one row per key (an account and address, an address, an account)
//!   counts the attempts reserved by a conditional update before a password is checked, and
//!   when the key may try next.
//! - `membership_requests`: joining an organisation is a request the other side accepts (a
//!   registration asks the institution, an invitation asks the person).

use sea_orm_migration::{prelude::*, schema::*};

use crate::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("outbox")
                .add_column(text_null("secret_body"))
                .to_owned(),
        )
        .await?;
        // A pending message written before this migration may carry a live link in its body;
        // it keeps the link for delivery and its shown body loses it.
        m.exec_stmt(
            Query::update()
                .table("outbox")
                .value("secret_body", Expr::col("body"))
                .value("body", "")
                .and_where(Expr::col("status").is_in(["pending", "sending"]))
                .and_where(
                    Expr::col("body")
                        .like("%/confirm/%")
                        .or(Expr::col("body").like("%/password/reset/%")),
                )
                .to_owned(),
        )
        .await?;
        m.exec_stmt(
            Query::update()
                .table("outbox")
                .value("body", "")
                .and_where(Expr::col("status").is_not_in(["pending", "sending"]))
                .and_where(
                    Expr::col("body")
                        .like("%/confirm/%")
                        .or(Expr::col("body").like("%/password/reset/%")),
                )
                .to_owned(),
        )
        .await?;

        m.alter_table(
            Table::alter()
                .table("people")
                .add_column(uuid_null("created_by"))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("people")
                .drop_column("failed_logins")
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("people")
                .drop_column("locked_until")
                .to_owned(),
        )
        .await?;
        m.drop_table(Table::drop().table("login_failures").to_owned())
            .await?;

        m.create_table(
            Table::create()
                .table("login_throttles")
                .if_not_exists()
                .col(string("key").primary_key())
                .col(integer("attempts").default(0))
                .col(timestamp_with_time_zone("last_at"))
                .col(timestamp_with_time_zone_null("blocked_until"))
                .col(timestamp_with_time_zone_null("notified_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("login_throttles", &["last_at"], false))
            .await?;

        m.create_table(
            Table::create()
                .table("membership_requests")
                .if_not_exists()
                .col(uuid("id").primary_key())
                .col(uuid("person_id"))
                .col(uuid("organisation_id"))
                .col(string("kind"))
                .col(uuid_null("requested_by"))
                .col(timestamp_with_time_zone("created_at"))
                .col(string_null("decision"))
                .col(uuid_null("decided_by"))
                .col(timestamp_with_time_zone_null("decided_at"))
                // Set while the request waits, cleared when it is decided: one open request
                // per person and organisation, by a unique index.
                .col(uuid_null("open_org"))
                .foreign_key(&mut fk(
                    "membership_requests",
                    "person_id",
                    "people",
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "membership_requests",
                    "organisation_id",
                    "organisations",
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "membership_requests",
            &["person_id", "open_org"],
            true,
        ))
        .await?;
        m.create_index(index(
            "membership_requests",
            &["organisation_id", "decided_at"],
            false,
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("membership_requests").to_owned())
            .await?;
        m.drop_table(Table::drop().table("login_throttles").to_owned())
            .await?;
        m.create_table(
            Table::create()
                .table("login_failures")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(string("email"))
                .col(string("ip"))
                .col(timestamp_with_time_zone("at"))
                .to_owned(),
        )
        .await?;
        for stmt in [
            Table::alter()
                .table("people")
                .add_column(integer("failed_logins").default(0))
                .to_owned(),
            Table::alter()
                .table("people")
                .add_column(timestamp_with_time_zone_null("locked_until"))
                .to_owned(),
            Table::alter()
                .table("people")
                .drop_column("created_by")
                .to_owned(),
            Table::alter()
                .table("outbox")
                .drop_column("secret_body")
                .to_owned(),
        ] {
            m.alter_table(stmt).await?;
        }
        Ok(())
    }
}
