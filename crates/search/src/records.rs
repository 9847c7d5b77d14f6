//! The in-memory side of the catalogue: a compact record of every programme, and for every
//! filter value the set of programmes that have it, as a bitset. A search intersects those
//! sets with what tantivy matched; facet counts are popcounts of intersections (the standard
//! disjunctive faceting: each filter's counts apply every other filter), so filtering,
//! counting, sorting and paging cost microseconds and no database round trip.

use std::collections::HashMap;
use std::sync::Arc;

use guildhall_domain::Lang;
use guildhall_domain::catalog::Format;
use guildhall_domain::identity::LearnerCategory;
use tantivy::Score;
use uuid::Uuid;

use crate::{Doc, Facets, Hit, Query, Results, Sort, lang_index};

/// A set of document ordinals.
#[derive(Clone, Debug, Default)]
struct BitSet(Vec<u64>);

impl BitSet {
    fn new(len: usize) -> BitSet {
        BitSet(vec![0; len.div_ceil(64)])
    }

    fn set(&mut self, i: u32) {
        let (w, b) = (i as usize / 64, i % 64);
        if w >= self.0.len() {
            self.0.resize(w + 1, 0);
        }
        self.0[w] |= 1 << b;
    }

    fn and_with(&mut self, other: &BitSet) {
        for (i, w) in self.0.iter_mut().enumerate() {
            *w &= other.0.get(i).copied().unwrap_or(0);
        }
    }

    fn or_with(&mut self, other: &BitSet) {
        if other.0.len() > self.0.len() {
            self.0.resize(other.0.len(), 0);
        }
        for (w, o) in self.0.iter_mut().zip(&other.0) {
            *w |= o;
        }
    }

    fn count_and(&self, other: &BitSet) -> usize {
        self.0
            .iter()
            .zip(&other.0)
            .map(|(a, b)| (a & b).count_ones() as usize)
            .sum()
    }

    fn ones(&self) -> impl Iterator<Item = u32> + '_ {
        self.0.iter().enumerate().flat_map(|(i, w)| {
            let mut w = *w;
            std::iter::from_fn(move || {
                if w == 0 {
                    return None;
                }
                let b = w.trailing_zeros();
                w &= w - 1;
                Some(i as u32 * 64 + b)
            })
        })
    }
}

/// The values of one id-valued filter (competences, areas, regions): dense numbers for the
/// ids, and the programmes having each.
#[derive(Default)]
struct Dim {
    index: HashMap<Uuid, u32>,
    ids: Vec<Uuid>,
    postings: Vec<BitSet>,
}

impl Dim {
    fn intern(&mut self, id: Uuid) -> u32 {
        if let Some(n) = self.index.get(&id) {
            return *n;
        }
        let n = self.ids.len() as u32;
        self.ids.push(id);
        self.index.insert(id, n);
        n
    }

    /// The dense numbers of `ids`; `None` when ids were asked for but none is known (so
    /// nothing can match).
    fn lookup(&self, ids: &[Uuid]) -> Option<Vec<u32>> {
        let out: Vec<u32> = ids
            .iter()
            .filter_map(|i| self.index.get(i).copied())
            .collect();
        (ids.is_empty() || !out.is_empty()).then_some(out)
    }
}

/// A programme as filters, facets and sorting see it.
struct Record {
    doc: Arc<Doc>,
    competences: Box<[u32]>,
    areas: Box<[u32]>,
    regions: Box<[u32]>,
    /// Positions in `LearnerCategory::ALL`, `Format::ALL` and `Lang::ALL`.
    categories: Box<[u32]>,
    format: u32,
    lang: u32,
}

fn position<T: PartialEq>(all: &[T], x: &T) -> u32 {
    all.iter().position(|a| a == x).unwrap_or(0) as u32
}

/// The filters, in the order facets are computed.
const COMPETENCE: usize = 0;
const AREA: usize = 1;
const FORMAT: usize = 2;
const REGION: usize = 3;
const CATEGORY: usize = 4;
const LANG: usize = 5;

/// Every indexed programme, by the ordinal tantivy knows it by.
#[derive(Default)]
pub(crate) struct Records {
    docs: Vec<Option<Record>>,
    by_programme: HashMap<Uuid, u32>,
    competences: Dim,
    areas: Dim,
    regions: Dim,
    formats: Vec<BitSet>,
    categories: Vec<BitSet>,
    langs: Vec<BitSet>,
    live: BitSet,
    /// Per language, every document's place in title order (`u32::MAX` for holes).
    title_rank: [Vec<u32>; 4],
    /// Counts changes of the documents' ordinals.
    generation: u64,
}

impl Records {
    pub fn len(&self) -> usize {
        self.by_programme.len()
    }

    /// The ordinal the next document gets.
    pub fn next_ord(&self) -> u32 {
        self.docs.len() as u32
    }

    pub fn clear(&mut self) {
        let generation = self.generation + 1;
        *self = Records {
            generation,
            ..Records::default()
        };
    }

    /// Changes whenever a programme's ordinal does.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    pub fn ord_of(&self, programme: &Uuid) -> Option<u32> {
        self.by_programme.get(programme).copied()
    }

    pub fn push(&mut self, doc: Doc) -> u32 {
        let ord = self.next_ord();
        let record = Record {
            competences: doc
                .competences
                .iter()
                .map(|c| self.competences.intern(*c))
                .collect(),
            areas: doc.areas.iter().map(|a| self.areas.intern(*a)).collect(),
            regions: doc
                .regions
                .iter()
                .map(|r| self.regions.intern(*r))
                .collect(),
            categories: doc
                .categories
                .iter()
                .map(|c| position(LearnerCategory::ALL, c))
                .collect(),
            format: position(Format::ALL, &doc.format),
            lang: lang_index(doc.lang) as u32,
            doc: Arc::new(doc),
        };
        self.by_programme.insert(record.doc.programme, ord);
        self.docs.push(Some(record));
        self.generation += 1;
        ord
    }

    pub fn forget(&mut self, programme: Uuid) {
        if let Some(slot) = self
            .by_programme
            .remove(&programme)
            .and_then(|ord| self.docs.get_mut(ord as usize))
        {
            *slot = None;
        }
        self.generation += 1;
    }

    pub fn get(&self, programme: Uuid) -> Option<Arc<Doc>> {
        let ord = *self.by_programme.get(&programme)?;
        self.doc(ord).cloned()
    }

    fn doc(&self, ord: u32) -> Option<&Arc<Doc>> {
        self.docs
            .get(ord as usize)
            .and_then(|r| r.as_ref())
            .map(|r| &r.doc)
    }

    pub fn all(&self) -> Vec<Arc<Doc>> {
        self.docs.iter().flatten().map(|r| r.doc.clone()).collect()
    }

    /// Rebuilds the sets and the title order after documents changed.
    pub fn reindex(&mut self) {
        let n = self.docs.len();
        let fresh = |k: usize| vec![BitSet::new(n); k];
        self.competences.postings = fresh(self.competences.ids.len());
        self.areas.postings = fresh(self.areas.ids.len());
        self.regions.postings = fresh(self.regions.ids.len());
        self.formats = fresh(Format::ALL.len());
        self.categories = fresh(LearnerCategory::ALL.len());
        self.langs = fresh(Lang::ALL.len());
        self.live = BitSet::new(n);
        for (ord, r) in self.docs.iter().enumerate() {
            let Some(r) = r else { continue };
            let ord = ord as u32;
            self.live.set(ord);
            for (sets, values) in [
                (&mut self.competences.postings, &r.competences[..]),
                (&mut self.areas.postings, &r.areas[..]),
                (&mut self.regions.postings, &r.regions[..]),
                (&mut self.categories, &r.categories[..]),
                (&mut self.formats, std::slice::from_ref(&r.format)),
                (&mut self.langs, std::slice::from_ref(&r.lang)),
            ] {
                for v in values {
                    if let Some(s) = sets.get_mut(*v as usize) {
                        s.set(ord);
                    }
                }
            }
        }
        for (li, lang) in Lang::ALL.iter().enumerate() {
            let mut ords: Vec<(String, u32)> = self
                .docs
                .iter()
                .enumerate()
                .filter_map(|(ord, r)| {
                    r.as_ref()
                        .map(|r| (r.doc.title.get(*lang).to_lowercase(), ord as u32))
                })
                .collect();
            ords.sort();
            let mut rank = vec![u32::MAX; n];
            for (i, (_, ord)) in ords.into_iter().enumerate() {
                rank[ord as usize] = i as u32;
            }
            self.title_rank[li] = rank;
        }
    }

    /// Filters what tantivy matched (everything when `matched` is `None`), counts the
    /// facets, sorts and cuts out the page.
    pub fn select(&self, matched: Option<Vec<(u32, Score)>>, q: &Query) -> Results {
        let n = self.docs.len();
        let fl = &q.filters;
        let (Some(competences), Some(areas), Some(regions)) = (
            self.competences.lookup(&fl.competences),
            self.areas.lookup(&fl.areas),
            self.regions.lookup(&fl.regions),
        ) else {
            return Results::default();
        };
        let categories: Vec<u32> = fl
            .categories
            .iter()
            .map(|c| position(LearnerCategory::ALL, c))
            .collect();
        let formats: Vec<u32> = fl
            .formats
            .iter()
            .map(|f| position(Format::ALL, f))
            .collect();
        let langs: Vec<u32> = fl.langs.iter().map(|l| lang_index(*l) as u32).collect();

        // What the words matched, with scores.
        let mut scores: Vec<Score> = Vec::new();
        let mut base = match matched {
            Some(m) => {
                let mut b = BitSet::new(n);
                scores = vec![0.0; n];
                for (ord, score) in m {
                    if (ord as usize) < n {
                        b.set(ord);
                        scores[ord as usize] = score;
                    }
                }
                b.and_with(&self.live);
                b
            }
            None => self.live.clone(),
        };
        // Programmes with sessions in the window.
        if let Some(w) = &fl.sessions {
            let mut keep = BitSet::new(n);
            w.schedule.admitted(self, w, |ord| keep.set(ord));
            base.and_with(&keep);
        }
        // Conditions on the programme itself.
        if fl.hours_min.is_some() || fl.hours_max.is_some() {
            let mut keep = BitSet::new(n);
            for ord in base.ones() {
                let Some(d) = self.doc(ord) else { continue };
                if fl.hours_min.is_none_or(|m| d.hours >= m)
                    && fl.hours_max.is_none_or(|m| d.hours <= m)
                {
                    keep.set(ord);
                }
            }
            base = keep;
        }
        // Each filter as the set of programmes it lets through.
        let union = |sets: &[BitSet], values: &[u32]| -> Option<BitSet> {
            if values.is_empty() {
                return None;
            }
            let mut b = BitSet::new(n);
            for v in values {
                if let Some(s) = sets.get(*v as usize) {
                    b.or_with(s);
                }
            }
            Some(b)
        };
        let filters: [Option<BitSet>; 6] = [
            union(&self.competences.postings, &competences),
            union(&self.areas.postings, &areas),
            union(&self.formats, &formats),
            union(&self.regions.postings, &regions),
            union(&self.categories, &categories),
            union(&self.langs, &langs),
        ];
        let mut hits = base.clone();
        for f in filters.iter().flatten() {
            hits.and_with(f);
        }
        // A filter's counts apply all the other filters.
        let counts = |i: usize, sets: &[BitSet]| -> Vec<usize> {
            let within = if filters[i].is_none() {
                hits.clone()
            } else {
                let mut x = base.clone();
                for (j, f) in filters.iter().enumerate() {
                    if let (true, Some(f)) = (j != i, f) {
                        x.and_with(f);
                    }
                }
                x
            };
            sets.iter().map(|s| within.count_and(s)).collect()
        };
        fn sorted<K: Ord + Copy>(counts: Vec<usize>, key: impl Fn(usize) -> K) -> Vec<(K, usize)> {
            let mut v: Vec<(K, usize)> = counts
                .into_iter()
                .enumerate()
                .filter(|(_, n)| *n > 0)
                .map(|(i, n)| (key(i), n))
                .collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            v
        }
        let facets = Facets {
            competences: sorted(counts(COMPETENCE, &self.competences.postings), |i| {
                self.competences.ids[i]
            }),
            areas: sorted(counts(AREA, &self.areas.postings), |i| self.areas.ids[i]),
            formats: sorted(counts(FORMAT, &self.formats), |i| Format::ALL[i]),
            regions: sorted(counts(REGION, &self.regions.postings), |i| {
                self.regions.ids[i]
            }),
            categories: sorted(counts(CATEGORY, &self.categories), |i| {
                LearnerCategory::ALL[i]
            }),
            langs: sorted(counts(LANG, &self.langs), |i| Lang::ALL[i]),
        };

        // Order, and only as much of it as the page needs.
        let score = |ord: u32| scores.get(ord as usize).copied().unwrap_or(0.0);
        let mut list: Vec<u32> = hits.ones().collect();
        let total = list.len();
        let rank = &self.title_rank[lang_index(q.lang.unwrap_or(Lang::En))];
        let title = |ord: u32| rank.get(ord as usize).copied().unwrap_or(u32::MAX);
        let published = |ord: u32| self.doc(ord).map(|d| d.published_at);
        let hours = |ord: u32| self.doc(ord).map_or(0, |d| d.hours);
        let by_text = !q.text.trim().is_empty();
        let order = |a: &u32, b: &u32| -> std::cmp::Ordering {
            let (a, b) = (*a, *b);
            let by_title = title(a).cmp(&title(b));
            match (q.sort, by_text) {
                (Sort::Relevance, true) => score(b).total_cmp(&score(a)).then(by_title),
                (Sort::Relevance | Sort::Title, _) => by_title,
                (Sort::Newest, _) => published(b).cmp(&published(a)).then(by_title),
                (Sort::HoursAsc, _) => hours(a).cmp(&hours(b)).then(by_title),
                (Sort::HoursDesc, _) => hours(b).cmp(&hours(a)).then(by_title),
            }
        };
        let limit = if q.limit == 0 { 20 } else { q.limit };
        let end = q.offset.saturating_add(limit).min(total);
        if end < total && end > 0 {
            list.select_nth_unstable_by(end - 1, order);
            list.truncate(end);
        }
        list.sort_by(order);
        let hits = list
            .into_iter()
            .skip(q.offset)
            .take(limit)
            .filter_map(|ord| {
                self.doc(ord).map(|d| Hit {
                    doc: d.clone(),
                    score: score(ord),
                })
            })
            .collect();
        Results {
            hits,
            total,
            facets,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::BitSet;

    #[test]
    fn bitsets_count_and_list_what_they_hold() {
        let mut a = BitSet::new(200);
        for i in [0, 5, 63, 64, 130, 199] {
            a.set(i);
        }
        let mut b = BitSet::new(200);
        for i in [5, 64, 150] {
            b.set(i);
        }
        assert_eq!(a.ones().count(), 6);
        assert_eq!(a.count_and(&b), 2);
        assert_eq!(a.ones().collect::<Vec<_>>(), vec![0, 5, 63, 64, 130, 199]);
        let mut c = a.clone();
        c.and_with(&b);
        assert_eq!(c.ones().collect::<Vec<_>>(), vec![5, 64]);
        c.or_with(&b);
        assert_eq!(c.ones().collect::<Vec<_>>(), vec![5, 64, 150]);
    }
}
