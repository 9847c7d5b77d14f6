//! Account and record integrity. Each test is named after what it prevents.

use chrono::Duration;
use guildhall_domain::identity::Role;
use guildhall_testkit::{Client, PASSWORD, TestApp};
use serde_json::{Value, json};

use super::sessions::{learners, session_with};

const BOUNDARY: &str = "integrity-boundary";

/// A multipart body whose parts come in the given order.
fn multipart(fields: &[(&str, &str)], file: Option<(&str, &[u8])>) -> Vec<u8> {
    let mut out = Vec::new();
    for (k, v) in fields {
        out.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    if let Some((name, bytes)) = file {
        out.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"e.pdf\"\r\nContent-Type: application/pdf\r\n\r\n")
                .as_bytes(),
        );
        out.extend_from_slice(bytes);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    out
}

fn recognition_fields() -> Vec<(&'static str, String)> {
    let day = (chrono::Utc::now() - Duration::days(3))
        .date_naive()
        .to_string();
    vec![
        ("kind", "training".to_owned()),
        ("title", "Outside course".to_owned()),
        ("provider", "Elsewhere".to_owned()),
        ("starts_on", day.clone()),
        ("ends_on", day),
        ("hours", "40".to_owned()),
    ]
}

const PDF: &[u8] = b"%PDF-1.4\n% evidence\n";

/// The token in a reset or confirmation link.
fn token_of(link: &str) -> String {
    link.rsplit('/').next().unwrap_or_default().to_owned()
}

// ---- 1. secrets in mail ----

#[tokio::test]
async fn a_stolen_api_token_cannot_become_the_password() {
    let t = TestApp::new().await;
    let w = t.world().await;
    let victim = t
        .person(
            "victim@x.org",
            Some(w.school),
            &[(Role::Learner, Some(w.school))],
        )
        .await;
    let admin = t.platform_admin().await;
    let stolen = t.bearer(&victim.email).await;
    let browser = t.login(&victim.email).await;

    // The thief asks for a reset link and looks for it everywhere they can read.
    let r = stolen
        .post_json(
            "/api/v1/auth/password-reset",
            &json!({ "email": victim.email }),
        )
        .await;
    assert_eq!(r.status, 202);
    let export = stolen.get_json("/api/v1/me/export").await;
    assert_eq!(export.status, 200);
    assert!(
        !export.text.contains("/password/reset/"),
        "the export holds a live reset link"
    );
    assert!(
        export.json()["messages"]
            .as_array()
            .is_some_and(|m| !m.is_empty())
    );
    let outbox = t
        .bearer(&admin.email)
        .await
        .get_json("/api/v1/outbox")
        .await;
    assert_eq!(outbox.status, 200);
    assert!(
        !outbox.text.contains("/password/reset/"),
        "the outbox shows a live link"
    );
    let stored = t
        .last_outbox_row(&victim.email)
        .await
        .expect("the reset mail");
    assert!(!stored.body.contains("/password/reset/"));
    assert!(
        stored
            .secret_body
            .as_deref()
            .is_some_and(|b| b.contains("/password/reset/")),
        "the message to deliver keeps its link until delivery"
    );

    // The owner uses the link: every token and session of theirs ends.
    let link = t.link_in(&t.last_mail_to(&victim.email).await.expect("mail").body);
    let r = t
        .client()
        .post_json(
            "/api/v1/auth/password-reset/complete",
            &json!({ "token": token_of(&link), "password": "the owner's new passphrase" }),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json()["tokens_revoked"], 1);
    assert_eq!(r.json()["sessions_ended"], 1);
    assert_eq!(stolen.get_json("/api/v1/me").await.status, 401);
    assert_eq!(browser.get("/profile").await.status, 303);
}

#[tokio::test]
async fn an_older_link_stops_working_when_a_newer_one_is_sent() {
    let t = TestApp::new().await;
    t.person("links@x.org", None, &[]).await;
    let c = t.client();
    let mut links = Vec::new();
    for _ in 0..2 {
        c.post_form("/password/forgot", &[("email", "links@x.org")])
            .await;
        links.push(t.link_in(&t.last_mail_to("links@x.org").await.expect("mail").body));
    }
    assert_ne!(links[0], links[1]);
    assert_eq!(c.get(&links[0]).await.status, 400, "the older link is void");
    let set = |link: String| {
        let c = &c;
        async move {
            c.post_form(
                &link,
                &[
                    ("password", "a fresh passphrase here"),
                    ("password_again", "a fresh passphrase here"),
                ],
            )
            .await
            .status
        }
    };
    assert_eq!(set(links[0].clone()).await, 400);
    assert_eq!(set(links[1].clone()).await, 303);
    assert_eq!(set(links[1].clone()).await, 400, "a link works once");

    // The same for confirmation links.
    let r = c
        .post_form(
            "/register",
            &[
                ("name", "Nowak Ewa"),
                ("email", "ewa@x.org"),
                ("password", "wiosenny deszcz pada"),
                ("category", "instructor"),
            ],
        )
        .await;
    assert_eq!(r.status, 303);
    let first = t.link_in(&t.last_mail_to("ewa@x.org").await.expect("mail").body);
    c.post_form("/confirm", &[("email", "ewa@x.org")]).await;
    let second = t.link_in(&t.last_mail_to("ewa@x.org").await.expect("mail").body);
    assert_ne!(first, second);
    assert_eq!(c.post_form(&first, &[]).await.status, 400);
    assert_eq!(c.post_form(&second, &[]).await.status, 303);
}

#[tokio::test]
async fn a_password_change_leaves_no_other_door_open() {
    let t = TestApp::new().await;
    t.person("change@x.org", None, &[]).await;
    let elsewhere = t.login("change@x.org").await;
    let token = t.bearer("change@x.org").await;
    let here = t.login("change@x.org").await;
    let r = here
        .post_form(
            "/profile/password",
            &[
                ("current_password", PASSWORD),
                ("password", "a much better passphrase"),
                ("password_again", "a much better passphrase"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text);
    let page = here.get(&r.location()).await;
    assert_eq!(page.status, 200, "the session it was changed from stays");
    assert!(
        page.text.contains("API tokens were revoked"),
        "the page says so"
    );
    assert_eq!(elsewhere.get("/profile").await.status, 303);
    assert_eq!(token.get_json("/api/v1/me").await.status, 401);
    let mail = t.last_mail_to("change@x.org").await.expect("a mail");
    assert_eq!(mail.subject, "Your password was changed");
    assert!(
        mail.body.contains("1 other sessions were logged out")
            || mail.body.contains("One other session was logged out"),
        "{}",
        mail.body
    );
    assert!(
        mail.body.contains("one API token was revoked"),
        "{}",
        mail.body
    );
}

#[tokio::test]
async fn delivered_mail_leaves_no_secret_in_the_database() {
    let t = TestApp::new().await;
    t.person("deliver@x.org", None, &[]).await;
    let (stop, rx) = tokio::sync::watch::channel(false);
    let app = t.app.clone();
    let worker = tokio::spawn(async move { app.run_mail_worker(None, rx).await });
    t.client()
        .post_form("/password/forgot", &[("email", "deliver@x.org")])
        .await;
    let mut row = None;
    for _ in 0..100 {
        let r = t.last_outbox_row("deliver@x.org").await.expect("the mail");
        if r.status == "sent" {
            row = Some(r);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let _ = stop.send(true);
    let _ = worker.await;
    let row = row.expect("the mail was delivered");
    assert_eq!(row.secret_body, None, "the secret left the database");
    assert!(!row.body.contains("/password/reset/"));
    let file = t.app.mail_folder().join(format!("{}.eml", row.id));
    let eml = std::fs::read_to_string(&file).expect("the delivered message");
    // Quoted-printable may wrap long lines with soft breaks.
    let unwrapped = eml.replace("=\r\n", "");
    assert!(
        unwrapped.contains("/password/reset/"),
        "the delivered message holds the link: {eml}"
    );
}

// ---- 2. completion follows time ----

#[tokio::test]
async fn training_cannot_be_completed_before_it_happened() {
    let t = TestApp::new().await;
    let cw = t.catalog_world().await;
    let s = session_with(&t, &cw, 5, |_| {}).await;
    let people = learners(&t, &cw, 1, "early").await;
    let e = people[0]
        .1
        .post_empty(&format!("/api/v1/sessions/{s}/enrolments"))
        .await
        .json()["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let trainer = t.bearer(&cw.trainer.email).await;
    let meetings: Vec<String> = trainer
        .get_json(&format!("/api/v1/sessions/{s}"))
        .await
        .json()["meetings"]
        .as_array()
        .expect("meetings")
        .iter()
        .map(|m| m["id"].as_str().unwrap_or_default().to_owned())
        .collect();
    let mark = |m: usize| json!({ "marks": [{ "enrolment": e, "meeting": meetings[m], "status": "present" }] });
    let attend = |m: usize| {
        let trainer = &trainer;
        let body = mark(m);
        let s = s.clone();
        async move {
            trainer
                .post_json(&format!("/api/v1/sessions/{s}/attendance"), &body)
                .await
        }
    };
    let finish = || {
        let trainer = &trainer;
        let s = s.clone();
        async move {
            trainer
                .post_empty(&format!("/api/v1/sessions/{s}/finish"))
                .await
        }
    };
    assert_eq!(
        trainer
            .post_empty(&format!("/api/v1/sessions/{s}/start"))
            .await
            .status,
        200
    );
    let r = attend(0).await;
    assert_eq!(r.status, 422, "{}", r.text);
    assert_eq!(r.json()["fields"][0]["code"], "meeting_not_begun");
    let r = finish().await;
    assert_eq!(r.status, 409);
    assert_eq!(r.code(), "session_not_over");

    // The first meeting (09:00 in seven days) has begun, the second (the next day) has not.
    t.app
        .clock()
        .advance(Duration::days(7) + Duration::hours(10));
    assert_eq!(attend(0).await.status, 200);
    assert_eq!(attend(1).await.status, 422);
    assert_eq!(finish().await.code(), "session_not_over");
    // The page refuses the same.
    let page = t.login(&cw.trainer.email).await;
    let r = page
        .post_form(&format!("/sessions/{s}/state/finish"), &[])
        .await;
    assert_eq!(r.status, 409, "{}", r.text);
    assert_eq!(t.count("certificates").await, 0);
    assert_eq!(t.count("ledger_entries").await, 0);

    t.app.clock().advance(Duration::days(1));
    assert_eq!(attend(1).await.status, 200);
    assert_eq!(finish().await.status, 200);
    let today = t.app.local_now().date();
    let certs = {
        use sea_orm::EntityTrait;
        guildhall_store::entities::certificate::Entity::find()
            .all(t.app.db())
            .await
            .expect("read")
    };
    assert_eq!(certs.len(), 1);
    assert!(certs[0].completed_on <= today, "never dated in the future");
    assert!(certs[0].issued_at <= t.app.now());
}

// ---- 3. separation of duties ----

#[tokio::test]
async fn nobody_decides_their_own_matters_through_a_puppet_account() {
    let t = TestApp::new().await;
    let cw = t.catalog_world().await;
    let w = &cw.w;
    let coord = t
        .person(
            "coord@x.org",
            Some(w.school),
            &[
                (Role::Learner, Some(w.school)),
                (Role::RegionalCoordinator, Some(w.region)),
            ],
        )
        .await;
    let coord_api = t.bearer(&coord.email).await;

    // The coordinator makes an account for a puppet and makes it the school's head.
    let r = coord_api
        .post_json(
            "/api/v1/people",
            &json!({ "email": "puppet@x.org", "name": "Puppet", "category": "instructor", "organisations": [w.school.0] }),
        )
        .await;
    assert_eq!(r.status, 202, "{}", r.text);
    let link = t.link_in(
        &t.last_mail_to("puppet@x.org")
            .await
            .expect("invitation")
            .body,
    );
    let r = t
        .client()
        .post_form(
            &link,
            &[("password", PASSWORD), ("password_again", PASSWORD)],
        )
        .await;
    assert_eq!(r.status, 303);
    let puppet = t.bearer("puppet@x.org").await;
    let invitation = puppet.get_json("/api/v1/me/invitations").await.json()[0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    puppet
        .post_empty(&format!("/api/v1/membership-requests/{invitation}/accept"))
        .await;
    let list = coord_api.get_json("/api/v1/people?q=puppet").await.json();
    let puppet_id = list["items"][0]["id"]
        .as_str()
        .expect("the puppet")
        .to_owned();
    let r = coord_api
        .post_json(
            &format!("/api/v1/people/{puppet_id}/roles"),
            &json!({ "role": "institution_head", "organisation": w.school.0 }),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);

    // The coordinator's own recognition and sign-up.
    let fields = recognition_fields();
    let parts: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = coord_api
        .post_raw_auth(
            "/api/v1/me/recognitions",
            &format!("multipart/form-data; boundary={BOUNDARY}"),
            multipart(&parts, Some(("evidence", PDF))),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let recognition = r.json()["id"].as_str().unwrap_or_default().to_owned();
    let r = puppet
        .post_empty(&format!("/api/v1/recognitions/{recognition}/approve"))
        .await;
    assert_eq!(r.status, 403, "{}", r.text);
    assert_eq!(r.code(), "decision_goes_up");

    let s = session_with(&t, &cw, 5, |i| i.requires_approval = true).await;
    let r = coord_api
        .post_empty(&format!("/api/v1/sessions/{s}/enrolments"))
        .await;
    assert_eq!(r.json()["status"], "pending_approval", "{}", r.text);
    let enrolment = r.json()["id"].as_str().unwrap_or_default().to_owned();
    let queue = puppet.get_json("/api/v1/approvals").await;
    assert!(
        !queue.text.contains(&enrolment),
        "the puppet's list does not offer it: {}",
        queue.text
    );
    let queue = puppet.get_json("/api/v1/recognitions").await;
    assert!(!queue.text.contains(&recognition), "nor the recognition");
    let r = puppet
        .post_empty(&format!("/api/v1/enrolments/{enrolment}/approve"))
        .await;
    assert_eq!(r.status, 403);
    assert_eq!(r.code(), "decision_goes_up");
    // Alone, the coordinator is refused too.
    let r = coord_api
        .post_empty(&format!("/api/v1/enrolments/{enrolment}/approve"))
        .await;
    assert!(matches!(r.status, 403 | 404), "{}", r.text);
    // The request went to the independent head, not to the puppet.
    let asked = |email: &str| {
        let t = &t;
        let email = email.to_owned();
        async move {
            use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
            guildhall_store::entities::outbox::Entity::find()
                .filter(guildhall_store::entities::outbox::Column::ToAddress.eq(email))
                .all(t.app.db())
                .await
                .expect("read")
                .iter()
                .any(|m| m.subject.starts_with("Sign-up to approve"))
        }
    };
    assert!(asked(&cw.head.email).await, "the real head is asked");
    assert!(!asked("puppet@x.org").await, "the puppet is not asked");
    // The next level decides, and the audit entry names its authority.
    let head = t.bearer(&cw.head.email).await;
    let r = head
        .post_empty(&format!("/api/v1/enrolments/{enrolment}/approve"))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let entry = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        guildhall_store::entities::audit_entry::Entity::find()
            .filter(guildhall_store::entities::audit_entry::Column::Action.eq("enrolment.approve"))
            .one(t.app.db())
            .await
            .expect("read")
            .expect("the entry")
    };
    let details: Value = serde_json::from_str(&entry.details).expect("json");
    assert_eq!(details["authority"]["role"], "institution_head");
    assert_eq!(details["authority"]["delegated"], false);
}

// ---- 4. redirects ----

#[tokio::test]
async fn log_in_never_sends_anyone_off_the_site() {
    let t = TestApp::new().await;
    t.person("next@x.org", None, &[]).await;
    for next in [
        "/\t/evil.example",
        "/%09/evil.example",
        "/\n/x",
        "/%0A/x",
        "//evil.example",
        "/\\evil.example",
        "https://evil.example/",
    ] {
        let c = t.client();
        let r = c
            .post_form(
                "/login",
                &[
                    ("email", "next@x.org"),
                    ("password", PASSWORD),
                    ("next", next),
                ],
            )
            .await;
        assert_eq!(r.status, 303, "{next:?}: {}", r.text);
        assert_eq!(r.location(), "/", "{next:?}");
        // Signed in, the log-in page sends them on: home, too.
        let r = c.get(&format!("/login?next={}", urlencode(next))).await;
        assert_eq!((r.status, r.location().as_str()), (303, "/"), "{next:?}");
    }
    let c = t.client();
    let r = c
        .post_form(
            "/login",
            &[
                ("email", "next@x.org"),
                ("password", PASSWORD),
                ("next", "/catalogue?q=a%20b"),
            ],
        )
        .await;
    assert_eq!(r.location(), "/catalogue?q=a%20b");
}

fn urlencode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

// ---- 5. enumeration and lock-out ----

#[tokio::test]
async fn answers_do_not_tell_who_has_an_account() {
    let t = TestApp::new().await;
    let w = t.world().await;
    t.person(
        "known@x.org",
        Some(w.other_school),
        &[(Role::Learner, Some(w.other_school))],
    )
    .await;
    t.person(
        "colleague@x.org",
        Some(w.school),
        &[(Role::Learner, Some(w.school))],
    )
    .await;
    let c = t.client();
    let reg = |email: &str| json!({ "name": "Someone", "email": email, "password": "a long enough passphrase", "category": "instructor" });
    let new = c
        .post_json("/api/v1/registrations", &reg("fresh@x.org"))
        .await;
    let known = c
        .post_json("/api/v1/registrations", &reg("known@x.org"))
        .await;
    assert_eq!(
        (new.status, new.text.clone()),
        (known.status, known.text.clone())
    );
    assert_eq!(new.status, 202);
    let told = t
        .last_mail_to("known@x.org")
        .await
        .expect("the owner is told");
    assert_eq!(told.subject, "Someone tried to register with your address");
    // Logging in with the password just registered answers alike too: for the new address
    // (not confirmed) as for the taken one (a wrong password).
    let c1 = t.client();
    c1.from_address("10.7.0.1");
    let fresh = c1
        .post_json(
            "/api/v1/auth/token",
            &json!({ "email": "fresh@x.org", "password": "a long enough passphrase" }),
        )
        .await;
    let taken = c1
        .post_json(
            "/api/v1/auth/token",
            &json!({ "email": "known@x.org", "password": "a long enough passphrase" }),
        )
        .await;
    assert_eq!((fresh.status, fresh.code()), (taken.status, taken.code()));
    assert_eq!(fresh.status, 401);

    // Log-in: a wrong password and an unknown address answer alike, limits included.
    for email in ["known@x.org", "nobody@x.org"] {
        let c = t.client();
        c.from_address(if email == "nobody@x.org" {
            "10.0.0.2"
        } else {
            "10.0.0.1"
        });
        let mut statuses = Vec::new();
        for _ in 0..6 {
            let r = c
                .post_json(
                    "/api/v1/auth/token",
                    &json!({ "email": email, "password": "not it at all" }),
                )
                .await;
            statuses.push((r.status, r.code()));
        }
        assert_eq!(
            statuses,
            [
                (401, "invalid_credentials".to_owned()),
                (401, "invalid_credentials".to_owned()),
                (401, "invalid_credentials".to_owned()),
                (401, "invalid_credentials".to_owned()),
                (401, "invalid_credentials".to_owned()),
                (429, "too_many_attempts".to_owned()),
            ],
            "{email}"
        );
    }

    // Adding people: a new address and someone else's account look the same; only an
    // address already in the coordinator's scope is refused as taken.
    t.person(
        "coord@x.org",
        None,
        &[(Role::RegionalCoordinator, Some(w.region))],
    )
    .await;
    let coord = t.bearer("coord@x.org").await;
    let add = |email: &str| json!({ "email": email, "name": "Added", "category": "instructor", "organisations": [w.school.0] });
    let fresh = coord
        .post_json("/api/v1/people", &add("brand.new@x.org"))
        .await;
    let outside = coord.post_json("/api/v1/people", &add("known@x.org")).await;
    assert_eq!(fresh.status, 202);
    assert_eq!(outside.status, 202);
    assert_eq!(fresh.json()["status"], outside.json()["status"]);
    let inside = coord
        .post_json("/api/v1/people", &add("colleague@x.org"))
        .await;
    assert_eq!(inside.status, 409);
    assert_eq!(inside.code(), "email_taken");
    let r = coord
        .post_json("/api/v1/people", &json!({ "email": "pw@x.org", "name": "P", "category": "instructor", "organisations": [w.school.0], "password": "a password they chose" }))
        .await;
    assert_eq!(r.status, 422, "only platform administrators set passwords");

    // The known person accepts in their account and becomes a member.
    let known = t.bearer("known@x.org").await;
    let invitations = known.get_json("/api/v1/me/invitations").await.json();
    let items = invitations.as_array().expect("a list");
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["kind"], "invitation");
    let id = items[0]["id"].as_str().unwrap_or_default();
    assert_eq!(
        known
            .post_empty(&format!("/api/v1/membership-requests/{id}/accept"))
            .await
            .status,
        200
    );
    let me = known.get_json("/api/v1/me").await.json();
    let codes: Vec<&str> = me["organisations"]
        .as_array()
        .expect("organisations")
        .iter()
        .filter_map(|o| o["code"].as_str())
        .collect();
    assert!(codes.contains(&"C-R1-S1"), "{codes:?}");
}

#[tokio::test]
async fn strangers_cannot_lock_the_owner_out() {
    let t = TestApp::new().await;
    t.person("owner@x.org", None, &[]).await;
    // The owner has logged in from their browser before.
    let owner = t.client();
    owner.from_address("10.1.1.1");
    let r = owner
        .post_form(
            "/login",
            &[("email", "owner@x.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status, 303);
    owner.refresh_token().await;
    owner.post_form("/logout", &[]).await;
    owner.refresh_token().await;

    // A stranger guesses from a new address each time, waiting out every pause, until the
    // account itself makes them wait minutes.
    let mut long_wait = false;
    for i in 0..80 {
        let c = t.client();
        c.from_address(&format!("10.2.{}.{}", i / 250, i % 250));
        let r = c
            .post_json(
                "/api/v1/auth/token",
                &json!({ "email": "owner@x.org", "password": "guess guess guess" }),
            )
            .await;
        if r.status == 429 {
            let secs: i64 = r
                .header("retry-after")
                .and_then(|v| v.parse().ok())
                .expect("a Retry-After");
            if secs >= 300 {
                long_wait = true;
                break;
            }
            t.app.clock().advance(Duration::seconds(secs));
        } else {
            assert_eq!(r.status, 401);
        }
    }
    assert!(long_wait, "the account-wide limit never grew");
    // A browser that has never logged in here must wait, even with the right password.
    let newcomer = t.client();
    newcomer.from_address("10.3.3.3");
    let r = newcomer
        .post_form(
            "/login",
            &[("email", "owner@x.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status, 429);
    // The owner's own browser is not held back.
    let r = owner
        .post_form(
            "/login",
            &[("email", "owner@x.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text);
    // And the owner was told, once.
    let attempts = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        guildhall_store::entities::outbox::Entity::find()
            .filter(guildhall_store::entities::outbox::Column::ToAddress.eq("owner@x.org"))
            .all(t.app.db())
            .await
            .expect("read")
            .into_iter()
            .filter(|m| m.subject == "Failed attempts to log in to your account")
            .count()
    };
    assert_eq!(attempts, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_guesses_are_each_counted_before_any_password_is_checked() {
    let t = TestApp::new().await;
    t.person("target@x.org", None, &[]).await;
    let base = t.base.clone();
    let mut tasks = Vec::new();
    for i in 0..100 {
        let base = base.clone();
        tasks.push(tokio::spawn(async move {
            let c = Client::new(&base);
            c.from_address("10.9.9.9");
            let password = if i == 50 {
                PASSWORD
            } else {
                "wrong guess here"
            };
            let r = c
                .post_json(
                    "/api/v1/auth/token",
                    &json!({ "email": "target@x.org", "password": password }),
                )
                .await;
            (r.status, r.header("retry-after"))
        }));
    }
    let mut checked = 0;
    let mut issued = 0;
    for task in tasks {
        let (status, retry) = task.await.expect("the attempt");
        match status {
            201 => {
                checked += 1;
                issued += 1;
            }
            401 => checked += 1,
            429 => assert!(retry.is_some(), "every 429 says when to retry"),
            other => panic!("unexpected {other}"),
        }
    }
    assert!(
        checked <= 5,
        "{checked} passwords were checked, at most 5 may be"
    );
    assert!(issued <= 1);
    // Once the limit is reached, the right password gets no token either.
    let c = Client::new(&base);
    c.from_address("10.9.9.9");
    let r = c
        .post_json(
            "/api/v1/auth/token",
            &json!({ "email": "target@x.org", "password": PASSWORD }),
        )
        .await;
    assert_eq!(r.status, 429);

    // The address's own limit holds in parallel too, across accounts.
    let mut tasks = Vec::new();
    for i in 0..100 {
        let base = base.clone();
        tasks.push(tokio::spawn(async move {
            let c = Client::new(&base);
            c.from_address("10.8.8.8");
            c.post_json(
                "/api/v1/auth/token",
                &json!({ "email": format!("spray{i}@x.org"), "password": "Summer2026!" }),
            )
            .await
            .status
        }));
    }
    let mut checked = 0;
    for task in tasks {
        if task.await.expect("the attempt") == 401 {
            checked += 1;
        }
    }
    assert!(
        checked <= 30,
        "{checked} attempts from one address were checked, at most 30 may be"
    );
}

// ---- 6. trainers, joining, meeting links ----

#[tokio::test]
async fn another_providers_trainer_cannot_be_lent_the_participants() {
    let t = TestApp::new().await;
    let cw = t.catalog_world().await;
    let other = t
        .org(
            "C-R1-PROV2",
            guildhall_domain::org::OrgKind::Provider,
            Some(cw.w.region),
        )
        .await;
    let outsider = t
        .person(
            "outsider@x.org",
            Some(other),
            &[(Role::Trainer, Some(other))],
        )
        .await;
    let regional = t
        .person(
            "regional.trainer@x.org",
            None,
            &[(Role::Trainer, Some(cw.w.region))],
        )
        .await;
    let p = t
        .published_programme(&cw, "LEND-1", "Welding basics", &["DIGCOMPEDU:1.3"])
        .await;
    let provider = t.bearer(&cw.provider.email).await;
    let day = (t.app.local_now().date() + Duration::days(10)).to_string();
    for trainer in [outsider.id.0, regional.id.0] {
        let r = provider
            .post_json(
                &format!("/api/v1/programmes/{}/sessions", p.0),
                &json!({ "meetings": [{ "day": day, "starts": "09:00", "ends": "12:00", "place": "Room 1" }], "trainers": [trainer], "capacity": 10 }),
            )
            .await;
        assert_eq!(r.status, 422, "{}", r.text);
        assert_eq!(r.json()["fields"][0]["code"], "trainer_not_of_provider");
    }
    let r = provider
        .post_json(
            &format!("/api/v1/programmes/{}/sessions", p.0),
            &json!({ "meetings": [{ "day": day, "starts": "09:00", "ends": "12:00", "place": "Room 1" }], "trainers": [cw.trainer.id.0], "capacity": 10 }),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
}

#[tokio::test]
async fn registering_does_not_make_anyone_a_member_until_the_institution_accepts() {
    let t = TestApp::new().await;
    let cw = t.catalog_world().await;
    let head = t.bearer(&cw.head.email).await;
    let before = head
        .get_json(&format!(
            "/api/v1/organisations/{}/compliance",
            cw.w.school.0
        ))
        .await
        .json();
    let r = t
        .client()
        .post_json(
            "/api/v1/registrations",
            &json!({ "name": "Szabó Péter", "email": "peter@x.org", "password": "a long enough passphrase", "category": "instructor", "organisation": cw.w.school.0 }),
        )
        .await;
    assert_eq!(r.status, 202);
    // Until the address is confirmed, the institution sees nothing (else a head could learn
    // whether an address they registered was free).
    assert_eq!(
        head.get_json("/api/v1/membership-requests").await.json(),
        json!([])
    );
    assert!(t.last_mail_to(&cw.head.email).await.is_none());
    let link = t.link_in(&t.last_mail_to("peter@x.org").await.expect("mail").body);
    assert_eq!(t.client().post_form(&link, &[]).await.status, 303);
    let after = head
        .get_json(&format!(
            "/api/v1/organisations/{}/compliance",
            cw.w.school.0
        ))
        .await
        .json();
    assert_eq!(
        before["totals"]["total"], after["totals"]["total"],
        "not counted before acceptance"
    );
    assert!(
        t.last_mail_to(&cw.head.email)
            .await
            .is_some_and(|m| m.subject.contains("asks to join"))
    );
    let requests = head.get_json("/api/v1/membership-requests").await.json();
    let items = requests.as_array().expect("a list");
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["person_name"], "Szabó Péter");
    assert_eq!(items[0]["decidable"], true);
    let id = items[0]["id"].as_str().unwrap_or_default();
    assert_eq!(
        head.post_empty(&format!("/api/v1/membership-requests/{id}/accept"))
            .await
            .status,
        200
    );
    let people = head
        .get_json(&format!("/api/v1/people?org={}", cw.w.school.0))
        .await;
    assert!(
        people.text.contains("peter@x.org"),
        "a member once accepted"
    );
}

#[tokio::test]
async fn an_online_meeting_link_is_only_for_those_taking_part() {
    let t = TestApp::new().await;
    let cw = t.catalog_world().await;
    let s = session_with(&t, &cw, 5, |i| {
        i.meetings[0].online_link = Some("https://meet.example/secret-room".into());
    })
    .await;
    let path = format!("/api/v1/sessions/{s}");
    let anon = t.client().get_json(&path).await;
    assert_eq!(anon.status, 200);
    assert_eq!(anon.json()["meetings"][0]["online"], true);
    assert_eq!(anon.json()["meetings"][0]["online_link"], Value::Null);
    let page = t.client().get(&format!("/sessions/{s}")).await;
    assert!(
        !page.text.contains("secret-room"),
        "the page shows the link to visitors"
    );
    let people = learners(&t, &cw, 2, "link").await;
    assert!(
        !people[0]
            .1
            .get_json(&path)
            .await
            .text
            .contains("secret-room")
    );
    people[0]
        .1
        .post_empty(&format!("/api/v1/sessions/{s}/enrolments"))
        .await;
    assert!(
        people[0]
            .1
            .get_json(&path)
            .await
            .text
            .contains("secret-room")
    );
    assert!(
        !people[1]
            .1
            .get_json(&path)
            .await
            .text
            .contains("secret-room")
    );
    let trainer = t.bearer(&cw.trainer.email).await;
    assert!(trainer.get_json(&path).await.text.contains("secret-room"));
}

#[tokio::test]
async fn a_plain_http_meeting_link_is_refused() {
    let t = TestApp::new().await;
    let cw = t.catalog_world().await;
    let p = t
        .published_programme(&cw, "HTTP-1", "Welding basics", &["DIGCOMPEDU:1.3"])
        .await;
    let provider = t.bearer(&cw.provider.email).await;
    let day = (t.app.local_now().date() + Duration::days(10)).to_string();
    let r = provider
        .post_json(
            &format!("/api/v1/programmes/{}/sessions", p.0),
            &json!({ "meetings": [{ "day": day, "starts": "09:00", "ends": "12:00", "online_link": "http://meet.example/room" }], "trainers": [cw.trainer.id.0], "capacity": 10 }),
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.text);
    assert_eq!(r.json()["fields"][0]["code"], "link_invalid_url");
    assert!(
        r.json()["fields"][0]["message"]
            .as_str()
            .unwrap_or("")
            .contains("https://")
    );
}

// ---- 7. headers, GET, forms, sessions ----

#[tokio::test]
async fn personal_answers_are_never_stored_by_browsers_or_proxies() {
    let t = TestApp::new().await;
    t.person("cache@x.org", None, &[]).await;
    let page = t.login("cache@x.org").await;
    for path in ["/profile", "/ledger", "/notifications", "/profile/export"] {
        let r = page.get(path).await;
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(
            r.header("cache-control").as_deref(),
            Some("no-store"),
            "{path}"
        );
    }
    let api = t.bearer("cache@x.org").await;
    for path in ["/api/v1/me", "/api/v1/me/export", "/api/v1/me/ledger"] {
        let r = api.get_json(path).await;
        assert_eq!(
            r.header("cache-control").as_deref(),
            Some("no-store"),
            "{path}"
        );
    }
    assert_eq!(
        t.client()
            .get("/")
            .await
            .header("strict-transport-security"),
        None
    );
}

#[tokio::test]
async fn an_https_deployment_tells_browsers_to_stay_on_https() {
    let t = TestApp::with(|c| c.public_url = "https://cpd.example.gov".into()).await;
    let r = t.client().get("/").await;
    assert!(
        r.header("strict-transport-security")
            .is_some_and(|h| h.contains("max-age=31536000"))
    );
}

#[tokio::test]
async fn opening_a_link_or_a_page_changes_nothing() {
    let t = TestApp::new().await;
    let cw = t.catalog_world().await;
    let c = t.client();
    c.post_form(
        "/register",
        &[
            ("name", "Open Link"),
            ("email", "open@x.org"),
            ("password", "a long enough passphrase"),
            ("category", "instructor"),
        ],
    )
    .await;
    let link = t.link_in(&t.last_mail_to("open@x.org").await.expect("mail").body);
    for _ in 0..3 {
        assert_eq!(c.get(&link).await.status, 200);
    }
    let r = c
        .post_form(
            "/login",
            &[
                ("email", "open@x.org"),
                ("password", "a long enough passphrase"),
            ],
        )
        .await;
    assert_eq!(r.status, 401, "opening the link did not confirm");
    // Logging in unconfirmed sent a fresh link, which voided the first.
    let fresh = t.link_in(&t.last_mail_to("open@x.org").await.expect("mail").body);
    assert_ne!(fresh, link);
    assert_eq!(c.post_form(&link, &[]).await.status, 400);
    assert_eq!(c.post_form(&fresh, &[]).await.status, 303);

    // Notifications stay unread until the person says so.
    let s = session_with(&t, &cw, 5, |_| {}).await;
    let people = learners(&t, &cw, 1, "note").await;
    people[0]
        .1
        .post_empty(&format!("/api/v1/sessions/{s}/enrolments"))
        .await;
    let page = t.login(&people[0].0.email).await;
    let api = &people[0].1;
    let unread = || async move {
        api.get_json("/api/v1/me/notifications").await.json()["items"]
            .as_array()
            .map(|a| a.iter().filter(|n| n["read"] == false).count())
            .unwrap_or(0)
    };
    assert_eq!(page.get("/notifications").await.status, 200);
    assert_eq!(unread().await, 1, "looking does not mark read");
    assert_eq!(page.post_form("/notifications/read", &[]).await.status, 303);
    assert_eq!(unread().await, 0);
}

#[tokio::test]
async fn an_upload_form_carries_its_token_in_the_body_not_the_address() {
    let t = TestApp::new().await;
    let w = t.world().await;
    t.person(
        "upload@x.org",
        Some(w.school),
        &[(Role::Learner, Some(w.school))],
    )
    .await;
    let c = t.login("upload@x.org").await;
    let token = c.token().await;
    let fields = recognition_fields();
    let mut parts: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let ct = format!("multipart/form-data; boundary={BOUNDARY}");
    let r = c
        .post_raw(
            &format!("/recognitions/new?csrf={token}"),
            &ct,
            multipart(&parts, Some(("evidence", PDF))),
        )
        .await;
    assert_eq!(r.status, 403, "a token in the address is not accepted");
    assert_eq!(t.count("recognitions").await, 0);
    parts.insert(0, ("csrf", token.as_str()));
    let r = c
        .post_raw(
            "/recognitions/new",
            &ct,
            multipart(&parts, Some(("evidence", PDF))),
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text);
    assert_eq!(t.count("recognitions").await, 1);
}

#[tokio::test]
async fn logging_in_as_someone_else_ends_the_previous_session() {
    let t = TestApp::new().await;
    let a = t.person("first@x.org", None, &[]).await;
    t.person("second@x.org", None, &[]).await;
    let c = t.login("first@x.org").await;
    let r = c
        .post_form(
            "/login",
            &[("email", "second@x.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status, 303);
    let left = guildhall_store::identity::sessions_of(t.app.db(), a.id.0)
        .await
        .expect("read");
    assert!(left.is_empty(), "the first person's session ended");
}
