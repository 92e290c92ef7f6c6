//! Two `camp-connect serve` processes on one PostgreSQL database, as behind
//! a load balancer: a session made on one works on the other (and a
//! sign-out on either ends it on both), and the mail outbox, worked by both
//! instances' mail workers at once, delivers each message exactly once.

use crate::common;
use crate::common::process::{kill, serve};
use crate::common::smtp::{SmtpServer, free_port, queue_mails};
use crate::common::wire::{request, sign_in};
use camp_connect::{db, seed};
use camp_connect_app::domain::mail::OutboxStatus;
use camp_connect_app::store::entities::outbox_message;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use std::time::Duration;

const MESSAGES: usize = 40;
const ORGANISER: &str = "伊藤 直子";

/// Whether the home page on `addr` shows the organiser signed in.
async fn signed_in_on(addr: &str, cookie: &str) -> bool {
    let (status, page) = request(addr, "GET", "/", cookie, "", "text/html")
        .await
        .expect("the home page");
    assert_eq!(status, 200);
    page.contains(ORGANISER)
}

async fn two_instances(test_db: common::TestDb) {
    let conn = db::connect(&test_db.url).await.expect("connect");
    db::migrate(&conn, &test_db.url).await.expect("migrate");
    seed::seed_demo(&conn).await.expect("seed");
    queue_mails(&conn, MESSAGES).await;

    let smtp = SmtpServer::start().await;
    let smtp_url = smtp.url();
    let mail = [
        ("SMTP_URL", smtp_url.as_str()),
        ("MAIL_FROM", "Camp Connect <no-reply@camp.example.jp>"),
        ("MAIL_POLL_SECONDS", "1"),
    ];
    let (a, b) = (
        format!("127.0.0.1:{}", free_port()),
        format!("127.0.0.1:{}", free_port()),
    );
    let instance_a = serve(test_db.url.as_str(), &a, &mail).await;
    let instance_b = serve(test_db.url.as_str(), &b, &mail).await;

    // Sessions: signed in on A, recognised on B; signed out on B, gone on A.
    let cookie = sign_in(&a, "demo-organiser@example.jp")
        .await
        .expect("signed in on A");
    assert!(signed_in_on(&a, &cookie).await);
    assert!(signed_in_on(&b, &cookie).await, "B knows A's session");
    let (status, _) = request(&b, "POST", "/auth/sign-out", &cookie, "", "text/html")
        .await
        .unwrap();
    assert_eq!(status, 303);
    assert!(!signed_in_on(&a, &cookie).await, "signed out everywhere");

    // Mail: both workers poll every second; wait until all is sent.
    let sent = || {
        outbox_message::Entity::find()
            .filter(outbox_message::Column::Status.eq(OutboxStatus::Sent))
            .count(&conn)
    };
    for _ in 0..600 {
        if sent().await.unwrap() as usize == MESSAGES {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // A little longer, so a duplicate send would have time to show.
    tokio::time::sleep(Duration::from_secs(2)).await;
    kill(instance_a);
    kill(instance_b);
    assert_eq!(sent().await.unwrap() as usize, MESSAGES);
    let mut to: Vec<String> = smtp.mails().into_iter().map(|m| m.to).collect();
    to.sort();
    let mut want: Vec<String> = (0..MESSAGES)
        .map(|i| format!("Person {i} <person{i}@example.jp>"))
        .collect();
    want.sort();
    assert_eq!(to, want, "each message delivered exactly once");
    let workers: std::collections::BTreeSet<String> = outbox_message::Entity::find()
        .all(&conn)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|m| m.claimed_by)
        .collect();
    eprintln!("messages sent by workers: {workers:?}");
    conn.close().await.unwrap();
}

#[test]
fn two_instances_on_one_postgres() {
    common::runtime().block_on(async {
        if let Some(test_db) = common::make_db(common::Backend::Postgres).await {
            two_instances(test_db).await;
        }
    });
}
