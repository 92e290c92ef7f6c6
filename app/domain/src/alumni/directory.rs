//! The directory's query (as it stands in the URL, so a search can be
//! shared) and its page of results.

use super::draft::MAX_SKILL;
use super::{Level, OPEN_TO_KEYS, ProfileView, Qualification};
use crate::forms::has_control_character;
use crate::lang::Localized;
use crate::slug::is_valid_slug;
use serde::{Deserialize, Serialize};

/// Profiles per page.
pub const PAGE_SIZE: u64 = 20;

/// Matches are counted up to this many ("1000+" beyond): an exact count of
/// a common word's matches among 100,000 profiles would cost more than the
/// page itself.
pub const COUNT_CAP: u64 = 1000;

/// The last page one may ask for (a larger number shows the first).
pub const MAX_PAGE: u64 = 10_000;

/// The directory's query string, as typed (`/alumni?q=…&skill=…&page=2`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryQuery {
    /// Free text.
    #[serde(default)]
    pub q: String,
    /// A programme's slug.
    #[serde(default)]
    pub programme: String,
    /// A cohort's slug (within the programme).
    #[serde(default)]
    pub cohort: String,
    /// A track's slug (within the cohort).
    #[serde(default)]
    pub track: String,
    /// A skill's name.
    #[serde(default)]
    pub skill: String,
    /// The lowest level, 1 to 4.
    #[serde(default)]
    pub level: String,
    /// A qualification ([`Qualification::as_str`]).
    #[serde(default)]
    pub qualification: String,
    /// One of [`OPEN_TO_KEYS`].
    #[serde(default)]
    pub open_to: String,
    /// The page, from 1.
    #[serde(default)]
    pub page: String,
}

/// The query, read: unknown values are ignored rather than refused, so an
/// old or hand-edited link still shows a directory.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    /// Normalised search terms.
    pub terms: Vec<String>,
    /// Programme slug.
    pub programme: Option<String>,
    /// Cohort slug.
    pub cohort: Option<String>,
    /// Track slug.
    pub track: Option<String>,
    /// Normalised skill key.
    pub skill: Option<String>,
    /// Lowest level.
    pub level: Option<Level>,
    /// Qualification.
    pub qualification: Option<Qualification>,
    /// Open-to key.
    pub open_to: Option<&'static str>,
    /// Page, from 1.
    pub page: u64,
}

/// A slug filter: kept only when it is a slug (nothing else names a
/// programme, cohort or track, and a stray value must not reach a query).
fn slug(s: &str) -> Option<String> {
    let t = s.trim();
    is_valid_slug(t).then(|| t.to_string())
}

/// A skill filter: kept when it is a plausible skill name.
fn skill(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty() && t.chars().count() <= MAX_SKILL && !has_control_character(t))
        .then(|| super::skills::key(t))
}

impl DirectoryQuery {
    /// Reads the query.
    pub fn filters(&self) -> Filters {
        Filters {
            terms: super::search::terms(&self.q),
            programme: slug(&self.programme),
            cohort: slug(&self.cohort),
            track: slug(&self.track),
            skill: skill(&self.skill),
            level: self.level.trim().parse().ok().and_then(Level::from_number),
            qualification: Qualification::parse(self.qualification.trim()),
            open_to: OPEN_TO_KEYS.into_iter().find(|k| *k == self.open_to.trim()),
            page: self
                .page
                .trim()
                .parse()
                .ok()
                .filter(|p| (1..=MAX_PAGE).contains(p))
                .unwrap_or(1),
        }
    }
}

/// One page of the directory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryPage {
    /// What the viewer may see of each profile found.
    pub results: Vec<ProfileView>,
    /// How many profiles match in all, up to [`COUNT_CAP`] + 1 (more than
    /// the cap when there are more).
    pub total: u64,
    /// This page, from 1.
    pub page: u64,
    /// The number of pages.
    pub pages: u64,
    /// Programmes to filter by: slug and name.
    pub programmes: Vec<(String, Localized)>,
    /// Whether the viewer searches the public directory only.
    pub public_only: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_values_are_ignored() {
        let q = DirectoryQuery {
            q: "ＣＴＦ 暗号".into(),
            level: "9".into(),
            qualification: "cissp".into(),
            open_to: "everything".into(),
            page: "-3".into(),
            skill: " Ｒｕｓｔ ".into(),
            ..DirectoryQuery::default()
        };
        let f = q.filters();
        assert_eq!(f.terms, vec!["ctf", "暗号"]);
        assert_eq!(f.level, None);
        assert_eq!(f.qualification, Some(Qualification::Cissp));
        assert_eq!(f.open_to, None);
        assert_eq!(f.page, 1);
        assert_eq!(f.skill.as_deref(), Some("rust"));
    }
}
