//! End to end in a real browser: the release-shaped binary serving the demo data set, driven
//! through headless Chromium by ChromeDriver (Debian's `chromium` and `chromium-driver`;
//! `scripts/test` installs them when missing).
//!
//! A learner logs in, searches the catalogue, opens a programme and one of its sessions and
//! signs up, finds the training under "my trainings", switches the language through the
//! page's own buttons, and the main pages render in all four languages; a certificate's
//! public verify page says it is valid. Each main page is checked with axe-core (injected
//! from the npm package `scripts/test` fetches), and serious or critical violations fail the
//! test.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

const LEARNER: &str = "learner@guildhall.example";
const PASSWORD: &str = "guildhall-demo-2026";

/// A child process that is killed when the test ends, however it ends.
struct Proc(Child);

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

async fn wait_for(url: &str, what: &str) {
    let started = Instant::now();
    let http = reqwest::Client::new();
    loop {
        if http
            .get(url)
            .send()
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "{what} did not answer at {url}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// axe-core's script, from the npm package `scripts/test` installs.
fn axe_source() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let path = std::env::var_os("GUILDHALL_AXE_JS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target/npm/node_modules/axe-core/axe.min.js"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "axe-core is missing at {} ({e}); scripts/test installs it",
            path.display()
        )
    })
}

struct World {
    base: String,
    c: Client,
    axe: String,
    _server: Proc,
    _driver: Proc,
    _dir: PathBuf,
}

impl World {
    async fn start() -> World {
        let driver_bin =
            std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        assert!(
            Path::new(&driver_bin).exists(),
            "ChromeDriver is missing at {driver_bin}; scripts/test installs chromium and chromium-driver"
        );
        let dir = std::env::temp_dir().join(format!("guildhall-browser-{}", uuid_like()));
        std::fs::create_dir_all(&dir).expect("a data folder");
        let port = free_port();
        let base = format!("http://127.0.0.1:{port}");
        let log = std::fs::File::create(dir.join("server.log")).expect("a log file");
        let server = Proc(
            Command::new(env!("CARGO_BIN_EXE_guildhall"))
                .args(["serve", "--demo", "--listen"])
                .arg(format!("127.0.0.1:{port}"))
                .arg("--data-dir")
                .arg(&dir)
                .env_remove("GUILDHALL_DATABASE_URL")
                .env("RUST_LOG", "warn")
                .stdout(Stdio::null())
                .stderr(log)
                .spawn()
                .expect("start guildhall"),
        );
        let dport = free_port();
        let driver = Proc(
            Command::new(&driver_bin)
                .arg(format!("--port={dport}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("start chromedriver"),
        );
        wait_for(&format!("{base}/readyz"), "guildhall").await;
        wait_for(&format!("http://127.0.0.1:{dport}/status"), "chromedriver").await;
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            json!({ "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900"] }),
        );
        // Several TLS back ends are linked in; the driver is plain HTTP, but one must be chosen.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let c = ClientBuilder::rustls()
            .expect("a TLS setup")
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{dport}"))
            .await
            .expect("a browser session");
        World {
            base,
            c,
            axe: axe_source(),
            _server: server,
            _driver: driver,
            _dir: dir,
        }
    }

    async fn go(&self, path: &str) {
        self.c
            .goto(&format!("{}{path}", self.base))
            .await
            .unwrap_or_else(|e| panic!("open {path}: {e}"));
    }

    /// Clicks a submit button and waits until the page it leads to has loaded: a click
    /// returns as soon as the browser has it, before the new document is there.
    async fn submit(&self, button: fantoccini::elements::Element) {
        let old = self.c.find(Locator::Css("html")).await.expect("a document");
        button.click().await.expect("click");
        let started = Instant::now();
        // The old document's root goes stale once the next one replaces it.
        while old.tag_name().await.is_ok() {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "no new page after the click"
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        loop {
            let ready = self
                .c
                .execute("return document.readyState", vec![])
                .await
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned));
            if ready.as_deref() == Some("complete") {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "the new page did not finish loading"
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    async fn text(&self) -> String {
        self.c
            .find(Locator::Css("body"))
            .await
            .expect("a body")
            .text()
            .await
            .expect("its text")
    }

    async fn lang(&self) -> String {
        self.c
            .execute("return document.documentElement.lang", vec![])
            .await
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    /// Runs axe-core on the page; the serious and critical violations, one line each.
    async fn axe(&self) -> Vec<String> {
        self.c
            .execute(&format!("{}\nreturn true;", self.axe), vec![])
            .await
            .expect("axe-core loads");
        let found = self
            .c
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document).then(r => done({
                   passes: r.passes.length,
                   found: r.violations
                     .filter(v => v.impact === 'serious' || v.impact === 'critical')
                     .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))
                 }));",
                vec![],
            )
            .await
            .expect("axe-core runs");
        // Rules passed: axe-core looked at the page, so an empty list means something.
        assert!(
            found["passes"].as_u64().unwrap_or(0) > 10,
            "axe-core checked too little: {found}"
        );
        match &found["found"] {
            Value::Array(list) => list
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
            other => panic!("axe-core answered {other}"),
        }
    }
}

fn uuid_like() -> String {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!("{}-{t}", std::process::id())
}

#[tokio::test]
async fn a_learner_signs_up_in_the_browser_and_the_pages_pass_axe() {
    let w = World::start().await;
    let mut problems: Vec<String> = Vec::new();

    // Pages anyone sees.
    for path in ["/", "/catalogue", "/login", "/register"] {
        w.go(path).await;
        for v in w.axe().await {
            problems.push(format!("{path}: {v}"));
        }
    }

    // Log in through the form.
    w.go("/login").await;
    w.c.find(Locator::Css("input[name=email]"))
        .await
        .expect("an e-mail field")
        .send_keys(LEARNER)
        .await
        .expect("type");
    w.c.find(Locator::Css("input[name=password]"))
        .await
        .expect("a password field")
        .send_keys(PASSWORD)
        .await
        .expect("type");
    w.submit(
        w.c.find(Locator::Css("form[action='/login'] button[type=submit]"))
            .await
            .expect("a log-in button"),
    )
    .await;
    let url = w.c.current_url().await.expect("a page");
    assert!(!url.path().starts_with("/login"), "logged in: {url}");

    // Search, open a programme, then one of its sessions, and sign up. A session at the same
    // time as one the learner already holds is refused with a message; the next is tried.
    w.go("/catalogue?free_seats=true").await;
    let mut programmes = Vec::new();
    for a in
        w.c.find_all(Locator::Css("#results a[href^='/programmes/']"))
            .await
            .expect("programmes in the results")
    {
        let href = a.attr("href").await.ok().flatten().unwrap_or_default();
        let title = a.text().await.unwrap_or_default();
        if !programmes.iter().any(|(h, _)| *h == href) {
            programmes.push((href, title));
        }
    }
    assert!(!programmes.is_empty(), "the search finds programmes");
    let mut signed_up: Option<String> = None;
    'search: for (href, title) in programmes.iter().take(10) {
        w.go(href).await;
        if signed_up.is_none() && href == &programmes[0].0 {
            for v in w.axe().await {
                problems.push(format!("programme page: {v}"));
            }
        }
        let mut sessions = Vec::new();
        for a in
            w.c.find_all(Locator::Css("a[href^='/sessions/']"))
                .await
                .unwrap_or_default()
        {
            if let Ok(Some(h)) = a.attr("href").await {
                sessions.push(h);
            }
        }
        for s in sessions {
            w.go(&s).await;
            let Ok(button) =
                w.c.find(Locator::Css("form[action$='/enrol'] button[type=submit]"))
                    .await
            else {
                continue;
            };
            w.submit(button).await;
            // Signed up: the page now offers to cancel the place.
            if w.c
                .find(Locator::Css("form[action$='/cancel']"))
                .await
                .is_ok()
            {
                for v in w.axe().await {
                    problems.push(format!("session page: {v}"));
                }
                signed_up = Some(title.trim().to_owned());
                break 'search;
            }
        }
    }
    let title = signed_up.expect("a sign-up went through");
    w.go("/trainings").await;
    let mine = w.text().await;
    assert!(
        mine.contains(&title),
        "“{title}” under my trainings: {mine}"
    );
    for path in ["/trainings", "/compliance", "/certificates", "/ledger"] {
        w.go(path).await;
        for v in w.axe().await {
            problems.push(format!("{path}: {v}"));
        }
    }

    // The language buttons on the page itself.
    for (code, word) in [
        ("hu", "Képzéseim"),
        ("pl", "Moje szkolenia"),
        ("ru", "Моё обучение"),
        ("en", "My trainings"),
    ] {
        w.go("/catalogue").await;
        w.submit(
            w.c.find(Locator::Css(&format!("form.langs button[value='{code}']")))
                .await
                .expect("a language button"),
        )
        .await;
        assert_eq!(w.lang().await, code);
        for path in [
            "/",
            "/catalogue",
            "/trainings",
            "/compliance",
            "/certificates",
        ] {
            w.go(path).await;
            assert_eq!(w.lang().await, code, "{path} in {code}");
            let text = w.text().await;
            assert!(
                !text.contains("{ $") && !text.contains("err-"),
                "{path} in {code}: {text}"
            );
            // The menu speaks the language chosen.
            assert!(
                text.contains(word),
                "{path} in {code} names “{word}”: {text}"
            );
        }
    }

    // A certificate from the demo history verifies in public.
    w.go("/certificates").await;
    let link =
        w.c.find(Locator::Css("a[href^='/verify/']"))
            .await
            .expect("a verify link on a certificate");
    let href = link
        .attr("href")
        .await
        .expect("its address")
        .unwrap_or_default();
    w.submit(
        w.c.find(Locator::Css("form[action='/logout'] button"))
            .await
            .expect("a log-out button"),
    )
    .await;
    w.go(&href).await;
    let verify = w.text().await;
    assert!(
        verify.contains("Valid") || verify.contains("valid"),
        "{verify}"
    );
    for v in w.axe().await {
        problems.push(format!("{href}: {v}"));
    }

    assert!(
        problems.is_empty(),
        "serious or critical accessibility violations:\n{}",
        problems.join("\n")
    );
    let _ = w.c.clone().close().await;
}

/// A JSON API client against the browser test's server.
struct Api {
    base: String,
    http: reqwest::Client,
}

impl Api {
    async fn token(&self, email: &str) -> String {
        let r: Value = self
            .http
            .post(format!("{}/api/v1/auth/token", self.base))
            .json(&json!({ "email": email, "password": PASSWORD }))
            .send()
            .await
            .expect("a token")
            .json()
            .await
            .expect("json");
        r["token"].as_str().expect("a token").to_owned()
    }

    async fn get(&self, token: &str, path: &str) -> Value {
        self.http
            .get(format!("{}{path}", self.base))
            .bearer_auth(token)
            .send()
            .await
            .expect("an answer")
            .json()
            .await
            .expect("json")
    }

    async fn post(&self, token: &str, path: &str, body: Value) -> (u16, Value) {
        let r = self
            .http
            .post(format!("{}{path}", self.base))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .expect("an answer");
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(Value::Null))
    }
}

impl World {
    async fn fill(&self, css: &str, text: &str) {
        let field = self
            .c
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("a field {css}: {e}"));
        field.clear().await.expect("clear");
        field.send_keys(text).await.expect("type");
    }

    /// Chooses an option of a select by its value.
    async fn choose(&self, css: &str, value: &str) {
        self.c
            .find(Locator::Css(&format!("{css} option[value='{value}']")))
            .await
            .unwrap_or_else(|e| panic!("an option {value} in {css}: {e}"))
            .click()
            .await
            .expect("choose");
    }

    async fn press(&self, css: &str) {
        let button = self
            .c
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("a button {css}: {e}"));
        self.submit(button).await;
    }

    async fn log_in(&self, email: &str, password: &str) {
        self.go("/login").await;
        self.fill("input[name=email]", email).await;
        self.fill("input[name=password]", password).await;
        self.press("form[action='/login'] button[type=submit]")
            .await;
        let url = self.c.current_url().await.expect("a page");
        assert!(
            !url.path().starts_with("/login"),
            "{email} logged in: {url}"
        );
    }

    async fn log_out(&self) {
        self.press("form[action='/logout'] button").await;
    }
}

/// The text of the latest mail to `to`, as the server delivered it: without a mail server it
/// writes each message as an `.eml` file into the data folder's `mail/` folder.
async fn last_mail(dir: &Path, to: &str) -> String {
    let started = Instant::now();
    loop {
        let mut found: Vec<(std::time::SystemTime, String)> = Vec::new();
        if let Ok(entries) = std::fs::read_dir(dir.join("mail")) {
            for e in entries.flatten() {
                let Ok(text) = std::fs::read_to_string(e.path()) else {
                    continue;
                };
                if text.lines().any(|l| l.starts_with("To:") && l.contains(to)) {
                    let at = e
                        .metadata()
                        .and_then(|m| m.modified())
                        .unwrap_or(std::time::UNIX_EPOCH);
                    found.push((at, text));
                }
            }
        }
        found.sort_by_key(|f| f.0);
        if let Some((_, text)) = found.pop() {
            return eml_body(&text);
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "a mail to {to} was delivered"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The body of a delivered message, its transfer encoding undone as far as links need.
fn eml_body(eml: &str) -> String {
    let (head, body) = eml.split_once("\r\n\r\n").unwrap_or((eml, ""));
    if head
        .to_ascii_lowercase()
        .contains("content-transfer-encoding: base64")
    {
        use base64::Engine;
        let clean: String = body.chars().filter(|c| !c.is_whitespace()).collect();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(clean)
            .unwrap_or_default();
        return String::from_utf8_lossy(&bytes).into_owned();
    }
    body.replace("=\r\n", "").replace("=3D", "=")
}

/// The whole loop in the browser, each step by the person whose step it is: a new instructor
/// registers and confirms the address from the mail, signs up for a session that needs their
/// head's approval, the head approves, the trainer starts the session, records attendance and
/// finishes it, and the instructor downloads the certificate, whose public page says it is
/// valid. The pages of each step pass axe-core.
#[tokio::test]
async fn from_registration_to_a_verified_certificate() {
    let w = World::start().await;
    let api = Api {
        base: w.base.clone(),
        http: reqwest::Client::new(),
    };
    let mut problems: Vec<String> = Vec::new();

    // A session of a published programme of the demo provider, needing the head's approval.
    let provider = api.token("provider@guildhall.example").await;
    let admin = api.token("admin@guildhall.example").await;
    let trainer = api.token("trainer@guildhall.example").await;
    let trainer_id = api.get(&trainer, "/api/v1/me").await["id"]
        .as_str()
        .expect("the trainer")
        .to_owned();
    let programmes = api.get(&provider, "/api/v1/programmes?per_page=50").await;
    let day = chrono::Utc::now().date_naive() + chrono::Duration::days(45);
    let mut session = None;
    for p in programmes["items"].as_array().expect("programmes") {
        let id = p["id"].as_str().unwrap_or_default();
        let (status, body) = api
            .post(
                &provider,
                &format!("/api/v1/programmes/{id}/sessions"),
                json!({
                    "meetings": [{ "day": day, "starts": "09:00", "ends": "15:00", "place": "Room 4" }],
                    "trainers": [trainer_id],
                    "capacity": 5,
                    "requires_approval": true,
                    "language": "en",
                }),
            )
            .await;
        if status == 201 {
            session = body["id"].as_str().map(str::to_owned);
            break;
        }
    }
    let session = session.expect("a session of one of the provider's programmes");
    let school = api.get(&admin, "/api/v1/organisations").await["items"]
        .as_array()
        .expect("organisations")
        .iter()
        .find(|o| o["code"] == "HU-KM-BGSZC")
        .and_then(|o| o["id"].as_str())
        .expect("the demo school")
        .to_owned();

    // Registration and the confirmation mail.
    let email = format!("new.instructor.{}@school.example", uuid_like());
    let password = "Kettlebell-Orchard-2026!";
    w.go("/register").await;
    for v in w.axe().await {
        problems.push(format!("/register: {v}"));
    }
    w.fill("#f-name", "Tóth Benedek").await;
    w.fill("#f-email", &email).await;
    w.fill("#f-password", password).await;
    w.choose("#f-category", "instructor").await;
    w.choose("#f-organisation", &school).await;
    w.choose("#f-lang", "en").await;
    w.press("form[action='/register'] button[type=submit]")
        .await;
    let body = last_mail(&w._dir, &email).await;
    let link = body
        .split_whitespace()
        .find(|t| t.starts_with(&w.base) && t.contains("/confirm/"))
        .unwrap_or_else(|| panic!("a confirmation link in {body}"))
        .to_owned();
    // The link opens a page whose button confirms the address.
    w.c.goto(&link).await.expect("open the link");
    w.press("form[action^='/confirm/'] button[type=submit]")
        .await;

    // The head accepts the newcomer into the school.
    w.log_in("head@guildhall.example", PASSWORD).await;
    w.go("/people/requests").await;
    for v in w.axe().await {
        problems.push(format!("/people/requests: {v}"));
    }
    w.press("form[action$='/accept'] button").await;
    w.log_out().await;
    w.log_in(&email, password).await;

    // Sign-up: the seat is held, waiting for the head.
    w.go(&format!("/sessions/{session}")).await;
    w.press("form[action$='/enrol'] button[type=submit]").await;
    assert!(
        w.text().await.contains("approval"),
        "waiting for approval: {}",
        w.text().await
    );
    w.log_out().await;

    let enrolments = api
        .get(&provider, &format!("/api/v1/sessions/{session}/enrolments"))
        .await;
    let enrolment = enrolments["items"][0]["id"]
        .as_str()
        .expect("the sign-up")
        .to_owned();
    assert_eq!(enrolments["items"][0]["status"], "pending_approval");

    // The head approves.
    w.log_in("head@guildhall.example", PASSWORD).await;
    w.go("/approvals").await;
    for v in w.axe().await {
        problems.push(format!("/approvals: {v}"));
    }
    w.press(&format!(
        "form[action='/enrolments/{enrolment}/approve'] button"
    ))
    .await;
    w.log_out().await;
    let enrolments = api
        .get(&provider, &format!("/api/v1/sessions/{session}/enrolments"))
        .await;
    assert_eq!(enrolments["items"][0]["status"], "confirmed");

    // The day of the session comes (its meeting moves to yesterday in the server's
    // database), and the trainer starts it, records attendance and finishes it.
    {
        let url = format!("sqlite://{}?mode=rw", w._dir.join("guildhall.db").display());
        let db = guildhall_store::connect(&guildhall_store::ConnectConfig::new(&url))
            .await
            .expect("the server's database");
        guildhall_testkit::meetings_took_place(&db, session.parse().expect("an id")).await;
        let _ = db.close().await;
    }
    w.log_in("trainer@guildhall.example", PASSWORD).await;
    w.go(&format!("/sessions/{session}")).await;
    w.press(&format!(
        "form[action='/sessions/{session}/state/start'] button"
    ))
    .await;
    for v in w.axe().await {
        problems.push(format!("the trainer's session page: {v}"));
    }
    let selects =
        w.c.find_all(Locator::Css(&format!("select[id^='a_{enrolment}_']")))
            .await
            .expect("attendance fields");
    assert!(!selects.is_empty(), "a field per meeting");
    for s in &selects {
        let id = s.attr("id").await.ok().flatten().unwrap_or_default();
        w.choose(&format!("#{id}"), "present").await;
    }
    // Where the programme has an assessment, it is passed.
    if w.c
        .find(Locator::Css(&format!("#x_{enrolment}")))
        .await
        .is_ok()
    {
        w.choose(&format!("#x_{enrolment}"), "pass").await;
    }
    w.press("#attendance-save").await;
    let finish =
        w.c.find(Locator::Css(&format!(
            "form[action='/sessions/{session}/state/finish'] button"
        )))
        .await;
    let finish = match finish {
        Ok(b) => b,
        Err(e) => panic!("a finish button ({e}) on {}", w.text().await),
    };
    let old = w.c.find(Locator::Css("html")).await.expect("a document");
    finish.click().await.expect("finish");
    // Finishing asks to be sure.
    w.c.accept_alert().await.expect("confirm finishing");
    let started = Instant::now();
    while old.tag_name().await.is_ok() {
        assert!(started.elapsed() < Duration::from_secs(30), "finished");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    w.log_out().await;

    // The instructor's certificate: a PDF, and a public page that says it is valid.
    w.log_in(&email, password).await;
    w.go("/certificates").await;
    for v in w.axe().await {
        problems.push(format!("/certificates: {v}"));
    }
    let pdf = match w.c.find(Locator::Css("a[href$='/pdf']")).await {
        Ok(a) => a,
        Err(e) => panic!("a PDF link ({e}) on {}", w.text().await),
    }
    .attr("href")
    .await
    .expect("its address")
    .unwrap_or_default();
    let fetched =
        w.c.execute_async(
            "const done = arguments[arguments.length - 1];
             fetch(arguments[0]).then(async r => {
               const b = new Uint8Array(await r.arrayBuffer());
               done({ status: r.status, type: r.headers.get('content-type'),
                      head: String.fromCharCode(...b.slice(0, 5)), size: b.length });
             }).catch(e => done({ error: String(e) }));",
            vec![json!(pdf)],
        )
        .await
        .expect("download the certificate");
    assert_eq!(fetched["status"], 200, "{fetched}");
    assert_eq!(fetched["type"], "application/pdf", "{fetched}");
    assert_eq!(fetched["head"], "%PDF-", "{fetched}");
    let verify =
        w.c.find(Locator::Css("a[href^='/verify/']"))
            .await
            .expect("a verify link")
            .attr("href")
            .await
            .expect("its address")
            .unwrap_or_default();
    w.log_out().await;
    w.go(&verify).await;
    let text = w.text().await;
    assert!(text.contains("Valid") || text.contains("valid"), "{text}");
    assert!(text.contains("Tóth Benedek"), "the holder's name: {text}");
    for v in w.axe().await {
        problems.push(format!("{verify}: {v}"));
    }
    assert!(
        problems.is_empty(),
        "serious or critical accessibility violations:\n{}",
        problems.join("\n")
    );
    let _ = w.c.clone().close().await;
}

/// Written into fields, shown back on pages: every way a stored value could become markup
/// or script if it were not escaped.
const XSS: &str = r#"X<script>window.__xss=1</script>"><img src=x onerror=window.__xss=1>'<svg onload=window.__xss=1>"#;

impl Api {
    async fn patch(&self, token: &str, path: &str, body: Value) -> (u16, Value) {
        let r = self
            .http
            .patch(format!("{}{path}", self.base))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .expect("an answer");
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(Value::Null))
    }
}

/// Stored cross-site scripting: a corpus of markup and script is written into every kind of
/// field people write (a person's name, an organisation's names, a programme's texts, a
/// session's note and link, a leave's reason, a search), and the pages that show them are
/// opened in Chromium: the text is shown as text, and no script of it runs.
#[tokio::test]
async fn stored_markup_is_shown_as_text_and_never_runs() {
    let w = World::start().await;
    let api = Api {
        base: w.base.clone(),
        http: reqwest::Client::new(),
    };
    let admin = api.token("admin@guildhall.example").await;
    let provider = api.token("provider@guildhall.example").await;
    let head = api.token("head@guildhall.example").await;
    let learner = api.token(LEARNER).await;
    let mut stored: Vec<&str> = Vec::new();

    // A person's name.
    let (status, me) = api
        .patch(
            &learner,
            "/api/v1/me",
            json!({ "name": XSS, "language": "en", "category": "instructor" }),
        )
        .await;
    assert_eq!(status, 200, "{me}");
    stored.push("person name");
    let learner_id = me["id"].as_str().expect("an id").to_owned();

    // An organisation's names.
    let orgs = api.get(&admin, "/api/v1/organisations").await;
    let orgs = orgs["items"].as_array().expect("organisations").clone();
    let region = orgs
        .iter()
        .find(|o| o["code"] == "HU-KM")
        .and_then(|o| o["id"].as_str())
        .expect("a region")
        .to_owned();
    let names = json!({ "hu": XSS, "pl": XSS, "ru": XSS, "en": XSS });
    let (status, org) = api
        .post(
            &admin,
            "/api/v1/organisations",
            json!({ "parent": region, "kind": "institution", "code": "HU-KM-XSS", "names": names }),
        )
        .await;
    assert_eq!(status, 201, "{org}");
    stored.push("organisation names");
    let org = org["id"].as_str().expect("an id").to_owned();

    // A programme's texts.
    let provider_org = orgs
        .iter()
        .find(|o| o["code"] == "HU-IKK")
        .and_then(|o| o["id"].as_str())
        .expect("the provider")
        .to_owned();
    let (status, programme) = api
        .post(
            &provider,
            "/api/v1/programmes",
            json!({
                "code": "HU-XSS-001",
                "provider": provider_org,
                "title": names, "description": names, "outcomes": names, "prerequisites": names,
                "hours": 8, "format": "in_person", "delivery_language": "en",
                "categories": ["instructor"], "competences": ["DIGCOMPEDU:1.3"],
                "licence": "educational_attribution",
            }),
        )
        .await;
    assert_eq!(status, 201, "{programme}");
    stored.push("programme texts");
    let programme = programme["id"].as_str().expect("an id").to_owned();

    // A session's note and link, on a published programme.
    let trainer_id = api
        .get(&api.token("trainer@guildhall.example").await, "/api/v1/me")
        .await["id"]
        .as_str()
        .expect("the trainer")
        .to_owned();
    let day = chrono::Utc::now().date_naive() + chrono::Duration::days(50);
    let published = api.get(&provider, "/api/v1/programmes?per_page=50").await;
    let mut session = None;
    let mut last = String::new();
    for p in published["items"].as_array().expect("programmes") {
        let id = p["id"].as_str().unwrap_or_default();
        let (status, body) = api
            .post(
                &provider,
                &format!("/api/v1/programmes/{id}/sessions"),
                json!({
                    "meetings": [{ "day": day, "starts": "09:00", "ends": "12:00",
                                   "place": XSS, "online_link": "javascript:window.__xss=1" }],
                    "trainers": [trainer_id], "capacity": 5, "note": XSS,
                }),
            )
            .await;
        if status == 201 {
            session = body["id"].as_str().map(str::to_owned);
            stored.push("session note and place");
            break;
        }
        if status != 403 {
            last = body.to_string();
        }
        // A link that is not a web address is refused as bad input.
        if status == 422 && body.to_string().contains("link_invalid_url") {
            let (status, body) = api
                .post(
                    &provider,
                    &format!("/api/v1/programmes/{id}/sessions"),
                    json!({
                        "meetings": [{ "day": day, "starts": "09:00", "ends": "12:00", "place": XSS }],
                        "trainers": [trainer_id], "capacity": 5, "note": XSS,
                    }),
                )
                .await;
            if status == 201 {
                session = body["id"].as_str().map(str::to_owned);
                stored.push("session note and place");
                break;
            }
            last = format!("{last} / {body}");
        }
    }
    let session = session.unwrap_or_else(|| panic!("a session: {last}"));

    // A leave's reason, by the learner's head.
    let (status, body) = api
        .post(
            &head,
            &format!("/api/v1/people/{learner_id}/leaves"),
            json!({ "starts_on": "2025-01-01", "ends_on": "2025-02-01", "reason": XSS }),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    stored.push("leave reason");

    // Every page that shows them, as someone who may see it.
    let q: String = form_urlencoded_like(XSS);
    let pages: Vec<(&str, &str, Vec<String>)> = vec![
        (
            "admin@guildhall.example",
            "administrator",
            vec![
                "/people".into(),
                format!("/people/{learner_id}"),
                "/organisations".into(),
                format!("/organisations/{org}"),
                "/admin/audit".into(),
            ],
        ),
        (
            "provider@guildhall.example",
            "provider",
            vec![
                format!("/programmes/{programme}"),
                format!("/sessions/{session}"),
                "/programmes/mine".into(),
            ],
        ),
        (
            "head@guildhall.example",
            "head",
            vec![
                format!("/people/{learner_id}/compliance"),
                format!("/catalogue?q={q}"),
            ],
        ),
    ];
    let mut shown = 0;
    for (email, who, paths) in &pages {
        w.log_in(email, PASSWORD).await;
        for path in paths {
            w.go(path).await;
            let ran = w
                .c
                .execute(
                    "return { ran: window.__xss !== undefined,
                              injected: document.querySelectorAll('img[src=\"x\"], svg[onload], script:not([src])').length };",
                    vec![],
                )
                .await
                .expect("look at the page");
            assert_eq!(ran["ran"], false, "a stored script ran on {path} ({who})");
            assert_eq!(
                ran["injected"], 0,
                "stored markup became elements on {path} ({who})"
            );
            if w.text().await.contains("<script>window.__xss=1</script>") {
                shown += 1;
            }
            // A link made of stored text never runs script.
            let links =
                w.c.find_all(Locator::Css("a[href^='javascript:']"))
                    .await
                    .unwrap_or_default();
            assert!(links.is_empty(), "a javascript: link on {path}");
        }
        w.log_out().await;
    }
    assert!(
        shown >= 6,
        "the corpus is shown as text on the pages ({shown}); stored in: {stored:?}"
    );
    let _ = w.c.clone().close().await;
}

/// Percent-encodes a query value (no dependency for one test).
fn form_urlencoded_like(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
