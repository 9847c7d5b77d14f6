//! Test kit: a real database per test, the real router on a real port, HTTP clients that
//! behave like browsers and API clients, and fixtures.
//!
//! Every test runs against the database `GUILDHALL_TEST_DATABASE_URL` names: unset, a fresh
//! SQLite file in a temporary folder; a `postgres://` URL, a fresh schema on that server,
//! dropped when the test ends. CI runs the whole suite once each way.

pub mod catalog;
pub mod client;
pub mod db;
pub mod fixtures;

use std::net::SocketAddr;

use guildhall_app::{App, AppConfig};
use guildhall_web::WebConfig;

pub use catalog::{Authoring, CatalogWorld, Stage, meetings_took_place, programme_text};
pub use client::{Client, Resp};
pub use db::TestDb;
pub use fixtures::{PASSWORD, Who, World};

/// A running Guildhall over an isolated database.
pub struct TestApp {
    pub app: App,
    pub base: String,
    pub addr: SocketAddr,
    pub db: TestDb,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl TestApp {
    pub async fn new() -> TestApp {
        TestApp::with(|_| {}).await
    }

    /// A test app whose configuration `adjust` may change first.
    pub async fn with(adjust: impl FnOnce(&mut AppConfig)) -> TestApp {
        TestApp::on(TestDb::new().await, adjust).await
    }

    /// A test app whose data folder (and SQLite file) is inside `parent`.
    pub async fn with_data_in(parent: &std::path::Path) -> TestApp {
        TestApp::on(TestDb::new_in(parent).await, |_| {}).await
    }

    async fn on(db: TestDb, adjust: impl FnOnce(&mut AppConfig)) -> TestApp {
        let conn = db.connect(16).await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a local port");
        let addr = listener.local_addr().expect("local address");
        let base = format!("http://{addr}");
        let mut cfg = AppConfig::new(base.clone(), db.dir());
        adjust(&mut cfg);
        let app = App::new(conn, cfg).await.expect("start the app");
        let router = guildhall_web::router(
            app.clone(),
            WebConfig {
                // Clients may then say which address they come from (`Client::from_address`).
                trust_proxy: true,
                expose_statement_count: true,
                demo: false,
            },
        );
        let server = tokio::spawn(async move {
            let _ = axum::serve(
                listener,
                router.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .await;
        });
        TestApp {
            app,
            base,
            addr,
            db,
            server,
        }
    }

    /// A browser-like client with no session yet.
    pub fn client(&self) -> Client {
        Client::new(&self.base)
    }

    /// A browser-like client logged in as `email` (fixture password).
    pub async fn login(&self, email: &str) -> Client {
        let c = self.client();
        let r = c
            .post_form("/login", &[("email", email), ("password", PASSWORD)])
            .await;
        assert_eq!(r.status, 303, "log-in as {email} failed: {}", r.text);
        c.refresh_token().await;
        c
    }

    /// A browser-like client signed in with an explicit password (the demo's accounts).
    pub async fn login_with(&self, email: &str, password: &str) -> Client {
        let c = self.client();
        let r = c
            .post_form("/login", &[("email", email), ("password", password)])
            .await;
        assert_eq!(r.status, 303, "log-in as {email} failed: {}", r.text);
        c.refresh_token().await;
        c
    }

    /// An API client with a bearer token for `email` (fixture password).
    pub async fn bearer(&self, email: &str) -> Client {
        let c = self.client();
        let r = c
            .post_json(
                "/api/v1/auth/token",
                &serde_json::json!({ "email": email, "password": PASSWORD }),
            )
            .await;
        assert_eq!(r.status, 201, "token for {email} failed: {}", r.text);
        let token = r.json()["token"]
            .as_str()
            .expect("token in response")
            .to_owned();
        Client::with_bearer(&self.base, &token)
    }

    /// An API client for `email`, its token made directly (no password check), for tests that
    /// need many clients quickly.
    pub async fn token_client(&self, email: &str) -> Client {
        Client::with_bearer(&self.base, &self.token_for(email).await)
    }

    /// An API token for `email`, made directly (no password check).
    pub async fn token_for(&self, email: &str) -> String {
        let actor = self.app.console_actor(email).await.expect("the person");
        let (_, secret) = self
            .app
            .create_token(&actor, "test", None, &guildhall_app::Meta::console())
            .await
            .expect("a token");
        secret
    }

    /// A database URL another process can open this test's database with (on PostgreSQL,
    /// with the test's schema as its search path).
    pub fn database_url(&self) -> String {
        match &self.db.schema {
            Some(schema) => {
                let sep = if self.db.url.contains('?') { '&' } else { '?' };
                format!("{}{sep}options=-c%20search_path%3D{schema}", self.db.url)
            }
            None => self.db.url.clone(),
        }
    }

    /// The latest message addressed to `email`, as it would be delivered: with its secret
    /// link, which the outbox keeps (apart from the body everyone may read) until delivery.
    /// The tests' server runs no mail worker, so nothing is delivered behind their back.
    pub async fn last_mail_to(
        &self,
        email: &str,
    ) -> Option<guildhall_store::entities::outbox::Model> {
        self.last_outbox_row(email).await.map(|mut m| {
            if let Some(secret) = m.secret_body.take() {
                m.body = secret;
            }
            m
        })
    }

    /// The latest outbox row addressed to `email`, exactly as stored.
    pub async fn last_outbox_row(
        &self,
        email: &str,
    ) -> Option<guildhall_store::entities::outbox::Model> {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
        guildhall_store::entities::outbox::Entity::find()
            .filter(guildhall_store::entities::outbox::Column::ToAddress.eq(email))
            .order_by_desc(guildhall_store::entities::outbox::Column::CreatedAt)
            .order_by_desc(guildhall_store::entities::outbox::Column::Id)
            .one(self.app.db())
            .await
            .expect("read the outbox")
    }

    /// The path of the first link to this platform in a message body.
    pub fn link_in(&self, body: &str) -> String {
        let start = body.find(&self.base).expect("a link in the message");
        let rest = &body[start + self.base.len()..];
        rest.split_whitespace().next().unwrap_or("").to_owned()
    }

    /// How many rows a table holds.
    pub async fn count(&self, table: &str) -> i64 {
        use sea_orm::{ConnectionTrait, Statement};
        let row = self
            .app
            .db()
            .query_one_raw(Statement::from_string(
                self.app.db().get_database_backend(),
                format!("SELECT COUNT(*) AS n FROM {table}"),
            ))
            .await
            .expect("count rows")
            .expect("a row");
        row.try_get::<i64>("", "n").expect("a count")
    }
}
