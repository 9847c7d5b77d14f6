//! Use cases: everything a person can do on the platform, with its permission check, its
//! transaction, its audit entry and its notifications.
//!
//! The web layer calls into [`App`] and nothing else; so does the command line. Each area
//! (`identity`, `org`, `audit`, `notify`) is a module of `impl App` blocks. Permissions are
//! decided in one place, [`policy`]; a use case asks the policy and refuses with
//! [`Error::Forbidden`] before it touches anything.

pub mod actor;
pub mod audit;
mod batch;
pub mod catalog;
pub mod certificates;
pub mod compliance;
pub mod crypto;
pub mod demo;
pub mod error;
pub mod home;
pub mod identity;
pub mod ledger;
pub mod notify;
pub mod org;
pub mod policy;
pub mod recognitions;
pub mod sessions;

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use guildhall_domain::Lang;
pub use guildhall_store as store;
use guildhall_store::DatabaseConnection;

pub use actor::{Actor, Caller, Meta};
pub use error::{Error, Result};

/// Where and how to send e-mail. Without it, mail stays in the outbox for administrators to
/// read.
#[derive(Clone)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub username: Option<String>,
    pub password: Option<String>,
    /// `starttls` (default), `tls` or `none`.
    pub security: String,
    pub from: String,
}

impl std::fmt::Debug for SmtpConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "***"))
            .field("security", &self.security)
            .field("from", &self.from)
            .finish()
    }
}

/// The identity the deployment runs under: an agency shows its own name, logo and colour on
/// pages, mails and certificates.
#[derive(Clone, Debug)]
pub struct Brand {
    pub name: String,
    /// An SVG or PNG file.
    pub logo: Option<PathBuf>,
    /// The main colour, `#rrggbb`; pages derive a darker shade for hover and focus.
    pub colour: Option<String>,
}

impl Default for Brand {
    fn default() -> Self {
        Brand {
            name: "Guildhall".to_owned(),
            logo: None,
            colour: None,
        }
    }
}

/// Settings the use cases need.
#[derive(Clone, Debug)]
pub struct AppConfig {
    /// The address people reach the platform at; links in e-mails start with it.
    pub public_url: String,
    pub default_lang: Lang,
    pub data_dir: PathBuf,
    pub smtp: Option<SmtpConfig>,
    pub brand: Brand,
    pub allow_registration: bool,
    /// How long a log-in lasts without use.
    pub session_days: i64,
    /// Log-in attempts for one account from one address before each further attempt waits
    /// (one second, doubling, up to `login_max_delay_secs`).
    pub login_free_attempts: i32,
    /// The same, for one address whatever the account.
    pub login_free_attempts_per_address: i32,
    /// The same, for one account from browsers its owner has not logged in with.
    pub login_free_attempts_per_account: i32,
    pub login_max_delay_secs: i64,
    /// For how long, in days, a person may not decide the matters of whoever gave them their
    /// role or created their account (see `policy::independent_of`).
    pub separation_days: i64,
    /// The deployment's time zone: "today" is its today, and sessions whose region names no
    /// zone of its own keep its time.
    pub time_zone: guildhall_domain::Zone,
    /// How many sign-ups one person may have waiting for approval at once.
    pub max_pending_signups: usize,
}

impl AppConfig {
    pub fn new(public_url: impl Into<String>, data_dir: impl Into<PathBuf>) -> Self {
        AppConfig {
            public_url: public_url.into().trim_end_matches('/').to_owned(),
            default_lang: Lang::En,
            data_dir: data_dir.into(),
            smtp: None,
            brand: Brand::default(),
            allow_registration: true,
            session_days: 14,
            login_free_attempts: 5,
            login_free_attempts_per_address: 30,
            login_free_attempts_per_account: 20,
            login_max_delay_secs: 900,
            separation_days: 365,
            time_zone: guildhall_domain::Zone::UTC,
            max_pending_signups: 3,
        }
    }

    pub fn is_https(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

/// The application: a handle shared by every request. Building one seeds the shipped
/// competence frameworks if they are missing and indexes the published catalogue.
#[derive(Clone)]
pub struct App {
    inner: Arc<Inner>,
}

struct Inner {
    db: DatabaseConnection,
    config: AppConfig,
    /// Signs form tokens; shared by all instances through the database.
    secret: Vec<u8>,
    clock: Clock,
    /// The search index of the published catalogue (this instance's own copy).
    catalog: guildhall_search::Catalog,
    /// Frameworks and regions that search results name.
    refs: std::sync::RwLock<Arc<catalog::index::CatalogRefs>>,
    /// The last catalogue change this instance has indexed.
    catalog_seen: std::sync::atomic::AtomicI64,
    /// Serialises index refreshes.
    refresh: tokio::sync::Mutex<()>,
    /// Open sessions as the catalogue's session filters last read them.
    /// The key that signs credentials (see [`certificates`]).
    credential_key: ed25519_dalek::SigningKey,
    /// The compliance rules as last read, and when.
    rules: std::sync::RwLock<
        Option<(
            std::time::Instant,
            Arc<Vec<guildhall_domain::compliance::Rule>>,
        )>,
    >,
    /// The countries as last read, and when: every standing needs their codes.
    countries: std::sync::RwLock<Option<(std::time::Instant, Arc<compliance::Countries>)>>,
    /// The time zones organisations name, as last read, and when.
    zones: std::sync::RwLock<Option<(std::time::Instant, Arc<org::Zones>)>>,
    /// Where transactions that write go: see [`guildhall_store::writer_of`].
    writer: DatabaseConnection,
    open_sessions: std::sync::RwLock<Option<catalog::index::OpenSessions>>,
    /// Serialises re-reads of the open sessions.
    open_sessions_reload: tokio::sync::Mutex<()>,
    /// Bumped by every change this instance makes to sessions and seats.
    seats_generation: std::sync::atomic::AtomicU64,
    /// The sign-up writer's queue, started on the first sign-up ([`sessions::signup`]).
    signups: std::sync::OnceLock<sessions::signup::Queue>,
    /// Bearer tokens and session cookies being looked up, answered together ([`batch`]).
    token_lookups: batch::Batcher<
        String,
        guildhall_store::identity::WithGrants<guildhall_store::entities::api_token::Model>,
    >,
    session_lookups: batch::Batcher<
        String,
        guildhall_store::identity::WithGrants<guildhall_store::entities::auth_session::Model>,
    >,
    /// Bearer tokens used since their last use was written down, and when.
    token_uses: std::sync::Mutex<std::collections::HashMap<uuid::Uuid, DateTime<Utc>>>,
}

/// The time source; tests move it forward to check expiry.
#[derive(Clone, Default)]
pub struct Clock {
    offset: Arc<std::sync::atomic::AtomicI64>,
}

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now()
            + chrono::Duration::seconds(self.offset.load(std::sync::atomic::Ordering::Relaxed))
    }

    /// Moves this clock forward (tests only use it).
    pub fn advance(&self, by: chrono::Duration) {
        self.offset
            .fetch_add(by.num_seconds(), std::sync::atomic::Ordering::Relaxed);
    }

    /// Sets this clock to `at`: the demo builds its history by living through it with the
    /// real use cases, before it serves anyone.
    pub(crate) fn set(&self, at: DateTime<Utc>) {
        self.offset.store(
            (at - Utc::now()).num_seconds(),
            std::sync::atomic::Ordering::Relaxed,
        );
    }

    /// The clock's offset from the real time, to put it back with [`Clock::restore`].
    pub(crate) fn saved(&self) -> i64 {
        self.offset.load(std::sync::atomic::Ordering::Relaxed)
    }

    pub(crate) fn restore(&self, offset: i64) {
        self.offset
            .store(offset, std::sync::atomic::Ordering::Relaxed);
    }
}

impl App {
    /// Builds the application over a migrated database.
    pub async fn new(db: DatabaseConnection, config: AppConfig) -> Result<App> {
        let fresh = crypto::random_token();
        let secret = guildhall_store::settings::get_or_init(&db, "form_secret", &fresh).await?;
        let index = guildhall_search::Catalog::new().map_err(|e| Error::Internal(e.to_string()))?;
        let writer = guildhall_store::writer_of(&db).await?;
        let credential_key = App::load_signing_key(&db).await?;
        let app = App {
            inner: Arc::new(Inner {
                db,
                writer,
                credential_key,
                rules: Default::default(),
                countries: Default::default(),
                zones: Default::default(),
                config,
                secret: secret.into_bytes(),
                clock: Clock::default(),
                catalog: index,
                refs: Default::default(),
                catalog_seen: Default::default(),
                refresh: tokio::sync::Mutex::new(()),
                open_sessions: Default::default(),
                open_sessions_reload: tokio::sync::Mutex::new(()),
                seats_generation: Default::default(),
                signups: Default::default(),
                token_lookups: batch::Batcher::new(),
                session_lookups: batch::Batcher::new(),
                token_uses: Default::default(),
            }),
        };
        app.seed_frameworks().await?;
        app.seed_rules().await?;
        app.rebuild_catalogue().await?;
        Ok(app)
    }

    pub fn db(&self) -> &DatabaseConnection {
        &self.inner.db
    }

    /// The connection for transactions that write ([`guildhall_store::begin_write`]).
    pub fn writer(&self) -> &DatabaseConnection {
        &self.inner.writer
    }

    pub fn config(&self) -> &AppConfig {
        &self.inner.config
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.inner.clock.now()
    }

    pub fn clock(&self) -> &Clock {
        &self.inner.clock
    }

    pub(crate) fn secret(&self) -> &[u8] {
        &self.inner.secret
    }

    /// The form token for a client, bound to their session (or, before they log in, to their
    /// visitor cookie). Forms and scripted requests must send it back.
    pub fn form_token(&self, binding: &str) -> String {
        crypto::sign(self.secret(), binding)
    }

    pub fn form_token_valid(&self, binding: &str, token: &str) -> bool {
        !token.is_empty() && crypto::same(&self.form_token(binding), token)
    }

    /// The moment of a decision and the separation period, for `policy` checks of duties.
    pub fn duties(&self) -> policy::Duties {
        policy::Duties {
            now: self.now(),
            period: chrono::Duration::days(self.inner.config.separation_days),
        }
    }

    /// When a meeting of a session held in `zone` begins, as an instant.
    pub fn meeting_start(
        &self,
        zone: guildhall_domain::Zone,
        m: &guildhall_domain::sessions::Meeting,
    ) -> DateTime<Utc> {
        zone.instant(m.day.and_time(m.starts))
    }

    /// The zone a session's local times are in.
    pub fn zone_of(
        &self,
        s: &guildhall_store::entities::training_session::Model,
    ) -> guildhall_domain::Zone {
        s.time_zone
            .as_deref()
            .and_then(|z| guildhall_domain::Zone::parse(z).ok())
            .unwrap_or(self.inner.config.time_zone)
    }

    /// The deployment's local date and time now.
    pub fn local_now(&self) -> chrono::NaiveDateTime {
        self.inner.config.time_zone.local(self.now())
    }

    /// A local date and time of the deployment as an instant.
    pub fn from_local(&self, t: chrono::NaiveDateTime) -> DateTime<Utc> {
        self.inner.config.time_zone.instant(t)
    }

    /// An instant in the deployment's local time.
    pub fn to_local(&self, t: DateTime<Utc>) -> chrono::NaiveDateTime {
        self.inner.config.time_zone.local(t)
    }

    pub fn link(&self, path: &str) -> String {
        format!("{}{}", self.inner.config.public_url, path)
    }

    /// Whether the database answers.
    pub async fn ready(&self) -> bool {
        guildhall_store::ping(&self.inner.db).await
    }
}
