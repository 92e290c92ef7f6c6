//! Garbled posts to every form endpoint, as a signed-in person of a role
//! that reaches its checks: missing, duplicated and stray fields, hostile
//! text (control characters, NUL, right-to-left marks, full-width digits),
//! broken percent-escapes and invalid UTF-8, huge values. Each is sent as
//! the WASM client does (JSON answer) and as a plain form without
//! JavaScript (redirect back with the error). The server must answer
//! every one below 500 with a message, never panic, and change no saved
//! data when it refuses. Page routes get garbled query strings too.
//!
//! The cases come from a fixed seed, so every run sends the same posts.

use crate::common::contents::contents;
use crate::common::{self, TestApp, on_both_backends};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use std::collections::BTreeMap;

/// Garbled bodies per form endpoint (each sent twice: with and without JavaScript).
const CASES: usize = 5;

/// The persons of `authorization.tsv`'s columns, in order; `None` for the
/// two the demo data lacks (the matrix adds them; here a demo person
/// with the same reach stands in).
const COLUMNS: [Option<&str>; 9] = [
    None,
    Some("applicant"),
    Some("alumnus"),
    Some("tutor"),
    Some("lecturer"),
    None,
    None,
    Some("organiser"),
    Some("admin"),
];

/// Tables a refused request may still write: the session (a refused
/// plain form keeps what was typed there, to show it again).
const VOLATILE: [&str; 1] = ["session"];

struct Row {
    method: String,
    path: String,
    body: String,
    /// Who reaches the endpoint's checks: the person with the best status.
    person: &'static str,
}

fn rows() -> Vec<Row> {
    include_str!("../authorization.tsv")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            let statuses: Vec<u16> = cols[3..].iter().map(|s| s.parse().unwrap()).collect();
            // 200 first, then a refusal of the input, then anything.
            let rank = |s: u16| match s {
                200 => 0,
                422 => 1,
                404 | 410 => 2,
                _ => 3,
            };
            let person = COLUMNS
                .iter()
                .zip(&statuses)
                .filter_map(|(p, s)| p.map(|p| (rank(*s), p)))
                .min_by_key(|(r, _)| *r)
                .map_or("admin", |(_, p)| p);
            Row {
                method: cols[0].into(),
                path: cols[1]
                    .replace("{programme}", "connect")
                    .replace("{cohort}", "2027")
                    .replace("{track}", "ai")
                    .replace("{field}", "ai")
                    .replace("{id}", "1")
                    .replace("{account}", "1")
                    .replace("{application}", "1")
                    .replace("{code}", "2222222222222222")
                    .replace("{token}", &"0".repeat(64)),
                body: if cols[2].starts_with('@') || cols[2] == "-" {
                    String::new()
                } else {
                    cols[2].into()
                },
                person,
            }
        })
        .collect()
}

/// Text that breaks naive handling, percent-encoded as a browser would.
fn hostile() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(
        &[
            "\u{202e}",
            "\u{1b}[2J",
            "\u{7f}",
            "１２３",
            "－１",
            "<script>window.__xss=1</script>",
            "\"'&<>",
            "\r\n",
            "'; DROP TABLE account; --",
            "%_\\",
            "=1+1",
            "2027-01-15T12:00",
            "1.5",
            "999999999999999999999",
            "-1",
            "yes",
            "on",
            "https://example.jp/",
            "demo-organiser@example.jp",
            "🙂𠮷",
        ][..],
    );
    prop_oneof![
        3 => any::<String>(),
        3 => prop::collection::vec(pieces, 0..6).prop_map(|v| v.concat()),
    ]
    .prop_map(|s| camp_connect_app::domain::url::encode_query_value(&s))
}

/// Raw value bytes no browser sends: NUL, broken escapes, invalid UTF-8.
fn raw_value() -> impl Strategy<Value = String> {
    prop::sample::select(
        &[
            "%00",
            "a%00b",
            "%FF%FE",
            "%C3%28",
            "%E3%81",
            "%",
            "%G0",
            "%%",
            "+%2B+",
            "%ED%A0%80",
        ][..],
    )
    .prop_map(String::from)
}

/// A field name: one of the endpoint's own, or a stray or malformed one.
fn key(own: Vec<String>) -> BoxedStrategy<String> {
    let stray = prop::sample::select(
        &[
            "draft[",
            "draft[a][b]",
            "draft[]",
            "x",
            "draft%5Bname_ja%5D",
            "scores[1]",
            "q1",
            "",
        ][..],
    )
    .prop_map(String::from);
    if own.is_empty() {
        stray.boxed()
    } else {
        prop_oneof![4 => prop::sample::select(own), 1 => stray].boxed()
    }
}

/// A garbled version of `body`: its fields (some dropped, some twice, some
/// stray) with hostile or raw values.
fn garbled(body: &str) -> impl Strategy<Value = String> + use<> {
    let own: Vec<String> = body
        .split('&')
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.split('=').next().map(String::from))
        .collect();
    let keep: BTreeMap<String, String> = body
        .split('&')
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let value = prop_oneof![
        3 => hostile(),
        1 => raw_value(),
        1 => prop::sample::select(keep.values().cloned().chain([String::new()]).collect::<Vec<_>>()),
    ];
    prop::collection::vec((key(own), value), 0..10).prop_map(|pairs| {
        pairs
            .into_iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("&")
    })
}

/// A value over every field's limit (30,000 characters, percent-encoded)
/// but within the request size limit.
fn huge(body: &str) -> String {
    let value = "%E3%81%82".repeat(30_000);
    let key = body
        .split('=')
        .next()
        .filter(|k| !k.is_empty())
        .unwrap_or("x");
    format!("{key}={value}&{body}")
}

struct Sent {
    /// A refusal (an error status, or a redirect carrying the error).
    refused: bool,
    problem: Option<String>,
}

async fn send(app: &TestApp, cookie: &str, row: &Row, body: String, js: bool) -> Sent {
    let referer = format!("http://127.0.0.1:3000{}", "/account");
    let mut headers = vec![
        ("sec-fetch-site", "same-origin"),
        ("cookie", cookie),
        ("content-type", "application/x-www-form-urlencoded"),
    ];
    if js {
        headers.push(("accept", "application/json"));
    } else {
        headers.push(("accept", "text/html"));
        headers.push(("referer", referer.as_str()));
    }
    let path = if row.method == "GET" {
        format!("{}?{body}", row.path)
    } else {
        row.path.clone()
    };
    let shown: String = body.chars().take(120).collect();
    let res = app
        .send(
            &row.method,
            &path,
            &headers,
            if row.method == "GET" {
                String::new()
            } else {
                body
            },
        )
        .await;
    let location = res
        .headers
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let mut problem = None;
    if res.status >= 500 {
        problem = Some(format!(
            "{} ({})",
            res.status,
            res.body.chars().take(200).collect::<String>()
        ));
    } else if res.status >= 400 && res.body.trim().is_empty() {
        problem = Some(format!("{} without a message", res.status));
    } else if (300..400).contains(&res.status) && location.starts_with("http://127.0.0.1:3000/") {
        // The page the plain form returns to shows the error: it must render.
        let back = location.trim_start_matches("http://127.0.0.1:3000");
        let page = app.get_with(back, &[("cookie", cookie)]).await;
        if page.status >= 500 {
            problem = Some(format!("redirect to {back} answers {}", page.status));
        }
    }
    Sent {
        refused: res.status >= 400 || location.contains("__err="),
        problem: problem.map(|p| {
            format!(
                "{} {} as {} (js {js}) body {shown:?}: {p}",
                row.method, row.path, row.person
            )
        }),
    }
}

async fn garbled_forms_are_refused_cleanly(app: TestApp) {
    let mut runner = TestRunner::deterministic();
    let mut cookies = BTreeMap::new();
    let mut failures = Vec::new();
    let (mut sent, mut checked_unchanged) = (0, 0);
    let started = std::time::Instant::now();
    let mut saved = strip(contents(&app.db).await);
    for row in rows() {
        let cookie = match cookies.get(row.person) {
            Some(c) => String::clone(c),
            None => {
                let c = common::signed_in(&app, row.person).await;
                cookies.insert(row.person, c.clone());
                c
            }
        };
        let strategy = garbled(&row.body);
        let mut case = || strategy.new_tree(&mut runner).expect("a case").current();
        if row.method == "GET" {
            // A page reads its query the same way with or without JavaScript.
            let s = send(&app, &cookie, &row, case(), false).await;
            sent += 1;
            failures.extend(s.problem);
            continue;
        }
        let mut bodies: Vec<String> = (0..CASES).map(|_| case()).collect();
        bodies.push(huge(&row.body));
        let mut all_refused = true;
        for body in bodies {
            for js in [true, false] {
                let s = send(&app, &cookie, &row, body.clone(), js).await;
                sent += 1;
                all_refused &= s.refused;
                failures.extend(s.problem);
            }
        }
        // One snapshot per endpoint: the one after is the next one's before.
        let after = strip(contents(&app.db).await);
        if all_refused {
            checked_unchanged += 1;
            if after != saved {
                let changed: Vec<&String> = after
                    .keys()
                    .filter(|t| after.get(*t) != saved.get(*t))
                    .collect();
                failures.push(format!(
                    "{} refused every post yet changed {changed:?}",
                    row.path
                ));
            }
        }
        saved = after;
    }
    eprintln!(
        "fuzz: {sent} requests, {checked_unchanged} endpoints checked unchanged, {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn strip(
    mut c: BTreeMap<String, Vec<Vec<Option<String>>>>,
) -> BTreeMap<String, Vec<Vec<Option<String>>>> {
    for t in VOLATILE {
        c.remove(t);
    }
    c
}

on_both_backends!(garbled_forms, true, garbled_forms_are_refused_cleanly);

/// The findings of the garbled posts, each kept as a plain regression.
async fn findings_stay_fixed(app: TestApp) {
    use camp_connect::request_guard::MAX_BODY;
    let cookie = common::signed_in(&app, "alumnus").await;
    let js = [
        ("sec-fetch-site", "same-origin"),
        ("accept", "application/json"),
        ("cookie", cookie.as_str()),
    ];
    // A body past the limit was read whole and answered 500 ("length limit
    // exceeded"); now 413 with a message, before any handler.
    let over = format!("draft[headline]={}", "a".repeat(MAX_BODY));
    let res = app.post_form("/api/alumni/save", &over, &js).await;
    assert_eq!(res.status, 413);
    assert!(res.body.contains("too large") && res.body.contains("大きすぎる"));
    let within = format!("draft[headline]={}", "a".repeat(MAX_BODY - 100));
    let res = app.post_form("/api/alumni/save", &within, &js).await;
    assert_eq!(res.status, 422, "refused by the field's own limit");
    // A NUL in a form reached PostgreSQL, which refuses it in text: 503
    // for a lookup by address (inviting a reviewer, approving a host), and
    // for every save of a text field before those refused control
    // characters themselves.
    let organiser = common::signed_in(&app, "organiser").await;
    for (path, body) in [
        ("/api/alumni/save", "draft[headline]=a%00b"),
        ("/api/catalogue/programme", "programme=con%00nect"),
        (
            "/api/review/invite",
            "programme=connect&cohort=2027&track=ai&email=a%00%40b.jp&affiliation=",
        ),
        ("/api/events/approve-host", "email=a%00%40b.jp"),
    ] {
        let res = common::call(&app, &organiser, path, body).await;
        assert_eq!(res.status, 400, "{path}");
        assert!(res.body.contains("NUL"), "{path}: {}", res.body);
    }
    assert_eq!(app.get("/programmes/con%00nect").await.status, 400);
    assert_eq!(app.get("/alumni?q=%00").await.status, 400);
    // Arguments that do not decode (no number, invalid UTF-8, missing)
    // were a 500 "Transport" error; now 400 with a message.
    let assignment = common::signed_in(&app, "lecturer").await;
    for body in [
        "assignment=x&comment=",
        "assignment=%FF&comment=",
        "comment=",
    ] {
        let res = common::call(&app, &assignment, "/api/review/score", body).await;
        assert_eq!(res.status, 400, "{body}: {}", res.body);
        assert!(res.body.contains("BadRequest"), "{body}: {}", res.body);
    }
    // Data saved before is untouched by all of it.
    let mine = common::call(&app, &cookie, "/api/alumni/mine", "").await;
    assert_eq!(mine.status, 200);
}

on_both_backends!(findings, true, findings_stay_fixed);

/// Page numbers from the URL at the largest integer: the offsets worked out
/// from them overflowed (a panic in a debug build); now they are bounded.
async fn huge_page_numbers_are_bounded(app: TestApp) {
    let admin = common::signed_in(&app, "admin").await;
    let organiser = common::signed_in(&app, "organiser").await;
    let huge = u64::MAX;
    for path in [
        format!("/manage/outbox?page={huge}"),
        format!("/audit?page={huge}"),
        format!("/manage/connect/2027/tracks/ai/review?page={huge}"),
    ] {
        let res = app.get_with(&path, &[("cookie", admin.as_str())]).await;
        assert_eq!(res.status, 200, "{path}");
    }
    for (path, body) in [
        ("/api/outbox/list", format!("page={huge}")),
        ("/api/audit/search", format!("q=&page={huge}")),
        (
            "/api/review/manage",
            format!("programme=connect&cohort=2027&track=ai&page={huge}"),
        ),
    ] {
        let res = common::call(&app, &organiser, path, &body).await;
        assert_eq!(res.status, 200, "{path}: {}", res.body);
    }
}

/// A bare carriage return, which ends a line in mail headers and iCal, is
/// refused in a text field; a line break (CR LF) is kept.
async fn a_bare_carriage_return_is_refused(app: TestApp) {
    let applicant = common::signed_in(&app, "applicant").await;
    let claim = |title: &str, evidence: &str| {
        format!(
            "title={title}&hours=1&date=2026-10-01&evidence={evidence}&evidence_link=&supervisor_name=Boss&supervisor_email=boss%40example.jp"
        )
    };
    let res = common::call(
        &app,
        &applicant,
        "/api/credits/report",
        &claim("talk%0DBcc%3A+x%40example.jp", "slides"),
    )
    .await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains("ControlCharacter"), "{}", res.body);
    let res = common::call(
        &app,
        &applicant,
        "/api/credits/report",
        &claim("talk", "slides%0D%0Aand+a+demo"),
    )
    .await;
    assert_eq!(res.status, 200, "a line break is fine: {}", res.body);
}

on_both_backends!(page_bounds, true, huge_page_numbers_are_bounded);
on_both_backends!(bare_cr, true, a_bare_carriage_return_is_refused);
