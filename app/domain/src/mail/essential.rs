//! Which mails a person may opt out of: the one list of non-essential
//! templates. Reminders of drafts, reviews and events and organisers'
//! announcements are conveniences; everything else (sign-in notices,
//! decisions, offers, guardian consent, invitations, an event that moved
//! or was cancelled under someone's registration) tells a person something
//! they must know, and always goes.
//!
//! A non-essential mail ends with a one-click opt-out link. The stored body
//! holds [`UNSUBSCRIBE_PLACEHOLDER`]; the mail worker puts a fresh link in
//! at send time, so no working opt-out link is at rest in the outbox.

/// The templates a person may opt out of (by name, as stored in the
/// outbox, so the worker can skip them however they were queued).
/// `announcement` is the organisers' mail to a segment of people.
pub const NON_ESSENTIAL: [&str; 4] = [
    "draft_reminder",
    "review_reminder",
    "event_reminder",
    "announcement",
];

/// Stands in a stored non-essential mail for its opt-out link.
pub const UNSUBSCRIBE_PLACEHOLDER: &str = "[[unsubscribe]]";

/// Whether the template called `name` is one a person may opt out of.
pub fn is_non_essential(name: &str) -> bool {
    NON_ESSENTIAL.contains(&name)
}

/// The path of the opt-out page for `token`.
pub fn unsubscribe_path(token: &str) -> String {
    format!("/unsubscribe/{token}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reminders_and_announcements_may_be_refused_notices_and_decisions_not() {
        for name in [
            "draft_reminder",
            "review_reminder",
            "event_reminder",
            "announcement",
        ] {
            assert!(is_non_essential(name), "{name}");
        }
        for name in [
            "identity_linked",
            "organiser_granted",
            "application_received",
            "guardian_consent_request",
            "guardian_consent_outcome",
            "decision_accepted",
            "decision_rejected",
            "decision_waitlisted",
            "waitlist_offer",
            "offer_reminder",
            "offer_confirmed",
            "lecturer_invitation",
            "credit_confirm_request",
            "event_changed",
            "event_cancelled",
            "event_moved_up",
        ] {
            assert!(!is_non_essential(name), "{name}");
        }
    }

    #[test]
    fn only_non_essential_mail_carries_the_opt_out_link() {
        use crate::lang::{Lang, Localized};
        use crate::mail::MailTemplate;
        use crate::reminders::mail::ReminderMail;
        let at = chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let draft = MailTemplate::Reminder(ReminderMail::Draft {
            track: Localized::new("キャンプ", "Camp"),
            deadline: at,
            link: "https://cc.example/apply".into(),
        });
        let cancelled = MailTemplate::Reminder(ReminderMail::EventCancelled {
            title: Localized::new("勉強会", "Study"),
            starts_at: at,
            link: "https://cc.example/events/1".into(),
        });
        for lang in [Lang::Ja, Lang::En] {
            assert!(
                draft
                    .render(lang, "")
                    .body
                    .contains(UNSUBSCRIBE_PLACEHOLDER)
            );
            assert!(
                !cancelled
                    .render(lang, "")
                    .body
                    .contains(UNSUBSCRIBE_PLACEHOLDER)
            );
        }
    }
}
