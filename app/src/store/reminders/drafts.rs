//! Reminding applicants of drafts they have not submitted, N days (the
//! programme's setting) and 1 day before their cohort's deadline.

use super::{claim, settings};
use crate::domain::application::ApplicationStatus;
use crate::domain::mail::MailTemplate;
use crate::domain::reminders::mail::ReminderMail;
use crate::domain::reminders::settings::MAX_DRAFT_DAYS;
use crate::domain::reminders::{draft_steps, due_step};
use crate::domain::tokens::link;
use crate::store::catalogue::track_ctx::track_by_id;
use crate::store::entities::{application, cohort, track};
use crate::store::outbox::enqueue_for_account;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};

/// The kind of a draft reminder in `reminder_sent` (its record: the application).
pub const KIND: &str = "draft";

/// Queues the reminders due at `now` for drafts of cohorts whose
/// deadline is near, once per draft and step; the number queued.
pub async fn sweep(
    db: &DatabaseConnection,
    site: &str,
    now: DateTime<Utc>,
) -> Result<usize, DbErr> {
    // Only cohorts closing within the longest possible window are read.
    let cohorts = cohort::Entity::find()
        .filter(cohort::Column::ApplicationsCloseAt.gt(now))
        .filter(
            cohort::Column::ApplicationsCloseAt.lte(now + Duration::days(MAX_DRAFT_DAYS.into())),
        )
        .all(db)
        .await?;
    let mut queued = 0;
    for c in cohorts {
        let s = settings(db, c.programme_id).await?;
        let Some(step) = due_step(c.applications_close_at, now, &draft_steps(s.draft_days)) else {
            continue;
        };
        if !s.drafts {
            continue;
        }
        let tracks: Vec<i32> = track::Entity::find()
            .filter(track::Column::CohortId.eq(c.id))
            .all(db)
            .await?
            .into_iter()
            .map(|t| t.id)
            .collect();
        let drafts = application::Entity::find()
            .filter(application::Column::TrackId.is_in(tracks))
            .filter(application::Column::Status.eq(ApplicationStatus::Draft))
            .filter(application::Column::SubmittedAt.is_null())
            .all(db)
            .await?;
        for a in drafts {
            if remind(db, &a, step, site, now).await? {
                queued += 1;
            }
        }
    }
    Ok(queued)
}

/// Queues reminder `step` of draft `a` unless it was sent already.
async fn remind(
    db: &DatabaseConnection,
    a: &application::Model,
    step: i64,
    site: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let txn = crate::store::begin_write(db).await?;
    if !claim(&txn, KIND, a.id, a.account_id, step, now).await? {
        return Ok(false);
    }
    let Some(ctx) = track_by_id(&txn, a.track_id).await? else {
        return Ok(false);
    };
    let mail = ReminderMail::Draft {
        track: ctx.name(),
        deadline: ctx.cohort.applications_close_at,
        link: link(site, &format!("{}/apply", track_path(&ctx))),
    };
    let queued = enqueue_for_account(
        &txn,
        a.account_id,
        &MailTemplate::Reminder(mail),
        Some(ctx.programme.id),
        now,
    )
    .await?
    .is_some();
    txn.commit().await?;
    Ok(queued)
}

/// The public path of the track of `ctx`.
fn track_path(ctx: &crate::store::catalogue::track_ctx::TrackCtx) -> String {
    format!(
        "/programmes/{}/{}/tracks/{}",
        ctx.programme.slug, ctx.cohort.slug, ctx.track.slug
    )
}
