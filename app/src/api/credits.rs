//! Credit server functions: the person's own ledger and reporting an
//! activity (signed in), and the supervisor's single-use link (anyone
//! holding it; no account needed).

#[cfg(feature = "ssr")]
use crate::api::ctx::Ctx;
use crate::domain::credits::{ConfirmPage, LedgerPage};
use crate::error::AppError;
use leptos::prelude::*;

/// The signed-in person's ledger with yearly totals.
#[server(endpoint = "credits/ledger")]
pub async fn get_ledger() -> Result<LedgerPage, AppError> {
    use crate::domain::access::{Action, Scope};
    let ctx = Ctx::load().await?;
    let actor = ctx.require(Action::KeepCredits, Scope::Instance)?;
    Ok(crate::store::credits::ledger(&ctx.db, actor.account_id, ctx.now).await?)
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
    let ctx = Ctx::load().await?;
    let actor = ctx.require(Action::KeepCredits, Scope::Instance)?;
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
    let (db, who, now) = (&ctx.db, actor.account_id, ctx.now);
    crate::store::outbox::mail_limit(db, who, "supervisor_email", &claim.supervisor_email, now)
        .await?
        .map_err(AppError::Invalid)?;
    crate::store::credits::claim::report(db, who, &claim, &ctx.public_url, now)
        .await
        .map_err(crate::api::events::server::refused)?;
    leptos_axum::redirect("/account/credits?saved=1");
    Ok(())
}

/// What a supervisor's link shows; 404 for an unknown link.
#[server(endpoint = "credits/confirmation")]
pub async fn get_confirmation(token: String) -> Result<ConfirmPage, AppError> {
    use crate::domain::access::{Action, Scope};
    let ctx = Ctx::load().await?;
    ctx.authorize(Action::ConfirmCredit, Scope::Instance)?;
    crate::store::credits::claim::confirm_page(&ctx.db, &token, ctx.now)
        .await
        .map_err(crate::api::events::server::refused)
}

/// The supervisor's answer (`confirm` or `decline`), once; a used or
/// expired link is refused with nothing changed.
#[server(endpoint = "credits/answer")]
pub async fn answer_confirmation(token: String, answer: String) -> Result<(), AppError> {
    use crate::api::ctx::invalid;
    use crate::domain::access::{Action, Scope};
    use crate::domain::forms::Problem;
    let ctx = Ctx::load().await?;
    let answerer = ctx
        .authorize(Action::ConfirmCredit, Scope::Instance)?
        .map(|a| a.account_id);
    let confirm = match answer.as_str() {
        "confirm" => true,
        "decline" => false,
        _ => return Err(invalid("answer", Problem::BadChoice)),
    };
    crate::store::credits::claim::answer(&ctx.db, &token, confirm, answerer, ctx.now)
        .await
        .map_err(crate::api::events::server::refused)?;
    leptos_axum::redirect(&format!("/credits/confirm/{token}?done={answer}"));
    Ok(())
}
