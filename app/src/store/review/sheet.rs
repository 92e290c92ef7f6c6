//! The reviewer's side: my tracks, my next assignment, the score sheet,
//! saving scores and declaring a conflict.

use super::{criteria, settings};
use crate::domain::access::Role;
use crate::domain::application::files::FileAnswer;
use crate::domain::application::questions::QuestionKind;
use crate::domain::application::{ApplicationStatus, Decision};
use crate::domain::lang::Localized;
use crate::domain::review::assign::ConflictReason;
use crate::domain::review::rubric::{Criterion, weighted_total};
use crate::domain::review::view::{Answer, Identity, MyTrack, Sheet, identity_visible};
use crate::store::catalogue::track_ctx::{TrackCtx, track_by_id};
use crate::store::entities::{
    account, application, application_submission, conflict, question, review_assignment,
    review_score, role_grant,
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, Set,
};
use std::collections::HashMap;

/// Why a reviewer's request was refused.
#[derive(Debug)]
pub enum SheetError {
    /// No such assignment.
    NotFound,
    /// The assignment is someone else's.
    NotYours,
    /// The review of the track is closed.
    Closed,
    /// The reviewer has a conflict of interest with the application
    /// (declared, or detected since the assignment was made).
    Conflict(ConflictReason),
    /// The database failed.
    Db(DbErr),
}

impl From<DbErr> for SheetError {
    fn from(e: DbErr) -> Self {
        SheetError::Db(e)
    }
}

/// Per track, the reviewer's assignments and how many are finished,
/// counted by the database: a reviewer has hundreds of assignments, and
/// reading them to count them made `/review` slow under load.
async fn progress_by_track(
    db: &impl ConnectionTrait,
    reviewer: i32,
) -> Result<HashMap<i32, (usize, usize)>, DbErr> {
    use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Query};
    let (ra, app) = (review_assignment::Entity, application::Entity);
    let q = Query::select()
        .column((app, application::Column::TrackId))
        .expr_as(Expr::cust("COUNT(*)"), Alias::new("assigned"))
        .expr_as(
            Func::count(Expr::col((ra, review_assignment::Column::SubmittedAt))),
            Alias::new("done"),
        )
        .from(ra)
        .inner_join(
            app,
            Expr::col((app, application::Column::Id))
                .equals((ra, review_assignment::Column::ApplicationId)),
        )
        .and_where(Expr::col((ra, review_assignment::Column::ReviewerId)).eq(reviewer))
        .group_by_col((app, application::Column::TrackId))
        .to_owned();
    let count = |n: i64| usize::try_from(n).unwrap_or(0);
    let mut out = HashMap::new();
    for row in db.query_all(&q).await? {
        let track: i32 = row.try_get("", "track_id")?;
        let assigned: i64 = row.try_get("", "assigned")?;
        let done: i64 = row.try_get("", "done")?;
        out.insert(track, (count(assigned), count(done)));
    }
    Ok(out)
}

/// The tracks `reviewer` reviews, with their progress on each.
pub async fn my_tracks(db: &impl ConnectionTrait, reviewer: i32) -> Result<Vec<MyTrack>, DbErr> {
    let grants = role_grant::Entity::find()
        .filter(role_grant::Column::AccountId.eq(reviewer))
        .filter(role_grant::Column::Role.is_in([Role::Reviewer, Role::Lecturer]))
        .filter(role_grant::Column::TrackId.is_not_null())
        .order_by_asc(role_grant::Column::TrackId)
        .all(db)
        .await?;
    let progress = progress_by_track(db, reviewer).await?;
    let grants_lecturer: std::collections::HashSet<i32> = grants
        .iter()
        .filter(|g| g.role == Role::Lecturer)
        .filter_map(|g| g.track_id)
        .collect();
    let mut out: Vec<MyTrack> = Vec::new();
    for g in grants {
        let Some(tid) = g.track_id else { continue };
        if out.iter().any(|t| t.track_id == tid) {
            continue;
        }
        let Some(ctx) = track_by_id(db, tid).await? else {
            continue;
        };
        let (assigned, done) = progress.get(&tid).copied().unwrap_or_default();
        out.push(MyTrack {
            track_id: tid,
            name: ctx.name(),
            cohort: Localized::new(&ctx.cohort.title_ja, &ctx.cohort.title_en),
            assigned,
            done,
            closed: settings(db, tid).await?.closed,
            meeting: format!(
                "/manage/{}/{}/tracks/{}/meeting",
                ctx.programme.slug, ctx.cohort.slug, ctx.track.slug
            ),
            questions: grants_lecturer.contains(&tid).then(|| {
                format!(
                    "/manage/{}/{}/tracks/{}/questions",
                    ctx.programme.slug, ctx.cohort.slug, ctx.track.slug
                )
            }),
        });
    }
    Ok(out)
}

/// The reviewer's first unfinished assignment on the track, if any.
pub async fn next_unreviewed(
    db: &impl ConnectionTrait,
    reviewer: i32,
    track_id: i32,
) -> Result<Option<i32>, DbErr> {
    use sea_orm::sea_query::Query;
    Ok(review_assignment::Entity::find()
        .filter(review_assignment::Column::ReviewerId.eq(reviewer))
        .filter(review_assignment::Column::SubmittedAt.is_null())
        .filter(
            review_assignment::Column::ApplicationId.in_subquery(
                Query::select()
                    .column(application::Column::Id)
                    .from(application::Entity)
                    .and_where(application::Column::TrackId.eq(track_id))
                    .and_where(application::Column::Status.eq(ApplicationStatus::Submitted))
                    .to_owned(),
            ),
        )
        .order_by_asc(review_assignment::Column::Id)
        .one(db)
        .await?
        .map(|a| a.id))
}

async fn owned(
    db: &impl ConnectionTrait,
    reviewer: i32,
    assignment_id: i32,
) -> Result<(review_assignment::Model, application::Model, TrackCtx), SheetError> {
    let a = review_assignment::Entity::find_by_id(assignment_id)
        .one(db)
        .await?
        .ok_or(SheetError::NotFound)?;
    if a.reviewer_id != reviewer {
        return Err(SheetError::NotYours);
    }
    let app = application::Entity::find_by_id(a.application_id)
        .one(db)
        .await?
        .ok_or(SheetError::NotFound)?;
    let ctx = track_by_id(db, app.track_id)
        .await?
        .ok_or(SheetError::NotFound)?;
    Ok((a, app, ctx))
}

/// The track of an assignment, for the permission check before [`sheet`].
pub async fn assignment_track(
    db: &impl ConnectionTrait,
    assignment_id: i32,
) -> Result<Option<TrackCtx>, DbErr> {
    let Some(a) = review_assignment::Entity::find_by_id(assignment_id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let Some(app) = application::Entity::find_by_id(a.application_id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    track_by_id(db, app.track_id).await
}

/// The score sheet of `reviewer`'s assignment: the latest submitted answers
/// with their prompts, and who applied only where [`identity_visible`].
pub async fn sheet(
    db: &impl ConnectionTrait,
    reviewer: i32,
    assignment_id: i32,
) -> Result<Sheet, SheetError> {
    let (a, app, ctx) = owned(db, reviewer, assignment_id).await?;
    let s = settings(db, ctx.track.id).await?;
    let accepted = app.decision == Some(Decision::Accepted);
    let identity = if identity_visible(s.anonymous, app.released_at.is_some(), accepted) {
        account::Entity::find_by_id(app.account_id)
            .one(db)
            .await?
            .map(|acc| Identity {
                name: Localized::new(acc.name_ja, acc.name_en),
                email: acc.email.unwrap_or_default(),
                affiliation: app.affiliation.clone(),
                expertise: app.expertise.clone(),
            })
    } else {
        None
    };
    let answers = match application_submission::Entity::find()
        .filter(application_submission::Column::ApplicationId.eq(app.id))
        .order_by_desc(application_submission::Column::Number)
        .one(db)
        .await?
    {
        Some(sub) => answers(db, &sub).await?,
        None => Vec::new(),
    };
    let scores = review_score::Entity::find()
        .filter(review_score::Column::AssignmentId.eq(a.id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.criterion_id, s.score))
        .collect();
    Ok(Sheet {
        assignment_id: a.id,
        application_id: app.id,
        track_id: ctx.track.id,
        track_name: ctx.name(),
        identity,
        answers,
        criteria: criteria(db, ctx.track.id).await?,
        scores,
        comment: a.comment,
        closed: s.closed,
    })
}

/// A submission's answers in question order. Values are strings, or lists
/// of strings for multiple choice (joined by commas).
pub(super) async fn answers(
    db: &impl ConnectionTrait,
    sub: &application_submission::Model,
) -> Result<Vec<Answer>, DbErr> {
    let values: HashMap<String, serde_json::Value> =
        serde_json::from_str(&sub.answers).unwrap_or_default();
    let questions = question::Entity::find()
        .filter(question::Column::QuestionSetId.eq(sub.question_set_id))
        .order_by_asc(question::Column::Position)
        .all(db)
        .await?;
    Ok(questions
        .into_iter()
        .map(|q| {
            let value = match values.get(&q.id.to_string()) {
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(serde_json::Value::Array(xs)) => xs
                    .iter()
                    .map(|x| {
                        x.as_str()
                            .map(str::to_string)
                            .unwrap_or_else(|| x.to_string())
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
                Some(serde_json::Value::Null) | None => String::new(),
                Some(other) => other.to_string(),
            };
            // A file is shown by its type and size, never its name.
            let file = FileAnswer::decode(&value)
                .filter(|_| q.kind == QuestionKind::File)
                .map(|f| FileAnswer {
                    name: String::new(),
                    ..f
                });
            Answer {
                prompt: Localized::new(q.prompt_ja, q.prompt_en),
                value: if file.is_some() { String::new() } else { value },
                file,
            }
        })
        .collect())
}

/// Why `reviewer` may not score `app` now, if they may not: a declared
/// conflict, or one the rules detect on today's facts (the application may
/// have been resubmitted, or the reviewer's affiliation noted, since the
/// assignment was made). A reviewer who no longer reviews the track may
/// not score it at all.
async fn scoring_refusal(
    db: &impl ConnectionTrait,
    reviewer: i32,
    app: &application::Model,
) -> Result<Option<SheetError>, DbErr> {
    use crate::domain::review::assign::conflict as detected;
    if super::assign::declared(db, &[app.id])
        .await?
        .contains(&(app.id, reviewer))
    {
        return Ok(Some(SheetError::Conflict(ConflictReason::Declared)));
    }
    let revs = super::reviewers(db, app.track_id).await?;
    let Some(me) = revs.iter().find(|r| r.account.id == reviewer) else {
        return Ok(Some(SheetError::NotYours));
    };
    Ok(detected(&me.facts(), &super::assign::applicant(app)).map(SheetError::Conflict))
}

/// One assignment's scores for the audit trail: `criterion=score` pairs
/// in rubric order and the weighted total (`-` while incomplete).
fn scores_summary(criteria: &[Criterion], scores: &HashMap<i32, i32>) -> String {
    let pairs: Vec<String> = criteria
        .iter()
        .filter_map(|c| scores.get(&c.id).map(|s| format!("{}={s}", c.id)))
        .collect();
    let total =
        weighted_total(criteria, scores).map_or_else(|| "-".to_string(), |t| format!("{t:.2}"));
    format!("[{}] total {total}", pairs.join(" "))
}

/// Saves `reviewer`'s scores (already checked against the rubric) and
/// comment on their assignment, and audits the change (old and new values)
/// in the same transaction; refused when it is not theirs, the review is
/// closed or the reviewer has a conflict of interest with the application.
pub async fn save_scores(
    db: &DatabaseConnection,
    reviewer: i32,
    assignment_id: i32,
    scores: &[(i32, i32)],
    comment: &str,
    now: DateTime<Utc>,
) -> Result<(), SheetError> {
    let txn = crate::store::begin_write(db).await?;
    let (a, app, ctx) = owned(&txn, reviewer, assignment_id).await?;
    if settings(&txn, ctx.track.id).await?.closed {
        return Err(SheetError::Closed);
    }
    if let Some(refusal) = scoring_refusal(&txn, reviewer, &app).await? {
        return Err(refusal);
    }
    let old: HashMap<i32, i32> = review_score::Entity::find()
        .filter(review_score::Column::AssignmentId.eq(a.id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|s| (s.criterion_id, s.score))
        .collect();
    review_score::Entity::delete_many()
        .filter(review_score::Column::AssignmentId.eq(a.id))
        .exec(&txn)
        .await?;
    let rows: Vec<review_score::ActiveModel> = scores
        .iter()
        .map(|&(c, s)| review_score::ActiveModel {
            assignment_id: Set(a.id),
            criterion_id: Set(c),
            score: Set(s),
        })
        .collect();
    if !rows.is_empty() {
        review_score::Entity::insert_many(rows)
            .exec_without_returning(&txn)
            .await?;
    }
    let submitted_at = a.submitted_at.or(Some(now));
    let mut row: review_assignment::ActiveModel = a.into();
    row.comment = Set(comment.trim().to_string());
    row.submitted_at = Set(submitted_at);
    row.updated_at = Set(Some(now));
    row.update(&txn).await?;
    super::version::ranking_changed(&txn, ctx.track.id).await?;
    let rubric = criteria(&txn, ctx.track.id).await?;
    let new: HashMap<i32, i32> = scores.iter().copied().collect();
    let summary = format!(
        "reviewer {reviewer} scores: {} -> {}",
        scores_summary(&rubric, &old),
        scores_summary(&rubric, &new)
    );
    let entry = ctx.audit(reviewer, "review.score", app.id, summary);
    crate::store::audit::append_audit(&txn, entry, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Records `reviewer`'s declared conflict with the application of their
/// assignment and removes the assignment.
pub async fn declare_conflict(
    db: &DatabaseConnection,
    reviewer: i32,
    assignment_id: i32,
    note: &str,
    now: DateTime<Utc>,
) -> Result<i32, SheetError> {
    let txn = crate::store::begin_write(db).await?;
    let (a, app, ctx) = owned(&txn, reviewer, assignment_id).await?;
    conflict::Entity::delete_many()
        .filter(conflict::Column::ApplicationId.eq(app.id))
        .filter(conflict::Column::ReviewerId.eq(reviewer))
        .exec(&txn)
        .await?;
    conflict::ActiveModel {
        application_id: Set(app.id),
        reviewer_id: Set(reviewer),
        reason: Set(ConflictReason::Declared),
        note: Set(note.trim().to_string()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    review_assignment::Entity::delete_by_id(a.id)
        .exec(&txn)
        .await?;
    super::version::ranking_changed(&txn, ctx.track.id).await?;
    let entry = ctx.audit(
        reviewer,
        "review.conflict",
        app.id,
        "conflict of interest declared".into(),
    );
    crate::store::audit::append_audit(&txn, entry, now).await?;
    txn.commit().await?;
    Ok(ctx.track.id)
}
