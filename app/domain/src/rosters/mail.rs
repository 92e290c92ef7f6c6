//! The roster mails: an invitation to lecture a track, and the answer to a
//! tutor volunteer.

#[cfg(any(feature = "mail", test))]
use crate::lang::Lang;
use crate::lang::Localized;
#[cfg(any(feature = "mail", test))]
use crate::time::format_datetime;
use chrono::{DateTime, Utc};

/// A roster mail, with what it needs to say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RosterMail {
    /// An invitation to lecture a track, by a single-use link.
    LecturerInvitation {
        /// "Programme cohort: track", in both languages.
        track: Localized,
        /// The single-use link's full address.
        link: String,
        /// When the link stops working.
        expires_at: DateTime<Utc>,
    },
    /// An organiser's answer to a tutor volunteer.
    VolunteerDecided {
        /// "Programme cohort: track", in both languages.
        track: Localized,
        /// Approved (on the tutor roster) or declined.
        approved: bool,
    },
}

impl RosterMail {
    /// The template's name, as stored with each message.
    pub fn name(&self) -> &'static str {
        match self {
            RosterMail::LecturerInvitation { .. } => "lecturer_invitation",
            RosterMail::VolunteerDecided { approved: true, .. } => "tutor_volunteer_approved",
            RosterMail::VolunteerDecided { .. } => "tutor_volunteer_declined",
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
            RosterMail::LecturerInvitation {
                track,
                link,
                expires_at,
            } => {
                let (track, until) = (track.get(lang), format_datetime(*expires_at, lang));
                (
                    subject::lecturer_invitation(lang, track),
                    render(lang, name, context! { track, link, until }),
                )
            }
            RosterMail::VolunteerDecided { track, approved } => {
                let track = track.get(lang);
                let subject = if *approved {
                    subject::tutor_volunteer_approved(lang, track)
                } else {
                    subject::tutor_volunteer_declined(lang, track)
                };
                (subject, render(lang, name, context! { track }))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_roster_mail_renders_in_both_languages_with_its_link() {
        let track = Localized::new("コネクト 2027: AI", "Connect 2027: AI");
        let mails = [
            RosterMail::LecturerInvitation {
                track: track.clone(),
                link: "https://cc.example/invitations/abc".into(),
                expires_at: DateTime::from_timestamp(1_800_000_000, 0).unwrap(),
            },
            RosterMail::VolunteerDecided {
                track: track.clone(),
                approved: true,
            },
            RosterMail::VolunteerDecided {
                track,
                approved: false,
            },
        ];
        for m in mails {
            let (ja_subject, ja) = m.render(Lang::Ja);
            let (en_subject, en) = m.render(Lang::En);
            assert_ne!(ja_subject, en_subject);
            assert!(ja.contains("AI") && en.contains("Connect 2027: AI"));
            if let RosterMail::LecturerInvitation { link, .. } = &m {
                assert!(ja.contains(link) && en.contains(link));
            }
        }
    }
}
