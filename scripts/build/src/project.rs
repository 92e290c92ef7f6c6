//! The project's build settings: `[[workspace.metadata.leptos]]` of the root
//! Cargo.toml (the keys cargo-leptos reads, with its defaults), resolved
//! against `cargo metadata`.

use anyhow::{Context, Result, bail};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::process::Command;

/// `front-target-dir` value that means "the cargo target directory itself".
const CARGO_TARGET_DIR_MARKER: &str = "CARGO_TARGET_DIR";

/// Everything the build needs, with paths relative to `workspace_root`
/// where cargo-leptos keeps them relative.
#[derive(Debug)]
pub struct Project {
    /// The workspace root: the build runs there.
    pub workspace_root: PathBuf,
    /// `output-name`: base name of the JS, WASM and CSS files.
    pub output_name: String,
    /// `site-root`: the folder the server serves the site from.
    pub site_root: PathBuf,
    /// `site-pkg-dir`: the JS, WASM and CSS folder inside the site root.
    pub site_pkg_dir: PathBuf,
    /// `site-addr`, passed to the builds as `LEPTOS_SITE_ADDR`.
    pub site_addr: String,
    /// `reload-port`, passed to the builds as `LEPTOS_RELOAD_PORT`.
    pub reload_port: u16,
    /// `style-file`: plain CSS copied to `<pkg>/<output-name>.css`.
    pub style_file: Option<PathBuf>,
    /// `assets-dir`: copied as is into the site root.
    pub assets_dir: Option<PathBuf>,
    /// `end2end-dir`: its `node_modules/.bin` holds npm's wasm-opt.
    pub end2end_dir: Option<PathBuf>,
    /// The WASM library package (`lib-package`) and how to build it.
    pub lib: Package,
    /// The server package (`bin-package`) and how to build it.
    pub bin: Package,
    /// `lib-profile-release`: the cargo profile of the release WASM.
    pub lib_profile_release: Option<String>,
    /// Where the WASM build writes: `front-target-dir` resolved.
    pub front_target_dir: PathBuf,
    /// The cargo target directory: the server binary, and the hash file
    /// beside it, go to its `debug` or `release` folder.
    pub target_dir: PathBuf,
    /// `hash-files`: name the JS, WASM and CSS after their content.
    pub hash_files: bool,
    /// `hash-file-name`: the hash file, relative to the server binary's folder.
    pub hash_file_name: PathBuf,
}

/// A package built by the tool.
#[derive(Debug)]
pub struct Package {
    /// The cargo package name.
    pub name: String,
    /// Its folder relative to the workspace root (`LEPTOS_LIB_DIR`/`LEPTOS_BIN_DIR`).
    pub dir: PathBuf,
    /// The target built: the cdylib's crate name, or the binary's name.
    pub target: String,
    /// `lib-features`/`bin-features`.
    pub features: Vec<String>,
    /// `lib-default-features`/`bin-default-features` (cargo-leptos: off by default).
    pub default_features: bool,
}

/// The part of `cargo metadata --no-deps` the tool reads.
#[derive(Deserialize)]
struct Metadata {
    /// The workspace root folder.
    workspace_root: PathBuf,
    /// The cargo target directory (`CARGO_TARGET_DIR` or `target`).
    target_directory: PathBuf,
    /// The workspace members.
    packages: Vec<MetadataPackage>,
    /// `[workspace.metadata]`.
    metadata: WorkspaceMetadata,
}

/// A workspace member in `cargo metadata`.
#[derive(Deserialize)]
struct MetadataPackage {
    /// Package name.
    name: String,
    /// Path of its Cargo.toml.
    manifest_path: PathBuf,
    /// Its lib, bin, test… targets.
    targets: Vec<MetadataTarget>,
}

/// A build target of a package in `cargo metadata`.
#[derive(Deserialize)]
struct MetadataTarget {
    /// Target (crate) name.
    name: String,
    /// Kinds: `bin`, `lib`, `cdylib`, `test`…
    kind: Vec<String>,
}

/// `[workspace.metadata]` of the root Cargo.toml.
#[derive(Deserialize)]
struct WorkspaceMetadata {
    /// `[[workspace.metadata.leptos]]`: one entry for this project.
    leptos: Vec<LeptosConfig>,
}

/// One `[[workspace.metadata.leptos]]` entry: the keys this project uses;
/// the others (watch and end-to-end settings) do not change what is built.
#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct LeptosConfig {
    /// Package of the server binary.
    bin_package: String,
    /// Package of the WASM (cdylib) library.
    lib_package: String,
    /// Base name of the site's JS, WASM and CSS.
    output_name: String,
    /// Site folder.
    #[serde(default = "default_site_root")]
    site_root: PathBuf,
    /// JS/WASM/CSS folder inside the site.
    #[serde(default = "default_site_pkg_dir")]
    site_pkg_dir: PathBuf,
    /// Plain CSS stylesheet.
    style_file: Option<PathBuf>,
    /// Static files for the site root.
    assets_dir: Option<PathBuf>,
    /// Browser-test folder (npm packages, among them binaryen).
    end2end_dir: Option<PathBuf>,
    /// Default server address.
    #[serde(default = "default_site_addr")]
    site_addr: String,
    /// Live-reload port.
    #[serde(default = "default_reload_port")]
    reload_port: u16,
    /// Features of the WASM build.
    #[serde(default)]
    lib_features: Vec<String>,
    /// Whether the WASM build keeps the library's default features.
    #[serde(default)]
    lib_default_features: bool,
    /// Cargo profile of the release WASM build.
    lib_profile_release: Option<String>,
    /// Target directory of the WASM build.
    front_target_dir: Option<PathBuf>,
    /// Features of the server build.
    #[serde(default)]
    bin_features: Vec<String>,
    /// Whether the JS, WASM and CSS are named after their content.
    #[serde(default)]
    hash_files: bool,
    /// The hash file's name, beside the server binary.
    #[serde(default = "default_hash_file_name")]
    hash_file_name: PathBuf,
    /// Whether the server build keeps the binary's default features.
    #[serde(default)]
    bin_default_features: bool,
}

/// cargo-leptos's default `site-root` (in the workspace, not the target dir:
/// the project sets it explicitly anyway).
fn default_site_root() -> PathBuf {
    PathBuf::from("target/site")
}

/// cargo-leptos's default `site-pkg-dir`.
fn default_site_pkg_dir() -> PathBuf {
    PathBuf::from("pkg")
}

/// cargo-leptos's default `site-addr`.
fn default_site_addr() -> String {
    "127.0.0.1:3000".into()
}

/// cargo-leptos's (and Leptos') default `hash-file-name`.
fn default_hash_file_name() -> PathBuf {
    PathBuf::from("hash.txt")
}

/// cargo-leptos's default `reload-port`.
fn default_reload_port() -> u16 {
    3001
}

impl Project {
    /// Reads the settings through `cargo metadata --no-deps` (fast: it resolves
    /// no dependencies) from the current directory's workspace.
    pub fn load() -> Result<Self> {
        let output = Command::new("cargo")
            .args(["metadata", "--format-version=1", "--no-deps"])
            .output()
            .context("running cargo metadata")?;
        if !output.status.success() {
            bail!(
                "cargo metadata failed: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        let metadata: Metadata =
            serde_json::from_slice(&output.stdout).context("reading cargo metadata")?;
        Self::resolve(metadata)
    }

    /// Checks the settings against the workspace members and fills in paths.
    fn resolve(metadata: Metadata) -> Result<Self> {
        let [config] = <[LeptosConfig; 1]>::try_from(metadata.metadata.leptos).map_err(|all| {
            anyhow::anyhow!(
                "expected one [[workspace.metadata.leptos]], found {}",
                all.len()
            )
        })?;
        let root = &metadata.workspace_root;
        let lib = Package::resolve(
            &metadata.packages,
            root,
            &config.lib_package,
            "cdylib",
            config.lib_features,
            config.lib_default_features,
        )?;
        let bin = Package::resolve(
            &metadata.packages,
            root,
            &config.bin_package,
            "bin",
            config.bin_features,
            config.bin_default_features,
        )?;
        let front_target_dir = front_target_dir(
            &metadata.target_directory,
            root,
            config.front_target_dir.as_deref(),
        );
        Ok(Self {
            workspace_root: metadata.workspace_root,
            output_name: config.output_name,
            site_root: config.site_root,
            site_pkg_dir: config.site_pkg_dir,
            site_addr: config.site_addr,
            reload_port: config.reload_port,
            style_file: config.style_file,
            assets_dir: config.assets_dir,
            end2end_dir: config.end2end_dir,
            lib,
            bin,
            lib_profile_release: config.lib_profile_release,
            front_target_dir,
            target_dir: metadata.target_directory,
            hash_files: config.hash_files,
            hash_file_name: config.hash_file_name,
        })
    }

    /// The site's JS/WASM/CSS folder, relative to the workspace root.
    pub fn pkg_dir(&self) -> PathBuf {
        self.site_root.join(&self.site_pkg_dir)
    }

    /// The hash file: beside the server binary (`target/debug` or
    /// `target/release`), where cargo-leptos writes it and Leptos reads it.
    pub fn hash_file(&self, release: bool) -> PathBuf {
        let profile = if release { "release" } else { "debug" };
        self.target_dir.join(profile).join(&self.hash_file_name)
    }
}

impl Package {
    /// Finds the member `name` and its single target of `kind`.
    fn resolve(
        packages: &[MetadataPackage],
        root: &Path,
        name: &str,
        kind: &str,
        features: Vec<String>,
        default_features: bool,
    ) -> Result<Self> {
        let package = packages
            .iter()
            .find(|p| p.name == name)
            .with_context(|| format!("no workspace member named {name:?}"))?;
        let mut targets = package
            .targets
            .iter()
            .filter(|t| t.kind.iter().any(|k| k == kind));
        let (Some(target), None) = (targets.next(), targets.next()) else {
            bail!("{name} must have exactly one {kind} target");
        };
        let manifest_dir = package
            .manifest_path
            .parent()
            .context("manifest path has a folder")?;
        Ok(Self {
            name: name.to_owned(),
            dir: manifest_dir
                .strip_prefix(root)
                .unwrap_or(manifest_dir)
                .to_path_buf(),
            target: target.name.clone(),
            features,
            default_features,
        })
    }
}

/// `front-target-dir` as cargo-leptos resolves it: `target/front` when unset,
/// the target directory (plus any suffix) for the `CARGO_TARGET_DIR` marker,
/// else a path relative to the workspace root.
fn front_target_dir(target_dir: &Path, root: &Path, configured: Option<&Path>) -> PathBuf {
    match configured {
        None => target_dir.join("front"),
        Some(dir) => match dir.strip_prefix(CARGO_TARGET_DIR_MARKER) {
            Ok(suffix) => target_dir.join(suffix),
            Err(_) => root.join(dir),
        },
    }
}
