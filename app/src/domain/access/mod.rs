//! Who may do what: every permission decision of Camp Connect is made here.
//!
//! Server functions and routes build an [`Actor`] for the person asking and
//! call [`can`] before they touch data; a refusal returns early with a clear
//! message. The rules are pure, so they are tested exhaustively below and by
//! the authorization matrix in `server/tests/`.

mod roles;

pub use roles::{Grant, Role};

use serde::{Deserialize, Serialize};

/// A signed-in person, with everything the rules need to know about them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// Their account.
    pub account_id: i32,
    /// Instance administrator.
    pub is_admin: bool,
    /// Their scoped roles.
    pub grants: Vec<Grant>,
}

/// What someone wants to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Action {
    /// Read the public catalogue.
    ViewCatalogue,
    /// Create or edit cohorts and tracks of a programme.
    ManageCatalogue,
    /// Read a programme's audit log (all of it, for admins).
    ViewAuditLog,
    /// Grant or revoke organiser roles.
    ManageOrganisers,
    /// See, edit, export or delete one's own account.
    ManageOwnAccount,
    /// Read the mail outbox of a programme (all of it, for admins).
    ViewOutbox,
    /// Hold or release outbox messages of a programme (all, for admins).
    ManageOutbox,
}

/// What the action is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Scope {
    /// The whole instance.
    Instance,
    /// One programme.
    Programme(i32),
}

/// Why an action is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum Denied {
    /// Nobody is signed in, and the action needs someone.
    #[error("sign-in required")]
    SignInRequired,
    /// The person is signed in but may not do this.
    #[error("forbidden")]
    Forbidden,
}

/// Decides whether `actor` (`None`: anonymous) may do `action` on `scope`.
pub fn can(actor: Option<&Actor>, action: Action, scope: Scope) -> Result<(), Denied> {
    if action == Action::ViewCatalogue {
        return Ok(());
    }
    let actor = actor.ok_or(Denied::SignInRequired)?;
    if actor.is_admin {
        return Ok(());
    }
    let allowed = match (action, scope) {
        (Action::ViewCatalogue | Action::ManageOwnAccount, _) => true,
        (
            Action::ManageCatalogue
            | Action::ViewAuditLog
            | Action::ViewOutbox
            | Action::ManageOutbox,
            Scope::Programme(p),
        ) => actor.grants.iter().any(|g| g.is_organiser_of(p)),
        (
            Action::ManageCatalogue
            | Action::ViewAuditLog
            | Action::ViewOutbox
            | Action::ManageOutbox,
            Scope::Instance,
        ) => false,
        (Action::ManageOrganisers, _) => false,
    };
    if allowed {
        Ok(())
    } else {
        Err(Denied::Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: i32 = 1;
    const OTHER: i32 = 2;

    fn actor(is_admin: bool, grants: Vec<Grant>) -> Actor {
        Actor {
            account_id: 7,
            is_admin,
            grants,
        }
    }

    fn organiser_of(p: i32) -> Actor {
        actor(false, vec![Grant::organiser(p)])
    }

    fn lecturer() -> Actor {
        actor(false, vec![Grant::on_track(Role::Lecturer, P, 10, 100)])
    }

    #[test]
    fn anyone_reads_the_catalogue() {
        assert_eq!(can(None, Action::ViewCatalogue, Scope::Instance), Ok(()));
        assert_eq!(
            can(
                Some(&lecturer()),
                Action::ViewCatalogue,
                Scope::Programme(P)
            ),
            Ok(())
        );
    }

    #[test]
    fn everything_else_needs_sign_in() {
        for action in [
            Action::ManageCatalogue,
            Action::ViewAuditLog,
            Action::ManageOrganisers,
            Action::ManageOwnAccount,
            Action::ViewOutbox,
            Action::ManageOutbox,
        ] {
            assert_eq!(
                can(None, action, Scope::Programme(P)),
                Err(Denied::SignInRequired)
            );
        }
    }

    #[test]
    fn organisers_manage_only_their_programme() {
        let o = organiser_of(P);
        assert_eq!(
            can(Some(&o), Action::ManageCatalogue, Scope::Programme(P)),
            Ok(())
        );
        assert_eq!(
            can(Some(&o), Action::ViewAuditLog, Scope::Programme(P)),
            Ok(())
        );
        assert_eq!(
            can(Some(&o), Action::ManageCatalogue, Scope::Programme(OTHER)),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            can(Some(&o), Action::ViewAuditLog, Scope::Instance),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            can(Some(&o), Action::ManageOrganisers, Scope::Instance),
            Err(Denied::Forbidden)
        );
    }

    #[test]
    fn organisers_see_and_hold_only_their_programmes_mail() {
        let o = organiser_of(P);
        for action in [Action::ViewOutbox, Action::ManageOutbox] {
            assert_eq!(can(Some(&o), action, Scope::Programme(P)), Ok(()));
            assert_eq!(
                can(Some(&o), action, Scope::Programme(OTHER)),
                Err(Denied::Forbidden)
            );
            // Mail about no programme (sign-in notices) is for admins only.
            assert_eq!(
                can(Some(&o), action, Scope::Instance),
                Err(Denied::Forbidden)
            );
            assert_eq!(
                can(Some(&lecturer()), action, Scope::Programme(P)),
                Err(Denied::Forbidden)
            );
        }
    }

    #[test]
    fn track_roles_do_not_make_an_organiser() {
        let l = lecturer();
        assert_eq!(
            can(Some(&l), Action::ManageCatalogue, Scope::Programme(P)),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            can(Some(&l), Action::ManageOwnAccount, Scope::Instance),
            Ok(())
        );
    }

    #[test]
    fn admins_may_do_everything() {
        let a = actor(true, vec![]);
        for action in [
            Action::ManageCatalogue,
            Action::ViewAuditLog,
            Action::ManageOrganisers,
            Action::ViewOutbox,
            Action::ManageOutbox,
        ] {
            assert_eq!(can(Some(&a), action, Scope::Instance), Ok(()));
            assert_eq!(can(Some(&a), action, Scope::Programme(OTHER)), Ok(()));
        }
    }
}
