//! `camp-connect`: serve the app, migrate the database, load demo data.

use camp_connect::cli::{self, Command};
use std::process::ExitCode;

/// mimalloc instead of glibc's allocator: a server page allocates and frees
/// many small strings, and glibc spent a quarter of the ranking page's time
/// in malloc and free under load.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match cli::parse(&args) {
        Ok(Command::Help) => {
            println!("{}", cli::USAGE);
            return ExitCode::SUCCESS;
        }
        Ok(c) => c,
        Err(msg) => {
            eprintln!("camp-connect: {msg}\n\n{}", cli::USAGE);
            return ExitCode::from(2);
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
