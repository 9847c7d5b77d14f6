//! The ledger's summary line: every entry of one person's hours ledger packed into one line
//! of text, so that compliance over a region or a country reads one row per person instead of
//! twenty entries and their competences.
//!
//! The ledger itself stays the record; the line is derived from it and written in the same
//! transaction as each entry (appending to a line is a string concatenation, which both
//! databases do atomically in one statement). Each entry is
//! `YYYYMMDD,minutes,source,item,areas;` where the source is one letter for the known
//! sources (the name itself otherwise), the item is the enrolment or recognition as 32 hex
//! digits (empty without one) and the areas are the framework areas of the entry's
//! competences, as 32 hex digits each joined by `+`. The areas are those of the competences
//! when the entry was written, like everything else in an append-only ledger.

use chrono::{Datelike, NaiveDate};
use uuid::Uuid;

/// One ledger entry as compliance needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Packed {
    pub on: NaiveDate,
    pub minutes: i32,
    pub source: String,
    /// The enrolment or recognition the minutes belong to.
    pub item: Option<Uuid>,
    /// The framework areas the minutes count towards.
    pub areas: Vec<Uuid>,
}

/// A summary line that cannot be read back.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("malformed ledger summary near {0:?}")]
pub struct Malformed(pub String);

const SOURCES: [(&str, char); 4] = [
    ("session", 's'),
    ("recognition", 'r'),
    ("industry", 'i'),
    ("correction", 'c'),
];

/// Appends one entry to a summary line.
pub fn push(out: &mut String, p: &Packed) {
    use std::fmt::Write as _;
    let _ = write!(
        out,
        "{:04}{:02}{:02},{},",
        p.on.year(),
        p.on.month(),
        p.on.day(),
        p.minutes
    );
    match SOURCES.iter().find(|(name, _)| *name == p.source) {
        Some((_, letter)) => out.push(*letter),
        // Source names are snake_case words: no separator can occur in them.
        None => out.extend(
            p.source
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '_'),
        ),
    }
    out.push(',');
    if let Some(i) = p.item {
        let _ = write!(out, "{}", i.simple());
    }
    out.push(',');
    for (k, a) in p.areas.iter().enumerate() {
        if k > 0 {
            out.push('+');
        }
        let _ = write!(out, "{}", a.simple());
    }
    out.push(';');
}

/// One entry as its own line.
pub fn line(p: &Packed) -> String {
    let mut s = String::with_capacity(64);
    push(&mut s, p);
    s
}

/// Reads every entry of a summary line, in the order they were written.
pub fn read(line: &str) -> impl Iterator<Item = Result<Packed, Malformed>> + '_ {
    line.split_terminator(';').map(read_one)
}

fn read_one(s: &str) -> Result<Packed, Malformed> {
    let bad = || Malformed(s.chars().take(80).collect());
    let mut f = s.split(',');
    let (Some(date), Some(minutes), Some(source), Some(item), Some(areas), None) =
        (f.next(), f.next(), f.next(), f.next(), f.next(), f.next())
    else {
        return Err(bad());
    };
    let num = |t: &str| t.parse::<u32>().map_err(|_| bad());
    if date.len() != 8 || !date.is_ascii() {
        return Err(bad());
    }
    let on = NaiveDate::from_ymd_opt(num(&date[..4])? as i32, num(&date[4..6])?, num(&date[6..])?)
        .ok_or_else(bad)?;
    let minutes = minutes.parse::<i32>().map_err(|_| bad())?;
    let source = match source {
        "" => return Err(bad()),
        one if one.len() == 1 => SOURCES
            .iter()
            .find(|(_, l)| one.starts_with(*l))
            .map(|(name, _)| (*name).to_owned())
            .ok_or_else(bad)?,
        name => name.to_owned(),
    };
    let item = match item {
        "" => None,
        hex => Some(Uuid::try_parse(hex).map_err(|_| bad())?),
    };
    let areas = if areas.is_empty() {
        Vec::new()
    } else {
        areas
            .split('+')
            .map(|a| Uuid::try_parse(a).map_err(|_| bad()))
            .collect::<Result<_, _>>()?
    };
    Ok(Packed {
        on,
        minutes,
        source,
        item,
        areas,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(source: &str, item: Option<Uuid>, areas: Vec<Uuid>) -> Packed {
        Packed {
            on: NaiveDate::from_ymd_opt(2024, 3, 5).expect("a date"),
            minutes: -90,
            source: source.into(),
            item,
            areas,
        }
    }

    #[test]
    fn entries_read_back_as_written() {
        let all = vec![
            p(
                "session",
                Some(Uuid::now_v7()),
                vec![Uuid::now_v7(), Uuid::now_v7()],
            ),
            p("recognition", Some(Uuid::now_v7()), vec![]),
            p("industry", None, vec![Uuid::now_v7()]),
            p("correction", None, vec![]),
            p("mentoring_hours", None, vec![]),
        ];
        let mut s = String::new();
        for x in &all {
            push(&mut s, x);
        }
        // Appending lines is the same as writing them together.
        let joined: String = all.iter().map(line).collect();
        assert_eq!(s, joined);
        let back: Vec<Packed> = read(&s).collect::<Result<_, _>>().expect("it reads back");
        assert_eq!(back, all);
        assert_eq!(read("").count(), 0);
    }

    #[test]
    fn malformed_lines_are_refused() {
        for bad in [
            "2024030,60,s,,;",
            "20241305,60,s,,;",
            "20240305,sixty,s,,;",
            "20240305,60,x,,;",
            "20240305,60,,,;",
            "20240305,60,s,nothex,;",
            "20240305,60,s,,abc;",
            "20240305,60,s;",
            "20240305,60,s,,,;",
        ] {
            assert!(read(bad).any(|r| r.is_err()), "{bad} should not read back");
        }
    }
}
