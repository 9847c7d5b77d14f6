//! The demo's catalogue, sessions, sign-ups and past training.

use chrono::{Duration, NaiveTime};
use guildhall_domain::catalog::{Format, Licence, ProgrammeText, Transition};
use guildhall_domain::identity::LearnerCategory;
use guildhall_domain::sessions::{AttendanceStatus, Meeting, SessionAction};
use guildhall_domain::{Lang, Localized, OrgId, ProgrammeId, VersionId};
use guildhall_store::entities::enrolment;
use guildhall_store::{catalog as cq, sessions as sq};

use super::programmes::PROGRAMMES;
use crate::catalog::ProgrammeInput;
use crate::sessions::{AttendanceMark, SessionInput};
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

    /// Who schedules each provider's sessions and who teaches them.
    fn demo_teams() -> &'static [(&'static str, &'static str, &'static [&'static str])] {
        &[
            (
                "HU",
                "provider@guildhall.example",
                &[
                    "trainer@guildhall.example",
                    "tamas.balogh@guildhall.example",
                    "reka.szilagyi@guildhall.example",
                ],
            ),
            (
                "PL",
                "trainer.pl@guildhall.example",
                &[
                    "trainer.pl@guildhall.example",
                    "krzysztof.mazur@guildhall.example",
                ],
            ),
            (
                "RU",
                "trainer.ru@guildhall.example",
                &[
                    "trainer.ru@guildhall.example",
                    "natalya.orlova@guildhall.example",
                ],
            ),
        ]
    }

    /// A session of the `i`-th demo programme whose first meeting is on (or after) `first`,
    /// as its provider schedules it: meetings that add up to the version's hours, at one of
    /// the region's venues, taught by one of the provider's trainers.
    async fn demo_session_input(
        &self,
        i: usize,
        id: ProgrammeId,
        first: chrono::NaiveDate,
        capacity: i32,
    ) -> Result<(Actor, Actor, SessionInput)> {
        let code = PROGRAMMES[i].0;
        let (_, provider, trainers) = Self::demo_teams()
            .iter()
            .find(|t| code.starts_with(t.0))
            .ok_or(Error::NotFound)?;
        let provider = self.demo_actor(provider).await?;
        let trainer = self.demo_actor(trainers[i % trainers.len()]).await?;
        let prog = cq::find_programme(self.db(), id.0)
            .await?
            .ok_or(Error::NotFound)?;
        let v = cq::find_version(self.db(), prog.published_version_id.ok_or(Error::NotFound)?)
            .await?
            .ok_or(Error::NotFound)?;
        let format = Format::parse(PROGRAMMES[i].4).unwrap_or(Format::Blended);
        let venues = VENUES
            .iter()
            .find(|(c, _)| code.starts_with(c))
            .map_or(&[][..], |(_, v)| *v);
        let place = venues.get(i % venues.len().max(1)).copied().unwrap_or("—");
        let input = SessionInput {
            meetings: meetings_for(v.hours, format, first, place, i),
            trainers: vec![trainer.id],
            capacity,
            requires_approval: i % 5 == 2,
            hold_days: 5,
            offer_waitlist: i % 11 == 3,
            offer_hours: 48,
            open: true,
            ..Default::default()
        };
        Ok((provider, trainer, input))
    }

    /// Sessions to come, with sign-ups: some fill up and have a waiting list, some wait for
    /// a head's approval; and one that has begun, whose attendance is due.
    async fn load_demo_sessions(&self, ids: &[ProgrammeId]) -> Result<()> {
        let meta = Meta::console();
        let today = self.local_now().date();
        let staff = super::staff();
        let mut created = Vec::new();
        for (i, id) in ids.iter().enumerate().take(48) {
            if (40..48).contains(&i) && i % 2 == 1 {
                continue;
            }
            let first = weekday(today + Duration::days(10 + (i as i64 * 3) % 60));
            let capacity = if i % 5 == 0 {
                12
            } else {
                12 + (i as i32 * 7) % 19
            };
            let (provider, _, mut input) = self.demo_session_input(i, *id, first, capacity).await?;
            input.open = i % 13 != 5;
            let s = self.create_session(&provider, *id, input, &meta).await?;
            created.push((i, s, capacity));
        }
        // The staff sign up: a fifth of the sessions fill up and have a waiting list, the
        // others are half or a third full.
        for (n, (i, s, capacity)) in created.iter().enumerate() {
            let country = &PROGRAMMES[*i].0[..2];
            let pool: Vec<&(String, &str, Lang, &str)> =
                staff.iter().filter(|p| p.3.starts_with(country)).collect();
            let want = match n % 5 {
                0 => *capacity as usize + 2,
                1 | 2 => *capacity as usize / 2,
                _ => *capacity as usize / 3,
            };
            for k in 0..want.min(pool.len()) {
                let who = self.demo_actor(&pool[(k + n * 5) % pool.len()].0).await?;
                // Refusals (a clash with another place) are part of the demo's realism.
                let _ = self.sign_up(&who, *s, None, &meta).await;
            }
        }
        // The demo learner holds a few places that do not clash: one confirmed, one
        // waiting for the head's approval, one on a waiting list.
        let learner = self.demo_actor("learner@guildhall.example").await?;
        let hu: Vec<&(usize, guildhall_domain::SessionId, i32)> = created
            .iter()
            .filter(|(i, _, _)| PROGRAMMES[*i].0.starts_with("HU") && i % 13 != 5)
            .collect();
        let wanted = [
            hu.iter()
                .enumerate()
                .find(|(n, (i, _, _))| n % 5 != 0 && i % 5 != 2),
            hu.iter().enumerate().find(|(_, (i, _, _))| i % 5 == 2),
            hu.iter()
                .enumerate()
                .find(|(n, (i, _, _))| n % 5 == 0 && i % 5 != 2),
        ];
        for (_, (_, s, _)) in wanted.into_iter().flatten() {
            let _ = self.sign_up(&learner, *s, None, &meta).await;
        }
        self.load_demo_running_session(ids).await
    }

    /// A session that began two days ago: its trainer has started it and has the first
    /// meeting's attendance to record.
    async fn load_demo_running_session(&self, ids: &[ProgrammeId]) -> Result<()> {
        let meta = Meta::console();
        let clock = self.clock().saved();
        let today = self.local_now().date();
        // A programme the demo trainer teaches (trainers take the provider's sessions in turn).
        let i = 3;
        let first = weekday(today - Duration::days(2));
        self.clock().set(self.now() - Duration::days(21));
        let (provider, trainer, input) = self.demo_session_input(i, ids[i], first, 16).await?;
        let s = self.create_session(&provider, ids[i], input, &meta).await?;
        let staff = super::staff();
        for p in staff
            .iter()
            .filter(|p| p.3.starts_with("HU"))
            .skip(3)
            .take(11)
        {
            let who = self.demo_actor(&p.0).await?;
            let _ = self.sign_up(&who, s, None, &meta).await;
        }
        self.clock().restore(clock);
        let _ = self
            .session_action(&trainer, s, SessionAction::Start, &meta)
            .await;
        Ok(())
    }

    /// Two years of finished training, lived through with the real use cases at the times
    /// they happened (the clock is set back for each): sessions scheduled a month ahead,
    /// sign-ups, the trainer's attendance, completion, ledger entries and certificates dated
    /// when they were made.
    async fn load_demo_history(&self, ids: &[ProgrammeId]) -> Result<()> {
        let meta = Meta::console();
        let clock = self.clock().saved();
        let now = self.now();
        let today = self.local_now().date();
        let staff = super::staff();
        let named: &[(&str, &str)] = &[
            ("HU", "learner@guildhall.example"),
            ("HU", "anna.kiss@guildhall.example"),
            ("HU", "laszlo.molnar@guildhall.example"),
            ("HU", "head@guildhall.example"),
            ("PL", "agnieszka.nowak@guildhall.example"),
            ("RU", "ivan.petrov@guildhall.example"),
        ];
        for k in 0..24usize {
            let i = (k * 7) % 40;
            let Some(id) = ids.get(i) else { continue };
            let country = &PROGRAMMES[i].0[..2];
            let first = weekday(today - Duration::days(45 + (k as i64) * 27));
            let start_of = |d: chrono::NaiveDate| self.from_local(d.and_time(time(8, 0)));
            self.clock().set(start_of(first) - Duration::days(30));
            let (provider, trainer, mut input) = self.demo_session_input(i, *id, first, 20).await?;
            input.requires_approval = false;
            let last = input
                .meetings
                .iter()
                .map(|m| m.day.and_time(m.ends))
                .max()
                .unwrap_or_default();
            let s = self.create_session(&provider, *id, input, &meta).await?;
            let pool: Vec<&(String, &str, Lang, &str)> =
                staff.iter().filter(|p| p.3.starts_with(country)).collect();
            let mut people: Vec<String> = (0..(8 + k % 5))
                .map(|j| pool[(j * 3 + k) % pool.len()].0.clone())
                .collect();
            for (n, (c, email)) in named.iter().enumerate() {
                if *c == country && (k + n * 3) % 7 == 0 {
                    people.push((*email).to_owned());
                }
            }
            people.sort();
            people.dedup();
            for email in &people {
                let who = self.demo_actor(email).await?;
                let _ = self.sign_up(&who, s, None, &meta).await;
            }
            // The last meeting is over: the trainer records attendance and finishes.
            self.clock().set(self.from_local(last) + Duration::hours(1));
            self.session_action(&trainer, s, SessionAction::Start, &meta)
                .await?;
            let meetings = sq::meetings_of(self.db(), &[s.0]).await?;
            let enrolments: Vec<enrolment::Model> = sq::enrolments_of_session(self.db(), s.0)
                .await?
                .into_iter()
                .filter(|e| e.status == "confirmed")
                .collect();
            let mut marks = Vec::new();
            let mut assessments = Vec::new();
            for (j, e) in enrolments.iter().enumerate() {
                for (m, meeting) in meetings.iter().enumerate() {
                    let length = (meeting.ends_at - meeting.starts_at).num_minutes() as i32;
                    let (status, minutes) = match (j % 7, m) {
                        (3, 0) => (AttendanceStatus::Absent, 0),
                        (5, 1) if length > 60 => (AttendanceStatus::Partial, length / 2),
                        _ => (AttendanceStatus::Present, 0),
                    };
                    marks.push(AttendanceMark {
                        enrolment: guildhall_domain::EnrolmentId(e.id),
                        meeting: guildhall_domain::MeetingId(meeting.id),
                        status,
                        minutes,
                    });
                }
                assessments.push((guildhall_domain::EnrolmentId(e.id), Some(j % 9 != 4)));
            }
            self.record_attendance(&trainer, s, &marks, &assessments, &meta)
                .await?;
            self.session_action(&trainer, s, SessionAction::Finish, &meta)
                .await?;
            self.clock().set(self.from_local(last) + Duration::days(10));
            self.session_action(&provider, s, SessionAction::Close, &meta)
                .await?;
        }
        self.clock().restore(clock);
        // The history's mail went out when it happened.
        guildhall_store::notify::settle_before(self.writer(), now - Duration::hours(1)).await?;
        Ok(())
    }
}

/// The demo's venues, by the start of their programme's code or region.
const VENUES: &[(&str, &[&str])] = &[
    (
        "HU",
        &[
            "Budapest, Práter utca 13.",
            "Debrecen, Kassai út 26.",
            "Győr, Szent István út 7.",
            "Budapest, Mázsa tér 1–2.",
            "Budapest, Üllői út 121.",
        ],
    ),
    (
        "PL",
        &[
            "Warszawa, ul. Zgrupowania AK „Kampinos” 1",
            "Kraków, al. Mickiewicza 5",
            "Warszawa, al. Ujazdowskie 28",
        ],
    ),
    (
        "RU",
        &[
            "Казань, ул. Копылова, 2",
            "Москва, Новоспасский пер., 3",
            "Казань, ул. Толстого, 15",
        ],
    ),
];

/// The first working day on or after `d`.
fn weekday(d: chrono::NaiveDate) -> chrono::NaiveDate {
    use chrono::Datelike;
    match d.weekday() {
        chrono::Weekday::Sat => d + Duration::days(2),
        chrono::Weekday::Sun => d + Duration::days(1),
        _ => d,
    }
}

/// Meetings that add up to `hours`, from `first` on, on working days three days apart:
/// whole days in the classroom (09:00–15:00) for courses in person, afternoons online
/// (15:00–18:00) for live online ones, the two in turn for blended ones, and four-hour
/// online workshops (14:00–18:00) for self-paced ones.
fn meetings_for(
    hours: i32,
    format: Format,
    first: chrono::NaiveDate,
    place: &str,
    i: usize,
) -> Vec<Meeting> {
    let mut out = Vec::new();
    let mut left = hours;
    let mut day = first;
    let mut k = 0;
    while left > 0 {
        let classroom = match format {
            Format::InPerson => true,
            Format::Blended => k % 2 == 0,
            Format::OnlineLive | Format::SelfPaced => false,
        };
        let (start, most) = match (classroom, format) {
            (true, _) => (9, 6),
            (false, Format::SelfPaced) => (14, 4),
            (false, _) => (15, 3),
        };
        let length = left.min(most);
        out.push(Meeting {
            day,
            starts: time(start, 0),
            ends: time(start + length.unsigned_abs(), 0),
            place: classroom.then(|| place.to_owned()),
            online_link: (!classroom)
                .then(|| format!("https://meet.guildhall.example/room-{}", i + 1)),
        });
        left -= length;
        k += 1;
        day = weekday(day + Duration::days(3));
    }
    out
}
