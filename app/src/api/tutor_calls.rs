//! The signed-in person's side of rosters: the open tutor calls and
//! volunteering (only alumni of the call's programme, checked per call),
//! answering a lecturer invitation, and keeping one's availability.

#[cfg(feature = "ssr")]
use crate::api::ctx::Ctx;
use crate::domain::rosters::view::{AvailabilityPage, InvitationPage, OpenCall};
use crate::error::AppError;
use leptos::prelude::*;
use std::collections::HashMap;

/// The open tutor calls, each saying whether the person may volunteer.
#[server(endpoint = "tutor-calls/list")]
pub async fn get_tutor_calls() -> Result<Vec<OpenCall>, AppError> {
    use crate::domain::access::{Action, Scope};
    let ctx = Ctx::load().await?;
    let actor = ctx.require(Action::Volunteer, Scope::Instance)?;
    Ok(crate::store::rosters::calls::open_calls_for(&ctx.db, actor.account_id).await?)
}

/// Volunteers for a tutor call with a short statement.
#[server(endpoint = "tutor-calls/volunteer")]
pub async fn volunteer(call: i32, statement: String) -> Result<(), AppError> {
    use crate::domain::access::{Action, Scope};
    use crate::domain::forms::Checker;
    use crate::domain::rosters::rules::MAX_STATEMENT;
    let ctx = Ctx::load().await?;
    let actor = ctx.require(Action::Volunteer, Scope::Instance)?;
    let mut c = Checker::default();
    let text = c.text("statement", &statement, true, MAX_STATEMENT);
    if !c.is_clean() {
        return Err(AppError::Invalid(c.into_problems()));
    }
    crate::store::rosters::calls::volunteer(&ctx.db, actor.account_id, call, &text, ctx.now)
        .await
        .map_err(crate::api::rosters::server::refused)?;
    leptos_axum::redirect("/tutor-calls?saved=1");
    Ok(())
}

/// What a lecturer invitation's link shows (no account needed to see or
/// decline it): 404 for an unknown link.
#[server(endpoint = "invitations/get")]
pub async fn get_invitation(token: String) -> Result<InvitationPage, AppError> {
    let ctx = Ctx::load().await?;
    let viewer = ctx.actor.as_ref().map(|a| a.account_id);
    crate::store::rosters::invite::invitation_page(&ctx.db, &token, viewer, ctx.now)
        .await
        .map_err(crate::api::rosters::server::refused)
}

/// Answers a lecturer invitation: `accept` (signed in: joins the roster) or
/// `decline`. A used or expired link is refused.
#[server(endpoint = "invitations/answer")]
pub async fn answer_invitation(token: String, answer: String) -> Result<(), AppError> {
    use crate::api::ctx::invalid;
    use crate::domain::forms::Problem;
    let ctx = Ctx::load().await?;
    let who = ctx.actor.as_ref().map(|a| a.account_id);
    let accept = match answer.as_str() {
        "accept" => true,
        "decline" => false,
        _ => return Err(invalid("answer", Problem::BadChoice)),
    };
    if accept && who.is_none() {
        return Err(AppError::SignInRequired);
    }
    crate::store::rosters::invite::answer(&ctx.db, &token, who, accept, ctx.now)
        .await
        .map_err(crate::api::rosters::server::refused)?;
    leptos_axum::redirect(&format!("/invitations/{token}?done={answer}"));
    Ok(())
}

/// The signed-in person's availability for tutoring and lecturing.
#[server(endpoint = "availability/get")]
pub async fn get_availability() -> Result<AvailabilityPage, AppError> {
    use crate::domain::access::{Action, Scope};
    let ctx = Ctx::load().await?;
    let actor = ctx.require(Action::ManageOwnAccount, Scope::Instance)?;
    Ok(crate::store::rosters::availability::availability_of(&ctx.db, actor.account_id).await?)
}

/// Saves the person's availability (checkboxes are sent only when ticked;
/// `fields[<slug>]` per field of expertise).
#[server(endpoint = "availability/save")]
pub async fn save_availability(
    tutoring: Option<String>,
    lecturing: Option<String>,
    fields: Option<HashMap<String, String>>,
) -> Result<(), AppError> {
    use crate::domain::access::{Action, Scope};
    let ctx = Ctx::load().await?;
    let actor = ctx.require(Action::ManageOwnAccount, Scope::Instance)?;
    let slugs: Vec<String> = fields.unwrap_or_default().into_keys().collect();
    crate::store::rosters::availability::save_availability(
        &ctx.db,
        actor.account_id,
        tutoring.is_some(),
        lecturing.is_some(),
        &slugs,
        ctx.now,
    )
    .await?;
    leptos_axum::redirect("/account/availability?saved=1");
    Ok(())
}
