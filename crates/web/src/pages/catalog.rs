//! Catalogue pages: search, programmes and their workflow, the provider's and reviewer's
//! lists, frameworks and their import, releases.

use askama::Template;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use guildhall_app::catalog::index::{FacetValue, SearchItem, SearchPage};
use guildhall_app::catalog::{
    FrameworkTree, ProgrammeDetail, ProgrammeInput, ProgrammeRow, ReleaseView, VersionView,
};
use guildhall_app::org::OrgSummary;
use guildhall_app::{Error, policy};
use guildhall_domain::catalog::{Format, Licence, ProgrammeText, Transition};
use guildhall_domain::identity::LearnerCategory;
use guildhall_domain::{Lang, Localized, OrgId, ProgrammeId, ReleaseId, VersionId};
use serde::Deserialize;

use super::identity::{Choice, Pager};
use super::{Chrome, FormErrors, render, render_status, see_other};
use crate::AppState;
use crate::api::catalog::SearchQuery;
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::extract::{Id, PageForm, PageQuery};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/catalogue", get(search))
        .route("/catalogue/releases", get(releases).post(create_release))
        .route("/catalogue/releases/new", get(new_release))
        .route("/catalogue/releases/{id}", get(release))
        .route("/programmes", post(create))
        .route("/programmes/new", get(new_form))
        .route("/programmes/mine", get(mine))
        .route("/programmes/{id}", get(programme))
        .route("/programmes/{id}/edit", get(edit_form).post(edit))
        .route("/programmes/{id}/{action}", post(act))
        .route("/reviews", get(reviews))
        .route("/frameworks", get(frameworks))
        .route(
            "/frameworks/import",
            get(import_form)
                .post(import)
                .route_layer(DefaultBodyLimit::max(16 * 1024 * 1024)),
        )
}

// ---- search ----

/// A facet as the page shows it: a fieldset of checkboxes.
pub struct FacetView {
    pub name: &'static str,
    pub legend: String,
    pub values: Vec<FacetValue>,
}

#[derive(Template)]
#[template(path = "catalog/search.html")]
struct SearchPageT {
    c: Chrome,
    q: SearchQuery,
    page: SearchPage,
    facets: Vec<FacetView>,
    pager: Pager,
    sort: String,
}

/// Keeps chosen values visible even when no result has them, so they can be unchosen.
fn with_selected(mut values: Vec<FacetValue>, chosen: &[String]) -> Vec<FacetValue> {
    for c in chosen {
        if !values.iter().any(|v| v.value.eq_ignore_ascii_case(c)) {
            values.push(FacetValue {
                value: c.clone(),
                label: c.clone(),
                count: 0,
                selected: true,
            });
        }
    }
    values
}

fn split(v: &[String]) -> Vec<String> {
    v.iter()
        .flat_map(|s| s.split(','))
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The search URL with these parameters and no page number, ending in `&`.
fn search_base(q: &SearchQuery) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    if let Some(t) = q.q.as_deref().filter(|t| !t.is_empty()) {
        s.append_pair("q", t);
    }
    for (k, vs) in [
        ("competence", &q.competence),
        ("area", &q.area),
        ("format", &q.format),
        ("region", &q.region),
        ("category", &q.category),
        ("lang", &q.lang),
    ] {
        for v in split(vs) {
            s.append_pair(k, &v);
        }
    }
    for (k, v) in [("hours_min", q.hours_min), ("hours_max", q.hours_max)] {
        if let Some(v) = v {
            s.append_pair(k, &v.to_string());
        }
    }
    if q.free_seats == Some(true) {
        s.append_pair("free_seats", "true");
    }
    for (k, v) in [("starts_from", q.starts_from), ("starts_to", q.starts_to)] {
        if let Some(v) = v {
            s.append_pair(k, &v.to_string());
        }
    }
    if let Some(sort) = q.sort.as_deref().filter(|s| !s.is_empty()) {
        s.append_pair("sort", sort);
    }
    let qs = s.finish();
    if qs.is_empty() {
        "/catalogue?".into()
    } else {
        format!("/catalogue?{qs}&")
    }
}

async fn search(
    ctx: Ctx,
    State(st): State<AppState>,
    PageQuery(q): PageQuery<SearchQuery>,
) -> Response {
    let c = Chrome::new(&ctx, "catalogue-title", "catalogue");
    let req = q.request();
    let page = match st.app.search(&req, ctx.lang).await {
        Ok(p) => p,
        Err(e) => return PageError(e).into_response(),
    };
    let tr = c.tr;
    let label_format = |mut v: Vec<FacetValue>| {
        for f in &mut v {
            f.label = tr.named("format", &f.value);
        }
        v
    };
    let label_category = |mut v: Vec<FacetValue>| {
        for f in &mut v {
            f.label = tr.named("category", &f.value);
        }
        v
    };
    let f = &page.facets;
    let facets = vec![
        FacetView {
            name: "format",
            legend: tr.t("field-format"),
            values: label_format(with_selected(f.formats.clone(), &req.formats)),
        },
        FacetView {
            name: "area",
            legend: tr.t("field-area"),
            values: with_selected(f.areas.clone(), &req.areas),
        },
        FacetView {
            name: "competence",
            legend: tr.t("field-competences"),
            values: with_selected(f.competences.clone(), &req.competences),
        },
        FacetView {
            name: "region",
            legend: tr.t("field-region"),
            values: with_selected(f.regions.clone(), &req.regions),
        },
        FacetView {
            name: "category",
            legend: tr.t("field-categories"),
            values: label_category(with_selected(f.categories.clone(), &req.categories)),
        },
        FacetView {
            name: "lang",
            legend: tr.t("field-delivery-language"),
            values: with_selected(f.langs.clone(), &req.langs),
        },
    ];
    let as_page: guildhall_store::Page<()> = guildhall_store::Page {
        items: Vec::new(),
        total: page.total,
        page: page.page,
        per_page: page.per_page,
    };
    let pager = Pager::new(&as_page, &search_base(&q));
    let sort = q.sort.clone().unwrap_or_default();
    render(&SearchPageT {
        c,
        q,
        page,
        facets,
        pager,
        sort,
    })
}

// ---- one programme ----

#[derive(Template)]
#[template(path = "catalog/programme.html")]
struct ProgrammePage {
    c: Chrome,
    d: ProgrammeDetail,
    /// The version shown as the programme: the published one, else the pending one.
    v: Option<VersionView>,
    sessions: Vec<crate::pages::sessions::SessionRow>,
    can_schedule: bool,
}

#[derive(Deserialize, Default)]
struct NoticeQuery {
    notice: Option<String>,
}

async fn programme(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<ProgrammeId>,
    PageQuery(q): PageQuery<NoticeQuery>,
) -> Result<Response, PageError> {
    let d = st.app.get_programme(ctx.actor(), id, ctx.lang).await?;
    let v = d.published.clone().or_else(|| d.pending.clone());
    let title = v
        .as_ref()
        .map(|v| v.text.title.get(ctx.lang).to_owned())
        .unwrap_or_else(|| d.code.clone());
    let c = Chrome::titled(&ctx, title, "catalogue").notice(q.notice.as_deref());
    let sessions = crate::pages::sessions::rows_for_programme(&st, &d).await?;
    let can_schedule = d.actions.schedule;
    Ok(render(&ProgrammePage {
        c,
        d,
        v,
        sessions,
        can_schedule,
    }))
}

#[derive(Deserialize, Default)]
struct ActionForm {
    comment: Option<String>,
}

async fn act(
    ctx: Ctx,
    State(st): State<AppState>,
    axum::extract::Path((id, action)): axum::extract::Path<(String, String)>,
    PageForm(f): PageForm<ActionForm>,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let id: ProgrammeId = id.parse().map_err(|_| PageError(Error::NotFound))?;
    let t = match action.as_str() {
        "submit" => Transition::Submit,
        "approve" => Transition::Approve,
        "return" => Transition::Return,
        "publish" => Transition::Publish,
        "retire" => Transition::Retire,
        _ => return Err(PageError(Error::NotFound)),
    };
    match st
        .app
        .transition_programme(a, id, t, f.comment.as_deref(), &ctx.meta)
        .await
    {
        Ok(_) => Ok(see_other(&format!(
            "/programmes/{id}?notice=programme-{action}"
        ))),
        Err(e @ (Error::Invalid(_) | Error::Conflict(_) | Error::Refused(_))) => {
            let status = crate::error::status_of(&e);
            let d = st.app.get_programme(Some(a), id, ctx.lang).await?;
            let v = d.published.clone().or_else(|| d.pending.clone());
            let title = v
                .as_ref()
                .map(|v| v.text.title.get(ctx.lang).to_owned())
                .unwrap_or_else(|| d.code.clone());
            let mut c = Chrome::titled(&ctx, title, "catalogue");
            c.notice = Some(crate::error::message(&e, ctx.lang));
            if let Error::Invalid(ps) = &e {
                let details: Vec<String> =
                    ps.0.iter()
                        .map(|fp| {
                            format!(
                                "{}: {}",
                                fp.field,
                                guildhall_i18n::problem(ctx.lang, &fp.problem)
                            )
                        })
                        .collect();
                c.notice = Some(format!(
                    "{} {}",
                    crate::error::message(&e, ctx.lang),
                    details.join("; ")
                ));
            }
            let sessions = crate::pages::sessions::rows_for_programme(&st, &d).await?;
            let can_schedule = d.actions.schedule;
            Ok(render_status(
                status,
                &ProgrammePage {
                    c,
                    d,
                    v,
                    sessions,
                    can_schedule,
                },
            ))
        }
        Err(e) => Err(PageError(e)),
    }
}

// ---- the programme form ----

#[derive(Deserialize, Default, Clone)]
pub struct ProgrammeForm {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub provider: String,
    #[serde(default)]
    pub title_hu: String,
    #[serde(default)]
    pub title_pl: String,
    #[serde(default)]
    pub title_ru: String,
    #[serde(default)]
    pub title_en: String,
    #[serde(default)]
    pub description_hu: String,
    #[serde(default)]
    pub description_pl: String,
    #[serde(default)]
    pub description_ru: String,
    #[serde(default)]
    pub description_en: String,
    #[serde(default)]
    pub outcomes_hu: String,
    #[serde(default)]
    pub outcomes_pl: String,
    #[serde(default)]
    pub outcomes_ru: String,
    #[serde(default)]
    pub outcomes_en: String,
    #[serde(default)]
    pub prerequisites_hu: String,
    #[serde(default)]
    pub prerequisites_pl: String,
    #[serde(default)]
    pub prerequisites_ru: String,
    #[serde(default)]
    pub prerequisites_en: String,
    #[serde(default)]
    pub hours: String,
    #[serde(default)]
    pub format: String,
    #[serde(default)]
    pub delivery_language: String,
    #[serde(default)]
    pub category: Vec<String>,
    #[serde(default)]
    pub competence: Vec<String>,
    #[serde(default)]
    pub region: Vec<String>,
    #[serde(default)]
    pub follow_up_days: String,
    #[serde(default)]
    pub attendance_pct: String,
    #[serde(default)]
    pub assessment_required: Option<String>,
    #[serde(default)]
    pub licence: String,
}

/// One language's text fields in the form.
pub struct LangFields {
    pub code: &'static str,
    pub name: &'static str,
    pub title: String,
    pub description: String,
    pub outcomes: String,
    pub prerequisites: String,
}

impl ProgrammeForm {
    fn from_text(t: &ProgrammeText, competences: Vec<String>, regions: Vec<String>) -> Self {
        let g = |l: &Localized, lang: Lang| l.exact(lang).unwrap_or("").to_owned();
        ProgrammeForm {
            title_hu: g(&t.title, Lang::Hu),
            title_pl: g(&t.title, Lang::Pl),
            title_ru: g(&t.title, Lang::Ru),
            title_en: g(&t.title, Lang::En),
            description_hu: g(&t.description, Lang::Hu),
            description_pl: g(&t.description, Lang::Pl),
            description_ru: g(&t.description, Lang::Ru),
            description_en: g(&t.description, Lang::En),
            outcomes_hu: g(&t.outcomes, Lang::Hu),
            outcomes_pl: g(&t.outcomes, Lang::Pl),
            outcomes_ru: g(&t.outcomes, Lang::Ru),
            outcomes_en: g(&t.outcomes, Lang::En),
            prerequisites_hu: g(&t.prerequisites, Lang::Hu),
            prerequisites_pl: g(&t.prerequisites, Lang::Pl),
            prerequisites_ru: g(&t.prerequisites, Lang::Ru),
            prerequisites_en: g(&t.prerequisites, Lang::En),
            hours: t.hours.to_string(),
            format: t.format.map_or("", Format::as_str).to_owned(),
            delivery_language: t.delivery_lang.map_or("", Lang::code).to_owned(),
            category: t.categories.iter().map(|c| c.as_str().to_owned()).collect(),
            competence: competences,
            region: regions,
            follow_up_days: t.follow_up_days.to_string(),
            attendance_pct: t.attendance_pct.to_string(),
            assessment_required: t.assessment_required.then(|| "on".to_owned()),
            licence: t.licence.map_or("", Licence::as_str).to_owned(),
            ..Default::default()
        }
    }

    fn blank(lang: Lang) -> Self {
        ProgrammeForm {
            follow_up_days: "30".into(),
            attendance_pct: "80".into(),
            delivery_language: lang.code().into(),
            licence: Licence::EducationalAttribution.as_str().into(),
            ..Default::default()
        }
    }

    pub fn langs(&self) -> Vec<LangFields> {
        let f = |code, name, t: &str, d: &str, o: &str, p: &str| LangFields {
            code,
            name,
            title: t.into(),
            description: d.into(),
            outcomes: o.into(),
            prerequisites: p.into(),
        };
        vec![
            f(
                "hu",
                "Magyar",
                &self.title_hu,
                &self.description_hu,
                &self.outcomes_hu,
                &self.prerequisites_hu,
            ),
            f(
                "pl",
                "Polski",
                &self.title_pl,
                &self.description_pl,
                &self.outcomes_pl,
                &self.prerequisites_pl,
            ),
            f(
                "ru",
                "Русский",
                &self.title_ru,
                &self.description_ru,
                &self.outcomes_ru,
                &self.prerequisites_ru,
            ),
            f(
                "en",
                "English",
                &self.title_en,
                &self.description_en,
                &self.outcomes_en,
                &self.prerequisites_en,
            ),
        ]
    }

    pub fn has(&self, list: &str, value: &str) -> bool {
        let l = match list {
            "category" => &self.category,
            "competence" => &self.competence,
            _ => &self.region,
        };
        l.iter().any(|v| v == value)
    }

    fn input(&self) -> ProgrammeInput {
        let l = |hu: &str, pl: &str, ru: &str, en: &str| {
            Localized::new(
                Some(hu.into()),
                Some(pl.into()),
                Some(ru.into()),
                Some(en.into()),
            )
        };
        let num = |s: &str, default: i32| {
            if s.trim().is_empty() {
                default
            } else {
                s.trim().parse().unwrap_or(i32::MIN)
            }
        };
        ProgrammeInput {
            text: ProgrammeText {
                title: l(
                    &self.title_hu,
                    &self.title_pl,
                    &self.title_ru,
                    &self.title_en,
                ),
                description: l(
                    &self.description_hu,
                    &self.description_pl,
                    &self.description_ru,
                    &self.description_en,
                ),
                outcomes: l(
                    &self.outcomes_hu,
                    &self.outcomes_pl,
                    &self.outcomes_ru,
                    &self.outcomes_en,
                ),
                prerequisites: l(
                    &self.prerequisites_hu,
                    &self.prerequisites_pl,
                    &self.prerequisites_ru,
                    &self.prerequisites_en,
                ),
                hours: num(&self.hours, 0),
                format: Format::parse(&self.format),
                delivery_lang: Lang::parse(&self.delivery_language),
                categories: self
                    .category
                    .iter()
                    .filter_map(|c| LearnerCategory::parse(c))
                    .collect(),
                follow_up_days: num(&self.follow_up_days, 30),
                attendance_pct: num(&self.attendance_pct, 80),
                assessment_required: self.assessment_required.is_some(),
                licence: Licence::parse(&self.licence),
            },
            competences: self.competence.clone(),
            regions: self.region.iter().filter_map(|r| r.parse().ok()).collect(),
        }
    }
}

/// Competences grouped for the form: framework, area, competences.
pub struct CompetenceGroup {
    pub legend: String,
    pub items: Vec<Choice>,
}

fn competence_groups(tree: &FrameworkTree, lang: Lang) -> Vec<CompetenceGroup> {
    let mut out = Vec::new();
    for f in &tree.frameworks {
        for a in f.areas.iter().filter_map(|a| tree.areas.get(a)) {
            out.push(CompetenceGroup {
                legend: format!("{} — {}", f.code, a.names.get(lang)),
                items: a
                    .competences
                    .iter()
                    .filter_map(|c| tree.competences.get(c))
                    .map(|c| Choice {
                        value: c.key.clone(),
                        label: format!("{} {}", c.code, c.names.get(lang)),
                    })
                    .collect(),
            });
        }
    }
    out
}

#[derive(Template)]
#[template(path = "catalog/form.html")]
struct FormPage {
    c: Chrome,
    form: ProgrammeForm,
    errors: FormErrors,
    /// `None` when creating.
    editing: Option<ProgrammeId>,
    providers: Vec<Choice>,
    formats: Vec<Choice>,
    licences: Vec<Choice>,
    categories: Vec<Choice>,
    competences: Vec<CompetenceGroup>,
    regions: Vec<Choice>,
}

async fn form_page(
    ctx: &Ctx,
    st: &AppState,
    form: ProgrammeForm,
    errors: FormErrors,
    editing: Option<ProgrammeId>,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let providers = st.app.authorable_providers(a).await?;
    if providers.is_empty() {
        return Err(PageError(Error::Forbidden));
    }
    let c = Chrome::new(
        ctx,
        if editing.is_some() {
            "programme-edit-title"
        } else {
            "programme-new-title"
        },
        "mine",
    );
    let tree = (*st.app.frameworks()).clone();
    let regions: Vec<OrgSummary> = st.app.regions(ctx.lang).await?;
    let page = FormPage {
        providers: providers
            .iter()
            .map(|p| Choice {
                value: p.id.to_string(),
                label: p.name.clone(),
            })
            .collect(),
        formats: Format::ALL
            .iter()
            .map(|f| Choice {
                value: f.as_str().into(),
                label: c.tr.named("format", f.as_str()),
            })
            .collect(),
        licences: Licence::ALL
            .iter()
            .map(|l| Choice {
                value: l.as_str().into(),
                label: c.tr.named("licence", l.as_str()),
            })
            .collect(),
        categories: LearnerCategory::ALL
            .iter()
            .map(|k| Choice {
                value: k.as_str().into(),
                label: c.tr.category(*k),
            })
            .collect(),
        competences: competence_groups(&tree, ctx.lang),
        regions: regions
            .iter()
            .map(|r| Choice {
                value: r.id.to_string(),
                label: format!("{} ({})", r.name, r.code),
            })
            .collect(),
        c,
        form,
        editing,
        errors,
    };
    let status = if page.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(render_status(status, &page))
}

async fn new_form(ctx: Ctx, State(st): State<AppState>) -> Result<Response, PageError> {
    let mut form = ProgrammeForm::blank(ctx.lang);
    form.category = vec![LearnerCategory::Instructor.as_str().to_owned()];
    form_page(&ctx, &st, form, FormErrors::default(), None).await
}

async fn create(
    ctx: Ctx,
    State(st): State<AppState>,
    PageForm(f): PageForm<ProgrammeForm>,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let provider: OrgId = match f.provider.parse() {
        Ok(p) => p,
        Err(_) => {
            let errors = FormErrors::from_error(
                &Error::invalid_field("provider", "provider_unknown"),
                ctx.lang,
            )
            .unwrap_or_default();
            return form_page(&ctx, &st, f, errors, None).await;
        }
    };
    match st
        .app
        .create_programme(a, &f.code, provider, f.input(), &ctx.meta)
        .await
    {
        Ok(id) => Ok(see_other(&format!(
            "/programmes/{id}?notice=programme-created"
        ))),
        Err(e) => {
            let errors = FormErrors::from_error(&e, ctx.lang).ok_or(PageError(e))?;
            form_page(&ctx, &st, f, errors, None).await
        }
    }
}

async fn edit_form(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<ProgrammeId>,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let d = st.app.get_programme(Some(a), id, ctx.lang).await?;
    if !d.actions.edit {
        return Err(PageError(Error::Forbidden));
    }
    let v = d
        .pending
        .as_ref()
        .or(d.published.as_ref())
        .ok_or(PageError(Error::NotFound))?;
    let mut form = ProgrammeForm::from_text(
        &v.text,
        v.competences.iter().map(|c| c.key.clone()).collect(),
        v.regions.iter().map(|r| r.id.to_string()).collect(),
    );
    form.code = d.code.clone();
    form.provider = d.provider.id.to_string();
    form_page(&ctx, &st, form, FormErrors::default(), Some(id)).await
}

async fn edit(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<ProgrammeId>,
    PageForm(f): PageForm<ProgrammeForm>,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    match st.app.update_programme(a, id, f.input(), &ctx.meta).await {
        Ok(_) => Ok(see_other(&format!("/programmes/{id}?notice=saved"))),
        Err(e) => {
            let errors = FormErrors::from_error(&e, ctx.lang).ok_or(PageError(e))?;
            form_page(&ctx, &st, f, errors, Some(id)).await
        }
    }
}

// ---- working lists ----

#[derive(Template)]
#[template(path = "catalog/list.html")]
struct ListPage {
    c: Chrome,
    rows: Vec<ProgrammeRow>,
    can_create: bool,
    lead: String,
}

async fn mine(ctx: Ctx, State(st): State<AppState>) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let rows = st.app.my_programmes(a).await?;
    let can_create = !st.app.authorable_providers(a).await?.is_empty();
    if !can_create {
        return Err(PageError(Error::Forbidden));
    }
    let c = Chrome::new(&ctx, "mine-title", "mine");
    let lead = c.tr.t("mine-lead");
    Ok(render(&ListPage {
        c,
        rows,
        can_create,
        lead,
    }))
}

async fn reviews(ctx: Ctx, State(st): State<AppState>) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let rows = st.app.review_queue(a).await?;
    let c = Chrome::new(&ctx, "reviews-title", "reviews");
    let lead = c.tr.t("reviews-lead");
    Ok(render(&ListPage {
        c,
        rows,
        can_create: false,
        lead,
    }))
}

// ---- frameworks ----

#[derive(Template)]
#[template(path = "catalog/frameworks.html")]
struct FrameworksPage {
    c: Chrome,
    tree: FrameworkTree,
    can_import: bool,
}

/// A code and its name in the reader's language.
type Named = (String, String);

impl FrameworksPage {
    fn areas(
        &self,
        f: &guildhall_app::catalog::frameworks::FrameworkInfo,
    ) -> Vec<(String, String, Vec<Named>)> {
        let lang = self.c.lang;
        f.areas
            .iter()
            .filter_map(|a| self.tree.areas.get(a))
            .map(|a| {
                let comps = a
                    .competences
                    .iter()
                    .filter_map(|c| self.tree.competences.get(c))
                    .map(|c| (c.key.clone(), c.names.get(lang).to_owned()))
                    .collect();
                (a.key.clone(), a.names.get(lang).to_owned(), comps)
            })
            .collect()
    }
}

async fn frameworks(ctx: Ctx, State(st): State<AppState>) -> Result<Response, PageError> {
    let tree = (*st.app.frameworks()).clone();
    let can_import = ctx.actor().is_some_and(policy::may_manage_frameworks);
    Ok(render(&FrameworksPage {
        c: Chrome::new(&ctx, "frameworks-title", "frameworks"),
        tree,
        can_import,
    }))
}

#[derive(Template)]
#[template(path = "catalog/import.html")]
struct ImportPage {
    c: Chrome,
    errors: FormErrors,
    csv: String,
}

async fn import_form(ctx: Ctx) -> Result<Response, PageError> {
    let a = ctx.require()?;
    if !policy::may_manage_frameworks(a) {
        return Err(PageError(Error::Forbidden));
    }
    Ok(render(&ImportPage {
        c: Chrome::new(&ctx, "import-title", "frameworks"),
        errors: FormErrors::default(),
        csv: String::new(),
    }))
}

async fn import(
    ctx: Ctx,
    State(st): State<AppState>,
    mut multipart: Multipart,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let mut csv = String::new();
    while let Ok(Some(field)) = multipart.next_field().await {
        let name = field.name().unwrap_or("").to_owned();
        let bytes = field
            .bytes()
            .await
            .map_err(|_| PageError(Error::refused("payload_too_large")))?;
        let text = String::from_utf8(bytes.to_vec())
            .map_err(|_| PageError(Error::invalid_field("csv", "csv_unreadable")))?;
        if (name == "file" && !text.trim().is_empty()) || (name == "csv" && csv.trim().is_empty()) {
            csv = text;
        }
    }
    match st.app.import_framework(a, &csv, &ctx.meta).await {
        Ok(r) => Ok(see_other(&format!(
            "/frameworks?notice=framework-imported#{}",
            r.code
        ))),
        Err(e) => {
            let status = crate::error::status_of(&e);
            let errors = FormErrors::from_error(&e, ctx.lang).ok_or(PageError(e))?;
            Ok(render_status(
                status,
                &ImportPage {
                    c: Chrome::new(&ctx, "import-title", "frameworks"),
                    errors,
                    csv,
                },
            ))
        }
    }
}

// ---- releases ----

#[derive(Template)]
#[template(path = "catalog/releases.html")]
struct ReleasesPage {
    c: Chrome,
    releases: Vec<(ReleaseId, String, chrono::DateTime<chrono::Utc>)>,
    fresh: Vec<SearchItem>,
    can_release: bool,
}

async fn releases(
    ctx: Ctx,
    State(st): State<AppState>,
    PageQuery(q): PageQuery<NoticeQuery>,
) -> Result<Response, PageError> {
    let releases = st.app.releases().await?;
    let since = releases.first().map(|r| r.2).unwrap_or_default();
    let fresh = st
        .app
        .published_since(since)
        .into_iter()
        .take(100)
        .map(|d| SearchItem {
            id: ProgrammeId(d.programme),
            version: VersionId(d.version),
            code: d.code.clone(),
            title: d.title.get(ctx.lang).to_owned(),
            summary: d.summary.get(ctx.lang).to_owned(),
            hours: d.hours,
            format: d.format,
            lang: d.lang,
            competences: Vec::new(),
            provider: d.provider_name.get(ctx.lang).to_owned(),
            published_at: d.published_at,
            new: true,
        })
        .collect();
    let can_release = ctx.actor().is_some_and(policy::may_release);
    Ok(render(&ReleasesPage {
        c: Chrome::new(&ctx, "releases-title", "catalogue").notice(q.notice.as_deref()),
        releases,
        fresh,
        can_release,
    }))
}

#[derive(Template)]
#[template(path = "catalog/release.html")]
struct ReleasePage {
    c: Chrome,
    r: ReleaseView,
}

async fn release(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<ReleaseId>,
) -> Result<Response, PageError> {
    let r = st.app.get_release(id, ctx.lang).await?;
    Ok(render(&ReleasePage {
        c: Chrome::titled(&ctx, r.name.clone(), "catalogue"),
        r,
    }))
}

#[derive(Template)]
#[template(path = "catalog/release_new.html")]
struct NewReleasePage {
    c: Chrome,
    rows: Vec<ProgrammeRow>,
    errors: FormErrors,
    release_name: String,
    notes: String,
}

async fn new_release(ctx: Ctx, State(st): State<AppState>) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let rows = st.app.publishable(a).await?;
    Ok(render(&NewReleasePage {
        c: Chrome::new(&ctx, "release-new-title", "catalogue"),
        rows,
        errors: FormErrors::default(),
        release_name: String::new(),
        notes: String::new(),
    }))
}

#[derive(Deserialize, Default)]
struct ReleaseForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    version: Vec<String>,
}

async fn create_release(
    ctx: Ctx,
    State(st): State<AppState>,
    PageForm(f): PageForm<ReleaseForm>,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let versions: Vec<VersionId> = f.version.iter().filter_map(|v| v.parse().ok()).collect();
    match st
        .app
        .create_release(a, &f.name, &f.notes, &versions, &ctx.meta)
        .await
    {
        Ok(id) => Ok(see_other(&format!("/catalogue/releases/{id}"))),
        Err(e) => {
            let status = crate::error::status_of(&e);
            let errors = FormErrors::from_error(&e, ctx.lang).ok_or(PageError(e))?;
            let rows = st.app.publishable(a).await?;
            Ok(render_status(
                status,
                &NewReleasePage {
                    c: Chrome::new(&ctx, "release-new-title", "catalogue"),
                    rows,
                    errors,
                    release_name: f.name,
                    notes: f.notes,
                },
            ))
        }
    }
}
