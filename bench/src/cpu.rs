//! Where the machine's processor time goes during a measurement: the server, the database's
//! own processes (PostgreSQL's backends; SQLite runs inside the server) and the load
//! generator, read from `/proc` before and after. On two shared cores this says which of
//! the three a benchmark is really measuring.

use std::path::Path;

/// Processor seconds used so far by the server, PostgreSQL and this process.
#[derive(Clone, Copy, Debug, Default)]
pub struct Cpu {
    pub server: f64,
    pub database: f64,
    pub client: f64,
}

impl Cpu {
    /// The time used by each since `before`.
    pub fn since(&self, before: &Cpu) -> Cpu {
        Cpu {
            server: self.server - before.server,
            database: self.database - before.database,
            client: self.client - before.client,
        }
    }
}

/// The clock ticks per second `/proc` counts in.
const TICKS: f64 = 100.0;

/// User and system time of one process; with `children`, also of its children that ended
/// (PostgreSQL's postmaster collects its backends' time when they exit).
fn seconds_of(stat: &str, children: bool) -> Option<f64> {
    // The command name is in parentheses and may hold spaces: count fields after it.
    let rest = stat.get(stat.rfind(')')? + 2..)?;
    let f: Vec<&str> = rest.split_whitespace().collect();
    // Fields 14..17 of proc(5), 1-based, are utime, stime, cutime, cstime; `rest` starts
    // at field 3.
    let n = |i: usize| f.get(i - 3).and_then(|v| v.parse::<f64>().ok());
    let mut t = n(14)? + n(15)?;
    if children {
        t += n(16)? + n(17)?;
    }
    Some(t / TICKS)
}

fn read(pid: u32) -> Option<String> {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()
}

/// Every `postgres` process's time, with what the ended backends used.
fn postgres_seconds() -> f64 {
    let Ok(dir) = std::fs::read_dir(Path::new("/proc")) else {
        return 0.0;
    };
    let mut total = 0.0;
    for e in dir.flatten() {
        let Some(pid) = e.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else {
            continue;
        };
        let Some(stat) = read(pid) else { continue };
        if !stat.contains("(postgres)") {
            continue;
        }
        total += seconds_of(&stat, true).unwrap_or(0.0);
    }
    total
}

/// The time used so far by the server with process id `server`, the database and this
/// process.
pub fn now(server: u32) -> Cpu {
    Cpu {
        server: read(server)
            .and_then(|s| seconds_of(&s, false))
            .unwrap_or(0.0),
        database: postgres_seconds(),
        client: read(std::process::id())
            .and_then(|s| seconds_of(&s, false))
            .unwrap_or(0.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_counted_after_the_command_name() {
        let stat = "42 (postgres: x y) S 1 42 42 0 -1 4194560 100 0 0 0 250 50 7 3 20 0 1 0";
        assert_eq!(seconds_of(stat, false), Some(3.0));
        assert_eq!(seconds_of(stat, true), Some(3.1));
    }
}
