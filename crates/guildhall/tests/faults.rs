//! Faults against the real binary, on the database the suite runs on: the server is killed
//! with SIGKILL in the middle of a sign-up rush and while a session's completions are being
//! written, then started again over the same database. Nothing that was answered as done is
//! lost, the seat invariant holds, the waiting lists are in order, and no completion has two
//! certificates or two credits.
//!
//! The people, programmes and sessions are made through the test kit's in-process
//! application on the same database; the binary under test is a separate process, so the
//! kill is a real one.

use std::collections::HashMap;
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chrono::Duration as Days;
use guildhall_domain::identity::Role;
use guildhall_testkit::TestApp;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};
use uuid::Uuid;

/// The binary, serving the test's database; killed when dropped.
struct Server {
    child: Child,
    base: String,
}

impl Server {
    async fn start(t: &TestApp, dir: &Path) -> Server {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(dir.join("server.log"))
            .expect("a log file");
        let child = Command::new(env!("CARGO_BIN_EXE_guildhall"))
            .args(["serve", "--listen"])
            .arg(format!("127.0.0.1:{port}"))
            .arg("--data-dir")
            .arg(dir)
            .arg("--database-url")
            .arg(t.database_url())
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("start guildhall");
        let base = format!("http://127.0.0.1:{port}");
        let http = reqwest::Client::new();
        let started = Instant::now();
        loop {
            if http
                .get(format!("{base}/readyz"))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success())
            {
                break;
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "guildhall did not start: {}",
                std::fs::read_to_string(dir.join("server.log")).unwrap_or_default()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Server { child, base }
    }

    /// SIGKILL: no shutdown, no flushing, nothing the process could still do.
    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .expect("an HTTP client")
}

/// One answered sign-up.
#[derive(Clone, Debug)]
struct Answer {
    person: Uuid,
    session: Uuid,
    enrolment: Uuid,
    status: String,
    position: Option<u64>,
}

/// A sign-up's answer: the body of a 201, or what came instead.
async fn sign_up(
    http: &reqwest::Client,
    base: &str,
    token: &str,
    session: Uuid,
) -> Result<Value, String> {
    let r = http
        .post(format!("{base}/api/v1/sessions/{session}/enrolments"))
        .bearer_auth(token)
        .send()
        .await
        .map_err(|e| format!("no answer: {e}"))?;
    let status = r.status().as_u16();
    let body = r.text().await.map_err(|e| format!("{status}, cut: {e}"))?;
    if status != 201 {
        return Err(format!("{status}: {body}"));
    }
    serde_json::from_str(&body).map_err(|e| format!("{status}: {e}"))
}

/// Seats held agree with the counter and never pass capacity; the waiting list is in
/// arrival order with nobody waiting while a seat is free.
async fn check_session(t: &TestApp, session: Uuid) -> (usize, usize) {
    let s = guildhall_store::sessions::find_session(t.app.db(), session)
        .await
        .expect("read")
        .expect("the session");
    let rows = guildhall_store::sessions::enrolments_of_session(t.app.db(), session)
        .await
        .expect("read");
    let holding = rows
        .iter()
        .filter(|e| ["confirmed", "pending_approval", "offered"].contains(&e.status.as_str()))
        .count();
    let waiting: Vec<_> = rows.iter().filter(|e| e.status == "waitlisted").collect();
    assert_eq!(
        s.taken as usize, holding,
        "the counter matches the seats held"
    );
    assert!(
        s.taken <= s.capacity,
        "overbooked: {} of {}",
        s.taken,
        s.capacity
    );
    if !waiting.is_empty() {
        assert_eq!(s.taken, s.capacity, "nobody waits while a seat is free");
    }
    let mut seqs: Vec<i64> = waiting.iter().map(|e| e.seq).collect();
    let sorted = {
        let mut v = seqs.clone();
        v.sort_unstable();
        v
    };
    assert_eq!(seqs, sorted, "the list is read in arrival order");
    seqs.dedup();
    (holding, waiting.len())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_killed_mid_rush_loses_no_answered_sign_up() {
    let t = TestApp::new().await;
    let cw = t.catalog_world().await;
    let seats = 20;
    let mut sessions = Vec::new();
    for k in 0..4 {
        let p = t
            .published_programme(&cw, &format!("KILL-{k}"), "Workshop safety", &[])
            .await;
        let s = t
            .open_session(&cw, p, seats, |i| {
                i.meetings
                    .iter_mut()
                    .for_each(|m| m.day += Days::days(7 * k));
            })
            .await;
        sessions.push(s.0);
    }
    let mut learners = Vec::new();
    for i in 0..1000 {
        let email = format!("rush{i}@kill.example");
        let who = t
            .person(
                &email,
                Some(cw.w.school),
                &[(Role::Learner, Some(cw.w.school))],
            )
            .await;
        learners.push((
            who.id.0,
            t.token_for(&email).await,
            sessions[i % sessions.len()],
        ));
    }
    let dir = tempfile::tempdir().expect("a data folder");
    let mut server = Server::start(&t, dir.path()).await;

    // Everyone at once; the server is killed as soon as the first sign-ups are answered
    // (the writer answers a group at a time, at most 256, so most are still to come).
    let http = client();
    let answered = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for (person, token, session) in learners.clone() {
        let http = http.clone();
        let base = server.base.clone();
        let answered = answered.clone();
        tasks.push(tokio::spawn(async move {
            let body = sign_up(&http, &base, &token, session).await;
            if body.is_ok() {
                answered.fetch_add(1, Ordering::SeqCst);
            }
            body.map(|b| Answer {
                person,
                session,
                enrolment: b["id"]
                    .as_str()
                    .and_then(|s| s.parse().ok())
                    .unwrap_or_default(),
                status: b["status"].as_str().unwrap_or_default().to_owned(),
                position: b["position"].as_u64(),
            })
        }));
    }
    let started = Instant::now();
    while answered.load(Ordering::SeqCst) == 0 {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the rush stalled"
        );
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    server.kill();
    let mut answers: Vec<Answer> = Vec::new();
    let mut refused: Vec<String> = Vec::new();
    for task in tasks {
        match task.await.expect("a task") {
            Ok(a) => answers.push(a),
            // Cut off by the kill; anything else is a fault of its own.
            Err(e) if e.starts_with("no answer") || e.contains("cut") => {}
            Err(e) => refused.push(e),
        }
    }
    assert!(refused.is_empty(), "refused before the kill: {refused:?}");
    assert!(
        !answers.is_empty(),
        "some sign-ups were answered before the kill"
    );
    assert!(
        answers.len() < learners.len(),
        "the kill came before the end"
    );

    // Started again over the same database: every answered sign-up is there as answered.
    let server = Server::start(&t, dir.path()).await;
    for a in &answers {
        let e = guildhall_store::sessions::find_enrolment(t.app.db(), a.enrolment)
            .await
            .expect("read")
            .unwrap_or_else(|| panic!("answered sign-up {a:?} was lost"));
        assert_eq!((e.person_id, e.session_id), (a.person, a.session));
        assert_eq!(e.status, a.status, "{a:?}");
    }
    for s in &sessions {
        check_session(&t, *s).await;
    }
    // Those told a place on the waiting list have that place or better.
    for s in &sessions {
        let waiting: Vec<Uuid> = guildhall_store::sessions::enrolments_of_session(t.app.db(), *s)
            .await
            .expect("read")
            .into_iter()
            .filter(|e| e.status == "waitlisted")
            .map(|e| e.id)
            .collect();
        for a in answers
            .iter()
            .filter(|a| a.session == *s && a.status == "waitlisted")
        {
            let at = waiting
                .iter()
                .position(|id| *id == a.enrolment)
                .map(|i| i as u64 + 1);
            assert!(
                at.is_some_and(|at| Some(at) <= a.position),
                "{a:?} is at {at:?}"
            );
        }
    }

    // Everyone who got no answer tries again; the end is as if nothing had happened.
    let answered_people: std::collections::HashSet<Uuid> =
        answers.iter().map(|a| a.person).collect();
    let mut retries = Vec::new();
    for (person, token, session) in learners.clone() {
        if answered_people.contains(&person) {
            continue;
        }
        let http = http.clone();
        let base = server.base.clone();
        retries.push(tokio::spawn(async move {
            match sign_up(&http, &base, &token, session).await {
                Ok(_) => None,
                // A sign-up written before the kill but not answered is found on the retry.
                Err(e) if e.starts_with("409") && e.contains("already_signed_up") => None,
                Err(e) => Some(e),
            }
        }));
    }
    for r in retries {
        if let Some(e) = r.await.expect("a task") {
            panic!("a retry failed: {e}");
        }
    }
    let mut per_person: HashMap<Uuid, usize> = HashMap::new();
    for s in &sessions {
        let (holding, waiting) = check_session(&t, *s).await;
        assert_eq!((holding, waiting), (seats as usize, 250 - seats as usize));
        for e in guildhall_store::sessions::enrolments_of_session(t.app.db(), *s)
            .await
            .expect("read")
        {
            *per_person.entry(e.person_id).or_default() += 1;
        }
    }
    assert_eq!(per_person.len(), learners.len());
    assert!(per_person.values().all(|n| *n == 1), "one place each");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_killed_while_completing_issues_each_certificate_once() {
    use guildhall_store::entities::{certificate, ledger_entry};
    let t = TestApp::new().await;
    let cw = t.catalog_world().await;
    let p = t
        .published_programme(&cw, "KILL-DONE", "Workshop safety", &[])
        .await;
    let s = t.open_session(&cw, p, 40, |_| {}).await.0;
    let mut tokens = Vec::new();
    for i in 0..40 {
        let email = format!("done{i}@kill.example");
        t.person(
            &email,
            Some(cw.w.school),
            &[(Role::Learner, Some(cw.w.school))],
        )
        .await;
        tokens.push(t.token_for(&email).await);
    }
    let trainer = t.token_for(&cw.trainer.email).await;
    let dir = tempfile::tempdir().expect("a data folder");
    let mut server = Server::start(&t, dir.path()).await;
    let http = client();
    let mut enrolments = Vec::new();
    for token in &tokens {
        let b = sign_up(&http, &server.base, token, s)
            .await
            .expect("a place");
        enrolments.push(b["id"].as_str().unwrap_or_default().to_owned());
    }
    let detail: Value = http
        .get(format!("{}/api/v1/sessions/{s}", server.base))
        .bearer_auth(&trainer)
        .send()
        .await
        .expect("the session")
        .json()
        .await
        .expect("json");
    let meetings: Vec<String> = detail["meetings"]
        .as_array()
        .expect("meetings")
        .iter()
        .map(|m| m["id"].as_str().unwrap_or_default().to_owned())
        .collect();
    let post = |path: String, body: Value| {
        let http = http.clone();
        let trainer = trainer.clone();
        async move {
            http.post(path)
                .bearer_auth(trainer)
                .json(&body)
                .send()
                .await
                .map(|r| r.status().as_u16())
                .ok()
        }
    };
    assert_eq!(
        post(
            format!("{}/api/v1/sessions/{s}/start", server.base),
            json!({})
        )
        .await,
        Some(200)
    );
    let marks: Vec<Value> = enrolments
        .iter()
        .flat_map(|e| {
            meetings
                .iter()
                .map(move |m| json!({ "enrolment": e, "meeting": m, "status": "present" }))
        })
        .collect();
    assert_eq!(
        post(
            format!("{}/api/v1/sessions/{s}/attendance", server.base),
            json!({ "marks": marks })
        )
        .await,
        Some(200)
    );
    // Finishing the session completes everyone and issues their certificates; the server is
    // killed while that is written.
    let finishing = tokio::spawn(post(
        format!("{}/api/v1/sessions/{s}/finish", server.base),
        json!({}),
    ));
    tokio::time::sleep(Duration::from_millis(5)).await;
    server.kill();
    let _ = finishing.await;

    // Again, over the same database: finishing either happened whole or not at all; done
    // again it issues what is missing and nothing twice.
    let server = Server::start(&t, dir.path()).await;
    let state = guildhall_store::sessions::find_session(t.app.db(), s)
        .await
        .expect("read")
        .expect("the session")
        .state;
    let certs = certificate::Entity::find()
        .filter(certificate::Column::SessionId.eq(s))
        .all(t.app.db())
        .await
        .expect("read");
    if state == "finished" {
        assert_eq!(certs.len(), 40, "finished whole");
    } else {
        assert_eq!(state, "running");
        assert!(certs.is_empty(), "not finished, nothing issued");
        assert_eq!(
            post(
                format!("{}/api/v1/sessions/{s}/finish", server.base),
                json!({})
            )
            .await,
            Some(200)
        );
    }
    // Once more, many times at once: nothing more.
    let mut again = Vec::new();
    for _ in 0..4 {
        again.push(tokio::spawn(post(
            format!("{}/api/v1/sessions/{s}/attendance", server.base),
            json!({ "marks": marks }),
        )));
    }
    for a in again {
        let _ = a.await;
    }
    let certs = certificate::Entity::find()
        .filter(certificate::Column::SessionId.eq(s))
        .all(t.app.db())
        .await
        .expect("read");
    assert_eq!(certs.len(), 40, "one certificate per completion");
    let mut per: HashMap<Uuid, usize> = HashMap::new();
    for c in &certs {
        *per.entry(c.enrolment_id).or_default() += 1;
    }
    assert!(per.values().all(|n| *n == 1));
    let credits = ledger_entry::Entity::find()
        .filter(ledger_entry::Column::SessionId.eq(s))
        .order_by_asc(ledger_entry::Column::Seq)
        .all(t.app.db())
        .await
        .expect("read");
    let mut minutes: HashMap<Uuid, i32> = HashMap::new();
    for e in &credits {
        *minutes.entry(e.person_id).or_default() += e.minutes;
    }
    assert_eq!(minutes.len(), 40, "everyone credited");
    let first = minutes.values().next().copied().unwrap_or(0);
    assert!(
        first > 0 && minutes.values().all(|m| *m == first),
        "credited once: {minutes:?}"
    );
}
