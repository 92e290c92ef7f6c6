//! Approved hosts: organisers approve alumni (by their address) to create
//! and run events, and withdraw the approval. An approval is a row of its
//! own rather than a role grant, since role grants are scoped to a
//! programme and community events are not.

use super::{EventError, is_any_alumnus};
use crate::domain::access::Actor;
use crate::domain::events::view::HostRow;
use crate::domain::forms::Problem;
use crate::domain::lang::Localized;
use crate::store::audit::{AuditEntry, append_audit};
use crate::store::entities::{account, event_host};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, Set,
};

/// The approved hosts, in the order they were approved.
pub async fn hosts(db: &impl ConnectionTrait) -> Result<Vec<HostRow>, DbErr> {
    let rows = event_host::Entity::find()
        .order_by_asc(event_host::Column::ApprovedAt)
        .all(db)
        .await?;
    let mut out = Vec::new();
    for h in rows {
        if let Some(a) = account::Entity::find_by_id(h.account_id).one(db).await? {
            out.push(HostRow {
                account_id: a.id,
                name: Localized::new(a.name_ja, a.name_en),
                email: a.email.unwrap_or_default(),
                approved_at: h.approved_at,
            });
        }
    }
    Ok(out)
}

async fn audit(
    db: &impl ConnectionTrait,
    actor: &Actor,
    action: &str,
    who: i32,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    append_audit(
        db,
        AuditEntry {
            actor_id: Some(actor.account_id),
            action,
            entity: "account",
            entity_id: who.to_string(),
            programme_id: None,
            summary: format!("{action} for account {who}"),
        },
        now,
    )
    .await
}

/// Approves the alumnus with `email` as a host; approving twice is a no-op.
/// Refused for an unknown address or someone who is not an alumnus.
pub async fn approve(
    db: &DatabaseConnection,
    actor: &Actor,
    email: &str,
    now: DateTime<Utc>,
) -> Result<(), EventError> {
    let txn = crate::store::begin_write(db).await?;
    let a = account::Entity::find()
        .filter(account::Column::Email.eq(email.trim()))
        .one(&txn)
        .await?
        .ok_or(EventError::Refused("email", Problem::NoSuchAccount))?;
    if !is_any_alumnus(&txn, a.id).await? {
        return Err(EventError::Refused("email", Problem::HostNotAlumnus));
    }
    if event_host::Entity::find_by_id(a.id)
        .one(&txn)
        .await?
        .is_some()
    {
        return Ok(());
    }
    event_host::ActiveModel {
        account_id: Set(a.id),
        approved_by: Set(Some(actor.account_id)),
        approved_at: Set(now),
    }
    .insert(&txn)
    .await?;
    audit(&txn, actor, "event.host.approve", a.id, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Withdraws a host's approval (their events stay theirs to run); a no-op
/// for someone not approved.
pub async fn withdraw(
    db: &DatabaseConnection,
    actor: &Actor,
    account_id: i32,
    now: DateTime<Utc>,
) -> Result<(), EventError> {
    let txn = crate::store::begin_write(db).await?;
    let gone = event_host::Entity::delete_by_id(account_id)
        .exec(&txn)
        .await?;
    if gone.rows_affected > 0 {
        audit(&txn, actor, "event.host.withdraw", account_id, now).await?;
    }
    txn.commit().await?;
    Ok(())
}
