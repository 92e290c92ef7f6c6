//! Decisions: one by one or in bulk from the ranking, against the track's
//! capacity, and their release (offers and decision mails).

use super::{accepted_count, ranking, settings};
use crate::domain::application::{ApplicationStatus, Decision, OfferStatus};
use crate::domain::mail::MailTemplate;
use crate::domain::review::decide::{DecideError, bulk_plan, check_capacity, offer_deadline};
use crate::domain::review::mail::SelectionMail;
use crate::domain::review::rank::Ranked;
use crate::store::audit::append_audit;
use crate::store::catalogue::track_ctx::TrackCtx;
use crate::store::entities::{application, track};
use crate::store::outbox::enqueue_for_account;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, Set,
};

/// Why decisions were refused.
#[derive(Debug)]
pub enum DecisionError {
    /// Over capacity without a reason.
    Capacity(DecideError),
    /// An application is not a submitted one of this track, or was released.
    NotDecidable,
    /// The database failed.
    Db(DbErr),
}

impl From<DbErr> for DecisionError {
    fn from(e: DbErr) -> Self {
        DecisionError::Db(e)
    }
}

/// Decides `decisions` (application, decision) on the track: all or none.
/// Released applications cannot be decided again. Unreleased waitlisted
/// applications are then numbered in ranking order after those released.
pub async fn decide(
    db: &DatabaseConnection,
    actor: i32,
    ctx: &TrackCtx,
    decisions: &[(i32, Decision)],
    reason: &str,
    now: DateTime<Utc>,
) -> Result<usize, DecisionError> {
    let txn = crate::store::begin_write(db).await?;
    // The track's row guards its capacity: decisions on it run one at a
    // time, each counting what the one before committed.
    let capacity = crate::store::lock_row::<track::Entity>(&txn, ctx.track.id)
        .await?
        .ok_or(DecisionError::NotDecidable)?
        .capacity;
    let ids: Vec<i32> = decisions.iter().map(|(a, _)| *a).collect();
    let rows = application::Entity::find()
        .filter(application::Column::Id.is_in(ids.clone()))
        .filter(application::Column::TrackId.eq(ctx.track.id))
        .filter(application::Column::Status.eq(ApplicationStatus::Submitted))
        .filter(application::Column::ReleasedAt.is_null())
        .all(&txn)
        .await?;
    if rows.len() != decisions.len() {
        return Err(DecisionError::NotDecidable);
    }
    let was_accepted = |id: i32| {
        rows.iter()
            .any(|r| r.id == id && r.decision == Some(Decision::Accepted))
    };
    let adding = decisions
        .iter()
        .map(|&(a, d)| match (d == Decision::Accepted, was_accepted(a)) {
            (true, false) => 1,
            (false, true) => -1,
            _ => 0,
        })
        .sum::<i32>();
    let accepted = accepted_count(&txn, ctx.track.id).await?;
    check_capacity(capacity, accepted, adding, reason).map_err(DecisionError::Capacity)?;
    let over = accepted + adding > capacity;
    for &(a, d) in decisions {
        application::Entity::update_many()
            .col_expr(application::Column::Decision, Expr::value(d))
            .col_expr(application::Column::DecidedAt, Expr::value(now))
            .col_expr(application::Column::DecidedBy, Expr::value(actor))
            .col_expr(
                application::Column::DecisionReason,
                Expr::value((over && d == Decision::Accepted).then(|| reason.trim().to_string())),
            )
            .col_expr(
                application::Column::WaitlistPosition,
                Expr::value(Option::<i32>::None),
            )
            .filter(application::Column::Id.eq(a))
            .exec(&txn)
            .await?;
    }
    number_waitlist(&txn, ctx).await?;
    let summary = match decisions {
        [(a, d)] => format!("application {a} {}", d.as_str()),
        many => format!("{} applications decided in bulk", many.len()),
    };
    let mut entry = ctx.audit(actor, "review.decide", ctx.track.id, summary);
    if let [(a, _)] = decisions {
        entry.entity_id = a.to_string();
    } else {
        entry.entity = "track";
    }
    if over {
        entry
            .summary
            .push_str(&format!(" (over capacity: {})", reason.trim()));
    }
    append_audit(&txn, entry, now).await?;
    txn.commit().await?;
    Ok(decisions.len())
}

/// Numbers the unreleased waitlisted applications in ranking order, after
/// the highest position already released.
async fn number_waitlist(db: &impl ConnectionTrait, ctx: &TrackCtx) -> Result<(), DbErr> {
    let s = settings(db, ctx.track.id).await?;
    let r = ranking(db, ctx.track.id, s.normalise).await?;
    let released_max = r
        .applications
        .values()
        .filter(|a| a.released_at.is_some())
        .filter_map(|a| a.waitlist_position)
        .max()
        .unwrap_or(0);
    let mut next = released_max;
    for x in &r.ranked {
        let Some(a) = r.applications.get(&x.application_id) else {
            continue;
        };
        if a.released_at.is_none() && a.decision == Some(Decision::Waitlisted) {
            next += 1;
            application::Entity::update_many()
                .col_expr(application::Column::WaitlistPosition, Expr::value(next))
                .filter(application::Column::Id.eq(a.id))
                .exec(db)
                .await?;
        }
    }
    Ok(())
}

/// "Accept the top `accept`, waitlist the next `waitlist`, reject the
/// rest" over the track's unreleased ranked applications; those without a
/// finished review are left undecided.
pub async fn decide_bulk(
    db: &DatabaseConnection,
    actor: i32,
    ctx: &TrackCtx,
    accept: usize,
    waitlist: usize,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<usize, DecisionError> {
    let s = settings(db, ctx.track.id).await?;
    let r = ranking(db, ctx.track.id, s.normalise).await?;
    let open: Vec<Ranked> = r
        .ranked
        .iter()
        .filter(|x| {
            r.applications
                .get(&x.application_id)
                .is_some_and(|a| a.released_at.is_none())
        })
        .cloned()
        .collect();
    let plan = bulk_plan(&open, accept, waitlist);
    decide(db, actor, ctx, &plan, reason, now).await
}

/// Releases the track's decided, unreleased applications: accepted ones get
/// an offer open for the track's offer days, everyone their decision mail,
/// all in one transaction. Returns how many were released.
pub async fn release(
    db: &DatabaseConnection,
    actor: i32,
    ctx: &TrackCtx,
    site: &str,
    now: DateTime<Utc>,
) -> Result<usize, DbErr> {
    let txn = crate::store::begin_write(db).await?;
    // One release of the track at a time: a second one waits and finds
    // nothing left to release, so nobody is mailed twice.
    crate::store::lock_row::<track::Entity>(&txn, ctx.track.id).await?;
    let s = settings(&txn, ctx.track.id).await?;
    let deadline = offer_deadline(now, s.offer_days);
    let rows = application::Entity::find()
        .filter(application::Column::TrackId.eq(ctx.track.id))
        .filter(application::Column::Status.eq(ApplicationStatus::Submitted))
        .filter(application::Column::Decision.is_not_null())
        .filter(application::Column::ReleasedAt.is_null())
        .order_by_asc(application::Column::Id)
        .all(&txn)
        .await?;
    let track = ctx.name();
    for a in &rows {
        let mut row: application::ActiveModel = a.clone().into();
        row.released_at = Set(Some(now));
        let mail = match a.decision {
            Some(Decision::Accepted) => {
                row.offer_status = Set(Some(OfferStatus::Offered));
                row.offer_expires_at = Set(Some(deadline));
                SelectionMail::Accepted {
                    track: track.clone(),
                    deadline,
                    link: super::offer::offer_link(site, a.id),
                }
            }
            Some(Decision::Waitlisted) => SelectionMail::Waitlisted {
                track: track.clone(),
                position: a.waitlist_position.unwrap_or(0),
            },
            Some(Decision::Rejected) | None => SelectionMail::Rejected {
                track: track.clone(),
            },
        };
        row.update(&txn).await?;
        enqueue_for_account(
            &txn,
            a.account_id,
            &MailTemplate::Selection(mail),
            Some(ctx.programme.id),
            now,
        )
        .await?;
    }
    let mut entry = ctx.audit(
        actor,
        "review.release",
        ctx.track.id,
        format!("{} decisions released", rows.len()),
    );
    entry.entity = "track";
    append_audit(&txn, entry, now).await?;
    txn.commit().await?;
    Ok(rows.len())
}
