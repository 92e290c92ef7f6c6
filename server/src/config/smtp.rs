//! What `SMTP_URL` and `SMTP_CA` mean for the connection to the SMTP
//! server: plain text, STARTTLS or TLS, which certificates are trusted, and
//! the rule that a password never travels unencrypted.
//!
//! lettre's own reading of `smtp://user:password@host` logs in over plain
//! text; here a login always requires STARTTLS (or `smtps://`), and there
//! is no setting to send it in clear.

use super::ConfigError;
use super::mail::MailConfig;
use lettre::transport::smtp::SUBMISSION_PORT;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, Tokio1Executor};

/// How the connection to the SMTP server is protected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SmtpSecurity {
    /// `smtp://host` without a login: plain text, for a relay on the same
    /// host or network.
    Plain,
    /// `smtp://host?tls=opportunistic` without a login: STARTTLS when the
    /// server offers it, plain text when not.
    StartTlsIfOffered,
    /// `smtp://` with a login, or `?tls=required`: STARTTLS with a valid
    /// certificate, or no mail at all. The port is 587 unless given.
    StartTls,
    /// `smtps://`: TLS from the first byte (port 465 unless given).
    Tls,
}

impl MailConfig {
    /// How `SMTP_URL` protects the connection; refused (naming the
    /// variable) when it is no SMTP URL, or when its login could be sent in
    /// clear text.
    pub fn security(&self) -> Result<SmtpSecurity, ConfigError> {
        let bad = || ConfigError::SmtpUrl(self.redacted_url());
        let url = url::Url::parse(&self.smtp_url).map_err(|_| bad())?;
        let tls = url
            .query_pairs()
            .find(|(k, _)| k == "tls")
            .map(|(_, v)| v.into_owned());
        let login = url.password().is_some();
        match (url.scheme(), tls.as_deref(), login) {
            ("smtps", _, _) => Ok(SmtpSecurity::Tls),
            ("smtp", None, false) => Ok(SmtpSecurity::Plain),
            ("smtp", None | Some("required"), _) => Ok(SmtpSecurity::StartTls),
            ("smtp", Some("opportunistic"), false) => Ok(SmtpSecurity::StartTlsIfOffered),
            ("smtp", Some("opportunistic"), true) => {
                Err(ConfigError::SmtpPlainLogin(self.redacted_url()))
            }
            _ => Err(bad()),
        }
    }

    /// lettre's transport for this configuration: host, port, login, the
    /// TLS policy of [`MailConfig::security`] and the system's CA
    /// certificates plus `SMTP_CA`'s. The mail worker adds its timeout and
    /// connection pool; the configuration check builds it too, so a
    /// setting that cannot be used stops the server at start-up.
    pub fn transport(
        &self,
    ) -> Result<lettre::transport::smtp::AsyncSmtpTransportBuilder, ConfigError> {
        let bad = || ConfigError::SmtpUrl(self.redacted_url());
        let security = self.security()?;
        let url = url::Url::parse(&self.smtp_url).map_err(|_| bad())?;
        let host = url.host_str().filter(|h| !h.is_empty()).ok_or_else(bad)?;
        let builder =
            AsyncSmtpTransport::<Tokio1Executor>::from_url(&self.smtp_url).map_err(|_| bad())?;
        let ca = self.ca_certificate()?;
        if security == SmtpSecurity::Plain {
            return match ca {
                Some(_) => Err(ConfigError::SmtpCaUnused(self.redacted_url())),
                None => Ok(builder),
            };
        }
        let mut params = TlsParameters::builder(host.to_string());
        if let Some(ca) = ca {
            params = params.add_root_certificate(ca);
        }
        let params = params
            .build()
            .map_err(|e| ConfigError::SmtpCa(e.to_string()))?;
        Ok(match security {
            SmtpSecurity::StartTlsIfOffered => builder.tls(Tls::Opportunistic(params)),
            SmtpSecurity::StartTls => builder
                .port(url.port().unwrap_or(SUBMISSION_PORT))
                .tls(Tls::Required(params)),
            SmtpSecurity::Tls | SmtpSecurity::Plain => builder.tls(Tls::Wrapper(params)),
        })
    }

    /// The certificates of `SMTP_CA`, when set.
    fn ca_certificate(&self) -> Result<Option<Certificate>, ConfigError> {
        let Some(pem) = &self.ca_pem else {
            return Ok(None);
        };
        if !pem.contains("-----BEGIN CERTIFICATE-----") {
            return Err(ConfigError::SmtpCa("no certificate in it".into()));
        }
        Certificate::from_pem(pem.as_bytes())
            .map(Some)
            .map_err(|e| ConfigError::SmtpCa(e.to_string()))
    }
}

/// Checks `config` as the mail worker will use it.
pub(super) fn check(config: &MailConfig) -> Result<(), ConfigError> {
    config.transport().map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::super::redact::redact_url as redacted;
    use super::*;

    fn mail(url: &str, ca: Option<&str>) -> MailConfig {
        MailConfig {
            smtp_url: url.to_string(),
            from: "no-reply@camp.example.jp".to_string(),
            ca_pem: ca.map(str::to_string),
        }
    }

    #[test]
    fn a_login_always_requires_encryption() {
        use SmtpSecurity::*;
        for (url, want) in [
            ("smtp://127.0.0.1:2525", Plain),
            (
                "smtp://relay.example.jp?tls=opportunistic",
                StartTlsIfOffered,
            ),
            ("smtp://relay.example.jp?tls=required", StartTls),
            ("smtp://camp:pa55@smtp.example.jp", StartTls),
            (
                "smtp://camp:pa55@smtp.example.jp:2525?tls=required",
                StartTls,
            ),
            ("smtps://camp:pa55@smtp.example.jp", Tls),
            ("smtps://smtp.example.jp:4650", Tls),
        ] {
            assert_eq!(mail(url, None).security(), Ok(want), "{url}");
            assert!(mail(url, None).transport().is_ok(), "{url}");
        }
        let err = mail("smtp://camp:pa55@smtp.example.jp?tls=opportunistic", None)
            .security()
            .unwrap_err();
        assert_eq!(
            err,
            ConfigError::SmtpPlainLogin(redacted(
                "smtp://camp:pa55@smtp.example.jp?tls=opportunistic"
            ))
        );
        assert!(err.to_string().starts_with("SMTP_URL"));
        assert!(!err.to_string().contains("pa55"), "{err}");
        for bad in [
            "smtp://h?tls=none",
            "smtp://h?tls=yes",
            "imap://h",
            "smtp:h",
        ] {
            let err = mail(bad, None).transport().unwrap_err();
            assert!(err.to_string().starts_with("SMTP_URL"), "{bad}: {err}");
        }
    }

    /// A CA certificate of the test's own, PEM.
    fn ca_pem() -> String {
        let key = rcgen::KeyPair::generate().expect("a key");
        let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).expect("params");
        params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        params.self_signed(&key).expect("a certificate").pem()
    }

    #[test]
    fn a_ca_is_read_and_trusted_for_encrypted_connections_only() {
        let pem = ca_pem();
        let c = crate::config::from_vars(&[
            ("SMTP_URL", "smtps://camp:pa55@smtp.example.jp"),
            ("MAIL_FROM", "no-reply@camp.example.jp"),
            ("SMTP_CA", &pem),
        ])
        .unwrap();
        let m = c.mail.expect("configured");
        assert_eq!(m.ca_pem.as_deref(), Some(pem.as_str()));
        assert!(!format!("{m:?}").contains("BEGIN"), "{m:?}");
        for url in ["smtp://u:p@smtp.example.jp", "smtp://h?tls=opportunistic"] {
            assert!(mail(url, Some(&pem)).transport().is_ok(), "{url}");
        }
        let err = mail("smtp://127.0.0.1:2525", Some(&pem))
            .transport()
            .unwrap_err();
        assert_eq!(
            err,
            ConfigError::SmtpCaUnused("smtp://127.0.0.1:2525".into())
        );
        assert!(err.to_string().starts_with("SMTP_CA"), "{err}");
    }

    #[test]
    fn a_ca_must_hold_a_certificate_and_be_used() {
        for bad in [
            "",
            "not a certificate",
            "-----BEGIN CERTIFICATE-----\n!!!\n",
        ] {
            let err = mail("smtps://smtp.example.jp", Some(bad))
                .transport()
                .unwrap_err();
            assert!(matches!(err, ConfigError::SmtpCa(_)), "{bad:?}: {err}");
            assert!(err.to_string().starts_with("SMTP_CA"), "{err}");
        }
    }
}
