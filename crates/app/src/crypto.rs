//! Random tokens, digests, form-token signatures and password hashing.
//!
//! Secrets handed to people (session cookies, API tokens, e-mail links) are random 256-bit
//! values; the database keeps only their SHA-256 digests, so a leaked database does not leak
//! working credentials. Passwords are hashed with Argon2id off the async threads, at most one
//! hash per core at a time: a burst of log-ins queues for the cores in arrival order instead
//! of sharing them (every hash slowed alike) and holding 19 MiB each.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};
use tokio::sync::Semaphore;

use crate::{Error, Result};

/// One permit per core for Argon2 work.
static HASHING: std::sync::LazyLock<Semaphore> = std::sync::LazyLock::new(|| {
    Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get()))
});

/// Runs `f` (Argon2 work) on a blocking thread once a core is free for it.
async fn hashing<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    let _permit = HASHING.acquire().await.ok()?;
    tokio::task::spawn_blocking(f).await.ok()
}

/// A core held for Argon2 work. Log-in takes its turn first and only then reserves its
/// attempt under the limits, so log-ins waiting in the queue hold no reservation.
pub(crate) struct HashTurn(
    #[expect(dead_code, reason = "held for its drop")] tokio::sync::SemaphorePermit<'static>,
);

/// Waits for a core to be free for Argon2 work.
pub(crate) async fn hash_turn() -> Result<HashTurn> {
    HASHING
        .acquire()
        .await
        .map(HashTurn)
        .map_err(|_| Error::Internal("password hashing stopped".into()))
}

/// 32 random bytes, base64url-encoded.
pub fn random_token() -> String {
    let mut buf = [0u8; 32];
    // The operating system's generator does not fail on supported platforms; should it, a
    // zeroed buffer would be a disaster, so stop the process rather than continue.
    if let Err(e) = getrandom::fill(&mut buf) {
        panic!("the system random number generator failed: {e}");
    }
    URL_SAFE_NO_PAD.encode(buf)
}

pub fn sha256_hex(s: &str) -> String {
    let d = Sha256::digest(s.as_bytes());
    let mut out = String::with_capacity(64);
    for b in d {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// An HMAC-SHA256 signature of `msg`, base64url-encoded.
pub fn sign(secret: &[u8], msg: &str) -> String {
    let mut mac = match <Hmac<Sha256> as KeyInit>::new_from_slice(secret) {
        Ok(m) => m,
        Err(_) => return String::new(),
    };
    mac.update(msg.as_bytes());
    URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
}

/// Compares two strings in time that does not depend on where they differ.
pub fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Hashes a password with Argon2id (default parameters: 19 MiB, 2 passes).
pub async fn hash_password(password: String) -> Result<String> {
    hashing(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| Error::Internal(format!("password hashing failed: {e}")))
    })
    .await
    .unwrap_or_else(|| Err(Error::Internal("password hashing stopped".into())))
}

/// Checks a password against a stored hash. With no hash, a dummy hash is checked instead so
/// that unknown accounts take as long as known ones.
pub async fn verify_password(password: String, hash: Option<String>) -> bool {
    match hash_turn().await {
        Ok(turn) => verify_password_in(&turn, password, hash).await,
        Err(_) => false,
    }
}

/// [`verify_password`], on a core already held.
pub(crate) async fn verify_password_in(
    _turn: &HashTurn,
    password: String,
    hash: Option<String>,
) -> bool {
    const DUMMY: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0Nn1L2lbZ9zOv5Lo1bQmPbO4YFZXrVH0xWwKVgq9m0w";
    let known = hash.is_some();
    let hash = hash.unwrap_or_else(|| DUMMY.to_owned());
    let ok = tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false);
    ok && known
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn passwords_hash_and_verify() {
        let h = hash_password("kecskemét barack".into())
            .await
            .expect("hash");
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("kecskemét barack".into(), Some(h.clone())).await);
        assert!(!verify_password("kecskemet barack".into(), Some(h)).await);
        assert!(!verify_password("anything".into(), None).await);
    }

    #[test]
    fn tokens_are_random_and_digests_stable() {
        assert_ne!(random_token(), random_token());
        assert_eq!(random_token().len(), 43);
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(same(&sign(b"k", "m"), &sign(b"k", "m")));
        assert!(!same(&sign(b"k", "m"), &sign(b"k", "n")));
    }
}
