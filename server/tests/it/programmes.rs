//! Administrators making and editing programmes and fields through the real
//! server functions and pages, on SQLite and PostgreSQL: the public pages
//! follow, refusals (taken or fixed slugs, fields in use, non-admins) are
//! explained and change nothing, and every change is audited.

use crate::common::{Page, TestApp, call, on_both_backends, signed_in};
use camp_connect_app::domain::url::encode_query_value as enc;
use camp_connect_app::store::entities::{audit_event, field, programme};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

const SAME_ORIGIN: (&str, &str) = ("sec-fetch-site", "same-origin");

/// A programme form: `original` and the draft's values, percent-encoded.
fn programme_form(
    original: &str,
    slug: &str,
    name_ja: &str,
    name_en: &str,
    position: &str,
) -> String {
    let draft = [
        ("slug", slug),
        ("kind", "camp"),
        ("name_ja", name_ja),
        ("name_en", name_en),
        (
            "description_ja",
            "修了生が次の一歩を踏み出すためのプログラムです。",
        ),
        ("description_en", "The next step for alumni."),
        ("position", position),
    ];
    form(original, &draft)
}

fn field_form(original: &str, slug: &str, name_ja: &str, name_en: &str) -> String {
    form(
        original,
        &[("slug", slug), ("name_ja", name_ja), ("name_en", name_en)],
    )
}

fn form(original: &str, draft: &[(&str, &str)]) -> String {
    let mut body = format!("original={}", enc(original));
    for (k, v) in draft {
        body.push_str(&format!("&{}={}", enc(&format!("draft[{k}]")), enc(v)));
    }
    body
}

/// A field save by `cookie`'s person.
async fn save_field(app: &TestApp, cookie: &str, body: &str) -> Page {
    call(app, cookie, "/api/admin/save-field", body).await
}

/// Fails unless `res` refused the input for `problem` (its name in the
/// answer), with the body in the failure.
fn assert_refused(res: &Page, problem: &str) {
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains(problem), "{problem}: {}", res.body);
}

async fn audit_rows(app: &TestApp, entity: &str) -> Vec<audit_event::Model> {
    audit_event::Entity::find()
        .filter(audit_event::Column::Entity.eq(entity))
        .order_by_asc(audit_event::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
}

async fn programme_row(app: &TestApp, slug: &str) -> Option<programme::Model> {
    programme::Entity::find()
        .filter(programme::Column::Slug.eq(slug))
        .one(&app.db)
        .await
        .unwrap()
}

async fn admin_creates_and_edits_a_programme(app: TestApp) {
    let admin = signed_in(&app, "admin").await;
    let body = programme_form("", "next", "ネクスト", "Next", "3");
    let res = call(&app, &admin, "/api/admin/save-programme", &body).await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(res.headers["location"], "/admin/programmes/next?saved=1");

    // The home page and the programme's page show it at once.
    let home = app.get("/").await;
    assert!(home.body.contains(r#"href="/programmes/next""#), "on /");
    assert!(home.body.contains("ネクスト"));
    let page = app.get("/programmes/next").await;
    assert_eq!(page.status, 200);
    assert!(
        page.body
            .contains("修了生が次の一歩を踏み出すためのプログラムです。")
    );
    // Listed after the demo's two (positions 1 and 2), before nothing.
    let order = home.body.find("/programmes/connect").unwrap()
        < home.body.find("/programmes/next").unwrap();
    assert!(order, "listed by position");

    // Edit: English name and position; the audit row says before and after.
    let body = programme_form("next", "next", "ネクスト", "Security Camp Next", "0");
    let res = call(&app, &admin, "/api/admin/save-programme", &body).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let home = app.get("/").await;
    assert!(
        home.body.find("/programmes/next").unwrap() < home.body.find("/programmes/camp").unwrap(),
        "position 0 comes first"
    );
    let rows = audit_rows(&app, "programme").await;
    let actions: Vec<&str> = rows.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["programme.create", "programme.update"]);
    assert!(
        rows[0]
            .summary
            .starts_with("created programme next: kind=\"camp\""),
        "{}",
        rows[0].summary
    );
    assert_eq!(
        rows[1].summary,
        r#"changed programme next: name_en: "Next" → "Security Camp Next"; position: "3" → "0""#
    );
    let id = programme_row(&app, "next").await.unwrap().id;
    assert!(
        rows.iter()
            .all(|e| e.actor_id.is_some() && e.programme_id == Some(id))
    );
    // Saving the same values again records nothing.
    call(&app, &admin, "/api/admin/save-programme", &body).await;
    assert_eq!(audit_rows(&app, "programme").await.len(), 2);

    // No cohorts yet: the slug may change, and the old address is gone.
    let renamed = programme_form("next", "camp-next", "ネクスト", "Security Camp Next", "0");
    let res = call(&app, &admin, "/api/admin/save-programme", &renamed).await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(app.get("/programmes/camp-next").await.status, 200);
    assert_eq!(app.get("/programmes/next").await.status, 404);

    // The admin makes an organiser, who creates a cohort.
    let res = call(
        &app,
        &admin,
        "/api/admin/grant-organiser",
        "email=demo-lecturer%40example.jp&programme=camp-next",
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let lecturer = signed_in(&app, "lecturer").await;
    let cohort = "programme=camp-next&original=&draft%5Bslug%5D=2028\
        &draft%5Btitle_ja%5D=%E3%83%8D%E3%82%AF%E3%82%B9%E3%83%88+2028&draft%5Btitle_en%5D=Next+2028\
        &draft%5Bvenue_ja%5D=&draft%5Bvenue_en%5D=\
        &draft%5Bapplications_open_at%5D=2027-11-01T10%3A00&draft%5Bapplications_close_at%5D=2028-01-15T12%3A00\
        &draft%5Bsessions_start_at%5D=2028-03-01T09%3A00&draft%5Bsessions_end_at%5D=2028-03-05T17%3A00";
    let res = call(&app, &lecturer, "/api/manage/save-cohort", cohort).await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(app.get("/programmes/camp-next/2028").await.status, 200);

    // With a cohort the slug is fixed; names still change.
    let before = programme_row(&app, "camp-next").await.unwrap();
    let moved = programme_form("camp-next", "next-camp", "ネクスト", "Next", "0");
    let res = call(&app, &admin, "/api/admin/save-programme", &moved).await;
    assert_refused(&res, "SlugInUse");
    assert_eq!(
        programme_row(&app, "camp-next").await.unwrap(),
        before,
        "nothing changed"
    );
    let page = app
        .get_with("/admin/programmes/camp-next", &[("cookie", &admin)])
        .await;
    assert_eq!(page.status, 200);
    assert!(
        page.body
            .contains("開催回があるため、URL 名は変更できません")
    );
    let renamed = programme_form("camp-next", "camp-next", "ネクスト", "Next", "0");
    let res = call(&app, &admin, "/api/admin/save-programme", &renamed).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let list = app
        .get_with("/admin/programmes", &[("cookie", &admin)])
        .await;
    assert_eq!(list.status, 200);
    assert!(list.body.contains(r#"href="/admin/programmes/camp-next""#));
}

async fn taken_and_reserved_slugs_are_refused(app: TestApp) {
    let admin = signed_in(&app, "admin").await;
    let count = programme::Entity::find().count(&app.db).await.unwrap();
    for (slug, problem) in [
        ("connect", "Taken"),
        ("new", "ReservedSlug"),
        ("Next!", "BadSlug"),
    ] {
        let body = programme_form("", slug, "ネクスト", "Next", "3");
        let res = call(&app, &admin, "/api/admin/save-programme", &body).await;
        assert_eq!(res.status, 422, "{slug}: {}", res.body);
        assert!(res.body.contains(problem), "{slug}: {}", res.body);
    }
    // A programme without cohorts renamed to a taken slug: the database's
    // unique index refuses it, and that reads as "taken" too.
    let body = programme_form("", "next", "ネクスト", "Next", "3");
    assert_eq!(
        call(&app, &admin, "/api/admin/save-programme", &body)
            .await
            .status,
        200
    );
    let before = programme_row(&app, "next").await.unwrap();
    let clash = programme_form("next", "connect", "ネクスト", "Next", "3");
    let res = call(&app, &admin, "/api/admin/save-programme", &clash).await;
    assert_refused(&res, "Taken");
    assert_eq!(programme_row(&app, "next").await.unwrap(), before);
    assert_eq!(
        programme::Entity::find().count(&app.db).await.unwrap(),
        count + 1
    );
    assert_eq!(
        audit_rows(&app, "programme").await.len(),
        1,
        "only the create"
    );

    // Two administrators' saves racing for one slug: one wins, the other
    // is told the slug is taken (never a server error).
    let a = programme_form("", "junior", "ジュニア", "Junior", "4");
    let b = programme_form("", "junior", "ジュニア大会", "Junior Camp", "5");
    let (ra, rb) = tokio::join!(
        call(&app, &admin, "/api/admin/save-programme", &a),
        call(&app, &admin, "/api/admin/save-programme", &b)
    );
    let mut statuses = [ra.status, rb.status];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 422], "{} / {}", ra.body, rb.body);
    assert!(ra.body.contains("Taken") || rb.body.contains("Taken"));
    assert_eq!(
        programme::Entity::find().count(&app.db).await.unwrap(),
        count + 2
    );

    // Without JavaScript a refused post comes back with the typing and the
    // message in the person's language.
    let plain = [
        SAME_ORIGIN,
        ("cookie", admin.as_str()),
        ("accept", "text/html"),
        ("referer", "http://127.0.0.1:3000/admin/programmes/new"),
    ];
    let body = programme_form("", "connect", "ミニキャンプ", "Mini Camp", "6");
    let res = app
        .post_form("/api/admin/save-programme", &body, &plain)
        .await;
    assert_eq!(res.status, 302, "{}", res.body);
    let back = res.headers["location"].to_str().unwrap();
    let back = back.trim_start_matches("http://127.0.0.1:3000");
    let page = app.get_with(back, &[("cookie", admin.as_str())]).await;
    assert!(
        page.body.contains(r#"value="ミニキャンプ""#),
        "typed name kept"
    );
    assert!(page.body.contains("この URL 名はすでに使われています。"));
}

/// The headers of the JavaScript client, as `cookie` (or anonymous).
fn headers(cookie: Option<&str>) -> Vec<(&str, &str)> {
    let mut h = vec![SAME_ORIGIN, ("accept", "application/json")];
    if let Some(c) = cookie {
        h.push(("cookie", c));
    }
    h
}

async fn only_administrators_reach_programmes_and_fields(app: TestApp) {
    let count = programme::Entity::find().count(&app.db).await.unwrap();
    let fields = field::Entity::find().count(&app.db).await.unwrap();
    let programme = programme_form("", "next", "ネクスト", "Next", "3");
    let new_field = field_form("", "rail", "鉄道", "Railways");
    let mut people = vec![(None, 401)];
    for who in ["applicant", "organiser"] {
        people.push((Some(signed_in(&app, who).await), 403));
    }
    for (cookie, status) in &people {
        let h = headers(cookie.as_deref());
        for (path, body) in [
            ("/api/admin/save-programme", programme.as_str()),
            ("/api/admin/save-field", new_field.as_str()),
            ("/api/admin/delete-field", "field=ai"),
            ("/api/admin/programmes", ""),
            ("/api/admin/programme", "programme=connect"),
            ("/api/admin/fields", ""),
        ] {
            let res = app.post_form(path, body, &h).await;
            assert_eq!(res.status, *status, "{path} as {cookie:?}: {}", res.body);
        }
        for path in [
            "/admin/programmes",
            "/admin/programmes/new",
            "/admin/fields/ai",
        ] {
            let page = app.get_with(path, &h).await;
            assert_eq!(page.status, *status, "{path}");
        }
    }
    assert_eq!(
        programme::Entity::find().count(&app.db).await.unwrap(),
        count
    );
    assert_eq!(field::Entity::find().count(&app.db).await.unwrap(), fields);
    assert_eq!(audit_event::Entity::find().count(&app.db).await.unwrap(), 0);
    // An administrator asking for an unknown one hears "not found".
    let admin = signed_in(&app, "admin").await;
    let res = call(&app, &admin, "/api/admin/programme", "programme=nope").await;
    assert_eq!(res.status, 404);
    let page = app
        .get_with("/admin/fields/nope", &[("cookie", &admin)])
        .await;
    assert_eq!(page.status, 404);
}

async fn admin_manages_fields(app: TestApp) {
    let admin = signed_in(&app, "admin").await;
    let res = save_field(&app, &admin, &field_form("", "rail", "鉄道", "Rail")).await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(res.headers["location"], "/admin/fields/rail?saved=1");
    // Organisers can put a track in it, and alumni can name it.
    let organiser = signed_in(&app, "organiser").await;
    let cohort = app
        .get_with("/manage/connect/2027", &[("cookie", &organiser)])
        .await;
    assert!(
        cohort.body.contains(r#"<option value="rail""#),
        "offered on the track form"
    );
    let list = app.get_with("/admin/fields", &[("cookie", &admin)]).await;
    assert!(list.body.contains(r#"href="/admin/fields/rail""#));

    // Edit the English name; a taken slug is refused and changes nothing.
    let res = save_field(
        &app,
        &admin,
        &field_form("rail", "rail", "鉄道", "Railways"),
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let res = save_field(&app, &admin, &field_form("rail", "ai", "鉄道", "Railways")).await;
    assert_refused(&res, "Taken");
    let res = save_field(&app, &admin, &field_form("", "space", "宇宙2", "Space 2")).await;
    assert_refused(&res, "Taken");

    // Someone says they could tutor in it: now it is in use.
    let alumnus = signed_in(&app, "alumnus").await;
    let res = call(
        &app,
        &alumnus,
        "/api/availability/save",
        "tutoring=on&fields%5Brail%5D=on",
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let res = call(&app, &admin, "/api/admin/delete-field", "field=rail").await;
    assert_refused(&res, "FieldInUse");
    let res = save_field(
        &app,
        &admin,
        &field_form("rail", "railways", "鉄道", "Railways"),
    )
    .await;
    assert_refused(&res, "SlugInUse");
    let page = app
        .get_with("/admin/fields/rail", &[("cookie", &admin)])
        .await;
    assert!(page.body.contains("URL 名の変更と削除はできません"));
    assert!(!page.body.contains("この分野を削除する"));
    // A track's field is in use too.
    assert_eq!(
        call(&app, &admin, "/api/admin/delete-field", "field=ai")
            .await
            .status,
        422
    );

    // A field nothing uses is deleted, and the log keeps its names.
    let res = save_field(
        &app,
        &admin,
        &field_form("", "social", "社会科学", "Social sciences"),
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let page = app
        .get_with("/admin/fields/social", &[("cookie", &admin)])
        .await;
    assert!(page.body.contains("この分野を削除する"));
    let res = call(&app, &admin, "/api/admin/delete-field", "field=social").await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(
        app.get_with("/admin/fields/social", &[("cookie", &admin)])
            .await
            .status,
        404
    );
    assert_eq!(
        call(&app, &admin, "/api/admin/delete-field", "field=social")
            .await
            .status,
        404
    );
    let kept = field::Entity::find()
        .filter(field::Column::Slug.is_in(["rail", "ai"]))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(kept, 2, "the fields in use stay");
    let rows = audit_rows(&app, "field").await;
    let actions: Vec<&str> = rows.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "field.create",
            "field.update",
            "field.create",
            "field.delete"
        ]
    );
    assert_eq!(
        rows[1].summary,
        r#"changed field rail: name_en: "Rail" → "Railways""#
    );
    assert_eq!(
        rows[3].summary,
        r#"deleted field social: name_ja="社会科学", name_en="Social sciences""#
    );
    assert!(
        rows.iter()
            .all(|e| e.actor_id.is_some() && e.programme_id.is_none())
    );
}

on_both_backends!(create_and_edit, true, admin_creates_and_edits_a_programme);
on_both_backends!(slugs, true, taken_and_reserved_slugs_are_refused);
on_both_backends!(
    admins_only,
    true,
    only_administrators_reach_programmes_and_fields
);
on_both_backends!(fields, true, admin_manages_fields);
