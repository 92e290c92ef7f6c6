//! Organisers editing the catalogue through the real server functions, on
//! SQLite and PostgreSQL: who may, what is validated, what is recorded.

use crate::common::{self, TestApp, on_both_backends, signed_in};
use camp_connect_app::store::entities::{audit_event, cohort, track};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const SAME_ORIGIN: (&str, &str) = ("sec-fetch-site", "same-origin");
const JSON: (&str, &str) = ("accept", "application/json");

fn cohort_form(programme: &str, original: &str, slug: &str, close: &str) -> String {
    format!(
        "programme={programme}&original={original}&draft[slug]={slug}\
         &draft[title_ja]=%E3%82%B3%E3%83%8D%E3%82%AF%E3%83%88+2028&draft[title_en]=Connect+2028\
         &draft[venue_ja]=&draft[venue_en]=\
         &draft[applications_open_at]=2027-11-01T10%3A00&draft[applications_close_at]={close}\
         &draft[sessions_start_at]=2028-03-01T09%3A00&draft[sessions_end_at]=2028-03-05T17%3A00"
    )
    .replace('[', "%5B")
    .replace(']', "%5D")
}

async fn save(app: &TestApp, cookie: Option<&str>, body: &str) -> common::Page {
    let mut headers = vec![SAME_ORIGIN, JSON];
    if let Some(c) = cookie {
        headers.push(("cookie", c));
    }
    app.post_form("/api/manage/save-cohort", body, &headers)
        .await
}

async fn audit_count(app: &TestApp) -> u64 {
    audit_event::Entity::find().count(&app.db).await.unwrap()
}

async fn organiser_creates_and_edits_a_cohort(app: TestApp) {
    let cookie = signed_in(&app, "organiser").await;
    let res = save(
        &app,
        Some(&cookie),
        &cohort_form("connect", "", "2028", "2028-01-15T12%3A00"),
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(res.headers["location"], "/manage/connect/2028?saved=1");
    let row = cohort::Entity::find()
        .filter(cohort::Column::Slug.eq("2028"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("created");
    assert_eq!(row.title_en, "Connect 2028");
    assert_eq!(
        row.applications_close_at.to_rfc3339(),
        "2028-01-15T03:00:00+00:00"
    );

    // Rename it with a plain form post (no JavaScript): a real redirect.
    let res = app
        .post_form(
            "/api/manage/save-cohort",
            &cohort_form("connect", "2028", "2028-spring", "2028-01-15T12%3A00"),
            &[SAME_ORIGIN, ("accept", "text/html"), ("cookie", &cookie)],
        )
        .await;
    assert_eq!(res.status, 302);
    assert_eq!(
        res.headers["location"],
        "/manage/connect/2028-spring?saved=1"
    );
    assert_eq!(app.get("/programmes/connect/2028-spring").await.status, 200);
    assert_eq!(app.get("/programmes/connect/2028").await.status, 404);

    let events = audit_event::Entity::find().all(&app.db).await.unwrap();
    let actions: Vec<_> = events.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, vec!["cohort.create", "cohort.update"]);
    assert_eq!(events[1].summary, "changed slug");
    assert!(
        events
            .iter()
            .all(|e| e.actor_id.is_some() && e.programme_id.is_some())
    );

    // Saving without a change records nothing.
    save(
        &app,
        Some(&cookie),
        &cohort_form(
            "connect",
            "2028-spring",
            "2028-spring",
            "2028-01-15T12%3A00",
        ),
    )
    .await;
    assert_eq!(audit_count(&app).await, 2);
}

async fn refusals_change_nothing(app: TestApp) {
    let before = cohort::Entity::find().count(&app.db).await.unwrap();
    let body = cohort_form("camp", "", "2030", "2028-01-15T12%3A00");
    // Anonymous: sign in first.
    assert_eq!(save(&app, None, &body).await.status, 401);
    // A lecturer is not an organiser.
    let lecturer = signed_in(&app, "lecturer").await;
    assert_eq!(save(&app, Some(&lecturer), &body).await.status, 403);
    // An organiser of Connect may not touch Security Camp.
    let organiser = signed_in(&app, "organiser").await;
    let res = save(&app, Some(&organiser), &body).await;
    assert_eq!(res.status, 403);
    assert!(res.body.contains("Forbidden"), "{}", res.body);
    let edit_other = cohort_form("camp", "2026", "2026", "2026-05-25T12%3A00");
    assert_eq!(save(&app, Some(&organiser), &edit_other).await.status, 403);
    // An unknown programme, for someone who may manage some programme.
    let res = save(
        &app,
        Some(&organiser),
        &cohort_form("nope", "", "x", "2028-01-15T12%3A00"),
    )
    .await;
    assert_eq!(res.status, 403);
    assert_eq!(cohort::Entity::find().count(&app.db).await.unwrap(), before);
    assert_eq!(audit_count(&app).await, 0, "no staff action happened");

    // The admin may.
    let admin = signed_in(&app, "admin").await;
    assert_eq!(save(&app, Some(&admin), &body).await.status, 200);
}

async fn bad_input_is_explained_and_not_saved(app: TestApp) {
    let cookie = signed_in(&app, "organiser").await;
    // Close before open, and a slug that is already used.
    let res = save(
        &app,
        Some(&cookie),
        &cohort_form("connect", "", "2027", "2027-01-01T00%3A00"),
    )
    .await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("WindowReversed"), "{}", res.body);
    let res = save(
        &app,
        Some(&cookie),
        &cohort_form("connect", "", "2027", "2028-01-15T12%3A00"),
    )
    .await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("Taken"), "{}", res.body);
    let res = save(
        &app,
        Some(&cookie),
        &cohort_form("connect", "", "Bad Slug", "2028-01-15T12%3A00"),
    )
    .await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("BadSlug"));
    assert_eq!(audit_count(&app).await, 0);
}

async fn organiser_edits_a_track(app: TestApp) {
    let cookie = signed_in(&app, "organiser").await;
    let body = "programme=connect&cohort=2027&original=ai&draft%5Bslug%5D=ai\
        &draft%5Bname_ja%5D=AI+%E3%82%BB%E3%82%AD%E3%83%A5%E3%83%AA%E3%83%86%E3%82%A3&draft%5Bname_en%5D=AI+Security\
        &draft%5Bsummary_ja%5D=%E6%A6%82%E8%A6%81&draft%5Bsummary_en%5D=&draft%5Bdescription_ja%5D=&draft%5Bdescription_en%5D=\
        &draft%5Bvector%5D=tech&draft%5Bfield%5D=ai&draft%5Bdss_role_ja%5D=&draft%5Bdss_role_en%5D=\
        &draft%5Bcapacity%5D=20&draft%5Blecturer_target%5D=5&draft%5Btutor_target%5D=4";
    let res = app
        .post_form(
            "/api/manage/save-track",
            body,
            &[SAME_ORIGIN, JSON, ("cookie", &cookie)],
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(
        res.headers["location"],
        "/manage/connect/2027/tracks/ai?saved=1"
    );
    let t = track::Entity::find()
        .filter(track::Column::Slug.eq("ai"))
        .filter(track::Column::Capacity.eq(20))
        .one(&app.db)
        .await
        .unwrap()
        .expect("updated");
    assert_eq!((t.lecturer_target, t.tutor_target), (5, 4));
    let unknown_field = body.replace("draft%5Bfield%5D=ai", "draft%5Bfield%5D=rail");
    let res = app
        .post_form(
            "/api/manage/save-track",
            &unknown_field,
            &[SAME_ORIGIN, JSON, ("cookie", &cookie)],
        )
        .await;
    assert_eq!(res.status, 422);
}

async fn manage_pages_need_an_organiser(app: TestApp) {
    assert_eq!(app.get("/manage/connect").await.status, 401);
    let lecturer = signed_in(&app, "lecturer").await;
    assert_eq!(
        app.get_with("/manage/connect", &[("cookie", &lecturer)])
            .await
            .status,
        403
    );
    let organiser = signed_in(&app, "organiser").await;
    let page = app
        .get_with("/manage/connect/2027", &[("cookie", &organiser)])
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("name=\"draft[title_ja]\""));
    assert!(
        page.body.contains("value=\"2027-01-15T12:00\""),
        "times shown in JST"
    );
    let page = app.get_with("/manage", &[("cookie", &organiser)]).await;
    assert!(page.body.contains("href=\"/manage/connect\""));
    assert!(!page.body.contains("href=\"/manage/camp\""));
}

/// Without JavaScript a refused save comes back to the form with what was
/// typed (once), not with the saved values; with JavaScript nothing is kept
/// (the form in the page still holds it).
async fn a_refused_plain_post_keeps_what_was_typed(app: TestApp) {
    let cookie = signed_in(&app, "organiser").await;
    // A new title, and a deadline after the sessions start: refused.
    let body = cohort_form("connect", "2027", "2027", "2029-01-01T00%3A00");
    let plain = [
        SAME_ORIGIN,
        ("cookie", cookie.as_str()),
        ("accept", "text/html"),
        ("referer", "http://127.0.0.1:3000/manage/connect/2027"),
    ];
    let res = app
        .post_form("/api/manage/save-cohort", &body, &plain)
        .await;
    assert_eq!(res.status, 302, "{}", res.body);
    let back = res.headers["location"].to_str().unwrap();
    let back = back.trim_start_matches("http://127.0.0.1:3000");
    let page = app.get_with(back, &[("cookie", cookie.as_str())]).await;
    assert!(
        page.body.contains(r#"value="Connect 2028""#),
        "typed title kept"
    );
    assert!(
        page.body
            .contains("開催開始は応募締切より後にしてください。")
    );
    let again = app
        .get_with("/manage/connect/2027", &[("cookie", cookie.as_str())])
        .await;
    assert!(
        !again.body.contains(r#"value="Connect 2028""#),
        "kept once only"
    );

    // The same refusal from the JavaScript client keeps nothing.
    let res = save(&app, Some(&cookie), &body).await;
    assert_eq!(res.status, 422);
    let page = app
        .get_with("/manage/connect/2027", &[("cookie", cookie.as_str())])
        .await;
    assert!(!page.body.contains(r#"value="Connect 2028""#));
}

on_both_backends!(typed_kept, true, a_refused_plain_post_keeps_what_was_typed);
on_both_backends!(create_and_edit, true, organiser_creates_and_edits_a_cohort);
on_both_backends!(refusals, true, refusals_change_nothing);
on_both_backends!(bad_input, true, bad_input_is_explained_and_not_saved);
on_both_backends!(track_edit, true, organiser_edits_a_track);
on_both_backends!(pages, true, manage_pages_need_an_organiser);
