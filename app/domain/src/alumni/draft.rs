//! The profile editor's form: its values as posted (one flat map, so a
//! refused post can be shown again exactly as typed), what a stored profile
//! looks like as that map, and the checks a save must pass.

use super::search::normalise;
use super::{
    Experience, Held, Level, Link, OpenTo, Part, Profile, Qualification, Skill, Visibilities,
    Visibility,
};
use crate::application::questions::is_web_address;
use crate::forms::{FieldError, Problem, has_control_character, typed_text};
use crate::lang::Localized;
use std::collections::BTreeMap;

/// Rows of experience the form offers.
pub const EXPERIENCE_ROWS: usize = 5;
/// Rows of skills the form offers.
pub const SKILL_ROWS: usize = 12;
/// Rows of links the form offers.
pub const LINK_ROWS: usize = 5;

/// The longest display name, in characters.
pub const MAX_NAME: usize = 100;
/// The longest headline or affiliation.
pub const MAX_LINE: usize = 200;
/// The longest industry, role, qualification name or link label.
pub const MAX_SHORT: usize = 100;
/// The longest period.
pub const MAX_PERIOD: usize = 50;
/// The longest experience narrative.
pub const MAX_TEXT: usize = 2000;
/// The longest skill name.
pub const MAX_SKILL: usize = 60;
/// The longest link address.
pub const MAX_URL: usize = 300;

/// The editor's values by field name (`name_ja`, `exp0_industry`,
/// `skill3_level`, `q_riss`, `vis_headline`, …); ticked boxes are `on`.
pub type ProfileDraft = BTreeMap<String, String>;

fn tick(d: &mut ProfileDraft, key: &str, on: bool) {
    if on {
        d.insert(key.to_string(), "on".to_string());
    }
}

/// The form's values for a stored profile.
pub fn draft_of(p: &Profile) -> ProfileDraft {
    let mut d = ProfileDraft::new();
    d.insert("name_ja".into(), p.name.ja.clone());
    d.insert("name_en".into(), p.name.en.clone());
    d.insert("headline".into(), p.headline.clone());
    d.insert("affiliation".into(), p.affiliation.clone());
    tick(&mut d, "hide_employer", p.hide_employer);
    tick(&mut d, "listed_externally", p.listed_externally);
    for (i, e) in p.experience.iter().enumerate() {
        d.insert(format!("exp{i}_industry"), e.industry.clone());
        d.insert(format!("exp{i}_role"), e.role.clone());
        d.insert(format!("exp{i}_period"), e.period.clone());
        d.insert(format!("exp{i}_text"), e.text.clone());
    }
    for (i, s) in p.skills.iter().enumerate() {
        d.insert(format!("skill{i}_name"), s.name.clone());
        d.insert(format!("skill{i}_level"), s.level.number().to_string());
    }
    for q in &p.qualifications {
        tick(&mut d, &format!("q_{}", q.kind.as_str()), true);
        if q.kind == Qualification::Other {
            d.insert("q_other_text".into(), q.other.clone());
        }
    }
    for (i, l) in p.links.iter().enumerate() {
        d.insert(format!("link{i}_label"), l.label.clone());
        d.insert(format!("link{i}_url"), l.url.clone());
    }
    for key in super::OPEN_TO_KEYS {
        tick(&mut d, &format!("open_{key}"), p.open_to.has(key));
    }
    for part in Part::ALL {
        d.insert(
            format!("vis_{}", part.key()),
            p.visibility.get(part).as_str().to_string(),
        );
    }
    d
}

/// Reads and checks the form; every problem at once.
struct Reader<'a> {
    draft: &'a ProfileDraft,
    problems: Vec<FieldError>,
}

impl Reader<'_> {
    fn fail(&mut self, field: &str, problem: Problem) {
        self.problems.push(FieldError {
            field: field.to_string(),
            problem,
        });
    }

    /// The trimmed text of `field`, refused beyond `max` characters or
    /// with a control character in it.
    fn text(&mut self, field: &str, max: usize) -> String {
        let v = typed_text(self.draft.get(field).map_or("", String::as_str));
        if has_control_character(&v) {
            self.fail(field, Problem::ControlCharacter);
        } else if v.chars().count() > max {
            self.fail(
                field,
                Problem::OverLimit(i32::try_from(max).unwrap_or(i32::MAX)),
            );
        }
        v
    }

    fn ticked(&self, field: &str) -> bool {
        self.draft.get(field).is_some_and(|v| !v.is_empty())
    }
}

/// Checks the posted form and returns the profile it describes (for
/// `account_id`, without camps: those come from completions).
pub fn validate(draft: &ProfileDraft, account_id: i32) -> Result<Profile, Vec<FieldError>> {
    let mut r = Reader {
        draft,
        problems: Vec::new(),
    };
    let name = Localized::new(r.text("name_ja", MAX_NAME), r.text("name_en", MAX_NAME));
    let headline = r.text("headline", MAX_LINE);
    let affiliation = r.text("affiliation", MAX_LINE);
    let mut experience = Vec::new();
    for i in 0..EXPERIENCE_ROWS {
        let e = Experience {
            industry: r.text(&format!("exp{i}_industry"), MAX_SHORT),
            role: r.text(&format!("exp{i}_role"), MAX_SHORT),
            period: r.text(&format!("exp{i}_period"), MAX_PERIOD),
            text: r.text(&format!("exp{i}_text"), MAX_TEXT),
        };
        if e != Experience::default() {
            experience.push(e);
        }
    }
    let mut skills: Vec<Skill> = Vec::new();
    for i in 0..SKILL_ROWS {
        let name = r.text(&format!("skill{i}_name"), MAX_SKILL);
        let level_field = format!("skill{i}_level");
        let level = draft.get(&level_field).map_or("", |s| s.trim()).to_string();
        if name.is_empty() {
            continue;
        }
        match level.parse().ok().and_then(Level::from_number) {
            Some(level) => {
                if !skills
                    .iter()
                    .any(|s| normalise(&s.name) == normalise(&name))
                {
                    skills.push(Skill { name, level });
                }
            }
            None => r.fail(&level_field, Problem::BadChoice),
        }
    }
    let mut qualifications = Vec::new();
    for kind in Qualification::ALL {
        if !r.ticked(&format!("q_{}", kind.as_str())) {
            continue;
        }
        let other = if kind == Qualification::Other {
            let t = r.text("q_other_text", MAX_SHORT);
            if t.is_empty() {
                r.fail("q_other_text", Problem::Required);
            }
            t
        } else {
            String::new()
        };
        qualifications.push(Held { kind, other });
    }
    let mut links = Vec::new();
    for i in 0..LINK_ROWS {
        let label = r.text(&format!("link{i}_label"), MAX_SHORT);
        let url_field = format!("link{i}_url");
        let url = r.text(&url_field, MAX_URL);
        if label.is_empty() && url.is_empty() {
            continue;
        }
        if !is_web_address(&url) {
            r.fail(&url_field, Problem::BadUrl);
        }
        links.push(Link { label, url });
    }
    let open_to = OpenTo {
        tutoring: r.ticked("open_tutoring"),
        lecturing: r.ticked("open_lecturing"),
        consulting: r.ticked("open_consulting"),
        speaking: r.ticked("open_speaking"),
    };
    let mut visibility = Visibilities::all_private();
    for part in Part::ALL {
        let field = format!("vis_{}", part.key());
        match draft.get(&field).map(|v| Visibility::parse(v.trim())) {
            Some(Some(v)) => visibility.set(part, v),
            // A form without the field keeps the part private.
            None => {}
            Some(None) => r.fail(&field, Problem::BadChoice),
        }
    }
    let profile = Profile {
        account_id,
        name,
        headline,
        affiliation,
        hide_employer: r.ticked("hide_employer"),
        listed_externally: r.ticked("listed_externally"),
        // Saved by the person themself: what they chose now applies.
        awaiting_owner: false,
        experience,
        skills,
        qualifications,
        links,
        open_to,
        camps: Vec::new(),
        visibility,
    };
    if r.problems.is_empty() {
        Ok(profile)
    } else {
        Err(r.problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> ProfileDraft {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect()
    }

    #[test]
    fn a_stored_profile_round_trips_through_the_form() {
        let d = form(&[
            ("name_ja", "山田 花子"),
            ("name_en", "Hanako Yamada"),
            ("headline", "暗号とWeb"),
            ("affiliation", "Acme"),
            ("hide_employer", "on"),
            ("exp0_industry", "金融"),
            ("exp0_text", "<script>alert(1)</script>"),
            ("skill0_name", "暗号"),
            ("skill0_level", "4"),
            ("skill1_name", "ＷＥＢ"),
            ("skill1_level", "2"),
            ("skill2_name", "web"),
            ("skill2_level", "3"),
            ("q_riss", "on"),
            ("q_other", "on"),
            ("q_other_text", "技術士"),
            ("link0_label", "GitHub"),
            ("link0_url", "https://github.com/x"),
            ("open_tutoring", "on"),
            ("vis_name", "public"),
            ("vis_headline", "community"),
        ]);
        let p = validate(&d, 3).unwrap();
        assert!(p.hide_employer && !p.listed_externally);
        assert_eq!(p.skills.len(), 2, "ＷＥＢ and web are one skill");
        assert_eq!(p.visibility.get(Part::Name), Visibility::Public);
        assert_eq!(p.visibility.get(Part::Links), Visibility::Private);
        assert_eq!(validate(&draft_of(&p), 3).unwrap(), p);
    }

    #[test]
    fn overlong_bad_level_url_and_visibility_are_each_refused() {
        let long = "あ".repeat(MAX_NAME + 1);
        let d = form(&[
            ("name_ja", &long),
            ("skill0_name", "暗号"),
            ("skill0_level", "5"),
            ("link0_url", "javascript:alert(1)"),
            ("vis_name", "everyone"),
            ("q_other", "on"),
        ]);
        let problems = validate(&d, 1).unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "name_ja",
                "skill0_level",
                "q_other_text",
                "link0_url",
                "vis_name"
            ]
        );
        assert_eq!(problems[0].problem, Problem::OverLimit(MAX_NAME as i32));
        // Exactly at the limit is fine.
        let ok = form(&[("name_ja", &"あ".repeat(MAX_NAME))]);
        assert!(validate(&ok, 1).is_ok());
    }
}
