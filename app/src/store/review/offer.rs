//! Offers: the applicant confirms or declines; a decline or a lapse offers
//! the place to the best-placed waitlisted applicant. Every change is a
//! conditional UPDATE that only succeeds while the row is as it was read,
//! so with two instances on one database an offer lapses once and a place
//! is offered once. Whatever frees, fills or confirms a place first locks
//! the track's row (and confirming, then, the person's), so that on
//! PostgreSQL too those transactions run one after another.

use super::settings;
use crate::domain::access::{Grant, Role};
use crate::domain::application::{
    ApplicationStatus, Decision, OfferStatus, needs_guardian_consent,
};
use crate::domain::mail::MailTemplate;
use crate::domain::review::decide::{REMINDER_BEFORE, offer_deadline, offer_open, reminder_due};
use crate::domain::review::mail::SelectionMail;
use crate::domain::review::view::OfferView;
use crate::store::audit::{AuditEntry, append_audit};
use crate::store::catalogue::track_ctx::{TrackCtx, track_by_id};
use crate::store::entities::{account, application, offer_reminder, role_grant, track};
use crate::store::identity::grant_role;
use crate::store::lock_row;
use crate::store::outbox::enqueue_for_account;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict, Query, SelectStatement};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};

/// Why an answer to an offer was refused.
#[derive(Debug)]
pub enum OfferError {
    /// No such application, or not the person's own.
    NotFound,
    /// Already answered, lapsed, or never offered.
    Closed,
    /// A guardian's consent is needed first.
    ConsentMissing,
    /// The person already holds a confirmed place on another track of the
    /// same cohort: one place per person per cohort.
    PlaceHeld,
    /// The database failed.
    Db(DbErr),
}

impl From<DbErr> for OfferError {
    fn from(e: DbErr) -> Self {
        OfferError::Db(e)
    }
}

async fn own(
    db: &impl ConnectionTrait,
    account: i32,
    id: i32,
) -> Result<application::Model, OfferError> {
    application::Entity::find_by_id(id)
        .filter(application::Column::AccountId.eq(account))
        .one(db)
        .await?
        .ok_or(OfferError::NotFound)
}

/// Whether the application still lacks a guardian's consent it needs.
async fn consent_missing(
    db: &impl ConnectionTrait,
    a: &application::Model,
    ctx: &TrackCtx,
) -> Result<bool, DbErr> {
    let Some(birth) = a.birth_date else {
        return Ok(false);
    };
    if !needs_guardian_consent(birth, ctx.cohort.sessions_start_at) {
        return Ok(false);
    }
    // The consent must come from the guardian the applicant names now: a
    // consent given before the guardian's email changed does not count.
    Ok(!crate::store::application::guardian_consented(db, a.id).await?)
}

/// The full address of application `id`'s offer page on the site at
/// `site` (the instance's `PUBLIC_URL`), for mails.
pub fn offer_link(site: &str, id: i32) -> String {
    format!("{}/offers/{id}", site.trim_end_matches('/'))
}

/// The applicant's view of their decision and offer; a lapsed offer is
/// expired (and its place passed on) first.
pub async fn offer_view(
    db: &DatabaseConnection,
    account: i32,
    id: i32,
    site: &str,
    now: DateTime<Utc>,
) -> Result<OfferView, OfferError> {
    let a = own(db, account, id).await?;
    if a.offer_status == Some(OfferStatus::Offered) && a.offer_expires_at.is_some_and(|e| e <= now)
    {
        expire_one(db, a.id, site, now).await?;
    }
    let a = own(db, account, id).await?;
    let ctx = track_by_id(db, a.track_id)
        .await?
        .ok_or(OfferError::NotFound)?;
    let released = a.released_at.is_some();
    Ok(OfferView {
        application_id: a.id,
        track_name: ctx.name(),
        decision: if released { a.decision } else { None },
        waitlist_position: if released { a.waitlist_position } else { None },
        offer: a.offer_status,
        expires_at: a.offer_expires_at,
        open: offer_open(a.offer_status, a.offer_expires_at, now),
        consent_missing: consent_missing(db, &a, &ctx).await?,
    })
}

/// Confirms (`true`) or declines the applicant's open offer. Confirming
/// needs a guardian's consent where the applicant needs one, and makes the
/// applicant a participant of the track; declining offers the place to
/// the waitlist.
pub async fn respond(
    db: &DatabaseConnection,
    account: i32,
    id: i32,
    confirm: bool,
    site: &str,
    now: DateTime<Utc>,
) -> Result<(), OfferError> {
    let txn = crate::store::begin_write(db).await?;
    let track_id = own(&txn, account, id).await?.track_id;
    // Always the track first, then the person: a decline passes the place
    // on within the track's capacity, a confirmation checks the person's
    // other places in the cohort; each waits for the one before.
    lock_row::<track::Entity>(&txn, track_id).await?;
    lock_row::<account::Entity>(&txn, account).await?;
    let a = own(&txn, account, id).await?;
    let ctx = track_by_id(&txn, a.track_id)
        .await?
        .ok_or(OfferError::NotFound)?;
    // A withdrawn application keeps its offer columns; it takes no answer.
    if a.status != ApplicationStatus::Submitted
        || !offer_open(a.offer_status, a.offer_expires_at, now)
    {
        return Err(OfferError::Closed);
    }
    if confirm && consent_missing(&txn, &a, &ctx).await? {
        return Err(OfferError::ConsentMissing);
    }
    if confirm && place_held_in_cohort(&txn, account, &ctx, a.id).await? {
        return Err(OfferError::PlaceHeld);
    }
    let to = if confirm {
        OfferStatus::Confirmed
    } else {
        OfferStatus::Declined
    };
    let changed = application::Entity::update_many()
        .col_expr(application::Column::OfferStatus, Expr::value(to))
        .col_expr(application::Column::OfferRespondedAt, Expr::value(now))
        .filter(application::Column::Id.eq(a.id))
        .filter(application::Column::OfferStatus.eq(OfferStatus::Offered))
        .filter(application::Column::OfferExpiresAt.gt(now))
        .exec(&txn)
        .await?
        .rows_affected;
    if changed != 1 {
        return Err(OfferError::Closed);
    }
    if confirm {
        let grant = Grant::on_track(
            Role::Participant,
            ctx.programme.id,
            ctx.cohort.id,
            ctx.track.id,
        );
        grant_role(&txn, account, grant, None, now).await?;
        let place = (ctx.programme.id, ctx.cohort.id, ctx.track.id);
        crate::store::pipeline::enter_as_participant(&txn, account, place, now).await?;
        let mail = SelectionMail::OfferConfirmed { track: ctx.name() };
        enqueue_for_account(
            &txn,
            account,
            &MailTemplate::Selection(mail),
            Some(ctx.programme.id),
            now,
        )
        .await?;
    } else {
        promote_next(&txn, &ctx, site, now).await?;
    }
    append_audit(&txn, offer_audit(&ctx, a.id, account, to), now).await?;
    txn.commit().await?;
    Ok(())
}

/// The tracks of `ctx`'s cohort, as a subquery.
fn cohort_tracks(ctx: &TrackCtx) -> SelectStatement {
    Query::select()
        .column(track::Column::Id)
        .from(track::Entity)
        .and_where(track::Column::CohortId.eq(ctx.cohort.id))
        .to_owned()
}

/// The accounts holding a confirmed place on a track of `ctx`'s cohort
/// (a withdrawn application holds none), as a subquery.
fn placed_in_cohort(ctx: &TrackCtx) -> SelectStatement {
    Query::select()
        .column(application::Column::AccountId)
        .from(application::Entity)
        .and_where(application::Column::Status.eq(ApplicationStatus::Submitted))
        .and_where(application::Column::OfferStatus.eq(OfferStatus::Confirmed))
        .and_where(application::Column::TrackId.in_subquery(cohort_tracks(ctx)))
        .to_owned()
}

/// Whether `account` holds a confirmed place on a track of `ctx`'s cohort
/// through an application other than `except` (a withdrawn one holds none).
async fn place_held_in_cohort(
    db: &impl ConnectionTrait,
    account: i32,
    ctx: &TrackCtx,
    except: i32,
) -> Result<bool, DbErr> {
    let tracks = cohort_tracks(ctx);
    let n = application::Entity::find()
        .filter(application::Column::AccountId.eq(account))
        .filter(application::Column::Id.ne(except))
        .filter(application::Column::Status.eq(ApplicationStatus::Submitted))
        .filter(application::Column::OfferStatus.eq(OfferStatus::Confirmed))
        .filter(application::Column::TrackId.in_subquery(tracks))
        .count(db)
        .await?;
    Ok(n > 0)
}

fn offer_audit(ctx: &TrackCtx, id: i32, actor: i32, to: OfferStatus) -> AuditEntry<'static> {
    AuditEntry {
        actor_id: Some(actor),
        action: "offer.answer",
        entity: "application",
        entity_id: id.to_string(),
        programme_id: Some(ctx.programme.id),
        summary: format!("offer {}", to.as_str()),
    }
}

/// Offers the freed place to the best-placed released waitlisted
/// application of the track that never had an offer, with its mail and an
/// audit event. Returns it, or `None` when the waitlist is empty.
///
/// Someone who already holds a confirmed place in the cohort is passed
/// over (and stays on the waitlist): they could not confirm a second
/// place, so an offer to them would only keep the seat empty until it
/// lapsed, while the next person waited.
pub async fn promote_next(
    db: &impl ConnectionTrait,
    ctx: &TrackCtx,
    site: &str,
    now: DateTime<Utc>,
) -> Result<Option<i32>, DbErr> {
    let days = settings(db, ctx.track.id).await?.offer_days;
    let deadline = offer_deadline(now, days);
    loop {
        let Some(next) = application::Entity::find()
            .filter(application::Column::TrackId.eq(ctx.track.id))
            .filter(application::Column::Status.eq(ApplicationStatus::Submitted))
            .filter(application::Column::Decision.eq(Decision::Waitlisted))
            .filter(application::Column::ReleasedAt.is_not_null())
            .filter(application::Column::OfferStatus.is_null())
            .filter(application::Column::AccountId.not_in_subquery(placed_in_cohort(ctx)))
            .order_by_asc(application::Column::WaitlistPosition)
            .order_by_asc(application::Column::Id)
            .one(db)
            .await?
        else {
            return Ok(None);
        };
        let won = application::Entity::update_many()
            .col_expr(
                application::Column::Decision,
                Expr::value(Decision::Accepted),
            )
            .col_expr(
                application::Column::OfferStatus,
                Expr::value(OfferStatus::Offered),
            )
            .col_expr(application::Column::OfferExpiresAt, Expr::value(deadline))
            .filter(application::Column::Id.eq(next.id))
            .filter(application::Column::Decision.eq(Decision::Waitlisted))
            .filter(application::Column::OfferStatus.is_null())
            .exec(db)
            .await?
            .rows_affected
            == 1;
        if !won {
            // Someone else offered it a place just now: take the next one.
            continue;
        }
        let mail = SelectionMail::WaitlistOffer {
            track: ctx.name(),
            deadline,
            link: offer_link(site, next.id),
        };
        enqueue_for_account(
            db,
            next.account_id,
            &MailTemplate::Selection(mail),
            Some(ctx.programme.id),
            now,
        )
        .await?;
        let entry = AuditEntry {
            actor_id: None,
            action: "offer.promote",
            entity: "application",
            entity_id: next.id.to_string(),
            programme_id: Some(ctx.programme.id),
            summary: format!(
                "waitlist #{} offered the freed place",
                next.waitlist_position.unwrap_or(0)
            ),
        };
        append_audit(db, entry, now).await?;
        return Ok(Some(next.id));
    }
}

/// Lapses application `id`'s offer if it is still open past its deadline,
/// and passes the place on. `true` when this call lapsed it.
pub async fn expire_one(
    db: &DatabaseConnection,
    id: i32,
    site: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let txn = crate::store::begin_write(db).await?;
    let Some(track_id) = application::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .map(|a| a.track_id)
    else {
        return Ok(false);
    };
    // The place passes on within the track's capacity: one change of the
    // track's places at a time (a second sweep waits, then lapses nothing).
    lock_row::<track::Entity>(&txn, track_id).await?;
    let lapsed = application::Entity::update_many()
        .col_expr(
            application::Column::OfferStatus,
            Expr::value(OfferStatus::Expired),
        )
        .filter(application::Column::Id.eq(id))
        .filter(application::Column::OfferStatus.eq(OfferStatus::Offered))
        .filter(application::Column::OfferExpiresAt.lte(now))
        .exec(&txn)
        .await?
        .rows_affected
        == 1;
    if lapsed {
        let a = application::Entity::find_by_id(id).one(&txn).await?;
        if let Some(ctx) = match a {
            Some(a) => track_by_id(&txn, a.track_id).await?,
            None => None,
        } {
            let entry = AuditEntry {
                actor_id: None,
                action: "offer.expire",
                entity: "application",
                entity_id: id.to_string(),
                programme_id: Some(ctx.programme.id),
                summary: "offer lapsed".into(),
            };
            append_audit(&txn, entry, now).await?;
            promote_next(&txn, &ctx, site, now).await?;
        }
    }
    txn.commit().await?;
    Ok(lapsed)
}

/// What one sweep did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Swept {
    /// Offers this sweep lapsed.
    pub expired: usize,
    /// Reminders this sweep queued.
    pub reminded: usize,
}

/// Lapses every open offer past its deadline (passing each place on) and
/// queues the reminder of every offer within two days of its deadline,
/// once per offer. Safe to run from several instances at the same time.
pub async fn sweep(
    db: &DatabaseConnection,
    site: &str,
    now: DateTime<Utc>,
) -> Result<Swept, DbErr> {
    let mut out = Swept::default();
    // Only what is due: lapsed offers, and those inside the reminder window
    // that have not been reminded (the sweep runs every minute on every
    // instance, so it must not read every open offer each time).
    let reminded = Query::select()
        .column(offer_reminder::Column::ApplicationId)
        .from(offer_reminder::Entity)
        .to_owned();
    let open = application::Entity::find()
        .filter(application::Column::OfferStatus.eq(OfferStatus::Offered))
        .filter(application::Column::OfferExpiresAt.lte(now + REMINDER_BEFORE))
        .filter(
            Condition::any()
                .add(application::Column::OfferExpiresAt.lte(now))
                .add(application::Column::Id.not_in_subquery(reminded)),
        )
        .all(db)
        .await?;
    for a in &open {
        let Some(expires) = a.offer_expires_at else {
            continue;
        };
        if expires <= now {
            if expire_one(db, a.id, site, now).await? {
                out.expired += 1;
            }
        } else if reminder_due(expires, now) && remind(db, a, expires, site, now).await? {
            out.reminded += 1;
        }
    }
    Ok(out)
}

/// Queues the reminder for `a` unless one was queued already (the
/// `offer_reminder` row's key decides, in the same transaction).
async fn remind(
    db: &DatabaseConnection,
    a: &application::Model,
    deadline: DateTime<Utc>,
    site: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let txn = crate::store::begin_write(db).await?;
    let inserted = offer_reminder::Entity::insert(offer_reminder::ActiveModel {
        application_id: Set(a.id),
        sent_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(offer_reminder::Column::ApplicationId)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?
        == 1;
    if inserted && let Some(ctx) = track_by_id(&txn, a.track_id).await? {
        let mail = SelectionMail::OfferReminder {
            track: ctx.name(),
            deadline,
            link: offer_link(site, a.id),
        };
        enqueue_for_account(
            &txn,
            a.account_id,
            &MailTemplate::Selection(mail),
            Some(ctx.programme.id),
            now,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(inserted)
}

/// Gives up the place application `a` (as read with the track's row
/// locked, just before its status was set to withdrawn in the same
/// transaction) held or was offered: a confirmed participant loses the
/// participant role on the track, and a released offer's place goes to the
/// waitlist (its mail and audit event come from [`promote_next`]).
/// `entry` records who gave it up and why. An application that held no
/// place changes nothing here.
async fn give_up_place(
    db: &impl ConnectionTrait,
    ctx: &TrackCtx,
    a: &application::Model,
    entry: AuditEntry<'_>,
    site: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let offer = a.offer_status;
    let held = a.decision == Some(Decision::Accepted)
        && matches!(offer, Some(OfferStatus::Offered | OfferStatus::Confirmed));
    if !held {
        return Ok(());
    }
    if offer == Some(OfferStatus::Confirmed) {
        revoke_participant(db, a.account_id, ctx.track.id).await?;
        let place = (ctx.programme.id, ctx.cohort.id, ctx.track.id);
        crate::store::pipeline::leave_as_participant(db, a.account_id, place).await?;
    }
    append_audit(db, entry, now).await?;
    promote_next(db, ctx, site, now).await?;
    Ok(())
}

/// Removes `account_id`'s participant grants on the track; how many.
async fn revoke_participant(
    db: &impl ConnectionTrait,
    account_id: i32,
    track_id: i32,
) -> Result<u64, DbErr> {
    Ok(role_grant::Entity::delete_many()
        .filter(role_grant::Column::AccountId.eq(account_id))
        .filter(role_grant::Column::TrackId.eq(track_id))
        .filter(role_grant::Column::Role.eq(Role::Participant))
        .exec(db)
        .await?
        .rows_affected)
}

/// Withdraws `account`'s own application `id` (see
/// [`crate::store::application::withdraw`]): a place it held or was
/// offered is freed and offered to the waitlist, a participant stops being
/// one. `false` when there is no such application of theirs or it was
/// withdrawn already.
pub async fn withdraw(
    db: &DatabaseConnection,
    account: i32,
    id: i32,
    site: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let txn = crate::store::begin_write(db).await?;
    let Some(track_id) = application::Entity::find_by_id(id)
        .filter(application::Column::AccountId.eq(account))
        .one(&txn)
        .await?
        .map(|a| a.track_id)
    else {
        return Ok(false);
    };
    // The place it may hold is the track's: lock the track's row first,
    // then read the application as it is now (an offer may have lapsed or
    // been answered meanwhile).
    lock_row::<track::Entity>(&txn, track_id).await?;
    let Some(a) = application::Entity::find_by_id(id).one(&txn).await? else {
        return Ok(false);
    };
    if !crate::store::application::mark_withdrawn(&txn, account, id, now).await? {
        return Ok(false);
    }
    if let Some(ctx) = track_by_id(&txn, track_id).await? {
        let entry = AuditEntry {
            actor_id: Some(account),
            action: "offer.withdraw",
            entity: "application",
            entity_id: id.to_string(),
            programme_id: Some(ctx.programme.id),
            summary: format!(
                "withdrawn by the applicant; place ({}) freed",
                a.offer_status.map_or("not offered", OfferStatus::as_str)
            ),
        };
        give_up_place(&txn, &ctx, &a, entry, site, now).await?;
    }
    txn.commit().await?;
    Ok(true)
}

/// Removes participant `account_id` from the track for `reason` (already
/// checked): their confirmed application is withdrawn, the participant
/// role goes and the place is offered to the waitlist, all audited with
/// the reason. A participant granted the role without an application only
/// loses the role. `NotFound` when the person is no participant of the
/// track.
pub async fn remove_participant(
    db: &DatabaseConnection,
    actor: i32,
    ctx: &TrackCtx,
    account_id: i32,
    reason: &str,
    site: &str,
    now: DateTime<Utc>,
) -> Result<(), OfferError> {
    let txn = crate::store::begin_write(db).await?;
    lock_row::<track::Entity>(&txn, ctx.track.id).await?;
    let confirmed = application::Entity::find()
        .filter(application::Column::AccountId.eq(account_id))
        .filter(application::Column::TrackId.eq(ctx.track.id))
        .filter(application::Column::Status.eq(ApplicationStatus::Submitted))
        .filter(application::Column::OfferStatus.eq(OfferStatus::Confirmed))
        .one(&txn)
        .await?;
    let summary = format!(
        "participant account {account_id} removed: {}",
        reason.trim()
    );
    // Told by mail, in the same transaction: nobody should learn from the
    // roster page that they are no longer a participant.
    let mail = SelectionMail::PlaceRemoved { track: ctx.name() };
    let removed = MailTemplate::Selection(mail);
    match confirmed {
        Some(a) => {
            if !crate::store::application::mark_withdrawn(&txn, account_id, a.id, now).await? {
                return Err(OfferError::NotFound);
            }
            let entry = ctx.audit(actor, "offer.remove", a.id, summary);
            give_up_place(&txn, ctx, &a, entry, site, now).await?;
        }
        None => {
            if revoke_participant(&txn, account_id, ctx.track.id).await? == 0 {
                return Err(OfferError::NotFound);
            }
            let mut entry = ctx.audit(actor, "offer.remove", ctx.track.id, summary);
            entry.entity = "track";
            append_audit(&txn, entry, now).await?;
        }
    }
    enqueue_for_account(&txn, account_id, &removed, Some(ctx.programme.id), now).await?;
    txn.commit().await?;
    Ok(())
}
