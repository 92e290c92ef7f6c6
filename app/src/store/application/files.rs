//! File answers: the one place that writes, reads and removes the bytes of
//! uploaded files. They are kept in the database (`answer_file`), so every
//! instance reads them without a shared disk and backups, deletions and the
//! retention purge cover them in their transactions. An object store would
//! replace [`put`], [`content_of`] and the deletions here, and nothing else.

use super::super::catalogue::track_ctx::TrackCtx;
use super::super::entities::{answer_file, application, application_answer, review_assignment};
use super::{Save, application_of, questions, write};
use crate::domain::access::{Action, Actor, Scope, can};
use crate::domain::application::ApplicationStatus;
use crate::domain::application::files::{
    FileAnswer, FileProblem, FileType, anonymous_name, check_upload, safe_name,
};
use crate::domain::application::form::ValidProfile;
use crate::domain::application::questions::QuestionKind;
use crate::domain::forms::{FieldError, Problem};
use crate::domain::review::meeting::{MeetingRole, OwnReview, meeting_role, opens};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QuerySelect, Set,
};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};

/// An upload to one file question of the applicant's application.
pub struct Upload<'a> {
    /// The applicant.
    pub account_id: i32,
    /// The track applied to.
    pub place: &'a TrackCtx,
    /// The file question.
    pub question_id: i32,
    /// The name the browser sent (cleaned before it is kept).
    pub file_name: &'a str,
    /// The bytes.
    pub bytes: Vec<u8>,
    /// Now (server clock).
    pub now: DateTime<Utc>,
}

/// Why an upload was refused; nothing was written.
#[derive(Debug)]
pub enum UploadError {
    /// The question is not one the applicant's application asks (another
    /// track's, or none): not found, like a missing one.
    NotFound,
    /// Refused, with the problem for the form.
    Invalid(Vec<FieldError>),
    /// The database failed.
    Db(DbErr),
}

impl From<DbErr> for UploadError {
    fn from(e: DbErr) -> Self {
        UploadError::Db(e)
    }
}

impl From<super::Refusal> for UploadError {
    fn from(r: super::Refusal) -> Self {
        match r {
            super::Refusal::Invalid(p) => UploadError::Invalid(p),
            super::Refusal::Db(e) => UploadError::Db(e),
        }
    }
}

fn refuse(field: &str, problem: Problem) -> UploadError {
    UploadError::Invalid(vec![FieldError {
        field: field.into(),
        problem,
    }])
}

/// The empty profile a first upload's new draft is made with.
fn empty_profile() -> ValidProfile {
    ValidProfile {
        birth_date: None,
        affiliation: String::new(),
        prefecture: None,
        expertise: String::new(),
        mentors: String::new(),
        guardian_name: String::new(),
        guardian_email: String::new(),
        declarations_accepted: false,
    }
}

/// Keeps `u` as the answer to its question, replacing an earlier file, in
/// the applicant's draft (made, empty, when they have none yet). Refused
/// after the deadline, for a submitted, withdrawn or decided application,
/// and for a file too large or of a type the question does not accept; the
/// rest of the draft is never touched.
pub async fn upload(db: &DatabaseConnection, u: Upload<'_>) -> Result<FileAnswer, UploadError> {
    let field = format!("q{}", u.question_id);
    if !u.place.context(u.now).open {
        return Err(refuse("deadline", Problem::DeadlinePassed));
    }
    let existing = application_of(db, u.account_id, u.place.track.id).await?;
    let asked = super::questions_for(db, existing.as_ref(), u.place.track.id).await?;
    let question = asked
        .iter()
        .find(|q| q.id == u.question_id)
        .ok_or(UploadError::NotFound)?;
    let rule = match (&question.file, question.kind) {
        (Some(rule), QuestionKind::File) => rule.clone(),
        _ => return Err(refuse(&field, Problem::File(FileProblem::NotAFileQuestion))),
    };
    if let Some(a) = &existing {
        status_problem(a).map_or(Ok(()), |p| Err(refuse(&field, p)))?;
    }
    let kind = check_upload(&rule, &u.bytes).map_err(|p| refuse(&field, Problem::File(p)))?;
    let txn = crate::store::begin_write(db).await?;
    let app = match application_of(&txn, u.account_id, u.place.track.id).await? {
        Some(a) => a,
        None => {
            let s = Save {
                account_id: u.account_id,
                place: u.place,
                revision: 0,
                profile: empty_profile(),
                answers: BTreeMap::new(),
                now: u.now,
            };
            write(&txn, &s, None).await?
        }
    };
    // Checked again under the write lock: a submission in between freezes it.
    if let Some(p) = status_problem(&app) {
        return Err(refuse(&field, p));
    }
    if !questions::questions_of(&txn, app.question_set_id)
        .await?
        .iter()
        .any(|q| q.id == u.question_id)
    {
        return Err(refuse("revision", Problem::EditedElsewhere));
    }
    let answer = put(
        &txn,
        app.id,
        u.question_id,
        u.file_name,
        kind,
        u.bytes,
        u.now,
    )
    .await?;
    txn.commit().await?;
    Ok(answer)
}

/// Why `a` may not receive a file now, if it may not.
fn status_problem(a: &application::Model) -> Option<Problem> {
    if a.decision.is_some() {
        Some(Problem::AlreadyDecided)
    } else {
        match a.status {
            ApplicationStatus::Draft => None,
            ApplicationStatus::Submitted => Some(Problem::File(FileProblem::Frozen)),
            ApplicationStatus::Withdrawn => Some(Problem::StatusChanged),
        }
    }
}

/// Stores the bytes as application `application_id`'s answer to question
/// `question_id` (the earlier file of that answer goes), in the caller's
/// transaction, and returns the answer's value.
async fn put(
    txn: &impl ConnectionTrait,
    application_id: i32,
    question_id: i32,
    uploaded_name: &str,
    kind: FileType,
    bytes: Vec<u8>,
    now: DateTime<Utc>,
) -> Result<FileAnswer, DbErr> {
    answer_file::Entity::delete_many()
        .filter(answer_file::Column::ApplicationId.eq(application_id))
        .filter(answer_file::Column::QuestionId.eq(question_id))
        .exec(txn)
        .await?;
    let name = safe_name(uploaded_name, kind);
    let size = i64::try_from(bytes.len()).unwrap_or(i64::MAX);
    let sha256 = hex(&Sha256::digest(&bytes));
    let row = answer_file::ActiveModel {
        application_id: Set(application_id),
        question_id: Set(question_id),
        name: Set(name.clone()),
        kind: Set(kind),
        size: Set(size),
        sha256: Set(sha256),
        content: Set(bytes),
        uploaded_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let answer = FileAnswer {
        id: row.id,
        size,
        kind,
        name,
    };
    application_answer::Entity::delete_many()
        .filter(application_answer::Column::ApplicationId.eq(application_id))
        .filter(application_answer::Column::QuestionId.eq(question_id))
        .exec(txn)
        .await?;
    application_answer::ActiveModel {
        application_id: Set(application_id),
        question_id: Set(question_id),
        value: Set(answer.encode()),
    }
    .insert(txn)
    .await?;
    Ok(answer)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The files application `application_id` holds, as answer values by
/// question id (what a form's answers are completed with).
pub async fn answer_values(
    db: &impl ConnectionTrait,
    application_id: i32,
) -> Result<BTreeMap<i32, String>, DbErr> {
    Ok(listed(db, &[application_id])
        .await?
        .into_iter()
        .map(|f| {
            let answer = FileAnswer {
                id: f.id,
                size: f.size,
                kind: f.kind,
                name: f.name,
            };
            (f.question_id, answer.encode())
        })
        .collect())
}

/// The files of applications `ids`, without their bytes.
pub async fn listed(
    db: &impl ConnectionTrait,
    ids: &[i32],
) -> Result<Vec<answer_file::Model>, DbErr> {
    use answer_file::Column as C;
    let rows = answer_file::Entity::find()
        .select_only()
        .columns([
            C::Id,
            C::ApplicationId,
            C::QuestionId,
            C::Name,
            C::Kind,
            C::Size,
            C::Sha256,
            C::UploadedAt,
        ])
        .filter(C::ApplicationId.is_in(ids.to_vec()))
        .into_tuple::<(i32, i32, i32, String, FileType, i64, String, DateTime<Utc>)>()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, application_id, question_id, name, kind, size, sha256, uploaded_at)| {
                answer_file::Model {
                    id,
                    application_id,
                    question_id,
                    name,
                    kind,
                    size,
                    sha256,
                    content: Vec::new(),
                    uploaded_at,
                }
            },
        )
        .collect())
}

/// Removes the files of applications `ids` (account deletion and the
/// retention purge, through `erase_personal`).
pub async fn erase(db: &impl ConnectionTrait, ids: &[i32]) -> Result<(), DbErr> {
    answer_file::Entity::delete_many()
        .filter(answer_file::Column::ApplicationId.is_in(ids.to_vec()))
        .exec(db)
        .await?;
    Ok(())
}

/// Removes the files answering question `question_id` (it no longer takes
/// a file).
pub async fn drop_for_question(db: &impl ConnectionTrait, question_id: i32) -> Result<(), DbErr> {
    answer_file::Entity::delete_many()
        .filter(answer_file::Column::QuestionId.eq(question_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Moves a draft's files to the questions of a new version that replaced
/// theirs (`moved`: old id → new id); a file whose question is gone goes.
pub async fn move_to_questions(
    db: &impl ConnectionTrait,
    application_id: i32,
    moved: &HashMap<i32, i32>,
) -> Result<(), DbErr> {
    for f in listed(db, &[application_id]).await? {
        match moved.get(&f.question_id) {
            Some(&to) => {
                answer_file::ActiveModel {
                    id: Set(f.id),
                    question_id: Set(to),
                    ..Default::default()
                }
                .update(db)
                .await?;
            }
            None => {
                answer_file::Entity::delete_by_id(f.id).exec(db).await?;
            }
        }
    }
    Ok(())
}

/// A file as its download sends it.
pub struct Download {
    /// The name it is sent under.
    pub name: String,
    /// Its type.
    pub kind: FileType,
    /// The bytes.
    pub content: Vec<u8>,
}

/// File `id` for `actor`, if they may read its application: the applicant
/// themself; once it was submitted, whoever opens it at the track's
/// selection meeting (`domain::review::meeting::opens`): the organisers of
/// its programme and administrators, the track's lecturers, and the
/// reviewers assigned to it, the last two under a name that does not tell
/// who sent it. Anyone else finds nothing, exactly as for a file that does
/// not exist.
pub async fn download(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i32,
) -> Result<Option<Download>, DbErr> {
    let Some(f) = answer_file::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let Some(app) = application::Entity::find_by_id(f.application_id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let name = if app.account_id == actor.account_id {
        Some(f.name)
    } else if app.submitted_at.is_none() {
        None
    } else if let Some(place) =
        crate::store::catalogue::track_ctx::track_by_id(db, app.track_id).await?
    {
        match meeting_role(actor, place.programme.id, place.track.id) {
            Some(MeetingRole::Organiser) => Some(f.name),
            Some(role) => {
                let own = if assigned(db, actor, &place, app.id).await? {
                    OwnReview::Pending
                } else {
                    OwnReview::NotAssigned
                };
                opens(role, own).then(|| anonymous_name(f.id, f.kind))
            }
            None => None,
        }
    } else {
        None
    };
    Ok(name.map(|name| Download {
        name,
        kind: f.kind,
        content: f.content,
    }))
}

/// Whether `actor` reviews the track and is assigned application `app_id`.
async fn assigned(
    db: &impl ConnectionTrait,
    actor: &Actor,
    place: &TrackCtx,
    app_id: i32,
) -> Result<bool, DbErr> {
    let scope = Scope::Track {
        programme: place.programme.id,
        track: place.track.id,
    };
    if can(Some(actor), Action::Review, scope).is_err() {
        return Ok(false);
    }
    Ok(review_assignment::Entity::find()
        .filter(review_assignment::Column::ApplicationId.eq(app_id))
        .filter(review_assignment::Column::ReviewerId.eq(actor.account_id))
        .one(db)
        .await?
        .is_some())
}
