//! A person's own account: what the account page shows and accepts, and
//! the shape of "download my data".

pub mod held;

use super::forms::{Checker, FieldError, Problem};
use super::identity::ProviderButton;
use super::lang::{Lang, Localized};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The longest name accepted, in characters.
pub const MAX_PERSON_NAME_LEN: usize = 100;

/// A sign-in identity linked to the account, as the account page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkedIdentity {
    /// Its id, which the unlink form posts.
    pub id: i32,
    /// The provider's configured name (`github`, `demo`, an OIDC name).
    pub provider: String,
    /// The provider's button text, or its name when it is no longer configured.
    pub label: String,
    /// When it was linked.
    pub linked_at: DateTime<Utc>,
}

/// Everything the account page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountProfile {
    /// The email the account was made with (from the sign-in provider).
    pub email: String,
    /// The person's name in Japanese and English.
    pub name: Localized,
    /// The language mail is written in and the site is shown in.
    pub language: Lang,
    /// The identities one can sign in with.
    pub identities: Vec<LinkedIdentity>,
    /// Configured providers not linked yet, offered as "link" buttons.
    pub linkable: Vec<ProviderButton>,
    /// The person opted out of non-essential mail (reminders, news).
    #[serde(default)]
    pub mail_opt_out: bool,
}

/// The profile form as typed (fields posted as `draft[<name>]`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileDraft {
    /// Name in Japanese.
    pub name_ja: String,
    /// Name in English.
    pub name_en: String,
    /// `ja` or `en`.
    pub language: String,
}

/// A profile that passed every rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidProfile {
    /// The name, trimmed.
    pub name: Localized,
    /// The language.
    pub language: Lang,
}

/// Checks the profile form: at least one of the two names (staff need to
/// call the person something), neither too long, a known language.
pub fn validate_profile(d: &ProfileDraft) -> Result<ValidProfile, Vec<FieldError>> {
    let mut c = Checker::default();
    let name_ja = c.text("name_ja", &d.name_ja, false, MAX_PERSON_NAME_LEN);
    let name_en = c.text("name_en", &d.name_en, false, MAX_PERSON_NAME_LEN);
    if name_ja.is_empty() && name_en.is_empty() {
        c.fail("name_ja", Problem::Required);
    }
    let language = Lang::parse(d.language.trim());
    if language.is_none() {
        c.fail("language", Problem::BadChoice);
    }
    match language {
        Some(language) if c.is_clean() => Ok(ValidProfile {
            name: Localized::new(name_ja, name_en),
            language,
        }),
        _ => Err(c.into_problems()),
    }
}

/// The format tag of "download my data", changed when its shape changes.
pub const EXPORT_FORMAT: &str = "camp-connect/account-export/1";

/// Everything the platform holds about one person, as they download it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountExport {
    /// [`EXPORT_FORMAT`].
    pub format: String,
    /// When the export was made.
    pub exported_at: DateTime<Utc>,
    /// The account itself.
    pub account: ExportedAccount,
    /// Linked sign-in identities.
    pub identities: Vec<ExportedIdentity>,
    /// Roles held (organiser, reviewer, lecturer, tutor, participant).
    pub roles: Vec<ExportedRole>,
    /// Audit events of actions the person took as staff.
    pub actions_taken: Vec<ExportedAuditEvent>,
    /// Audit events about the account (roles granted, made admin, …).
    pub actions_about_me: Vec<ExportedAuditEvent>,
    /// Mail to the account's address, sent or waiting in the outbox.
    pub mail: Vec<ExportedMail>,
    /// Applications to tracks, with their answers and submitted versions.
    #[serde(default)]
    pub applications: Vec<crate::application::form::ExportedApplication>,
    /// Availability, offers to tutor and lecturer sources.
    #[serde(default)]
    pub rosters: crate::rosters::view::ExportedRosters,
    /// The alumni profile, whole (as its owner sees it).
    #[serde(default)]
    pub alumni_profile: Option<crate::alumni::ProfileView>,
    /// Credits, events, certificates, pipeline, mentorships, reviews and
    /// invitations.
    #[serde(default)]
    pub held: held::HeldRecords,
    /// Submissions the eligibility rules refused, by track and reason.
    #[serde(default)]
    pub eligibility_refusals: Vec<crate::application::refusal::ExportedRefusal>,
}

/// The account row, as exported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedAccount {
    /// Account id.
    pub id: i32,
    /// Email.
    pub email: String,
    /// Name in Japanese.
    pub name_ja: String,
    /// Name in English.
    pub name_en: String,
    /// Preferred language.
    pub language: String,
    /// Instance administrator.
    pub is_admin: bool,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When the person opted out of non-essential mail (none: they get it).
    #[serde(default)]
    pub mail_opt_out_at: Option<DateTime<Utc>>,
}

/// A linked identity, as exported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedIdentity {
    /// Provider name.
    pub provider: String,
    /// The provider's id for the person.
    pub subject: String,
    /// When it was linked.
    pub linked_at: DateTime<Utc>,
}

/// A role grant, as exported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedRole {
    /// `organiser`, `reviewer`, `lecturer`, `tutor` or `participant`.
    pub role: String,
    /// The programme's URL name.
    pub programme: String,
    /// The cohort's id, for roles on a track.
    pub cohort_id: Option<i32>,
    /// The track's id, for roles on a track.
    pub track_id: Option<i32>,
    /// When it was granted.
    pub granted_at: DateTime<Utc>,
}

/// An audit event, as exported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedAuditEvent {
    /// When.
    pub at: DateTime<Utc>,
    /// What was done.
    pub action: String,
    /// The kind of record and its id.
    pub record: String,
    /// What changed.
    pub summary: String,
}

/// A message to the person, as exported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedMail {
    /// When it was queued.
    pub created_at: DateTime<Utc>,
    /// Its subject.
    pub subject: String,
    /// Its text.
    pub body: String,
    /// `pending`, `held`, `sending`, `sent` or `failed`.
    pub status: String,
    /// When it was sent, if it was.
    pub sent_at: Option<DateTime<Utc>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(ja: &str, en: &str, lang: &str) -> ProfileDraft {
        ProfileDraft {
            name_ja: ja.into(),
            name_en: en.into(),
            language: lang.into(),
        }
    }

    #[test]
    fn one_name_is_enough_and_is_trimmed() {
        let v = validate_profile(&draft("  山田 花子 ", "", "en")).unwrap();
        assert_eq!(v.name, Localized::new("山田 花子", ""));
        assert_eq!(v.language, Lang::En);
        assert!(validate_profile(&draft("", "Hanako Yamada", "ja")).is_ok());
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let problems = validate_profile(&draft(" ", "", "fr")).unwrap_err();
        assert_eq!(
            problems,
            vec![
                FieldError {
                    field: "name_ja".into(),
                    problem: Problem::Required
                },
                FieldError {
                    field: "language".into(),
                    problem: Problem::BadChoice
                },
            ]
        );
    }

    #[test]
    fn names_are_limited_in_characters_not_bytes() {
        let exactly = "あ".repeat(MAX_PERSON_NAME_LEN);
        assert!(validate_profile(&draft(&exactly, "", "ja")).is_ok());
        let over = format!("{exactly}あ");
        let problems = validate_profile(&draft(&over, "", "ja")).unwrap_err();
        assert_eq!(problems[0].problem, Problem::TooLong);
    }
}
