//! Background jobs on a timer (the offer sweep, event reminders, expired
//! sessions): each runs once at start-up and then every period for as long
//! as the server runs. A failed round is logged and simply tried again at
//! the next tick, and a round that overruns delays the next one instead of
//! bunching the missed ticks together.

use std::fmt::Display;
use std::future::Future;
use std::time::Duration;

/// Runs `job` every `every`; `what` names it in the log when a round fails.
pub fn spawn<F, Fut, E>(
    what: &'static str,
    every: Duration,
    mut job: F,
) -> tokio::task::JoinHandle<()>
where
    F: FnMut() -> Fut + Send + 'static,
    Fut: Future<Output = Result<(), E>> + Send,
    E: Display,
{
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(error) = job().await {
                tracing::warn!(%error, job = what, "background job failed; trying again next round");
            }
        }
    })
}
