//! Camp Connect's server: configuration, database start-up, the HTTP router,
//! the mail worker and the command-line tasks of the `camp-connect` binary.
//!
//! A library so the integration tests in `server/tests` boot exactly the
//! router and database set-up that production runs.

pub mod api_status;
pub mod auth_routes;
pub mod backup;
pub mod cli;
pub mod config;
pub mod csrf;
pub mod db;
pub mod events_routes;
pub mod http;
pub mod mail;
pub mod metrics;
pub mod offers;
pub mod periodic;
pub mod pipeline_routes;
pub mod rate_limit;
pub mod readiness;
pub mod request_guard;
pub mod request_id;
pub mod review_routes;
pub mod security_headers;
pub mod seed;
pub mod sign_in;
pub mod telemetry;
