//! Refuses cross-site requests that could change something.
//!
//! Every request that is not GET, HEAD or OPTIONS (server functions, sign-in
//! and sign-out forms, with or without JavaScript) must come from this site:
//! `Sec-Fetch-Site` says so in current browsers, `Origin` in older ones. A
//! request with neither header does not come from a browser page, so it
//! cannot ride on someone's cookies; the `SameSite=Lax` session cookie
//! covers the rest.

use axum::extract::Request;
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Whether a request with these method and headers may proceed.
pub fn allowed(method: &Method, headers: &HeaderMap) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return true;
    }
    let value = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = value("sec-fetch-site") {
        return matches!(site, "same-origin" | "none");
    }
    match (value(header::ORIGIN.as_str()), value(header::HOST.as_str())) {
        (None, _) => true,
        (Some(origin), Some(host)) => origin
            .split_once("://")
            .is_some_and(|(_, authority)| authority.eq_ignore_ascii_case(host)),
        (Some(_), None) => false,
    }
}

/// The middleware: 403 with a message in both languages for a refused request.
pub async fn refuse_cross_site(req: Request, next: Next) -> Response {
    if allowed(req.method(), req.headers()) {
        return next.run(req).await;
    }
    tracing::warn!(method = %req.method(), path = %req.uri().path(), "cross-site request refused");
    (
        StatusCode::FORBIDDEN,
        "他のサイトからの送信は受け付けられません。\nRequests from other sites are refused.",
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn safe_methods_always_pass() {
        let cross = headers(&[("sec-fetch-site", "cross-site")]);
        assert!(allowed(&Method::GET, &cross));
        assert!(allowed(&Method::HEAD, &cross));
    }

    #[test]
    fn fetch_metadata_decides_when_present() {
        assert!(allowed(
            &Method::POST,
            &headers(&[("sec-fetch-site", "same-origin")])
        ));
        assert!(allowed(
            &Method::POST,
            &headers(&[("sec-fetch-site", "none")])
        ));
        assert!(!allowed(
            &Method::POST,
            &headers(&[("sec-fetch-site", "cross-site")])
        ));
        assert!(!allowed(
            &Method::POST,
            &headers(&[("sec-fetch-site", "same-site")])
        ));
    }

    #[test]
    fn origin_must_match_host_otherwise() {
        let same = headers(&[
            ("origin", "http://127.0.0.1:3000"),
            ("host", "127.0.0.1:3000"),
        ]);
        assert!(allowed(&Method::POST, &same));
        let other = headers(&[
            ("origin", "https://evil.example"),
            ("host", "127.0.0.1:3000"),
        ]);
        assert!(!allowed(&Method::POST, &other));
        let null = headers(&[("origin", "null"), ("host", "127.0.0.1:3000")]);
        assert!(!allowed(&Method::POST, &null));
        assert!(allowed(
            &Method::POST,
            &headers(&[("host", "127.0.0.1:3000")])
        ));
    }
}
