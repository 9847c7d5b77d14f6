//! Competence frameworks: the shipped ones, the tree every page and the search use, and
//! import of further frameworks from CSV with an error report per row.
//!
//! The CSV has the header `kind,code,area,name_hu,name_pl,name_ru,name_en`. Its first row is
//! the framework (`kind` = `framework`); `area` rows follow; `competence` rows name their
//! area's code in the `area` column. An import is all or nothing.

use std::collections::{HashMap, HashSet};

use chrono::Utc;
use guildhall_domain::catalog::{check_framework_code, competence_key};
use guildhall_domain::identity::{check_text, is_hidden_char};
use guildhall_domain::{AreaId, CompetenceId, FrameworkId, Localized, Problem, Problems};
use guildhall_store::entities::{competence, framework, framework_area};
use guildhall_store::{ConnectionTrait, begin_write, catalog as q};
use serde_json::json;
use uuid::Uuid;

use super::seed::{SHIPPED, SeedFramework};
use crate::audit::Change;
use crate::{Actor, App, Error, Meta, Result, policy};

/// One competence, with what display and search need.
#[derive(Clone, Debug)]
pub struct CompetenceInfo {
    pub id: CompetenceId,
    /// `FRAMEWORK:CODE`.
    pub key: String,
    pub code: String,
    pub framework: FrameworkId,
    pub area: AreaId,
    pub names: Localized,
}

#[derive(Clone, Debug)]
pub struct AreaInfo {
    pub id: AreaId,
    /// `FRAMEWORK:AREA`.
    pub key: String,
    pub code: String,
    pub names: Localized,
    pub competences: Vec<CompetenceId>,
}

#[derive(Clone, Debug)]
pub struct FrameworkInfo {
    pub id: FrameworkId,
    pub code: String,
    pub names: Localized,
    pub areas: Vec<AreaId>,
}

/// Every framework, area and competence, with lookups by id and key.
#[derive(Clone, Debug, Default)]
pub struct FrameworkTree {
    pub frameworks: Vec<FrameworkInfo>,
    pub areas: HashMap<AreaId, AreaInfo>,
    pub competences: HashMap<CompetenceId, CompetenceInfo>,
    pub competence_by_key: HashMap<String, CompetenceId>,
    pub area_by_key: HashMap<String, AreaId>,
}

fn names4(
    hu: &Option<String>,
    pl: &Option<String>,
    ru: &Option<String>,
    en: &Option<String>,
) -> Localized {
    Localized::new(hu.clone(), pl.clone(), ru.clone(), en.clone())
}

impl FrameworkTree {
    pub fn from_rows(rows: q::Frameworks) -> FrameworkTree {
        let mut t = FrameworkTree::default();
        let codes: HashMap<Uuid, String> = rows
            .frameworks
            .iter()
            .map(|f| (f.id, f.code.clone()))
            .collect();
        for f in &rows.frameworks {
            t.frameworks.push(FrameworkInfo {
                id: FrameworkId(f.id),
                code: f.code.clone(),
                names: names4(&f.name_hu, &f.name_pl, &f.name_ru, &f.name_en),
                areas: Vec::new(),
            });
        }
        for a in &rows.areas {
            let fcode = codes.get(&a.framework_id).cloned().unwrap_or_default();
            let key = competence_key(&fcode, &a.code);
            t.area_by_key.insert(key.clone(), AreaId(a.id));
            t.areas.insert(
                AreaId(a.id),
                AreaInfo {
                    id: AreaId(a.id),
                    key,
                    code: a.code.clone(),
                    names: names4(&a.name_hu, &a.name_pl, &a.name_ru, &a.name_en),
                    competences: Vec::new(),
                },
            );
            if let Some(f) = t.frameworks.iter_mut().find(|f| f.id.0 == a.framework_id) {
                f.areas.push(AreaId(a.id));
            }
        }
        for c in &rows.competences {
            let fcode = codes.get(&c.framework_id).cloned().unwrap_or_default();
            let key = competence_key(&fcode, &c.code);
            t.competence_by_key.insert(key.clone(), CompetenceId(c.id));
            t.competences.insert(
                CompetenceId(c.id),
                CompetenceInfo {
                    id: CompetenceId(c.id),
                    key,
                    code: c.code.clone(),
                    framework: FrameworkId(c.framework_id),
                    area: AreaId(c.area_id),
                    names: names4(&c.name_hu, &c.name_pl, &c.name_ru, &c.name_en),
                },
            );
            if let Some(a) = t.areas.get_mut(&AreaId(c.area_id)) {
                a.competences.push(CompetenceId(c.id));
            }
        }
        t
    }

    /// The competences named by `keys`, or the problem with the first unknown one.
    pub fn resolve(&self, keys: &[String]) -> std::result::Result<Vec<CompetenceId>, Problem> {
        let mut out = Vec::new();
        for k in keys {
            let k = k.trim();
            if k.is_empty() {
                continue;
            }
            match self.competence_by_key.get(k) {
                Some(id) => {
                    if !out.contains(id) {
                        out.push(*id);
                    }
                }
                None => return Err(Problem::new("competence_unknown").text("code", k)),
            }
        }
        Ok(out)
    }

    /// The areas the competences belong to.
    pub fn areas_of(&self, competences: &[CompetenceId]) -> Vec<AreaId> {
        let mut out: Vec<AreaId> = competences
            .iter()
            .filter_map(|c| self.competences.get(c).map(|c| c.area))
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

async fn insert_seed<C: ConnectionTrait>(db: &C, f: &SeedFramework) -> Result<()> {
    let now = Utc::now();
    let fid = Uuid::now_v7();
    let [hu, pl, ru, en] = f.names.map(|s| Some(s.to_owned()));
    q::insert_framework(
        db,
        framework::Model {
            id: fid,
            code: f.code.to_owned(),
            created_at: now,
            name_hu: hu,
            name_pl: pl,
            name_ru: ru,
            name_en: en,
        },
    )
    .await?;
    let mut areas = Vec::new();
    let mut comps = Vec::new();
    for (ai, ((acode, anames), competences)) in f.areas.iter().enumerate() {
        let aid = Uuid::now_v7();
        let [hu, pl, ru, en] = anames.map(|s| Some(s.to_owned()));
        areas.push(framework_area::Model {
            id: aid,
            framework_id: fid,
            code: (*acode).to_owned(),
            position: ai as i32,
            name_hu: hu,
            name_pl: pl,
            name_ru: ru,
            name_en: en,
        });
        for (ci, (ccode, cnames)) in competences.iter().enumerate() {
            let [hu, pl, ru, en] = cnames.map(|s| Some(s.to_owned()));
            comps.push(competence::Model {
                id: Uuid::now_v7(),
                framework_id: fid,
                area_id: aid,
                code: (*ccode).to_owned(),
                position: (ai * 100 + ci) as i32,
                name_hu: hu,
                name_pl: pl,
                name_ru: ru,
                name_en: en,
            });
        }
    }
    q::insert_areas(db, areas).await?;
    q::insert_competences(db, comps).await?;
    Ok(())
}

/// A validated CSV row.
#[derive(Debug)]
struct Row {
    line: usize,
    kind: String,
    code: String,
    area: String,
    names: Localized,
}

/// The result of an import.
#[derive(Clone, Debug)]
pub struct ImportReport {
    pub framework: FrameworkId,
    pub code: String,
    pub areas: usize,
    pub competences: usize,
}

fn parse_csv(text: &str) -> std::result::Result<Vec<Row>, Problems> {
    let mut problems = Problems::new();
    let mut rows = Vec::new();
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match rdr.headers() {
        Ok(h) => h.iter().map(|s| s.to_lowercase()).collect(),
        Err(_) => return Err(Problems::single("row 1", Problem::new("csv_unreadable"))),
    };
    let expected = [
        "kind", "code", "area", "name_hu", "name_pl", "name_ru", "name_en",
    ];
    if headers != expected {
        return Err(Problems::single(
            "row 1",
            Problem::new("csv_header").text("expected", expected.join(",")),
        ));
    }
    for (i, rec) in rdr.records().enumerate() {
        let line = i + 2;
        let field = format!("row {line}");
        let rec = match rec {
            Ok(r) => r,
            Err(_) => {
                problems.add(field, Problem::new("csv_unreadable"));
                continue;
            }
        };
        if rec.len() != expected.len() {
            problems.add(
                field,
                Problem::new("csv_columns")
                    .num("expected", expected.len() as i64)
                    .num("found", rec.len() as i64),
            );
            continue;
        }
        let get = |k: usize| rec.get(k).unwrap_or("").to_owned();
        let kind = get(0).to_lowercase();
        if !matches!(kind.as_str(), "framework" | "area" | "competence") {
            problems.add(
                field.clone(),
                Problem::new("csv_kind").text("kind", kind.clone()),
            );
        }
        let code = match check_framework_code(&get(1)) {
            Ok(c) => c,
            Err(p) => {
                problems.add(field.clone(), p);
                String::new()
            }
        };
        let names = Localized::new(Some(get(3)), Some(get(4)), Some(get(5)), Some(get(6)));
        if names.is_empty() {
            problems.add(field.clone(), Problem::new("name_required_any_language"));
        }
        for (_, n) in names.iter() {
            if let Err(p) = check_text(n, 300) {
                problems.add(field.clone(), p);
            } else if n.chars().any(is_hidden_char) {
                problems.add(field.clone(), Problem::new("text_control_chars"));
            }
        }
        rows.push(Row {
            line,
            kind,
            code,
            area: get(2),
            names,
        });
    }
    if rows.is_empty() && problems.is_empty() {
        problems.add("row 2", Problem::new("csv_empty"));
    }
    // Structure: one framework row first, codes unique, competences in known areas.
    if let Some(first) = rows.first()
        && first.kind != "framework"
    {
        problems.add(
            format!("row {}", first.line),
            Problem::new("csv_framework_first"),
        );
    }
    let areas: HashSet<&str> = rows
        .iter()
        .filter(|r| r.kind == "area")
        .map(|r| r.code.as_str())
        .collect();
    let mut seen: HashSet<(&str, &str)> = HashSet::new();
    for r in &rows {
        let field = format!("row {}", r.line);
        if r.kind == "framework" && r.line != 2 {
            problems.add(field.clone(), Problem::new("csv_framework_first"));
        }
        if !r.code.is_empty() && !seen.insert((r.kind.as_str(), r.code.as_str())) {
            problems.add(
                field.clone(),
                Problem::new("csv_duplicate_code").text("code", r.code.clone()),
            );
        }
        if r.kind == "competence" && !areas.contains(r.area.as_str()) {
            problems.add(
                field,
                Problem::new("csv_area_unknown").text("area", r.area.clone()),
            );
        }
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    }
}

impl App {
    /// Inserts the shipped frameworks that are missing (run at start; safe to repeat).
    pub(crate) async fn seed_frameworks(&self) -> Result<()> {
        for f in SHIPPED {
            if q::find_framework_by_code(self.db(), f.code)
                .await?
                .is_some()
            {
                continue;
            }
            let tx = begin_write(self.writer()).await?;
            if q::find_framework_by_code(&tx, f.code).await?.is_none() {
                insert_seed(&tx, f).await?;
                tx.commit().await?;
            }
        }
        Ok(())
    }

    /// The frameworks as they are in the database now.
    pub async fn load_frameworks(&self) -> Result<FrameworkTree> {
        Ok(FrameworkTree::from_rows(q::frameworks(self.db()).await?))
    }

    /// Imports a framework from CSV. Nothing is stored unless every row is right.
    pub async fn import_framework(
        &self,
        actor: &Actor,
        csv_text: &str,
        meta: &Meta,
    ) -> Result<ImportReport> {
        if !policy::may_manage_frameworks(actor) {
            return Err(Error::Forbidden);
        }
        let rows = parse_csv(csv_text)?;
        let Some(head) = rows.first() else {
            return Err(Error::invalid_field("row 2", "csv_empty"));
        };
        if q::find_framework_by_code(self.db(), &head.code)
            .await?
            .is_some()
        {
            return Err(Error::Invalid(Problems::single(
                "row 2",
                Problem::new("framework_exists").text("code", head.code.clone()),
            )));
        }
        let now = Utc::now();
        let fid = Uuid::now_v7();
        let [hu, pl, ru, en] = [
            head.names.hu.clone(),
            head.names.pl.clone(),
            head.names.ru.clone(),
            head.names.en.clone(),
        ];
        let mut area_ids: HashMap<String, Uuid> = HashMap::new();
        let mut areas = Vec::new();
        let mut comps = Vec::new();
        for (pos, r) in rows.iter().enumerate().skip(1) {
            let n = &r.names;
            if r.kind.as_str() == "area" {
                let id = Uuid::now_v7();
                area_ids.insert(r.code.clone(), id);
                areas.push(framework_area::Model {
                    id,
                    framework_id: fid,
                    code: r.code.clone(),
                    position: pos as i32,
                    name_hu: n.hu.clone(),
                    name_pl: n.pl.clone(),
                    name_ru: n.ru.clone(),
                    name_en: n.en.clone(),
                });
            }
        }
        for (pos, r) in rows.iter().enumerate().skip(1) {
            if r.kind == "competence" {
                let n = &r.names;
                let area_id = area_ids
                    .get(&r.area)
                    .copied()
                    .ok_or_else(|| Error::invalid_field("row", "csv_area_unknown"))?;
                comps.push(competence::Model {
                    id: Uuid::now_v7(),
                    framework_id: fid,
                    area_id,
                    code: r.code.clone(),
                    position: pos as i32,
                    name_hu: n.hu.clone(),
                    name_pl: n.pl.clone(),
                    name_ru: n.ru.clone(),
                    name_en: n.en.clone(),
                });
            }
        }
        let (area_count, comp_count) = (areas.len(), comps.len());
        let tx = begin_write(self.writer()).await?;
        q::insert_framework(
            &tx,
            framework::Model {
                id: fid,
                code: head.code.clone(),
                created_at: now,
                name_hu: hu,
                name_pl: pl,
                name_ru: ru,
                name_en: en,
            },
        )
        .await
        .map_err(|e| {
            if guildhall_store::is_unique_violation(&e) {
                Error::invalid_field("row 2", "framework_exists")
            } else {
                e.into()
            }
        })?;
        q::insert_areas(&tx, areas).await?;
        q::insert_competences(&tx, comps).await?;
        // A nil programme id in the change log tells every instance to reload the frameworks.
        q::record_change(&tx, Uuid::nil(), now).await?;
        self.audit(
            &tx,
            Some(actor.id),
            meta,
            Change::new("framework.import", "framework", fid).details(
                json!({ "code": head.code, "areas": area_count, "competences": comp_count }),
            ),
        )
        .await?;
        tx.commit().await?;
        self.refresh_catalogue().await?;
        Ok(ImportReport {
            framework: FrameworkId(fid),
            code: head.code.clone(),
            areas: area_count,
            competences: comp_count,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_frameworks_are_complete() {
        let d = &super::super::seed::DIGCOMPEDU;
        assert_eq!(d.areas.len(), 6);
        assert_eq!(d.areas.iter().map(|(_, c)| c.len()).sum::<usize>(), 22);
        for f in SHIPPED {
            for ((_, names), comps) in f.areas {
                assert!(names.iter().all(|n| !n.is_empty()));
                assert!(comps.iter().all(|(_, n)| n.iter().all(|x| !x.is_empty())));
            }
        }
    }

    #[test]
    fn csv_errors_are_reported_per_row() {
        let text = "kind,code,area,name_hu,name_pl,name_ru,name_en\n\
                    framework,ESCO-T,,,,,Teaching occupations\n\
                    area,A,,,,,Area A\n\
                    competence,A.1,A,,,,First\n\
                    competence,A.2,B,,,,Unknown area\n\
                    competence,A.1,A,,,,Duplicate\n\
                    competence,bad code!,A,,,,Bad code\n\
                    competence,A.3,A,,,,\n\
                    competence,A.4\n\
                    planet,X,,,,,Not a kind\n";
        let p = parse_csv(text).expect_err("problems");
        let found: Vec<(String, &str)> =
            p.0.iter()
                .map(|f| (f.field.clone(), f.problem.code))
                .collect();
        for expected in [
            ("row 5".to_owned(), "csv_area_unknown"),
            ("row 6".to_owned(), "csv_duplicate_code"),
            ("row 7".to_owned(), "code_invalid"),
            ("row 8".to_owned(), "name_required_any_language"),
            ("row 9".to_owned(), "csv_columns"),
            ("row 10".to_owned(), "csv_kind"),
        ] {
            assert!(
                found.contains(&(expected.0.clone(), expected.1)),
                "missing {expected:?} in {found:?}"
            );
        }
        assert!(
            !found
                .iter()
                .any(|(f, _)| f == "row 2" || f == "row 3" || f == "row 4"),
            "the good rows pass: {found:?}"
        );
        let bad_header = parse_csv("code,name\nx,y\n").expect_err("header");
        assert_eq!(bad_header.0[0].problem.code, "csv_header");
    }
}
