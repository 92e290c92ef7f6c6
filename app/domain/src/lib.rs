//! Pure rules and types of Camp Connect: no I/O, no Leptos.
//!
//! Compiled for the server and for the browser (WASM) alike and unit-tested
//! natively. The catalogue types here double as wire types: they are what
//! server functions return, built from database rows in `store`.

pub mod access;
pub mod account;
pub mod admin;
pub mod alumni;
pub mod announce;
pub mod application;
pub mod audit;
pub mod catalogue;
pub mod credits;
pub mod dashboard;
pub mod events;
#[cfg(test)]
pub(crate) mod fuzz;
#[cfg(test)]
mod golden;
pub mod history;
pub mod identity;
pub mod mail;
pub mod pipeline;
pub mod reminders;
pub mod review;
pub mod rosters;
pub mod shared;

pub use shared::{enums, forms, lang, slug, spreadsheet, text, time, tokens, url};
