//! What is wrong with a form: the problems a field can have, their
//! messages (in `app/locales/{ja,en}/problems.json`), and a checker that collects them all so a
//! form reports every problem at once.

use crate::catalogue::ScheduleError;
use crate::lang::Lang;
use crate::slug::is_valid_slug;
use crate::text::problems;
use crate::time::parse_jst_input;
use serde::{Deserialize, Serialize};

/// The largest seat count or staffing target accepted.
pub const MAX_COUNT: i32 = 10_000;

/// The highest page number a list takes from the URL. A larger one is read
/// as this, so no offset worked out from it can overflow (a panic in a
/// debug build, a wrapped or refused offset in a release one).
pub const MAX_PAGE: u16 = 60_000;

/// `page`, as given in a URL or a server function's arguments, bounded by
/// [`MAX_PAGE`].
pub fn bounded_page<T: Ord + From<u16>>(page: T) -> T {
    page.min(T::from(MAX_PAGE))
}

/// What is wrong with one field of a form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    /// Left empty.
    Required,
    /// Longer than allowed.
    TooLong,
    /// Not a slug.
    BadSlug,
    /// A name the site's own pages use at that place in the URL.
    ReservedSlug,
    /// Not a date and time.
    BadDateTime,
    /// Not a whole number from 0 up to the limit.
    BadCount,
    /// Not one of the choices.
    BadChoice,
    /// Another record already uses this slug.
    Taken,
    /// The dates are out of order.
    Schedule(ScheduleError),
    /// No account has this email (the person must sign in once first).
    NoSuchAccount,
    /// A box that must be ticked to go ahead was left empty.
    NotConfirmed,
    /// Removing this sign-in method would leave no way to sign in.
    LastIdentity,
    /// The only administrator may not delete their account.
    LastAdmin,
    /// The record changed since the page was shown (e.g. a message was
    /// sent before it could be held).
    StatusChanged,
    /// An answer longer than its question allows (the limit, in characters).
    OverLimit(i32),
    /// Not an `http(s)://` address.
    BadUrl,
    /// Not a date such as 2008-04-01.
    BadDate,
    /// Younger than the programme's minimum age on the cohort's start.
    TooYoung(i32),
    /// Older than the programme's maximum age on the cohort's start.
    TooOld(i32),
    /// Already completed this programme, which accepts each person once.
    AlreadyCompleted,
    /// Already has the most applications the programme allows per cohort.
    TooManyApplications(i32),
    /// The application deadline has passed (or applications are not open).
    DeadlinePassed,
    /// The application was saved from another tab or window since this
    /// form was loaded; nothing was overwritten.
    EditedElsewhere,
    /// Not a whole number on the allowed scale.
    BadScore,
    /// More accepted than the track has seats, without a reason.
    OverCapacity,
    /// The review is closed; scores can no longer change.
    ReviewClosed,
    /// The offer was already answered or has lapsed.
    OfferClosed,
    /// A guardian's consent is needed before confirming.
    ConsentMissing,
    /// The person already holds a confirmed place in the cohort (one place
    /// per person per cohort).
    PlaceHeldInCohort,
    /// The guardian's email is the applicant's own address.
    OwnGuardian,
    /// The application was decided on; it can no longer change.
    AlreadyDecided,
    /// The reviewer has a conflict of interest with the application.
    Conflicted,
    /// The reviewer may not score this application: they have a conflict
    /// of interest with it (declared, or found since it was assigned).
    ConflictedScore,
    /// A pipeline rule refuses the change (stage, completion, mentoring).
    Pipeline(crate::pipeline::Refusal),
    /// Only alumni of the programme may volunteer as tutors.
    NotAlumnus,
    /// The tutor call is closed or has all its tutors.
    CallClosed,
    /// The person already volunteered for the call or tutors the track.
    AlreadyVolunteered,
    /// The invitation was already answered or has expired.
    InvitationUsed,
    /// The signed-in account's email is not the address invited.
    InvitationNotYours,
    /// The person is already on the track's roster in that role.
    AlreadyOnRoster,
    /// The event is for alumni (and staff) only.
    AlumniOnly,
    /// The event was cancelled or has started: no more answers.
    EventClosed,
    /// The end is not after the start.
    EndsBeforeStart,
    /// Not hours such as 2 or 1.5.
    BadHours,
    /// The confirmation link was already used or has expired.
    ConfirmationUsed,
    /// The supervisor named on a credit claim is the claimant themself
    /// (their own address, or the link answered from their own account).
    SupervisorIsClaimant,
    /// A host or organiser checking themself in at an event: attendance
    /// earns credit only when someone else vouches for it.
    SelfCheckIn,
    /// Only alumni may be approved as event hosts.
    HostNotAlumnus,
    /// Holds a control character (NUL, escape, …) no keyboard types: such
    /// text comes from a broken or hostile client, and some databases
    /// cannot store it.
    ControlCharacter,
    /// Too many mails went to this address, or at this person's request,
    /// in the last hour.
    TooManyMails,
    /// The URL name cannot change any more: records refer to it (a
    /// programme's cohorts, a field's tracks or availability), and public
    /// links and imports name it.
    SlugInUse,
    /// A field a track or someone's availability names cannot be deleted.
    FieldInUse,
    /// A history file, or one of its rows, cannot be imported.
    History(crate::history::HistoryProblem),
    /// Only a failed mail can be sent again (a sent one never is).
    NotFailed,
    /// The mail's single-use link was erased when it was given up, so it
    /// cannot be sent again as it was.
    MailLinkGone,
    /// No failed mail to send again.
    NothingToRetry,
    /// An uploaded file, or a file question, cannot be accepted.
    File(crate::application::files::FileProblem),
    /// An announcement's text is not a template minijinja reads (at this
    /// line), e.g. a tag left open.
    TemplateSyntax(i32),
    /// A tag of an announcement's text holds something other than the
    /// name of a variable (at this line): no statements, filters or
    /// expressions.
    NotAVariable(i32),
    /// An announcement's text names a variable its segment does not have
    /// (at this line).
    UnknownVariable(i32),
    /// Nobody is in the announcement's segment.
    NoRecipients,
    /// The track's decisions are not released: their applicants cannot be
    /// written to as accepted, waitlisted or rejected yet.
    NotReleased,
    /// The announcement was sent already; it is never sent twice.
    AlreadySent,
    /// Applications to the track have opened: from then on only its
    /// organisers change its questions and rubric, not its lecturers.
    QuestionsOpened,
    /// The prefecture of residence is none of those the form offers (a
    /// select: only a forged or stale post sends another value).
    UnknownPrefecture,
}

/// One problem with one named field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The form field's name.
    pub field: String,
    /// What is wrong.
    pub problem: Problem,
}

impl Problem {
    /// A message for the person, in their language (`problems.json`).
    pub fn message(self, lang: Lang) -> String {
        let s = match self {
            Problem::Required => problems::required(lang),
            Problem::TooLong => problems::too_long(lang),
            Problem::BadSlug => problems::bad_slug(lang),
            Problem::ReservedSlug => problems::reserved_slug(lang),
            Problem::BadDateTime => problems::bad_date_time(lang),
            Problem::BadCount => problems::bad_count(lang),
            Problem::BadChoice => problems::bad_choice(lang),
            Problem::Taken => problems::taken(lang),
            Problem::Schedule(e) => schedule(e, lang),
            Problem::NoSuchAccount => problems::no_such_account(lang),
            Problem::NotConfirmed => problems::not_confirmed(lang),
            Problem::LastIdentity => problems::last_identity(lang),
            Problem::LastAdmin => problems::last_admin(lang),
            Problem::StatusChanged => problems::status_changed(lang),
            Problem::OverLimit(max) => return problems::over_limit(lang, max),
            Problem::BadUrl => problems::bad_url(lang),
            Problem::BadDate => problems::bad_date(lang),
            Problem::TooYoung(age) => return problems::too_young(lang, age),
            Problem::TooOld(age) => return problems::too_old(lang, age),
            Problem::AlreadyCompleted => problems::already_completed(lang),
            Problem::TooManyApplications(max) => return problems::too_many_applications(lang, max),
            Problem::DeadlinePassed => problems::deadline_passed(lang),
            Problem::EditedElsewhere => problems::edited_elsewhere(lang),
            Problem::BadScore => problems::bad_score(lang),
            Problem::OverCapacity => problems::over_capacity(lang),
            Problem::ReviewClosed => problems::review_closed(lang),
            Problem::OfferClosed => problems::offer_closed(lang),
            Problem::ConsentMissing => problems::consent_missing(lang),
            Problem::PlaceHeldInCohort => problems::place_held_in_cohort(lang),
            Problem::OwnGuardian => problems::own_guardian(lang),
            Problem::AlreadyDecided => problems::already_decided(lang),
            Problem::Conflicted => problems::conflicted(lang),
            Problem::ConflictedScore => problems::conflicted_score(lang),
            Problem::Pipeline(r) => r.message(lang),
            Problem::NotAlumnus => problems::not_alumnus(lang),
            Problem::CallClosed => problems::call_closed(lang),
            Problem::AlreadyVolunteered => problems::already_volunteered(lang),
            Problem::InvitationUsed => problems::invitation_used(lang),
            Problem::InvitationNotYours => problems::invitation_not_yours(lang),
            Problem::AlreadyOnRoster => problems::already_on_roster(lang),
            Problem::AlumniOnly => problems::alumni_only(lang),
            Problem::EventClosed => problems::event_closed(lang),
            Problem::EndsBeforeStart => problems::ends_before_start(lang),
            Problem::BadHours => problems::bad_hours(lang),
            Problem::ConfirmationUsed => problems::confirmation_used(lang),
            Problem::SupervisorIsClaimant => problems::supervisor_is_claimant(lang),
            Problem::SelfCheckIn => problems::self_check_in(lang),
            Problem::HostNotAlumnus => problems::host_not_alumnus(lang),
            Problem::ControlCharacter => problems::control_character(lang),
            Problem::TooManyMails => problems::too_many_mails(lang),
            Problem::SlugInUse => problems::slug_in_use(lang),
            Problem::FieldInUse => problems::field_in_use(lang),
            Problem::History(p) => p.message(lang),
            Problem::NotFailed => problems::not_failed(lang),
            Problem::MailLinkGone => problems::mail_link_gone(lang),
            Problem::NothingToRetry => problems::nothing_to_retry(lang),
            Problem::File(p) => return p.message(lang),
            Problem::TemplateSyntax(line) => return problems::template_syntax(lang, line),
            Problem::NotAVariable(line) => return problems::not_a_variable(lang, line),
            Problem::UnknownVariable(line) => return problems::unknown_variable(lang, line),
            Problem::NoRecipients => problems::no_recipients(lang),
            Problem::NotReleased => problems::not_released(lang),
            Problem::AlreadySent => problems::already_sent(lang),
            Problem::QuestionsOpened => problems::questions_opened(lang),
            Problem::UnknownPrefecture => problems::unknown_prefecture(lang),
        };
        s.to_string()
    }
}

/// The message of a schedule error.
fn schedule(e: ScheduleError, lang: Lang) -> &'static str {
    match e {
        ScheduleError::WindowReversed => problems::schedule::window_reversed(lang),
        ScheduleError::SessionsBeforeDeadline => problems::schedule::sessions_before_deadline(lang),
        ScheduleError::SessionsReversed => problems::schedule::sessions_reversed(lang),
    }
}

/// Whether `s` holds a control character other than tab, line feed and a
/// carriage return before a line feed (the line break a text box posts).
/// A bare carriage return is refused: no keyboard types one, and mail
/// headers and iCal lines take it as the end of a line, so a name or title
/// holding one could add a header or a calendar property.
pub fn has_control_character(s: &str) -> bool {
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let refused = match c {
            '\t' | '\n' => false,
            '\r' => chars.peek() != Some(&'\n'),
            c => c.is_control(),
        };
        if refused {
            return true;
        }
    }
    false
}

/// Text as the person typed it: trimmed, each line break one `\n`.
/// Browsers post a text area's line breaks as CR LF but count them as one
/// character against its `maxlength`, so text at the limit would otherwise
/// be refused as too long.
pub fn typed_text(value: &str) -> String {
    value.trim().replace("\r\n", "\n")
}

/// One free text checked on its own (a comment, a note, a reason): the
/// trimmed text, or its one problem. Empty is allowed.
pub fn one_text(field: &str, value: &str, max: usize) -> Result<String, Vec<FieldError>> {
    let mut c = Checker::default();
    let text = c.text(field, value, false, max);
    if c.is_clean() {
        Ok(text)
    } else {
        Err(c.into_problems())
    }
}

/// Collects every problem of one form, so all are reported at once.
#[derive(Debug, Default)]
pub struct Checker(Vec<FieldError>);

impl Checker {
    /// Whether no problem was found.
    pub fn is_clean(&self) -> bool {
        self.0.is_empty()
    }

    /// The problems found, in the order the fields were checked.
    pub fn into_problems(self) -> Vec<FieldError> {
        self.0
    }

    /// Records `problem` for `field`.
    pub fn fail(&mut self, field: &str, problem: Problem) {
        self.0.push(FieldError {
            field: field.to_string(),
            problem,
        });
    }

    /// The trimmed text of `field`, line breaks as `\n`; records
    /// `Required`, `ControlCharacter` or `TooLong` (counted in characters).
    pub fn text(&mut self, field: &str, value: &str, required: bool, max: usize) -> String {
        let v = typed_text(value);
        if required && v.is_empty() {
            self.fail(field, Problem::Required);
        } else if has_control_character(&v) {
            self.fail(field, Problem::ControlCharacter);
        } else if v.chars().count() > max {
            self.fail(field, Problem::TooLong);
        }
        v
    }

    /// The trimmed `slug` field; records `Required` or `BadSlug`.
    pub fn slug(&mut self, value: &str) -> String {
        let v = value.trim();
        if v.is_empty() {
            self.fail("slug", Problem::Required);
        } else if !is_valid_slug(v) {
            self.fail("slug", Problem::BadSlug);
        }
        v.to_string()
    }

    /// The `field` read as a JST date and time; records `Required` or `BadDateTime`.
    pub fn time(&mut self, field: &str, value: &str) -> Option<chrono::DateTime<chrono::Utc>> {
        let t = parse_jst_input(value);
        if t.is_none() {
            self.fail(
                field,
                if value.trim().is_empty() {
                    Problem::Required
                } else {
                    Problem::BadDateTime
                },
            );
        }
        t
    }

    /// The `field` as a whole number from 0 to [`MAX_COUNT`]; records `BadCount`.
    pub fn count(&mut self, field: &str, value: &str) -> i32 {
        match value.trim().parse::<i32>() {
            Ok(n) if (0..=MAX_COUNT).contains(&n) => n,
            _ => {
                self.fail(field, Problem::BadCount);
                0
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_carriage_return_is_refused_a_line_break_is_not() {
        assert!(has_control_character("a\rb"));
        assert!(has_control_character("a\r"));
        assert!(has_control_character("a\r\rb"));
        assert!(!has_control_character("a\r\nb\nc\td"));
        let mut c = Checker::default();
        assert_eq!(c.text("title", "line\r\nnext", true, 100), "line\nnext");
        assert!(c.is_clean());
        c.text("title", "Subject\rBcc: x@example.jp", true, 100);
        let problems = c.into_problems();
        assert_eq!(problems[0].problem, Problem::ControlCharacter);
    }

    #[test]
    fn page_numbers_are_bounded() {
        assert_eq!(bounded_page(3u64), 3);
        assert_eq!(bounded_page(u64::MAX), u64::from(MAX_PAGE));
        assert_eq!(bounded_page(usize::MAX), usize::from(MAX_PAGE));
        assert!(u64::from(MAX_PAGE).checked_mul(1_000).is_some());
    }
}
