//! Parallel work over a stream of items, finished one at a time in the stream's order.
//!
//! A stream of documents arrives one at a time (from a callback), each can be cleaned on its own,
//! but the duplicate decisions and the writing must follow the stream's order. [`OrderedChunks`]
//! gathers items into chunks, works on a chunk's items on a thread pool, and hands the results,
//! in order, to a finishing step on the calling thread, while the pool already works on the next
//! chunk. The finishing step may hold what cannot leave its thread (a locked stdout).
//!
//! Invariants: `finish` sees every result exactly once, in the order the items were pushed; at
//! most two chunks (one being worked on, one waiting to be finished) are held at any time.

use std::io;
use std::sync::Mutex;

/// Chunks of pushed items, worked on in parallel and finished in order (see the module docs).
pub struct OrderedChunks<'pool, T, R> {
    pool: &'pool rayon::ThreadPool,
    max_items: usize,
    max_bytes: usize,
    items: Vec<T>,
    bytes: usize,
    /// Results of the last chunk worked on, not yet finished.
    done: Vec<R>,
}

impl<'pool, T: Send, R: Send> OrderedChunks<'pool, T, R> {
    /// Chunks of at most `max_items` items or `max_bytes` bytes (as told by [`Self::push`]),
    /// whichever comes first, worked on by `pool`.
    pub fn new(pool: &'pool rayon::ThreadPool, max_items: usize, max_bytes: usize) -> Self {
        Self { pool, max_items: max_items.max(1), max_bytes, items: Vec::new(), bytes: 0, done: Vec::new() }
    }

    /// Adds an item of `bytes` bytes; when the chunk is full, works on it (and finishes the
    /// chunk before it meanwhile).
    pub fn push(
        &mut self,
        item: T,
        bytes: usize,
        work: &(impl Fn(T) -> R + Sync),
        finish: &mut impl FnMut(R) -> io::Result<()>,
    ) -> io::Result<()> {
        self.items.push(item);
        self.bytes += bytes;
        if self.items.len() >= self.max_items || self.bytes >= self.max_bytes {
            self.run_chunk(work, finish)?;
        }
        Ok(())
    }

    /// Works on what is left and finishes every result.
    pub fn flush(
        &mut self,
        work: &(impl Fn(T) -> R + Sync),
        finish: &mut impl FnMut(R) -> io::Result<()>,
    ) -> io::Result<()> {
        if !self.items.is_empty() {
            self.run_chunk(work, finish)?;
        }
        std::mem::take(&mut self.done).into_iter().try_for_each(finish)
    }

    fn run_chunk(
        &mut self,
        work: &(impl Fn(T) -> R + Sync),
        finish: &mut impl FnMut(R) -> io::Result<()>,
    ) -> io::Result<()> {
        use rayon::prelude::*;
        let items = std::mem::take(&mut self.items);
        self.bytes = 0;
        let previous = std::mem::take(&mut self.done);
        let results = Mutex::new(Vec::new());
        let finished = self.pool.in_place_scope(|scope| {
            scope.spawn(|_| {
                let worked: Vec<R> = items.into_par_iter().map(work).collect();
                *results.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = worked;
            });
            // Meanwhile, on this thread: the previous chunk's results, in order.
            previous.into_iter().try_for_each(&mut *finish)
        });
        self.done = results.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        finished
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_result_is_finished_once_in_push_order() {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().expect("pool");
        let mut chunks = OrderedChunks::new(&pool, 7, 1000);
        let mut seen = Vec::new();
        let work = |n: u64| {
            // Uneven work, so items finish out of order within a chunk.
            std::thread::sleep(std::time::Duration::from_micros((n * 37) % 200));
            n * n
        };
        let mut finish = |square: u64| {
            seen.push(square);
            Ok(())
        };
        for n in 0..100u64 {
            chunks.push(n, usize::try_from(n).unwrap_or(0), &work, &mut finish).expect("push");
        }
        chunks.flush(&work, &mut finish).expect("flush");
        assert_eq!(seen, (0..100u64).map(|n| n * n).collect::<Vec<_>>());
    }

    #[test]
    fn a_failed_finish_is_reported() {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().expect("pool");
        let mut chunks = OrderedChunks::new(&pool, 2, usize::MAX);
        let work = |n: u32| n;
        let mut finish = |n: u32| if n == 3 { Err(io::Error::other("full")) } else { Ok(()) };
        let result = (0..10).try_for_each(|n| chunks.push(n, 1, &work, &mut finish));
        assert!(result.is_err());
    }
}
