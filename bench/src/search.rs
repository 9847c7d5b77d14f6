//! Catalogue search through HTTP: a fixed, deterministic mix of what people ask the
//! catalogue (words in four languages, some inflected or misspelt, filters, facets, later
//! pages, free seats), sent by 64 clients at once to the API and to the page.

use std::sync::Arc;
use std::time::Duration;

use crate::generate::Dataset;
use crate::load::{Stats, closed_loop, open_loop};
use crate::rng::Rng;
use crate::words::QUERY_WORDS;

const FORMATS: [&str; 4] = ["in_person", "online_live", "blended", "self_paced"];
const LANGS: [&str; 4] = ["hu", "pl", "ru", "en"];

/// The query strings of the mix (without the leading `?`).
pub fn mix(data: &Dataset, n: usize, seed: u64) -> Vec<String> {
    let mut rng = Rng::new(seed ^ 0x5EA7C4);
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let word = *rng.pick(QUERY_WORDS);
        let two = format!("{word} {}", rng.pick(QUERY_WORDS));
        let q = if rng.chance(0.3) {
            two
        } else {
            word.to_owned()
        };
        let q = q.replace(' ', "+");
        let filter = match rng.below(5) {
            0 => format!("competence={}", rng.pick(&data.competence_keys)),
            1 => format!("format={}", rng.pick(&FORMATS)),
            2 => format!("region={}", rng.pick(&data.region_codes)),
            3 => format!("lang={}", rng.pick(&LANGS)),
            _ => format!("hours_min={}&hours_max=40", 5 * rng.between(1, 4)),
        };
        let roll = rng.below(100);
        out.push(if roll < 45 {
            format!("q={q}")
        } else if roll < 65 {
            format!("q={q}&{filter}")
        } else if roll < 85 {
            format!("{filter}&sort=title")
        } else if roll < 95 {
            format!("q={q}&page={}", rng.between(2, 5))
        } else {
            format!("q={q}&free_seats=true")
        });
    }
    out
}

/// How the clients send.
#[derive(Clone, Copy, Debug)]
pub enum Pace {
    /// Each client sends its next request as soon as the last is answered.
    AsFastAsPossible,
    /// This many requests a second in all, whatever the answers take.
    Rate(f64),
}

/// Sends the mix to `path` (the API or the page) from `clients` clients.
pub async fn run(
    base: &str,
    path: &str,
    queries: Arc<Vec<String>>,
    clients: usize,
    pace: Pace,
    warmup: Duration,
    measure: Duration,
) -> Stats {
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(clients)
        .build()
        .unwrap_or_default();
    let prefix = format!("{base}{path}?");
    let request = move |c: usize, n: usize| {
        let url = format!("{prefix}{}", queries[(c * 7919 + n) % queries.len()]);
        let http = http.clone();
        async move {
            match http.get(url).send().await {
                Ok(r) if r.status().is_success() => r.bytes().await.is_ok(),
                _ => false,
            }
        }
    };
    match pace {
        Pace::AsFastAsPossible => closed_loop(clients, warmup, measure, request).await,
        Pace::Rate(rate) => open_loop(clients, rate, warmup, measure, request).await,
    }
}
