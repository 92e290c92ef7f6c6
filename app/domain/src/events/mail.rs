//! The event mails: the reminder before an event, and the news that a
//! place came free for someone on the waitlist.

use crate::lang::{Lang, Localized};
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

    /// Subject and content (without salutation and footer) in `lang`.
    pub fn render(&self, lang: Lang) -> (String, String) {
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
        let (t, when) = (title.get(lang), format_datetime(*starts_at, lang));
        match (self, lang) {
            (EventMail::Reminder { .. }, Lang::Ja) => (
                format!("【Camp Connect】まもなく「{t}」です"),
                format!("ご参加登録いただいた「{t}」は {when} に始まります。\n\n詳細: {link}"),
            ),
            (EventMail::Reminder { .. }, Lang::En) => (
                format!("[Camp Connect] Coming up: {t}"),
                format!("{t}, which you registered for, starts at {when}.\n\nDetails: {link}"),
            ),
            (EventMail::MovedUp { .. }, Lang::Ja) => (
                format!("【Camp Connect】「{t}」に参加できるようになりました"),
                format!(
                    "キャンセルが出たため、キャンセル待ちだった「{t}」（{when} 開始）の参加が確定しました。\n\n\
                     参加できなくなった場合は、次のページからキャンセルしてください。\n{link}"
                ),
            ),
            (EventMail::MovedUp { .. }, Lang::En) => (
                format!("[Camp Connect] You have a place at {t}"),
                format!(
                    "A place came free: you moved up from the waitlist of {t} (starts {when}).\n\n\
                     If you can no longer come, please cancel on this page:\n{link}"
                ),
            ),
        }
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
