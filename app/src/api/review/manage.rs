//! The organiser's review page of a track: settings, rubric, reviewers and
//! assignments (`ManageSelection` on the programme).

#[cfg(feature = "ssr")]
use super::server::managing;
use crate::domain::review::view::ManageReview;
use crate::error::AppError;
use leptos::prelude::*;

/// A track's review page data with page `page` of the ranking, for its organisers.
#[server(endpoint = "review/manage")]
pub async fn get_manage_review(
    programme: String,
    cohort: String,
    track: String,
    page: usize,
) -> Result<ManageReview, AppError> {
    let m = managing(&programme, &cohort, &track).await?;
    Ok(crate::store::review::overview::manage_review(&m.ctx.db, &m.place, page).await?)
}

/// The review settings form (`draft[…]`; checkboxes are sent only when ticked).
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct SettingsDraft {
    /// Review anonymously.
    pub anonymous: Option<String>,
    /// Reviewers per application.
    pub k: String,
    /// Rank by normalised totals.
    pub normalise: Option<String>,
    /// Days to answer an offer.
    pub offer_days: String,
    /// Close the review.
    pub closed: Option<String>,
    /// When the review is due (JST date and time; empty: no due date).
    #[serde(default)]
    pub due_at: String,
}

/// Saves a track's review settings.
#[server(endpoint = "review/settings")]
pub async fn save_review_settings(
    programme: String,
    cohort: String,
    track: String,
    draft: SettingsDraft,
) -> Result<(), AppError> {
    use crate::api::ctx::number;
    use crate::domain::review::decide::MAX_OFFER_DAYS;
    use crate::domain::review::view::Settings;
    let m = managing(&programme, &cohort, &track).await?;
    let due_at = match draft.due_at.trim() {
        "" => None,
        typed => Some(crate::domain::time::parse_jst_input(typed).ok_or_else(|| {
            crate::api::ctx::invalid("due_at", crate::domain::forms::Problem::BadDateTime)
        })?),
    };
    let s = Settings {
        anonymous: draft.anonymous.is_some(),
        k: number("k", &draft.k, 1..=10)?,
        normalise: draft.normalise.is_some(),
        offer_days: number("offer_days", &draft.offer_days, 1..=MAX_OFFER_DAYS)?,
        closed: draft.closed.is_some(),
        due_at,
    };
    crate::store::review::save_settings(&m.ctx.db, m.actor, &m.place, &s, m.ctx.now).await?;
    m.done()
}

/// Back to the page the rubric is edited on: the organiser's review page,
/// or for a lecturer (who has none) the track's questions page.
#[cfg(feature = "ssr")]
fn rubric_done(e: crate::api::application_setup::server::Editor) -> Result<(), AppError> {
    let to = if !e.organiser {
        crate::api::application_setup::server::questions_href(&e.place)
    } else {
        e.place.manage_path()
    };
    leptos_axum::redirect(&format!("{to}?saved=1"));
    Ok(())
}

/// Adds a criterion to the track's rubric (organisers, and the track's
/// lecturers until applications open).
#[server(endpoint = "review/criterion")]
pub async fn add_criterion(
    programme: String,
    cohort: String,
    track: String,
    name_ja: String,
    name_en: String,
    weight: String,
    scale_max: String,
) -> Result<(), AppError> {
    use crate::domain::lang::Localized;
    use crate::domain::review::rubric::check_criterion;
    let e = crate::api::application_setup::server::editor(&programme, &cohort, &track).await?;
    let w = weight.trim().parse().unwrap_or(0);
    let max = scale_max.trim().parse().unwrap_or(0);
    let problems = check_criterion(&name_ja, &name_en, w, max);
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    let name = Localized::new(name_ja.trim(), name_en.trim());
    let (db, now) = (&e.ctx.db, e.ctx.now);
    crate::store::review::add_criterion(db, e.actor, &e.place, &name, w, max, now).await?;
    rubric_done(e)
}

/// Removes a criterion (and the scores given on it); organisers, and the
/// track's lecturers until applications open.
#[server(endpoint = "review/criterion-remove")]
pub async fn remove_criterion(
    programme: String,
    cohort: String,
    track: String,
    criterion: i32,
) -> Result<(), AppError> {
    let e = crate::api::application_setup::server::editor(&programme, &cohort, &track).await?;
    let (db, now) = (&e.ctx.db, e.ctx.now);
    if !crate::store::review::remove_criterion(db, e.actor, &e.place, criterion, now).await? {
        return Err(AppError::NotFound);
    }
    rubric_done(e)
}

/// A refused reviewer or assignment change as the organiser should read it.
#[cfg(feature = "ssr")]
fn assign_error(e: crate::store::review::assign::AssignError) -> AppError {
    use crate::api::ctx::invalid;
    use crate::domain::forms::Problem;
    use crate::store::review::assign::AssignError;
    match e {
        AssignError::NoSuchAccount => invalid("email", Problem::NoSuchAccount),
        AssignError::NotFound => AppError::NotFound,
        AssignError::Conflict => invalid("reviewer", Problem::Conflicted),
        AssignError::Db(e) => e.into(),
    }
}

/// Makes the account with `email` a reviewer of the track, with its
/// affiliation for conflict checks.
#[server(endpoint = "review/invite")]
pub async fn invite_reviewer(
    programme: String,
    cohort: String,
    track: String,
    email: String,
    affiliation: String,
) -> Result<(), AppError> {
    use crate::domain::forms::one_text;
    use crate::domain::review::texts::MAX_AFFILIATION;
    let m = managing(&programme, &cohort, &track).await?;
    let affiliation =
        one_text("affiliation", &affiliation, MAX_AFFILIATION).map_err(AppError::Invalid)?;
    let (db, now) = (&m.ctx.db, m.ctx.now);
    crate::store::review::assign::invite_reviewer(db, m.actor, &m.place, &email, &affiliation, now)
        .await
        .map_err(assign_error)?;
    m.done()
}

/// Revokes the reviewer role of `reviewer` on the track: from their next
/// request they can no longer open or score its applications, and their
/// unfinished assignments go (finished reviews stay in the ranking).
/// Lecturers review through the roster and are taken off it there.
#[server(endpoint = "review/revoke")]
pub async fn revoke_reviewer(
    programme: String,
    cohort: String,
    track: String,
    reviewer: i32,
) -> Result<(), AppError> {
    let m = managing(&programme, &cohort, &track).await?;
    let (db, now) = (&m.ctx.db, m.ctx.now);
    if !crate::store::review::assign::revoke_reviewer(db, m.actor, &m.place, reviewer, now).await? {
        return Err(AppError::NotFound);
    }
    m.done()
}

/// Assigns k reviewers to every submitted application, around conflicts.
#[server(endpoint = "review/assign-auto")]
pub async fn assign_automatically(
    programme: String,
    cohort: String,
    track: String,
) -> Result<(), AppError> {
    let m = managing(&programme, &cohort, &track).await?;
    let (db, now) = (&m.ctx.db, m.ctx.now);
    let k = crate::store::review::settings(db, m.place.track.id)
        .await?
        .k;
    let k = usize::try_from(k).unwrap_or(0);
    crate::store::review::assign::assign_automatically(db, m.actor, &m.place, k, now).await?;
    m.done()
}

/// Assigns one reviewer to one application.
#[server(endpoint = "review/assign")]
pub async fn assign_reviewer(
    programme: String,
    cohort: String,
    track: String,
    application: i32,
    reviewer: i32,
) -> Result<(), AppError> {
    let m = managing(&programme, &cohort, &track).await?;
    let (db, now) = (&m.ctx.db, m.ctx.now);
    crate::store::review::assign::assign_manually(
        db,
        m.actor,
        &m.place,
        application,
        reviewer,
        now,
    )
    .await
    .map_err(assign_error)?;
    m.done()
}

/// Removes one reviewer from one application; `assignment` names both
/// (see [`AssignmentKey`](crate::domain::review::view::AssignmentKey)).
#[server(endpoint = "review/unassign")]
pub async fn unassign_reviewer(
    programme: String,
    cohort: String,
    track: String,
    assignment: String,
) -> Result<(), AppError> {
    use crate::domain::review::view::AssignmentKey;
    let m = managing(&programme, &cohort, &track).await?;
    let key = AssignmentKey::parse(&assignment).ok_or(AppError::BadRequest)?;
    let (db, now) = (&m.ctx.db, m.ctx.now);
    let (application, reviewer) = (key.application, key.reviewer);
    if !crate::store::review::assign::unassign(db, m.actor, &m.place, application, reviewer, now)
        .await?
    {
        return Err(AppError::NotFound);
    }
    m.done()
}
