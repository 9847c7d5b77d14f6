//! Storage: the database connection, the entities, and the queries of every area.
//!
//! One code path serves SQLite and PostgreSQL. Each area module (`identity`, `org`, `audit`,
//! `notify`, `settings`) holds the queries for its tables as free functions generic over
//! [`ConnectionTrait`], so the application layer can run any of them inside its own
//! transaction. Nothing here knows about HTTP, and nothing here decides permissions.

pub mod audit;
pub mod catalog;
pub mod certificates;
pub mod compliance;
pub mod entities;
pub mod identity;
pub mod ledger;
pub mod notify;
pub mod org;
pub mod recognitions;
pub mod sessions;
pub mod settings;

use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, SqliteTransactionMode, TransactionOptions};
pub use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, TransactionTrait,
};

/// Which database a connection talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of_url(url: &str) -> Option<Backend> {
        if url.starts_with("sqlite:") {
            Some(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Backend::Postgres)
        } else {
            None
        }
    }

    pub fn of(db: &impl ConnectionTrait) -> Backend {
        match db.get_database_backend() {
            DbBackend::Postgres => Backend::Postgres,
            _ => Backend::Sqlite,
        }
    }
}

/// About how many bytes of rows one multi-row INSERT carries to PostgreSQL.
///
/// sqlx does not set `TCP_NODELAY` on its sockets, so a statement that leaves in more than
/// one piece can wait for the server's delayed acknowledgement of the first (about 40 ms on
/// Linux) before its last piece is sent. Over TLS (sqlx asks for it whenever the server
/// offers it) a message of more than one 16 KB record leaves as several pieces, so a run
/// stays within one record; a few more, smaller statements cost a round trip each instead.
/// SQLite has no socket and takes the rows in one statement.
pub const RUN_BYTES: usize = 14 * 1024;

/// Splits `rows` into the runs one INSERT each should carry on this connection's database:
/// on PostgreSQL runs of about [`RUN_BYTES`] by `bytes` (a row's rough size on the wire),
/// on SQLite one run.
pub fn runs<T>(
    db: &impl ConnectionTrait,
    rows: Vec<T>,
    bytes: impl Fn(&T) -> usize,
) -> Vec<Vec<T>> {
    if Backend::of(db) == Backend::Sqlite {
        return vec![rows];
    }
    let mut out = Vec::new();
    let mut run = Vec::new();
    let mut size = 0;
    for r in rows {
        let b = bytes(&r) + 64;
        if !run.is_empty() && size + b > RUN_BYTES {
            out.push(std::mem::take(&mut run));
            size = 0;
        }
        size += b;
        run.push(r);
    }
    if !run.is_empty() {
        out.push(run);
    }
    out
}

/// How to open the database.
#[derive(Clone, Debug)]
pub struct ConnectConfig {
    pub url: String,
    pub max_connections: u32,
    /// PostgreSQL only: the schema to use, for isolated test databases.
    pub schema: Option<String>,
}

impl ConnectConfig {
    pub fn new(url: impl Into<String>) -> Self {
        ConnectConfig {
            url: url.into(),
            max_connections: 16,
            schema: None,
        }
    }
}

tokio::task_local! {
    /// Counts the SQL statements a request runs, when the request is wrapped in a scope.
    pub static STATEMENTS: Arc<AtomicU32>;
}

/// Counts `n` statements that another task ran for the current request (a lookup shared by
/// requests that arrived together counts for each of them).
pub fn count_statements(n: u32) {
    let _ = STATEMENTS.try_with(|c| c.fetch_add(n, Ordering::Relaxed));
}

/// Opens a connection pool.
///
/// SQLite runs in WAL mode with `synchronous=FULL`, so a committed transaction survives a
/// crash of the process or the machine, with a busy timeout so that writers queue instead of
/// failing, and with foreign keys enforced.
pub async fn connect(cfg: &ConnectConfig) -> Result<DatabaseConnection, DbErr> {
    let backend = Backend::of_url(&cfg.url)
        .ok_or_else(|| DbErr::Custom(format!("unsupported database URL: {}", redact(&cfg.url))))?;
    let mut opts = ConnectOptions::new(cfg.url.clone());
    opts.max_connections(cfg.max_connections)
        .min_connections(1)
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false);
    match backend {
        Backend::Sqlite => {
            opts.map_sqlx_sqlite_opts(|o: SqliteConnectOptions| {
                o.journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Full)
                    .busy_timeout(Duration::from_secs(30))
                    .foreign_keys(true)
                    .create_if_missing(true)
                    .pragma("temp_store", "memory")
                    .pragma("cache_size", "-2000")
                    // Statistics from a sample of each index, so `PRAGMA optimize` takes
                    // milliseconds, not a pass over a national database under the write lock.
                    .pragma("analysis_limit", "400")
                    // Rows cross from SQLite's thread to the request's in batches: a report
                    // reading a country's people waits for the other thread once per few
                    // hundred rows, not every fifty.
                    .row_buffer_size(512)
            });
        }
        Backend::Postgres => {
            // A connection is checked before use only after it has been idle a while (it may
            // have been dropped by a restarted server); hot connections go without a ping.
            opts.test_before_acquire_if_idle_for(IDLE_PING);
            // The pool keeps all its connections open through quiet hours: a new one costs
            // the server a process, a TLS handshake and the planning of every statement it
            // then prepares (~100 ms on a busy machine), which the first requests of a rush
            // would otherwise wait for.
            opts.min_connections(cfg.max_connections);
            if let Some(schema) = cfg.schema.clone() {
                // In the connection's start-up options, so pools made from these options (the
                // writer's) use the schema too.
                opts.map_sqlx_postgres_opts(move |o| {
                    o.options([("search_path", format!("\"{schema}\""))])
                });
            }
        }
    }
    let mut db = Database::connect(opts).await?;
    db.set_metric_callback(|_info| {
        let _ = STATEMENTS.try_with(|c| c.fetch_add(1, Ordering::Relaxed));
    });
    Ok(db)
}

/// How long a pooled PostgreSQL connection may sit idle before it is checked on checkout.
const IDLE_PING: Duration = Duration::from_secs(5);

/// PostgreSQL connections kept for write transactions, apart from the readers'.
const WRITERS: u32 = 4;

/// The connection writes go through. On SQLite that is a pool of one connection over the
/// same file: writers wait their turn in the pool's queue, in order and without polling,
/// instead of in SQLite's busy handler, which sleeps up to 100 ms between tries and lets
/// later writers overtake. Readers keep the main pool and, in WAL mode, never wait for a
/// writer. On PostgreSQL it is a small pool of its own, so that a write never queues for a
/// connection behind a crowd of reads.
pub async fn writer_of(db: &DatabaseConnection) -> Result<DatabaseConnection, DbErr> {
    match Backend::of(db) {
        Backend::Postgres => {
            let options = db.get_postgres_connection_pool().connect_options();
            let pool = sea_orm::sqlx::postgres::PgPoolOptions::new()
                .max_connections(WRITERS)
                .min_connections(WRITERS)
                .acquire_timeout(Duration::from_secs(30))
                .test_before_acquire(false)
                .before_acquire(|conn, meta| {
                    Box::pin(async move {
                        if meta.idle_for >= IDLE_PING {
                            sea_orm::sqlx::Connection::ping(conn).await?;
                        }
                        Ok(true)
                    })
                })
                .connect_with((*options).clone())
                .await
                .map_err(|e| DbErr::Conn(sea_orm::RuntimeErr::SqlxError(e.into())))?;
            let mut writer = sea_orm::SqlxPostgresConnector::from_sqlx_postgres_pool(pool);
            writer.set_metric_callback(|_info| {
                let _ = STATEMENTS.try_with(|c| c.fetch_add(1, Ordering::Relaxed));
            });
            Ok(writer)
        }
        Backend::Sqlite => {
            let options = db.get_sqlite_connection_pool().connect_options();
            let pool = sea_orm::sqlx::sqlite::SqlitePoolOptions::new()
                .max_connections(1)
                .min_connections(1)
                .acquire_timeout(Duration::from_secs(30))
                .connect_with((*options).clone())
                .await
                .map_err(|e| DbErr::Conn(sea_orm::RuntimeErr::SqlxError(e.into())))?;
            let mut writer = sea_orm::SqlxSqliteConnector::from_sqlx_sqlite_pool(pool);
            writer.set_metric_callback(|_info| {
                let _ = STATEMENTS.try_with(|c| c.fetch_add(1, Ordering::Relaxed));
            });
            Ok(writer)
        }
    }
}

/// Applies every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    use guildhall_migration::MigratorTrait;
    guildhall_migration::Migrator::up(db, None).await
}

/// Starts a transaction that will write.
///
/// On SQLite the write lock is taken at `BEGIN` (`BEGIN IMMEDIATE`): a transaction that
/// first reads and later writes would otherwise fail with `SQLITE_BUSY` when another writer
/// got in between, instead of waiting its turn.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    match Backend::of(db) {
        Backend::Sqlite => {
            db.begin_with_options(TransactionOptions {
                sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
                ..Default::default()
            })
            .await
        }
        Backend::Postgres => db.begin().await,
    }
}

/// The condition that `col` is one of `values`. On PostgreSQL it is `col = ANY($1)` with the
/// values as one array parameter, so the statement reads the same whatever their number:
/// each connection parses and plans it once, where an `IN` list of a new length is a new
/// statement to prepare and plan (the sign-up writer's groups, the batched authentication
/// and the pages' batched reads come in every length). SQLite, whose statements are cheap to
/// prepare, gets the `IN` list.
pub fn one_of<Col, V>(
    db: &impl ConnectionTrait,
    col: Col,
    values: &[V],
) -> sea_orm::sea_query::SimpleExpr
where
    Col: sea_orm::ColumnTrait,
    V: Clone + Into<sea_orm::Value>,
    Vec<V>: Into<sea_orm::Value>,
{
    use sea_orm::sea_query::{Expr, ExprTrait, extension::postgres::PgFunc};
    match Backend::of(db) {
        Backend::Postgres => {
            Expr::col(col.as_column_ref()).eq(PgFunc::any(Expr::val(values.to_vec())))
        }
        Backend::Sqlite => col.is_in(values.iter().cloned()),
    }
}

/// Whether the error is a violated unique constraint (a duplicate).
pub fn is_unique_violation(e: &DbErr) -> bool {
    matches!(
        e.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}

/// Whether the error means the database could not be reached, as opposed to a statement
/// that failed.
pub fn is_unavailable(e: &DbErr) -> bool {
    use sea_orm::sqlx::Error as SqlxError;
    match e {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => true,
        DbErr::Exec(sea_orm::RuntimeErr::SqlxError(s))
        | DbErr::Query(sea_orm::RuntimeErr::SqlxError(s)) => {
            matches!(
                &**s,
                SqlxError::Io(_)
                    | SqlxError::PoolTimedOut
                    | SqlxError::PoolClosed
                    | SqlxError::Tls(_)
            ) || matches!(&**s, SqlxError::Database(d) if d.code().is_some_and(|c| {
                // PostgreSQL: admin shutdown, crash shutdown, cannot connect now.
                c.starts_with("57P") || c.starts_with("08")
            }))
        }
        _ => false,
    }
}

/// Whether an error says the database's storage is full or cannot be written: SQLite's
/// full, read-only and I/O errors (primary codes 13, 8, 10), PostgreSQL's disk full (53100)
/// and read-only transaction (25006).
pub fn is_storage_fault(e: &DbErr) -> bool {
    use sea_orm::sqlx::Error as SqlxError;
    let sqlx = match e {
        DbErr::Exec(sea_orm::RuntimeErr::SqlxError(s))
        | DbErr::Query(sea_orm::RuntimeErr::SqlxError(s))
        | DbErr::Conn(sea_orm::RuntimeErr::SqlxError(s)) => s,
        _ => return false,
    };
    let SqlxError::Database(d) = &**sqlx else {
        return false;
    };
    let Some(code) = d.code() else {
        return false;
    };
    if d.try_downcast_ref::<sea_orm::sqlx::sqlite::SqliteError>()
        .is_some()
    {
        // Extended result codes carry the primary code in their low byte.
        code.parse::<i64>()
            .is_ok_and(|n| matches!(n & 0xff, 8 | 10 | 13))
    } else {
        code == "53100" || code == "25006"
    }
}

/// Keeps the query planner's statistics fresh: SQLite's `PRAGMA optimize` (which analyses
/// only what changed enough to need it); PostgreSQL's autovacuum does this by itself.
pub async fn optimize(db: &DatabaseConnection) -> Result<(), DbErr> {
    if Backend::of(db) == Backend::Sqlite {
        db.execute_unprepared("PRAGMA optimize=0x10002").await?;
    }
    Ok(())
}

/// Whether the database answers.
pub async fn ping(db: &DatabaseConnection) -> bool {
    db.ping().await.is_ok()
}

/// The URL with any password replaced, for messages and logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..s + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// A page of a longer list.
#[derive(Clone, Debug)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

impl<T> Page<T> {
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            total: self.total,
            page: self.page,
            per_page: self.per_page,
        }
    }

    pub fn pages(&self) -> u64 {
        self.total.div_ceil(self.per_page.max(1)).max(1)
    }
}

/// Which page of a list to fetch; pages count from 1.
#[derive(Clone, Copy, Debug)]
pub struct PageRequest {
    pub page: u64,
    pub per_page: u64,
}

impl PageRequest {
    pub const MAX_PER_PAGE: u64 = 200;
    /// Beyond any list's end; keeps the offset within what the databases take.
    pub const MAX_PAGE: u64 = u32::MAX as u64;

    pub fn new(page: Option<u64>, per_page: Option<u64>) -> Self {
        PageRequest {
            page: page.unwrap_or(1).clamp(1, Self::MAX_PAGE),
            per_page: per_page.unwrap_or(50).clamp(1, Self::MAX_PER_PAGE),
        }
    }

    pub fn offset(&self) -> u64 {
        (self.page - 1).saturating_mul(self.per_page)
    }
}

impl Default for PageRequest {
    fn default() -> Self {
        PageRequest::new(None, None)
    }
}

/// Parses a UUID stored as text by raw SQL on either database.
pub fn parse_uuid(s: &str) -> Option<uuid::Uuid> {
    uuid::Uuid::from_str(s).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_passwords() {
        assert_eq!(
            redact("postgres://app:secret@db:5432/gh"),
            "postgres://app:***@db:5432/gh"
        );
        assert_eq!(redact("postgres://app@db/gh"), "postgres://app@db/gh");
        assert_eq!(
            redact("sqlite://data/guildhall.db"),
            "sqlite://data/guildhall.db"
        );
    }

    #[test]
    fn page_requests_are_bounded() {
        let p = PageRequest::new(Some(0), Some(10_000));
        assert_eq!(p.page, 1);
        assert_eq!(p.per_page, PageRequest::MAX_PER_PAGE);
        assert_eq!(PageRequest::new(Some(3), Some(20)).offset(), 40);
    }
}
