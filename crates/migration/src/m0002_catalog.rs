//! Competence frameworks, programmes and their versions, catalogue releases, and the change
//! log that keeps every instance's search index current.

use sea_orm_migration::{prelude::*, schema::*};

use crate::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn names(t: &mut TableCreateStatement, prefix: &str) {
    for lang in ["hu", "pl", "ru", "en"] {
        t.col(text_null(Alias::new(format!("{prefix}_{lang}"))));
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let mut t = Table::create();
        t.table("frameworks")
            .if_not_exists()
            .col(uuid("id").primary_key())
            .col(string_uniq("code"))
            .col(timestamp_with_time_zone("created_at"));
        names(&mut t, "name");
        m.create_table(t.to_owned()).await?;

        let mut t = Table::create();
        t.table("framework_areas")
            .if_not_exists()
            .col(uuid("id").primary_key())
            .col(uuid("framework_id"))
            .col(string("code"))
            .col(integer("position"))
            .foreign_key(&mut fk(
                "framework_areas",
                "framework_id",
                "frameworks",
                ForeignKeyAction::Cascade,
            ));
        names(&mut t, "name");
        m.create_table(t.to_owned()).await?;
        m.create_index(index("framework_areas", &["framework_id", "code"], true))
            .await?;

        let mut t = Table::create();
        t.table("competences")
            .if_not_exists()
            .col(uuid("id").primary_key())
            .col(uuid("framework_id"))
            .col(uuid("area_id"))
            .col(string("code"))
            .col(integer("position"))
            .foreign_key(&mut fk(
                "competences",
                "framework_id",
                "frameworks",
                ForeignKeyAction::Cascade,
            ))
            .foreign_key(&mut fk(
                "competences",
                "area_id",
                "framework_areas",
                ForeignKeyAction::Cascade,
            ));
        names(&mut t, "name");
        m.create_table(t.to_owned()).await?;
        m.create_index(index("competences", &["framework_id", "code"], true))
            .await?;

        m.create_table(
            Table::create()
                .table("catalogue_releases")
                .if_not_exists()
                .col(uuid("id").primary_key())
                .col(string("name"))
                .col(text("notes"))
                .col(uuid("published_by"))
                .col(timestamp_with_time_zone("published_at"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("programmes")
                .if_not_exists()
                .col(uuid("id").primary_key())
                .col(string_uniq("code"))
                .col(uuid("provider_id"))
                .col(uuid("created_by"))
                .col(uuid_null("published_version_id"))
                .col(integer("latest_version"))
                .col(timestamp_with_time_zone_null("retired_at"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk(
                    "programmes",
                    "provider_id",
                    "organisations",
                    ForeignKeyAction::Restrict,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("programmes", &["provider_id"], false))
            .await?;

        let mut t = Table::create();
        t.table("programme_versions")
            .if_not_exists()
            .col(uuid("id").primary_key())
            .col(uuid("programme_id"))
            .col(integer("version"))
            .col(string("state"))
            .col(integer("hours"))
            .col(string("format"))
            .col(string("delivery_language"))
            .col(integer("follow_up_days"))
            .col(integer("attendance_pct"))
            .col(boolean("assessment_required"))
            .col(string("licence"))
            .col(text_null("review_comment"))
            .col(uuid("author_id"))
            .col(uuid_null("reviewed_by"))
            .col(timestamp_with_time_zone_null("submitted_at"))
            .col(timestamp_with_time_zone_null("reviewed_at"))
            .col(timestamp_with_time_zone_null("published_at"))
            .col(uuid_null("release_id"))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone("updated_at"))
            .foreign_key(&mut fk(
                "programme_versions",
                "programme_id",
                "programmes",
                ForeignKeyAction::Cascade,
            ))
            .foreign_key(&mut fk(
                "programme_versions",
                "release_id",
                "catalogue_releases",
                ForeignKeyAction::Restrict,
            ));
        for prefix in ["title", "description", "outcomes", "prerequisites"] {
            names(&mut t, prefix);
        }
        m.create_table(t.to_owned()).await?;
        m.create_index(index(
            "programme_versions",
            &["programme_id", "version"],
            true,
        ))
        .await?;
        m.create_index(index("programme_versions", &["state"], false))
            .await?;
        m.create_index(index("programme_versions", &["release_id"], false))
            .await?;

        m.create_table(
            Table::create()
                .table("version_competences")
                .if_not_exists()
                .col(uuid("version_id"))
                .col(uuid("competence_id"))
                .primary_key(Index::create().col("version_id").col("competence_id"))
                .foreign_key(&mut fk(
                    "version_competences",
                    "version_id",
                    "programme_versions",
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "version_competences",
                    "competence_id",
                    "competences",
                    ForeignKeyAction::Restrict,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("version_competences", &["competence_id"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("version_regions")
                .if_not_exists()
                .col(uuid("version_id"))
                .col(uuid("region_id"))
                .primary_key(Index::create().col("version_id").col("region_id"))
                .foreign_key(&mut fk(
                    "version_regions",
                    "version_id",
                    "programme_versions",
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "version_regions",
                    "region_id",
                    "organisations",
                    ForeignKeyAction::Restrict,
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("version_categories")
                .if_not_exists()
                .col(uuid("version_id"))
                .col(string("category"))
                .primary_key(Index::create().col("version_id").col("category"))
                .foreign_key(&mut fk(
                    "version_categories",
                    "version_id",
                    "programme_versions",
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;

        // Every change to what the public catalogue shows appends a row; each instance reads
        // the rows after the last it has seen and re-indexes those programmes.
        m.create_table(
            Table::create()
                .table("catalogue_changes")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(uuid("programme_id"))
                .col(timestamp_with_time_zone("at"))
                .to_owned(),
        )
        .await?;
        Ok(())
    }
}
