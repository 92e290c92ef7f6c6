//! One page per file, grouped by capability.

pub mod account;
pub mod admin;
pub mod alumni;
pub mod announce;
pub mod application;
pub mod audit;
pub mod catalogue;
pub mod credits;
pub mod events;
pub mod history;
pub mod identity;
pub mod manage;
pub mod outbox;
pub mod pipeline;
pub mod review;
pub mod rosters;
