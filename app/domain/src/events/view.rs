//! What the event pages show, as sent from the server.

use super::{Audience, EventKind, RsvpStatus};
use crate::forms::Problem;
use crate::lang::Localized;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One event in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventSummary {
    /// The event.
    pub id: i32,
    /// Its title.
    pub title: Localized,
    /// Its kind.
    pub kind: EventKind,
    /// Who may come.
    pub audience: Audience,
    /// When it starts.
    pub starts_at: DateTime<Utc>,
    /// When it ends.
    pub ends_at: DateTime<Utc>,
    /// Where (may be empty).
    pub venue: String,
    /// Places.
    pub capacity: i32,
    /// Places taken.
    pub confirmed: i32,
    /// People waiting.
    pub waitlisted: i32,
    /// Credits for attending, in tenths of an hour.
    pub credit_tenths: i32,
    /// Called off.
    pub cancelled: bool,
    /// The person's own RSVP, if any.
    pub mine: Option<RsvpStatus>,
}

/// The `/events` page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventList {
    /// Upcoming events (soonest first), then past ones (latest first).
    pub events: Vec<EventSummary>,
    /// Someone is signed in.
    pub signed_in: bool,
    /// The person may create events.
    pub may_create: bool,
    /// The person may approve hosts.
    pub may_approve_hosts: bool,
    /// The site's public address, for the calendar feed's full address.
    pub site: String,
}

/// Someone who answered an event, as its host sees them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendeeRow {
    /// The RSVP.
    pub rsvp_id: i32,
    /// Their name.
    pub name: Localized,
    /// Their answer.
    pub status: RsvpStatus,
    /// Their place on the waitlist (from 1), when waiting.
    pub position: Option<i32>,
    /// Checked in by the host.
    pub checked_in: bool,
}

/// The `/events/<id>` page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventPage {
    /// The event.
    pub summary: EventSummary,
    /// Its description.
    pub description: Localized,
    /// The host's name.
    pub host: Localized,
    /// The online link: only for the registered and those who run it.
    pub online_link: Option<String>,
    /// The person's place on the waitlist (from 1), when waiting.
    pub position: Option<i32>,
    /// Someone is signed in.
    pub signed_in: bool,
    /// Why the person may not RSVP, if they may not.
    pub blocked: Option<Problem>,
    /// The person runs the event (edit, check-in).
    pub may_manage: bool,
    /// Who answered, for those who run it.
    pub attendees: Vec<AttendeeRow>,
}

/// The event form's values (typed text, JST times), new or existing. A
/// field left out of a post reads as empty, and is then reported as such.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventForm {
    /// The event, when editing.
    pub id: Option<i32>,
    /// Title in Japanese (or the only one).
    pub title_ja: String,
    /// Title in English.
    pub title_en: String,
    /// Description in Japanese (or the only one).
    pub description_ja: String,
    /// Description in English.
    pub description_en: String,
    /// Kind (stored spelling).
    pub kind: String,
    /// Start, `YYYY-MM-DDTHH:MM` in JST.
    pub starts_at: String,
    /// End, same form.
    pub ends_at: String,
    /// Venue.
    pub venue: String,
    /// Online link.
    pub online_link: String,
    /// Places.
    pub capacity: String,
    /// Audience (stored spelling).
    pub audience: String,
    /// Credit hours, e.g. `1.5`.
    pub credits: String,
    /// Called off (`Some` when the box is ticked, as a form sends it).
    pub cancelled: Option<String>,
}

/// An approved host, for the hosts page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostRow {
    /// Their account.
    pub account_id: i32,
    /// Their name.
    pub name: Localized,
    /// Their address.
    pub email: String,
    /// When they were approved.
    pub approved_at: DateTime<Utc>,
}
