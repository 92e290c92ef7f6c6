//! The language of whoever sent a request, for the answers that are not
//! pages (downloads and their refusals).

use axum::http::{HeaderMap, header};
use camp_connect_app::domain::lang::{Lang, of_request};

/// The request's language as the pages would choose it: the language
/// cookie, then `Accept-Language`, then Japanese.
pub fn reader_lang(headers: &HeaderMap) -> Lang {
    let text = |name| headers.get(name).and_then(|v| v.to_str().ok());
    of_request(text(header::COOKIE), text(header::ACCEPT_LANGUAGE))
}
