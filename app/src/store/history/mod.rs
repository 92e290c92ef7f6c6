//! The history import in the database: a checked file
//! (`domain::history`) applied row by row in one transaction, oldest
//! cohort first, so the pipeline stages follow the years. A dry run runs
//! exactly the same and rolls back, so what it shows is what an import
//! does; an import is audited as one `history.import` event with its
//! counts.

pub mod batch;
mod directory;
mod rows;
mod stages;
mod world;

use crate::domain::forms::FieldError;
use crate::domain::history::view::{Outcome, Report, RowResult};
use crate::domain::history::{HistoryProblem, ParsedRow, parse_file};
use crate::domain::lang::Localized;
use crate::domain::time::to_jst;
use crate::store::audit::{AuditEntry, append_audit};
use chrono::{DateTime, Datelike, Utc};
use sea_orm::{DatabaseConnection, DbErr};
use std::collections::HashMap;

/// Which programmes an importer may bring rows into.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Every programme: an administrator, or the command line.
    All,
    /// These programmes: the ones an organiser runs.
    Programmes(Vec<i32>),
}

impl Scope {
    /// Whether rows of `programme_id` may be imported.
    pub fn allows(&self, programme_id: i32) -> bool {
        match self {
            Scope::All => true,
            Scope::Programmes(ids) => ids.contains(&programme_id),
        }
    }
}

/// Who imports, and whether for real.
#[derive(Clone, Debug)]
pub struct Importer {
    /// The importer's account; `None` from the command line.
    pub by: Option<i32>,
    /// The programmes they may import into.
    pub scope: Scope,
    /// Only show what would happen; write nothing.
    pub dry_run: bool,
    /// The uploaded file being imported, marked imported in the same
    /// transaction (so it is imported once).
    pub batch: Option<i32>,
    /// Invite each person the import makes to claim their account, by a
    /// mail with links on this site (the instance's `PUBLIC_URL`).
    pub invite: Option<String>,
}

impl Importer {
    /// The command line's importer: every programme, no batch, no mail.
    pub fn operator(dry_run: bool) -> Importer {
        Importer {
            by: None,
            scope: Scope::All,
            dry_run,
            batch: None,
            invite: None,
        }
    }
}

/// What the rows did besides their outcomes: the accounts made (for the
/// invitations), the people who got a completion and, of them, those whose
/// unclaimed account the import speaks for (for the directory).
#[derive(Debug, Default)]
pub struct Done {
    made: Vec<i32>,
    completed: Vec<i32>,
    alumni: Vec<(i32, Localized)>,
}

/// Imports the history file `bytes`: its report row by row, or why the
/// file cannot be read at all (then nothing is written).
pub async fn import(
    db: &DatabaseConnection,
    bytes: &[u8],
    who: &Importer,
    now: DateTime<Utc>,
) -> Result<Result<Report, HistoryProblem>, DbErr> {
    let parsed = match parse_file(bytes, to_jst(now).year()) {
        Ok(rows) => rows,
        Err(p) => return Ok(Err(p)),
    };
    let txn = crate::store::begin_write(db).await?;
    let (report, made) = apply_all(&txn, &parsed, who, now).await?;
    if who.dry_run {
        txn.rollback().await?;
    } else {
        if let Some(id) = who.batch
            && !batch::mark_applied(&txn, id, &report.summary(), now).await?
        {
            txn.rollback().await?;
            return Ok(Err(HistoryProblem::AlreadyImported));
        }
        if let Some(site) = &who.invite {
            invite(&txn, &made, site, now).await?;
        }
        let entry = AuditEntry {
            actor_id: who.by,
            action: "history.import",
            entity: "history",
            entity_id: String::new(),
            programme_id: match &who.scope {
                Scope::Programmes(ids) if ids.len() == 1 => Some(ids[0]),
                _ => None,
            },
            summary: report.summary(),
        };
        append_audit(&txn, entry, now).await?;
        txn.commit().await?;
    }
    Ok(Ok(report))
}

/// Queues a mail to each of `made` inviting them to claim their account.
async fn invite(
    txn: &impl sea_orm::ConnectionTrait,
    made: &[i32],
    site: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    use crate::domain::mail::MailTemplate;
    use crate::domain::pipeline::mail::PipelineMail;
    let site = site.trim_end_matches('/');
    let mail = MailTemplate::Pipeline(PipelineMail::HistoryClaim {
        sign_in: format!("{site}/sign-in"),
        certificates: format!("{site}/account/certificates"),
    });
    for &id in made {
        crate::store::outbox::enqueue_for_account(txn, id, &mail, None, now).await?;
    }
    Ok(())
}

/// The result of a row that was refused.
fn refused(r: &ParsedRow, problems: Vec<FieldError>) -> RowResult {
    RowResult {
        line: r.line,
        email: r.email.clone(),
        name: r.name.clone(),
        place: r.place.clone(),
        role: r.checked.as_ref().ok().map(|c| c.role),
        outcome: Outcome::Refused,
        problems,
    }
}

/// Applies every checked row, oldest year first (then participants before
/// tutors before lecturers, then in file order); the report keeps file
/// order.
async fn apply_all(
    txn: &impl sea_orm::ConnectionTrait,
    parsed: &[ParsedRow],
    who: &Importer,
    now: DateTime<Utc>,
) -> Result<(Report, Vec<i32>), DbErr> {
    let mut world = world::World::load(txn).await?;
    // A person's name is the one their latest row gives, so a file that
    // spells it differently over the years still imports the same twice.
    let mut names: HashMap<&str, ((i32, usize), &Localized)> = HashMap::new();
    let mut order: Vec<usize> = Vec::new();
    for (i, r) in parsed.iter().enumerate() {
        if let Ok(row) = &r.checked {
            order.push(i);
            let latest = ((row.year, r.line), &row.name);
            let name = names.entry(row.email.as_str()).or_insert(latest);
            if latest.0 > name.0 {
                *name = latest;
            }
        }
    }
    order.sort_by_key(|&i| {
        let row = parsed[i].checked.as_ref().ok();
        (row.map(|r| (r.year, r.role)), parsed[i].line)
    });
    let mut results: Vec<Option<RowResult>> = vec![None; parsed.len()];
    let mut done = Done::default();
    for i in order {
        let r = &parsed[i];
        let Ok(row) = &r.checked else { continue };
        let name = names[row.email.as_str()].1;
        let applied = rows::apply_row(
            txn,
            &mut world,
            row,
            name,
            (&who.scope, who.by),
            &mut done,
            now,
        )
        .await?;
        results[i] = Some(match applied {
            Ok(outcome) => RowResult {
                outcome,
                problems: Vec::new(),
                ..refused(r, Vec::new())
            },
            Err(problems) => refused(r, problems),
        });
    }
    let rows: Vec<RowResult> = parsed
        .iter()
        .zip(results)
        .map(|(r, result)| {
            result.unwrap_or_else(|| refused(r, r.checked.clone().err().unwrap_or_default()))
        })
        .collect();
    directory::publish(txn, &done.alumni, &done.completed, now).await?;
    let report = Report {
        rows,
        people_created: done.made.len(),
        certificates: done.completed.len(),
    };
    Ok((report, done.made))
}
