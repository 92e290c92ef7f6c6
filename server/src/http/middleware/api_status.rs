//! Gives server-function errors their real HTTP status.
//!
//! Leptos answers every failed server function with 500 and the error
//! serialised as JSON. Our functions fail only with `AppError`, which knows
//! its status (401, 403, 404, 422, 503…), so this layer reads the error back
//! and sets that status: clients, proxies and logs then see what happened.

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;
use camp_connect_app::error::AppError;

/// Server-function error bodies are a few hundred bytes; anything larger is
/// passed through untouched.
const MAX_ERROR_BODY: usize = 64 * 1024;

/// The middleware, for `/api/*`.
pub async fn set_error_status(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    if res.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_ERROR_BODY).await else {
        parts.status = StatusCode::INTERNAL_SERVER_ERROR;
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(err) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status =
            StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    }
    Response::from_parts(parts, Body::from(bytes))
}
