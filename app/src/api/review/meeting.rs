//! The selection meeting: a track's ranking searched and filtered, and one
//! application with everything the person may see of it. Organisers of the
//! programme, administrators, and the track's lecturers and reviewers
//! (`AttendSelectionMeeting` on the track); which application each opens
//! and what they read of it is `domain::review::meeting`'s to decide.

use crate::domain::review::meeting::{MeetingApplication, MeetingQuery, MeetingRanking};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
mod server {
    use crate::api::ctx::Ctx;
    use crate::domain::access::Action;
    use crate::domain::review::meeting::meeting_role;
    use crate::error::AppError;
    use crate::store::catalogue::track_ctx::TrackCtx;
    use crate::store::review::meeting::Attendee;

    /// The track named by the slugs and the person at its meeting.
    pub async fn attending(
        programme: &str,
        cohort: &str,
        track: &str,
    ) -> Result<(Ctx, TrackCtx, Attendee), AppError> {
        let ctx = Ctx::load().await?;
        let (place, actor) = ctx
            .track_scoped(Action::AttendSelectionMeeting, programme, cohort, track)
            .await?;
        // Whoever passed the check has a role; a mismatch is a refusal.
        let role =
            meeting_role(actor, place.programme.id, place.track.id).ok_or(AppError::Forbidden)?;
        let who = Attendee {
            account: actor.account_id,
            role,
        };
        Ok((ctx, place, who))
    }
}

/// One page of the track's ranking at the selection meeting, searched and
/// filtered by `filter` (a GET form's values; unreadable ones are ignored).
#[server(endpoint = "review/meeting")]
pub async fn get_meeting(
    programme: String,
    cohort: String,
    track: String,
    filter: MeetingQuery,
) -> Result<MeetingRanking, AppError> {
    let (ctx, place, who) = server::attending(&programme, &cohort, &track).await?;
    Ok(crate::store::review::meeting::meeting_ranking(&ctx.db, &place, who, &filter).await?)
}

/// One application of the track at the selection meeting, with its
/// neighbours in the ranking as `filter` narrows it. An application of
/// another track, or one a reviewer is not assigned to, is not found.
#[server(endpoint = "review/meeting-application")]
pub async fn get_meeting_application(
    programme: String,
    cohort: String,
    track: String,
    application: i32,
    filter: MeetingQuery,
) -> Result<MeetingApplication, AppError> {
    use crate::store::review::meeting::meeting_application;
    let (ctx, place, who) = server::attending(&programme, &cohort, &track).await?;
    meeting_application(&ctx.db, &place, who, application, &filter)
        .await?
        .ok_or(AppError::NotFound)
}
