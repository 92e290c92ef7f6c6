//! Camp Connect's server: configuration, database start-up, the HTTP router,
//! the background jobs and the command-line tasks of the `camp-connect`
//! binary.
//!
//! A library so the integration tests in `server/tests` boot exactly the
//! router and database set-up that production runs.
//!
//! Where things live: [`cli`] reads the command and runs it, [`serve`]
//! starts the server, [`http`] is the router (its route table in
//! [`http::routes`], its layers in [`http::middleware`]), [`jobs`] the work
//! done on a timer beside it, and [`config`] the settings all of them read.

pub mod backup;
pub mod cli;
pub mod config;
pub mod db;
pub mod http;
pub mod jobs;
pub mod seed;
pub mod serve;
pub mod sign_in;
pub mod telemetry;

/// The sign-in rate limit, at the path the integration tests use.
pub use http::middleware::rate_limit;
/// The request guard (body size, NUL), at the path the integration tests use.
pub use http::middleware::request_guard;
/// Sending mail, at the path the integration tests use.
pub use jobs::mail;
