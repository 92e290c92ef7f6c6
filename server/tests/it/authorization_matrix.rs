//! Calls every server function and page route as every kind of person and
//! compares the status with `authorization.tsv`. A server function or route
//! without a row there fails the test, so no new one can skip the table.

use crate::common::{self, TestApp, on_both_backends};
use camp_connect_app::domain::access::{Grant, Role};
use camp_connect_app::store::catalogue::rows::{cohort_row, programme_row, track_row};
use camp_connect_app::store::identity::{
    DEMO_PROVIDER, NewAccount, create_account, grant_role, link_identity,
};
use chrono::Utc;
use std::collections::BTreeSet;

const PERSONS: [&str; 9] = [
    "anonymous",
    "applicant",
    "alumnus",
    "tutor",
    "lecturer",
    "reviewer",
    "organiser_other",
    "organiser",
    "admin",
];

struct Row {
    method: String,
    path: String,
    body: String,
    expected: Vec<u16>,
}

fn table() -> Vec<Row> {
    include_str!("../authorization.tsv")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 3 + PERSONS.len(), "row {l:?}");
            Row {
                method: cols[0].into(),
                path: cols[1].into(),
                body: if cols[2] == "-" {
                    String::new()
                } else {
                    cols[2].into()
                },
                expected: cols[3..]
                    .iter()
                    .map(|s| s.parse().expect("a status"))
                    .collect(),
            }
        })
        .collect()
}

/// The page routes' paths with concrete records in place of parameters.
fn concrete(path: &str) -> String {
    path.replace("{programme}", "connect")
        .replace("{cohort}", "2027")
        .replace("{track}", "ai")
        .replace("{field}", "ai")
        // An event (and a review assignment) that does not exist.
        .replace("{id}", "999999")
        // A well-formed guardian link nobody was sent.
        .replace("{token}", &"0".repeat(64))
}

fn encode(s: &str) -> String {
    camp_connect_app::domain::url::encode_query_value(s)
}

/// A save body that writes back what is stored, so it changes nothing.
async fn unchanged_body(app: &TestApp, which: &str) -> String {
    use camp_connect_app::store::catalogue::edit::{cohort_draft, track_draft};
    let p = programme_row(&app.db, "connect").await.unwrap().unwrap();
    let c = cohort_row(&app.db, p.id, "2027").await.unwrap().unwrap();
    let draft: Vec<(String, String)> = if which == "@cohort" {
        let d = cohort_draft(&c);
        serde_json::from_value::<std::collections::BTreeMap<String, String>>(
            serde_json::to_value(&d).unwrap(),
        )
        .unwrap()
        .into_iter()
        .collect()
    } else {
        let t = track_row(&app.db, c.id, "ai").await.unwrap().unwrap();
        let d = track_draft(&app.db, &t).await.unwrap();
        serde_json::from_value::<std::collections::BTreeMap<String, String>>(
            serde_json::to_value(&d).unwrap(),
        )
        .unwrap()
        .into_iter()
        .collect()
    };
    let mut body = if which == "@cohort" {
        "programme=connect&original=2027".to_string()
    } else {
        "programme=connect&cohort=2027&original=ai".to_string()
    };
    for (k, v) in draft {
        body.push_str(&format!(
            "&{}={}",
            encode(&format!("draft[{k}]")),
            encode(&v)
        ));
    }
    body
}

/// A profile save that writes back the person's own name and language.
async fn own_profile_body(app: &TestApp, person: &str) -> String {
    let email = format!("demo-{person}@example.jp");
    let Some(a) = camp_connect_app::store::identity::account_by_email(&app.db, &email)
        .await
        .unwrap()
    else {
        return "draft[name_ja]=x&draft[name_en]=x&draft[language]=ja".to_string();
    };
    format!(
        "draft[name_ja]={}&draft[name_en]={}&draft[language]={}",
        encode(&a.name_ja),
        encode(&a.name_en),
        a.language.as_str()
    )
}

/// An availability save that writes back what the person said (all of it
/// off for a person the demo does not have).
async fn own_availability_body(app: &TestApp, person: &str) -> String {
    let email = format!("demo-{person}@example.jp");
    let Some(a) = camp_connect_app::store::identity::account_by_email(&app.db, &email)
        .await
        .unwrap()
    else {
        return String::new();
    };
    let now = camp_connect_app::store::rosters::availability::availability_of(&app.db, a.id)
        .await
        .unwrap();
    let mut parts: Vec<String> = now
        .fields
        .iter()
        .filter(|f| f.chosen)
        .map(|f| format!("{}=on", encode(&format!("fields[{}]", f.slug))))
        .collect();
    if now.tutoring {
        parts.push("tutoring=on".into());
    }
    if now.lecturing {
        parts.push("lecturing=on".into());
    }
    parts.join("&")
}

/// Adds the two persons the demo data lacks, signable like demo accounts.
async fn add_persons(app: &TestApp) {
    let now = Utc::now();
    let camp = programme_row(&app.db, "camp").await.unwrap().unwrap();
    let connect = programme_row(&app.db, "connect").await.unwrap().unwrap();
    let c = cohort_row(&app.db, connect.id, "2027")
        .await
        .unwrap()
        .unwrap();
    let t = track_row(&app.db, c.id, "ai").await.unwrap().unwrap();
    let people = [
        (
            "demo-reviewer@example.jp",
            Grant::on_track(Role::Reviewer, connect.id, c.id, t.id),
        ),
        ("demo-organiser_other@example.jp", Grant::organiser(camp.id)),
    ];
    for (email, grant) in people {
        let new = NewAccount {
            email,
            name_ja: "テスト",
            name_en: "Test",
            is_admin: false,
        };
        let id = create_account(&app.db, new, now).await.unwrap();
        link_identity(&app.db, id, DEMO_PROVIDER, email, now)
            .await
            .unwrap();
        grant_role(&app.db, id, grant, None, now).await.unwrap();
    }
}

async fn cookie_of(app: &TestApp, person: &str) -> Option<String> {
    if person == "anonymous" {
        return None;
    }
    Some(common::signed_in(app, person).await)
}

/// What is wrong with a response's security headers, if anything: every
/// answer forbids sniffing and framing and has a policy, and every script
/// of an HTML page carries that policy's nonce (so hydration runs and an
/// injected script does not).
fn security_header_problem(res: &common::Page) -> Option<String> {
    let header = |name: &str| res.headers.get(name).and_then(|v| v.to_str().ok());
    if header("x-content-type-options") != Some("nosniff") {
        return Some("no X-Content-Type-Options: nosniff".into());
    }
    if header("referrer-policy").is_none() {
        return Some("no Referrer-Policy".into());
    }
    let Some(csp) = header("content-security-policy") else {
        return Some("no Content-Security-Policy".into());
    };
    if !csp.contains("frame-ancestors 'none'") || csp.contains("unsafe-inline") {
        return Some(format!("weak policy: {csp}"));
    }
    // A download's own policy allows nothing at all, so it needs no nonce.
    if csp.starts_with("default-src 'none'") && csp.contains("sandbox") {
        return None;
    }
    let Some(nonce) = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
    else {
        return Some(format!("no nonce in {csp}"));
    };
    let html = header("content-type").is_some_and(|t| t.starts_with("text/html"));
    // leptos_i18n leaves an empty `<script></script>` placeholder: browsers
    // neither run nor policy-check a script element without source text.
    let scripts =
        res.body.matches("<script").count() - res.body.matches("<script></script>").count();
    let nonced = res.body.matches(&format!("nonce=\"{nonce}\"")).count();
    (html && scripts != nonced).then(|| format!("{scripts} scripts, {nonced} with the nonce"))
}

async fn matrix_holds(app: TestApp) {
    add_persons(&app).await;
    let rows = table();
    let mut failures = Vec::new();
    for (i, person) in PERSONS.iter().enumerate() {
        let cookie = cookie_of(&app, person).await;
        for row in &rows {
            let body = match row.body.as_str() {
                b @ ("@cohort" | "@track") => unchanged_body(&app, b).await,
                "@profile" => own_profile_body(&app, person).await,
                "@availability" => own_availability_body(&app, person).await,
                b => b.to_string(),
            };
            let mut headers = vec![
                ("sec-fetch-site", "same-origin"),
                ("accept", "application/json"),
            ];
            if let Some(c) = &cookie {
                headers.push(("cookie", c.as_str()));
            }
            if row.method == "POST" {
                headers.push(("content-type", "application/x-www-form-urlencoded"));
            }
            let res = app
                .send(&row.method, &concrete(&row.path), &headers, body)
                .await;
            if let Some(problem) = security_header_problem(&res) {
                failures.push(format!(
                    "{} {} as {person}: {problem}",
                    row.method, row.path
                ));
            }
            if res.status != row.expected[i] {
                failures.push(format!(
                    "{} {} as {person}: got {}, table says {}",
                    row.method, row.path, res.status, row.expected[i]
                ));
            }
        }
    }
    // Every mutating endpoint refuses a post from another site, even with
    // the organiser's cookie riding along.
    let cookie = cookie_of(&app, "organiser").await.unwrap_or_default();
    for row in rows.iter().filter(|r| r.method == "POST") {
        let headers = [
            ("sec-fetch-site", "cross-site"),
            ("origin", "https://evil.example"),
            ("cookie", cookie.as_str()),
            ("content-type", "application/x-www-form-urlencoded"),
        ];
        let res = app
            .send("POST", &concrete(&row.path), &headers, row.body.clone())
            .await;
        if res.status != 403 || !res.body.contains("Requests from other sites are refused") {
            failures.push(format!("cross-site POST {}: got {}", row.path, res.status));
        }
    }
    assert!(
        failures.is_empty(),
        "authorization matrix:\n{}",
        failures.join("\n")
    );
}

on_both_backends!(matrix, true, matrix_holds);

#[test]
fn every_server_function_and_route_has_a_row() {
    common::runtime().block_on(async { rows_cover_everything() });
}

fn rows_cover_everything() {
    let rows = table();
    let in_table: BTreeSet<(String, String)> = rows
        .iter()
        .map(|r| (r.method.clone(), r.path.clone()))
        .collect();
    let mut existing = BTreeSet::new();
    for (path, method) in server_fn::axum::server_fn_paths() {
        existing.insert((method.to_string(), path.to_string()));
    }
    for route in camp_connect::http::route_list() {
        existing.insert(("GET".to_string(), route.path().to_string()));
    }
    for path in camp_connect::http::DATA_ROUTES {
        existing.insert(("GET".to_string(), path.to_string()));
    }
    for path in camp_connect::http::POST_ROUTES {
        existing.insert(("POST".to_string(), path.to_string()));
    }
    let missing: Vec<_> = existing.difference(&in_table).collect();
    let stale: Vec<_> = in_table.difference(&existing).collect();
    assert!(
        missing.is_empty(),
        "add these to authorization.tsv: {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "these rows name nothing that exists: {stale:?}"
    );
}

/// One row of `authorization_objects.tsv`.
struct ObjectRow {
    method: String,
    /// The path as `authorization.tsv` names it.
    path: String,
    /// Values of the path's record parameters (`name={record}&…`).
    path_values: Vec<(String, String)>,
    body: String,
    expected: Vec<u16>,
}

fn object_table() -> Vec<ObjectRow> {
    include_str!("../authorization_objects.tsv")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 4 + PERSONS.len(), "row {l:?}");
            let dash = |s: &str| if s == "-" { String::new() } else { s.into() };
            ObjectRow {
                method: cols[0].into(),
                path: cols[1].into(),
                path_values: dash(cols[2])
                    .split('&')
                    .filter(|p| !p.is_empty())
                    .filter_map(|p| p.split_once('='))
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
                body: dash(cols[3]),
                expected: cols[4..]
                    .iter()
                    .map(|s| s.parse().expect("a status"))
                    .collect(),
            }
        })
        .collect()
}

/// Whether a row of `authorization.tsv` takes a record id, by the rule the
/// header of `authorization_objects.tsv` states.
fn takes_an_id(row: &Row) -> bool {
    let body_names_one = row.body.split('&').any(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (key != "revision" && value.split('-').any(|v| v == "999999"))
            || key.contains("999999")
            || value == "2222222222222222"
    });
    let path_names_one = row.path.split('/').any(|segment| {
        let inner = segment
            .strip_prefix('{')
            .and_then(|s| s.split('}').next())
            .unwrap_or("");
        match inner {
            "" | "programme" | "cohort" | "token" => false,
            "track" => row.path.starts_with("/review/"),
            _ => true,
        }
    });
    body_names_one || path_names_one
}

#[test]
fn every_id_taking_endpoint_has_an_object_row() {
    let objects: BTreeSet<(String, String)> = object_table()
        .into_iter()
        .map(|r| (r.method, r.path))
        .collect();
    let rows = table();
    let known: BTreeSet<(String, String)> = rows
        .iter()
        .map(|r| (r.method.clone(), r.path.clone()))
        .collect();
    let missing: Vec<_> = rows
        .iter()
        .filter(|r| takes_an_id(r))
        .map(|r| (r.method.clone(), r.path.clone()))
        .filter(|k| !objects.contains(k))
        .collect();
    let stale: Vec<_> = objects.difference(&known).collect();
    assert!(
        missing.is_empty(),
        "add object rows to authorization_objects.tsv for: {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "these object rows name no row of authorization.tsv: {stale:?}"
    );
}

/// Every row of every table but the sessions' (a request may touch its
/// session), each table's rows sorted, to see that a call changed nothing.
async fn everything(db: &sea_orm::DatabaseConnection) -> Vec<String> {
    use camp_connect_app::store::entities::*;
    use sea_orm::EntityTrait;
    let mut out = Vec::new();
    macro_rules! rows {
        ($($t:ident),* $(,)?) => {
            $(
                let mut r: Vec<String> = $t::Entity::find()
                    .all(db)
                    .await
                    .unwrap()
                    .iter()
                    .map(|m| format!("{m:?}"))
                    .collect();
                r.sort();
                out.push(format!("{}: {}", stringify!($t), r.join("\n")));
            )*
        };
    }
    rows!(
        account,
        affiliation,
        alumni_experience,
        alumni_link,
        alumni_profile,
        alumni_qualification,
        alumni_skill,
        alumni_skill_history,
        announcement,
        application,
        application_answer,
        application_submission,
        audit_event,
        availability,
        availability_field,
        calendar_feed,
        cohort,
        completion,
        conflict,
        credit_claim,
        credit_entry,
        eligibility,
        event,
        event_host,
        event_rsvp,
        field,
        guardian_consent,
        history_batch,
        identity,
        mentorship,
        offer_reminder,
        outbox_attempt,
        outbox_message,
        programme,
        question,
        question_set,
        ranking_version,
        review_assignment,
        review_score,
        role_grant,
        roster_invitation,
        roster_lecturer,
        rubric_criterion,
        stage_change,
        step_signoff,
        track,
        track_review,
        training_step,
        tutor_call,
        tutor_volunteer,
    );
    out
}

/// Makes the records `authorization_objects.tsv` names (see its header);
/// their ids by name.
async fn object_records(app: &TestApp) -> std::collections::HashMap<&'static str, String> {
    use camp_connect::seed::review::{
        Applicant, demo_rubric, question_set_of, submitted_application,
    };
    use camp_connect_app::domain::events::{Audience, EventKind, EventStatus, RsvpStatus};
    use camp_connect_app::domain::lang::Lang;
    use camp_connect_app::domain::mail::OutboxStatus;
    use camp_connect_app::domain::rosters::VolunteerStatus;
    use camp_connect_app::store::catalogue::track_ctx::track_by_slugs;
    use camp_connect_app::store::entities::{
        completion, event, event_rsvp, identity, outbox_message, review_assignment, role_grant,
        training_step, tutor_call, tutor_volunteer,
    };
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
    let db = &app.db;
    let now = Utc::now();
    let place = |p: &'static str, c: &'static str, t: &'static str| async move {
        let p = programme_row(db, p).await.unwrap().unwrap();
        track_by_slugs(db, &p, c, t).await.unwrap().unwrap()
    };
    let camp = place("camp", "2027", "systems").await;
    let iot = place("connect", "2027", "iot").await;
    let ai = place("connect", "2027", "ai").await;
    let person = |email: &'static str| async move {
        let new = NewAccount {
            email,
            name_ja: "他人",
            name_en: "Stranger",
            is_admin: false,
        };
        let id = create_account(db, new, now).await.unwrap();
        link_identity(db, id, DEMO_PROVIDER, email, now)
            .await
            .unwrap();
        id
    };
    let by_email = |email: &'static str| async move {
        camp_connect_app::store::identity::account_by_email(db, email)
            .await
            .unwrap()
            .unwrap()
            .id
    };
    let who = Applicant {
        affiliation: "他社",
        mentors: "",
        birth_date: None,
    };
    let stranger = person("object-stranger@example.jp").await;
    let camp_application = submitted_application(db, camp.track.id, stranger, &who, "x", now)
        .await
        .unwrap();
    let iot_applicant = person("object-iot@example.jp").await;
    let iot_application = submitted_application(db, iot.track.id, iot_applicant, &who, "x", now)
        .await
        .unwrap();
    let ai_application = review_assignment::Entity::find()
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .application_id;
    let reviewer_on =
        |email: &'static str, ctx: camp_connect_app::store::catalogue::track_ctx::TrackCtx| async move {
            let id = person(email).await;
            let grant = Grant::on_track(
                Role::Reviewer,
                ctx.programme.id,
                ctx.cohort.id,
                ctx.track.id,
            );
            grant_role(db, id, grant, None, now).await.unwrap();
            id
        };
    let assign = |application: i32, reviewer: i32| async move {
        review_assignment::ActiveModel {
            application_id: Set(application),
            reviewer_id: Set(reviewer),
            assigned_at: Set(now),
            assigned_by: Set(None),
            comment: Set(String::new()),
            submitted_at: Set(None),
            updated_at: Set(None),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap()
        .id
    };
    let camp_reviewer = reviewer_on("object-camp-reviewer@example.jp", camp.clone()).await;
    let camp_assignment = assign(camp_application, camp_reviewer).await;
    let iot_reviewer = reviewer_on("object-iot-reviewer@example.jp", iot.clone()).await;
    assign(iot_application, iot_reviewer).await;
    let ai_reviewer = reviewer_on("object-ai-reviewer@example.jp", ai).await;
    let ai_assignment = assign(ai_application, ai_reviewer).await;
    let camp_grant = role_grant::Entity::find()
        .filter(role_grant::Column::AccountId.eq(camp_reviewer))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let camp_identity = identity::Entity::find()
        .filter(identity::Column::AccountId.eq(stranger))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let sent_message = outbox_message::ActiveModel {
        recipient_email: Set("object-stranger@example.jp".into()),
        recipient_name: Set("Stranger".into()),
        language: Set(Lang::Ja),
        template: Set("certificate_issued".into()),
        subject: Set("x".into()),
        text_body: Set("x".into()),
        programme_id: Set(Some(camp.programme.id)),
        status: Set(OutboxStatus::Sent),
        attempts: Set(1),
        next_attempt_at: Set(now),
        created_at: Set(now),
        sent_at: Set(Some(now)),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap()
    .id;
    let (_, camp_questions) = question_set_of(db, camp.track.id, now).await.unwrap();
    let (_, iot_questions) = question_set_of(db, iot.track.id, now).await.unwrap();
    let camp_criteria = demo_rubric(db, camp.track.id).await.unwrap();
    let iot_criteria = demo_rubric(db, iot.track.id).await.unwrap();
    let camp_step = training_step::ActiveModel {
        programme_id: Set(camp.programme.id),
        position: Set(1),
        name_ja: Set("準備".into()),
        name_en: Set("Preparation".into()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap()
    .id;
    let code_of = |account: i32, programme: i32| async move {
        completion::Entity::find()
            .filter(completion::Column::AccountId.eq(account))
            .filter(completion::Column::ProgrammeId.eq(programme))
            .one(db)
            .await
            .unwrap()
            .unwrap()
            .code
    };
    let alumna = by_email("demo-alumna@example.jp").await;
    let alumnus = by_email("demo-alumnus@example.jp").await;
    let tutor = by_email("demo-tutor@example.jp").await;
    let camp_code = code_of(alumna, camp.programme.id).await;
    let iot_code = code_of(alumnus, iot.programme.id).await;
    let camp_organiser = by_email("demo-camp-organiser@example.jp").await;
    let camp_call = tutor_call::Entity::find()
        .filter(tutor_call::Column::TrackId.eq(camp.track.id))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let closed_call = tutor_call::ActiveModel {
        track_id: Set(camp.track.id),
        places: Set(1),
        note: Set("closed".into()),
        opened_by: Set(Some(camp_organiser)),
        opened_at: Set(now),
        closed_at: Set(Some(now)),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap()
    .id;
    let camp_volunteer = tutor_volunteer::ActiveModel {
        call_id: Set(camp_call),
        account_id: Set(stranger),
        statement: Set("x".into()),
        status: Set(VolunteerStatus::Pending),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap()
    .id;
    let new_event = |status: EventStatus| event::ActiveModel {
        programme_id: Set(Some(camp.programme.id)),
        host_id: Set(Some(camp_organiser)),
        title_ja: Set("修了生の集い".into()),
        title_en: Set("Alumni meetup".into()),
        description_ja: Set("x".into()),
        description_en: Set(String::new()),
        kind: Set(EventKind::Meetup),
        starts_at: Set(now + chrono::Duration::days(30)),
        ends_at: Set(now + chrono::Duration::days(30) + chrono::Duration::hours(2)),
        venue: Set("東京".into()),
        online_link: Set(String::new()),
        capacity: Set(10),
        audience: Set(Audience::Alumni),
        credit_tenths: Set(0),
        status: Set(status),
        reminded_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    let camp_event = new_event(EventStatus::Published)
        .insert(db)
        .await
        .unwrap()
        .id;
    let cancelled_event = new_event(EventStatus::Cancelled)
        .insert(db)
        .await
        .unwrap()
        .id;
    let rsvp = |event_id: i32| event_rsvp::ActiveModel {
        event_id: Set(event_id),
        account_id: Set(stranger),
        status: Set(RsvpStatus::Confirmed),
        position: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        checked_in_at: Set(None),
        ..Default::default()
    };
    rsvp(camp_event).insert(db).await.unwrap();
    let cancelled_rsvp = rsvp(cancelled_event).insert(db).await.unwrap().id;
    // The alumna keeps a profile, not listed publicly.
    let her = common::signed_in(app, "alumna").await;
    let saved = common::call(
        app,
        &her,
        "/api/alumni/save",
        "draft[name_ja]=%E4%B8%AD%E6%9D%91&draft[name_en]=Rei&draft[vis_name]=community",
    )
    .await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    // A history file the stranger uploaded, imported already (so an
    // administrator's preview and apply change nothing).
    let history_batch =
        camp_connect_app::store::history::batch::save(db, stranger, "h.csv", Vec::new(), now)
            .await
            .unwrap();
    camp_connect_app::store::history::batch::mark_applied(db, history_batch, "0 rows", now)
        .await
        .unwrap();
    // Files uploaded with the stranger's and the IoT applicant's answers.
    let file_of = |application_id: i32, question_id: i32| async move {
        camp_connect_app::store::entities::answer_file::ActiveModel {
            application_id: Set(application_id),
            question_id: Set(question_id),
            name: Set("other-person.pdf".into()),
            kind: Set(camp_connect_app::domain::application::files::FileType::Pdf),
            size: Set(8),
            sha256: Set("0".repeat(64)),
            content: Set(b"%PDF-1.4".to_vec()),
            uploaded_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap()
        .id
    };
    let camp_file = file_of(camp_application, camp_questions[0]).await;
    let iot_file = file_of(iot_application, iot_questions[0]).await;
    // Security Camp's announcement to its alumni, sent already.
    let camp_announcement = camp_connect_app::store::entities::announcement::ActiveModel {
        programme_id: Set(camp.programme.id),
        author_id: Set(Some(camp_organiser)),
        segment: Set(camp_connect_app::domain::announce::SegmentKind::Alumni),
        target_id: Set(None),
        subject_ja: Set("お知らせ".into()),
        subject_en: Set("News".into()),
        body_ja: Set("{{ name }} 様".into()),
        body_en: Set("Dear {{ name }}".into()),
        created_at: Set(now),
        updated_at: Set(now),
        sent_at: Set(Some(now)),
        sent_by: Set(Some(camp_organiser)),
        recipient_count: Set(Some(1)),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap()
    .id;
    let ids: [(&'static str, i64); 31] = [
        ("stranger", stranger.into()),
        ("camp_application", camp_application.into()),
        ("iot_application", iot_application.into()),
        ("ai_application", ai_application.into()),
        ("camp_reviewer", camp_reviewer.into()),
        ("iot_reviewer", iot_reviewer.into()),
        ("ai_reviewer", ai_reviewer.into()),
        ("camp_assignment", camp_assignment.into()),
        ("ai_assignment", ai_assignment.into()),
        ("camp_grant", camp_grant.into()),
        ("camp_identity", camp_identity.into()),
        ("sent_message", sent_message),
        ("camp_question", camp_questions[0].into()),
        ("iot_question", iot_questions[0].into()),
        ("camp_criterion", camp_criteria[0].into()),
        ("iot_criterion", iot_criteria[0].into()),
        ("camp_step", camp_step.into()),
        ("camp_track", camp.track.id.into()),
        ("alumna", alumna.into()),
        ("alumnus", alumnus.into()),
        ("tutor", tutor.into()),
        ("camp_call", camp_call.into()),
        ("closed_call", closed_call.into()),
        ("camp_volunteer", camp_volunteer.into()),
        ("camp_event", camp_event.into()),
        ("cancelled_event", cancelled_event.into()),
        ("cancelled_rsvp", cancelled_rsvp.into()),
        ("history_batch", history_batch.into()),
        ("camp_file", camp_file.into()),
        ("iot_file", iot_file.into()),
        ("camp_announcement", camp_announcement.into()),
    ];
    let mut out: std::collections::HashMap<&'static str, String> =
        ids.into_iter().map(|(k, v)| (k, v.to_string())).collect();
    out.insert("camp_code", camp_code);
    out.insert("iot_code", iot_code);
    out
}

/// `text` with every `{name}` of `records` put in.
fn fill(text: &str, records: &std::collections::HashMap<&'static str, String>) -> String {
    let mut out = text.to_string();
    for (k, v) in records {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

async fn objects_stay_in_scope(app: TestApp) {
    add_persons(&app).await;
    let records = object_records(&app).await;
    let mut failures = Vec::new();
    let mut cookies = Vec::new();
    for person in PERSONS {
        cookies.push(cookie_of(&app, person).await);
    }
    for row in object_table() {
        let mut path = row.path.clone();
        for (k, v) in &row.path_values {
            path = path.replace(&format!("{{{k}}}"), &fill(v, &records));
        }
        let path = concrete(&path);
        let body = fill(&row.body, &records);
        let before = everything(&app.db).await;
        for (i, person) in PERSONS.iter().enumerate() {
            let mut headers = vec![
                ("sec-fetch-site", "same-origin"),
                ("accept", "application/json"),
            ];
            if let Some(c) = &cookies[i] {
                headers.push(("cookie", c.as_str()));
            }
            if row.method == "POST" {
                headers.push(("content-type", "application/x-www-form-urlencoded"));
            }
            let res = app.send(&row.method, &path, &headers, body.clone()).await;
            if res.status != row.expected[i] {
                failures.push(format!(
                    "{} {path} {body} as {person}: got {}, table says {}",
                    row.method, res.status, row.expected[i]
                ));
            }
        }
        let after = everything(&app.db).await;
        for (b, a) in before.iter().zip(&after) {
            if b != a {
                failures.push(format!(
                    "{} {path} {body} changed {}",
                    row.method,
                    b.split(':').next().unwrap_or("")
                ));
            }
        }
    }
    // The comparison sees a change: one more training step.
    let before = everything(&app.db).await;
    let camp = programme_row(&app.db, "camp").await.unwrap().unwrap();
    camp_connect_app::store::pipeline::support::add_step(
        &app.db,
        1,
        &camp,
        &camp_connect_app::domain::lang::Localized::new("確認", "Check"),
        Utc::now(),
    )
    .await
    .unwrap();
    assert_ne!(everything(&app.db).await, before, "a change is seen");
    assert!(failures.is_empty(), "object rows:\n{}", failures.join("\n"));
}

on_both_backends!(object_rows, true, objects_stay_in_scope);
