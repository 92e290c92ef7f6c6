//! Automatic reminders: each programme's switches ([`settings`],
//! [`save_settings`]), the sweeps of drafts ([`drafts`]) and reviews
//! ([`reviews`]) run by the server's background job, and the opt-out of
//! non-essential mail ([`opt_out`]). Event change notices are queued by
//! the event edit itself (`store::events::edit`).
//!
//! Each reminder sent is a row of `reminder_sent`, inserted in the
//! transaction that queues the mail; its primary key lets only one of two
//! sweeps (two instances, or a restart mid-round) insert it, and only that
//! one queues the mail.

pub mod drafts;
pub mod opt_out;
pub mod reviews;

use crate::domain::reminders::ReminderSettings;
use crate::store::audit::{AuditEntry, append_audit};
use crate::store::entities::{programme_reminders, reminder_sent};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, Set};

/// A programme's reminder switches; the defaults when it has no row.
pub async fn settings(
    db: &impl ConnectionTrait,
    programme_id: i32,
) -> Result<ReminderSettings, DbErr> {
    Ok(programme_reminders::Entity::find_by_id(programme_id)
        .one(db)
        .await?
        .map_or_else(ReminderSettings::default, |r| ReminderSettings {
            drafts: r.drafts,
            draft_days: r.draft_days,
            reviews: r.reviews,
            events: r.events,
        }))
}

/// Saves a programme's reminder switches, audited in the same transaction.
pub async fn save_settings(
    db: &DatabaseConnection,
    actor_id: i32,
    programme_id: i32,
    s: &ReminderSettings,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let txn = crate::store::begin_write(db).await?;
    let before = settings(&txn, programme_id).await?;
    let exists = programme_reminders::Entity::find_by_id(programme_id)
        .one(&txn)
        .await?
        .is_some();
    let row = programme_reminders::ActiveModel {
        programme_id: Set(programme_id),
        drafts: Set(s.drafts),
        draft_days: Set(s.draft_days),
        reviews: Set(s.reviews),
        events: Set(s.events),
        updated_at: Set(now),
    };
    if exists {
        row.update(&txn).await?;
    } else {
        row.insert(&txn).await?;
    }
    let show = |s: &ReminderSettings| {
        format!(
            "drafts={} draft_days={} reviews={} events={}",
            s.drafts, s.draft_days, s.reviews, s.events
        )
    };
    let entry = AuditEntry {
        actor_id: Some(actor_id),
        action: "reminders.save",
        entity: "programme",
        entity_id: programme_id.to_string(),
        programme_id: Some(programme_id),
        summary: format!("reminders: {} -> {}", show(&before), show(s)),
    };
    append_audit(&txn, entry, now).await?;
    txn.commit().await
}

/// Records that reminder `kind` step `step` about `record_id` goes to
/// `account_id`: `true` for the one caller that inserted the row, `false`
/// when it was sent already (by this or another instance).
pub(crate) async fn claim(
    db: &impl ConnectionTrait,
    kind: &str,
    record_id: i32,
    account_id: i32,
    step: i64,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    use reminder_sent::Column as C;
    let row = reminder_sent::ActiveModel {
        kind: Set(kind.to_string()),
        record_id: Set(record_id),
        account_id: Set(account_id),
        step: Set(i32::try_from(step).unwrap_or(i32::MAX)),
        sent_at: Set(now),
    };
    let inserted = reminder_sent::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([C::Kind, C::RecordId, C::AccountId, C::Step])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(inserted == 1)
}

/// Forgets the reminders sent to account `id`: part of deleting it.
pub async fn forget(db: &impl ConnectionTrait, id: i32) -> Result<(), DbErr> {
    use sea_orm::{ColumnTrait, QueryFilter};
    reminder_sent::Entity::delete_many()
        .filter(reminder_sent::Column::AccountId.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// What one sweep queued.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Swept {
    /// Draft reminders queued.
    pub drafts: usize,
    /// Review reminders queued.
    pub reviews: usize,
}

/// One round of the draft and review reminders at `now`; mails link to
/// pages under `site`. Safe to run from several instances at once.
pub async fn sweep(
    db: &DatabaseConnection,
    site: &str,
    now: DateTime<Utc>,
) -> Result<Swept, DbErr> {
    Ok(Swept {
        drafts: drafts::sweep(db, site, now).await?,
        reviews: reviews::sweep(db, site, now).await?,
    })
}
