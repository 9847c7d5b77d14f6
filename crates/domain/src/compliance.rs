//! Compliance rules: how many hours of professional development a person owes, over which
//! cycle, and where they stand.
//!
//! A rule is data (stored as JSON, three presets shipped): who it applies to, the cycle
//! length, the hours required, optional minimums per source or competence area, an optional
//! "at least one programme of N hours", how cycles start, and which ledger sources count.
//! [`evaluate`] is a pure function of a rule, a person's facts (employment start, leaves) and
//! their credited hours, so every preset is tested here without a database.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::identity::LearnerCategory;
use crate::org::OrgKind;
use crate::problem::Problem;

/// How a person's cycles are laid out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CycleStart {
    /// The first cycle starts on the day the person started work; each next one where the
    /// last ended.
    Employment,
    /// Fixed cycles for everyone, the first starting on `first`.
    Calendar { first: NaiveDate },
}

/// What a minimum counts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "key", rename_all = "snake_case")]
pub enum Counted {
    /// Minutes from one ledger source (`session`, `recognition`, `industry`, `correction`).
    Source(String),
    /// Minutes credited with a competence in this framework area (`FRAMEWORK:AREA`).
    Area(String),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Minimum {
    pub counted: Counted,
    pub minutes: i64,
}

/// A compliance rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    /// A stable identifier such as `HU-VET-60H`.
    pub code: String,
    /// The country code of the organisations it applies in (`HU`, `PL`, `RU`).
    pub jurisdiction: String,
    /// Names in hu, pl, ru, en.
    pub names: [String; 4],
    pub categories: Vec<LearnerCategory>,
    /// The kinds of organisation the person must work in.
    pub org_kinds: Vec<OrgKind>,
    pub cycle_years: u32,
    pub required_minutes: i64,
    #[serde(default)]
    pub minimums: Vec<Minimum>,
    /// At least one programme (one enrolment or one recognised training) of this length.
    #[serde(default)]
    pub single_programme_minutes: Option<i64>,
    pub cycle_start: CycleStart,
    /// The ledger sources that count.
    pub sources: Vec<String>,
    /// A person is at risk when the share of the cycle gone exceeds the share of the
    /// requirement done by more than this many percentage points.
    pub at_risk_points: u32,
    /// How many days before a deadline people at risk are reminded by e-mail, one reminder
    /// per point.
    #[serde(default = "default_reminder_days")]
    pub reminder_days: Vec<u32>,
}

/// Half a year, three months and one month before the deadline.
pub fn default_reminder_days() -> Vec<u32> {
    vec![180, 90, 30]
}

impl Rule {
    /// Whether the rule is well formed; the first problem otherwise.
    pub fn check(&self) -> Result<(), Problem> {
        if self.code.trim().is_empty() {
            return Err(Problem::new("code_required"));
        }
        if !(1..=10).contains(&self.cycle_years) {
            return Err(Problem::new("cycle_years_range"));
        }
        if self.required_minutes <= 0 || self.minimums.iter().any(|m| m.minutes <= 0) {
            return Err(Problem::new("hours_positive"));
        }
        if self.single_programme_minutes.is_some_and(|m| m <= 0) {
            return Err(Problem::new("hours_positive"));
        }
        if self.sources.is_empty() || self.categories.is_empty() {
            return Err(Problem::new("rule_incomplete"));
        }
        if self.reminder_days.iter().any(|d| *d > 3660) {
            return Err(Problem::new("reminder_days_range"));
        }
        if self.at_risk_points > 100 {
            return Err(Problem::new("at_risk_range"));
        }
        Ok(())
    }

    /// Whether the rule covers a person of `category` working in an organisation of `kind`
    /// in the country `country`.
    pub fn applies(&self, category: LearnerCategory, kind: OrgKind, country: &str) -> bool {
        self.categories.contains(&category)
            && self.org_kinds.contains(&kind)
            && self.jurisdiction.eq_ignore_ascii_case(country)
    }
}

/// Hours credited to a person, as the ledger holds them.
#[derive(Clone, Debug)]
pub struct Credit {
    pub on: NaiveDate,
    pub minutes: i64,
    /// Shared: a handful of source names over millions of credits.
    pub source: std::sync::Arc<str>,
    /// `FRAMEWORK:AREA` keys of the competences the minutes count towards.
    pub areas: Vec<String>,
    /// The enrolment or recognition the minutes belong to, for "one programme of N hours".
    pub item: Option<uuid::Uuid>,
}

/// A leave (parental leave, long illness) that pauses the person's cycle: from `from`
/// up to and including `to`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Leave {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// What is known of a person that decides their cycles.
#[derive(Clone, Debug)]
pub struct Facts {
    pub started_on: NaiveDate,
    pub leaves: Vec<Leave>,
}

crate::identity::string_enum!(
    /// Where a person stands against a rule.
    Status {
        Compliant = "compliant",
        OnTrack = "on_track",
        AtRisk = "at_risk",
        Overdue = "overdue",
    }
);

/// A requirement not yet met in the current cycle.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Gap {
    pub counted: Counted,
    pub done_minutes: i64,
    pub required_minutes: i64,
}

/// A person's standing against one rule on one day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evaluation {
    pub status: Status,
    pub cycle_start: NaiveDate,
    /// The last day of the cycle, moved by leave.
    pub deadline: NaiveDate,
    pub done_minutes: i64,
    /// The total the cycle asks for.
    pub required_minutes: i64,
    /// Minutes still needed for the total (0 when the total is met).
    pub needed_minutes: i64,
    /// Minimums not yet met.
    pub gaps: Vec<Gap>,
    /// Whether the "one programme of N hours" requirement is met (`None` without one).
    pub programme_met: Option<bool>,
    /// The deadline of an earlier cycle that ended unmet, while the current one is unmet.
    pub missed_deadline: Option<NaiveDate>,
}

impl Evaluation {
    pub fn met(&self) -> bool {
        self.needed_minutes == 0 && self.gaps.is_empty() && self.programme_met != Some(false)
    }
}

/// Days of leave within `from..until` (until exclusive).
fn leave_days(leaves: &[Leave], from: NaiveDate, until: NaiveDate) -> i64 {
    leaves
        .iter()
        .map(|l| {
            let a = l.from.max(from);
            let b = (l.to + chrono::Duration::days(1)).min(until);
            (b - a).num_days().max(0)
        })
        .sum()
}

fn add_years(d: NaiveDate, years: u32) -> NaiveDate {
    d.checked_add_months(Months::new(years * 12))
        .unwrap_or(NaiveDate::MAX)
}

/// The end (exclusive) of a cycle starting on `start`, moved by the leave inside it.
fn cycle_end(start: NaiveDate, years: u32, leaves: &[Leave]) -> NaiveDate {
    let base = add_years(start, years);
    let mut end = base;
    // Leave moves the end; the moved end may take in more leave, so repeat until it stays.
    for _ in 0..32 {
        let next = base + chrono::Duration::days(leave_days(leaves, start, end));
        if next == end {
            break;
        }
        end = next;
    }
    end
}

/// The cycle containing `today` and the one before it, as `(start, end exclusive)`.
pub fn cycles(
    rule: &Rule,
    facts: &Facts,
    today: NaiveDate,
) -> ((NaiveDate, NaiveDate), Option<(NaiveDate, NaiveDate)>) {
    match &rule.cycle_start {
        CycleStart::Employment => {
            let mut start = facts.started_on;
            let mut previous = None;
            loop {
                let end = cycle_end(start, rule.cycle_years, &facts.leaves);
                if end > today || end <= start {
                    return ((start, end), previous);
                }
                previous = Some((start, end));
                start = end;
            }
        }
        CycleStart::Calendar { first } => {
            let years = rule.cycle_years as i32;
            let k = if today < *first {
                0
            } else {
                let mut k = (today.year() - first.year()) / years;
                while add_years(*first, (k + 1) as u32 * rule.cycle_years) <= today {
                    k += 1;
                }
                while k > 0 && add_years(*first, k as u32 * rule.cycle_years) > today {
                    k -= 1;
                }
                k
            };
            let start_of = |k: i32| add_years(*first, k as u32 * rule.cycle_years);
            let window = |k: i32| {
                let s = start_of(k).max(facts.started_on);
                let base = start_of(k + 1);
                let e = base + chrono::Duration::days(leave_days(&facts.leaves, s, base));
                (s, e)
            };
            let current = window(k);
            let previous = (k > 0 && facts.started_on <= start_of(k - 1))
                .then(|| window(k - 1))
                .filter(|(_, e)| *e <= today);
            (current, previous)
        }
    }
}

/// What the credits in `start..end` achieve against the rule.
fn measure(rule: &Rule, credits: &[Credit], start: NaiveDate, end: NaiveDate) -> Measured {
    let counted: Vec<&Credit> = credits
        .iter()
        .filter(|c| {
            c.on >= start && c.on < end && rule.sources.iter().any(|s| s.as_str() == &*c.source)
        })
        .collect();
    let done: i64 = counted.iter().map(|c| c.minutes).sum::<i64>().max(0);
    let gaps = rule
        .minimums
        .iter()
        .map(|m| {
            let d: i64 = counted
                .iter()
                .filter(|c| match &m.counted {
                    Counted::Source(s) => &*c.source == s.as_str(),
                    Counted::Area(a) => c.areas.contains(a),
                })
                .map(|c| c.minutes)
                .sum::<i64>()
                .max(0);
            Gap {
                counted: m.counted.clone(),
                done_minutes: d,
                required_minutes: m.minutes,
            }
        })
        .collect::<Vec<_>>();
    let longest = rule.single_programme_minutes.map(|_| {
        let mut per_item: std::collections::HashMap<uuid::Uuid, i64> = Default::default();
        for c in &counted {
            if let Some(i) = c.item {
                *per_item.entry(i).or_default() += c.minutes;
            }
        }
        per_item.values().copied().max().unwrap_or(0)
    });
    Measured {
        done,
        gaps,
        longest,
    }
}

struct Measured {
    done: i64,
    gaps: Vec<Gap>,
    longest: Option<i64>,
}

impl Measured {
    fn met(&self, rule: &Rule) -> bool {
        self.done >= rule.required_minutes
            && self
                .gaps
                .iter()
                .all(|g| g.done_minutes >= g.required_minutes)
            && match (rule.single_programme_minutes, self.longest) {
                (Some(need), Some(l)) => l >= need,
                _ => true,
            }
    }

    /// The share of the requirement done, 0.0 to 1.0: the least of its parts.
    fn progress(&self, rule: &Rule) -> f64 {
        let share = |d: i64, r: i64| (d as f64 / r as f64).clamp(0.0, 1.0);
        let mut p = share(self.done, rule.required_minutes);
        for g in &self.gaps {
            p = p.min(share(g.done_minutes, g.required_minutes));
        }
        if let (Some(need), Some(l)) = (rule.single_programme_minutes, self.longest) {
            p = p.min(share(l, need));
        }
        p
    }
}

/// Where a person stood against `rule` at the end of `day`, counting only what had been
/// credited by then: for the history of an organisation's figures. `credits` must be in date
/// order.
pub fn evaluate_as_of(
    rule: &Rule,
    facts: &Facts,
    credits: &[Credit],
    day: NaiveDate,
) -> Evaluation {
    let known = credits.partition_point(|c| c.on <= day);
    evaluate(rule, facts, &credits[..known], day)
}

/// Where a person stands against `rule` on `today`.
pub fn evaluate(rule: &Rule, facts: &Facts, credits: &[Credit], today: NaiveDate) -> Evaluation {
    let ((start, end), previous) = cycles(rule, facts, today);
    let now = measure(rule, credits, start, end);
    let met = now.met(rule);
    let missed = previous
        .filter(|(s, e)| !measure(rule, credits, *s, *e).met(rule))
        .map(|(_, e)| e - chrono::Duration::days(1));
    let status = if met {
        Status::Compliant
    } else if missed.is_some() || today >= end {
        Status::Overdue
    } else {
        let length = (end - start).num_days().max(1) as f64;
        let gone = ((today - start).num_days().max(0) as f64 / length).clamp(0.0, 1.0);
        if (gone - now.progress(rule)) * 100.0 > f64::from(rule.at_risk_points) {
            Status::AtRisk
        } else {
            Status::OnTrack
        }
    };
    let gaps: Vec<Gap> = now
        .gaps
        .iter()
        .filter(|g| g.done_minutes < g.required_minutes)
        .cloned()
        .collect();
    Evaluation {
        status,
        cycle_start: start,
        deadline: end - chrono::Duration::days(1),
        done_minutes: now.done,
        required_minutes: rule.required_minutes,
        needed_minutes: (rule.required_minutes - now.done).max(0),
        gaps,
        programme_met: rule
            .single_programme_minutes
            .map(|need| now.longest.unwrap_or(0) >= need),
        missed_deadline: if met { None } else { missed },
    }
}

fn names(hu: &str, pl: &str, ru: &str, en: &str) -> [String; 4] {
    [hu.into(), pl.into(), ru.into(), en.into()]
}

/// The rules shipped with every deployment.
pub fn presets() -> Vec<Rule> {
    use LearnerCategory::*;
    vec![
        Rule {
            code: "HU-VET-60H".into(),
            jurisdiction: "HU".into(),
            names: names(
                "Szakmai továbbképzés: 4 évente legalább 60 óra",
                "Węgry: co najmniej 60 godzin doskonalenia w każdym 4-letnim cyklu",
                "Венгрия: не менее 60 часов повышения квалификации за каждые 4 года",
                "Hungary: at least 60 hours of development in every 4-year cycle",
            ),
            categories: vec![Instructor, InstitutionLeader],
            org_kinds: vec![OrgKind::Institution],
            cycle_years: 4,
            required_minutes: 60 * 60,
            minimums: vec![],
            single_programme_minutes: None,
            cycle_start: CycleStart::Employment,
            sources: vec![
                "session".into(),
                "recognition".into(),
                "industry".into(),
                "correction".into(),
            ],
            at_risk_points: 25,
            reminder_days: default_reminder_days(),
        },
        Rule {
            code: "PL-VET-INDUSTRY-40H".into(),
            jurisdiction: "PL".into(),
            names: names(
                "Lengyelország: 3 évente 40 óra vállalati szakmai képzés",
                "Szkolenie branżowe: 40 godzin w każdym 3-letnim cyklu",
                "Польша: 40 часов отраслевого обучения каждые 3 года",
                "Poland: 40 hours of industry training in each 3-year cycle",
            ),
            categories: vec![Instructor],
            org_kinds: vec![OrgKind::Institution],
            cycle_years: 3,
            required_minutes: 40 * 60,
            minimums: vec![Minimum {
                counted: Counted::Source("industry".into()),
                minutes: 40 * 60,
            }],
            single_programme_minutes: None,
            cycle_start: CycleStart::Calendar {
                first: NaiveDate::from_ymd_opt(2019, 9, 1).unwrap_or(NaiveDate::MIN),
            },
            sources: vec!["industry".into(), "correction".into()],
            at_risk_points: 25,
            reminder_days: default_reminder_days(),
        },
        Rule {
            code: "RU-TEACHER-16H".into(),
            jurisdiction: "RU".into(),
            names: names(
                "Oroszország: 3 évente legalább egy (16 órás vagy hosszabb) továbbképzés",
                "Rosja: co najmniej jeden program doskonalenia (16 godzin lub więcej) co 3 lata",
                "Повышение квалификации: не реже раза в 3 года (программа от 16 часов)",
                "Russia: at least one upskilling programme (16 hours or more) every 3 years",
            ),
            categories: vec![Instructor, InstitutionLeader, Trainer],
            org_kinds: vec![OrgKind::Institution],
            cycle_years: 3,
            required_minutes: 16 * 60,
            minimums: vec![],
            single_programme_minutes: Some(16 * 60),
            cycle_start: CycleStart::Employment,
            sources: vec!["session".into(), "recognition".into()],
            at_risk_points: 25,
            reminder_days: default_reminder_days(),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or(NaiveDate::MIN)
    }

    fn preset(code: &str) -> Rule {
        presets()
            .into_iter()
            .find(|r| r.code == code)
            .unwrap_or_else(|| panic!("no preset {code}"))
    }

    fn credit(on: NaiveDate, hours: i64, source: &str) -> Credit {
        Credit {
            on,
            minutes: hours * 60,
            source: source.into(),
            areas: vec![],
            item: Some(uuid::Uuid::new_v4()),
        }
    }

    fn facts(started: NaiveDate) -> Facts {
        Facts {
            started_on: started,
            leaves: vec![],
        }
    }

    #[test]
    fn the_past_is_judged_by_what_was_credited_by_then() {
        let hu = preset("HU-VET-60H");
        let f = facts(d(2020, 1, 1));
        let credits = vec![
            credit(d(2021, 3, 1), 30, "session"),
            credit(d(2023, 6, 1), 30, "session"),
        ];
        // Mid-2022: half the hours done, half the cycle gone: on track, not compliant.
        let then = evaluate_as_of(&hu, &f, &credits, d(2022, 6, 30));
        assert_eq!(then.done_minutes, 30 * 60);
        assert_eq!(then.status, Status::OnTrack);
        let later = evaluate_as_of(&hu, &f, &credits, d(2023, 6, 1));
        assert_eq!(later.status, Status::Compliant);
        // A rule stored before reminder points existed reads with the default points.
        let mut json = serde_json::to_value(&hu).unwrap_or_default();
        json.as_object_mut().map(|o| o.remove("reminder_days"));
        let back: Rule = serde_json::from_value(json).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back.reminder_days, vec![180, 90, 30]);
    }

    #[test]
    fn presets_are_well_formed_and_apply_where_they_should() {
        for r in presets() {
            assert_eq!(r.check(), Ok(()), "{}", r.code);
            let json = serde_json::to_string(&r).unwrap_or_default();
            let back: Rule = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(back, r);
        }
        let hu = preset("HU-VET-60H");
        assert!(hu.applies(LearnerCategory::Instructor, OrgKind::Institution, "hu"));
        assert!(!hu.applies(LearnerCategory::Instructor, OrgKind::Institution, "PL"));
        assert!(!hu.applies(LearnerCategory::Student, OrgKind::Institution, "HU"));
        assert!(!hu.applies(LearnerCategory::Instructor, OrgKind::Provider, "HU"));
    }

    #[test]
    fn hungary_sixty_hours_in_every_four_years() {
        let rule = preset("HU-VET-60H");
        let f = facts(d(2020, 3, 1));
        // Second cycle: 2024-03-01 .. 2028-02-29; the first was met.
        let mut credits = vec![credit(d(2021, 5, 1), 30, "session"), {
            credit(d(2023, 5, 1), 30, "recognition")
        }];
        let today = d(2024, 6, 1);
        let e = evaluate(&rule, &f, &credits, today);
        assert_eq!(e.cycle_start, d(2024, 3, 1));
        assert_eq!(e.deadline, d(2028, 2, 29));
        assert_eq!(e.status, Status::OnTrack);
        assert_eq!(e.needed_minutes, 3600);
        // Halfway through with 10 hours: 50 % gone, 17 % done, more than 25 points behind.
        credits.push(credit(d(2025, 1, 10), 10, "session"));
        let e = evaluate(&rule, &f, &credits, d(2026, 3, 1));
        assert_eq!(e.status, Status::AtRisk);
        assert_eq!(e.done_minutes, 600);
        assert_eq!(e.needed_minutes, 3000);
        // 50 hours more: met.
        credits.push(credit(d(2026, 4, 1), 50, "session"));
        let e = evaluate(&rule, &f, &credits, d(2026, 5, 1));
        assert_eq!(e.status, Status::Compliant);
        assert!(e.met());
        // Hours outside the cycle do not count; a correction does, negative too.
        credits.push(Credit {
            minutes: -600,
            ..credit(d(2026, 6, 1), 0, "correction")
        });
        let e = evaluate(&rule, &f, &credits, d(2026, 7, 1));
        assert_eq!(e.done_minutes, 3000);
        assert_ne!(e.status, Status::Compliant);
    }

    #[test]
    fn a_cycle_that_ended_unmet_is_overdue_until_the_current_one_is_met() {
        let rule = preset("HU-VET-60H");
        let f = facts(d(2018, 1, 1));
        // First cycle 2018–2021 met, second 2022–2025 only 20 hours.
        let mut credits = vec![
            credit(d(2019, 1, 1), 60, "session"),
            credit(d(2023, 1, 1), 20, "session"),
        ];
        let e = evaluate(&rule, &f, &credits, d(2026, 2, 1));
        assert_eq!(e.status, Status::Overdue);
        assert_eq!(e.missed_deadline, Some(d(2025, 12, 31)));
        credits.push(credit(d(2026, 3, 1), 60, "session"));
        let e = evaluate(&rule, &f, &credits, d(2026, 4, 1));
        assert_eq!(e.status, Status::Compliant);
        assert_eq!(e.missed_deadline, None);
    }

    #[test]
    fn leave_pauses_the_cycle_and_moves_the_deadline() {
        let rule = preset("HU-VET-60H");
        let mut f = facts(d(2024, 1, 1));
        let plain = evaluate(&rule, &f, &[], d(2025, 1, 1));
        assert_eq!(plain.deadline, d(2027, 12, 31));
        // A year of parental leave inside the cycle: the deadline moves by its 365 days.
        f.leaves.push(Leave {
            from: d(2025, 2, 1),
            to: d(2026, 1, 31),
        });
        let paused = evaluate(&rule, &f, &[], d(2025, 1, 1));
        assert_eq!(
            paused.deadline,
            d(2027, 12, 31) + chrono::Duration::days(365)
        );
        // Leave that starts after the original end still lies inside the moved cycle.
        f.leaves.push(Leave {
            from: d(2028, 1, 10),
            to: d(2028, 1, 19),
        });
        let twice = evaluate(&rule, &f, &[], d(2025, 1, 1));
        assert_eq!(twice.deadline, paused.deadline + chrono::Duration::days(10));
    }

    #[test]
    fn poland_forty_hours_of_industry_training_per_calendar_cycle() {
        let rule = preset("PL-VET-INDUSTRY-40H");
        let f = facts(d(2010, 9, 1));
        // Cycles start on 1 September 2019, 2022, 2025.
        let mut credits = vec![credit(d(2025, 10, 1), 30, "session")];
        let e = evaluate(&rule, &f, &credits, d(2026, 1, 15));
        assert_eq!(e.cycle_start, d(2025, 9, 1));
        assert_eq!(e.deadline, d(2028, 8, 31));
        // Ordinary courses do not count: the whole 40 hours of industry training is owed.
        assert_eq!(e.done_minutes, 0);
        assert_eq!(
            e.gaps,
            vec![Gap {
                counted: Counted::Source("industry".into()),
                done_minutes: 0,
                required_minutes: 2400,
            }]
        );
        // The 2022–2025 cycle ended without industry training: overdue.
        assert_eq!(e.status, Status::Overdue);
        credits.push(credit(d(2023, 7, 1), 40, "industry"));
        let e = evaluate(&rule, &f, &credits, d(2026, 1, 15));
        assert_eq!(e.status, Status::OnTrack);
        credits.push(credit(d(2026, 7, 1), 40, "industry"));
        let e = evaluate(&rule, &f, &credits, d(2026, 8, 1));
        assert_eq!(e.status, Status::Compliant);
        assert!(e.gaps.is_empty());
        // Someone who started mid-cycle is measured from their start.
        let late = facts(d(2026, 2, 1));
        let e = evaluate(&rule, &late, &[], d(2026, 3, 1));
        assert_eq!(e.cycle_start, d(2026, 2, 1));
        assert_eq!(e.status, Status::OnTrack);
    }

    #[test]
    fn russia_one_programme_of_sixteen_hours_every_three_years() {
        let rule = preset("RU-TEACHER-16H");
        let f = facts(d(2024, 9, 1));
        // Two short courses add up to 16 hours but neither is a 16-hour programme.
        let mut credits = vec![
            credit(d(2025, 1, 1), 8, "session"),
            credit(d(2025, 2, 1), 8, "session"),
        ];
        let e = evaluate(&rule, &f, &credits, d(2025, 3, 1));
        assert_eq!(e.needed_minutes, 0);
        assert_eq!(e.programme_met, Some(false));
        assert!(!e.met());
        assert_ne!(e.status, Status::Compliant);
        // One 18-hour programme, credited in two parts of the same enrolment.
        let item = Some(uuid::Uuid::new_v4());
        credits.push(Credit {
            item,
            ..credit(d(2025, 4, 1), 10, "session")
        });
        credits.push(Credit {
            item,
            ..credit(d(2025, 4, 8), 8, "session")
        });
        let e = evaluate(&rule, &f, &credits, d(2025, 5, 1));
        assert_eq!(e.programme_met, Some(true));
        assert_eq!(e.status, Status::Compliant);
        // The next cycle starts in September 2027 with nothing done.
        let e = evaluate(&rule, &f, &credits, d(2027, 10, 1));
        assert_eq!(e.cycle_start, d(2027, 9, 1));
        assert_eq!(e.status, Status::OnTrack);
    }

    #[test]
    fn malformed_rules_are_refused() {
        let mut r = preset("HU-VET-60H");
        r.required_minutes = -60;
        assert!(r.check().is_err());
        let mut r = preset("HU-VET-60H");
        r.cycle_years = 0;
        assert!(r.check().is_err());
        let mut r = preset("HU-VET-60H");
        r.sources.clear();
        assert!(r.check().is_err());
    }
}
