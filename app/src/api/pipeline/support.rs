//! Candidate support: a programme's training steps and mentors
//! (`ManagePipeline`), and one's own training and mentees' (`Train`;
//! mentors sign off only their own candidates' steps).

#[cfg(feature = "ssr")]
use super::server;
#[cfg(feature = "ssr")]
use crate::api::ctx::Ctx;
use crate::domain::pipeline::view::{CandidatesPage, TrainingPage};
use crate::error::AppError;
use leptos::prelude::*;

/// The programme's training steps and candidates, ready ones first.
#[server(endpoint = "pipeline/candidates")]
pub async fn get_candidates(programme: String) -> Result<CandidatesPage, AppError> {
    use crate::domain::access::Action;
    let ctx = Ctx::load().await?;
    let (p, _) = ctx.programme(Action::ManagePipeline, &programme).await?;
    Ok(crate::store::pipeline::support::candidates_page(&ctx.db, &p).await?)
}

/// Adds a training step to the programme.
#[server(endpoint = "pipeline/step")]
pub async fn add_training_step(
    programme: String,
    name_ja: String,
    name_en: String,
) -> Result<(), AppError> {
    use crate::domain::access::Action;
    use crate::domain::forms::Checker;
    use crate::domain::lang::Localized;
    let ctx = Ctx::load().await?;
    let (p, actor) = ctx.programme(Action::ManagePipeline, &programme).await?;
    let mut check = Checker::default();
    let ja = check.text("name_ja", &name_ja, true, 200);
    let en = check.text("name_en", &name_en, false, 200);
    if !check.is_clean() {
        return Err(AppError::Invalid(check.into_problems()));
    }
    let name = Localized::new(ja, en);
    crate::store::pipeline::support::add_step(&ctx.db, actor.account_id, &p, &name, ctx.now)
        .await?;
    leptos_axum::redirect(&format!("/manage/{}/candidates?saved=1", p.slug));
    Ok(())
}

/// Removes a training step nobody has been signed off for.
#[server(endpoint = "pipeline/remove-step")]
pub async fn remove_training_step(programme: String, step: i32) -> Result<(), AppError> {
    use crate::domain::access::Action;
    let ctx = Ctx::load().await?;
    let (p, actor) = ctx.programme(Action::ManagePipeline, &programme).await?;
    crate::store::pipeline::support::remove_step(&ctx.db, actor.account_id, &p, step, ctx.now)
        .await
        .map_err(|e| server::refused("step", e))?;
    leptos_axum::redirect(&format!("/manage/{}/candidates?saved=1", p.slug));
    Ok(())
}

/// Makes the account with `email` the mentor of a candidate.
#[server(endpoint = "pipeline/mentor")]
pub async fn assign_mentor(
    programme: String,
    candidate: i32,
    email: String,
) -> Result<(), AppError> {
    use crate::domain::access::Action;
    let ctx = Ctx::load().await?;
    let (p, actor) = ctx.programme(Action::ManagePipeline, &programme).await?;
    let (db, now) = (&ctx.db, ctx.now);
    crate::store::pipeline::support::assign_mentor(
        db,
        actor.account_id,
        &p,
        candidate,
        &email,
        now,
    )
    .await
    .map_err(|e| server::refused("email", e))?;
    leptos_axum::redirect(&format!("/manage/{}/candidates?saved=1", p.slug));
    Ok(())
}

/// One's own training and one's mentees'.
#[server(endpoint = "pipeline/training")]
pub async fn get_training() -> Result<TrainingPage, AppError> {
    use crate::domain::access::{Action, Scope};
    let ctx = Ctx::load().await?;
    let actor = ctx.require(Action::Train, Scope::Instance)?;
    Ok(crate::store::pipeline::support::training_page(&ctx.db, actor.account_id).await?)
}

/// The mentor signs off a step of their candidate.
#[server(endpoint = "pipeline/sign-off")]
pub async fn sign_off_step(candidate: i32, step: i32) -> Result<(), AppError> {
    use crate::domain::access::{Action, Scope};
    let ctx = Ctx::load().await?;
    let actor = ctx.require(Action::Train, Scope::Instance)?;
    crate::store::pipeline::support::sign_off(&ctx.db, actor.account_id, candidate, step, ctx.now)
        .await
        .map_err(|e| server::refused("step", e))?;
    leptos_axum::redirect("/training?saved=1");
    Ok(())
}
