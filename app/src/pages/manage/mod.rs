//! The organisers' pages: create and edit cohorts and tracks, and a
//! cohort's dashboard.

mod cohort;
mod dashboard;
mod dashboard_chart;
mod dashboard_eligibility;
mod dashboard_tables;
mod eligibility;
mod forms;
mod home;
mod programme;
mod questions;
mod reminders;
mod track;

pub use cohort::ManageCohortPage;
pub use dashboard::CohortDashboardPage;
pub use eligibility::ManageEligibilityPage;
pub use home::ManageHomePage;
pub use programme::ManageProgrammePage;
pub use questions::ManageQuestionsPage;
pub use reminders::ManageRemindersPage;
pub use track::ManageTrackPage;
