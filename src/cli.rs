//! Command-line front end: flags (clap), friendly messages and exit codes.
//!
//! Exit codes: 0 all inputs cleaned; 1 some inputs could not be read (the rest were cleaned);
//! 2 a usage or rule-file error, reported before any input is read. Writing into a closed pipe
//! (`| head`) ends the run quietly with 0. A closed stderr loses the messages, never the run.

/// A message on stderr that cannot fail the run: with stderr closed (`2>&-`) or a pipe whose
/// reader went away, `eprintln!` panics at the first warning and the documents still to come
/// are lost; a message nobody can read is dropped instead.
macro_rules! say {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// [`say!`] without the newline.
macro_rules! say_raw {
    ($($arg:tt)*) => {{
        let _ = write!(std::io::stderr(), $($arg)*);
    }};
}

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use boilerstrip::batch::{self, BatchOptions, BatchReport, Progress};
use boilerstrip::dedup::{DEFAULT_NEAR_THRESHOLD, DedupKey, DuplicateTracker};
use boilerstrip::document::Document;
use boilerstrip::input::format::InputFormat;
use boilerstrip::input::html::HtmlOptions;
use boilerstrip::input::stream::READ_BUFFER;
use boilerstrip::learn::LearnOptions;
use boilerstrip::ordered::OrderedChunks;
use boilerstrip::output::explain::{ExplainFormat, ReadAs, write_explanation};
use boilerstrip::output::jsonl::{Provenance, write_record};
use boilerstrip::output::{DOCUMENT_SEPARATOR, render_text};
use boilerstrip::pipeline::{Cleaned, Cleaner};
use boilerstrip::pipeline::{ReadError, ReadOptions, Source};
use boilerstrip::recurrence::{LearnedRules, PageSample};
use boilerstrip::rules::{LoadOptions, Registry, RuleSource};
use boilerstrip::ruletest::run_rule_tests;
use clap::Parser;
use encoding_rs::Encoding;
use indicatif::{HumanBytes, ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use boilerstrip::limits::Limits;
use boilerstrip::pipeline::Skipped;

/// The outcome of a run, as the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Ok = 0,
    SomeInputsFailed = 1,
    UsageOrRules = 2,
}

/// Strip page chrome (disclaimers, share bars, comment boxes, app promos, language menus,
/// ticker lines, repeated bodies) from scraped article pages.
///
/// Reads each INPUT (or stdin) and writes the clean article text to stdout. A line holding only
/// a form feed separates documents; the output keeps one form-feed line between documents.
#[derive(Debug, Parser)]
#[command(name = "boilerstrip", version, args_conflicts_with_subcommands = true)]
struct Args {
    #[command(subcommand)]
    command: Option<Command>,

    /// Files to clean; `-` or none reads stdin.
    #[arg(value_name = "INPUT")]
    inputs: Vec<PathBuf>,

    #[command(flatten)]
    rules: RuleArgs,

    /// Apply this site's rules to every document instead of detecting the site.
    #[arg(long, value_name = "NAME")]
    site: Option<String>,

    #[command(flatten)]
    input: InputArgs,

    /// Output format: clean text (form-feed lines between documents), or one JSON object per
    /// document with the input record's fields and a `boilerstrip` object.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    output_format: OutputFormat,

    #[command(flatten)]
    batch: BatchArgs,

    #[command(flatten)]
    limits: LimitArgs,

    /// Do not print warnings, the progress bar or the summary.
    #[arg(short, long)]
    quiet: bool,
}

/// Batch mode and duplicate documents.
#[derive(Debug, clap::Args)]
struct BatchArgs {
    /// Clean files and folders into this folder, keeping their relative paths (batch mode).
    #[arg(short = 'o', long = "output", value_name = "DIR")]
    output: Option<PathBuf>,

    /// Worker threads: in batch mode (default: all cores), and for a stream (default: one; with
    /// more, documents are cleaned in chunks of up to 4 MB and written a chunk at a time).
    #[arg(short = 'j', long, value_name = "N")]
    jobs: Option<usize>,

    /// Only clean files matching this glob (repeatable; `!GLOB` excludes).
    #[arg(long = "glob", value_name = "PATTERN")]
    globs: Vec<String>,

    /// Near-duplicate threshold: estimated share of shared 5-word shingles, 0 to 1 (above 1: off).
    #[arg(long, value_name = "THRESHOLD", default_value_t = DEFAULT_NEAR_THRESHOLD)]
    near_dup: f32,

    /// Write duplicate documents too (they are still listed).
    #[arg(long)]
    keep_duplicates: bool,

    /// Where to write the duplicate list (batch default: OUT/.boilerstrip/duplicates.tsv).
    #[arg(long, value_name = "FILE")]
    dup_report: Option<PathBuf>,

    /// Also write the run's summary as JSON to this file.
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,

    /// Learn from the run itself: read the inputs once first, and drop as well the lines that
    /// recur across many pages of one site (or of pages of no known site), as `learn` would
    /// draft them. Needs files or folders, not stdin.
    #[arg(long)]
    recurrence: bool,

    /// With --recurrence, write each learned rule file to this folder (learned-SITE.toml).
    #[arg(long, value_name = "DIR", requires = "recurrence")]
    save_learned: Option<PathBuf>,
}

/// Limits against hostile inputs (see `boilerstrip::limits`).
#[derive(Debug, clap::Args)]
struct LimitArgs {
    /// Skip documents (or JSON Lines records) larger than this, with a warning (K, M, G suffixes).
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = parse_byte_size, global = true)]
    max_document_size: usize,

    /// Skip documents (or JSON Lines records) of more lines than this, with a warning.
    #[arg(long, value_name = "N", default_value_t = Limits::DEFAULT_MAX_DOCUMENT_LINES, global = true)]
    max_document_lines: usize,

    /// Keep lines longer than this as they are, without matching them against rules.
    #[arg(long, value_name = "SIZE", default_value = "1M", value_parser = parse_byte_size, global = true)]
    max_line_length: usize,

    /// Read HTML pages nested deeper than this from their token stream (no article-root search).
    #[arg(long, value_name = "N", default_value_t = Limits::DEFAULT_MAX_HTML_DEPTH, global = true)]
    max_html_depth: usize,

    /// Skip a document that takes longer than this to read and clean (`10s`, `500ms`, `off`).
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = parse_time_budget, global = true)]
    time_budget: TimeBudget,

    /// Count every skipped input or document (binary, empty, too large, over budget, ...) as a
    /// failure: exit code 1.
    #[arg(long, global = true)]
    strict: bool,
}

impl LimitArgs {
    fn limits(&self) -> Limits {
        Limits {
            max_document_bytes: self.max_document_size,
            max_document_lines: self.max_document_lines,
            max_line_bytes: self.max_line_length,
            max_html_depth: self.max_html_depth,
            time_budget: self.time_budget.0,
        }
    }
}

/// A time budget; `None` for no limit.
#[derive(Debug, Clone, Copy)]
struct TimeBudget(Option<Duration>);

fn parse_byte_size(text: &str) -> Result<usize, String> {
    let bytes = parse_size::Config::new()
        .with_binary()
        .parse_size(text)
        .map_err(|err| format!("{err} (examples: 65536, 64K, 64M, 1G)"))?;
    usize::try_from(bytes).map_err(|_| "too large for this machine".to_owned())
}

fn parse_time_budget(text: &str) -> Result<TimeBudget, String> {
    if text.eq_ignore_ascii_case("off") || text.eq_ignore_ascii_case("none") {
        return Ok(TimeBudget(None));
    }
    if let Ok(seconds) = text.parse::<f64>() {
        return Duration::try_from_secs_f64(seconds).map(|d| TimeBudget(Some(d))).map_err(|err| err.to_string());
    }
    humantime::parse_duration(text)
        .map(|d| TimeBudget(Some(d)))
        .map_err(|err| format!("{err} (examples: 10s, 500ms, 2m, off)"))
}

/// How to read inputs.
#[derive(Debug, clap::Args)]
struct InputArgs {
    /// Input format; `auto` decides from the file name (.jsonl, .html) or the first bytes.
    #[arg(long, value_enum, default_value_t = InputFormatArg::Auto, global = true)]
    input_format: InputFormatArg,

    /// Read every document in this encoding (a WHATWG label: shift_jis, gbk, windows-1251 ...).
    #[arg(long, value_name = "LABEL", value_parser = parse_encoding, global = true)]
    encoding: Option<&'static Encoding>,

    /// The pages' URL; its host chooses the site (JSON Lines records use their own `url`).
    #[arg(long, value_name = "URL", global = true)]
    url: Option<String>,

    /// HTML: write the article body only, without its title, byline, dateline and figure captions.
    #[arg(long, global = true)]
    body_only: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum InputFormatArg {
    Auto,
    Text,
    Html,
    Jsonl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum OutputFormat {
    Text,
    Jsonl,
}

fn parse_encoding(label: &str) -> Result<&'static Encoding, String> {
    Encoding::for_label(label.trim().as_bytes())
        .ok_or_else(|| format!("unknown encoding `{label}` (use a WHATWG label such as utf-8, shift_jis, gbk)"))
}

/// Which rule files to load.
#[derive(Debug, clap::Args)]
struct RuleArgs {
    /// Rule file or folder of rule files; adds sites or replaces embedded ones by site name.
    #[arg(id = "rule_paths", long = "rules", value_name = "PATH", global = true)]
    paths: Vec<PathBuf>,

    /// Do not load the rule files embedded in the binary.
    #[arg(long, global = true)]
    no_default_rules: bool,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Show every input line with its decision: kept, dropped by which rule, repeated, moved.
    Explain {
        /// The file to explain; `-` or none reads stdin.
        #[arg(value_name = "INPUT")]
        input: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Apply this site's rules instead of detecting the site.
        #[arg(long, value_name = "NAME")]
        site: Option<String>,
        /// Learn what recurs from these files or folders first, as a run with --recurrence
        /// over them would, and explain with those rules too.
        #[arg(long, value_name = "PATH")]
        recurrence_from: Vec<PathBuf>,
    },
    /// Check, test and list rule files.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Draft a rule file for a site from a folder of its raw pages: lines that recur across
    /// many pages are chrome. Writes the draft (to --out or stdout) and a report on stderr.
    Learn {
        /// Files or folders of one site's pages (any languages, any input format).
        #[arg(value_name = "DIR", required = true)]
        inputs: Vec<PathBuf>,
        /// The site's name in the draft (letters, digits, `-`).
        #[arg(long, value_name = "NAME")]
        site: String,
        /// Write the draft here (default: stdout).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Host names of the site, for the draft's `hosts` (repeatable).
        #[arg(long = "host", value_name = "HOST")]
        hosts: Vec<String>,
        /// A line is chrome when it recurs on at least this share of the pages.
        #[arg(long, value_name = "SHARE", default_value_t = boilerstrip::learn::DEFAULT_MIN_SHARE)]
        min_share: f64,
        /// Pages shown before/after in the report.
        #[arg(long, value_name = "N", default_value_t = 2)]
        examples: usize,
    },
}

#[derive(Debug, clap::Subcommand)]
enum RulesCommand {
    /// Report every problem in rule files (default: the embedded ones plus ./rules if present).
    Check {
        /// Rule files or folders to check together with the embedded ones.
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Run the test cases written in rule files (default: every loaded file).
    Test {
        /// Only the tests of these rule files or folders (they are loaded too).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// List the loaded sites, their rules per category and where each file came from.
    List,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// For people, coloured on a terminal.
    Text,
    /// One JSON object per line, for tools.
    Jsonl,
}

pub fn run() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(err) => {
            let _ = err.print();
            return if err.use_stderr() { code(Outcome::UsageOrRules) } else { code(Outcome::Ok) };
        }
    };
    let outcome = match &args.command {
        None if args.batch.output.is_some() => run_batch(&args),
        None => run_with(&args),
        Some(Command::Explain { input, format, site, recurrence_from }) => {
            let request =
                ExplainRequest { input: input.as_ref(), format: *format, site: site.as_deref(), recurrence_from };
            explain(&args.rules, &args.input, &args.limits, &request, args.quiet)
        }
        Some(Command::Rules(RulesCommand::Check { paths })) => rules_check(&args.rules, paths),
        Some(Command::Rules(RulesCommand::Test { paths })) => rules_test(&args.rules, paths),
        Some(Command::Rules(RulesCommand::List)) => rules_list(&args.rules),
        Some(Command::Learn { inputs, site, out, hosts, min_share, examples }) => {
            let request =
                LearnRequest { inputs, site, out: out.as_deref(), hosts, min_share: *min_share, examples: *examples };
            learn(&args.rules, &args.input, &request)
        }
    };
    code(outcome)
}

fn code(outcome: Outcome) -> ExitCode {
    ExitCode::from(outcome as u8)
}

fn run_with(args: &Args) -> Outcome {
    if stdout_was_closed() {
        say!(
            "boilerstrip: error: standard output is closed (>&-), so the clean text has nowhere to go: redirect it to a file, or to /dev/null to discard it"
        );
        return Outcome::UsageOrRules;
    }
    // A stream writes no summary and selects no files: these options would do nothing, and a
    // user who asked for a report must not find none after the run.
    let batch_only: Vec<&str> = [("--report", args.batch.report.is_some()), ("--glob", !args.batch.globs.is_empty())]
        .into_iter()
        .filter_map(|(flag, given)| given.then_some(flag))
        .collect();
    if !batch_only.is_empty() {
        say!(
            "boilerstrip: error: {} applies to batch mode only: give an output folder (-o OUT)",
            batch_only.join(" and ")
        );
        return Outcome::UsageOrRules;
    }
    let mut cleaner = match load_cleaner(&args.rules, &[], args.site.as_deref(), args.limits.limits()) {
        Ok(cleaner) => cleaner,
        Err(outcome) => return outcome,
    };
    if args.batch.recurrence {
        if args.inputs.is_empty() || args.inputs.iter().any(|p| p.as_os_str() == "-") {
            say!("boilerstrip: error: --recurrence reads its inputs twice: give files or folders, not stdin");
            return Outcome::UsageOrRules;
        }
        cleaner = match with_recurrence(args, &cleaner, &args.inputs) {
            Ok(cleaner) => cleaner,
            Err(outcome) => return outcome,
        };
    }
    for input in &args.inputs {
        if input.is_dir() {
            say!(
                "boilerstrip: error: {}: is a directory; to clean a tree, give an output folder: boilerstrip {} -o OUT",
                input.display(),
                input.display()
            );
            return Outcome::UsageOrRules;
        }
    }

    let stdout = io::stdout();
    let mut writer = StreamWriter {
        args,
        cleaner: &cleaner,
        out: BufWriter::with_capacity(READ_BUFFER, stdout.lock()),
        written: 0,
        skipped: 0,
        // The list of duplicates is kept only for --dup-report: without it, copies cost nothing.
        tracker: if args.batch.dup_report.is_some() {
            DuplicateTracker::new(args.batch.near_dup)
        } else {
            DuplicateTracker::without_list(args.batch.near_dup)
        },
    };
    let inputs: Vec<Option<&PathBuf>> = if args.inputs.is_empty() {
        vec![None]
    } else {
        args.inputs.iter().map(|p| (p.as_os_str() != "-").then_some(p)).collect()
    };
    // A stream is cleaned on this thread unless `-j` asks for more: in parallel, documents are
    // cleaned in chunks and written a chunk at a time, which a pipe reader would see as delay.
    let jobs = capped_jobs(args.batch.jobs.unwrap_or(1));
    let pool = match (jobs > 1).then(|| rayon::ThreadPoolBuilder::new().num_threads(jobs).build()).transpose() {
        Ok(pool) => pool,
        Err(err) => {
            say!("boilerstrip: error: cannot start {jobs} threads: {err}");
            return Outcome::SomeInputsFailed;
        }
    };
    let mut failed = false;
    for input in inputs {
        let name = input_name(input);
        let result = match &pool {
            None => for_each_unit(input, &args.input, &cleaner, args.quiet, |unit| {
                let source = Source { url: unit.url, started: Some(unit.started), ..Source::default() };
                let prepared = prepare(&cleaner, unit.number, unit.text, source, unit.read_as, unit.fields);
                writer.emit(&name, prepared)
            }),
            Some(pool) => {
                let work = |unit: OwnedUnit| {
                    // The time budget counts from reading, as on one thread, not from the wait.
                    let started = Instant::now().checked_sub(unit.read_time).unwrap_or_else(Instant::now);
                    let source = Source { url: unit.url.as_deref(), started: Some(started), ..Source::default() };
                    prepare(&cleaner, unit.number, &unit.text, source, unit.read_as, unit.fields)
                };
                let mut finish = |prepared: Prepared<'_>| writer.emit(&name, prepared);
                let mut chunks = OrderedChunks::new(pool, jobs * STREAM_CHUNK_DOCUMENTS_PER_THREAD, STREAM_CHUNK_BYTES);
                let read = for_each_unit(input, &args.input, &cleaner, args.quiet, |unit| {
                    let bytes = unit.text.len();
                    chunks.push(OwnedUnit::from(unit), bytes, &work, &mut finish)
                });
                // What was read before a failure is still written.
                match chunks.flush(&work, &mut finish) {
                    Ok(()) => read,
                    Err(err) => Err(StreamError::Output(err)),
                }
            }
        };
        match result {
            Ok(outcome) => {
                failed |= outcome.malformed > 0;
                writer.skipped += outcome.skipped;
            }
            Err(StreamError::Output(err)) => return output_failed(&err),
            Err(StreamError::Input(name, err)) => {
                say!("boilerstrip: error: {name}: {err}");
                failed = true;
            }
        }
    }
    if let Err(err) = writer.out.flush() {
        return output_failed(&err);
    }
    if let Some(path) = &args.batch.dup_report
        && let Err(err) = batch::write_atomically(path, batch::duplicates_tsv(&writer.tracker.found).as_bytes())
    {
        say!("boilerstrip: error: {}: {err}", path.display());
        failed = true;
    }
    let strict_failure = args.limits.strict && writer.skipped > 0;
    if strict_failure && args.quiet {
        // --quiet silences the warnings that named the skips; the failure itself still speaks.
        say!("boilerstrip: error: {} document(s) skipped, and --strict counts a skip as a failure", writer.skipped);
    }
    if failed || strict_failure { Outcome::SomeInputsFailed } else { Outcome::Ok }
}

/// Documents per worker thread in one chunk of a parallel stream.
const STREAM_CHUNK_DOCUMENTS_PER_THREAD: usize = 32;
/// Text in one chunk of a parallel stream: enough to keep the threads busy, little enough to
/// bound memory (two chunks are held at a time).
const STREAM_CHUNK_BYTES: usize = 4 << 20;

/// A stream's document, cleaned, before its duplicate decision.
struct Prepared<'r> {
    number: usize,
    read_as: ReadAs,
    fields: Option<boilerstrip::input::jsonl::Fields>,
    cleaned: Cleaned<'r>,
    /// The clean text, rendered once: for the duplicate key and for the output.
    rendered: String,
    key: Option<DedupKey>,
}

/// Cleans one document of a stream: the part that may run on any thread.
fn prepare<'r>(
    cleaner: &'r Cleaner,
    number: usize,
    text: &str,
    source: Source<'_>,
    read_as: ReadAs,
    fields: Option<boilerstrip::input::jsonl::Fields>,
) -> Prepared<'r> {
    let document = Document::parse(text);
    let mut cleaned = cleaner.clean_from(&document, &source);
    let (rendered, key) = if cleaned.overrun.is_some() {
        (String::new(), None)
    } else {
        (render_text(&document, &cleaned), DedupKey::of_output(&document, &cleaned))
    };
    // Only the duplicate key reads the match keys; a chunk waiting to be written need not hold them.
    cleaned.keys = Vec::new();
    Prepared { number, read_as, fields, cleaned, rendered, key }
}

/// A stream's document, owned, on its way to a worker.
struct OwnedUnit {
    number: usize,
    text: String,
    read_as: ReadAs,
    fields: Option<boilerstrip::input::jsonl::Fields>,
    url: Option<String>,
    /// How long reading it took.
    read_time: Duration,
}

impl From<Unit<'_>> for OwnedUnit {
    fn from(unit: Unit<'_>) -> Self {
        Self {
            number: unit.number,
            text: unit.text.to_owned(),
            read_as: unit.read_as,
            fields: unit.fields,
            url: unit.url.map(str::to_owned),
            read_time: unit.started.elapsed(),
        }
    }
}

/// The serial end of a stream: duplicate decisions in stream order, and the output.
struct StreamWriter<'a, W: Write> {
    args: &'a Args,
    cleaner: &'a Cleaner,
    out: W,
    written: usize,
    skipped: usize,
    tracker: DuplicateTracker,
}

impl<W: Write> StreamWriter<'_, W> {
    /// Decides whether document `prepared` of input `name` repeats an earlier one, and writes it
    /// unless it does (or duplicates are kept).
    fn emit(&mut self, name: &str, prepared: Prepared<'_>) -> io::Result<()> {
        let Prepared { number, read_as, fields, cleaned, rendered, key } = prepared;
        if let Some(overrun) = &cleaned.overrun {
            say!("boilerstrip: warning: {name}: document {number}: {overrun}");
            self.skipped += 1;
            return Ok(());
        }
        // Duplicates across the documents of the stream, decided in stream order.
        let document_name = format!("{name}#{number}");
        let duplicate_of = self.tracker.check(&document_name, key.as_ref()).map(|duplicate| duplicate.duplicate_of);
        if duplicate_of.is_some() && !self.args.batch.keep_duplicates {
            return Ok(());
        }
        match self.args.output_format {
            OutputFormat::Text => {
                if self.written > 0 {
                    self.out.write_all(DOCUMENT_SEPARATOR)?;
                }
                self.out.write_all(rendered.as_bytes())?;
            }
            OutputFormat::Jsonl => {
                let fields = match fields {
                    Some(fields) => fields,
                    None => {
                        let mut fields = boilerstrip::input::jsonl::Fields::new();
                        fields.set("source", &name)?;
                        fields.set("document", &number)?;
                        fields
                    }
                };
                let provenance = Provenance {
                    format: read_as.format.as_str(),
                    encoding: &read_as.encoding,
                    encoding_reason: &read_as.encoding_reason,
                    duplicate_of: duplicate_of.as_deref(),
                    page: read_as.page.as_ref(),
                };
                write_record(fields, rendered, &cleaned, self.cleaner.registry(), provenance, &mut self.out)?;
            }
        }
        self.written += 1;
        Ok(())
    }
}

/// The machine's cores, as the default number of jobs.
fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// More threads than this many per core only add contention (`-j 10000` took minutes on a tree
/// that `-j 2` cleans in a second).
const MAX_JOBS_PER_CORE: usize = 4;

/// `-j N`, at least one and at most [`MAX_JOBS_PER_CORE`] per core, saying so when capped.
fn capped_jobs(asked: usize) -> usize {
    let most = cores() * MAX_JOBS_PER_CORE;
    if asked > most {
        say!("boilerstrip: warning: -j {asked} capped at {most} ({MAX_JOBS_PER_CORE} per core)");
        return most;
    }
    asked.max(1)
}

/// How messages name an input (`None`: stdin).
fn input_name(input: Option<&PathBuf>) -> String {
    input.map_or_else(|| "<stdin>".to_owned(), |p| batch::path_name(p))
}

/// Batch mode: files and folders in, a folder out.
fn run_batch(args: &Args) -> Outcome {
    let Some(out_dir) = &args.batch.output else { return Outcome::UsageOrRules };
    if args.inputs.is_empty() || args.inputs.iter().any(|p| p.as_os_str() == "-") {
        say!("boilerstrip: error: -o needs files or folders to clean (stdin is cleaned to stdout without -o)");
        return Outcome::UsageOrRules;
    }
    if out_dir.exists() && !out_dir.is_dir() {
        say!("boilerstrip: error: -o {}: is a file, not a folder", out_dir.display());
        return Outcome::UsageOrRules;
    }
    if let Err(problem) = batch::check_globs(&args.batch.globs) {
        say!("boilerstrip: error: invalid --glob {:?}: {}", problem.path, problem.reason);
        return Outcome::UsageOrRules;
    }
    let mut cleaner = match load_cleaner(&args.rules, &[], args.site.as_deref(), args.limits.limits()) {
        Ok(cleaner) => cleaner,
        Err(outcome) => return outcome,
    };
    let batch::Collected { files, skipped: walk_skipped, failed: walk_failed } =
        batch::collect_inputs(&args.inputs, &args.batch.globs, Some(out_dir));
    // Nothing is written if anything would land on an input: the run stops before it starts.
    let reports: Vec<&Path> = args.batch.report.iter().chain(&args.batch.dup_report).map(PathBuf::as_path).collect();
    let outputs = files.iter().map(|file| out_dir.join(&file.output));
    let clashes = batch::outputs_onto_inputs(&files, outputs.chain(reports.iter().map(|p| p.to_path_buf())));
    if let Some(clash) = clashes.first() {
        say!(
            "boilerstrip: error: {} would overwrite the input {}{}; nothing was written (choose an output folder and report paths apart from the inputs)",
            clash.output.display(),
            clash.input.display(),
            match clashes.len() {
                1 => String::new(),
                more => format!(" (and {} more)", more - 1),
            }
        );
        return Outcome::UsageOrRules;
    }
    if args.batch.recurrence {
        let paths: Vec<PathBuf> = files.iter().map(|file| file.path.clone()).collect();
        cleaner = match with_recurrence(args, &cleaner, &paths) {
            Ok(cleaner) => cleaner,
            Err(outcome) => return outcome,
        };
    }
    let jobs = args.batch.jobs.map_or_else(cores, capped_jobs);
    let options = BatchOptions {
        out_dir: out_dir.clone(),
        jobs,
        keep_duplicates: args.batch.keep_duplicates,
        near_threshold: args.batch.near_dup,
        jsonl_output: args.output_format == OutputFormat::Jsonl,
        input_format: match args.input.input_format {
            InputFormatArg::Auto => None,
            InputFormatArg::Text => Some(InputFormat::Text),
            InputFormatArg::Html => Some(InputFormat::Html),
            InputFormatArg::Jsonl => Some(InputFormat::Jsonl),
        },
        encoding: args.input.encoding,
        html: HtmlOptions { body_only: args.input.body_only },
    };

    // Ctrl-C: stop between chunks and report; a second Ctrl-C exits at once.
    static STOP: AtomicBool = AtomicBool::new(false);
    let _ = ctrlc::set_handler(|| {
        if STOP.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
    });

    let bar = if args.quiet || !io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        ProgressBar::with_draw_target(Some(files.len() as u64), ProgressDrawTarget::stderr())
    };
    bar.set_style(
        ProgressStyle::with_template("{spinner} {elapsed_precise} [{bar:30}] {pos}/{len} files, {msg}, ETA {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    let bytes_done = AtomicU64::new(0);
    let failures = AtomicUsize::new(0);
    let started = Instant::now();
    let on_progress = |progress: Progress| {
        let bytes = bytes_done.fetch_add(progress.bytes, Ordering::Relaxed) + progress.bytes;
        let failed = failures.fetch_add(usize::from(progress.failed), Ordering::Relaxed) + usize::from(progress.failed);
        let rate = bytes as f64 / started.elapsed().as_secs_f64().max(1e-3);
        bar.set_message(format!("{}/s, {failed} failed", HumanBytes(rate as u64)));
        bar.inc(1);
    };
    let result = batch::run(&cleaner, &files, &options, &on_progress, &STOP);
    bar.finish_and_clear();
    let (mut report, duplicates) = match result {
        Ok(result) => result,
        Err(err) => {
            say!("boilerstrip: error: {}: {err}", out_dir.display());
            // Another run holds the folder: nothing was read or written, as with a usage error.
            if err.kind() == std::io::ErrorKind::WouldBlock {
                return Outcome::UsageOrRules;
            }
            return Outcome::SomeInputsFailed;
        }
    };
    report.failed.splice(0..0, walk_failed);
    report.skipped.splice(0..0, walk_skipped);
    let dup_path = args.batch.dup_report.clone().unwrap_or_else(|| out_dir.join(".boilerstrip").join("duplicates.tsv"));
    let dup_written = match batch::write_atomically(&dup_path, batch::duplicates_tsv(&duplicates).as_bytes()) {
        Ok(()) => Some(dup_path.as_path()),
        Err(err) => {
            report
                .failed
                .push(batch::Problem { path: dup_path.display().to_string(), reason: format!("cannot write: {err}") });
            None
        }
    };
    if let Some(path) = &args.batch.report {
        let json = serde_json::to_vec_pretty(&report).unwrap_or_default();
        if let Err(err) = batch::write_atomically(path, &json) {
            report
                .failed
                .push(batch::Problem { path: path.display().to_string(), reason: format!("cannot write: {err}") });
        }
    }
    for problem in &report.failed {
        say!("boilerstrip: error: {}: {}", problem.path, problem.reason);
    }
    if !args.quiet {
        for problem in &report.skipped {
            say!("boilerstrip: skipped: {}: {}", problem.path, problem.reason);
        }
        for problem in &report.degraded {
            say!("boilerstrip: warning: {}: {}", problem.path, problem.reason);
        }
        if report.stale_outputs_removed > 0 {
            say!(
                "boilerstrip: removed {} outputs of an earlier run whose inputs now give none (empty, binary or duplicates)",
                report.stale_outputs_removed
            );
        }
        if report.stale_temporaries_removed > 0 {
            say!(
                "boilerstrip: removed {} temporary files left in the output folder by an interrupted run",
                report.stale_temporaries_removed
            );
        }
        say_raw!("{}", summary_text(&report, dup_written));
    }
    let strict_failure = args.limits.strict && !report.skipped.is_empty();
    if strict_failure && args.quiet {
        // --quiet silences the summary that listed the skips; the failure itself still speaks.
        say!("boilerstrip: error: {} input(s) skipped, and --strict counts a skip as a failure", report.skipped.len());
    }
    if report.failed.is_empty() && !report.interrupted && !strict_failure {
        Outcome::Ok
    } else {
        Outcome::SomeInputsFailed
    }
}

/// The run's summary; `dup_path` is where the duplicate list was written, `None` when writing it
/// failed (the error says why, and the summary must not point at a list that is not there).
fn summary_text(report: &BatchReport, dup_path: Option<&Path>) -> String {
    let mb = |bytes: u64| bytes as f64 / 1e6;
    let mut out = String::new();
    if report.interrupted {
        out.push_str(&format!(
            "boilerstrip: interrupted after {} of {} files; finished outputs are complete\n",
            report.files_read, report.files_found
        ));
    }
    out.push_str(&format!(
        "boilerstrip: {} files read, {} written, {} failed, {} skipped; {} documents, {} exact and {} near duplicates ({} files all duplicates)\n",
        report.files_read,
        report.files_written,
        report.failed.len(),
        report.skipped.len(),
        report.documents,
        report.exact_duplicates,
        report.near_duplicates,
        report.files_all_duplicates,
    ));
    out.push_str(&format!(
        "  {:.1} MB in, {:.1} MB out in {:.2} s ({:.1} MB/s)\n",
        mb(report.bytes_in),
        mb(report.bytes_out),
        report.elapsed_seconds,
        mb(report.bytes_in) / report.elapsed_seconds.max(1e-9)
    ));
    let join = |counts: &BTreeMap<String, usize>| {
        counts.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(", ")
    };
    out.push_str(&format!("  dropped lines by category: {}\n", join(&report.dropped_by_category)));
    out.push_str(&format!("  dropped lines by rule file: {}\n", join(&report.dropped_by_site)));
    out.push_str(&format!("  documents by site: {}\n", join(&report.documents_by_site)));
    match dup_path {
        Some(path) => out.push_str(&format!("  duplicates listed in {}\n", path.display())),
        None => out.push_str("  duplicate list not written (see the error above)\n"),
    }
    out
}

/// One document ready to clean, whatever the input format.
struct Unit<'a> {
    /// The input's name (`<stdin>` or the path).
    name: &'a str,
    /// 1-based number of the document (or record) in its input.
    number: usize,
    text: &'a str,
    read_as: ReadAs,
    /// The JSON Lines record's fields, for JSON Lines input.
    fields: Option<boilerstrip::input::jsonl::Fields>,
    url: Option<&'a str>,
    /// When reading the document began (for the time budget).
    started: Instant,
}

impl Unit<'_> {
    fn source(&self) -> Source<'_> {
        Source { url: self.url, started: Some(self.started), ..Source::default() }
    }
}

/// What reading one input skipped.
#[derive(Debug, Default)]
struct InputOutcome {
    /// Malformed JSON Lines records (failures).
    malformed: usize,
    /// Documents skipped on purpose (over the size limit).
    skipped: usize,
}

/// Opens one input (None: stdin), chooses its format, and hands each document to `handle`, one
/// at a time. Unreadable inputs and malformed records are reported here.
fn for_each_unit(
    input: Option<&PathBuf>,
    options: &InputArgs,
    cleaner: &Cleaner,
    quiet: bool,
    mut handle: impl FnMut(Unit<'_>) -> io::Result<()>,
) -> Result<InputOutcome, StreamError> {
    let name = input_name(input);
    let input_error = |err: io::Error| StreamError::Input(name.clone(), err);
    let (reader, size): (Box<dyn BufRead>, Option<u64>) = match input {
        None => (Box::new(BufReader::with_capacity(READ_BUFFER, io::stdin())), None),
        Some(path) => {
            let file = File::open(path).map_err(input_error)?;
            let size = file.metadata().ok().map(|m| m.len());
            (Box::new(BufReader::with_capacity(READ_BUFFER, file)), size)
        }
    };
    let read_options = ReadOptions {
        format: match options.input_format {
            InputFormatArg::Auto => None,
            InputFormatArg::Text => Some(InputFormat::Text),
            InputFormatArg::Html => Some(InputFormat::Html),
            InputFormatArg::Jsonl => Some(InputFormat::Jsonl),
        },
        encoding: options.encoding,
        url: options.url.as_deref(),
        html: HtmlOptions { body_only: options.body_only },
        size,
    };
    let mut outcome = InputOutcome::default();
    let mut warned = false;
    let result = cleaner.read_documents(
        reader,
        input.map(PathBuf::as_path),
        &read_options,
        |document| {
            if let Some(offset) = document.first_invalid_byte
                && !warned
                && !quiet
            {
                say!(
                    "boilerstrip: warning: {name}: document {}: bytes at offset {offset} are not valid {}; replaced with U+FFFD (further warnings for this input suppressed)",
                    document.number,
                    document.encoding.name()
                );
                warned = true;
            }
            if let Some(depth) = document.html_flattened_at_depth
                && !quiet
            {
                say!(
                    "boilerstrip: warning: {name}: document {}: HTML nested at least {depth} levels deep, over the limit of {}; its text was read without the page structure (--max-html-depth)",
                    document.number,
                    cleaner.limits().max_html_depth
                );
            }
            let read_as = ReadAs {
                format: document.format.to_owned(),
                encoding: document.encoding.name().to_owned(),
                encoding_reason: document.encoding_reason.to_string(),
                page: document.page.cloned(),
            };
            handle(Unit {
                name: &name,
                number: document.number,
                text: document.text,
                read_as,
                fields: document.fields,
                url: document.url,
                started: document.started,
            })
        },
        |skip| match skip {
            Skipped::Malformed(_) => {
                say!("boilerstrip: error: {name}: {skip}");
                outcome.malformed += 1;
            }
            Skipped::TooLarge { .. } | Skipped::TooManyLines { .. } => {
                say!("boilerstrip: warning: {name}: {skip}");
                outcome.skipped += 1;
            }
        },
    );
    match result {
        Ok(()) => {}
        Err(ReadError::Input(err)) => return Err(input_error(err)),
        Err(ReadError::Handler(err)) => return Err(StreamError::Output(err)),
    }
    Ok(outcome)
}

fn output_failed(err: &io::Error) -> Outcome {
    if err.kind() == io::ErrorKind::BrokenPipe {
        // The reader went away (`| head`): that is how pipelines end, not an error.
        return Outcome::Ok;
    }
    say!("boilerstrip: error: writing output: {err}");
    Outcome::SomeInputsFailed
}

enum StreamError {
    Input(String, io::Error),
    Output(io::Error),
}

/// Loads rules (flags plus `extra` paths) into a cleaner, reporting rule errors with snippets.
/// [`learned_cleaner`] with the flags of a clean run (`--recurrence`, `--save-learned`).
fn with_recurrence(args: &Args, cleaner: &Cleaner, inputs: &[PathBuf]) -> Result<Cleaner, Outcome> {
    let learning = Learning {
        rule_args: &args.rules,
        input_args: &args.input,
        site: args.site.as_deref(),
        save: args.batch.save_learned.as_deref(),
        quiet: args.quiet,
    };
    learned_cleaner(cleaner, &learning, inputs)
}

/// How to learn from a run and load what was learned.
struct Learning<'a> {
    rule_args: &'a RuleArgs,
    input_args: &'a InputArgs,
    site: Option<&'a str>,
    save: Option<&'a Path>,
    quiet: bool,
}

/// Reads `inputs` once with `cleaner` to learn what recurs per site ([`PageSample`]), and
/// returns a cleaner with the learned rule sets loaded as well. Says on stderr what was learned.
fn learned_cleaner(cleaner: &Cleaner, learning: &Learning<'_>, inputs: &[PathBuf]) -> Result<Cleaner, Outcome> {
    let mut sample = PageSample::new();
    for input in inputs {
        if !input.is_file() {
            continue;
        }
        // Unreadable inputs are reported when they are cleaned; learning reads what it can.
        let _ = for_each_unit(Some(input), learning.input_args, cleaner, true, |unit| {
            let document = Document::parse(unit.text);
            let site = cleaner.site_of(&document, &unit.source()).map(|index| &cleaner.registry().sites()[index].name);
            sample.add(site.map(String::as_str), &document, unit.text);
            Ok(())
        });
    }
    let learned = sample.learn();
    if let Some(folder) = learning.save {
        if let Err(err) = fs::create_dir_all(folder) {
            say!("boilerstrip: error: {}: {err}", folder.display());
            return Err(Outcome::SomeInputsFailed);
        }
        for rules in &learned {
            let path = folder.join(format!("{}.toml", rules.set_name()));
            if let Err(err) = batch::write_atomically(&path, rules.source.text.as_bytes()) {
                say!("boilerstrip: error: {}: {err}", path.display());
                return Err(Outcome::SomeInputsFailed);
            }
        }
    }
    if !learning.quiet {
        let mut report = format!("boilerstrip: recurrence: {} pages read first\n", sample.pages());
        if learned.is_empty() {
            report.push_str("  nothing learned: no site had enough distinct pages with lines in common\n");
        }
        for rules in &learned {
            report.push_str(&format!(
                "  {}: {} rules from {} distinct pages ({} read)\n",
                rules.set_name(),
                rules.rules,
                rules.articles,
                rules.pages_read
            ));
        }
        say_raw!("{report}");
    }
    load_cleaner_built(learning.rule_args, &[], learning.site, *cleaner.limits(), false, &learned)
}

fn load_cleaner(
    rule_args: &RuleArgs,
    extra: &[PathBuf],
    site: Option<&str>,
    limits: Limits,
) -> Result<Cleaner, Outcome> {
    load_cleaner_built(rule_args, extra, site, limits, false, &[])
}

/// Like [`load_cleaner`]; `build_embedded_now` compiles the embedded files at load as well.
fn load_cleaner_built(
    rule_args: &RuleArgs,
    extra: &[PathBuf],
    site: Option<&str>,
    limits: Limits,
    build_embedded_now: bool,
    learned: &[LearnedRules],
) -> Result<Cleaner, Outcome> {
    let mut paths = rule_args.paths.clone();
    paths.extend_from_slice(extra);
    let options = LoadOptions { no_default_rules: rule_args.no_default_rules, paths, build_embedded_now };
    let learned_sources = learned.iter().map(|rules| rules.source.clone()).collect();
    let mut registry = Registry::load_with(&options, learned_sources).map_err(|errors| {
        for error in &errors.0 {
            say!("boilerstrip: error: {}", error.render());
        }
        let count = errors.0.len();
        let problems = if count == 1 { "1 problem".to_owned() } else { format!("{count} problems") };
        say!("boilerstrip: {problems} in rule files; nothing was cleaned (format: rules/README.md)");
        Outcome::UsageOrRules
    })?;
    for rules in learned {
        registry.set_scope(&rules.set_name(), rules.scope());
    }
    let cleaner = Cleaner::new(registry).with_limits(limits);
    match site {
        None => Ok(cleaner),
        Some(site) => cleaner.with_site(site).map_err(|err| {
            say!("boilerstrip: error: --site: {err}");
            Outcome::UsageOrRules
        }),
    }
}

/// What `explain` is asked.
struct ExplainRequest<'a> {
    input: Option<&'a PathBuf>,
    format: Format,
    site: Option<&'a str>,
    recurrence_from: &'a [PathBuf],
}

fn explain(
    rule_args: &RuleArgs,
    input_args: &InputArgs,
    limit_args: &LimitArgs,
    request: &ExplainRequest<'_>,
    quiet: bool,
) -> Outcome {
    let ExplainRequest { input, format, site, recurrence_from } = *request;
    let limits = limit_args.limits();
    let mut cleaner = match load_cleaner(rule_args, &[], site, limits) {
        Ok(cleaner) => cleaner,
        Err(outcome) => return outcome,
    };
    if !recurrence_from.is_empty() {
        let files = batch::collect_inputs(recurrence_from, &[], None).files;
        let paths: Vec<PathBuf> = files.into_iter().map(|file| file.path).collect();
        let learning = Learning { rule_args, input_args, site, save: None, quiet };
        cleaner = match learned_cleaner(&cleaner, &learning, &paths) {
            Ok(cleaner) => cleaner,
            Err(outcome) => return outcome,
        };
    }
    let format = match format {
        Format::Jsonl => ExplainFormat::Jsonl,
        Format::Text => {
            ExplainFormat::Text { color: anstream::AutoStream::choice(&io::stdout()) != anstream::ColorChoice::Never }
        }
    };
    let mut out = BufWriter::new(io::stdout().lock());
    let input = input.filter(|p| p.as_os_str() != "-");
    let result = for_each_unit(input, input_args, &cleaner, quiet, |unit| {
        let document = Document::parse(unit.text);
        let cleaned = cleaner.clean_from(&document, &unit.source());
        if let Some(overrun) = &cleaned.overrun {
            say!("boilerstrip: warning: {}: document {}: {overrun}", unit.name, unit.number);
            return Ok(());
        }
        write_explanation(unit.number, &unit.read_as, &document, &cleaned, cleaner.registry(), format, &mut out)
    });
    let outcome = match result {
        Ok(InputOutcome { malformed: 0, skipped }) if skipped == 0 || !limit_args.strict => Outcome::Ok,
        Ok(_) => Outcome::SomeInputsFailed,
        Err(StreamError::Output(err)) => return output_failed(&err),
        Err(StreamError::Input(name, err)) => {
            say!("boilerstrip: error: {name}: {err}");
            Outcome::SomeInputsFailed
        }
    };
    match out.flush() {
        Ok(()) => outcome,
        Err(err) => output_failed(&err),
    }
}

fn rules_check(rule_args: &RuleArgs, paths: &[PathBuf]) -> Outcome {
    let mut paths = paths.to_vec();
    let mut rule_args = RuleArgs { paths: rule_args.paths.clone(), no_default_rules: rule_args.no_default_rules };
    if paths.is_empty() && rule_args.paths.is_empty() && Path::new("rules").is_dir() {
        // In a checkout ./rules holds the files that are embedded: check them, once.
        paths.push(PathBuf::from("rules"));
        rule_args.no_default_rules = true;
    }
    match load_cleaner_built(&rule_args, &paths, None, Limits::default(), true, &[]) {
        Err(outcome) => outcome,
        Ok(cleaner) => {
            let registry = cleaner.registry();
            let rules: usize = registry.all().map(|set| set.rules.len()).sum();
            let files: Vec<&str> = registry.all().map(|set| &*set.file).collect();
            print_report(
                &format!("ok: {} rule files, {rules} rules ({})\n", files.len(), files.join(", ")),
                Outcome::Ok,
            )
        }
    }
}

fn rules_test(rule_args: &RuleArgs, paths: &[PathBuf]) -> Outcome {
    let cleaner = match load_cleaner(rule_args, paths, None, Limits::default()) {
        Ok(cleaner) => cleaner,
        Err(outcome) => return outcome,
    };
    // With paths, only the files read from them; otherwise every loaded file.
    let outcomes = run_rule_tests(&cleaner, |set| paths.is_empty() || !set.embedded);
    let mut failed = 0;
    let mut report = String::new();
    for outcome in &outcomes {
        match &outcome.failure {
            None => report.push_str(&format!("ok      {}:{}: {}\n", outcome.file, outcome.line, outcome.name)),
            Some(why) => {
                failed += 1;
                report.push_str(&format!("FAILED  {}:{}: {}\n{why}\n", outcome.file, outcome.line, outcome.name));
            }
        }
    }
    report.push_str(&format!("{} passed, {failed} failed\n", outcomes.len() - failed));
    print_report(&report, if failed > 0 { Outcome::SomeInputsFailed } else { Outcome::Ok })
}

fn rules_list(rule_args: &RuleArgs) -> Outcome {
    let cleaner = match load_cleaner(rule_args, &[], None, Limits::default()) {
        Ok(cleaner) => cleaner,
        Err(outcome) => return outcome,
    };
    let mut report = String::new();
    for set in cleaner.registry().all() {
        let mut per_category: BTreeMap<&str, usize> = BTreeMap::new();
        for rule in &set.rules {
            *per_category.entry(rule.category.as_str()).or_default() += 1;
        }
        let counts: Vec<String> = per_category.iter().map(|(category, n)| format!("{category} {n}")).collect();
        let scope = if set.global { "global" } else { "site" };
        let origin = if set.embedded { format!("embedded {}", set.file) } else { set.file.to_string() };
        report.push_str(&format!(
            "{:<12} {scope:<6} {:>3} rules, {:>2} tests, {:>5} KiB compiled  [{origin}]  {}\n",
            set.name,
            set.rules.len(),
            set.tests.len(),
            set.compiled_bytes().div_ceil(1024),
            counts.join(", ")
        ));
    }
    print_report(&report, Outcome::Ok)
}

/// Writes a subcommand's report to stdout; a closed pipe (`| head`) is not an error.
fn print_report(report: &str, outcome: Outcome) -> Outcome {
    let mut out = io::stdout().lock();
    match out.write_all(report.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => outcome,
        Err(err) => match output_failed(&err) {
            Outcome::Ok => outcome,
            failed => failed,
        },
    }
}

struct LearnRequest<'a> {
    inputs: &'a [PathBuf],
    site: &'a str,
    out: Option<&'a Path>,
    hosts: &'a [String],
    min_share: f64,
    examples: usize,
}

/// `learn`: read the pages, draft, check that the draft compiles, write it, report its effect.
fn learn(rule_args: &RuleArgs, input_args: &InputArgs, request: &LearnRequest<'_>) -> Outcome {
    if !(0.0..=1.0).contains(&request.min_share) {
        say!("boilerstrip: error: --min-share must be between 0 and 1");
        return Outcome::UsageOrRules;
    }
    let cleaner = match load_cleaner(rule_args, &[], None, Limits::default()) {
        Ok(cleaner) => cleaner,
        Err(outcome) => return outcome,
    };
    let collected = batch::collect_inputs(request.inputs, &[], None);
    // The draft may not replace one of the pages it is learned from.
    if let Some(out) = request.out
        && let Some(clash) = batch::outputs_onto_inputs(&collected.files, [out.to_path_buf()]).first()
    {
        say!(
            "boilerstrip: error: --out {} would overwrite the input {}; nothing was written",
            clash.output.display(),
            clash.input.display()
        );
        return Outcome::UsageOrRules;
    }
    let mut failed = !collected.failed.is_empty();
    for problem in &collected.failed {
        say!("boilerstrip: error: {}: {}", problem.path, problem.reason);
    }
    let mut pages: Vec<(String, String)> = Vec::new();
    for file in &collected.files {
        let path = Some(&file.path);
        let name = file.path.display().to_string();
        let result = for_each_unit(path, input_args, &cleaner, true, |unit| {
            let shown = if unit.number == 1 { name.clone() } else { format!("{name}#{}", unit.number) };
            pages.push((shown, unit.text.to_owned()));
            Ok(())
        });
        match result {
            Ok(outcome) => failed |= outcome.malformed > 0,
            Err(StreamError::Input(name, err)) => {
                say!("boilerstrip: error: {name}: {err}");
                failed = true;
            }
            // Collecting into memory has no output to fail.
            Err(StreamError::Output(err)) => return output_failed(&err),
        }
    }
    if pages.len() < boilerstrip::learn::MIN_PAGES {
        say!("boilerstrip: error: learn needs at least {} pages; found {}", boilerstrip::learn::MIN_PAGES, pages.len());
        return Outcome::UsageOrRules;
    }
    let mut options = LearnOptions::new(request.site);
    options.hosts = request.hosts.to_vec();
    options.min_share = request.min_share;
    options.taken_fingerprints = cleaner
        .registry()
        .sites()
        .iter()
        .filter(|s| s.name != request.site)
        .flat_map(|s| s.fingerprints.clone())
        .collect();
    let texts: Vec<String> = pages.iter().map(|(_, text)| text.clone()).collect();
    let draft = boilerstrip::learn::draft(&texts, &options);

    // The draft must load beside the other rule files, as it will be used.
    let shown_path = request.out.map_or_else(|| "<draft>".to_owned(), |p| p.display().to_string());
    let draft_source = RuleSource { path: shown_path.clone(), text: draft.toml.clone(), embedded: false };
    let defaults = if rule_args.no_default_rules { Vec::new() } else { RuleSource::embedded() };
    let registry = match Registry::from_sources(defaults, vec![draft_source]) {
        Ok(registry) => registry,
        Err(errors) => {
            for error in &errors.0 {
                say!("boilerstrip: error: {}", error.render());
            }
            say!("boilerstrip: the draft does not load (a bug in learn); it was not written");
            return Outcome::UsageOrRules;
        }
    };
    let Some(site) = registry.site_index(request.site) else { return Outcome::UsageOrRules };
    let evaluation = boilerstrip::learn::evaluate(&Cleaner::new(registry), site, &pages);

    match request.out {
        Some(path) => {
            if let Err(err) = batch::write_atomically(path, draft.toml.as_bytes()) {
                say!("boilerstrip: error: {}: {err}", path.display());
                return Outcome::SomeInputsFailed;
            }
        }
        None => {
            let mut stdout = io::stdout().lock();
            if let Err(err) = stdout.write_all(draft.toml.as_bytes()).and_then(|()| stdout.flush()) {
                return output_failed(&err);
            }
        }
    }
    say_raw!("{}", learn_report(&draft, &evaluation, &shown_path, request.examples));
    if failed { Outcome::SomeInputsFailed } else { Outcome::Ok }
}

fn learn_report(
    draft: &boilerstrip::learn::Draft,
    evaluation: &boilerstrip::learn::Evaluation,
    path: &str,
    examples: usize,
) -> String {
    let share = |n: usize| 100.0 * n as f64 / evaluation.lines.max(1) as f64;
    let mut out = format!(
        "boilerstrip learn: {} pages, {} recurring line shapes drafted into {path}\n",
        draft.pages,
        draft.candidates.len()
    );
    out.push_str(&format!(
        "  the drafted rules remove {} of {} lines ({:.1}%); with the global rules ({}) and repeated bodies ({}): {:.1}%\n",
        evaluation.dropped_by_draft,
        evaluation.lines,
        share(evaluation.dropped_by_draft),
        evaluation.dropped_by_others,
        evaluation.dropped_as_repeat,
        share(evaluation.dropped_by_draft + evaluation.dropped_by_others + evaluation.dropped_as_repeat)
    ));
    let categories: Vec<String> = evaluation.by_category.iter().map(|(c, n)| format!("{c} {n}")).collect();
    out.push_str(&format!("  by category: {}\n", categories.join(", ")));
    for boilerstrip::learn::PageDecisions { name, lines: decisions } in evaluation.pages.iter().take(examples) {
        out.push_str(&format!("\n  == {name} (- dropped, + kept)\n"));
        for (line, dropped) in decisions.iter().take(40) {
            let line: String = line.chars().take(100).collect();
            match dropped {
                Some(rule) => out.push_str(&format!("  - {line}    [{rule}]\n")),
                None => out.push_str(&format!("  + {line}\n")),
            }
        }
        if decisions.len() > 40 {
            out.push_str(&format!("  ... {} more lines\n", decisions.len() - 40));
        }
    }
    out
}

/// Whether descriptor 1 was closed when the process started (`>&-`).
///
/// Asked afterwards, a closed stdout cannot be told from `> /dev/null`: the Rust runtime opens
/// `/dev/null` (read-write) in place of a closed standard descriptor before `main`, exactly as
/// Python's `subprocess.DEVNULL` opens it. So a constructor records the descriptor's state
/// before the runtime starts (Linux, where `.init_array` runs it; elsewhere there is no check).
fn stdout_was_closed() -> bool {
    STDOUT_CLOSED_AT_START.load(std::sync::atomic::Ordering::Relaxed)
}

static STDOUT_CLOSED_AT_START: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static RECORD_STDOUT_AT_START: extern "C" fn() = record_stdout_at_start;

#[cfg(target_os = "linux")]
extern "C" fn record_stdout_at_start() {
    // SAFETY: `fcntl(F_GETFD)` only reads descriptor 1's flags; it fails (EBADF) when the
    // descriptor is not open. Nothing of Rust's runtime is touched this early.
    let closed = unsafe { libc::fcntl(1, libc::F_GETFD) } == -1;
    STDOUT_CLOSED_AT_START.store(closed, std::sync::atomic::Ordering::Relaxed);
}
