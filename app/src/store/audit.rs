//! The audit log: appending a staff action (in the transaction of the
//! change it records) and reading the log.

use super::entities::{account, audit_event};
use crate::domain::audit::{AUDIT_PAGE_SIZE, AuditPage, AuditRow};
use crate::domain::lang::Localized;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use std::collections::HashMap;

/// A staff action to record.
#[derive(Clone, Debug)]
pub struct AuditEntry<'a> {
    /// Who acted; `None` for the command line.
    pub actor_id: Option<i32>,
    /// What was done, e.g. `account.make_admin`.
    pub action: &'a str,
    /// The kind of record.
    pub entity: &'a str,
    /// The record's id.
    pub entity_id: String,
    /// Its programme, if it has one.
    pub programme_id: Option<i32>,
    /// What changed.
    pub summary: String,
}

/// Appends one event to the audit log.
pub async fn append_audit(
    db: &impl ConnectionTrait,
    entry: AuditEntry<'_>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    audit_event::ActiveModel {
        actor_id: Set(entry.actor_id),
        action: Set(entry.action.to_string()),
        entity: Set(entry.entity.to_string()),
        entity_id: Set(entry.entity_id),
        programme_id: Set(entry.programme_id),
        summary: Set(entry.summary),
        at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Which events a reader may see.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AuditScope {
    /// Everything (administrators).
    All,
    /// The events of these programmes only (organisers).
    Programmes(Vec<i32>),
}

/// `column` contains `text`, ignoring case, on SQLite and PostgreSQL alike
/// (PostgreSQL's LIKE is case-sensitive); `%` and `_` in `text` are taken
/// literally, not as wildcards.
fn contains_ignoring_case(column: audit_event::Column, text: &str) -> sea_orm::sea_query::Expr {
    let mut pattern = String::from("%");
    for c in text.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    Expr::expr(Func::lower(Expr::col(column))).like(LikeExpr::new(pattern).escape('\\'))
}

/// One page (0-based) of the events in `scope` whose action, record or
/// summary contains `query` (all when it is empty), newest first.
pub async fn search_audit(
    db: &impl ConnectionTrait,
    scope: &AuditScope,
    query: &str,
    page: u64,
) -> Result<AuditPage, DbErr> {
    let mut find = audit_event::Entity::find();
    if let AuditScope::Programmes(ids) = scope {
        find = find.filter(audit_event::Column::ProgrammeId.is_in(ids.clone()));
    }
    let query = query.trim();
    if !query.is_empty() {
        find = find.filter(
            Condition::any()
                .add(contains_ignoring_case(audit_event::Column::Summary, query))
                .add(contains_ignoring_case(audit_event::Column::Action, query))
                .add(contains_ignoring_case(audit_event::Column::Entity, query))
                .add(audit_event::Column::EntityId.eq(query)),
        );
    }
    // One more than a page tells whether another page follows.
    let mut events = find
        .order_by_desc(audit_event::Column::At)
        .order_by_desc(audit_event::Column::Id)
        .offset(crate::domain::forms::bounded_page(page) * AUDIT_PAGE_SIZE)
        .limit(AUDIT_PAGE_SIZE + 1)
        .all(db)
        .await?;
    let has_more = events.len() as u64 > AUDIT_PAGE_SIZE;
    events.truncate(AUDIT_PAGE_SIZE as usize);

    let actor_ids: Vec<i32> = events.iter().filter_map(|e| e.actor_id).collect();
    let actors: HashMap<i32, Localized> = account::Entity::find()
        .filter(account::Column::Id.is_in(actor_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| {
            let name = match (a.name_ja.is_empty() && a.name_en.is_empty(), &a.email) {
                (true, Some(email)) => Localized::new(email, email),
                _ => Localized::new(a.name_ja, a.name_en),
            };
            (a.id, name)
        })
        .collect();
    let programmes =
        super::catalogue::programme_slugs(db, events.iter().filter_map(|e| e.programme_id)).await?;
    let rows = events
        .into_iter()
        .map(|e| AuditRow {
            at: e.at,
            actor: e.actor_id.and_then(|id| actors.get(&id).cloned()),
            action: e.action,
            record: format!("{} {}", e.entity, e.entity_id),
            programme: e.programme_id.and_then(|id| programmes.get(&id).cloned()),
            summary: e.summary,
        })
        .collect();
    Ok(AuditPage { rows, has_more })
}
