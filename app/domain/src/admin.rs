//! What the administrators' pages show.

use super::catalogue::ProgrammeRef;
use super::lang::Localized;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One organiser role.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrganiserGrant {
    /// The grant's id, for revoking it.
    pub id: i32,
    /// The organiser's email.
    pub email: String,
    /// Their name.
    pub name: Localized,
    /// The programme they run.
    pub programme: ProgrammeRef,
    /// Since when.
    pub granted_at: DateTime<Utc>,
}

/// `/admin/organisers`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrganiserAdmin {
    /// Every organiser role.
    pub grants: Vec<OrganiserGrant>,
    /// Every programme, for the grant form.
    pub programmes: Vec<ProgrammeRef>,
}
