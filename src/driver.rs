//! Running many documents: read, check, and hand each result on in input order.
//!
//! Owns the order guarantee (results come out in the order of the inputs, whatever the
//! thread count) so that the same input always gives byte-identical output, and the memory
//! bound of a run: documents are checked in parallel on a rayon pool, but at most a fixed
//! window of finished results (a few per thread) ever waits to be handed on, so peak memory
//! does not grow with the number of documents. It does not render anything: the sink does.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

use crate::Analysis;
use crate::error::InputError;
use crate::input::{self, InputFile, InputOptions};

/// The result for one input file.
#[derive(Debug)]
pub enum FileOutcome {
    Checked(Box<Analysis>),
    Failed { path: String, error: InputError },
}

impl FileOutcome {
    pub fn path(&self) -> &str {
        match self {
            FileOutcome::Checked(a) => &a.report.path,
            FileOutcome::Failed { path, .. } => path,
        }
    }
}

/// Check one input file.
pub fn process(file: &InputFile, options: &InputOptions) -> FileOutcome {
    let result =
        input::read(file, options).and_then(|bytes| crate::analyze_bytes(&file.display, &bytes));
    match result {
        Ok(analysis) => FileOutcome::Checked(Box::new(analysis)),
        Err(error) => FileOutcome::Failed {
            path: file.display.clone(),
            error,
        },
    }
}

/// How many finished results may wait per worker thread before workers pause. Small
/// enough that memory stays flat, large enough that one slow document does not idle the
/// other workers.
const WINDOW_PER_THREAD: usize = 4;

/// The number of worker threads `threads` stands for (0 = one per core).
pub fn effective_threads(threads: usize) -> usize {
    if threads > 0 {
        threads
    } else {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    }
}

/// Check every file and pass each outcome to `sink` in input order, using up to `threads`
/// worker threads (0 = one per core). The output does not depend on the thread count.
///
/// With one thread everything runs on the calling thread. With more, `threads` workers of a
/// rayon pool check documents while the calling thread runs `sink` (rendering and writing
/// overlap with checking); a worker takes document `i` only once fewer than
/// `threads × 4` documents before `i` are still waiting for the sink, so at most that
/// many results are held at any time. `files` may be a slice or the walk itself
/// ([`input::inputs`]): files are taken from it only as workers need them.
pub fn for_each_in_order<F: std::borrow::Borrow<InputFile> + Send>(
    files: impl IntoIterator<Item = F, IntoIter: Send>,
    options: &InputOptions,
    threads: usize,
    sink: impl FnMut(FileOutcome),
) {
    map_in_order(files, threads, |file| process(file.borrow(), options), sink);
}

/// Apply `work` to every item on up to `threads` threads (0 = one per core) and pass the
/// results to `sink` in the order of the items, holding at most
/// `threads × WINDOW_PER_THREAD` finished results at a time.
///
/// Items are taken from `items` only as workers are free to start them (never more than
/// the window ahead of the sink), so an iterator that finds them as it goes (a walk of a
/// folder) is never collected: memory does not grow with their number.
///
/// The calling thread sleeps until half the window is ready in order (or the last results
/// are), then passes them all on: woken for every result, it preempted a worker for each
/// document on a machine with as many cores as workers, which cost two threads 9 % more
/// CPU time than one.
pub fn map_in_order<T: Send, R: Send>(
    items: impl IntoIterator<Item = T, IntoIter: Send>,
    threads: usize,
    work: impl Fn(T) -> R + Sync,
    mut sink: impl FnMut(R),
) {
    let items = items.into_iter();
    let most = items.size_hint().1.unwrap_or(usize::MAX);
    let threads = effective_threads(threads).min(most.max(1));
    let pool = if threads > 1 {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("yujue-{i}"))
            .build()
            .ok()
    } else {
        None
    };
    let Some(pool) = pool else {
        // One thread (or no threads to be had): everything on this thread.
        for item in items {
            sink(work(item));
        }
        return;
    };
    let window = threads * WINDOW_PER_THREAD;
    let queue = Queue {
        state: Mutex::new(QueueState {
            items,
            ended: false,
            next: 0,
            taken: 0,
            sunk: 0,
            ready: VecDeque::with_capacity(window),
            writer_waiting: false,
            workers_waiting: 0,
            workers_running: threads,
        }),
        window,
        batch: (window / 2).max(1),
        results_ready: Condvar::new(),
        room: Condvar::new(),
        stop: AtomicBool::new(false),
    };
    let work = &work;
    pool.in_place_scope(|scope| {
        for _ in 0..threads {
            let queue = &queue;
            scope.spawn(move |_| {
                // Tells the writer when the last worker is gone, even by a panic.
                let _running = WorkerRunning(queue);
                while let Some((i, item)) = queue.take() {
                    queue.put(i, work(item));
                }
            });
        }
        // Stops the workers if the sink panics, so the scope can end.
        let _stop = StopOnDrop(&queue);
        let mut batch = Vec::with_capacity(window);
        while queue.next_batch(&mut batch) {
            let n = batch.len();
            for result in batch.drain(..) {
                sink(result);
            }
            queue.sunk(n);
        }
    });
}

struct QueueState<I, R> {
    /// The items not yet handed to a worker, taken one at a time under the lock.
    items: I,
    /// Whether `items` has ended: there are `next` of them.
    ended: bool,
    /// The index of the next item to hand to a worker.
    next: usize,
    /// How many results the writer has taken out of `ready`.
    taken: usize,
    /// How many results the sink has received; workers stay within `window` of it.
    sunk: usize,
    /// Slot k holds the result of item `taken + k` once it is done.
    ready: VecDeque<Option<R>>,
    writer_waiting: bool,
    workers_waiting: usize,
    workers_running: usize,
}

impl<I, R> QueueState<I, R> {
    /// How many results, from the next one the sink is to get, are done.
    fn ready_in_order(&self) -> usize {
        self.ready.iter().take_while(|r| r.is_some()).count()
    }
}

/// Hands out item indices to workers, holding them back while the reorder window is
/// full, and collects their results for the writer.
struct Queue<I, R> {
    state: Mutex<QueueState<I, R>>,
    window: usize,
    /// How many results in order wake the writer (fewer only at the end).
    batch: usize,
    results_ready: Condvar,
    room: Condvar,
    stop: AtomicBool,
}

impl<I: Iterator, R> Queue<I, R> {
    fn lock(&self) -> MutexGuard<'_, QueueState<I, R>> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Whether the writer has something to do: a batch in order, the last results, or no
    /// worker left to wait for.
    fn writer_has_work(&self, state: &QueueState<I, R>) -> bool {
        let ready = state.ready_in_order();
        ready >= self.batch
            || (state.ended && state.taken + ready >= state.next)
            || state.workers_running == 0
    }

    fn wake_writer_if_due(&self, state: &QueueState<I, R>) {
        if state.writer_waiting && self.writer_has_work(state) {
            self.results_ready.notify_one();
        }
    }

    /// The next item for a worker and its index, once the window has room; `None` when
    /// all are taken.
    fn take(&self) -> Option<(usize, I::Item)> {
        let mut state = self.lock();
        loop {
            if self.stop.load(Ordering::Relaxed) || state.ended {
                return None;
            }
            if state.next < state.sunk + self.window {
                let i = state.next;
                let Some(item) = state.items.next() else {
                    state.ended = true;
                    // The writer may be waiting for the last results, now known to be last.
                    self.wake_writer_if_due(&state);
                    return None;
                };
                state.next += 1;
                return Some((i, item));
            }
            state.workers_waiting += 1;
            state = self
                .room
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
            state.workers_waiting -= 1;
        }
    }

    /// A worker's result for item `i`.
    fn put(&self, i: usize, result: R) {
        let mut state = self.lock();
        let slot = i - state.taken;
        if state.ready.len() <= slot {
            state.ready.resize_with(slot + 1, || None);
        }
        if let Some(place) = state.ready.get_mut(slot) {
            *place = Some(result);
        }
        self.wake_writer_if_due(&state);
    }

    /// Wait for work and move the results ready in order into `batch`; false once no more
    /// will come.
    fn next_batch(&self, batch: &mut Vec<R>) -> bool {
        let mut state = self.lock();
        while !self.writer_has_work(&state) {
            state.writer_waiting = true;
            state = self
                .results_ready
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
            state.writer_waiting = false;
        }
        let ready = state.ready_in_order();
        batch.extend(state.ready.drain(..ready).flatten());
        state.taken += ready;
        ready > 0
    }

    /// The sink has received `n` more results: room for workers.
    fn sunk(&self, n: usize) {
        let mut state = self.lock();
        state.sunk += n;
        if state.workers_waiting > 0 {
            self.room.notify_all();
        }
    }
}

struct WorkerRunning<'a, I: Iterator, R>(&'a Queue<I, R>);

impl<I: Iterator, R> Drop for WorkerRunning<'_, I, R> {
    fn drop(&mut self) {
        let mut state = self.0.lock();
        state.workers_running -= 1;
        if std::thread::panicking() {
            // The item it dropped will never be done: stop the others, which would wait for
            // the writer to pass it on.
            self.0.stop.store(true, Ordering::Relaxed);
            self.0.room.notify_all();
        }
        self.0.wake_writer_if_due(&state);
    }
}

struct StopOnDrop<'a, I: Iterator, R>(&'a Queue<I, R>);

impl<I: Iterator, R> Drop for StopOnDrop<'_, I, R> {
    fn drop(&mut self) {
        self.0.stop.store(true, Ordering::Relaxed);
        let _guard = self.0.lock();
        self.0.room.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn corpus(n: usize) -> (tempdir::Dir, Vec<InputFile>) {
        let dir = tempdir::Dir::new();
        let mut files = Vec::new();
        for i in 0..n {
            let path = dir.0.join(format!("{i:04}.txt"));
            // Every third file is empty, so some outcomes are failures.
            let text = if i % 3 == 2 {
                String::new()
            } else {
                format!(
                    "{}年度收入合计{}万元。其中:财政拨款收入{}万元。",
                    2000 + i,
                    i,
                    i
                )
            };
            std::fs::write(&path, text).unwrap();
            files.push(InputFile {
                display: path.to_string_lossy().into_owned(),
                path,
                error: None,
            });
        }
        files.push(InputFile {
            path: PathBuf::from("/nonexistent/yujue-driver-test.txt"),
            display: "missing.txt".to_owned(),
            error: None,
        });
        (dir, files)
    }

    mod tempdir {
        pub struct Dir(pub std::path::PathBuf);
        impl Dir {
            pub fn new() -> Self {
                use std::sync::atomic::{AtomicUsize, Ordering};
                static N: AtomicUsize = AtomicUsize::new(0);
                let path = std::env::temp_dir().join(format!(
                    "yujue-driver-{}-{}",
                    std::process::id(),
                    N.fetch_add(1, Ordering::Relaxed)
                ));
                std::fs::create_dir_all(&path).unwrap();
                Dir(path)
            }
        }
        impl Drop for Dir {
            fn drop(&mut self) {
                let _ = std::fs::remove_dir_all(&self.0);
            }
        }
    }

    fn run(files: &[InputFile], threads: usize) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        for_each_in_order(files, &InputOptions::default(), threads, |o| {
            out.push((o.path().to_owned(), matches!(o, FileOutcome::Checked(_))))
        });
        out
    }

    #[test]
    fn outcomes_come_in_input_order_for_every_thread_count() {
        let (_dir, files) = corpus(101);
        let expected: Vec<String> = files.iter().map(|f| f.display.clone()).collect();
        let one = run(&files, 1);
        assert_eq!(
            one.iter().map(|o| o.0.clone()).collect::<Vec<_>>(),
            expected
        );
        assert_eq!(one.iter().filter(|o| !o.1).count(), 33 + 1);
        for threads in [0, 2, 3, 8] {
            assert_eq!(run(&files, threads), one, "threads = {threads}");
        }
    }

    #[test]
    fn no_files_no_calls() {
        assert!(run(&[], 4).is_empty());
    }

    /// Doubles 0..500 through [`map_in_order`] with a sink that is slow at first, so that
    /// workers race ahead, and returns how far `count` was at most ahead of the sink.
    fn furthest_ahead<T: Send>(
        items: impl IntoIterator<Item = T, IntoIter: Send>,
        threads: usize,
        double: impl Fn(T) -> usize + Sync,
        count: &std::sync::atomic::AtomicUsize,
    ) -> usize {
        let mut seen = Vec::new();
        let mut most_ahead = 0;
        map_in_order(items, threads, double, |r| {
            if seen.is_empty() {
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            seen.push(r);
            most_ahead = most_ahead.max(count.load(Ordering::SeqCst) - seen.len());
        });
        assert_eq!(seen, (0..500).map(|i| i * 2).collect::<Vec<_>>());
        most_ahead
    }

    #[test]
    fn at_most_a_window_of_results_waits() {
        let items: Vec<usize> = (0..500).collect();
        let threads = 2;
        let started = std::sync::atomic::AtomicUsize::new(0);
        let double = |&i: &usize| {
            started.fetch_add(1, Ordering::SeqCst);
            i * 2
        };
        // The sleep let the workers run until the window was full, and no further.
        assert_eq!(
            furthest_ahead(&items, threads, double, &started),
            threads * WINDOW_PER_THREAD - 1
        );
    }

    /// Items come from an iterator only as workers can start them: it is never ahead of
    /// the sink by more than the window, so a walk of a million files is never listed.
    #[test]
    fn an_iterator_is_pulled_no_further_than_the_window() {
        for threads in [1, 2, 3] {
            let pulled = std::sync::atomic::AtomicUsize::new(0);
            let items = (0..500).inspect(|_| {
                pulled.fetch_add(1, Ordering::SeqCst);
            });
            let window = if threads == 1 {
                1
            } else {
                threads * WINDOW_PER_THREAD
            };
            assert_eq!(
                furthest_ahead(items, threads, |i| i * 2, &pulled),
                window - 1,
                "threads = {threads}"
            );
        }
    }

    #[test]
    fn a_panicking_worker_does_not_hang_the_writer() {
        let items: Vec<usize> = (0..100).collect();
        let result = std::panic::catch_unwind(|| {
            map_in_order(
                &items,
                2,
                |&i| {
                    if i == 5 {
                        panic!("work failed");
                    }
                    i
                },
                |_| {},
            );
        });
        assert!(result.is_err());
    }

    #[test]
    fn a_panicking_sink_does_not_hang_the_workers() {
        let (_dir, files) = corpus(50);
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut n = 0;
            for_each_in_order(&files, &InputOptions::default(), 2, |_| {
                n += 1;
                if n == 3 {
                    panic!("sink failed");
                }
            });
        }));
        assert!(result.is_err());
    }
}
