//! A cohort's dates and the status that follows from them.
//!
//! The status is derived, never stored: a stored status goes stale the moment
//! a deadline passes, while the dates are the organisers' real decision.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The dates of one cohort, all in UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CohortSchedule {
    /// Applications open.
    pub applications_open_at: DateTime<Utc>,
    /// Applications close (the deadline, exclusive).
    pub applications_close_at: DateTime<Utc>,
    /// The sessions start.
    pub sessions_start_at: DateTime<Utc>,
    /// The sessions end.
    pub sessions_end_at: DateTime<Utc>,
}

/// Where a cohort stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CohortStatus {
    /// Announced; applications not open yet.
    Planned,
    /// Taking applications.
    Open,
    /// Applications closed; review and selection under way.
    Reviewing,
    /// The sessions are taking place.
    Running,
    /// Over.
    Finished,
}

/// Why a schedule is not in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum ScheduleError {
    /// Applications would close before (or when) they open.
    #[error("applications must close after they open")]
    WindowReversed,
    /// The sessions would start before applications close.
    #[error("sessions must start after applications close")]
    SessionsBeforeDeadline,
    /// The sessions would end before they start.
    #[error("sessions must end after they start")]
    SessionsReversed,
}

impl CohortSchedule {
    /// Checks that the dates follow each other: open < close ≤ start ≤ end.
    pub fn validate(&self) -> Result<(), ScheduleError> {
        if self.applications_close_at <= self.applications_open_at {
            return Err(ScheduleError::WindowReversed);
        }
        if self.sessions_start_at < self.applications_close_at {
            return Err(ScheduleError::SessionsBeforeDeadline);
        }
        if self.sessions_end_at < self.sessions_start_at {
            return Err(ScheduleError::SessionsReversed);
        }
        Ok(())
    }

    /// The status at `now`. Each boundary belongs to the later status: at the
    /// deadline instant, applications are already closed.
    pub fn status_at(&self, now: DateTime<Utc>) -> CohortStatus {
        if now < self.applications_open_at {
            CohortStatus::Planned
        } else if now < self.applications_close_at {
            CohortStatus::Open
        } else if now < self.sessions_start_at {
            CohortStatus::Reviewing
        } else if now < self.sessions_end_at {
            CohortStatus::Running
        } else {
            CohortStatus::Finished
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn schedule() -> CohortSchedule {
        let at = |m, d| Utc.with_ymd_and_hms(2027, m, d, 3, 0, 0).unwrap();
        CohortSchedule {
            applications_open_at: at(1, 10),
            applications_close_at: at(2, 10),
            sessions_start_at: at(3, 1),
            sessions_end_at: at(3, 5),
        }
    }

    #[test]
    fn status_follows_the_dates() {
        let s = schedule();
        let second = Duration::seconds(1);
        let cases = [
            (s.applications_open_at - second, CohortStatus::Planned),
            (s.applications_open_at, CohortStatus::Open),
            (s.applications_close_at - second, CohortStatus::Open),
            (s.applications_close_at, CohortStatus::Reviewing),
            (s.sessions_start_at, CohortStatus::Running),
            (s.sessions_end_at - second, CohortStatus::Running),
            (s.sessions_end_at, CohortStatus::Finished),
        ];
        for (now, want) in cases {
            assert_eq!(s.status_at(now), want, "at {now}");
        }
    }

    #[test]
    fn validate_accepts_ordered_dates() {
        assert_eq!(schedule().validate(), Ok(()));
    }

    #[test]
    fn validate_refuses_each_disorder() {
        let mut s = schedule();
        s.applications_close_at = s.applications_open_at;
        assert_eq!(s.validate(), Err(ScheduleError::WindowReversed));

        let mut s = schedule();
        s.sessions_start_at = s.applications_close_at - Duration::days(1);
        assert_eq!(s.validate(), Err(ScheduleError::SessionsBeforeDeadline));

        let mut s = schedule();
        s.sessions_end_at = s.sessions_start_at - Duration::hours(1);
        assert_eq!(s.validate(), Err(ScheduleError::SessionsReversed));
    }
}
