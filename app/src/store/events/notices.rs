//! Telling an event's registrants that it moved or was cancelled: queued
//! by the edit, in its transaction, only when the time or place really
//! changed (`domain::reminders::event_change`) and the event's programme
//! has not switched event mail off. These notices are essential: someone
//! who opted out of reminders still hears that what they signed up for
//! moved or is off.

use super::rsvp::event_link;
use crate::domain::events::{EventStatus, RsvpStatus};
use crate::domain::lang::Localized;
use crate::domain::mail::MailTemplate;
use crate::domain::reminders::mail::ReminderMail;
use crate::domain::reminders::{EventChange, EventFacts, event_change, place};
use crate::store::entities::{event, event_rsvp};
use crate::store::outbox::enqueue_for_account;
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

/// What registrants are told about of `e`.
pub fn facts(e: &event::Model) -> EventFacts {
    EventFacts {
        starts_at: e.starts_at,
        ends_at: e.ends_at,
        venue: e.venue.clone(),
        online_link: e.online_link.clone(),
        cancelled: e.status == EventStatus::Cancelled,
    }
}

/// Queues the notice of what changed from `before` to `after` to every
/// registrant (with a place or on the waitlist) of an event not yet over;
/// the number queued (0 when nothing they must hear about changed).
pub async fn tell_registrants(
    db: &impl ConnectionTrait,
    before: &EventFacts,
    after: &event::Model,
    site: &str,
    now: DateTime<Utc>,
) -> Result<usize, DbErr> {
    let Some(change) = event_change(before, &facts(after)) else {
        return Ok(0);
    };
    if before.ends_at <= now && after.ends_at <= now {
        return Ok(0);
    }
    if let Some(p) = after.programme_id
        && !crate::store::reminders::settings(db, p).await?.events
    {
        return Ok(0);
    }
    let title = Localized::new(&after.title_ja, &after.title_en);
    let link = event_link(site, after.id);
    let mail = MailTemplate::Reminder(match change {
        EventChange::Cancelled => ReminderMail::EventCancelled {
            title,
            starts_at: after.starts_at,
            link,
        },
        EventChange::Moved => ReminderMail::EventChanged {
            title,
            starts_at: after.starts_at,
            place: place(&after.venue, !after.online_link.trim().is_empty()),
            link,
        },
    });
    let people = event_rsvp::Entity::find()
        .filter(event_rsvp::Column::EventId.eq(after.id))
        .filter(event_rsvp::Column::Status.is_in([RsvpStatus::Confirmed, RsvpStatus::Waitlisted]))
        .order_by_asc(event_rsvp::Column::Id)
        .all(db)
        .await?;
    let mut queued = 0;
    for r in people {
        if enqueue_for_account(db, r.account_id, &mail, after.programme_id, now)
            .await?
            .is_some()
        {
            queued += 1;
        }
    }
    Ok(queued)
}
