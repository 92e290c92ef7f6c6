//! The request counts behind `/metrics` (served by
//! [`crate::http::routes::metrics`]) and the request log line.
//!
//! A small registry of its own rather than the `metrics` crates: two
//! families are counted per request (requests by route and status, and a
//! latency histogram by route), and everything else is read at scrape
//! time (the database pool, the outbox, the directory index), so a
//! mutex-guarded map is all the bookkeeping needed.
//!
//! Requests are labelled by their route template (axum's `MatchedPath`,
//! e.g. `/alumni/{id}`), never by the raw path, so ids and probes for
//! made-up paths cannot grow the label set: what matched no route is
//! `unmatched`.

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The route label of a request that matched no route (static files, 404s).
pub const UNMATCHED: &str = "unmatched";

/// The latency histogram's upper bounds, in seconds.
const BUCKETS: [f64; 11] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// One route's latencies.
#[derive(Debug, Default)]
struct Latency {
    /// Requests at or under each bound of [`BUCKETS`] (not cumulative).
    buckets: [u64; BUCKETS.len()],
    /// All requests.
    count: u64,
    /// Their total time, in seconds.
    sum: f64,
}

/// What is counted per request.
#[derive(Debug, Default)]
struct Counts {
    /// (method, route, status) → requests.
    requests: BTreeMap<(String, String, u16), u64>,
    /// (method, route) → latencies.
    latency: BTreeMap<(String, String), Latency>,
}

/// One router's request counts, shared by its middleware and `/metrics`.
#[derive(Debug, Default)]
pub struct Metrics {
    counts: Mutex<Counts>,
    /// `METRICS_TOKEN`, when set.
    token: Option<String>,
}

impl Metrics {
    /// A registry whose `/metrics` asks for `token` when given.
    pub fn new(token: Option<String>) -> Arc<Self> {
        Arc::new(Self {
            counts: Mutex::default(),
            token,
        })
    }

    fn record(&self, method: &str, route: &str, status: u16, took: Duration) {
        let mut counts = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        *counts
            .requests
            .entry((method.to_string(), route.to_string(), status))
            .or_default() += 1;
        let latency = counts
            .latency
            .entry((method.to_string(), route.to_string()))
            .or_default();
        let secs = took.as_secs_f64();
        if let Some(i) = BUCKETS.iter().position(|b| secs <= *b) {
            latency.buckets[i] += 1;
        }
        latency.count += 1;
        latency.sum += secs;
    }

    /// `METRICS_TOKEN`: the bearer token `/metrics` asks for, if any.
    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    /// The counted families in the text format.
    pub fn write_counts(&self, out: &mut String) {
        let counts = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        family(
            out,
            "camp_connect_http_requests_total",
            "counter",
            "HTTP requests answered, by method, route template and status.",
        );
        for ((method, route, status), n) in &counts.requests {
            let _ = writeln!(
                out,
                "camp_connect_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{status}\"}} {n}",
                escape(method),
                escape(route)
            );
        }
        let name = "camp_connect_http_request_duration_seconds";
        family(
            out,
            name,
            "histogram",
            "Time to answer HTTP requests, by method and route template.",
        );
        for ((method, route), l) in &counts.latency {
            let labels = format!("method=\"{}\",route=\"{}\"", escape(method), escape(route));
            let mut below = 0;
            for (bound, n) in BUCKETS.iter().zip(l.buckets) {
                below += n;
                let _ = writeln!(out, "{name}_bucket{{{labels},le=\"{bound}\"}} {below}");
            }
            let _ = writeln!(out, "{name}_bucket{{{labels},le=\"+Inf\"}} {}", l.count);
            let _ = writeln!(out, "{name}_sum{{{labels}}} {}", l.sum);
            let _ = writeln!(out, "{name}_count{{{labels}}} {}", l.count);
        }
    }
}

/// The `# HELP` and `# TYPE` lines of a family.
pub fn family(out: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(out, "# HELP {name} {help}");
    let _ = writeln!(out, "# TYPE {name} {kind}");
}

/// A label value as the text format wants it.
fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// Counts every request and logs one line for it at `info`: method, route
/// template, status, time in milliseconds and the request id (set by the
/// request-id layer outside this one).
pub async fn observe(State(metrics): State<Arc<Metrics>>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().as_str().to_string();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or(UNMATCHED, MatchedPath::as_str)
        .to_string();
    let request_id = req
        .headers()
        .get(super::request_id::HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let res = next.run(req).await;
    let took = started.elapsed();
    let status = res.status().as_u16();
    metrics.record(&method, &route, status, took);
    tracing::info!(
        target: "camp_connect::request",
        method = %method,
        route = %route,
        status,
        ms = took.as_secs_f64() * 1000.0,
        request_id = %request_id,
        "request"
    );
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(escape("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }
}
