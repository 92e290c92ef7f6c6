//! The ranking of a track, computed once per change instead of once per
//! page view: the organiser's ranking page reads it on every load, and with
//! thousands of applications the computation (every assignment and score
//! of the track) dominates the page.
//!
//! Each read first takes a cheap stamp of what the ranking depends on — the
//! rubric, the submitted applications (count, highest id), the assignments
//! (count, highest id, latest change) — and reuses the cached ranking only
//! when the stamp is unchanged. Every instance checks the stamp against the
//! database, so several instances never show a stale ranking.

use super::{criteria, ranking};
use crate::domain::review::rank::Ranked;
use crate::store::entities::{application, review_assignment};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

/// What a ranking was computed from.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Stamp {
    criteria: Vec<(i32, i32, i32)>,
    applications: (i64, Option<i64>),
    assignments: (i64, Option<i64>, Option<String>),
}

/// A track's ranking with each application's reviewers.
#[derive(Clone, Debug, Default)]
pub struct Ranks {
    /// Best first.
    pub ranked: Vec<Ranked>,
    /// Application → (reviewer, finished).
    pub reviewers: HashMap<i32, Vec<(i32, bool)>>,
}

type Cache = HashMap<(i32, bool), (Stamp, Arc<Ranks>)>;

static CACHE: LazyLock<Mutex<Cache>> = LazyLock::new(|| Mutex::new(HashMap::new()));

async fn stamp(db: &impl ConnectionTrait, track_id: i32) -> Result<Stamp, DbErr> {
    let rubric = criteria(db, track_id)
        .await?
        .into_iter()
        .map(|c| (c.id, c.weight, c.scale_max))
        .collect();
    let applications: (i64, Option<i64>) = application::Entity::find()
        .select_only()
        .expr(Expr::cust("COUNT(*)"))
        .expr(Expr::cust("CAST(MAX(id) AS BIGINT)"))
        .filter(application::Column::TrackId.eq(track_id))
        .filter(application::Column::Status.eq("submitted"))
        .into_tuple()
        .one(db)
        .await?
        .unwrap_or_default();
    let assignments: (i64, Option<i64>, Option<String>) = review_assignment::Entity::find()
        .select_only()
        .expr(Expr::cust("COUNT(*)"))
        .expr(Expr::cust("CAST(MAX(id) AS BIGINT)"))
        .expr(Expr::cust("CAST(MAX(updated_at) AS TEXT)"))
        .filter(
            review_assignment::Column::ApplicationId.in_subquery(
                Query::select()
                    .column(application::Column::Id)
                    .from(application::Entity)
                    .and_where(application::Column::TrackId.eq(track_id))
                    .to_owned(),
            ),
        )
        .into_tuple()
        .one(db)
        .await?
        .unwrap_or_default();
    Ok(Stamp {
        criteria: rubric,
        applications,
        assignments,
    })
}

/// The track's ranking (normalised or raw), from the cache while nothing
/// it depends on changed.
pub async fn ranks(
    db: &impl ConnectionTrait,
    track_id: i32,
    normalised: bool,
) -> Result<Arc<Ranks>, DbErr> {
    let key = (track_id, normalised);
    let now = stamp(db, track_id).await?;
    if let Ok(cache) = CACHE.lock()
        && let Some((s, r)) = cache.get(&key)
        && *s == now
    {
        return Ok(r.clone());
    }
    let r = ranking(db, track_id, normalised).await?;
    let ranks = Arc::new(Ranks {
        ranked: r.ranked,
        reviewers: r
            .assignments
            .into_iter()
            .map(|(a, v)| {
                let who = v
                    .iter()
                    .map(|x| (x.reviewer_id, x.submitted_at.is_some()))
                    .collect();
                (a, who)
            })
            .collect(),
    });
    if let Ok(mut cache) = CACHE.lock() {
        cache.insert(key, (now, ranks.clone()));
    }
    Ok(ranks)
}
