//! A bare HTTP/1.1 client over tokio for tests and benchmarks that talk to
//! a real `camp-connect serve` process: one connection per request
//! (`Connection: close`), so it needs no HTTP client crate.

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Sends one same-origin request with `cookie` (may be empty) and, for a
/// POST, a form `body`; answers the status and the whole response text
/// (headers and body). `accept` is the Accept header.
pub async fn request(
    addr: &str,
    method: &str,
    path: &str,
    cookie: &str,
    body: &str,
    accept: &str,
) -> std::io::Result<(u16, String)> {
    let mut s = TcpStream::connect(addr).await?;
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nAccept: {accept}\r\nSec-Fetch-Site: same-origin\r\n"
    );
    if !cookie.is_empty() {
        req.push_str(&format!("Cookie: {cookie}\r\n"));
    }
    if method == "POST" {
        req.push_str(&format!(
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    req.push_str("\r\n");
    req.push_str(body);
    s.write_all(req.as_bytes()).await?;
    let mut out = Vec::new();
    s.read_to_end(&mut out).await?;
    let text = String::from_utf8_lossy(&out).into_owned();
    let status = text.get(9..12).and_then(|c| c.parse().ok()).unwrap_or(0);
    Ok((status, text))
}

/// Signs in as `email` with the demo sign-in; the session cookie, or
/// `None` when no session cookie came back.
pub async fn sign_in(addr: &str, email: &str) -> Option<String> {
    let body = format!("email={}", email.replace('@', "%40"));
    let (_, text) = request(addr, "POST", "/auth/demo", "", &body, "text/html")
        .await
        .ok()?;
    text.lines().find_map(|l| {
        let l = l
            .strip_prefix("set-cookie: ")
            .or_else(|| l.strip_prefix("Set-Cookie: "))?;
        l.starts_with("cc_session=")
            .then(|| l.split(';').next().unwrap_or("").to_string())
    })
}

/// The body of a response text from [`request`] (after the blank line).
pub fn body(text: &str) -> &str {
    text.split_once("\r\n\r\n").map_or("", |(_, b)| b)
}
