//! Checking the event form: every field at once, lengths in characters,
//! times typed in JST, the end after the start, hours with one decimal.

use super::view::EventForm;
use super::{Audience, EventKind, MAX_DESCRIPTION, MAX_LINK, MAX_TITLE};
use crate::application::questions::is_web_address;
use crate::forms::{Checker, FieldError, Problem};
use chrono::{DateTime, Utc};

/// A checked event, ready to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventInput {
    /// Title in Japanese (or the only one).
    pub title_ja: String,
    /// Title in English.
    pub title_en: String,
    /// Description in Japanese (or the only one).
    pub description_ja: String,
    /// Description in English.
    pub description_en: String,
    /// Kind.
    pub kind: EventKind,
    /// Start.
    pub starts_at: DateTime<Utc>,
    /// End.
    pub ends_at: DateTime<Utc>,
    /// Venue.
    pub venue: String,
    /// Online link (empty or http(s)).
    pub online_link: String,
    /// Places.
    pub capacity: i32,
    /// Audience.
    pub audience: Audience,
    /// Credit hours in tenths.
    pub credit_tenths: i32,
    /// Called off.
    pub cancelled: bool,
}

/// Checks the typed form; every problem is reported at once.
pub fn check(f: &EventForm) -> Result<EventInput, Vec<FieldError>> {
    let mut c = Checker::default();
    let title_ja = c.text("title_ja", &f.title_ja, true, MAX_TITLE);
    let title_en = c.text("title_en", &f.title_en, false, MAX_TITLE);
    let description_ja = c.text("description_ja", &f.description_ja, false, MAX_DESCRIPTION);
    let description_en = c.text("description_en", &f.description_en, false, MAX_DESCRIPTION);
    let venue = c.text("venue", &f.venue, false, MAX_TITLE);
    let online_link = c.text("online_link", &f.online_link, false, MAX_LINK);
    if !online_link.is_empty() && !is_web_address(&online_link) {
        c.fail("online_link", Problem::BadUrl);
    }
    let kind = EventKind::parse(&f.kind);
    if kind.is_none() {
        c.fail("kind", Problem::BadChoice);
    }
    let audience = Audience::parse(&f.audience);
    if audience.is_none() {
        c.fail("audience", Problem::BadChoice);
    }
    let starts_at = c.time("starts_at", &f.starts_at);
    let ends_at = c.time("ends_at", &f.ends_at);
    if let (Some(s), Some(e)) = (starts_at, ends_at)
        && e <= s
    {
        c.fail("ends_at", Problem::EndsBeforeStart);
    }
    let capacity = c.count("capacity", &f.capacity);
    let credits = if f.credits.trim().is_empty() {
        Some(0)
    } else {
        super::rules::parse_tenths(&f.credits)
    };
    if credits.is_none() {
        c.fail("credits", Problem::BadHours);
    }
    match (kind, audience, starts_at, ends_at, credits) {
        (Some(kind), Some(audience), Some(starts_at), Some(ends_at), Some(credit_tenths))
            if c.is_clean() =>
        {
            Ok(EventInput {
                title_ja,
                title_en,
                description_ja,
                description_en,
                kind,
                starts_at,
                ends_at,
                venue,
                online_link,
                capacity,
                audience,
                credit_tenths,
                cancelled: f.cancelled.is_some(),
            })
        }
        _ => Err(c.into_problems()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> EventForm {
        EventForm {
            title_ja: "暗号勉強会".into(),
            kind: "study_session".into(),
            starts_at: "2027-01-10T19:00".into(),
            ends_at: "2027-01-10T21:00".into(),
            capacity: "2".into(),
            audience: "public".into(),
            credits: "1.5".into(),
            ..EventForm::default()
        }
    }

    #[test]
    fn a_good_form_is_read_in_jst() {
        let e = check(&form()).unwrap();
        assert_eq!(e.starts_at.to_rfc3339(), "2027-01-10T10:00:00+00:00");
        assert_eq!(e.credit_tenths, 15);
        assert_eq!(e.capacity, 2);
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let f = EventForm {
            title_ja: "x".repeat(MAX_TITLE + 1),
            ends_at: "2027-01-10T18:00".into(),
            online_link: "javascript:alert(1)".into(),
            credits: "1.25".into(),
            kind: "party".into(),
            ..form()
        };
        let fields: Vec<(String, Problem)> = check(&f)
            .unwrap_err()
            .into_iter()
            .map(|p| (p.field, p.problem))
            .collect();
        assert!(fields.contains(&("title_ja".into(), Problem::TooLong)));
        assert!(fields.contains(&("ends_at".into(), Problem::EndsBeforeStart)));
        assert!(fields.contains(&("online_link".into(), Problem::BadUrl)));
        assert!(fields.contains(&("credits".into(), Problem::BadHours)));
        assert!(fields.contains(&("kind".into(), Problem::BadChoice)));
    }
}
