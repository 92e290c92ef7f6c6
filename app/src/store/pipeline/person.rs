//! A person's pipeline in one programme, as its organisers see and change it.

use super::people::in_programme;
use super::support::{mentor_of, steps_of};
use super::{PipelineError, StageMove, current_stage, names, record_stage};
use crate::domain::pipeline::Stage;
use crate::domain::pipeline::code::display;
use crate::domain::pipeline::view::{CompletionRow, HistoryRow, PersonPage};
use crate::store::catalogue::rows::programme_ref;
use crate::store::entities::{account, completion, programme, stage_change};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
};

/// The person page of `account_id` in `p`; `None` when no active account
/// has the id or its person is not of the programme (see [`in_programme`]).
pub async fn person_page(
    db: &impl ConnectionTrait,
    p: &programme::Model,
    account_id: i32,
) -> Result<Option<PersonPage>, DbErr> {
    if !in_programme(db, p.id, account_id).await? {
        return Ok(None);
    }
    let Some(a) = account::Entity::find_by_id(account_id)
        .filter(account::Column::Email.is_not_null())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let changes = stage_change::Entity::find()
        .filter(stage_change::Column::AccountId.eq(account_id))
        .filter(stage_change::Column::ProgrammeId.eq(p.id))
        .order_by_asc(stage_change::Column::At)
        .order_by_asc(stage_change::Column::Id)
        .all(db)
        .await?;
    let who = names(db, changes.iter().filter_map(|c| c.changed_by)).await?;
    let history = changes
        .iter()
        .map(|c| HistoryRow {
            from: c.from_stage,
            to: c.to_stage,
            at: c.at,
            by: c
                .changed_by
                .and_then(|id| who.get(&id).map(|(n, _)| n.clone())),
            reason: c.reason.clone(),
            overridden: c.overridden,
        })
        .collect();
    let certificates = completion::Entity::find()
        .filter(completion::Column::AccountId.eq(account_id))
        .filter(completion::Column::ProgrammeId.eq(p.id))
        .order_by_asc(completion::Column::CompletedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|c| CompletionRow {
            account_id,
            name: crate::domain::lang::Localized::new(&a.name_ja, &a.name_en),
            code: Some(display(&c.code)),
            completed_at: Some(c.completed_at),
            revoked: c.revoked_at.is_some(),
        })
        .collect();
    let stage = current_stage(db, account_id, p.id).await?;
    let candidate = stage.is_some_and(Stage::is_candidate);
    Ok(Some(PersonPage {
        programme: programme_ref(p),
        account_id,
        name: crate::domain::lang::Localized::new(&a.name_ja, &a.name_en),
        email: a.email.unwrap_or_default(),
        stage,
        history,
        certificates,
        mentor: if candidate {
            mentor_of(db, p.id, account_id).await?.map(|(_, n)| n)
        } else {
            None
        },
        steps: if candidate {
            steps_of(db, p.id, Some(account_id)).await?
        } else {
            Vec::new()
        },
    }))
}

/// An organiser moves `account_id` to `to` in `p`, with `reason` (needed
/// when the rules are overridden), in one transaction; someone not of the
/// programme is not found, and nothing is written.
pub async fn change_stage(
    db: &DatabaseConnection,
    by: i32,
    p: &programme::Model,
    account_id: i32,
    to: Stage,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), PipelineError> {
    let exists = account::Entity::find_by_id(account_id)
        .filter(account::Column::Email.is_not_null())
        .one(db)
        .await?;
    if exists.is_none() || !in_programme(db, p.id, account_id).await? {
        return Err(PipelineError::NotFound);
    }
    let txn = crate::store::begin_write(db).await?;
    let m = StageMove {
        account_id,
        programme_id: p.id,
        to,
        cohort_id: None,
        track_id: None,
        reason,
        by: Some(by),
    };
    record_stage(&txn, m, now).await?;
    txn.commit().await?;
    Ok(())
}
