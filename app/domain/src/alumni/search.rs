//! Directory search text: normalised (NFKC, lower case) so full-width and
//! half-width spellings, and upper and lower case, match each other; one
//! text per audience, holding only what that audience may see, so a search
//! never matches on a part the searcher could not read.
//!
//! Japanese has no spaces between words, so terms are matched as
//! substrings: SQLite's FTS5 `trigram` index and PostgreSQL's `pg_trgm`
//! serve `LIKE '%term%'` for terms of three characters or more; shorter
//! terms such as 暗号 are still matched by the same `LIKE`, over the same
//! normalised text, without the index's help.

use super::visibility::{Viewer, sees_part, sees_profile};
use super::{OpenTo, Part, Profile};
use crate::lang::Lang;
use unicode_normalization::UnicodeNormalization;

/// The most terms of one query (more are ignored).
pub const MAX_TERMS: usize = 5;

/// The longest query accepted, in characters (the rest is cut).
pub const MAX_QUERY: usize = 100;

/// `s` in the form text is indexed and searched in: NFKC (full-width
/// letters and digits become half-width, half-width kana full-width), lower
/// case, runs of white space as one space.
pub fn normalise(s: &str) -> String {
    let folded: String = s.nfkc().flat_map(char::to_lowercase).collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The terms of a query, normalised; `LIKE` wildcards and its escape
/// character, and control characters (which no profile holds and some
/// databases refuse), separate terms instead of acting as wildcards.
pub fn terms(query: &str) -> Vec<String> {
    let cut: String = query.chars().take(MAX_QUERY).collect();
    let cleaned: String = normalise(&cut)
        .chars()
        .map(|c| {
            if matches!(c, '%' | '_' | '\\') || c.is_control() {
                ' '
            } else {
                c
            }
        })
        .collect();
    let mut out: Vec<String> = Vec::new();
    for t in cleaned.split_whitespace() {
        if !out.iter().any(|o| o == t) && out.len() < MAX_TERMS {
            out.push(t.to_string());
        }
    }
    out
}

/// The text `viewer` may search of `profile` (empty when they may not see
/// it): names, headline, affiliation, experience, skills, qualifications
/// and what they are open to, each only if `viewer` may see it.
pub fn search_text(profile: &Profile, viewer: Viewer) -> String {
    if !sees_profile(profile.listed_externally, profile.awaiting_owner, viewer) {
        return String::new();
    }
    let shows = |part: Part| sees_part(profile, part, viewer);
    let mut parts: Vec<String> = Vec::new();
    if shows(Part::Name) {
        parts.push(profile.name.ja.clone());
        parts.push(profile.name.en.clone());
    }
    if shows(Part::Headline) {
        parts.push(profile.headline.clone());
    }
    if shows(Part::Affiliation) {
        parts.push(profile.affiliation.clone());
    }
    if shows(Part::Experience) {
        for e in &profile.experience {
            parts.extend([
                e.industry.clone(),
                e.role.clone(),
                e.period.clone(),
                e.text.clone(),
            ]);
        }
    }
    if shows(Part::Skills) {
        parts.extend(profile.skills.iter().map(|s| s.name.clone()));
    }
    if shows(Part::Qualifications) {
        for q in &profile.qualifications {
            parts.push(q.kind.label(Lang::Ja).to_string());
            parts.push(q.kind.label(Lang::En).to_string());
            parts.push(q.other.clone());
        }
    }
    if shows(Part::OpenTo) {
        for key in super::OPEN_TO_KEYS {
            if profile.open_to.has(key) {
                parts.push(OpenTo::label(key, Lang::Ja).to_string());
                parts.push(OpenTo::label(key, Lang::En).to_string());
            }
        }
    }
    normalise(
        &parts
            .into_iter()
            .filter(|p| !p.trim().is_empty())
            .collect::<Vec<_>>()
            .join(" \u{1f} "),
    )
}

/// The three stored search texts: what the public, the community and
/// organisers may search.
pub fn search_texts(profile: &Profile) -> [String; 3] {
    [
        search_text(profile, Viewer::Public),
        search_text(profile, Viewer::Community),
        search_text(profile, Viewer::Organiser),
    ]
}

/// Which stored search text a viewer searches: 0 public, 1 community,
/// 2 organisers (the owner searches as the community does).
pub fn search_column(viewer: Viewer) -> usize {
    match viewer {
        Viewer::Public => 0,
        Viewer::Community | Viewer::Owner => 1,
        Viewer::Organiser => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_half_width_and_case_fold_together() {
        assert_eq!(normalise("ＣＴＦ　Ｗｅｂ"), "ctf web");
        assert_eq!(normalise("ｾｷｭﾘﾃｨ"), "セキュリティ");
        assert_eq!(normalise("  Rust\n\tＲｕｓｔ "), "rust rust");
    }

    #[test]
    fn terms_are_normalised_deduplicated_and_never_wildcards() {
        assert_eq!(terms("暗号　ＣＴＦ ctf"), vec!["暗号", "ctf"]);
        assert_eq!(terms("50%_off\\x"), vec!["50", "off", "x"]);
        assert_eq!(terms("a b c d e f g").len(), MAX_TERMS);
        assert!(terms("   ").is_empty());
    }
}
