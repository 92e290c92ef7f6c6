//! Server functions, one module per capability. Each checks its input, calls
//! the store and maps errors; the logic lives in `domain` and `store`.

pub mod account;
pub mod admin;
pub mod alumni;
pub mod application;
pub mod application_setup;
pub mod audit;
pub mod catalogue;
pub mod credits;
pub mod events;
pub mod identity;
pub mod manage;
pub mod outbox;
pub mod pipeline;
pub mod review;
pub mod rosters;
pub mod tutor_calls;
