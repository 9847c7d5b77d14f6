//! Catalogue and session fixtures, made through the real use cases.

use chrono::{Duration, NaiveTime};
use guildhall_app::Meta;
use guildhall_app::catalog::ProgrammeInput;
use guildhall_app::sessions::SessionInput;
use guildhall_domain::catalog::{Format, Licence, ProgrammeText, Transition};
use guildhall_domain::identity::{LearnerCategory, Role};
use guildhall_domain::org::OrgKind;
use guildhall_domain::sessions::Meeting;
use guildhall_domain::{Lang, Localized, OrgId, ProgrammeId, SessionId};

use crate::{TestApp, Who, World};

/// The world of the permission tests, plus a provider organisation and the people who write,
/// review and teach its programmes.
pub struct CatalogWorld {
    pub w: World,
    pub provider_org: OrgId,
    pub provider: Who,
    pub reviewer: Who,
    pub trainer: Who,
    pub head: Who,
}

/// How far to take a programme through its lifecycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    Draft,
    Submitted,
    Approved,
    Published,
}

/// A programme text that passes every rule.
pub fn programme_text(title_en: &str, hours: i32) -> ProgrammeText {
    ProgrammeText {
        title: Localized::new(None, None, None, Some(title_en.to_owned())),
        description: Localized::one(
            Lang::En,
            format!("{title_en}: a course for vocational teachers."),
        ),
        hours,
        format: Some(Format::Blended),
        delivery_lang: Some(Lang::En),
        categories: vec![
            LearnerCategory::Instructor,
            LearnerCategory::InstitutionLeader,
        ],
        follow_up_days: 30,
        attendance_pct: 80,
        licence: Some(Licence::EducationalAttribution),
        ..Default::default()
    }
}

/// Who writes and who reviews a test programme, and the organisation it belongs to.
#[derive(Clone, Copy)]
pub struct Authoring<'a> {
    /// The provider's e-mail.
    pub provider: &'a str,
    /// The reviewer's e-mail.
    pub reviewer: &'a str,
    pub org: OrgId,
}

impl TestApp {
    pub async fn catalog_world(&self) -> CatalogWorld {
        let w = self.world().await;
        let provider_org = self
            .org("C-R1-PROV", OrgKind::Provider, Some(w.region))
            .await;
        let provider = self
            .person(
                "provider@x.org",
                Some(provider_org),
                &[(Role::Provider, Some(provider_org))],
            )
            .await;
        let reviewer = self
            .person(
                "reviewer@x.org",
                None,
                &[(Role::QualityReviewer, Some(w.country))],
            )
            .await;
        let trainer = self
            .person(
                "trainer@x.org",
                Some(provider_org),
                &[(Role::Trainer, Some(provider_org))],
            )
            .await;
        let head = self
            .person(
                "head@x.org",
                Some(w.school),
                &[(Role::InstitutionHead, Some(w.school))],
            )
            .await;
        CatalogWorld {
            w,
            provider_org,
            provider,
            reviewer,
            trainer,
            head,
        }
    }

    /// Drafts, submits, approves and publishes a programme.
    pub async fn published_programme(
        &self,
        cw: &CatalogWorld,
        code: &str,
        title_en: &str,
        competences: &[&str],
    ) -> ProgrammeId {
        self.programme_as(
            Authoring {
                provider: &cw.provider.email,
                reviewer: &cw.reviewer.email,
                org: cw.provider_org,
            },
            code,
            title_en,
            competences,
            Stage::Published,
        )
        .await
    }

    /// A programme of `by.org`, written by `by.provider` and reviewed by `by.reviewer`, taken
    /// as far as `stage`.
    pub async fn programme_as(
        &self,
        by: Authoring<'_>,
        code: &str,
        title_en: &str,
        competences: &[&str],
        stage: Stage,
    ) -> ProgrammeId {
        let Authoring {
            provider,
            reviewer,
            org,
        } = by;
        let meta = Meta::console();
        let provider = self
            .app
            .console_actor(provider)
            .await
            .expect("the provider");
        let reviewer = self
            .app
            .console_actor(reviewer)
            .await
            .expect("the reviewer");
        let input = ProgrammeInput {
            text: programme_text(title_en, 30),
            competences: competences.iter().map(|s| (*s).to_owned()).collect(),
            regions: vec![],
        };
        let id = self
            .app
            .create_programme(&provider, code, org, input, &meta)
            .await
            .expect("a draft");
        if stage >= Stage::Submitted {
            self.app
                .transition_programme(&provider, id, Transition::Submit, None, &meta)
                .await
                .expect("submitted");
        }
        if stage >= Stage::Approved {
            self.app
                .transition_programme(&reviewer, id, Transition::Approve, None, &meta)
                .await
                .expect("approved");
        }
        if stage >= Stage::Published {
            self.app
                .transition_programme(&provider, id, Transition::Publish, None, &meta)
                .await
                .expect("published");
        }
        id
    }

    /// Opens a session of a published programme with two three-hour meetings a week from now.
    pub async fn open_session(
        &self,
        cw: &CatalogWorld,
        programme: ProgrammeId,
        capacity: i32,
        adjust: impl FnOnce(&mut SessionInput),
    ) -> SessionId {
        self.session_as(
            &cw.provider.email,
            cw.trainer.id,
            programme,
            capacity,
            7,
            adjust,
        )
        .await
    }

    /// A session scheduled by `provider`, taught by `trainer`, starting `in_days` from now.
    pub async fn session_as(
        &self,
        provider: &str,
        trainer: guildhall_domain::PersonId,
        programme: ProgrammeId,
        capacity: i32,
        in_days: i64,
        adjust: impl FnOnce(&mut SessionInput),
    ) -> SessionId {
        let provider = self
            .app
            .console_actor(provider)
            .await
            .expect("the provider");
        let day = self.app.local_now().date() + Duration::days(in_days);
        let meeting = |d| Meeting {
            day: d,
            starts: NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default(),
            ends: NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default(),
            place: Some("Room 101".into()),
            online_link: None,
        };
        let mut input = SessionInput {
            meetings: vec![meeting(day), meeting(day + Duration::days(1))],
            trainers: vec![trainer],
            capacity,
            hold_days: 5,
            offer_hours: 48,
            open: true,
            ..Default::default()
        };
        adjust(&mut input);
        self.app
            .create_session(&provider, programme, input, &Meta::console())
            .await
            .expect("a session")
    }
}

/// Moves a session's meetings into the past (one a day, the last yesterday), as if they had
/// taken place: for tests of what may only happen after a meeting has begun (attendance,
/// completion) against a server whose clock they cannot move.
pub async fn meetings_took_place(db: &impl sea_orm::ConnectionTrait, session: uuid::Uuid) {
    use guildhall_store::entities::{session_meeting, training_session};
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let meetings = session_meeting::Entity::find()
        .filter(session_meeting::Column::SessionId.eq(session))
        .order_by_asc(session_meeting::Column::Position)
        .all(db)
        .await
        .expect("read the meetings");
    let yesterday = chrono::Utc::now().date_naive() - Duration::days(1);
    let n = meetings.len() as i64;
    for (i, m) in meetings.iter().enumerate() {
        let day = yesterday - Duration::days(n - 1 - i as i64);
        session_meeting::Entity::update_many()
            .col_expr(session_meeting::Column::Day, Expr::value(day))
            .filter(session_meeting::Column::Id.eq(m.id))
            .exec(db)
            .await
            .expect("move a meeting");
    }
    training_session::Entity::update_many()
        .col_expr(
            training_session::Column::StartsOn,
            Expr::value(yesterday - Duration::days((n - 1).max(0))),
        )
        .col_expr(training_session::Column::EndsOn, Expr::value(yesterday))
        .filter(training_session::Column::Id.eq(session))
        .exec(db)
        .await
        .expect("move the session");
}
