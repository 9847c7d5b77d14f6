//! Notifications: e-mail, written to the outbox in the same transaction as the change it
//! reports (so a committed change always has its message, and a rolled-back one never
//! does), then delivered by a worker: through SMTP when a server is configured.
//!
//! Messages are composed from translation keys in the recipient's language. A message that
//! carries a secret (a confirmation, reset or invitation link) is written twice: the body
//! everyone may read, with the secret replaced by a note that it was removed, and the body to
//! deliver, which the outbox keeps only until the message is sent. Without a mail server the
//! worker delivers into the data folder's `mail/` folder instead, one `.eml` file per
//! message, so that secrets never rest in the database either way.

use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use guildhall_domain::{Lang, MailId, PersonId};
use guildhall_i18n::{Value, t_args};
use guildhall_store::entities::outbox;
use guildhall_store::notify as q;
use guildhall_store::{ConnectionTrait, Page, PageRequest};
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use crate::{Actor, App, Error, Result, SmtpConfig, policy};

/// A message being put together.
#[derive(Clone, Debug)]
pub struct Mail {
    person: Option<PersonId>,
    to: String,
    lang: Lang,
    subject_key: String,
    body_key: String,
    args: Vec<(&'static str, Arg)>,
    /// The deployment's name, for the signature.
    brand: String,
}

/// A value in a message: text, a number (so plurals choose their form), or a secret that
/// only the delivered message shows.
#[derive(Clone, Debug)]
enum Arg {
    Text(String),
    Num(f64),
    Secret(String),
}

impl Mail {
    pub fn to_person(person: PersonId, address: &str, lang: Lang) -> Self {
        Mail {
            person: Some(person),
            to: address.to_owned(),
            lang,
            subject_key: String::new(),
            body_key: String::new(),
            args: Vec::new(),
            brand: String::new(),
        }
    }

    pub fn subject(mut self, key: impl Into<String>) -> Self {
        self.subject_key = key.into();
        self
    }

    pub fn body(mut self, key: impl Into<String>) -> Self {
        self.body_key = key.into();
        self
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.args.push((name, Arg::Text(value.into())));
        self
    }

    /// A number, passed to the translation as a number so that it picks its plural form.
    pub fn num(mut self, name: &'static str, value: f64) -> Self {
        self.args.push((name, Arg::Num(value)));
        self
    }

    /// A secret (a link that logs in, confirms or resets): only the delivered message holds
    /// it.
    pub fn secret_arg(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.args.push((name, Arg::Secret(value.into())));
        self
    }

    fn has_secret(&self) -> bool {
        self.args.iter().any(|(_, a)| matches!(a, Arg::Secret(_)))
    }

    /// The subject and body, with secrets shown (`reveal`) or replaced by a note.
    fn render(&self, reveal: bool) -> (String, String) {
        let removed = t_args(self.lang, "mail-secret-removed", &[]);
        let mut args: Vec<(&str, Value<'_>)> = self
            .args
            .iter()
            .map(|(k, v)| {
                let v = match v {
                    Arg::Text(t) => Value::from(t.as_str()),
                    Arg::Num(n) => Value::Num(*n),
                    Arg::Secret(t) if reveal => Value::from(t.as_str()),
                    Arg::Secret(_) => Value::from(removed.as_str()),
                };
                (*k, v)
            })
            .collect();
        // Every message may name the deployment.
        args.push(("brand", Value::from(self.brand.as_str())));
        let subject = t_args(self.lang, &self.subject_key, &args);
        let body = format!(
            "{}\n\n-- \n{}",
            t_args(self.lang, &self.body_key, &args),
            t_args(self.lang, "mail-footer", &args)
        );
        (subject, body)
    }
}

/// A message in the outbox, as administrators see it.
#[derive(Clone, Debug)]
pub struct MailView {
    pub id: MailId,
    pub to: String,
    pub lang: String,
    pub subject: String,
    pub body: String,
    pub status: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

impl MailView {
    fn from_model(m: outbox::Model) -> Self {
        MailView {
            id: MailId(m.id),
            to: m.to_address,
            lang: m.language,
            subject: m.subject,
            body: m.body,
            status: m.status,
            attempts: m.attempts,
            last_error: m.last_error,
            created_at: m.created_at,
            sent_at: m.sent_at,
        }
    }
}

impl App {
    /// Puts a message in the outbox, inside the caller's transaction.
    pub async fn queue_mail<C: ConnectionTrait>(&self, db: &C, mail: Mail) -> Result<()> {
        q::enqueue(db, self.outbox_row(&mail)).await?;
        Ok(())
    }

    /// The outbox row that sends `mail`.
    fn outbox_row(&self, mail: &Mail) -> outbox::Model {
        let mut mail = mail.clone();
        mail.brand = self.config().brand.name.clone();
        let (subject, body) = mail.render(false);
        let secret_body = mail.has_secret().then(|| mail.render(true).1);
        let now = self.now();
        outbox::Model {
            id: MailId::new().0,
            person_id: mail.person.map(|p| p.0),
            to_address: mail.to.clone(),
            language: mail.lang.code().to_owned(),
            subject,
            body,
            status: q::PENDING.to_owned(),
            attempts: 0,
            last_error: None,
            created_at: now,
            next_attempt_at: now,
            sent_at: None,
            secret_body,
        }
    }

    pub async fn list_outbox(
        &self,
        actor: &Actor,
        to: Option<&str>,
        page: PageRequest,
    ) -> Result<Page<MailView>> {
        if !policy::may_read_outbox(actor) {
            return Err(Error::Forbidden);
        }
        Ok(q::list(self.db(), to, page)
            .await?
            .map(MailView::from_model))
    }

    pub async fn get_mail(&self, actor: &Actor, id: MailId) -> Result<MailView> {
        if !policy::may_read_outbox(actor) {
            return Err(Error::Forbidden);
        }
        q::find(self.db(), id.0)
            .await?
            .map(MailView::from_model)
            .ok_or(Error::NotFound)
    }

    /// Delivers due messages until `shutdown` fires: through SMTP when a server is
    /// configured, else into `<data folder>/mail/` as one `.eml` file per message. Failed
    /// deliveries are retried with growing pauses, up to eight attempts.
    pub async fn run_mail_worker(
        &self,
        smtp: Option<SmtpConfig>,
        mut shutdown: tokio::sync::watch::Receiver<bool>,
    ) {
        let delivery = match smtp {
            Some(smtp) => {
                let transport = match build_transport(&smtp) {
                    Ok(t) => t,
                    Err(e) => {
                        tracing::error!(error = %e, "the mail server settings are not usable; mail stays in the outbox");
                        return;
                    }
                };
                let from: Mailbox = match smtp.from.parse() {
                    Ok(f) => f,
                    Err(e) => {
                        tracing::error!(error = %e, "the sender address is not valid; mail stays in the outbox");
                        return;
                    }
                };
                Delivery::Smtp(Box::new(transport), from)
            }
            None => Delivery::Folder(self.mail_folder()),
        };
        loop {
            match self.deliver_one(&delivery).await {
                Ok(true) => continue,
                Ok(false) => {}
                Err(e) => tracing::warn!(error = %e, "mail delivery round failed"),
            }
            tokio::select! {
                _ = tokio::time::sleep(StdDuration::from_secs(2)) => {}
                _ = shutdown.changed() => return,
            }
        }
    }

    /// Where messages go when no mail server is configured.
    pub fn mail_folder(&self) -> std::path::PathBuf {
        self.config().data_dir.join("mail")
    }

    async fn deliver_one(&self, delivery: &Delivery) -> Result<bool> {
        let now = self.now();
        q::requeue_stuck(self.db(), now - Duration::minutes(10)).await?;
        let Some(m) = q::claim_due(self.db(), now).await? else {
            return Ok(false);
        };
        let outcome = async {
            let to: Mailbox = m
                .to_address
                .parse()
                .map_err(|e| format!("recipient: {e}"))?;
            let from = match delivery {
                Delivery::Smtp(_, from) => from.clone(),
                Delivery::Folder(_) => Mailbox::new(
                    Some(self.config().brand.name.clone()),
                    "guildhall@localhost"
                        .parse()
                        .map_err(|e| format!("sender: {e}"))?,
                ),
            };
            let msg = lettre::Message::builder()
                .from(from)
                .to(to)
                .subject(m.subject.clone())
                .body(m.secret_body.clone().unwrap_or_else(|| m.body.clone()))
                .map_err(|e| e.to_string())?;
            match delivery {
                Delivery::Smtp(transport, _) => transport
                    .send(msg)
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string()),
                Delivery::Folder(dir) => {
                    write_private(dir, &format!("{}.eml", m.id), &msg.formatted())
                        .await
                        .map_err(|e| e.to_string())
                }
            }
        }
        .await;
        match outcome {
            Ok(()) => q::mark_sent(self.db(), m.id, self.now()).await?,
            Err(e) => {
                let retry = (m.attempts < 8).then(|| {
                    self.now() + Duration::minutes(2_i64.pow(m.attempts.clamp(0, 10) as u32))
                });
                tracing::warn!(mail = %m.id, error = %e, "mail delivery failed");
                q::mark_failed(self.db(), m.id, &e, retry).await?;
            }
        }
        Ok(true)
    }
}

/// Writes a delivered message readable by the platform's own user only (the folder too).
async fn write_private(dir: &std::path::Path, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    let dir = dir.to_owned();
    let name = name.to_owned();
    let bytes = bytes.to_vec();
    tokio::task::spawn_blocking(move || {
        std::fs::create_dir_all(&dir)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
            std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700))?;
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(true)
                .mode(0o600)
                .open(dir.join(&name))?;
            std::io::Write::write_all(&mut f, &bytes)
        }
        #[cfg(not(unix))]
        {
            std::fs::write(dir.join(&name), &bytes)
        }
    })
    .await
    .map_err(std::io::Error::other)?
}

/// How long a message's secret may be needed: the longest-lived link (an invitation).
pub(crate) const SECRET_LIFETIME: Duration = Duration::days(14);

impl App {
    /// Forgets what secrets are left once their links have expired: the text to deliver of
    /// messages never delivered, and delivered message files in the mail folder. Run
    /// periodically.
    pub async fn sweep_mail(&self) -> Result<()> {
        let before = self.now() - SECRET_LIFETIME;
        q::forget_secrets_before(self.writer(), before).await?;
        let dir = self.mail_folder();
        let cutoff = std::time::SystemTime::from(before);
        tokio::task::spawn_blocking(move || {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                return;
            };
            for e in entries.flatten() {
                let old = e
                    .metadata()
                    .and_then(|m| m.modified())
                    .is_ok_and(|t| t < cutoff);
                if old && e.path().extension().is_some_and(|x| x == "eml") {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        })
        .await
        .map_err(|e| Error::Internal(e.to_string()))?;
        Ok(())
    }
}

/// Where the worker delivers.
enum Delivery {
    Smtp(Box<AsyncSmtpTransport<Tokio1Executor>>, Mailbox),
    Folder(std::path::PathBuf),
}

fn build_transport(
    smtp: &SmtpConfig,
) -> std::result::Result<AsyncSmtpTransport<Tokio1Executor>, String> {
    let builder = match smtp.security.as_str() {
        "tls" => {
            AsyncSmtpTransport::<Tokio1Executor>::relay(&smtp.host).map_err(|e| e.to_string())?
        }
        "none" => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&smtp.host),
        _ => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&smtp.host)
            .map_err(|e| e.to_string())?,
    };
    let mut builder = builder
        .port(smtp.port)
        .timeout(Some(StdDuration::from_secs(20)));
    if let (Some(u), Some(p)) = (&smtp.username, &smtp.password) {
        builder = builder.credentials(Credentials::new(u.clone(), p.clone()));
    }
    Ok(builder.build())
}

/// An in-app notification, as a person's list shows it.
#[derive(Clone, Debug)]
pub struct NotificationView {
    pub kind: String,
    pub text: String,
    pub link: Option<String>,
    pub created_at: DateTime<Utc>,
    pub read: bool,
}

impl App {
    /// Tells a person something by e-mail and in the app, in their language, inside the
    /// caller's transaction. `kind` names the translations `mail-<kind>-subject` and
    /// `mail-<kind>-body`; the subject is also the in-app text.
    pub async fn tell<C: ConnectionTrait>(
        &self,
        db: &C,
        person: &guildhall_store::entities::person::Model,
        kind: &'static str,
        args: Vec<(&'static str, String)>,
        link: Option<String>,
    ) -> Result<()> {
        if let Some((mail, note)) = self.message(person, kind, args, link) {
            q::enqueue(db, mail).await?;
            guildhall_store::sessions::notify(db, note).await?;
        }
        Ok(())
    }

    /// The e-mail and the in-app notification that tell `person` about `kind`, in their
    /// language; none for an erased account. [`App::tell`] writes them at once; a writer of
    /// many changes collects them and writes them together.
    pub(crate) fn message(
        &self,
        person: &guildhall_store::entities::person::Model,
        kind: &'static str,
        args: Vec<(&'static str, String)>,
        link: Option<String>,
    ) -> Option<(
        outbox::Model,
        guildhall_store::entities::notification::Model,
    )> {
        if person.erased_at.is_some() {
            return None;
        }
        let lang = Lang::parse(&person.language).unwrap_or(Lang::En);
        let mut mail = Mail::to_person(PersonId(person.id), &person.email, lang)
            .subject(format!("mail-{kind}-subject"))
            .body(format!("mail-{kind}-body"))
            .arg("name", &person.name);
        for (k, v) in args {
            mail = mail.arg(k, v);
        }
        if let Some(l) = &link {
            mail = mail.arg("link", self.link(l));
        }
        let row = self.outbox_row(&mail);
        let note = guildhall_store::entities::notification::Model {
            id: uuid::Uuid::now_v7(),
            person_id: person.id,
            kind: kind.to_owned(),
            text: row.subject.clone(),
            link,
            created_at: self.now(),
            read_at: None,
        };
        Some((row, note))
    }

    /// Marks all the caller's notifications read (a form, never by opening a page).
    pub async fn mark_notifications_read(&self, actor: &Actor) -> Result<()> {
        guildhall_store::sessions::mark_notifications_read(self.writer(), actor.id.0, self.now())
            .await?;
        Ok(())
    }

    /// The caller's latest notifications. Reading them changes nothing.
    pub async fn my_notifications(&self, actor: &Actor) -> Result<Vec<NotificationView>> {
        let rows = guildhall_store::sessions::notifications_of(self.db(), actor.id.0, 50).await?;
        Ok(rows
            .into_iter()
            .map(|n| NotificationView {
                kind: n.kind,
                text: n.text,
                link: n.link,
                created_at: n.created_at,
                read: n.read_at.is_some(),
            })
            .collect())
    }
}
