//! Announcements on SQLite and PostgreSQL: written, previewed as each
//! recipient reads it and sent once (a double submit queues nothing more),
//! every recipient mailed exactly once by two workers through a real SMTP
//! server, in their language; template errors refused with nothing saved
//! and the typing kept for a plain post; decisions that are not released
//! make no segment; another programme's tracks, events and announcements
//! are not found; bulk mail paced per minute behind other mail. The timed
//! queueing of 5,000 recipients is `queue_5000` (ignored by default).

use crate::common::smtp::SmtpServer;
use crate::common::{TestApp, call, on_both_backends, signed_in};
use crate::mail::{now, refusal, worker};
use camp_connect::seed::review::{Applicant, question_set_of, submitted_application};
use camp_connect_app::domain::application::{ApplicationStatus, Decision};
use camp_connect_app::domain::lang::Lang;
use camp_connect_app::domain::mail::OutboxStatus;
use camp_connect_app::domain::url::encode_query_value as enc;
use camp_connect_app::store::catalogue::rows::programme_row;
use camp_connect_app::store::catalogue::track_ctx::{TrackCtx, track_by_slugs};
use camp_connect_app::store::entities::{
    account, announcement, application, audit_event, event, outbox_message,
};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

async fn place(app: &TestApp, p: &str, c: &str, t: &str) -> TrackCtx {
    let p = programme_row(&app.db, p).await.unwrap().unwrap();
    track_by_slugs(&app.db, &p, c, t).await.unwrap().unwrap()
}

/// `n` new people with submitted applications to `track`, every second
/// one reading English; their ids.
async fn applicants(app: &TestApp, track: i32, n: usize, tag: &str) -> Vec<i32> {
    let who = Applicant {
        affiliation: "大学",
        mentors: "",
        birth_date: None,
    };
    let mut ids = Vec::new();
    for i in 0..n {
        let lang = if i % 2 == 0 { Lang::Ja } else { Lang::En };
        let a = account::ActiveModel {
            email: Set(Some(format!("{tag}{i}@example.jp"))),
            name_ja: Set(format!("応募 {i}")),
            name_en: Set(format!("Applicant {i}")),
            language: Set(lang),
            is_admin: Set(false),
            created_at: Set(now()),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
        submitted_application(&app.db, track, a.id, &who, "x", now())
            .await
            .unwrap();
        ids.push(a.id);
    }
    ids
}

/// The body of a save of a new announcement to `segment`.
fn draft(segment: &str, body_ja: &str) -> String {
    format!(
        "programme=connect&draft[segment]={}&draft[subject_ja]={}&draft[subject_en]={}&draft[body_ja]={}&draft[body_en]={}",
        enc(segment),
        enc("{{ cohort }} のお知らせ"),
        enc("News for {{ cohort }}"),
        enc(body_ja),
        enc("Dear {{ name }}, see you at {{ programme }}."),
    )
}

async fn announcements(app: &TestApp) -> Vec<announcement::Model> {
    announcement::Entity::find().all(&app.db).await.unwrap()
}

async fn queued(app: &TestApp) -> Vec<outbox_message::Model> {
    outbox_message::Entity::find()
        .filter(outbox_message::Column::Template.eq("announcement"))
        .all(&app.db)
        .await
        .unwrap()
}

/// Submitted applicants of the cohort of `ctx` who can be mailed.
async fn cohort_applicants(app: &TestApp, ctx: &TrackCtx) -> usize {
    let tracks: Vec<i32> = camp_connect_app::store::entities::track::Entity::find()
        .filter(camp_connect_app::store::entities::track::Column::CohortId.eq(ctx.cohort.id))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.id)
        .collect();
    let mut people: Vec<i32> = application::Entity::find()
        .filter(application::Column::TrackId.is_in(tracks))
        .filter(application::Column::Status.eq(ApplicationStatus::Submitted))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.account_id)
        .collect();
    people.sort_unstable();
    people.dedup();
    let mut n = 0;
    for id in people {
        let a = account::Entity::find_by_id(id).one(&app.db).await.unwrap();
        n += usize::from(a.is_some_and(|a| a.email.is_some()));
    }
    n
}

async fn written_previewed_and_sent_once(app: TestApp) {
    let ai = place(&app, "connect", "2027", "ai").await;
    let people = applicants(&app, ai.track.id, 30, "announce").await;
    let organiser = signed_in(&app, "organiser").await;
    let segment = format!("applicants-{}", ai.cohort.id);
    let res = call(
        &app,
        &organiser,
        "/api/announce/save",
        &draft(
            &segment,
            "{{ name }} 様\n{{ programme }} {{ cohort }} の事前課題です。",
        ),
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let saved = announcements(&app).await;
    assert_eq!(saved.len(), 1);
    let id = saved[0].id;
    assert!(saved[0].sent_at.is_none(), "a save sends nothing");
    assert!(queued(&app).await.is_empty());

    // The preview: the count and a mail in each language, as addressed.
    let expected = cohort_applicants(&app, &ai).await;
    assert!(expected >= 30);
    let res = call(
        &app,
        &organiser,
        "/api/announce/get",
        &format!("programme=connect&id={id}"),
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let view: serde_json::Value = serde_json::from_str(&res.body).unwrap();
    let preview = &view["preview"];
    assert_eq!(preview["count"], expected, "{preview}");
    let samples = preview["samples"].as_array().unwrap();
    assert_eq!(samples.len(), 3);
    let ja = samples.iter().find(|s| s["lang"] == "Ja").unwrap();
    let en = samples.iter().find(|s| s["lang"] == "En").unwrap();
    let cohort_ja = &ai.cohort.title_ja;
    assert_eq!(
        ja["subject"],
        format!("【{}】{cohort_ja} のお知らせ", ai.programme.name_ja)
    );
    assert!(ja["body"].as_str().unwrap().contains("の事前課題です。"));
    assert!(
        en["body"]
            .as_str()
            .unwrap()
            .contains(&format!("see you at {}.", ai.programme.name_en))
    );
    // The page shows it too.
    let page = app
        .get_with(
            &format!("/manage/connect/announcements/{id}"),
            &[("cookie", organiser.as_str())],
        )
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("sample-mail"), "{}", page.body);

    // Sent once: a second post (a double submit) queues nothing more.
    let send = format!("programme=connect&id={id}");
    let res = call(&app, &organiser, "/api/announce/send", &send).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let res = call(&app, &organiser, "/api/announce/send", &send).await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert_eq!(refusal(&res), "\"announcement\":\"AlreadySent\"");
    let mails = queued(&app).await;
    assert_eq!(mails.len(), expected);
    let sent = &announcements(&app).await[0];
    assert_eq!(sent.recipient_count, Some(expected as i32));
    assert!(sent.sent_at.is_some());
    // Each in the recipient's language, addressed by name.
    for (i, person) in people.iter().enumerate() {
        let a = account::Entity::find_by_id(*person)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let mine: Vec<_> = mails
            .iter()
            .filter(|m| Some(&m.recipient_email) == a.email.as_ref())
            .collect();
        assert_eq!(mine.len(), 1, "{:?}", a.email);
        let m = mine[0];
        assert_eq!(m.language, a.language);
        assert_eq!(m.programme_id, Some(ai.programme.id));
        if i % 2 == 0 {
            assert!(
                m.text_body
                    .starts_with(&format!("応募 {i} 様\n\n応募 {i} 様\n")),
                "{}",
                m.text_body
            );
        } else {
            assert!(
                m.text_body
                    .contains(&format!("Dear Applicant {i}, see you at")),
                "{}",
                m.text_body
            );
        }
    }
    // Audited: who, to which segment, how many.
    let audit = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq("announcement.send"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(audit.summary.contains(&segment), "{}", audit.summary);
    assert!(audit.summary.contains(&format!("{expected} mails")));
    assert_eq!(audit.programme_id, Some(ai.programme.id));

    // Two workers deliver each mail exactly once.
    let smtp = SmtpServer::start().await;
    let a = worker(&app, &smtp.url(), "instance-a").pacing(10_000);
    let b = worker(&app, &smtp.url(), "instance-b").pacing(10_000);
    let clock = || now() + Duration::seconds(1);
    loop {
        let (x, y) = tokio::join!(a.drain(clock), b.drain(clock));
        if x.unwrap() + y.unwrap() == 0 {
            break;
        }
    }
    let mut to: Vec<String> = smtp.mails().into_iter().map(|m| m.to).collect();
    to.sort();
    let before = to.len();
    to.dedup();
    assert_eq!(
        (before, to.len()),
        (expected, expected),
        "each exactly once"
    );
    for m in queued(&app).await {
        assert_eq!((m.status, m.attempts), (OutboxStatus::Sent, 1));
    }
    // The author's data holds it; deleting the account forgets the author.
    let me =
        camp_connect_app::store::identity::account_by_email(&app.db, "demo-organiser@example.jp")
            .await
            .unwrap()
            .unwrap();
    let held = camp_connect_app::store::account::held::held_records(&app.db, me.id, "")
        .await
        .unwrap();
    assert_eq!(held.announcements.len(), 1);
    assert_eq!(held.announcements[0].recipient_count, Some(expected as i32));
    camp_connect_app::store::announce::forget(&app.db, me.id)
        .await
        .unwrap();
    let kept = &announcements(&app).await[0];
    assert_eq!((kept.author_id, kept.sent_by), (None, None));
}

async fn bad_templates_are_refused_and_nothing_is_saved(app: TestApp) {
    let ai = place(&app, "connect", "2027", "ai").await;
    applicants(&app, ai.track.id, 2, "tmpl").await;
    let organiser = signed_in(&app, "organiser").await;
    let segment = format!("applicants-{}", ai.cohort.id);
    for (body, want) in [
        ("{{ track }}", "\"body_ja\":{\"UnknownVariable\":1}"),
        ("ok\n{{ name", "\"body_ja\":{\"TemplateSyntax\":2}"),
        (
            "{% for x in y %}{% endfor %}",
            "\"body_ja\":{\"NotAVariable\":1}",
        ),
        ("{{ name|upper }}", "\"body_ja\":{\"NotAVariable\":1}"),
        ("", "\"body_ja\":\"Required\""),
    ] {
        let res = call(
            &app,
            &organiser,
            "/api/announce/save",
            &draft(&segment, body),
        )
        .await;
        assert_eq!(res.status, 422, "{body}: {}", res.body);
        assert_eq!(refusal(&res), want, "{body}");
    }
    let res = call(
        &app,
        &organiser,
        "/api/announce/save",
        &draft("everyone", "x"),
    )
    .await;
    assert_eq!(refusal(&res), "\"segment\":\"BadChoice\"");
    assert!(announcements(&app).await.is_empty());

    // Without JavaScript the page comes back with the typing and the reason.
    let typed = "{{ track }} 入力した本文";
    let res = app
        .post_form(
            "/api/announce/save",
            &draft(&segment, typed),
            &[
                ("sec-fetch-site", "same-origin"),
                ("accept", "text/html"),
                ("cookie", organiser.as_str()),
                (
                    "referer",
                    "http://127.0.0.1:3000/manage/connect/announcements",
                ),
            ],
        )
        .await;
    assert!((300..400).contains(&res.status), "{}", res.status);
    let back = res.headers["location"]
        .to_str()
        .unwrap()
        .replace("http://127.0.0.1:3000", "");
    let page = app.get_with(&back, &[("cookie", organiser.as_str())]).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("入力した本文"), "the typing is kept");
    assert!(
        page.body.contains("選んだ宛先では使えない変数です"),
        "the reason is shown: {}",
        page.body
    );
    assert!(announcements(&app).await.is_empty());
}

async fn unreleased_decisions_make_no_segment(app: TestApp) {
    let ai = place(&app, "connect", "2027", "ai").await;
    let people = applicants(&app, ai.track.id, 2, "decided").await;
    let organiser = signed_in(&app, "organiser").await;
    let decide = |released: Option<DateTime<Utc>>| {
        application::Entity::update_many()
            .col_expr(
                application::Column::Decision,
                Expr::value(Some(Decision::Accepted)),
            )
            .col_expr(application::Column::ReleasedAt, Expr::value(released))
            .filter(application::Column::AccountId.eq(people[0]))
            .exec(&app.db)
    };
    decide(None).await.unwrap();
    let accepted = format!("accepted-{}", ai.track.id);
    let body = draft(&accepted, "{{ track }} に合格された {{ name }} 様");
    let res = call(&app, &organiser, "/api/announce/save", &body).await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert_eq!(refusal(&res), "\"segment\":\"NotReleased\"");
    let list = call(&app, &organiser, "/api/announce/list", "programme=connect").await;
    assert!(
        !list.body.contains("\"Accepted\""),
        "no segment offered: {}",
        list.body
    );

    // Released: only the released acceptance is in it.
    decide(Some(now())).await.unwrap();
    let res = call(&app, &organiser, "/api/announce/save", &body).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let id = announcements(&app).await[0].id;
    let view = call(
        &app,
        &organiser,
        "/api/announce/get",
        &format!("programme=connect&id={id}"),
    )
    .await;
    let v: serde_json::Value = serde_json::from_str(&view.body).unwrap();
    assert_eq!(v["preview"]["count"], 1, "{}", view.body);
    // Nobody was rejected and told so: no one to write to.
    let rejected = draft(&format!("rejected-{}", ai.track.id), "x");
    let res = call(&app, &organiser, "/api/announce/save", &rejected).await;
    assert_eq!(refusal(&res), "\"segment\":\"NoRecipients\"");
}

async fn other_programmes_records_are_not_found(app: TestApp) {
    let camp = place(&app, "camp", "2027", "systems").await;
    let organiser = signed_in(&app, "organiser").await;
    let camp_organiser = crate::common::sign_in_as(&app, "demo-camp-organiser@example.jp").await;
    let camp_event = event::Entity::find()
        .filter(event::Column::ProgrammeId.eq(camp.programme.id))
        .one(&app.db)
        .await
        .unwrap();
    let mut segments = vec![
        format!("reviewers-{}", camp.track.id),
        format!("applicants-{}", camp.cohort.id),
        "reviewers-999999".to_string(),
    ];
    if let Some(e) = camp_event {
        segments.push(format!("registrants-{}", e.id));
    }
    for segment in &segments {
        let res = call(
            &app,
            &organiser,
            "/api/announce/save",
            &draft(segment, "{{ name }}"),
        )
        .await;
        assert_eq!(res.status, 404, "{segment}: {}", res.body);
    }
    // Security Camp's own announcement: its organiser writes it, Connect's
    // does not find it under either programme.
    applicants(&app, camp.track.id, 1, "camp").await;
    let body = draft(&format!("applicants-{}", camp.cohort.id), "{{ name }}")
        .replace("programme=connect", "programme=camp");
    let res = call(&app, &camp_organiser, "/api/announce/save", &body).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let id = announcements(&app).await[0].id;
    for programme in ["connect", "camp"] {
        for path in ["/api/announce/get", "/api/announce/send"] {
            let res = call(
                &app,
                &organiser,
                path,
                &format!("programme={programme}&id={id}"),
            )
            .await;
            let want = if programme == "camp" { 403 } else { 404 };
            assert_eq!(res.status, want, "{path} {programme}: {}", res.body);
        }
    }
    let page = app
        .get_with(
            &format!("/manage/connect/announcements/{id}"),
            &[("cookie", organiser.as_str())],
        )
        .await;
    assert_eq!(page.status, 404);
    assert!(queued(&app).await.is_empty());
    assert!(announcements(&app).await[0].sent_at.is_none());
}

async fn bulk_mail_is_paced_behind_other_mail(app: TestApp) {
    use camp_connect_app::domain::lang::Localized;
    use camp_connect_app::domain::mail::MailTemplate;
    use camp_connect_app::store::outbox::{Recipient, enqueue};
    let ai = place(&app, "connect", "2027", "ai").await;
    applicants(&app, ai.track.id, 12, "paced").await;
    let organiser = signed_in(&app, "organiser").await;
    let res = call(
        &app,
        &organiser,
        "/api/announce/save",
        &draft(&format!("applicants-{}", ai.cohort.id), "{{ name }}"),
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let id = announcements(&app).await[0].id;
    let res = call(
        &app,
        &organiser,
        "/api/announce/send",
        &format!("programme=connect&id={id}"),
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let total = queued(&app).await.len();
    assert!(total >= 12);
    // A mail that is not bulk, queued after the announcement, goes first.
    let t0 = now() + Duration::seconds(1);
    let to = Recipient {
        email: "urgent@example.jp".into(),
        name: "Urgent".into(),
        lang: Lang::En,
    };
    let granted = MailTemplate::OrganiserGranted {
        programme: Localized::new("キャンプ", "Camp"),
    };
    enqueue(&app.db, &to, &granted, None, t0).await.unwrap();
    let smtp = SmtpServer::start().await;
    let w = worker(&app, &smtp.url(), "paced").pacing(5);
    // A minute's worth, however often the worker looks.
    assert_eq!(w.drain(|| t0).await.unwrap(), 6);
    assert_eq!(w.drain(|| t0 + Duration::seconds(30)).await.unwrap(), 0);
    assert!(
        smtp.mails()
            .iter()
            .any(|m| m.to == "Urgent <urgent@example.jp>"),
        "the mail that is not bulk is not kept waiting"
    );
    // The next minute, the next five.
    assert_eq!(w.drain(|| t0 + Duration::seconds(61)).await.unwrap(), 5);
    let sent = outbox_message::Entity::find()
        .filter(outbox_message::Column::Status.eq(OutboxStatus::Sent))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(sent, 11);
    assert_eq!(smtp.mails().len(), 11);
}

on_both_backends!(sent_once, true, written_previewed_and_sent_once);
on_both_backends!(
    bad_templates,
    true,
    bad_templates_are_refused_and_nothing_is_saved
);
on_both_backends!(unreleased, true, unreleased_decisions_make_no_segment);
on_both_backends!(scope, true, other_programmes_records_are_not_found);
on_both_backends!(paced, true, bulk_mail_is_paced_behind_other_mail);

/// The timed measurement: an announcement to 5,000 applicants queued by one
/// request (its send), on both backends. Run with
/// `cargo test -p camp-connect --test it -- announcements::queue_5000 --ignored --nocapture`.
async fn queueing_5000_recipients(app: TestApp) {
    const N: usize = 5_000;
    let ai = place(&app, "connect", "2027", "ai").await;
    let t = now();
    let (set, _) = question_set_of(&app.db, ai.track.id, t).await.unwrap();
    let backend = app.db.get_database_backend();
    let mut accounts = Vec::new();
    for i in 0..N {
        accounts.push(account::ActiveModel {
            email: Set(Some(format!("bulk{i}@example.jp"))),
            name_ja: Set(format!("受講 {i}")),
            name_en: Set(format!("Person {i}")),
            language: Set(if i % 3 == 0 { Lang::En } else { Lang::Ja }),
            is_admin: Set(false),
            created_at: Set(t),
            ..Default::default()
        });
    }
    for chunk in accounts.chunks(500) {
        account::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&app.db)
            .await
            .unwrap();
    }
    let ids: Vec<i32> = account::Entity::find()
        .filter(account::Column::Email.like("bulk%@example.jp"))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(ids.len(), N);
    let rows: Vec<application::ActiveModel> = ids
        .iter()
        .map(|id| application::ActiveModel {
            track_id: Set(ai.track.id),
            account_id: Set(*id),
            status: Set(ApplicationStatus::Submitted),
            question_set_id: Set(set),
            revision: Set(1),
            birth_date: Set(None),
            affiliation: Set(String::new()),
            expertise: Set(String::new()),
            mentors: Set(String::new()),
            guardian_name: Set(String::new()),
            guardian_email: Set(String::new()),
            declarations_accepted: Set(true),
            created_at: Set(t),
            updated_at: Set(t),
            submitted_at: Set(Some(t)),
            ..Default::default()
        })
        .collect();
    for chunk in rows.chunks(500) {
        application::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&app.db)
            .await
            .unwrap();
    }
    let organiser = signed_in(&app, "organiser").await;
    let segment = format!("applicants-{}", ai.cohort.id);
    let started = std::time::Instant::now();
    let res = call(
        &app,
        &organiser,
        "/api/announce/save",
        &draft(&segment, "{{ name }} 様"),
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let preview = started.elapsed();
    let id = announcements(&app).await[0].id;
    let started = std::time::Instant::now();
    let res = call(
        &app,
        &organiser,
        "/api/announce/send",
        &format!("programme=connect&id={id}"),
    )
    .await;
    let send = started.elapsed();
    assert_eq!(res.status, 200, "{}", res.body);
    let count = queued(&app).await.len();
    assert!(count >= N);
    eprintln!(
        "announcement to {count} recipients on {backend:?}: save with preview {:.2} s, send (queue in bulk) {:.2} s",
        preview.as_secs_f64(),
        send.as_secs_f64()
    );
}

mod queue_5000 {
    use super::*;
    use crate::common;

    #[test]
    #[ignore = "a timed measurement, run on demand"]
    fn sqlite() {
        common::runtime().block_on(async {
            let app = common::boot(common::Backend::Sqlite, true).await.unwrap();
            queueing_5000_recipients(app).await;
        });
    }

    #[test]
    #[ignore = "a timed measurement, run on demand"]
    fn postgres() {
        common::runtime().block_on(async {
            if let Some(app) = common::boot(common::Backend::Postgres, true).await {
                queueing_5000_recipients(app).await;
            }
        });
    }
}
