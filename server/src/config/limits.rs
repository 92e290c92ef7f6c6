//! `AUTH_RATE_LIMIT` and `RETENTION_YEARS`: how much sign-in one address
//! may try, and how long applications are kept.

use super::ConfigError;
use std::num::NonZeroU32;

/// Sign-in requests per minute one client address may make when
/// `AUTH_RATE_LIMIT` is not set: ample for people, slow for password-less
/// guessing and for flooding the session table.
pub const DEFAULT_AUTH_RATE_LIMIT: u32 = 30;

/// `AUTH_RATE_LIMIT`: sign-in requests per minute per address.
pub(super) fn auth_rate_limit(value: Option<String>) -> Result<NonZeroU32, ConfigError> {
    let value = value.unwrap_or_else(|| DEFAULT_AUTH_RATE_LIMIT.to_string());
    value
        .trim()
        .parse::<NonZeroU32>()
        .map_err(|_| ConfigError::RateLimit(value))
}

/// The longest retention accepted, in years.
pub const MAX_RETENTION_YEARS: u32 = 100;

/// `RETENTION_YEARS`: unset keeps applications until someone sets it.
pub(super) fn retention_years(value: Option<String>) -> Result<Option<u32>, ConfigError> {
    let Some(value) = value else {
        return Ok(None);
    };
    match value.trim().parse::<u32>() {
        Ok(years) if (1..=MAX_RETENTION_YEARS).contains(&years) => Ok(Some(years)),
        _ => Err(ConfigError::RetentionYears(value)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::from_vars as config;

    #[test]
    fn reads_the_sign_in_rate_limit() {
        let c = config(&[]).unwrap();
        assert_eq!(c.auth_rate_limit.get(), DEFAULT_AUTH_RATE_LIMIT);
        assert!(!c.trust_proxy_headers);
        let c = config(&[("AUTH_RATE_LIMIT", "5"), ("TRUST_PROXY_HEADERS", "true")]).unwrap();
        assert_eq!(c.auth_rate_limit.get(), 5);
        assert!(c.trust_proxy_headers);
        for bad in ["0", "-1", "many", "1.5"] {
            let err = config(&[("AUTH_RATE_LIMIT", bad)]).unwrap_err();
            assert!(
                err.to_string().starts_with("AUTH_RATE_LIMIT"),
                "{bad}: {err}"
            );
        }
        let err = config(&[("TRUST_PROXY_HEADERS", "sometimes")]).unwrap_err();
        assert!(err.to_string().starts_with("TRUST_PROXY_HEADERS"));
    }
    #[test]
    fn reads_the_retention_years() {
        assert_eq!(config(&[]).unwrap().retention_years, None);
        let c = config(&[("RETENTION_YEARS", "5")]).unwrap();
        assert_eq!(c.retention_years, Some(5));
        for bad in ["0", "-1", "five", "101"] {
            let err = config(&[("RETENTION_YEARS", bad)]).unwrap_err();
            assert!(
                err.to_string().starts_with("RETENTION_YEARS"),
                "{bad}: {err}"
            );
        }
    }
}
