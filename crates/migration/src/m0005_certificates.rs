//! Certificates of completion. `seq` is the serial number and the certificate's place in the
//! published revocation list. A completed enrolment has at most one current certificate:
//! `active_enrolment` holds the enrolment while the certificate is current and is cleared
//! when it is revoked or replaced, and a unique index over it makes a second current
//! certificate impossible, however many requests race to issue one.

use sea_orm_migration::{prelude::*, schema::*};

use crate::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("certificates")
                .if_not_exists()
                .col(big_pk_auto("seq"))
                .col(uuid_uniq("id"))
                .col(uuid("enrolment_id"))
                .col(uuid_null("active_enrolment"))
                .col(uuid("person_id"))
                .col(uuid("session_id"))
                .col(uuid("version_id"))
                .col(string_uniq("code"))
                .col(string("language"))
                .col(integer("minutes"))
                .col(date("completed_on"))
                .col(timestamp_with_time_zone("issued_at"))
                .col(string("status"))
                .col(timestamp_with_time_zone_null("revoked_at"))
                .col(text_null("revoke_reason"))
                .col(uuid_null("replaced_by"))
                .foreign_key(&mut fk(
                    "certificates",
                    "enrolment_id",
                    "enrolments",
                    ForeignKeyAction::Restrict,
                ))
                .foreign_key(&mut fk(
                    "certificates",
                    "person_id",
                    "people",
                    ForeignKeyAction::Restrict,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("certificates", &["active_enrolment"], true))
            .await?;
        m.create_index(index("certificates", &["person_id"], false))
            .await?;
        m.create_index(index("certificates", &["enrolment_id"], false))
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("certificates").if_exists().to_owned())
            .await
    }
}
