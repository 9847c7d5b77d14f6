//! Compliance: where each person stands against the rules that apply to them.
//!
//! Rules are data (`compliance_rules`, the presets of [`guildhall_domain::compliance`]
//! seeded at start). A person is covered by a rule when their learner category and the kind
//! and country of an organisation they work in match it. Their standing is computed on
//! demand from the hours ledger, their employment start and their leaves, by the pure
//! [`evaluate`]; an organisation's figures are the same evaluation over everyone working
//! under it, read in a fixed number of round trips: the people, their organisations and
//! leaves, then one ledger summary line per person, streamed and evaluated line by line.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use guildhall_domain::compliance::{
    Counted, Credit, Evaluation, Facts, Leave, Rule, Status, evaluate, evaluate_as_of, presets,
};
use guildhall_domain::identity::LearnerCategory;
use guildhall_domain::org::OrgKind;
use guildhall_domain::{AreaId, Lang, OrgId, PersonId, ProgrammeId};
use guildhall_store::begin_write;
use guildhall_store::compliance::{self as q, Frame, PersonRow, Scope};
use guildhall_store::entities::leave;
use serde_json::json;
use uuid::Uuid;

use crate::audit::Change;
use crate::catalog::frameworks::FrameworkTree;
use crate::catalog::index::SearchRequest;
use crate::ledger::{SOURCE_CORRECTION, SOURCE_INDUSTRY, SOURCE_RECOGNITION, SOURCE_SESSION};
use crate::{Actor, App, Error, Meta, Result, policy};

pub mod mail;

/// A person's standing against one rule.
#[derive(Clone, Debug)]
pub struct Standing {
    /// Shared: a few rules over many people.
    pub rule: Arc<str>,
    pub rule_name: Arc<str>,
    pub evaluation: Evaluation,
}

/// A programme that would close a gap: tagged with what is missing, with a free seat in a
/// session before the deadline.
#[derive(Clone, Debug)]
pub struct Suggestion {
    pub programme: ProgrammeId,
    pub code: String,
    pub title: String,
    pub hours: i32,
}

/// One person's compliance.
#[derive(Clone, Debug)]
pub struct PersonCompliance {
    pub person: PersonId,
    pub name: String,
    pub standings: Vec<Standing>,
    pub suggestions: Vec<Suggestion>,
}

/// One person's line in an organisation's list.
#[derive(Clone, Debug)]
pub struct StaffLine {
    pub person: PersonId,
    pub name: String,
    pub category: String,
    pub standing: Standing,
}

/// How many people stand where.
#[derive(Clone, Debug, Default)]
pub struct Counts {
    pub compliant: u64,
    pub on_track: u64,
    pub at_risk: u64,
    pub overdue: u64,
}

impl Counts {
    fn add(&mut self, s: Status) {
        match s {
            Status::Compliant => self.compliant += 1,
            Status::OnTrack => self.on_track += 1,
            Status::AtRisk => self.at_risk += 1,
            Status::Overdue => self.overdue += 1,
        }
    }

    pub fn total(&self) -> u64 {
        self.compliant + self.on_track + self.at_risk + self.overdue
    }
}

/// An organisation's compliance: totals, by rule, by organisation below it and by learner
/// category, and (when asked for) everyone's line.
#[derive(Clone, Debug)]
pub struct OrgCompliance {
    pub organisation: OrgId,
    pub name: String,
    /// People working under the organisation, covered by a rule or not.
    pub people: u64,
    pub totals: Counts,
    pub by_rule: Vec<(String, Counts)>,
    /// The organisations directly below, each with the figures of its subtree.
    pub by_child: Vec<(OrgId, String, Counts)>,
    pub by_category: Vec<(String, Counts)>,
    pub lines: Option<Vec<StaffLine>>,
    /// The totals at the end of each of the last twelve months and today, when asked for.
    pub history: Vec<(NaiveDate, Counts)>,
}

/// How long the rules and the countries read from the database are used.
pub const RULES_FOR: std::time::Duration = std::time::Duration::from_secs(30);

/// Every country, by id: where a rule applies is told by the country a workplace is in.
pub type Countries = HashMap<Uuid, guildhall_store::entities::organisation::Model>;

impl App {
    /// Stores the shipped rules that are not in the database yet.
    pub(crate) async fn seed_rules(&self) -> Result<()> {
        let existing = q::rules(self.db()).await?;
        for r in presets() {
            if existing.iter().any(|e| e.code == r.code) {
                continue;
            }
            let body = serde_json::to_string(&r).map_err(|e| Error::Internal(e.to_string()))?;
            q::insert_rule_if_missing(self.writer(), &r.code, &body, self.now()).await?;
        }
        Ok(())
    }

    /// The active rules, read at most every [`RULES_FOR`]: rules change a few times a
    /// year, and every standing needs them.
    pub async fn compliance_rules(&self) -> Result<Arc<Vec<Rule>>> {
        {
            let cached = self.inner.rules.read().unwrap_or_else(|e| e.into_inner());
            if let Some((at, rules)) = cached.as_ref()
                && at.elapsed() < RULES_FOR
            {
                return Ok(rules.clone());
            }
        }
        let rules: Vec<Rule> = q::rules(self.db())
            .await?
            .into_iter()
            .map(|m| serde_json::from_str(&m.body).map_err(|e| Error::Internal(e.to_string())))
            .collect::<Result<_>>()?;
        let rules = Arc::new(rules);
        *self.inner.rules.write().unwrap_or_else(|e| e.into_inner()) =
            Some((std::time::Instant::now(), rules.clone()));
        Ok(rules)
    }

    /// The countries, read at most every [`RULES_FOR`] (and again at once after this
    /// instance changed an organisation): a handful of rows every standing needs.
    pub(crate) async fn countries(&self) -> Result<Arc<Countries>> {
        {
            let cached = self
                .inner
                .countries
                .read()
                .unwrap_or_else(|e| e.into_inner());
            if let Some((at, c)) = cached.as_ref()
                && at.elapsed() < RULES_FOR
            {
                return Ok(c.clone());
            }
        }
        let c: Arc<Countries> = Arc::new(
            q::countries(self.db())
                .await?
                .into_iter()
                .map(|o| (o.id, o))
                .collect(),
        );
        *self
            .inner
            .countries
            .write()
            .unwrap_or_else(|e| e.into_inner()) = Some((std::time::Instant::now(), c.clone()));
        Ok(c)
    }

    pub fn forget_countries(&self) {
        *self
            .inner
            .countries
            .write()
            .unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// A person's standing against every rule that covers them, with programmes that would
    /// close their gaps; for themselves and for those who may see their ledger.
    pub async fn compliance_of(&self, actor: &Actor, person: PersonId) -> Result<PersonCompliance> {
        let scope = Scope::Person(person.0);
        let frame = q::frame(self.db(), &scope, &*self.countries().await?).await?;
        let paths: Vec<String> = frame
            .workplaces
            .iter()
            .filter_map(|(_, o)| frame.organisations.get(o).map(|o| o.path.clone()))
            .collect();
        if !policy::may_view_ledger(actor, person, &paths) {
            return Err(Error::NotFound);
        }
        let today = self.now().date_naive();
        let rules = self.compliance_rules().await?;
        let all = self
            .evaluate_scope(&frame, &scope, &rules, today, actor.lang, &[])
            .await?;
        let (who, standings) = all.people.into_iter().next().ok_or(Error::NotFound)?;
        let suggestions = self
            .suggestions(&standings, &rules, today, actor.lang)
            .await?;
        Ok(PersonCompliance {
            person,
            name: who.name,
            standings,
            suggestions,
        })
    }

    /// Programmes with a free seat before the deadline that cover what is missing.
    async fn suggestions(
        &self,
        standings: &[Standing],
        rules: &[Rule],
        today: NaiveDate,
        lang: Lang,
    ) -> Result<Vec<Suggestion>> {
        let mut out: Vec<Suggestion> = Vec::new();
        for s in standings.iter().filter(|s| !s.evaluation.met()) {
            let e = &s.evaluation;
            let areas: Vec<String> = e
                .gaps
                .iter()
                .filter_map(|g| match &g.counted {
                    Counted::Area(a) => Some(a.clone()),
                    Counted::Source(_) => None,
                })
                .collect();
            // Training in industry is not in the catalogue; only hours from courses are.
            let only_industry =
                e.needed_minutes == 0 && areas.is_empty() && e.programme_met != Some(false);
            if only_industry {
                continue;
            }
            let req = SearchRequest {
                areas,
                free_seats: true,
                starts_from: Some(today),
                starts_to: Some(e.deadline),
                hours_min: e
                    .programme_met
                    .filter(|m| !m)
                    .and_then(|_| rules.iter().find(|r| *r.code == *s.rule))
                    .and_then(|r| r.single_programme_minutes)
                    .map(|m| (m / 60) as i32),
                page: 1,
                per_page: 5,
                ..Default::default()
            };
            for item in self.search(&req, lang).await?.items {
                if !out.iter().any(|o| o.programme == item.id) {
                    out.push(Suggestion {
                        programme: item.id,
                        code: item.code,
                        title: item.title,
                        hours: item.hours,
                    });
                }
            }
        }
        out.truncate(5);
        Ok(out)
    }

    /// The compliance of everyone working under an organisation, for institution heads,
    /// coordinators and administrators over it.
    pub async fn organisation_compliance(
        &self,
        actor: &Actor,
        org: OrgId,
        detail: bool,
        with_history: bool,
    ) -> Result<OrgCompliance> {
        let node = guildhall_store::org::find(self.db(), org.0)
            .await?
            .ok_or(Error::NotFound)?;
        if !policy::may_view_staff_compliance(actor, &node.path) {
            return Err(Error::NotFound);
        }
        self.figures(&node, detail, with_history, actor.lang).await
    }

    /// An organisation's figures, for whoever the caller has checked may see them.
    pub(crate) async fn figures(
        &self,
        node: &guildhall_store::entities::organisation::Model,
        detail: bool,
        with_history: bool,
        lang: Lang,
    ) -> Result<OrgCompliance> {
        let org = OrgId(node.id);
        let scope = Scope::Under(node.path.clone());
        let frame = q::frame(self.db(), &scope, &*self.countries().await?).await?;
        let rules = self.compliance_rules().await?;
        let today = self.local_now().date();
        let days = if with_history {
            month_ends(today, 12)
        } else {
            Vec::new()
        };
        let Evaluated { people, history } = self
            .evaluate_scope(&frame, &scope, &rules, today, lang, &days)
            .await?;
        let children: Vec<&guildhall_store::entities::organisation::Model> = {
            let mut c: Vec<_> = frame
                .organisations
                .values()
                .filter(|o| o.parent_id == Some(node.id))
                .collect();
            c.sort_by(|a, b| a.code.cmp(&b.code));
            c
        };
        let mut totals = Counts::default();
        let mut by_rule: HashMap<String, Counts> = HashMap::new();
        let mut by_child: HashMap<Uuid, Counts> = HashMap::new();
        let mut by_category: HashMap<String, Counts> = HashMap::new();
        let mut lines = Vec::new();
        let count = people.len() as u64;
        for (p, list) in people {
            for s in &list {
                match by_rule.get_mut(&*s.rule) {
                    Some(n) => n.add(s.evaluation.status),
                    None => by_rule
                        .entry(s.rule.to_string())
                        .or_default()
                        .add(s.evaluation.status),
                }
            }
            // A person's standing is the worst over the rules that cover them.
            let Some(worst) = list
                .into_iter()
                .max_by_key(|s| severity(s.evaluation.status))
            else {
                continue;
            };
            let st = worst.evaluation.status;
            totals.add(st);
            match by_category.get_mut(&p.category) {
                Some(n) => n.add(st),
                None => by_category.entry(p.category.clone()).or_default().add(st),
            }
            let paths: Vec<&str> = p
                .organisations
                .iter()
                .filter_map(|o| frame.organisations.get(o).map(|o| o.path.as_str()))
                .collect();
            for c in &children {
                if paths.iter().any(|x| x.starts_with(&c.path)) {
                    by_child.entry(c.id).or_default().add(st);
                }
            }
            if detail {
                lines.push(StaffLine {
                    person: PersonId(p.id),
                    name: p.name,
                    category: p.category,
                    standing: worst,
                });
            }
        }
        let mut by_rule: Vec<(String, Counts)> = by_rule.into_iter().collect();
        by_rule.sort_by(|a, b| a.0.cmp(&b.0));
        let mut by_category: Vec<(String, Counts)> = by_category.into_iter().collect();
        by_category.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(OrgCompliance {
            organisation: org,
            name: crate::org::names_of(node).get(lang).to_owned(),
            people: count,
            totals,
            by_rule,
            by_child: children
                .iter()
                .map(|c| {
                    (
                        OrgId(c.id),
                        crate::org::names_of(c).get(lang).to_owned(),
                        by_child.remove(&c.id).unwrap_or_default(),
                    )
                })
                .collect(),
            by_category,
            lines: detail.then_some(lines),
            history,
        })
    }

    /// Records the day a person started work, where their cycles start.
    pub async fn set_employment_start(
        &self,
        actor: &Actor,
        person: PersonId,
        on: NaiveDate,
        meta: &Meta,
    ) -> Result<()> {
        let authority = self.check_may_manage_cycle(actor, person).await?;
        if on > self.now().date_naive() {
            return Err(Error::invalid_field("started_on", "date_in_future"));
        }
        let tx = begin_write(self.writer()).await?;
        q::set_started(&tx, person.0, on).await?;
        self.audit(
            &tx,
            Some(actor.id),
            meta,
            Change::new("compliance.employment_start", "person", person)
                .details(json!({ "started_on": on, "authority": authority })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records a leave that pauses the person's cycle.
    pub async fn add_leave(
        &self,
        actor: &Actor,
        person: PersonId,
        from: NaiveDate,
        to: NaiveDate,
        reason: &str,
        meta: &Meta,
    ) -> Result<Uuid> {
        let authority = self.check_may_manage_cycle(actor, person).await?;
        if to < from {
            return Err(Error::invalid_field("ends_on", "dates_reversed"));
        }
        if (to - from).num_days() > 366 * 5 {
            return Err(Error::invalid_field("ends_on", "leave_too_long"));
        }
        let reason = reason.trim();
        if reason.is_empty() || reason.chars().count() > 300 {
            return Err(Error::invalid_field("reason", "reason_required"));
        }
        let id = Uuid::now_v7();
        let tx = begin_write(self.writer()).await?;
        q::insert_leave(
            &tx,
            leave::Model {
                id,
                person_id: person.0,
                starts_on: from,
                ends_on: to,
                reason: reason.to_owned(),
                created_by: Some(actor.id.0),
                created_at: self.now(),
            },
        )
        .await?;
        self.audit(
            &tx,
            Some(actor.id),
            meta,
            Change::new("compliance.leave", "person", person)
                .details(json!({ "from": from, "to": to, "authority": authority })),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Employment start and leave are kept by institution heads and administrators over the
    /// person, never by the person alone.
    /// Checks that `actor` may record `person`'s employment start and leaves; answers the
    /// authority they act under, for the audit entry.
    async fn check_may_manage_cycle(
        &self,
        actor: &Actor,
        person: PersonId,
    ) -> Result<serde_json::Value> {
        let paths: Vec<String> = guildhall_store::identity::memberships_of(self.db(), person.0)
            .await?
            .into_iter()
            .map(|o| o.path)
            .collect();
        if guildhall_store::identity::find_person(self.db(), person.0)
            .await?
            .is_none()
            || !policy::may_view_ledger(actor, person, &paths)
        {
            return Err(Error::NotFound);
        }
        if !policy::may_manage_cycle(actor, person, &paths, &self.duties()) {
            return Err(if policy::independent_of(actor, person, &self.duties()) {
                Error::Forbidden
            } else {
                Error::refused("decision_goes_up")
            });
        }
        Ok(crate::audit::authority(policy::authority(
            actor,
            &[
                guildhall_domain::identity::Role::InstitutionHead,
                guildhall_domain::identity::Role::RegionalCoordinator,
                guildhall_domain::identity::Role::Administrator,
            ],
            &paths,
        )))
    }
}

fn severity(s: Status) -> u8 {
    match s {
        Status::Compliant => 0,
        Status::OnTrack => 1,
        Status::AtRisk => 2,
        Status::Overdue => 3,
    }
}

/// What decides one person's standings apart from their ledger.
struct Subject<'a> {
    /// The rules that cover the person.
    rules: Vec<&'a Rule>,
    facts: Facts,
}

/// A person in an evaluated scope.
pub(crate) struct Someone {
    pub id: Uuid,
    pub name: String,
    pub category: String,
    /// Where they work.
    pub organisations: Vec<Uuid>,
}

/// A scope's standings: everyone in it, in name order, with their standing against each rule
/// that covers them (none when no rule does); and when asked for, the totals on each of the
/// days asked for.
pub(crate) struct Evaluated {
    pub people: Vec<(Someone, Vec<Standing>)>,
    pub history: Vec<(NaiveDate, Counts)>,
}

impl App {
    /// Evaluates everyone in a scope against the rules that cover them. People arrive one at a
    /// time with their ledger's summary line, which is decoded, evaluated and dropped before
    /// the next is read, so a country takes the memory of its results, not of its ledger.
    pub(crate) async fn evaluate_scope(
        &self,
        frame: &Frame,
        scope: &Scope,
        rules: &[Rule],
        today: NaiveDate,
        lang: Lang,
        days: &[NaiveDate],
    ) -> Result<Evaluated> {
        let tree = self.frameworks();
        // The country of an organisation is the first node of its path.
        let country_of = |path: &str| -> Option<&str> {
            let first = path.split('/').find(|s| !s.is_empty())?;
            let id = Uuid::parse_str(first).ok()?;
            frame.organisations.get(&id).map(|o| o.code.as_str())
        };
        let mut places: Vec<Place<'_>> = Vec::new();
        // Each rule's code and name, shared by everyone's standings.
        let labels: HashMap<&str, (Arc<str>, Arc<str>)> = rules
            .iter()
            .map(|r| {
                (
                    r.code.as_str(),
                    (
                        Arc::from(r.code.as_str()),
                        Arc::from(r.names[lang_index(lang)].as_str()),
                    ),
                )
            })
            .collect();
        let mut people: Vec<(Someone, Vec<Standing>)> = Vec::new();
        let mut history: Vec<Counts> = vec![Counts::default(); days.len()];
        let mut credits: Vec<Credit> = Vec::new();
        q::each_person(self.db(), frame, |p, orgs, line| {
            places.clear();
            for o in orgs.iter().filter_map(|o| frame.organisations.get(o)) {
                if let Some(kind) = OrgKind::parse(&o.kind)
                    && let Some(country) = country_of(&o.path)
                {
                    places.push(Place {
                        kind,
                        country,
                        path: &o.path,
                    });
                }
            }
            if !scope.covers(p.id, places.iter().map(|w| w.path)) {
                return Ok(());
            }
            let mut standings = Vec::new();
            if let Some(subject) = subject_of(&p, &places, frame, rules) {
                read_credits(line.unwrap_or(""), &tree, &mut credits)
                    .map_err(|e| sea_orm::DbErr::Custom(e.to_string()))?;
                standings = evaluate_subject(&subject, &credits, today, &labels);
                count_history(&subject, &credits, days, &mut history);
            }
            people.push((
                Someone {
                    id: p.id,
                    name: p.name,
                    category: p.category,
                    organisations: orgs.to_vec(),
                },
                standings,
            ));
            Ok(())
        })
        .await?;
        people.sort_by(|a, b| a.0.name.cmp(&b.0.name).then(a.0.id.cmp(&b.0.id)));
        Ok(Evaluated {
            people,
            history: days.iter().copied().zip(history).collect(),
        })
    }
}

/// One of a person's workplaces, as the rules look at it.
struct Place<'a> {
    kind: OrgKind,
    /// The code of the country it is in.
    country: &'a str,
    path: &'a str,
}

/// What decides a person's standings, when a rule covers them.
fn subject_of<'a>(
    p: &PersonRow,
    places: &[Place<'_>],
    frame: &Frame,
    rules: &'a [Rule],
) -> Option<Subject<'a>> {
    let category = LearnerCategory::parse(&p.category)?;
    let covering: Vec<&Rule> = rules
        .iter()
        .filter(|r| {
            places
                .iter()
                .any(|w| r.applies(category, w.kind, w.country))
        })
        .collect();
    if covering.is_empty() {
        return None;
    }
    Some(Subject {
        rules: covering,
        facts: Facts {
            started_on: p.started_on.unwrap_or_else(|| p.created_at.date_naive()),
            leaves: frame
                .leaves
                .get(&p.id)
                .map(|ls| {
                    ls.iter()
                        .map(|(from, to)| Leave {
                            from: *from,
                            to: *to,
                        })
                        .collect()
                })
                .unwrap_or_default(),
        },
    })
}

/// Decodes a summary line into `out` (cleared first), in date order, with each entry's
/// areas named by their `FRAMEWORK:AREA` keys.
fn read_credits(
    line: &str,
    tree: &FrameworkTree,
    out: &mut Vec<Credit>,
) -> std::result::Result<(), guildhall_domain::ledger::Malformed> {
    out.clear();
    for p in guildhall_domain::ledger::read(line) {
        let p = p?;
        let mut areas: Vec<String> = p
            .areas
            .iter()
            .filter_map(|a| tree.areas.get(&AreaId(*a)).map(|a| a.key.clone()))
            .collect();
        areas.sort();
        out.push(Credit {
            on: p.on,
            minutes: i64::from(p.minutes),
            source: source_name(&p.source),
            areas,
            item: p.item,
        });
    }
    // Stable: entries of one day keep the order they were written in.
    out.sort_by_key(|c| c.on);
    Ok(())
}

/// A ledger source as a shared string: a handful of values over millions of entries.
fn source_name(s: &str) -> Arc<str> {
    static KNOWN: std::sync::OnceLock<[Arc<str>; 4]> = std::sync::OnceLock::new();
    let known = KNOWN.get_or_init(|| {
        [
            SOURCE_SESSION,
            SOURCE_RECOGNITION,
            SOURCE_INDUSTRY,
            SOURCE_CORRECTION,
        ]
        .map(Arc::from)
    });
    known
        .iter()
        .find(|k| k.as_ref() == s)
        .cloned()
        .unwrap_or_else(|| Arc::from(s))
}

/// A person's standing against each rule covering them.
fn evaluate_subject(
    s: &Subject<'_>,
    credits: &[Credit],
    today: NaiveDate,
    labels: &HashMap<&str, (Arc<str>, Arc<str>)>,
) -> Vec<Standing> {
    s.rules
        .iter()
        .map(|r| {
            let (rule, rule_name) = labels
                .get(r.code.as_str())
                .cloned()
                .unwrap_or_else(|| (Arc::from(r.code.as_str()), Arc::from(r.code.as_str())));
            Standing {
                rule,
                rule_name,
                evaluation: evaluate(r, &s.facts, credits, today),
            }
        })
        .collect()
}

/// Adds where a person stood at the end of each of `days` to `counts`: by the worst of the
/// rules covering them, once they had started work, counting only hours credited by then.
fn count_history(s: &Subject<'_>, credits: &[Credit], days: &[NaiveDate], counts: &mut [Counts]) {
    for (day, n) in days.iter().zip(counts.iter_mut()) {
        if s.facts.started_on > *day {
            continue;
        }
        let worst = s
            .rules
            .iter()
            .map(|r| evaluate_as_of(r, &s.facts, credits, *day).status)
            .max_by_key(|st| severity(*st));
        if let Some(st) = worst {
            n.add(st);
        }
    }
}

/// The last day of each of the `months` months before `today`'s, oldest first, then today.
pub fn month_ends(today: NaiveDate, months: u32) -> Vec<NaiveDate> {
    let first_of_month = today.with_day(1).unwrap_or(today);
    let mut out: Vec<NaiveDate> = (1..=months)
        .rev()
        .filter_map(|k| {
            first_of_month
                .checked_sub_months(chrono::Months::new(k - 1))
                .and_then(|d| d.pred_opt())
        })
        .collect();
    out.push(today);
    out
}

fn lang_index(lang: Lang) -> usize {
    match lang {
        Lang::Hu => 0,
        Lang::Pl => 1,
        Lang::Ru => 2,
        Lang::En => 3,
    }
}
