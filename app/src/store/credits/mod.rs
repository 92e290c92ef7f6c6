//! The credit ledger in the database: automatic entries for events
//! attended and finished stints, self-reported activities with their
//! supervisor's answer, yearly totals and the CSV export.

pub mod claim;

use crate::domain::access::Role;
use crate::domain::credits::{
    CreditKind, CreditStatus, LECTURER_STINT_TENTHS, LedgerPage, LedgerRow, TUTOR_STINT_TENTHS,
    csv_header, yearly_totals,
};
use crate::domain::events::rules::format_tenths;
use crate::domain::lang::Lang;
use crate::domain::spreadsheet::Csv;
use crate::domain::time::to_jst;
use crate::store::audit::{AuditEntry, append_audit};
use crate::store::entities::{cohort, credit_claim, credit_entry, event, event_rsvp, role_grant};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set,
};
use std::collections::{HashMap, HashSet};

use credit_entry::Column as C;

/// Audits an automatic credit given or taken away (`action`), by `by` (the
/// person whose action caused it; `None` when the sync found it due).
async fn audit(
    db: &impl ConnectionTrait,
    action: &str,
    account_id: i32,
    source: &str,
    tenths: i32,
    by: Option<i32>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let entry = AuditEntry {
        actor_id: by,
        action,
        entity: "account",
        entity_id: account_id.to_string(),
        programme_id: None,
        summary: format!(
            "account #{account_id}: {} hours for {source}",
            format_tenths(tenths)
        ),
    };
    append_audit(db, entry, now).await
}

/// An automatic entry due to a person.
struct Automatic {
    account_id: i32,
    kind: CreditKind,
    title: String,
    tenths: i32,
    on: DateTime<Utc>,
    source: String,
}

/// Writes an automatic entry unless its source already has one (the
/// unique index makes a second, concurrent sync a no-op), and audits it
/// when it was written.
async fn write_once(
    db: &impl ConnectionTrait,
    a: Automatic,
    by: Option<i32>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let row = credit_entry::ActiveModel {
        account_id: Set(a.account_id),
        kind: Set(a.kind),
        title: Set(a.title),
        credit_tenths: Set(a.tenths),
        earned_on: Set(to_jst(a.on).date_naive()),
        source: Set(Some(a.source.clone())),
        status: Set(CreditStatus::Confirmed),
        created_at: Set(now),
        decided_at: Set(None),
        ..Default::default()
    };
    let written = credit_entry::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([C::AccountId, C::Source])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    if written > 0 {
        let (who, tenths) = (a.account_id, a.tenths);
        audit(db, "credit.grant", who, &a.source, tenths, by, now).await?;
    }
    Ok(())
}

/// Brings the automatic entries of `account_id` up to date: one per event
/// the host checked them in at (an undone check-in takes it away again),
/// and one per tutor or lecturer stint whose cohort's sessions have ended,
/// the pipeline's own rule for a stint done (`store::pipeline::facts`).
/// An event the person hosts earns them nothing: nobody vouches for their
/// own attendance. Each entry given or taken away is audited, with `by`
/// (the account whose action caused it) as the actor.
pub async fn sync_for(
    db: &impl ConnectionTrait,
    account_id: i32,
    by: Option<i32>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let attended: Vec<i32> = event_rsvp::Entity::find()
        .filter(event_rsvp::Column::AccountId.eq(account_id))
        .filter(event_rsvp::Column::CheckedInAt.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.event_id)
        .collect();
    let events = event::Entity::find()
        .filter(event::Column::Id.is_in(attended))
        .filter(event::Column::CreditTenths.gt(0))
        .filter(
            Condition::any()
                .add(event::Column::HostId.is_null())
                .add(event::Column::HostId.ne(account_id)),
        )
        .all(db)
        .await?;
    let keep: HashSet<String> = events.iter().map(|e| format!("event:{}", e.id)).collect();
    for e in &events {
        let due = Automatic {
            account_id,
            kind: CreditKind::Event,
            title: e.title_ja.clone(),
            tenths: e.credit_tenths,
            on: e.starts_at,
            source: format!("event:{}", e.id),
        };
        write_once(db, due, by, now).await?;
    }
    for stale in credit_entry::Entity::find()
        .filter(C::AccountId.eq(account_id))
        .filter(C::Kind.eq(CreditKind::Event))
        .all(db)
        .await?
    {
        if !stale.source.as_ref().is_some_and(|s| keep.contains(s)) {
            credit_entry::Entity::delete_by_id(stale.id)
                .exec(db)
                .await?;
            let source = stale.source.unwrap_or_default();
            let tenths = stale.credit_tenths;
            audit(db, "credit.revoke", account_id, &source, tenths, by, now).await?;
        }
    }
    let ended: HashMap<i32, cohort::Model> = cohort::Entity::find()
        .filter(cohort::Column::SessionsEndAt.lt(now))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let stints = role_grant::Entity::find()
        .filter(role_grant::Column::AccountId.eq(account_id))
        .filter(role_grant::Column::Role.is_in([Role::Tutor, Role::Lecturer]))
        .filter(role_grant::Column::CohortId.is_in(ended.keys().copied()))
        .all(db)
        .await?;
    for g in stints {
        let (Some(c), Some(track)) = (g.cohort_id.and_then(|c| ended.get(&c)), g.track_id) else {
            continue;
        };
        let Some(ctx) = crate::store::catalogue::track_ctx::track_by_id(db, track).await? else {
            continue;
        };
        let (kind, tenths) = if g.role == Role::Lecturer {
            (CreditKind::Lecturer, LECTURER_STINT_TENTHS)
        } else {
            (CreditKind::Tutor, TUTOR_STINT_TENTHS)
        };
        let title = crate::store::rosters::label(&ctx).get(Lang::Ja).to_string();
        let due = Automatic {
            account_id,
            kind,
            title,
            tenths,
            on: c.sessions_end_at,
            source: format!("grant:{}", g.id),
        };
        write_once(db, due, by, now).await?;
    }
    Ok(())
}

/// The ledger of `account_id`, latest first (automatic entries brought up
/// to date first), with its supervisors.
pub async fn rows(db: &impl ConnectionTrait, account_id: i32) -> Result<Vec<LedgerRow>, DbErr> {
    let entries = credit_entry::Entity::find()
        .filter(C::AccountId.eq(account_id))
        .order_by_desc(C::EarnedOn)
        .order_by_desc(C::Id)
        .all(db)
        .await?;
    let supervisors: HashMap<i32, String> = credit_claim::Entity::find()
        .filter(credit_claim::Column::EntryId.is_in(entries.iter().map(|e| e.id)))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.entry_id, c.supervisor_name))
        .collect();
    Ok(entries
        .into_iter()
        .map(|e| LedgerRow {
            id: e.id,
            kind: e.kind,
            supervisor: supervisors.get(&e.id).cloned().unwrap_or_default(),
            title: e.title,
            tenths: e.credit_tenths,
            earned_on: e.earned_on,
            status: e.status,
        })
        .collect())
}

/// The `/account/credits` page of `account_id`.
pub async fn ledger(
    db: &impl ConnectionTrait,
    account_id: i32,
    now: DateTime<Utc>,
) -> Result<LedgerPage, DbErr> {
    sync_for(db, account_id, None, now).await?;
    let rows = rows(db, account_id).await?;
    Ok(LedgerPage {
        years: yearly_totals(&rows),
        rows,
    })
}

/// The person's own ledger as CSV (every entry, oldest first, its state
/// said), to hand in for the RISS renewal's deemed attendance.
pub async fn csv(
    db: &impl ConnectionTrait,
    account_id: i32,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<String, DbErr> {
    sync_for(db, account_id, None, now).await?;
    let mut rows = rows(db, account_id).await?;
    rows.reverse();
    let mut w = Csv::new();
    w.row(csv_header(lang));
    for r in &rows {
        w.row([
            r.earned_on.to_string(),
            r.kind.label(lang).to_string(),
            r.title.clone(),
            format_tenths(r.tenths),
            r.status.label(lang).to_string(),
            r.supervisor.clone(),
            r.id.to_string(),
        ]);
    }
    Ok(w.finish())
}
