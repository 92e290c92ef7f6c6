//! Review and selection in the database: settings, rubric, reviewers,
//! assignments, scores, the ranking, decisions, offers and the waitlist.
//! Every organiser change is audited in the same transaction.

pub mod answers;
pub mod assign;
pub mod cache;
pub mod decide;
pub mod export;
pub mod meeting;
pub mod offer;
pub mod overview;
pub mod sheet;
pub mod version;

use super::audit::append_audit;
use super::catalogue::track_ctx::TrackCtx;
use super::entities::{
    account, affiliation, application, review_assignment, review_score, role_grant,
    rubric_criterion, track_review,
};
use crate::domain::access::Role;
use crate::domain::application::{ApplicationStatus, Decision, OfferStatus};
use crate::domain::lang::Localized;
use crate::domain::review::rank::{Ranked, Total, rank};
use crate::domain::review::rubric::{Criterion, weighted_total};
use crate::domain::review::view::Settings;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, JoinType, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use std::collections::HashMap;

/// A track's review settings (the defaults until saved).
pub async fn settings(db: &impl ConnectionTrait, track_id: i32) -> Result<Settings, DbErr> {
    Ok(
        match track_review::Entity::find_by_id(track_id).one(db).await? {
            Some(r) => Settings {
                anonymous: r.anonymous,
                k: r.reviewers_per_application,
                normalise: r.normalise,
                offer_days: r.offer_days,
                closed: r.closed_at.is_some(),
                due_at: r.due_at,
            },
            None => Settings::default(),
        },
    )
}

/// Saves a track's review settings; closing sets the time it closed.
pub async fn save_settings(
    db: &impl ConnectionTrait,
    actor: i32,
    ctx: &TrackCtx,
    s: &Settings,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let existing = track_review::Entity::find_by_id(ctx.track.id)
        .one(db)
        .await?;
    let closed_at = match (&existing, s.closed) {
        (Some(r), true) => r.closed_at.or(Some(now)),
        (None, true) => Some(now),
        (_, false) => None,
    };
    let row = track_review::ActiveModel {
        track_id: Set(ctx.track.id),
        anonymous: Set(s.anonymous),
        reviewers_per_application: Set(s.k),
        normalise: Set(s.normalise),
        closed_at: Set(closed_at),
        offer_days: Set(s.offer_days),
        due_at: Set(s.due_at),
    };
    if existing.is_some() {
        row.update(db).await?;
    } else {
        row.insert(db).await?;
    }
    let summary = format!(
        "review settings: anonymous={} k={} normalise={} offer_days={} closed={} due={}",
        s.anonymous,
        s.k,
        s.normalise,
        s.offer_days,
        s.closed,
        s.due_at.map(|t| t.to_rfc3339()).unwrap_or_default()
    );
    let mut entry = ctx.audit(actor, "review.settings", ctx.track.id, summary);
    entry.entity = "track";
    append_audit(db, entry, now).await
}

/// The rubric of a track, in sheet order.
pub async fn criteria(db: &impl ConnectionTrait, track_id: i32) -> Result<Vec<Criterion>, DbErr> {
    Ok(rubric_criterion::Entity::find()
        .filter(rubric_criterion::Column::TrackId.eq(track_id))
        .order_by_asc(rubric_criterion::Column::Position)
        .order_by_asc(rubric_criterion::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|c| Criterion {
            id: c.id,
            name: Localized::new(c.name_ja, c.name_en),
            weight: c.weight,
            scale_max: c.scale_max,
        })
        .collect())
}

/// Adds a criterion at the end of the rubric.
pub async fn add_criterion(
    db: &impl ConnectionTrait,
    actor: i32,
    ctx: &TrackCtx,
    name: &Localized,
    weight: i32,
    scale_max: i32,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let position = criteria(db, ctx.track.id).await?.len() as i32;
    rubric_criterion::ActiveModel {
        track_id: Set(ctx.track.id),
        position: Set(position),
        name_ja: Set(name.ja.trim().to_string()),
        name_en: Set(name.en.trim().to_string()),
        weight: Set(weight),
        scale_max: Set(scale_max),
        ..Default::default()
    }
    .insert(db)
    .await?;
    version::ranking_changed(db, ctx.track.id).await?;
    let summary = format!(
        "criterion {} (weight {weight}, 1–{scale_max}) added",
        name.ja.trim()
    );
    let mut entry = ctx.audit(actor, "review.criterion.add", ctx.track.id, summary);
    entry.entity = "track";
    append_audit(db, entry, now).await
}

/// Removes a criterion (and its scores); `false` when the track has none by that id.
pub async fn remove_criterion(
    db: &impl ConnectionTrait,
    actor: i32,
    ctx: &TrackCtx,
    id: i32,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let gone = rubric_criterion::Entity::delete_many()
        .filter(rubric_criterion::Column::Id.eq(id))
        .filter(rubric_criterion::Column::TrackId.eq(ctx.track.id))
        .exec(db)
        .await?
        .rows_affected
        == 1;
    if gone {
        version::ranking_changed(db, ctx.track.id).await?;
        let mut entry = ctx.audit(
            actor,
            "review.criterion.remove",
            ctx.track.id,
            format!("criterion {id} removed"),
        );
        entry.entity = "track";
        append_audit(db, entry, now).await?;
    }
    Ok(gone)
}

/// A reviewer of a track as assignment and the organiser's page see them.
#[derive(Clone, Debug)]
pub struct TrackReviewer {
    /// Their account.
    pub account: account::Model,
    /// The affiliation the person declared (empty if none).
    pub declared: String,
    /// The affiliation the track's organisers noted when inviting them
    /// (empty if none); it counts for this track only.
    pub noted: String,
    /// Whether they hold the reviewer role here (which organisers may
    /// revoke); `false` for lecturers, who review through the roster.
    pub invited: bool,
}

impl TrackReviewer {
    /// The reviewer as the conflict rules see them: both affiliations
    /// count, so the organiser's note can add a conflict in this track but
    /// never hide the declared one.
    pub fn facts(&self) -> crate::domain::review::assign::ReviewerFacts {
        crate::domain::review::assign::ReviewerFacts {
            id: self.account.id,
            names: vec![self.account.name_ja.clone(), self.account.name_en.clone()],
            email: self.account.email.clone().unwrap_or_default(),
            affiliations: vec![self.declared.clone(), self.noted.clone()],
        }
    }

    /// The affiliation the organiser's page shows: the note for this
    /// track, else the declared one.
    pub fn affiliation(&self) -> &str {
        if self.noted.is_empty() {
            &self.declared
        } else {
            &self.noted
        }
    }
}

/// The accounts holding a reviewer or lecturer grant on the track, with
/// their declared affiliation and the one noted for the track.
pub async fn reviewers(
    db: &impl ConnectionTrait,
    track_id: i32,
) -> Result<Vec<TrackReviewer>, DbErr> {
    use super::entities::reviewer_affiliation;
    // The track's grants as a subquery and the affiliation joined (one
    // row per account: the account is its key).
    let granted = Query::select()
        .column(role_grant::Column::AccountId)
        .from(role_grant::Entity)
        .and_where(role_grant::Column::TrackId.eq(track_id))
        .and_where(role_grant::Column::Role.is_in([Role::Reviewer, Role::Lecturer]))
        .to_owned();
    let declared = account::Entity::belongs_to(affiliation::Entity)
        .from(account::Column::Id)
        .to(affiliation::Column::AccountId)
        .into();
    let invited: std::collections::HashSet<i32> = role_grant::Entity::find()
        .select_only()
        .column(role_grant::Column::AccountId)
        .filter(role_grant::Column::TrackId.eq(track_id))
        .filter(role_grant::Column::Role.eq(Role::Reviewer))
        .into_tuple::<i32>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let mut noted: HashMap<i32, String> = reviewer_affiliation::Entity::find()
        .filter(reviewer_affiliation::Column::TrackId.eq(track_id))
        .all(db)
        .await?
        .into_iter()
        .map(|n| (n.account_id, n.name))
        .collect();
    Ok(account::Entity::find()
        .join(JoinType::LeftJoin, declared)
        .filter(account::Column::Id.in_subquery(granted))
        .filter(account::Column::Email.is_not_null())
        .order_by_asc(account::Column::Id)
        .select_also(affiliation::Entity)
        .all(db)
        .await?
        .into_iter()
        .map(|(a, org)| TrackReviewer {
            declared: org.map(|o| o.name).unwrap_or_default(),
            noted: noted.remove(&a.id).unwrap_or_default(),
            invited: invited.contains(&a.id),
            account: a,
        })
        .collect())
}

/// The submitted applications of a track, by id.
pub async fn submitted(
    db: &impl ConnectionTrait,
    track_id: i32,
) -> Result<Vec<application::Model>, DbErr> {
    application::Entity::find()
        .filter(application::Column::TrackId.eq(track_id))
        .filter(application::Column::Status.eq(ApplicationStatus::Submitted))
        .order_by_asc(application::Column::Id)
        .all(db)
        .await
}

/// Every assignment on the track's applications.
pub async fn track_assignments(
    db: &impl ConnectionTrait,
    track_id: i32,
) -> Result<Vec<review_assignment::Model>, DbErr> {
    review_assignment::Entity::find()
        .filter(
            review_assignment::Column::ApplicationId.in_subquery(
                Query::select()
                    .column(application::Column::Id)
                    .from(application::Entity)
                    .and_where(application::Column::TrackId.eq(track_id))
                    .to_owned(),
            ),
        )
        .all(db)
        .await
}

/// Every score given on the track: assignment id → (criterion → score).
pub async fn track_scores(
    db: &impl ConnectionTrait,
    track_id: i32,
) -> Result<HashMap<i32, HashMap<i32, i32>>, DbErr> {
    let rows: Vec<(i32, i32, i32)> = review_score::Entity::find()
        .select_only()
        .column(review_score::Column::AssignmentId)
        .column(review_score::Column::CriterionId)
        .column(review_score::Column::Score)
        .filter(
            review_score::Column::CriterionId.in_subquery(
                Query::select()
                    .column(rubric_criterion::Column::Id)
                    .from(rubric_criterion::Entity)
                    .and_where(rubric_criterion::Column::TrackId.eq(track_id))
                    .to_owned(),
            ),
        )
        .into_tuple()
        .all(db)
        .await?;
    let mut out: HashMap<i32, HashMap<i32, i32>> = HashMap::new();
    for (a, c, s) in rows {
        out.entry(a).or_default().insert(c, s);
    }
    Ok(out)
}

/// The track's ranking: every submitted application with its rank, score
/// and spread, computed in one pass over its finished reviews.
pub struct Ranking {
    /// The submitted applications, by id.
    pub applications: HashMap<i32, application::Model>,
    /// Best first.
    pub ranked: Vec<Ranked>,
    /// Assignments per application.
    pub assignments: HashMap<i32, Vec<review_assignment::Model>>,
    /// Scores per assignment.
    pub scores: HashMap<i32, HashMap<i32, i32>>,
    /// The rubric.
    pub criteria: Vec<Criterion>,
}

/// Loads and ranks a track's applications (four queries, whatever the size).
pub async fn ranking(
    db: &impl ConnectionTrait,
    track_id: i32,
    normalised: bool,
) -> Result<Ranking, DbErr> {
    let apps = submitted(db, track_id).await?;
    let criteria = criteria(db, track_id).await?;
    let scores = track_scores(db, track_id).await?;
    let mut assignments: HashMap<i32, Vec<review_assignment::Model>> = HashMap::new();
    let mut totals = Vec::new();
    for a in track_assignments(db, track_id).await? {
        if let Some(total) = scores.get(&a.id).and_then(|s| weighted_total(&criteria, s)) {
            totals.push(Total {
                application_id: a.application_id,
                reviewer_id: a.reviewer_id,
                total,
            });
        }
        assignments.entry(a.application_id).or_default().push(a);
    }
    let ids: Vec<i32> = apps.iter().map(|a| a.id).collect();
    let ranked = rank(&ids, &totals, normalised);
    Ok(Ranking {
        applications: apps.into_iter().map(|a| (a.id, a)).collect(),
        ranked,
        assignments,
        scores,
        criteria,
    })
}

/// Accepted applications of a track that hold or may still hold a place:
/// decided accepted, offer not declined or lapsed, not withdrawn.
pub async fn accepted_count(db: &impl ConnectionTrait, track_id: i32) -> Result<i32, DbErr> {
    use sea_orm::PaginatorTrait;
    let n = application::Entity::find()
        .filter(application::Column::TrackId.eq(track_id))
        .filter(application::Column::Status.eq(ApplicationStatus::Submitted))
        .filter(application::Column::Decision.eq(Decision::Accepted))
        .filter(
            sea_orm::Condition::any()
                .add(application::Column::OfferStatus.is_null())
                .add(
                    application::Column::OfferStatus
                        .is_in([OfferStatus::Offered, OfferStatus::Confirmed]),
                ),
        )
        .count(db)
        .await?;
    Ok(i32::try_from(n).unwrap_or(i32::MAX))
}
