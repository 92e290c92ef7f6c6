//! Writes to the catalogue by organisers, each with its audit event in the
//! same transaction: a change and its record stand or fall together.

use crate::domain::catalogue::edit::{CohortDraft, TrackDraft, ValidCohort, ValidTrack};
use crate::domain::catalogue::{Field, TrackVector};
use crate::domain::lang::Localized;
use crate::domain::time::to_jst_input;
use crate::store::audit::{AuditEntry, append_audit};
use crate::store::entities::{cohort, field, track};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set, SqlErr,
};

/// Why a save did not happen.
#[derive(Debug)]
pub enum SaveError {
    /// The slug is taken within its parent.
    SlugTaken,
    /// The named field does not exist.
    UnknownField,
    /// A rule that needs the other records refuses the save: the form
    /// field it concerns, and why.
    Refused(&'static str, crate::domain::forms::Problem),
    /// The database failed.
    Db(DbErr),
}

impl From<DbErr> for SaveError {
    fn from(e: DbErr) -> Self {
        if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) {
            SaveError::SlugTaken
        } else {
            SaveError::Db(e)
        }
    }
}

/// Every field, by Japanese name order of creation.
pub async fn all_fields(db: &impl ConnectionTrait) -> Result<Vec<Field>, DbErr> {
    Ok(field::Entity::find()
        .order_by_asc(field::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|f| Field {
            slug: f.slug,
            name: Localized::new(f.name_ja, f.name_en),
        })
        .collect())
}

/// The cohort form filled with a saved cohort.
pub fn cohort_draft(c: &cohort::Model) -> CohortDraft {
    CohortDraft {
        slug: c.slug.clone(),
        title_ja: c.title_ja.clone(),
        title_en: c.title_en.clone(),
        venue_ja: c.venue_ja.clone(),
        venue_en: c.venue_en.clone(),
        applications_open_at: to_jst_input(c.applications_open_at),
        applications_close_at: to_jst_input(c.applications_close_at),
        sessions_start_at: to_jst_input(c.sessions_start_at),
        sessions_end_at: to_jst_input(c.sessions_end_at),
    }
}

/// The track form filled with a saved track.
pub async fn track_draft(db: &impl ConnectionTrait, t: &track::Model) -> Result<TrackDraft, DbErr> {
    let field = match t.field_id {
        Some(id) => field::Entity::find_by_id(id).one(db).await?.map(|f| f.slug),
        None => None,
    };
    Ok(TrackDraft {
        slug: t.slug.clone(),
        name_ja: t.name_ja.clone(),
        name_en: t.name_en.clone(),
        summary_ja: t.summary_ja.clone(),
        summary_en: t.summary_en.clone(),
        description_ja: t.description_ja.clone(),
        description_en: t.description_en.clone(),
        vector: t
            .vector
            .map(TrackVector::as_str)
            .unwrap_or_default()
            .to_string(),
        field: field.unwrap_or_default(),
        dss_role_ja: t.dss_role_ja.clone().unwrap_or_default(),
        dss_role_en: t.dss_role_en.clone().unwrap_or_default(),
        capacity: t.capacity.to_string(),
        lecturer_target: t.lecturer_target.to_string(),
        tutor_target: t.tutor_target.to_string(),
    })
}

/// Who saves, and when.
#[derive(Clone, Copy, Debug)]
pub struct Editor {
    /// The organiser's account.
    pub account_id: i32,
    /// The programme the record belongs to.
    pub programme_id: i32,
    /// Now.
    pub now: DateTime<Utc>,
}

fn changed<T: PartialEq>(names: &mut Vec<&'static str>, name: &'static str, old: &T, new: &T) {
    if old != new {
        names.push(name);
    }
}

/// Appends the audit event of a save and commits it with the change.
async fn record(
    txn: sea_orm::DatabaseTransaction,
    editor: Editor,
    action: &str,
    entity: &str,
    id: i32,
    summary: String,
) -> Result<(), SaveError> {
    let entry = AuditEntry {
        actor_id: Some(editor.account_id),
        action,
        entity,
        entity_id: id.to_string(),
        programme_id: Some(editor.programme_id),
        summary,
    };
    append_audit(&txn, entry, editor.now).await?;
    txn.commit().await?;
    Ok(())
}

/// Creates (`existing` is `None`) or updates a cohort, and records it.
pub async fn save_cohort(
    db: &DatabaseConnection,
    editor: Editor,
    existing: Option<cohort::Model>,
    v: &ValidCohort,
) -> Result<(), SaveError> {
    let txn = crate::store::begin_write(db).await?;
    let mut row = match &existing {
        Some(c) => c.clone().into(),
        None => cohort::ActiveModel {
            programme_id: Set(editor.programme_id),
            ..Default::default()
        },
    };
    row.slug = Set(v.slug.clone());
    row.title_ja = Set(v.title.ja.clone());
    row.title_en = Set(v.title.en.clone());
    row.venue_ja = Set(v.venue.ja.clone());
    row.venue_en = Set(v.venue.en.clone());
    row.applications_open_at = Set(v.schedule.applications_open_at);
    row.applications_close_at = Set(v.schedule.applications_close_at);
    row.sessions_start_at = Set(v.schedule.sessions_start_at);
    row.sessions_end_at = Set(v.schedule.sessions_end_at);
    let (saved, action, summary) = match existing {
        None => {
            let saved = row.insert(&txn).await?;
            let summary = format!("created cohort {} ({})", v.slug, v.title.ja);
            (saved, "cohort.create", summary)
        }
        Some(old) => {
            let mut names = Vec::new();
            changed(&mut names, "slug", &old.slug, &v.slug);
            changed(&mut names, "title_ja", &old.title_ja, &v.title.ja);
            changed(&mut names, "title_en", &old.title_en, &v.title.en);
            changed(&mut names, "venue_ja", &old.venue_ja, &v.venue.ja);
            changed(&mut names, "venue_en", &old.venue_en, &v.venue.en);
            let s = &v.schedule;
            changed(
                &mut names,
                "applications_open_at",
                &old.applications_open_at,
                &s.applications_open_at,
            );
            changed(
                &mut names,
                "applications_close_at",
                &old.applications_close_at,
                &s.applications_close_at,
            );
            changed(
                &mut names,
                "sessions_start_at",
                &old.sessions_start_at,
                &s.sessions_start_at,
            );
            changed(
                &mut names,
                "sessions_end_at",
                &old.sessions_end_at,
                &s.sessions_end_at,
            );
            if names.is_empty() {
                return Ok(());
            }
            let saved = row.update(&txn).await?;
            (
                saved,
                "cohort.update",
                format!("changed {}", names.join(", ")),
            )
        }
    };
    record(txn, editor, action, "cohort", saved.id, summary).await
}

/// Creates (`existing` is `None`) or updates a track of `cohort_id`, and records it.
pub async fn save_track(
    db: &DatabaseConnection,
    editor: Editor,
    cohort_id: i32,
    existing: Option<track::Model>,
    v: &ValidTrack,
) -> Result<(), SaveError> {
    let field_id = match &v.field {
        None => None,
        Some(slug) => Some(
            field::Entity::find()
                .filter(field::Column::Slug.eq(slug.as_str()))
                .one(db)
                .await?
                .ok_or(SaveError::UnknownField)?
                .id,
        ),
    };
    let txn = crate::store::begin_write(db).await?;
    let mut row = match &existing {
        Some(t) => t.clone().into(),
        None => {
            // New tracks go last.
            let count = track::Entity::find()
                .filter(track::Column::CohortId.eq(cohort_id))
                .count(&txn)
                .await?;
            track::ActiveModel {
                cohort_id: Set(cohort_id),
                position: Set(i32::try_from(count).unwrap_or(i32::MAX)),
                ..Default::default()
            }
        }
    };
    let dss = v.dss_role.clone();
    row.slug = Set(v.slug.clone());
    row.name_ja = Set(v.name.ja.clone());
    row.name_en = Set(v.name.en.clone());
    row.summary_ja = Set(v.summary.ja.clone());
    row.summary_en = Set(v.summary.en.clone());
    row.description_ja = Set(v.description.ja.clone());
    row.description_en = Set(v.description.en.clone());
    row.vector = Set(v.vector);
    row.field_id = Set(field_id);
    row.dss_role_ja = Set(dss.as_ref().map(|d| d.ja.clone()));
    row.dss_role_en = Set(dss.as_ref().map(|d| d.en.clone()));
    row.capacity = Set(v.capacity);
    row.lecturer_target = Set(v.lecturer_target);
    row.tutor_target = Set(v.tutor_target);
    let (saved, action, summary) = match existing {
        None => {
            let saved = row.insert(&txn).await?;
            (
                saved,
                "track.create",
                format!("created track {} ({})", v.slug, v.name.ja),
            )
        }
        Some(old) => {
            let mut names = Vec::new();
            changed(&mut names, "slug", &old.slug, &v.slug);
            changed(&mut names, "name_ja", &old.name_ja, &v.name.ja);
            changed(&mut names, "name_en", &old.name_en, &v.name.en);
            changed(&mut names, "summary_ja", &old.summary_ja, &v.summary.ja);
            changed(&mut names, "summary_en", &old.summary_en, &v.summary.en);
            changed(
                &mut names,
                "description_ja",
                &old.description_ja,
                &v.description.ja,
            );
            changed(
                &mut names,
                "description_en",
                &old.description_en,
                &v.description.en,
            );
            changed(&mut names, "vector", &old.vector, &v.vector);
            changed(&mut names, "field", &old.field_id, &field_id);
            changed(
                &mut names,
                "dss_role_ja",
                &old.dss_role_ja,
                &dss.as_ref().map(|d| d.ja.clone()),
            );
            changed(
                &mut names,
                "dss_role_en",
                &old.dss_role_en,
                &dss.as_ref().map(|d| d.en.clone()),
            );
            changed(&mut names, "capacity", &old.capacity, &v.capacity);
            changed(
                &mut names,
                "lecturer_target",
                &old.lecturer_target,
                &v.lecturer_target,
            );
            changed(
                &mut names,
                "tutor_target",
                &old.tutor_target,
                &v.tutor_target,
            );
            if names.is_empty() {
                return Ok(());
            }
            let saved = row.update(&txn).await?;
            (
                saved,
                "track.update",
                format!("changed {}", names.join(", ")),
            )
        }
    };
    record(txn, editor, action, "track", saved.id, summary).await
}
