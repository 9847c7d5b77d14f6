//! The organisation tree, through the API and through the pages in all four languages.

use guildhall_domain::identity::Role;
use guildhall_testkit::TestApp;
use serde_json::json;

#[tokio::test]
async fn building_a_tree_through_the_api() {
    let t = TestApp::new().await;
    let admin = t.platform_admin().await;
    let api = t.bearer(&admin.email).await;
    let hu = api
        .post_json("/api/v1/organisations", &json!({ "kind": "country", "code": "hu", "names": { "hu": "Magyarország", "en": "Hungary" } }))
        .await;
    assert_eq!(hu.status, 201, "{}", hu.text);
    assert_eq!(hu.json()["code"], "HU", "codes are stored upper-case");
    let hu_id = hu.json()["id"].as_str().unwrap_or_default().to_owned();
    let region = api
        .post_json("/api/v1/organisations", &json!({ "parent": hu_id, "kind": "region", "code": "HU-EA", "names": { "hu": "Észak-Alföld" } }))
        .await;
    assert_eq!(region.status, 201);
    let region_id = region.json()["id"].as_str().unwrap_or_default().to_owned();
    assert_eq!(
        region.json()["name"],
        "Észak-Alföld",
        "falls back to the language that is there"
    );

    // An institution directly under a country is not allowed; nothing is created.
    let before = t.count("organisations").await;
    let r = api
        .post_json("/api/v1/organisations", &json!({ "parent": hu_id, "kind": "institution", "code": "HU-X", "names": { "en": "X" } }))
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.json()["fields"][0]["code"], "org_kind_not_allowed_here");
    let r = api
        .post_json(
            "/api/v1/organisations",
            &json!({ "parent": region_id, "kind": "institution", "code": "HU", "names": {} }),
        )
        .await;
    assert_eq!(r.status, 422);
    let codes: Vec<String> = r.json()["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| f["code"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(codes, ["name_required_any_language", "code_taken"]);
    let r = api.post_json("/api/v1/organisations", &json!({ "parent": uuid::Uuid::now_v7(), "kind": "region", "code": "Z", "names": { "en": "Z" } })).await;
    assert_eq!(r.status, 422);
    assert_eq!(t.count("organisations").await, before);

    let school = api
        .post_json("/api/v1/organisations", &json!({ "parent": region_id, "kind": "institution", "code": "HU-EA-DSZC", "names": { "hu": "Debreceni SZC", "pl": "CKZ Debreczyn" } }))
        .await;
    assert_eq!(school.status, 201);
    let list = api.get_json("/api/v1/organisations").await.json();
    assert_eq!(list["total"], 3);
    let r = api
        .patch_json(
            &format!(
                "/api/v1/organisations/{}",
                school.json()["id"].as_str().unwrap_or_default()
            ),
            &json!({ "code": "HU-EA-DSZC", "names": { "hu": "Debreceni Szakképzési Centrum" } }),
        )
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(
        r.json()["names"]["pl"],
        serde_json::Value::Null,
        "names not sent are cleared"
    );
}

#[tokio::test]
async fn coordinators_build_below_their_region_only() {
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
    let ok = api.post_json("/api/v1/organisations", &json!({ "parent": w.region.0, "kind": "institution", "code": "C-R1-S9", "names": { "en": "New school" } })).await;
    assert_eq!(ok.status, 201);
    let region = api.post_json("/api/v1/organisations", &json!({ "parent": w.country.0, "kind": "region", "code": "C-R3", "names": { "en": "R3" } })).await;
    assert_eq!(region.status, 403);
    let elsewhere = api.post_json("/api/v1/organisations", &json!({ "parent": w.other_region.0, "kind": "institution", "code": "C-R2-S9", "names": { "en": "X" } })).await;
    assert_eq!(elsewhere.status, 403);
    let rename_region = api
        .patch_json(
            &format!("/api/v1/organisations/{}", w.region),
            &json!({ "code": "C-R1", "names": { "en": "Renamed" } }),
        )
        .await;
    assert_eq!(rename_region.status, 403);
}

/// The administrator creates a region and an institution, invites a person and gives them a
/// role, through the pages, in each language.
#[tokio::test]
async fn administrator_walkthrough_in_every_language() {
    let t = TestApp::new().await;
    let admin = t.platform_admin().await;
    let country = t
        .org("HU", guildhall_domain::org::OrgKind::Country, None)
        .await;
    let c = t.login(&admin.email).await;
    let expectations = [
        (
            "hu",
            "Szervezetek",
            "A szervezet elkészült",
            "Személy felvétele",
            "Intézményvezető",
        ),
        (
            "pl",
            "Organizacje",
            "Organizacja została utworzona",
            "Dodaj osobę",
            "Dyrektor placówki",
        ),
        (
            "ru",
            "Организации",
            "Организация создана",
            "Добавить человека",
            "Руководитель организации",
        ),
        (
            "en",
            "Organisations",
            "The organisation is created",
            "Add a person",
            "Institution head",
        ),
    ];
    for (i, (lang, orgs_title, created, add_person, head_role)) in expectations.iter().enumerate() {
        let r = c
            .post_form("/language", &[("lang", lang), ("next", "/organisations")])
            .await;
        assert_eq!((r.status, r.location().as_str()), (303, "/organisations"));
        let page = c.get("/organisations").await;
        assert!(
            page.text.contains(&format!("<html lang=\"{lang}\"")),
            "{lang}"
        );
        assert!(
            page.text.contains(orgs_title),
            "{lang}: {}",
            &page.text[..500.min(page.text.len())]
        );

        let region_code = format!("HU-R{i}");
        let r = c
            .post_form(
                "/organisations",
                &[
                    ("parent", &country.to_string()),
                    ("kind", "region"),
                    ("code", &region_code),
                    ("name_en", "Region"),
                    ("name_hu", "Régió"),
                ],
            )
            .await;
        assert_eq!(r.status, 303, "{lang}: {}", r.text);
        let region_page = c.get(&r.location()).await;
        assert!(region_page.text.contains(created), "{lang}");
        let region_id = r
            .location()
            .trim_start_matches("/organisations/")
            .split('?')
            .next()
            .unwrap_or_default()
            .to_owned();

        let school_code = format!("HU-R{i}-S");
        let r = c
            .post_form(
                "/organisations",
                &[
                    ("parent", &region_id),
                    ("kind", "institution"),
                    ("code", &school_code),
                    ("name_en", "School"),
                ],
            )
            .await;
        assert_eq!(r.status, 303, "{lang}: {}", r.text);
        let school_id = r
            .location()
            .trim_start_matches("/organisations/")
            .split('?')
            .next()
            .unwrap_or_default()
            .to_owned();

        let form = c.get("/people/new").await;
        assert!(form.text.contains(add_person), "{lang}");
        let email = format!("invitee.{lang}@example.org");
        let r = c
            .post_form(
                "/people",
                &[
                    ("name", "Új Kolléga"),
                    ("email", &email),
                    ("category", "instructor"),
                    ("organisation", &school_id),
                    ("lang", lang),
                ],
            )
            .await;
        assert_eq!(r.status, 303, "{lang}: {}", r.text);
        let person_path = r
            .location()
            .split('?')
            .next()
            .unwrap_or_default()
            .to_owned();
        assert!(
            t.last_mail_to(&email).await.is_some(),
            "{lang}: the invitation is in the outbox"
        );

        let r = c
            .post_form(
                &format!("{person_path}/roles"),
                &[("role", "institution_head"), ("organisation", &school_id)],
            )
            .await;
        assert_eq!(r.status, 303, "{lang}: {}", r.text);
        let person = c.get(&r.location()).await;
        assert!(
            person.text.contains(head_role),
            "{lang}: the role shows in the page's language"
        );
    }
}
