//! Lookups that arrive together are answered together.
//!
//! Every request starts by finding who sent it, by its bearer token or its session cookie.
//! Under load hundreds of requests arrive at once, and a statement for each costs the
//! database more in per-statement work (a round trip, a snapshot, an executor, a process to
//! wake on a busy machine) than the index lookup itself. A [`Batcher`] hands each key to a
//! task of its own, which takes every key waiting and answers them with one statement. With
//! nothing else waiting a key is looked up alone, so a quiet server answers as fast as
//! before. At most [`IN_FLIGHT`] statements of one batcher run at once: keys that arrive
//! while they run wait for the next statement, and a slow statement holds up only its own.
//!
//! What a batcher keeps is only the queue of questions in flight; every answer comes from
//! the database, so several instances need nothing shared.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, OnceLock, Weak};

use tokio::sync::{Semaphore, mpsc, oneshot};

use crate::{App, Error, Inner, Result};

/// The most keys one statement looks up. The keys travel in the statement: a hundred
/// digests of 64 characters stay within one 16 KB TLS record, and a statement that spills
/// into a second record can wait ~40 ms for a delayed acknowledgement (see
/// `guildhall_store::RUN_BYTES`).
pub(crate) const MAX_BATCH: usize = 100;
/// Statements of one batcher running at once.
pub(crate) const IN_FLIGHT: usize = 2;

/// A key and where its answer goes: what was found, and the statements the batch ran.
type Ask<K, V> = (K, oneshot::Sender<(Result<Option<V>>, u32)>);

/// What a batch's lookup returns: for each key, in the order given, what was found.
pub(crate) type Found<V> = Pin<Box<dyn Future<Output = Result<Vec<Option<V>>>> + Send>>;

/// The lookup a batcher runs for a batch of keys.
pub(crate) type Lookup<K, V> = fn(App, Vec<K>) -> Found<V>;

pub(crate) struct Batcher<K, V> {
    queue: OnceLock<mpsc::Sender<Ask<K, V>>>,
}

impl<K: Send + 'static, V: Send + 'static> Batcher<K, V> {
    pub(crate) const fn new() -> Self {
        Batcher {
            queue: OnceLock::new(),
        }
    }

    /// Looks `key` up together with whatever else is asked meanwhile. The batcher's task
    /// starts on the first question, with `lookup` as its statement.
    pub(crate) async fn ask(&self, app: &App, key: K, lookup: Lookup<K, V>) -> Result<Option<V>> {
        let queue = self.queue.get_or_init(|| {
            let (tx, rx) = mpsc::channel(4 * MAX_BATCH);
            tokio::spawn(run(Arc::downgrade(&app.inner), rx, lookup));
            tx
        });
        let (reply, answer) = oneshot::channel();
        queue
            .send((key, reply))
            .await
            .map_err(|_| Error::Unavailable)?;
        let (found, statements) = answer.await.map_err(|_| Error::Unavailable)?;
        // The request's statement count includes the lookup it shared.
        guildhall_store::count_statements(statements);
        found
    }
}

/// The batcher's task: waits for a free statement, takes every key waiting, and answers
/// them in a task of their own, until the application is dropped. A batch whose task panics
/// fails only its own questions (their answer channels close).
async fn run<K: Send + 'static, V: Send + 'static>(
    app: Weak<Inner>,
    mut rx: mpsc::Receiver<Ask<K, V>>,
    lookup: Lookup<K, V>,
) {
    let slots = Arc::new(Semaphore::new(IN_FLIGHT));
    let mut asks = Vec::with_capacity(MAX_BATCH);
    loop {
        let Ok(slot) = slots.clone().acquire_owned().await else {
            break;
        };
        if rx.recv_many(&mut asks, MAX_BATCH).await == 0 {
            break;
        }
        let Some(inner) = app.upgrade() else { break };
        let app = App { inner };
        let batch = std::mem::take(&mut asks);
        tokio::spawn(async move {
            let (keys, replies): (Vec<K>, Vec<_>) = batch.into_iter().unzip();
            let ran = Arc::new(AtomicU32::new(0));
            let found = guildhall_store::STATEMENTS
                .scope(ran.clone(), lookup(app, keys))
                .await;
            let n = ran.load(Ordering::Relaxed);
            match found {
                Ok(found) => {
                    for (f, reply) in found.into_iter().zip(replies) {
                        let _ = reply.send((Ok(f), n));
                    }
                }
                Err(e) => {
                    for reply in replies {
                        let _ = reply.send((Err(e.clone()), n));
                    }
                }
            }
            drop(slot);
        });
    }
}
