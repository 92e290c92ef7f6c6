//! A per-client-address limit on the sign-in routes (`/auth/*`), so nobody
//! can hammer them: each start of a provider sign-in writes a session row,
//! and demo sign-in would otherwise be a free oracle for account emails.
//!
//! The limiter lives in this process's memory: with several instances
//! behind a load balancer, each counts on its own.

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, Request, Response, StatusCode, header};
use governor::middleware::NoOpMiddleware;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;
use tower_governor::GovernorError;
use tower_governor::GovernorLayer;
use tower_governor::governor::{GovernorConfig, GovernorConfigBuilder};
use tower_governor::key_extractor::{KeyExtractor, PeerIpKeyExtractor};

/// What a refused request reads, in both languages (no language is known yet).
pub fn too_many() -> String {
    camp_connect_app::domain::text::bilingual(
        camp_connect_app::domain::text::problems::http::too_many_sign_ins,
    )
}

/// Where the client's address is read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClientAddress {
    /// The TCP peer: right when people connect directly.
    Peer,
    /// The address the reverse proxy in front of us saw: the right-most
    /// `X-Forwarded-For` entry, else `X-Real-IP`, else the right-most
    /// `Forwarded: for=`, else the peer. Right only behind exactly one proxy
    /// that sets or appends these headers, since anyone else can send them.
    Forwarded,
}

impl KeyExtractor for ClientAddress {
    type Key = IpAddr;

    fn extract<T>(&self, req: &Request<T>) -> Result<IpAddr, GovernorError> {
        match self {
            ClientAddress::Peer => PeerIpKeyExtractor.extract(req),
            ClientAddress::Forwarded => match forwarded_client(req.headers()) {
                Some(ip) => Ok(ip),
                None => PeerIpKeyExtractor.extract(req),
            },
        }
    }
}

/// The client address our proxy recorded. Only the last entry is the
/// proxy's own: the ones before it are whatever the client sent, so taking
/// the first (as many extractors do) would let anyone pick their key.
fn forwarded_client(headers: &HeaderMap) -> Option<IpAddr> {
    let last_entry = |name: &str| {
        headers
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .next_back()
            .map(str::trim)
    };
    if let Some(entry) = last_entry("x-forwarded-for") {
        return entry.parse().ok();
    }
    if let Some(ip) = headers
        .get("x-real-ip")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok())
    {
        return Some(ip);
    }
    let element = last_entry("forwarded")?;
    let node = element.split(';').find_map(|pair| {
        let (key, value) = pair.trim().split_once('=')?;
        key.eq_ignore_ascii_case("for")
            .then_some(value.trim_matches('"'))
    })?;
    forwarded_node_ip(node)
}

/// The address of a `Forwarded` node: `192.0.2.1`, `192.0.2.1:4711`,
/// `[2001:db8::1]` or `[2001:db8::1]:4711` (RFC 7239 §6).
fn forwarded_node_ip(node: &str) -> Option<IpAddr> {
    if let Some(rest) = node.strip_prefix('[') {
        return rest.split_once(']')?.0.parse().ok();
    }
    let host = node.split_once(':').map_or(node, |(host, _)| host);
    host.parse().ok()
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
            let mut res = Response::new(Body::from(too_many()));
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
            let mut res = Response::new(Body::from(camp_connect_app::domain::text::bilingual(
                camp_connect_app::domain::text::problems::http::sign_in_unavailable,
            )));
            *res.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
            res
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(pairs: &[(&'static str, &'static str)]) -> Option<IpAddr> {
        let mut headers = HeaderMap::new();
        for (k, v) in pairs {
            headers.append(*k, HeaderValue::from_static(v));
        }
        forwarded_client(&headers)
    }

    fn ip(s: &str) -> Option<IpAddr> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn the_proxys_entry_is_the_last_one() {
        // The client sent "1.1.1.1"; the proxy appended what it saw.
        let appended = [("x-forwarded-for", "1.1.1.1, 203.0.113.7")];
        assert_eq!(client(&appended), ip("203.0.113.7"));
        let two_headers = [
            ("x-forwarded-for", "1.1.1.1"),
            ("x-forwarded-for", "203.0.113.8"),
        ];
        assert_eq!(client(&two_headers), ip("203.0.113.8"));
        // A garbled last entry is not replaced by one the client chose.
        assert_eq!(client(&[("x-forwarded-for", "1.1.1.1, junk")]), None);
    }

    #[test]
    fn x_real_ip_then_forwarded() {
        assert_eq!(client(&[("x-real-ip", " 203.0.113.9 ")]), ip("203.0.113.9"));
        let forwarded = [(
            "forwarded",
            "for=1.1.1.1, for=\"203.0.113.3:4711\";proto=https",
        )];
        assert_eq!(client(&forwarded), ip("203.0.113.3"));
        let v6 = [("forwarded", "For=\"[2001:db8::1]:4711\"")];
        assert_eq!(client(&v6), ip("2001:db8::1"));
        assert_eq!(client(&[("forwarded", "for=unknown")]), None);
        assert_eq!(client(&[]), None);
    }
}
