//! The pipeline: the stages a person passes through in a programme,
//! participant → alumnus → tutor candidate → tutor → lecturer candidate →
//! lecturer, and the one set of rules deciding which moves are allowed.
//!
//! Every change of stage goes through [`check_move`]; the store records the
//! allowed ones with who, when and why.

pub mod code;
pub mod funnel;
pub mod mail;
pub mod support;
pub mod view;

use crate::enums::stored_enum;
use crate::lang::Lang;
use crate::text::labels;
use serde::{Deserialize, Serialize};

/// The longest reason kept for a change of stage or a revocation.
pub const MAX_REASON: usize = 500;

stored_enum! {
    /// A stage of the pipeline, in order.
    #[derive(PartialOrd, Ord)]
    pub enum Stage: varchar(24) {
        /// Takes part in a track.
        Participant = "participant" / labels::stage::participant,
        /// Completed a track of the programme.
        Alumnus = "alumnus" / labels::stage::alumnus,
        /// Preparing to tutor, with a mentor.
        TutorCandidate = "tutor_candidate" / labels::stage::tutor_candidate,
        /// Tutors a track.
        Tutor = "tutor" / labels::stage::tutor,
        /// Preparing to lecture, with a mentor.
        LecturerCandidate = "lecturer_candidate" / labels::stage::lecturer_candidate,
        /// Lectures a track.
        Lecturer = "lecturer" / labels::stage::lecturer,
    }
}

impl Stage {
    /// Whether a person at this stage is being prepared, with a mentor and
    /// training steps.
    pub fn is_candidate(self) -> bool {
        matches!(self, Stage::TutorCandidate | Stage::LecturerCandidate)
    }

    /// Whether a person at this stage may mentor candidates (an
    /// experienced tutor or lecturer).
    pub fn may_mentor(self) -> bool {
        matches!(self, Stage::Tutor | Stage::Lecturer)
    }

    /// The stage a candidate is promoted to.
    pub fn promotes_to(self) -> Option<Stage> {
        match self {
            Stage::TutorCandidate => Some(Stage::Tutor),
            Stage::LecturerCandidate => Some(Stage::Lecturer),
            _ => None,
        }
    }
}

/// What the rules need to know about the person, besides their stage.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    /// Holds a completion of the programme that is not revoked.
    pub completed: bool,
    /// Tutored a cohort of the programme whose sessions have ended.
    pub tutor_stint_done: bool,
}

/// How an allowed move was allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Allowed {
    /// The rules allow it.
    Regular,
    /// The rules do not, and an organiser overrides them with a reason.
    Override,
}

/// What a move would need that is missing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// The person already stands at that stage.
    NoChange,
    /// Only a completion (a certificate) makes an alumnus; no override.
    NeedsCompletion,
    /// The rules do not allow the move; an organiser may override it by
    /// giving a reason.
    NeedsReason,
    /// The reason is too long.
    ReasonTooLong,
    /// The person is not a participant of the track, so cannot complete it.
    NotParticipant,
    /// The certificate is already revoked.
    AlreadyRevoked,
    /// The person is not a tutor or lecturer candidate.
    NotCandidate,
    /// The chosen mentor is not experienced enough (a tutor or lecturer
    /// for tutor candidates, a lecturer for lecturer candidates), or is
    /// the candidate.
    NotMentor,
    /// No account has this email.
    NoSuchPerson,
    /// A mentor already signed this training step off for someone; the
    /// sign-off is kept as evidence, so the step stays.
    StepSignedOff,
}

impl Refusal {
    /// A message for the person, in their language (`problems.json`).
    pub fn message(self, lang: Lang) -> &'static str {
        use crate::text::problems::pipeline;
        match self {
            Refusal::NoChange => pipeline::no_change(lang),
            Refusal::NeedsCompletion => pipeline::needs_completion(lang),
            Refusal::NeedsReason => pipeline::needs_reason(lang),
            Refusal::ReasonTooLong => pipeline::reason_too_long(lang),
            Refusal::NotParticipant => pipeline::not_participant(lang),
            Refusal::AlreadyRevoked => pipeline::already_revoked(lang),
            Refusal::NotCandidate => pipeline::not_candidate(lang),
            Refusal::NotMentor => pipeline::not_mentor(lang),
            Refusal::NoSuchPerson => pipeline::no_such_person(lang),
            Refusal::StepSignedOff => pipeline::step_signed_off(lang),
        }
    }
}

/// Whether the rules alone allow moving from `from` (`None`: no stage yet)
/// to `to`, given the `facts`.
///
/// - participant: the first stage, from none;
/// - alumnus: from participant, with a completion;
/// - tutor candidate: from alumnus;
/// - tutor: requires alumnus, from alumnus or tutor candidate;
/// - lecturer candidate: from tutor, with a completed tutor stint;
/// - lecturer: from lecturer candidate, or straight in for a person with
///   no stage in the programme (a lecturer from academia, industry or
///   government).
pub fn regular(from: Option<Stage>, to: Stage, facts: Facts) -> bool {
    use Stage::*;
    match to {
        Participant => from.is_none(),
        Alumnus => from == Some(Participant) && facts.completed,
        TutorCandidate => from == Some(Alumnus),
        Tutor => matches!(from, Some(Alumnus | TutorCandidate)),
        LecturerCandidate => from == Some(Tutor) && facts.tutor_stint_done,
        Lecturer => matches!(from, None | Some(LecturerCandidate)),
    }
}

/// Decides a move from `from` to `to`. A move the rules do not allow is
/// still allowed as an organiser's override when a reason is given; a
/// move to alumnus always needs a completion.
pub fn check_move(
    from: Option<Stage>,
    to: Stage,
    facts: Facts,
    reason: &str,
) -> Result<Allowed, Refusal> {
    let reason = reason.trim();
    if from == Some(to) {
        return Err(Refusal::NoChange);
    }
    if reason.chars().count() > MAX_REASON {
        return Err(Refusal::ReasonTooLong);
    }
    if to == Stage::Alumnus && !facts.completed {
        return Err(Refusal::NeedsCompletion);
    }
    if regular(from, to, facts) {
        Ok(Allowed::Regular)
    } else if reason.is_empty() {
        Err(Refusal::NeedsReason)
    } else {
        Ok(Allowed::Override)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Stage::*;

    /// Every move the rules allow without a reason, written out by hand:
    /// (from, to, needs completion, needs a finished tutor stint).
    const REGULAR: [(Option<Stage>, Stage, bool, bool); 8] = [
        (None, Participant, false, false),
        (Some(Participant), Alumnus, true, false),
        (Some(Alumnus), TutorCandidate, false, false),
        (Some(Alumnus), Tutor, false, false),
        (Some(TutorCandidate), Tutor, false, false),
        (Some(Tutor), LecturerCandidate, false, true),
        (Some(LecturerCandidate), Lecturer, false, false),
        (None, Lecturer, false, false),
    ];

    fn all_facts() -> [Facts; 4] {
        [
            Facts {
                completed: false,
                tutor_stint_done: false,
            },
            Facts {
                completed: true,
                tutor_stint_done: false,
            },
            Facts {
                completed: false,
                tutor_stint_done: true,
            },
            Facts {
                completed: true,
                tutor_stint_done: true,
            },
        ]
    }

    fn expected_regular(from: Option<Stage>, to: Stage, f: Facts) -> bool {
        REGULAR
            .iter()
            .any(|&(a, b, needs_completion, needs_stint)| {
                a == from
                    && b == to
                    && (!needs_completion || f.completed)
                    && (!needs_stint || f.tutor_stint_done)
            })
    }

    #[test]
    fn every_move_is_decided_as_the_table_says() {
        let froms = std::iter::once(None).chain(Stage::ALL.into_iter().map(Some));
        for from in froms {
            for to in Stage::ALL {
                for f in all_facts() {
                    for reason in ["", "  ", "mentored for a year"] {
                        let got = check_move(from, to, f, reason);
                        let has_reason = !reason.trim().is_empty();
                        let want = if from == Some(to) {
                            Err(Refusal::NoChange)
                        } else if to == Alumnus && !f.completed {
                            Err(Refusal::NeedsCompletion)
                        } else if expected_regular(from, to, f) {
                            Ok(Allowed::Regular)
                        } else if has_reason {
                            Ok(Allowed::Override)
                        } else {
                            Err(Refusal::NeedsReason)
                        };
                        assert_eq!(
                            got, want,
                            "{from:?} -> {to:?} with {f:?}, reason {reason:?}"
                        );
                        assert_eq!(regular(from, to, f), expected_regular(from, to, f));
                    }
                }
            }
        }
    }

    #[test]
    fn tutor_requires_alumnus() {
        let f = Facts::default();
        assert_eq!(
            check_move(Some(Participant), Tutor, f, ""),
            Err(Refusal::NeedsReason)
        );
        assert_eq!(check_move(None, Tutor, f, ""), Err(Refusal::NeedsReason));
        assert_eq!(
            check_move(Some(Alumnus), Tutor, f, ""),
            Ok(Allowed::Regular)
        );
    }

    #[test]
    fn lecturer_candidate_needs_a_finished_stint_or_an_override() {
        let no_stint = Facts::default();
        let stint = Facts {
            tutor_stint_done: true,
            ..Facts::default()
        };
        assert_eq!(
            check_move(Some(Tutor), LecturerCandidate, no_stint, ""),
            Err(Refusal::NeedsReason)
        );
        assert_eq!(
            check_move(
                Some(Tutor),
                LecturerCandidate,
                no_stint,
                "taught at a CTF school"
            ),
            Ok(Allowed::Override)
        );
        assert_eq!(
            check_move(Some(Tutor), LecturerCandidate, stint, ""),
            Ok(Allowed::Regular)
        );
        assert_eq!(
            check_move(Some(Alumnus), LecturerCandidate, stint, ""),
            Err(Refusal::NeedsReason)
        );
    }

    #[test]
    fn alumnus_comes_only_from_a_completion() {
        assert_eq!(
            check_move(Some(Participant), Alumnus, Facts::default(), "trust me"),
            Err(Refusal::NeedsCompletion)
        );
    }

    #[test]
    fn overlong_reasons_are_refused() {
        let long = "x".repeat(MAX_REASON + 1);
        assert_eq!(
            check_move(Some(Alumnus), Lecturer, Facts::default(), &long),
            Err(Refusal::ReasonTooLong)
        );
    }

    #[test]
    fn stages_round_trip_and_are_ordered() {
        for s in Stage::ALL {
            assert_eq!(Stage::parse(s.as_str()), Some(s));
            assert_ne!(s.label(Lang::Ja), s.label(Lang::En));
        }
        assert_eq!(Stage::parse("admin"), None);
        assert!(Stage::ALL.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn candidates_are_promoted_and_mentored_by_the_experienced() {
        assert_eq!(TutorCandidate.promotes_to(), Some(Tutor));
        assert_eq!(LecturerCandidate.promotes_to(), Some(Lecturer));
        assert_eq!(Alumnus.promotes_to(), None);
        let mentors: Vec<Stage> = Stage::ALL.into_iter().filter(|s| s.may_mentor()).collect();
        assert_eq!(mentors, vec![Tutor, Lecturer]);
    }

    #[test]
    fn every_refusal_has_two_messages() {
        for r in [
            Refusal::NoChange,
            Refusal::NeedsCompletion,
            Refusal::NeedsReason,
            Refusal::ReasonTooLong,
            Refusal::NotParticipant,
            Refusal::AlreadyRevoked,
            Refusal::NotCandidate,
            Refusal::NotMentor,
            Refusal::NoSuchPerson,
        ] {
            assert_ne!(r.message(Lang::Ja), r.message(Lang::En));
        }
    }
}
