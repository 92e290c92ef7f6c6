//! `POST /manage/history/upload`: the history file, sent as a plain
//! multipart form (server functions take none without JavaScript). The
//! file is kept as uploaded and the browser is sent to its preview.

use super::reader::reader_lang;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use camp_connect_app::domain::access::{Action, Actor, Role, Scope, can};
use camp_connect_app::error::AppError;
use camp_connect_app::state::AppState;
use chrono::Utc;
use tower_sessions::Session;

/// The upload's address (the form on `/manage/history` posts here).
pub const HISTORY_UPLOAD: &str = camp_connect_app::pages::history::UPLOAD_PATH;

/// Keeps the uploaded file and answers with a redirect to its preview;
/// someone who organises nothing is refused before the body is read.
pub async fn upload(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    match keep(&state, &session, multipart).await {
        Ok(id) => Redirect::to(&format!("/manage/history/{id}")).into_response(),
        Err(e) => {
            let status =
                StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, e.message(reader_lang(&headers))).into_response()
        }
    }
}

/// Whether `actor` may import into some programme (administrators into all).
fn may_import(actor: &Actor) -> bool {
    can(Some(actor), Action::ManagePipeline, Scope::Instance).is_ok()
        || actor.grants.iter().any(|g| {
            g.role == Role::Organiser
                && can(
                    Some(actor),
                    Action::ManagePipeline,
                    Scope::Programme(g.programme_id),
                )
                .is_ok()
        })
}

async fn keep(
    state: &AppState,
    session: &Session,
    form: Result<Multipart, MultipartRejection>,
) -> Result<i32, AppError> {
    let now = Utc::now();
    let actor = camp_connect_app::auth::current(session, &state.db, now)
        .await?
        .map(|(a, _)| a)
        .ok_or(AppError::SignInRequired)?;
    if !may_import(&actor) {
        return Err(AppError::Forbidden);
    }
    // Who asks is checked first: a post that is no multipart form is a bad
    // request only for someone who may upload.
    let mut form = form.map_err(|_| AppError::BadRequest)?;
    let mut file = None;
    while let Ok(Some(field)) = form.next_field().await {
        if field.name() == Some("file") {
            let name = field.file_name().unwrap_or("history.csv").to_string();
            let bytes = field.bytes().await.map_err(|_| AppError::BadRequest)?;
            file = Some((name, bytes.to_vec()));
        }
    }
    let (name, bytes) = file.ok_or(AppError::BadRequest)?;
    Ok(camp_connect_app::store::history::batch::save(
        &state.db,
        actor.account_id,
        &name,
        bytes,
        now,
    )
    .await?)
}
