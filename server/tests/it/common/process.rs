//! Runs the real `camp-connect` binary, for tests that need a whole
//! process: killed mid-write, several instances on one database, or the
//! command line itself.

use super::wire::request;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// Starts `camp-connect serve` on the database `url`, listening on `addr`,
/// with demo sign-in on and `env` added; returns once `/healthz` answers.
pub async fn serve(url: &str, addr: &str, env: &[(&str, &str)]) -> Child {
    serve_logging(url, addr, env, Stdio::null()).await
}

/// Like [`serve`], writing the server's log (its standard output) to `log`.
pub async fn serve_logging(url: &str, addr: &str, env: &[(&str, &str)], log: Stdio) -> Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_camp-connect"))
        .arg("serve")
        .env("DATABASE_URL", url)
        .env("LEPTOS_SITE_ADDR", addr)
        .env("DEMO_SIGN_IN", "true")
        .env("AUTH_RATE_LIMIT", "100000")
        .env("RUST_LOG", "error")
        .envs(env.iter().copied())
        .stdout(log)
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

/// Stops a server started by [`serve`] with SIGTERM, as a deploy does, and
/// waits up to `within` for it to exit: its exit status and how long it
/// took. A server still running then is killed and the test fails.
pub fn terminate(mut child: Child, within: Duration) -> (ExitStatus, Duration) {
    let sent = Instant::now();
    let signalled = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill -TERM runs");
    assert!(signalled.success(), "kill -TERM {} failed", child.id());
    while sent.elapsed() < within {
        if let Some(status) = child.try_wait().expect("the server's status") {
            return (status, sent.elapsed());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    kill(child);
    panic!("the server was still running {within:?} after SIGTERM");
}
