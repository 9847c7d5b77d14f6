//! Compliance pages: a person's standing against the rules that cover them, with what to
//! take next; an organisation's figures with everyone's line, filtered and sorted on the
//! server, and the same list as CSV.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::collections::HashMap;

use chrono::NaiveDate;
use guildhall_app::compliance::{OrgCompliance, PersonCompliance, StaffLine, Standing};
use guildhall_app::ledger::format_hours;
use guildhall_domain::compliance::{Counted, Gap};
use guildhall_domain::{OrgId, PersonId};
use guildhall_store::{Page, PageRequest};
use serde::Deserialize;

use super::identity::{Pager, list_base};
use super::{Chrome, render};
use crate::AppState;
use crate::chart::{Bar, stacked_shares};
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::extract::{Id, PageQuery};
use crate::xlsx::{Cell, Sheet};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/compliance", get(mine))
        .route("/people/{id}/compliance", get(person))
        .route("/organisations/{id}/compliance", get(organisation))
        .route("/organisations/{id}/compliance.csv", get(organisation_csv))
        .route(
            "/organisations/{id}/compliance.xlsx",
            get(organisation_xlsx),
        )
}

#[derive(Template)]
#[template(path = "compliance/person.html")]
struct PersonPage {
    c: Chrome,
    p: PersonCompliance,
    /// The caller's own recognitions, on their own page.
    recognitions: Vec<guildhall_store::entities::recognition::Model>,
    own: bool,
}

impl PersonPage {
    fn hours(&self, minutes: &i64) -> String {
        format_hours(*minutes)
    }

    fn hours32(&self, minutes: &i32) -> String {
        format_hours(i64::from(*minutes))
    }

    fn day(&self, d: &NaiveDate) -> String {
        super::date(self.c.lang, d)
    }

    fn gap(&self, g: &Gap) -> String {
        let what = match &g.counted {
            Counted::Source(s) => self.c.tr.named("ledger-source", s),
            Counted::Area(a) => a.clone(),
        };
        self.c.tr.t1("compliance-gap-of", "what", what.as_str())
    }
}

#[derive(Deserialize, Default)]
struct NoticeQuery {
    notice: Option<String>,
}

async fn mine(
    ctx: Ctx,
    State(st): State<AppState>,
    PageQuery(q): PageQuery<NoticeQuery>,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let p = st.app.compliance_of(a, a.id).await?;
    let recognitions = st.app.my_recognitions(a).await?;
    Ok(render(&PersonPage {
        c: Chrome::new(&ctx, "compliance-title", "compliance").notice(q.notice.as_deref()),
        p,
        recognitions,
        own: true,
    }))
}

async fn person(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<PersonId>,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let p = st.app.compliance_of(a, id).await?;
    let title = format!("{} — {}", ctx.tr().t("compliance-title"), p.name);
    Ok(render(&PersonPage {
        c: Chrome::titled(&ctx, title, "people"),
        p,
        recognitions: Vec::new(),
        own: false,
    }))
}

#[derive(Deserialize, Default)]
struct ListQuery {
    status: Option<String>,
    sort: Option<String>,
    /// The page of the list on the page (exports hold every line).
    page: Option<u64>,
}

/// Lines on one page of an organisation's list.
const LINES_PER_PAGE: u64 = 100;

#[derive(Template)]
#[template(path = "compliance/organisation.html")]
struct OrgPage {
    c: Chrome,
    o: OrgCompliance,
    lines: Vec<StaffLine>,
    /// Rule codes and their names, for the totals table.
    rule_names: Vec<(String, String)>,
    pager: Pager,
    status: String,
    sort: String,
    statuses: Vec<(&'static str, String)>,
    sorts: Vec<(&'static str, String)>,
    /// The history chart, as SVG drawn here.
    chart: String,
}

impl OrgPage {
    fn hours(&self, minutes: &i64) -> String {
        format_hours(*minutes)
    }

    fn day(&self, d: &NaiveDate) -> String {
        super::date(self.c.lang, d)
    }

    fn rule_name(&self, code: &str) -> String {
        self.rule_names
            .iter()
            .find(|(c, _)| c == code)
            .map(|(_, n)| n.clone())
            .unwrap_or_else(|| code.to_owned())
    }
}

/// Everyone's line, filtered by status and sorted as asked; taken out of `o`.
fn lines_of(o: &mut OrgCompliance, q: &ListQuery) -> Vec<StaffLine> {
    let mut lines: Vec<StaffLine> = o
        .lines
        .take()
        .unwrap_or_default()
        .into_iter()
        .filter(|l| {
            q.status
                .as_deref()
                .filter(|s| !s.is_empty())
                .is_none_or(|s| l.standing.evaluation.status.as_str() == s)
        })
        .collect();
    match q.sort.as_deref() {
        Some("deadline") => lines.sort_by_key(|l| l.standing.evaluation.deadline),
        Some("needed") => lines.sort_by_key(|l| std::cmp::Reverse(needed(&l.standing))),
        Some("status") => lines.sort_by_key(|l| std::cmp::Reverse(rank(&l.standing))),
        _ => {}
    }
    lines
}

fn needed(s: &Standing) -> i64 {
    s.evaluation.needed_minutes
}

fn rank(s: &Standing) -> u8 {
    use guildhall_domain::compliance::Status::*;
    match s.evaluation.status {
        Compliant => 0,
        OnTrack => 1,
        AtRisk => 2,
        Overdue => 3,
    }
}

async fn organisation(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<OrgId>,
    PageQuery(q): PageQuery<ListQuery>,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let mut o = st.app.organisation_compliance(a, id, true, true).await?;
    let mut rule_names: Vec<(String, String)> = Vec::new();
    for l in o.lines.iter().flatten() {
        if !rule_names.iter().any(|(c, _)| **c == *l.standing.rule) {
            rule_names.push((
                l.standing.rule.to_string(),
                l.standing.rule_name.to_string(),
            ));
        }
    }
    let all = lines_of(&mut o, &q);
    let request = PageRequest::new(q.page, Some(LINES_PER_PAGE));
    let page = Page {
        total: all.len() as u64,
        page: request.page,
        per_page: request.per_page,
        items: all
            .into_iter()
            .skip(usize::try_from(request.offset()).unwrap_or(usize::MAX))
            .take(LINES_PER_PAGE as usize)
            .collect::<Vec<_>>(),
    };
    let pager = Pager::new(
        &page,
        &list_base(
            &format!("/organisations/{id}/compliance"),
            &[
                ("status", q.status.as_deref().unwrap_or_default()),
                ("sort", q.sort.as_deref().unwrap_or_default()),
            ],
        ),
    );
    let lines = page.items;
    let title = format!("{} — {}", ctx.tr().t("compliance-org-title"), o.name);
    let c = Chrome::titled(&ctx, title, "orgs");
    let statuses = ["compliant", "on_track", "at_risk", "overdue"]
        .into_iter()
        .map(|s| (s, c.tr.named("compliance-status", s)))
        .collect();
    let sorts = ["name", "status", "deadline", "needed"]
        .into_iter()
        .map(|s| (s, c.tr.named("compliance-sort", s)))
        .collect();
    let chart = history_chart(&c, &o);
    Ok(render(&OrgPage {
        c,
        o,
        lines,
        rule_names,
        pager,
        status: q.status.unwrap_or_default(),
        sort: q.sort.unwrap_or_else(|| "name".into()),
        statuses,
        sorts,
        chart,
    }))
}

/// The totals of the last twelve month ends and today as stacked shares.
fn history_chart(c: &Chrome, o: &OrgCompliance) -> String {
    let last = o.history.len().saturating_sub(1);
    let bars: Vec<Bar> = o
        .history
        .iter()
        .enumerate()
        .map(|(i, (day, n))| Bar {
            label: if i == last {
                c.tr.t("compliance-today")
            } else {
                day.format("%Y-%m").to_string()
            },
            counts: [n.compliant, n.on_track, n.at_risk, n.overdue],
        })
        .collect();
    let names =
        ["compliant", "on_track", "at_risk", "overdue"].map(|s| c.tr.named("compliance-status", s));
    stacked_shares(&bars, &names, &c.tr.t("compliance-history-label"))
}

/// The column headings of the exports.
fn export_heading(tr: &guildhall_i18n::Tr) -> Vec<String> {
    vec![
        tr.t("field-name"),
        tr.t("compliance-category"),
        tr.t("compliance-rule"),
        tr.t("compliance-status"),
        tr.t("compliance-done"),
        tr.t("compliance-needed"),
        tr.t("compliance-deadline"),
    ]
}

/// The list as a spreadsheet, in the viewer's language, filtered and sorted as on the page;
/// hours are numbers, so they sum.
async fn organisation_xlsx(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<OrgId>,
    PageQuery(q): PageQuery<ListQuery>,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let mut o = st.app.organisation_compliance(a, id, true, false).await?;
    let tr = ctx.tr();
    let mut sheet = Sheet::new(&o.name, &export_heading(&tr));
    for l in lines_of(&mut o, &q) {
        let e = &l.standing.evaluation;
        sheet.push(&[
            Cell::from(l.name.as_str()),
            Cell::from(tr.named("category", &l.category)),
            Cell::from(&*l.standing.rule),
            Cell::from(tr.named("compliance-status", e.status.as_str())),
            Cell::Number(e.done_minutes as f64 / 60.0),
            Cell::Number(e.needed_minutes as f64 / 60.0),
            Cell::from(e.deadline.to_string()),
        ]);
    }
    Ok(download(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "compliance.xlsx",
        sheet.finish(),
    ))
}

/// A file to save rather than show.
fn download(content_type: &'static str, filename: &str, body: impl IntoResponse) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// The list as CSV, in the viewer's language, filtered and sorted as on the page. The body
/// is written a few hundred lines at a time as the client reads it, never whole.
async fn organisation_csv(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<OrgId>,
    PageQuery(q): PageQuery<ListQuery>,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let mut o = st.app.organisation_compliance(a, id, true, false).await?;
    let tr = ctx.tr();
    let mut heading = String::new();
    push_row(&mut heading, export_heading(&tr).iter().map(String::as_str));
    let statuses: Vec<String> = ["compliant", "on_track", "at_risk", "overdue"]
        .into_iter()
        .map(|s| tr.named("compliance-status", s))
        .collect();
    let mut categories: HashMap<String, String> = HashMap::new();
    let lines = lines_of(&mut o, &q);
    for l in &lines {
        if !categories.contains_key(&l.category) {
            categories.insert(l.category.clone(), tr.named("category", &l.category));
        }
    }
    let mut lines = lines.into_iter();
    let chunks = std::iter::once(heading).chain(std::iter::from_fn(move || {
        let mut out = String::with_capacity(64 * 1024);
        for l in lines.by_ref().take(500) {
            let e = &l.standing.evaluation;
            let status = &statuses[usize::from(rank(&l.standing))];
            let done = format_hours(e.done_minutes);
            let needed = format_hours(e.needed_minutes);
            let deadline = e.deadline.to_string();
            push_row(
                &mut out,
                [
                    l.name.as_str(),
                    categories.get(&l.category).map_or("", String::as_str),
                    &*l.standing.rule,
                    status.as_str(),
                    done.as_str(),
                    needed.as_str(),
                    deadline.as_str(),
                ]
                .into_iter(),
            );
        }
        (!out.is_empty()).then_some(out)
    }));
    let body = axum::body::Body::from_stream(futures::stream::iter(
        chunks.map(|c| Ok::<_, std::convert::Infallible>(axum::body::Bytes::from(c))),
    ));
    Ok(download("text/csv; charset=utf-8", "compliance.csv", body))
}

/// One CSV line: fields quoted where they need it, and never read as a formula by a
/// spreadsheet.
fn push_row<'a>(out: &mut String, fields: impl Iterator<Item = &'a str>) {
    for (i, f) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        let guarded = if f.starts_with(['=', '+', '-', '@']) && f.parse::<f64>().is_err() {
            format!("'{f}")
        } else {
            f.to_owned()
        };
        if guarded.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&guarded.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&guarded);
        }
    }
    out.push_str("\r\n");
}
