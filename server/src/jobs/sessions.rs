//! The cleanup of expired sessions.

use super::Jobs;
use camp_connect_app::store::sessions::DbSessionStore;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// How often expired sessions are deleted.
pub const EVERY: Duration = Duration::from_secs(15 * 60);

/// Deletes expired sessions every [`EVERY`] until `stop`, so the table
/// does not grow.
pub fn spawn(jobs: &mut Jobs, store: DbSessionStore, stop: &CancellationToken) {
    super::periodic::spawn(jobs, "expired-session cleanup", EVERY, stop, move || {
        let store = store.clone();
        async move {
            let n = store.delete_expired(chrono::Utc::now()).await?;
            if n > 0 {
                tracing::info!(deleted = n, "expired sessions");
            }
            Ok::<_, sea_orm::DbErr>(())
        }
    });
}
