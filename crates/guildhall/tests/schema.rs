//! schemathesis (from PyPI; `scripts/test` installs it into `target/venv`) against the real
//! binary serving the demo data: thousands of generated requests, valid and not, to every
//! operation of `/api/v1/openapi.json`, as an administrator. No answer may be a server error,
//! and every answer must match the document: its status, its content type, its body's
//! schema.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Proc(Child);

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn schemathesis() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    std::env::var_os("GUILDHALL_SCHEMATHESIS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target/venv/bin/schemathesis"))
}

#[tokio::test]
async fn the_api_keeps_to_its_openapi_document() {
    let st = schemathesis();
    assert!(
        st.exists(),
        "schemathesis is missing at {}; scripts/test installs it",
        st.display()
    );
    let dir = tempfile::tempdir().expect("a data folder");
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    let base = format!("http://127.0.0.1:{port}");
    let _server = Proc(
        Command::new(env!("CARGO_BIN_EXE_guildhall"))
            .args(["serve", "--demo", "--listen"])
            .arg(format!("127.0.0.1:{port}"))
            .arg("--data-dir")
            .arg(dir.path())
            .env_remove("GUILDHALL_DATABASE_URL")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start guildhall"),
    );
    let http = reqwest::Client::new();
    let started = Instant::now();
    while !http
        .get(format!("{base}/readyz"))
        .send()
        .await
        .is_ok_and(|r| r.status().is_success())
    {
        assert!(started.elapsed() < Duration::from_secs(120), "no start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let token: serde_json::Value = http
        .post(format!("{base}/api/v1/auth/token"))
        .json(&serde_json::json!({
            "email": "admin@guildhall.example",
            "password": "guildhall-demo-2026",
        }))
        .send()
        .await
        .expect("a token")
        .json()
        .await
        .expect("json");
    let token = token["token"].as_str().expect("a token").to_owned();
    let out = Command::new(&st)
        .arg("run")
        .arg(format!("{base}/api/v1/openapi.json"))
        .args(["--header", &format!("Authorization: Bearer {token}")])
        .args([
            "--checks",
            "not_a_server_error,response_schema_conformance,content_type_conformance,status_code_conformance",
            "--phases",
            "coverage,fuzzing",
            "--max-examples",
            "10",
            "--seed",
            "2026",
            "--workers",
            "2",
            "--no-color",
        ])
        .current_dir(dir.path())
        .output()
        .expect("run schemathesis");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "schemathesis found answers that break the document:\n{report}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        report.contains("passed") && !report.contains(" 0 generated"),
        "schemathesis tested something:\n{report}"
    );
}
