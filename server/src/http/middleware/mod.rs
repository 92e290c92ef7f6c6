//! The layers around the routes, one file each. Their order is set in
//! [`crate::http::router_with`]; each file says what its layer refuses or
//! adds.

pub mod api_status;
pub mod csrf;
pub mod metrics;
pub mod rate_limit;
pub mod request_guard;
pub mod request_id;
pub mod security_headers;
pub mod sessions;
