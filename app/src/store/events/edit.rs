//! Creating and editing events: organisers and approved hosts create;
//! an event's host, the organisers of its programme and admins edit it.
//! More places move the waitlist up at once.

use super::rsvp::promote;
use super::{EventError, is_approved_host};
use crate::domain::access::Actor;
use crate::domain::events::EventStatus;
use crate::domain::events::form::EventInput;
use crate::domain::events::rules::{format_tenths, may_create, may_manage};
use crate::domain::events::view::EventForm;
use crate::domain::time::to_jst_input;
use crate::store::audit::{AuditEntry, append_audit};
use crate::store::entities::event;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};

fn fill(m: &mut event::ActiveModel, i: &EventInput, now: DateTime<Utc>) {
    m.title_ja = Set(i.title_ja.clone());
    m.title_en = Set(i.title_en.clone());
    m.description_ja = Set(i.description_ja.clone());
    m.description_en = Set(i.description_en.clone());
    m.kind = Set(i.kind);
    m.starts_at = Set(i.starts_at);
    m.ends_at = Set(i.ends_at);
    m.venue = Set(i.venue.clone());
    m.online_link = Set(i.online_link.clone());
    m.capacity = Set(i.capacity);
    m.audience = Set(i.audience);
    m.credit_tenths = Set(i.credit_tenths);
    m.status = Set(if i.cancelled {
        EventStatus::Cancelled
    } else {
        EventStatus::Published
    });
    m.updated_at = Set(now);
}

async fn audit(
    db: &impl ConnectionTrait,
    actor: &Actor,
    action: &str,
    e: &event::Model,
    now: DateTime<Utc>,
) -> Result<(), sea_orm::DbErr> {
    append_audit(
        db,
        AuditEntry {
            actor_id: Some(actor.account_id),
            action,
            entity: "event",
            entity_id: e.id.to_string(),
            programme_id: e.programme_id,
            summary: format!("event {} \"{}\"", e.id, e.title_ja),
        },
        now,
    )
    .await
}

/// Creates an event hosted by `actor` (an organiser or approved host);
/// its id.
pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &EventInput,
    now: DateTime<Utc>,
) -> Result<i32, EventError> {
    if !may_create(actor, is_approved_host(db, actor.account_id).await?, None) {
        return Err(EventError::Forbidden);
    }
    let txn = crate::store::begin_write(db).await?;
    let mut m = event::ActiveModel {
        programme_id: Set(None),
        host_id: Set(Some(actor.account_id)),
        reminded_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    };
    fill(&mut m, input, now);
    let e = m.insert(&txn).await?;
    audit(&txn, actor, "event.create", &e, now).await?;
    txn.commit().await?;
    Ok(e.id)
}

/// The event, for someone who may edit it. An event the actor may not
/// edit is not found, exactly like a missing one: a refusal would tell
/// anyone that an alumni-only event with this id exists.
pub(super) async fn managed(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i32,
) -> Result<event::Model, EventError> {
    event::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|e| may_manage(actor, e.host_id, e.programme_id))
        .ok_or(EventError::NotFound)
}

/// The stored event as the form shows it, for someone who may edit it.
pub async fn form_of(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i32,
) -> Result<EventForm, EventError> {
    let e = managed(db, actor, id).await?;
    Ok(EventForm {
        id: Some(e.id),
        title_ja: e.title_ja,
        title_en: e.title_en,
        description_ja: e.description_ja,
        description_en: e.description_en,
        kind: e.kind.as_str().to_string(),
        starts_at: to_jst_input(e.starts_at),
        ends_at: to_jst_input(e.ends_at),
        venue: e.venue,
        online_link: e.online_link,
        capacity: e.capacity.to_string(),
        audience: e.audience.as_str().to_string(),
        credits: format_tenths(e.credit_tenths),
        cancelled: (e.status == EventStatus::Cancelled).then(|| "on".to_string()),
    })
}

/// Saves an edited event; places added move the waitlist up (each person
/// told by mail), and a new time or place or a cancellation is mailed to
/// everyone registered, in the same transaction that holds the event's row.
pub async fn update(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    input: &EventInput,
    site: &str,
    now: DateTime<Utc>,
) -> Result<(), EventError> {
    let txn = crate::store::begin_write(db).await?;
    event::Entity::update_many()
        .col_expr(event::Column::Id, Expr::col(event::Column::Id))
        .filter(event::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    let e = managed(&txn, actor, id).await?;
    let moved = e.starts_at != input.starts_at;
    let before = super::notices::facts(&e);
    let mut m: event::ActiveModel = e.into();
    fill(&mut m, input, now);
    if moved {
        // A new date deserves a new reminder.
        m.reminded_at = Set(None);
    }
    let e = m.update(&txn).await?;
    if !input.cancelled && e.starts_at > now {
        promote(&txn, &e, site, now).await?;
    }
    super::notices::tell_registrants(&txn, &before, &e, site, now).await?;
    audit(&txn, actor, "event.update", &e, now).await?;
    txn.commit().await?;
    Ok(())
}
