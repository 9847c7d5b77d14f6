//! Who may do what: the authorization matrix over every API route and the page routes that
//! reach other people's objects, and CSRF protection on every state-changing route.

use std::collections::BTreeSet;

use guildhall_domain::identity::Role;
use guildhall_testkit::{Client, TestApp};
use serde_json::{Value, json};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Who {
    Anon,
    Learner,
    Head,
    Trainer,
    Provider,
    Reviewer,
    Keeper,
    Coordinator,
    RegionAdmin,
    PlatformAdmin,
}

use Who::*;

const SIGNED_IN: &[Who] = &[
    Learner,
    Head,
    Trainer,
    Provider,
    Reviewer,
    Keeper,
    Coordinator,
    RegionAdmin,
    PlatformAdmin,
];
const STAFF_VIEWERS: &[Who] = &[Head, Coordinator, RegionAdmin, PlatformAdmin];
const ONLY_ROOT: &[Who] = &[PlatformAdmin];
const NOBODY: &[Who] = &[];
/// Every kind of caller, the platform administrator last (some of its calls change the world).
const EVERYONE: &[Who] = &[
    Anon,
    Learner,
    Head,
    Trainer,
    Provider,
    Reviewer,
    Keeper,
    Coordinator,
    RegionAdmin,
    PlatformAdmin,
];

/// One route and who may use it on the object it names.
struct Case {
    method: &'static str,
    /// The route as the OpenAPI document names it.
    route: &'static str,
    /// The concrete path.
    path: String,
    body: Option<Value>,
    allowed: &'static [Who],
}

struct Fixture {
    t: TestApp,
    clients: Vec<(Who, Client)>,
    stranger: guildhall_testkit::Who,
    colleague: guildhall_testkit::Who,
    stranger_token: String,
    stranger_role: String,
    w: guildhall_testkit::World,
}

async fn fixture() -> Fixture {
    let t = TestApp::new().await;
    let w = t.world().await;
    let people = [
        (
            Learner,
            "learner@x.org",
            Some(w.school),
            vec![(Role::Learner, Some(w.school))],
        ),
        (
            Head,
            "head@x.org",
            Some(w.school),
            vec![(Role::InstitutionHead, Some(w.school))],
        ),
        (
            Trainer,
            "trainer@x.org",
            Some(w.school),
            vec![(Role::Trainer, Some(w.school))],
        ),
        (
            Provider,
            "provider@x.org",
            Some(w.school),
            vec![(Role::Provider, Some(w.school))],
        ),
        (
            Reviewer,
            "reviewer@x.org",
            None,
            vec![(Role::QualityReviewer, Some(w.region))],
        ),
        (
            Keeper,
            "keeper@x.org",
            None,
            vec![(Role::ExpertRegistryKeeper, Some(w.country))],
        ),
        (
            Coordinator,
            "coordinator@x.org",
            None,
            vec![(Role::RegionalCoordinator, Some(w.region))],
        ),
        (
            RegionAdmin,
            "regionadmin@x.org",
            None,
            vec![(Role::Administrator, Some(w.region))],
        ),
        (
            PlatformAdmin,
            "root@x.org",
            None,
            vec![(Role::Administrator, None)],
        ),
    ];
    let mut clients = vec![(Anon, t.client())];
    for (who, email, org, roles) in people {
        t.person(email, org, &roles).await;
        clients.push((who, t.bearer(email).await));
    }
    let stranger = t
        .person(
            "stranger@x.org",
            Some(w.other_school),
            &[(Role::Learner, Some(w.other_school))],
        )
        .await;
    let colleague = t
        .person(
            "colleague@x.org",
            Some(w.school),
            &[(Role::Learner, Some(w.school))],
        )
        .await;
    let st = t.bearer(&stranger.email).await;
    let tokens = st.get_json("/api/v1/me/tokens").await.json();
    let stranger_token = tokens["items"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let roles = guildhall_store::identity::assignments_of(t.app.db(), stranger.id.0)
        .await
        .expect("roles");
    let stranger_role = roles[0].id.to_string();
    Fixture {
        t,
        clients,
        stranger,
        colleague,
        stranger_token,
        stranger_role,
        w,
    }
}

fn cases(f: &Fixture) -> Vec<Case> {
    let s = f.stranger.id;
    let c = f.colleague.id;
    let w = &f.w;
    let case = |method, route, path: String, body: Option<Value>, allowed| Case {
        method,
        route,
        path,
        body,
        allowed,
    };
    vec![
        case("get", "/api/v1/me", "/api/v1/me".into(), None, SIGNED_IN),
        case(
            "patch",
            "/api/v1/me",
            "/api/v1/me".into(),
            Some(json!({ "name": "Still me", "language": "en", "category": "trainer" })),
            SIGNED_IN,
        ),
        case(
            "post",
            "/api/v1/me/password",
            "/api/v1/me/password".into(),
            Some(json!({ "current_password": "wrong", "new_password": "whatever passphrase" })),
            NOBODY,
        ),
        case(
            "get",
            "/api/v1/me/tokens",
            "/api/v1/me/tokens".into(),
            None,
            SIGNED_IN,
        ),
        case(
            "post",
            "/api/v1/me/tokens",
            "/api/v1/me/tokens".into(),
            Some(json!({ "name": "matrix" })),
            SIGNED_IN,
        ),
        case(
            "delete",
            "/api/v1/me/tokens/{id}",
            format!("/api/v1/me/tokens/{}", f.stranger_token),
            None,
            NOBODY,
        ),
        case(
            "get",
            "/api/v1/me/export",
            "/api/v1/me/export".into(),
            None,
            SIGNED_IN,
        ),
        case(
            "get",
            "/api/v1/organisations",
            "/api/v1/organisations".into(),
            None,
            SIGNED_IN,
        ),
        case(
            "get",
            "/api/v1/organisations/{id}",
            format!("/api/v1/organisations/{}", w.other_school),
            None,
            SIGNED_IN,
        ),
        case(
            "post",
            "/api/v1/organisations",
            "/api/v1/organisations".into(),
            Some(
                json!({ "parent": w.other_region.0, "kind": "institution", "code": "M-NEW", "names": { "en": "New" } }),
            ),
            ONLY_ROOT,
        ),
        case(
            "patch",
            "/api/v1/organisations/{id}",
            format!("/api/v1/organisations/{}", w.other_school),
            Some(json!({ "code": "C-R2-S2", "names": { "en": "Renamed" } })),
            ONLY_ROOT,
        ),
        case(
            "get",
            "/api/v1/people",
            "/api/v1/people".into(),
            None,
            STAFF_VIEWERS,
        ),
        case(
            "get",
            "/api/v1/people/{id}",
            format!("/api/v1/people/{s}"),
            None,
            ONLY_ROOT,
        ),
        case(
            "get",
            "/api/v1/people/{id}",
            format!("/api/v1/people/{c}"),
            None,
            STAFF_VIEWERS,
        ),
        case(
            "post",
            "/api/v1/people",
            "/api/v1/people".into(),
            Some(
                json!({ "email": "new@x.org", "name": "New", "category": "instructor", "organisations": [w.other_school.0] }),
            ),
            ONLY_ROOT,
        ),
        case(
            "post",
            "/api/v1/people/{id}/roles",
            format!("/api/v1/people/{s}/roles"),
            Some(json!({ "role": "trainer", "organisation": w.other_school.0 })),
            ONLY_ROOT,
        ),
        case(
            "post",
            "/api/v1/people/{id}/memberships",
            format!("/api/v1/people/{s}/memberships"),
            Some(json!({ "organisation": w.other_region.0 })),
            ONLY_ROOT,
        ),
        case(
            "get",
            "/api/v1/audit",
            "/api/v1/audit".into(),
            None,
            ONLY_ROOT,
        ),
        case(
            "get",
            "/api/v1/outbox",
            "/api/v1/outbox".into(),
            None,
            ONLY_ROOT,
        ),
        case(
            "delete",
            "/api/v1/roles/{id}",
            format!("/api/v1/roles/{}", f.stranger_role),
            None,
            ONLY_ROOT,
        ),
        case(
            "delete",
            "/api/v1/people/{id}/memberships/{organisation}",
            format!("/api/v1/people/{s}/memberships/{}", w.other_school),
            None,
            ONLY_ROOT,
        ),
        case(
            "post",
            "/api/v1/me/erasure",
            "/api/v1/me/erasure".into(),
            Some(json!({ "password": "not the password" })),
            NOBODY,
        ),
        case(
            "post",
            "/api/v1/people/{id}/erasure",
            format!("/api/v1/people/{s}/erasure"),
            None,
            ONLY_ROOT,
        ),
    ]
}

/// Routes open to everyone by design (registration, log-in, password reset).
const PUBLIC: &[(&str, &str)] = &[
    ("post", "/api/v1/auth/token"),
    ("post", "/api/v1/registrations"),
    ("post", "/api/v1/registrations/confirm"),
    ("post", "/api/v1/auth/password-reset"),
    ("post", "/api/v1/auth/password-reset/complete"),
];

/// Rows allowed to nobody concern only the caller's own account (a wrong password): there a
/// 422 is the right answer, not a success.
fn rejected_own_input(case: &Case, status: u16) -> bool {
    case.allowed.is_empty() && status == 422
}

async fn call(c: &Client, case: &Case) -> guildhall_testkit::Resp {
    match case.method {
        "get" => c.get_json(&case.path).await,
        "post" => {
            c.post_json(&case.path, case.body.as_ref().unwrap_or(&json!({})))
                .await
        }
        "patch" => {
            c.patch_json(&case.path, case.body.as_ref().unwrap_or(&json!({})))
                .await
        }
        "delete" => c.delete(&case.path).await,
        m => panic!("unexpected method {m}"),
    }
}

#[tokio::test]
async fn authorization_matrix_over_every_api_route() {
    let f = fixture().await;
    let cases = cases(&f);

    // The matrix covers every route the API document lists.
    let doc = f.t.client().get_json("/api/v1/openapi.json").await.json();
    let mut documented = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in ["get", "post", "patch", "put", "delete"] {
            if item.get(method).is_some() {
                documented.insert((method.to_owned(), path.clone()));
            }
        }
    }
    let covered: BTreeSet<(String, String)> = cases
        .iter()
        .map(|c| (c.method.to_owned(), c.route.to_owned()))
        .chain(
            PUBLIC
                .iter()
                .map(|(m, p)| ((*m).to_owned(), (*p).to_owned())),
        )
        .collect();
    let missing: Vec<_> = documented.difference(&covered).collect();
    assert!(
        missing.is_empty(),
        "routes without a row in the authorization matrix: {missing:?}"
    );

    let mut unauthorized_successes = Vec::new();
    let mut wrongly_refused = Vec::new();
    for case in &cases {
        for who in EVERYONE {
            let client = &f
                .clients
                .iter()
                .find(|(w, _)| w == who)
                .expect("a client")
                .1;
            let r = call(client, case).await;
            assert!(
                r.status < 500,
                "{who:?} {} {}: {} {}",
                case.method,
                case.path,
                r.status,
                r.text
            );
            let refused = matches!(r.status, 401 | 403 | 404);
            if *who == Anon {
                assert_eq!(
                    r.status, 401,
                    "anonymous {} {} must be 401",
                    case.method, case.path
                );
            }
            if case.allowed.contains(who) {
                if refused {
                    wrongly_refused.push(format!(
                        "{who:?} {} {} -> {}",
                        case.method, case.path, r.status
                    ));
                }
            } else if !(refused || rejected_own_input(case, r.status)) {
                unauthorized_successes.push(format!(
                    "{who:?} {} {} -> {} {}",
                    case.method, case.path, r.status, r.text
                ));
            }
            // Lists never show people outside the caller's part of the tree.
            if case.path == "/api/v1/people" && r.status == 200 && *who != PlatformAdmin {
                assert!(
                    !r.text.contains("stranger@x.org"),
                    "{who:?} sees a stranger"
                );
                if *who != Anon {
                    assert!(
                        r.text.contains("colleague@x.org"),
                        "{who:?} should see their colleague"
                    );
                }
            }
        }
    }
    assert!(
        unauthorized_successes.is_empty(),
        "unauthorized successes:\n{}",
        unauthorized_successes.join("\n")
    );
    assert!(
        wrongly_refused.is_empty(),
        "refused but allowed:\n{}",
        wrongly_refused.join("\n")
    );
}

#[tokio::test]
async fn page_routes_guard_other_peoples_objects() {
    let f = fixture().await;
    let s = f.stranger.id;
    let admin_only_gets = [
        format!("/people/{s}"),
        "/admin/audit".to_owned(),
        "/admin/outbox".to_owned(),
        "/organisations/new".to_owned(),
    ];
    for (who, email) in [
        (Learner, "learner@x.org"),
        (Head, "head@x.org"),
        (Coordinator, "coordinator@x.org"),
        (RegionAdmin, "regionadmin@x.org"),
    ] {
        let c = f.t.login(email).await;
        for path in &admin_only_gets {
            let r = c.get(path).await;
            assert!(
                matches!(r.status, 403 | 404),
                "{who:?} GET {path}: {}",
                r.status
            );
        }
        let people = c.get("/people").await;
        if who == Learner {
            assert_eq!(people.status, 403);
        } else {
            assert_eq!(people.status, 200);
            assert!(!people.text.contains("stranger@x.org"));
        }
        let posts = [
            (
                format!("/people/{s}/roles"),
                vec![
                    ("role", "trainer".to_owned()),
                    ("organisation", f.w.other_school.to_string()),
                ],
            ),
            (
                format!("/people/{s}/memberships"),
                vec![("organisation", f.w.school.to_string())],
            ),
            (format!("/people/{s}/erase"), vec![]),
            (
                format!("/organisations/{}", f.w.other_school),
                vec![
                    ("code", "HACKED".to_owned()),
                    ("name_en", "Hacked".to_owned()),
                ],
            ),
        ];
        for (path, fields) in &posts {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let r = c.post_form(path, &fields).await;
            assert!(
                matches!(r.status, 403 | 404),
                "{who:?} POST {path}: {} {}",
                r.status,
                r.text
            );
        }
    }
    let after = guildhall_store::identity::find_person(f.t.app.db(), s.0)
        .await
        .expect("read")
        .expect("exists");
    assert!(after.erased_at.is_none());
    let org = guildhall_store::org::find(f.t.app.db(), f.w.other_school.0)
        .await
        .expect("read")
        .expect("exists");
    assert_eq!(org.code, "C-R2-S2");
}

/// Every state-changing page route, with the fields it needs.
fn page_posts(
    f: &Fixture,
    token_id: &str,
    role_id: &str,
) -> Vec<(String, Vec<(&'static str, String)>)> {
    let c = f.colleague.id;
    vec![
        ("/language".into(), vec![("lang", "pl".into())]),
        (
            "/register".into(),
            vec![
                ("name", "X".into()),
                ("email", "csrf@x.org".into()),
                ("password", "a long passphrase".into()),
                ("category", "instructor".into()),
            ],
        ),
        (
            "/login".into(),
            vec![
                ("email", "root@x.org".into()),
                ("password", guildhall_testkit::PASSWORD.into()),
            ],
        ),
        ("/logout".into(), vec![]),
        ("/confirm".into(), vec![("email", "root@x.org".into())]),
        (
            "/password/forgot".into(),
            vec![("email", "root@x.org".into())],
        ),
        (
            "/password/reset/whatever".into(),
            vec![
                ("password", "a long passphrase".into()),
                ("password_again", "a long passphrase".into()),
            ],
        ),
        (
            "/profile".into(),
            vec![
                ("name", "Changed".into()),
                ("lang", "en".into()),
                ("category", "trainer".into()),
            ],
        ),
        (
            "/profile/password".into(),
            vec![
                ("current_password", guildhall_testkit::PASSWORD.into()),
                ("password", "another passphrase".into()),
                ("password_again", "another passphrase".into()),
            ],
        ),
        ("/profile/tokens".into(), vec![("name", "csrf".into())]),
        (format!("/profile/tokens/{token_id}/revoke"), vec![]),
        (
            "/profile/erase".into(),
            vec![("current_password", guildhall_testkit::PASSWORD.into())],
        ),
        (
            "/people".into(),
            vec![
                ("name", "X".into()),
                ("email", "csrf2@x.org".into()),
                ("category", "instructor".into()),
                ("organisation", f.w.school.to_string()),
            ],
        ),
        (
            format!("/people/{c}/roles"),
            vec![
                ("role", "trainer".into()),
                ("organisation", f.w.school.to_string()),
            ],
        ),
        (format!("/people/{c}/roles/{role_id}/revoke"), vec![]),
        (
            format!("/people/{c}/memberships"),
            vec![("organisation", f.w.other_school.to_string())],
        ),
        (
            format!("/people/{c}/memberships/{}/remove", f.w.school),
            vec![],
        ),
        (format!("/people/{c}/erase"), vec![]),
        (
            "/organisations".into(),
            vec![
                ("parent", f.w.region.to_string()),
                ("kind", "institution".into()),
                ("code", "CSRF".into()),
                ("name_en", "X".into()),
            ],
        ),
        (
            format!("/organisations/{}", f.w.school),
            vec![("code", "CSRF2".into()), ("name_en", "X".into())],
        ),
    ]
}

#[tokio::test]
async fn every_state_changing_route_needs_a_token_and_our_origin() {
    let f = fixture().await;
    let admin = f.t.login("root@x.org").await;
    let token = admin.token().await;
    let tokens = admin.get_json("/api/v1/me/tokens").await.json();
    let token_id = tokens["items"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let roles = guildhall_store::identity::assignments_of(f.t.app.db(), f.colleague.id.0)
        .await
        .expect("roles");
    let role_id = roles[0].id.to_string();
    let audit_before = f.t.count("audit_log").await;
    let people_before = f.t.count("people").await;
    let orgs_before = f.t.count("organisations").await;

    for (path, fields) in page_posts(&f, &token_id, &role_id) {
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        // No token at all.
        let r = admin.post_form_raw(&path, &fields, &[]).await;
        assert_eq!(r.status, 403, "POST {path} without a token: {}", r.text);
        assert!(
            r.text.contains("expired or came from another site"),
            "POST {path}: {}",
            r.text
        );
        // A wrong token.
        let mut with_bad = fields.clone();
        with_bad.push(("csrf", "forged"));
        assert_eq!(
            admin.post_form_raw(&path, &with_bad, &[]).await.status,
            403,
            "POST {path} with a forged token"
        );
        // The right token from a foreign page.
        let mut with_good = fields.clone();
        with_good.push(("csrf", token.as_str()));
        let r = admin
            .post_form_raw(&path, &with_good, &[("origin", "https://evil.example")])
            .await;
        assert_eq!(r.status, 403, "POST {path} from a foreign origin");
        let r = admin
            .post_form_raw(&path, &with_good, &[("sec-fetch-site", "cross-site")])
            .await;
        assert_eq!(r.status, 403, "POST {path} marked cross-site");
    }
    // The API, called with the browser session, needs the token in a header.
    let anon_session = guildhall_testkit::Client::new(&f.t.base);
    let r = anon_session
        .post_raw(
            "/api/v1/me/tokens",
            "application/json",
            b"{\"name\":\"x\"}".to_vec(),
        )
        .await;
    assert_eq!(r.status, 401, "no session, no token: just unauthenticated");
    let r = admin
        .post_raw(
            "/api/v1/me/tokens",
            "application/json",
            b"{\"name\":\"x\"}".to_vec(),
        )
        .await;
    assert_eq!(r.status, 403, "a session without the header: {}", r.text);
    let r = admin
        .post_json("/api/v1/me/tokens", &json!({ "name": "x" }))
        .await;
    assert_eq!(r.status, 201, "with the header");

    assert_eq!(f.t.count("people").await, people_before);
    assert_eq!(f.t.count("organisations").await, orgs_before);
    assert_eq!(
        f.t.count("audit_log").await,
        audit_before + 1,
        "only the last, legitimate call left a trace"
    );
}

#[tokio::test]
async fn responses_carry_security_headers() {
    let t = TestApp::new().await;
    let r = t.client().get("/").await;
    let csp = r.header("content-security-policy").unwrap_or_default();
    assert!(
        csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    assert_eq!(
        r.header("x-content-type-options").as_deref(),
        Some("nosniff")
    );
    let set = r.header("set-cookie").unwrap_or_default();
    assert!(
        set.contains("gh_visitor=") && set.contains("HttpOnly") && set.contains("SameSite=Lax"),
        "{set}"
    );
    assert!(!set.contains("Secure"), "plain HTTP: no Secure flag");
    let https = TestApp::with(|c| c.public_url = "https://guildhall.example".into()).await;
    let set = https
        .client()
        .get("/")
        .await
        .header("set-cookie")
        .unwrap_or_default();
    assert!(
        set.contains("Secure"),
        "over HTTPS cookies are Secure: {set}"
    );
}
