//! The idle timeout: a session's stored expiry moves forward as it is used,
//! written at most once per [`EXPIRY_REFRESH_SLACK`].
//!
//! tower-sessions saves a session only when it was modified. Marking every
//! request as a modification (`with_always_save`) made each response set the
//! cookie again and each request write (or at least re-read) the session:
//! a stylesheet still loading across a sign-out sent the old cookie back.
//! Instead, the time of the last refresh is kept in the session, and a
//! request that finds it older than the slack updates it, which saves the
//! session with a new expiry and sends the cookie with a new max-age.

use crate::store::sessions::EXPIRY_REFRESH_SLACK;
use chrono::{DateTime, Utc};
use tower_sessions::Session;

/// Session key: when the expiry was last moved forward (Unix seconds).
pub(super) const REFRESHED_AT_KEY: &str = "refreshed_at";

/// Moves the session's expiry forward if its last refresh is older than the
/// slack. Requests without a session, or whose cookie names a session that
/// has ended, change nothing.
pub async fn refresh_idle_expiry(
    session: &Session,
    now: DateTime<Utc>,
) -> Result<(), tower_sessions::session::Error> {
    if session.id().is_none() {
        return Ok(());
    }
    // Loads the record; an ended session's id is dropped on the way.
    let refreshed = session.get::<i64>(REFRESHED_AT_KEY).await?;
    if session.id().is_none() {
        return Ok(());
    }
    let due = refreshed.is_none_or(|t| now.timestamp() - t >= EXPIRY_REFRESH_SLACK.num_seconds());
    if due {
        session.insert(REFRESHED_AT_KEY, now.timestamp()).await?;
    }
    Ok(())
}
