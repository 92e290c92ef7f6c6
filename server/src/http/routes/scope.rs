//! The records an export is about, found within the reader's reach, in
//! the order the server functions' `Ctx` checks them: the permission on
//! the programme first, then the cohort or track inside it. So a download
//! answers 401, 403 and 404 exactly as its page does, and a cohort or
//! track of another programme is not found, like a missing one.

use camp_connect_app::domain::access::{Action, Actor, Scope, can};
use camp_connect_app::domain::slug::is_valid_slug;
use camp_connect_app::error::AppError;
use camp_connect_app::state::AppState;
use camp_connect_app::store::catalogue::rows::{cohort_row, programme_row};
use camp_connect_app::store::catalogue::track_ctx::{TrackCtx, track_by_slugs};
use camp_connect_app::store::entities::{cohort, programme};
use chrono::Utc;
use sea_orm::DatabaseConnection;
use tower_sessions::Session;

/// Who is asking (`None`: nobody is signed in).
pub async fn actor(state: &AppState, session: &Session) -> Result<Option<Actor>, AppError> {
    Ok(
        camp_connect_app::auth::current(session, &state.db, Utc::now())
            .await?
            .map(|(a, _)| a),
    )
}

/// The programme named `slug`, once `actor` may do `action` on it. An
/// unknown name is not found only for someone who may do `action`
/// somewhere; everyone else is refused first, so nobody probes names.
pub async fn programme(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    action: Action,
    slug: &str,
) -> Result<programme::Model, AppError> {
    let found = if is_valid_slug(slug) {
        programme_row(db, slug).await?
    } else {
        None
    };
    let Some(p) = found else {
        can(actor, action, Scope::Instance)?;
        return Err(AppError::NotFound);
    };
    can(actor, action, Scope::Programme(p.id))?;
    Ok(p)
}

/// The cohort named by the slugs, once `actor` may do `action` on its
/// programme.
pub async fn cohort(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    action: Action,
    (programme_slug, cohort_slug): (&str, &str),
) -> Result<(programme::Model, cohort::Model), AppError> {
    let p = programme(db, actor, action, programme_slug).await?;
    let c = if is_valid_slug(cohort_slug) {
        cohort_row(db, p.id, cohort_slug).await?
    } else {
        None
    };
    Ok((p, c.ok_or(AppError::NotFound)?))
}

/// The track named by the slugs, once `actor` may do `action` on its
/// programme.
pub async fn track(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    action: Action,
    (programme_slug, cohort_slug, track_slug): (&str, &str, &str),
) -> Result<TrackCtx, AppError> {
    let p = programme(db, actor, action, programme_slug).await?;
    if ![cohort_slug, track_slug].iter().all(|s| is_valid_slug(s)) {
        return Err(AppError::NotFound);
    }
    track_by_slugs(db, &p, cohort_slug, track_slug)
        .await?
        .ok_or(AppError::NotFound)
}

/// A download's file name: the parts (slugs, then what the file holds in
/// the reader's language) joined by dashes.
pub fn file_name(parts: &[&str]) -> String {
    format!("{}.csv", parts.join("-"))
}
