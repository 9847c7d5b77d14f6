//! Problems with input.
//!
//! A [`Problem`] names a broken rule by a stable snake_case code, which is also the key of its
//! translated message, and carries the values the message needs. Validation collects every
//! problem of a request in [`Problems`] so a form can show all of them at once.

use std::fmt;

/// A value a problem's message refers to, such as a limit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg {
    Num(i64),
    Text(String),
}

impl fmt::Display for Arg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Arg::Num(n) => write!(f, "{n}"),
            Arg::Text(t) => f.write_str(t),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub code: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

impl Problem {
    pub const fn new(code: &'static str) -> Self {
        Problem {
            code,
            args: Vec::new(),
        }
    }

    pub fn num(mut self, name: &'static str, value: i64) -> Self {
        self.args.push((name, Arg::Num(value)));
        self
    }

    pub fn text(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.args.push((name, Arg::Text(value.into())));
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code)
    }
}

/// A problem tied to the input field that has it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: String,
    pub problem: Problem,
}

/// Every problem found in one piece of input.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Problems(pub Vec<FieldProblem>);

impl Problems {
    pub fn new() -> Self {
        Problems(Vec::new())
    }

    pub fn single(field: impl Into<String>, problem: Problem) -> Self {
        let mut p = Problems::new();
        p.add(field, problem);
        p
    }

    pub fn add(&mut self, field: impl Into<String>, problem: Problem) {
        self.0.push(FieldProblem {
            field: field.into(),
            problem,
        });
    }

    /// Records the problem of a check, if any, and hands back its value.
    pub fn check<T>(&mut self, field: &str, result: Result<T, Problem>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(p) => {
                self.add(field, p);
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn for_field(&self, field: &str) -> impl Iterator<Item = &Problem> {
        self.0
            .iter()
            .filter(move |p| p.field == field)
            .map(|p| &p.problem)
    }

    /// `Ok(())` when nothing was found.
    pub fn into_result(self) -> Result<(), Problems> {
        if self.is_empty() { Ok(()) } else { Err(self) }
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{}: {}", p.field, p.problem)?;
        }
        Ok(())
    }
}
