//! The one CSV writer every export uses, made for the spreadsheet people
//! open it in (Japanese Excel first): UTF-8 with a byte order mark, CRLF
//! line ends, RFC 4180 quoting, and text a person typed (a name, a title,
//! an answer) never run there as a formula. Also the download's file name
//! header, and times as a spreadsheet reads them.

use crate::time::to_jst;
use crate::url::encode_query_value;
use chrono::{DateTime, Utc};

/// The byte order mark every CSV starts with: without it Excel (Japanese
/// Windows especially) reads the file as Shift_JIS and garbles every name.
pub const UTF8_BOM: char = '\u{FEFF}';

/// A CSV file being written, one record at a time. Every cell goes
/// through [`spreadsheet_safe`], so no export can forget it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Csv {
    /// The text so far, starting with the [`UTF8_BOM`].
    text: String,
}

impl Default for Csv {
    fn default() -> Self {
        Csv {
            text: UTF8_BOM.to_string(),
        }
    }
}

impl Csv {
    /// An empty file (just the byte order mark).
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends one record: the cells defused, quoted where RFC 4180 needs
    /// it, joined by commas and ended by CRLF (what Excel writes itself).
    pub fn row<I>(&mut self, cells: I)
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        for (i, cell) in cells.into_iter().enumerate() {
            if i > 0 {
                self.text.push(',');
            }
            push_cell(&mut self.text, &spreadsheet_safe(cell.as_ref()));
        }
        self.text.push_str("\r\n");
    }

    /// The whole file.
    pub fn finish(self) -> String {
        self.text
    }
}

/// A cell as RFC 4180 writes it: in double quotes (its own doubled) when it
/// holds a comma, a quote or a line break, which then stay part of the cell.
fn push_cell(out: &mut String, cell: &str) {
    if cell.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(cell);
    }
}

/// The first characters that make a spreadsheet read a cell as a formula
/// (OWASP's list), with their full-width forms, which a Japanese input
/// method types and Japanese Excel may take for the same.
const FORMULA_STARTS: [char; 10] = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];

/// A cell that a spreadsheet would read as a formula gets a leading
/// apostrophe, so a name or title typed by a person never runs in the
/// spreadsheet that opens the export. Plain numbers (`-1.25`) stay numbers:
/// a minus sign there starts no formula.
pub fn spreadsheet_safe(cell: &str) -> String {
    if cell.starts_with(FORMULA_STARTS) && !is_plain_number(cell) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// Whether `cell` is an optional minus, digits, and at most one decimal
/// point followed by digits: what the exports write for scores and counts.
fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    all_digits(whole) && all_digits(fraction)
}

/// The `Content-Disposition` of a download named `name`: an ASCII
/// `filename` for old clients and the real name, in UTF-8, as RFC 5987's
/// `filename*` (which every current browser prefers), so a Japanese name
/// survives.
pub fn attachment(name: &str) -> String {
    format!(
        "attachment; filename=\"{}\"; filename*=UTF-8''{}",
        ascii_name(name),
        encode_query_value(name)
    )
}

/// `name` with what a plain `filename` cannot carry left out (anything but
/// ASCII letters, digits, `.`, `_`, `-`), and the dashes that then stand
/// next to nothing dropped: `connect-2027-名簿.csv` → `connect-2027.csv`.
fn ascii_name(name: &str) -> String {
    let mut out = String::new();
    for c in name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
    {
        if c == '-' && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        if c == '.' && out.ends_with('-') {
            out.pop();
        }
        out.push(c);
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() || out.starts_with('.') {
        format!("export{out}")
    } else {
        out.to_string()
    }
}

/// A moment as a spreadsheet reads a date and time, in JST: `2027-03-01 09:30`.
pub fn cell_time(t: DateTime<Utc>) -> String {
    to_jst(t).format("%Y-%m-%d %H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn csv(rows: &[&[&str]]) -> String {
        let mut w = Csv::new();
        for r in rows {
            w.row(r.iter());
        }
        w.finish()
    }

    #[test]
    fn a_file_starts_with_the_bom_and_ends_lines_with_crlf() {
        assert_eq!(
            csv(&[&["名前", "点"], &["山田 花子", "4.50"]]),
            "\u{FEFF}名前,点\r\n山田 花子,4.50\r\n"
        );
        assert_eq!(Csv::new().finish(), "\u{FEFF}");
    }

    #[test]
    fn commas_quotes_and_line_breaks_are_quoted_in_place() {
        assert_eq!(
            csv(&[&["a,b", "say \"hi\"", "one\ntwo", "x\r\ny", ""]]),
            "\u{FEFF}\"a,b\",\"say \"\"hi\"\"\",\"one\ntwo\",\"x\r\ny\",\r\n"
        );
    }

    #[test]
    fn formulas_are_defused_in_every_cell() {
        assert_eq!(spreadsheet_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(spreadsheet_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(spreadsheet_safe("+81 3"), "'+81 3");
        assert_eq!(spreadsheet_safe("-2+3"), "'-2+3");
        assert_eq!(spreadsheet_safe("\tcmd"), "'\tcmd");
        assert_eq!(spreadsheet_safe("\rcmd"), "'\rcmd");
        assert_eq!(spreadsheet_safe("＝1+1"), "'＝1+1");
        assert_eq!(spreadsheet_safe("勉強会"), "勉強会");
        assert_eq!(spreadsheet_safe("a=b"), "a=b");
        // A quoted formula is defused inside its quotes.
        assert_eq!(csv(&[&["=1+1,2", "名前"]]), "\u{FEFF}\"'=1+1,2\",名前\r\n");
    }

    #[test]
    fn plain_numbers_stay_numbers() {
        for n in ["-1.25", "-3", "0", "12.5"] {
            assert_eq!(spreadsheet_safe(n), n);
        }
        for not in ["-", "-.5", "-1.", "-1.2.3", "-1e5", "-inf"] {
            assert_eq!(spreadsheet_safe(not), format!("'{not}"));
        }
    }

    #[test]
    fn japanese_names_keep_an_ascii_fallback() {
        assert_eq!(
            attachment("connect-2027-ai-名簿.csv"),
            "attachment; filename=\"connect-2027-ai.csv\"; \
             filename*=UTF-8''connect-2027-ai-%E5%90%8D%E7%B0%BF.csv"
        );
        assert_eq!(
            attachment("roster.csv"),
            "attachment; filename=\"roster.csv\"; filename*=UTF-8''roster.csv"
        );
        assert_eq!(ascii_name("名簿.csv"), "export.csv");
        assert_eq!(ascii_name("a \"b\"; c.csv"), "abc.csv");
        assert_eq!(ascii_name("イベント-12-参加者.csv"), "12.csv");
    }

    #[test]
    fn times_are_written_in_jst() {
        let t = Utc.with_ymd_and_hms(2027, 2, 28, 15, 30, 0).unwrap();
        assert_eq!(cell_time(t), "2027-03-01 00:30");
    }
}
