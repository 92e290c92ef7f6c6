//! The organiser's dashboard of a cohort (`ManageSelection` on its
//! programme): applications, review and decisions counted by the store.

#[cfg(feature = "ssr")]
use crate::api::ctx::Ctx;
use crate::domain::dashboard::CohortDashboard;
use crate::error::AppError;
use leptos::prelude::*;

/// The dashboard of cohort `cohort` of programme `programme`. The cohort
/// is looked up within the programme the person may manage, so another
/// programme's cohort is not found, exactly like a missing one.
#[server(endpoint = "manage/dashboard")]
pub async fn get_cohort_dashboard(
    programme: String,
    cohort: String,
) -> Result<CohortDashboard, AppError> {
    use crate::domain::access::Action;
    use crate::store::catalogue::rows::cohort_row;
    let ctx = Ctx::load().await?;
    let (p, _) = ctx.programme(Action::ManageSelection, &programme).await?;
    if !crate::domain::slug::is_valid_slug(&cohort) {
        return Err(AppError::NotFound);
    }
    let c = cohort_row(&ctx.db, p.id, &cohort)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(crate::store::dashboard::cohort_dashboard(&ctx.db, &p, &c).await?)
}
