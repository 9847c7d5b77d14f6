//! Server-rendered pages, one module per area, with templates under `templates/<area>/`.
//!
//! Every page is complete HTML that works without JavaScript: forms post and redirect,
//! validation errors re-render the form with the person's input and a summary of what to
//! fix. htmx, when present, only makes some of them quicker.

pub mod audit;
pub mod catalog;
pub mod certificates;
pub mod compliance;
pub mod home;
pub mod identity;
pub mod notify;
pub mod org;
pub mod recognitions;
pub mod sessions;

use askama::Template;
use axum::Router;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use guildhall_app::{Error, policy};
use guildhall_domain::Lang;
use guildhall_i18n::{self as i18n, Tr};

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::message;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(home::router())
        .merge(identity::router())
        .merge(org::router())
        .merge(catalog::router())
        .merge(sessions::router())
        .merge(compliance::router())
        .merge(certificates::router())
        .merge(recognitions::router())
        .merge(audit::router())
        .merge(notify::router())
}

/// A language in the switcher.
pub struct LangChoice {
    pub code: &'static str,
    pub name: &'static str,
    pub current: bool,
}

/// The signed-in person, as the page layout needs them.
pub struct UserChrome {
    pub name: String,
    pub people: bool,
    /// Whether the person teaches (the trainer role anywhere).
    pub trainer: bool,
    /// The organisation whose staff's compliance the person oversees (the nearest they
    /// hold a head's, coordinator's or administrator's role over).
    pub staff_org: Option<guildhall_domain::OrgId>,
    /// Whether the person sees organisations (staff and administrators; a learner's own
    /// workplace is on their profile).
    pub orgs: bool,
    /// Whether the person decides recognitions of outside learning.
    pub recognitions: bool,
    pub admin: bool,
    pub provider: bool,
    pub reviewer: bool,
    pub approver: bool,
}

/// Everything the page layout needs: translations, the form token, navigation.
pub struct Chrome {
    pub tr: Tr,
    pub lang: Lang,
    /// The zone the viewer reads times in.
    pub zone: guildhall_domain::Zone,
    pub csrf: String,
    pub path: String,
    pub title: String,
    pub section: &'static str,
    pub user: Option<UserChrome>,
    /// A success message (`notice-<key>` from the address).
    pub notice: Option<String>,
    /// What went wrong with the last action, translated from its error; never text from the
    /// address.
    pub error: Option<String>,
    pub langs: Vec<LangChoice>,
    pub assets: String,
    pub brand: BrandChrome,
}

/// The deployment's identity, as the layout shows it.
pub struct BrandChrome {
    pub name: String,
    pub logo: bool,
    /// Whether the deployment has its own colours (a stylesheet at `/brand.css`).
    pub colours: bool,
}

impl Chrome {
    /// The layout for a page titled by the translation `title_key`, in nav `section`.
    pub fn new(ctx: &Ctx, title_key: &str, section: &'static str) -> Chrome {
        let tr = ctx.tr();
        Chrome::titled(ctx, tr.t(title_key), section)
    }

    pub fn titled(ctx: &Ctx, title: String, section: &'static str) -> Chrome {
        let tr = ctx.tr();
        let user = ctx.actor().map(|a| UserChrome {
            name: a.name.clone(),
            people: policy::people_scopes(a).is_some(),
            trainer: a.has_role(guildhall_domain::identity::Role::Trainer),
            staff_org: policy::oversight_org(a),
            orgs: policy::people_scopes(a).is_some()
                || a.has_role(guildhall_domain::identity::Role::Provider)
                || policy::review_scopes(a).is_some(),
            recognitions: policy::recognition_scopes(a).is_some(),
            admin: policy::may_read_audit(a),
            provider: a.has_role(guildhall_domain::identity::Role::Provider),
            reviewer: policy::review_scopes(a).is_some(),
            approver: policy::approval_scopes(a).is_some(),
        });
        Chrome {
            tr,
            lang: ctx.lang,
            zone: ctx.zone,
            csrf: ctx.csrf.clone(),
            path: ctx.path.clone(),
            title,
            section,
            user,
            notice: None,
            error: None,
            langs: Lang::ALL
                .into_iter()
                .map(|l| LangChoice {
                    code: l.code(),
                    name: l.native_name(),
                    current: l == ctx.lang,
                })
                .collect(),
            assets: crate::assets::VERSION.clone(),
            brand: BrandChrome {
                name: ctx.brand.name.clone(),
                logo: ctx.brand.logo.is_some(),
                colours: ctx.brand.colour.is_some(),
            },
        }
    }

    /// Shows the notice `notice-<key>` if the key names one.
    pub fn notice(mut self, key: Option<&str>) -> Self {
        if let Some(k) = key {
            let full = format!("notice-{k}");
            if k.chars().all(|c| c.is_ascii_lowercase() || c == '-') && i18n::has(self.lang, &full)
            {
                self.notice = Some(self.tr.t(&full));
            }
        }
        self
    }

    /// Shows what went wrong with the action just tried.
    pub fn error(mut self, e: &Error) -> Self {
        self.error = Some(message(e, self.lang));
        self
    }

    /// An instant in the viewer's zone.
    pub fn datetime(&self, t: &DateTime<Utc>) -> String {
        local_datetime(self.lang, self.zone, t)
    }

    /// An instant of a session held in `zone`: its local time there, with the zone's name
    /// when it is not the viewer's.
    pub fn at(&self, t: &DateTime<Utc>, zone: &guildhall_domain::Zone) -> String {
        let text = local_datetime(self.lang, *zone, t);
        if *zone == self.zone {
            text
        } else {
            format!("{text} {}", zone.abbreviation(*t))
        }
    }

    /// A meeting's local time in its session's `zone`, with the zone's name when it is not
    /// the viewer's.
    pub fn clock(
        &self,
        day: &chrono::NaiveDate,
        t: &chrono::NaiveTime,
        zone: &guildhall_domain::Zone,
    ) -> String {
        let text = t.format("%H:%M").to_string();
        if *zone == self.zone {
            text
        } else {
            format!(
                "{text} {}",
                zone.abbreviation(zone.instant(day.and_time(*t)))
            )
        }
    }

    pub fn date(&self, d: &chrono::NaiveDate) -> String {
        date(self.lang, d)
    }

    /// Minutes as hours, with the decimal separator of the language (`1,5` in hu, pl, ru).
    pub fn hours(&self, minutes: &i64) -> String {
        hours_text(self.lang, *minutes)
    }

    pub fn datetime_opt(&self, t: &Option<DateTime<Utc>>) -> String {
        t.as_ref().map(|t| self.datetime(t)).unwrap_or_default()
    }
}

/// An instant as local time in `zone`, written the way each language writes dates.
pub fn local_datetime(lang: Lang, zone: guildhall_domain::Zone, t: &DateTime<Utc>) -> String {
    let f = match lang {
        Lang::Hu => "%Y. %m. %d. %H:%M",
        Lang::Pl | Lang::Ru => "%d.%m.%Y %H:%M",
        Lang::En => "%Y-%m-%d %H:%M",
    };
    zone.local(*t).format(f).to_string()
}

/// Minutes as hours, with the decimal separator of `lang`.
pub fn hours_text(lang: Lang, minutes: i64) -> String {
    let text = guildhall_app::ledger::format_hours(minutes);
    match lang {
        Lang::En => text,
        _ => text.replace('.', ","),
    }
}

/// A date, written the way each language writes dates.
pub fn date(lang: Lang, d: &chrono::NaiveDate) -> String {
    let f = match lang {
        Lang::Hu => "%Y. %m. %d.",
        Lang::Pl | Lang::Ru => "%d.%m.%Y",
        Lang::En => "%Y-%m-%d",
    };
    d.format(f).to_string()
}

/// Problems with a form, translated, by field.
#[derive(Default)]
pub struct FormErrors {
    pub items: Vec<(String, String)>,
}

impl FormErrors {
    /// The errors a form shows next to its fields; `None` for errors that deserve their own
    /// page (not found, forbidden, unavailable).
    pub fn from_error(e: &Error, lang: Lang) -> Option<FormErrors> {
        match e {
            Error::Invalid(ps) => Some(FormErrors {
                items: ps
                    .0
                    .iter()
                    .map(|fp| (fp.field.clone(), i18n::problem(lang, &fp.problem)))
                    .collect(),
            }),
            Error::Conflict(p) | Error::Refused(p) => {
                let field = match p.code {
                    "email_taken" => "email",
                    "code_taken" => "code",
                    "role_already_held" => "role",
                    _ => "",
                };
                Some(FormErrors {
                    items: vec![(field.to_owned(), i18n::problem(lang, p))],
                })
            }
            Error::RateLimited { .. } => Some(FormErrors {
                items: vec![(String::new(), message(e, lang))],
            }),
            _ => None,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn has(&self, field: &str) -> bool {
        self.items.iter().any(|(f, _)| f == field)
    }

    /// Whether the field `<prefix>_<suffix>` has problems (per-language fields).
    pub fn has_in(&self, prefix: &str, suffix: &str) -> bool {
        self.items
            .iter()
            .any(|(f, _)| f.strip_prefix(prefix).and_then(|r| r.strip_prefix('_')) == Some(suffix))
    }

    /// The messages for one field, joined.
    pub fn get(&self, field: &str) -> String {
        self.items
            .iter()
            .filter(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Renders a template as a 200 page.
pub fn render<T: Template>(t: &T) -> Response {
    render_status(StatusCode::OK, t)
}

pub fn render_status<T: Template>(status: StatusCode, t: &T) -> Response {
    match t.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template failed to render");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
    }
}

/// Answers a failed form submission: the form again with its errors (422), or an error page.
pub fn form_failed(
    e: Error,
    lang: Lang,
    rerender: impl FnOnce(FormErrors) -> Response,
) -> Response {
    match FormErrors::from_error(&e, lang) {
        Some(errors) => {
            let mut r = rerender(errors);
            *r.status_mut() = crate::error::status_of(&e);
            crate::error::with_retry(r, &e)
        }
        None => crate::error::PageError(e).into_response(),
    }
}

/// After a successful form: go to `to` (303, so a reload does not post again).
pub fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

/// Where to go after log-in or a language switch: a path on this site, else the home page.
///
/// Browsers drop tabs and newlines from addresses and read a backslash as a slash, so
/// `/\t/evil.example` would leave the site: any control character, space or backslash, any
/// percent-encoded control character or backslash, and anything that does not begin with
/// exactly one slash (encoded or not) is refused. What is left can go into a `Location`
/// header as it is.
pub fn safe_next(next: Option<&str>) -> String {
    let Some(n) = next else {
        return "/".to_owned();
    };
    let decoded: String = percent_decoded(n);
    let suspicious = |t: &str| t.chars().any(|c| c.is_control() || c == '\\');
    let local = n.starts_with('/')
        && !n.starts_with("//")
        && !decoded.starts_with("//")
        && !suspicious(n)
        && !n.chars().any(char::is_whitespace)
        && !suspicious(&decoded)
        && n.is_ascii()
        && axum::http::HeaderValue::from_str(n).is_ok();
    if local { n.to_owned() } else { "/".to_owned() }
}

/// `s` with its percent-escapes decoded (repeatedly, as a chain of redirects might), for
/// checking only.
fn percent_decoded(s: &str) -> String {
    let mut cur = s.to_owned();
    for _ in 0..3 {
        let next: String =
            form_urlencoded::parse(format!("x={}", cur.replace('+', "%2B")).as_bytes())
                .next()
                .map(|(_, v)| v.into_owned())
                .unwrap_or_default();
        if next == cur {
            break;
        }
        cur = next;
    }
    cur
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    c: Chrome,
    status: u16,
    message: String,
}

pub fn error_page(ctx: &Ctx, status: StatusCode, e: &Error) -> Response {
    let key = match status.as_u16() {
        404 => "error-title-not-found",
        403 => "error-title-forbidden",
        503 => "error-title-unavailable",
        s if s >= 500 => "error-title-internal",
        _ => "error-title-request",
    };
    let page = ErrorPage {
        c: Chrome::new(ctx, key, ""),
        status: status.as_u16(),
        message: message(e, ctx.lang),
    };
    render_status(status, &page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_next() {
        assert_eq!(safe_next(Some("/people?page=2")), "/people?page=2");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil")), "/");
        assert_eq!(safe_next(None), "/");
        assert_eq!(safe_next(Some("/\t/evil.example")), "/");
        assert_eq!(safe_next(Some("/\n/x")), "/");
        assert_eq!(safe_next(Some("/%09/evil.example")), "/");
        assert_eq!(safe_next(Some("/%2F/evil.example")), "/");
        assert_eq!(safe_next(Some("/%5Cevil.example")), "/");
        assert_eq!(safe_next(Some("/%250A/x")), "/");
        assert_eq!(safe_next(Some("/ /evil")), "/");
        assert_eq!(
            safe_next(Some("/catalogue?q=digit%C3%A1lis")),
            "/catalogue?q=digit%C3%A1lis"
        );
        assert_eq!(safe_next(Some("/katalógus")), "/");
    }
}
