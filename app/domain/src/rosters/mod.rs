//! Rosters: who lectures and tutors a track and where lecturers come from,
//! staffing targets against what is assigned, and the calls for tutors
//! alumni volunteer for. Pure rules and the pages' wire types.

pub mod gap;
pub mod mail;
pub mod rules;
pub mod view;

use serde::{Deserialize, Serialize};

/// Where a lecturer comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LecturerSource {
    /// A university or research institute.
    Academia,
    /// A company.
    Industry,
    /// A government agency.
    Government,
    /// A past participant of the programme.
    Alumni,
}

impl LecturerSource {
    /// Every source, in the order forms list them.
    pub const ALL: [LecturerSource; 4] = [
        LecturerSource::Academia,
        LecturerSource::Industry,
        LecturerSource::Government,
        LecturerSource::Alumni,
    ];

    /// The spelling stored in the database and posted by forms.
    pub fn as_str(self) -> &'static str {
        match self {
            LecturerSource::Academia => "academia",
            LecturerSource::Industry => "industry",
            LecturerSource::Government => "government",
            LecturerSource::Alumni => "alumni",
        }
    }

    /// Parses the stored spelling.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s.trim())
    }

    /// The source's name for people.
    pub fn label(self, lang: crate::lang::Lang) -> &'static str {
        use crate::text::labels::lecturer_source as l;
        match self {
            LecturerSource::Academia => l::academia(lang),
            LecturerSource::Industry => l::industry(lang),
            LecturerSource::Government => l::government(lang),
            LecturerSource::Alumni => l::alumni(lang),
        }
    }
}

/// Where a volunteer for a tutor call stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum VolunteerStatus {
    /// Waiting for an organiser.
    Pending,
    /// Approved: on the track's tutor roster.
    Approved,
    /// Declined by an organiser.
    Declined,
}

impl VolunteerStatus {
    /// Every status.
    pub const ALL: [VolunteerStatus; 3] = [
        VolunteerStatus::Pending,
        VolunteerStatus::Approved,
        VolunteerStatus::Declined,
    ];

    /// The spelling stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            VolunteerStatus::Pending => "pending",
            VolunteerStatus::Approved => "approved",
            VolunteerStatus::Declined => "declined",
        }
    }

    /// Parses the stored spelling.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// The status's name for people.
    pub fn label(self, lang: crate::lang::Lang) -> &'static str {
        use crate::text::labels::volunteer_status as l;
        match self {
            VolunteerStatus::Pending => l::pending(lang),
            VolunteerStatus::Approved => l::approved(lang),
            VolunteerStatus::Declined => l::declined(lang),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn sources_and_statuses_round_trip_with_two_labels() {
        for s in LecturerSource::ALL {
            assert_eq!(LecturerSource::parse(s.as_str()), Some(s));
            assert_ne!(s.label(Lang::Ja), s.label(Lang::En));
        }
        for s in VolunteerStatus::ALL {
            assert_eq!(VolunteerStatus::parse(s.as_str()), Some(s));
            assert_ne!(s.label(Lang::Ja), s.label(Lang::En));
        }
        assert_eq!(LecturerSource::parse("military"), None);
        assert_eq!(VolunteerStatus::parse("maybe"), None);
    }
}
