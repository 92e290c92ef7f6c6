//! The organisers' catalogue server functions: each authorises first
//! (`ManageCatalogue` on the programme), validates, then saves with an audit
//! event. Refusals change nothing.

#[cfg(feature = "ssr")]
use crate::api::ctx::Ctx;
use crate::domain::catalogue::ProgrammeRef;
use crate::domain::catalogue::edit::{CohortDraft, TrackDraft};
use crate::domain::catalogue::manage::{ManagedCohort, ManagedProgramme, ManagedTrack};
#[cfg(feature = "ssr")]
use crate::domain::catalogue::manage::{cohort_form_key, empty_track_draft, track_form_key};
use crate::error::AppError;
use leptos::prelude::*;

/// The checks and refusals the catalogue's save functions share (the
/// administrators' programme and field saves too).
#[cfg(feature = "ssr")]
pub(crate) mod server {
    use crate::api::ctx::{Ctx, invalid};
    use crate::domain::access::{Action, Actor};
    use crate::domain::forms::Problem;
    use crate::domain::slug::is_valid_slug;
    use crate::error::AppError;
    use crate::store::catalogue::edit::{Editor, SaveError};
    use crate::store::entities::programme;

    /// Finds the programme and checks that the person may manage it. An
    /// unknown programme and a forbidden one are told apart only for people
    /// who may manage something (admins see 404, others 403/401); a
    /// malformed name is not found for anyone.
    pub async fn managed<'c>(
        ctx: &'c Ctx,
        slug: &str,
    ) -> Result<(programme::Model, &'c Actor), AppError> {
        if !is_valid_slug(slug) {
            return Err(AppError::NotFound);
        }
        ctx.programme(Action::ManageCatalogue, slug).await
    }

    pub use crate::store::catalogue::rows::programme_ref;

    /// Who changes programme `p`, and when.
    pub fn editor(ctx: &Ctx, actor: &Actor, p: &programme::Model) -> Editor {
        Editor {
            account_id: actor.account_id,
            programme_id: p.id,
            now: ctx.now,
        }
    }

    /// Refuses a save with `error`; a form problem keeps what was typed for
    /// the form page a plain (no-JavaScript) post returns to.
    pub async fn refused<T: serde::Serialize>(
        form: &str,
        typed: &T,
        error: AppError,
    ) -> Result<(), AppError> {
        if matches!(error, AppError::Invalid(_)) {
            crate::form_flash::keep(form, typed).await;
        }
        Err(error)
    }

    /// A refused save as the organiser should read it.
    pub fn save_error(e: SaveError) -> AppError {
        match e {
            SaveError::SlugTaken => invalid("slug", Problem::Taken),
            SaveError::UnknownField => invalid("field", Problem::BadChoice),
            SaveError::Refused(field, problem) => invalid(field, problem),
            SaveError::Db(e) => e.into(),
        }
    }
}

/// The programmes the person may manage.
#[server(endpoint = "manage/programmes")]
pub async fn get_managed_programmes() -> Result<Vec<ProgrammeRef>, AppError> {
    use crate::domain::access::Action;
    let ctx = Ctx::load().await?;
    Ok(ctx
        .programmes_where(Action::ManageCatalogue)
        .await?
        .iter()
        .map(server::programme_ref)
        .collect())
}

/// A programme's cohorts, for its organisers.
#[server(endpoint = "manage/programme")]
pub async fn get_managed_programme(programme: String) -> Result<ManagedProgramme, AppError> {
    let ctx = Ctx::load().await?;
    let (p, _) = server::managed(&ctx, &programme).await?;
    let public = crate::store::catalogue::programme_by_slug(&ctx.db, &p.slug, ctx.now)
        .await?
        .ok_or(AppError::NotFound)?;
    let key = cohort_form_key(&p.slug, "");
    Ok(ManagedProgramme {
        programme: server::programme_ref(&p),
        cohorts: public.cohorts,
        new_cohort: crate::form_flash::take(&key).await.unwrap_or_default(),
    })
}

/// A cohort's form values and tracks, for its organisers.
#[server(endpoint = "manage/cohort")]
pub async fn get_managed_cohort(
    programme: String,
    cohort: String,
) -> Result<ManagedCohort, AppError> {
    use crate::store::catalogue::edit::{all_fields, cohort_draft};
    use crate::store::catalogue::rows::cohort_row;
    let ctx = Ctx::load().await?;
    let (p, _) = server::managed(&ctx, &programme).await?;
    let db = &ctx.db;
    let row = cohort_row(db, p.id, &cohort)
        .await?
        .ok_or(AppError::NotFound)?;
    let detail = crate::store::catalogue::cohort_detail(db, &p.slug, &row.slug, ctx.now)
        .await?
        .ok_or(AppError::NotFound)?;
    let draft = match crate::form_flash::take(&cohort_form_key(&p.slug, &row.slug)).await {
        Some(typed) => typed,
        None => cohort_draft(&row),
    };
    let new_track = crate::form_flash::take(&track_form_key(&p.slug, &row.slug, ""))
        .await
        .unwrap_or_else(empty_track_draft);
    Ok(ManagedCohort {
        programme: server::programme_ref(&p),
        draft,
        tracks: detail.tracks,
        new_track,
        fields: all_fields(db).await?,
    })
}

/// A track's form values, for its organisers.
#[server(endpoint = "manage/track")]
pub async fn get_managed_track(
    programme: String,
    cohort: String,
    track: String,
) -> Result<ManagedTrack, AppError> {
    use crate::domain::lang::Localized;
    use crate::store::catalogue::edit::{all_fields, track_draft};
    use crate::store::catalogue::rows::{cohort_row, track_row};
    let ctx = Ctx::load().await?;
    let (p, _) = server::managed(&ctx, &programme).await?;
    let db = &ctx.db;
    let c = cohort_row(db, p.id, &cohort)
        .await?
        .ok_or(AppError::NotFound)?;
    let t = track_row(db, c.id, &track)
        .await?
        .ok_or(AppError::NotFound)?;
    let draft = match crate::form_flash::take(&track_form_key(&p.slug, &c.slug, &t.slug)).await {
        Some(typed) => typed,
        None => track_draft(db, &t).await?,
    };
    Ok(ManagedTrack {
        programme: server::programme_ref(&p),
        cohort_slug: c.slug.clone(),
        cohort_title: Localized::new(&c.title_ja, &c.title_en),
        draft,
        fields: all_fields(db).await?,
    })
}

/// Creates a cohort (`original` empty) or updates the cohort named
/// `original`, then sends the browser to its edit page.
#[server(endpoint = "manage/save-cohort")]
pub async fn save_cohort(
    programme: String,
    original: String,
    draft: CohortDraft,
) -> Result<(), AppError> {
    use crate::domain::catalogue::edit::validate_cohort;
    use crate::store::catalogue::rows::cohort_row;
    let ctx = Ctx::load().await?;
    let (p, actor) = server::managed(&ctx, &programme).await?;
    let db = &ctx.db;
    let existing = match original.as_str() {
        "" => None,
        slug => Some(
            cohort_row(db, p.id, slug)
                .await?
                .ok_or(AppError::NotFound)?,
        ),
    };
    let key = cohort_form_key(&p.slug, &original);
    let valid = match validate_cohort(&draft) {
        Ok(v) => v,
        Err(problems) => return server::refused(&key, &draft, AppError::Invalid(problems)).await,
    };
    let editor = server::editor(&ctx, actor, &p);
    let saved = crate::store::catalogue::edit::save_cohort(db, editor, existing, &valid).await;
    if let Err(e) = saved {
        return server::refused(&key, &draft, server::save_error(e)).await;
    }
    leptos_axum::redirect(&format!("/manage/{}/{}?saved=1", p.slug, valid.slug));
    Ok(())
}

/// Creates a track (`original` empty) or updates the track named
/// `original`, then sends the browser to its edit page.
#[server(endpoint = "manage/save-track")]
pub async fn save_track(
    programme: String,
    cohort: String,
    original: String,
    draft: TrackDraft,
) -> Result<(), AppError> {
    use crate::domain::catalogue::edit::validate_track;
    use crate::store::catalogue::rows::{cohort_row, track_row};
    let ctx = Ctx::load().await?;
    let (p, actor) = server::managed(&ctx, &programme).await?;
    let db = &ctx.db;
    let c = cohort_row(db, p.id, &cohort)
        .await?
        .ok_or(AppError::NotFound)?;
    let existing = match original.as_str() {
        "" => None,
        slug => Some(track_row(db, c.id, slug).await?.ok_or(AppError::NotFound)?),
    };
    let key = track_form_key(&p.slug, &c.slug, &original);
    let valid = match validate_track(&draft) {
        Ok(v) => v,
        Err(problems) => return server::refused(&key, &draft, AppError::Invalid(problems)).await,
    };
    let editor = server::editor(&ctx, actor, &p);
    let saved = crate::store::catalogue::edit::save_track(db, editor, c.id, existing, &valid).await;
    if let Err(e) = saved {
        return server::refused(&key, &draft, server::save_error(e)).await;
    }
    leptos_axum::redirect(&format!(
        "/manage/{}/{}/tracks/{}?saved=1",
        p.slug, c.slug, valid.slug
    ));
    Ok(())
}
