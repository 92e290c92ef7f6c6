//! One application at the selection meeting: found only inside the track
//! and only when the person may open it (anything else is "not found",
//! exactly like a missing id), with its answers, reviews, conflicts,
//! decision and the decision's history, and its neighbours in the
//! filtered ranking for "previous" and "next".

use super::{Attendee, filtered, own_review, ranking_of};
use crate::domain::application::{ApplicationStatus, Decision};
use crate::domain::lang::Localized;
use crate::domain::review::meeting::{
    HistoryLine, MeetingApplication, MeetingConflict, MeetingQuery, MeetingReview, ReviewerLabel,
    applicant_visible, neighbours, opens, reviewers_named, scores_visible,
};
use crate::domain::review::rubric::weighted_total;
use crate::domain::review::view::Identity;
use crate::store::catalogue::track_ctx::TrackCtx;
use crate::store::entities::{
    account, application, application_submission, audit_event, conflict, review_assignment,
    review_score,
};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};
use std::collections::HashMap;

/// The submitted application `id` of the track, if it is one.
async fn in_track(
    db: &impl ConnectionTrait,
    ctx: &TrackCtx,
    id: i32,
) -> Result<Option<application::Model>, DbErr> {
    application::Entity::find_by_id(id)
        .filter(application::Column::TrackId.eq(ctx.track.id))
        .filter(application::Column::Status.eq(ApplicationStatus::Submitted))
        .one(db)
        .await
}

/// The names of the given accounts.
async fn names(db: &impl ConnectionTrait, ids: Vec<i32>) -> Result<HashMap<i32, Localized>, DbErr> {
    Ok(account::Entity::find()
        .filter(account::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, Localized::new(a.name_ja, a.name_en)))
        .collect())
}

/// The application's reviews in assignment order, each as `who` may see it.
async fn reviews(
    db: &impl ConnectionTrait,
    app: i32,
    who: Attendee,
    others_shown: bool,
    criteria: &[crate::domain::review::rubric::Criterion],
) -> Result<Vec<MeetingReview>, DbErr> {
    let assignments = review_assignment::Entity::find()
        .filter(review_assignment::Column::ApplicationId.eq(app))
        .order_by_asc(review_assignment::Column::Id)
        .all(db)
        .await?;
    let mut scores: HashMap<i32, HashMap<i32, i32>> = HashMap::new();
    for s in review_score::Entity::find()
        .filter(review_score::Column::AssignmentId.is_in(assignments.iter().map(|a| a.id)))
        .all(db)
        .await?
    {
        scores
            .entry(s.assignment_id)
            .or_default()
            .insert(s.criterion_id, s.score);
    }
    let named = if reviewers_named(who.role) {
        names(db, assignments.iter().map(|a| a.reviewer_id).collect()).await?
    } else {
        HashMap::new()
    };
    Ok(assignments
        .into_iter()
        .enumerate()
        .map(|(i, a)| {
            let mine = a.reviewer_id == who.account;
            let reviewer = if mine {
                ReviewerLabel::Me
            } else if let Some(n) = named.get(&a.reviewer_id) {
                ReviewerLabel::Named(n.clone())
            } else {
                ReviewerLabel::Numbered(i + 1)
            };
            let hidden = !(mine || others_shown);
            let given = scores.remove(&a.id).unwrap_or_default();
            MeetingReview {
                reviewer,
                done: a.submitted_at.is_some(),
                hidden,
                scores: if hidden {
                    Vec::new()
                } else {
                    criteria.iter().map(|c| given.get(&c.id).copied()).collect()
                },
                total: weighted_total(criteria, &given).filter(|_| !hidden),
                comment: if hidden { String::new() } else { a.comment },
            }
        })
        .collect())
}

/// Conflicts marked on the application; reviewers named for organisers only.
async fn conflicts(
    db: &impl ConnectionTrait,
    app: i32,
    who: Attendee,
) -> Result<Vec<MeetingConflict>, DbErr> {
    let rows = conflict::Entity::find()
        .filter(conflict::Column::ApplicationId.eq(app))
        .order_by_asc(conflict::Column::Id)
        .all(db)
        .await?;
    let named = if reviewers_named(who.role) {
        names(db, rows.iter().map(|c| c.reviewer_id).collect()).await?
    } else {
        HashMap::new()
    };
    Ok(rows
        .into_iter()
        .map(|c| MeetingConflict {
            reviewer: if c.reviewer_id == who.account {
                ReviewerLabel::Me
            } else {
                named
                    .get(&c.reviewer_id)
                    .cloned()
                    .map_or(ReviewerLabel::Someone, ReviewerLabel::Named)
            },
            reason: c.reason,
        })
        .collect())
}

/// The decision's history from the audit trail: decisions and offers of
/// this application (never its scores, which the reviews show as allowed).
async fn history(db: &impl ConnectionTrait, app: i32) -> Result<Vec<HistoryLine>, DbErr> {
    Ok(audit_event::Entity::find()
        .filter(audit_event::Column::Entity.eq("application"))
        .filter(audit_event::Column::EntityId.eq(app.to_string()))
        .filter(
            Condition::any()
                .add(audit_event::Column::Action.eq("review.decide"))
                .add(audit_event::Column::Action.starts_with("offer.")),
        )
        .order_by_asc(audit_event::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|e| HistoryLine {
            at: e.at,
            action: e.action,
            summary: e.summary,
        })
        .collect())
}

/// Who applied, read only when the person may see it.
async fn identity(
    db: &impl ConnectionTrait,
    app: &application::Model,
) -> Result<Option<Identity>, DbErr> {
    Ok(account::Entity::find_by_id(app.account_id)
        .one(db)
        .await?
        .map(|acc| Identity {
            name: Localized::new(acc.name_ja, acc.name_en),
            email: acc.email.unwrap_or_default(),
            affiliation: app.affiliation.clone(),
            expertise: app.expertise.clone(),
        }))
}

/// The application `id` of the track at the meeting, as `who` may see it,
/// with its neighbours in the ranking filtered by `query`; `None` when it
/// is not a submitted application of this track or not one they may open.
pub async fn meeting_application(
    db: &impl ConnectionTrait,
    ctx: &TrackCtx,
    who: Attendee,
    id: i32,
    query: &MeetingQuery,
) -> Result<Option<MeetingApplication>, DbErr> {
    let Some(app) = in_track(db, ctx, id).await? else {
        return Ok(None);
    };
    let (s, ranks) = ranking_of(db, ctx.track.id).await?;
    let own = own_review(&ranks, id, who.account);
    if !opens(who.role, own) {
        return Ok(None);
    }
    let shown = scores_visible(who.role, own, s.closed);
    let order: Vec<i32> = filtered(db, ctx.track.id, who, &s, &ranks, &query.filter())
        .await?
        .into_iter()
        .map(|(i, _)| ranks.ranked[i].application_id)
        .collect();
    let (previous, position, next) = neighbours(&order, id);
    let ranked = ranks.ranked.iter().find(|r| r.application_id == id);
    let accepted = app.decision == Some(Decision::Accepted);
    let identity = if applicant_visible(who.role, s.anonymous, app.released_at.is_some(), accepted)
    {
        identity(db, &app).await?
    } else {
        None
    };
    let answers = match application_submission::Entity::find()
        .filter(application_submission::Column::ApplicationId.eq(id))
        .order_by_desc(application_submission::Column::Number)
        .one(db)
        .await?
    {
        Some(sub) => super::super::sheet::answers(db, &sub).await?,
        None => Vec::new(),
    };
    Ok(Some(MeetingApplication {
        programme: crate::store::catalogue::rows::programme_ref(&ctx.programme),
        cohort_slug: ctx.cohort.slug.clone(),
        track_slug: ctx.track.slug.clone(),
        track_name: ctx.name(),
        role: who.role,
        application_id: id,
        rank: ranked.and_then(|r| r.rank).filter(|_| shown),
        position,
        total: order.len(),
        previous,
        next,
        query: query.applied(),
        identity,
        answers,
        criteria: ranks.criteria.clone(),
        scores_hidden: !shown,
        score: ranked.and_then(|r| r.score).filter(|_| shown),
        reviews: reviews(db, id, who, shown, &ranks.criteria).await?,
        conflicts: conflicts(db, id, who).await?,
        decision: app.decision,
        waitlist_position: app.waitlist_position,
        released: app.released_at.is_some(),
        offer: app.offer_status,
        decision_reason: app.decision_reason,
        history: history(db, id).await?,
    }))
}
