//! Notifications: e-mail, written to the outbox in the same transaction as the change it
//! reports (so a committed change always has its message, and a rolled-back one never
//! does), then delivered by a worker when an SMTP server is configured. Without one the
//! messages stay in the outbox, where administrators read them.
//!
//! Messages are composed from translation keys in the recipient's language.

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
    args: Vec<(&'static str, String)>,
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
        self.args.push((name, value.into()));
        self
    }

    fn render(&self) -> (String, String) {
        let args: Vec<(&str, Value<'_>)> = self
            .args
            .iter()
            .map(|(k, v)| (*k, Value::from(v.as_str())))
            .collect();
        let subject = t_args(self.lang, &self.subject_key, &args);
        let body = format!(
            "{}\n\n-- \n{}",
            t_args(self.lang, &self.body_key, &args),
            t_args(self.lang, "mail-footer", &[])
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
        let (subject, body) = mail.render();
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

    /// Delivers due messages through SMTP until `shutdown` fires. Failed deliveries are
    /// retried with growing pauses, up to eight attempts.
    pub async fn run_mail_worker(
        &self,
        smtp: SmtpConfig,
        mut shutdown: tokio::sync::watch::Receiver<bool>,
    ) {
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
        loop {
            match self.deliver_one(&transport, &from).await {
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

    async fn deliver_one(
        &self,
        transport: &AsyncSmtpTransport<Tokio1Executor>,
        from: &Mailbox,
    ) -> Result<bool> {
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
            let msg = lettre::Message::builder()
                .from(from.clone())
                .to(to)
                .subject(m.subject.clone())
                .body(m.body.clone())
                .map_err(|e| e.to_string())?;
            transport
                .send(msg)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string())
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

    /// The caller's latest notifications; reading them marks them read.
    pub async fn my_notifications(
        &self,
        actor: &Actor,
        mark_read: bool,
    ) -> Result<Vec<NotificationView>> {
        let rows = guildhall_store::sessions::notifications_of(self.db(), actor.id.0, 50).await?;
        if mark_read && rows.iter().any(|n| n.read_at.is_none()) {
            guildhall_store::sessions::mark_notifications_read(self.db(), actor.id.0, self.now())
                .await?;
        }
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
