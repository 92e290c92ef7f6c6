//! Administrators grant and revoke organiser roles.

use crate::domain::admin::OrganiserAdmin;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
async fn admin() -> Result<i32, AppError> {
    use crate::domain::access::{Action, Scope};
    crate::auth::authorize(Action::ManageOrganisers, Scope::Instance)
        .await?
        .map(|a| a.account_id)
        .ok_or(AppError::SignInRequired)
}

/// Every organiser role and every programme.
#[server(endpoint = "admin/organisers")]
pub async fn get_organisers() -> Result<OrganiserAdmin, AppError> {
    admin().await?;
    let db = crate::state::db()?;
    Ok(OrganiserAdmin {
        grants: crate::store::roles::organiser_grants(&db).await?,
        programmes: crate::store::roles::programme_refs(&db).await?,
    })
}

/// Makes the account with `email` an organiser of `programme`.
#[server(endpoint = "admin/grant-organiser")]
pub async fn grant_organiser(email: String, programme: String) -> Result<(), AppError> {
    use crate::domain::forms::{FieldError, Problem};
    use crate::domain::identity::is_plausible_email;
    use crate::store::roles::GrantError;
    let admin_id = admin().await?;
    let email = email.trim();
    let invalid = |field: &str, problem| {
        AppError::Invalid(vec![FieldError {
            field: field.into(),
            problem,
        }])
    };
    if email.is_empty() {
        return Err(invalid("email", Problem::Required));
    }
    if !is_plausible_email(email) {
        return Err(invalid("email", Problem::NoSuchAccount));
    }
    let db = crate::state::db()?;
    match crate::store::roles::grant_organiser(&db, admin_id, email, &programme, chrono::Utc::now())
        .await
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
    let admin_id = admin().await?;
    let db = crate::state::db()?;
    if !crate::store::roles::revoke_organiser(&db, admin_id, grant, chrono::Utc::now()).await? {
        return Err(AppError::NotFound);
    }
    leptos_axum::redirect("/admin/organisers?saved=1");
    Ok(())
}
