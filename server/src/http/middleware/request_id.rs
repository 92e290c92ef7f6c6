//! The `x-request-id` of every request: the client's (a reverse proxy's)
//! when it is sane, else a fresh UUID; logged with the request and
//! returned on the response, so one id follows a request through the
//! proxy's log, this log and a person's bug report.

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;

/// The header's name.
pub const HEADER: &str = "x-request-id";

/// The longest id passed through.
const MAX_LEN: usize = 128;

/// Whether a client's id is kept: 1 to [`MAX_LEN`] characters of letters,
/// digits and `-_.:+=/`, so a log line cannot be split, coloured or
/// blown up through it.
pub fn is_sane(id: &str) -> bool {
    (1..=MAX_LEN).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.:+=/".contains(&b))
}

/// Removes an `x-request-id` that is not [`is_sane`] (or comes twice), so
/// the request-id layer inside makes a fresh one instead.
pub async fn drop_insane(mut req: Request, next: Next) -> Response {
    let headers = req.headers_mut();
    let ids = headers.get_all(HEADER);
    let mut values = ids.iter();
    let keep = match (values.next(), values.next()) {
        (Some(v), None) => v.to_str().is_ok_and(is_sane),
        _ => false,
    };
    if !keep {
        headers.remove(HEADER);
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sane_ids_are_short_and_plain() {
        assert!(is_sane("2f1c0b7e-9d7a-4c55-8f1e-2a7d5b6c9e01"));
        assert!(is_sane("req_42"));
        assert!(!is_sane(""));
        assert!(!is_sane("a b"));
        assert!(!is_sane("x\u{1b}[31m"));
        assert!(!is_sane(&"a".repeat(MAX_LEN + 1)));
    }
}
