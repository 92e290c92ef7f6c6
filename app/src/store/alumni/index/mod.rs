//! The directory's search index, held in memory by each instance
//! ([`snapshot`]) and kept current through the database's change feed
//! (`store::alumni::changes`): before each search one key lookup compares
//! the directory's version token with the one the snapshot was built at; a
//! stale instance reloads the accounts changed since its last look (one
//! request does it, the others wait for it), so a change made through any
//! instance is found by the next search on every instance.

mod load;
pub mod snapshot;

use super::changes;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ConnectionTrait, DbErr};
use snapshot::Snapshot;
use tokio::sync::{Mutex, RwLock, RwLockReadGuard};

/// How far before its last look an instance rereads the change feed: a
/// change is stamped with its writer's clock before it commits, so a slow
/// transaction or another instance's clock may stamp it a little earlier
/// than the moment it becomes visible.
const OVERLAP_MINUTES: i64 = 10;

/// A snapshot and the version it is current at.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The directory as of `version`.
    pub snapshot: Snapshot,
    /// The version token it was built at (`None`: never loaded).
    version: Option<String>,
    /// When the last reload began (this instance's clock).
    loaded_at: Option<DateTime<Utc>>,
}

/// One instance's directory index; see the module comment.
#[derive(Debug, Default)]
pub struct DirectoryIndex {
    loaded: RwLock<Loaded>,
    /// Held by the one request reloading, so others wait instead of
    /// reloading the same rows.
    reloading: Mutex<()>,
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

    /// Reloads what changed since `since` (everything if never loaded).
    async fn reload(
        &self,
        db: &impl ConnectionTrait,
        since: Option<DateTime<Utc>>,
    ) -> Result<(), DbErr> {
        let started = Utc::now();
        // The version first: a change committed after this read makes the
        // next search reload again, so none is missed.
        let version = changes::version(db).await?;
        let changed = match since {
            Some(t) => changes::changed_since(db, t - Duration::minutes(OVERLAP_MINUTES)).await?,
            None => load::all_accounts(db).await?,
        };
        let mut entries = load::entries(db, &changed).await?;
        let mut loaded = self.loaded.write().await;
        if since.is_none() {
            loaded.snapshot = Snapshot::new(entries.into_values().collect());
        } else {
            for id in changed {
                loaded.snapshot.apply(id, entries.remove(&id));
            }
        }
        loaded.version = Some(version);
        loaded.loaded_at = Some(started);
        Ok(())
    }
}

#[cfg(test)]
mod tests;
