//! The HTTP router: Leptos pages and server functions, static files, health
//! and the language switch.

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use camp_connect_app::app::{App, shell};
use camp_connect_app::domain::lang::Lang;
use camp_connect_app::domain::url::local_path_or_root;
use camp_connect_app::state::AppState;
use leptos_axum::{LeptosRoutes, file_and_error_handler, generate_route_list};
use serde::Deserialize;
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;

/// The cookie leptos_i18n reads to choose the page language.
pub const LANG_COOKIE: &str = "i18n_pref_locale";

/// Builds the whole application router around `state`.
pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let options = state.leptos_options.clone();
    Router::new()
        .route("/healthz", get(healthz))
        .route("/lang/{tag}", get(set_language))
        .leptos_routes(&state, routes, move || shell(options.clone()))
        .fallback(file_and_error_handler::<AppState, _>(shell))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// `GET /healthz`: 200 when the database answers, 503 when it does not.
async fn healthz(State(state): State<AppState>) -> Response {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, "ok").into_response(),
        Err(err) => {
            tracing::warn!(error = %err, "health check: database does not answer");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

#[derive(Deserialize)]
struct LangQuery {
    next: Option<String>,
}

/// `GET /lang/{ja|en}?next=/path`: remembers the language in a cookie for a
/// year and sends the browser back to `next` (on this site only).
async fn set_language(Path(tag): Path<String>, Query(q): Query<LangQuery>) -> Response {
    let Some(lang) = Lang::from_tag(&tag) else {
        return (StatusCode::NOT_FOUND, "unknown language / 不明な言語です").into_response();
    };
    let next = local_path_or_root(q.next.as_deref().unwrap_or("/"));
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        lang.tag()
    );
    match (HeaderValue::from_str(next), HeaderValue::from_str(&cookie)) {
        (Ok(location), Ok(cookie)) => (
            StatusCode::SEE_OTHER,
            [(header::LOCATION, location), (header::SET_COOKIE, cookie)],
        )
            .into_response(),
        _ => (StatusCode::BAD_REQUEST, "bad redirect target").into_response(),
    }
}
