//! View pieces shared by several pages.

pub mod breadcrumbs;
pub mod error_view;
pub mod form;
pub mod island_scripts;
pub mod lang;
pub mod layout;
pub mod loaded;
pub mod not_found;
pub mod refusal;
pub mod route_params;
pub mod saved_notice;
pub mod status;
pub mod table;
pub mod text;
pub mod track_vector;
