//! The busiest day's load: many connections at once, for a fixed time, over
//! the mix of the last hours before an application deadline — the
//! catalogue's home and track pages and the public alumni directory with a
//! search term, read by everyone, and signed-in applicants saving drafts
//! and submitting. Or, with the mix `directory`, the public directory page
//! with a search term only (the directory's throughput). Prints, per kind
//! of request, the count, errors, p50/p95/p99/max, and the total rate.
//!
//! Usage: `load_mix <addr> <connections> <seconds> [deadline|directory]`;
//! for the deadline mix the server must have the scale seed
//! (`seed --scale N`, N ≥ connections) and demo sign-in on.
//! `scripts/bench.sh` runs both.

use std::sync::Arc;
use std::time::{Duration, Instant};

#[path = "../tests/it/common/wire.rs"]
mod wire;

#[path = "../tests/it/common/apply.rs"]
mod apply;

/// One kind of request in the mix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Kind {
    Home,
    Track,
    Directory,
    Save,
    Submit,
}

/// The two mixes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mix {
    Deadline,
    Directory,
}

/// Which request the `i`-th of a client's requests is. The deadline mix,
/// of every ten: three home pages, three track pages, one directory
/// search, two draft saves, one submission.
fn kind_of(mix: Mix, i: usize) -> Kind {
    if mix == Mix::Directory {
        return Kind::Directory;
    }
    match i % 10 {
        0 | 3 | 6 => Kind::Home,
        1 | 4 | 7 => Kind::Track,
        8 => Kind::Directory,
        2 | 5 => Kind::Save,
        _ => Kind::Submit,
    }
}

/// What the public searches the directory for, in turn: two-character
/// Japanese words, longer ones, English, full-width letters.
const SEARCHES: [&str; 8] = [
    "暗号",
    "セキュリティ",
    "CTF",
    "フォレンジック",
    "金融",
    "incident",
    "ｃｔｆ",
    "マルウェア解析",
];

/// The directory page searching for `SEARCHES[i % len]`.
fn directory_path(i: usize) -> String {
    let term = SEARCHES[i % SEARCHES.len()];
    let encoded: String = term
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("/alumni?q={encoded}")
}

#[derive(Default)]
struct Tally {
    times: Vec<Duration>,
    errors: usize,
    first_error: Option<String>,
}

/// The `revision` of an apply answer, if it has one.
fn revision_of(text: &str) -> Option<i64> {
    serde_json::from_str::<serde_json::Value>(wire::body(text))
        .ok()?
        .get("revision")?
        .as_i64()
}

/// One client's connection, for `until`: an applicant signed in for the
/// deadline mix, anyone for the directory.
async fn client(addr: String, n: usize, until: Instant, mix: Mix) -> Vec<(Kind, Tally)> {
    use std::collections::BTreeMap;
    let mut tallies: BTreeMap<Kind, Tally> = BTreeMap::new();
    let (mut cookie, mut questions, mut revision) = (String::new(), Vec::new(), 0);
    if mix == Mix::Deadline {
        let email = format!("scale-applicant-{n}@example.jp");
        let Some(c) = wire::sign_in(&addr, &email).await else {
            let t = tallies.entry(Kind::Save).or_default();
            t.errors += 1;
            t.first_error = Some(format!("{email} cannot sign in"));
            return tallies.into_iter().collect();
        };
        cookie = c;
        let query = "programme=connect&cohort=2027&track=iot";
        let page = wire::request(
            &addr,
            "POST",
            "/api/apply/page",
            &cookie,
            query,
            "application/json",
        )
        .await
        .map(|(_, t)| t)
        .unwrap_or_default();
        let page: serde_json::Value = serde_json::from_str(wire::body(&page)).unwrap_or_default();
        questions = apply::question_ids(&page);
        revision = page["revision"].as_i64().unwrap_or(0);
    }
    let mut i = n;
    while Instant::now() < until {
        let kind = kind_of(mix, i);
        i += 1;
        let (method, path, body, accept) = match kind {
            Kind::Home => ("GET", "/".to_string(), String::new(), "text/html"),
            Kind::Track => (
                "GET",
                "/programmes/connect/2027/tracks/iot".to_string(),
                String::new(),
                "text/html",
            ),
            Kind::Directory => ("GET", directory_path(i), String::new(), "text/html"),
            Kind::Save | Kind::Submit => (
                "POST",
                if kind == Kind::Save {
                    "/api/apply/save".to_string()
                } else {
                    "/api/apply/submit".to_string()
                },
                apply::form("iot", revision, &questions, "1990-04-01", ""),
                "application/json",
            ),
        };
        let start = Instant::now();
        let result = wire::request(&addr, method, &path, &cookie, &body, accept).await;
        let took = start.elapsed();
        let t = tallies.entry(kind).or_default();
        match result {
            Ok((200, text)) => {
                t.times.push(took);
                if let Some(r) = revision_of(&text) {
                    revision = r;
                }
            }
            Ok((status, text)) => {
                t.errors += 1;
                t.first_error.get_or_insert_with(|| {
                    format!("{method} {path}: {status} {}", wire::body(&text))
                });
            }
            Err(e) => {
                t.errors += 1;
                t.first_error
                    .get_or_insert_with(|| format!("{method} {path}: {e}"));
            }
        }
    }
    tallies.into_iter().collect()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i]
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let addr = args
        .get(1)
        .cloned()
        .unwrap_or_else(|| "127.0.0.1:3000".into());
    let connections: usize = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(500);
    let seconds: u64 = args.get(3).and_then(|n| n.parse().ok()).unwrap_or(60);
    let mix = match args.get(4).map(String::as_str) {
        Some("directory") => Mix::Directory,
        _ => Mix::Deadline,
    };
    let addr = Arc::new(addr);
    let until = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let tasks: Vec<_> = (0..connections)
        .map(|n| tokio::spawn(client(addr.to_string(), n, until, mix)))
        .collect();
    let mut all: std::collections::BTreeMap<Kind, Tally> = Default::default();
    for t in tasks {
        for (kind, tally) in t.await.expect("client") {
            let into = all.entry(kind).or_default();
            into.times.extend(tally.times);
            into.errors += tally.errors;
            if into.first_error.is_none() {
                into.first_error = tally.first_error;
            }
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let mut total = 0;
    let mut errors = 0;
    for (kind, mut t) in all {
        t.times.sort();
        total += t.times.len() + t.errors;
        errors += t.errors;
        println!(
            "load {kind:<9?} ok {:>6}  errors {:>4}  p50 {:>7.1} ms  p95 {:>7.1} ms  p99 {:>7.1} ms  max {:>7.1} ms",
            t.times.len(),
            t.errors,
            ms(percentile(&t.times, 0.50)),
            ms(percentile(&t.times, 0.95)),
            ms(percentile(&t.times, 0.99)),
            ms(t.times.last().copied().unwrap_or_default()),
        );
        if let Some(e) = t.first_error {
            println!("  first error: {}", e.chars().take(300).collect::<String>());
        }
    }
    println!(
        "load total: {total} requests in {elapsed:.0} s ({:.0}/s) over {connections} connections, {errors} errors",
        total as f64 / elapsed
    );
}
