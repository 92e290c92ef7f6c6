//! The work `serve` does beside answering requests: sweeps and cleanups on
//! a timer ([`periodic`]), the mail worker, and the directory index's
//! warm-up.
//!
//! Every job watches one [`CancellationToken`], cancelled when the server is
//! told to stop: a job then starts no new unit of work (a mail, a sweep, a
//! cleanup) but finishes the one in progress, so nothing is left
//! half-done. [`Jobs::stopped`] waits for them, within a grace period.

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
use std::collections::HashMap;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

/// The running background jobs of one instance, each under its name.
#[derive(Debug, Default)]
pub struct Jobs {
    running: JoinSet<()>,
    names: HashMap<tokio::task::Id, &'static str>,
}

impl Jobs {
    /// Runs `job` as the background job called `what`.
    pub fn spawn(&mut self, what: &'static str, job: impl Future<Output = ()> + Send + 'static) {
        let id = self.running.spawn(job).id();
        self.names.insert(id, what);
    }

    /// Waits until every job has returned, at most `grace` after `stop` is
    /// cancelled; logs each job that stopped, and warns of each still busy
    /// when the grace period ends. Those are abandoned: each unit of work
    /// is one transaction or one claimed mail, whose claim lapses, so what
    /// they leave is either done or redone by the next instance.
    pub async fn stopped(mut self, stop: CancellationToken, grace: Duration) {
        stop.cancelled().await;
        let deadline = tokio::time::Instant::now() + grace;
        loop {
            match tokio::time::timeout_at(deadline, self.running.join_next_with_id()).await {
                Ok(Some(Ok((id, ())))) => {
                    let what = self.names.remove(&id).unwrap_or_default();
                    tracing::info!(job = what, "background job stopped");
                }
                Ok(Some(Err(error))) => {
                    let what = self.names.remove(&error.id()).unwrap_or_default();
                    tracing::error!(job = what, %error, "background job failed");
                }
                Ok(None) => return,
                Err(_) => break,
            }
        }
        for what in self.names.values() {
            tracing::warn!(
                job = what,
                grace_secs = grace.as_secs(),
                "background job still busy at the end of the shutdown grace period; abandoned"
            );
        }
    }
}

/// Starts every background job of a serving instance: the session
/// cleanup, the mail worker (when configured), the offer sweep, the event
/// reminders, the draft and review reminders and the load of `directory`;
/// each stops once `stop` is cancelled. Fails only when the mail settings
/// cannot be used.
pub fn spawn_all(
    config: &Config,
    conn: &DatabaseConnection,
    directory: Arc<DirectoryIndex>,
    stop: &CancellationToken,
) -> Result<Jobs, String> {
    let mut jobs = Jobs::default();
    sessions::spawn(&mut jobs, DbSessionStore::new(conn.clone()), stop);
    mail::start_worker(&mut jobs, config, conn, stop)?;
    let site = &config.public_url;
    offers::spawn(&mut jobs, conn.clone(), site.clone(), stop);
    reminders::spawn(&mut jobs, conn.clone(), site.clone(), stop);
    directory::warm_up(&mut jobs, directory, conn.clone(), stop);
    Ok(jobs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Instant;

    #[tokio::test]
    async fn waits_for_the_work_in_progress_within_the_grace_period_only() {
        let stop = CancellationToken::new();
        let mut jobs = Jobs::default();
        let finished = Arc::new(AtomicBool::new(false));
        let (seen, done) = (stop.clone(), finished.clone());
        jobs.spawn("polite", async move {
            seen.cancelled().await;
            tokio::time::sleep(Duration::from_millis(50)).await;
            done.store(true, Ordering::SeqCst);
        });
        jobs.spawn("stuck", std::future::pending());
        stop.cancel();
        let started = Instant::now();
        jobs.stopped(stop, Duration::from_millis(300)).await;
        let took = started.elapsed();
        assert!(finished.load(Ordering::SeqCst));
        assert!(took >= Duration::from_millis(300), "{took:?}");
        assert!(took < Duration::from_secs(2), "{took:?}");
    }

    #[tokio::test]
    async fn no_round_starts_after_the_stop_even_when_one_is_due() {
        let stop = CancellationToken::new();
        let mut tick = tokio::time::interval(Duration::from_secs(60));
        assert!(periodic::wait_for_tick(&mut tick, &stop).await);
        stop.cancel();
        tick.reset_immediately();
        assert!(!periodic::wait_for_tick(&mut tick, &stop).await);
    }
}
