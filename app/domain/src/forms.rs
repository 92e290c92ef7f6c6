//! What is wrong with a form: the problems a field can have, their
//! messages in both languages, and a checker that collects them all so a
//! form reports every problem at once.

use crate::catalogue::ScheduleError;
use crate::lang::Lang;
use crate::slug::is_valid_slug;
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
    /// A message for the person, in their language.
    pub fn message(self, lang: Lang) -> String {
        let ja = lang == Lang::Ja;
        let s = match self {
            Problem::Required if ja => "入力してください。",
            Problem::Required => "Please fill this in.",
            Problem::TooLong if ja => "長すぎます。短くしてください。",
            Problem::TooLong => "This is too long; please shorten it.",
            Problem::BadSlug if ja => {
                "半角英小文字・数字・ハイフンで 64 文字以内にしてください（例: ai-security）。"
            }
            Problem::BadSlug => {
                "Use lowercase letters, digits and hyphens, 64 at most (e.g. ai-security)."
            }
            Problem::ReservedSlug if ja => {
                "この名前はサイトのページ名として使われているため使えません。別の名前にしてください。"
            }
            Problem::ReservedSlug => {
                "This name is taken by one of the site's own pages; please choose another."
            }
            Problem::BadDateTime if ja => {
                "日時を「2027-01-15 12:00」の形で入力してください（日本時間）。"
            }
            Problem::BadDateTime => "Enter a date and time such as 2027-01-15 12:00 (Japan time).",
            Problem::BadCount if ja => "0 以上 10000 以下の整数を入力してください。",
            Problem::BadCount => "Enter a whole number from 0 to 10000.",
            Problem::BadChoice if ja => "選択肢から選んでください。",
            Problem::BadChoice => "Please pick one of the choices.",
            Problem::Taken if ja => "この URL 名はすでに使われています。別の名前にしてください。",
            Problem::Taken => "This URL name is already in use; please pick another.",
            Problem::Schedule(ScheduleError::WindowReversed) if ja => {
                "応募締切は応募開始より後にしてください。"
            }
            Problem::Schedule(ScheduleError::WindowReversed) => {
                "Applications must close after they open."
            }
            Problem::Schedule(ScheduleError::SessionsBeforeDeadline) if ja => {
                "開催開始は応募締切より後にしてください。"
            }
            Problem::Schedule(ScheduleError::SessionsBeforeDeadline) => {
                "Sessions must start after applications close."
            }
            Problem::Schedule(ScheduleError::SessionsReversed) if ja => {
                "開催終了は開催開始より後にしてください。"
            }
            Problem::Schedule(ScheduleError::SessionsReversed) => {
                "Sessions must end after they start."
            }
            Problem::NoSuchAccount if ja => {
                "このメールアドレスのアカウントはありません。先に一度サインインしてもらってください。"
            }
            Problem::NoSuchAccount => {
                "No account has this email; ask the person to sign in once first."
            }
            Problem::NotConfirmed if ja => "確認のチェックを入れてください。",
            Problem::NotConfirmed => "Please tick the box to confirm.",
            Problem::LastIdentity if ja => {
                "最後のサインイン方法は外せません。先に別の方法を連携してください。"
            }
            Problem::LastIdentity => {
                "This is your only way to sign in; link another one before removing it."
            }
            Problem::LastAdmin if ja => {
                "唯一の管理者のため削除できません。先に別の管理者を任命してください。"
            }
            Problem::LastAdmin => {
                "You are the only administrator; appoint another before deleting your account."
            }
            Problem::StatusChanged if ja => {
                "状態が変わったため操作できませんでした。ページを再読み込みしてください。"
            }
            Problem::StatusChanged => {
                "Its status has changed in the meantime; please reload the page."
            }
            Problem::OverLimit(n) if ja => return format!("{n} 文字以内にしてください。"),
            Problem::OverLimit(n) => return format!("Please keep this to {n} characters."),
            Problem::BadUrl if ja => "https:// で始まる URL を入力してください。",
            Problem::BadUrl => "Enter an address starting with https://.",
            Problem::BadDate if ja => "日付を「2008-04-01」の形で入力してください。",
            Problem::BadDate => "Enter a date such as 2008-04-01.",
            Problem::TooYoung(n) if ja => {
                return format!("開催初日の時点で {n} 歳以上の方が応募できます。");
            }
            Problem::TooYoung(n) => {
                return format!("Applicants must be {n} or older on the first day.");
            }
            Problem::TooOld(n) if ja => {
                return format!("開催初日の時点で {n} 歳以下の方が応募できます。");
            }
            Problem::TooOld(n) => {
                return format!("Applicants must be {n} or younger on the first day.");
            }
            Problem::AlreadyCompleted if ja => "このプログラムを修了した方は再度応募できません。",
            Problem::AlreadyCompleted => {
                "You have completed this programme before; it accepts each person once."
            }
            Problem::TooManyApplications(n) if ja => {
                return format!("このコホートに提出できる応募は {n} 件までです。");
            }
            Problem::TooManyApplications(n) => {
                return format!("You may submit at most {n} application(s) in this cohort.");
            }
            Problem::DeadlinePassed if ja => {
                "応募期間外のため提出できません。下書きは保存されたままです。"
            }
            Problem::DeadlinePassed => {
                "Applications are closed, so this was not submitted; your draft is kept."
            }
            Problem::EditedElsewhere if ja => {
                "別のタブまたはウィンドウで変更されています。再読み込みしてください（上書きしていません）。"
            }
            Problem::EditedElsewhere => {
                "This was changed in another tab or window; please reload (nothing was overwritten)."
            }
            Problem::BadScore if ja => "目盛りの範囲の整数を入力してください。",
            Problem::BadScore => "Enter a whole number within the scale.",
            Problem::OverCapacity if ja => "定員を超えます。超える場合は理由を入力してください。",
            Problem::OverCapacity => {
                "This exceeds the track's capacity; give a reason to override it."
            }
            Problem::ReviewClosed if ja => "審査は締め切られました。採点は変更できません。",
            Problem::ReviewClosed => "The review is closed; scores can no longer change.",
            Problem::OfferClosed if ja => "このオファーはすでに回答済みか、期限が過ぎています。",
            Problem::OfferClosed => "This offer was already answered or has lapsed.",
            Problem::ConsentMissing if ja => {
                "保護者の同意がまだありません。同意が得られてから確定してください。"
            }
            Problem::ConsentMissing => {
                "Your guardian's consent is still missing; confirm once they have consented."
            }
            Problem::PlaceHeldInCohort if ja => {
                "この回の別のトラックで参加がすでに確定しています。参加できるのは 1 回につき 1 トラックです。"
            }
            Problem::PlaceHeldInCohort => {
                "You have already confirmed a place on another track of this cohort; each person takes one place per cohort."
            }
            Problem::OwnGuardian if ja => {
                "保護者のメールアドレスに、ご自身のアドレスは使えません。保護者の方のアドレスを入力してください。"
            }
            Problem::OwnGuardian => {
                "The guardian's email cannot be your own address; enter your guardian's address."
            }
            Problem::AlreadyDecided if ja => "この応募は選考済みのため、変更や再提出はできません。",
            Problem::AlreadyDecided => {
                "A decision was made on this application, so it can no longer be changed or resubmitted."
            }
            Problem::Conflicted if ja => {
                "この審査員はこの応募と利害関係があるため割り当てられません。"
            }
            Problem::Conflicted => "This reviewer has a conflict of interest with the application.",
            Problem::ConflictedScore if ja => {
                "あなたはこの応募と利害関係があるため採点できません。主催者に連絡してください。"
            }
            Problem::ConflictedScore => {
                "You have a conflict of interest with this application, so you cannot score it; please tell the organisers."
            }
            Problem::Pipeline(r) => r.message(lang),
            Problem::NotAlumnus if ja => {
                "チューターに応募できるのは、このプログラムの修了生だけです。"
            }
            Problem::NotAlumnus => {
                "Only alumni of this programme may volunteer as tutors (tutors are past participants)."
            }
            Problem::CallClosed if ja => "この募集は締め切られたか、定員に達しています。",
            Problem::CallClosed => "This call is closed or already has all its tutors.",
            Problem::AlreadyVolunteered if ja => {
                "この募集にはすでに応募済みか、すでにこのトラックのチューターです。"
            }
            Problem::AlreadyVolunteered => {
                "You already volunteered for this call or already tutor this track."
            }
            Problem::InvitationUsed if ja => {
                "この招待リンクはすでに使われたか、期限が切れています。主催者に新しい招待を依頼してください。"
            }
            Problem::InvitationUsed => {
                "This invitation has already been used or has expired; ask the organiser for a new one."
            }
            Problem::InvitationNotYours if ja => {
                "この招待は別のメールアドレス宛てです。招待されたアドレスのアカウントでサインインしてからお引き受けください。"
            }
            Problem::InvitationNotYours => {
                "This invitation was sent to another address; sign in with the account of the invited address to accept it."
            }
            Problem::AlreadyOnRoster if ja => "この方はすでにこのトラックの名簿に載っています。",
            Problem::AlreadyOnRoster => "This person is already on the track's roster.",
            Problem::AlumniOnly if ja => "このイベントは修了生（とスタッフ）限定です。",
            Problem::AlumniOnly => "This event is for alumni (and staff) only.",
            Problem::EventClosed if ja => {
                "このイベントは中止されたか、すでに始まっているため、参加登録を受け付けていません。"
            }
            Problem::EventClosed => {
                "This event was cancelled or has started; it takes no more RSVPs."
            }
            Problem::EndsBeforeStart if ja => "終了日時は開始日時より後にしてください。",
            Problem::EndsBeforeStart => "The end must be after the start.",
            Problem::BadHours if ja => {
                "時間は 2 や 1.5 のように、小数第1位までの数で入力してください。"
            }
            Problem::BadHours => "Enter hours such as 2 or 1.5 (one decimal at most).",
            Problem::ConfirmationUsed if ja => {
                "この確認リンクはすでに使われたか、期限が切れています。内容は変更されていません。"
            }
            Problem::HostNotAlumnus if ja => "イベントの主催者として承認できるのは修了生だけです。",
            Problem::HostNotAlumnus => "Only alumni can be approved as event hosts.",
            Problem::ConfirmationUsed => {
                "This confirmation link has already been used or has expired; nothing was changed."
            }
            Problem::SupervisorIsClaimant if ja => {
                "活動の確認者にご本人を指定することはできません。別の方（上司や主催者など）を指定してください。内容は保存されていません。"
            }
            Problem::SupervisorIsClaimant => {
                "You cannot be the supervisor of your own activity; please name someone else (a manager or organiser). Nothing was saved."
            }
            Problem::SelfCheckIn if ja => {
                "ご自身のチェックインはできません。ほかの主催者に依頼してください。内容は変更されていません。"
            }
            Problem::SelfCheckIn => {
                "You cannot check yourself in; please ask another organiser. Nothing was changed."
            }
            Problem::ControlCharacter if ja => {
                "使えない制御文字（NUL など）が含まれています。取り除いてから保存してください。"
            }
            Problem::ControlCharacter => {
                "This contains control characters (such as NUL) that cannot be saved; please remove them."
            }
            Problem::TooManyMails if ja => {
                "このアドレス宛て、またはあなたの操作によるメールが 1 時間の上限に達しました。しばらくしてからお試しください。"
            }
            Problem::TooManyMails => {
                "Too many mails went to this address, or at your request, in the last hour; please try again later."
            }
        };
        s.to_string()
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
