//! Prometheus metrics at `/metrics` and the request log line.
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
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use camp_connect_app::state::AppState;
use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Where the metrics are served.
pub const METRICS_PATH: &str = "/metrics";

/// The route label of a request that matched no route (static files, 404s).
pub const UNMATCHED: &str = "unmatched";

/// The latency histogram's upper bounds, in seconds.
const BUCKETS: [f64; 11] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// The Prometheus text format's content type.
const TEXT_FORMAT: &str = "text/plain; version=0.0.4; charset=utf-8";

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

    /// The counted families in the text format.
    fn write_counts(&self, out: &mut String) {
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
fn family(out: &mut String, name: &str, kind: &str, help: &str) {
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
        .get(crate::request_id::HEADER)
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

/// `GET /metrics`: the Prometheus text format; with `METRICS_TOKEN` set,
/// only for `Authorization: Bearer <token>`.
pub async fn scrape(
    metrics: Arc<Metrics>,
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Response {
    if let Some(token) = &metrics.token
        && !bearer_matches(&headers, token)
    {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"))],
            "メトリクスを見るにはトークンが必要です / the metrics need the bearer token (METRICS_TOKEN)",
        )
            .into_response();
    }
    let mut out = String::new();
    metrics.write_counts(&mut out);
    write_pool(&mut out, &state.db);
    if let Err(e) = write_outbox(&mut out, &state.db).await {
        // The rest is still worth scraping; the gap shows on the graphs.
        tracing::warn!(error = %e, "metrics: outbox not counted");
    }
    write_directory(&mut out, &state);
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(TEXT_FORMAT)),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        out,
    )
        .into_response()
}

/// Whether `Authorization` is `Bearer <token>`, compared in constant time.
fn bearer_matches(headers: &HeaderMap, token: &str) -> bool {
    let Some(given) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    else {
        return false;
    };
    let (a, b) = (given.trim().as_bytes(), token.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |d, (x, y)| d | (x ^ y)) == 0
}

/// The pool's connections in use and idle, and its maximum.
fn write_pool(out: &mut String, db: &DatabaseConnection) {
    let (size, idle, max) = match db.get_database_backend() {
        DatabaseBackend::Postgres => {
            let pool = db.get_postgres_connection_pool();
            (
                pool.size(),
                pool.num_idle(),
                pool.options().get_max_connections(),
            )
        }
        DatabaseBackend::Sqlite => {
            let pool = db.get_sqlite_connection_pool();
            (
                pool.size(),
                pool.num_idle(),
                pool.options().get_max_connections(),
            )
        }
        _ => return,
    };
    let idle = u32::try_from(idle).unwrap_or(u32::MAX);
    let name = "camp_connect_db_pool_connections";
    family(
        out,
        name,
        "gauge",
        "Database connections open in this instance's pool, by state.",
    );
    let _ = writeln!(
        out,
        "{name}{{state=\"in_use\"}} {}",
        size.saturating_sub(idle)
    );
    let _ = writeln!(out, "{name}{{state=\"idle\"}} {idle}");
    let name = "camp_connect_db_pool_max_connections";
    family(out, name, "gauge", "The most connections the pool opens.");
    let _ = writeln!(out, "{name} {max}");
}

/// Outbox messages by status, counted now.
async fn write_outbox(out: &mut String, db: &impl ConnectionTrait) -> Result<(), sea_orm::DbErr> {
    let counts = camp_connect_app::store::operations::outbox_counts(db).await?;
    let name = "camp_connect_outbox_messages";
    family(out, name, "gauge", "Mail outbox messages, by status.");
    for (status, n) in counts {
        let _ = writeln!(out, "{name}{{status=\"{}\"}} {n}", status.as_str());
    }
    Ok(())
}

/// Whether the directory index is loaded, its size and its last load time.
fn write_directory(out: &mut String, state: &AppState) {
    let status = state.directory.status();
    let name = "camp_connect_directory_index_loaded";
    family(
        out,
        name,
        "gauge",
        "1 once this instance's directory index has loaded.",
    );
    let _ = writeln!(out, "{name} {}", u8::from(status.is_some()));
    let name = "camp_connect_directory_index_profiles";
    family(
        out,
        name,
        "gauge",
        "Profiles in this instance's directory index.",
    );
    let _ = writeln!(out, "{name} {}", status.map_or(0, |s| s.profiles));
    let name = "camp_connect_directory_index_load_seconds";
    family(
        out,
        name,
        "gauge",
        "How long the directory index's last load (whole or of changes) took.",
    );
    let secs = status.map_or(0.0, |s| s.last_load.as_secs_f64());
    let _ = writeln!(out, "{name} {secs}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(escape("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }

    #[test]
    fn bearer_token_must_match_exactly() {
        let mut h = HeaderMap::new();
        assert!(!bearer_matches(&h, "s3cret"));
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer s3cre"),
        );
        assert!(!bearer_matches(&h, "s3cret"));
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Basic s3cret"),
        );
        assert!(!bearer_matches(&h, "s3cret"));
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer s3cret"),
        );
        assert!(bearer_matches(&h, "s3cret"));
    }
}
