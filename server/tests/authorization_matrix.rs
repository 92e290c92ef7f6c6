//! Calls every server function and page route as every kind of person and
//! compares the status with `authorization.tsv`. A server function or route
//! without a row there fails the test, so no new one can skip the table.

mod common;

use camp_connect_app::domain::access::{Grant, Role};
use camp_connect_app::store::catalogue_edit::{cohort_row, programme_row, track_row};
use camp_connect_app::store::identity::{
    DEMO_PROVIDER, NewAccount, create_account, grant_role, link_identity,
};
use chrono::Utc;
use common::TestApp;
use std::collections::BTreeSet;

const PERSONS: [&str; 9] = [
    "anonymous",
    "applicant",
    "alumnus",
    "tutor",
    "lecturer",
    "reviewer",
    "organiser_other",
    "organiser",
    "admin",
];

struct Row {
    method: String,
    path: String,
    body: String,
    expected: Vec<u16>,
}

fn table() -> Vec<Row> {
    include_str!("authorization.tsv")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 3 + PERSONS.len(), "row {l:?}");
            Row {
                method: cols[0].into(),
                path: cols[1].into(),
                body: if cols[2] == "-" {
                    String::new()
                } else {
                    cols[2].into()
                },
                expected: cols[3..]
                    .iter()
                    .map(|s| s.parse().expect("a status"))
                    .collect(),
            }
        })
        .collect()
}

/// The page routes' paths with concrete records in place of parameters.
fn concrete(path: &str) -> String {
    path.replace("{programme}", "connect")
        .replace("{cohort}", "2027")
        .replace("{track}", "ai")
        // An event (and a review assignment) that does not exist.
        .replace("{id}", "999999")
        // A well-formed guardian link nobody was sent.
        .replace("{token}", &"0".repeat(64))
}

fn encode(s: &str) -> String {
    camp_connect_app::domain::url::encode_query_value(s)
}

/// A save body that writes back what is stored, so it changes nothing.
async fn unchanged_body(app: &TestApp, which: &str) -> String {
    use camp_connect_app::store::catalogue_edit::{cohort_draft, track_draft};
    let p = programme_row(&app.db, "connect").await.unwrap().unwrap();
    let c = cohort_row(&app.db, p.id, "2027").await.unwrap().unwrap();
    let draft: Vec<(String, String)> = if which == "@cohort" {
        let d = cohort_draft(&c);
        serde_json::from_value::<std::collections::BTreeMap<String, String>>(
            serde_json::to_value(&d).unwrap(),
        )
        .unwrap()
        .into_iter()
        .collect()
    } else {
        let t = track_row(&app.db, c.id, "ai").await.unwrap().unwrap();
        let d = track_draft(&app.db, &t).await.unwrap();
        serde_json::from_value::<std::collections::BTreeMap<String, String>>(
            serde_json::to_value(&d).unwrap(),
        )
        .unwrap()
        .into_iter()
        .collect()
    };
    let mut body = if which == "@cohort" {
        "programme=connect&original=2027".to_string()
    } else {
        "programme=connect&cohort=2027&original=ai".to_string()
    };
    for (k, v) in draft {
        body.push_str(&format!(
            "&{}={}",
            encode(&format!("draft[{k}]")),
            encode(&v)
        ));
    }
    body
}

/// A profile save that writes back the person's own name and language.
async fn own_profile_body(app: &TestApp, person: &str) -> String {
    let email = format!("demo-{person}@example.jp");
    let Some(a) = camp_connect_app::store::identity::account_by_email(&app.db, &email)
        .await
        .unwrap()
    else {
        return "draft[name_ja]=x&draft[name_en]=x&draft[language]=ja".to_string();
    };
    format!(
        "draft[name_ja]={}&draft[name_en]={}&draft[language]={}",
        encode(&a.name_ja),
        encode(&a.name_en),
        a.language
    )
}

/// An availability save that writes back what the person said (all of it
/// off for a person the demo does not have).
async fn own_availability_body(app: &TestApp, person: &str) -> String {
    let email = format!("demo-{person}@example.jp");
    let Some(a) = camp_connect_app::store::identity::account_by_email(&app.db, &email)
        .await
        .unwrap()
    else {
        return String::new();
    };
    let now = camp_connect_app::store::rosters::availability::availability_of(&app.db, a.id)
        .await
        .unwrap();
    let mut parts: Vec<String> = now
        .fields
        .iter()
        .filter(|f| f.chosen)
        .map(|f| format!("{}=on", encode(&format!("fields[{}]", f.slug))))
        .collect();
    if now.tutoring {
        parts.push("tutoring=on".into());
    }
    if now.lecturing {
        parts.push("lecturing=on".into());
    }
    parts.join("&")
}

/// Adds the two persons the demo data lacks, signable like demo accounts.
async fn add_persons(app: &TestApp) {
    let now = Utc::now();
    let camp = programme_row(&app.db, "camp").await.unwrap().unwrap();
    let connect = programme_row(&app.db, "connect").await.unwrap().unwrap();
    let c = cohort_row(&app.db, connect.id, "2027")
        .await
        .unwrap()
        .unwrap();
    let t = track_row(&app.db, c.id, "ai").await.unwrap().unwrap();
    let people = [
        (
            "demo-reviewer@example.jp",
            Grant::on_track(Role::Reviewer, connect.id, c.id, t.id),
        ),
        ("demo-organiser_other@example.jp", Grant::organiser(camp.id)),
    ];
    for (email, grant) in people {
        let new = NewAccount {
            email,
            name_ja: "テスト",
            name_en: "Test",
            is_admin: false,
        };
        let id = create_account(&app.db, new, now).await.unwrap();
        link_identity(&app.db, id, DEMO_PROVIDER, email, now)
            .await
            .unwrap();
        grant_role(&app.db, id, grant, None, now).await.unwrap();
    }
}

async fn cookie_of(app: &TestApp, person: &str) -> Option<String> {
    if person == "anonymous" {
        return None;
    }
    Some(common::signed_in(app, person).await)
}

/// What is wrong with a response's security headers, if anything: every
/// answer forbids sniffing and framing and has a policy, and every script
/// of an HTML page carries that policy's nonce (so hydration runs and an
/// injected script does not).
fn security_header_problem(res: &common::Page) -> Option<String> {
    let header = |name: &str| res.headers.get(name).and_then(|v| v.to_str().ok());
    if header("x-content-type-options") != Some("nosniff") {
        return Some("no X-Content-Type-Options: nosniff".into());
    }
    if header("referrer-policy").is_none() {
        return Some("no Referrer-Policy".into());
    }
    let Some(csp) = header("content-security-policy") else {
        return Some("no Content-Security-Policy".into());
    };
    if !csp.contains("frame-ancestors 'none'") || csp.contains("unsafe-inline") {
        return Some(format!("weak policy: {csp}"));
    }
    let Some(nonce) = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
    else {
        return Some(format!("no nonce in {csp}"));
    };
    let html = header("content-type").is_some_and(|t| t.starts_with("text/html"));
    // leptos_i18n leaves an empty `<script></script>` placeholder: browsers
    // neither run nor policy-check a script element without source text.
    let scripts =
        res.body.matches("<script").count() - res.body.matches("<script></script>").count();
    let nonced = res.body.matches(&format!("nonce=\"{nonce}\"")).count();
    (html && scripts != nonced).then(|| format!("{scripts} scripts, {nonced} with the nonce"))
}

async fn matrix_holds(app: TestApp) {
    add_persons(&app).await;
    let rows = table();
    let mut failures = Vec::new();
    for (i, person) in PERSONS.iter().enumerate() {
        let cookie = cookie_of(&app, person).await;
        for row in &rows {
            let body = match row.body.as_str() {
                b @ ("@cohort" | "@track") => unchanged_body(&app, b).await,
                "@profile" => own_profile_body(&app, person).await,
                "@availability" => own_availability_body(&app, person).await,
                b => b.to_string(),
            };
            let mut headers = vec![
                ("sec-fetch-site", "same-origin"),
                ("accept", "application/json"),
            ];
            if let Some(c) = &cookie {
                headers.push(("cookie", c.as_str()));
            }
            if row.method == "POST" {
                headers.push(("content-type", "application/x-www-form-urlencoded"));
            }
            let res = app
                .send(&row.method, &concrete(&row.path), &headers, body)
                .await;
            if let Some(problem) = security_header_problem(&res) {
                failures.push(format!(
                    "{} {} as {person}: {problem}",
                    row.method, row.path
                ));
            }
            if res.status != row.expected[i] {
                failures.push(format!(
                    "{} {} as {person}: got {}, table says {}",
                    row.method, row.path, res.status, row.expected[i]
                ));
            }
        }
    }
    // Every mutating endpoint refuses a post from another site, even with
    // the organiser's cookie riding along.
    let cookie = cookie_of(&app, "organiser").await.unwrap_or_default();
    for row in rows.iter().filter(|r| r.method == "POST") {
        let headers = [
            ("sec-fetch-site", "cross-site"),
            ("origin", "https://evil.example"),
            ("cookie", cookie.as_str()),
            ("content-type", "application/x-www-form-urlencoded"),
        ];
        let res = app
            .send("POST", &concrete(&row.path), &headers, row.body.clone())
            .await;
        if res.status != 403 || !res.body.contains("Requests from other sites are refused") {
            failures.push(format!("cross-site POST {}: got {}", row.path, res.status));
        }
    }
    assert!(
        failures.is_empty(),
        "authorization matrix:\n{}",
        failures.join("\n")
    );
}

on_both_backends!(matrix, true, matrix_holds);

#[test]
fn every_server_function_and_route_has_a_row() {
    common::runtime().block_on(async { rows_cover_everything() });
}

fn rows_cover_everything() {
    let rows = table();
    let in_table: BTreeSet<(String, String)> = rows
        .iter()
        .map(|r| (r.method.clone(), r.path.clone()))
        .collect();
    let mut existing = BTreeSet::new();
    for (path, method) in server_fn::axum::server_fn_paths() {
        existing.insert((method.to_string(), path.to_string()));
    }
    for route in camp_connect::http::route_list() {
        existing.insert(("GET".to_string(), route.path().to_string()));
    }
    for path in camp_connect::http::DATA_ROUTES {
        existing.insert(("GET".to_string(), path.to_string()));
    }
    let missing: Vec<_> = existing.difference(&in_table).collect();
    let stale: Vec<_> = in_table.difference(&existing).collect();
    assert!(
        missing.is_empty(),
        "add these to authorization.tsv: {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "these rows name nothing that exists: {stale:?}"
    );
}
