//! Cleaning whole trees: files in, files out, in parallel, deterministically.
//!
//! [`collect_inputs`] walks the input roots (hidden files and folders skipped, `--glob` filters,
//! symlinks followed with loops reported) and gives every file its output path; the list is
//! sorted by output path. [`run`] then works through it as a pipeline:
//!
//! 1. in parallel (rayon, `jobs` threads, each taking the next file as it finishes one): read,
//!    decode, clean each file's documents and compute their duplicate keys: pure work, no shared
//!    state. Workers run at most `jobs` x 16 files ahead of stage 2, which bounds memory;
//! 2. in order, on the calling thread, overlapping stage 1: the duplicate decisions
//!    ([`DedupIndex`]), so "the first copy" is the first in sorted path order on every run and
//!    for any number of threads;
//! 3. on a writer thread, overlapping both: write each output to a dot-prefixed temporary file in
//!    the same folder and rename it into place, so an interrupted run never leaves a truncated
//!    output. Temporaries left by a killed run are removed when the next run starts.
//!
//! A run holds the output folder's lock ([`LOCK_FILE`]) from before it removes those
//! temporaries to its end: a second run into the same folder fails at once (its temporaries
//! and renames would tear the first run's outputs) instead of interleaving with it.
//!
//! Files that are not text (empty, NUL bytes, a known binary format by its magic bytes), not
//! regular files (FIFOs, sockets, devices), dangling links and unreadable (permission-denied)
//! paths are skipped with a reason; failures are only the errors nobody chose: a read or write
//! that fails midway, a malformed JSON Lines record.
//!
//! The library never prints: progress goes to a callback, and the result is a [`BatchReport`].
//! Invariants: the output tree, the duplicate list and the report (but for timings) depend only
//! on the inputs and options, not on `jobs`; input files are only ever opened for reading.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use serde::Serialize;

pub use crate::dedup::Duplicate;
use crate::dedup::{DedupKey, DuplicateTracker};
use crate::document::Document;
use crate::input::format::InputFormat;
use crate::input::jsonl::Fields;
use crate::output::jsonl::{Provenance, removed_by_category, write_record_parts};
use crate::output::render_text;
use crate::pipeline::{Cleaner, ReadError, ReadOptions, Skipped, Source};

/// Files per thread that may be cleaned ahead of the serial stage: enough to keep threads busy
/// past a slow file, few enough to bound memory.
const FILES_PER_THREAD_IN_FLIGHT: usize = 16;

/// Hands out file indices to the workers, in order, at most `window` past the first file not yet
/// through the serial stage.
struct InFlight {
    window: usize,
    taken: std::sync::atomic::AtomicUsize,
    /// Files through the serial stage, and whether it has ended (no more files are handed out).
    passed: std::sync::Mutex<Passed>,
    moved: std::sync::Condvar,
}

#[derive(Default)]
struct Passed {
    count: usize,
    ended: bool,
    /// Workers waiting for the window to move: only then is there anyone to wake (a wake-up is
    /// a system call, once per file otherwise).
    waiting: usize,
}

impl InFlight {
    fn new(window: usize) -> Self {
        Self {
            window,
            taken: std::sync::atomic::AtomicUsize::new(0),
            passed: std::sync::Mutex::new(Passed::default()),
            moved: std::sync::Condvar::new(),
        }
    }

    /// The next file to clean, once it is within the window; `None` when there are none left,
    /// the run is stopping or the serial stage has ended.
    fn take(&self, files: usize, stop: &AtomicBool) -> Option<usize> {
        if stop.load(Ordering::Relaxed) {
            return None;
        }
        let index = self.taken.fetch_add(1, Ordering::Relaxed);
        if index >= files {
            return None;
        }
        let mut passed = self.passed.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        while index >= passed.count + self.window && !passed.ended {
            passed.waiting += 1;
            passed = self.moved.wait(passed).unwrap_or_else(std::sync::PoisonError::into_inner);
            passed.waiting -= 1;
        }
        (!passed.ended).then_some(index)
    }

    /// `count` files are through the serial stage.
    fn passed(&self, count: usize) {
        let mut passed = self.passed.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        passed.count = count;
        if passed.waiting > 0 {
            self.moved.notify_all();
        }
    }

    /// The serial stage has ended: waiting workers stop.
    fn close(&self) {
        self.passed.lock().unwrap_or_else(std::sync::PoisonError::into_inner).ended = true;
        self.moved.notify_all();
    }
}
/// A NUL byte in this many first bytes marks a binary file.
const BINARY_SNIFF_BYTES: usize = 8192;
/// Suffix of temporary output files (which are also dot-prefixed).
pub const TEMP_SUFFIX: &str = ".boilerstrip-tmp";
/// The output folder's lock file, relative to the folder.
pub const LOCK_FILE: &str = ".boilerstrip/lock";

/// Takes the output folder's lock for as long as the returned file is open, or fails with
/// [`io::ErrorKind::WouldBlock`] when another run holds it. The lock is the kernel's advisory
/// `flock` (`File::try_lock`), which ends with the process however it ends, so a killed run
/// never leaves the folder locked; the file itself stays, empty. On a file system that has no
/// such locks the run goes on unlocked.
pub fn lock_output_folder(out_dir: &Path) -> io::Result<Option<File>> {
    let path = out_dir.join(LOCK_FILE);
    let folder = path.parent().unwrap_or(out_dir);
    fs::create_dir_all(folder)?;
    no_link_below(out_dir, &path)?;
    let mut options = fs::OpenOptions::new();
    options.create(true).truncate(false).write(true);
    // A link planted at the lock's name is not followed out of the folder.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NOFOLLOW);
    let file = options.open(&path)?;
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(fs::TryLockError::WouldBlock) => Err(io::Error::new(
            io::ErrorKind::WouldBlock,
            "another boilerstrip run is writing into this folder; wait for it to end, or give another output folder",
        )),
        Err(fs::TryLockError::Error(err)) if err.kind() == io::ErrorKind::Unsupported => Ok(None),
        Err(fs::TryLockError::Error(err)) => Err(err),
    }
}

/// One file to clean and where its output goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    /// The file to read.
    pub path: PathBuf,
    /// Output path, relative to the output folder.
    pub output: PathBuf,
}

/// Checks `--glob` patterns before anything is read: a pattern that does not parse is a usage
/// error, not a filter silently left out. Returns the first bad pattern and why.
pub fn check_globs(globs: &[String]) -> Result<(), Problem> {
    let mut overrides = ignore::overrides::OverrideBuilder::new(".");
    for glob in globs {
        overrides.add(glob).map_err(|err| Problem { path: glob.clone(), reason: err.to_string() })?;
    }
    Ok(())
}

/// A file the run would write that already is one of its inputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverwriteClash {
    /// The path the run would write.
    pub output: PathBuf,
    /// The input it would overwrite.
    pub input: PathBuf,
}

/// The outputs that would overwrite one of the inputs: `boilerstrip a.txt -o .` would replace
/// `a.txt` by its cleaned text, and `--report a.txt` would replace it by the report. Paths are
/// compared as the file system resolves them (links included), and only outputs that exist are
/// asked, so a first run into a new folder costs nothing.
pub fn outputs_onto_inputs(files: &[InputFile], outputs: impl IntoIterator<Item = PathBuf>) -> Vec<OverwriteClash> {
    let mut inputs: Option<std::collections::HashMap<PathBuf, &Path>> = None;
    let mut clashes = Vec::new();
    for output in outputs {
        let Ok(resolved) = output.canonicalize() else { continue };
        let inputs = inputs.get_or_insert_with(|| {
            files.iter().filter_map(|file| Some((file.path.canonicalize().ok()?, file.path.as_path()))).collect()
        });
        if let Some(input) = inputs.get(&resolved) {
            clashes.push(OverwriteClash { output, input: input.to_path_buf() });
        }
    }
    clashes
}

/// A problem met while walking the inputs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The path concerned.
    pub path: String,
    /// What happened.
    pub reason: String,
}

/// The files found under the input roots.
#[derive(Debug, Clone, Default)]
pub struct Collected {
    /// The files to clean, sorted by output path.
    pub files: Vec<InputFile>,
    /// Entries left out on purpose: not regular files, dangling or looping links, paths that
    /// may not be read.
    pub skipped: Vec<Problem>,
    /// Errors: an invalid glob, a folder that fails to list, two inputs wanting one output path.
    pub failed: Vec<Problem>,
}

/// Lists the files under `roots` with their output paths, sorted by output path.
///
/// A single folder maps to the output folder itself; with several roots each folder keeps its
/// own name as the first component, and a file given directly keeps its file name. Files under
/// `exclude` (the output folder, if it lies inside an input) are left out.
pub fn collect_inputs(roots: &[PathBuf], globs: &[String], exclude: Option<&Path>) -> Collected {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut skipped = Vec::new();
    let single_dir = roots.len() == 1 && roots[0].is_dir();
    let exclude = exclude.and_then(|p| p.canonicalize().ok());
    for root in roots {
        // An input named on the command line that is not there is the user's mistake, not a
        // file that vanished during the walk: it fails the run (exit 1) rather than being skipped.
        if let Err(err) = fs::metadata(root) {
            problems.push(Problem { path: root.display().to_string(), reason: err.to_string() });
            continue;
        }
        if root.is_file() {
            let name = root.file_name().map_or_else(|| PathBuf::from("stdin"), PathBuf::from);
            files.push(InputFile { path: root.clone(), output: name });
            continue;
        }
        let prefix = if single_dir { PathBuf::new() } else { root.file_name().map(PathBuf::from).unwrap_or_default() };
        let mut walk = ignore::WalkBuilder::new(root);
        walk.standard_filters(false).hidden(true).follow_links(true).sort_by_file_path(Ord::cmp);
        if !globs.is_empty() {
            let mut overrides = ignore::overrides::OverrideBuilder::new(root);
            for glob in globs {
                if let Err(err) = overrides.add(glob) {
                    problems.push(Problem { path: glob.clone(), reason: format!("invalid --glob: {err}") });
                }
            }
            match overrides.build() {
                Ok(built) => {
                    walk.overrides(built);
                }
                Err(err) => problems.push(Problem { path: root.display().to_string(), reason: err.to_string() }),
            }
        }
        for entry in walk.build() {
            match entry {
                Err(err) => {
                    let path = error_path(&err).unwrap_or_else(|| root.display().to_string());
                    match walk_skip_reason(&err, &path) {
                        Some(reason) => skipped.push(Problem { path, reason }),
                        // The path is already named; the I/O error alone says what happened.
                        None => problems.push(Problem {
                            path,
                            reason: err.io_error().map_or_else(|| err.to_string(), ToString::to_string),
                        }),
                    }
                }
                Ok(entry) => {
                    let Some(file_type) = entry.file_type() else { continue };
                    if file_type.is_dir() {
                        continue;
                    }
                    if !file_type.is_file() {
                        let reason = format!("not a regular file ({})", describe_file_type(file_type));
                        skipped.push(Problem { path: entry.path().display().to_string(), reason });
                        continue;
                    }
                    let path = entry.into_path();
                    if let Some(exclude) = &exclude
                        && path.canonicalize().is_ok_and(|p| p.starts_with(exclude))
                    {
                        continue;
                    }
                    let relative = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
                    files.push(InputFile { output: prefix.join(relative), path });
                }
            }
        }
    }
    files.sort_by(|a, b| a.output.cmp(&b.output));
    files.dedup_by(|later, earlier| {
        let same = later.output == earlier.output;
        if same {
            problems.push(Problem {
                path: later.path.display().to_string(),
                reason: format!("its output path {} is taken by {}", later.output.display(), earlier.path.display()),
            });
        }
        same
    });
    Collected { files, skipped, failed: problems }
}

/// Why a walk error is a skip rather than a failure, if it is one.
fn walk_skip_reason(err: &ignore::Error, path: &str) -> Option<String> {
    if is_loop(err) {
        return Some("symbolic link loop".to_owned());
    }
    match err.io_error().map(io::Error::kind) {
        Some(io::ErrorKind::PermissionDenied) => Some("permission denied".to_owned()),
        Some(io::ErrorKind::NotFound) if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) => {
            Some("dangling symbolic link".to_owned())
        }
        Some(io::ErrorKind::NotFound) => Some("vanished while the folder was listed".to_owned()),
        _ => None,
    }
}

fn is_loop(err: &ignore::Error) -> bool {
    match err {
        ignore::Error::Loop { .. } => true,
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => is_loop(err),
        _ => false,
    }
}

fn describe_file_type(file_type: fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "FIFO";
        }
        if file_type.is_socket() {
            return "socket";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "device";
        }
    }
    let _ = file_type;
    "special file"
}

fn error_path(err: &ignore::Error) -> Option<String> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.display().to_string()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => error_path(err),
        ignore::Error::Loop { child, .. } => Some(child.display().to_string()),
        _ => None,
    }
}

/// How to run a batch.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// Where outputs go.
    pub out_dir: PathBuf,
    /// Worker threads.
    pub jobs: usize,
    /// Write duplicates too (they are still listed).
    pub keep_duplicates: bool,
    /// Near-duplicate threshold (see [`DedupIndex::new`]).
    pub near_threshold: f32,
    /// Write JSON Lines instead of text.
    pub jsonl_output: bool,
    /// A forced input format; `None` decides per file.
    pub input_format: Option<InputFormat>,
    /// A forced encoding.
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// What HTML extraction keeps besides the body.
    pub html: crate::input::html::HtmlOptions,
}

/// What a batch did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct BatchReport {
    /// Files found.
    pub files_found: usize,
    /// Files read (all of them unless interrupted).
    pub files_read: usize,
    /// Output files written.
    pub files_written: usize,
    /// Files not written because every document in them is a duplicate.
    pub files_all_duplicates: usize,
    /// Files that could not be read, decoded or written, and walk errors.
    pub failed: Vec<Problem>,
    /// Files and documents skipped on purpose (binary or empty files, special files, documents
    /// over a limit), each with its reason.
    pub skipped: Vec<Problem>,
    /// Documents cleaned in a degraded way (an HTML page too deep to build as a tree).
    pub degraded: Vec<Problem>,
    /// Temporary files of an earlier, killed run removed from the output folder.
    pub stale_temporaries_removed: usize,
    /// Outputs of an earlier run removed because their input now gives none (it became empty,
    /// binary, or a duplicate), so that the output folder matches the inputs.
    pub stale_outputs_removed: usize,
    /// Documents read.
    pub documents: usize,
    /// Documents that are exact duplicates of an earlier one.
    pub exact_duplicates: usize,
    /// Documents that are near duplicates of an earlier one.
    pub near_duplicates: usize,
    /// Bytes read.
    pub bytes_in: u64,
    /// Bytes written.
    pub bytes_out: u64,
    /// Dropped lines per category (`repeated-body` for second copies).
    pub dropped_by_category: BTreeMap<String, usize>,
    /// Dropped lines per rule file (`gate`, `common`; `repeated-body`).
    pub dropped_by_site: BTreeMap<String, usize>,
    /// Documents per chosen site (`none` when only global rules ran).
    pub documents_by_site: BTreeMap<String, usize>,
    /// The run was stopped before every file was read.
    pub interrupted: bool,
    /// Wall-clock seconds (the only field that varies between identical runs).
    pub elapsed_seconds: f64,
}

/// Progress, reported after each file.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    /// Bytes of the file just finished.
    pub bytes: u64,
    /// The file failed.
    pub failed: bool,
}

/// One cleaned document, before the duplicate decision.
struct CleanDoc {
    name: String,
    rendered: String,
    fields: Option<Fields>,
    provenance: (String, String, String, Option<crate::input::html::PageMeta>),
    key: Option<DedupKey>,
    /// Dropped lines per category.
    removed: BTreeMap<&'static str, usize>,
    /// Dropped lines per rule file (`repeated-body` for a second copy).
    removed_by_site: BTreeMap<String, usize>,
    site: String,
}

enum FileOutcome {
    Cleaned {
        docs: Vec<CleanDoc>,
        bytes: u64,
        /// Malformed records (failures).
        bad_records: Vec<String>,
        /// Documents skipped on purpose.
        skipped_documents: Vec<String>,
        /// Documents cleaned in a degraded way.
        degraded: Vec<String>,
    },
    Skipped(String),
    Failed(String),
}

/// Cleans every file; see the module documentation. `stop` ends the run early (between chunks).
pub fn run(
    cleaner: &Cleaner,
    files: &[InputFile],
    options: &BatchOptions,
    progress: &(dyn Fn(Progress) + Sync),
    stop: &AtomicBool,
) -> io::Result<(BatchReport, Vec<Duplicate>)> {
    let started = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs.max(1))
        .build()
        .map_err(|err| io::Error::other(err.to_string()))?;
    fs::create_dir_all(&options.out_dir)?;
    // Held to the end of the run (dropped on return, which releases it).
    let _lock = lock_output_folder(&options.out_dir)?;
    let stale_temporaries_removed = remove_stale_temporaries(&options.out_dir);
    let mut report = BatchReport { files_found: files.len(), stale_temporaries_removed, ..BatchReport::default() };
    let mut tracker = DuplicateTracker::new(options.near_threshold);

    let jobs = options.jobs.max(1);
    let window = jobs * FILES_PER_THREAD_IN_FLIGHT;
    // Writes go to one thread through a bounded channel, so they overlap the cleaning.
    let (to_writer, writer_inbox) = std::sync::mpsc::sync_channel::<WriterJob>(window);
    std::thread::scope(|scope| -> io::Result<()> {
        let writer = scope.spawn(move || {
            // Folders made so far: most outputs share their folder with the one before.
            let mut made: std::collections::HashSet<PathBuf> = std::collections::HashSet::new();
            writer_inbox
                .into_iter()
                .map(|job| match job {
                    WriterJob::Write(path, bytes) => {
                        let folder = path.parent().unwrap_or(Path::new(".")).to_path_buf();
                        let result = if made.contains(&folder) {
                            write_into_folder(&path, &bytes)
                        } else {
                            no_link_below(&options.out_dir, &folder)
                                .and_then(|()| write_atomically(&path, &bytes))
                                .inspect(|()| {
                                    made.insert(folder);
                                })
                        };
                        WriterDone::Written(path, result.map(|()| bytes.len() as u64))
                    }
                    WriterJob::RemoveStale(path) => {
                        let result = remove_stale_output(&options.out_dir, &path);
                        WriterDone::Removed(path, result)
                    }
                })
                .collect::<Vec<_>>()
        });
        let flow = InFlight::new(window);
        let (to_serial, cleaned) = std::sync::mpsc::channel::<(usize, FileOutcome)>();
        let serial_result = pool.in_place_scope(|workers| -> io::Result<()> {
            // Each worker takes the next file, as long as it is within `window` of the first
            // file not yet through the serial stage: no thread waits for a slower one to finish
            // a batch, and memory stays bounded.
            for _ in 0..jobs {
                let (flow, to_serial) = (&flow, to_serial.clone());
                workers.spawn(move |_| {
                    while let Some(index) = flow.take(files.len(), stop) {
                        let outcome = clean_file(cleaner, &files[index], options);
                        let (bytes, failed) = match &outcome {
                            FileOutcome::Cleaned { bytes, .. } => (*bytes, false),
                            FileOutcome::Skipped(_) => (0, false),
                            FileOutcome::Failed(_) => (0, true),
                        };
                        progress(Progress { bytes, failed });
                        if to_serial.send((index, outcome)).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(to_serial);
            // Serial, on this thread, overlapping the cleaning: duplicate decisions in sorted
            // path order, whatever order the files finish in.
            let mut finished: BTreeMap<usize, FileOutcome> = BTreeMap::new();
            let mut next = 0;
            let mut serial = || -> io::Result<()> {
                for (index, outcome) in cleaned.iter() {
                    finished.insert(index, outcome);
                    while let Some(outcome) = finished.remove(&next) {
                        let file = &files[next];
                        next += 1;
                        flow.passed(next);
                        if let Some(write) = serial_stage(file, outcome, options, &mut report, &mut tracker)?
                            && to_writer.send(write).is_err()
                        {
                            return Ok(());
                        }
                    }
                }
                Ok(())
            };
            let result = serial();
            // Whatever ended it, no worker may wait for the serial stage any more.
            flow.close();
            drop(cleaned);
            if next < files.len() {
                report.interrupted = true;
            }
            result
        });
        // The workers have stopped; a failed serial stage ends the run.
        serial_result?;
        drop(to_writer);
        let written = writer.join().map_err(|_| io::Error::other("the writer thread panicked"))?;
        for done in written {
            match done {
                WriterDone::Written(_, Ok(bytes)) => {
                    report.files_written += 1;
                    report.bytes_out += bytes;
                }
                WriterDone::Written(path, Err(err)) => report
                    .failed
                    .push(Problem { path: path.display().to_string(), reason: format!("cannot write: {err}") }),
                WriterDone::Removed(_, Ok(removed)) => report.stale_outputs_removed += usize::from(removed),
                WriterDone::Removed(path, Err(err)) => report.failed.push(Problem {
                    path: path.display().to_string(),
                    reason: format!("cannot remove the output of an earlier run: {err}"),
                }),
            }
        }
        Ok(())
    })?;
    report.elapsed_seconds = started.elapsed().as_secs_f64();
    Ok((report, tracker.found))
}

/// What the writer thread does for one input file.
enum WriterJob {
    /// Write the file's output.
    Write(PathBuf, Vec<u8>),
    /// The file gives no output (now empty, binary, or all duplicates): an output an earlier run
    /// wrote for it is stale and goes.
    RemoveStale(PathBuf),
}

/// What the writer thread did.
enum WriterDone {
    /// Bytes written, or why not.
    Written(PathBuf, io::Result<u64>),
    /// Whether there was a stale output to remove, or why it could not be.
    Removed(PathBuf, io::Result<bool>),
}

/// Removes an earlier run's output at `path` (inside `out_dir`), if there is one: a regular file
/// or a link (the link itself, never what it points to), never through a linked folder.
fn remove_stale_output(out_dir: &Path, path: &Path) -> io::Result<bool> {
    let Ok(meta) = fs::symlink_metadata(path) else {
        return Ok(false);
    };
    if meta.is_dir() {
        return Ok(false);
    }
    no_link_below(out_dir, path.parent().unwrap_or(out_dir))?;
    fs::remove_file(path)?;
    Ok(true)
}

/// The serial stage for one file, in sorted path order: its problems into the report, its
/// documents through the duplicate tracker, and what to write (`None`: nothing to do; a file that
/// failed keeps whatever an earlier run wrote for it, as the failure may pass).
fn serial_stage(
    file: &InputFile,
    outcome: FileOutcome,
    options: &BatchOptions,
    report: &mut BatchReport,
    tracker: &mut DuplicateTracker,
) -> io::Result<Option<WriterJob>> {
    report.files_read += 1;
    let output = options.out_dir.join(&file.output);
    let (docs, bytes, bad_records, skipped_documents, degraded) = match outcome {
        FileOutcome::Failed(reason) => {
            report.failed.push(Problem { path: file.path.display().to_string(), reason });
            return Ok(None);
        }
        FileOutcome::Skipped(reason) => {
            report.skipped.push(Problem { path: file.path.display().to_string(), reason });
            return Ok(Some(WriterJob::RemoveStale(output)));
        }
        FileOutcome::Cleaned { docs, bytes, bad_records, skipped_documents, degraded } => {
            (docs, bytes, bad_records, skipped_documents, degraded)
        }
    };
    report.bytes_in += bytes;
    let path = || file.path.display().to_string();
    report.failed.extend(bad_records.into_iter().map(|reason| Problem { path: path(), reason }));
    report.skipped.extend(skipped_documents.into_iter().map(|reason| Problem { path: path(), reason }));
    report.degraded.extend(degraded.into_iter().map(|reason| Problem { path: path(), reason }));
    let had_docs = !docs.is_empty();
    let mut out = Vec::new();
    let mut kept = 0usize;
    for doc in docs {
        report.documents += 1;
        *report.documents_by_site.entry(doc.site.clone()).or_default() += 1;
        for (category, count) in &doc.removed {
            *report.dropped_by_category.entry((*category).to_owned()).or_default() += count;
        }
        for (site, count) in &doc.removed_by_site {
            *report.dropped_by_site.entry(site.clone()).or_default() += count;
        }
        let duplicate_of = tracker.check(&doc.name, doc.key.as_ref()).map(|duplicate| {
            match duplicate.kind {
                "near" => report.near_duplicates += 1,
                _ => report.exact_duplicates += 1,
            }
            duplicate.duplicate_of
        });
        if duplicate_of.is_some() && !options.keep_duplicates {
            continue;
        }
        append_doc(&mut out, doc, duplicate_of.as_deref(), options.jsonl_output, kept)?;
        kept += 1;
    }
    if kept == 0 && had_docs {
        report.files_all_duplicates += 1;
        return Ok(Some(WriterJob::RemoveStale(output)));
    }
    Ok(Some(WriterJob::Write(output, out)))
}

fn append_doc(
    out: &mut Vec<u8>,
    doc: CleanDoc,
    duplicate_of: Option<&str>,
    jsonl: bool,
    kept_before: usize,
) -> io::Result<()> {
    if !jsonl {
        if kept_before > 0 {
            out.extend_from_slice(crate::output::DOCUMENT_SEPARATOR);
        }
        out.extend_from_slice(doc.rendered.as_bytes());
        return Ok(());
    }
    let (format, encoding, encoding_reason, page) = &doc.provenance;
    let site = (doc.site != "none").then_some(doc.site.as_str());
    let provenance = Provenance { format, encoding, encoding_reason, duplicate_of, page: page.as_ref() };
    write_record_parts(doc.fields.unwrap_or_default(), doc.rendered, site, &doc.removed, provenance, out)?;
    Ok(())
}

/// Why a file whose first bytes are `start` is not text, if it is not.
///
/// A NUL byte marks binary content (UTF-16 text aside); so does a known binary format's magic
/// number, when the bytes are not valid UTF-8 either (a text page may start like a magic number).
pub fn binary_reason(start: &[u8]) -> Option<String> {
    let is_utf16 = start.starts_with(b"\xFF\xFE") || start.starts_with(b"\xFE\xFF");
    if is_utf16 {
        return None;
    }
    let has_nul = start.contains(&0);
    let valid_utf8 = match std::str::from_utf8(start) {
        Ok(_) => true,
        // The sniffed bytes may end inside a character.
        Err(err) => err.error_len().is_none(),
    };
    if let Some(kind) = infer::get(start).filter(|kind| kind.matcher_type() != infer::MatcherType::Text)
        && (has_nul || !valid_utf8)
    {
        return Some(format!("binary file ({}, {})", kind.extension(), kind.mime_type()));
    }
    has_nul.then(|| "binary file (NUL bytes)".to_owned())
}

/// Reads and cleans one file (pure apart from reading it). The file is read as a stream, so at
/// most one document (up to the document-size limit) of it is held at a time.
fn clean_file(cleaner: &Cleaner, file: &InputFile, options: &BatchOptions) -> FileOutcome {
    let opened = match File::open(&file.path) {
        Ok(opened) => opened,
        Err(err) => return open_failure(&err),
    };
    let size = opened.metadata().map(|m| m.len()).unwrap_or_default();
    let mut reader = BufReader::with_capacity(crate::input::stream::READ_BUFFER.max(BINARY_SNIFF_BYTES), opened);
    let start = match reader.fill_buf() {
        Ok(start) => start,
        Err(err) => return FileOutcome::Failed(format!("cannot read: {err}")),
    };
    if start.is_empty() {
        return FileOutcome::Skipped("empty file".to_owned());
    }
    if let Some(reason) = binary_reason(&start[..start.len().min(BINARY_SNIFF_BYTES)]) {
        return FileOutcome::Skipped(reason);
    }
    let name = path_name(&file.path);
    let mut docs = Vec::new();
    let mut bad_records = Vec::new();
    // Both the document handler and the skip handler add to it, in document order.
    let skipped_documents = std::cell::RefCell::new(Vec::new());
    let mut degraded = Vec::new();
    let mut add = |number: usize,
                   text: &str,
                   source: Source<'_>,
                   fields,
                   provenance: (String, String, String, Option<crate::input::html::PageMeta>)| {
        let document = Document::parse(text);
        let cleaned = cleaner.clean_from(&document, &source);
        if let Some(overrun) = &cleaned.overrun {
            return Some(format!("document {number}: {overrun}"));
        }
        let rendered = render_text(&document, &cleaned);
        let mut removed_by_site: BTreeMap<String, usize> = BTreeMap::new();
        for action in &cleaned.actions {
            let site = match action {
                crate::classify::Action::Drop(meta) => meta.id.split('/').next().unwrap_or_default(),
                crate::classify::Action::Repeat { .. } | crate::classify::Action::AfterRepeat => "repeated-body",
                _ => continue,
            };
            *removed_by_site.entry(site.to_owned()).or_default() += 1;
        }
        let site = cleaned
            .site
            .site()
            .and_then(|i| cleaner.registry().sites().get(i))
            .map_or_else(|| "none".to_owned(), |s| s.name.clone());
        docs.push(CleanDoc {
            name: if number == 1 { name.clone() } else { format!("{name}#{number}") },
            key: DedupKey::of_output(&document, &cleaned),
            rendered,
            fields,
            provenance,
            removed: removed_by_category(&cleaned),
            removed_by_site,
            site,
        });
        None
    };
    let read_options = ReadOptions {
        format: options.input_format,
        encoding: options.encoding,
        url: None,
        html: options.html,
        size: Some(size),
    };
    let result = cleaner.read_documents(
        Box::new(reader),
        Some(&file.path),
        &read_options,
        |document| {
            if let Some(offset) = document.first_invalid_byte {
                degraded.push(format!(
                    "document {}: bytes at offset {offset} are not valid {}; replaced with U+FFFD",
                    document.number,
                    document.encoding.name()
                ));
            }
            if let Some(depth) = document.html_flattened_at_depth {
                degraded.push(format!(
                    "document {}: HTML nested at least {depth} levels deep, over the limit of {}; text read without the page structure",
                    document.number,
                    cleaner.limits().max_html_depth
                ));
            }
            let provenance = (
                document.format.to_owned(),
                document.encoding.name().to_owned(),
                document.encoding_reason.to_string(),
                document.page.cloned(),
            );
            let source = Source { url: document.url, started: Some(document.started), ..Source::default() };
            if let Some(reason) = add(document.number, document.text, source, document.fields, provenance) {
                skipped_documents.borrow_mut().push(reason);
            }
            Ok(())
        },
        |skip| match skip {
            Skipped::Malformed(_) => bad_records.push(skip.to_string()),
            Skipped::TooLarge { .. } | Skipped::TooManyLines { .. } => {
                skipped_documents.borrow_mut().push(skip.to_string());
            }
        },
    );
    if let Err(ReadError::Input(err) | ReadError::Handler(err)) = result {
        return FileOutcome::Failed(format!("cannot read: {err}"));
    }
    FileOutcome::Cleaned { docs, bytes: size, bad_records, skipped_documents: skipped_documents.into_inner(), degraded }
}

/// A file that cannot be opened: gone or forbidden is a skip, anything else a failure.
fn open_failure(err: &io::Error) -> FileOutcome {
    match err.kind() {
        io::ErrorKind::PermissionDenied => FileOutcome::Skipped("permission denied".to_owned()),
        io::ErrorKind::NotFound => FileOutcome::Skipped("vanished before it was read".to_owned()),
        _ => FileOutcome::Failed(format!("cannot open: {err}")),
    }
}

/// Removes the temporary files a killed run left in `out_dir` (dot-prefixed, with
/// [`TEMP_SUFFIX`]); returns how many. Nothing else is touched.
pub fn remove_stale_temporaries(out_dir: &Path) -> usize {
    let mut walk = ignore::WalkBuilder::new(out_dir);
    walk.standard_filters(false).hidden(false).follow_links(false);
    walk.build()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_some_and(|t| t.is_file()))
        .filter(|entry| {
            let name = entry.file_name().to_string_lossy();
            name.starts_with('.') && name.ends_with(TEMP_SUFFIX)
        })
        .filter(|entry| fs::remove_file(entry.path()).is_ok())
        .count()
}

/// Writes `bytes` to `path` through a dot-prefixed temporary file in the same folder.
///
/// The rename makes the output appear whole or not at all when the process is interrupted or
/// killed. There is no fsync: surviving a power loss is not promised, and syncing every small
/// file would cost more than the cleaning.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    fs::create_dir_all(path.parent().unwrap_or(Path::new(".")))?;
    write_into_folder(path, bytes)
}

/// The longest file name the usual file systems take, in bytes.
const MAX_NAME_BYTES: usize = 255;

/// The temporary file's name for output `path`: the name with a dot before it and
/// [`TEMP_SUFFIX`] after it, or, where that would be too long a name (an output name of 239
/// bytes or more), a short one made from a hash of the name.
fn temporary_name(path: &Path) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    if name.is_empty() || 1 + name.len() + TEMP_SUFFIX.len() > MAX_NAME_BYTES || name.contains('\u{FFFD}') {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        path.file_name().hash(&mut hasher);
        return format!(".long-name-{:016x}{TEMP_SUFFIX}", hasher.finish());
    }
    format!(".{name}{TEMP_SUFFIX}")
}

/// Refuses to write below `out_dir` through a symbolic link: a folder inside the output folder
/// that is a link (planted, or left by another tool) would send outputs outside it. Asked once
/// per output folder.
pub fn no_link_below(out_dir: &Path, folder: &Path) -> io::Result<()> {
    for ancestor in folder.ancestors().take_while(|a| *a != out_dir && a.starts_with(out_dir)) {
        if fs::symlink_metadata(ancestor).is_ok_and(|meta| meta.file_type().is_symlink()) {
            return Err(io::Error::other(format!(
                "{} is a symbolic link inside the output folder; nothing is written through it",
                ancestor.display()
            )));
        }
    }
    Ok(())
}

/// [`write_atomically`] into a folder known to exist.
fn write_into_folder(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let folder = path.parent().unwrap_or(Path::new("."));
    let temporary = folder.join(temporary_name(path));
    // Created, never opened if it exists: a link planted at the temporary name is not followed
    // (it is removed, the link itself, and the name taken afresh).
    let create = || fs::OpenOptions::new().write(true).create_new(true).open(&temporary);
    let mut file = match create() {
        Err(err) if err.kind() == io::ErrorKind::AlreadyExists => {
            fs::remove_file(&temporary)?;
            create()?
        }
        other => other?,
    };
    let written = file.write_all(bytes);
    drop(file);
    // A failed write (a full disk, a file-size limit) leaves no temporary behind.
    if let Err(err) = written.and_then(|()| fs::rename(&temporary, path)) {
        let _ = fs::remove_file(&temporary);
        return Err(err);
    }
    Ok(())
}

/// The duplicate list as TSV: `document`, `duplicate_of`, `kind`, `similarity`. A name's
/// backslash, tab, newline and carriage return are written `\\`, `\t`, `\n` and `\r` (the
/// escapes of PostgreSQL's and linear TSV's text format), so every record is one line of four
/// fields whatever the file names hold.
pub fn duplicates_tsv(duplicates: &[Duplicate]) -> String {
    let mut out = String::from("document\tduplicate_of\tkind\tsimilarity\n");
    for d in duplicates {
        let (document, duplicate_of) = (tsv_field(&d.document), tsv_field(&d.duplicate_of));
        out.push_str(&format!("{document}\t{duplicate_of}\t{}\t{:.3}\n", d.kind, d.similarity));
    }
    out
}

/// `text` with TSV's special characters escaped (see [`duplicates_tsv`]).
fn tsv_field(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['\\', '\t', '\n', '\r']) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A path as documents and the duplicate list name it: as it is when it is UTF-8, with each byte
/// that is not written `\xNN`, so that two names that differ only in such bytes stay apart
/// (a lossy conversion would print both with the same U+FFFD).
pub fn path_name(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut name = String::new();
        for chunk in path.as_os_str().as_bytes().utf8_chunks() {
            name.push_str(chunk.valid());
            for byte in chunk.invalid() {
                name.push_str(&format!("\\x{byte:02X}"));
            }
        }
        name
    }
    #[cfg(not(unix))]
    {
        path.display().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_records_stay_one_line_of_four_fields() {
        let listed = duplicates_tsv(&[Duplicate {
            document: "a\tb\nc\\d.txt".to_owned(),
            duplicate_of: "plain.txt".to_owned(),
            kind: "exact",
            similarity: 1.0,
        }]);
        let records: Vec<&str> = listed.lines().collect();
        assert_eq!(records.len(), 2, "{listed:?}");
        assert_eq!(records[1], "a\\tb\\nc\\\\d.txt\tplain.txt\texact\t1.000");
    }

    #[cfg(unix)]
    #[test]
    fn names_that_differ_in_bytes_that_are_no_utf8_stay_apart() {
        use std::os::unix::ffi::OsStrExt;
        let one = path_name(Path::new(std::ffi::OsStr::from_bytes(b"page-\xff.txt")));
        let two = path_name(Path::new(std::ffi::OsStr::from_bytes(b"page-\xfe.txt")));
        assert_eq!((one.as_str(), two.as_str()), ("page-\\xFF.txt", "page-\\xFE.txt"));
        assert_eq!(path_name(Path::new("страница.txt")), "страница.txt");
    }
}
