//! The one-click opt-out of RFC 8058: a mail program that shows its own
//! "unsubscribe" button POSTs `List-Unsubscribe=One-Click` to the address
//! in the mail's `List-Unsubscribe` header. It comes from the mail
//! provider, not a browser (no cookie, no origin), so it is a route of its
//! own rather than a server function; a GET there changes nothing.

use super::reader::reader_lang;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use camp_connect_app::error::AppError;
use camp_connect_app::state::AppState;
use chrono::Utc;

/// `POST /unsubscribe/{token}/one-click`.
pub const ONE_CLICK: &str = "/unsubscribe/{token}/one-click";

/// Opts the holder of `token` out of non-essential mail: 200, or 404 (in
/// the reader's language) for a token never issued. The body is ignored:
/// whatever a mail program posts, the token alone decides.
pub async fn one_click(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Response {
    let lang = reader_lang(&headers);
    let result = camp_connect_app::store::reminders::opt_out::opt_out_by_token(
        &state.db,
        &token,
        Utc::now(),
    )
    .await;
    let error = match result {
        Ok(true) => return (StatusCode::OK, "OK").into_response(),
        Ok(false) => AppError::NotFound,
        Err(e) => {
            tracing::error!(error = %e, "one-click opt-out failed");
            AppError::from(e)
        }
    };
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, error.message(lang)).into_response()
}
