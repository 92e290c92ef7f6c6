//! sea-orm entities, one file per table, mirroring `migrations/`.

pub mod account;
pub mod affiliation;
pub mod application;
pub mod application_answer;
pub mod application_submission;
pub mod audit_event;
pub mod cohort;
pub mod conflict;
pub mod eligibility;
pub mod field;
pub mod guardian_consent;
pub mod identity;
pub mod offer_reminder;
pub mod outbox_attempt;
pub mod outbox_message;
pub mod programme;
pub mod question;
pub mod question_set;
pub mod ranking_version;
pub mod review_assignment;
pub mod review_score;
pub mod role_grant;
pub mod rubric_criterion;
pub mod session;
pub mod track;
pub mod track_review;
