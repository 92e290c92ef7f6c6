//! The funnel of a programme, cohort or track (`ManagePipeline`).

#[cfg(feature = "ssr")]
use crate::api::ctx::Ctx;
use crate::domain::pipeline::view::FunnelPage;
use crate::error::AppError;
use leptos::prelude::*;

/// The funnel of a programme, or of one of its cohorts or tracks.
#[server(endpoint = "pipeline/funnel")]
pub async fn get_funnel(
    programme: String,
    cohort: Option<String>,
    track: Option<String>,
) -> Result<FunnelPage, AppError> {
    use crate::domain::access::Action;
    let ctx = Ctx::load().await?;
    let (p, _) = ctx.programme(Action::ManagePipeline, &programme).await?;
    let cohort = cohort.filter(|c| !c.is_empty());
    let track = track.filter(|t| !t.is_empty());
    if ![&cohort, &track]
        .iter()
        .all(|s| s.as_deref().is_none_or(crate::domain::slug::is_valid_slug))
    {
        return Err(AppError::NotFound);
    }
    crate::store::pipeline::funnel::funnel_page(
        &ctx.db,
        &p,
        cohort.as_deref(),
        track.as_deref(),
        ctx.now,
    )
    .await?
    .ok_or(AppError::NotFound)
}
