//! `GET /metrics`: the request counts of
//! [`crate::http::middleware::metrics`] and what is read at scrape time
//! (the database pool, the outbox, the directory index), in the
//! Prometheus text format.

use crate::http::middleware::metrics::{Metrics, family};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use camp_connect_app::state::AppState;
use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection};
use std::fmt::Write as _;
use std::sync::Arc;

/// Where the metrics are served.
pub const METRICS_PATH: &str = "/metrics";

/// The Prometheus text format's content type.
const TEXT_FORMAT: &str = "text/plain; version=0.0.4; charset=utf-8";

/// `GET /metrics`: the Prometheus text format; with `METRICS_TOKEN` set,
/// only for `Authorization: Bearer <token>`.
pub async fn scrape(
    metrics: Arc<Metrics>,
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Response {
    if let Some(token) = metrics.token()
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
