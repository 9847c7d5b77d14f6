//! Compliance at national scale, and certificates: a population of instructors with years
//! of ledger entries is written into the database (with names of their countries, a head
//! for every institution, some on leave, some with recognised outside learning and some
//! with certificates); then one person's standing, an
//! institution of 300, a region and the whole country are asked for through HTTP, the
//! country's list is exported as CSV, and a certificate is typeset as PDF.

use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use chrono::{Duration as Days, Utc};
use guildhall_domain::identity::Role;
use guildhall_store::entities::{
    api_token, certificate, employment_start, enrolment, leave, ledger_entry, ledger_summary,
    membership, organisation, person, recognition, role_assignment, training_session,
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter};
use uuid::Uuid;

use crate::generate::{self, Dataset};
use crate::load::median;
use crate::rng::Rng;

/// What the measurements need.
pub struct Population {
    pub admin_token: String,
    pub sample: Vec<Uuid>,
    pub institution: Uuid,
    pub region: Uuid,
    pub country: Uuid,
    pub people: usize,
    pub entries: usize,
    pub certificate: String,
    pub learner_token: String,
}

/// Writes `people` instructors (300 of them in one institution, the rest spread over all)
/// with `per_person` ledger entries each over eight years, an administrator, and one
/// certificate.
pub async fn population(
    db: &DatabaseConnection,
    data: &Dataset,
    people: usize,
    per_person: usize,
    seed: u64,
) -> Result<Population> {
    let mut rng = Rng::new(seed ^ 0xC0E7);
    let now = Utc::now();
    let today = now.date_naive();
    let big = data.institutions[0];
    let inst = guildhall_store::org::find(db, big)
        .await?
        .context("the first institution")?;
    let ids: Vec<Uuid> = inst
        .path
        .split('/')
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.parse().ok())
        .collect();
    let (country, region) = (ids[0], ids[1]);

    // The administrator.
    let admin = rng.uuid();
    let admin_token = generate::token(&mut rng);
    let admin_row = generate::person_row(
        admin,
        "admin@bench.example".into(),
        "Bench Admin".into(),
        "en",
        "trainer",
        None,
    );
    person::Entity::insert(admin_row.into_active_model())
        .exec_without_returning(db)
        .await?;
    role_assignment::Entity::insert(
        role_assignment::Model {
            id: rng.uuid(),
            person_id: admin,
            role: Role::Administrator.as_str().into(),
            organisation_id: None,
            scope_path: "/".into(),
            granted_by: None,
            created_at: now,
        }
        .into_active_model(),
    )
    .exec_without_returning(db)
    .await?;
    api_token::Entity::insert(
        generate::token_row(&mut rng, admin, &admin_token).into_active_model(),
    )
    .exec_without_returning(db)
    .await?;

    // Where each organisation sits, for its head's role.
    let paths: std::collections::HashMap<Uuid, String> = organisation::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.path))
        .collect();
    let mut headed = vec![false; data.institutions.len()];
    // Past training of some: completed places in twenty sessions, each with its certificate.
    let past = generate::rush_sessions(db, data, 20, 100_000, seed ^ 0xCE48, 6_000).await?;
    let mut seated = vec![0i32; past.len()];
    let past_version = data.programmes[0].1;
    let mut certificates = 0usize;

    let mut sample = Vec::new();
    let mut entries = 0;
    let chunk = 5_000;
    let mut done = 0;
    let mut first_person = None;
    while done < people {
        let n = chunk.min(people - done);
        let mut ps = Vec::with_capacity(n);
        let mut ms = Vec::with_capacity(n);
        let mut ss = Vec::with_capacity(n);
        let mut ls = Vec::with_capacity(n * per_person);
        let mut sums = Vec::with_capacity(n);
        let mut roles = Vec::new();
        let mut leaves = Vec::new();
        let mut recognitions = Vec::new();
        let mut places = Vec::new();
        let mut certs = Vec::new();
        for i in done..done + n {
            let id = rng.uuid();
            first_person.get_or_insert(id);
            if i % (people / 200).max(1) == 0 {
                sample.push(id);
            }
            let k = if i < 300 {
                0
            } else {
                rng.below(data.institutions.len())
            };
            let org = data.institutions[k];
            let country = generate::institution_country(k);
            if !headed[k] {
                headed[k] = true;
                roles.push(role_assignment::Model {
                    id: rng.uuid(),
                    person_id: id,
                    role: Role::InstitutionHead.as_str().into(),
                    organisation_id: Some(org),
                    scope_path: paths.get(&org).cloned().unwrap_or_default(),
                    granted_by: None,
                    created_at: now,
                });
            }
            if rng.chance(0.02) {
                let from = today - Days::days(rng.below(3 * 365) as i64);
                leaves.push(leave::Model {
                    id: rng.uuid(),
                    person_id: id,
                    starts_on: from,
                    ends_on: from + Days::days(90 + rng.below(300) as i64),
                    reason: "parental leave".into(),
                    created_by: Some(admin),
                    created_at: now,
                });
            }
            if i % 100 == 50 {
                let s = i / 100 % past.len();
                seated[s] += 1;
                let e = rng.uuid();
                places.push(enrolment::Model {
                    seq: 0,
                    id: e,
                    session_id: past[s],
                    person_id: id,
                    status: "confirmed".into(),
                    active_session: Some(past[s]),
                    expires_at: None,
                    assessment_passed: None,
                    completed: true,
                    completed_at: Some(now),
                    reminded: true,
                    decided_by: None,
                    decided_at: None,
                    decision_note: None,
                    created_at: now,
                    updated_at: now,
                });
                certs.push(certificate::Model {
                    seq: 0,
                    id: rng.uuid(),
                    enrolment_id: e,
                    active_enrolment: Some(e),
                    person_id: id,
                    session_id: past[s],
                    version_id: past_version,
                    code: code_of(certificates as u64 + 1),
                    language: generate::country_lang(country).code().into(),
                    minutes: 1800,
                    completed_on: today,
                    issued_at: now,
                    status: "valid".into(),
                    revoked_at: None,
                    revoke_reason: None,
                    replaced_by: None,
                });
                certificates += 1;
            }
            let name = generate::person_name(&mut rng, country);
            let category = if rng.chance(0.9) {
                "instructor"
            } else {
                "institution_leader"
            };
            ps.push(generate::person_row(
                id,
                format!("teacher{i:07}@bench.example"),
                name,
                generate::country_lang(country).code(),
                category,
                None,
            ));
            ms.push(membership::Model {
                person_id: id,
                organisation_id: org,
                created_at: now,
            });
            ss.push(employment_start::Model {
                person_id: id,
                started_on: today - Days::days(200 + rng.below(30 * 365) as i64),
            });
            let mut line = String::new();
            for _ in 0..per_person {
                let source = match rng.below(10) {
                    0 => "industry",
                    1 => "recognition",
                    _ => "session",
                };
                ls.push(ledger_entry::Model {
                    seq: 0,
                    id: rng.uuid(),
                    person_id: id,
                    minutes: 60 * rng.between(4, 40) as i32,
                    occurred_on: today - Days::days(rng.below(8 * 365) as i64),
                    source: source.into(),
                    session_id: None,
                    enrolment_id: None,
                    version_id: None,
                    reference_id: Some(rng.uuid()),
                    reverses: None,
                    note: "bench".into(),
                    created_by: None,
                    created_at: now,
                });
                let e = ls.last().context("the entry just made")?;
                if source == "recognition" && i % 25 == 0 {
                    let ends = e.occurred_on;
                    recognitions.push(recognition::Model {
                        id: e.reference_id.unwrap_or_default(),
                        person_id: id,
                        kind: "training".into(),
                        title: "Szakmai továbbképzés".into(),
                        provider: "Kamara".into(),
                        starts_on: ends - Days::days(2),
                        ends_on: ends,
                        minutes: e.minutes,
                        competences: String::new(),
                        evidence_name: "igazolas.pdf".into(),
                        evidence_type: "application/pdf".into(),
                        evidence_size: 48_213,
                        evidence_sha256: guildhall_app::crypto::sha256_hex(&e.id.to_string()),
                        status: "approved".into(),
                        decided_by: Some(admin),
                        decided_at: Some(now),
                        reason: None,
                        created_at: now,
                    });
                }
                guildhall_domain::ledger::push(
                    &mut line,
                    &guildhall_domain::ledger::Packed {
                        on: e.occurred_on,
                        minutes: e.minutes,
                        source: e.source.clone(),
                        item: e.reference_id,
                        areas: Vec::new(),
                    },
                );
            }
            sums.push(ledger_summary::Model {
                person_id: id,
                entries: per_person as i32,
                credits: line,
            });
        }
        entries += ls.len();
        generate::insert_all(db, ps.into_iter().map(|m| m.into_active_model()).collect()).await?;
        generate::insert_all(db, ms.into_iter().map(|m| m.into_active_model()).collect()).await?;
        generate::insert_all(db, ss.into_iter().map(|m| m.into_active_model()).collect()).await?;
        generate::insert_all(
            db,
            roles.into_iter().map(|m| m.into_active_model()).collect(),
        )
        .await?;
        generate::insert_all(
            db,
            leaves.into_iter().map(|m| m.into_active_model()).collect(),
        )
        .await?;
        generate::insert_all(
            db,
            recognitions
                .into_iter()
                .map(|m| m.into_active_model())
                .collect(),
        )
        .await?;
        generate::insert_all(
            db,
            without_seq(places, |a: &mut enrolment::ActiveModel| &mut a.seq),
        )
        .await?;
        generate::insert_all(
            db,
            without_seq(certs, |a: &mut certificate::ActiveModel| &mut a.seq),
        )
        .await?;
        generate::insert_all(
            db,
            without_seq(ls, |a: &mut ledger_entry::ActiveModel| &mut a.seq),
        )
        .await?;
        generate::insert_all(
            db,
            sums.into_iter().map(|m| m.into_active_model()).collect(),
        )
        .await?;
        done += n;
        generate::progress("compliance", done, people);
    }

    // The past sessions hold the places taken in them.
    for (s, n) in past.iter().zip(&seated) {
        training_session::Entity::update_many()
            .col_expr(training_session::Column::Taken, (*n).into())
            .filter(training_session::Column::Id.eq(*s))
            .exec(db)
            .await?;
    }

    // One completed enrolment of the first teacher, with its certificate.
    let learner = first_person.context("at least one person")?;
    let learner_token = generate::token(&mut rng);
    api_token::Entity::insert(
        generate::token_row(&mut rng, learner, &learner_token).into_active_model(),
    )
    .exec_without_returning(db)
    .await?;
    let session = generate::rush_sessions(db, data, 1, 30, seed ^ 0xCE47, 5_000).await?[0];
    let s = guildhall_store::sessions::find_session(db, session)
        .await?
        .context("the session")?;
    let e = rng.uuid();
    enrolment::Entity::insert(
        enrolment::Model {
            seq: 0,
            id: e,
            session_id: session,
            person_id: learner,
            status: "confirmed".into(),
            active_session: Some(session),
            expires_at: None,
            assessment_passed: None,
            completed: true,
            completed_at: Some(now),
            reminded: true,
            decided_by: None,
            decided_at: None,
            decision_note: None,
            created_at: now,
            updated_at: now,
        }
        .into_active_model(),
    )
    .exec_without_returning(db)
    .await?;
    let code = "BENCH-23456".to_owned();
    let mut c = certificate::Model {
        seq: 0,
        id: rng.uuid(),
        enrolment_id: e,
        active_enrolment: Some(e),
        person_id: learner,
        session_id: session,
        version_id: s.version_id,
        code: code.clone(),
        language: "hu".into(),
        minutes: 1800,
        completed_on: today,
        issued_at: now,
        status: "valid".into(),
        revoked_at: None,
        revoke_reason: None,
        replaced_by: None,
    }
    .into_active_model();
    c.seq = sea_orm::ActiveValue::NotSet;
    certificate::Entity::insert(c)
        .exec_without_returning(db)
        .await?;
    Ok(Population {
        admin_token,
        sample,
        institution: big,
        region,
        country,
        people,
        entries,
        certificate: code,
        learner_token,
    })
}

/// `rows` as active models, their `seq` left for the database to number.
fn without_seq<M, A>(rows: Vec<M>, seq: impl Fn(&mut A) -> &mut sea_orm::ActiveValue<i64>) -> Vec<A>
where
    M: IntoActiveModel<A>,
    A: sea_orm::ActiveModelTrait,
{
    rows.into_iter()
        .map(|m| {
            let mut a = m.into_active_model();
            *seq(&mut a) = sea_orm::ActiveValue::NotSet;
            a
        })
        .collect()
}

/// The `n`th bench certificate's verification code, in the platform's alphabet.
fn code_of(mut n: u64) -> String {
    const ALPHABET: &[u8; 32] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    let mut letters = [b'2'; 10];
    for l in letters.iter_mut().rev() {
        *l = ALPHABET[(n % 32) as usize];
        n /= 32;
    }
    let text = String::from_utf8_lossy(&letters).into_owned();
    format!("{}-{}", &text[..5], &text[5..])
}

/// One measured request kind: timings of sequential requests.
pub struct Timing {
    pub what: &'static str,
    pub target_ms: f64,
    pub times: Vec<Duration>,
    pub bytes: usize,
    pub errors: usize,
}

impl Timing {
    pub fn median_ms(&self) -> f64 {
        median(
            self.times
                .iter()
                .map(|d| d.as_secs_f64() * 1000.0)
                .collect(),
        )
    }

    pub fn max_ms(&self) -> f64 {
        self.times
            .iter()
            .map(|d| d.as_secs_f64() * 1000.0)
            .fold(0.0, f64::max)
    }
}

async fn time_get(
    http: &reqwest::Client,
    url: &str,
    token: &str,
    n: usize,
    what: &'static str,
    target_ms: f64,
) -> Timing {
    let mut times = Vec::with_capacity(n);
    let mut errors = 0;
    let mut bytes = 0;
    for _ in 0..n {
        let t = Instant::now();
        match http.get(url).bearer_auth(token).send().await {
            Ok(r) if r.status().is_success() => match r.bytes().await {
                Ok(b) => {
                    bytes = b.len();
                    times.push(t.elapsed());
                }
                Err(_) => errors += 1,
            },
            _ => errors += 1,
        }
    }
    Timing {
        what,
        target_ms,
        times,
        bytes,
        errors,
    }
}

/// Every compliance and certificate measurement, each request on its own, one at a time.
pub async fn measure(base: &str, p: &Population, sqlite: bool) -> Vec<Timing> {
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(300))
        .build()
        .unwrap_or_default();
    let mut out = Vec::new();
    // One person: the sample, twice over.
    let mut person = Timing {
        what: "one person's status",
        target_ms: 2.0,
        times: Vec::new(),
        bytes: 0,
        errors: 0,
    };
    for id in p.sample.iter().chain(p.sample.iter()) {
        let t = time_get(
            &http,
            &format!("{base}/api/v1/people/{id}/compliance"),
            &p.admin_token,
            1,
            "",
            0.0,
        )
        .await;
        person.times.extend(t.times);
        person.errors += t.errors;
        person.bytes = t.bytes;
    }
    out.push(person);
    let org = |id: Uuid| format!("{base}/api/v1/organisations/{id}/compliance");
    out.push(
        time_get(
            &http,
            &format!("{}?detail=people", org(p.institution)),
            &p.admin_token,
            30,
            "an institution of 300, with everyone's line",
            30.0,
        )
        .await,
    );
    out.push(time_get(&http, &org(p.region), &p.admin_token, 5, "a region", 300.0).await);
    out.push(
        time_get(
            &http,
            &org(p.country),
            &p.admin_token,
            3,
            "the whole country",
            if sqlite { 5_000.0 } else { 2_000.0 },
        )
        .await,
    );
    out.push(
        time_get(
            &http,
            &format!("{base}/organisations/{}/compliance.csv", p.country),
            &p.admin_token,
            1,
            "CSV export of the whole country",
            10_000.0,
        )
        .await,
    );
    out.push(
        time_get(
            &http,
            &format!("{base}/api/v1/certificates/{}/pdf", p.certificate),
            &p.learner_token,
            30,
            "certificate PDF",
            100.0,
        )
        .await,
    );
    out
}
