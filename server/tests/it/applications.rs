//! Applying, on SQLite and PostgreSQL: drafts guarded by their revision,
//! submissions kept as versions, withdrawal, every refusal of bad input,
//! a deadline passing mid-edit, question versions, and guardian consent.

use crate::common::apply::{form, question_ids};
use crate::common::{self, TestApp, call, on_both_backends, signed_in};
use camp_connect_app::domain::application::consent::ConsentOutcome;
use camp_connect_app::domain::application::questions::QuestionKind;
use camp_connect_app::domain::application::{ApplicationStatus, Decision, OfferStatus};
use camp_connect_app::domain::lang::Localized;
use camp_connect_app::domain::url::encode_query_value as enc;
use camp_connect_app::store::application::guardian_consented;
use camp_connect_app::store::application::questions::{QuestionInput, save_questions};
use camp_connect_app::store::entities::{
    application, application_answer, application_draft, application_submission, audit_event,
    cohort, guardian_consent, outbox_message,
};
use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::Value;

const SAVE: &str = "/api/apply/save";
const SUBMIT: &str = "/api/apply/submit";

/// The form page's data for a Connect 2027 track.
async fn page(app: &TestApp, cookie: &str, track: &str) -> Value {
    let body = format!("programme=connect&cohort=2027&track={track}");
    let res = call(app, cookie, "/api/apply/page", &body).await;
    assert_eq!(res.status, 200, "{}", res.body);
    serde_json::from_str(&res.body).unwrap()
}

fn problems(res: &common::Page) -> Vec<String> {
    let v: Value = serde_json::from_str(&res.body).unwrap_or(Value::Null);
    v["Invalid"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| format!("{}:{}", e["field"].as_str().unwrap(), e["problem"]))
                .collect()
        })
        .unwrap_or_default()
}

fn revision(res: &common::Page) -> i64 {
    let v: Value = serde_json::from_str(&res.body).unwrap();
    v["revision"].as_i64().unwrap()
}

/// The demo applicant's application to `track_slug` (the demo has
/// applications of other people too).
async fn mine(app: &TestApp, track_slug: &str) -> application::Model {
    let me =
        camp_connect_app::store::identity::account_by_email(&app.db, "demo-applicant@example.jp")
            .await
            .unwrap()
            .unwrap();
    let p = page_track_id(app, track_slug).await;
    application::Entity::find()
        .filter(application::Column::AccountId.eq(me.id))
        .filter(application::Column::TrackId.eq(p))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

async fn page_track_id(app: &TestApp, slug: &str) -> i32 {
    camp_connect_app::store::catalogue::track_ctx::find_track(&app.db, "connect", "2027", slug)
        .await
        .unwrap()
        .unwrap()
        .track
        .id
}

async fn mails(app: &TestApp, template: &str) -> Vec<outbox_message::Model> {
    outbox_message::Entity::find()
        .filter(outbox_message::Column::Template.eq(template))
        .all(&app.db)
        .await
        .unwrap()
}

async fn submissions(app: &TestApp, id: i32) -> Vec<application_submission::Model> {
    application_submission::Entity::find()
        .filter(application_submission::Column::ApplicationId.eq(id))
        .all(&app.db)
        .await
        .unwrap()
}

async fn draft_then_submit_resubmit_and_withdraw(app: TestApp) {
    let cookie = signed_in(&app, "applicant").await;
    let p = page(&app, &cookie, "ai").await;
    assert_eq!(p["revision"], 0);
    let q = question_ids(&p);
    assert_eq!(q.len(), 5);
    assert_eq!(p["rules"]["max_applications_per_cohort"], 2);

    // A first draft, then "another tab" saving at the old revision.
    let partial = format!(
        "programme=connect&cohort=2027&track=ai&revision=0&draft[answers][q{}]={}",
        q[0],
        enc("下書きです")
    );
    let res = call(&app, &cookie, SAVE, &partial).await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(revision(&res), 1);
    let res = call(&app, &cookie, SAVE, &partial.replace("下書き", "別タブ")).await;
    assert_eq!(res.status, 422);
    assert_eq!(problems(&res), vec!["revision:\"EditedElsewhere\""]);
    let stale = form("ai", 1, &q, "1990-04-01", "");
    let res = call(&app, &cookie, SAVE, &stale).await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(revision(&res), 2);
    let res = call(&app, &cookie, SAVE, &stale).await;
    assert_eq!(problems(&res), vec!["revision:\"EditedElsewhere\""]);
    let a = mine(&app, "ai").await;
    assert_eq!((a.revision, a.status), (2, ApplicationStatus::Draft));

    // Submit, then resubmit: both versions kept, a receipt each time.
    let res = call(&app, &cookie, SUBMIT, &form("ai", 2, &q, "1990-04-01", "")).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let rev = revision(&res);
    let edited = form("ai", rev, &q, "1990-04-01", "draft[affiliation]=ACME");
    let res = call(&app, &cookie, SUBMIT, &edited).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let a = mine(&app, "ai").await;
    assert_eq!(
        (a.status, a.affiliation.as_str()),
        (ApplicationStatus::Submitted, "ACME")
    );
    let versions = submissions(&app, a.id).await;
    assert_eq!(versions.len(), 2);
    assert!(versions[0].answers.contains("署名検証"));
    let receipts = mails(&app, "application_received").await;
    assert_eq!(receipts.len(), 2);
    assert_eq!(receipts[0].recipient_email, "demo-applicant@example.jp");
    assert!(receipts[0].subject.contains("応募を受け付けました"));

    // "My applications" lists it; someone else cannot withdraw it.
    let list = call(&app, &cookie, "/api/apply/mine", "").await;
    assert!(list.body.contains("\"Submitted\""), "{}", list.body);
    let other = signed_in(&app, "alumnus").await;
    let body = format!("application={}&confirm=yes", a.id);
    let res = call(&app, &other, "/api/apply/withdraw", &body).await;
    assert_eq!(res.status, 404);
    let res = call(
        &app,
        &cookie,
        "/api/apply/withdraw",
        &format!("application={}", a.id),
    )
    .await;
    assert_eq!(problems(&res), vec!["confirm:\"NotConfirmed\""]);
    let res = call(&app, &cookie, "/api/apply/withdraw", &body).await;
    assert!(res.status < 400, "{}", res.body);
    assert_eq!(mine(&app, "ai").await.status, ApplicationStatus::Withdrawn);
    let res = call(
        &app,
        &cookie,
        SAVE,
        &form("ai", rev + 5, &q, "1990-04-01", ""),
    )
    .await;
    assert_eq!(res.status, 422, "a withdrawn application is not edited");
}

async fn bad_input_is_refused_and_nothing_saved_is_lost(app: TestApp) {
    let cookie = signed_in(&app, "applicant").await;
    let q = question_ids(&page(&app, &cookie, "ai").await);
    let res = call(&app, &cookie, SAVE, &form("ai", 0, &q, "1990-04-01", "")).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let before = application_answer::Entity::find()
        .all(&app.db)
        .await
        .unwrap();

    let over = "あ".repeat(801);
    let bad = form(
        "ai",
        1,
        &q,
        "1990-04-01",
        &format!(
            "draft[answers][q{}]={}&draft[answers][q{}]=+&draft[answers][q{}]=7\
             &draft[answers][q{}]={}&draft[expertise]=&draft[declarations]=",
            q[0],
            enc(&over),
            q[1],
            q[2],
            q[4],
            enc("javascript:alert(1)")
        ),
    );
    let res = call(&app, &cookie, SUBMIT, &bad).await;
    assert_eq!(res.status, 422);
    assert_eq!(
        problems(&res),
        vec![
            "expertise:\"Required\"".to_string(),
            "declarations:\"NotConfirmed\"".into(),
            format!("q{}:{{\"OverLimit\":800}}", q[0]),
            format!("q{}:\"Required\"", q[1]),
            format!("q{}:\"BadChoice\"", q[2]),
            format!("q{}:\"BadUrl\"", q[4]),
        ]
    );
    let after = application_answer::Entity::find()
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(before, after, "a refused submission changes nothing");
    assert_eq!(mine(&app, "ai").await.status, ApplicationStatus::Draft);

    // Connect allows two submitted applications per cohort; the third is refused.
    for (track, ok) in [("ai", true), ("iot", true), ("space", false)] {
        let q = question_ids(&page(&app, &cookie, track).await);
        let rev = page(&app, &cookie, track).await["revision"]
            .as_i64()
            .unwrap();
        let res = call(
            &app,
            &cookie,
            SUBMIT,
            &form(track, rev, &q, "1990-04-01", ""),
        )
        .await;
        if ok {
            assert_eq!(res.status, 200, "{track}: {}", res.body);
        } else {
            assert_eq!(
                problems(&res),
                vec!["eligibility:{\"TooManyApplications\":2}"]
            );
        }
    }

    // Security Camp 2027 is not taking applications yet.
    let camp = "programme=camp&cohort=2027&track=malware&revision=0\
                &draft[birth_date]=1990-04-01&draft[declarations]=yes";
    let res = call(&app, &cookie, SUBMIT, camp).await;
    assert_eq!(problems(&res), vec!["deadline:\"DeadlinePassed\""]);
}

/// Three submissions at the same instant to three tracks of a cohort that
/// allows two: exactly two are taken, the third refused with the reason.
async fn the_cohort_limit_holds_under_simultaneous_submissions(app: TestApp) {
    let cookie = signed_in(&app, "applicant").await;
    let mut forms = Vec::new();
    for track in ["ai", "iot", "space"] {
        let p = page(&app, &cookie, track).await;
        let rev = p["revision"].as_i64().unwrap();
        forms.push(form(track, rev, &question_ids(&p), "1990-04-01", ""));
    }
    let (a, b, c) = tokio::join!(
        call(&app, &cookie, SUBMIT, &forms[0]),
        call(&app, &cookie, SUBMIT, &forms[1]),
        call(&app, &cookie, SUBMIT, &forms[2]),
    );
    let answers = [a, b, c];
    let taken = answers.iter().filter(|r| r.status == 200).count();
    assert_eq!(
        taken,
        2,
        "{:?}",
        answers.iter().map(|r| &r.body).collect::<Vec<_>>()
    );
    let refused: Vec<_> = answers.iter().filter(|r| r.status != 200).collect();
    assert_eq!(
        problems(refused[0]),
        vec!["eligibility:{\"TooManyApplications\":2}"]
    );
    let me =
        camp_connect_app::store::identity::account_by_email(&app.db, "demo-applicant@example.jp")
            .await
            .unwrap()
            .unwrap();
    let mut tracks = Vec::new();
    for t in ["ai", "iot", "space"] {
        tracks.push(page_track_id(&app, t).await);
    }
    let submitted = application::Entity::find()
        .filter(application::Column::AccountId.eq(me.id))
        .filter(application::Column::TrackId.is_in(tracks))
        .filter(application::Column::Status.eq(ApplicationStatus::Submitted))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(submitted.len(), 2);
    // Whichever check refused the third (before or under the lock), the
    // refusal is recorded, once.
    use camp_connect_app::domain::application::refusal::RefusalReason;
    use camp_connect_app::store::entities::eligibility_refusal;
    let recorded = eligibility_refusal::Entity::find()
        .filter(eligibility_refusal::Column::AccountId.eq(me.id))
        .all(&app.db)
        .await
        .unwrap();
    let reasons: Vec<RefusalReason> = recorded.iter().map(|r| r.reason).collect();
    assert_eq!(reasons, [RefusalReason::TooManyApplications]);
}

async fn a_deadline_passing_mid_edit_keeps_the_draft(app: TestApp) {
    let cookie = signed_in(&app, "applicant").await;
    let q = question_ids(&page(&app, &cookie, "ai").await);
    let res = call(&app, &cookie, SAVE, &form("ai", 0, &q, "1990-04-01", "")).await;
    assert_eq!(res.status, 200);
    // The deadline passes while the form is open.
    let c = cohort::Entity::find()
        .filter(cohort::Column::Slug.eq("2027"))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.applications_open_at < Utc::now())
        .unwrap();
    let mut row: cohort::ActiveModel = c.into();
    row.applications_close_at = Set(Utc::now() - Duration::minutes(1));
    row.update(&app.db).await.unwrap();
    let res = call(&app, &cookie, SUBMIT, &form("ai", 1, &q, "1990-04-01", "")).await;
    assert_eq!(res.status, 422);
    assert_eq!(problems(&res), vec!["deadline:\"DeadlinePassed\""]);
    let a = mine(&app, "ai").await;
    assert_eq!((a.status, a.revision), (ApplicationStatus::Draft, 1));
    let kept = application_answer::Entity::find()
        .filter(application_answer::Column::ApplicationId.eq(a.id))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(kept.len(), 5, "the draft's answers are all still there");
    assert!(mails(&app, "application_received").await.is_empty());
}

fn question(kind: QuestionKind, ja: &str, max: Option<i32>) -> QuestionInput {
    QuestionInput {
        id: None,
        kind,
        prompt: Localized::new(ja, ja),
        choices: Vec::new(),
        max_chars: max,
        required: true,
        file: None,
    }
}

async fn a_question_change_after_a_submission_makes_a_new_version(app: TestApp) {
    let track = page_track_id(&app, "quantum").await;
    let connect = camp_connect_app::store::catalogue::rows::programme_row(&app.db, "connect")
        .await
        .unwrap()
        .unwrap()
        .id;
    let now = Utc::now();
    // Nobody has submitted: edited in place.
    let first = vec![question(QuestionKind::LongText, "動機", Some(400))];
    assert_eq!(
        save_questions(&app.db, 1, connect, track, &first, now)
            .await
            .unwrap(),
        1
    );
    let cookie = signed_in(&app, "applicant").await;
    let p = page(&app, &cookie, "quantum").await;
    let q = question_ids(&p);
    assert_eq!(p["questions"][0]["prompt"]["ja"], "動機");
    let body = format!(
        "programme=connect&cohort=2027&track=quantum&revision=0&draft[birth_date]=1990-04-01\
         &draft[expertise]=x&draft[declarations]=yes&draft[answers][q{}]=answer",
        q[0]
    );
    let res = call(&app, &cookie, SUBMIT, &body).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let submitted = mine(&app, "quantum").await;

    // After the submission a change makes version 2; the submission keeps 1.
    let mut changed = first.clone();
    changed[0].id = Some(i32::try_from(q[0]).unwrap());
    changed[0].prompt = Localized::new("動機（改）", "Motivation (revised)");
    changed.push(question(QuestionKind::Url, "URL", None));
    assert_eq!(
        save_questions(&app.db, 1, connect, track, &changed, now)
            .await
            .unwrap(),
        2
    );
    let again = mine(&app, "quantum").await;
    assert_eq!(again.question_set_id, submitted.question_set_id);
    let versions = submissions(&app, again.id).await;
    assert_eq!(versions[0].question_set_id, submitted.question_set_id);
    // The applicant's form still shows the questions they answered; a new
    // applicant gets the new version.
    let p = page(&app, &cookie, "quantum").await;
    assert_eq!(p["questions"][0]["prompt"]["ja"], "動機");
    let other = signed_in(&app, "alumnus").await;
    let p = page(&app, &other, "quantum").await;
    assert_eq!(p["questions"].as_array().unwrap().len(), 2);
    assert_eq!(p["questions"][0]["prompt"]["ja"], "動機（改）");
    let audit = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq("questions.save"))
        .all(&app.db)
        .await
        .unwrap();
    assert!(audit.iter().any(|e| e.summary.contains("new version")));
}

/// The token in the newest guardian mail's link to `to`, read from the mailbox.
async fn token_in_mail(app: &TestApp, to: &str) -> String {
    common::smtp::mailed_token(app, to, "/guardian/").await
}

async fn a_minor_needs_a_guardian_who_answers_once(app: TestApp) {
    let cookie = signed_in(&app, "applicant").await;
    let q = question_ids(&page(&app, &cookie, "ai").await);
    // 15 on the first day: no guardian named, refused.
    let res = call(&app, &cookie, SUBMIT, &form("ai", 0, &q, "2011-06-01", "")).await;
    assert_eq!(
        problems(&res),
        vec!["guardian_name:\"Required\"", "guardian_email:\"Required\""]
    );
    let guardian = "draft[guardian_name]=%E4%BD%90%E8%97%A4+%E8%8A%B1%E5%AD%90\
                    &draft[guardian_email]=parent%40example.jp";
    let res = call(
        &app,
        &cookie,
        SUBMIT,
        &form("ai", 0, &q, "2011-06-01", guardian),
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let a = mine(&app, "ai").await;
    let requests = mails(&app, "guardian_consent_request").await;
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].recipient_email, "parent@example.jp");
    assert!(
        !requests[0].text_body.contains("/guardian/"),
        "no live link at rest"
    );
    let token = token_in_mail(&app, "parent@example.jp").await;
    let row = guardian_consent::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_ne!(row.token_hash, token, "only the hash is stored");
    assert!(!guardian_consented(&app.db, a.id).await.unwrap());

    // Resubmitting with the same guardian asks nobody again.
    let res = call(
        &app,
        &cookie,
        SUBMIT,
        &form("ai", revision(&res), &q, "2011-06-01", guardian),
    )
    .await;
    assert_eq!(res.status, 200);
    let rev = revision(&res);
    assert_eq!(mails(&app, "guardian_consent_request").await.len(), 1);

    // The page works without an account; unknown links are 404.
    let res = app.get(&format!("/guardian/{token}")).await;
    assert_eq!(res.status, 200);
    assert!(res.body.contains("佐藤 葵"), "{}", res.body);
    let res = app.get(&format!("/guardian/{}", "0".repeat(64))).await;
    assert_eq!(res.status, 404);

    // A new guardian email on resubmission: a new link; the old one is dead.
    let new_guardian = guardian.replace("parent%40", "mother%40");
    let res = call(
        &app,
        &cookie,
        SUBMIT,
        &form("ai", rev, &q, "2011-06-01", &new_guardian),
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let answer = |t: &str, a: &str| format!("token={t}&answer={a}&signed_name=%E4%BD%90%E8%97%A4");
    let res = call(&app, "", "/api/guardian/answer", &answer(&token, "consent")).await;
    assert_eq!(res.status, 410, "{}", res.body);
    let token = token_in_mail(&app, "mother@example.jp").await;
    let res = call(
        &app,
        "",
        "/api/guardian/answer",
        &format!("token={token}&answer=consent&signed_name="),
    )
    .await;
    assert_eq!(problems(&res), vec!["signed_name:\"Required\""]);
    let res = call(&app, "", "/api/guardian/answer", &answer(&token, "consent")).await;
    assert!(res.status < 400, "{}", res.body);
    assert!(guardian_consented(&app.db, a.id).await.unwrap());
    let res = call(&app, "", "/api/guardian/answer", &answer(&token, "refuse")).await;
    assert_eq!(res.status, 410, "single use");
    let res = app.get(&format!("/guardian/{token}")).await;
    assert_eq!(res.status, 410);
    let outcome = mails(&app, "guardian_consent_outcome").await;
    assert_eq!(outcome.len(), 1);
    assert_eq!(outcome[0].recipient_email, "demo-applicant@example.jp");
    let decided = guardian_consent::Entity::find()
        .filter(guardian_consent::Column::Outcome.eq(ConsentOutcome::Consented))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(decided.signed_name.as_deref(), Some("佐藤"));

    // An expired link is refused.
    let mut row: guardian_consent::ActiveModel = decided.into();
    row.decided_at = Set(None);
    row.expires_at = Set(Utc::now() - Duration::minutes(1));
    row.update(&app.db).await.unwrap();
    let res = call(&app, "", "/api/guardian/answer", &answer(&token, "consent")).await;
    assert_eq!(res.status, 410);
}

async fn organisers_edit_questions_and_eligibility(app: TestApp) {
    let cookie = signed_in(&app, "organiser").await;
    let target = "programme=connect&cohort=2027&track=power";
    let res = call(&app, &cookie, "/api/manage/questions", target).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let before: Value = serde_json::from_str(&res.body).unwrap();
    assert_eq!(
        (before["version"].as_i64(), before["frozen"].as_bool()),
        (Some(1), Some(false))
    );
    let first = before["questions"][0]["id"].as_i64().unwrap();
    // Add a question at the top; a choice question without choices is refused.
    let add = format!(
        "{target}&question=0&draft[kind]=single_choice&draft[prompt_ja]={}&draft[position]=1",
        enc("参加形態")
    );
    let res = call(&app, &cookie, "/api/manage/save-question", &add).await;
    assert_eq!(problems(&res), vec!["choices_ja:\"Required\""]);
    // The same refusal posted without JavaScript comes back to the page
    // with the typing in the form it came from (once).
    let questions_page = "/manage/connect/2027/tracks/power/questions";
    let plain = [
        ("sec-fetch-site", "same-origin"),
        ("cookie", cookie.as_str()),
        ("accept", "text/html"),
        (
            "referer",
            "http://127.0.0.1:3000/manage/connect/2027/tracks/power/questions",
        ),
    ];
    let res = app
        .post_form("/api/manage/save-question", &add, &plain)
        .await;
    assert_eq!(res.status, 302, "{}", res.body);
    let back = res.headers["location"].to_str().unwrap();
    let back = back.trim_start_matches("http://127.0.0.1:3000");
    let html = app
        .get_with(back, &[("cookie", cookie.as_str())])
        .await
        .body;
    assert!(html.contains(">参加形態</textarea>"), "typed prompt kept");
    assert_eq!(
        html.matches(r#"class="field-error""#).count(),
        1,
        "one form shows the problem"
    );
    let again = app
        .get_with(questions_page, &[("cookie", cookie.as_str())])
        .await
        .body;
    assert!(!again.contains(">参加形態</textarea>"), "kept once only");
    let res = call(
        &app,
        &cookie,
        "/api/manage/save-question",
        &format!("{add}&draft[choices_ja]=A%0AB"),
    )
    .await;
    assert!(res.status < 400, "{}", res.body);
    let res = call(
        &app,
        &cookie,
        "/api/manage/save-question",
        &format!("{target}&question={first}&remove=yes&draft[kind]="),
    )
    .await;
    assert!(res.status < 400, "{}", res.body);
    let after: Value = serde_json::from_str(
        &call(&app, &cookie, "/api/manage/questions", target)
            .await
            .body,
    )
    .unwrap();
    assert_eq!(after["version"], 1, "nobody submitted: edited in place");
    let qs = after["questions"].as_array().unwrap();
    assert_eq!(qs.len(), 5);
    assert_eq!(qs[0]["prompt"]["ja"], "参加形態");
    assert!(qs.iter().all(|q| q["id"].as_i64() != Some(first)));

    // Eligibility: refused values change nothing; saved ones are audited.
    let bad = "programme=connect&draft[max_applications_per_cohort]=0";
    let res = call(&app, &cookie, "/api/manage/save-eligibility", bad).await;
    assert_eq!(
        problems(&res),
        vec!["max_applications_per_cohort:\"BadCount\""]
    );
    let good = "programme=connect&draft[max_applications_per_cohort]=3&draft[min_age]=16";
    let res = call(&app, &cookie, "/api/manage/save-eligibility", good).await;
    assert!(res.status < 400, "{}", res.body);
    let applicant = signed_in(&app, "applicant").await;
    let p = page(&app, &applicant, "ai").await;
    assert_eq!(p["rules"]["max_applications_per_cohort"], 3);
    assert_eq!(p["rules"]["min_age"], 16);
    assert_eq!(p["rules"]["ask_expertise"], false);
    let audit = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq("eligibility.save"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(audit.len(), 1);
    // Someone else's programme: refused.
    let other = signed_in(&app, "lecturer").await;
    let res = call(&app, &other, "/api/manage/save-eligibility", good).await;
    assert_eq!(res.status, 403);
}

async fn my_data_holds_my_applications_and_deleting_forgets_them(app: TestApp) {
    let cookie = signed_in(&app, "applicant").await;
    let q = question_ids(&page(&app, &cookie, "ai").await);
    let res = call(&app, &cookie, SUBMIT, &form("ai", 0, &q, "1990-04-01", "")).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let working = form(
        "ai",
        revision(&res),
        &q,
        "1990-04-01",
        "draft[mentors]=Mentor+Sensei",
    );
    let res = call(&app, &cookie, SAVE, &working).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let q = question_ids(&page(&app, &cookie, "iot").await);
    let res = call(&app, &cookie, SAVE, &form("iot", 0, &q, "1990-04-01", "")).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let export = app
        .get_with("/api/account/export", &[("cookie", cookie.as_str())])
        .await;
    assert_eq!(export.status, 200);
    let v: Value = serde_json::from_str(&export.body).unwrap();
    let apps = v["applications"].as_array().unwrap();
    assert_eq!(apps.len(), 2);
    assert_eq!(apps[0]["track"], "connect/2027/ai");
    assert!(export.body.contains("署名検証"));
    assert_eq!(apps[0]["submissions"].as_array().unwrap().len(), 1);
    assert_eq!(apps[0]["mentors"], "");
    assert_eq!(apps[0]["unsubmitted_changes"]["mentors"], "Mentor Sensei");

    let me = mine(&app, "ai").await.account_id;
    let res = call(&app, &cookie, "/api/account/delete", "confirm=yes").await;
    assert!(res.status < 400, "{}", res.body);
    let left = application::Entity::find()
        .filter(application::Column::AccountId.eq(me))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(left.len(), 1, "the draft is gone");
    assert_eq!(
        (left[0].status, left[0].affiliation.as_str()),
        (ApplicationStatus::Submitted, "")
    );
    assert_eq!(left[0].birth_date, None);
    assert!(
        application_answer::Entity::find()
            .filter(application_answer::Column::ApplicationId.eq(left[0].id))
            .all(&app.db)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(submissions(&app, left[0].id).await[0].answers, "{}");
    assert!(
        application_draft::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .is_empty(),
        "the working draft is gone"
    );
}

const MINOR_GUARDIAN: &str = "draft[guardian_name]=%E4%BD%90%E8%97%A4+%E8%8A%B1%E5%AD%90\
                              &draft[guardian_email]=parent%40example.jp";

/// The demo applicant, as a minor with a guardian, submits to `ai`; the
/// revision after the submission.
async fn submit_as_minor(app: &TestApp, cookie: &str, q: &[i64]) -> i64 {
    let minor = form("ai", 0, q, "2011-06-01", MINOR_GUARDIAN);
    let res = call(app, cookie, SUBMIT, &minor).await;
    assert_eq!(res.status, 200, "{}", res.body);
    revision(&res)
}

/// What a draft save after the submission holds: an adult, no guardian,
/// another school and another first answer.
fn changed_draft(rev: i64, q: &[i64]) -> String {
    form(
        "ai",
        rev,
        q,
        "1990-04-01",
        &format!(
            "draft[guardian_name]=&draft[guardian_email]=&draft[affiliation]=Other+Inc\
             &draft[answers][q{}]={}",
            q[0],
            enc("書き直し中")
        ),
    )
}

async fn a_draft_save_after_submission_leaves_the_submitted_version(app: TestApp) {
    let cookie = signed_in(&app, "applicant").await;
    let q = question_ids(&page(&app, &cookie, "ai").await);
    let rev = submit_as_minor(&app, &cookie, &q).await;
    let token = token_in_mail(&app, "parent@example.jp").await;
    let consent = format!("token={token}&answer=consent&signed_name=%E4%BD%90%E8%97%A4");
    let res = call(&app, "", "/api/guardian/answer", &consent).await;
    assert!(res.status < 400, "{}", res.body);
    let submitted = mine(&app, "ai").await;
    assert!(guardian_consented(&app.db, submitted.id).await.unwrap());
    let answers_before = application_answer::Entity::find()
        .filter(application_answer::Column::ApplicationId.eq(submitted.id))
        .all(&app.db)
        .await
        .unwrap();

    // A draft save removes the guardian, makes the applicant an adult and
    // changes the school and an answer: saved, but only as the working draft.
    let res = call(&app, &cookie, SAVE, &changed_draft(rev, &q)).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let rev = revision(&res);
    let a = mine(&app, "ai").await;
    assert_eq!(a.status, ApplicationStatus::Submitted);
    assert_eq!(
        (
            a.birth_date,
            a.guardian_name.as_str(),
            a.guardian_email.as_str(),
            a.affiliation.as_str()
        ),
        (
            submitted.birth_date,
            "佐藤 花子",
            "parent@example.jp",
            "東都自動車"
        ),
        "the submitted (checked) facts stay as submitted"
    );
    let answers_after = application_answer::Entity::find()
        .filter(application_answer::Column::ApplicationId.eq(a.id))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(answers_before, answers_after);
    assert!(guardian_consented(&app.db, a.id).await.unwrap());
    assert_eq!(submissions(&app, a.id).await.len(), 1);

    // The applicant's form shows what they saved, and says it is not submitted.
    let p = page(&app, &cookie, "ai").await;
    assert_eq!(p["draft"]["affiliation"], "Other Inc");
    assert_eq!(p["draft"]["guardian_email"], "");
    assert_eq!(p["draft"]["birth_date"], "1990-04-01");
    assert_eq!(p["answers"][q[0].to_string()], "書き直し中");
    assert_eq!(p["application"]["unsubmitted_changes"], true);
    assert_eq!(p["application"]["guardian"], true, "consent still counts");
    assert_eq!(p["revision"], rev);

    // Saving the submitted content again leaves nothing waiting.
    let submitted_form = form("ai", rev, &q, "2011-06-01", MINOR_GUARDIAN);
    let res = call(&app, &cookie, SAVE, &submitted_form).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let p = page(&app, &cookie, "ai").await;
    assert_eq!(p["application"]["unsubmitted_changes"], false);
    assert_eq!(p["draft"]["guardian_email"], "parent@example.jp");
    let res = call(&app, &cookie, SAVE, &changed_draft(revision(&res), &q)).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let rev = revision(&res);

    // Resubmitting runs every check and only then makes it the submitted version.
    let res = call(&app, &cookie, SUBMIT, &changed_draft(rev, &q)).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let a = mine(&app, "ai").await;
    assert_eq!(
        (a.affiliation.as_str(), a.guardian_email.as_str()),
        ("Other Inc", "")
    );
    assert_eq!(a.birth_date, chrono::NaiveDate::from_ymd_opt(1990, 4, 1));
    assert_eq!(submissions(&app, a.id).await.len(), 2);
    let p = page(&app, &cookie, "ai").await;
    assert_eq!(p["application"]["unsubmitted_changes"], false);
    assert_eq!(p["draft"]["affiliation"], "Other Inc");
}

async fn consent_is_decided_from_the_submitted_version(app: TestApp) {
    let cookie = signed_in(&app, "applicant").await;
    let q = question_ids(&page(&app, &cookie, "ai").await);
    let rev = submit_as_minor(&app, &cookie, &q).await;
    // A draft saying "adult, no guardian" is not what was submitted: once
    // accepted and offered, the guardian's consent is still needed to confirm.
    let res = call(&app, &cookie, SAVE, &changed_draft(rev, &q)).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let a = accept(&app, true).await;
    let view = call(
        &app,
        &cookie,
        "/api/offers/get",
        &format!("application={}", a.id),
    )
    .await;
    assert!(
        view.body.contains("\"consent_missing\":true"),
        "{}",
        view.body
    );
    let confirm = format!("application={}&answer=confirm", a.id);
    let res = call(&app, &cookie, "/api/offers/respond", &confirm).await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains("ConsentMissing"), "{}", res.body);
    assert_eq!(
        mine(&app, "ai").await.offer_status,
        Some(OfferStatus::Offered)
    );
}

async fn an_applicant_is_never_their_own_guardian(app: TestApp) {
    let cookie = signed_in(&app, "applicant").await;
    let q = question_ids(&page(&app, &cookie, "ai").await);
    let own = |email: &str| {
        format!(
            "draft[guardian_name]=%E8%87%AA%E5%88%86&draft[guardian_email]={}",
            enc(email)
        )
    };
    let res = call(
        &app,
        &cookie,
        SAVE,
        &form(
            "ai",
            0,
            &q,
            "2011-06-01",
            &own(" Demo-Applicant@Example.JP "),
        ),
    )
    .await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert_eq!(problems(&res), vec!["guardian_email:\"OwnGuardian\""]);
    let me =
        camp_connect_app::store::identity::account_by_email(&app.db, "demo-applicant@example.jp")
            .await
            .unwrap()
            .unwrap();
    let track = page_track_id(&app, "ai").await;
    let saved = camp_connect_app::store::application::application_of(&app.db, me.id, track)
        .await
        .unwrap();
    assert_eq!(saved, None, "nothing saved");

    let res = call(
        &app,
        &cookie,
        SUBMIT,
        &form(
            "ai",
            0,
            &q,
            "2011-06-01",
            &own("ＤＥＭＯ-applicant@example.jp"),
        ),
    )
    .await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert_eq!(problems(&res), vec!["guardian_email:\"OwnGuardian\""]);
    assert!(
        guardian_consent::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(mails(&app, "guardian_consent_request").await.is_empty());

    // Nor after a submission with a real guardian: the draft save is refused too.
    let rev = submit_as_minor(&app, &cookie, &q).await;
    let res = call(
        &app,
        &cookie,
        SAVE,
        &form(
            "ai",
            rev,
            &q,
            "2011-06-01",
            &own("demo-applicant@example.jp"),
        ),
    )
    .await;
    assert_eq!(problems(&res), vec!["guardian_email:\"OwnGuardian\""]);
    let p = page(&app, &cookie, "ai").await;
    assert_eq!(p["draft"]["guardian_email"], "parent@example.jp");
    assert_eq!(p["application"]["unsubmitted_changes"], false);
    // The message is in both languages.
    use camp_connect_app::domain::forms::Problem;
    use camp_connect_app::domain::lang::Lang;
    let (ja, en) = (
        Problem::OwnGuardian.message(Lang::Ja),
        Problem::OwnGuardian.message(Lang::En),
    );
    assert!(
        ja.contains("保護者") && en.contains("guardian"),
        "{ja} / {en}"
    );
}

async fn the_consent_link_never_reaches_the_applicant(app: TestApp) {
    let cookie = signed_in(&app, "applicant").await;
    let q = question_ids(&page(&app, &cookie, "ai").await);
    submit_as_minor(&app, &cookie, &q).await;
    // An application saved before guardians were checked against the
    // applicant's address, whose guardian's mail went to the applicant.
    let a = mine(&app, "ai").await;
    let mut row: application::ActiveModel = a.clone().into();
    row.guardian_email = Set("demo-applicant@example.jp".into());
    let a = row.update(&app.db).await.unwrap();
    let place =
        camp_connect_app::store::catalogue::track_ctx::find_track(&app.db, "connect", "2027", "ai")
            .await
            .unwrap()
            .unwrap();
    camp_connect_app::store::application::guardian::request_if_needed(
        &app.db,
        &a,
        &place,
        "http://127.0.0.1:3000",
        Utc::now(),
    )
    .await
    .unwrap();
    let token = token_in_mail(&app, "demo-applicant@example.jp").await;
    let export = app
        .get_with("/api/account/export", &[("cookie", cookie.as_str())])
        .await;
    assert_eq!(export.status, 200);
    assert!(
        export.body.contains("保護者の同意のお願い"),
        "the mail is in the export: {}",
        export.body
    );
    assert!(
        !export.body.contains(&token),
        "the export holds no working consent link"
    );
    let p = page(&app, &cookie, "ai").await;
    assert!(!p.to_string().contains(&token));
    // Nor does a link that reached the applicant's own address take consent.
    let consent = format!("token={token}&answer=consent&signed_name=%E8%87%AA%E5%88%86");
    let res = call(&app, "", "/api/guardian/answer", &consent).await;
    assert_eq!(res.status, 410, "{}", res.body);
    assert!(!guardian_consented(&app.db, a.id).await.unwrap());
}

async fn a_withdrawn_application_takes_no_consent(app: TestApp) {
    let cookie = signed_in(&app, "applicant").await;
    let q = question_ids(&page(&app, &cookie, "ai").await);
    submit_as_minor(&app, &cookie, &q).await;
    let token = token_in_mail(&app, "parent@example.jp").await;
    let a = mine(&app, "ai").await;
    let body = format!("application={}&confirm=yes", a.id);
    let res = call(&app, &cookie, "/api/apply/withdraw", &body).await;
    assert!(res.status < 400, "{}", res.body);
    let res = app.get(&format!("/guardian/{token}")).await;
    assert_eq!(res.status, 410);
    let consent = format!("token={token}&answer=consent&signed_name=%E4%BD%90%E8%97%A4");
    let res = call(&app, "", "/api/guardian/answer", &consent).await;
    assert_eq!(res.status, 410, "{}", res.body);
    assert!(!guardian_consented(&app.db, a.id).await.unwrap());
}

/// Marks the demo applicant's `ai` application accepted; with `offered`,
/// released with an open offer.
async fn accept(app: &TestApp, offered: bool) -> application::Model {
    let a = mine(app, "ai").await;
    let now = Utc::now();
    let mut row: application::ActiveModel = a.into();
    row.decision = Set(Some(Decision::Accepted));
    row.decided_at = Set(Some(now));
    if offered {
        row.released_at = Set(Some(now));
        row.offer_status = Set(Some(OfferStatus::Offered));
        row.offer_expires_at = Set(Some(now + Duration::days(7)));
    }
    row.update(&app.db).await.unwrap()
}

async fn a_decided_application_is_not_changed_or_resubmitted(app: TestApp) {
    let cookie = signed_in(&app, "applicant").await;
    let q = question_ids(&page(&app, &cookie, "ai").await);
    let res = call(&app, &cookie, SUBMIT, &form("ai", 0, &q, "1990-04-01", "")).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let rev = revision(&res);
    // Organisers may decide before the deadline; what they decided on stays.
    let decided = accept(&app, false).await;
    let other = form("ai", rev, &q, "2011-06-01", MINOR_GUARDIAN);
    for path in [SUBMIT, SAVE] {
        let res = call(&app, &cookie, path, &other).await;
        assert_eq!(res.status, 422, "{path}: {}", res.body);
        assert_eq!(
            problems(&res),
            vec!["revision:\"AlreadyDecided\""],
            "{path}"
        );
    }
    assert_eq!(mine(&app, "ai").await, decided);
    assert_eq!(submissions(&app, decided.id).await.len(), 1);
    assert!(mails(&app, "guardian_consent_request").await.is_empty());
}

async fn a_withdrawn_application_confirms_no_offer(app: TestApp) {
    let cookie = signed_in(&app, "applicant").await;
    let q = question_ids(&page(&app, &cookie, "ai").await);
    let res = call(&app, &cookie, SUBMIT, &form("ai", 0, &q, "1990-04-01", "")).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let a = accept(&app, true).await;
    let body = format!("application={}&confirm=yes", a.id);
    let res = call(&app, &cookie, "/api/apply/withdraw", &body).await;
    assert!(res.status < 400, "{}", res.body);
    let confirm = format!("application={}&answer=confirm", a.id);
    let res = call(&app, &cookie, "/api/offers/respond", &confirm).await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains("OfferClosed"), "{}", res.body);
    let after = mine(&app, "ai").await;
    assert_eq!(
        (after.status, after.offer_status),
        (ApplicationStatus::Withdrawn, Some(OfferStatus::Offered))
    );
}

on_both_backends!(lifecycle, true, draft_then_submit_resubmit_and_withdraw);
on_both_backends!(
    bad_input,
    true,
    bad_input_is_refused_and_nothing_saved_is_lost
);
on_both_backends!(
    simultaneous,
    true,
    the_cohort_limit_holds_under_simultaneous_submissions
);
on_both_backends!(deadline, true, a_deadline_passing_mid_edit_keeps_the_draft);
on_both_backends!(
    versions,
    true,
    a_question_change_after_a_submission_makes_a_new_version
);
on_both_backends!(guardian, true, a_minor_needs_a_guardian_who_answers_once);
on_both_backends!(setup, true, organisers_edit_questions_and_eligibility);
on_both_backends!(
    my_data,
    true,
    my_data_holds_my_applications_and_deleting_forgets_them
);
on_both_backends!(
    draft_after_submission,
    true,
    a_draft_save_after_submission_leaves_the_submitted_version
);
on_both_backends!(
    consent_from_submission,
    true,
    consent_is_decided_from_the_submitted_version
);
on_both_backends!(own_guardian, true, an_applicant_is_never_their_own_guardian);
on_both_backends!(
    consent_link_private,
    true,
    the_consent_link_never_reaches_the_applicant
);
on_both_backends!(
    withdrawn_consent,
    true,
    a_withdrawn_application_takes_no_consent
);
on_both_backends!(
    decided_stays,
    true,
    a_decided_application_is_not_changed_or_resubmitted
);
on_both_backends!(
    withdrawn_offer,
    true,
    a_withdrawn_application_confirms_no_offer
);
