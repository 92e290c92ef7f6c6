//! Bulk mail: many messages queued by one request in a few multi-row
//! inserts, and the pace at which workers claim it. An announcement to
//! 5,000 people is queued in one transaction, then sent at most
//! `per_minute` a minute (counted from the attempts of the last minute,
//! in the database, so every instance's worker shares one pace), and only
//! once the mail that is not bulk has been claimed: a sign-in notice or a
//! decision never waits behind an announcement.

use super::Recipient;
use crate::domain::mail::{BULK_TEMPLATES, MailTemplate, OutboxStatus};
use crate::store::entities::{outbox_attempt, outbox_message};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect,
    QueryTrait,
};

use outbox_message::Column as C;

/// Rows per insert statement: 17 columns each stays far below the bind
/// parameter limits of SQLite (32,766) and PostgreSQL (65,535).
const ROWS_PER_INSERT: usize = 500;

/// Queues `mails` (each rendered now in its recipient's language, due at
/// once) in multi-row inserts; in the caller's transaction like
/// [`super::enqueue`]. Bulk mail carries no single-use link. Returns how
/// many were queued.
pub async fn enqueue_many(
    db: &impl ConnectionTrait,
    mails: &[(Recipient, MailTemplate)],
    programme_id: Option<i32>,
    now: DateTime<Utc>,
) -> Result<usize, DbErr> {
    for chunk in mails.chunks(ROWS_PER_INSERT) {
        let rows = chunk
            .iter()
            .map(|(to, template)| super::pending_row(None, to, template, programme_id, now));
        outbox_message::Entity::insert_many(rows)
            .exec_without_returning(db)
            .await?;
    }
    Ok(mails.len())
}

/// How much bulk mail may be claimed now under a pace of `per_minute`:
/// the pace less the bulk attempts of the last minute and the bulk
/// messages being sent.
pub async fn bulk_room(
    db: &impl ConnectionTrait,
    per_minute: u64,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let bulk_ids = outbox_message::Entity::find()
        .select_only()
        .column(C::Id)
        .filter(C::Template.is_in(BULK_TEMPLATES))
        .into_query();
    let tried = outbox_attempt::Entity::find()
        .filter(outbox_attempt::Column::At.gt(now - Duration::minutes(1)))
        .filter(outbox_attempt::Column::MessageId.in_subquery(bulk_ids))
        .count(db)
        .await?;
    let sending = outbox_message::Entity::find()
        .filter(C::Status.eq(OutboxStatus::Sending))
        .filter(C::Template.is_in(BULK_TEMPLATES))
        .count(db)
        .await?;
    Ok(per_minute.saturating_sub(tried + sending))
}

/// Which of the due messages a claim looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// All of them (no pace).
    Any,
    /// Those that are not bulk mail.
    NotBulk,
    /// Bulk mail only.
    Bulk,
}

/// `select` narrowed to the messages of `kind`.
pub(super) fn of_kind<Q: QueryFilter>(select: Q, kind: Kind) -> Q {
    match kind {
        Kind::Any => select,
        Kind::NotBulk => select.filter(C::Template.is_not_in(BULK_TEMPLATES)),
        Kind::Bulk => select.filter(C::Template.is_in(BULK_TEMPLATES)),
    }
}
