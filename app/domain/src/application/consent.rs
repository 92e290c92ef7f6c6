//! Guardian-consent links: how long one lives. The token itself follows
//! the rules of every link token (`crate::tokens`).

use chrono::Duration;

/// How long a guardian's link works.
pub const CONSENT_LINK_LIFETIME: Duration = Duration::days(14);
