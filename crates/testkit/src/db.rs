//! One isolated database per test.

use std::path::PathBuf;

use guildhall_store::{ConnectConfig, DatabaseConnection};

/// The environment variable that selects PostgreSQL for the test suite.
pub const DATABASE_ENV: &str = "GUILDHALL_TEST_DATABASE_URL";

pub struct TestDb {
    pub url: String,
    pub schema: Option<String>,
    dir: tempfile::TempDir,
}

impl TestDb {
    pub async fn new() -> TestDb {
        TestDb::in_folder(tempfile::tempdir().expect("a temporary folder")).await
    }

    /// A database whose data folder (and SQLite file) is made inside `parent`: for tests of a
    /// full or read-only disk.
    pub async fn new_in(parent: &std::path::Path) -> TestDb {
        TestDb::in_folder(tempfile::tempdir_in(parent).expect("a folder inside")).await
    }

    async fn in_folder(dir: tempfile::TempDir) -> TestDb {
        match std::env::var(DATABASE_ENV).ok().filter(|u| !u.is_empty()) {
            Some(url) if url.starts_with("postgres") => {
                let schema = format!("t_{}", uuid::Uuid::new_v4().simple());
                let admin = guildhall_store::connect(&ConnectConfig {
                    url: url.clone(),
                    max_connections: 1,
                    schema: None,
                })
                .await
                .unwrap_or_else(|e| {
                    panic!(
                        "cannot reach the test database {}: {e}",
                        guildhall_store::redact(&url)
                    )
                });
                use sea_orm::ConnectionTrait;
                admin
                    .execute_unprepared(&format!("CREATE SCHEMA {schema}"))
                    .await
                    .expect("create a test schema");
                let _ = admin.close().await;
                TestDb {
                    url,
                    schema: Some(schema),
                    dir,
                }
            }
            _ => {
                let url = format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display());
                TestDb {
                    url,
                    schema: None,
                    dir,
                }
            }
        }
    }

    pub fn is_postgres(&self) -> bool {
        self.schema.is_some()
    }

    pub fn dir(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }

    pub fn config(&self, max_connections: u32) -> ConnectConfig {
        ConnectConfig {
            url: self.url.clone(),
            max_connections,
            schema: self.schema.clone(),
        }
    }

    /// A migrated connection pool.
    pub async fn connect(&self, max_connections: u32) -> DatabaseConnection {
        let db = guildhall_store::connect(&self.config(max_connections))
            .await
            .expect("connect to the test database");
        guildhall_store::migrate(&db)
            .await
            .expect("migrate the test database");
        db
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some(schema) = self.schema.clone() else {
            return;
        };
        let url = self.url.clone();
        // Drop runs outside any async context we could use; a short-lived runtime on its own
        // thread removes the schema.
        let _ = std::thread::spawn(move || {
            let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            rt.block_on(async move {
                if let Ok(db) = guildhall_store::connect(&ConnectConfig {
                    url,
                    max_connections: 1,
                    schema: None,
                })
                .await
                {
                    use sea_orm::ConnectionTrait;
                    let _ = db
                        .execute_unprepared(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
                        .await;
                    let _ = db.close().await;
                }
            });
        })
        .join();
    }
}
