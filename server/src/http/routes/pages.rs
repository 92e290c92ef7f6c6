//! The Leptos app's pages and server functions, as axum sees them.

use camp_connect_app::app::App;
use leptos_axum::{AxumRouteListing, generate_route_list};

/// The app's page routes, worked out once per process.
///
/// Leptos finds the routes by rendering the app in a special mode that is
/// global to the process; doing it once (and before any request is served)
/// keeps that mode from ever overlapping a real render. Servers build one
/// router, but the integration tests build many side by side.
pub fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: std::sync::LazyLock<Vec<AxumRouteListing>> =
        std::sync::LazyLock::new(|| generate_route_list(App));
    ROUTES.clone()
}
