//! The organisation tree: countries, regions, clusters, institutions, providers, employers.
//!
//! Nodes are created under a parent of a fitting kind (see `OrgKind::may_be_under`) and
//! keep the path of their ancestors, which is how roles granted higher up reach them.
//! Re-parenting is not offered: it would silently move authority and history.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use guildhall_domain::org::{self as rules, OrgKind};
use guildhall_domain::{Lang, Localized, OrgId, Problem, Problems};
use guildhall_store::begin_write;
use guildhall_store::entities::organisation;
use guildhall_store::org as q;
use sea_orm::{IntoActiveModel, Set};
use serde_json::json;

use crate::audit::Change;
use crate::policy::{self, OrgNode};
use crate::{Actor, App, Error, Meta, Result};

/// What a policy needs of a stored node.
pub fn node(o: &organisation::Model) -> Option<OrgNode<'_>> {
    Some(OrgNode {
        kind: OrgKind::parse(&o.kind)?,
        path: &o.path,
    })
}

pub fn names_of(o: &organisation::Model) -> Localized {
    Localized {
        hu: o.name_hu.clone(),
        pl: o.name_pl.clone(),
        ru: o.name_ru.clone(),
        en: o.name_en.clone(),
    }
}

/// A node named in the reader's language.
#[derive(Clone, Debug)]
pub struct OrgSummary {
    pub id: OrgId,
    pub kind: OrgKind,
    pub code: String,
    pub name: String,
    pub depth: i32,
    pub parent: Option<OrgId>,
}

impl OrgSummary {
    pub fn from_model(o: &organisation::Model, lang: Lang) -> Self {
        OrgSummary {
            id: OrgId(o.id),
            kind: OrgKind::parse(&o.kind).unwrap_or(OrgKind::Institution),
            code: o.code.clone(),
            name: names_of(o).get(lang).to_owned(),
            depth: o.depth,
            parent: o.parent_id.map(OrgId),
        }
    }
}

#[derive(Clone, Debug)]
pub struct OrgView {
    pub id: OrgId,
    pub parent: Option<OrgId>,
    pub kind: OrgKind,
    pub code: String,
    pub names: Localized,
    pub depth: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl OrgView {
    pub fn from_model(o: &organisation::Model) -> Self {
        OrgView {
            id: OrgId(o.id),
            parent: o.parent_id.map(OrgId),
            kind: OrgKind::parse(&o.kind).unwrap_or(OrgKind::Institution),
            code: o.code.clone(),
            names: names_of(o),
            depth: o.depth,
            created_at: o.created_at,
            updated_at: o.updated_at,
        }
    }
}

#[derive(Clone, Debug)]
pub struct OrgDetail {
    pub org: OrgView,
    pub ancestors: Vec<OrgSummary>,
    pub children: Vec<OrgSummary>,
    pub members: u64,
    pub editable: bool,
    /// Kinds of node the viewer may create under this one.
    pub creatable_children: Vec<OrgKind>,
    /// Whether the viewer may see the compliance of the people under this node.
    pub staff_compliance: bool,
}

/// The time zones organisations name, by organisation.
pub type Zones = std::collections::HashMap<uuid::Uuid, guildhall_domain::Zone>;

/// The zone named nearest to the node at `path` (on it or above it).
fn zone_on_path(zones: &Zones, path: &str) -> Option<guildhall_domain::Zone> {
    path.split('/')
        .filter_map(|s| s.parse::<uuid::Uuid>().ok())
        .filter_map(|id| zones.get(&id).copied())
        .next_back()
}

/// A new node, as typed into the form.
#[derive(Clone, Debug, Default)]
pub struct NewOrg {
    pub parent: Option<OrgId>,
    pub kind: String,
    pub code: String,
    pub names: Localized,
    /// An IANA time zone, for a region or country whose sessions keep their own time.
    pub time_zone: Option<String>,
}

fn check_names(p: &mut Problems, names: &Localized) {
    if names.is_empty() {
        p.add("name", Problem::new("name_required_any_language"));
    }
    for (lang, text) in names.iter() {
        if text.chars().count() > rules::ORG_NAME_MAX {
            p.add(
                format!("name_{lang}"),
                Problem::new("text_too_long").num("max", rules::ORG_NAME_MAX as i64),
            );
        }
        if text.chars().any(guildhall_domain::identity::is_hidden_char) {
            p.add(format!("name_{lang}"), Problem::new("text_control_chars"));
        }
    }
}

impl App {
    pub async fn create_org(&self, actor: &Actor, input: NewOrg, meta: &Meta) -> Result<OrgId> {
        let mut p = Problems::new();
        let kind = match OrgKind::parse(input.kind.trim()) {
            Some(k) => Some(k),
            None => {
                p.add("kind", Problem::new("org_kind_unknown"));
                None
            }
        };
        let code = p.check("code", rules::check_code(&input.code));
        check_names(&mut p, &input.names);
        let zone = match input
            .time_zone
            .as_deref()
            .map(str::trim)
            .filter(|z| !z.is_empty())
        {
            Some(z) => p.check("time_zone", guildhall_domain::Zone::parse(z)),
            None => None,
        };
        if let Some(c) = &code
            && q::find_by_code(self.db(), c).await?.is_some()
        {
            p.add("code", Problem::new("code_taken"));
        }
        let parent = match input.parent {
            Some(id) => match q::find(self.db(), id.0).await? {
                Some(o) => Some(o),
                None => {
                    p.add("parent", Problem::new("organisation_unknown"));
                    None
                }
            },
            None => None,
        };
        if let Some(kind) = kind {
            let parent_node = parent.as_ref().and_then(node);
            if !policy::may_create_org(actor, parent_node.as_ref(), kind) {
                return Err(Error::Forbidden);
            }
            if (input.parent.is_none() || parent.is_some())
                && !kind.may_be_under(parent_node.map(|n| n.kind))
            {
                p.add("kind", Problem::new("org_kind_not_allowed_here"));
            }
        } else if !actor.has_role(guildhall_domain::identity::Role::Administrator)
            && !actor.has_role(guildhall_domain::identity::Role::RegionalCoordinator)
        {
            return Err(Error::Forbidden);
        }
        p.into_result()?;
        let (Some(kind), Some(code)) = (kind, code) else {
            return Err(Error::Internal("validated fields missing".into()));
        };
        let id = OrgId::new();
        let path = rules::child_path(parent.as_ref().map(|o| o.path.as_str()), id);
        let now = self.now();
        let tx = begin_write(self.writer()).await?;
        if q::find_by_code(&tx, &code).await?.is_some() {
            return Err(Error::Invalid(Problems::single(
                "code",
                Problem::new("code_taken"),
            )));
        }
        q::insert(
            &tx,
            organisation::Model {
                id: id.0,
                parent_id: parent.as_ref().map(|o| o.id),
                kind: kind.as_str().to_owned(),
                code: code.clone(),
                name_hu: input.names.hu.clone(),
                name_pl: input.names.pl.clone(),
                name_ru: input.names.ru.clone(),
                name_en: input.names.en.clone(),
                path: path.clone(),
                depth: parent.as_ref().map_or(0, |o| o.depth + 1),
                created_at: now,
                updated_at: now,
                time_zone: zone.map(|z| z.name().to_owned()),
            },
        )
        .await
        .map_err(|e| {
            if guildhall_store::is_unique_violation(&e) {
                Error::Invalid(Problems::single("code", Problem::new("code_taken")))
            } else {
                e.into()
            }
        })?;
        self.audit(
            &tx,
            Some(actor.id),
            meta,
            Change::new("organisation.create", "organisation", id)
                .scope(Some(path))
                .details(json!({ "kind": kind.as_str(), "code": code, "parent": input.parent })),
        )
        .await?;
        tx.commit().await?;
        self.forget_countries();
        self.forget_zones();
        Ok(id)
    }

    /// Renames a node or changes its code.
    pub async fn update_org(
        &self,
        actor: &Actor,
        id: OrgId,
        code: &str,
        names: Localized,
        meta: &Meta,
    ) -> Result<OrgView> {
        let o = q::find(self.db(), id.0).await?.ok_or(Error::NotFound)?;
        let Some(n) = node(&o) else {
            return Err(Error::NotFound);
        };
        if !policy::may_edit_org(actor, &n) {
            return Err(Error::Forbidden);
        }
        let mut p = Problems::new();
        let code = p.check("code", rules::check_code(code));
        check_names(&mut p, &names);
        p.into_result()?;
        let code = code.unwrap_or_default();
        let tx = begin_write(self.writer()).await?;
        if code != o.code && q::find_by_code(&tx, &code).await?.is_some() {
            return Err(Error::Invalid(Problems::single(
                "code",
                Problem::new("code_taken"),
            )));
        }
        let path = o.path.clone();
        let mut am = o.into_active_model();
        am.code = Set(code);
        am.name_hu = Set(names.hu.clone());
        am.name_pl = Set(names.pl.clone());
        am.name_ru = Set(names.ru.clone());
        am.name_en = Set(names.en.clone());
        am.updated_at = Set(self.now());
        let updated = q::update(&tx, am).await?;
        self.audit(
            &tx,
            Some(actor.id),
            meta,
            Change::new("organisation.update", "organisation", id).scope(Some(path)),
        )
        .await?;
        tx.commit().await?;
        self.forget_countries();
        self.forget_zones();
        Ok(OrgView::from_model(&updated))
    }

    /// The whole tree, parents before children, named in the caller's language.
    pub async fn list_orgs(&self, actor: &Actor) -> Result<Vec<OrgView>> {
        if !policy::may_view_orgs(actor) {
            return Err(Error::Forbidden);
        }
        Ok(q::all(self.db())
            .await?
            .iter()
            .map(OrgView::from_model)
            .collect())
    }

    /// The time zone of the node at `path`: the nearest zone named on it or above it, else the
    /// deployment's.
    pub async fn zone_for_provider(&self, path: &str) -> Result<guildhall_domain::Zone> {
        let zones = self.zones().await?;
        Ok(zone_on_path(&zones, path).unwrap_or(self.config().time_zone))
    }

    /// The zone a person sees times in: the zone of the deepest part of the tree they hold a
    /// role in (their workplace, for most), else the deployment's.
    pub async fn viewer_zone(&self, actor: Option<&Actor>) -> Result<guildhall_domain::Zone> {
        let default = self.config().time_zone;
        let Some(a) = actor else {
            return Ok(default);
        };
        let Some(deepest) = a
            .grants
            .iter()
            .map(|g| g.scope.as_str())
            .max_by_key(|s| s.len())
        else {
            return Ok(default);
        };
        let zones = self.zones().await?;
        Ok(zone_on_path(&zones, deepest).unwrap_or(default))
    }

    /// The zones organisations name, read at most every 30 seconds (and at once again after
    /// this instance changed an organisation).
    async fn zones(&self) -> Result<Arc<Zones>> {
        {
            let cached = self.inner.zones.read().unwrap_or_else(|e| e.into_inner());
            if let Some((at, z)) = cached.as_ref()
                && at.elapsed() < std::time::Duration::from_secs(30)
            {
                return Ok(z.clone());
            }
        }
        let z: Arc<Zones> = Arc::new(
            q::zones(self.db())
                .await?
                .into_iter()
                .filter_map(|(id, z)| Some((id, guildhall_domain::Zone::parse(&z).ok()?)))
                .collect(),
        );
        *self.inner.zones.write().unwrap_or_else(|e| e.into_inner()) =
            Some((std::time::Instant::now(), z.clone()));
        Ok(z)
    }

    pub(crate) fn forget_zones(&self) {
        *self.inner.zones.write().unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// Organisations a newcomer may say they belong to when registering.
    pub async fn joinable_orgs(&self, lang: Lang) -> Result<Vec<OrgSummary>> {
        let mut out: Vec<OrgSummary> = q::all(self.db())
            .await?
            .iter()
            .filter(|o| {
                matches!(
                    OrgKind::parse(&o.kind),
                    Some(OrgKind::Institution | OrgKind::Provider | OrgKind::Employer)
                )
            })
            .map(|o| OrgSummary::from_model(o, lang))
            .collect();
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    pub async fn get_org(&self, actor: &Actor, id: OrgId) -> Result<OrgDetail> {
        if !policy::may_view_orgs(actor) {
            return Err(Error::Forbidden);
        }
        let o = q::find(self.db(), id.0).await?.ok_or(Error::NotFound)?;
        let lang = actor.lang;
        let ancestor_ids: Vec<uuid::Uuid> = o
            .path
            .split('/')
            .filter_map(|s| s.parse().ok())
            .filter(|u| *u != o.id)
            .collect();
        let mut ancestors = q::find_many(self.db(), &ancestor_ids).await?;
        ancestors.sort_by_key(|a| a.depth);
        let children = q::children(self.db(), o.id).await?;
        let members = q::member_count(self.db(), o.id).await?;
        let n = node(&o).ok_or(Error::NotFound)?;
        let creatable_children = OrgKind::ALL
            .iter()
            .copied()
            .filter(|k| k.may_be_under(Some(n.kind)) && policy::may_create_org(actor, Some(&n), *k))
            .collect();
        Ok(OrgDetail {
            editable: policy::may_edit_org(actor, &n),
            staff_compliance: policy::may_view_staff_compliance(actor, &o.path),
            creatable_children,
            org: OrgView::from_model(&o),
            ancestors: ancestors
                .iter()
                .map(|a| OrgSummary::from_model(a, lang))
                .collect(),
            children: children
                .iter()
                .map(|c| OrgSummary::from_model(c, lang))
                .collect(),
            members,
        })
    }

    /// Organisations the caller may add people to or grant roles over.
    pub async fn manageable_orgs(&self, actor: &Actor) -> Result<Vec<OrgSummary>> {
        use guildhall_domain::identity::Role;
        let all = q::all(self.db()).await?;
        Ok(all
            .iter()
            .filter(|o| {
                actor.holds_any(
                    &[
                        Role::Administrator,
                        Role::RegionalCoordinator,
                        Role::InstitutionHead,
                    ],
                    &o.path,
                )
            })
            .map(|o| OrgSummary::from_model(o, actor.lang))
            .collect())
    }
}

impl App {
    /// Every region, named in `lang`, for choosing where programmes and sessions are offered.
    pub async fn regions(&self, lang: Lang) -> Result<Vec<OrgSummary>> {
        let mut out: Vec<OrgSummary> = q::all(self.db())
            .await?
            .iter()
            .filter(|o| OrgKind::parse(&o.kind) == Some(OrgKind::Region))
            .map(|o| OrgSummary::from_model(o, lang))
            .collect();
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }
}
