//! The organiser's subject and body as templates, in a sandbox.
//!
//! An announcement says `{{ name }}` where each recipient's name goes,
//! and may name the programme, cohort, track or event its segment is
//! about ([`super::SegmentKind::variables`]); nothing else. The text is
//! checked before minijinja sees it: every tag must be a bare variable
//! name of that list. Statements (`{% … %}`), comments, filters, calls,
//! literals and operators are refused, so the text cannot loop, build a
//! huge string, include a template or reach anything but the values it is
//! given; those values are the names only. minijinja then parses the text
//! (syntax errors are refused with their line) and renders it in an empty
//! environment (no filters, functions or other templates) with undefined
//! variables an error. The result is plain text: nothing is escaped, and
//! nothing reads it as HTML.

use crate::forms::{FieldError, Problem};
use minijinja::{AutoEscape, Environment, UndefinedBehavior, Value};
use std::collections::BTreeMap;

/// What is wrong with one template, at which line (1-based).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TemplateError {
    /// Not a template minijinja parses (a tag left open, say).
    Syntax(i32),
    /// A tag holding something other than a variable's name.
    NotAVariable(i32),
    /// A variable the segment does not have.
    Unknown(i32),
}

impl TemplateError {
    /// The problem to show on the form.
    pub fn problem(self) -> Problem {
        match self {
            TemplateError::Syntax(line) => Problem::TemplateSyntax(line),
            TemplateError::NotAVariable(line) => Problem::NotAVariable(line),
            TemplateError::Unknown(line) => Problem::UnknownVariable(line),
        }
    }
}

/// The 1-based line of byte `at` in `source`.
fn line_at(source: &str, at: usize) -> i32 {
    let line = source[..at].matches('\n').count() + 1;
    i32::try_from(line).unwrap_or(i32::MAX)
}

/// Whether `s` is a variable's name as minijinja reads one.
fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Checks that every tag of `source` is one of `allowed`, before parsing.
fn scan(source: &str, allowed: &[&str]) -> Result<(), TemplateError> {
    let mut rest = 0;
    while let Some(found) = source[rest..].find('{') {
        let at = rest + found;
        let after = &source[at + 1..];
        if after.starts_with('%') || after.starts_with('#') {
            return Err(TemplateError::NotAVariable(line_at(source, at)));
        }
        if !after.starts_with('{') {
            rest = at + 1;
            continue;
        }
        let Some(end) = after[1..].find("}}") else {
            return Err(TemplateError::Syntax(line_at(source, at)));
        };
        let inner = after[1..1 + end]
            .trim()
            .trim_start_matches(['-', '+'])
            .trim_end_matches(['-', '+'])
            .trim();
        if !is_name(inner) {
            return Err(TemplateError::NotAVariable(line_at(source, at)));
        }
        if !allowed.contains(&inner) {
            return Err(TemplateError::Unknown(line_at(source, at)));
        }
        rest = at + 2 + end + 2;
    }
    Ok(())
}

/// The sandbox: no filters, tests, functions or templates of its own.
fn environment<'s>() -> Environment<'s> {
    let mut env = Environment::empty();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|_| AutoEscape::None);
    env
}

fn error_line(e: &minijinja::Error) -> i32 {
    e.line().and_then(|l| i32::try_from(l).ok()).unwrap_or(1)
}

/// The values a text is rendered with: variable name → value.
pub type Values = BTreeMap<&'static str, String>;

/// `values` as minijinja's context.
fn context(values: &Values) -> Value {
    Value::from(
        values
            .iter()
            .map(|(k, v)| ((*k).to_string(), v.clone()))
            .collect::<BTreeMap<String, String>>(),
    )
}

/// The organiser's texts, checked and parsed once, rendered for each
/// recipient. Keyed by the form's field names (`subject_ja`, …).
pub struct Texts<'s> {
    env: Environment<'s>,
}

impl<'s> Texts<'s> {
    /// Checks and parses `fields` (form field name, text), each allowed
    /// the variables `allowed`; every field's problem is reported.
    pub fn new(
        fields: &[(&'s str, &'s str)],
        allowed: &[&'static str],
    ) -> Result<Self, Vec<FieldError>> {
        let mut env = environment();
        let mut problems = Vec::new();
        for &(field, source) in fields {
            let checked = scan(source, allowed).and_then(|()| {
                env.add_template(field, source)
                    .map_err(|e| TemplateError::Syntax(error_line(&e)))
            });
            if let Err(e) = checked {
                problems.push(FieldError {
                    field: field.to_string(),
                    problem: e.problem(),
                });
            }
        }
        // A trial render with every allowed variable set: what passes here
        // renders for every recipient, whose values differ only in text.
        if problems.is_empty() {
            let sample: Values = allowed.iter().map(|v| (*v, "x".to_string())).collect();
            for &(field, _) in fields {
                let rendered = env
                    .get_template(field)
                    .and_then(|t| t.render(context(&sample)));
                if let Err(e) = rendered {
                    problems.push(FieldError {
                        field: field.to_string(),
                        problem: Problem::UnknownVariable(error_line(&e)),
                    });
                }
            }
        }
        if problems.is_empty() {
            Ok(Texts { env })
        } else {
            Err(problems)
        }
    }

    /// The text of `field` rendered with `values`; `None` when a variable
    /// it uses has no value (which [`Texts::new`]'s checks rule out).
    pub fn render(&self, field: &str, values: &Values) -> Option<String> {
        self.env
            .get_template(field)
            .and_then(|t| t.render(context(values)))
            .ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [&str; 4] = ["name", "programme", "cohort", "track"];

    fn one(source: &str) -> Result<(), Problem> {
        Texts::new(&[("body_ja", source)], &ALL)
            .map(|_| ())
            .map_err(|p| p[0].problem)
    }

    fn values() -> Values {
        Values::from([
            ("name", "山田 太郎".to_string()),
            ("programme", "セキュリティ・キャンプ".to_string()),
            ("cohort", "2027".to_string()),
            ("track", "AI".to_string()),
        ])
    }

    #[test]
    fn variables_are_put_in_and_the_rest_is_kept_as_typed() {
        let body = "{{ name }} 様\n{{programme}} {{- cohort -}}：{{ track }}\n<b>&amp;</b>";
        let t = Texts::new(&[("body_ja", body)], &ALL).unwrap();
        assert_eq!(
            t.render("body_ja", &values()).unwrap(),
            "山田 太郎 様\nセキュリティ・キャンプ2027：AI\n<b>&amp;</b>"
        );
        // Braces that open no tag are text.
        assert_eq!(one("{ single } and }} and {x}"), Ok(()));
    }

    #[test]
    fn a_value_is_never_read_as_a_template() {
        let t = Texts::new(&[("s", "Hi {{ name }}")], &ALL).unwrap();
        let mut v = values();
        v.insert("name", "{{ programme }}{% for x in y %}".into());
        assert_eq!(
            t.render("s", &v).unwrap(),
            "Hi {{ programme }}{% for x in y %}"
        );
    }

    #[test]
    fn unknown_variables_are_refused_with_their_line() {
        assert_eq!(one("a\nb {{ event }}"), Err(Problem::UnknownVariable(2)));
        assert_eq!(one("{{ email }}"), Err(Problem::UnknownVariable(1)));
        assert_eq!(one("{{ Name }}"), Err(Problem::UnknownVariable(1)));
        // The segment decides: alumni have no track.
        let alumni = Texts::new(&[("b", "{{ track }}")], &["name", "programme"]);
        assert_eq!(
            alumni.err().unwrap()[0].problem,
            Problem::UnknownVariable(1)
        );
    }

    #[test]
    fn anything_but_a_variable_is_refused() {
        for (source, line) in [
            ("{% for i in range(100000) %}x{% endfor %}", 1),
            ("ok\n{{ 'x' * 1000000000 }}", 2),
            ("{{ name|upper }}", 1),
            ("{{ name.__class__ }}", 1),
            ("{{ name() }}", 1),
            ("{{ }}", 1),
            ("a\n\n{# note #}", 3),
            ("{% include 'layout' %}", 1),
            ("{% raw %}{{ name }}{% endraw %}", 1),
            ("{{ name ~ name }}", 1),
            ("{{ [1, 2] }}", 1),
        ] {
            assert_eq!(one(source), Err(Problem::NotAVariable(line)), "{source}");
        }
    }

    #[test]
    fn syntax_errors_are_refused_with_their_line() {
        assert_eq!(one("x\n{{ name"), Err(Problem::TemplateSyntax(2)));
        assert_eq!(one("{{ name }"), Err(Problem::TemplateSyntax(1)));
    }

    #[test]
    fn every_field_reports_its_own_problem() {
        let fields = [
            ("subject_ja", "{{ nme }}"),
            ("subject_en", "fine"),
            ("body_ja", "{% if %}"),
            ("body_en", "{{ name"),
        ];
        let problems = Texts::new(&fields, &ALL).err().unwrap();
        let got: Vec<(&str, Problem)> = problems
            .iter()
            .map(|p| (p.field.as_str(), p.problem))
            .collect();
        assert_eq!(
            got,
            vec![
                ("subject_ja", Problem::UnknownVariable(1)),
                ("body_ja", Problem::NotAVariable(1)),
                ("body_en", Problem::TemplateSyntax(1)),
            ]
        );
    }
}
