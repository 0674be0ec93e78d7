//! The `boilerstrip` command: parses flags, loads rules, and wires inputs through the library's
//! pipeline to stdout. All cleaning logic lives in the library.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    ignore_file_size_signal();
    cli::run()
}

/// Past a file-size limit (`ulimit -f`), the kernel kills a process with SIGXFSZ, and a batch
/// would die silently with outputs half done. Ignored, the signal becomes a write error
/// (`EFBIG`): that one output fails with its reason, its temporary is removed, and the rest of
/// the run completes (exit 1).
fn ignore_file_size_signal() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to SIG_IGN at start-up, before any thread is
    // spawned, touches no Rust state; a failure leaves the default disposition.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}
