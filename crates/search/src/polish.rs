//! A light Polish stemmer, as a tantivy token filter.
//!
//! tantivy's stemmers cover Hungarian, Russian and English but not Polish. This one removes
//! inflectional endings rather than finding dictionary forms: it maps the case forms of a
//! noun or adjective to one stem ("szkolenie", "szkolenia", "szkoleniach", "szkoleniem" →
//! "szkolen"), which is what search needs. Rules, in order:
//!
//! 1. infinitive endings (-ować, -ać, -eć, -ić, -yć) are removed;
//! 2. a final soft consonant is written out (ć → ci, ń → ni, ś → si, ź → zi), so that
//!    "umiejętność" and "umiejętności" meet;
//! 3. the longest case ending that leaves at least three letters is removed;
//! 4. after the locative -ie, the softened consonant is hardened back (warsztacie → warsztat,
//!    ogrodzie → ogrod, moście → most);
//! 5. a softening -i left at the end of the stem goes too, so "uczniów" and "uczniom" meet.

use std::mem;

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

const INFINITIVES: [&str; 7] = ["ować", "ywać", "iwać", "ać", "eć", "ić", "yć"];

/// Case endings of nouns and adjectives, longest first.
const ENDINGS: [&str; 37] = [
    "iami", "iach", "iego", "iemu", "owie", "ami", "ach", "ego", "emu", "ych", "ich", "ymi", "imi",
    "owi", "iom", "iem", "iej", "ów", "om", "em", "ej", "ym", "im", "ią", "ie", "ię", "ia", "iu",
    "io", "a", "e", "i", "y", "u", "o", "ą", "ę",
];

const MIN_STEM: usize = 3;

fn strip<'a>(word: &'a str, suffix: &str) -> Option<&'a str> {
    let stem = word.strip_suffix(suffix)?;
    (stem.chars().count() >= MIN_STEM).then_some(stem)
}

/// The stem of a lower-cased Polish word.
pub fn stem(word: &str) -> String {
    if word.chars().count() <= MIN_STEM {
        return word.to_owned();
    }
    for inf in INFINITIVES {
        if let Some(s) = strip(word, inf) {
            return s.to_owned();
        }
    }
    let mut w = word.to_owned();
    if let Some(last) = w.chars().last() {
        let spelled = match last {
            'ć' => Some("ci"),
            'ń' => Some("ni"),
            'ś' => Some("si"),
            'ź' => Some("zi"),
            _ => None,
        };
        if let Some(sp) = spelled {
            w.truncate(w.len() - last.len_utf8());
            w.push_str(sp);
        }
    }
    for ending in ENDINGS {
        if let Some(s) = strip(&w, ending) {
            if ending == "ie" {
                for (soft, hard) in [("śc", "st"), ("dz", "d"), ("c", "t")] {
                    if let Some(base) = s.strip_suffix(soft) {
                        return format!("{base}{hard}");
                    }
                }
            }
            return drop_soft_i(s);
        }
    }
    w
}

fn drop_soft_i(stem: &str) -> String {
    match stem.strip_suffix('i') {
        Some(s) if s.chars().count() >= MIN_STEM => s.to_owned(),
        _ => stem.to_owned(),
    }
}

/// Stems lower-cased Polish tokens.
#[derive(Clone, Copy, Debug, Default)]
pub struct PolishStemmer;

impl TokenFilter for PolishStemmer {
    type Tokenizer<T: Tokenizer> = PolishStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> PolishStemmerFilter<T> {
        PolishStemmerFilter { inner: tokenizer }
    }
}

#[derive(Clone)]
pub struct PolishStemmerFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for PolishStemmerFilter<T> {
    type TokenStream<'a> = PolishStemmerStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        PolishStemmerStream {
            tail: self.inner.token_stream(text),
        }
    }
}

pub struct PolishStemmerStream<T> {
    tail: T,
}

impl<T: TokenStream> TokenStream for PolishStemmerStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        let mut stemmed = stem(&token.text);
        mem::swap(&mut token.text, &mut stemmed);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::stem;

    fn same(words: &[&str]) {
        let stems: Vec<String> = words.iter().map(|w| stem(w)).collect();
        assert!(
            stems.windows(2).all(|p| p[0] == p[1]),
            "{words:?} -> {stems:?}"
        );
    }

    #[test]
    fn case_forms_meet() {
        same(&[
            "szkolenie",
            "szkolenia",
            "szkoleniach",
            "szkoleniu",
            "szkoleniem",
            "szkoleniami",
            "szkoleniom",
            "szkoleń",
        ]);
        same(&[
            "nauczyciel",
            "nauczyciele",
            "nauczycieli",
            "nauczycielom",
            "nauczycielami",
        ]);
        same(&["umiejętność", "umiejętności", "umiejętnością"]);
        same(&[
            "warsztat",
            "warsztatu",
            "warsztacie",
            "warsztaty",
            "warsztatach",
        ]);
        same(&[
            "zawodowy",
            "zawodowego",
            "zawodowej",
            "zawodowa",
            "zawodowych",
            "zawodowym",
        ]);
        same(&["ocenianie", "oceniania", "ocenianiu"]);
        same(&["wiedza", "wiedzy", "wiedzę", "wiedzą"]);
        same(&["uczniów", "uczniowie", "uczniom"]);
        same(&["most", "moście"]);
    }

    #[test]
    fn short_words_stay() {
        assert_eq!(stem("nie"), "nie");
        assert_eq!(stem("oraz"), "oraz");
        assert_ne!(stem("kot"), "");
    }
}
