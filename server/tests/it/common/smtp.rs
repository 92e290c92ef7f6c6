//! A real SMTP server for the mail tests: aiosmtpd (installed by
//! `scripts/install-tools.sh`) writing every mail it accepts to a Maildir.

use serde::Deserialize;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

/// A port nobody listens on right now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// `python3 -m aiosmtpd` on 127.0.0.1, killed (and its Maildir removed)
/// when dropped.
pub struct SmtpServer {
    child: Child,
    /// Where it listens.
    pub port: u16,
    maildir: PathBuf,
    /// The folder of the slow handler's module, for [`SmtpServer::start_slow`].
    handler_dir: Option<PathBuf>,
}

/// An aiosmtpd handler that waits before it takes each mail in, so a test
/// can stop a sender in the middle of an SMTP conversation: the mail is
/// written to the Maildir only after the wait, just before the `250`.
const SLOW_MAILBOX: &str = r#"
import asyncio, os
from aiosmtpd.handlers import Mailbox

class SlowMailbox(Mailbox):
    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(float(os.environ["SLOW_SMTP_SECONDS"]))
        return await super().handle_DATA(server, session, envelope)
"#;

/// One delivered mail, headers decoded.
#[derive(Debug, Deserialize)]
pub struct Mail {
    pub to: String,
    pub from: String,
    pub subject: String,
    pub message_id: String,
    pub body: String,
}

/// Reads a Maildir with Python's own mail parser (RFC 2047 headers, base64
/// or quoted-printable bodies; SMTP's CRLF line ends made LF), one JSON
/// object per mail.
const READ_MAILDIR: &str = r#"
import email, email.policy, json, mailbox, sys
out = []
for key, msg in mailbox.Maildir(sys.argv[1], create=False).items():
    m = email.message_from_bytes(msg.as_bytes(), policy=email.policy.default)
    out.append({
        "to": str(m["To"]),
        "from": str(m["From"]),
        "subject": str(m["Subject"]),
        "message_id": str(m["Message-ID"]),
        "body": m.get_body(("plain",)).get_content().replace("\r\n", "\n"),
    })
print(json.dumps(out))
"#;

impl SmtpServer {
    /// Starts a server on `port` and waits until it accepts connections.
    pub async fn start_on(port: u16) -> SmtpServer {
        Self::start_with(port, None).await
    }

    /// Starts a server on a free port that waits `delay` before it accepts
    /// each mail (answers the end of `DATA`).
    pub async fn start_slow(delay: std::time::Duration) -> SmtpServer {
        Self::start_with(free_port(), Some(delay)).await
    }

    async fn start_with(port: u16, delay: Option<std::time::Duration>) -> SmtpServer {
        let maildir = std::env::temp_dir()
            .join("camp-connect-tests")
            .join(format!("maildir-{port}-{}", super::unique_name()));
        let mut command = Command::new("python3");
        command
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"));
        let handler_dir = delay.map(|delay| {
            let dir = maildir.with_extension("handler");
            std::fs::create_dir_all(&dir).expect("the handler's folder");
            std::fs::write(dir.join("slow_mailbox.py"), SLOW_MAILBOX).expect("the handler");
            command
                .env("PYTHONPATH", &dir)
                .env("SLOW_SMTP_SECONDS", delay.as_secs_f64().to_string())
                .args(["-c", "slow_mailbox.SlowMailbox"]);
            dir
        });
        if handler_dir.is_none() {
            command.args(["-c", "aiosmtpd.handlers.Mailbox"]);
        }
        let child = command
            .arg(&maildir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 -m aiosmtpd (scripts/install-tools.sh installs aiosmtpd)");
        let server = SmtpServer {
            child,
            port,
            maildir,
            handler_dir,
        };
        for _ in 0..200 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                return server;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("aiosmtpd did not start listening on 127.0.0.1:{port}");
    }

    /// Starts a server on a free port.
    pub async fn start() -> SmtpServer {
        Self::start_on(free_port()).await
    }

    /// The `SMTP_URL` of this server.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every mail delivered so far.
    pub fn mails(&self) -> Vec<Mail> {
        if !self.maildir.join("new").exists() {
            return Vec::new();
        }
        let out = Command::new("python3")
            .args(["-c", READ_MAILDIR])
            .arg(&self.maildir)
            .output()
            .expect("python3 reads the Maildir");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("mails as JSON")
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.maildir);
        if let Some(dir) = &self.handler_dir {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// Queues `count` mails, due now, to `person{i}@example.jp`: an outbox
/// for a worker to empty.
pub async fn queue_mails(db: &sea_orm::DatabaseConnection, count: usize) {
    use camp_connect_app::domain::lang::{Lang, Localized};
    use camp_connect_app::domain::mail::MailTemplate;
    use camp_connect_app::store::outbox::{Recipient, enqueue};
    let now = chrono::Utc::now();
    let template = MailTemplate::OrganiserGranted {
        programme: Localized::new("キャンプ", "Camp"),
    };
    for i in 0..count {
        let to = Recipient {
            email: format!("person{i}@example.jp"),
            name: format!("Person {i}"),
            lang: Lang::En,
        };
        enqueue(db, &to, &template, None, now).await.unwrap();
    }
}

/// Sends every waiting message of `app`'s outbox through a fresh SMTP
/// server and returns what that server received, oldest first: the way a
/// test reads a mailed link, as the recipient would.
pub async fn deliver(app: &super::TestApp) -> Vec<Mail> {
    use camp_connect::config::MailConfig;
    use camp_connect::mail::{Mailer, Worker};
    let smtp = SmtpServer::start().await;
    let config = MailConfig {
        smtp_url: smtp.url(),
        from: "Camp Connect <no-reply@camp.example.jp>".to_string(),
    };
    let mailer = Mailer::new(&config).expect("mailer");
    Worker::new(app.db.clone(), mailer, "test-delivery")
        .drain(chrono::Utc::now)
        .await
        .expect("the outbox drains");
    let mut mails = smtp.mails();
    mails.sort_by_key(|m| outbox_id(&m.message_id));
    mails
}

/// The outbox id in a Message-ID `<outbox.{id}@…>`.
pub fn outbox_id(message_id: &str) -> i64 {
    message_id
        .trim_start_matches("<outbox.")
        .split('@')
        .next()
        .and_then(|id| id.parse().ok())
        .unwrap_or_default()
}

/// Delivers the waiting mail (see [`deliver`]) and returns the 64-digit
/// token after `path` (e.g. `/guardian/`) in the newest mail to `to` that
/// has such a link.
pub async fn mailed_token(app: &super::TestApp, to: &str, path: &str) -> String {
    deliver(app)
        .await
        .iter()
        .rev()
        .filter(|m| m.to.contains(to))
        .find_map(|m| {
            let at = m.body.find(path)? + path.len();
            m.body.get(at..at + 64).map(str::to_string)
        })
        .unwrap_or_else(|| panic!("no mail to {to} with a {path} link"))
}
