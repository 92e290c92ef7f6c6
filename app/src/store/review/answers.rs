//! The organisers' answers CSV of a track: every submitted application's
//! latest submission, under the questions of the version it answered.

use crate::domain::application::ApplicationStatus;
use crate::domain::lang::{Lang, Localized};
use crate::domain::review::answers::{AnswerColumn, AnswerLine, csv_header, csv_record};
use crate::domain::spreadsheet::Csv;
use crate::store::application::questions::questions_of;
use crate::store::catalogue::track_ctx::TrackCtx;
use crate::store::entities::{account, application, application_submission, question_set};
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use std::collections::{BTreeMap, HashMap};

/// The CSV text in `lang`: one record per submitted (not withdrawn)
/// application of the track, by application number.
pub async fn answers_csv(
    db: &impl ConnectionTrait,
    ctx: &TrackCtx,
    lang: Lang,
) -> Result<String, DbErr> {
    // Subqueries rather than lists of ids: a track may hold thousands.
    let submitted = Query::select()
        .column(application::Column::Id)
        .from(application::Entity)
        .and_where(application::Column::TrackId.eq(ctx.track.id))
        .and_where(application::Column::Status.eq(ApplicationStatus::Submitted))
        .to_owned();
    let mut latest: BTreeMap<i32, application_submission::Model> = BTreeMap::new();
    for s in application_submission::Entity::find()
        .filter(application_submission::Column::ApplicationId.in_subquery(submitted.clone()))
        .order_by_asc(application_submission::Column::Number)
        .all(db)
        .await?
    {
        latest.insert(s.application_id, s);
    }
    let applicants = Query::select()
        .column(application::Column::AccountId)
        .from(application::Entity)
        .and_where(application::Column::TrackId.eq(ctx.track.id))
        .to_owned();
    let people: HashMap<i32, account::Model> = account::Entity::find()
        .filter(account::Column::Id.in_subquery(applicants))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let owners: HashMap<i32, i32> = application::Entity::find()
        .filter(application::Column::Id.in_subquery(submitted))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.account_id))
        .collect();
    let versions = versions(db, ctx.track.id).await?;
    let columns = columns(db, &versions, latest.values()).await?;
    let mut w = Csv::new();
    w.row(csv_header(&columns, lang));
    for s in latest.values() {
        let person = owners.get(&s.application_id).and_then(|id| people.get(id));
        let line = AnswerLine {
            application_id: s.application_id,
            name: person
                .map(|p| Localized::new(&p.name_ja, &p.name_en))
                .unwrap_or_default(),
            email: person.and_then(|p| p.email.clone()).unwrap_or_default(),
            submitted_at: s.submitted_at,
            version: versions
                .get(&s.question_set_id)
                .copied()
                .unwrap_or_default(),
            answers: stored_answers(&s.answers),
        };
        w.row(csv_record(&line, &columns, lang));
    }
    Ok(w.finish())
}

/// The version number of each of the track's question sets, by set id.
async fn versions(db: &impl ConnectionTrait, track_id: i32) -> Result<HashMap<i32, i32>, DbErr> {
    Ok(question_set::Entity::find()
        .filter(question_set::Column::TrackId.eq(track_id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.version))
        .collect())
}

/// The questions of every version some submission answered, oldest
/// version first, each in its form's order.
async fn columns(
    db: &impl ConnectionTrait,
    versions: &HashMap<i32, i32>,
    submissions: impl Iterator<Item = &application_submission::Model>,
) -> Result<Vec<AnswerColumn>, DbErr> {
    let mut answered: Vec<(i32, i32)> = submissions
        .filter_map(|s| {
            versions
                .get(&s.question_set_id)
                .map(|v| (*v, s.question_set_id))
        })
        .collect();
    answered.sort_unstable();
    answered.dedup();
    let mut out = Vec::new();
    for (version, set) in answered {
        out.extend(
            questions_of(db, set)
                .await?
                .into_iter()
                .map(|question| AnswerColumn { version, question }),
        );
    }
    Ok(out)
}

/// A submission's answers (a JSON object of question id → text) by
/// question id; anything unreadable is left out.
fn stored_answers(json: &str) -> BTreeMap<i32, String> {
    let values: HashMap<String, serde_json::Value> = serde_json::from_str(json).unwrap_or_default();
    values
        .into_iter()
        .filter_map(|(id, v)| {
            let text = match v {
                serde_json::Value::String(s) => s,
                serde_json::Value::Null => return None,
                other => other.to_string(),
            };
            Some((id.parse().ok()?, text))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_answers_are_read_by_question_id() {
        assert_eq!(
            stored_answers(r#"{"12":"=1+1","3":"0,2","x":"skip","4":null}"#),
            BTreeMap::from([(3, "0,2".to_string()), (12, "=1+1".to_string())])
        );
        assert!(stored_answers("not json").is_empty());
    }
}
