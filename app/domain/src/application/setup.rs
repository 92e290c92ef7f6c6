//! The organiser's forms for a programme's eligibility rules and a track's
//! questions: what they post, how it is checked, what the pages show.

use super::eligibility::EligibilityRules;
use super::files::{DEFAULT_FILE_MB, FileProblem, FileRule, FileType, MAX_FILE_MB};
use super::questions::{Question, QuestionKind};
use crate::catalogue::ProgrammeRef;
use crate::forms::{Checker, FieldError, Problem};
use crate::lang::Localized;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Longest prompt accepted.
pub const MAX_PROMPT: usize = 2_000;
/// Most choices a question may offer.
pub const MAX_CHOICES: usize = 30;
/// Longest choice accepted, in characters.
pub const MAX_CHOICE: usize = 200;

/// The question form as posted (`draft[...]`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionDraft {
    /// `long_text`, `short_text`, `single_choice`, `multiple_choice` or `url`.
    #[serde(default)]
    pub kind: String,
    /// The prompt in Japanese.
    #[serde(default)]
    pub prompt_ja: String,
    /// The prompt in English.
    #[serde(default)]
    pub prompt_en: String,
    /// Choices in Japanese, one per line.
    #[serde(default)]
    pub choices_ja: String,
    /// Choices in English, line by line with the Japanese.
    #[serde(default)]
    pub choices_en: String,
    /// The character limit (text questions; empty: none).
    #[serde(default)]
    pub max_chars: String,
    /// `yes` when an answer is required.
    #[serde(default)]
    pub required: Option<String>,
    /// Its place on the form, from 1.
    #[serde(default)]
    pub position: String,
    /// The largest file of a file question, in MB (empty: the default).
    #[serde(default)]
    pub max_mb: String,
    /// The file types a file question accepts: `draft[file_types][pdf]=yes`.
    #[serde(default)]
    pub file_types: BTreeMap<String, String>,
}

/// A checked question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidQuestion {
    /// How it is answered.
    pub kind: QuestionKind,
    /// The prompt.
    pub prompt: Localized,
    /// The choices (choice questions only).
    pub choices: Vec<Localized>,
    /// The character limit (text questions only).
    pub max_chars: Option<i32>,
    /// Whether an answer is required.
    pub required: bool,
    /// Its place on the form, from 0 (`None`: at the end).
    pub position: Option<usize>,
    /// What a file question accepts (file questions only).
    pub file: Option<FileRule>,
}

fn lines(s: &str) -> Vec<String> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// Checks a question form.
pub fn validate_question(d: &QuestionDraft) -> Result<ValidQuestion, Vec<FieldError>> {
    let mut c = Checker::default();
    let kind = QuestionKind::parse(d.kind.trim());
    if kind.is_none() {
        c.fail("kind", Problem::BadChoice);
    }
    let prompt = Localized::new(
        c.text("prompt_ja", &d.prompt_ja, true, MAX_PROMPT),
        c.text("prompt_en", &d.prompt_en, false, MAX_PROMPT),
    );
    let (ja, en) = (lines(&d.choices_ja), lines(&d.choices_en));
    let choice_kind = kind.is_some_and(QuestionKind::is_choice);
    if choice_kind && ja.is_empty() {
        c.fail("choices_ja", Problem::Required);
    } else if ja.len() > MAX_CHOICES {
        c.fail("choices_ja", Problem::TooLong);
    } else if !en.is_empty() && en.len() != ja.len() {
        c.fail("choices_en", Problem::BadChoice);
    }
    // Each choice is checked like a one-line field; one problem per list.
    for (field, list) in [("choices_ja", &ja), ("choices_en", &en)] {
        let mut each = Checker::default();
        for choice in list {
            each.text(field, choice, false, MAX_CHOICE);
        }
        if let Some(first) = each.into_problems().into_iter().next() {
            c.fail(field, first.problem);
        }
    }
    let choices = if choice_kind {
        ja.iter()
            .enumerate()
            .map(|(i, j)| Localized::new(j, en.get(i).cloned().unwrap_or_default()))
            .collect()
    } else {
        Vec::new()
    };
    let text_kind = matches!(kind, Some(QuestionKind::LongText | QuestionKind::ShortText));
    let max_chars = match d.max_chars.trim() {
        "" => None,
        s => match s.parse::<i32>() {
            Ok(n) if (1..=20_000).contains(&n) => Some(n).filter(|_| text_kind),
            _ => {
                c.fail("max_chars", Problem::BadCount);
                None
            }
        },
    };
    let position = match d.position.trim() {
        "" => None,
        s => match s.parse::<usize>() {
            Ok(n) if n >= 1 => Some(n - 1),
            _ => {
                c.fail("position", Problem::BadCount);
                None
            }
        },
    };
    let file = (kind == Some(QuestionKind::File))
        .then(|| file_rule(&mut c, d))
        .flatten();
    match kind {
        Some(kind) if c.is_clean() => Ok(ValidQuestion {
            kind,
            prompt,
            choices,
            max_chars,
            required: d.required.as_deref() == Some("yes"),
            position,
            file,
        }),
        _ => Err(c.into_problems()),
    }
}

/// A file question's limits from its form: the size (1 to
/// [`MAX_FILE_MB`], empty for [`DEFAULT_FILE_MB`]) and at least one type.
fn file_rule(c: &mut Checker, d: &QuestionDraft) -> Option<FileRule> {
    let max_mb = match d.max_mb.trim() {
        "" => Some(DEFAULT_FILE_MB),
        s => s
            .parse::<i32>()
            .ok()
            .filter(|n| (1..=MAX_FILE_MB).contains(n)),
    };
    if max_mb.is_none() {
        c.fail("max_mb", Problem::BadCount);
    }
    let types: Vec<FileType> = FileType::ALL
        .into_iter()
        .filter(|t| d.file_types.get(t.as_str()).is_some_and(|v| v == "yes"))
        .collect();
    if types.is_empty() {
        c.fail("file_types", Problem::File(FileProblem::NoTypes));
    }
    Some(FileRule {
        max_mb: max_mb?,
        types,
    })
}

/// The eligibility form as posted (`draft[...]`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EligibilityDraft {
    /// Youngest age (empty: none).
    #[serde(default)]
    pub min_age: String,
    /// Oldest age (empty: none).
    #[serde(default)]
    pub max_age: String,
    /// `yes`: once only.
    #[serde(default)]
    pub once_only: Option<String>,
    /// Applications per cohort.
    #[serde(default)]
    pub max_applications_per_cohort: String,
    /// Declarations in Japanese, one per line.
    #[serde(default)]
    pub declarations_ja: String,
    /// Declarations in English, one per line.
    #[serde(default)]
    pub declarations_en: String,
    /// `yes`: ask for a field of expertise.
    #[serde(default)]
    pub ask_expertise: Option<String>,
}

impl EligibilityDraft {
    /// The form filled with `r`.
    pub fn of(r: &EligibilityRules) -> Self {
        let yes = |b: bool| b.then(|| "yes".to_string());
        Self {
            min_age: r.min_age.map(|n| n.to_string()).unwrap_or_default(),
            max_age: r.max_age.map(|n| n.to_string()).unwrap_or_default(),
            once_only: yes(r.once_only),
            max_applications_per_cohort: r.max_applications_per_cohort.to_string(),
            declarations_ja: r.declarations.ja.clone(),
            declarations_en: r.declarations.en.clone(),
            ask_expertise: yes(r.ask_expertise),
        }
    }
}

/// Checks the eligibility form.
pub fn validate_eligibility(d: &EligibilityDraft) -> Result<EligibilityRules, Vec<FieldError>> {
    let mut c = Checker::default();
    let mut age = |field: &str, s: &str| match s.trim() {
        "" => None,
        s => match s.parse::<i32>() {
            Ok(n) if (0..=120).contains(&n) => Some(n),
            _ => {
                c.fail(field, Problem::BadCount);
                None
            }
        },
    };
    let (min_age, max_age) = (age("min_age", &d.min_age), age("max_age", &d.max_age));
    let per_cohort = c.count(
        "max_applications_per_cohort",
        &d.max_applications_per_cohort,
    );
    if per_cohort < 1 {
        c.fail("max_applications_per_cohort", Problem::BadCount);
    }
    let rules = EligibilityRules {
        min_age,
        max_age,
        once_only: d.once_only.as_deref() == Some("yes"),
        max_applications_per_cohort: per_cohort,
        declarations: Localized::new(
            c.text("declarations_ja", &d.declarations_ja, false, 4_000),
            c.text("declarations_en", &d.declarations_en, false, 4_000),
        ),
        ask_expertise: d.ask_expertise.as_deref() == Some("yes"),
    };
    if c.is_clean() {
        Ok(rules)
    } else {
        Err(c.into_problems())
    }
}

/// The eligibility page's data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ManagedEligibility {
    /// The programme.
    pub programme: ProgrammeRef,
    /// The form's values.
    pub draft: EligibilityDraft,
}

/// The questions page's data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ManagedQuestions {
    /// The programme.
    pub programme: ProgrammeRef,
    /// The cohort's slug and title.
    pub cohort: (String, Localized),
    /// The track's slug and name.
    pub track: (String, Localized),
    /// The current version (0 before any question).
    pub version: i32,
    /// Whether submitted answers exist, so the next change makes a new version.
    pub frozen: bool,
    /// The current questions.
    pub questions: Vec<Question>,
    /// What was typed into a question form the server refused, when it was
    /// posted without JavaScript (shown once, in that form).
    pub kept: Option<KeptQuestion>,
    /// Whether the person may change the questions and rubric now (a
    /// lecturer only until applications open, see [`questions_editable`]).
    pub editable: bool,
    /// Whether the person organises the programme (their forms keep
    /// working after applications open, and the review page is theirs).
    pub organiser: bool,
    /// The track's rubric, edited on this page too.
    pub criteria: Vec<crate::review::rubric::Criterion>,
}

/// Whether someone who may edit a track's questions ([`crate::access::Action::EditQuestions`])
/// may change them and the rubric at `now`: organisers always (they keep
/// the last word), the track's lecturers only before applications open, so
/// that every applicant answers questions the organisers have seen.
pub fn questions_editable(
    organiser: bool,
    now: chrono::DateTime<chrono::Utc>,
    applications_open_at: chrono::DateTime<chrono::Utc>,
) -> Result<(), Problem> {
    if organiser || now < applications_open_at {
        Ok(())
    } else {
        Err(Problem::QuestionsOpened)
    }
}

/// A refused question form's values, kept for the page's next load.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeptQuestion {
    /// The question the form edits (0: the form adding one).
    pub question: i32,
    /// What was typed.
    pub draft: QuestionDraft,
}

/// The key under which a track's refused question form is kept.
pub fn questions_form_key(track_id: i32) -> String {
    format!("questions:{track_id}")
}

/// The form values showing `q` at `index` (0-based).
pub fn question_draft(q: &Question, index: usize) -> QuestionDraft {
    let choices =
        |f: fn(&Localized) -> &str| q.choices.iter().map(f).collect::<Vec<_>>().join("\n");
    QuestionDraft {
        kind: q.kind.as_str().into(),
        prompt_ja: q.prompt.ja.clone(),
        prompt_en: q.prompt.en.clone(),
        choices_ja: choices(|l| &l.ja),
        choices_en: choices(|l| &l.en),
        max_chars: q.max_chars.map(|n| n.to_string()).unwrap_or_default(),
        required: q.required.then(|| "yes".into()),
        position: (index + 1).to_string(),
        max_mb: q
            .file
            .as_ref()
            .map(|f| f.max_mb.to_string())
            .unwrap_or_default(),
        file_types: q
            .file
            .iter()
            .flat_map(|f| f.types.iter())
            .map(|t| (t.as_str().to_string(), "yes".to_string()))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lecturers_edit_questions_until_applications_open_and_organisers_always() {
        use chrono::{Duration, TimeZone, Utc};
        let opens = Utc.with_ymd_and_hms(2027, 4, 15, 1, 0, 0).unwrap();
        let before = opens - Duration::seconds(1);
        assert_eq!(questions_editable(false, before, opens), Ok(()));
        assert_eq!(
            questions_editable(false, opens, opens),
            Err(Problem::QuestionsOpened)
        );
        assert_eq!(
            questions_editable(false, opens + Duration::days(30), opens),
            Err(Problem::QuestionsOpened)
        );
        assert_eq!(questions_editable(true, opens, opens), Ok(()));
        assert_eq!(questions_editable(true, before, opens), Ok(()));
    }

    #[test]
    fn question_forms_are_checked() {
        let d = QuestionDraft {
            kind: "single_choice".into(),
            prompt_ja: "経験".into(),
            choices_ja: "なし\nあり\n".into(),
            choices_en: "None\nSome".into(),
            max_chars: "500".into(),
            required: Some("yes".into()),
            position: "2".into(),
            ..Default::default()
        };
        let v = validate_question(&d).unwrap();
        assert_eq!(v.choices[1], Localized::new("あり", "Some"));
        assert_eq!((v.max_chars, v.position, v.required), (None, Some(1), true));
        let bad = QuestionDraft {
            kind: "essay".into(),
            max_chars: "-1".into(),
            ..Default::default()
        };
        let fields: Vec<_> = validate_question(&bad)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, vec!["kind", "prompt_ja", "max_chars"]);
        let q = Question {
            id: 1,
            kind: v.kind,
            prompt: v.prompt.clone(),
            choices: v.choices.clone(),
            max_chars: None,
            required: true,
            file: None,
        };
        assert_eq!(validate_question(&question_draft(&q, 1)).unwrap(), v);
    }

    #[test]
    fn file_questions_need_a_size_in_range_and_a_type() {
        let mut d = QuestionDraft {
            kind: "file".into(),
            prompt_ja: "資料".into(),
            max_mb: "11".into(),
            ..Default::default()
        };
        let problems: Vec<_> = validate_question(&d)
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.problem))
            .collect();
        assert_eq!(
            problems,
            vec![
                ("max_mb".to_string(), Problem::BadCount),
                (
                    "file_types".to_string(),
                    Problem::File(FileProblem::NoTypes)
                )
            ]
        );
        d.max_mb = "2".into();
        d.file_types = [("pdf", "yes"), ("zip", "yes"), ("exe", "yes")]
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .into();
        let v = validate_question(&d).unwrap();
        let rule = FileRule {
            max_mb: 2,
            types: vec![FileType::Pdf, FileType::Zip],
        };
        assert_eq!(v.file, Some(rule.clone()));
        let stored = Question {
            id: 1,
            kind: v.kind,
            prompt: v.prompt.clone(),
            choices: Vec::new(),
            max_chars: None,
            required: false,
            file: Some(rule),
        };
        let again = validate_question(&question_draft(&stored, 0)).unwrap();
        assert_eq!(again.file, v.file);
        d.max_mb = String::new();
        assert_eq!(
            validate_question(&d).unwrap().file.unwrap().max_mb,
            DEFAULT_FILE_MB
        );
    }

    #[test]
    fn eligibility_forms_round_trip() {
        let rules = EligibilityRules {
            max_age: Some(22),
            once_only: true,
            ..Default::default()
        };
        assert_eq!(
            validate_eligibility(&EligibilityDraft::of(&rules)).unwrap(),
            rules
        );
        let bad = EligibilityDraft {
            min_age: "x".into(),
            max_applications_per_cohort: "0".into(),
            ..Default::default()
        };
        assert_eq!(validate_eligibility(&bad).unwrap_err().len(), 2);
    }
}
