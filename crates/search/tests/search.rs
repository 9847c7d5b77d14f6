//! The catalogue search: stemming in each language, unstemmed and accent-free matching,
//! typos, prefixes, filters and facet counts.

use chrono::Utc;
use guildhall_domain::catalog::Format;
use guildhall_domain::identity::LearnerCategory;
use guildhall_domain::{Lang, Localized};
use guildhall_search::{Catalog, Doc, Entry, Filters, Query, Schedule, SessionWindow, Sort};
use uuid::Uuid;

fn entry(
    code: &str,
    title: Localized,
    body: Localized,
    format: Format,
    hours: i32,
    competences: Vec<Uuid>,
) -> Entry {
    Entry {
        doc: Doc {
            programme: Uuid::now_v7(),
            version: Uuid::now_v7(),
            version_no: 1,
            code: code.to_owned(),
            title,
            summary: Localized::default(),
            hours,
            format,
            lang: Lang::Hu,
            competences,
            areas: Vec::new(),
            regions: Vec::new(),
            categories: vec![LearnerCategory::Instructor],
            provider: Uuid::nil(),
            provider_name: Localized::default(),
            published_at: Utc::now(),
            release: None,
        },
        body,
    }
}

fn l(hu: &str, pl: &str, ru: &str, en: &str) -> Localized {
    Localized::new(
        Some(hu.into()),
        Some(pl.into()),
        Some(ru.into()),
        Some(en.into()),
    )
}

struct Fixture {
    cat: Catalog,
    digital: Uuid,
    green: Uuid,
    safety: Uuid,
    comp_a: Uuid,
    comp_b: Uuid,
}

fn fixture() -> Fixture {
    let cat = Catalog::new().expect("an index");
    let comp_a = Uuid::now_v7();
    let comp_b = Uuid::now_v7();
    let digital = entry(
        "HU-DIG-001",
        l(
            "Digitális értékelés a szakképzésben",
            "Ocenianie cyfrowe w kształceniu zawodowym",
            "Цифровое оценивание в профессиональном обучении",
            "Digital assessment in vocational training",
        ),
        l(
            "Az oktatók megtanulják a képzések digitális értékelését.",
            "Nauczyciele poznają narzędzia do oceniania uczniów na szkoleniach.",
            "Преподаватели осваивают инструменты оценивания.",
            "Teachers learn to assess learners with digital tools.",
        ),
        Format::Blended,
        30,
        vec![comp_a],
    );
    let green = entry(
        "HU-GRN-002",
        l(
            "Zöld készségek a műhelyben",
            "Zielone umiejętności w warsztacie",
            "Зелёные навыки в мастерской",
            "Green skills in the workshop",
        ),
        l(
            "Fenntartható anyaghasználat és energiatakarékosság.",
            "Zrównoważone korzystanie z materiałów.",
            "Бережливое использование материалов.",
            "Sustainable use of materials and saving energy.",
        ),
        Format::InPerson,
        16,
        vec![comp_b],
    );
    let safety = entry(
        "HU-SAF-003",
        l(
            "Munkavédelem gyakorlati oktatáshoz",
            "Bezpieczeństwo pracy w nauczaniu praktycznym",
            "Охрана труда на практических занятиях",
            "Occupational safety for practical teaching",
        ),
        l(
            "Kockázatértékelés a tanműhelyben.",
            "Ocena ryzyka w pracowni.",
            "Оценка рисков в учебной мастерской.",
            "Risk assessment in the training workshop.",
        ),
        Format::OnlineLive,
        8,
        vec![comp_a, comp_b],
    );
    let (d, g, s) = (
        digital.doc.programme,
        green.doc.programme,
        safety.doc.programme,
    );
    cat.replace_all(vec![digital, green, safety])
        .expect("indexed");
    Fixture {
        cat,
        digital: d,
        green: g,
        safety: s,
        comp_a,
        comp_b,
    }
}

fn find(cat: &Catalog, text: &str) -> Vec<String> {
    cat.search(&Query {
        text: text.into(),
        limit: 50,
        ..Default::default()
    })
    .expect("a search")
    .hits
    .iter()
    .map(|h| h.doc.code.clone())
    .collect()
}

#[test]
fn stems_in_every_language() {
    let f = fixture();
    // Hungarian: "értékelést" → "értékelés"
    assert_eq!(find(&f.cat, "értékelést")[0], "HU-DIG-001");
    // Polish: "szkoleniach" (locative plural) finds "szkoleniach"/"kształceniu" text by stem.
    assert_eq!(find(&f.cat, "kształcenie")[0], "HU-DIG-001");
    assert_eq!(find(&f.cat, "warsztatu"), ["HU-GRN-002"]);
    // Russian: "оцениванию" → "оценивание"; "мастерскую" → "мастерская"
    assert_eq!(find(&f.cat, "оцениванию")[0], "HU-DIG-001");
    assert!(find(&f.cat, "мастерскую").contains(&"HU-GRN-002".to_owned()));
    // English: "assessing" → "assess"
    assert!(find(&f.cat, "assessing").contains(&"HU-DIG-001".to_owned()));
}

#[test]
fn unstemmed_accent_free_typos_and_prefixes() {
    let f = fixture();
    assert_eq!(
        find(&f.cat, "zold keszsegek"),
        ["HU-GRN-002"],
        "without accents"
    );
    assert_eq!(
        find(&f.cat, "sustainabel"),
        ["HU-GRN-002"],
        "one transposition"
    );
    assert_eq!(
        find(&f.cat, "munkavéd"),
        ["HU-SAF-003"],
        "the last word as a prefix"
    );
    assert_eq!(find(&f.cat, "hu-grn-002"), ["HU-GRN-002"], "by code");
    assert!(find(&f.cat, "quantum chromodynamics").is_empty());
    // All words must match: "digital" and "workshop" are in different programmes.
    assert!(find(&f.cat, "digital workshop").is_empty());
}

#[test]
fn titles_rank_above_bodies() {
    let f = fixture();
    // "assessment" is in the digital title, and only in the safety body.
    let r = find(&f.cat, "assessment");
    assert_eq!(r, ["HU-DIG-001", "HU-SAF-003"]);
}

#[test]
fn filters_and_disjunctive_facets() {
    let f = fixture();
    let q = Query {
        filters: Filters {
            formats: vec![Format::Blended, Format::InPerson],
            ..Default::default()
        },
        sort: Sort::Title,
        lang: Some(Lang::En),
        limit: 10,
        ..Default::default()
    };
    let r = f.cat.search(&q).expect("search");
    assert_eq!(r.total, 2);
    assert_eq!(
        r.hits[0].doc.programme, f.digital,
        "sorted by English title"
    );
    // The format facet still counts the format not chosen.
    let formats: Vec<(Format, usize)> = r.facets.formats.clone();
    assert!(formats.contains(&(Format::OnlineLive, 1)), "{formats:?}");
    // Competence counts reflect the format filter.
    assert!(r.facets.competences.contains(&(f.comp_a, 1)));
    assert!(r.facets.competences.contains(&(f.comp_b, 1)));

    let q = Query {
        filters: Filters {
            competences: vec![f.comp_b],
            hours_max: Some(10),
            ..Default::default()
        },
        ..Default::default()
    };
    let r = f.cat.search(&q).expect("search");
    assert_eq!(
        r.hits
            .iter()
            .map(|h| h.doc.code.as_str())
            .collect::<Vec<_>>(),
        ["HU-SAF-003"]
    );
    // Sessions: green has a full one in March and a free one in May; another programme has
    // a free one in April.
    let day = |m: u32, d: u32| chrono::NaiveDate::from_ymd_opt(2027, m, d).expect("date");
    let schedule = std::sync::Arc::new(Schedule::new([
        (f.green, day(5, 2), true),
        (f.green, day(3, 1), false),
        (f.safety, day(4, 1), true),
    ]));
    assert_eq!((schedule.programmes(), schedule.with_free_seats()), (2, 2));
    let within = |free: bool, from, to| {
        let q = Query {
            filters: Filters {
                sessions: Some(SessionWindow {
                    schedule: schedule.clone(),
                    free,
                    from,
                    to,
                }),
                ..Default::default()
            },
            ..Default::default()
        };
        let r = f.cat.search(&q).expect("search");
        let mut codes: Vec<String> = r.hits.iter().map(|h| h.doc.code.clone()).collect();
        codes.sort();
        codes
    };
    assert_eq!(within(true, None, None), ["HU-GRN-002", "HU-SAF-003"]);
    // In March only green's full session starts.
    assert_eq!(
        within(false, Some(day(3, 1)), Some(day(3, 31))),
        ["HU-GRN-002"]
    );
    assert!(within(true, Some(day(3, 1)), Some(day(3, 31))).is_empty());
    // Both ends of the window count.
    assert_eq!(
        within(true, Some(day(4, 1)), Some(day(5, 2))),
        ["HU-GRN-002", "HU-SAF-003"]
    );
    assert_eq!(within(true, Some(day(4, 2)), None), ["HU-GRN-002"]);
    assert_eq!(within(true, None, Some(day(4, 30))), ["HU-SAF-003"]);
}

#[test]
fn paging_replacing_and_removing() {
    let f = fixture();
    let r = f
        .cat
        .search(&Query {
            offset: 2,
            limit: 2,
            ..Default::default()
        })
        .expect("search");
    assert_eq!((r.total, r.hits.len()), (3, 1));
    let mut changed = entry(
        "HU-GRN-002",
        l(
            "Körforgásos gazdaság",
            "Gospodarka obiegu zamkniętego",
            "Экономика замкнутого цикла",
            "Circular economy",
        ),
        Localized::default(),
        Format::SelfPaced,
        12,
        vec![],
    );
    changed.doc.programme = f.green;
    f.cat.upsert(vec![changed]).expect("upsert");
    assert!(find(&f.cat, "zöld").is_empty(), "the old text is gone");
    assert_eq!(find(&f.cat, "körforgásos"), ["HU-GRN-002"]);
    assert_eq!(f.cat.len(), 3);
    f.cat.remove(&[f.digital]).expect("remove");
    assert!(find(&f.cat, "digital").is_empty());
    assert_eq!(f.cat.len(), 2);
    assert!(f.cat.get(f.digital).is_none());
}
