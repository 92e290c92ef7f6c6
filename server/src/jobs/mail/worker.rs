//! The background worker that empties the outbox.

use super::Mailer;
use crate::config::Config;
use crate::config::DEFAULT_MAIL_BULK_PER_MINUTE;
use crate::jobs::Jobs;
use crate::jobs::periodic::wait_for_tick;
use camp_connect_app::domain::mail::{UNSUBSCRIBE_PLACEHOLDER, unsubscribe_path};
use camp_connect_app::domain::tokens;
use camp_connect_app::store::outbox::{
    AttemptOutcome, ClaimedMessage, claim_due_paced, record_attempt, release_claim,
};
use chrono::{DateTime, Utc};
use sea_orm::{DatabaseConnection, DbErr};
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// Messages one worker claims at a time.
pub const BATCH: u64 = 5;

/// A name for this process's worker, different for every instance and
/// every start: the host, the process id and the start time.
pub fn default_worker_id() -> String {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "camp-connect".to_string());
    let started = Utc::now().timestamp_micros();
    format!("{host}-{}-{started:x}", std::process::id())
}

/// Claims due mail, sends it and records every attempt. Any number of
/// workers (in one process or in several instances) may share a database:
/// claims are compare-and-set, so each message is sent by one of them.
#[derive(Clone, Debug)]
pub struct Worker {
    db: DatabaseConnection,
    mailer: Mailer,
    id: String,
    stop: CancellationToken,
    bulk_per_minute: u64,
    site: String,
}

impl Worker {
    /// A worker called `id` sending through `mailer`.
    pub fn new(db: DatabaseConnection, mailer: Mailer, id: impl Into<String>) -> Self {
        Self {
            db,
            mailer,
            id: id.into(),
            stop: CancellationToken::new(),
            bulk_per_minute: DEFAULT_MAIL_BULK_PER_MINUTE,
            site: String::new(),
        }
    }

    /// The same worker, sending at most `per_minute` bulk mails (counted
    /// over every worker on the database) a minute: `MAIL_BULK_PER_MINUTE`.
    pub fn pacing(self, per_minute: u64) -> Self {
        Self {
            bulk_per_minute: per_minute,
            ..self
        }
    }

    /// The same worker, putting opt-out links to pages under `site` (the
    /// instance's `PUBLIC_URL`) into non-essential mail; without it the
    /// links are paths only.
    pub fn linking_to(self, site: impl Into<String>) -> Self {
        Self {
            site: site.into(),
            ..self
        }
    }

    /// The same worker, stopping once `stop` is cancelled: it finishes (and
    /// records) the mail it is sending, then sends no more.
    pub fn stopping_on(self, stop: CancellationToken) -> Self {
        Self { stop, ..self }
    }

    /// Its name, as stored in the claims it makes.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Claims up to [`BATCH`] messages due at `now`, sends each and records
    /// the attempt at `now`. Returns how many it claimed. A message that
    /// cannot be sent is recorded as a failed attempt, never an error.
    /// Once stopped it claims nothing, and gives back the claims on the
    /// batch's messages it has not begun sending.
    pub async fn run_once(&self, now: DateTime<Utc>) -> Result<usize, DbErr> {
        if self.stop.is_cancelled() {
            return Ok(0);
        }
        let claimed =
            claim_due_paced(&self.db, &self.id, now, BATCH, Some(self.bulk_per_minute)).await?;
        for (i, m) in claimed.iter().enumerate() {
            if self.stop.is_cancelled() {
                self.release(&claimed[i..]).await?;
                break;
            }
            let (m, unsubscribe) = with_opt_out_link(m, &self.site);
            let result = self.mailer.send(&m, unsubscribe.as_deref()).await;
            if let Err(error) = &result {
                tracing::warn!(message = m.id, %error, "mail not sent");
            }
            match record_attempt(&self.db, &self.id, &m, result, now).await? {
                AttemptOutcome::Sent => tracing::info!(message = m.id, "mail sent"),
                AttemptOutcome::RetryAt(at) => {
                    tracing::info!(message = m.id, retry_at = %at, "mail will be retried");
                }
                AttemptOutcome::Failed => {
                    tracing::error!(message = m.id, "mail given up after its last attempt");
                }
                AttemptOutcome::ClaimLost => {
                    tracing::warn!(message = m.id, "mail's claim lapsed while sending");
                }
            }
        }
        Ok(claimed.len())
    }

    /// Gives back the claims on `unsent`, so the next worker (this
    /// instance's successor, or another instance) sends them at once.
    async fn release(&self, unsent: &[ClaimedMessage]) -> Result<(), DbErr> {
        for m in unsent {
            if release_claim(&self.db, &self.id, m).await? {
                tracing::info!(message = m.id, "mail left for the next worker: stopping");
            }
        }
        Ok(())
    }

    /// Runs [`Worker::run_once`] until a round claims less than a full
    /// batch (a stopped worker's claims nothing), reading the time from
    /// `clock` each round. Returns how many messages it claimed in all.
    pub async fn drain(&self, clock: impl Fn() -> DateTime<Utc>) -> Result<usize, DbErr> {
        let mut total = 0;
        loop {
            let n = self.run_once(clock()).await?;
            total += n;
            if (n as u64) < BATCH {
                return Ok(total);
            }
        }
    }

    /// Drains the outbox every `every` in `jobs` until the worker is
    /// stopped, then closes its SMTP connection. Errors (the database away,
    /// say) are logged and tried again at the next tick; they never stop
    /// the server.
    pub fn spawn(self, jobs: &mut Jobs, every: Duration) {
        jobs.spawn("mail worker", async move {
            let mut tick = tokio::time::interval(every);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            while wait_for_tick(&mut tick, &self.stop).await {
                if let Err(error) = self.drain(Utc::now).await {
                    tracing::warn!(%error, worker = %self.id, "mail worker round failed");
                }
            }
            self.mailer.close().await;
        });
    }
}

/// `m` with its opt-out link put in (non-essential mail), and that link
/// for the `List-Unsubscribe` header: the one-click link of this attempt's
/// token, or, for an address no account holds, the account page.
pub fn with_opt_out_link(m: &ClaimedMessage, site: &str) -> (ClaimedMessage, Option<String>) {
    let link = m
        .unsubscribe_token
        .as_deref()
        .map(|t| tokens::link(site, &unsubscribe_path(t)));
    let shown = link
        .clone()
        .unwrap_or_else(|| tokens::link(site, "/account"));
    let mut m = m.clone();
    m.text_body = m.text_body.replace(UNSUBSCRIBE_PLACEHOLDER, &shown);
    (m, link)
}

/// Starts the mail worker in `jobs` when `SMTP_URL` is set, stopping on
/// `stop`; says in the log that mail stays pending when it is not.
pub fn start_worker(
    jobs: &mut Jobs,
    config: &Config,
    conn: &DatabaseConnection,
    stop: &CancellationToken,
) -> Result<(), String> {
    let Some(mail) = &config.mail else {
        tracing::warn!("SMTP_URL is not set: the mail worker is off and queued mail stays pending");
        return Ok(());
    };
    let mailer = Mailer::new(mail)?;
    let worker = Worker::new(conn.clone(), mailer, default_worker_id())
        .stopping_on(stop.clone())
        .pacing(config.mail_bulk_per_minute)
        .linking_to(config.public_url.clone());
    tracing::info!(
        smtp = %mail.redacted_url(),
        from = %mail.from,
        worker = worker.id(),
        every_secs = config.mail_poll.as_secs(),
        bulk_per_minute = config.mail_bulk_per_minute,
        "mail worker started"
    );
    worker.spawn(jobs, config.mail_poll);
    Ok(())
}
