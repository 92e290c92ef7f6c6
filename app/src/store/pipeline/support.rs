//! Candidate support: the programme's training steps, each candidate's
//! mentor, the mentor's sign-offs, and who is ready to promote.

use super::people::in_programme;
use super::{PipelineError, current_stage, names};
use crate::domain::lang::Localized;
use crate::domain::pipeline::support::{check_mentor, ready};
use crate::domain::pipeline::view::{
    CandidateRow, CandidatesPage, Progress, StepRow, TrainingPage,
};
use crate::domain::pipeline::{Refusal, Stage};
use crate::store::audit::{AuditEntry, append_audit};
use crate::store::catalogue::rows::programme_ref;
use crate::store::entities::{
    account, mentorship, programme, stage_change, step_signoff, training_step,
};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use std::collections::HashMap;

/// The mentor of `candidate` in `programme_id`: their account and name.
pub async fn mentor_of(
    db: &impl ConnectionTrait,
    programme_id: i32,
    candidate: i32,
) -> Result<Option<(i32, Localized)>, DbErr> {
    let Some(m) = mentorship::Entity::find()
        .filter(mentorship::Column::ProgrammeId.eq(programme_id))
        .filter(mentorship::Column::CandidateId.eq(candidate))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let name = names(db, [m.mentor_id]).await?.remove(&m.mentor_id);
    Ok(name.map(|(n, _)| (m.mentor_id, n)))
}

/// The training steps of `programme_id`, with `candidate`'s sign-offs
/// when one is named.
pub async fn steps_of(
    db: &impl ConnectionTrait,
    programme_id: i32,
    candidate: Option<i32>,
) -> Result<Vec<StepRow>, DbErr> {
    let steps = training_step::Entity::find()
        .filter(training_step::Column::ProgrammeId.eq(programme_id))
        .order_by_asc(training_step::Column::Position)
        .order_by_asc(training_step::Column::Id)
        .all(db)
        .await?;
    let signed: HashMap<i32, DateTime<Utc>> = match candidate {
        Some(c) => step_signoff::Entity::find()
            .filter(step_signoff::Column::CandidateId.eq(c))
            .filter(step_signoff::Column::StepId.is_in(steps.iter().map(|s| s.id)))
            .all(db)
            .await?
            .into_iter()
            .map(|s| (s.step_id, s.signed_at))
            .collect(),
        None => HashMap::new(),
    };
    Ok(steps
        .into_iter()
        .map(|s| StepRow {
            id: s.id,
            name: Localized::new(s.name_ja, s.name_en),
            signed_off_at: signed.get(&s.id).copied(),
        })
        .collect())
}

/// Adds a training step at the end of the programme's list.
pub async fn add_step(
    db: &DatabaseConnection,
    by: i32,
    p: &programme::Model,
    name: &Localized,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let txn = crate::store::begin_write(db).await?;
    let last = training_step::Entity::find()
        .filter(training_step::Column::ProgrammeId.eq(p.id))
        .order_by_desc(training_step::Column::Position)
        .one(&txn)
        .await?
        .map_or(0, |s| s.position);
    training_step::ActiveModel {
        programme_id: Set(p.id),
        position: Set(last + 1),
        name_ja: Set(name.ja.trim().to_string()),
        name_en: Set(name.en.trim().to_string()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let entry = AuditEntry {
        actor_id: Some(by),
        action: "pipeline.step",
        entity: "programme",
        entity_id: p.id.to_string(),
        programme_id: Some(p.id),
        summary: format!("training step added: {}", name.ja.trim()),
    };
    append_audit(&txn, entry, now).await?;
    txn.commit().await
}

/// Removes a training step of the programme that nobody has been signed
/// off for yet (a step added by mistake); one with sign-offs is refused,
/// so no candidate's record of progress is lost.
pub async fn remove_step(
    db: &DatabaseConnection,
    by: i32,
    p: &programme::Model,
    step_id: i32,
    now: DateTime<Utc>,
) -> Result<(), PipelineError> {
    let txn = crate::store::begin_write(db).await?;
    let step = training_step::Entity::find_by_id(step_id)
        .one(&txn)
        .await?
        .filter(|s| s.programme_id == p.id)
        .ok_or(PipelineError::NotFound)?;
    let signed = step_signoff::Entity::find()
        .filter(step_signoff::Column::StepId.eq(step.id))
        .one(&txn)
        .await?;
    if signed.is_some() {
        return Err(PipelineError::Refused(Refusal::StepSignedOff));
    }
    training_step::Entity::delete_by_id(step.id)
        .exec(&txn)
        .await?;
    let entry = AuditEntry {
        actor_id: Some(by),
        action: "pipeline.step.remove",
        entity: "programme",
        entity_id: p.id.to_string(),
        programme_id: Some(p.id),
        summary: format!("training step removed: {}", step.name_ja),
    };
    append_audit(&txn, entry, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Makes the account with `mentor_email` the mentor of `candidate` in `p`
/// (replacing any earlier mentor), when the rules allow it. A candidate
/// who is not a person of the programme is not found; a mentor's address
/// whose account is not of the programme is answered as one no account
/// has, so the form tells nothing about people elsewhere.
pub async fn assign_mentor(
    db: &DatabaseConnection,
    by: i32,
    p: &programme::Model,
    candidate: i32,
    mentor_email: &str,
    now: DateTime<Utc>,
) -> Result<(), PipelineError> {
    if !in_programme(db, p.id, candidate).await? {
        return Err(PipelineError::NotFound);
    }
    let mentor = crate::store::identity::account_by_email(db, mentor_email.trim())
        .await?
        .ok_or(Refusal::NoSuchPerson)?
        .id;
    if !in_programme(db, p.id, mentor).await? {
        return Err(Refusal::NoSuchPerson.into());
    }
    let txn = crate::store::begin_write(db).await?;
    let candidate_stage = current_stage(&txn, candidate, p.id).await?;
    let mentor_stage = current_stage(&txn, mentor, p.id).await?;
    check_mentor(candidate, candidate_stage, mentor, mentor_stage)?;
    mentorship::Entity::insert(mentorship::ActiveModel {
        programme_id: Set(p.id),
        candidate_id: Set(candidate),
        mentor_id: Set(mentor),
        assigned_by: Set(Some(by)),
        assigned_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            mentorship::Column::ProgrammeId,
            mentorship::Column::CandidateId,
        ])
        .update_columns([
            mentorship::Column::MentorId,
            mentorship::Column::AssignedBy,
            mentorship::Column::AssignedAt,
        ])
        .to_owned(),
    )
    .exec(&txn)
    .await?;
    let entry = AuditEntry {
        actor_id: Some(by),
        action: "pipeline.mentor",
        entity: "account",
        entity_id: candidate.to_string(),
        programme_id: Some(p.id),
        summary: format!("mentor {mentor} assigned"),
    };
    append_audit(&txn, entry, now).await?;
    txn.commit().await?;
    Ok(())
}

/// The mentor `by` signs off `step` of `candidate`: only the candidate's
/// own mentor may, while the person is a candidate. Signing twice keeps
/// the first sign-off.
pub async fn sign_off(
    db: &DatabaseConnection,
    by: i32,
    candidate: i32,
    step: i32,
    now: DateTime<Utc>,
) -> Result<(), PipelineError> {
    let s = training_step::Entity::find_by_id(step)
        .one(db)
        .await?
        .ok_or(PipelineError::NotFound)?;
    let txn = crate::store::begin_write(db).await?;
    // Not the mentor, or not a person of the step's programme: as if the
    // candidate did not exist, so nothing leaks.
    let mentor = mentor_of(&txn, s.programme_id, candidate).await?;
    if mentor.map(|(id, _)| id) != Some(by)
        || !in_programme(&txn, s.programme_id, candidate).await?
    {
        return Err(PipelineError::NotFound);
    }
    let stage = current_stage(&txn, candidate, s.programme_id).await?;
    if !stage.is_some_and(Stage::is_candidate) {
        return Err(Refusal::NotCandidate.into());
    }
    step_signoff::Entity::insert(step_signoff::ActiveModel {
        step_id: Set(step),
        candidate_id: Set(candidate),
        signed_by: Set(Some(by)),
        signed_at: Set(now),
    })
    .on_conflict(
        OnConflict::columns([
            step_signoff::Column::StepId,
            step_signoff::Column::CandidateId,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The candidate `account_id` of `programme_id` with mentor and steps, if
/// they are a candidate now.
async fn candidate_row(
    db: &impl ConnectionTrait,
    programme_id: i32,
    account_id: i32,
    name: Localized,
) -> Result<Option<CandidateRow>, DbErr> {
    let Some(stage) = current_stage(db, account_id, programme_id)
        .await?
        .filter(|s| s.is_candidate())
    else {
        return Ok(None);
    };
    let steps = steps_of(db, programme_id, Some(account_id)).await?;
    let signed = steps.iter().filter(|s| s.signed_off_at.is_some()).count();
    Ok(Some(CandidateRow {
        account_id,
        name,
        stage,
        mentor: mentor_of(db, programme_id, account_id)
            .await?
            .map(|(_, n)| n),
        ready: ready(Some(stage), steps.len(), signed),
        steps,
    }))
}

/// Everyone who ever stood in the programme `programme_id`.
async fn people_of(db: &impl ConnectionTrait, programme_id: i32) -> Result<Vec<i32>, DbErr> {
    let ids: Vec<i32> = stage_change::Entity::find()
        .select_only()
        .column(stage_change::Column::AccountId)
        .filter(stage_change::Column::ProgrammeId.eq(programme_id))
        .distinct()
        .into_tuple()
        .all(db)
        .await?;
    Ok(ids)
}

/// The organiser's candidate page of `p`: the steps and every candidate,
/// those ready to promote first.
pub async fn candidates_page(
    db: &impl ConnectionTrait,
    p: &programme::Model,
) -> Result<CandidatesPage, DbErr> {
    let who = names(db, people_of(db, p.id).await?).await?;
    let mut candidates = Vec::new();
    for (id, (name, _)) in who {
        if let Some(row) = candidate_row(db, p.id, id, name).await? {
            candidates.push(row);
        }
    }
    candidates.sort_by(|a, b| b.ready.cmp(&a.ready).then(a.name.en.cmp(&b.name.en)));
    Ok(CandidatesPage {
        programme: programme_ref(p),
        steps: steps_of(db, p.id, None).await?,
        candidates,
    })
}

/// The training page of `account_id`: their own candidacies and their mentees'.
pub async fn training_page(
    db: &impl ConnectionTrait,
    account_id: i32,
) -> Result<TrainingPage, DbErr> {
    let programmes: HashMap<i32, programme::Model> = programme::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let me = account::Entity::find_by_id(account_id).one(db).await?;
    let mut mine = Vec::new();
    if let Some(a) = me {
        for p in programmes.values() {
            let name = Localized::new(&a.name_ja, &a.name_en);
            if let Some(candidate) = candidate_row(db, p.id, account_id, name).await? {
                mine.push(Progress {
                    programme: programme_ref(p),
                    candidate,
                });
            }
        }
    }
    let mentored = mentorship::Entity::find()
        .filter(mentorship::Column::MentorId.eq(account_id))
        .order_by_asc(mentorship::Column::Id)
        .all(db)
        .await?;
    let who = names(db, mentored.iter().map(|m| m.candidate_id)).await?;
    let mut mentees = Vec::new();
    for m in mentored {
        let (Some(p), Some((name, _))) =
            (programmes.get(&m.programme_id), who.get(&m.candidate_id))
        else {
            continue;
        };
        if let Some(candidate) = candidate_row(db, p.id, m.candidate_id, name.clone()).await? {
            mentees.push(Progress {
                programme: programme_ref(p),
                candidate,
            });
        }
    }
    mine.sort_by(|a, b| a.programme.slug.cmp(&b.programme.slug));
    Ok(TrainingPage { mine, mentees })
}
