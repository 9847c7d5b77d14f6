//! The catalogue: programmes and their versions, their review and publication, releases,
//! competence frameworks, and the search over what is published.
//!
//! Editing a published programme starts a new draft version; the published one stays in
//! the catalogue until the new one is published. Every change to what the public catalogue
//! shows is appended to `catalogue_changes` in the same transaction, and every instance
//! re-indexes the programmes named there (see [`index`]).

pub mod frameworks;
pub mod index;
pub mod seed;

use chrono::{DateTime, Utc};
use guildhall_domain::catalog::{
    Format, Licence, ProgrammeText, Transition, VersionState, check_programme_code,
    check_release_name,
};
use guildhall_domain::identity::LearnerCategory;
use guildhall_domain::org::OrgKind;
use guildhall_domain::{
    CompetenceId, Lang, Localized, OrgId, PersonId, Problem, Problems, ProgrammeId, ReleaseId,
    VersionId,
};
use guildhall_store::catalog::{self as q, VersionLinks};
use guildhall_store::entities::{catalogue_release, programme, programme_version};
use guildhall_store::{ConnectionTrait, begin_write};
use sea_orm::{IntoActiveModel, Set};
use serde_json::json;
use uuid::Uuid;

pub use frameworks::{CompetenceInfo, FrameworkTree, ImportReport};

use crate::audit::Change;
use crate::org::{OrgSummary, names_of};
use crate::{Actor, App, Error, Meta, Result, policy};

/// A programme's text and links, as typed into the form or sent to the API.
#[derive(Clone, Debug, Default)]
pub struct ProgrammeInput {
    pub text: ProgrammeText,
    /// Competence keys (`FRAMEWORK:CODE`).
    pub competences: Vec<String>,
    pub regions: Vec<OrgId>,
}

/// A competence as a page shows it.
#[derive(Clone, Debug)]
pub struct CompetenceRef {
    pub key: String,
    pub name: String,
    pub area: String,
}

/// One version, in full.
#[derive(Clone, Debug)]
pub struct VersionView {
    pub id: VersionId,
    pub version: i32,
    pub state: VersionState,
    pub text: ProgrammeText,
    pub competences: Vec<CompetenceRef>,
    pub regions: Vec<OrgSummary>,
    pub review_comment: Option<String>,
    pub author: PersonId,
    pub submitted_at: Option<DateTime<Utc>>,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub published_at: Option<DateTime<Utc>>,
    pub release: Option<ReleaseId>,
    pub updated_at: DateTime<Utc>,
}

/// A version in a list.
#[derive(Clone, Debug)]
pub struct VersionSummary {
    pub id: VersionId,
    pub version: i32,
    pub state: VersionState,
    pub published_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
}

/// What the caller may do with a programme now.
#[derive(Clone, Debug, Default)]
pub struct ProgrammeActions {
    pub edit: bool,
    pub submit: bool,
    pub review: bool,
    pub publish: bool,
    pub retire: bool,
    /// May schedule a new session (the programme is published and not retired).
    pub schedule: bool,
    /// May manage the provider's sessions, planned ones included.
    pub manage_sessions: bool,
}

#[derive(Clone, Debug)]
pub struct ProgrammeDetail {
    pub id: ProgrammeId,
    pub code: String,
    pub provider: OrgSummary,
    /// The published version, if any.
    pub published: Option<VersionView>,
    /// The newest version, when the caller may see it and it is not the published one.
    pub pending: Option<VersionView>,
    pub versions: Vec<VersionSummary>,
    pub retired: bool,
    pub actions: ProgrammeActions,
}

/// A programme in a working list (a provider's programmes, the review queue).
#[derive(Clone, Debug)]
pub struct ProgrammeRow {
    pub id: ProgrammeId,
    pub code: String,
    pub title: String,
    pub version: i32,
    pub version_id: VersionId,
    pub state: VersionState,
    pub updated_at: DateTime<Utc>,
}

#[derive(Clone, Debug)]
pub struct ReleaseView {
    pub id: ReleaseId,
    pub name: String,
    pub notes: String,
    pub published_at: DateTime<Utc>,
    pub programmes: Vec<ProgrammeRow>,
}

pub(crate) fn text_of(v: &programme_version::Model, categories: &[String]) -> ProgrammeText {
    ProgrammeText {
        title: Localized::new(
            v.title_hu.clone(),
            v.title_pl.clone(),
            v.title_ru.clone(),
            v.title_en.clone(),
        ),
        description: Localized::new(
            v.description_hu.clone(),
            v.description_pl.clone(),
            v.description_ru.clone(),
            v.description_en.clone(),
        ),
        outcomes: Localized::new(
            v.outcomes_hu.clone(),
            v.outcomes_pl.clone(),
            v.outcomes_ru.clone(),
            v.outcomes_en.clone(),
        ),
        prerequisites: Localized::new(
            v.prerequisites_hu.clone(),
            v.prerequisites_pl.clone(),
            v.prerequisites_ru.clone(),
            v.prerequisites_en.clone(),
        ),
        hours: v.hours,
        format: Format::parse(&v.format),
        delivery_lang: Lang::parse(&v.delivery_language),
        categories: categories
            .iter()
            .filter_map(|c| LearnerCategory::parse(c))
            .collect(),
        follow_up_days: v.follow_up_days,
        attendance_pct: v.attendance_pct,
        assessment_required: v.assessment_required,
        licence: Licence::parse(&v.licence),
    }
}

/// Writes a text into a version row.
fn write_text(v: &mut programme_version::Model, t: &ProgrammeText) {
    let l = |x: &Localized| [x.hu.clone(), x.pl.clone(), x.ru.clone(), x.en.clone()];
    [v.title_hu, v.title_pl, v.title_ru, v.title_en] = l(&t.title);
    [
        v.description_hu,
        v.description_pl,
        v.description_ru,
        v.description_en,
    ] = l(&t.description);
    [v.outcomes_hu, v.outcomes_pl, v.outcomes_ru, v.outcomes_en] = l(&t.outcomes);
    [
        v.prerequisites_hu,
        v.prerequisites_pl,
        v.prerequisites_ru,
        v.prerequisites_en,
    ] = l(&t.prerequisites);
    v.hours = t.hours;
    v.format = t.format.map_or("", Format::as_str).to_owned();
    v.delivery_language = t.delivery_lang.map_or("", Lang::code).to_owned();
    v.follow_up_days = t.follow_up_days;
    v.attendance_pct = t.attendance_pct;
    v.assessment_required = t.assessment_required;
    v.licence = t.licence.map_or("", Licence::as_str).to_owned();
}

fn summary_of(v: &programme_version::Model) -> VersionSummary {
    VersionSummary {
        id: VersionId(v.id),
        version: v.version,
        state: VersionState::parse(&v.state).unwrap_or(VersionState::Draft),
        published_at: v.published_at,
        updated_at: v.updated_at,
    }
}

fn row_of(p: &programme::Model, v: &programme_version::Model, lang: Lang) -> ProgrammeRow {
    ProgrammeRow {
        id: ProgrammeId(p.id),
        code: p.code.clone(),
        title: text_of(v, &[]).title.get(lang).to_owned(),
        version: v.version,
        version_id: VersionId(v.id),
        state: VersionState::parse(&v.state).unwrap_or(VersionState::Draft),
        updated_at: v.updated_at,
    }
}

impl App {
    /// Checks a programme's input against the rules and the frameworks and regions that exist.
    async fn check_input<C: ConnectionTrait>(
        &self,
        db: &C,
        input: &ProgrammeInput,
        p: &mut Problems,
    ) -> Result<VersionLinks> {
        for fp in input.text.check().0 {
            p.0.push(fp);
        }
        let tree = frameworks::FrameworkTree::from_rows(q::frameworks(db).await?);
        let competences = match tree.resolve(&input.competences) {
            Ok(c) => c,
            Err(problem) => {
                p.add("competences", problem);
                Vec::new()
            }
        };
        let mut regions: Vec<Uuid> = input.regions.iter().map(|r| r.0).collect();
        regions.sort();
        regions.dedup();
        let found = guildhall_store::org::find_many(db, &regions).await?;
        if found.len() != regions.len()
            || found
                .iter()
                .any(|o| OrgKind::parse(&o.kind) != Some(OrgKind::Region))
        {
            p.add("regions", Problem::new("region_unknown"));
        }
        let mut categories: Vec<String> = input
            .text
            .categories
            .iter()
            .map(|c| c.as_str().to_owned())
            .collect();
        categories.sort();
        categories.dedup();
        Ok(VersionLinks {
            competences: competences.into_iter().map(|c: CompetenceId| c.0).collect(),
            regions,
            categories,
        })
    }

    async fn provider_of(
        &self,
        provider: OrgId,
    ) -> Result<guildhall_store::entities::organisation::Model> {
        let o = guildhall_store::org::find(self.db(), provider.0).await?;
        match o {
            Some(o) if OrgKind::parse(&o.kind) == Some(OrgKind::Provider) => Ok(o),
            _ => Err(Error::invalid_field("provider", "provider_unknown")),
        }
    }

    /// Drafts a new programme (version 1) for a provider organisation.
    pub async fn create_programme(
        &self,
        actor: &Actor,
        code: &str,
        provider: OrgId,
        input: ProgrammeInput,
        meta: &Meta,
    ) -> Result<ProgrammeId> {
        let prov = self.provider_of(provider).await?;
        if !policy::may_author(actor, &prov.path) {
            return Err(Error::Forbidden);
        }
        let mut p = Problems::new();
        let code = p.check("code", check_programme_code(code));
        let links = self.check_input(self.db(), &input, &mut p).await?;
        if let Some(c) = &code
            && q::find_programme_by_code(self.db(), c).await?.is_some()
        {
            p.add("code", Problem::new("code_taken"));
        }
        p.into_result()?;
        let code = code.unwrap_or_default();
        let now = self.now();
        let id = ProgrammeId::new();
        let vid = VersionId::new();
        let mut v = programme_version::Model {
            id: vid.0,
            programme_id: id.0,
            version: 1,
            state: VersionState::Draft.as_str().to_owned(),
            hours: 0,
            format: String::new(),
            delivery_language: String::new(),
            follow_up_days: 0,
            attendance_pct: 0,
            assessment_required: false,
            licence: String::new(),
            review_comment: None,
            author_id: actor.id.0,
            reviewed_by: None,
            submitted_at: None,
            reviewed_at: None,
            published_at: None,
            release_id: None,
            created_at: now,
            updated_at: now,
            title_hu: None,
            title_pl: None,
            title_ru: None,
            title_en: None,
            description_hu: None,
            description_pl: None,
            description_ru: None,
            description_en: None,
            outcomes_hu: None,
            outcomes_pl: None,
            outcomes_ru: None,
            outcomes_en: None,
            prerequisites_hu: None,
            prerequisites_pl: None,
            prerequisites_ru: None,
            prerequisites_en: None,
        };
        write_text(&mut v, &input.text);
        let tx = begin_write(self.writer()).await?;
        q::insert_programme(
            &tx,
            programme::Model {
                id: id.0,
                code: code.clone(),
                provider_id: prov.id,
                created_by: actor.id.0,
                published_version_id: None,
                latest_version: 1,
                retired_at: None,
                created_at: now,
                updated_at: now,
            },
        )
        .await
        .map_err(|e| {
            if guildhall_store::is_unique_violation(&e) {
                Error::Invalid(Problems::single("code", Problem::new("code_taken")))
            } else {
                e.into()
            }
        })?;
        q::insert_version(&tx, v).await?;
        q::set_links(&tx, vid.0, &links).await?;
        self.audit(
            &tx,
            Some(actor.id),
            meta,
            Change::new("programme.create", "programme", id)
                .scope(Some(prov.path.clone()))
                .details(json!({ "code": code, "version": vid })),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Changes a programme's text. A draft is changed in place; a published programme gets a
    /// new draft version; a version in review cannot be changed until it is returned.
    pub async fn update_programme(
        &self,
        actor: &Actor,
        id: ProgrammeId,
        input: ProgrammeInput,
        meta: &Meta,
    ) -> Result<VersionId> {
        let prog = q::find_programme(self.db(), id.0)
            .await?
            .ok_or(Error::NotFound)?;
        let prov = guildhall_store::org::find(self.db(), prog.provider_id)
            .await?
            .ok_or(Error::NotFound)?;
        if !policy::may_author(actor, &prov.path) {
            return Err(
                if policy::may_see_unpublished(actor, &prov.path)
                    || prog.published_version_id.is_some()
                {
                    Error::Forbidden
                } else {
                    Error::NotFound
                },
            );
        }
        if prog.retired_at.is_some() {
            return Err(Error::conflict("programme_retired"));
        }
        let mut p = Problems::new();
        let links = self.check_input(self.db(), &input, &mut p).await?;
        p.into_result()?;
        let now = self.now();
        let tx = begin_write(self.writer()).await?;
        let latest = q::latest_version(&tx, id.0).await?.ok_or(Error::NotFound)?;
        let state = VersionState::parse(&latest.state).unwrap_or(VersionState::Draft);
        let vid = match state {
            VersionState::Draft => {
                let mut v = latest.clone();
                write_text(&mut v, &input.text);
                v.author_id = actor.id.0;
                v.updated_at = now;
                let am = sea_orm::ActiveModelTrait::reset_all(v.into_active_model());
                q::update_version(&tx, am).await?;
                VersionId(latest.id)
            }
            VersionState::Published | VersionState::Superseded => {
                let mut v = latest.clone();
                let vid = VersionId::new();
                v.id = vid.0;
                v.version = prog.latest_version + 1;
                v.state = VersionState::Draft.as_str().to_owned();
                v.review_comment = None;
                v.reviewed_by = None;
                v.submitted_at = None;
                v.reviewed_at = None;
                v.published_at = None;
                v.release_id = None;
                v.author_id = actor.id.0;
                v.created_at = now;
                v.updated_at = now;
                write_text(&mut v, &input.text);
                q::insert_version(&tx, v).await?;
                let mut am = prog.clone().into_active_model();
                am.latest_version = Set(prog.latest_version + 1);
                am.updated_at = Set(now);
                q::update_programme(&tx, am).await?;
                vid
            }
            VersionState::Submitted | VersionState::Approved => {
                return Err(Error::conflict("version_in_review"));
            }
            VersionState::Retired => return Err(Error::conflict("programme_retired")),
        };
        q::set_links(&tx, vid.0, &links).await?;
        self.audit(
            &tx,
            Some(actor.id),
            meta,
            Change::new("programme.update", "programme", id)
                .scope(Some(prov.path.clone()))
                .details(json!({ "version": vid })),
        )
        .await?;
        tx.commit().await?;
        Ok(vid)
    }

    /// Moves a programme's current version through its lifecycle.
    pub async fn transition_programme(
        &self,
        actor: &Actor,
        id: ProgrammeId,
        t: Transition,
        comment: Option<&str>,
        meta: &Meta,
    ) -> Result<VersionState> {
        let prog = q::find_programme(self.db(), id.0)
            .await?
            .ok_or(Error::NotFound)?;
        let prov = guildhall_store::org::find(self.db(), prog.provider_id)
            .await?
            .ok_or(Error::NotFound)?;
        let allowed = match t {
            Transition::Submit => policy::may_author(actor, &prov.path),
            Transition::Approve | Transition::Return => policy::may_review(actor, &prov.path),
            Transition::Publish | Transition::Retire => policy::may_publish(actor, &prov.path),
        };
        if !allowed {
            let visible = prog.published_version_id.is_some()
                || policy::may_see_unpublished(actor, &prov.path);
            return Err(if visible {
                Error::Forbidden
            } else {
                Error::NotFound
            });
        }
        let comment = comment.map(str::trim).filter(|c| !c.is_empty());
        if t == Transition::Return && comment.is_none() {
            return Err(Error::invalid_field("comment", "comment_required"));
        }
        if let Some(c) = comment
            && c.chars().count() > 5_000
        {
            return Err(Error::Invalid(Problems::single(
                "comment",
                Problem::new("text_too_long").num("max", 5_000),
            )));
        }
        let now = self.now();
        let tx = begin_write(self.writer()).await?;
        let target = match t {
            Transition::Retire => match prog.published_version_id {
                Some(v) => q::find_version(&tx, v).await?,
                None => None,
            },
            _ => q::latest_version(&tx, id.0).await?,
        };
        let Some(v) = target else {
            return Err(Error::Conflict(
                Problem::new("transition_not_allowed")
                    .text("state", "none")
                    .text("action", t.name()),
            ));
        };
        let from = VersionState::parse(&v.state).unwrap_or(VersionState::Draft);
        let to = from.apply(t).map_err(Error::Conflict)?;
        if matches!(t, Transition::Approve | Transition::Return) && v.author_id == actor.id.0 {
            return Err(Error::refused("review_own_work"));
        }
        if t == Transition::Submit {
            // A draft saved before the rules it must meet is checked again before review.
            let links = q::links_of(&tx, &[v.id])
                .await?
                .remove(&v.id)
                .unwrap_or_default();
            let problems = text_of(&v, &links.categories).check();
            if !problems.is_empty() {
                return Err(Error::Invalid(problems));
            }
        }
        let mut am = programme_version::ActiveModel {
            state: Set(to.as_str().to_owned()),
            updated_at: Set(now),
            ..Default::default()
        };
        match t {
            Transition::Submit => am.submitted_at = Set(Some(now)),
            Transition::Approve | Transition::Return => {
                am.reviewed_by = Set(Some(actor.id.0));
                am.reviewed_at = Set(Some(now));
                am.review_comment = Set(comment.map(str::to_owned));
            }
            Transition::Publish => am.published_at = Set(Some(now)),
            Transition::Retire => {}
        }
        if !q::move_version(&tx, v.id, from.as_str(), am).await? {
            return Err(Error::Conflict(
                Problem::new("transition_not_allowed")
                    .text("state", from.as_str())
                    .text("action", t.name()),
            ));
        }
        match t {
            Transition::Publish => self.make_published(&tx, &prog, v.id, now).await?,
            Transition::Retire => {
                let mut pm = prog.clone().into_active_model();
                pm.retired_at = Set(Some(now));
                pm.updated_at = Set(now);
                q::update_programme(&tx, pm).await?;
                q::record_change(&tx, prog.id, now).await?;
            }
            _ => {}
        }
        self.audit(
            &tx,
            Some(actor.id),
            meta,
            Change::new(match t {
                Transition::Submit => "programme.submit",
                Transition::Approve => "programme.approve",
                Transition::Return => "programme.return",
                Transition::Publish => "programme.publish",
                Transition::Retire => "programme.retire",
            }, "programme", id)
            .scope(Some(prov.path.clone()))
            .details(json!({ "version": v.id, "from": from.as_str(), "to": to.as_str(), "comment": comment })),
        )
        .await?;
        tx.commit().await?;
        if matches!(t, Transition::Publish | Transition::Retire) {
            self.refresh_catalogue().await?;
        }
        Ok(to)
    }

    /// Makes `version` the programme's published one; the one before is superseded.
    async fn make_published<C: ConnectionTrait>(
        &self,
        db: &C,
        prog: &programme::Model,
        version: Uuid,
        now: DateTime<Utc>,
    ) -> Result<()> {
        if let Some(old) = prog.published_version_id.filter(|o| *o != version) {
            let am = programme_version::ActiveModel {
                state: Set(VersionState::Superseded.as_str().to_owned()),
                updated_at: Set(now),
                ..Default::default()
            };
            q::move_version(db, old, VersionState::Published.as_str(), am).await?;
        }
        let mut pm = prog.clone().into_active_model();
        pm.published_version_id = Set(Some(version));
        pm.updated_at = Set(now);
        q::update_programme(db, pm).await?;
        q::record_change(db, prog.id, now).await?;
        Ok(())
    }

    /// Views of versions: one round trip for their links, whatever their number.
    async fn version_views(
        &self,
        versions: &[&programme_version::Model],
        tree: &FrameworkTree,
        lang: Lang,
    ) -> Result<Vec<VersionView>> {
        let ids: Vec<Uuid> = versions.iter().map(|v| v.id).collect();
        let mut links = q::links_of(self.db(), &ids).await?;
        let mut region_ids: Vec<Uuid> = links.values().flat_map(|l| l.regions.clone()).collect();
        region_ids.sort();
        region_ids.dedup();
        let regions = self.region_summaries(&region_ids, lang).await?;
        Ok(versions
            .iter()
            .map(|v| {
                let links = links.remove(&v.id).unwrap_or_default();
                let mut competences: Vec<CompetenceRef> = links
                    .competences
                    .iter()
                    .filter_map(|c| tree.competences.get(&CompetenceId(*c)))
                    .map(|c| CompetenceRef {
                        key: c.key.clone(),
                        name: c.names.get(lang).to_owned(),
                        area: tree
                            .areas
                            .get(&c.area)
                            .map(|a| a.names.get(lang).to_owned())
                            .unwrap_or_default(),
                    })
                    .collect();
                competences.sort_by(|a, b| a.key.cmp(&b.key));
                let mut regions: Vec<OrgSummary> = links
                    .regions
                    .iter()
                    .filter_map(|r| regions.get(r).cloned())
                    .collect();
                regions.sort_by(|a, b| a.name.cmp(&b.name));
                VersionView {
                    id: VersionId(v.id),
                    version: v.version,
                    state: VersionState::parse(&v.state).unwrap_or(VersionState::Draft),
                    text: text_of(v, &links.categories),
                    competences,
                    regions,
                    review_comment: v.review_comment.clone(),
                    author: PersonId(v.author_id),
                    submitted_at: v.submitted_at,
                    reviewed_at: v.reviewed_at,
                    published_at: v.published_at,
                    release: v.release_id.map(ReleaseId),
                    updated_at: v.updated_at,
                }
            })
            .collect())
    }

    /// A programme as the caller may see it. Without a published version, only its
    /// provider's people and reviewers see it at all. Four round trips.
    pub async fn get_programme(
        &self,
        actor: Option<&Actor>,
        id: ProgrammeId,
        lang: Lang,
    ) -> Result<ProgrammeDetail> {
        let (prog, prov) = q::find_programme_with_provider(self.db(), id.0)
            .await?
            .ok_or(Error::NotFound)?;
        let insider = actor.is_some_and(|a| policy::may_see_unpublished(a, &prov.path));
        let public = prog.published_version_id.is_some() && prog.retired_at.is_none();
        if !insider && !public {
            return Err(Error::NotFound);
        }
        let tree = self.frameworks();
        let versions = q::versions_of(self.db(), id.0).await?;
        let published_row = prog
            .published_version_id
            .and_then(|p| versions.iter().find(|v| v.id == p));
        let latest = versions.first();
        let pending_row = latest.filter(|v| insider && Some(v.id) != prog.published_version_id);
        let wanted: Vec<&programme_version::Model> =
            published_row.into_iter().chain(pending_row).collect();
        let mut views = self.version_views(&wanted, &tree, lang).await?.into_iter();
        let published = published_row.and_then(|_| views.next());
        let pending = pending_row.and_then(|_| views.next());
        let latest_state = latest.and_then(|v| VersionState::parse(&v.state));
        let actions = match actor {
            Some(a) => ProgrammeActions {
                edit: policy::may_author(a, &prov.path)
                    && prog.retired_at.is_none()
                    && matches!(
                        latest_state,
                        Some(VersionState::Draft | VersionState::Published)
                    ),
                submit: policy::may_author(a, &prov.path)
                    && latest_state == Some(VersionState::Draft),
                review: policy::may_review(a, &prov.path)
                    && latest_state == Some(VersionState::Submitted)
                    && latest.is_some_and(|v| v.author_id != a.id.0),
                publish: policy::may_publish(a, &prov.path)
                    && latest_state == Some(VersionState::Approved),
                retire: policy::may_publish(a, &prov.path)
                    && prog.published_version_id.is_some()
                    && prog.retired_at.is_none(),
                schedule: policy::may_manage_sessions(a, &prov.path)
                    && prog.published_version_id.is_some()
                    && prog.retired_at.is_none(),
                manage_sessions: policy::may_manage_sessions(a, &prov.path),
            },
            None => ProgrammeActions::default(),
        };
        let versions = versions
            .iter()
            .filter(|v| {
                insider
                    || matches!(
                        VersionState::parse(&v.state),
                        Some(VersionState::Published | VersionState::Superseded)
                    )
            })
            .map(summary_of)
            .collect();
        Ok(ProgrammeDetail {
            id,
            code: prog.code.clone(),
            provider: OrgSummary::from_model(&prov, lang),
            published,
            pending,
            versions,
            retired: prog.retired_at.is_some(),
            actions,
        })
    }

    /// The programmes of the providers the caller writes for.
    pub async fn my_programmes(&self, actor: &Actor) -> Result<Vec<ProgrammeRow>> {
        let orgs = guildhall_store::org::all(self.db()).await?;
        let providers: Vec<Uuid> = orgs
            .iter()
            .filter(|o| {
                OrgKind::parse(&o.kind) == Some(OrgKind::Provider)
                    && policy::may_author(actor, &o.path)
            })
            .map(|o| o.id)
            .collect();
        Ok(q::programmes_of_providers(self.db(), &providers)
            .await?
            .iter()
            .map(|(p, v)| row_of(p, v, actor.lang))
            .collect())
    }

    /// Providers the caller may write programmes for.
    pub async fn authorable_providers(&self, actor: &Actor) -> Result<Vec<OrgSummary>> {
        Ok(guildhall_store::org::all(self.db())
            .await?
            .iter()
            .filter(|o| {
                OrgKind::parse(&o.kind) == Some(OrgKind::Provider)
                    && policy::may_author(actor, &o.path)
            })
            .map(|o| OrgSummary::from_model(o, actor.lang))
            .collect())
    }

    /// Versions waiting for the caller's review.
    pub async fn review_queue(&self, actor: &Actor) -> Result<Vec<ProgrammeRow>> {
        let scopes = policy::review_scopes(actor).ok_or(Error::Forbidden)?;
        let scoped =
            (!scopes.iter().any(|s| s == guildhall_domain::org::ROOT_PATH)).then_some(scopes);
        Ok(q::versions_in_state(
            self.db(),
            VersionState::Submitted.as_str(),
            scoped.as_deref(),
            500,
        )
        .await?
        .iter()
        .filter(|(v, _)| v.author_id != actor.id.0)
        .map(|(v, p)| row_of(p, v, actor.lang))
        .collect())
    }

    /// Approved versions the caller may publish, for a release.
    pub async fn publishable(&self, actor: &Actor) -> Result<Vec<ProgrammeRow>> {
        if !policy::may_release(actor) {
            return Err(Error::Forbidden);
        }
        let orgs = guildhall_store::org::all(self.db()).await?;
        let rows =
            q::versions_in_state(self.db(), VersionState::Approved.as_str(), None, 2_000).await?;
        Ok(rows
            .iter()
            .filter(|(_, p)| {
                orgs.iter()
                    .find(|o| o.id == p.provider_id)
                    .is_some_and(|o| policy::may_publish(actor, &o.path))
            })
            .map(|(v, p)| row_of(p, v, actor.lang))
            .collect())
    }

    /// Publishes several approved versions together under one name ("Spring 2027").
    pub async fn create_release(
        &self,
        actor: &Actor,
        name: &str,
        notes: &str,
        versions: &[VersionId],
        meta: &Meta,
    ) -> Result<ReleaseId> {
        if !policy::may_release(actor) {
            return Err(Error::Forbidden);
        }
        let mut p = Problems::new();
        let name = p.check("name", check_release_name(name));
        if notes.chars().count() > 5_000 {
            p.add("notes", Problem::new("text_too_long").num("max", 5_000));
        }
        if versions.is_empty() {
            p.add("versions", Problem::new("release_empty"));
        }
        p.into_result()?;
        let orgs = guildhall_store::org::all(self.db()).await?;
        let now = self.now();
        let rid = ReleaseId::new();
        let tx = begin_write(self.writer()).await?;
        q::insert_release(
            &tx,
            catalogue_release::Model {
                id: rid.0,
                name: name.clone().unwrap_or_default(),
                notes: notes.trim().to_owned(),
                published_by: actor.id.0,
                published_at: now,
            },
        )
        .await?;
        for vid in versions {
            let v = q::find_version(&tx, vid.0)
                .await?
                .ok_or_else(|| Error::invalid_field("versions", "version_unknown"))?;
            let prog = q::find_programme(&tx, v.programme_id)
                .await?
                .ok_or(Error::NotFound)?;
            let path = orgs
                .iter()
                .find(|o| o.id == prog.provider_id)
                .map(|o| o.path.clone())
                .unwrap_or_default();
            if !policy::may_publish(actor, &path) {
                return Err(Error::Forbidden);
            }
            let am = programme_version::ActiveModel {
                state: Set(VersionState::Published.as_str().to_owned()),
                published_at: Set(Some(now)),
                release_id: Set(Some(rid.0)),
                updated_at: Set(now),
                ..Default::default()
            };
            if !q::move_version(&tx, v.id, VersionState::Approved.as_str(), am).await? {
                return Err(Error::Conflict(
                    Problem::new("transition_not_allowed")
                        .text("state", v.state.clone())
                        .text("action", "publish"),
                ));
            }
            self.make_published(&tx, &prog, v.id, now).await?;
        }
        self.audit(
            &tx,
            Some(actor.id),
            meta,
            Change::new("release.publish", "release", rid)
                .details(json!({ "name": name, "versions": versions })),
        )
        .await?;
        tx.commit().await?;
        self.refresh_catalogue().await?;
        Ok(rid)
    }

    pub async fn releases(&self) -> Result<Vec<(ReleaseId, String, DateTime<Utc>)>> {
        Ok(q::releases(self.db())
            .await?
            .into_iter()
            .map(|r| (ReleaseId(r.id), r.name, r.published_at))
            .collect())
    }

    pub async fn get_release(&self, id: ReleaseId, lang: Lang) -> Result<ReleaseView> {
        let r = q::find_release(self.db(), id.0)
            .await?
            .ok_or(Error::NotFound)?;
        let rows = q::versions_of_release(self.db(), id.0).await?;
        Ok(ReleaseView {
            id,
            name: r.name,
            notes: r.notes,
            published_at: r.published_at,
            programmes: rows.iter().map(|(v, p)| row_of(p, v, lang)).collect(),
        })
    }

    /// What was published since the last release (and so is new to people who read it).
    pub fn published_since(
        &self,
        since: DateTime<Utc>,
    ) -> Vec<std::sync::Arc<guildhall_search::Doc>> {
        let mut docs: Vec<_> = self
            .search_index()
            .all()
            .into_iter()
            .filter(|d| d.published_at >= since)
            .collect();
        docs.sort_by_key(|d| std::cmp::Reverse(d.published_at));
        docs
    }
}

/// The name of an organisation in a language (used by the search index).
pub(crate) fn org_names(o: &guildhall_store::entities::organisation::Model) -> Localized {
    names_of(o)
}
