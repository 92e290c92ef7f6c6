//! Candidate support: a candidate's mentor and the programme's training
//! steps, who may sign a step off, and when a candidate is ready to be
//! promoted.

use super::{Refusal, Stage};

/// Whether `mentor_stage` lets a person mentor a candidate at
/// `candidate_stage`: an experienced tutor may mentor tutor candidates,
/// only a lecturer may mentor lecturer candidates.
pub fn may_mentor(mentor_stage: Option<Stage>, candidate_stage: Option<Stage>) -> bool {
    match (mentor_stage, candidate_stage) {
        (Some(m), Some(Stage::TutorCandidate)) => m.may_mentor(),
        (Some(m), Some(Stage::LecturerCandidate)) => m == Stage::Lecturer,
        _ => false,
    }
}

/// Checks a mentor assignment: the person must be a candidate, and the
/// mentor experienced enough and someone else.
pub fn check_mentor(
    candidate: i32,
    candidate_stage: Option<Stage>,
    mentor: i32,
    mentor_stage: Option<Stage>,
) -> Result<(), Refusal> {
    if !candidate_stage.is_some_and(Stage::is_candidate) {
        return Err(Refusal::NotCandidate);
    }
    if candidate == mentor || !may_mentor(mentor_stage, candidate_stage) {
        return Err(Refusal::NotMentor);
    }
    Ok(())
}

/// A candidate is ready to promote once every training step of the
/// programme is signed off (a programme without steps needs none).
pub fn ready(stage: Option<Stage>, steps: usize, signed_off: usize) -> bool {
    stage.is_some_and(Stage::is_candidate) && signed_off >= steps
}

#[cfg(test)]
mod tests {
    use super::*;
    use Stage::*;

    #[test]
    fn who_may_mentor_whom() {
        for m in Stage::ALL {
            assert_eq!(
                may_mentor(Some(m), Some(TutorCandidate)),
                matches!(m, Tutor | Lecturer)
            );
            assert_eq!(may_mentor(Some(m), Some(LecturerCandidate)), m == Lecturer);
            assert!(!may_mentor(Some(m), Some(Alumnus)));
            assert!(!may_mentor(Some(m), None));
        }
        assert!(!may_mentor(None, Some(TutorCandidate)));
    }

    #[test]
    fn mentor_assignments_are_checked() {
        assert_eq!(
            check_mentor(1, Some(TutorCandidate), 2, Some(Tutor)),
            Ok(())
        );
        assert_eq!(
            check_mentor(1, Some(Alumnus), 2, Some(Tutor)),
            Err(Refusal::NotCandidate)
        );
        assert_eq!(
            check_mentor(1, Some(LecturerCandidate), 2, Some(Tutor)),
            Err(Refusal::NotMentor)
        );
        assert_eq!(
            check_mentor(1, Some(TutorCandidate), 1, Some(Lecturer)),
            Err(Refusal::NotMentor),
            "nobody mentors themselves"
        );
    }

    #[test]
    fn ready_once_every_step_is_signed_off() {
        assert!(!ready(Some(TutorCandidate), 3, 2));
        assert!(ready(Some(TutorCandidate), 3, 3));
        assert!(ready(Some(LecturerCandidate), 0, 0));
        assert!(!ready(Some(Tutor), 0, 0), "only candidates are promoted");
        assert!(!ready(None, 0, 0));
    }
}
