//! "My account": editing the profile, unlinking sign-in methods, "download
//! my data" and deleting the account, on SQLite and PostgreSQL.

use crate::common::{self, TestApp, call, on_both_backends, signed_in};
use camp_connect_app::domain::lang::Lang;
use camp_connect_app::store::entities::{account, audit_event, identity, role_grant};
use camp_connect_app::store::identity::{
    ProvenIdentity, SignInOutcome, account_by_email, link_identity, make_admin, resolve_sign_in,
};
use chrono::Utc;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, PaginatorTrait, QueryFilter, Statement,
};
use serde_json::Value;

const SAME_ORIGIN: (&str, &str) = ("sec-fetch-site", "same-origin");

async fn me(app: &TestApp, cookie: &str) -> common::Page {
    call(app, cookie, "/api/account/me", "").await
}

async fn account_of(app: &TestApp, email: &str) -> account::Model {
    account_by_email(&app.db, email).await.unwrap().unwrap()
}

const SAVE: &str = "/api/account/save";

async fn profile_edits_are_checked_and_set_the_language(app: TestApp) {
    let cookie = signed_in(&app, "lecturer").await;
    let page = me(&app, &cookie).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("demo-lecturer@example.jp"),
        "{}",
        page.body
    );

    let bad = "draft[name_ja]=+&draft[name_en]=&draft[language]=fr";
    let res = call(&app, &cookie, SAVE, bad).await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains("Required") && res.body.contains("BadChoice"));
    let before = account_of(&app, "demo-lecturer@example.jp").await;
    assert!(!before.name_ja.is_empty(), "a refused save changes nothing");

    let good = "draft[name_ja]=%E5%B1%B1%E7%94%B0+%E8%8A%B1%E5%AD%90&draft[name_en]=Hanako+Yamada&draft[language]=en";
    let res = call(&app, &cookie, SAVE, good).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let cookies: Vec<_> = res.headers.get_all("set-cookie").iter().collect();
    assert!(
        cookies
            .iter()
            .any(|c| c.to_str().unwrap().starts_with("i18n_pref_locale=en;")),
        "the new language applies to the site: {cookies:?}"
    );
    let after = account_of(&app, "demo-lecturer@example.jp").await;
    assert_eq!(
        (
            after.name_ja.as_str(),
            after.name_en.as_str(),
            after.language
        ),
        ("山田 花子", "Hanako Yamada", Lang::En)
    );
}

async fn first_identity(app: &TestApp, account_id: i32) -> identity::Model {
    identity::Entity::find()
        .filter(identity::Column::AccountId.eq(account_id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

async fn unlink(app: &TestApp, cookie: &str, identity_id: i32) -> common::Page {
    let body = format!("identity={identity_id}");
    call(app, cookie, "/api/account/unlink", &body).await
}

async fn the_last_sign_in_method_stays(app: TestApp) {
    let cookie = signed_in(&app, "tutor").await;
    let tutor = account_of(&app, "demo-tutor@example.jp").await;
    let only = first_identity(&app, tutor.id).await;
    let res = unlink(&app, &cookie, only.id).await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains("LastIdentity"));

    // Someone else's identity is not the tutor's to unlink.
    let other = account_of(&app, "demo-alumnus@example.jp").await;
    let theirs = first_identity(&app, other.id).await;
    let res = unlink(&app, &cookie, theirs.id).await;
    assert_eq!(res.status, 404);
    assert!(
        identity::Entity::find_by_id(theirs.id)
            .one(&app.db)
            .await
            .unwrap()
            .is_some()
    );

    // With a second method linked, the first may go.
    link_identity(&app.db, tutor.id, "github", "4242", Utc::now())
        .await
        .unwrap();
    let res = unlink(&app, &cookie, only.id).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let left: Vec<_> = identity::Entity::find()
        .filter(identity::Column::AccountId.eq(tutor.id))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|i| i.provider)
        .collect();
    assert_eq!(left, vec!["github".to_string()]);
}

/// The lecturer is made an organiser (an audit event about them), then
/// downloads their data.
async fn download_my_data_holds_mine_and_nobody_elses(app: TestApp) {
    let admin = signed_in(&app, "admin").await;
    let res = call(
        &app,
        &admin,
        "/api/admin/grant-organiser",
        "email=demo-lecturer%40example.jp&programme=camp",
    )
    .await;
    assert_eq!(res.status, 200);
    let cookie = signed_in(&app, "lecturer").await;
    let res = app
        .get_with("/api/account/export", &[("cookie", cookie.as_str())])
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let disposition = res.headers["content-disposition"].to_str().unwrap();
    assert!(disposition.starts_with("attachment; filename=\"camp-connect-my-data-"));
    assert_eq!(res.headers["cache-control"], "no-store");
    let data: Value = serde_json::from_str(&res.body).unwrap();
    assert_eq!(data["format"], "camp-connect/account-export/1");
    assert_eq!(data["account"]["email"], "demo-lecturer@example.jp");
    assert_eq!(data["identities"][0]["provider"], "demo");
    let roles: Vec<&str> = data["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["role"].as_str().unwrap())
        .collect();
    assert!(
        roles.contains(&"organiser") && roles.contains(&"lecturer"),
        "{roles:?}"
    );
    assert_eq!(data["actions_about_me"][0]["action"], "role.grant");
    // The grant queued a mail to the lecturer: it is theirs to download.
    assert_eq!(data["mail"].as_array().unwrap().len(), 1, "{}", res.body);
    assert_eq!(data["mail"][0]["status"], "pending");
    assert!(!res.body.contains("demo-admin@example.jp"), "{}", res.body);

    let anonymous = app.get("/api/account/export").await;
    assert_eq!(anonymous.status, 401);
}

async fn deleting_removes_personal_data_and_ends_every_session(app: TestApp) {
    let admin = signed_in(&app, "admin").await;
    call(
        &app,
        &admin,
        "/api/admin/grant-organiser",
        "email=demo-alumnus%40example.jp&programme=camp",
    )
    .await;
    let alumnus = account_of(&app, "demo-alumnus@example.jp").await;
    let first = signed_in(&app, "alumnus").await;
    let second = signed_in(&app, "alumnus").await;

    let res = call(&app, &first, "/api/account/delete", "").await;
    assert_eq!(res.status, 422, "unconfirmed: {}", res.body);
    assert!(res.body.contains("NotConfirmed"));
    assert_eq!(me(&app, &first).await.status, 200, "nothing happened");

    let res = call(&app, &first, "/api/account/delete", "confirm=yes").await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(me(&app, &first).await.status, 401);
    assert_eq!(
        me(&app, &second).await.status,
        401,
        "other sessions end too"
    );

    let row = account::Entity::find_by_id(alumnus.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.email, None);
    assert_eq!((row.name_ja.as_str(), row.name_en.as_str()), ("", ""));
    let identities = identity::Entity::find()
        .filter(identity::Column::AccountId.eq(alumnus.id))
        .count(&app.db)
        .await
        .unwrap();
    let roles = role_grant::Entity::find()
        .filter(role_grant::Column::AccountId.eq(alumnus.id))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!((identities, roles), (0, 0));
    let events = audit_event::Entity::find().all(&app.db).await.unwrap();
    assert!(
        events
            .iter()
            .all(|e| !e.summary.contains("demo-alumnus@example.jp")),
        "the email is scrubbed from the audit log"
    );
    assert!(
        events
            .iter()
            .any(|e| e.summary == format!("account #{} made an organiser of camp", alumnus.id))
    );
    assert!(events.iter().any(|e| e.action == "account.delete"
        && e.entity_id == alumnus.id.to_string()
        && e.actor_id == Some(alumnus.id)));

    // The demo sign-in no longer finds the account; a provider sign-in with
    // the same email makes a new, empty one.
    let res = app
        .post_form(
            "/auth/demo",
            "email=demo-alumnus%40example.jp",
            &[SAME_ORIGIN],
        )
        .await;
    assert_eq!(res.headers["location"], "/sign-in?error=unknown-account");
    let who = ProvenIdentity {
        provider: "github",
        label: "GitHub",
        subject: "77",
        email: "demo-alumnus@example.jp",
        name: "Again",
    };
    let again = resolve_sign_in(&app.db, who, None, Utc::now())
        .await
        .unwrap();
    assert!(matches!(again, SignInOutcome::Account(id) if id != alumnus.id));
}

async fn the_only_admin_cannot_delete_their_account(app: TestApp) {
    let admin = signed_in(&app, "admin").await;
    let res = call(&app, &admin, "/api/account/delete", "confirm=yes").await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains("LastAdmin"));
    assert_eq!(me(&app, &admin).await.status, 200);

    make_admin(&app.db, "second-admin@example.jp", Utc::now())
        .await
        .unwrap();
    let res = call(&app, &admin, "/api/account/delete", "confirm=yes").await;
    assert_eq!(res.status, 200, "{}", res.body);
}

/// Without JavaScript a refused form post comes back to the page it came
/// from, with the problem in the URL for the page to show.
async fn a_refused_plain_form_post_returns_to_the_page(app: TestApp) {
    let cookie = signed_in(&app, "applicant").await;
    let res = app
        .post_form(
            "/api/account/delete",
            "",
            &[
                SAME_ORIGIN,
                ("cookie", cookie.as_str()),
                ("accept", "text/html"),
                ("referer", "http://127.0.0.1:3000/account"),
            ],
        )
        .await;
    assert_eq!(res.status, 302, "{}", res.body);
    let location = res.headers["location"].to_str().unwrap();
    assert!(
        location.contains("/account?") && location.contains("__err="),
        "{location}"
    );
    let page = app
        .get_with(
            location.trim_start_matches("http://127.0.0.1:3000"),
            &[("cookie", cookie.as_str())],
        )
        .await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("確認のチェックを入れてください。"),
        "{}",
        page.body
    );
}

on_both_backends!(
    profile,
    true,
    profile_edits_are_checked_and_set_the_language
);
on_both_backends!(unlink, true, the_last_sign_in_method_stays);
on_both_backends!(export, true, download_my_data_holds_mine_and_nobody_elses);
on_both_backends!(
    delete,
    true,
    deleting_removes_personal_data_and_ends_every_session
);
on_both_backends!(last_admin, true, the_only_admin_cannot_delete_their_account);
on_both_backends!(
    plain_form,
    true,
    a_refused_plain_form_post_returns_to_the_page
);

/// The tables that hold only the catalogue (programmes and their parts,
/// rubrics, steps) or the site's own state: no person can have a row in
/// them.
const CATALOGUE_TABLES: [&str; 15] = [
    "cohort",
    "directory_version",
    "eligibility",
    "field",
    "programme",
    "programme_reminders",
    "question",
    "question_set",
    "ranking_version",
    "rubric_criterion",
    "seaql_migrations",
    "track",
    "track_review",
    "training_step",
    "tutor_call",
];

/// Every other table: [`everything`] gives the person a row in each. A
/// table added later fails [`every_table_is_known`] until it is listed
/// here and given a row.
const PERSON_TABLES: [&str; 45] = [
    "account",
    "affiliation",
    "alumni_experience",
    "alumni_link",
    "alumni_profile",
    "alumni_qualification",
    "alumni_skill",
    "alumni_skill_history",
    "answer_file",
    "announcement",
    "application",
    "application_answer",
    "application_draft",
    "application_submission",
    "audit_event",
    "availability",
    "availability_field",
    "calendar_feed",
    "completion",
    "conflict",
    "credit_claim",
    "credit_entry",
    "directory_change",
    "eligibility_refusal",
    "event",
    "event_host",
    "event_rsvp",
    "guardian_consent",
    "history_batch",
    "identity",
    "mentorship",
    "offer_reminder",
    "outbox_attempt",
    "outbox_message",
    "review_assignment",
    "reminder_sent",
    "review_score",
    "reviewer_affiliation",
    "role_grant",
    "roster_invitation",
    "roster_lecturer",
    "session",
    "stage_change",
    "step_signoff",
    "tutor_volunteer",
];

/// Every table of the database, from its catalogue.
async fn tables(app: &TestApp) -> Vec<String> {
    let sql = match app.db.get_database_backend() {
        DbBackend::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        }
        _ => {
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1"
        }
    };
    strings(app, sql).await
}

/// The first column of every row of `sql`, as text.
async fn strings(app: &TestApp, sql: &str) -> Vec<String> {
    let backend = app.db.get_database_backend();
    app.db
        .query_all_raw(Statement::from_string(backend, sql))
        .await
        .unwrap()
        .into_iter()
        .filter_map(|r| r.try_get_by_index::<Option<String>>(0).unwrap())
        .collect()
}

/// The columns of `table`.
async fn columns(app: &TestApp, table: &str) -> Vec<String> {
    let sql = match app.db.get_database_backend() {
        DbBackend::Sqlite => format!("SELECT name FROM pragma_table_info('{table}')"),
        _ => format!(
            "SELECT column_name::text FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '{table}'"
        ),
    };
    strings(app, &sql).await
}

/// Every place (`table.column`) where a value of `personal` appears,
/// ignoring case, walking every column of every table as text.
async fn where_found(app: &TestApp, personal: &[String]) -> Vec<String> {
    let wanted: Vec<String> = personal.iter().map(|v| v.to_lowercase()).collect();
    let mut found = Vec::new();
    for table in tables(app).await {
        for column in columns(app, &table).await {
            let sql = format!("SELECT CAST(\"{column}\" AS TEXT) FROM \"{table}\"");
            for value in strings(app, &sql).await {
                let value = value.to_lowercase();
                if let Some(hit) = wanted.iter().find(|w| value.contains(w.as_str())) {
                    found.push(format!("{table}.{column}: {hit}"));
                }
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

/// A person with a record in every table of [`PERSON_TABLES`], and what
/// must never outlive their account or leave in their export.
struct Person {
    id: i32,
    cookie: String,
    /// Their names, addresses, free texts, and their supervisor's and
    /// guardian's names and addresses.
    personal: Vec<String>,
    /// Live link secrets: the calendar feed, guardian, invitation and
    /// supervisor tokens.
    secrets: Vec<String>,
    feed_token: String,
    supervisor_token: String,
}

const EMAIL: &str = "demo-alumnus@example.jp";

/// Gives the demo alumnus a row in every table that can hold one.
async fn everything(app: &TestApp) -> Person {
    use camp_connect_app::domain::alumni::{
        Experience, Held, Level, Link, OpenTo, Profile, Qualification, Skill, Visibilities,
    };
    use camp_connect_app::domain::application::{ApplicationStatus, Decision, OfferStatus};
    use camp_connect_app::domain::events::{Audience, EventKind, EventStatus, RsvpStatus};
    use camp_connect_app::domain::lang::Localized;
    use camp_connect_app::domain::mail::OutboxStatus;
    use camp_connect_app::domain::pipeline::Stage;
    use camp_connect_app::domain::review::assign::ConflictReason;
    use camp_connect_app::domain::rosters::{LecturerSource, VolunteerStatus};
    use camp_connect_app::domain::tokens::token_hash;
    use camp_connect_app::store::entities::*;
    use sea_orm::{ActiveModelTrait, Set};
    let now = Utc::now();
    let db = &app.db;
    let before = account_of(app, EMAIL).await;
    let id = before.id;
    let (name_ja, name_en) = ("削除ゼット花子", "Zedhanako Deletia");
    let mut row: account::ActiveModel = before.clone().into();
    row.name_ja = Set(name_ja.into());
    row.name_en = Set(name_en.into());
    row.update(db).await.unwrap();
    let cookie = signed_in(app, "alumnus").await;
    link_identity(db, id, "github", "zq-subject-9001", now)
        .await
        .unwrap();
    let admin = signed_in(app, "admin").await;
    let res = call(
        app,
        &admin,
        "/api/admin/grant-organiser",
        "email=demo-alumnus%40example.jp&programme=camp",
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let lecturer = account_of(app, "demo-lecturer@example.jp").await.id;

    let question = question::Entity::find()
        .one(db)
        .await
        .unwrap()
        .expect("a track has questions");
    let set = question_set::Entity::find_by_id(question.question_set_id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let ctx = camp_connect_app::store::catalogue::track_ctx::track_by_id(db, set.track_id)
        .await
        .unwrap()
        .unwrap();
    let camp = ctx.programme.clone();
    application::Entity::delete_many()
        .filter(application::Column::AccountId.eq(id))
        .filter(application::Column::TrackId.eq(ctx.track.id))
        .exec(db)
        .await
        .unwrap();
    let app_row = application::ActiveModel {
        track_id: Set(ctx.track.id),
        account_id: Set(id),
        status: Set(ApplicationStatus::Submitted),
        question_set_id: Set(set.id),
        revision: Set(1),
        birth_date: Set(chrono::NaiveDate::from_ymd_opt(2009, 4, 1)),
        affiliation: Set("ZQ-school-affiliation".into()),
        prefecture: Set(Some(
            camp_connect_app::domain::application::prefecture::Prefecture::Hokkaido,
        )),
        expertise: Set("ZQ-expertise-text".into()),
        mentors: Set("ZQ-mentors-text".into()),
        guardian_name: Set("ZQ Guardian Parent".into()),
        guardian_email: Set("zq-guardian@example.jp".into()),
        declarations_accepted: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        submitted_at: Set(Some(now)),
        withdrawn_at: Set(None),
        decision: Set(Some(Decision::Accepted)),
        decision_reason: Set(Some("ZQ-decision-reason".into())),
        decided_at: Set(Some(now)),
        decided_by: Set(None),
        released_at: Set(Some(now)),
        waitlist_position: Set(None),
        offer_status: Set(Some(OfferStatus::Offered)),
        offer_expires_at: Set(Some(now + chrono::Duration::days(3))),
        offer_responded_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    // A working draft saved after submission, not resubmitted.
    camp_connect_app::store::entities::application_draft::ActiveModel {
        application_id: Set(app_row.id),
        birth_date: Set(chrono::NaiveDate::from_ymd_opt(2009, 4, 1)),
        affiliation: Set("ZQ-draft-affiliation".into()),
        prefecture: Set(Some(
            camp_connect_app::domain::application::prefecture::Prefecture::Abroad,
        )),
        expertise: Set("ZQ-draft-expertise".into()),
        mentors: Set("ZQ-draft-mentors".into()),
        guardian_name: Set("ZQ Draft Guardian".into()),
        guardian_email: Set("zq-draft-guardian@example.jp".into()),
        declarations_accepted: Set(true),
        answers: Set("{}".into()),
        updated_at: Set(now),
    }
    .insert(db)
    .await
    .unwrap();
    application_answer::ActiveModel {
        application_id: Set(app_row.id),
        question_id: Set(question.id),
        value: Set("ZQ-answer-text".into()),
    }
    .insert(db)
    .await
    .unwrap();
    // A file uploaded as an answer (kept as submitted).
    camp_connect_app::store::entities::answer_file::ActiveModel {
        application_id: Set(app_row.id),
        question_id: Set(question.id),
        name: Set("ZQ-file-name.pdf".into()),
        kind: Set(camp_connect_app::domain::application::files::FileType::Pdf),
        size: Set(17),
        sha256: Set("ab".repeat(32)),
        content: Set(b"%PDF-ZQ-file-body".to_vec()),
        uploaded_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    application_submission::ActiveModel {
        application_id: Set(app_row.id),
        number: Set(1),
        question_set_id: Set(set.id),
        answers: Set(format!("{{\"{}\":\"ZQ-answer-text\"}}", question.id)),
        submitted_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    let guardian_token = "c0ffee".repeat(10) + "abcd";
    guardian_consent::ActiveModel {
        application_id: Set(app_row.id),
        guardian_name: Set("ZQ Guardian Parent".into()),
        guardian_email: Set("zq-guardian@example.jp".into()),
        token_hash: Set(token_hash(&guardian_token)),
        created_at: Set(now),
        expires_at: Set(now + chrono::Duration::days(7)),
        decided_at: Set(None),
        outcome: Set(None),
        signed_name: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    offer_reminder::ActiveModel {
        application_id: Set(app_row.id),
        sent_at: Set(now),
    }
    .insert(db)
    .await
    .unwrap();
    reminder_sent::ActiveModel {
        kind: Set("draft".into()),
        record_id: Set(app_row.id),
        account_id: Set(id),
        step: Set(3),
        sent_at: Set(now),
    }
    .insert(db)
    .await
    .unwrap();
    // A submission the eligibility rules refused (recorded per person).
    eligibility_refusal::ActiveModel {
        track_id: Set(ctx.track.id),
        account_id: Set(id),
        reason: Set(camp_connect_app::domain::application::refusal::RefusalReason::TooOld),
        first_at: Set(now),
        last_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();

    // Reviews of the application, and the person as a reviewer.
    let assignment = review_assignment::ActiveModel {
        application_id: Set(app_row.id),
        reviewer_id: Set(lecturer),
        assigned_at: Set(now),
        assigned_by: Set(None),
        comment: Set(format!("{name_en} wrote well")),
        submitted_at: Set(Some(now)),
        updated_at: Set(Some(now)),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    let criterion = rubric_criterion::ActiveModel {
        track_id: Set(ctx.track.id),
        position: Set(99),
        name_ja: Set("基準".into()),
        name_en: Set("Criterion".into()),
        weight: Set(1),
        scale_max: Set(5),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    review_score::ActiveModel {
        assignment_id: Set(assignment.id),
        criterion_id: Set(criterion.id),
        score: Set(4),
    }
    .insert(db)
    .await
    .unwrap();
    conflict::ActiveModel {
        application_id: Set(app_row.id),
        reviewer_id: Set(lecturer),
        reason: Set(ConflictReason::Declared),
        note: Set(format!("{name_ja} is my niece")),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    affiliation::Entity::delete_by_id(id)
        .exec(db)
        .await
        .unwrap();
    affiliation::ActiveModel {
        account_id: Set(id),
        name: Set("ZQ-reviewer-employer".into()),
    }
    .insert(db)
    .await
    .unwrap();
    camp_connect_app::store::entities::reviewer_affiliation::ActiveModel {
        track_id: Set(ctx.track.id),
        account_id: Set(id),
        name: Set("ZQ-track-noted-employer".into()),
    }
    .insert(db)
    .await
    .unwrap();

    // Credits: a claim (mailing the supervisor), and events.
    post_ok(
        app,
        &cookie,
        "/api/credits/report",
        &format!(
            "title=ZQ-credit-title&hours=2&date=2026-10-01&evidence=ZQ-evidence-text&evidence_link={}&supervisor_name=ZQ+Boss+Person&supervisor_email=zq-boss%40example.jp",
            camp_connect_app::domain::url::encode_query_value("https://zq-evidence.example/x")
        ),
    )
    .await;
    // The live link is never at rest: it is read from the mail as sent.
    let supervisor_token =
        common::smtp::mailed_token(app, "zq-boss@example.jp", "/credits/confirm/").await;
    let hosted = event::ActiveModel {
        programme_id: Set(None),
        host_id: Set(Some(id)),
        title_ja: Set("勉強会".into()),
        title_en: Set(String::new()),
        description_ja: Set(String::new()),
        description_en: Set(String::new()),
        kind: Set(EventKind::StudySession),
        starts_at: Set(now + chrono::Duration::days(5)),
        ends_at: Set(now + chrono::Duration::days(5) + chrono::Duration::hours(2)),
        venue: Set(String::new()),
        online_link: Set(String::new()),
        capacity: Set(10),
        audience: Set(Audience::Public),
        credit_tenths: Set(20),
        status: Set(EventStatus::Published),
        reminded_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    event_host::ActiveModel {
        account_id: Set(id),
        approved_by: Set(None),
        approved_at: Set(now),
    }
    .insert(db)
    .await
    .unwrap();
    event_rsvp::ActiveModel {
        event_id: Set(hosted.id),
        account_id: Set(id),
        status: Set(RsvpStatus::Confirmed),
        position: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        checked_in_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    let feed_token = camp_connect_app::store::events::calendar::new_feed(db, id, now)
        .await
        .unwrap();

    // Pipeline: a certificate, stage changes, a mentor, a step signed off.
    completion::ActiveModel {
        account_id: Set(id),
        programme_id: Set(camp.id),
        cohort_id: Set(ctx.cohort.id),
        track_id: Set(ctx.track.id),
        code: Set("ZQCERT0001".into()),
        completed_at: Set(now),
        completed_by: Set(None),
        revoked_at: Set(None),
        revoked_by: Set(None),
        revoke_reason: Set("ZQ-revoke-reason".into()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    stage_change::ActiveModel {
        account_id: Set(id),
        programme_id: Set(camp.id),
        from_stage: Set(None),
        to_stage: Set(Stage::Participant),
        cohort_id: Set(Some(ctx.cohort.id)),
        track_id: Set(Some(ctx.track.id)),
        reason: Set("ZQ-stage-reason".into()),
        overridden: Set(false),
        changed_by: Set(None),
        at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    mentorship::Entity::delete_many()
        .filter(mentorship::Column::CandidateId.eq(id))
        .exec(db)
        .await
        .unwrap();
    mentorship::ActiveModel {
        programme_id: Set(camp.id),
        candidate_id: Set(id),
        mentor_id: Set(lecturer),
        assigned_by: Set(None),
        assigned_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    let step = training_step::ActiveModel {
        programme_id: Set(camp.id),
        position: Set(99),
        name_ja: Set("ステップ".into()),
        name_en: Set("Step".into()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    step_signoff::ActiveModel {
        step_id: Set(step.id),
        candidate_id: Set(id),
        signed_by: Set(Some(lecturer)),
        signed_at: Set(now),
    }
    .insert(db)
    .await
    .unwrap();

    // Rosters: availability, an offer to tutor, a lecturer note, an
    // invitation (its mail still in the outbox, with its live link).
    let field_id = field::Entity::find()
        .one(db)
        .await
        .unwrap()
        .expect("fields are seeded")
        .id;
    availability_field::Entity::delete_many()
        .filter(availability_field::Column::AccountId.eq(id))
        .exec(db)
        .await
        .unwrap();
    availability_field::ActiveModel {
        account_id: Set(id),
        field_id: Set(field_id),
    }
    .insert(db)
    .await
    .unwrap();
    let call_row = tutor_call::ActiveModel {
        track_id: Set(ctx.track.id),
        places: Set(1),
        note: Set(String::new()),
        opened_by: Set(None),
        opened_at: Set(now),
        closed_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    tutor_volunteer::ActiveModel {
        call_id: Set(call_row.id),
        account_id: Set(id),
        statement: Set("ZQ-volunteer-statement".into()),
        status: Set(VolunteerStatus::Pending),
        created_at: Set(now),
        decided_at: Set(None),
        decided_by: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    roster_lecturer::Entity::delete_many()
        .filter(roster_lecturer::Column::AccountId.eq(id))
        .exec(db)
        .await
        .unwrap();
    roster_lecturer::ActiveModel {
        track_id: Set(ctx.track.id),
        account_id: Set(id),
        source: Set(LecturerSource::Industry),
        affiliation: Set("ZQ-lecturer-affiliation".into()),
    }
    .insert(db)
    .await
    .unwrap();
    let invitation_token = "feed".repeat(15) + "beef";
    roster_invitation::ActiveModel {
        track_id: Set(ctx.track.id),
        email: Set(EMAIL.into()),
        source: Set(LecturerSource::Industry),
        affiliation: Set("ZQ-invited-affiliation".into()),
        token_hash: Set(token_hash(&invitation_token)),
        invited_by: Set(None),
        created_at: Set(now),
        expires_at: Set(now + chrono::Duration::days(7)),
        answered_at: Set(None),
        outcome: Set(None),
        account_id: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    let mail = |to: &str, name: &str, body: String| outbox_message::ActiveModel {
        recipient_email: Set(to.into()),
        recipient_name: Set(name.into()),
        language: Set(Lang::Ja),
        template: Set("lecturer_invitation".into()),
        subject: Set("Invitation".into()),
        text_body: Set(body),
        programme_id: Set(None),
        status: Set(OutboxStatus::Pending),
        attempts: Set(1),
        next_attempt_at: Set(now),
        claimed_until: Set(None),
        claimed_by: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        ..Default::default()
    };
    let to_them = mail(
        EMAIL,
        name_en,
        format!("Accept: https://cc.example/invitations/{invitation_token}"),
    )
    .insert(db)
    .await
    .unwrap();
    outbox_attempt::ActiveModel {
        message_id: Set(to_them.id),
        at: Set(now),
        ok: Set(false),
        error: Set(Some(format!("450 mailbox busy <{EMAIL}>"))),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    mail(
        "colleague@example.jp",
        "Colleague",
        format!("{name_ja} will lecture with you."),
    )
    .insert(db)
    .await
    .unwrap();

    // An alumni profile with every part.
    let profile = Profile {
        account_id: id,
        name: Localized::new(name_ja, name_en),
        headline: "ZQ-headline-text".into(),
        affiliation: "ZQ-employer-name".into(),
        hide_employer: false,
        listed_externally: true,
        awaiting_owner: false,
        experience: vec![Experience {
            industry: "ZQ-industry".into(),
            role: "ZQ-role".into(),
            period: "2020–2022".into(),
            text: "ZQ-experience-text".into(),
        }],
        skills: vec![Skill {
            name: "ZQ-skill-name".into(),
            level: Level::Guided,
        }],
        qualifications: vec![Held {
            kind: Qualification::Other,
            other: "ZQ-qualification-other".into(),
        }],
        links: vec![Link {
            label: "ZQ-link-label".into(),
            url: "https://zq-link.example/me".into(),
        }],
        open_to: OpenTo {
            tutoring: true,
            ..OpenTo::default()
        },
        camps: Vec::new(),
        visibility: Visibilities::suggested(),
    };
    camp_connect_app::store::alumni::profile::save(db, &profile, now)
        .await
        .unwrap();
    camp_connect_app::store::audit::append_audit(
        db,
        camp_connect_app::store::audit::AuditEntry {
            actor_id: None,
            action: "note",
            entity: "account",
            entity_id: id.to_string(),
            programme_id: None,
            summary: format!("{name_en} asked for a seat"),
        },
        now,
    )
    .await
    .unwrap();
    // A history file they uploaded: it names other people, so it goes
    // with the account; the export lists it without its content.
    camp_connect_app::store::history::batch::save(
        db,
        id,
        "ZQ-history-upload.csv",
        b"year,email\n2010,zq-imported@example.jp\n".to_vec(),
        now,
    )
    .await
    .unwrap();
    // An announcement they wrote and sent as an organiser: its texts are
    // the programme's record and stay; who wrote and sent it goes.
    announcement::ActiveModel {
        programme_id: Set(camp.id),
        author_id: Set(Some(id)),
        segment: Set(camp_connect_app::domain::announce::SegmentKind::Alumni),
        target_id: Set(None),
        subject_ja: Set("修了生の集い".into()),
        subject_en: Set("Alumni meetup".into()),
        body_ja: Set("{{ name }} 様".into()),
        body_en: Set("Dear {{ name }}".into()),
        created_at: Set(now),
        updated_at: Set(now),
        sent_at: Set(Some(now)),
        sent_by: Set(Some(id)),
        recipient_count: Set(Some(3)),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();

    let personal = [
        EMAIL,
        name_ja,
        name_en,
        &before.name_ja,
        &before.name_en,
        "zq-subject-9001",
        "zq-guardian@example.jp",
        "ZQ Guardian Parent",
        "zq-boss@example.jp",
        "ZQ Boss Person",
        "zq-evidence.example",
        "zq-link.example",
        "zq-imported@example.jp",
        "ZQ-",
    ]
    .iter()
    .filter(|v| !v.is_empty())
    .map(|v| v.to_string())
    .collect();
    Person {
        id,
        cookie,
        personal,
        secrets: vec![
            feed_token.clone(),
            guardian_token,
            invitation_token,
            supervisor_token.clone(),
        ],
        feed_token,
        supervisor_token,
    }
}

async fn post_ok(app: &TestApp, cookie: &str, path: &str, body: &str) {
    let res = call(app, cookie, path, body).await;
    assert_eq!(res.status, 200, "{path}: {}", res.body);
}

/// The catalogue names every table, each either the catalogue's or one
/// the person was given a row in.
async fn every_table_is_known(app: &TestApp) {
    let unknown: Vec<String> = tables(app)
        .await
        .into_iter()
        .filter(|t| !CATALOGUE_TABLES.contains(&t.as_str()) && !PERSON_TABLES.contains(&t.as_str()))
        .collect();
    assert!(
        unknown.is_empty(),
        "new tables {unknown:?}: give the person a row in each in `everything` and list it in PERSON_TABLES"
    );
    for table in PERSON_TABLES {
        let n = strings(
            app,
            &format!("SELECT CAST(COUNT(*) AS TEXT) FROM \"{table}\""),
        )
        .await;
        assert_ne!(n, ["0"], "{table} has a row");
    }
}

/// "Download my data" holds every kind of record, and no live secret.
async fn the_export_holds_every_record_and_no_live_secret(app: TestApp) {
    let p = everything(&app).await;
    every_table_is_known(&app).await;
    let res = app
        .get_with("/api/account/export", &[("cookie", p.cookie.as_str())])
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let data: Value = serde_json::from_str(&res.body).unwrap();
    let held = &data["held"];
    let claim = &held["credits"][0]["claim"];
    assert_eq!(claim["supervisor_email"], "zq-boss@example.jp", "{held}");
    assert_eq!(claim["evidence"], "ZQ-evidence-text");
    assert_eq!(held["event_registrations"].as_array().unwrap().len(), 1);
    assert_eq!(held["hosted_events"].as_array().unwrap().len(), 1);
    assert!(held["event_host_since"].is_string());
    assert!(held["calendar_feed"]["created_at"].is_string());
    assert!(
        held["certificates"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["code"] == "ZQCERT0001"),
        "{held}"
    );
    assert!(
        held["pipeline_history"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["reason"] == "ZQ-stage-reason"),
        "{held}"
    );
    assert!(!held["training_steps"].as_array().unwrap().is_empty());
    assert_eq!(held["mentorships"][0]["as_role"], "candidate");
    assert_eq!(held["reviewer_affiliation"], "ZQ-reviewer-employer");
    assert_eq!(
        held["track_affiliations"][0]["name"],
        "ZQ-track-noted-employer"
    );
    assert_eq!(
        held["roster_invitations"][0]["affiliation"],
        "ZQ-invited-affiliation"
    );
    assert_eq!(
        data["rosters"]["tutor_offers"][0]["statement"],
        "ZQ-volunteer-statement"
    );
    assert_eq!(data["alumni_profile"]["headline"], "ZQ-headline-text");
    assert_eq!(
        held["history_uploads"][0]["file_name"],
        "ZQ-history-upload.csv"
    );
    assert_eq!(held["reminders"][0]["kind"], "draft", "{held}");
    assert_eq!(
        data["eligibility_refusals"][0]["reason"], "too_old",
        "{data}"
    );
    assert!(
        data["applications"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["prefecture"] == "01"),
        "{}",
        data["applications"]
    );
    assert!(
        !res.body.contains("zq-imported@example.jp"),
        "an uploaded file's content is other people's"
    );
    assert_eq!(held["announcements"][0]["subject_en"], "Alumni meetup");
    assert_eq!(held["announcements"][0]["recipient_count"], 3);
    assert!(
        data["applications"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["expertise"] == "ZQ-expertise-text"),
        "{}",
        data["applications"]
    );
    // Uploaded files are listed by name, size and hash, not included.
    let files: Vec<&Value> = data["applications"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["files"].as_array().unwrap().iter())
        .collect();
    assert_eq!(files.len(), 1, "{}", data["applications"]);
    assert_eq!(files[0]["name"], "ZQ-file-name.pdf");
    assert_eq!(files[0]["size"], 17);
    assert_eq!(files[0]["sha256"], "ab".repeat(32));
    assert!(
        !res.body.contains("ZQ-file-body"),
        "the bytes are not inlined"
    );
    for secret in &p.secrets {
        assert!(!res.body.contains(secret.as_str()), "a live secret leaked");
        let hash = camp_connect_app::domain::tokens::token_hash(secret);
        assert!(!res.body.contains(&hash), "a token hash leaked");
    }
    assert!(
        res.body.contains("[link removed]"),
        "the mailed link is said to be gone"
    );
}

on_both_backends!(
    export_everything,
    true,
    the_export_holds_every_record_and_no_live_secret
);

/// After deleting the account, no personal value of the person (nor of
/// the supervisor and guardian named only because of them) is anywhere in
/// the database, and the feed and supervisor links stop at once.
async fn deleting_leaves_no_personal_value_in_any_table(app: TestApp) {
    let p = everything(&app).await;
    every_table_is_known(&app).await;
    let before = where_found(&app, &p.personal).await;
    for table in [
        "application",
        "credit_claim",
        "outbox_message",
        "alumni_profile",
    ] {
        assert!(
            before.iter().any(|f| f.starts_with(&format!("{table}."))),
            "the walk sees {table}: {before:?}"
        );
    }
    let feed = format!("/calendar/{}.ics", p.feed_token);
    assert_eq!(app.get(&feed).await.status, 200);

    let res = call(&app, &p.cookie, "/api/account/delete", "confirm=yes").await;
    assert_eq!(res.status, 200, "{}", res.body);

    let after = where_found(&app, &p.personal).await;
    assert!(after.is_empty(), "personal values left: {after:?}");
    assert_eq!(app.get(&feed).await.status, 404, "the feed stops at once");
    let link = format!("/credits/confirm/{}", p.supervisor_token);
    assert_eq!(
        app.get(&link).await.status,
        404,
        "the supervisor's link too"
    );
    let row = account::Entity::find_by_id(p.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.email, None);
    // Who was refused goes with the person; so does where they live.
    use camp_connect_app::store::entities::{application, eligibility_refusal};
    let refusals = eligibility_refusal::Entity::find()
        .filter(eligibility_refusal::Column::AccountId.eq(p.id))
        .all(&app.db)
        .await
        .unwrap();
    assert!(refusals.is_empty(), "{refusals:?}");
    let kept = application::Entity::find()
        .filter(application::Column::AccountId.eq(p.id))
        .all(&app.db)
        .await
        .unwrap();
    assert!(kept.iter().all(|a| a.prefecture.is_none()), "{kept:?}");
    // The announcement stays the programme's record, without its author.
    use camp_connect_app::store::entities::announcement;
    let kept = announcement::Entity::find().all(&app.db).await.unwrap();
    assert!(!kept.is_empty());
    assert!(
        kept.iter()
            .all(|a| a.author_id != Some(p.id) && a.sent_by != Some(p.id)),
        "{kept:?}"
    );
}

on_both_backends!(
    delete_everything,
    true,
    deleting_leaves_no_personal_value_in_any_table
);

/// Runs `camp-connect <args>` on the test's database; its exit status and
/// everything it printed.
fn camp_connect(app: &TestApp, args: &[&str], env: &[(&str, &str)]) -> (bool, String) {
    let out = common::process::command(
        args,
        &[
            ("DATABASE_URL", app.test_db.url.as_str()),
            ("RUST_LOG", "warn"),
        ],
    )
    .envs(env.iter().copied())
    .output()
    .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// `purge --dry-run` counts per cohort and changes nothing; `purge`
/// anonymises only the applications of cohorts that ended more than
/// `RETENTION_YEARS` ago, audited, and finds nothing the second time.
async fn purge_anonymises_old_cohorts_only(app: TestApp) {
    use camp_connect_app::store::entities::{application, application_answer, cohort, track};
    use sea_orm::{ActiveModelTrait, Set};
    let now = Utc::now();
    // An application with an answer to one of its questions.
    let mut found = None;
    for a in application::Entity::find().all(&app.db).await.unwrap() {
        let q = camp_connect_app::store::entities::question::Entity::find()
            .filter(
                camp_connect_app::store::entities::question::Column::QuestionSetId
                    .eq(a.question_set_id),
            )
            .one(&app.db)
            .await
            .unwrap();
        if let Some(q) = q {
            found = Some((a, q));
            break;
        }
    }
    let (old_app, question) = found.expect("the demo has applications with questions");
    application_answer::Entity::delete_many()
        .filter(application_answer::Column::ApplicationId.eq(old_app.id))
        .filter(application_answer::Column::QuestionId.eq(question.id))
        .exec(&app.db)
        .await
        .unwrap();
    application_answer::ActiveModel {
        application_id: Set(old_app.id),
        question_id: Set(question.id),
        value: Set("ZQ-old-answer".into()),
    }
    .insert(&app.db)
    .await
    .unwrap();
    let old_track = track::Entity::find_by_id(old_app.track_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let old = cohort::Entity::find_by_id(old_track.cohort_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let years = |n: i64| chrono::Duration::days(365 * n);
    let mut row: cohort::ActiveModel = old.clone().into();
    row.applications_open_at = Set(now - years(7));
    row.applications_close_at = Set(now - years(7) + chrono::Duration::days(30));
    row.sessions_start_at = Set(now - years(6) - chrono::Duration::days(5));
    row.sessions_end_at = Set(now - years(6));
    row.update(&app.db).await.unwrap();
    // A working draft saved after submission holds personal facts too.
    camp_connect_app::store::entities::application_draft::ActiveModel {
        application_id: Set(old_app.id),
        birth_date: Set(chrono::NaiveDate::from_ymd_opt(2001, 4, 1)),
        affiliation: Set("ZQ-old-draft-affiliation".into()),
        prefecture: Set(None),
        expertise: Set(String::new()),
        mentors: Set(String::new()),
        guardian_name: Set(String::new()),
        guardian_email: Set(String::new()),
        declarations_accepted: Set(true),
        answers: Set("{}".into()),
        updated_at: Set(now),
    }
    .insert(&app.db)
    .await
    .unwrap();
    let mut row: application::ActiveModel = old_app.clone().into();
    row.affiliation = Set("ZQ-old-affiliation".into());
    row.guardian_name = Set("ZQ Old Guardian".into());
    row.guardian_email = Set("zq-old-guardian@example.jp".into());
    row.prefecture = Set(Some(
        camp_connect_app::domain::application::prefecture::Prefecture::Kochi,
    ));
    row.update(&app.db).await.unwrap();
    // A refusal recorded on the old cohort's track, and one on a current
    // track: only the first is the purge's.
    use camp_connect_app::domain::application::refusal::RefusalReason;
    use camp_connect_app::store::entities::eligibility_refusal;
    let current_track = track::Entity::find()
        .filter(track::Column::CohortId.ne(old.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    for t in [old_track.id, current_track.id] {
        eligibility_refusal::ActiveModel {
            track_id: Set(t),
            account_id: Set(old_app.account_id),
            reason: Set(RefusalReason::TooYoung),
            first_at: Set(now),
            last_at: Set(now),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
    }
    let refused_on = || async {
        let mut t: Vec<i32> = eligibility_refusal::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.track_id)
            .collect();
        t.sort();
        t
    };
    let mut both = vec![old_track.id, current_track.id];
    both.sort();
    // The only other cohorts that ended did so within the last five years.
    let other_ended = cohort::Entity::find()
        .filter(cohort::Column::Id.ne(old.id))
        .filter(cohort::Column::SessionsEndAt.lt(now - years(5)))
        .all(&app.db)
        .await
        .unwrap();
    assert!(other_ended.is_empty(), "{other_ended:?}");
    let in_old: Vec<i32> = track::Entity::find()
        .filter(track::Column::CohortId.eq(old.id))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.id)
        .collect();
    let answers_elsewhere = || async {
        let old_apps: Vec<i32> = application::Entity::find()
            .filter(application::Column::TrackId.is_in(in_old.clone()))
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|a| a.id)
            .collect();
        let all = application_answer::Entity::find()
            .all(&app.db)
            .await
            .unwrap();
        let (old, others): (Vec<_>, Vec<_>) = all
            .into_iter()
            .partition(|a| old_apps.contains(&a.application_id));
        (old.len(), others.len())
    };
    let (old_answers, other_answers) = answers_elsewhere().await;
    assert!(old_answers > 0);

    let (ok, out) = camp_connect(&app, &["purge", "--dry-run"], &[]);
    assert!(!ok && out.contains("RETENTION_YEARS is not set"), "{out}");
    let retention = [("RETENTION_YEARS", "5")];
    let (ok, out) = camp_connect(&app, &["purge", "--dry-run"], &retention);
    assert!(ok, "{out}");
    let line = format!(
        "{}/{} (ended ",
        old_track_programme(&app, &old).await,
        old.slug
    );
    assert!(
        out.contains(&line) && out.contains("would anonymise"),
        "{out}"
    );
    assert!(out.contains("in 1 cohorts"), "{out}");
    let unchanged = application::Entity::find_by_id(old_app.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        unchanged.affiliation, "ZQ-old-affiliation",
        "a dry run changes nothing"
    );
    assert_eq!(answers_elsewhere().await, (old_answers, other_answers));
    assert_eq!(refused_on().await, both);

    let (ok, out) = camp_connect(&app, &["purge"], &retention);
    assert!(ok && out.contains("anonymised"), "{out}");
    let purged = application::Entity::find_by_id(old_app.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            purged.affiliation.as_str(),
            purged.guardian_name.as_str(),
            purged.guardian_email.as_str(),
            purged.birth_date
        ),
        ("", "", "", None)
    );
    assert_eq!(purged.prefecture, None);
    assert_eq!(
        refused_on().await,
        vec![current_track.id],
        "only the old cohort's refusals go"
    );
    assert_eq!(
        purged.decision, old_app.decision,
        "the decision stays for the counts"
    );
    assert!(
        camp_connect_app::store::entities::application_draft::Entity::find_by_id(old_app.id)
            .one(&app.db)
            .await
            .unwrap()
            .is_none(),
        "the working draft goes too"
    );
    assert_eq!(
        answers_elsewhere().await,
        (0, other_answers),
        "only the old cohort's answers go"
    );
    let audited = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq("application.purge"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(audited.len(), 1);
    assert_eq!(audited[0].entity_id, old.id.to_string());
    assert_eq!(audited[0].actor_id, None);

    let (ok, out) = camp_connect(&app, &["purge", "--dry-run"], &retention);
    assert!(
        ok && out.contains("would anonymise 0 applications in 0 cohorts"),
        "{out}"
    );
}

async fn old_track_programme(
    app: &TestApp,
    c: &camp_connect_app::store::entities::cohort::Model,
) -> String {
    camp_connect_app::store::catalogue::programme_slugs(&app.db, [c.programme_id])
        .await
        .unwrap()
        .remove(&c.programme_id)
        .unwrap()
}

on_both_backends!(purge, true, purge_anonymises_old_cohorts_only);

/// A place the deleted person held at an event still to come goes to the
/// first on the waitlist at once, with the mail a cancellation sends.
async fn a_deleted_persons_place_goes_to_the_waitlist(app: TestApp) {
    use camp_connect_app::domain::events::{Audience, EventKind, EventStatus, RsvpStatus};
    use camp_connect_app::store::entities::{event, event_rsvp, outbox_message};
    use sea_orm::{ActiveModelTrait, Set};
    let now = Utc::now();
    let e = event::ActiveModel {
        programme_id: Set(None),
        host_id: Set(None),
        title_ja: Set("満席の勉強会".into()),
        title_en: Set(String::new()),
        description_ja: Set(String::new()),
        description_en: Set(String::new()),
        kind: Set(EventKind::StudySession),
        starts_at: Set(now + chrono::Duration::days(3)),
        ends_at: Set(now + chrono::Duration::days(3) + chrono::Duration::hours(1)),
        venue: Set(String::new()),
        online_link: Set(String::new()),
        capacity: Set(1),
        audience: Set(Audience::Public),
        credit_tenths: Set(0),
        status: Set(EventStatus::Published),
        reminded_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    let alumnus = signed_in(&app, "alumnus").await;
    let lecturer = signed_in(&app, "lecturer").await;
    for who in [&alumnus, &lecturer] {
        let res = call(&app, who, "/api/events/rsvp", &format!("id={}", e.id)).await;
        assert_eq!(res.status, 200, "{}", res.body);
    }
    let lecturer_id = account_of(&app, "demo-lecturer@example.jp").await.id;
    let status = || async {
        event_rsvp::Entity::find()
            .filter(event_rsvp::Column::EventId.eq(e.id))
            .filter(event_rsvp::Column::AccountId.eq(lecturer_id))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .status
    };
    assert_eq!(status().await, RsvpStatus::Waitlisted);
    let res = call(&app, &alumnus, "/api/account/delete", "confirm=yes").await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(status().await, RsvpStatus::Confirmed);
    let told = outbox_message::Entity::find()
        .filter(outbox_message::Column::Template.eq("event_moved_up"))
        .filter(outbox_message::Column::RecipientEmail.eq("demo-lecturer@example.jp"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(told, 1);
}

on_both_backends!(
    freed_place,
    true,
    a_deleted_persons_place_goes_to_the_waitlist
);
