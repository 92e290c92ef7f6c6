//! A track with its cohort and programme (`TrackCtx`), the record every
//! track-scoped capability (applications, review, rosters, pipeline,
//! credits) starts from, and how to find one.

use super::rows::{programme_ref, programme_row};
use crate::domain::application::form::TrackContext;
use crate::domain::catalogue::{CohortSchedule, CohortStatus};
use crate::domain::lang::Localized;
use crate::store::audit::AuditEntry;
use crate::store::entities::{cohort, programme, track};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, JoinType, QueryFilter, QuerySelect,
};

/// A track with its cohort and programme.
#[derive(Clone, Debug)]
pub struct TrackCtx {
    /// The programme.
    pub programme: programme::Model,
    /// The cohort.
    pub cohort: cohort::Model,
    /// The track.
    pub track: track::Model,
}

impl TrackCtx {
    /// The track's name.
    pub fn name(&self) -> Localized {
        Localized::new(&self.track.name_ja, &self.track.name_en)
    }

    /// "Cohort track" in both languages, for mails.
    pub fn label(&self) -> Localized {
        let (c, t) = (&self.cohort, &self.track);
        Localized::new(
            format!("{} {}", c.title_ja, t.name_ja),
            format!("{} {}", c.title_en, t.name_en),
        )
    }

    /// The track as application forms and lists show it, with the window
    /// judged at `now`.
    pub fn context(&self, now: DateTime<Utc>) -> TrackContext {
        let (c, t) = (&self.cohort, &self.track);
        let schedule = CohortSchedule {
            applications_open_at: c.applications_open_at,
            applications_close_at: c.applications_close_at,
            sessions_start_at: c.sessions_start_at,
            sessions_end_at: c.sessions_end_at,
        };
        TrackContext {
            programme: programme_ref(&self.programme),
            cohort_slug: c.slug.clone(),
            cohort_title: Localized::new(&c.title_ja, &c.title_en),
            track_slug: t.slug.clone(),
            track_name: Localized::new(&t.name_ja, &t.name_en),
            starts_at: c.sessions_start_at,
            ends_at: c.sessions_end_at,
            closes_at: c.applications_close_at,
            open: schedule.status_at(now) == CohortStatus::Open,
        }
    }

    /// The organiser page of the track's review.
    pub fn manage_path(&self) -> String {
        format!(
            "/manage/{}/{}/tracks/{}/review",
            self.programme.slug, self.cohort.slug, self.track.slug
        )
    }

    /// An audit entry about this track's selection.
    pub fn audit(
        &self,
        actor: i32,
        action: &'static str,
        entity_id: i32,
        summary: String,
    ) -> AuditEntry<'static> {
        AuditEntry {
            actor_id: Some(actor),
            action,
            entity: "application",
            entity_id: entity_id.to_string(),
            programme_id: Some(self.programme.id),
            summary,
        }
    }
}

/// The track `id` with its cohort and programme.
pub async fn track_by_id(db: &impl ConnectionTrait, id: i32) -> Result<Option<TrackCtx>, DbErr> {
    let Some(t) = track::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let Some(c) = cohort::Entity::find_by_id(t.cohort_id).one(db).await? else {
        return Ok(None);
    };
    let Some(p) = programme::Entity::find_by_id(c.programme_id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Ok(Some(TrackCtx {
        programme: p,
        cohort: c,
        track: t,
    }))
}

/// A track of `programme` by its cohort and track slugs.
pub async fn track_by_slugs(
    db: &impl ConnectionTrait,
    programme: &programme::Model,
    cohort: &str,
    track: &str,
) -> Result<Option<TrackCtx>, DbErr> {
    // One query for both rows: every organiser and reviewer page of a
    // track starts here.
    let cohort_of = track::Entity::belongs_to(cohort::Entity)
        .from(track::Column::CohortId)
        .to(cohort::Column::Id)
        .into();
    let found = track::Entity::find()
        .join(JoinType::InnerJoin, cohort_of)
        .filter(cohort::Column::ProgrammeId.eq(programme.id))
        .filter(cohort::Column::Slug.eq(cohort))
        .filter(track::Column::Slug.eq(track))
        .select_also(cohort::Entity)
        .one(db)
        .await?;
    Ok(found.and_then(|(t, c)| {
        Some(TrackCtx {
            programme: programme.clone(),
            cohort: c?,
            track: t,
        })
    }))
}

/// A track by its programme, cohort and track slugs (the three parts of
/// its URL).
pub async fn find_track(
    db: &impl ConnectionTrait,
    programme: &str,
    cohort: &str,
    track: &str,
) -> Result<Option<TrackCtx>, DbErr> {
    match programme_row(db, programme).await? {
        Some(p) => track_by_slugs(db, &p, cohort, track).await,
        None => Ok(None),
    }
}
