//! Automatic reminders and the opt-out of non-essential mail, on SQLite and
//! PostgreSQL: drafts reminded N days and 1 day before the deadline and
//! reviewers before the review's due date, each once with two sweeps
//! running at the same moment (two instances); each kind switched off per
//! programme; event change mail only on a real change and on cancelling;
//! the opt-out link (a GET changes nothing, the POST and the one-click
//! POST do, a forged token is refused in Japanese and English); an
//! opted-out person gets no non-essential mail, queued before or after,
//! but still gets the mail they need.

use crate::common::smtp::deliver;
use crate::common::{TestApp, call, on_both_backends, signed_in};
use camp_connect_app::domain::access::Actor;
use camp_connect_app::domain::events::form::EventInput;
use camp_connect_app::domain::events::mail::EventMail;
use camp_connect_app::domain::events::{Audience, EventKind};
use camp_connect_app::domain::lang::{Lang, Localized};
use camp_connect_app::domain::mail::{MailTemplate, OutboxStatus, UNSUBSCRIBE_PLACEHOLDER};
use camp_connect_app::domain::reminders::ReminderSettings;
use camp_connect_app::error::AppError;
use camp_connect_app::store::catalogue::track_ctx::{TrackCtx, find_track};
use camp_connect_app::store::entities::{
    account, audit_event, event, outbox_message, track_review,
};
use camp_connect_app::store::events::{edit, rsvp};
use camp_connect_app::store::identity::{account_by_email, actor_and_viewer};
use camp_connect_app::store::outbox::enqueue_for_account;
use camp_connect_app::store::reminders;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

const SITE: &str = "https://cc.example";
const APPLICANT: &str = "demo-applicant@example.jp";
/// The demo reviewer of Connect 2027's AI track, with four unfinished
/// assignments.
const LECTURER: &str = "demo-lecturer@example.jp";

fn enc(s: &str) -> String {
    camp_connect_app::domain::url::encode_query_value(s)
}

async fn mails(app: &TestApp, template: &str, to: &str) -> Vec<outbox_message::Model> {
    outbox_message::Entity::find()
        .filter(outbox_message::Column::Template.eq(template))
        .filter(outbox_message::Column::RecipientEmail.eq(to))
        .all(&app.db)
        .await
        .unwrap()
}

async fn ai(app: &TestApp) -> TrackCtx {
    find_track(&app.db, "connect", "2027", "ai")
        .await
        .unwrap()
        .unwrap()
}

async fn account(app: &TestApp, email: &str) -> account::Model {
    account_by_email(&app.db, email).await.unwrap().unwrap()
}

async fn actor(app: &TestApp, email: &str) -> Actor {
    let id = account(app, email).await.id;
    actor_and_viewer(&app.db, id).await.unwrap().unwrap().0
}

async fn audited(app: &TestApp, action: &str) -> usize {
    audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq(action))
        .all(&app.db)
        .await
        .unwrap()
        .len()
}

/// Two instances sweeping at the same moment.
async fn two_sweeps(app: &TestApp, now: DateTime<Utc>) {
    let (a, b) = tokio::join!(
        reminders::sweep(&app.db, SITE, now),
        reminders::sweep(&app.db, SITE, now)
    );
    a.unwrap();
    b.unwrap();
}

/// The demo applicant's draft to the AI track, never submitted.
async fn draft(app: &TestApp) {
    let cookie = signed_in(app, "applicant").await;
    let res = call(
        app,
        &cookie,
        "/api/apply/page",
        "programme=connect&cohort=2027&track=ai",
    )
    .await;
    let page: serde_json::Value = serde_json::from_str(&res.body).unwrap();
    let q = page["questions"][0]["id"].as_i64().unwrap();
    let body = format!(
        "programme=connect&cohort=2027&track=ai&revision=0&draft[answers][q{q}]={}",
        enc("下書きです")
    );
    let res = call(app, &cookie, "/api/apply/save", &body).await;
    assert_eq!(res.status, 200, "{}", res.body);
}

/// The review's due date as the organiser's form sends it (JST).
fn due_input(due: DateTime<Utc>) -> String {
    due.with_timezone(&camp_connect_app::domain::time::jst())
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

/// Saves the AI track's review settings with `due` typed as its due date.
async fn set_due(app: &TestApp, org: &str, due: &str) -> crate::common::Page {
    let body = format!(
        "programme=connect&cohort=2027&track=ai&draft%5Banonymous%5D=on&draft%5Bk%5D=2\
         &draft%5Boffer_days%5D=7&draft%5Bdue_at%5D={}",
        enc(due)
    );
    call(app, org, "/api/review/settings", &body).await
}

async fn due_at(app: &TestApp) -> Option<DateTime<Utc>> {
    track_review::Entity::find_by_id(ai(app).await.track.id)
        .one(&app.db)
        .await
        .unwrap()
        .and_then(|r| r.due_at)
}

async fn drafts_and_reviews_are_reminded_once_per_step(app: TestApp) {
    draft(&app).await;
    let close = ai(&app).await.cohort.applications_close_at;
    let reminded = || mails(&app, "draft_reminder", APPLICANT);
    two_sweeps(&app, close - Duration::days(4)).await;
    assert!(reminded().await.is_empty(), "too early");
    two_sweeps(&app, close - Duration::hours(60)).await;
    two_sweeps(&app, close - Duration::hours(50)).await;
    assert_eq!(reminded().await.len(), 1, "3 days before, once");
    two_sweeps(&app, close - Duration::hours(12)).await;
    two_sweeps(&app, close - Duration::hours(1)).await;
    two_sweeps(&app, close + Duration::hours(1)).await;
    let sent = reminded().await;
    assert_eq!(sent.len(), 2, "and 1 day before, once");
    assert!(
        sent[0]
            .text_body
            .contains("/programmes/connect/2027/tracks/ai/apply")
    );
    assert!(
        sent[0].subject.contains("まだ提出されていません"),
        "{}",
        sent[0].subject
    );
    // The stored mail holds the opt-out placeholder, never a live link.
    assert!(sent[0].text_body.contains(UNSUBSCRIBE_PLACEHOLDER));
    assert!(!sent[0].text_body.contains("/unsubscribe/"));
    // Submitted applications are not drafts.
    assert!(
        mails(&app, "draft_reminder", "review-demo-1@example.jp")
            .await
            .is_empty()
    );

    // The review's due date, set on the review page.
    let org = signed_in(&app, "organiser").await;
    let due =
        DateTime::from_timestamp(Utc::now().timestamp() / 60 * 60, 0).unwrap() + Duration::days(5);
    let res = set_due(&app, &org, "2027-13-40T99:00").await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains("due_at"), "{}", res.body);
    assert_eq!(due_at(&app).await, None, "a bad date saves nothing");
    let res = set_due(&app, &org, &due_input(due)).await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(due_at(&app).await, Some(due));
    let page = app
        .get_with(
            "/manage/connect/2027/tracks/ai/review",
            &[("cookie", org.as_str())],
        )
        .await;
    assert!(
        page.body.contains(&format!("value=\"{}\"", due_input(due))),
        "the form shows the due date"
    );
    let reminded = || mails(&app, "review_reminder", LECTURER);
    two_sweeps(&app, due - Duration::days(3)).await;
    assert!(reminded().await.is_empty(), "too early");
    two_sweeps(&app, due - Duration::hours(40)).await;
    two_sweeps(&app, due - Duration::hours(30)).await;
    assert_eq!(reminded().await.len(), 1, "2 days before, once");
    two_sweeps(&app, due - Duration::hours(20)).await;
    two_sweeps(&app, due - Duration::hours(2)).await;
    let sent = reminded().await;
    assert_eq!(sent.len(), 2, "and 1 day before, once");
    assert!(sent[0].text_body.contains('4'), "{}", sent[0].text_body);
    assert!(sent[0].text_body.contains("/review"));
}

on_both_backends!(
    once_per_step,
    true,
    drafts_and_reviews_are_reminded_once_per_step
);

fn event_input(starts_at: DateTime<Utc>) -> EventInput {
    EventInput {
        title_ja: "暗号勉強会".into(),
        title_en: "Crypto study".into(),
        description_ja: String::new(),
        description_en: String::new(),
        kind: EventKind::StudySession,
        starts_at,
        ends_at: starts_at + Duration::hours(2),
        venue: "本館 3F".into(),
        online_link: String::new(),
        capacity: 10,
        audience: Audience::Public,
        credit_tenths: 0,
        cancelled: false,
    }
}

async fn each_kind_is_switched_off_per_programme(app: TestApp) {
    let org = signed_in(&app, "organiser").await;
    let page = app
        .get_with("/manage/connect/settings", &[("cookie", org.as_str())])
        .await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("name=\"draft[draft_days]\""),
        "{}",
        page.body
    );
    // A bad number of days saves nothing.
    let res = call(
        &app,
        &org,
        "/api/manage/save-reminders",
        "programme=connect&draft[draft_days]=0&draft[reviews]=yes",
    )
    .await;
    assert_eq!(res.status, 422, "{}", res.body);
    let connect = ai(&app).await.programme.id;
    let stored = reminders::settings(&app.db, connect).await.unwrap();
    assert_eq!(stored, ReminderSettings::default());
    // Everything off: saved and audited.
    let res = call(
        &app,
        &org,
        "/api/manage/save-reminders",
        "programme=connect&draft[draft_days]=5",
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let off = ReminderSettings {
        drafts: false,
        draft_days: 5,
        reviews: false,
        events: false,
    };
    assert_eq!(reminders::settings(&app.db, connect).await.unwrap(), off);
    assert_eq!(audited(&app, "reminders.save").await, 1);

    draft(&app).await;
    let close = ai(&app).await.cohort.applications_close_at;
    let due = Utc::now() + Duration::days(5);
    set_due(&app, &org, &due_input(due)).await;
    for now in [
        close - Duration::days(4),
        close - Duration::hours(12),
        due - Duration::hours(40),
        due - Duration::hours(12),
    ] {
        two_sweeps(&app, now).await;
    }
    assert!(mails(&app, "draft_reminder", APPLICANT).await.is_empty());
    assert!(mails(&app, "review_reminder", LECTURER).await.is_empty());

    // A programme's event that moves tells nobody, and is not reminded.
    let now = Utc::now();
    let host = actor(&app, "demo-organiser@example.jp").await;
    let id = edit::create(&app.db, &host, &event_input(now + Duration::days(3)), now)
        .await
        .unwrap();
    event::Entity::update_many()
        .col_expr(event::Column::ProgrammeId, Expr::value(Some(connect)))
        .filter(event::Column::Id.eq(id))
        .exec(&app.db)
        .await
        .unwrap();
    let guest = actor(&app, APPLICANT).await;
    rsvp::rsvp(&app.db, &guest, id, now).await.unwrap();
    let later = event_input(now + Duration::days(4));
    edit::update(&app.db, &host, id, &later, SITE, now)
        .await
        .unwrap();
    rsvp::remind(&app.db, SITE, now + Duration::days(4) - Duration::hours(3))
        .await
        .unwrap();
    assert!(mails(&app, "event_changed", APPLICANT).await.is_empty());
    assert!(mails(&app, "event_reminder", APPLICANT).await.is_empty());
}

on_both_backends!(switched_off, true, each_kind_is_switched_off_per_programme);

async fn event_mail_goes_only_on_a_real_change_and_on_cancelling(app: TestApp) {
    let now = Utc::now();
    let host = actor(&app, "demo-organiser@example.jp").await;
    let start = now + Duration::days(3);
    let id = edit::create(&app.db, &host, &event_input(start), now)
        .await
        .unwrap();
    let guest = actor(&app, APPLICANT).await;
    rsvp::rsvp(&app.db, &guest, id, now).await.unwrap();
    let changed = || mails(&app, "event_changed", APPLICANT);
    let update = |input: EventInput| {
        let host = host.clone();
        let db = app.db.clone();
        async move {
            edit::update(&db, &host, id, &input, SITE, now)
                .await
                .unwrap()
        }
    };
    // Title, description and capacity are not news by mail.
    let mut same_place = event_input(start);
    same_place.title_ja = "暗号勉強会（第2回）".into();
    same_place.description_ja = "資料を更新しました".into();
    same_place.capacity = 20;
    update(same_place.clone()).await;
    assert!(changed().await.is_empty());
    // A new time is.
    let mut moved = same_place.clone();
    moved.starts_at = start + Duration::hours(1);
    moved.ends_at = moved.starts_at + Duration::hours(2);
    update(moved.clone()).await;
    assert_eq!(changed().await.len(), 1);
    // So is a new place.
    let mut elsewhere = moved.clone();
    elsewhere.venue = "別館 1F".into();
    update(elsewhere.clone()).await;
    let sent = changed().await;
    assert_eq!(sent.len(), 2);
    assert!(
        sent[1].text_body.contains("別館 1F"),
        "{}",
        sent[1].text_body
    );
    assert!(
        !sent[1].text_body.contains(UNSUBSCRIBE_PLACEHOLDER),
        "essential"
    );
    // Cancelling tells them once; editing the cancelled event says nothing.
    let mut off = elsewhere.clone();
    off.cancelled = true;
    update(off.clone()).await;
    update(off).await;
    assert_eq!(mails(&app, "event_cancelled", APPLICANT).await.len(), 1);
    assert_eq!(changed().await.len(), 2);
}

on_both_backends!(
    event_changes,
    true,
    event_mail_goes_only_on_a_real_change_and_on_cancelling
);

/// The opt-out token in the newest delivered mail to `to` (the worker of
/// [`deliver`] has no site, so its links are paths).
fn token_in(body: &str) -> String {
    let at = body.find("/unsubscribe/").expect("an opt-out link") + "/unsubscribe/".len();
    body[at..at + 64].to_string()
}

async fn opted_out(app: &TestApp) -> bool {
    account(app, APPLICANT).await.mail_opt_out_at.is_some()
}

fn reminder_of_event() -> MailTemplate {
    MailTemplate::Event(EventMail::Reminder {
        title: Localized::new("勉強会", "Study"),
        starts_at: Utc::now() + Duration::days(1),
        link: format!("{SITE}/events/1"),
    })
}

fn essential() -> MailTemplate {
    MailTemplate::OrganiserGranted {
        programme: Localized::new("キャンプ", "Camp"),
    }
}

async fn the_opt_out_link_asks_then_opts_out_and_only_non_essential_mail_stops(app: TestApp) {
    let me = account(&app, APPLICANT).await.id;
    let now = Utc::now();
    enqueue_for_account(&app.db, me, &reminder_of_event(), None, now)
        .await
        .unwrap()
        .unwrap();
    enqueue_for_account(&app.db, me, &essential(), None, now)
        .await
        .unwrap()
        .unwrap();
    let delivered: Vec<_> = deliver(&app)
        .await
        .into_iter()
        .filter(|m| m.to.contains(APPLICANT))
        .collect();
    assert_eq!(delivered.len(), 2);
    let reminder = delivered
        .iter()
        .find(|m| m.body.contains("/unsubscribe/"))
        .expect("the reminder carries the link");
    let token = token_in(&reminder.body);
    // Trimmed: a long header is folded after its name.
    assert_eq!(
        reminder.list_unsubscribe.trim(),
        format!("</unsubscribe/{token}/one-click>")
    );
    assert_eq!(
        reminder.list_unsubscribe_post.trim(),
        "List-Unsubscribe=One-Click"
    );
    let other = delivered.iter().find(|m| !m.body.contains("/unsubscribe/"));
    assert!(
        other.unwrap().list_unsubscribe.is_empty(),
        "essential mail has none"
    );
    // Only the token's hash is at rest.
    let stored = mails(&app, "event_reminder", APPLICANT).await;
    assert_eq!(
        stored[0].unsubscribe_hash.as_deref(),
        Some(camp_connect_app::domain::tokens::token_hash(&token).as_str())
    );
    assert!(!stored[0].text_body.contains(&token));

    // Opening the link (a person or a mail scanner) changes nothing.
    let page = app.get(&format!("/unsubscribe/{token}")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("配信を停止する"), "{}", page.body);
    let res = app
        .post_form(
            "/api/unsubscribe/link",
            &format!("token={token}"),
            &[
                ("sec-fetch-site", "same-origin"),
                ("accept", "application/json"),
            ],
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert!(!opted_out(&app).await);

    // A forged token is refused, in the reader's language.
    let forged = "ab".repeat(32);
    for (accept, lang, title) in [
        ("ja", Lang::Ja, "ページが見つかりません"),
        ("en", Lang::En, "Page not found"),
    ] {
        let headers = [("accept-language", accept)];
        let page = app
            .get_with(&format!("/unsubscribe/{forged}"), &headers)
            .await;
        assert_eq!(page.status, 404);
        assert!(page.body.contains(title), "{}", page.body);
        let res = app
            .post_form(
                &format!("/unsubscribe/{forged}/one-click"),
                "List-Unsubscribe=One-Click",
                &headers,
            )
            .await;
        assert_eq!(res.status, 404);
        assert_eq!(res.body, AppError::NotFound.message(lang));
    }
    let res = app
        .post_form(
            "/api/unsubscribe/confirm",
            &format!("token={forged}"),
            &[
                ("sec-fetch-site", "same-origin"),
                ("accept", "application/json"),
            ],
        )
        .await;
    assert_eq!(res.status, 404);
    assert!(!opted_out(&app).await);

    // Queued before the opt-out, sent after: skipped at send time.
    enqueue_for_account(&app.db, me, &reminder_of_event(), None, Utc::now())
        .await
        .unwrap()
        .unwrap();
    announcement(&app).await;

    // The confirm form (a plain post, no JavaScript) opts out.
    let res = app
        .post_form(
            "/api/unsubscribe/confirm",
            &format!("token={token}"),
            &[
                ("sec-fetch-site", "same-origin"),
                ("accept", "text/html"),
                ("referer", "http://127.0.0.1:3000/unsubscribe/x"),
            ],
        )
        .await;
    assert!(matches!(res.status, 302 | 303), "{}", res.body);
    let back = res.headers["location"].to_str().unwrap();
    assert!(
        back.ends_with(&format!("/unsubscribe/{token}?done=1")),
        "{back}"
    );
    assert!(opted_out(&app).await);
    assert_eq!(audited(&app, "account.mail_opt_out").await, 1);
    let page = app.get(&format!("/unsubscribe/{token}?done=1")).await;
    assert!(page.body.contains("配信を停止しました"), "{}", page.body);

    // Nothing non-essential is queued any more; essential mail still is.
    assert!(
        enqueue_for_account(&app.db, me, &reminder_of_event(), None, Utc::now())
            .await
            .unwrap()
            .is_none()
    );
    enqueue_for_account(&app.db, me, &essential(), None, Utc::now())
        .await
        .unwrap()
        .unwrap();
    let delivered: Vec<_> = deliver(&app)
        .await
        .into_iter()
        .filter(|m| m.to.contains(APPLICANT))
        .collect();
    assert_eq!(delivered.len(), 1, "only the essential one");
    assert!(!delivered[0].body.contains("/unsubscribe/"));
    let skipped = outbox_message::Entity::find()
        .filter(outbox_message::Column::RecipientEmail.eq(APPLICANT))
        .filter(outbox_message::Column::Status.eq(OutboxStatus::Skipped))
        .all(&app.db)
        .await
        .unwrap();
    let mut names: Vec<_> = skipped.iter().map(|m| m.template.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, ["announcement", "event_reminder"]);
    assert!(
        skipped.iter().all(|m| m.attempts == 0),
        "skipped, not failed"
    );

    // Back on from the account page, then off again by one click.
    let cookie = signed_in(&app, "applicant").await;
    let page = app
        .get_with("/account", &[("cookie", cookie.as_str())])
        .await;
    assert!(page.body.contains("配信停止中"), "{}", page.body);
    let res = call(&app, &cookie, "/api/account/mail", "receive=maybe").await;
    assert_eq!(res.status, 422);
    let res = call(&app, &cookie, "/api/account/mail", "receive=yes").await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert!(!opted_out(&app).await);
    assert_eq!(audited(&app, "account.mail_opt_in").await, 1);
    let res = app
        .post_form(
            &format!("/unsubscribe/{token}/one-click"),
            "List-Unsubscribe=One-Click",
            &[],
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert!(opted_out(&app).await);
}

/// An organisers' announcement queued in bulk before the opt-out (by name:
/// the worker decides by the template's name however it was queued).
async fn announcement(app: &TestApp) {
    let now = Utc::now();
    outbox_message::ActiveModel {
        recipient_email: Set(APPLICANT.into()),
        recipient_name: Set(String::new()),
        language: Set(Lang::Ja),
        template: Set("announcement".into()),
        subject: Set("お知らせ".into()),
        text_body: Set(format!("本文\n{UNSUBSCRIBE_PLACEHOLDER}")),
        programme_id: Set(None),
        status: Set(OutboxStatus::Pending),
        attempts: Set(0),
        next_attempt_at: Set(now),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
}

on_both_backends!(
    opt_out,
    true,
    the_opt_out_link_asks_then_opts_out_and_only_non_essential_mail_stops
);
