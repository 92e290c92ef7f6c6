//! Programme, cohort and track rows looked up by slug: the one place every
//! capability finds them (URLs name records by slug, never by id).

use crate::domain::catalogue::ProgrammeRef;
use crate::domain::lang::Localized;
use crate::store::entities::{cohort, programme, track};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

/// A programme by slug.
pub async fn programme_row(
    db: &impl ConnectionTrait,
    slug: &str,
) -> Result<Option<programme::Model>, DbErr> {
    programme::Entity::find()
        .filter(programme::Column::Slug.eq(slug))
        .one(db)
        .await
}

/// A cohort row of a programme.
pub async fn cohort_row(
    db: &impl ConnectionTrait,
    programme_id: i32,
    slug: &str,
) -> Result<Option<cohort::Model>, DbErr> {
    cohort::Entity::find()
        .filter(cohort::Column::ProgrammeId.eq(programme_id))
        .filter(cohort::Column::Slug.eq(slug))
        .one(db)
        .await
}

/// A track row of a cohort.
pub async fn track_row(
    db: &impl ConnectionTrait,
    cohort_id: i32,
    slug: &str,
) -> Result<Option<track::Model>, DbErr> {
    track::Entity::find()
        .filter(track::Column::CohortId.eq(cohort_id))
        .filter(track::Column::Slug.eq(slug))
        .one(db)
        .await
}

/// The programme as the catalogue and pages name it.
pub fn programme_ref(p: &programme::Model) -> ProgrammeRef {
    ProgrammeRef {
        slug: p.slug.clone(),
        kind: p.kind,
        name: Localized::new(&p.name_ja, &p.name_en),
    }
}

/// Every programme row, as the database lists them: callers keep those a
/// person may act on.
pub async fn programme_rows(db: &impl ConnectionTrait) -> Result<Vec<programme::Model>, DbErr> {
    programme::Entity::find().all(db).await
}
