//! Sending the mail outbox over SMTP: [`Mailer`] turns a claimed message
//! into a mail and hands it to the SMTP server; [`Worker`] claims due
//! messages, sends them and records each attempt, on a timer.

mod worker;

pub use worker::{BATCH, Worker, default_worker_id, start_worker};

use crate::config::MailConfig;
use camp_connect_app::store::outbox::ClaimedMessage;
use lettre::message::header::ContentType;
use lettre::message::{Mailbox, Message};
use lettre::{Address, AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use std::time::Duration;

/// How long one SMTP conversation may take before it counts as failed.
/// [`BATCH`] times this stays well inside the claim lease
/// (`domain::mail::CLAIM_LEASE`), so a slow server never lets a claim lapse
/// while its worker is still sending.
pub const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// Sends mail through one SMTP server as one sender.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer").field("from", &self.from).finish()
    }
}

impl Mailer {
    /// A mailer for `config`; an error naming the variable when it cannot
    /// be used (the configuration check makes that rare).
    pub fn new(config: &MailConfig) -> Result<Self, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&config.smtp_url)
            .map_err(|e| format!("SMTP_URL {} is not usable: {e}", config.redacted_url()))?
            .timeout(Some(SMTP_TIMEOUT))
            .build();
        let from = config
            .from
            .parse()
            .map_err(|e| format!("MAIL_FROM {:?} is not a mail address: {e}", config.from))?;
        Ok(Self { transport, from })
    }

    /// Hands `m` to the SMTP server; `Err` says why it was not accepted.
    ///
    /// The Message-ID is the same at every attempt of one message, so a
    /// mail sent twice (a crash between sending and recording) is shown
    /// once by mail programs that collapse duplicates.
    pub async fn send(&self, m: &ClaimedMessage) -> Result<(), String> {
        let address: Address = m
            .recipient_email
            .parse()
            .map_err(|e| format!("recipient address {:?}: {e}", m.recipient_email))?;
        let name = Some(m.recipient_name.trim().to_string()).filter(|n| !n.is_empty());
        let message = Message::builder()
            .from(self.from.clone())
            .to(Mailbox::new(name, address))
            .subject(m.subject.as_str())
            .message_id(Some(format!(
                "<outbox.{}@{}>",
                m.id,
                self.from.email.domain()
            )))
            .header(ContentType::TEXT_PLAIN)
            .body(m.text_body.clone())
            .map_err(|e| format!("cannot build the mail: {e}"))?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| format!("SMTP: {e}"))
    }
}
