//! Routes of the selection that are not pages: the organisers' CSV export.

use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use camp_connect_app::domain::access::{Action, Scope, can};
use camp_connect_app::error::AppError;
use camp_connect_app::state::AppState;
use chrono::Utc;
use tower_sessions::Session;

/// `GET /manage/<programme>/<cohort>/tracks/<track>/review/export.csv`:
/// the track's ranking as CSV, for organisers of the programme only.
pub async fn export_csv(
    State(state): State<AppState>,
    session: Session,
    Path((programme, cohort, track)): Path<(String, String, String)>,
) -> Response {
    csv_response(build(&state, &session, &programme, &cohort, &track).await)
}

/// The byte order mark every CSV starts with: without it Excel (Japanese
/// Windows especially) reads the file as Shift_JIS and garbles every name.
pub const UTF8_BOM: &str = "\u{FEFF}";

/// A CSV download named `name` with `body` (UTF-8 with a [`UTF8_BOM`]), or
/// the error's status and message.
pub fn csv_response(result: Result<(String, String), AppError>) -> Response {
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
            (status, e.message(camp_connect_app::domain::lang::Lang::Ja)).into_response()
        }
    }
}

async fn build(
    state: &AppState,
    session: &Session,
    programme: &str,
    cohort: &str,
    track: &str,
) -> Result<(String, String), AppError> {
    let db = &state.db;
    let actor = camp_connect_app::auth::current(session, db, Utc::now())
        .await?
        .map(|(a, _)| a);
    let Some(p) = camp_connect_app::store::catalogue::rows::programme_row(db, programme).await?
    else {
        can(actor.as_ref(), Action::ManageSelection, Scope::Instance)?;
        return Err(AppError::NotFound);
    };
    can(
        actor.as_ref(),
        Action::ManageSelection,
        Scope::Programme(p.id),
    )?;
    let ctx = camp_connect_app::store::catalogue::track_ctx::track_by_slugs(db, &p, cohort, track)
        .await?
        .ok_or(AppError::NotFound)?;
    let body = camp_connect_app::store::review::export::track_csv(db, &ctx).await?;
    Ok((
        format!("{}-{}-{}.csv", p.slug, ctx.cohort.slug, ctx.track.slug),
        body,
    ))
}
