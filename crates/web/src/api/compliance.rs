//! Compliance over JSON: a person's standing against the rules that cover them, an
//! organisation's figures (and, with `?detail=people`, everyone's line), the rules, and the
//! facts that move cycles (employment start, leave).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::NaiveDate;
use guildhall_app::compliance::{Counts, OrgCompliance, PersonCompliance, Standing};
use guildhall_domain::compliance::{Counted, Rule};
use guildhall_domain::{OrgId, PersonId};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::{Done, actor, done};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{ApiError, ErrorBody};
use crate::extract::{ApiJson, ApiQuery, Id};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(my_compliance))
        .routes(routes!(person_compliance))
        .routes(routes!(organisation_compliance))
        .routes(routes!(rules))
        .routes(routes!(set_employment_start))
        .routes(routes!(add_leave))
}

#[derive(Serialize, ToSchema)]
pub struct GapBody {
    /// `source` or `area`.
    pub kind: String,
    /// The ledger source or the `FRAMEWORK:AREA` key.
    pub key: String,
    pub done_hours: f64,
    pub required_hours: f64,
}

#[derive(Serialize, ToSchema)]
pub struct StandingBody {
    pub rule: String,
    pub rule_name: String,
    /// `compliant`, `on_track`, `at_risk` or `overdue`.
    pub status: String,
    pub cycle_start: NaiveDate,
    /// The last day of the cycle, moved by leave.
    pub deadline: NaiveDate,
    pub hours_done: f64,
    pub hours_needed: f64,
    pub gaps: Vec<GapBody>,
    /// Whether the "one programme of N hours" requirement is met, where the rule has one.
    pub programme_met: Option<bool>,
    /// The deadline of an earlier cycle that ended unmet.
    pub missed_deadline: Option<NaiveDate>,
}

fn hours(minutes: i64) -> f64 {
    (minutes as f64 / 6.0).round() / 10.0
}

impl From<&Standing> for StandingBody {
    fn from(s: &Standing) -> Self {
        let e = &s.evaluation;
        StandingBody {
            rule: s.rule.to_string(),
            rule_name: s.rule_name.to_string(),
            status: e.status.as_str().to_owned(),
            cycle_start: e.cycle_start,
            deadline: e.deadline,
            hours_done: hours(e.done_minutes),
            hours_needed: hours(e.needed_minutes),
            gaps: e
                .gaps
                .iter()
                .map(|g| {
                    let (kind, key) = match &g.counted {
                        Counted::Source(s) => ("source", s.clone()),
                        Counted::Area(a) => ("area", a.clone()),
                    };
                    GapBody {
                        kind: kind.into(),
                        key,
                        done_hours: hours(g.done_minutes),
                        required_hours: hours(g.required_minutes),
                    }
                })
                .collect(),
            programme_met: e.programme_met,
            missed_deadline: e.missed_deadline,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct SuggestionBody {
    pub id: Uuid,
    pub code: String,
    pub title: String,
    pub hours: i32,
}

#[derive(Serialize, ToSchema)]
pub struct PersonComplianceBody {
    pub person: Uuid,
    pub name: String,
    /// One standing per rule that covers the person; empty when none does.
    pub standings: Vec<StandingBody>,
    /// Programmes with a free seat before the deadline that would close a gap.
    pub suggestions: Vec<SuggestionBody>,
}

impl From<&PersonCompliance> for PersonComplianceBody {
    fn from(c: &PersonCompliance) -> Self {
        PersonComplianceBody {
            person: c.person.0,
            name: c.name.clone(),
            standings: c.standings.iter().map(Into::into).collect(),
            suggestions: c
                .suggestions
                .iter()
                .map(|s| SuggestionBody {
                    id: s.programme.0,
                    code: s.code.clone(),
                    title: s.title.clone(),
                    hours: s.hours,
                })
                .collect(),
        }
    }
}

/// The caller's standing against every rule that covers them.
#[utoipa::path(get, path = "/api/v1/me/compliance", tag = "compliance", security(("bearer" = [])),
    responses((status = 200, body = PersonComplianceBody), (status = 401, body = ErrorBody)))]
async fn my_compliance(
    ctx: Ctx,
    State(st): State<AppState>,
) -> Result<Json<PersonComplianceBody>, ApiError> {
    let a = actor(&ctx)?;
    Ok(Json((&st.app.compliance_of(a, a.id).await?).into()))
}

/// A person's standing (the person, their institution heads, coordinators, administrators).
#[utoipa::path(get, path = "/api/v1/people/{id}/compliance", tag = "compliance", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = PersonComplianceBody), (status = 404, body = ErrorBody)))]
async fn person_compliance(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<PersonId>,
) -> Result<Json<PersonComplianceBody>, ApiError> {
    let a = actor(&ctx)?;
    Ok(Json((&st.app.compliance_of(a, id).await?).into()))
}

#[derive(Serialize, ToSchema)]
pub struct CountsBody {
    pub compliant: u64,
    pub on_track: u64,
    pub at_risk: u64,
    pub overdue: u64,
    /// People covered by a rule.
    pub total: u64,
}

impl From<&Counts> for CountsBody {
    fn from(c: &Counts) -> Self {
        CountsBody {
            compliant: c.compliant,
            on_track: c.on_track,
            at_risk: c.at_risk,
            overdue: c.overdue,
            total: c.total(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct GroupBody {
    pub key: String,
    pub name: Option<String>,
    pub counts: CountsBody,
}

#[derive(Serialize, ToSchema)]
pub struct StaffLineBody {
    pub person: Uuid,
    pub name: String,
    pub category: String,
    /// The person's least favourable standing.
    pub standing: StandingBody,
}

#[derive(Serialize, ToSchema)]
pub struct OrgComplianceBody {
    pub organisation: Uuid,
    pub name: String,
    /// Everyone working under the organisation, covered by a rule or not.
    pub people: u64,
    pub totals: CountsBody,
    pub by_rule: Vec<GroupBody>,
    /// The organisations directly below, each with its subtree's figures.
    pub by_organisation: Vec<GroupBody>,
    pub by_category: Vec<GroupBody>,
    /// Everyone's line, with `?detail=people`.
    pub people_detail: Option<Vec<StaffLineBody>>,
    /// With `?history=true`: the totals at the end of each of the last twelve months, then
    /// today.
    pub history: Option<Vec<HistoryPoint>>,
}

#[derive(Serialize, ToSchema)]
pub struct HistoryPoint {
    pub on: NaiveDate,
    pub counts: CountsBody,
}

impl From<&OrgCompliance> for OrgComplianceBody {
    fn from(c: &OrgCompliance) -> Self {
        let group = |k: &String, n: &Counts| GroupBody {
            key: k.clone(),
            name: None,
            counts: n.into(),
        };
        OrgComplianceBody {
            organisation: c.organisation.0,
            name: c.name.clone(),
            people: c.people,
            totals: (&c.totals).into(),
            by_rule: c.by_rule.iter().map(|(k, n)| group(k, n)).collect(),
            by_organisation: c
                .by_child
                .iter()
                .map(|(id, name, n)| GroupBody {
                    key: id.0.to_string(),
                    name: Some(name.clone()),
                    counts: n.into(),
                })
                .collect(),
            by_category: c.by_category.iter().map(|(k, n)| group(k, n)).collect(),
            people_detail: c.lines.as_ref().map(|ls| {
                ls.iter()
                    .map(|l| StaffLineBody {
                        person: l.person.0,
                        name: l.name.clone(),
                        category: l.category.clone(),
                        standing: (&l.standing).into(),
                    })
                    .collect()
            }),
            history: None,
        }
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrgComplianceQuery {
    /// `people` to list everyone's standing.
    pub detail: Option<String>,
    /// `true` for the figures at each of the last twelve month ends.
    pub history: Option<bool>,
}

/// An organisation's compliance figures (institution heads, coordinators and
/// administrators over it).
#[utoipa::path(get, path = "/api/v1/organisations/{id}/compliance", tag = "compliance", security(("bearer" = [])), params(("id" = Uuid, Path), OrgComplianceQuery),
    responses((status = 200, body = OrgComplianceBody), (status = 404, body = ErrorBody)))]
async fn organisation_compliance(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<OrgId>,
    ApiQuery(q): ApiQuery<OrgComplianceQuery>,
) -> Result<Json<OrgComplianceBody>, ApiError> {
    let a = actor(&ctx)?;
    let detail = q.detail.as_deref() == Some("people");
    let history = q.history.unwrap_or(false);
    let o = st
        .app
        .organisation_compliance(a, id, detail, history)
        .await?;
    let mut body: OrgComplianceBody = (&o).into();
    if history {
        body.history = Some(
            o.history
                .iter()
                .map(|(on, n)| HistoryPoint {
                    on: *on,
                    counts: n.into(),
                })
                .collect(),
        );
    }
    Ok(Json(body))
}

#[derive(Serialize, ToSchema)]
pub struct RuleList {
    /// Each rule as stored (see the rule's fields in the API guide).
    #[schema(value_type = Vec<Object>)]
    pub items: Vec<Rule>,
}

/// The active compliance rules.
#[utoipa::path(get, path = "/api/v1/compliance/rules", tag = "compliance", security(("bearer" = [])),
    responses((status = 200, body = RuleList), (status = 401, body = ErrorBody)))]
async fn rules(ctx: Ctx, State(st): State<AppState>) -> Result<Json<RuleList>, ApiError> {
    actor(&ctx)?;
    Ok(Json(RuleList {
        items: st.app.compliance_rules().await?.as_ref().clone(),
    }))
}

#[derive(Deserialize, ToSchema)]
pub struct EmploymentStartBody {
    pub started_on: NaiveDate,
}

/// Records the day a person started work; their cycles start from it (institution heads,
/// coordinators and administrators over the person).
#[utoipa::path(put, path = "/api/v1/people/{id}/employment-start", tag = "compliance", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = EmploymentStartBody,
    responses((status = 200, body = Done), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn set_employment_start(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<PersonId>,
    ApiJson(b): ApiJson<EmploymentStartBody>,
) -> Result<Json<Done>, ApiError> {
    let a = actor(&ctx)?;
    st.app
        .set_employment_start(a, id, b.started_on, &ctx.meta)
        .await?;
    Ok(done())
}

#[derive(Deserialize, ToSchema)]
pub struct LeaveBody {
    pub starts_on: NaiveDate,
    /// The last day of leave.
    pub ends_on: NaiveDate,
    pub reason: String,
}

#[derive(Serialize, ToSchema)]
pub struct LeaveCreated {
    pub id: Uuid,
}

/// Records a leave that pauses the person's cycle and moves their deadline.
#[utoipa::path(post, path = "/api/v1/people/{id}/leaves", tag = "compliance", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = LeaveBody,
    responses((status = 201, body = LeaveCreated), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn add_leave(
    ctx: Ctx,
    State(st): State<AppState>,
    Id(id): Id<PersonId>,
    ApiJson(b): ApiJson<LeaveBody>,
) -> Result<(StatusCode, Json<LeaveCreated>), ApiError> {
    let a = actor(&ctx)?;
    let id = st
        .app
        .add_leave(a, id, b.starts_on, b.ends_on, &b.reason, &ctx.meta)
        .await?;
    Ok((StatusCode::CREATED, Json(LeaveCreated { id })))
}
