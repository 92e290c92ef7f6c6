//! File answers, on SQLite and PostgreSQL: an organiser adds a file
//! question, the applicant uploads (a plain multipart form) and submits;
//! the type is read from the content, the size limit holds, every refusal
//! keeps the draft; downloads are attachments under a strict policy, for
//! the applicant, the programme's organisers, administrators and assigned
//! reviewers only (anonymously); deletion and the retention purge remove
//! the bytes; the data export lists them and the answers CSV names them.

use crate::common::apply::{form, question_ids};
use crate::common::{self, TestApp, call, demo_person, on_both_backends, sign_in_as, signed_in};
use camp_connect_app::domain::access::{Grant, Role};
use camp_connect_app::domain::application::ApplicationStatus;
use camp_connect_app::domain::url::encode_query_value as enc;
use camp_connect_app::store::catalogue::track_ctx::find_track;
use camp_connect_app::store::entities::{
    answer_file, application, application_answer, application_submission, cohort, review_assignment,
};
use camp_connect_app::store::identity::grant_role;
use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde_json::Value;

const SAVE: &str = "/api/apply/save";
const SUBMIT: &str = "/api/apply/submit";
const UPLOAD: &str = "/programmes/connect/2027/tracks/ai/apply/upload";
const PDF: &str = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";
const BOUNDARY: &str = "camp-connect-test-boundary";

/// Adds a required file question (PDF only, up to 1 MB) to Connect 2027's
/// AI track through the organiser's form; the applicant's page data after.
async fn with_file_question(app: &TestApp, applicant: &str) -> (Value, i64) {
    let org = signed_in(app, "organiser").await;
    let body = "programme=connect&cohort=2027&track=ai&question=0\
        &draft[kind]=file&draft[prompt_ja]=%E8%AA%B2%E9%A1%8C&draft[prompt_en]=Write-up\
        &draft[max_mb]=1&draft[file_types][pdf]=yes&draft[required]=yes";
    let res = call(app, &org, "/api/manage/save-question", body).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let p = page(app, applicant).await;
    let file_q = p["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["kind"] == "File")
        .unwrap_or_else(|| panic!("a file question: {p}"));
    assert_eq!(file_q["file"]["max_mb"], 1);
    let id = file_q["id"].as_i64().unwrap();
    (p, id)
}

async fn page(app: &TestApp, cookie: &str) -> Value {
    let res = call(
        app,
        cookie,
        "/api/apply/page",
        "programme=connect&cohort=2027&track=ai",
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    serde_json::from_str(&res.body).unwrap()
}

/// The text questions' ids (the file question is answered by upload).
fn text_questions(p: &Value, file_q: i64) -> Vec<i64> {
    question_ids(p)
        .into_iter()
        .filter(|q| *q != file_q)
        .collect()
}

/// A multipart body with the form's `question` and one file part.
fn multipart(question: &str, name: &str, content: &str) -> String {
    format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"question\"\r\n\r\n{question}\r\n\
         --{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
         Content-Type: application/pdf\r\n\r\n{content}\r\n--{BOUNDARY}--\r\n"
    )
}

/// Posts an upload as a script (`plain` false: a status and a message in
/// English) or as a browser's plain form (`plain`: a redirect).
async fn upload_to(
    app: &TestApp,
    path: &str,
    cookie: &str,
    body: String,
    plain: bool,
) -> common::Page {
    let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
    let accept = if plain { "text/html" } else { "*/*" };
    let headers = [
        ("content-type", content_type.as_str()),
        ("sec-fetch-site", "same-origin"),
        ("accept", accept),
        ("accept-language", "en"),
        ("cookie", cookie),
    ];
    app.send("POST", path, &headers, body).await
}

async fn upload(app: &TestApp, cookie: &str, q: i64, name: &str, content: &str) -> common::Page {
    upload_to(
        app,
        UPLOAD,
        cookie,
        multipart(&q.to_string(), name, content),
        false,
    )
    .await
}

async fn download(app: &TestApp, cookie: Option<&str>, id: i32) -> common::Page {
    let mut headers = vec![("accept-language", "en")];
    if let Some(c) = cookie {
        headers.push(("cookie", c));
    }
    app.get_with(&format!("/applications/files/{id}"), &headers)
        .await
}

async fn application_of(app: &TestApp, email: &str) -> application::Model {
    let me = camp_connect_app::store::identity::account_by_email(&app.db, email)
        .await
        .unwrap()
        .unwrap();
    application::Entity::find()
        .filter(application::Column::AccountId.eq(me.id))
        .filter(application::Column::TrackId.eq(ai_track(app).await))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

async fn ai_track(app: &TestApp) -> i32 {
    find_track(&app.db, "connect", "2027", "ai")
        .await
        .unwrap()
        .unwrap()
        .track
        .id
}

async fn files_of(app: &TestApp, application_id: i32) -> Vec<answer_file::Model> {
    answer_file::Entity::find()
        .filter(answer_file::Column::ApplicationId.eq(application_id))
        .all(&app.db)
        .await
        .unwrap()
}

fn header<'a>(res: &'a common::Page, name: &str) -> &'a str {
    res.headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

/// A reviewer of the AI track (a new person), assigned `application_id`
/// when `assigned`; their session cookie.
async fn reviewer(app: &TestApp, email: &'static str, application_id: Option<i32>) -> String {
    let now = Utc::now();
    let id = demo_person(app, email, "査読者").await;
    let place = find_track(&app.db, "connect", "2027", "ai")
        .await
        .unwrap()
        .unwrap();
    let grant = Grant::on_track(
        Role::Reviewer,
        place.programme.id,
        place.cohort.id,
        place.track.id,
    );
    grant_role(&app.db, id, grant, None, now).await.unwrap();
    if let Some(application_id) = application_id {
        review_assignment::ActiveModel {
            application_id: Set(application_id),
            reviewer_id: Set(id),
            assigned_at: Set(now),
            assigned_by: Set(None),
            comment: Set(String::new()),
            submitted_at: Set(None),
            updated_at: Set(None),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
    }
    sign_in_as(app, email).await
}

async fn upload_submit_and_download(app: TestApp) {
    let cookie = signed_in(&app, "applicant").await;
    let (p, fq) = with_file_question(&app, &cookie).await;
    let q = text_questions(&p, fq);

    // Without the file, submission is refused on the file question.
    let res = call(&app, &cookie, SUBMIT, &form("ai", 0, &q, "1990-04-01", "")).await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains(&format!("q{fq}")), "{}", res.body);

    // A plain form's upload (the first makes the draft) goes back to the form.
    let body = multipart(&fq.to_string(), "山田太郎の課題.pdf", PDF);
    let res = upload_to(&app, UPLOAD, &cookie, body, true).await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert!(header(&res, "location").ends_with("/apply?uploaded=1"));
    let a = application_of(&app, "demo-applicant@example.jp").await;
    let stored = files_of(&app, a.id).await;
    assert_eq!(stored.len(), 1);
    let file = &stored[0];
    assert_eq!(
        (file.name.as_str(), file.size),
        ("山田太郎の課題.pdf", PDF.len() as i64)
    );
    let p = page(&app, &cookie).await;
    assert!(
        p["answers"][fq.to_string()]
            .as_str()
            .unwrap()
            .starts_with(&format!("file:{}:", file.id)),
        "{p}"
    );
    // The page shows it, with its download link.
    let html = app
        .get_with(
            "/programmes/connect/2027/tracks/ai/apply",
            &[("cookie", cookie.as_str())],
        )
        .await;
    assert!(
        html.body
            .contains(&format!("/applications/files/{}", file.id))
    );
    assert!(html.body.contains("multipart/form-data"));

    // The applicant's own download: an attachment under its own policy.
    let res = download(&app, Some(&cookie), file.id).await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(res.body, PDF);
    assert_eq!(header(&res, "content-type"), "application/pdf");
    let disposition = header(&res, "content-disposition");
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    assert!(
        disposition.contains(&enc("山田太郎の課題.pdf")),
        "{disposition}"
    );
    assert_eq!(header(&res, "x-content-type-options"), "nosniff");
    assert_eq!(
        header(&res, "content-security-policy"),
        "default-src 'none'; frame-ancestors 'none'; sandbox"
    );

    // A draft save posting someone's file id as the answer changes nothing.
    let rev = a.revision.into();
    let forged = format!("draft[answers][q{fq}]=file:1:1:pdf:x.pdf");
    let res = call(
        &app,
        &cookie,
        SAVE,
        &form("ai", rev, &q, "1990-04-01", &forged),
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let rev: i64 = serde_json::from_str::<Value>(&res.body).unwrap()["revision"]
        .as_i64()
        .unwrap();
    let answer = application_answer::Entity::find()
        .filter(application_answer::Column::ApplicationId.eq(a.id))
        .filter(application_answer::Column::QuestionId.eq(fq as i32))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(answer.value.starts_with(&format!("file:{}:", file.id)));

    // Submitted with the file; the version keeps it, and it is frozen.
    let res = call(
        &app,
        &cookie,
        SUBMIT,
        &form("ai", rev, &q, "1990-04-01", ""),
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let version = application_submission::Entity::find()
        .filter(application_submission::Column::ApplicationId.eq(a.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(version.answers.contains(&format!("file:{}:", file.id)));
    let res = upload(&app, &cookie, fq, "new.pdf", PDF).await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("submitted"), "{}", res.body);
    assert_eq!(
        files_of(&app, a.id).await,
        stored,
        "the file stays as submitted"
    );

    // Who may download: whoever opens the application at the selection
    // meeting. The organisers of Connect and administrators, by its name;
    // the AI track's lecturer and the assigned reviewer, anonymously;
    // nobody else.
    for who in ["organiser", "admin"] {
        let c = signed_in(&app, who).await;
        let res = download(&app, Some(&c), file.id).await;
        assert_eq!(res.status, 200, "{who}");
        assert!(header(&res, "content-disposition").contains(&enc("山田太郎の課題.pdf")));
    }
    let lecturer = signed_in(&app, "lecturer").await;
    let res = download(&app, Some(&lecturer), file.id).await;
    assert_eq!(res.status, 200, "the track's lecturer");
    assert!(
        header(&res, "content-disposition").contains(&format!("answer-{}.pdf", file.id)),
        "the lecturer's copy does not name the applicant"
    );
    // The meeting's page of the application links it by type and size.
    let meeting = app
        .get_with(
            &format!("/manage/connect/2027/tracks/ai/meeting/{}", a.id),
            &[("cookie", &lecturer)],
        )
        .await;
    assert_eq!(meeting.status, 200);
    assert!(
        meeting
            .body
            .contains(&format!("href=\"/applications/files/{}\"", file.id))
            && !meeting.body.contains("山田太郎の課題"),
        "{}",
        meeting.body
    );
    for who in ["alumnus", "tutor"] {
        let c = signed_in(&app, who).await;
        let res = download(&app, Some(&c), file.id).await;
        assert_eq!(res.status, 404, "{who}");
    }
    // An organiser of another programme (Security Camp).
    let camp = camp_connect_app::store::catalogue::rows::programme_row(&app.db, "camp")
        .await
        .unwrap()
        .unwrap();
    let other = demo_person(&app, "files-camp-organiser@example.jp", "他の主催者").await;
    grant_role(&app.db, other, Grant::organiser(camp.id), None, Utc::now())
        .await
        .unwrap();
    let other = sign_in_as(&app, "files-camp-organiser@example.jp").await;
    assert_eq!(download(&app, Some(&other), file.id).await.status, 404);
    assert_eq!(download(&app, None, file.id).await.status, 401);
    let unassigned = reviewer(&app, "files-unassigned@example.jp", None).await;
    assert_eq!(download(&app, Some(&unassigned), file.id).await.status, 404);
    let assigned = reviewer(&app, "files-reviewer@example.jp", Some(a.id)).await;
    let res = download(&app, Some(&assigned), file.id).await;
    assert_eq!(res.status, 200);
    let disposition = header(&res, "content-disposition");
    assert!(
        disposition.contains(&format!("answer-{}.pdf", file.id))
            && !disposition.contains("%E5%B1%B1"),
        "the reviewer's copy does not name the applicant: {disposition}"
    );
    // The score sheet links it by its type and size only.
    let assignment = review_assignment::Entity::find()
        .filter(review_assignment::Column::ApplicationId.eq(a.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let res = call(
        &app,
        &assigned,
        "/api/review/sheet",
        &format!("assignment={}", assignment.id),
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert!(
        res.body.contains(&format!("\"id\":{}", file.id)),
        "{}",
        res.body
    );
    assert!(!res.body.contains("山田"), "{}", res.body);
    // A file id that does not exist is not found, for anyone signed in.
    assert_eq!(download(&app, Some(&cookie), 999_999).await.status, 404);
    assert_eq!(download(&app, Some(&cookie), -1).await.status, 404);
}

async fn refused_uploads_keep_the_draft(app: TestApp) {
    let cookie = signed_in(&app, "applicant").await;
    let (p, fq) = with_file_question(&app, &cookie).await;
    let q = text_questions(&p, fq);
    let res = call(&app, &cookie, SAVE, &form("ai", 0, &q, "1990-04-01", "")).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let a = application_of(&app, "demo-applicant@example.jp").await;
    let answers = |app: &TestApp| {
        let db = app.db.clone();
        async move {
            application_answer::Entity::find()
                .filter(application_answer::Column::ApplicationId.eq(a.id))
                .order_by_asc(application_answer::Column::QuestionId)
                .all(&db)
                .await
                .unwrap()
        }
    };
    let before = answers(&app).await;
    assert!(!before.is_empty());

    // A ZIP archive renamed to .pdf: its content decides.
    let zip = "PK\u{3}\u{4}\u{14}\0\0\0\0\0renamed";
    let res = upload(&app, &cookie, fq, "writeup.pdf", zip).await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains("not one of the types"), "{}", res.body);
    // Too large by one byte (the question allows 1 MB).
    let big = "a".repeat(1024 * 1024 - PDF.len() + 1);
    let res = upload(&app, &cookie, fq, "big.pdf", &format!("{PDF}{big}")).await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains("larger than 1 MB"), "{}", res.body);
    // No file chosen, an empty one.
    let res = upload(&app, &cookie, fq, "", "").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (422, "Choose a file to upload.")
    );
    let res = upload(&app, &cookie, fq, "empty.pdf", "").await;
    assert_eq!(res.status, 422, "{}", res.body);
    // A text question of the form, and another track's question.
    let res = upload(&app, &cookie, q[0], "a.pdf", PDF).await;
    assert_eq!(res.status, 422, "{}", res.body);
    let other = camp_connect_app::store::entities::question::Entity::find()
        .filter(camp_connect_app::store::entities::question::Column::Id.ne(fq as i32))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .find(|x| !q.contains(&i64::from(x.id)))
        .unwrap();
    let res = upload(&app, &cookie, i64::from(other.id), "a.pdf", PDF).await;
    assert_eq!(res.status, 404, "{}", res.body);
    // Not multipart at all; a body over the route's own limit.
    let res = upload_to(&app, UPLOAD, &cookie, "question=1".into(), false).await;
    assert_eq!(res.status, 400, "{}", res.body);
    let huge = "a".repeat(11 * 1024 * 1024);
    let res = upload(&app, &cookie, fq, "huge.pdf", &huge).await;
    assert_eq!(res.status, 413, "{}", res.body);
    // A plain form's refusal goes back to the form, which says why.
    let body = multipart(&fq.to_string(), "writeup.pdf", zip);
    let res = upload_to(&app, UPLOAD, &cookie, body, true).await;
    assert_eq!(res.status, 303);
    assert!(header(&res, "location").ends_with("/apply?upload_refused=1"));
    let html = app
        .get_with(
            "/programmes/connect/2027/tracks/ai/apply?upload_refused=1",
            &[("cookie", cookie.as_str())],
        )
        .await;
    assert_eq!(html.status, 200);
    assert!(html.body.contains("受け付けていない種類"), "{}", html.body);
    assert!(html.body.contains("下書きのほかの内容は変わっていません"));
    // Another person's upload to the same question lands in their own new
    // draft: an upload names no application, so it reaches no one else's.
    demo_person(&app, "files-stranger@example.jp", "他人").await;
    let theirs = sign_in_as(&app, "files-stranger@example.jp").await;
    let res = upload(&app, &theirs, fq, "mine.pdf", PDF).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let stranger = application_of(&app, "files-stranger@example.jp").await;
    assert_eq!(files_of(&app, stranger.id).await.len(), 1);
    assert!(files_of(&app, a.id).await.is_empty(), "not the applicant's");
    // After the deadline.
    let c = cohort::Entity::find_by_id(
        find_track(&app.db, "connect", "2027", "ai")
            .await
            .unwrap()
            .unwrap()
            .cohort
            .id,
    )
    .one(&app.db)
    .await
    .unwrap()
    .unwrap();
    let mut closed: cohort::ActiveModel = c.into();
    closed.applications_close_at = Set(Utc::now() - Duration::minutes(1));
    closed.update(&app.db).await.unwrap();
    let res = upload(&app, &cookie, fq, "late.pdf", PDF).await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains("Applications are closed"), "{}", res.body);

    // Nothing of the draft changed, and no file was kept.
    assert_eq!(answers(&app).await, before);
    let now = application_of(&app, "demo-applicant@example.jp").await;
    assert_eq!(
        (now.revision, now.status),
        (a.revision, ApplicationStatus::Draft)
    );
    assert!(files_of(&app, a.id).await.is_empty());
}

async fn deletion_and_purge_remove_the_bytes(app: TestApp) {
    let cookie = signed_in(&app, "applicant").await;
    let (p, fq) = with_file_question(&app, &cookie).await;
    let q = text_questions(&p, fq);
    assert_eq!(upload(&app, &cookie, fq, "a.pdf", PDF).await.status, 200);
    let mine = application_of(&app, "demo-applicant@example.jp").await;
    let res = call(
        &app,
        &cookie,
        SUBMIT,
        &form("ai", mine.revision.into(), &q, "1990-04-01", ""),
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);

    // The data export lists the file with its size and hash, not its bytes.
    let res = app
        .get_with("/api/account/export", &[("cookie", cookie.as_str())])
        .await;
    assert_eq!(res.status, 200);
    let data: Value = serde_json::from_str(&res.body).unwrap();
    let listed = data["applications"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["files"].as_array().unwrap().clone())
        .collect::<Vec<_>>();
    assert_eq!(listed.len(), 1, "{}", data["applications"]);
    assert_eq!(listed[0]["size"], PDF.len());
    assert_eq!(
        listed[0]["sha256"],
        camp_connect_app::domain::tokens::token_hash(PDF)
    );
    assert!(!res.body.contains("/Catalog"), "the bytes are not included");

    // The answers CSV names the file and its size, never its bytes.
    let org = signed_in(&app, "organiser").await;
    let csv = app
        .get_with(
            "/manage/connect/2027/tracks/ai/review/answers.csv",
            &[("cookie", org.as_str())],
        )
        .await;
    assert_eq!(csv.status, 200);
    assert!(
        csv.body.contains(&format!("a.pdf ({} B)", PDF.len())),
        "{}",
        csv.body
    );
    assert!(!csv.body.contains("/Catalog"));

    // A second applicant's submitted file, for the purge.
    demo_person(&app, "files-purged@example.jp", "期限切れ").await;
    let other = sign_in_as(&app, "files-purged@example.jp").await;
    assert_eq!(upload(&app, &other, fq, "b.pdf", PDF).await.status, 200);
    let theirs = application_of(&app, "files-purged@example.jp").await;
    let res = call(
        &app,
        &other,
        SUBMIT,
        &form("ai", theirs.revision.into(), &q, "1990-04-01", ""),
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(files_of(&app, theirs.id).await.len(), 1);

    // Deleting the account removes its files with its answers.
    let res = call(&app, &cookie, "/api/account/delete", "confirm=yes").await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert!(files_of(&app, mine.id).await.is_empty());
    assert_eq!(files_of(&app, theirs.id).await.len(), 1, "only theirs");

    // The retention purge of an ended cohort removes the rest.
    let place = find_track(&app.db, "connect", "2027", "ai")
        .await
        .unwrap()
        .unwrap();
    let c = cohort::Entity::find_by_id(place.cohort.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut ended: cohort::ActiveModel = c.into();
    let long_ago = Utc::now() - Duration::days(4 * 366);
    ended.applications_open_at = Set(long_ago - Duration::days(60));
    ended.applications_close_at = Set(long_ago - Duration::days(30));
    ended.sessions_start_at = Set(long_ago - Duration::days(3));
    ended.sessions_end_at = Set(long_ago);
    ended.update(&app.db).await.unwrap();
    let done = camp_connect_app::store::account::retention::purge(&app.db, 3, Utc::now())
        .await
        .unwrap();
    assert!(!done.is_empty());
    assert!(files_of(&app, theirs.id).await.is_empty());
    assert!(
        answer_file::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .is_empty()
    );
}

on_both_backends!(upload_submit, true, upload_submit_and_download);
on_both_backends!(refusals, true, refused_uploads_keep_the_draft);
on_both_backends!(deletion, true, deletion_and_purge_remove_the_bytes);
