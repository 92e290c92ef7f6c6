//! The outbox as staff work with it: a page and the counts per status and
//! template, holding, releasing and sending failed mail again. Every look-up
//! is made inside the reader's [`OutboxScope`], so a message about another
//! programme is not found, exactly like one that does not exist. Each
//! change is a conditional update on the message's status (so it cannot
//! overrun a worker or another person's change) with its audit event, in
//! one transaction.

use super::super::audit::{AuditEntry, append_audit};
use super::super::entities::outbox_message;
use super::C;
use crate::domain::forms::Problem;
use crate::domain::mail::{
    OUTBOX_PAGE_SIZE, OutboxFilter, OutboxRow, OutboxStatus, link_lost, retry_refusal,
};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, UpdateMany,
};
use std::collections::BTreeMap;

/// Which messages a reader may see and change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OutboxScope {
    /// All (administrators), mail about no programme included.
    All,
    /// Those about these programmes (organisers).
    Programmes(Vec<i32>),
}

impl OutboxScope {
    /// The messages of this scope, as a condition on the outbox.
    fn condition(&self) -> Condition {
        match self {
            OutboxScope::All => Condition::all(),
            OutboxScope::Programmes(ids) => {
                Condition::all().add(C::ProgrammeId.is_in(ids.iter().copied()))
            }
        }
    }
}

/// Message `id` when it is in `scope`; `None` when it is not there or
/// not the reader's (told apart by no one).
pub async fn message_in_scope(
    db: &impl ConnectionTrait,
    scope: &OutboxScope,
    id: i64,
) -> Result<Option<outbox_message::Model>, DbErr> {
    outbox_message::Entity::find_by_id(id)
        .filter(scope.condition())
        .one(db)
        .await
}

/// What a staff change came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StaffChange {
    /// Done, and recorded in the audit log.
    Done,
    /// No such message in the person's scope.
    NotFound,
    /// Refused: the message is not in a status the change applies to (or
    /// left it meanwhile), or cannot be sent again.
    Refused(Problem),
}

/// Holds the pending message `id` of `scope`: no worker sends it until it
/// is released.
pub async fn hold(
    db: &DatabaseConnection,
    actor_id: i32,
    scope: &OutboxScope,
    id: i64,
    now: DateTime<Utc>,
) -> Result<StaffChange, DbErr> {
    change_hold(db, actor_id, scope, id, true, now).await
}

/// Releases the held message `id` of `scope`: it is due at once.
pub async fn release(
    db: &DatabaseConnection,
    actor_id: i32,
    scope: &OutboxScope,
    id: i64,
    now: DateTime<Utc>,
) -> Result<StaffChange, DbErr> {
    change_hold(db, actor_id, scope, id, false, now).await
}

async fn change_hold(
    db: &DatabaseConnection,
    actor_id: i32,
    scope: &OutboxScope,
    id: i64,
    hold: bool,
    now: DateTime<Utc>,
) -> Result<StaffChange, DbErr> {
    let (from, to, action, done) = if hold {
        (
            OutboxStatus::Pending,
            OutboxStatus::Held,
            "outbox.hold",
            "held",
        )
    } else {
        (
            OutboxStatus::Held,
            OutboxStatus::Pending,
            "outbox.release",
            "released",
        )
    };
    let txn = crate::store::begin_write(db).await?;
    let mut update = outbox_message::Entity::update_many()
        .col_expr(C::Status, Expr::value(to))
        .filter(C::Id.eq(id))
        .filter(C::Status.eq(from))
        .filter(scope.condition());
    if !hold {
        update = update.col_expr(C::NextAttemptAt, Expr::value(now));
    }
    let changed = update.exec(&txn).await?.rows_affected == 1;
    let Some(m) = message_in_scope(&txn, scope, id).await? else {
        return Ok(StaffChange::NotFound);
    };
    if !changed {
        return Ok(StaffChange::Refused(Problem::StatusChanged));
    }
    let summary = format!("message {id} ({}) {done}", m.template);
    audit_message(&txn, actor_id, action, &m, summary, now).await?;
    txn.commit().await?;
    Ok(StaffChange::Done)
}

/// Appends the audit event of a change to message `m`.
async fn audit_message(
    db: &impl ConnectionTrait,
    actor_id: i32,
    action: &str,
    m: &outbox_message::Model,
    summary: String,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let entry = AuditEntry {
        actor_id: Some(actor_id),
        action,
        entity: "outbox_message",
        entity_id: m.id.to_string(),
        programme_id: m.programme_id,
        summary,
    };
    append_audit(db, entry, now).await
}

/// The update that gives failed messages back to the workers: pending,
/// due `now`, with no attempts, so the worker tries them afresh through the
/// whole retry schedule. Only rows still `failed` change: a message sent,
/// waiting or being sent is never touched, so nothing is sent twice.
fn back_to_pending(now: DateTime<Utc>) -> UpdateMany<outbox_message::Entity> {
    let no_time: Option<DateTime<Utc>> = None;
    let no_text: Option<String> = None;
    outbox_message::Entity::update_many()
        .col_expr(C::Status, Expr::value(OutboxStatus::Pending))
        .col_expr(C::Attempts, Expr::value(0))
        .col_expr(C::NextAttemptAt, Expr::value(now))
        .col_expr(C::ClaimedBy, Expr::value(no_text))
        .col_expr(C::ClaimedUntil, Expr::value(no_time))
        .filter(C::Status.eq(OutboxStatus::Failed))
}

/// Sends the failed message `id` of `scope` again: refused for a message
/// that is not failed (see [`retry_refusal`]) or whose single-use link is
/// gone.
pub async fn retry(
    db: &DatabaseConnection,
    actor_id: i32,
    scope: &OutboxScope,
    id: i64,
    now: DateTime<Utc>,
) -> Result<StaffChange, DbErr> {
    let txn = crate::store::begin_write(db).await?;
    let Some(m) = message_in_scope(&txn, scope, id).await? else {
        return Ok(StaffChange::NotFound);
    };
    let lost = link_lost(&m.subject, &m.text_body, m.link_secret.as_deref());
    if let Some(problem) = retry_refusal(m.status, lost) {
        return Ok(StaffChange::Refused(problem));
    }
    let res = back_to_pending(now).filter(C::Id.eq(id)).exec(&txn).await?;
    if res.rows_affected != 1 {
        return Ok(StaffChange::Refused(Problem::NotFailed));
    }
    let summary = format!(
        "message {id} ({}) sent again after {} failed attempts",
        m.template, m.attempts
    );
    audit_message(&txn, actor_id, "outbox.retry", &m, summary, now).await?;
    txn.commit().await?;
    Ok(StaffChange::Done)
}

/// Ids one `IN (…)` list holds at most: far below what SQLite and
/// PostgreSQL take as parameters of one statement.
const IDS_PER_UPDATE: usize = 500;

/// Sends every failed message of `scope` again (of `template` only, when
/// given), except those whose single-use link is gone; returns how many.
/// Audited once per programme, with its count, so each programme's
/// organisers see what was done to their mail.
pub async fn retry_failed(
    db: &DatabaseConnection,
    actor_id: i32,
    scope: &OutboxScope,
    template: Option<&str>,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let txn = crate::store::begin_write(db).await?;
    let mut failed = outbox_message::Entity::find()
        .select_only()
        .column(C::Id)
        .column(C::ProgrammeId)
        .column(C::Subject)
        .column(C::TextBody)
        .column(C::LinkSecret)
        .filter(C::Status.eq(OutboxStatus::Failed))
        .filter(scope.condition());
    if let Some(t) = template {
        failed = failed.filter(C::Template.eq(t));
    }
    type Failed = (i64, Option<i32>, String, String, Option<String>);
    let rows: Vec<Failed> = failed.into_tuple().all(&txn).await?;
    let mut by_programme: BTreeMap<Option<i32>, Vec<i64>> = BTreeMap::new();
    for (id, programme, subject, body, secret) in rows {
        if !link_lost(&subject, &body, secret.as_deref()) {
            by_programme.entry(programme).or_default().push(id);
        }
    }
    let mut total = 0;
    for (programme, ids) in by_programme {
        let mut n = 0;
        for chunk in ids.chunks(IDS_PER_UPDATE) {
            let res = back_to_pending(now)
                .filter(C::Id.is_in(chunk.iter().copied()))
                .exec(&txn)
                .await?;
            n += res.rows_affected;
        }
        if n == 0 {
            continue;
        }
        let of = template.map_or_else(|| "any template".to_string(), str::to_string);
        let entry = AuditEntry {
            actor_id: Some(actor_id),
            action: "outbox.retry_failed",
            entity: "programme",
            entity_id: programme.map_or_else(String::new, |p| p.to_string()),
            programme_id: programme,
            summary: format!("failed messages sent again: {n} ({of})"),
        };
        append_audit(&txn, entry, now).await?;
        total += n;
    }
    txn.commit().await?;
    Ok(total)
}

/// How many messages of `scope` are in each status with each template:
/// one grouped query, from which the page takes its counts per status and
/// its list of templates (`crate::domain::mail::status_counts`).
pub async fn status_template_counts(
    db: &impl ConnectionTrait,
    scope: &OutboxScope,
) -> Result<Vec<(OutboxStatus, String, u64)>, DbErr> {
    let rows: Vec<(OutboxStatus, String, i64)> = outbox_message::Entity::find()
        .select_only()
        .column(C::Status)
        .column(C::Template)
        .column_as(C::Id.count(), "n")
        .filter(scope.condition())
        .group_by(C::Status)
        .group_by(C::Template)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(s, t, n)| (s, t, u64::try_from(n).unwrap_or(0)))
        .collect())
}

/// One page (0-based) of the messages in `scope` that `filter` lets
/// through, newest first, and whether older ones follow.
pub async fn list(
    db: &impl ConnectionTrait,
    scope: &OutboxScope,
    filter: &OutboxFilter,
    page: u64,
) -> Result<(Vec<OutboxRow>, bool), DbErr> {
    let mut find = outbox_message::Entity::find().filter(scope.condition());
    if let Some(s) = filter.status {
        find = find.filter(C::Status.eq(s));
    }
    if let Some(t) = &filter.template {
        find = find.filter(C::Template.eq(t.as_str()));
    }
    let mut messages = find
        .order_by_desc(C::CreatedAt)
        .order_by_desc(C::Id)
        .offset(crate::domain::forms::bounded_page(page) * OUTBOX_PAGE_SIZE)
        .limit(OUTBOX_PAGE_SIZE + 1)
        .all(db)
        .await?;
    let has_more = messages.len() as u64 > OUTBOX_PAGE_SIZE;
    messages.truncate(OUTBOX_PAGE_SIZE as usize);
    let slugs = super::super::catalogue::programme_slugs(
        db,
        messages.iter().filter_map(|m| m.programme_id),
    )
    .await?;
    let rows = messages
        .into_iter()
        .map(|m| OutboxRow {
            id: m.id,
            created_at: m.created_at,
            recipient_email: m.recipient_email,
            recipient_name: m.recipient_name,
            language: m.language,
            template: m.template,
            subject: m.subject,
            programme: m.programme_id.and_then(|id| slugs.get(&id).cloned()),
            status: m.status,
            attempts: m.attempts,
            next_attempt_at: m.next_attempt_at,
            last_error: m.last_error,
            sent_at: m.sent_at,
        })
        .collect();
    Ok((rows, has_more))
}
