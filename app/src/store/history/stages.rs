//! The pipeline stages an imported history implies: participant, then
//! alumnus with a completion, tutor, lecturer, each dated when it
//! happened. A person only moves forward; a step the rules would not take
//! on their own (a tutor with no recorded participation, a tutor who
//! became a lecturer without a recorded candidacy) is recorded as an
//! override whose reason says it came from the imported history.

use crate::domain::lang::Lang;
use crate::domain::pipeline::{Allowed, Refusal, Stage, check_move};
use crate::domain::text::labels;
use crate::store::entities::stage_change;
use crate::store::pipeline::{current_stage, facts};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

/// A stage the history shows a person reached.
#[derive(Clone, Copy, Debug)]
pub struct Reached {
    /// The person.
    pub account_id: i32,
    /// The programme, cohort and track.
    pub place: (i32, i32, i32),
    /// The stage.
    pub to: Stage,
    /// When (the cohort's start or end).
    pub at: DateTime<Utc>,
    /// The importer; `None` from the command line.
    pub by: Option<i32>,
}

/// Moves the person to `r.to` unless they already stand there or beyond.
/// Whether a change was recorded.
pub async fn advance(
    txn: &impl ConnectionTrait,
    r: Reached,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let (programme_id, cohort_id, track_id) = r.place;
    let from = current_stage(txn, r.account_id, programme_id).await?;
    if from.is_some_and(|s| s >= r.to) {
        return Ok(false);
    }
    let facts = facts(txn, r.account_id, programme_id, now).await?;
    let reason = labels::history::stage_reason(Lang::Ja);
    let overridden = match check_move(from, r.to, facts, "") {
        Ok(Allowed::Regular) => false,
        Err(Refusal::NeedsReason) => true,
        // Only a completion makes an alumnus; nothing else can refuse.
        Ok(Allowed::Override) | Err(_) => return Ok(false),
    };
    // The history's dates come before later changes made in the app: a
    // move is never dated before the person's latest recorded one, so the
    // latest change stays their current stage.
    let latest = stage_change::Entity::find()
        .filter(stage_change::Column::AccountId.eq(r.account_id))
        .filter(stage_change::Column::ProgrammeId.eq(programme_id))
        .order_by_desc(stage_change::Column::At)
        .one(txn)
        .await?
        .map(|c| c.at);
    stage_change::ActiveModel {
        account_id: Set(r.account_id),
        programme_id: Set(programme_id),
        from_stage: Set(from),
        to_stage: Set(r.to),
        cohort_id: Set(Some(cohort_id)),
        track_id: Set(Some(track_id)),
        reason: Set(if overridden {
            reason.to_string()
        } else {
            String::new()
        }),
        overridden: Set(overridden),
        changed_by: Set(r.by),
        at: Set(latest.map_or(r.at, |l| l.max(r.at))),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(true)
}
