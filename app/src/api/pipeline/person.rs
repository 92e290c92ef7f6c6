//! One person in a programme's pipeline: their page and stage changes
//! (`ManagePipeline` on the programme).

#[cfg(feature = "ssr")]
use super::server;
#[cfg(feature = "ssr")]
use crate::api::ctx::Ctx;
use crate::domain::pipeline::view::PersonPage;
use crate::error::AppError;
use leptos::prelude::*;

/// A person's stage, history, certificates and training in a programme,
/// for its organisers.
#[server(endpoint = "pipeline/person")]
pub async fn get_person(programme: String, account: i32) -> Result<PersonPage, AppError> {
    use crate::domain::access::Action;
    let ctx = Ctx::load().await?;
    let (p, _) = ctx.programme(Action::ManagePipeline, &programme).await?;
    crate::store::pipeline::person::person_page(&ctx.db, &p, account)
        .await?
        .ok_or(AppError::NotFound)
}

/// Moves a person to `stage`; a move the rules do not allow needs a reason.
#[server(endpoint = "pipeline/stage")]
pub async fn change_stage(
    programme: String,
    account: i32,
    stage: String,
    reason: String,
) -> Result<(), AppError> {
    use crate::api::ctx::invalid;
    use crate::domain::access::Action;
    use crate::domain::forms::Problem;
    use crate::domain::pipeline::Stage;
    let ctx = Ctx::load().await?;
    let (p, actor) = ctx.programme(Action::ManagePipeline, &programme).await?;
    let reason = server::reason("reason", &reason, false)?;
    let Some(to) = Stage::parse(&stage) else {
        return Err(invalid("stage", Problem::BadChoice));
    };
    let (db, now) = (&ctx.db, ctx.now);
    crate::store::pipeline::person::change_stage(
        db,
        actor.account_id,
        &p,
        account,
        to,
        &reason,
        now,
    )
    .await
    .map_err(|e| server::refused("reason", e))?;
    leptos_axum::redirect(&format!("/manage/{}/people/{account}?saved=1", p.slug));
    Ok(())
}
