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
        Server::start_logging(t, dir, dir).await
    }

    /// With its log in `logs` rather than in the data folder.
    async fn start_logging(t: &TestApp, dir: &Path, logs: &Path) -> Server {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(logs.join("server.log"))
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
                std::fs::read_to_string(logs.join("server.log")).unwrap_or_default()
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
    // The meetings take place.
    guildhall_testkit::meetings_took_place(t.app.db(), s).await;
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

/// When an answer came, and what it was: a status with its body, or why there was none.
type Seen = (Duration, Result<(u16, String), String>);

/// A TCP relay between the server and PostgreSQL that the test can cut: while it is down,
/// every connection through it is dropped and new ones are refused, as when the database
/// restarts.
struct Relay {
    port: u16,
    down: Arc<std::sync::atomic::AtomicBool>,
    links: Arc<std::sync::Mutex<Vec<tokio::task::JoinHandle<()>>>>,
}

impl Relay {
    async fn start(target: String) -> Relay {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a port for the relay");
        let port = listener.local_addr().expect("its address").port();
        let down = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let links: Arc<std::sync::Mutex<Vec<tokio::task::JoinHandle<()>>>> = Arc::default();
        let (d, l) = (down.clone(), links.clone());
        tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                if d.load(Ordering::SeqCst) {
                    drop(inbound);
                    continue;
                }
                let target = target.clone();
                let link = tokio::spawn(async move {
                    if let Ok(mut outbound) = tokio::net::TcpStream::connect(target).await {
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                    }
                });
                l.lock().unwrap_or_else(|e| e.into_inner()).push(link);
            }
        });
        Relay { port, down, links }
    }

    fn cut(&self) {
        self.down.store(true, Ordering::SeqCst);
        for link in self
            .links
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .drain(..)
        {
            link.abort();
        }
    }

    fn restore(&self) {
        self.down.store(false, Ordering::SeqCst);
    }
}

/// PostgreSQL goes away under load and comes back: meanwhile every request is answered 503
/// with the reason in the asker's language (never a 500, never a dropped connection), and the
/// server serves again on its own once the database is back. (A SQLite file cannot go away
/// like this; the test runs in the suite's PostgreSQL pass.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_outage_is_answered_cleanly_and_survived() {
    let t = TestApp::new().await;
    if !t.db.is_postgres() {
        eprintln!("PostgreSQL only: the suite's PostgreSQL pass runs this test");
        return;
    }
    let w = t.world().await;
    let who = t.person("outage@test.example", Some(w.school), &[]).await;
    // A signed-in person is answered in their own language, and before they are known (the
    // database is needed for that) in the browser's: both are Hungarian here.
    let actor = t.app.console_actor(&who.email).await.expect("the person");
    t.app
        .set_language(&actor, guildhall_domain::Lang::Hu)
        .await
        .expect("language set");
    let token = t.token_for(&who.email).await;
    let url = t.database_url();
    let authority = url
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .and_then(|a| a.rsplit('@').next())
        .expect("host and port in the database URL")
        .to_owned();
    let relay = Relay::start(authority.clone()).await;
    let through = url.replacen(&authority, &format!("127.0.0.1:{}", relay.port), 1);
    let dir = tempfile::tempdir().expect("a data folder");
    // The binary is pointed at the relay instead of the database.
    let server = {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let log = std::fs::File::create(dir.path().join("server.log")).expect("a log");
        let child = Command::new(env!("CARGO_BIN_EXE_guildhall"))
            .args(["serve", "--listen"])
            .arg(format!("127.0.0.1:{port}"))
            .arg("--data-dir")
            .arg(dir.path())
            .arg("--database-url")
            .arg(&through)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("start guildhall");
        Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
        }
    };
    let http = client();
    let started = Instant::now();
    while !http
        .get(format!("{}/readyz", server.base))
        .send()
        .await
        .is_ok_and(|r| r.status().is_success())
    {
        assert!(started.elapsed() < Duration::from_secs(60), "no start");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // Four clients ask for the person's own record (it reads the database) all along.
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let seen: Arc<std::sync::Mutex<Vec<Seen>>> = Arc::default();
    let t0 = Instant::now();
    let mut clients = Vec::new();
    for _ in 0..4 {
        let (http, base, token) = (http.clone(), server.base.clone(), token.clone());
        let (stop, seen) = (stop.clone(), seen.clone());
        clients.push(tokio::spawn(async move {
            while !stop.load(Ordering::SeqCst) {
                let r = http
                    .get(format!("{base}/api/v1/me"))
                    .bearer_auth(&token)
                    .header("accept-language", "hu")
                    .send()
                    .await;
                let answer = match r {
                    Ok(r) => {
                        let status = r.status().as_u16();
                        Ok((status, r.text().await.unwrap_or_default()))
                    }
                    Err(e) => Err(e.to_string()),
                };
                seen.lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push((t0.elapsed(), answer));
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }));
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let cut_at = t0.elapsed();
    relay.cut();
    tokio::time::sleep(Duration::from_secs(4)).await;
    let back_at = t0.elapsed();
    relay.restore();
    // Served again on its own, within a few seconds.
    let recovered = loop {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let last: Vec<u16> = seen
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .rev()
            .take(8)
            .filter_map(|(_, a)| a.as_ref().ok().map(|(s, _)| *s))
            .collect();
        if last.len() == 8 && last.iter().all(|s| *s == 200) {
            break t0.elapsed();
        }
        assert!(
            t0.elapsed() - back_at < Duration::from_secs(30),
            "not served again 30 s after the database came back: {last:?}"
        );
    };
    stop.store(true, Ordering::SeqCst);
    for c in clients {
        let _ = c.await;
    }
    let seen = seen.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let mut during = 0;
    for (at, answer) in &seen {
        let (status, body) = answer
            .as_ref()
            .unwrap_or_else(|e| panic!("the server stopped answering at {at:?}: {e}"));
        if *at < cut_at {
            assert_eq!(*status, 200, "before the outage: {body}");
        }
        assert_ne!(*status, 500, "a server error at {at:?}: {body}");
        if *status != 200 {
            assert_eq!(*status, 503, "{body}");
            assert!(
                body.contains("átmenetileg nem elérhető"),
                "the reason in Hungarian: {body}"
            );
        }
        // Well inside the outage nothing can be served.
        if *at > cut_at + Duration::from_millis(500) && *at < back_at {
            assert_eq!(*status, 503, "during the outage at {at:?}");
            during += 1;
        }
    }
    assert!(during > 10, "the outage was seen: {during} answers");
    eprintln!(
        "outage {:?}, served again {:?} after the database came back",
        back_at - cut_at,
        recovered - back_at
    );
}

/// A small disk of the test's own, mounted for the test and let go when it ends.
struct SmallDisk {
    path: std::path::PathBuf,
}

impl SmallDisk {
    /// `None` when the test cannot mount one (it is not run as root).
    fn mount(megabytes: u32) -> Option<SmallDisk> {
        let uid = Command::new("id").arg("-u").output().ok()?;
        if String::from_utf8_lossy(&uid.stdout).trim() != "0" {
            return None;
        }
        let path = std::env::temp_dir().join(format!("guildhall-disk-{}", Uuid::now_v7().simple()));
        std::fs::create_dir_all(&path).expect("a mount point");
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o"])
            .arg(format!("size={megabytes}m"))
            .arg("tmpfs")
            .arg(&path)
            .status()
            .is_ok_and(|s| s.success());
        assert!(
            ok,
            "as root, a small tmpfs can be mounted at {}",
            path.display()
        );
        Some(SmallDisk { path })
    }

    fn remount(&self, how: &str) {
        let ok = Command::new("mount")
            .args(["-o", &format!("remount,{how}")])
            .arg(&self.path)
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "remount {how}");
    }

    /// Writes a file until the disk is full.
    fn fill(&self) -> std::path::PathBuf {
        use std::io::Write as _;
        let filler = self.path.join("filler");
        let mut f = std::fs::File::create(&filler).expect("a filler file");
        let block = vec![0u8; 64 * 1024];
        while f.write_all(&block).and_then(|()| f.flush()).is_ok() {}
        let _ = f.sync_all();
        filler
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.path).status();
        let _ = std::fs::remove_dir(&self.path);
    }
}

/// The data folder's disk fills up: writes that need room are refused with a clear, translated
/// answer (507, never a 500, and a log that cannot be written does not stop the server),
/// nothing half-written is left, everything answered before is there, and once there is room
/// again the platform writes as before. On SQLite the database is on that disk too (its
/// write-ahead log, once grown, is reused, so small writes may still go through); on
/// PostgreSQL only the uploaded evidence is.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_disk_is_refused_cleanly_and_corrupts_nothing() {
    let Some(disk) = SmallDisk::mount(48) else {
        eprintln!("needs root to mount a small disk; skipped");
        return;
    };
    let t = TestApp::with_data_in(&disk.path).await;
    let cw = t.catalog_world().await;
    let p = t
        .published_programme(&cw, "FULL-1", "Workshop safety", &[])
        .await;
    let s = t.open_session(&cw, p, 500, |_| {}).await.0;
    let mut tokens = Vec::new();
    for i in 0..60 {
        let email = format!("full{i}@disk.example");
        t.person(
            &email,
            Some(cw.w.school),
            &[(Role::Learner, Some(cw.w.school))],
        )
        .await;
        tokens.push(t.token_for(&email).await);
    }
    // The log goes to the same disk, as a data folder's log would: a log that cannot be
    // written must not stop the server.
    let logs = t.db.dir();
    let server = Server::start_logging(&t, &logs, &logs).await;
    let http = client();
    let polish = |r: reqwest::RequestBuilder| r.header("accept-language", "pl");
    let mut answered: Vec<Uuid> = Vec::new();
    for token in &tokens[..20] {
        let b = sign_up(&http, &server.base, token, s)
            .await
            .unwrap_or_else(|e| panic!("room on the disk: {e}"));
        answered.push(
            b["id"]
                .as_str()
                .and_then(|x| x.parse().ok())
                .unwrap_or_default(),
        );
    }

    // Full.
    let filler = disk.fill();
    let mut refused = 0;
    for token in &tokens[20..40] {
        let r = polish(
            http.post(format!("{}/api/v1/sessions/{s}/enrolments", server.base))
                .bearer_auth(token),
        )
        .send()
        .await
        .expect("an answer, disk full or not");
        let status = r.status().as_u16();
        let body = r.text().await.unwrap_or_default();
        match status {
            201 => {
                let b: Value = serde_json::from_str(&body).expect("json");
                answered.push(
                    b["id"]
                        .as_str()
                        .and_then(|x| x.parse().ok())
                        .unwrap_or_default(),
                );
            }
            507 => {
                assert!(body.contains("dysk jest pełny"), "said in Polish: {body}");
                refused += 1;
            }
            other => panic!("{other} on a full disk: {body}"),
        }
    }
    // Evidence cannot be stored either, and no recognition is left without its file.
    let before = t.count("recognitions").await;
    let teacher = &tokens[59];
    let pdf = {
        let mut v = b"%PDF-1.4\n".to_vec();
        v.resize(256 * 1024, b' ');
        v
    };
    let boundary = "guildhall-fault-boundary";
    let mut form = Vec::new();
    for (k, v) in [
        ("kind", "training"),
        ("title", "Welding course abroad"),
        ("provider", "Elsewhere Ltd"),
        ("starts_on", "2026-01-10"),
        ("ends_on", "2026-01-12"),
        ("hours", "16"),
    ] {
        form.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    form.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"evidence\"; filename=\"certificate.pdf\"\r\nContent-Type: application/pdf\r\n\r\n"
        )
        .as_bytes(),
    );
    form.extend_from_slice(&pdf);
    form.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let r = polish(
        http.post(format!("{}/api/v1/me/recognitions", server.base))
            .bearer_auth(teacher)
            .header(
                "content-type",
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(form),
    )
    .send()
    .await
    .unwrap_or_else(|e| {
        panic!(
            "an answer to the upload: {e}\n{}",
            std::fs::read_to_string(logs.join("server.log")).unwrap_or_default()
        )
    });
    let status = r.status().as_u16();
    let body = r.text().await.unwrap_or_default();
    assert_eq!(status, 507, "evidence on a full disk: {body}");
    refused += 1;
    // The database's own file may still have room (its write-ahead log is reused once
    // written), so sign-ups may go through; the evidence file cannot.
    eprintln!("{refused} writes refused on the full disk");
    std::fs::remove_file(&filler).expect("make room");
    assert_eq!(
        t.count("recognitions").await,
        before,
        "nothing half-written"
    );

    // Room again: everything answered is there, the rest can sign up.
    for token in &tokens[20..40] {
        match sign_up(&http, &server.base, token, s).await {
            Ok(b) => answered.push(
                b["id"]
                    .as_str()
                    .and_then(|x| x.parse().ok())
                    .unwrap_or_default(),
            ),
            Err(e) if e.starts_with("409") && e.contains("already_signed_up") => {}
            Err(e) => panic!("after making room: {e}"),
        }
    }
    for id in &answered {
        assert!(
            guildhall_store::sessions::find_enrolment(t.app.db(), *id)
                .await
                .expect("read")
                .is_some(),
            "answered sign-up {id} is there"
        );
    }
    check_session(&t, s).await;

    for token in &tokens[40..50] {
        sign_up(&http, &server.base, token, s)
            .await
            .unwrap_or_else(|e| panic!("with room again: {e}"));
    }
    check_session(&t, s).await;
    if !t.db.is_postgres() {
        use sea_orm::ConnectionTrait;
        let row = t
            .app
            .db()
            .query_one_raw(sea_orm::Statement::from_string(
                t.app.db().get_database_backend(),
                "PRAGMA integrity_check".to_owned(),
            ))
            .await
            .expect("check")
            .expect("a row");
        let verdict: String = row.try_get_by_index(0).expect("a verdict");
        assert_eq!(verdict, "ok", "the database file is whole");
    }
    drop(server);
}

/// A data folder that cannot be written stops start-up with one clear line and a failing
/// exit code, not a panic and not a server that fails later.
#[tokio::test]
async fn a_read_only_data_folder_stops_start_up_with_a_clear_message() {
    let Some(disk) = SmallDisk::mount(8) else {
        eprintln!("needs root to mount a small disk; skipped");
        return;
    };
    disk.remount("ro");
    let out = Command::new(env!("CARGO_BIN_EXE_guildhall"))
        .args(["serve", "--listen", "127.0.0.1:0", "--data-dir"])
        .arg(&disk.path)
        .env_remove("GUILDHALL_DATABASE_URL")
        .output()
        .expect("run guildhall");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "it must not start: {err}");
    assert!(!err.contains("panicked"), "no panic: {err}");
    assert!(
        err.lines()
            .any(|l| l.starts_with("guildhall: ") && l.contains(&*disk.path.to_string_lossy())),
        "one line naming the folder: {err}"
    );
}
