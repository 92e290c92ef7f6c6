//! Refuses requests that no page of the site sends, before any handler
//! reads them: a body larger than [`MAX_BODY`] (a file question's upload:
//! its own larger limit; server functions read
//! their bodies whole, without a limit of their own), and a NUL character
//! in the address or in a form body (no keyboard types one, PostgreSQL
//! cannot store one in text, and a lookup by a name holding one fails in
//! the database instead of finding nothing).
//!
//! Both refusals are a short text in both languages, never a 5xx.

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use camp_connect_app::domain::lang::Lang;
use camp_connect_app::domain::text::{bilingual, problems::http};

/// The largest request body accepted: axum's own default, which server
/// functions meet when they read their arguments (and then answer 500).
/// Refused here first, with a message and the right status. Eleven
/// answers at their 20,000-character limit fit, percent-encoded (nine
/// bytes for a Japanese character).
pub const MAX_BODY: usize = 2 * 1024 * 1024;

/// Whether percent-encoded text (a path, a query, a form body) holds a NUL,
/// raw or as `%00`. A literal `%` is always sent as `%25`, so `%00` can
/// only mean NUL.
pub fn holds_nul(encoded: &[u8]) -> bool {
    encoded.contains(&0) || encoded.windows(3).any(|w| w == b"%00")
}

fn refusal(status: StatusCode, text: fn(Lang) -> &'static str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        bilingual(text),
    )
        .into_response()
}

/// The middleware.
pub async fn refuse_unreadable(req: Request, next: Next) -> Response {
    let uri = req.uri();
    if holds_nul(uri.path().as_bytes()) || uri.query().is_some_and(|q| holds_nul(q.as_bytes())) {
        tracing::warn!("request with a NUL in its address refused");
        return refusal(StatusCode::BAD_REQUEST, http::nul_refused);
    }
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    // A file question's upload may carry a larger file; nothing else may.
    let limit = if crate::http::routes::answer_files::is_upload(uri.path()) {
        crate::http::routes::answer_files::UPLOAD_MAX_BODY
    } else {
        MAX_BODY
    };
    if declared.is_some_and(|n| n > limit as u64) {
        return refusal(StatusCode::PAYLOAD_TOO_LARGE, http::too_large);
    }
    let form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"));
    let (parts, body) = req.into_parts();
    let Ok(bytes) = to_bytes(body, limit).await else {
        return refusal(StatusCode::PAYLOAD_TOO_LARGE, http::too_large);
    };
    if form && holds_nul(&bytes) {
        tracing::warn!(path = %parts.uri.path(), "form with a NUL refused");
        return refusal(StatusCode::BAD_REQUEST, http::nul_refused);
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nul_raw_and_encoded_only() {
        assert!(holds_nul(b"a=%00"));
        assert!(holds_nul(b"a=x\0"));
        assert!(holds_nul(b"/programmes/%00"));
        // An encoded percent sign followed by "00" is the text "%00".
        assert!(!holds_nul(b"a=%2500"));
        assert!(!holds_nul(b"a=100%25&b=%E3%81%82"));
    }
}
