//! Compliance through HTTP: a person's standing as employment start, ledger entries and
//! leave change it; who may see and change what; an organisation's figures, pages and CSV.

use chrono::{Duration, Months, NaiveDate, Utc};
use guildhall_domain::identity::Role;
use guildhall_domain::org::OrgKind;
use guildhall_testkit::TestApp;
use serde_json::json;

fn years_ago(n: u32) -> NaiveDate {
    Utc::now()
        .date_naive()
        .checked_sub_months(Months::new(12 * n))
        .unwrap_or(NaiveDate::MIN)
}

#[tokio::test]
async fn standing_follows_the_ledger_employment_and_leave() {
    let t = TestApp::new().await;
    let hu = t.org("HU", OrgKind::Country, None).await;
    let region = t.org("HU-BP", OrgKind::Region, Some(hu)).await;
    let school = t.org("HU-BP-001", OrgKind::Institution, Some(region)).await;
    let other = t.org("HU-BP-002", OrgKind::Institution, Some(region)).await;
    let pl = t.org("PL", OrgKind::Country, None).await;
    let pl_region = t.org("PL-MA", OrgKind::Region, Some(pl)).await;
    let pl_school = t
        .org("PL-MA-001", OrgKind::Institution, Some(pl_region))
        .await;
    let teacher = t.person("teacher@test.example", Some(school), &[]).await;
    let head = t
        .person(
            "head@test.example",
            None,
            &[(Role::InstitutionHead, Some(school))],
        )
        .await;
    let other_head = t
        .person(
            "head2@test.example",
            None,
            &[(Role::InstitutionHead, Some(other))],
        )
        .await;
    let polish = t
        .person("nauczyciel@test.example", Some(pl_school), &[])
        .await;
    let admin = t.platform_admin().await;
    let me = t.bearer(&teacher.email).await;
    let boss = t.bearer(&head.email).await;
    let stranger = t.bearer(&other_head.email).await;
    let root = t.bearer(&admin.email).await;

    // A new instructor in a Hungarian institution: the 60-hour rule, nothing done yet.
    let r = me.get_json("/api/v1/me/compliance").await;
    assert_eq!(r.status, 200, "{}", r.text);
    let s = &r.json()["standings"][0];
    assert_eq!(s["rule"], "HU-VET-60H");
    assert_eq!(s["status"], "on_track");
    assert_eq!(s["hours_needed"], 60.0);
    assert_eq!(r.json()["standings"].as_array().map(Vec::len), Some(1));
    // The Polish instructor is under the Polish rule, which counts industry training only.
    let r = t
        .bearer(&polish.email)
        .await
        .get_json("/api/v1/me/compliance")
        .await;
    assert_eq!(r.json()["standings"][0]["rule"], "PL-VET-INDUSTRY-40H");
    assert_eq!(r.json()["standings"][0]["gaps"][0]["key"], "industry");
    // The head alone works nowhere: no rule covers them.
    let r = boss.get_json("/api/v1/me/compliance").await;
    assert_eq!(r.json()["standings"].as_array().map(Vec::len), Some(0));

    // Employment six years ago: the first cycle ended unmet, the second is half gone.
    let start = years_ago(6);
    let path = format!("/api/v1/people/{}/employment-start", teacher.id.0);
    assert_eq!(
        me.put_json(&path, &json!({ "started_on": start }))
            .await
            .status,
        403,
        "nobody sets their own"
    );
    assert_eq!(
        stranger
            .put_json(&path, &json!({ "started_on": start }))
            .await
            .status,
        404
    );
    let future = Utc::now().date_naive() + Duration::days(30);
    let r = boss.put_json(&path, &json!({ "started_on": future })).await;
    assert_eq!((r.status, r.code()), (422, "validation_failed".to_owned()));
    assert_eq!(
        boss.put_json(&path, &json!({ "started_on": start }))
            .await
            .status,
        200
    );
    let s = me.get_json("/api/v1/me/compliance").await.json()["standings"][0].clone();
    assert_eq!(s["status"], "overdue");
    assert_eq!(s["cycle_start"], json!(years_ago(2)));
    assert!(s["missed_deadline"].is_string());

    // Sixty hours credited inside the first cycle: no longer overdue, but half the current
    // cycle is gone with nothing done.
    let ledger = format!("/api/v1/people/{}/ledger", teacher.id.0);
    let r = root
        .post_json(
            &ledger,
            &json!({ "minutes": 3600, "occurred_on": years_ago(3), "note": "Training abroad, certified" }),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let s = me.get_json("/api/v1/me/compliance").await.json()["standings"][0].clone();
    assert_eq!(s["status"], "at_risk");
    assert_eq!(s["missed_deadline"], json!(null));
    let deadline = s["deadline"].as_str().unwrap_or_default().to_owned();

    // A hundred days of leave moves the deadline by a hundred days.
    let leaves = format!("/api/v1/people/{}/leaves", teacher.id.0);
    let from = years_ago(1);
    let body = json!({ "starts_on": from, "ends_on": from + Duration::days(99), "reason": "Parental leave" });
    assert_eq!(me.post_json(&leaves, &body).await.status, 403);
    let r = boss
        .patch_json(
            "/api/v1/me",
            &json!({ "name": "Dyrektor", "language": "pl", "category": "institution_leader" }),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let before = t.count("leaves").await;
    let reversed = json!({ "starts_on": from, "ends_on": from - Duration::days(1), "reason": "x" });
    let r = boss.post_json(&leaves, &reversed).await;
    assert_eq!(r.status, 422);
    assert!(r.text.contains("Data końcowa"), "Polish: {}", r.text);
    let r = boss
        .post_json(
            &leaves,
            &json!({ "starts_on": from, "ends_on": from, "reason": " " }),
        )
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(t.count("leaves").await, before, "nothing stored");
    assert_eq!(boss.post_json(&leaves, &body).await.status, 201);
    let s = me.get_json("/api/v1/me/compliance").await.json()["standings"][0].clone();
    let moved = NaiveDate::parse_from_str(s["deadline"].as_str().unwrap_or_default(), "%Y-%m-%d");
    let was = NaiveDate::parse_from_str(&deadline, "%Y-%m-%d");
    assert_eq!(moved.map(|m| was.map(|w| (m - w).num_days())), Ok(Ok(100)));

    // Sixty hours in the current cycle: compliant.
    let r = root
        .post_json(
            &ledger,
            &json!({ "minutes": 3600, "occurred_on": Utc::now().date_naive() - Duration::days(10), "note": "Summer school" }),
        )
        .await;
    assert_eq!(r.status, 201);
    let s = me.get_json("/api/v1/me/compliance").await.json()["standings"][0].clone();
    assert_eq!(s["status"], "compliant");
    assert_eq!(s["hours_needed"], 0.0);

    // Who may see a person's standing.
    let person = format!("/api/v1/people/{}/compliance", teacher.id.0);
    assert_eq!(boss.get_json(&person).await.status, 200);
    assert_eq!(stranger.get_json(&person).await.status, 404);
    assert_eq!(
        t.bearer(&polish.email).await.get_json(&person).await.status,
        404
    );

    // The institution's figures, with everyone's line on request.
    let org = format!(
        "/api/v1/organisations/{}/compliance?detail=people",
        school.0
    );
    let r = boss.get_json(&org).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let o = r.json();
    assert_eq!(o["people"], 1);
    assert_eq!(o["totals"]["compliant"], 1);
    assert_eq!(o["people_detail"][0]["name"], "Person teacher@test.example");
    assert_eq!(stranger.get_json(&org).await.status, 404);
    assert_eq!(me.get_json(&org).await.status, 404);
    // The whole country, by region; the other school has nobody.
    let r = root
        .get_json(&format!("/api/v1/organisations/{}/compliance", hu.0))
        .await;
    let o = r.json();
    assert_eq!(o["totals"]["total"], 1);
    assert_eq!(o["by_organisation"][0]["key"], region.0.to_string());
    assert_eq!(o["by_organisation"][0]["counts"]["compliant"], 1);
    assert_eq!(o["people_detail"], json!(null));

    // Pages: the person's, the institution's with a filter, and the CSV.
    let page = t.login(&teacher.email).await;
    let r = page.get("/compliance").await;
    assert_eq!(r.status, 200);
    assert!(r.text.contains("Compliant"), "{}", r.text);
    let head_page = t.login(&head.email).await;
    let r = head_page
        .get(&format!(
            "/organisations/{}/compliance?status=compliant&sort=deadline",
            school.0
        ))
        .await;
    assert_eq!(r.status, 200);
    assert!(r.text.contains("Person teacher@test.example"));
    let r = head_page
        .get(&format!(
            "/organisations/{}/compliance?status=overdue",
            school.0
        ))
        .await;
    assert!(!r.text.contains("Person teacher@test.example"));
    let r = head_page
        .get(&format!("/organisations/{}/compliance.csv", school.0))
        .await;
    assert_eq!(r.status, 200);
    assert!(
        r.header("content-type")
            .unwrap_or_default()
            .starts_with("text/csv")
    );
    let lines: Vec<&str> = r.text.lines().collect();
    assert_eq!(lines.len(), 2, "{}", r.text);
    assert!(lines[1].starts_with("Person teacher@test.example,"));
    assert_eq!(
        t.login(&other_head.email)
            .await
            .get(&format!("/organisations/{}/compliance.csv", school.0))
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn reminders_digests_history_and_the_spreadsheet() {
    let t = TestApp::new().await;
    let hu = t.org("HU", OrgKind::Country, None).await;
    let region = t.org("HU-PE", OrgKind::Region, Some(hu)).await;
    let school = t.org("HU-PE-001", OrgKind::Institution, Some(region)).await;
    let teacher = t.person("late@test.example", Some(school), &[]).await;
    let keen = t.person("keen@test.example", Some(school), &[]).await;
    let head = t
        .person(
            "boss@test.example",
            None,
            &[(Role::InstitutionHead, Some(school))],
        )
        .await;
    let boss = t.bearer(&head.email).await;
    let root = t.bearer(&t.platform_admin().await.email).await;
    // Both started 3 years and 8 months ago: about four months of the cycle left, so the
    // 180-day point has passed and the 90-day one has not.
    let today = Utc::now().date_naive();
    let start = today
        .checked_sub_months(Months::new(44))
        .unwrap_or(NaiveDate::MIN);
    for p in [&teacher, &keen] {
        let path = format!("/api/v1/people/{}/employment-start", p.id.0);
        let r = boss.put_json(&path, &json!({ "started_on": start })).await;
        assert_eq!(r.status, 200, "{}", r.text);
    }
    // The keen one did 60 hours this spring; the late one did nothing.
    let r = root
        .post_json(
            &format!("/api/v1/people/{}/ledger", keen.id.0),
            &json!({ "minutes": 3600, "occurred_on": today - Duration::days(200), "note": "Summer school" }),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);

    // One reminder, to the person at risk, once however often the job runs.
    assert_eq!(t.app.send_compliance_reminders().await.ok(), Some(1));
    assert_eq!(t.app.send_compliance_reminders().await.ok(), Some(0));
    let mail = t.last_mail_to(&teacher.email).await.expect("a reminder");
    assert!(mail.subject.contains("days left"), "{}", mail.subject);
    assert!(mail.body.contains("60 hours"), "{}", mail.body);
    assert!(mail.body.contains("/compliance"), "{}", mail.body);
    assert!(
        t.last_mail_to(&keen.email).await.is_none(),
        "the compliant one is left alone"
    );
    let reminded: Vec<(i32,)> = {
        use sea_orm::{EntityTrait, QuerySelect};
        guildhall_store::entities::compliance_reminder::Entity::find()
            .select_only()
            .column(guildhall_store::entities::compliance_reminder::Column::DaysBefore)
            .into_tuple()
            .all(t.app.db())
            .await
            .expect("read")
    };
    assert_eq!(
        reminded,
        vec![(180,)],
        "the nearest point passed, not every point"
    );

    // The monthly digest to the head, once a month.
    assert_eq!(t.app.send_compliance_digests().await.ok(), Some(1));
    assert_eq!(t.app.send_compliance_digests().await.ok(), Some(0));
    let digest = t.last_mail_to(&head.email).await.expect("a digest");
    assert!(digest.body.contains("compliant: 1"), "{}", digest.body);
    assert!(digest.body.contains("at risk: 1"), "{}", digest.body);
    assert!(
        digest
            .body
            .contains(&format!("/organisations/{}/compliance", school.0)),
        "{}",
        digest.body
    );

    // Twelve month ends and today; a year ago the keen one had not yet trained.
    let r = boss
        .get_json(&format!(
            "/api/v1/organisations/{}/compliance?history=true",
            school.0
        ))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let h = r.json()["history"].clone();
    assert_eq!(h.as_array().map(Vec::len), Some(13), "{h}");
    assert_eq!(h[12]["on"], json!(today));
    assert_eq!(h[12]["counts"]["compliant"], 1);
    assert_eq!(h[12]["counts"]["at_risk"], 1);
    assert_eq!(h[0]["counts"]["compliant"], 0, "{h}");
    assert_eq!(h[0]["counts"]["total"], 2, "{h}");

    // The page draws the chart, with the figures in a table as well.
    let page = t.login(&head.email).await;
    let r = page
        .get(&format!("/organisations/{}/compliance", school.0))
        .await;
    assert_eq!(r.status, 200);
    assert!(
        r.text.contains("<svg") && r.text.contains("role=\"img\""),
        "{}",
        r.text
    );
    assert!(r.text.contains("Compliance over the last twelve months"));

    // The spreadsheet: a real workbook any zip reader opens, hours as numbers.
    let r = page
        .get(&format!("/organisations/{}/compliance.xlsx", school.0))
        .await;
    assert_eq!(r.status, 200);
    assert!(
        r.header("content-type")
            .unwrap_or_default()
            .contains("spreadsheetml"),
    );
    let file = std::env::temp_dir().join(format!("gh-{}.xlsx", uuid::Uuid::new_v4()));
    std::fs::write(&file, &r.bytes).expect("write the workbook");
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(
            "import sys, zipfile\n\
             z = zipfile.ZipFile(sys.argv[1])\n\
             assert z.testzip() is None\n\
             print(z.read('xl/worksheets/sheet1.xml').decode())",
        )
        .arg(&file)
        .output()
        .expect("python3 runs");
    let _ = std::fs::remove_file(&file);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let sheet = String::from_utf8_lossy(&out.stdout);
    assert!(sheet.contains("Person late@test.example"), "{sheet}");
    assert!(
        sheet.contains("<v>60</v>"),
        "sixty hours needed, as a number: {sheet}"
    );
    assert_eq!(
        page.get(&format!("/organisations/{}/compliance.xlsx", region.0))
            .await
            .status,
        404,
        "a head sees their own institution only"
    );
}

/// An organisation's figures over more people than SQLite reads together in one bundle (500):
/// everyone is counted once, in the totals and under each institution they work in, whether
/// they work in one of its institutions, in two of them, or also outside it; and everyone's
/// own standing is the one the figures count.
#[tokio::test]
async fn large_organisations_count_everyone_once() {
    let t = TestApp::new().await;
    let hu = t.org("HU", OrgKind::Country, None).await;
    let region = t.org("HU-GY", OrgKind::Region, Some(hu)).await;
    let a = t.org("HU-GY-001", OrgKind::Institution, Some(region)).await;
    let b = t.org("HU-GY-002", OrgKind::Institution, Some(region)).await;
    let far = t.org("HU-PE", OrgKind::Region, Some(hu)).await;
    let c = t.org("HU-PE-001", OrgKind::Institution, Some(far)).await;
    let admin = t.platform_admin().await;
    let root = t.bearer(&admin.email).await;
    let db = t.app.db();
    let now = Utc::now();
    let (mut compliant, mut in_a, mut in_b, mut in_c) = (0, 0, 0, 0);
    for i in 0..1_100 {
        let home = if i < 700 { a } else { b };
        let who = t
            .person(&format!("p{i:04}@test.example"), Some(home), &[])
            .await;
        let mut orgs = vec![home];
        if i % 50 == 0 {
            orgs.push(if home == a { b } else { a });
        }
        if i % 70 == 0 {
            orgs.push(c);
        }
        for o in &orgs[1..] {
            guildhall_store::identity::add_membership(db, who.id.0, o.0, now)
                .await
                .expect("a second workplace");
        }
        in_a += usize::from(orgs.contains(&a));
        in_b += usize::from(orgs.contains(&b));
        in_c += usize::from(orgs.contains(&c));
        if i % 4 == 0 {
            compliant += 1;
            guildhall_store::ledger::append(
                db,
                guildhall_store::entities::ledger_entry::Model {
                    seq: 0,
                    id: uuid::Uuid::now_v7(),
                    person_id: who.id.0,
                    minutes: 3600,
                    occurred_on: now.date_naive(),
                    source: "correction".into(),
                    session_id: None,
                    enrolment_id: None,
                    version_id: None,
                    reference_id: None,
                    reverses: None,
                    note: "sixty hours".into(),
                    created_by: Some(admin.id.0),
                    created_at: now,
                },
                &[],
            )
            .await
            .expect("a ledger entry");
        }
    }
    let r = root
        .get_json(&format!("/api/v1/organisations/{}/compliance", region.0))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let o = r.json();
    assert_eq!(o["people"], 1_100);
    assert_eq!(o["totals"]["total"], 1_100);
    assert_eq!(o["totals"]["compliant"], compliant);
    assert_eq!(o["totals"]["on_track"], 1_100 - compliant);
    let under = |org: guildhall_domain::OrgId| {
        o["by_organisation"]
            .as_array()
            .and_then(|rows| rows.iter().find(|r| r["key"] == org.0.to_string()))
            .map(|r| r["counts"]["total"].clone())
    };
    assert_eq!(under(a), Some(json!(in_a)));
    assert_eq!(under(b), Some(json!(in_b)));

    // Everyone's line in the first institution, each person once, each as they stand alone.
    let r = root
        .get_json(&format!(
            "/api/v1/organisations/{}/compliance?detail=people&per_page=1000",
            a.0
        ))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let lines = r.json()["people_detail"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let mut ids: Vec<String> = lines
        .iter()
        .filter_map(|l| l["person"].as_str().map(str::to_owned))
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), in_a, "everyone in the first institution, once");
    for l in lines.iter().step_by(97) {
        let alone = root
            .get_json(&format!(
                "/api/v1/people/{}/compliance",
                l["person"].as_str().unwrap_or_default()
            ))
            .await
            .json();
        assert_eq!(l["standing"], alone["standings"][0], "{l}");
    }
    // The far region sees only those who also work there.
    let r = root
        .get_json(&format!("/api/v1/organisations/{}/compliance", far.0))
        .await;
    assert_eq!(r.json()["totals"]["total"], in_c);
}
