//! The history import: past cohorts with their tracks, participants,
//! tutors, lecturers and completions, brought in from a CSV file (the
//! format is in `docs/operations.md`). This module reads and checks the
//! file row by row, without I/O; `store::history` matches the rows with
//! the database and writes them.

pub mod csv;
#[cfg(test)]
mod fuzz;
pub mod row;
pub mod view;

use crate::enums::stored_enum;
use crate::lang::Lang;
use crate::text::labels;
use serde::{Deserialize, Serialize};

pub use row::{HistoryRow, ParsedRow, RowKey, parse_file};

/// The first year a history row may name: the camp began in 2004.
pub const FIRST_YEAR: i32 = 2004;

/// The most rows one file may hold (the header not counted).
pub const MAX_ROWS: usize = 20_000;

stored_enum! {
    /// What a person did in a track of a past cohort.
    #[derive(PartialOrd, Ord)]
    pub enum HistoryRole: varchar(16) {
        /// Took part (and perhaps completed).
        Participant = "participant" / labels::history::role::participant,
        /// Tutored.
        Tutor = "tutor" / labels::history::role::tutor,
        /// Lectured.
        Lecturer = "lecturer" / labels::history::role::lecturer,
    }
}

impl HistoryRole {
    /// The role as written in a file: the stored spelling in any case, or
    /// its Japanese name (受講生, チューター, 講師), which a camp office's
    /// own spreadsheet may use.
    pub fn read(cell: &str) -> Option<Self> {
        let cell = cell.trim();
        Self::parse(&cell.to_ascii_lowercase())
            .or_else(|| Self::ALL.into_iter().find(|r| r.label(Lang::Ja) == cell))
    }
}

/// What is wrong with a history file or one of its rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum HistoryProblem {
    /// The file is not UTF-8 (Shift_JIS, most likely).
    NotUtf8,
    /// No header and no row.
    NoRows,
    /// The header lacks a required column.
    MissingColumn,
    /// More than [`MAX_ROWS`] rows.
    TooManyRows,
    /// A quoted cell never ends.
    OpenQuote,
    /// A row's cells do not match the header's columns.
    CellCount,
    /// Not a year from [`FIRST_YEAR`] to this year.
    BadYear,
    /// Not participant, tutor or lecturer.
    UnknownRole,
    /// Not yes or no.
    BadCompleted,
    /// A completion on a tutor's or lecturer's row.
    OnlyParticipantsComplete,
    /// An earlier row has the same programme, cohort, track, email and role.
    Duplicate,
    /// No programme has the slug.
    UnknownProgramme,
    /// The programme is not one the importer organises.
    NotYourProgramme,
    /// A new track needs its Japanese name.
    TrackNameMissing,
    /// A completion in a cohort that has not ended.
    CohortNotEnded,
    /// The file says "not completed" of a recorded completion: revoking
    /// needs a reason, on the person's page.
    CompletionWithdrawn,
    /// Not an email address.
    BadEmail,
    /// The uploaded file was imported already.
    AlreadyImported,
}

impl HistoryProblem {
    /// A message for the person, in their language (`problems.json`).
    pub fn message(self, lang: Lang) -> &'static str {
        use crate::text::problems::history as h;
        match self {
            HistoryProblem::NotUtf8 => h::not_utf8(lang),
            HistoryProblem::NoRows => h::no_rows(lang),
            HistoryProblem::MissingColumn => h::missing_column(lang),
            HistoryProblem::TooManyRows => h::too_many_rows(lang),
            HistoryProblem::OpenQuote => h::open_quote(lang),
            HistoryProblem::CellCount => h::cell_count(lang),
            HistoryProblem::BadYear => h::bad_year(lang),
            HistoryProblem::UnknownRole => h::unknown_role(lang),
            HistoryProblem::BadCompleted => h::bad_completed(lang),
            HistoryProblem::OnlyParticipantsComplete => h::only_participants_complete(lang),
            HistoryProblem::Duplicate => h::duplicate(lang),
            HistoryProblem::UnknownProgramme => h::unknown_programme(lang),
            HistoryProblem::NotYourProgramme => h::not_your_programme(lang),
            HistoryProblem::TrackNameMissing => h::track_name_missing(lang),
            HistoryProblem::CohortNotEnded => h::cohort_not_ended(lang),
            HistoryProblem::CompletionWithdrawn => h::completion_withdrawn(lang),
            HistoryProblem::BadEmail => h::bad_email(lang),
            HistoryProblem::AlreadyImported => h::already_imported(lang),
        }
    }

    /// Every problem, for the tests that each has its messages.
    pub const ALL: [HistoryProblem; 18] = [
        HistoryProblem::NotUtf8,
        HistoryProblem::NoRows,
        HistoryProblem::MissingColumn,
        HistoryProblem::TooManyRows,
        HistoryProblem::OpenQuote,
        HistoryProblem::CellCount,
        HistoryProblem::BadYear,
        HistoryProblem::UnknownRole,
        HistoryProblem::BadCompleted,
        HistoryProblem::OnlyParticipantsComplete,
        HistoryProblem::Duplicate,
        HistoryProblem::UnknownProgramme,
        HistoryProblem::NotYourProgramme,
        HistoryProblem::TrackNameMissing,
        HistoryProblem::CohortNotEnded,
        HistoryProblem::CompletionWithdrawn,
        HistoryProblem::BadEmail,
        HistoryProblem::AlreadyImported,
    ];
}

/// The dates a cohort made by the import gets, for `year`: applications
/// from 1 April to 31 May, sessions 8 to 12 August (JST, the summer camp's
/// usual week). Long past, so the cohort is closed for applications and
/// its completions count as finished stints.
pub fn past_schedule(year: i32) -> [chrono::DateTime<chrono::Utc>; 4] {
    use chrono::TimeZone;
    let at = |m, d, h| {
        crate::time::jst()
            .with_ymd_and_hms(year, m, d, h, 0, 0)
            .single()
            .map(|t| t.with_timezone(&chrono::Utc))
            .unwrap_or_default()
    };
    [at(4, 1, 0), at(5, 31, 23), at(8, 8, 9), at(8, 12, 17)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn past_cohorts_are_in_order_and_in_their_year() {
        let [open, close, start, end] = past_schedule(2010);
        assert!(open < close && close < start && start < end);
        assert_eq!(
            crate::time::to_jst(end).format("%Y-%m-%d").to_string(),
            "2010-08-12"
        );
    }

    #[test]
    fn roles_are_read_in_english_or_japanese() {
        assert_eq!(HistoryRole::read(" Tutor "), Some(HistoryRole::Tutor));
        assert_eq!(HistoryRole::read("受講生"), Some(HistoryRole::Participant));
        assert_eq!(HistoryRole::read("講師"), Some(HistoryRole::Lecturer));
        assert_eq!(HistoryRole::read("student"), None);
    }
}
