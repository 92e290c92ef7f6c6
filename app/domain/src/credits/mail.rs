//! The credit mails: the request to a supervisor, with the single-use
//! link, and the supervisor's answer to the person.

#[cfg(any(feature = "mail", test))]
use crate::lang::Lang;
#[cfg(any(feature = "mail", test))]
use crate::time::format_datetime;
use chrono::{DateTime, Utc};

/// A credit mail, with what it needs to say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CreditMail {
    /// To a supervisor: confirm or decline an activity by the link.
    ConfirmRequest {
        /// Who reported it.
        person: String,
        /// What it was.
        title: String,
        /// Hours, as shown (`1.5`).
        hours: String,
        /// The single-use link.
        link: String,
        /// When the link stops working.
        expires_at: DateTime<Utc>,
    },
    /// To the person: what the supervisor answered.
    Decided {
        /// What it was.
        title: String,
        /// Confirmed or declined.
        confirmed: bool,
    },
}

impl CreditMail {
    /// The template's name, as stored with each message.
    pub fn name(&self) -> &'static str {
        match self {
            CreditMail::ConfirmRequest { .. } => "credit_confirm_request",
            CreditMail::Decided {
                confirmed: true, ..
            } => "credit_confirmed",
            CreditMail::Decided { .. } => "credit_declined",
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
            CreditMail::ConfirmRequest {
                person,
                title,
                hours,
                link,
                expires_at,
            } => {
                let until = format_datetime(*expires_at, lang);
                (
                    subject::credit_confirm_request(lang, person),
                    render(lang, name, context! { person, title, hours, link, until }),
                )
            }
            CreditMail::Decided { title, confirmed } => {
                let subject = if *confirmed {
                    subject::credit_confirmed(lang)
                } else {
                    subject::credit_declined(lang)
                };
                (subject.to_string(), render(lang, name, context! { title }))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credit_mails_render_in_both_languages() {
        let m = CreditMail::ConfirmRequest {
            person: "山田".into(),
            title: "講演".into(),
            hours: "1.5".into(),
            link: "https://cc.example/credits/confirm/abc".into(),
            expires_at: DateTime::from_timestamp(1_800_000_000, 0).unwrap(),
        };
        for lang in [Lang::Ja, Lang::En] {
            let (_, body) = m.render(lang);
            assert!(body.contains("/credits/confirm/abc") && body.contains("1.5"));
        }
        let d = CreditMail::Decided {
            title: "講演".into(),
            confirmed: false,
        };
        assert_ne!(d.render(Lang::Ja).0, d.render(Lang::En).0);
    }
}
