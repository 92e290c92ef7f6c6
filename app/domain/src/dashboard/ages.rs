//! Age bands of applicants on the cohort's first day (in Japan), the day
//! eligibility counts ages on, published with small groups hidden.

use super::AgeRow;
use super::suppress::suppress;
use crate::application::age_on;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// An age band; the bands follow the programmes' rules (16–17 need a
/// guardian, the national camp ends at 22).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AgeBand {
    /// Younger than 16.
    Under16,
    /// 16 or 17.
    From16To17,
    /// 18 or 19.
    From18To19,
    /// 20 to 22.
    From20To22,
    /// 23 to 29.
    From23To29,
    /// 30 or older.
    From30,
    /// No date of birth given (a draft may leave it out).
    NotGiven,
}

impl AgeBand {
    /// Every band, youngest first, "not given" last.
    pub const ALL: [AgeBand; 7] = [
        AgeBand::Under16,
        AgeBand::From16To17,
        AgeBand::From18To19,
        AgeBand::From20To22,
        AgeBand::From23To29,
        AgeBand::From30,
        AgeBand::NotGiven,
    ];

    /// The band of someone born on `birth`, on `day`.
    pub fn of(birth: Option<NaiveDate>, day: NaiveDate) -> AgeBand {
        let Some(birth) = birth else {
            return AgeBand::NotGiven;
        };
        match age_on(birth, day) {
            ..16 => AgeBand::Under16,
            16..=17 => AgeBand::From16To17,
            18..=19 => AgeBand::From18To19,
            20..=22 => AgeBand::From20To22,
            23..=29 => AgeBand::From23To29,
            _ => AgeBand::From30,
        }
    }
}

/// `counted` (date of birth, applications) as one row per band on `day`,
/// every band listed, small groups hidden ([`suppress`]).
pub fn age_rows(counted: &[(Option<NaiveDate>, u64)], day: NaiveDate) -> Vec<AgeRow> {
    let mut counts = [0u64; AgeBand::ALL.len()];
    for &(birth, n) in counted {
        let band = AgeBand::of(birth, day);
        if let Some(i) = AgeBand::ALL.iter().position(|b| *b == band) {
            counts[i] += n;
        }
    }
    AgeBand::ALL
        .into_iter()
        .zip(suppress(&counts))
        .map(|(band, shown)| AgeRow { band, shown })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dashboard::suppress::Shown::{Count, Hidden};

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn bands_count_whole_years_on_the_first_day() {
        let day = NaiveDate::from_ymd_opt(2027, 8, 10).unwrap_or_default();
        assert_eq!(AgeBand::of(d(2011, 8, 11), day), AgeBand::Under16);
        assert_eq!(AgeBand::of(d(2011, 8, 10), day), AgeBand::From16To17);
        assert_eq!(AgeBand::of(d(2009, 8, 11), day), AgeBand::From16To17);
        assert_eq!(AgeBand::of(d(2009, 8, 10), day), AgeBand::From18To19);
        assert_eq!(AgeBand::of(d(2005, 1, 1), day), AgeBand::From20To22);
        assert_eq!(AgeBand::of(d(2004, 8, 11), day), AgeBand::From20To22);
        assert_eq!(AgeBand::of(d(2004, 8, 10), day), AgeBand::From23To29);
        assert_eq!(AgeBand::of(d(1997, 8, 10), day), AgeBand::From30);
        assert_eq!(AgeBand::of(None, day), AgeBand::NotGiven);
    }

    #[test]
    fn rows_list_every_band_with_small_ones_hidden() {
        let day = NaiveDate::from_ymd_opt(2027, 8, 10).unwrap_or_default();
        let rows = age_rows(
            &[
                (d(2009, 1, 1), 6),
                (d(2009, 2, 1), 2),
                (d(2006, 1, 1), 7),
                (d(2004, 1, 1), 3),
                (None, 1),
            ],
            day,
        );
        let shown: Vec<_> = rows.iter().map(|r| r.shown).collect();
        // 18–19: 8; 20–22: 7; 23–29: 3 and not given: 1 together hold 4,
        // so the smallest other (20–22) covers them.
        assert_eq!(
            shown,
            vec![
                Count(0),
                Count(0),
                Count(8),
                Hidden,
                Hidden,
                Count(0),
                Hidden
            ]
        );
        assert_eq!(rows.len(), AgeBand::ALL.len());
    }
}
