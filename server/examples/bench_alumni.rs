//! In-process directory search benchmark: runs a fixed mix of queries
//! (Japanese two-character and longer words, English, full-width, with and
//! without filters) as the public and as the community, through what the
//! directory's server function does (the search, then the page's profiles
//! and their views), and prints count, p50, p95, p99 and max of the search
//! alone and of the whole page (search, profiles, camps, views; the second
//! round on finds the profiles in memory, as a busy server does).
//!
//! Usage: `DATABASE_URL=… bench_alumni [rounds, default 20]` against a
//! database seeded with `camp-connect seed --scale-alumni N` (see
//! `scripts/bench-alumni.sh`).

use camp_connect::config::DatabaseUrl;
use camp_connect_app::domain::alumni::directory::DirectoryQuery;
use camp_connect_app::domain::alumni::visibility::{Viewer, view};
use camp_connect_app::store::alumni::directory;
use camp_connect_app::store::alumni::index::DirectoryIndex;
use std::time::{Duration, Instant};

/// The queries: free text and filters.
fn queries() -> Vec<DirectoryQuery> {
    let text = [
        "暗号",
        "CTF",
        "ｃｔｆ",
        "フォレンジック",
        "マルウェア解析",
        "金融",
        "incident response",
        "佐藤",
        "Suzuki",
        "クラウド セキュリティ",
        "耐量子暗号",
        "存在しない語",
    ];
    let mut out: Vec<DirectoryQuery> = text
        .iter()
        .map(|q| DirectoryQuery {
            q: (*q).to_string(),
            ..DirectoryQuery::default()
        })
        .collect();
    out.push(DirectoryQuery {
        skill: "Rust".into(),
        level: "3".into(),
        ..DirectoryQuery::default()
    });
    out.push(DirectoryQuery {
        q: "暗号".into(),
        qualification: "riss".into(),
        ..DirectoryQuery::default()
    });
    out.push(DirectoryQuery {
        open_to: "consulting".into(),
        page: "3".into(),
        ..DirectoryQuery::default()
    });
    out.push(DirectoryQuery::default());
    out
}

/// This process's resident memory (VmRSS), in KiB; 0 where unknown.
fn resident_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

fn pct(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), String> {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(20);
    let url = std::env::var("DATABASE_URL").map_err(|_| "set DATABASE_URL".to_string())?;
    let url = DatabaseUrl::parse(&url).map_err(|e| e.to_string())?;
    let db = camp_connect::db::connect(&url)
        .await
        .map_err(|e| e.to_string())?;
    let index = DirectoryIndex::default();
    let before = resident_kib();
    let started = Instant::now();
    let n = index.warm(&db).await.map_err(|e| e.to_string())?;
    println!(
        "index: {n} profiles loaded in {:?}, resident memory {} MiB → {} MiB",
        started.elapsed(),
        before / 1024,
        resident_kib() / 1024
    );
    for viewer in [Viewer::Public, Viewer::Community] {
        let mut searches = Vec::new();
        let mut pages = Vec::new();
        let mut found = 0u64;
        let mut views = 0usize;
        for _ in 0..rounds {
            for q in queries() {
                let start = Instant::now();
                let (_, total) = directory::search(&db, &index, viewer.into(), &q.filters())
                    .await
                    .map_err(|e| e.to_string())?;
                searches.push(start.elapsed());
                let start = Instant::now();
                let shown = directory::page(&db, &index, viewer.into(), &q.filters())
                    .await
                    .map_err(|e| e.to_string())?
                    .0
                    .iter()
                    .filter_map(|p| view(p, viewer))
                    .count();
                pages.push(start.elapsed());
                found += total;
                views += shown;
            }
        }
        for (what, times) in [("search", &mut searches), ("page", &mut pages)] {
            times.sort();
            println!(
                "{viewer:?} {what}: {} queries, p50 {:?}, p95 {:?}, p99 {:?}, max {:?}",
                times.len(),
                pct(times, 0.5),
                pct(times, 0.95),
                pct(times, 0.99),
                times[times.len() - 1],
            );
        }
        println!("{viewer:?}: {found} matches counted, {views} profiles shown");
    }
    Ok(())
}
