//! Background jobs on a timer (the offer sweep, event reminders, expired
//! sessions): each runs once at start-up and then every period until the
//! server stops. A failed round is logged and simply tried again at the
//! next tick, and a round that overruns delays the next one instead of
//! bunching the missed ticks together.

use super::Jobs;
use std::fmt::Display;
use std::future::Future;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// Runs `job` every `every` until `stop` is cancelled; `what` names it in
/// the log. A round is never interrupted: the stop is only looked at
/// between rounds, so a round's transactions all commit.
pub fn spawn<F, Fut, E>(
    jobs: &mut Jobs,
    what: &'static str,
    every: Duration,
    stop: &CancellationToken,
    mut job: F,
) where
    F: FnMut() -> Fut + Send + 'static,
    Fut: Future<Output = Result<(), E>> + Send,
    E: Display,
{
    let stop = stop.clone();
    jobs.spawn(what, async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        while wait_for_tick(&mut tick, &stop).await {
            if let Err(error) = job().await {
                tracing::warn!(%error, job = what, "background job failed; trying again next round");
            }
        }
    });
}

/// Waits for the next tick of `tick`: `false` when `stop` is cancelled
/// first (or already was, even if a tick is due too), so no new round
/// starts after the stop.
pub async fn wait_for_tick(tick: &mut tokio::time::Interval, stop: &CancellationToken) -> bool {
    tokio::select! {
        biased;
        () = stop.cancelled() => false,
        _ = tick.tick() => true,
    }
}
