//! Who is an alumnus of a programme: the one definition the eligibility
//! once-only rule, tutor volunteering and the staffing dashboard share.

use sea_orm::{ConnectionTrait, DbErr};

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
