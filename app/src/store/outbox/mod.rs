//! The mail outbox: mail is queued as a rendered row (in the caller's
//! transaction), claimed by workers with a compare-and-set so that one
//! message goes to one worker at a time, and every attempt is recorded.
//! What staff do with it (list, count, hold, release, send again) is in
//! [`staff`].

pub mod bulk;
mod staff;

pub use staff::{
    OutboxScope, StaffChange, hold, list, message_in_scope, release, retry, retry_failed,
    status_template_counts,
};

use super::entities::{account, outbox_attempt, outbox_message};
use crate::domain::forms::{FieldError, Problem};
use crate::domain::lang::{Lang, Localized};
use crate::domain::mail::{
    CLAIM_LEASE, MailTemplate, OutboxStatus, TYPED_MAIL_WINDOW, is_non_essential,
    next_attempt_after_failure, typed_mail_allowed, with_link,
};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use outbox_message::Column as C;

/// Who a message goes to, in which language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recipient {
    /// Their address.
    pub email: String,
    /// Their name in `lang` (may be empty).
    pub name: String,
    /// The language of the mail.
    pub lang: Lang,
}

impl Recipient {
    /// The holder of `a`, in the account's language; `None` for a deleted
    /// account, which has no address.
    pub fn of_account(a: &account::Model) -> Option<Recipient> {
        Some(Recipient {
            email: a.email.clone()?,
            name: Localized::new(&a.name_ja, &a.name_en)
                .get(a.language)
                .to_string(),
            lang: a.language,
        })
    }
}

/// Queues `template` for `to`, rendered now in their language, due at once.
/// Takes any connection, so it joins the caller's transaction: the mail
/// exists exactly when what it reports was committed. A working link in the
/// mail ([`MailTemplate::secret_link`]) is kept apart from the stored body
/// and erased once the mail is sent or given up.
pub async fn enqueue(
    db: &impl ConnectionTrait,
    to: &Recipient,
    template: &MailTemplate,
    programme_id: Option<i32>,
    now: DateTime<Utc>,
) -> Result<i64, DbErr> {
    insert(db, None, to, template, programme_id, now).await
}

/// Like [`enqueue`], for a mail to an address that account `requested_by`
/// typed into a form: it counts against their limits (see [`mail_limit`]).
pub async fn enqueue_typed(
    db: &impl ConnectionTrait,
    requested_by: i32,
    to: &Recipient,
    template: &MailTemplate,
    programme_id: Option<i32>,
    now: DateTime<Utc>,
) -> Result<i64, DbErr> {
    insert(db, Some(requested_by), to, template, programme_id, now).await
}

async fn insert(
    db: &impl ConnectionTrait,
    requested_by: Option<i32>,
    to: &Recipient,
    template: &MailTemplate,
    programme_id: Option<i32>,
    now: DateTime<Utc>,
) -> Result<i64, DbErr> {
    let row = pending_row(requested_by, to, template, programme_id, now)
        .insert(db)
        .await?;
    Ok(row.id)
}

/// The row of `template` to `to`, rendered now in their language and due
/// at once (one place for a single mail and bulk mail alike).
fn pending_row(
    requested_by: Option<i32>,
    to: &Recipient,
    template: &MailTemplate,
    programme_id: Option<i32>,
    now: DateTime<Utc>,
) -> outbox_message::ActiveModel {
    let (mail, link_secret) = template.render_stored(to.lang, &to.name);
    outbox_message::ActiveModel {
        recipient_email: Set(to.email.clone()),
        recipient_name: Set(to.name.clone()),
        language: Set(to.lang),
        template: Set(template.name().to_string()),
        subject: Set(mail.subject),
        text_body: Set(mail.body),
        programme_id: Set(programme_id),
        status: Set(OutboxStatus::Pending),
        attempts: Set(0),
        next_attempt_at: Set(now),
        claimed_until: Set(None),
        claimed_by: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        link_secret: Set(link_secret),
        requested_by: Set(requested_by),
        ..Default::default()
    }
}

/// Whether account `account_id` may have one more mail sent to `email`, an
/// address they typed into the form's `field`: `Ok(Err(problems))` when the
/// address or the account has reached its hourly limit
/// ([`crate::domain::mail::TYPED_MAILS_PER_ADDRESS`],
/// [`crate::domain::mail::TYPED_MAILS_PER_ACCOUNT`]). Counted from
/// the outbox, so the limit holds across instances. An empty address is
/// left to the form's own checks.
pub async fn mail_limit(
    db: &impl ConnectionTrait,
    account_id: i32,
    field: &str,
    email: &str,
    now: DateTime<Utc>,
) -> Result<Result<(), Vec<FieldError>>, DbErr> {
    let email = email.trim().to_lowercase();
    if email.is_empty() {
        return Ok(Ok(()));
    }
    let recent = || {
        outbox_message::Entity::find()
            .filter(C::CreatedAt.gt(now - TYPED_MAIL_WINDOW))
            .filter(C::RequestedBy.is_not_null())
    };
    let to_address = recent()
        .filter(ExprTrait::eq(
            Expr::expr(Func::lower(Expr::col(C::RecipientEmail))),
            email,
        ))
        .count(db)
        .await?;
    let by_account = recent()
        .filter(C::RequestedBy.eq(account_id))
        .count(db)
        .await?;
    Ok(if typed_mail_allowed(to_address, by_account) {
        Ok(())
    } else {
        Err(vec![FieldError {
            field: field.to_string(),
            problem: Problem::TooManyMails,
        }])
    })
}

/// Queues `template` for the holder of account `account_id`; `None` (and
/// nothing queued) when the account is gone or deleted, or when the mail
/// is non-essential ([`is_non_essential`]) and the person opted out.
pub async fn enqueue_for_account(
    db: &impl ConnectionTrait,
    account_id: i32,
    template: &MailTemplate,
    programme_id: Option<i32>,
    now: DateTime<Utc>,
) -> Result<Option<i64>, DbErr> {
    let Some(a) = account::Entity::find_by_id(account_id).one(db).await? else {
        return Ok(None);
    };
    // Someone who opted out gets no non-essential mail queued at all; the
    // worker checks again at send time for mail queued before.
    if a.mail_opt_out_at.is_some() && is_non_essential(template.name()) {
        return Ok(None);
    }
    let Some(to) = Recipient::of_account(&a) else {
        return Ok(None);
    };
    enqueue(db, &to, template, programme_id, now)
        .await
        .map(Some)
}

/// A message a worker has claimed and should send now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimedMessage {
    /// Its id.
    pub id: i64,
    /// The recipient's address.
    pub recipient_email: String,
    /// The recipient's name (may be empty).
    pub recipient_name: String,
    /// The subject line.
    pub subject: String,
    /// The plain-text body, its live link put in.
    pub text_body: String,
    /// Attempts made before this one.
    pub attempts: i32,
    /// For non-essential mail to an account: the opt-out token of this
    /// attempt (only its hash is stored); the worker turns it into the
    /// link in the body and the `List-Unsubscribe` header.
    pub unsubscribe_token: Option<String>,
}

/// Claims up to `limit` due messages for `worker_id`: pending ones whose
/// time has come, and ones whose earlier claim lapsed (that worker died).
///
/// Each claim is a conditional `UPDATE … WHERE id = ? AND status = ? AND …`
/// that only succeeds while the row is still as it was read; a row counts
/// as claimed only when exactly one row was changed. Two workers reading the
/// same candidates therefore never both claim one message, on SQLite and
/// PostgreSQL alike, without locks held across the SMTP conversation.
pub async fn claim_due(
    db: &impl ConnectionTrait,
    worker_id: &str,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<ClaimedMessage>, DbErr> {
    claim_due_paced(db, worker_id, now, limit, None).await
}

/// [`claim_due`], with bulk mail ([`crate::domain::mail::BULK_TEMPLATES`])
/// claimed at most `bulk_per_minute` a minute (`None`: no pace) and only
/// after the other due messages (see [`bulk`]).
pub async fn claim_due_paced(
    db: &impl ConnectionTrait,
    worker_id: &str,
    now: DateTime<Utc>,
    limit: u64,
    bulk_per_minute: Option<u64>,
) -> Result<Vec<ClaimedMessage>, DbErr> {
    let candidates = match bulk_per_minute {
        None => due(db, now, limit, bulk::Kind::Any).await?,
        Some(pace) => {
            let mut first = due(db, now, limit, bulk::Kind::NotBulk).await?;
            let left = limit.saturating_sub(first.len() as u64);
            if left > 0 {
                let room = Ord::min(bulk::bulk_room(db, pace, now).await?, left);
                if room > 0 {
                    first.extend(due(db, now, room, bulk::Kind::Bulk).await?);
                }
            }
            first
        }
    };
    claim(db, worker_id, now, candidates).await
}

/// The conditions of a message a worker may claim at `now`: pending and
/// due, or sending under a lapsed claim.
fn claimable(now: DateTime<Utc>) -> (Condition, Condition) {
    let due_pending = Condition::all()
        .add(C::Status.eq(OutboxStatus::Pending))
        .add(C::NextAttemptAt.lte(now));
    let lapsed = Condition::all()
        .add(C::Status.eq(OutboxStatus::Sending))
        .add(C::ClaimedUntil.lt(now));
    (due_pending, lapsed)
}

/// Up to `limit` claimable messages of `kind`, the longest due first.
async fn due(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    limit: u64,
    kind: bulk::Kind,
) -> Result<Vec<outbox_message::Model>, DbErr> {
    let (due_pending, lapsed) = claimable(now);
    bulk::of_kind(outbox_message::Entity::find(), kind)
        .filter(Condition::any().add(due_pending).add(lapsed))
        .order_by_asc(C::NextAttemptAt)
        .order_by_asc(C::Id)
        .limit(limit)
        .all(db)
        .await
}

/// Claims each of `candidates` that is still as it was read.
async fn claim(
    db: &impl ConnectionTrait,
    worker_id: &str,
    now: DateTime<Utc>,
    candidates: Vec<outbox_message::Model>,
) -> Result<Vec<ClaimedMessage>, DbErr> {
    let due_pending = || claimable(now).0;
    let lapsed = || claimable(now).1;
    let mut claimed = Vec::with_capacity(candidates.len());
    for m in candidates {
        let still_due = if m.status == OutboxStatus::Pending {
            due_pending()
        } else {
            lapsed()
        };
        let opt_out = if is_non_essential(&m.template) {
            opt_out_of(db, &m.recipient_email).await?
        } else {
            OptOut::NotAsked
        };
        if opt_out == OptOut::OptedOut {
            skip(db, &m, still_due).await?;
            continue;
        }
        let token = match opt_out {
            OptOut::Receives => Some(crate::store::tokens::new_token()?),
            _ => None,
        };
        let hash = token.as_deref().map(crate::domain::tokens::token_hash);
        let res = outbox_message::Entity::update_many()
            .col_expr(C::Status, Expr::value(OutboxStatus::Sending))
            .col_expr(C::ClaimedBy, Expr::value(Some(worker_id.to_string())))
            .col_expr(C::ClaimedUntil, Expr::value(Some(now + CLAIM_LEASE)))
            .col_expr(C::UnsubscribeHash, Expr::value(hash))
            .filter(C::Id.eq(m.id))
            .filter(C::Attempts.eq(m.attempts))
            .filter(still_due)
            .exec(db)
            .await?;
        if res.rows_affected == 1 {
            claimed.push(ClaimedMessage {
                id: m.id,
                recipient_email: m.recipient_email,
                recipient_name: m.recipient_name,
                subject: with_link(&m.subject, m.link_secret.as_deref()),
                text_body: with_link(&m.text_body, m.link_secret.as_deref()),
                attempts: m.attempts,
                unsubscribe_token: token,
            });
        }
    }
    Ok(claimed)
}

/// Where the recipient of a non-essential mail stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum OptOut {
    /// Essential mail: not asked.
    NotAsked,
    /// No account has the address (nothing to opt out of by link).
    NoAccount,
    /// The account receives non-essential mail.
    Receives,
    /// The account opted out.
    OptedOut,
}

/// Whether the holder of `email` opted out of non-essential mail.
async fn opt_out_of(db: &impl ConnectionTrait, email: &str) -> Result<OptOut, DbErr> {
    Ok(
        match account::Entity::find()
            .filter(account::Column::Email.eq(email))
            .one(db)
            .await?
        {
            None => OptOut::NoAccount,
            Some(a) if a.mail_opt_out_at.is_some() => OptOut::OptedOut,
            Some(_) => OptOut::Receives,
        },
    )
}

/// Marks `m` skipped (never sent, never retried) while it is still due as
/// read; its live link, if any, goes.
async fn skip(
    db: &impl ConnectionTrait,
    m: &outbox_message::Model,
    still_due: Condition,
) -> Result<(), DbErr> {
    let no_text: Option<String> = None;
    outbox_message::Entity::update_many()
        .col_expr(C::Status, Expr::value(OutboxStatus::Skipped))
        .col_expr(C::LinkSecret, Expr::value(no_text))
        .filter(C::Id.eq(m.id))
        .filter(C::Attempts.eq(m.attempts))
        .filter(still_due)
        .exec(db)
        .await?;
    Ok(())
}

/// What recording an attempt did to the message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttemptOutcome {
    /// It was sent.
    Sent,
    /// It failed and waits until then for another try.
    RetryAt(DateTime<Utc>),
    /// It failed for the last time and is given up.
    Failed,
    /// The worker's claim had lapsed and another took the message over (or
    /// the message was deleted with its recipient's account): the attempt
    /// is recorded if the message still exists, the message is left alone.
    ClaimLost,
}

/// Records the result of `worker_id`'s attempt at sending `message` (`Err`
/// holds the reason it failed): success makes it `sent`; a failure puts it
/// back to `pending` for the next try of the retry schedule, or `failed`
/// after the last. A sent or given-up message loses its live link. One transaction; the update is conditional on the claim
/// still being this worker's.
pub async fn record_attempt(
    db: &DatabaseConnection,
    worker_id: &str,
    message: &ClaimedMessage,
    result: Result<(), String>,
    now: DateTime<Utc>,
) -> Result<AttemptOutcome, DbErr> {
    let attempts = message.attempts + 1;
    let no_time: Option<DateTime<Utc>> = None;
    let no_text: Option<String> = None;
    let mut update = outbox_message::Entity::update_many()
        .col_expr(C::Attempts, Expr::value(attempts))
        .col_expr(C::ClaimedBy, Expr::value(no_text.clone()))
        .col_expr(C::ClaimedUntil, Expr::value(no_time));
    let outcome = match &result {
        Ok(()) => {
            update = update
                .col_expr(C::Status, Expr::value(OutboxStatus::Sent))
                .col_expr(C::SentAt, Expr::value(Some(now)))
                .col_expr(C::LastError, Expr::value(no_text.clone()))
                .col_expr(C::LinkSecret, Expr::value(no_text));
            AttemptOutcome::Sent
        }
        Err(error) => {
            update = update.col_expr(C::LastError, Expr::value(Some(error.clone())));
            match next_attempt_after_failure(attempts, now) {
                Some(at) => {
                    update = update
                        .col_expr(C::Status, Expr::value(OutboxStatus::Pending))
                        .col_expr(C::NextAttemptAt, Expr::value(at));
                    AttemptOutcome::RetryAt(at)
                }
                None => {
                    update = update
                        .col_expr(C::Status, Expr::value(OutboxStatus::Failed))
                        .col_expr(C::LinkSecret, Expr::value(no_text));
                    AttemptOutcome::Failed
                }
            }
        }
    };
    let txn = crate::store::begin_write(db).await?;
    // The write comes first, so on SQLite the transaction is a writer from
    // its first statement (a read first could not upgrade under contention).
    let res = update
        .filter(C::Id.eq(message.id))
        .filter(C::Status.eq(OutboxStatus::Sending))
        .filter(C::ClaimedBy.eq(worker_id))
        .filter(C::Attempts.eq(message.attempts))
        .exec(&txn)
        .await?;
    let outcome = if res.rows_affected == 1 {
        outcome
    } else {
        AttemptOutcome::ClaimLost
    };
    let exists = outcome != AttemptOutcome::ClaimLost
        || outbox_message::Entity::find_by_id(message.id)
            .one(&txn)
            .await?
            .is_some();
    if exists {
        outbox_attempt::ActiveModel {
            message_id: Set(message.id),
            at: Set(now),
            ok: Set(result.is_ok()),
            error: Set(result.err()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(outcome)
}

/// Gives back `worker_id`'s claim on `message` without an attempt, for a
/// worker told to stop before it began sending it: the message is pending
/// and due as before, so the next worker sends it at once instead of after
/// the claim's lease lapses. Conditional on the claim still being this
/// worker's, like [`record_attempt`]; `false` when it no longer was.
pub async fn release_claim(
    db: &impl ConnectionTrait,
    worker_id: &str,
    message: &ClaimedMessage,
) -> Result<bool, DbErr> {
    let no_time: Option<DateTime<Utc>> = None;
    let no_text: Option<String> = None;
    let res = outbox_message::Entity::update_many()
        .col_expr(C::Status, Expr::value(OutboxStatus::Pending))
        .col_expr(C::ClaimedBy, Expr::value(no_text))
        .col_expr(C::ClaimedUntil, Expr::value(no_time))
        .filter(C::Id.eq(message.id))
        .filter(C::Status.eq(OutboxStatus::Sending))
        .filter(C::ClaimedBy.eq(worker_id))
        .filter(C::Attempts.eq(message.attempts))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Deletes every message to `email`, sent or not, with its attempts: part
/// of deleting an account, so the address does not outlive it.
pub async fn delete_for_recipient(db: &impl ConnectionTrait, email: &str) -> Result<(), DbErr> {
    let ids: Vec<i64> = outbox_message::Entity::find()
        .filter(C::RecipientEmail.eq(email))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.id)
        .collect();
    if ids.is_empty() {
        return Ok(());
    }
    outbox_attempt::Entity::delete_many()
        .filter(outbox_attempt::Column::MessageId.is_in(ids.clone()))
        .exec(db)
        .await?;
    outbox_message::Entity::delete_many()
        .filter(C::Id.is_in(ids))
        .exec(db)
        .await?;
    Ok(())
}
