//! Offers: the applicant's answer to their offer (`Apply`; the application
//! must be theirs), and an organiser removing a participant, which frees
//! the place for the waitlist.

#[cfg(feature = "ssr")]
use crate::api::ctx::Ctx;
use crate::domain::review::view::OfferView;
use crate::error::AppError;
use leptos::prelude::*;

/// A refused offer change as the person should read it.
#[cfg(feature = "ssr")]
fn offer_error(e: crate::store::review::offer::OfferError) -> AppError {
    use crate::api::ctx::invalid;
    use crate::domain::forms::Problem;
    use crate::store::review::offer::OfferError;
    match e {
        OfferError::NotFound => AppError::NotFound,
        OfferError::Closed => invalid("answer", Problem::OfferClosed),
        OfferError::ConsentMissing => invalid("answer", Problem::ConsentMissing),
        OfferError::PlaceHeld => invalid("answer", Problem::PlaceHeldInCohort),
        OfferError::Db(e) => e.into(),
    }
}

/// The applicant's decision and offer on their application.
#[server(endpoint = "offers/get")]
pub async fn get_offer(application: i32) -> Result<OfferView, AppError> {
    use crate::domain::access::{Action, Scope};
    let ctx = Ctx::load().await?;
    let actor = ctx.require(Action::Apply, Scope::Instance)?;
    let (db, site, now) = (&ctx.db, &ctx.public_url, ctx.now);
    crate::store::review::offer::offer_view(db, actor.account_id, application, site, now)
        .await
        .map_err(offer_error)
}

/// Confirms (`answer=confirm`) or declines (`answer=decline`) the offer.
#[server(endpoint = "offers/respond")]
pub async fn respond_offer(application: i32, answer: String) -> Result<(), AppError> {
    use crate::api::ctx::invalid;
    use crate::domain::access::{Action, Scope};
    use crate::domain::forms::Problem;
    let ctx = Ctx::load().await?;
    let actor = ctx.require(Action::Apply, Scope::Instance)?;
    let confirm = match answer.as_str() {
        "confirm" => true,
        "decline" => false,
        _ => return Err(invalid("answer", Problem::BadChoice)),
    };
    crate::store::review::offer::respond(
        &ctx.db,
        actor.account_id,
        application,
        confirm,
        &ctx.public_url,
        ctx.now,
    )
    .await
    .map_err(offer_error)?;
    leptos_axum::redirect(&format!("/offers/{application}?saved=1"));
    Ok(())
}

/// Removes a participant from the track, for a reason the organiser must
/// give: their place is freed and offered to the waitlist, all audited.
#[server(endpoint = "review/remove-participant")]
pub async fn remove_participant(
    programme: String,
    cohort: String,
    track: String,
    account: i32,
    reason: String,
) -> Result<(), AppError> {
    use crate::domain::forms::Checker;
    use crate::domain::review::texts::MAX_DECISION_REASON;
    let m = super::server::managing(&programme, &cohort, &track).await?;
    let mut c = Checker::default();
    let reason = c.text("reason", &reason, true, MAX_DECISION_REASON);
    if !c.is_clean() {
        return Err(AppError::Invalid(c.into_problems()));
    }
    crate::store::review::offer::remove_participant(
        &m.ctx.db,
        m.actor,
        &m.place,
        account,
        &reason,
        &m.ctx.public_url,
        m.ctx.now,
    )
    .await
    .map_err(offer_error)?;
    // Back to the roster, where the form is.
    let roster = format!(
        "/manage/{}/{}/tracks/{}/roster?saved=1",
        m.place.programme.slug, m.place.cohort.slug, m.place.track.slug
    );
    leptos_axum::redirect(&roster);
    Ok(())
}
