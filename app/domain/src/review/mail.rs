//! The selection mails: decisions, offers (also from the waitlist), the
//! reminder before an offer lapses and the receipt of a confirmation.

#[cfg(any(feature = "mail", test))]
use crate::lang::Lang;
use crate::lang::Localized;
#[cfg(any(feature = "mail", test))]
use crate::time::format_datetime;
use chrono::{DateTime, Utc};

/// A selection mail, with what it needs to say. Links are full addresses
/// (the instance's `PUBLIC_URL` and the page), on a line of their own so
/// mail programs make them clickable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SelectionMail {
    /// Accepted: an offer to confirm by `deadline`.
    Accepted {
        /// The track.
        track: Localized,
        /// When the offer lapses.
        deadline: DateTime<Utc>,
        /// The offer page's full address.
        link: String,
    },
    /// Waitlisted at `position`.
    Waitlisted {
        /// The track.
        track: Localized,
        /// Place on the waitlist (1 = next).
        position: i32,
    },
    /// Not selected.
    Rejected {
        /// The track.
        track: Localized,
    },
    /// A place freed up and is offered from the waitlist.
    WaitlistOffer {
        /// The track.
        track: Localized,
        /// When the offer lapses.
        deadline: DateTime<Utc>,
        /// The offer page's full address.
        link: String,
    },
    /// The offer lapses soon.
    OfferReminder {
        /// The track.
        track: Localized,
        /// When the offer lapses.
        deadline: DateTime<Utc>,
        /// The offer page's full address.
        link: String,
    },
    /// The place was confirmed.
    OfferConfirmed {
        /// The track.
        track: Localized,
    },
    /// An organiser removed the participant from the track. The organiser's
    /// reason is an internal note in the audit log and is not mailed.
    PlaceRemoved {
        /// The track.
        track: Localized,
    },
}

impl SelectionMail {
    /// The template's name, as stored with each message.
    pub fn name(&self) -> &'static str {
        match self {
            SelectionMail::Accepted { .. } => "decision_accepted",
            SelectionMail::Waitlisted { .. } => "decision_waitlisted",
            SelectionMail::Rejected { .. } => "decision_rejected",
            SelectionMail::WaitlistOffer { .. } => "waitlist_offer",
            SelectionMail::OfferReminder { .. } => "offer_reminder",
            SelectionMail::OfferConfirmed { .. } => "offer_confirmed",
            SelectionMail::PlaceRemoved { .. } => "place_removed",
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
        let when = |d: &DateTime<Utc>| format_datetime(*d, lang);
        match self {
            SelectionMail::Accepted {
                track,
                deadline,
                link,
            } => {
                let track = track.get(lang);
                (
                    subject::decision_accepted(lang, track),
                    render(
                        lang,
                        name,
                        context! { track, link, deadline => when(deadline) },
                    ),
                )
            }
            SelectionMail::Waitlisted { track, position } => {
                let track = track.get(lang);
                (
                    subject::decision_waitlisted(lang, track),
                    render(lang, name, context! { track, position }),
                )
            }
            SelectionMail::Rejected { track } => {
                let track = track.get(lang);
                (
                    subject::decision_rejected(lang, track),
                    render(lang, name, context! { track }),
                )
            }
            SelectionMail::WaitlistOffer {
                track,
                deadline,
                link,
            } => {
                let track = track.get(lang);
                (
                    subject::waitlist_offer(lang, track),
                    render(
                        lang,
                        name,
                        context! { track, link, deadline => when(deadline) },
                    ),
                )
            }
            SelectionMail::OfferReminder {
                track,
                deadline,
                link,
            } => {
                let track = track.get(lang);
                (
                    subject::offer_reminder(lang, track),
                    render(
                        lang,
                        name,
                        context! { track, link, deadline => when(deadline) },
                    ),
                )
            }
            SelectionMail::OfferConfirmed { track } => {
                let track = track.get(lang);
                (
                    subject::offer_confirmed(lang, track),
                    render(lang, name, context! { track }),
                )
            }
            SelectionMail::PlaceRemoved { track } => {
                let track = track.get(lang);
                (
                    subject::place_removed(lang, track),
                    render(lang, name, context! { track }),
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn track() -> Localized {
        Localized::new("AI セキュリティ", "AI Security")
    }

    fn deadline() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 3, 8, 3, 0, 0).unwrap()
    }

    #[test]
    fn accepted_names_the_deadline_in_jst_and_the_offer_page() {
        let m = SelectionMail::Accepted {
            track: track(),
            deadline: deadline(),
            link: "https://camp.example.jp/offers/12".into(),
        };
        assert_eq!(m.name(), "decision_accepted");
        let (s, b) = m.render(Lang::Ja);
        assert_eq!(s, "【Camp Connect】AI セキュリティの選考結果（合格）");
        assert!(b.contains("2027年3月8日 12:00 JST までに"), "{b}");
        assert!(b.contains("\nhttps://camp.example.jp/offers/12"), "{b}");
        let (s, b) = m.render(Lang::En);
        assert!(s.contains("AI Security"));
        assert!(
            b.contains("by 8 Mar 2027, 12:00 JST on this page:\nhttps://camp.example.jp/offers/12"),
            "{b}"
        );
    }

    #[test]
    fn waitlisted_gives_the_position() {
        let m = SelectionMail::Waitlisted {
            track: track(),
            position: 3,
        };
        assert_eq!(m.name(), "decision_waitlisted");
        assert!(m.render(Lang::Ja).1.contains("補欠 3 番目"));
        assert!(m.render(Lang::En).1.contains("number 3 on the waitlist"));
    }

    #[test]
    fn every_selection_mail_renders_in_both_languages() {
        let all = [
            SelectionMail::Rejected { track: track() },
            SelectionMail::WaitlistOffer {
                track: track(),
                deadline: deadline(),
                link: "https://camp.example.jp/offers/1".into(),
            },
            SelectionMail::OfferReminder {
                track: track(),
                deadline: deadline(),
                link: "https://camp.example.jp/offers/1".into(),
            },
            SelectionMail::OfferConfirmed { track: track() },
            SelectionMail::PlaceRemoved { track: track() },
        ];
        let names: Vec<_> = all.iter().map(SelectionMail::name).collect();
        assert_eq!(
            names,
            vec![
                "decision_rejected",
                "waitlist_offer",
                "offer_reminder",
                "offer_confirmed",
                "place_removed"
            ]
        );
        for m in all {
            let (sj, bj) = m.render(Lang::Ja);
            let (se, be) = m.render(Lang::En);
            assert!(sj.starts_with("【Camp Connect】") && se.starts_with("[Camp Connect]"));
            assert!(bj.contains("AI セキュリティ") && be.contains("AI Security"));
        }
        let (_, b) = SelectionMail::OfferReminder {
            track: track(),
            deadline: deadline(),
            link: "https://camp.example.jp/offers/1".into(),
        }
        .render(Lang::En);
        assert!(b.contains("lapses on 8 Mar 2027, 12:00 JST"));
    }
}
