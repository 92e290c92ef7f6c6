//! The background sweep of offers: lapses offers past their deadline
//! (offering each freed place to the waitlist) and queues reminders two
//! days before a deadline. Several instances may sweep one database: every
//! change is a conditional UPDATE, so each happens once.

use camp_connect_app::store::review::offer::sweep;
use chrono::Utc;
use sea_orm::DatabaseConnection;
use std::time::Duration;

/// How often the sweep runs.
pub const EVERY: Duration = Duration::from_secs(60);

/// Sweeps every `every`, for as long as the server runs; a failed round is
/// logged and tried again at the next tick. Mails link to pages under
/// `site` (the instance's `PUBLIC_URL`).
pub fn spawn(db: DatabaseConnection, site: String, every: Duration) -> tokio::task::JoinHandle<()> {
    super::periodic::spawn("offer sweep", every, move || {
        let (db, site) = (db.clone(), site.clone());
        async move {
            let s = sweep(&db, &site, Utc::now()).await?;
            if s.expired + s.reminded > 0 {
                tracing::info!(expired = s.expired, reminded = s.reminded, "offers swept");
            }
            Ok::<_, sea_orm::DbErr>(())
        }
    })
}
