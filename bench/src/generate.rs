//! The reference data set, written straight into the database in large batches: countries,
//! regions, institutions and providers; a catalogue of published programmes in four
//! languages with competences and regions; sessions with their meetings; and learners with
//! API tokens for the sign-up rush. Deterministic from a seed.
//!
//! Everything written here is what the use cases would have written (published versions,
//! consistent seat counters, confirmed e-mail addresses), only faster; the server builds its
//! search index from it at start like from any other database.

use std::collections::HashMap;
use std::io::Write;

use anyhow::{Context, Result};
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use guildhall_app::App;
use guildhall_app::demo::programmes::PROGRAMMES;
use guildhall_domain::org::{OrgKind, child_path};
use guildhall_domain::{Lang, OrgId};
use guildhall_store::entities::{
    api_token, membership, organisation, person, programme, programme_version, session_meeting,
    training_session, version_category, version_competence, version_region,
};
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, IntoActiveModel};
use uuid::Uuid;

use crate::rng::Rng;
use crate::words::{self, KINDS, REGIONS, SECTORS};

/// How big a data set to make.
#[derive(Clone, Copy, Debug)]
pub struct Size {
    pub institutions: usize,
    pub providers: usize,
    pub programmes: usize,
    pub sessions: usize,
}

impl Size {
    /// The national reference data set of DESIGN.md (catalogue part).
    pub const NATIONAL: Size = Size {
        institutions: 2_000,
        providers: 200,
        programmes: 10_000,
        sessions: 50_000,
    };
    /// A tenth, for quick runs.
    pub const SMALL: Size = Size {
        institutions: 200,
        providers: 40,
        programmes: 1_000,
        sessions: 5_000,
    };

    pub fn parse(s: &str) -> Option<Size> {
        match s {
            "national" => Some(Size::NATIONAL),
            "small" => Some(Size::SMALL),
            _ => None,
        }
    }
}

/// What the benchmarks need to know about the generated data.
pub struct Dataset {
    pub region_codes: Vec<&'static str>,
    pub institutions: Vec<Uuid>,
    /// Programmes: (programme, published version, provider).
    pub programmes: Vec<(Uuid, Uuid, Uuid)>,
    pub competence_keys: Vec<String>,
    pub author: Uuid,
}

/// Rows per INSERT: well under both databases' limits on bound values.
const BATCH: usize = 400;
/// Rows per INSERT on PostgreSQL.
const BATCH_PG: usize = 40;

pub async fn insert_all<A>(db: &DatabaseConnection, rows: Vec<A>) -> Result<()>
where
    A: ActiveModelTrait + Send,
{
    // Smaller batches on PostgreSQL keep most statements within one piece on the wire (see
    // `guildhall_store::RUN_BYTES`).
    let batch = match guildhall_store::Backend::of(db) {
        guildhall_store::Backend::Postgres => BATCH_PG,
        guildhall_store::Backend::Sqlite => BATCH,
    };
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(batch).collect();
        <A::Entity as EntityTrait>::insert_many(chunk)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// Gathers the planner's statistics over everything written.
pub async fn analyze(db: &DatabaseConnection) -> Result<()> {
    use sea_orm::ConnectionTrait;
    db.execute_unprepared("ANALYZE").await?;
    Ok(())
}

pub fn progress(what: &str, done: usize, total: usize) {
    let width = 30;
    let filled = (done * width).checked_div(total).unwrap_or(width);
    eprint!(
        "\r  {what:<14} [{}{}] {done}/{total}",
        "#".repeat(filled),
        " ".repeat(width - filled)
    );
    if done >= total {
        eprintln!();
    }
    let _ = std::io::stderr().flush();
}

fn org(
    id: Uuid,
    parent: Option<&organisation::Model>,
    kind: OrgKind,
    code: String,
    names: [String; 4],
    now: DateTime<Utc>,
) -> organisation::Model {
    let [hu, pl, ru, en] = names;
    organisation::Model {
        id,
        parent_id: parent.map(|p| p.id),
        kind: kind.as_str().to_owned(),
        code,
        name_hu: Some(hu),
        name_pl: Some(pl),
        name_ru: Some(ru),
        name_en: Some(en),
        path: child_path(parent.map(|p| p.path.as_str()), OrgId(id)),
        depth: parent.map_or(0, |p| p.depth + 1),
        created_at: now,
        updated_at: now,
        time_zone: None,
    }
}

fn same4(s: String) -> [String; 4] {
    [s.clone(), s.clone(), s.clone(), s]
}

/// Writes the organisations, a catalogue author, the programmes and their sessions.
pub async fn dataset(app: &App, size: Size, seed: u64) -> Result<Dataset> {
    let db = app.db();
    let mut rng = Rng::new(seed);
    let now = Utc::now();

    // Organisations.
    let mut orgs = Vec::new();
    let mut countries = HashMap::new();
    for (code, names) in words::COUNTRIES {
        let m = org(
            rng.uuid(),
            None,
            OrgKind::Country,
            code.to_owned(),
            names.map(str::to_owned),
            now,
        );
        countries.insert(code, m.clone());
        orgs.push(m);
    }
    let mut regions = Vec::new();
    for r in &REGIONS {
        let m = org(
            rng.uuid(),
            countries.get(r.country),
            OrgKind::Region,
            r.code.to_owned(),
            r.names.map(str::to_owned),
            now,
        );
        regions.push(m.clone());
        orgs.push(m);
    }
    let mut institutions = Vec::new();
    for i in 0..size.institutions {
        let ri = i % REGIONS.len();
        let n = i / REGIONS.len() + 1;
        let m = org(
            rng.uuid(),
            Some(&regions[ri]),
            OrgKind::Institution,
            format!("{}-I{n:03}", REGIONS[ri].code),
            same4(words::institution_name(&REGIONS[ri], n)),
            now,
        );
        institutions.push(m.id);
        orgs.push(m);
    }
    let mut providers = Vec::new();
    for i in 0..size.providers {
        let ri = i % REGIONS.len();
        let n = i / REGIONS.len() + 1;
        let m = org(
            rng.uuid(),
            Some(&regions[ri]),
            OrgKind::Provider,
            format!("{}-P{n:02}", REGIONS[ri].code),
            same4(words::provider_name(&REGIONS[ri], n)),
            now,
        );
        providers.push((m.id, ri));
        orgs.push(m);
    }
    let n_orgs = orgs.len();
    insert_all(
        db,
        orgs.into_iter().map(|m| m.into_active_model()).collect(),
    )
    .await?;
    progress("organisations", n_orgs, n_orgs);

    // The person every generated programme and session names as its author.
    let author = rng.uuid();
    person::Entity::insert(
        person_row(
            author,
            "catalogue.author@bench.example".into(),
            "Catalogue Author".into(),
            "en",
            "trainer",
            None,
        )
        .into_active_model(),
    )
    .exec_without_returning(db)
    .await?;

    // Competences by key, from the seeded frameworks.
    let tree = app.load_frameworks().await?;
    let competences: HashMap<String, Uuid> = tree
        .competences
        .values()
        .map(|c| (c.key.clone(), c.id.0))
        .collect();
    let mut competence_keys: Vec<String> = competences.keys().cloned().collect();
    competence_keys.sort();

    // Programmes: each demo programme, varied by sector and kind of course.
    let mut programmes = Vec::with_capacity(size.programmes);
    let mut progs = Vec::new();
    let mut versions = Vec::new();
    let mut comp_links = Vec::new();
    let mut region_links = Vec::new();
    let mut cat_links = Vec::new();
    for i in 0..size.programmes {
        let base = &PROGRAMMES[i % PROGRAMMES.len()];
        let (base_code, _, lang, hours, format, comps, titles, focus) = *base;
        let si = (i / PROGRAMMES.len()) % SECTORS.len();
        let ki = (i / (PROGRAMMES.len() * SECTORS.len())) % KINDS.len();
        let (sector_code, sector) = SECTORS[si];
        let kind = KINDS[ki];
        let country = &base_code[..2];
        let own: Vec<&(Uuid, usize)> = providers
            .iter()
            .filter(|(_, ri)| REGIONS[*ri].country == country)
            .collect();
        let (provider, provider_region) = if own.is_empty() {
            *rng.pick(&providers)
        } else {
            **rng.pick(&own)
        };
        let id = rng.uuid();
        let version = rng.uuid();
        let published = now - Duration::days(rng.between(1, 730));
        let text = |l: usize| -> (String, String, String) {
            let title = format!("{} – {}, {}", titles[l], sector[l], kind[l]);
            let description = format!("{}\n\n{}", focus[l], words::sector_sentence(l, sector[l]));
            let outcomes = focus[l].to_owned();
            (title, description, outcomes)
        };
        let [
            (t_hu, d_hu, o_hu),
            (t_pl, d_pl, o_pl),
            (t_ru, d_ru, o_ru),
            (t_en, d_en, o_en),
        ] = [text(0), text(1), text(2), text(3)];
        versions.push(programme_version::Model {
            id: version,
            programme_id: id,
            version: 1,
            state: "published".into(),
            hours: hours + 2 * rng.between(0, 5) as i32,
            format: format.into(),
            delivery_language: lang.into(),
            follow_up_days: 30 + 15 * rng.between(0, 4) as i32,
            attendance_pct: 80,
            assessment_required: rng.chance(0.2),
            licence: ["cc_by", "cc_by_sa", "cc_by_nc", "all_rights_reserved"][rng.below(4)].into(),
            review_comment: None,
            author_id: author,
            reviewed_by: Some(author),
            submitted_at: Some(published - Duration::days(7)),
            reviewed_at: Some(published - Duration::days(2)),
            published_at: Some(published),
            release_id: None,
            created_at: published - Duration::days(10),
            updated_at: published,
            title_hu: Some(t_hu),
            title_pl: Some(t_pl),
            title_ru: Some(t_ru),
            title_en: Some(t_en),
            description_hu: Some(d_hu),
            description_pl: Some(d_pl),
            description_ru: Some(d_ru),
            description_en: Some(d_en),
            outcomes_hu: Some(o_hu),
            outcomes_pl: Some(o_pl),
            outcomes_ru: Some(o_ru),
            outcomes_en: Some(o_en),
            prerequisites_hu: None,
            prerequisites_pl: None,
            prerequisites_ru: None,
            prerequisites_en: None,
        });
        progs.push(programme::Model {
            id,
            code: format!("{base_code}-{sector_code}-{i:05}"),
            provider_id: provider,
            created_by: author,
            published_version_id: Some(version),
            latest_version: 1,
            retired_at: None,
            created_at: published - Duration::days(10),
            updated_at: published,
        });
        for key in comps.iter() {
            if let Some(c) = competences.get(*key) {
                comp_links.push(version_competence::Model {
                    version_id: version,
                    competence_id: *c,
                });
            }
        }
        region_links.push(version_region::Model {
            version_id: version,
            region_id: regions[provider_region].id,
        });
        for cat in ["instructor", "trainer", "institution_leader"] {
            cat_links.push(version_category::Model {
                version_id: version,
                category: cat.into(),
            });
        }
        programmes.push((id, version, provider));
        if i % 500 == 0 {
            progress("programmes", i, size.programmes);
        }
    }
    insert_all(
        db,
        progs.into_iter().map(|m| m.into_active_model()).collect(),
    )
    .await?;
    insert_all(
        db,
        versions
            .into_iter()
            .map(|m| m.into_active_model())
            .collect(),
    )
    .await?;
    insert_all(
        db,
        comp_links
            .into_iter()
            .map(|m| m.into_active_model())
            .collect(),
    )
    .await?;
    insert_all(
        db,
        region_links
            .into_iter()
            .map(|m| m.into_active_model())
            .collect(),
    )
    .await?;
    insert_all(
        db,
        cat_links
            .into_iter()
            .map(|m| m.into_active_model())
            .collect(),
    )
    .await?;
    progress("programmes", size.programmes, size.programmes);

    // Sessions: past ones finished, most future ones open, some still planned.
    let today = now.date_naive();
    let mut sessions = Vec::new();
    let mut meetings = Vec::new();
    for i in 0..size.sessions {
        let (prog, version, provider) = programmes[rng.below(programmes.len())];
        let lang = ["hu", "pl", "ru", "en"][rng.below(4)];
        let past = rng.chance(0.3);
        let start = if past {
            today - Duration::days(rng.between(10, 700))
        } else {
            today + Duration::days(rng.between(5, 240))
        };
        let n_meetings = rng.between(1, 3);
        let days: Vec<NaiveDate> = (0..n_meetings)
            .map(|k| start + Duration::days(7 * k))
            .collect();
        let state = if past {
            "finished"
        } else if rng.chance(0.9) {
            "open"
        } else {
            "planned"
        };
        let id = rng.uuid();
        let opens = DateTime::<Utc>::from_naive_utc_and_offset(
            (start - Duration::days(60)).and_time(NaiveTime::MIN),
            Utc,
        );
        let closes = DateTime::<Utc>::from_naive_utc_and_offset(
            (start - Duration::days(1)).and_time(NaiveTime::MIN),
            Utc,
        );
        let online = rng.chance(0.3);
        let region = &REGIONS[rng.below(REGIONS.len())];
        for (k, day) in days.iter().enumerate() {
            meetings.push(session_meeting::Model {
                id: rng.uuid(),
                session_id: id,
                position: k as i32,
                day: *day,
                starts_at: NaiveTime::from_hms_opt(9, 0, 0).unwrap_or(NaiveTime::MIN),
                ends_at: NaiveTime::from_hms_opt(15, 0, 0).unwrap_or(NaiveTime::MIN),
                place: (!online).then(|| format!("{}, {}", region.city, 10 + rng.below(90))),
                online_link: online.then(|| format!("https://meet.example.org/{}", id.simple())),
            });
        }
        sessions.push(training_session::Model {
            time_zone: None,
            id,
            programme_id: prog,
            version_id: version,
            provider_id: provider,
            state: state.into(),
            language: lang.into(),
            capacity: [12, 16, 20, 24, 30][rng.below(5)],
            taken: 0,
            waiting: 0,
            registration_opens_at: opens,
            registration_closes_at: closes,
            cancellation_deadline: closes,
            requires_approval: rng.chance(0.2),
            hold_days: 5,
            offer_waitlist: rng.chance(0.3),
            offer_hours: 48,
            starts_on: days[0],
            ends_on: *days.last().unwrap_or(&days[0]),
            categories: String::new(),
            note: None,
            created_by: author,
            created_at: opens,
            updated_at: opens,
        });
        if i % 2_000 == 0 {
            progress("sessions", i, size.sessions);
        }
    }
    insert_all(
        db,
        sessions
            .into_iter()
            .map(|m| m.into_active_model())
            .collect(),
    )
    .await?;
    insert_all(
        db,
        meetings
            .into_iter()
            .map(|m| m.into_active_model())
            .collect(),
    )
    .await?;
    progress("sessions", size.sessions, size.sessions);

    Ok(Dataset {
        region_codes: REGIONS.iter().map(|r| r.code).collect(),
        institutions,
        programmes,
        competence_keys,
        author,
    })
}

/// A learner the rush signs up with, by API token.
pub struct Learner {
    pub token: String,
}

/// Writes `n` learners, each working at an institution, with a confirmed address and an API
/// token (marked as used a moment ago, as a client that has been working with it would).
pub async fn learners(
    db: &DatabaseConnection,
    data: &Dataset,
    n: usize,
    seed: u64,
) -> Result<Vec<Learner>> {
    let mut rng = Rng::new(seed ^ 0x1EA5);
    let now = Utc::now();
    let mut people = Vec::with_capacity(n);
    let mut members = Vec::with_capacity(n);
    let mut tokens = Vec::with_capacity(n);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let k = rng.below(data.institutions.len());
        let inst = data.institutions[k];
        let country = institution_country(k);
        let name = person_name(&mut rng, country);
        let id = rng.uuid();
        let lang = country_lang(country);
        people.push(person_row(
            id,
            format!("learner{i:06}@bench.example"),
            name,
            lang.code(),
            "instructor",
            None,
        ));
        members.push(membership::Model {
            person_id: id,
            organisation_id: inst,
            created_at: now,
        });
        let secret = token(&mut rng);
        tokens.push(token_row(&mut rng, id, &secret));
        out.push(Learner { token: secret });
    }
    insert_all(
        db,
        people.into_iter().map(|m| m.into_active_model()).collect(),
    )
    .await
    .context("learners")?;
    insert_all(
        db,
        members.into_iter().map(|m| m.into_active_model()).collect(),
    )
    .await?;
    insert_all(
        db,
        tokens.into_iter().map(|m| m.into_active_model()).collect(),
    )
    .await?;
    progress("learners", n, n);
    Ok(out)
}

/// The country of `data.institutions[k]` (institutions go round the regions in order).
pub fn institution_country(k: usize) -> &'static str {
    REGIONS[k % REGIONS.len()].country
}

/// The language people of a country work in.
pub fn country_lang(country: &str) -> Lang {
    match country {
        "HU" => Lang::Hu,
        "PL" => Lang::Pl,
        _ => Lang::Ru,
    }
}

/// A person's name as the country writes it: the family name first in Hungary, the female
/// form of the family name where the language has one.
pub fn person_name(rng: &mut Rng, country: &str) -> String {
    let book = words::names_of(country);
    let female = rng.chance(0.6);
    let first = if female {
        *rng.pick(book.female)
    } else {
        *rng.pick(book.male)
    };
    let family = if female {
        *rng.pick(book.family_f)
    } else {
        *rng.pick(book.family_m)
    };
    if book.family_first {
        format!("{family} {first}")
    } else {
        format!("{first} {family}")
    }
}

/// Writes `n` instructors who log in with a password (the same one for all, so it is hashed
/// once), each working at an institution; returns their e-mail addresses.
pub async fn journey_people(
    db: &DatabaseConnection,
    data: &Dataset,
    n: usize,
    password: &str,
    seed: u64,
) -> Result<Vec<String>> {
    let mut rng = Rng::new(seed ^ 0x70E1);
    let now = Utc::now();
    let hash = guildhall_app::crypto::hash_password(password.to_owned()).await?;
    let mut people = Vec::with_capacity(n);
    let mut members = Vec::with_capacity(n);
    let mut emails = Vec::with_capacity(n);
    for i in 0..n {
        let id = rng.uuid();
        let email = format!("journey{i:05}@bench.example");
        let lang = [Lang::Hu, Lang::Pl, Lang::Ru, Lang::En][i % 4];
        people.push(person_row(
            id,
            email.clone(),
            format!("Journey {i}"),
            lang.code(),
            "instructor",
            Some(hash.clone()),
        ));
        members.push(membership::Model {
            person_id: id,
            organisation_id: data.institutions[rng.below(data.institutions.len())],
            created_at: now,
        });
        emails.push(email);
    }
    insert_all(
        db,
        people.into_iter().map(|m| m.into_active_model()).collect(),
    )
    .await
    .context("journey people")?;
    insert_all(
        db,
        members.into_iter().map(|m| m.into_active_model()).collect(),
    )
    .await?;
    Ok(emails)
}

/// A person with a confirmed address, as the generator writes them.
pub fn person_row(
    id: Uuid,
    email: String,
    name: String,
    language: &str,
    category: &str,
    password_hash: Option<String>,
) -> person::Model {
    let now = Utc::now();
    person::Model {
        id,
        email,
        name,
        password_hash,
        language: language.into(),
        category: category.into(),
        email_confirmed_at: Some(now),
        erased_at: None,
        created_at: now,
        updated_at: now,
        created_by: None,
    }
}

/// A fresh API token secret.
pub fn token(rng: &mut Rng) -> String {
    format!(
        "{}bench{:016x}{:016x}",
        guildhall_app::identity::TOKEN_PREFIX,
        rng.next_u64(),
        rng.next_u64()
    )
}

/// The stored row of a token secret, marked as used a moment ago.
pub fn token_row(rng: &mut Rng, person: Uuid, secret: &str) -> api_token::Model {
    let now = Utc::now();
    api_token::Model {
        id: rng.uuid(),
        person_id: person,
        name: "bench".into(),
        token_hash: guildhall_app::crypto::sha256_hex(secret),
        prefix: secret.chars().take(9).collect(),
        created_at: now,
        last_used_at: Some(now),
        expires_at: None,
        revoked_at: None,
    }
}

/// Opens `n` sessions of one programme with `capacity` seats each, taking sign-ups now and
/// each meeting on its own day, from `first_day` days after next month. Returns their ids.
pub async fn rush_sessions(
    db: &DatabaseConnection,
    data: &Dataset,
    n: usize,
    capacity: i32,
    seed: u64,
    first_day: i64,
) -> Result<Vec<Uuid>> {
    let opened = open_sessions(db, data, n, capacity, seed, first_day, |_| 0).await?;
    Ok(opened.into_iter().map(|(s, _)| s).collect())
}

/// Opens `n` sessions like [`rush_sessions`], each of a different programme (never the
/// rush's), and returns them with their programmes.
pub async fn spread_sessions(
    db: &DatabaseConnection,
    data: &Dataset,
    n: usize,
    capacity: i32,
    seed: u64,
    first_day: i64,
) -> Result<Vec<(Uuid, Uuid)>> {
    let others = data.programmes.len().saturating_sub(1).max(1);
    open_sessions(db, data, n, capacity, seed, first_day, |i| {
        1 + (i * 7919) % others
    })
    .await
}

async fn open_sessions(
    db: &DatabaseConnection,
    data: &Dataset,
    n: usize,
    capacity: i32,
    seed: u64,
    first_day: i64,
    programme_of: impl Fn(usize) -> usize,
) -> Result<Vec<(Uuid, Uuid)>> {
    let mut rng = Rng::new(seed ^ 0x5E55);
    let now = Utc::now();
    let mut sessions = Vec::new();
    let mut meetings = Vec::new();
    let mut ids = Vec::new();
    for i in 0..n {
        let (prog, version, provider) = data.programmes[programme_of(i) % data.programmes.len()];
        let id = rng.uuid();
        let day = now.date_naive() + Duration::days(30 + first_day + i as i64);
        sessions.push(training_session::Model {
            time_zone: None,
            id,
            programme_id: prog,
            version_id: version,
            provider_id: provider,
            state: "open".into(),
            language: "hu".into(),
            capacity,
            taken: 0,
            waiting: 0,
            registration_opens_at: now - Duration::days(1),
            registration_closes_at: now + Duration::days(20),
            cancellation_deadline: now + Duration::days(20),
            requires_approval: false,
            hold_days: 5,
            offer_waitlist: false,
            offer_hours: 48,
            starts_on: day,
            ends_on: day,
            categories: String::new(),
            note: None,
            created_by: data.author,
            created_at: now,
            updated_at: now,
        });
        meetings.push(session_meeting::Model {
            id: rng.uuid(),
            session_id: id,
            position: 0,
            day,
            starts_at: NaiveTime::from_hms_opt(9, 0, 0).unwrap_or(NaiveTime::MIN),
            ends_at: NaiveTime::from_hms_opt(15, 0, 0).unwrap_or(NaiveTime::MIN),
            place: Some("Budapest, Bánki Donát utca 1.".into()),
            online_link: None,
        });
        ids.push((id, prog));
    }
    insert_all(
        db,
        sessions
            .into_iter()
            .map(|m| m.into_active_model())
            .collect(),
    )
    .await?;
    insert_all(
        db,
        meetings
            .into_iter()
            .map(|m| m.into_active_model())
            .collect(),
    )
    .await?;
    Ok(ids)
}
