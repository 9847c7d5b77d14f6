//! The mail outbox over JSON.

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::{ListPage, Paging, actor};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{ApiError, ErrorBody};
use crate::extract::ApiQuery;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_outbox))
}

#[derive(Serialize, ToSchema)]
pub struct MailBody {
    pub id: Uuid,
    pub to: String,
    pub language: String,
    pub subject: String,
    pub body: String,
    /// `pending`, `sending`, `sent` or `failed`.
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct OutboxQuery {
    /// Only messages to this address.
    pub to: Option<String>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// Messages in the outbox, newest first (platform administrators).
#[utoipa::path(get, path = "/api/v1/outbox", tag = "notify", security(("bearer" = [])), params(OutboxQuery),
    responses((status = 200, body = ListPage<MailBody>), (status = 403, body = ErrorBody)))]
async fn list_outbox(
    ctx: Ctx,
    State(st): State<AppState>,
    ApiQuery(q): ApiQuery<OutboxQuery>,
) -> Result<Json<ListPage<MailBody>>, ApiError> {
    let a = actor(&ctx)?;
    let page = st
        .app
        .list_outbox(
            a,
            q.to.as_deref(),
            Paging {
                page: q.page,
                per_page: q.per_page,
            }
            .request(),
        )
        .await?;
    Ok(Json(ListPage::from_page(page, |m| MailBody {
        id: m.id.0,
        to: m.to,
        language: m.lang,
        subject: m.subject,
        body: m.body,
        status: m.status,
        created_at: m.created_at,
        sent_at: m.sent_at,
    })))
}
