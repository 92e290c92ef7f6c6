//! The organiser's decisions on a track's applications and their release
//! (`ManageSelection` on the programme).

#[cfg(feature = "ssr")]
use super::server::managing;
use crate::error::AppError;
use leptos::prelude::*;

/// A refused decision as the organiser should read it.
#[cfg(feature = "ssr")]
fn decision_error(e: crate::store::review::decide::DecisionError) -> AppError {
    use crate::api::ctx::invalid;
    use crate::domain::forms::Problem;
    use crate::store::review::decide::DecisionError;
    match e {
        DecisionError::Capacity(_) => invalid("reason", Problem::OverCapacity),
        DecisionError::NotDecidable => invalid("application", Problem::StatusChanged),
        DecisionError::Db(e) => e.into(),
    }
}

/// Decides one application: `accepted`, `waitlisted` or `rejected`; past
/// the track's capacity only with a reason.
#[server(endpoint = "review/decide")]
pub async fn decide(
    programme: String,
    cohort: String,
    track: String,
    application: i32,
    decision: String,
    reason: String,
) -> Result<(), AppError> {
    use crate::api::ctx::invalid;
    use crate::domain::application::Decision;
    use crate::domain::forms::Problem;
    use crate::domain::forms::one_text;
    use crate::domain::review::texts::MAX_DECISION_REASON;
    let m = managing(&programme, &cohort, &track).await?;
    let reason = one_text("reason", &reason, MAX_DECISION_REASON).map_err(AppError::Invalid)?;
    let d = Decision::parse(&decision).ok_or_else(|| invalid("decision", Problem::BadChoice))?;
    let (db, now) = (&m.ctx.db, m.ctx.now);
    crate::store::review::decide::decide(db, m.actor, &m.place, &[(application, d)], &reason, now)
        .await
        .map_err(decision_error)?;
    m.done()
}

/// Accepts the top `accept`, waitlists the next `waitlist` and rejects the
/// rest of the unreleased ranking; past capacity only with a reason.
#[server(endpoint = "review/decide-bulk")]
pub async fn decide_bulk(
    programme: String,
    cohort: String,
    track: String,
    accept: String,
    waitlist: String,
    reason: String,
) -> Result<(), AppError> {
    use crate::api::ctx::number;
    use crate::domain::forms::one_text;
    use crate::domain::review::texts::MAX_DECISION_REASON;
    let m = managing(&programme, &cohort, &track).await?;
    let reason = one_text("reason", &reason, MAX_DECISION_REASON).map_err(AppError::Invalid)?;
    let a = number("accept", &accept, 0..=100_000)?;
    let w = number("waitlist", &waitlist, 0..=100_000)?;
    crate::store::review::decide::decide_bulk(
        &m.ctx.db,
        m.actor,
        &m.place,
        usize::try_from(a).unwrap_or(0),
        usize::try_from(w).unwrap_or(0),
        &reason,
        m.ctx.now,
    )
    .await
    .map_err(decision_error)?;
    m.done()
}

/// Releases the track's pending decisions: offers and decision mails.
#[server(endpoint = "review/release")]
pub async fn release_decisions(
    programme: String,
    cohort: String,
    track: String,
) -> Result<(), AppError> {
    let m = managing(&programme, &cohort, &track).await?;
    let (db, site, now) = (&m.ctx.db, &m.ctx.public_url, m.ctx.now);
    crate::store::review::decide::release(db, m.actor, &m.place, site, now).await?;
    m.done()
}
