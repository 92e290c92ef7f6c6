//! The roster mails: an invitation to lecture a track, and the answer to a
//! tutor volunteer.

use crate::lang::{Lang, Localized};
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

    /// Subject and content (without salutation and footer) in `lang`.
    pub fn render(&self, lang: Lang) -> (String, String) {
        let ja = lang == Lang::Ja;
        match self {
            RosterMail::LecturerInvitation {
                track,
                link,
                expires_at,
            } => {
                let (t, until) = (track.get(lang), format_datetime(*expires_at, lang));
                if ja {
                    (
                        format!("【Camp Connect】{t}の講師のご依頼"),
                        format!(
                            "「{t}」の講師をお引き受けいただけないか、ご相談させてください。\n\n\
                             次のページで、お引き受けいただけるか、お断りいただけるかをお選びください。\n\
                             {link}\n\
                             このリンクは一度だけ、{until} まで使えます。"
                        ),
                    )
                } else {
                    (
                        format!("[Camp Connect] Would you lecture {t}?"),
                        format!(
                            "We would be glad if you could lecture {t}.\n\n\
                             Please accept or decline on this page:\n\
                             {link}\n\
                             The link works once, until {until}."
                        ),
                    )
                }
            }
            RosterMail::VolunteerDecided { track, approved } => {
                let t = track.get(lang);
                match (ja, approved) {
                    (true, true) => (
                        format!("【Camp Connect】{t}のチューターに決まりました"),
                        format!(
                            "「{t}」のチューターへのご応募ありがとうございます。チューターとしてお迎えします。"
                        ),
                    ),
                    (true, false) => (
                        format!("【Camp Connect】{t}のチューター募集について"),
                        format!(
                            "「{t}」のチューターへのご応募ありがとうございました。今回は見送らせていただきます。"
                        ),
                    ),
                    (false, true) => (
                        format!("[Camp Connect] You are a tutor of {t}"),
                        format!("Thank you for volunteering: you are now a tutor of {t}."),
                    ),
                    (false, false) => (
                        format!("[Camp Connect] Your offer to tutor {t}"),
                        format!(
                            "Thank you for volunteering to tutor {t}. This time we could not take you on."
                        ),
                    ),
                }
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
