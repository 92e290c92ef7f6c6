//! The mail outbox against a real SMTP server (aiosmtpd), on SQLite and
//! PostgreSQL: what is queued and when, delivery in the recipient's
//! language, two workers sharing one database, retries while the SMTP
//! server is down, expired claims, and staff holding and releasing mail.

use crate::common::smtp::{SmtpServer, free_port};
use crate::common::{self, TestApp, call, on_both_backends, signed_in};
use camp_connect::config::MailConfig;
use camp_connect::mail::{Mailer, Worker};
use camp_connect_app::domain::lang::{Lang, Localized};
use camp_connect_app::domain::mail::{
    CLAIM_LEASE, LINK_PLACEHOLDER, MailTemplate, OutboxStatus, TYPED_MAIL_WINDOW,
    TYPED_MAILS_PER_ACCOUNT, TYPED_MAILS_PER_ADDRESS,
};
use camp_connect_app::store::entities::{account, outbox_attempt, outbox_message};
use camp_connect_app::store::identity::{ProvenIdentity, SignInOutcome, resolve_sign_in};
use camp_connect_app::store::outbox::{
    AttemptOutcome, Recipient, claim_due, enqueue, record_attempt,
};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use std::collections::BTreeMap;

const SAME_ORIGIN: (&str, &str) = ("sec-fetch-site", "same-origin");

pub(crate) fn worker(app: &TestApp, smtp_url: &str, id: &str) -> Worker {
    let config = MailConfig {
        smtp_url: smtp_url.to_string(),
        from: "Camp Connect <no-reply@camp.example.jp>".to_string(),
        ca_pem: None,
    };
    Worker::new(app.db.clone(), Mailer::new(&config).expect("mailer"), id)
}

/// Now, to the second: both databases keep at least that.
pub(crate) fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(Utc::now().timestamp(), 0).expect("a time")
}

pub(crate) async fn messages(app: &TestApp) -> Vec<outbox_message::Model> {
    outbox_message::Entity::find().all(&app.db).await.unwrap()
}

async fn attempts_of(app: &TestApp, id: i64) -> Vec<outbox_attempt::Model> {
    outbox_attempt::Entity::find()
        .filter(outbox_attempt::Column::MessageId.eq(id))
        .all(&app.db)
        .await
        .unwrap()
}

async fn set_language(app: &TestApp, email: &str, lang: Lang) {
    let a = account::Entity::find()
        .filter(account::Column::Email.eq(email))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut row: account::ActiveModel = a.into();
    row.language = Set(lang);
    row.update(&app.db).await.unwrap();
}

fn recipient(i: usize) -> Recipient {
    Recipient {
        email: format!("person{i}@example.jp"),
        name: format!("Person {i}"),
        lang: Lang::En,
    }
}

fn granted(name: &str) -> MailTemplate {
    MailTemplate::OrganiserGranted {
        programme: Localized::new(name, name),
    }
}

pub(crate) async fn programme_id(app: &TestApp, slug: &str) -> i32 {
    camp_connect_app::store::catalogue::rows::programme_row(&app.db, slug)
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn granting_an_organiser_mails_them_in_their_language(app: TestApp) {
    let smtp = SmtpServer::start().await;
    set_language(&app, "demo-tutor@example.jp", Lang::En).await;
    let admin = signed_in(&app, "admin").await;
    for who in ["tutor", "lecturer"] {
        let res = call(
            &app,
            &admin,
            "/api/admin/grant-organiser",
            &format!("email=demo-{who}%40example.jp&programme=camp"),
        )
        .await;
        assert_eq!(res.status, 200, "{}", res.body);
    }
    // Granting again changes nothing, and mails nobody.
    call(
        &app,
        &admin,
        "/api/admin/grant-organiser",
        "email=demo-tutor%40example.jp&programme=camp",
    )
    .await;
    let queued = messages(&app).await;
    assert_eq!(queued.len(), 2);
    assert!(queued.iter().all(|m| m.status == OutboxStatus::Pending));

    let w = worker(&app, &smtp.url(), "w1");
    assert_eq!(w.drain(Utc::now).await.unwrap(), 2);
    let mails: BTreeMap<String, common::smtp::Mail> = smtp
        .mails()
        .into_iter()
        .map(|m| (m.to.clone(), m))
        .collect();
    assert_eq!(mails.len(), 2, "{mails:?}");
    let en = mails
        .iter()
        .find(|(to, _)| to.contains("demo-tutor@example.jp"))
        .map(|(_, m)| m)
        .expect("the tutor's mail");
    assert_eq!(
        en.subject,
        "[Camp Connect] You are now an organiser of Security Camp"
    );
    assert!(
        en.body
            .contains("You are now an organiser of Security Camp.")
    );
    assert_eq!(en.from, "Camp Connect <no-reply@camp.example.jp>");
    let ja = mails
        .iter()
        .find(|(to, _)| to.contains("demo-lecturer@example.jp"))
        .map(|(_, m)| m)
        .expect("the lecturer's mail");
    assert_eq!(
        ja.subject,
        "【Camp Connect】セキュリティ・キャンプの運営担当になりました"
    );
    assert!(ja.body.contains("「セキュリティ・キャンプ」の運営担当"));
    assert!(ja.body.contains(" 様\n"), "{}", ja.body);

    for m in messages(&app).await {
        assert_eq!((m.status, m.attempts), (OutboxStatus::Sent, 1));
        assert!(m.sent_at.is_some() && m.claimed_by.is_none());
        let tries = attempts_of(&app, m.id).await;
        assert_eq!(tries.len(), 1);
        assert!(tries[0].ok && tries[0].error.is_none());
    }
    // Nothing is sent twice.
    assert_eq!(w.drain(Utc::now).await.unwrap(), 0);
    assert_eq!(smtp.mails().len(), 2);
}

async fn two_workers_send_each_message_once(app: TestApp) {
    let smtp = SmtpServer::start().await;
    let t0 = now();
    for i in 0..30 {
        enqueue(&app.db, &recipient(i), &granted("Camp"), None, t0)
            .await
            .unwrap();
    }
    let a = worker(&app, &smtp.url(), "instance-a");
    let b = worker(&app, &smtp.url(), "instance-b");
    let clock = || t0 + Duration::seconds(1);
    let mut claimed = (0, 0);
    loop {
        let (x, y) = tokio::join!(a.drain(clock), b.drain(clock));
        let (x, y) = (x.unwrap(), y.unwrap());
        claimed = (claimed.0 + x, claimed.1 + y);
        if x + y == 0 {
            break;
        }
    }
    assert_eq!(claimed.0 + claimed.1, 30, "{claimed:?}");
    let mut to: Vec<String> = smtp.mails().into_iter().map(|m| m.to).collect();
    to.sort();
    let mut want: Vec<String> = (0..30)
        .map(|i| format!("Person {i} <person{i}@example.jp>"))
        .collect();
    want.sort();
    assert_eq!(to, want, "each message delivered exactly once");
    for m in messages(&app).await {
        assert_eq!((m.status, m.attempts), (OutboxStatus::Sent, 1), "{m:?}");
    }
    assert_eq!(
        outbox_attempt::Entity::find().count(&app.db).await.unwrap(),
        30
    );
}

async fn a_failed_attempt_is_recorded_and_retried_later(app: TestApp) {
    let port = free_port();
    let t0 = now();
    let id = enqueue(&app.db, &recipient(1), &granted("Camp"), None, t0)
        .await
        .unwrap();
    let w = worker(&app, &format!("smtp://127.0.0.1:{port}"), "w1");

    // The SMTP server is down: the attempt fails and is recorded.
    assert_eq!(w.run_once(t0).await.unwrap(), 1);
    let m = outbox_message::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((m.status, m.attempts), (OutboxStatus::Pending, 1));
    assert_eq!(m.next_attempt_at, t0 + Duration::minutes(1));
    assert!(m.claimed_by.is_none() && m.claimed_until.is_none());
    let error = m.last_error.expect("the error is kept");
    assert!(error.starts_with("SMTP:"), "{error}");
    let tries = attempts_of(&app, id).await;
    assert_eq!(tries.len(), 1);
    assert!(!tries[0].ok);
    assert_eq!(tries[0].error.as_deref(), Some(error.as_str()));

    // Not before its time.
    assert_eq!(w.run_once(t0 + Duration::seconds(30)).await.unwrap(), 0);

    // The server is back: the next try delivers it, once.
    let smtp = SmtpServer::start_on(port).await;
    assert_eq!(w.run_once(t0 + Duration::seconds(61)).await.unwrap(), 1);
    assert_eq!(w.run_once(t0 + Duration::days(1)).await.unwrap(), 0);
    assert_eq!(smtp.mails().len(), 1);
    let m = outbox_message::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((m.status, m.attempts), (OutboxStatus::Sent, 2));
    assert_eq!(m.last_error, None);
    assert_eq!(m.sent_at, Some(t0 + Duration::seconds(61)));
    let oks: Vec<bool> = attempts_of(&app, id).await.iter().map(|a| a.ok).collect();
    assert_eq!(oks, vec![false, true]);
}

async fn failures_back_off_then_give_up(app: TestApp) {
    let t0 = now();
    let id = enqueue(&app.db, &recipient(1), &granted("Camp"), None, t0)
        .await
        .unwrap();
    let mut at = t0;
    let mut waits = Vec::new();
    loop {
        let claimed = claim_due(&app.db, "w1", at, 10).await.unwrap();
        assert_eq!(claimed.len(), 1);
        match record_attempt(&app.db, "w1", &claimed[0], Err("refused".into()), at)
            .await
            .unwrap()
        {
            AttemptOutcome::RetryAt(next) => {
                waits.push((next - at).num_minutes());
                // Not a moment early.
                let early = claim_due(&app.db, "w1", next - Duration::seconds(1), 10).await;
                assert!(early.unwrap().is_empty());
                at = next;
            }
            AttemptOutcome::Failed => break,
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(waits, vec![1, 5, 30, 120, 360]);
    let m = outbox_message::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((m.status, m.attempts), (OutboxStatus::Failed, 6));
    assert_eq!(attempts_of(&app, id).await.len(), 6);
    assert!(
        claim_due(&app.db, "w1", at + Duration::days(30), 10)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn a_lapsed_claim_can_be_taken_over(app: TestApp) {
    let t0 = now();
    let id = enqueue(&app.db, &recipient(1), &granted("Camp"), None, t0)
        .await
        .unwrap();
    // Instance A claims the message, then dies before sending it.
    let mine = claim_due(&app.db, "a", t0, 10).await.unwrap();
    assert_eq!(mine.len(), 1);
    assert!(claim_due(&app.db, "b", t0, 10).await.unwrap().is_empty());
    let later = t0 + CLAIM_LEASE - Duration::seconds(1);
    assert!(claim_due(&app.db, "b", later, 10).await.unwrap().is_empty());
    // Once A's claim lapses, B takes the message over and sends it.
    let lapsed = t0 + CLAIM_LEASE + Duration::seconds(1);
    let theirs = claim_due(&app.db, "b", lapsed, 10).await.unwrap();
    assert_eq!(theirs.len(), 1);
    assert_eq!(theirs[0].id, id);
    assert_eq!(
        record_attempt(&app.db, "b", &theirs[0], Ok(()), lapsed)
            .await
            .unwrap(),
        AttemptOutcome::Sent
    );
    // A coming back to life cannot undo that.
    assert_eq!(
        record_attempt(&app.db, "a", &mine[0], Err("late".into()), lapsed)
            .await
            .unwrap(),
        AttemptOutcome::ClaimLost
    );
    let m = outbox_message::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((m.status, m.attempts), (OutboxStatus::Sent, 1));
}

async fn held_mail_waits_for_release_and_both_are_audited(app: TestApp) {
    let smtp = SmtpServer::start().await;
    let w = worker(&app, &smtp.url(), "w1");
    let t0 = now();
    let connect = programme_id(&app, "connect").await;
    let camp = programme_id(&app, "camp").await;
    let theirs = enqueue(
        &app.db,
        &recipient(1),
        &granted("Connect"),
        Some(connect),
        t0,
    )
    .await
    .unwrap();
    let other = enqueue(&app.db, &recipient(2), &granted("Camp"), Some(camp), t0)
        .await
        .unwrap();
    let organiser = signed_in(&app, "organiser").await;
    let admin = signed_in(&app, "admin").await;

    // Without JavaScript: a plain form post, answered with a redirect.
    let res = app
        .post_form(
            "/api/outbox/hold",
            &format!("message={theirs}"),
            &[
                SAME_ORIGIN,
                ("cookie", organiser.as_str()),
                ("accept", "text/html"),
                ("referer", "http://127.0.0.1:3000/manage/outbox"),
            ],
        )
        .await;
    assert_eq!(res.status, 302, "{}", res.body);
    assert_eq!(res.headers["location"], "/manage/outbox?saved=1");
    // Another programme's mail is not theirs to hold: not found, as if
    // there were no such message.
    let res = call(
        &app,
        &organiser,
        "/api/outbox/hold",
        &format!("message={other}"),
    )
    .await;
    assert_eq!(res.status, 404);
    // Holding twice is refused.
    let res = call(
        &app,
        &organiser,
        "/api/outbox/hold",
        &format!("message={theirs}"),
    )
    .await;
    assert_eq!(res.status, 422, "{}", res.body);

    assert_eq!(w.drain(|| t0 + Duration::minutes(1)).await.unwrap(), 1);
    let sent: Vec<String> = smtp.mails().into_iter().map(|m| m.to).collect();
    assert_eq!(sent, vec!["Person 2 <person2@example.jp>".to_string()]);

    // The page lists their programme's mail only, and says that this
    // instance sends nothing (the test app has no SMTP_URL).
    let page = app
        .get_with("/manage/outbox", &[("cookie", organiser.as_str())])
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("person1@example.jp"), "{}", page.body);
    assert!(!page.body.contains("person2@example.jp"));
    assert!(page.body.contains("保留中"));
    assert!(page.body.contains("メールは送信待ちのまま残ります"));
    assert!(page.body.contains("action=\"/api/outbox/release\""));
    let all = call(&app, &admin, "/api/outbox/list", "page=0").await;
    assert_eq!(all.status, 200);
    assert!(all.body.contains("person1@example.jp") && all.body.contains("person2@example.jp"));

    let res = call(
        &app,
        &organiser,
        "/api/outbox/release",
        &format!("message={theirs}"),
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let res = call(
        &app,
        &organiser,
        "/api/outbox/release",
        &format!("message={theirs}"),
    )
    .await;
    assert_eq!(res.status, 422);
    assert_eq!(w.drain(|| t0 + Duration::minutes(2)).await.unwrap(), 1);
    assert_eq!(smtp.mails().len(), 2);
    // Sent mail can be neither held nor released.
    let res = call(
        &app,
        &admin,
        "/api/outbox/hold",
        &format!("message={theirs}"),
    )
    .await;
    assert_eq!(res.status, 422);

    let log = call(&app, &organiser, "/api/audit/search", "q=outbox.&page=0").await;
    assert_eq!(log.status, 200);
    let holds = log.body.matches("outbox.hold").count();
    let releases = log.body.matches("outbox.release").count();
    assert_eq!((holds, releases), (1, 1), "{}", log.body);
    assert!(
        log.body
            .contains(&format!("message {theirs} (organiser_granted) held"))
    );
}

async fn linking_a_sign_in_method_sends_a_security_notice(app: TestApp) {
    let who = |provider: &'static str, subject: &'static str| ProvenIdentity {
        provider,
        label: if provider == "github" {
            "GitHub"
        } else {
            "大学アカウント"
        },
        subject,
        email: "hanako@univ.ac.jp",
        name: "佐藤 花子",
    };
    // A new account gets no notice: nothing was added to an existing one.
    let t0 = now();
    let SignInOutcome::Account(id) = resolve_sign_in(&app.db, who("univ", "h-1"), None, t0)
        .await
        .unwrap()
    else {
        panic!("an account is made");
    };
    assert!(messages(&app).await.is_empty());
    // Signed in, linking GitHub mails the account, in its language.
    set_language(&app, "hanako@univ.ac.jp", Lang::En).await;
    resolve_sign_in(&app.db, who("github", "42"), Some(id), t0)
        .await
        .unwrap();
    let queued = messages(&app).await;
    assert_eq!(queued.len(), 1);
    let m = &queued[0];
    assert_eq!(
        (m.template.as_str(), m.language, m.programme_id),
        ("identity_linked", Lang::En, None)
    );
    assert_eq!(m.recipient_email, "hanako@univ.ac.jp");
    assert!(
        m.text_body
            .contains("A new sign-in method, GitHub, was linked")
    );
    // Signing in again with a linked method sends nothing.
    resolve_sign_in(&app.db, who("github", "42"), None, t0)
        .await
        .unwrap();
    assert_eq!(messages(&app).await.len(), 1);
    // Organisers do not see mail about no programme; admins do.
    let organiser = signed_in(&app, "organiser").await;
    let res = call(&app, &organiser, "/api/outbox/list", "page=0").await;
    assert!(!res.body.contains("hanako"), "{}", res.body);
    let res = call(
        &app,
        &organiser,
        "/api/outbox/hold",
        &format!("message={}", m.id),
    )
    .await;
    assert_eq!(res.status, 404);
    // Deleting the account deletes its mail.
    camp_connect_app::store::account::delete_account(&app.db, id, t0)
        .await
        .unwrap();
    assert!(messages(&app).await.is_empty());
}

/// The form of the demo Connect "ai" track as a 15-year-old with a
/// guardian at `guardian` (encoded) submits it.
async fn minor_form(app: &TestApp, cookie: &str, guardian: &str) -> String {
    let res = call(
        app,
        cookie,
        "/api/apply/page",
        "programme=connect&cohort=2027&track=ai",
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let q = common::apply::question_ids(&serde_json::from_str(&res.body).unwrap());
    let extra = format!(
        "draft[guardian_name]=%E4%BD%90%E8%97%A4+%E8%8A%B1%E5%AD%90&draft[guardian_email]={guardian}"
    );
    common::apply::form("ai", 0, &q, "2011-06-01", &extra)
}

/// The 64-digit token after `path` in the delivered mail to `to`.
fn token_in(mails: &[common::smtp::Mail], to: &str, path: &str) -> String {
    mails
        .iter()
        .filter(|m| m.to.contains(to))
        .find_map(|m| {
            let at = m.body.find(path)? + path.len();
            m.body.get(at..at + 64).map(str::to_string)
        })
        .unwrap_or_else(|| panic!("no mail to {to} with a {path} link: {mails:?}"))
}

const INVITE: &str = "programme=connect&cohort=2027&track=iot&source=government&affiliation=NISC";

fn claim_to(supervisor: &str) -> String {
    format!(
        "title=talk&hours=1&date=2026-10-01&evidence=slides&evidence_link=&supervisor_name=Boss&supervisor_email={supervisor}"
    )
}

/// Guardian, invitation and supervisor links are mailed, work, and are in
/// no row of the outbox once sent: the stored body has a placeholder, the
/// link waits apart and is erased when the mail goes.
async fn sent_mail_leaves_no_working_link_in_the_outbox(app: TestApp) {
    let organiser = signed_in(&app, "organiser").await;
    let applicant = signed_in(&app, "applicant").await;
    let res = call(
        &app,
        &organiser,
        "/api/rosters/invite",
        &format!("{INVITE}&email=guest%40example.jp"),
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let res = call(
        &app,
        &applicant,
        "/api/credits/report",
        &claim_to("boss%40example.jp"),
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let form = minor_form(&app, &applicant, "parent%40example.jp").await;
    let res = call(&app, &applicant, "/api/apply/submit", &form).await;
    assert_eq!(res.status, 200, "{}", res.body);

    // Waiting: each link is kept apart, the body has the placeholder.
    let linked = [
        "lecturer_invitation",
        "credit_confirm_request",
        "guardian_consent_request",
    ];
    for m in messages(&app).await {
        if linked.contains(&m.template.as_str()) {
            assert!(m.text_body.contains(LINK_PLACEHOLDER), "{}", m.text_body);
            assert!(m.link_secret.is_some(), "{m:?}");
        } else {
            assert_eq!(m.link_secret, None, "{m:?}");
        }
    }

    let mails = common::smtp::deliver(&app).await;
    let tokens = [
        (
            token_in(&mails, "guest@example.jp", "/invitations/"),
            "/invitations/",
        ),
        (
            token_in(&mails, "boss@example.jp", "/credits/confirm/"),
            "/credits/confirm/",
        ),
        (
            token_in(&mails, "parent@example.jp", "/guardian/"),
            "/guardian/",
        ),
    ];
    for (token, path) in &tokens {
        let page = app.get(&format!("{path}{token}")).await;
        assert_eq!(page.status, 200, "the mailed {path} link works");
    }
    let rows = messages(&app).await;
    assert!(
        rows.iter().all(|m| m.status == OutboxStatus::Sent),
        "{rows:?}"
    );
    for m in &rows {
        let row = format!("{m:?}");
        for (token, _) in &tokens {
            assert!(!row.contains(token.as_str()), "a live link at rest: {row}");
        }
        assert_eq!(m.link_secret, None);
    }
}

/// A message given up after its last attempt loses its link too.
async fn a_given_up_mail_loses_its_link(app: TestApp) {
    let t0 = now();
    let token = "ab".repeat(32);
    let link = format!("https://camp.example.jp/guardian/{token}");
    let template = MailTemplate::GuardianConsentRequest {
        applicant: "A".into(),
        track: Localized::new("t", "t"),
        dates: Localized::new("d", "d"),
        link: link.clone(),
        expires_at: t0 + Duration::days(7),
    };
    let id = enqueue(&app.db, &recipient(1), &template, None, t0)
        .await
        .unwrap();
    let mut at = t0;
    loop {
        let claimed = claim_due(&app.db, "w1", at, 10).await.unwrap();
        assert!(
            claimed[0].text_body.contains(&link),
            "the worker gets the link"
        );
        match record_attempt(&app.db, "w1", &claimed[0], Err("refused".into()), at)
            .await
            .unwrap()
        {
            AttemptOutcome::RetryAt(next) => at = next,
            AttemptOutcome::Failed => break,
            other => panic!("{other:?}"),
        }
    }
    let m = outbox_message::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(m.status, OutboxStatus::Failed);
    assert!(!format!("{m:?}").contains(&token), "{m:?}");
}

/// Messages queued before the migration that keeps links apart lose theirs
/// too: a sent one for good, a waiting one until it is sent.
async fn the_migration_takes_links_out_of_older_messages(app: TestApp) {
    use camp_connect_migrations::{Migrator, MigratorTrait};
    use sea_orm::ConnectionTrait;
    use sea_orm::sea_query::{Alias, Query};
    let name = "m20261206_000015_outbox_secrets_and_limits";
    let all = Migrator::migrations();
    let mine = all
        .iter()
        .position(|m| m.name() == name)
        .expect("the migration");
    let steps = u32::try_from(all.len() - mine).unwrap();
    Migrator::down(&app.db, Some(steps))
        .await
        .expect("down to before it");
    let (sent, waiting) = ("1f".repeat(32), "2e".repeat(32));
    let t0 = now();
    for (template, status, path, token) in [
        ("guardian_consent_request", "sent", "guardian", &sent),
        ("lecturer_invitation", "pending", "invitations", &waiting),
    ] {
        let body = format!("Dear A,\n\nhttps://camp.example.jp/{path}/{token}\n\n--");
        let insert = Query::insert()
            .into_table(Alias::new("outbox_message"))
            .columns(
                [
                    "recipient_email",
                    "recipient_name",
                    "language",
                    "template",
                    "subject",
                    "text_body",
                    "status",
                    "attempts",
                    "next_attempt_at",
                    "created_at",
                ]
                .map(Alias::new),
            )
            .values_panic([
                "old@example.jp".into(),
                "A".into(),
                "en".into(),
                template.into(),
                "Subject".into(),
                body.into(),
                status.into(),
                0.into(),
                t0.into(),
                t0.into(),
            ])
            .to_owned();
        app.db.execute(&insert).await.expect("an old row");
    }
    Migrator::up(&app.db, None).await.expect("up again");
    let rows = messages(&app).await;
    assert_eq!(rows.len(), 2);
    for m in &rows {
        assert!(m.text_body.contains(LINK_PLACEHOLDER), "{m:?}");
        assert!(!m.text_body.contains(&sent) && !m.text_body.contains(&waiting));
    }
    assert!(
        !format!("{rows:?}").contains(&sent),
        "the sent link is gone"
    );
    let mails = common::smtp::deliver(&app).await;
    assert_eq!(mails.len(), 1);
    assert!(mails[0].body.contains(&format!("/invitations/{waiting}")));
    assert!(!format!("{:?}", messages(&app).await).contains(&waiting));
}

/// The field and problem of a refused call.
pub(crate) fn refusal(res: &common::Page) -> String {
    let v: serde_json::Value = serde_json::from_str(&res.body).unwrap_or_default();
    format!(
        "{}:{}",
        v["Invalid"][0]["field"], v["Invalid"][0]["problem"]
    )
}

/// Mail to typed addresses is limited per address (whoever types it, in any
/// case) and per account, on every form that sends it.
async fn mail_to_typed_addresses_is_limited(app: TestApp) {
    let applicant = signed_in(&app, "applicant").await;
    let alumnus = signed_in(&app, "alumnus").await;
    let organiser = signed_in(&app, "organiser").await;
    let report = |cookie: &str, to: &str| {
        let (cookie, body) = (cookie.to_string(), claim_to(to));
        let app = &app;
        async move { call(app, &cookie, "/api/credits/report", &body).await }
    };
    for _ in 0..TYPED_MAILS_PER_ADDRESS {
        assert_eq!(report(&applicant, "boss%40example.jp").await.status, 200);
    }
    let over = report(&applicant, "Boss%40Example.jp").await;
    assert_eq!(over.status, 422, "{}", over.body);
    assert_eq!(refusal(&over), "\"supervisor_email\":\"TooManyMails\"");
    assert_eq!(
        report(&alumnus, "boss%40example.jp").await.status,
        422,
        "whoever asks"
    );
    // A guardian's address counts the same.
    for _ in 0..TYPED_MAILS_PER_ADDRESS {
        assert_eq!(report(&alumnus, "parent%40example.jp").await.status, 200);
    }
    let form = minor_form(&app, &applicant, "parent%40example.jp").await;
    let res = call(&app, &applicant, "/api/apply/submit", &form).await;
    assert_eq!(
        refusal(&res),
        "\"guardian_email\":\"TooManyMails\"",
        "{}",
        res.body
    );
    // And a lecturer invitation's.
    for _ in 0..TYPED_MAILS_PER_ADDRESS {
        let res = call(
            &app,
            &organiser,
            "/api/rosters/invite",
            &format!("{INVITE}&email=guest%40example.jp"),
        )
        .await;
        assert_eq!(res.status, 200, "{}", res.body);
    }
    let res = call(
        &app,
        &organiser,
        "/api/rosters/invite",
        &format!("{INVITE}&email=guest%40example.jp"),
    )
    .await;
    assert_eq!(refusal(&res), "\"email\":\"TooManyMails\"", "{}", res.body);
    // Per account: new addresses until the account's limit.
    let sent = TYPED_MAILS_PER_ADDRESS;
    for i in sent..TYPED_MAILS_PER_ACCOUNT {
        let res = report(&applicant, &format!("boss{i}%40example.jp")).await;
        assert_eq!(res.status, 200, "{i}: {}", res.body);
    }
    let res = report(&applicant, "someone-new%40example.jp").await;
    assert_eq!(refusal(&res), "\"supervisor_email\":\"TooManyMails\"");
    // An hour later the limits have passed.
    outbox_message::Entity::update_many()
        .col_expr(
            outbox_message::Column::CreatedAt,
            sea_orm::sea_query::Expr::value(Utc::now() - TYPED_MAIL_WINDOW),
        )
        .exec(&app.db)
        .await
        .unwrap();
    assert_eq!(report(&applicant, "boss%40example.jp").await.status, 200);
}

on_both_backends!(
    grant_mail,
    true,
    granting_an_organiser_mails_them_in_their_language
);
on_both_backends!(two_workers, true, two_workers_send_each_message_once);
on_both_backends!(retry, true, a_failed_attempt_is_recorded_and_retried_later);
on_both_backends!(give_up, true, failures_back_off_then_give_up);
on_both_backends!(lapsed_claim, true, a_lapsed_claim_can_be_taken_over);
on_both_backends!(
    hold_release,
    true,
    held_mail_waits_for_release_and_both_are_audited
);
on_both_backends!(
    identity_linked,
    true,
    linking_a_sign_in_method_sends_a_security_notice
);
on_both_backends!(
    link_secrets,
    true,
    sent_mail_leaves_no_working_link_in_the_outbox
);
on_both_backends!(given_up_link, true, a_given_up_mail_loses_its_link);
on_both_backends!(typed_mail_limits, true, mail_to_typed_addresses_is_limited);
on_both_backends!(
    migrated_links,
    true,
    the_migration_takes_links_out_of_older_messages
);
