//! Accounts end to end: registration, confirmation, log-in limits, reset, tokens, erasure.

use guildhall_domain::identity::Role;
use guildhall_testkit::{PASSWORD, TestApp};
use serde_json::json;

async fn register(t: &TestApp, email: &str) -> guildhall_testkit::Client {
    let c = t.client();
    let r = c
        .post_form(
            "/register",
            &[
                ("name", "Kovács Anna"),
                ("email", email),
                ("password", "tavaszi szél vizet áraszt"),
                ("category", "instructor"),
                ("lang", "hu"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text);
    assert_eq!(r.location(), "/login?notice=registered");
    c
}

#[tokio::test]
async fn register_confirm_and_log_in() {
    let t = TestApp::new().await;
    let c = register(&t, "anna@example.hu").await;

    // Not confirmed yet: log-in is refused with a clear message, in the visitor's language.
    c.accept_language("hu-HU");
    let r = c
        .post_form(
            "/login",
            &[
                ("email", "anna@example.hu"),
                ("password", "tavaszi szél vizet áraszt"),
            ],
        )
        .await;
    // The same answer as a wrong password (so that registering cannot tell whether an
    // address was taken), with a hint for those who just registered.
    assert_eq!(r.status, 401);
    assert!(
        r.text.contains("Ha most regisztrált"),
        "Hungarian message expected: {}",
        r.text
    );

    let mail = t
        .last_mail_to("anna@example.hu")
        .await
        .expect("a confirmation mail");
    assert_eq!(mail.language, "hu");
    assert!(mail.subject.contains("Erősítse meg"));
    let link = t.link_in(&mail.body);
    assert!(link.starts_with("/confirm/"));
    // Opening the link shows a button; pressing it confirms.
    let r = c.get(&link).await;
    assert_eq!(r.status, 200);
    let r = c.post_form(&link, &[]).await;
    assert_eq!(r.status, 303);
    assert_eq!(r.location(), "/login?notice=confirmed");
    // The link works once.
    assert_eq!(c.get(&link).await.status, 400);
    assert_eq!(c.post_form(&link, &[]).await.status, 400);

    let r = c
        .post_form(
            "/login",
            &[
                ("email", "ANNA@example.hu "),
                ("password", "tavaszi szél vizet áraszt"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text);
    let cookie = r.header("set-cookie").expect("a session cookie");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    c.refresh_token().await;
    let me = c.get_json("/api/v1/me").await;
    assert_eq!(me.status, 200);
    assert_eq!(me.json()["name"], "Kovács Anna");
    assert_eq!(me.json()["roles"][0]["role"], "learner");
    let profile = c.get("/profile").await;
    assert!(
        profile.text.contains("Saját profil"),
        "the profile is in Hungarian"
    );
}

#[tokio::test]
async fn weak_and_duplicate_registrations_are_refused_without_change() {
    let t = TestApp::new().await;
    let c = t.client();
    let before = t.count("people").await;
    for (pw, code_text) in [
        ("short", "at least 8"),
        ("password123", "too common"),
        (&"x".repeat(129)[..], "at most 128"),
    ] {
        let r = c
            .post_form(
                "/register",
                &[
                    ("name", "A"),
                    ("email", "a@example.org"),
                    ("password", pw),
                    ("category", "instructor"),
                ],
            )
            .await;
        assert_eq!(r.status, 422, "{pw}");
        assert!(r.text.contains(code_text), "{pw}: {}", r.text);
    }
    let r = c
        .post_json("/api/v1/registrations", &json!({ "name": "", "email": "nope", "password": "long enough passphrase", "category": "astronaut" }))
        .await;
    assert_eq!(r.status, 422);
    let fields: Vec<String> = r.json()["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .map(|f| f["field"].as_str().unwrap_or("").to_owned())
        .collect();
    assert_eq!(fields, ["name", "email", "category"]);
    assert_eq!(t.count("people").await, before, "nothing was created");

    register(&t, "dup@example.org").await;
    let r = c
        .post_json("/api/v1/registrations", &json!({ "name": "B", "email": "DUP@example.org", "password": "another long passphrase", "category": "trainer" }))
        .await;
    // The same answer as for a new address; the owner is told by mail instead.
    assert_eq!(r.status, 202, "{}", r.text);
    assert_eq!(t.count("people").await, before + 1);
}

#[tokio::test]
async fn repeated_failures_slow_the_guesser_down() {
    let t = TestApp::new().await;
    t.person("lock@example.org", None, &[]).await;
    let c = t.client();
    for i in 0..5 {
        let r = c
            .post_form(
                "/login",
                &[
                    ("email", "lock@example.org"),
                    ("password", "wrong password"),
                ],
            )
            .await;
        assert_eq!(r.status, 401, "attempt {i}");
    }
    // From the sixth attempt on, each must wait: the answer says how long.
    let r = c
        .post_form(
            "/login",
            &[("email", "lock@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status, 429);
    assert_eq!(r.header("retry-after").as_deref(), Some("1"));
    t.app.clock().advance(chrono::Duration::seconds(1));
    let r = c
        .post_form(
            "/login",
            &[("email", "lock@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status, 303, "the wait is over");
}

#[tokio::test]
async fn one_address_cannot_guess_at_many_accounts() {
    let t = TestApp::new().await;
    let c = t.client();
    let mut limited = false;
    for i in 0..40 {
        let email = format!("nobody{i}@example.org");
        let r = c
            .post_json(
                "/api/v1/auth/token",
                &json!({ "email": email, "password": "guess guess guess" }),
            )
            .await;
        if r.status == 429 {
            assert_eq!(r.code(), "too_many_attempts");
            assert!(r.header("retry-after").is_some());
            limited = true;
            assert!(i >= 30, "limited too early, at attempt {i}");
            break;
        }
        assert_eq!(r.status, 401);
    }
    assert!(limited, "the address was never limited");
}

#[tokio::test]
async fn password_reset_ends_old_sessions_and_links_work_once() {
    let t = TestApp::new().await;
    t.person("reset@example.org", None, &[]).await;
    let old = t.login("reset@example.org").await;
    assert_eq!(old.get("/profile").await.status, 200);

    let c = t.client();
    let r = c
        .post_form("/password/forgot", &[("email", "reset@example.org")])
        .await;
    assert_eq!(r.status, 303);
    // Unknown addresses get the same answer.
    let r2 = c
        .post_form("/password/forgot", &[("email", "ghost@example.org")])
        .await;
    assert_eq!((r2.status, r2.location()), (303, r.location()));
    assert!(t.last_mail_to("ghost@example.org").await.is_none());

    let mail = t
        .last_mail_to("reset@example.org")
        .await
        .expect("a reset mail");
    let link = t.link_in(&mail.body);
    assert_eq!(c.get(&link).await.status, 200);
    let r = c
        .post_form(
            &link,
            &[
                ("password", "a brand new passphrase"),
                ("password_again", "a different one"),
            ],
        )
        .await;
    assert_eq!(r.status, 422, "mismatch is refused");
    let r = c
        .post_form(
            &link,
            &[
                ("password", "a brand new passphrase"),
                ("password_again", "a brand new passphrase"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text);
    let r = c
        .post_form(
            &link,
            &[
                ("password", "yet another passphrase"),
                ("password_again", "yet another passphrase"),
            ],
        )
        .await;
    assert_eq!(r.status, 400, "the link was used");

    assert_eq!(
        old.get("/profile").await.status,
        303,
        "the old session ended"
    );
    let r = c
        .post_form(
            "/login",
            &[
                ("email", "reset@example.org"),
                ("password", "a brand new passphrase"),
            ],
        )
        .await;
    assert_eq!(r.status, 303);
}

#[tokio::test]
async fn sessions_expire() {
    let t = TestApp::new().await;
    t.person("s@example.org", None, &[]).await;
    let c = t.login("s@example.org").await;
    assert_eq!(c.get("/profile").await.status, 200);
    t.app.clock().advance(chrono::Duration::days(15));
    let r = c.get("/profile").await;
    assert_eq!(r.status, 303);
    assert!(r.location().starts_with("/login?next="));
}

#[tokio::test]
async fn tokens_are_listed_and_revoked_by_their_owner_only() {
    let t = TestApp::new().await;
    t.person("owner@example.org", None, &[]).await;
    t.person("other@example.org", None, &[]).await;
    let api = t.bearer("owner@example.org").await;
    let other = t.bearer("other@example.org").await;
    let list = api.get_json("/api/v1/me/tokens").await;
    assert_eq!(list.status, 200);
    let items = list.json()["items"].as_array().cloned().unwrap_or_default();
    assert_eq!(items.len(), 1);
    let id = items[0]["id"].as_str().unwrap_or_default().to_owned();
    assert!(items[0]["prefix"].as_str().unwrap_or("").starts_with("gh_"));

    let r = other.delete(&format!("/api/v1/me/tokens/{id}")).await;
    assert_eq!(r.status, 404, "someone else's token is not found");
    assert_eq!(api.get_json("/api/v1/me").await.status, 200);

    let r = api.delete(&format!("/api/v1/me/tokens/{id}")).await;
    assert_eq!(r.status, 200);
    let r = api.get_json("/api/v1/me").await;
    assert_eq!(r.status, 401);
    assert_eq!(r.code(), "token_invalid");
}

#[tokio::test]
async fn expired_tokens_stop_working() {
    let t = TestApp::new().await;
    t.person("exp@example.org", None, &[]).await;
    let api = t.bearer("exp@example.org").await;
    let r = api
        .post_json(
            "/api/v1/me/tokens",
            &json!({ "name": "short", "valid_days": 1 }),
        )
        .await;
    assert_eq!(r.status, 201);
    let short = guildhall_testkit::Client::with_bearer(
        &t.base,
        r.json()["token"].as_str().unwrap_or_default(),
    );
    assert_eq!(short.get_json("/api/v1/me").await.status, 200);
    t.app.clock().advance(chrono::Duration::days(2));
    let r = short.get_json("/api/v1/me").await;
    assert_eq!(r.status, 401);
    assert_eq!(r.code(), "token_invalid");
    let r = api
        .post_json(
            "/api/v1/me/tokens",
            &json!({ "name": "bad", "valid_days": 0 }),
        )
        .await;
    assert_eq!(r.status, 422);
}

#[tokio::test]
async fn invited_people_choose_their_password() {
    let t = TestApp::new().await;
    let w = t.world().await;
    let coord = t
        .person(
            "coord@example.org",
            None,
            &[(Role::RegionalCoordinator, Some(w.region))],
        )
        .await;
    let api = t.bearer(&coord.email).await;
    let r = api
        .post_json(
            "/api/v1/people",
            &json!({ "email": "new.teacher@example.org", "name": "Nowak Jan", "category": "instructor", "organisations": [w.school.0], "language": "pl" }),
        )
        .await;
    // A coordinator invites; the person becomes a member when they accept.
    assert_eq!(r.status, 202, "{}", r.text);
    assert_eq!(r.json()["status"], "invited");
    let mail = t
        .last_mail_to("new.teacher@example.org")
        .await
        .expect("an invitation");
    assert_eq!(mail.language, "pl");
    assert!(
        mail.body.contains(&format!("Person {}", coord.email)),
        "the inviter is named"
    );
    let c = t.client();
    let link = t.link_in(&mail.body);
    let r = c
        .post_form(
            &link,
            &[
                ("password", "moje nowe hasło"),
                ("password_again", "moje nowe hasło"),
            ],
        )
        .await;
    assert_eq!(r.status, 303);
    let r = c
        .post_form(
            "/login",
            &[
                ("email", "new.teacher@example.org"),
                ("password", "moje nowe hasło"),
            ],
        )
        .await;
    assert_eq!(r.status, 303);
    // The invitation waits in the account; accepting it makes the person a member.
    c.refresh_token().await;
    let me = c.get_json("/api/v1/me").await.json();
    assert_eq!(me["confirmed"], true);
    assert_eq!(me["organisations"].as_array().map(Vec::len), Some(0));
    let page = c.get("/invitations").await;
    assert!(page.text.contains("C-R1-S1"), "{}", page.text);
    let id = c.get_json("/api/v1/me/invitations").await.json()[0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let r = c.post_form(&format!("/invitations/{id}/accept"), &[]).await;
    assert_eq!(r.status, 303);
    let me = c.get_json("/api/v1/me").await.json();
    assert_eq!(me["organisations"][0]["code"], "C-R1-S1");
}

#[tokio::test]
async fn personal_data_export_and_erasure() {
    let t = TestApp::new().await;
    let w = t.world().await;
    let me = t
        .person(
            "erase.me@example.org",
            Some(w.school),
            &[(Role::Learner, Some(w.school))],
        )
        .await;
    let c = t.login(&me.email).await;
    let r = c.get("/profile/export").await;
    assert_eq!(r.status, 200);
    assert!(
        r.header("content-disposition")
            .unwrap_or_default()
            .contains("attachment")
    );
    let data: serde_json::Value = serde_json::from_str(&r.text).expect("JSON");
    assert_eq!(data["person"]["email"], "erase.me@example.org");
    assert_eq!(data["roles"][0]["role"], "learner");
    assert!(
        !data["activity"].as_array().expect("activity").is_empty(),
        "the log-in is in the activity"
    );

    let r = c
        .post_form("/profile/erase", &[("current_password", "not my password")])
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(t.count("people").await, 1);
    let r = c
        .post_form("/profile/erase", &[("current_password", PASSWORD)])
        .await;
    assert_eq!(r.status, 303, "{}", r.text);

    let row = guildhall_store::identity::find_person(t.app.db(), me.id.0)
        .await
        .expect("read")
        .expect("the row stays");
    assert!(row.erased_at.is_some());
    assert!(row.name.is_empty());
    assert!(row.email.ends_with("@erased.invalid"));
    assert!(row.password_hash.is_none());
    assert_eq!(t.count("memberships").await, 0);
    assert_eq!(t.count("role_assignments").await, 0);
    assert_eq!(c.get("/profile").await.status, 303, "the session ended");
    let again = t
        .client()
        .post_form(
            "/login",
            &[("email", "erase.me@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(again.status, 401);

    let admin = t.platform_admin().await;
    let api = t.bearer(&admin.email).await;
    let log = api
        .get_json(&format!("/api/v1/audit?object_id={}", me.id))
        .await;
    let actions: Vec<String> = log.json()["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|e| e["action"].as_str().unwrap_or("").to_owned())
        .collect();
    assert!(actions.contains(&"person.erase".to_owned()), "{actions:?}");
    assert!(
        actions.contains(&"session.create".to_owned()),
        "earlier entries stay: {actions:?}"
    );
    assert!(
        !log.text.contains("erase.me@example.org"),
        "the log holds no personal data"
    );
}

#[tokio::test]
async fn roles_are_granted_and_revoked_with_an_audit_trail() {
    let t = TestApp::new().await;
    let w = t.world().await;
    let admin = t.platform_admin().await;
    let teacher = t
        .person(
            "teacher@example.org",
            Some(w.school),
            &[(Role::Learner, Some(w.school))],
        )
        .await;
    let api = t.bearer(&admin.email).await;
    let r = api
        .post_json(
            &format!("/api/v1/people/{}/roles", teacher.id),
            &json!({ "role": "trainer", "organisation": w.school.0 }),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let rid = r.json()["id"].as_str().unwrap_or_default().to_owned();
    let again = api
        .post_json(
            &format!("/api/v1/people/{}/roles", teacher.id),
            &json!({ "role": "trainer", "organisation": w.school.0 }),
        )
        .await;
    assert_eq!(
        (again.status, again.code()),
        (409, "role_already_held".to_owned())
    );
    let bad = api
        .post_json(
            &format!("/api/v1/people/{}/roles", teacher.id),
            &json!({ "role": "wizard", "organisation": w.school.0 }),
        )
        .await;
    assert_eq!(
        (bad.status, bad.code()),
        (422, "validation_failed".to_owned())
    );
    let p = api
        .get_json(&format!("/api/v1/people/{}", teacher.id))
        .await
        .json();
    assert_eq!(p["roles"].as_array().map(Vec::len), Some(2));
    assert_eq!(
        api.delete(&format!("/api/v1/roles/{rid}")).await.status,
        200
    );
    let log = api.get_json("/api/v1/audit?action=role.").await.json();
    let actions: Vec<&str> = log["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    assert_eq!(actions, ["role.revoke", "role.grant"]);
    let entry = &log["items"][1];
    assert_eq!(entry["actor"], admin.id.to_string());
    assert_eq!(entry["details"]["role"], "trainer");
    assert!(
        entry["ip"].as_str().is_some_and(|ip| ip == "127.0.0.1"),
        "{entry}"
    );
}

/// Requests that arrive together are authenticated together, with one statement for many
/// tokens or session cookies: each is still answered exactly as when it was asked alone, as
/// the person who sent it with that person's roles; a token sent twice at once is answered
/// twice; and a revoked token among live ones is refused.
#[tokio::test]
async fn simultaneous_requests_are_each_answered_as_their_sender() {
    let t = TestApp::new().await;
    let w = t.world().await;
    let mut senders = Vec::new();
    for i in 0..60 {
        let email = format!("p{i}@example.org");
        let roles: Vec<(Role, Option<guildhall_domain::OrgId>)> = if i % 3 == 0 {
            vec![(Role::Trainer, Some(w.school))]
        } else {
            Vec::new()
        };
        t.person(&email, Some(w.school), &roles).await;
        let token = t.token_for(&email).await;
        let client = guildhall_testkit::Client::with_bearer(&t.base, &token);
        senders.push((email, std::sync::Arc::new(client)));
    }
    for i in 0..6 {
        let email = format!("s{i}@example.org");
        t.person(&email, Some(w.school), &[]).await;
        senders.push((email.clone(), std::sync::Arc::new(t.login(&email).await)));
    }
    let mut alone = Vec::new();
    for (email, client) in &senders {
        let r = client.get_json("/api/v1/me").await;
        assert_eq!(r.status, 200, "{email}: {}", r.text);
        assert_eq!(r.json()["email"], email.as_str());
        alone.push(r.json());
    }
    let roles = |b: &serde_json::Value| b["roles"].as_array().map_or(0, Vec::len);
    assert_eq!(
        roles(&alone[3]),
        roles(&alone[1]) + 1,
        "every third is a trainer"
    );
    // This page reads nothing but who asks: a request counts the lookup it shared.
    let home = senders[60].1.get("/password/forgot").await;
    assert_eq!(home.status, 200);
    assert_eq!(
        home.statements(),
        1,
        "the shared lookup counts for the request"
    );
    // The first token is revoked by its owner.
    let revoked = senders[0].1.clone();
    let mine = revoked.get_json("/api/v1/me/tokens").await.json();
    let id = mine["items"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let r = revoked.delete(&format!("/api/v1/me/tokens/{id}")).await;
    assert_eq!(r.status, 200);

    let mut asks = Vec::new();
    for round in 0..2 {
        for (k, (_, client)) in senders.iter().enumerate() {
            let client = client.clone();
            asks.push(tokio::spawn(async move {
                let r = client.get_json("/api/v1/me").await;
                (k, round, r.status, r.json())
            }));
        }
    }
    for ask in asks {
        let (k, round, status, body) = ask.await.expect("the request");
        if k == 0 {
            assert_eq!(status, 401, "the revoked token is refused (round {round})");
        } else {
            assert_eq!(status, 200, "{} round {round}: {body}", senders[k].0);
            assert_eq!(body, alone[k], "answered as {} alone", senders[k].0);
        }
    }
}
