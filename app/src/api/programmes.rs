//! Administrators create and edit programmes. Each function authorises
//! first (`ManageProgrammes`, administrators only: everyone else hears what
//! they hear on the other administrators' pages), validates, then saves
//! with an audit event. Refusals change nothing.

#[cfg(feature = "ssr")]
use crate::api::ctx::Ctx;
use crate::domain::catalogue::admin::{AdminProgramme, ProgrammeEditor};
use crate::domain::catalogue::programme_form::ProgrammeDraft;
use crate::error::AppError;
use leptos::prelude::*;

/// The administrator asking (`Forbidden` for anyone else).
#[cfg(feature = "ssr")]
pub(crate) fn admin(ctx: &Ctx) -> Result<crate::store::catalogue::programmes::Admin, AppError> {
    use crate::domain::access::{Action, Scope};
    let actor = ctx.require(Action::ManageProgrammes, Scope::Instance)?;
    Ok(crate::store::catalogue::programmes::Admin {
        account_id: actor.account_id,
        now: ctx.now,
    })
}

/// The programme named `slug`, for an administrator; an unknown or
/// malformed name is not found.
#[cfg(feature = "ssr")]
async fn programme_row(
    ctx: &Ctx,
    slug: &str,
) -> Result<crate::store::entities::programme::Model, AppError> {
    use crate::domain::slug::is_valid_slug;
    if !is_valid_slug(slug) {
        return Err(AppError::NotFound);
    }
    crate::store::catalogue::rows::programme_row(&ctx.db, slug)
        .await?
        .ok_or(AppError::NotFound)
}

/// Every programme in listing order.
#[server(endpoint = "admin/programmes")]
pub async fn get_admin_programmes() -> Result<Vec<AdminProgramme>, AppError> {
    let ctx = Ctx::load().await?;
    admin(&ctx)?;
    Ok(crate::store::catalogue::programmes::admin_programmes(&ctx.db).await?)
}

/// The form of the programme `programme`, or of a new one when it is empty.
#[server(endpoint = "admin/programme")]
pub async fn get_admin_programme(programme: String) -> Result<ProgrammeEditor, AppError> {
    use crate::domain::catalogue::admin::{new_programme_draft, programme_form_key};
    use crate::store::catalogue::programmes::{cohort_count, programme_count, programme_draft};
    let ctx = Ctx::load().await?;
    admin(&ctx)?;
    let db = &ctx.db;
    let (saved, cohorts) = if programme.is_empty() {
        let existing = usize::try_from(programme_count(db).await?).unwrap_or(0);
        (new_programme_draft(existing), 0)
    } else {
        let p = programme_row(&ctx, &programme).await?;
        (programme_draft(&p), cohort_count(db, p.id).await?)
    };
    let original = saved.slug.clone();
    let draft = crate::form_flash::take(&programme_form_key(&original))
        .await
        .unwrap_or(saved);
    Ok(ProgrammeEditor {
        original,
        draft,
        cohorts,
    })
}

/// Creates a programme (`original` empty) or updates the programme named
/// `original`, then sends the browser to its page.
#[server(endpoint = "admin/save-programme")]
pub async fn save_programme(original: String, draft: ProgrammeDraft) -> Result<(), AppError> {
    use crate::api::manage::server::{refused, save_error};
    use crate::domain::catalogue::admin::programme_form_key;
    use crate::domain::catalogue::programme_form::validate_programme;
    let ctx = Ctx::load().await?;
    let admin = admin(&ctx)?;
    let existing = match original.as_str() {
        "" => None,
        slug => Some(programme_row(&ctx, slug).await?),
    };
    let key = programme_form_key(&original);
    let valid = match validate_programme(&draft) {
        Ok(v) => v,
        Err(problems) => return refused(&key, &draft, AppError::Invalid(problems)).await,
    };
    let saved = crate::store::catalogue::programmes::save_programme(
        &ctx.db,
        admin,
        existing.as_ref(),
        &valid,
    )
    .await;
    if let Err(e) = saved {
        return refused(&key, &draft, save_error(e)).await;
    }
    leptos_axum::redirect(&format!("/admin/programmes/{}?saved=1", valid.slug));
    Ok(())
}
