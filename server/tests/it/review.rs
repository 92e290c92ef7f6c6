//! Review and selection through the real server functions, on SQLite and
//! PostgreSQL: conflict-aware automatic assignment, anonymity, scoring
//! rights, normalised ranking, capacity, release, offers and the waitlist.

use crate::common::{
    TestApp, call, demo_person as person, on_both_backends, sign_in_as, signed_in,
};
use camp_connect::seed::review::{Applicant, submitted_application};
use camp_connect_app::domain::access::Role;
use camp_connect_app::domain::application::OfferStatus;
use camp_connect_app::domain::review::assign::ConflictReason;
use camp_connect_app::store::entities::{
    affiliation, application, audit_event, conflict, outbox_message, review_assignment,
    review_score, reviewer_affiliation, role_grant, rubric_criterion, track,
};
use camp_connect_app::store::identity::{DEMO_PROVIDER, account_by_email, link_identity};
use camp_connect_app::store::review::offer::sweep;
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};

const TRACK: &str = "programme=connect&cohort=2027&track=ai";
/// The address mails link to, as the sweep of a real server is given it.
const SITE: &str = "http://127.0.0.1:3000";

async fn ai_track(app: &TestApp) -> track::Model {
    let apps = application::Entity::find()
        .order_by_asc(application::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .expect("demo applications");
    track::Entity::find_by_id(apps.track_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

fn enc(s: &str) -> String {
    camp_connect_app::domain::url::encode_query_value(s)
}

async fn organiser(app: &TestApp) -> String {
    signed_in(app, "organiser").await
}

async fn post_ok(app: &TestApp, cookie: &str, path: &str, body: &str) {
    let res = call(app, cookie, path, body).await;
    assert_eq!(res.status, 200, "{path} {body}: {}", res.body);
}

/// The lecturer's scores for an application: every criterion `score`.
async fn score_body(app: &TestApp, assignment: i32, score: i32) -> String {
    let criteria = rubric_criterion::Entity::find().all(&app.db).await.unwrap();
    let mut body = format!("assignment={assignment}&comment=ok");
    for c in criteria {
        body.push_str(&format!("&{}={score}", enc(&format!("scores[{}]", c.id))));
    }
    body
}

async fn assignments_of(app: &TestApp, reviewer: i32) -> Vec<review_assignment::Model> {
    review_assignment::Entity::find()
        .filter(review_assignment::Column::ReviewerId.eq(reviewer))
        .order_by_asc(review_assignment::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
}

async fn assignment_count(app: &TestApp) -> u64 {
    review_assignment::Entity::find()
        .count(&app.db)
        .await
        .unwrap()
}

async fn auto_assignment_avoids_conflicts_and_balances(app: TestApp) {
    let t = ai_track(&app).await;
    let org = organiser(&app).await;
    let r1 = person(&app, "r1@example.jp", "Rei One").await;
    let r2 = person(&app, "r2@example.jp", "Ren Two").await;
    let r3 = person(&app, "r3@example.jp", "Rin Three").await;
    // r1 works where the first demo applicant studies (full-width spelling).
    for (email, org_name) in [("r1", "ＡＢＣ　Univ"), ("r2", "Elsewhere"), ("r3", "")] {
        let body = format!(
            "{TRACK}&email={email}%40example.jp&affiliation={}",
            enc(org_name)
        );
        post_ok(&app, &org, "/api/review/invite", &body).await;
    }
    let now = Utc::now();
    let a1 = application::Entity::find()
        .filter(application::Column::TrackId.eq(t.id))
        .order_by_asc(application::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut row = a1.clone().into_active_model();
    row.affiliation = Set("abc univ".into());
    row.update(&app.db).await.unwrap();
    // An applicant who names r2 as a mentor.
    let applicant = person(&app, "mentee@example.jp", "Mentee").await;
    let who = Applicant {
        affiliation: "Somewhere",
        mentors: "Someone, ren two",
        birth_date: None,
    };
    let a5 = submitted_application(&app.db, t.id, applicant, &who, "answer", now)
        .await
        .unwrap();
    post_ok(
        &app,
        &org,
        "/api/review/settings",
        &format!("{TRACK}&draft%5Banonymous%5D=on&draft%5Bk%5D=2&draft%5Boffer_days%5D=7"),
    )
    .await;
    post_ok(&app, &org, "/api/review/assign-auto", TRACK).await;

    let all = review_assignment::Entity::find()
        .all(&app.db)
        .await
        .unwrap();
    assert!(
        !all.iter()
            .any(|a| a.application_id == a1.id && a.reviewer_id == r1)
    );
    assert!(
        !all.iter()
            .any(|a| a.application_id == a5 && a.reviewer_id == r2)
    );
    let apps = application::Entity::find()
        .filter(application::Column::TrackId.eq(t.id))
        .all(&app.db)
        .await
        .unwrap();
    for a in &apps {
        assert_eq!(
            all.iter().filter(|x| x.application_id == a.id).count(),
            2,
            "app {}",
            a.id
        );
    }
    let loads: Vec<usize> = [r1, r2, r3]
        .iter()
        .map(|r| all.iter().filter(|a| a.reviewer_id == *r).count())
        .collect();
    assert_eq!(loads.iter().sum::<usize>(), 6);
    assert!(
        loads.iter().max().unwrap() - loads.iter().min().unwrap() <= 1,
        "{loads:?}"
    );
    // Manual assignment of a conflicted reviewer is refused.
    let res = call(
        &app,
        &org,
        "/api/review/assign",
        &format!("{TRACK}&application={}&reviewer={r1}", a1.id),
    )
    .await;
    assert_eq!(res.status, 422, "{}", res.body);
    // Running it again changes nothing.
    post_ok(&app, &org, "/api/review/assign-auto", TRACK).await;
    assert_eq!(assignment_count(&app).await, all.len() as u64);

    // The ranking page names each assignment on one button of the shared
    // unassign form; posting that value removes exactly that assignment.
    let page = "/manage/connect/2027/tracks/ai/review";
    let html = app.get_with(page, &[("cookie", &org)]).await.body;
    let one = all.iter().find(|a| a.reviewer_id == r2).unwrap();
    let value = format!("{}-{r2}", one.application_id);
    assert!(html.contains(r#"id="unassign""#), "{html}");
    assert!(
        html.contains(&format!(
            r#"form="unassign" name="assignment" value="{value}""#
        )),
        "{html}"
    );
    for (bad, status) in [("x-1", 400), ("", 400), ("999999-999999", 404)] {
        let res = call(
            &app,
            &org,
            "/api/review/unassign",
            &format!("{TRACK}&assignment={bad}"),
        )
        .await;
        assert_eq!(res.status, status, "{bad}: {}", res.body);
        assert!(!res.body.is_empty(), "a refusal says why");
    }
    assert_eq!(assignment_count(&app).await, all.len() as u64);
    post_ok(
        &app,
        &org,
        "/api/review/unassign",
        &format!("{TRACK}&assignment={value}"),
    )
    .await;
    let left = review_assignment::Entity::find()
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(left.len(), all.len() - 1);
    assert!(!left.iter().any(|a| a.id == one.id));
    let html = app.get_with(page, &[("cookie", &org)]).await.body;
    assert!(!html.contains(&format!(r#"value="{value}""#)), "{html}");

    // A rubric change is a ranking input: the page (whose rubric comes
    // with the cached ranking) shows the new criterion at once.
    let html = app.get_with(page, &[("cookie", &org)]).await.body;
    assert!(!html.contains("独創性"), "{html}");
    post_ok(
        &app,
        &org,
        "/api/review/criterion",
        &format!(
            "{TRACK}&name_ja=%E7%8B%AC%E5%89%B5%E6%80%A7&name_en=Originality&weight=1&scale_max=5"
        ),
    )
    .await;
    let html = app.get_with(page, &[("cookie", &org)]).await.body;
    assert!(html.contains("独創性 ×1 (1–5)"), "{html}");
}

on_both_backends!(
    auto_assignment,
    true,
    auto_assignment_avoids_conflicts_and_balances
);

async fn reviewers_see_no_identity_and_score_only_their_own(app: TestApp) {
    let lecturer = signed_in(&app, "lecturer").await;
    let l = account_by_email(&app.db, "demo-lecturer@example.jp")
        .await
        .unwrap()
        .unwrap();
    let mine = assignments_of(&app, l.id).await;
    let first = &mine[0];
    let page = app
        .get_with(
            &format!("/review/assignments/{}", first.id),
            &[("cookie", &lecturer)],
        )
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body
            .contains("AI モデルへの攻撃と防御を学びたいです。")
    );
    // The AI track's first question, from the demo's Connect questions.
    assert!(page.body.contains("セキュリティが問題になった"));
    for hidden in ["小林", "Kobayashi", "review-demo-1@example.jp", "東都大学"] {
        assert!(
            !page.body.contains(hidden),
            "{hidden} shown to an anonymised reviewer"
        );
    }
    // The queue leads to the first unfinished assignment.
    let queue = format!("/review/{}/next", ai_track(&app).await.id);
    let next = app
        .get_with(&queue, &[("cookie", &lecturer), ("accept", "text/html")])
        .await;
    assert_eq!(next.status, 302, "{}", next.body);
    assert_eq!(
        next.headers["location"],
        format!("/review/assignments/{}", first.id)
    );

    // Scoring works for one's own assignment and is checked.
    post_ok(
        &app,
        &lecturer,
        "/api/review/score",
        &score_body(&app, first.id, 4).await,
    )
    .await;
    let bad = call(
        &app,
        &lecturer,
        "/api/review/score",
        &score_body(&app, first.id, 9).await,
    )
    .await;
    assert_eq!(bad.status, 422);

    // Someone else reviewing the track may not score it: not theirs, so not found (404), like a missing one.
    let other = person(&app, "r9@example.jp", "Other").await;
    let org = organiser(&app).await;
    post_ok(
        &app,
        &org,
        "/api/review/invite",
        &format!("{TRACK}&email=r9%40example.jp&affiliation="),
    )
    .await;
    let cookie = sign_in_as(&app, "r9@example.jp").await;
    let res = call(
        &app,
        &cookie,
        "/api/review/score",
        &score_body(&app, first.id, 3).await,
    )
    .await;
    assert_eq!(res.status, 404, "{}", res.body);
    let res = app
        .get_with(
            &format!("/review/assignments/{}", first.id),
            &[("cookie", &cookie)],
        )
        .await;
    assert_eq!(res.status, 404);
    let _ = other;
    // The applicant (not a reviewer of the track) is refused too.
    let applicant = signed_in(&app, "applicant").await;
    let res = call(
        &app,
        &applicant,
        "/api/review/score",
        &score_body(&app, first.id, 3).await,
    )
    .await;
    assert_eq!(res.status, 404);

    // A closed review refuses changes.
    post_ok(
        &app,
        &org,
        "/api/review/settings",
        &format!("{TRACK}&draft%5Banonymous%5D=on&draft%5Bk%5D=1&draft%5Boffer_days%5D=7&draft%5Bclosed%5D=on"),
    )
    .await;
    let res = call(
        &app,
        &lecturer,
        "/api/review/score",
        &score_body(&app, first.id, 2).await,
    )
    .await;
    assert_eq!(res.status, 422);

    // Declaring a conflict removes the assignment and records it.
    let second = &mine[1];
    post_ok(
        &app,
        &lecturer,
        "/api/review/conflict",
        &format!("assignment={}&note=former+student", second.id),
    )
    .await;
    assert!(
        review_assignment::Entity::find_by_id(second.id)
            .one(&app.db)
            .await
            .unwrap()
            .is_none()
    );
}

on_both_backends!(
    anonymity_and_scoring,
    true,
    reviewers_see_no_identity_and_score_only_their_own
);

/// Scores the four demo applications (4, 3, 2, 1 for each criterion) as the
/// lecturer; the applications by score, best first.
async fn score_all(app: &TestApp) -> Vec<i32> {
    let lecturer = signed_in(app, "lecturer").await;
    let l = account_by_email(&app.db, "demo-lecturer@example.jp")
        .await
        .unwrap()
        .unwrap();
    let mine = assignments_of(app, l.id).await;
    for (a, s) in mine.iter().zip([4, 3, 2, 1]) {
        post_ok(
            app,
            &lecturer,
            "/api/review/score",
            &score_body(app, a.id, s).await,
        )
        .await;
    }
    mine.iter().map(|a| a.application_id).collect()
}

async fn decisions_capacity_release_and_the_waitlist(app: TestApp) {
    let ranked = score_all(&app).await;
    let t = ai_track(&app).await;
    let r = camp_connect_app::store::review::ranking(&app.db, t.id, true)
        .await
        .unwrap();
    let order: Vec<i32> = r.ranked.iter().map(|x| x.application_id).collect();
    assert_eq!(order, ranked, "one reviewer: normalising keeps the order");
    assert_eq!(r.ranked[0].spread, Some(0.0));

    let mut row = t.clone().into_active_model();
    row.capacity = Set(1);
    row.update(&app.db).await.unwrap();
    let org = organiser(&app).await;
    // Accept 2 of 1 seat: refused without a reason.
    let res = call(
        &app,
        &org,
        "/api/review/decide-bulk",
        &format!("{TRACK}&accept=2&waitlist=1&reason="),
    )
    .await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains("OverCapacity"), "{}", res.body);
    post_ok(
        &app,
        &org,
        "/api/review/decide-bulk",
        &format!("{TRACK}&accept=1&waitlist=2&reason="),
    )
    .await;
    let one = format!(
        "{TRACK}&application={}&decision=accepted&reason=",
        ranked[3]
    );
    assert_eq!(
        call(&app, &org, "/api/review/decide", &one).await.status,
        422
    );
    let res = call(
        &app,
        &org,
        "/api/review/decide",
        &format!(
            "{TRACK}&application={}&decision=rejected&reason=",
            ranked[3]
        ),
    )
    .await;
    assert_eq!(res.status, 200);

    let waitlisted = application::Entity::find_by_id(ranked[1])
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(waitlisted.waitlist_position, Some(1));
    assert_eq!(
        outbox_message::Entity::find().count(&app.db).await.unwrap(),
        0
    );
    post_ok(&app, &org, "/api/review/release", TRACK).await;
    let mails: Vec<String> = outbox_message::Entity::find()
        .order_by_asc(outbox_message::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.template)
        .collect();
    assert_eq!(
        mails.iter().filter(|m| *m == "decision_accepted").count(),
        1
    );
    assert_eq!(
        mails.iter().filter(|m| *m == "decision_waitlisted").count(),
        2
    );
    assert_eq!(
        mails.iter().filter(|m| *m == "decision_rejected").count(),
        1
    );

    // The accepted applicant declines: waitlist #1 is offered and mailed.
    let top = application::Entity::find_by_id(ranked[0])
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let email = camp_connect_app::store::entities::account::Entity::find_by_id(top.account_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .email
        .unwrap();
    link_identity(&app.db, top.account_id, DEMO_PROVIDER, &email, Utc::now())
        .await
        .unwrap();
    let cookie = sign_in_as(&app, &email).await;
    let page = app
        .get_with(&format!("/offers/{}", top.id), &[("cookie", &cookie)])
        .await;
    assert_eq!(page.status, 200);
    // Someone else's offer is not found.
    let other = signed_in(&app, "applicant").await;
    assert_eq!(
        app.get_with(&format!("/offers/{}", top.id), &[("cookie", &other)])
            .await
            .status,
        404
    );
    post_ok(
        &app,
        &cookie,
        "/api/offers/respond",
        &format!("application={}&answer=decline", top.id),
    )
    .await;
    let again = call(
        &app,
        &cookie,
        "/api/offers/respond",
        &format!("application={}&answer=confirm", top.id),
    )
    .await;
    assert_eq!(again.status, 422);
    let next = application::Entity::find_by_id(ranked[1])
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(next.offer_status, Some(OfferStatus::Offered));
    let offers = outbox_message::Entity::find()
        .filter(outbox_message::Column::Template.eq("waitlist_offer"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(offers.len(), 1);
    // The mail links to the offer page by its full address.
    let link = format!("\nhttp://127.0.0.1:3000/offers/{}\n", next.id);
    assert!(
        offers[0].text_body.contains(&link),
        "{}",
        offers[0].text_body
    );

    // Two sweeps after the deadline: the offer lapses once, #2 is offered once.
    let later = Utc::now() + Duration::days(8);
    let (a, b) = tokio::join!(sweep(&app.db, SITE, later), sweep(&app.db, SITE, later));
    let expired: usize = [a, b]
        .into_iter()
        .filter_map(Result::ok)
        .map(|s| s.expired)
        .sum();
    assert_eq!(expired, 1);
    let third = application::Entity::find_by_id(ranked[2])
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(third.offer_status, Some(OfferStatus::Offered));
    let offers = outbox_message::Entity::find()
        .filter(outbox_message::Column::Template.eq("waitlist_offer"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(offers, 2);
    // Reminders go out once, two days before the deadline.
    let deadline = third.offer_expires_at.unwrap();
    let near = deadline - Duration::days(1);
    let (a, b) = tokio::join!(sweep(&app.db, SITE, near), sweep(&app.db, SITE, near));
    let reminded: usize = [a, b]
        .into_iter()
        .filter_map(Result::ok)
        .map(|s| s.reminded)
        .sum();
    assert_eq!(reminded, 1);
    // Nobody is left on the waitlist: a further lapse offers nothing.
    let s = sweep(&app.db, SITE, deadline + Duration::days(1))
        .await
        .unwrap();
    assert_eq!(s.expired, 1);
    assert_eq!(
        outbox_message::Entity::find()
            .filter(outbox_message::Column::Template.eq("waitlist_offer"))
            .count(&app.db)
            .await
            .unwrap(),
        2
    );
}

on_both_backends!(
    decisions_and_waitlist,
    true,
    decisions_capacity_release_and_the_waitlist
);

/// A bulk decision decides only what was reviewed; the rest waits, and
/// the organiser's page says how many.
async fn bulk_decisions_leave_unreviewed_applications_alone(app: TestApp) {
    let lecturer = signed_in(&app, "lecturer").await;
    let l = account_by_email(&app.db, "demo-lecturer@example.jp")
        .await
        .unwrap()
        .unwrap();
    let mine = assignments_of(&app, l.id).await;
    assert!(mine.len() >= 2, "the demo gives the lecturer assignments");
    let (scored, unscored) = mine.split_at(mine.len() - 1);
    for (a, s) in scored.iter().zip([4, 3, 2, 1]) {
        post_ok(
            &app,
            &lecturer,
            "/api/review/score",
            &score_body(&app, a.id, s).await,
        )
        .await;
    }
    let org = organiser(&app).await;
    let res = call(&app, &org, "/api/review/manage", &format!("{TRACK}&page=0")).await;
    let page: serde_json::Value = serde_json::from_str(&res.body).unwrap();
    let unreviewed_before = page["unreviewed"].as_u64().unwrap();
    assert!(unreviewed_before >= 1, "{}", res.body);
    post_ok(
        &app,
        &org,
        "/api/review/decide-bulk",
        &format!("{TRACK}&accept=1&waitlist=0&reason="),
    )
    .await;
    let left = application::Entity::find_by_id(unscored[0].application_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(left.decision, None, "nobody has read it: no decision");
    for a in scored {
        let row = application::Entity::find_by_id(a.application_id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert!(row.decision.is_some(), "reviewed ones are decided");
    }
    let res = call(&app, &org, "/api/review/manage", &format!("{TRACK}&page=0")).await;
    let page: serde_json::Value = serde_json::from_str(&res.body).unwrap();
    assert_eq!(page["unreviewed"].as_u64(), Some(unreviewed_before));
}

on_both_backends!(
    bulk_unreviewed,
    true,
    bulk_decisions_leave_unreviewed_applications_alone
);

/// The application ids of the organiser's ranking page, best first.
async fn page_order(app: &TestApp, org: &str) -> Vec<i64> {
    let res = call(app, org, "/api/review/manage", &format!("{TRACK}&page=0")).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let v: serde_json::Value = serde_json::from_str(&res.body).unwrap();
    v["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["application_id"].as_i64().unwrap())
        .collect()
}

async fn confirming_needs_consent_and_makes_a_participant(app: TestApp) {
    let ranked = score_all(&app).await;
    // The ranking page follows a changed score at once (its cache notices).
    let org = organiser(&app).await;
    let ids: Vec<i64> = ranked.iter().map(|&a| i64::from(a)).collect();
    assert_eq!(page_order(&app, &org).await, ids);
    let lecturer = signed_in(&app, "lecturer").await;
    let l = account_by_email(&app.db, "demo-lecturer@example.jp")
        .await
        .unwrap()
        .unwrap();
    let last = assignments_of(&app, l.id).await[3].id;
    post_ok(
        &app,
        &lecturer,
        "/api/review/score",
        &score_body(&app, last, 5).await,
    )
    .await;
    assert_eq!(page_order(&app, &org).await[0], ids[3]);
    let top = application::Entity::find_by_id(ranked[0])
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    // A minor on the cohort's start (1 March 2027).
    let mut row = top.clone().into_active_model();
    row.birth_date = Set(chrono::NaiveDate::from_ymd_opt(2011, 5, 1));
    row.guardian_name = Set("Parent".into());
    row.guardian_email = Set("parent@example.jp".into());
    row.update(&app.db).await.unwrap();
    let org = organiser(&app).await;
    post_ok(
        &app,
        &org,
        "/api/review/decide",
        &format!("{TRACK}&application={}&decision=accepted&reason=", top.id),
    )
    .await;
    post_ok(&app, &org, "/api/review/release", TRACK).await;
    let email = camp_connect_app::store::entities::account::Entity::find_by_id(top.account_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .email
        .unwrap();
    link_identity(&app.db, top.account_id, DEMO_PROVIDER, &email, Utc::now())
        .await
        .unwrap();
    let cookie = sign_in_as(&app, &email).await;
    let confirm = format!("application={}&answer=confirm", top.id);
    let res = call(&app, &cookie, "/api/offers/respond", &confirm).await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("ConsentMissing"), "{}", res.body);
    crate::common::consent::guardian_consented(&app.db, top.id, "parent@example.jp").await;
    post_ok(&app, &cookie, "/api/offers/respond", &confirm).await;
    let grant = role_grant::Entity::find()
        .filter(role_grant::Column::AccountId.eq(top.account_id))
        .filter(role_grant::Column::Role.eq(Role::Participant))
        .filter(role_grant::Column::TrackId.eq(top.track_id))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(grant, 1);
    let receipts = outbox_message::Entity::find()
        .filter(outbox_message::Column::Template.eq("offer_confirmed"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(receipts, 1);
    // The CSV export: organisers only, with names.
    let path = "/manage/connect/2027/tracks/ai/review/export.csv";
    let csv = app.get_with(path, &[("cookie", &org)]).await;
    assert_eq!(csv.status, 200);
    assert!(
        csv.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    // In the reader's language: Japanese unless the browser or the
    // language switch asks for English.
    assert!(
        csv.body
            .starts_with("\u{FEFF}順位,応募番号,氏名（日本語）,氏名（英語）,メールアドレス,"),
        "{}",
        csv.body
    );
    assert!(
        csv.body.contains(",合格,") && csv.body.contains(",参加確定"),
        "{}",
        csv.body
    );
    assert!(csv.body.contains(&email));
    let english = app
        .get_with(
            path,
            &[("cookie", &org), ("accept-language", "en-US,en;q=0.9")],
        )
        .await;
    assert!(
        english
            .body
            .starts_with("\u{FEFF}rank,application,name_ja,name_en,email,mean Motivation"),
        "{}",
        english.body
    );
    assert!(english.body.contains(",accepted,") && english.body.contains(",confirmed"));
    let switched = format!("{org}; i18n_pref_locale=en");
    let chosen = app
        .get_with(path, &[("cookie", &switched), ("accept-language", "ja")])
        .await;
    assert!(chosen.body.starts_with("\u{FEFF}rank,"), "{}", chosen.body);
    let lecturer = signed_in(&app, "lecturer").await;
    assert_eq!(
        app.get_with(path, &[("cookie", &lecturer)]).await.status,
        403
    );
    assert_eq!(app.get(path).await.status, 401);
}

on_both_backends!(
    offers_and_consent,
    true,
    confirming_needs_consent_and_makes_a_participant
);

/// The first `n` submitted applications of the demo's AI track, by id.
async fn ai_applications(app: &TestApp, n: u64) -> Vec<application::Model> {
    let t = ai_track(app).await;
    application::Entity::find()
        .filter(application::Column::TrackId.eq(t.id))
        .order_by_asc(application::Column::Id)
        .paginate(&app.db, n)
        .fetch_page(0)
        .await
        .unwrap()
}

async fn set_affiliation(app: &TestApp, a: &application::Model, org: &str) {
    let mut row = a.clone().into_active_model();
    row.affiliation = Set(org.into());
    row.update(&app.db).await.unwrap();
}

/// Assigns `reviewer` to `application` by hand; the response's status.
async fn assign(app: &TestApp, org: &str, application: i32, reviewer: i32) -> u16 {
    call(
        app,
        org,
        "/api/review/assign",
        &format!("{TRACK}&application={application}&reviewer={reviewer}"),
    )
    .await
    .status
}

async fn assignment_of(app: &TestApp, application: i32, reviewer: i32) -> review_assignment::Model {
    review_assignment::Entity::find()
        .filter(review_assignment::Column::ApplicationId.eq(application))
        .filter(review_assignment::Column::ReviewerId.eq(reviewer))
        .one(&app.db)
        .await
        .unwrap()
        .expect("an assignment")
}

/// An organiser's invitation notes the reviewer's affiliation for the
/// track only: the affiliation the person declared stays as it was (it
/// counts in every programme), and both count against conflicts here.
async fn inviting_a_reviewer_keeps_their_declared_affiliation(app: TestApp) {
    let t = ai_track(&app).await;
    let org = organiser(&app).await;
    let r = person(&app, "declared@example.jp", "Dee Clared").await;
    affiliation::ActiveModel {
        account_id: Set(r),
        name: Set("Own Univ".into()),
    }
    .insert(&app.db)
    .await
    .unwrap();
    post_ok(
        &app,
        &org,
        "/api/review/invite",
        &format!("{TRACK}&email=declared%40example.jp&affiliation=Other+Corp"),
    )
    .await;
    let declared = affiliation::Entity::find_by_id(r)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(declared.name, "Own Univ", "the invitation overwrote it");
    let note = reviewer_affiliation::Entity::find_by_id((t.id, r))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(note.name, "Other Corp");
    assert_eq!(
        reviewer_affiliation::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        1,
        "the note is for this track only"
    );
    // Both affiliations count against conflicts in this track.
    let apps = ai_applications(&app, 3).await;
    set_affiliation(&app, &apps[0], "ＯＷＮ　Univ").await;
    set_affiliation(&app, &apps[1], "other corp").await;
    set_affiliation(&app, &apps[2], "Elsewhere").await;
    assert_eq!(assign(&app, &org, apps[0].id, r).await, 422);
    assert_eq!(assign(&app, &org, apps[1].id, r).await, 422);
    assert_eq!(assign(&app, &org, apps[2].id, r).await, 200);
}

on_both_backends!(
    reviewer_affiliation_note,
    true,
    inviting_a_reviewer_keeps_their_declared_affiliation
);

/// A conflict declared or detected after the assignment was made blocks
/// scoring with a message, and nobody is ever assigned their own
/// application, automatically or by hand.
async fn conflicts_block_scoring_and_nobody_reviews_their_own(app: TestApp) {
    let t = ai_track(&app).await;
    let org = organiser(&app).await;
    let late = person(&app, "late@example.jp", "Late Found").await;
    post_ok(
        &app,
        &org,
        "/api/review/invite",
        &format!("{TRACK}&email=late%40example.jp&affiliation="),
    )
    .await;
    let apps = ai_applications(&app, 2).await;
    set_affiliation(&app, &apps[0], "Late Corp").await;
    set_affiliation(&app, &apps[1], "Elsewhere").await;
    assert_eq!(assign(&app, &org, apps[0].id, late).await, 200);
    assert_eq!(assign(&app, &org, apps[1].id, late).await, 200);
    let cookie = sign_in_as(&app, "late@example.jp").await;
    // Detected after the assignment: the organiser learns where they work.
    post_ok(
        &app,
        &org,
        "/api/review/invite",
        &format!("{TRACK}&email=late%40example.jp&affiliation=Late+Corp"),
    )
    .await;
    let first = assignment_of(&app, apps[0].id, late).await;
    let res = call(
        &app,
        &cookie,
        "/api/review/score",
        &score_body(&app, first.id, 3).await,
    )
    .await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains("ConflictedScore"), "{}", res.body);
    // Declared after the assignment (recorded by the office, say).
    let second = assignment_of(&app, apps[1].id, late).await;
    conflict::ActiveModel {
        application_id: Set(apps[1].id),
        reviewer_id: Set(late),
        reason: Set(ConflictReason::Declared),
        note: Set("former colleague".into()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    let res = call(
        &app,
        &cookie,
        "/api/review/score",
        &score_body(&app, second.id, 3).await,
    )
    .await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains("ConflictedScore"), "{}", res.body);
    for a in [&first, &second] {
        let scores = review_score::Entity::find()
            .filter(review_score::Column::AssignmentId.eq(a.id))
            .count(&app.db)
            .await
            .unwrap();
        assert_eq!(scores, 0, "nothing was saved");
    }

    // A reviewer who applied to the track never gets their own application.
    let selfie = person(&app, "selfie@example.jp", "Self Ie").await;
    let who = Applicant {
        affiliation: "Nowhere in particular",
        mentors: "",
        birth_date: None,
    };
    let own = submitted_application(&app.db, t.id, selfie, &who, "answer", Utc::now())
        .await
        .unwrap();
    post_ok(
        &app,
        &org,
        "/api/review/invite",
        &format!("{TRACK}&email=selfie%40example.jp&affiliation="),
    )
    .await;
    post_ok(
        &app,
        &org,
        "/api/review/settings",
        &format!("{TRACK}&draft%5Banonymous%5D=on&draft%5Bk%5D=10&draft%5Boffer_days%5D=7"),
    )
    .await;
    post_ok(&app, &org, "/api/review/assign-auto", TRACK).await;
    let theirs = assignments_of(&app, selfie).await;
    assert!(!theirs.is_empty(), "they review the others");
    assert!(
        !theirs.iter().any(|a| a.application_id == own),
        "assigned their own application"
    );
    assert_eq!(assign(&app, &org, own, selfie).await, 422);
}

on_both_backends!(
    conflicts_at_scoring,
    true,
    conflicts_block_scoring_and_nobody_reviews_their_own
);

/// Organisers revoke a reviewer's role: audited, the unfinished
/// assignments go, and the person's next request is refused.
async fn revoked_reviewers_lose_access_at_once(app: TestApp) {
    let t = ai_track(&app).await;
    let org = organiser(&app).await;
    let r = person(&app, "gone@example.jp", "Soon Gone").await;
    post_ok(
        &app,
        &org,
        "/api/review/invite",
        &format!("{TRACK}&email=gone%40example.jp&affiliation=Gone+Inc"),
    )
    .await;
    let apps = ai_applications(&app, 2).await;
    assert_eq!(assign(&app, &org, apps[0].id, r).await, 200);
    assert_eq!(assign(&app, &org, apps[1].id, r).await, 200);
    let cookie = sign_in_as(&app, "gone@example.jp").await;
    let done = assignment_of(&app, apps[0].id, r).await;
    let open = assignment_of(&app, apps[1].id, r).await;
    post_ok(
        &app,
        &cookie,
        "/api/review/score",
        &score_body(&app, done.id, 3).await,
    )
    .await;
    let sheet = format!("/review/assignments/{}", done.id);
    assert_eq!(
        app.get_with(&sheet, &[("cookie", &cookie)]).await.status,
        200
    );

    // The organiser's page offers the button; another programme's
    // organiser may not use it.
    let page = "/manage/connect/2027/tracks/ai/review";
    let html = app.get_with(page, &[("cookie", &org)]).await.body;
    assert!(
        html.contains(&format!(r#"form="revoke" name="reviewer" value="{r}""#)),
        "{html}"
    );
    let revoke = format!("{TRACK}&reviewer={r}");
    let camp = signed_in(&app, "camp-organiser").await;
    assert_eq!(
        call(&app, &camp, "/api/review/revoke", &revoke)
            .await
            .status,
        403
    );
    post_ok(&app, &org, "/api/review/revoke", &revoke).await;

    let grants = role_grant::Entity::find()
        .filter(role_grant::Column::AccountId.eq(r))
        .filter(role_grant::Column::TrackId.eq(t.id))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(grants, 0);
    let left: Vec<i32> = assignments_of(&app, r).await.iter().map(|a| a.id).collect();
    assert_eq!(left, vec![done.id], "finished reviews stay, open ones go");
    let audit = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq("review.reviewer.revoke"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the revocation is audited");
    assert_eq!(audit.entity_id, r.to_string());
    // The same session, on its next request: refused as not found.
    assert_eq!(
        app.get_with(&sheet, &[("cookie", &cookie)]).await.status,
        404
    );
    let res = call(
        &app,
        &cookie,
        "/api/review/score",
        &score_body(&app, done.id, 4).await,
    )
    .await;
    assert_eq!(res.status, 404, "{}", res.body);
    let res = call(
        &app,
        &cookie,
        "/api/review/sheet",
        &format!("assignment={}", open.id),
    )
    .await;
    assert_eq!(res.status, 404, "{}", res.body);
    let mine = call(&app, &cookie, "/api/review/mine", "").await;
    assert_eq!(mine.body, "[]", "{}", mine.body);
    // Twice, or for a lecturer (who leaves through the roster): not found.
    assert_eq!(
        call(&app, &org, "/api/review/revoke", &revoke).await.status,
        404
    );
    let l = account_by_email(&app.db, "demo-lecturer@example.jp")
        .await
        .unwrap()
        .unwrap();
    let res = call(
        &app,
        &org,
        "/api/review/revoke",
        &format!("{TRACK}&reviewer={}", l.id),
    )
    .await;
    assert_eq!(res.status, 404);
}

on_both_backends!(revoke_reviewer, true, revoked_reviewers_lose_access_at_once);

/// After release a reviewer sees the names of the accepted applicants
/// only; the waitlisted and rejected stay anonymous for good.
async fn only_accepted_applicants_are_named_to_reviewers(app: TestApp) {
    let ranked = score_all(&app).await;
    let org = organiser(&app).await;
    post_ok(
        &app,
        &org,
        "/api/review/decide-bulk",
        &format!("{TRACK}&accept=1&waitlist=1&reason="),
    )
    .await;
    post_ok(&app, &org, "/api/review/release", TRACK).await;
    let lecturer = signed_in(&app, "lecturer").await;
    let l = account_by_email(&app.db, "demo-lecturer@example.jp")
        .await
        .unwrap()
        .unwrap();
    let mine = assignments_of(&app, l.id).await;
    for (i, application) in ranked.iter().enumerate() {
        let row = application::Entity::find_by_id(*application)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert!(row.released_at.is_some());
        let email = camp_connect_app::store::entities::account::Entity::find_by_id(row.account_id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .email
            .unwrap();
        let a = mine.iter().find(|a| a.application_id == row.id).unwrap();
        let page = app
            .get_with(
                &format!("/review/assignments/{}", a.id),
                &[("cookie", &lecturer)],
            )
            .await;
        assert_eq!(page.status, 200);
        let sheet = call(
            &app,
            &lecturer,
            "/api/review/sheet",
            &format!("assignment={}", a.id),
        )
        .await;
        let named = (page.body.contains(&email), sheet.body.contains(&email));
        let accepted = i == 0;
        assert_eq!(
            named,
            (accepted, accepted),
            "{:?}: {}",
            row.decision,
            sheet.body
        );
    }
    // The organisers keep their view.
    let html = app
        .get_with("/manage/connect/2027/tracks/ai/review", &[("cookie", &org)])
        .await
        .body;
    assert!(html.contains("小林"), "{html}");
}

on_both_backends!(
    anonymity_after_release,
    true,
    only_accepted_applicants_are_named_to_reviewers
);

/// Every score change is audited with the old and new values, in the
/// transaction that saves it.
async fn score_changes_are_audited(app: TestApp) {
    let ranked = score_all(&app).await;
    let lecturer = signed_in(&app, "lecturer").await;
    let l = account_by_email(&app.db, "demo-lecturer@example.jp")
        .await
        .unwrap()
        .unwrap();
    let first = assignment_of(&app, ranked[0], l.id).await;
    post_ok(
        &app,
        &lecturer,
        "/api/review/score",
        &score_body(&app, first.id, 2).await,
    )
    .await;
    let events = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq("review.score"))
        .filter(audit_event::Column::EntityId.eq(ranked[0].to_string()))
        .order_by_asc(audit_event::Column::Id)
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(events.len(), 2, "{events:?}");
    assert!(events.iter().all(|e| e.actor_id == Some(l.id)));
    let t = ai_track(&app).await;
    let criteria = rubric_criterion::Entity::find()
        .filter(rubric_criterion::Column::TrackId.eq(t.id))
        .order_by_asc(rubric_criterion::Column::Position)
        .all(&app.db)
        .await
        .unwrap();
    let c = criteria[0].id;
    let (before, after) = events[1].summary.split_once(" -> ").unwrap();
    assert!(before.contains(&format!("{c}=4")), "{}", events[1].summary);
    assert!(after.contains(&format!("{c}=2")), "{}", events[1].summary);
    assert!(
        events[0].summary.contains("[] total -"),
        "the first save had nothing before: {}",
        events[0].summary
    );
}

on_both_backends!(score_audit, true, score_changes_are_audited);
