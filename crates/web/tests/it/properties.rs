//! Property tests of the enrolment state machine: random sequences of sign-ups,
//! cancellations, decisions, removals, offers, capacity changes and expiries against the real
//! database. After every step the seat counter matches the seat-holding enrolments and never
//! exceeds capacity, the waiting-list counter matches the people waiting, nobody waits while
//! a seat is free, nobody holds two places, and nobody
//! waits who arrived before someone holding a seat.

use chrono::Duration;
use guildhall_app::{Actor, Error, Meta};
use guildhall_domain::identity::Role;
use guildhall_domain::{EnrolmentId, SessionId};
use guildhall_testkit::TestApp;
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Op {
    SignUp(usize),
    Cancel(usize),
    Decide(usize, bool),
    Remove(usize),
    Accept(usize),
    Capacity(i32),
    Expire,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..6usize).prop_map(Op::SignUp),
        2 => (0..6usize).prop_map(Op::Cancel),
        2 => (0..6usize, any::<bool>()).prop_map(|(p, a)| Op::Decide(p, a)),
        1 => (0..6usize).prop_map(Op::Remove),
        1 => (0..6usize).prop_map(Op::Accept),
        1 => (1..5i32).prop_map(Op::Capacity),
        1 => Just(Op::Expire),
    ]
}

/// Errors a refused move may end in; anything else is a failure.
fn acceptable(e: &Error) -> bool {
    matches!(
        e,
        Error::Conflict(_)
            | Error::Refused(_)
            | Error::NotFound
            | Error::Forbidden
            | Error::Invalid(_)
    )
}

async fn check(t: &TestApp, session: SessionId) -> Result<(), String> {
    let s = guildhall_store::sessions::find_session(t.app.db(), session.0)
        .await
        .map_err(|e| e.to_string())?
        .ok_or("no session")?;
    let rows = guildhall_store::sessions::enrolments_of_session(t.app.db(), session.0)
        .await
        .map_err(|e| e.to_string())?;
    let holders: Vec<i64> = rows
        .iter()
        .filter(|e| ["confirmed", "pending_approval", "offered"].contains(&e.status.as_str()))
        .map(|e| e.seq)
        .collect();
    let waiting: Vec<i64> = rows
        .iter()
        .filter(|e| e.status == "waitlisted")
        .map(|e| e.seq)
        .collect();
    if s.taken as usize != holders.len() {
        return Err(format!(
            "taken {} but {} hold seats",
            s.taken,
            holders.len()
        ));
    }
    if s.taken > s.capacity {
        return Err(format!("overbooked: {} of {}", s.taken, s.capacity));
    }
    if s.waiting as usize != waiting.len() {
        return Err(format!(
            "waiting counter {} but {} wait",
            s.waiting,
            waiting.len()
        ));
    }
    if !waiting.is_empty() && s.taken < s.capacity {
        return Err(format!(
            "{} waiting with {} of {} seats taken",
            waiting.len(),
            s.taken,
            s.capacity
        ));
    }
    if let (Some(h), Some(w)) = (holders.iter().max(), waiting.iter().min())
        && w < h
    {
        return Err(format!(
            "someone waits (seq {w}) who arrived before a seat-holder (seq {h})"
        ));
    }
    let mut people: Vec<uuid::Uuid> = rows
        .iter()
        .filter(|e| e.active_session.is_some())
        .map(|e| e.person_id)
        .collect();
    let n = people.len();
    people.sort();
    people.dedup();
    if people.len() != n {
        return Err("someone holds two places".into());
    }
    Ok(())
}

async fn latest(t: &TestApp, actor: &Actor, session: SessionId) -> Option<EnrolmentId> {
    guildhall_store::sessions::enrolments_of_person(t.app.db(), actor.id.0)
        .await
        .ok()?
        .into_iter()
        .find(|e| e.session_id == session.0)
        .map(|e| EnrolmentId(e.id))
}

async fn run(ops: Vec<Op>, capacity: i32, approval: bool, offers: bool) -> Result<(), String> {
    let t = TestApp::new().await;
    let cw = t.catalog_world().await;
    let p = t.published_programme(&cw, "PROP", "Property", &[]).await;
    let session = t
        .open_session(&cw, p, capacity, |i| {
            i.requires_approval = approval;
            i.offer_waitlist = offers;
            i.hold_days = 1;
            i.offer_hours = 12;
        })
        .await;
    let meta = Meta::console();
    let mut people = Vec::new();
    for i in 0..6 {
        let who = t
            .person(
                &format!("p{i}@x.org"),
                Some(cw.w.school),
                &[(Role::Learner, Some(cw.w.school))],
            )
            .await;
        people.push(
            t.app
                .console_actor(&who.email)
                .await
                .map_err(|e| e.to_string())?,
        );
    }
    let head = t
        .app
        .console_actor(&cw.head.email)
        .await
        .map_err(|e| e.to_string())?;
    let trainer = t
        .app
        .console_actor(&cw.trainer.email)
        .await
        .map_err(|e| e.to_string())?;
    let provider = t
        .app
        .console_actor(&cw.provider.email)
        .await
        .map_err(|e| e.to_string())?;
    for (step, op) in ops.iter().enumerate() {
        let result: Result<(), Error> = match op {
            Op::SignUp(i) => t
                .app
                .sign_up(&people[*i], session, None, &meta)
                .await
                .map(|_| ()),
            Op::Cancel(i) => match latest(&t, &people[*i], session).await {
                Some(e) => t.app.cancel_enrolment(&people[*i], e, &meta).await,
                None => Ok(()),
            },
            Op::Decide(i, approve) => match latest(&t, &people[*i], session).await {
                Some(e) => {
                    t.app
                        .decide_enrolment(&head, e, *approve, None, &meta)
                        .await
                }
                None => Ok(()),
            },
            Op::Remove(i) => match latest(&t, &people[*i], session).await {
                Some(e) => t.app.remove_enrolment(&trainer, e, None, &meta).await,
                None => Ok(()),
            },
            Op::Accept(i) => match latest(&t, &people[*i], session).await {
                Some(e) => t.app.accept_offer(&people[*i], e, &meta).await,
                None => Ok(()),
            },
            Op::Capacity(c) => t.app.set_capacity(&provider, session, *c, &meta).await,
            Op::Expire => {
                t.app.clock().advance(Duration::days(2));
                t.app.expire_holds().await.map(|_| ())
            }
        };
        if let Err(e) = &result
            && !acceptable(e)
        {
            return Err(format!("step {step} {op:?}: {e}"));
        }
        check(&t, session)
            .await
            .map_err(|e| format!("after step {step} {op:?}: {e}"))?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, max_shrink_iters: 200, ..ProptestConfig::default() })]

    #[test]
    fn the_seat_invariants_hold_whatever_happens(
        ops in proptest::collection::vec(op(), 1..28),
        capacity in 1..4i32,
        approval in any::<bool>(),
        offers in any::<bool>(),
    ) {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("a runtime");
        let outcome = rt.block_on(run(ops, capacity, approval, offers));
        prop_assert!(outcome.is_ok(), "{}", outcome.err().unwrap_or_default());
    }
}
