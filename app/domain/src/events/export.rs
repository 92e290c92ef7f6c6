//! The attendees CSV of an event, for those who run it: who answered
//! (cancelled answers left out, as on the page), where they stand, when
//! they registered and when they were checked in. No addresses: the event
//! page does not show them to its hosts either.

use super::RsvpStatus;
use crate::lang::{Lang, Localized};
use crate::spreadsheet::cell_time;
use crate::text::labels;
use chrono::{DateTime, Utc};

/// One person who answered the event, as the CSV writes them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttendeeLine {
    /// Their name.
    pub name: Localized,
    /// Their answer.
    pub status: RsvpStatus,
    /// Their place on the waitlist (from 1), when waiting.
    pub position: Option<i32>,
    /// When they first answered.
    pub registered_at: DateTime<Utc>,
    /// When the host checked them in.
    pub checked_in_at: Option<DateTime<Utc>>,
}

/// The header record, in `lang` (the English one keeps the names scripts
/// read).
pub fn csv_header(lang: Lang) -> [&'static str; 6] {
    use labels::attendees_csv as h;
    [
        h::name_ja(lang),
        h::name_en(lang),
        h::status(lang),
        h::waitlist_position(lang),
        h::registered_at(lang),
        h::checked_in_at(lang),
    ]
}

fn status_text(s: RsvpStatus, lang: Lang) -> &'static str {
    use labels::attendees_csv::status_value as v;
    match s {
        RsvpStatus::Confirmed => v::confirmed(lang),
        RsvpStatus::Waitlisted => v::waitlisted(lang),
        RsvpStatus::Cancelled => v::cancelled(lang),
    }
}

/// One person's record, under [`csv_header`].
pub fn csv_record(l: &AttendeeLine, lang: Lang) -> [String; 6] {
    [
        l.name.ja.clone(),
        l.name.en.clone(),
        status_text(l.status, lang).to_string(),
        l.position.map(|n| n.to_string()).unwrap_or_default(),
        cell_time(l.registered_at),
        l.checked_in_at.map(cell_time).unwrap_or_default(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn records_match_the_header_in_both_languages() {
        let at = Utc.with_ymd_and_hms(2027, 5, 1, 0, 0, 0).unwrap();
        let waiting = AttendeeLine {
            name: Localized::new("佐藤 一郎", "Ichiro Sato"),
            status: RsvpStatus::Waitlisted,
            position: Some(2),
            registered_at: at,
            checked_in_at: None,
        };
        assert_eq!(
            csv_header(Lang::En).len(),
            csv_record(&waiting, Lang::En).len()
        );
        assert_eq!(
            csv_record(&waiting, Lang::En),
            [
                "佐藤 一郎",
                "Ichiro Sato",
                "waitlisted",
                "2",
                "2027-05-01 09:00",
                ""
            ]
        );
        let came = AttendeeLine {
            status: RsvpStatus::Confirmed,
            position: None,
            checked_in_at: Some(at),
            ..waiting
        };
        let ja = csv_record(&came, Lang::Ja);
        assert_eq!(ja[2], "参加登録済み");
        assert_eq!(ja[5], "2027-05-01 09:00");
        assert_eq!(csv_header(Lang::Ja)[2], "状態");
    }
}
