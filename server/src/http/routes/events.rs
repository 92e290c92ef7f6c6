//! Routes of events and credits that are not pages: an event's iCalendar
//! file, its attendees as CSV for those who run it, the personal calendar
//! feed (at a secret address, since calendar apps cannot sign in) and the
//! person's credit ledger as CSV.

use super::reader::reader_lang;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use camp_connect_app::domain::access::{Action, Scope, can};
use camp_connect_app::domain::lang::Lang;
use camp_connect_app::error::AppError;
use camp_connect_app::state::AppState;
use chrono::Utc;
use tower_sessions::Session;

/// An event's iCalendar file (matched in [`event_ics`]: a route cannot
/// capture part of a segment, and `/events/{id}` is the event page).
pub const EVENT_ICS: &str = "/events/{id}.ics";
/// The personal calendar feed, `/calendar/<token>.ics`.
pub const CALENDAR_FEED: &str = "/calendar/{token}";
/// An event's attendees as CSV, for those who run it.
pub const ATTENDEES_CSV: &str = "/events/{id}/attendees.csv";
/// The person's own credit ledger as CSV.
pub const CREDITS_CSV: &str = "/account/credits.csv";

/// The calendar file, or the refusal's status and message in `lang`.
fn ics_response(lang: Lang, result: Result<String, AppError>) -> Response {
    match result {
        Ok(body) => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/calendar; charset=utf-8"),
                ),
                (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            ],
            body,
        )
            .into_response(),
        Err(e) => {
            let status =
                StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, e.message(lang)).into_response()
        }
    }
}

/// `GET /events/<id>.ics`, served ahead of the page routes: the event for
/// whoever may see it (the online link only for the registered), in the
/// reader's language. Every other request goes on.
pub async fn event_ics(
    State(state): State<AppState>,
    session: Session,
    request: Request,
    next: Next,
) -> Response {
    let id = request
        .uri()
        .path()
        .strip_prefix("/events/")
        .and_then(|rest| rest.strip_suffix(".ics"))
        .and_then(|n| n.parse::<i32>().ok());
    match (request.method() == axum::http::Method::GET, id) {
        (true, Some(id)) => {
            let lang = reader_lang(request.headers());
            ics_response(lang, build_event(&state, &session, id, lang).await)
        }
        _ => next.run(request).await,
    }
}

async fn build_event(
    state: &AppState,
    session: &Session,
    id: i32,
    lang: Lang,
) -> Result<String, AppError> {
    let now = Utc::now();
    let found = camp_connect_app::auth::current(session, &state.db, now).await?;
    let actor = found.as_ref().map(|(a, _)| a);
    can(actor, Action::ViewEvents, Scope::Instance)?;
    camp_connect_app::store::events::calendar::event_ics(
        &state.db,
        actor,
        id,
        &state.public_url,
        lang,
        now,
    )
    .await
    .map_err(camp_connect_app::api::events::server::refused)
}

/// `GET /calendar/<token>.ics`: the feed of the person holding the token,
/// in their account's language (calendar apps send no cookie); 404 for any
/// other address.
pub async fn calendar_feed(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let result = match file.strip_suffix(".ics") {
        Some(token) => camp_connect_app::store::events::calendar::feed_ics(
            &state.db,
            token,
            &state.public_url,
            Utc::now(),
        )
        .await
        .map_err(AppError::from)
        .and_then(|f| f.ok_or(AppError::NotFound)),
        None => Err(AppError::NotFound),
    };
    ics_response(Lang::default(), result)
}

/// `GET /events/<id>/attendees.csv`: who answered the event, in the
/// reader's language, for its host, the organisers of its programme and
/// admins. Anyone else signed in hears 404, as for a missing event (the
/// event's edit page does the same): a refusal would tell them that an
/// alumni-only event with this id exists.
pub async fn attendees_csv(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let lang = reader_lang(&headers);
    super::csv::csv_response(lang, build_attendees(&state, &session, &id, lang).await)
}

async fn build_attendees(
    state: &AppState,
    session: &Session,
    id: &str,
    lang: Lang,
) -> Result<(String, String), AppError> {
    let actor = super::scope::actor(state, session).await?;
    can(actor.as_ref(), Action::HostEvents, Scope::Instance)?;
    let actor = actor.ok_or(AppError::SignInRequired)?;
    let id: i32 = id.parse().map_err(|_| AppError::NotFound)?;
    let body = camp_connect_app::store::events::export::attendees_csv(&state.db, &actor, id, lang)
        .await
        .map_err(camp_connect_app::api::events::server::refused)?;
    let kind = camp_connect_app::domain::text::labels::csv_file::attendees(lang);
    Ok((
        super::scope::file_name(&["event", &id.to_string(), kind]),
        body,
    ))
}

/// `GET /account/credits.csv`: the signed-in person's own ledger, in their
/// language.
pub async fn credits_csv(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
) -> Response {
    let lang = reader_lang(&headers);
    super::csv::csv_response(lang, build_csv(&state, &session, lang).await)
}

async fn build_csv(
    state: &AppState,
    session: &Session,
    lang: Lang,
) -> Result<(String, String), AppError> {
    let now = Utc::now();
    let found = camp_connect_app::auth::current(session, &state.db, now).await?;
    let actor = found.as_ref().map(|(a, _)| a);
    can(actor, Action::KeepCredits, Scope::Instance)?;
    let (actor, _) = found.ok_or(AppError::SignInRequired)?;
    let body =
        camp_connect_app::store::credits::csv(&state.db, actor.account_id, lang, now).await?;
    Ok(("credits.csv".into(), body))
}
