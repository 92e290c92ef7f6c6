//! RSVPs: a place while there is one, the waitlist beyond capacity, moving
//! up on a cancellation (with a mail), the host's check-in, and the
//! reminders the day before.
//!
//! Every change of places happens in one write transaction that first
//! holds the event's row (`UPDATE event SET id = id`, a row lock on
//! PostgreSQL; SQLite's immediate transaction already serialises writers)
//! and counts the places again under that lock: two people taking the
//! last place at the same instant cannot both get it.

use super::{EventError, count_in, who};
use crate::domain::access::Actor;
use crate::domain::events::mail::EventMail;
use crate::domain::events::rules::{join_refusal, may_manage, moving_up, place_for};
use crate::domain::events::{EventStatus, RsvpStatus};
use crate::domain::forms::Problem;
use crate::domain::lang::Localized;
use crate::domain::mail::MailTemplate;
use crate::store::audit::{AuditEntry, append_audit};
use crate::store::entities::{event, event_rsvp};
use crate::store::outbox::enqueue_for_account;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};

use event_rsvp::Column as R;

/// How long before an event its reminder goes out.
pub const REMINDER_BEFORE: Duration = Duration::hours(24);

/// Holds the event's row until the transaction ends, and reads it.
async fn hold_event(db: &impl ConnectionTrait, id: i32) -> Result<event::Model, EventError> {
    event::Entity::update_many()
        .col_expr(event::Column::Id, Expr::col(event::Column::Id))
        .filter(event::Column::Id.eq(id))
        .exec(db)
        .await?;
    event::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(EventError::NotFound)
}

/// The event page's full address.
pub fn event_link(site: &str, id: i32) -> String {
    format!("{}/events/{id}", site.trim_end_matches('/'))
}

/// The next waitlist position of an event.
async fn next_position(db: &impl ConnectionTrait, event_id: i32) -> Result<i32, DbErr> {
    let last: Option<Option<i32>> = event_rsvp::Entity::find()
        .select_only()
        .column_as(R::Position.max(), "m")
        .filter(R::EventId.eq(event_id))
        .into_tuple()
        .one(db)
        .await?;
    Ok(last.flatten().unwrap_or(0) + 1)
}

/// Answers `yes` to the event for `actor`: a place while there is one,
/// else the end of the waitlist. Answering again changes nothing. Returns
/// where the person stands.
pub async fn rsvp(
    db: &DatabaseConnection,
    actor: &Actor,
    event_id: i32,
    now: DateTime<Utc>,
) -> Result<RsvpStatus, EventError> {
    let txn = crate::store::begin_write(db).await?;
    let e = hold_event(&txn, event_id).await?;
    let w = who(&txn, Some(actor), e.programme_id).await?;
    if !crate::domain::events::rules::may_see(e.audience, w) {
        return Err(EventError::NotFound);
    }
    if let Some(p) = join_refusal(
        e.audience,
        w,
        e.status == EventStatus::Cancelled,
        e.starts_at,
        now,
    ) {
        return Err(EventError::Refused("event", p));
    }
    let own = event_rsvp::Entity::find()
        .filter(R::EventId.eq(e.id))
        .filter(R::AccountId.eq(actor.account_id))
        .one(&txn)
        .await?;
    if let Some(s) = own
        .as_ref()
        .map(|o| o.status)
        .filter(|s| *s != RsvpStatus::Cancelled)
    {
        return Ok(s);
    }
    let status = place_for(
        e.capacity,
        count_in(&txn, e.id, RsvpStatus::Confirmed).await?,
    );
    let position = next_position(&txn, e.id).await?;
    match own {
        Some(o) => {
            let mut o: event_rsvp::ActiveModel = o.into();
            o.status = Set(status);
            o.position = Set(position);
            o.updated_at = Set(now);
            o.update(&txn).await?;
        }
        None => {
            event_rsvp::ActiveModel {
                event_id: Set(e.id),
                account_id: Set(actor.account_id),
                status: Set(status),
                position: Set(position),
                created_at: Set(now),
                updated_at: Set(now),
                checked_in_at: Set(None),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    txn.commit().await?;
    Ok(status)
}

/// Moves people up from the waitlist into free places, in order, each told
/// by mail. Call it inside the transaction that holds the event's row.
pub async fn promote(
    txn: &impl ConnectionTrait,
    e: &event::Model,
    site: &str,
    now: DateTime<Utc>,
) -> Result<usize, DbErr> {
    let waiting = event_rsvp::Entity::find()
        .filter(R::EventId.eq(e.id))
        .filter(R::Status.eq(RsvpStatus::Waitlisted))
        .order_by_asc(R::Position)
        .order_by_asc(R::Id)
        .all(txn)
        .await?;
    let confirmed = count_in(txn, e.id, RsvpStatus::Confirmed).await?;
    let n = moving_up(e.capacity, confirmed, waiting.len());
    let mail = MailTemplate::Event(EventMail::MovedUp {
        title: Localized::new(&e.title_ja, &e.title_en),
        starts_at: e.starts_at,
        link: event_link(site, e.id),
    });
    for r in waiting.iter().take(n) {
        event_rsvp::Entity::update_many()
            .col_expr(R::Status, Expr::value(RsvpStatus::Confirmed))
            .col_expr(R::UpdatedAt, Expr::value(now))
            .filter(R::Id.eq(r.id))
            .exec(txn)
            .await?;
        enqueue_for_account(txn, r.account_id, &mail, e.programme_id, now).await?;
    }
    Ok(n)
}

/// Moves people up into the free places of every event still to come that
/// has a waitlist, each event held in its own transaction, as a
/// cancellation would: after an account's deletion took its places away.
/// How many moved up.
pub async fn fill_free_places(
    db: &DatabaseConnection,
    site: &str,
    now: DateTime<Utc>,
) -> Result<usize, DbErr> {
    let waited: Vec<i32> = event_rsvp::Entity::find()
        .filter(R::Status.eq(RsvpStatus::Waitlisted))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.event_id)
        .collect();
    let events = event::Entity::find()
        .filter(event::Column::Id.is_in(waited))
        .filter(event::Column::Status.eq(EventStatus::Published))
        .filter(event::Column::StartsAt.gt(now))
        .all(db)
        .await?;
    let mut moved = 0;
    for e in events {
        let txn = crate::store::begin_write(db).await?;
        let e = match hold_event(&txn, e.id).await {
            Ok(e) => e,
            Err(EventError::Db(err)) => return Err(err),
            Err(_) => continue,
        };
        moved += promote(&txn, &e, site, now).await?;
        txn.commit().await?;
    }
    Ok(moved)
}

/// Cancels `actor`'s RSVP; a place they held goes to the first on the
/// waitlist at once, in the same transaction. Cancelling twice changes
/// nothing.
pub async fn cancel(
    db: &DatabaseConnection,
    actor: &Actor,
    event_id: i32,
    site: &str,
    now: DateTime<Utc>,
) -> Result<(), EventError> {
    let txn = crate::store::begin_write(db).await?;
    let e = hold_event(&txn, event_id).await?;
    let own = event_rsvp::Entity::find()
        .filter(R::EventId.eq(e.id))
        .filter(R::AccountId.eq(actor.account_id))
        .one(&txn)
        .await?;
    let Some(own) = own.filter(|o| o.status != RsvpStatus::Cancelled) else {
        return Ok(());
    };
    event_rsvp::Entity::update_many()
        .col_expr(R::Status, Expr::value(RsvpStatus::Cancelled))
        .col_expr(R::UpdatedAt, Expr::value(now))
        .filter(R::Id.eq(own.id))
        .exec(&txn)
        .await?;
    if e.status != EventStatus::Cancelled && e.starts_at > now {
        promote(&txn, &e, site, now).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Checks someone in (or undoes it) for the host; their attendance credit
/// is written at once. Nobody checks themself in (attendance earns credit
/// only when someone else vouches for it), and every check-in and its
/// undoing is audited.
pub async fn check_in(
    db: &DatabaseConnection,
    actor: &Actor,
    event_id: i32,
    rsvp_id: i32,
    present: bool,
    now: DateTime<Utc>,
) -> Result<(), EventError> {
    let txn = crate::store::begin_write(db).await?;
    let e = event::Entity::find_by_id(event_id)
        .one(&txn)
        .await?
        .ok_or(EventError::NotFound)?;
    if !may_manage(actor, e.host_id, e.programme_id) {
        return Err(EventError::Forbidden);
    }
    let r = event_rsvp::Entity::find_by_id(rsvp_id)
        .one(&txn)
        .await?
        .filter(|r| r.event_id == e.id && r.status == RsvpStatus::Confirmed)
        .ok_or(EventError::NotFound)?;
    if r.account_id == actor.account_id {
        return Err(EventError::Refused("rsvp", Problem::SelfCheckIn));
    }
    event_rsvp::Entity::update_many()
        .col_expr(R::CheckedInAt, Expr::value(present.then_some(now)))
        .filter(R::Id.eq(r.id))
        .exec(&txn)
        .await?;
    let (action, verb) = if present {
        ("event.check_in", "checked in")
    } else {
        ("event.check_in_undo", "check-in undone")
    };
    let entry = AuditEntry {
        actor_id: Some(actor.account_id),
        action,
        entity: "event_rsvp",
        entity_id: r.id.to_string(),
        programme_id: e.programme_id,
        summary: format!("account #{} {verb} at event #{}", r.account_id, e.id),
    };
    append_audit(&txn, entry, now).await?;
    crate::store::credits::sync_for(&txn, r.account_id, Some(actor.account_id), now).await?;
    txn.commit().await?;
    Ok(())
}

/// Queues the reminder of every event starting within [`REMINDER_BEFORE`]
/// to its registered people, once per event (a conditional update claims
/// the event, so several sweepers send it once), unless the event's
/// programme switched event mail off; people who opted out of
/// non-essential mail are left out. The number of events.
pub async fn remind(
    db: &DatabaseConnection,
    site: &str,
    now: DateTime<Utc>,
) -> Result<usize, DbErr> {
    let due = event::Entity::find()
        .filter(event::Column::Status.eq(EventStatus::Published))
        .filter(event::Column::RemindedAt.is_null())
        .filter(event::Column::StartsAt.gt(now))
        .filter(event::Column::StartsAt.lte(now + REMINDER_BEFORE))
        .all(db)
        .await?;
    let mut sent = 0;
    for e in due {
        let txn = crate::store::begin_write(db).await?;
        let claimed = event::Entity::update_many()
            .col_expr(event::Column::RemindedAt, Expr::value(Some(now)))
            .filter(event::Column::Id.eq(e.id))
            .filter(event::Column::RemindedAt.is_null())
            .exec(&txn)
            .await?;
        if claimed.rows_affected == 0 {
            continue;
        }
        // A programme that switched event mail off keeps the claim (the
        // event is not looked at again) and sends nothing.
        if let Some(p) = e.programme_id
            && !crate::store::reminders::settings(&txn, p).await?.events
        {
            txn.commit().await?;
            continue;
        }
        let mail = MailTemplate::Event(EventMail::Reminder {
            title: Localized::new(&e.title_ja, &e.title_en),
            starts_at: e.starts_at,
            link: event_link(site, e.id),
        });
        let people = event_rsvp::Entity::find()
            .filter(R::EventId.eq(e.id))
            .filter(R::Status.eq(RsvpStatus::Confirmed))
            .all(&txn)
            .await?;
        for r in people {
            enqueue_for_account(&txn, r.account_id, &mail, e.programme_id, now).await?;
        }
        txn.commit().await?;
        sent += 1;
    }
    Ok(sent)
}
