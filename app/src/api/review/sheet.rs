//! The reviewer's side: their tracks, their queue and their score sheets
//! (`Review` on the track; the assignment must be theirs).

#[cfg(feature = "ssr")]
use crate::api::ctx::Ctx;
use crate::domain::review::view::{MyTrack, Sheet};
use crate::error::AppError;
use leptos::prelude::*;
use std::collections::HashMap;

#[cfg(feature = "ssr")]
mod server {
    use crate::api::ctx::{Ctx, invalid};
    use crate::domain::access::{Action, Actor, Scope};
    use crate::domain::forms::Problem;
    use crate::error::AppError;
    use crate::store::catalogue::track_ctx::TrackCtx;
    use crate::store::review::sheet::SheetError;

    /// Where reviewing `place` is allowed.
    fn review_scope(place: &TrackCtx) -> Scope {
        Scope::Track {
            programme: place.programme.id,
            track: place.track.id,
        }
    }

    /// The track `track`, and the person who reviews it. A track the person
    /// does not review is not found, exactly like a missing one.
    pub async fn reviewed_track(ctx: &Ctx, track: i32) -> Result<(TrackCtx, &Actor), AppError> {
        let found = crate::store::catalogue::track_ctx::track_by_id(&ctx.db, track).await?;
        let actor = ctx.require_hidden(Action::Review, found.as_ref().map(review_scope))?;
        Ok((found.ok_or(AppError::NotFound)?, actor))
    }

    /// The reviewer of assignment `assignment`, if the person reviews its
    /// track; otherwise it is not found, exactly like a missing one.
    pub async fn assignment_reviewer(ctx: &Ctx, assignment: i32) -> Result<&Actor, AppError> {
        let found = crate::store::review::sheet::assignment_track(&ctx.db, assignment).await?;
        ctx.require_hidden(Action::Review, found.as_ref().map(review_scope))
    }

    /// A refused sheet or score as the reviewer should read it.
    pub fn sheet_error(e: SheetError) -> AppError {
        match e {
            SheetError::NotFound => AppError::NotFound,
            // Another reviewer's assignment is not found, like a missing one.
            SheetError::NotYours => AppError::NotFound,
            SheetError::Closed => invalid("comment", Problem::ReviewClosed),
            SheetError::Conflict(_) => invalid("assignment", Problem::ConflictedScore),
            SheetError::Db(e) => e.into(),
        }
    }
}

/// The tracks the signed-in person reviews, with their progress.
#[server(endpoint = "review/mine")]
pub async fn get_my_review_tracks() -> Result<Vec<MyTrack>, AppError> {
    let ctx = Ctx::load().await?;
    let actor = ctx.signed_in()?;
    Ok(crate::store::review::sheet::my_tracks(&ctx.db, actor.account_id).await?)
}

/// The person's next unfinished assignment on the track (`None`: all
/// done), and a redirect to it: the queue page answers with it (a 302 when
/// rendered on the server), so it works without JavaScript.
#[server(endpoint = "review/next")]
pub async fn get_next_assignment(track: i32) -> Result<Option<i32>, AppError> {
    let ctx = Ctx::load().await?;
    let (place, actor) = server::reviewed_track(&ctx, track).await?;
    let next =
        crate::store::review::sheet::next_unreviewed(&ctx.db, actor.account_id, place.track.id)
            .await?;
    if let Some(id) = next {
        leptos_axum::redirect(&format!("/review/assignments/{id}"));
    }
    Ok(next)
}

/// A score sheet of the signed-in reviewer.
#[server(endpoint = "review/sheet")]
pub async fn get_sheet(assignment: i32) -> Result<Sheet, AppError> {
    let ctx = Ctx::load().await?;
    let actor = server::assignment_reviewer(&ctx, assignment).await?;
    crate::store::review::sheet::sheet(&ctx.db, actor.account_id, assignment)
        .await
        .map_err(server::sheet_error)
}

/// Saves the reviewer's scores (`scores[<criterion id>]`) and comment, then
/// goes on to their next unfinished assignment.
#[server(endpoint = "review/score")]
pub async fn save_scores(
    assignment: i32,
    scores: Option<HashMap<String, String>>,
    comment: String,
) -> Result<(), AppError> {
    use crate::domain::review::rubric::check_scores;
    use crate::store::review::sheet;
    let ctx = Ctx::load().await?;
    let actor = server::assignment_reviewer(&ctx, assignment).await?;
    let current = sheet::sheet(&ctx.db, actor.account_id, assignment)
        .await
        .map_err(server::sheet_error)?;
    if current.closed {
        return Err(server::sheet_error(sheet::SheetError::Closed));
    }
    let typed: HashMap<i32, String> = scores
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(k, v)| Some((k.parse().ok()?, v)))
        .collect();
    let valid = check_scores(&current.criteria, &typed).map_err(AppError::Invalid)?;
    let comment = crate::domain::forms::one_text(
        "comment",
        &comment,
        crate::domain::review::texts::MAX_COMMENT,
    )
    .map_err(AppError::Invalid)?;
    sheet::save_scores(
        &ctx.db,
        actor.account_id,
        assignment,
        &valid,
        &comment,
        ctx.now,
    )
    .await
    .map_err(server::sheet_error)?;
    leptos_axum::redirect(&format!("/review/{}/next", current.track_id));
    Ok(())
}

/// Declares a conflict of interest with the assignment's application: the
/// assignment goes and the conflict is kept.
#[server(endpoint = "review/conflict")]
pub async fn declare_conflict(assignment: i32, note: String) -> Result<(), AppError> {
    use crate::domain::review::texts::MAX_CONFLICT_NOTE;
    let ctx = Ctx::load().await?;
    let actor = server::assignment_reviewer(&ctx, assignment).await?;
    let note = crate::domain::forms::one_text("note", &note, MAX_CONFLICT_NOTE)
        .map_err(AppError::Invalid)?;
    let (db, now) = (&ctx.db, ctx.now);
    let track =
        crate::store::review::sheet::declare_conflict(db, actor.account_id, assignment, &note, now)
            .await
            .map_err(server::sheet_error)?;
    leptos_axum::redirect(&format!("/review/{track}/next"));
    Ok(())
}
