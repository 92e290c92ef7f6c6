//! The meeting's search text of each application of a track: the answers
//! of its latest submission, normalised as the alumni directory's text is
//! (NFKC, lower case), so that Japanese is found as a substring and full-
//! and half-width spellings find each other. Names and addresses are never
//! part of it: a search must not find an anonymised applicant by name.
//!
//! Computed once per ranking version, like the ranking itself
//! ([`super::super::cache`]): the answers change only through a submission
//! or a withdrawal, and both replace the version. One request computes it
//! after a change; the others asking for the same track wait for it.

use super::super::version::version;
use crate::domain::alumni::search::normalise;
use crate::domain::application::ApplicationStatus;
use crate::store::entities::{application, application_submission};
use sea_orm::sea_query::Query;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

/// Application → its normalised answer text.
pub type Texts = HashMap<i32, String>;

/// Track → its texts with the ranking version they were read at.
type Cache = HashMap<i32, (i64, Arc<Texts>)>;

/// Each track's texts, as [`Cache`].
static CACHE: LazyLock<Mutex<Cache>> = LazyLock::new(|| Mutex::new(HashMap::new()));

/// One gate per track: whoever holds it is reading that track's texts.
static READING: LazyLock<Mutex<HashMap<i32, Arc<tokio::sync::Mutex<()>>>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

fn cached(track: i32, version: i64) -> Option<Arc<Texts>> {
    let cache = CACHE.lock().ok()?;
    let (v, t) = cache.get(&track)?;
    (*v == version).then(|| t.clone())
}

fn gate(track: i32) -> Arc<tokio::sync::Mutex<()>> {
    match READING.lock() {
        Ok(mut gates) => gates.entry(track).or_default().clone(),
        // A poisoned map only loses the sharing, never the answer.
        Err(_) => Arc::default(),
    }
}

/// Every string held in a stored answer (choices are lists of strings).
fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(xs) => xs.iter().for_each(|x| strings(x, out)),
        _ => {}
    }
}

/// The normalised text of a submission's stored answers (a JSON object of
/// question id → answer; anything unreadable counts as no answer).
pub fn answer_text(stored: &str) -> String {
    let values: HashMap<String, serde_json::Value> =
        serde_json::from_str(stored).unwrap_or_default();
    let mut parts = Vec::new();
    for v in values.values() {
        strings(v, &mut parts);
    }
    // A separator no query term holds, so terms never match across answers.
    normalise(&parts.join(" \u{1f} "))
}

/// Reads every submitted application's latest answers (one query).
async fn read(db: &impl ConnectionTrait, track_id: i32) -> Result<Texts, DbErr> {
    let submitted = Query::select()
        .column(application::Column::Id)
        .from(application::Entity)
        .and_where(application::Column::TrackId.eq(track_id))
        .and_where(application::Column::Status.eq(ApplicationStatus::Submitted))
        .to_owned();
    let rows: Vec<(i32, String)> = application_submission::Entity::find()
        .select_only()
        .column(application_submission::Column::ApplicationId)
        .column(application_submission::Column::Answers)
        .filter(application_submission::Column::ApplicationId.in_subquery(submitted))
        .order_by_asc(application_submission::Column::Number)
        .into_tuple()
        .all(db)
        .await?;
    // Later submissions come last and replace earlier ones.
    let mut out = Texts::new();
    for (id, answers) in rows {
        out.insert(id, answer_text(&answers));
    }
    Ok(out)
}

/// The track's search texts, from the cache while the ranking version holds.
pub async fn texts(db: &impl ConnectionTrait, track_id: i32) -> Result<Arc<Texts>, DbErr> {
    let now = version(db, track_id).await?;
    if let Some(hit) = cached(track_id, now) {
        return Ok(hit);
    }
    let gate = gate(track_id);
    let _turn = gate.lock().await;
    let now = version(db, track_id).await?;
    if let Some(hit) = cached(track_id, now) {
        return Ok(hit);
    }
    let texts = Arc::new(read(db, track_id).await?);
    if let Ok(mut cache) = CACHE.lock() {
        cache.insert(track_id, (now, texts.clone()));
    }
    Ok(texts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_searchable_text_and_garbage_is_none() {
        let t = answer_text(r#"{"1":"ＣＴＦで暗号","2":["Web","ｾｷｭﾘﾃｨ"],"3":null}"#);
        assert!(t.contains("ctfで暗号"), "{t}");
        assert!(t.contains("web"), "{t}");
        assert!(t.contains("セキュリティ"), "{t}");
        assert_eq!(answer_text("not json"), "");
    }
}
