//! What administrators type into the field form (a field a Connect track
//! joins security to), and the rules it must meet.

use super::edit::MAX_NAME_LEN;
use crate::forms::{Checker, FieldError};
use crate::lang::Localized;
use serde::{Deserialize, Serialize};

/// The field form as typed; a field the post lacks reads as empty.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FieldDraft {
    /// URL name (the cohort page's filter, `?field=<slug>`).
    pub slug: String,
    /// Name in Japanese.
    pub name_ja: String,
    /// Name in English.
    pub name_en: String,
}

/// A field that passed every rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidField {
    /// URL name.
    pub slug: String,
    /// Name.
    pub name: Localized,
}

/// Checks a field form; every problem is reported at once.
pub fn validate_field(d: &FieldDraft) -> Result<ValidField, Vec<FieldError>> {
    let mut c = Checker::default();
    let slug = c.slug(&d.slug);
    let name = Localized::new(
        c.text("name_ja", &d.name_ja, true, MAX_NAME_LEN),
        c.text("name_en", &d.name_en, true, MAX_NAME_LEN),
    );
    if c.is_clean() {
        Ok(ValidField { slug, name })
    } else {
        Err(c.into_problems())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::Problem;

    fn rail() -> FieldDraft {
        FieldDraft {
            slug: " rail ".into(),
            name_ja: "鉄道".into(),
            name_en: "Railways".into(),
        }
    }

    #[test]
    fn a_good_field_passes_trimmed() {
        let v = validate_field(&rail()).unwrap();
        assert_eq!(v.slug, "rail");
        assert_eq!(v.name, Localized::new("鉄道", "Railways"));
    }

    #[test]
    fn every_field_problem_is_reported_at_once() {
        let d = FieldDraft {
            slug: "社会科学".into(),
            name_ja: String::new(),
            name_en: "x".repeat(MAX_NAME_LEN + 1),
        };
        let found: Vec<(String, Problem)> = validate_field(&d)
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.problem))
            .collect();
        assert_eq!(
            found,
            vec![
                ("slug".into(), Problem::BadSlug),
                ("name_ja".into(), Problem::Required),
                ("name_en".into(), Problem::TooLong),
            ]
        );
    }

    #[test]
    fn names_are_limited_in_characters_not_bytes() {
        let d = FieldDraft {
            name_ja: "量".repeat(MAX_NAME_LEN),
            ..rail()
        };
        assert!(validate_field(&d).is_ok());
    }
}
