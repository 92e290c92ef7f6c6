//! The server's shared state, given to every route and server function.

use crate::error::AppError;
use axum::extract::FromRef;
use leptos::prelude::*;
use sea_orm::DatabaseConnection;

/// Everything a request may need: the Leptos options and the one pool.
#[derive(Clone, Debug, FromRef)]
pub struct AppState {
    /// Where the site's files are and how Leptos renders.
    pub leptos_options: LeptosOptions,
    /// The database pool (SQLite or PostgreSQL).
    pub db: DatabaseConnection,
}

/// The database pool of the current request, from the Leptos context.
pub fn db() -> Result<DatabaseConnection, AppError> {
    use_context::<AppState>().map(|s| s.db).ok_or_else(|| {
        tracing::error!("AppState missing from the Leptos context");
        AppError::Unavailable
    })
}
