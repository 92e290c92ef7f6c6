//! A track's question sets: reading a version, and the organiser's save,
//! which edits the current set in place until someone has submitted answers
//! to it and makes a new version after that (drafts move along to it).

use super::super::entities::{
    application, application_answer, application_submission, question, question_set,
};
use crate::domain::application::ApplicationStatus;
use crate::domain::application::files::FileRule;
use crate::domain::application::questions::{
    Question, QuestionChange, QuestionKind, question_change,
};
use crate::domain::lang::Localized;
use crate::store::audit::{AuditEntry, append_audit};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, Set,
};
use std::collections::HashMap;

/// The newest question set of a track, if it has one.
pub async fn current_set(
    db: &impl ConnectionTrait,
    track_id: i32,
) -> Result<Option<question_set::Model>, DbErr> {
    question_set::Entity::find()
        .filter(question_set::Column::TrackId.eq(track_id))
        .order_by_desc(question_set::Column::Version)
        .one(db)
        .await
}

/// The newest question set of a track, made (empty, version 1) if it has none.
pub async fn ensure_current_set(
    db: &impl ConnectionTrait,
    track_id: i32,
    now: DateTime<Utc>,
) -> Result<question_set::Model, DbErr> {
    if let Some(set) = current_set(db, track_id).await? {
        return Ok(set);
    }
    question_set::ActiveModel {
        track_id: Set(track_id),
        version: Set(1),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// The questions of a set, in order.
pub async fn questions_of(db: &impl ConnectionTrait, set_id: i32) -> Result<Vec<Question>, DbErr> {
    Ok(question::Entity::find()
        .filter(question::Column::QuestionSetId.eq(set_id))
        .order_by_asc(question::Column::Position)
        .order_by_asc(question::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|q| Question {
            id: q.id,
            kind: q.kind,
            prompt: Localized::new(q.prompt_ja, q.prompt_en),
            choices: serde_json::from_str(&q.choices).unwrap_or_default(),
            max_chars: q.max_chars,
            required: q.required,
            file: (q.kind == QuestionKind::File)
                .then(|| FileRule::from_columns(q.max_mb, &q.file_types)),
        })
        .collect())
}

/// One question as the organiser saves it; `id` names the question of the
/// current set it changes (`None`: a new question).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuestionInput {
    /// The question it changes.
    pub id: Option<i32>,
    /// How it is answered.
    pub kind: QuestionKind,
    /// The prompt.
    pub prompt: Localized,
    /// The choices of a choice question.
    pub choices: Vec<Localized>,
    /// The character limit of a text question.
    pub max_chars: Option<i32>,
    /// Whether an answer is needed.
    pub required: bool,
    /// What a file question accepts.
    pub file: Option<FileRule>,
}

/// Saves `inputs`, in order, as a track's questions (questions of the
/// current set not among them are removed), with an audit event naming
/// the organiser `actor_id`. Joins the caller's transaction. Returns the
/// version saved.
pub async fn save_questions(
    db: &impl ConnectionTrait,
    actor_id: i32,
    programme_id: i32,
    track_id: i32,
    inputs: &[QuestionInput],
    now: DateTime<Utc>,
) -> Result<i32, DbErr> {
    let (version, change) = write_questions(db, track_id, inputs, now).await?;
    let summary = format!(
        "questions of track {track_id}: version {version} ({}), {} question(s)",
        match change {
            QuestionChange::InPlace => "edited in place",
            QuestionChange::NewVersion => "new version",
        },
        inputs.len()
    );
    let entry = AuditEntry {
        actor_id: Some(actor_id),
        action: "questions.save",
        entity: "track",
        entity_id: track_id.to_string(),
        programme_id: Some(programme_id),
        summary,
    };
    append_audit(db, entry, now).await?;
    Ok(version)
}

/// [`save_questions`] without the audit event, for the demo data: the
/// version saved and how.
pub async fn write_questions(
    db: &impl ConnectionTrait,
    track_id: i32,
    inputs: &[QuestionInput],
    now: DateTime<Utc>,
) -> Result<(i32, QuestionChange), DbErr> {
    let current = ensure_current_set(db, track_id, now).await?;
    let submitted = application_submission::Entity::find()
        .filter(application_submission::Column::QuestionSetId.eq(current.id))
        .count(db)
        .await?
        > 0;
    let change = question_change(submitted);
    let set = match change {
        QuestionChange::InPlace => current.clone(),
        QuestionChange::NewVersion => {
            question_set::ActiveModel {
                track_id: Set(track_id),
                version: Set(current.version + 1),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?
        }
    };
    let old: HashMap<i32, question::Model> = question::Entity::find()
        .filter(question::Column::QuestionSetId.eq(current.id))
        .all(db)
        .await?
        .into_iter()
        .map(|q| (q.id, q))
        .collect();
    // Old question id → the question now asking it.
    let mut moved = HashMap::new();
    for (position, input) in (0..).zip(inputs) {
        let in_place = input
            .id
            .and_then(|id| old.get(&id))
            .filter(|_| change == QuestionChange::InPlace);
        let mut row: question::ActiveModel = match in_place {
            Some(q) => q.clone().into(),
            None => question::ActiveModel {
                question_set_id: Set(set.id),
                ..Default::default()
            },
        };
        row.position = Set(position);
        row.kind = Set(input.kind);
        row.prompt_ja = Set(input.prompt.ja.clone());
        row.prompt_en = Set(input.prompt.en.clone());
        row.choices = Set(serde_json::to_string(&input.choices).unwrap_or_else(|_| "[]".into()));
        row.max_chars = Set(input.max_chars);
        row.required = Set(input.required);
        row.max_mb = Set(input.file.as_ref().map(|f| f.max_mb));
        row.file_types = Set(input
            .file
            .as_ref()
            .map(FileRule::types_text)
            .unwrap_or_default());
        let new_id = match in_place {
            Some(_) => row.update(db).await?.id,
            None => row.insert(db).await?.id,
        };
        if input.kind != QuestionKind::File {
            // A question that no longer takes a file keeps none.
            crate::store::application::files::drop_for_question(db, new_id).await?;
        }
        if let Some(old_id) = input.id.filter(|id| old.contains_key(id)) {
            moved.insert(old_id, new_id);
        }
    }
    match change {
        QuestionChange::InPlace => {
            let kept: Vec<i32> = moved.keys().copied().collect();
            question::Entity::delete_many()
                .filter(question::Column::QuestionSetId.eq(set.id))
                .filter(question::Column::Id.is_not_in(kept))
                .filter(question::Column::Id.is_in(old.keys().copied()))
                .exec(db)
                .await?;
        }
        QuestionChange::NewVersion => move_drafts(db, current.id, set.id, &moved).await?,
    }
    Ok((set.version, change))
}

/// Moves the drafts answering set `from` to set `to`, carrying their
/// answers over to the questions that replaced the old ones.
async fn move_drafts(
    db: &impl ConnectionTrait,
    from: i32,
    to: i32,
    moved: &HashMap<i32, i32>,
) -> Result<(), DbErr> {
    let drafts = application::Entity::find()
        .filter(application::Column::QuestionSetId.eq(from))
        .filter(application::Column::Status.eq(ApplicationStatus::Draft))
        .all(db)
        .await?;
    for a in drafts {
        let answers = application_answer::Entity::find()
            .filter(application_answer::Column::ApplicationId.eq(a.id))
            .all(db)
            .await?;
        application_answer::Entity::delete_many()
            .filter(application_answer::Column::ApplicationId.eq(a.id))
            .exec(db)
            .await?;
        crate::store::application::files::move_to_questions(db, a.id, moved).await?;
        for ans in answers {
            if let Some(&question_id) = moved.get(&ans.question_id) {
                application_answer::ActiveModel {
                    application_id: Set(a.id),
                    question_id: Set(question_id),
                    value: Set(ans.value),
                }
                .insert(db)
                .await?;
            }
        }
        let mut row: application::ActiveModel = a.into();
        // A tab still showing the old questions must reload, not save over them.
        row.revision = Set(row.revision.as_ref() + 1);
        row.question_set_id = Set(to);
        row.update(db).await?;
    }
    Ok(())
}
