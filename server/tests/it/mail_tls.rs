//! The mail worker's SMTP connection against a real server (aiosmtpd) with
//! a certificate the test makes, on SQLite and PostgreSQL: one connection
//! carries a whole batch; STARTTLS and TLS (`smtps://`) with a login
//! deliver; a wrong password is a failed attempt retried on schedule; a
//! certificate no trusted CA signed, or a server that offers no STARTTLS
//! to a login, stops the mail before any password is sent.

use crate::common::smtp::{Options, Security, SmtpServer, free_port, queue_mails};
use crate::common::tls::{ServerCert, TestCa};
use crate::common::{TestApp, on_both_backends};
use crate::mail::{messages, now};
use camp_connect::config::MailConfig;
use camp_connect::mail::{Mailer, Worker};
use camp_connect_app::domain::mail::OutboxStatus;
use camp_connect_app::store::entities::{outbox_attempt, outbox_message};
use chrono::{Duration, Utc};
use sea_orm::EntityTrait;

const USER: &str = "camp";
const PASSWORD: &str = "s3cret-pass";

fn worker(app: &TestApp, smtp_url: String, ca: Option<&TestCa>, id: &str) -> Worker {
    let config = MailConfig {
        smtp_url,
        from: "Camp Connect <no-reply@camp.example.jp>".to_string(),
        ca_pem: ca.map(|ca| ca.pem.clone()),
    };
    Worker::new(app.db.clone(), Mailer::new(&config).expect("mailer"), id)
}

/// A server with the login [`USER`]/[`PASSWORD`], protected by `security`
/// with `cert`.
async fn server(security: Security, cert: &ServerCert) -> SmtpServer {
    SmtpServer::start_with(Options {
        security,
        cert: Some(cert.clone()),
        login: Some((USER.to_string(), PASSWORD.to_string())),
        ..Options::plain(free_port())
    })
    .await
}

/// A batch of mail goes over one connection: the worker keeps it open
/// between messages and between its rounds, over plain text and over
/// STARTTLS with a login (one login for the lot).
async fn one_connection_carries_a_batch(app: TestApp) {
    const N: usize = 12;
    let plain = SmtpServer::start().await;
    queue_mails(&app.db, N).await;
    let w = worker(&app, plain.url(), None, "w1");
    assert_eq!(w.drain(Utc::now).await.unwrap(), N);
    assert_eq!(plain.mails().len(), N);
    assert_eq!(plain.connections(), 1, "{:?}", plain.events());

    let ca = TestCa::new("Camp Connect test CA");
    let secure = server(Security::StartTls, &ca.server_cert()).await;
    let w = worker(&app, secure.url(), Some(&ca), "w2");
    queue_mails(&app.db, N).await;
    assert_eq!(w.drain(Utc::now).await.unwrap(), N);
    assert_eq!(secure.mails().len(), N);
    assert_eq!(secure.connections(), 1, "{:?}", secure.events());
    assert_eq!(secure.logins().len(), 1, "{:?}", secure.events());
}

/// STARTTLS (`smtp://` with a login) and TLS (`smtps://`) with a login
/// deliver through a server whose certificate the configured CA signed.
async fn starttls_and_tls_with_a_login_deliver(app: TestApp) {
    let ca = TestCa::new("Camp Connect test CA");
    for (security, scheme) in [(Security::StartTls, "smtp://"), (Security::Tls, "smtps://")] {
        let smtp = server(security, &ca.server_cert()).await;
        assert!(smtp.url().starts_with(scheme), "{}", smtp.url());
        queue_mails(&app.db, 2).await;
        let w = worker(&app, smtp.url(), Some(&ca), "w1");
        assert_eq!(w.drain(Utc::now).await.unwrap(), 2);
        let mails = smtp.mails();
        assert_eq!(mails.len(), 2, "{security:?}: {:?}", smtp.events());
        assert!(
            mails
                .iter()
                .all(|m| m.from.contains("no-reply@camp.example.jp"))
        );
        let logins = smtp.logins();
        assert_eq!(logins.len(), 1, "{security:?}: {logins:?}");
        assert!(logins[0].ends_with(" ok"), "{logins:?}");
        for m in messages(&app).await {
            assert_eq!((m.status, m.attempts), (OutboxStatus::Sent, 1), "{m:?}");
        }
    }
}

/// A wrong password fails the attempt with the server's answer recorded,
/// and the message waits for its next try; with the right one it goes.
async fn a_wrong_password_is_a_failed_attempt(app: TestApp) {
    let ca = TestCa::new("Camp Connect test CA");
    let smtp = server(Security::StartTls, &ca.server_cert()).await;
    queue_mails(&app.db, 1).await;
    // Queued just now, to the microsecond: due by the next whole second.
    let t0 = now() + Duration::seconds(1);
    let wrong = worker(&app, smtp.url_with_password(Some("wrong")), Some(&ca), "w1");
    assert_eq!(wrong.run_once(t0).await.unwrap(), 1);
    let m = &messages(&app).await[0];
    assert_eq!((m.status, m.attempts), (OutboxStatus::Pending, 1));
    assert_eq!(m.next_attempt_at, t0 + Duration::minutes(1));
    let error = m.last_error.clone().expect("the error is kept");
    assert!(
        error.starts_with("SMTP:") && error.contains("535"),
        "{error}"
    );
    assert!(
        !error.contains("wrong"),
        "the password is not in the error: {error}"
    );
    assert_eq!(smtp.logins(), vec!["auth PLAIN refused".to_string()]);
    assert!(smtp.mails().is_empty());
    // Not before its time, and then with the right password.
    assert_eq!(wrong.run_once(t0 + Duration::seconds(30)).await.unwrap(), 0);
    let right = worker(&app, smtp.url(), Some(&ca), "w2");
    assert_eq!(right.run_once(t0 + Duration::seconds(61)).await.unwrap(), 1);
    assert_eq!(smtp.mails().len(), 1);
    let m = &messages(&app).await[0];
    assert_eq!(
        (m.status, m.attempts, m.last_error.clone()),
        (OutboxStatus::Sent, 2, None)
    );
}

/// A server whose certificate no trusted CA signed is not talked to, over
/// STARTTLS or TLS: the attempt fails naming the certificate, and the
/// server never sees a login or a mail. Neither does a server that offers
/// no STARTTLS to a configured login: the password never goes in clear.
async fn no_mail_or_password_without_a_trusted_encrypted_connection(app: TestApp) {
    let trusted = TestCa::new("Camp Connect test CA");
    let stranger = TestCa::new("Somebody else's CA");
    let mut servers = Vec::new();
    for security in [Security::StartTls, Security::Tls] {
        servers.push(server(security, &stranger.server_cert()).await);
    }
    let plain = SmtpServer::start_with(Options {
        login: Some((USER.to_string(), PASSWORD.to_string())),
        ..Options::plain(free_port())
    })
    .await;
    assert!(plain.url().starts_with("smtp://camp:"), "{}", plain.url());
    for (smtp, why) in servers
        .iter()
        .map(|s| (s, "certificate"))
        .chain([(&plain, "STARTTLS")])
    {
        outbox_message::Entity::delete_many()
            .exec(&app.db)
            .await
            .unwrap();
        queue_mails(&app.db, 1).await;
        let w = worker(&app, smtp.url(), Some(&trusted), "w1");
        assert_eq!(w.run_once(Utc::now()).await.unwrap(), 1);
        let m = &messages(&app).await[0];
        assert_eq!((m.status, m.attempts), (OutboxStatus::Pending, 1));
        let error = m.last_error.clone().unwrap_or_default();
        assert!(error.contains(why), "{why}: {error}");
        assert!(smtp.logins().is_empty(), "{:?}", smtp.events());
        assert!(smtp.mails().is_empty());
    }
    let attempts = outbox_attempt::Entity::find().all(&app.db).await.unwrap();
    assert!(attempts.iter().all(|a| !a.ok));
}

on_both_backends!(connection_reuse, false, one_connection_carries_a_batch);
on_both_backends!(tls_login, false, starttls_and_tls_with_a_login_deliver);
on_both_backends!(wrong_password, false, a_wrong_password_is_a_failed_attempt);
on_both_backends!(
    untrusted,
    false,
    no_mail_or_password_without_a_trusted_encrypted_connection
);
