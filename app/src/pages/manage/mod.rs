//! The organisers' pages: create and edit cohorts and tracks.

mod cohort;
mod forms;
mod home;
mod programme;
mod track;

pub use cohort::ManageCohortPage;
pub use forms::SavedNotice;
pub use home::ManageHomePage;
pub use programme::ManageProgrammePage;
pub use track::ManageTrackPage;
