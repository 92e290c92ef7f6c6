//! The server's shared state, given to every route and server function.

use crate::error::AppError;
use axum::extract::FromRef;
use leptos::prelude::*;
use sea_orm::DatabaseConnection;

/// Everything a request may need: the Leptos options, the one pool and the
/// sign-in settings.
#[derive(Clone, Debug, FromRef)]
pub struct AppState {
    /// Where the site's files are and how Leptos renders.
    pub leptos_options: LeptosOptions,
    /// The database pool (SQLite or PostgreSQL).
    pub db: DatabaseConnection,
    /// How people may sign in.
    pub auth: AuthSettings,
    /// Whether this instance sends mail (`SMTP_URL` is set). Without it the
    /// outbox fills and nothing is sent; the outbox page says so.
    pub mail_sending: bool,
    /// Where people reach this instance (`PUBLIC_URL`), for links in mail.
    pub public_url: String,
    /// This instance's in-memory directory index, kept current through the
    /// database (`store::alumni::index`).
    pub directory: std::sync::Arc<crate::store::alumni::index::DirectoryIndex>,
}

/// How people may sign in on this instance.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuthSettings {
    /// Whether the demo sign-in page is on (`make run` only; refused in production).
    pub demo_sign_in: bool,
    /// The configured sign-in providers.
    pub providers: Vec<crate::domain::identity::ProviderButton>,
}

/// The sign-in settings of the current request.
pub fn auth_settings() -> AuthSettings {
    use_context::<AppState>()
        .map(|s| s.auth)
        .unwrap_or_default()
}

/// Whether this instance sends mail.
pub fn mail_sending() -> bool {
    use_context::<AppState>().is_some_and(|s| s.mail_sending)
}

/// The shared state of the current request, from the Leptos context.
pub fn current() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the Leptos context");
        AppError::Unavailable
    })
}

/// This instance's directory index.
pub fn directory() -> Result<std::sync::Arc<crate::store::alumni::index::DirectoryIndex>, AppError>
{
    current().map(|s| s.directory)
}
