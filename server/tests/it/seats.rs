//! Seats and places under concurrency, on SQLite and PostgreSQL: racing
//! decisions stay within a track's capacity, racing approvals within a
//! tutor call's places, a person volunteers once and holds one confirmed
//! place per cohort; a place given up (withdrawn by the applicant, or the
//! participant removed by an organiser) goes to the waitlist.

use crate::common::{self, TestApp, call, on_both_backends, sign_in_as, signed_in};
use camp_connect::seed::review::{Applicant, submitted_application};
use camp_connect_app::domain::access::Role;
use camp_connect_app::domain::application::{ApplicationStatus, Decision, OfferStatus};
use camp_connect_app::domain::forms::Problem;
use camp_connect_app::domain::lang::Lang;
use camp_connect_app::domain::pipeline::Stage;
use camp_connect_app::domain::rosters::VolunteerStatus;
use camp_connect_app::store::catalogue::rows::programme_row;
use camp_connect_app::store::catalogue::track_ctx::{TrackCtx, track_by_slugs};
use camp_connect_app::store::entities::{
    application, audit_event, outbox_message, role_grant, track, tutor_call, tutor_volunteer,
};
use camp_connect_app::store::pipeline::current_stage;
use camp_connect_app::store::review::accepted_count;
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};
use std::sync::Arc;
use tokio::task::JoinSet;

const AI: &str = "programme=connect&cohort=2027&track=ai";
const VULNS: &str = "programme=camp&cohort=2027&track=vulnerabilities";

async fn ctx(app: &TestApp, programme: &str, cohort: &str, slug: &str) -> TrackCtx {
    let p = programme_row(&app.db, programme).await.unwrap().unwrap();
    track_by_slugs(&app.db, &p, cohort, slug)
        .await
        .unwrap()
        .unwrap()
}

/// An account that can sign in with the demo sign-in; its id.
async fn person(app: &TestApp, email: &str) -> i32 {
    common::demo_person(app, email, email).await
}

/// A new person's submitted application on the track; its id.
async fn applies(app: &TestApp, track_id: i32, account: i32) -> i32 {
    let who = Applicant {
        affiliation: "Somewhere",
        mentors: "",
        birth_date: None,
    };
    submitted_application(&app.db, track_id, account, &who, "answer", Utc::now())
        .await
        .unwrap()
}

/// Releases application `id` with `decision`: accepted ones with an open
/// offer, waitlisted ones at `position`.
async fn released(app: &TestApp, id: i32, decision: Decision, position: Option<i32>) {
    let now = Utc::now();
    let mut row = application::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into_active_model();
    row.decision = Set(Some(decision));
    row.decided_at = Set(Some(now));
    row.released_at = Set(Some(now));
    row.waitlist_position = Set(position);
    if decision == Decision::Accepted {
        row.offer_status = Set(Some(OfferStatus::Offered));
        row.offer_expires_at = Set(Some(now + Duration::days(7)));
    }
    row.update(&app.db).await.unwrap();
}

async fn app_row(app: &TestApp, id: i32) -> application::Model {
    application::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

async fn participant_grants(app: &TestApp, account: i32) -> u64 {
    role_grant::Entity::find()
        .filter(role_grant::Column::AccountId.eq(account))
        .filter(role_grant::Column::Role.eq(Role::Participant))
        .count(&app.db)
        .await
        .unwrap()
}

/// `account`'s pipeline stage in the track's programme.
async fn stage(app: &TestApp, account: i32, place: &TrackCtx) -> Option<Stage> {
    current_stage(&app.db, account, place.programme.id)
        .await
        .unwrap()
}

async fn mails(app: &TestApp, template: &str, to: &str) -> u64 {
    outbox_message::Entity::find()
        .filter(outbox_message::Column::Template.eq(template))
        .filter(outbox_message::Column::RecipientEmail.eq(to))
        .count(&app.db)
        .await
        .unwrap()
}

async fn audited(app: &TestApp, action: &str, entity_id: i32) -> Vec<audit_event::Model> {
    audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq(action))
        .filter(audit_event::Column::EntityId.eq(entity_id.to_string()))
        .all(&app.db)
        .await
        .unwrap()
}

/// Fires every (cookie, body) request at `path` at once; their statuses.
async fn race(app: &Arc<TestApp>, path: &'static str, requests: Vec<(String, String)>) -> Vec<u16> {
    let mut set = JoinSet::new();
    for (cookie, body) in requests {
        let app = Arc::clone(app);
        set.spawn(async move { call(&app, &cookie, path, &body).await.status });
    }
    let mut out = Vec::new();
    while let Some(status) = set.join_next().await {
        out.push(status.expect("request task"));
    }
    out
}

fn count(statuses: &[u16], status: u16) -> usize {
    statuses.iter().filter(|s| **s == status).count()
}

/// Twelve organiser decisions accepting one application each, all at
/// once, on a track with three free seats: three are accepted, the others
/// refused as over capacity.
async fn racing_decisions_stay_within_capacity(app: TestApp) {
    let app = Arc::new(app);
    let ai = ctx(&app, "connect", "2027", "ai").await;
    let before = accepted_count(&app.db, ai.track.id).await.unwrap();
    let mut t: track::ActiveModel = ai.track.clone().into();
    t.capacity = Set(before + 3);
    t.update(&app.db).await.unwrap();
    let mut ids = Vec::new();
    for i in 0..12 {
        let who = person(&app, &format!("seat{i}@example.jp")).await;
        ids.push(applies(&app, ai.track.id, who).await);
    }
    let org = signed_in(&app, "organiser").await;
    let requests = ids
        .iter()
        .map(|a| {
            let body = format!("{AI}&application={a}&decision=accepted&reason=");
            (org.clone(), body)
        })
        .collect();
    let statuses = race(&app, "/api/review/decide", requests).await;
    assert_eq!(count(&statuses, 200), 3, "{statuses:?}");
    assert_eq!(count(&statuses, 422), 9, "{statuses:?}");
    assert_eq!(
        accepted_count(&app.db, ai.track.id).await.unwrap(),
        before + 3
    );
}

on_both_backends!(decisions_race, true, racing_decisions_stay_within_capacity);

/// Ten approvals of a call for two tutors, all at once: two are approved
/// and join the roster. One alumnus volunteering eight times at once
/// volunteers once; the other clicks are told they already did.
async fn racing_tutor_approvals_stay_within_places(app: TestApp) {
    let app = Arc::new(app);
    let vulns = ctx(&app, "camp", "2027", "vulnerabilities").await;
    let org = sign_in_as(&app, "demo-camp-organiser@example.jp").await;
    let open = |places: i32| format!("{VULNS}&places={places}&note=race");
    let latest_call = || async {
        tutor_call::Entity::find()
            .order_by_desc(tutor_call::Column::Id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .id
    };
    assert_eq!(
        call(&app, &org, "/api/rosters/call", &open(2)).await.status,
        200
    );
    let two = latest_call().await;
    let mut accounts = Vec::new();
    let mut requests = Vec::new();
    for i in 0..10 {
        let who = person(&app, &format!("tutor{i}@example.jp")).await;
        let v = tutor_volunteer::ActiveModel {
            call_id: Set(two),
            account_id: Set(who),
            statement: Set("I can help".into()),
            status: Set(VolunteerStatus::Pending),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
        accounts.push(who);
        let body = format!("{VULNS}&volunteer={}&decision=approve", v.id);
        requests.push((org.clone(), body));
    }
    let statuses = race(&app, "/api/rosters/decide", requests).await;
    assert_eq!(count(&statuses, 200), 2, "{statuses:?}");
    assert_eq!(count(&statuses, 422), 8, "{statuses:?}");
    let approved = tutor_volunteer::Entity::find()
        .filter(tutor_volunteer::Column::CallId.eq(two))
        .filter(tutor_volunteer::Column::Status.eq(VolunteerStatus::Approved))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(approved, 2);
    let tutors = role_grant::Entity::find()
        .filter(role_grant::Column::AccountId.is_in(accounts))
        .filter(role_grant::Column::TrackId.eq(vulns.track.id))
        .filter(role_grant::Column::Role.eq(Role::Tutor))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(tutors, 2);

    assert_eq!(
        call(&app, &org, "/api/rosters/call", &open(3)).await.status,
        200
    );
    let three = latest_call().await;
    let alumnus = signed_in(&app, "alumnus").await;
    let requests = (0..8)
        .map(|_| (alumnus.clone(), format!("call={three}&statement=once")))
        .collect();
    let statuses = race(&app, "/api/tutor-calls/volunteer", requests).await;
    assert_eq!(count(&statuses, 200), 1, "{statuses:?}");
    assert_eq!(count(&statuses, 422), 7, "{statuses:?}");
    let offers = tutor_volunteer::Entity::find()
        .filter(tutor_volunteer::Column::CallId.eq(three))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(offers, 1);
}

on_both_backends!(
    tutor_approvals_race,
    true,
    racing_tutor_approvals_stay_within_places
);

/// A person offered places on two tracks of one cohort confirms both at
/// once, eight times each: one place is confirmed; the other offer, tried
/// again, is refused with a message saying why, and can still be declined.
async fn one_confirmed_place_per_cohort_even_when_racing(app: TestApp) {
    let app = Arc::new(app);
    let ai = ctx(&app, "connect", "2027", "ai").await;
    let iot = ctx(&app, "connect", "2027", "iot").await;
    assert_eq!(ai.cohort.id, iot.cohort.id);
    let email = "twice@example.jp";
    let who = person(&app, email).await;
    let a = applies(&app, ai.track.id, who).await;
    let b = applies(&app, iot.track.id, who).await;
    released(&app, a, Decision::Accepted, None).await;
    released(&app, b, Decision::Accepted, None).await;
    let cookie = sign_in_as(&app, email).await;
    let requests = (0..16)
        .map(|i| {
            let id = if i % 2 == 0 { a } else { b };
            (cookie.clone(), format!("application={id}&answer=confirm"))
        })
        .collect();
    let statuses = race(&app, "/api/offers/respond", requests).await;
    assert_eq!(count(&statuses, 200), 1, "{statuses:?}");
    assert_eq!(count(&statuses, 422), 15, "{statuses:?}");
    let confirmed: Vec<i32> = application::Entity::find()
        .filter(application::Column::AccountId.eq(who))
        .filter(application::Column::OfferStatus.eq(OfferStatus::Confirmed))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|x| x.id)
        .collect();
    assert_eq!(confirmed.len(), 1, "{confirmed:?}");
    assert_eq!(participant_grants(&app, who).await, 1);

    let other = if confirmed[0] == a { b } else { a };
    let res = call(
        &app,
        &cookie,
        "/api/offers/respond",
        &format!("application={other}&answer=confirm"),
    )
    .await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains("PlaceHeldInCohort"), "{}", res.body);
    assert_eq!(
        app_row(&app, other).await.offer_status,
        Some(OfferStatus::Offered)
    );
    let res = call(
        &app,
        &cookie,
        "/api/offers/respond",
        &format!("application={other}&answer=decline"),
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let ja = Problem::PlaceHeldInCohort.message(Lang::Ja);
    let en = Problem::PlaceHeldInCohort.message(Lang::En);
    assert!(ja.contains("確定しています"), "{ja}");
    assert!(en.contains("one place per cohort"), "{en}");
}

on_both_backends!(
    one_place_per_cohort,
    true,
    one_confirmed_place_per_cohort_even_when_racing
);

/// A confirmed participant on the track and the first on its waitlist:
/// (participant account, their application, waitlisted account, theirs).
async fn confirmed_and_waiting(app: &TestApp, ai: &TrackCtx) -> (i32, i32, i32, i32) {
    let first = person(app, "first@example.jp").await;
    let second = person(app, "second@example.jp").await;
    let a1 = applies(app, ai.track.id, first).await;
    let a2 = applies(app, ai.track.id, second).await;
    released(app, a1, Decision::Accepted, None).await;
    released(app, a2, Decision::Waitlisted, Some(1)).await;
    let cookie = sign_in_as(app, "first@example.jp").await;
    let res = call(
        app,
        &cookie,
        "/api/offers/respond",
        &format!("application={a1}&answer=confirm"),
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(participant_grants(app, first).await, 1);
    assert_eq!(stage(app, first, ai).await, Some(Stage::Participant));
    (first, a1, second, a2)
}

/// Withdrawing after confirming frees the seat: the participant role goes
/// and the first on the waitlist is offered the place, by mail, audited.
async fn withdrawing_a_confirmed_place_offers_it_on(app: TestApp) {
    let ai = ctx(&app, "connect", "2027", "ai").await;
    let before = accepted_count(&app.db, ai.track.id).await.unwrap();
    let (first, a1, _, a2) = confirmed_and_waiting(&app, &ai).await;
    let cookie = sign_in_as(&app, "first@example.jp").await;
    let res = call(
        &app,
        &cookie,
        "/api/apply/withdraw",
        &format!("application={a1}&confirm=yes"),
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(app_row(&app, a1).await.status, ApplicationStatus::Withdrawn);
    assert_eq!(participant_grants(&app, first).await, 0);
    // The pipeline no longer counts them as a participant.
    assert_eq!(stage(&app, first, &ai).await, None);
    let next = app_row(&app, a2).await;
    assert_eq!(next.decision, Some(Decision::Accepted));
    assert_eq!(next.offer_status, Some(OfferStatus::Offered));
    assert_eq!(mails(&app, "waitlist_offer", "second@example.jp").await, 1);
    assert_eq!(audited(&app, "offer.withdraw", a1).await.len(), 1);
    assert_eq!(audited(&app, "offer.promote", a2).await.len(), 1);
    // The seat held by the withdrawn application counts no more.
    assert_eq!(
        accepted_count(&app.db, ai.track.id).await.unwrap(),
        before + 1
    );
}

on_both_backends!(
    withdraw_frees_the_seat,
    true,
    withdrawing_a_confirmed_place_offers_it_on
);

/// A waitlisted applicant who has meanwhile confirmed a place on another
/// track of the cohort is passed over when a place frees: they could not
/// confirm it, so the offer goes to the next on the waitlist at once.
async fn the_waitlist_passes_over_someone_placed_elsewhere(app: TestApp) {
    let ai = ctx(&app, "connect", "2027", "ai").await;
    let iot = ctx(&app, "connect", "2027", "iot").await;
    let holder = person(&app, "holder@example.jp").await;
    let elsewhere = person(&app, "elsewhere@example.jp").await;
    let waiting = person(&app, "next@example.jp").await;
    let held = applies(&app, ai.track.id, holder).await;
    released(&app, held, Decision::Accepted, None).await;
    let on_iot = applies(&app, iot.track.id, elsewhere).await;
    released(&app, on_iot, Decision::Accepted, None).await;
    for (email, id) in [
        ("holder@example.jp", held),
        ("elsewhere@example.jp", on_iot),
    ] {
        let cookie = sign_in_as(&app, email).await;
        let body = format!("application={id}&answer=confirm");
        let res = call(&app, &cookie, "/api/offers/respond", &body).await;
        assert_eq!(res.status, 200, "{}", res.body);
    }
    let first_waiting = applies(&app, ai.track.id, elsewhere).await;
    released(&app, first_waiting, Decision::Waitlisted, Some(1)).await;
    let second_waiting = applies(&app, ai.track.id, waiting).await;
    released(&app, second_waiting, Decision::Waitlisted, Some(2)).await;

    let cookie = sign_in_as(&app, "holder@example.jp").await;
    let body = format!("application={held}&confirm=yes");
    let res = call(&app, &cookie, "/api/apply/withdraw", &body).await;
    assert_eq!(res.status, 200, "{}", res.body);

    let passed_over = app_row(&app, first_waiting).await;
    assert_eq!(passed_over.decision, Some(Decision::Waitlisted));
    assert_eq!(passed_over.offer_status, None);
    assert_eq!(
        mails(&app, "waitlist_offer", "elsewhere@example.jp").await,
        0
    );
    let offered = app_row(&app, second_waiting).await;
    assert_eq!(offered.decision, Some(Decision::Accepted));
    assert_eq!(offered.offer_status, Some(OfferStatus::Offered));
    assert_eq!(mails(&app, "waitlist_offer", "next@example.jp").await, 1);
    assert_eq!(
        audited(&app, "offer.promote", second_waiting).await.len(),
        1
    );
}

on_both_backends!(
    waitlist_skips_the_placed,
    true,
    the_waitlist_passes_over_someone_placed_elsewhere
);

/// An organiser removes a participant from the roster page's form: a
/// reason is required; the role goes, the place goes to the waitlist, and
/// the audit log keeps the reason.
async fn organisers_remove_a_participant(app: TestApp) {
    let ai = ctx(&app, "connect", "2027", "ai").await;
    let (first, a1, second, a2) = confirmed_and_waiting(&app, &ai).await;
    let org = signed_in(&app, "organiser").await;
    let page = app
        .get_with("/manage/connect/2027/tracks/ai/roster", &[("cookie", &org)])
        .await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("/api/review/remove-participant"),
        "{}",
        page.body
    );
    assert!(page.body.contains("first@example.jp"), "{}", page.body);

    let path = "/api/review/remove-participant";
    let without = format!("{AI}&account={first}&reason=+");
    let res = call(&app, &org, path, &without).await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains("Required"), "{}", res.body);
    assert_eq!(participant_grants(&app, first).await, 1);
    // Someone who is no participant of the track is not found.
    let nobody = format!("{AI}&account={second}&reason=no-show");
    assert_eq!(call(&app, &org, path, &nobody).await.status, 404);
    // An organiser of another programme may not.
    let camp = sign_in_as(&app, "demo-camp-organiser@example.jp").await;
    let body = format!("{AI}&account={first}&reason=no-show");
    assert_eq!(call(&app, &camp, path, &body).await.status, 403);
    assert_eq!(participant_grants(&app, first).await, 1);

    let res = call(&app, &org, path, &body).await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(participant_grants(&app, first).await, 0);
    assert_eq!(stage(&app, first, &ai).await, None);
    assert_eq!(app_row(&app, a1).await.status, ApplicationStatus::Withdrawn);
    assert_eq!(
        app_row(&app, a2).await.offer_status,
        Some(OfferStatus::Offered)
    );
    assert_eq!(mails(&app, "waitlist_offer", "second@example.jp").await, 1);
    // The removed participant is told, without the organiser's note.
    assert_eq!(mails(&app, "place_removed", "first@example.jp").await, 1);
    let removed = audited(&app, "offer.remove", a1).await;
    assert_eq!(removed.len(), 1);
    assert!(
        removed[0].summary.contains("no-show"),
        "{}",
        removed[0].summary
    );
    // Removed once: a second removal finds no participant.
    assert_eq!(call(&app, &org, path, &body).await.status, 404);
}

on_both_backends!(remove_participant, true, organisers_remove_a_participant);
