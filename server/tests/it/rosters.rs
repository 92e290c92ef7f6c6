//! Rosters through the real server functions, on SQLite and PostgreSQL:
//! tutor calls (only alumni volunteer; approval fills the tutor roster and
//! shrinks the gap), lecturers assigned or invited by a single-use link,
//! the staffing dashboard and availability.

use crate::common::{self, TestApp, call, on_both_backends, signed_in};
use camp_connect_app::domain::access::Role;
use camp_connect_app::domain::forms::Problem;
use camp_connect_app::domain::lang::Lang;
use camp_connect_app::domain::rosters::view::StaffingPage;
use camp_connect_app::domain::rosters::{InvitationOutcome, LecturerSource, VolunteerStatus};
use camp_connect_app::store::catalogue::rows::programme_row;
use camp_connect_app::store::catalogue::track_ctx::track_by_slugs;
use camp_connect_app::store::entities::{
    availability, outbox_message, role_grant, roster_invitation, roster_lecturer, tutor_call,
    tutor_volunteer,
};
use camp_connect_app::store::identity::{
    DEMO_PROVIDER, NewAccount, account_by_email, create_account, link_identity,
};
use chrono::Utc;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

const VULNS: &str = "programme=camp&cohort=2027&track=vulnerabilities";
const IOT: &str = "programme=connect&cohort=2027&track=iot";

/// Signs in as `demo-<who>@example.jp`.
async fn sign_in_as(app: &TestApp, email: &str) -> String {
    let who = email
        .strip_prefix("demo-")
        .and_then(|e| e.strip_suffix("@example.jp"))
        .expect("a demo address");
    signed_in(app, who).await
}

async fn who(app: &TestApp, email: &str) -> i32 {
    account_by_email(&app.db, email).await.unwrap().unwrap().id
}

/// Posts and checks the status; returns the body.
async fn post(app: &TestApp, cookie: &str, path: &str, body: &str, status: u16) -> String {
    let res = call(app, cookie, path, body).await;
    assert_eq!(res.status, status, "{path} {body}: {}", res.body);
    res.body
}

async fn grants(app: &TestApp, account: i32, track: i32, role: Role) -> u64 {
    role_grant::Entity::find()
        .filter(role_grant::Column::AccountId.eq(account))
        .filter(role_grant::Column::TrackId.eq(track))
        .filter(role_grant::Column::Role.eq(role))
        .count(&app.db)
        .await
        .unwrap()
}

async fn track_id(app: &TestApp, programme: &str, cohort: &str, slug: &str) -> i32 {
    let p = programme_row(&app.db, programme).await.unwrap().unwrap();
    track_by_slugs(&app.db, &p, cohort, slug)
        .await
        .unwrap()
        .unwrap()
        .track
        .id
}

async fn staffing(app: &TestApp, cookie: &str, query: &str) -> StaffingPage {
    let body = post(app, cookie, "/api/rosters/staffing", query, 200).await;
    serde_json::from_str(&body).unwrap()
}

fn tutors_of(page: &StaffingPage, track: &str) -> (i32, i32) {
    let t = page.tracks.iter().find(|t| t.track_slug == track).unwrap();
    (t.staffing.tutors.assigned, t.staffing.tutors.target)
}

async fn only_alumni_volunteer_and_approval_fills_the_roster(app: TestApp) {
    let org = sign_in_as(&app, "demo-camp-organiser@example.jp").await;
    let before = staffing(&app, &org, "programme=camp&cohort=2027").await;
    assert_eq!(tutors_of(&before, "vulnerabilities"), (0, 3));
    post(
        &app,
        &org,
        "/api/rosters/call",
        &format!("{VULNS}&places=0&note="),
        422,
    )
    .await;
    post(
        &app,
        &org,
        "/api/rosters/call",
        &format!("{VULNS}&places=1&note=help"),
        200,
    )
    .await;
    let call_id = tutor_call::Entity::find()
        .order_by_desc(tutor_call::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let offer = format!("call={call_id}&statement=I+tutored+CTFs");

    // Not an alumnus: told why, nothing written.
    let applicant = sign_in_as(&app, "demo-applicant@example.jp").await;
    let body = post(&app, &applicant, "/api/tutor-calls/volunteer", &offer, 422).await;
    assert!(body.contains("NotAlumnus"), "{body}");
    let page = app
        .get_with("/tutor-calls", &[("cookie", &applicant)])
        .await;
    assert!(page.body.contains("修了生だけです"), "{}", page.body);
    assert_eq!(
        tutor_volunteer::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        0
    );

    let alumnus = sign_in_as(&app, "demo-alumnus@example.jp").await;
    let empty = format!("call={call_id}&statement=");
    post(&app, &alumnus, "/api/tutor-calls/volunteer", &empty, 422).await;
    post(&app, &alumnus, "/api/tutor-calls/volunteer", &offer, 200).await;
    let again = post(&app, &alumnus, "/api/tutor-calls/volunteer", &offer, 422).await;
    assert!(again.contains("AlreadyVolunteered"), "{again}");
    let v = tutor_volunteer::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(v.status, VolunteerStatus::Pending);

    // An organiser of another programme may not decide.
    let other = sign_in_as(&app, "demo-organiser@example.jp").await;
    let decide = format!("{VULNS}&volunteer={}&decision=approve", v.id);
    post(&app, &other, "/api/rosters/decide", &decide, 403).await;
    let bad = format!("{VULNS}&volunteer={}&decision=maybe", v.id);
    post(&app, &org, "/api/rosters/decide", &bad, 422).await;

    post(&app, &org, "/api/rosters/decide", &decide, 200).await;
    let alumnus_id = who(&app, "demo-alumnus@example.jp").await;
    let vulns = track_id(&app, "camp", "2027", "vulnerabilities").await;
    assert_eq!(grants(&app, alumnus_id, vulns, Role::Tutor).await, 1);
    // The approval moved the alumnus along the pipeline, by the organiser.
    let camp = programme_row(&app.db, "camp").await.unwrap().unwrap();
    assert_eq!(
        camp_connect_app::store::pipeline::current_stage(&app.db, alumnus_id, camp.id)
            .await
            .unwrap(),
        Some(camp_connect_app::domain::pipeline::Stage::Tutor)
    );
    let mail = outbox_message::Entity::find()
        .filter(outbox_message::Column::Template.eq("tutor_volunteer_approved"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(mail, 1);
    let after = staffing(&app, &org, "programme=camp&cohort=2027").await;
    assert_eq!(
        tutors_of(&after, "vulnerabilities"),
        (1, 3),
        "the gap shrinks"
    );

    // Decided once only; the call is now full.
    post(&app, &org, "/api/rosters/decide", &decide, 422).await;
    assert_eq!(grants(&app, alumnus_id, vulns, Role::Tutor).await, 1);
    let alumna = sign_in_as(&app, "demo-alumna@example.jp").await;
    let full = post(&app, &alumna, "/api/tutor-calls/volunteer", &offer, 422).await;
    assert!(full.contains("CallClosed"), "{full}");

    let roster = app
        .get_with(
            "/manage/camp/2027/tracks/vulnerabilities/roster",
            &[("cookie", &org)],
        )
        .await;
    assert_eq!(roster.status, 200);
    assert!(roster.body.contains("鈴木 健（修了生）"));
    let denied = app
        .get_with(
            "/manage/camp/2027/tracks/vulnerabilities/roster",
            &[("cookie", &other)],
        )
        .await;
    assert_eq!(denied.status, 403);

    // Taken off the roster, the gap opens again; a second removal finds nobody.
    let remove = format!("{VULNS}&account={alumnus_id}&role=tutor");
    post(&app, &other, "/api/rosters/remove", &remove, 403).await;
    post(&app, &org, "/api/rosters/remove", &remove, 200).await;
    post(&app, &org, "/api/rosters/remove", &remove, 404).await;
    let bad_role = format!("{VULNS}&account={alumnus_id}&role=participant");
    post(&app, &org, "/api/rosters/remove", &bad_role, 422).await;
    let removed = staffing(&app, &org, "programme=camp&cohort=2027").await;
    assert_eq!(tutors_of(&removed, "vulnerabilities"), (0, 3));

    // The offer is the alumnus's data: exported, and gone with the account.
    let export = app
        .get_with("/api/account/export", &[("cookie", &alumnus)])
        .await;
    assert!(export.body.contains("I tutored CTFs"), "{}", export.body);
    camp_connect_app::store::account::delete_account(&app.db, alumnus_id, Utc::now())
        .await
        .unwrap();
    let left = tutor_volunteer::Entity::find()
        .filter(tutor_volunteer::Column::AccountId.eq(alumnus_id))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(left, 0);
    let open = availability::Entity::find_by_id(alumnus_id)
        .one(&app.db)
        .await
        .unwrap();
    assert!(open.is_none());
}
on_both_backends!(
    volunteering,
    true,
    only_alumni_volunteer_and_approval_fills_the_roster
);

async fn organisers_close_a_call_early(app: TestApp) {
    let org = sign_in_as(&app, "demo-camp-organiser@example.jp").await;
    let open = format!("{VULNS}&places=2&note=help");
    post(&app, &org, "/api/rosters/call", &open, 200).await;
    let call_id = tutor_call::Entity::find()
        .order_by_desc(tutor_call::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let alumnus = sign_in_as(&app, "demo-alumnus@example.jp").await;
    let offer = format!("call={call_id}&statement=I+tutored+CTFs");
    post(&app, &alumnus, "/api/tutor-calls/volunteer", &offer, 200).await;

    // Only the programme's organisers close it, and only once.
    let close = format!("{VULNS}&call={call_id}");
    let other = sign_in_as(&app, "demo-organiser@example.jp").await;
    post(&app, &other, "/api/rosters/close-call", &close, 403).await;
    let roster_path = "/manage/camp/2027/tracks/vulnerabilities/roster";
    let before = app.get_with(roster_path, &[("cookie", &org)]).await;
    assert!(before.body.contains("募集を締め切る"), "{}", before.body);
    post(&app, &org, "/api/rosters/close-call", &close, 200).await;
    let again = post(&app, &org, "/api/rosters/close-call", &close, 422).await;
    assert!(again.contains("CallClosed"), "{again}");
    let elsewhere = format!("programme=camp&cohort=2027&track=malware&call={call_id}");
    post(&app, &org, "/api/rosters/close-call", &elsewhere, 404).await;
    let call = tutor_call::Entity::find_by_id(call_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(call.closed_at.is_some());
    let after = app.get_with(roster_path, &[("cookie", &org)]).await;
    assert!(!after.body.contains("募集を締め切る"), "{}", after.body);

    // Closed to new volunteers; the one already waiting is still decided.
    let alumna = sign_in_as(&app, "demo-alumna@example.jp").await;
    let late = post(&app, &alumna, "/api/tutor-calls/volunteer", &offer, 422).await;
    assert!(late.contains("CallClosed"), "{late}");
    let v = tutor_volunteer::Entity::find()
        .filter(tutor_volunteer::Column::CallId.eq(call_id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let decide = format!("{VULNS}&volunteer={}&decision=approve", v.id);
    post(&app, &org, "/api/rosters/decide", &decide, 200).await;
}
on_both_backends!(close_call, true, organisers_close_a_call_early);

/// An account that can sign in with the demo sign-in; its id.
async fn person(app: &TestApp, email: &str) -> i32 {
    let now = Utc::now();
    let new = NewAccount {
        email,
        name_ja: "招待 太郎",
        name_en: "Taro Invited",
        is_admin: false,
    };
    let id = create_account(&app.db, new, now).await.unwrap();
    link_identity(&app.db, id, DEMO_PROVIDER, email, now)
        .await
        .unwrap();
    id
}

async fn token_mailed_to(app: &TestApp, email: &str) -> String {
    common::smtp::mailed_token(app, email, "/invitations/").await
}

async fn lecturers_are_assigned_or_invited_once(app: TestApp) {
    let org = sign_in_as(&app, "demo-organiser@example.jp").await;
    let iot = track_id(&app, "connect", "2027", "iot").await;
    let assign =
        format!("{IOT}&email=demo-tutor%40example.jp&source=academia&affiliation=Tohto+Univ");
    post(&app, &org, "/api/rosters/assign", &assign, 200).await;
    let tutor = who(&app, "demo-tutor@example.jp").await;
    assert_eq!(grants(&app, tutor, iot, Role::Lecturer).await, 1);
    let note = roster_lecturer::Entity::find_by_id((iot, tutor))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (note.source, note.affiliation.as_str()),
        (LecturerSource::Academia, "Tohto Univ")
    );
    let twice = post(&app, &org, "/api/rosters/assign", &assign, 422).await;
    assert!(twice.contains("AlreadyOnRoster"), "{twice}");
    let unknown = format!("{IOT}&email=nobody%40example.jp&source=industry&affiliation=");
    post(&app, &org, "/api/rosters/assign", &unknown, 422).await;
    let bad_source = format!("{IOT}&email=demo-alumnus%40example.jp&source=army&affiliation=");
    post(&app, &org, "/api/rosters/assign", &bad_source, 422).await;
    let camp_org = sign_in_as(&app, "demo-camp-organiser@example.jp").await;
    post(&app, &camp_org, "/api/rosters/assign", &bad_source, 403).await;
    assert_eq!(grants(&app, tutor, iot, Role::Lecturer).await, 1);

    // By email: the link joins the roster once.
    let invite = format!("{IOT}&email=demo-guest%40example.jp&source=government&affiliation=NISC");
    post(&app, &org, "/api/rosters/invite", &invite, 200).await;
    post(&app, &camp_org, "/api/rosters/invite", &invite, 403).await;
    let token = token_mailed_to(&app, "demo-guest@example.jp").await;
    let page = app.get(&format!("/invitations/{token}")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("IoT"), "{}", page.body);
    let accept = format!("token={token}&answer=accept");
    post(&app, "", "/api/invitations/answer", &accept, 401).await;
    let guest = person(&app, "demo-guest@example.jp").await;
    let cookie = sign_in_as(&app, "demo-guest@example.jp").await;
    post(&app, &cookie, "/api/invitations/answer", &accept, 200).await;
    assert_eq!(grants(&app, guest, iot, Role::Lecturer).await, 1);
    let note = roster_lecturer::Entity::find_by_id((iot, guest))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(note.source, LecturerSource::Government);
    let reused = post(&app, &cookie, "/api/invitations/answer", &accept, 422).await;
    assert!(reused.contains("InvitationUsed"), "{reused}");
    let decline = format!("token={token}&answer=decline");
    post(&app, &cookie, "/api/invitations/answer", &decline, 422).await;
    assert_eq!(grants(&app, guest, iot, Role::Lecturer).await, 1);
    let used = app.get(&format!("/invitations/{token}")).await;
    assert!(used.body.contains("すでに使われたか"), "{}", used.body);

    // Declined without an account: nobody joins, the link is spent.
    let invite = format!("{IOT}&email=busy%40example.jp&source=industry&affiliation=");
    post(&app, &org, "/api/rosters/invite", &invite, 200).await;
    let token = token_mailed_to(&app, "busy@example.jp").await;
    post(
        &app,
        "",
        "/api/invitations/answer",
        &format!("token={token}&answer=decline"),
        200,
    )
    .await;
    let row = roster_invitation::Entity::find()
        .filter(roster_invitation::Column::Email.eq("busy@example.jp"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.outcome, Some(InvitationOutcome::Declined));
    let unknown = app.get(&format!("/invitations/{}", "0".repeat(64))).await;
    assert_eq!(unknown.status, 404);
}
on_both_backends!(lecturers, true, lecturers_are_assigned_or_invited_once);

async fn the_dashboard_lists_open_alumni_for_short_tracks(app: TestApp) {
    let org = sign_in_as(&app, "demo-camp-organiser@example.jp").await;
    let page = staffing(&app, &org, "programme=camp&cohort=").await;
    assert_eq!(page.tracks.len(), 6, "both cohorts");
    let one = staffing(&app, &org, "programme=camp&cohort=2027").await;
    assert_eq!(one.tracks.len(), 4);
    assert_eq!(one.total.tutors.target, 10);
    assert_eq!(one.short, 10 + 14, "every tutor and lecturer is missing");
    let systems = one
        .tracks
        .iter()
        .find(|t| t.track_slug == "systems")
        .unwrap();
    let open: Vec<&str> = systems
        .open_alumni
        .iter()
        .map(|o| o.member.email.as_str())
        .collect();
    assert_eq!(open, ["demo-alumnus@example.jp", "demo-alumna@example.jp"]);
    post(
        &app,
        &org,
        "/api/rosters/staffing",
        "programme=camp&cohort=1999",
        404,
    )
    .await;
    let other = sign_in_as(&app, "demo-organiser@example.jp").await;
    post(
        &app,
        &other,
        "/api/rosters/staffing",
        "programme=camp&cohort=",
        403,
    )
    .await;
    // In Connect only the demo alumnus has completed a track (IoT, in the
    // pipeline demo): the alumna took part in Security Camp only.
    let connect = staffing(&app, &other, "programme=connect&cohort=2027").await;
    let listed: std::collections::BTreeSet<&str> = connect
        .tracks
        .iter()
        .flat_map(|t| t.open_alumni.iter().map(|o| o.member.email.as_str()))
        .collect();
    assert_eq!(
        listed.into_iter().collect::<Vec<_>>(),
        ["demo-alumnus@example.jp"]
    );
    let html = app
        .get_with("/manage/camp/staffing?cohort=2027", &[("cookie", &org)])
        .await;
    assert_eq!(html.status, 200);
    assert!(html.body.contains("中村 玲（修了生）"), "{}", html.body);

    // Availability is one's own; a non-alumnus is never listed.
    let applicant = sign_in_as(&app, "demo-applicant@example.jp").await;
    post(
        &app,
        &applicant,
        "/api/availability/save",
        "tutoring=on&fields%5Bai%5D=on&fields%5Bnope%5D=on",
        200,
    )
    .await;
    let id = who(&app, "demo-applicant@example.jp").await;
    let row = availability::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(row.open_to_tutoring && !row.open_to_lecturing);
    let connect = staffing(&app, &other, "programme=connect&cohort=2027").await;
    assert!(
        connect
            .tracks
            .iter()
            .flat_map(|t| &t.open_alumni)
            .all(|o| o.member.email != "demo-applicant@example.jp"),
        "open to tutoring, but not an alumnus: never listed"
    );
    post(&app, "", "/api/availability/save", "tutoring=on", 401).await;
}
on_both_backends!(
    dashboard,
    true,
    the_dashboard_lists_open_alumni_for_short_tracks
);

/// A lecturer invitation is for the address it was sent to: someone else
/// holding the link (a forwarded mail, a shared inbox) is refused with a
/// message and nothing changes; the invited address accepts, whatever the
/// case of its letters.
async fn only_the_invited_address_accepts(app: TestApp) {
    let org = sign_in_as(&app, "demo-organiser@example.jp").await;
    let iot = track_id(&app, "connect", "2027", "iot").await;
    let invite = format!("{IOT}&email=Demo-Invited%40Example.jp&source=industry&affiliation=ACME");
    post(&app, &org, "/api/rosters/invite", &invite, 200).await;
    let token = token_mailed_to(&app, "Demo-Invited@Example.jp").await;
    let accept = format!("token={token}&answer=accept");

    let other = sign_in_as(&app, "demo-alumnus@example.jp").await;
    let alumnus = who(&app, "demo-alumnus@example.jp").await;
    // The page says so before anyone presses Accept, and offers no Accept.
    let path = format!("/invitations/{token}");
    let not_yours = Problem::InvitationNotYours.message(Lang::Ja);
    let seen = app.get_with(&path, &[("cookie", other.as_str())]).await;
    assert_eq!(seen.status, 200);
    assert!(seen.body.contains(&*not_yours), "{}", seen.body);
    assert!(
        seen.body.contains(r#"value="accept" disabled"#),
        "{}",
        seen.body
    );
    let refused = post(&app, &other, "/api/invitations/answer", &accept, 422).await;
    assert!(refused.contains("InvitationNotYours"), "{refused}");
    assert_eq!(grants(&app, alumnus, iot, Role::Lecturer).await, 0);
    let row = roster_invitation::Entity::find()
        .filter(roster_invitation::Column::TrackId.eq(iot))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((row.answered_at, row.outcome), (None, None), "still open");

    let invited = person(&app, "demo-invited@example.jp").await;
    let cookie = sign_in_as(&app, "demo-invited@example.jp").await;
    let seen = app.get_with(&path, &[("cookie", cookie.as_str())]).await;
    assert!(!seen.body.contains(&*not_yours), "{}", seen.body);
    assert!(
        !seen.body.contains(r#"value="accept" disabled"#),
        "{}",
        seen.body
    );
    post(&app, &cookie, "/api/invitations/answer", &accept, 200).await;
    assert_eq!(grants(&app, invited, iot, Role::Lecturer).await, 1);
}
on_both_backends!(
    invitation_for_the_address,
    true,
    only_the_invited_address_accepts
);
