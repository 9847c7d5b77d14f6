//! The platform under test: the real `guildhall` binary (the release build next to this
//! one), started on a free port over the benchmark's database and stopped afterwards.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

pub struct Server {
    child: Child,
    pub base: String,
    pub started_in: Duration,
}

/// Where the `guildhall` binary is: beside this one.
pub fn binary() -> Result<PathBuf> {
    let me = std::env::current_exe().context("where this program is")?;
    let bin = me.with_file_name("guildhall");
    if !bin.exists() {
        bail!(
            "{} is missing: build it with `cargo build --release -p guildhall`",
            bin.display()
        );
    }
    Ok(bin)
}

impl Server {
    /// Starts the server and waits until it answers (its search index is built by then).
    pub async fn start(database_url: &str, data_dir: &Path) -> Result<Server> {
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0")?;
            l.local_addr()?.port()
        };
        std::fs::create_dir_all(data_dir)?;
        // The page benchmark reads how many SQL statements each page ran.
        let settings = data_dir.join("guildhall.toml");
        std::fs::write(&settings, "expose_statement_count = true\n")?;
        let log = std::fs::File::create(data_dir.join("server.log"))?;
        let started = Instant::now();
        let child = Command::new(binary()?)
            .arg("--config")
            .arg(&settings)
            .arg("serve")
            .arg("--listen")
            .arg(format!("127.0.0.1:{port}"))
            .arg("--database-url")
            .arg(database_url)
            .arg("--data-dir")
            .arg(data_dir)
            .env(
                "RUST_LOG",
                std::env::var("GUILDHALL_BENCH_SERVER_LOG").unwrap_or_else(|_| "warn".into()),
            )
            .env_remove("GUILDHALL_DEMO")
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .context("start guildhall")?;
        let mut s = Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
            started_in: Duration::ZERO,
        };
        let client = reqwest::Client::new();
        loop {
            if let Ok(r) = client
                .get(format!("{}/api/v1/frameworks", s.base))
                .send()
                .await
                && r.status().is_success()
            {
                break;
            }
            if let Some(status) = s.child.try_wait()? {
                bail!(
                    "guildhall stopped ({status}); see {}",
                    data_dir.join("server.log").display()
                );
            }
            if started.elapsed() > Duration::from_secs(600) {
                bail!("guildhall did not answer within ten minutes");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        s.started_in = started.elapsed();
        Ok(s)
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The server's resident memory in MB.
    pub fn rss_mb(&self) -> Option<f64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let kb: f64 = status
            .lines()
            .find(|l| l.starts_with("VmRSS:"))?
            .split_whitespace()
            .nth(1)?
            .parse()
            .ok()?;
        Some(kb / 1024.0)
    }

    /// Stops the server as an operator would (SIGTERM), and waits for it.
    pub fn stop(mut self) -> Result<()> {
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.child.id().to_string())
            .status();
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if self.child.try_wait()?.is_some() {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        self.child.kill()?;
        self.child.wait()?;
        Ok(())
    }
}
