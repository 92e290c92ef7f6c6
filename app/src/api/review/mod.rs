//! Review and selection server functions. Organisers need `ManageSelection`
//! on the programme; reviewers `Review` on the track and the assignment
//! must be theirs; applicants `Apply` and the application must be theirs.
//! Every function authorises before it touches data.
//!
//! The selection meeting (`meeting`) is for organisers and the track's
//! lecturers and reviewers (`AttendSelectionMeeting` on the track).
//!
//! The organiser's review page (`manage`) and decisions (`decide`), the
//! reviewer's score sheets (`sheet`) and the applicant's offer (`offer`),
//! as in `store::review`.

mod decide;
mod manage;
mod meeting;
mod offer;
mod sheet;

pub use decide::*;
pub use manage::*;
pub use meeting::*;
pub use offer::*;
pub use sheet::*;

#[cfg(feature = "ssr")]
mod server {
    use crate::api::ctx::Ctx;
    use crate::domain::access::Action;
    use crate::error::AppError;
    use crate::store::catalogue::track_ctx::TrackCtx;

    /// An organiser's change to one track's selection, resolved and
    /// authorised once: the request, the track and who asks.
    pub struct Managing {
        /// The request context.
        pub ctx: Ctx,
        /// The track.
        pub place: TrackCtx,
        /// The organiser's account.
        pub actor: i32,
    }

    impl Managing {
        /// Finishes a successful change: back to the review page, saved.
        pub fn done(self) -> Result<(), AppError> {
            leptos_axum::redirect(&format!("{}?saved=1", self.place.manage_path()));
            Ok(())
        }
    }

    /// Resolves the track named by the slugs, and the organiser who may
    /// run its selection (see [`Ctx::track`]).
    pub async fn managing(
        programme: &str,
        cohort: &str,
        track: &str,
    ) -> Result<Managing, AppError> {
        let ctx = Ctx::load().await?;
        let (place, actor) = ctx
            .track(Action::ManageSelection, programme, cohort, track)
            .await?;
        let actor = actor.account_id;
        Ok(Managing { ctx, place, actor })
    }
}
