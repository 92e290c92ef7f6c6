//! Events in the database: the list and the event page, creating and
//! editing, RSVPs with the waitlist, check-in, approved hosts, reminders
//! and the calendar files.

pub mod calendar;
pub mod edit;
pub mod export;
pub mod hosts;
pub mod notices;
pub mod page;
pub mod rsvp;

use super::entities::{account, completion, event, event_host, event_rsvp};
use crate::domain::access::Actor;
use crate::domain::events::rules::{Who, is_staff};
use crate::domain::events::view::EventSummary;
use crate::domain::events::{EventStatus, RsvpStatus};
use crate::domain::forms::Problem;
use crate::domain::lang::Localized;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter};

/// Why an event change was not made.
#[derive(Debug)]
pub enum EventError {
    /// No such event, or not one the person may see.
    NotFound,
    /// The person may not do this.
    Forbidden,
    /// A rule refuses it (field, problem); nothing was written.
    Refused(&'static str, Problem),
    /// The database failed.
    Db(DbErr),
}

impl From<DbErr> for EventError {
    fn from(e: DbErr) -> Self {
        EventError::Db(e)
    }
}

/// Whether `account_id` completed any programme (a certificate not
/// revoked): the pipeline's alumnus rule, over every programme, since
/// community events are shared by all.
pub async fn is_any_alumnus(db: &impl ConnectionTrait, account_id: i32) -> Result<bool, DbErr> {
    Ok(completion::Entity::find()
        .filter(completion::Column::AccountId.eq(account_id))
        .filter(completion::Column::RevokedAt.is_null())
        .count(db)
        .await?
        > 0)
}

/// What the rules need to know about `actor`; for an event of a programme,
/// being an alumnus of that programme is what counts.
pub async fn who(
    db: &impl ConnectionTrait,
    actor: Option<&Actor>,
    programme: Option<i32>,
) -> Result<Who, DbErr> {
    let Some(a) = actor else {
        return Ok(Who::default());
    };
    let alumnus = match programme {
        Some(p) => crate::store::alumni::is_alumnus(db, a.account_id, p).await?,
        None => is_any_alumnus(db, a.account_id).await?,
    };
    Ok(Who {
        signed_in: true,
        alumnus,
        staff: is_staff(a),
    })
}

/// Whether `account_id` was approved as an event host.
pub async fn is_approved_host(db: &impl ConnectionTrait, account_id: i32) -> Result<bool, DbErr> {
    Ok(event_host::Entity::find_by_id(account_id)
        .one(db)
        .await?
        .is_some())
}

/// RSVPs of an event in one state.
pub async fn count_in(
    db: &impl ConnectionTrait,
    event_id: i32,
    status: RsvpStatus,
) -> Result<i32, DbErr> {
    let n = event_rsvp::Entity::find()
        .filter(event_rsvp::Column::EventId.eq(event_id))
        .filter(event_rsvp::Column::Status.eq(status))
        .count(db)
        .await?;
    Ok(i32::try_from(n).unwrap_or(i32::MAX))
}

/// The list line of an event, with the person's own answer.
pub async fn summary(
    db: &impl ConnectionTrait,
    e: &event::Model,
    mine: Option<RsvpStatus>,
) -> Result<EventSummary, DbErr> {
    Ok(EventSummary {
        id: e.id,
        title: Localized::new(&e.title_ja, &e.title_en),
        kind: e.kind,
        audience: e.audience,
        starts_at: e.starts_at,
        ends_at: e.ends_at,
        venue: e.venue.clone(),
        capacity: e.capacity,
        confirmed: count_in(db, e.id, RsvpStatus::Confirmed).await?,
        waitlisted: count_in(db, e.id, RsvpStatus::Waitlisted).await?,
        credit_tenths: e.credit_tenths,
        cancelled: e.status == EventStatus::Cancelled,
        mine,
    })
}

/// A person's name (empty for a deleted account).
pub async fn name_of(
    db: &impl ConnectionTrait,
    account_id: Option<i32>,
) -> Result<Localized, DbErr> {
    let Some(id) = account_id else {
        return Ok(Localized::default());
    };
    Ok(account::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|a| Localized::new(a.name_ja, a.name_en))
        .unwrap_or_default())
}
