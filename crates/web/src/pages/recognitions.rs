//! Recognition pages: the form for submitting outside learning with its evidence (a plain
//! multipart form), the queue of those who decide, and the evidence file.

use askama::Template;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::response::Response;
use axum::routing::{get, post};
use guildhall_app::Error;
use guildhall_app::recognitions::{RecognitionInput, RecognitionView};
use serde::Deserialize;
use uuid::Uuid;

use super::identity::Choice;
use super::{Chrome, FormErrors, render, render_status, see_other};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::extract::{PageForm, PageQuery};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/recognitions/new",
            get(new_form)
                .post(submit)
                .route_layer(DefaultBodyLimit::max(12 * 1024 * 1024)),
        )
        .route("/recognitions", get(queue))
        .route("/recognitions/{id}/evidence", get(evidence))
        .route("/recognitions/{id}/{action}", post(decide))
}

#[derive(Template)]
#[template(path = "recognitions/new.html")]
struct NewPage {
    c: Chrome,
    errors: FormErrors,
    kinds: Vec<Choice>,
    kind: String,
    title: String,
    provider: String,
    starts_on: String,
    ends_on: String,
    hours: String,
    competences: String,
}

fn new_page(ctx: &Ctx, input: &RecognitionInput, errors: FormErrors, hours: String) -> NewPage {
    let c = Chrome::new(ctx, "recognition-new", "compliance");
    let kinds = ["training", "industry"]
        .into_iter()
        .map(|k| Choice {
            value: k.to_owned(),
            label: c.tr.named("recognition-kind", k),
        })
        .collect();
    NewPage {
        c,
        errors,
        kinds,
        kind: input.kind.clone(),
        title: input.title.clone(),
        provider: input.provider.clone(),
        starts_on: input.starts_on.map(|d| d.to_string()).unwrap_or_default(),
        ends_on: input.ends_on.map(|d| d.to_string()).unwrap_or_default(),
        hours,
        competences: input.competences.join(", "),
    }
}

async fn new_form(ctx: Ctx) -> Result<Response, PageError> {
    ctx.require()?;
    let input = RecognitionInput {
        kind: "training".into(),
        ..Default::default()
    };
    Ok(render(&new_page(
        &ctx,
        &input,
        FormErrors::default(),
        String::new(),
    )))
}

async fn submit(
    ctx: Ctx,
    State(st): State<AppState>,
    req: axum::extract::Request,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let multipart = crate::api::recognitions::multipart_of(req, &st).await?;
    let (input, evidence) = match crate::api::recognitions::read_form(multipart).await {
        Ok(x) => x,
        Err(e) => {
            let errors = FormErrors::from_error(&e, ctx.lang).ok_or(PageError(e))?;
            return Ok(render_status(
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                &new_page(&ctx, &RecognitionInput::default(), errors, String::new()),
            ));
        }
    };
    match st
        .app
        .submit_recognition(a, &input, evidence, &ctx.meta)
        .await
    {
        Ok(_) => Ok(see_other("/compliance?notice=recognition-submitted")),
        Err(e) => {
            let status = crate::error::status_of(&e);
            let errors = FormErrors::from_error(&e, ctx.lang).ok_or(PageError(e))?;
            let hours = if input.hours.is_finite() {
                input.hours.to_string()
            } else {
                String::new()
            };
            Ok(render_status(
                status,
                &new_page(&ctx, &input, errors, hours),
            ))
        }
    }
}

#[derive(Deserialize, Default)]
struct QueueQuery {
    notice: Option<String>,
}

#[derive(Template)]
#[template(path = "recognitions/queue.html")]
struct QueuePage {
    c: Chrome,
    rows: Vec<RecognitionView>,
}

impl QueuePage {
    fn hours(&self, minutes: &i32) -> String {
        guildhall_app::ledger::format_hours(i64::from(*minutes))
    }
}

async fn queue(
    ctx: Ctx,
    State(st): State<AppState>,
    PageQuery(q): PageQuery<QueueQuery>,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let rows = st.app.recognitions_to_decide(a).await?;
    let c = Chrome::new(&ctx, "recognition-queue", "recognitions").notice(q.notice.as_deref());
    Ok(render(&QueuePage { c, rows }))
}

#[derive(Deserialize, Default)]
struct ReasonForm {
    reason: Option<String>,
}

async fn decide(
    ctx: Ctx,
    State(st): State<AppState>,
    Path((id, action)): Path<(String, String)>,
    PageForm(f): PageForm<ReasonForm>,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let id: Uuid = id.parse().map_err(|_| PageError(Error::NotFound))?;
    let approve = match action.as_str() {
        "approve" => true,
        "reject" => false,
        _ => return Err(PageError(Error::NotFound)),
    };
    match st
        .app
        .decide_recognition(a, id, approve, f.reason.as_deref().unwrap_or(""), &ctx.meta)
        .await
    {
        Ok(()) => Ok(see_other("/recognitions?notice=recognition-decided")),
        Err(e @ (Error::Conflict(_) | Error::Refused(_) | Error::Invalid(_))) => {
            let status = crate::error::status_of(&e);
            let rows = st.app.recognitions_to_decide(a).await?;
            let c = Chrome::new(&ctx, "recognition-queue", "recognitions").error(&e);
            Ok(render_status(status, &QueuePage { c, rows }))
        }
        Err(e) => Err(PageError(e)),
    }
}

async fn evidence(
    ctx: Ctx,
    State(st): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let id: Uuid = id.parse().map_err(|_| PageError(Error::NotFound))?;
    let (r, bytes) = st.app.recognition_evidence(a, id).await?;
    Ok(crate::api::recognitions::evidence_response(&r, bytes))
}
