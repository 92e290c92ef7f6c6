//! The audit log as staff read it.

use super::lang::Localized;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// How many events one page of the audit log shows.
pub const AUDIT_PAGE_SIZE: u64 = 50;

/// One staff action.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    /// When.
    pub at: DateTime<Utc>,
    /// Who; `None` for the command line or a deleted account.
    pub actor: Option<Localized>,
    /// What was done, e.g. `track.update`.
    pub action: String,
    /// The kind of record and its id, e.g. `track 12`.
    pub record: String,
    /// The programme's slug, if the record belongs to one.
    pub programme: Option<String>,
    /// What changed.
    pub summary: String,
}

/// One page of audit events, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    /// The events.
    pub rows: Vec<AuditRow>,
    /// Whether older events follow.
    pub has_more: bool,
}
