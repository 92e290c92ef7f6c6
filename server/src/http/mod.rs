//! The HTTP router: the routes of [`routes`] wrapped in the layers of
//! [`middleware`], in one fixed order.

pub mod middleware;
pub mod routes;

pub use middleware::sessions::{SECURE_SESSION_COOKIE, SESSION_COOKIE};
pub use routes::auth::AuthRoutes;
pub use routes::pages::route_list;
pub use routes::{DATA_ROUTES, FUNNEL_EXPORT, POST_ROUTES, REVIEW_EXPORT};

use axum::Router;
use axum::middleware::{from_fn, from_fn_with_state};
use camp_connect_app::state::AppState;
use middleware::metrics::Metrics;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

/// Builds the whole application router around `state`. `secure_cookies`
/// marks the session cookie `Secure` (the site is served over HTTPS);
/// `auth` holds the sign-in providers and the sign-in rate limit.
///
/// The rate limit reads the client's address from axum's `ConnectInfo`, so
/// serve the router with `into_make_service_with_connect_info::<SocketAddr>()`.
pub fn router(state: AppState, secure_cookies: bool, auth: AuthRoutes) -> Router {
    router_with(state, secure_cookies, auth, Operations::default())
}

/// The operator's settings of the router.
#[derive(Clone, Debug, Default)]
pub struct Operations {
    /// `METRICS_TOKEN`: the bearer token `/metrics` asks for, if any.
    pub metrics_token: Option<String>,
}

/// Like [`router`], with the operator's settings `ops`.
///
/// The layers are listed innermost first: each `.layer` wraps everything
/// above it, so a request meets them from the bottom up.
pub fn router_with(
    state: AppState,
    secure_cookies: bool,
    auth: AuthRoutes,
    ops: Operations,
) -> Router {
    let metrics = Metrics::new(ops.metrics_token);
    routes::table(&state, &auth, metrics.clone())
        .route_layer(from_fn(middleware::api_status::set_error_status))
        .layer(from_fn_with_state(state.clone(), routes::events::event_ics))
        .layer(axum::Extension(auth.oidc))
        .layer(axum::Extension(auth.github))
        .layer(from_fn(middleware::sessions::keep_session_alive))
        .layer(from_fn(middleware::sessions::fresh_actor))
        .layer(middleware::sessions::layer(&state, secure_cookies))
        // The scripts and styles, added after the session layer so that
        // they are served without one: a stylesheet still loading when its
        // page's sign-in or sign-out answers must not set the old session
        // cookie again.
        .nest_service(
            &routes::files::pkg_path(&state),
            routes::files::pkg_files(&state),
        )
        .layer(from_fn(middleware::request_guard::refuse_unreadable))
        .layer(from_fn(middleware::csrf::refuse_cross_site))
        .layer(from_fn(move |req, next| {
            middleware::security_headers::add(secure_cookies, req, next)
        }))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        // Outermost, so the log line and the counts see every answer (a
        // refused cross-site post too) with the request's id.
        .layer(from_fn_with_state(metrics, middleware::metrics::observe))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .layer(from_fn(middleware::request_id::drop_insane))
        .with_state(state)
}
