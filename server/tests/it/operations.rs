//! Operations (issue 19 §4): Prometheus metrics, the request id, readiness,
//! `serve` refusing a PostgreSQL database behind its code, and CSV exports
//! Japanese Excel opens, on SQLite and PostgreSQL; the command line's help,
//! version and `migrate status|up|down`; the site's content-hashed assets,
//! served precompressed and kept a year.

use crate::common::{self, Backend, TestApp, TestDb, on_both_backends, on_each_backend};
use camp_connect::config::Config;
use camp_connect::http::{Operations, router_with};
use camp_connect::{db, seed};
use camp_connect_app::domain::lang::Lang;
use camp_connect_app::domain::mail::MailTemplate;
use camp_connect_app::state::{AppState, AuthSettings};
use camp_connect_app::store::alumni::index::DirectoryIndex;
use camp_connect_app::store::outbox::{Recipient, enqueue};
use camp_connect_migrations::{Migrator, MigratorTrait};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

/// The app on a migrated demo database, like [`common::boot`], but with the
/// operator's settings `ops` and a directory index the test holds.
async fn boot_ops(backend: Backend, ops: Operations) -> Option<(TestApp, Arc<DirectoryIndex>)> {
    let test_db: TestDb = common::make_db(backend).await?;
    let conn = db::connect(&test_db.url).await.expect("connect");
    db::migrate(&conn, &test_db.url).await.expect("migrate");
    seed::seed_demo(&conn).await.expect("seed");
    let config = Config::from_lookup(|_| None).expect("default config");
    let directory = Arc::new(DirectoryIndex::default());
    let state = AppState {
        leptos_options: config.leptos_options(),
        db: conn.clone(),
        auth: AuthSettings {
            demo_sign_in: true,
            providers: Vec::new(),
        },
        mail_sending: false,
        public_url: config.public_url.clone(),
        directory: directory.clone(),
    };
    let routes = common::auth_routes(
        common::TEST_RATE_LIMIT,
        camp_connect::rate_limit::ClientAddress::Peer,
    );
    let app = TestApp {
        router: router_with(state, false, routes, ops),
        db: conn,
        test_db,
    };
    Some((app, directory))
}

/// One sample of the text format: its name, labels and value.
#[derive(Debug)]
struct Sample {
    name: String,
    labels: HashMap<String, String>,
    value: f64,
}

/// Parses the Prometheus text format strictly: every line is a comment
/// (`# HELP`, `# TYPE`) or `name{labels} value` / `name value`.
fn parse(text: &str) -> Vec<Sample> {
    let mut samples = Vec::new();
    for line in text.lines() {
        if line.starts_with("# HELP ") || line.starts_with("# TYPE ") {
            continue;
        }
        assert!(
            !line.is_empty() && !line.starts_with('#'),
            "stray line {line:?}"
        );
        let (head, value) = line
            .rsplit_once(' ')
            .unwrap_or_else(|| panic!("no value: {line}"));
        let value: f64 = match value {
            "+Inf" => f64::INFINITY,
            v => v.parse().unwrap_or_else(|_| panic!("bad value: {line}")),
        };
        let (name, labels) = match head.split_once('{') {
            None => (head, HashMap::new()),
            Some((name, rest)) => {
                let body = rest
                    .strip_suffix('}')
                    .unwrap_or_else(|| panic!("unclosed: {line}"));
                let mut labels = HashMap::new();
                // Label values here never hold `",` (templates and statuses).
                for pair in body.split("\",") {
                    let (k, v) = pair
                        .split_once("=\"")
                        .unwrap_or_else(|| panic!("bad label: {line}"));
                    labels.insert(k.to_string(), v.trim_end_matches('"').to_string());
                }
                (name, labels)
            }
        };
        assert!(
            name.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':'),
            "bad name: {line}"
        );
        samples.push(Sample {
            name: name.to_string(),
            labels,
            value,
        });
    }
    samples
}

/// The value of the sample `name` whose labels include `want`.
fn value(samples: &[Sample], name: &str, want: &[(&str, &str)]) -> Option<f64> {
    samples
        .iter()
        .find(|s| {
            s.name == name
                && want
                    .iter()
                    .all(|(k, v)| s.labels.get(*k).map(String::as_str) == Some(*v))
        })
        .map(|s| s.value)
}

async fn metrics_are_scraped(app: TestApp) {
    let export = "/manage/connect/2027/tracks/ai/review/export.csv";
    assert_eq!(app.get("/healthz").await.status, 200);
    assert_eq!(app.get("/healthz").await.status, 200);
    assert_eq!(app.get(export).await.status, 401);
    assert_eq!(app.get("/no-such-page-4711").await.status, 404);
    let to = Recipient {
        email: "metrics@example.jp".into(),
        name: "計測".into(),
        lang: Lang::Ja,
    };
    let before = parse(&app.get("/metrics").await.body);
    let pending_before = value(
        &before,
        "camp_connect_outbox_messages",
        &[("status", "pending")],
    )
    .expect("outbox pending counted");
    let template = MailTemplate::IdentityLinked {
        provider: "GitHub".into(),
        at: chrono::Utc::now(),
    };
    enqueue(&app.db, &to, &template, None, chrono::Utc::now())
        .await
        .unwrap();
    let res = app.get("/metrics").await;
    assert_eq!(res.status, 200);
    assert!(
        res.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain; version=0.0.4")
    );
    let samples = parse(&res.body);
    let requests = "camp_connect_http_requests_total";
    assert_eq!(
        value(
            &samples,
            requests,
            &[("method", "GET"), ("route", "/healthz"), ("status", "200")]
        ),
        Some(2.0),
        "{}",
        res.body
    );
    // Labelled by the route's template, never by the path asked for.
    assert_eq!(
        value(
            &samples,
            requests,
            &[
                ("route", camp_connect::http::REVIEW_EXPORT),
                ("status", "401")
            ]
        ),
        Some(1.0),
        "{}",
        res.body
    );
    assert_eq!(
        value(
            &samples,
            requests,
            &[("route", "unmatched"), ("status", "404")]
        ),
        Some(1.0),
        "{}",
        res.body
    );
    assert!(!res.body.contains("4711") && !res.body.contains("tracks/ai"));
    // The latency histogram: cumulative buckets ending in +Inf = count.
    let hist = "camp_connect_http_request_duration_seconds";
    let healthz = [("method", "GET"), ("route", "/healthz")];
    assert_eq!(
        value(&samples, &format!("{hist}_count"), &healthz),
        Some(2.0)
    );
    let inf = [("route", "/healthz"), ("le", "+Inf")];
    assert_eq!(value(&samples, &format!("{hist}_bucket"), &inf), Some(2.0));
    assert!(value(&samples, &format!("{hist}_sum"), &healthz).unwrap() > 0.0);
    // The pool, the outbox (counted at scrape time) and the directory index.
    let pool = "camp_connect_db_pool_connections";
    let open = value(&samples, pool, &[("state", "in_use")]).unwrap()
        + value(&samples, pool, &[("state", "idle")]).unwrap();
    assert!(open >= 1.0, "{}", res.body);
    assert!(value(&samples, "camp_connect_db_pool_max_connections", &[]).unwrap() >= 1.0);
    assert_eq!(
        value(
            &samples,
            "camp_connect_outbox_messages",
            &[("status", "pending")]
        ),
        Some(pending_before + 1.0)
    );
    assert_eq!(
        value(
            &samples,
            "camp_connect_outbox_messages",
            &[("status", "failed")]
        ),
        Some(0.0)
    );
    // The test router's index is never warmed.
    assert_eq!(
        value(&samples, "camp_connect_directory_index_loaded", &[]),
        Some(0.0)
    );
}
on_both_backends!(metrics_scrape, true, metrics_are_scraped);

async fn directory_index_figures(backend: Backend) {
    let Some((app, directory)) = boot_ops(backend, Operations::default()).await else {
        return;
    };
    // The demo directory may be empty: its size is whatever loaded.
    let n = directory.warm(&app.db).await.unwrap();
    let samples = parse(&app.get("/metrics").await.body);
    assert_eq!(
        value(&samples, "camp_connect_directory_index_loaded", &[]),
        Some(1.0)
    );
    assert_eq!(
        value(&samples, "camp_connect_directory_index_profiles", &[]),
        Some(n as f64)
    );
    assert!(value(&samples, "camp_connect_directory_index_load_seconds", &[]).unwrap() > 0.0);
}
on_each_backend!(directory_metrics, directory_index_figures);

async fn metrics_token_is_asked(backend: Backend) {
    let ops = Operations {
        metrics_token: Some("s3cret-scraper".into()),
    };
    let Some((app, _)) = boot_ops(backend, ops).await else {
        return;
    };
    let anonymous = app.get("/metrics").await;
    assert_eq!(anonymous.status, 401);
    assert!(!anonymous.body.contains("camp_connect_http"));
    assert_eq!(anonymous.headers["www-authenticate"], "Bearer");
    let wrong = app
        .get_with("/metrics", &[("authorization", "Bearer s3cret-scrapers")])
        .await;
    assert_eq!(wrong.status, 401);
    let right = app
        .get_with("/metrics", &[("authorization", "Bearer s3cret-scraper")])
        .await;
    assert_eq!(right.status, 200);
    assert!(!parse(&right.body).is_empty());
}
on_each_backend!(metrics_token, metrics_token_is_asked);

async fn request_ids(app: TestApp) {
    let fresh = app.get("/healthz").await;
    let id = fresh.headers["x-request-id"].to_str().unwrap().to_string();
    assert_eq!(id.len(), 36, "a UUID: {id}");
    let other = app.get("/no-such-page").await;
    assert_ne!(other.headers["x-request-id"], id.as_str());
    // A proxy's id comes back as it was sent.
    let given = app
        .get_with("/healthz", &[("x-request-id", "lb-7f3a.42")])
        .await;
    assert_eq!(given.headers["x-request-id"], "lb-7f3a.42");
    // One that could garble a log line is replaced.
    let long = "a".repeat(500);
    for bad in ["a b", "x\"y", long.as_str()] {
        let res = app.get_with("/healthz", &[("x-request-id", bad)]).await;
        let id = res.headers["x-request-id"].to_str().unwrap();
        assert_eq!(id.len(), 36, "{bad:?} replaced by a UUID, got {id}");
    }
    // Refusals carry one too.
    let refused = app
        .post_form("/auth/demo", "email=x", &[("sec-fetch-site", "cross-site")])
        .await;
    assert_eq!(refused.status, 403);
    assert!(refused.headers.contains_key("x-request-id"));
}
on_both_backends!(request_id, false, request_ids);

async fn readiness(backend: Backend) {
    let Some((app, directory)) = boot_ops(backend, Operations::default()).await else {
        return;
    };
    let res = app.get("/readyz").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (503, "directory index not loaded yet")
    );
    // Liveness is not readiness.
    assert_eq!(app.get("/healthz").await.status, 200);
    directory.warm(&app.db).await.unwrap();
    let res = app.get("/readyz").await;
    assert_eq!((res.status, res.body.as_str()), (200, "ready"));
    // The database behind the code: the newest migration undone.
    Migrator::down(&app.db, Some(1)).await.unwrap();
    let res = app.get("/readyz").await;
    assert_eq!(
        (res.status, res.body.as_str()),
        (503, "migrations pending: run camp-connect migrate")
    );
    Migrator::up(&app.db, None).await.unwrap();
    assert_eq!(app.get("/readyz").await.status, 200);
    // A newer deploy's migration, unknown to this version: the previous
    // version's instances stay ready during a rolling deploy.
    use sea_orm::ConnectionTrait;
    app.db
        .execute_unprepared(
            "INSERT INTO seaql_migrations (version, applied_at) VALUES ('m29990101_000001_future', 0)",
        )
        .await
        .unwrap();
    let res = app.get("/readyz").await;
    assert_eq!((res.status, res.body.as_str()), (200, "ready"));
}
on_each_backend!(readyz, readiness);

async fn serve_and_pending_migrations(backend: Backend) {
    let Some(test_db) = common::make_db(backend).await else {
        return;
    };
    let url = test_db.url.as_str().to_string();
    let addr = format!("127.0.0.1:{}", common::smtp::free_port());
    if let Backend::Postgres = backend {
        // An empty database: `serve` says what to run and stops.
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_camp-connect"))
            .arg("serve")
            .env("DATABASE_URL", &url)
            .env("LEPTOS_SITE_ADDR", &addr)
            .env("RUST_LOG", "error")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("serve runs");
        let mut waited = 0;
        while child.try_wait().expect("serve's status").is_none() {
            if waited == 600 {
                common::process::kill(child);
                panic!("serve started on a database with pending migrations");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
            waited += 1;
        }
        let out = child.wait_with_output().expect("serve's output");
        assert!(!out.status.success());
        let stderr = String::from_utf8_lossy(&out.stderr);
        let lines: Vec<&str> = stderr.lines().collect();
        assert_eq!(lines.len(), 1, "one line: {stderr}");
        assert!(lines[0].contains("run `camp-connect migrate`"), "{stderr}");
        let conn = db::connect(&test_db.url).await.unwrap();
        db::migrate(&conn, &test_db.url).await.unwrap();
    }
    // Migrated PostgreSQL, and SQLite from empty (it migrates itself), serve.
    let child = common::process::serve(&url, &addr, &[]).await;
    common::process::kill(child);
}
on_each_backend!(serve_migrations, serve_and_pending_migrations);

/// A folder of one test's own, removed when dropped.
struct TempDir(std::path::PathBuf);

impl TempDir {
    fn new() -> Self {
        let dir = std::env::temp_dir().join(common::unique_name());
        std::fs::create_dir_all(&dir).expect("temp folder");
        Self(dir)
    }

    /// An SQLite URL for a database file in the folder (not created).
    fn sqlite_url(&self) -> String {
        format!("sqlite://{}", self.0.join("camp.db").display())
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `camp-connect <args>` on the database `url`, in `dir`: its exit code
/// and everything it printed.
fn run_cli(dir: &TempDir, url: &str, args: &[&str]) -> (Option<i32>, String) {
    let out = common::process::command(args, &[("DATABASE_URL", url), ("RUST_LOG", "warn")])
        .current_dir(&dir.0)
        .output()
        .expect("camp-connect runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code(), text)
}

/// `backup --help` and `restore --help` print their usage and touch
/// nothing: before clap, the first wrote a backup into a file named
/// `--help` and the second replaced the database with it.
#[test]
fn help_is_not_a_file_name() {
    let dir = TempDir::new();
    let url = dir.sqlite_url();
    for command in ["backup", "restore"] {
        let (code, out) = run_cli(&dir, &url, &[command, "--help"]);
        assert_eq!(code, Some(0), "{command}: {out}");
        assert!(
            out.contains(&format!("Usage: camp-connect {command} <FILE>")),
            "{command}: {out}"
        );
        let written: Vec<_> = std::fs::read_dir(&dir.0).unwrap().collect();
        assert!(written.is_empty(), "{command} --help wrote {written:?}");
    }
    let (code, out) = run_cli(&dir, &url, &["--version"]);
    assert_eq!(code, Some(0), "{out}");
    assert_eq!(
        out.trim(),
        format!("camp-connect {}", env!("CARGO_PKG_VERSION"))
    );
    let (code, out) = run_cli(&dir, &url, &["backup"]);
    assert_eq!(code, Some(2), "{out}");
    assert!(out.contains("<FILE>"), "{out}");
}

/// `migrate status`, `migrate down 1` and `migrate up` on a fresh SQLite
/// file: the rolled-back migration is listed as pending until `up`
/// applies it again.
#[test]
fn migrate_status_down_and_up() {
    let dir = TempDir::new();
    let url = dir.sqlite_url();
    let names: Vec<String> = Migrator::migrations()
        .iter()
        .map(|m| m.name().to_string())
        .collect();
    let (first, last, total) = (&names[0], names.last().unwrap(), names.len());
    let cli = |args: &[&str]| {
        let (code, out) = run_cli(&dir, &url, args);
        assert_eq!(code, Some(0), "{args:?}: {out}");
        out
    };
    let status = cli(&["migrate", "status"]);
    assert!(status.contains(&format!("pending  {first}")), "{status}");
    assert!(
        status.contains(&format!("0 applied, {total} pending")),
        "{status}"
    );
    let applied = cli(&["migrate"]);
    assert!(applied.contains(&format!("applied {last}")), "{applied}");
    let status = cli(&["migrate", "status"]);
    assert!(status.contains(&format!("applied  {last}")), "{status}");
    assert!(
        status.contains(&format!("{total} applied, 0 pending")),
        "{status}"
    );

    let down = cli(&["migrate", "down", "1"]);
    assert_eq!(down.trim(), format!("rolled back {last}"));
    let status = cli(&["migrate", "status"]);
    assert!(status.contains(&format!("pending  {last}")), "{status}");
    assert!(
        status.contains(&format!("{} applied, 1 pending", total - 1)),
        "{status}"
    );

    let up = cli(&["migrate", "up"]);
    assert_eq!(up.trim(), format!("applied {last}"));
    let again = cli(&["migrate", "up"]);
    assert!(
        again.contains(&format!("nothing to apply: {total} applied, 0 pending")),
        "{again}"
    );

    for bad in [&["migrate", "down"][..], &["migrate", "down", "0"]] {
        let (code, out) = run_cli(&dir, &url, bad);
        assert_eq!(code, Some(2), "{bad:?}: {out}");
    }
}

async fn csv_has_bom(app: TestApp) {
    let cookie = common::signed_in(&app, "alumnus").await;
    let csv = app
        .get_with("/account/credits.csv", &[("cookie", &cookie)])
        .await;
    assert_eq!(csv.status, 200);
    // Excel reads a CSV without a byte order mark as Shift_JIS.
    assert!(csv.body.starts_with("\u{FEFF}日付,"), "{}", csv.body);
    assert_eq!(csv.body.matches('\u{FEFF}').count(), 1);
}
on_both_backends!(csv_bom, true, csv_has_bom);

/// Sends `GET path` with `x-request-id: id` to a server at `addr`; the
/// whole response text.
async fn get_with_id(addr: &str, path: &str, id: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut s = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let req = format!(
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nX-Request-Id: {id}\r\n\r\n"
    );
    s.write_all(req.as_bytes()).await.expect("send");
    let mut out = Vec::new();
    s.read_to_end(&mut out).await.expect("answer");
    String::from_utf8_lossy(&out).into_owned()
}

async fn request_log_in_json(backend: Backend) {
    let Some(test_db) = common::make_db(backend).await else {
        return;
    };
    if let Backend::Postgres = backend {
        let conn = db::connect(&test_db.url).await.unwrap();
        db::migrate(&conn, &test_db.url).await.unwrap();
    }
    let addr = format!("127.0.0.1:{}", common::smtp::free_port());
    let log = std::env::temp_dir().join(format!("{}.log", common::unique_name()));
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_camp-connect"))
        .arg("serve")
        .env("DATABASE_URL", test_db.url.as_str())
        .env("LEPTOS_SITE_ADDR", &addr)
        .env("LOG_FORMAT", "json")
        // The default level: the request line must not need more.
        .env_remove("RUST_LOG")
        .stdout(std::fs::File::create(&log).expect("log file"))
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("the server starts");
    let mut answer = String::new();
    for _ in 0..200 {
        answer = match tokio::net::TcpStream::connect(&addr).await {
            Ok(_) => get_with_id(&addr, "/healthz", "log-test-7").await,
            Err(_) => String::new(),
        };
        if answer.starts_with("HTTP/1.1 200") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        answer
            .to_ascii_lowercase()
            .contains("x-request-id: log-test-7"),
        "{answer}"
    );
    // The line is written after the answer: give it a moment.
    let mut line = None;
    for _ in 0..50 {
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        line = text
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .find(|v| v["fields"]["request_id"] == "log-test-7");
        if line.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    common::process::kill(child);
    let _ = std::fs::remove_file(&log);
    let line = line.expect("a JSON request line with the request id");
    assert_eq!(line["level"], "INFO", "{line}");
    let fields = &line["fields"];
    assert_eq!(fields["method"], "GET", "{line}");
    assert_eq!(fields["route"], "/healthz", "{line}");
    assert_eq!(fields["status"], 200, "{line}");
    assert!(fields["ms"].as_f64().is_some_and(|ms| ms >= 0.0), "{line}");
}
on_each_backend!(request_log, request_log_in_json);

/// The hashes of a built site in [`built_site`]: 22 URL-safe base64
/// characters each, as the build names files.
const JS_HASH: &str = "jsjsjsjsjsjsjsjsjsjs_1";
const WASM_HASH: &str = "wasmwasmwasmwasmwasm-2";
const CSS_HASH: &str = "csscsscsscsscsscsscs_3";

/// What `make build` leaves, in `dir`: `site/pkg/` with the hashed JS, WASM
/// and CSS and their `.gz` and `.br` copies (recognisable text rather than
/// real compressed data: the server sends them as they are), a favicon, and
/// the hash file `hash.txt`. Returns the server's settings for it.
fn built_site(dir: &TempDir) -> Config {
    let pkg = dir.0.join("site/pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    for (hash, ext) in [(JS_HASH, "js"), (WASM_HASH, "wasm"), (CSS_HASH, "css")] {
        let name = format!("camp-connect.{hash}.{ext}");
        std::fs::write(pkg.join(&name), format!("plain {name}")).unwrap();
        std::fs::write(pkg.join(format!("{name}.gz")), format!("gzip {name}")).unwrap();
        std::fs::write(pkg.join(format!("{name}.br")), format!("brotli {name}")).unwrap();
    }
    std::fs::write(pkg.join("camp-connect.wasm"), "unhashed").unwrap();
    std::fs::write(dir.0.join("site/favicon.svg"), "<svg/>").unwrap();
    let hash_file = dir.0.join("hash.txt");
    std::fs::write(
        &hash_file,
        format!("js: {JS_HASH}\nwasm: {WASM_HASH}\ncss: {CSS_HASH}\n"),
    )
    .unwrap();
    let vars = HashMap::from([
        ("LEPTOS_SITE_ROOT", dir.0.join("site").display().to_string()),
        ("LEPTOS_HASH_FILE_NAME", hash_file.display().to_string()),
    ]);
    Config::from_lookup(|k| vars.get(k).cloned()).expect("a config for the site")
}

/// Pages link the JS, WASM and CSS the hash file names, and those exist;
/// `/pkg` answers each with the brotli or gzip copy the browser accepts (the
/// plain file when it accepts neither), a year's `immutable` cache and
/// `Vary: Accept-Encoding`; unhashed files, missing ones, the favicon and
/// pages are never kept without asking.
async fn hashed_assets() {
    let dir = TempDir::new();
    let config = built_site(&dir);
    let auth = AuthSettings {
        demo_sign_in: true,
        providers: Vec::new(),
    };
    let routes = common::auth_routes(
        common::TEST_RATE_LIMIT,
        camp_connect::rate_limit::ClientAddress::Peer,
    );
    let app = common::boot_configured(Backend::Sqlite, true, auth, routes, &config)
        .await
        .unwrap();

    // A page without an island (the catalogue) links the stylesheet and no
    // script; the application form, the one island, links the JS and WASM.
    let home = app.get("/").await;
    assert_eq!(home.status, 200);
    assert!(
        home.body
            .contains(&format!("/pkg/camp-connect.{CSS_HASH}.css"))
    );
    assert!(!home.body.contains(".wasm"), "no WASM on the catalogue");
    assert!(
        !home.body.contains(&format!("camp-connect.{JS_HASH}.js")),
        "no script on the catalogue"
    );
    let cookie = common::sign_in_as(&app, "demo-applicant@example.jp").await;
    let page = app
        .get_with(
            "/programmes/connect/2027/tracks/ai/apply",
            &[("cookie", cookie.as_str())],
        )
        .await;
    assert_eq!(page.status, 200);
    let cache = page
        .headers
        .get("cache-control")
        .map(|v| v.to_str().unwrap());
    assert!(
        !cache.unwrap_or_default().contains("immutable"),
        "{cache:?}"
    );
    let wasm = format!("camp-connect.{WASM_HASH}.wasm");
    for name in [
        format!("camp-connect.{JS_HASH}.js"),
        wasm.clone(),
        format!("camp-connect.{CSS_HASH}.css"),
    ] {
        assert!(page.body.contains(&format!("/pkg/{name}")), "{name} linked");
        let file = app.get(&format!("/pkg/{name}")).await;
        assert_eq!(file.status, 200, "{name}");
        assert_eq!(file.body, format!("plain {name}"));
    }
    assert!(page.body.contains("id=\"leptos\""), "the stylesheet");

    let path = format!("/pkg/{wasm}");
    for (accepts, encoding, body) in [
        ("br", Some("br"), format!("brotli {wasm}")),
        ("gzip, deflate, br", Some("br"), format!("brotli {wasm}")),
        ("gzip", Some("gzip"), format!("gzip {wasm}")),
        ("identity", None, format!("plain {wasm}")),
        ("", None, format!("plain {wasm}")),
    ] {
        let headers: &[(&str, &str)] = if accepts.is_empty() {
            &[]
        } else {
            &[("accept-encoding", accepts)]
        };
        let file = app.get_with(&path, headers).await;
        assert_eq!(file.status, 200, "{accepts}");
        assert_eq!(file.body, body, "{accepts}");
        let header = |name: &str| file.headers.get(name).map(|v| v.to_str().unwrap());
        assert_eq!(header("content-encoding"), encoding, "{accepts}");
        assert_eq!(
            header("content-type"),
            Some("application/wasm"),
            "{accepts}"
        );
        assert_eq!(
            header("cache-control"),
            Some("public, max-age=31536000, immutable"),
            "{accepts}"
        );
        assert!(
            file.headers
                .get_all("vary")
                .iter()
                .any(|v| v.to_str().unwrap().eq_ignore_ascii_case("accept-encoding")),
            "{accepts}: {:?}",
            file.headers
        );
    }

    for path in [
        "/pkg/camp-connect.wasm",
        "/pkg/camp-connect.AAAAAAAAAAAAAAAAAAAAAA.wasm",
        "/favicon.svg",
    ] {
        let file = app.get_with(path, &[("accept-encoding", "br")]).await;
        let expected = if path.contains("AAAA") { 404 } else { 200 };
        assert_eq!(file.status, expected, "{path}");
        assert_eq!(
            file.headers
                .get("cache-control")
                .map(|v| v.to_str().unwrap()),
            Some("no-cache"),
            "{path}"
        );
    }
}

#[test]
fn hashed_assets_precompressed_and_kept() {
    common::runtime().block_on(hashed_assets());
}
