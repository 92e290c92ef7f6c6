//! `camp-connect`: serve the app, migrate the database, load demo data.

use camp_connect::cli;
use std::process::ExitCode;

/// mimalloc instead of glibc's allocator: a server page allocates and frees
/// many small strings, and glibc spent a quarter of the ranking page's time
/// in malloc and free under load.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let command = match cli::parse(std::env::args_os().skip(1)) {
        Ok(command) => command,
        Err(answer) => {
            // `--help` and `--version` print to stdout and succeed; a
            // mistake prints what is wrong and the usage to stderr, exit 2.
            let _ = answer.print();
            return ExitCode::from(u8::try_from(answer.exit_code()).unwrap_or(2));
        }
    };
    // Each failure is one clear line, not a panic or a backtrace.
    match cli::run(command).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("camp-connect: {msg}");
            ExitCode::FAILURE
        }
    }
}
