//! Configuration: defaults in code, then an optional `guildhall.toml`, then `GUILDHALL_*`
//! environment variables, then command-line flags. Every option is listed, with its default,
//! in `guildhall.example.toml` at the root of the repository.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use guildhall_app::{AppConfig, SmtpConfig};
use guildhall_domain::Lang;
use serde::Deserialize;

/// The settings file, every field optional.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub listen: Option<String>,
    pub data_dir: Option<PathBuf>,
    pub database_url: Option<String>,
    pub demo: Option<bool>,
    pub public_url: Option<String>,
    pub default_language: Option<String>,
    pub time_zone: Option<String>,
    pub allow_registration: Option<bool>,
    pub trust_proxy: Option<bool>,
    pub session_days: Option<i64>,
    pub separation_days: Option<i64>,
    pub max_connections: Option<u32>,
    pub expose_statement_count: Option<bool>,
    pub smtp: Option<FileSmtp>,
    pub brand: Option<FileBrand>,
}

/// The agency's identity on pages, mails and certificates.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileBrand {
    pub name: Option<String>,
    /// An SVG or PNG file, relative to the working folder.
    pub logo: Option<PathBuf>,
    /// `#rrggbb`.
    pub colour: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileSmtp {
    pub host: String,
    pub port: Option<u16>,
    pub username: Option<String>,
    pub password: Option<String>,
    pub security: Option<String>,
    pub from: String,
}

impl FileConfig {
    /// Reads `path`, or `./guildhall.toml` if it exists, or nothing.
    pub fn load(path: Option<&Path>) -> Result<FileConfig> {
        let (path, required) = match path {
            Some(p) => (p.to_path_buf(), true),
            None => (PathBuf::from("guildhall.toml"), false),
        };
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(FileConfig::default());
            }
            Err(e) => bail!("cannot read the settings file {}: {e}", path.display()),
        };
        toml::from_str(&text).map_err(|e| {
            anyhow!(
                "the settings file {} is not valid: {}",
                path.display(),
                e.to_string().lines().next().unwrap_or("")
            )
        })
    }
}

/// The settings the database needs, resolved.
pub struct DbSettings {
    pub data_dir: PathBuf,
    pub database_url: String,
    pub max_connections: u32,
}

/// Everything `serve` needs, resolved.
pub struct ServeSettings {
    pub db: DbSettings,
    pub listen: SocketAddr,
    pub demo: bool,
    pub app: AppConfig,
    pub trust_proxy: bool,
    pub expose_statement_count: bool,
}

pub fn resolve_db(
    file: &FileConfig,
    data_dir: Option<PathBuf>,
    database_url: Option<String>,
) -> Result<DbSettings> {
    let data_dir = data_dir
        .or_else(|| file.data_dir.clone())
        .unwrap_or_else(|| PathBuf::from("data"));
    let database_url = match database_url.or_else(|| file.database_url.clone()) {
        Some(u) => u,
        None => format!(
            "sqlite://{}?mode=rwc",
            data_dir.join("guildhall.db").display()
        ),
    };
    if guildhall_store::Backend::of_url(&database_url).is_none() {
        bail!(
            "the database URL must start with sqlite:// or postgres:// (got {})",
            guildhall_store::redact(&database_url)
        );
    }
    Ok(DbSettings {
        data_dir,
        database_url,
        max_connections: file.max_connections.unwrap_or(16),
    })
}

pub struct ServeFlags {
    pub listen: Option<String>,
    pub data_dir: Option<PathBuf>,
    pub database_url: Option<String>,
    pub demo: Option<bool>,
    pub public_url: Option<String>,
}

pub fn resolve_serve(file: &FileConfig, flags: ServeFlags) -> Result<ServeSettings> {
    let db = resolve_db(file, flags.data_dir, flags.database_url)?;
    let listen_text = flags
        .listen
        .or_else(|| file.listen.clone())
        .unwrap_or_else(|| "127.0.0.1:8080".to_owned());
    let listen: SocketAddr = listen_text.parse().with_context(|| {
        format!(
            "the listen address {listen_text:?} is not an address and port such as 127.0.0.1:8080"
        )
    })?;
    let public_url = flags
        .public_url
        .or_else(|| file.public_url.clone())
        .unwrap_or_else(|| {
            let host = if listen.ip().is_unspecified() {
                "127.0.0.1".to_owned()
            } else {
                listen.ip().to_string()
            };
            let host = if listen.is_ipv6() && !listen.ip().is_unspecified() {
                format!("[{host}]")
            } else {
                host
            };
            format!("http://{host}:{}", listen.port())
        });
    if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
        bail!("the public URL must start with http:// or https:// (got {public_url})");
    }
    let mut app = AppConfig::new(public_url, db.data_dir.clone());
    if let Some(l) = &file.default_language {
        app.default_lang = Lang::parse(l)
            .ok_or_else(|| anyhow!("default_language must be hu, pl, ru or en (got {l})"))?;
    }
    if let Some(z) = &file.time_zone {
        app.time_zone = guildhall_domain::Zone::parse(z).map_err(|_| {
            anyhow!("time_zone must be an IANA time zone such as Europe/Budapest (got {z})")
        })?;
    }
    if let Some(r) = file.allow_registration {
        app.allow_registration = r;
    }
    if let Some(d) = file.session_days {
        if !(1..=365).contains(&d) {
            bail!("session_days must be between 1 and 365 (got {d})");
        }
        app.session_days = d;
    }
    if let Some(d) = file.separation_days {
        if !(0..=3650).contains(&d) {
            bail!("separation_days must be between 0 and 3650 (got {d})");
        }
        app.separation_days = d;
    }
    if let Some(b) = &file.brand {
        if let Some(n) = b.name.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
            app.brand.name = n.chars().take(80).collect();
        }
        if let Some(logo) = &b.logo {
            let ok = matches!(
                logo.extension().and_then(|e| e.to_str()),
                Some("svg" | "png")
            );
            if !ok || !logo.is_file() {
                bail!(
                    "brand.logo must be an SVG or PNG file that exists (got {})",
                    logo.display()
                );
            }
            app.brand.logo = Some(logo.clone());
        }
        if let Some(c) = &b.colour {
            if guildhall_web::parse_colour(c).is_none() {
                bail!("brand.colour must be a colour such as #1d4e89 (got {c})");
            }
            app.brand.colour = Some(c.clone());
        }
    }
    app.smtp = file.smtp.as_ref().map(|s| SmtpConfig {
        host: s.host.clone(),
        port: s.port.unwrap_or(587),
        username: s.username.clone(),
        password: s.password.clone(),
        security: s.security.clone().unwrap_or_else(|| "starttls".to_owned()),
        from: s.from.clone(),
    });
    Ok(ServeSettings {
        db,
        listen,
        demo: flags.demo.or(file.demo).unwrap_or(false),
        app,
        trust_proxy: file.trust_proxy.unwrap_or(false),
        expose_statement_count: file.expose_statement_count.unwrap_or(false),
    })
}

/// Makes sure the data folder exists and can be written to.
pub fn prepare_data_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir)
        .map_err(|e| anyhow!("cannot create the data folder {}: {e}", dir.display()))?;
    let probe = dir.join(".write-test");
    std::fs::write(&probe, b"ok")
        .map_err(|e| anyhow!("cannot write to the data folder {}: {e}", dir.display()))?;
    let _ = std::fs::remove_file(&probe);
    Ok(())
}
