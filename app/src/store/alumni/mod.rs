//! Alumni: who is an alumnus (the one definition the eligibility once-only
//! rule, tutor volunteering, the staffing dashboard and the directory
//! share), profiles, the directory search and the skills self-assessment.

pub mod bulk;
pub mod changes;
pub mod directory;
pub mod index;
pub mod profile;
pub mod skills;

use crate::store::entities::completion;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter};

/// Whether `account_id` is an alumnus of `programme_id`: someone who
/// completed one of its tracks and whose certificate is not revoked (the
/// pipeline's rule, `store::pipeline::is_alumnus`). Taking part alone does
/// not make an alumnus, and a revoked certificate takes the status away.
pub async fn is_alumnus(
    db: &impl ConnectionTrait,
    account_id: i32,
    programme_id: i32,
) -> Result<bool, DbErr> {
    crate::store::pipeline::is_alumnus(db, account_id, programme_id).await
}

/// Whether `account_id` is an alumnus of any programme.
pub async fn is_alumnus_anywhere(
    db: &impl ConnectionTrait,
    account_id: i32,
) -> Result<bool, DbErr> {
    Ok(completion::Entity::find()
        .filter(completion::Column::AccountId.eq(account_id))
        .filter(completion::Column::RevokedAt.is_null())
        .count(db)
        .await?
        > 0)
}

/// The kind of viewer `actor` is for others' profiles (see
/// `domain::alumni::visibility`).
pub async fn kind_of(
    db: &impl ConnectionTrait,
    actor: Option<&crate::domain::access::Actor>,
) -> Result<crate::domain::alumni::visibility::Kind, DbErr> {
    let alumnus = match actor {
        Some(a) => is_alumnus_anywhere(db, a.account_id).await?,
        None => false,
    };
    Ok(crate::domain::alumni::visibility::kind_of(actor, alumnus))
}

/// Which owners, among `among` (everyone when `None`), are people of a
/// programme `kind` organises (`store::pipeline::people::people_in`):
/// those whose organiser-only parts an organiser of it sees. Empty for
/// every kind but an organiser's.
pub async fn in_scope(
    db: &impl ConnectionTrait,
    kind: &crate::domain::alumni::visibility::Kind,
    among: Option<&[i32]>,
) -> Result<std::collections::HashSet<i32>, DbErr> {
    crate::store::pipeline::people::people_in(db, kind.organises(), among).await
}
