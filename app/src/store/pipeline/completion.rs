//! Completion: organisers mark participants of a track as completed, one
//! by one or in bulk; each completion makes the person an alumnus and
//! carries a certificate with an unguessable code, which anyone may
//! verify and organisers may revoke.

use super::{
    PipelineError, StageMove, current_stage, enter_as_participant, is_alumnus, names, record_stage,
};
use crate::domain::access::Role;
use crate::domain::lang::Localized;
use crate::domain::mail::MailTemplate;
use crate::domain::pipeline::code::{RANDOM_BYTES, code_from_bytes, display, normalise};
use crate::domain::pipeline::mail::PipelineMail;
use crate::domain::pipeline::view::{Certificate, CompletionPage, CompletionRow};
use crate::domain::pipeline::{Refusal, Stage};
use crate::store::audit::{AuditEntry, append_audit};
use crate::store::catalogue::rows::programme_ref;
use crate::store::catalogue::track_ctx::TrackCtx;
use crate::store::entities::{completion, role_grant};
use crate::store::outbox::enqueue_for_account;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, Set,
};
use std::collections::HashMap;

/// A fresh certificate code no completion uses yet.
pub(crate) async fn new_code(db: &impl ConnectionTrait) -> Result<String, DbErr> {
    loop {
        let bytes = crate::store::tokens::random_bytes::<RANDOM_BYTES>()?;
        let Some(code) = code_from_bytes(&bytes) else {
            continue;
        };
        let taken = completion::Entity::find()
            .filter(completion::Column::Code.eq(&code))
            .count(db)
            .await?;
        if taken == 0 {
            return Ok(code);
        }
    }
}

/// The mail telling a person their certificate's code and links.
fn certificate_mail(ctx: &TrackCtx, code: &str, site: &str) -> MailTemplate {
    let site = site.trim_end_matches('/');
    let code = display(code);
    let track = Localized::new(
        format!("{}: {}", ctx.cohort.title_ja, ctx.track.name_ja),
        format!("{}: {}", ctx.cohort.title_en, ctx.track.name_en),
    );
    MailTemplate::Pipeline(PipelineMail::CertificateIssued {
        track,
        certificate: format!("{site}/certificates/{code}"),
        verify: format!("{site}/verify/{code}"),
        code,
    })
}

fn row_of(c: Option<&completion::Model>, account_id: i32, name: Localized) -> CompletionRow {
    CompletionRow {
        account_id,
        name,
        code: c.map(|c| display(&c.code)),
        completed_at: c.map(|c| c.completed_at),
        revoked: c.is_some_and(|c| c.revoked_at.is_some()),
    }
}

/// The accounts with a participant role on track `track_id`.
async fn participants_of(db: &impl ConnectionTrait, track_id: i32) -> Result<Vec<i32>, DbErr> {
    Ok(role_grant::Entity::find()
        .filter(role_grant::Column::TrackId.eq(track_id))
        .filter(role_grant::Column::Role.eq(Role::Participant))
        .all(db)
        .await?
        .into_iter()
        .map(|g| g.account_id)
        .collect())
}

/// The participants of the track `ctx` with their completions.
pub async fn completion_page(
    db: &impl ConnectionTrait,
    ctx: &TrackCtx,
) -> Result<CompletionPage, DbErr> {
    let participants = participants_of(db, ctx.track.id).await?;
    let done: HashMap<i32, completion::Model> = completion::Entity::find()
        .filter(completion::Column::TrackId.eq(ctx.track.id))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.account_id, c))
        .collect();
    let who = names(db, participants.iter().copied()).await?;
    let mut rows: Vec<CompletionRow> = who
        .into_iter()
        .map(|(id, (name, _))| row_of(done.get(&id), id, name))
        .collect();
    rows.sort_by(|a, b| {
        a.name
            .en
            .cmp(&b.name.en)
            .then(a.account_id.cmp(&b.account_id))
    });
    Ok(CompletionPage {
        programme: programme_ref(&ctx.programme),
        cohort_slug: ctx.cohort.slug.clone(),
        track_slug: ctx.track.slug.clone(),
        track_name: ctx.name(),
        rows,
    })
}

/// Marks `accounts` as having completed the track `ctx`: each must be a
/// participant of it (else nothing is written); those already completed
/// are left as they are. Each new completion gets a certificate code and
/// makes the person an alumnus of the programme. Returns how many were
/// completed now.
pub async fn complete(
    db: &DatabaseConnection,
    by: i32,
    ctx: &TrackCtx,
    accounts: &[i32],
    site: &str,
    now: DateTime<Utc>,
) -> Result<usize, PipelineError> {
    let txn = crate::store::begin_write(db).await?;
    let recorder = Recorder::Organiser { id: by, site };
    let made = complete_in(&txn, recorder, ctx, accounts, now).await?;
    txn.commit().await?;
    Ok(made)
}

/// Who records completions.
#[derive(Clone, Copy, Debug)]
pub enum Recorder<'a> {
    /// An organiser: audited, and each person is mailed their certificate
    /// with links on `site` (the instance's `PUBLIC_URL`).
    Organiser {
        /// The organiser's account.
        id: i32,
        /// Where people reach this instance.
        site: &'a str,
    },
    /// The system (the demo seed): neither audited nor mailed.
    System,
}

/// [`complete`] inside the caller's transaction.
pub async fn complete_in(
    txn: &impl ConnectionTrait,
    recorder: Recorder<'_>,
    ctx: &TrackCtx,
    accounts: &[i32],
    now: DateTime<Utc>,
) -> Result<usize, PipelineError> {
    let by = match recorder {
        Recorder::Organiser { id, .. } => Some(id),
        Recorder::System => None,
    };
    // Someone who is not a person of the programme is not found, as a
    // missing account is; a person of it who is no participant of the
    // track is refused.
    let known = super::people::people_in(txn, &[ctx.programme.id], Some(accounts)).await?;
    if accounts.iter().any(|a| !known.contains(a)) {
        return Err(PipelineError::NotFound);
    }
    let participants = participants_of(txn, ctx.track.id).await?;
    if accounts.is_empty() || accounts.iter().any(|a| !participants.contains(a)) {
        return Err(Refusal::NotParticipant.into());
    }
    let mut completed = Vec::new();
    for &account_id in accounts {
        let exists = completion::Entity::find()
            .filter(completion::Column::AccountId.eq(account_id))
            .filter(completion::Column::TrackId.eq(ctx.track.id))
            .count(txn)
            .await?;
        if exists > 0 {
            continue;
        }
        let code = new_code(txn).await?;
        let row = completion::ActiveModel {
            account_id: Set(account_id),
            programme_id: Set(ctx.programme.id),
            cohort_id: Set(ctx.cohort.id),
            track_id: Set(ctx.track.id),
            code: Set(code.clone()),
            completed_at: Set(now),
            completed_by: Set(by),
            revoked_at: Set(None),
            revoked_by: Set(None),
            revoke_reason: Set(String::new()),
            ..Default::default()
        };
        // Another organiser may have completed the same person a moment
        // ago (on PostgreSQL both can pass the check above): the unique
        // index on person and track then makes this a no-op, as a repeat
        // completion is, instead of an error.
        let inserted = completion::Entity::insert(row)
            .on_conflict(
                OnConflict::columns([completion::Column::AccountId, completion::Column::TrackId])
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(txn)
            .await?;
        if inserted == 0 {
            continue;
        }
        completed.push(account_id);
        let place = (ctx.programme.id, ctx.cohort.id, ctx.track.id);
        enter_as_participant(txn, account_id, place, now).await?;
        if current_stage(txn, account_id, ctx.programme.id).await? == Some(Stage::Participant) {
            let m = StageMove {
                account_id,
                programme_id: ctx.programme.id,
                to: Stage::Alumnus,
                cohort_id: Some(ctx.cohort.id),
                track_id: Some(ctx.track.id),
                reason: "",
                by,
            };
            record_stage(txn, m, now).await?;
        }
        if let Recorder::Organiser { id, site } = recorder {
            let entry = AuditEntry {
                actor_id: Some(id),
                action: "completion.create",
                entity: "account",
                entity_id: account_id.to_string(),
                programme_id: Some(ctx.programme.id),
                summary: format!("completed {}/{}", ctx.cohort.slug, ctx.track.slug),
            };
            append_audit(txn, entry, now).await?;
            let mail = certificate_mail(ctx, &code, site);
            enqueue_for_account(txn, account_id, &mail, Some(ctx.programme.id), now).await?;
        }
    }
    // The directory filters on camps completed.
    crate::store::alumni::changes::touch(txn, &completed, now).await?;
    Ok(completed.len())
}

/// Revokes the certificate with `code` of the track `track_id` of
/// `programme_id`, saying why (a code of another track is not found). A
/// person left without a valid completion steps back from alumnus to
/// participant (recorded as an override with the same reason).
pub async fn revoke(
    db: &DatabaseConnection,
    by: i32,
    (programme_id, track_id): (i32, i32),
    code: &str,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), PipelineError> {
    let code = normalise(code).ok_or(PipelineError::NotFound)?;
    let txn = crate::store::begin_write(db).await?;
    let c = completion::Entity::find()
        .filter(completion::Column::Code.eq(&code))
        .filter(completion::Column::ProgrammeId.eq(programme_id))
        .filter(completion::Column::TrackId.eq(track_id))
        .one(&txn)
        .await?
        .ok_or(PipelineError::NotFound)?;
    let changed = completion::Entity::update_many()
        .col_expr(completion::Column::RevokedAt, Expr::value(now))
        .col_expr(completion::Column::RevokedBy, Expr::value(by))
        .col_expr(completion::Column::RevokeReason, Expr::value(reason.trim()))
        .filter(completion::Column::Id.eq(c.id))
        .filter(completion::Column::RevokedAt.is_null())
        .exec(&txn)
        .await?
        .rows_affected;
    if changed != 1 {
        return Err(Refusal::AlreadyRevoked.into());
    }
    let still_alumnus = is_alumnus(&txn, c.account_id, programme_id).await?;
    if !still_alumnus
        && current_stage(&txn, c.account_id, programme_id).await? == Some(Stage::Alumnus)
    {
        let m = StageMove {
            account_id: c.account_id,
            programme_id,
            to: Stage::Participant,
            cohort_id: Some(c.cohort_id),
            track_id: Some(c.track_id),
            reason,
            by: Some(by),
        };
        record_stage(&txn, m, now).await?;
    }
    append_audit(
        &txn,
        AuditEntry {
            actor_id: Some(by),
            action: "completion.revoke",
            entity: "account",
            entity_id: c.account_id.to_string(),
            programme_id: Some(programme_id),
            summary: format!("certificate {} revoked: {}", display(&code), reason.trim()),
        },
        now,
    )
    .await?;
    crate::store::alumni::changes::touch(&txn, &[c.account_id], now).await?;
    txn.commit().await?;
    Ok(())
}

/// The certificate with `code` (as typed: hyphens and case ignored), or
/// `None` when there is none or its holder deleted their account.
pub async fn certificate(
    db: &impl ConnectionTrait,
    code: &str,
) -> Result<Option<Certificate>, DbErr> {
    let Some(code) = normalise(code) else {
        return Ok(None);
    };
    let Some(c) = completion::Entity::find()
        .filter(completion::Column::Code.eq(&code))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    // A deleted account keeps no name: its certificates no longer verify.
    let Some((name, email)) = names(db, [c.account_id]).await?.remove(&c.account_id) else {
        return Ok(None);
    };
    if email.is_empty() {
        return Ok(None);
    }
    certificate_of(db, c, name).await
}

/// Completion `c` as its certificate shows it, held by `name`; `None` when
/// its programme, cohort or track is gone.
async fn certificate_of(
    db: &impl ConnectionTrait,
    c: completion::Model,
    name: Localized,
) -> Result<Option<Certificate>, DbErr> {
    let Some((p, co, t)) = super::completion_place(db, &c).await? else {
        return Ok(None);
    };
    Ok(Some(Certificate {
        code: display(&c.code),
        name,
        programme: Localized::new(p.name_ja, p.name_en),
        cohort: Localized::new(co.title_ja, co.title_en),
        track: Localized::new(t.name_ja, t.name_en),
        completed_at: c.completed_at,
        revoked_at: c.revoked_at,
    }))
}

/// Every certificate of `account_id`, newest first, revoked ones included
/// (the holder should see that a certificate no longer verifies).
pub async fn certificates_of(
    db: &impl ConnectionTrait,
    account_id: i32,
) -> Result<Vec<Certificate>, DbErr> {
    let Some((name, _)) = names(db, [account_id]).await?.remove(&account_id) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for c in completion::Entity::find()
        .filter(completion::Column::AccountId.eq(account_id))
        .order_by_desc(completion::Column::CompletedAt)
        .order_by_desc(completion::Column::Id)
        .all(db)
        .await?
    {
        out.extend(certificate_of(db, c, name.clone()).await?);
    }
    Ok(out)
}
