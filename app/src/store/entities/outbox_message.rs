//! `outbox_message`: one mail to send, rendered when it was queued.

use crate::domain::lang::Lang;
use crate::domain::mail::OutboxStatus;
use sea_orm::entity::prelude::*;

/// An outbox message row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox_message")]
pub struct Model {
    /// Surrogate key, in queueing order.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Where it goes.
    pub recipient_email: String,
    /// The recipient's name in the message's language (may be empty).
    pub recipient_name: String,
    /// The message's language.
    pub language: Lang,
    /// The template it was rendered from, e.g. `organiser_granted`.
    pub template: String,
    /// The subject line.
    pub subject: String,
    /// The plain-text body.
    pub text_body: String,
    /// The programme the message is about, which decides who may see it.
    pub programme_id: Option<i32>,
    /// Where the message is in its life.
    pub status: OutboxStatus,
    /// Delivery attempts made so far.
    pub attempts: i32,
    /// When it may be tried (again).
    pub next_attempt_at: DateTimeUtc,
    /// While `sending`: when the worker's claim lapses.
    pub claimed_until: Option<DateTimeUtc>,
    /// While `sending`: the worker that claimed it.
    pub claimed_by: Option<String>,
    /// What went wrong at the last failed attempt.
    pub last_error: Option<String>,
    /// When it was queued.
    pub created_at: DateTimeUtc,
    /// When the SMTP server accepted it.
    pub sent_at: Option<DateTimeUtc>,
    /// While the message waits: the live link its body stands in for with
    /// a placeholder; erased once it is sent or given up.
    pub link_secret: Option<String>,
    /// The account whose form sent this mail to an address it typed.
    pub requested_by: Option<i32>,
    /// The SHA-256 of the opt-out token put into the sent mail (the token
    /// itself is never stored); only on non-essential mail.
    pub unsubscribe_hash: Option<String>,
}

/// Relations are followed by explicit queries in `store::outbox`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
