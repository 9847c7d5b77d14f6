//! Interface text in Hungarian, Polish, Russian and English.
//!
//! Every string a person reads comes from the Fluent files under `locales/<lang>/`, embedded
//! in the binary at build time. Keys are shared by all four languages; a test fails when a
//! key is missing from any of them, or when code or a template uses a key no file defines.
//! Plural forms follow CLDR, so Polish and Russian get their one/few/many forms. Error codes
//! (see `guildhall_domain::Problem`) are translated through the key `err-<code>`.

use std::borrow::Cow;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
pub use guildhall_domain::Lang;
use guildhall_domain::catalog::{Format, Licence, VersionState};
use guildhall_domain::identity::{LearnerCategory, Role};
use guildhall_domain::org::OrgKind;
use guildhall_domain::problem::{Arg, Problem};
use guildhall_domain::sessions::{AttendanceStatus, EnrolmentStatus, SessionState};

macro_rules! resources {
    ($($name:literal),+ $(,)?) => {
        /// The Fluent sources of one language, by file name.
        pub fn sources(lang: Lang) -> Vec<(&'static str, &'static str)> {
            match lang {
                Lang::Hu => vec![$(($name, include_str!(concat!("../locales/hu/", $name, ".ftl")))),+],
                Lang::Pl => vec![$(($name, include_str!(concat!("../locales/pl/", $name, ".ftl")))),+],
                Lang::Ru => vec![$(($name, include_str!(concat!("../locales/ru/", $name, ".ftl")))),+],
                Lang::En => vec![$(($name, include_str!(concat!("../locales/en/", $name, ".ftl")))),+],
            }
        }
    };
}

resources!(
    "main",
    "errors",
    "identity",
    "org",
    "mail",
    "catalog",
    "sessions",
    "compliance"
);

struct Catalog {
    bundles: Vec<FluentBundle<FluentResource>>,
}

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| {
    let bundles = Lang::ALL
        .into_iter()
        .map(|lang| {
            let id: unic_langid::LanguageIdentifier = lang.code().parse().unwrap_or_default();
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            bundle.set_use_isolating(false);
            for (name, src) in sources(lang) {
                let res = FluentResource::try_new(src.to_owned()).unwrap_or_else(|(res, errs)| {
                    tracing_warn(&format!("{lang}/{name}.ftl: {errs:?}"));
                    res
                });
                if let Err(errs) = bundle.add_resource(res) {
                    tracing_warn(&format!("{lang}/{name}.ftl: {errs:?}"));
                }
            }
            bundle
        })
        .collect();
    Catalog { bundles }
});

fn tracing_warn(msg: &str) {
    eprintln!("translation problem: {msg}");
}

fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    let i = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(3);
    &CATALOG.bundles[i]
}

/// A value, or a reference to one, however deep: templates hand helpers either.
pub trait Val<T: Copy> {
    fn val(&self) -> T;
}

impl<T: Copy> Val<T> for T {
    fn val(&self) -> T {
        *self
    }
}

impl<T: Copy> Val<T> for &T {
    fn val(&self) -> T {
        **self
    }
}

impl<T: Copy> Val<T> for &&T {
    fn val(&self) -> T {
        ***self
    }
}

/// A value passed into a message.
pub enum Value<'a> {
    Str(Cow<'a, str>),
    Num(f64),
}

impl<'a> From<&'a str> for Value<'a> {
    fn from(s: &'a str) -> Self {
        Value::Str(Cow::Borrowed(s))
    }
}
impl From<String> for Value<'_> {
    fn from(s: String) -> Self {
        Value::Str(Cow::Owned(s))
    }
}
impl From<i64> for Value<'_> {
    fn from(n: i64) -> Self {
        Value::Num(n as f64)
    }
}
impl From<u64> for Value<'_> {
    fn from(n: u64) -> Self {
        Value::Num(n as f64)
    }
}
impl From<usize> for Value<'_> {
    fn from(n: usize) -> Self {
        Value::Num(n as f64)
    }
}
impl From<i32> for Value<'_> {
    fn from(n: i32) -> Self {
        Value::Num(f64::from(n))
    }
}
impl From<&u64> for Value<'_> {
    fn from(n: &u64) -> Self {
        Value::Num(*n as f64)
    }
}
impl From<&i64> for Value<'_> {
    fn from(n: &i64) -> Self {
        Value::Num(*n as f64)
    }
}
impl From<&usize> for Value<'_> {
    fn from(n: &usize) -> Self {
        Value::Num(*n as f64)
    }
}
impl From<&i32> for Value<'_> {
    fn from(n: &i32) -> Self {
        Value::Num(f64::from(*n))
    }
}
impl From<&&&u64> for Value<'_> {
    fn from(n: &&&u64) -> Self {
        Value::Num(***n as f64)
    }
}
impl From<&&u64> for Value<'_> {
    fn from(n: &&u64) -> Self {
        Value::Num(**n as f64)
    }
}
impl From<&&&i64> for Value<'_> {
    fn from(n: &&&i64) -> Self {
        Value::Num(***n as f64)
    }
}
impl From<&&i64> for Value<'_> {
    fn from(n: &&i64) -> Self {
        Value::Num(**n as f64)
    }
}
impl From<&&&usize> for Value<'_> {
    fn from(n: &&&usize) -> Self {
        Value::Num(***n as f64)
    }
}
impl From<&&usize> for Value<'_> {
    fn from(n: &&usize) -> Self {
        Value::Num(**n as f64)
    }
}
impl From<&&&i32> for Value<'_> {
    fn from(n: &&&i32) -> Self {
        Value::Num(f64::from(***n))
    }
}
impl From<&&i32> for Value<'_> {
    fn from(n: &&i32) -> Self {
        Value::Num(f64::from(**n))
    }
}
impl From<f64> for Value<'_> {
    fn from(n: f64) -> Self {
        Value::Num(n)
    }
}

/// Whether a message with this key exists in `lang`.
pub fn has(lang: Lang, key: &str) -> bool {
    bundle(lang).has_message(key)
}

/// The message `key` in `lang`, with arguments. A missing key yields the key itself, which
/// the locale tests make sure never reaches a user.
pub fn t_args(lang: Lang, key: &str, args: &[(&str, Value<'_>)]) -> String {
    let b = bundle(lang);
    let Some(pattern) = b.get_message(key).and_then(|m| m.value()) else {
        return key.to_owned();
    };
    let mut fargs = FluentArgs::new();
    for (name, v) in args {
        match v {
            Value::Str(s) => fargs.set(*name, FluentValue::from(s.to_string())),
            Value::Num(n) => fargs.set(*name, FluentValue::from(*n)),
        }
    }
    let mut errors = Vec::new();
    let out = b.format_pattern(pattern, (!args.is_empty()).then_some(&fargs), &mut errors);
    out.into_owned()
}

pub fn t(lang: Lang, key: &str) -> String {
    t_args(lang, key, &[])
}

/// The translation key for an error or problem code: `err-` and the code in kebab case.
pub fn error_key(code: &str) -> String {
    format!("err-{}", code.replace('_', "-"))
}

/// The message for a problem found in input.
pub fn problem(lang: Lang, p: &Problem) -> String {
    let args: Vec<(&str, Value<'_>)> = p
        .args
        .iter()
        .map(|(k, v)| {
            let v = match v {
                Arg::Num(n) => Value::Num(*n as f64),
                Arg::Text(s) => Value::Str(Cow::Borrowed(s.as_str())),
            };
            (*k, v)
        })
        .collect();
    t_args(lang, &error_key(p.code), &args)
}

/// A translator bound to one language, handed to templates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tr(pub Lang);

impl Tr {
    pub fn lang(&self) -> Lang {
        self.0
    }

    pub fn t(&self, key: &str) -> String {
        t(self.0, key)
    }

    /// A message with one named argument.
    pub fn t2<'a>(
        &self,
        key: &str,
        name: &str,
        value: impl Into<Value<'a>>,
        name2: &str,
        value2: impl Into<Value<'a>>,
    ) -> String {
        t_args(self.0, key, &[(name, value.into()), (name2, value2.into())])
    }

    pub fn t1<'a>(&self, key: &str, name: &str, value: impl Into<Value<'a>>) -> String {
        t_args(self.0, key, &[(name, value.into())])
    }

    /// A message with a `count` argument, for plural forms.
    pub fn n(&self, key: &str, count: impl Into<Value<'static>>) -> String {
        t_args(self.0, key, &[("count", count.into())])
    }

    pub fn problem(&self, p: &Problem) -> String {
        problem(self.0, p)
    }

    /// The name of a role.
    pub fn role(&self, r: impl Val<Role>) -> String {
        self.t(&enum_key("role", r.val().as_str()))
    }

    /// The name of a learner category.
    pub fn category(&self, c: impl Val<LearnerCategory>) -> String {
        self.t(&enum_key("category", c.val().as_str()))
    }

    /// The name of a kind of organisation.
    pub fn org_kind(&self, k: impl Val<OrgKind>) -> String {
        self.t(&enum_key("org-kind", k.val().as_str()))
    }

    /// The name of a stored enum-like value, under the key `<prefix>-<value>`.
    pub fn named(&self, prefix: &str, value: &str) -> String {
        self.t(&enum_key(prefix, value))
    }
}

/// The key of an enum value's name: `role-institution-head` for `institution_head`.
pub fn enum_key(prefix: &str, value: &str) -> String {
    format!("{prefix}-{}", value.replace('_', "-"))
}

/// Every key that is built from an enum value rather than written out, for the locale tests.
pub fn enum_keys() -> Vec<String> {
    let mut out = Vec::new();
    out.extend(Role::ALL.iter().map(|r| enum_key("role", r.as_str())));
    out.extend(
        LearnerCategory::ALL
            .iter()
            .map(|c| enum_key("category", c.as_str())),
    );
    out.extend(
        OrgKind::ALL
            .iter()
            .map(|k| enum_key("org-kind", k.as_str())),
    );
    out.extend(
        ["pending", "sending", "sent", "failed"]
            .iter()
            .map(|s| enum_key("outbox-status", s)),
    );
    out.extend(Format::ALL.iter().map(|f| enum_key("format", f.as_str())));
    out.extend(Licence::ALL.iter().map(|f| enum_key("licence", f.as_str())));
    out.extend(
        VersionState::ALL
            .iter()
            .map(|f| enum_key("version-state", f.as_str())),
    );
    out.extend(
        SessionState::ALL
            .iter()
            .map(|f| enum_key("session-state", f.as_str())),
    );
    out.extend(
        ["open", "start", "finish", "close", "cancel"]
            .iter()
            .flat_map(|a| {
                [
                    enum_key("session-action", a),
                    enum_key("session-action-help", a),
                ]
            }),
    );
    out.extend(
        SessionState::ALL
            .iter()
            .map(|f| enum_key("session-state-help", f.as_str())),
    );
    out.extend(
        EnrolmentStatus::ALL
            .iter()
            .map(|f| enum_key("enrolment-status", f.as_str())),
    );
    out.extend(
        AttendanceStatus::ALL
            .iter()
            .map(|f| enum_key("attendance", f.as_str())),
    );
    out.extend(
        ["session", "recognition", "correction"]
            .iter()
            .map(|s| enum_key("ledger-source", s)),
    );
    for kind in [
        "signup-confirmed",
        "signup-waitlisted",
        "signup-pending",
        "approval-requested",
        "signup-promoted",
        "signup-promoted-pending",
        "seat-offered",
        "signup-removed",
        "signup-approved",
        "signup-declined",
        "session-cancelled",
        "training-completed",
        "hold-expired",
        "session-reminder",
    ] {
        out.push(format!("mail-{kind}-subject"));
        out.push(format!("mail-{kind}-body"));
    }
    // Notices whose names are put together in code.
    for n in [
        "signup-confirmed",
        "signup-waitlisted",
        "signup-pending-approval",
        "programme-submit",
        "programme-approve",
        "programme-return",
        "programme-publish",
        "programme-retire",
        "enrolment-cancel",
        "enrolment-accept",
        "enrolment-approve",
        "enrolment-decline",
        "enrolment-remove",
        "session-open",
        "session-start",
        "session-finish",
        "session-close",
        "session-cancel",
    ] {
        out.push(format!("notice-{n}"));
    }
    out
}
