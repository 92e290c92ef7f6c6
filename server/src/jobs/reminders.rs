//! The background sweep that queues event reminders.

use chrono::Utc;
use sea_orm::DatabaseConnection;
use std::time::Duration;

/// How often the reminder sweep runs.
pub const EVERY: Duration = Duration::from_secs(300);

/// Queues the reminders of events starting within a day, every `every`,
/// for as long as the server runs; a failed round is logged and tried
/// again at the next tick. Mails link to pages under `site`.
pub fn spawn(db: DatabaseConnection, site: String, every: Duration) -> tokio::task::JoinHandle<()> {
    super::periodic::spawn("event reminders", every, move || {
        let (db, site) = (db.clone(), site.clone());
        async move {
            let n = camp_connect_app::store::events::rsvp::remind(&db, &site, Utc::now()).await?;
            if n > 0 {
                tracing::info!(events = n, "event reminders queued");
            }
            Ok::<_, sea_orm::DbErr>(())
        }
    })
}
