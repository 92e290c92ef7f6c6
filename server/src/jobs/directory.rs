//! The alumni directory's index, loaded in the background at start-up.

use super::Jobs;
use camp_connect_app::store::alumni::index::DirectoryIndex;
use sea_orm::DatabaseConnection;
use std::sync::Arc;
use tokio_util::sync::CancellationToken;

/// Loads the directory index in the background, so the first directory
/// search after a start need not wait for 100,000 profiles to load. A
/// stop cuts the load short: it only reads, so nothing is left half-done.
pub fn warm_up(
    jobs: &mut Jobs,
    index: Arc<DirectoryIndex>,
    conn: DatabaseConnection,
    stop: &CancellationToken,
) {
    let stop = stop.clone();
    jobs.spawn("directory warm-up", async move {
        let started = std::time::Instant::now();
        let loaded = tokio::select! {
            () = stop.cancelled() => return,
            loaded = index.warm(&conn) => loaded,
        };
        match loaded {
            Ok(n) => tracing::info!(
                profiles = n,
                ms = started.elapsed().as_millis() as u64,
                "directory index loaded"
            ),
            // The first search loads it again and answers 503 if it fails too.
            Err(e) => tracing::warn!(error = %e, "directory index not loaded"),
        }
    });
}
