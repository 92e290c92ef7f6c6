//! Review and selection pages: the reviewer's tracks, queue and score
//! sheet, the organiser's review page, the selection meeting (ranking and
//! one application, for organisers, lecturers and reviewers) and the
//! applicant's offer. Every form
//! is a plain post that works without JavaScript; a refused post comes back
//! to its page with the problem shown.

mod answers;
mod manage;
mod meeting;
mod meeting_application;
mod offer;
mod sheet;

pub use manage::ManageReviewPage;
pub use meeting::MeetingPage;
pub use meeting_application::MeetingApplicationPage;
pub use offer::OfferPage;
pub use sheet::{ReviewHomePage, ReviewNextPage, SheetPage};

/// A score or spread with one decimal.
pub fn one_decimal(x: Option<f64>) -> String {
    x.map(|v| format!("{v:.1}")).unwrap_or_else(|| "–".into())
}
