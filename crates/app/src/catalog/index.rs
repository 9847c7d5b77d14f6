//! The search index of the published catalogue, and the search use case.
//!
//! Each instance keeps its own index in memory, built from the database at start. A change
//! to what the catalogue shows appends to `catalogue_changes`; [`App::refresh_catalogue`]
//! re-indexes the programmes named after the last change this instance has seen. The
//! instance that made a change refreshes at once; the others within a few seconds, from the
//! poll the binary runs.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::Ordering;

use chrono::{DateTime, NaiveDate, Utc};
use guildhall_domain::catalog::Format;
use guildhall_domain::identity::LearnerCategory;
use guildhall_domain::org::OrgKind;
use guildhall_domain::{
    AreaId, CompetenceId, Lang, Localized, OrgId, Problem, Problems, ProgrammeId, VersionId,
};
use guildhall_search::{Entry, Filters, Query, Schedule, SessionWindow, Sort};
use guildhall_store::catalog::{self as q, PublishedRow};
use uuid::Uuid;

use super::frameworks::FrameworkTree;
use super::{org_names, text_of};
use crate::org::OrgSummary;
use crate::{App, Error, Result};

/// What search results and facets name: frameworks and regions, kept with the index.
#[derive(Clone, Debug, Default)]
pub struct CatalogRefs {
    pub tree: FrameworkTree,
    /// Regions by id.
    pub regions: HashMap<Uuid, RegionRef>,
    /// When the latest release was published.
    pub last_release: Option<DateTime<Utc>>,
}

/// A region as the catalogue names it.
#[derive(Clone, Debug)]
pub struct RegionRef {
    pub code: String,
    pub names: Localized,
    pub depth: i32,
    pub parent: Option<Uuid>,
}

/// A search, as the catalogue page or the API asks for it.
#[derive(Clone, Debug, Default)]
pub struct SearchRequest {
    pub text: String,
    /// Competence keys (`DIGCOMPEDU:2.3`).
    pub competences: Vec<String>,
    /// Area keys (`DIGCOMPEDU:2`).
    pub areas: Vec<String>,
    pub formats: Vec<String>,
    /// Region ids or codes.
    pub regions: Vec<String>,
    pub categories: Vec<String>,
    pub langs: Vec<String>,
    pub hours_min: Option<i32>,
    pub hours_max: Option<i32>,
    pub free_seats: bool,
    pub starts_from: Option<NaiveDate>,
    pub starts_to: Option<NaiveDate>,
    pub sort: Option<String>,
    pub page: u64,
    pub per_page: u64,
}

#[derive(Clone, Debug)]
pub struct SearchItem {
    pub id: ProgrammeId,
    pub version: VersionId,
    pub code: String,
    pub title: String,
    pub summary: String,
    pub hours: i32,
    pub format: Format,
    pub lang: Lang,
    pub competences: Vec<String>,
    pub provider: String,
    pub published_at: DateTime<Utc>,
    /// Published in the latest release or since.
    pub new: bool,
}

/// One value of a filter, with how many results choosing it gives.
#[derive(Clone, Debug)]
pub struct FacetValue {
    pub value: String,
    pub label: String,
    pub count: usize,
    pub selected: bool,
}

#[derive(Clone, Debug, Default)]
pub struct SearchFacets {
    pub competences: Vec<FacetValue>,
    pub areas: Vec<FacetValue>,
    pub formats: Vec<FacetValue>,
    pub regions: Vec<FacetValue>,
    pub categories: Vec<FacetValue>,
    pub langs: Vec<FacetValue>,
}

#[derive(Clone, Debug)]
pub struct SearchPage {
    pub items: Vec<SearchItem>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
    pub facets: SearchFacets,
}

fn summary(description: &Localized) -> Localized {
    let mut out = Localized::default();
    for (lang, text) in description.iter() {
        let first: String = text
            .split("\n\n")
            .next()
            .unwrap_or(text)
            .chars()
            .take(280)
            .collect();
        let cut = if first.chars().count() < text.chars().count() && !first.ends_with('.') {
            format!("{first}…")
        } else {
            first
        };
        out.set(lang, Some(cut));
    }
    out
}

fn entry_of(row: PublishedRow, refs: &CatalogRefs, providers: &HashMap<Uuid, Localized>) -> Entry {
    let text = text_of(&row.version, &row.links.categories);
    let competences: Vec<Uuid> = row.links.competences.clone();
    let areas: Vec<Uuid> = refs
        .tree
        .areas_of(
            &competences
                .iter()
                .map(|c| CompetenceId(*c))
                .collect::<Vec<_>>(),
        )
        .into_iter()
        .map(|a| a.0)
        .collect();
    let mut body = Localized::default();
    for lang in Lang::ALL {
        let parts: Vec<&str> = [
            text.description.exact(lang),
            text.outcomes.exact(lang),
            text.prerequisites.exact(lang),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !parts.is_empty() {
            body.set(lang, Some(parts.join("\n")));
        }
    }
    Entry {
        doc: guildhall_search::Doc {
            programme: row.programme.id,
            version: row.version.id,
            version_no: row.version.version,
            code: row.programme.code.clone(),
            summary: summary(&text.description),
            title: text.title,
            hours: text.hours,
            format: text.format.unwrap_or(Format::InPerson),
            lang: text.delivery_lang.unwrap_or(Lang::En),
            competences,
            areas,
            regions: row.links.regions.clone(),
            categories: text.categories,
            provider: row.programme.provider_id,
            provider_name: providers
                .get(&row.programme.provider_id)
                .cloned()
                .unwrap_or_default(),
            published_at: row.version.published_at.unwrap_or(row.version.updated_at),
            release: row.version.release_id,
        },
        body,
    }
}

fn parse_list<T>(
    p: &mut Problems,
    field: &str,
    code: &'static str,
    values: &[String],
    parse: impl Fn(&str) -> Option<T>,
) -> Vec<T> {
    let mut out = Vec::new();
    for v in values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
        match parse(v) {
            Some(x) => out.push(x),
            None => p.add(field, Problem::new(code).text("code", v)),
        }
    }
    out
}

impl App {
    pub(crate) fn search_index(&self) -> &guildhall_search::Catalog {
        &self.inner.catalog
    }

    /// The frameworks as last loaded (for display; validation reads the database).
    pub fn frameworks(&self) -> Arc<FrameworkTree> {
        Arc::new(self.catalog_refs().tree.clone())
    }

    pub fn catalog_refs(&self) -> Arc<CatalogRefs> {
        self.inner
            .refs
            .read()
            .map(|r| r.clone())
            .unwrap_or_default()
    }

    /// Regions named in the reader's language: from the references kept with the index,
    /// and from the database only for those created since they were loaded.
    pub(crate) async fn region_summaries(
        &self,
        ids: &[Uuid],
        lang: Lang,
    ) -> Result<HashMap<Uuid, OrgSummary>> {
        let refs = self.catalog_refs();
        let mut out = HashMap::new();
        let mut missing = Vec::new();
        for id in ids {
            match refs.regions.get(id) {
                Some(r) => {
                    out.insert(
                        *id,
                        OrgSummary {
                            id: OrgId(*id),
                            kind: OrgKind::Region,
                            code: r.code.clone(),
                            name: r.names.get(lang).to_owned(),
                            depth: r.depth,
                            parent: r.parent.map(OrgId),
                        },
                    );
                }
                None => missing.push(*id),
            }
        }
        for o in guildhall_store::org::find_many(self.db(), &missing).await? {
            out.insert(o.id, OrgSummary::from_model(&o, lang));
        }
        Ok(out)
    }

    async fn load_refs(&self) -> Result<CatalogRefs> {
        let tree = self.load_frameworks().await?;
        let regions = guildhall_store::org::all(self.db())
            .await?
            .into_iter()
            .filter(|o| OrgKind::parse(&o.kind) == Some(OrgKind::Region))
            .map(|o| {
                (
                    o.id,
                    RegionRef {
                        code: o.code.clone(),
                        names: org_names(&o),
                        depth: o.depth,
                        parent: o.parent_id,
                    },
                )
            })
            .collect();
        let last_release = q::releases(self.db())
            .await?
            .first()
            .map(|r| r.published_at);
        Ok(CatalogRefs {
            tree,
            regions,
            last_release,
        })
    }

    async fn entries(&self, rows: Vec<PublishedRow>, refs: &CatalogRefs) -> Result<Vec<Entry>> {
        let mut ids: Vec<Uuid> = rows.iter().map(|r| r.programme.provider_id).collect();
        ids.sort();
        ids.dedup();
        let providers: HashMap<Uuid, Localized> = guildhall_store::org::find_many(self.db(), &ids)
            .await?
            .iter()
            .map(|o| (o.id, org_names(o)))
            .collect();
        Ok(rows
            .into_iter()
            .map(|r| entry_of(r, refs, &providers))
            .collect())
    }

    /// Builds the index from scratch (at start).
    pub async fn rebuild_catalogue(&self) -> Result<()> {
        let _guard = self.inner.refresh.lock().await;
        let seen = q::last_change(self.db()).await?;
        let refs = self.load_refs().await?;
        let index = self.search_index();
        let internal = |e: guildhall_search::Error| Error::Internal(e.to_string());
        index.clear().map_err(internal)?;
        // In slices, so that the whole catalogue's text is never in memory at once.
        for ids in q::published_ids(self.db()).await?.chunks(500) {
            let rows = q::published(self.db(), Some(ids)).await?;
            let entries = self.entries(rows, &refs).await?;
            index.append(entries).map_err(internal)?;
        }
        index.finish().map_err(internal)?;
        if let Ok(mut r) = self.inner.refs.write() {
            *r = Arc::new(refs);
        }
        self.inner.catalog_seen.store(seen, Ordering::SeqCst);
        Ok(())
    }

    /// Re-indexes the programmes changed since this instance last looked. Returns how many.
    pub async fn refresh_catalogue(&self) -> Result<usize> {
        let _guard = self.inner.refresh.lock().await;
        let seen = self.inner.catalog_seen.load(Ordering::SeqCst);
        let (changed, last) = q::changes_since(self.db(), seen).await?;
        if changed.is_empty() {
            return Ok(0);
        }
        let refs = self.load_refs().await?;
        let programmes: Vec<Uuid> = changed.iter().copied().filter(|p| !p.is_nil()).collect();
        let rows = q::published(self.db(), Some(&programmes)).await?;
        let live: HashSet<Uuid> = rows.iter().map(|r| r.programme.id).collect();
        let gone: Vec<Uuid> = programmes
            .iter()
            .copied()
            .filter(|p| !live.contains(p))
            .collect();
        let entries = self.entries(rows, &refs).await?;
        let index = self.search_index();
        index
            .upsert(entries)
            .map_err(|e| Error::Internal(e.to_string()))?;
        index
            .remove(&gone)
            .map_err(|e| Error::Internal(e.to_string()))?;
        if let Ok(mut r) = self.inner.refs.write() {
            *r = Arc::new(refs);
        }
        self.inner.catalog_seen.store(last, Ordering::SeqCst);
        Ok(changed.len())
    }

    /// Searches the published catalogue. Needs no database round trip unless the request
    /// filters by sessions (free seats, start dates).
    pub async fn search(&self, req: &SearchRequest, lang: Lang) -> Result<SearchPage> {
        let refs = self.catalog_refs();
        let mut p = Problems::new();
        let competences: Vec<Uuid> = parse_list(
            &mut p,
            "competence",
            "competence_unknown",
            &req.competences,
            |k| refs.tree.competence_by_key.get(k).map(|c| c.0),
        );
        let areas: Vec<Uuid> = parse_list(&mut p, "area", "area_unknown", &req.areas, |k| {
            refs.tree.area_by_key.get(k).map(|a| a.0)
        });
        let formats = parse_list(
            &mut p,
            "format",
            "format_unknown",
            &req.formats,
            Format::parse,
        );
        let categories = parse_list(
            &mut p,
            "category",
            "category_unknown",
            &req.categories,
            LearnerCategory::parse,
        );
        let langs = parse_list(&mut p, "lang", "language_unknown", &req.langs, Lang::parse);
        let regions: Vec<Uuid> =
            parse_list(&mut p, "region", "region_unknown", &req.regions, |v| {
                v.parse::<Uuid>()
                    .ok()
                    .filter(|u| refs.regions.contains_key(u))
                    .or_else(|| {
                        refs.regions
                            .iter()
                            .find(|(_, r)| r.code.eq_ignore_ascii_case(v))
                            .map(|(id, _)| *id)
                    })
            });
        if let (Some(a), Some(b)) = (req.starts_from, req.starts_to)
            && a > b
        {
            p.add("starts_to", Problem::new("date_range_invalid"));
        }
        if req.hours_min.is_some_and(|h| h < 0) || req.hours_max.is_some_and(|h| h < 0) {
            p.add(
                "hours",
                Problem::new("number_out_of_range")
                    .num("min", 0)
                    .num("max", i64::from(guildhall_domain::catalog::HOURS_MAX)),
            );
        }
        let sort = match req.sort.as_deref().map(str::trim).unwrap_or("") {
            "" | "relevance" => Sort::Relevance,
            "title" => Sort::Title,
            "newest" => Sort::Newest,
            "hours" => Sort::HoursAsc,
            "-hours" => Sort::HoursDesc,
            _ => {
                p.add("sort", Problem::new("sort_unknown"));
                Sort::Relevance
            }
        };
        if req.text.chars().count() > 500 {
            p.add("q", Problem::new("text_too_long").num("max", 500));
        }
        p.into_result()?;
        let sessions = self.session_filter(req).await?;
        let page = req.page.clamp(1, guildhall_store::PageRequest::MAX_PAGE);
        let per_page = req.per_page.clamp(1, 100);
        let query = Query {
            text: req.text.clone(),
            filters: Filters {
                competences: competences.clone(),
                areas: areas.clone(),
                formats: formats.clone(),
                regions: regions.clone(),
                categories: categories.clone(),
                langs: langs.clone(),
                hours_min: req.hours_min,
                hours_max: req.hours_max,
                sessions,
            },
            sort,
            lang: Some(lang),
            offset: usize::try_from((page - 1).saturating_mul(per_page)).unwrap_or(usize::MAX),
            limit: per_page as usize,
        };
        let r = self
            .search_index()
            .search(&query)
            .map_err(|e| Error::Internal(e.to_string()))?;
        let tree = &refs.tree;
        let items = r
            .hits
            .iter()
            .map(|h| {
                let d = &h.doc;
                SearchItem {
                    id: ProgrammeId(d.programme),
                    version: VersionId(d.version),
                    code: d.code.clone(),
                    title: d.title.get(lang).to_owned(),
                    summary: d.summary.get(lang).to_owned(),
                    hours: d.hours,
                    format: d.format,
                    lang: d.lang,
                    competences: d
                        .competences
                        .iter()
                        .filter_map(|c| {
                            tree.competences
                                .get(&CompetenceId(*c))
                                .map(|c| c.key.clone())
                        })
                        .collect(),
                    provider: d.provider_name.get(lang).to_owned(),
                    published_at: d.published_at,
                    new: refs.last_release.is_some_and(|at| d.published_at >= at),
                }
            })
            .collect();
        let f = r.facets;
        let facets = SearchFacets {
            competences: f
                .competences
                .iter()
                .filter_map(|(id, n)| {
                    let c = tree.competences.get(&CompetenceId(*id))?;
                    Some(FacetValue {
                        value: c.key.clone(),
                        label: format!("{} {}", c.code, c.names.get(lang)),
                        count: *n,
                        selected: competences.contains(id),
                    })
                })
                .collect(),
            areas: f
                .areas
                .iter()
                .filter_map(|(id, n)| {
                    let a = tree.areas.get(&AreaId(*id))?;
                    Some(FacetValue {
                        value: a.key.clone(),
                        label: a.names.get(lang).to_owned(),
                        count: *n,
                        selected: areas.contains(id),
                    })
                })
                .collect(),
            formats: f
                .formats
                .iter()
                .map(|(v, n)| FacetValue {
                    value: v.as_str().to_owned(),
                    label: String::new(),
                    count: *n,
                    selected: formats.contains(v),
                })
                .collect(),
            regions: f
                .regions
                .iter()
                .filter_map(|(id, n)| {
                    let r = refs.regions.get(id)?;
                    Some(FacetValue {
                        value: r.code.clone(),
                        label: r.names.get(lang).to_owned(),
                        count: *n,
                        selected: regions.contains(id),
                    })
                })
                .collect(),
            categories: f
                .categories
                .iter()
                .map(|(v, n)| FacetValue {
                    value: v.as_str().to_owned(),
                    label: String::new(),
                    count: *n,
                    selected: categories.contains(v),
                })
                .collect(),
            langs: f
                .langs
                .iter()
                .map(|(v, n)| FacetValue {
                    value: v.code().to_owned(),
                    label: v.native_name().to_owned(),
                    count: *n,
                    selected: langs.contains(v),
                })
                .collect(),
        };
        Ok(SearchPage {
            items,
            total: r.total as u64,
            page,
            per_page,
            facets,
        })
    }

    /// Programmes with a session that matches the session conditions of the request, or
    /// `None` when the request sets none.
    async fn session_filter(&self, req: &SearchRequest) -> Result<Option<SessionWindow>> {
        if !req.free_seats && req.starts_from.is_none() && req.starts_to.is_none() {
            return Ok(None);
        }
        Ok(Some(SessionWindow {
            schedule: self.open_sessions().await?.schedule.clone(),
            free: req.free_seats,
            from: req.starts_from,
            to: req.starts_to,
        }))
    }

    /// Every open session as last read, so that filtering by free seats costs no round
    /// trip. A change this instance made is read at once; another instance's bookings show
    /// at the next [`App::refresh_open_sessions`] (every [`OPEN_SESSIONS_FOR`] while
    /// serving). A reader never waits for a timed re-read: only a list older than
    /// [`OPEN_SESSIONS_AT_MOST`] (no refresh job running) is re-read in its path.
    async fn open_sessions(&self) -> Result<Arc<OpenSessionList>> {
        if let Some(list) = self.current_open_sessions(OPEN_SESSIONS_AT_MOST) {
            return Ok(list);
        }
        let _reload = self.inner.open_sessions_reload.lock().await;
        if let Some(list) = self.current_open_sessions(OPEN_SESSIONS_AT_MOST) {
            return Ok(list);
        }
        self.read_open_sessions().await
    }

    /// Re-reads the open sessions when the list is older than [`OPEN_SESSIONS_FOR`]; readers
    /// keep the previous list meanwhile.
    pub async fn refresh_open_sessions(&self) -> Result<()> {
        let _reload = self.inner.open_sessions_reload.lock().await;
        if self.current_open_sessions(OPEN_SESSIONS_FOR).is_none() {
            self.read_open_sessions().await?;
        }
        Ok(())
    }

    /// The cached list, if this instance changed nothing since and it is younger than `age`.
    fn current_open_sessions(&self, age: std::time::Duration) -> Option<Arc<OpenSessionList>> {
        let generation = self.inner.seats_generation.load(Ordering::SeqCst);
        let cached = self
            .inner
            .open_sessions
            .read()
            .unwrap_or_else(|e| e.into_inner());
        cached
            .as_ref()
            .filter(|c| c.generation == generation && c.read_at.elapsed() < age)
            .map(|c| c.list.clone())
    }

    async fn read_open_sessions(&self) -> Result<Arc<OpenSessionList>> {
        let generation = self.inner.seats_generation.load(Ordering::SeqCst);
        let read_at = std::time::Instant::now();
        let rows = guildhall_store::sessions::open_sessions(self.db()).await?;
        let list = Arc::new(OpenSessionList {
            schedule: Arc::new(Schedule::new(rows.into_iter().map(
                |(programme, starts_on, taken, capacity)| (programme, starts_on, taken < capacity),
            ))),
        });
        *self
            .inner
            .open_sessions
            .write()
            .unwrap_or_else(|e| e.into_inner()) = Some(OpenSessions {
            read_at,
            generation,
            list: list.clone(),
        });
        Ok(list)
    }

    /// Notes that this instance changed sessions or seats.
    pub(crate) fn seats_changed(&self) {
        self.inner.seats_generation.fetch_add(1, Ordering::SeqCst);
    }
}

/// How often a serving instance re-reads the open sessions for the catalogue's filters.
pub const OPEN_SESSIONS_FOR: std::time::Duration = std::time::Duration::from_secs(2);

/// The oldest open-sessions list a search uses when no refresh job keeps it young.
pub const OPEN_SESSIONS_AT_MOST: std::time::Duration = std::time::Duration::from_secs(20);

/// Every open session: when it starts and whether a seat is free, by programme.
#[derive(Debug)]
pub struct OpenSessionList {
    pub schedule: Arc<Schedule>,
}

/// The open sessions as last read.
pub struct OpenSessions {
    read_at: std::time::Instant,
    generation: u64,
    list: Arc<OpenSessionList>,
}
