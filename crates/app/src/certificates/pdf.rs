//! The certificate as a PDF, typeset with typst.
//!
//! The document is generated as typst source in which every value from the database is a
//! string literal, escaped, so nothing a person typed can become markup or code. Fonts are
//! typst's bundled ones (Libertinus Serif: Latin with Hungarian and Polish letters, and
//! Cyrillic), loaded once; nothing is read from the system or the network.

use std::sync::{Arc, OnceLock};

use guildhall_domain::Lang;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::layout::PagedDocument;
use typst::syntax::{FileId, Source, VirtualPath};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use super::CertificateView;
use crate::ledger::format_hours;

/// The fonts and standard library, made once per process.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

fn shared() -> &'static Arc<Shared> {
    static SHARED: OnceLock<Arc<Shared>> = OnceLock::new();
    SHARED.get_or_init(|| {
        let fonts: Vec<Font> = typst_assets::fonts()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        let mut book = FontBook::new();
        for f in &fonts {
            book.push(f.info().clone());
        }
        Arc::new(Shared {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(book),
            fonts,
        })
    })
}

/// One document to typeset: the main source and the QR code image.
struct CertificateWorld {
    shared: Arc<Shared>,
    main: Source,
    qr_id: FileId,
    qr: Bytes,
}

impl World for CertificateWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.shared.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotFound(id.vpath().as_rootless_path().into()))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.qr_id {
            Ok(self.qr.clone())
        } else {
            Err(FileError::NotFound(id.vpath().as_rootless_path().into()))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<i64>) -> Option<Datetime> {
        None
    }
}

/// A typst string literal holding `s`.
fn lit(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn date(lang: Lang, d: chrono::NaiveDate) -> String {
    let f = match lang {
        Lang::Hu => "%Y. %m. %d.",
        Lang::Pl | Lang::Ru => "%d.%m.%Y",
        Lang::En => "%Y-%m-%d",
    };
    d.format(f).to_string()
}

/// The typst source of a certificate in `lang`.
fn source(c: &CertificateView, lang: Lang, verify_url: &str, issuer: &str) -> String {
    let t = |k: &str| guildhall_i18n::t(lang, k);
    let competences: Vec<String> = c
        .competences
        .iter()
        .map(|(k, n)| lit(&format!("{k} — {n}")))
        .collect();
    let status_note = if c.status == "valid" {
        String::new()
    } else {
        t(&guildhall_i18n::enum_key("verify-status", &c.status))
    };
    format!(
        r##"#set document(title: {title_meta})
#set page(paper: "a4", margin: (x: 2.2cm, y: 2.4cm))
#set text(font: "Libertinus Serif", size: 11pt, lang: {lang})
#let competences = ({competences})
#align(center)[
  #text(size: 12pt, tracking: 0.2em, upper({issuer}))
  #v(1.6cm)
  #text(size: 30pt, weight: "bold", {heading})
  #v(0.8cm)
  #text(size: 12pt, {certifies})
  #v(0.3cm)
  #text(size: 22pt, weight: "semibold", {holder})
  #v(0.5cm)
  #text(size: 12pt, {completed})
  #v(0.3cm)
  #text(size: 17pt, style: "italic", {title})
  #v(0.2cm)
  #text(size: 11pt, {code_version})
]
#v(0.8cm)
#grid(columns: (auto, 1fr), row-gutter: 0.6em, column-gutter: 1.2em,
  strong({l_hours}), {hours},
  strong({l_dates}), {dates},
  strong({l_provider}), {provider},
  strong({l_serial}), {serial},
  strong({l_code}), {code},
)
#if competences.len() > 0 [
  #v(0.6cm)
  #strong({l_competences})
  #list(..competences.map(c => [#c]))
]
#if {status_note} != "" [
  #v(0.4cm)
  #text(fill: rgb("#a00000"), weight: "bold", {status_note})
]
#place(bottom + right, dx: 0cm, dy: 0cm)[
  #align(center)[
    #image("qr.svg", width: 3.2cm)
    #text(size: 8pt, {verify_at})
    #linebreak()
    #text(size: 8pt, {verify_url})
  ]
]
"##,
        title_meta = lit(&format!("{} — {}", t("pdf-heading"), c.title)),
        lang = lit(lang.code()),
        issuer = lit(issuer),
        heading = lit(&t("pdf-heading")),
        certifies = lit(&t("pdf-certifies")),
        holder = lit(&c.person_name),
        completed = lit(&t("pdf-completed")),
        title = lit(&c.title),
        code_version = lit(&format!(
            "{} · {}",
            c.programme_code,
            guildhall_i18n::Tr(lang).t1("verify-version", "n", c.version)
        )),
        l_hours = lit(&t("field-hours")),
        hours = lit(&format_hours(i64::from(c.minutes))),
        l_dates = lit(&t("verify-completed")),
        dates = lit(&date(lang, c.completed_on)),
        l_provider = lit(&t("verify-provider")),
        provider = lit(&c.provider),
        l_serial = lit(&t("verify-serial")),
        serial = lit(&c.serial),
        l_code = lit(&t("verify-code")),
        code = lit(&c.code),
        l_competences = lit(&t("field-competences")),
        competences = if competences.is_empty() {
            String::new()
        } else {
            format!("{},", competences.join(", "))
        },
        status_note = lit(&status_note),
        verify_at = lit(&t("pdf-verify-at")),
        verify_url = lit(verify_url),
    )
}

fn first_error(errs: &[typst::diag::SourceDiagnostic]) -> String {
    errs.first()
        .map(|e| e.message.to_string())
        .unwrap_or_default()
}

/// Lays a certificate out.
fn typeset(
    c: &CertificateView,
    lang: Lang,
    verify_url: &str,
    issuer: &str,
    qr_svg: &str,
) -> Result<PagedDocument, String> {
    let main = Source::new(
        FileId::new(None, VirtualPath::new("certificate.typ")),
        source(c, lang, verify_url, issuer),
    );
    let world = CertificateWorld {
        shared: shared().clone(),
        main,
        qr_id: FileId::new(None, VirtualPath::new("qr.svg")),
        qr: Bytes::new(qr_svg.as_bytes().to_vec()),
    };
    typst::compile(&world).output.map_err(|e| first_error(&e))
}

/// Typesets a certificate; the PDF's bytes, or the compiler's first complaint.
pub fn render(
    c: &CertificateView,
    lang: Lang,
    verify_url: &str,
    issuer: &str,
    qr_svg: &str,
) -> Result<Vec<u8>, String> {
    let doc = typeset(c, lang, verify_url, issuer, qr_svg)?;
    typst_pdf::pdf(&doc, &typst_pdf::PdfOptions::default()).map_err(|e| first_error(&e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use typst::layout::{Frame, FrameItem};

    /// Every glyph laid out, as (text, glyph id); id 0 is the font's "missing glyph" box.
    fn glyphs(frame: &Frame, out: &mut Vec<(String, u16)>) {
        for (_, item) in frame.items() {
            match item {
                FrameItem::Group(g) => glyphs(&g.frame, out),
                FrameItem::Text(t) => {
                    for g in &t.glyphs {
                        out.push((t.text.to_string(), g.id));
                    }
                }
                _ => {}
            }
        }
    }

    fn sample(name: &str, title: &str, lang: Lang) -> CertificateView {
        CertificateView {
            id: uuid::Uuid::nil(),
            code: "7KX4P-M2QRT".into(),
            serial: "GH-0000042".into(),
            status: "valid".into(),
            person_name: name.into(),
            programme: uuid::Uuid::nil(),
            programme_code: "HU-DIG-001".into(),
            title: title.into(),
            version: 2,
            minutes: 1800,
            completed_on: chrono::NaiveDate::from_ymd_opt(2026, 10, 9).unwrap_or_default(),
            issued_at: chrono::Utc::now(),
            provider: "Képző \"Központ\" #set [x]".into(),
            competences: vec![("DIGCOMPEDU:2.3".into(), "Цифровые ресурсы".into())],
            language: lang,
            revoked_at: None,
            reason: None,
            replaced_by: None,
        }
    }

    #[test]
    fn hungarian_polish_and_cyrillic_letters_have_glyphs() {
        let cases = [
            ("Őri Ülőke Gyűrű", "Árvíztűrő tükörfúrógép", Lang::Hu),
            ("Zażółć Gęślą Jaźń", "Łódź — szkolenie branżowe", Lang::Pl),
            (
                "Щёголев Юрий Эдуардович",
                "Цифровая грамотность педагога",
                Lang::Ru,
            ),
        ];
        let qr = super::super::qr_svg("https://guildhall.example/verify/7KX4P-M2QRT");
        for (name, title, lang) in cases {
            let doc = typeset(
                &sample(name, title, lang),
                lang,
                "https://x/verify/7KX4P-M2QRT",
                "Issuer",
                &qr,
            )
            .unwrap_or_else(|e| panic!("{lang:?}: {e}"));
            assert_eq!(doc.pages.len(), 1, "one page");
            let mut all = Vec::new();
            glyphs(&doc.pages[0].frame, &mut all);
            let missing: Vec<&(String, u16)> = all.iter().filter(|(_, id)| *id == 0).collect();
            assert!(missing.is_empty(), "{lang:?}: no glyph for {missing:?}");
            let text: String = all
                .iter()
                .map(|(t, _)| t.as_str())
                .collect::<Vec<_>>()
                .join("");
            assert!(
                text.contains(name.split(' ').next().unwrap_or_default()),
                "{lang:?}: {text}"
            );
            // Values stay text: quotes and markup in a name are printed, not run.
            assert!(text.contains("#set"), "{text}");
            let pdf = render(
                &sample(name, title, lang),
                lang,
                "https://x/v",
                "Issuer",
                &qr,
            )
            .unwrap_or_else(|e| panic!("{e}"));
            assert!(pdf.starts_with(b"%PDF-"));
        }
    }

    #[test]
    fn values_cannot_escape_their_string() {
        assert_eq!(lit(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(lit("#set page(width: 1pt)"), "\"#set page(width: 1pt)\"");
        assert_eq!(lit("line\nbreak"), "\"line\\nbreak\"");
    }
}
