//! Announcements for staff: organisers of a programme (and administrators)
//! write a mail to one segment of its people, preview it as each recipient
//! will read it, and send it through the outbox. An announcement, and the
//! cohort, track or event a segment names, are looked up inside the
//! programme: another programme's is not found, like a missing one.

use crate::domain::announce::view::{AnnouncementForm, AnnouncementView, AnnouncementsPage};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
mod server {
    use crate::api::ctx::Ctx;
    use crate::domain::access::Action;
    use crate::domain::announce::view::AnnouncementForm;
    use crate::domain::lang::Localized;
    use crate::error::AppError;
    use crate::store::entities::programme;

    /// The request's context and programme `slug`, for someone who may
    /// announce there (signed out: 401; not its organiser: 403).
    pub async fn programme(slug: &str) -> Result<(Ctx, programme::Model, i32), AppError> {
        let ctx = Ctx::load().await?;
        let (p, actor) = ctx.programme(Action::Announce, slug).await?;
        let actor = actor.account_id;
        Ok((ctx, p, actor))
    }

    /// The programme's name.
    pub fn name(p: &programme::Model) -> Localized {
        Localized::new(&p.name_ja, &p.name_en)
    }

    /// Which form a refused plain post's typing belongs to.
    pub fn form_key(programme: &str, id: Option<i32>) -> String {
        match id {
            Some(id) => format!("announcement:{programme}:{id}"),
            None => format!("announcement:{programme}:new"),
        }
    }

    /// `form` kept for a refused plain post, then the refusal.
    pub async fn refused(programme: &str, form: &AnnouncementForm, e: AppError) -> AppError {
        if matches!(e, AppError::Invalid(_)) {
            crate::form_flash::keep(&form_key(programme, form.id), form).await;
        }
        e
    }
}

/// The programme's announcements, the segments one may write to and the
/// new announcement's form.
#[server(endpoint = "announce/list")]
pub async fn get_announcements(programme: String) -> Result<AnnouncementsPage, AppError> {
    use crate::store::announce::{list, segment::choices};
    let (ctx, p, _) = server::programme(&programme).await?;
    let form = crate::form_flash::take(&server::form_key(&p.slug, None))
        .await
        .unwrap_or_default();
    Ok(AnnouncementsPage {
        programme_slug: p.slug.clone(),
        programme: server::name(&p),
        choices: choices(&ctx.db, &p).await?,
        rows: list(&ctx.db, &p).await?,
        form,
    })
}

/// Announcement `id` of the programme, with the preview of its mails while
/// it is a draft (or why it cannot be sent now).
#[server(endpoint = "announce/get")]
pub async fn get_announcement(programme: String, id: i32) -> Result<AnnouncementView, AppError> {
    use crate::store::announce::{checked_of, find, form_of, row_of, segment::choices, send};
    let (ctx, p, _) = server::programme(&programme).await?;
    let a = find(&ctx.db, &p, id).await?.ok_or(AppError::NotFound)?;
    let (preview, problems) = if a.sent_at.is_some() {
        (None, Vec::new())
    } else {
        match send::preview(&ctx.db, &p, &checked_of(&a)).await? {
            Ok(preview) => (Some(preview), Vec::new()),
            Err(crate::store::announce::Refusal::Invalid(problems)) => (None, problems),
            Err(crate::store::announce::Refusal::NotFound) => (None, Vec::new()),
        }
    };
    let form = crate::form_flash::take(&server::form_key(&p.slug, Some(a.id)))
        .await
        .unwrap_or_else(|| form_of(&a));
    Ok(AnnouncementView {
        programme_slug: p.slug.clone(),
        programme: server::name(&p),
        row: row_of(&ctx.db, &p, &a).await?,
        form,
        choices: choices(&ctx.db, &p).await?,
        preview,
        problems,
    })
}

/// Saves the announcement `draft` (a new one, or the draft `draft[id]`)
/// once its texts fit its segment and it reaches somebody, then shows its
/// preview. Nothing is sent.
#[server(endpoint = "announce/save")]
pub async fn save_announcement(programme: String, draft: AnnouncementForm) -> Result<(), AppError> {
    use crate::domain::announce::{check, view::announcement_path};
    let (ctx, p, actor) = server::programme(&programme).await?;
    let checked = match check(&draft) {
        Ok(checked) => checked,
        Err(problems) => {
            return Err(server::refused(&p.slug, &draft, AppError::Invalid(problems)).await);
        }
    };
    let saved =
        crate::store::announce::save(&ctx.db, actor, &p, draft.id, &checked, ctx.now).await?;
    match saved {
        Ok(id) => {
            leptos_axum::redirect(&announcement_path(&p.slug, id));
            Ok(())
        }
        Err(refusal) => Err(server::refused(&p.slug, &draft, refusal.into()).await),
    }
}

/// Sends announcement `id`: queues every recipient's mail (once, however
/// often this is posted); returns how many.
#[server(endpoint = "announce/send")]
pub async fn send_announcement(programme: String, id: i32) -> Result<usize, AppError> {
    use crate::domain::announce::view::announcement_path;
    let (ctx, p, actor) = server::programme(&programme).await?;
    let count = crate::store::announce::send::send(&ctx.db, actor, &p, id, ctx.now)
        .await?
        .map_err(AppError::from)?;
    leptos_axum::redirect(&format!("{}?sent={count}", announcement_path(&p.slug, id)));
    Ok(count)
}
