//! Sessions of programmes, their meetings and trainers, sign-ups (enrolments) with waiting
//! lists, attendance, the hours ledger, idempotency keys for the API, and in-app
//! notifications.
//!
//! Two rules are enforced by the database itself: a session never holds more confirmed and
//! held seats than its capacity (`taken <= capacity`, kept by conditional updates and checked
//! by a constraint), and a person holds at most one active place in a session (a unique
//! index over `active_session`, which is set only while the enrolment is active).

use sea_orm_migration::{prelude::*, schema::*};

use crate::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("training_sessions")
                .if_not_exists()
                .col(uuid("id").primary_key())
                .col(uuid("programme_id"))
                .col(uuid("version_id"))
                .col(uuid("provider_id"))
                .col(string("state"))
                .col(string("language"))
                .col(integer("capacity"))
                .col(integer("taken").default(0))
                .col(timestamp_with_time_zone("registration_opens_at"))
                .col(timestamp_with_time_zone("registration_closes_at"))
                .col(timestamp_with_time_zone("cancellation_deadline"))
                .col(boolean("requires_approval"))
                .col(integer("hold_days"))
                .col(boolean("offer_waitlist"))
                .col(integer("offer_hours"))
                .col(date("starts_on"))
                .col(date("ends_on"))
                .col(text("categories"))
                .col(text_null("note"))
                .col(uuid("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .check(Expr::col("taken").gte(0))
                .check(Expr::col("taken").lte(Expr::col("capacity")))
                .foreign_key(&mut fk(
                    "training_sessions",
                    "programme_id",
                    "programmes",
                    ForeignKeyAction::Restrict,
                ))
                .foreign_key(&mut fk(
                    "training_sessions",
                    "version_id",
                    "programme_versions",
                    ForeignKeyAction::Restrict,
                ))
                .foreign_key(&mut fk(
                    "training_sessions",
                    "provider_id",
                    "organisations",
                    ForeignKeyAction::Restrict,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("training_sessions", &["programme_id"], false))
            .await?;
        m.create_index(index("training_sessions", &["state", "starts_on"], false))
            .await?;

        m.create_table(
            Table::create()
                .table("session_regions")
                .if_not_exists()
                .col(uuid("session_id"))
                .col(uuid("region_id"))
                .primary_key(Index::create().col("session_id").col("region_id"))
                .foreign_key(&mut fk(
                    "session_regions",
                    "session_id",
                    "training_sessions",
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "session_regions",
                    "region_id",
                    "organisations",
                    ForeignKeyAction::Restrict,
                ))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("session_meetings")
                .if_not_exists()
                .col(uuid("id").primary_key())
                .col(uuid("session_id"))
                .col(integer("position"))
                .col(date("day"))
                .col(time("starts_at"))
                .col(time("ends_at"))
                .col(text_null("place"))
                .col(text_null("online_link"))
                .foreign_key(&mut fk(
                    "session_meetings",
                    "session_id",
                    "training_sessions",
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("session_meetings", &["session_id", "position"], true))
            .await?;
        m.create_index(index("session_meetings", &["day"], false))
            .await?;

        m.create_table(
            Table::create()
                .table("session_trainers")
                .if_not_exists()
                .col(uuid("session_id"))
                .col(uuid("person_id"))
                .primary_key(Index::create().col("session_id").col("person_id"))
                .foreign_key(&mut fk(
                    "session_trainers",
                    "session_id",
                    "training_sessions",
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "session_trainers",
                    "person_id",
                    "people",
                    ForeignKeyAction::Restrict,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("session_trainers", &["person_id"], false))
            .await?;

        // `seq` is the arrival order that the waiting list is served in.
        m.create_table(
            Table::create()
                .table("enrolments")
                .if_not_exists()
                .col(big_pk_auto("seq"))
                .col(uuid_uniq("id"))
                .col(uuid("session_id"))
                .col(uuid("person_id"))
                .col(string("status"))
                .col(uuid_null("active_session"))
                .col(timestamp_with_time_zone_null("expires_at"))
                .col(boolean_null("assessment_passed"))
                .col(boolean("completed").default(false))
                .col(timestamp_with_time_zone_null("completed_at"))
                .col(boolean("reminded").default(false))
                .col(uuid_null("decided_by"))
                .col(timestamp_with_time_zone_null("decided_at"))
                .col(text_null("decision_note"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk(
                    "enrolments",
                    "session_id",
                    "training_sessions",
                    ForeignKeyAction::Restrict,
                ))
                .foreign_key(&mut fk(
                    "enrolments",
                    "person_id",
                    "people",
                    ForeignKeyAction::Restrict,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("enrolments", &["person_id", "active_session"], true))
            .await?;
        m.create_index(index("enrolments", &["session_id", "status", "seq"], false))
            .await?;
        m.create_index(index("enrolments", &["status", "expires_at"], false))
            .await?;

        m.create_table(
            Table::create()
                .table("attendance")
                .if_not_exists()
                .col(uuid("enrolment_id"))
                .col(uuid("meeting_id"))
                .col(string("status"))
                .col(integer("minutes"))
                .col(uuid("recorded_by"))
                .col(timestamp_with_time_zone("recorded_at"))
                .primary_key(Index::create().col("enrolment_id").col("meeting_id"))
                .foreign_key(&mut fk(
                    "attendance",
                    "meeting_id",
                    "session_meetings",
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;

        // Append-only: a correction is a new entry, never an update.
        m.create_table(
            Table::create()
                .table("ledger_entries")
                .if_not_exists()
                .col(big_pk_auto("seq"))
                .col(uuid_uniq("id"))
                .col(uuid("person_id"))
                .col(integer("minutes"))
                .col(date("occurred_on"))
                .col(string("source"))
                .col(uuid_null("session_id"))
                .col(uuid_null("enrolment_id"))
                .col(uuid_null("version_id"))
                .col(uuid_null("reference_id"))
                .col(uuid_null("reverses"))
                .col(text("note"))
                .col(uuid_null("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk(
                    "ledger_entries",
                    "person_id",
                    "people",
                    ForeignKeyAction::Restrict,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ledger_entries",
            &["person_id", "occurred_on"],
            false,
        ))
        .await?;
        m.create_index(index("ledger_entries", &["enrolment_id"], false))
            .await?;

        m.create_table(
            Table::create()
                .table("ledger_competences")
                .if_not_exists()
                .col(uuid("entry_id"))
                .col(uuid("competence_id"))
                .primary_key(Index::create().col("entry_id").col("competence_id"))
                .foreign_key(&mut fk(
                    "ledger_competences",
                    "competence_id",
                    "competences",
                    ForeignKeyAction::Restrict,
                ))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("idempotency_keys")
                .if_not_exists()
                .col(uuid("person_id"))
                .col(string("key"))
                .col(string("scope"))
                .col(integer("status"))
                .col(text("body"))
                .col(timestamp_with_time_zone("created_at"))
                .primary_key(Index::create().col("person_id").col("key"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("notifications")
                .if_not_exists()
                .col(uuid("id").primary_key())
                .col(uuid("person_id"))
                .col(string("kind"))
                .col(text("text"))
                .col(string_null("link"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("read_at"))
                .foreign_key(&mut fk(
                    "notifications",
                    "person_id",
                    "people",
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("notifications", &["person_id", "created_at"], false))
            .await?;
        Ok(())
    }
}
