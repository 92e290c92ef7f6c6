//! The working draft of a submitted application. A submitted application's
//! row and answers hold what its submission checked (eligibility, the
//! guardian, the conflict facts), which reviewers, the consent gate,
//! decisions and organisers read; a draft saved after the submission is
//! kept here instead, and only a resubmission (which runs every check
//! again) moves it into the application.

use super::super::entities::{application, application_draft};
use super::{Refusal, Save, answers_of, draft_of, one, questions};
use crate::domain::application::ApplicationStatus;
use crate::domain::application::form::ApplicationDraft;
use crate::domain::application::questions::Question;
use crate::domain::forms::Problem;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};
use std::collections::BTreeMap;

/// Answers as stored in a working draft: a JSON object by question id.
fn answers_json(answers: &BTreeMap<i32, String>) -> String {
    let map: serde_json::Map<String, serde_json::Value> = answers
        .iter()
        .map(|(k, v)| (k.to_string(), serde_json::Value::String(v.clone())))
        .collect();
    serde_json::Value::Object(map).to_string()
}

/// The answers of a working draft, by question id.
pub fn answers_of_draft(d: &application_draft::Model) -> BTreeMap<i32, String> {
    serde_json::from_str::<BTreeMap<String, String>>(&d.answers)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(k, v)| Some((k.parse().ok()?, v)))
        .collect()
}

/// The working draft of application `application_id`, if one was saved
/// since its last submission.
pub async fn working_draft_of(
    db: &impl ConnectionTrait,
    application_id: i32,
) -> Result<Option<application_draft::Model>, DbErr> {
    application_draft::Entity::find_by_id(application_id)
        .one(db)
        .await
}

/// Saves `s` as the working draft of the submitted application `existing`,
/// under the revision check; the application's checked fields and answers
/// are left as submitted. Joins the caller's transaction.
pub(super) async fn save(
    txn: &impl ConnectionTrait,
    existing: &application::Model,
    s: &Save<'_>,
) -> Result<application::Model, Refusal> {
    use application::Column as C;
    let done = application::Entity::update_many()
        .col_expr(C::Revision, Expr::col(C::Revision).add(1))
        .col_expr(C::UpdatedAt, Expr::value(s.now))
        .filter(C::Id.eq(existing.id))
        .filter(C::Revision.eq(s.revision))
        .filter(C::Decision.is_null())
        .filter(C::Status.eq(ApplicationStatus::Submitted))
        .exec(txn)
        .await?;
    if done.rows_affected == 0 {
        return Err(one(Problem::EditedElsewhere, "revision"));
    }
    let asked = questions::questions_of(txn, existing.question_set_id).await?;
    let answers: BTreeMap<i32, String> = asked
        .iter()
        .filter_map(|q| {
            let v = s.answers.get(&q.id).filter(|v| !v.is_empty())?;
            Some((q.id, v.clone()))
        })
        .collect();
    discard(txn, existing.id).await?;
    let p = &s.profile;
    let e = existing;
    let unchanged = p.birth_date == e.birth_date
        && p.affiliation == e.affiliation
        && p.prefecture == e.prefecture
        && p.expertise == e.expertise
        && p.mentors == e.mentors
        && p.guardian_name == e.guardian_name
        && p.guardian_email == e.guardian_email
        && p.declarations_accepted == e.declarations_accepted
        && answers == answers_of(txn, e.id).await?;
    if unchanged {
        // Saved back to what was submitted: nothing is waiting to be resubmitted.
        return reload(txn, e.id).await;
    }
    application_draft::ActiveModel {
        application_id: Set(existing.id),
        birth_date: Set(p.birth_date),
        affiliation: Set(p.affiliation.clone()),
        prefecture: Set(p.prefecture),
        expertise: Set(p.expertise.clone()),
        mentors: Set(p.mentors.clone()),
        guardian_name: Set(p.guardian_name.clone()),
        guardian_email: Set(p.guardian_email.clone()),
        declarations_accepted: Set(p.declarations_accepted),
        answers: Set(answers_json(&answers)),
        updated_at: Set(s.now),
    }
    .insert(txn)
    .await?;
    reload(txn, existing.id).await
}

/// The application row as it now stands.
async fn reload(txn: &impl ConnectionTrait, id: i32) -> Result<application::Model, Refusal> {
    application::Entity::find_by_id(id)
        .one(txn)
        .await?
        .ok_or_else(|| Refusal::Db(DbErr::RecordNotFound("application".into())))
}

/// Drops the working draft of application `application_id` (once it was
/// resubmitted, or the application withdrawn).
pub(super) async fn discard(db: &impl ConnectionTrait, application_id: i32) -> Result<(), DbErr> {
    application_draft::Entity::delete_many()
        .filter(application_draft::Column::ApplicationId.eq(application_id))
        .exec(db)
        .await?;
    Ok(())
}

/// What the applicant's form shows for application `a`: the working draft
/// saved since its submission, else the application as it stands.
pub async fn form_of(
    db: &impl ConnectionTrait,
    a: &application::Model,
    questions: &[Question],
) -> Result<ApplicationDraft, DbErr> {
    if let Some(d) = working_draft_of(db, a.id).await? {
        let answers = answers_of_draft(&d);
        let shown = application::Model {
            birth_date: d.birth_date,
            affiliation: d.affiliation,
            prefecture: d.prefecture,
            expertise: d.expertise,
            mentors: d.mentors,
            guardian_name: d.guardian_name,
            guardian_email: d.guardian_email,
            declarations_accepted: d.declarations_accepted,
            ..a.clone()
        };
        return Ok(draft_of(&shown, questions, &answers));
    }
    Ok(draft_of(a, questions, &answers_of(db, a.id).await?))
}
