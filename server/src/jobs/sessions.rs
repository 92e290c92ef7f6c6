//! The cleanup of expired sessions.

use camp_connect_app::store::sessions::DbSessionStore;
use std::time::Duration;

/// How often expired sessions are deleted.
pub const EVERY: Duration = Duration::from_secs(15 * 60);

/// Deletes expired sessions every [`EVERY`], so the table does not grow.
pub fn spawn(store: DbSessionStore) -> tokio::task::JoinHandle<()> {
    super::periodic::spawn("expired-session cleanup", EVERY, move || {
        let store = store.clone();
        async move {
            let n = store.delete_expired(chrono::Utc::now()).await?;
            if n > 0 {
                tracing::info!(deleted = n, "expired sessions");
            }
            Ok::<_, sea_orm::DbErr>(())
        }
    })
}
