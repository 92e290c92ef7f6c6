//! The public catalogue's server functions. Anyone may read the catalogue.

#[cfg(feature = "ssr")]
use crate::api::ctx::Ctx;
use crate::domain::catalogue::{CohortDetail, Programme, TrackDetail};
#[cfg(feature = "ssr")]
use crate::domain::slug::is_valid_slug;
use crate::error::AppError;
use leptos::prelude::*;

/// Every programme with its cohorts.
#[server(endpoint = "catalogue/programmes")]
pub async fn list_programmes() -> Result<Vec<Programme>, AppError> {
    let ctx = Ctx::load().await?;
    Ok(crate::store::catalogue::list_programmes(&ctx.db, ctx.now).await?)
}

/// One programme by slug.
#[server(endpoint = "catalogue/programme")]
pub async fn get_programme(programme: String) -> Result<Programme, AppError> {
    if !is_valid_slug(&programme) {
        return Err(AppError::NotFound);
    }
    let ctx = Ctx::load().await?;
    crate::store::catalogue::programme_by_slug(&ctx.db, &programme, ctx.now)
        .await?
        .ok_or(AppError::NotFound)
}

/// One cohort of a programme, with its tracks.
#[server(endpoint = "catalogue/cohort")]
pub async fn get_cohort(programme: String, cohort: String) -> Result<CohortDetail, AppError> {
    if !is_valid_slug(&programme) || !is_valid_slug(&cohort) {
        return Err(AppError::NotFound);
    }
    let ctx = Ctx::load().await?;
    crate::store::catalogue::cohort_detail(&ctx.db, &programme, &cohort, ctx.now)
        .await?
        .ok_or(AppError::NotFound)
}

/// One track of a cohort.
#[server(endpoint = "catalogue/track")]
pub async fn get_track(
    programme: String,
    cohort: String,
    track: String,
) -> Result<TrackDetail, AppError> {
    if ![&programme, &cohort, &track]
        .iter()
        .all(|s| is_valid_slug(s))
    {
        return Err(AppError::NotFound);
    }
    let ctx = Ctx::load().await?;
    crate::store::catalogue::track_detail(&ctx.db, &programme, &cohort, &track, ctx.now)
        .await?
        .ok_or(AppError::NotFound)
}
