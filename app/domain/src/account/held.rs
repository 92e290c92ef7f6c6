//! The records "download my data" holds beyond the account, its roles and
//! applications: credits and claims, event registrations, the calendar
//! feed, certificates, pipeline history, mentorships, reviews and
//! invitations. None of them carries a live secret: a feed, invitation or
//! confirmation link is said to exist, never given.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Everything below, in one part of the export.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldRecords {
    /// The credit ledger, each self-reported entry with its claim.
    pub credits: Vec<ExportedCredit>,
    /// Answers to events (places, waitlist, cancellations, check-ins).
    pub event_registrations: Vec<ExportedRegistration>,
    /// Events the person hosts.
    pub hosted_events: Vec<ExportedHostedEvent>,
    /// When the person was approved as an event host, if they were.
    pub event_host_since: Option<DateTime<Utc>>,
    /// The personal calendar feed, if one exists (its address is secret
    /// and not repeated here).
    pub calendar_feed: Option<ExportedFeed>,
    /// Certificates of completion.
    pub certificates: Vec<ExportedCertificate>,
    /// Every stage change of the person's pipeline, oldest first.
    pub pipeline_history: Vec<ExportedStageChange>,
    /// Training steps signed off for the person.
    pub training_steps: Vec<ExportedSignoff>,
    /// Mentorships, as candidate or as mentor.
    pub mentorships: Vec<ExportedMentorship>,
    /// The affiliation declared as a reviewer.
    pub reviewer_affiliation: Option<String>,
    /// The affiliations organisers noted for the person as a reviewer of
    /// one track each (conflict checks in that track).
    pub track_affiliations: Vec<ExportedTrackAffiliation>,
    /// Reviews the person was assigned, with their comment.
    pub reviews: Vec<ExportedReview>,
    /// Conflicts of interest the person declared as a reviewer.
    pub conflicts: Vec<ExportedConflict>,
    /// Invitations to a track's roster sent to the person.
    pub roster_invitations: Vec<ExportedInvitation>,
    /// History files the person uploaded for import (their content, other
    /// people's data, is not repeated).
    #[serde(default)]
    pub history_uploads: Vec<ExportedUpload>,
    /// Announcements the person wrote as an organiser.
    #[serde(default)]
    pub announcements: Vec<ExportedAnnouncement>,
    /// Automatic reminders sent to the person (drafts, reviews).
    #[serde(default)]
    pub reminders: Vec<ExportedReminder>,
}

/// An automatic reminder sent to the person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedReminder {
    /// `draft` (record: the application) or `review` (record: the track).
    pub kind: String,
    /// The application or track it was about.
    pub record_id: i32,
    /// Days before the deadline.
    pub days_before: i32,
    /// When it was queued.
    pub sent_at: DateTime<Utc>,
}

/// One credit entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedCredit {
    /// The entry's id.
    pub id: i32,
    /// `event`, `tutor`, `lecturer` or `self_reported`.
    pub kind: String,
    /// What it was.
    pub title: String,
    /// Hours in tenths.
    pub tenths: i32,
    /// The day.
    pub earned_on: NaiveDate,
    /// `pending`, `confirmed` or `declined`.
    pub status: String,
    /// The record it came from, for automatic entries.
    pub source: Option<String>,
    /// The self-reported claim behind it, if any.
    pub claim: Option<ExportedClaim>,
}

/// A self-reported activity's claim (its confirmation link is not given).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedClaim {
    /// What the person did.
    pub evidence: String,
    /// A link to evidence.
    pub evidence_link: String,
    /// The supervisor named.
    pub supervisor_name: String,
    /// The supervisor's address.
    pub supervisor_email: String,
    /// Until when the supervisor's link works.
    pub expires_at: DateTime<Utc>,
    /// When the supervisor answered.
    pub answered_at: Option<DateTime<Utc>>,
}

/// One answer to an event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedRegistration {
    /// The event's id.
    pub event_id: i32,
    /// Its title.
    pub title: String,
    /// When it starts.
    pub starts_at: DateTime<Utc>,
    /// `confirmed`, `waitlisted` or `cancelled`.
    pub status: String,
    /// When the person answered.
    pub created_at: DateTime<Utc>,
    /// When the host checked them in.
    pub checked_in_at: Option<DateTime<Utc>>,
}

/// An event the person hosts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedHostedEvent {
    /// The event's id.
    pub event_id: i32,
    /// Its title.
    pub title: String,
    /// When it starts.
    pub starts_at: DateTime<Utc>,
}

/// That a calendar feed exists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedFeed {
    /// When its address was made.
    pub created_at: DateTime<Utc>,
}

/// A certificate of completion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedCertificate {
    /// The programme's slug.
    pub programme: String,
    /// The cohort's id.
    pub cohort_id: i32,
    /// The track's id.
    pub track_id: i32,
    /// The certificate's code.
    pub code: String,
    /// When it was completed.
    pub completed_at: DateTime<Utc>,
    /// When it was revoked, if it was.
    pub revoked_at: Option<DateTime<Utc>>,
    /// Why it was revoked.
    pub revoke_reason: String,
}

/// One stage change of the pipeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedStageChange {
    /// The programme's slug.
    pub programme: String,
    /// The stage before.
    pub from_stage: Option<String>,
    /// The stage after.
    pub to_stage: String,
    /// The reason given.
    pub reason: String,
    /// Whether a rule was overridden.
    pub overridden: bool,
    /// When.
    pub at: DateTime<Utc>,
}

/// A training step signed off.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedSignoff {
    /// The step's id.
    pub step_id: i32,
    /// When it was signed off.
    pub signed_at: DateTime<Utc>,
}

/// An affiliation an organiser noted for the person as a track's reviewer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedTrackAffiliation {
    /// The track.
    pub track_id: i32,
    /// The organisation noted.
    pub name: String,
}

/// A mentorship.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedMentorship {
    /// The programme's slug.
    pub programme: String,
    /// `candidate` (the person is mentored) or `mentor`.
    pub as_role: String,
    /// The other person's account id.
    pub other_account_id: i32,
    /// When it was assigned.
    pub assigned_at: DateTime<Utc>,
}

/// A review assignment of the person as reviewer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedReview {
    /// The application reviewed.
    pub application_id: i32,
    /// The reviewer's comment.
    pub comment: String,
    /// When it was assigned.
    pub assigned_at: DateTime<Utc>,
    /// When the review was submitted.
    pub submitted_at: Option<DateTime<Utc>>,
}

/// A conflict of interest declared.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedConflict {
    /// The application concerned.
    pub application_id: i32,
    /// The reason chosen.
    pub reason: String,
    /// The note written.
    pub note: String,
}

/// A roster invitation (its link is not given).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedInvitation {
    /// The track's id.
    pub track_id: i32,
    /// Where the lecturer comes from.
    pub source: String,
    /// The affiliation given.
    pub affiliation: String,
    /// When it was sent.
    pub created_at: DateTime<Utc>,
    /// The answer, if any.
    pub outcome: Option<String>,
}

/// A history file the person uploaded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedUpload {
    /// The file's name.
    pub file_name: String,
    /// When it was uploaded.
    pub uploaded_at: DateTime<Utc>,
    /// When it was imported, if it was.
    pub applied_at: Option<DateTime<Utc>>,
    /// The import's counts.
    pub summary: String,
}

/// An announcement the person wrote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedAnnouncement {
    /// Who it went to (the segment's form value, e.g. `accepted-12`).
    pub segment: String,
    /// Subject in Japanese.
    pub subject_ja: String,
    /// Subject in English.
    pub subject_en: String,
    /// Body in Japanese.
    pub body_ja: String,
    /// Body in English.
    pub body_en: String,
    /// When it was written.
    pub created_at: DateTime<Utc>,
    /// When it was sent, if it was.
    pub sent_at: Option<DateTime<Utc>>,
    /// How many mails it queued.
    pub recipient_count: Option<i32>,
}

/// `text` with every token-shaped run (64 hexadecimal digits, the shape of
/// every link secret the platform makes) replaced: an exported copy of a
/// mail never carries a link that still works.
pub fn redact_tokens(text: &str) -> String {
    const TOKEN_LEN: usize = 64;
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.len() == TOKEN_LEN {
            out.push_str("[link removed]");
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in text.chars() {
        if c.is_ascii_hexdigit() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::redact_tokens;

    #[test]
    fn token_shaped_runs_are_removed_and_nothing_else() {
        let token = "ab12".repeat(16);
        let text = format!("Open https://cc.example/g/{token} by 2026-12-31.\nId deadbeef.");
        assert_eq!(
            redact_tokens(&text),
            "Open https://cc.example/g/[link removed] by 2026-12-31.\nId deadbeef."
        );
        let longer = "a".repeat(65);
        assert_eq!(redact_tokens(&longer), longer);
        assert_eq!(redact_tokens("日本語 ok"), "日本語 ok");
    }
}
