//! `GET /healthz`: the liveness check (see [`super::readiness`] for
//! whether to send traffic).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use camp_connect_app::state::AppState;

/// Where the liveness check answers.
pub const HEALTHZ: &str = "/healthz";

/// `GET /healthz`: 200 when the database answers, 503 when it does not.
pub async fn healthz(State(state): State<AppState>) -> Response {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, "ok").into_response(),
        Err(err) => {
            tracing::warn!(error = %err, "health check: database does not answer");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}
