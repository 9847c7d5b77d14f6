//! The results table: medians over the measured rounds, sums of anything that must be zero,
//! and the targets of DESIGN.md beside the figures.

use std::fmt::Write;
use std::time::Duration;

use crate::load::{Stats, median};
use crate::rush::Rush;

pub struct SearchRow {
    backend: &'static str,
    what: &'static str,
    requests: usize,
    per_second: f64,
    p50: f64,
    p90: f64,
    p99: f64,
    errors: usize,
}

impl SearchRow {
    pub fn of(backend: &'static str, what: &'static str, runs: &[Stats]) -> SearchRow {
        let m = |f: &dyn Fn(&Stats) -> f64| median(runs.iter().map(f).collect());
        SearchRow {
            backend,
            what,
            requests: runs.iter().map(|s| s.ok).sum(),
            per_second: m(&|s| s.per_second()),
            p50: m(&|s| s.ms(0.5)),
            p90: m(&|s| s.ms(0.9)),
            p99: m(&|s| s.ms(0.99)),
            errors: runs.iter().map(|s| s.errors).sum(),
        }
    }
}

pub struct RushRow {
    backend: &'static str,
    signups: usize,
    seconds: f64,
    per_second: f64,
    p50: f64,
    p99: f64,
    raw: f64,
    ratio: f64,
    overbooked: usize,
    mismatch: usize,
    server_errors: usize,
    refused: usize,
    wrong_order: usize,
    lost: usize,
    confirmed: usize,
    waitlisted: usize,
    /// Processor time per sign-up, in ms: server, database, load generator.
    cpu: (f64, f64, f64),
}

impl RushRow {
    pub fn of(backend: &'static str, runs: &[(Rush, f64)]) -> RushRow {
        let m = |f: &dyn Fn(&(Rush, f64)) -> f64| median(runs.iter().map(f).collect());
        let sum = |f: &dyn Fn(&Rush) -> usize| runs.iter().map(|(r, _)| f(r)).sum();
        RushRow {
            backend,
            signups: runs.first().map_or(0, |(r, _)| r.attempts),
            seconds: m(&|(r, _)| r.stats.elapsed.as_secs_f64()),
            per_second: m(&|(r, _)| r.stats.per_second()),
            p50: m(&|(r, _)| r.stats.ms(0.5)),
            p99: m(&|(r, _)| r.stats.ms(0.99)),
            raw: m(&|(_, raw)| *raw),
            ratio: m(&|(r, raw)| r.stats.per_second() / raw),
            overbooked: sum(&|r| r.overbooked),
            mismatch: sum(&|r| r.counter_mismatch),
            server_errors: sum(&|r| r.server_errors),
            refused: sum(&|r| r.refused),
            wrong_order: sum(&|r| r.wrong_order),
            lost: sum(&|r| r.lost),
            confirmed: sum(&|r| r.confirmed) / runs.len().max(1),
            waitlisted: sum(&|r| r.waitlisted) / runs.len().max(1),
            cpu: (
                m(&|(r, _)| r.cpu.server * 1e3 / r.attempts.max(1) as f64),
                m(&|(r, _)| r.cpu.database * 1e3 / r.attempts.max(1) as f64),
                m(&|(r, _)| r.cpu.client * 1e3 / r.attempts.max(1) as f64),
            ),
        }
    }
}

pub struct ServerRow {
    pub backend: &'static str,
    pub generated: Duration,
    pub started: Duration,
    pub rss_mb: Option<f64>,
    pub rss_after_mb: Option<f64>,
}

/// The compliance and certificate timings of one database.
pub struct ComplianceRows {
    pub backend: &'static str,
    pub people: usize,
    pub entries: usize,
    pub rss_before: Option<f64>,
    pub rss_after: Option<f64>,
    pub timings: Vec<crate::compliance::Timing>,
}

/// The page timings of one database.
pub struct PageRows {
    pub backend: &'static str,
    pub timings: Vec<crate::pages::PageTiming>,
}

/// The journey rounds of one database.
pub struct JourneyRows {
    pub backend: &'static str,
    pub rounds: Vec<crate::journey::Round>,
}

pub struct Report {
    size: String,
    rounds: usize,
    pub search: Vec<SearchRow>,
    pub rush: Vec<RushRow>,
    pub compliance: Vec<ComplianceRows>,
    pub pages: Vec<PageRows>,
    pub journey: Vec<JourneyRows>,
    pub server: Vec<ServerRow>,
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|s| s.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .find(|l| l.starts_with("MemTotal:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or("?".into(), |kb| format!("{:.0} GiB", kb / 1024.0 / 1024.0));
    format!("{cores} cores ({cpu}), {mem} memory")
}

fn commit() -> String {
    std::process::Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_else(|| "unknown".into())
}

fn mb(x: Option<f64>) -> String {
    x.map_or("–".into(), |x| format!("{x:.0}"))
}

impl Report {
    pub fn new(size: &str, rounds: usize) -> Report {
        Report {
            size: size.to_owned(),
            rounds,
            search: Vec::new(),
            rush: Vec::new(),
            compliance: Vec::new(),
            pages: Vec::new(),
            journey: Vec::new(),
            server: Vec::new(),
        }
    }

    pub fn markdown(&self) -> String {
        let mut o = String::new();
        let _ = writeln!(o, "# Guildhall benchmark results\n");
        let _ = writeln!(
            o,
            "Run {} on {}, commit {}; data set `{}`; medians of {} measured rounds.\n",
            chrono::Utc::now().format("%Y-%m-%d %H:%M UTC"),
            machine(),
            commit(),
            self.size,
            self.rounds
        );
        if !self.search.is_empty() {
            let _ = writeln!(
                o,
                "## Catalogue search through HTTP, 64 concurrent clients\n\n\
                 Target: p50 ≤ 5 ms, p99 ≤ 20 ms, ≥ 3,000 requests/s on SQLite, ≥ 2,000 on PostgreSQL. \
                 \"As fast as possible\": each client sends its next request when the last is answered \
                 (the most the server gives). \"At the target rate\": 3,000 (SQLite) or 2,000 \
                 (PostgreSQL) requests a second in all, latency counted from when each request was due.\n\n\
                 | database | endpoint | requests | requests/s | p50 ms | p90 ms | p99 ms | errors |\n\
                 |---|---|---:|---:|---:|---:|---:|---:|"
            );
            for r in &self.search {
                let _ = writeln!(
                    o,
                    "| {} | {} | {} | {:.0} | {:.2} | {:.2} | {:.2} | {} |",
                    r.backend, r.what, r.requests, r.per_second, r.p50, r.p90, r.p99, r.errors
                );
            }
            o.push('\n');
        }
        if !self.rush.is_empty() {
            let _ = writeln!(
                o,
                "## Sign-up rush: 100 sessions × 30 seats, 256 connections\n\n\
                 Target: 0 overbooked, 0 server errors, 0 out of order; sign-ups/s ≥ 50 % of the \
                 raw single-statement booking rate measured in the same run.\n\n\
                 | database | sign-ups | seconds | sign-ups/s | p50 ms | p99 ms | raw bookings/s | ratio | seated | waiting | overbooked | counter off | server errors | refused | out of order | lost |\n\
                 |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
            );
            for r in &self.rush {
                let _ = writeln!(
                    o,
                    "| {} | {} | {:.1} | {:.0} | {:.0} | {:.0} | {:.0} | {:.0} % | {} | {} | {} | {} | {} | {} | {} | {} |",
                    r.backend,
                    r.signups,
                    r.seconds,
                    r.per_second,
                    r.p50,
                    r.p99,
                    r.raw,
                    r.ratio * 100.0,
                    r.confirmed,
                    r.waitlisted,
                    r.overbooked,
                    r.mismatch,
                    r.server_errors,
                    r.refused,
                    r.wrong_order,
                    r.lost
                );
            }
            o.push_str(
                "\nProcessor time per sign-up during the rush (ms; the machine has 2 cores, so \
                 1 s of rush offers 2,000 ms; SQLite runs inside the server):\n\n\
                 | database | server | database processes | load generator |\n\
                 |---|---:|---:|---:|\n",
            );
            for r in &self.rush {
                let _ = writeln!(
                    o,
                    "| {} | {:.3} | {:.3} | {:.3} |",
                    r.backend, r.cpu.0, r.cpu.1, r.cpu.2
                );
            }
            o.push('\n');
        }
        if !self.compliance.is_empty() {
            let _ = writeln!(
                o,
                "## Compliance and certificates through HTTP\n\n\
                 Each request alone, one after another, as an administrator (the PDF as its holder). \
                 Targets: one person ≤ 2 ms, an institution of 300 ≤ 30 ms, a region ≤ 300 ms, the \
                 country ≤ 2 s on PostgreSQL and ≤ 5 s on SQLite, CSV of the country ≤ 10 s, a \
                 certificate PDF ≤ 100 ms.\n\n\
                 | database | what | requests | median ms | slowest ms | target ms | response bytes | errors |\n\
                 |---|---|---:|---:|---:|---:|---:|---:|"
            );
            for c in &self.compliance {
                for t in &c.timings {
                    let _ = writeln!(
                        o,
                        "| {} | {} | {} | {:.1} | {:.1} | {:.0} | {} | {} |",
                        c.backend,
                        t.what,
                        t.times.len(),
                        t.median_ms(),
                        t.max_ms(),
                        t.target_ms,
                        t.bytes,
                        t.errors
                    );
                }
            }
            o.push('\n');
            for c in &self.compliance {
                let _ = writeln!(
                    o,
                    "{}: {} people, {} ledger entries; server memory {} MB before these requests, {} MB after.",
                    c.backend,
                    c.people,
                    c.entries,
                    mb(c.rss_before),
                    mb(c.rss_after)
                );
            }
            o.push('\n');
        }
        if !self.pages.is_empty() {
            let _ = writeln!(
                o,
                "## Page render\n\n\
                 The main pages, each asked for 30 times on its own, one request after another; \
                 \"SQL\" is the most statements the server ran for one of them (its \
                 `x-sql-statements` header). Signed-in pages are asked with the person's API token.\n\n\
                 | database | page | as | median ms | p90 ms | SQL statements | bytes | errors |\n\
                 |---|---|---|---:|---:|---:|---:|---:|"
            );
            for p in &self.pages {
                for t in &p.timings {
                    let _ = writeln!(
                        o,
                        "| {} | {} | {} | {:.2} | {:.2} | {} | {} | {} |",
                        p.backend,
                        t.what,
                        t.who,
                        t.ms(0.5),
                        t.ms(0.9),
                        t.statements.map_or("–".into(), |s| s.to_string()),
                        t.bytes,
                        t.errors
                    );
                }
            }
            o.push('\n');
        }
        if !self.journey.is_empty() {
            let _ = writeln!(
                o,
                "## Mixed user journey (goose)\n\n\
                 Each user visits again and again through the pages: the log-in page, log in, search \
                 the catalogue, a programme, one of its sessions, sign up, my trainings, cancel, log \
                 out, with one to three seconds between steps. Rounds of growing numbers of users, \
                 each held for its time after they have all started; the rounds stop after the first \
                 one not served. Target: the most users served with p99 < 500 ms and no errors.\n\n\
                 | database | users | seconds | requests | requests/s | visits | p50 ms | p99 ms | slowest ms | errors | served |\n\
                 |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
            );
            for j in &self.journey {
                for r in &j.rounds {
                    let _ = writeln!(
                        o,
                        "| {} | {} | {} | {} | {:.0} | {} | {:.0} | {:.0} | {:.0} | {} | {} |",
                        j.backend,
                        r.users,
                        r.seconds,
                        r.requests,
                        r.per_second,
                        r.visits,
                        r.p50_ms,
                        r.p99_ms,
                        r.max_ms,
                        r.errors,
                        if r.served() { "yes" } else { "no" }
                    );
                }
            }
            o.push('\n');
            for j in &self.journey {
                let most = j
                    .rounds
                    .iter()
                    .filter(|r| r.served())
                    .map(|r| r.users)
                    .max();
                let _ = writeln!(
                    o,
                    "{}: the most users served: {}.",
                    j.backend,
                    most.map_or("none of the rounds".into(), |n| n.to_string())
                );
            }
            o.push('\n');
        }
        if !self.server.is_empty() {
            let _ = writeln!(
                o,
                "## Server\n\n\
                 Target: ≤ 200 MB resident memory under the national data set.\n\n\
                 | database | data set written in s | start-up with index build s | memory at start MB | memory after search MB |\n\
                 |---|---:|---:|---:|---:|"
            );
            for r in &self.server {
                let _ = writeln!(
                    o,
                    "| {} | {:.1} | {:.1} | {} | {} |",
                    r.backend,
                    r.generated.as_secs_f64(),
                    r.started.as_secs_f64(),
                    mb(r.rss_mb),
                    mb(r.rss_after_mb)
                );
            }
        }
        o
    }
}
