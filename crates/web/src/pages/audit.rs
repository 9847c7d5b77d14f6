//! The audit log page, for platform administrators.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use chrono::{NaiveDate, TimeZone, Utc};
use guildhall_app::audit::AuditView;
use guildhall_store::PageRequest;
use guildhall_store::audit::AuditFilter;
use serde::Deserialize;

use super::identity::{Pager, list_base};
use super::{Chrome, render};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::extract::PageQuery;

pub fn router() -> Router<AppState> {
    Router::new().route("/admin/audit", get(audit))
}

#[derive(Deserialize, Default)]
pub struct AuditQuery {
    #[serde(default)]
    pub actor: String,
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub object: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    pub page: Option<u64>,
}

impl AuditQuery {
    /// The filter these fields describe; unreadable values are ignored.
    pub fn filter(&self) -> AuditFilter {
        let day = |s: &str| {
            NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .map(|d| Utc.from_utc_datetime(&d))
        };
        AuditFilter {
            actor: self.actor.trim().parse().ok(),
            action_prefix: Some(self.action.trim().to_owned()).filter(|s| !s.is_empty()),
            object_type: None,
            object_id: Some(self.object.trim().to_owned()).filter(|s| !s.is_empty()),
            from: day(&self.from),
            to: day(&self.to).map(|d| d + chrono::Duration::days(1)),
        }
    }
}

#[derive(Template)]
#[template(path = "audit/log.html")]
struct AuditPage {
    c: Chrome,
    q: AuditQuery,
    rows: Vec<AuditView>,
    pager: Pager,
}

async fn audit(
    ctx: Ctx,
    State(st): State<AppState>,
    PageQuery(q): PageQuery<AuditQuery>,
) -> Result<Response, PageError> {
    let a = ctx.require()?;
    let page = st
        .app
        .list_audit(a, q.filter(), PageRequest::new(q.page, Some(100)))
        .await?;
    let pager = Pager::new(
        &page,
        &list_base(
            "/admin/audit",
            &[
                ("actor", &q.actor),
                ("action", &q.action),
                ("object", &q.object),
                ("from", &q.from),
                ("to", &q.to),
            ],
        ),
    );
    Ok(render(&AuditPage {
        c: Chrome::new(&ctx, "audit-title", "audit"),
        q,
        rows: page.items,
        pager,
    }))
}
