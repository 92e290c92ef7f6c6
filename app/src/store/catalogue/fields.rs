//! Administrators' writes to the fields Connect tracks join security to,
//! each with its audit event in the same transaction.
//!
//! A field that a track or someone's availability names is in use: it
//! cannot be deleted (tracks would lose their field, people their answer)
//! and its slug is fixed (shared links to a cohort filtered by it name it).
//! Both checks run with the field's row held, so a track or availability
//! saved meanwhile waits for the delete or rename to commit, then finds
//! the field gone (refused) or renamed (harmless: they refer to its id).

use super::changes::{Changes, created};
use super::edit::SaveError;
use super::programmes::Admin;
use crate::domain::catalogue::Field;
use crate::domain::catalogue::admin::AdminField;
use crate::domain::catalogue::field_form::{FieldDraft, ValidField};
use crate::domain::forms::Problem;
use crate::domain::lang::Localized;
use crate::store::audit::{AuditEntry, append_audit};
use crate::store::entities::{availability_field, field, track};
use crate::store::{begin_write, lock_row};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    ModelTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};

/// The field row named `slug`.
pub async fn field_row(
    db: &impl ConnectionTrait,
    slug: &str,
) -> Result<Option<field::Model>, DbErr> {
    field::Entity::find()
        .filter(field::Column::Slug.eq(slug))
        .one(db)
        .await
}

/// The field with how many tracks and people name it.
pub async fn admin_field(db: &impl ConnectionTrait, f: &field::Model) -> Result<AdminField, DbErr> {
    let tracks = track::Entity::find()
        .filter(track::Column::FieldId.eq(f.id))
        .count(db)
        .await?;
    let people = availability_field::Entity::find()
        .filter(availability_field::Column::FieldId.eq(f.id))
        .count(db)
        .await?;
    Ok(AdminField {
        field: Field {
            slug: f.slug.clone(),
            name: Localized::new(&f.name_ja, &f.name_en),
        },
        tracks,
        people,
    })
}

/// Every field, oldest first, with what uses it.
pub async fn admin_fields(db: &impl ConnectionTrait) -> Result<Vec<AdminField>, DbErr> {
    let rows = field::Entity::find()
        .order_by_asc(field::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for f in &rows {
        out.push(admin_field(db, f).await?);
    }
    Ok(out)
}

/// The field form filled with a saved field.
pub fn field_draft(f: &field::Model) -> FieldDraft {
    FieldDraft {
        slug: f.slug.clone(),
        name_ja: f.name_ja.clone(),
        name_en: f.name_en.clone(),
    }
}

/// Holds the field's row for the rest of `txn` and tells whether anything
/// uses it.
async fn held(
    txn: &impl ConnectionTrait,
    f: &field::Model,
) -> Result<(field::Model, bool), SaveError> {
    let row = lock_row::<field::Entity>(txn, f.id)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("field {}", f.id)))?;
    let uses = admin_field(txn, &row).await?;
    Ok((row, uses.in_use()))
}

/// The audit event of a change to field `id`, then the commit.
async fn record(
    txn: sea_orm::DatabaseTransaction,
    admin: Admin,
    action: &str,
    id: i32,
    summary: String,
) -> Result<(), SaveError> {
    let entry = AuditEntry {
        actor_id: Some(admin.account_id),
        action,
        entity: "field",
        entity_id: id.to_string(),
        programme_id: None,
        summary,
    };
    append_audit(&txn, entry, admin.now).await?;
    txn.commit().await?;
    Ok(())
}

/// Creates (`existing` is `None`) or updates a field, and records it. A
/// taken slug, and a slug change of a field in use, are refused.
pub async fn save_field(
    db: &DatabaseConnection,
    admin: Admin,
    existing: Option<&field::Model>,
    v: &ValidField,
) -> Result<(), SaveError> {
    let txn = begin_write(db).await?;
    let Some(f) = existing else {
        let saved = field::ActiveModel {
            slug: Set(v.slug.clone()),
            name_ja: Set(v.name.ja.clone()),
            name_en: Set(v.name.en.clone()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let summary = created(
            &format!("field {}", v.slug),
            &[("name_ja", &v.name.ja), ("name_en", &v.name.en)],
        );
        return record(txn, admin, "field.create", saved.id, summary).await;
    };
    let (old, in_use) = held(&txn, f).await?;
    if in_use && old.slug != v.slug {
        return Err(SaveError::Refused("slug", Problem::SlugInUse));
    }
    let mut c = Changes::default();
    c.note("slug", &old.slug, &v.slug);
    c.note("name_ja", &old.name_ja, &v.name.ja);
    c.note("name_en", &old.name_en, &v.name.en);
    if c.is_empty() {
        return Ok(());
    }
    let summary = c.summary(&format!("field {}", old.slug));
    let mut row: field::ActiveModel = old.into();
    row.slug = Set(v.slug.clone());
    row.name_ja = Set(v.name.ja.clone());
    row.name_en = Set(v.name.en.clone());
    let saved = row.update(&txn).await?;
    record(txn, admin, "field.update", saved.id, summary).await
}

/// Deletes a field no track or availability names, and records it with
/// the names it had; one in use is refused and stays.
pub async fn delete_field(
    db: &DatabaseConnection,
    admin: Admin,
    f: &field::Model,
) -> Result<(), SaveError> {
    let txn = begin_write(db).await?;
    let (old, in_use) = held(&txn, f).await?;
    if in_use {
        return Err(SaveError::Refused("field", Problem::FieldInUse));
    }
    let summary = format!(
        "deleted field {}: name_ja={:?}, name_en={:?}",
        old.slug, old.name_ja, old.name_en
    );
    let id = old.id;
    old.delete(&txn).await?;
    record(txn, admin, "field.delete", id, summary).await
}
