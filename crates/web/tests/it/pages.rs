//! The pages: they render in every language, stay small, run few SQL statements, and the
//! language is chosen as people expect.

use guildhall_domain::identity::Role;
use guildhall_testkit::TestApp;

const LANGS: [&str; 4] = ["hu", "pl", "ru", "en"];

#[tokio::test]
async fn main_pages_render_in_every_language_within_budget() {
    let t = TestApp::new().await;
    let w = t.world().await;
    let admin = t.platform_admin().await;
    let someone = t
        .person(
            "someone@example.org",
            Some(w.school),
            &[(Role::Learner, Some(w.school))],
        )
        .await;
    let c = t.login(&admin.email).await;
    let css = c.get("/static/style.css").await.text.len();
    let js =
        c.get("/static/htmx.min.js").await.text.len() + c.get("/static/app.js").await.text.len();
    let pages = [
        "/".to_owned(),
        "/profile".to_owned(),
        "/organisations".to_owned(),
        format!("/organisations/{}", w.school),
        "/organisations/new".to_owned(),
        "/people".to_owned(),
        "/people/new".to_owned(),
        format!("/people/{}", someone.id),
        "/admin/audit".to_owned(),
        "/admin/outbox".to_owned(),
    ];
    for lang in LANGS {
        assert_eq!(
            c.post_form("/language", &[("lang", lang)]).await.status,
            303
        );
        for p in &pages {
            let r = c.get(p).await;
            assert_eq!(r.status, 200, "{lang} {p}");
            assert!(
                r.text.contains(&format!("<html lang=\"{lang}\"")),
                "{lang} {p}"
            );
            assert!(
                !r.text.contains("err-") && !r.text.contains("nav-"),
                "{lang} {p}: an untranslated key"
            );
            assert!(
                r.statements() <= 10,
                "{lang} {p}: {} SQL statements",
                r.statements()
            );
            assert!(
                r.text.len() + css + js <= 100 * 1024,
                "{lang} {p}: {} bytes of HTML",
                r.text.len()
            );
            assert!(
                !r.text.contains("http://")
                    || r.text.contains(&t.base)
                    || !r.text.contains("src=\"http"),
                "{p}: no external assets"
            );
        }
    }
    for p in ["/", "/login", "/register", "/password/forgot"] {
        let r = t.client().get(p).await;
        assert_eq!(r.status, 200, "{p}");
        assert!(r.statements() <= 10, "{p}: {}", r.statements());
    }
}

#[tokio::test]
async fn language_comes_from_setting_then_cookie_then_header() {
    let t = TestApp::new().await;
    let c = t.client();
    c.accept_language("pl-PL,pl;q=0.9,en;q=0.5");
    assert!(c.get("/login").await.text.contains("<html lang=\"pl\""));
    c.accept_language("de-DE, ru;q=0.3");
    assert!(c.get("/login").await.text.contains("<html lang=\"ru\""));
    c.accept_language("de-DE");
    assert!(
        c.get("/login").await.text.contains("<html lang=\"en\""),
        "the deployment default"
    );
    let r = c
        .post_form("/language", &[("lang", "hu"), ("next", "/login")])
        .await;
    assert_eq!(r.location(), "/login");
    assert!(
        c.get("/login").await.text.contains("<html lang=\"hu\""),
        "the cookie beats the header"
    );
    // Only local redirects.
    let r = c
        .post_form(
            "/language",
            &[("lang", "hu"), ("next", "https://evil.example/")],
        )
        .await;
    assert_eq!(r.location(), "/");

    // A signed-in person's own setting wins, and switching changes it.
    t.person("lang@example.org", None, &[]).await;
    let p = t.login("lang@example.org").await;
    p.accept_language("hu");
    assert!(
        p.get("/profile").await.text.contains("<html lang=\"en\""),
        "the fixture person's setting is English"
    );
    p.post_form("/language", &[("lang", "ru")]).await;
    let fresh = t.login("lang@example.org").await;
    assert!(
        fresh
            .get("/profile")
            .await
            .text
            .contains("<html lang=\"ru\""),
        "the setting was saved"
    );
}

#[tokio::test]
async fn plural_forms_follow_the_language() {
    let t = TestApp::new().await;
    let w = t.world().await;
    let admin = t.platform_admin().await;
    for i in 0..4 {
        t.person(&format!("p{i}@example.org"), Some(w.school), &[])
            .await;
    }
    let c = t.login(&admin.email).await;
    c.post_form("/language", &[("lang", "ru")]).await;
    // The administrator and four others: 5 people.
    assert!(c.get("/people").await.text.contains("5 человек"));
    c.post_form("/language", &[("lang", "pl")]).await;
    assert!(c.get("/people").await.text.contains("5 osób"));
    let r = c.get(&format!("/people?org={}", w.school)).await;
    assert!(r.text.contains("4 osoby"), "{}", r.text);
}

#[tokio::test]
async fn operations_endpoints() {
    let t = TestApp::new().await;
    let c = t.client();
    assert_eq!(c.get("/healthz").await.text, "ok");
    assert_eq!(c.get("/readyz").await.status, 200);
    let m = c.get("/metrics").await;
    assert!(
        m.text
            .contains("guildhall_http_requests_total{class=\"2xx\"}")
    );
    assert!(m.text.contains("guildhall_database_up 1"));
    let doc = c.get_json("/api/v1/openapi.json").await.json();
    assert!(doc["openapi"].as_str().unwrap_or("").starts_with("3.1"));
    assert!(doc["paths"]["/api/v1/people"]["get"].is_object());
    let ui = c.get("/api/docs").await;
    assert!(ui.text.contains("/static/swagger-ui-bundle.js"));
    assert_eq!(c.get("/static/swagger-ui-bundle.js").await.status, 200);
}
