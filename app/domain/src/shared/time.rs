//! Times are stored in UTC and shown in Japan Standard Time (UTC+9, no DST).

use super::lang::Lang;
use super::text::labels;
use chrono::{DateTime, Datelike, FixedOffset, Timelike, Utc};

/// Japan Standard Time.
pub fn jst() -> FixedOffset {
    // 9 hours is always in range for a fixed offset.
    FixedOffset::east_opt(9 * 3600).unwrap_or_else(|| unreachable!())
}

/// `t` as JST wall-clock time.
pub fn to_jst(t: DateTime<Utc>) -> DateTime<FixedOffset> {
    t.with_timezone(&jst())
}

/// A date in JST: `2026年8月12日` or `12 Aug 2026` (`labels.json`).
pub fn format_date(t: DateTime<Utc>, lang: Lang) -> String {
    use labels::time::month_in_date as m;
    let months: [fn(Lang) -> &'static str; 12] = [
        m::jan,
        m::feb,
        m::mar,
        m::apr,
        m::may,
        m::jun,
        m::jul,
        m::aug,
        m::sep,
        m::oct,
        m::nov,
        m::dec,
    ];
    let d = to_jst(t);
    labels::time::date(lang, d.day(), months[d.month0() as usize](lang), d.year())
}

/// A date and time in JST with its zone: `2026年11月1日 10:00 JST` or
/// `1 Nov 2026, 10:00 JST`.
pub fn format_datetime(t: DateTime<Utc>, lang: Lang) -> String {
    let d = to_jst(t);
    let time = format!("{:02}:{:02}", d.hour(), d.minute());
    labels::time::datetime(lang, format_date(t, lang), time)
}

/// A span of days in JST: `2026年8月12日 – 2026年8月16日`; one date when both
/// ends fall on the same day.
pub fn format_date_range(start: DateTime<Utc>, end: DateTime<Utc>, lang: Lang) -> String {
    let (a, b) = (format_date(start, lang), format_date(end, lang));
    if a == b {
        a
    } else {
        labels::time::date_range(lang, b, a)
    }
}

/// `t` as the value of an `<input type="datetime-local">` in JST:
/// `2027-01-15T12:00`.
pub fn to_jst_input(t: DateTime<Utc>) -> String {
    to_jst(t).format("%Y-%m-%dT%H:%M").to_string()
}

/// The earliest and latest years a typed date may name: older or later
/// dates are typing mistakes, and years beyond four digits do not survive
/// every database's date type.
pub const DATE_YEARS: std::ops::RangeInclusive<i32> = 1900..=9999;

/// Reads a date typed as `2008-04-01`, within [`DATE_YEARS`].
pub fn parse_date(s: &str) -> Option<chrono::NaiveDate> {
    use chrono::Datelike;
    let s = s.trim();
    // chrono's `%Y` also takes signed and five-digit years; a date is
    // exactly four digits, a dash, two, a dash, two.
    let shaped = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .filter(|d| shaped && DATE_YEARS.contains(&d.year()))
}

/// Reads an `<input type="datetime-local">` value as JST wall-clock time
/// (`2027-01-15T12:00`, seconds optional); `None` when it is not one.
pub fn parse_jst_input(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    // The date part as [`parse_date`] reads it (four-digit years), then
    // the time.
    parse_date(s.get(..10)?)?;
    let naive = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S"))
        .ok()?;
    naive
        .and_local_timezone(jst())
        .single()
        .map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn datetime_inputs_are_jst() {
        let t = Utc.with_ymd_and_hms(2027, 1, 15, 3, 0, 0).unwrap();
        assert_eq!(to_jst_input(t), "2027-01-15T12:00");
        assert_eq!(parse_jst_input("2027-01-15T12:00"), Some(t));
        assert_eq!(parse_jst_input(" 2027-01-15T12:00:00 "), Some(t));
        for bad in [
            "",
            "2027-01-15",
            "2027-13-01T00:00",
            "12:00",
            "2027-01-15T25:00",
        ] {
            assert_eq!(parse_jst_input(bad), None, "{bad}");
        }
    }

    #[test]
    fn shows_utc_instants_in_jst() {
        // 15:30 UTC on 31 Oct is 00:30 on 1 Nov in Japan.
        let t = Utc.with_ymd_and_hms(2026, 10, 31, 15, 30, 0).unwrap();
        assert_eq!(format_datetime(t, Lang::Ja), "2026年11月1日 00:30 JST");
        assert_eq!(format_datetime(t, Lang::En), "1 Nov 2026, 00:30 JST");
    }

    #[test]
    fn ranges_collapse_to_one_day() {
        let a = Utc.with_ymd_and_hms(2026, 8, 12, 0, 0, 0).unwrap();
        let b = Utc.with_ymd_and_hms(2026, 8, 16, 9, 0, 0).unwrap();
        assert_eq!(
            format_date_range(a, b, Lang::Ja),
            "2026年8月12日 – 2026年8月16日"
        );
        assert_eq!(format_date_range(a, a, Lang::En), "12 Aug 2026");
    }
}
