//! The outbox as staff see it: a page of messages, the filter it was
//! asked for (status, template), the counts at its top, and the rule for
//! sending a failed message again.

use super::{LINK_PLACEHOLDER, OutboxStatus};
use crate::forms::Problem;
use crate::lang::Lang;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// How many outbox messages one page shows.
pub const OUTBOX_PAGE_SIZE: u64 = 50;

/// The outbox page's path, which its filter links and redirects start from.
pub const OUTBOX_PATH: &str = "/manage/outbox";

/// The longest template name a filter takes; the names are short
/// snake_case words (`organiser_granted`), so anything longer is no name.
pub const MAX_TEMPLATE_NAME: usize = 64;

/// One message as the outbox page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxRow {
    /// Its id (for hold, release and retry).
    pub id: i64,
    /// When it was queued.
    pub created_at: DateTime<Utc>,
    /// The recipient's address.
    pub recipient_email: String,
    /// The recipient's name (may be empty).
    pub recipient_name: String,
    /// The message's language.
    pub language: Lang,
    /// The template's name.
    pub template: String,
    /// The subject line.
    pub subject: String,
    /// The programme's slug, if the message is about one.
    pub programme: Option<String>,
    /// Where it is.
    pub status: OutboxStatus,
    /// Attempts made.
    pub attempts: i32,
    /// When it is due (pending) or was last scheduled.
    pub next_attempt_at: DateTime<Utc>,
    /// The last failure's reason.
    pub last_error: Option<String>,
    /// When it was sent.
    pub sent_at: Option<DateTime<Utc>>,
}

/// How many messages are in one status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusCount {
    /// The status.
    pub status: OutboxStatus,
    /// Its messages.
    pub count: u64,
}

/// One page of the outbox, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxPage {
    /// The messages.
    pub rows: Vec<OutboxRow>,
    /// Whether older messages follow.
    pub has_more: bool,
    /// Whether this instance sends mail (`SMTP_URL` is set); without it
    /// messages stay pending.
    pub sending_enabled: bool,
    /// The filter the page was read with, as understood (an unknown
    /// status or template is dropped).
    pub filter: OutboxFilter,
    /// Every status with its count among the messages the person may see,
    /// of the filter's template when it names one (all statuses, so the
    /// page can link each of them).
    pub counts: Vec<StatusCount>,
    /// The templates of the messages the person may see, by name.
    pub templates: Vec<String>,
}

impl OutboxPage {
    /// The count of `status` in [`OutboxPage::counts`].
    pub fn count_of(&self, status: OutboxStatus) -> u64 {
        self.counts
            .iter()
            .find(|c| c.status == status)
            .map_or(0, |c| c.count)
    }
}

/// Which messages the outbox page lists: those in a status, of a
/// template, or both; the default lists them all.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxFilter {
    /// Only messages in this status.
    pub status: Option<OutboxStatus>,
    /// Only messages of this template.
    pub template: Option<String>,
}

impl OutboxFilter {
    /// The filter of the page's query (`?status=…&template=…`). A query is
    /// typed into the address bar as easily as chosen from the form, so
    /// what is not a status or a template name is dropped, not refused.
    pub fn parse(status: Option<&str>, template: Option<&str>) -> Self {
        Self {
            status: status.and_then(|s| OutboxStatus::parse(s.trim())),
            template: template
                .map(str::trim)
                .filter(|t| is_template_name(t))
                .map(str::to_string),
        }
    }

    /// The address of the outbox page with this filter and then `extra`
    /// (a page, a notice). Statuses and template names are made of URL-safe
    /// characters only, so nothing needs escaping.
    pub fn url(&self, extra: &[(&str, String)]) -> String {
        let mut pairs: Vec<String> = Vec::new();
        if let Some(s) = self.status {
            pairs.push(format!("status={}", s.as_str()));
        }
        if let Some(t) = &self.template {
            pairs.push(format!("template={t}"));
        }
        pairs.extend(extra.iter().map(|(k, v)| format!("{k}={v}")));
        if pairs.is_empty() {
            OUTBOX_PATH.to_string()
        } else {
            format!("{OUTBOX_PATH}?{}", pairs.join("&"))
        }
    }
}

/// Whether `s` can be a template's name: lowercase ASCII letters, digits
/// and underscores, at most [`MAX_TEMPLATE_NAME`] long.
pub fn is_template_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_TEMPLATE_NAME
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Every status with its count, from the counts per (status, template)
/// that one grouped query gives, limited to `template` when it names one;
/// and the templates that have any message, sorted.
pub fn status_counts(
    groups: &[(OutboxStatus, String, u64)],
    template: Option<&str>,
) -> (Vec<StatusCount>, Vec<String>) {
    let counts = OutboxStatus::ALL
        .into_iter()
        .map(|status| StatusCount {
            status,
            count: groups
                .iter()
                .filter(|(s, t, _)| *s == status && template.is_none_or(|want| t == want))
                .map(|(_, _, n)| n)
                .sum(),
        })
        .collect();
    let mut templates: Vec<String> = groups.iter().map(|(_, t, _)| t.clone()).collect();
    templates.sort();
    templates.dedup();
    (counts, templates)
}

/// Whether a stored message has lost its live link: its text still holds
/// the [`LINK_PLACEHOLDER`] but the link was erased (when it was given up).
/// Sent again it would carry the placeholder instead of a working link.
pub fn link_lost(subject: &str, body: &str, link_secret: Option<&str>) -> bool {
    link_secret.is_none() && (subject.contains(LINK_PLACEHOLDER) || body.contains(LINK_PLACEHOLDER))
}

/// Why a message in `status` may not be sent again, if it may not: only a
/// failed message goes back to the worker (a sent one is never sent twice,
/// a waiting one is already due), and only while it can still say what it
/// said (`link_lost`: see [`link_lost`]).
pub fn retry_refusal(status: OutboxStatus, link_lost: bool) -> Option<Problem> {
    if !status.can_retry() {
        Some(Problem::NotFailed)
    } else if link_lost {
        Some(Problem::MailLinkGone)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_keeps_what_names_a_status_or_template_and_drops_the_rest() {
        let f = OutboxFilter::parse(Some(" failed "), Some("organiser_granted"));
        assert_eq!(f.status, Some(OutboxStatus::Failed));
        assert_eq!(f.template.as_deref(), Some("organiser_granted"));
        assert_eq!(
            f.url(&[("page", "2".into())]),
            "/manage/outbox?status=failed&template=organiser_granted&page=2"
        );
        for bad in [
            "",
            "Failed!",
            "x y",
            "a&b=c",
            "テンプレート",
            &"a".repeat(65),
        ] {
            let f = OutboxFilter::parse(Some(bad), Some(bad));
            assert_eq!(f, OutboxFilter::default(), "{bad:?}");
            assert_eq!(f.url(&[]), "/manage/outbox");
        }
        assert!(is_template_name(&"a".repeat(MAX_TEMPLATE_NAME)));
        assert_eq!(
            OutboxFilter::parse(None, Some("event_reminder")).url(&[("retried", "3".into())]),
            "/manage/outbox?template=event_reminder&retried=3"
        );
    }

    #[test]
    fn counts_cover_every_status_and_follow_the_template() {
        use OutboxStatus::*;
        let groups = vec![
            (Failed, "b".to_string(), 2),
            (Sent, "a".to_string(), 5),
            (Failed, "a".to_string(), 1),
            (Pending, "b".to_string(), 4),
        ];
        let (all, templates) = status_counts(&groups, None);
        let pairs: Vec<_> = all.iter().map(|c| (c.status, c.count)).collect();
        assert_eq!(
            pairs,
            vec![
                (Pending, 4),
                (Held, 0),
                (Sending, 0),
                (Sent, 5),
                (Failed, 3),
                (Skipped, 0)
            ]
        );
        assert_eq!(templates, vec!["a".to_string(), "b".to_string()]);
        let (of_a, _) = status_counts(&groups, Some("a"));
        let failed = of_a.iter().find(|c| c.status == Failed).map(|c| c.count);
        assert_eq!(failed, Some(1));
        let (none, templates) = status_counts(&[], Some("a"));
        assert!(none.iter().all(|c| c.count == 0) && none.len() == OutboxStatus::ALL.len());
        assert!(templates.is_empty());
    }

    #[test]
    fn only_failed_mail_that_still_has_its_link_is_sent_again() {
        for s in OutboxStatus::ALL {
            let want = (s != OutboxStatus::Failed).then_some(Problem::NotFailed);
            assert_eq!(retry_refusal(s, false), want, "{s:?}");
        }
        assert_eq!(
            retry_refusal(OutboxStatus::Failed, true),
            Some(Problem::MailLinkGone)
        );
        assert_eq!(
            retry_refusal(OutboxStatus::Sent, true),
            Some(Problem::NotFailed)
        );
        let body = format!("Open {LINK_PLACEHOLDER} within 7 days.");
        assert!(link_lost("Subject", &body, None));
        assert!(!link_lost("Subject", &body, Some("https://x/links/1")));
        assert!(!link_lost("Subject", "No link here.", None));
    }
}
