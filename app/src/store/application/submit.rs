//! Submitting an application: the deadline, every answer and eligibility
//! rule checked first, then the version kept, the receipt queued and, for
//! a minor, the guardian asked, in one transaction. A refusal writes
//! nothing of the form; the eligibility rules that refused it are recorded
//! for the dashboard in their own statement (`super::refusals`), after
//! the transaction is gone, so the saved draft stays exactly as it was.

use super::super::entities::{account, application, application_submission, track};
use super::super::outbox::{enqueue_for_account, mail_limit};
use super::{
    Refusal, Save, Saved, answers_of, application_of, guardian, one, own_guardian, questions_for,
    refusals, rules, write,
};
use crate::domain::application::eligibility::Applicant;
use crate::domain::application::files::with_stored_files;
use crate::domain::application::form::guardian_problems;
use crate::domain::application::questions::submission_problems;
use crate::domain::application::{ApplicationStatus, needs_guardian_consent};
use crate::domain::forms::{FieldError, Problem};
use crate::domain::mail::MailTemplate;
use crate::store::catalogue::track_ctx::TrackCtx;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, Set,
};

/// Takes the write lock on the account's row until the transaction ends.
async fn hold_account(db: &impl ConnectionTrait, account_id: i32) -> Result<(), DbErr> {
    account::Entity::update_many()
        .col_expr(account::Column::Id, Expr::col(account::Column::Id))
        .filter(account::Column::Id.eq(account_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Submitted applications of `account_id` to other tracks of the cohort.
async fn other_submitted(
    db: &impl ConnectionTrait,
    account_id: i32,
    place: &TrackCtx,
) -> Result<i32, DbErr> {
    let tracks: Vec<i32> = track::Entity::find()
        .filter(track::Column::CohortId.eq(place.cohort.id))
        .filter(track::Column::Id.ne(place.track.id))
        .all(db)
        .await?
        .into_iter()
        .map(|t| t.id)
        .collect();
    let n = application::Entity::find()
        .filter(application::Column::AccountId.eq(account_id))
        .filter(application::Column::TrackId.is_in(tracks))
        .filter(application::Column::Status.eq(ApplicationStatus::Submitted))
        .count(db)
        .await?;
    Ok(i32::try_from(n).unwrap_or(i32::MAX))
}

/// Submits (or resubmits) the form: before the deadline, every answer and
/// eligibility rule checked; then the version is kept, the receipt queued
/// and, for a minor, the guardian asked. A refusal writes nothing but the
/// record of the eligibility rules that refused it.
pub async fn submit(
    db: &DatabaseConnection,
    s: Save<'_>,
    public_url: &str,
) -> Result<Saved, Refusal> {
    if !s.place.context(s.now).open {
        return Err(one(Problem::DeadlinePassed, "deadline"));
    }
    let existing = application_of(db, s.account_id, s.place.track.id).await?;
    let asked = questions_for(db, existing.as_ref(), s.place.track.id).await?;
    let rules = rules(db, s.place.programme.id).await?;
    let who = Applicant {
        birth_date: s.profile.birth_date,
        completed: crate::store::alumni::is_alumnus(db, s.account_id, s.place.programme.id).await?,
        other_submitted_in_cohort: other_submitted(db, s.account_id, s.place).await?,
        declarations_accepted: s.profile.declarations_accepted,
        expertise: &s.profile.expertise,
    };
    let mut problems = rules.check(&who, s.place.cohort.sessions_start_at);
    let minor = s
        .profile
        .birth_date
        .is_some_and(|b| needs_guardian_consent(b, s.place.cohort.sessions_start_at));
    if minor {
        problems.extend(guardian_problems(&s.profile));
        problems.extend(
            mail_limit(
                db,
                s.account_id,
                "guardian_email",
                &s.profile.guardian_email,
                s.now,
            )
            .await?
            .err()
            .unwrap_or_default(),
        );
    }
    // Required file questions are answered by the stored files only.
    let stored = match &existing {
        Some(a) => super::files::answer_values(db, a.id).await?,
        None => Default::default(),
    };
    let checked = with_stored_files(&asked, s.answers.clone(), &stored);
    problems.extend(submission_problems(&asked, &checked));
    problems.extend(own_guardian(db, &s).await?);
    if !problems.is_empty() {
        refusals::record_or_log(db, s.account_id, s.place.track.id, &problems, s.now).await;
        return Err(Refusal::Invalid(problems));
    }
    let txn = crate::store::begin_write(db).await?;
    // Two submissions of one person to different tracks at the same moment
    // must not both pass the per-cohort limit: holding the account's row
    // serialises them (SQLite's immediate transaction already does), and
    // the count is taken again under that lock.
    hold_account(&txn, s.account_id).await?;
    let limit = rules.max_applications_per_cohort;
    if other_submitted(&txn, s.account_id, s.place).await? >= limit {
        // Rolled back before recording: on SQLite the record waits for no
        // lock, and nothing of this submission is kept but the reason.
        txn.rollback().await?;
        let problems = vec![FieldError {
            field: "eligibility".into(),
            problem: Problem::TooManyApplications(limit),
        }];
        refusals::record_or_log(db, s.account_id, s.place.track.id, &problems, s.now).await;
        return Err(Refusal::Invalid(problems));
    }
    // A first submission without a saved draft: create it, then submit it.
    let revision = if s.revision == 0 {
        write(&txn, &s, None).await?.revision
    } else {
        s.revision
    };
    let row = write(
        &txn,
        &Save {
            revision,
            ..s.clone()
        },
        Some(s.now),
    )
    .await?;
    crate::store::review::version::ranking_changed(&txn, s.place.track.id).await?;
    let number = application_submission::Entity::find()
        .filter(application_submission::Column::ApplicationId.eq(row.id))
        .count(&txn)
        .await?;
    let snapshot: serde_json::Map<String, serde_json::Value> = answers_of(&txn, row.id)
        .await?
        .into_iter()
        .map(|(k, v)| (k.to_string(), serde_json::Value::String(v)))
        .collect();
    application_submission::ActiveModel {
        application_id: Set(row.id),
        number: Set(i32::try_from(number).unwrap_or(i32::MAX - 1) + 1),
        question_set_id: Set(row.question_set_id),
        answers: Set(serde_json::Value::Object(snapshot).to_string()),
        submitted_at: Set(s.now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let receipt = MailTemplate::ApplicationReceived {
        track: s.place.label(),
        at: s.now,
        deadline: s.place.cohort.applications_close_at,
    };
    enqueue_for_account(
        &txn,
        s.account_id,
        &receipt,
        Some(s.place.programme.id),
        s.now,
    )
    .await?;
    if minor {
        guardian::request_if_needed(&txn, &row, s.place, public_url, s.now).await?;
    }
    txn.commit().await?;
    Ok(Saved {
        revision: row.revision,
        at: s.now,
    })
}
