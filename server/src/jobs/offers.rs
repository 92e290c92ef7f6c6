//! The background sweep of offers: lapses offers past their deadline
//! (offering each freed place to the waitlist) and queues reminders two
//! days before a deadline. Several instances may sweep one database: every
//! change is a conditional UPDATE, so each happens once.

use super::Jobs;
use camp_connect_app::store::review::offer::sweep;
use chrono::Utc;
use sea_orm::DatabaseConnection;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// How often the sweep runs.
pub const EVERY: Duration = Duration::from_secs(60);

/// Sweeps every [`EVERY`] until `stop`; a failed round is logged and tried
/// again at the next tick. Mails link to pages under `site` (the
/// instance's `PUBLIC_URL`).
pub fn spawn(jobs: &mut Jobs, db: DatabaseConnection, site: String, stop: &CancellationToken) {
    super::periodic::spawn(jobs, "offer sweep", EVERY, stop, move || {
        let (db, site) = (db.clone(), site.clone());
        async move {
            let s = sweep(&db, &site, Utc::now()).await?;
            if s.expired + s.reminded > 0 {
                tracing::info!(expired = s.expired, reminded = s.reminded, "offers swept");
            }
            Ok::<_, sea_orm::DbErr>(())
        }
    });
}
