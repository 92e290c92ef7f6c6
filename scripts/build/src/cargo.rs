//! The two cargo builds, with the arguments and environment cargo-leptos gives them.

use crate::project::{Package, Project};
use anyhow::{Context, Result, bail};
use std::process::Command;

/// The flag cargo-leptos adds to debug builds only: type-erased views compile
/// much faster; release builds keep the full types.
const ERASE_COMPONENTS: [&str; 2] = ["--cfg", "erase_components"];

/// Builds the WASM library (`lib-package` for wasm32-unknown-unknown).
pub fn build_lib(project: &Project, release: bool) -> Result<()> {
    let mut cmd = cargo(project, &project.lib, release);
    cmd.arg("--lib")
        .arg(format!(
            "--target-dir={}",
            project.front_target_dir.display()
        ))
        .arg("--target=wasm32-unknown-unknown");
    if release {
        match &project.lib_profile_release {
            Some(profile) => cmd.arg(format!("--profile={profile}")),
            None => cmd.arg("--release"),
        };
    }
    run(cmd)
}

/// Builds the server binary (`bin-package`) for the host.
pub fn build_bin(project: &Project, release: bool) -> Result<()> {
    let mut cmd = cargo(project, &project.bin, release);
    cmd.arg(format!("--bin={}", project.bin.target));
    if release {
        cmd.arg("--release");
    }
    run(cmd)
}

/// `cargo build` of a package with its features and cargo-leptos's environment:
/// the `LEPTOS_*` variables (leptos reads `LEPTOS_OUTPUT_NAME` at compile time
/// to name the JS and WASM it loads) and RUSTFLAGS.
fn cargo(project: &Project, package: &Package, release: bool) -> Command {
    let mut cmd = Command::new("cargo");
    // `cargo run` hands this tool its package's variables (CARGO_PKG_NAME,
    // CARGO_MANIFEST_DIR, …). Build scripts such as ring's (through the cc
    // crate) ask to rerun when those change, so passing them on made every
    // `make build` after a `cargo test` (and the other way round) rerun
    // ring's build script and recompile everything above it: rustls, sqlx,
    // sea-orm, the app and the server.
    for (name, _) in std::env::vars_os() {
        if name.to_str().is_some_and(is_package_variable) {
            cmd.env_remove(&name);
        }
    }
    cmd.arg("build").arg(format!("--package={}", package.name));
    if !package.default_features {
        cmd.arg("--no-default-features");
    }
    if !package.features.is_empty() {
        cmd.arg(format!("--features={}", package.features.join(",")));
    }
    cmd.env("LEPTOS_OUTPUT_NAME", &project.output_name)
        .env("LEPTOS_SITE_ROOT", &project.site_root)
        .env("LEPTOS_SITE_PKG_DIR", &project.site_pkg_dir)
        .env("LEPTOS_SITE_ADDR", &project.site_addr)
        .env("LEPTOS_RELOAD_PORT", project.reload_port.to_string())
        .env("LEPTOS_LIB_DIR", &project.lib.dir)
        .env("LEPTOS_BIN_DIR", &project.bin.dir)
        // The JS is not minified (cargo-leptos minifies it in release with swc,
        // which is most of what made it slow to install).
        .env("LEPTOS_JS_MINIFY", "false")
        .env("LEPTOS_HASH_FILES", project.hash_files.to_string())
        .env("LEPTOS_HASH_FILE_NAME", &project.hash_file_name);
    let flags = rustflags(&std::env::var("RUSTFLAGS").unwrap_or_default(), release);
    if flags.is_empty() {
        cmd.env_remove("RUSTFLAGS");
    } else {
        cmd.env("RUSTFLAGS", flags);
    }
    cmd
}

/// The caller's RUSTFLAGS with `--cfg erase_components` added for debug builds
/// (kept where it is if already there, so the flags stay byte-equal to those
/// of `cargo test` and the artifacts are shared) and removed for release ones.
fn rustflags(current: &str, release: bool) -> String {
    let mut flags: Vec<&str> = current.split_whitespace().collect();
    let at = flags.windows(2).position(|pair| pair == ERASE_COMPONENTS);
    match (release, at) {
        (false, None) => flags.extend(ERASE_COMPONENTS),
        (true, Some(at)) => {
            flags.drain(at..at + 2);
        }
        _ => {}
    }
    flags.join(" ")
}

/// Whether `name` is one of the variables cargo sets for the package it
/// runs (not a setting of cargo itself such as CARGO_HOME or
/// CARGO_TARGET_DIR, which the inner build must keep).
fn is_package_variable(name: &str) -> bool {
    name.starts_with("CARGO_PKG_")
        || matches!(
            name,
            "CARGO_MANIFEST_DIR"
                | "CARGO_MANIFEST_PATH"
                | "CARGO_MANIFEST_LINKS"
                | "CARGO_CRATE_NAME"
                | "CARGO_BIN_NAME"
                | "CARGO_PRIMARY_PACKAGE"
                | "OUT_DIR"
        )
}

/// Runs a cargo command, its output going straight to the terminal.
fn run(mut cmd: Command) -> Result<()> {
    eprintln!("camp-connect-build: {cmd:?}");
    let status = cmd.status().context("running cargo")?;
    if !status.success() {
        bail!("cargo failed ({status})");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{is_package_variable, rustflags};

    #[test]
    fn only_the_running_package_variables_are_dropped() {
        for name in [
            "CARGO_PKG_NAME",
            "CARGO_PKG_VERSION_MAJOR",
            "CARGO_MANIFEST_DIR",
            "OUT_DIR",
        ] {
            assert!(is_package_variable(name), "{name}");
        }
        for name in [
            "CARGO_HOME",
            "CARGO_TARGET_DIR",
            "CARGO_BUILD_JOBS",
            "CARGO",
            "RUSTFLAGS",
        ] {
            assert!(!is_package_variable(name), "{name}");
        }
    }

    #[test]
    fn debug_builds_erase_components_once() {
        assert_eq!(rustflags("", false), "--cfg erase_components");
        assert_eq!(
            rustflags("--cfg erase_components", false),
            "--cfg erase_components"
        );
        assert_eq!(
            rustflags("--cfg erase_components -Dwarnings", false),
            "--cfg erase_components -Dwarnings"
        );
    }

    #[test]
    fn release_builds_keep_full_types() {
        assert_eq!(rustflags("--cfg erase_components", true), "");
        assert_eq!(
            rustflags("-Dwarnings --cfg erase_components", true),
            "-Dwarnings"
        );
        assert_eq!(rustflags("", true), "");
    }
}
