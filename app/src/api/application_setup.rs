//! The organisers' side of applying: a programme's eligibility rules and a
//! track's questions. Each authorises first (`ManageSelection` on the
//! programme; a track's questions `EditQuestions` on the track, which its
//! lecturers hold until applications open), validates, then saves with an
//! audit event.

#[cfg(feature = "ssr")]
use crate::api::ctx::Ctx;
#[cfg(feature = "ssr")]
use crate::domain::access::Action;
use crate::domain::application::setup::{
    EligibilityDraft, ManagedEligibility, ManagedQuestions, QuestionDraft,
};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use crate::api::ctx::{Ctx, invalid};
    use crate::domain::access::{Action, Scope, can};
    use crate::domain::application::setup::questions_editable;
    use crate::error::AppError;
    use crate::store::catalogue::track_ctx::TrackCtx;

    pub use crate::store::catalogue::rows::programme_ref;

    /// Someone who may change a track's questions and rubric now.
    pub struct Editor {
        /// The request context.
        pub ctx: Ctx,
        /// The track.
        pub place: TrackCtx,
        /// Their account.
        pub actor: i32,
        /// Whether they organise the programme.
        pub organiser: bool,
    }

    /// Whether the person asking organises the track's programme.
    pub fn organises(ctx: &Ctx, place: &TrackCtx) -> bool {
        can(
            ctx.actor.as_ref(),
            Action::ManageSelection,
            Scope::Programme(place.programme.id),
        )
        .is_ok()
    }

    /// Resolves the track and the person who may change its questions and
    /// rubric (`EditQuestions` on the track), refusing its lecturers once
    /// applications opened ([`questions_editable`]); the refusal names the
    /// `question` field, so the question form that posted shows it.
    pub async fn editor(programme: &str, cohort: &str, track: &str) -> Result<Editor, AppError> {
        let ctx = Ctx::load().await?;
        let (place, actor) = ctx
            .track_scoped(Action::EditQuestions, programme, cohort, track)
            .await?;
        let actor = actor.account_id;
        let organiser = organises(&ctx, &place);
        questions_editable(organiser, ctx.now, place.cohort.applications_open_at)
            .map_err(|p| invalid("question", p))?;
        Ok(Editor {
            ctx,
            place,
            actor,
            organiser,
        })
    }

    /// Where a plain post returns to after a question change.
    pub fn questions_href(p: &TrackCtx) -> String {
        format!(
            "/manage/{}/{}/tracks/{}/questions",
            p.programme.slug, p.cohort.slug, p.track.slug
        )
    }
}

/// A programme's eligibility rules, for its organisers.
#[server(endpoint = "manage/eligibility")]
pub async fn get_eligibility(programme: String) -> Result<ManagedEligibility, AppError> {
    let ctx = Ctx::load().await?;
    let (p, _) = ctx.programme(Action::ManageSelection, &programme).await?;
    let rules = crate::store::application::rules(&ctx.db, p.id).await?;
    let draft = crate::form_flash::take(&format!("eligibility:{}", p.id))
        .await
        .unwrap_or_else(|| EligibilityDraft::of(&rules));
    Ok(ManagedEligibility {
        programme: server::programme_ref(&p),
        draft,
    })
}

/// Saves a programme's eligibility rules.
#[server(endpoint = "manage/save-eligibility")]
pub async fn save_eligibility(programme: String, draft: EligibilityDraft) -> Result<(), AppError> {
    use crate::domain::application::setup::validate_eligibility;
    let ctx = Ctx::load().await?;
    let (p, actor) = ctx.programme(Action::ManageSelection, &programme).await?;
    let rules = match validate_eligibility(&draft) {
        Ok(r) => r,
        Err(problems) => {
            crate::form_flash::keep(&format!("eligibility:{}", p.id), &draft).await;
            return Err(AppError::Invalid(problems));
        }
    };
    crate::store::application::setup::save_rules(&ctx.db, actor.account_id, p.id, &rules, ctx.now)
        .await?;
    leptos_axum::redirect(&format!("/manage/{}/eligibility?saved=1", p.slug));
    Ok(())
}

/// A track's current questions and rubric, for its programme's organisers
/// and the track's lecturers (who may change them until applications open).
#[server(endpoint = "manage/questions")]
pub async fn get_questions(
    programme: String,
    cohort: String,
    track: String,
) -> Result<ManagedQuestions, AppError> {
    use crate::domain::application::setup;
    use crate::domain::lang::Localized;
    let ctx = Ctx::load().await?;
    let (p, _) = ctx
        .track_scoped(Action::EditQuestions, &programme, &cohort, &track)
        .await?;
    let organiser = server::organises(&ctx, &p);
    let editable =
        setup::questions_editable(organiser, ctx.now, p.cohort.applications_open_at).is_ok();
    let criteria = crate::store::review::criteria(&ctx.db, p.track.id).await?;
    let kept = crate::form_flash::take(&setup::questions_form_key(p.track.id)).await;
    let (questions, version, frozen) =
        crate::store::application::setup::current_questions(&ctx.db, p.track.id).await?;
    Ok(ManagedQuestions {
        programme: server::programme_ref(&p.programme),
        cohort: (
            p.cohort.slug.clone(),
            Localized::new(&p.cohort.title_ja, &p.cohort.title_en),
        ),
        track: (
            p.track.slug.clone(),
            Localized::new(&p.track.name_ja, &p.track.name_en),
        ),
        version,
        frozen,
        questions,
        kept,
        editable,
        organiser,
        criteria,
    })
}

/// Adds a question (`question` 0) or changes the question `question`;
/// `remove` set removes it instead. Organisers, and the track's lecturers
/// until applications open.
#[server(endpoint = "manage/save-question")]
pub async fn save_question(
    programme: String,
    cohort: String,
    track: String,
    question: i32,
    remove: Option<String>,
    draft: QuestionDraft,
) -> Result<(), AppError> {
    use crate::domain::application::setup::{self, validate_question};
    use crate::store::application::setup::{QuestionEdit, edit_questions};
    let server::Editor {
        ctx,
        place: p,
        actor,
        ..
    } = server::editor(&programme, &cohort, &track).await?;
    let edit = if remove.is_some() {
        QuestionEdit::Remove(question)
    } else {
        let v = match validate_question(&draft) {
            Ok(v) => v,
            Err(problems) => {
                let kept = crate::domain::application::setup::KeptQuestion { question, draft };
                crate::form_flash::keep(&setup::questions_form_key(p.track.id), &kept).await;
                return Err(AppError::Invalid(problems));
            }
        };
        if question == 0 {
            QuestionEdit::Add(v)
        } else {
            QuestionEdit::Change(question, v)
        }
    };
    let (db, now) = (&ctx.db, ctx.now);
    if !edit_questions(db, actor, p.programme.id, p.track.id, edit, now).await? {
        return Err(AppError::NotFound);
    }
    leptos_axum::redirect(&format!("{}?saved=1", server::questions_href(&p)));
    Ok(())
}
