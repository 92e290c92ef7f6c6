//! Rosters in the database: the lecturers, tutors and participants of a
//! track (role grants), lecturers' sources, invitations, tutor calls,
//! availability and the staffing dashboard. Every organiser change is
//! audited in the same transaction.

pub mod availability;
pub mod calls;
pub mod export;
pub mod invite;
pub mod staffing;

use super::audit::{AuditEntry, append_audit};
use super::catalogue::track_ctx::TrackCtx;
use super::entities::{account, role_grant, roster_lecturer};
use super::identity::grant_role;
use crate::domain::access::{Grant, Role};
use crate::domain::forms::Problem;
use crate::domain::lang::Localized;
use crate::domain::rosters::LecturerSource;
use crate::domain::rosters::view::{Lecturer, Member, RosterPage};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, Set,
};
use std::collections::HashMap;

/// Why a roster change was refused; nothing was written.
#[derive(Debug)]
pub enum RosterError {
    /// The named record does not exist (or is not of this track).
    NotFound,
    /// A field's problem.
    Refused(&'static str, Problem),
    /// The database failed.
    Db(DbErr),
}

impl From<DbErr> for RosterError {
    fn from(e: DbErr) -> Self {
        RosterError::Db(e)
    }
}

/// "Programme cohort: track" in both languages.
pub fn label(ctx: &TrackCtx) -> Localized {
    let (p, c, t) = (&ctx.programme, &ctx.cohort, &ctx.track);
    Localized::new(
        format!("{} {}: {}", p.name_ja, c.title_ja, t.name_ja),
        format!("{} {}: {}", p.name_en, c.title_en, t.name_en),
    )
}

/// An audit entry about the roster of the track `ctx`.
fn audit(
    ctx: &TrackCtx,
    actor: Option<i32>,
    action: &'static str,
    summary: String,
) -> AuditEntry<'static> {
    AuditEntry {
        actor_id: actor,
        action,
        entity: "track",
        entity_id: ctx.track.id.to_string(),
        programme_id: Some(ctx.programme.id),
        summary,
    }
}

/// The people holding `role` on the track, by grant order.
pub async fn members(
    db: &impl ConnectionTrait,
    track_id: i32,
    role: Role,
) -> Result<Vec<Member>, DbErr> {
    let ids: Vec<i32> = role_grant::Entity::find()
        .filter(role_grant::Column::TrackId.eq(track_id))
        .filter(role_grant::Column::Role.eq(role))
        .order_by_asc(role_grant::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|g| g.account_id)
        .collect();
    people(db, &ids).await
}

/// The accounts `ids` as members, in the order given (missing ones left out).
pub async fn people(db: &impl ConnectionTrait, ids: &[i32]) -> Result<Vec<Member>, DbErr> {
    let by_id: HashMap<i32, account::Model> = account::Entity::find()
        .filter(account::Column::Id.is_in(ids.to_vec()))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    Ok(ids
        .iter()
        .filter_map(|id| by_id.get(id))
        .map(|a| Member {
            account_id: a.id,
            name: Localized::new(&a.name_ja, &a.name_en),
            email: a.email.clone().unwrap_or_default(),
        })
        .collect())
}

/// Whether `account_id` holds `role` on the track.
pub async fn holds(
    db: &impl ConnectionTrait,
    account_id: i32,
    track_id: i32,
    role: Role,
) -> Result<bool, DbErr> {
    Ok(role_grant::Entity::find()
        .filter(role_grant::Column::AccountId.eq(account_id))
        .filter(role_grant::Column::TrackId.eq(track_id))
        .filter(role_grant::Column::Role.eq(role))
        .one(db)
        .await?
        .is_some())
}

/// Puts `account_id` on the track's lecturer roster with its source and
/// affiliation; joins the caller's transaction. Lecturers review the
/// track's applications through this grant.
pub async fn add_lecturer(
    db: &impl ConnectionTrait,
    ctx: &TrackCtx,
    account_id: i32,
    source: LecturerSource,
    affiliation: &str,
    by: Option<i32>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let grant = Grant::on_track(
        Role::Lecturer,
        ctx.programme.id,
        ctx.cohort.id,
        ctx.track.id,
    );
    grant_role(db, account_id, grant, by, now).await?;
    let to_lecturer = crate::store::pipeline::StageMove {
        account_id,
        programme_id: ctx.programme.id,
        to: crate::domain::pipeline::Stage::Lecturer,
        cohort_id: Some(ctx.cohort.id),
        track_id: Some(ctx.track.id),
        reason: "",
        by,
    };
    crate::store::pipeline::follow_roster(db, to_lecturer, now).await?;
    note_lecturer(db, ctx.track.id, account_id, source, affiliation).await
}

/// Records (or replaces) where the lecturer `account_id` of the track comes from.
pub async fn note_lecturer(
    db: &impl ConnectionTrait,
    track_id: i32,
    account_id: i32,
    source: LecturerSource,
    affiliation: &str,
) -> Result<(), DbErr> {
    roster_lecturer::Entity::delete_many()
        .filter(roster_lecturer::Column::TrackId.eq(track_id))
        .filter(roster_lecturer::Column::AccountId.eq(account_id))
        .exec(db)
        .await?;
    roster_lecturer::ActiveModel {
        track_id: Set(track_id),
        account_id: Set(account_id),
        source: Set(source),
        affiliation: Set(affiliation.trim().to_string()),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Audits a roster change of the track `ctx` and commits its transaction.
pub async fn audit_and_commit(
    txn: sea_orm::DatabaseTransaction,
    ctx: &TrackCtx,
    actor: Option<i32>,
    action: &'static str,
    summary: String,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    append_audit(&txn, audit(ctx, actor, action, summary), now).await?;
    txn.commit().await
}

/// Assigns the existing account with `email` as a lecturer of the track.
pub async fn assign_lecturer(
    db: &DatabaseConnection,
    actor: i32,
    ctx: &TrackCtx,
    email: &str,
    source: LecturerSource,
    affiliation: &str,
    now: DateTime<Utc>,
) -> Result<(), RosterError> {
    let txn = crate::store::begin_write(db).await?;
    let a = account::Entity::find()
        .filter(account::Column::Email.eq(email.trim()))
        .one(&txn)
        .await?
        .ok_or(RosterError::Refused("email", Problem::NoSuchAccount))?;
    if holds(&txn, a.id, ctx.track.id, Role::Lecturer).await? {
        return Err(RosterError::Refused("email", Problem::AlreadyOnRoster));
    }
    add_lecturer(&txn, ctx, a.id, source, affiliation, Some(actor), now).await?;
    let summary = format!(
        "{} lectures {} ({})",
        email.trim(),
        ctx.track.slug,
        source.as_str()
    );
    audit_and_commit(
        txn,
        ctx,
        Some(actor),
        "roster.lecturer.assign",
        summary,
        now,
    )
    .await?;
    Ok(())
}

/// The lecturers of the track with their sources.
async fn lecturers(db: &impl ConnectionTrait, track_id: i32) -> Result<Vec<Lecturer>, DbErr> {
    let notes: HashMap<i32, roster_lecturer::Model> = roster_lecturer::Entity::find()
        .filter(roster_lecturer::Column::TrackId.eq(track_id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.account_id, r))
        .collect();
    Ok(members(db, track_id, Role::Lecturer)
        .await?
        .into_iter()
        .map(|m| {
            let note = notes.get(&m.account_id);
            Lecturer {
                source: note.map(|n| n.source),
                affiliation: note.map(|n| n.affiliation.clone()).unwrap_or_default(),
                member: m,
            }
        })
        .collect())
}

/// The organiser's roster page of the track.
pub async fn roster_page(
    db: &impl ConnectionTrait,
    ctx: &TrackCtx,
    now: DateTime<Utc>,
) -> Result<RosterPage, DbErr> {
    Ok(RosterPage {
        programme: crate::store::catalogue::rows::programme_ref(&ctx.programme),
        cohort_slug: ctx.cohort.slug.clone(),
        track_slug: ctx.track.slug.clone(),
        label: label(ctx),
        lecturers: lecturers(db, ctx.track.id).await?,
        tutors: members(db, ctx.track.id, Role::Tutor).await?,
        participants: members(db, ctx.track.id, Role::Participant).await?,
        invitations: invite::invitations(db, ctx.track.id, now).await?,
        calls: calls::call_rows(db, ctx.track.id).await?,
        staffing: staffing::track_staffing(db, &ctx.track).await?,
    })
}

/// Removes what rosters keep about a deleted account `id` (joins the
/// deletion's transaction): its availability, tutor offers and lecturer
/// notes, and the address of invitations sent to `email`.
pub async fn forget(db: &impl ConnectionTrait, id: i32, email: &str) -> Result<(), DbErr> {
    use super::entities::{availability, availability_field, roster_invitation, tutor_volunteer};
    availability_field::Entity::delete_many()
        .filter(availability_field::Column::AccountId.eq(id))
        .exec(db)
        .await?;
    availability::Entity::delete_by_id(id).exec(db).await?;
    tutor_volunteer::Entity::delete_many()
        .filter(tutor_volunteer::Column::AccountId.eq(id))
        .exec(db)
        .await?;
    roster_lecturer::Entity::delete_many()
        .filter(roster_lecturer::Column::AccountId.eq(id))
        .exec(db)
        .await?;
    if !email.is_empty() {
        roster_invitation::Entity::update_many()
            .col_expr(
                roster_invitation::Column::Email,
                sea_orm::sea_query::Expr::value(format!("account #{id}")),
            )
            .filter(roster_invitation::Column::Email.eq(email))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Takes `account_id` off the track's lecturer or tutor roster (with the
/// lecturer's source note); `NotFound` when they are not on it.
pub async fn remove(
    db: &DatabaseConnection,
    actor: i32,
    ctx: &TrackCtx,
    account_id: i32,
    role: Role,
    now: DateTime<Utc>,
) -> Result<(), RosterError> {
    if !matches!(role, Role::Lecturer | Role::Tutor) {
        return Err(RosterError::Refused("role", Problem::BadChoice));
    }
    let txn = crate::store::begin_write(db).await?;
    let gone = role_grant::Entity::delete_many()
        .filter(role_grant::Column::AccountId.eq(account_id))
        .filter(role_grant::Column::TrackId.eq(ctx.track.id))
        .filter(role_grant::Column::Role.eq(role))
        .exec(&txn)
        .await?;
    if gone.rows_affected == 0 {
        return Err(RosterError::NotFound);
    }
    if role == Role::Lecturer {
        roster_lecturer::Entity::delete_many()
            .filter(roster_lecturer::Column::TrackId.eq(ctx.track.id))
            .filter(roster_lecturer::Column::AccountId.eq(account_id))
            .exec(&txn)
            .await?;
    }
    let summary = format!(
        "account {account_id} no longer a {} of {}",
        role.as_str(),
        ctx.track.slug
    );
    audit_and_commit(txn, ctx, Some(actor), "roster.remove", summary, now).await?;
    Ok(())
}
