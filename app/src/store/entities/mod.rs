//! sea-orm entities, one file per table, mirroring `migrations/`.

pub mod account;
pub mod audit_event;
pub mod cohort;
pub mod field;
pub mod identity;
pub mod outbox_attempt;
pub mod outbox_message;
pub mod programme;
pub mod role_grant;
pub mod session;
pub mod track;
