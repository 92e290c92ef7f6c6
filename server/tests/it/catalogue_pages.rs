//! The public catalogue pages, rendered by the real router on SQLite and
//! PostgreSQL: content, language, grouping, filtering, 404s and health.

use crate::common::{self, TestApp, on_both_backends};

fn position(body: &str, needle: &str) -> usize {
    body.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in page"))
}

async fn home_lists_programmes_and_cohorts(app: TestApp) {
    let page = app.get("/").await;
    assert_eq!(page.status, 200);
    assert!(
        page.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    for text in [
        "<html lang=\"ja\"",
        "セキュリティ・キャンプ・コネクト",
        "href=\"/programmes/connect/2027\"",
        "href=\"/programmes/camp/2026\"",
        "募集中",
        "終了",
    ] {
        assert!(page.body.contains(text), "home lacks {text:?}");
    }
    // Landmarks and the skip link.
    for tag in ["<header", "<main id=\"main\"", "<footer", "href=\"#main\""] {
        assert!(page.body.contains(tag), "home lacks {tag:?}");
    }
}

async fn english_by_header_and_by_cookie(app: TestApp) {
    let en = app
        .get_with("/", &[("accept-language", "en-US,en;q=0.9")])
        .await;
    assert_eq!(en.status, 200);
    assert!(en.body.contains("<html lang=\"en\""));
    assert!(en.body.contains("Security Camp Connect 2027"));
    assert!(en.body.contains("Applications open"));

    // The cookie wins over the header.
    let ja = app
        .get_with(
            "/",
            &[("accept-language", "en"), ("cookie", "i18n_pref_locale=ja")],
        )
        .await;
    assert!(ja.body.contains("<html lang=\"ja\""));
    assert!(ja.body.contains("募集中"));
}

async fn language_switch_sets_cookie_and_stays_on_site(app: TestApp) {
    let res = app
        .get("/lang/en?next=%2Fprogrammes%2Fconnect%2F2027%3Ffield%3Dai")
        .await;
    assert_eq!(res.status, 303);
    assert_eq!(res.headers["location"], "/programmes/connect/2027?field=ai");
    let cookie = res.headers["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("i18n_pref_locale=en;"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"));

    for evil in ["//evil.example", "https://evil.example", "/%5Cevil.example"] {
        let res = app.get(&format!("/lang/ja?next={evil}")).await;
        assert_eq!(res.status, 303);
        assert_eq!(res.headers["location"], "/", "{evil}");
    }
    assert_eq!(app.get("/lang/fr").await.status, 404);
}

async fn cohort_groups_tracks_by_vector(app: TestApp) {
    let page = app.get("/programmes/connect/2027").await;
    assert_eq!(page.status, 200);
    let industry = position(&page.body, "産業コネクト</h3>");
    let tech = position(&page.body, "テックコネクト</h3>");
    assert!(industry < tech, "industry-connect comes first");
    // Automotive sits under industry-connect, AI under tech-connect.
    let automotive = position(&page.body, "車載セキュリティトラック");
    let ai = position(&page.body, "AI セキュリティトラック");
    assert!(industry < automotive && automotive < tech && tech < ai);
    // Times are shown in JST.
    assert!(page.body.contains("2026年11月1日 10:00 JST"));
    assert!(page.body.contains("2027年1月15日 12:00 JST"));
    // The field filter offers each field.
    for field in ["?field=automotive", "?field=quantum"] {
        assert!(page.body.contains(field), "filter lacks {field}");
    }
}

async fn field_filter_narrows_the_tracks(app: TestApp) {
    let page = app.get("/programmes/connect/2027?field=ai").await;
    assert_eq!(page.status, 200);
    // Track cards link their names; the page's hydration data still holds
    // every track, so look for the cards' links.
    let card = |slug: &str| format!("<h4><a href=\"/programmes/connect/2027/tracks/{slug}\">");
    assert!(page.body.contains(&card("ai")));
    assert!(!page.body.contains(&card("automotive")));
    assert!(!page.body.contains("産業コネクト</h3>"));

    let none = app.get("/programmes/connect/2027?field=unknown").await;
    assert_eq!(none.status, 200);
    assert!(none.body.contains("この分野のトラックはありません。"));
}

async fn track_page_shows_the_track(app: TestApp) {
    let page = app
        .get_with(
            "/programmes/connect/2027/tracks/automotive",
            &[("accept-language", "en")],
        )
        .await;
    assert_eq!(page.status, 200);
    for text in [
        "<h1>Automotive Security</h1>",
        "industry-connect",
        "Automotive",
        "Software engineer × cyber security",
        "Security Camp Connect 2027",
    ] {
        assert!(page.body.contains(text), "track page lacks {text:?}");
    }
}

async fn unknown_records_give_the_404_page(app: TestApp) {
    for path in [
        "/programmes/nope",
        "/programmes/camp/1999",
        "/programmes/connect/2027/tracks/nope",
        "/programmes/CAMP",
        "/programmes/camp/2026/tracks/%E8%87%AA",
        "/programmes/camp/2026/tracks/..%2f..",
        "/no/such/page",
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status, 404, "{path}");
        assert!(page.body.contains("ページが見つかりません"), "{path}");
    }
}

async fn health_answers_while_the_database_does(app: TestApp) {
    let page = app.get("/healthz").await;
    assert_eq!((page.status, page.body.as_str()), (200, "ok"));
    app.db.clone().close().await.unwrap();
    assert_eq!(app.get("/healthz").await.status, 503);
}

async fn empty_catalogue_says_so(app: TestApp) {
    let page = app.get("/").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("まだプログラムはありません。"));
}

/// A name with markup in it is shown as text in the page and in its
/// `<title>` too (leptos_meta writes the title unescaped; the app escapes
/// it), so it can neither end the title element nor run.
async fn markup_in_a_name_stays_text_in_the_title(app: TestApp) {
    use camp_connect_app::store::entities::track;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
    let payload = "</title><script>alert(1)</script>&";
    track::Entity::update_many()
        .col_expr(track::Column::NameJa, Expr::value(payload))
        .filter(track::Column::Slug.eq("ai"))
        .exec(&app.db)
        .await
        .unwrap();
    let page = app.get("/programmes/connect/2027/tracks/ai").await;
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("<script>alert(1)"), "{}", page.body);
    let title = &page.body[position(&page.body, "<title>")..position(&page.body, "</title>")];
    assert!(
        title.contains("&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;"),
        "{title}"
    );
}

/// Text stored in a form field comes back into its `<textarea>` as text:
/// Leptos writes a textarea's children unescaped, so the app escapes them
/// (`components::text::textarea_html`); a value holding `</textarea>`
/// cannot end the element and run.
async fn markup_in_a_textarea_stays_text(app: TestApp) {
    use camp_connect_app::store::entities::eligibility;
    use sea_orm::{EntityTrait, sea_query::Expr};
    let payload = "</textarea><script>alert(1)</script>&amp;";
    eligibility::Entity::update_many()
        .col_expr(eligibility::Column::DeclarationsJa, Expr::value(payload))
        .exec(&app.db)
        .await
        .unwrap();
    let organiser = common::signed_in(&app, "organiser").await;
    let page = app
        .get_with("/manage/connect/eligibility", &[("cookie", &organiser)])
        .await;
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("<script>alert(1)"), "{}", page.body);
    assert!(
        page.body
            .contains("&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;amp;"),
        "{}",
        page.body
    );
}

on_both_backends!(textarea_escaped, true, markup_in_a_textarea_stays_text);
on_both_backends!(
    title_escaped,
    true,
    markup_in_a_name_stays_text_in_the_title
);
on_both_backends!(home, true, home_lists_programmes_and_cohorts);
on_both_backends!(language, true, english_by_header_and_by_cookie);
on_both_backends!(
    language_switch,
    true,
    language_switch_sets_cookie_and_stays_on_site
);
on_both_backends!(cohort_grouping, true, cohort_groups_tracks_by_vector);
on_both_backends!(field_filter, true, field_filter_narrows_the_tracks);
on_both_backends!(track_page, true, track_page_shows_the_track);
on_both_backends!(not_found, true, unknown_records_give_the_404_page);
on_both_backends!(health, true, health_answers_while_the_database_does);
on_both_backends!(empty, false, empty_catalogue_says_so);
