//! Security headers on every response: the Content-Security-Policy with a
//! fresh nonce per request (see `camp_connect_app::csp`), no MIME sniffing,
//! no framing, a strict referrer policy, and HSTS when served over HTTPS.

use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use camp_connect_app::csp::{CspNonce, policy};

/// HSTS for two years, subdomains included: sent only when the site is
/// served over HTTPS (`secure_cookies`), since browsers ignore it on HTTP
/// and it would lock a plain-HTTP development host out.
const HSTS: &str = "max-age=63072000; includeSubDomains";

/// The middleware. `https` says whether the site is served over HTTPS.
pub async fn add(https: bool, mut req: Request, next: Next) -> Response {
    let nonce = CspNonce::random();
    let csp = HeaderValue::from_str(&policy(&nonce.0));
    req.extensions_mut().insert(nonce);
    let mut res = next.run(req).await;
    let headers = res.headers_mut();
    // A response with its own, stricter policy (a file download) keeps it.
    if let (Ok(csp), false) = (csp, headers.contains_key(header::CONTENT_SECURITY_POLICY)) {
        headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    let fixed: [(HeaderName, &str); 4] = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
    if https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        );
    }
    res
}
