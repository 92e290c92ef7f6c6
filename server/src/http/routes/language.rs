//! The language switch.

use axum::extract::{Path, Query};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use camp_connect_app::domain::lang::{Lang, language_cookie};
use camp_connect_app::domain::url::local_path_or_root;
use serde::Deserialize;

/// `/lang/ja` and `/lang/en`.
pub const SET_LANGUAGE: &str = "/lang/{tag}";

/// Where to go after switching.
#[derive(Deserialize)]
pub struct LangQuery {
    next: Option<String>,
}

/// `GET /lang/{ja|en}?next=/path`: remembers the language in a cookie for a
/// year and sends the browser back to `next` (on this site only).
pub async fn set_language(Path(tag): Path<String>, Query(q): Query<LangQuery>) -> Response {
    let Some(lang) = Lang::parse(&tag) else {
        return (StatusCode::NOT_FOUND, "unknown language / 不明な言語です").into_response();
    };
    let next = local_path_or_root(q.next.as_deref().unwrap_or("/"));
    let cookie = language_cookie(lang);
    match (HeaderValue::from_str(next), HeaderValue::from_str(&cookie)) {
        (Ok(location), Ok(cookie)) => (
            StatusCode::SEE_OTHER,
            [(header::LOCATION, location), (header::SET_COOKIE, cookie)],
        )
            .into_response(),
        _ => (StatusCode::BAD_REQUEST, "bad redirect target").into_response(),
    }
}
