//! Applying: the form's data, draft saves, submission, withdrawal, "my
//! applications", and the guardian's consent link. Each authorises first
//! (`Apply`: anyone signed in) and touches only the person's own
//! application; the guardian's link needs no account, only its token.

#[cfg(feature = "ssr")]
use crate::api::ctx::Ctx;
use crate::domain::application::form::{
    ApplicationDraft, ApplyPage, GuardianRequest, MyApplication, Saved,
};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
mod server {
    use crate::api::ctx::Ctx;
    use crate::domain::access::{Action, Scope};
    use crate::domain::application::form::{ApplicationDraft, Saved, validate_profile};
    use crate::domain::application::questions::{collect_answers, draft_problems};
    use crate::domain::forms::FieldError;
    use crate::domain::slug::is_valid_slug;
    use crate::error::AppError;
    use crate::store::application::{Refusal, Save, application_of, questions_for};
    use crate::store::catalogue::track_ctx::{TrackCtx as Place, find_track as place};

    /// The signed-in applicant's account id.
    pub fn applicant(ctx: &Ctx) -> Result<i32, AppError> {
        Ok(ctx.require(Action::Apply, Scope::Instance)?.account_id)
    }

    /// The track named by the slugs.
    pub async fn track_place(
        ctx: &Ctx,
        programme: &str,
        cohort: &str,
        track: &str,
    ) -> Result<Place, AppError> {
        if ![programme, cohort, track].iter().all(|s| is_valid_slug(s)) {
            return Err(AppError::NotFound);
        }
        place(&ctx.db, programme, cohort, track)
            .await?
            .ok_or(AppError::NotFound)
    }

    /// Which form a refused post's typing is kept for.
    pub fn form_key(p: &Place) -> String {
        format!("apply:{}", p.track.id)
    }

    /// Refuses with `problems`, keeping what was typed for the page a plain
    /// post returns to.
    pub async fn refuse(
        p: &Place,
        typed: &ApplicationDraft,
        problems: Vec<FieldError>,
    ) -> AppError {
        crate::form_flash::keep(&form_key(p), typed).await;
        AppError::Invalid(problems)
    }

    /// Saves (or, with `submit`, submits) the form of the track named by
    /// `slugs` (programme, cohort, track).
    pub async fn save(
        slugs: [&str; 3],
        revision: i32,
        draft: ApplicationDraft,
        submit: bool,
    ) -> Result<Saved, AppError> {
        let ctx = Ctx::load().await?;
        let account_id = applicant(&ctx)?;
        let p = track_place(&ctx, slugs[0], slugs[1], slugs[2]).await?;
        let db = &ctx.db;
        let profile = match validate_profile(&draft) {
            Ok(v) => v,
            Err(problems) => return Err(refuse(&p, &draft, problems).await),
        };
        let existing = application_of(db, account_id, p.track.id).await?;
        let questions = questions_for(db, existing.as_ref(), p.track.id).await?;
        let answers = collect_answers(&questions, &draft.answers);
        let too_big = draft_problems(&questions, &answers);
        if !too_big.is_empty() {
            return Err(refuse(&p, &draft, too_big).await);
        }
        let s = Save {
            account_id,
            place: &p,
            revision,
            profile,
            answers,
            now: ctx.now,
        };
        let result = if submit {
            crate::store::application::submit(db, s, &ctx.public_url).await
        } else {
            crate::store::application::save_draft(db, s).await
        };
        match result {
            Ok(saved) => Ok(saved),
            Err(Refusal::Invalid(problems)) => Err(refuse(&p, &draft, problems).await),
            Err(Refusal::Db(e)) => Err(e.into()),
        }
    }

    /// Sends a plain (no-JavaScript) post back to the form, saying what happened.
    pub async fn back_to_form(programme: &str, cohort: &str, track: &str, what: &str) {
        if crate::form_flash::is_plain_form_post().await {
            leptos_axum::redirect(&format!(
                "/programmes/{programme}/{cohort}/tracks/{track}/apply?{what}=1"
            ));
        }
    }
}

/// The application form of a track for the signed-in person: the rules,
/// the questions and what they saved (or typed into a refused post).
#[server(endpoint = "apply/page")]
pub async fn get_apply_page(
    programme: String,
    cohort: String,
    track: String,
) -> Result<ApplyPage, AppError> {
    use crate::store::application::pending::form_of;
    use crate::store::application::{application_of, questions_for, rules, state_of};
    let ctx = Ctx::load().await?;
    let account_id = server::applicant(&ctx)?;
    let p = server::track_place(&ctx, &programme, &cohort, &track).await?;
    let (db, now) = (&ctx.db, ctx.now);
    let existing = application_of(db, account_id, p.track.id).await?;
    let questions = questions_for(db, existing.as_ref(), p.track.id).await?;
    let (application, saved, revision) = match &existing {
        Some(a) => {
            let draft = form_of(db, a, &questions).await?;
            (Some(state_of(db, a).await?), draft, a.revision)
        }
        None => (None, ApplicationDraft::default(), 0),
    };
    let typed = crate::form_flash::take::<ApplicationDraft>(&server::form_key(&p)).await;
    let draft = typed.unwrap_or(saved);
    let written =
        crate::domain::application::questions::collect_answers(&questions, &draft.answers);
    // File answers come from the stored files (they are never typed).
    let stored = match &existing {
        Some(a) => crate::store::application::files::answer_values(db, a.id).await?,
        None => Default::default(),
    };
    let answers =
        crate::domain::application::files::with_stored_files(&questions, written, &stored);
    let upload_key = crate::domain::application::files::upload_flash_key(p.track.id);
    let upload_problems = crate::form_flash::take(&upload_key)
        .await
        .unwrap_or_default();
    Ok(ApplyPage {
        track: p.context(now),
        rules: rules(db, p.programme.id).await?,
        questions,
        application,
        draft,
        answers,
        revision,
        upload_problems,
    })
}

/// Saves the form as a draft, if nobody saved it since `revision`.
#[server(endpoint = "apply/save")]
pub async fn save_application(
    programme: String,
    cohort: String,
    track: String,
    revision: i32,
    draft: ApplicationDraft,
) -> Result<Saved, AppError> {
    let slugs = [programme.as_str(), &cohort, &track];
    let saved = server::save(slugs, revision, draft, false).await?;
    server::back_to_form(&programme, &cohort, &track, "saved").await;
    Ok(saved)
}

/// Submits (or resubmits) the form before the deadline.
#[server(endpoint = "apply/submit")]
pub async fn submit_application(
    programme: String,
    cohort: String,
    track: String,
    revision: i32,
    draft: ApplicationDraft,
) -> Result<Saved, AppError> {
    let slugs = [programme.as_str(), &cohort, &track];
    let saved = server::save(slugs, revision, draft, true).await?;
    server::back_to_form(&programme, &cohort, &track, "submitted").await;
    Ok(saved)
}

/// Withdraws one's own application (after ticking the confirmation).
#[server(endpoint = "apply/withdraw")]
pub async fn withdraw_application(
    application: i32,
    confirm: Option<String>,
) -> Result<(), AppError> {
    use crate::api::ctx::invalid;
    use crate::domain::forms::Problem;
    let ctx = Ctx::load().await?;
    let account_id = server::applicant(&ctx)?;
    let mine = crate::store::application::own_application(&ctx.db, account_id, application)
        .await?
        .ok_or(AppError::NotFound)?;
    if confirm.as_deref() != Some("yes") {
        return Err(invalid("confirm", Problem::NotConfirmed));
    }
    let (db, site, now) = (&ctx.db, &ctx.public_url, ctx.now);
    if !crate::store::review::offer::withdraw(db, account_id, mine.id, site, now).await? {
        return Err(invalid("confirm", Problem::StatusChanged));
    }
    leptos_axum::redirect("/applications?withdrawn=1");
    Ok(())
}

/// The signed-in person's applications.
#[server(endpoint = "apply/mine")]
pub async fn get_my_applications() -> Result<Vec<MyApplication>, AppError> {
    let ctx = Ctx::load().await?;
    let account_id = server::applicant(&ctx)?;
    Ok(crate::store::application::my_applications(&ctx.db, account_id, ctx.now).await?)
}

/// What a guardian's link shows (no account needed): 404 for an unknown
/// link, 410 for one already used, expired or replaced.
#[server(endpoint = "guardian/request")]
pub async fn get_guardian_request(token: String) -> Result<GuardianRequest, AppError> {
    use crate::store::application::guardian::{LinkError, request_by_token};
    let ctx = Ctx::load().await?;
    match request_by_token(&ctx.db, &token, ctx.now).await {
        Ok(r) => Ok(r),
        Err(LinkError::Unknown) => Err(AppError::NotFound),
        Err(LinkError::Gone) => Err(AppError::Gone),
        Err(LinkError::Db(e)) => Err(e.into()),
    }
}

/// Records the guardian's answer (`consent` or `refuse`) with the name they typed.
#[server(endpoint = "guardian/answer")]
pub async fn answer_guardian_request(
    token: String,
    answer: String,
    signed_name: String,
) -> Result<(), AppError> {
    use crate::domain::forms::{Checker, Problem};
    use crate::store::application::guardian::{LinkError, decide};
    let mut c = Checker::default();
    let name = c.text("signed_name", &signed_name, true, 200);
    let consented = match answer.as_str() {
        "consent" => Some(true),
        "refuse" => Some(false),
        _ => {
            c.fail("answer", Problem::BadChoice);
            None
        }
    };
    let Some(consented) = consented.filter(|_| c.is_clean()) else {
        return Err(AppError::Invalid(c.into_problems()));
    };
    let ctx = Ctx::load().await?;
    match decide(&ctx.db, &token, consented, &name, ctx.now).await {
        Ok(()) => {
            leptos_axum::redirect(&format!("/guardian/{token}?done={answer}"));
            Ok(())
        }
        Err(LinkError::Unknown) => Err(AppError::NotFound),
        Err(LinkError::Gone) => Err(AppError::Gone),
        Err(LinkError::Db(e)) => Err(e.into()),
    }
}
