//! The public catalogue: programmes → cohorts → tracks.

mod cohort;
mod home;
mod labels;
mod programme;
mod track;

pub use cohort::CohortPage;
pub use home::HomePage;
pub use programme::ProgrammePage;
pub use track::TrackPage;
