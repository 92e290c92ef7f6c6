//! Alumni server functions: the directory and profile pages (anyone; what
//! each viewer sees is decided by `domain::alumni::visibility`), and the
//! owner's editor, preview and skills self-assessment (`ManageOwnAccount`,
//! for alumni and staff: people of the community).

#[cfg(feature = "ssr")]
use crate::api::ctx::Ctx;
use crate::domain::alumni::directory::{DirectoryPage, DirectoryQuery};
use crate::domain::alumni::draft::ProfileDraft;
use crate::domain::alumni::skills::SkillsPage;
use crate::domain::alumni::{EditorPage, Preview, ProfileView};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
mod server {
    use crate::api::ctx::Ctx;
    use crate::domain::access::{Action, Actor, Scope};
    use crate::domain::alumni::visibility::Kind;
    use crate::error::AppError;

    /// The person asking, if anyone, and the kind of viewer they are for
    /// others' profiles.
    pub async fn viewer(ctx: &Ctx) -> Result<(Option<&Actor>, Kind), AppError> {
        let actor = ctx.authorize(Action::BrowseAlumni, Scope::Instance)?;
        let kind = crate::store::alumni::kind_of(&ctx.db, actor).await?;
        Ok((actor, kind))
    }

    /// The signed-in owner of a profile: someone of the community (an
    /// alumnus or staff); others may not keep one.
    pub async fn owner(ctx: &Ctx) -> Result<i32, AppError> {
        let actor = ctx.require(Action::ManageOwnAccount, Scope::Instance)?;
        if crate::store::alumni::kind_of(&ctx.db, Some(actor)).await? == Kind::Public {
            return Err(AppError::Forbidden);
        }
        Ok(actor.account_id)
    }

    /// The form key of the person's editor (what a refused post keeps).
    pub fn form_key(id: i32) -> String {
        format!("alumni-profile:{id}")
    }
}

/// One page of the directory, as the person asking may see it.
#[server(endpoint = "alumni/directory")]
pub async fn get_directory(query: DirectoryQuery) -> Result<DirectoryPage, AppError> {
    use crate::domain::alumni::directory::PAGE_SIZE;
    use crate::domain::alumni::visibility::{Kind, view, viewer_for};
    use crate::store::alumni::index::snapshot::Searcher;
    let ctx = Ctx::load().await?;
    let (actor, kind) = server::viewer(&ctx).await?;
    let db = &ctx.db;
    let filters = query.filters();
    let index = crate::state::directory()?;
    // An organiser searches and sees organiser-only parts of the people of
    // their programmes only.
    let scope = crate::store::alumni::in_scope(db, &kind, None).await?;
    let who = Searcher::of(&kind, &scope);
    let (profiles, total) =
        crate::store::alumni::directory::page(db, &index, who, &filters).await?;
    let mut results = Vec::new();
    for p in profiles {
        let owner = p.account_id;
        let viewer = viewer_for(&kind, actor, owner, scope.contains(&owner));
        results.extend(view(&p, viewer));
    }
    let programmes = crate::store::alumni::directory::programme_choices(db).await?;
    Ok(DirectoryPage {
        results,
        total,
        page: filters.page,
        pages: total.div_ceil(PAGE_SIZE).max(1),
        programmes,
        public_only: kind == Kind::Public,
    })
}

/// One profile, as the person asking may see it; 404 when they may not
/// see it at all (the public, without the owner's consent to be listed).
#[server(endpoint = "alumni/profile")]
pub async fn get_profile(id: String) -> Result<ProfileView, AppError> {
    use crate::domain::alumni::visibility::{view, viewer_for};
    let ctx = Ctx::load().await?;
    let (actor, kind) = server::viewer(&ctx).await?;
    let id: i32 = id.parse().map_err(|_| AppError::NotFound)?;
    let p = crate::store::alumni::profile::profile(&ctx.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let in_scope = crate::store::alumni::in_scope(&ctx.db, &kind, Some(&[id]))
        .await?
        .contains(&id);
    view(&p, viewer_for(&kind, actor, id, in_scope)).ok_or(AppError::NotFound)
}

/// The owner's editor: what a refused save kept, else the saved profile,
/// else the suggested start.
#[server(endpoint = "alumni/mine")]
pub async fn get_my_profile() -> Result<EditorPage, AppError> {
    use crate::domain::alumni::draft::draft_of;
    use crate::domain::alumni::{Part, Visibilities};
    let ctx = Ctx::load().await?;
    let id = server::owner(&ctx).await?;
    let saved = crate::store::alumni::profile::profile(&ctx.db, id).await?;
    let exists = saved.is_some();
    let awaiting_owner = saved.as_ref().is_some_and(|p| p.awaiting_owner);
    if let Some(kept) = crate::form_flash::take::<ProfileDraft>(&server::form_key(id)).await {
        return Ok(EditorPage {
            draft: kept,
            exists,
            awaiting_owner,
        });
    }
    let draft = match saved {
        Some(p) => draft_of(&p),
        None => {
            let mut d = ProfileDraft::new();
            // What the person already said on `/account/availability`: the
            // first save of a profile must not switch it off.
            let open = crate::store::rosters::availability::availability_of(&ctx.db, id).await?;
            for (key, on) in [
                ("open_tutoring", open.tutoring),
                ("open_lecturing", open.lecturing),
            ] {
                if on {
                    d.insert(key.to_string(), "on".to_string());
                }
            }
            let suggested = Visibilities::suggested();
            for part in Part::ALL {
                d.insert(
                    format!("vis_{}", part.key()),
                    suggested.get(part).as_str().to_string(),
                );
            }
            d
        }
    };
    Ok(EditorPage {
        draft,
        exists,
        awaiting_owner,
    })
}

/// Saves the owner's profile; a refusal saves nothing and keeps what was
/// typed for the form a plain post returns to.
#[server(endpoint = "alumni/save")]
pub async fn save_my_profile(draft: ProfileDraft) -> Result<(), AppError> {
    let ctx = Ctx::load().await?;
    let id = server::owner(&ctx).await?;
    let profile = match crate::domain::alumni::draft::validate(&draft, id) {
        Ok(p) => p,
        Err(problems) => {
            crate::form_flash::keep(&server::form_key(id), &draft).await;
            return Err(AppError::Invalid(problems));
        }
    };
    crate::store::alumni::profile::save(&ctx.db, &profile, ctx.now).await?;
    leptos_axum::redirect("/account/alumni?saved=1");
    Ok(())
}

/// The owner's profile as the public, a community member and an organiser
/// see it.
#[server(endpoint = "alumni/preview")]
pub async fn get_preview() -> Result<Preview, AppError> {
    use crate::domain::alumni::visibility::{Viewer, view};
    let ctx = Ctx::load().await?;
    let id = server::owner(&ctx).await?;
    let p = crate::store::alumni::profile::profile(&ctx.db, id).await?;
    let as_seen = |viewer| p.as_ref().and_then(|p| view(p, viewer));
    Ok(Preview {
        exists: p.is_some(),
        public: as_seen(Viewer::Public),
        community: as_seen(Viewer::Community),
        organiser: as_seen(Viewer::Organiser),
    })
}

/// The owner's skills now and before, against their cohorts.
#[server(endpoint = "alumni/skills")]
pub async fn get_my_skills() -> Result<SkillsPage, AppError> {
    let ctx = Ctx::load().await?;
    let id = server::owner(&ctx).await?;
    Ok(crate::store::alumni::skills::skills_page(&ctx.db, id).await?)
}
