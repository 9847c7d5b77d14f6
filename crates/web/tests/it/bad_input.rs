//! Whatever a client sends, the answer is a 4xx with a translated message, never a 500, and
//! nothing changes.

use guildhall_testkit::TestApp;
use serde_json::json;

#[tokio::test]
async fn malformed_requests_get_clear_translated_errors() {
    let t = TestApp::new().await;
    let admin = t.platform_admin().await;
    let api = t.bearer(&admin.email).await;
    let r = api
        .patch_json(
            "/api/v1/me",
            &json!({ "name": "Админ", "language": "ru", "category": "trainer" }),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let before = t.count("organisations").await;

    let r = api
        .post_raw(
            "/api/v1/organisations",
            "application/json",
            b"{\"kind\": ".to_vec(),
        )
        .await;
    assert_eq!((r.status, r.code()), (400, "malformed_body".to_owned()));
    assert!(
        r.json()["message"]
            .as_str()
            .unwrap_or("")
            .contains("запроса"),
        "Russian: {}",
        r.text
    );

    let r = api
        .post_raw(
            "/api/v1/organisations",
            "application/json",
            b"{\"kind\": 7, \"code\": []}".to_vec(),
        )
        .await;
    assert_eq!((r.status, r.code()), (400, "malformed_body".to_owned()));

    let r = api
        .post_raw(
            "/api/v1/organisations",
            "text/plain",
            b"kind=country".to_vec(),
        )
        .await;
    assert_eq!(
        (r.status, r.code()),
        (415, "unsupported_media_type".to_owned())
    );

    let huge = format!(
        "{{\"kind\":\"country\",\"code\":\"X\",\"names\":{{\"en\":\"{}\"}}}}",
        "a".repeat(2 * 1024 * 1024)
    );
    let r = api
        .post_raw(
            "/api/v1/organisations",
            "application/json",
            huge.into_bytes(),
        )
        .await;
    assert_eq!((r.status, r.code()), (413, "payload_too_large".to_owned()));

    let long_name = "б".repeat(301);
    let r = api
        .post_json(
            "/api/v1/organisations",
            &json!({ "kind": "country", "code": "XX", "names": { "ru": long_name } }),
        )
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.json()["fields"][0]["code"], "text_too_long");
    assert!(
        r.json()["fields"][0]["message"]
            .as_str()
            .unwrap_or("")
            .contains("300")
    );

    let r = api
        .post_json(
            "/api/v1/organisations",
            &json!({ "kind": "country", "code": "a b", "names": { "en": "\u{0007}bell" } }),
        )
        .await;
    assert_eq!(r.status, 422);

    for path in [
        "/api/v1/people/not-a-uuid",
        &format!("/api/v1/people/{}", uuid::Uuid::now_v7()),
        "/api/v1/organisations/%00",
        "/api/v1/nothing-here",
    ] {
        let r = api.get_json(path).await;
        assert_eq!(
            (r.status, r.code()),
            (404, "not_found".to_owned()),
            "{path}"
        );
    }
    let r = api.get_json("/api/v1/people?page=minus-one").await;
    assert_eq!((r.status, r.code()), (400, "malformed_query".to_owned()));
    let r = api.get_json("/api/v1/people?role=wizard").await;
    assert_eq!(r.status, 422);
    let r = api.post_json("/api/v1/me", &json!({})).await;
    assert_eq!((r.status, r.code()), (405, "method_not_allowed".to_owned()));

    assert_eq!(
        t.count("organisations").await,
        before,
        "nothing was created"
    );
}

#[tokio::test]
async fn malformed_forms_and_pages() {
    let t = TestApp::new().await;
    let admin = t.platform_admin().await;
    let c = t.login(&admin.email).await;
    assert_eq!(
        c.post_form("/language", &[("lang", "pl")]).await.status,
        303
    );
    let token = c.token().await;
    // A form field of the wrong shape.
    let r = c
        .post_form_raw(
            "/organisations",
            &[
                ("csrf", &token),
                ("parent", "not-an-id"),
                ("kind", "region"),
                ("code", "X"),
                ("name_en", "X"),
            ],
            &[],
        )
        .await;
    assert_eq!(r.status, 404);
    // Wrong content type for a form.
    let r = c
        .post_json_with(
            "/profile",
            &serde_json::json!({}),
            &[("x-csrf-token", &token)],
        )
        .await;
    assert_eq!(r.status, 415, "{}", r.text);
    // Unknown pages and ids are a translated 404 page.
    let r = c.get("/people/12345").await;
    assert_eq!(r.status, 404);
    assert!(r.text.contains("Nie znaleziono"), "Polish 404: {}", r.text);
    let r = c.get("/no/such/page").await;
    assert_eq!(r.status, 404);
    assert!(r.text.contains("lang=\"pl\""));
    // Invalid input re-renders the form with the errors, the input kept.
    let r = c
        .post_form(
            "/organisations",
            &[
                ("parent", ""),
                ("kind", "country"),
                ("code", "PL!"),
                ("name_pl", "Polska"),
            ],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(r.text.contains("Kod może zawierać"), "{}", r.text);
    assert!(r.text.contains("value=\"Polska\""), "the input is kept");
    assert!(r.text.contains("aria-invalid=\"true\""));
    // A garbage language choice.
    let r = c.post_form("/language", &[("lang", "xx")]).await;
    assert_eq!(r.status, 422);
}

#[tokio::test]
async fn no_server_errors_for_odd_input() {
    let t = TestApp::new().await;
    let admin = t.platform_admin().await;
    let api = t.bearer(&admin.email).await;
    let odd = [
        json!(null),
        json!([]),
        json!("string"),
        json!({ "email": null }),
        json!({ "email": "a@b.co", "name": "x".repeat(10_000), "category": "instructor" }),
        json!({ "email": "\u{0000}@x.org", "name": "\u{202e}", "category": "pupil", "organisations": ["not-a-uuid"] }),
        json!({ "role": "", "organisation": null }),
    ];
    let paths = [
        "/api/v1/people",
        "/api/v1/organisations",
        "/api/v1/registrations",
        "/api/v1/auth/token",
        "/api/v1/me/tokens",
        &format!("/api/v1/people/{}/roles", admin.id),
    ];
    for path in paths {
        for body in &odd {
            let r = api.post_json(path, body).await;
            assert!(
                r.status >= 400 && r.status < 500,
                "{path} {body}: {} {}",
                r.status,
                r.text
            );
            assert!(!r.code().is_empty(), "{path}: an error code");
        }
    }
}
