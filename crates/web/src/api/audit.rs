//! The audit log over JSON.

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Utc};
use guildhall_store::audit::AuditFilter;
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
    OpenApiRouter::new().routes(routes!(list_audit))
}

#[derive(Serialize, ToSchema)]
pub struct AuditEntryBody {
    pub id: i64,
    pub at: DateTime<Utc>,
    /// `null` when the change was made by the system or before log-in.
    pub actor: Option<Uuid>,
    pub ip: Option<String>,
    /// What happened, e.g. `role.grant`.
    pub action: String,
    pub object_type: String,
    pub object_id: String,
    pub details: serde_json::Value,
}

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    pub actor: Option<Uuid>,
    /// Actions starting with this, e.g. `role.`.
    pub action: Option<String>,
    pub object_type: Option<String>,
    pub object_id: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// Audit entries, newest first (platform administrators).
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", security(("bearer" = [])), params(AuditQuery),
    responses((status = 200, body = ListPage<AuditEntryBody>), (status = 403, body = ErrorBody)))]
async fn list_audit(
    ctx: Ctx,
    State(st): State<AppState>,
    ApiQuery(q): ApiQuery<AuditQuery>,
) -> Result<Json<ListPage<AuditEntryBody>>, ApiError> {
    let a = actor(&ctx)?;
    let filter = AuditFilter {
        actor: q.actor,
        action_prefix: q.action,
        object_type: q.object_type,
        object_id: q.object_id,
        from: q.from,
        to: q.to,
    };
    let page = st
        .app
        .list_audit(
            a,
            filter,
            Paging {
                page: q.page,
                per_page: q.per_page,
            }
            .request(),
        )
        .await?;
    Ok(Json(ListPage::from_page(page, |r| AuditEntryBody {
        id: r.id,
        at: r.at,
        actor: r.actor.map(|p| p.0),
        ip: r.ip,
        action: r.action,
        object_type: r.object_type,
        object_id: r.object_id,
        details: serde_json::from_str(&r.details).unwrap_or(serde_json::Value::Null),
    })))
}
