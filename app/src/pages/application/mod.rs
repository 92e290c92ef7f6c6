//! Applying: the application form, "my applications" and the guardian's
//! consent page.

mod apply;
mod autosave;
mod fields;
mod guardian;
mod list;
mod prefecture;

pub use apply::ApplicationFormPage;
pub use guardian::GuardianPage;
pub use list::MyApplicationsPage;
