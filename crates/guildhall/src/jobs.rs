//! The work `serve` does on a clock, beside answering requests: picking up catalogue
//! changes other instances made, re-reading open sessions for the catalogue's filters and
//! writing down when API tokens were last used, expiring held seats and offers, sending
//! reminders (of meetings, and of compliance deadlines with the monthly digest to heads),
//! and clearing out expired log-ins. Each job runs in its own task until shutdown; a failed
//! run is logged and tried again at the next tick.

use std::future::Future;
use std::time::Duration;

use guildhall_app::App;
use tokio::sync::watch;

/// Runs `job` at once and then every `every` until `stop` fires.
fn every<F, Fut>(name: &'static str, every: Duration, stop: &watch::Receiver<bool>, job: F)
where
    F: Fn() -> Fut + Send + 'static,
    Fut: Future<Output = guildhall_app::Result<()>> + Send,
{
    every_after(name, Duration::ZERO, every, stop, job);
}

/// Runs `job` first after `first`, then every `every`, until `stop` fires.
fn every_after<F, Fut>(
    name: &'static str,
    first: Duration,
    every: Duration,
    stop: &watch::Receiver<bool>,
    job: F,
) where
    F: Fn() -> Fut + Send + 'static,
    Fut: Future<Output = guildhall_app::Result<()>> + Send,
{
    let mut stop = stop.clone();
    tokio::spawn(async move {
        tokio::select! {
            _ = tokio::time::sleep(first) => {}
            _ = stop.changed() => return,
        }
        loop {
            if let Err(e) = job().await {
                tracing::warn!(job = name, error = %e, "a periodic job failed");
            }
            tokio::select! {
                _ = tokio::time::sleep(every) => {}
                _ = stop.changed() => return,
            }
        }
    });
}

/// How long after start the compliance reminders and digests are first looked at.
const COMPLIANCE_MAIL_FIRST: Duration = Duration::from_secs(10 * 60);

/// Starts every periodic job.
pub fn start(app: &App, stop: &watch::Receiver<bool>) {
    let a = app.clone();
    every("catalogue", Duration::from_secs(2), stop, move || {
        let a = a.clone();
        async move {
            a.refresh_catalogue().await?;
            a.refresh_open_sessions().await?;
            a.record_token_uses().await
        }
    });
    let a = app.clone();
    every("holds", Duration::from_secs(60), stop, move || {
        let a = a.clone();
        async move {
            let n = a.expire_holds().await?;
            if n > 0 {
                tracing::info!(expired = n, "held seats and offers expired");
            }
            Ok(())
        }
    });
    let a = app.clone();
    every("reminders", Duration::from_secs(15 * 60), stop, move || {
        let a = a.clone();
        async move {
            let n = a.send_reminders().await?;
            if n > 0 {
                tracing::info!(sent = n, "reminders sent");
            }
            Ok(())
        }
    });
    let a = app.clone();
    // Evaluating everyone is the heaviest job; nothing about it is urgent, so a starting
    // instance first serves for a while.
    every_after(
        "compliance mail",
        COMPLIANCE_MAIL_FIRST,
        Duration::from_secs(6 * 3600),
        stop,
        move || {
            let a = a.clone();
            async move {
                let reminded = a.send_compliance_reminders().await?;
                let digests = a.send_compliance_digests().await?;
                if reminded + digests > 0 {
                    tracing::info!(reminded, digests, "compliance mail queued");
                }
                Ok(())
            }
        },
    );
    let a = app.clone();
    every("identity", Duration::from_secs(3600), stop, move || {
        let a = a.clone();
        async move {
            a.sweep_identity().await?;
            a.sweep_mail().await?;
            a.keep_statistics().await
        }
    });
}
