//! The background sweep that queues event reminders.

use super::Jobs;
use chrono::Utc;
use sea_orm::DatabaseConnection;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// How often the reminder sweep runs.
pub const EVERY: Duration = Duration::from_secs(300);

/// Queues the reminders of events starting within a day, every [`EVERY`]
/// until `stop`; a failed round is logged and tried again at the next
/// tick. Mails link to pages under `site`.
pub fn spawn(jobs: &mut Jobs, db: DatabaseConnection, site: String, stop: &CancellationToken) {
    super::periodic::spawn(jobs, "event reminders", EVERY, stop, move || {
        let (db, site) = (db.clone(), site.clone());
        async move {
            let n = camp_connect_app::store::events::rsvp::remind(&db, &site, Utc::now()).await?;
            if n > 0 {
                tracing::info!(events = n, "event reminders queued");
            }
            Ok::<_, sea_orm::DbErr>(())
        }
    });
}
