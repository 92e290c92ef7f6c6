//! CSV downloads: what every export route answers with. The body comes
//! from the shared writer (`domain::spreadsheet::Csv`: byte order mark,
//! CRLF, RFC 4180 quoting, formulas defused), so this only names the file.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use camp_connect_app::domain::lang::Lang;
use camp_connect_app::domain::spreadsheet::attachment;
use camp_connect_app::error::AppError;

/// A CSV download named `name` (any script: an ASCII fallback and the
/// RFC 5987 name are both sent) with `body`, or the error's status and its
/// message in `lang`.
pub fn csv_response(lang: Lang, result: Result<(String, String), AppError>) -> Response {
    match result {
        Ok((name, body)) => {
            // `attachment` writes ASCII only, so the header is always valid.
            let disposition = HeaderValue::from_str(&attachment(&name))
                .unwrap_or(HeaderValue::from_static("attachment"));
            (
                [
                    (
                        header::CONTENT_TYPE,
                        HeaderValue::from_static("text/csv; charset=utf-8"),
                    ),
                    (header::CONTENT_DISPOSITION, disposition),
                    (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
                ],
                body,
            )
                .into_response()
        }
        Err(e) => {
            let status =
                StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, e.message(lang)).into_response()
        }
    }
}
