//! Roster and staffing server functions for organisers (`ManageRosters` on
//! the programme): the roster page, assigning and inviting lecturers, tutor
//! calls and their volunteers, the staffing dashboard. Every function
//! authorises before it touches data.

use crate::domain::rosters::view::{RosterPage, StaffingPage};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use crate::api::review::server::{invalid, managed_as, number};
    use crate::domain::access::{Action, Actor};
    use crate::domain::forms::{Checker, Problem};
    use crate::domain::rosters::LecturerSource;
    use crate::error::AppError;
    use crate::store::catalogue::track_ctx::TrackCtx;
    use crate::store::rosters::RosterError;

    /// The track, and the organiser who may staff it.
    pub async fn staffed(
        programme: &str,
        cohort: &str,
        track: &str,
    ) -> Result<(TrackCtx, Actor), AppError> {
        managed_as(Action::ManageRosters, programme, cohort, track).await
    }

    /// The roster page's address.
    pub fn roster_path(ctx: &TrackCtx) -> String {
        format!(
            "/manage/{}/{}/tracks/{}/roster",
            ctx.programme.slug, ctx.cohort.slug, ctx.track.slug
        )
    }

    /// Back to the roster page, saying it was saved.
    pub fn back(ctx: &TrackCtx) {
        leptos_axum::redirect(&format!("{}?saved=1", roster_path(ctx)));
    }

    /// A store refusal as the person should read it.
    pub fn refused(e: RosterError) -> AppError {
        match e {
            RosterError::NotFound => AppError::NotFound,
            RosterError::Refused(field, problem) => invalid(field, problem),
            RosterError::Db(e) => e.into(),
        }
    }

    /// A lecturer form's request: the track, its organiser, and the typed
    /// source and affiliation, checked together.
    pub struct LecturerRequest {
        /// The track.
        pub ctx: TrackCtx,
        /// The organiser.
        pub actor: Actor,
        /// Where the lecturer comes from.
        pub source: LecturerSource,
        /// The lecturer's affiliation, trimmed.
        pub affiliation: String,
    }

    /// Authorises a lecturer form and checks its fields.
    pub async fn lecturer_request(
        place: [&str; 3],
        email: &str,
        source: &str,
        affiliation: &str,
    ) -> Result<LecturerRequest, AppError> {
        let (ctx, actor) = staffed(place[0], place[1], place[2]).await?;
        let (source, affiliation) = lecturer_fields(email, source, affiliation)?;
        Ok(LecturerRequest {
            ctx,
            actor,
            source,
            affiliation,
        })
    }

    /// The lecturer form's source and affiliation, checked together.
    fn lecturer_fields(
        email: &str,
        source: &str,
        affiliation: &str,
    ) -> Result<(LecturerSource, String), AppError> {
        let mut c = Checker::default();
        c.text("email", email, true, 320);
        let org = c.text("affiliation", affiliation, false, 200);
        let src = LecturerSource::parse(source);
        if src.is_none() {
            c.fail("source", Problem::BadChoice);
        }
        match src {
            Some(s) if c.is_clean() => Ok((s, org)),
            _ => Err(AppError::Invalid(c.into_problems())),
        }
    }

    /// The places of a tutor call: 1 to 100.
    pub fn places(typed: &str) -> Result<i32, AppError> {
        number("places", typed, 1..=100)
    }
}

/// A track's roster page, for its organisers.
#[server(endpoint = "rosters/page")]
pub async fn get_roster(
    programme: String,
    cohort: String,
    track: String,
) -> Result<RosterPage, AppError> {
    let (ctx, _) = server::staffed(&programme, &cohort, &track).await?;
    let db = crate::state::db()?;
    Ok(crate::store::rosters::roster_page(&db, &ctx, chrono::Utc::now()).await?)
}

/// Assigns an existing account (by email) as a lecturer of the track.
#[server(endpoint = "rosters/assign")]
pub async fn assign_lecturer(
    programme: String,
    cohort: String,
    track: String,
    email: String,
    source: String,
    affiliation: String,
) -> Result<(), AppError> {
    let place = [programme.as_str(), &cohort, &track];
    let r = server::lecturer_request(place, &email, &source, &affiliation).await?;
    let db = crate::state::db()?;
    let (who, now) = (r.actor.account_id, chrono::Utc::now());
    crate::store::rosters::assign_lecturer(&db, who, &r.ctx, &email, r.source, &r.affiliation, now)
        .await
        .map_err(server::refused)?;
    server::back(&r.ctx);
    Ok(())
}

/// Invites `email` to lecture the track with a single-use link.
#[server(endpoint = "rosters/invite")]
pub async fn invite_lecturer(
    programme: String,
    cohort: String,
    track: String,
    email: String,
    source: String,
    affiliation: String,
) -> Result<(), AppError> {
    let place = [programme.as_str(), &cohort, &track];
    let r = server::lecturer_request(place, &email, &source, &affiliation).await?;
    let db = crate::state::db()?;
    let (who, url) = (r.actor.account_id, crate::state::public_url());
    let (src, org, now) = (r.source, &r.affiliation, chrono::Utc::now());
    crate::store::outbox::mail_limit(&db, who, "email", &email, now)
        .await?
        .map_err(AppError::Invalid)?;
    crate::store::rosters::invite::invite(&db, who, &r.ctx, &email, src, org, &url, now)
        .await
        .map_err(server::refused)?;
    server::back(&r.ctx);
    Ok(())
}

/// Opens a call for `places` tutors on the track.
#[server(endpoint = "rosters/call")]
pub async fn open_tutor_call(
    programme: String,
    cohort: String,
    track: String,
    places: String,
    note: String,
) -> Result<(), AppError> {
    use crate::domain::forms::Checker;
    let (ctx, actor) = server::staffed(&programme, &cohort, &track).await?;
    let n = server::places(&places)?;
    let mut c = Checker::default();
    let note = c.text("note", &note, false, 2000);
    if !c.is_clean() {
        return Err(AppError::Invalid(c.into_problems()));
    }
    let db = crate::state::db()?;
    crate::store::rosters::calls::open_call(
        &db,
        actor.account_id,
        &ctx,
        n,
        &note,
        chrono::Utc::now(),
    )
    .await?;
    server::back(&ctx);
    Ok(())
}

/// Closes one of the track's tutor calls early.
#[server(endpoint = "rosters/close-call")]
pub async fn close_tutor_call(
    programme: String,
    cohort: String,
    track: String,
    call: i32,
) -> Result<(), AppError> {
    let (ctx, actor) = server::staffed(&programme, &cohort, &track).await?;
    let db = crate::state::db()?;
    let now = chrono::Utc::now();
    crate::store::rosters::calls::close_call(&db, actor.account_id, &ctx, call, now)
        .await
        .map_err(server::refused)?;
    server::back(&ctx);
    Ok(())
}

/// Approves (`approve`: onto the tutor roster) or declines (`decline`) a
/// volunteer of one of the track's calls.
#[server(endpoint = "rosters/decide")]
pub async fn decide_volunteer(
    programme: String,
    cohort: String,
    track: String,
    volunteer: i32,
    decision: String,
) -> Result<(), AppError> {
    use crate::domain::forms::Problem;
    let (ctx, actor) = server::staffed(&programme, &cohort, &track).await?;
    let approve = match decision.as_str() {
        "approve" => true,
        "decline" => false,
        _ => {
            return Err(crate::api::review::server::invalid(
                "decision",
                Problem::BadChoice,
            ));
        }
    };
    let db = crate::state::db()?;
    crate::store::rosters::calls::decide(
        &db,
        actor.account_id,
        &ctx,
        volunteer,
        approve,
        chrono::Utc::now(),
    )
    .await
    .map_err(server::refused)?;
    server::back(&ctx);
    Ok(())
}

/// Takes a person off the track's lecturer or tutor roster (`role`:
/// `lecturer` or `tutor`).
#[server(endpoint = "rosters/remove")]
pub async fn remove_from_roster(
    programme: String,
    cohort: String,
    track: String,
    account: i32,
    role: String,
) -> Result<(), AppError> {
    use crate::domain::access::Role;
    let (ctx, actor) = server::staffed(&programme, &cohort, &track).await?;
    let role = Role::parse(&role).unwrap_or(Role::Participant);
    let db = crate::state::db()?;
    crate::store::rosters::remove(
        &db,
        actor.account_id,
        &ctx,
        account,
        role,
        chrono::Utc::now(),
    )
    .await
    .map_err(server::refused)?;
    server::back(&ctx);
    Ok(())
}

/// The staffing dashboard over a programme, or one of its cohorts when
/// `cohort` is not empty.
#[server(endpoint = "rosters/staffing")]
pub async fn get_staffing(programme: String, cohort: String) -> Result<StaffingPage, AppError> {
    use crate::domain::access::Action;
    let (p, _) = crate::auth::programme_for(Action::ManageRosters, &programme).await?;
    let db = crate::state::db()?;
    let cohort = Some(cohort.trim()).filter(|c| !c.is_empty());
    crate::store::rosters::staffing::staffing_page(&db, &p, cohort)
        .await?
        .ok_or(AppError::NotFound)
}
