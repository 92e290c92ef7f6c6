//! The ranking of a track, computed once per change instead of once per
//! page view: the organiser's ranking page reads it on every load, and with
//! thousands of applications the computation (every assignment and score
//! of the track) dominates the page.
//!
//! Each read first takes the track's ranking version — a random number
//! that every change to what the ranking depends on (the submitted
//! applications, assignments, scores and the rubric) replaces
//! ([`super::version::ranking_changed`], in the change's own transaction
//! or right after it) — and reuses the cached ranking only when the
//! version is unchanged: one key lookup per page view. Every instance checks the version against
//! the database, so several instances never show a stale ranking; and
//! being random, a version never matches a ranking cached from another
//! database (the tests run many in one process). The version is read before
//! the inputs, so a change racing a computation only costs a second one.
//!
//! When the version has moved, one request computes the new ranking and the
//! others asking for the same track wait for it and take its result
//! (single flight), instead of all computing it side by side: sixteen
//! organisers' requests arriving together after a change once took ten
//! seconds this way on two cores.

use super::ranking;
use super::version::version;
use crate::domain::review::rank::Ranked;
use crate::domain::review::rubric::Criterion;
use sea_orm::{ConnectionTrait, DbErr};
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

/// A track's ranking with each application's reviewers.
#[derive(Clone, Debug, Default)]
pub struct Ranks {
    /// Best first.
    pub ranked: Vec<Ranked>,
    /// Application → (reviewer, finished).
    pub reviewers: HashMap<i32, Vec<(i32, bool)>>,
    /// The rubric it was computed with.
    pub criteria: Vec<Criterion>,
    /// Reviewer → (assigned, finished), counted once per ranking rather
    /// than on every page view.
    pub load: HashMap<i32, (usize, usize)>,
    /// `by_reviewer_count[n]`: submitted applications with `n` reviewers.
    pub by_reviewer_count: Vec<usize>,
    /// Submitted applications without a finished review.
    pub unreviewed: usize,
}

impl Ranks {
    /// Submitted applications with fewer than `k` reviewers.
    pub fn short_of(&self, k: usize) -> usize {
        self.by_reviewer_count.iter().take(k).sum()
    }
}

/// Builds the cached ranking from a fresh computation.
fn ranks_of(r: super::Ranking) -> Ranks {
    let reviewers: HashMap<i32, Vec<(i32, bool)>> = r
        .assignments
        .into_iter()
        .map(|(a, v)| {
            let who = v
                .iter()
                .map(|x| (x.reviewer_id, x.submitted_at.is_some()))
                .collect();
            (a, who)
        })
        .collect();
    let mut load: HashMap<i32, (usize, usize)> = HashMap::new();
    for &(reviewer, done) in reviewers.values().flatten() {
        let e = load.entry(reviewer).or_default();
        e.0 += 1;
        e.1 += usize::from(done);
    }
    let mut by_reviewer_count = Vec::new();
    for x in &r.ranked {
        let n = reviewers.get(&x.application_id).map_or(0, Vec::len);
        if by_reviewer_count.len() <= n {
            by_reviewer_count.resize(n + 1, 0);
        }
        by_reviewer_count[n] += 1;
    }
    Ranks {
        unreviewed: r.ranked.iter().filter(|x| x.rank.is_none()).count(),
        ranked: r.ranked,
        reviewers,
        criteria: r.criteria,
        load,
        by_reviewer_count,
    }
}

/// Which ranking: the track and whether it is normalised.
type Key = (i32, bool);

/// Each ranking with the version it was computed at.
type Cache = HashMap<Key, (i64, Arc<Ranks>)>;

static CACHE: LazyLock<Mutex<Cache>> = LazyLock::new(|| Mutex::new(HashMap::new()));

/// One gate per ranking: whoever holds it is computing that ranking.
static COMPUTING: LazyLock<Mutex<HashMap<Key, Arc<tokio::sync::Mutex<()>>>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

/// The cached ranking for `key` if it was computed at `version`.
fn cached(key: Key, version: i64) -> Option<Arc<Ranks>> {
    let cache = CACHE.lock().ok()?;
    let (v, r) = cache.get(&key)?;
    (*v == version).then(|| r.clone())
}

/// The gate of `key`'s computation.
fn gate(key: Key) -> Arc<tokio::sync::Mutex<()>> {
    match COMPUTING.lock() {
        Ok(mut gates) => gates.entry(key).or_default().clone(),
        // A poisoned map only loses the sharing, never the answer.
        Err(_) => Arc::default(),
    }
}

/// The track's ranking (normalised or raw), from the cache while nothing
/// it depends on changed.
pub async fn ranks(
    db: &impl ConnectionTrait,
    track_id: i32,
    normalised: bool,
) -> Result<Arc<Ranks>, DbErr> {
    let key = (track_id, normalised);
    let now = version(db, track_id).await?;
    if let Some(hit) = cached(key, now) {
        return Ok(hit);
    }
    let gate = gate(key);
    let _turn = gate.lock().await;
    // Whoever held the gate before may have computed this very ranking.
    let now = version(db, track_id).await?;
    if let Some(hit) = cached(key, now) {
        return Ok(hit);
    }
    let r = ranking(db, track_id, normalised).await?;
    let ranks = Arc::new(ranks_of(r));
    if let Ok(mut cache) = CACHE.lock() {
        cache.insert(key, (now, ranks.clone()));
    }
    Ok(ranks)
}
