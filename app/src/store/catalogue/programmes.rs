//! Administrators' writes to programmes, each with its audit event (the
//! values before and after) in the same transaction, and the programme
//! list they work from.
//!
//! A programme's slug is fixed once it has a cohort: the public pages'
//! URLs, organisers' bookmarks and the import of past cohorts name the
//! programme by it, so renaming would break them silently. The check runs
//! with the programme's row held, so a cohort created meanwhile waits for
//! the rename to commit (PostgreSQL's foreign-key check takes a lock the
//! held row blocks; on SQLite the write lock already orders them).

use super::changes::{Changes, created};
use super::edit::SaveError;
use super::rows::programme_ref;
use crate::domain::catalogue::admin::AdminProgramme;
use crate::domain::catalogue::programme_form::{ProgrammeDraft, ValidProgramme};
use crate::domain::forms::Problem;
use crate::store::audit::{AuditEntry, append_audit};
use crate::store::entities::{cohort, programme};
use crate::store::{begin_write, lock_row};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};

/// Every programme in listing order, with how many cohorts each has.
pub async fn admin_programmes(db: &impl ConnectionTrait) -> Result<Vec<AdminProgramme>, DbErr> {
    let rows = programme::Entity::find()
        .order_by_asc(programme::Column::Position)
        .order_by_asc(programme::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for p in rows {
        out.push(AdminProgramme {
            programme: programme_ref(&p),
            position: p.position,
            cohorts: cohort_count(db, p.id).await?,
        });
    }
    Ok(out)
}

/// How many cohorts the programme `programme_id` has.
pub async fn cohort_count(db: &impl ConnectionTrait, programme_id: i32) -> Result<u64, DbErr> {
    cohort::Entity::find()
        .filter(cohort::Column::ProgrammeId.eq(programme_id))
        .count(db)
        .await
}

/// How many programmes there are (a new one is listed after them).
pub async fn programme_count(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    programme::Entity::find().count(db).await
}

/// The programme form filled with a saved programme.
pub fn programme_draft(p: &programme::Model) -> ProgrammeDraft {
    ProgrammeDraft {
        slug: p.slug.clone(),
        kind: p.kind.as_str().to_string(),
        name_ja: p.name_ja.clone(),
        name_en: p.name_en.clone(),
        description_ja: p.description_ja.clone(),
        description_en: p.description_en.clone(),
        position: p.position.to_string(),
    }
}

/// Who saves, and when.
#[derive(Clone, Copy, Debug)]
pub struct Admin {
    /// The administrator's account.
    pub account_id: i32,
    /// Now.
    pub now: DateTime<Utc>,
}

/// Creates (`existing` is `None`) or updates a programme, and records it.
/// A taken slug (also when another save takes it first) and a slug change
/// of a programme with cohorts are refused; nothing is written then.
pub async fn save_programme(
    db: &DatabaseConnection,
    admin: Admin,
    existing: Option<&programme::Model>,
    v: &ValidProgramme,
) -> Result<(), SaveError> {
    let txn = begin_write(db).await?;
    let old = match existing {
        Some(p) => Some(
            lock_row::<programme::Entity>(&txn, p.id)
                .await?
                .ok_or_else(|| DbErr::RecordNotFound(format!("programme {}", p.id)))?,
        ),
        None => None,
    };
    if let Some(old) = &old
        && old.slug != v.slug
        && cohort_count(&txn, old.id).await? > 0
    {
        return Err(SaveError::Refused("slug", Problem::SlugInUse));
    }
    let mut row: programme::ActiveModel = match &old {
        Some(p) => p.clone().into(),
        None => <programme::ActiveModel as Default>::default(),
    };
    row.slug = Set(v.slug.clone());
    row.kind = Set(v.kind);
    row.name_ja = Set(v.name.ja.clone());
    row.name_en = Set(v.name.en.clone());
    row.description_ja = Set(v.description.ja.clone());
    row.description_en = Set(v.description.en.clone());
    row.position = Set(v.position);
    let position = v.position.to_string();
    let (saved, action, summary) = match old {
        None => {
            let saved = row.insert(&txn).await?;
            let summary = created(
                &format!("programme {}", v.slug),
                &[
                    ("kind", v.kind.as_str()),
                    ("name_ja", &v.name.ja),
                    ("name_en", &v.name.en),
                    ("description_ja", &v.description.ja),
                    ("description_en", &v.description.en),
                    ("position", &position),
                ],
            );
            (saved, "programme.create", summary)
        }
        Some(old) => {
            let mut c = Changes::default();
            c.note("slug", &old.slug, &v.slug);
            c.note("kind", old.kind.as_str(), v.kind.as_str());
            c.note("name_ja", &old.name_ja, &v.name.ja);
            c.note("name_en", &old.name_en, &v.name.en);
            c.note("description_ja", &old.description_ja, &v.description.ja);
            c.note("description_en", &old.description_en, &v.description.en);
            c.note("position", &old.position.to_string(), &position);
            if c.is_empty() {
                return Ok(());
            }
            let summary = c.summary(&format!("programme {}", old.slug));
            (row.update(&txn).await?, "programme.update", summary)
        }
    };
    let entry = AuditEntry {
        actor_id: Some(admin.account_id),
        action,
        entity: "programme",
        entity_id: saved.id.to_string(),
        programme_id: Some(saved.id),
        summary,
    };
    append_audit(&txn, entry, admin.now).await?;
    txn.commit().await?;
    Ok(())
}
