//! The `guildhall` command: serve the platform, apply migrations, create administrators.
//!
//! Every failure a person can cause (a bad flag, an unreachable database, an unwritable data
//! folder, a port in use) ends in one line on standard error and a non-zero exit code.

mod config;
mod jobs;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result, anyhow};
use clap::{Parser, Subcommand};
use guildhall_app::App;
use guildhall_store::{ConnectConfig, DatabaseConnection};

use crate::config::{DbSettings, FileConfig, ServeFlags};

/// mimalloc instead of the system allocator: reports over a country allocate and free
/// millions of small values across threads, which the system allocator served slowly and
/// kept as resident memory long after.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "guildhall",
    version,
    about = "Continuing professional development for vocational teachers and trainers"
)]
struct Cli {
    /// A settings file (default: ./guildhall.toml, if present).
    #[arg(long, global = true, env = "GUILDHALL_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
struct DbArgs {
    /// The folder for the database file, the signing key and uploads.
    #[arg(long, env = "GUILDHALL_DATA_DIR")]
    data_dir: Option<PathBuf>,
    /// sqlite://… (default: a file in the data folder) or postgres://user@host/db.
    #[arg(long, env = "GUILDHALL_DATABASE_URL")]
    database_url: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the platform over HTTP.
    Serve {
        /// Address and port to listen on.
        #[arg(long, env = "GUILDHALL_LISTEN")]
        listen: Option<String>,
        #[command(flatten)]
        db: DbArgs,
        /// Load demo data when the database is empty.
        #[arg(long, env = "GUILDHALL_DEMO", num_args = 0..=1, default_missing_value = "true", value_parser = clap::builder::BoolishValueParser::new())]
        demo: Option<bool>,
        /// The address people reach the platform at, for links in e-mails (default: http://LISTEN).
        #[arg(long, env = "GUILDHALL_PUBLIC_URL")]
        public_url: Option<String>,
    },
    /// Apply database migrations and exit.
    Migrate {
        #[command(flatten)]
        db: DbArgs,
    },
    /// Manage administrators.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create a platform administrator (or make an existing account one).
    Create {
        #[arg(long)]
        email: String,
        #[arg(long)]
        password: String,
        #[arg(long)]
        name: Option<String>,
        #[command(flatten)]
        db: DbArgs,
    },
}

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown".to_owned());
        tracing::error!(location = ?info.location(), "internal error: {msg}");
    }));
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(
                e.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) {
                let _ = e.print();
                return if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                    ExitCode::from(2)
                } else {
                    ExitCode::SUCCESS
                };
            }
            let text = e.to_string();
            let first = text
                .lines()
                .next()
                .unwrap_or("invalid arguments")
                .trim_start_matches("error: ");
            eprintln!("guildhall: {first} (see guildhall --help)");
            return ExitCode::from(2);
        }
    };
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| {
                tracing_subscriber::EnvFilter::new(
                    "info,sqlx=warn,sea_orm=warn,sea_orm_migration=warn",
                )
            }),
        )
        .with_writer(std::io::stderr)
        .with_target(false)
        // A log that cannot be written (its disk is full) must not take the server down:
        // reporting the failure would itself panic on the same stream.
        .log_internal_errors(false)
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("guildhall: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("guildhall: {}", one_line(&e));
            ExitCode::FAILURE
        }
    }
}

fn one_line(e: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in e.chain() {
        let s = cause.to_string().replace('\n', " ");
        if !parts.iter().any(|p| p.contains(&s)) {
            parts.push(s);
        }
    }
    parts.join(": ")
}

async fn open(db: &DbSettings) -> Result<DatabaseConnection> {
    if guildhall_store::Backend::of_url(&db.database_url) == Some(guildhall_store::Backend::Sqlite)
    {
        config::prepare_data_dir(&db.data_dir)?;
    }
    let mut cc = ConnectConfig::new(db.database_url.clone());
    cc.max_connections = db.max_connections;
    let conn = tokio::time::timeout(Duration::from_secs(15), guildhall_store::connect(&cc))
        .await
        .map_err(|_| {
            anyhow!(
                "the database at {} did not answer within 15 s",
                guildhall_store::redact(&db.database_url)
            )
        })?
        .map_err(|e| {
            anyhow!(
                "cannot open the database at {}: {e}",
                guildhall_store::redact(&db.database_url)
            )
        })?;
    guildhall_store::migrate(&conn)
        .await
        .map_err(|e| anyhow!("cannot apply database migrations: {e}"))?;
    Ok(conn)
}

async fn run(cli: Cli) -> Result<()> {
    let file = FileConfig::load(cli.config.as_deref())?;
    match cli.command {
        Command::Migrate { db } => {
            let db = config::resolve_db(&file, db.data_dir, db.database_url)?;
            open(&db).await?;
            println!(
                "Migrations applied to {}",
                guildhall_store::redact(&db.database_url)
            );
            Ok(())
        }
        Command::Admin {
            command:
                AdminCommand::Create {
                    email,
                    password,
                    name,
                    db,
                },
        } => {
            let db = config::resolve_db(&file, db.data_dir, db.database_url)?;
            let conn = open(&db).await?;
            let app = App::new(
                conn,
                guildhall_app::AppConfig::new("http://127.0.0.1:8080", db.data_dir.clone()),
            )
            .await?;
            let id = app
                .create_admin(&email, &password, name.as_deref())
                .await
                .map_err(|e| match e {
                    guildhall_app::Error::Invalid(p) => anyhow!(
                        "{}",
                        p.0.iter()
                            .map(|f| guildhall_i18n::problem(
                                guildhall_domain::Lang::En,
                                &f.problem
                            ))
                            .collect::<Vec<_>>()
                            .join(" ")
                    ),
                    other => anyhow!(other),
                })?;
            println!("{email} is a platform administrator (id {id})");
            Ok(())
        }
        Command::Serve {
            listen,
            db,
            demo,
            public_url,
        } => {
            let s = config::resolve_serve(
                &file,
                ServeFlags {
                    listen,
                    data_dir: db.data_dir,
                    database_url: db.database_url,
                    demo,
                    public_url,
                },
            )?;
            serve(s).await
        }
    }
}

async fn serve(s: config::ServeSettings) -> Result<()> {
    let conn = open(&s.db).await?;
    let app = App::new(conn, s.app.clone())
        .await
        .context("cannot start the application")?;
    let mut loaded_demo = false;
    if s.demo {
        loaded_demo = app.load_demo().await.context("cannot load the demo data")?;
    }
    let listener = tokio::net::TcpListener::bind(s.listen)
        .await
        .map_err(|e| anyhow!("cannot listen on {}: {e}", s.listen))?;
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    {
        let app = app.clone();
        let rx = stop_rx.clone();
        let smtp = s.app.smtp.clone();
        tokio::spawn(async move { app.run_mail_worker(smtp, rx).await });
    }
    jobs::start(&app, &stop_rx);
    let web = guildhall_web::WebConfig {
        trust_proxy: s.trust_proxy,
        expose_statement_count: s.expose_statement_count,
        demo: s.demo,
    };
    let router = guildhall_web::router(app.clone(), web);
    println!("Guildhall is listening on {}", app.config().public_url);
    println!("Database: {}", guildhall_store::redact(&s.db.database_url));
    if s.app.smtp.is_none() {
        println!(
            "No mail server is set: mail is written to {}",
            app.mail_folder().display()
        );
    }
    if s.demo {
        if loaded_demo {
            println!("Demo data loaded.");
        }
        println!(
            "Log in as the demo administrator: {} / {}",
            guildhall_app::demo::DEMO_ADMIN_EMAIL,
            guildhall_app::demo::DEMO_PASSWORD
        );
    }
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        shutdown_signal().await;
        let _ = stop_tx.send(true);
    })
    .await
    .context("the server stopped")?;
    // Token uses noted since the last periodic write are written down before leaving.
    if let Err(e) = app.record_token_uses().await {
        tracing::warn!(error = %e, "token uses not written at shutdown");
    }
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down");
}
