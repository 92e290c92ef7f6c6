//! Runs the real `camp-connect` binary, for tests that need a whole
//! process: killed mid-write, several instances on one database, or the
//! command line itself.

use super::wire::request;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// Starts `camp-connect serve` on the database `url`, listening on `addr`,
/// with demo sign-in on and `env` added; returns once `/healthz` answers.
pub async fn serve(url: &str, addr: &str, env: &[(&str, &str)]) -> Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_camp-connect"))
        .arg("serve")
        .env("DATABASE_URL", url)
        .env("LEPTOS_SITE_ADDR", addr)
        .env("DEMO_SIGN_IN", "true")
        .env("AUTH_RATE_LIMIT", "100000")
        .env("RUST_LOG", "error")
        .envs(env.iter().copied())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server starts");
    for _ in 0..200 {
        if let Ok((200, _)) = request(addr, "GET", "/healthz", "", "", "text/plain").await {
            return child;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("the server did not answer on {addr}");
}

/// `camp-connect <args>` with only `PATH` and `env` in its environment, so
/// no setting of the machine running the tests leaks in; the caller adds
/// the rest (a folder to run in) and runs it.
pub fn command(args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_camp-connect"));
    command
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .envs(env.iter().copied());
    command
}

/// Stops a server started by [`serve`] with SIGKILL and reaps it.
pub fn kill(mut child: Child) {
    let _ = child.kill();
    let _ = child.wait();
}
