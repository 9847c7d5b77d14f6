//! The demo's catalogue, sessions, sign-ups and past training.

use chrono::{Duration, NaiveTime, Utc};
use guildhall_domain::catalog::{Format, Licence, ProgrammeText, Transition};
use guildhall_domain::identity::LearnerCategory;
use guildhall_domain::sessions::Meeting;
use guildhall_domain::{Lang, Localized, OrgId, ProgrammeId, VersionId};
use guildhall_store::entities::{enrolment, ledger_entry, session_meeting, training_session};
use guildhall_store::{begin_write, catalog as cq, ledger as lq, sessions as sq};
use uuid::Uuid;

use super::programmes::PROGRAMMES;
use crate::catalog::ProgrammeInput;
use crate::sessions::SessionInput;
use crate::{Actor, App, Error, Meta, Result};

fn format_sentence(lang: Lang, format: Format, hours: i32) -> String {
    match (lang, format) {
        (Lang::Hu, Format::InPerson) => format!(
            "A {hours} órás képzés jelenléti foglalkozásokon, gyakorlati feladatokkal zajlik."
        ),
        (Lang::Hu, Format::OnlineLive) => format!(
            "A {hours} órás képzés élő online foglalkozásokon zajlik, kiscsoportos munkával."
        ),
        (Lang::Hu, Format::Blended) => format!(
            "A {hours} órás képzés jelenléti és online részekből áll; a két alkalom között saját gyakorlatban kipróbálható feladatot kapnak a résztvevők."
        ),
        (Lang::Hu, Format::SelfPaced) => format!(
            "A {hours} órás képzés saját tempóban végezhető, modulonkénti önellenőrzéssel és oktatói konzultációval."
        ),
        (Lang::Pl, Format::InPerson) => {
            format!("{hours}-godzinne szkolenie odbywa się stacjonarnie, z zadaniami praktycznymi.")
        }
        (Lang::Pl, Format::OnlineLive) => format!(
            "{hours}-godzinne szkolenie odbywa się na żywo online, z pracą w małych grupach."
        ),
        (Lang::Pl, Format::Blended) => format!(
            "{hours}-godzinne szkolenie łączy zajęcia stacjonarne i online; między spotkaniami uczestnicy wypróbowują zadanie we własnej praktyce."
        ),
        (Lang::Pl, Format::SelfPaced) => format!(
            "{hours}-godzinne szkolenie realizuje się we własnym tempie, z samosprawdzeniem po każdym module i konsultacjami z trenerem."
        ),
        (Lang::Ru, Format::InPerson) => {
            format!("Обучение объёмом {hours} ч проходит очно, с практическими заданиями.")
        }
        (Lang::Ru, Format::OnlineLive) => format!(
            "Обучение объёмом {hours} ч проходит онлайн в реальном времени, с работой в малых группах."
        ),
        (Lang::Ru, Format::Blended) => format!(
            "Обучение объёмом {hours} ч сочетает очные и онлайн-занятия; между встречами слушатели пробуют задание в своей практике."
        ),
        (Lang::Ru, Format::SelfPaced) => format!(
            "Обучение объёмом {hours} ч проходится в своём темпе, с самопроверкой после каждого модуля и консультациями преподавателя."
        ),
        (Lang::En, Format::InPerson) => {
            format!("The {hours}-hour course is taught in person, with practical tasks.")
        }
        (Lang::En, Format::OnlineLive) => {
            format!("The {hours}-hour course is taught live online, with work in small groups.")
        }
        (Lang::En, Format::Blended) => format!(
            "The {hours}-hour course mixes classroom and online meetings; between them participants try a task in their own practice."
        ),
        (Lang::En, Format::SelfPaced) => format!(
            "The {hours}-hour course is taken at one's own pace, with a self-check after each module and consultations with the trainer."
        ),
    }
}

fn follow_up(lang: Lang) -> &'static str {
    match lang {
        Lang::Hu => {
            "A képzés után legalább egy hónapig nyitva marad az utánkövetési tér, ahol a résztvevők megosztják, hogyan alkalmazták a tanultakat."
        }
        Lang::Pl => {
            "Po szkoleniu co najmniej przez miesiąc działa przestrzeń wsparcia, w której uczestnicy dzielą się tym, jak zastosowali zdobytą wiedzę."
        }
        Lang::Ru => {
            "После обучения не менее месяца открыто пространство сопровождения, где слушатели рассказывают, как применили изученное."
        }
        Lang::En => {
            "For at least a month after the course its follow-up space stays open, where participants share how they applied what they learnt."
        }
    }
}

fn outcome(lang: Lang) -> &'static str {
    match lang {
        Lang::Hu => {
            "A résztvevők saját intézményükben kipróbálható tervet készítenek, és egy rövid tudásmegosztó beszámolóban adják tovább a kollégáiknak."
        }
        Lang::Pl => {
            "Uczestnicy przygotowują plan do wypróbowania we własnej szkole i przekazują go kolegom w krótkim sprawozdaniu."
        }
        Lang::Ru => {
            "Слушатели составляют план, который можно опробовать в своей организации, и делятся им с коллегами в коротком отчёте."
        }
        Lang::En => {
            "Participants draw up a plan to try in their own institution and pass it on to colleagues in a short knowledge-sharing report."
        }
    }
}

fn localized(texts: [String; 4]) -> Localized {
    let [hu, pl, ru, en] = texts;
    Localized::new(Some(hu), Some(pl), Some(ru), Some(en))
}

/// The input for one demo programme (`tweak` makes a revised second version).
fn input_of(i: usize, tweak: bool, regions: &[OrgId]) -> ProgrammeInput {
    let (_, _, lang, hours, format, competences, titles, focus) = PROGRAMMES[i];
    let format = Format::parse(format).unwrap_or(Format::Blended);
    let hours = if tweak { hours + hours / 3 } else { hours };
    let text_for = |l: Lang, f: &str| {
        format!(
            "{}\n\n{} {}",
            f,
            format_sentence(l, format, hours),
            follow_up(l)
        )
    };
    let mut categories = vec![
        LearnerCategory::Instructor,
        LearnerCategory::InstitutionLeader,
        LearnerCategory::Trainer,
    ];
    if titles[3].contains("retraining") || titles[3].contains("pupils") {
        categories = vec![
            LearnerCategory::CompanyEmployee,
            LearnerCategory::JobSeeker,
            LearnerCategory::Pupil,
            LearnerCategory::Student,
            LearnerCategory::Pensioner,
        ];
    }
    ProgrammeInput {
        text: ProgrammeText {
            title: localized(titles.map(str::to_owned)),
            description: localized([
                text_for(Lang::Hu, focus[0]),
                text_for(Lang::Pl, focus[1]),
                text_for(Lang::Ru, focus[2]),
                text_for(Lang::En, focus[3]),
            ]),
            outcomes: localized(Lang::ALL.map(|l| outcome(l).to_owned())),
            prerequisites: Localized::default(),
            hours,
            format: Some(format),
            delivery_lang: Lang::parse(lang),
            categories,
            follow_up_days: if i.is_multiple_of(3) { 60 } else { 30 },
            attendance_pct: 80,
            assessment_required: i.is_multiple_of(4),
            licence: Some(match i % 3 {
                0 => Licence::EducationalAttribution,
                1 => Licence::WrittenPermission,
                _ => Licence::CcByNc,
            }),
        },
        competences: competences.iter().map(|c| (*c).to_owned()).collect(),
        regions: regions.to_vec(),
    }
}

fn time(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default()
}

impl App {
    async fn demo_actor(&self, email: &str) -> Result<Actor> {
        self.console_actor(email).await
    }

    async fn org_id(&self, code: &str) -> Result<OrgId> {
        guildhall_store::org::find_by_code(self.db(), code)
            .await?
            .map(|o| OrgId(o.id))
            .ok_or(Error::NotFound)
    }

    /// The demo's programmes, sessions and sign-ups.
    pub(crate) async fn load_demo_catalogue(&self) -> Result<()> {
        let meta = Meta::console();
        let admin = self.demo_actor(super::DEMO_ADMIN_EMAIL).await?;
        let reviewer_hu = self.demo_actor("reviewer@guildhall.example").await?;
        let providers = [
            (
                "HU-IKK",
                "provider@guildhall.example",
                ["HU-KM", "HU-EA", "HU-ND"],
            ),
            (
                "PL-ORE",
                "trainer.pl@guildhall.example",
                ["PL-MZ", "PL-MA", "PL-MZ"],
            ),
            (
                "RU-TA-COPP",
                "trainer.ru@guildhall.example",
                ["RU-TA", "RU-MOW", "RU-TA"],
            ),
        ];
        let mut ids: Vec<ProgrammeId> = Vec::new();
        let mut release_versions: Vec<VersionId> = Vec::new();
        for (i, p) in PROGRAMMES.iter().enumerate() {
            let (code, provider_code, ..) = *p;
            let (_, author_email, region_codes) = providers
                .iter()
                .find(|x| x.0 == provider_code)
                .ok_or(Error::NotFound)?;
            let author = self.demo_actor(author_email).await?;
            let reviewer = if provider_code.starts_with("HU") {
                &reviewer_hu
            } else {
                &admin
            };
            let mut regions = Vec::new();
            for r in region_codes {
                let id = self.org_id(r).await?;
                if !regions.contains(&id) {
                    regions.push(id);
                }
            }
            let provider = self.org_id(provider_code).await?;
            let id = self
                .create_programme(&author, code, provider, input_of(i, false, &regions), &meta)
                .await?;
            self.transition_programme(&author, id, Transition::Submit, None, &meta)
                .await?;
            self.transition_programme(
                reviewer,
                id,
                Transition::Approve,
                Some("Megfelel a minőségi követelményeknek."),
                &meta,
            )
            .await?;
            // Ten programmes wait for the spring release; the rest are published at once.
            if (40..50).contains(&i) {
                let v = cq::latest_version(self.db(), id.0)
                    .await?
                    .ok_or(Error::NotFound)?;
                release_versions.push(VersionId(v.id));
            } else {
                self.transition_programme(&author, id, Transition::Publish, None, &meta)
                    .await?;
            }
            // Some programmes have been revised: version 2 is published.
            if i % 9 == 1 && !(40..50).contains(&i) {
                self.update_programme(&author, id, input_of(i, true, &regions), &meta)
                    .await?;
                self.transition_programme(&author, id, Transition::Submit, None, &meta)
                    .await?;
                self.transition_programme(reviewer, id, Transition::Approve, None, &meta)
                    .await?;
                self.transition_programme(&author, id, Transition::Publish, None, &meta)
                    .await?;
            }
            ids.push(id);
        }
        self.create_release(
            &admin,
            "Tavaszi kínálat 2027 · Spring 2027",
            "Tíz új program a tavaszi félévre. Ten new programmes for the spring term.",
            &release_versions,
            &meta,
        )
        .await?;
        // Work in progress: a revision waiting for review, and one being drafted.
        let author = self.demo_actor("provider@guildhall.example").await?;
        let regions = vec![self.org_id("HU-KM").await?];
        self.update_programme(&author, ids[0], input_of(0, true, &regions), &meta)
            .await?;
        self.transition_programme(&author, ids[0], Transition::Submit, None, &meta)
            .await?;
        self.update_programme(&author, ids[2], input_of(2, true, &regions), &meta)
            .await?;

        self.load_demo_sessions(&ids).await?;
        self.load_demo_history(&ids).await?;
        Ok(())
    }

    async fn load_demo_sessions(&self, ids: &[ProgrammeId]) -> Result<()> {
        let meta = Meta::console();
        let trainers = [
            (
                "HU",
                "provider@guildhall.example",
                "trainer@guildhall.example",
                "Budapest, Práter utca 13.",
            ),
            (
                "PL",
                "trainer.pl@guildhall.example",
                "trainer.pl@guildhall.example",
                "Warszawa, ul. Zgrupowania AK „Kampinos” 1",
            ),
            (
                "RU",
                "trainer.ru@guildhall.example",
                "trainer.ru@guildhall.example",
                "Казань, ул. Копылова, 2",
            ),
        ];
        let today = self.local_now().date();
        let mut created = Vec::new();
        for (i, id) in ids.iter().enumerate().take(48) {
            if (40..48).contains(&i) && i % 2 == 1 {
                continue;
            }
            let code = PROGRAMMES[i].0;
            let (_, provider, trainer, place) = trainers
                .iter()
                .find(|t| code.starts_with(t.0))
                .ok_or(Error::NotFound)?;
            let provider = self.demo_actor(provider).await?;
            let trainer = self.demo_actor(trainer).await?;
            let online = PROGRAMMES[i].4 == "online_live";
            let first = today + Duration::days(10 + (i as i64 * 3) % 60);
            let meetings = (0..2)
                .map(|k| Meeting {
                    day: first + Duration::days(k * 7),
                    starts: time(9, 0),
                    ends: time(15, 0),
                    place: (!online).then(|| (*place).to_owned()),
                    online_link: online.then(|| "https://meet.guildhall.example/room".to_owned()),
                })
                .collect();
            let input = SessionInput {
                meetings,
                trainers: vec![trainer.id],
                capacity: if i % 7 == 0 {
                    2
                } else {
                    12 + (i as i32 % 4) * 4
                },
                requires_approval: i % 5 == 2,
                hold_days: 5,
                offer_waitlist: i % 11 == 3,
                offer_hours: 48,
                open: i % 13 != 5,
                ..Default::default()
            };
            created.push((i, self.create_session(&provider, *id, input, &meta).await?));
        }
        // Sign-ups from the demo learners: some sessions fill up and have a waiting list.
        let learners: Vec<&str> = vec![
            "learner@guildhall.example",
            "anna.kiss@guildhall.example",
            "laszlo.molnar@guildhall.example",
            "zsofia.farkas@guildhall.example",
            "agnieszka.nowak@guildhall.example",
            "piotr.zielinski@guildhall.example",
            "ivan.petrov@guildhall.example",
            "elena.sokolova@guildhall.example",
        ];
        for (k, email) in learners.iter().enumerate() {
            let who = self.demo_actor(email).await?;
            let prefix = match who.lang {
                Lang::Pl => "PL",
                Lang::Ru => "RU",
                _ => "HU",
            };
            for (n, (i, s)) in created
                .iter()
                .filter(|(i, _)| PROGRAMMES[*i].0.starts_with(prefix))
                .enumerate()
            {
                if (n + k) % 3 != 0 && i % 7 != 0 {
                    continue;
                }
                // Refusals (overlaps, limits) are part of the demo's realism; ignore them.
                let _ = self.sign_up(&who, *s, None, &meta).await;
            }
        }
        Ok(())
    }

    /// A year of completed training, so ledgers and the hours people have are not empty.
    async fn load_demo_history(&self, ids: &[ProgrammeId]) -> Result<()> {
        let people = [
            ("learner@guildhall.example", 4usize),
            ("anna.kiss@guildhall.example", 2),
            ("laszlo.molnar@guildhall.example", 3),
            ("head@guildhall.example", 1),
            ("agnieszka.nowak@guildhall.example", 2),
            ("ivan.petrov@guildhall.example", 1),
        ];
        let admin = self.demo_actor(super::DEMO_ADMIN_EMAIL).await?;
        let now = Utc::now();
        let tx = begin_write(self.writer()).await?;
        for (n, (email, count)) in people.iter().enumerate() {
            let who = self.demo_actor(email).await?;
            let prefix = match who.lang {
                Lang::Pl => "PL",
                Lang::Ru => "RU",
                _ => "HU",
            };
            let own: Vec<(usize, &ProgrammeId)> = ids
                .iter()
                .enumerate()
                .filter(|(i, _)| PROGRAMMES[*i].0.starts_with(prefix))
                .collect();
            for k in 0..*count {
                let (_, pid) = own[(n * 5 + k * 7) % own.len()];
                let prog = cq::find_programme(&tx, pid.0)
                    .await?
                    .ok_or(Error::NotFound)?;
                let Some(vid) = prog.published_version_id else {
                    continue;
                };
                let v = cq::find_version(&tx, vid).await?.ok_or(Error::NotFound)?;
                let day = (now - Duration::days(60 + (k as i64) * 95 + n as i64 * 11)).date_naive();
                let sid = Uuid::now_v7();
                sq::insert_session(
                    &tx,
                    training_session::Model {
                        id: sid,
                        programme_id: prog.id,
                        version_id: vid,
                        provider_id: prog.provider_id,
                        state: "closed".into(),
                        language: v.delivery_language.clone(),
                        capacity: 20,
                        taken: 1,
                        waiting: 0,
                        registration_opens_at: now - Duration::days(400),
                        registration_closes_at: (day - Duration::days(1))
                            .and_hms_opt(12, 0, 0)
                            .unwrap_or_default()
                            .and_utc(),
                        cancellation_deadline: (day - Duration::days(1))
                            .and_hms_opt(12, 0, 0)
                            .unwrap_or_default()
                            .and_utc(),
                        requires_approval: false,
                        hold_days: 5,
                        offer_waitlist: false,
                        offer_hours: 48,
                        starts_on: day,
                        ends_on: day,
                        categories: String::new(),
                        note: None,
                        created_by: admin.id.0,
                        created_at: now,
                        updated_at: now,
                        time_zone: None,
                    },
                )
                .await?;
                sq::insert_meetings(
                    &tx,
                    vec![session_meeting::Model {
                        id: Uuid::now_v7(),
                        session_id: sid,
                        position: 0,
                        day,
                        starts_at: time(9, 0),
                        ends_at: time(15, 0),
                        place: Some("—".into()),
                        online_link: None,
                    }],
                )
                .await?;
                let eid = Uuid::now_v7();
                sq::insert_enrolment(
                    &tx,
                    enrolment::Model {
                        seq: 0,
                        id: eid,
                        session_id: sid,
                        person_id: who.id.0,
                        status: "confirmed".into(),
                        active_session: Some(sid),
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
                    },
                )
                .await?;
                let links = cq::links_of(&tx, &[vid])
                    .await?
                    .remove(&vid)
                    .unwrap_or_default();
                lq::append(
                    &tx,
                    ledger_entry::Model {
                        seq: 0,
                        id: Uuid::now_v7(),
                        person_id: who.id.0,
                        minutes: v.hours * 60,
                        occurred_on: day,
                        source: crate::ledger::SOURCE_SESSION.into(),
                        session_id: Some(sid),
                        enrolment_id: Some(eid),
                        version_id: Some(vid),
                        reference_id: None,
                        reverses: None,
                        note: "completion".into(),
                        created_by: Some(admin.id.0),
                        created_at: now,
                    },
                    &links.competences,
                )
                .await?;
                let e = sq::find_enrolment(&tx, eid).await?.ok_or(Error::NotFound)?;
                let s = sq::find_session(&tx, sid).await?.ok_or(Error::NotFound)?;
                self.issue_certificate(&tx, &e, &s, &v, day, who.lang)
                    .await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }
}
