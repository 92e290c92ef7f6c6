//! What the operator's metrics read from the database at scrape time.

use super::outbox::{OutboxScope, status_template_counts};
use crate::domain::mail::{OutboxStatus, status_counts};
use sea_orm::{ConnectionTrait, DbErr};

/// How many outbox messages are in each status, every status listed (with
/// 0 when none), in the order of a message's life: the one grouped query
/// the outbox page counts with, so a scrape costs one statement.
pub async fn outbox_counts(db: &impl ConnectionTrait) -> Result<Vec<(OutboxStatus, u64)>, DbErr> {
    let groups = status_template_counts(db, &OutboxScope::All).await?;
    let (counts, _) = status_counts(&groups, None);
    Ok(counts.into_iter().map(|c| (c.status, c.count)).collect())
}
