//! A programme's reminder switches: which automatic reminders it sends and
//! how many days before the application deadline drafts are reminded.

use crate::forms::{Checker, FieldError, Problem};
use serde::{Deserialize, Serialize};

/// The most days before the deadline a draft reminder may go.
pub const MAX_DRAFT_DAYS: i32 = 30;

/// What a programme sends (no row: [`ReminderSettings::default`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReminderSettings {
    /// Remind applicants of drafts not yet submitted.
    pub drafts: bool,
    /// Days before the deadline of the first draft reminder (the second is
    /// one day before).
    pub draft_days: i32,
    /// Remind reviewers of unfinished assignments before the due date.
    pub reviews: bool,
    /// Tell registrants of a moved or cancelled event, and remind them the
    /// day before.
    pub events: bool,
}

impl Default for ReminderSettings {
    fn default() -> Self {
        Self {
            drafts: true,
            draft_days: 3,
            reviews: true,
            events: true,
        }
    }
}

/// The settings form as posted (`draft[…]`; a checkbox is sent only when
/// ticked).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsDraft {
    /// Draft reminders on.
    #[serde(default)]
    pub drafts: Option<String>,
    /// Days before the deadline.
    #[serde(default)]
    pub draft_days: String,
    /// Review reminders on.
    #[serde(default)]
    pub reviews: Option<String>,
    /// Event change notices and reminders on.
    #[serde(default)]
    pub events: Option<String>,
}

impl SettingsDraft {
    /// The form filled with `s`.
    pub fn of(s: &ReminderSettings) -> Self {
        let on = |b: bool| b.then(|| "yes".to_string());
        Self {
            drafts: on(s.drafts),
            draft_days: s.draft_days.to_string(),
            reviews: on(s.reviews),
            events: on(s.events),
        }
    }
}

/// The programme reminders page's data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ManagedReminders {
    /// The programme.
    pub programme: crate::catalogue::ProgrammeRef,
    /// The form's values.
    pub draft: SettingsDraft,
}

/// What the opt-out link's page shows (no account needed, nothing
/// personal: the link may have been forwarded).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptOutLink {
    /// The person opted out already.
    pub opted_out: bool,
}

/// The settings of `draft`, or what is wrong with it: the days must be a
/// whole number from 1 to [`MAX_DRAFT_DAYS`].
pub fn validate_settings(draft: &SettingsDraft) -> Result<ReminderSettings, Vec<FieldError>> {
    let mut c = Checker::default();
    let days = match draft.draft_days.trim().parse::<i32>() {
        Ok(n) if (1..=MAX_DRAFT_DAYS).contains(&n) => n,
        _ => {
            c.fail("draft_days", Problem::BadCount);
            0
        }
    };
    if !c.is_clean() {
        return Err(c.into_problems());
    }
    Ok(ReminderSettings {
        drafts: draft.drafts.is_some(),
        draft_days: days,
        reviews: draft.reviews.is_some(),
        events: draft.events.is_some(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_through_the_form_and_bad_days_are_refused() {
        let s = ReminderSettings {
            drafts: false,
            draft_days: 5,
            reviews: true,
            events: false,
        };
        assert_eq!(validate_settings(&SettingsDraft::of(&s)), Ok(s));
        for bad in ["0", "31", "x", "", "-1"] {
            let d = SettingsDraft {
                draft_days: bad.into(),
                ..SettingsDraft::default()
            };
            let problems = validate_settings(&d).unwrap_err();
            assert_eq!(problems[0].field, "draft_days");
            assert_eq!(problems[0].problem, Problem::BadCount);
        }
    }
}
