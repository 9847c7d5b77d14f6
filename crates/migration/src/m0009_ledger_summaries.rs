//! One summary line per person with every entry of their hours ledger
//! ([`guildhall_domain::ledger`]), so compliance over many people reads one row each. The
//! lines of an existing ledger are written here from its entries, a few hundred people at a
//! time; from then on each entry appends to its person's line in the transaction that writes
//! it. The memberships' index by organisation also carries the person, so the people under
//! an organisation are read from the index alone.

use guildhall_domain::ledger::{Packed, push};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::ConnectionTrait;
use uuid::Uuid;

use crate::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let table = Table::create()
            .table("ledger_summaries")
            .if_not_exists()
            .col(uuid("person_id").primary_key())
            .col(integer("entries"))
            .col(text("credits"))
            .foreign_key(&mut fk(
                "ledger_summaries",
                "person_id",
                "people",
                ForeignKeyAction::Cascade,
            ))
            .to_owned();
        m.create_table(table).await?;
        // The people of an organisation, read from the index alone.
        m.create_index(index(
            "memberships",
            &["organisation_id", "person_id"],
            false,
        ))
        .await?;
        m.drop_index(
            Index::drop()
                .name("ix_memberships_organisation_id")
                .table("memberships")
                .to_owned(),
        )
        .await?;
        backfill(m.get_connection()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(index("memberships", &["organisation_id"], false))
            .await?;
        m.drop_index(
            Index::drop()
                .name("ix_memberships_organisation_id_person_id")
                .table("memberships")
                .to_owned(),
        )
        .await?;
        m.drop_table(
            Table::drop()
                .table("ledger_summaries")
                .if_exists()
                .to_owned(),
        )
        .await
    }
}

/// Writes the summary line of everyone who has ledger entries.
pub async fn backfill<C: ConnectionTrait>(db: &C) -> Result<(), DbErr> {
    let people: Vec<Uuid> = db
        .query_all(
            &Query::select()
                .distinct()
                .column("person_id")
                .from("ledger_entries")
                .to_owned(),
        )
        .await?
        .into_iter()
        .map(|r| r.try_get::<Uuid>("", "person_id"))
        .collect::<Result<_, _>>()?;
    for chunk in people.chunks(500) {
        let rows = db
            .query_all(
                &Query::select()
                    .columns([
                        (Alias::new("ledger_entries"), Alias::new("person_id")),
                        (Alias::new("ledger_entries"), Alias::new("id")),
                        (Alias::new("ledger_entries"), Alias::new("occurred_on")),
                        (Alias::new("ledger_entries"), Alias::new("minutes")),
                        (Alias::new("ledger_entries"), Alias::new("source")),
                        (Alias::new("ledger_entries"), Alias::new("enrolment_id")),
                        (Alias::new("ledger_entries"), Alias::new("reference_id")),
                        (Alias::new("competences"), Alias::new("area_id")),
                    ])
                    .from("ledger_entries")
                    .left_join(
                        "ledger_competences",
                        Expr::col((Alias::new("ledger_competences"), Alias::new("entry_id")))
                            .equals((Alias::new("ledger_entries"), Alias::new("id"))),
                    )
                    .left_join(
                        "competences",
                        Expr::col((Alias::new("competences"), Alias::new("id"))).equals((
                            Alias::new("ledger_competences"),
                            Alias::new("competence_id"),
                        )),
                    )
                    .and_where(
                        Expr::col((Alias::new("ledger_entries"), Alias::new("person_id")))
                            .is_in(chunk.iter().copied()),
                    )
                    .order_by(
                        (Alias::new("ledger_entries"), Alias::new("person_id")),
                        Order::Asc,
                    )
                    .order_by(
                        (Alias::new("ledger_entries"), Alias::new("seq")),
                        Order::Asc,
                    )
                    .to_owned(),
            )
            .await?;
        // Rows of one entry (one per competence) are next to each other.
        let mut entries: Vec<(Uuid, Uuid, Packed)> = Vec::new();
        for r in rows {
            let id: Uuid = r.try_get("", "id")?;
            let area: Option<Uuid> = r.try_get("", "area_id")?;
            if let Some((_, entry, p)) = entries.last_mut()
                && *entry == id
            {
                if let Some(a) = area
                    && !p.areas.contains(&a)
                {
                    p.areas.push(a);
                }
                continue;
            }
            let enrolment: Option<Uuid> = r.try_get("", "enrolment_id")?;
            let reference: Option<Uuid> = r.try_get("", "reference_id")?;
            entries.push((
                r.try_get("", "person_id")?,
                id,
                Packed {
                    on: r.try_get("", "occurred_on")?,
                    minutes: r.try_get("", "minutes")?,
                    source: r.try_get("", "source")?,
                    item: enrolment.or(reference),
                    areas: area.into_iter().collect(),
                },
            ));
        }
        let mut lines: Vec<(Uuid, i32, String)> = Vec::new();
        for (person, _, p) in &entries {
            match lines.last_mut() {
                Some((who, n, line)) if who == person => {
                    *n += 1;
                    push(line, p);
                }
                _ => {
                    let mut line = String::new();
                    push(&mut line, p);
                    lines.push((*person, 1, line));
                }
            }
        }
        if lines.is_empty() {
            continue;
        }
        let mut insert = Query::insert();
        insert
            .into_table("ledger_summaries")
            .columns(["person_id", "entries", "credits"]);
        for (person, n, line) in lines {
            insert.values_panic([person.into(), n.into(), line.into()]);
        }
        db.execute(&insert).await?;
    }
    Ok(())
}
