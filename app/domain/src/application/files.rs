//! File answers: what a file question accepts (its types and largest size),
//! the type of an upload read from its content (magic bytes: the name and
//! the browser's content type are never trusted), how a stored file stands
//! in an application's answers, and the names a download is given.

use super::questions::{Question, QuestionKind};
use crate::enums::stored_enum;
use crate::lang::Lang;
use crate::text::{labels, problems};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The largest size an organiser may allow for one file question, in MB
/// (MiB). The upload route's body limit follows it.
pub const MAX_FILE_MB: i32 = 10;

/// The size a file question allows when the organiser leaves it empty.
pub const DEFAULT_FILE_MB: i32 = 5;

/// Bytes in one MB as the limits count them (MiB).
pub const MB: usize = 1024 * 1024;

/// Longest kept file name, in characters (the rest of a longer name is cut).
pub const MAX_NAME_CHARS: usize = 100;

/// Where a file question's upload form posts (a plain multipart form,
/// answered by the server's own route, not a server function).
pub const UPLOAD_PATH: &str = "/programmes/{programme}/{cohort}/tracks/{track}/apply/upload";

/// Where an uploaded file is downloaded.
pub const DOWNLOAD_PATH: &str = "/applications/files/{id}";

/// The upload address of a track's application form.
pub fn upload_url(programme: &str, cohort: &str, track: &str) -> String {
    format!("/programmes/{programme}/{cohort}/tracks/{track}/apply/upload")
}

/// The download address of file `id`.
pub fn download_url(id: i32) -> String {
    format!("/applications/files/{id}")
}

/// The key under which a refused plain upload's problems wait for the
/// application form of track `track_id` (shown there once).
pub fn upload_flash_key(track_id: i32) -> String {
    format!("upload:{track_id}")
}

stored_enum! {
    /// A type of file a question may accept, as read from the content.
    pub enum FileType: varchar(8) {
        /// A PDF document (`%PDF-`).
        Pdf = "pdf" / labels::file_type::pdf,
        /// A ZIP archive (`PK\x03\x04`, or an empty archive's `PK\x05\x06`).
        Zip = "zip" / labels::file_type::zip,
        /// A PNG image.
        Png = "png" / labels::file_type::png,
        /// A JPEG image.
        Jpeg = "jpeg" / labels::file_type::jpeg,
        /// Plain text in UTF-8 (no NUL and no control characters but
        /// tabs, line breaks and form feeds).
        Text = "text" / labels::file_type::text,
    }
}

impl FileType {
    /// The extension a download of this type is given.
    pub fn extension(self) -> &'static str {
        match self {
            FileType::Pdf => "pdf",
            FileType::Zip => "zip",
            FileType::Png => "png",
            FileType::Jpeg => "jpg",
            FileType::Text => "txt",
        }
    }

    /// The `Content-Type` a download of this type is sent with.
    pub fn content_type(self) -> &'static str {
        match self {
            FileType::Pdf => "application/pdf",
            FileType::Zip => "application/zip",
            FileType::Png => "image/png",
            FileType::Jpeg => "image/jpeg",
            FileType::Text => "text/plain; charset=utf-8",
        }
    }

    /// What the file picker offers (its `accept` attribute): a hint for the
    /// browser only, the content decides.
    pub fn accept(self) -> &'static str {
        match self {
            FileType::Pdf => ".pdf,application/pdf",
            FileType::Zip => ".zip,application/zip",
            FileType::Png => ".png,image/png",
            FileType::Jpeg => ".jpg,.jpeg,image/jpeg",
            FileType::Text => ".txt,text/plain",
        }
    }
}

/// The type of `bytes` read from their first bytes; `None` for anything
/// else (and for an empty file).
pub fn sniff(bytes: &[u8]) -> Option<FileType> {
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n";
    if bytes.starts_with(b"%PDF-") {
        Some(FileType::Pdf)
    } else if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        Some(FileType::Zip)
    } else if bytes.starts_with(PNG) {
        Some(FileType::Png)
    } else if bytes.starts_with(b"\xff\xd8\xff") {
        Some(FileType::Jpeg)
    } else if is_plain_text(bytes) {
        Some(FileType::Text)
    } else {
        None
    }
}

/// Whether `bytes` are non-empty UTF-8 text without control characters
/// other than tab, line feed, carriage return and form feed (an executable
/// or an archive of another kind is never text by this rule).
fn is_plain_text(bytes: &[u8]) -> bool {
    let text = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(text) {
        Ok(s) => {
            !s.is_empty()
                && !s
                    .chars()
                    .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c'))
        }
        Err(_) => false,
    }
}

/// What a file question accepts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRule {
    /// The largest file, in MB (1 to [`MAX_FILE_MB`]).
    pub max_mb: i32,
    /// The types accepted, in [`FileType::ALL`]'s order.
    pub types: Vec<FileType>,
}

impl FileRule {
    /// The largest file in bytes.
    pub fn max_bytes(&self) -> usize {
        usize::try_from(self.max_mb.clamp(1, MAX_FILE_MB)).unwrap_or(1) * MB
    }

    /// The types as stored: their names joined by commas.
    pub fn types_text(&self) -> String {
        self.types
            .iter()
            .map(|t| t.as_str())
            .collect::<Vec<_>>()
            .join(",")
    }

    /// The rule as stored in a question's columns (unknown names are left out).
    pub fn from_columns(max_mb: Option<i32>, types: &str) -> Self {
        let listed: Vec<&str> = types.split(',').map(str::trim).collect();
        FileRule {
            max_mb: max_mb.unwrap_or(DEFAULT_FILE_MB).clamp(1, MAX_FILE_MB),
            types: FileType::ALL
                .into_iter()
                .filter(|t| listed.contains(&t.as_str()))
                .collect(),
        }
    }

    /// The file picker's `accept` attribute.
    pub fn accept(&self) -> String {
        self.types
            .iter()
            .map(|t| t.accept())
            .collect::<Vec<_>>()
            .join(",")
    }

    /// The limits as the applicant reads them: "PDF, ZIP; up to 5 MB".
    pub fn explain(&self, lang: Lang) -> String {
        let types: Vec<&str> = self.types.iter().map(|t| t.label(lang)).collect();
        labels::file_type::limits(lang, self.max_mb, types.join(", "))
    }
}

/// Why an upload was refused (nothing was stored).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FileProblem {
    /// No file was chosen.
    NoFile,
    /// The file is empty.
    Empty,
    /// Larger than the question allows (the limit, in MB).
    TooLarge(i32),
    /// Its content is none of the types the question accepts.
    WrongType,
    /// The application was submitted: its files stay as submitted.
    Frozen,
    /// The question takes no file.
    NotAFileQuestion,
    /// An organiser's file question accepts no type at all.
    NoTypes,
}

impl FileProblem {
    /// A message for the person, in their language (`problems.json`).
    pub fn message(self, lang: Lang) -> String {
        use problems::file as f;
        match self {
            FileProblem::NoFile => f::no_file(lang).into(),
            FileProblem::Empty => f::empty(lang).into(),
            FileProblem::TooLarge(max) => f::too_large(lang, max),
            FileProblem::WrongType => f::wrong_type(lang).into(),
            FileProblem::Frozen => f::frozen(lang).into(),
            FileProblem::NotAFileQuestion => f::not_a_file_question(lang).into(),
            FileProblem::NoTypes => f::no_types(lang).into(),
        }
    }

    /// Every problem, for the tests that each has its messages.
    pub const ALL: [FileProblem; 7] = [
        FileProblem::NoFile,
        FileProblem::Empty,
        FileProblem::TooLarge(5),
        FileProblem::WrongType,
        FileProblem::Frozen,
        FileProblem::NotAFileQuestion,
        FileProblem::NoTypes,
    ];
}

/// Checks an upload against `rule`: its type as read from the content, or
/// why it is refused. The size is checked before the content is read.
pub fn check_upload(rule: &FileRule, bytes: &[u8]) -> Result<FileType, FileProblem> {
    if bytes.is_empty() {
        return Err(FileProblem::Empty);
    }
    if bytes.len() > rule.max_bytes() {
        return Err(FileProblem::TooLarge(rule.max_mb));
    }
    match sniff(bytes) {
        Some(t) if rule.types.contains(&t) => Ok(t),
        _ => Err(FileProblem::WrongType),
    }
}

/// A file name safe to keep and to send back: the last part of the path a
/// browser may send, without control characters, quotes, slashes or
/// leading dots, at most [`MAX_NAME_CHARS`] characters, ending in the
/// extension of the type the content is (whatever the name said).
pub fn safe_name(uploaded: &str, kind: FileType) -> String {
    let base = uploaded.rsplit(['/', '\\']).next().unwrap_or_default();
    let stem = match base.rsplit_once('.') {
        Some((stem, _)) => stem,
        None => base,
    };
    let cleaned: String = stem
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '"' | '\'' | ';' | ':' | '<' | '>' | '|' | '*' | '?') {
                '_'
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim();
    let cut: String = cleaned.chars().take(MAX_NAME_CHARS).collect();
    let stem = if cut.is_empty() { "file" } else { cut.as_str() };
    format!("{stem}.{}", kind.extension())
}

/// The name a reviewer's download is given: it says which answer it is and
/// nothing of who sent it (the uploaded name often holds the person's name).
pub fn anonymous_name(file_id: i32, kind: FileType) -> String {
    format!("answer-{file_id}.{}", kind.extension())
}

/// A stored file as an application's answer holds it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileAnswer {
    /// The stored file's id (its download address).
    pub id: i32,
    /// Its size in bytes.
    pub size: i64,
    /// Its type, as read from the content.
    pub kind: FileType,
    /// Its safe name (see [`safe_name`]).
    pub name: String,
}

impl FileAnswer {
    /// The answer's stored value: `file:<id>:<size>:<type>:<name>`.
    pub fn encode(&self) -> String {
        format!(
            "file:{}:{}:{}:{}",
            self.id,
            self.size,
            self.kind.as_str(),
            self.name
        )
    }

    /// The file a stored value names, if it names one.
    pub fn decode(value: &str) -> Option<FileAnswer> {
        let mut parts = value.strip_prefix("file:")?.splitn(4, ':');
        Some(FileAnswer {
            id: parts.next()?.parse().ok()?,
            size: parts.next()?.parse().ok()?,
            kind: FileType::parse(parts.next()?)?,
            name: parts.next()?.to_string(),
        })
    }

    /// "name.pdf (12.5 KB)", as the answers CSV writes it.
    pub fn describe(&self) -> String {
        format!("{} ({})", self.name, human_size(self.size))
    }
}

/// A size as people read it: bytes, KB or MB with one decimal.
pub fn human_size(bytes: i64) -> String {
    const K: f64 = 1024.0;
    #[expect(clippy::cast_precision_loss, reason = "shown with one decimal")]
    let b = bytes as f64;
    if b < K {
        format!("{bytes} B")
    } else if b < K * K {
        format!("{:.1} KB", b / K)
    } else {
        format!("{:.1} MB", b / (K * K))
    }
}

/// The answers with the file questions' values taken from `stored` (the
/// files the application holds, by question id), never from what a form
/// posted: a posted value could name anyone's file.
pub fn with_stored_files(
    questions: &[Question],
    mut answers: BTreeMap<i32, String>,
    stored: &BTreeMap<i32, String>,
) -> BTreeMap<i32, String> {
    for q in questions.iter().filter(|q| q.kind == QuestionKind::File) {
        answers.remove(&q.id);
        if let Some(v) = stored.get(&q.id) {
            answers.insert(q.id, v.clone());
        }
    }
    answers
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Localized;

    fn rule(max_mb: i32, types: &[FileType]) -> FileRule {
        FileRule {
            max_mb,
            types: types.to_vec(),
        }
    }

    #[test]
    fn types_come_from_the_content() {
        assert_eq!(sniff(b"%PDF-1.7\n%\xe2\xe3"), Some(FileType::Pdf));
        assert_eq!(sniff(b"PK\x03\x04\x14\x00"), Some(FileType::Zip));
        assert_eq!(sniff(b"PK\x05\x06\0\0"), Some(FileType::Zip));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Some(FileType::Png));
        assert_eq!(sniff(b"\xff\xd8\xff\xe0\0\x10JFIF"), Some(FileType::Jpeg));
        assert_eq!(sniff("解答\r\n\tです\n".as_bytes()), Some(FileType::Text));
        assert_eq!(sniff(b"\xef\xbb\xbfwith a BOM"), Some(FileType::Text));
        // An executable, a GIF, text with NUL or escape, broken UTF-8, nothing.
        assert_eq!(sniff(b"MZ\x90\0\x03"), None);
        assert_eq!(sniff(b"\x7fELF\x02\x01"), None);
        assert_eq!(sniff(b"GIF89a\x01\0"), None);
        assert_eq!(sniff(b"text\0more"), None);
        assert_eq!(sniff(b"\x1b[31mred"), None);
        assert_eq!(sniff(b"\xff\xfe broken"), None);
        assert_eq!(sniff(b""), None);
        assert_eq!(sniff(b"%PD"), Some(FileType::Text));
    }

    #[test]
    fn a_renamed_file_is_refused_by_its_content() {
        let pdf_only = rule(1, &[FileType::Pdf]);
        // A ZIP named "writeup.pdf" is still a ZIP.
        assert_eq!(
            check_upload(&pdf_only, b"PK\x03\x04rest"),
            Err(FileProblem::WrongType)
        );
        assert_eq!(check_upload(&pdf_only, b"%PDF-1.4"), Ok(FileType::Pdf));
        assert_eq!(
            check_upload(&rule(1, &[FileType::Text]), b"%PDF-1.4"),
            Err(FileProblem::WrongType)
        );
        assert_eq!(check_upload(&pdf_only, b""), Err(FileProblem::Empty));
    }

    #[test]
    fn the_size_limit_is_exact() {
        let r = rule(1, &[FileType::Text]);
        let at = vec![b'a'; MB];
        let over = vec![b'a'; MB + 1];
        assert_eq!(check_upload(&r, &at), Ok(FileType::Text));
        assert_eq!(check_upload(&r, &over), Err(FileProblem::TooLarge(1)));
        assert_eq!(rule(99, &[]).max_bytes(), MAX_FILE_MB as usize * MB);
    }

    #[test]
    fn rules_round_trip_through_their_columns() {
        let r = rule(3, &[FileType::Pdf, FileType::Text]);
        assert_eq!(FileRule::from_columns(Some(3), &r.types_text()), r);
        assert_eq!(
            FileRule::from_columns(None, "text, exe,pdf"),
            rule(DEFAULT_FILE_MB, &[FileType::Pdf, FileType::Text])
        );
        assert_eq!(r.accept(), ".pdf,application/pdf,.txt,text/plain");
        assert!(r.explain(Lang::En).contains('3'));
    }

    #[test]
    fn names_are_safe_and_follow_the_content() {
        assert_eq!(safe_name("report.pdf", FileType::Pdf), "report.pdf");
        assert_eq!(
            safe_name("C:\\Users\\x\\課題.PDF", FileType::Pdf),
            "課題.pdf"
        );
        assert_eq!(safe_name("../../etc/passwd", FileType::Text), "passwd.txt");
        assert_eq!(safe_name("evil.pdf", FileType::Zip), "evil.zip");
        assert_eq!(safe_name("a\"b;c\r\n.txt", FileType::Text), "a_b_c__.txt");
        assert_eq!(safe_name(".hidden", FileType::Text), "file.txt");
        assert_eq!(safe_name("", FileType::Png), "file.png");
        let long = "あ".repeat(300);
        assert_eq!(
            safe_name(&long, FileType::Pdf).chars().count(),
            MAX_NAME_CHARS + 4
        );
        assert_eq!(anonymous_name(7, FileType::Jpeg), "answer-7.jpg");
    }

    #[test]
    fn answers_name_their_file_and_posted_values_are_ignored() {
        let f = FileAnswer {
            id: 12,
            size: 2048,
            kind: FileType::Pdf,
            name: "a:b.pdf".into(),
        };
        assert_eq!(FileAnswer::decode(&f.encode()), Some(f.clone()));
        assert_eq!(FileAnswer::decode("12"), None);
        assert_eq!(FileAnswer::decode("file:x:1:pdf:a"), None);
        assert_eq!(f.describe(), "a:b.pdf (2.0 KB)");
        assert_eq!(human_size(10), "10 B");
        assert_eq!(human_size(3 * 1024 * 1024), "3.0 MB");
        let q = |id, kind| Question {
            id,
            kind,
            prompt: Localized::new("問", "Q"),
            choices: Vec::new(),
            max_chars: None,
            required: true,
            file: None,
        };
        let qs = [q(1, QuestionKind::File), q(2, QuestionKind::ShortText)];
        let posted: BTreeMap<i32, String> = [
            (1, "file:99:1:pdf:someone-else.pdf".into()),
            (2, "x".into()),
        ]
        .into();
        let none = with_stored_files(&qs, posted.clone(), &BTreeMap::new());
        assert_eq!(none, [(2, "x".to_string())].into());
        let mine: BTreeMap<i32, String> = [(1, f.encode())].into();
        assert_eq!(with_stored_files(&qs, posted, &mine)[&1], f.encode());
    }

    #[test]
    fn every_problem_has_both_messages() {
        for p in FileProblem::ALL {
            for lang in [Lang::Ja, Lang::En] {
                assert!(!p.message(lang).is_empty(), "{p:?}");
            }
        }
        assert!(FileProblem::TooLarge(7).message(Lang::En).contains('7'));
    }
}
