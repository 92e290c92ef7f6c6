//! The pipeline in the database: completions and certificates, the
//! history of stages, candidate support and the funnel. Every change of
//! stage goes through [`record_stage`], which applies the rules of
//! `domain::pipeline` and keeps who, when and why.

pub mod completion;
pub mod funnel;
pub mod people;
pub mod person;
pub mod support;

use super::audit::{AuditEntry, append_audit};
use super::entities::{account, cohort, completion as completion_row, role_grant, stage_change};
use crate::domain::access::Role;
use crate::domain::lang::Localized;
use crate::domain::pipeline::{Allowed, Facts, Refusal, Stage, check_move};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, Set,
};
use std::collections::HashMap;

/// Why a pipeline change was not made.
#[derive(Debug)]
pub enum PipelineError {
    /// A rule refuses it; nothing was written.
    Refused(Refusal),
    /// No such record (or not in the programme).
    NotFound,
    /// The database failed.
    Db(DbErr),
}

impl From<DbErr> for PipelineError {
    fn from(e: DbErr) -> Self {
        PipelineError::Db(e)
    }
}

impl From<Refusal> for PipelineError {
    fn from(r: Refusal) -> Self {
        PipelineError::Refused(r)
    }
}

/// Whether `account_id` is an alumnus of `programme_id`: holds a
/// completion of one of its tracks whose certificate is not revoked.
pub async fn is_alumnus(
    db: &impl ConnectionTrait,
    account_id: i32,
    programme_id: i32,
) -> Result<bool, DbErr> {
    Ok(completion_row::Entity::find()
        .filter(completion_row::Column::AccountId.eq(account_id))
        .filter(completion_row::Column::ProgrammeId.eq(programme_id))
        .filter(completion_row::Column::RevokedAt.is_null())
        .count(db)
        .await?
        > 0)
}

/// The programme, cohort and track of completion `c` (`None` if one of
/// them is gone).
pub async fn completion_place(
    db: &impl ConnectionTrait,
    c: &completion_row::Model,
) -> Result<
    Option<(
        super::entities::programme::Model,
        cohort::Model,
        super::entities::track::Model,
    )>,
    DbErr,
> {
    use super::entities::{programme, track};
    let (Some(p), Some(co), Some(t)) = (
        programme::Entity::find_by_id(c.programme_id)
            .one(db)
            .await?,
        cohort::Entity::find_by_id(c.cohort_id).one(db).await?,
        track::Entity::find_by_id(c.track_id).one(db).await?,
    ) else {
        return Ok(None);
    };
    Ok(Some((p, co, t)))
}

/// Where `account_id` stands in `programme_id`: the stage of the latest
/// recorded change, `None` before the first.
pub async fn current_stage(
    db: &impl ConnectionTrait,
    account_id: i32,
    programme_id: i32,
) -> Result<Option<Stage>, DbErr> {
    Ok(stage_change::Entity::find()
        .filter(stage_change::Column::AccountId.eq(account_id))
        .filter(stage_change::Column::ProgrammeId.eq(programme_id))
        .order_by_desc(stage_change::Column::At)
        .order_by_desc(stage_change::Column::Id)
        .one(db)
        .await?
        .map(|c| c.to_stage))
}

/// What the rules need to know about `account_id` in `programme_id`.
pub async fn facts(
    db: &impl ConnectionTrait,
    account_id: i32,
    programme_id: i32,
    now: DateTime<Utc>,
) -> Result<Facts, DbErr> {
    let ended: Vec<i32> = cohort::Entity::find()
        .filter(cohort::Column::ProgrammeId.eq(programme_id))
        .filter(cohort::Column::SessionsEndAt.lt(now))
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect();
    let stints = role_grant::Entity::find()
        .filter(role_grant::Column::AccountId.eq(account_id))
        .filter(role_grant::Column::Role.eq(Role::Tutor))
        .filter(role_grant::Column::CohortId.is_in(ended))
        .count(db)
        .await?;
    Ok(Facts {
        completed: is_alumnus(db, account_id, programme_id).await?,
        tutor_stint_done: stints > 0,
    })
}

/// A change of stage to record.
#[derive(Clone, Debug)]
pub struct StageMove<'a> {
    /// The person.
    pub account_id: i32,
    /// The programme.
    pub programme_id: i32,
    /// The stage to enter.
    pub to: Stage,
    /// The cohort it concerns, if any.
    pub cohort_id: Option<i32>,
    /// The track it concerns, if any.
    pub track_id: Option<i32>,
    /// Why (needed when the rules are overridden).
    pub reason: &'a str,
    /// Who decides; `None` for the system.
    pub by: Option<i32>,
}

/// Moves a person forward to `m.to` because the rosters made them so (an
/// approved tutor volunteer, an assigned lecturer), when the rules allow
/// it as they stand. Someone already there or beyond keeps their stage, and
/// so does someone the rules would need an organiser's reason for (say an
/// alumnus put straight on a lecturer roster): the roster change stands,
/// and the organiser records the override with its reason on the person's
/// page. Whether the stage moved.
pub async fn follow_roster(
    txn: &impl ConnectionTrait,
    m: StageMove<'_>,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let from = current_stage(txn, m.account_id, m.programme_id).await?;
    if from.is_some_and(|s| s >= m.to) {
        return Ok(false);
    }
    let facts = facts(txn, m.account_id, m.programme_id, now).await?;
    if check_move(from, m.to, facts, "") != Ok(Allowed::Regular) {
        return Ok(false);
    }
    match record_stage(txn, m, now).await {
        Ok(_) => Ok(true),
        Err(PipelineError::Db(e)) => Err(e),
        Err(other) => Err(DbErr::Custom(format!("pipeline: {other:?}"))),
    }
}

/// Moves a person to a stage if the pipeline rules (or an override with a
/// reason) allow it, recording the change with who, when and why, and an
/// audit event for a person's decision. A refusal writes nothing. Call it
/// inside the transaction of the change that causes the move.
pub async fn record_stage(
    txn: &impl ConnectionTrait,
    m: StageMove<'_>,
    now: DateTime<Utc>,
) -> Result<Allowed, PipelineError> {
    let from = current_stage(txn, m.account_id, m.programme_id).await?;
    let facts = facts(txn, m.account_id, m.programme_id, now).await?;
    let allowed = check_move(from, m.to, facts, m.reason)?;
    stage_change::ActiveModel {
        account_id: Set(m.account_id),
        programme_id: Set(m.programme_id),
        from_stage: Set(from),
        to_stage: Set(m.to),
        cohort_id: Set(m.cohort_id),
        track_id: Set(m.track_id),
        reason: Set(m.reason.trim().to_string()),
        overridden: Set(allowed == Allowed::Override),
        changed_by: Set(m.by),
        at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    if m.by.is_some() {
        let entry = AuditEntry {
            actor_id: m.by,
            action: "pipeline.stage",
            entity: "account",
            entity_id: m.account_id.to_string(),
            programme_id: Some(m.programme_id),
            summary: format!(
                "{} -> {}{}",
                from.map_or("none", Stage::as_str),
                m.to.as_str(),
                if allowed == Allowed::Override {
                    format!(" (override: {})", m.reason.trim())
                } else {
                    String::new()
                }
            ),
        };
        append_audit(txn, entry, now).await?;
    }
    Ok(allowed)
}

/// Records that `account_id` became a participant of a track, unless they
/// already stand somewhere in the programme (a second cohort, or a tutor
/// taking part again).
pub async fn enter_as_participant(
    txn: &impl ConnectionTrait,
    account_id: i32,
    place: (i32, i32, i32),
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let (programme_id, cohort_id, track_id) = place;
    if current_stage(txn, account_id, programme_id)
        .await?
        .is_some()
    {
        return Ok(());
    }
    let m = StageMove {
        account_id,
        programme_id,
        to: Stage::Participant,
        cohort_id: Some(cohort_id),
        track_id: Some(track_id),
        reason: "",
        by: None,
    };
    match record_stage(txn, m, now).await {
        Ok(_) | Err(PipelineError::Refused(_) | PipelineError::NotFound) => Ok(()),
        Err(PipelineError::Db(e)) => Err(e),
    }
}

/// Undoes [`enter_as_participant`] for a place given up (withdrawn after
/// confirming, or removed by an organiser): when the person's latest stage
/// in the programme is still the participant entry that place made, it is
/// removed, so the pipeline no longer counts someone who never took part.
/// A stage reached otherwise (an earlier cohort, a later move, an
/// organiser's override) stays as it is. The withdrawal or removal itself
/// is in the audit log.
pub async fn leave_as_participant(
    txn: &impl ConnectionTrait,
    account_id: i32,
    place: (i32, i32, i32),
) -> Result<(), DbErr> {
    let (programme_id, cohort_id, track_id) = place;
    let latest = stage_change::Entity::find()
        .filter(stage_change::Column::AccountId.eq(account_id))
        .filter(stage_change::Column::ProgrammeId.eq(programme_id))
        .order_by_desc(stage_change::Column::At)
        .order_by_desc(stage_change::Column::Id)
        .one(txn)
        .await?;
    let Some(entry) = latest else {
        return Ok(());
    };
    let made_by_this_place = entry.to_stage == Stage::Participant
        && entry.from_stage.is_none()
        && entry.changed_by.is_none()
        && entry.cohort_id == Some(cohort_id)
        && entry.track_id == Some(track_id);
    if made_by_this_place {
        stage_change::Entity::delete_by_id(entry.id)
            .exec(txn)
            .await?;
    }
    Ok(())
}

/// The names of `ids`, for showing who did what.
pub async fn names(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i32>,
) -> Result<HashMap<i32, (Localized, String)>, DbErr> {
    Ok(account::Entity::find()
        .filter(account::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| {
            let email = a.email.clone().unwrap_or_default();
            (a.id, (Localized::new(a.name_ja, a.name_en), email))
        })
        .collect())
}
