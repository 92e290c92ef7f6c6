//! `/auth/*`: sign-in and sign-out, all behind one rate limit. The demo
//! sign-in and the sign-out are form posts answered with plain HTTP
//! redirects, so they work with and without JavaScript and the next page
//! load sees the session; the providers' routes live in [`crate::sign_in`].

use crate::http::middleware::rate_limit::AuthRateLimit;
use crate::sign_in;
use crate::sign_in::github::GitHub;
use crate::sign_in::oidc::OidcProviders;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use camp_connect_app::auth;
use camp_connect_app::domain::url::local_path_or_root;
use camp_connect_app::state::AppState;
use camp_connect_app::store::identity::{DEMO_PROVIDER, account_for_identity};
use chrono::Utc;
use serde::Deserialize;
use tower_sessions::Session;

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

/// Sign-in and sign-out, all behind one rate limit (and only these: pages
/// and static files are never limited).
pub fn routes(settings: &AuthRoutes) -> Router<AppState> {
    Router::new()
        .route("/auth/demo", post(demo_sign_in))
        .route("/auth/sign-out", post(sign_out))
        .route("/auth/oidc/{provider}/start", get(sign_in::oidc::start))
        .route(
            "/auth/oidc/{provider}/callback",
            get(sign_in::oidc::callback),
        )
        .route("/auth/github/start", get(sign_in::github::start))
        .route("/auth/github/callback", get(sign_in::github::callback))
        .layer(settings.rate_limit.layer())
}

fn see_other(to: &'static str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response()
}

fn unavailable() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        camp_connect_app::domain::text::bilingual(
            camp_connect_app::domain::text::problems::http::sign_in_unavailable_retry,
        ),
    )
        .into_response()
}

/// The demo sign-in form.
#[derive(Deserialize)]
pub struct DemoForm {
    email: String,
    /// Where the person was going (a path on this site).
    next: Option<String>,
}

/// `POST /auth/demo`: signs in as a demo account. 404 unless demo sign-in
/// is on (it never is in production).
pub async fn demo_sign_in(
    State(state): State<AppState>,
    session: Session,
    Form(form): Form<DemoForm>,
) -> Response {
    if !state.auth.demo_sign_in {
        return (
            StatusCode::NOT_FOUND,
            camp_connect_app::domain::text::bilingual(
                camp_connect_app::domain::text::problems::http::demo_off,
            ),
        )
            .into_response();
    }
    match account_for_identity(&state.db, DEMO_PROVIDER, form.email.trim()).await {
        Ok(Some(account_id)) => match auth::sign_in(&session, account_id, Utc::now()).await {
            Ok(()) => {
                tracing::info!(account_id, "demo sign-in");
                let next = local_path_or_root(form.next.as_deref().unwrap_or("/"));
                match HeaderValue::from_str(next) {
                    Ok(location) => {
                        (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response()
                    }
                    Err(_) => see_other("/"),
                }
            }
            Err(_) => unavailable(),
        },
        Ok(None) => see_other("/sign-in?error=unknown-account"),
        Err(err) => {
            tracing::error!(error = %err, "demo sign-in");
            unavailable()
        }
    }
}

/// `POST /auth/sign-out`: ends the session on the server.
pub async fn sign_out(session: Session) -> Response {
    match auth::sign_out(&session).await {
        Ok(()) => see_other("/"),
        Err(_) => unavailable(),
    }
}
