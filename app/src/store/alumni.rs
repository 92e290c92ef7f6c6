//! Who is an alumnus of a programme: the one definition the eligibility
//! once-only rule, tutor volunteering and the staffing dashboard share.

use super::entities::{cohort, role_grant};
use crate::domain::access::Role;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter};

/// Whether `account_id` is an alumnus of `programme_id`: a participant of
/// one of its cohorts whose sessions have ended.
pub async fn is_alumnus(
    db: &impl ConnectionTrait,
    account_id: i32,
    programme_id: i32,
) -> Result<bool, DbErr> {
    let finished: Vec<i32> = cohort::Entity::find()
        .filter(cohort::Column::ProgrammeId.eq(programme_id))
        .filter(cohort::Column::SessionsEndAt.lt(chrono::Utc::now()))
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect();
    Ok(role_grant::Entity::find()
        .filter(role_grant::Column::AccountId.eq(account_id))
        .filter(role_grant::Column::Role.eq(Role::Participant.as_str()))
        .filter(role_grant::Column::CohortId.is_in(finished))
        .count(db)
        .await?
        > 0)
}
