//! The site folder: emptied, then filled with the assets and the stylesheet.

use crate::project::Project;
use anyhow::{Context, Result};
use std::fs;
use std::path::Path;

/// Empties the site root (as cargo-leptos does: nothing stale is served),
/// creates the pkg folder, copies `assets-dir` into the site root and the
/// stylesheet to `<pkg>/<output-name>.css`.
pub fn prepare(project: &Project) -> Result<()> {
    if project.site_root.exists() {
        fs::remove_dir_all(&project.site_root)
            .with_context(|| format!("emptying {}", project.site_root.display()))?;
    }
    let pkg = project.pkg_dir();
    fs::create_dir_all(&pkg).with_context(|| format!("creating {}", pkg.display()))?;
    if let Some(assets) = &project.assets_dir {
        copy_dir(assets, &project.site_root)?;
    }
    if let Some(style) = &project.style_file {
        // Plain CSS needs no compiler; cargo-leptos passes it through
        // lightningcss, which only reformats it (and minifies it in release).
        let dest = pkg.join(&project.output_name).with_extension("css");
        fs::copy(style, &dest)
            .with_context(|| format!("copying {} to {}", style.display(), dest.display()))?;
    }
    Ok(())
}

/// Copies the files under `from` into `to`, keeping the folder structure.
fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to).with_context(|| format!("creating {}", to.display()))?;
    for entry in fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let entry = entry?;
        let dest = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &dest)?;
        } else {
            fs::copy(entry.path(), &dest)
                .with_context(|| format!("copying {}", entry.path().display()))?;
        }
    }
    Ok(())
}
