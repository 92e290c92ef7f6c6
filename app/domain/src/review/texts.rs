//! The longest free texts of the review forms, in characters: what a
//! reviewer, an organiser or an invited lecturer may type.

/// A reviewer's comment on an application.
pub const MAX_COMMENT: usize = 4000;
/// A reviewer's note on a declared conflict of interest.
pub const MAX_CONFLICT_NOTE: usize = 1000;
/// An organiser's reason for accepting past capacity.
pub const MAX_DECISION_REASON: usize = 500;
/// A criterion's name, in either language.
pub const MAX_CRITERION_NAME: usize = 200;
/// An invited reviewer's affiliation.
pub const MAX_AFFILIATION: usize = 200;
