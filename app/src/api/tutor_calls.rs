//! The signed-in person's side of rosters: the open tutor calls and
//! volunteering (only alumni of the call's programme, checked per call),
//! answering a lecturer invitation, and keeping one's availability.

use crate::domain::rosters::view::{AvailabilityPage, InvitationPage, OpenCall};
use crate::error::AppError;
use leptos::prelude::*;
use std::collections::HashMap;

/// The open tutor calls, each saying whether the person may volunteer.
#[server(endpoint = "tutor-calls/list")]
pub async fn get_tutor_calls() -> Result<Vec<OpenCall>, AppError> {
    use crate::domain::access::{Action, Scope};
    let actor = crate::auth::authorize(Action::Volunteer, Scope::Instance)
        .await?
        .ok_or(AppError::SignInRequired)?;
    let db = crate::state::db()?;
    Ok(crate::store::rosters::calls::open_calls_for(&db, actor.account_id).await?)
}

/// Volunteers for a tutor call with a short statement.
#[server(endpoint = "tutor-calls/volunteer")]
pub async fn volunteer(call: i32, statement: String) -> Result<(), AppError> {
    use crate::domain::access::{Action, Scope};
    use crate::domain::forms::Checker;
    use crate::domain::rosters::rules::MAX_STATEMENT;
    let actor = crate::auth::authorize(Action::Volunteer, Scope::Instance)
        .await?
        .ok_or(AppError::SignInRequired)?;
    let mut c = Checker::default();
    let text = c.text("statement", &statement, true, MAX_STATEMENT);
    if !c.is_clean() {
        return Err(AppError::Invalid(c.into_problems()));
    }
    let db = crate::state::db()?;
    crate::store::rosters::calls::volunteer(&db, actor.account_id, call, &text, chrono::Utc::now())
        .await
        .map_err(crate::api::rosters::server::refused)?;
    leptos_axum::redirect("/tutor-calls?saved=1");
    Ok(())
}

/// What a lecturer invitation's link shows (no account needed to see or
/// decline it): 404 for an unknown link.
#[server(endpoint = "invitations/get")]
pub async fn get_invitation(token: String) -> Result<InvitationPage, AppError> {
    let db = crate::state::db()?;
    let session = crate::auth::request_session().await?;
    let now = chrono::Utc::now();
    let signed_in = crate::auth::current_in_request(&session, &db, now)
        .await?
        .is_some();
    crate::store::rosters::invite::invitation_page(&db, &token, signed_in, now)
        .await
        .map_err(crate::api::rosters::server::refused)
}

/// Answers a lecturer invitation: `accept` (signed in: joins the roster) or
/// `decline`. A used or expired link is refused.
#[server(endpoint = "invitations/answer")]
pub async fn answer_invitation(token: String, answer: String) -> Result<(), AppError> {
    use crate::domain::forms::{FieldError, Problem};
    let db = crate::state::db()?;
    let session = crate::auth::request_session().await?;
    let now = chrono::Utc::now();
    let who = crate::auth::current_in_request(&session, &db, now)
        .await?
        .map(|(a, _)| a.account_id);
    let accept = match answer.as_str() {
        "accept" => true,
        "decline" => false,
        _ => {
            return Err(AppError::Invalid(vec![FieldError {
                field: "answer".into(),
                problem: Problem::BadChoice,
            }]));
        }
    };
    if accept && who.is_none() {
        return Err(AppError::SignInRequired);
    }
    crate::store::rosters::invite::answer(&db, &token, who, accept, now)
        .await
        .map_err(crate::api::rosters::server::refused)?;
    leptos_axum::redirect(&format!("/invitations/{token}?done={answer}"));
    Ok(())
}

/// The signed-in person's availability for tutoring and lecturing.
#[server(endpoint = "availability/get")]
pub async fn get_availability() -> Result<AvailabilityPage, AppError> {
    use crate::domain::access::{Action, Scope};
    let actor = crate::auth::authorize(Action::ManageOwnAccount, Scope::Instance)
        .await?
        .ok_or(AppError::SignInRequired)?;
    let db = crate::state::db()?;
    Ok(crate::store::rosters::availability::availability_of(&db, actor.account_id).await?)
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
    let actor = crate::auth::authorize(Action::ManageOwnAccount, Scope::Instance)
        .await?
        .ok_or(AppError::SignInRequired)?;
    let slugs: Vec<String> = fields.unwrap_or_default().into_keys().collect();
    let db = crate::state::db()?;
    crate::store::rosters::availability::save_availability(
        &db,
        actor.account_id,
        tutoring.is_some(),
        lecturing.is_some(),
        &slugs,
        chrono::Utc::now(),
    )
    .await?;
    leptos_axum::redirect("/account/availability?saved=1");
    Ok(())
}
