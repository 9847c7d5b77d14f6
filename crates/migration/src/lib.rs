//! The database schema, as one ordered set of migrations for SQLite and PostgreSQL alike.
//!
//! Migrations only ever move forward on a live deployment; each is written with the
//! portable schema builder so both databases get the same tables, keys and indexes. Enum-like
//! columns are stored as their stable snake_case names, ids as UUIDs, times in UTC.

pub use sea_orm_migration::prelude::*;

mod m0001_identity;
mod m0002_catalog;
mod m0003_sessions;
mod m0004_compliance;
mod m0005_certificates;
mod m0006_recognitions;
mod m0007_ledger_index;
mod m0008_compliance_mail;
mod m0009_ledger_summaries;
mod m0010_waiting_counts;
mod m0011_account_integrity;
mod m0012_time_zones;

pub use m0009_ledger_summaries::backfill as backfill_ledger_summaries;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m0001_identity::Migration),
            Box::new(m0002_catalog::Migration),
            Box::new(m0003_sessions::Migration),
            Box::new(m0004_compliance::Migration),
            Box::new(m0005_certificates::Migration),
            Box::new(m0006_recognitions::Migration),
            Box::new(m0007_ledger_index::Migration),
            Box::new(m0008_compliance_mail::Migration),
            Box::new(m0009_ledger_summaries::Migration),
            Box::new(m0010_waiting_counts::Migration),
            Box::new(m0011_account_integrity::Migration),
            Box::new(m0012_time_zones::Migration),
        ]
    }
}

/// A foreign key from `table.column` to `target.id`.
pub(crate) fn fk(
    table: &'static str,
    column: &'static str,
    target: &'static str,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_{column}"))
        .from(table, column)
        .to(target, "id")
        .on_delete(on_delete)
        .to_owned()
}

/// A (possibly unique) index over some columns of a table.
pub(crate) fn index(
    table: &'static str,
    columns: &[&'static str],
    unique: bool,
) -> IndexCreateStatement {
    let mut ix = Index::create();
    ix.name(format!("ix_{table}_{}", columns.join("_")))
        .table(table)
        .if_not_exists();
    for c in columns {
        ix.col(*c);
    }
    if unique {
        ix.unique();
    }
    ix.to_owned()
}
