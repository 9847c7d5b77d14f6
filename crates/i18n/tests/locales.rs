//! Every key exists in every language; every key the code and templates use exists; Polish
//! and Russian plurals have their one/few/many forms.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use fluent_syntax::ast;
use guildhall_i18n::{Lang, sources};

fn ids(lang: Lang) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (name, src) in sources(lang) {
        let res = fluent_syntax::parser::parse(src)
            .unwrap_or_else(|(_, errs)| panic!("{lang}/{name}.ftl does not parse: {errs:?}"));
        for entry in res.body {
            if let ast::Entry::Message(m) = entry {
                assert!(
                    out.insert(m.id.name.to_owned()),
                    "{lang}: key {} defined twice",
                    m.id.name
                );
            }
        }
    }
    out
}

#[test]
fn every_language_has_every_key() {
    let en = ids(Lang::En);
    assert!(en.len() > 50, "the English catalogue looks empty");
    let mut report = Vec::new();
    for lang in Lang::ALL {
        let other = ids(lang);
        for k in en.difference(&other) {
            report.push(format!("{lang} lacks {k}"));
        }
        for k in other.difference(&en) {
            report.push(format!("{lang} has {k}, English does not"));
        }
    }
    assert!(report.is_empty(), "{}", report.join("\n"));
}

fn files(dir: &Path, exts: &[&str], out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            if p.file_name().is_some_and(|n| n == "target" || n == "tests") {
                continue;
            }
            files(&p, exts, out);
        } else if p.extension().is_some_and(|x| exts.iter().any(|e| x == *e)) {
            out.push(p);
        }
    }
}

/// String literals passed to calls named `call`, e.g. `Problem::new("code")`; `nth` picks the
/// first or a later literal argument.
fn literals_after(text: &str, call: &str, nth: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(call) {
        rest = &rest[i + call.len()..];
        let mut args = rest.trim_start();
        let mut found = None;
        for k in 0..=nth {
            if k > 0 {
                // The next argument must follow the previous literal directly.
                let Some(a) = args.trim_start().strip_prefix(',') else {
                    break;
                };
                args = a.trim_start();
            }
            let Some(after) = args.strip_prefix('"') else {
                break;
            };
            let Some(end) = after.find('"') else { break };
            if k == nth {
                found = Some(after[..end].to_owned());
            }
            args = &after[end + 1..];
        }
        if let Some(lit) = found
            && !lit.is_empty()
            && lit
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            out.push(lit);
        }
    }
    out
}

/// Every string literal in Rust source that looks like a translation key (kebab case with
/// at least one hyphen).
fn kebab_literals(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, part) in text.split('"').enumerate() {
        if i % 2 == 1
            && part.contains('-')
            && part.starts_with(|c: char| c.is_ascii_lowercase())
            && !part.ends_with('-')
            && part
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            out.push(part.to_owned());
        }
    }
    out
}

/// The `x` of every `notice=x` in a redirect target.
fn notices(text: &str) -> Vec<String> {
    text.match_indices("notice=")
        .map(|(i, m)| {
            text[i + m.len()..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '-')
                .collect::<String>()
        })
        .filter(|n| !n.is_empty() && !n.ends_with('-'))
        .collect()
}

/// Literals in Rust source that look like keys but are not (HTTP headers and the like).
const NOT_KEYS: &[&str] = &[
    "content-security-policy",
    "x-content-type-options",
    "referrer-policy",
    "x-frame-options",
    "sec-fetch-site",
    "x-csrf-token",
    "x-forwarded-for",
    "x-sql-statements",
    "same-origin",
    "new-password",
    "current-password",
    "cross-site",
    "idempotency-key",
    "ledger-source",
    "verify-reason",
    "verify-status",
    "no-store",
    "outbox-status",
    "role-",
    "category-",
    "org-kind",
    "gh-",
    "guildhall-demo-2026",
    "csrf-token",
    "x-request-id",
];

#[test]
fn every_key_in_use_is_defined() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .expect("the crates folder");
    let mut paths = Vec::new();
    files(&root, &["rs", "html"], &mut paths);
    assert!(
        paths.len() > 10,
        "found too few sources under {}",
        root.display()
    );
    let en = ids(Lang::En);
    let mut missing = BTreeSet::new();
    let mut check = |key: String, from: &Path| {
        if !en.contains(&key) {
            missing.insert(format!("{key} (from {})", from.display()));
        }
    };
    for p in paths {
        let text = std::fs::read_to_string(&p).unwrap_or_default();
        let is_rs = p.extension().is_some_and(|e| e == "rs");
        // The translation crate itself and the test kit hold no interface text.
        let in_i18n = p
            .strip_prefix(&root)
            .is_ok_and(|r| r.starts_with("i18n") || r.starts_with("testkit"));
        for code in literals_after(&text, "Problem::new(", 0)
            .into_iter()
            .chain(literals_after(&text, "Error::conflict(", 0))
            .chain(literals_after(&text, "Error::refused(", 0))
            .chain(literals_after(&text, "Error::invalid_field(", 1))
        {
            check(guildhall_i18n::error_key(&code), &p);
        }
        for call in [".t(", ".n(", ".t1("] {
            for key in literals_after(&text, call, 0) {
                if key.contains('-') {
                    check(key, &p);
                }
            }
        }
        if is_rs && !in_i18n {
            for key in kebab_literals(&text) {
                let not_a_key = NOT_KEYS
                    .iter()
                    .any(|n| key == *n || (n.ends_with('-') && key.starts_with(n)))
                    || key.starts_with("guildhall-");
                // Notices are named without their `notice-` prefix in code, and notification
                // kinds by the name of their mail.
                if !not_a_key
                    && !en.contains(&format!("notice-{key}"))
                    && !en.contains(&format!("mail-{key}-subject"))
                {
                    check(key, &p);
                }
            }
            for notice in notices(&text) {
                check(format!("notice-{notice}"), &p);
            }
        }
    }
    assert!(
        missing.is_empty(),
        "keys used but not defined:\n{}",
        missing.into_iter().collect::<Vec<_>>().join("\n")
    );
}

fn count_selectors<'a>(pattern: &'a ast::Pattern<&'a str>, found: &mut Vec<BTreeSet<String>>) {
    for el in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = el
            && let ast::Expression::Select { selector, variants } = expression
        {
            if let ast::InlineExpression::VariableReference { id } = selector
                && id.name == "count"
            {
                found.push(
                    variants
                        .iter()
                        .map(|v| match &v.key {
                            ast::VariantKey::Identifier { name } => (*name).to_owned(),
                            ast::VariantKey::NumberLiteral { value } => (*value).to_owned(),
                        })
                        .collect(),
                );
            }
            for v in variants {
                count_selectors(&v.value, found);
            }
        }
    }
}

#[test]
fn slavic_plurals_have_all_forms() {
    for lang in [Lang::Pl, Lang::Ru] {
        for (name, src) in sources(lang) {
            let res = fluent_syntax::parser::parse(src).unwrap_or_else(|(r, _)| r);
            for entry in &res.body {
                if let ast::Entry::Message(m) = entry {
                    let mut found = Vec::new();
                    if let Some(v) = &m.value {
                        count_selectors(v, &mut found);
                    }
                    for variants in found {
                        for form in ["one", "few", "many"] {
                            assert!(
                                variants.contains(form),
                                "{lang}/{name}.ftl: {} lacks the `{form}` form",
                                m.id.name
                            );
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn plural_forms_follow_cldr() {
    // "people-count" is a plural message present in every language.
    let ru: Vec<String> = [1, 3, 5, 21]
        .iter()
        .map(|n| guildhall_i18n::Tr(Lang::Ru).n("people-count", *n as i64))
        .collect();
    assert!(
        ru[0].contains("человек") && ru[1].contains("человека") && ru[2].ends_with("человек"),
        "{ru:?}"
    );
    assert_eq!(
        ru[3],
        guildhall_i18n::Tr(Lang::Ru)
            .n("people-count", 1_i64)
            .replace('1', "21")
    );
    let pl: Vec<String> = [1, 3, 5, 22]
        .iter()
        .map(|n| guildhall_i18n::Tr(Lang::Pl).n("people-count", *n as i64))
        .collect();
    assert!(
        pl[0].contains("osoba")
            && pl[1].contains("osoby")
            && pl[2].contains("osób")
            && pl[3].contains("osoby"),
        "{pl:?}"
    );
}

#[test]
fn every_enum_value_has_a_name() {
    let en = ids(Lang::En);
    let missing: Vec<String> = guildhall_i18n::enum_keys()
        .into_iter()
        .filter(|k| !en.contains(k))
        .collect();
    assert!(missing.is_empty(), "names missing for {missing:?}");
}
