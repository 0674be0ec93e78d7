//! Command-line front end: flags (clap), friendly messages and exit codes.
//!
//! Exit codes: 0 all inputs cleaned; 1 some inputs could not be read (the rest were cleaned);
//! 2 a usage or rule-file error, reported before any input is read. Writing into a closed pipe
//! (`| head`) ends the run quietly with 0.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use boilerstrip::document::Document;
use boilerstrip::input::{DocumentReader, decode};
use boilerstrip::output::{DOCUMENT_SEPARATOR, write_text};
use boilerstrip::pipeline::Cleaner;
use boilerstrip::rules::{LoadOptions, Registry};
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
#[command(name = "boilerstrip", version)]
struct Args {
    /// Files to clean; `-` or none reads stdin.
    #[arg(value_name = "INPUT")]
    inputs: Vec<PathBuf>,

    /// Rule file or folder of rule files; adds sites or replaces embedded ones by site name.
    #[arg(long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,

    /// Do not load the rule files embedded in the binary.
    #[arg(long)]
    no_default_rules: bool,

    /// Apply this site's rules to every document instead of detecting the site.
    #[arg(long, value_name = "NAME")]
    site: Option<String>,

    /// Do not print warnings.
    #[arg(short, long)]
    quiet: bool,
}

pub fn run() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(err) => {
            let _ = err.print();
            return if err.use_stderr() {
                code(Outcome::UsageOrRules)
            } else {
                code(Outcome::Ok)
            };
        }
    };
    code(run_with(&args))
}

fn code(outcome: Outcome) -> ExitCode {
    ExitCode::from(outcome as u8)
}

fn run_with(args: &Args) -> Outcome {
    let options = LoadOptions {
        no_default_rules: args.no_default_rules,
        paths: args.rules.clone(),
    };
    let registry = match Registry::load(&options) {
        Ok(registry) => registry,
        Err(errors) => {
            for error in &errors.0 {
                eprintln!("boilerstrip: error: {error}");
            }
            eprintln!(
                "boilerstrip: no input was read; fix the rule files above (see rules/README.md)"
            );
            return Outcome::UsageOrRules;
        }
    };
    let mut cleaner = Cleaner::new(registry);
    if let Some(site) = &args.site {
        cleaner = match cleaner.with_site(site) {
            Ok(cleaner) => cleaner,
            Err(err) => {
                eprintln!("boilerstrip: error: --site: {err}");
                return Outcome::UsageOrRules;
            }
        };
    }
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
    let mut run = Run {
        cleaner: &cleaner,
        quiet: args.quiet,
        documents_written: 0,
        failed: false,
    };
    let inputs: Vec<Option<&PathBuf>> = if args.inputs.is_empty() {
        vec![None]
    } else {
        args.inputs
            .iter()
            .map(|p| (p.as_os_str() != "-").then_some(p))
            .collect()
    };
    for input in inputs {
        let result = match input {
            None => run.clean_stream("<stdin>", io::stdin().lock(), &mut out),
            Some(path) => match File::open(path) {
                Ok(file) => run.clean_stream(
                    &path.display().to_string(),
                    BufReader::with_capacity(1 << 16, file),
                    &mut out,
                ),
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
    if run.failed {
        Outcome::SomeInputsFailed
    } else {
        Outcome::Ok
    }
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
    fn clean_stream(
        &mut self,
        name: &str,
        reader: impl BufRead,
        out: &mut impl Write,
    ) -> Result<(), StreamError> {
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
                out.write_all(DOCUMENT_SEPARATOR)
                    .map_err(StreamError::Output)?;
            }
            write_text(&document, &cleaned, out).map_err(StreamError::Output)?;
            self.documents_written += 1;
        }
        Ok(())
    }
}
