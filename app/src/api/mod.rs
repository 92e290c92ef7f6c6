//! Server functions, one module per capability. Each starts from the request
//! context (`ctx::Ctx`), checks who is asking and their input, calls the
//! store and maps errors; the logic lives in `domain` and `store`, and no
//! query is written here.

pub mod account;
pub mod admin;
pub mod alumni;
pub mod announce;
pub mod application;
pub mod application_setup;
pub mod audit;
pub mod catalogue;
pub mod credits;
#[cfg(feature = "ssr")]
pub mod ctx;
pub mod dashboard;
pub mod events;
pub mod fields;
pub mod history;
pub mod identity;
pub mod manage;
pub mod outbox;
pub mod pipeline;
pub mod programmes;
pub mod reminders;
pub mod review;
pub mod rosters;
pub mod tutor_calls;
