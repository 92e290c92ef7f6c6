//! Load generator for the review pages: signs in through the demo sign-in,
//! then drives 16 concurrent clients over a page and prints count, p50,
//! p95, p99 and max, over the tests' bare HTTP/1.1 client (`wire`). The
//! pages: the reviewer's queue, the organiser's ranking, and the selection
//! meeting's ranking (plain, searched with every application matching and
//! with none, filtered) and its application view.
//!
//! Usage: `bench_review <base addr, e.g. 127.0.0.1:3000> <track id> [requests per client]`
//! (see `scripts/bench-review.sh`).

use std::time::{Duration, Instant};

#[path = "../tests/it/common/wire.rs"]
#[expect(dead_code, reason = "the benchmark needs only sign-in and requests")]
mod wire;

const CLIENTS: usize = 16;

/// Signs in as `email` with the demo sign-in; the session cookie.
async fn sign_in(addr: &str, email: &str) -> String {
    wire::sign_in(addr, email)
        .await
        .unwrap_or_else(|| panic!("{email} could not sign in (is DEMO_SIGN_IN=true?)"))
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i]
}

/// Runs `per_client` GETs of `path` on each of 16 clients (each with its
/// own cookie) and prints the figures.
async fn phase(
    addr: &str,
    label: &str,
    path: &str,
    cookies: &[String],
    per_client: usize,
    expect: u16,
) {
    phase_over(
        addr,
        label,
        &[path.to_string()],
        cookies,
        per_client,
        expect,
    )
    .await;
}

/// [`phase`] over several paths, each client going through them in turn
/// (from a different one each, so they are all asked at once).
async fn phase_over(
    addr: &str,
    label: &str,
    paths: &[String],
    cookies: &[String],
    per_client: usize,
    expect: u16,
) {
    let mut tasks = Vec::new();
    for c in 0..CLIENTS {
        let (addr, paths, cookie) = (
            addr.to_string(),
            paths.to_vec(),
            cookies[c % cookies.len()].clone(),
        );
        tasks.push(tokio::spawn(async move {
            let mut times = Vec::with_capacity(per_client);
            for i in 0..per_client {
                let path = &paths[(c + i) % paths.len()];
                let start = Instant::now();
                let (status, _) = wire::request(&addr, "GET", path, &cookie, "", "text/html")
                    .await
                    .expect("request");
                times.push(start.elapsed());
                assert_eq!(status, expect, "GET {path}");
            }
            times
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.expect("client"));
    }
    all.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{label:<28} count {:>5}  p50 {:>6.1} ms  p95 {:>6.1} ms  p99 {:>6.1} ms  max {:>6.1} ms",
        all.len(),
        ms(percentile(&all, 0.50)),
        ms(percentile(&all, 0.95)),
        ms(percentile(&all, 0.99)),
        ms(*all.last().unwrap_or(&Duration::ZERO)),
    );
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let addr = args
        .get(1)
        .cloned()
        .unwrap_or_else(|| "127.0.0.1:3000".into());
    let track: i32 = args.get(2).and_then(|t| t.parse().ok()).expect("track id");
    let per_client: usize = args.get(3).and_then(|n| n.parse().ok()).unwrap_or(50);
    let mut reviewers = Vec::new();
    for r in 0..CLIENTS {
        reviewers.push(sign_in(&addr, &format!("scale-reviewer-{r}@example.jp")).await);
    }
    let organiser = vec![sign_in(&addr, "demo-organiser@example.jp").await];
    let next = format!("/review/{track}/next");
    let ranking = "/manage/connect/2027/tracks/ai/review";
    // Warm up each page (connections, statement caches, the ranking cache)
    // as a day of use would have; the first computation of a ranking after
    // a change is measured on its own below.
    println!("warm-up:");
    phase(&addr, "reviewer: /review", "/review", &reviewers, 2, 200).await;
    phase(&addr, "reviewer: next (queue)", &next, &reviewers, 2, 302).await;
    phase(
        &addr,
        "organiser: ranking (first)",
        ranking,
        &organiser,
        1,
        200,
    )
    .await;
    println!("{CLIENTS} concurrent clients, {per_client} requests each:");
    phase(
        &addr,
        "reviewer: /review",
        "/review",
        &reviewers,
        per_client,
        200,
    )
    .await;
    phase(
        &addr,
        "reviewer: next (queue)",
        &next,
        &reviewers,
        per_client,
        302,
    )
    .await;
    phase(
        &addr,
        "organiser: ranking",
        ranking,
        &organiser,
        per_client,
        200,
    )
    .await;
    meeting(&addr, &organiser, &reviewers, per_client).await;
}

/// The application ids a page links to the meeting view.
fn linked_applications(html: &str) -> Vec<i32> {
    html.split("data-application=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next()?.parse().ok())
        .collect()
}

/// The selection meeting: its ranking plain, searched (a term every seeded
/// answer holds, and one none does: both read every answer text), filtered,
/// and the application view with the search kept (its previous and next
/// come from the whole filtered ranking).
async fn meeting(addr: &str, organiser: &[String], reviewers: &[String], per_client: usize) {
    let base = "/manage/connect/2027/tracks/ai/meeting";
    let every = format!("{base}?q=%E9%98%B2%E5%BE%A1");
    let none = format!("{base}?q=%E9%87%8F%E5%AD%90%E6%9A%97%E5%8F%B7");
    let filtered = format!("{base}?decision=none&min=40&max=90&conflicts=");
    let (_, page) = wire::request(addr, "GET", base, &organiser[0], "", "text/html")
        .await
        .expect("meeting ranking");
    let ids = linked_applications(&page);
    assert!(!ids.is_empty(), "the meeting's ranking lists applications");
    let views: Vec<String> = ids
        .iter()
        .map(|id| format!("{base}/{id}?q=%E9%98%B2%E5%BE%A1"))
        .collect();
    println!("warm-up (meeting):");
    phase(addr, "meeting: search (first)", &every, organiser, 1, 200).await;
    println!("{CLIENTS} concurrent clients, {per_client} requests each (meeting):");
    phase(addr, "meeting: ranking", base, organiser, per_client, 200).await;
    phase(
        addr,
        "meeting: search, all match",
        &every,
        organiser,
        per_client,
        200,
    )
    .await;
    phase(
        addr,
        "meeting: search, none match",
        &none,
        organiser,
        per_client,
        200,
    )
    .await;
    phase(
        addr,
        "meeting: filtered",
        &filtered,
        organiser,
        per_client,
        200,
    )
    .await;
    phase_over(
        addr,
        "meeting: application",
        &views,
        organiser,
        per_client,
        200,
    )
    .await;
    phase(
        addr,
        "reviewer: meeting search",
        &every,
        reviewers,
        per_client,
        200,
    )
    .await;
}
