//! Sessions, sign-ups, attendance and completion.
//!
//! A session runs one programme version: planned → open (people may sign up) → running →
//! finished (completion is decided) → closed (the follow-up period is over), or cancelled
//! from any state before it finishes. A sign-up (an enrolment) is confirmed, pending its
//! institution head's approval (holding a seat meanwhile), offered a freed seat for a while,
//! or waiting in line; it ends cancelled, declined, expired or removed.

use chrono::{NaiveDate, NaiveTime};

use crate::identity::{LearnerCategory, string_enum};
use crate::problem::{Problem, Problems};

string_enum!(
    SessionState {
        Planned = "planned",
        Open = "open",
        Running = "running",
        Finished = "finished",
        Closed = "closed",
        Cancelled = "cancelled",
    }
);

/// What a provider or trainer does to a session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionAction {
    Open,
    Start,
    Finish,
    Close,
    Cancel,
}

impl SessionAction {
    pub fn parse(s: &str) -> Option<SessionAction> {
        Some(match s {
            "open" => SessionAction::Open,
            "start" => SessionAction::Start,
            "finish" => SessionAction::Finish,
            "close" => SessionAction::Close,
            "cancel" => SessionAction::Cancel,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            SessionAction::Open => "open",
            SessionAction::Start => "start",
            SessionAction::Finish => "finish",
            SessionAction::Close => "close",
            SessionAction::Cancel => "cancel",
        }
    }

    /// The states the action may be taken from.
    pub fn from_states(self) -> &'static [SessionState] {
        use SessionState::*;
        match self {
            SessionAction::Open => &[Planned],
            SessionAction::Start => &[Open],
            SessionAction::Finish => &[Running],
            SessionAction::Close => &[Finished],
            SessionAction::Cancel => &[Planned, Open, Running],
        }
    }

    pub fn to_state(self) -> SessionState {
        match self {
            SessionAction::Open => SessionState::Open,
            SessionAction::Start => SessionState::Running,
            SessionAction::Finish => SessionState::Finished,
            SessionAction::Close => SessionState::Closed,
            SessionAction::Cancel => SessionState::Cancelled,
        }
    }
}

impl SessionState {
    pub fn apply(self, a: SessionAction) -> Result<SessionState, Problem> {
        if a.from_states().contains(&self) {
            Ok(a.to_state())
        } else {
            Err(Problem::new("transition_not_allowed")
                .text("state", self.as_str())
                .text("action", a.name()))
        }
    }

    /// Whether attendance may still be recorded or corrected.
    pub fn attendance_open(self) -> bool {
        matches!(
            self,
            SessionState::Open | SessionState::Running | SessionState::Finished
        )
    }
}

string_enum!(
    EnrolmentStatus {
        Confirmed = "confirmed",
        PendingApproval = "pending_approval",
        Offered = "offered",
        Waitlisted = "waitlisted",
        Cancelled = "cancelled",
        Declined = "declined",
        Expired = "expired",
        Removed = "removed",
    }
);

impl EnrolmentStatus {
    /// Whether the enrolment holds one of the session's seats.
    pub fn holds_seat(self) -> bool {
        matches!(
            self,
            EnrolmentStatus::Confirmed
                | EnrolmentStatus::PendingApproval
                | EnrolmentStatus::Offered
        )
    }

    /// Whether the enrolment is still alive (holds a seat or waits for one).
    pub fn active(self) -> bool {
        self.holds_seat() || self == EnrolmentStatus::Waitlisted
    }
}

string_enum!(
    AttendanceStatus {
        Present = "present",
        Absent = "absent",
        Excused = "excused",
        Partial = "partial",
    }
);

/// One meeting of a session, in the venue's local time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Meeting {
    pub day: NaiveDate,
    pub starts: NaiveTime,
    pub ends: NaiveTime,
    pub place: Option<String>,
    pub online_link: Option<String>,
}

impl Meeting {
    pub fn minutes(&self) -> i32 {
        ((self.ends - self.starts).num_minutes()).max(0) as i32
    }

    pub fn overlaps(&self, other: &Meeting) -> bool {
        self.day == other.day && self.starts < other.ends && other.starts < self.ends
    }
}

/// Whether any meeting of one session overlaps any of the other.
pub fn sessions_overlap(a: &[Meeting], b: &[Meeting]) -> bool {
    a.iter().any(|x| b.iter().any(|y| x.overlaps(y)))
}

pub const CAPACITY_MAX: i32 = 10_000;

/// The rules for a session's plan.
#[derive(Clone, Debug, Default)]
pub struct SessionPlan {
    pub meetings: Vec<Meeting>,
    pub capacity: i32,
    pub hold_days: i32,
    pub offer_hours: i32,
    pub categories: Vec<LearnerCategory>,
}

impl SessionPlan {
    pub fn check(&self) -> Problems {
        let mut p = Problems::new();
        if self.meetings.is_empty() {
            p.add("meetings", Problem::new("meetings_required"));
        }
        for (i, m) in self.meetings.iter().enumerate() {
            let field = format!("meeting_{}", i + 1);
            if m.ends <= m.starts {
                p.add(field.clone(), Problem::new("meeting_ends_before_start"));
            }
            if m.place.as_deref().is_none_or(str::is_empty)
                && m.online_link.as_deref().is_none_or(str::is_empty)
            {
                p.add(field.clone(), Problem::new("meeting_place_required"));
            }
            let bad_link = |link: &str| {
                !link.starts_with("https://")
                    || link.chars().any(char::is_whitespace)
                    || link.len() > 500
            };
            if m.online_link
                .as_deref()
                .is_some_and(|l| !l.is_empty() && bad_link(l))
            {
                p.add(field.clone(), Problem::new("link_invalid_url"));
            }
            if self.meetings[..i].iter().any(|o| o.overlaps(m)) {
                p.add(field, Problem::new("meetings_overlap"));
            }
        }
        if !(1..=CAPACITY_MAX).contains(&self.capacity) {
            p.add(
                "capacity",
                Problem::new("number_out_of_range")
                    .num("min", 1)
                    .num("max", i64::from(CAPACITY_MAX)),
            );
        }
        if !(1..=60).contains(&self.hold_days) {
            p.add(
                "hold_days",
                Problem::new("number_out_of_range")
                    .num("min", 1)
                    .num("max", 60),
            );
        }
        if !(1..=168).contains(&self.offer_hours) {
            p.add(
                "offer_hours",
                Problem::new("number_out_of_range")
                    .num("min", 1)
                    .num("max", 168),
            );
        }
        p
    }

    pub fn first_day(&self) -> Option<NaiveDate> {
        self.meetings.iter().map(|m| m.day).min()
    }

    pub fn last_day(&self) -> Option<NaiveDate> {
        self.meetings.iter().map(|m| m.day).max()
    }
}

/// The share of scheduled minutes attended, in per cent. Present counts a whole meeting,
/// partial counts its minutes (at most the meeting's), absent, excused and unrecorded count
/// nothing.
pub fn attendance_pct(meetings: &[(i32, Option<(AttendanceStatus, i32)>)]) -> f64 {
    let total: i64 = meetings.iter().map(|(m, _)| i64::from(*m)).sum();
    if total == 0 {
        return 0.0;
    }
    let attended: i64 = meetings
        .iter()
        .map(|(m, rec)| match rec {
            Some((AttendanceStatus::Present, _)) => i64::from(*m),
            Some((AttendanceStatus::Partial, mins)) => i64::from((*mins).clamp(0, *m)),
            _ => 0,
        })
        .sum();
    attended as f64 * 100.0 / total as f64
}

/// Whether a participant completes: enough attendance, and a passed assessment if the
/// programme requires one.
pub fn completes(
    attended_pct: f64,
    threshold_pct: i32,
    assessment_required: bool,
    passed: Option<bool>,
) -> bool {
    attended_pct + 1e-9 >= f64::from(threshold_pct)
        && (!assessment_required || passed == Some(true))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(day: u32, from: (u32, u32), to: (u32, u32)) -> Meeting {
        Meeting {
            day: NaiveDate::from_ymd_opt(2027, 3, day).unwrap_or_default(),
            starts: NaiveTime::from_hms_opt(from.0, from.1, 0).unwrap_or_default(),
            ends: NaiveTime::from_hms_opt(to.0, to.1, 0).unwrap_or_default(),
            place: Some("Room 1".into()),
            online_link: None,
        }
    }

    #[test]
    fn session_lifecycle() {
        use SessionAction::*;
        use SessionState::*;
        assert_eq!(Planned.apply(SessionAction::Open), Ok(SessionState::Open));
        assert_eq!(SessionState::Open.apply(Start), Ok(Running));
        assert_eq!(Running.apply(Finish), Ok(Finished));
        assert_eq!(Finished.apply(Close), Ok(Closed));
        assert_eq!(Running.apply(Cancel), Ok(Cancelled));
        assert!(Finished.apply(Cancel).is_err());
        assert!(Closed.apply(SessionAction::Open).is_err());
        assert!(Cancelled.apply(Start).is_err());
    }

    #[test]
    fn meetings_overlap_only_on_the_same_day() {
        assert!(m(1, (9, 0), (12, 0)).overlaps(&m(1, (11, 0), (13, 0))));
        assert!(!m(1, (9, 0), (12, 0)).overlaps(&m(1, (12, 0), (13, 0))));
        assert!(!m(1, (9, 0), (12, 0)).overlaps(&m(2, (9, 0), (12, 0))));
        assert!(sessions_overlap(
            &[m(1, (9, 0), (12, 0)), m(2, (9, 0), (12, 0))],
            &[m(2, (11, 0), (15, 0))]
        ));
    }

    #[test]
    fn plan_rules() {
        let plan = SessionPlan {
            meetings: vec![m(1, (9, 0), (12, 0))],
            capacity: 20,
            hold_days: 5,
            offer_hours: 48,
            categories: vec![],
        };
        assert!(plan.check().is_empty());
        let bad = SessionPlan {
            meetings: vec![
                m(1, (12, 0), (9, 0)),
                Meeting {
                    place: None,
                    ..m(2, (9, 0), (10, 0))
                },
                m(2, (9, 30), (11, 0)),
            ],
            capacity: 0,
            hold_days: 0,
            offer_hours: 500,
            categories: vec![],
        };
        let codes: Vec<&str> = bad.check().0.iter().map(|p| p.problem.code).collect();
        assert_eq!(
            codes,
            [
                "meeting_ends_before_start",
                "meeting_place_required",
                "meetings_overlap",
                "number_out_of_range",
                "number_out_of_range",
                "number_out_of_range"
            ]
        );
    }

    #[test]
    fn completion() {
        use AttendanceStatus::*;
        let three_hours = 180;
        let rec = [
            (three_hours, Some((Present, 0))),
            (three_hours, Some((Partial, 90))),
            (three_hours, Some((Excused, 0))),
            (three_hours, None),
        ];
        assert!((attendance_pct(&rec) - 37.5).abs() < 1e-9);
        let all = [
            (three_hours, Some((Present, 0))),
            (three_hours, Some((Present, 0))),
            (three_hours, Some((Present, 0))),
            (three_hours, Some((Partial, 120))),
        ];
        let pct = attendance_pct(&all);
        assert!((pct - 91.666).abs() < 0.01);
        assert!(completes(pct, 80, false, None));
        assert!(!completes(pct, 95, false, None));
        assert!(!completes(pct, 80, true, None));
        assert!(!completes(pct, 80, true, Some(false)));
        assert!(completes(pct, 80, true, Some(true)));
        assert!(
            completes(80.0, 80, false, None),
            "exactly the threshold completes"
        );
        // Partial minutes never count for more than the meeting.
        assert!((attendance_pct(&[(60, Some((Partial, 600)))]) - 100.0).abs() < 1e-9);
    }

    #[test]
    fn seat_holding_statuses() {
        assert!(EnrolmentStatus::PendingApproval.holds_seat());
        assert!(!EnrolmentStatus::Waitlisted.holds_seat());
        assert!(EnrolmentStatus::Waitlisted.active());
        assert!(!EnrolmentStatus::Cancelled.active());
    }
}
