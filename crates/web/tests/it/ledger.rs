//! The ledger's summary lines, which compliance reads instead of the entries: each holds
//! exactly its person's entries with their competence areas, also when many are written at
//! the same moment, and the migration writes the same lines from an existing ledger.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Duration, Utc};
use guildhall_domain::ledger::{Packed, read};
use guildhall_domain::org::OrgKind;
use guildhall_store::entities::{competence, ledger_summary};
use guildhall_testkit::TestApp;
use sea_orm::{ConnectionTrait, EntityTrait};
use serde_json::json;
use uuid::Uuid;

/// The person's entries as the ledger holds them, in a fixed order.
async fn from_ledger(t: &TestApp, person: Uuid) -> Vec<Packed> {
    let db = t.app.db();
    let entries = guildhall_store::ledger::entries_of(db, person)
        .await
        .expect("entries");
    let ids: Vec<Uuid> = entries.iter().map(|e| e.id).collect();
    let comps = guildhall_store::ledger::competences_of(db, &ids)
        .await
        .expect("competences");
    let area: HashMap<Uuid, Uuid> = competence::Entity::find()
        .all(db)
        .await
        .expect("competences")
        .into_iter()
        .map(|c| (c.id, c.area_id))
        .collect();
    let mut out: Vec<Packed> = entries
        .into_iter()
        .map(|e| {
            let mut areas: Vec<Uuid> = comps
                .get(&e.id)
                .into_iter()
                .flatten()
                .filter_map(|c| area.get(c).copied())
                .collect();
            areas.sort();
            areas.dedup();
            Packed {
                on: e.occurred_on,
                minutes: e.minutes,
                source: e.source,
                item: e.enrolment_id.or(e.reference_id),
                areas,
            }
        })
        .collect();
    out.sort_by_key(|p| (p.on, p.minutes));
    out
}

/// The person's summary line, read back, in the same order.
async fn from_summary(t: &TestApp, person: Uuid) -> (i32, Vec<Packed>) {
    let row = ledger_summary::Entity::find_by_id(person)
        .one(t.app.db())
        .await
        .expect("read")
        .expect("a summary line");
    let mut out: Vec<Packed> = read(&row.credits)
        .collect::<Result<_, _>>()
        .expect("a well-formed line");
    out.sort_by_key(|p| (p.on, p.minutes));
    (row.entries, out)
}

#[tokio::test]
async fn summary_lines_hold_every_entry_even_when_written_at_once() {
    let t = TestApp::new().await;
    let hu = t.org("HU", OrgKind::Country, None).await;
    let region = t.org("HU-BP", OrgKind::Region, Some(hu)).await;
    let school = t.org("HU-BP-001", OrgKind::Institution, Some(region)).await;
    let teacher = t.person("teacher@test.example", Some(school), &[]).await;
    let admin = t.platform_admin().await;
    let root = Arc::new(t.bearer(&admin.email).await);
    let me = t.bearer(&teacher.email).await;
    let path = format!("/api/v1/people/{}/ledger", teacher.id.0);

    // Sixty corrections of one person at the same moment, half with a competence: each is
    // its own transaction appending to the same line.
    let today = Utc::now().date_naive();
    let mut tasks = Vec::new();
    for i in 0..60i64 {
        let root = root.clone();
        let path = path.clone();
        let mut body = json!({
            "minutes": 30 + i,
            "occurred_on": today - Duration::days(10 * i),
            "note": format!("Course abroad no. {i}"),
        });
        if i % 2 == 0 {
            body["competences"] = json!(["DIGCOMPEDU:1.3"]);
        }
        tasks.push(tokio::spawn(
            async move { root.post_json(&path, &body).await },
        ));
    }
    for task in tasks {
        let r = task.await.expect("a task");
        assert_eq!(r.status, 201, "{}", r.text);
    }
    let ledger = from_ledger(&t, teacher.id.0).await;
    assert_eq!(ledger.len(), 60);
    assert_eq!(ledger.iter().filter(|p| !p.areas.is_empty()).count(), 30);
    let (entries, summary) = from_summary(&t, teacher.id.0).await;
    assert_eq!(entries, 60);
    assert_eq!(summary, ledger, "the line holds every entry, nothing lost");

    // Refused input writes neither an entry nor a line.
    let r = root
        .post_json(
            &path,
            &json!({ "minutes": 60, "occurred_on": today, "note": "x", "competences": ["NO:SUCH"] }),
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.text);
    assert_eq!(from_summary(&t, teacher.id.0).await.0, 60);

    // The standing read from the lines; then the lines written again from the ledger, as
    // the migration does for an existing ledger: the same standing.
    let before = me.get_json("/api/v1/me/compliance").await;
    assert_eq!(before.status, 200, "{}", before.text);
    let done = before.json()["standings"][0]["hours_done"].clone();
    assert!(done.as_f64().unwrap_or(0.0) > 0.0, "{}", before.text);
    let db = t.app.db();
    db.execute_unprepared("DELETE FROM ledger_summaries")
        .await
        .expect("clear the lines");
    assert_eq!(
        me.get_json("/api/v1/me/compliance").await.json()["standings"][0]["hours_done"],
        json!(0.0),
        "without its line the ledger is not counted: the line is what is read"
    );
    guildhall_migration::backfill_ledger_summaries(db)
        .await
        .expect("write the lines again");
    let (entries, again) = from_summary(&t, teacher.id.0).await;
    assert_eq!(entries, 60);
    assert_eq!(again, ledger);
    assert_eq!(
        me.get_json("/api/v1/me/compliance").await.json(),
        before.json()
    );
}
