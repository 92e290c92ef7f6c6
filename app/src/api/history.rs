//! The history import for staff: administrators bring rows of every
//! programme in, organisers rows of the programmes they run. An uploaded
//! file (`/manage/history/upload`, a plain multipart post) is previewed
//! as a dry run and imported by a button; a file is seen only by who
//! uploaded it and administrators.

use crate::domain::history::view::{Preview, Upload};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
mod server {
    use crate::api::ctx::{Ctx, Reach};
    use crate::domain::access::Action;
    use crate::error::AppError;
    use crate::store::entities::history_batch;
    use crate::store::history::Scope;
    use crate::store::history::batch::{Seeker, find};

    /// Who may import where: `Forbidden` for someone who organises nothing.
    pub async fn scope(ctx: &Ctx) -> Result<(Scope, Seeker), AppError> {
        let scope = match ctx.reach(Action::ManagePipeline).await? {
            Reach::Everywhere => Scope::All,
            Reach::Programmes(ids) => Scope::Programmes(ids),
        };
        let actor = ctx.signed_in()?;
        let seeker = Seeker {
            account_id: actor.account_id,
            is_admin: scope == Scope::All,
        };
        Ok((scope, seeker))
    }

    /// Batch `id` as `seeker` may see it; another's is not found.
    pub async fn batch(
        ctx: &Ctx,
        id: i32,
        seeker: Seeker,
    ) -> Result<history_batch::Model, AppError> {
        find(&ctx.db, id, seeker).await?.ok_or(AppError::NotFound)
    }
}

/// The files the person uploaded (administrators: every file), newest first.
#[server(endpoint = "history/uploads")]
pub async fn get_history_uploads() -> Result<Vec<Upload>, AppError> {
    use crate::api::ctx::Ctx;
    let ctx = Ctx::load().await?;
    let (_, seeker) = server::scope(&ctx).await?;
    Ok(crate::store::history::batch::list(&ctx.db, seeker).await?)
}

/// What importing batch `batch` would do, row by row, for the reader's
/// programmes (or that it was imported).
#[server(endpoint = "history/preview")]
pub async fn get_history_preview(batch: i32) -> Result<Preview, AppError> {
    use crate::api::ctx::Ctx;
    use crate::store::history::{Importer, import};
    let ctx = Ctx::load().await?;
    let (scope, seeker) = server::scope(&ctx).await?;
    let b = server::batch(&ctx, batch, seeker).await?;
    let plan = if b.applied_at.is_some() {
        None
    } else {
        let who = Importer {
            by: Some(seeker.account_id),
            scope,
            ..Importer::operator(true)
        };
        Some(import(&ctx.db, &b.content, &who, ctx.now).await?)
    };
    Ok(Preview {
        upload: crate::store::history::batch::upload_of(&b),
        summary: b.summary,
        plan,
    })
}

/// Imports batch `batch` (the rows of the person's programmes); with
/// `invite` ticked, mails each person it makes an invitation to sign in.
#[server(endpoint = "history/apply")]
pub async fn apply_history(batch: i32, invite: Option<String>) -> Result<(), AppError> {
    use crate::api::ctx::{Ctx, invalid};
    use crate::domain::forms::Problem;
    use crate::store::history::{Importer, import};
    let ctx = Ctx::load().await?;
    let (scope, seeker) = server::scope(&ctx).await?;
    let b = server::batch(&ctx, batch, seeker).await?;
    let who = Importer {
        by: Some(seeker.account_id),
        scope,
        dry_run: false,
        batch: Some(b.id),
        invite: invite.is_some().then(|| ctx.public_url.clone()),
    };
    match import(&ctx.db, &b.content, &who, ctx.now).await? {
        Ok(_) => {
            leptos_axum::redirect(&format!("/manage/history/{}?saved=1", b.id));
            Ok(())
        }
        Err(p) => Err(invalid("batch", Problem::History(p))),
    }
}
