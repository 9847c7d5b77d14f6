//! The home page and the language switcher.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use guildhall_domain::Lang;
use serde::Deserialize;

use super::{Chrome, render, safe_next, see_other};
use crate::AppState;
use crate::ctx::{Ctx, LANG_COOKIE, set_cookie};
use crate::error::PageError;
use crate::extract::{PageForm, PageQuery};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/language", post(switch_language))
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    c: Chrome,
    demo: bool,
    home: Option<guildhall_app::home::Home>,
}

impl HomePage {
    fn day(&self, d: &chrono::NaiveDate) -> String {
        super::date(self.c.lang, d)
    }

    /// The hours a standing's cycle asks for in all.
    fn required(&self, s: &guildhall_app::compliance::Standing) -> String {
        self.c.hours(&s.evaluation.required_minutes)
    }
}

#[derive(Deserialize, Default)]
struct NoticeQuery {
    notice: Option<String>,
}

async fn home(
    ctx: Ctx,
    State(st): State<AppState>,
    PageQuery(q): PageQuery<NoticeQuery>,
) -> Response {
    let c = Chrome::new(&ctx, "home-title", "home").notice(q.notice.as_deref());
    let home = match ctx.actor() {
        Some(a) => match st.app.home(a).await {
            Ok(h) => Some(h),
            Err(e) => return PageError(e).into_response(),
        },
        None => None,
    };
    render(&HomePage {
        c,
        demo: st.web.demo,
        home,
    })
}

#[derive(Deserialize)]
struct LanguageForm {
    lang: String,
    next: Option<String>,
}

async fn switch_language(
    ctx: Ctx,
    State(st): State<AppState>,
    PageForm(f): PageForm<LanguageForm>,
) -> Response {
    let Some(lang) = Lang::parse(&f.lang) else {
        return PageError(guildhall_app::Error::invalid_field(
            "lang",
            "language_unknown",
        ))
        .into_response();
    };
    if let Some(a) = ctx.actor()
        && let Err(e) = st.app.set_language(a, lang).await
    {
        return PageError(e).into_response();
    }
    let mut resp = see_other(&safe_next(f.next.as_deref()));
    resp.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(
            LANG_COOKIE,
            lang.code(),
            Some(60 * 60 * 24 * 365),
            ctx.https,
        ),
    );
    resp
}
