//! Guardian-consent links: how long one lives and what the guardian
//! answered. The token itself follows the rules of every link token
//! (`crate::tokens`).

use crate::enums::stored_enum;
use chrono::Duration;

/// How long a guardian's link works.
pub const CONSENT_LINK_LIFETIME: Duration = Duration::days(14);

stored_enum! {
    /// A guardian's answer to a consent request.
    pub enum ConsentOutcome: varchar(16) {
        /// The guardian consented: the application may go ahead.
        Consented = "consented",
        /// The guardian refused.
        Refused = "refused",
    }
}
