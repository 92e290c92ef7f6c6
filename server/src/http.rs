//! The HTTP router: Leptos pages and server functions, static files, health
//! and the language switch.

use crate::rate_limit::AuthRateLimit;
use crate::sign_in;
use crate::sign_in::github::GitHub;
use crate::sign_in::oidc::OidcProviders;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, any, get, post};
use camp_connect_app::app::{App, shell};
use camp_connect_app::auth::IDLE_TIMEOUT;
use camp_connect_app::domain::lang::{Lang, language_cookie};
use camp_connect_app::domain::url::local_path_or_root;
use camp_connect_app::state::AppState;
use camp_connect_app::store::sessions::DbSessionStore;
use leptos_axum::{AxumRouteListing, LeptosRoutes, file_and_error_handler, generate_route_list};
use serde::Deserialize;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::ServeDir;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

/// The session cookie's name over plain HTTP (development).
pub const SESSION_COOKIE: &str = "cc_session";

/// The session cookie's name over HTTPS. Browsers accept a `__Host-`
/// cookie only with `Secure`, `Path=/` and no `Domain`, so a neighbouring
/// subdomain can neither set nor shadow the session.
pub const SECURE_SESSION_COOKIE: &str = "__Host-cc_session";

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

/// The organisers' ranking export (CSV).
pub const REVIEW_EXPORT: &str = "/manage/{programme}/{cohort}/tracks/{track}/review/export.csv";

/// The organisers' pipeline funnel export (CSV).
pub const FUNNEL_EXPORT: &str = "/manage/{programme}/funnel.csv";

/// The GET routes outside the Leptos app that answer with someone's data,
/// so the authorization matrix can insist on a row for each.
pub const DATA_ROUTES: &[&str] = &[
    REVIEW_EXPORT,
    FUNNEL_EXPORT,
    crate::events_routes::EVENT_ICS,
    crate::events_routes::CALENDAR_FEED,
    crate::events_routes::CREDITS_CSV,
];

/// What the `/auth/*` routes need besides the app state.
#[derive(Clone, Debug)]
pub struct AuthRoutes {
    /// The configured OpenID Connect providers.
    pub oidc: OidcProviders,
    /// Sign-in with GitHub, or [`GitHub::off`].
    pub github: GitHub,
    /// The per-address limit on every `/auth/*` route.
    pub rate_limit: AuthRateLimit,
}

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
pub fn router_with(
    state: AppState,
    secure_cookies: bool,
    auth: AuthRoutes,
    ops: Operations,
) -> Router {
    let metrics = crate::metrics::Metrics::new(ops.metrics_token);
    let scrape = {
        let metrics = metrics.clone();
        move |state, headers| crate::metrics::scrape(metrics.clone(), state, headers)
    };
    let routes = route_list();
    let options = state.leptos_options.clone();
    let idle = time::Duration::seconds(IDLE_TIMEOUT.num_seconds());
    let sessions = SessionManagerLayer::new(DbSessionStore::new(state.db.clone()))
        .with_name(if secure_cookies {
            SECURE_SESSION_COOKIE
        } else {
            SESSION_COOKIE
        })
        .with_path("/")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(secure_cookies)
        // Saved only when modified; `keep_session_alive` modifies it when
        // its expiry is due to move forward.
        .with_expiry(Expiry::OnInactivity(idle));
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(crate::readiness::readyz))
        .route(crate::metrics::METRICS_PATH, get(scrape))
        // Browsers ask for /favicon.ico on pages without a <link rel=icon>.
        .route(
            "/favicon.ico",
            get(|| async { axum::response::Redirect::permanent("/favicon.svg") }),
        )
        .route("/lang/{tag}", get(set_language))
        .route(REVIEW_EXPORT, get(crate::review_routes::export_csv))
        .route(FUNNEL_EXPORT, get(crate::pipeline_routes::funnel_csv))
        .route(
            crate::events_routes::CALENDAR_FEED,
            get(crate::events_routes::calendar_feed),
        )
        .route(
            crate::events_routes::CREDITS_CSV,
            get(crate::events_routes::credits_csv),
        )
        .merge(auth_router(&auth))
        .leptos_routes(&state, routes, move || shell(options.clone()))
        .fallback_service(static_files(&state))
        .route_layer(axum::middleware::from_fn(
            crate::api_status::set_error_status,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::events_routes::event_ics,
        ))
        .layer(axum::Extension(auth.oidc))
        .layer(axum::Extension(auth.github))
        .layer(axum::middleware::from_fn(keep_session_alive))
        .layer(axum::middleware::from_fn(
            |mut req: axum::extract::Request, next: axum::middleware::Next| {
                req.extensions_mut()
                    .insert(camp_connect_app::auth::RequestActor::default());
                next.run(req)
            },
        ))
        .layer(sessions)
        // The scripts and styles, added after the session layer so that
        // they are served without one: a stylesheet still loading when its
        // page's sign-in or sign-out answers must not set the old session
        // cookie again.
        .nest_service(&pkg_path(&state), pkg_files(&state))
        .layer(axum::middleware::from_fn(
            crate::request_guard::refuse_unreadable,
        ))
        .layer(axum::middleware::from_fn(crate::csrf::refuse_cross_site))
        .layer(axum::middleware::from_fn(move |req, next| {
            crate::security_headers::add(secure_cookies, req, next)
        }))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        // Outermost, so the log line and the counts see every answer (a
        // refused cross-site post too) with the request's id.
        .layer(axum::middleware::from_fn_with_state(
            metrics,
            crate::metrics::observe,
        ))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .layer(axum::middleware::from_fn(crate::request_id::drop_insane))
        .with_state(state)
}

/// The site root's files (the favicon), and for every other path the
/// app's 404 page.
///
/// Files are served here rather than by Leptos' `file_and_error_handler`
/// alone: that handler looks up `ResponseOptions` under a new reactive owner
/// whose parent is whatever owner the worker thread last left current, so a
/// stylesheet fetched while another page's render had set 401 or 403 was
/// answered with that status (seen as rare browser-test failures).
fn static_files(state: &AppState) -> ServeDir<MethodRouter> {
    let not_found = any(file_and_error_handler::<AppState, _>(shell)).with_state(state.clone());
    ServeDir::new(state.leptos_options.site_root.as_ref()).fallback(not_found)
}

/// Moves the session's idle expiry forward when it is due (see
/// `auth::refresh_idle_expiry`); a failure is logged, the request goes on.
async fn keep_session_alive(
    session: tower_sessions::Session,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    if let Err(err) =
        camp_connect_app::auth::refresh_idle_expiry(&session, chrono::Utc::now()).await
    {
        tracing::warn!(error = %err, "session expiry not refreshed");
    }
    next.run(req).await
}

/// Where the build's scripts, styles and WASM are served (`/pkg`).
fn pkg_path(state: &AppState) -> String {
    format!("/{}", state.leptos_options.site_pkg_dir.trim_matches('/'))
}

/// The build's scripts, styles and WASM, without sessions.
fn pkg_files(state: &AppState) -> ServeDir {
    let options = &state.leptos_options;
    ServeDir::new(format!(
        "{}/{}",
        options.site_root.trim_end_matches('/'),
        options.site_pkg_dir.trim_matches('/')
    ))
}

/// Sign-in and sign-out, all behind one rate limit (and only these: pages
/// and static files are never limited).
fn auth_router(auth: &AuthRoutes) -> Router<AppState> {
    Router::new()
        .route("/auth/demo", post(crate::auth_routes::demo_sign_in))
        .route("/auth/sign-out", post(crate::auth_routes::sign_out))
        .route("/auth/oidc/{provider}/start", get(sign_in::oidc::start))
        .route(
            "/auth/oidc/{provider}/callback",
            get(sign_in::oidc::callback),
        )
        .route("/auth/github/start", get(sign_in::github::start))
        .route("/auth/github/callback", get(sign_in::github::callback))
        .layer(auth.rate_limit.layer())
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
