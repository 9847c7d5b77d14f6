//! A mixed user journey with goose: instructors visit the platform through its pages, each
//! visit one after another — open the log-in page, log in, search the catalogue, open a
//! programme, open one of its sessions, sign up, see my trainings, cancel, log out — with a
//! pause of one to three seconds between steps, as people reading pages take. Rounds of
//! growing numbers of users, started over twenty seconds and then held; the answer is the most users served with p99 < 500 ms and no
//! errors.
//!
//! Every round's users log in with accounts of their own (no account is in two rounds), so
//! a visit cut short when a round ends leaves nothing in the next round's way.

use std::sync::Arc;
use std::time::Duration;

use anyhow::{Result, anyhow};
use goose::goose::GooseResponse;
use goose::prelude::*;
use uuid::Uuid;

/// Seconds over which a round's users start.
const RAMP_SECONDS: f64 = 20.0;

/// What the visits use.
pub struct Plan {
    pub emails: Vec<String>,
    pub password: String,
    /// Sessions open for sign-up, with their programmes.
    pub sessions: Vec<(Uuid, Uuid)>,
    /// Catalogue query strings (without `?`).
    pub queries: Vec<String>,
}

/// The figures of one round.
#[derive(Clone, Debug)]
pub struct Round {
    pub users: usize,
    pub requests: usize,
    pub visits: usize,
    pub per_second: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    pub errors: usize,
    pub seconds: usize,
}

impl Round {
    pub fn served(&self) -> bool {
        self.errors == 0 && self.p99_ms < 500.0 && self.requests > 0
    }
}

/// A user's place in their visit.
#[derive(Clone, Default)]
struct Visit {
    account: usize,
    visits: usize,
    csrf: String,
    session: Uuid,
    programme: Uuid,
    enrolment: Option<String>,
}

/// Runs a round per entry of `users` (stopping after the first round not served) and returns
/// the rounds' figures. `seconds` is how long each round holds all its users.
pub async fn run(
    base: &str,
    plan: Arc<Plan>,
    users: &[usize],
    seconds: usize,
) -> Result<Vec<Round>> {
    let mut rounds = Vec::new();
    let mut first_account = 0;
    for &n in users {
        if first_account + n > plan.emails.len() {
            break;
        }
        let round = round(base, plan.clone(), first_account, n, seconds).await?;
        first_account += n;
        eprintln!(
            "  journey {} users: {} requests ({:.0}/s), {} visits, p50 {:.0} ms, p99 {:.0} ms, errors {}",
            round.users,
            round.requests,
            round.per_second,
            round.visits,
            round.p50_ms,
            round.p99_ms,
            round.errors
        );
        let served = round.served();
        rounds.push(round);
        if !served {
            break;
        }
    }
    Ok(rounds)
}

/// How many accounts `run` may use for these rounds.
pub fn accounts_for(users: &[usize]) -> usize {
    users.iter().sum()
}

type Step = fn(Arc<Plan>, &mut GooseUser) -> StepFuture<'_>;
type StepFuture<'a> =
    std::pin::Pin<Box<dyn std::future::Future<Output = TransactionResult> + Send + 'a>>;

fn step(plan: &Arc<Plan>, name: &str, f: Step) -> Transaction {
    let plan = plan.clone();
    let func: TransactionFunction = Arc::new(move |user| f(plan.clone(), user));
    Transaction::new(func).set_name(name)
}

async fn round(
    base: &str,
    plan: Arc<Plan>,
    first_account: usize,
    users: usize,
    seconds: usize,
) -> Result<Round> {
    let g = |e: GooseError| anyhow!("goose: {e}");
    let first = first_account;
    let start: TransactionFunction = Arc::new(move |user| {
        Box::pin(async move {
            let account = first + user.weighted_users_index;
            user.set_session_data(Visit {
                account,
                ..Visit::default()
            });
            Ok(())
        })
    });
    let scenario = scenario!("Instructor")
        .set_wait_time(Duration::from_secs(1), Duration::from_secs(3))
        .map_err(g)?
        .register_transaction(Transaction::new(start).set_on_start())
        .register_transaction(step(&plan, "log-in page", |p, u| {
            Box::pin(login_page(p, u))
        }))
        .register_transaction(step(&plan, "log in", |p, u| Box::pin(log_in(p, u))))
        .register_transaction(step(&plan, "search", |p, u| Box::pin(search(p, u))))
        .register_transaction(step(&plan, "programme", |p, u| Box::pin(programme(p, u))))
        .register_transaction(step(&plan, "session", |p, u| Box::pin(session(p, u))))
        .register_transaction(step(&plan, "sign up", |p, u| Box::pin(sign_up(p, u))))
        .register_transaction(step(&plan, "my trainings", |p, u| {
            Box::pin(my_trainings(p, u))
        }))
        .register_transaction(step(&plan, "cancel", |p, u| Box::pin(cancel(p, u))))
        .register_transaction(step(&plan, "log out", |p, u| Box::pin(log_out(p, u))));
    // Users start over twenty seconds, about one visit's length, so that their visits do not
    // march in step (a crowd that all logs in in the same second is another benchmark); only
    // the time after that, with all of them at work, is measured.
    let rate = (users as f64 / RAMP_SECONDS).max(0.5);
    let metrics = GooseAttack::initialize_with_config(goose::config::GooseConfiguration::default())
        .map_err(g)?
        .register_scenario(scenario)
        .set_default(GooseDefault::Host, base)
        .map_err(g)?
        .set_default(GooseDefault::Users, users)
        .map_err(g)?
        .set_default(GooseDefault::IncreaseRate, format!("{rate:.3}").as_str())
        .map_err(g)?
        .set_default(GooseDefault::RunTime, seconds)
        .map_err(g)?
        .set_default(GooseDefault::NoTelnet, true)
        .map_err(g)?
        .set_default(GooseDefault::NoPrintMetrics, true)
        .map_err(g)?
        .set_default(GooseDefault::Timeout, "30")
        .map_err(g)?
        .set_default(GooseDefault::Quiet, 1)
        .map_err(g)?
        .execute()
        .await
        .map_err(g)?;

    let mut buckets: Vec<(u64, usize)> = Vec::new();
    let mut requests = 0;
    let mut errors = 0;
    let mut max_us = 0;
    let mut names: Vec<_> = metrics.requests.iter().collect();
    names.sort_by_key(|(k, _)| k.as_str());
    for (name, agg) in names {
        eprintln!(
            "    {users} users, {name}: {} answered, {} failed, p50 {:.1} ms, p99 {:.1} ms",
            agg.success_count,
            agg.fail_count,
            agg.raw_data.percentile_us(0.5) as f64 / 1000.0,
            agg.raw_data.percentile_us(0.99) as f64 / 1000.0
        );
    }
    for e in metrics.transaction_errors.values() {
        eprintln!(
            "    {users} users, {} failed {} times: {}",
            e.transaction_name, e.occurrences, e.error
        );
    }
    for agg in metrics.requests.values() {
        requests += agg.success_count + agg.fail_count;
        errors += agg.fail_count;
        max_us = max_us.max(agg.raw_data.maximum_time_us);
        buckets.extend(agg.raw_data.times_us.iter().map(|(&t, &c)| (t, c)));
    }
    // A failed request also fails its step; a step can fail without a failed request (a
    // page that does not show what it should). Count whichever is more.
    let failed_steps: usize = metrics
        .transaction_errors
        .values()
        .map(|e| e.occurrences)
        .sum();
    errors = errors.max(failed_steps);
    buckets.sort_unstable();
    let total: usize = buckets.iter().map(|(_, c)| c).sum();
    let at = |q: f64| -> f64 {
        let want = ((total as f64) * q).ceil().max(1.0) as usize;
        let mut seen = 0;
        for (t, c) in &buckets {
            seen += c;
            if seen >= want {
                return *t as f64 / 1000.0;
            }
        }
        f64::NAN
    };
    let visits = metrics
        .requests
        .iter()
        .filter(|(k, _)| k.ends_with("log out"))
        .map(|(_, a)| a.success_count)
        .sum();
    let secs = metrics.duration.max(1);
    Ok(Round {
        users,
        requests,
        visits,
        per_second: requests as f64 / secs as f64,
        p50_ms: at(0.5),
        p99_ms: at(0.99),
        max_ms: max_us as f64 / 1000.0,
        errors,
        seconds: secs,
    })
}

fn visit(user: &mut GooseUser) -> Visit {
    user.get_session_data::<Visit>()
        .cloned()
        .unwrap_or_default()
}

/// Reads a response's body, failing the request when it did not succeed.
async fn body(
    user: &mut GooseUser,
    mut g: GooseResponse,
    tag: &str,
) -> Result<String, Box<TransactionError>> {
    match g.response {
        Ok(r) if r.status().is_success() => match r.text().await {
            Ok(t) => Ok(t),
            Err(_) => {
                user.set_failure(tag, &mut g.request, None, None)?;
                Ok(String::new())
            }
        },
        Ok(r) => {
            let status = r.status();
            user.set_failure(&format!("{tag}: {status}"), &mut g.request, None, None)?;
            Ok(String::new())
        }
        Err(_) => Ok(String::new()),
    }
}

/// The text between `before` and the next `after`.
fn between<'a>(text: &'a str, before: &str, after: char) -> Option<&'a str> {
    let from = text.find(before)? + before.len();
    let rest = &text[from..];
    Some(&rest[..rest.find(after)?])
}

fn csrf_of(page: &str) -> Option<String> {
    between(page, "<meta name=\"csrf-token\" content=\"", '"').map(str::to_owned)
}

async fn login_page(_plan: Arc<Plan>, user: &mut GooseUser) -> TransactionResult {
    let g = user.get_named("/login", "log-in page").await?;
    let page = body(user, g, "log-in page").await?;
    let mut v = visit(user);
    v.csrf = csrf_of(&page).unwrap_or_default();
    user.set_session_data(v);
    Ok(())
}

async fn log_in(plan: Arc<Plan>, user: &mut GooseUser) -> TransactionResult {
    let v = visit(user);
    let email = plan.emails[v.account % plan.emails.len()].clone();
    let form = [
        ("email", email.as_str()),
        ("password", plan.password.as_str()),
        ("csrf", v.csrf.as_str()),
    ];
    let req = user
        .get_request_builder(&GooseMethod::Post, "/login")?
        .form(&form);
    let g = user
        .request(
            GooseRequest::builder()
                .method(GooseMethod::Post)
                .path("/login")
                .name("log in")
                .set_request_builder(req)
                .build(),
        )
        .await?;
    let page = body(user, g, "log in").await?;
    let mut v = visit(user);
    match csrf_of(&page) {
        Some(c) if page.contains("action=\"/logout\"") => v.csrf = c,
        _ => return Err(Box::new(TransactionError::Custom("not logged in".into()))),
    }
    // Where this visit signs up: a session of its own among the open ones.
    let k = (v.account * 7 + v.visits * 131) % plan.sessions.len();
    (v.session, v.programme) = plan.sessions[k];
    v.enrolment = None;
    user.set_session_data(v);
    Ok(())
}

async fn search(plan: Arc<Plan>, user: &mut GooseUser) -> TransactionResult {
    let v = visit(user);
    let q = &plan.queries[(v.account * 13 + v.visits) % plan.queries.len()];
    let g = user.get_named(&format!("/catalogue?{q}"), "search").await?;
    body(user, g, "search").await?;
    Ok(())
}

async fn programme(_plan: Arc<Plan>, user: &mut GooseUser) -> TransactionResult {
    let v = visit(user);
    let g = user
        .get_named(&format!("/programmes/{}", v.programme), "programme")
        .await?;
    body(user, g, "programme").await?;
    Ok(())
}

async fn session(_plan: Arc<Plan>, user: &mut GooseUser) -> TransactionResult {
    let v = visit(user);
    let g = user
        .get_named(&format!("/sessions/{}", v.session), "session")
        .await?;
    let page = body(user, g, "session").await?;
    let mut v = visit(user);
    if let Some(c) = csrf_of(&page) {
        v.csrf = c;
    }
    user.set_session_data(v);
    Ok(())
}

async fn post(
    user: &mut GooseUser,
    path: &str,
    name: &str,
) -> Result<String, Box<TransactionError>> {
    let v = visit(user);
    let req = user
        .get_request_builder(&GooseMethod::Post, path)?
        .form(&[("csrf", v.csrf.as_str())]);
    let g = user
        .request(
            GooseRequest::builder()
                .method(GooseMethod::Post)
                .path(path)
                .name(name)
                .set_request_builder(req)
                .build(),
        )
        .await?;
    body(user, g, name).await
}

async fn sign_up(_plan: Arc<Plan>, user: &mut GooseUser) -> TransactionResult {
    let v = visit(user);
    let page = post(user, &format!("/sessions/{}/enrol", v.session), "sign up").await?;
    let mut v = visit(user);
    v.enrolment = between(&page, "action=\"/enrolments/", '/').map(str::to_owned);
    user.set_session_data(v);
    Ok(())
}

async fn my_trainings(_plan: Arc<Plan>, user: &mut GooseUser) -> TransactionResult {
    let g = user.get_named("/trainings", "my trainings").await?;
    body(user, g, "my trainings").await?;
    Ok(())
}

async fn cancel(_plan: Arc<Plan>, user: &mut GooseUser) -> TransactionResult {
    let v = visit(user);
    let Some(e) = v.enrolment.clone() else {
        return Err(Box::new(TransactionError::Custom(
            "the sign-up showed no place to cancel".into(),
        )));
    };
    post(user, &format!("/enrolments/{e}/cancel"), "cancel").await?;
    Ok(())
}

async fn log_out(_plan: Arc<Plan>, user: &mut GooseUser) -> TransactionResult {
    post(user, "/logout", "log out").await?;
    let mut v = visit(user);
    v.visits += 1;
    v.csrf.clear();
    user.set_session_data(v);
    Ok(())
}
