//! Time zones. Every session is held in one (its region's, else the deployment's): the days
//! and times of its meetings and its registration windows are local to it, and the instant
//! a meeting begins is read in it. Pages show times in the session's zone and name the zone
//! when it is not the viewer's.

use chrono::{DateTime, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

use crate::Problem;

/// An IANA time zone (`Europe/Budapest`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Zone(pub Tz);

impl Default for Zone {
    fn default() -> Self {
        Zone(Tz::UTC)
    }
}

impl Zone {
    pub const UTC: Zone = Zone(Tz::UTC);

    /// A zone by its IANA name; the names are case-sensitive, as in the database.
    pub fn parse(name: &str) -> Result<Zone, Problem> {
        name.trim()
            .parse::<Tz>()
            .map(Zone)
            .map_err(|_| Problem::new("time_zone_unknown").text("zone", name.trim()))
    }

    pub fn name(self) -> &'static str {
        self.0.name()
    }

    /// The instant a local date and time means here. A time the clocks skip (the spring
    /// change) is read as the same time an hour later; a time they pass twice (the autumn
    /// change), as its first passing.
    pub fn instant(self, local: NaiveDateTime) -> DateTime<Utc> {
        match self.0.from_local_datetime(&local) {
            chrono::LocalResult::Single(t) => t.with_timezone(&Utc),
            chrono::LocalResult::Ambiguous(first, _) => first.with_timezone(&Utc),
            chrono::LocalResult::None => self.instant(local + chrono::Duration::hours(1)),
        }
    }

    /// The local date and time of an instant here.
    pub fn local(self, t: DateTime<Utc>) -> NaiveDateTime {
        t.with_timezone(&self.0).naive_local()
    }

    /// The zone's short name at an instant (`CET`, `CEST`, `MSK`), or its offset (`+03`)
    /// where it has no letters.
    pub fn abbreviation(self, t: DateTime<Utc>) -> String {
        let local = t.with_timezone(&self.0);
        let abbr = local.format("%Z").to_string();
        if abbr.chars().any(|c| c.is_ascii_alphabetic()) {
            abbr
        } else {
            let secs = local.offset().fix().local_minus_utc();
            let (sign, secs) = if secs < 0 {
                ('−', -secs)
            } else {
                ('+', secs)
            };
            let (h, m) = (secs / 3600, secs % 3600 / 60);
            if m == 0 {
                format!("UTC{sign}{h}")
            } else {
                format!("UTC{sign}{h}:{m:02}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, mo, d)
            .and_then(|d| d.and_hms_opt(h, mi, 0))
            .unwrap_or_default()
    }

    #[test]
    fn local_times_become_instants_across_the_clock_changes() {
        let bp = Zone::parse("Europe/Budapest").expect("a zone");
        assert_eq!(
            bp.instant(at(2027, 1, 15, 9, 0)).to_rfc3339(),
            "2027-01-15T08:00:00+00:00"
        );
        assert_eq!(
            bp.instant(at(2027, 7, 15, 9, 0)).to_rfc3339(),
            "2027-07-15T07:00:00+00:00"
        );
        // 02:30 does not exist on 28 March 2027 in Budapest: read as 03:30 summer time.
        assert_eq!(
            bp.instant(at(2027, 3, 28, 2, 30)).to_rfc3339(),
            "2027-03-28T01:30:00+00:00"
        );
        // 02:30 happens twice on 31 October 2027: the first.
        assert_eq!(
            bp.instant(at(2027, 10, 31, 2, 30)).to_rfc3339(),
            "2027-10-31T00:30:00+00:00"
        );
        assert_eq!(
            bp.local(bp.instant(at(2027, 1, 15, 9, 0))),
            at(2027, 1, 15, 9, 0)
        );
        assert_eq!(bp.abbreviation(bp.instant(at(2027, 1, 15, 9, 0))), "CET");
        let msk = Zone::parse("Europe/Moscow").expect("a zone");
        assert_eq!(msk.abbreviation(Utc::now()), "MSK");
        assert!(Zone::parse("Mars/Olympus").is_err());
    }
}
