//! The catalogue: lifecycle, versions, review, releases, frameworks, search.

use guildhall_domain::identity::Role;
use guildhall_testkit::{Authoring, Stage, TestApp};
use serde_json::{Value, json};

fn draft_body(code: &str, provider: &str) -> Value {
    json!({
        "code": code,
        "provider": provider,
        "title": { "hu": "Digitális értékelés a szakképzésben", "en": "Digital assessment in vocational training" },
        "description": { "hu": "Az oktatók megtanulják a képzések digitális értékelését.", "en": "Teachers learn to assess learners with digital tools." },
        "outcomes": { "en": "Participants design a digital assessment." },
        "hours": 30,
        "format": "blended",
        "delivery_language": "hu",
        "categories": ["instructor"],
        "competences": ["DIGCOMPEDU:4.1", "HU-OTR:DIG.1"],
        "licence": "educational_attribution"
    })
}

#[tokio::test]
async fn a_programme_from_draft_to_catalogue_and_a_second_version() {
    let t = TestApp::new().await;
    let cw = t.catalog_world().await;
    let provider = t.bearer(&cw.provider.email).await;
    let reviewer = t.bearer(&cw.reviewer.email).await;
    let anon = t.client();

    let r = provider
        .post_json(
            "/api/v1/programmes",
            &draft_body("hu-dig-001", &cw.provider_org.to_string()),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let id = r.json()["id"].as_str().unwrap_or_default().to_owned();
    assert_eq!(r.json()["code"], "HU-DIG-001");
    assert_eq!(r.json()["pending"]["state"], "draft");
    assert_eq!(
        anon.get_json(&format!("/api/v1/programmes/{id}"))
            .await
            .status,
        404,
        "drafts are not public"
    );

    // Approving a draft is not a move the lifecycle has.
    let r = reviewer
        .post_empty(&format!("/api/v1/programmes/{id}/approve"))
        .await;
    assert_eq!(
        (r.status, r.code()),
        (409, "transition_not_allowed".to_owned())
    );
    assert_eq!(
        provider
            .post_empty(&format!("/api/v1/programmes/{id}/submit"))
            .await
            .status,
        200
    );
    let r = reviewer
        .post_empty(&format!("/api/v1/programmes/{id}/return"))
        .await;
    assert_eq!(
        (r.status, r.json()["fields"][0]["code"].as_str()),
        (422, Some("comment_required"))
    );
    let r = reviewer
        .post_json(
            &format!("/api/v1/programmes/{id}/return"),
            &json!({ "comment": "Please add outcomes in Hungarian." }),
        )
        .await;
    assert_eq!(r.json()["state"], "draft");
    let d = provider
        .get_json(&format!("/api/v1/programmes/{id}"))
        .await
        .json();
    assert_eq!(
        d["pending"]["review_comment"],
        "Please add outcomes in Hungarian."
    );
    provider
        .post_empty(&format!("/api/v1/programmes/{id}/submit"))
        .await;
    assert_eq!(
        reviewer
            .post_empty(&format!("/api/v1/programmes/{id}/approve"))
            .await
            .json()["state"],
        "approved"
    );
    assert_eq!(
        provider
            .post_empty(&format!("/api/v1/programmes/{id}/publish"))
            .await
            .json()["state"],
        "published"
    );

    let public = anon
        .get_json(&format!("/api/v1/programmes/{id}"))
        .await
        .json();
    assert_eq!(public["published"]["version"], 1);
    assert!(public["pending"].is_null());
    let found = anon.get_json("/api/v1/programmes?q=értékelés").await.json();
    assert_eq!(found["items"][0]["code"], "HU-DIG-001");

    // A change makes version 2; version 1 stays in the catalogue until 2 is published.
    let mut changed = draft_body("ignored", "ignored");
    changed["title"]["en"] = json!("Digital assessment and feedback in vocational training");
    changed["hours"] = json!(40);
    let r = provider
        .put_json(&format!("/api/v1/programmes/{id}"), &changed)
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let public = anon
        .get_json(&format!("/api/v1/programmes/{id}"))
        .await
        .json();
    assert_eq!(public["published"]["hours"], 30);
    assert_eq!(
        public["versions"].as_array().map(Vec::len),
        Some(1),
        "the public does not see the draft"
    );
    let inside = provider
        .get_json(&format!("/api/v1/programmes/{id}"))
        .await
        .json();
    assert_eq!(inside["pending"]["version"], 2);
    assert_eq!(inside["pending"]["hours"], 40);
    provider
        .post_empty(&format!("/api/v1/programmes/{id}/submit"))
        .await;
    // While in review it cannot be changed.
    let r = provider
        .put_json(&format!("/api/v1/programmes/{id}"), &changed)
        .await;
    assert_eq!((r.status, r.code()), (409, "version_in_review".to_owned()));
    reviewer
        .post_empty(&format!("/api/v1/programmes/{id}/approve"))
        .await;
    provider
        .post_empty(&format!("/api/v1/programmes/{id}/publish"))
        .await;
    let public = anon
        .get_json(&format!("/api/v1/programmes/{id}"))
        .await
        .json();
    assert_eq!(public["published"]["version"], 2);
    let states: Vec<&str> = public["versions"]
        .as_array()
        .expect("versions")
        .iter()
        .filter_map(|v| v["state"].as_str())
        .collect();
    assert_eq!(states, ["published", "superseded"]);
    let hits = anon.get_json("/api/v1/programmes?q=feedback").await.json();
    assert_eq!(
        hits["items"][0]["hours"], 40,
        "the index shows the new version"
    );

    // Every move is in the audit log.
    let root = t.platform_admin().await;
    let log = t
        .bearer(&root.email)
        .await
        .get_json(&format!("/api/v1/audit?object_id={id}&per_page=100"))
        .await
        .json();
    let actions: Vec<&str> = log["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    for a in [
        "programme.create",
        "programme.submit",
        "programme.return",
        "programme.approve",
        "programme.publish",
        "programme.update",
    ] {
        assert!(actions.contains(&a), "{a} missing from {actions:?}");
    }
    assert_eq!(
        provider
            .post_empty(&format!("/api/v1/programmes/{id}/retire"))
            .await
            .json()["state"],
        "retired"
    );
    assert_eq!(
        anon.get_json(&format!("/api/v1/programmes/{id}"))
            .await
            .status,
        404
    );
    assert_eq!(
        anon.get_json("/api/v1/programmes?q=feedback").await.json()["total"],
        0
    );
}

#[tokio::test]
async fn bad_programmes_are_refused_and_nothing_changes() {
    let t = TestApp::new().await;
    let cw = t.catalog_world().await;
    let provider = t.bearer(&cw.provider.email).await;
    let prov = cw.provider_org.to_string();
    let before = t.count("programmes").await;
    let mut b = draft_body("X-1", &prov);
    b["title"] = json!({ "hu": " ", "en": "" });
    b["hours"] = json!(-4);
    b["competences"] = json!(["DIGCOMPEDU:9.9"]);
    b["follow_up_days"] = json!(10);
    let r = provider.post_json("/api/v1/programmes", &b).await;
    assert_eq!(r.status, 422);
    let codes: Vec<&str> = r.json()["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| f["code"].as_str())
        .map(|s| Box::leak(s.to_owned().into_boxed_str()) as &str)
        .collect();
    for c in [
        "title_required_any_language",
        "number_out_of_range",
        "competence_unknown",
    ] {
        assert!(codes.contains(&c), "{c} in {codes:?}");
    }
    let message = r.json()["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .find(|f| f["code"] == "competence_unknown")
        .map(|f| f["message"].clone());
    assert_eq!(
        message,
        Some(json!("There is no competence DIGCOMPEDU:9.9."))
    );
    let mut b = draft_body("X-1", &prov);
    b["format"] = json!("telepathy");
    assert_eq!(
        provider.post_json("/api/v1/programmes", &b).await.status,
        422
    );
    assert_eq!(t.count("programmes").await, before);

    // Another provider's programme.
    let other_org = t
        .org(
            "C-R2-PROV",
            guildhall_domain::org::OrgKind::Provider,
            Some(cw.w.other_region),
        )
        .await;
    t.person(
        "other@x.org",
        Some(other_org),
        &[(Role::Provider, Some(other_org))],
    )
    .await;
    let theirs = t
        .programme_as(
            Authoring {
                provider: "other@x.org",
                reviewer: &cw.reviewer.email,
                org: other_org,
            },
            "THEIRS",
            "Theirs",
            &[],
            Stage::Published,
        )
        .await;
    let r = provider
        .put_json(
            &format!("/api/v1/programmes/{theirs}"),
            &draft_body("x", "x"),
        )
        .await;
    assert_eq!(r.status, 403);
    let r = provider
        .post_json(
            "/api/v1/programmes",
            &draft_body("MINE-THEIRS", &other_org.to_string()),
        )
        .await;
    assert_eq!(r.status, 403);
    // Reviewing one's own work.
    let both = t
        .person(
            "both@x.org",
            Some(cw.provider_org),
            &[
                (Role::Provider, Some(cw.provider_org)),
                (Role::QualityReviewer, Some(cw.w.country)),
            ],
        )
        .await;
    let own = t
        .programme_as(
            Authoring {
                provider: &both.email,
                reviewer: &cw.reviewer.email,
                org: cw.provider_org,
            },
            "OWN",
            "Own",
            &[],
            Stage::Submitted,
        )
        .await;
    let r = t
        .bearer(&both.email)
        .await
        .post_empty(&format!("/api/v1/programmes/{own}/approve"))
        .await;
    assert_eq!((r.status, r.code()), (403, "review_own_work".to_owned()));
    let q = t
        .bearer(&both.email)
        .await
        .get_json("/api/v1/reviews")
        .await
        .json();
    assert!(
        !q.to_string().contains("\"OWN\""),
        "one's own work is not in one's review queue"
    );
}

#[tokio::test]
async fn search_filters_facets_and_languages() {
    let t = TestApp::new().await;
    let cw = t.catalog_world().await;
    t.published_programme(
        &cw,
        "A-ASSESS",
        "Digital assessment strategies",
        &["DIGCOMPEDU:4.1"],
    )
    .await;
    t.published_programme(
        &cw,
        "B-GREEN",
        "Green skills in the workshop",
        &["HU-OTR:GRN.1"],
    )
    .await;
    t.published_programme(
        &cw,
        "C-BOTH",
        "Assessing green projects",
        &["DIGCOMPEDU:4.1", "HU-OTR:GRN.1"],
    )
    .await;
    let c = t.client();
    let r = c
        .get_json("/api/v1/programmes?competence=DIGCOMPEDU:4.1")
        .await
        .json();
    assert_eq!(r["total"], 2);
    let facet = r["facets"]["competence"].as_array().expect("facet").clone();
    let green = facet
        .iter()
        .find(|f| f["value"] == "HU-OTR:GRN.1")
        .expect("the other competence is counted");
    assert_eq!(
        green["count"], 2,
        "disjunctive: counts as if the filter on this facet were off"
    );
    let r = c
        .get_json("/api/v1/programmes?competence=DIGCOMPEDU:4.1&competence=HU-OTR:GRN.1")
        .await
        .json();
    assert_eq!(r["total"], 3, "values of one filter are alternatives");
    let r = c
        .get_json("/api/v1/programmes?area=HU-OTR:GRN&q=assessing")
        .await
        .json();
    assert_eq!(
        r["items"].as_array().map(|i| i
            .iter()
            .filter_map(|x| x["code"].as_str())
            .collect::<Vec<_>>()),
        Some(vec!["C-BOTH"])
    );
    let r = c.get_json("/api/v1/programmes?competence=NOPE:1").await;
    assert_eq!(
        (r.status, r.json()["fields"][0]["code"].as_str()),
        (422, Some("competence_unknown"))
    );
    let r = c.get_json("/api/v1/programmes?format=telepathy").await;
    assert_eq!(r.status, 422);
    let r = c
        .get_json("/api/v1/programmes?sort=title&per_page=2&page=2")
        .await
        .json();
    assert_eq!(
        (r["total"].as_u64(), r["items"][0]["code"].as_str()),
        (Some(3), Some("B-GREEN"))
    );
    // The search page works without JavaScript and in every language.
    for (lang, heading) in [
        ("hu", "3 program"),
        ("pl", "3 programy"),
        ("ru", "3 программы"),
        ("en", "3 programmes"),
    ] {
        c.post_form("/language", &[("lang", lang)]).await;
        let page = c.get("/catalogue").await;
        assert_eq!(page.status, 200);
        assert!(page.text.contains(heading), "{lang}: {heading}");
        assert!(page.statements() <= 10);
    }
    let page = c.get("/catalogue?q=green&format=blended").await;
    assert!(page.text.contains("Green skills in the workshop"));
    assert!(!page.text.contains("Digital assessment strategies"));
}

#[tokio::test]
async fn releases_publish_together_and_show_what_is_new() {
    let t = TestApp::new().await;
    let cw = t.catalog_world().await;
    let coordinator = t
        .person(
            "coord@x.org",
            None,
            &[(Role::RegionalCoordinator, Some(cw.w.region))],
        )
        .await;
    let a = t
        .programme_as(
            Authoring {
                provider: &cw.provider.email,
                reviewer: &cw.reviewer.email,
                org: cw.provider_org,
            },
            "R-A",
            "Release A",
            &[],
            Stage::Approved,
        )
        .await;
    let b = t
        .programme_as(
            Authoring {
                provider: &cw.provider.email,
                reviewer: &cw.reviewer.email,
                org: cw.provider_org,
            },
            "R-B",
            "Release B",
            &[],
            Stage::Approved,
        )
        .await;
    let draft = t
        .programme_as(
            Authoring {
                provider: &cw.provider.email,
                reviewer: &cw.reviewer.email,
                org: cw.provider_org,
            },
            "R-C",
            "Release C",
            &[],
            Stage::Draft,
        )
        .await;
    let v = |p: guildhall_domain::ProgrammeId| {
        let t = &t;
        async move {
            guildhall_store::catalog::latest_version(t.app.db(), p.0)
                .await
                .expect("read")
                .expect("v")
                .id
                .to_string()
        }
    };
    let api = t.bearer(&coordinator.email).await;
    // A draft cannot be released; nothing is published then.
    let r = api
        .post_json(
            "/api/v1/releases",
            &json!({ "name": "Spring 2027", "versions": [v(a).await, v(draft).await] }),
        )
        .await;
    assert_eq!(
        (r.status, r.code()),
        (409, "transition_not_allowed".to_owned())
    );
    assert_eq!(
        t.client().get_json("/api/v1/programmes").await.json()["total"],
        0
    );
    let r = api.post_json("/api/v1/releases", &json!({ "name": "Spring 2027", "notes": "Two new programmes.", "versions": [v(a).await, v(b).await] })).await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.json()["programmes"].as_array().map(Vec::len), Some(2));
    let s = t.client().get_json("/api/v1/programmes").await.json();
    assert_eq!(s["total"], 2);
    assert!(
        s["items"]
            .as_array()
            .expect("items")
            .iter()
            .all(|i| i["new"] == true)
    );
    let page = t.client().get("/catalogue/releases").await;
    assert!(page.text.contains("Spring 2027") && page.text.contains("Release A"));
}

#[tokio::test]
async fn frameworks_import_from_csv_with_row_errors() {
    let t = TestApp::new().await;
    let admin = t.platform_admin().await;
    let api = t.bearer(&admin.email).await;
    let fw = t.client().get_json("/api/v1/frameworks").await.json();
    let dig = fw["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|f| f["code"] == "DIGCOMPEDU")
        .expect("DigCompEdu ships");
    assert_eq!(dig["areas"].as_array().map(Vec::len), Some(6));
    let competences: usize = dig["areas"]
        .as_array()
        .expect("areas")
        .iter()
        .map(|a| a["competences"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(competences, 22);

    let broken = "kind,code,area,name_hu,name_pl,name_ru,name_en\nframework,ESCO-T,,,,,Teaching\narea,A,,,,,Pedagogy\ncompetence,A.1,Z,,,,Orphan\ncompetence,A.2,A\n";
    let r = api
        .post_raw_auth("/api/v1/frameworks", "text/csv", broken.as_bytes().to_vec())
        .await;
    assert_eq!(r.status, 422);
    let fields: Vec<String> = r.json()["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .map(|f| {
            format!(
                "{} {}",
                f["field"].as_str().unwrap_or(""),
                f["code"].as_str().unwrap_or("")
            )
        })
        .collect();
    assert_eq!(fields, ["row 5 csv_columns", "row 4 csv_area_unknown"]);
    assert_eq!(t.count("frameworks").await, 2, "nothing was imported");
    let good = "kind,code,area,name_hu,name_pl,name_ru,name_en\nframework,ESCO-T,,Oktatók,Nauczyciele,Преподаватели,Teaching\narea,A,,Pedagógia,Pedagogika,Педагогика,Pedagogy\ncompetence,A.1,A,,,,Plan lessons\n";
    let r = api
        .post_raw_auth("/api/v1/frameworks", "text/csv", good.as_bytes().to_vec())
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(
        (r.json()["areas"].as_u64(), r.json()["competences"].as_u64()),
        (Some(1), Some(1))
    );
    let again = api
        .post_raw_auth("/api/v1/frameworks", "text/csv", good.as_bytes().to_vec())
        .await;
    assert_eq!(
        (again.status, again.json()["fields"][0]["code"].as_str()),
        (422, Some("framework_exists"))
    );
    // The new competence can be used at once.
    let cw = t.catalog_world().await;
    let p = t
        .published_programme(&cw, "ESCO-USE", "Lesson planning", &["ESCO-T:A.1"])
        .await;
    let r = t
        .client()
        .get_json("/api/v1/programmes?competence=ESCO-T:A.1")
        .await
        .json();
    assert_eq!(r["items"][0]["id"], p.to_string());
    let r = api
        .post_raw_auth("/api/v1/frameworks", "application/json", b"{}".to_vec())
        .await;
    assert_eq!(r.status, 415);
}

#[tokio::test]
async fn other_instances_see_catalogue_changes() {
    let t = TestApp::new().await;
    let cw = t.catalog_world().await;
    // A second instance over the same database.
    let second = guildhall_app::App::new(
        t.db.connect(4).await,
        guildhall_app::AppConfig::new("http://other", t.db.dir()),
    )
    .await
    .expect("a second instance");
    let req = guildhall_app::catalog::index::SearchRequest {
        text: "welding".into(),
        page: 1,
        per_page: 10,
        ..Default::default()
    };
    assert_eq!(
        second
            .search(&req, guildhall_domain::Lang::En)
            .await
            .expect("search")
            .total,
        0
    );
    t.published_programme(&cw, "WELD", "Teaching welding safely", &[])
        .await;
    assert_eq!(
        second
            .search(&req, guildhall_domain::Lang::En)
            .await
            .expect("search")
            .total,
        0,
        "not yet refreshed"
    );
    assert_eq!(second.refresh_catalogue().await.expect("refresh"), 1);
    assert_eq!(
        second
            .search(&req, guildhall_domain::Lang::En)
            .await
            .expect("search")
            .total,
        1
    );
    assert_eq!(
        second.refresh_catalogue().await.expect("refresh"),
        0,
        "nothing new the second time"
    );
}
