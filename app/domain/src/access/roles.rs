//! Scoped roles: an organiser of a programme; a reviewer, lecturer, tutor or
//! participant of one track of one cohort.

use crate::enums::stored_enum;
use serde::{Deserialize, Serialize};

stored_enum! {
    /// A role a person holds somewhere.
    pub enum Role: varchar(16) {
        /// Runs a programme.
        Organiser = "organiser",
        /// Scores applications to a track.
        Reviewer = "reviewer",
        /// Teaches (and reviews) a track.
        Lecturer = "lecturer",
        /// Supports a track's participants.
        Tutor = "tutor",
        /// Attends a track.
        Participant = "participant",
    }
}

/// One role held in one place. Organisers hold a programme; the other roles
/// hold a track, and so also its cohort and programme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Grant {
    /// The role.
    pub role: Role,
    /// The programme.
    pub programme_id: i32,
    /// The cohort, for track roles.
    pub cohort_id: Option<i32>,
    /// The track, for track roles.
    pub track_id: Option<i32>,
}

impl Grant {
    /// An organiser of `programme_id`.
    pub fn organiser(programme_id: i32) -> Self {
        Self {
            role: Role::Organiser,
            programme_id,
            cohort_id: None,
            track_id: None,
        }
    }

    /// A track role.
    pub fn on_track(role: Role, programme_id: i32, cohort_id: i32, track_id: i32) -> Self {
        Self {
            role,
            programme_id,
            cohort_id: Some(cohort_id),
            track_id: Some(track_id),
        }
    }

    /// Whether this grant lets its holder review applications to `track_id`
    /// (reviewers and lecturers of the track).
    pub fn reviews(&self, track_id: i32) -> bool {
        matches!(self.role, Role::Reviewer | Role::Lecturer) && self.track_id == Some(track_id)
    }

    /// Whether this grant makes its holder a lecturer of `track_id`.
    pub fn lectures(&self, track_id: i32) -> bool {
        self.role == Role::Lecturer && self.track_id == Some(track_id)
    }

    /// Whether this grant makes its holder an organiser of `programme_id`.
    pub fn is_organiser_of(&self, programme_id: i32) -> bool {
        self.role == Role::Organiser && self.programme_id == programme_id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip() {
        for r in [
            Role::Organiser,
            Role::Reviewer,
            Role::Lecturer,
            Role::Tutor,
            Role::Participant,
        ] {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("admin"), None);
    }

    #[test]
    fn only_an_organiser_grant_organises() {
        assert!(Grant::organiser(3).is_organiser_of(3));
        assert!(!Grant::organiser(3).is_organiser_of(4));
        assert!(!Grant::on_track(Role::Lecturer, 3, 1, 1).is_organiser_of(3));
    }
}
