//! CSV downloads: what every export route answers with.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use camp_connect_app::domain::lang::Lang;
use camp_connect_app::error::AppError;

/// The byte order mark every CSV starts with: without it Excel (Japanese
/// Windows especially) reads the file as Shift_JIS and garbles every name.
pub const UTF8_BOM: &str = "\u{FEFF}";

/// A CSV download named `name` with `body` (UTF-8 with a [`UTF8_BOM`]), or
/// the error's status and its message in `lang`.
pub fn csv_response(lang: Lang, result: Result<(String, String), AppError>) -> Response {
    match result {
        Ok((name, body)) => {
            let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
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
                format!("{UTF8_BOM}{body}"),
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
