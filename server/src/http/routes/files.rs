//! The site's files: the root's (the favicon) with the app's 404 page for
//! any other unknown path, and the build's scripts, styles and WASM, each
//! with how long browsers may keep it.

use axum::Router;
use axum::extract::Request;
use axum::http::header::{ACCEPT_ENCODING, CACHE_CONTROL, VARY};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::{Next, from_fn};
use axum::response::{Redirect, Response};
use axum::routing::any;
use camp_connect_app::app::shell;
use camp_connect_app::state::AppState;
use leptos::config::LeptosOptions;
use leptos_axum::file_and_error_handler;
use std::path::PathBuf;
use tower_http::services::ServeDir;

/// Where browsers look for an icon on pages without a `<link rel=icon>`.
pub const FAVICON: &str = "/favicon.ico";

/// `Cache-Control` of a content-hashed file: its name changes with its
/// content, so browsers keep it a year and never ask again.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// `Cache-Control` of every other file (the favicon, an unhashed build):
/// kept, but asked about again before each use (answered 304 when unchanged).
pub const REVALIDATE: &str = "no-cache";

/// Length of a content hash in a file name: cargo-leptos's MD5 in unpadded
/// URL-safe base64, as the build (scripts/build) writes it.
const HASH_LEN: usize = 22;

/// The files the pages link, in the hash file's order.
const LINKED: [&str; 3] = ["js", "wasm", "css"];

/// `GET /favicon.ico`: sends browsers to the SVG icon.
pub async fn favicon() -> Redirect {
    Redirect::permanent("/favicon.svg")
}

/// The site root's files (the favicon), and for every other path the
/// app's 404 page, none of it kept by browsers without asking again.
///
/// Files are served here rather than by Leptos' `file_and_error_handler`
/// alone: that handler looks up `ResponseOptions` under a new reactive owner
/// whose parent is whatever owner the worker thread last left current, so a
/// stylesheet fetched while another page's render had set 401 or 403 was
/// answered with that status (seen as rare browser-test failures).
pub fn static_files(state: &AppState) -> Router {
    let not_found = any(file_and_error_handler::<AppState, _>(shell)).with_state(state.clone());
    Router::new()
        .fallback_service(
            ServeDir::new(state.leptos_options.site_root.as_ref()).fallback(not_found),
        )
        .layer(from_fn(cache_control))
}

/// Where the build's scripts, styles and WASM are served (`/pkg`).
pub fn pkg_path(state: &AppState) -> String {
    format!("/{}", state.leptos_options.site_pkg_dir.trim_matches('/'))
}

/// The build's scripts, styles and WASM, without sessions: the build's
/// brotli or gzip copy when the browser accepts it, content-hashed names
/// kept a year.
pub fn pkg_files(state: &AppState) -> Router {
    let files = ServeDir::new(pkg_dir(&state.leptos_options))
        .precompressed_br()
        .precompressed_gzip();
    Router::new()
        .fallback_service(files)
        .layer(from_fn(cache_control))
}

/// The folder of the build's scripts, styles and WASM.
fn pkg_dir(options: &LeptosOptions) -> PathBuf {
    PathBuf::from(options.site_root.as_ref()).join(options.site_pkg_dir.trim_matches('/'))
}

/// Sets `Cache-Control` on a file's answer: a year for a content-hashed name
/// that was found, `no-cache` for the rest (a 404 for a hashed name, as met
/// mid-deploy, must not be kept). `Vary: Accept-Encoding`, because the same
/// path is answered with the brotli, gzip or plain file.
async fn cache_control(req: Request, next: Next) -> Response {
    let hashed = req.uri().path().rsplit('/').next().is_some_and(is_hashed);
    let mut res = next.run(req).await;
    let found = res.status().is_success() || res.status() == StatusCode::NOT_MODIFIED;
    let policy = if hashed && found {
        IMMUTABLE
    } else {
        REVALIDATE
    };
    let headers = res.headers_mut();
    headers.insert(CACHE_CONTROL, HeaderValue::from_static(policy));
    let varies = headers.get_all(VARY).iter().any(|v| {
        v.as_bytes()
            .eq_ignore_ascii_case(ACCEPT_ENCODING.as_str().as_bytes())
    });
    if !varies {
        headers.append(VARY, HeaderValue::from_static("accept-encoding"));
    }
    res
}

/// Whether a file name is `<stem>.<hash>.<ext>` with a content hash.
fn is_hashed(name: &str) -> bool {
    let mut parts = name.rsplit('.');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(_ext), Some(hash), Some(stem)) => {
            !stem.is_empty()
                && hash.len() == HASH_LEN
                && hash
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        }
        _ => false,
    }
}

/// The names of the JS, WASM and CSS that pages link: from the hash file,
/// read as Leptos' `HydrationScripts` and `HashedStylesheet` read it
/// (`js: <hash>` lines), when hashing is on; the plain names otherwise.
pub fn linked_assets(options: &LeptosOptions) -> Vec<String> {
    let hashes = if options.hash_files {
        std::fs::read_to_string(options.hash_file.as_ref()).unwrap_or_default()
    } else {
        String::new()
    };
    LINKED
        .iter()
        .map(|ext| {
            let hash = hashes
                .lines()
                .filter_map(|line| line.trim().split_once(':'))
                .find(|(file, _)| file == ext)
                .map(|(_, hash)| hash.trim());
            match hash {
                Some(hash) => format!("{}.{hash}.{ext}", options.output_name),
                None => format!("{}.{ext}", options.output_name),
            }
        })
        .collect()
}

/// Says at start-up which JS, WASM and CSS the pages will link, or, as an
/// error, which of them the site folder lacks: pages then work without
/// styles and scripts (they are served complete by the server) until the
/// site folder and the hash file are of the same build.
pub fn check_assets(options: &LeptosOptions) {
    let pkg = pkg_dir(options);
    let linked = linked_assets(options);
    let missing: Vec<&str> = linked
        .iter()
        .filter(|name| !pkg.join(name).is_file())
        .map(String::as_str)
        .collect();
    let hash_file = options.hash_file.as_ref();
    if missing.is_empty() {
        tracing::info!(pkg = %pkg.display(), assets = %linked.join(" "), "site assets");
    } else if options.hash_files {
        tracing::error!(
            pkg = %pkg.display(),
            hash_file,
            missing = %missing.join(" "),
            "the site folder is not from the build that wrote the hash file: pages link files it lacks; deploy the site folder and the hash file of one build"
        );
    } else {
        tracing::error!(
            pkg = %pkg.display(),
            hash_file,
            missing = %missing.join(" "),
            "no hash file, so pages link the plain names, which a build with hash-files does not write; run `make build`, copy the build's hash.txt beside the binary, or set LEPTOS_HASH_FILE_NAME to its path"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::{is_hashed, linked_assets};
    use leptos::config::LeptosOptions;

    #[test]
    fn pages_link_the_names_the_hash_file_gives() {
        let hash_file =
            std::env::temp_dir().join(format!("camp-connect-hash-{}.txt", std::process::id()));
        // What the build writes, here without a stylesheet's line.
        std::fs::write(&hash_file, "js: AAA\nwasm: BBB\n").unwrap();
        let options = |hash_files| {
            LeptosOptions::builder()
                .output_name("camp-connect")
                .hash_files(hash_files)
                .hash_file(hash_file.display().to_string().into())
                .build()
        };
        assert_eq!(
            linked_assets(&options(true)),
            [
                "camp-connect.AAA.js",
                "camp-connect.BBB.wasm",
                "camp-connect.css"
            ]
        );
        assert_eq!(
            linked_assets(&options(false)),
            ["camp-connect.js", "camp-connect.wasm", "camp-connect.css"]
        );
        std::fs::remove_file(&hash_file).unwrap();
    }

    #[test]
    fn hashed_names_are_told_apart() {
        assert!(is_hashed("camp-connect.1B2M2Y8AsgTpgAmY7PhCfg.wasm"));
        assert!(is_hashed("camp-connect.a-b_c1B2M2Y8AsgTpgAmY7.js"));
        assert!(!is_hashed("camp-connect.wasm"));
        assert!(!is_hashed("camp-connect.1B2M2Y8AsgTpgAmY7PhCfg.wasm.br"));
        assert!(!is_hashed(".1B2M2Y8AsgTpgAmY7PhCfg.js"));
        assert!(!is_hashed("camp-connect.1B2M2Y8AsgTpgAmY7PhC.js"));
        assert!(!is_hashed("favicon.svg"));
    }
}
