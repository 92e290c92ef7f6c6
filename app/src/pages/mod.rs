//! One page per file, grouped by capability.

pub mod catalogue;
pub mod not_found;
