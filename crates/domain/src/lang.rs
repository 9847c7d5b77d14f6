//! The four interface languages and multilingual content.
//!
//! Interface text comes from the translation files; content that people write (names of
//! organisations, programme titles) is stored per language in a [`Localized`] value and shown
//! in the reader's language, falling back to another language rather than to nothing.

use std::fmt;

use serde::{Deserialize, Serialize};

/// An interface language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Hu,
    Pl,
    Ru,
    En,
}

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::Hu, Lang::Pl, Lang::Ru, Lang::En];

    /// The BCP 47 code, as stored and as used in URLs.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Hu => "hu",
            Lang::Pl => "pl",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    /// The language's name in itself, for the language switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Hu => "Magyar",
            Lang::Pl => "Polski",
            Lang::Ru => "Русский",
            Lang::En => "English",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        let code = code.trim();
        let primary = code.split(['-', '_']).next().unwrap_or(code);
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(primary))
    }

    /// The best supported language in an `Accept-Language` header, honouring q-values.
    pub fn negotiate(accept_language: &str) -> Option<Lang> {
        let mut best: Option<(Lang, f32)> = None;
        for part in accept_language.split(',') {
            let mut pieces = part.split(';');
            let Some(tag) = pieces.next() else { continue };
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if q <= 0.0 {
                continue;
            }
            if let Some(lang) = Lang::parse(tag)
                && best.is_none_or(|(_, bq)| q > bq)
            {
                best = Some((lang, q));
            }
        }
        best.map(|(l, _)| l)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Text written by people in up to four languages.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Localized {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hu: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pl: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ru: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl Localized {
    /// Builds a value from optional texts, treating blank text as absent.
    pub fn new(
        hu: Option<String>,
        pl: Option<String>,
        ru: Option<String>,
        en: Option<String>,
    ) -> Self {
        fn clean(s: Option<String>) -> Option<String> {
            s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
        }
        Localized {
            hu: clean(hu),
            pl: clean(pl),
            ru: clean(ru),
            en: clean(en),
        }
    }

    pub fn one(lang: Lang, text: impl Into<String>) -> Self {
        let mut l = Localized::default();
        l.set(lang, Some(text.into()));
        l
    }

    pub fn exact(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::Hu => self.hu.as_deref(),
            Lang::Pl => self.pl.as_deref(),
            Lang::Ru => self.ru.as_deref(),
            Lang::En => self.en.as_deref(),
        }
    }

    pub fn set(&mut self, lang: Lang, text: Option<String>) {
        let text = text.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
        match lang {
            Lang::Hu => self.hu = text,
            Lang::Pl => self.pl = text,
            Lang::Ru => self.ru = text,
            Lang::En => self.en = text,
        }
    }

    /// The text in `lang`, else in English, else in any language that has it.
    pub fn get(&self, lang: impl std::borrow::Borrow<Lang>) -> &str {
        let lang = *lang.borrow();
        self.exact(lang)
            .or_else(|| self.exact(Lang::En))
            .or_else(|| Lang::ALL.into_iter().find_map(|l| self.exact(l)))
            .unwrap_or("")
    }

    /// Whether the text shown in `lang` is a fallback from another language.
    pub fn is_fallback(&self, lang: Lang) -> bool {
        self.exact(lang).is_none() && !self.is_empty()
    }

    pub fn is_empty(&self) -> bool {
        Lang::ALL.into_iter().all(|l| self.exact(l).is_none())
    }

    pub fn iter(&self) -> impl Iterator<Item = (Lang, &str)> {
        Lang::ALL
            .into_iter()
            .filter_map(|l| self.exact(l).map(|t| (l, t)))
    }

    /// The longest text, in characters, across the languages.
    pub fn max_chars(&self) -> usize {
        self.iter()
            .map(|(_, t)| t.chars().count())
            .max()
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_by_quality() {
        assert_eq!(Lang::negotiate("de-DE,pl;q=0.8,en;q=0.9"), Some(Lang::En));
        assert_eq!(Lang::negotiate("ru-RU,ru;q=0.9"), Some(Lang::Ru));
        assert_eq!(Lang::negotiate("hu-HU"), Some(Lang::Hu));
        assert_eq!(Lang::negotiate("de, fr;q=0.5"), None);
        assert_eq!(Lang::negotiate("pl;q=0, en;q=0.1"), Some(Lang::En));
        assert_eq!(Lang::negotiate(""), None);
    }

    #[test]
    fn localized_falls_back_to_english_then_any() {
        let l = Localized::new(Some("Alma".into()), None, None, Some("Apple".into()));
        assert_eq!(l.get(Lang::Hu), "Alma");
        assert_eq!(l.get(Lang::Pl), "Apple");
        assert!(l.is_fallback(Lang::Pl));
        let only_ru = Localized::one(Lang::Ru, "Яблоко");
        assert_eq!(only_ru.get(Lang::Hu), "Яблоко");
        assert!(Localized::new(Some("  ".into()), None, None, None).is_empty());
    }
}
