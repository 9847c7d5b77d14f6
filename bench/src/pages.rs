//! Page render: the main pages of each kind of user, each asked for on its own, one request
//! after another, with the SQL statements the server ran for it (its `x-sql-statements`
//! header, which the benchmark's server is configured to send).

use std::time::{Duration, Instant};

use uuid::Uuid;

use crate::compliance::Population;
use crate::load::median;

/// One page's figures.
#[derive(Clone, Debug)]
pub struct PageTiming {
    pub what: &'static str,
    pub who: &'static str,
    pub times: Vec<Duration>,
    /// The most SQL statements one of its requests ran.
    pub statements: Option<u32>,
    pub bytes: usize,
    pub errors: usize,
}

impl PageTiming {
    pub fn ms(&self, q: f64) -> f64 {
        if self.times.is_empty() {
            return f64::NAN;
        }
        let mut t: Vec<f64> = self.times.iter().map(|d| d.as_secs_f64() * 1e3).collect();
        if q == 0.5 {
            return median(t);
        }
        t.sort_by(|a, b| a.total_cmp(b));
        t[((t.len() - 1) as f64 * q).round() as usize]
    }
}

/// What the pages are asked about.
pub struct Targets<'a> {
    pub population: &'a Population,
    /// A programme with open sessions, and one of its sessions.
    pub programme: Uuid,
    pub session: Uuid,
    pub query: &'a str,
}

/// Asks for each page `n` times (after two unmeasured requests) and returns the figures.
pub async fn measure(base: &str, t: &Targets<'_>, n: usize) -> Vec<PageTiming> {
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap_or_default();
    let p = t.population;
    let anyone = None;
    let learner = Some(p.learner_token.as_str());
    let admin = Some(p.admin_token.as_str());
    let q = url_word(t.query);
    let pages: Vec<(&'static str, &'static str, String, Option<&str>)> = vec![
        ("home", "visitor", "/".into(), anyone),
        (
            "catalogue search",
            "visitor",
            format!("/catalogue?q={q}"),
            anyone,
        ),
        (
            "programme with its sessions",
            "visitor",
            format!("/programmes/{}", t.programme),
            anyone,
        ),
        (
            "session",
            "visitor",
            format!("/sessions/{}", t.session),
            anyone,
        ),
        (
            "certificate check",
            "visitor",
            format!("/verify/{}", p.certificate),
            anyone,
        ),
        ("my trainings", "learner", "/trainings".into(), learner),
        ("my compliance", "learner", "/compliance".into(), learner),
        ("my hours ledger", "learner", "/ledger".into(), learner),
        (
            "my certificates",
            "learner",
            "/certificates".into(),
            learner,
        ),
        ("notifications", "learner", "/notifications".into(), learner),
        (
            "session with its participants",
            "administrator",
            format!("/sessions/{}", t.session),
            admin,
        ),
        (
            "one person's compliance",
            "administrator",
            format!("/people/{}/compliance", p.sample[0]),
            admin,
        ),
        (
            "institution of 300, compliance",
            "administrator",
            format!("/organisations/{}/compliance", p.institution),
            admin,
        ),
    ];
    let mut out = Vec::new();
    for (what, who, path, token) in pages {
        let url = format!("{base}{path}");
        let mut timing = PageTiming {
            what,
            who,
            times: Vec::with_capacity(n),
            statements: None,
            bytes: 0,
            errors: 0,
        };
        for i in 0..n + 2 {
            let mut req = http.get(&url);
            if let Some(tok) = token {
                req = req.bearer_auth(tok);
            }
            let started = Instant::now();
            let ok = match req.send().await {
                Ok(r) if r.status().is_success() => {
                    let statements = r
                        .headers()
                        .get("x-sql-statements")
                        .and_then(|v| v.to_str().ok())
                        .and_then(|v| v.parse::<u32>().ok());
                    match r.bytes().await {
                        Ok(b) => {
                            if i >= 2 {
                                timing.bytes = b.len();
                                timing.statements = timing.statements.max(statements);
                            }
                            true
                        }
                        Err(_) => false,
                    }
                }
                _ => false,
            };
            let took = started.elapsed();
            if i >= 2 {
                if ok {
                    timing.times.push(took);
                } else {
                    timing.errors += 1;
                }
            }
        }
        out.push(timing);
    }
    out
}

/// A word as it goes into a query string.
fn url_word(w: &str) -> String {
    let mut s = String::new();
    for b in w.bytes() {
        if b.is_ascii_alphanumeric() {
            s.push(b as char);
        } else if b == b' ' {
            s.push('+');
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}
