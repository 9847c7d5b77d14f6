//! A closed-loop HTTP load driver: a fixed number of clients, each sending its next request
//! as soon as the last one is answered, for a fixed time. Latencies are kept whole, so the
//! percentiles are exact.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// What a run measured.
#[derive(Clone, Debug, Default)]
pub struct Stats {
    pub ok: usize,
    pub errors: usize,
    pub elapsed: Duration,
    /// Every answered request's latency, sorted.
    pub latencies: Vec<Duration>,
}

impl Stats {
    pub fn from(mut latencies: Vec<Duration>, errors: usize, elapsed: Duration) -> Stats {
        latencies.sort();
        Stats {
            ok: latencies.len(),
            errors,
            elapsed,
            latencies,
        }
    }

    /// The `q` quantile (0.5 for the median) in milliseconds.
    pub fn ms(&self, q: f64) -> f64 {
        if self.latencies.is_empty() {
            return f64::NAN;
        }
        let i = ((self.latencies.len() - 1) as f64 * q).round() as usize;
        self.latencies[i].as_secs_f64() * 1000.0
    }

    pub fn per_second(&self) -> f64 {
        self.ok as f64 / self.elapsed.as_secs_f64()
    }
}

/// Runs `clients` loops of `request` for `warmup` (not measured) and then `measure`.
/// `request(client, n)` sends one request and says whether it succeeded.
pub async fn closed_loop<F, Fut>(
    clients: usize,
    warmup: Duration,
    measure: Duration,
    request: F,
) -> Stats
where
    F: Fn(usize, usize) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = bool> + Send,
{
    let request = Arc::new(request);
    let recording = Arc::new(AtomicBool::new(false));
    let stop = Arc::new(AtomicBool::new(false));
    let mut tasks = Vec::new();
    for c in 0..clients {
        let request = request.clone();
        let recording = recording.clone();
        let stop = stop.clone();
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let mut errors = 0;
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                let t = Instant::now();
                let ok = request(c, n).await;
                n += 1;
                if recording.load(Ordering::Relaxed) && !stop.load(Ordering::Relaxed) {
                    if ok {
                        lat.push(t.elapsed());
                    } else {
                        errors += 1;
                    }
                }
            }
            (lat, errors)
        }));
    }
    tokio::time::sleep(warmup).await;
    recording.store(true, Ordering::Relaxed);
    let started = Instant::now();
    tokio::time::sleep(measure).await;
    stop.store(true, Ordering::Relaxed);
    let elapsed = started.elapsed();
    let mut all = Vec::new();
    let mut errors = 0;
    for t in tasks {
        if let Ok((lat, e)) = t.await {
            all.extend(lat);
            errors += e;
        }
    }
    Stats::from(all, errors, elapsed)
}

/// Sends `rate` requests a second in all, spread evenly over `clients` clients, each with
/// one request in flight, for `warmup` (not measured) and then `measure`. A latency counts
/// from when its request was due, so a server that falls behind cannot hide its queue.
pub async fn open_loop<F, Fut>(
    clients: usize,
    rate: f64,
    warmup: Duration,
    measure: Duration,
    request: F,
) -> Stats
where
    F: Fn(usize, usize) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = bool> + Send,
{
    let request = Arc::new(request);
    let start = tokio::time::Instant::now() + Duration::from_millis(50);
    let from = start + warmup;
    let until = from + measure;
    let every = Duration::from_secs_f64(clients as f64 / rate);
    let mut tasks = Vec::new();
    for c in 0..clients {
        let request = request.clone();
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let mut errors = 0;
            let mut n = 0;
            let first = start + Duration::from_secs_f64(c as f64 / rate);
            loop {
                let due = first + every * n as u32;
                if due >= until {
                    break;
                }
                tokio::time::sleep_until(due).await;
                let ok = request(c, n).await;
                let took = tokio::time::Instant::now() - due;
                n += 1;
                if due >= from {
                    if ok {
                        lat.push(took);
                    } else {
                        errors += 1;
                    }
                }
            }
            (lat, errors)
        }));
    }
    let mut all = Vec::new();
    let mut errors = 0;
    for t in tasks {
        if let Ok((lat, e)) = t.await {
            all.extend(lat);
            errors += e;
        }
    }
    Stats::from(all, errors, measure)
}

/// The median of some figures.
pub fn median(mut xs: Vec<f64>) -> f64 {
    if xs.is_empty() {
        return f64::NAN;
    }
    xs.sort_by(|a, b| a.total_cmp(b));
    let n = xs.len();
    if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2.0
    }
}
