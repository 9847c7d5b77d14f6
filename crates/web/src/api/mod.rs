//! The JSON API under `/api/v1`, one module per area, and its OpenAPI 3.1 document.
//!
//! Handlers are registered through `utoipa_axum`, so a route cannot exist without its entry
//! in the document served at `/api/v1/openapi.json`. Callers authenticate with a bearer
//! token (`POST /api/v1/auth/token`), or with the browser session plus an `X-CSRF-Token`
//! header for changes. Lists take `page` and `per_page` and answer with `items` and `total`.

pub mod audit;
pub mod catalog;
pub mod certificates;
pub mod compliance;
pub mod identity;
pub mod notify;
pub mod org;
pub mod recognitions;
pub mod sessions;

use std::sync::Arc;

use axum::Router;
use axum::http::header::{self, HeaderValue};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use guildhall_app::Actor;
use serde::{Deserialize, Serialize};
use utoipa::openapi::OpenApi as OpenApiDoc;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{IntoParams, Modify, OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::ApiError;

#[derive(OpenApi)]
#[openapi(
    info(title = "Guildhall API", description = "Continuing professional development for vocational teachers and trainers."),
    modifiers(&BearerAuth),
    components(schemas(crate::error::ErrorBody, crate::error::FieldErrorBody)),
    tags(
        (name = "identity", description = "Accounts, sessions, tokens, people and roles"),
        (name = "org", description = "The organisation tree"),
        (name = "catalog", description = "Programmes, their review and publication, frameworks, releases"),
        (name = "sessions", description = "Sessions, sign-ups, waiting lists, approvals, attendance"),
        (name = "ledger", description = "The hours ledger"),
        (name = "certificates", description = "Certificates and their verifiable credentials"),
        (name = "compliance", description = "Compliance rules and where people stand against them"),
        (name = "audit", description = "The audit log"),
        (name = "notify", description = "The mail outbox"),
    )
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut OpenApiDoc) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(identity::router())
        .merge(catalog::router())
        .merge(sessions::router())
        .merge(compliance::router())
        .merge(certificates::router())
        .merge(recognitions::router())
        .merge(org::router())
        .merge(audit::router())
        .merge(notify::router())
}

/// Gives every operation a `default` response: any status it does not list (a malformed
/// request, a lapsed token, too many attempts, the database unavailable, a full disk) answers
/// an [`error::ErrorBody`], as every error does.
fn with_error_default(mut doc: OpenApiDoc) -> OpenApiDoc {
    use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
    let any_error = ResponseBuilder::new()
        .description("Any other status: an error, in the usual shape")
        .content(
            "application/json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("ErrorBody")))
                .build(),
        )
        .build();
    for item in doc.paths.paths.values_mut() {
        for op in [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
            &mut item.head,
            &mut item.options,
        ]
        .into_iter()
        .flatten()
        {
            op.responses
                .responses
                .entry("default".to_owned())
                .or_insert_with(|| RefOr::T(any_error.clone()));
        }
    }
    doc
}

/// The OpenAPI document and a Swagger UI over it.
pub fn docs_router(doc: Arc<OpenApiDoc>) -> Router<AppState> {
    let doc = with_error_default((*doc).clone());
    let json = Arc::new(doc.to_json().unwrap_or_else(|_| "{}".to_owned()));
    Router::new()
        .route(
            "/api/v1/openapi.json",
            get(move || {
                let json = json.clone();
                async move {
                    let mut r = (*json).clone().into_response();
                    r.headers_mut().insert(
                        header::CONTENT_TYPE,
                        HeaderValue::from_static("application/json"),
                    );
                    r
                }
            }),
        )
        .route("/api/docs", get(swagger))
}

async fn swagger() -> Response {
    let v = crate::assets::VERSION.as_str();
    Html(format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Guildhall API</title>\
         <link rel=\"stylesheet\" href=\"/static/swagger-ui.css?v={v}\"></head>\
         <body><main id=\"swagger-ui\"></main>\
         <script src=\"/static/swagger-ui-bundle.js?v={v}\"></script>\
         <script src=\"/static/swagger-init.js?v={v}\"></script></body></html>"
    ))
    .into_response()
}

/// The signed-in caller, or 401.
pub fn actor(ctx: &Ctx) -> Result<&Actor, ApiError> {
    ctx.require().map_err(ApiError)
}

/// Page parameters of every list.
#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct Paging {
    /// Page number, from 1.
    pub page: Option<u64>,
    /// Items per page, 1 to 200 (default 50).
    pub per_page: Option<u64>,
}

impl Paging {
    pub fn request(&self) -> guildhall_store::PageRequest {
        guildhall_store::PageRequest::new(self.page, self.per_page)
    }
}

/// One page of a list.
#[derive(Serialize, ToSchema)]
pub struct ListPage<T: ToSchema> {
    pub items: Vec<T>,
    /// Items in the whole list.
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

impl<T: ToSchema> ListPage<T> {
    pub fn from_page<U>(p: guildhall_store::Page<U>, f: impl FnMut(U) -> T) -> Self {
        ListPage {
            total: p.total,
            page: p.page,
            per_page: p.per_page,
            items: p.items.into_iter().map(f).collect(),
        }
    }
}

/// An empty success body.
#[derive(Serialize, ToSchema)]
pub struct Done {
    pub ok: bool,
}

pub fn done() -> axum::Json<Done> {
    axum::Json(Done { ok: true })
}
