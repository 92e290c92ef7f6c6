//! Activity credits: the ledger's kinds and states, yearly totals, the
//! credit a finished stint earns, the pages' wire types and the mails of
//! a supervisor's confirmation.

pub mod claim;
#[cfg(test)]
mod fuzz;
pub mod mail;

use crate::enums::stored_enum;
use crate::lang::Lang;
use crate::text::labels;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

stored_enum! {
    /// Where a ledger entry comes from.
    pub enum CreditKind: varchar(16) {
        /// Attended (checked in at) an event.
        Event = "event" / labels::credit_kind::event,
        /// A tutor stint on a cohort that has ended.
        Tutor = "tutor" / labels::credit_kind::tutor,
        /// A lecturer stint on a cohort that has ended.
        Lecturer = "lecturer" / labels::credit_kind::lecturer,
        /// Reported by the person, confirmed by their supervisor.
        SelfReported = "self_reported" / labels::credit_kind::self_reported,
    }
}

stored_enum! {
    /// Whether an entry counts.
    pub enum CreditStatus: varchar(16) {
        /// Waits for the supervisor.
        Pending = "pending" / labels::credit_status::pending,
        /// Counts.
        Confirmed = "confirmed" / labels::credit_status::confirmed,
        /// The supervisor declined it; it does not count.
        Declined = "declined" / labels::credit_status::declined,
    }
}

/// Credit hours (in tenths) for a finished tutor stint: the camp's
/// sessions, about ten hours of a tutor's time. A stint counts once its
/// cohort's sessions have ended, the pipeline's own rule for a stint done.
pub const TUTOR_STINT_TENTHS: i32 = 100;
/// Credit hours (in tenths) for a finished lecturer stint: preparing and
/// giving the lectures of a track, counted as twenty hours.
pub const LECTURER_STINT_TENTHS: i32 = 200;
/// How long a supervisor's confirmation link works.
pub const CONFIRMATION_LIFETIME: Duration = Duration::days(30);
/// The longest evidence text accepted (characters).
pub const MAX_EVIDENCE: usize = 2000;

/// One line of the ledger.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerRow {
    /// The entry.
    pub id: i32,
    /// Where it comes from.
    pub kind: CreditKind,
    /// What it was.
    pub title: String,
    /// Hours, in tenths.
    pub tenths: i32,
    /// The day it counts for.
    pub earned_on: NaiveDate,
    /// Whether it counts.
    pub status: CreditStatus,
    /// The supervisor asked, for self-reported entries.
    pub supervisor: String,
}

/// Hours of one calendar year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearTotal {
    /// The year.
    pub year: i32,
    /// Confirmed hours, in tenths.
    pub confirmed: i32,
    /// Hours awaiting confirmation, in tenths.
    pub pending: i32,
}

/// Totals per calendar year, latest first; declined entries count nowhere.
pub fn yearly_totals(rows: &[LedgerRow]) -> Vec<YearTotal> {
    let mut out: Vec<YearTotal> = Vec::new();
    for r in rows {
        let year = r.earned_on.year();
        let i = match out.iter().position(|t| t.year == year) {
            Some(i) => i,
            None => {
                out.push(YearTotal {
                    year,
                    confirmed: 0,
                    pending: 0,
                });
                out.len() - 1
            }
        };
        match r.status {
            CreditStatus::Confirmed => out[i].confirmed += r.tenths,
            CreditStatus::Pending => out[i].pending += r.tenths,
            CreditStatus::Declined => {}
        }
    }
    out.sort_by_key(|t| std::cmp::Reverse(t.year));
    out
}

/// The `/account/credits` page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerPage {
    /// Every entry, latest first.
    pub rows: Vec<LedgerRow>,
    /// Totals per year, latest first.
    pub years: Vec<YearTotal>,
}

/// What a supervisor's link shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfirmPage {
    /// Who reported it.
    pub person: String,
    /// What it was.
    pub title: String,
    /// Hours, in tenths.
    pub tenths: i32,
    /// The day.
    pub earned_on: NaiveDate,
    /// What they say they did.
    pub evidence: String,
    /// A link to evidence (may be empty).
    pub evidence_link: String,
    /// The supervisor named.
    pub supervisor: String,
    /// The link still works.
    pub open: bool,
    /// Until when.
    pub expires_at: DateTime<Utc>,
}

/// The heading of the CSV export, in the reader's language (the page's:
/// a Japanese reader gets the Japanese the RISS renewal forms use).
pub fn csv_header(lang: Lang) -> [&'static str; 7] {
    use labels::credits_csv as h;
    [
        h::date(lang),
        h::kind(lang),
        h::activity(lang),
        h::hours(lang),
        h::status(lang),
        h::confirmed_by(lang),
        h::reference(lang),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(y: i32, tenths: i32, status: CreditStatus) -> LedgerRow {
        LedgerRow {
            id: 1,
            kind: CreditKind::Event,
            title: "x".into(),
            tenths,
            earned_on: NaiveDate::from_ymd_opt(y, 6, 1).unwrap(),
            status,
            supervisor: String::new(),
        }
    }

    #[test]
    fn totals_per_year_count_confirmed_and_pending_apart_and_skip_declined() {
        let rows = [
            row(2025, 15, CreditStatus::Confirmed),
            row(2026, 20, CreditStatus::Confirmed),
            row(2026, 5, CreditStatus::Confirmed),
            row(2026, 30, CreditStatus::Pending),
            row(2026, 70, CreditStatus::Declined),
        ];
        assert_eq!(
            yearly_totals(&rows),
            vec![
                YearTotal {
                    year: 2026,
                    confirmed: 25,
                    pending: 30
                },
                YearTotal {
                    year: 2025,
                    confirmed: 15,
                    pending: 0
                },
            ]
        );
        assert!(yearly_totals(&[]).is_empty());
    }

    #[test]
    fn kinds_and_states_round_trip() {
        for k in CreditKind::ALL {
            assert_eq!(CreditKind::parse(k.as_str()), Some(k));
        }
        for s in CreditStatus::ALL {
            assert_eq!(CreditStatus::parse(s.as_str()), Some(s));
        }
    }
}
