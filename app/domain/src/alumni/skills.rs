//! The self-assessment of skills over time: which changes an update
//! records, where each skill stood before, and the anonymous distribution
//! of a cohort's levels (hidden below [`MIN_GROUP`] people, so no one's
//! level can be worked out from it).

use super::{Level, Skill};
use crate::lang::Localized;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The fewest people a distribution is shown for.
pub const MIN_GROUP: usize = 5;

/// A recorded change: the skill's key, its name, and its new level (`None`
/// when it was removed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The normalised name.
    pub key: String,
    /// The name as written.
    pub name: String,
    /// The new level, `None` for removed.
    pub level: Option<Level>,
}

/// The key a skill is stored and compared under.
pub fn key(name: &str) -> String {
    super::search::normalise(name)
}

/// What changed from `before` to `after` (new skills, new levels, removed
/// skills); an update that changes nothing records nothing.
pub fn changes(before: &[Skill], after: &[Skill]) -> Vec<Change> {
    let mut out = Vec::new();
    for s in after {
        let k = key(&s.name);
        let old = before.iter().find(|b| key(&b.name) == k);
        if old.is_none_or(|o| o.level != s.level) {
            out.push(Change {
                key: k,
                name: s.name.clone(),
                level: Some(s.level),
            });
        }
    }
    for b in before {
        let k = key(&b.name);
        if !after.iter().any(|s| key(&s.name) == k) {
            out.push(Change {
                key: k,
                name: b.name.clone(),
                level: None,
            });
        }
    }
    out
}

/// The level a skill had before its current one: the latest recorded level
/// that differs from `now`, with when it was recorded. `history` is oldest
/// first; `None` levels are removals.
pub fn before(
    history: &[(Option<Level>, DateTime<Utc>)],
    now: Level,
) -> Option<(Option<Level>, DateTime<Utc>)> {
    let mut seen_now = false;
    for (level, at) in history.iter().rev() {
        if !seen_now {
            if *level == Some(now) {
                seen_now = true;
            }
            continue;
        }
        if *level != Some(now) {
            return Some((*level, *at));
        }
    }
    None
}

/// How many people rated themselves at each level (index 0: level 1), or
/// `None` when fewer than [`MIN_GROUP`] did.
pub fn distribution(levels: &[Level]) -> Option<[u32; 4]> {
    if levels.len() < MIN_GROUP {
        return None;
    }
    let mut counts = [0u32; 4];
    for l in levels {
        counts[(l.number() - 1) as usize] += 1;
    }
    Some(counts)
}

/// One skill on the owner's self-assessment page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Standing {
    /// The skill as written.
    pub name: String,
    /// The level now.
    pub now: Level,
    /// The level before (`None` inside: the skill was not on the profile),
    /// with when that level was recorded; `None` when it never changed.
    pub before: Option<(Option<Level>, DateTime<Utc>)>,
    /// Each of the owner's cohorts with the distribution of this skill's
    /// levels among its alumni (`None`: fewer than five people).
    pub cohorts: Vec<CohortDistribution>,
}

/// The distribution of one skill in one cohort.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CohortDistribution {
    /// The programme's name and the cohort's slug.
    pub cohort: Localized,
    /// Counts per level, or `None` below [`MIN_GROUP`].
    pub counts: Option<[u32; 4]>,
}

/// The owner's self-assessment page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillsPage {
    /// Each current skill.
    pub skills: Vec<Standing>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn skill(name: &str, level: Level) -> Skill {
        Skill {
            name: name.into(),
            level,
        }
    }

    #[test]
    fn only_changes_are_recorded() {
        let a = vec![skill("暗号", Level::Guided), skill("Web", Level::Concepts)];
        let b = vec![
            skill("暗号", Level::Guided),
            skill("ＷＥＢ", Level::Independent),
        ];
        let c = changes(&a, &b);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].key, "web");
        assert_eq!(c[0].level, Some(Level::Independent));
        assert!(changes(&b, &b).is_empty());
        let removed = changes(&b, &[]);
        assert_eq!(removed.len(), 2);
        assert!(removed.iter().all(|c| c.level.is_none()));
    }

    #[test]
    fn before_is_the_latest_different_level() {
        let t = |d| Utc.with_ymd_and_hms(2026, 1, d, 0, 0, 0).unwrap();
        let h = vec![
            (Some(Level::Concepts), t(1)),
            (Some(Level::Guided), t(2)),
            (Some(Level::Independent), t(3)),
        ];
        assert_eq!(
            before(&h, Level::Independent),
            Some((Some(Level::Guided), t(2)))
        );
        assert_eq!(before(&h[..1], Level::Concepts), None);
        let back = vec![
            (Some(Level::Guided), t(1)),
            (None, t(2)),
            (Some(Level::Guided), t(3)),
        ];
        assert_eq!(before(&back, Level::Guided), Some((None, t(2))));
    }

    #[test]
    fn small_groups_are_hidden() {
        assert_eq!(distribution(&[Level::Teaches; 4]), None);
        let five = [
            Level::Concepts,
            Level::Guided,
            Level::Guided,
            Level::Teaches,
            Level::Teaches,
        ];
        assert_eq!(distribution(&five), Some([1, 2, 0, 2]));
    }
}
