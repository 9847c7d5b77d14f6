//! The signed-in home page: for each role a person holds, what they have next and what waits
//! for them, each read as a count or a short list so the page stays within its statement
//! budget whatever roles are combined.

use chrono::NaiveDate;
use guildhall_domain::catalog::VersionState;
use guildhall_domain::identity::Role;
use guildhall_domain::sessions::{EnrolmentStatus, SessionState};
use guildhall_domain::{OrgId, SessionId};

use crate::compliance::{Standing, Suggestion};
use crate::sessions::TeachingRow;
use crate::{Actor, App, Result, policy};

/// One of the person's places in a session still to come (or under way).
#[derive(Clone, Debug)]
pub struct NextPlace {
    pub session: SessionId,
    pub title: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub state: SessionState,
    pub status: EnrolmentStatus,
}

/// What the home page shows a signed-in person.
#[derive(Clone, Debug, Default)]
pub struct Home {
    /// Their places to come, soonest first.
    pub places: Vec<NextPlace>,
    /// Their standing under each rule that applies to them.
    pub standings: Vec<Standing>,
    /// Programmes that would close their gaps.
    pub suggestions: Vec<Suggestion>,
    /// Invitations to join organisations waiting for them.
    pub invitations: usize,
    /// The sessions they teach, what is due first (trainers).
    pub teaching: Option<Vec<TeachingRow>>,
    /// Sign-ups waiting for their approval (heads, coordinators, administrators).
    pub approvals: Option<usize>,
    /// Requests to join their organisations.
    pub applications: Option<u64>,
    /// Where their staff's compliance is.
    pub staff_org: Option<OrgId>,
    /// Their programmes with a draft (new, or returned by a reviewer) to finish (providers).
    pub drafts: Option<usize>,
    /// Versions waiting for their review (reviewers).
    pub reviews: Option<usize>,
}

impl App {
    /// The caller's home page.
    pub async fn home(&self, actor: &Actor) -> Result<Home> {
        let mut h = Home::default();
        let today = self.local_now().date();
        let staff = policy::people_scopes(actor);
        let teaches = actor.has_role(Role::Trainer);
        for (e, s) in
            guildhall_store::sessions::upcoming_places(self.db(), actor.id.0, today, 5).await?
        {
            h.places.push(NextPlace {
                session: SessionId(s.id),
                title: String::new(),
                starts_on: s.starts_on,
                ends_on: s.ends_on,
                state: SessionState::parse(&s.state).unwrap_or(SessionState::Open),
                status: EnrolmentStatus::parse(&e.status).unwrap_or(EnrolmentStatus::Confirmed),
            });
        }
        if !h.places.is_empty() {
            let ids: Vec<uuid::Uuid> = h.places.iter().map(|p| p.session.0).collect();
            let titles = self.titles_of_sessions(&ids, actor.lang).await?;
            for p in &mut h.places {
                p.title = titles.get(&p.session.0).cloned().unwrap_or_default();
            }
        }
        // A trainer's day is their sessions; everyone else's standing comes first.
        if teaches {
            let mut rows = self.teaching(actor).await?;
            rows.truncate(5);
            h.teaching = Some(rows);
        } else {
            let mine = self.compliance_of(actor, actor.id).await?;
            h.standings = mine.standings;
            h.suggestions = mine.suggestions;
            h.invitations = self
                .my_membership_requests(actor)
                .await?
                .iter()
                .filter(|r| r.decidable)
                .count();
        }
        if let Some(scopes) = &staff {
            h.approvals = Some(self.pending_approvals(actor).await?.len());
            h.applications =
                Some(guildhall_store::identity::count_open_applications(self.db(), scopes).await?);
            h.staff_org = policy::oversight_org(actor);
        }
        if actor.has_role(Role::Provider) {
            h.drafts = Some(
                self.my_programmes(actor)
                    .await?
                    .iter()
                    .filter(|p| p.state == VersionState::Draft)
                    .count(),
            );
        }
        if policy::review_scopes(actor).is_some() {
            h.reviews = Some(self.review_queue(actor).await?.len());
        }
        Ok(h)
    }
}
