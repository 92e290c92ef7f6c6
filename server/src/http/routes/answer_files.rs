//! File answers over HTTP: the upload of a file question (a plain multipart
//! form on the application page, which works without JavaScript), and the
//! download of a stored file, for those who may read its application only.

use super::reader::reader_lang;
use super::scope;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use camp_connect_app::domain::access::{Action, Scope, can};
use camp_connect_app::domain::application::files::{self, FileProblem, MAX_FILE_MB, MB};
use camp_connect_app::domain::forms::{FieldError, Problem};
use camp_connect_app::domain::slug::is_valid_slug;
use camp_connect_app::domain::spreadsheet::attachment;
use camp_connect_app::error::AppError;
use camp_connect_app::state::AppState;
use camp_connect_app::store::application::files::{Upload, UploadError, download, upload};
use camp_connect_app::store::catalogue::track_ctx::find_track;
use chrono::Utc;
use tower_sessions::Session;

/// The upload's address.
pub const UPLOAD: &str = files::UPLOAD_PATH;

/// The download's address.
pub const DOWNLOAD: &str = files::DOWNLOAD_PATH;

/// The largest upload body: the largest file a question may allow, plus
/// room for the form's other fields and the multipart framing. Only the
/// upload route accepts more than the site's usual limit.
pub const UPLOAD_MAX_BODY: usize = MAX_FILE_MB as usize * MB + 64 * 1024;

/// The policy a download is sent with: nothing may load or run, and a
/// browser that opens it anyway treats it as a sandboxed, scriptless page.
pub const DOWNLOAD_CSP: &str = "default-src 'none'; frame-ancestors 'none'; sandbox";

/// Whether `path` is the upload's (so the request guard lets its larger
/// body through): `/programmes/<p>/<c>/tracks/<t>/apply/upload`.
pub fn is_upload(path: &str) -> bool {
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    matches!(
        parts.as_slice(),
        ["programmes", _, _, "tracks", _, "apply", "upload"]
    )
}

/// Whether the request is a plain browser form post (answered with a
/// redirect to the form), not a script asking for a status.
fn plain_form(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("text/html"))
}

/// `POST` of a file question's upload form: keeps the file as the answer
/// and sends the browser back to the form, with the refusal's reason when
/// refused (the rest of the draft is never touched).
pub async fn upload_file(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Path((programme, cohort, track)): Path<(String, String, String)>,
    form: Result<Multipart, MultipartRejection>,
) -> Response {
    let lang = reader_lang(&headers);
    let back = format!("/programmes/{programme}/{cohort}/tracks/{track}/apply");
    let result = keep(&state, &session, [&programme, &cohort, &track], form).await;
    let plain = plain_form(&headers);
    match result {
        Ok(_) if plain => Redirect::to(&format!("{back}?uploaded=1")).into_response(),
        Ok(answer) => (StatusCode::OK, answer).into_response(),
        Err((AppError::Invalid(problems), Some(track_id))) if plain => {
            let key = files::upload_flash_key(track_id);
            camp_connect_app::form_flash::keep_in(&session, &key, &problems).await;
            Redirect::to(&format!("{back}?upload_refused=1")).into_response()
        }
        Err((e, _)) => {
            let status =
                StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let text = match &e {
                AppError::Invalid(list) => list
                    .first()
                    .map(|p| p.problem.message(lang))
                    .unwrap_or_else(|| e.message(lang).to_string()),
                other => other.message(lang).to_string(),
            };
            (status, text).into_response()
        }
    }
}

/// Checks who asks and where, reads the form and keeps its file; the
/// error carries the track's id once known (for the form's flash).
async fn keep(
    state: &AppState,
    session: &Session,
    slugs: [&str; 3],
    form: Result<Multipart, MultipartRejection>,
) -> Result<String, (AppError, Option<i32>)> {
    let now = Utc::now();
    let actor = scope::actor(state, session)
        .await
        .map_err(|e| (e, None))?
        .ok_or((AppError::SignInRequired, None))?;
    can(Some(&actor), Action::Apply, Scope::Instance).map_err(|e| (AppError::from(e), None))?;
    if !slugs.iter().all(|s| is_valid_slug(s)) {
        return Err((AppError::NotFound, None));
    }
    let place = find_track(&state.db, slugs[0], slugs[1], slugs[2])
        .await
        .map_err(|e| (AppError::from(e), None))?
        .ok_or((AppError::NotFound, None))?;
    let track_id = Some(place.track.id);
    let mut form = form.map_err(|_| (AppError::BadRequest, None))?;
    let (mut question, mut file) = (None, None);
    loop {
        match form.next_field().await {
            Ok(Some(field)) => match field.name() {
                Some("question") => {
                    let text = field.text().await.unwrap_or_default();
                    question = text.trim().parse::<i32>().ok();
                }
                Some("file") => {
                    let name = field.file_name().unwrap_or_default().to_string();
                    let bytes = field
                        .bytes()
                        .await
                        .map_err(|_| (AppError::BadRequest, None))?;
                    file = Some((name, bytes.to_vec()));
                }
                _ => {}
            },
            Ok(None) => break,
            Err(_) => return Err((AppError::BadRequest, None)),
        }
    }
    let question = question.ok_or((AppError::BadRequest, None))?;
    // A form sent without choosing a file posts an empty, nameless part.
    let Some((name, bytes)) = file.filter(|(n, b)| !n.is_empty() || !b.is_empty()) else {
        let problem = Problem::File(FileProblem::NoFile);
        return Err((invalid(question, problem), track_id));
    };
    let u = Upload {
        account_id: actor.account_id,
        place: &place,
        question_id: question,
        file_name: &name,
        bytes,
        now,
    };
    match upload(&state.db, u).await {
        Ok(answer) => Ok(answer.describe()),
        Err(UploadError::NotFound) => Err((AppError::NotFound, None)),
        Err(UploadError::Invalid(p)) => Err((AppError::Invalid(p), track_id)),
        Err(UploadError::Db(e)) => Err((e.into(), None)),
    }
}

fn invalid(question: i32, problem: Problem) -> AppError {
    AppError::Invalid(vec![FieldError {
        field: format!("q{question}"),
        problem,
    }])
}

/// `GET` of a stored file: an attachment that is never shown inline, for
/// the applicant, the organisers of its programme, administrators and its
/// assigned reviewers (under an anonymous name); not found for anyone else.
pub async fn download_file(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let lang = reader_lang(&headers);
    match find(&state, &session, &id).await {
        Ok(f) => {
            let disposition = HeaderValue::from_str(&attachment(&f.name))
                .unwrap_or(HeaderValue::from_static("attachment"));
            (
                [
                    (
                        header::CONTENT_TYPE,
                        HeaderValue::from_static(f.kind.content_type()),
                    ),
                    (header::CONTENT_DISPOSITION, disposition),
                    (
                        header::X_CONTENT_TYPE_OPTIONS,
                        HeaderValue::from_static("nosniff"),
                    ),
                    (
                        header::CONTENT_SECURITY_POLICY,
                        HeaderValue::from_static(DOWNLOAD_CSP),
                    ),
                    (
                        header::CACHE_CONTROL,
                        HeaderValue::from_static("private, no-store"),
                    ),
                ],
                f.content,
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

async fn find(
    state: &AppState,
    session: &Session,
    id: &str,
) -> Result<camp_connect_app::store::application::files::Download, AppError> {
    let actor = scope::actor(state, session)
        .await?
        .ok_or(AppError::SignInRequired)?;
    let id: i32 = id.parse().map_err(|_| AppError::NotFound)?;
    download(&state.db, &actor, id)
        .await?
        .ok_or(AppError::NotFound)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_upload_path_takes_a_large_body() {
        assert!(is_upload("/programmes/connect/2027/tracks/ai/apply/upload"));
        assert!(!is_upload("/programmes/connect/2027/tracks/ai/apply"));
        assert!(!is_upload("/api/apply/save"));
        assert!(!is_upload("/programmes/a/b/tracks/c/apply/upload/x"));
        assert!(UPLOAD_MAX_BODY > MAX_FILE_MB as usize * MB);
    }
}
