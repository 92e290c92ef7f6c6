//! Routes of the selection that are not pages: the organisers' CSV export.

use super::csv::csv_response;
use super::reader::reader_lang;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use camp_connect_app::domain::access::{Action, Scope, can};
use camp_connect_app::domain::lang::Lang;
use camp_connect_app::error::AppError;
use camp_connect_app::state::AppState;
use chrono::Utc;
use tower_sessions::Session;

/// The ranking export's address.
pub const EXPORT: &str = "/manage/{programme}/{cohort}/tracks/{track}/review/export.csv";

/// `GET /manage/<programme>/<cohort>/tracks/<track>/review/export.csv`:
/// the track's ranking as CSV in the reader's language, for organisers of
/// the programme only.
pub async fn export_csv(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Path((programme, cohort, track)): Path<(String, String, String)>,
) -> Response {
    let lang = reader_lang(&headers);
    let slugs = (programme.as_str(), cohort.as_str(), track.as_str());
    csv_response(lang, build(&state, &session, slugs, lang).await)
}

async fn build(
    state: &AppState,
    session: &Session,
    (programme, cohort, track): (&str, &str, &str),
    lang: Lang,
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
    let body = camp_connect_app::store::review::export::track_csv(db, &ctx, lang).await?;
    Ok((
        format!("{}-{}-{}.csv", p.slug, ctx.cohort.slug, ctx.track.slug),
        body,
    ))
}
