//! A per-client-address limit on the sign-in routes (`/auth/*`), so nobody
//! can hammer them: each start of a provider sign-in writes a session row,
//! and demo sign-in would otherwise be a free oracle for account emails.
//!
//! The limiter lives in this process's memory: with several instances
//! behind a load balancer, each counts on its own.

use axum::body::Body;
use axum::http::{HeaderValue, Request, Response, StatusCode, header};
use governor::middleware::NoOpMiddleware;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;
use tower_governor::GovernorError;
use tower_governor::GovernorLayer;
use tower_governor::governor::{GovernorConfig, GovernorConfigBuilder};
use tower_governor::key_extractor::{KeyExtractor, PeerIpKeyExtractor, SmartIpKeyExtractor};

/// What a refused request reads.
pub const TOO_MANY: &str = "サインインの試行が多すぎます。しばらくしてからお試しください。\nToo many sign-in attempts; please wait a moment and try again.";

/// Where the client's address is read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClientAddress {
    /// The TCP peer: right when people connect directly.
    Peer,
    /// `X-Forwarded-For`, `X-Real-IP` or `Forwarded`, falling back to the
    /// peer: right only behind a reverse proxy that sets these headers,
    /// since anyone else can send them.
    Forwarded,
}

impl KeyExtractor for ClientAddress {
    type Key = IpAddr;

    fn extract<T>(&self, req: &Request<T>) -> Result<IpAddr, GovernorError> {
        match self {
            ClientAddress::Peer => PeerIpKeyExtractor.extract(req),
            ClientAddress::Forwarded => SmartIpKeyExtractor.extract(req),
        }
    }
}

/// The sign-in rate limit: one shared limiter for every route it guards.
#[derive(Clone, Debug)]
pub struct AuthRateLimit {
    config: Arc<GovernorConfig<ClientAddress, NoOpMiddleware>>,
}

impl AuthRateLimit {
    /// `per_minute` requests a minute per client address, in bursts of up to
    /// `per_minute`: a spent allowance comes back one request at a time,
    /// evenly over the minute.
    pub fn new(per_minute: NonZeroU32, from: ClientAddress) -> Self {
        let period = Duration::from_secs(60) / per_minute.get();
        let config = GovernorConfigBuilder::default()
            .period(period)
            .burst_size(per_minute.get())
            .key_extractor(from)
            .finish()
            // Both are non-zero (60 s / at most u32::MAX is still 13 ns),
            // the only case in which `finish` gives nothing.
            .unwrap_or_else(|| unreachable!("non-zero burst and period"));
        Self {
            config: Arc::new(config),
        }
    }

    /// The layer to put on the routes to limit.
    pub fn layer(&self) -> GovernorLayer<ClientAddress, NoOpMiddleware, Body> {
        GovernorLayer::new(self.config.clone()).error_handler(refusal)
    }

    /// Forgets, every minute, the addresses whose allowance is whole again,
    /// so the limiter's memory does not grow with every address ever seen.
    pub fn spawn_cleanup(&self) {
        let limiter = self.config.limiter().clone();
        tokio::spawn(async move {
            let mut every = tokio::time::interval(Duration::from_secs(60));
            loop {
                every.tick().await;
                limiter.retain_recent();
                limiter.shrink_to_fit();
            }
        });
    }
}

/// The answer to a refused request: 429 with `Retry-After` and a message
/// people can read, in both languages.
fn refusal(error: GovernorError) -> Response<Body> {
    match error {
        GovernorError::TooManyRequests { wait_time, .. } => {
            // The library rounds the wait down to whole seconds; round up so
            // a client that waits as told is let through.
            let retry_after = HeaderValue::from(wait_time + 1);
            let mut res = Response::new(Body::from(TOO_MANY));
            *res.status_mut() = StatusCode::TOO_MANY_REQUESTS;
            res.headers_mut().insert(header::RETRY_AFTER, retry_after);
            res.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/plain; charset=utf-8"),
            );
            res
        }
        other => {
            // No client address: the server was started without connect
            // info, a set-up error worth a log line rather than a lockout.
            tracing::error!(error = %other, "sign-in rate limit cannot tell clients apart");
            let mut res = Response::new(Body::from(
                "ただいまサインインできません。\nSigning in is unavailable right now.",
            ));
            *res.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
            res
        }
    }
}
