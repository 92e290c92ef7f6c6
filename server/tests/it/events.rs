//! Community events through the real server functions and routes, on
//! SQLite and PostgreSQL: an event fills up and the waitlist moves up on a
//! cancellation (with a mail), two people racing for the last place,
//! alumni-only events, the online link only for the registered, check-in,
//! reminders, iCalendar files, script in every text field shown as text,
//! and overlong fields refused.

use crate::common::{TestApp, call, on_both_backends, signed_in};
use camp_connect_app::domain::credits::CreditStatus;
use camp_connect_app::domain::events::RsvpStatus;
use camp_connect_app::domain::events::form::EventInput;
use camp_connect_app::domain::events::{Audience, EventKind};
use camp_connect_app::store::entities::{
    audit_event, credit_entry, event, event_rsvp, outbox_message,
};
use camp_connect_app::store::identity::{
    DEMO_PROVIDER, NewAccount, account_by_email, actor_and_viewer, create_account, link_identity,
};
use chrono::{Duration, Utc};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

const XSS: &str = "</title><script>alert(1)</script>";

fn encode(s: &str) -> String {
    camp_connect_app::domain::url::encode_query_value(s)
}

/// The event form's body, with `extra` fields put last (they win).
fn form(title: &str, capacity: i32, audience: &str, extra: &str) -> String {
    let start =
        (Utc::now() + Duration::days(7)).with_timezone(&camp_connect_app::domain::time::jst());
    let end = start + Duration::hours(2);
    let fmt = "%Y-%m-%dT%H:%M";
    format!(
        "draft[title_ja]={}&draft[kind]=study_session&draft[starts_at]={}&draft[ends_at]={}\
         &draft[capacity]={capacity}&draft[audience]={audience}&draft[credits]=2{extra}",
        encode(title),
        start.format(fmt),
        end.format(fmt),
    )
}

async fn post(app: &TestApp, cookie: &str, path: &str, body: &str, status: u16) -> String {
    let res = call(app, cookie, path, body).await;
    assert_eq!(res.status, status, "{path} {body}: {}", res.body);
    res.body
}

async fn latest_event(app: &TestApp) -> event::Model {
    event::Entity::find()
        .order_by_desc(event::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

async fn status_of(app: &TestApp, event_id: i32, email: &str) -> Option<RsvpStatus> {
    let who = account_by_email(&app.db, email).await.unwrap().unwrap().id;
    event_rsvp::Entity::find()
        .filter(event_rsvp::Column::EventId.eq(event_id))
        .filter(event_rsvp::Column::AccountId.eq(who))
        .one(&app.db)
        .await
        .unwrap()
        .map(|r| r.status)
}

async fn mails(app: &TestApp, template: &str, to: &str) -> Vec<outbox_message::Model> {
    outbox_message::Entity::find()
        .filter(outbox_message::Column::Template.eq(template))
        .filter(outbox_message::Column::RecipientEmail.eq(to))
        .all(&app.db)
        .await
        .unwrap()
}

async fn organiser_creates(
    app: &TestApp,
    title: &str,
    capacity: i32,
    audience: &str,
    extra: &str,
) -> (String, i32) {
    let org = signed_in(app, "organiser").await;
    post(
        app,
        &org,
        "/api/events/save",
        &form(title, capacity, audience, extra),
        200,
    )
    .await;
    (org, latest_event(app).await.id)
}

async fn an_event_fills_and_the_waitlist_moves_up(app: TestApp) {
    let (_, id) = organiser_creates(&app, "暗号勉強会", 1, "public", "").await;
    let applicant = signed_in(&app, "applicant").await;
    let tutor = signed_in(&app, "tutor").await;
    post(
        &app,
        &applicant,
        "/api/events/rsvp",
        &format!("id={id}"),
        200,
    )
    .await;
    post(&app, &tutor, "/api/events/rsvp", &format!("id={id}"), 200).await;
    // Answering again changes nothing.
    post(&app, &tutor, "/api/events/rsvp", &format!("id={id}"), 200).await;
    assert_eq!(
        status_of(&app, id, "demo-applicant@example.jp").await,
        Some(RsvpStatus::Confirmed)
    );
    assert_eq!(
        status_of(&app, id, "demo-tutor@example.jp").await,
        Some(RsvpStatus::Waitlisted)
    );
    let page = post(&app, &tutor, "/api/events/get", &format!("id={id}"), 200).await;
    assert!(page.contains("\"position\":1"), "{page}");
    post(
        &app,
        &applicant,
        "/api/events/cancel",
        &format!("id={id}"),
        200,
    )
    .await;
    assert_eq!(
        status_of(&app, id, "demo-applicant@example.jp").await,
        Some(RsvpStatus::Cancelled)
    );
    assert_eq!(
        status_of(&app, id, "demo-tutor@example.jp").await,
        Some(RsvpStatus::Confirmed)
    );
    assert_eq!(
        mails(&app, "event_moved_up", "demo-tutor@example.jp")
            .await
            .len(),
        1
    );
    // Cancelling twice changes nothing; the tutor keeps the place.
    post(
        &app,
        &applicant,
        "/api/events/cancel",
        &format!("id={id}"),
        200,
    )
    .await;
    assert_eq!(
        status_of(&app, id, "demo-tutor@example.jp").await,
        Some(RsvpStatus::Confirmed)
    );
}

on_both_backends!(
    fills_and_moves_up,
    true,
    an_event_fills_and_the_waitlist_moves_up
);

async fn person(app: &TestApp, n: usize) -> camp_connect_app::domain::access::Actor {
    let email = format!("racer{n}@example.jp");
    let id = create_account(
        &app.db,
        NewAccount {
            email: &email,
            name_ja: "走者",
            name_en: "Racer",
            is_admin: false,
        },
        Utc::now(),
    )
    .await
    .unwrap();
    link_identity(&app.db, id, DEMO_PROVIDER, &email, Utc::now())
        .await
        .unwrap();
    actor_and_viewer(&app.db, id).await.unwrap().unwrap().0
}

fn input(capacity: i32, audience: Audience) -> EventInput {
    let starts_at = Utc::now() + Duration::days(3);
    EventInput {
        title_ja: "競争".into(),
        title_en: String::new(),
        description_ja: String::new(),
        description_en: String::new(),
        kind: EventKind::Meetup,
        starts_at,
        ends_at: starts_at + Duration::hours(1),
        venue: String::new(),
        online_link: "https://meet.example.jp/room".into(),
        capacity,
        audience,
        credit_tenths: 15,
        cancelled: false,
    }
}

async fn only_one_gets_the_last_place(app: TestApp) {
    let organiser = account_by_email(&app.db, "demo-organiser@example.jp")
        .await
        .unwrap()
        .unwrap();
    let host = actor_and_viewer(&app.db, organiser.id)
        .await
        .unwrap()
        .unwrap()
        .0;
    let id = camp_connect_app::store::events::edit::create(
        &app.db,
        &host,
        &input(1, Audience::Public),
        Utc::now(),
    )
    .await
    .unwrap();
    let mut racers = Vec::new();
    for n in 0..6 {
        racers.push(person(&app, n).await);
    }
    let tasks: Vec<_> = racers
        .into_iter()
        .map(|a| {
            let db = app.db.clone();
            tokio::spawn(async move {
                camp_connect_app::store::events::rsvp::rsvp(&db, &a, id, Utc::now()).await
            })
        })
        .collect();
    let mut confirmed = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(RsvpStatus::Confirmed) => confirmed += 1,
            Ok(_) => {}
            Err(e) => panic!("an RSVP failed: {e:?}"),
        }
    }
    assert_eq!(confirmed, 1, "exactly one person gets the last place");
    let stored = event_rsvp::Entity::find()
        .filter(event_rsvp::Column::EventId.eq(id))
        .filter(event_rsvp::Column::Status.eq(RsvpStatus::Confirmed))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(stored, 1);
    let waiting = event_rsvp::Entity::find()
        .filter(event_rsvp::Column::EventId.eq(id))
        .filter(event_rsvp::Column::Status.eq(RsvpStatus::Waitlisted))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(waiting, 5);
}

on_both_backends!(last_place_race, true, only_one_gets_the_last_place);

async fn alumni_only_events_exist_only_for_alumni_and_staff(app: TestApp) {
    let (_, id) = organiser_creates(&app, "修了生の集い", 10, "alumni", "").await;
    let applicant = signed_in(&app, "applicant").await;
    post(
        &app,
        &applicant,
        "/api/events/get",
        &format!("id={id}"),
        404,
    )
    .await;
    post(
        &app,
        &applicant,
        "/api/events/rsvp",
        &format!("id={id}"),
        404,
    )
    .await;
    let list = post(&app, &applicant, "/api/events/list", "", 200).await;
    assert!(!list.contains("修了生の集い"), "{list}");
    assert_eq!(app.get(&format!("/events/{id}")).await.status, 404);
    let alumnus = signed_in(&app, "alumnus").await;
    let list = post(&app, &alumnus, "/api/events/list", "audience=alumni", 200).await;
    assert!(list.contains("修了生の集い"), "{list}");
    post(&app, &alumnus, "/api/events/rsvp", &format!("id={id}"), 200).await;
    assert_eq!(
        status_of(&app, id, "demo-alumnus@example.jp").await,
        Some(RsvpStatus::Confirmed)
    );
    // Filtering by kind leaves out the other kinds.
    let list = post(&app, &alumnus, "/api/events/list", "kind=symposium", 200).await;
    assert!(!list.contains("修了生の集い"), "{list}");
}

on_both_backends!(
    alumni_only,
    true,
    alumni_only_events_exist_only_for_alumni_and_staff
);

async fn the_online_link_is_only_for_the_registered(app: TestApp) {
    let link = "&draft[online_link]=https%3A%2F%2Fmeet.example.jp%2Fsecret-room\
                &draft[title_en]=Online%20study%20session";
    let (_, id) = organiser_creates(&app, "オンライン勉強会", 5, "public", link).await;
    let applicant = signed_in(&app, "applicant").await;
    let before = post(
        &app,
        &applicant,
        "/api/events/get",
        &format!("id={id}"),
        200,
    )
    .await;
    assert!(!before.contains("secret-room"), "{before}");
    assert!(
        !app.get(&format!("/events/{id}"))
            .await
            .body
            .contains("secret-room")
    );
    let ics = app.get(&format!("/events/{id}.ics")).await;
    assert_eq!(ics.status, 200);
    assert!(
        ics.body.contains("BEGIN:VEVENT") && !ics.body.contains("secret-room"),
        "{}",
        ics.body
    );
    // The file reads in the reader's language.
    assert!(
        ics.body.contains("SUMMARY:オンライン勉強会"),
        "{}",
        ics.body
    );
    let english = app
        .get_with(&format!("/events/{id}.ics"), &[("accept-language", "en")])
        .await;
    assert!(
        english.body.contains("SUMMARY:Online study session")
            && !english.body.contains("オンライン勉強会"),
        "{}",
        english.body
    );
    post(
        &app,
        &applicant,
        "/api/events/rsvp",
        &format!("id={id}"),
        200,
    )
    .await;
    let after = post(
        &app,
        &applicant,
        "/api/events/get",
        &format!("id={id}"),
        200,
    )
    .await;
    assert!(after.contains("secret-room"), "{after}");
    // The personal feed carries the event, with the link.
    let who = account_by_email(&app.db, "demo-applicant@example.jp")
        .await
        .unwrap()
        .unwrap()
        .id;
    let token = camp_connect_app::store::events::calendar::new_feed(&app.db, who, Utc::now())
        .await
        .unwrap();
    let feed = app.get(&format!("/calendar/{token}.ics")).await;
    assert_eq!(feed.status, 200);
    assert!(
        feed.body.contains("オンライン勉強会") && feed.body.contains("secret-room"),
        "{}",
        feed.body
    );
    // A new address stops the old one.
    camp_connect_app::store::events::calendar::new_feed(&app.db, who, Utc::now())
        .await
        .unwrap();
    assert_eq!(app.get(&format!("/calendar/{token}.ics")).await.status, 404);
}

on_both_backends!(
    online_link,
    true,
    the_online_link_is_only_for_the_registered
);

async fn check_in_credits_attendance_and_reminders_go_once(app: TestApp) {
    let (org, id) = organiser_creates(&app, "シンポジウム", 5, "public", "").await;
    let applicant = signed_in(&app, "applicant").await;
    post(
        &app,
        &applicant,
        "/api/events/rsvp",
        &format!("id={id}"),
        200,
    )
    .await;
    // Someone who does not run the event may not check anyone in.
    let rsvp = event_rsvp::Entity::find()
        .filter(event_rsvp::Column::EventId.eq(id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    post(
        &app,
        &applicant,
        "/api/events/check-in",
        &format!("event={id}&rsvp={}&present=on", rsvp.id),
        403,
    )
    .await;
    post(
        &app,
        &org,
        "/api/events/check-in",
        &format!("event={id}&rsvp={}&present=on", rsvp.id),
        200,
    )
    .await;
    let credited = credit_entry::Entity::find()
        .filter(credit_entry::Column::AccountId.eq(rsvp.account_id))
        .filter(credit_entry::Column::Source.eq(format!("event:{id}")))
        .one(&app.db)
        .await
        .unwrap()
        .expect("attendance is credited");
    assert_eq!(
        (credited.credit_tenths, credited.status),
        (20, CreditStatus::Confirmed)
    );
    // Undoing the check-in takes the credit away again.
    post(
        &app,
        &org,
        "/api/events/check-in",
        &format!("event={id}&rsvp={}", rsvp.id),
        200,
    )
    .await;
    post(&app, &applicant, "/api/credits/ledger", "", 200).await;
    assert!(
        credit_entry::Entity::find_by_id(credited.id)
            .one(&app.db)
            .await
            .unwrap()
            .is_none()
    );
    // The reminder goes out once, the day before.
    let site = "https://cc.example";
    let early = latest_event(&app).await.starts_at - Duration::days(2);
    assert_eq!(
        camp_connect_app::store::events::rsvp::remind(&app.db, site, early)
            .await
            .unwrap(),
        0
    );
    let due = latest_event(&app).await.starts_at - Duration::hours(3);
    assert_eq!(
        camp_connect_app::store::events::rsvp::remind(&app.db, site, due)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        camp_connect_app::store::events::rsvp::remind(&app.db, site, due)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        mails(&app, "event_reminder", "demo-applicant@example.jp")
            .await
            .len(),
        1
    );
}

on_both_backends!(
    check_in_and_reminders,
    true,
    check_in_credits_attendance_and_reminders_go_once
);

async fn script_is_shown_as_text_and_overlong_fields_are_refused(app: TestApp) {
    // The demo's own events are there from the start.
    let demo_events = event::Entity::find().count(&app.db).await.unwrap();
    let extra = format!(
        "&draft[title_en]={x}&draft[description_ja]={x}&draft[description_en]={x}&draft[venue]={x}",
        x = encode(XSS)
    );
    let (_, id) = organiser_creates(&app, XSS, 5, "public", &extra).await;
    for path in [format!("/events/{id}"), "/events".to_string()] {
        let page = app.get(&path).await;
        assert_eq!(page.status, 200, "{path}");
        if let Some(at) = page.body.find(XSS) {
            let before: String = page.body[..at]
                .chars()
                .rev()
                .take(200)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let after: String = page.body[at..].chars().take(200).collect();
            panic!("{path} runs the script: {before}|{after}");
        }
        assert!(
            page.body.contains("&lt;script&gt;"),
            "{path} shows it as text"
        );
    }
    let org = signed_in(&app, "organiser").await;
    let long = "長".repeat(201);
    let body = post(
        &app,
        &org,
        "/api/events/save",
        &form(&long, 5, "public", ""),
        422,
    )
    .await;
    assert!(body.contains("TooLong"), "{body}");
    let body = post(
        &app,
        &org,
        "/api/events/save",
        &form(
            "ok",
            5,
            "public",
            &format!("&draft[description_ja]={}", "x".repeat(5001)),
        ),
        422,
    )
    .await;
    assert!(body.contains("TooLong"), "{body}");
    // Refused without JavaScript: back to the form with the message.
    let plain = app
        .post_form(
            "/api/events/save",
            &form(&long, 5, "public", ""),
            &[
                ("sec-fetch-site", "same-origin"),
                ("accept", "text/html"),
                ("cookie", &org),
                ("referer", "/events/new"),
            ],
        )
        .await;
    assert!(
        plain.status == 303 || plain.status == 302,
        "{}",
        plain.status
    );
    let count = event::Entity::find().count(&app.db).await.unwrap();
    assert_eq!(count, demo_events + 1, "nothing refused was stored");
}

on_both_backends!(
    bad_input,
    true,
    script_is_shown_as_text_and_overlong_fields_are_refused
);

async fn organisers_approve_alumni_as_hosts(app: TestApp) {
    let alumnus = signed_in(&app, "alumnus").await;
    post(&app, &alumnus, "/api/events/form", "", 403).await;
    let org = signed_in(&app, "organiser").await;
    let body = post(
        &app,
        &org,
        "/api/events/approve-host",
        "email=demo-applicant%40example.jp",
        422,
    )
    .await;
    assert!(body.contains("HostNotAlumnus"), "{body}");
    post(
        &app,
        &org,
        "/api/events/approve-host",
        "email=demo-alumnus%40example.jp",
        200,
    )
    .await;
    post(
        &app,
        &alumnus,
        "/api/events/save",
        &form("修了生主催の勉強会", 3, "alumni", ""),
        200,
    )
    .await;
    let e = latest_event(&app).await;
    let me = account_by_email(&app.db, "demo-alumnus@example.jp")
        .await
        .unwrap()
        .unwrap()
        .id;
    assert_eq!(e.host_id, Some(me));
    // Another alumnus host's event is not theirs to edit: not found, like a
    // missing one, and saving it is refused the same way.
    let tutor = signed_in(&app, "tutor").await;
    post(
        &app,
        &tutor,
        "/api/events/form",
        &format!("id={}", e.id),
        404,
    )
    .await;
    post(
        &app,
        &tutor,
        "/api/events/save",
        &format!("draft[id]={}&draft[title_ja]=x", e.id),
        404,
    )
    .await;
}

on_both_backends!(hosts, true, organisers_approve_alumni_as_hosts);

/// The audit actions about `entity` `id`, oldest first.
async fn audited(app: &TestApp, entity: &str) -> Vec<String> {
    audit_event::Entity::find()
        .filter(audit_event::Column::Entity.eq(entity))
        .order_by_asc(audit_event::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect()
}

/// A host cannot check themself in, and attending their own event earns
/// them nothing even when someone else checks them in; every check-in, its
/// undoing and the credit given and taken are audited.
async fn self_check_in_earns_nothing_and_check_ins_are_audited(app: TestApp) {
    let (org, id) = organiser_creates(&app, "自主勉強会", 5, "public", "").await;
    post(&app, &org, "/api/events/rsvp", &format!("id={id}"), 200).await;
    let host = account_by_email(&app.db, "demo-organiser@example.jp")
        .await
        .unwrap()
        .unwrap()
        .id;
    let own = event_rsvp::Entity::find()
        .filter(event_rsvp::Column::EventId.eq(id))
        .filter(event_rsvp::Column::AccountId.eq(host))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let res = post(
        &app,
        &org,
        "/api/events/check-in",
        &format!("event={id}&rsvp={}&present=on", own.id),
        422,
    )
    .await;
    assert!(res.contains("SelfCheckIn"), "{res}");
    let after = event_rsvp::Entity::find_by_id(own.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.checked_in_at, None, "nothing changed");
    // An administrator checks the host in: attendance recorded, no credit.
    let admin = signed_in(&app, "admin").await;
    post(
        &app,
        &admin,
        "/api/events/check-in",
        &format!("event={id}&rsvp={}&present=on", own.id),
        200,
    )
    .await;
    let credits = credit_entry::Entity::find()
        .filter(credit_entry::Column::AccountId.eq(host))
        .filter(credit_entry::Column::Source.eq(format!("event:{id}")))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(credits, 0, "a host earns nothing for their own event");

    // Someone else's check-in is credited, undone and audited each time.
    let applicant = signed_in(&app, "applicant").await;
    post(
        &app,
        &applicant,
        "/api/events/rsvp",
        &format!("id={id}"),
        200,
    )
    .await;
    let theirs = event_rsvp::Entity::find()
        .filter(event_rsvp::Column::EventId.eq(id))
        .filter(event_rsvp::Column::AccountId.ne(host))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let body = format!("event={id}&rsvp={}", theirs.id);
    post(
        &app,
        &org,
        "/api/events/check-in",
        &format!("{body}&present=on"),
        200,
    )
    .await;
    post(&app, &org, "/api/events/check-in", &body, 200).await;
    assert_eq!(
        audited(&app, "event_rsvp").await,
        ["event.check_in", "event.check_in", "event.check_in_undo"]
    );
    assert_eq!(
        audited(&app, "account").await,
        ["credit.grant", "credit.revoke"]
    );
}

on_both_backends!(
    self_check_in,
    true,
    self_check_in_earns_nothing_and_check_ins_are_audited
);
