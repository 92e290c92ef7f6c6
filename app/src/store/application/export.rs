//! A person's applications in "download my data", and what deleting their
//! account does to them: drafts go; the others stay as anonymous rows
//! (reviews and decisions refer to them) without answers, submitted
//! versions' answers, working drafts, personal fields or guardian requests.

use super::super::entities::{
    application, application_answer, application_draft, application_submission, guardian_consent,
    question,
};
use crate::domain::application::ApplicationStatus;
use crate::domain::application::form::{ExportedApplication, ExportedDraft, ExportedFile};
use crate::store::catalogue::track_ctx::track_by_id;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// Every application of `account_id`, with answers and versions.
pub async fn applications_of(
    db: &impl ConnectionTrait,
    account_id: i32,
) -> Result<Vec<ExportedApplication>, DbErr> {
    let rows = application::Entity::find()
        .filter(application::Column::AccountId.eq(account_id))
        .order_by_asc(application::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for a in rows {
        let track = match track_by_id(db, a.track_id).await? {
            Some(p) => format!("{}/{}/{}", p.programme.slug, p.cohort.slug, p.track.slug),
            None => String::new(),
        };
        let prompts: HashMap<i32, String> = question::Entity::find()
            .filter(question::Column::QuestionSetId.eq(a.question_set_id))
            .all(db)
            .await?
            .into_iter()
            .map(|q| (q.id, q.prompt_ja))
            .collect();
        let prompted = |answers: std::collections::BTreeMap<i32, String>| {
            answers
                .into_iter()
                .map(|(q, v)| (prompts.get(&q).cloned().unwrap_or_default(), v))
                .collect::<Vec<_>>()
        };
        let answers = prompted(super::answers_of(db, a.id).await?);
        let unsubmitted_changes =
            super::pending::working_draft_of(db, a.id)
                .await?
                .map(|d| ExportedDraft {
                    saved_at: d.updated_at,
                    answers: prompted(super::pending::answers_of_draft(&d)),
                    birth_date: d.birth_date,
                    affiliation: d.affiliation,
                    prefecture: d.prefecture.map(|p| p.as_str().to_string()),
                    expertise: d.expertise,
                    mentors: d.mentors,
                    guardian_name: d.guardian_name,
                    guardian_email: d.guardian_email,
                });
        let submissions = application_submission::Entity::find()
            .filter(application_submission::Column::ApplicationId.eq(a.id))
            .order_by_asc(application_submission::Column::Number)
            .all(db)
            .await?
            .into_iter()
            .map(|s| (s.submitted_at, s.answers))
            .collect();
        let files = super::files::listed(db, &[a.id])
            .await?
            .into_iter()
            .map(|f| ExportedFile {
                question: prompts.get(&f.question_id).cloned().unwrap_or_default(),
                name: f.name,
                kind: f.kind.as_str().to_string(),
                size: f.size,
                sha256: f.sha256,
                uploaded_at: f.uploaded_at,
            })
            .collect();
        out.push(ExportedApplication {
            id: a.id,
            track,
            status: a.status.as_str().to_string(),
            created_at: a.created_at,
            submitted_at: a.submitted_at,
            birth_date: a.birth_date,
            affiliation: a.affiliation,
            prefecture: a.prefecture.map(|p| p.as_str().to_string()),
            expertise: a.expertise,
            mentors: a.mentors,
            guardian_name: a.guardian_name,
            guardian_email: a.guardian_email,
            answers,
            submissions,
            decision: a
                .decision
                .filter(|_| a.released_at.is_some())
                .map(|d| d.as_str().to_string()),
            unsubmitted_changes,
            files,
        });
    }
    Ok(out)
}

/// Deletes `account_id`'s drafts and strips the rest to anonymous rows,
/// and deletes the eligibility refusals recorded about them (those hang on
/// the person, not on an application). Runs in the account deletion's
/// transaction.
pub async fn forget_applications(db: &impl ConnectionTrait, account_id: i32) -> Result<(), DbErr> {
    use application::Column as C;
    let mine: Vec<i32> = application::Entity::find()
        .filter(C::AccountId.eq(account_id))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.id)
        .collect();
    application::Entity::delete_many()
        .filter(C::AccountId.eq(account_id))
        .filter(C::Status.eq(ApplicationStatus::Draft))
        .exec(db)
        .await?;
    super::refusals::forget(db, account_id).await?;
    erase_personal(db, &mine).await
}

/// Clears what applications `ids` hold about their applicant: answers,
/// uploaded files, working drafts, guardian consents, the answers of submitted versions and
/// the personal fields of the rows. The rows, their decisions and scores
/// stay, so a programme's counts still hold. Used by account deletion and
/// by the retention purge, so both forget the same things.
pub async fn erase_personal(db: &impl ConnectionTrait, ids: &[i32]) -> Result<(), DbErr> {
    use application::Column as C;
    super::files::erase(db, ids).await?;
    application_answer::Entity::delete_many()
        .filter(application_answer::Column::ApplicationId.is_in(ids.to_vec()))
        .exec(db)
        .await?;
    application_draft::Entity::delete_many()
        .filter(application_draft::Column::ApplicationId.is_in(ids.to_vec()))
        .exec(db)
        .await?;
    guardian_consent::Entity::delete_many()
        .filter(guardian_consent::Column::ApplicationId.is_in(ids.to_vec()))
        .exec(db)
        .await?;
    application_submission::Entity::update_many()
        .col_expr(application_submission::Column::Answers, Expr::value("{}"))
        .filter(application_submission::Column::ApplicationId.is_in(ids.to_vec()))
        .exec(db)
        .await?;
    application::Entity::update_many()
        .col_expr(C::BirthDate, Expr::value(None::<chrono::NaiveDate>))
        .col_expr(C::Affiliation, Expr::value(""))
        .col_expr(C::Prefecture, Expr::value(None::<String>))
        .col_expr(C::Expertise, Expr::value(""))
        .col_expr(C::Mentors, Expr::value(""))
        .col_expr(C::GuardianName, Expr::value(""))
        .col_expr(C::GuardianEmail, Expr::value(""))
        .filter(C::Id.is_in(ids.to_vec()))
        .exec(db)
        .await?;
    Ok(())
}
