//! Who may do what: the authorization matrix over every API route and the page routes that
//! reach other people's objects, and CSRF protection on every state-changing route.

use std::collections::BTreeSet;

use guildhall_domain::identity::Role;
use guildhall_testkit::{Authoring, Client, Stage, TestApp};
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
/// Open to everyone, signed in or not.
const PUBLIC_ALL: &[Who] = &[
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
/// Those who review the other region's programmes: the country's reviewer, and the platform's
/// administrator.
const REVIEWERS: &[Who] = &[Reviewer, PlatformAdmin];
/// Those with a review queue at all.
const REVIEW_QUEUE: &[Who] = &[Reviewer, RegionAdmin, PlatformAdmin];
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
    /// Objects of a provider in the other region, in every state a route needs.
    foreign: Foreign,
}

struct Foreign {
    org: guildhall_domain::OrgId,
    published: guildhall_domain::ProgrammeId,
    draft: guildhall_domain::ProgrammeId,
    to_approve: guildhall_domain::ProgrammeId,
    to_return: guildhall_domain::ProgrammeId,
    to_publish: guildhall_domain::ProgrammeId,
    to_retire: guildhall_domain::ProgrammeId,
    for_release: String,
    release: String,
    /// Open sessions: one to sign up for, one to start, one to resize, one with
    /// approvals.
    session: guildhall_domain::SessionId,
    session_to_start: guildhall_domain::SessionId,
    session_to_resize: guildhall_domain::SessionId,
    /// The stranger's confirmed enrolment, and two waiting for approval.
    enrolment: String,
    pending_a: String,
    pending_b: String,
    /// The stranger's pending recognition.
    recognition: String,
    /// Two newcomers' requests to join the other region's school.
    application_a: String,
    application_b: String,
}

async fn fixture() -> Fixture {
    let t = TestApp::new().await;
    let cw = t.catalog_world().await;
    let w = &cw.w;
    let extra = [
        (
            Learner,
            "learner@x.org",
            Some(w.school),
            vec![(Role::Learner, Some(w.school))],
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
    for (who, email, org, roles) in extra {
        t.person(email, org, &roles).await;
        clients.push((who, t.bearer(email).await));
    }
    for (who, email) in [
        (Head, &cw.head.email),
        (Trainer, &cw.trainer.email),
        (Provider, &cw.provider.email),
        (Reviewer, &cw.reviewer.email),
    ] {
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

    // The other region's provider, its programmes and sessions.
    let org = t
        .org(
            "C-R2-PROV",
            guildhall_domain::org::OrgKind::Provider,
            Some(w.other_region),
        )
        .await;
    let other = t
        .person(
            "otherprovider@x.org",
            Some(org),
            &[(Role::Provider, Some(org))],
        )
        .await;
    let other_trainer = t
        .person(
            "othertrainer@x.org",
            Some(org),
            &[(Role::Trainer, Some(org))],
        )
        .await;
    t.person(
        "otherhead@x.org",
        Some(w.other_school),
        &[(Role::InstitutionHead, Some(w.other_school))],
    )
    .await;
    let rv = &cw.reviewer.email;
    let p = |code: &'static str, stage| {
        let t = &t;
        let other = other.email.clone();
        let rv = rv.clone();
        async move {
            t.programme_as(
                Authoring {
                    provider: &other,
                    reviewer: &rv,
                    org,
                },
                code,
                code,
                &["DIGCOMPEDU:2.1"],
                stage,
            )
            .await
        }
    };
    let published = p("F-PUB", Stage::Published).await;
    let draft = p("F-DRAFT", Stage::Draft).await;
    let to_approve = p("F-APPROVE", Stage::Submitted).await;
    let to_return = p("F-RETURN", Stage::Submitted).await;
    let to_publish = p("F-PUBLISH", Stage::Approved).await;
    let to_retire = p("F-RETIRE", Stage::Published).await;
    let for_release_prog = p("F-RELEASE", Stage::Approved).await;
    let released = p("F-RELEASED", Stage::Approved).await;
    let root = t.app.console_actor("root@x.org").await.expect("root");
    let versions = |id: guildhall_domain::ProgrammeId| {
        let t = &t;
        async move {
            guildhall_store::catalog::latest_version(t.app.db(), id.0)
                .await
                .expect("read")
                .expect("a version")
                .id
        }
    };
    let for_release = versions(for_release_prog).await.to_string();
    let rel = t
        .app
        .create_release(
            &root,
            "Spring",
            "",
            &[guildhall_domain::VersionId(versions(released).await)],
            &guildhall_app::Meta::console(),
        )
        .await
        .expect("a release");
    let session = t
        .session_as(&other.email, other_trainer.id, published, 50, 7, |_| {})
        .await;
    let session_to_start = t
        .session_as(&other.email, other_trainer.id, published, 5, 20, |_| {})
        .await;
    let session_to_resize = t
        .session_as(&other.email, other_trainer.id, published, 5, 30, |_| {})
        .await;
    let with_approval = t
        .session_as(&other.email, other_trainer.id, to_retire, 5, 40, |i| {
            i.requires_approval = true
        })
        .await;
    let with_approval_2 = t
        .session_as(&other.email, other_trainer.id, to_retire, 5, 50, |i| {
            i.requires_approval = true
        })
        .await;
    let me = t
        .app
        .console_actor(&stranger.email)
        .await
        .expect("the stranger");
    let meta = guildhall_app::Meta::console();
    let enrolment = t
        .app
        .sign_up(&me, session, None, &meta)
        .await
        .expect("signed up")
        .id
        .to_string();
    let pending_a = t
        .app
        .sign_up(&me, with_approval, None, &meta)
        .await
        .expect("pending")
        .id
        .to_string();
    let pending_b = t
        .app
        .sign_up(&me, with_approval_2, None, &meta)
        .await
        .expect("pending")
        .id
        .to_string();
    // Two newcomers ask to join the other region's school.
    let mut applications = Vec::new();
    for email in ["applicant.a@x.org", "applicant.b@x.org"] {
        let who = t.person(email, None, &[]).await;
        let id = uuid::Uuid::now_v7();
        guildhall_store::identity::insert_membership_request(
            t.app.db(),
            guildhall_store::entities::membership_request::Model {
                id,
                person_id: who.id.0,
                organisation_id: w.other_school.0,
                kind: "application".into(),
                requested_by: None,
                created_at: chrono::Utc::now(),
                decision: None,
                decided_by: None,
                decided_at: None,
                open_org: Some(w.other_school.0),
            },
        )
        .await
        .expect("an application");
        applications.push(id.to_string());
    }
    // A recognition the stranger submitted.
    let recognition = t
        .app
        .submit_recognition(
            &me,
            &guildhall_app::recognitions::RecognitionInput {
                kind: "training".into(),
                title: "Outside course".into(),
                provider: "Elsewhere".into(),
                starts_on: Some(chrono::Utc::now().date_naive() - chrono::Duration::days(5)),
                ends_on: Some(chrono::Utc::now().date_naive() - chrono::Duration::days(4)),
                hours: 8.0,
                competences: vec![],
            },
            Some(guildhall_app::recognitions::Evidence {
                name: "c.pdf".into(),
                bytes: b"%PDF-1.4 evidence".to_vec(),
            }),
            &meta,
        )
        .await
        .expect("submitted")
        .to_string();
    // A certificate of the stranger's, as a completed session would have issued it.
    let row = guildhall_store::sessions::find_session(t.app.db(), session.0)
        .await
        .expect("read")
        .expect("the session");
    let enrolment_id: uuid::Uuid = enrolment.parse().expect("an id");
    guildhall_store::sessions::set_completed(t.app.db(), enrolment_id, true, chrono::Utc::now())
        .await
        .expect("completed");
    guildhall_store::certificates::insert_if_none(
        t.app.db(),
        guildhall_store::entities::certificate::Model {
            seq: 0,
            id: uuid::Uuid::now_v7(),
            enrolment_id,
            active_enrolment: Some(enrolment_id),
            person_id: stranger.id.0,
            session_id: row.id,
            version_id: row.version_id,
            code: CERTIFICATE.into(),
            language: "en".into(),
            minutes: 600,
            completed_on: row.ends_on,
            issued_at: chrono::Utc::now(),
            status: "valid".into(),
            revoked_at: None,
            revoke_reason: None,
            replaced_by: None,
        },
    )
    .await
    .expect("a certificate");
    let foreign = Foreign {
        org,
        published,
        draft,
        to_approve,
        to_return,
        to_publish,
        to_retire,
        for_release,
        release: rel.to_string(),
        session,
        session_to_start,
        session_to_resize,
        enrolment,
        pending_a,
        pending_b,
        recognition,
        application_b: applications.pop().unwrap_or_default(),
        application_a: applications.pop().unwrap_or_default(),
    };
    Fixture {
        t,
        clients,
        stranger,
        colleague,
        stranger_token,
        stranger_role,
        w: cw.w,
        foreign,
    }
}

fn cases(f: &Fixture) -> Vec<Case> {
    let s = f.stranger.id;
    let c = f.colleague.id;
    let w = &f.w;
    let x = &f.foreign;
    let case = |method, route, path: String, body: Option<Value>, allowed| Case {
        method,
        route,
        path,
        body,
        allowed,
    };
    let programme_body = |code: &str| {
        json!({ "code": code, "provider": x.org.0, "title": { "en": "New" }, "hours": 8, "format": "in_person",
                "delivery_language": "en", "categories": ["instructor"], "licence": "cc_by" })
    };
    let session_day = (chrono::Utc::now() + chrono::Duration::days(60)).date_naive();
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
        // The catalogue.
        case(
            "get",
            "/api/v1/programmes",
            "/api/v1/programmes?q=F".into(),
            None,
            PUBLIC_ALL,
        ),
        case(
            "get",
            "/api/v1/programmes/{id}",
            format!("/api/v1/programmes/{}", x.published),
            None,
            PUBLIC_ALL,
        ),
        case(
            "get",
            "/api/v1/programmes/{id}",
            format!("/api/v1/programmes/{}", x.draft),
            None,
            REVIEWERS,
        ),
        case(
            "post",
            "/api/v1/programmes",
            "/api/v1/programmes".into(),
            Some(programme_body("M-PROG")),
            ONLY_ROOT,
        ),
        case(
            "put",
            "/api/v1/programmes/{id}",
            format!("/api/v1/programmes/{}", x.published),
            Some(programme_body("F-PUB")),
            ONLY_ROOT,
        ),
        case(
            "post",
            "/api/v1/programmes/{id}/submit",
            format!("/api/v1/programmes/{}/submit", x.draft),
            None,
            ONLY_ROOT,
        ),
        case(
            "post",
            "/api/v1/programmes/{id}/approve",
            format!("/api/v1/programmes/{}/approve", x.to_approve),
            None,
            REVIEWERS,
        ),
        case(
            "post",
            "/api/v1/programmes/{id}/return",
            format!("/api/v1/programmes/{}/return", x.to_return),
            Some(json!({ "comment": "Please add outcomes." })),
            REVIEWERS,
        ),
        case(
            "post",
            "/api/v1/programmes/{id}/publish",
            format!("/api/v1/programmes/{}/publish", x.to_publish),
            None,
            ONLY_ROOT,
        ),
        case(
            "post",
            "/api/v1/programmes/{id}/retire",
            format!("/api/v1/programmes/{}/retire", x.to_retire),
            None,
            ONLY_ROOT,
        ),
        case(
            "get",
            "/api/v1/me/programmes",
            "/api/v1/me/programmes".into(),
            None,
            SIGNED_IN,
        ),
        case(
            "get",
            "/api/v1/reviews",
            "/api/v1/reviews".into(),
            None,
            REVIEW_QUEUE,
        ),
        case(
            "get",
            "/api/v1/frameworks",
            "/api/v1/frameworks".into(),
            None,
            PUBLIC_ALL,
        ),
        case(
            "post",
            "/api/v1/frameworks",
            "/api/v1/frameworks".into(),
            Some(json!(
                "kind,code,area,name_hu,name_pl,name_ru,name_en\nframework,M-FW,,,,,Matrix\narea,A,,,,,A\ncompetence,A.1,A,,,,One\n"
            )),
            ONLY_ROOT,
        ),
        case(
            "get",
            "/api/v1/releases",
            "/api/v1/releases".into(),
            None,
            PUBLIC_ALL,
        ),
        case(
            "get",
            "/api/v1/releases/{id}",
            format!("/api/v1/releases/{}", x.release),
            None,
            PUBLIC_ALL,
        ),
        case(
            "post",
            "/api/v1/releases",
            "/api/v1/releases".into(),
            Some(json!({ "name": "Matrix", "versions": [x.for_release] })),
            ONLY_ROOT,
        ),
        // Sessions. (The stranger is a trainer by now: an earlier row made them one.)
        case(
            "post",
            "/api/v1/programmes/{id}/sessions",
            format!("/api/v1/programmes/{}/sessions", x.published),
            Some(
                json!({ "meetings": [{ "day": session_day, "starts": "09:00", "ends": "12:00", "place": "Room" }], "trainers": [f.stranger.id.0], "capacity": 10 }),
            ),
            ONLY_ROOT,
        ),
        case(
            "get",
            "/api/v1/sessions",
            "/api/v1/sessions".into(),
            None,
            PUBLIC_ALL,
        ),
        case(
            "get",
            "/api/v1/sessions/{id}",
            format!("/api/v1/sessions/{}", x.session),
            None,
            PUBLIC_ALL,
        ),
        case(
            "post",
            "/api/v1/sessions/{id}/{action}",
            format!("/api/v1/sessions/{}/start", x.session_to_start),
            None,
            ONLY_ROOT,
        ),
        case(
            "put",
            "/api/v1/sessions/{id}/capacity",
            format!("/api/v1/sessions/{}/capacity", x.session_to_resize),
            Some(json!({ "capacity": 9 })),
            ONLY_ROOT,
        ),
        case(
            "post",
            "/api/v1/sessions/{id}/enrolments",
            format!("/api/v1/sessions/{}/enrolments", x.session),
            None,
            SIGNED_IN,
        ),
        case(
            "get",
            "/api/v1/sessions/{id}/enrolments",
            format!("/api/v1/sessions/{}/enrolments", x.session),
            None,
            STAFF_VIEWERS,
        ),
        case(
            "delete",
            "/api/v1/enrolments/{id}",
            format!("/api/v1/enrolments/{}", x.enrolment),
            None,
            NOBODY,
        ),
        case(
            "post",
            "/api/v1/enrolments/{id}/accept",
            format!("/api/v1/enrolments/{}/accept", x.enrolment),
            None,
            NOBODY,
        ),
        case(
            "post",
            "/api/v1/enrolments/{id}/approve",
            format!("/api/v1/enrolments/{}/approve", x.pending_a),
            None,
            ONLY_ROOT,
        ),
        case(
            "post",
            "/api/v1/enrolments/{id}/decline",
            format!("/api/v1/enrolments/{}/decline", x.pending_b),
            None,
            ONLY_ROOT,
        ),
        case(
            "post",
            "/api/v1/sessions/{id}/attendance",
            format!("/api/v1/sessions/{}/attendance", x.session),
            Some(json!({ "marks": [] })),
            ONLY_ROOT,
        ),
        case(
            "post",
            "/api/v1/enrolments/{id}/remove",
            format!("/api/v1/enrolments/{}/remove", x.enrolment),
            None,
            ONLY_ROOT,
        ),
        case(
            "get",
            "/api/v1/me/enrolments",
            "/api/v1/me/enrolments".into(),
            None,
            SIGNED_IN,
        ),
        case(
            "get",
            "/api/v1/approvals",
            "/api/v1/approvals".into(),
            None,
            STAFF_VIEWERS,
        ),
        case(
            "get",
            "/api/v1/me/ledger",
            "/api/v1/me/ledger".into(),
            None,
            SIGNED_IN,
        ),
        case(
            "get",
            "/api/v1/me/notifications",
            "/api/v1/me/notifications".into(),
            None,
            SIGNED_IN,
        ),
        case(
            "post",
            "/api/v1/me/notifications/read",
            "/api/v1/me/notifications/read".into(),
            None,
            SIGNED_IN,
        ),
        case(
            "get",
            "/api/v1/me/invitations",
            "/api/v1/me/invitations".into(),
            None,
            SIGNED_IN,
        ),
        case(
            "get",
            "/api/v1/membership-requests",
            "/api/v1/membership-requests".into(),
            None,
            STAFF_VIEWERS,
        ),
        case(
            "post",
            "/api/v1/membership-requests/{id}/accept",
            format!("/api/v1/membership-requests/{}/accept", x.application_a),
            None,
            ONLY_ROOT,
        ),
        case(
            "post",
            "/api/v1/membership-requests/{id}/decline",
            format!("/api/v1/membership-requests/{}/decline", x.application_b),
            None,
            ONLY_ROOT,
        ),
        case(
            "get",
            "/api/v1/people/{id}/ledger",
            format!("/api/v1/people/{s}/ledger"),
            None,
            ONLY_ROOT,
        ),
        case(
            "post",
            "/api/v1/people/{id}/ledger",
            format!("/api/v1/people/{s}/ledger"),
            Some(json!({ "minutes": 60, "occurred_on": "2026-01-10", "note": "Matrix" })),
            ONLY_ROOT,
        ),
        case(
            "get",
            "/api/v1/me/compliance",
            "/api/v1/me/compliance".into(),
            None,
            SIGNED_IN,
        ),
        case(
            "get",
            "/api/v1/compliance/rules",
            "/api/v1/compliance/rules".into(),
            None,
            SIGNED_IN,
        ),
        case(
            "get",
            "/api/v1/people/{id}/compliance",
            format!("/api/v1/people/{s}/compliance"),
            None,
            ONLY_ROOT,
        ),
        case(
            "get",
            "/api/v1/organisations/{id}/compliance",
            format!("/api/v1/organisations/{}/compliance", w.other_school),
            None,
            ONLY_ROOT,
        ),
        case(
            "put",
            "/api/v1/people/{id}/employment-start",
            format!("/api/v1/people/{s}/employment-start"),
            Some(json!({ "started_on": "2020-09-01" })),
            ONLY_ROOT,
        ),
        case(
            "post",
            "/api/v1/people/{id}/leaves",
            format!("/api/v1/people/{s}/leaves"),
            Some(json!({ "starts_on": "2025-01-01", "ends_on": "2025-03-31", "reason": "Matrix" })),
            ONLY_ROOT,
        ),
        case(
            "get",
            "/api/v1/me/certificates",
            "/api/v1/me/certificates".into(),
            None,
            SIGNED_IN,
        ),
        case(
            "get",
            "/api/v1/certificates/{code}/credential",
            format!("/api/v1/certificates/{CERTIFICATE}/credential"),
            None,
            PUBLIC_ALL,
        ),
        case(
            "get",
            "/api/v1/certificates/{code}/pdf",
            format!("/api/v1/certificates/{CERTIFICATE}/pdf"),
            None,
            ONLY_ROOT,
        ),
        case(
            "post",
            "/api/v1/certificates/{code}/revoke",
            format!("/api/v1/certificates/{CERTIFICATE}/revoke"),
            Some(json!({ "reason": "Matrix" })),
            ONLY_ROOT,
        ),
        case(
            "post",
            "/api/v1/certificates/{code}/reissue",
            format!("/api/v1/certificates/{CERTIFICATE}/reissue"),
            None,
            ONLY_ROOT,
        ),
        case(
            "post",
            "/api/v1/me/recognitions",
            "/api/v1/me/recognitions".into(),
            Some(json!({})),
            SIGNED_IN,
        ),
        case(
            "get",
            "/api/v1/me/recognitions",
            "/api/v1/me/recognitions".into(),
            None,
            SIGNED_IN,
        ),
        case(
            "get",
            "/api/v1/recognitions",
            "/api/v1/recognitions".into(),
            None,
            &[Head, Reviewer, RegionAdmin, PlatformAdmin],
        ),
        case(
            "get",
            "/api/v1/recognitions/{id}/evidence",
            format!("/api/v1/recognitions/{}/evidence", x.recognition),
            None,
            REVIEWERS,
        ),
        case(
            "post",
            "/api/v1/recognitions/{id}/reject",
            format!("/api/v1/recognitions/{}/reject", x.recognition),
            Some(json!({ "reason": "Matrix" })),
            REVIEWERS,
        ),
        case(
            "post",
            "/api/v1/recognitions/{id}/approve",
            format!("/api/v1/recognitions/{}/approve", x.recognition),
            None,
            REVIEWERS,
        ),
        // Last: these change the stranger for good.
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

/// The stranger's certificate.
const CERTIFICATE: &str = "MATRX-23456";

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
    let body = case.body.clone().unwrap_or(json!({}));
    match case.method {
        "get" => c.get_json(&case.path).await,
        "post" if case.route == "/api/v1/frameworks" => {
            let csv = body.as_str().unwrap_or("").to_owned();
            c.post_raw_auth(&case.path, "text/csv", csv.into_bytes())
                .await
        }
        "post" if case.body.is_none() => c.post_empty(&case.path).await,
        "post" => c.post_json(&case.path, &body).await,
        "put" => c.put_json(&case.path, &body).await,
        "patch" => c.patch_json(&case.path, &body).await,
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

    // Routes open to anonymous callers (for some objects): they answer 404, not 401, for the
    // objects that are not public.
    let public_routes: BTreeSet<&str> = cases
        .iter()
        .filter(|c| c.allowed.contains(&Anon))
        .map(|c| c.route)
        .collect();
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
            if *who == Anon && !public_routes.contains(case.route) {
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
            if (case.route == "/api/v1/sessions/{id}/enrolments"
                || case.route == "/api/v1/approvals")
                && r.status == 200
                && *who != PlatformAdmin
            {
                assert!(
                    !r.text.contains("stranger@x.org"),
                    "{who:?} sees the stranger in {}",
                    case.path
                );
            }
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
