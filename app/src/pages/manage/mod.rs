//! The organisers' pages: create and edit cohorts and tracks.

mod cohort;
mod eligibility;
mod forms;
mod home;
mod programme;
mod questions;
mod reminders;
mod track;

pub use cohort::ManageCohortPage;
pub use eligibility::ManageEligibilityPage;
pub use home::ManageHomePage;
pub use programme::ManageProgrammePage;
pub use questions::ManageQuestionsPage;
pub use reminders::ManageRemindersPage;
pub use track::ManageTrackPage;
