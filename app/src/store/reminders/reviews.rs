//! Reminding reviewers of unfinished assignments 2 days and 1 day before
//! their track's review is due.

use super::{claim, settings};
use crate::domain::application::ApplicationStatus;
use crate::domain::mail::MailTemplate;
use crate::domain::reminders::mail::ReminderMail;
use crate::domain::reminders::{REVIEW_STEPS, due_step};
use crate::domain::tokens::link;
use crate::store::catalogue::track_ctx::track_by_id;
use crate::store::entities::{application, review_assignment, track_review};
use crate::store::outbox::enqueue_for_account;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};
use std::collections::BTreeMap;

/// The kind of a review reminder in `reminder_sent` (its record: the track).
pub const KIND: &str = "review";

/// Queues the reminders due at `now` to reviewers with unfinished
/// assignments of open reviews due soon, once per reviewer, track and
/// step; the number queued.
pub async fn sweep(
    db: &DatabaseConnection,
    site: &str,
    now: DateTime<Utc>,
) -> Result<usize, DbErr> {
    let longest = REVIEW_STEPS.iter().copied().max().unwrap_or(1);
    let due = track_review::Entity::find()
        .filter(track_review::Column::ClosedAt.is_null())
        .filter(track_review::Column::DueAt.gt(now))
        .filter(track_review::Column::DueAt.lte(now + Duration::days(longest)))
        .all(db)
        .await?;
    let mut queued = 0;
    for r in due {
        let Some(due_at) = r.due_at else { continue };
        let Some(step) = due_step(due_at, now, &REVIEW_STEPS) else {
            continue;
        };
        let Some(ctx) = track_by_id(db, r.track_id).await? else {
            continue;
        };
        if !settings(db, ctx.programme.id).await?.reviews {
            continue;
        }
        for (reviewer, unfinished) in unfinished(db, r.track_id).await? {
            let txn = crate::store::begin_write(db).await?;
            if !claim(&txn, KIND, r.track_id, reviewer, step, now).await? {
                continue;
            }
            let mail = ReminderMail::Review {
                track: ctx.name(),
                due_at,
                unfinished,
                link: link(site, "/review"),
            };
            let sent = enqueue_for_account(
                &txn,
                reviewer,
                &MailTemplate::Reminder(mail),
                Some(ctx.programme.id),
                now,
            )
            .await?;
            txn.commit().await?;
            queued += usize::from(sent.is_some());
        }
    }
    Ok(queued)
}

/// Each reviewer of the track with their count of unsubmitted assignments
/// of submitted applications.
async fn unfinished(db: &DatabaseConnection, track_id: i32) -> Result<BTreeMap<i32, u64>, DbErr> {
    let apps: Vec<i32> = application::Entity::find()
        .filter(application::Column::TrackId.eq(track_id))
        .filter(application::Column::Status.eq(ApplicationStatus::Submitted))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.id)
        .collect();
    let mut counts = BTreeMap::new();
    for a in review_assignment::Entity::find()
        .filter(review_assignment::Column::ApplicationId.is_in(apps))
        .filter(review_assignment::Column::SubmittedAt.is_null())
        .all(db)
        .await?
    {
        *counts.entry(a.reviewer_id).or_insert(0) += 1;
    }
    Ok(counts)
}
