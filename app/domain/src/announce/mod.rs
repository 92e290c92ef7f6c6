//! Announcements: a mail organisers write once, in Japanese and English,
//! to one segment of a programme's people. The segments and who is in
//! them ([`segment`]), the organiser's text as a sandboxed template
//! ([`template`], server only), the mail that carries it ([`mail`]) and
//! what the pages show ([`view`]).

pub mod mail;
pub mod segment;
#[cfg(any(feature = "mail", test))]
pub mod template;
pub mod view;

pub use segment::{Segment, SegmentKind};

/// The longest subject, in characters.
pub const MAX_SUBJECT: usize = 200;

/// The longest body, in characters.
pub const MAX_BODY: usize = 10_000;

/// The template name of announcement mail in the outbox. Announcements are
/// not essential mail (a person who opts out of news does not get them),
/// and they are bulk mail: the outbox worker paces them
/// (`crate::mail::BULK_TEMPLATES`).
pub const TEMPLATE: &str = "announcement";

/// How many recipients' mails the preview shows in full.
pub const PREVIEW_SAMPLES: usize = 3;

use crate::forms::{Checker, FieldError, Problem};
use view::AnnouncementForm;

/// An announcement's form, checked: its segment and trimmed texts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
    /// Who it goes to.
    pub segment: Segment,
    /// Subject in Japanese.
    pub subject_ja: String,
    /// Subject in English.
    pub subject_en: String,
    /// Body in Japanese.
    pub body_ja: String,
    /// Body in English.
    pub body_en: String,
}

/// Checks the form's fields on their own (the templates against the
/// segment's variables are [`Checked::texts`]): a segment is chosen, both
/// languages' subjects and bodies are there within their limits, and a
/// subject is one line. Every problem is reported.
pub fn check(form: &AnnouncementForm) -> Result<Checked, Vec<FieldError>> {
    let mut c = Checker::default();
    let segment = Segment::parse(&form.segment);
    if segment.is_none() {
        c.fail(
            "segment",
            if form.segment.trim().is_empty() {
                Problem::Required
            } else {
                Problem::BadChoice
            },
        );
    }
    let subject = |c: &mut Checker, field: &str, value: &str| {
        let v = c.text(field, value, true, MAX_SUBJECT);
        if v.contains('\n') {
            c.fail(field, Problem::ControlCharacter);
        }
        v
    };
    let subject_ja = subject(&mut c, "subject_ja", &form.subject_ja);
    let subject_en = subject(&mut c, "subject_en", &form.subject_en);
    let body_ja = c.text("body_ja", &form.body_ja, true, MAX_BODY);
    let body_en = c.text("body_en", &form.body_en, true, MAX_BODY);
    match segment {
        Some(segment) if c.is_clean() => Ok(Checked {
            segment,
            subject_ja,
            subject_en,
            body_ja,
            body_en,
        }),
        _ => Err(c.into_problems()),
    }
}

impl Checked {
    /// The form of these texts (to show them again).
    pub fn form(&self, id: Option<i32>) -> AnnouncementForm {
        AnnouncementForm {
            id,
            segment: self.segment.key(),
            subject_ja: self.subject_ja.clone(),
            subject_en: self.subject_en.clone(),
            body_ja: self.body_ja.clone(),
            body_en: self.body_en.clone(),
        }
    }

    /// The four texts as templates for the segment's variables, parsed
    /// once for every recipient; each field's problem when one is not.
    #[cfg(any(feature = "mail", test))]
    pub fn texts(&self) -> Result<template::Texts<'_>, Vec<FieldError>> {
        template::Texts::new(
            &[
                ("subject_ja", self.subject_ja.as_str()),
                ("subject_en", self.subject_en.as_str()),
                ("body_ja", self.body_ja.as_str()),
                ("body_en", self.body_en.as_str()),
            ],
            self.segment.kind.variables(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> AnnouncementForm {
        AnnouncementForm {
            id: None,
            segment: "accepted-3".into(),
            subject_ja: " 事前課題 ".into(),
            subject_en: "Homework".into(),
            body_ja: "{{ name }} 様\r\n{{ track }}".into(),
            body_en: "Dear {{ name }}".into(),
        }
    }

    #[test]
    fn a_good_form_is_trimmed_and_its_templates_fit_the_segment() {
        let c = check(&form()).unwrap();
        assert_eq!(c.subject_ja, "事前課題");
        assert_eq!(c.body_ja, "{{ name }} 様\n{{ track }}");
        assert!(c.texts().is_ok());
        assert_eq!(Segment::parse(&c.form(Some(1)).segment), Some(c.segment));
        // The same text to alumni names a track they do not have.
        let alumni = check(&AnnouncementForm {
            segment: "alumni".into(),
            ..form()
        })
        .unwrap();
        let problems = alumni.texts().err().unwrap();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].field, "body_ja");
        assert_eq!(problems[0].problem, Problem::UnknownVariable(2));
    }

    #[test]
    fn every_field_problem_is_reported() {
        let bad = AnnouncementForm {
            id: None,
            segment: "everyone".into(),
            subject_ja: String::new(),
            subject_en: "two\nlines".into(),
            body_ja: "あ".repeat(MAX_BODY + 1),
            body_en: "nul\u{0}".into(),
        };
        let got: Vec<(String, Problem)> = check(&bad)
            .err()
            .unwrap()
            .into_iter()
            .map(|e| (e.field, e.problem))
            .collect();
        assert_eq!(
            got,
            vec![
                ("segment".to_string(), Problem::BadChoice),
                ("subject_ja".to_string(), Problem::Required),
                ("subject_en".to_string(), Problem::ControlCharacter),
                ("body_ja".to_string(), Problem::TooLong),
                ("body_en".to_string(), Problem::ControlCharacter),
            ]
        );
        let empty = check(&AnnouncementForm::default()).err().unwrap();
        assert_eq!(empty[0].problem, Problem::Required);
        assert_eq!(empty.len(), 5);
        // Exactly at the limits is fine.
        let full = AnnouncementForm {
            subject_ja: "あ".repeat(MAX_SUBJECT),
            body_en: "a".repeat(MAX_BODY),
            ..form()
        };
        assert!(check(&full).is_ok());
    }
}
