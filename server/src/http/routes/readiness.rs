//! `GET /readyz`: whether this instance should be sent traffic. `/healthz`
//! stays the liveness check (the process answers and so does the
//! database); readiness also wants the schema current and the directory
//! index loaded, so a load balancer waits for a fresh instance's warm-up
//! and turns away from one whose database is behind its code.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use camp_connect_app::state::AppState;

/// Where the readiness check answers.
pub const READYZ: &str = "/readyz";

/// Why an instance is not ready.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotReady {
    /// The database does not answer.
    Database,
    /// Migrations are pending (or their table cannot be read).
    Migrations,
    /// The directory index has not loaded yet.
    Directory,
}

impl NotReady {
    /// The short plain reason answered with 503.
    pub fn reason(&self) -> &'static str {
        match self {
            NotReady::Database => "database unavailable",
            NotReady::Migrations => "migrations pending: run camp-connect migrate",
            NotReady::Directory => "directory index not loaded yet",
        }
    }
}

/// Checks the database, the migrations and the directory index, in that
/// order.
pub async fn check(state: &AppState) -> Result<(), NotReady> {
    if let Err(err) = state.db.ping().await {
        tracing::warn!(error = %err, "readiness: database does not answer");
        return Err(NotReady::Database);
    }
    match crate::db::pending_migrations(&state.db).await {
        Ok(pending) if pending.is_empty() => {}
        Ok(pending) => {
            tracing::warn!(?pending, "readiness: migrations pending");
            return Err(NotReady::Migrations);
        }
        Err(err) => {
            tracing::warn!(error = %err, "readiness: migrations not readable");
            return Err(NotReady::Migrations);
        }
    }
    if state.directory.status().is_none() {
        return Err(NotReady::Directory);
    }
    Ok(())
}

/// `GET /readyz`: 200 `ready`, or 503 with the reason.
pub async fn readyz(State(state): State<AppState>) -> Response {
    match check(&state).await {
        Ok(()) => (StatusCode::OK, "ready").into_response(),
        Err(why) => (StatusCode::SERVICE_UNAVAILABLE, why.reason()).into_response(),
    }
}
