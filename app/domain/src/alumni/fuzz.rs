//! Property tests of the alumni profile editor's form and the directory's
//! query: any posted values, the limits exactly, stored profiles round
//! trip, and a query never reaches the database with a wildcard or a
//! control character.

use super::directory::{DirectoryQuery, MAX_PAGE};
use super::draft::{
    EXPERIENCE_ROWS, LINK_ROWS, MAX_LINE, MAX_NAME, MAX_SKILL, MAX_TEXT, ProfileDraft, SKILL_ROWS,
    draft_of, validate,
};
use super::search::{MAX_TERMS, normalise, terms};
use super::{OPEN_TO_KEYS, Part, Qualification, Visibility};
use crate::forms::{Problem, has_control_character};
use crate::fuzz::{assert_explained, config, hostile};
use crate::slug::is_valid_slug;
use proptest::prelude::*;

/// Every field name the editor posts.
fn field_names() -> Vec<String> {
    let mut names: Vec<String> = [
        "name_ja",
        "name_en",
        "headline",
        "affiliation",
        "hide_employer",
        "listed_externally",
        "q_other_text",
    ]
    .map(String::from)
    .to_vec();
    for i in 0..EXPERIENCE_ROWS {
        for f in ["industry", "role", "period", "text"] {
            names.push(format!("exp{i}_{f}"));
        }
    }
    for i in 0..SKILL_ROWS {
        names.push(format!("skill{i}_name"));
        names.push(format!("skill{i}_level"));
    }
    for i in 0..LINK_ROWS {
        names.push(format!("link{i}_label"));
        names.push(format!("link{i}_url"));
    }
    names.extend(Qualification::ALL.map(|q| format!("q_{}", q.as_str())));
    names.extend(OPEN_TO_KEYS.map(|k| format!("open_{k}")));
    names.extend(Part::ALL.map(|p| format!("vis_{}", p.key())));
    names
}

/// A posted form: some of the editor's fields (and stray ones) with
/// hostile values, or well-formed levels, links and visibilities.
fn posted() -> impl Strategy<Value = ProfileDraft> {
    let value = prop_oneof![
        3 => hostile(),
        1 => (1u8..=4).prop_map(|n| n.to_string()),
        1 => prop::sample::select(&Visibility::ALL[..]).prop_map(|v| v.as_str().to_string()),
        1 => Just("https://example.jp/a".to_string()),
    ];
    let name = prop_oneof![4 => prop::sample::select(field_names()), 1 => hostile()];
    prop::collection::btree_map(name, value, 0..24)
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn any_post_is_read_or_refused_with_messages(d in posted()) {
        match validate(&d, 7) {
            Ok(p) => {
                prop_assert!(p.name.ja.chars().count() <= MAX_NAME && p.headline.chars().count() <= MAX_LINE);
                prop_assert!(p.experience.iter().all(|e| e.text.chars().count() <= MAX_TEXT));
                prop_assert!(p.skills.iter().all(|s| s.name.chars().count() <= MAX_SKILL));
                prop_assert!(!has_control_character(&p.headline) && !has_control_character(&p.affiliation));
                prop_assert!(p.links.iter().all(|l| l.url.starts_with("http")));
                // What was saved shows again in the form and saves the same.
                prop_assert_eq!(validate(&draft_of(&p), 7), Ok(p));
            }
            Err(problems) => assert_explained(&problems)?,
        }
    }

    #[test]
    fn limits_are_exact_in_characters(
        which in prop::sample::select(&[("name_en", MAX_NAME), ("headline", MAX_LINE), ("affiliation", MAX_LINE), ("exp2_text", MAX_TEXT), ("skill0_name", MAX_SKILL)][..]),
        extra in 0usize..2,
        c in prop::sample::select(&["a", "あ", "🙂"][..]),
    ) {
        let (field, max) = which;
        let mut d = ProfileDraft::new();
        d.insert(field.to_string(), c.repeat(max + extra));
        d.insert("skill0_level".into(), "2".into());
        let result = validate(&d, 1);
        if extra == 0 {
            prop_assert!(result.is_ok());
        } else {
            let problems = result.unwrap_err();
            prop_assert_eq!(problems[0].field.as_str(), field);
            prop_assert_eq!(problems[0].problem, Problem::OverLimit(max as i32));
        }
    }

    #[test]
    fn directory_queries_are_read_safely(v in prop::collection::vec(hostile(), 9)) {
        let q = DirectoryQuery {
            q: v[0].clone(),
            programme: v[1].clone(),
            cohort: v[2].clone(),
            track: v[3].clone(),
            skill: v[4].clone(),
            level: v[5].clone(),
            qualification: v[6].clone(),
            open_to: v[7].clone(),
            page: v[8].clone(),
        };
        let f = q.filters();
        prop_assert!(f.terms.len() <= MAX_TERMS);
        for t in &f.terms {
            prop_assert!(!t.is_empty() && !t.contains(['%', '_', '\\']) && !t.chars().any(char::is_control));
            prop_assert_eq!(&normalise(t), t);
        }
        for slug in [&f.programme, &f.cohort, &f.track].into_iter().flatten() {
            prop_assert!(is_valid_slug(slug));
        }
        if let Some(s) = &f.skill {
            prop_assert!(!s.chars().any(char::is_control) && s.chars().count() <= 4 * MAX_SKILL);
        }
        prop_assert!((1..=MAX_PAGE).contains(&f.page));
    }

    #[test]
    fn search_terms_never_panic(v in hostile()) {
        let t = terms(&v);
        prop_assert!(t.len() <= MAX_TERMS);
        let n = normalise(&v);
        prop_assert_eq!(normalise(&n), n.clone());
    }
}

#[test]
fn a_nul_in_a_profile_field_is_refused_and_a_nul_filter_ignored() {
    let mut d = ProfileDraft::new();
    d.insert("headline".into(), "暗号\0".into());
    let problems = validate(&d, 1).unwrap_err();
    assert_eq!(problems[0].problem, Problem::ControlCharacter);
    let f = DirectoryQuery {
        q: "暗号\0ctf".into(),
        programme: "camp\0".into(),
        skill: "rust\0".into(),
        ..DirectoryQuery::default()
    }
    .filters();
    assert_eq!(f.terms, ["暗号", "ctf"]);
    assert_eq!((f.programme, f.skill), (None, None));
}
