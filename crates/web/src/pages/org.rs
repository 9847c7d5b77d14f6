//! Pages for the organisation tree: the tree, one node, creating and renaming nodes.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use guildhall_app::Error;
use guildhall_app::org::{NewOrg, OrgDetail, OrgView};
use guildhall_domain::org::OrgKind;
use guildhall_domain::{Localized, OrgId};
use serde::Deserialize;

use super::identity::Choice;
use super::{Chrome, FormErrors, render, render_status, see_other};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::extract::{Id, PageForm, PageQuery};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/organisations", get(tree).post(create))
        .route("/organisations/new", get(new_form))
        .route("/organisations/{id}", get(detail).post(update))
}

/// One row of the tree.
pub struct TreeRow {
    pub id: OrgId,
    pub depth: i32,
    pub code: String,
    pub name: String,
    pub kind: String,
}

#[derive(Template)]
#[template(path = "org/tree.html")]
struct TreePage {
    c: Chrome,
    rows: Vec<TreeRow>,
    can_add_country: bool,
}

#[derive(Deserialize, Default)]
struct NoticeQuery {
    notice: Option<String>,
    parent: Option<String>,
    kind: Option<String>,
}

/// Orders the tree depth-first, so each node follows its parent.
fn depth_first(nodes: &[OrgView]) -> Vec<&OrgView> {
    fn visit<'a>(all: &'a [OrgView], parent: Option<OrgId>, out: &mut Vec<&'a OrgView>) {
        for n in all.iter().filter(|n| n.parent == parent) {
            out.push(n);
            visit(all, Some(n.id), out);
        }
    }
    let mut out = Vec::with_capacity(nodes.len());
    visit(nodes, None, &mut out);
    out
}

async fn tree(
    ctx: Ctx,
    State(st): State<AppState>,
    PageQuery(q): PageQuery<NoticeQuery>,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let all = st.app.list_orgs(a).await?;
    let c = Chrome::new(&ctx, "orgs-title", "orgs").notice(q.notice.as_deref());
    let rows = depth_first(&all)
        .into_iter()
        .map(|o| TreeRow {
            id: o.id,
            depth: o.depth,
            code: o.code.clone(),
            name: o.names.get(ctx.lang).to_owned(),
            kind: c.tr.org_kind(o.kind),
        })
        .collect();
    Ok(render(&TreePage {
        c,
        rows,
        can_add_country: a.is_platform_admin(),
    }))
}

#[derive(Deserialize, Default)]
struct OrgForm {
    #[serde(default)]
    parent: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    name_hu: String,
    #[serde(default)]
    name_pl: String,
    #[serde(default)]
    name_ru: String,
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    time_zone: String,
}

impl OrgForm {
    fn names(&self) -> Localized {
        Localized::new(
            Some(self.name_hu.clone()),
            Some(self.name_pl.clone()),
            Some(self.name_ru.clone()),
            Some(self.name_en.clone()),
        )
    }
}

#[derive(Template)]
#[template(path = "org/new.html")]
struct NewPage {
    c: Chrome,
    form: OrgForm,
    parent_name: Option<String>,
    kinds: Vec<Choice>,
    errors: FormErrors,
}

async fn new_page(
    ctx: &Ctx,
    st: &AppState,
    form: OrgForm,
    errors: FormErrors,
    status: StatusCode,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let c = Chrome::new(ctx, "org-new-title", "orgs");
    let (parent_name, kinds) = match form.parent.parse::<OrgId>() {
        Ok(pid) => {
            let d = st.app.get_org(a, pid).await?;
            let kinds = d
                .creatable_children
                .iter()
                .map(|k| Choice {
                    value: k.as_str().to_owned(),
                    label: c.tr.org_kind(*k),
                })
                .collect();
            (
                Some(format!("{} ({})", d.org.names.get(ctx.lang), d.org.code)),
                kinds,
            )
        }
        Err(_) => {
            if !a.is_platform_admin() {
                return Err(PageError(Error::Forbidden));
            }
            (
                None,
                vec![Choice {
                    value: OrgKind::Country.as_str().to_owned(),
                    label: c.tr.org_kind(OrgKind::Country),
                }],
            )
        }
    };
    if kinds.is_empty() {
        return Err(PageError(Error::Forbidden));
    }
    Ok(render_status(
        status,
        &NewPage {
            c,
            form,
            parent_name,
            kinds,
            errors,
        },
    ))
}

async fn new_form(
    ctx: Ctx,
    State(st): State<AppState>,
    PageQuery(q): PageQuery<NoticeQuery>,
) -> Result<Response, PageError> {
    let form = OrgForm {
        parent: q.parent.unwrap_or_default(),
        kind: q.kind.unwrap_or_default(),
        ..Default::default()
    };
    new_page(&ctx, &st, form, FormErrors::default(), StatusCode::OK).await
}

async fn create(
    ctx: Ctx,
    State(st): State<AppState>,
    PageForm(f): PageForm<OrgForm>,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let parent = match f.parent.trim() {
        "" => None,
        p => match p.parse() {
            Ok(id) => Some(id),
            Err(_) => return Err(PageError(Error::NotFound)),
        },
    };
    let input = NewOrg {
        parent,
        kind: f.kind.clone(),
        code: f.code.clone(),
        names: f.names(),
        time_zone: Some(f.time_zone.clone()),
    };
    match st.app.create_org(a, input, &ctx.meta).await {
        Ok(id) => Ok(see_other(&format!(
            "/organisations/{id}?notice=org-created"
        ))),
        Err(e) => {
            let status = crate::error::status_of(&e);
            let errors = FormErrors::from_error(&e, ctx.lang).ok_or(PageError(e))?;
            new_page(&ctx, &st, f, errors, status).await
        }
    }
}

#[derive(Template)]
#[template(path = "org/detail.html")]
struct DetailPage {
    c: Chrome,
    d: OrgDetail,
    kind: String,
    form: OrgForm,
    errors: FormErrors,
    add: Vec<Choice>,
}

async fn detail_page(
    ctx: &Ctx,
    st: &AppState,
    id: OrgId,
    form: Option<OrgForm>,
    errors: FormErrors,
    notice: Option<&str>,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let d = st.app.get_org(a, id).await?;
    let c = Chrome::titled(ctx, d.org.names.get(ctx.lang).to_owned(), "orgs").notice(notice);
    let form = form.unwrap_or_else(|| OrgForm {
        code: d.org.code.clone(),
        name_hu: d.org.names.hu.clone().unwrap_or_default(),
        name_pl: d.org.names.pl.clone().unwrap_or_default(),
        name_ru: d.org.names.ru.clone().unwrap_or_default(),
        name_en: d.org.names.en.clone().unwrap_or_default(),
        ..Default::default()
    });
    let add = d
        .creatable_children
        .iter()
        .map(|k| Choice {
            value: k.as_str().to_owned(),
            label: c.tr.org_kind(*k),
        })
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(render_status(
        status,
        &DetailPage {
            kind: c.tr.org_kind(d.org.kind),
            c,
            d,
            form,
            errors,
            add,
        },
    ))
}

async fn detail(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<OrgId>,
    PageQuery(q): PageQuery<NoticeQuery>,
) -> Result<Response, PageError> {
    detail_page(
        &ctx,
        &st,
        id,
        None,
        FormErrors::default(),
        q.notice.as_deref(),
    )
    .await
}

async fn update(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<OrgId>,
    PageForm(f): PageForm<OrgForm>,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    match st
        .app
        .update_org(a, id, &f.code, f.names(), &ctx.meta)
        .await
    {
        Ok(_) => Ok(see_other(&format!("/organisations/{id}?notice=saved"))),
        Err(e) => {
            let errors = FormErrors::from_error(&e, ctx.lang).ok_or(PageError(e))?;
            detail_page(&ctx, &st, id, Some(f), errors, None).await
        }
    }
}
