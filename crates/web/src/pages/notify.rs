//! The mail outbox pages, for platform administrators: what the platform sent or would
//! have sent, which is how a deployment without a mail server is used.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use guildhall_app::notify::MailView;
use guildhall_domain::MailId;
use guildhall_store::PageRequest;
use serde::Deserialize;

use super::identity::{Pager, list_base};
use super::{Chrome, render};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::extract::{Id, PageQuery};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/outbox", get(outbox))
        .route("/admin/outbox/{id}", get(mail))
}

#[derive(Deserialize, Default)]
struct OutboxQuery {
    #[serde(default)]
    to: String,
    page: Option<u64>,
}

#[derive(Template)]
#[template(path = "notify/outbox.html")]
struct OutboxPage {
    c: Chrome,
    to: String,
    rows: Vec<MailView>,
    pager: Pager,
    smtp: bool,
}

async fn outbox(
    ctx: Ctx,
    State(st): State<AppState>,
    PageQuery(q): PageQuery<OutboxQuery>,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let page = st
        .app
        .list_outbox(a, Some(&q.to), PageRequest::new(q.page, Some(50)))
        .await?;
    let pager = Pager::new(&page, &list_base("/admin/outbox", &[("to", &q.to)]));
    Ok(render(&OutboxPage {
        c: Chrome::new(&ctx, "outbox-title", "outbox"),
        to: q.to,
        rows: page.items,
        pager,
        smtp: st.app.config().smtp.is_some(),
    }))
}

#[derive(Template)]
#[template(path = "notify/mail.html")]
struct MailPage {
    c: Chrome,
    m: MailView,
}

async fn mail(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<MailId>,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let m = st.app.get_mail(a, id).await?;
    Ok(render(&MailPage {
        c: Chrome::titled(&ctx, m.subject.clone(), "outbox"),
        m,
    }))
}
