//! iCalendar files: one per event (`/events/<id>.ics`, for whoever may see
//! the event) and a personal feed of the events one answered, at a secret
//! address (calendar apps cannot sign in). Only the feed token's hash is
//! stored; a new address replaces the old one.

use super::{EventError, who};
use crate::domain::access::Actor;
use crate::domain::events::rules::{may_manage, may_see};
use crate::domain::events::{EventStatus, RsvpStatus};
use crate::domain::lang::{Lang, Localized};
use crate::domain::tokens::{is_token_shaped, token_hash};
use crate::store::entities::{calendar_feed, event, event_rsvp};
use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, Event, EventLike};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

/// One event as an iCalendar component; the online link only when
/// `with_link` (the person is registered or runs it).
fn component(
    e: &event::Model,
    site: &str,
    lang: Lang,
    with_link: bool,
    now: DateTime<Utc>,
) -> Event {
    let page = super::rsvp::event_link(site, e.id);
    let mut description = Localized::new(&e.description_ja, &e.description_en)
        .get(lang)
        .to_string();
    if with_link && !e.online_link.is_empty() {
        description = format!("{description}\n\n{}", e.online_link);
    }
    let host = site
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or("camp-connect");
    let mut c = Event::new();
    c.uid(&format!("event-{}@{host}", e.id))
        .summary(Localized::new(&e.title_ja, &e.title_en).get(lang))
        .description(&description)
        .starts(e.starts_at)
        .ends(e.ends_at)
        .timestamp(now)
        .add_property("URL", page);
    if !e.venue.is_empty() {
        c.location(&e.venue);
    }
    if e.status == EventStatus::Cancelled {
        c.add_property("STATUS", "CANCELLED");
    }
    c.done()
}

/// The iCalendar file of one event, for someone who may see it.
pub async fn event_ics(
    db: &impl ConnectionTrait,
    actor: Option<&Actor>,
    id: i32,
    site: &str,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<String, EventError> {
    let e = event::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(EventError::NotFound)?;
    if !may_see(e.audience, who(db, actor, e.programme_id).await?) {
        return Err(EventError::NotFound);
    }
    let with_link = match actor {
        Some(a) => {
            may_manage(a, e.host_id, e.programme_id)
                || event_rsvp::Entity::find()
                    .filter(event_rsvp::Column::EventId.eq(e.id))
                    .filter(event_rsvp::Column::AccountId.eq(a.account_id))
                    .filter(event_rsvp::Column::Status.eq(RsvpStatus::Confirmed))
                    .one(db)
                    .await?
                    .is_some()
        }
        None => false,
    };
    let mut cal = Calendar::new();
    cal.name("Camp Connect")
        .push(component(&e, site, lang, with_link, now));
    Ok(cal.done().to_string())
}

/// Makes a new secret feed address for `account_id` (the old one stops
/// working); returns the token, shown to the person once.
pub async fn new_feed(
    db: &DatabaseConnection,
    account_id: i32,
    now: DateTime<Utc>,
) -> Result<String, DbErr> {
    let token = crate::store::tokens::new_token()?;
    calendar_feed::Entity::insert(calendar_feed::ActiveModel {
        account_id: Set(account_id),
        token_hash: Set(token_hash(&token)),
        created_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(calendar_feed::Column::AccountId)
            .update_columns([
                calendar_feed::Column::TokenHash,
                calendar_feed::Column::CreatedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(token)
}

/// The feed of the holder of `token`: the events they registered for or
/// wait for (cancelled answers left out); `None` for an unknown token.
pub async fn feed_ics(
    db: &impl ConnectionTrait,
    token: &str,
    site: &str,
    now: DateTime<Utc>,
) -> Result<Option<String>, DbErr> {
    if !is_token_shaped(token) {
        return Ok(None);
    }
    let Some(feed) = calendar_feed::Entity::find()
        .filter(calendar_feed::Column::TokenHash.eq(token_hash(token)))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let lang = crate::store::entities::account::Entity::find_by_id(feed.account_id)
        .one(db)
        .await?
        .map(|a| a.language)
        .unwrap_or_default();
    let answers = event_rsvp::Entity::find()
        .filter(event_rsvp::Column::AccountId.eq(feed.account_id))
        .filter(event_rsvp::Column::Status.ne(RsvpStatus::Cancelled))
        .all(db)
        .await?;
    let events = event::Entity::find()
        .filter(event::Column::Id.is_in(answers.iter().map(|r| r.event_id)))
        .order_by_asc(event::Column::StartsAt)
        .all(db)
        .await?;
    let mut cal = Calendar::new();
    cal.name("Camp Connect");
    for e in &events {
        let confirmed = answers
            .iter()
            .any(|r| r.event_id == e.id && r.status == RsvpStatus::Confirmed);
        cal.push(component(e, site, lang, confirmed, now));
    }
    Ok(Some(cal.done().to_string()))
}
