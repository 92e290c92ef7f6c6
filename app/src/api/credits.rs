//! Credit server functions: the person's own ledger and reporting an
//! activity (signed in), and the supervisor's single-use link (anyone
//! holding it; no account needed).

use crate::domain::credits::{ConfirmPage, LedgerPage};
use crate::error::AppError;
use leptos::prelude::*;

/// The signed-in person's ledger with yearly totals.
#[server(endpoint = "credits/ledger")]
pub async fn get_ledger() -> Result<LedgerPage, AppError> {
    use crate::domain::access::{Action, Scope};
    let actor = crate::auth::authorize(Action::KeepCredits, Scope::Instance)
        .await?
        .ok_or(AppError::SignInRequired)?;
    let db = crate::state::db()?;
    Ok(crate::store::credits::ledger(&db, actor.account_id, chrono::Utc::now()).await?)
}

/// Reports an activity; the supervisor is mailed a link to confirm it.
#[server(endpoint = "credits/report")]
pub async fn report_activity(
    title: String,
    hours: String,
    date: String,
    evidence: String,
    evidence_link: String,
    supervisor_name: String,
    supervisor_email: String,
) -> Result<(), AppError> {
    use crate::domain::access::{Action, Scope};
    use crate::domain::credits::claim::{ClaimForm, check};
    let actor = crate::auth::authorize(Action::KeepCredits, Scope::Instance)
        .await?
        .ok_or(AppError::SignInRequired)?;
    let claim = check(&ClaimForm {
        title,
        hours,
        date,
        evidence,
        evidence_link,
        supervisor_name,
        supervisor_email,
    })
    .map_err(AppError::Invalid)?;
    let db = crate::state::db()?;
    crate::store::outbox::mail_limit(
        &db,
        actor.account_id,
        "supervisor_email",
        &claim.supervisor_email,
        chrono::Utc::now(),
    )
    .await?
    .map_err(AppError::Invalid)?;
    crate::store::credits::claim::report(
        &db,
        actor.account_id,
        &claim,
        &crate::state::public_url(),
        chrono::Utc::now(),
    )
    .await
    .map_err(crate::api::events::server::refused)?;
    leptos_axum::redirect("/account/credits?saved=1");
    Ok(())
}

/// What a supervisor's link shows; 404 for an unknown link.
#[server(endpoint = "credits/confirmation")]
pub async fn get_confirmation(token: String) -> Result<ConfirmPage, AppError> {
    use crate::domain::access::{Action, Scope};
    crate::auth::authorize(Action::ConfirmCredit, Scope::Instance).await?;
    let db = crate::state::db()?;
    crate::store::credits::claim::confirm_page(&db, &token, chrono::Utc::now())
        .await
        .map_err(crate::api::events::server::refused)
}

/// The supervisor's answer (`confirm` or `decline`), once; a used or
/// expired link is refused with nothing changed.
#[server(endpoint = "credits/answer")]
pub async fn answer_confirmation(token: String, answer: String) -> Result<(), AppError> {
    use crate::domain::access::{Action, Scope};
    use crate::domain::forms::{FieldError, Problem};
    let answerer = crate::auth::authorize(Action::ConfirmCredit, Scope::Instance)
        .await?
        .map(|a| a.account_id);
    let confirm = match answer.as_str() {
        "confirm" => true,
        "decline" => false,
        _ => {
            return Err(AppError::Invalid(vec![FieldError {
                field: "answer".into(),
                problem: Problem::BadChoice,
            }]));
        }
    };
    let db = crate::state::db()?;
    crate::store::credits::claim::answer(&db, &token, confirm, answerer, chrono::Utc::now())
        .await
        .map_err(crate::api::events::server::refused)?;
    leptos_axum::redirect(&format!("/credits/confirm/{token}?done={answer}"));
    Ok(())
}
