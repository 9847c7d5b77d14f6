//! Static files, embedded in the binary: our stylesheet and scripts, vendored htmx and
//! Swagger UI. Nothing is fetched from elsewhere at run time.

use std::sync::LazyLock;

use axum::Router;
use axum::extract::{Path, State};
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
    Router::new()
        .route("/static/{name}", get(serve))
        .route("/brand.css", get(brand_css))
        .route("/brand/logo", get(brand_logo))
}

/// The deployment's colours over the stylesheet's: its colour, and a darker shade of it for
/// hover and the header's edge.
async fn brand_css(State(st): State<AppState>) -> Response {
    let Some(colour) = st.brand.colour.as_deref().and_then(parse_colour) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let dark = colour.map(|c| (f64::from(c) * 0.75) as u8);
    let css = format!(
        ":root {{ --brand: #{:02x}{:02x}{:02x}; --brand-dark: #{:02x}{:02x}{:02x}; }}\n",
        colour[0], colour[1], colour[2], dark[0], dark[1], dark[2]
    );
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        css,
    )
        .into_response()
}

/// `#rrggbb` as its three bytes.
pub fn parse_colour(s: &str) -> Option<[u8; 3]> {
    let hex = s.trim().strip_prefix('#')?;
    if hex.len() != 6 {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

/// The deployment's logo, from the file the configuration names (SVG or PNG).
async fn brand_logo(State(st): State<AppState>) -> Response {
    let Some(path) = st.brand.logo.clone() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let mime = match path.extension().and_then(|e| e.to_str()) {
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    match tokio::fs::read(&path).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, mime),
                (header::CACHE_CONTROL, "public, max-age=3600"),
                (
                    header::CONTENT_SECURITY_POLICY,
                    "default-src 'none'; style-src 'unsafe-inline'",
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}
