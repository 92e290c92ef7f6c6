//! Lecturer invitations by email: a single-use, expiring link (only the
//! token's hash is stored) that puts the invitee on the lecturer roster
//! when accepted; the invitee may decline. A used link is refused.

use super::{RosterError, add_lecturer, audit_and_commit, holds, label};
use crate::domain::access::Role;
use crate::domain::forms::Problem;
use crate::domain::identity::is_plausible_email;
use crate::domain::mail::MailTemplate;
use crate::domain::rosters::mail::RosterMail;
use crate::domain::rosters::rules::{INVITATION_LIFETIME, invitation_open};
use crate::domain::rosters::view::{InvitationPage, InvitationRow, InvitationState};
use crate::domain::rosters::{InvitationOutcome, LecturerSource};
use crate::domain::tokens::{is_token_shaped, link, token_hash};
use crate::store::catalogue::track_ctx::TrackCtx;
use crate::store::entities::{account, roster_invitation};
use crate::store::outbox::{Recipient, enqueue_typed};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, Set,
};

use roster_invitation::Column as C;

/// Invites `email` to lecture the track: earlier open invitations to the
/// same address for the track stop working, a new link is mailed, and the
/// invitation is audited. Returns the link's token (for tests and seeds;
/// only its hash is stored).
#[expect(clippy::too_many_arguments, reason = "one invitation's facts")]
pub async fn invite(
    db: &DatabaseConnection,
    actor: i32,
    ctx: &TrackCtx,
    email: &str,
    source: LecturerSource,
    affiliation: &str,
    public_url: &str,
    now: DateTime<Utc>,
) -> Result<String, RosterError> {
    let email = email.trim();
    if !is_plausible_email(email) {
        return Err(RosterError::Refused("email", Problem::Required));
    }
    let txn = crate::store::begin_write(db).await?;
    let existing = account::Entity::find()
        .filter(account::Column::Email.eq(email))
        .one(&txn)
        .await?;
    if let Some(a) = &existing
        && holds(&txn, a.id, ctx.track.id, Role::Lecturer).await?
    {
        return Err(RosterError::Refused("email", Problem::AlreadyOnRoster));
    }
    roster_invitation::Entity::update_many()
        .col_expr(C::ExpiresAt, Expr::value(now))
        .filter(C::TrackId.eq(ctx.track.id))
        .filter(C::Email.eq(email))
        .filter(C::AnsweredAt.is_null())
        .exec(&txn)
        .await?;
    let token = crate::store::tokens::new_token()?;
    let expires_at = now + INVITATION_LIFETIME;
    roster_invitation::ActiveModel {
        track_id: Set(ctx.track.id),
        email: Set(email.to_string()),
        source: Set(source),
        affiliation: Set(affiliation.trim().to_string()),
        token_hash: Set(token_hash(&token)),
        invited_by: Set(Some(actor)),
        created_at: Set(now),
        expires_at: Set(expires_at),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let mail = MailTemplate::Roster(RosterMail::LecturerInvitation {
        track: label(ctx),
        link: link(public_url, &format!("/invitations/{token}")),
        expires_at,
    });
    let lang = existing.as_ref().map(|a| a.language).unwrap_or_default();
    let name = existing
        .map(|a| {
            crate::domain::lang::Localized::new(a.name_ja, a.name_en)
                .get(lang)
                .to_string()
        })
        .unwrap_or_default();
    let to = Recipient {
        email: email.to_string(),
        name,
        lang,
    };
    enqueue_typed(&txn, actor, &to, &mail, Some(ctx.programme.id), now).await?;
    let summary = format!("{email} invited to lecture {}", ctx.track.slug);
    audit_and_commit(
        txn,
        ctx,
        Some(actor),
        "roster.lecturer.invite",
        summary,
        now,
    )
    .await?;
    Ok(token)
}

/// The invitations of a track, newest first.
pub async fn invitations(
    db: &impl ConnectionTrait,
    track_id: i32,
    now: DateTime<Utc>,
) -> Result<Vec<InvitationRow>, DbErr> {
    Ok(roster_invitation::Entity::find()
        .filter(C::TrackId.eq(track_id))
        .order_by_desc(C::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|r| InvitationRow {
            state: match r.outcome {
                Some(InvitationOutcome::Accepted) => InvitationState::Accepted,
                Some(InvitationOutcome::Declined) => InvitationState::Declined,
                None if r.expires_at <= now => InvitationState::Expired,
                None => InvitationState::Open,
            },
            source: r.source,
            email: r.email,
            created_at: r.created_at,
        })
        .collect())
}

/// The invitation of `token` (used or not), with its track.
async fn by_token(
    db: &impl ConnectionTrait,
    token: &str,
) -> Result<(roster_invitation::Model, TrackCtx), RosterError> {
    if !is_token_shaped(token) {
        return Err(RosterError::NotFound);
    }
    let row = roster_invitation::Entity::find()
        .filter(C::TokenHash.eq(token_hash(token)))
        .one(db)
        .await?
        .ok_or(RosterError::NotFound)?;
    let ctx = crate::store::catalogue::track_ctx::track_by_id(db, row.track_id)
        .await?
        .ok_or(RosterError::NotFound)?;
    Ok((row, ctx))
}

/// Whether two email addresses are the same mailbox as people type them:
/// trimmed, without regard to case.
fn same_address(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    !a.is_empty() && a.to_lowercase() == b.to_lowercase()
}

/// What the invitation page shows to `viewer` (the signed-in account, if
/// any); a used or expired link says so.
pub async fn invitation_page(
    db: &impl ConnectionTrait,
    token: &str,
    viewer: Option<i32>,
    now: DateTime<Utc>,
) -> Result<InvitationPage, RosterError> {
    let (row, ctx) = by_token(db, token).await?;
    let addressed_to_viewer = match viewer {
        Some(id) => same_address(&account_email(db, id).await?, &row.email),
        None => false,
    };
    Ok(InvitationPage {
        label: label(&ctx),
        open: invitation_open(row.answered_at.is_some(), row.expires_at, now),
        email: row.email,
        expires_at: row.expires_at,
        signed_in: viewer.is_some(),
        addressed_to_viewer,
    })
}

/// Account `id`'s email, or an empty string for an account without one.
async fn account_email(db: &impl ConnectionTrait, id: i32) -> Result<String, DbErr> {
    Ok(account::Entity::find_by_id(id)
        .one(db)
        .await?
        .and_then(|a| a.email)
        .unwrap_or_default())
}

/// Answers the invitation once: `accept` puts `account` (the signed-in
/// person, needed to accept) on the lecturer roster with the invitation's
/// source and affiliation; declining needs no account. The conditional
/// update lets only the first of two answers through.
///
/// The invitation is for the address it was sent to, not for whoever
/// holds the link: only an account whose email (verified by the sign-in
/// provider) is that address, compared without regard to case, may
/// accept; anyone else is refused and nothing changes.
pub async fn answer(
    db: &DatabaseConnection,
    token: &str,
    account: Option<i32>,
    accept: bool,
    now: DateTime<Utc>,
) -> Result<(), RosterError> {
    let (row, ctx) = by_token(db, token).await?;
    if !invitation_open(row.answered_at.is_some(), row.expires_at, now) {
        return Err(RosterError::Refused("invitation", Problem::InvitationUsed));
    }
    let who = if accept {
        Some(account.ok_or(RosterError::Refused("invitation", Problem::Required))?)
    } else {
        account
    };
    if let (true, Some(id)) = (accept, who)
        && !same_address(&account_email(db, id).await?, &row.email)
    {
        return Err(RosterError::Refused(
            "invitation",
            Problem::InvitationNotYours,
        ));
    }
    let txn = crate::store::begin_write(db).await?;
    let outcome = if accept {
        InvitationOutcome::Accepted
    } else {
        InvitationOutcome::Declined
    };
    let done = roster_invitation::Entity::update_many()
        .col_expr(C::AnsweredAt, Expr::value(Some(now)))
        .col_expr(C::Outcome, Expr::value(Some(outcome)))
        .col_expr(C::AccountId, Expr::value(who))
        .filter(C::Id.eq(row.id))
        .filter(C::AnsweredAt.is_null())
        .exec(&txn)
        .await?;
    if done.rows_affected == 0 {
        return Err(RosterError::Refused("invitation", Problem::InvitationUsed));
    }
    if let (true, Some(id)) = (accept, who)
        && !holds(&txn, id, ctx.track.id, Role::Lecturer).await?
    {
        add_lecturer(
            &txn,
            &ctx,
            id,
            row.source,
            &row.affiliation,
            row.invited_by,
            now,
        )
        .await?;
    }
    let summary = format!("invitation to {} {}", row.email, outcome.as_str());
    audit_and_commit(txn, &ctx, who, "roster.invitation.answer", summary, now).await?;
    Ok(())
}
