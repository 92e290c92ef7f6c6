//! Reading the CSV a spreadsheet writes (RFC 4180): cells separated by
//! commas, quoted with `"` when they hold a comma, a quote (doubled) or a
//! line break; records end with LF or CR LF. UTF-8 only, with or without
//! the byte order mark Excel writes; anything else (Shift_JIS from an older
//! Excel) is refused as a whole, because guessing an encoding garbles
//! names silently.

use super::HistoryProblem;

/// One record of the file: the line it starts on (1 is the header) and its
/// cells as written (quotes removed, nothing trimmed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// The line of the file the record starts on.
    pub line: usize,
    /// The cells.
    pub cells: Vec<String>,
}

/// The text of `bytes`: UTF-8, the byte order mark removed.
pub fn decode(bytes: &[u8]) -> Result<&str, HistoryProblem> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|_| HistoryProblem::NotUtf8)
}

/// The records of `text`, blank lines left out; at most `max` (header
/// included) before [`HistoryProblem::TooManyRows`].
pub fn records(text: &str, max: usize) -> Result<Vec<Record>, HistoryProblem> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line = 1;
    while chars.peek().is_some() {
        let start = line;
        let mut cells = vec![String::new()];
        let mut quoted = false;
        while let Some(c) = chars.next() {
            let cell = cells.last_mut().expect("a record has a cell");
            match c {
                '"' if quoted && chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' if quoted => quoted = false,
                // A quote opens a quoted cell only at its start (as Excel
                // writes it); inside an unquoted cell it is text, as in
                // =HYPERLINK("x") typed by hand.
                '"' if cell.is_empty() => quoted = true,
                ',' if !quoted => cells.push(String::new()),
                '\r' if !quoted && chars.peek() == Some(&'\n') => {}
                '\n' => {
                    line += 1;
                    if quoted {
                        cell.push('\n');
                    } else {
                        break;
                    }
                }
                c => cell.push(c),
            }
        }
        if quoted {
            return Err(HistoryProblem::OpenQuote);
        }
        if cells.iter().any(|c| !c.trim().is_empty()) {
            if out.len() == max {
                return Err(HistoryProblem::TooManyRows);
            }
            out.push(Record { line: start, cells });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(text: &str) -> Vec<Vec<String>> {
        records(text, 100)
            .unwrap()
            .into_iter()
            .map(|r| r.cells)
            .collect()
    }

    #[test]
    fn quotes_commas_and_line_breaks_inside_cells() {
        let got = cells("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",x,\n");
        assert_eq!(got[0], ["a", "b,c", "say \"hi\""]);
        assert_eq!(got[1], ["two\nlines", "x", ""]);
    }

    #[test]
    fn a_quote_inside_an_unquoted_cell_is_text() {
        assert_eq!(
            cells("=HYPERLINK(\"x\"),b\n")[0],
            ["=HYPERLINK(\"x\")", "b"]
        );
    }

    #[test]
    fn blank_lines_are_skipped_and_lines_counted() {
        let r = records("h\n\n,,\n\"a\nb\"\nc", 100).unwrap();
        assert_eq!(r.iter().map(|r| r.line).collect::<Vec<_>>(), [1, 4, 6]);
    }

    #[test]
    fn a_byte_order_mark_is_dropped_and_shift_jis_refused() {
        assert_eq!(decode(b"\xEF\xBB\xBFyear").unwrap(), "year");
        // 山田 in Shift_JIS.
        assert_eq!(decode(b"\x8eR\x93c"), Err(HistoryProblem::NotUtf8));
    }

    #[test]
    fn an_open_quote_and_too_many_rows_are_refused() {
        assert_eq!(records("a,\"b\n", 10), Err(HistoryProblem::OpenQuote));
        assert_eq!(records("a\nb\nc\n", 2), Err(HistoryProblem::TooManyRows));
        assert_eq!(records("a\nb\n", 2).unwrap().len(), 2);
    }
}
