//! Submissions the eligibility rules refused: recorded per person, track
//! and reason (each once, with the first and latest time) for the
//! organisers' dashboard, read back for "download my data", and removed
//! with the account and by the retention purge.
//!
//! A refusal is recorded in its own statement, never through the draft
//! or the submission's transaction, so a refused submission leaves the
//! saved draft exactly as it was.

use super::super::entities::{cohort, eligibility_refusal, track};
use crate::domain::application::refusal::{ExportedRefusal, RefusalReason};
use crate::domain::forms::FieldError;
use crate::store::catalogue::track_ctx::track_by_id;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{OnConflict, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};

/// Records the eligibility reasons among `problems` (a refused
/// submission's) for `account_id` on `track_id`: a new row per reason, or
/// the latest time moved on an existing one. Problems that are not
/// eligibility (answers, guardian, deadline) are not recorded.
pub async fn record(
    db: &impl ConnectionTrait,
    account_id: i32,
    track_id: i32,
    problems: &[FieldError],
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    use eligibility_refusal::Column as C;
    for reason in RefusalReason::found(problems) {
        let row = eligibility_refusal::ActiveModel {
            track_id: Set(track_id),
            account_id: Set(account_id),
            reason: Set(reason),
            first_at: Set(now),
            last_at: Set(now),
            ..Default::default()
        };
        eligibility_refusal::Entity::insert(row)
            .on_conflict(
                OnConflict::columns([C::TrackId, C::AccountId, C::Reason])
                    .update_column(C::LastAt)
                    .to_owned(),
            )
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// Records a refusal as [`record`] does, for a submission that is refused
/// whatever happens here: a failure to record is logged, and the person
/// still gets the refusal's reasons rather than a server error.
pub async fn record_or_log(
    db: &impl ConnectionTrait,
    account_id: i32,
    track_id: i32,
    problems: &[FieldError],
    now: DateTime<Utc>,
) {
    if let Err(e) = record(db, account_id, track_id, problems, now).await {
        tracing::error!(error = %e, track_id, "recording an eligibility refusal");
    }
}

/// `account_id`'s recorded refusals, for "download my data".
pub async fn refusals_of(
    db: &impl ConnectionTrait,
    account_id: i32,
) -> Result<Vec<ExportedRefusal>, DbErr> {
    let rows = eligibility_refusal::Entity::find()
        .filter(eligibility_refusal::Column::AccountId.eq(account_id))
        .order_by_asc(eligibility_refusal::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let track = match track_by_id(db, r.track_id).await? {
            Some(p) => format!("{}/{}/{}", p.programme.slug, p.cohort.slug, p.track.slug),
            None => String::new(),
        };
        out.push(ExportedRefusal {
            track,
            reason: r.reason.as_str().to_string(),
            first_at: r.first_at,
            last_at: r.last_at,
        });
    }
    Ok(out)
}

/// Deletes `account_id`'s recorded refusals: part of deleting the account.
pub async fn forget(db: &impl ConnectionTrait, account_id: i32) -> Result<(), DbErr> {
    eligibility_refusal::Entity::delete_many()
        .filter(eligibility_refusal::Column::AccountId.eq(account_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Deletes the recorded refusals of cohorts whose sessions ended before
/// `cutoff`: the retention purge forgets who was refused with everything
/// else those cohorts' applicants gave. How many rows went. One statement:
/// the tracks of the ended cohorts as a subquery.
pub async fn purge_ended(db: &impl ConnectionTrait, cutoff: DateTime<Utc>) -> Result<u64, DbErr> {
    let ended_cohorts = Query::select()
        .column(cohort::Column::Id)
        .from(cohort::Entity)
        .and_where(cohort::Column::SessionsEndAt.lt(cutoff))
        .to_owned();
    let ended_tracks = Query::select()
        .column(track::Column::Id)
        .from(track::Entity)
        .and_where(track::Column::CohortId.in_subquery(ended_cohorts))
        .to_owned();
    let done = eligibility_refusal::Entity::delete_many()
        .filter(eligibility_refusal::Column::TrackId.in_subquery(ended_tracks))
        .exec(db)
        .await?;
    Ok(done.rows_affected)
}
