//! What an import did, or would do, row by row: the preview page, the
//! command line and the audit event all read it.

use crate::enums::stored_enum;
use crate::forms::FieldError;
use crate::lang::Lang;
use crate::text::labels;
use serde::{Deserialize, Serialize};

stored_enum! {
    /// What became of one row.
    pub enum Outcome: varchar(16) {
        /// It brought a person who had no account: made, with no sign-in
        /// method, for them to claim by signing in with this email.
        Created = "created" / labels::history::outcome::created,
        /// It added a role or completion to an existing account.
        Matched = "matched" / labels::history::outcome::matched,
        /// It was imported before and corrected something now (a name, a
        /// completion).
        Updated = "updated" / labels::history::outcome::updated,
        /// It was imported before, exactly so.
        Unchanged = "unchanged" / labels::history::outcome::unchanged,
        /// It was not imported, for the reasons given.
        Refused = "refused" / labels::history::outcome::refused,
    }
}

/// One row's outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowResult {
    /// The line of the file the row starts on.
    pub line: usize,
    /// The email as written.
    pub email: String,
    /// The name as written.
    pub name: String,
    /// `programme/cohort/track` as written.
    pub place: String,
    /// The role as written in the file, when it was read.
    pub role: Option<super::HistoryRole>,
    /// What became of it.
    pub outcome: Outcome,
    /// Why it was refused (empty otherwise).
    pub problems: Vec<FieldError>,
}

impl RowResult {
    /// The reasons of a refused row in `lang`, each after its column.
    pub fn reasons(&self, lang: Lang) -> String {
        self.problems
            .iter()
            .map(|p| format!("{}: {}", p.field, p.problem.message(lang)))
            .collect::<Vec<_>>()
            .join(" / ")
    }
}

/// The rows of one import with what became of each, in file order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// Every row.
    pub rows: Vec<RowResult>,
    /// The accounts the import made (or would make).
    pub people_created: usize,
    /// The certificates it issued (or would issue).
    pub certificates: usize,
}

impl Report {
    /// How many rows had `outcome`.
    pub fn count(&self, outcome: Outcome) -> usize {
        self.rows.iter().filter(|r| r.outcome == outcome).count()
    }

    /// The counts in one line, as the command line and the audit log
    /// write them (machine-readable English).
    pub fn summary(&self) -> String {
        let counts: Vec<String> = Outcome::ALL
            .iter()
            .map(|o| format!("{} {}", self.count(*o), o.as_str()))
            .collect();
        format!(
            "{} rows: {}; {} people created, {} certificates",
            self.rows.len(),
            counts.join(", "),
            self.people_created,
            self.certificates
        )
    }
}

/// An uploaded history file, as the upload page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Upload {
    /// The batch's id.
    pub id: i32,
    /// The file's name.
    pub file_name: String,
    /// When it was uploaded.
    pub uploaded_at: chrono::DateTime<chrono::Utc>,
    /// When it was imported, if it was.
    pub applied_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// The preview page of an uploaded file: what importing it would do, or
/// that it was imported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preview {
    /// The file.
    pub upload: Upload,
    /// The import's counts, once imported.
    pub summary: String,
    /// Row by row, what importing it now does (for the reader's
    /// programmes); or why the file cannot be read. `None` once imported.
    pub plan: Option<Result<Report, super::HistoryProblem>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_counts_each_outcome() {
        let row = |outcome| RowResult {
            line: 2,
            email: "a@example.jp".into(),
            name: "山田 太郎".into(),
            place: "camp/2010/web".into(),
            role: None,
            outcome,
            problems: Vec::new(),
        };
        let r = Report {
            rows: vec![
                row(Outcome::Created),
                row(Outcome::Created),
                row(Outcome::Refused),
            ],
            people_created: 1,
            certificates: 1,
        };
        assert_eq!(
            r.summary(),
            "3 rows: 2 created, 0 matched, 0 updated, 0 unchanged, 1 refused; 1 people created, 1 certificates"
        );
        assert_eq!(Outcome::Matched.label(Lang::Ja), "既存の人に追加");
    }
}
