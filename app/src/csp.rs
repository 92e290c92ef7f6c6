//! The Content-Security-Policy of every response, and the per-request
//! nonce that lets the page's own inline hydration script run.
//!
//! The server's security-headers middleware makes a nonce for each request,
//! puts it in the request's extensions as a [`CspNonce`] and sends
//! [`policy`] with it; [`provide_request_nonce`] hands the same nonce to
//! Leptos while the page renders, so its scripts carry it. A script injected
//! into the page (a stored XSS) has no nonce and does not run.

use leptos::nonce::Nonce;
use leptos::prelude::*;

/// This request's nonce, as a request extension.
#[derive(Clone, Debug)]
pub struct CspNonce(pub String);

impl CspNonce {
    /// 128 random bits, URL-safe base64 without padding.
    pub fn random() -> Self {
        Self(Nonce::new().to_string())
    }
}

/// The policy for a response whose scripts carry `nonce`: only this site's
/// scripts and the nonced inline ones, the WASM, this site's styles, images
/// and requests; no plugins, no framing, no `<base>` tricks, and forms
/// post only to this site (an injected form cannot send what a person
/// types elsewhere).
pub fn policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// Makes the request's nonce (from the middleware) the one Leptos puts on
/// the page's scripts. Without a middleware nonce (a render outside the
/// server, e.g. route listing) Leptos keeps its own.
pub fn provide_request_nonce() {
    let nonce = use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<CspNonce>().cloned());
    if let Some(CspNonce(nonce)) = nonce {
        provide_context(Nonce::from_value(nonce));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonces_differ_and_are_long() {
        let (a, b) = (CspNonce::random(), CspNonce::random());
        assert_ne!(a.0, b.0);
        assert_eq!(a.0.len(), 22, "{}", a.0);
    }

    #[test]
    fn the_policy_names_the_nonce_and_forbids_framing() {
        let p = policy("abc");
        assert!(p.contains("'nonce-abc'"));
        assert!(p.contains("frame-ancestors 'none'"));
        assert!(p.contains("form-action 'self'"));
        assert!(!p.contains("unsafe-inline"));
    }
}
