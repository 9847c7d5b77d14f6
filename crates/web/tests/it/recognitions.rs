//! Recognition of outside learning: submitting with evidence, bad input refused with
//! nothing stored, who decides, and approved hours counting towards compliance.

use chrono::{Duration, Utc};
use guildhall_domain::identity::Role;
use guildhall_domain::org::OrgKind;
use guildhall_testkit::{Client, Resp, TestApp};
use serde_json::json;

const BOUNDARY: &str = "guildhall-test-boundary";

/// Form fields, an evidence file (name, bytes), and the field the answer must name.
type BadCase<'a> = (Vec<(&'a str, String)>, Option<(&'a str, &'a [u8])>, &'a str);

/// A multipart form: text fields and, optionally, the evidence file.
fn form(fields: &[(&str, String)], evidence: Option<(&str, &[u8])>) -> Vec<u8> {
    let mut out = Vec::new();
    for (k, v) in fields {
        out.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    if let Some((name, bytes)) = evidence {
        out.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"evidence\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        out.extend_from_slice(bytes);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    out
}

async fn submit(c: &Client, fields: &[(&str, String)], evidence: Option<(&str, &[u8])>) -> Resp {
    c.post_raw_auth(
        "/api/v1/me/recognitions",
        &format!("multipart/form-data; boundary={BOUNDARY}"),
        form(fields, evidence),
    )
    .await
}

#[tokio::test]
async fn outside_learning_is_submitted_decided_and_counted() {
    let t = TestApp::new().await;
    let pl = t.org("PL", OrgKind::Country, None).await;
    let region = t.org("PL-MA", OrgKind::Region, Some(pl)).await;
    let school = t.org("PL-MA-001", OrgKind::Institution, Some(region)).await;
    let other = t.org("PL-MA-002", OrgKind::Institution, Some(region)).await;
    let teacher = t.person("nauczyciel@test.example", Some(school), &[]).await;
    let head = t
        .person(
            "dyrektor@test.example",
            Some(school),
            &[(Role::InstitutionHead, Some(school))],
        )
        .await;
    let stranger = t
        .person(
            "obcy@test.example",
            None,
            &[(Role::InstitutionHead, Some(other))],
        )
        .await;
    let me = t.bearer(&teacher.email).await;
    let boss = t.bearer(&head.email).await;
    let outsider = t.bearer(&stranger.email).await;
    assert_eq!(
        boss.put_json(
            &format!("/api/v1/people/{}/employment-start", teacher.id.0),
            &json!({ "started_on": "2010-09-01" }),
        )
        .await
        .status,
        200
    );
    let day = Utc::now().date_naive() - Duration::days(1);
    let good = vec![
        ("kind", "industry".to_owned()),
        ("title", "Staż w zakładzie obróbki skrawaniem".to_owned()),
        ("provider", "Fabryka Narzędzi Kraków".to_owned()),
        ("starts_on", day.to_string()),
        ("ends_on", day.to_string()),
        ("hours", "40".to_owned()),
    ];
    let pdf: &[u8] = b"%PDF-1.4\n% a certificate of the placement\n";

    // Bad input: a clear message for the field, nothing stored.
    let with = |k: &str, v: String| -> Vec<(&str, String)> {
        good.iter()
            .map(|(a, b)| (*a, if *a == k { v.clone() } else { b.clone() }))
            .collect()
    };
    let cases: Vec<BadCase> = vec![
        (
            good.clone(),
            Some(("tool.exe", b"MZ\x90\x00 not a document")),
            "evidence",
        ),
        (good.clone(), None, "evidence"),
        (with("hours", "-5".into()), Some(("c.pdf", pdf)), "hours"),
        (with("hours", "many".into()), Some(("c.pdf", pdf)), "hours"),
        (
            with("ends_on", (day - Duration::days(3)).to_string()),
            Some(("c.pdf", pdf)),
            "ends_on",
        ),
        (
            with("ends_on", (day + Duration::days(30)).to_string()),
            Some(("c.pdf", pdf)),
            "ends_on",
        ),
        (
            with("starts_on", "2026-02-31".into()),
            Some(("c.pdf", pdf)),
            "starts_on",
        ),
        (with("kind", "holiday".into()), Some(("c.pdf", pdf)), "kind"),
        (with("title", " ".into()), Some(("c.pdf", pdf)), "title"),
    ];
    for (fields, evidence, field) in cases {
        let r = submit(&me, &fields, evidence).await;
        assert_eq!(r.status, 422, "{field}: {}", r.text);
        assert!(
            r.json()["fields"][field].is_string() || r.text.contains(field),
            "{field}: {}",
            r.text
        );
    }
    let mut unknown = good.clone();
    unknown.push(("competences", "NOPE:9.9".into()));
    assert_eq!(
        submit(&me, &unknown, Some(("c.pdf", pdf))).await.status,
        422
    );
    let mut big = b"%PDF-1.4\n".to_vec();
    big.resize(10 * 1024 * 1024 + 1, b' ');
    let r = submit(&me, &good, Some(("big.pdf", &big))).await;
    assert_eq!(r.status, 422, "{}", r.text);
    assert!(r.text.contains("10 MB"), "{}", r.text);
    assert_eq!(t.count("recognitions").await, 0, "nothing stored");

    // A good submission.
    let r = submit(&me, &good, Some(("zaswiadczenie.pdf", pdf))).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let id = r.json()["id"].as_str().expect("an id").to_owned();
    let mine = me.get_json("/api/v1/me/recognitions").await.json();
    assert_eq!(mine["items"][0]["status"], "pending");
    assert_eq!(mine["items"][0]["evidence_type"], "application/pdf");
    let before = me.get_json("/api/v1/me/compliance").await.json()["standings"][0].clone();
    assert_eq!(before["rule"], "PL-VET-INDUSTRY-40H");
    assert_ne!(before["status"], "compliant");

    // Who decides: not the person, not a head elsewhere.
    let r = me
        .post_empty(&format!("/api/v1/recognitions/{id}/approve"))
        .await;
    assert_eq!(r.code(), "own_recognition");
    assert_eq!(
        outsider
            .post_empty(&format!("/api/v1/recognitions/{id}/approve"))
            .await
            .status,
        404
    );
    assert_eq!(
        outsider
            .get(&format!("/api/v1/recognitions/{id}/evidence"))
            .await
            .status,
        404
    );
    let queue = outsider.get_json("/api/v1/recognitions").await.json();
    assert_eq!(queue["items"].as_array().map(Vec::len), Some(0));
    assert_eq!(
        me.get_json("/api/v1/recognitions").await.status,
        403,
        "a learner has no queue"
    );
    // The head sees it with its evidence, and approves it.
    let queue = boss.get_json("/api/v1/recognitions").await.json();
    assert_eq!(queue["items"][0]["id"], id.as_str());
    assert_eq!(
        queue["items"][0]["person_name"],
        "Person nauczyciel@test.example"
    );
    let file = boss
        .get(&format!("/api/v1/recognitions/{id}/evidence"))
        .await;
    assert_eq!(file.status, 200);
    assert_eq!(file.text.as_bytes(), pdf);
    let r = boss
        .post_json(
            &format!("/api/v1/recognitions/{id}/reject"),
            &json!({ "reason": "" }),
        )
        .await;
    assert_eq!(r.status, 422, "a rejection needs a reason");
    assert_eq!(
        boss.post_empty(&format!("/api/v1/recognitions/{id}/approve"))
            .await
            .status,
        200
    );
    assert_eq!(
        boss.post_empty(&format!("/api/v1/recognitions/{id}/approve"))
            .await
            .status,
        409
    );

    // The hours are in the ledger as industry training, and the Polish rule is met.
    let ledger = me.get_json("/api/v1/me/ledger").await.json();
    assert_eq!(ledger["entries"][0]["source"], "industry");
    assert_eq!(ledger["total_hours"], 40.0);
    let after = me.get_json("/api/v1/me/compliance").await.json()["standings"][0].clone();
    assert_eq!(after["status"], "compliant", "{after}");

    // A second submission is rejected with a reason the person sees.
    let r = submit(&me, &good, Some(("scan.png", b"\x89PNG\r\n\x1a\n rest"))).await;
    let second = r.json()["id"].as_str().expect("an id").to_owned();
    let r = boss
        .post_json(
            &format!("/api/v1/recognitions/{second}/reject"),
            &json!({ "reason": "Ten sam staż zgłoszony dwa razy" }),
        )
        .await;
    assert_eq!(r.status, 200);
    let mine = me.get_json("/api/v1/me/recognitions").await.json();
    assert_eq!(mine["items"][0]["status"], "rejected");
    assert_eq!(
        mine["items"][0]["reason"],
        "Ten sam staż zgłoszony dwa razy"
    );
    assert_eq!(
        me.get_json("/api/v1/me/ledger").await.json()["total_hours"],
        40.0
    );

    // The pages.
    let page = t.login(&teacher.email).await;
    assert_eq!(page.get("/recognitions/new").await.status, 200);
    let r = page.get("/compliance").await;
    assert!(r.text.contains("Staż w zakładzie"), "{}", r.text);
    let head_page = t.login(&head.email).await;
    let r = head_page.get("/recognitions").await;
    assert_eq!(r.status, 200);
}
