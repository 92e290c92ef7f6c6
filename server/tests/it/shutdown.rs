//! Graceful shutdown: a real `camp-connect serve` process is sent SIGTERM,
//! as a deploy stops it, while its mail worker is in the middle of an SMTP
//! conversation, while its reminder sweep is running, and while idle. It
//! exits 0 within the grace period, having finished the unit of work in
//! progress and started no other: nothing is left half-done, and what it
//! did not do is left for the next instance. On SQLite and PostgreSQL.

use crate::common::process::{serve, serve_logging, terminate};
use crate::common::smtp::{SmtpServer, free_port, outbox_id, queue_mails};
use crate::common::{self, on_each_backend};
use camp_connect::db;
use camp_connect_app::domain::events::{Audience, EventKind, EventStatus, RsvpStatus};
use camp_connect_app::domain::mail::OutboxStatus;
use camp_connect_app::store::entities::{event, event_rsvp, outbox_attempt, outbox_message};
use camp_connect_app::store::identity::{NewAccount, create_account};
use chrono::Utc;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, Set};
use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

/// The grace period the servers under test are given.
const GRACE: Duration = Duration::from_secs(30);
/// How long a test waits for a server to exit after SIGTERM: the grace
/// period, and time to log and exit after it.
const EXIT_WITHIN: Duration = Duration::from_secs(40);
/// Messages queued for the mail test: several batches' worth.
const MAILS: usize = 12;
/// Events due a reminder in the sweep test.
const EVENTS: usize = 600;
/// People confirmed for each of those events.
const ATTENDEES: usize = 3;

const FROM: &str = "Camp Connect <no-reply@camp.example.jp>";

/// A fresh database on `backend` with the schema in place, and a
/// connection to it; `None` when the backend is not available.
async fn database(backend: common::Backend) -> Option<(common::TestDb, DatabaseConnection)> {
    let test_db = common::make_db(backend).await?;
    let conn = db::connect(&test_db.url).await.expect("connect");
    db::migrate(&conn, &test_db.url).await.expect("migrate");
    Some((test_db, conn))
}

/// The environment of a server sending mail through `smtp`.
fn mail_env(smtp: &SmtpServer) -> Vec<(&'static str, String)> {
    vec![
        ("SMTP_URL", smtp.url()),
        ("MAIL_FROM", FROM.to_string()),
        ("MAIL_POLL_SECONDS", "1".to_string()),
        ("SHUTDOWN_GRACE_SECONDS", GRACE.as_secs().to_string()),
    ]
}

fn borrowed<'a>(env: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    env.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// The outbox ids of the mails `smtp` received, each once: a mail
/// received twice fails the test.
fn received(smtp: &SmtpServer) -> BTreeSet<i64> {
    let ids: Vec<i64> = smtp
        .mails()
        .iter()
        .map(|m| outbox_id(&m.message_id))
        .collect();
    let unique: BTreeSet<i64> = ids.iter().copied().collect();
    assert_eq!(
        unique.len(),
        ids.len(),
        "a mail was received twice: {ids:?}"
    );
    unique
}

/// Waits up to a minute for `done`, checking every 100 ms.
async fn until(what: &str, mut done: impl AsyncFnMut() -> bool) {
    let start = Instant::now();
    while !done().await {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "waited a minute for {what}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn sigterm_while_sending_mail(backend: common::Backend) {
    let Some((test_db, conn)) = database(backend).await else {
        return;
    };
    queue_mails(&conn, MAILS).await;
    // Each mail takes a second to be accepted, so the SIGTERM below lands
    // in the middle of an SMTP conversation, with claimed mail still to go.
    let slow = SmtpServer::start_slow(Duration::from_secs(1)).await;
    let env = mail_env(&slow);
    let addr = format!("127.0.0.1:{}", free_port());
    let server = serve(test_db.url.as_str(), &addr, &borrowed(&env)).await;
    until("the first mail", async || !slow.mails().is_empty()).await;
    let (status, took) = terminate(server, EXIT_WITHIN);
    assert!(status.success(), "{status}");
    assert!(took < GRACE, "took {took:?}");
    eprintln!("{backend:?}: exited {took:?} after SIGTERM while sending mail");

    // Sent and recorded, or untouched and claimable at once: nothing else.
    let sent = received(&slow);
    assert!(!sent.is_empty() && sent.len() < MAILS, "{sent:?}");
    let attempts: BTreeMap<i64, Vec<outbox_attempt::Model>> = outbox_attempt::Entity::find()
        .all(&conn)
        .await
        .unwrap()
        .into_iter()
        .fold(BTreeMap::new(), |mut by, a| {
            by.entry(a.message_id).or_insert_with(Vec::new).push(a);
            by
        });
    let rows = outbox_message::Entity::find().all(&conn).await.unwrap();
    assert_eq!(rows.len(), MAILS);
    for m in &rows {
        let tried = attempts.get(&m.id).map(Vec::as_slice).unwrap_or_default();
        if sent.contains(&m.id) {
            assert_eq!((m.status.as_str(), m.attempts), ("sent", 1), "{m:?}");
            assert!(m.sent_at.is_some() && m.claimed_by.is_none(), "{m:?}");
            assert!(tried.len() == 1 && tried[0].ok, "{tried:?}");
        } else {
            assert_eq!((m.status.as_str(), m.attempts), ("pending", 0), "{m:?}");
            assert!(m.claimed_by.is_none() && m.claimed_until.is_none(), "{m:?}");
            assert!(m.next_attempt_at <= Utc::now(), "{m:?}");
            assert!(tried.is_empty(), "{tried:?}");
        }
    }

    // The next instance sends the rest, each once, and none sent before.
    let smtp = SmtpServer::start().await;
    let env = mail_env(&smtp);
    let server = serve(test_db.url.as_str(), &addr, &borrowed(&env)).await;
    until("the rest of the mail", async || {
        received(&smtp).len() + sent.len() >= MAILS
    })
    .await;
    let (status, _) = terminate(server, EXIT_WITHIN);
    assert!(status.success(), "{status}");
    let rest = received(&smtp);
    assert!(
        rest.is_disjoint(&sent),
        "sent twice: {:?}",
        rest.intersection(&sent)
    );
    let all: BTreeSet<i64> = rows.iter().map(|m| m.id).collect();
    assert_eq!(rest.union(&sent).copied().collect::<BTreeSet<_>>(), all);
    let rows = outbox_message::Entity::find().all(&conn).await.unwrap();
    assert!(
        rows.iter()
            .all(|m| m.status == OutboxStatus::Sent && m.attempts == 1),
        "{rows:?}"
    );
    conn.close().await.unwrap();
}

on_each_backend!(mail_in_flight, sigterm_while_sending_mail);

async fn sigterm_during_a_sweep(backend: common::Backend) {
    let Some((test_db, conn)) = database(backend).await else {
        return;
    };
    let now = Utc::now();
    let mut people = Vec::new();
    for i in 0..ATTENDEES {
        let email = format!("attendee{i}@example.jp");
        let new = NewAccount {
            email: &email,
            name_ja: "参加 太郎",
            name_en: "Attendee Taro",
            is_admin: false,
        };
        people.push(create_account(&conn, new, now).await.unwrap());
    }
    let starts_at = now + chrono::Duration::hours(12);
    let events = (0..EVENTS).map(|i| event::ActiveModel {
        title_ja: Set(title(i)),
        title_en: Set(title(i)),
        description_ja: Set(String::new()),
        description_en: Set(String::new()),
        kind: Set(EventKind::Meetup),
        starts_at: Set(starts_at),
        ends_at: Set(starts_at + chrono::Duration::hours(2)),
        venue: Set("Hall".into()),
        online_link: Set(String::new()),
        capacity: Set(ATTENDEES as i32),
        audience: Set(Audience::Public),
        credit_tenths: Set(0),
        status: Set(EventStatus::Published),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    });
    event::Entity::insert_many(events)
        .exec(&conn)
        .await
        .unwrap();
    let ids: Vec<i32> = event::Entity::find()
        .all(&conn)
        .await
        .unwrap()
        .iter()
        .map(|e| e.id)
        .collect();
    let rsvps = ids.iter().flat_map(|&event_id| {
        people
            .iter()
            .map(move |&account_id| event_rsvp::ActiveModel {
                event_id: Set(event_id),
                account_id: Set(account_id),
                status: Set(RsvpStatus::Confirmed),
                position: Set(0),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            })
    });
    event_rsvp::Entity::insert_many(rsvps)
        .exec(&conn)
        .await
        .unwrap();

    // The reminder sweep runs as soon as the server starts: stop it then.
    let addr = format!("127.0.0.1:{}", free_port());
    let grace = GRACE.as_secs().to_string();
    let server = serve(
        test_db.url.as_str(),
        &addr,
        &[("SHUTDOWN_GRACE_SECONDS", grace.as_str())],
    )
    .await;
    let reminded_events = async || {
        event::Entity::find()
            .filter(event::Column::RemindedAt.is_not_null())
            .count(&conn)
            .await
            .unwrap() as usize
    };
    until("the sweep to begin", async || reminded_events().await > 0).await;
    let before = reminded_events().await;
    assert!(before < EVENTS, "the sweep was over before the SIGTERM");
    let (status, took) = terminate(server, EXIT_WITHIN);
    assert!(status.success(), "{status}");

    // Each event's reminder is one transaction: the event marked reminded
    // with a mail queued for every attendee, or neither.
    let mails = outbox_message::Entity::find().all(&conn).await.unwrap();
    let mut reminded = 0;
    for e in event::Entity::find().all(&conn).await.unwrap() {
        let queued = mails
            .iter()
            .filter(|m| m.subject.contains(&e.title_en) || m.text_body.contains(&e.title_en))
            .count();
        let expected = if e.reminded_at.is_some() {
            ATTENDEES
        } else {
            0
        };
        assert_eq!(
            queued, expected,
            "event {} ({:?})",
            e.title_en, e.reminded_at
        );
        reminded += usize::from(e.reminded_at.is_some());
    }
    assert_eq!(mails.len(), reminded * ATTENDEES);
    eprintln!(
        "{backend:?}: exited {took:?} after SIGTERM during the reminder sweep; {before} of {EVENTS} events reminded then, {reminded} at exit"
    );
    conn.close().await.unwrap();
}

/// A title no other event's contains.
fn title(i: usize) -> String {
    format!("Sweep event #{i:04}#")
}

on_each_backend!(sweep_in_flight, sigterm_during_a_sweep);

async fn idle_server_stops_promptly(backend: common::Backend) {
    let Some((test_db, conn)) = database(backend).await else {
        return;
    };
    conn.close().await.unwrap();
    let smtp = SmtpServer::start().await;
    let mut env = mail_env(&smtp);
    env.extend([
        ("RUST_LOG", "info,sqlx=warn,sea_orm=warn".into()),
        ("LOG_FORMAT", "json".into()),
    ]);
    let log_path = std::env::temp_dir()
        .join("camp-connect-tests")
        .join(format!("shutdown-{}.log", common::unique_name()));
    let log = std::fs::File::create(&log_path).expect("the log file");
    let addr = format!("127.0.0.1:{}", free_port());
    let server = serve_logging(test_db.url.as_str(), &addr, &borrowed(&env), log.into()).await;
    // Let the start-up rounds of the jobs finish: the server is idle.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let (status, took) = terminate(server, EXIT_WITHIN);
    assert!(status.success(), "{status}");
    assert!(took < Duration::from_secs(5), "took {took:?}");
    eprintln!("{backend:?}: idle server exited {took:?} after SIGTERM");

    // One line per job stopped, then one saying the server stopped.
    let log = std::fs::read_to_string(&log_path).expect("the log");
    let _ = std::fs::remove_file(&log_path);
    let lines: Vec<serde_json::Value> = log
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let message = |l: &serde_json::Value| l["fields"]["message"].as_str().unwrap_or("").to_string();
    let stopped: BTreeSet<String> = lines
        .iter()
        .filter(|l| message(l) == "background job stopped")
        .map(|l| l["fields"]["job"].as_str().unwrap_or("").to_string())
        .collect();
    let jobs = [
        "deadline reminders",
        "directory warm-up",
        "event reminders",
        "expired-session cleanup",
        "mail worker",
        "offer sweep",
    ];
    assert_eq!(stopped, jobs.map(String::from).into(), "{log}");
    assert_eq!(
        lines.last().map(message).as_deref(),
        Some("stopped"),
        "{log}"
    );
    assert!(!log.contains("abandoned"), "{log}");
}

on_each_backend!(idle, idle_server_stops_promptly);
