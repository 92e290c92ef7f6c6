//! Property tests of the self-reported activity form and of the export's
//! formula defusing.

use super::MAX_EVIDENCE;
use super::claim::{ClaimForm, check};
use crate::events::MAX_TITLE;
use crate::forms::{Problem, has_control_character};
use crate::fuzz::{assert_explained, config, hostile};
use crate::spreadsheet::spreadsheet_safe;
use proptest::prelude::*;

fn good() -> ClaimForm {
    ClaimForm {
        title: "社内研修".into(),
        hours: "1.5".into(),
        date: "2026-06-01".into(),
        evidence: "講師を務めた".into(),
        evidence_link: String::new(),
        supervisor_name: "上司".into(),
        supervisor_email: "boss@example.jp".into(),
    }
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn any_claim_is_read_or_refused_with_messages(v in prop::collection::vec(hostile(), 7), keep in prop::collection::vec(any::<bool>(), 7)) {
        let g = good();
        let pick = |i: usize, good: &str| if keep[i] { good.to_string() } else { v[i].clone() };
        let f = ClaimForm {
            title: pick(0, &g.title),
            hours: pick(1, &g.hours),
            date: pick(2, &g.date),
            evidence: pick(3, &g.evidence),
            evidence_link: pick(4, &g.evidence_link),
            supervisor_name: pick(5, &g.supervisor_name),
            supervisor_email: pick(6, &g.supervisor_email),
        };
        match check(&f) {
            Ok(c) => {
                prop_assert!(c.tenths > 0);
                prop_assert!(!c.title.is_empty() && c.title.chars().count() <= MAX_TITLE);
                prop_assert!(c.evidence.chars().count() <= MAX_EVIDENCE);
                prop_assert!(!has_control_character(&c.evidence) && !has_control_character(&c.supervisor_email));
                prop_assert!(!c.evidence.is_empty() || !c.evidence_link.is_empty());
            }
            Err(problems) => assert_explained(&problems)?,
        }
    }

    #[test]
    fn limits_are_exact(extra in 0usize..2, field in 0usize..2, c in prop::sample::select(&["a", "あ", "🙂"][..])) {
        let mut f = good();
        if field == 0 { f.title = c.repeat(MAX_TITLE + extra) } else { f.evidence = c.repeat(MAX_EVIDENCE + extra) }
        let result = check(&f);
        prop_assert_eq!(result.is_ok(), extra == 0);
        if let Err(problems) = result {
            prop_assert_eq!(problems[0].problem, Problem::TooLong);
        }
    }

    #[test]
    fn exported_cells_never_start_a_formula(v in hostile()) {
        let cell = spreadsheet_safe(&v);
        // A plain number such as `-3` is left as it is: it starts no formula.
        let number = v.parse::<f64>().is_ok();
        prop_assert!(number || !cell.starts_with(['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠']));
        let defused = format!("'{v}");
        prop_assert!(cell == v || cell == defused);
    }
}

#[test]
fn a_claim_dated_beyond_four_digit_years_is_refused() {
    for bad in ["+20000-01-01", "0000-01-01", "2026-02-30", "2026/06/01"] {
        let f = ClaimForm {
            date: bad.into(),
            ..good()
        };
        let problems = check(&f).unwrap_err();
        assert_eq!(problems[0].problem, Problem::BadDate, "{bad}");
    }
    assert!(check(&good()).is_ok());
}
