//! The sign-up rush: thousands of learners sign up at the same moment over a hundred
//! sessions of thirty seats, through HTTP, from 256 connections. Afterwards the database is
//! checked: nobody overbooked, every answered sign-up stored as answered, the waiting lists
//! in arrival order, and the positions people were told matching them.
//!
//! The yardstick is the database's raw booking rate in the same run: the single conditional
//! UPDATE that takes a seat, sent as fast as the same pool allows, with no HTTP, no checks
//! and nothing else in its transaction.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::Result;
use guildhall_store::entities::{session_meeting, training_session};
use guildhall_store::sessions as q;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use tokio::sync::Mutex;
use uuid::Uuid;

use crate::generate::{self, Dataset, Learner};
use crate::load::Stats;
use crate::rng::Rng;

/// What one rush measured and found.
#[derive(Clone, Debug, Default)]
pub struct Rush {
    pub attempts: usize,
    pub stats: Stats,
    /// Answers with a 5xx status, and requests that got no answer at all.
    pub server_errors: usize,
    /// Answers with a 4xx status (a learner refused).
    pub refused: usize,
    /// Seats held beyond capacity, summed over the sessions.
    pub overbooked: usize,
    /// Sessions whose seat counter disagrees with the seats held, or whose waiting-list
    /// counter with the people waiting.
    pub counter_mismatch: usize,
    /// Waiting learners ahead of someone who got a seat, plus positions told that do not
    /// match the waiting list.
    pub wrong_order: usize,
    /// Sign-ups answered with 201 but not stored as answered.
    pub lost: usize,
    pub confirmed: usize,
    pub waitlisted: usize,
    /// Processor time used during the rush.
    pub cpu: crate::cpu::Cpu,
}

/// The raw booking rate: `total` single-statement seat bookings from `concurrency` tasks
/// over a pool of `pool` connections, on scratch sessions that are removed afterwards.
pub async fn raw_rate(
    url: &str,
    pool: u32,
    data: &Dataset,
    concurrency: usize,
    total: usize,
    seed: u64,
) -> Result<f64> {
    let mut cc = guildhall_store::ConnectConfig::new(url);
    cc.max_connections = pool;
    let db = guildhall_store::connect(&cc).await?;
    let sessions = generate::rush_sessions(&db, data, 100, 1_000_000, seed, 10_000).await?;
    let sessions = Arc::new(sessions);
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..concurrency {
        let db = db.clone();
        let next = next.clone();
        let sessions = sessions.clone();
        tasks.push(tokio::spawn(async move {
            let mut failed = 0usize;
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= total {
                    break;
                }
                if !matches!(
                    q::take_seat(&db, sessions[i % sessions.len()]).await,
                    Ok(true)
                ) {
                    failed += 1;
                }
            }
            failed
        }));
    }
    let mut failed = 0;
    for t in tasks {
        failed += t.await.unwrap_or(total);
    }
    let elapsed = started.elapsed();
    anyhow::ensure!(failed == 0, "{failed} raw bookings failed");
    session_meeting::Entity::delete_many()
        .filter(session_meeting::Column::SessionId.is_in(sessions.iter().copied()))
        .exec(&db)
        .await?;
    training_session::Entity::delete_many()
        .filter(training_session::Column::Id.is_in(sessions.iter().copied()))
        .exec(&db)
        .await?;
    db.close().await?;
    Ok(total as f64 / elapsed.as_secs_f64())
}

/// One answered sign-up.
struct Answer {
    session: Uuid,
    id: Uuid,
    status: String,
    position: Option<u64>,
}

/// Every learner signs up once, in a random order, each to session `k % sessions`.
pub async fn run(
    base: &str,
    server_pid: u32,
    db: &DatabaseConnection,
    learners: &[Learner],
    sessions: &[Uuid],
    concurrency: usize,
    seed: u64,
) -> Result<Rush> {
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency)
        .timeout(Duration::from_secs(120))
        .build()?;
    let mut rng = Rng::new(seed ^ 0xA55);
    let order = Arc::new(rng.sample(learners.len(), learners.len()));
    let plan: Arc<Vec<(String, Uuid)>> = Arc::new(
        learners
            .iter()
            .enumerate()
            .map(|(k, l)| (l.token.clone(), sessions[k % sessions.len()]))
            .collect(),
    );
    let next = Arc::new(AtomicUsize::new(0));
    let answers = Arc::new(Mutex::new(Vec::with_capacity(learners.len())));
    let cpu_before = crate::cpu::now(server_pid);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..concurrency {
        let (http, order, plan, next, answers) = (
            http.clone(),
            order.clone(),
            plan.clone(),
            next.clone(),
            answers.clone(),
        );
        let base = base.to_owned();
        tasks.push(tokio::spawn(async move {
            let (mut lat, mut server_errors, mut refused) = (Vec::new(), 0usize, 0usize);
            let mut mine = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= order.len() {
                    break;
                }
                let (token, session) = &plan[order[i]];
                let t = Instant::now();
                let r = http
                    .post(format!("{base}/api/v1/sessions/{session}/enrolments"))
                    .bearer_auth(token)
                    .send()
                    .await;
                match r {
                    Ok(r) if r.status().as_u16() == 201 => {
                        let body: serde_json::Value = r.json().await.unwrap_or_default();
                        lat.push(t.elapsed());
                        mine.push(Answer {
                            session: *session,
                            id: body["id"]
                                .as_str()
                                .and_then(|s| s.parse().ok())
                                .unwrap_or_default(),
                            status: body["status"].as_str().unwrap_or_default().to_owned(),
                            position: body["position"].as_u64(),
                        });
                    }
                    Ok(r) if r.status().is_client_error() => refused += 1,
                    _ => server_errors += 1,
                }
            }
            answers.lock().await.extend(mine);
            (lat, server_errors, refused)
        }));
    }
    let mut lat = Vec::new();
    let (mut server_errors, mut refused) = (0, 0);
    for t in tasks {
        let (l, s, r) = t.await?;
        lat.extend(l);
        server_errors += s;
        refused += r;
    }
    let elapsed = started.elapsed();
    let cpu = crate::cpu::now(server_pid).since(&cpu_before);
    let answers = std::mem::take(&mut *answers.lock().await);
    let mut rush = Rush {
        cpu,
        attempts: learners.len(),
        stats: Stats::from(lat, server_errors + refused, elapsed),
        server_errors,
        refused,
        ..Rush::default()
    };
    check(db, sessions, &answers, &mut rush).await?;
    Ok(rush)
}

/// Compares what the database holds with what people were told.
async fn check(
    db: &DatabaseConnection,
    sessions: &[Uuid],
    answers: &[Answer],
    rush: &mut Rush,
) -> Result<()> {
    let mut told: HashMap<Uuid, &Answer> = HashMap::new();
    for a in answers {
        told.insert(a.id, a);
    }
    for s in sessions {
        let row = q::find_session(db, *s)
            .await?
            .ok_or_else(|| anyhow::anyhow!("session {s} is gone"))?;
        let rows = q::enrolments_of_session(db, *s).await?;
        let holders: Vec<_> = rows
            .iter()
            .filter(|e| q::SEAT_HOLDING.contains(&e.status.as_str()))
            .collect();
        let waiting: Vec<_> = rows.iter().filter(|e| e.status == "waitlisted").collect();
        rush.confirmed += holders.len();
        rush.waitlisted += waiting.len();
        rush.overbooked += holders.len().saturating_sub(row.capacity as usize);
        if row.taken as usize != holders.len()
            || row.taken > row.capacity
            || row.waiting as usize != waiting.len()
        {
            rush.counter_mismatch += 1;
        }
        let last_holder = holders.iter().map(|e| e.seq).max().unwrap_or(i64::MIN);
        rush.wrong_order += waiting.iter().filter(|e| e.seq < last_holder).count();
        // Positions told, in arrival order, must read 1, 2, 3, …
        for (rank, e) in waiting.iter().enumerate() {
            if let Some(a) = told.get(&e.id)
                && a.position != Some(rank as u64 + 1)
            {
                rush.wrong_order += 1;
            }
        }
        for e in &rows {
            if let Some(a) = told.get(&e.id)
                && (a.status != e.status || a.session != *s)
            {
                rush.lost += 1;
            }
        }
    }
    let stored: usize = {
        let mut n = 0;
        for s in sessions {
            n += q::enrolments_of_session(db, *s)
                .await?
                .iter()
                .filter(|e| told.contains_key(&e.id))
                .count();
        }
        n
    };
    rush.lost += answers.len().saturating_sub(stored);
    Ok(())
}
