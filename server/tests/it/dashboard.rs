//! The organiser's dashboard of a cohort through the real server function
//! and page, on SQLite and PostgreSQL: every figure against a cohort the
//! test builds (applications on known days, drafts, decisions, offers,
//! reviews, birth dates, prefectures), small age and region groups hidden,
//! eligibility refusals recorded by real submissions, and the scope:
//! another programme's cohort is not found, exactly like a missing one,
//! and everyone but the programme's organisers and administrators is
//! refused.

use crate::common::apply::{form, question_ids};
use crate::common::{TestApp, call, demo_person, on_both_backends, sign_in_as, signed_in};
use camp_connect::seed::review::{Applicant, question_set_of, submitted_application};
use camp_connect_app::domain::access::Grant;
use camp_connect_app::domain::application::prefecture::Prefecture;
use camp_connect_app::domain::application::refusal::RefusalReason;
use camp_connect_app::domain::application::{ApplicationStatus, Decision, OfferStatus};
use camp_connect_app::domain::dashboard::ages::AgeBand;
use camp_connect_app::domain::dashboard::regions::Region;
use camp_connect_app::domain::dashboard::suppress::Shown;
use camp_connect_app::domain::dashboard::{CohortDashboard, OfferCounts, TrackFigures};
use camp_connect_app::store::catalogue::rows::programme_row;
use camp_connect_app::store::catalogue::track_ctx::find_track;
use camp_connect_app::store::entities::{
    application, application_answer, application_draft, cohort, eligibility, eligibility_refusal,
    review_assignment, track,
};
use camp_connect_app::store::identity::{account_by_email, grant_role};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};

const API: &str = "/api/manage/dashboard";
const PAGE: &str = "/manage/connect/2031/dashboard";
const SAVE: &str = "/api/apply/save";
const SUBMIT: &str = "/api/apply/submit";

fn at(m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2031, m, d, h, min, 0)
        .single()
        .unwrap()
}

fn born(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// A cohort of `programme` starting on 10 August 2031 in Japan.
async fn new_cohort(app: &TestApp, programme: i32, slug: &str) -> i32 {
    cohort::ActiveModel {
        programme_id: Set(programme),
        slug: Set(slug.into()),
        title_ja: Set(format!("{slug}年度")),
        title_en: Set(format!("Cohort {slug}")),
        venue_ja: Set("東京".into()),
        venue_en: Set("Tokyo".into()),
        applications_open_at: Set(at(4, 1, 0, 0)),
        applications_close_at: Set(at(6, 1, 0, 0)),
        sessions_start_at: Set(at(8, 9, 15, 0)),
        sessions_end_at: Set(at(8, 14, 9, 0)),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap()
    .id
}

async fn new_track(app: &TestApp, cohort: i32, slug: &str, capacity: i32, position: i32) -> i32 {
    track::ActiveModel {
        cohort_id: Set(cohort),
        slug: Set(slug.into()),
        name_ja: Set(format!("{slug} トラック")),
        name_en: Set(format!("Track {slug}")),
        summary_ja: Set(String::new()),
        summary_en: Set(String::new()),
        description_ja: Set(String::new()),
        description_en: Set(String::new()),
        vector: Set(None),
        field_id: Set(None),
        dss_role_ja: Set(None),
        dss_role_en: Set(None),
        capacity: Set(capacity),
        lecturer_target: Set(0),
        tutor_target: Set(0),
        position: Set(position),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap()
    .id
}

/// A submitted application by a new person, first submitted `when`.
async fn apply(
    app: &TestApp,
    n: &mut u32,
    track: i32,
    birth: Option<NaiveDate>,
    when: DateTime<Utc>,
) -> i32 {
    *n += 1;
    let person = demo_person(app, &format!("dash-{n}@example.jp"), &format!("応募者 {n}")).await;
    let who = Applicant {
        affiliation: "",
        mentors: "",
        birth_date: birth,
    };
    submitted_application(&app.db, track, person, &who, "answer", when)
        .await
        .unwrap()
}

/// A draft by a new person.
async fn draft(
    app: &TestApp,
    n: &mut u32,
    track: i32,
    birth: Option<NaiveDate>,
    ticked: bool,
    expertise: &str,
) {
    *n += 1;
    let person = demo_person(app, &format!("dash-{n}@example.jp"), &format!("下書き {n}")).await;
    let (set, _) = question_set_of(&app.db, track, at(5, 1, 0, 0))
        .await
        .unwrap();
    application::ActiveModel {
        track_id: Set(track),
        account_id: Set(person),
        status: Set(ApplicationStatus::Draft),
        question_set_id: Set(set),
        revision: Set(1),
        birth_date: Set(birth),
        affiliation: Set(String::new()),
        expertise: Set(expertise.into()),
        mentors: Set(String::new()),
        guardian_name: Set(String::new()),
        guardian_email: Set(String::new()),
        declarations_accepted: Set(ticked),
        created_at: Set(at(5, 1, 0, 0)),
        updated_at: Set(at(5, 1, 0, 0)),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
}

/// Sets where the application's applicant lives.
async fn live_in(app: &TestApp, id: i32, prefecture: Prefecture) {
    let mut a = application::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into_active_model();
    a.prefecture = Set(Some(prefecture));
    a.update(&app.db).await.unwrap();
}

/// Sets the application's status, decision and offer.
async fn decide(
    app: &TestApp,
    id: i32,
    status: ApplicationStatus,
    decision: Option<Decision>,
    offer: Option<OfferStatus>,
) {
    let mut a = application::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into_active_model();
    a.status = Set(status);
    a.decision = Set(decision);
    a.offer_status = Set(offer);
    a.update(&app.db).await.unwrap();
}

async fn assign(app: &TestApp, application: i32, reviewer: i32, done: bool) {
    review_assignment::ActiveModel {
        application_id: Set(application),
        reviewer_id: Set(reviewer),
        assigned_at: Set(at(6, 2, 0, 0)),
        assigned_by: Set(None),
        comment: Set(String::new()),
        submitted_at: Set(done.then(|| at(6, 3, 0, 0))),
        updated_at: Set(None),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
}

/// Connect's cohort 2031: track a (3 seats) and b (2 seats), filled as
/// the figures below expect; camp's cohort 2032 (another programme's).
async fn seed(app: &TestApp) {
    use ApplicationStatus::{Submitted, Withdrawn};
    let connect = programme_row(&app.db, "connect").await.unwrap().unwrap();
    let camp = programme_row(&app.db, "camp").await.unwrap().unwrap();
    // An oldest age, so that a draft can be too old.
    let mut rules = eligibility::Entity::find_by_id(connect.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into_active_model();
    rules.max_age = Set(Some(22));
    rules.update(&app.db).await.unwrap();
    let c = new_cohort(app, connect.id, "2031").await;
    new_cohort(app, camp.id, "2032").await;
    let a = new_track(app, c, "a", 3, 0).await;
    let b = new_track(app, c, "b", 2, 1).await;
    let mut n = 0;
    // Track a: four on 1 May (one, aged 21, withdrawn since), five at
    // 00:30 on 3 May in Japan (still 2 May in UTC); of those submitted,
    // seven aged 19 and one 21.
    let mut on_a = Vec::new();
    for i in 0..4 {
        let birth = if i < 3 {
            born(2012, 6, 1)
        } else {
            born(2010, 1, 1)
        };
        on_a.push(apply(app, &mut n, a, birth, at(5, 1, 1, 0)).await);
    }
    for i in 0..5 {
        let birth = if i < 4 {
            born(2012, 6, 1)
        } else {
            born(2010, 1, 1)
        };
        on_a.push(apply(app, &mut n, a, birth, at(5, 2, 15, 30)).await);
    }
    decide(app, on_a[3], Withdrawn, None, None).await;
    decide(
        app,
        on_a[0],
        Submitted,
        Some(Decision::Accepted),
        Some(OfferStatus::Confirmed),
    )
    .await;
    decide(
        app,
        on_a[1],
        Submitted,
        Some(Decision::Accepted),
        Some(OfferStatus::Offered),
    )
    .await;
    decide(
        app,
        on_a[2],
        Submitted,
        Some(Decision::Accepted),
        Some(OfferStatus::Declined),
    )
    .await;
    decide(app, on_a[4], Submitted, Some(Decision::Waitlisted), None).await;
    decide(app, on_a[5], Submitted, Some(Decision::Waitlisted), None).await;
    decide(app, on_a[6], Submitted, Some(Decision::Rejected), None).await;
    // Track b: four on 2 May, three aged 16 and one without a birth date;
    // one accepted whose offer lapsed; two drafts.
    let mut on_b = Vec::new();
    for i in 0..4 {
        let birth = if i < 3 { born(2015, 1, 1) } else { None };
        on_b.push(apply(app, &mut n, b, birth, at(5, 2, 3, 0)).await);
    }
    decide(
        app,
        on_b[0],
        Submitted,
        Some(Decision::Accepted),
        Some(OfferStatus::Expired),
    )
    .await;
    draft(app, &mut n, b, None, false, "").await;
    draft(app, &mut n, b, born(1990, 1, 1), true, "security").await;
    // Where the submitted live: Kanto 6 (Tokyo 4, Chiba 2), Kinki 3
    // (Osaka), outside Japan 3; the withdrawn one in Okinawa counts nowhere.
    for (i, id) in on_a.iter().enumerate() {
        let p = match i {
            3 => Prefecture::Okinawa,
            0..=4 => Prefecture::Tokyo,
            5 | 6 => Prefecture::Chiba,
            _ => Prefecture::Abroad,
        };
        live_in(app, *id, p).await;
    }
    for (i, id) in on_b.iter().enumerate() {
        let p = if i < 3 {
            Prefecture::Osaka
        } else {
            Prefecture::Abroad
        };
        live_in(app, *id, p).await;
    }
    // Reviews: the first reviewer three on a (two done) and two on b (both
    // done), the second one on a.
    let r1 = demo_person(app, "dash-reviewer-1@example.jp", "審査 一").await;
    let r2 = demo_person(app, "dash-reviewer-2@example.jp", "審査 二").await;
    assign(app, on_a[0], r1, true).await;
    assign(app, on_a[1], r1, true).await;
    assign(app, on_a[2], r1, false).await;
    assign(app, on_a[4], r2, false).await;
    assign(app, on_b[0], r1, true).await;
    assign(app, on_b[1], r1, true).await;
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2031, 5, d).unwrap()
}

async fn dashboard(app: &TestApp, cookie: &str, body: &str) -> (u16, String) {
    let res = call(app, cookie, API, body).await;
    (res.status, res.body)
}

async fn figures_of_a_built_cohort(app: TestApp) {
    seed(&app).await;
    let organiser = signed_in(&app, "organiser").await;
    let (status, body) = dashboard(&app, &organiser, "programme=connect&cohort=2031").await;
    assert_eq!(status, 200, "{body}");
    let d: CohortDashboard = serde_json::from_str(&body).unwrap();
    assert_eq!(d.starts_on, NaiveDate::from_ymd_opt(2031, 8, 10).unwrap());
    let names: Vec<&str> = d.tracks.iter().map(|t| t.name.en.as_str()).collect();
    assert_eq!(names, ["Track a", "Track b"]);
    let a = TrackFigures {
        name: d.tracks[0].name.clone(),
        capacity: 3,
        drafts: 0,
        submitted: 8,
        withdrawn: 1,
        // The declined offer no longer holds a seat.
        accepted: 2,
        waitlisted: 2,
        rejected: 1,
        undecided: 2,
        offers: OfferCounts {
            accepted: 1,
            declined: 1,
            pending: 1,
            lapsed: 0,
        },
    };
    let b = TrackFigures {
        name: d.tracks[1].name.clone(),
        capacity: 2,
        drafts: 2,
        submitted: 4,
        withdrawn: 0,
        accepted: 0,
        waitlisted: 0,
        rejected: 0,
        undecided: 3,
        offers: OfferCounts {
            accepted: 0,
            declined: 0,
            pending: 0,
            lapsed: 1,
        },
    };
    assert_eq!(d.tracks, vec![a, b]);
    // Days in Japan, the gap-free span from the first to the last; the
    // withdrawn application still counts on the day it came in.
    let days: Vec<(NaiveDate, Vec<u64>)> = d
        .days
        .iter()
        .map(|x| (x.day, x.per_track.clone()))
        .collect();
    assert_eq!(
        days,
        vec![
            (day(1), vec![4, 0]),
            (day(2), vec![0, 4]),
            (day(3), vec![5, 0])
        ]
    );
    let reviews: Vec<(usize, &str, u64, u64)> = d
        .reviewers
        .iter()
        .map(|r| (r.track, r.reviewer.ja.as_str(), r.assigned, r.done))
        .collect();
    assert_eq!(
        reviews,
        vec![
            (0, "審査 一", 3, 2),
            (0, "審査 二", 1, 0),
            (1, "審査 一", 2, 2)
        ]
    );
    assert_eq!(d.review_totals(), vec![(4, 2), (2, 2)]);
    // The draft without anything lacks a birth date, expertise and the
    // declarations; the other is too old on the first day.
    assert_eq!(d.refusable_drafts, 2);
    let problems: Vec<(RefusalReason, u64)> = d
        .draft_problems
        .iter()
        .map(|c| (c.problem, c.drafts))
        .collect();
    assert_eq!(
        problems,
        vec![
            (RefusalReason::NoBirthDate, 1),
            (RefusalReason::TooYoung, 0),
            (RefusalReason::TooOld, 1),
            (RefusalReason::NoExpertise, 1),
            (RefusalReason::DeclarationsNotTicked, 1),
        ]
    );
    // Submitted only: 16–17: 3, 18–19: 7, 20–22: 1, not given: 1. The
    // three small groups hold 5 together, so nothing else need be hidden.
    let ages: Vec<(AgeBand, Shown)> = d.ages.iter().map(|r| (r.band, r.shown)).collect();
    assert_eq!(
        ages,
        vec![
            (AgeBand::Under16, Shown::Count(0)),
            (AgeBand::From16To17, Shown::Hidden),
            (AgeBand::From18To19, Shown::Count(7)),
            (AgeBand::From20To22, Shown::Hidden),
            (AgeBand::From23To29, Shown::Count(0)),
            (AgeBand::From30, Shown::Count(0)),
            (AgeBand::NotGiven, Shown::Hidden),
        ]
    );
    // Regions of the submitted: Kinki 3 and outside Japan 3 are hidden
    // (together they hold 6, so nothing else need be); nothing of Okinawa.
    let regions: Vec<(Region, Shown)> = d.regions.iter().map(|r| (r.region, r.shown)).collect();
    assert_eq!(
        regions,
        vec![
            (Region::Hokkaido, Shown::Count(0)),
            (Region::Tohoku, Shown::Count(0)),
            (Region::Kanto, Shown::Count(6)),
            (Region::Chubu, Shown::Count(0)),
            (Region::Kinki, Shown::Hidden),
            (Region::Chugoku, Shown::Count(0)),
            (Region::Shikoku, Shown::Count(0)),
            (Region::KyushuOkinawa, Shown::Count(0)),
            (Region::Abroad, Shown::Hidden),
            (Region::NotGiven, Shown::Count(0)),
        ]
    );
    // No submission of this cohort was refused.
    assert!(d.refusals.iter().all(|c| c.total() == 0));
    assert!(d.refused.iter().all(|r| r.refused == 0));
    // The page, in English, without JavaScript: the chart with its title,
    // the table of its numbers, the hidden groups and why.
    let page = app
        .get_with(PAGE, &[("cookie", &organiser), ("accept-language", "en")])
        .await;
    assert_eq!(page.status, 200);
    let html = &page.body;
    assert!(html.contains("<svg") && html.contains("First submissions per day"));
    assert!(
        html.contains("13 applications were first submitted over 3 days; the busiest day was 2031-05-03 with 5."),
        "{html}"
    );
    assert!(html.contains("2031-05-03"));
    assert_eq!(html.matches("fewer than 5*").count(), 5);
    assert!(html.contains("Groups of fewer than 5 are withheld"));
    assert!(html.contains("id=\"regions-table\"") && html.contains("Kanto"));
    assert!(html.contains("No submission has been refused by the eligibility rules yet."));
    assert!(html.contains("Drafts that would be refused now"));
    // Linked from the cohort's page.
    let cohort_page = app
        .get_with("/manage/connect/2031", &[("cookie", &organiser)])
        .await;
    assert!(
        cohort_page
            .body
            .contains("href=\"/manage/connect/2031/dashboard\"")
    );
}

on_both_backends!(figures, true, figures_of_a_built_cohort);

async fn scope_and_refusals(app: TestApp) {
    seed(&app).await;
    let camp = programme_row(&app.db, "camp").await.unwrap().unwrap();
    let other = demo_person(&app, "dash-camp-organiser@example.jp", "キャンプ 主催").await;
    grant_role(&app.db, other, Grant::organiser(camp.id), None, Utc::now())
        .await
        .unwrap();
    let other = sign_in_as(&app, "dash-camp-organiser@example.jp").await;
    let organiser = signed_in(&app, "organiser").await;
    let admin = signed_in(&app, "admin").await;
    // Another programme's real cohort, named under one's own programme,
    // is not found, like a cohort that does not exist.
    for (cookie, body, path) in [
        (
            &organiser,
            "programme=connect&cohort=2032",
            "/manage/connect/2032/dashboard",
        ),
        (
            &organiser,
            "programme=connect&cohort=2099",
            "/manage/connect/2099/dashboard",
        ),
        (
            &other,
            "programme=camp&cohort=2031",
            "/manage/camp/2031/dashboard",
        ),
    ] {
        assert_eq!(dashboard(&app, cookie, body).await.0, 404, "{body}");
        assert_eq!(
            app.get_with(path, &[("cookie", cookie)]).await.status,
            404,
            "{path}"
        );
    }
    // The programme's own dashboard: its organisers and administrators.
    assert_eq!(
        dashboard(&app, &admin, "programme=connect&cohort=2031")
            .await
            .0,
        200
    );
    assert_eq!(app.get_with(PAGE, &[("cookie", &admin)]).await.status, 200);
    // Everyone else is refused, as on the other organisers' pages.
    let applicant = signed_in(&app, "applicant").await;
    let reviewer = signed_in(&app, "lecturer").await;
    for cookie in [&applicant, &reviewer, &other] {
        assert_eq!(
            dashboard(&app, cookie, "programme=connect&cohort=2031")
                .await
                .0,
            403
        );
        let page = app.get_with(PAGE, &[("cookie", cookie)]).await;
        assert_eq!(page.status, 403);
        assert!(!page.body.contains("Track a") && !page.body.contains("a トラック"));
    }
    assert_eq!(app.get(PAGE).await.status, 401);
}

on_both_backends!(scope, true, scope_and_refusals);

/// The demo Connect 2027 track `slug`'s id.
async fn connect_track(app: &TestApp, slug: &str) -> track::Model {
    find_track(&app.db, "connect", "2027", slug)
        .await
        .unwrap()
        .unwrap()
        .track
}

/// The form page's question ids of a Connect 2027 track.
async fn questions_of(app: &TestApp, cookie: &str, slug: &str) -> Vec<i64> {
    let body = format!("programme=connect&cohort=2027&track={slug}");
    let res = call(app, cookie, "/api/apply/page", &body).await;
    assert_eq!(res.status, 200, "{}", res.body);
    question_ids(&serde_json::from_str(&res.body).unwrap())
}

/// The recorded refusals of `account` on `track`: (reason, first, last).
async fn refusals_of(
    app: &TestApp,
    account: i32,
    track: i32,
) -> Vec<(RefusalReason, DateTime<Utc>, DateTime<Utc>)> {
    let mut rows: Vec<_> = eligibility_refusal::Entity::find()
        .filter(eligibility_refusal::Column::AccountId.eq(account))
        .filter(eligibility_refusal::Column::TrackId.eq(track))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.reason, r.first_at, r.last_at))
        .collect();
    rows.sort_by_key(|r| r.0.as_str());
    rows
}

/// The application of `account` to `track` with its answers, if any.
async fn saved(
    app: &TestApp,
    account: i32,
    track: i32,
) -> Option<(application::Model, Vec<application_answer::Model>)> {
    let a = application::Entity::find()
        .filter(application::Column::AccountId.eq(account))
        .filter(application::Column::TrackId.eq(track))
        .one(&app.db)
        .await
        .unwrap()?;
    let answers = application_answer::Entity::find()
        .filter(application_answer::Column::ApplicationId.eq(a.id))
        .all(&app.db)
        .await
        .unwrap();
    Some((a, answers))
}

/// Real submissions the eligibility rules refuse are recorded once per
/// person, track and reason, leave the saved draft exactly as it was, and
/// show on the dashboard by reason and track; only the programme's
/// organisers read them, and they go with the person's account.
async fn refused_submissions_are_recorded_and_counted(app: TestApp) {
    let applicant = signed_in(&app, "applicant").await;
    let me = account_by_email(&app.db, "demo-applicant@example.jp")
        .await
        .unwrap()
        .unwrap()
        .id;
    let (ai, iot, space) = (
        connect_track(&app, "ai").await,
        connect_track(&app, "iot").await,
        connect_track(&app, "space").await,
    );

    // A saved draft, then a submission without expertise or declarations,
    // twice: refused with both reasons, recorded once each.
    let q = questions_of(&app, &applicant, "ai").await;
    let res = call(
        &app,
        &applicant,
        SAVE,
        &form("ai", 0, &q, "1990-04-01", "draft[prefecture]=13"),
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let before = saved(&app, me, ai.id).await.unwrap();
    assert_eq!(before.0.prefecture, Some(Prefecture::Tokyo));
    // A prefecture the select does not offer is refused with its reason
    // in the person's language, the saved draft untouched.
    let res = call(
        &app,
        &applicant,
        SAVE,
        &form("ai", 1, &q, "1990-04-01", "draft[prefecture]=48"),
    )
    .await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(
        res.body.contains("\"prefecture\"") && res.body.contains("UnknownPrefecture"),
        "{}",
        res.body
    );
    assert_eq!(saved(&app, me, ai.id).await.unwrap(), before);
    // The form shows the saved choice, in both languages.
    let apply = "/programmes/connect/2027/tracks/ai/apply";
    let ja = app.get_with(apply, &[("cookie", &applicant)]).await;
    assert!(
        ja.body.contains("お住まいの都道府県（任意）")
            && ja.body.contains("id=\"apply-prefecture\""),
        "{}",
        ja.body
    );
    let chosen = ja.body.split("<option").find(|o| o.contains("selected"));
    assert!(chosen.is_some_and(|o| o.contains("東京都")), "{chosen:?}");
    let en = app
        .get_with(apply, &[("cookie", &applicant), ("accept-language", "en")])
        .await;
    assert!(en.body.contains("Prefecture of residence (optional)"));
    assert!(en.body.contains(">Prefer not to say<"));
    let refused = form(
        "ai",
        1,
        &q,
        "1990-04-01",
        "draft[expertise]=&draft[declarations]=&draft[prefecture]=27&draft[affiliation]=X",
    );
    for _ in 0..2 {
        let res = call(&app, &applicant, SUBMIT, &refused).await;
        assert_eq!(res.status, 422, "{}", res.body);
        assert!(
            res.body.contains("NotConfirmed") && res.body.contains("\"Required\""),
            "{}",
            res.body
        );
    }
    assert_eq!(
        saved(&app, me, ai.id).await.unwrap(),
        before,
        "the draft is exactly as saved"
    );
    assert!(
        application_draft::Entity::find_by_id(before.0.id)
            .one(&app.db)
            .await
            .unwrap()
            .is_none()
    );
    let on_ai = refusals_of(&app, me, ai.id).await;
    let reasons: Vec<RefusalReason> = on_ai.iter().map(|r| r.0).collect();
    assert_eq!(
        reasons,
        [
            RefusalReason::DeclarationsNotTicked,
            RefusalReason::NoExpertise
        ]
    );
    assert!(on_ai.iter().all(|r| r.1 <= r.2), "{on_ai:?}");

    // A first submission without any saved draft: refused, recorded, and
    // still no application.
    let q_iot = questions_of(&app, &applicant, "iot").await;
    let res = call(&app, &applicant, SUBMIT, &form("iot", 0, &q_iot, "", "")).await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(saved(&app, me, iot.id).await.is_none());
    let on_iot: Vec<RefusalReason> = refusals_of(&app, me, iot.id)
        .await
        .iter()
        .map(|r| r.0)
        .collect();
    assert_eq!(on_iot, [RefusalReason::NoBirthDate]);

    // Fixed and submitted on both; a third track is over the cohort's limit.
    let res = call(
        &app,
        &applicant,
        SUBMIT,
        &form("ai", 1, &q, "1990-04-01", ""),
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let res = call(
        &app,
        &applicant,
        SUBMIT,
        &form("iot", 0, &q_iot, "1990-04-01", ""),
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let q_space = questions_of(&app, &applicant, "space").await;
    let res = call(
        &app,
        &applicant,
        SUBMIT,
        &form("space", 0, &q_space, "1990-04-01", ""),
    )
    .await;
    assert!(res.body.contains("TooManyApplications"), "{}", res.body);
    let on_space: Vec<RefusalReason> = refusals_of(&app, me, space.id)
        .await
        .iter()
        .map(|r| r.0)
        .collect();
    assert_eq!(on_space, [RefusalReason::TooManyApplications]);

    // The dashboard: people per reason and track, and who got in since.
    let organiser = signed_in(&app, "organiser").await;
    let (status, body) = dashboard(&app, &organiser, "programme=connect&cohort=2027").await;
    assert_eq!(status, 200, "{body}");
    let d: CohortDashboard = serde_json::from_str(&body).unwrap();
    let index = |t: &track::Model| {
        d.tracks
            .iter()
            .position(|f| f.name.en == t.name_en)
            .unwrap()
    };
    let (i_ai, i_iot, i_space) = (index(&ai), index(&iot), index(&space));
    let count = |reason: RefusalReason, i: usize| {
        d.refusals
            .iter()
            .find(|c| c.reason == reason)
            .map(|c| c.per_track[i])
            .unwrap()
    };
    assert_eq!(count(RefusalReason::NoExpertise, i_ai), 1);
    assert_eq!(count(RefusalReason::DeclarationsNotTicked, i_ai), 1);
    assert_eq!(count(RefusalReason::NoBirthDate, i_iot), 1);
    assert_eq!(count(RefusalReason::TooManyApplications, i_space), 1);
    let total: u64 = d.refusals.iter().map(|c| c.total()).sum();
    assert_eq!(total, 4, "{:?}", d.refusals);
    let refused = |i: usize| (d.refused[i].refused, d.refused[i].submitted_since);
    assert_eq!(
        (refused(i_ai), refused(i_iot), refused(i_space)),
        ((1, 1), (1, 1), (1, 0))
    );
    let en = app
        .get_with(
            "/manage/connect/2027/dashboard",
            &[("cookie", &organiser), ("accept-language", "en")],
        )
        .await;
    assert_eq!(en.status, 200);
    assert!(en.body.contains("id=\"refusals-table\""), "{}", en.body);
    assert!(en.body.contains("Limit of applications per person"));
    assert!(
        en.body
            .contains("Submissions refused by the eligibility rules")
    );
    let ja = app
        .get_with("/manage/connect/2027/dashboard", &[("cookie", &organiser)])
        .await;
    assert!(ja.body.contains("資格要件で断られた提出"));
    assert!(ja.body.contains("1 人あたりの応募数の上限"));

    // An organiser of another programme reads none of it.
    let camp = programme_row(&app.db, "camp").await.unwrap().unwrap();
    let other = demo_person(&app, "dash-camp-organiser@example.jp", "キャンプ 主催").await;
    grant_role(&app.db, other, Grant::organiser(camp.id), None, Utc::now())
        .await
        .unwrap();
    let other = sign_in_as(&app, "dash-camp-organiser@example.jp").await;
    let (status, body) = dashboard(&app, &other, "programme=connect&cohort=2027").await;
    assert_eq!(status, 403);
    assert!(!body.contains("TooManyApplications"), "{body}");
    let page = app
        .get_with(
            "/manage/connect/2027/dashboard",
            &[("cookie", &other), ("accept-language", "en")],
        )
        .await;
    assert_eq!(page.status, 403);
    assert!(!page.body.contains("refusals-table"));

    // Deleting the account removes the person's refusals.
    let res = call(&app, &applicant, "/api/account/delete", "confirm=yes").await;
    assert_eq!(res.status, 200, "{}", res.body);
    let left = eligibility_refusal::Entity::find()
        .filter(eligibility_refusal::Column::AccountId.eq(me))
        .all(&app.db)
        .await
        .unwrap();
    assert!(left.is_empty(), "{left:?}");
    let (_, body) = dashboard(&app, &organiser, "programme=connect&cohort=2027").await;
    let d: CohortDashboard = serde_json::from_str(&body).unwrap();
    assert!(d.refusals.iter().all(|c| c.total() == 0));
}

on_both_backends!(refusals, true, refused_submissions_are_recorded_and_counted);
