//! The CSV exports through the real routes, on SQLite and PostgreSQL: a
//! track's answers and roster, a cohort's roster and an event's attendees,
//! each in Japanese and English, written for Excel (byte order mark, CRLF,
//! quoting, formulas defused, an ASCII and a UTF-8 file name), and each
//! refused to everyone but those who run the programme or the event, with
//! other programmes' records not found, exactly like missing ones.

use crate::common::consent::guardian_consented;
use crate::common::{TestApp, demo_person, on_both_backends, sign_in_as, signed_in};
use camp_connect::seed::review::{Applicant, submitted_application};
use camp_connect_app::domain::access::{Grant, Role};
use camp_connect_app::domain::application::{Decision, OfferStatus};
use camp_connect_app::domain::events::{Audience, EventKind, EventStatus, RsvpStatus};
use camp_connect_app::domain::lang::Lang;
use camp_connect_app::error::AppError;
use camp_connect_app::store::catalogue::track_ctx::{TrackCtx, track_by_slugs};
use camp_connect_app::store::entities::{application, event, event_rsvp, question};
use camp_connect_app::store::identity::grant_role;
use chrono::{Duration, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, Set,
};

/// A name (and typed answer) that a spreadsheet would run as a formula.
const FORMULA: &str = "=HYPERLINK(\"http://evil.example\",\"x\")";
const ENGLISH: (&str, &str) = ("accept-language", "en-US,en;q=0.9");
const ANSWERS: &str = "/manage/connect/2027/tracks/ai/review/answers.csv";
const ROSTER: &str = "/manage/connect/2027/tracks/ai/roster.csv";
const COHORT_ROSTER: &str = "/manage/connect/2027/roster.csv";

async fn place(app: &TestApp, programme: &str, cohort: &str, track: &str) -> TrackCtx {
    let p = camp_connect_app::store::catalogue::rows::programme_row(&app.db, programme)
        .await
        .unwrap()
        .unwrap();
    track_by_slugs(&app.db, &p, cohort, track)
        .await
        .unwrap()
        .unwrap()
}

/// `path` as `cookie` (`None`: anonymous) with `headers`; status and body.
async fn get(app: &TestApp, cookie: Option<&str>, path: &str, lang: Lang) -> (u16, String) {
    let mut headers = Vec::new();
    if let Some(c) = cookie {
        headers.push(("cookie", c));
    }
    if lang == Lang::En {
        headers.push(ENGLISH);
    }
    let res = app.get_with(path, &headers).await;
    (res.status, res.body)
}

/// A CSV download as the organiser `cookie`, checked to be one Excel
/// reads: its body, and the Content-Disposition's file names.
async fn download(app: &TestApp, cookie: &str, path: &str, lang: Lang) -> (String, String) {
    let mut headers = vec![("cookie", cookie)];
    if lang == Lang::En {
        headers.push(ENGLISH);
    }
    let res = app.get_with(path, &headers).await;
    assert_eq!(res.status, 200, "{path}: {}", res.body);
    let header = |name: &str| res.headers[name].to_str().unwrap().to_string();
    assert!(header("content-type").starts_with("text/csv"));
    assert_eq!(res.body.matches('\u{FEFF}').count(), 1);
    assert!(res.body.starts_with('\u{FEFF}') && res.body.ends_with("\r\n"));
    // Every line break outside a quoted cell is CRLF.
    let outside: String = res.body.split('"').step_by(2).collect();
    assert!(
        !outside.replace("\r\n", "").contains(['\r', '\n']),
        "{}",
        res.body
    );
    (res.body, header("content-disposition"))
}

/// The refusals of `path`: 401 for the anonymous, 403 for staff of other
/// kinds and for the other programme's organiser, each in the reader's
/// language.
async fn refused_to_others(app: &TestApp, path: &str, outsiders: &[&str]) {
    assert_eq!(
        get(app, None, path, Lang::En).await,
        (401, AppError::SignInRequired.message(Lang::En).to_string())
    );
    for who in outsiders {
        let cookie = sign_in_as(app, who).await;
        let forbidden = |lang| (403, AppError::Forbidden.message(lang).to_string());
        assert_eq!(
            get(app, Some(&cookie), path, Lang::Ja).await,
            forbidden(Lang::Ja),
            "{who}"
        );
        assert_eq!(
            get(app, Some(&cookie), path, Lang::En).await,
            forbidden(Lang::En),
            "{who}"
        );
    }
}

/// Whether the page at `page`, as `cookie` sees it, links to `file`.
async fn links_to(app: &TestApp, cookie: &str, page: &str, file: &str) -> bool {
    let res = app.get_with(page, &[("cookie", cookie)]).await;
    assert_eq!(res.status, 200, "{page}");
    res.body.contains(&format!("href=\"{file}\""))
}

/// A reviewer of the AI track (not an organiser); their address.
async fn reviewer(app: &TestApp, ai: &TrackCtx) -> &'static str {
    let email = "ai-reviewer@example.jp";
    let id = demo_person(app, email, "Reviewer").await;
    let grant = Grant::on_track(Role::Reviewer, ai.programme.id, ai.cohort.id, ai.track.id);
    grant_role(&app.db, id, grant, None, Utc::now())
        .await
        .unwrap();
    email
}

/// Everyone who must not download a Connect track's files.
async fn outsiders(app: &TestApp, ai: &TrackCtx) -> [&'static str; 4] {
    [
        "demo-camp-organiser@example.jp",
        "demo-lecturer@example.jp",
        reviewer(app, ai).await,
        "demo-applicant@example.jp",
    ]
}

/// Another programme's track (and a missing one) under Connect's name:
/// not found, with the same answer.
async fn other_programme_is_missing(app: &TestApp, org: &str, path: &str) {
    let other = path.replace("/ai/", "/systems/");
    let missing = path.replace("/ai/", "/nothing/");
    let not_found = (404, AppError::NotFound.message(Lang::Ja).to_string());
    assert_eq!(get(app, Some(org), &other, Lang::Ja).await, not_found);
    assert_eq!(get(app, Some(org), &missing, Lang::Ja).await, not_found);
}

async fn answers_export(app: TestApp) {
    let ai = place(&app, "connect", "2027", "ai").await;
    let now = Utc::now();
    let who = demo_person(&app, "formula@example.jp", FORMULA).await;
    let typed = "@SUM(A1)\nsecond line, with a comma";
    let who_applies = Applicant {
        affiliation: "",
        mentors: "",
        birth_date: None,
    };
    let id = submitted_application(&app.db, ai.track.id, who, &who_applies, typed, now)
        .await
        .unwrap();
    let set = application::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .question_set_id;
    let first = question::Entity::find()
        .filter(question::Column::QuestionSetId.eq(set))
        .order_by_asc(question::Column::Position)
        .order_by_asc(question::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let org = signed_in(&app, "organiser").await;

    let (ja, names) = download(&app, &org, ANSWERS, Lang::Ja).await;
    assert!(
        ja.starts_with(&format!(
            "\u{FEFF}応募番号,氏名（日本語）,氏名（英語）,メールアドレス,提出日時（JST）,課題の版,{}",
            first.prompt_ja
        )),
        "{ja}"
    );
    let mine = ja
        .lines()
        .find(|l| l.starts_with(&format!("{id},")))
        .unwrap();
    // The name is quoted (it holds commas and quotes) and defused inside.
    assert!(mine.starts_with(&format!("{id},\"'=HYPERLINK(")), "{mine}");
    assert!(mine.contains(",formula@example.jp,"), "{mine}");
    // The answer keeps its line break and comma inside its quotes.
    assert!(
        ja.contains("\"'@SUM(A1)\nsecond line, with a comma\""),
        "{ja}"
    );
    assert!(!ja.contains(",=") && !ja.contains(",@"), "{ja}");
    assert!(
        names.contains("filename=\"connect-2027-ai.csv\""),
        "{names}"
    );
    assert!(
        names.contains("filename*=UTF-8''connect-2027-ai-%E5%BF%9C%E5%8B%9F%E5%9B%9E%E7%AD%94.csv"),
        "{names}"
    );

    let (en, names) = download(&app, &org, ANSWERS, Lang::En).await;
    assert!(
        en.starts_with(&format!(
            "\u{FEFF}application,name_ja,name_en,email,submitted_at_jst,question_version,{}",
            first.prompt_en
        )),
        "{en}"
    );
    assert!(
        names.ends_with("filename*=UTF-8''connect-2027-ai-answers.csv"),
        "{names}"
    );
    // The administrator downloads it too.
    let admin = signed_in(&app, "admin").await;
    download(&app, &admin, ANSWERS, Lang::En).await;

    let review = "/manage/connect/2027/tracks/ai/review";
    assert!(links_to(&app, &org, review, ANSWERS).await);
    refused_to_others(&app, ANSWERS, &outsiders(&app, &ai).await).await;
    other_programme_is_missing(&app, &org, ANSWERS).await;
}

on_both_backends!(answers, true, answers_export);

/// Makes `account` a confirmed participant of the track through an
/// accepted application, as confirming an offer does; the application.
async fn participant(app: &TestApp, ai: &TrackCtx, account: i32, birth: NaiveDate) -> i32 {
    let now = Utc::now();
    let who = Applicant {
        affiliation: "",
        mentors: "",
        birth_date: Some(birth),
    };
    let id = submitted_application(&app.db, ai.track.id, account, &who, "x", now)
        .await
        .unwrap();
    let mut row = application::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into_active_model();
    row.guardian_email = Set("parent@example.jp".into());
    row.decision = Set(Some(Decision::Accepted));
    row.released_at = Set(Some(now));
    row.offer_status = Set(Some(OfferStatus::Confirmed));
    row.offer_responded_at = Set(Some(now));
    row.update(&app.db).await.unwrap();
    let grant = Grant::on_track(
        Role::Participant,
        ai.programme.id,
        ai.cohort.id,
        ai.track.id,
    );
    grant_role(&app.db, account, grant, None, now)
        .await
        .unwrap();
    id
}

async fn roster_export(app: TestApp) {
    let ai = place(&app, "connect", "2027", "ai").await;
    // The cohort starts on 1 March 2027: one participant is 16 then.
    let minor = demo_person(&app, "minor@example.jp", "未成年 太郎").await;
    let minor_app = participant(
        &app,
        &ai,
        minor,
        NaiveDate::from_ymd_opt(2010, 6, 1).unwrap(),
    )
    .await;
    guardian_consented(&app.db, minor_app, "parent@example.jp").await;
    let adult = demo_person(&app, "adult@example.jp", FORMULA).await;
    participant(
        &app,
        &ai,
        adult,
        NaiveDate::from_ymd_opt(1990, 1, 1).unwrap(),
    )
    .await;
    let org = signed_in(&app, "organiser").await;

    let (ja, names) = download(&app, &org, ROSTER, Lang::Ja).await;
    assert!(
        ja.starts_with(
            "\u{FEFF}トラック,役割,氏名（日本語）,氏名（英語）,メールアドレス,登録日時（JST）,保護者の同意\r\n"
        ),
        "{ja}"
    );
    let track = &ai.track.name_ja;
    assert!(
        ja.contains(&format!(
            "{track},参加者,未成年 太郎,未成年 太郎,minor@example.jp,"
        )),
        "{ja}"
    );
    assert!(
        ja.contains(",同意済み\r\n") && ja.contains(",不要\r\n"),
        "{ja}"
    );
    assert!(
        ja.contains(&format!("{track},参加者,\"'=HYPERLINK(")),
        "{ja}"
    );
    assert!(
        ja.contains(&format!("{track},講師,")),
        "the demo lecturer: {ja}"
    );
    assert!(
        names.contains("filename=\"connect-2027-ai.csv\""),
        "{names}"
    );
    assert!(names.contains("filename*=UTF-8''connect-2027-ai-%E5%90%8D%E7%B0%BF.csv"));

    let (en, names) = download(&app, &org, ROSTER, Lang::En).await;
    assert!(
        en.starts_with("\u{FEFF}track,role,name_ja,name_en,email,since_jst,guardian_consent\r\n"),
        "{en}"
    );
    assert!(en.contains("ai,participant,未成年 太郎,"), "{en}");
    assert!(
        en.contains(",given\r\n") && en.contains(",not_needed\r\n"),
        "{en}"
    );
    assert!(en.contains("ai,lecturer,"), "{en}");
    assert!(names.ends_with("connect-2027-ai-roster.csv"), "{names}");

    // The cohort's file: every track's roster, the AI track's among them.
    let (cohort, names) = download(&app, &org, COHORT_ROSTER, Lang::En).await;
    assert!(cohort.starts_with("\u{FEFF}track,role,"), "{cohort}");
    assert!(cohort.contains("ai,participant,未成年 太郎,"), "{cohort}");
    assert!(
        names.ends_with("filename*=UTF-8''connect-2027-roster.csv"),
        "{names}"
    );

    let roster_page = "/manage/connect/2027/tracks/ai/roster";
    assert!(links_to(&app, &org, roster_page, ROSTER).await);
    assert!(links_to(&app, &org, "/manage/connect/2027", COHORT_ROSTER).await);
    let outsiders = outsiders(&app, &ai).await;
    refused_to_others(&app, ROSTER, &outsiders).await;
    refused_to_others(&app, COHORT_ROSTER, &outsiders).await;
    other_programme_is_missing(&app, &org, ROSTER).await;
    // Security Camp has a 2026 cohort, Connect none: not found, like a missing one.
    let not_found = (404, AppError::NotFound.message(Lang::En).to_string());
    for path in [
        "/manage/connect/2026/roster.csv",
        "/manage/connect/1999/roster.csv",
    ] {
        assert_eq!(get(&app, Some(&org), path, Lang::En).await, not_found);
    }
}

on_both_backends!(roster, true, roster_export);

/// An event of `programme` (`None`: a community event) hosted by `host`.
async fn new_event(app: &TestApp, programme: Option<i32>, host: Option<i32>) -> i32 {
    let now = Utc::now();
    event::ActiveModel {
        programme_id: Set(programme),
        host_id: Set(host),
        title_ja: Set("勉強会".into()),
        title_en: Set("Study session".into()),
        description_ja: Set("x".into()),
        description_en: Set(String::new()),
        kind: Set(EventKind::StudySession),
        starts_at: Set(now + Duration::days(30)),
        ends_at: Set(now + Duration::days(30) + Duration::hours(2)),
        venue: Set("東京".into()),
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
    .unwrap()
    .id
}

async fn answer(app: &TestApp, event_id: i32, account: i32, status: RsvpStatus, position: i32) {
    let now = Utc::now();
    event_rsvp::ActiveModel {
        event_id: Set(event_id),
        account_id: Set(account),
        status: Set(status),
        position: Set(position),
        created_at: Set(now),
        updated_at: Set(now),
        checked_in_at: Set((status == RsvpStatus::Confirmed).then_some(now)),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
}

async fn attendees_export(app: TestApp) {
    let connect = place(&app, "connect", "2027", "ai").await.programme.id;
    let camp = place(&app, "camp", "2027", "systems").await.programme.id;
    let ours = new_event(&app, Some(connect), None).await;
    let theirs = new_event(&app, Some(camp), None).await;
    let first = demo_person(&app, "first@example.jp", FORMULA).await;
    let second = demo_person(&app, "second@example.jp", "二番 花子").await;
    answer(&app, ours, first, RsvpStatus::Confirmed, 0).await;
    answer(&app, ours, second, RsvpStatus::Waitlisted, 1).await;
    let org = signed_in(&app, "organiser").await;
    let path = format!("/events/{ours}/attendees.csv");

    let (ja, names) = download(&app, &org, &path, Lang::Ja).await;
    let mut lines = ja.lines();
    assert_eq!(
        lines.next(),
        Some(
            "\u{FEFF}氏名（日本語）,氏名（英語）,状態,キャンセル待ち順位,登録日時（JST）,出席確認日時（JST）"
        )
    );
    let came = lines.next().unwrap();
    assert!(came.starts_with("\"'=HYPERLINK("), "{came}");
    assert!(came.contains(",参加登録済み,,"), "{came}");
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("二番 花子,二番 花子,キャンセル待ち,1,")
    );
    // No addresses: the event page shows its hosts none either.
    assert!(!ja.contains("@example.jp"), "{ja}");
    assert!(
        names.contains(&format!("filename=\"event-{ours}.csv\"")),
        "{names}"
    );
    assert!(names.contains(&format!(
        "filename*=UTF-8''event-{ours}-%E5%8F%82%E5%8A%A0%E8%80%85.csv"
    )));

    let (en, names) = download(&app, &org, &path, Lang::En).await;
    assert!(
        en.starts_with(
            "\u{FEFF}name_ja,name_en,status,waitlist_position,registered_at_jst,checked_in_at_jst\r\n"
        ),
        "{en}"
    );
    assert!(
        en.contains(",confirmed,,") && en.contains(",waitlisted,1,"),
        "{en}"
    );
    assert!(
        names.ends_with(&format!("event-{ours}-attendees.csv")),
        "{names}"
    );
    let admin = signed_in(&app, "admin").await;
    download(&app, &admin, &path, Lang::En).await;
    // The event page links to it for those who run the event only.
    let page = format!("/events/{ours}");
    assert!(links_to(&app, &org, &page, &path).await);
    let lecturer = signed_in(&app, "lecturer").await;
    assert!(!links_to(&app, &lecturer, &page, &path).await);

    // A community event's host (an alumnus) downloads their own event's.
    let alumnus =
        camp_connect_app::store::identity::account_by_email(&app.db, "demo-alumnus@example.jp")
            .await
            .unwrap()
            .unwrap()
            .id;
    let hosted = new_event(&app, None, Some(alumnus)).await;
    let host = signed_in(&app, "alumnus").await;
    download(
        &app,
        &host,
        &format!("/events/{hosted}/attendees.csv"),
        Lang::Ja,
    )
    .await;

    assert_eq!(
        get(&app, None, &path, Lang::Ja).await,
        (401, AppError::SignInRequired.message(Lang::Ja).to_string())
    );
    // Anyone who may not run it hears what a missing event answers.
    let missing = get(&app, Some(&org), "/events/999999/attendees.csv", Lang::En).await;
    assert_eq!(
        missing,
        (404, AppError::NotFound.message(Lang::En).to_string())
    );
    let theirs = format!("/events/{theirs}/attendees.csv");
    assert_eq!(get(&app, Some(&org), &theirs, Lang::En).await, missing);
    assert_eq!(get(&app, Some(&host), &path, Lang::En).await, missing);
    for who in [
        "demo-camp-organiser@example.jp",
        "demo-lecturer@example.jp",
        "demo-applicant@example.jp",
    ] {
        let cookie = sign_in_as(&app, who).await;
        assert_eq!(
            get(&app, Some(&cookie), &path, Lang::En).await,
            missing,
            "{who}"
        );
    }
}

on_both_backends!(attendees, true, attendees_export);
