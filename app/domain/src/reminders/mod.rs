//! Automatic reminders: when a draft application or a reviewer's unfinished
//! assignments are reminded of a deadline, what counts as a real change of
//! an event, and each programme's switches for them. Pure: the store's
//! sweep asks these rules and records each reminder it sends, so a reminder
//! goes once however many instances sweep.

pub mod mail;
pub mod settings;

pub use settings::{
    ManagedReminders, OptOutLink, ReminderSettings, SettingsDraft, validate_settings,
};

use chrono::{DateTime, Duration, Utc};

/// Days before the review's due date that reviewers with unfinished
/// assignments are reminded, earliest first.
pub const REVIEW_STEPS: [i64; 2] = [2, 1];

/// The reminder step due `now` for a deadline at `deadline`, given the
/// steps (days before, any order): the smallest step whose window has
/// begun, while the deadline has not passed. `None` before the first window
/// and after the deadline. A draft started two days before the deadline,
/// with steps 3 and 1, is due step 3 at once (its window is open) and step
/// 1 a day later; one started an hour before is due step 1 only.
pub fn due_step(deadline: DateTime<Utc>, now: DateTime<Utc>, steps: &[i64]) -> Option<i64> {
    if now >= deadline {
        return None;
    }
    steps
        .iter()
        .copied()
        .filter(|d| *d > 0 && now >= deadline - Duration::days(*d))
        .min()
}

/// The draft reminder steps of a programme that reminds `days` before the
/// deadline: `days` and 1 (just 1 when `days` is 1).
pub fn draft_steps(days: i32) -> Vec<i64> {
    let mut steps = vec![i64::from(days.max(1)), 1];
    steps.dedup();
    steps
}

/// Where an event is, in both languages: its venue, "online" when it has
/// an online link, or both.
pub fn place(venue: &str, online: bool) -> crate::lang::Localized {
    let word = |lang| {
        let online = online.then(|| crate::text::mail::online(lang));
        [Some(venue.trim()).filter(|v| !v.is_empty()), online]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" / ")
    };
    crate::lang::Localized::new(word(crate::lang::Lang::Ja), word(crate::lang::Lang::En))
}

/// The facts of an event that its registrants are told about when they
/// change: when and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventFacts {
    /// When it starts.
    pub starts_at: DateTime<Utc>,
    /// When it ends.
    pub ends_at: DateTime<Utc>,
    /// The venue (may be empty).
    pub venue: String,
    /// The online link (may be empty).
    pub online_link: String,
    /// Cancelled.
    pub cancelled: bool,
}

/// What an edit did that registrants must hear about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventChange {
    /// The event was cancelled.
    Cancelled,
    /// Its time or place changed (and it is still on).
    Moved,
}

/// What changed from `before` to `after` that registrants are told:
/// cancelling (once: a cancelled event edited again says nothing), or a
/// new time or place. Any other edit (the title, the description, the
/// capacity) and a change back from cancelled are not news by mail.
pub fn event_change(before: &EventFacts, after: &EventFacts) -> Option<EventChange> {
    if after.cancelled {
        return (!before.cancelled).then_some(EventChange::Cancelled);
    }
    if before.cancelled {
        return None;
    }
    let moved = before.starts_at != after.starts_at
        || before.ends_at != after.ends_at
        || before.venue.trim() != after.venue.trim()
        || before.online_link.trim() != after.online_link.trim();
    moved.then_some(EventChange::Moved)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn deadline() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 3, 8, 3, 0, 0).unwrap()
    }

    #[test]
    fn a_draft_is_reminded_n_days_then_one_day_before_the_deadline() {
        let steps = draft_steps(3);
        let before = |h: i64| deadline() - Duration::hours(h);
        assert_eq!(due_step(deadline(), before(24 * 3 + 1), &steps), None);
        assert_eq!(due_step(deadline(), before(24 * 3), &steps), Some(3));
        assert_eq!(due_step(deadline(), before(30), &steps), Some(3));
        assert_eq!(due_step(deadline(), before(24), &steps), Some(1));
        assert_eq!(due_step(deadline(), before(1), &steps), Some(1));
        assert_eq!(due_step(deadline(), deadline(), &steps), None);
        assert_eq!(due_step(deadline(), before(-5), &steps), None);
    }

    #[test]
    fn draft_steps_never_repeat_and_never_go_below_one_day() {
        assert_eq!(draft_steps(3), vec![3, 1]);
        assert_eq!(draft_steps(1), vec![1]);
        assert_eq!(draft_steps(0), vec![1]);
    }

    #[test]
    fn reviewers_are_reminded_two_days_then_one_day_before_the_due_date() {
        let due = deadline();
        assert_eq!(
            due_step(due, due - Duration::hours(49), &REVIEW_STEPS),
            None
        );
        assert_eq!(
            due_step(due, due - Duration::hours(47), &REVIEW_STEPS),
            Some(2)
        );
        assert_eq!(
            due_step(due, due - Duration::hours(23), &REVIEW_STEPS),
            Some(1)
        );
        assert_eq!(due_step(due, due + Duration::hours(1), &REVIEW_STEPS), None);
    }

    fn facts() -> EventFacts {
        EventFacts {
            starts_at: deadline(),
            ends_at: deadline() + Duration::hours(2),
            venue: "Room 1".into(),
            online_link: String::new(),
            cancelled: false,
        }
    }

    #[test]
    fn only_a_new_time_or_place_or_a_cancellation_is_news() {
        let a = facts();
        assert_eq!(event_change(&a, &a.clone()), None);
        let later = EventFacts {
            starts_at: a.starts_at + Duration::hours(1),
            ..a.clone()
        };
        assert_eq!(event_change(&a, &later), Some(EventChange::Moved));
        let longer = EventFacts {
            ends_at: a.ends_at + Duration::hours(1),
            ..a.clone()
        };
        assert_eq!(event_change(&a, &longer), Some(EventChange::Moved));
        let elsewhere = EventFacts {
            venue: "Room 2".into(),
            ..a.clone()
        };
        assert_eq!(event_change(&a, &elsewhere), Some(EventChange::Moved));
        let spaced = EventFacts {
            venue: " Room 1 ".into(),
            ..a.clone()
        };
        assert_eq!(event_change(&a, &spaced), None);
        let online = EventFacts {
            online_link: "https://meet.example/x".into(),
            ..a.clone()
        };
        assert_eq!(event_change(&a, &online), Some(EventChange::Moved));
        let off = EventFacts {
            cancelled: true,
            ..a.clone()
        };
        assert_eq!(event_change(&a, &off), Some(EventChange::Cancelled));
        assert_eq!(event_change(&off, &off.clone()), None);
        assert_eq!(event_change(&off, &a), None);
    }
}
