//! Roster and staffing server functions for organisers (`ManageRosters` on
//! the programme): the roster page, assigning and inviting lecturers, tutor
//! calls and their volunteers, the staffing dashboard. Every function
//! authorises before it touches data.

#[cfg(feature = "ssr")]
use crate::api::ctx::Ctx;
use crate::domain::rosters::view::{RosterPage, StaffingPage};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use crate::api::ctx::{Ctx, invalid, number};
    use crate::domain::access::{Action, Actor};
    use crate::domain::forms::{Checker, Problem};
    use crate::domain::rosters::LecturerSource;
    use crate::error::AppError;
    use crate::store::catalogue::track_ctx::TrackCtx;
    use crate::store::rosters::RosterError;

    /// The track named by the slugs, and the organiser who may staff it.
    pub async fn staffed<'c>(
        ctx: &'c Ctx,
        [programme, cohort, track]: [&str; 3],
    ) -> Result<(TrackCtx, &'c Actor), AppError> {
        ctx.track(Action::ManageRosters, programme, cohort, track)
            .await
    }

    /// Back to the roster page of `place`, saying it was saved.
    pub fn back(place: &TrackCtx) {
        leptos_axum::redirect(&format!(
            "/manage/{}/{}/tracks/{}/roster?saved=1",
            place.programme.slug, place.cohort.slug, place.track.slug
        ));
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
        pub place: TrackCtx,
        /// The organiser's account.
        pub actor: i32,
        /// Where the lecturer comes from.
        pub source: LecturerSource,
        /// The lecturer's affiliation, trimmed.
        pub affiliation: String,
    }

    /// Authorises a lecturer form and checks its fields.
    pub async fn lecturer_request(
        ctx: &Ctx,
        slugs: [&str; 3],
        email: &str,
        source: &str,
        affiliation: &str,
    ) -> Result<LecturerRequest, AppError> {
        let (place, actor) = staffed(ctx, slugs).await?;
        let (source, affiliation) = lecturer_fields(email, source, affiliation)?;
        Ok(LecturerRequest {
            place,
            actor: actor.account_id,
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
        let src = LecturerSource::parse(source.trim());
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
    let ctx = Ctx::load().await?;
    let (place, _) = server::staffed(&ctx, [&programme, &cohort, &track]).await?;
    Ok(crate::store::rosters::roster_page(&ctx.db, &place, ctx.now).await?)
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
    let ctx = Ctx::load().await?;
    let slugs = [programme.as_str(), &cohort, &track];
    let r = server::lecturer_request(&ctx, slugs, &email, &source, &affiliation).await?;
    let (db, who, now) = (&ctx.db, r.actor, ctx.now);
    crate::store::rosters::assign_lecturer(
        db,
        who,
        &r.place,
        &email,
        r.source,
        &r.affiliation,
        now,
    )
    .await
    .map_err(server::refused)?;
    server::back(&r.place);
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
    let ctx = Ctx::load().await?;
    let slugs = [programme.as_str(), &cohort, &track];
    let r = server::lecturer_request(&ctx, slugs, &email, &source, &affiliation).await?;
    let (db, who, url, now) = (&ctx.db, r.actor, &ctx.public_url, ctx.now);
    let (src, org) = (r.source, &r.affiliation);
    crate::store::outbox::mail_limit(db, who, "email", &email, now)
        .await?
        .map_err(AppError::Invalid)?;
    crate::store::rosters::invite::invite(db, who, &r.place, &email, src, org, url, now)
        .await
        .map_err(server::refused)?;
    server::back(&r.place);
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
    let ctx = Ctx::load().await?;
    let (place, actor) = server::staffed(&ctx, [&programme, &cohort, &track]).await?;
    let n = server::places(&places)?;
    let mut c = Checker::default();
    let note = c.text("note", &note, false, 2000);
    if !c.is_clean() {
        return Err(AppError::Invalid(c.into_problems()));
    }
    crate::store::rosters::calls::open_call(&ctx.db, actor.account_id, &place, n, &note, ctx.now)
        .await?;
    server::back(&place);
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
    let ctx = Ctx::load().await?;
    let (place, actor) = server::staffed(&ctx, [&programme, &cohort, &track]).await?;
    crate::store::rosters::calls::close_call(&ctx.db, actor.account_id, &place, call, ctx.now)
        .await
        .map_err(server::refused)?;
    server::back(&place);
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
    use crate::api::ctx::invalid;
    use crate::domain::forms::Problem;
    let ctx = Ctx::load().await?;
    let (place, actor) = server::staffed(&ctx, [&programme, &cohort, &track]).await?;
    let approve = match decision.as_str() {
        "approve" => true,
        "decline" => false,
        _ => return Err(invalid("decision", Problem::BadChoice)),
    };
    let (db, now) = (&ctx.db, ctx.now);
    crate::store::rosters::calls::decide(db, actor.account_id, &place, volunteer, approve, now)
        .await
        .map_err(server::refused)?;
    server::back(&place);
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
    let ctx = Ctx::load().await?;
    let (place, actor) = server::staffed(&ctx, [&programme, &cohort, &track]).await?;
    let role = Role::parse(&role).unwrap_or(Role::Participant);
    crate::store::rosters::remove(&ctx.db, actor.account_id, &place, account, role, ctx.now)
        .await
        .map_err(server::refused)?;
    server::back(&place);
    Ok(())
}

/// The staffing dashboard over a programme, or one of its cohorts when
/// `cohort` is not empty.
#[server(endpoint = "rosters/staffing")]
pub async fn get_staffing(programme: String, cohort: String) -> Result<StaffingPage, AppError> {
    use crate::domain::access::Action;
    let ctx = Ctx::load().await?;
    let (p, _) = ctx.programme(Action::ManageRosters, &programme).await?;
    let cohort = Some(cohort.trim()).filter(|c| !c.is_empty());
    crate::store::rosters::staffing::staffing_page(&ctx.db, &p, cohort)
        .await?
        .ok_or(AppError::NotFound)
}
