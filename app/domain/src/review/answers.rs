//! The answers CSV of a track, for its organisers: one record per
//! submitted application (its latest submission), one column per question
//! of every version of the questions that was answered, each headed by its
//! prompt. Organisers see who applied (the ranking shows it them), so the
//! names and address are in; reviewers, whom anonymity is about, get no
//! export at all.

use crate::application::files::FileAnswer;
use crate::application::questions::{Question, QuestionKind, chosen};
use crate::lang::{Lang, Localized};
use crate::spreadsheet::cell_time;
use crate::text::labels;
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

/// One question column: the question and the version of the track's
/// questions it belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnswerColumn {
    /// The version (1, 2, …) of the track's questions.
    pub version: i32,
    /// The question as it was asked.
    pub question: Question,
}

/// One submitted application, as the CSV writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnswerLine {
    /// The application's number.
    pub application_id: i32,
    /// The applicant's name.
    pub name: Localized,
    /// The applicant's address (empty for a deleted account).
    pub email: String,
    /// When the answers were submitted (the latest submission).
    pub submitted_at: DateTime<Utc>,
    /// The version of the questions answered.
    pub version: i32,
    /// The stored answers, by question id.
    pub answers: BTreeMap<i32, String>,
}

/// The header record in `lang`: the application's columns, then each
/// question's prompt, with its version when more than one was answered
/// (the same question may read differently in two versions).
pub fn csv_header(columns: &[AnswerColumn], lang: Lang) -> Vec<String> {
    use labels::answers_csv as h;
    let mut out: Vec<String> = [
        h::application,
        h::name_ja,
        h::name_en,
        h::email,
        h::submitted_at,
        h::version,
    ]
    .map(|label| label(lang).to_string())
    .into();
    let versioned = columns.iter().any(|c| c.version != columns[0].version);
    out.extend(columns.iter().map(|c| {
        let prompt = c.question.prompt.get(lang);
        if versioned {
            h::versioned_prompt(lang, prompt, c.version)
        } else {
            prompt.to_string()
        }
    }));
    out
}

/// One application's record, under [`csv_header`]: the questions of
/// another version are left empty.
pub fn csv_record(l: &AnswerLine, columns: &[AnswerColumn], lang: Lang) -> Vec<String> {
    let mut out = vec![
        l.application_id.to_string(),
        l.name.ja.clone(),
        l.name.en.clone(),
        l.email.clone(),
        cell_time(l.submitted_at),
        l.version.to_string(),
    ];
    out.extend(columns.iter().map(|c| match l.answers.get(&c.question.id) {
        Some(value) if c.version == l.version => answer_text(&c.question, value, lang),
        _ => String::new(),
    }));
    out
}

/// An answer as a person reads it: the text as typed, or the chosen
/// choices' labels in `lang` (a stored index that names no choice, or a
/// value that is no list of indexes, is written as stored).
pub fn answer_text(q: &Question, value: &str, lang: Lang) -> String {
    // A file's name and size, never its bytes.
    if let Some(f) = FileAnswer::decode(value).filter(|_| q.kind == QuestionKind::File) {
        return f.describe();
    }
    if !q.kind.is_choice() {
        return value.to_string();
    }
    let picked = chosen(value);
    if picked.is_empty() {
        return value.to_string();
    }
    picked
        .iter()
        .map(|&i| match q.choices.get(i) {
            Some(choice) => choice.get(lang).to_string(),
            None => i.to_string(),
        })
        .collect::<Vec<_>>()
        .join(labels::answers_csv::choice_separator(lang))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn question(id: i32, kind: QuestionKind, ja: &str, en: &str) -> Question {
        Question {
            id,
            kind,
            prompt: Localized::new(ja, en),
            choices: vec![
                Localized::new("ウェブ", "Web"),
                Localized::new("組込み", "Embedded"),
            ],
            max_chars: None,
            required: true,
            file: None,
        }
    }

    fn columns() -> Vec<AnswerColumn> {
        vec![
            AnswerColumn {
                version: 1,
                question: question(10, QuestionKind::LongText, "動機", "Motivation"),
            },
            AnswerColumn {
                version: 2,
                question: question(20, QuestionKind::LongText, "志望動機", "Why us"),
            },
            AnswerColumn {
                version: 2,
                question: question(21, QuestionKind::MultipleChoice, "分野", "Fields"),
            },
        ]
    }

    fn line() -> AnswerLine {
        AnswerLine {
            application_id: 7,
            name: Localized::new("山田 花子", "Hanako Yamada"),
            email: "hanako@example.jp".into(),
            submitted_at: Utc.with_ymd_and_hms(2027, 1, 10, 3, 0, 0).unwrap(),
            version: 2,
            answers: BTreeMap::from([(20, "一行目\n二行目".into()), (21, "0,1".into())]),
        }
    }

    #[test]
    fn several_versions_name_their_version_in_the_header() {
        let cols = columns();
        assert_eq!(
            csv_header(&cols, Lang::En)[6..],
            ["v1: Motivation", "v2: Why us", "v2: Fields"]
        );
        assert_eq!(csv_header(&cols, Lang::Ja)[6], "第1版: 動機");
        assert_eq!(csv_header(&cols, Lang::Ja)[0], "応募番号");
        // One version: just the prompts.
        assert_eq!(csv_header(&cols[1..], Lang::En)[6..], ["Why us", "Fields"]);
    }

    #[test]
    fn answers_fill_their_own_version_and_choices_are_named() {
        let cols = columns();
        let en = csv_record(&line(), &cols, Lang::En);
        assert_eq!(en.len(), csv_header(&cols, Lang::En).len());
        assert_eq!(
            en,
            [
                "7",
                "山田 花子",
                "Hanako Yamada",
                "hanako@example.jp",
                "2027-01-10 12:00",
                "2",
                "",
                "一行目\n二行目",
                "Web; Embedded",
            ]
        );
        assert_eq!(csv_record(&line(), &cols, Lang::Ja)[8], "ウェブ、組込み");
    }

    #[test]
    fn odd_choice_values_are_kept_as_stored() {
        let q = question(1, QuestionKind::SingleChoice, "分野", "Field");
        assert_eq!(answer_text(&q, "5", Lang::En), "5");
        assert_eq!(answer_text(&q, "web", Lang::En), "web");
        assert_eq!(answer_text(&q, "1", Lang::Ja), "組込み");
    }
}
