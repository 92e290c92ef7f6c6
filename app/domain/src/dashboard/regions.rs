//! Where submitted applicants live, by the eight regions of Japan (the
//! usual 八地方区分), outside Japan and not given, published with small
//! groups hidden. Prefectures themselves are never shown: most hold too
//! few applicants to publish without pointing at someone.

use super::suppress::{Shown, suppress};
use crate::application::prefecture::Prefecture;
use serde::{Deserialize, Serialize};

/// A region of the dashboard's breakdown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Region {
    /// 北海道.
    Hokkaido,
    /// 東北: Aomori to Fukushima.
    Tohoku,
    /// 関東: Ibaraki to Kanagawa.
    Kanto,
    /// 中部: Niigata to Aichi.
    Chubu,
    /// 近畿: Mie to Wakayama.
    Kinki,
    /// 中国: Tottori to Yamaguchi.
    Chugoku,
    /// 四国: Tokushima to Kochi.
    Shikoku,
    /// 九州・沖縄: Fukuoka to Okinawa.
    KyushuOkinawa,
    /// Lives outside Japan.
    Abroad,
    /// Left blank, or chose not to say.
    NotGiven,
}

impl Region {
    /// Every region, north to south, then outside Japan and not given.
    pub const ALL: [Region; 10] = [
        Region::Hokkaido,
        Region::Tohoku,
        Region::Kanto,
        Region::Chubu,
        Region::Kinki,
        Region::Chugoku,
        Region::Shikoku,
        Region::KyushuOkinawa,
        Region::Abroad,
        Region::NotGiven,
    ];

    /// The region of a prefecture of residence as stored (`None`: the
    /// field was left blank).
    pub fn of(prefecture: Option<Prefecture>) -> Region {
        let Some(p) = prefecture else {
            return Region::NotGiven;
        };
        match (p, p.jis_code()) {
            (Prefecture::Abroad, _) => Region::Abroad,
            (_, Some(1)) => Region::Hokkaido,
            (_, Some(2..=7)) => Region::Tohoku,
            (_, Some(8..=14)) => Region::Kanto,
            (_, Some(15..=23)) => Region::Chubu,
            (_, Some(24..=30)) => Region::Kinki,
            (_, Some(31..=35)) => Region::Chugoku,
            (_, Some(36..=39)) => Region::Shikoku,
            (_, Some(40..=47)) => Region::KyushuOkinawa,
            _ => Region::NotGiven,
        }
    }
}

/// One region's submitted applications, as published.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionRow {
    /// The region.
    pub region: Region,
    /// Its count, or hidden.
    pub shown: Shown,
}

/// `counted` (prefecture of residence, applications) as one row per
/// region, every region listed, small groups hidden ([`suppress`]).
pub fn region_rows(counted: &[(Option<Prefecture>, u64)]) -> Vec<RegionRow> {
    let mut counts = [0u64; Region::ALL.len()];
    for &(prefecture, n) in counted {
        let region = Region::of(prefecture);
        if let Some(i) = Region::ALL.iter().position(|r| *r == region) {
            counts[i] += n;
        }
    }
    Region::ALL
        .into_iter()
        .zip(suppress(&counts))
        .map(|(region, shown)| RegionRow { region, shown })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Shown::{Count, Hidden};

    #[test]
    fn every_prefecture_falls_in_its_region() {
        let count = |r: Region| {
            Prefecture::ALL
                .iter()
                .filter(|p| Region::of(Some(**p)) == r)
                .count()
        };
        let sizes: Vec<usize> = Region::ALL.iter().map(|r| count(*r)).collect();
        // 1 + 6 + 7 + 9 + 7 + 5 + 4 + 8 = 47, then abroad and undisclosed.
        assert_eq!(sizes, vec![1, 6, 7, 9, 7, 5, 4, 8, 1, 1]);
        assert_eq!(Region::of(Some(Prefecture::Tokyo)), Region::Kanto);
        assert_eq!(Region::of(Some(Prefecture::Niigata)), Region::Chubu);
        assert_eq!(Region::of(Some(Prefecture::Mie)), Region::Kinki);
        assert_eq!(Region::of(Some(Prefecture::Okinawa)), Region::KyushuOkinawa);
        assert_eq!(Region::of(Some(Prefecture::Undisclosed)), Region::NotGiven);
        assert_eq!(Region::of(None), Region::NotGiven);
    }

    #[test]
    fn rows_list_every_region_with_small_ones_hidden() {
        let rows = region_rows(&[
            (Some(Prefecture::Tokyo), 6),
            (Some(Prefecture::Kanagawa), 3),
            (Some(Prefecture::Osaka), 7),
            (Some(Prefecture::Hokkaido), 2),
            (Some(Prefecture::Abroad), 1),
            (Some(Prefecture::Undisclosed), 4),
            (None, 2),
        ]);
        let shown: Vec<(Region, Shown)> = rows.iter().map(|r| (r.region, r.shown)).collect();
        // Kanto 9, Kinki 7, not given 6 shown; Hokkaido 2 and abroad 1
        // hold 3 together, so the smallest other (not given) covers them.
        assert_eq!(
            shown,
            vec![
                (Region::Hokkaido, Hidden),
                (Region::Tohoku, Count(0)),
                (Region::Kanto, Count(9)),
                (Region::Chubu, Count(0)),
                (Region::Kinki, Count(7)),
                (Region::Chugoku, Count(0)),
                (Region::Shikoku, Count(0)),
                (Region::KyushuOkinawa, Count(0)),
                (Region::Abroad, Hidden),
                (Region::NotGiven, Hidden),
            ]
        );
    }
}
