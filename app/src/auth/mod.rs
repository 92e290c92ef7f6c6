//! Sessions and the current actor (server only).
//!
//! A session holds only the account id and the sign-in time; roles are read
//! from the database on every request, so a revoked role takes effect at once.

use crate::domain::access::{Actor, Denied};
use crate::domain::identity::Viewer;
use crate::error::AppError;
use chrono::{DateTime, Duration, Utc};
use sea_orm::DatabaseConnection;
use tower_sessions::Session;

mod idle;
pub use idle::refresh_idle_expiry;

const ACCOUNT_KEY: &str = "account_id";
const SIGNED_IN_AT_KEY: &str = "signed_in_at";

/// How long a session may go unused before it ends (the cookie's expiry).
pub const IDLE_TIMEOUT: Duration = Duration::hours(12);
/// How long a session may last at most, however busy.
pub const ABSOLUTE_TIMEOUT: Duration = Duration::days(14);

fn session_error(err: tower_sessions::session::Error) -> AppError {
    tracing::error!(error = %err, "session");
    AppError::Unavailable
}

/// Signs `account_id` in: a new session id (so an id planted before sign-in
/// is worthless), then the account and the time.
pub async fn sign_in(
    session: &Session,
    account_id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    session.cycle_id().await.map_err(session_error)?;
    session
        .insert(ACCOUNT_KEY, account_id)
        .await
        .map_err(session_error)?;
    session
        .insert(SIGNED_IN_AT_KEY, now.timestamp())
        .await
        .map_err(session_error)?;
    // Just created with a full idle timeout: nothing to refresh for a while.
    session
        .insert(idle::REFRESHED_AT_KEY, now.timestamp())
        .await
        .map_err(session_error)?;
    Ok(())
}

/// Ends the session, on the server as well as in the browser.
pub async fn sign_out(session: &Session) -> Result<(), AppError> {
    session.flush().await.map_err(session_error)
}

/// The signed-in actor and viewer, or `None`. A session past its absolute
/// lifetime, or whose account is gone, is ended here.
pub async fn current(
    session: &Session,
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<Option<(Actor, Viewer)>, AppError> {
    let Some(account_id) = session
        .get::<i32>(ACCOUNT_KEY)
        .await
        .map_err(session_error)?
    else {
        return Ok(None);
    };
    let signed_in_at = session
        .get::<i64>(SIGNED_IN_AT_KEY)
        .await
        .map_err(session_error)?
        .and_then(|t| DateTime::from_timestamp(t, 0));
    let fresh = signed_in_at.is_some_and(|t| now - t < ABSOLUTE_TIMEOUT);
    if !fresh {
        sign_out(session).await?;
        return Ok(None);
    }
    match crate::store::identity::actor_and_viewer(db, account_id).await? {
        Some(found) => Ok(Some(found)),
        None => {
            sign_out(session).await?;
            Ok(None)
        }
    }
}

/// The signed-in actor and viewer of one HTTP request, worked out once:
/// a page render asks for them in the header and again in each of its
/// server functions. The server's router puts a fresh, empty one into every
/// request's extensions; it is found through the request's own `Parts`,
/// like the session itself, never through a Leptos context that could
/// outlive the request (a memo kept that way once served one person's data
/// to another).
#[derive(Clone, Debug, Default)]
pub struct RequestActor(std::sync::Arc<tokio::sync::OnceCell<Option<(Actor, Viewer)>>>);

/// [`current`] for the request being served, at most once per request.
pub async fn current_in_request(
    session: &Session,
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<Option<(Actor, Viewer)>, AppError> {
    let memo = leptos::prelude::use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<RequestActor>().cloned());
    match memo {
        Some(RequestActor(cell)) => cell
            .get_or_try_init(|| current(session, db, now))
            .await
            .cloned(),
        None => current(session, db, now).await,
    }
}

/// The session of the request a server function is serving.
pub async fn request_session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(|e| {
        tracing::error!(error = %e, "no session layer on this request");
        AppError::Unavailable
    })
}

impl From<Denied> for AppError {
    fn from(d: Denied) -> Self {
        match d {
            Denied::SignInRequired => AppError::SignInRequired,
            Denied::Forbidden => AppError::Forbidden,
        }
    }
}
