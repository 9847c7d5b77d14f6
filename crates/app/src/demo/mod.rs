//! Demo data: a believable deployment for a newcomer to explore.
//!
//! The organisations and people are written directly; the catalogue, its sessions and
//! sign-ups go through the same use cases as everything people do, so the demo shows what
//! the platform really does.
//!
//! Three countries (Hungary, Poland, Russia) with regions, a cluster, institutions,
//! providers and employers, and one account for each role. Loaded only into an empty
//! database; every demo account shares [`DEMO_PASSWORD`].

use chrono::Utc;
use guildhall_domain::identity::{LearnerCategory, Role};
use guildhall_domain::org::{OrgKind, ROOT_PATH, child_path};
use guildhall_domain::{Lang, OrgId, PersonId, RoleAssignmentId};
use guildhall_store::entities::{organisation, person, role_assignment};
use guildhall_store::{begin_write, identity as iq, org as oq};

mod catalogue;
pub mod programmes;

use crate::crypto::hash_password;
use crate::{App, Result};

pub const DEMO_ADMIN_EMAIL: &str = "admin@guildhall.example";
pub const DEMO_PASSWORD: &str = "guildhall-demo-2026";

/// The time zones of the demo's countries (and of Moscow, where Tatarstan's zone is the
/// same).
const ZONES: &[(&str, &str)] = &[
    ("HU", "Europe/Budapest"),
    ("PL", "Europe/Warsaw"),
    ("RU", "Europe/Moscow"),
];

/// One node: code, kind, parent code, names (hu, pl, ru, en).
type Node = (
    &'static str,
    OrgKind,
    Option<&'static str>,
    [&'static str; 4],
);

const ORGS: &[Node] = &[
    (
        "HU",
        OrgKind::Country,
        None,
        ["Magyarország", "Węgry", "Венгрия", "Hungary"],
    ),
    (
        "HU-KM",
        OrgKind::Region,
        Some("HU"),
        [
            "Közép-Magyarország",
            "Węgry Środkowe",
            "Центральная Венгрия",
            "Central Hungary",
        ],
    ),
    (
        "HU-EA",
        OrgKind::Region,
        Some("HU"),
        [
            "Észak-Alföld",
            "Północna Nizina Węgierska",
            "Северный Альфёльд",
            "Northern Great Plain",
        ],
    ),
    (
        "HU-ND",
        OrgKind::Region,
        Some("HU"),
        [
            "Nyugat-Dunántúl",
            "Zachodnie Zadunaje",
            "Западная Задунайская область",
            "Western Transdanubia",
        ],
    ),
    (
        "HU-KM-BGSZC",
        OrgKind::Institution,
        Some("HU-KM"),
        [
            "Budapesti Gépészeti Szakképzési Centrum",
            "Budapeszteńskie Centrum Kształcenia Zawodowego w Mechanice",
            "Будапештский центр профобразования в машиностроении",
            "Budapest Centre for Vocational Training in Engineering",
        ],
    ),
    (
        "HU-KM-BMSZC",
        OrgKind::Institution,
        Some("HU-KM"),
        [
            "Budapesti Műszaki Szakképzési Centrum",
            "Budapeszteńskie Techniczne Centrum Kształcenia Zawodowego",
            "Будапештский технический центр профобразования",
            "Budapest Technical Vocational Centre",
        ],
    ),
    (
        "HU-EA-DSZC",
        OrgKind::Institution,
        Some("HU-EA"),
        [
            "Debreceni Szakképzési Centrum",
            "Centrum Kształcenia Zawodowego w Debreczynie",
            "Дебреценский центр профобразования",
            "Debrecen Vocational Centre",
        ],
    ),
    (
        "HU-ND-GYSZC",
        OrgKind::Institution,
        Some("HU-ND"),
        [
            "Győri Szakképzési Centrum",
            "Centrum Kształcenia Zawodowego w Győr",
            "Дьёрский центр профобразования",
            "Győr Vocational Centre",
        ],
    ),
    (
        "HU-IKK",
        OrgKind::Provider,
        Some("HU-KM"),
        [
            "IKK Innovatív Képzéstámogató Központ",
            "IKK Innowacyjne Centrum Wsparcia Kształcenia",
            "IKK Инновационный центр поддержки обучения",
            "IKK Innovative Training Support Centre",
        ],
    ),
    (
        "HU-ND-AUDI",
        OrgKind::Employer,
        Some("HU-ND"),
        [
            "Audi Hungaria Zrt.",
            "Audi Hungaria",
            "Ауди Хунгария",
            "Audi Hungaria",
        ],
    ),
    (
        "PL",
        OrgKind::Country,
        None,
        ["Lengyelország", "Polska", "Польша", "Poland"],
    ),
    (
        "PL-MZ",
        OrgKind::Region,
        Some("PL"),
        [
            "Mazóviai vajdaság",
            "Województwo mazowieckie",
            "Мазовецкое воеводство",
            "Masovian Voivodeship",
        ],
    ),
    (
        "PL-MA",
        OrgKind::Region,
        Some("PL"),
        [
            "Kis-lengyelországi vajdaság",
            "Województwo małopolskie",
            "Малопольское воеводство",
            "Lesser Poland Voivodeship",
        ],
    ),
    (
        "PL-MZ-ZSE",
        OrgKind::Institution,
        Some("PL-MZ"),
        [
            "Varsói Elektronikai Szakközépiskola",
            "Zespół Szkół Elektronicznych w Warszawie",
            "Варшавский комплекс электронных школ",
            "Warsaw School of Electronics",
        ],
    ),
    (
        "PL-MA-ZSM",
        OrgKind::Institution,
        Some("PL-MA"),
        [
            "Krakkói Gépipari Iskolaközpont",
            "Zespół Szkół Mechanicznych w Krakowie",
            "Краковский комплекс механических школ",
            "Kraków School of Mechanical Engineering",
        ],
    ),
    (
        "PL-ORE",
        OrgKind::Provider,
        Some("PL-MZ"),
        [
            "Oktatásfejlesztési Központ",
            "Ośrodek Rozwoju Edukacji",
            "Центр развития образования",
            "Centre for Education Development",
        ],
    ),
    (
        "RU",
        OrgKind::Country,
        None,
        ["Oroszország", "Rosja", "Россия", "Russia"],
    ),
    (
        "RU-MOW",
        OrgKind::Region,
        Some("RU"),
        ["Moszkva", "Moskwa", "Москва", "Moscow"],
    ),
    (
        "RU-TA",
        OrgKind::Region,
        Some("RU"),
        [
            "Tatárföld",
            "Tatarstan",
            "Республика Татарстан",
            "Tatarstan",
        ],
    ),
    (
        "RU-TA-MASH",
        OrgKind::Cluster,
        Some("RU-TA"),
        [
            "„Professionalitet” gépipari klaszter",
            "Klaster „Profesjonalizm” – budowa maszyn",
            "Кластер «Профессионалитет»: машиностроение",
            "Professionalitet cluster: mechanical engineering",
        ],
    ),
    (
        "RU-TA-KATK",
        OrgKind::Institution,
        Some("RU-TA-MASH"),
        [
            "Kazanyi Repülőtechnikai Főiskola",
            "Kazańskie Kolegium Lotniczo-Techniczne",
            "Казанский авиационно-технический колледж",
            "Kazan Aviation Technical College",
        ],
    ),
    (
        "RU-TA-KAMAZ",
        OrgKind::Employer,
        Some("RU-TA-MASH"),
        ["KAMAZ", "KAMAZ", "КАМАЗ", "KAMAZ"],
    ),
    (
        "RU-TA-COPP",
        OrgKind::Provider,
        Some("RU-TA"),
        [
            "Tatárföldi Haladó Szakképzési Központ",
            "Centrum Zaawansowanego Kształcenia Zawodowego Tatarstanu",
            "Центр опережающей профессиональной подготовки Татарстана",
            "Tatarstan Centre for Advanced Vocational Training",
        ],
    ),
    (
        "RU-MOW-KS54",
        OrgKind::Institution,
        Some("RU-MOW"),
        [
            "54. sz. Hírközlési Főiskola",
            "Kolegium Łączności nr 54",
            "Колледж связи № 54",
            "College of Communications No. 54",
        ],
    ),
];

/// One person: e-mail, name, language, category, organisation code (empty: none), roles over it.
type Who = (
    &'static str,
    &'static str,
    Lang,
    LearnerCategory,
    &'static str,
    &'static [Role],
);

const PEOPLE: &[Who] = &[
    (
        "coordinator@guildhall.example",
        "Szabó Katalin",
        Lang::Hu,
        LearnerCategory::InstitutionLeader,
        "HU-KM",
        &[Role::RegionalCoordinator],
    ),
    (
        "head@guildhall.example",
        "Kovács István",
        Lang::Hu,
        LearnerCategory::InstitutionLeader,
        "HU-KM-BGSZC",
        &[Role::InstitutionHead, Role::Learner],
    ),
    (
        "trainer@guildhall.example",
        "Nagy Eszter",
        Lang::Hu,
        LearnerCategory::Trainer,
        "HU-IKK",
        &[Role::Trainer],
    ),
    (
        "tamas.balogh@guildhall.example",
        "Balogh Tamás",
        Lang::Hu,
        LearnerCategory::Trainer,
        "HU-IKK",
        &[Role::Trainer],
    ),
    (
        "reka.szilagyi@guildhall.example",
        "Szilágyi Réka",
        Lang::Hu,
        LearnerCategory::Trainer,
        "HU-IKK",
        &[Role::Trainer],
    ),
    (
        "provider@guildhall.example",
        "Tóth Gábor",
        Lang::Hu,
        LearnerCategory::Trainer,
        "HU-IKK",
        &[Role::Provider],
    ),
    (
        "reviewer@guildhall.example",
        "Horváth Judit",
        Lang::Hu,
        LearnerCategory::Trainer,
        "HU",
        &[Role::QualityReviewer],
    ),
    (
        "keeper@guildhall.example",
        "Kamińska Ewa",
        Lang::Pl,
        LearnerCategory::Trainer,
        "PL",
        &[Role::ExpertRegistryKeeper],
    ),
    (
        "learner@guildhall.example",
        "Varga Péter",
        Lang::Hu,
        LearnerCategory::Instructor,
        "HU-KM-BGSZC",
        &[Role::Learner],
    ),
    (
        "anna.kiss@guildhall.example",
        "Kiss Anna",
        Lang::Hu,
        LearnerCategory::Instructor,
        "HU-KM-BGSZC",
        &[Role::Learner],
    ),
    (
        "laszlo.molnar@guildhall.example",
        "Molnár László",
        Lang::Hu,
        LearnerCategory::Instructor,
        "HU-EA-DSZC",
        &[Role::Learner],
    ),
    (
        "zsofia.farkas@guildhall.example",
        "Farkas Zsófia",
        Lang::Hu,
        LearnerCategory::Instructor,
        "HU-ND-GYSZC",
        &[Role::Learner],
    ),
    (
        "head.pl@guildhall.example",
        "Tomasz Wiśniewski",
        Lang::Pl,
        LearnerCategory::InstitutionLeader,
        "PL-MZ-ZSE",
        &[Role::InstitutionHead, Role::Learner],
    ),
    (
        "agnieszka.nowak@guildhall.example",
        "Agnieszka Nowak",
        Lang::Pl,
        LearnerCategory::Instructor,
        "PL-MZ-ZSE",
        &[Role::Learner],
    ),
    (
        "piotr.zielinski@guildhall.example",
        "Piotr Zieliński",
        Lang::Pl,
        LearnerCategory::Instructor,
        "PL-MA-ZSM",
        &[Role::Learner],
    ),
    (
        "trainer.pl@guildhall.example",
        "Magdalena Wójcik",
        Lang::Pl,
        LearnerCategory::Trainer,
        "PL-ORE",
        &[Role::Trainer, Role::Provider],
    ),
    (
        "krzysztof.mazur@guildhall.example",
        "Krzysztof Mazur",
        Lang::Pl,
        LearnerCategory::Trainer,
        "PL-ORE",
        &[Role::Trainer],
    ),
    (
        "head.ru@guildhall.example",
        "Ольга Смирнова",
        Lang::Ru,
        LearnerCategory::InstitutionLeader,
        "RU-TA-KATK",
        &[Role::InstitutionHead, Role::Learner],
    ),
    (
        "ivan.petrov@guildhall.example",
        "Иван Петров",
        Lang::Ru,
        LearnerCategory::Instructor,
        "RU-TA-KATK",
        &[Role::Learner],
    ),
    (
        "elena.sokolova@guildhall.example",
        "Елена Соколова",
        Lang::Ru,
        LearnerCategory::Instructor,
        "RU-MOW-KS54",
        &[Role::Learner],
    ),
    (
        "trainer.ru@guildhall.example",
        "Андрей Кузнецов",
        Lang::Ru,
        LearnerCategory::Trainer,
        "RU-TA-COPP",
        &[Role::Trainer, Role::Provider],
    ),
    (
        "natalya.orlova@guildhall.example",
        "Наталья Орлова",
        Lang::Ru,
        LearnerCategory::Trainer,
        "RU-TA-COPP",
        &[Role::Trainer],
    ),
    (
        "coordinator.ru@guildhall.example",
        "Марина Волкова",
        Lang::Ru,
        LearnerCategory::InstitutionLeader,
        "RU-TA",
        &[Role::RegionalCoordinator],
    ),
    (
        "student.ru@guildhall.example",
        "Дарья Морозова",
        Lang::Ru,
        LearnerCategory::Student,
        "RU-TA-KATK",
        &[Role::Learner],
    ),
    (
        "worker.ru@guildhall.example",
        "Сергей Лебедев",
        Lang::Ru,
        LearnerCategory::CompanyEmployee,
        "RU-TA-KAMAZ",
        &[Role::Learner],
    ),
];

/// The teaching staff of the demo's institutions beyond the named accounts: six each, so
/// that heads have staff, regions have people and sessions fill up.
const STAFF: &[(&str, Lang, [&str; 6])] = &[
    (
        "HU-KM-BGSZC",
        Lang::Hu,
        [
            "Tóth Réka",
            "Szűcs Balázs",
            "Pintér Gergely",
            "Lakatos Eszter",
            "Fekete Ildikó",
            "Simon Attila",
        ],
    ),
    (
        "HU-KM-BMSZC",
        Lang::Hu,
        [
            "Oláh Krisztina",
            "Mészáros Zoltán",
            "Papp Nóra",
            "Bognár Ferenc",
            "Vass Edit",
            "Kelemen Dávid",
        ],
    ),
    (
        "HU-EA-DSZC",
        Lang::Hu,
        [
            "Hegedűs Mária",
            "Barta Csaba",
            "Takács Enikő",
            "Juhász Péter",
            "Szabó Levente",
            "Major Anikó",
        ],
    ),
    (
        "HU-ND-GYSZC",
        Lang::Hu,
        [
            "Németh Gábor",
            "Horváth Ágnes",
            "Kocsis Róbert",
            "Varga Tímea",
            "Fodor László",
            "Sipos Katalin",
        ],
    ),
    (
        "PL-MZ-ZSE",
        Lang::Pl,
        [
            "Katarzyna Lewandowska",
            "Marek Kowalczyk",
            "Joanna Kamińska",
            "Paweł Dąbrowski",
            "Monika Szymańska",
            "Łukasz Woźniak",
        ],
    ),
    (
        "PL-MA-ZSM",
        Lang::Pl,
        [
            "Barbara Jankowska",
            "Tomasz Krawczyk",
            "Ewa Piotrowska",
            "Grzegorz Grabowski",
            "Anna Pawłowska",
            "Michał Michalski",
        ],
    ),
    (
        "RU-TA-KATK",
        Lang::Ru,
        [
            "Алексей Смирнов",
            "Татьяна Иванова",
            "Дмитрий Кузьмин",
            "Светлана Попова",
            "Рустам Галиев",
            "Айгуль Хасанова",
        ],
    ),
    (
        "RU-MOW-KS54",
        Lang::Ru,
        [
            "Николай Волков",
            "Ольга Фёдорова",
            "Максим Соловьёв",
            "Ирина Васильева",
            "Павел Никитин",
            "Анна Морозова",
        ],
    ),
];

/// A demo address for a name: its letters without accents, in Latin letters.
fn address_of(name: &str, lang: Lang) -> String {
    let latin: String = name
        .chars()
        .map(|c| match c {
            'á' | 'à' => "a".to_owned(),
            'é' => "e".to_owned(),
            'í' => "i".to_owned(),
            'ó' | 'ö' | 'ő' => "o".to_owned(),
            'ú' | 'ü' | 'ű' => "u".to_owned(),
            'ą' => "a".to_owned(),
            'ć' => "c".to_owned(),
            'ę' => "e".to_owned(),
            'ł' | 'Ł' => "l".to_owned(),
            'ń' => "n".to_owned(),
            'ś' => "s".to_owned(),
            'ź' | 'ż' => "z".to_owned(),
            ' ' => ".".to_owned(),
            c if c.is_ascii_alphabetic() => c.to_ascii_lowercase().to_string(),
            c => cyrillic(c).to_owned(),
        })
        .collect();
    // Hungarian names are written family name first; addresses are given name first.
    let latin = match lang {
        Lang::Hu => {
            let mut parts: Vec<&str> = latin.split('.').collect();
            parts.reverse();
            parts.join(".")
        }
        _ => latin,
    };
    format!("{latin}@guildhall.example")
}

fn cyrillic(c: char) -> &'static str {
    match c.to_lowercase().next().unwrap_or(c) {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' | 'ё' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' | 'й' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ы' => "y",
        'э' => "e",
        'ю' => "yu",
        'я' => "ya",
        _ => "",
    }
}

/// The demo's generated staff: address, name, language, institution.
pub(crate) fn staff() -> Vec<(String, &'static str, Lang, &'static str)> {
    STAFF
        .iter()
        .flat_map(|(code, lang, names)| {
            names
                .iter()
                .map(move |n| (address_of(n, *lang), *n, *lang, *code))
        })
        .collect()
}

impl App {
    /// Whether the database holds no people and no organisations yet.
    pub async fn is_empty(&self) -> Result<bool> {
        Ok(oq::count(self.db()).await? == 0
            && iq::list_people(
                self.db(),
                &Default::default(),
                guildhall_store::PageRequest::new(Some(1), Some(1)),
            )
            .await?
            .total
                == 0)
    }

    /// Loads the demo deployment into an empty database; does nothing otherwise.
    /// Returns whether it loaded anything.
    pub async fn load_demo(&self) -> Result<bool> {
        if !self.is_empty().await? {
            return Ok(false);
        }
        let hash = hash_password(DEMO_PASSWORD.to_owned()).await?;
        let now = Utc::now();
        let tx = begin_write(self.writer()).await?;
        let mut nodes: Vec<(&str, organisation::Model)> = Vec::new();
        for (code, kind, parent, names) in ORGS {
            let parent =
                parent.and_then(|p| nodes.iter().find(|(c, _)| *c == p).map(|(_, m)| m.clone()));
            let id = OrgId::new();
            let m = organisation::Model {
                id: id.0,
                parent_id: parent.as_ref().map(|p| p.id),
                kind: kind.as_str().to_owned(),
                code: (*code).to_owned(),
                name_hu: Some(names[0].to_owned()),
                name_pl: Some(names[1].to_owned()),
                name_ru: Some(names[2].to_owned()),
                name_en: Some(names[3].to_owned()),
                path: child_path(parent.as_ref().map(|p| p.path.as_str()), id),
                depth: parent.as_ref().map_or(0, |p| p.depth + 1),
                created_at: now,
                updated_at: now,
                time_zone: ZONES
                    .iter()
                    .find(|(c, _)| c == code)
                    .map(|(_, z)| (*z).to_owned()),
            };
            oq::insert(&tx, m.clone()).await?;
            nodes.push((code, m));
        }
        let org = |code: &str| {
            nodes
                .iter()
                .find(|(c, _)| *c == code)
                .map(|(_, m)| m.clone())
        };

        let admin: Who = (
            DEMO_ADMIN_EMAIL,
            "Guildhall Admin",
            Lang::En,
            LearnerCategory::Trainer,
            "",
            &[Role::Administrator],
        );
        let generated = staff();
        let everyone = std::iter::once(&admin)
            .chain(PEOPLE)
            .map(|(email, name, lang, cat, code, roles)| {
                (email.to_string(), *name, *lang, *cat, *code, *roles)
            })
            .chain(generated.iter().map(|(email, name, lang, code)| {
                (
                    email.clone(),
                    *name,
                    *lang,
                    LearnerCategory::Instructor,
                    *code,
                    &[Role::Learner][..],
                )
            }));
        for (n, (email, name, lang, cat, code, roles)) in everyone.enumerate() {
            // Accounts were made over the last two years, not all at once.
            let joined = now - chrono::Duration::days(30 + (n as i64 * 37) % 700);
            let id = PersonId::new();
            let o = org(code);
            iq::insert_person(
                &tx,
                person::Model {
                    id: id.0,
                    email: email.clone(),
                    name: name.to_owned(),
                    password_hash: Some(hash.clone()),
                    language: lang.code().to_owned(),
                    category: cat.as_str().to_owned(),
                    email_confirmed_at: Some(joined),
                    erased_at: None,
                    created_at: joined,
                    updated_at: joined,
                    created_by: None,
                },
            )
            .await?;
            if let Some(o) = &o {
                iq::add_membership(&tx, id.0, o.id, joined).await?;
            }
            // Working lives of different lengths, so that cycles start at different points
            // and the compliance pages show every status.
            let started = now.date_naive() - chrono::Duration::days(200 + (n as i64 * 397) % 3300);
            guildhall_store::compliance::set_started(&tx, id.0, started).await?;
            if email == "anna.kiss@guildhall.example" {
                guildhall_store::compliance::insert_leave(
                    &tx,
                    guildhall_store::entities::leave::Model {
                        id: uuid::Uuid::now_v7(),
                        person_id: id.0,
                        starts_on: now.date_naive() - chrono::Duration::days(500),
                        ends_on: now.date_naive() - chrono::Duration::days(200),
                        reason: "Szülési szabadság".into(),
                        created_by: None,
                        created_at: now,
                    },
                )
                .await?;
            }
            for role in roles {
                iq::insert_assignment(
                    &tx,
                    role_assignment::Model {
                        id: RoleAssignmentId::new().0,
                        person_id: id.0,
                        role: role.as_str().to_owned(),
                        organisation_id: o.as_ref().map(|o| o.id),
                        scope_path: o
                            .as_ref()
                            .map_or_else(|| ROOT_PATH.to_owned(), |o| o.path.clone()),
                        granted_by: None,
                        created_at: joined,
                    },
                )
                .await?;
            }
        }
        tx.commit().await?;
        self.load_demo_catalogue().await?;
        Ok(true)
    }
}
