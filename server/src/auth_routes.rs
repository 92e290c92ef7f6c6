//! `/auth/*`: form posts that sign in and out. Plain HTTP redirects, so they
//! work with and without JavaScript and the next page load sees the session.

use axum::Form;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use camp_connect_app::auth;
use camp_connect_app::domain::url::local_path_or_root;
use camp_connect_app::state::AppState;
use camp_connect_app::store::identity::{DEMO_PROVIDER, account_for_identity};
use chrono::Utc;
use serde::Deserialize;
use tower_sessions::Session;

fn see_other(to: &'static str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response()
}

fn unavailable() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        "ただいまサインインできません。しばらくしてからお試しください。\nSigning in is unavailable right now; please try again shortly.",
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
            "demo sign-in is off / デモ用サインインは無効です",
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
