//! Refuses cross-site requests that could change something.
//!
//! Every request that is not GET, HEAD or OPTIONS (server functions, sign-in
//! and sign-out forms, with or without JavaScript) must come from this site:
//! `Sec-Fetch-Site` says so in current browsers, `Origin` in older ones. A
//! request with neither header that carries the session cookie must name
//! this site in its `Referer` (an old browser, or a privacy proxy that
//! strips the newer headers, still sends it for same-site forms); one
//! without the cookie cannot ride on anyone's session. The `SameSite=Lax`
//! session cookie covers the rest.

use super::sessions::{SECURE_SESSION_COOKIE, SESSION_COOKIE};
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
    let host = value(header::HOST.as_str());
    match (value(header::ORIGIN.as_str()), host) {
        (None, _) if !has_session_cookie(headers) => true,
        (None, Some(host)) => {
            value(header::REFERER.as_str()).is_some_and(|referer| names_host(referer, host))
        }
        (Some(origin), Some(host)) => names_host(origin, host),
        (_, None) => false,
    }
}

/// Whether `url` (an `Origin` or a `Referer`) is on the site at `host`.
fn names_host(url: &str, host: &str) -> bool {
    url.split_once("://").is_some_and(|(_, rest)| {
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        authority.eq_ignore_ascii_case(host)
    })
}

/// Whether the request carries a session cookie (under either name).
fn has_session_cookie(headers: &HeaderMap) -> bool {
    let names = [SESSION_COOKIE, SECURE_SESSION_COOKIE];
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .any(|(name, _)| names.contains(&name))
}

/// The middleware: 403 with a message in both languages for a refused request.
pub async fn refuse_cross_site(req: Request, next: Next) -> Response {
    if allowed(req.method(), req.headers()) {
        return next.run(req).await;
    }
    tracing::warn!(method = %req.method(), path = %req.uri().path(), "cross-site request refused");
    (
        StatusCode::FORBIDDEN,
        camp_connect_app::domain::text::bilingual(
            camp_connect_app::domain::text::problems::http::cross_site,
        ),
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

    #[test]
    fn a_cookie_without_origin_or_fetch_metadata_needs_this_sites_referer() {
        let host = ("host", "127.0.0.1:3000");
        for cookie in ["cc_session=abc", "lang=en; __Host-cc_session=abc"] {
            let bare = headers(&[host, ("cookie", cookie)]);
            assert!(!allowed(&Method::POST, &bare), "{cookie}");
            let ours = headers(&[
                host,
                ("cookie", cookie),
                ("referer", "http://127.0.0.1:3000/manage/outbox?page=2"),
            ]);
            assert!(allowed(&Method::POST, &ours), "{cookie}");
            for other in [
                "https://evil.example/",
                "https://127.0.0.1:3000.evil.example/",
                "not a url",
            ] {
                let theirs = headers(&[host, ("cookie", cookie), ("referer", other)]);
                assert!(!allowed(&Method::POST, &theirs), "{other}");
            }
        }
        // Another cookie alone rides on no session.
        assert!(allowed(
            &Method::POST,
            &headers(&[host, ("cookie", "lang=en")])
        ));
    }
}
