//! Pipeline server functions: completion and certificates, stages, candidate
//! support and the funnel. Organisers need `ManagePipeline` on the
//! programme; anyone may verify a certificate; mentors sign off only their
//! own candidates' steps. Every function authorises before it touches data.

use crate::domain::pipeline::view::{
    CandidatesPage, Certificate, CompletionPage, FunnelPage, PersonPage, TrainingPage,
};
use crate::error::AppError;
use leptos::prelude::*;
use std::collections::HashMap;

#[cfg(feature = "ssr")]
mod server {
    use crate::domain::access::{Action, Actor};
    use crate::domain::forms::{FieldError, Problem};
    use crate::domain::slug::is_valid_slug;
    use crate::error::AppError;
    use crate::store::entities::programme;
    use crate::store::pipeline::PipelineError;
    use crate::store::review::TrackCtx;

    /// The programme, and the organiser who may run its pipeline.
    pub async fn managed(slug: &str) -> Result<(programme::Model, Actor), AppError> {
        crate::auth::programme_for(Action::ManagePipeline, slug).await
    }

    /// The track, and the organiser who may run its programme's pipeline.
    pub async fn managed_track(
        programme: &str,
        cohort: &str,
        track: &str,
    ) -> Result<(TrackCtx, Actor), AppError> {
        let (p, actor) = managed(programme).await?;
        if ![cohort, track].iter().all(|s| is_valid_slug(s)) {
            return Err(AppError::NotFound);
        }
        let db = crate::state::db()?;
        let ctx = crate::store::review::track_by_slugs(&db, &p, cohort, track)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok((ctx, actor))
    }

    /// The error to show for a refused pipeline change, on `field`.
    pub fn refused(field: &str, e: PipelineError) -> AppError {
        match e {
            PipelineError::Refused(r) => AppError::Invalid(vec![FieldError {
                field: field.into(),
                problem: Problem::Pipeline(r),
            }]),
            PipelineError::NotFound => AppError::NotFound,
            PipelineError::Db(e) => e.into(),
        }
    }

    /// The reason of `field`, checked: given if `required`, without
    /// control characters (which some databases refuse), within the
    /// length the pipeline keeps.
    pub fn reason(field: &str, text: &str, required: bool) -> Result<String, AppError> {
        use crate::domain::forms::has_control_character;
        use crate::domain::pipeline::{MAX_REASON, Refusal};
        let text = text.trim();
        let problem = if required && text.is_empty() {
            Problem::Required
        } else if has_control_character(text) {
            Problem::ControlCharacter
        } else if text.chars().count() > MAX_REASON {
            Problem::Pipeline(Refusal::ReasonTooLong)
        } else {
            return Ok(text.to_string());
        };
        Err(AppError::Invalid(vec![FieldError {
            field: field.into(),
            problem,
        }]))
    }

    /// A refusal of an empty required field.
    pub fn required(field: &str) -> AppError {
        AppError::Invalid(vec![FieldError {
            field: field.into(),
            problem: Problem::Required,
        }])
    }

    /// The organiser's completion page of a track.
    pub fn completion_path(ctx: &TrackCtx) -> String {
        format!(
            "/manage/{}/{}/tracks/{}/completion",
            ctx.programme.slug, ctx.cohort.slug, ctx.track.slug
        )
    }
}

/// A track's participants and completions, for its organisers.
#[server(endpoint = "pipeline/completion")]
pub async fn get_completion(
    programme: String,
    cohort: String,
    track: String,
) -> Result<CompletionPage, AppError> {
    let (ctx, _) = server::managed_track(&programme, &cohort, &track).await?;
    let db = crate::state::db()?;
    Ok(crate::store::pipeline::completion::completion_page(&db, &ctx).await?)
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
    let (ctx, actor) = server::managed_track(&programme, &cohort, &track).await?;
    let mut ids: Vec<i32> = people
        .unwrap_or_default()
        .keys()
        .filter_map(|k| k.parse().ok())
        .collect();
    ids.sort_unstable();
    if ids.is_empty() {
        return Err(server::required("people"));
    }
    let db = crate::state::db()?;
    crate::store::pipeline::completion::complete(
        &db,
        actor.account_id,
        &ctx,
        &ids,
        &crate::state::public_url(),
        chrono::Utc::now(),
    )
    .await
    .map_err(|e| server::refused("people", e))?;
    leptos_axum::redirect(&format!("{}?saved=1", server::completion_path(&ctx)));
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
    let (ctx, actor) = server::managed_track(&programme, &cohort, &track).await?;
    let reason = server::reason("reason", &reason, true)?;
    let db = crate::state::db()?;
    crate::store::pipeline::completion::revoke(
        &db,
        actor.account_id,
        (ctx.programme.id, ctx.track.id),
        &code,
        &reason,
        chrono::Utc::now(),
    )
    .await
    .map_err(|e| server::refused("code", e))?;
    leptos_axum::redirect(&format!("{}?saved=1", server::completion_path(&ctx)));
    Ok(())
}

/// The certificate with `code`, for anyone who has the code; `None` when
/// no certificate has it.
#[server(endpoint = "pipeline/certificate")]
pub async fn get_certificate(code: String) -> Result<Option<Certificate>, AppError> {
    use crate::domain::access::{Action, Scope};
    crate::auth::authorize(Action::VerifyCertificate, Scope::Instance).await?;
    let db = crate::state::db()?;
    Ok(crate::store::pipeline::completion::certificate(&db, &code).await?)
}

/// The signed-in person's own certificates, newest first.
#[server(endpoint = "pipeline/my-certificates")]
pub async fn get_my_certificates() -> Result<Vec<Certificate>, AppError> {
    use crate::domain::access::{Action, Scope};
    let actor = crate::auth::authorize(Action::ManageOwnAccount, Scope::Instance)
        .await?
        .ok_or(AppError::SignInRequired)?;
    let db = crate::state::db()?;
    Ok(crate::store::pipeline::completion::certificates_of(&db, actor.account_id).await?)
}

/// A person's stage, history, certificates and training in a programme,
/// for its organisers.
#[server(endpoint = "pipeline/person")]
pub async fn get_person(programme: String, account: i32) -> Result<PersonPage, AppError> {
    let (p, _) = server::managed(&programme).await?;
    let db = crate::state::db()?;
    crate::store::pipeline::person::person_page(&db, &p, account)
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
    use crate::domain::forms::{FieldError, Problem};
    use crate::domain::pipeline::Stage;
    let (p, actor) = server::managed(&programme).await?;
    let reason = server::reason("reason", &reason, false)?;
    let Some(to) = Stage::parse(&stage) else {
        return Err(AppError::Invalid(vec![FieldError {
            field: "stage".into(),
            problem: Problem::BadChoice,
        }]));
    };
    let db = crate::state::db()?;
    crate::store::pipeline::person::change_stage(
        &db,
        actor.account_id,
        &p,
        account,
        to,
        &reason,
        chrono::Utc::now(),
    )
    .await
    .map_err(|e| server::refused("reason", e))?;
    leptos_axum::redirect(&format!("/manage/{}/people/{account}?saved=1", p.slug));
    Ok(())
}

/// The programme's training steps and candidates, ready ones first.
#[server(endpoint = "pipeline/candidates")]
pub async fn get_candidates(programme: String) -> Result<CandidatesPage, AppError> {
    let (p, _) = server::managed(&programme).await?;
    let db = crate::state::db()?;
    Ok(crate::store::pipeline::support::candidates_page(&db, &p).await?)
}

/// Adds a training step to the programme.
#[server(endpoint = "pipeline/step")]
pub async fn add_training_step(
    programme: String,
    name_ja: String,
    name_en: String,
) -> Result<(), AppError> {
    use crate::domain::forms::Checker;
    use crate::domain::lang::Localized;
    let (p, actor) = server::managed(&programme).await?;
    let mut check = Checker::default();
    let ja = check.text("name_ja", &name_ja, true, 200);
    let en = check.text("name_en", &name_en, false, 200);
    if !check.is_clean() {
        return Err(AppError::Invalid(check.into_problems()));
    }
    let db = crate::state::db()?;
    let name = Localized::new(ja, en);
    crate::store::pipeline::support::add_step(&db, actor.account_id, &p, &name, chrono::Utc::now())
        .await?;
    leptos_axum::redirect(&format!("/manage/{}/candidates?saved=1", p.slug));
    Ok(())
}

/// Removes a training step nobody has been signed off for.
#[server(endpoint = "pipeline/remove-step")]
pub async fn remove_training_step(programme: String, step: i32) -> Result<(), AppError> {
    let (p, actor) = server::managed(&programme).await?;
    let db = crate::state::db()?;
    let now = chrono::Utc::now();
    crate::store::pipeline::support::remove_step(&db, actor.account_id, &p, step, now)
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
    let (p, actor) = server::managed(&programme).await?;
    let db = crate::state::db()?;
    crate::store::pipeline::support::assign_mentor(
        &db,
        actor.account_id,
        &p,
        candidate,
        &email,
        chrono::Utc::now(),
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
    let actor = crate::auth::authorize(Action::Train, Scope::Instance)
        .await?
        .ok_or(AppError::SignInRequired)?;
    let db = crate::state::db()?;
    Ok(crate::store::pipeline::support::training_page(&db, actor.account_id).await?)
}

/// The mentor signs off a step of their candidate.
#[server(endpoint = "pipeline/sign-off")]
pub async fn sign_off_step(candidate: i32, step: i32) -> Result<(), AppError> {
    use crate::domain::access::{Action, Scope};
    let actor = crate::auth::authorize(Action::Train, Scope::Instance)
        .await?
        .ok_or(AppError::SignInRequired)?;
    let db = crate::state::db()?;
    crate::store::pipeline::support::sign_off(
        &db,
        actor.account_id,
        candidate,
        step,
        chrono::Utc::now(),
    )
    .await
    .map_err(|e| server::refused("step", e))?;
    leptos_axum::redirect("/training?saved=1");
    Ok(())
}

/// The funnel of a programme, or of one of its cohorts or tracks.
#[server(endpoint = "pipeline/funnel")]
pub async fn get_funnel(
    programme: String,
    cohort: Option<String>,
    track: Option<String>,
) -> Result<FunnelPage, AppError> {
    let (p, _) = server::managed(&programme).await?;
    let cohort = cohort.filter(|c| !c.is_empty());
    let track = track.filter(|t| !t.is_empty());
    if ![&cohort, &track]
        .iter()
        .all(|s| s.as_deref().is_none_or(crate::domain::slug::is_valid_slug))
    {
        return Err(AppError::NotFound);
    }
    let db = crate::state::db()?;
    crate::store::pipeline::funnel::funnel_page(
        &db,
        &p,
        cohort.as_deref(),
        track.as_deref(),
        chrono::Utc::now(),
    )
    .await?
    .ok_or(AppError::NotFound)
}
