//! The `boilerstrip` command: parses flags, loads rules, and wires inputs through the library's
//! pipeline to stdout. All cleaning logic lives in the library.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::run()
}
