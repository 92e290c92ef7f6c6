//! The directory search: the programme, cohort and track of the filters
//! are looked up by slug, then this instance's in-memory index
//! (`store::alumni::index`) answers, current as of the search. Free text
//! matches the search text of the viewer's audience only
//! (`domain::alumni::search`), and each filter matches only a part the
//! viewer may see (`visibility::visible_settings`), so neither leaks what is
//! hidden.

use super::index::DirectoryIndex;
use super::index::snapshot::{Query, Searcher};
use crate::domain::alumni::Profile;
use crate::domain::alumni::directory::Filters;
use crate::domain::lang::Localized;
use crate::store::catalogue::rows::{cohort_row, programme_row, track_row};
use crate::store::entities::programme;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, QueryOrder};

/// Where the programme, cohort and track filters point; `None` when one
/// names nothing (then nothing matches).
async fn place(
    db: &impl ConnectionTrait,
    f: &Filters,
) -> Result<Option<(Option<i32>, Option<i32>, Option<i32>)>, DbErr> {
    let Some(p) = &f.programme else {
        return Ok(Some((None, None, None)));
    };
    let Some(p) = programme_row(db, p).await? else {
        return Ok(None);
    };
    let Some(c) = &f.cohort else {
        return Ok(Some((Some(p.id), None, None)));
    };
    let Some(c) = cohort_row(db, p.id, c).await? else {
        return Ok(None);
    };
    let Some(t) = &f.track else {
        return Ok(Some((Some(p.id), Some(c.id), None)));
    };
    let t = track_row(db, c.id, t).await?;
    Ok(t.map(|t| (Some(p.id), Some(c.id), Some(t.id))))
}

/// `f` with its programme, cohort and track looked up; `None` when one
/// names nothing (then nothing matches).
async fn query_of(db: &impl ConnectionTrait, f: &Filters) -> Result<Option<Query>, DbErr> {
    Ok(place(db, f).await?.map(|place| Query {
        terms: f.terms.clone(),
        place,
        skill: f.skill.clone(),
        level: f.level.map(|l| l.number()),
        qualification: f.qualification,
        open_to: f.open_to,
    }))
}

/// The accounts on page `f.page` of a search by `who` (newest changes
/// first), and how many match (counted up to `COUNT_CAP` + 1).
pub async fn search(
    db: &impl ConnectionTrait,
    index: &DirectoryIndex,
    who: Searcher<'_>,
    f: &Filters,
) -> Result<(Vec<i32>, u64), DbErr> {
    let Some(query) = query_of(db, f).await? else {
        return Ok((Vec::new(), 0));
    };
    let loaded = index.current(db).await?;
    Ok(loaded.snapshot.search(who, &query, f.page))
}

/// The whole profiles on page `f.page` of a search by `who` (for
/// [`crate::domain::alumni::visibility::view`]), and how many match.
pub async fn page(
    db: &impl ConnectionTrait,
    index: &DirectoryIndex,
    who: Searcher<'_>,
    f: &Filters,
) -> Result<(Vec<Profile>, u64), DbErr> {
    let Some(query) = query_of(db, f).await? else {
        return Ok((Vec::new(), 0));
    };
    index.page(db, who, &query, f.page).await
}

/// Every programme's slug and name in listing order, for the directory's
/// programme filter.
pub async fn programme_choices(
    db: &impl ConnectionTrait,
) -> Result<Vec<(String, Localized)>, DbErr> {
    Ok(programme::Entity::find()
        .order_by_asc(programme::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.slug, Localized::new(p.name_ja, p.name_en)))
        .collect())
}
