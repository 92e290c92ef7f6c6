//! Completion and certificates: organisers mark a track's participants
//! completed and revoke certificates (`ManagePipeline`); anyone holding a
//! code verifies it; people see their own.

#[cfg(feature = "ssr")]
use super::server;
#[cfg(feature = "ssr")]
use crate::api::ctx::Ctx;
use crate::domain::pipeline::view::{Certificate, CompletionPage};
use crate::error::AppError;
use leptos::prelude::*;
use std::collections::HashMap;

/// The organiser's completion page of a track.
#[cfg(feature = "ssr")]
fn completion_path(place: &crate::store::catalogue::track_ctx::TrackCtx) -> String {
    format!(
        "/manage/{}/{}/tracks/{}/completion",
        place.programme.slug, place.cohort.slug, place.track.slug
    )
}

/// A track's participants and completions, for its organisers.
#[server(endpoint = "pipeline/completion")]
pub async fn get_completion(
    programme: String,
    cohort: String,
    track: String,
) -> Result<CompletionPage, AppError> {
    use crate::domain::access::Action;
    let ctx = Ctx::load().await?;
    let (place, _) = ctx
        .track(Action::ManagePipeline, &programme, &cohort, &track)
        .await?;
    Ok(crate::store::pipeline::completion::completion_page(&ctx.db, &place).await?)
}

/// Marks the ticked participants (`people[<account>]`) as completed, each
/// with a certificate; one person's button sends just them.
#[server(endpoint = "pipeline/complete")]
pub async fn complete_participants(
    programme: String,
    cohort: String,
    track: String,
    people: Option<HashMap<String, String>>,
) -> Result<(), AppError> {
    use crate::api::ctx::invalid;
    use crate::domain::access::Action;
    use crate::domain::forms::Problem;
    let ctx = Ctx::load().await?;
    let (place, actor) = ctx
        .track(Action::ManagePipeline, &programme, &cohort, &track)
        .await?;
    let mut ids: Vec<i32> = people
        .unwrap_or_default()
        .keys()
        .filter_map(|k| k.parse().ok())
        .collect();
    ids.sort_unstable();
    if ids.is_empty() {
        return Err(invalid("people", Problem::Required));
    }
    let (db, site, now) = (&ctx.db, &ctx.public_url, ctx.now);
    crate::store::pipeline::completion::complete(db, actor.account_id, &place, &ids, site, now)
        .await
        .map_err(|e| server::refused("people", e))?;
    leptos_axum::redirect(&format!("{}?saved=1", completion_path(&place)));
    Ok(())
}

/// Revokes a certificate of the track, with a reason.
#[server(endpoint = "pipeline/revoke")]
pub async fn revoke_certificate(
    programme: String,
    cohort: String,
    track: String,
    code: String,
    reason: String,
) -> Result<(), AppError> {
    use crate::domain::access::Action;
    let ctx = Ctx::load().await?;
    let (place, actor) = ctx
        .track(Action::ManagePipeline, &programme, &cohort, &track)
        .await?;
    let reason = server::reason("reason", &reason, true)?;
    crate::store::pipeline::completion::revoke(
        &ctx.db,
        actor.account_id,
        (place.programme.id, place.track.id),
        &code,
        &reason,
        ctx.now,
    )
    .await
    .map_err(|e| server::refused("code", e))?;
    leptos_axum::redirect(&format!("{}?saved=1", completion_path(&place)));
    Ok(())
}

/// The certificate with `code`, for anyone who has the code; `None` when
/// no certificate has it.
#[server(endpoint = "pipeline/certificate")]
pub async fn get_certificate(code: String) -> Result<Option<Certificate>, AppError> {
    use crate::domain::access::{Action, Scope};
    let ctx = Ctx::load().await?;
    ctx.authorize(Action::VerifyCertificate, Scope::Instance)?;
    Ok(crate::store::pipeline::completion::certificate(&ctx.db, &code).await?)
}

/// The signed-in person's own certificates, newest first.
#[server(endpoint = "pipeline/my-certificates")]
pub async fn get_my_certificates() -> Result<Vec<Certificate>, AppError> {
    use crate::domain::access::{Action, Scope};
    let ctx = Ctx::load().await?;
    let actor = ctx.require(Action::ManageOwnAccount, Scope::Instance)?;
    Ok(crate::store::pipeline::completion::certificates_of(&ctx.db, actor.account_id).await?)
}
