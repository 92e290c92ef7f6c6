//! The WASM library turned into the site's JS and WASM: wasm-bindgen (as a
//! library, the version of the `wasm-bindgen` crate the app is built with),
//! then wasm-opt for release builds.

use crate::project::Project;
use anyhow::{Context, Result, bail};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use wasm_bindgen_cli_support::Bindgen;

/// Runs wasm-bindgen as cargo-leptos runs the CLI (`--target=web
/// --out-name=<output-name> --out-dir=<pkg>`, here without the unused
/// TypeScript declarations), renames `<name>_bg.wasm` to `<name>.wasm`
/// (the name leptos's hydration script loads when `LEPTOS_OUTPUT_NAME` is set
/// at compile time) and, for release, optimises it with wasm-opt.
pub fn bindgen(project: &Project, release: bool) -> Result<()> {
    let profile = match (release, &project.lib_profile_release) {
        (false, _) => "debug",
        (true, Some(profile)) => profile,
        (true, None) => "release",
    };
    let input = project
        .front_target_dir
        .join("wasm32-unknown-unknown")
        .join(profile)
        .join(&project.lib.target)
        .with_extension("wasm");
    let pkg = project.pkg_dir();
    eprintln!(
        "camp-connect-build: wasm-bindgen {} -> {}",
        input.display(),
        pkg.display()
    );
    Bindgen::new()
        .input_path(&input)
        .web(true)?
        .out_name(&project.output_name)
        .typescript(false)
        // The CLI's default (the library's is to omit it): the JS falls back
        // to `new URL('<name>_bg.wasm', import.meta.url)`; leptos passes the path anyway.
        .omit_default_module_path(false)
        .generate(&pkg)
        .with_context(|| format!("wasm-bindgen on {}", input.display()))?;
    let wasm = pkg.join(&project.output_name).with_extension("wasm");
    fs::rename(pkg.join(format!("{}_bg.wasm", project.output_name)), &wasm)
        .context("renaming the WASM")?;
    if release {
        optimise(project, &wasm)?;
    }
    Ok(())
}

/// Shrinks the WASM in place with npm's binaryen (Debian's wasm-opt 108
/// produces WASM that fails in the browser), with cargo-leptos's options.
fn optimise(project: &Project, wasm: &Path) -> Result<()> {
    let end2end = project
        .end2end_dir
        .as_ref()
        .context("end2end-dir names where npm's binaryen is")?;
    let wasm_opt: PathBuf = end2end.join("node_modules/.bin/wasm-opt");
    if !wasm_opt.exists() {
        bail!(
            "{} is missing: run scripts/install-tools.sh (npm ci in end2end/)",
            wasm_opt.display()
        );
    }
    eprintln!("camp-connect-build: wasm-opt -Oz {}", wasm.display());
    let status = Command::new(&wasm_opt)
        .args([
            "-Oz",
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
        ])
        .arg(wasm)
        .arg("-o")
        .arg(wasm)
        .status()
        .with_context(|| format!("running {}", wasm_opt.display()))?;
    if !status.success() {
        bail!("wasm-opt failed ({status})");
    }
    Ok(())
}
