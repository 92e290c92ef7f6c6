//! The event mails: the reminder before an event, and the news that a
//! place came free for someone on the waitlist.

#[cfg(any(feature = "mail", test))]
use crate::lang::Lang;
use crate::lang::Localized;
#[cfg(any(feature = "mail", test))]
use crate::time::format_datetime;
use chrono::{DateTime, Utc};

/// An event mail, with what it needs to say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EventMail {
    /// The day before: the event is coming.
    Reminder {
        /// The event's title.
        title: Localized,
        /// When it starts.
        starts_at: DateTime<Utc>,
        /// The event page's address.
        link: String,
    },
    /// A place came free and is now the person's.
    MovedUp {
        /// The event's title.
        title: Localized,
        /// When it starts.
        starts_at: DateTime<Utc>,
        /// The event page's address.
        link: String,
    },
}

impl EventMail {
    /// The template's name, as stored with each message.
    pub fn name(&self) -> &'static str {
        match self {
            EventMail::Reminder { .. } => "event_reminder",
            EventMail::MovedUp { .. } => "event_moved_up",
        }
    }

    /// Subject (`mail.json`) and content (the template named [`Self::name`],
    /// without salutation and footer) in `lang`.
    #[cfg(any(feature = "mail", test))]
    pub fn render(&self, lang: Lang) -> (String, String) {
        use crate::mail::render::render;
        use crate::text::mail::subject;
        use minijinja::context;
        let (EventMail::Reminder {
            title,
            starts_at,
            link,
        }
        | EventMail::MovedUp {
            title,
            starts_at,
            link,
        }) = self;
        let (title, when) = (title.get(lang), format_datetime(*starts_at, lang));
        let subject = match self {
            EventMail::Reminder { .. } => subject::event_reminder(lang, title),
            EventMail::MovedUp { .. } => subject::event_moved_up(lang, title),
        };
        (
            subject,
            render(lang, self.name(), context! { title, when, link }),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_mails_render_in_both_languages_with_the_link() {
        let title = Localized::new("暗号勉強会", "");
        let starts_at = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        for m in [
            EventMail::Reminder {
                title: title.clone(),
                starts_at,
                link: "https://cc.example/events/1".into(),
            },
            EventMail::MovedUp {
                title: title.clone(),
                starts_at,
                link: "https://cc.example/events/1".into(),
            },
        ] {
            let (ja_s, ja) = m.render(Lang::Ja);
            let (en_s, en) = m.render(Lang::En);
            assert_ne!(ja_s, en_s);
            assert!(ja.contains("/events/1") && en.contains("/events/1"));
            assert!(
                en.contains("暗号勉強会"),
                "an English mail falls back to the only title"
            );
        }
    }
}
