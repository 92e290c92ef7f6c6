//! The alumni directory's index, loaded in the background at start-up.

use camp_connect_app::store::alumni::index::DirectoryIndex;
use sea_orm::DatabaseConnection;
use std::sync::Arc;

/// Loads the directory index in the background, so the first directory
/// search after a start need not wait for 100,000 profiles to load.
pub fn warm_up(
    index: Arc<DirectoryIndex>,
    conn: DatabaseConnection,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let started = std::time::Instant::now();
        match index.warm(&conn).await {
            Ok(n) => tracing::info!(
                profiles = n,
                ms = started.elapsed().as_millis() as u64,
                "directory index loaded"
            ),
            // The first search loads it again and answers 503 if it fails too.
            Err(e) => tracing::warn!(error = %e, "directory index not loaded"),
        }
    })
}
