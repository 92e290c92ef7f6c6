//! Review and selection server functions. Organisers need `ManageSelection`
//! on the programme; reviewers `Review` on the track and the assignment
//! must be theirs; applicants `Apply` and the application must be theirs.
//! Every function authorises before it touches data.

use crate::domain::review::view::{ManageReview, MyTrack, OfferView, Sheet};
use crate::error::AppError;
use leptos::prelude::*;
use std::collections::HashMap;

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use crate::auth::authorize;
    use crate::domain::access::{Action, Actor, Scope};
    use crate::domain::forms::{FieldError, Problem};
    use crate::domain::slug::is_valid_slug;
    use crate::error::AppError;
    use crate::store::review::TrackCtx;

    /// The track, and the organiser who may run its selection.
    pub async fn managed(
        programme: &str,
        cohort: &str,
        track: &str,
    ) -> Result<(TrackCtx, Actor), AppError> {
        managed_as(Action::ManageSelection, programme, cohort, track).await
    }

    /// The track, and the person who may do `action` on its programme.
    pub async fn managed_as(
        action: Action,
        programme: &str,
        cohort: &str,
        track: &str,
    ) -> Result<(TrackCtx, Actor), AppError> {
        let (p, actor) = crate::auth::programme_for(action, programme).await?;
        if ![cohort, track].iter().all(|s| is_valid_slug(s)) {
            return Err(AppError::NotFound);
        }
        let db = crate::state::db()?;
        let ctx = crate::store::review::track_by_slugs(&db, &p, cohort, track)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok((ctx, actor))
    }

    /// Who may review the track `ctx`. A track (or an assignment on it)
    /// the person does not review is not found, exactly like a missing
    /// one: a refusal would let anyone probe which ids exist.
    pub async fn reviewer_of(ctx: &TrackCtx) -> Result<Actor, AppError> {
        let scope = Scope::Track {
            programme: ctx.programme.id,
            track: ctx.track.id,
        };
        match authorize(Action::Review, scope).await {
            Ok(actor) => actor.ok_or(AppError::SignInRequired),
            Err(AppError::Forbidden) => Err(AppError::NotFound),
            Err(e) => Err(e),
        }
    }

    /// A refusal naming one field.
    pub fn invalid(field: &str, problem: Problem) -> AppError {
        AppError::Invalid(vec![FieldError {
            field: field.into(),
            problem,
        }])
    }

    /// A whole number typed into `field`, within `range`.
    pub fn number(
        field: &str,
        typed: &str,
        range: std::ops::RangeInclusive<i32>,
    ) -> Result<i32, AppError> {
        typed
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|n| range.contains(n))
            .ok_or_else(|| invalid(field, Problem::BadCount))
    }

    /// Back to the organiser's review page, saying it was saved.
    pub fn back(ctx: &TrackCtx) {
        leptos_axum::redirect(&format!("{}?saved=1", ctx.manage_path()));
    }

    /// An organiser's change to one track's selection, resolved and
    /// authorised once: the track, who asks, the database and the moment.
    pub struct Managing {
        /// The track.
        pub ctx: TrackCtx,
        /// The organiser's account.
        pub actor: i32,
        /// The database.
        pub db: sea_orm::DatabaseConnection,
        /// When the change is made.
        pub now: chrono::DateTime<chrono::Utc>,
    }

    impl Managing {
        /// Finishes a successful change: back to the review page, saved.
        pub fn done(self) -> Result<(), AppError> {
            back(&self.ctx);
            Ok(())
        }
    }

    /// Resolves the track and its organiser for a change (see [`managed`]).
    pub async fn managing(
        programme: &str,
        cohort: &str,
        track: &str,
    ) -> Result<Managing, AppError> {
        let (ctx, actor) = managed(programme, cohort, track).await?;
        Ok(Managing {
            ctx,
            actor: actor.account_id,
            db: crate::state::db()?,
            now: chrono::Utc::now(),
        })
    }
}

/// A track's review page data with page `page` of the ranking, for its organisers.
#[server(endpoint = "review/manage")]
pub async fn get_manage_review(
    programme: String,
    cohort: String,
    track: String,
    page: usize,
) -> Result<ManageReview, AppError> {
    let (ctx, _) = server::managed(&programme, &cohort, &track).await?;
    let db = crate::state::db()?;
    Ok(crate::store::review::overview::manage_review(&db, &ctx, page).await?)
}

/// The review settings form (`draft[…]`; checkboxes are sent only when ticked).
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct SettingsDraft {
    /// Review anonymously.
    pub anonymous: Option<String>,
    /// Reviewers per application.
    pub k: String,
    /// Rank by normalised totals.
    pub normalise: Option<String>,
    /// Days to answer an offer.
    pub offer_days: String,
    /// Close the review.
    pub closed: Option<String>,
}

/// Saves a track's review settings.
#[server(endpoint = "review/settings")]
pub async fn save_review_settings(
    programme: String,
    cohort: String,
    track: String,
    draft: SettingsDraft,
) -> Result<(), AppError> {
    use crate::domain::review::decide::MAX_OFFER_DAYS;
    use crate::domain::review::view::Settings;
    let m = server::managing(&programme, &cohort, &track).await?;
    let s = Settings {
        anonymous: draft.anonymous.is_some(),
        k: server::number("k", &draft.k, 1..=10)?,
        normalise: draft.normalise.is_some(),
        offer_days: server::number("offer_days", &draft.offer_days, 1..=MAX_OFFER_DAYS)?,
        closed: draft.closed.is_some(),
    };
    crate::store::review::save_settings(&m.db, m.actor, &m.ctx, &s, m.now).await?;
    m.done()
}

/// Adds a criterion to the track's rubric.
#[server(endpoint = "review/criterion")]
pub async fn add_criterion(
    programme: String,
    cohort: String,
    track: String,
    name_ja: String,
    name_en: String,
    weight: String,
    scale_max: String,
) -> Result<(), AppError> {
    use crate::domain::lang::Localized;
    use crate::domain::review::rubric::check_criterion;
    let m = server::managing(&programme, &cohort, &track).await?;
    let w = weight.trim().parse().unwrap_or(0);
    let max = scale_max.trim().parse().unwrap_or(0);
    let problems = check_criterion(&name_ja, &name_en, w, max);
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    let name = Localized::new(name_ja.trim(), name_en.trim());
    crate::store::review::add_criterion(&m.db, m.actor, &m.ctx, &name, w, max, m.now).await?;
    m.done()
}

/// Removes a criterion (and the scores given on it).
#[server(endpoint = "review/criterion-remove")]
pub async fn remove_criterion(
    programme: String,
    cohort: String,
    track: String,
    criterion: i32,
) -> Result<(), AppError> {
    let m = server::managing(&programme, &cohort, &track).await?;
    if !crate::store::review::remove_criterion(&m.db, m.actor, &m.ctx, criterion, m.now).await? {
        return Err(AppError::NotFound);
    }
    m.done()
}

#[cfg(feature = "ssr")]
fn assign_error(e: crate::store::review::assign::AssignError) -> AppError {
    use crate::domain::forms::Problem;
    use crate::store::review::assign::AssignError;
    match e {
        AssignError::NoSuchAccount => server::invalid("email", Problem::NoSuchAccount),
        AssignError::NotFound => AppError::NotFound,
        AssignError::Conflict => server::invalid("reviewer", Problem::Conflicted),
        AssignError::Db(e) => e.into(),
    }
}

/// Makes the account with `email` a reviewer of the track, with its
/// affiliation for conflict checks.
#[server(endpoint = "review/invite")]
pub async fn invite_reviewer(
    programme: String,
    cohort: String,
    track: String,
    email: String,
    affiliation: String,
) -> Result<(), AppError> {
    use crate::domain::forms::one_text;
    use crate::domain::review::texts::MAX_AFFILIATION;
    let m = server::managing(&programme, &cohort, &track).await?;
    let affiliation =
        one_text("affiliation", &affiliation, MAX_AFFILIATION).map_err(AppError::Invalid)?;
    crate::store::review::assign::invite_reviewer(
        &m.db,
        m.actor,
        &m.ctx,
        &email,
        &affiliation,
        m.now,
    )
    .await
    .map_err(assign_error)?;
    m.done()
}

/// Revokes the reviewer role of `reviewer` on the track: from their next
/// request they can no longer open or score its applications, and their
/// unfinished assignments go (finished reviews stay in the ranking).
/// Lecturers review through the roster and are taken off it there.
#[server(endpoint = "review/revoke")]
pub async fn revoke_reviewer(
    programme: String,
    cohort: String,
    track: String,
    reviewer: i32,
) -> Result<(), AppError> {
    let m = server::managing(&programme, &cohort, &track).await?;
    if !crate::store::review::assign::revoke_reviewer(&m.db, m.actor, &m.ctx, reviewer, m.now)
        .await?
    {
        return Err(AppError::NotFound);
    }
    m.done()
}

/// Assigns k reviewers to every submitted application, around conflicts.
#[server(endpoint = "review/assign-auto")]
pub async fn assign_automatically(
    programme: String,
    cohort: String,
    track: String,
) -> Result<(), AppError> {
    let m = server::managing(&programme, &cohort, &track).await?;
    let k = crate::store::review::settings(&m.db, m.ctx.track.id)
        .await?
        .k;
    let k = usize::try_from(k).unwrap_or(0);
    crate::store::review::assign::assign_automatically(&m.db, m.actor, &m.ctx, k, m.now).await?;
    m.done()
}

/// Assigns one reviewer to one application.
#[server(endpoint = "review/assign")]
pub async fn assign_reviewer(
    programme: String,
    cohort: String,
    track: String,
    application: i32,
    reviewer: i32,
) -> Result<(), AppError> {
    let m = server::managing(&programme, &cohort, &track).await?;
    crate::store::review::assign::assign_manually(
        &m.db,
        m.actor,
        &m.ctx,
        application,
        reviewer,
        m.now,
    )
    .await
    .map_err(assign_error)?;
    m.done()
}

/// Removes one reviewer from one application; `assignment` names both
/// (see [`AssignmentKey`](crate::domain::review::view::AssignmentKey)).
#[server(endpoint = "review/unassign")]
pub async fn unassign_reviewer(
    programme: String,
    cohort: String,
    track: String,
    assignment: String,
) -> Result<(), AppError> {
    use crate::domain::review::view::AssignmentKey;
    let m = server::managing(&programme, &cohort, &track).await?;
    let key = AssignmentKey::parse(&assignment).ok_or(AppError::BadRequest)?;
    if !crate::store::review::assign::unassign(
        &m.db,
        m.actor,
        &m.ctx,
        key.application,
        key.reviewer,
        m.now,
    )
    .await?
    {
        return Err(AppError::NotFound);
    }
    m.done()
}

#[cfg(feature = "ssr")]
fn decision_error(e: crate::store::review::decide::DecisionError) -> AppError {
    use crate::domain::forms::Problem;
    use crate::store::review::decide::DecisionError;
    match e {
        DecisionError::Capacity(_) => server::invalid("reason", Problem::OverCapacity),
        DecisionError::NotDecidable => server::invalid("application", Problem::StatusChanged),
        DecisionError::Db(e) => e.into(),
    }
}

/// Decides one application: `accepted`, `waitlisted` or `rejected`; past
/// the track's capacity only with a reason.
#[server(endpoint = "review/decide")]
pub async fn decide(
    programme: String,
    cohort: String,
    track: String,
    application: i32,
    decision: String,
    reason: String,
) -> Result<(), AppError> {
    use crate::domain::application::Decision;
    use crate::domain::forms::Problem;
    use crate::domain::forms::one_text;
    use crate::domain::review::texts::MAX_DECISION_REASON;
    let m = server::managing(&programme, &cohort, &track).await?;
    let reason = one_text("reason", &reason, MAX_DECISION_REASON).map_err(AppError::Invalid)?;
    let d = Decision::parse(&decision)
        .ok_or_else(|| server::invalid("decision", Problem::BadChoice))?;
    crate::store::review::decide::decide(
        &m.db,
        m.actor,
        &m.ctx,
        &[(application, d)],
        &reason,
        m.now,
    )
    .await
    .map_err(decision_error)?;
    m.done()
}

/// Accepts the top `accept`, waitlists the next `waitlist` and rejects the
/// rest of the unreleased ranking; past capacity only with a reason.
#[server(endpoint = "review/decide-bulk")]
pub async fn decide_bulk(
    programme: String,
    cohort: String,
    track: String,
    accept: String,
    waitlist: String,
    reason: String,
) -> Result<(), AppError> {
    use crate::domain::forms::one_text;
    use crate::domain::review::texts::MAX_DECISION_REASON;
    let m = server::managing(&programme, &cohort, &track).await?;
    let reason = one_text("reason", &reason, MAX_DECISION_REASON).map_err(AppError::Invalid)?;
    let a = server::number("accept", &accept, 0..=100_000)?;
    let w = server::number("waitlist", &waitlist, 0..=100_000)?;
    crate::store::review::decide::decide_bulk(
        &m.db,
        m.actor,
        &m.ctx,
        usize::try_from(a).unwrap_or(0),
        usize::try_from(w).unwrap_or(0),
        &reason,
        m.now,
    )
    .await
    .map_err(decision_error)?;
    m.done()
}

/// Releases the track's pending decisions: offers and decision mails.
#[server(endpoint = "review/release")]
pub async fn release_decisions(
    programme: String,
    cohort: String,
    track: String,
) -> Result<(), AppError> {
    let m = server::managing(&programme, &cohort, &track).await?;
    crate::store::review::decide::release(
        &m.db,
        m.actor,
        &m.ctx,
        &crate::state::public_url(),
        m.now,
    )
    .await?;
    m.done()
}

/// The tracks the signed-in person reviews, with their progress.
#[server(endpoint = "review/mine")]
pub async fn get_my_review_tracks() -> Result<Vec<MyTrack>, AppError> {
    let actor = crate::auth::signed_in_actor().await?;
    let db = crate::state::db()?;
    Ok(crate::store::review::sheet::my_tracks(&db, actor.account_id).await?)
}

/// The person's next unfinished assignment on the track (`None`: all
/// done), and a redirect to it: the queue page answers with it (a 302 when
/// rendered on the server), so it works without JavaScript.
#[server(endpoint = "review/next")]
pub async fn get_next_assignment(track: i32) -> Result<Option<i32>, AppError> {
    let db = crate::state::db()?;
    let Some(ctx) = crate::store::review::track_by_id(&db, track).await? else {
        crate::auth::signed_in_actor().await?;
        return Err(AppError::NotFound);
    };
    let actor = server::reviewer_of(&ctx).await?;
    let next =
        crate::store::review::sheet::next_unreviewed(&db, actor.account_id, ctx.track.id).await?;
    if let Some(id) = next {
        leptos_axum::redirect(&format!("/review/assignments/{id}"));
    }
    Ok(next)
}

#[cfg(feature = "ssr")]
fn sheet_error(e: crate::store::review::sheet::SheetError) -> AppError {
    use crate::domain::forms::Problem;
    use crate::store::review::sheet::SheetError;
    match e {
        SheetError::NotFound => AppError::NotFound,
        // Another reviewer's assignment is not found, like a missing one.
        SheetError::NotYours => AppError::NotFound,
        SheetError::Closed => server::invalid("comment", Problem::ReviewClosed),
        SheetError::Conflict(_) => server::invalid("assignment", Problem::ConflictedScore),
        SheetError::Db(e) => e.into(),
    }
}

/// The track of an assignment, and its reviewer if the person may review it.
#[cfg(feature = "ssr")]
async fn assignment_reviewer(assignment: i32) -> Result<crate::domain::access::Actor, AppError> {
    let db = crate::state::db()?;
    match crate::store::review::sheet::assignment_track(&db, assignment).await? {
        Some(ctx) => server::reviewer_of(&ctx).await,
        None => {
            crate::auth::signed_in_actor().await?;
            Err(AppError::NotFound)
        }
    }
}

/// A score sheet of the signed-in reviewer.
#[server(endpoint = "review/sheet")]
pub async fn get_sheet(assignment: i32) -> Result<Sheet, AppError> {
    let actor = assignment_reviewer(assignment).await?;
    let db = crate::state::db()?;
    crate::store::review::sheet::sheet(&db, actor.account_id, assignment)
        .await
        .map_err(sheet_error)
}

/// Saves the reviewer's scores (`scores[<criterion id>]`) and comment, then
/// goes on to their next unfinished assignment.
#[server(endpoint = "review/score")]
pub async fn save_scores(
    assignment: i32,
    scores: Option<HashMap<String, String>>,
    comment: String,
) -> Result<(), AppError> {
    use crate::domain::review::rubric::check_scores;
    use crate::store::review::sheet;
    let actor = assignment_reviewer(assignment).await?;
    let db = crate::state::db()?;
    let current = sheet::sheet(&db, actor.account_id, assignment)
        .await
        .map_err(sheet_error)?;
    if current.closed {
        return Err(sheet_error(sheet::SheetError::Closed));
    }
    let typed: HashMap<i32, String> = scores
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(k, v)| Some((k.parse().ok()?, v)))
        .collect();
    let valid = check_scores(&current.criteria, &typed).map_err(AppError::Invalid)?;
    let comment = crate::domain::forms::one_text(
        "comment",
        &comment,
        crate::domain::review::texts::MAX_COMMENT,
    )
    .map_err(AppError::Invalid)?;
    sheet::save_scores(
        &db,
        actor.account_id,
        assignment,
        &valid,
        &comment,
        chrono::Utc::now(),
    )
    .await
    .map_err(sheet_error)?;
    leptos_axum::redirect(&format!("/review/{}/next", current.track_id));
    Ok(())
}

/// Declares a conflict of interest with the assignment's application: the
/// assignment goes and the conflict is kept.
#[server(endpoint = "review/conflict")]
pub async fn declare_conflict(assignment: i32, note: String) -> Result<(), AppError> {
    use crate::domain::review::texts::MAX_CONFLICT_NOTE;
    let actor = assignment_reviewer(assignment).await?;
    let note = crate::domain::forms::one_text("note", &note, MAX_CONFLICT_NOTE)
        .map_err(AppError::Invalid)?;
    let db = crate::state::db()?;
    let track = crate::store::review::sheet::declare_conflict(
        &db,
        actor.account_id,
        assignment,
        &note,
        chrono::Utc::now(),
    )
    .await
    .map_err(sheet_error)?;
    leptos_axum::redirect(&format!("/review/{track}/next"));
    Ok(())
}

#[cfg(feature = "ssr")]
fn offer_error(e: crate::store::review::offer::OfferError) -> AppError {
    use crate::domain::forms::Problem;
    use crate::store::review::offer::OfferError;
    match e {
        OfferError::NotFound => AppError::NotFound,
        OfferError::Closed => server::invalid("answer", Problem::OfferClosed),
        OfferError::ConsentMissing => server::invalid("answer", Problem::ConsentMissing),
        OfferError::PlaceHeld => server::invalid("answer", Problem::PlaceHeldInCohort),
        OfferError::Db(e) => e.into(),
    }
}

/// The applicant's decision and offer on their application.
#[server(endpoint = "offers/get")]
pub async fn get_offer(application: i32) -> Result<OfferView, AppError> {
    use crate::domain::access::{Action, Scope};
    let actor = crate::auth::authorize(Action::Apply, Scope::Instance)
        .await?
        .ok_or(AppError::SignInRequired)?;
    let db = crate::state::db()?;
    crate::store::review::offer::offer_view(
        &db,
        actor.account_id,
        application,
        &crate::state::public_url(),
        chrono::Utc::now(),
    )
    .await
    .map_err(offer_error)
}

/// Confirms (`answer=confirm`) or declines (`answer=decline`) the offer.
#[server(endpoint = "offers/respond")]
pub async fn respond_offer(application: i32, answer: String) -> Result<(), AppError> {
    use crate::domain::access::{Action, Scope};
    use crate::domain::forms::Problem;
    let actor = crate::auth::authorize(Action::Apply, Scope::Instance)
        .await?
        .ok_or(AppError::SignInRequired)?;
    let confirm = match answer.as_str() {
        "confirm" => true,
        "decline" => false,
        _ => return Err(server::invalid("answer", Problem::BadChoice)),
    };
    let db = crate::state::db()?;
    crate::store::review::offer::respond(
        &db,
        actor.account_id,
        application,
        confirm,
        &crate::state::public_url(),
        chrono::Utc::now(),
    )
    .await
    .map_err(offer_error)?;
    leptos_axum::redirect(&format!("/offers/{application}?saved=1"));
    Ok(())
}

/// Removes a participant from the track, for a reason the organiser must
/// give: their place is freed and offered to the waitlist, all audited.
#[server(endpoint = "review/remove-participant")]
pub async fn remove_participant(
    programme: String,
    cohort: String,
    track: String,
    account: i32,
    reason: String,
) -> Result<(), AppError> {
    use crate::domain::forms::Checker;
    use crate::domain::review::texts::MAX_DECISION_REASON;
    let m = server::managing(&programme, &cohort, &track).await?;
    let mut c = Checker::default();
    let reason = c.text("reason", &reason, true, MAX_DECISION_REASON);
    if !c.is_clean() {
        return Err(AppError::Invalid(c.into_problems()));
    }
    crate::store::review::offer::remove_participant(
        &m.db,
        m.actor,
        &m.ctx,
        account,
        &reason,
        &crate::state::public_url(),
        m.now,
    )
    .await
    .map_err(offer_error)?;
    // Back to the roster, where the form is.
    let roster = format!(
        "/manage/{}/{}/tracks/{}/roster?saved=1",
        m.ctx.programme.slug, m.ctx.cohort.slug, m.ctx.track.slug
    );
    leptos_axum::redirect(&roster);
    Ok(())
}
