//! Mail: what each mail says, rendered (with the `mail` feature) from its
//! subject in `app/locales/{ja,en}/mail.json` and its template in
//! `app/templates/mail/{ja,en}/<name>.txt`; the outbox's statuses and its
//! retry schedule. Pure: the store queues what is rendered here and the
//! server's worker sends it.

mod essential;
mod outbox;
#[cfg(any(feature = "mail", test))]
pub(crate) mod render;

pub use essential::{NON_ESSENTIAL, UNSUBSCRIBE_PLACEHOLDER, is_non_essential, unsubscribe_path};

pub use outbox::{
    MAX_TEMPLATE_NAME, OUTBOX_PAGE_SIZE, OUTBOX_PATH, OutboxFilter, OutboxPage, OutboxRow,
    StatusCount, is_template_name, link_lost, retry_refusal, status_counts,
};

#[cfg(any(feature = "mail", test))]
use super::application::mail as application_mail;
use super::enums::stored_enum;
#[cfg(any(feature = "mail", test))]
use super::lang::Lang;
use super::lang::Localized;
#[cfg(any(feature = "mail", test))]
use super::time::format_datetime;
use chrono::{DateTime, Duration, Utc};

stored_enum! {
    /// Where an outbox message is in its life.
    pub enum OutboxStatus: varchar(16) {
        /// Waiting for its next attempt.
        Pending = "pending",
        /// Kept back by staff until released.
        Held = "held",
        /// Claimed by a worker, which is sending it.
        Sending = "sending",
        /// Accepted by the SMTP server.
        Sent = "sent",
        /// Given up after [`MAX_ATTEMPTS`] failed attempts.
        Failed = "failed",
        /// Not sent: a non-essential mail to someone who opted out of it by
        /// the time it was due. Never retried.
        Skipped = "skipped",
    }
}

impl OutboxStatus {
    /// Whether staff may hold a message in this status (only one that waits).
    pub fn can_hold(self) -> bool {
        self == OutboxStatus::Pending
    }

    /// Whether staff may release a message in this status.
    pub fn can_release(self) -> bool {
        self == OutboxStatus::Held
    }

    /// Whether staff may send a message in this status again: only one
    /// given up (see [`retry_refusal`] for the whole rule).
    pub fn can_retry(self) -> bool {
        self == OutboxStatus::Failed
    }
}

/// How long to wait after the n-th failed attempt (n = 1, 2, …) before the
/// next one; after [`MAX_ATTEMPTS`] failures the message is `failed`.
pub const RETRY_DELAYS: [Duration; 5] = [
    Duration::minutes(1),
    Duration::minutes(5),
    Duration::minutes(30),
    Duration::hours(2),
    Duration::hours(6),
];

/// Attempts made before a message is given up as `failed`.
pub const MAX_ATTEMPTS: i32 = RETRY_DELAYS.len() as i32 + 1;

/// How long a worker's claim on a message lasts. A worker that dies while
/// sending leaves the message `sending`; once the claim lapses another
/// worker may take it. Far longer than one SMTP conversation may take
/// (the worker's timeout) times the messages claimed at once.
pub const CLAIM_LEASE: Duration = Duration::minutes(10);

/// When to try again after a failure that brought the count of attempts to
/// `attempts`; `None` when the message should be given up.
pub fn next_attempt_after_failure(attempts: i32, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let index = usize::try_from(attempts.checked_sub(1)?).ok()?;
    RETRY_DELAYS.get(index).map(|delay| now + *delay)
}

/// The templates of bulk mail: one request queues it for many people at
/// once (an announcement to thousands), so the outbox worker sends it at
/// most at the configured pace (`MAIL_BULK_PER_MINUTE`), after any other
/// mail that is due.
pub const BULK_TEMPLATES: [&str; 1] = [super::announce::TEMPLATE];

/// Whether mail of `template` is bulk mail ([`BULK_TEMPLATES`]).
pub fn is_bulk(template: &str) -> bool {
    BULK_TEMPLATES.contains(&template)
}

/// How far back the limits on mail to typed addresses look.
pub const TYPED_MAIL_WINDOW: Duration = Duration::hours(1);

/// Mails one address may be sent through people's forms (a supervisor, a
/// guardian, an invited lecturer) per [`TYPED_MAIL_WINDOW`], whoever typed it:
/// a stranger's inbox cannot be flooded through the site.
pub const TYPED_MAILS_PER_ADDRESS: u64 = 10;

/// Mails to typed addresses one account may cause per [`TYPED_MAIL_WINDOW`]:
/// enough for an organiser inviting a track's lecturers or a person
/// reporting a year's activities at one sitting, too few for spam.
pub const TYPED_MAILS_PER_ACCOUNT: u64 = 50;

/// Whether one more mail to a typed address may go, given how many went in
/// the window to that address and at that account's request.
pub fn typed_mail_allowed(to_address: u64, by_account: u64) -> bool {
    to_address < TYPED_MAILS_PER_ADDRESS && by_account < TYPED_MAILS_PER_ACCOUNT
}

/// A mail Camp Connect sends, with what it needs to say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MailTemplate {
    /// A security notice: a sign-in method was linked to the account.
    IdentityLinked {
        /// The sign-in method's name as its button shows it, e.g. `GitHub`.
        provider: String,
        /// When it was linked.
        at: DateTime<Utc>,
    },
    /// The person became an organiser of a programme.
    OrganiserGranted {
        /// The programme's name.
        programme: Localized,
    },
    /// Receipt of a submitted (or resubmitted) application.
    ApplicationReceived {
        /// "Programme cohort: track", in both languages.
        track: Localized,
        /// When it was submitted.
        at: DateTime<Utc>,
        /// Until when it may still be edited and resubmitted.
        deadline: DateTime<Utc>,
    },
    /// To a minor applicant's guardian: consent or refuse by the link.
    GuardianConsentRequest {
        /// The applicant's name.
        applicant: String,
        /// "Programme cohort: track", in both languages.
        track: Localized,
        /// The cohort's dates, already formatted in both languages.
        dates: Localized,
        /// The single-use link.
        link: String,
        /// When the link stops working.
        expires_at: DateTime<Utc>,
    },
    /// To the applicant: what their guardian answered.
    GuardianConsentOutcome {
        /// "Programme cohort: track", in both languages.
        track: Localized,
        /// Whether the guardian consented.
        consented: bool,
    },
    /// A selection mail (decision, offer, reminder, confirmation).
    Selection(super::review::mail::SelectionMail),
    /// A pipeline mail (the certificate of completion).
    Pipeline(super::pipeline::mail::PipelineMail),
    /// A roster mail (lecturer invitation, tutor volunteer's answer).
    Roster(super::rosters::mail::RosterMail),
    /// An event mail (reminder, moved up from the waitlist).
    Event(super::events::mail::EventMail),
    /// A credit mail (supervisor's confirmation link, their answer).
    Credit(super::credits::mail::CreditMail),
    /// An organiser's announcement to a segment of a programme's people.
    Announcement(super::announce::mail::AnnouncementMail),
    /// An automatic reminder (a draft, a review, an event that changed).
    Reminder(super::reminders::mail::ReminderMail),
}

/// Stands in a stored mail for its live link (see [`MailTemplate::secret_link`]):
/// the outbox keeps the link apart and erases it once the mail is sent, so
/// the stored body never opens anything.
pub const LINK_PLACEHOLDER: &str = "[[link]]";

/// The body or subject `stored` as it goes out: the placeholder replaced by
/// the live `link`, or unchanged when the message carries none.
pub fn with_link(stored: &str, link: Option<&str>) -> String {
    match link {
        Some(link) => stored.replace(LINK_PLACEHOLDER, link),
        None => stored.to_string(),
    }
}

/// A rendered mail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenderedMail {
    /// The subject line.
    pub subject: String,
    /// The plain-text body, header and footer included.
    pub body: String,
}

impl MailTemplate {
    /// The template's name, as stored with each message.
    pub fn name(&self) -> &'static str {
        match self {
            MailTemplate::IdentityLinked { .. } => "identity_linked",
            MailTemplate::OrganiserGranted { .. } => "organiser_granted",
            MailTemplate::ApplicationReceived { .. } => "application_received",
            MailTemplate::GuardianConsentRequest { .. } => "guardian_consent_request",
            MailTemplate::GuardianConsentOutcome { .. } => "guardian_consent_outcome",
            MailTemplate::Selection(m) => m.name(),
            MailTemplate::Pipeline(m) => m.name(),
            MailTemplate::Roster(m) => m.name(),
            MailTemplate::Event(m) => m.name(),
            MailTemplate::Credit(m) => m.name(),
            MailTemplate::Announcement(m) => m.name(),
            MailTemplate::Reminder(m) => m.name(),
        }
    }

    /// The working secret this mail carries: a single-use link that acts
    /// without signing in (a guardian's consent, a lecturer invitation, a
    /// supervisor's confirmation). Other mails' links (offers, events,
    /// certificates) open pages behind sign-in or meant to be public.
    pub fn secret_link(&self) -> Option<&str> {
        use super::credits::mail::CreditMail;
        use super::rosters::mail::RosterMail;
        match self {
            MailTemplate::GuardianConsentRequest { link, .. }
            | MailTemplate::Roster(RosterMail::LecturerInvitation { link, .. })
            | MailTemplate::Credit(CreditMail::ConfirmRequest { link, .. }) => Some(link),
            MailTemplate::Roster(RosterMail::VolunteerDecided { .. })
            | MailTemplate::Credit(CreditMail::Decided { .. })
            | MailTemplate::IdentityLinked { .. }
            | MailTemplate::OrganiserGranted { .. }
            | MailTemplate::ApplicationReceived { .. }
            | MailTemplate::GuardianConsentOutcome { .. }
            | MailTemplate::Selection(_)
            | MailTemplate::Pipeline(_)
            | MailTemplate::Event(_)
            | MailTemplate::Announcement(_)
            | MailTemplate::Reminder(_) => None,
        }
    }

    /// The mail as the outbox stores it, and the live link it keeps apart:
    /// rendered like [`MailTemplate::render`], with [`LINK_PLACEHOLDER`] in
    /// place of the [`MailTemplate::secret_link`].
    #[cfg(any(feature = "mail", test))]
    pub fn render_stored(&self, lang: Lang, recipient: &str) -> (RenderedMail, Option<String>) {
        let mail = self.render(lang, recipient);
        match self.secret_link().filter(|link| !link.is_empty()) {
            Some(link) => (
                RenderedMail {
                    subject: mail.subject.replace(link, LINK_PLACEHOLDER),
                    body: mail.body.replace(link, LINK_PLACEHOLDER),
                },
                Some(link.to_string()),
            ),
            None => (mail, None),
        }
    }

    /// The mail in `lang` for a person called `recipient` (may be empty):
    /// the subject from `mail.json`, the body from the mail's template.
    #[cfg(any(feature = "mail", test))]
    pub fn render(&self, lang: Lang, recipient: &str) -> RenderedMail {
        use crate::text::mail::subject;
        use minijinja::context;
        let (subject, content) = match self {
            MailTemplate::Selection(m) => m.render(lang),
            MailTemplate::Pipeline(m) => m.render(lang),
            MailTemplate::Roster(m) => m.render(lang),
            MailTemplate::Event(m) => m.render(lang),
            MailTemplate::Credit(m) => m.render(lang),
            MailTemplate::Announcement(m) => m.render(lang),
            MailTemplate::Reminder(m) => m.render(lang),
            MailTemplate::IdentityLinked { provider, at } => (
                subject::identity_linked(lang).to_string(),
                render::render(
                    lang,
                    self.name(),
                    context! { provider, at => format_datetime(*at, lang) },
                ),
            ),
            MailTemplate::OrganiserGranted { programme } => {
                let programme = programme.get(lang);
                (
                    subject::organiser_granted(lang, programme),
                    render::render(lang, self.name(), context! { programme }),
                )
            }
            MailTemplate::ApplicationReceived {
                track,
                at,
                deadline,
            } => application_mail::received(track.get(lang), *at, *deadline, lang),
            MailTemplate::GuardianConsentRequest {
                applicant,
                track,
                dates,
                link,
                expires_at,
            } => application_mail::guardian_request(
                applicant,
                track.get(lang),
                dates.get(lang),
                link,
                *expires_at,
                lang,
            ),
            MailTemplate::GuardianConsentOutcome { track, consented } => {
                application_mail::guardian_outcome(track.get(lang), *consented, lang)
            }
        };
        let mut body = render::body(lang, recipient, content);
        if is_non_essential(self.name()) {
            body.push_str("\n\n");
            body.push_str(&crate::text::mail::unsubscribe(
                lang,
                UNSUBSCRIBE_PLACEHOLDER,
            ));
        }
        RenderedMail { subject, body }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at() -> DateTime<Utc> {
        // 15:30 UTC on 31 Oct is 00:30 on 1 Nov in Japan.
        Utc.with_ymd_and_hms(2026, 10, 31, 15, 30, 0).unwrap()
    }

    #[test]
    fn a_stored_mail_holds_no_live_link_and_gets_it_back_at_send_time() {
        let link = "https://camp.example.jp/guardian/abc123";
        let t = MailTemplate::GuardianConsentRequest {
            applicant: "山田 太郎".into(),
            track: Localized::new("キャンプ", "Camp"),
            dates: Localized::new("8月", "August"),
            link: link.into(),
            expires_at: at(),
        };
        let (stored, secret) = t.render_stored(Lang::Ja, "山田 花子");
        assert_eq!(secret.as_deref(), Some(link));
        assert!(!stored.body.contains("abc123"), "{}", stored.body);
        assert!(stored.body.contains(LINK_PLACEHOLDER));
        let sent = t.render(Lang::Ja, "山田 花子");
        assert_eq!(with_link(&stored.body, secret.as_deref()), sent.body);
        // A mail without a secret is stored as rendered.
        let plain = granted_camp();
        let (stored, secret) = plain.render_stored(Lang::En, "");
        assert_eq!((stored, secret), (plain.render(Lang::En, ""), None));
    }

    fn granted_camp() -> MailTemplate {
        MailTemplate::OrganiserGranted {
            programme: Localized::new("キャンプ", "Camp"),
        }
    }

    #[test]
    fn typed_mail_stops_at_either_limit() {
        assert!(typed_mail_allowed(0, 0));
        assert!(typed_mail_allowed(
            TYPED_MAILS_PER_ADDRESS - 1,
            TYPED_MAILS_PER_ACCOUNT - 1
        ));
        assert!(!typed_mail_allowed(TYPED_MAILS_PER_ADDRESS, 0));
        assert!(!typed_mail_allowed(0, TYPED_MAILS_PER_ACCOUNT));
    }

    #[test]
    fn retries_back_off_then_give_up_after_six_attempts() {
        let now = at();
        let waits: Vec<Option<Duration>> = (1..=MAX_ATTEMPTS)
            .map(|n| next_attempt_after_failure(n, now).map(|t| t - now))
            .collect();
        assert_eq!(
            waits,
            vec![
                Some(Duration::minutes(1)),
                Some(Duration::minutes(5)),
                Some(Duration::minutes(30)),
                Some(Duration::hours(2)),
                Some(Duration::hours(6)),
                None,
            ]
        );
        assert_eq!(MAX_ATTEMPTS, 6);
        assert_eq!(next_attempt_after_failure(7, now), None);
        assert_eq!(next_attempt_after_failure(0, now), None);
        assert_eq!(next_attempt_after_failure(-1, now), None);
    }

    #[test]
    fn statuses_round_trip_and_only_waiting_mail_is_held_or_released() {
        for s in OutboxStatus::ALL {
            assert_eq!(OutboxStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(OutboxStatus::parse("queued"), None);
        let holdable: Vec<_> = OutboxStatus::ALL
            .into_iter()
            .filter(|s| s.can_hold())
            .collect();
        let releasable: Vec<_> = OutboxStatus::ALL
            .into_iter()
            .filter(|s| s.can_release())
            .collect();
        assert_eq!(holdable, vec![OutboxStatus::Pending]);
        assert_eq!(releasable, vec![OutboxStatus::Held]);
        let retriable: Vec<_> = OutboxStatus::ALL
            .into_iter()
            .filter(|s| s.can_retry())
            .collect();
        assert_eq!(retriable, vec![OutboxStatus::Failed]);
    }

    #[test]
    fn identity_linked_is_a_security_notice_in_both_languages() {
        let t = MailTemplate::IdentityLinked {
            provider: "GitHub".into(),
            at: at(),
        };
        assert_eq!(t.name(), "identity_linked");
        let ja = t.render(Lang::Ja, "山田 太郎");
        assert_eq!(ja.subject, "【Camp Connect】サインイン方法が追加されました");
        assert!(ja.body.starts_with("山田 太郎 様\n\n"), "{}", ja.body);
        assert!(ja.body.contains("新しいサインイン方法「GitHub」"));
        assert!(ja.body.contains("2026年11月1日 00:30 JST に追加されました"));
        assert!(ja.body.contains("お心当たりがない場合"));
        assert!(ja.body.contains("Camp Connect（セキュリティ・キャンプ）"));

        let en = t.render(Lang::En, "Taro Yamada");
        assert_eq!(
            en.subject,
            "[Camp Connect] A sign-in method was added to your account"
        );
        assert!(en.body.starts_with("Dear Taro Yamada,\n\n"), "{}", en.body);
        assert!(en.body.contains("A new sign-in method, GitHub, was linked"));
        assert!(en.body.contains("on 1 Nov 2026, 00:30 JST."));
        assert!(en.body.contains("If this was not you"));
        assert!(en.body.contains("Camp Connect (Security Camp)"));
        assert!(!en.body.contains('様'));
    }

    #[test]
    fn organiser_granted_names_the_programme_in_the_recipients_language() {
        let t = MailTemplate::OrganiserGranted {
            programme: Localized::new("セキュリティ・キャンプ", "Security Camp"),
        };
        assert_eq!(t.name(), "organiser_granted");
        let ja = t.render(Lang::Ja, "");
        assert_eq!(
            ja.subject,
            "【Camp Connect】セキュリティ・キャンプの運営担当になりました"
        );
        assert!(ja.body.starts_with("Camp Connect をご利用の皆様\n\n"));
        assert!(ja.body.contains("「セキュリティ・キャンプ」の運営担当"));
        let en = t.render(Lang::En, "  ");
        assert_eq!(
            en.subject,
            "[Camp Connect] You are now an organiser of Security Camp"
        );
        assert!(en.body.starts_with("Hello,\n\n"));
        assert!(
            en.body
                .contains("You are now an organiser of Security Camp.")
        );
        assert!(en.body.ends_with("My account > Language."));
        // A programme named only in Japanese is named in Japanese in English mail.
        let ja_only = MailTemplate::OrganiserGranted {
            programme: Localized::new("コネクト", ""),
        };
        assert!(
            ja_only
                .render(Lang::En, "x")
                .subject
                .ends_with("of コネクト")
        );
    }
}
