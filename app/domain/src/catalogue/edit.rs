//! What organisers type into the cohort and track forms, and the rules it
//! must meet before anything is written.

use super::{CohortSchedule, ScheduleError, TrackVector};
use crate::forms::{Checker, FieldError, Problem};
use crate::lang::Localized;
use crate::slug::{is_reserved_cohort_slug, is_valid_slug};
use serde::{Deserialize, Serialize};

/// The longest name or title accepted.
pub const MAX_NAME_LEN: usize = 200;
/// The longest summary, description or venue accepted.
pub const MAX_TEXT_LEN: usize = 20_000;

/// The cohort form as typed (times are JST `datetime-local` values).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CohortDraft {
    /// URL name.
    pub slug: String,
    /// Title in Japanese.
    pub title_ja: String,
    /// Title in English.
    pub title_en: String,
    /// Venue in Japanese.
    pub venue_ja: String,
    /// Venue in English.
    pub venue_en: String,
    /// Applications open (JST).
    pub applications_open_at: String,
    /// Applications close (JST).
    pub applications_close_at: String,
    /// Sessions start (JST).
    pub sessions_start_at: String,
    /// Sessions end (JST).
    pub sessions_end_at: String,
}

/// A cohort that passed every rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidCohort {
    /// URL name.
    pub slug: String,
    /// Title.
    pub title: Localized,
    /// Venue.
    pub venue: Localized,
    /// Dates, in order.
    pub schedule: CohortSchedule,
}

/// The track form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackDraft {
    /// URL name.
    pub slug: String,
    /// Name in Japanese.
    pub name_ja: String,
    /// Name in English.
    pub name_en: String,
    /// Summary in Japanese.
    pub summary_ja: String,
    /// Summary in English.
    pub summary_en: String,
    /// Description in Japanese.
    pub description_ja: String,
    /// Description in English.
    pub description_en: String,
    /// `industry`, `tech` or empty.
    pub vector: String,
    /// A field's slug, or empty.
    pub field: String,
    /// Digital Skill Standard role in Japanese (optional).
    pub dss_role_ja: String,
    /// Digital Skill Standard role in English (optional).
    pub dss_role_en: String,
    /// Seats.
    pub capacity: String,
    /// Lecturers wanted.
    pub lecturer_target: String,
    /// Tutors wanted.
    pub tutor_target: String,
}

/// A track that passed every rule (the field is checked against the
/// database by the store, which knows the fields).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidTrack {
    /// URL name.
    pub slug: String,
    /// Name.
    pub name: Localized,
    /// Summary.
    pub summary: Localized,
    /// Description.
    pub description: Localized,
    /// Vector, for Connect tracks.
    pub vector: Option<TrackVector>,
    /// Field slug, for Connect tracks.
    pub field: Option<String>,
    /// Digital Skill Standard role.
    pub dss_role: Option<Localized>,
    /// Seats.
    pub capacity: i32,
    /// Lecturers wanted.
    pub lecturer_target: i32,
    /// Tutors wanted.
    pub tutor_target: i32,
}

/// Checks a cohort form; every problem is reported at once.
pub fn validate_cohort(d: &CohortDraft) -> Result<ValidCohort, Vec<FieldError>> {
    let mut c = Checker::default();
    let slug = c.slug(&d.slug);
    if is_reserved_cohort_slug(&slug) {
        c.fail("slug", Problem::ReservedSlug);
    }
    let title = Localized::new(
        c.text("title_ja", &d.title_ja, true, MAX_NAME_LEN),
        c.text("title_en", &d.title_en, true, MAX_NAME_LEN),
    );
    let venue = Localized::new(
        c.text("venue_ja", &d.venue_ja, false, MAX_NAME_LEN),
        c.text("venue_en", &d.venue_en, false, MAX_NAME_LEN),
    );
    let times = (
        c.time("applications_open_at", &d.applications_open_at),
        c.time("applications_close_at", &d.applications_close_at),
        c.time("sessions_start_at", &d.sessions_start_at),
        c.time("sessions_end_at", &d.sessions_end_at),
    );
    let (Some(open), Some(close), Some(start), Some(end)) = times else {
        return Err(c.into_problems());
    };
    let schedule = CohortSchedule {
        applications_open_at: open,
        applications_close_at: close,
        sessions_start_at: start,
        sessions_end_at: end,
    };
    if let Err(e) = schedule.validate() {
        let field = match e {
            ScheduleError::WindowReversed => "applications_close_at",
            ScheduleError::SessionsBeforeDeadline => "sessions_start_at",
            ScheduleError::SessionsReversed => "sessions_end_at",
        };
        c.fail(field, Problem::Schedule(e));
    }
    if c.is_clean() {
        Ok(ValidCohort {
            slug,
            title,
            venue,
            schedule,
        })
    } else {
        Err(c.into_problems())
    }
}

/// Checks a track form; every problem is reported at once.
pub fn validate_track(d: &TrackDraft) -> Result<ValidTrack, Vec<FieldError>> {
    let mut c = Checker::default();
    let slug = c.slug(&d.slug);
    let name = Localized::new(
        c.text("name_ja", &d.name_ja, true, MAX_NAME_LEN),
        c.text("name_en", &d.name_en, true, MAX_NAME_LEN),
    );
    let summary = Localized::new(
        c.text("summary_ja", &d.summary_ja, true, MAX_TEXT_LEN),
        c.text("summary_en", &d.summary_en, false, MAX_TEXT_LEN),
    );
    let description = Localized::new(
        c.text("description_ja", &d.description_ja, false, MAX_TEXT_LEN),
        c.text("description_en", &d.description_en, false, MAX_TEXT_LEN),
    );
    let vector = match d.vector.trim() {
        "" => None,
        v => {
            let parsed = TrackVector::parse(v);
            if parsed.is_none() {
                c.fail("vector", Problem::BadChoice);
            }
            parsed
        }
    };
    let field = match d.field.trim() {
        "" => None,
        f if is_valid_slug(f) => Some(f.to_string()),
        _ => {
            c.fail("field", Problem::BadChoice);
            None
        }
    };
    let dss_ja = c.text("dss_role_ja", &d.dss_role_ja, false, MAX_NAME_LEN);
    let dss_en = c.text("dss_role_en", &d.dss_role_en, false, MAX_NAME_LEN);
    let dss_role =
        (!dss_ja.is_empty() || !dss_en.is_empty()).then(|| Localized::new(dss_ja, dss_en));
    let capacity = c.count("capacity", &d.capacity);
    let lecturer_target = c.count("lecturer_target", &d.lecturer_target);
    let tutor_target = c.count("tutor_target", &d.tutor_target);
    if c.is_clean() {
        Ok(ValidTrack {
            slug,
            name,
            summary,
            description,
            vector,
            field,
            dss_role,
            capacity,
            lecturer_target,
            tutor_target,
        })
    } else {
        Err(c.into_problems())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cohort() -> CohortDraft {
        CohortDraft {
            slug: "2028".into(),
            title_ja: "コネクト 2028".into(),
            title_en: "Connect 2028".into(),
            venue_ja: "東京".into(),
            venue_en: "Tokyo".into(),
            applications_open_at: "2027-11-01T10:00".into(),
            applications_close_at: "2028-01-15T12:00".into(),
            sessions_start_at: "2028-03-01T09:00".into(),
            sessions_end_at: "2028-03-05T17:00".into(),
        }
    }

    fn track() -> TrackDraft {
        TrackDraft {
            slug: "rail".into(),
            name_ja: "鉄道セキュリティ".into(),
            name_en: "Railway Security".into(),
            summary_ja: "鉄道の制御を守る".into(),
            vector: "industry".into(),
            field: "rail".into(),
            capacity: "10".into(),
            lecturer_target: "2".into(),
            tutor_target: "1".into(),
            ..Default::default()
        }
    }

    fn problems(errs: Vec<FieldError>) -> Vec<(String, Problem)> {
        errs.into_iter().map(|e| (e.field, e.problem)).collect()
    }

    #[test]
    fn a_good_cohort_passes_with_times_in_utc() {
        let v = validate_cohort(&cohort()).unwrap();
        assert_eq!(v.slug, "2028");
        assert_eq!(
            v.schedule.applications_close_at.to_rfc3339(),
            "2028-01-15T03:00:00+00:00"
        );
    }

    #[test]
    fn every_cohort_problem_is_reported_at_once() {
        let d = CohortDraft {
            slug: "Bad Slug".into(),
            title_ja: " ".into(),
            title_en: "x".repeat(MAX_NAME_LEN + 1),
            applications_open_at: "tomorrow".into(),
            ..cohort()
        };
        assert_eq!(
            problems(validate_cohort(&d).unwrap_err()),
            vec![
                ("slug".into(), Problem::BadSlug),
                ("title_ja".into(), Problem::Required),
                ("title_en".into(), Problem::TooLong),
                ("applications_open_at".into(), Problem::BadDateTime),
            ]
        );
    }

    #[test]
    fn a_cohort_cannot_take_the_name_of_an_organiser_page() {
        let d = CohortDraft {
            slug: "eligibility".into(),
            ..cohort()
        };
        assert_eq!(
            problems(validate_cohort(&d).unwrap_err()),
            vec![("slug".into(), Problem::ReservedSlug)]
        );
    }

    #[test]
    fn cohort_dates_must_be_in_order() {
        let d = CohortDraft {
            sessions_start_at: "2028-01-01T00:00".into(),
            ..cohort()
        };
        assert_eq!(
            problems(validate_cohort(&d).unwrap_err()),
            vec![(
                "sessions_start_at".into(),
                Problem::Schedule(ScheduleError::SessionsBeforeDeadline)
            )]
        );
    }

    #[test]
    fn a_good_track_passes() {
        let v = validate_track(&track()).unwrap();
        assert_eq!(v.vector, Some(TrackVector::Industry));
        assert_eq!(v.field.as_deref(), Some("rail"));
        assert_eq!(v.dss_role, None);
        assert_eq!((v.capacity, v.lecturer_target, v.tutor_target), (10, 2, 1));
    }

    #[test]
    fn track_problems_are_reported() {
        let d = TrackDraft {
            vector: "space".into(),
            field: "Rail!".into(),
            capacity: "-1".into(),
            lecturer_target: "many".into(),
            tutor_target: "10001".into(),
            ..track()
        };
        assert_eq!(
            problems(validate_track(&d).unwrap_err()),
            vec![
                ("vector".into(), Problem::BadChoice),
                ("field".into(), Problem::BadChoice),
                ("capacity".into(), Problem::BadCount),
                ("lecturer_target".into(), Problem::BadCount),
                ("tutor_target".into(), Problem::BadCount),
            ]
        );
    }
}
