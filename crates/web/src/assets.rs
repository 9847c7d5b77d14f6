//! Static files, embedded in the binary: our stylesheet and scripts, vendored htmx and
//! Swagger UI. Nothing is fetched from elsewhere at run time.

use std::sync::LazyLock;

use axum::Router;
use axum::extract::Path;
use axum::http::header::{self, HeaderValue};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::AppState;

struct Asset {
    name: &'static str,
    mime: &'static str,
    body: &'static [u8],
}

const ASSETS: &[Asset] = &[
    Asset {
        name: "style.css",
        mime: "text/css; charset=utf-8",
        body: include_bytes!("../static/style.css"),
    },
    Asset {
        name: "app.js",
        mime: "text/javascript; charset=utf-8",
        body: include_bytes!("../static/app.js"),
    },
    Asset {
        name: "htmx.min.js",
        mime: "text/javascript; charset=utf-8",
        body: include_bytes!("../static/vendor/htmx-2.0.11.min.js"),
    },
    Asset {
        name: "swagger-ui.css",
        mime: "text/css; charset=utf-8",
        body: include_bytes!("../static/vendor/swagger-ui/swagger-ui.css"),
    },
    Asset {
        name: "swagger-ui-bundle.js",
        mime: "text/javascript; charset=utf-8",
        body: include_bytes!("../static/vendor/swagger-ui/swagger-ui-bundle.js"),
    },
    Asset {
        name: "swagger-init.js",
        mime: "text/javascript; charset=utf-8",
        body: include_bytes!("../static/swagger-init.js"),
    },
    Asset {
        name: "favicon.svg",
        mime: "image/svg+xml",
        body: include_bytes!("../static/favicon.svg"),
    },
];

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf29ce484222325_u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x100000001b3)
    })
}

/// A version tag for all assets together, appended to their URLs so that browsers may cache
/// them for a year and still see a new release at once.
pub static VERSION: LazyLock<String> = LazyLock::new(|| {
    let h = ASSETS
        .iter()
        .fold(0_u64, |acc, a| acc ^ fnv(a.body).rotate_left(7));
    format!("{:x}", h & 0xffff_ffff)
});

async fn serve(Path(name): Path<String>, headers: HeaderMap) -> Response {
    let Some(a) = ASSETS.iter().find(|a| a.name == name) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let etag = format!("\"{:x}\"", fnv(a.body));
    if headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == etag)
    {
        return StatusCode::NOT_MODIFIED.into_response();
    }
    let mut resp = a.body.into_response();
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(a.mime));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    resp
}

pub fn router() -> Router<AppState> {
    Router::new().route("/static/{name}", get(serve))
}
