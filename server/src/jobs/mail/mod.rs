//! Sending the mail outbox over SMTP: [`Mailer`] turns a claimed message
//! into a mail and hands it to the SMTP server; [`Worker`] claims due
//! messages, sends them and records each attempt, on a timer.

mod worker;

pub use worker::{BATCH, Worker, default_worker_id, start_worker, with_opt_out_link};

use crate::config::MailConfig;
use camp_connect_app::store::outbox::ClaimedMessage;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, Message};
use lettre::transport::smtp::PoolConfig;
use lettre::{Address, AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use std::time::Duration;

/// How long one SMTP conversation may take before it counts as failed.
/// [`BATCH`] times this stays well inside the claim lease
/// (`domain::mail::CLAIM_LEASE`), so a slow server never lets a claim lapse
/// while its worker is still sending.
pub const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// How long an idle SMTP connection is kept for the next message. Longer
/// than the worker's default look at the outbox (`MAIL_POLL_SECONDS`, 10 s),
/// so a steady trickle of mail keeps one connection; shorter than the five
/// minutes after which RFC 5321 lets a server drop an idle client.
pub const SMTP_IDLE: Duration = Duration::from_secs(60);

/// How long a stopping worker waits for its idle connections' `QUIT`
/// answers: a server that does not answer must not hold up a shutdown.
pub const SMTP_QUIT_WAIT: Duration = Duration::from_secs(2);

/// Sends mail through one SMTP server as one sender, over one connection
/// kept open between messages (lettre's pool of at most one connection: a
/// worker sends one message at a time). Opening a connection costs a TCP
/// handshake, a TLS handshake and a login, and a server counts connections
/// against its limits; a batch needs only one. A connection found broken
/// (checked with `NOOP` before reuse) or failed mid-message is dropped and
/// the next message opens a fresh one.
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
    /// A mailer for `config` (encrypted as [`MailConfig::security`] says);
    /// an error naming the variable when it cannot be used (the
    /// configuration check makes that rare). Call it inside the Tokio
    /// runtime: the pool starts a task that closes idle connections.
    pub fn new(config: &MailConfig) -> Result<Self, String> {
        let transport: AsyncSmtpTransport<Tokio1Executor> = config
            .transport()
            .map_err(|e| e.to_string())?
            .timeout(Some(SMTP_TIMEOUT))
            .pool_config(PoolConfig::new().max_size(1).idle_timeout(SMTP_IDLE))
            .build();
        let from = config
            .from
            .parse()
            .map_err(|e| format!("MAIL_FROM {:?} is not a mail address: {e}", config.from))?;
        Ok(Self { transport, from })
    }

    /// Hands `m` to the SMTP server; `Err` says why it was not accepted.
    /// A non-essential mail's one-click opt-out link `unsubscribe` goes
    /// into the `List-Unsubscribe` and `List-Unsubscribe-Post` headers
    /// (RFC 8058), so mail programs offer their own button: a POST to the
    /// link's `/one-click` address.
    ///
    /// The Message-ID is the same at every attempt of one message, so a
    /// mail sent twice (a crash between sending and recording) is shown
    /// once by mail programs that collapse duplicates.
    pub async fn send(&self, m: &ClaimedMessage, unsubscribe: Option<&str>) -> Result<(), String> {
        let address: Address = m
            .recipient_email
            .parse()
            .map_err(|e| format!("recipient address {:?}: {e}", m.recipient_email))?;
        let name = Some(m.recipient_name.trim().to_string()).filter(|n| !n.is_empty());
        let mut builder = Message::builder();
        if let Some(link) = unsubscribe {
            builder = builder
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe"),
                    format!("<{link}/one-click>"),
                ))
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                    "List-Unsubscribe=One-Click".to_string(),
                ));
        }
        let message = builder
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
            .map_err(|e| format!("SMTP: {}", error_text(&e)))
    }

    /// Says `QUIT` on the idle connection, if there is one, and closes it;
    /// waits at most [`SMTP_QUIT_WAIT`]. For a worker that stops.
    pub async fn close(&self) {
        if tokio::time::timeout(SMTP_QUIT_WAIT, self.transport.shutdown())
            .await
            .is_err()
        {
            tracing::warn!("the SMTP server did not answer QUIT: connection dropped");
        }
    }
}

/// `e` with the errors under it: lettre's own text for a refused
/// certificate is only "Connection error", and the reason (an unknown
/// issuer, a wrong name) is the part an operator needs.
fn error_text(e: &lettre::transport::smtp::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        let more = s.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        source = s.source();
    }
    text
}
