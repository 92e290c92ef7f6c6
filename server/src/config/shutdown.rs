//! `SHUTDOWN_GRACE_SECONDS`: how long a stopping instance waits for its
//! background jobs.

use super::ConfigError;
use std::time::Duration;

/// Seconds the background jobs get to finish their work in progress when
/// `SHUTDOWN_GRACE_SECONDS` is not set: as long as one SMTP conversation may
/// take (`jobs::mail::SMTP_TIMEOUT`), so a mail being sent is not cut off.
pub const DEFAULT_SHUTDOWN_GRACE_SECONDS: u64 = 30;

/// The longest grace period accepted, in seconds: longer would keep a
/// deploy waiting on one stuck job for no gain, since a claimed mail's lease
/// and a sweep's transaction already make abandoning it safe.
pub const MAX_SHUTDOWN_GRACE_SECONDS: u64 = 600;

/// `SHUTDOWN_GRACE_SECONDS`: from 1 to [`MAX_SHUTDOWN_GRACE_SECONDS`].
pub(super) fn shutdown_grace(value: Option<String>) -> Result<Duration, ConfigError> {
    let value = value.unwrap_or_else(|| DEFAULT_SHUTDOWN_GRACE_SECONDS.to_string());
    match value.trim().parse::<u64>() {
        Ok(secs) if (1..=MAX_SHUTDOWN_GRACE_SECONDS).contains(&secs) => {
            Ok(Duration::from_secs(secs))
        }
        _ => Err(ConfigError::ShutdownGrace(value)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::from_vars as config;

    #[test]
    fn reads_the_shutdown_grace_period() {
        let c = config(&[]).unwrap();
        assert_eq!(
            c.shutdown_grace,
            Duration::from_secs(DEFAULT_SHUTDOWN_GRACE_SECONDS)
        );
        let c = config(&[("SHUTDOWN_GRACE_SECONDS", "5")]).unwrap();
        assert_eq!(c.shutdown_grace, Duration::from_secs(5));
        let c = config(&[("SHUTDOWN_GRACE_SECONDS", "600")]).unwrap();
        assert_eq!(c.shutdown_grace, Duration::from_secs(600));
        for bad in ["0", "-1", "601", "soon", "1.5"] {
            let err = config(&[("SHUTDOWN_GRACE_SECONDS", bad)]).unwrap_err();
            assert!(
                err.to_string().starts_with("SHUTDOWN_GRACE_SECONDS"),
                "{bad}: {err}"
            );
        }
    }
}
