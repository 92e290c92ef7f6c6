//! What the operator's metrics read from the database at scrape time.

use super::entities::outbox_message;
use crate::domain::mail::OutboxStatus;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter};

/// How many outbox messages are in each status, every status listed (with
/// 0 when none), in the order of a message's life.
pub async fn outbox_counts(db: &impl ConnectionTrait) -> Result<Vec<(OutboxStatus, u64)>, DbErr> {
    let mut counts = Vec::with_capacity(OutboxStatus::ALL.len());
    for status in OutboxStatus::ALL {
        let n = outbox_message::Entity::find()
            .filter(outbox_message::Column::Status.eq(status))
            .count(db)
            .await?;
        counts.push((status, n));
    }
    Ok(counts)
}
