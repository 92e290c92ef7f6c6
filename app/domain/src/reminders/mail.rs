//! The automatic reminder mails: a draft application before the deadline,
//! a reviewer's unfinished assignments before the review's due date, and
//! an event that moved or was cancelled.

#[cfg(any(feature = "mail", test))]
use crate::lang::Lang;
use crate::lang::Localized;
#[cfg(any(feature = "mail", test))]
use crate::time::format_datetime;
use chrono::{DateTime, Utc};

/// A reminder mail, with what it needs to say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReminderMail {
    /// A draft not yet submitted, and the deadline is near.
    Draft {
        /// "Programme cohort: track", in both languages.
        track: Localized,
        /// When applications close.
        deadline: DateTime<Utc>,
        /// The application form's address.
        link: String,
    },
    /// Assignments not finished, and the review's due date is near.
    Review {
        /// "Programme cohort: track", in both languages.
        track: Localized,
        /// When the review is due.
        due_at: DateTime<Utc>,
        /// How many assignments are unfinished.
        unfinished: u64,
        /// The reviewer's page.
        link: String,
    },
    /// The event's time or place changed.
    EventChanged {
        /// The event's title.
        title: Localized,
        /// When it now starts.
        starts_at: DateTime<Utc>,
        /// Where it now is (see [`super::place`]).
        place: Localized,
        /// The event page's address.
        link: String,
    },
    /// The event was cancelled.
    EventCancelled {
        /// The event's title.
        title: Localized,
        /// When it would have started.
        starts_at: DateTime<Utc>,
        /// The event page's address.
        link: String,
    },
}

impl ReminderMail {
    /// The template's name, as stored with each message.
    pub fn name(&self) -> &'static str {
        match self {
            ReminderMail::Draft { .. } => "draft_reminder",
            ReminderMail::Review { .. } => "review_reminder",
            ReminderMail::EventChanged { .. } => "event_changed",
            ReminderMail::EventCancelled { .. } => "event_cancelled",
        }
    }

    /// Subject (`mail.json`) and content (the template named [`Self::name`],
    /// without salutation and footer) in `lang`.
    #[cfg(any(feature = "mail", test))]
    pub fn render(&self, lang: Lang) -> (String, String) {
        use crate::mail::render::render;
        use crate::text::mail::subject;
        use minijinja::context;
        let name = self.name();
        match self {
            ReminderMail::Draft {
                track,
                deadline,
                link,
            } => {
                let (track, deadline) = (track.get(lang), format_datetime(*deadline, lang));
                (
                    subject::draft_reminder(lang, track),
                    render(lang, name, context! { track, deadline, link }),
                )
            }
            ReminderMail::Review {
                track,
                due_at,
                unfinished,
                link,
            } => {
                let (track, due) = (track.get(lang), format_datetime(*due_at, lang));
                (
                    subject::review_reminder(lang, track),
                    render(lang, name, context! { track, due, unfinished, link }),
                )
            }
            ReminderMail::EventChanged {
                title,
                starts_at,
                place,
                link,
            } => {
                let (title, when) = (title.get(lang), format_datetime(*starts_at, lang));
                let place = place.get(lang);
                (
                    subject::event_changed(lang, title),
                    render(lang, name, context! { title, when, place, link }),
                )
            }
            ReminderMail::EventCancelled {
                title,
                starts_at,
                link,
            } => {
                let (title, when) = (title.get(lang), format_datetime(*starts_at, lang));
                (
                    subject::event_cancelled(lang, title),
                    render(lang, name, context! { title, when, link }),
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reminders_render_in_both_languages_with_their_facts() {
        let at = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let m = ReminderMail::Review {
            track: Localized::new("全国大会: C", "Camp: C"),
            due_at: at,
            unfinished: 4,
            link: "https://cc.example/review".into(),
        };
        let (ja_s, ja) = m.render(Lang::Ja);
        let (en_s, en) = m.render(Lang::En);
        assert!(ja_s.contains("全国大会: C") && en_s.contains("Camp: C"));
        assert!(ja.contains('4') && en.contains('4'));
        assert!(ja.contains("/review") && en.contains("/review"));
    }
}
