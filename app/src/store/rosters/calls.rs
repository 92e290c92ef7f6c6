//! Tutor calls: an organiser opens a call with a number of places, alumni
//! volunteer with a short statement, the organiser approves (the person
//! joins the tutor roster) or declines. A call closes once its places are
//! filled, or earlier when the organiser closes it (volunteers already
//! waiting can still be approved or declined).

use super::{RosterError, audit_and_commit, holds, label, people};
use crate::domain::access::{Grant, Role};
use crate::domain::forms::Problem;
use crate::domain::mail::MailTemplate;
use crate::domain::pipeline::Stage;
use crate::domain::rosters::VolunteerStatus;
use crate::domain::rosters::mail::RosterMail;
use crate::domain::rosters::rules::{
    VolunteerFacts, decision_refusal, places_left, volunteer_refusal,
};
use crate::domain::rosters::view::{CallRow, OpenCall, VolunteerRow};
use crate::store::alumni::is_alumnus;
use crate::store::catalogue::track_ctx::{TrackCtx, track_by_id};
use crate::store::entities::{tutor_call, tutor_volunteer};
use crate::store::identity::grant_role;
use crate::store::outbox::enqueue_for_account;
use crate::store::pipeline::{StageMove, follow_roster};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use std::collections::HashMap;

use tutor_volunteer::Column as V;

/// Opens a call for `places` tutors on the track.
pub async fn open_call(
    db: &DatabaseConnection,
    actor: i32,
    ctx: &TrackCtx,
    places: i32,
    note: &str,
    now: DateTime<Utc>,
) -> Result<i32, DbErr> {
    let txn = crate::store::begin_write(db).await?;
    let call = tutor_call::ActiveModel {
        track_id: Set(ctx.track.id),
        places: Set(places),
        note: Set(note.trim().to_string()),
        opened_by: Set(Some(actor)),
        opened_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let summary = format!("tutor call for {places} on {}", ctx.track.slug);
    audit_and_commit(txn, ctx, Some(actor), "roster.call.open", summary, now).await?;
    Ok(call.id)
}

/// The call `call_id` if it belongs to the track `ctx`; not found otherwise.
/// Its row stays locked until the transaction ends (see [`locked_call`]).
async fn call_of_track(
    db: &impl ConnectionTrait,
    call_id: i32,
    ctx: &TrackCtx,
) -> Result<tutor_call::Model, RosterError> {
    locked_call(db, call_id)
        .await?
        .filter(|c| c.track_id == ctx.track.id)
        .ok_or(RosterError::NotFound)
}

/// Closes a call of the track before its places are filled: nobody can
/// volunteer any more. Refused when it is already closed; the conditional
/// update lets only the first of two closings through.
pub async fn close_call(
    db: &DatabaseConnection,
    actor: i32,
    ctx: &TrackCtx,
    call_id: i32,
    now: DateTime<Utc>,
) -> Result<(), RosterError> {
    let txn = crate::store::begin_write(db).await?;
    let call = call_of_track(&txn, call_id, ctx).await?;
    let (open, _) = call_state(&txn, &call).await?;
    let done = tutor_call::Entity::update_many()
        .col_expr(tutor_call::Column::ClosedAt, Expr::value(Some(now)))
        .filter(tutor_call::Column::Id.eq(call.id))
        .filter(tutor_call::Column::ClosedAt.is_null())
        .exec(&txn)
        .await?;
    if !open || done.rows_affected == 0 {
        return Err(RosterError::Refused("call", Problem::CallClosed));
    }
    let summary = format!("tutor call {} on {} closed", call.id, ctx.track.slug);
    audit_and_commit(txn, ctx, Some(actor), "roster.call.close", summary, now).await?;
    Ok(())
}

/// The call `call_id`, its row locked until the transaction ends: the
/// call's row guards its places and its once-per-person rule, so on
/// PostgreSQL too approvals and volunteering for one call run one after
/// another, each counting what the one before committed.
async fn locked_call(
    db: &impl ConnectionTrait,
    call_id: i32,
) -> Result<Option<tutor_call::Model>, DbErr> {
    crate::store::lock_row::<tutor_call::Entity>(db, call_id).await
}

/// Approved volunteers of a call.
async fn approved(db: &impl ConnectionTrait, call_id: i32) -> Result<i32, DbErr> {
    let n = tutor_volunteer::Entity::find()
        .filter(V::CallId.eq(call_id))
        .filter(V::Status.eq(VolunteerStatus::Approved))
        .count(db)
        .await?;
    Ok(i32::try_from(n).unwrap_or(i32::MAX))
}

/// The calls of a track with their volunteers, newest first.
pub async fn call_rows(db: &impl ConnectionTrait, track_id: i32) -> Result<Vec<CallRow>, DbErr> {
    let calls = tutor_call::Entity::find()
        .filter(tutor_call::Column::TrackId.eq(track_id))
        .order_by_desc(tutor_call::Column::Id)
        .all(db)
        .await?;
    let volunteers = tutor_volunteer::Entity::find()
        .filter(V::CallId.is_in(calls.iter().map(|c| c.id)))
        .order_by_asc(V::Id)
        .all(db)
        .await?;
    let ids: Vec<i32> = volunteers.iter().map(|v| v.account_id).collect();
    let who: HashMap<i32, _> = people(db, &ids)
        .await?
        .into_iter()
        .map(|m| (m.account_id, m))
        .collect();
    Ok(calls
        .into_iter()
        .map(|c| {
            let rows: Vec<VolunteerRow> = volunteers
                .iter()
                .filter(|v| v.call_id == c.id)
                .filter_map(|v| {
                    Some(VolunteerRow {
                        id: v.id,
                        member: who.get(&v.account_id)?.clone(),
                        statement: v.statement.clone(),
                        status: v.status,
                    })
                })
                .collect();
            let taken = rows
                .iter()
                .filter(|v| v.status == VolunteerStatus::Approved)
                .count();
            let left = places_left(c.places, i32::try_from(taken).unwrap_or(i32::MAX));
            CallRow {
                id: c.id,
                places: c.places,
                places_left: left,
                note: c.note,
                opened_at: c.opened_at,
                open: c.closed_at.is_none() && left > 0,
                volunteers: rows,
            }
        })
        .collect())
}

/// Whether the call still takes volunteers, and how many it still wants.
async fn call_state(
    db: &impl ConnectionTrait,
    call: &tutor_call::Model,
) -> Result<(bool, i32), DbErr> {
    let left = places_left(call.places, approved(db, call.id).await?);
    Ok((call.closed_at.is_none() && left > 0, left))
}

/// Why `account_id` may not volunteer for `call` (of the track `ctx`).
async fn refusal(
    db: &impl ConnectionTrait,
    account_id: i32,
    call: &tutor_call::Model,
    ctx: &TrackCtx,
) -> Result<Option<Problem>, DbErr> {
    let (open, left) = call_state(db, call).await?;
    let already = tutor_volunteer::Entity::find()
        .filter(V::CallId.eq(call.id))
        .filter(V::AccountId.eq(account_id))
        .count(db)
        .await?
        > 0;
    Ok(volunteer_refusal(VolunteerFacts {
        is_alumnus: is_alumnus(db, account_id, ctx.programme.id).await?,
        call_open: open,
        places_left: left,
        already,
        on_roster: holds(db, account_id, ctx.track.id, Role::Tutor).await?,
    }))
}

/// The open calls, each with the person's own offer and, when they may not
/// volunteer, why not.
pub async fn open_calls_for(
    db: &impl ConnectionTrait,
    account_id: i32,
) -> Result<Vec<OpenCall>, DbErr> {
    let calls = tutor_call::Entity::find()
        .filter(tutor_call::Column::ClosedAt.is_null())
        .order_by_asc(tutor_call::Column::Id)
        .all(db)
        .await?;
    let mine: HashMap<i32, VolunteerStatus> = tutor_volunteer::Entity::find()
        .filter(V::AccountId.eq(account_id))
        .all(db)
        .await?
        .into_iter()
        .map(|v| (v.call_id, v.status))
        .collect();
    let mut out = Vec::new();
    for call in calls {
        let Some(ctx) = track_by_id(db, call.track_id).await? else {
            continue;
        };
        let own = mine.get(&call.id).copied();
        let (open, left) = call_state(db, &call).await?;
        if !open && own.is_none() {
            continue;
        }
        let blocked = if own.is_some() {
            None
        } else {
            refusal(db, account_id, &call, &ctx).await?
        };
        out.push(OpenCall {
            id: call.id,
            label: label(&ctx),
            places_left: left,
            note: call.note,
            mine: own,
            blocked,
        });
    }
    Ok(out)
}

/// Volunteers `account_id` for the call with `statement` (already checked
/// for length); refused, with nothing written, when the person is not an
/// alumnus of the call's programme, the call is closed or full, or they
/// already volunteered.
pub async fn volunteer(
    db: &DatabaseConnection,
    account_id: i32,
    call_id: i32,
    statement: &str,
    now: DateTime<Utc>,
) -> Result<(), RosterError> {
    let txn = crate::store::begin_write(db).await?;
    let call = locked_call(&txn, call_id)
        .await?
        .ok_or(RosterError::NotFound)?;
    let ctx = track_by_id(&txn, call.track_id)
        .await?
        .ok_or(RosterError::NotFound)?;
    if let Some(p) = refusal(&txn, account_id, &call, &ctx).await? {
        return Err(RosterError::Refused("call", p));
    }
    tutor_volunteer::ActiveModel {
        call_id: Set(call.id),
        account_id: Set(account_id),
        statement: Set(statement.trim().to_string()),
        status: Set(VolunteerStatus::Pending),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let summary = format!("account {account_id} volunteered for call {}", call.id);
    audit_and_commit(
        txn,
        &ctx,
        Some(account_id),
        "roster.call.volunteer",
        summary,
        now,
    )
    .await?;
    Ok(())
}

/// Approves (the person joins the tutor roster) or declines a pending
/// volunteer of a call of the track; the volunteer is told by mail. The
/// conditional update lets only the first of two decisions through.
pub async fn decide(
    db: &DatabaseConnection,
    actor: i32,
    ctx: &TrackCtx,
    volunteer_id: i32,
    approve: bool,
    now: DateTime<Utc>,
) -> Result<(), RosterError> {
    let txn = crate::store::begin_write(db).await?;
    let v = tutor_volunteer::Entity::find_by_id(volunteer_id)
        .one(&txn)
        .await?
        .ok_or(RosterError::NotFound)?;
    let call = call_of_track(&txn, v.call_id, ctx).await?;
    let left = places_left(call.places, approved(&txn, call.id).await?);
    if let Some(p) = decision_refusal(v.status, approve, left) {
        return Err(RosterError::Refused("volunteer", p));
    }
    let new = if approve {
        VolunteerStatus::Approved
    } else {
        VolunteerStatus::Declined
    };
    let done = tutor_volunteer::Entity::update_many()
        .col_expr(V::Status, Expr::value(new))
        .col_expr(V::DecidedAt, Expr::value(Some(now)))
        .col_expr(V::DecidedBy, Expr::value(Some(actor)))
        .filter(V::Id.eq(v.id))
        .filter(V::Status.eq(VolunteerStatus::Pending))
        .exec(&txn)
        .await?;
    if done.rows_affected == 0 {
        return Err(RosterError::Refused("volunteer", Problem::StatusChanged));
    }
    if approve && !holds(&txn, v.account_id, ctx.track.id, Role::Tutor).await? {
        let grant = Grant::on_track(Role::Tutor, ctx.programme.id, ctx.cohort.id, ctx.track.id);
        grant_role(&txn, v.account_id, grant, Some(actor), now).await?;
    }
    if approve {
        let to_tutor = StageMove {
            account_id: v.account_id,
            programme_id: ctx.programme.id,
            to: Stage::Tutor,
            cohort_id: Some(ctx.cohort.id),
            track_id: Some(ctx.track.id),
            reason: "",
            by: Some(actor),
        };
        follow_roster(&txn, to_tutor, now).await?;
    }
    let mail = MailTemplate::Roster(RosterMail::VolunteerDecided {
        track: label(ctx),
        approved: approve,
    });
    enqueue_for_account(&txn, v.account_id, &mail, Some(ctx.programme.id), now).await?;
    let summary = format!(
        "volunteer {} (account {}) {}",
        v.id,
        v.account_id,
        new.as_str()
    );
    audit_and_commit(txn, ctx, Some(actor), "roster.call.decide", summary, now).await?;
    Ok(())
}
