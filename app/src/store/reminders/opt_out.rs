//! Opting out of non-essential mail, and back in: from the account page
//! (signed in) or by the one-click link in a non-essential mail (no
//! sign-in). The link's token was made by the mail worker at send time;
//! only its SHA-256 is stored, on the sent message, and it opens nothing
//! but this switch.

use crate::store::audit::{AuditEntry, append_audit};
use crate::store::entities::{account, outbox_message};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};

/// Whether account `id` opted out of non-essential mail.
pub async fn opted_out(db: &impl ConnectionTrait, id: i32) -> Result<bool, DbErr> {
    Ok(account::Entity::find_by_id(id)
        .one(db)
        .await?
        .is_some_and(|a| a.mail_opt_out_at.is_some()))
}

/// Switches account `id`'s non-essential mail off (`off`) or back on,
/// audited; `false` when the account is gone or deleted. Switching to
/// where it already is changes nothing and writes no audit event.
pub async fn set(
    db: &DatabaseConnection,
    id: i32,
    off: bool,
    how: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let txn = crate::store::begin_write(db).await?;
    let update = account::Entity::update_many()
        .col_expr(
            account::Column::MailOptOutAt,
            Expr::value(off.then_some(now)),
        )
        .filter(account::Column::Id.eq(id))
        .filter(account::Column::Email.is_not_null());
    let changed = if off {
        update.filter(account::Column::MailOptOutAt.is_null())
    } else {
        update.filter(account::Column::MailOptOutAt.is_not_null())
    }
    .exec(&txn)
    .await?
    .rows_affected
        == 1;
    if changed {
        let (action, summary) = if off {
            (
                "account.mail_opt_out",
                format!("opted out of non-essential mail ({how})"),
            )
        } else {
            (
                "account.mail_opt_in",
                format!("receives non-essential mail again ({how})"),
            )
        };
        let entry = AuditEntry {
            actor_id: Some(id),
            action,
            entity: "account",
            entity_id: id.to_string(),
            programme_id: None,
            summary,
        };
        append_audit(&txn, entry, now).await?;
    }
    let exists = account::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .is_some_and(|a| a.email.is_some());
    txn.commit().await?;
    Ok(exists)
}

/// The account an opt-out link's `token` is for: `None` for a token never
/// issued (or one whose mail was deleted with its account).
pub async fn account_of_token(
    db: &impl ConnectionTrait,
    token: &str,
) -> Result<Option<account::Model>, DbErr> {
    if !crate::domain::tokens::is_token_shaped(token) {
        return Ok(None);
    }
    let hash = crate::domain::tokens::token_hash(token);
    let Some(m) = outbox_message::Entity::find()
        .filter(outbox_message::Column::UnsubscribeHash.eq(hash))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    account::Entity::find()
        .filter(account::Column::Email.eq(m.recipient_email))
        .one(db)
        .await
}

/// Opts the holder of `token` out; `false` for an unknown token.
pub async fn opt_out_by_token(
    db: &DatabaseConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    match account_of_token(db, token).await? {
        Some(a) => set(db, a.id, true, "mail link", now).await,
        None => Ok(false),
    }
}
