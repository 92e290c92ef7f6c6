//! Golden tests: every short text and every mail of the domain, rendered for
//! representative inputs in both languages and compared byte for byte with
//! `golden/texts.txt` and `golden/mails.txt`. Those files were written from
//! the texts as they stood in Rust, before they moved to the locale files
//! and mail templates: the proof that the move changed no text.

use crate::alumni::{Level, OPEN_TO_KEYS, OpenTo, Part, Qualification, Visibility};
use crate::announce::mail::AnnouncementMail;
use crate::application::eligibility::EligibilityRules;
use crate::catalogue::ScheduleError;
use crate::credits::mail::CreditMail;
use crate::credits::{CreditKind, CreditStatus, csv_header};
use crate::events::mail::EventMail;
use crate::events::{Audience, EventKind, RsvpStatus};
use crate::forms::Problem;
use crate::lang::{Lang, Localized};
use crate::mail::MailTemplate;
use crate::mail::render::MAIL_TEMPLATES;
use crate::pipeline::funnel::{Funnel, StageLine, chart};
use crate::pipeline::mail::PipelineMail;
use crate::pipeline::{Refusal, Stage};
use crate::reminders::mail::ReminderMail;
use crate::review::mail::SelectionMail;
use crate::rosters::mail::RosterMail;
use crate::rosters::{LecturerSource, VolunteerStatus};
use crate::time::{format_date, format_date_range, format_datetime};
use chrono::{DateTime, TimeZone, Utc};
use std::collections::BTreeSet;
use std::fmt::Write;

const LANGS: [Lang; 2] = [Lang::Ja, Lang::En];

/// 15:30 UTC on 31 Oct is 00:30 on 1 Nov in Japan.
fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 10, 31, 15, 30, 0).unwrap()
}

fn deadline() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 3, 8, 3, 0, 0).unwrap()
}

fn track() -> Localized {
    Localized::new("コネクト 2027: AI", "Connect 2027: AI")
}

/// Every problem a form can report, one of each kind.
fn problems() -> Vec<Problem> {
    use Problem::*;
    let mut all = vec![
        Required,
        TooLong,
        BadSlug,
        ReservedSlug,
        BadDateTime,
        BadCount,
        BadChoice,
        Taken,
        Schedule(ScheduleError::WindowReversed),
        Schedule(ScheduleError::SessionsBeforeDeadline),
        Schedule(ScheduleError::SessionsReversed),
        NoSuchAccount,
        NotConfirmed,
        LastIdentity,
        LastAdmin,
        StatusChanged,
        OverLimit(400),
        BadUrl,
        BadDate,
        TooYoung(15),
        TooOld(22),
        AlreadyCompleted,
        TooManyApplications(2),
        DeadlinePassed,
        EditedElsewhere,
        BadScore,
        OverCapacity,
        ReviewClosed,
        OfferClosed,
        ConsentMissing,
        PlaceHeldInCohort,
        OwnGuardian,
        AlreadyDecided,
        Conflicted,
        ConflictedScore,
        NotAlumnus,
        CallClosed,
        AlreadyVolunteered,
        InvitationUsed,
        InvitationNotYours,
        AlreadyOnRoster,
        AlumniOnly,
        EventClosed,
        EndsBeforeStart,
        BadHours,
        ConfirmationUsed,
        SupervisorIsClaimant,
        SelfCheckIn,
        HostNotAlumnus,
        ControlCharacter,
        TooManyMails,
        SlugInUse,
        FieldInUse,
        NotFailed,
        MailLinkGone,
        NothingToRetry,
        TemplateSyntax(3),
        NotAVariable(1),
        UnknownVariable(12),
        NoRecipients,
        NotReleased,
        AlreadySent,
        QuestionsOpened,
        UnknownPrefecture,
    ];
    all.extend(refusals().into_iter().map(Pipeline));
    all.extend(crate::application::files::FileProblem::ALL.map(File));
    all
}

fn refusals() -> Vec<Refusal> {
    use Refusal::*;
    vec![
        NoChange,
        NeedsCompletion,
        NeedsReason,
        ReasonTooLong,
        NotParticipant,
        AlreadyRevoked,
        NotCandidate,
        NotMentor,
        NoSuchPerson,
        StepSignedOff,
    ]
}

/// Every short text, one line each: `what [lang] text`.
fn texts() -> String {
    let mut out = String::new();
    for lang in LANGS {
        let tag = lang.as_str();
        let mut line = |what: &str, text: &str| {
            writeln!(out, "{what} [{tag}] {text}").unwrap();
        };
        for p in problems() {
            line(&format!("{p:?}"), &p.message(lang));
        }
        for r in refusals() {
            line(&format!("Refusal::{r:?}"), r.message(lang));
        }
        for k in EventKind::ALL {
            line(&format!("EventKind::{k:?}"), k.label(lang));
        }
        for a in Audience::ALL {
            line(&format!("Audience::{a:?}"), a.label(lang));
        }
        for s in RsvpStatus::ALL {
            line(&format!("RsvpStatus::{s:?}"), s.label(lang));
        }
        for k in CreditKind::ALL {
            line(&format!("CreditKind::{k:?}"), k.label(lang));
        }
        for s in CreditStatus::ALL {
            line(&format!("CreditStatus::{s:?}"), s.label(lang));
        }
        for v in Visibility::ALL {
            line(&format!("Visibility::{v:?}"), v.label(lang));
        }
        for p in Part::ALL {
            line(&format!("Part::{p:?}"), p.label(lang));
        }
        for l in Level::ALL {
            line(&format!("Level::{l:?}"), l.label(lang));
        }
        for q in Qualification::ALL {
            line(&format!("Qualification::{q:?}"), q.label(lang));
        }
        for key in OPEN_TO_KEYS.into_iter().chain(["unknown"]) {
            line(&format!("OpenTo::{key}"), OpenTo::label(key, lang));
        }
        for s in Stage::ALL {
            line(&format!("Stage::{s:?}"), s.label(lang));
        }
        for s in LecturerSource::ALL {
            line(&format!("LecturerSource::{s:?}"), s.label(lang));
        }
        for s in VolunteerStatus::ALL {
            line(&format!("VolunteerStatus::{s:?}"), s.label(lang));
        }
        line("csv_header", &csv_header(lang).join(","));
        line("format_date", &format_date(at(), lang));
        line("format_datetime", &format_datetime(at(), lang));
        for month in 1..=12 {
            let t = Utc.with_ymd_and_hms(2027, month, 9, 3, 5, 0).unwrap();
            line("format_datetime", &format_datetime(t, lang));
        }
        line(
            "format_date_range",
            &format_date_range(at(), deadline(), lang),
        );
        line("format_date_range", &format_date_range(at(), at(), lang));
        let rules = [
            EligibilityRules {
                min_age: Some(15),
                max_age: Some(22),
                once_only: true,
                max_applications_per_cohort: 1,
                ask_expertise: true,
                ..EligibilityRules::default()
            },
            EligibilityRules {
                min_age: Some(18),
                ..EligibilityRules::default()
            },
            EligibilityRules {
                max_age: Some(29),
                max_applications_per_cohort: 3,
                ..EligibilityRules::default()
            },
        ];
        for r in rules {
            line("explain", &r.explain(lang).join(" | "));
        }
        let funnel = Funnel {
            lines: vec![
                StageLine {
                    stage: Stage::Participant,
                    now: 3,
                    reached: 10,
                    conversion: Some(70.0),
                    mean_days: Some(4.0),
                },
                StageLine {
                    stage: Stage::Alumnus,
                    now: 7,
                    reached: 7,
                    conversion: None,
                    mean_days: None,
                },
            ],
        };
        // The chart's texts and geometry (the page draws them as SVG).
        let c = chart(&funnel, lang);
        let mut drawn = format!("{}x{} {}", c.width, c.height, c.title);
        for b in &c.bars {
            let _ = write!(
                drawn,
                " | {} y={} width={} text_y={} numbers_x={} {}",
                b.label, b.y, b.width, b.text_y, b.numbers_x, b.numbers
            );
        }
        line("chart", &drawn);
    }
    out
}

/// Every mail, once per variant, with the recipient it is addressed to.
fn mails() -> Vec<(MailTemplate, &'static str)> {
    let link = "https://camp.example.jp/links/abc123".to_string();
    let offer = "https://camp.example.jp/offers/12".to_string();
    vec![
        (
            MailTemplate::IdentityLinked {
                provider: "GitHub".into(),
                at: at(),
            },
            "山田 太郎",
        ),
        (
            MailTemplate::OrganiserGranted {
                programme: Localized::new("セキュリティ・キャンプ", "Security Camp"),
            },
            "",
        ),
        (
            MailTemplate::OrganiserGranted {
                programme: Localized::new("コネクト", ""),
            },
            "  ",
        ),
        (
            MailTemplate::ApplicationReceived {
                track: track(),
                at: at(),
                deadline: deadline(),
            },
            "佐藤 葵",
        ),
        (
            MailTemplate::GuardianConsentRequest {
                applicant: "佐藤 葵".into(),
                track: track(),
                dates: Localized::new("2027年3月1日〜3日", "1–3 Mar 2027"),
                link: link.clone(),
                expires_at: deadline(),
            },
            "佐藤 花子",
        ),
        (
            MailTemplate::GuardianConsentOutcome {
                track: track(),
                consented: true,
            },
            "佐藤 葵",
        ),
        (
            MailTemplate::GuardianConsentOutcome {
                track: track(),
                consented: false,
            },
            "佐藤 葵",
        ),
        (
            MailTemplate::Selection(SelectionMail::Accepted {
                track: track(),
                deadline: deadline(),
                link: offer.clone(),
            }),
            "Aoi",
        ),
        (
            MailTemplate::Selection(SelectionMail::Waitlisted {
                track: track(),
                position: 3,
            }),
            "Aoi",
        ),
        (
            MailTemplate::Selection(SelectionMail::Rejected { track: track() }),
            "Aoi",
        ),
        (
            MailTemplate::Selection(SelectionMail::WaitlistOffer {
                track: track(),
                deadline: deadline(),
                link: offer.clone(),
            }),
            "Aoi",
        ),
        (
            MailTemplate::Selection(SelectionMail::OfferReminder {
                track: track(),
                deadline: deadline(),
                link: offer,
            }),
            "Aoi",
        ),
        (
            MailTemplate::Selection(SelectionMail::OfferConfirmed { track: track() }),
            "Aoi",
        ),
        (
            MailTemplate::Selection(SelectionMail::PlaceRemoved { track: track() }),
            "Aoi",
        ),
        (
            MailTemplate::Pipeline(PipelineMail::CertificateIssued {
                track: track(),
                code: "2345-6789-ABCD-EFGH".into(),
                certificate: "https://cc.example/certificates/2345-6789-ABCD-EFGH".into(),
                verify: "https://cc.example/verify/2345-6789-ABCD-EFGH".into(),
            }),
            "Aoi",
        ),
        (
            MailTemplate::Roster(RosterMail::LecturerInvitation {
                track: track(),
                link: link.clone(),
                expires_at: deadline(),
            }),
            "",
        ),
        (
            MailTemplate::Roster(RosterMail::VolunteerDecided {
                track: track(),
                approved: true,
            }),
            "Aoi",
        ),
        (
            MailTemplate::Roster(RosterMail::VolunteerDecided {
                track: track(),
                approved: false,
            }),
            "Aoi",
        ),
        (
            MailTemplate::Event(EventMail::Reminder {
                title: Localized::new("暗号勉強会", "Crypto study session"),
                starts_at: at(),
                link: "https://cc.example/events/1".into(),
            }),
            "Aoi",
        ),
        (
            MailTemplate::Event(EventMail::MovedUp {
                title: Localized::new("暗号勉強会", ""),
                starts_at: at(),
                link: "https://cc.example/events/1".into(),
            }),
            "Aoi",
        ),
        (
            MailTemplate::Credit(CreditMail::ConfirmRequest {
                person: "山田".into(),
                title: "講演 \"TLS\"".into(),
                hours: "1.5".into(),
                link,
                expires_at: deadline(),
            }),
            "",
        ),
        (
            MailTemplate::Credit(CreditMail::Decided {
                title: "講演".into(),
                confirmed: true,
            }),
            "山田",
        ),
        (
            MailTemplate::Credit(CreditMail::Decided {
                title: "講演".into(),
                confirmed: false,
            }),
            "山田",
        ),
        (
            MailTemplate::Pipeline(PipelineMail::HistoryClaim {
                sign_in: "https://cc.example/sign-in".into(),
                certificates: "https://cc.example/account/certificates".into(),
            }),
            "山田 太郎",
        ),
        (
            MailTemplate::Announcement(AnnouncementMail {
                programme: "セキュリティ・キャンプ".into(),
                audience: "コネクト 2027: AI の合格者".into(),
                subject: "事前課題のお知らせ".into(),
                text: "山田 太郎 様、事前課題を公開しました。\n<締切> & 提出方法は追って。".into(),
            }),
            "山田 太郎",
        ),
        (
            MailTemplate::Reminder(ReminderMail::Draft {
                track: track(),
                deadline: deadline(),
                link: "https://cc.example/programmes/c/2027/tracks/ai/apply".into(),
            }),
            "山田 太郎",
        ),
        (
            MailTemplate::Reminder(ReminderMail::Review {
                track: track(),
                due_at: deadline(),
                unfinished: 3,
                link: "https://cc.example/review".into(),
            }),
            "Aoi",
        ),
        (
            MailTemplate::Reminder(ReminderMail::EventChanged {
                title: Localized::new("暗号勉強会", "Crypto study session"),
                starts_at: at(),
                place: crate::reminders::place("Room 1", true),
                link: "https://cc.example/events/1".into(),
            }),
            "Aoi",
        ),
        (
            MailTemplate::Reminder(ReminderMail::EventCancelled {
                title: Localized::new("暗号勉強会", "Crypto study session"),
                starts_at: at(),
                link: "https://cc.example/events/1".into(),
            }),
            "Aoi",
        ),
    ]
}

/// Every mail rendered in both languages, one section each.
fn rendered_mails() -> String {
    let mut out = String::new();
    for (mail, recipient) in mails() {
        for lang in LANGS {
            let r = mail.render(lang, recipient);
            writeln!(
                out,
                "=== {} [{}] to {recipient:?}\nSubject: {}\n\n{}\n",
                mail.name(),
                lang.as_str(),
                r.subject,
                r.body
            )
            .unwrap();
        }
    }
    out
}

/// Fails on the first line that differs, showing it in full.
fn assert_same(actual: &str, expected: &str, file: &str) {
    for (i, (a, e)) in actual.lines().zip(expected.lines()).enumerate() {
        assert_eq!(a, e, "{file}, line {}", i + 1);
    }
    assert_eq!(actual, expected, "{file}: the line counts differ");
}

/// Rendering fails on a missing template or a variable its builder does
/// not supply; this also checks that the builders reach every template.
#[test]
fn every_template_renders_through_its_builder_in_both_languages() {
    let mut rendered = BTreeSet::new();
    for (mail, recipient) in mails() {
        for lang in LANGS {
            mail.render(lang, recipient);
            rendered.insert(format!("{}/{}", lang.as_str(), mail.name()));
            rendered.insert(format!("{}/layout", lang.as_str()));
        }
    }
    let templates: BTreeSet<String> = MAIL_TEMPLATES
        .iter()
        .map(|(name, _)| name.to_string())
        .collect();
    assert_eq!(rendered, templates);
}

#[test]
fn short_texts_are_unchanged() {
    assert_same(
        &texts(),
        include_str!("../golden/texts.txt"),
        "golden/texts.txt",
    );
}

#[test]
fn mails_are_unchanged() {
    assert_same(
        &rendered_mails(),
        include_str!("../golden/mails.txt"),
        "golden/mails.txt",
    );
}
