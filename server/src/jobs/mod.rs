//! The work `serve` does beside answering requests: sweeps and cleanups on
//! a timer ([`periodic`]), the mail worker, and the directory index's
//! warm-up.

pub mod directory;
pub mod mail;
pub mod offers;
pub mod periodic;
pub mod reminders;
pub mod sessions;

use crate::config::Config;
use camp_connect_app::store::alumni::index::DirectoryIndex;
use camp_connect_app::store::sessions::DbSessionStore;
use sea_orm::DatabaseConnection;
use std::sync::Arc;

/// Starts every background job of a serving instance: the session
/// cleanup, the mail worker (when configured), the offer sweep, the event
/// reminders and the load of `directory`. Fails only when the mail
/// settings cannot be used.
pub fn spawn_all(
    config: &Config,
    conn: &DatabaseConnection,
    directory: Arc<DirectoryIndex>,
) -> Result<(), String> {
    sessions::spawn(DbSessionStore::new(conn.clone()));
    mail::start_worker(config, conn)?;
    offers::spawn(conn.clone(), config.public_url.clone(), offers::EVERY);
    reminders::spawn(conn.clone(), config.public_url.clone(), reminders::EVERY);
    directory::warm_up(directory, conn.clone());
    Ok(())
}
