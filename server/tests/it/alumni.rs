//! Alumni profiles through the real router, on SQLite and PostgreSQL: the
//! visibility matrix (every part × every setting × every kind of viewer,
//! through the profile page, the directory page, the directory search and
//! filters, and the JSON API), the consent to be listed publicly, search in
//! Japanese and English (two-character words, kana and kanji, full-width
//! and half-width), markup shown as text, refusals that keep what was
//! typed, the skills history and the cohort distribution.

use crate::common::{self, TestApp, on_both_backends, signed_in};
use camp_connect_app::domain::alumni::directory::{DirectoryPage, DirectoryQuery};
use camp_connect_app::domain::alumni::skills::SkillsPage;
use camp_connect_app::domain::alumni::visibility::Viewer;
use camp_connect_app::domain::alumni::{Level, Part, ProfileView, Visibility};
use camp_connect_app::domain::url::encode_query_value as enc;
use camp_connect_app::store::alumni::directory as directory_store;
use camp_connect_app::store::alumni::index::DirectoryIndex;
use camp_connect_app::store::identity::account_by_email;

const SAME_ORIGIN: (&str, &str) = ("sec-fetch-site", "same-origin");

/// The kinds of viewer, as demo accounts (`None`: anonymous).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Who {
    Anonymous,
    /// Signed in, neither alumnus nor staff: the public.
    Applicant,
    /// Another alumna: the community.
    Alumna,
    /// A tutor: staff, the community.
    Tutor,
    /// An organiser.
    Organiser,
    /// The profile's owner.
    Owner,
}

const VIEWERS: [Who; 6] = [
    Who::Anonymous,
    Who::Applicant,
    Who::Alumna,
    Who::Tutor,
    Who::Organiser,
    Who::Owner,
];

impl Who {
    fn demo(self) -> Option<&'static str> {
        match self {
            Who::Anonymous => None,
            Who::Applicant => Some("applicant"),
            Who::Alumna => Some("alumna"),
            Who::Tutor => Some("tutor"),
            Who::Organiser => Some("organiser"),
            Who::Owner => Some("alumnus"),
        }
    }
}

/// The cookies of every viewer (empty for anonymous).
async fn cookies(app: &TestApp) -> Vec<(Who, String)> {
    let mut out = Vec::new();
    for w in VIEWERS {
        let c = match w.demo() {
            Some(d) => signed_in(app, d).await,
            None => String::new(),
        };
        out.push((w, c));
    }
    out
}

/// Calls a server function as the Leptos client does.
async fn api(app: &TestApp, cookie: &str, path: &str, body: &str) -> common::Page {
    let mut headers = vec![SAME_ORIGIN, ("accept", "application/json")];
    if !cookie.is_empty() {
        headers.push(("cookie", cookie));
    }
    app.post_form(path, body, &headers).await
}

async fn page(app: &TestApp, cookie: &str, path: &str) -> common::Page {
    if cookie.is_empty() {
        app.get(path).await
    } else {
        app.get_with(path, &[("cookie", cookie)]).await
    }
}

/// A form body of `draft[k]=v` pairs.
fn form(pairs: &[(&str, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("draft[{k}]={}", enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Saves a profile as `cookie`; panics unless it is saved.
async fn save(app: &TestApp, cookie: &str, pairs: &[(&str, String)]) {
    let res = api(app, cookie, "/api/alumni/save", &form(pairs)).await;
    assert_eq!(res.status, 200, "{}", res.body);
}

async fn directory(app: &TestApp, cookie: &str, query: &str) -> DirectoryPage {
    let res = api(app, cookie, "/api/alumni/directory", query).await;
    assert_eq!(res.status, 200, "{query}: {}", res.body);
    serde_json::from_str(&res.body).unwrap()
}

async fn id_of(app: &TestApp, who: &str) -> i32 {
    account_by_email(&app.db, &format!("demo-{who}@example.jp"))
        .await
        .unwrap()
        .unwrap()
        .id
}

/// Text that marks each part in pages and answers, and a search term and
/// directory filter that find the profile through it (where there is one).
fn marker(part: Part) -> &'static str {
    match part {
        Part::Name => "mkname",
        Part::Headline => "mkheadline",
        Part::Affiliation => "mkaffil",
        Part::Experience => "mkexp",
        Part::Skills => "mkskill",
        Part::Qualifications => "mkqual",
        Part::Links => "mklink",
        Part::OpenTo => "consulting",
        Part::Camp => "camp",
    }
}

/// A profile with every part filled, `part` set to `setting` and every
/// other part private; listed publicly.
fn profile_form(
    part: Part,
    setting: Visibility,
    hide_employer: bool,
) -> Vec<(&'static str, String)> {
    let mut f: Vec<(&str, String)> = vec![
        ("name_ja", "mkname 鈴木".into()),
        ("name_en", "mkname Suzuki".into()),
        ("headline", "mkheadline".into()),
        ("affiliation", "mkaffil".into()),
        ("exp0_industry", "金融".into()),
        ("exp0_role", "CSIRT".into()),
        ("exp0_text", "mkexp".into()),
        ("skill0_name", "mkskill".into()),
        ("skill0_level", "3".into()),
        ("q_other", "on".into()),
        ("q_other_text", "mkqual".into()),
        ("link0_label", "mklink".into()),
        ("link0_url", "https://example.com/mklink".into()),
        ("open_consulting", "on".into()),
        ("listed_externally", "on".into()),
    ];
    if hide_employer {
        f.push(("hide_employer", "on".into()));
    }
    for p in Part::ALL {
        let v = if p == part {
            setting
        } else {
            Visibility::Private
        };
        f.push((vis_key(p), v.as_str().into()));
    }
    f
}

fn vis_key(p: Part) -> &'static str {
    match p {
        Part::Name => "vis_name",
        Part::Headline => "vis_headline",
        Part::Affiliation => "vis_affiliation",
        Part::Experience => "vis_experience",
        Part::Skills => "vis_skills",
        Part::Qualifications => "vis_qualifications",
        Part::Links => "vis_links",
        Part::OpenTo => "vis_open_to",
        Part::Camp => "vis_camp",
    }
}

/// What the rules of the issue say, written out independently of the
/// domain module: private is the owner's; community is for signed-in
/// alumni and staff; "hide my employer" leaves the affiliation to
/// organisers (and the owner).
fn allowed(who: Who, part: Part, setting: Visibility, hide: bool) -> bool {
    let public_viewer = matches!(who, Who::Anonymous | Who::Applicant);
    match (who, setting) {
        (Who::Owner, _) => true,
        (_, Visibility::Private) => false,
        (_, Visibility::Community) if public_viewer => false,
        _ if part == Part::Affiliation && hide => who == Who::Organiser,
        _ => true,
    }
}

/// Whether HTML shows `part` (its labelled element).
fn html_shows(body: &str, part: Part) -> bool {
    body.contains(&format!("data-part=\"{}\"", part_key(part)))
}

fn part_key(p: Part) -> &'static str {
    p.key()
}

/// The directory query that finds the profile through `part`: a search
/// term for text parts, a filter for the others (none for links).
fn finding_query(part: Part) -> Option<String> {
    match part {
        Part::Links => None,
        Part::Camp => Some("query[programme]=camp".into()),
        Part::Skills => Some("query[skill]=MKSKILL&query[level]=2".into()),
        Part::Qualifications => Some("query[q]=mkqual&query[qualification]=other".into()),
        Part::OpenTo => Some("query[open_to]=consulting&query[q]=consulting".into()),
        p => Some(format!("query[q]={}", marker(p))),
    }
}

async fn every_part_every_setting_every_viewer(app: TestApp) {
    let viewers = cookies(&app).await;
    let owner_cookie = viewers[5].1.clone();
    let owner = id_of(&app, "alumnus").await;
    let profile_path = format!("/alumni/{owner}");
    let mut cases = Vec::new();
    for part in Part::ALL {
        for setting in Visibility::ALL {
            cases.push((part, setting, false));
            if part == Part::Affiliation {
                cases.push((part, setting, true));
            }
        }
    }
    for (part, setting, hide) in cases {
        save(&app, &owner_cookie, &profile_form(part, setting, hide)).await;
        for (who, cookie) in &viewers {
            let expected = allowed(*who, part, setting, hide);
            let ctx = format!("{part:?} {setting:?} hide={hide} as {who:?}");
            // The JSON API.
            let res = api(&app, cookie, "/api/alumni/profile", &format!("id={owner}")).await;
            assert_eq!(res.status, 200, "{ctx}: {}", res.body);
            let v: ProfileView = serde_json::from_str(&res.body).unwrap();
            assert_eq!(v.shows(part), expected, "api {ctx}");
            for other in Part::ALL.into_iter().filter(|o| *o != part) {
                assert_eq!(v.shows(other), *who == Who::Owner, "api {other:?} {ctx}");
            }
            // The profile page.
            let p = page(&app, cookie, &profile_path).await;
            assert_eq!(p.status, 200, "{ctx}");
            assert_eq!(html_shows(&p.body, part), expected, "page {ctx}");
            if part != Part::Camp && part != Part::OpenTo {
                assert_eq!(p.body.contains(marker(part)), expected, "page text {ctx}");
            }
            // The directory page lists the profile with the same parts.
            let d = page(&app, cookie, "/alumni").await;
            assert!(
                d.body.contains(&format!("href=\"{profile_path}\"")),
                "listed {ctx}"
            );
            assert_eq!(html_shows(&d.body, part), expected, "directory {ctx}");
            // Searching and filtering find it through the part only where
            // allowed; in the directory the owner searches as any member
            // of the community does.
            let searcher = if *who == Who::Owner {
                Who::Alumna
            } else {
                *who
            };
            let expected = allowed(searcher, part, setting, hide);
            if let Some(q) = finding_query(part) {
                let found = directory(&app, cookie, &q).await;
                assert_eq!(found.total == 1, expected, "search {q} {ctx}");
                let html = page(
                    &app,
                    cookie,
                    &format!("/alumni?{}", q.replace("query[", "").replace(']', "")),
                )
                .await;
                assert_eq!(
                    html.body.contains(&format!("href=\"{profile_path}\"")),
                    expected,
                    "search page {q} {ctx}"
                );
            }
        }
    }
    // The owner's data export holds the whole profile.
    let export = app
        .get_with("/api/account/export", &[("cookie", owner_cookie.as_str())])
        .await;
    assert_eq!(export.status, 200);
    for part in [Part::Name, Part::Headline, Part::Affiliation, Part::Skills] {
        assert!(export.body.contains(marker(part)), "export {part:?}");
    }
}

on_both_backends!(
    visibility_matrix,
    true,
    every_part_every_setting_every_viewer
);

/// An organiser sees the organiser-only parts (a hidden employer) of the
/// people of their own programme only: the demo alumna completed Security
/// Camp and has nothing to do with Connect, so Connect's organiser sees her
/// as any community member does (profile, API, directory page, search),
/// while Security Camp's organiser and an administrator see her employer.
async fn organisers_see_organiser_parts_of_their_programmes_people_only(app: TestApp) {
    let alumna = signed_in(&app, "alumna").await;
    let alumnus = signed_in(&app, "alumnus").await;
    let mut hidden = profile_form(Part::Affiliation, Visibility::Community, true);
    for (k, v) in &mut hidden {
        match *k {
            "name_ja" | "name_en" => *v = "mkrei".into(),
            "affiliation" => *v = "mksecretemployer".into(),
            "vis_name" => *v = "community".into(),
            _ => {}
        }
    }
    save(&app, &alumna, &hidden).await;
    // The demo alumnus completed a Connect track: Connect's own.
    let mut his = hidden.clone();
    for (k, v) in &mut his {
        match *k {
            "name_ja" | "name_en" => *v = "mkken".into(),
            "affiliation" => *v = "mkownemployer".into(),
            _ => {}
        }
    }
    save(&app, &alumnus, &his).await;
    let rei = id_of(&app, "alumna").await;
    let ken = id_of(&app, "alumnus").await;
    let sees = |body: &str, word: &str| body.contains(word);
    for (who, employer_shown) in [
        ("organiser", false),
        ("camp-organiser", true),
        ("admin", true),
        ("tutor", false),
    ] {
        let cookie = signed_in(&app, who).await;
        let res = api(&app, &cookie, "/api/alumni/profile", &format!("id={rei}")).await;
        assert_eq!(res.status, 200, "{who}: {}", res.body);
        let v: ProfileView = serde_json::from_str(&res.body).unwrap();
        assert_eq!(v.affiliation.is_some(), employer_shown, "api as {who}");
        assert!(v.name.is_some(), "the community's part, as {who}");
        let p = page(&app, &cookie, &format!("/alumni/{rei}")).await;
        assert_eq!(
            sees(&p.body, "mksecretemployer"),
            employer_shown,
            "page as {who}"
        );
        let d = page(&app, &cookie, "/alumni?q=mkrei").await;
        assert!(d.body.contains(&format!("href=\"/alumni/{rei}\"")), "{who}");
        assert_eq!(
            sees(&d.body, "mksecretemployer"),
            employer_shown,
            "list as {who}"
        );
        let found = directory(&app, &cookie, "query[q]=mksecretemployer").await;
        assert_eq!(found.total == 1, employer_shown, "search as {who}");
        let found = directory(&app, &cookie, "query[q]=mkrei").await;
        assert_eq!(found.total, 1, "found by name as {who}");
        // Ken is a person of Connect and of Security Camp 2026 (he took part).
        let res = api(&app, &cookie, "/api/alumni/profile", &format!("id={ken}")).await;
        let v: ProfileView = serde_json::from_str(&res.body).unwrap();
        assert_eq!(v.affiliation.is_some(), who != "tutor", "his, as {who}");
        let found = directory(&app, &cookie, "query[q]=mkownemployer").await;
        assert_eq!(found.total == 1, who != "tutor", "his, searched as {who}");
    }
}

on_both_backends!(
    organiser_scope,
    true,
    organisers_see_organiser_parts_of_their_programmes_people_only
);

async fn the_public_sees_a_profile_only_with_consent(app: TestApp) {
    let viewers = cookies(&app).await;
    let owner_cookie = &viewers[5].1;
    let owner = id_of(&app, "alumnus").await;
    let mut f = profile_form(Part::Headline, Visibility::Public, false);
    f.retain(|(k, _)| *k != "listed_externally");
    save(&app, owner_cookie, &f).await;
    for (who, cookie) in &viewers {
        let public = matches!(who, Who::Anonymous | Who::Applicant);
        let res = api(&app, cookie, "/api/alumni/profile", &format!("id={owner}")).await;
        assert_eq!(res.status, if public { 404 } else { 200 }, "{who:?}");
        let p = page(&app, cookie, &format!("/alumni/{owner}")).await;
        assert_eq!(p.status, if public { 404 } else { 200 }, "{who:?}");
        assert_eq!(!p.body.contains("mkheadline"), public, "{who:?}");
        let found = directory(&app, cookie, "query[q]=mkheadline").await;
        assert_eq!(found.total, u64::from(!public), "{who:?}");
        let all = directory(&app, cookie, "query[q]=").await;
        assert_eq!(all.results.is_empty(), public, "{who:?}");
    }
}

on_both_backends!(consent, true, the_public_sees_a_profile_only_with_consent);

/// Saves a community-visible profile with `headline`, `experience`, one
/// skill and names for the demo account `who`.
async fn profile_of(
    app: &TestApp,
    who: &str,
    names: (&str, &str),
    headline: &str,
    exp: &str,
    skill: &str,
) {
    let cookie = signed_in(app, who).await;
    let mut f: Vec<(&str, String)> = vec![
        ("name_ja", names.0.into()),
        ("name_en", names.1.into()),
        ("headline", headline.into()),
        ("exp0_text", exp.into()),
        ("skill0_name", skill.into()),
        ("skill0_level", "2".into()),
    ];
    for p in Part::ALL {
        f.push((vis_key(p), "community".into()));
    }
    save(app, &cookie, &f).await;
}

async fn search_works_for_japanese_and_english(app: TestApp) {
    profile_of(
        &app,
        "alumnus",
        ("ｽｽﾞｷ ｹﾝ", "Ken Suzuki"),
        "暗号プロトコルの研究",
        "金融機関でペネトレーションテスト",
        "ＣＴＦ",
    )
    .await;
    profile_of(
        &app,
        "alumna",
        ("中村 玲", "Rei Nakamura"),
        "Web Security Engineer",
        "脆弱性診断とセキュリティ教育",
        "Rust",
    )
    .await;
    profile_of(
        &app,
        "tutor",
        ("佐藤", "Sato"),
        "IoT と制御システム",
        "工場のネットワーク",
        "暗号化",
    )
    .await;
    let organiser = signed_in(&app, "organiser").await;
    let names = |d: &DirectoryPage| -> Vec<String> {
        let mut v: Vec<String> = d
            .results
            .iter()
            .map(|r| r.name.as_ref().unwrap().en.clone())
            .collect();
        v.sort();
        v
    };
    for (q, expected) in [
        // Two-character words: below the trigram's three.
        ("暗号", vec!["Ken Suzuki", "Sato"]),
        ("診断", vec!["Rei Nakamura"]),
        // Kana and kanji mixed.
        ("セキュリティ教育", vec!["Rei Nakamura"]),
        ("プロトコルの研究", vec!["Ken Suzuki"]),
        // Full-width and half-width, both ways.
        ("ctf", vec!["Ken Suzuki"]),
        ("ＣＴＦ", vec!["Ken Suzuki"]),
        ("スズキ", vec!["Ken Suzuki"]),
        ("ｾｷｭﾘﾃｨ", vec!["Rei Nakamura"]),
        // English, any case; several terms must all match.
        ("WEB security", vec!["Rei Nakamura"]),
        ("rust", vec!["Rei Nakamura"]),
        ("暗号 web", vec![]),
        ("iot 暗号化", vec!["Sato"]),
        // Wildcards are text, not wildcards.
        ("%", vec!["Ken Suzuki", "Rei Nakamura", "Sato"]),
        ("_", vec!["Ken Suzuki", "Rei Nakamura", "Sato"]),
        ("n%a", vec!["Rei Nakamura"]),
        ("存在しない語", vec![]),
    ] {
        let d = directory(&app, &organiser, &format!("query[q]={}", enc(q))).await;
        assert_eq!(names(&d), expected, "{q}");
    }
    // The query is in the URL and the page works without JavaScript.
    let p = app
        .get_with(
            &format!("/alumni?q={}", enc("暗号")),
            &[("cookie", organiser.as_str())],
        )
        .await;
    assert_eq!(p.status, 200);
    assert!(
        p.body.contains("Ken Suzuki") || p.body.contains("ｽｽﾞｷ"),
        "{}",
        p.body
    );
    assert!(!p.body.contains("中村 玲"));
    assert!(
        p.body.contains(r#"value="暗号""#),
        "the query stays in the form"
    );
}

on_both_backends!(search, true, search_works_for_japanese_and_english);

async fn markup_is_shown_as_text_and_refusals_keep_the_typing(app: TestApp) {
    let cookie = signed_in(&app, "alumnus").await;
    let owner = id_of(&app, "alumnus").await;
    let xss = "</title><script>alert(1)</script><img src=x>";
    let mut f: Vec<(&str, String)> = vec![
        ("name_ja", xss.into()),
        ("headline", xss.into()),
        ("affiliation", xss.into()),
        ("exp0_industry", xss.into()),
        ("exp0_role", xss.into()),
        ("exp0_period", "<i>2019</i>".into()),
        ("exp0_text", format!("</textarea>{xss}")),
        ("skill0_name", xss.into()),
        ("skill0_level", "1".into()),
        ("q_other", "on".into()),
        ("q_other_text", xss.into()),
        ("link0_label", xss.into()),
        (
            "link0_url",
            "https://example.com/\"><script>alert(3)</script>".into(),
        ),
    ];
    for p in Part::ALL {
        f.push((vis_key(p), "community".into()));
    }
    save(&app, &cookie, &f).await;
    for path in [
        format!("/alumni/{owner}"),
        "/alumni".to_string(),
        "/account/alumni".to_string(),
        "/account/alumni/preview".to_string(),
    ] {
        let p = page(&app, &cookie, &path).await;
        assert_eq!(p.status, 200, "{path}");
        assert!(
            !p.body.contains("<script>alert"),
            "{path}: {:?}",
            p.body
                .match_indices("<script>alert")
                .map(|(i, _)| &p.body[i.saturating_sub(120)..i + 20])
                .collect::<Vec<_>>()
        );
        assert!(!p.body.contains("<img src=x"), "{path}");
        assert!(
            p.body.contains("&lt;script&gt;alert(1)"),
            "{path}: {}",
            p.body
        );
    }
    // A javascript: link is refused.
    let bad = form(&[("link0_url", "javascript:alert(1)".into())]);
    let res = api(&app, &cookie, "/api/alumni/save", &bad).await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("BadUrl"), "{}", res.body);

    // Overlong: refused with the limit, nothing saved; a plain post comes
    // back with what was typed and the message in Japanese.
    let long = "長".repeat(101);
    let body = form(&[
        ("name_ja", long.clone()),
        ("headline", "typed headline".into()),
    ]);
    let res = api(&app, &cookie, "/api/alumni/save", &body).await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("OverLimit"), "{}", res.body);
    let plain = [
        SAME_ORIGIN,
        ("cookie", cookie.as_str()),
        ("accept", "text/html"),
        ("referer", "http://127.0.0.1:3000/account/alumni"),
    ];
    let res = app.post_form("/api/alumni/save", &body, &plain).await;
    assert_eq!(res.status, 302, "{}", res.body);
    let back = res.headers["location"].to_str().unwrap();
    let back = back.trim_start_matches("http://127.0.0.1:3000");
    let p = app.get_with(back, &[("cookie", cookie.as_str())]).await;
    assert!(p.body.contains("typed headline"), "typed text kept");
    assert!(p.body.contains(&long));
    assert!(
        p.body.contains("100 文字以内にしてください。"),
        "{}",
        p.body
    );
    let v: ProfileView = serde_json::from_str(
        &api(&app, &cookie, "/api/alumni/profile", &format!("id={owner}"))
            .await
            .body,
    )
    .unwrap();
    assert_eq!(
        v.headline.as_deref(),
        Some(xss),
        "nothing saved by a refusal"
    );
}

on_both_backends!(
    bad_input,
    true,
    markup_is_shown_as_text_and_refusals_keep_the_typing
);

/// A first profile starts from what the person said on
/// `/account/availability`, so saving it does not switch tutoring off (it
/// once did, and the alumnus vanished from the staffing page's list).
async fn a_first_profile_keeps_the_availability(app: TestApp) {
    let alumnus = signed_in(&app, "alumnus").await;
    let mine = api(&app, &alumnus, "/api/alumni/mine", "").await;
    assert_eq!(mine.status, 200, "{}", mine.body);
    let v: serde_json::Value = serde_json::from_str(&mine.body).unwrap();
    assert_eq!(v["exists"], false);
    assert_eq!(v["draft"]["open_tutoring"], "on", "{}", mine.body);
}

on_both_backends!(
    first_profile_availability,
    true,
    a_first_profile_keeps_the_availability
);

async fn only_the_community_keeps_a_profile(app: TestApp) {
    let applicant = signed_in(&app, "applicant").await;
    let res = api(
        &app,
        &applicant,
        "/api/alumni/save",
        &form(&[("headline", "x".into())]),
    )
    .await;
    assert_eq!(res.status, 403);
    let res = api(&app, "", "/api/alumni/mine", "").await;
    assert_eq!(res.status, 401);
}

on_both_backends!(
    who_keeps_a_profile,
    true,
    only_the_community_keeps_a_profile
);

async fn skills_history_and_cohort_distribution(app: TestApp) {
    use camp_connect_app::store::alumni::profile::{profile, save as store_save};
    let cookie = signed_in(&app, "alumnus").await;
    let owner = id_of(&app, "alumnus").await;
    let skill = |name: &str, level: &str| {
        vec![
            ("skill0_name", name.to_string()),
            ("skill0_level", level.to_string()),
        ]
    };
    save(&app, &cookie, &skill("暗号", "1")).await;
    save(&app, &cookie, &skill("暗号", "1")).await;
    save(&app, &cookie, &skill("暗号", "3")).await;
    let res = api(&app, &cookie, "/api/alumni/skills", "").await;
    assert_eq!(res.status, 200, "{}", res.body);
    let page: SkillsPage = serde_json::from_str(&res.body).unwrap();
    assert_eq!(page.skills.len(), 1);
    let s = &page.skills[0];
    assert_eq!(s.now, Level::Independent);
    assert_eq!(s.before.map(|(l, _)| l), Some(Some(Level::Concepts)));
    // The demo alumnus's cohort (Security Camp 2026) has two alumni: hidden.
    assert!(!s.cohorts.is_empty());
    assert!(s.cohorts.iter().all(|c| c.counts.is_none()));
    let html = app
        .get_with("/account/alumni/skills", &[("cookie", cookie.as_str())])
        .await;
    assert!(html.body.contains("5 人未満のため非表示"), "{}", html.body);

    // Five alumni of the cohort with the skill: the counts appear.
    let cohort_mates = add_cohort_alumni(&app, owner, 4).await;
    for (i, id) in cohort_mates.iter().enumerate() {
        let mut p = profile(&app.db, owner).await.unwrap().unwrap();
        p.account_id = *id;
        p.skills[0].level = if i % 2 == 0 {
            Level::Teaches
        } else {
            Level::Guided
        };
        store_save(&app.db, &p, chrono::Utc::now()).await.unwrap();
    }
    let page: SkillsPage =
        serde_json::from_str(&api(&app, &cookie, "/api/alumni/skills", "").await.body).unwrap();
    let counts = page.skills[0].cohorts[0].counts.expect("five people");
    assert_eq!(counts, [0, 2, 1, 2]);
    // Nothing about any one person: only counts.
    let res = api(&app, &cookie, "/api/alumni/skills", "").await;
    for id in cohort_mates {
        assert!(!res.body.contains(&format!("\"account_id\":{id}")));
    }
}

/// Makes `n` more alumni of the cohort `owner` completed (direct rows: the
/// pipeline's completion rules are tested elsewhere).
async fn add_cohort_alumni(app: &TestApp, owner: i32, n: usize) -> Vec<i32> {
    use camp_connect_app::store::entities::completion;
    use camp_connect_app::store::identity::{NewAccount, create_account};
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
    let mine = completion::Entity::find()
        .filter(completion::Column::AccountId.eq(owner))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut out = Vec::new();
    for i in 0..n {
        let email = format!("mate-{i}@example.jp");
        let (ja, en) = (format!("仲間 {i}"), format!("Mate {i}"));
        let id = create_account(
            &app.db,
            NewAccount {
                email: &email,
                name_ja: &ja,
                name_en: &en,
                is_admin: false,
            },
            chrono::Utc::now(),
        )
        .await
        .unwrap();
        completion::ActiveModel {
            account_id: Set(id),
            programme_id: Set(mine.programme_id),
            cohort_id: Set(mine.cohort_id),
            track_id: Set(mine.track_id),
            code: Set(format!("TESTCODE{i}")),
            completed_at: Set(chrono::Utc::now()),
            revoke_reason: Set(String::new()),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
        out.push(id);
    }
    out
}

on_both_backends!(skills, true, skills_history_and_cohort_distribution);

/// How many profiles `index` (another instance's) finds for `q` as an
/// organiser.
async fn found(index: &DirectoryIndex, app: &TestApp, q: &str) -> u64 {
    let query = DirectoryQuery {
        q: q.into(),
        ..DirectoryQuery::default()
    };
    found_by(index, app, &query).await
}

async fn found_by(index: &DirectoryIndex, app: &TestApp, query: &DirectoryQuery) -> u64 {
    directory_store::search(&app.db, index, Viewer::Organiser.into(), &query.filters())
        .await
        .unwrap()
        .1
}

/// The headlines on the first directory page of `index` for `q`, as an
/// organiser sees them.
async fn headlines(index: &DirectoryIndex, app: &TestApp, q: &str) -> Vec<String> {
    let query = DirectoryQuery {
        q: q.into(),
        ..DirectoryQuery::default()
    };
    directory_store::page(&app.db, index, Viewer::Organiser.into(), &query.filters())
        .await
        .unwrap()
        .0
        .into_iter()
        .map(|p| p.headline)
        .collect()
}

/// Each instance keeps its own in-memory directory index: one loaded
/// before a change made through another instance finds the change at its
/// next search (edits, a revoked completion, availability).
async fn another_instance_sees_every_change(app: TestApp) {
    use camp_connect_app::store::entities::{completion, programme};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let other = DirectoryIndex::default();
    other.warm(&app.db).await.unwrap();
    let names = ("鈴木 健", "Ken Suzuki");
    profile_of(&app, "alumnus", names, "量子耐性暗号の実装", "車載", "Rust").await;
    assert_eq!(found(&other, &app, "量子耐性").await, 1);
    // The whole profile a page shows stays in the other instance's memory
    // once shown: an edit must replace it there too.
    assert_eq!(
        headlines(&other, &app, "鈴木").await,
        ["量子耐性暗号の実装"]
    );
    profile_of(&app, "alumnus", names, "耐タンパ性の評価", "車載", "Rust").await;
    assert_eq!(
        found(&other, &app, "量子耐性").await,
        0,
        "the old text is gone"
    );
    assert_eq!(found(&other, &app, "耐タンパ").await, 1);
    assert_eq!(headlines(&other, &app, "鈴木").await, ["耐タンパ性の評価"]);

    // A completion revoked through the pipeline: the camp filter follows.
    let owner = id_of(&app, "alumnus").await;
    let done = completion::Entity::find()
        .filter(completion::Column::AccountId.eq(owner))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the demo alumnus completed a camp");
    let slug = programme::Entity::find_by_id(done.programme_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .slug;
    let by_camp = DirectoryQuery {
        q: "耐タンパ".into(),
        programme: slug,
        ..DirectoryQuery::default()
    };
    assert_eq!(found_by(&other, &app, &by_camp).await, 1);
    let organiser = id_of(&app, "organiser").await;
    camp_connect_app::store::pipeline::completion::revoke(
        &app.db,
        organiser,
        (done.programme_id, done.track_id),
        &done.code,
        "test",
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    assert_eq!(found_by(&other, &app, &by_camp).await, 0);

    // Availability changed on /account/availability: the open-to filter.
    let tutoring = DirectoryQuery {
        open_to: "tutoring".into(),
        q: "耐タンパ".into(),
        ..DirectoryQuery::default()
    };
    let before = found_by(&other, &app, &tutoring).await;
    let cookie = signed_in(&app, "alumnus").await;
    let body = if before == 0 { "tutoring=on" } else { "" };
    let res = api(&app, &cookie, "/api/availability/save", body).await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(found_by(&other, &app, &tutoring).await, 1 - before);
}

on_both_backends!(other_instances, true, another_instance_sees_every_change);

async fn deleting_the_account_removes_the_profile(app: TestApp) {
    use camp_connect_app::store::entities::{alumni_profile, alumni_skill_history};
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    let cookie = signed_in(&app, "alumnus").await;
    let owner = id_of(&app, "alumnus").await;
    save(
        &app,
        &cookie,
        &profile_form(Part::Name, Visibility::Public, false),
    )
    .await;
    let other = DirectoryIndex::default();
    assert_eq!(found(&other, &app, "mkname").await, 1);
    let res = api(&app, &cookie, "/api/account/delete", "confirm=yes").await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert!(
        alumni_profile::Entity::find_by_id(owner)
            .one(&app.db)
            .await
            .unwrap()
            .is_none()
    );
    let history = alumni_skill_history::Entity::find()
        .filter(alumni_skill_history::Column::AccountId.eq(owner))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(history, 0);
    // Another instance, whose index was loaded before the deletion,
    // forgets the profile too.
    assert_eq!(found(&other, &app, "mkname").await, 0);
    let organiser = signed_in(&app, "organiser").await;
    assert_eq!(
        directory(&app, &organiser, "query[q]=mkname").await.total,
        0
    );
}

on_both_backends!(deletion, true, deleting_the_account_removes_the_profile);
