//! The demo deployment: it loads through the real use cases into an empty database only,
//! its catalogue is searchable in four languages, and every page a newcomer reaches from it
//! renders in each language within the statement budget.

use guildhall_app::demo::{DEMO_ADMIN_EMAIL, DEMO_PASSWORD};
use guildhall_testkit::{Client, TestApp};

const LANGS: [&str; 4] = ["hu", "pl", "ru", "en"];

/// The links in `html` to `prefix` followed by an id, in page order.
fn links(html: &str, prefix: &str) -> Vec<String> {
    let needle = format!("href=\"{prefix}");
    html.match_indices(&needle)
        .filter_map(|(at, _)| {
            let rest = &html[at + "href=\"".len()..];
            let end = rest.find(['"', '?', '#'])?;
            let link = &rest[..end];
            let id = link[prefix.len()..].split('/').next()?;
            (id.len() == 36 && id.chars().all(|c| c.is_ascii_hexdigit() || c == '-'))
                .then(|| link.to_owned())
        })
        .collect()
}

fn first_link(html: &str, prefix: &str) -> Option<String> {
    links(html, prefix).into_iter().next()
}

async fn visit_all(c: &Client, who: &str, pages: &[String]) {
    for lang in LANGS {
        assert_eq!(
            c.post_form("/language", &[("lang", lang)]).await.status,
            303
        );
        for p in pages {
            let r = c.get(p).await;
            assert_eq!(r.status, 200, "{who} {lang} {p}: {}", r.text);
            assert!(
                r.text.contains(&format!("<html lang=\"{lang}\"")),
                "{who} {lang} {p}"
            );
            assert!(
                r.statements() <= 10,
                "{who} {lang} {p}: {} SQL statements",
                r.statements()
            );
            assert!(
                r.text.len() <= 48 * 1024,
                "{who} {lang} {p}: {} bytes of HTML",
                r.text.len()
            );
        }
    }
}

#[tokio::test]
async fn the_demo_loads_once_and_every_page_it_reaches_renders() {
    let t = TestApp::new().await;
    assert!(t.app.load_demo().await.expect("the demo loads"));
    assert!(
        !t.app.load_demo().await.expect("a second call"),
        "the demo loads only into an empty database"
    );

    // A living catalogue: programmes in every language, found by their own words.
    let anon = t.client();
    let api = anon.get_json("/api/v1/programmes?per_page=1").await;
    assert_eq!(api.status, 200, "{}", api.text);
    assert!(
        api.json()["total"].as_u64().unwrap_or(0) >= 50,
        "{}",
        api.text
    );
    // Inflected forms find the words as the programmes write them.
    for q in ["értékelésének", "ocenianiu", "наставничеству", "assessing"] {
        let r = anon.get_json(&format!("/api/v1/programmes?q={q}")).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert!(
            r.json()["total"].as_u64().unwrap_or(0) >= 1,
            "{q}: {}",
            r.text
        );
    }

    let catalogue = anon.get("/catalogue").await;
    let programme = first_link(&catalogue.text, "/programmes/").expect("a programme link");
    let with_sessions = {
        let r = anon.get("/catalogue?free_seats=true").await;
        first_link(&r.text, "/programmes/").unwrap_or_else(|| programme.clone())
    };
    let detail = anon.get(&with_sessions).await;
    let session = first_link(&detail.text, "/sessions/").expect("a session link");

    let public = vec![
        "/".to_owned(),
        "/catalogue".to_owned(),
        "/catalogue?q=digit".to_owned(),
        "/catalogue/releases".to_owned(),
        "/frameworks".to_owned(),
        programme.clone(),
        session.clone(),
    ];
    visit_all(&anon, "anonymous", &public).await;

    let learner = t
        .login_with("learner@guildhall.example", DEMO_PASSWORD)
        .await;
    let mut pages = public.clone();
    pages.extend(
        [
            "/trainings",
            "/ledger",
            "/notifications",
            "/profile",
            "/compliance",
            "/certificates",
            "/recognitions/new",
        ]
        .map(str::to_owned),
    );
    let certificates = learner.get("/certificates").await;
    let at = certificates
        .text
        .find("href=\"/verify/")
        .unwrap_or_else(|| panic!("a certificate: {}", certificates.text));
    let verify = certificates.text[at + 6..at + 6 + "/verify/".len() + 11].to_owned();
    pages.push(verify);
    visit_all(&learner, "learner", &pages).await;

    let provider = t
        .login_with("provider@guildhall.example", DEMO_PASSWORD)
        .await;
    let mine = provider.get("/programmes/mine").await;
    let mut own = None;
    for link in links(&mine.text, "/programmes/") {
        if provider
            .get(&link)
            .await
            .text
            .contains(&format!("{link}/edit"))
        {
            own = Some(link);
            break;
        }
    }
    let own = own.expect("an own programme that may be edited");
    let pages = vec![
        "/programmes/mine".to_owned(),
        "/programmes/new".to_owned(),
        own.clone(),
        format!("{own}/edit"),
        session.clone(),
    ];
    visit_all(&provider, "provider", &pages).await;

    let reviewer = t
        .login_with("reviewer@guildhall.example", DEMO_PASSWORD)
        .await;
    visit_all(&reviewer, "reviewer", &["/reviews".to_owned()]).await;

    let head = t.login_with("head@guildhall.example", DEMO_PASSWORD).await;
    let orgs = head.get("/organisations").await;
    let mut org = None;
    for link in links(&orgs.text, "/organisations/") {
        if head
            .get(&link)
            .await
            .text
            .contains(&format!("{link}/compliance"))
        {
            org = Some(link);
            break;
        }
    }
    let org = org.expect("the head's institution links to its compliance");
    visit_all(
        &head,
        "head",
        &[
            "/approvals".to_owned(),
            "/recognitions".to_owned(),
            format!("{org}/compliance"),
        ],
    )
    .await;

    let admin = t.login_with(DEMO_ADMIN_EMAIL, DEMO_PASSWORD).await;
    let people = admin.get("/people").await;
    let person = first_link(&people.text, "/people/").expect("a person");
    let pages = vec![
        "/people".to_owned(),
        format!("{person}/ledger"),
        format!("{person}/compliance"),
        "/organisations".to_owned(),
        "/admin/audit".to_owned(),
        "/admin/outbox".to_owned(),
        "/catalogue/releases/new".to_owned(),
        session,
    ];
    visit_all(&admin, "administrator", &pages).await;
}
