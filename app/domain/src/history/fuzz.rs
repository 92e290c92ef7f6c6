//! Property tests of the history file reader: any bytes and any text in
//! any cell never panic, every refused row says why in both languages, and
//! a row written from good values reads back as those values.

use super::row::parse_file;
use super::{HistoryRole, MAX_ROWS};
use crate::account::MAX_PERSON_NAME_LEN;
use crate::forms::Problem;
use crate::fuzz::{assert_explained, config, explained, hostile, typed};
use proptest::prelude::*;

const HEADER: &str =
    "year,programme,cohort,track,track_name_ja,role,family_name,given_name,email,completed";

/// A cell as a spreadsheet writes it: quoted, quotes doubled.
fn quoted(v: &str) -> String {
    format!("\"{}\"", v.replace('"', "\"\""))
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn any_bytes_are_read_or_refused_with_a_message(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        match parse_file(&bytes, 2026) {
            Ok(rows) => prop_assert!(!rows.is_empty() && rows.len() <= MAX_ROWS),
            Err(p) => explained(Problem::History(p))?,
        }
    }

    #[test]
    fn any_cells_are_read_or_refused_with_reasons(cells in prop::collection::vec(hostile(), 10), keep in prop::collection::vec(any::<bool>(), 10)) {
        let good = ["2010", "camp", "2010", "web", "Web", "participant", "山田", "太郎", "t@example.jp", "yes"];
        let row: Vec<String> = (0..10)
            .map(|i| quoted(if keep[i] { good[i] } else { cells[i].as_str() }))
            .collect();
        let file = format!("{HEADER}\n{}\n", row.join(","));
        match parse_file(file.as_bytes(), 2026) {
            Ok(rows) => for r in rows {
                match r.checked {
                    Ok(row) => {
                        prop_assert!((2004..=2026).contains(&row.year));
                        prop_assert!(row.name.ja.chars().count() <= MAX_PERSON_NAME_LEN + 1);
                        prop_assert_eq!(row.email.to_lowercase(), row.email.clone());
                    }
                    Err(problems) => assert_explained(&problems)?,
                }
            },
            // A NUL-only or blank row leaves no row to read.
            Err(p) => explained(Problem::History(p))?,
        }
    }

    #[test]
    fn good_values_read_back_as_written(family in typed(50, true), given in typed(50, true), track_name in typed(200, false), year in 2004i32..=2026, role in prop::sample::select(&HistoryRole::ALL[..])) {
        let completed = role == HistoryRole::Participant;
        let cells = [
            year.to_string(), "camp".into(), year.to_string(), "web".into(), track_name.clone(),
            role.as_str().into(), family.clone(), given.clone(), "Hanako@Example.jp".into(),
            if completed { "yes".into() } else { String::new() },
        ];
        let line: Vec<String> = cells.iter().map(|c| quoted(c)).collect();
        let file = format!("{HEADER}\r\n{}\r\n", line.join(","));
        let rows = parse_file(file.as_bytes(), 2026).expect("a good file");
        let row = rows[0].checked.clone().expect("a good row");
        prop_assert_eq!(row.name.ja, format!("{} {}", family.trim(), given.trim()));
        prop_assert_eq!(row.track_name.ja, track_name.trim());
        prop_assert_eq!(row.email, "hanako@example.jp");
        prop_assert_eq!((row.year, row.role, row.completed), (year, role, completed));
    }
}
