//! People, organisations, roles, log-in sessions, API tokens, the mail outbox and the audit log.

use sea_orm_migration::{prelude::*, schema::*};

use crate::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("settings")
                .if_not_exists()
                .col(string("key").primary_key())
                .col(text("value"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("organisations")
                .if_not_exists()
                .col(uuid("id").primary_key())
                .col(uuid_null("parent_id"))
                .col(string("kind"))
                .col(string_uniq("code"))
                .col(text_null("name_hu"))
                .col(text_null("name_pl"))
                .col(text_null("name_ru"))
                .col(text_null("name_en"))
                .col(string("path"))
                .col(integer("depth"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk(
                    "organisations",
                    "parent_id",
                    "organisations",
                    ForeignKeyAction::Restrict,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("organisations", &["path"], false))
            .await?;
        m.create_index(index("organisations", &["parent_id"], false))
            .await?;

        m.create_table(
            Table::create()
                .table("people")
                .if_not_exists()
                .col(uuid("id").primary_key())
                .col(string_uniq("email"))
                .col(string("name"))
                .col(string_null("password_hash"))
                .col(string("language"))
                .col(string("category"))
                .col(timestamp_with_time_zone_null("email_confirmed_at"))
                .col(integer("failed_logins").default(0))
                .col(timestamp_with_time_zone_null("locked_until"))
                .col(timestamp_with_time_zone_null("erased_at"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("people", &["name"], false)).await?;

        m.create_table(
            Table::create()
                .table("memberships")
                .if_not_exists()
                .col(uuid("person_id"))
                .col(uuid("organisation_id"))
                .col(timestamp_with_time_zone("created_at"))
                .primary_key(Index::create().col("person_id").col("organisation_id"))
                .foreign_key(&mut fk(
                    "memberships",
                    "person_id",
                    "people",
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "memberships",
                    "organisation_id",
                    "organisations",
                    ForeignKeyAction::Restrict,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("memberships", &["organisation_id"], false))
            .await?;

        // A role over a subtree. `scope_path` is the organisation's path, or "/" for the whole
        // platform; it is kept here so that a grant covers an object by a prefix test alone.
        m.create_table(
            Table::create()
                .table("role_assignments")
                .if_not_exists()
                .col(uuid("id").primary_key())
                .col(uuid("person_id"))
                .col(string("role"))
                .col(uuid_null("organisation_id"))
                .col(string("scope_path"))
                .col(uuid_null("granted_by"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk(
                    "role_assignments",
                    "person_id",
                    "people",
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "role_assignments",
                    "organisation_id",
                    "organisations",
                    ForeignKeyAction::Restrict,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "role_assignments",
            &["person_id", "role", "scope_path"],
            true,
        ))
        .await?;
        m.create_index(index("role_assignments", &["scope_path"], false))
            .await?;

        m.create_table(
            Table::create()
                .table("auth_sessions")
                .if_not_exists()
                .col(string("id_hash").primary_key())
                .col(uuid("person_id"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("last_seen_at"))
                .col(timestamp_with_time_zone("expires_at"))
                .col(string_null("ip"))
                .col(string_null("user_agent"))
                .foreign_key(&mut fk(
                    "auth_sessions",
                    "person_id",
                    "people",
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("auth_sessions", &["person_id"], false))
            .await?;

        m.create_table(
            Table::create()
                .table("api_tokens")
                .if_not_exists()
                .col(uuid("id").primary_key())
                .col(uuid("person_id"))
                .col(string("name"))
                .col(string_uniq("token_hash"))
                .col(string("prefix"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("last_used_at"))
                .col(timestamp_with_time_zone_null("expires_at"))
                .col(timestamp_with_time_zone_null("revoked_at"))
                .foreign_key(&mut fk(
                    "api_tokens",
                    "person_id",
                    "people",
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("api_tokens", &["person_id"], false))
            .await?;

        m.create_table(
            Table::create()
                .table("email_tokens")
                .if_not_exists()
                .col(string("token_hash").primary_key())
                .col(uuid("person_id"))
                .col(string("purpose"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("expires_at"))
                .col(timestamp_with_time_zone_null("used_at"))
                .foreign_key(&mut fk(
                    "email_tokens",
                    "person_id",
                    "people",
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("email_tokens", &["person_id"], false))
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
        m.create_index(index("login_failures", &["email", "at"], false))
            .await?;
        m.create_index(index("login_failures", &["ip", "at"], false))
            .await?;

        m.create_table(
            Table::create()
                .table("outbox")
                .if_not_exists()
                .col(uuid("id").primary_key())
                .col(uuid_null("person_id"))
                .col(string("to_address"))
                .col(string("language"))
                .col(string("subject"))
                .col(text("body"))
                .col(string("status"))
                .col(integer("attempts").default(0))
                .col(text_null("last_error"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("next_attempt_at"))
                .col(timestamp_with_time_zone_null("sent_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("outbox", &["status", "next_attempt_at"], false))
            .await?;
        m.create_index(index("outbox", &["person_id"], false))
            .await?;

        // Append-only: the application never updates or deletes a row here. Personal data stays
        // out of `details`, so erasing a person leaves the log intact and still meaningful.
        m.create_table(
            Table::create()
                .table("audit_log")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(timestamp_with_time_zone("at"))
                .col(uuid_null("actor_id"))
                .col(string_null("ip"))
                .col(string("action"))
                .col(string("object_type"))
                .col(string("object_id"))
                .col(string_null("scope_path"))
                .col(text("details"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("audit_log", &["actor_id"], false))
            .await?;
        m.create_index(index("audit_log", &["object_type", "object_id"], false))
            .await?;
        m.create_index(index("audit_log", &["at"], false)).await?;
        Ok(())
    }
}
