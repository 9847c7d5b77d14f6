//! Sessions and sign-ups: seats, waiting lists, approvals, offers, attendance, completion and
//! the ledger — and the seat invariant under real concurrency on the real database.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use chrono::Duration;
use guildhall_domain::identity::Role;
use guildhall_testkit::{CatalogWorld, TestApp};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Statement};
use serde_json::json;

pub(crate) async fn session_with(
    t: &TestApp,
    cw: &CatalogWorld,
    capacity: i32,
    adjust: impl FnOnce(&mut guildhall_app::sessions::SessionInput),
) -> String {
    let p = t
        .published_programme(
            cw,
            &format!("P-{}", uuid::Uuid::now_v7().simple()),
            "Workshop safety",
            &["DIGCOMPEDU:1.3"],
        )
        .await;
    t.open_session(cw, p, capacity, adjust).await.to_string()
}

pub(crate) async fn learners(
    t: &TestApp,
    cw: &CatalogWorld,
    n: usize,
    prefix: &str,
) -> Vec<(guildhall_testkit::Who, guildhall_testkit::Client)> {
    let mut out = Vec::new();
    for i in 0..n {
        let who = t
            .person(
                &format!("{prefix}{i}@x.org"),
                Some(cw.w.school),
                &[(Role::Learner, Some(cw.w.school))],
            )
            .await;
        let c = t.token_client(&who.email).await;
        out.push((who, c));
    }
    out
}

/// The session's row and the enrolments that hold seats agree, and never exceed capacity.
async fn assert_invariant(t: &TestApp, session: &str) -> (i64, i64, i64) {
    let id: uuid::Uuid = session.parse().expect("an id");
    let s = guildhall_store::sessions::find_session(t.app.db(), id)
        .await
        .expect("read")
        .expect("the session");
    let rows = guildhall_store::sessions::enrolments_of_session(t.app.db(), id)
        .await
        .expect("read");
    let holding = rows
        .iter()
        .filter(|e| ["confirmed", "pending_approval", "offered"].contains(&e.status.as_str()))
        .count() as i64;
    let waiting = rows.iter().filter(|e| e.status == "waitlisted").count() as i64;
    assert_eq!(
        i64::from(s.taken),
        holding,
        "the seat counter matches the seat-holding enrolments"
    );
    assert!(
        s.taken <= s.capacity,
        "overbooked: {} > {}",
        s.taken,
        s.capacity
    );
    assert_eq!(
        i64::from(s.waiting),
        waiting,
        "the waiting-list counter matches the people waiting"
    );
    if waiting > 0 && s.state == "open" {
        assert_eq!(s.taken, s.capacity, "nobody waits while a seat is free");
    }
    let mut active: HashMap<uuid::Uuid, usize> = HashMap::new();
    for e in rows.iter().filter(|e| e.active_session.is_some()) {
        *active.entry(e.person_id).or_default() += 1;
    }
    assert!(active.values().all(|n| *n == 1), "someone holds two places");
    (holding, waiting, i64::from(s.capacity))
}

#[tokio::test]
async fn seats_waiting_list_and_cancellation_in_arrival_order() {
    let t = TestApp::new().await;
    let cw = t.catalog_world().await;
    let s = session_with(&t, &cw, 2, |_| {}).await;
    let people = learners(&t, &cw, 5, "l").await;
    let mut ids = Vec::new();
    for (i, (_, c)) in people.iter().enumerate() {
        let r = c
            .post_empty(&format!("/api/v1/sessions/{s}/enrolments"))
            .await;
        assert_eq!(r.status, 201, "{}", r.text);
        let b = r.json();
        if i < 2 {
            assert_eq!(b["status"], "confirmed");
            assert!(b.get("position").is_none());
        } else {
            assert_eq!(
                (b["status"].as_str(), b["position"].as_u64()),
                (Some("waitlisted"), Some(i as u64 - 1))
            );
        }
        ids.push(b["id"].as_str().unwrap_or_default().to_owned());
    }
    let again = people[0]
        .1
        .post_empty(&format!("/api/v1/sessions/{s}/enrolments"))
        .await;
    assert_eq!(
        (again.status, again.code()),
        (409, "already_signed_up".to_owned())
    );
    let view = t
        .client()
        .get_json(&format!("/api/v1/sessions/{s}"))
        .await
        .json();
    assert_eq!(
        (
            view["capacity"].as_i64(),
            view["confirmed"].as_i64(),
            view["waiting"].as_i64()
        ),
        (Some(2), Some(2), Some(3))
    );

    // The second confirmed person cancels: the first in line gets the seat.
    assert_eq!(
        people[1]
            .1
            .delete(&format!("/api/v1/enrolments/{}", ids[1]))
            .await
            .status,
        200
    );
    let mine = people[2].1.get_json("/api/v1/me/enrolments").await.json();
    assert_eq!(mine["items"][0]["status"], "confirmed");
    let mail = t.last_mail_to("l2@x.org").await.expect("told by e-mail");
    assert!(mail.subject.contains("A seat is yours"), "{}", mail.subject);
    let note = people[2]
        .1
        .get_json("/api/v1/me/notifications")
        .await
        .json();
    assert!(
        note["items"][0]["text"]
            .as_str()
            .unwrap_or("")
            .contains("A seat is yours")
    );
    // The others moved up.
    let mine = people[4].1.get_json("/api/v1/me/enrolments").await.json();
    assert_eq!(mine["items"][0]["position"], 2);
    let seen = people[4]
        .1
        .get_json(&format!("/api/v1/sessions/{s}"))
        .await
        .json();
    assert_eq!(seen["my_enrolment"]["position"], 2, "{seen}");
    assert_eq!(seen["waiting"], 2, "{seen}");
    // Someone else's enrolment cannot be cancelled.
    assert_eq!(
        people[3]
            .1
            .delete(&format!("/api/v1/enrolments/{}", ids[0]))
            .await
            .status,
        404
    );
    // Raising the capacity serves the waiting list.
    let provider = t.bearer(&cw.provider.email).await;
    assert_eq!(
        provider
            .put_json(
                &format!("/api/v1/sessions/{s}/capacity"),
                &json!({ "capacity": 4 })
            )
            .await
            .status,
        200
    );
    assert_eq!(assert_invariant(&t, &s).await, (4, 0, 4));
    // Lowering it below the seats taken is refused.
    let r = provider
        .put_json(
            &format!("/api/v1/sessions/{s}/capacity"),
            &json!({ "capacity": 2 }),
        )
        .await;
    assert_eq!(
        (r.status, r.code()),
        (409, "capacity_below_taken".to_owned())
    );
    // A trainer takes someone off: their seat is free again, for nobody is waiting.
    let trainer = t.bearer(&cw.trainer.email).await;
    assert_eq!(
        trainer
            .post_empty(&format!("/api/v1/enrolments/{}/remove", ids[3]))
            .await
            .status,
        200
    );
    assert_eq!(assert_invariant(&t, &s).await, (3, 0, 4));
}

#[tokio::test]
async fn idempotency_key_gives_exactly_one_effect() {
    let t = TestApp::new().await;
    let cw = t.catalog_world().await;
    let s = session_with(&t, &cw, 1, |_| {}).await;
    let (who, c) = learners(&t, &cw, 1, "idem").await.remove(0);
    let path = format!("/api/v1/sessions/{s}/enrolments");
    let first = c
        .post_json_with(&path, &json!({}), &[("idempotency-key", "abc-123")])
        .await;
    assert_eq!(first.status, 201);
    let second = c
        .post_json_with(&path, &json!({}), &[("idempotency-key", "abc-123")])
        .await;
    assert_eq!(second.status, 201, "{}", second.text);
    assert_eq!(first.json(), second.json(), "the same answer");
    let rows = guildhall_store::sessions::enrolments_of_person(t.app.db(), who.id.0)
        .await
        .expect("read");
    assert_eq!(rows.len(), 1, "one effect");
    // Concurrent repeats of one key from another person.
    let (who2, c2) = learners(&t, &cw, 1, "idem2").await.remove(0);
    let c2 = Arc::new(c2);
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let c2 = c2.clone();
        let path = path.clone();
        tasks.push(tokio::spawn(async move {
            c2.post_json_with(&path, &json!({}), &[("idempotency-key", "same")])
                .await
        }));
    }
    let mut bodies = Vec::new();
    for task in tasks {
        let r = task.await.expect("a task");
        assert!(r.status == 201, "{} {}", r.status, r.text);
        bodies.push(r.json());
    }
    assert!(bodies.windows(2).all(|w| w[0] == w[1]), "{bodies:?}");
    let rows = guildhall_store::sessions::enrolments_of_person(t.app.db(), who2.id.0)
        .await
        .expect("read");
    assert_eq!(rows.len(), 1);
    let bad = c
        .post_json_with(&path, &json!({}), &[("idempotency-key", "")])
        .await;
    assert_eq!(bad.status, 422);
}

#[tokio::test]
async fn approval_holds_seats_and_decisions_move_the_line() {
    let t = TestApp::new().await;
    let cw = t.catalog_world().await;
    let s = session_with(&t, &cw, 1, |i| i.requires_approval = true).await;
    let people = learners(&t, &cw, 3, "a").await;
    let first = people[0]
        .1
        .post_empty(&format!("/api/v1/sessions/{s}/enrolments"))
        .await
        .json();
    assert_eq!(first["status"], "pending_approval");
    let second = people[1]
        .1
        .post_empty(&format!("/api/v1/sessions/{s}/enrolments"))
        .await
        .json();
    assert_eq!(
        second["status"], "waitlisted",
        "the pending sign-up holds the only seat"
    );
    let head_mail = t
        .last_mail_to(&cw.head.email)
        .await
        .expect("the head is asked");
    assert!(head_mail.subject.contains("Sign-up to approve"));
    let head = t.bearer(&cw.head.email).await;
    let list = head.get_json("/api/v1/approvals").await.json();
    assert_eq!(list["items"].as_array().map(Vec::len), Some(1));
    // The learner cannot approve themselves; someone outside the institution cannot either.
    assert_eq!(
        people[0]
            .1
            .post_empty(&format!(
                "/api/v1/enrolments/{}/approve",
                first["id"].as_str().unwrap_or("")
            ))
            .await
            .status,
        403
    );
    let r = head
        .post_json(
            &format!(
                "/api/v1/enrolments/{}/decline",
                first["id"].as_str().unwrap_or("")
            ),
            &json!({ "note": "Not this term." }),
        )
        .await;
    assert_eq!(r.status, 200);
    assert!(
        t.last_mail_to("a0@x.org")
            .await
            .expect("told")
            .body
            .contains("Not this term.")
    );
    // The declined seat went to the next in line, who now waits for approval in turn.
    let mine = people[1].1.get_json("/api/v1/me/enrolments").await.json();
    assert_eq!(mine["items"][0]["status"], "pending_approval");
    let id = mine["items"][0]["enrolment"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert_eq!(
        head.post_empty(&format!("/api/v1/enrolments/{id}/approve"))
            .await
            .status,
        200
    );
    assert_eq!(
        people[1].1.get_json("/api/v1/me/enrolments").await.json()["items"][0]["status"],
        "confirmed"
    );
    let r = head
        .post_empty(&format!("/api/v1/enrolments/{id}/approve"))
        .await;
    assert_eq!(
        (r.status, r.code()),
        (409, "transition_not_allowed".to_owned())
    );
    assert_invariant(&t, &s).await;
}

#[tokio::test]
async fn holds_and_offers_expire_and_pass_on() {
    let t = TestApp::new().await;
    let cw = t.catalog_world().await;
    let s = session_with(&t, &cw, 1, |i| {
        i.requires_approval = true;
        i.hold_days = 2;
    })
    .await;
    let people = learners(&t, &cw, 2, "h").await;
    people[0]
        .1
        .post_empty(&format!("/api/v1/sessions/{s}/enrolments"))
        .await;
    people[1]
        .1
        .post_empty(&format!("/api/v1/sessions/{s}/enrolments"))
        .await;
    assert_eq!(t.app.expire_holds().await.expect("a sweep"), 0, "not yet");
    t.app.clock().advance(Duration::days(3));
    assert_eq!(t.app.expire_holds().await.expect("a sweep"), 1);
    assert_eq!(
        people[0].1.get_json("/api/v1/me/enrolments").await.json()["items"][0]["status"],
        "expired"
    );
    assert_eq!(
        people[1].1.get_json("/api/v1/me/enrolments").await.json()["items"][0]["status"],
        "pending_approval"
    );
    assert_invariant(&t, &s).await;

    // Offers: the freed seat is offered for a while, and can be accepted.
    let o = session_with(&t, &cw, 1, |i| {
        i.offer_waitlist = true;
        i.offer_hours = 24;
    })
    .await;
    let more = learners(&t, &cw, 3, "o").await;
    let first = more[0]
        .1
        .post_empty(&format!("/api/v1/sessions/{o}/enrolments"))
        .await
        .json();
    more[1]
        .1
        .post_empty(&format!("/api/v1/sessions/{o}/enrolments"))
        .await;
    more[2]
        .1
        .post_empty(&format!("/api/v1/sessions/{o}/enrolments"))
        .await;
    more[0]
        .1
        .delete(&format!(
            "/api/v1/enrolments/{}",
            first["id"].as_str().unwrap_or("")
        ))
        .await;
    let offered = more[1].1.get_json("/api/v1/me/enrolments").await.json();
    assert_eq!(offered["items"][0]["status"], "offered");
    // Nobody accepts: after a day the offer moves on.
    t.app.clock().advance(Duration::hours(25));
    assert_eq!(t.app.expire_holds().await.expect("a sweep"), 1);
    let third = more[2].1.get_json("/api/v1/me/enrolments").await.json();
    assert_eq!(third["items"][0]["status"], "offered");
    let id = third["items"][0]["enrolment"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert_eq!(
        more[2]
            .1
            .post_empty(&format!("/api/v1/enrolments/{id}/accept"))
            .await
            .status,
        200
    );
    assert_eq!(
        more[2].1.get_json("/api/v1/me/enrolments").await.json()["items"][0]["status"],
        "confirmed"
    );
    assert_invariant(&t, &o).await;
}

#[tokio::test]
async fn sign_up_rules() {
    let t = TestApp::new().await;
    let cw = t.catalog_world().await;
    let (who, c) = learners(&t, &cw, 1, "r").await.remove(0);
    let base = session_with(&t, &cw, 5, |_| {}).await;
    assert_eq!(
        c.post_empty(&format!("/api/v1/sessions/{base}/enrolments"))
            .await
            .status,
        201
    );
    // The same days and hours as a session the person holds a seat in.
    let overlapping = session_with(&t, &cw, 5, |_| {}).await;
    let r = c
        .post_empty(&format!("/api/v1/sessions/{overlapping}/enrolments"))
        .await;
    assert_eq!(
        (r.status, r.code()),
        (409, "overlapping_session".to_owned())
    );
    // Categories and regions.
    let pupils = session_with(&t, &cw, 5, |i| {
        i.categories = vec![guildhall_domain::identity::LearnerCategory::Pupil];
        i.meetings
            .iter_mut()
            .for_each(|m| m.day += Duration::days(3));
    })
    .await;
    let r = c
        .post_empty(&format!("/api/v1/sessions/{pupils}/enrolments"))
        .await;
    assert_eq!(
        (r.status, r.code()),
        (403, "category_not_eligible".to_owned())
    );
    let elsewhere = session_with(&t, &cw, 5, |i| {
        i.regions = vec![cw.w.other_region];
        i.meetings
            .iter_mut()
            .for_each(|m| m.day += Duration::days(6));
    })
    .await;
    let r = c
        .post_empty(&format!("/api/v1/sessions/{elsewhere}/enrolments"))
        .await;
    assert_eq!(
        (r.status, r.code()),
        (403, "region_not_eligible".to_owned())
    );
    // The cancellation deadline.
    let soon = session_with(&t, &cw, 5, |i| {
        i.meetings
            .iter_mut()
            .for_each(|m| m.day += Duration::days(9))
    })
    .await;
    let e = c
        .post_empty(&format!("/api/v1/sessions/{soon}/enrolments"))
        .await
        .json();
    t.app.clock().advance(Duration::days(16));
    let r = c
        .delete(&format!(
            "/api/v1/enrolments/{}",
            e["id"].as_str().unwrap_or("")
        ))
        .await;
    assert_eq!(
        (r.status, r.code()),
        (409, "cancellation_deadline_passed".to_owned())
    );
    let r = c
        .post_empty(&format!("/api/v1/sessions/{base}/enrolments"))
        .await;
    assert_eq!(r.status, 409, "sign-up has closed by now");
    let rows = guildhall_store::sessions::enrolments_of_person(t.app.db(), who.id.0)
        .await
        .expect("read");
    assert_eq!(rows.len(), 2, "no refused sign-up left a row");
}

#[tokio::test]
async fn attendance_completion_and_the_ledger() {
    let t = TestApp::new().await;
    let cw = t.catalog_world().await;
    let s = session_with(&t, &cw, 5, |_| {}).await;
    let people = learners(&t, &cw, 3, "c").await;
    let mut enrolments = Vec::new();
    for (_, c) in &people {
        enrolments.push(
            c.post_empty(&format!("/api/v1/sessions/{s}/enrolments"))
                .await
                .json()["id"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
        );
    }
    let trainer = t.bearer(&cw.trainer.email).await;
    let view = trainer
        .get_json(&format!("/api/v1/sessions/{s}"))
        .await
        .json();
    let meetings: Vec<String> = view["meetings"]
        .as_array()
        .expect("meetings")
        .iter()
        .map(|m| m["id"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(meetings.len(), 2);
    assert_eq!(
        trainer
            .post_empty(&format!("/api/v1/sessions/{s}/start"))
            .await
            .json()["state"],
        "running"
    );
    // The meetings take place.
    t.app.clock().advance(chrono::Duration::days(10));
    // c0: both meetings; c1: one and a half hours of one (25 %); c2: one present, one excused (50 %).
    let marks = json!({ "marks": [
        { "enrolment": enrolments[0], "meeting": meetings[0], "status": "present" },
        { "enrolment": enrolments[0], "meeting": meetings[1], "status": "present" },
        { "enrolment": enrolments[1], "meeting": meetings[0], "status": "partial", "minutes": 90 },
        { "enrolment": enrolments[1], "meeting": meetings[1], "status": "absent" },
        { "enrolment": enrolments[2], "meeting": meetings[0], "status": "present" },
        { "enrolment": enrolments[2], "meeting": meetings[1], "status": "excused" },
    ]});
    assert_eq!(
        trainer
            .post_json(&format!("/api/v1/sessions/{s}/attendance"), &marks)
            .await
            .status,
        200
    );
    let bad = json!({ "marks": [{ "enrolment": enrolments[0], "meeting": meetings[0], "status": "partial", "minutes": 999 }] });
    assert_eq!(
        trainer
            .post_json(&format!("/api/v1/sessions/{s}/attendance"), &bad)
            .await
            .status,
        422
    );
    assert_eq!(
        people[0]
            .1
            .post_json(&format!("/api/v1/sessions/{s}/attendance"), &marks)
            .await
            .status,
        404,
        "learners cannot"
    );
    assert_eq!(
        trainer
            .post_empty(&format!("/api/v1/sessions/{s}/finish"))
            .await
            .json()["state"],
        "finished"
    );

    let ledger = people[0].1.get_json("/api/v1/me/ledger").await.json();
    assert_eq!(ledger["total_hours"], 30.0);
    assert_eq!(ledger["entries"][0]["source"], "session");
    assert_eq!(ledger["entries"][0]["competences"][0], "DIGCOMPEDU:1.3");
    assert_eq!(
        people[1].1.get_json("/api/v1/me/ledger").await.json()["total_hours"],
        0.0
    );
    assert!(
        t.last_mail_to("c0@x.org")
            .await
            .expect("told")
            .subject
            .contains("Completed")
    );
    // The head sees their staff's ledger.
    let head = t.bearer(&cw.head.email).await;
    assert_eq!(
        head.get_json(&format!("/api/v1/people/{}/ledger", people[0].0.id))
            .await
            .json()["total_hours"],
        30.0
    );

    // A correction: c0 was not at the second meeting after all; c2's absence turns into presence.
    let fix = json!({ "marks": [
        { "enrolment": enrolments[0], "meeting": meetings[1], "status": "absent" },
        { "enrolment": enrolments[2], "meeting": meetings[1], "status": "present" },
    ]});
    assert_eq!(
        trainer
            .post_json(&format!("/api/v1/sessions/{s}/attendance"), &fix)
            .await
            .status,
        200
    );
    let ledger = people[0].1.get_json("/api/v1/me/ledger").await.json();
    assert_eq!(ledger["total_hours"], 0.0, "the completion was withdrawn");
    let entries = ledger["entries"].as_array().expect("entries");
    assert_eq!(entries.len(), 2, "by a new entry, not an update");
    assert_eq!(
        (entries[1]["hours"].as_f64(), entries[1]["reverses"].clone()),
        (Some(-30.0), entries[0]["id"].clone())
    );
    assert_eq!(
        people[2].1.get_json("/api/v1/me/ledger").await.json()["total_hours"],
        30.0
    );
    // Correcting the same thing again changes nothing.
    trainer
        .post_json(&format!("/api/v1/sessions/{s}/attendance"), &fix)
        .await;
    assert_eq!(
        people[0].1.get_json("/api/v1/me/ledger").await.json()["entries"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );

    let provider = t.bearer(&cw.provider.email).await;
    assert_eq!(
        provider
            .post_empty(&format!("/api/v1/sessions/{s}/close"))
            .await
            .json()["state"],
        "closed"
    );
    let r = trainer
        .post_json(&format!("/api/v1/sessions/{s}/attendance"), &fix)
        .await;
    assert_eq!((r.status, r.code()), (409, "attendance_closed".to_owned()));
    let log = t
        .bearer(&t.platform_admin().await.email)
        .await
        .get_json(&format!("/api/v1/audit?object_id={s}&action=attendance"))
        .await
        .json();
    assert_eq!(log["total"], 3, "every attendance change is audited");
}

#[tokio::test]
async fn cancelling_a_session_tells_everyone_and_reminders_go_once() {
    let t = TestApp::new().await;
    let cw = t.catalog_world().await;
    // Starting tomorrow morning; sign-up stays open until an hour before, whatever the time
    // of day the test runs at (by default it would close the evening before).
    let s = session_with(&t, &cw, 1, |i| {
        i.meetings
            .iter_mut()
            .for_each(|m| m.day -= Duration::days(6));
        i.registration_closes = i
            .meetings
            .iter()
            .map(|m| m.day.and_time(m.starts) - Duration::hours(1))
            .min();
    })
    .await;
    let people = learners(&t, &cw, 2, "x").await;
    for (_, c) in &people {
        c.post_empty(&format!("/api/v1/sessions/{s}/enrolments"))
            .await;
    }
    assert_eq!(
        t.app.send_reminders().await.expect("reminders"),
        1,
        "the confirmed one, whose session starts tomorrow"
    );
    assert_eq!(t.app.send_reminders().await.expect("reminders"), 0, "once");
    assert!(
        t.last_mail_to("x0@x.org")
            .await
            .expect("a reminder")
            .subject
            .starts_with("Tomorrow")
    );
    let provider = t.bearer(&cw.provider.email).await;
    assert_eq!(
        provider
            .post_empty(&format!("/api/v1/sessions/{s}/cancel"))
            .await
            .json()["state"],
        "cancelled"
    );
    for email in ["x0@x.org", "x1@x.org"] {
        assert!(
            t.last_mail_to(email)
                .await
                .expect("told")
                .subject
                .starts_with("Cancelled"),
            "{email}"
        );
    }
    let (holding, waiting, _) = assert_invariant(&t, &s).await;
    assert_eq!((holding, waiting), (0, 0));
}

/// Hundreds of learners sign up at once for a few small sessions through HTTP, then cancel
/// and get decided on concurrently. The seat count never exceeds capacity, always matches the
/// seat-holding enrolments, and the waiting list is served in arrival order.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_rush_never_overbooks_and_serves_the_line_in_order() {
    let t = Arc::new(TestApp::new().await);
    let cw = t.catalog_world().await;
    let sessions = vec![
        session_with(&t, &cw, 20, |_| {}).await,
        session_with(&t, &cw, 15, |i| {
            i.meetings
                .iter_mut()
                .for_each(|m| m.day += Duration::days(3))
        })
        .await,
        session_with(&t, &cw, 10, |i| {
            i.requires_approval = true;
            i.meetings
                .iter_mut()
                .for_each(|m| m.day += Duration::days(6));
        })
        .await,
    ];
    let people = learners(&t, &cw, 240, "rush").await;
    let people: Vec<_> = people.into_iter().map(|(w, c)| (w, Arc::new(c))).collect();
    let mut tasks = Vec::new();
    for (i, (_, c)) in people.iter().enumerate() {
        let c = c.clone();
        let s = sessions[i % sessions.len()].clone();
        tasks.push(tokio::spawn(async move {
            (
                i,
                c.post_empty(&format!("/api/v1/sessions/{s}/enrolments"))
                    .await,
            )
        }));
    }
    let mut enrolment_of: BTreeMap<usize, (String, String)> = BTreeMap::new();
    for task in tasks {
        let (i, r) = task.await.expect("a task");
        assert_eq!(r.status, 201, "{} {}", r.status, r.text);
        let b = r.json();
        enrolment_of.insert(
            i,
            (
                b["id"].as_str().unwrap_or_default().to_owned(),
                b["status"].as_str().unwrap_or_default().to_owned(),
            ),
        );
    }
    for s in &sessions {
        let (holding, waiting, cap) = assert_invariant(&t, s).await;
        assert_eq!(holding, cap, "every seat was taken");
        assert_eq!(holding + waiting, 80);
    }

    // Concurrently: every fourth confirmed or pending person cancels, and the head decides
    // every pending sign-up.
    let head = Arc::new(t.bearer(&cw.head.email).await);
    let mut tasks = Vec::new();
    for (i, (id, status)) in &enrolment_of {
        if (status == "confirmed" || status == "pending_approval") && i % 4 == 0 {
            let c = people[*i].1.clone();
            let id = id.clone();
            tasks.push(tokio::spawn(async move {
                c.delete(&format!("/api/v1/enrolments/{id}")).await
            }));
        }
    }
    let pending = head.get_json("/api/v1/approvals").await.json();
    for (k, e) in pending["items"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .enumerate()
    {
        let head = head.clone();
        let id = e["id"].as_str().unwrap_or_default().to_owned();
        let action = if k % 2 == 0 { "approve" } else { "decline" };
        tasks.push(tokio::spawn(async move {
            head.post_empty(&format!("/api/v1/enrolments/{id}/{action}"))
                .await
        }));
    }
    for task in tasks {
        let r = task.await.expect("a task");
        // A decision may meet a sign-up its owner has just cancelled: that is a clean 409.
        assert!(
            r.status == 200 || r.status == 409,
            "{} {}",
            r.status,
            r.text
        );
    }

    // Invariants, and the line was served in arrival order: everyone promoted arrived before
    // everyone still waiting.
    for s in &sessions {
        assert_invariant(&t, s).await;
        let id: uuid::Uuid = s.parse().expect("an id");
        let rows = guildhall_store::sessions::enrolments_of_session(t.app.db(), id)
            .await
            .expect("read");
        let promoted: Vec<String> = guildhall_store::entities::audit_entry::Entity::find()
            .filter(guildhall_store::entities::audit_entry::Column::Action.eq("enrolment.promote"))
            .all(t.app.db())
            .await
            .expect("read")
            .into_iter()
            .map(|a| a.object_id)
            .collect();
        let max_promoted = rows
            .iter()
            .filter(|e| promoted.contains(&e.id.to_string()))
            .map(|e| e.seq)
            .max();
        let min_waiting = rows
            .iter()
            .filter(|e| e.status == "waitlisted")
            .map(|e| e.seq)
            .min();
        if let (Some(p), Some(w)) = (max_promoted, min_waiting) {
            assert!(
                p < w,
                "someone who arrived later was served first ({p} > {w})"
            );
        }
        assert!(
            max_promoted.is_some(),
            "cancellations promoted people in {s}"
        );
    }
}

/// The same rush with a naive booking — read the count, check it, then write — overbooks.
/// This shows the test above can fail: only the conditional update keeps the invariant.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_naive_check_then_insert_would_overbook() {
    let t = TestApp::new().await;
    let cw = t.catalog_world().await;
    let s: uuid::Uuid = session_with(&t, &cw, 10, |_| {})
        .await
        .parse()
        .expect("an id");
    let people = learners(&t, &cw, 60, "naive").await;
    let db = t.app.db().clone();
    let backend = db.get_database_backend();
    let mut tasks = Vec::new();
    for (who, _) in &people {
        let db = db.clone();
        let person = who.id.0;
        tasks.push(tokio::spawn(async move {
            let s_model = guildhall_store::sessions::find_session(&db, s)
                .await
                .expect("read")
                .expect("the session");
            if s_model.taken < s_model.capacity {
                // Time passes between the check and the write, as it does under load.
                tokio::time::sleep(std::time::Duration::from_millis(5)).await;
                db.execute_raw(Statement::from_sql_and_values(
                    backend,
                    match backend {
                        sea_orm::DbBackend::Postgres => {
                            "UPDATE training_sessions SET taken = $1 WHERE id = $2"
                        }
                        _ => "UPDATE training_sessions SET taken = ? WHERE id = ?",
                    },
                    [(s_model.taken + 1).into(), s.into()],
                ))
                .await
                .expect("the naive update");
                let now = chrono::Utc::now();
                guildhall_store::sessions::insert_enrolment(
                    &db,
                    guildhall_store::entities::enrolment::Model {
                        seq: 0,
                        id: uuid::Uuid::now_v7(),
                        session_id: s,
                        person_id: person,
                        status: "confirmed".into(),
                        active_session: Some(s),
                        expires_at: None,
                        assessment_passed: None,
                        completed: false,
                        completed_at: None,
                        reminded: false,
                        decided_by: None,
                        decided_at: None,
                        decision_note: None,
                        created_at: now,
                        updated_at: now,
                    },
                )
                .await
                .expect("the naive insert");
            }
        }));
    }
    for task in tasks {
        task.await.expect("a task");
    }
    let confirmed = guildhall_store::sessions::enrolments_of_session(&db, s)
        .await
        .expect("read")
        .len();
    assert!(
        confirmed > 10,
        "the naive version should have overbooked, but confirmed {confirmed}"
    );
}

/// The rules that look at a person's other places (no two overlapping sessions, no more than
/// the allowed number of pending requests) hold when the sign-ups arrive all at once: they
/// are checked where the seats are handed out, against the sign-ups before them.
#[tokio::test]
async fn one_persons_simultaneous_sign_ups_keep_the_rules() {
    let t = TestApp::new().await;
    let cw = t.catalog_world().await;
    let (who, c) = learners(&t, &cw, 1, "twice").await.remove(0);
    let c = Arc::new(c);
    // Ten sessions at the same hours.
    let mut same_time = Vec::new();
    for _ in 0..10 {
        same_time.push(session_with(&t, &cw, 5, |_| {}).await);
    }
    let mut tasks = Vec::new();
    for s in &same_time {
        let c = c.clone();
        let path = format!("/api/v1/sessions/{s}/enrolments");
        tasks.push(tokio::spawn(async move { c.post_empty(&path).await }));
    }
    let mut outcomes: BTreeMap<(u16, String), usize> = BTreeMap::new();
    for task in tasks {
        let r = task.await.expect("a task");
        let key = if r.status == 201 {
            (
                201,
                r.json()["status"].as_str().unwrap_or_default().to_owned(),
            )
        } else {
            (r.status, r.code())
        };
        *outcomes.entry(key).or_default() += 1;
    }
    assert_eq!(
        outcomes,
        BTreeMap::from([
            ((201, "confirmed".to_owned()), 1),
            ((409, "overlapping_session".to_owned()), 9),
        ]),
        "one place at a time"
    );
    let mine = guildhall_store::sessions::enrolments_of_person(t.app.db(), who.id.0)
        .await
        .expect("read");
    assert_eq!(mine.len(), 1);
    for s in &same_time {
        assert_invariant(&t, s).await;
    }

    // Sessions that need the head's approval, on different days: at most the configured
    // number of requests wait at once.
    let max = t.app.config().max_pending_signups;
    let mut approval = Vec::new();
    for k in 0..(max + 4) {
        approval.push(
            session_with(&t, &cw, 5, |i| {
                i.requires_approval = true;
                i.meetings
                    .iter_mut()
                    .for_each(|m| m.day += Duration::days(30 + 7 * k as i64));
            })
            .await,
        );
    }
    let mut tasks = Vec::new();
    for s in &approval {
        let c = c.clone();
        let path = format!("/api/v1/sessions/{s}/enrolments");
        tasks.push(tokio::spawn(async move { c.post_empty(&path).await }));
    }
    let mut pending = 0;
    let mut refused = 0;
    for task in tasks {
        let r = task.await.expect("a task");
        match (r.status, r.code()) {
            (201, _) => {
                assert_eq!(r.json()["status"], "pending_approval", "{}", r.text);
                pending += 1;
            }
            (409, code) if code == "too_many_pending" => refused += 1,
            other => panic!("unexpected {other:?}: {}", r.text),
        }
    }
    assert_eq!((pending, refused), (max, 4));
}
