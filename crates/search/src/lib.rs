//! Full-text search over the published catalogue, in Hungarian, Polish, Russian and English.
//!
//! Each programme is indexed once with its title and text in every language it has: once
//! through that language's stemmer (so "képzések" finds "képzés", "szkoleniach" finds
//! "szkolenie", "преподавателей" finds "преподаватель") and once unstemmed and folded to plain
//! letters (so exact words rank higher and "kepzes" still finds "képzés"). Longer words also
//! match with one typing mistake, and the last word matches as a prefix while someone types.
//!
//! tantivy only matches text. Filters, facet counts, sorting and paging run over a compact
//! in-memory record of every programme, so a search needs no database round trip. The index
//! lives in memory and is rebuilt from the database at start; the application keeps it
//! current through [`Catalog::upsert`] and [`Catalog::remove`].

mod polish;
mod records;

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Arc, Mutex, RwLock};

use chrono::{DateTime, NaiveDate, Utc};
use guildhall_domain::catalog::Format;
use guildhall_domain::identity::LearnerCategory;
use guildhall_domain::{Lang, Localized};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::indexer::{LogMergePolicy, NoMergePolicy};
use tantivy::query::{
    BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query as TantivyQuery, TermQuery,
};
use tantivy::schema::{
    FAST, Field, IndexRecordOption, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer,
    Stemmer, TextAnalyzer,
};
use tantivy::{
    DocId, Index, IndexReader, IndexWriter, ReloadPolicy, Score, SegmentReader, TantivyDocument,
    Term,
};
use uuid::Uuid;

pub use polish::PolishStemmer;
use records::Records;

#[derive(Debug, thiserror::Error)]
#[error("search index: {0}")]
pub struct Error(#[from] tantivy::TantivyError);

pub type Result<T> = std::result::Result<T, Error>;

/// What the catalogue shows of a programme in a list of results.
#[derive(Clone, Debug)]
pub struct Doc {
    pub programme: Uuid,
    pub version: Uuid,
    pub version_no: i32,
    pub code: String,
    pub title: Localized,
    pub summary: Localized,
    pub hours: i32,
    pub format: Format,
    pub lang: Lang,
    pub competences: Vec<Uuid>,
    pub areas: Vec<Uuid>,
    pub regions: Vec<Uuid>,
    pub categories: Vec<LearnerCategory>,
    pub provider: Uuid,
    pub provider_name: Localized,
    pub published_at: DateTime<Utc>,
    pub release: Option<Uuid>,
}

/// A programme to index: what is shown, and the longer text that is only searched.
#[derive(Clone, Debug)]
pub struct Entry {
    pub doc: Doc,
    pub body: Localized,
}

/// Filters: within one kind, any of the values; across kinds, all of them.
#[derive(Clone, Debug, Default)]
pub struct Filters {
    pub competences: Vec<Uuid>,
    pub areas: Vec<Uuid>,
    pub formats: Vec<Format>,
    pub regions: Vec<Uuid>,
    pub categories: Vec<LearnerCategory>,
    pub langs: Vec<Lang>,
    pub hours_min: Option<i32>,
    pub hours_max: Option<i32>,
    /// Only programmes with an open session in a window (and with a free seat, if asked).
    pub sessions: Option<SessionWindow>,
}

/// A hasher for ids the platform generated: they need mixing, not protection from chosen
/// keys, and a filter looks up one per programme on every search.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for c in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..c.len()].copy_from_slice(c);
            self.write_u64(u64::from_le_bytes(b));
        }
    }

    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn write_usize(&mut self, x: usize) {
        self.write_u64(x as u64);
    }

    /// The state's high bits folded into the low ones the table's buckets use (a varying
    /// high byte would otherwise leave every key in the same bucket).
    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

/// A map keyed by generated ids, with [`IdHasher`].
type IdMap<V> = HashMap<Uuid, V, BuildHasherDefault<IdHasher>>;

/// When each programme's open sessions start and whether each has a free seat. Seats change
/// with every booking, so the schedule is not part of the index: the application reads it
/// from time to time and hands it to the queries that filter by sessions. It is laid out
/// flat, and learns the programmes' places in the index once, so that a search scans it in
/// order instead of looking every programme up.
#[derive(Debug, Default)]
pub struct Schedule {
    programmes: Vec<Uuid>,
    /// Per programme, its range in `starts`.
    spans: Vec<(u32, u32)>,
    /// Each programme's open sessions: first day, sorted, and whether a seat is free.
    starts: Vec<(NaiveDate, bool)>,
    /// The programmes' ordinals in the index (`u32::MAX` when not indexed), with the index
    /// generation they were found in.
    ords: Mutex<Option<(u64, Arc<Vec<u32>>)>>,
}

impl Schedule {
    /// The schedule of `sessions`: (programme, first day, has a free seat), in any order.
    pub fn new(sessions: impl IntoIterator<Item = (Uuid, NaiveDate, bool)>) -> Schedule {
        let mut by: IdMap<Vec<(NaiveDate, bool)>> = IdMap::default();
        for (programme, day, free) in sessions {
            by.entry(programme).or_default().push((day, free));
        }
        let mut out = Schedule::default();
        for (programme, mut v) in by {
            v.sort_unstable();
            let from = out.starts.len() as u32;
            out.starts.extend(v);
            out.programmes.push(programme);
            out.spans.push((from, out.starts.len() as u32));
        }
        out
    }

    /// Programmes with an open session.
    pub fn programmes(&self) -> usize {
        self.programmes.len()
    }

    /// Programmes with a free seat in an open session.
    pub fn with_free_seats(&self) -> usize {
        self.spans
            .iter()
            .filter(|(a, b)| {
                self.starts[*a as usize..*b as usize]
                    .iter()
                    .any(|(_, f)| *f)
            })
            .count()
    }

    /// Whether the `i`th programme has an open session starting within the window, with a
    /// free seat when the window asks for one.
    fn admits(&self, i: usize, w: &SessionWindow) -> bool {
        let (a, b) = self.spans[i];
        let v = &self.starts[a as usize..b as usize];
        let first = w.from.map_or(0, |d| v.partition_point(|(s, _)| *s < d));
        v[first..]
            .iter()
            .take_while(|(s, _)| w.to.is_none_or(|t| *s <= t))
            .any(|(_, f)| !w.free || *f)
    }

    /// The ordinals of the programmes, found in `records` once per index generation.
    fn ords(&self, records: &Records) -> Arc<Vec<u32>> {
        let mut cached = self.ords.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((g, ords)) = cached.as_ref()
            && *g == records.generation()
        {
            return ords.clone();
        }
        let ords = Arc::new(
            self.programmes
                .iter()
                .map(|p| records.ord_of(p).unwrap_or(u32::MAX))
                .collect::<Vec<u32>>(),
        );
        *cached = Some((records.generation(), ords.clone()));
        ords
    }

    /// Each ordinal the window admits, handed to `set`.
    pub(crate) fn admitted(&self, records: &Records, w: &SessionWindow, mut set: impl FnMut(u32)) {
        let ords = self.ords(records);
        for (i, ord) in ords.iter().enumerate() {
            if *ord != u32::MAX && self.admits(i, w) {
                set(*ord);
            }
        }
    }
}

/// The sessions filter: programmes of `schedule` with an open session starting within
/// `from..=to`, and with a free seat when `free`.
#[derive(Clone, Debug)]
pub struct SessionWindow {
    pub schedule: Arc<Schedule>,
    pub free: bool,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// Best match first; by title when there is no text to match.
    #[default]
    Relevance,
    Title,
    Newest,
    HoursAsc,
    HoursDesc,
}

#[derive(Clone, Debug, Default)]
pub struct Query {
    pub text: String,
    pub filters: Filters,
    pub sort: Sort,
    /// The reader's language, for sorting by title.
    pub lang: Option<Lang>,
    pub offset: usize,
    pub limit: usize,
}

/// How many results each filter value would give, the other filters applied.
#[derive(Clone, Debug, Default)]
pub struct Facets {
    pub competences: Vec<(Uuid, usize)>,
    pub areas: Vec<(Uuid, usize)>,
    pub formats: Vec<(Format, usize)>,
    pub regions: Vec<(Uuid, usize)>,
    pub categories: Vec<(LearnerCategory, usize)>,
    pub langs: Vec<(Lang, usize)>,
}

#[derive(Clone, Debug)]
pub struct Hit {
    pub doc: Arc<Doc>,
    pub score: f32,
}

#[derive(Clone, Debug, Default)]
pub struct Results {
    pub hits: Vec<Hit>,
    pub total: usize,
    pub facets: Facets,
}

struct Fields {
    programme: Field,
    ord: Field,
    code: Field,
    title: [Field; 4],
    body: [Field; 4],
    title_raw: Field,
    body_raw: Field,
}

/// The searchable catalogue.
pub struct Catalog {
    index: Index,
    reader: IndexReader,
    writer: Mutex<IndexWriter>,
    fields: Fields,
    state: RwLock<Records>,
}

fn lang_index(l: Lang) -> usize {
    Lang::ALL.iter().position(|x| *x == l).unwrap_or(3)
}

fn analyzer(lang: Option<Lang>) -> TextAnalyzer {
    let base = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(48))
        .filter(LowerCaser);
    match lang {
        Some(Lang::Hu) => base.filter(Stemmer::new(Language::Hungarian)).build(),
        Some(Lang::Ru) => base.filter(Stemmer::new(Language::Russian)).build(),
        Some(Lang::En) => base.filter(Stemmer::new(Language::English)).build(),
        Some(Lang::Pl) => base.filter(PolishStemmer).build(),
        None => base.filter(AsciiFoldingFilter).build(),
    }
}

fn text_field(tokenizer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(IndexRecordOption::WithFreqs),
    )
}

/// Gathers every matching document's ordinal and score.
struct AllMatches;

struct SegmentMatches {
    ords: tantivy::columnar::Column<u64>,
    out: Vec<(u32, Score)>,
}

impl Collector for AllMatches {
    type Fruit = Vec<(u32, Score)>;
    type Child = SegmentMatches;

    fn for_segment(
        &self,
        _segment: u32,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentMatches> {
        Ok(SegmentMatches {
            ords: reader.fast_fields().u64("ord")?,
            out: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Vec<(u32, Score)>>) -> tantivy::Result<Vec<(u32, Score)>> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl SegmentCollector for SegmentMatches {
    type Fruit = Vec<(u32, Score)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        if let Some(ord) = self.ords.first(doc) {
            self.out.push((ord as u32, score));
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.out
    }
}

impl Catalog {
    pub fn new() -> Result<Catalog> {
        let mut sb = Schema::builder();
        let programme = sb.add_text_field("programme", STRING);
        let ord = sb.add_u64_field("ord", FAST);
        let code = sb.add_text_field("code", text_field("gh_code"));
        let title = Lang::ALL
            .map(|l| sb.add_text_field(&format!("title_{l}"), text_field(&format!("gh_{l}"))));
        let body = Lang::ALL
            .map(|l| sb.add_text_field(&format!("body_{l}"), text_field(&format!("gh_{l}"))));
        let title_raw = sb.add_text_field("title_raw", text_field("gh_raw"));
        let body_raw = sb.add_text_field("body_raw", text_field("gh_raw"));
        let index = Index::create_in_ram(sb.build());
        for l in Lang::ALL {
            index
                .tokenizers()
                .register(&format!("gh_{l}"), analyzer(Some(l)));
        }
        index.tokenizers().register("gh_raw", analyzer(None));
        index.tokenizers().register(
            "gh_code",
            TextAnalyzer::builder(RawTokenizer::default())
                .filter(LowerCaser)
                .build(),
        );
        let writer = index.writer_with_num_threads(1, 15_000_000)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Catalog {
            index,
            reader,
            writer: Mutex::new(writer),
            fields: Fields {
                programme,
                ord,
                code,
                title,
                body,
                title_raw,
                body_raw,
            },
            state: RwLock::new(Records::default()),
        })
    }

    /// How many programmes are searchable.
    pub fn len(&self) -> usize {
        self.state.read().map(|s| s.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, programme: Uuid) -> Option<Arc<Doc>> {
        self.state.read().ok()?.get(programme)
    }

    /// Every searchable programme (for "what is new" lists and similar).
    pub fn all(&self) -> Vec<Arc<Doc>> {
        self.state.read().map(|s| s.all()).unwrap_or_default()
    }

    /// Replaces everything with `entries`.
    pub fn replace_all(&self, entries: Vec<Entry>) -> Result<()> {
        let mut writer = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        writer.delete_all_documents()?;
        self.state
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
        self.add_entries(&writer, entries)?;
        writer.commit()?;
        self.reader.reload()?;
        self.reindex();
        Ok(())
    }

    fn reindex(&self) {
        self.state
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .reindex();
    }

    /// Empties the index, to be filled again with [`Catalog::append`] and made searchable
    /// with [`Catalog::finish`] (a rebuild that never holds the whole catalogue in memory).
    pub fn clear(&self) -> Result<()> {
        let mut writer = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        // No merging while the index fills; `finish` merges once.
        writer.set_merge_policy(Box::new(NoMergePolicy));
        writer.delete_all_documents()?;
        writer.commit()?;
        self.state
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
        Ok(())
    }

    /// Adds programmes that are not in the index yet.
    pub fn append(&self, entries: Vec<Entry>) -> Result<()> {
        let mut writer = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        self.add_entries(&writer, entries)?;
        writer.commit()?;
        Ok(())
    }

    /// Makes what was appended searchable.
    pub fn finish(&self) -> Result<()> {
        {
            let mut writer = self.writer.lock().unwrap_or_else(|e| e.into_inner());
            // One segment: the fastest to search, and nothing left to merge while serving.
            let segments = self.index.searchable_segment_ids()?;
            if segments.len() > 1 {
                writer.merge(&segments).wait()?;
            }
            writer.set_merge_policy(Box::new(LogMergePolicy::default()));
        }
        self.reader.reload()?;
        self.reindex();
        Ok(())
    }

    /// Adds or replaces these programmes.
    pub fn upsert(&self, entries: Vec<Entry>) -> Result<()> {
        if entries.is_empty() {
            return Ok(());
        }
        let mut writer = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        for e in &entries {
            self.forget(&writer, e.doc.programme);
        }
        self.add_entries(&writer, entries)?;
        writer.commit()?;
        self.reader.reload()?;
        self.reindex();
        Ok(())
    }

    /// Removes these programmes (retired, or no longer published).
    pub fn remove(&self, programmes: &[Uuid]) -> Result<()> {
        if programmes.is_empty() {
            return Ok(());
        }
        let mut writer = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        for p in programmes {
            self.forget(&writer, *p);
        }
        writer.commit()?;
        self.reader.reload()?;
        self.reindex();
        Ok(())
    }

    fn forget(&self, writer: &IndexWriter, programme: Uuid) {
        writer.delete_term(Term::from_field_text(
            self.fields.programme,
            &programme.to_string(),
        ));
        self.state
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .forget(programme);
    }

    fn add_entries(&self, writer: &IndexWriter, entries: Vec<Entry>) -> Result<()> {
        let f = &self.fields;
        let mut s = self.state.write().unwrap_or_else(|e| e.into_inner());
        for e in entries {
            let ord = s.next_ord();
            let mut d = TantivyDocument::new();
            d.add_text(f.programme, e.doc.programme.to_string());
            d.add_u64(f.ord, u64::from(ord));
            d.add_text(f.code, &e.doc.code);
            for (lang, text) in e.doc.title.iter() {
                d.add_text(f.title[lang_index(lang)], text);
                d.add_text(f.title_raw, text);
            }
            for (lang, text) in e.body.iter() {
                d.add_text(f.body[lang_index(lang)], text);
                d.add_text(f.body_raw, text);
            }
            writer.add_document(d)?;
            s.push(e.doc);
        }
        Ok(())
    }

    /// The terms `text` becomes in `field`.
    fn terms(&self, field: Field, text: &str) -> Vec<Term> {
        let Ok(mut analyzer) = self.index.tokenizer_for_field(field) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            out.push(Term::from_field_text(field, &stream.token().text));
        }
        out
    }

    fn text_query(
        &self,
        searcher: &tantivy::Searcher,
        text: &str,
    ) -> Option<Box<dyn TantivyQuery>> {
        let f = &self.fields;
        let words: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(12)
            .collect();
        if words.is_empty() {
            return None;
        }
        let boosted = |q: Box<dyn TantivyQuery>, b: f32| -> (Occur, Box<dyn TantivyQuery>) {
            (Occur::Should, Box::new(BoostQuery::new(q, b)))
        };
        let known = |t: &Term| searcher.doc_freq(t).is_ok_and(|n| n > 0);
        let mut musts: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
        for (i, word) in words.iter().enumerate() {
            let mut shoulds = Vec::new();
            // A word found as typed (in any language's stemmed form or unstemmed) is not a
            // typo; only unknown words are also matched with one mistake.
            let mut found = false;
            for li in 0..4 {
                for (field, boost) in [(f.title[li], 3.0), (f.body[li], 1.0)] {
                    for t in self.terms(field, word) {
                        found = found || known(&t);
                        shoulds.push(boosted(
                            Box::new(TermQuery::new(t, IndexRecordOption::WithFreqs)),
                            boost,
                        ));
                    }
                }
            }
            let raw: Vec<(Term, f32, bool)> = [(f.title_raw, 3.5, true), (f.body_raw, 1.2, false)]
                .into_iter()
                .flat_map(|(field, boost, title)| {
                    self.terms(field, word)
                        .into_iter()
                        .map(move |t| (t, boost, title))
                })
                .collect();
            found = found || raw.iter().any(|(t, _, _)| known(t));
            let last = i + 1 == words.len();
            let len = word.chars().count();
            for (t, boost, title) in raw {
                shoulds.push(boosted(
                    Box::new(TermQuery::new(t.clone(), IndexRecordOption::WithFreqs)),
                    boost,
                ));
                if len >= 5 && !found {
                    shoulds.push(boosted(
                        Box::new(FuzzyTermQuery::new(t.clone(), 1, true)),
                        boost * 0.3,
                    ));
                }
                // The last word may still be being typed: it also matches the beginnings of
                // title words.
                if last && title && len >= 3 {
                    shoulds.push(boosted(
                        Box::new(FuzzyTermQuery::new_prefix(t, 0, false)),
                        boost * 0.5,
                    ));
                }
            }
            if shoulds.is_empty() {
                continue;
            }
            musts.push((Occur::Must, Box::new(BooleanQuery::new(shoulds))));
        }
        let words_query: Box<dyn TantivyQuery> = Box::new(BooleanQuery::new(musts));
        let code = text.trim().to_lowercase();
        let code_query = Box::new(BoostQuery::new(
            Box::new(TermQuery::new(
                Term::from_field_text(f.code, &code),
                IndexRecordOption::Basic,
            )),
            10.0,
        ));
        Some(Box::new(BooleanQuery::new(vec![
            (Occur::Should, words_query),
            (Occur::Should, code_query),
        ])))
    }

    /// Searches the catalogue.
    pub fn search(&self, q: &Query) -> Result<Results> {
        let searcher = self.reader.searcher();
        let matched: Option<Vec<(u32, Score)>> = match self.text_query(&searcher, &q.text) {
            Some(query) => Some(searcher.search(&*query, &AllMatches)?),
            None => None,
        };
        let s = self.state.read().unwrap_or_else(|e| e.into_inner());
        Ok(s.select(matched, q))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ids that differ only in a few bytes, as generated data sets have, still spread over
    /// the buckets.
    #[test]
    fn ids_that_differ_in_one_byte_spread() {
        use std::hash::BuildHasher;
        let b = BuildHasherDefault::<IdHasher>::default();
        let mut low: Vec<u64> = (0..256u128)
            .map(|n| b.hash_one(Uuid::from_u128(n << 120)) & 0xff)
            .collect();
        low.sort_unstable();
        low.dedup();
        assert!(low.len() > 128, "{} distinct low bytes of 256", low.len());
    }
}
