//! The site's files: the root's (the favicon) with the app's 404 page for
//! any other unknown path, and the build's scripts, styles and WASM.

use axum::response::Redirect;
use axum::routing::{MethodRouter, any};
use camp_connect_app::app::shell;
use camp_connect_app::state::AppState;
use leptos_axum::file_and_error_handler;
use tower_http::services::ServeDir;

/// Where browsers look for an icon on pages without a `<link rel=icon>`.
pub const FAVICON: &str = "/favicon.ico";

/// `GET /favicon.ico`: sends browsers to the SVG icon.
pub async fn favicon() -> Redirect {
    Redirect::permanent("/favicon.svg")
}

/// The site root's files (the favicon), and for every other path the
/// app's 404 page.
///
/// Files are served here rather than by Leptos' `file_and_error_handler`
/// alone: that handler looks up `ResponseOptions` under a new reactive owner
/// whose parent is whatever owner the worker thread last left current, so a
/// stylesheet fetched while another page's render had set 401 or 403 was
/// answered with that status (seen as rare browser-test failures).
pub fn static_files(state: &AppState) -> ServeDir<MethodRouter> {
    let not_found = any(file_and_error_handler::<AppState, _>(shell)).with_state(state.clone());
    ServeDir::new(state.leptos_options.site_root.as_ref()).fallback(not_found)
}

/// Where the build's scripts, styles and WASM are served (`/pkg`).
pub fn pkg_path(state: &AppState) -> String {
    format!("/{}", state.leptos_options.site_pkg_dir.trim_matches('/'))
}

/// The build's scripts, styles and WASM, without sessions.
pub fn pkg_files(state: &AppState) -> ServeDir {
    let options = &state.leptos_options;
    ServeDir::new(format!(
        "{}/{}",
        options.site_root.trim_end_matches('/'),
        options.site_pkg_dir.trim_matches('/')
    ))
}
