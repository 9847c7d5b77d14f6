//! Log-in limits that hold under parallel attempts and that no stranger can turn into a lock.
//!
//! Every attempt first reserves a slot on three keys: the account and the address together,
//! the address alone, and the account alone (skipped when the browser carries this account's
//! known-device mark, so that its owner is never kept out by someone else's guessing). A key
//! lets a few attempts through freely; after that each further attempt must wait a delay that
//! doubles up to a ceiling. The reservation is a compare-and-set on the key's row, made
//! before the password is checked: of N attempts that arrive together each is counted once,
//! and at most the free number are ever checked. A right password gives the slots back.
//!
//! Keys are made from the address typed, not from an account found, so an address with no
//! account meets exactly the same limits and answers as one that has one.

use chrono::{DateTime, Duration, Utc};
use guildhall_store::entities::login_throttle;
use guildhall_store::identity as q;

use crate::crypto::sha256_hex;
use crate::{App, Error, Result};

/// How a key counts.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Limit {
    /// Attempts that go through before any waiting.
    pub free: i32,
    /// The longest wait between attempts.
    pub max_delay: Duration,
}

/// A key unused for this long starts again from nothing.
const IDLE_RESET: Duration = Duration::hours(1);

/// How often a lost race for a key's row is tried again before the attempt is told to wait.
const RACES: usize = 16;

/// The wait after the `n`-th attempt of a key: none while the free attempts last, then one
/// second, doubling, up to the ceiling.
pub(crate) fn delay_after(n: i32, limit: &Limit) -> Option<Duration> {
    if n < limit.free {
        return None;
    }
    let step = u32::try_from(n - limit.free).unwrap_or(u32::MAX).min(20);
    Some(Duration::seconds(1_i64 << step).min(limit.max_delay))
}

/// What a reservation found.
#[derive(Debug)]
pub(crate) enum Slot {
    /// The attempt may go on; it was the key's `n`-th.
    Go(i32),
    /// The key must wait this long.
    Wait(Duration),
}

// Keys are digests: whatever is typed as an address (or sent as a client address), a key has
// the same short length.

pub(crate) fn account_key(email: &str) -> String {
    sha256_hex(&format!("a:{email}"))
}

pub(crate) fn pair_key(email: &str, ip: &str) -> String {
    sha256_hex(&format!("p:{email}|{ip}"))
}

pub(crate) fn address_key(ip: &str) -> String {
    sha256_hex(&format!("i:{ip}"))
}

impl App {
    /// Reserves one attempt on `key`, or says how long it must wait.
    pub(crate) async fn reserve_attempt(&self, key: &str, limit: &Limit) -> Result<Slot> {
        for _ in 0..RACES {
            let now = self.now();
            let seen = q::find_throttle(self.writer(), key).await?;
            let live = seen.as_ref().filter(|r| r.last_at > now - IDLE_RESET);
            if let Some(until) = live.and_then(|r| r.blocked_until).filter(|u| *u > now) {
                return Ok(Slot::Wait(until - now));
            }
            let n = live.map_or(0, |r| r.attempts) + 1;
            let next = login_throttle::Model {
                key: key.to_owned(),
                attempts: n,
                last_at: now,
                blocked_until: delay_after(n, limit).map(|d| now + d),
                notified_at: seen.as_ref().and_then(|r| r.notified_at),
            };
            if q::swap_throttle(self.writer(), seen.as_ref(), next).await? {
                return Ok(Slot::Go(n));
            }
        }
        Ok(Slot::Wait(Duration::seconds(1)))
    }

    /// Reserves an attempt on every key in order; when one must wait, the slots already
    /// taken are given back and the longest wait is the answer.
    pub(crate) async fn reserve_attempts(&self, keys: &[(String, Limit)]) -> Result<Vec<i32>> {
        let mut taken = Vec::with_capacity(keys.len());
        for (key, limit) in keys {
            match self.reserve_attempt(key, limit).await? {
                Slot::Go(n) => taken.push(n),
                Slot::Wait(d) => {
                    for (k, _) in keys.iter().take(taken.len()) {
                        q::release_throttle(self.writer(), k).await?;
                    }
                    let ms = d.num_milliseconds().max(1).unsigned_abs();
                    let secs = ms.div_ceil(1000);
                    return Err(Error::RateLimited {
                        retry_after_secs: secs,
                    });
                }
            }
        }
        Ok(taken)
    }

    /// Gives back the slots of an attempt whose password was right. The failures before it
    /// still count (until the key is idle for an hour): a right password among parallel
    /// guesses must not open the way for more of them.
    pub(crate) async fn attempt_succeeded(&self, keys: &[(String, Limit)]) -> Result<()> {
        for (key, _) in keys {
            q::release_throttle(self.writer(), key).await?;
        }
        Ok(())
    }

    /// Whether the account's owner should be told of failed attempts now (at most once an
    /// hour per account).
    pub(crate) async fn claim_attempts_notice(
        &self,
        email: &str,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        Ok(q::claim_throttle_notice(
            self.writer(),
            &account_key(email),
            now,
            now - Duration::hours(1),
        )
        .await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_double_after_the_free_attempts_up_to_the_ceiling() {
        let l = Limit {
            free: 3,
            max_delay: Duration::minutes(15),
        };
        assert_eq!(delay_after(1, &l), None);
        assert_eq!(delay_after(2, &l), None);
        assert_eq!(delay_after(3, &l), Some(Duration::seconds(1)));
        assert_eq!(delay_after(4, &l), Some(Duration::seconds(2)));
        assert_eq!(delay_after(6, &l), Some(Duration::seconds(8)));
        assert_eq!(delay_after(40, &l), Some(Duration::minutes(15)));
        assert_eq!(delay_after(i32::MAX, &l), Some(Duration::minutes(15)));
    }
}
