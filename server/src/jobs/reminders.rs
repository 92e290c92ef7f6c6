//! The background sweeps that queue reminders: events the day before, and
//! drafts and reviews before their deadlines. Several instances may sweep
//! one database: each reminder is claimed by a conditional update or a
//! keyed insert in the transaction that queues it, so each goes once.

use super::Jobs;
use chrono::Utc;
use sea_orm::DatabaseConnection;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// How often the reminder sweeps run.
pub const EVERY: Duration = Duration::from_secs(300);

/// Queues the reminders of events starting within a day, and of drafts and
/// reviews whose deadline is near, every [`EVERY`] until `stop`; a failed
/// round is logged and tried again at the next tick. Mails link to pages
/// under `site`.
pub fn spawn(jobs: &mut Jobs, db: DatabaseConnection, site: String, stop: &CancellationToken) {
    let (events_db, events_site) = (db.clone(), site.clone());
    super::periodic::spawn(jobs, "event reminders", EVERY, stop, move || {
        let (db, site) = (events_db.clone(), events_site.clone());
        async move {
            let n = camp_connect_app::store::events::rsvp::remind(&db, &site, Utc::now()).await?;
            if n > 0 {
                tracing::info!(events = n, "event reminders queued");
            }
            Ok::<_, sea_orm::DbErr>(())
        }
    });
    super::periodic::spawn(jobs, "deadline reminders", EVERY, stop, move || {
        let (db, site) = (db.clone(), site.clone());
        async move {
            let s = camp_connect_app::store::reminders::sweep(&db, &site, Utc::now()).await?;
            if s.drafts + s.reviews > 0 {
                tracing::info!(
                    drafts = s.drafts,
                    reviews = s.reviews,
                    "deadline reminders queued"
                );
            }
            Ok::<_, sea_orm::DbErr>(())
        }
    });
}
