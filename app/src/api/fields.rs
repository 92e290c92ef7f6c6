//! Administrators create, edit and delete the fields Connect tracks join
//! security to (automotive, AI, …). Same rules as the programme functions:
//! administrators only, validated, audited, refusals change nothing.

#[cfg(feature = "ssr")]
use crate::api::ctx::Ctx;
#[cfg(feature = "ssr")]
use crate::api::programmes::admin;
use crate::domain::catalogue::admin::{FieldEditor, FieldList};
use crate::domain::catalogue::field_form::FieldDraft;
use crate::error::AppError;
use leptos::prelude::*;

/// The field named `slug`; an unknown or malformed name is not found.
#[cfg(feature = "ssr")]
async fn field_row(
    ctx: &Ctx,
    slug: &str,
) -> Result<crate::store::entities::field::Model, AppError> {
    use crate::domain::slug::is_valid_slug;
    if !is_valid_slug(slug) {
        return Err(AppError::NotFound);
    }
    crate::store::catalogue::fields::field_row(&ctx.db, slug)
        .await?
        .ok_or(AppError::NotFound)
}

/// Every field, and the new-field form.
#[server(endpoint = "admin/fields")]
pub async fn get_admin_fields() -> Result<FieldList, AppError> {
    use crate::domain::catalogue::admin::field_form_key;
    let ctx = Ctx::load().await?;
    admin(&ctx)?;
    Ok(FieldList {
        fields: crate::store::catalogue::fields::admin_fields(&ctx.db).await?,
        new_field: crate::form_flash::take(&field_form_key(""))
            .await
            .unwrap_or_default(),
    })
}

/// The form of the field `field`, with what uses it.
#[server(endpoint = "admin/field")]
pub async fn get_admin_field(field: String) -> Result<FieldEditor, AppError> {
    use crate::domain::catalogue::admin::field_form_key;
    use crate::store::catalogue::fields::{admin_field, field_draft};
    let ctx = Ctx::load().await?;
    admin(&ctx)?;
    let f = field_row(&ctx, &field).await?;
    let draft = match crate::form_flash::take(&field_form_key(&f.slug)).await {
        Some(typed) => typed,
        None => field_draft(&f),
    };
    Ok(FieldEditor {
        saved: admin_field(&ctx.db, &f).await?,
        draft,
    })
}

/// Creates a field (`original` empty) or updates the field named
/// `original`, then sends the browser to its page (a page of its own, so
/// that with JavaScript the router loads it afresh).
#[server(endpoint = "admin/save-field")]
pub async fn save_field(original: String, draft: FieldDraft) -> Result<(), AppError> {
    use crate::api::manage::server::{refused, save_error};
    use crate::domain::catalogue::admin::field_form_key;
    use crate::domain::catalogue::field_form::validate_field;
    let ctx = Ctx::load().await?;
    let admin = admin(&ctx)?;
    let existing = match original.as_str() {
        "" => None,
        slug => Some(field_row(&ctx, slug).await?),
    };
    let key = field_form_key(&original);
    let valid = match validate_field(&draft) {
        Ok(v) => v,
        Err(problems) => return refused(&key, &draft, AppError::Invalid(problems)).await,
    };
    let saved =
        crate::store::catalogue::fields::save_field(&ctx.db, admin, existing.as_ref(), &valid)
            .await;
    if let Err(e) = saved {
        return refused(&key, &draft, save_error(e)).await;
    }
    leptos_axum::redirect(&format!("/admin/fields/{}?saved=1", valid.slug));
    Ok(())
}

/// Deletes the field `field` unless a track or someone's availability
/// names it.
#[server(endpoint = "admin/delete-field")]
pub async fn delete_field(field: String) -> Result<(), AppError> {
    use crate::api::manage::server::save_error;
    let ctx = Ctx::load().await?;
    let admin = admin(&ctx)?;
    let f = field_row(&ctx, &field).await?;
    crate::store::catalogue::fields::delete_field(&ctx.db, admin, &f)
        .await
        .map_err(save_error)?;
    leptos_axum::redirect("/admin/fields?saved=1");
    Ok(())
}
