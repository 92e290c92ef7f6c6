//! The attendees CSV of an event, for those who may run it (its host, the
//! organisers of its programme, admins): the people the event page shows
//! them, in the same order.

use super::EventError;
use super::edit::managed;
use super::page::{answers_of, names_of, waitlist_position};
use crate::domain::access::Actor;
use crate::domain::events::export::{AttendeeLine, csv_header, csv_record};
use crate::domain::lang::Lang;
use crate::domain::spreadsheet::Csv;
use sea_orm::ConnectionTrait;

/// The attendees of event `id` as CSV in `lang`; `NotFound` for an event
/// that does not exist or that `actor` may not run, exactly alike.
pub async fn attendees_csv(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i32,
    lang: Lang,
) -> Result<String, EventError> {
    let e = managed(db, actor, id).await?;
    let rsvps = answers_of(db, e.id).await?;
    let names = names_of(db, &rsvps).await?;
    let mut w = Csv::new();
    w.row(csv_header(lang));
    for r in &rsvps {
        let line = AttendeeLine {
            name: names.get(&r.account_id).cloned().unwrap_or_default(),
            status: r.status,
            position: waitlist_position(&rsvps, r.id),
            registered_at: r.created_at,
            checked_in_at: r.checked_in_at,
        };
        w.row(csv_record(&line, lang));
    }
    Ok(w.finish())
}
