//! Command-line front end: flags (clap), friendly messages and exit codes.
//!
//! Exit codes: 0 all inputs cleaned; 1 some inputs could not be read (the rest were cleaned);
//! 2 a usage or rule-file error, reported before any input is read. Writing into a closed pipe
//! (`| head`) ends the run quietly with 0.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use boilerstrip::document::Document;
use boilerstrip::input::{DocumentReader, decode};
use boilerstrip::output::explain::{ExplainFormat, write_explanation};
use boilerstrip::output::{DOCUMENT_SEPARATOR, write_text};
use boilerstrip::pipeline::Cleaner;
use boilerstrip::rules::{LoadOptions, Registry};
use boilerstrip::ruletest::run_rule_tests;
use clap::Parser;

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

    /// Do not print warnings.
    #[arg(short, long)]
    quiet: bool,
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
    },
    /// Check, test and list rule files.
    #[command(subcommand)]
    Rules(RulesCommand),
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
        None => run_with(&args),
        Some(Command::Explain { input, format, site }) => {
            explain(&args.rules, input.as_ref(), *format, site.as_deref())
        }
        Some(Command::Rules(RulesCommand::Check { paths })) => rules_check(&args.rules, paths),
        Some(Command::Rules(RulesCommand::Test { paths })) => rules_test(&args.rules, paths),
        Some(Command::Rules(RulesCommand::List)) => rules_list(&args.rules),
    };
    code(outcome)
}

fn code(outcome: Outcome) -> ExitCode {
    ExitCode::from(outcome as u8)
}

fn run_with(args: &Args) -> Outcome {
    let cleaner = match load_cleaner(&args.rules, &[], args.site.as_deref()) {
        Ok(cleaner) => cleaner,
        Err(outcome) => return outcome,
    };
    for input in &args.inputs {
        if input.is_dir() {
            eprintln!(
                "boilerstrip: error: {}: is a directory; this version cleans files and stdin only (pass the files, e.g. with find ... -exec)",
                input.display()
            );
            return Outcome::UsageOrRules;
        }
    }

    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut run = Run { cleaner: &cleaner, quiet: args.quiet, documents_written: 0, failed: false };
    let inputs: Vec<Option<&PathBuf>> = if args.inputs.is_empty() {
        vec![None]
    } else {
        args.inputs.iter().map(|p| (p.as_os_str() != "-").then_some(p)).collect()
    };
    for input in inputs {
        let result = match input {
            None => run.clean_stream("<stdin>", io::stdin().lock(), &mut out),
            Some(path) => match File::open(path) {
                Ok(file) => {
                    run.clean_stream(&path.display().to_string(), BufReader::with_capacity(1 << 16, file), &mut out)
                }
                Err(err) => {
                    eprintln!("boilerstrip: error: {}: {err}", path.display());
                    run.failed = true;
                    continue;
                }
            },
        };
        match result {
            Ok(()) => {}
            Err(StreamError::Output(err)) => return output_failed(&err),
            Err(StreamError::Input(name, err)) => {
                eprintln!("boilerstrip: error: {name}: {err}");
                run.failed = true;
            }
        }
    }
    if let Err(err) = out.flush() {
        return output_failed(&err);
    }
    if run.failed { Outcome::SomeInputsFailed } else { Outcome::Ok }
}

fn output_failed(err: &io::Error) -> Outcome {
    if err.kind() == io::ErrorKind::BrokenPipe {
        // The reader went away (`| head`): that is how pipelines end, not an error.
        return Outcome::Ok;
    }
    eprintln!("boilerstrip: error: writing output: {err}");
    Outcome::SomeInputsFailed
}

enum StreamError {
    Input(String, io::Error),
    Output(io::Error),
}

struct Run<'c> {
    cleaner: &'c Cleaner,
    quiet: bool,
    documents_written: usize,
    failed: bool,
}

impl Run<'_> {
    /// Cleans every document of one input, one document at a time.
    fn clean_stream(&mut self, name: &str, reader: impl BufRead, out: &mut impl Write) -> Result<(), StreamError> {
        let mut warned_invalid = false;
        for (index, bytes) in DocumentReader::new(reader).enumerate() {
            let bytes = bytes.map_err(|err| StreamError::Input(name.to_owned(), err))?;
            let decoded = decode(bytes);
            if let Some(offset) = decoded.first_invalid_byte
                && !warned_invalid
                && !self.quiet
            {
                eprintln!(
                    "boilerstrip: warning: {name}: document {}: invalid UTF-8 at byte {offset}; replaced with U+FFFD (further warnings for this input suppressed)",
                    index + 1
                );
                warned_invalid = true;
            }
            let document = Document::parse(&decoded.text);
            let cleaned = self.cleaner.clean(&document);
            if self.documents_written > 0 {
                out.write_all(DOCUMENT_SEPARATOR).map_err(StreamError::Output)?;
            }
            write_text(&document, &cleaned, out).map_err(StreamError::Output)?;
            self.documents_written += 1;
        }
        Ok(())
    }
}

/// Loads rules (flags plus `extra` paths) into a cleaner, reporting rule errors with snippets.
fn load_cleaner(rule_args: &RuleArgs, extra: &[PathBuf], site: Option<&str>) -> Result<Cleaner, Outcome> {
    let mut paths = rule_args.paths.clone();
    paths.extend_from_slice(extra);
    let options = LoadOptions { no_default_rules: rule_args.no_default_rules, paths };
    let registry = Registry::load(&options).map_err(|errors| {
        for error in &errors.0 {
            eprintln!("boilerstrip: error: {}", error.render());
        }
        let count = errors.0.len();
        let problems = if count == 1 { "1 problem".to_owned() } else { format!("{count} problems") };
        eprintln!("boilerstrip: {problems} in rule files; nothing was cleaned (format: rules/README.md)");
        Outcome::UsageOrRules
    })?;
    let cleaner = Cleaner::new(registry);
    match site {
        None => Ok(cleaner),
        Some(site) => cleaner.with_site(site).map_err(|err| {
            eprintln!("boilerstrip: error: --site: {err}");
            Outcome::UsageOrRules
        }),
    }
}

fn explain(rule_args: &RuleArgs, input: Option<&PathBuf>, format: Format, site: Option<&str>) -> Outcome {
    let cleaner = match load_cleaner(rule_args, &[], site) {
        Ok(cleaner) => cleaner,
        Err(outcome) => return outcome,
    };
    let format = match format {
        Format::Jsonl => ExplainFormat::Jsonl,
        Format::Text => {
            ExplainFormat::Text { color: anstream::AutoStream::choice(&io::stdout()) != anstream::ColorChoice::Never }
        }
    };
    let (name, reader): (String, Box<dyn BufRead>) = match input.filter(|p| p.as_os_str() != "-") {
        None => ("<stdin>".to_owned(), Box::new(io::stdin().lock())),
        Some(path) => match File::open(path) {
            Ok(file) => (path.display().to_string(), Box::new(BufReader::new(file))),
            Err(err) => {
                eprintln!("boilerstrip: error: {}: {err}", path.display());
                return Outcome::SomeInputsFailed;
            }
        },
    };
    let mut out = BufWriter::new(io::stdout().lock());
    for (index, bytes) in DocumentReader::new(reader).enumerate() {
        let bytes = match bytes {
            Ok(bytes) => bytes,
            Err(err) => {
                eprintln!("boilerstrip: error: {name}: {err}");
                return Outcome::SomeInputsFailed;
            }
        };
        let decoded = decode(bytes);
        let document = Document::parse(&decoded.text);
        let cleaned = cleaner.clean(&document);
        if let Err(err) = write_explanation(index + 1, &document, &cleaned, cleaner.registry(), format, &mut out) {
            return output_failed(&err);
        }
    }
    match out.flush() {
        Ok(()) => Outcome::Ok,
        Err(err) => output_failed(&err),
    }
}

fn rules_check(rule_args: &RuleArgs, paths: &[PathBuf]) -> Outcome {
    let mut paths = paths.to_vec();
    if paths.is_empty() && rule_args.paths.is_empty() && Path::new("rules").is_dir() {
        paths.push(PathBuf::from("rules"));
    }
    match load_cleaner(rule_args, &paths, None) {
        Err(outcome) => outcome,
        Ok(cleaner) => {
            let registry = cleaner.registry();
            let rules: usize = registry.all().map(|set| set.rules.len()).sum();
            let files: Vec<&str> = registry.all().map(|set| &*set.file).collect();
            println!("ok: {} rule files, {rules} rules ({})", files.len(), files.join(", "));
            Outcome::Ok
        }
    }
}

fn rules_test(rule_args: &RuleArgs, paths: &[PathBuf]) -> Outcome {
    let cleaner = match load_cleaner(rule_args, paths, None) {
        Ok(cleaner) => cleaner,
        Err(outcome) => return outcome,
    };
    // With paths, only the files read from them; otherwise every loaded file.
    let outcomes = run_rule_tests(&cleaner, |set| paths.is_empty() || !set.embedded);
    let mut failed = 0;
    for outcome in &outcomes {
        match &outcome.failure {
            None => println!("ok      {}:{}: {}", outcome.file, outcome.line, outcome.name),
            Some(why) => {
                failed += 1;
                println!("FAILED  {}:{}: {}\n{why}", outcome.file, outcome.line, outcome.name);
            }
        }
    }
    println!("{} passed, {failed} failed", outcomes.len() - failed);
    if failed > 0 { Outcome::SomeInputsFailed } else { Outcome::Ok }
}

fn rules_list(rule_args: &RuleArgs) -> Outcome {
    let cleaner = match load_cleaner(rule_args, &[], None) {
        Ok(cleaner) => cleaner,
        Err(outcome) => return outcome,
    };
    for set in cleaner.registry().all() {
        let mut per_category: BTreeMap<&str, usize> = BTreeMap::new();
        for rule in &set.rules {
            *per_category.entry(rule.category.as_str()).or_default() += 1;
        }
        let counts: Vec<String> = per_category.iter().map(|(category, n)| format!("{category} {n}")).collect();
        let scope = if set.global { "global" } else { "site" };
        let origin = if set.embedded { format!("embedded {}", set.file) } else { set.file.to_string() };
        println!(
            "{:<12} {scope:<6} {:>3} rules, {:>2} tests  [{origin}]  {}",
            set.name,
            set.rules.len(),
            set.tests.len(),
            counts.join(", ")
        );
    }
    Outcome::Ok
}
