//! Administrators grant and revoke organiser roles.

#[cfg(feature = "ssr")]
use crate::api::ctx::Ctx;
use crate::domain::admin::OrganiserAdmin;
use crate::error::AppError;
use leptos::prelude::*;

/// The administrator's account id.
#[cfg(feature = "ssr")]
fn admin(ctx: &Ctx) -> Result<i32, AppError> {
    use crate::domain::access::{Action, Scope};
    Ok(ctx
        .require(Action::ManageOrganisers, Scope::Instance)?
        .account_id)
}

/// Every organiser role and every programme.
#[server(endpoint = "admin/organisers")]
pub async fn get_organisers() -> Result<OrganiserAdmin, AppError> {
    let ctx = Ctx::load().await?;
    admin(&ctx)?;
    Ok(OrganiserAdmin {
        grants: crate::store::roles::organiser_grants(&ctx.db).await?,
        programmes: crate::store::roles::programme_refs(&ctx.db).await?,
    })
}

/// Makes the account with `email` an organiser of `programme`.
#[server(endpoint = "admin/grant-organiser")]
pub async fn grant_organiser(email: String, programme: String) -> Result<(), AppError> {
    use crate::api::ctx::invalid;
    use crate::domain::forms::Problem;
    use crate::domain::identity::is_plausible_email;
    use crate::store::roles::GrantError;
    let ctx = Ctx::load().await?;
    let admin_id = admin(&ctx)?;
    let email = email.trim();
    if email.is_empty() {
        return Err(invalid("email", Problem::Required));
    }
    if !is_plausible_email(email) {
        return Err(invalid("email", Problem::NoSuchAccount));
    }
    match crate::store::roles::grant_organiser(&ctx.db, admin_id, email, &programme, ctx.now).await
    {
        Ok(()) => {
            leptos_axum::redirect("/admin/organisers?saved=1");
            Ok(())
        }
        Err(GrantError::NoSuchAccount) => Err(invalid("email", Problem::NoSuchAccount)),
        Err(GrantError::NoSuchProgramme) => Err(invalid("programme", Problem::BadChoice)),
        Err(GrantError::Db(e)) => Err(e.into()),
    }
}

/// Revokes the organiser role `grant`.
#[server(endpoint = "admin/revoke-organiser")]
pub async fn revoke_organiser(grant: i32) -> Result<(), AppError> {
    let ctx = Ctx::load().await?;
    let admin_id = admin(&ctx)?;
    if !crate::store::roles::revoke_organiser(&ctx.db, admin_id, grant, ctx.now).await? {
        return Err(AppError::NotFound);
    }
    leptos_axum::redirect("/admin/organisers?saved=1");
    Ok(())
}
