//! The selection meeting and the lecturers' question window through the
//! real router, on SQLite and PostgreSQL: who opens an application (real
//! ids of other tracks and programmes answer 404 like missing ones), other
//! reviewers' scores hidden until one's own review, anonymity, search,
//! filters, paging and previous/next, and lecturers writing their track's
//! questions and rubric until applications open.

use crate::common::{
    TestApp, call, demo_person as person, on_both_backends, sign_in_as, signed_in,
};
use camp_connect::seed::review::{Applicant, submitted_application};
use camp_connect_app::domain::access::{Grant, Role};
use camp_connect_app::domain::review::meeting::{MeetingApplication, MeetingRanking};
use camp_connect_app::store::catalogue::rows::programme_row;
use camp_connect_app::store::catalogue::track_ctx::{TrackCtx, track_by_slugs};
use camp_connect_app::store::entities::{
    audit_event, cohort, conflict, question, review_assignment, rubric_criterion,
};
use camp_connect_app::store::identity::{account_by_email, grant_role};
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};

const AI: &str = "programme=connect&cohort=2027&track=ai";
const AI_PAGE: &str = "/manage/connect/2027/tracks/ai/meeting";

fn enc(s: &str) -> String {
    camp_connect_app::domain::url::encode_query_value(s)
}

async fn place(app: &TestApp, p: &str, c: &str, t: &str) -> TrackCtx {
    let programme = programme_row(&app.db, p).await.unwrap().unwrap();
    track_by_slugs(&app.db, &programme, c, t)
        .await
        .unwrap()
        .unwrap()
}

async fn id_of(app: &TestApp, email: &str) -> i32 {
    account_by_email(&app.db, email).await.unwrap().unwrap().id
}

/// A person holding `role` on the track; their session cookie and id.
async fn staff(app: &TestApp, email: &'static str, role: Role, t: &TrackCtx) -> (String, i32) {
    let id = person(app, email, email).await;
    let grant = Grant::on_track(role, t.programme.id, t.cohort.id, t.track.id);
    grant_role(&app.db, id, grant, None, Utc::now())
        .await
        .unwrap();
    (sign_in_as(app, email).await, id)
}

async fn assign(app: &TestApp, application: i32, reviewer: i32) -> i32 {
    let a = review_assignment::ActiveModel {
        application_id: Set(application),
        reviewer_id: Set(reviewer),
        assigned_at: Set(Utc::now()),
        assigned_by: Set(None),
        comment: Set(String::new()),
        submitted_at: Set(None),
        updated_at: Set(None),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    // Assignments are ranking inputs: the cached ranking must see this one.
    camp_connect_app::store::review::version::ranking_changed(&app.db, ai_track_id(app).await)
        .await
        .unwrap();
    a.id
}

async fn ai_track_id(app: &TestApp) -> i32 {
    place(app, "connect", "2027", "ai").await.track.id
}

/// Scores `assignment` with every criterion `score` and `comment`.
async fn score(app: &TestApp, cookie: &str, assignment: i32, score: i32, comment: &str) {
    let criteria = rubric_criterion::Entity::find()
        .filter(rubric_criterion::Column::TrackId.eq(ai_track_id(app).await))
        .all(&app.db)
        .await
        .unwrap();
    let mut body = format!("assignment={assignment}&comment={}", enc(comment));
    for c in criteria {
        body.push_str(&format!("&{}={score}", enc(&format!("scores[{}]", c.id))));
    }
    let res = call(app, cookie, "/api/review/score", &body).await;
    assert!(res.status < 400, "{}", res.body);
}

/// The demo lecturer's assignments on the AI track, in order.
async fn lecturer_assignments(app: &TestApp) -> Vec<review_assignment::Model> {
    let l = id_of(app, "demo-lecturer@example.jp").await;
    review_assignment::Entity::find()
        .filter(review_assignment::Column::ReviewerId.eq(l))
        .order_by_asc(review_assignment::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
}

/// The server function's `filter` argument: at least one of its fields.
fn filter_of(filter: &str) -> &str {
    if filter.is_empty() {
        "filter[q]="
    } else {
        filter
    }
}

async fn ranking(app: &TestApp, cookie: &str, filter: &str) -> MeetingRanking {
    let body = format!("{AI}&{}", filter_of(filter));
    let res = call(app, cookie, "/api/review/meeting", &body).await;
    assert_eq!(res.status, 200, "{filter}: {}", res.body);
    serde_json::from_str(&res.body).unwrap()
}

async fn opened(app: &TestApp, cookie: &str, id: i32, filter: &str) -> MeetingApplication {
    let body = format!("{AI}&application={id}&{}", filter_of(filter));
    let res = call(app, cookie, "/api/review/meeting-application", &body).await;
    assert_eq!(res.status, 200, "{id}: {}", res.body);
    serde_json::from_str(&res.body).unwrap()
}

fn applicant<'a>() -> Applicant<'a> {
    Applicant {
        affiliation: "どこか大学",
        mentors: "",
        birth_date: None,
    }
}

async fn who_opens_the_meeting(app: TestApp) {
    let ai = place(&app, "connect", "2027", "ai").await;
    let iot = place(&app, "connect", "2027", "iot").await;
    let camp = place(&app, "camp", "2027", "systems").await;
    let now = Utc::now();
    let mine = lecturer_assignments(&app).await;
    let (first, second) = (mine[0].application_id, mine[1].application_id);
    let iot_app = submitted_application(
        &app.db,
        iot.track.id,
        person(&app, "iot-applicant@example.jp", "I").await,
        &applicant(),
        "iot",
        now,
    )
    .await
    .unwrap();
    let camp_app = submitted_application(
        &app.db,
        camp.track.id,
        person(&app, "camp-applicant@example.jp", "C").await,
        &applicant(),
        "camp",
        now,
    )
    .await
    .unwrap();
    let (ai_reviewer, ai_reviewer_id) =
        staff(&app, "ai-reviewer@example.jp", Role::Reviewer, &ai).await;
    assign(&app, first, ai_reviewer_id).await;
    let (iot_lecturer, _) = staff(&app, "iot-lecturer@example.jp", Role::Lecturer, &iot).await;
    let (iot_reviewer, _) = staff(&app, "iot-reviewer@example.jp", Role::Reviewer, &iot).await;
    let camp_organiser = sign_in_as(&app, "demo-camp-organiser@example.jp").await;
    let organiser = signed_in(&app, "organiser").await;
    let admin = signed_in(&app, "admin").await;
    let lecturer = signed_in(&app, "lecturer").await;
    let applicant_cookie = signed_in(&app, "applicant").await;
    let tutor = signed_in(&app, "tutor").await;

    let status = |cookie: String, path: String| {
        let app = &app;
        async move { app.get_with(&path, &[("cookie", &cookie)]).await.status }
    };
    let ai_page = |id: i32| format!("{AI_PAGE}/{id}");
    // The track's organisers, administrators and lecturers open any of its
    // applications; a reviewer only the one assigned to them.
    for who in [&organiser, &admin, &lecturer] {
        for id in [first, second] {
            assert_eq!(status(who.clone(), ai_page(id)).await, 200, "{id}");
        }
    }
    assert_eq!(status(ai_reviewer.clone(), ai_page(first)).await, 200);
    // Not assigned: not found, exactly like an application that does not exist.
    assert_eq!(status(ai_reviewer.clone(), ai_page(second)).await, 404);
    assert_eq!(status(ai_reviewer.clone(), ai_page(999_999)).await, 404);
    // Applications of another track and another programme named under this
    // track are not found, for everyone who may attend this meeting.
    for who in [&organiser, &admin, &lecturer, &ai_reviewer] {
        for id in [iot_app, camp_app] {
            assert_eq!(status(who.clone(), ai_page(id)).await, 404, "{id}");
            let body = format!("{AI}&application={id}&filter[q]=");
            let res = call(&app, who, "/api/review/meeting-application", &body).await;
            assert_eq!(res.status, 404, "{id}: {}", res.body);
        }
    }
    // And under their own tracks, this track's people are refused.
    let iot_page = format!("/manage/connect/2027/tracks/iot/meeting/{iot_app}");
    let camp_page = format!("/manage/camp/2027/tracks/systems/meeting/{camp_app}");
    for who in [&lecturer, &ai_reviewer] {
        assert_eq!(status(who.clone(), iot_page.clone()).await, 403);
        assert_eq!(status(who.clone(), camp_page.clone()).await, 403);
    }
    assert_eq!(status(organiser.clone(), camp_page.clone()).await, 403);
    assert_eq!(status(organiser.clone(), iot_page.clone()).await, 200);
    // Other tracks' lecturers and reviewers, another programme's organiser,
    // applicants and tutors never reach this track's meeting.
    for who in [
        &iot_lecturer,
        &iot_reviewer,
        &camp_organiser,
        &applicant_cookie,
        &tutor,
    ] {
        assert_eq!(status(who.clone(), ai_page(first)).await, 403);
        assert_eq!(status(who.clone(), AI_PAGE.to_string()).await, 403);
    }
    assert_eq!(app.get(&ai_page(first)).await.status, 401);
    // The reviewer's ranking lists only their assignment.
    let theirs = ranking(&app, &ai_reviewer, "").await;
    assert_eq!(theirs.total, 1);
    assert_eq!(theirs.rows[0].application_id, first);
    assert_eq!(ranking(&app, &lecturer, "").await.total, 4);
}

on_both_backends!(who_opens, true, who_opens_the_meeting);

async fn others_scores_wait_for_ones_own_review(app: TestApp) {
    let ai = place(&app, "connect", "2027", "ai").await;
    let lecturer = signed_in(&app, "lecturer").await;
    let organiser = signed_in(&app, "organiser").await;
    let mine = lecturer_assignments(&app).await;
    let first = mine[0].application_id;
    let (r2, r2_id) = staff(&app, "second-reviewer@example.jp", Role::Reviewer, &ai).await;
    let r2_assignment = assign(&app, first, r2_id).await;
    score(&app, &r2, r2_assignment, 5, "独自の視点がある応募").await;

    // Before the lecturer's own review: the other review's scores, comment
    // and the mean are hidden, on the page and in the ranking.
    let seen = opened(&app, &lecturer, first, "").await;
    assert!(seen.scores_hidden);
    assert_eq!(seen.score, None);
    let other = seen.reviews.iter().find(|r| r.done).unwrap();
    assert!(other.hidden && other.scores.is_empty() && other.comment.is_empty());
    assert_eq!(other.total, None);
    let html = app
        .get_with(&format!("{AI_PAGE}/{first}"), &[("cookie", &lecturer)])
        .await
        .body;
    assert!(!html.contains("独自の視点"), "{html}");
    assert!(html.contains(r#"id="scores-hidden""#));
    let row = ranking(&app, &lecturer, "").await;
    let row = row.rows.iter().find(|r| r.application_id == first).unwrap();
    assert!(row.score_hidden && row.score.is_none());
    // A score range never finds what the lecturer may not read yet.
    assert_eq!(ranking(&app, &lecturer, "filter[min]=0").await.total, 0);
    // Organisers read everything, reviewers by name.
    let all = opened(&app, &organiser, first, "").await;
    assert!(!all.scores_hidden && all.score.is_some());
    assert!(
        all.reviews
            .iter()
            .any(|r| r.comment == "独自の視点がある応募")
    );
    assert_eq!(ranking(&app, &organiser, "filter[min]=0").await.total, 1);

    // The second reviewer submitted: they read the lecturer's (unfinished,
    // so empty) review and the mean; the lecturer does once theirs is in.
    assert!(!opened(&app, &r2, first, "").await.scores_hidden);
    score(&app, &lecturer, mine[0].id, 3, "基礎がしっかりしている").await;
    let seen = opened(&app, &lecturer, first, "").await;
    assert!(!seen.scores_hidden && seen.score.is_some());
    assert!(
        seen.reviews
            .iter()
            .any(|r| r.comment == "独自の視点がある応募")
    );
    let html = app
        .get_with(&format!("{AI_PAGE}/{first}"), &[("cookie", &lecturer)])
        .await
        .body;
    assert!(html.contains("独自の視点がある応募"), "{html}");
    // Other reviewers stay unnamed to the lecturer.
    assert!(!html.contains("second-reviewer@example.jp"));
    assert_eq!(ranking(&app, &lecturer, "filter[mine]=on").await.total, 1);

    // Closing the review shows every application's scores.
    let second = mine[1].application_id;
    assert!(opened(&app, &lecturer, second, "").await.scores_hidden);
    let body = format!(
        "{AI}&draft%5Banonymous%5D=on&draft%5Bclosed%5D=on&draft%5Bk%5D=2&draft%5Boffer_days%5D=7"
    );
    assert_eq!(
        call(&app, &organiser, "/api/review/settings", &body)
            .await
            .status,
        200
    );
    assert!(!opened(&app, &lecturer, second, "").await.scores_hidden);
}

on_both_backends!(scores_wait, true, others_scores_wait_for_ones_own_review);

async fn hidden_scores_do_not_order_the_ranking(app: TestApp) {
    let ai = place(&app, "connect", "2027", "ai").await;
    let lecturer = signed_in(&app, "lecturer").await;
    let organiser = signed_in(&app, "organiser").await;
    let ids =
        |r: &MeetingRanking| -> Vec<i32> { r.rows.iter().map(|row| row.application_id).collect() };
    let before = ids(&ranking(&app, &lecturer, "").await);
    let top = *before.iter().max().unwrap();
    assert!(before.len() > 1);
    // Another reviewer scores the track's highest-numbered application:
    // the only scored one, it ranks first for the organiser.
    let (r2, r2_id) = staff(&app, "order-reviewer@example.jp", Role::Reviewer, &ai).await;
    let assignment = assign(&app, top, r2_id).await;
    score(&app, &r2, assignment, 5, "筋が通っている").await;
    assert_eq!(ids(&ranking(&app, &organiser, "").await)[0], top);
    // The lecturer, who reads no score yet, gets the applications by
    // number: the scored one stays last, its place tells nothing.
    let unread = ids(&ranking(&app, &lecturer, "").await);
    let mut by_number = unread.clone();
    by_number.sort_unstable();
    assert_eq!(unread, by_number);
    assert_eq!(unread.last(), Some(&top));
}

on_both_backends!(hidden_order, true, hidden_scores_do_not_order_the_ranking);

async fn anonymised_tracks_stay_anonymous_at_the_meeting(app: TestApp) {
    let lecturer = signed_in(&app, "lecturer").await;
    let organiser = signed_in(&app, "organiser").await;
    let mine = lecturer_assignments(&app).await;
    let hidden = ["小林", "Kobayashi", "review-demo-1@example.jp", "東都大学"];
    let mut seen = String::new();
    for a in &mine {
        let page = format!("{AI_PAGE}/{}", a.application_id);
        seen.push_str(&app.get_with(&page, &[("cookie", &lecturer)]).await.body);
    }
    seen.push_str(&app.get_with(AI_PAGE, &[("cookie", &lecturer)]).await.body);
    for h in hidden {
        assert!(!seen.contains(h), "{h} shown to a lecturer before release");
    }
    // The answers are there; organisers see who applied.
    assert!(seen.contains("AI モデルへの攻撃と防御を学びたいです。"));
    let org = app.get_with(AI_PAGE, &[("cookie", &organiser)]).await.body;
    assert!(org.contains("小林"), "{org}");
    // Searching a name finds nobody, for anyone: only answers are searched.
    for who in [&lecturer, &organiser] {
        assert_eq!(
            ranking(&app, who, &format!("filter[q]={}", enc("小林")))
                .await
                .total,
            0
        );
    }
}

on_both_backends!(
    anonymity,
    true,
    anonymised_tracks_stay_anonymous_at_the_meeting
);

async fn the_ranking_is_searched_filtered_and_paged(app: TestApp) {
    let ai = place(&app, "connect", "2027", "ai").await;
    let organiser = signed_in(&app, "organiser").await;
    let now = Utc::now();
    // 120 more applications: every third speaks of cryptography in
    // full-width letters, every fifth of web security.
    for i in 0..120 {
        let mut text = format!("応募 {i}: ");
        if i % 3 == 0 {
            text.push_str("ＣＴＦで暗号を解きました。");
        }
        if i % 5 == 0 {
            text.push_str("Web セキュリティに興味があります。");
        }
        let who = person(&app, &format!("many-{i}@example.jp"), "M").await;
        submitted_application(&app.db, ai.track.id, who, &applicant(), &text, now)
            .await
            .unwrap();
    }
    camp_connect_app::store::review::version::ranking_changed(&app.db, ai.track.id)
        .await
        .unwrap();
    let all = ranking(&app, &organiser, "").await;
    assert_eq!((all.total, all.rows.len()), (124, 50));
    let last = ranking(&app, &organiser, "filter[page]=2").await;
    assert_eq!((last.page, last.rows.len()), (2, 24));
    // Japanese as substrings, full- and half-width alike, all terms at once.
    let q = |s: &str| format!("filter[q]={}", enc(s));
    assert_eq!(ranking(&app, &organiser, &q("暗号")).await.total, 40);
    assert_eq!(ranking(&app, &organiser, &q("ctf")).await.total, 40);
    assert_eq!(ranking(&app, &organiser, &q("ＷＥＢ")).await.total, 24);
    assert_eq!(ranking(&app, &organiser, &q("暗号 web")).await.total, 8);
    assert_eq!(ranking(&app, &organiser, &q("%")).await.total, 124);
    // Decisions, conflicts and scores.
    let decided = ranking(&app, &organiser, &q("暗号")).await.rows[0].application_id;
    let body = format!("{AI}&application={decided}&decision=rejected&reason=");
    assert_eq!(
        call(&app, &organiser, "/api/review/decide", &body)
            .await
            .status,
        200
    );
    let rejected = ranking(&app, &organiser, "filter[decision]=rejected").await;
    assert_eq!(rejected.total, 1);
    assert_eq!(rejected.rows[0].application_id, decided);
    assert_eq!(
        ranking(&app, &organiser, "filter[decision]=none")
            .await
            .total,
        123
    );
    let lecturer_id = id_of(&app, "demo-lecturer@example.jp").await;
    conflict::ActiveModel {
        application_id: Set(decided),
        reviewer_id: Set(lecturer_id),
        reason: Set(camp_connect_app::domain::review::assign::ConflictReason::Declared),
        note: Set(String::new()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    let conflicted = ranking(&app, &organiser, "filter[conflicts]=on").await;
    assert_eq!(conflicted.total, 1);
    assert_eq!(conflicted.rows[0].conflicts, 1);
    let lecturer = signed_in(&app, "lecturer").await;
    let mine = lecturer_assignments(&app).await;
    score(&app, &lecturer, mine[0].id, 5, "").await;
    score(&app, &lecturer, mine[1].id, 1, "").await;
    assert_eq!(ranking(&app, &organiser, "filter[min]=90").await.total, 1);
    assert_eq!(ranking(&app, &organiser, "filter[max]=30").await.total, 1);
    assert_eq!(
        ranking(&app, &organiser, "filter[min]=0&filter[max]=100")
            .await
            .total,
        2
    );
    // Unreadable values are ignored, never an error.
    let odd = "filter[min]=abc&filter[max]=1e9&filter[decision]=maybe&filter[page]=-3";
    assert_eq!(ranking(&app, &organiser, odd).await.total, 124);

    // Previous and next follow the filtered order.
    let found = ranking(&app, &organiser, &q("web")).await;
    let order: Vec<i32> = found.rows.iter().map(|r| r.application_id).collect();
    let middle = opened(&app, &organiser, order[1], &q("web")).await;
    assert_eq!(middle.previous, Some(order[0]));
    assert_eq!(middle.next, Some(order[2]));
    assert_eq!((middle.position, middle.total), (Some(2), 24));
    let first = opened(&app, &organiser, order[0], &q("web")).await;
    assert_eq!(first.previous, None);

    // Without JavaScript: the GET form's address gives the same page, whose
    // links keep the search and filters (the rejected one is left out).
    let found = ranking(
        &app,
        &organiser,
        &format!("{}&filter[decision]=none", q("web")),
    )
    .await;
    assert_eq!(found.total, 23);
    let order: Vec<i32> = found.rows.iter().map(|r| r.application_id).collect();
    let html = app
        .get_with(
            &format!("{AI_PAGE}?q=web&decision=none"),
            &[("cookie", &organiser)],
        )
        .await
        .body;
    assert!(
        html.contains(r#"id="meeting-q""#) && html.contains(r#"value="web""#),
        "{html}"
    );
    assert!(html.contains("<p id=\"matches\">"), "{html}");
    let link = format!("{AI_PAGE}/{}?q=web", order[0]);
    assert!(html.contains(&link), "{link} in {html}");
    assert!(html.contains("decision=none"), "{html}");
    let page = app
        .get_with(
            &format!("{AI_PAGE}/{}?q=web&decision=none", order[1]),
            &[("cookie", &organiser)],
        )
        .await
        .body;
    let next = format!("{AI_PAGE}/{}?q=web", order[2]);
    assert!(page.contains(&next), "{next} in {page}");
    let paged = app
        .get_with(&format!("{AI_PAGE}?page=1"), &[("cookie", &organiser)])
        .await
        .body;
    assert!(paged.contains(&format!("{AI_PAGE}?page=2")), "{paged}");
    // The organiser's ranking links each application to the meeting.
    let review = app
        .get_with(
            "/manage/connect/2027/tracks/ai/review",
            &[("cookie", &organiser)],
        )
        .await
        .body;
    assert!(review.contains(&format!("{AI_PAGE}/{}", mine[0].application_id)));
}

on_both_backends!(
    search_filter_paging,
    true,
    the_ranking_is_searched_filtered_and_paged
);

async fn set_opening(app: &TestApp, t: &TrackCtx, at: chrono::DateTime<Utc>) {
    let mut c = cohort::Entity::find_by_id(t.cohort.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into_active_model();
    c.applications_open_at = Set(at);
    c.update(&app.db).await.unwrap();
}

async fn lecturers_write_questions_until_applications_open(app: TestApp) {
    let ai = place(&app, "connect", "2027", "ai").await;
    let iot = place(&app, "connect", "2027", "iot").await;
    let lecturer = signed_in(&app, "lecturer").await;
    let organiser = signed_in(&app, "organiser").await;
    let reviewer = staff(&app, "q-reviewer@example.jp", Role::Reviewer, &ai)
        .await
        .0;
    let (iot_lecturer, _) = staff(&app, "q-iot-lecturer@example.jp", Role::Lecturer, &iot).await;
    let questions = |app: &TestApp| {
        let db = app.db.clone();
        async move { question::Entity::find().count(&db).await.unwrap() }
    };
    let add = format!(
        "{AI}&question=0&draft[kind]=short_text&draft[prompt_ja]={}&draft[prompt_en]=Favourite+tool&draft[required]=yes&draft[max_chars]=&draft[position]=",
        enc("好きなツール")
    );
    let criterion = format!(
        "{AI}&name_ja={}&name_en=Depth&weight=2&scale_max=5",
        enc("深さ")
    );
    set_opening(&app, &ai, Utc::now() + Duration::days(10)).await;
    let page = "/manage/connect/2027/tracks/ai/questions";
    assert_eq!(
        app.get_with(page, &[("cookie", &lecturer)]).await.status,
        200
    );
    let before = questions(&app).await;
    let res = call(&app, &lecturer, "/api/manage/save-question", &add).await;
    assert_eq!(res.status, 200, "{}", res.body);
    // Answers were submitted: the change makes a new version.
    assert!(questions(&app).await > before);
    let res = call(&app, &lecturer, "/api/review/criterion", &criterion).await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(
        res.headers["location"],
        "/manage/connect/2027/tracks/ai/questions?saved=1"
    );
    assert!(
        rubric_criterion::Entity::find()
            .filter(rubric_criterion::Column::NameEn.eq("Depth"))
            .one(&app.db)
            .await
            .unwrap()
            .is_some()
    );
    // Audited, under the lecturer's name.
    let l = id_of(&app, "demo-lecturer@example.jp").await;
    let audited = audit_event::Entity::find()
        .filter(audit_event::Column::ActorId.eq(l))
        .count(&app.db)
        .await
        .unwrap();
    assert!(audited >= 2, "{audited}");
    // Reviewers and other tracks' lecturers never edit them.
    for who in [&reviewer, &iot_lecturer] {
        assert_eq!(
            call(&app, who, "/api/manage/save-question", &add)
                .await
                .status,
            403
        );
        assert_eq!(
            call(&app, who, "/api/review/criterion", &criterion)
                .await
                .status,
            403
        );
        assert_eq!(app.get_with(page, &[("cookie", who)]).await.status, 403);
    }

    // Applications open: the lecturer is refused with a reason, in both
    // languages; nothing changes; the organisers keep the last word.
    set_opening(&app, &ai, Utc::now() - Duration::minutes(1)).await;
    let before = questions(&app).await;
    let res = call(&app, &lecturer, "/api/manage/save-question", &add).await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains("QuestionsOpened"), "{}", res.body);
    let res = call(&app, &lecturer, "/api/review/criterion", &criterion).await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert_eq!(questions(&app).await, before);
    let ja = app.get_with(page, &[("cookie", &lecturer)]).await.body;
    assert!(
        ja.contains("設問と評価基準は主催者だけが変更できます"),
        "{ja}"
    );
    assert!(
        !ja.contains("/api/manage/save-question"),
        "no forms once opened"
    );
    let en_cookie = format!("{lecturer}; i18n_pref_locale=en");
    let en = app.get_with(page, &[("cookie", &en_cookie)]).await.body;
    assert!(
        en.contains("only the organisers can change the questions"),
        "{en}"
    );
    let res = call(&app, &organiser, "/api/manage/save-question", &add).await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert!(questions(&app).await > before);
    let res = call(&app, &organiser, "/api/review/criterion", &criterion).await;
    assert_eq!(res.status, 200, "{}", res.body);
    // Lecturers find the page and the meeting from their reviews.
    let home = app.get_with("/review", &[("cookie", &lecturer)]).await.body;
    assert!(home.contains(page) && home.contains(AI_PAGE), "{home}");
}

on_both_backends!(
    question_window,
    true,
    lecturers_write_questions_until_applications_open
);
