//! `guildhall-bench`: the benchmarks of DESIGN.md's targets, run against the real server
//! binary on fresh SQLite and PostgreSQL databases, and the generator of the reference data
//! set they run on. `bench/README.md` says how to run them; the latest figures are in
//! `bench/RESULTS.md`.

mod compliance;
mod cpu;
mod generate;
mod journey;
mod load;
mod pages;
mod report;
mod rng;
mod rush;
mod search;
mod server;
mod words;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use guildhall_app::{App, AppConfig};
use sea_orm::{ConnectionTrait, DatabaseConnection};

use crate::generate::Size;
use crate::report::{ComplianceRows, JourneyRows, PageRows, Report, RushRow, SearchRow, ServerRow};

#[derive(Parser)]
#[command(
    name = "guildhall-bench",
    about = "Guildhall's benchmarks and data generator"
)]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Writes the reference data set into an empty database.
    Generate {
        #[arg(long)]
        database_url: String,
        /// `national` (10,000 programmes, 50,000 sessions) or `small` (a tenth).
        #[arg(long, default_value = "national")]
        size: String,
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// Learners with API tokens to add.
        #[arg(long, default_value_t = 0)]
        learners: usize,
    },
    /// Runs the benchmarks on fresh databases, prints the table and writes it to a file.
    Run {
        /// `sqlite`, `postgres` or `both`.
        #[arg(long, default_value = "both")]
        db: String,
        #[arg(long, default_value = "national")]
        size: String,
        /// Only these benchmarks (`search`, `rush`, `compliance`, `pages`, `journey`); all when
        /// not given.
        #[arg(long)]
        only: Vec<String>,
        /// Measured rounds of each benchmark; the table shows their medians.
        #[arg(long, default_value_t = 3)]
        rounds: usize,
        /// Seconds each search round measures.
        #[arg(long, default_value_t = 10)]
        seconds: u64,
        /// The fixed request rate of the paced search rounds (default: the target of the
        /// database, 3,000/s on SQLite and 2,000/s on PostgreSQL).
        #[arg(long)]
        rate: Option<f64>,
        /// Learners in the rush (each signs up once per round).
        #[arg(long, default_value_t = 10_000)]
        learners: usize,
        /// The numbers of users of the journey's rounds, in order; the rounds stop after the
        /// first one not served.
        #[arg(long, value_delimiter = ',', default_values_t = [25usize, 50, 100, 200, 400, 800, 1600, 3200])]
        journey_users: Vec<usize>,
        /// Seconds each journey round holds all its users.
        #[arg(long, default_value_t = 30)]
        journey_seconds: usize,
        #[arg(long, default_value = "bench/RESULTS.md")]
        out: PathBuf,
        /// A PostgreSQL server where the benchmark may drop and create its database.
        #[arg(long, default_value = "postgres://postgres@127.0.0.1:5432/postgres")]
        pg_admin_url: String,
        #[arg(long, default_value = "guildhall_bench")]
        pg_database: String,
        /// Where SQLite files and server logs go.
        #[arg(long, default_value = "target/bench")]
        work_dir: PathBuf,
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    match run(Cli::parse()).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("guildhall-bench: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Cmd::Generate {
            database_url,
            size,
            seed,
            learners,
        } => {
            let size = Size::parse(&size).context("--size is national or small")?;
            let app = open(&database_url, Path::new("target/bench/generate")).await?;
            let data = generate::dataset(&app, size, seed).await?;
            if learners > 0 {
                generate::learners(app.db(), &data, learners, seed).await?;
            }
            generate::analyze(app.db()).await?;
            Ok(())
        }
        Cmd::Run {
            db,
            size: size_name,
            only,
            rounds,
            seconds,
            rate,
            learners,
            journey_users,
            journey_seconds,
            out,
            pg_admin_url,
            pg_database,
            work_dir,
            seed,
        } => {
            let size = Size::parse(&size_name).context("--size is national or small")?;
            server::binary()?;
            let backends: Vec<&str> = match db.as_str() {
                "both" => vec!["sqlite", "postgres"],
                "sqlite" => vec!["sqlite"],
                "postgres" => vec!["postgres"],
                _ => bail!("--db is sqlite, postgres or both"),
            };
            let wants = |b: &str| only.is_empty() || only.iter().any(|o| o == b);
            let mut report = Report::new(&size_name, rounds);
            for backend in backends {
                eprintln!("== {backend}");
                let dir = work_dir.join(backend);
                let _ = std::fs::remove_dir_all(&dir);
                std::fs::create_dir_all(&dir)?;
                let url = match backend {
                    "sqlite" => format!("sqlite://{}?mode=rwc", dir.join("guildhall.db").display()),
                    _ => fresh_postgres(&pg_admin_url, &pg_database).await?,
                };
                let app = open(&url, &dir.join("generate")).await?;
                let t = std::time::Instant::now();
                let data = generate::dataset(&app, size, seed).await?;
                let people = if wants("rush") {
                    generate::learners(app.db(), &data, learners, seed).await?
                } else {
                    Vec::new()
                };
                // Sessions of many programmes with room for everyone, for the pages and the
                // journey to sign up to.
                let open = if wants("pages") || wants("journey") {
                    generate::spread_sessions(app.db(), &data, 200, 100_000, seed + 7, 1_000)
                        .await?
                } else {
                    Vec::new()
                };
                let journey_people = if wants("journey") {
                    generate::journey_people(
                        app.db(),
                        &data,
                        journey::accounts_for(&journey_users),
                        JOURNEY_PASSWORD,
                        seed,
                    )
                    .await?
                } else {
                    Vec::new()
                };
                let population = if wants("compliance") || wants("pages") {
                    let n = if size_name == "national" {
                        200_000
                    } else {
                        20_000
                    };
                    Some(compliance::population(app.db(), &data, n, 20, seed).await?)
                } else {
                    None
                };
                if let Some(p) = &population {
                    // For looking at the data set by hand after the run.
                    std::fs::write(
                        dir.join("population.txt"),
                        format!(
                            "admin token: {}\nlearner token: {}\nsample person: {}\ninstitution: {}\nregion: {}\ncountry: {}\n",
                            p.admin_token,
                            p.learner_token,
                            p.sample[0],
                            p.institution,
                            p.region,
                            p.country
                        ),
                    )?;
                }
                // A deployment's statistics are kept by autovacuum (PostgreSQL) or `PRAGMA
                // optimize` (SQLite) over time; a data set written in minutes gets them now.
                generate::analyze(app.db()).await?;
                let generated = t.elapsed();
                app.db().clone().close().await?;
                drop(app);

                let srv = server::Server::start(&url, &dir.join("server")).await?;
                eprintln!("  server up in {:.1} s", srv.started_in.as_secs_f64());
                let mut server_row = ServerRow {
                    backend,
                    generated,
                    started: srv.started_in,
                    rss_mb: srv.rss_mb(),
                    rss_after_mb: None,
                };
                if wants("search") {
                    let queries = Arc::new(search::mix(&data, 2_000, seed));
                    let target = rate.unwrap_or(if backend == "sqlite" {
                        3_000.0
                    } else {
                        2_000.0
                    });
                    for (what, path, pace) in [
                        (
                            "API, as fast as possible",
                            "/api/v1/programmes",
                            search::Pace::AsFastAsPossible,
                        ),
                        (
                            "API, at the target rate",
                            "/api/v1/programmes",
                            search::Pace::Rate(target),
                        ),
                        (
                            "page, as fast as possible",
                            "/catalogue",
                            search::Pace::AsFastAsPossible,
                        ),
                        (
                            "page, at the target rate",
                            "/catalogue",
                            search::Pace::Rate(target),
                        ),
                    ] {
                        let mut runs = Vec::new();
                        for r in 0..rounds {
                            let warmup = Duration::from_secs(if r == 0 { 3 } else { 1 });
                            let s = search::run(
                                &srv.base,
                                path,
                                queries.clone(),
                                64,
                                pace,
                                warmup,
                                Duration::from_secs(seconds),
                            )
                            .await;
                            eprintln!(
                                "  search {what} round {}: {:.0}/s p50 {:.2} ms p99 {:.2} ms errors {}",
                                r + 1,
                                s.per_second(),
                                s.ms(0.5),
                                s.ms(0.99),
                                s.errors
                            );
                            runs.push(s);
                        }
                        report.search.push(SearchRow::of(backend, what, &runs));
                    }
                    server_row.rss_after_mb = srv.rss_mb();
                }
                if wants("rush") {
                    let mut db = guildhall_store::ConnectConfig::new(&url);
                    db.max_connections = 4;
                    let check = guildhall_store::connect(&db).await?;
                    let mut runs = Vec::new();
                    for r in 0..rounds {
                        let raw =
                            rush::raw_rate(&url, 16, &data, 256, 10_000, seed + r as u64).await?;
                        let sessions = generate::rush_sessions(
                            &check,
                            &data,
                            100,
                            30,
                            seed + 100 + r as u64,
                            200 * r as i64,
                        )
                        .await?;
                        let rush = rush::run(
                            &srv.base,
                            srv.pid(),
                            &check,
                            &people,
                            &sessions,
                            256,
                            seed + r as u64,
                        )
                        .await?;
                        eprintln!(
                            "  rush round {}: {} sign-ups in {:.1} s ({:.0}/s), raw {:.0}/s, overbooked {}, server errors {}, refused {}, wrong order {}, lost {}",
                            r + 1,
                            rush.stats.ok,
                            rush.stats.elapsed.as_secs_f64(),
                            rush.stats.per_second(),
                            raw,
                            rush.overbooked,
                            rush.server_errors,
                            rush.refused,
                            rush.wrong_order,
                            rush.lost
                        );
                        eprintln!(
                            "    processor s: server {:.1}, database {:.1}, load generator {:.1}",
                            rush.cpu.server, rush.cpu.database, rush.cpu.client
                        );
                        runs.push((rush, raw));
                    }
                    report.rush.push(RushRow::of(backend, &runs));
                    check.close().await?;
                }
                if let Some(p) = population.as_ref().filter(|_| wants("pages")) {
                    let (session, programme) = open[0];
                    let targets = pages::Targets {
                        population: p,
                        programme,
                        session,
                        query: words::QUERY_WORDS[0],
                    };
                    let timings = pages::measure(&srv.base, &targets, 30).await;
                    for t in &timings {
                        eprintln!(
                            "  page {} ({}): median {:.2} ms, {} statements, {} errors",
                            t.what,
                            t.who,
                            t.ms(0.5),
                            t.statements.map_or("?".into(), |s| s.to_string()),
                            t.errors
                        );
                    }
                    report.pages.push(PageRows { backend, timings });
                }
                if wants("journey") {
                    let plan = Arc::new(journey::Plan {
                        emails: journey_people.clone(),
                        password: JOURNEY_PASSWORD.to_owned(),
                        sessions: open.clone(),
                        queries: search::mix(&data, 500, seed + 3),
                    });
                    let rounds =
                        journey::run(&srv.base, plan, &journey_users, journey_seconds).await?;
                    report.journey.push(JourneyRows { backend, rounds });
                }
                if let Some(p) = population.as_ref().filter(|_| wants("compliance")) {
                    let before = srv.rss_mb();
                    let timings = compliance::measure(&srv.base, p, backend == "sqlite").await;
                    for t in &timings {
                        eprintln!(
                            "  {}: median {:.1} ms, slowest {:.1} ms, {} requests, {} errors",
                            t.what,
                            t.median_ms(),
                            t.max_ms(),
                            t.times.len(),
                            t.errors
                        );
                    }
                    report.compliance.push(ComplianceRows {
                        backend,
                        people: p.people,
                        entries: p.entries,
                        rss_before: before,
                        rss_after: srv.rss_mb(),
                        timings,
                    });
                }
                report.server.push(server_row);
                srv.stop()?;
            }
            let table = report.markdown();
            println!("{table}");
            if let Some(parent) = out.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&out, &table).with_context(|| format!("write {}", out.display()))?;
            eprintln!("written to {}", out.display());
            Ok(())
        }
    }
}

/// The password of the journey's accounts.
const JOURNEY_PASSWORD: &str = "journey-bench-password";

/// Opens the database, applies the migrations and starts the application on it (which
/// seeds the competence frameworks).
async fn open(url: &str, data_dir: &Path) -> Result<App> {
    std::fs::create_dir_all(data_dir)?;
    let db = guildhall_store::connect(&guildhall_store::ConnectConfig::new(url)).await?;
    guildhall_store::migrate(&db).await?;
    let app = App::new(db, AppConfig::new("http://127.0.0.1", data_dir)).await?;
    Ok(app)
}

/// Drops and creates the benchmark's PostgreSQL database; returns its URL.
async fn fresh_postgres(admin_url: &str, name: &str) -> Result<String> {
    if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        bail!("--pg-database may hold letters, digits and _ only");
    }
    let admin: DatabaseConnection =
        guildhall_store::connect(&guildhall_store::ConnectConfig::new(admin_url))
            .await
            .context("connect to PostgreSQL")?;
    admin
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .await?;
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await?;
    admin.close().await?;
    // The same server and options (`?sslmode=…`), another database.
    let (url, options) = admin_url.split_once('?').unwrap_or((admin_url, ""));
    let base = url.rsplit_once('/').map(|(b, _)| b).unwrap_or(url);
    Ok(if options.is_empty() {
        format!("{base}/{name}")
    } else {
        format!("{base}/{name}?{options}")
    })
}
