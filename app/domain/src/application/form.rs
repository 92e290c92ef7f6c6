//! The applicant's side on the wire: what the form posts, what the form page
//! and "my applications" show, and the checks on the profile fields.

use super::eligibility::EligibilityRules;
use super::prefecture::Prefecture;
use super::questions::Question;
use super::{ApplicationStatus, Decision, OfferStatus};
use crate::catalogue::ProgrammeRef;
use crate::forms::{Checker, FieldError, Problem};
use crate::identity::is_plausible_email;
use crate::lang::Localized;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// What the application form posts (as `draft[...]`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationDraft {
    /// Date of birth, `YYYY-MM-DD`.
    #[serde(default)]
    pub birth_date: String,
    /// School or employer.
    #[serde(default)]
    pub affiliation: String,
    /// Prefecture of residence, as its stored code ([`Prefecture`]); blank
    /// when not given.
    #[serde(default)]
    pub prefecture: String,
    /// Field of expertise (when the programme asks).
    #[serde(default)]
    pub expertise: String,
    /// The applicant's mentors.
    #[serde(default)]
    pub mentors: String,
    /// Guardian's name (under 18).
    #[serde(default)]
    pub guardian_name: String,
    /// Guardian's email (under 18).
    #[serde(default)]
    pub guardian_email: String,
    /// `yes` when the declarations box is ticked.
    #[serde(default)]
    pub declarations: Option<String>,
    /// The answers' fields (see `questions::collect_answers`).
    #[serde(default)]
    pub answers: HashMap<String, String>,
}

/// The profile fields of a draft, checked for saving.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidProfile {
    /// Date of birth, if given.
    pub birth_date: Option<NaiveDate>,
    /// School or employer.
    pub affiliation: String,
    /// Prefecture of residence, if given.
    pub prefecture: Option<Prefecture>,
    /// Field of expertise.
    pub expertise: String,
    /// Mentors.
    pub mentors: String,
    /// Guardian's name.
    pub guardian_name: String,
    /// Guardian's email.
    pub guardian_email: String,
    /// Declarations ticked.
    pub declarations_accepted: bool,
}

/// Checks the profile fields for a draft save: lengths, and a date and
/// email that parse when given. Nothing is required for a draft.
pub fn validate_profile(d: &ApplicationDraft) -> Result<ValidProfile, Vec<FieldError>> {
    let mut c = Checker::default();
    let birth = d.birth_date.trim();
    let birth_date = if birth.is_empty() {
        None
    } else {
        let parsed = crate::time::parse_date(birth);
        if parsed.is_none() {
            c.fail("birth_date", Problem::BadDate);
        }
        parsed
    };
    let prefecture = Prefecture::from_form(&d.prefecture).unwrap_or_else(|problem| {
        c.fail("prefecture", problem);
        None
    });
    let valid = ValidProfile {
        birth_date,
        affiliation: c.text("affiliation", &d.affiliation, false, 200),
        prefecture,
        expertise: c.text("expertise", &d.expertise, false, 500),
        mentors: c.text("mentors", &d.mentors, false, 500),
        guardian_name: c.text("guardian_name", &d.guardian_name, false, 200),
        guardian_email: c.text("guardian_email", &d.guardian_email, false, 320),
        declarations_accepted: d.declarations.as_deref() == Some("yes"),
    };
    if !valid.guardian_email.is_empty() && !is_plausible_email(&valid.guardian_email) {
        c.fail("guardian_email", Problem::BadChoice);
    }
    if c.is_clean() {
        Ok(valid)
    } else {
        Err(c.into_problems())
    }
}

/// What a minor's submission needs besides eligibility: a guardian's name
/// and email.
pub fn guardian_problems(p: &ValidProfile) -> Vec<FieldError> {
    let mut c = Checker::default();
    c.text("guardian_name", &p.guardian_name, true, 200);
    c.text("guardian_email", &p.guardian_email, true, 320);
    c.into_problems()
}

/// An email address as compared for "is this the same person's address":
/// Unicode NFKC (full-width letters become half-width), lower case, trimmed.
fn address_key(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.trim().nfkc().flat_map(char::to_lowercase).collect()
}

/// Whether `a` and `b` are the same (non-empty) email address once both
/// are normalised.
pub fn same_address(a: &str, b: &str) -> bool {
    let a = address_key(a);
    !a.is_empty() && a == address_key(b)
}

/// The problem with a guardian who is the applicant: a guardian's email
/// equal to `own` (the applicant's account email) once both are
/// normalised. The applicant could otherwise consent for themselves.
pub fn own_guardian_problem(p: &ValidProfile, own: &str) -> Option<FieldError> {
    same_address(&p.guardian_email, own).then(|| FieldError {
        field: "guardian_email".into(),
        problem: Problem::OwnGuardian,
    })
}

/// The track an application is for, as the form and lists show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrackContext {
    /// The programme.
    pub programme: ProgrammeRef,
    /// The cohort's slug.
    pub cohort_slug: String,
    /// The cohort's title.
    pub cohort_title: Localized,
    /// The track's slug.
    pub track_slug: String,
    /// The track's name.
    pub track_name: Localized,
    /// When the cohort's sessions start.
    pub starts_at: DateTime<Utc>,
    /// When the cohort's sessions end.
    pub ends_at: DateTime<Utc>,
    /// The application deadline.
    pub closes_at: DateTime<Utc>,
    /// Whether applications are open now (server clock).
    pub open: bool,
}

/// The application form page's data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ApplyPage {
    /// The track.
    pub track: TrackContext,
    /// The programme's rules.
    pub rules: EligibilityRules,
    /// The questions (of the version the application answers).
    pub questions: Vec<Question>,
    /// The application, once started.
    pub application: Option<ApplicationState>,
    /// What the form shows: a refused post's typing, else what is saved.
    pub draft: ApplicationDraft,
    /// The answers the form shows, by question id.
    pub answers: BTreeMap<i32, String>,
    /// The revision the form was loaded at.
    pub revision: i32,
    /// Why a plain (no-JavaScript) file upload was just refused, shown
    /// under its question once.
    #[serde(default)]
    pub upload_problems: Vec<FieldError>,
}

/// Where a started application stands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ApplicationState {
    /// Its id.
    pub id: i32,
    /// Draft, submitted or withdrawn.
    pub status: ApplicationStatus,
    /// Last save.
    pub updated_at: DateTime<Utc>,
    /// Last submission.
    pub submitted_at: Option<DateTime<Utc>>,
    /// How many times it was submitted.
    pub submissions: i32,
    /// A draft was saved since the last submission: it counts only once
    /// resubmitted before the deadline.
    pub unsubmitted_changes: bool,
    /// The guardian's answer: `None` while none is needed or asked,
    /// `Some(None)` while waiting, `Some(Some(true))` consented.
    pub guardian: Option<Option<bool>>,
}

/// What a draft save answers (with JavaScript; without it the page reloads).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    /// The application's new revision, for the next save.
    pub revision: i32,
    /// When it was saved.
    pub at: DateTime<Utc>,
}

/// One row of "my applications".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyApplication {
    /// Its id.
    pub id: i32,
    /// The track.
    pub track: TrackContext,
    /// Draft, submitted or withdrawn.
    pub status: ApplicationStatus,
    /// The decision, once released.
    pub decision: Option<Decision>,
    /// The offer, once released.
    pub offer: Option<OfferStatus>,
}

/// What a guardian's link shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GuardianRequest {
    /// The applicant's name.
    pub applicant: Localized,
    /// The guardian's name as the applicant gave it.
    pub guardian_name: String,
    /// The track.
    pub track: TrackContext,
    /// When the link stops working.
    pub expires_at: DateTime<Utc>,
}

/// One application in "download my data".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedApplication {
    /// Its id.
    pub id: i32,
    /// `programme/cohort/track`.
    pub track: String,
    /// `draft`, `submitted` or `withdrawn`.
    pub status: String,
    /// When it was started.
    pub created_at: DateTime<Utc>,
    /// Last submission.
    pub submitted_at: Option<DateTime<Utc>>,
    /// Date of birth as given.
    pub birth_date: Option<NaiveDate>,
    /// School or employer.
    pub affiliation: String,
    /// Prefecture of residence as given (its code: `13` Tokyo, `abroad`,
    /// `undisclosed`), when given.
    #[serde(default)]
    pub prefecture: Option<String>,
    /// Field of expertise.
    pub expertise: String,
    /// Mentors.
    pub mentors: String,
    /// Guardian's name.
    pub guardian_name: String,
    /// Guardian's email.
    pub guardian_email: String,
    /// The current answers: (Japanese prompt, answer).
    pub answers: Vec<(String, String)>,
    /// Each submitted version: (when, answers as JSON by question id).
    pub submissions: Vec<(DateTime<Utc>, String)>,
    /// The decision, once released.
    pub decision: Option<String>,
    /// Changes saved since the last submission (not submitted), if any.
    pub unsubmitted_changes: Option<ExportedDraft>,
    /// The files uploaded as answers, listed without their bytes (the
    /// person downloads each from the application's page).
    #[serde(default)]
    pub files: Vec<ExportedFile>,
}

/// One uploaded file in "download my data": what it is and its SHA-256,
/// so the person can match it with the copy they have.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedFile {
    /// The question it answers (its Japanese prompt).
    pub question: String,
    /// Its name as kept.
    pub name: String,
    /// Its type, as read from the content.
    pub kind: String,
    /// Its size in bytes.
    pub size: i64,
    /// The SHA-256 of its bytes, in hex.
    pub sha256: String,
    /// When it was uploaded.
    pub uploaded_at: DateTime<Utc>,
}

/// A working draft saved after a submission, in "download my data".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedDraft {
    /// When it was saved.
    pub saved_at: DateTime<Utc>,
    /// Date of birth as saved.
    pub birth_date: Option<NaiveDate>,
    /// School or employer.
    pub affiliation: String,
    /// Prefecture of residence as given (its code: `13` Tokyo, `abroad`,
    /// `undisclosed`), when given.
    #[serde(default)]
    pub prefecture: Option<String>,
    /// Field of expertise.
    pub expertise: String,
    /// Mentors.
    pub mentors: String,
    /// Guardian's name.
    pub guardian_name: String,
    /// Guardian's email.
    pub guardian_email: String,
    /// The answers: (Japanese prompt, answer).
    pub answers: Vec<(String, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_fields_are_checked_but_not_required_for_a_draft() {
        let ok = validate_profile(&ApplicationDraft {
            birth_date: "2009-04-01".into(),
            declarations: Some("yes".into()),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(ok.birth_date, NaiveDate::from_ymd_opt(2009, 4, 1));
        assert!(ok.declarations_accepted);
        assert_eq!(guardian_problems(&ok).len(), 2);
        let bad = validate_profile(&ApplicationDraft {
            birth_date: "1 April".into(),
            guardian_email: "nope".into(),
            ..Default::default()
        })
        .unwrap_err();
        let fields: Vec<_> = bad.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["birth_date", "guardian_email"]);
    }

    #[test]
    fn the_applicant_is_never_their_own_guardian() {
        let with = |email: &str| ValidProfile {
            birth_date: None,
            affiliation: String::new(),
            prefecture: None,
            expertise: String::new(),
            mentors: String::new(),
            guardian_name: "佐藤 花子".into(),
            guardian_email: email.into(),
            declarations_accepted: false,
        };
        let own = "Taro.Yamada@example.jp";
        for same in [
            "taro.yamada@example.jp",
            " TARO.YAMADA@EXAMPLE.JP ",
            "ｔａｒｏ.ｙａｍａｄａ＠ｅｘａｍｐｌｅ.ｊｐ",
        ] {
            let p = own_guardian_problem(&with(same), own).expect(same);
            assert_eq!(
                (p.field.as_str(), p.problem),
                ("guardian_email", Problem::OwnGuardian)
            );
        }
        assert_eq!(own_guardian_problem(&with("hanako@example.jp"), own), None);
        assert_eq!(own_guardian_problem(&with(""), ""), None);
    }
}
