//! Application questions and answers: the kinds of question, how a form's
//! fields become answers, what a submission requires of them, and when an
//! organiser's change needs a new version of a track's questions.

use super::files::{FileAnswer, FileRule};
use crate::enums::stored_enum;
use crate::forms::{FieldError, Problem, has_control_character};
use crate::lang::Localized;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// The most characters a draft answer may hold, whatever its question's
/// limit: over-limit drafts are kept (and refused only at submission), but
/// not without bound.
pub const DRAFT_ANSWER_CAP: usize = 20_000;

stored_enum! {
    /// How a question is answered.
    pub enum QuestionKind: varchar(16) {
        /// Several paragraphs, usually with a character limit.
        LongText = "long_text",
        /// One line.
        ShortText = "short_text",
        /// One of the choices.
        SingleChoice = "single_choice",
        /// Any of the choices.
        MultipleChoice = "multiple_choice",
        /// A web address (e.g. a write-up or a repository).
        Url = "url",
        /// An uploaded file (a PDF write-up, a small archive of code), sent
        /// by its own form and stored apart (see [`super::files`]).
        File = "file",
    }
}

impl QuestionKind {
    /// Whether the answer picks among choices.
    pub fn is_choice(self) -> bool {
        matches!(
            self,
            QuestionKind::SingleChoice | QuestionKind::MultipleChoice
        )
    }
}

/// One question as the applicant's form shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    /// The question's id (answers are keyed by it).
    pub id: i32,
    /// How it is answered.
    pub kind: QuestionKind,
    /// The prompt.
    pub prompt: Localized,
    /// The choices of a choice question, in order.
    pub choices: Vec<Localized>,
    /// The character limit of a text question.
    pub max_chars: Option<i32>,
    /// Whether it must be answered to submit.
    pub required: bool,
    /// What a file question accepts (`None` for every other kind).
    #[serde(default)]
    pub file: Option<FileRule>,
}

impl Question {
    /// The form field of the answer (and of its problem).
    pub fn field(&self) -> String {
        format!("q{}", self.id)
    }
}

/// Characters as a person counts them (not bytes): 「あ」 is one.
pub fn char_count(s: &str) -> usize {
    s.chars().count()
}

/// The answers posted by the form, by question id. Text and single choice
/// come as `q<id>`; a multiple choice as one `q<id>_c<n>` per ticked choice,
/// stored as the ticked indexes joined by commas ("0,2").
pub fn collect_answers(
    questions: &[Question],
    posted: &HashMap<String, String>,
) -> BTreeMap<i32, String> {
    let mut out = BTreeMap::new();
    for q in questions {
        let value = if q.kind == QuestionKind::File {
            // A file is never an answer a form posts: it is sent by its own
            // upload and put in by `files::with_stored_files`.
            String::new()
        } else if q.kind == QuestionKind::MultipleChoice {
            (0..q.choices.len())
                .filter(|i| posted.contains_key(&format!("{}_c{i}", q.field())))
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(",")
        } else {
            posted
                .get(&q.field())
                .map(|v| v.replace("\r\n", "\n"))
                .unwrap_or_default()
        };
        out.insert(q.id, value);
    }
    out
}

/// The ticked choice indexes of a stored choice answer.
pub fn chosen(value: &str) -> Vec<usize> {
    value
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect()
}

/// Problems that keep a draft from being saved at all (sheer size, and
/// control characters no keyboard types: everything else is kept and
/// refused at submission).
pub fn draft_problems(questions: &[Question], answers: &BTreeMap<i32, String>) -> Vec<FieldError> {
    questions
        .iter()
        .filter_map(|q| {
            let a = answers.get(&q.id)?;
            let problem = if has_control_character(a) {
                Problem::ControlCharacter
            } else if char_count(a) > DRAFT_ANSWER_CAP {
                Problem::OverLimit(q.max_chars.unwrap_or(DRAFT_ANSWER_CAP as i32))
            } else {
                return None;
            };
            Some(FieldError {
                field: q.field(),
                problem,
            })
        })
        .collect()
}

/// Every problem of the answers for a submission: a missing required
/// answer, an answer over its limit, a choice not offered, a bad address.
pub fn submission_problems(
    questions: &[Question],
    answers: &BTreeMap<i32, String>,
) -> Vec<FieldError> {
    let mut out = Vec::new();
    for q in questions {
        let value = answers.get(&q.id).map(|s| s.trim()).unwrap_or("");
        let problem = if value.is_empty() {
            q.required.then_some(Problem::Required)
        } else {
            answer_problem(q, value)
        };
        if let Some(problem) = problem {
            out.push(FieldError {
                field: q.field(),
                problem,
            });
        }
    }
    out
}

fn answer_problem(q: &Question, value: &str) -> Option<Problem> {
    match q.kind {
        QuestionKind::LongText | QuestionKind::ShortText => q
            .max_chars
            .filter(|max| char_count(value) > usize::try_from(*max).unwrap_or(0))
            .map(Problem::OverLimit),
        QuestionKind::SingleChoice | QuestionKind::MultipleChoice => {
            let picked: Vec<&str> = value.split(',').map(str::trim).collect();
            let offered = |s: &&str| s.parse::<usize>().is_ok_and(|i| i < q.choices.len());
            let one_only = q.kind == QuestionKind::MultipleChoice || picked.len() == 1;
            (!one_only || !picked.iter().all(offered)).then_some(Problem::BadChoice)
        }
        QuestionKind::Url => (!is_web_address(value)).then_some(Problem::BadUrl),
        // The value is the stored file's, never a posted one (see
        // `files::with_stored_files`); anything else names no file.
        QuestionKind::File => FileAnswer::decode(value)
            .is_none()
            .then_some(Problem::Required),
    }
}

/// Whether `s` is an `http(s)://` address with a host and no spaces or
/// control characters.
pub fn is_web_address(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    match rest {
        Some(rest) => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or("");
            !host.is_empty()
                && host.contains('.')
                && !s.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    }
}

/// How an organiser's change to a track's questions is saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuestionChange {
    /// Nobody has submitted answers to the current set: change it as it is.
    InPlace,
    /// Someone has: copy the set as a new version with the change, so the
    /// submitted answers keep the questions they answered.
    NewVersion,
}

/// Whether a change edits the current set or makes a new version.
pub fn question_change(current_set_has_submissions: bool) -> QuestionChange {
    if current_set_has_submissions {
        QuestionChange::NewVersion
    } else {
        QuestionChange::InPlace
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(id: i32, kind: QuestionKind, max: Option<i32>, required: bool) -> Question {
        Question {
            id,
            kind,
            prompt: Localized::new("問", "Q"),
            choices: vec![Localized::new("あ", "a"), Localized::new("い", "b")],
            max_chars: max,
            required,
            file: None,
        }
    }

    fn answers(pairs: &[(i32, &str)]) -> BTreeMap<i32, String> {
        pairs.iter().map(|(k, v)| (*k, v.to_string())).collect()
    }

    fn problems(qs: &[Question], a: &[(i32, &str)]) -> Vec<Problem> {
        submission_problems(qs, &answers(a))
            .into_iter()
            .map(|e| e.problem)
            .collect()
    }

    #[test]
    fn limits_count_characters_not_bytes() {
        let qs = [q(1, QuestionKind::LongText, Some(3), true)];
        assert!(problems(&qs, &[(1, "あいう")]).is_empty());
        assert_eq!(
            problems(&qs, &[(1, "あいうえ")]),
            vec![Problem::OverLimit(3)]
        );
        assert_eq!(char_count("セキュリティ"), 6);
    }

    #[test]
    fn required_choice_and_url_problems() {
        let qs = [
            q(1, QuestionKind::ShortText, None, true),
            q(2, QuestionKind::SingleChoice, None, false),
            q(3, QuestionKind::MultipleChoice, None, false),
            q(4, QuestionKind::Url, None, false),
        ];
        assert_eq!(
            problems(&qs, &[(1, "  "), (2, "5"), (3, "0,7"), (4, "ftp://x")]),
            vec![
                Problem::Required,
                Problem::BadChoice,
                Problem::BadChoice,
                Problem::BadUrl
            ]
        );
        assert_eq!(
            problems(&qs, &[(1, "x"), (2, "0,1")]),
            vec![Problem::BadChoice]
        );
        assert!(
            problems(
                &qs,
                &[(1, "x"), (2, "1"), (3, "0,1"), (4, "https://example.jp/a")]
            )
            .is_empty()
        );
        assert!(!is_web_address("https://exa mple.jp"));
        assert!(!is_web_address("https:///x"));
    }

    #[test]
    fn posted_fields_become_answers() {
        let qs = [
            q(1, QuestionKind::LongText, Some(10), true),
            q(2, QuestionKind::MultipleChoice, None, false),
        ];
        let posted: HashMap<String, String> = [
            ("q1".to_string(), "a\r\nb".to_string()),
            ("q2_c1".to_string(), "on".to_string()),
            ("q2_c0".to_string(), "on".to_string()),
            ("q9".to_string(), "ignored".to_string()),
        ]
        .into();
        let a = collect_answers(&qs, &posted);
        assert_eq!(a, answers(&[(1, "a\nb"), (2, "0,1")]));
        assert_eq!(chosen("0,1"), vec![0, 1]);
        let big = "x".repeat(DRAFT_ANSWER_CAP + 1);
        assert_eq!(
            draft_problems(&qs, &answers(&[(1, "あ".repeat(11).as_str())])),
            vec![]
        );
        assert_eq!(draft_problems(&qs, &answers(&[(1, big.as_str())])).len(), 1);
    }

    #[test]
    fn a_change_after_a_submission_makes_a_new_version() {
        assert_eq!(question_change(false), QuestionChange::InPlace);
        assert_eq!(question_change(true), QuestionChange::NewVersion);
        for k in QuestionKind::ALL {
            assert_eq!(QuestionKind::parse(k.as_str()), Some(k));
        }
    }
}
