//! View pieces shared by several pages.

pub mod breadcrumbs;
pub mod error_view;
pub mod form;
pub mod lang;
pub mod layout;
pub mod loaded;
pub mod status;
pub mod text;
