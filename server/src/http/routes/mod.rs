//! The route table: every URL the server answers, grouped by capability,
//! read top to bottom. The handlers live in this module's files; the
//! layers around them in [`crate::http::router_with`].

pub mod answer_files;
pub mod auth;
pub mod csv;
pub mod events;
pub mod files;
pub mod history;
pub mod language;
pub mod manage_csv;
pub mod metrics;
pub mod pages;
pub mod pipeline;
pub mod reader;
pub mod readiness;
pub mod scope;
pub mod status;
pub mod unsubscribe;

use crate::http::middleware::metrics::Metrics;
use auth::AuthRoutes;
use axum::Router;
use axum::routing::{get, post};
use camp_connect_app::app::shell;
use camp_connect_app::state::AppState;
use leptos_axum::LeptosRoutes;
use std::sync::Arc;

/// The organisers' ranking export (CSV).
pub const REVIEW_EXPORT: &str = manage_csv::RANKING;

/// The organisers' pipeline funnel export (CSV).
pub const FUNNEL_EXPORT: &str = pipeline::FUNNEL_EXPORT;

/// The GET routes outside the Leptos app that answer with someone's data,
/// so the authorization matrix can insist on a row for each.
pub const DATA_ROUTES: &[&str] = &[
    REVIEW_EXPORT,
    manage_csv::ANSWERS,
    manage_csv::TRACK_ROSTER,
    manage_csv::COHORT_ROSTER,
    FUNNEL_EXPORT,
    events::EVENT_ICS,
    events::ATTENDEES_CSV,
    events::CALENDAR_FEED,
    events::CREDITS_CSV,
    answer_files::DOWNLOAD,
];

/// The POST routes outside the Leptos app: multipart uploads (a server
/// function takes none without JavaScript) and the one-click opt-out mail
/// programs post to (RFC 8058). The authorization matrix insists on a row
/// for each, as for server functions.
pub const POST_ROUTES: &[&str] = &[
    history::HISTORY_UPLOAD,
    answer_files::UPLOAD,
    unsubscribe::ONE_CLICK,
];

/// Every route, with the app's pages and, for any other path, the site's
/// files or the 404 page. `registry` holds the counts `/metrics` reports.
pub fn table(state: &AppState, auth: &AuthRoutes, registry: Arc<Metrics>) -> Router<AppState> {
    let options = state.leptos_options.clone();
    Router::new()
        .merge(operations(registry))
        .merge(site())
        .merge(exports())
        .route(history::HISTORY_UPLOAD, post(history::upload))
        .merge(answer_files())
        .route(unsubscribe::ONE_CLICK, post(unsubscribe::one_click))
        .merge(auth::routes(auth))
        .leptos_routes(state, pages::route_list(), move || shell(options.clone()))
        .fallback_service(files::static_files(state))
}

/// File answers: the upload (the only route taking a body larger than the
/// site's usual limit) and the download.
fn answer_files() -> Router<AppState> {
    use axum::extract::DefaultBodyLimit;
    Router::new()
        .route(
            answer_files::UPLOAD,
            post(answer_files::upload_file)
                .layer(DefaultBodyLimit::max(answer_files::UPLOAD_MAX_BODY)),
        )
        .route(answer_files::DOWNLOAD, get(answer_files::download_file))
}

/// For the operator and the load balancer: liveness, readiness, metrics.
fn operations(registry: Arc<Metrics>) -> Router<AppState> {
    let scrape = move |state, headers| metrics::scrape(registry.clone(), state, headers);
    Router::new()
        .route(status::HEALTHZ, get(status::healthz))
        .route(readiness::READYZ, get(readiness::readyz))
        .route(metrics::METRICS_PATH, get(scrape))
}

/// Around the pages: the favicon and the language switch.
fn site() -> Router<AppState> {
    Router::new()
        .route(files::FAVICON, get(files::favicon))
        .route(language::SET_LANGUAGE, get(language::set_language))
}

/// Downloads that are not pages: CSV exports and calendar files (an
/// event's own `.ics` is answered by [`events::event_ics`], a layer).
fn exports() -> Router<AppState> {
    use manage_csv::{TrackExport, track_csv};
    Router::new()
        .route(
            REVIEW_EXPORT,
            get(|s, p, h, x| track_csv(TrackExport::Ranking, s, p, h, x)),
        )
        .route(
            manage_csv::ANSWERS,
            get(|s, p, h, x| track_csv(TrackExport::Answers, s, p, h, x)),
        )
        .route(
            manage_csv::TRACK_ROSTER,
            get(|s, p, h, x| track_csv(TrackExport::Roster, s, p, h, x)),
        )
        .route(
            manage_csv::COHORT_ROSTER,
            get(manage_csv::cohort_roster_csv),
        )
        .route(events::ATTENDEES_CSV, get(events::attendees_csv))
        .route(FUNNEL_EXPORT, get(pipeline::funnel_csv))
        .route(events::CALENDAR_FEED, get(events::calendar_feed))
        .route(events::CREDITS_CSV, get(events::credits_csv))
}
