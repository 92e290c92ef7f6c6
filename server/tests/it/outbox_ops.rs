//! Outbox operations on SQLite and PostgreSQL: sending failed mail again
//! (one message or all failed ones, within the person's programmes and the
//! page's filter; audited; refused for mail that has not failed or lost its
//! link; never sent twice, however the retries and the worker race), and
//! the page's filter by status and template with its counts.

use crate::common::smtp::SmtpServer;
use crate::common::{TestApp, call, on_both_backends, signed_in};
use crate::mail::{now, programme_id, refusal, worker};
use camp_connect_app::domain::lang::{Lang, Localized};
use camp_connect_app::domain::mail::{LINK_PLACEHOLDER, MailTemplate, OutboxPage, OutboxStatus};
use camp_connect_app::store::entities::outbox_message;
use camp_connect_app::store::outbox::{Recipient, enqueue};
use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

const SAME_ORIGIN: (&str, &str) = ("sec-fetch-site", "same-origin");

/// Queues a mail to `person{i}@example.jp` about `programme` and marks it
/// as the worker leaves a mail it gave up on: failed after six attempts,
/// with the last error, its link (had it one) erased.
async fn failed(app: &TestApp, i: usize, programme: Option<i32>) -> i64 {
    let to = Recipient {
        email: format!("person{i}@example.jp"),
        name: format!("Person {i}"),
        lang: Lang::En,
    };
    let template = MailTemplate::OrganiserGranted {
        programme: Localized::new("キャンプ", "Camp"),
    };
    let id = enqueue(
        &app.db,
        &to,
        &template,
        programme,
        now() - Duration::hours(9),
    )
    .await
    .unwrap();
    set(app, id, OutboxStatus::Failed).await;
    id
}

/// Puts message `id` in `status` as the worker would leave it there.
async fn set(app: &TestApp, id: i64, status: OutboxStatus) {
    let no_text: Option<String> = None;
    let mut update = outbox_message::Entity::update_many()
        .col_expr(outbox_message::Column::Status, Expr::value(status))
        .col_expr(outbox_message::Column::LinkSecret, Expr::value(no_text))
        .filter(outbox_message::Column::Id.eq(id));
    if status == OutboxStatus::Failed {
        update = update
            .col_expr(outbox_message::Column::Attempts, Expr::value(6))
            .col_expr(
                outbox_message::Column::LastError,
                Expr::value(Some("SMTP: Connection refused".to_string())),
            );
    }
    update.exec(&app.db).await.unwrap();
}

async fn message(app: &TestApp, id: i64) -> outbox_message::Model {
    outbox_message::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

async fn audit(app: &TestApp, who: &str) -> String {
    let cookie = signed_in(app, who).await;
    let log = call(app, &cookie, "/api/audit/search", "q=outbox.&page=0").await;
    assert_eq!(log.status, 200, "{}", log.body);
    log.body
}

/// One failed message goes back to the worker, once, audited; whatever
/// has not failed (waiting, sent, sent again already) is refused with a
/// reason, and so is a mail whose single-use link is gone. Another
/// programme's message is not found.
async fn a_failed_message_is_sent_again_once(app: TestApp) {
    let smtp = SmtpServer::start().await;
    let (camp, connect) = (
        programme_id(&app, "camp").await,
        programme_id(&app, "connect").await,
    );
    let theirs = failed(&app, 1, Some(connect)).await;
    let others = failed(&app, 2, Some(camp)).await;
    let sent = failed(&app, 3, Some(connect)).await;
    set(&app, sent, OutboxStatus::Sent).await;
    let organiser = signed_in(&app, "organiser").await;
    let admin = signed_in(&app, "admin").await;

    // Without JavaScript: a plain form post, back to the filtered page.
    let res = app
        .post_form(
            "/api/outbox/retry",
            &format!("message={theirs}&status=failed&template=organiser_granted"),
            &[
                SAME_ORIGIN,
                ("cookie", organiser.as_str()),
                ("accept", "text/html"),
                (
                    "referer",
                    "http://127.0.0.1:3000/manage/outbox?status=failed",
                ),
            ],
        )
        .await;
    assert_eq!(res.status, 302, "{}", res.body);
    assert_eq!(
        res.headers["location"],
        "/manage/outbox?status=failed&template=organiser_granted&saved=1"
    );
    let m = message(&app, theirs).await;
    assert_eq!((m.status, m.attempts), (OutboxStatus::Pending, 0));
    assert!(m.next_attempt_at <= Utc::now() && m.claimed_by.is_none());
    // Its last error stays until the next attempt tells a new story.
    assert_eq!(m.last_error.as_deref(), Some("SMTP: Connection refused"));

    // Again: it is waiting now, not failed.
    let res = call(
        &app,
        &organiser,
        "/api/outbox/retry",
        &format!("message={theirs}"),
    )
    .await;
    assert_eq!(refusal(&res), "\"message\":\"NotFailed\"", "{}", res.body);
    assert_eq!(res.status, 422);
    // A sent mail is never sent again, not even by an administrator.
    let res = call(
        &app,
        &admin,
        "/api/outbox/retry",
        &format!("message={sent}"),
    )
    .await;
    assert_eq!(refusal(&res), "\"message\":\"NotFailed\"", "{}", res.body);
    // Security Camp's mail is not Connect's organiser's: not found, like a
    // message that does not exist.
    for id in [others, 999_999] {
        let res = call(
            &app,
            &organiser,
            "/api/outbox/retry",
            &format!("message={id}"),
        )
        .await;
        assert_eq!(res.status, 404, "{id}: {}", res.body);
    }
    assert_eq!(message(&app, others).await.status, OutboxStatus::Failed);

    let w = worker(&app, &smtp.url(), "w1");
    assert_eq!(w.drain(Utc::now).await.unwrap(), 1);
    assert_eq!(w.drain(|| Utc::now() + Duration::days(1)).await.unwrap(), 0);
    let to: Vec<String> = smtp.mails().into_iter().map(|m| m.to).collect();
    assert_eq!(to, vec!["Person 1 <person1@example.jp>".to_string()]);
    let m = message(&app, theirs).await;
    assert_eq!(
        (m.status, m.attempts, m.last_error),
        (OutboxStatus::Sent, 1, None)
    );
    assert_eq!(message(&app, sent).await.status, OutboxStatus::Sent);

    // A mail whose single-use link was erased when it was given up would
    // go out with the placeholder: refused, with what to do instead.
    let linked = failed(&app, 4, Some(connect)).await;
    outbox_message::Entity::update_many()
        .col_expr(
            outbox_message::Column::TextBody,
            Expr::value(format!("Open {LINK_PLACEHOLDER} to answer.")),
        )
        .filter(outbox_message::Column::Id.eq(linked))
        .exec(&app.db)
        .await
        .unwrap();
    let res = call(
        &app,
        &admin,
        "/api/outbox/retry",
        &format!("message={linked}"),
    )
    .await;
    assert_eq!(
        refusal(&res),
        "\"message\":\"MailLinkGone\"",
        "{}",
        res.body
    );
    assert_eq!(message(&app, linked).await.status, OutboxStatus::Failed);

    let log = audit(&app, "organiser").await;
    assert_eq!(log.matches("outbox.retry").count(), 1, "{log}");
    assert!(
        log.contains(&format!(
            "message {theirs} (organiser_granted) sent again after 6 failed attempts"
        )),
        "{log}"
    );
}

/// Every failed message in reach goes back at once, of the filter's
/// template only when it names one: organisers their programmes', the
/// administrator all (mail about no programme too). Each programme's
/// organisers read in the audit log how many of theirs were sent again.
async fn all_failed_mail_in_reach_is_sent_again(app: TestApp) {
    let (camp, connect) = (
        programme_id(&app, "camp").await,
        programme_id(&app, "connect").await,
    );
    let camp_mail = [
        failed(&app, 1, Some(camp)).await,
        failed(&app, 2, Some(camp)).await,
    ];
    let granted = failed(&app, 3, Some(connect)).await;
    let reminder = failed(&app, 4, Some(connect)).await;
    outbox_message::Entity::update_many()
        .col_expr(
            outbox_message::Column::Template,
            Expr::value("event_reminder"),
        )
        .filter(outbox_message::Column::Id.eq(reminder))
        .exec(&app.db)
        .await
        .unwrap();
    let notice = failed(&app, 5, None).await;
    let organiser = signed_in(&app, "organiser").await;
    let admin = signed_in(&app, "admin").await;

    let res = app
        .post_form(
            "/api/outbox/retry-failed",
            "status=failed&template=organiser_granted",
            &[
                SAME_ORIGIN,
                ("cookie", organiser.as_str()),
                ("accept", "text/html"),
                ("referer", "http://127.0.0.1:3000/manage/outbox"),
            ],
        )
        .await;
    assert_eq!(res.status, 302, "{}", res.body);
    assert_eq!(
        res.headers["location"],
        "/manage/outbox?status=failed&template=organiser_granted&retried=1"
    );
    assert_eq!(message(&app, granted).await.status, OutboxStatus::Pending);
    assert_eq!(message(&app, reminder).await.status, OutboxStatus::Failed);
    let res = call(&app, &organiser, "/api/outbox/retry-failed", "").await;
    assert_eq!((res.status, res.body.as_str()), (200, "1"));
    let res = call(&app, &organiser, "/api/outbox/retry-failed", "").await;
    assert_eq!(
        refusal(&res),
        "\"message\":\"NothingToRetry\"",
        "{}",
        res.body
    );
    for id in camp_mail.into_iter().chain([notice]) {
        assert_eq!(message(&app, id).await.status, OutboxStatus::Failed);
    }

    let res = call(&app, &admin, "/api/outbox/retry-failed", "template=").await;
    assert_eq!((res.status, res.body.as_str()), (200, "3"));
    for id in camp_mail.into_iter().chain([notice]) {
        let m = message(&app, id).await;
        assert_eq!((m.status, m.attempts), (OutboxStatus::Pending, 0));
    }

    let theirs = audit(&app, "organiser").await;
    assert!(
        theirs.contains("failed messages sent again: 1 (organiser_granted)"),
        "{theirs}"
    );
    assert!(
        theirs.contains("failed messages sent again: 1 (any template)"),
        "{theirs}"
    );
    assert!(!theirs.contains("sent again: 2"), "{theirs}");
    let all = audit(&app, "admin").await;
    assert!(
        all.contains("failed messages sent again: 2 (any template)"),
        "{all}"
    );
    assert_eq!(all.matches("outbox.retry_failed").count(), 4, "{all}");
}

/// Retries fired together with the worker sending: each failed message is
/// sent back once (one retry of each pair wins, the other hears why), and
/// delivered exactly once.
async fn retries_racing_the_worker_send_once(app: TestApp) {
    let smtp = SmtpServer::start().await;
    let connect = programme_id(&app, "connect").await;
    let admin = signed_in(&app, "admin").await;
    let organiser = signed_in(&app, "organiser").await;
    let w = worker(&app, &smtp.url(), "racer");
    let mut ids = Vec::new();
    for i in 0..6 {
        let id = failed(&app, i, Some(connect)).await;
        ids.push(id);
        let one = format!("message={id}");
        let (a, b, all, sent) = tokio::join!(
            call(&app, &admin, "/api/outbox/retry", &one),
            call(&app, &organiser, "/api/outbox/retry", &one),
            call(&app, &organiser, "/api/outbox/retry-failed", ""),
            w.drain(Utc::now),
        );
        sent.unwrap();
        let won = [&a, &b, &all].iter().filter(|r| r.status == 200).count();
        assert_eq!(won, 1, "{} {} {}", a.body, b.body, all.body);
        for lost in [&a, &b, &all].into_iter().filter(|r| r.status != 200) {
            assert_eq!(lost.status, 422, "{}", lost.body);
        }
    }
    w.drain(Utc::now).await.unwrap();
    let mut to: Vec<String> = smtp.mails().into_iter().map(|m| m.to).collect();
    to.sort();
    let want: Vec<String> = (0..6)
        .map(|i| format!("Person {i} <person{i}@example.jp>"))
        .collect();
    assert_eq!(to, want, "each failed message delivered exactly once");
    for id in ids {
        let m = message(&app, id).await;
        assert_eq!((m.status, m.attempts), (OutboxStatus::Sent, 1));
    }
}

/// The page filters by status and template from its query, counts every
/// status (of the template) at the top, keeps the filter in its pager and
/// forms, and drops what names no status or template.
async fn the_page_filters_and_counts(app: TestApp) {
    let (camp, connect) = (
        programme_id(&app, "camp").await,
        programme_id(&app, "connect").await,
    );
    let theirs = failed(&app, 1, Some(connect)).await;
    failed(&app, 2, Some(camp)).await;
    let waiting = failed(&app, 3, Some(connect)).await;
    set(&app, waiting, OutboxStatus::Pending).await;
    let organiser = signed_in(&app, "organiser").await;

    let res = call(
        &app,
        &organiser,
        "/api/outbox/list",
        "page=0&status=failed&template=organiser_granted",
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let page: OutboxPage = serde_json::from_str(&res.body).unwrap();
    let rows: Vec<i64> = page.rows.iter().map(|r| r.id).collect();
    assert_eq!(rows, vec![theirs]);
    assert_eq!(page.count_of(OutboxStatus::Failed), 1);
    assert_eq!(page.count_of(OutboxStatus::Pending), 1);
    assert_eq!(page.counts.len(), OutboxStatus::ALL.len());
    assert_eq!(page.templates, vec!["organiser_granted".to_string()]);
    // A template of no message counts nothing, and lists nothing.
    let res = call(
        &app,
        &organiser,
        "/api/outbox/list",
        "page=0&template=event_reminder",
    )
    .await;
    let page: OutboxPage = serde_json::from_str(&res.body).unwrap();
    assert!(page.rows.is_empty() && page.counts.iter().all(|c| c.count == 0));

    let html = app
        .get_with(
            "/manage/outbox?status=failed&template=organiser_granted",
            &[("cookie", organiser.as_str())],
        )
        .await;
    assert_eq!(html.status, 200);
    let body = html.body;
    assert!(body.contains("person1@example.jp") && !body.contains("person3@example.jp"));
    assert!(
        !body.contains("person2@example.jp"),
        "another programme's mail"
    );
    assert!(body.contains("action=\"/api/outbox/retry\""), "{body}");
    assert!(body.contains("action=\"/api/outbox/retry-failed\""));
    assert!(body.contains("送信失敗の 1 件をすべて再送"), "{body}");
    assert!(body.contains("<option value=\"failed\" selected"), "{body}");
    assert!(body.contains("name=\"template\" value=\"organiser_granted\""));
    assert!(body.contains("href=\"/manage/outbox?template=organiser_granted\""));
    for status in ["pending", "held", "sending", "sent", "failed"] {
        assert!(
            body.contains(&format!("data-status=\"{status}\"")),
            "{status}"
        );
    }

    // A query typed by hand that names nothing lists everything in reach.
    let html = app
        .get_with(
            "/manage/outbox?status=lost&template=%3Cscript%3E&page=99999999",
            &[("cookie", organiser.as_str())],
        )
        .await;
    assert_eq!(html.status, 200);
    let html = app
        .get_with(
            "/manage/outbox?status=lost",
            &[("cookie", organiser.as_str())],
        )
        .await;
    assert!(html.body.contains("person1@example.jp") && html.body.contains("person3@example.jp"));
}

on_both_backends!(retry_one, true, a_failed_message_is_sent_again_once);
on_both_backends!(retry_all, true, all_failed_mail_in_reach_is_sent_again);
on_both_backends!(retry_race, true, retries_racing_the_worker_send_once);
on_both_backends!(filter_counts, true, the_page_filters_and_counts);
