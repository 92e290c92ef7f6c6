//! `camp-connect-build build [--release]`: what `cargo leptos build [--release]`
//! does for this project, from the same `[[workspace.metadata.leptos]]`
//! settings, with nothing to install beyond the Rust toolchain (cargo-leptos
//! and wasm-bindgen-cli took ~24 minutes to compile on a fresh machine).
//!
//! Steps, in cargo-leptos's order: empty the site root, copy the assets and
//! the stylesheet, build the WASM library, turn it into JS + WASM with
//! wasm-bindgen (and shrink it with wasm-opt for release), name the JS, WASM
//! and CSS after their content and write the hash file (`hash-files`), make
//! their gzip and brotli copies (cargo-leptos: `--precompress`, release
//! only), build the server.

mod assets;
mod cargo;
mod project;
mod site;
mod wasm;

use anyhow::{Context, Result, bail};
use project::Project;

/// Parses `build [--release]` and runs the build.
fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let release = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["build"] => false,
        ["build", "--release"] => true,
        _ => bail!("usage: camp-connect-build build [--release]"),
    };
    let project = Project::load()?;
    // The settings' paths are relative to the workspace root, as for cargo-leptos.
    std::env::set_current_dir(&project.workspace_root)
        .with_context(|| format!("entering {}", project.workspace_root.display()))?;
    build(&project, release)
}

/// Builds the whole site into the site root and the server binary.
fn build(project: &Project, release: bool) -> Result<()> {
    site::prepare(project)?;
    cargo::build_lib(project, release)?;
    wasm::bindgen(project, release)?;
    let started = std::time::Instant::now();
    let hashes = assets::publish(
        &project.pkg_dir(),
        &project.output_name,
        project.hash_files,
        assets::Effort::of(release),
    )?;
    assets::write_hash_file(&project.hash_file(release), hashes.as_deref())?;
    eprintln!(
        "camp-connect-build: hashed and compressed in {:.1}s",
        started.elapsed().as_secs_f64()
    );
    cargo::build_bin(project, release)?;
    eprintln!(
        "camp-connect-build: site in {}",
        project.site_root.display()
    );
    Ok(())
}
