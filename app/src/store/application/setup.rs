//! The organiser's writes: a programme's eligibility rules, and one change
//! at a time to a track's questions (through `questions::save_questions`,
//! which decides between editing in place and a new version).

use super::super::entities::{application_submission, eligibility};
use super::questions::{QuestionInput, current_set, questions_of, save_questions};
use crate::domain::application::eligibility::EligibilityRules;
use crate::domain::application::questions::Question;
use crate::domain::application::setup::ValidQuestion;
use crate::store::audit::{AuditEntry, append_audit};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, Set,
};

/// Saves a programme's rules (creating its row), with an audit event.
pub async fn save_rules(
    db: &DatabaseConnection,
    actor_id: i32,
    programme_id: i32,
    r: &EligibilityRules,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let txn = crate::store::begin_write(db).await?;
    let row = eligibility::ActiveModel {
        programme_id: Set(programme_id),
        min_age: Set(r.min_age),
        max_age: Set(r.max_age),
        once_only: Set(r.once_only),
        max_applications_per_cohort: Set(r.max_applications_per_cohort),
        declarations_ja: Set(r.declarations.ja.clone()),
        declarations_en: Set(r.declarations.en.clone()),
        ask_expertise: Set(r.ask_expertise),
    };
    if eligibility::Entity::find_by_id(programme_id)
        .one(&txn)
        .await?
        .is_some()
    {
        row.update(&txn).await?;
    } else {
        row.insert(&txn).await?;
    }
    let summary = format!(
        "ages {:?}–{:?}, once only {}, {} per cohort, expertise {}",
        r.min_age, r.max_age, r.once_only, r.max_applications_per_cohort, r.ask_expertise
    );
    let entry = AuditEntry {
        actor_id: Some(actor_id),
        action: "eligibility.save",
        entity: "programme",
        entity_id: programme_id.to_string(),
        programme_id: Some(programme_id),
        summary,
    };
    append_audit(&txn, entry, now).await?;
    txn.commit().await
}

/// A track's current questions, their version (0 before any) and whether
/// submitted answers freeze them (the next change makes a new version).
pub async fn current_questions(
    db: &impl ConnectionTrait,
    track_id: i32,
) -> Result<(Vec<Question>, i32, bool), DbErr> {
    let Some(set) = current_set(db, track_id).await? else {
        return Ok((Vec::new(), 0, false));
    };
    let frozen = application_submission::Entity::find()
        .filter(application_submission::Column::QuestionSetId.eq(set.id))
        .count(db)
        .await?
        > 0;
    Ok((questions_of(db, set.id).await?, set.version, frozen))
}

/// One change to a track's questions.
pub enum QuestionEdit {
    /// Add a question (at its position, else at the end).
    Add(ValidQuestion),
    /// Change the question with this id (and move it to its position).
    Change(i32, ValidQuestion),
    /// Remove the question with this id.
    Remove(i32),
}

fn input(id: Option<i32>, v: &ValidQuestion) -> QuestionInput {
    QuestionInput {
        id,
        kind: v.kind,
        prompt: v.prompt.clone(),
        choices: v.choices.clone(),
        max_chars: v.max_chars,
        required: v.required,
        file: v.file.clone(),
    }
}

/// Applies `edit` to the track's current questions; `false` when it names a
/// question the current set does not have.
pub async fn edit_questions(
    db: &DatabaseConnection,
    actor_id: i32,
    programme_id: i32,
    track_id: i32,
    edit: QuestionEdit,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let txn = crate::store::begin_write(db).await?;
    let (current, _, _) = current_questions(&txn, track_id).await?;
    let mut inputs: Vec<QuestionInput> = current
        .iter()
        .map(|q| QuestionInput {
            id: Some(q.id),
            kind: q.kind,
            prompt: q.prompt.clone(),
            choices: q.choices.clone(),
            max_chars: q.max_chars,
            required: q.required,
            file: q.file.clone(),
        })
        .collect();
    let index_of = |id: i32, inputs: &[QuestionInput]| inputs.iter().position(|q| q.id == Some(id));
    let (placed, position) = match edit {
        QuestionEdit::Add(v) => (input(None, &v), v.position),
        QuestionEdit::Change(id, v) => {
            let Some(i) = index_of(id, &inputs) else {
                return Ok(false);
            };
            inputs.remove(i);
            (input(Some(id), &v), v.position.or(Some(i)))
        }
        QuestionEdit::Remove(id) => {
            let Some(i) = index_of(id, &inputs) else {
                return Ok(false);
            };
            inputs.remove(i);
            save_questions(&txn, actor_id, programme_id, track_id, &inputs, now).await?;
            txn.commit().await?;
            return Ok(true);
        }
    };
    let at = position.unwrap_or(inputs.len()).min(inputs.len());
    inputs.insert(at, placed);
    save_questions(&txn, actor_id, programme_id, track_id, &inputs, now).await?;
    txn.commit().await?;
    Ok(true)
}
