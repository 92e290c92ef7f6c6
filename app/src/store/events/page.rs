//! The `/events` list and the `/events/<id>` page, as the person asking
//! may see them: alumni-only events do not exist for anyone else, and the
//! online link is shown only to the registered and those who run it.

use super::{EventError, is_approved_host, name_of, summary, who};
use crate::domain::access::Actor;
use crate::domain::events::rules::{is_organiser, join_refusal, may_create, may_manage, may_see};
use crate::domain::events::view::{AttendeeRow, EventList, EventPage};
use crate::domain::events::{Audience, EventKind, EventStatus, RsvpStatus};
use crate::domain::lang::Localized;
use crate::store::entities::{account, event, event_rsvp};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// The events the person may see, upcoming first (soonest first), then
/// past ones (latest first), narrowed to a kind and an audience if given.
pub async fn list(
    db: &impl ConnectionTrait,
    actor: Option<&Actor>,
    kind: Option<EventKind>,
    audience: Option<Audience>,
    site: &str,
    now: DateTime<Utc>,
) -> Result<EventList, DbErr> {
    let mut q = event::Entity::find();
    if let Some(k) = kind {
        q = q.filter(event::Column::Kind.eq(k));
    }
    if let Some(a) = audience {
        q = q.filter(event::Column::Audience.eq(a));
    }
    let rows = q.order_by_asc(event::Column::StartsAt).all(db).await?;
    let mine: HashMap<i32, RsvpStatus> = match actor {
        Some(a) => event_rsvp::Entity::find()
            .filter(event_rsvp::Column::AccountId.eq(a.account_id))
            .all(db)
            .await?
            .into_iter()
            .map(|r| (r.event_id, r.status))
            .collect(),
        None => HashMap::new(),
    };
    let who_any = who(db, actor, None).await?;
    let (mut upcoming, mut past) = (Vec::new(), Vec::new());
    for e in rows {
        let w = match e.programme_id {
            Some(_) => who(db, actor, e.programme_id).await?,
            None => who_any,
        };
        if !may_see(e.audience, w) {
            continue;
        }
        let line = summary(db, &e, mine.get(&e.id).copied()).await?;
        if e.ends_at >= now {
            upcoming.push(line);
        } else {
            past.push(line);
        }
    }
    past.reverse();
    upcoming.extend(past);
    let host = match actor {
        Some(a) => is_approved_host(db, a.account_id).await?,
        None => false,
    };
    Ok(EventList {
        events: upcoming,
        signed_in: actor.is_some(),
        may_create: actor.is_some_and(|a| may_create(a, host, None)),
        may_approve_hosts: actor.is_some_and(is_organiser),
        site: site.trim_end_matches('/').to_string(),
    })
}

/// The event page for the person asking; `NotFound` for an event that does
/// not exist or that they may not see.
pub async fn event_page(
    db: &impl ConnectionTrait,
    actor: Option<&Actor>,
    id: i32,
    now: DateTime<Utc>,
) -> Result<EventPage, EventError> {
    let e = event::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(EventError::NotFound)?;
    let w = who(db, actor, e.programme_id).await?;
    let audience = e.audience;
    if !may_see(audience, w) {
        return Err(EventError::NotFound);
    }
    let own = match actor {
        Some(a) => {
            event_rsvp::Entity::find()
                .filter(event_rsvp::Column::EventId.eq(e.id))
                .filter(event_rsvp::Column::AccountId.eq(a.account_id))
                .one(db)
                .await?
        }
        None => None,
    };
    let status = own.as_ref().map(|r| r.status);
    let manage = actor.is_some_and(|a| may_manage(a, e.host_id, e.programme_id));
    let rsvps = answers_of(db, e.id).await?;
    let position = own.as_ref().and_then(|o| waitlist_position(&rsvps, o.id));
    let attendees = if manage {
        attendees(db, &rsvps).await?
    } else {
        Vec::new()
    };
    let registered = status == Some(RsvpStatus::Confirmed);
    let link = (!e.online_link.is_empty() && (registered || manage)).then(|| e.online_link.clone());
    Ok(EventPage {
        summary: summary(db, &e, status).await?,
        description: Localized::new(&e.description_ja, &e.description_en),
        host: name_of(db, e.host_id).await?,
        online_link: link,
        position,
        signed_in: actor.is_some(),
        blocked: join_refusal(
            audience,
            w,
            e.status == EventStatus::Cancelled,
            e.starts_at,
            now,
        ),
        may_manage: manage,
        attendees,
    })
}

/// The place (from 1) of RSVP `id` on the waitlist of `rsvps` (sorted by
/// position), when it is waiting.
pub(super) fn waitlist_position(rsvps: &[event_rsvp::Model], id: i32) -> Option<i32> {
    rsvps
        .iter()
        .filter(|r| r.status == RsvpStatus::Waitlisted)
        .position(|r| r.id == id)
        .and_then(|i| i32::try_from(i + 1).ok())
}

/// The event's answers that still stand (cancelled ones left out), by
/// waitlist position, as the page and the attendees CSV list them.
pub(super) async fn answers_of(
    db: &impl ConnectionTrait,
    event_id: i32,
) -> Result<Vec<event_rsvp::Model>, DbErr> {
    event_rsvp::Entity::find()
        .filter(event_rsvp::Column::EventId.eq(event_id))
        .filter(event_rsvp::Column::Status.ne(RsvpStatus::Cancelled))
        .order_by_asc(event_rsvp::Column::Position)
        .order_by_asc(event_rsvp::Column::Id)
        .all(db)
        .await
}

/// The names of the people who gave `rsvps`, by account.
pub(super) async fn names_of(
    db: &impl ConnectionTrait,
    rsvps: &[event_rsvp::Model],
) -> Result<HashMap<i32, Localized>, DbErr> {
    Ok(account::Entity::find()
        .filter(account::Column::Id.is_in(rsvps.iter().map(|r| r.account_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, Localized::new(a.name_ja, a.name_en)))
        .collect())
}

async fn attendees(
    db: &impl ConnectionTrait,
    rsvps: &[event_rsvp::Model],
) -> Result<Vec<AttendeeRow>, DbErr> {
    let names = names_of(db, rsvps).await?;
    Ok(rsvps
        .iter()
        .map(|r| AttendeeRow {
            rsvp_id: r.id,
            name: names.get(&r.account_id).cloned().unwrap_or_default(),
            status: r.status,
            position: waitlist_position(rsvps, r.id),
            checked_in: r.checked_in_at.is_some(),
        })
        .collect())
}
