//! A track's ranking version: a random number that every change to what
//! its ranking depends on (the submitted applications, assignments, scores
//! and the rubric) replaces, so that the cached ranking (`cache`) is
//! recomputed exactly when it may have changed.

use crate::store::entities::ranking_version;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, Set};

/// A fresh random version.
fn random_version() -> Result<i64, DbErr> {
    Ok(i64::from_le_bytes(crate::store::tokens::random_bytes()?))
}

/// Records that the ranking inputs of `track_id` changed. Call it in the
/// transaction that makes the change (or after the change): a reader then
/// sees either the old inputs with the old version or the new with the new.
pub async fn ranking_changed(db: &impl ConnectionTrait, track_id: i32) -> Result<(), DbErr> {
    ranking_version::Entity::insert(ranking_version::ActiveModel {
        track_id: Set(track_id),
        version: Set(random_version()?),
    })
    .on_conflict(
        OnConflict::column(ranking_version::Column::TrackId)
            .update_column(ranking_version::Column::Version)
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// The track's ranking version, given one if it has none yet.
pub(super) async fn version(db: &impl ConnectionTrait, track_id: i32) -> Result<i64, DbErr> {
    if let Some(v) = ranking_version::Entity::find_by_id(track_id)
        .one(db)
        .await?
    {
        return Ok(v.version);
    }
    ranking_version::Entity::insert(ranking_version::ActiveModel {
        track_id: Set(track_id),
        version: Set(random_version()?),
    })
    .on_conflict(
        OnConflict::column(ranking_version::Column::TrackId)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    ranking_version::Entity::find_by_id(track_id)
        .one(db)
        .await?
        .map(|v| v.version)
        .ok_or_else(|| DbErr::RecordNotFound(format!("ranking version of track {track_id}")))
}
