//! What administrators type into the programme form, and the rules it must
//! meet before anything is written.

use super::ProgrammeKind;
use super::edit::{MAX_NAME_LEN, MAX_TEXT_LEN};
use crate::forms::{Checker, FieldError, Problem};
use crate::lang::Localized;
use crate::slug::is_reserved_programme_slug;
use serde::{Deserialize, Serialize};

/// The programme form as typed. A field the post lacks reads as empty, so
/// it is refused with a message rather than as an unreadable request.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProgrammeDraft {
    /// URL name.
    pub slug: String,
    /// `camp` or `connect`.
    pub kind: String,
    /// Name in Japanese.
    pub name_ja: String,
    /// Name in English.
    pub name_en: String,
    /// Description in Japanese.
    pub description_ja: String,
    /// Description in English.
    pub description_en: String,
    /// Listing order (smaller first).
    pub position: String,
}

/// A programme that passed every rule (whether its slug is free, or may
/// still change, is the store's to check: it knows the other records).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidProgramme {
    /// URL name.
    pub slug: String,
    /// Programme family.
    pub kind: ProgrammeKind,
    /// Name.
    pub name: Localized,
    /// Description.
    pub description: Localized,
    /// Listing order.
    pub position: i32,
}

/// Checks a programme form; every problem is reported at once.
pub fn validate_programme(d: &ProgrammeDraft) -> Result<ValidProgramme, Vec<FieldError>> {
    let mut c = Checker::default();
    let slug = c.slug(&d.slug);
    if is_reserved_programme_slug(&slug) {
        c.fail("slug", Problem::ReservedSlug);
    }
    let kind = match d.kind.trim() {
        "" => {
            c.fail("kind", Problem::Required);
            None
        }
        k => {
            let parsed = ProgrammeKind::parse(k);
            if parsed.is_none() {
                c.fail("kind", Problem::BadChoice);
            }
            parsed
        }
    };
    let name = Localized::new(
        c.text("name_ja", &d.name_ja, true, MAX_NAME_LEN),
        c.text("name_en", &d.name_en, true, MAX_NAME_LEN),
    );
    let description = Localized::new(
        c.text("description_ja", &d.description_ja, true, MAX_TEXT_LEN),
        c.text("description_en", &d.description_en, false, MAX_TEXT_LEN),
    );
    let position = c.count("position", &d.position);
    match kind {
        Some(kind) if c.is_clean() => Ok(ValidProgramme {
            slug,
            kind,
            name,
            description,
            position,
        }),
        _ => Err(c.into_problems()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn next() -> ProgrammeDraft {
        ProgrammeDraft {
            slug: "next".into(),
            kind: "camp".into(),
            name_ja: "セキュリティ・キャンプ・ネクスト".into(),
            name_en: "Security Camp Next".into(),
            description_ja: "修了生が次の段階へ進むためのプログラムです。".into(),
            description_en: String::new(),
            position: " 3 ".into(),
        }
    }

    fn problems(errs: Vec<FieldError>) -> Vec<(String, Problem)> {
        errs.into_iter().map(|e| (e.field, e.problem)).collect()
    }

    #[test]
    fn a_good_programme_passes_trimmed() {
        let v = validate_programme(&next()).unwrap();
        assert_eq!(v.slug, "next");
        assert_eq!(v.kind, ProgrammeKind::Camp);
        assert_eq!(v.name.en, "Security Camp Next");
        assert_eq!(v.description.en, "", "English description is optional");
        assert_eq!(v.position, 3);
    }

    #[test]
    fn every_programme_problem_is_reported_at_once() {
        let d = ProgrammeDraft {
            slug: "Next!".into(),
            kind: "junior".into(),
            name_ja: "  ".into(),
            name_en: "x".repeat(MAX_NAME_LEN + 1),
            description_ja: String::new(),
            description_en: "a\0b".into(),
            position: "-1".into(),
        };
        assert_eq!(
            problems(validate_programme(&d).unwrap_err()),
            vec![
                ("slug".into(), Problem::BadSlug),
                ("kind".into(), Problem::BadChoice),
                ("name_ja".into(), Problem::Required),
                ("name_en".into(), Problem::TooLong),
                ("description_ja".into(), Problem::Required),
                ("description_en".into(), Problem::ControlCharacter),
                ("position".into(), Problem::BadCount),
            ]
        );
    }

    #[test]
    fn a_kind_must_be_chosen_and_spelled_as_stored() {
        for (kind, problem) in [("", Problem::Required), ("Camp", Problem::BadChoice)] {
            let d = ProgrammeDraft {
                kind: kind.into(),
                ..next()
            };
            assert_eq!(
                problems(validate_programme(&d).unwrap_err()),
                vec![("kind".into(), problem)]
            );
        }
        let d = ProgrammeDraft {
            kind: "connect".into(),
            ..next()
        };
        assert_eq!(validate_programme(&d).unwrap().kind, ProgrammeKind::Connect);
    }

    #[test]
    fn a_programme_cannot_take_the_name_of_a_page() {
        for slug in ["new", "outbox"] {
            let d = ProgrammeDraft {
                slug: slug.into(),
                ..next()
            };
            assert_eq!(
                problems(validate_programme(&d).unwrap_err()),
                vec![("slug".into(), Problem::ReservedSlug)]
            );
        }
    }

    #[test]
    fn an_empty_form_names_every_missing_field() {
        assert_eq!(
            problems(validate_programme(&ProgrammeDraft::default()).unwrap_err()),
            vec![
                ("slug".into(), Problem::Required),
                ("kind".into(), Problem::Required),
                ("name_ja".into(), Problem::Required),
                ("name_en".into(), Problem::Required),
                ("description_ja".into(), Problem::Required),
                ("position".into(), Problem::BadCount),
            ]
        );
    }
}
