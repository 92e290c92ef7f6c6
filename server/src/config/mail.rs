//! `SMTP_URL`, `SMTP_CA`, `MAIL_FROM` and `MAIL_POLL_SECONDS`: sending the
//! outbox. What the URL means for encryption is in [`super::smtp`].

use super::ConfigError;
use super::lookup::Vars;
use super::redact::redact_url;
use std::time::Duration;

/// Seconds between the mail worker's looks at the outbox when
/// `MAIL_POLL_SECONDS` is not set.
pub const DEFAULT_MAIL_POLL_SECONDS: u64 = 10;

/// The most bulk mail (announcements) sent per minute when
/// `MAIL_BULK_PER_MINUTE` is not set: 5,000 people are mailed in 50
/// minutes, well below what SMTP relays and receiving providers throttle.
pub const DEFAULT_MAIL_BULK_PER_MINUTE: u64 = 100;

/// The highest `MAIL_BULK_PER_MINUTE` taken.
pub const MAX_MAIL_BULK_PER_MINUTE: u64 = 100_000;

/// Sending mail over SMTP, from `SMTP_URL` and `MAIL_FROM`.
#[derive(Clone, PartialEq, Eq)]
pub struct MailConfig {
    /// `SMTP_URL`, for lettre's `AsyncSmtpTransport::from_url`; may hold a
    /// password, so never printed.
    pub smtp_url: String,
    /// `MAIL_FROM`: the sender, e.g. `Camp Connect <no-reply@camp.example.jp>`.
    pub from: String,
    /// `SMTP_CA` (usually from the file `SMTP_CA_FILE` names): PEM
    /// certificates trusted for the SMTP server's certificate besides the
    /// system's, for a server whose certificate a private CA signed.
    pub ca_pem: Option<String>,
}

impl MailConfig {
    /// The SMTP URL with any password replaced by `***`.
    pub fn redacted_url(&self) -> String {
        redact_url(&self.smtp_url)
    }
}

impl std::fmt::Debug for MailConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailConfig")
            .field("smtp_url", &self.redacted_url())
            .field("from", &self.from)
            .field("ca_pem", &self.ca_pem.is_some())
            .finish()
    }
}

/// `SMTP_URL` and `MAIL_FROM`: `None` (mail off) when `SMTP_URL` is unset.
pub(super) fn mail(vars: &Vars) -> Result<Option<MailConfig>, ConfigError> {
    let Some(url) = vars.get("SMTP_URL")?.map(|u| u.trim().to_string()) else {
        return Ok(None);
    };
    let host = url
        .strip_prefix("smtp://")
        .or_else(|| url.strip_prefix("smtps://"))
        .map(|rest| rest.rsplit_once('@').map_or(rest, |(_, h)| h))
        .and_then(|h| h.split([':', '/', '?']).next())
        .unwrap_or_default();
    if host.is_empty() {
        return Err(ConfigError::SmtpUrl(redact_url(&url)));
    }
    let ca_pem = vars.get("SMTP_CA")?;
    let from = vars.get("MAIL_FROM")?.ok_or(ConfigError::MailFromMissing)?;
    let from = from.trim().to_string();
    let config = MailConfig {
        smtp_url: url,
        from,
        ca_pem,
    };
    super::smtp::check(&config)?;
    if config.from.parse::<lettre::message::Mailbox>().is_err() {
        return Err(ConfigError::MailFrom(config.from));
    }
    Ok(Some(config))
}

/// `MAIL_POLL_SECONDS`: how often the mail worker looks at the outbox.
pub(super) fn mail_poll(value: Option<String>) -> Result<Duration, ConfigError> {
    let value = value.unwrap_or_else(|| DEFAULT_MAIL_POLL_SECONDS.to_string());
    match value.trim().parse::<u64>() {
        Ok(secs) if secs >= 1 => Ok(Duration::from_secs(secs)),
        _ => Err(ConfigError::MailPoll(value)),
    }
}

/// `MAIL_BULK_PER_MINUTE`: how many bulk mails all workers send a minute.
pub(super) fn bulk_per_minute(value: Option<String>) -> Result<u64, ConfigError> {
    let value = value.unwrap_or_else(|| DEFAULT_MAIL_BULK_PER_MINUTE.to_string());
    match value.trim().parse::<u64>() {
        Ok(n) if (1..=MAX_MAIL_BULK_PER_MINUTE).contains(&n) => Ok(n),
        _ => Err(ConfigError::MailBulkPerMinute(value)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::from_vars as config;

    #[test]
    fn mail_is_off_unless_smtp_url_is_set() {
        let c = config(&[("MAIL_FROM", "no-reply@camp.example.jp")]).unwrap();
        assert_eq!(c.mail, None);
        assert_eq!(c.mail_poll, Duration::from_secs(DEFAULT_MAIL_POLL_SECONDS));
        assert_eq!(c.mail_bulk_per_minute, DEFAULT_MAIL_BULK_PER_MINUTE);
    }

    #[test]
    fn the_bulk_pace_is_read_and_checked() {
        let c = config(&[("MAIL_BULK_PER_MINUTE", " 30 ")]).unwrap();
        assert_eq!(c.mail_bulk_per_minute, 30);
        for bad in ["0", "-5", "many", "1.5", "100001"] {
            let err = config(&[("MAIL_BULK_PER_MINUTE", bad)]).unwrap_err();
            assert!(
                err.to_string().starts_with("MAIL_BULK_PER_MINUTE"),
                "{bad}: {err}"
            );
        }
    }
    #[test]
    fn reads_mail_settings_and_hides_the_smtp_password() {
        let c = config(&[
            ("SMTP_URL", "smtps://camp:pa55word@smtp.example.jp"),
            ("MAIL_FROM", "Camp Connect <no-reply@camp.example.jp>"),
            ("MAIL_POLL_SECONDS", "3"),
        ])
        .unwrap();
        let m = c.mail.expect("configured");
        assert_eq!(m.smtp_url, "smtps://camp:pa55word@smtp.example.jp");
        assert_eq!(m.from, "Camp Connect <no-reply@camp.example.jp>");
        assert_eq!(m.redacted_url(), "smtps://camp:***@smtp.example.jp");
        assert!(!format!("{m:?}").contains("pa55word"));
        assert_eq!(c.mail_poll, Duration::from_secs(3));
        let c = config(&[
            ("SMTP_URL", "smtp://127.0.0.1:2525"),
            ("MAIL_FROM", "no-reply@camp.example.jp"),
        ])
        .unwrap();
        assert_eq!(
            c.mail.expect("configured").redacted_url(),
            "smtp://127.0.0.1:2525"
        );
    }
    #[test]
    fn refuses_unusable_mail_settings_with_the_variable_named() {
        for bad in [
            "127.0.0.1:25",
            "http://smtp.example.jp",
            "smtp://",
            "mailto:x@y.jp",
        ] {
            let err = config(&[("SMTP_URL", bad), ("MAIL_FROM", "a@b.jp")]).unwrap_err();
            assert!(err.to_string().starts_with("SMTP_URL"), "{bad}: {err}");
        }
        let err = config(&[("SMTP_URL", "ftp://u:s3cret@host")]).unwrap_err();
        assert!(!err.to_string().contains("s3cret"), "{err}");
        let err = config(&[("SMTP_URL", "smtp://127.0.0.1:2525")]).unwrap_err();
        assert_eq!(err, ConfigError::MailFromMissing);
        assert!(err.to_string().starts_with("MAIL_FROM"));
        for bad in ["camp connect", "<>", "a@"] {
            let err =
                config(&[("SMTP_URL", "smtp://127.0.0.1:2525"), ("MAIL_FROM", bad)]).unwrap_err();
            assert!(err.to_string().starts_with("MAIL_FROM"), "{bad}: {err}");
        }
        for bad in ["0", "-1", "soon", "1.5"] {
            let err = config(&[("MAIL_POLL_SECONDS", bad)]).unwrap_err();
            assert!(
                err.to_string().starts_with("MAIL_POLL_SECONDS"),
                "{bad}: {err}"
            );
        }
    }
}
