//! The request context every server function starts from (server only):
//! the database, who is asking, the moment and the public address, worked
//! out once per call, and the permission checks and scoped look-ups that
//! server functions share.
//!
//! A record outside the person's scope answers exactly like a missing one
//! wherever telling them apart would let someone probe which ids exist.

use crate::domain::access::{Action, Actor, Scope, can};
use crate::domain::forms::{FieldError, Problem};
use crate::domain::identity::Viewer;
use crate::domain::slug::is_valid_slug;
use crate::error::AppError;
use crate::store::catalogue::track_ctx::TrackCtx;
use crate::store::entities::programme;
use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

/// One server function call's context.
pub struct Ctx {
    /// The database pool.
    pub db: DatabaseConnection,
    /// The signed-in person, if anyone.
    pub actor: Option<Actor>,
    /// How the signed-in person is shown (`Some` exactly when `actor` is).
    pub viewer: Option<Viewer>,
    /// When the request is served: one moment for every check and write.
    pub now: DateTime<Utc>,
    /// Where people reach this instance, for links in mail (no trailing slash).
    pub public_url: String,
}

/// Where someone may do an action: everywhere, or in some programmes only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reach {
    /// On the whole instance (administrators).
    Everywhere,
    /// In these programmes (organisers).
    Programmes(Vec<i32>),
}

impl Ctx {
    /// The context of the request being served: the shared state, the
    /// session's signed-in person (read once per request, see
    /// [`crate::auth::current_in_request`]) and the time.
    pub async fn load() -> Result<Ctx, AppError> {
        let state = crate::state::current()?;
        let now = Utc::now();
        let session = crate::auth::request_session().await?;
        let (actor, viewer) = crate::auth::current_in_request(&session, &state.db, now)
            .await?
            .unzip();
        Ok(Ctx {
            db: state.db,
            actor,
            viewer,
            now,
            public_url: state.public_url.trim_end_matches('/').to_string(),
        })
    }

    /// Checks that the person asking may do `action` on `scope`, and returns
    /// who they are (`None` for an action anyone may do). Call it before
    /// touching data.
    pub fn authorize(&self, action: Action, scope: Scope) -> Result<Option<&Actor>, AppError> {
        can(self.actor.as_ref(), action, scope)?;
        Ok(self.actor.as_ref())
    }

    /// [`Ctx::authorize`] for an action only a signed-in person may do.
    pub fn require(&self, action: Action, scope: Scope) -> Result<&Actor, AppError> {
        self.authorize(action, scope)?
            .ok_or(AppError::SignInRequired)
    }

    /// For server functions that decide per record: the signed-in person,
    /// or `SignInRequired`.
    pub fn signed_in(&self) -> Result<&Actor, AppError> {
        self.actor.as_ref().ok_or(AppError::SignInRequired)
    }

    /// [`Ctx::require`] on the scope of a record, `None` when the record does
    /// not exist. A missing record is a 404 only for someone who could do
    /// `action` somewhere; everyone else hears 401/403 first, so nobody
    /// learns which records exist by probing.
    pub fn require_found(&self, action: Action, scope: Option<Scope>) -> Result<&Actor, AppError> {
        match scope {
            Some(scope) => self.require(action, scope),
            None => {
                self.authorize(action, Scope::Instance)?;
                Err(AppError::NotFound)
            }
        }
    }

    /// [`Ctx::require`] on the scope of a record that only the people it
    /// concerns may know of (`None`: the record does not exist). Signed in,
    /// a record out of the person's scope is not found, exactly like a
    /// missing one: a refusal would let anyone probe which ids exist.
    pub fn require_hidden(&self, action: Action, scope: Option<Scope>) -> Result<&Actor, AppError> {
        let Some(scope) = scope else {
            self.signed_in()?;
            return Err(AppError::NotFound);
        };
        match self.require(action, scope) {
            Err(AppError::Forbidden) => Err(AppError::NotFound),
            found => found,
        }
    }

    /// The programme named `slug`, and the person who may do `action` on
    /// it (an unknown or malformed name: see [`Ctx::require_found`]).
    pub async fn programme(
        &self,
        action: Action,
        slug: &str,
    ) -> Result<(programme::Model, &Actor), AppError> {
        let found = if is_valid_slug(slug) {
            crate::store::catalogue::rows::programme_row(&self.db, slug).await?
        } else {
            None
        };
        let actor = self.require_found(action, found.as_ref().map(|p| Scope::Programme(p.id)))?;
        let p = found.ok_or(AppError::NotFound)?;
        Ok((p, actor))
    }

    /// The track named by the slugs, and the person who may do `action` on
    /// its programme (checked on the programme first, see [`Ctx::programme`]).
    pub async fn track(
        &self,
        action: Action,
        programme: &str,
        cohort: &str,
        track: &str,
    ) -> Result<(TrackCtx, &Actor), AppError> {
        let (p, actor) = self.programme(action, programme).await?;
        if ![cohort, track].iter().all(|s| is_valid_slug(s)) {
            return Err(AppError::NotFound);
        }
        let place = crate::store::catalogue::track_ctx::track_by_slugs(&self.db, &p, cohort, track)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok((place, actor))
    }

    /// The track named by the slugs, and the person who may do `action` on
    /// that very track: for actions its lecturers and reviewers may do too,
    /// which their programme-wide check ([`Ctx::track`]) would refuse. An
    /// unknown or malformed name: see [`Ctx::require_found`].
    pub async fn track_scoped(
        &self,
        action: Action,
        programme: &str,
        cohort: &str,
        track: &str,
    ) -> Result<(TrackCtx, &Actor), AppError> {
        let mut found = None;
        if [programme, cohort, track].iter().all(|s| is_valid_slug(s))
            && let Some(p) =
                crate::store::catalogue::rows::programme_row(&self.db, programme).await?
        {
            found = crate::store::catalogue::track_ctx::track_by_slugs(&self.db, &p, cohort, track)
                .await?;
        }
        let scope = found.as_ref().map(|t| Scope::Track {
            programme: t.programme.id,
            track: t.track.id,
        });
        let actor = self.require_found(action, scope)?;
        let place = found.ok_or(AppError::NotFound)?;
        Ok((place, actor))
    }

    /// The programmes where the signed-in person may do `action`.
    pub async fn programmes_where(
        &self,
        action: Action,
    ) -> Result<Vec<programme::Model>, AppError> {
        let actor = self.signed_in()?;
        let all = crate::store::catalogue::rows::programme_rows(&self.db).await?;
        Ok(all
            .into_iter()
            .filter(|p| can(Some(actor), action, Scope::Programme(p.id)).is_ok())
            .collect())
    }

    /// Where the signed-in person may do `action`; `Forbidden` when nowhere.
    pub async fn reach(&self, action: Action) -> Result<Reach, AppError> {
        let actor = self.signed_in()?;
        if can(Some(actor), action, Scope::Instance).is_ok() {
            return Ok(Reach::Everywhere);
        }
        let ids: Vec<i32> = self
            .programmes_where(action)
            .await?
            .into_iter()
            .map(|p| p.id)
            .collect();
        if ids.is_empty() {
            return Err(AppError::Forbidden);
        }
        Ok(Reach::Programmes(ids))
    }
}

/// A refusal naming one form field.
pub fn invalid(field: &str, problem: Problem) -> AppError {
    AppError::Invalid(vec![FieldError {
        field: field.into(),
        problem,
    }])
}

/// A whole number typed into `field`, within `range`.
pub fn number(
    field: &str,
    typed: &str,
    range: std::ops::RangeInclusive<i32>,
) -> Result<i32, AppError> {
    typed
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|n| range.contains(n))
        .ok_or_else(|| invalid(field, Problem::BadCount))
}
