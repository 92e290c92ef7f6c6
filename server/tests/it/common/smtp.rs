//! A real SMTP server for the mail tests: aiosmtpd (installed by
//! `scripts/install-tools.sh`) writing every mail it accepts to a Maildir,
//! in plain text, with STARTTLS or with TLS, with or without a login
//! (`smtp_server.py` beside this file), and logging every connection and
//! login so a test can count them.

use super::tls::ServerCert;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A port nobody listens on right now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// How the test server protects its connections.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Security {
    /// Plain text.
    Plain,
    /// Plain text until the client's STARTTLS, which is required.
    StartTls,
    /// TLS from the first byte (`smtps://`).
    Tls,
}

/// What kind of test server to start.
pub struct Options {
    /// Where it listens.
    pub port: u16,
    /// How it protects connections.
    pub security: Security,
    /// Its certificate (for [`Security::StartTls`] and [`Security::Tls`]).
    pub cert: Option<ServerCert>,
    /// The one login it accepts (user, password); without it, no login.
    pub login: Option<(String, String)>,
    /// A wait before it takes each mail in.
    pub delay: Option<Duration>,
}

impl Options {
    /// A plain server on `port` that takes mail from anyone at once.
    pub fn plain(port: u16) -> Options {
        Options {
            port,
            security: Security::Plain,
            cert: None,
            login: None,
            delay: None,
        }
    }
}

/// `python3 smtp_server.py` on 127.0.0.1, killed (and its files removed)
/// when dropped.
pub struct SmtpServer {
    child: Child,
    /// Where it listens.
    pub port: u16,
    /// Its Maildir, event log and certificate files.
    dir: PathBuf,
    security: Security,
    login: Option<(String, String)>,
}

/// One delivered mail, headers decoded.
#[derive(Debug, Deserialize)]
pub struct Mail {
    pub to: String,
    pub from: String,
    pub subject: String,
    pub message_id: String,
    pub body: String,
    /// The `List-Unsubscribe` header (empty when there is none).
    #[serde(default)]
    pub list_unsubscribe: String,
    /// The `List-Unsubscribe-Post` header (empty when there is none).
    #[serde(default)]
    pub list_unsubscribe_post: String,
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
        "list_unsubscribe": str(m["List-Unsubscribe"] or ""),
        "list_unsubscribe_post": str(m["List-Unsubscribe-Post"] or ""),
        "body": m.get_body(("plain",)).get_content().replace("\r\n", "\n"),
    })
print(json.dumps(out))
"#;

/// The server script, run from the source tree.
const SERVER_SCRIPT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/it/common/smtp_server.py"
);

impl SmtpServer {
    /// Starts a plain server on `port` and waits until it listens.
    pub async fn start_on(port: u16) -> SmtpServer {
        Self::start_with(Options::plain(port)).await
    }

    /// Starts a plain server on a free port that waits `delay` before it
    /// accepts each mail (answers the end of `DATA`).
    pub async fn start_slow(delay: Duration) -> SmtpServer {
        Self::start_with(Options {
            delay: Some(delay),
            ..Options::plain(free_port())
        })
        .await
    }

    /// Starts a server as `options` say and waits until it listens.
    pub async fn start_with(options: Options) -> SmtpServer {
        let port = options.port;
        let dir = std::env::temp_dir()
            .join("camp-connect-tests")
            .join(format!("smtp-{port}-{}", super::unique_name()));
        std::fs::create_dir_all(&dir).expect("the SMTP server's folder");
        let mut command = Command::new("python3");
        command
            .arg(SERVER_SCRIPT)
            .env("SMTP_PORT", port.to_string())
            .env("SMTP_MAILDIR", dir.join("maildir"))
            .env("SMTP_EVENTS", dir.join("events.log"))
            .env(
                "SMTP_MODE",
                match options.security {
                    Security::Plain => "plain",
                    Security::StartTls => "starttls",
                    Security::Tls => "smtps",
                },
            );
        if let Some(cert) = &options.cert {
            let (cert_file, key_file) = (dir.join("cert.pem"), dir.join("key.pem"));
            std::fs::write(&cert_file, &cert.cert_pem).expect("the certificate");
            std::fs::write(&key_file, &cert.key_pem).expect("the key");
            command
                .env("SMTP_CERT", cert_file)
                .env("SMTP_KEY", key_file);
        }
        if let Some((user, password)) = &options.login {
            command
                .env("SMTP_USER", user)
                .env("SMTP_PASSWORD", password);
        }
        if let Some(delay) = options.delay {
            command.env("SLOW_SMTP_SECONDS", delay.as_secs_f64().to_string());
        }
        let child = command
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 smtp_server.py (scripts/install-tools.sh installs aiosmtpd)");
        let server = SmtpServer {
            child,
            port,
            dir,
            security: options.security,
            login: options.login,
        };
        for _ in 0..200 {
            if server.events().iter().any(|e| e == "listening") {
                return server;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the test SMTP server did not start listening on 127.0.0.1:{port}");
    }

    /// Starts a plain server on a free port.
    pub async fn start() -> SmtpServer {
        Self::start_on(free_port()).await
    }

    /// The `SMTP_URL` of this server: `smtps://` for TLS, with its login
    /// when it has one (a login over `smtp://` means STARTTLS).
    pub fn url(&self) -> String {
        self.url_with_password(self.login.as_ref().map(|(_, p)| p.as_str()))
    }

    /// [`SmtpServer::url`] with `password` (`None`: no login at all).
    pub fn url_with_password(&self, password: Option<&str>) -> String {
        let scheme = match self.security {
            Security::Tls => "smtps",
            Security::Plain | Security::StartTls => "smtp",
        };
        let login = match (&self.login, password) {
            (Some((user, _)), Some(p)) => format!("{user}:{p}@"),
            _ => String::new(),
        };
        let tls = match (self.security, password) {
            (Security::StartTls, None) => "?tls=required",
            _ => "",
        };
        format!("{scheme}://{login}127.0.0.1:{}{tls}", self.port)
    }

    /// The events it logged, one a line: `listening`, `connect`,
    /// `auth <mechanism> ok|refused`.
    pub fn events(&self) -> Vec<String> {
        std::fs::read_to_string(self.dir.join("events.log"))
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect()
    }

    /// How many connections it has been opened so far.
    pub fn connections(&self) -> usize {
        self.events().iter().filter(|e| *e == "connect").count()
    }

    /// The logins it saw so far, as `auth <mechanism> ok|refused`.
    pub fn logins(&self) -> Vec<String> {
        self.events()
            .into_iter()
            .filter(|e| e.starts_with("auth "))
            .collect()
    }

    /// Every mail delivered so far.
    pub fn mails(&self) -> Vec<Mail> {
        read_maildir(&self.dir.join("maildir"))
    }
}

/// The mails in the Maildir at `maildir`.
fn read_maildir(maildir: &Path) -> Vec<Mail> {
    if !maildir.join("new").exists() {
        return Vec::new();
    }
    let out = Command::new("python3")
        .args(["-c", READ_MAILDIR])
        .arg(maildir)
        .output()
        .expect("python3 reads the Maildir");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("mails as JSON")
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
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
        ca_pem: None,
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
