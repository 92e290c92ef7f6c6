//! Applications from the applicant's side: the form's data, draft saves
//! guarded by the revision they were loaded at, submissions (each kept as a
//! version), withdrawal, and "my applications".
//!
//! Once submitted, an application's row and answers hold what the
//! submission checked; a draft saved after that is kept apart (`pending`)
//! and only a resubmission, which runs every check again, replaces them.
//! Reviewers read an application's latest `application_submission`.

pub mod export;
pub mod files;
pub mod guardian;
pub mod pending;
pub mod questions;
pub mod refusals;
pub mod setup;
mod submit;

use super::catalogue::track_ctx::{TrackCtx, track_by_id};
use super::entities::{
    account, application, application_answer, application_submission, eligibility,
};
use crate::domain::application::ApplicationStatus;
use crate::domain::application::eligibility::EligibilityRules;
use crate::domain::application::files::with_stored_files;
use crate::domain::application::form::{
    ApplicationDraft, ApplicationState, MyApplication, Saved, ValidProfile, own_guardian_problem,
};
use crate::domain::application::questions::{Question, QuestionKind, chosen};
use crate::domain::forms::{FieldError, Problem};
use crate::domain::lang::Localized;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set, SqlErr,
};
use std::collections::BTreeMap;

pub use guardian::guardian_consented;
pub use submit::submit;

/// A programme's eligibility rules (the defaults when it has no row).
pub async fn rules(
    db: &impl ConnectionTrait,
    programme_id: i32,
) -> Result<EligibilityRules, DbErr> {
    Ok(eligibility::Entity::find_by_id(programme_id)
        .one(db)
        .await?
        .map(|e| EligibilityRules {
            min_age: e.min_age,
            max_age: e.max_age,
            once_only: e.once_only,
            max_applications_per_cohort: e.max_applications_per_cohort,
            declarations: Localized::new(e.declarations_ja, e.declarations_en),
            ask_expertise: e.ask_expertise,
        })
        .unwrap_or_default())
}

/// One person's application to one track.
pub async fn application_of(
    db: &impl ConnectionTrait,
    account_id: i32,
    track_id: i32,
) -> Result<Option<application::Model>, DbErr> {
    application::Entity::find()
        .filter(application::Column::AccountId.eq(account_id))
        .filter(application::Column::TrackId.eq(track_id))
        .one(db)
        .await
}

/// The application `application_id` if it is `account_id`'s own; another
/// person's is not found, exactly like a missing one.
pub async fn own_application(
    db: &impl ConnectionTrait,
    account_id: i32,
    application_id: i32,
) -> Result<Option<application::Model>, DbErr> {
    Ok(application::Entity::find_by_id(application_id)
        .one(db)
        .await?
        .filter(|a| a.account_id == account_id))
}

/// The stored answers of an application, by question id.
pub async fn answers_of(
    db: &impl ConnectionTrait,
    application_id: i32,
) -> Result<BTreeMap<i32, String>, DbErr> {
    Ok(application_answer::Entity::find()
        .filter(application_answer::Column::ApplicationId.eq(application_id))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.question_id, a.value))
        .collect())
}

/// What the form shows for a saved application.
pub fn draft_of(
    a: &application::Model,
    questions: &[Question],
    answers: &BTreeMap<i32, String>,
) -> ApplicationDraft {
    let mut posted = std::collections::HashMap::new();
    for q in questions {
        let Some(value) = answers.get(&q.id) else {
            continue;
        };
        if q.kind == QuestionKind::File {
            // Shown from the stored file, never posted back.
            continue;
        } else if q.kind == QuestionKind::MultipleChoice {
            for i in chosen(value) {
                posted.insert(format!("{}_c{i}", q.field()), "on".to_string());
            }
        } else {
            posted.insert(q.field(), value.clone());
        }
    }
    ApplicationDraft {
        birth_date: a.birth_date.map(|d| d.to_string()).unwrap_or_default(),
        affiliation: a.affiliation.clone(),
        prefecture: a
            .prefecture
            .map(|p| p.as_str().to_string())
            .unwrap_or_default(),
        expertise: a.expertise.clone(),
        mentors: a.mentors.clone(),
        guardian_name: a.guardian_name.clone(),
        guardian_email: a.guardian_email.clone(),
        declarations: a.declarations_accepted.then(|| "yes".to_string()),
        answers: posted,
    }
}

/// Where an application stands, for its form.
pub async fn state_of(
    db: &impl ConnectionTrait,
    a: &application::Model,
) -> Result<ApplicationState, DbErr> {
    let submissions = application_submission::Entity::find()
        .filter(application_submission::Column::ApplicationId.eq(a.id))
        .count(db)
        .await?;
    Ok(ApplicationState {
        id: a.id,
        status: a.status,
        updated_at: a.updated_at,
        submitted_at: a.submitted_at,
        submissions: i32::try_from(submissions).unwrap_or(i32::MAX),
        unsubmitted_changes: pending::working_draft_of(db, a.id).await?.is_some(),
        guardian: guardian::state(db, a).await?,
    })
}

/// Why a save or submission was refused; nothing was written.
#[derive(Debug)]
pub enum Refusal {
    /// Problems with the form (field by field).
    Invalid(Vec<FieldError>),
    /// The database failed.
    Db(DbErr),
}

impl From<DbErr> for Refusal {
    fn from(e: DbErr) -> Self {
        // Two first saves of one draft in two tabs: the second meets the
        // unique (account, track) index.
        if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) {
            one(Problem::EditedElsewhere, "revision")
        } else {
            Refusal::Db(e)
        }
    }
}

/// A refusal about one field.
pub(super) fn one(problem: Problem, field: &str) -> Refusal {
    Refusal::Invalid(vec![FieldError {
        field: field.into(),
        problem,
    }])
}

/// A save of the form: who, where, the revision it was loaded at, and what it holds.
#[derive(Clone)]
pub struct Save<'a> {
    /// The applicant.
    pub account_id: i32,
    /// The track.
    pub place: &'a TrackCtx,
    /// The revision the form was loaded at (0 for a new application).
    pub revision: i32,
    /// The profile fields.
    pub profile: ValidProfile,
    /// The answers, by question id.
    pub answers: BTreeMap<i32, String>,
    /// Now (server clock).
    pub now: DateTime<Utc>,
}

/// The problem with a profile that names the applicant as their own
/// guardian, if it does.
pub(super) async fn own_guardian(
    db: &impl ConnectionTrait,
    s: &Save<'_>,
) -> Result<Option<FieldError>, DbErr> {
    if s.profile.guardian_email.is_empty() {
        return Ok(None);
    }
    let own = account::Entity::find_by_id(s.account_id)
        .one(db)
        .await?
        .and_then(|a| a.email)
        .unwrap_or_default();
    Ok(own_guardian_problem(&s.profile, &own))
}

/// Saves the form as a draft. A submitted application stays as it was
/// submitted (and checked): the save becomes its working draft, which
/// counts only once resubmitted.
pub async fn save_draft(db: &DatabaseConnection, s: Save<'_>) -> Result<Saved, Refusal> {
    if !s.place.context(s.now).open {
        return Err(one(Problem::DeadlinePassed, "deadline"));
    }
    if let Some(problem) = own_guardian(db, &s).await? {
        return Err(Refusal::Invalid(vec![problem]));
    }
    let txn = crate::store::begin_write(db).await?;
    let row = write(&txn, &s, None).await?;
    txn.commit().await?;
    Ok(Saved {
        revision: row.revision,
        at: s.now,
    })
}

/// Writes the form under the revision check: inserts the application at
/// revision 1 when `s.revision` is 0, else a conditional UPDATE that only
/// matches the revision the form was loaded at. `submit` marks it submitted
/// (and drops its working draft); without it, a submitted application's
/// fields are never written: the save goes to its working draft.
pub(super) async fn write(
    txn: &impl ConnectionTrait,
    s: &Save<'_>,
    submit: Option<DateTime<Utc>>,
) -> Result<application::Model, Refusal> {
    use application::Column as C;
    let p = &s.profile;
    let id = if s.revision == 0 {
        let set = questions::ensure_current_set(txn, s.place.track.id, s.now).await?;
        let row = application::ActiveModel {
            track_id: Set(s.place.track.id),
            account_id: Set(s.account_id),
            status: Set(ApplicationStatus::Draft),
            question_set_id: Set(set.id),
            revision: Set(1),
            birth_date: Set(p.birth_date),
            affiliation: Set(p.affiliation.clone()),
            prefecture: Set(p.prefecture),
            expertise: Set(p.expertise.clone()),
            mentors: Set(p.mentors.clone()),
            guardian_name: Set(p.guardian_name.clone()),
            guardian_email: Set(p.guardian_email.clone()),
            declarations_accepted: Set(p.declarations_accepted),
            created_at: Set(s.now),
            updated_at: Set(s.now),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        row.id
    } else {
        let Some(existing) = application_of(txn, s.account_id, s.place.track.id).await? else {
            return Err(one(Problem::EditedElsewhere, "revision"));
        };
        if existing.status == ApplicationStatus::Withdrawn {
            return Err(one(Problem::StatusChanged, "revision"));
        }
        // A decision was made on what was submitted: changing it now
        // would make the decision rest on facts nobody decided on.
        if existing.decision.is_some() {
            return Err(one(Problem::AlreadyDecided, "revision"));
        }
        if submit.is_none() && existing.status == ApplicationStatus::Submitted {
            return pending::save(txn, &existing, s).await;
        }
        let mut update = application::Entity::update_many()
            .col_expr(C::Revision, Expr::col(C::Revision).add(1))
            .col_expr(C::BirthDate, Expr::value(p.birth_date))
            .col_expr(C::Affiliation, Expr::value(p.affiliation.clone()))
            .col_expr(C::Prefecture, Expr::value(p.prefecture.map(|p| p.as_str())))
            .col_expr(C::Expertise, Expr::value(p.expertise.clone()))
            .col_expr(C::Mentors, Expr::value(p.mentors.clone()))
            .col_expr(C::GuardianName, Expr::value(p.guardian_name.clone()))
            .col_expr(C::GuardianEmail, Expr::value(p.guardian_email.clone()))
            .col_expr(
                C::DeclarationsAccepted,
                Expr::value(p.declarations_accepted),
            )
            .col_expr(C::UpdatedAt, Expr::value(s.now));
        if let Some(at) = submit {
            update = update
                .col_expr(C::Status, Expr::value(ApplicationStatus::Submitted))
                .col_expr(C::SubmittedAt, Expr::value(Some(at)));
        } else {
            // Only a draft's fields are a draft save's to write (a
            // submission between the read above and here bumped the
            // revision, so this is also what the revision check ensures).
            update = update.filter(C::Status.eq(ApplicationStatus::Draft));
        }
        let done = update
            .filter(C::Id.eq(existing.id))
            .filter(C::Revision.eq(s.revision))
            .filter(C::Decision.is_null())
            .filter(C::Status.ne(ApplicationStatus::Withdrawn))
            .exec(txn)
            .await?;
        if done.rows_affected == 0 {
            return Err(one(Problem::EditedElsewhere, "revision"));
        }
        existing.id
    };
    let row = application::Entity::find_by_id(id)
        .one(txn)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("application".into()))?;
    if submit.is_some() {
        pending::discard(txn, id).await?;
    }
    let asked = questions::questions_of(txn, row.question_set_id).await?;
    // File answers are the stored files', whatever the form posted.
    let stored = files::answer_values(txn, id).await?;
    let answers = with_stored_files(&asked, s.answers.clone(), &stored);
    application_answer::Entity::delete_many()
        .filter(application_answer::Column::ApplicationId.eq(id))
        .exec(txn)
        .await?;
    for q in &asked {
        let value = answers.get(&q.id).cloned().unwrap_or_default();
        if value.is_empty() {
            continue;
        }
        application_answer::ActiveModel {
            application_id: Set(id),
            question_id: Set(q.id),
            value: Set(value),
        }
        .insert(txn)
        .await?;
    }
    Ok(row)
}

/// The questions an application answers (the current set before it exists).
pub async fn questions_for(
    db: &impl ConnectionTrait,
    existing: Option<&application::Model>,
    track_id: i32,
) -> Result<Vec<Question>, DbErr> {
    match existing {
        Some(a) => questions::questions_of(db, a.question_set_id).await,
        None => match questions::current_set(db, track_id).await? {
            Some(set) => questions::questions_of(db, set.id).await,
            None => Ok(Vec::new()),
        },
    }
}

/// Marks `account_id`'s application `id` withdrawn, in the caller's
/// transaction; `false` when there is no such application of theirs (or it
/// is withdrawn already). Whoever calls it frees the place the application
/// held: [`crate::store::review::offer::withdraw`] for the applicant,
/// [`crate::store::review::offer::remove_participant`] for an organiser.
pub(crate) async fn mark_withdrawn(
    db: &impl ConnectionTrait,
    account_id: i32,
    id: i32,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    use application::Column as C;
    let done = application::Entity::update_many()
        .col_expr(C::Status, Expr::value(ApplicationStatus::Withdrawn))
        .col_expr(C::WithdrawnAt, Expr::value(Some(now)))
        .col_expr(C::UpdatedAt, Expr::value(now))
        .col_expr(C::Revision, Expr::col(C::Revision).add(1))
        .filter(C::Id.eq(id))
        .filter(C::AccountId.eq(account_id))
        .filter(C::Status.ne(ApplicationStatus::Withdrawn))
        .exec(db)
        .await?;
    if done.rows_affected != 1 {
        return Ok(false);
    }
    if let Some(a) = application::Entity::find_by_id(id).one(db).await? {
        crate::store::review::version::ranking_changed(db, a.track_id).await?;
    }
    Ok(true)
}

/// The applications of `account_id`, newest first; decisions and offers
/// only once released.
pub async fn my_applications(
    db: &impl ConnectionTrait,
    account_id: i32,
    now: DateTime<Utc>,
) -> Result<Vec<MyApplication>, DbErr> {
    let rows = application::Entity::find()
        .filter(application::Column::AccountId.eq(account_id))
        .order_by_desc(application::Column::CreatedAt)
        .order_by_desc(application::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for a in rows {
        let Some(place) = track_by_id(db, a.track_id).await? else {
            continue;
        };
        let released = a.released_at.is_some();
        out.push(MyApplication {
            id: a.id,
            track: place.context(now),
            status: a.status,
            decision: a.decision.filter(|_| released),
            offer: a.offer_status.filter(|_| released),
        });
    }
    Ok(out)
}
