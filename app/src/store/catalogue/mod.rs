//! Catalogue queries: programmes, cohorts and tracks as domain types.
//!
//! Every function takes `now` so the derived cohort status is testable.
//! The rows themselves, by slug, are found in `rows`; a track with its
//! cohort and programme in `track_ctx`; organisers' writes are in `edit`,
//! administrators' writes to programmes and fields in `programmes` and
//! `fields`.

mod changes;
pub mod edit;
pub mod fields;
pub mod programmes;
pub mod rows;
pub mod track_ctx;

use crate::domain::catalogue::{
    CohortDetail, CohortSchedule, CohortSummary, Field, Programme, TrackDetail, TrackSummary,
};
use crate::domain::lang::Localized;
use crate::store::entities::{cohort, field, programme, track};
use chrono::{DateTime, Utc};
use rows::{cohort_row, programme_ref, programme_row, track_row};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// All programmes with their cohorts, in listing order.
pub async fn list_programmes(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<Vec<Programme>, DbErr> {
    let programmes = programme::Entity::find()
        .order_by_asc(programme::Column::Position)
        .order_by_asc(programme::Column::Id)
        .all(db)
        .await?;
    let mut cohorts_by_programme: HashMap<i32, Vec<CohortSummary>> = HashMap::new();
    for c in newest_cohorts_first().all(db).await? {
        cohorts_by_programme
            .entry(c.programme_id)
            .or_default()
            .push(cohort_summary(&c, now));
    }
    Ok(programmes
        .into_iter()
        .map(|p| {
            let cohorts = cohorts_by_programme.remove(&p.id).unwrap_or_default();
            programme_with_cohorts(p, cohorts)
        })
        .collect())
}

/// One programme by slug, with its cohorts; `None` when there is none.
pub async fn programme_by_slug(
    db: &impl ConnectionTrait,
    slug: &str,
    now: DateTime<Utc>,
) -> Result<Option<Programme>, DbErr> {
    let Some(p) = programme_row(db, slug).await? else {
        return Ok(None);
    };
    let cohorts = newest_cohorts_first()
        .filter(cohort::Column::ProgrammeId.eq(p.id))
        .all(db)
        .await?
        .iter()
        .map(|c| cohort_summary(c, now))
        .collect();
    Ok(Some(programme_with_cohorts(p, cohorts)))
}

/// A cohort with its tracks; `None` when the programme or cohort is unknown.
pub async fn cohort_detail(
    db: &impl ConnectionTrait,
    programme_slug: &str,
    cohort_slug: &str,
    now: DateTime<Utc>,
) -> Result<Option<CohortDetail>, DbErr> {
    let Some((p, c)) = find_cohort(db, programme_slug, cohort_slug).await? else {
        return Ok(None);
    };
    let rows = track::Entity::find()
        .filter(track::Column::CohortId.eq(c.id))
        .order_by_asc(track::Column::Position)
        .order_by_asc(track::Column::Id)
        .all(db)
        .await?;
    let fields = fields_by_id(db, rows.iter().filter_map(|t| t.field_id)).await?;
    let tracks = rows.iter().map(|t| track_summary(t, &fields)).collect();
    Ok(Some(CohortDetail {
        programme: programme_ref(&p),
        cohort: cohort_summary(&c, now),
        tracks,
    }))
}

/// One track with its cohort and programme; `None` when any is unknown.
pub async fn track_detail(
    db: &impl ConnectionTrait,
    programme_slug: &str,
    cohort_slug: &str,
    track_slug: &str,
    now: DateTime<Utc>,
) -> Result<Option<TrackDetail>, DbErr> {
    let Some((p, c)) = find_cohort(db, programme_slug, cohort_slug).await? else {
        return Ok(None);
    };
    let Some(t) = track_row(db, c.id, track_slug).await? else {
        return Ok(None);
    };
    let fields = fields_by_id(db, t.field_id).await?;
    let dss_role = match (&t.dss_role_ja, &t.dss_role_en) {
        (None, None) => None,
        (ja, en) => Some(Localized::new(
            ja.clone().unwrap_or_default(),
            en.clone().unwrap_or_default(),
        )),
    };
    Ok(Some(TrackDetail {
        programme: programme_ref(&p),
        cohort: cohort_summary(&c, now),
        track: track_summary(&t, &fields),
        description: Localized::new(&t.description_ja, &t.description_en),
        dss_role,
        lecturer_target: count(t.lecturer_target),
        tutor_target: count(t.tutor_target),
    }))
}

fn newest_cohorts_first() -> sea_orm::Select<cohort::Entity> {
    cohort::Entity::find()
        .order_by_desc(cohort::Column::SessionsStartAt)
        .order_by_desc(cohort::Column::Id)
}

async fn find_cohort(
    db: &impl ConnectionTrait,
    programme_slug: &str,
    cohort_slug: &str,
) -> Result<Option<(programme::Model, cohort::Model)>, DbErr> {
    let Some(p) = programme_row(db, programme_slug).await? else {
        return Ok(None);
    };
    let c = cohort_row(db, p.id, cohort_slug).await?;
    Ok(c.map(|c| (p, c)))
}

async fn fields_by_id(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i32>,
) -> Result<HashMap<i32, Field>, DbErr> {
    let ids: Vec<i32> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = field::Entity::find()
        .filter(field::Column::Id.is_in(ids))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|f| {
            let field = Field {
                slug: f.slug,
                name: Localized::new(f.name_ja, f.name_en),
            };
            (f.id, field)
        })
        .collect())
}

fn programme_with_cohorts(p: programme::Model, cohorts: Vec<CohortSummary>) -> Programme {
    Programme {
        slug: p.slug,
        kind: p.kind,
        name: Localized::new(p.name_ja, p.name_en),
        description: Localized::new(p.description_ja, p.description_en),
        cohorts,
    }
}

fn cohort_summary(c: &cohort::Model, now: DateTime<Utc>) -> CohortSummary {
    let schedule = CohortSchedule {
        applications_open_at: c.applications_open_at,
        applications_close_at: c.applications_close_at,
        sessions_start_at: c.sessions_start_at,
        sessions_end_at: c.sessions_end_at,
    };
    CohortSummary {
        slug: c.slug.clone(),
        title: Localized::new(&c.title_ja, &c.title_en),
        venue: Localized::new(&c.venue_ja, &c.venue_en),
        status: schedule.status_at(now),
        schedule,
    }
}

fn track_summary(t: &track::Model, fields: &HashMap<i32, Field>) -> TrackSummary {
    TrackSummary {
        slug: t.slug.clone(),
        name: Localized::new(&t.name_ja, &t.name_en),
        summary: Localized::new(&t.summary_ja, &t.summary_en),
        vector: t.vector,
        field: t.field_id.and_then(|id| fields.get(&id).cloned()),
        capacity: count(t.capacity),
    }
}

/// Counts are stored as integers with a `>= 0` check; a negative one reads as 0.
fn count(n: i32) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

/// The URL names of the programmes `ids`, by id (for lists that show
/// which programme each row belongs to).
pub async fn programme_slugs(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i32>,
) -> Result<HashMap<i32, String>, DbErr> {
    let ids: Vec<i32> = ids.into_iter().collect();
    Ok(programme::Entity::find()
        .filter(programme::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.slug))
        .collect())
}
