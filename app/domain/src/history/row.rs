//! One row of a history file, read and checked on its own: every problem
//! of the row is reported at once (a field name and a [`Problem`]), and a
//! row that repeats an earlier one's natural key is refused, so a file
//! means one thing whatever the order its rows are applied in.

use super::csv::{decode, records};
use super::{FIRST_YEAR, HistoryProblem, HistoryRole, MAX_ROWS};
use crate::account::MAX_PERSON_NAME_LEN;
use crate::catalogue::edit::MAX_NAME_LEN;
use crate::forms::{Checker, FieldError, Problem};
use crate::identity::is_plausible_email;
use crate::lang::Localized;
use crate::slug::{is_reserved_cohort_slug, is_valid_slug};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// The columns every file must have.
pub const REQUIRED: [&str; 8] = [
    "year",
    "programme",
    "cohort",
    "track",
    "role",
    "family_name",
    "given_name",
    "email",
];

/// The columns a file may have besides; any other column is ignored.
pub const OPTIONAL: [&str; 4] = ["track_name_ja", "track_name_en", "name_en", "completed"];

/// What a row says, checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryRow {
    /// The year of the cohort.
    pub year: i32,
    /// The programme's slug (it must exist).
    pub programme: String,
    /// The cohort's slug (made when missing).
    pub cohort: String,
    /// The track's slug (made when missing).
    pub track: String,
    /// The track's names, for a track the import makes (Japanese empty
    /// when the file gives none).
    pub track_name: Localized,
    /// What the person did.
    pub role: HistoryRole,
    /// The person's names: Japanese "family given", English as given.
    pub name: Localized,
    /// The email, lower-cased: accounts are matched on it.
    pub email: String,
    /// Whether a participant completed the track.
    pub completed: bool,
}

impl HistoryRow {
    /// The row's natural key: importing the same key again changes the
    /// same records.
    pub fn key(&self) -> RowKey {
        RowKey {
            programme: self.programme.clone(),
            cohort: self.cohort.clone(),
            track: self.track.clone(),
            email: self.email.clone(),
            role: self.role,
        }
    }
}

/// What identifies a row: (programme, cohort, track, email, role).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RowKey {
    /// The programme's slug.
    pub programme: String,
    /// The cohort's slug.
    pub cohort: String,
    /// The track's slug.
    pub track: String,
    /// The email, lower-cased.
    pub email: String,
    /// The role.
    pub role: HistoryRole,
}

/// One row of the file, read: where it is, what identifies it to a
/// person reading the preview, and the checked row or its problems.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParsedRow {
    /// The line of the file it starts on (the header is line 1).
    pub line: usize,
    /// The email as written.
    pub email: String,
    /// The name as written (family and given).
    pub name: String,
    /// Where, as written: `programme/cohort/track`.
    pub place: String,
    /// The checked row, or every problem it has.
    pub checked: Result<HistoryRow, Vec<FieldError>>,
}

/// Reads a history file: the rows in file order, each checked, or the one
/// reason the file as a whole cannot be read. `this_year` (JST) is the
/// latest year a row may name.
pub fn parse_file(bytes: &[u8], this_year: i32) -> Result<Vec<ParsedRow>, HistoryProblem> {
    let text = decode(bytes)?;
    let mut records = records(text, MAX_ROWS + 1)?.into_iter();
    let header = records.next().ok_or(HistoryProblem::NoRows)?;
    let columns: Vec<String> = header
        .cells
        .iter()
        .map(|c| c.trim().to_ascii_lowercase())
        .collect();
    if REQUIRED.iter().any(|c| !columns.iter().any(|h| h == c)) {
        return Err(HistoryProblem::MissingColumn);
    }
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for r in records {
        let cells = Cells {
            columns: &columns,
            cells: &r.cells,
        };
        let cell = |name: &str| cells.get(name);
        let (family, given) = (cell("family_name").trim(), cell("given_name").trim());
        let mut checked = if r.cells.len() == columns.len() {
            check(&cells, this_year)
        } else {
            Err(vec![history("row", HistoryProblem::CellCount)])
        };
        if let Ok(row) = &checked
            && !seen.insert(row.key())
        {
            checked = Err(vec![history("email", HistoryProblem::Duplicate)]);
        }
        out.push(ParsedRow {
            line: r.line,
            email: cell("email").trim().to_string(),
            name: format!("{family} {given}").trim().to_string(),
            place: format!(
                "{}/{}/{}",
                cell("programme").trim(),
                cell("cohort").trim(),
                cell("track").trim()
            ),
            checked,
        });
    }
    if out.is_empty() {
        return Err(HistoryProblem::NoRows);
    }
    Ok(out)
}

/// A problem of the history import with `field`.
pub fn history(field: &str, problem: HistoryProblem) -> FieldError {
    FieldError {
        field: field.to_string(),
        problem: Problem::History(problem),
    }
}

/// The cells of one record, by column name.
struct Cells<'a> {
    columns: &'a [String],
    cells: &'a [String],
}

impl<'a> Cells<'a> {
    /// The cell of column `name`, empty when the row or the header lacks it.
    fn get(&self, name: &str) -> &'a str {
        self.columns
            .iter()
            .position(|c| c == name)
            .and_then(|i| self.cells.get(i))
            .map_or("", String::as_str)
    }
}

/// Checks one row.
fn check(cells: &Cells<'_>, this_year: i32) -> Result<HistoryRow, Vec<FieldError>> {
    let cell = |name: &str| cells.get(name);
    let mut c = Checker::default();
    let year = match cell("year").trim() {
        "" => {
            c.fail("year", Problem::Required);
            0
        }
        y => match y.parse::<i32>() {
            Ok(y) if y.to_string().len() == 4 && (FIRST_YEAR..=this_year).contains(&y) => y,
            _ => {
                c.fail("year", Problem::History(HistoryProblem::BadYear));
                0
            }
        },
    };
    let mut slug = |field: &str| {
        let v = cell(field).trim();
        if v.is_empty() {
            c.fail(field, Problem::Required);
        } else if !is_valid_slug(v) {
            c.fail(field, Problem::BadSlug);
        }
        v.to_string()
    };
    let (programme, cohort, track) = (slug("programme"), slug("cohort"), slug("track"));
    if is_reserved_cohort_slug(&cohort) {
        c.fail("cohort", Problem::ReservedSlug);
    }
    let track_name = Localized::new(
        c.text("track_name_ja", cell("track_name_ja"), false, MAX_NAME_LEN),
        c.text("track_name_en", cell("track_name_en"), false, MAX_NAME_LEN),
    );
    let role = HistoryRole::read(cell("role"));
    if role.is_none() {
        c.fail("role", Problem::History(HistoryProblem::UnknownRole));
    }
    let half = MAX_PERSON_NAME_LEN / 2;
    let family = c.text("family_name", cell("family_name"), true, half);
    let given = c.text("given_name", cell("given_name"), true, half);
    let name_en = c.text("name_en", cell("name_en"), false, MAX_PERSON_NAME_LEN);
    let email = cell("email").trim().to_lowercase();
    if email.is_empty() {
        c.fail("email", Problem::Required);
    } else if !is_plausible_email(&email) {
        c.fail("email", Problem::History(HistoryProblem::BadEmail));
    }
    let completed = match cell("completed").trim().to_lowercase().as_str() {
        "" | "no" | "n" | "false" | "0" | "いいえ" | "未修了" => false,
        "yes" | "y" | "true" | "1" | "はい" | "修了" => true,
        _ => {
            c.fail("completed", Problem::History(HistoryProblem::BadCompleted));
            false
        }
    };
    if completed && role.is_some_and(|r| r != HistoryRole::Participant) {
        c.fail(
            "completed",
            Problem::History(HistoryProblem::OnlyParticipantsComplete),
        );
    }
    match role {
        Some(role) if c.is_clean() => Ok(HistoryRow {
            year,
            programme,
            cohort,
            track,
            track_name,
            role,
            name: Localized::new(format!("{family} {given}"), name_en),
            email,
            completed,
        }),
        _ => Err(c.into_problems()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "year,programme,cohort,track,track_name_ja,track_name_en,role,family_name,given_name,name_en,email,completed\n";

    fn parse(rows: &str) -> Vec<ParsedRow> {
        parse_file(format!("{HEADER}{rows}").as_bytes(), 2026).unwrap()
    }

    fn problems(row: &ParsedRow) -> Vec<(String, Problem)> {
        row.checked
            .clone()
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.problem))
            .collect()
    }

    fn h(p: HistoryProblem) -> Problem {
        Problem::History(p)
    }

    #[test]
    fn a_good_row_is_read_with_its_names_and_a_lower_cased_email() {
        let rows = parse(
            "2010,camp,2010,web,Webセキュリティ,Web security,participant,山田,太郎,Taro Yamada,Taro.Yamada@Example.JP,yes\n",
        );
        let row = rows[0].checked.clone().unwrap();
        assert_eq!(rows[0].line, 2);
        assert_eq!(row.year, 2010);
        assert_eq!(row.name, Localized::new("山田 太郎", "Taro Yamada"));
        assert_eq!(row.email, "taro.yamada@example.jp");
        assert_eq!(row.role, HistoryRole::Participant);
        assert!(row.completed);
        assert_eq!(
            row.track_name,
            Localized::new("Webセキュリティ", "Web security")
        );
    }

    #[test]
    fn a_bom_japanese_roles_and_columns_in_any_order_are_read() {
        let file = "\u{feff}Email,Role,Year,Programme,Cohort,Track,Given_Name,Family_Name\r\n\
                    hanako@example.jp,講師,2015,camp,2015,crypto,花子,佐藤\r\n";
        let rows = parse_file(file.as_bytes(), 2026).unwrap();
        let row = rows[0].checked.clone().unwrap();
        assert_eq!(row.role, HistoryRole::Lecturer);
        assert_eq!(row.name.ja, "佐藤 花子");
        assert!(!row.completed);
    }

    #[test]
    fn broken_rows_are_refused_with_every_reason() {
        let rows = parse(concat!(
            "2010,camp,2010,web,,,participant,山田,太郎,,,yes\n",
            "1999,camp,2010,web,,,participant,山田,太郎,,a@example.jp,\n",
            "2027,camp,2027,web,,,participant,山田,太郎,,b@example.jp,\n",
            "20１0,camp,2010,web,,,participant,山田,太郎,,c@example.jp,\n",
            "2010,camp,2010,web,,,student,山田,太郎,,d@example.jp,\n",
            "2010,camp,2010,web,,,tutor,山田,太郎,,e@example.jp,yes\n",
            "2010,camp,2010,web,,,participant,山田,太郎,,f@example.jp,maybe\n",
            "2010,Camp!,2010,,,,participant,,太郎,,not-an-address,\n",
            "2010,camp,2010,web\n",
        ));
        assert_eq!(problems(&rows[0]), [("email".into(), Problem::Required)]);
        assert_eq!(
            problems(&rows[1]),
            [("year".into(), h(HistoryProblem::BadYear))]
        );
        assert_eq!(
            problems(&rows[2]),
            [("year".into(), h(HistoryProblem::BadYear))]
        );
        assert_eq!(
            problems(&rows[3]),
            [("year".into(), h(HistoryProblem::BadYear))]
        );
        assert_eq!(
            problems(&rows[4]),
            [("role".into(), h(HistoryProblem::UnknownRole))]
        );
        assert_eq!(
            problems(&rows[5]),
            [(
                "completed".into(),
                h(HistoryProblem::OnlyParticipantsComplete)
            )]
        );
        assert_eq!(
            problems(&rows[6]),
            [("completed".into(), h(HistoryProblem::BadCompleted))]
        );
        assert_eq!(
            problems(&rows[7]),
            [
                ("programme".into(), Problem::BadSlug),
                ("track".into(), Problem::Required),
                ("family_name".into(), Problem::Required),
                ("email".into(), h(HistoryProblem::BadEmail)),
            ]
        );
        assert_eq!(
            problems(&rows[8]),
            [("row".into(), h(HistoryProblem::CellCount))]
        );
        assert_eq!(rows[8].place, "camp/2010/web");
    }

    #[test]
    fn a_repeated_natural_key_is_refused_but_another_role_is_not() {
        let rows = parse(concat!(
            "2010,camp,2010,web,,,participant,山田,太郎,,taro@example.jp,yes\n",
            "2010,camp,2010,web,,,participant,山田,太郎,,TARO@example.jp,no\n",
            "2010,camp,2010,web,,,tutor,山田,太郎,,taro@example.jp,\n",
        ));
        assert!(rows[0].checked.is_ok());
        assert_eq!(
            problems(&rows[1]),
            [("email".into(), h(HistoryProblem::Duplicate))]
        );
        assert!(rows[2].checked.is_ok());
    }

    #[test]
    fn formula_looking_text_is_kept_as_text() {
        let rows = parse(
            "2010,camp,2010,web,=HYPERLINK(\"x\"),,participant,=1+1,@SUM(A1),-2,f@example.jp,\n",
        );
        let row = rows[0].checked.clone().unwrap();
        assert_eq!(row.name, Localized::new("=1+1 @SUM(A1)", "-2"));
        assert_eq!(row.track_name.ja, "=HYPERLINK(\"x\")");
    }

    #[test]
    fn control_characters_and_long_names_are_refused() {
        let long = "あ".repeat(MAX_PERSON_NAME_LEN / 2 + 1);
        let rows = parse(&format!(
            "2010,camp,2010,web,,,participant,山田\u{1b},{long},,g@example.jp,\n"
        ));
        assert_eq!(
            problems(&rows[0]),
            [
                ("family_name".into(), Problem::ControlCharacter),
                ("given_name".into(), Problem::TooLong),
            ]
        );
    }

    #[test]
    fn files_that_cannot_be_read_say_why() {
        assert_eq!(parse_file(b"", 2026), Err(HistoryProblem::NoRows));
        assert_eq!(
            parse_file(HEADER.as_bytes(), 2026),
            Err(HistoryProblem::NoRows)
        );
        assert_eq!(
            parse_file(b"year,programme\n2010,camp\n", 2026),
            Err(HistoryProblem::MissingColumn)
        );
        // "年,山田" in Shift_JIS.
        assert_eq!(
            parse_file(b"\x94N,\x8eR\x93c\n", 2026),
            Err(HistoryProblem::NotUtf8)
        );
        let many = format!(
            "{HEADER}{}",
            "2010,camp,2010,web,,,tutor,a,b,,a@example.jp,\n".repeat(MAX_ROWS + 1)
        );
        assert_eq!(
            parse_file(many.as_bytes(), 2026),
            Err(HistoryProblem::TooManyRows)
        );
    }

    #[test]
    fn every_history_problem_reads_in_both_languages() {
        for p in HistoryProblem::ALL {
            crate::fuzz::explained(Problem::History(p)).unwrap_or_else(|e| panic!("{p:?}: {e}"));
        }
    }
}
