//! The HTTP face of Guildhall: server-rendered pages and the JSON API, on one router.
//!
//! Requests pass through one middleware ([`ctx`]) that works out who is asking, in which
//! language, and whether a state-changing request carries a valid form token and a
//! same-site origin; handlers then call a use case of [`guildhall_app::App`] and render its
//! result. Pages live in `pages/<area>.rs` with their templates in `templates/<area>/`; the
//! API lives in `api/<area>.rs` and is described by the OpenAPI document it is generated
//! with. Errors become responses in one place, [`error`].

pub mod api;
pub mod assets;
pub mod chart;
pub mod ctx;
pub mod error;
pub mod extract;
pub mod metrics;
pub mod pages;
pub mod xlsx;

use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use guildhall_app::App;

/// Settings of the HTTP layer.
#[derive(Clone, Debug, Default)]
pub struct WebConfig {
    /// Take the client's address from `X-Forwarded-For` (only behind a trusted proxy).
    pub trust_proxy: bool,
    /// Report the SQL statements each request ran in an `x-sql-statements` header (tests and
    /// benchmarks).
    pub expose_statement_count: bool,
    /// Show the demo accounts on the log-in page.
    pub demo: bool,
}

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub app: App,
    pub web: Arc<WebConfig>,
    /// The deployment's identity, shared by every page.
    pub brand: Arc<guildhall_app::Brand>,
    pub metrics: Arc<metrics::Metrics>,
}

/// Request bodies larger than this are refused with 413 (file uploads set their own limit).
pub const BODY_LIMIT: usize = 1024 * 1024;

pub use assets::parse_colour;

/// The whole application as one router.
pub fn router(app: App, web: WebConfig) -> Router {
    let state = AppState {
        brand: Arc::new(app.config().brand.clone()),
        app,
        web: Arc::new(web),
        metrics: Arc::new(metrics::Metrics::default()),
    };
    let (api_router, openapi) = api::router().split_for_parts();
    let openapi = Arc::new(openapi);
    Router::new()
        .merge(pages::router())
        .merge(api_router)
        .merge(api::docs_router(openapi))
        .merge(assets::router())
        .merge(metrics::router())
        .fallback(error::not_found)
        .method_not_allowed_fallback(error::method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            ctx::context,
        ))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(axum::middleware::from_fn(error::catch_panic))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            metrics::track,
        ))
        .with_state(state)
}
