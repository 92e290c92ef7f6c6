//! The self-reported activity form: what it posts and the checks a report
//! must pass before the supervisor is asked to confirm it.

use super::MAX_EVIDENCE;
use crate::application::questions::is_web_address;
use crate::events::rules::parse_tenths;
use crate::events::{MAX_LINK, MAX_TITLE};
use crate::forms::{Checker, FieldError, Problem};
use crate::identity::is_plausible_email;
use crate::time::parse_date;
use chrono::NaiveDate;

/// The longest supervisor address accepted.
pub const MAX_EMAIL: usize = 254;

/// The report form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClaimForm {
    /// What it was.
    pub title: String,
    /// Hours, such as `2` or `1.5`.
    pub hours: String,
    /// The day, `YYYY-MM-DD`.
    pub date: String,
    /// What the person did.
    pub evidence: String,
    /// A link to evidence.
    pub evidence_link: String,
    /// The supervisor's name.
    pub supervisor_name: String,
    /// The supervisor's address.
    pub supervisor_email: String,
}

/// A checked self-reported activity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    /// What it was (a talk, a paper, training at work).
    pub title: String,
    /// Hours, in tenths.
    pub tenths: i32,
    /// The day.
    pub earned_on: NaiveDate,
    /// What the person did, in their words.
    pub evidence: String,
    /// A link to evidence (may be empty).
    pub evidence_link: String,
    /// The supervisor's name.
    pub supervisor_name: String,
    /// The supervisor's address.
    pub supervisor_email: String,
}

/// Checks the form; every problem at once. Evidence is a text, a link or
/// both; hours are more than zero.
pub fn check(f: &ClaimForm) -> Result<Claim, Vec<FieldError>> {
    let mut c = Checker::default();
    let title = c.text("title", &f.title, true, MAX_TITLE);
    let tenths = parse_tenths(&f.hours).filter(|t| *t > 0);
    if tenths.is_none() {
        c.fail("hours", Problem::BadHours);
    }
    let earned_on = parse_date(&f.date);
    if earned_on.is_none() {
        c.fail("date", Problem::BadDate);
    }
    let evidence = c.text("evidence", &f.evidence, false, MAX_EVIDENCE);
    let evidence_link = c.text("evidence_link", &f.evidence_link, false, MAX_LINK);
    if evidence.is_empty() && evidence_link.is_empty() {
        c.fail("evidence", Problem::Required);
    }
    if !evidence_link.is_empty() && !is_web_address(&evidence_link) {
        c.fail("evidence_link", Problem::BadUrl);
    }
    let supervisor_name = c.text("supervisor_name", &f.supervisor_name, true, MAX_TITLE);
    let supervisor_email = c.text("supervisor_email", &f.supervisor_email, true, MAX_EMAIL);
    if !supervisor_email.is_empty() && !is_plausible_email(&supervisor_email) {
        c.fail("supervisor_email", Problem::Required);
    }
    match (tenths, earned_on) {
        (Some(tenths), Some(earned_on)) if c.is_clean() => Ok(Claim {
            title,
            tenths,
            earned_on,
            evidence,
            evidence_link,
            supervisor_name,
            supervisor_email,
        }),
        _ => Err(c.into_problems()),
    }
}
