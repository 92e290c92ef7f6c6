//! The directory's search index, held in memory by each instance
//! ([`snapshot`]) and kept current through the database's change feed
//! (`store::alumni::changes`): before each search one key lookup compares
//! the directory's version token with the one the snapshot was built at; a
//! stale instance reloads the accounts changed since its last look (one
//! request does it, the others wait for it), so a change made through any
//! instance is found by the next search on every instance.
//!
//! The whole profiles shown on directory pages are kept too, until their
//! entry changes: a page then needs no query for its profiles but for their
//! camps (whose programme and track names are edited elsewhere). They are
//! read and filled while the snapshot is held, so a reload, which forgets
//! the changed ones, cannot interleave with filling them.

mod load;
pub mod snapshot;

use super::changes;
use crate::domain::alumni::Profile;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ConnectionTrait, DbErr};
use snapshot::{Query, Searcher, Snapshot};
use std::collections::HashMap;
use std::sync::Arc;
use tokio::sync::{Mutex, RwLock, RwLockReadGuard};

/// How far before its last look an instance rereads the change feed: a
/// change is stamped with its writer's clock before it commits, so a slow
/// transaction or another instance's clock may stamp it a little earlier
/// than the moment it becomes visible.
const OVERLAP_MINUTES: i64 = 10;

/// The most profiles kept for pages (about 2 KB each); beyond, they are
/// all forgotten and the pages shown next fill it again.
const MAX_SHOWN: usize = 20_000;

/// A snapshot and the version it is current at.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The directory as of `version`.
    pub snapshot: Snapshot,
    /// The version token it was built at (`None`: never loaded).
    version: Option<String>,
    /// When the last reload began (this instance's clock).
    loaded_at: Option<DateTime<Utc>>,
    /// Whole profiles shown on pages since their last change, without
    /// their camps. Never held across an await.
    shown: std::sync::Mutex<HashMap<i32, Arc<Profile>>>,
}

/// One instance's directory index; see the module comment.
#[derive(Debug, Default)]
pub struct DirectoryIndex {
    loaded: RwLock<Loaded>,
    /// Held by the one request reloading, so others wait instead of
    /// reloading the same rows.
    reloading: Mutex<()>,
    /// What the operator's metrics and readiness check read, kept apart
    /// from the snapshot's lock so that reading them never waits for a
    /// reload.
    stats: IndexStats,
}

/// Figures about an instance's directory index, updated after each load.
#[derive(Debug, Default)]
struct IndexStats {
    /// Whether a load has ever finished.
    loaded: std::sync::atomic::AtomicBool,
    /// Profiles in the snapshot after the last load.
    profiles: std::sync::atomic::AtomicUsize,
    /// How long the last load took, in microseconds.
    last_load_micros: std::sync::atomic::AtomicU64,
}

/// What [`DirectoryIndex::status`] tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IndexStatus {
    /// Profiles in the snapshot.
    pub profiles: usize,
    /// How long the last load (whole or of the changes) took.
    pub last_load: std::time::Duration,
}

impl DirectoryIndex {
    /// The snapshot, current as of this call.
    pub async fn current(
        &self,
        db: &impl ConnectionTrait,
    ) -> Result<RwLockReadGuard<'_, Loaded>, DbErr> {
        let version = changes::version(db).await?;
        {
            let loaded = self.loaded.read().await;
            if loaded.version.as_deref() == Some(version.as_str()) {
                return Ok(loaded);
            }
        }
        let _only_one = self.reloading.lock().await;
        let (version_seen, loaded_at) = {
            let loaded = self.loaded.read().await;
            (loaded.version.clone(), loaded.loaded_at)
        };
        if version_seen.as_deref() != Some(version.as_str()) {
            self.reload(db, loaded_at).await?;
        }
        Ok(self.loaded.read().await)
    }

    /// Loads the index (at start-up, so the first search need not), and
    /// tells how many profiles it holds.
    pub async fn warm(&self, db: &impl ConnectionTrait) -> Result<usize, DbErr> {
        Ok(self.current(db).await?.snapshot.len())
    }

    /// The index's size and last load time, or `None` while it has never
    /// been loaded (an instance that has just started).
    pub fn status(&self) -> Option<IndexStatus> {
        use std::sync::atomic::Ordering::Relaxed;
        self.stats.loaded.load(Relaxed).then(|| IndexStatus {
            profiles: self.stats.profiles.load(Relaxed),
            last_load: std::time::Duration::from_micros(self.stats.last_load_micros.load(Relaxed)),
        })
    }

    /// The whole profiles on page `page` of `query`'s matches as `who`
    /// may see them, and how many match: profiles kept since their last
    /// change come from memory, the others from the database, and the
    /// camps of all of them from the database.
    pub async fn page(
        &self,
        db: &impl ConnectionTrait,
        who: Searcher<'_>,
        query: &Query,
        page: u64,
    ) -> Result<(Vec<Profile>, u64), DbErr> {
        let loaded = self.current(db).await?;
        let (ids, total) = loaded.snapshot.search(who, query, page);
        let lock = || loaded.shown.lock().unwrap_or_else(|e| e.into_inner());
        let mut found: HashMap<i32, Arc<Profile>> = HashMap::new();
        let mut missing = Vec::new();
        {
            let shown = lock();
            for id in &ids {
                match shown.get(id) {
                    Some(p) => {
                        found.insert(*id, p.clone());
                    }
                    None => missing.push(*id),
                }
            }
        }
        if !missing.is_empty() {
            let read = super::profile::profiles(db, &missing).await?;
            let mut shown = lock();
            if shown.len() + read.len() > MAX_SHOWN {
                shown.clear();
            }
            for mut p in read {
                p.camps.clear();
                let p = Arc::new(p);
                shown.insert(p.account_id, p.clone());
                found.insert(p.account_id, p);
            }
        }
        let mut camps = super::profile::camps_of(db, &ids).await?;
        let profiles = ids
            .iter()
            .filter_map(|id| found.get(id))
            .map(|p| Profile {
                camps: camps.remove(&p.account_id).unwrap_or_default(),
                ..(**p).clone()
            })
            .collect();
        Ok((profiles, total))
    }

    /// Reloads what changed since `since` (everything if never loaded).
    async fn reload(
        &self,
        db: &impl ConnectionTrait,
        since: Option<DateTime<Utc>>,
    ) -> Result<(), DbErr> {
        let started = Utc::now();
        let clock = std::time::Instant::now();
        // The version first: a change committed after this read makes the
        // next search reload again, so none is missed.
        let version = changes::version(db).await?;
        let changed = match since {
            Some(t) => changes::changed_since(db, t - Duration::minutes(OVERLAP_MINUTES)).await?,
            None => load::all_accounts(db).await?,
        };
        let mut entries = load::entries(db, &changed).await?;
        let mut loaded = self.loaded.write().await;
        let shown = loaded.shown.get_mut().unwrap_or_else(|e| e.into_inner());
        if since.is_none() {
            shown.clear();
            loaded.snapshot = Snapshot::new(entries.into_values().collect());
        } else {
            for id in &changed {
                shown.remove(id);
            }
            for id in changed {
                loaded.snapshot.apply(id, entries.remove(&id));
            }
        }
        loaded.version = Some(version);
        loaded.loaded_at = Some(started);
        {
            use std::sync::atomic::Ordering::Relaxed;
            let micros = u64::try_from(clock.elapsed().as_micros()).unwrap_or(u64::MAX);
            self.stats.profiles.store(loaded.snapshot.len(), Relaxed);
            self.stats.last_load_micros.store(micros, Relaxed);
            self.stats.loaded.store(true, Relaxed);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
