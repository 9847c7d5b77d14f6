//! The catalogue: programmes, their versions and lifecycle, competence frameworks.
//!
//! A programme is what a provider offers ("Digital assessment in VET", 30 hours); a version is
//! one reviewed text of it. Versions move draft → submitted → approved → published, a
//! reviewer may return a submitted version to draft with comments, and a published version
//! is superseded when a newer one is published, or retired with its programme. Sessions and
//! certificates always name the version they ran under.

use crate::identity::{LearnerCategory, check_text, is_hidden_char, string_enum};
use crate::lang::Localized;
use crate::problem::{Problem, Problems};

string_enum!(
    /// How a programme is delivered.
    Format {
        InPerson = "in_person",
        OnlineLive = "online_live",
        Blended = "blended",
        SelfPaced = "self_paced",
    }
);

string_enum!(
    /// Where a version is in its lifecycle.
    VersionState {
        Draft = "draft",
        Submitted = "submitted",
        Approved = "approved",
        Published = "published",
        Superseded = "superseded",
        Retired = "retired",
    }
);

string_enum!(
    /// The terms under which a programme's materials may be reused.
    Licence {
        EducationalAttribution = "educational_attribution",
        WrittenPermission = "written_permission",
        CcBy = "cc_by",
        CcBySa = "cc_by_sa",
        CcByNc = "cc_by_nc",
        AllRightsReserved = "all_rights_reserved",
    }
);

/// A move through the lifecycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transition {
    Submit,
    Approve,
    Return,
    Publish,
    Retire,
}

impl Transition {
    pub fn name(self) -> &'static str {
        match self {
            Transition::Submit => "submit",
            Transition::Approve => "approve",
            Transition::Return => "return",
            Transition::Publish => "publish",
            Transition::Retire => "retire",
        }
    }
}

impl VersionState {
    /// The state a transition leads to, or the problem with making it from here.
    pub fn apply(self, t: Transition) -> Result<VersionState, Problem> {
        use Transition::*;
        use VersionState::*;
        match (self, t) {
            (Draft, Submit) => Ok(Submitted),
            (Submitted, Approve) => Ok(Approved),
            (Submitted, Return) => Ok(Draft),
            (Approved, Publish) => Ok(Published),
            (Published, Retire) => Ok(Retired),
            _ => Err(Problem::new("transition_not_allowed")
                .text("state", self.as_str())
                .text("action", t.name())),
        }
    }

    /// Whether the text of a version in this state may still be changed.
    pub fn editable(self) -> bool {
        self == VersionState::Draft
    }

    /// Whether people outside the provider and reviewers may see it.
    pub fn public(self) -> bool {
        matches!(self, VersionState::Published)
    }
}

pub const TITLE_MAX: usize = 300;
pub const TEXT_MAX: usize = 20_000;
pub const HOURS_MAX: i32 = 1_000;
pub const FOLLOW_UP_MIN: i32 = 30;
pub const FOLLOW_UP_MAX: i32 = 3_650;
pub const PROGRAMME_CODE_MAX: usize = 40;

/// What a provider writes about a programme: everything that differs between versions.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProgrammeText {
    pub title: Localized,
    pub description: Localized,
    pub outcomes: Localized,
    pub prerequisites: Localized,
    pub hours: i32,
    pub format: Option<Format>,
    pub delivery_lang: Option<crate::Lang>,
    pub categories: Vec<LearnerCategory>,
    pub follow_up_days: i32,
    pub attendance_pct: i32,
    pub assessment_required: bool,
    pub licence: Option<Licence>,
}

fn check_localized(p: &mut Problems, field: &str, l: &Localized, max: usize, required: bool) {
    if required && l.is_empty() {
        p.add(field, Problem::new("title_required_any_language"));
    }
    for (lang, text) in l.iter() {
        if text.chars().count() > max {
            p.add(
                format!("{field}_{lang}"),
                Problem::new("text_too_long").num("max", max as i64),
            );
        }
        if text
            .chars()
            .any(|c| is_hidden_char(c) && c != '\n' && c != '\r' && c != '\t')
        {
            p.add(
                format!("{field}_{lang}"),
                Problem::new("text_control_chars"),
            );
        }
    }
}

impl ProgrammeText {
    /// Every problem with the text; empty when it may be saved.
    pub fn check(&self) -> Problems {
        let mut p = Problems::new();
        check_localized(&mut p, "title", &self.title, TITLE_MAX, true);
        check_localized(&mut p, "description", &self.description, TEXT_MAX, false);
        check_localized(&mut p, "outcomes", &self.outcomes, TEXT_MAX, false);
        check_localized(
            &mut p,
            "prerequisites",
            &self.prerequisites,
            TEXT_MAX,
            false,
        );
        if !(1..=HOURS_MAX).contains(&self.hours) {
            p.add(
                "hours",
                Problem::new("number_out_of_range")
                    .num("min", 1)
                    .num("max", i64::from(HOURS_MAX)),
            );
        }
        if self.format.is_none() {
            p.add("format", Problem::new("format_required"));
        }
        if self.delivery_lang.is_none() {
            p.add("delivery_language", Problem::new("language_unknown"));
        }
        if self.categories.is_empty() {
            p.add("categories", Problem::new("categories_required"));
        }
        if !(FOLLOW_UP_MIN..=FOLLOW_UP_MAX).contains(&self.follow_up_days) {
            p.add(
                "follow_up_days",
                Problem::new("number_out_of_range")
                    .num("min", i64::from(FOLLOW_UP_MIN))
                    .num("max", i64::from(FOLLOW_UP_MAX)),
            );
        }
        if !(1..=100).contains(&self.attendance_pct) {
            p.add(
                "attendance_pct",
                Problem::new("number_out_of_range")
                    .num("min", 1)
                    .num("max", 100),
            );
        }
        if self.licence.is_none() {
            p.add("licence", Problem::new("licence_required"));
        }
        p
    }
}

/// Programme codes: like organisation codes, but a little longer.
pub fn check_programme_code(input: &str) -> Result<String, Problem> {
    let s = input.trim().to_uppercase();
    if s.is_empty() {
        return Err(Problem::new("code_required"));
    }
    if s.chars().count() > PROGRAMME_CODE_MAX {
        return Err(Problem::new("text_too_long").num("max", PROGRAMME_CODE_MAX as i64));
    }
    if !s
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
    {
        return Err(Problem::new("code_invalid"));
    }
    Ok(s)
}

/// A competence is named across frameworks as `FRAMEWORK:CODE`, e.g. `DIGCOMPEDU:2.3`.
pub fn competence_key(framework_code: &str, code: &str) -> String {
    format!("{framework_code}:{code}")
}

/// Splits a competence key into its framework and competence codes.
pub fn parse_competence_key(key: &str) -> Option<(&str, &str)> {
    let (f, c) = key.trim().split_once(':')?;
    (!f.is_empty() && !c.is_empty()).then_some((f, c))
}

/// Framework, area and competence codes: letters, digits, `.`, `-`, `_`.
pub fn check_framework_code(input: &str) -> Result<String, Problem> {
    let s = input.trim();
    if s.is_empty() {
        return Err(Problem::new("code_required"));
    }
    if s.chars().count() > 64 {
        return Err(Problem::new("text_too_long").num("max", 64));
    }
    if !s
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        return Err(Problem::new("code_invalid"));
    }
    Ok(s.to_owned())
}

/// The name of a release: a short label such as "Spring 2027".
pub fn check_release_name(input: &str) -> Result<String, Problem> {
    check_text(input, 200)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    fn text() -> ProgrammeText {
        ProgrammeText {
            title: Localized::one(Lang::Hu, "Digitális értékelés"),
            hours: 30,
            format: Some(Format::Blended),
            delivery_lang: Some(Lang::Hu),
            categories: vec![LearnerCategory::Instructor],
            follow_up_days: 30,
            attendance_pct: 80,
            licence: Some(Licence::EducationalAttribution),
            ..Default::default()
        }
    }

    #[test]
    fn lifecycle() {
        use Transition::*;
        use VersionState::*;
        assert_eq!(Draft.apply(Submit), Ok(Submitted));
        assert_eq!(Submitted.apply(Return), Ok(Draft));
        assert_eq!(Submitted.apply(Approve), Ok(Approved));
        assert_eq!(Approved.apply(Publish), Ok(Published));
        assert_eq!(Published.apply(Retire), Ok(Retired));
        for (s, t) in [
            (Draft, Approve),
            (Draft, Publish),
            (Approved, Submit),
            (Published, Publish),
            (Retired, Publish),
            (Superseded, Retire),
        ] {
            let e = s.apply(t).expect_err("not allowed");
            assert_eq!(e.code, "transition_not_allowed");
        }
    }

    #[test]
    fn text_rules() {
        assert!(text().check().is_empty());
        let mut t = text();
        t.title = Localized::default();
        t.hours = -5;
        t.follow_up_days = 10;
        t.categories.clear();
        let codes: Vec<&str> = t.check().0.iter().map(|p| p.problem.code).collect();
        assert_eq!(
            codes,
            [
                "title_required_any_language",
                "number_out_of_range",
                "categories_required",
                "number_out_of_range"
            ]
        );
        let mut t = text();
        t.description = Localized::one(Lang::En, "line one\nline two");
        assert!(t.check().is_empty(), "new lines are fine in long text");
    }

    #[test]
    fn competence_keys() {
        assert_eq!(
            parse_competence_key("DIGCOMPEDU:2.3"),
            Some(("DIGCOMPEDU", "2.3"))
        );
        assert_eq!(parse_competence_key("2.3"), None);
        assert_eq!(competence_key("HU-FOCUS", "GREEN"), "HU-FOCUS:GREEN");
    }
}
