//! The site's JS, WASM and CSS renamed after their content, the hash file
//! Leptos reads those names from, and gzip and brotli copies of each.
//!
//! With `hash-files = true` the names are cargo-leptos's:
//! `<output-name>.<hash>.<ext>`, the hash being the MD5 of the file in
//! unpadded URL-safe base64 (22 characters), and the hash file is what
//! cargo-leptos writes (`js: <hash>`, `wasm: <hash>`, `css: <hash>`, one a
//! line) next to the server binary, where Leptos' `HydrationScripts` and
//! leptos_meta's `HashedStylesheet` look for it. A new build therefore never
//! reuses a name for other content, so the server can let browsers keep
//! these files for a year, and HTML from one build never loads the WASM of
//! another.

use anyhow::{Context, Result};
use base64ct::{Base64UrlUnpadded, Encoding};
use md5::{Digest, Md5};
use std::ffi::OsString;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The files renamed and compressed, by extension, in the hash file's order.
const EXTENSIONS: [&str; 3] = ["js", "wasm", "css"];

/// How hard the gzip and brotli copies are squeezed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effort {
    /// Debug builds, whose WASM is ~21 MB: gzip 1 (4.5 MB, ~1.7 s) and
    /// brotli 5 (2.8 MB, ~1 s); brotli 11 would take minutes, and brotli 1
    /// came out larger than gzip.
    Fast,
    /// Release builds: gzip 9 and brotli 11, made once and served many times.
    Best,
}

impl Effort {
    /// The effort for a debug or a release build.
    pub fn of(release: bool) -> Self {
        if release { Self::Best } else { Self::Fast }
    }

    /// The gzip level.
    fn gzip(self) -> flate2::Compression {
        match self {
            Self::Fast => flate2::Compression::fast(),
            Self::Best => flate2::Compression::best(),
        }
    }

    /// The brotli quality (0 to 11).
    fn brotli(self) -> i32 {
        match self {
            Self::Fast => 5,
            Self::Best => 11,
        }
    }
}

/// In `pkg`, renames `<output_name>.{js,wasm,css}` after their content when
/// `hash` is set, and writes `.gz` and `.br` copies of each. Returns the hash
/// file's text, `None` when not hashing. A missing file (a site without a
/// stylesheet) is skipped, as cargo-leptos does.
pub fn publish(
    pkg: &Path,
    output_name: &str,
    hash: bool,
    effort: Effort,
) -> Result<Option<String>> {
    let mut hash_file = String::new();
    for ext in EXTENSIONS {
        let file = pkg.join(output_name).with_extension(ext);
        if !file.exists() {
            continue;
        }
        let content = fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
        let served = if hash {
            let hash = content_hash(&content);
            let renamed = pkg.join(hashed_name(output_name, &hash, ext));
            fs::rename(&file, &renamed)
                .with_context(|| format!("renaming {} to {}", file.display(), renamed.display()))?;
            hash_file.push_str(&format!("{ext}: {hash}\n"));
            renamed
        } else {
            file
        };
        compress(&served, &content, effort)?;
    }
    Ok(hash.then_some(hash_file))
}

/// Writes the hash file at `path` (through a temporary file renamed into
/// place, so a running server never reads half of it), or removes a stale
/// one when the build does not hash: the server would otherwise link names
/// this build did not write.
pub fn write_hash_file(path: &Path, text: Option<&str>) -> Result<()> {
    match text {
        Some(text) => {
            let dir = path.parent().context("the hash file has a folder")?;
            fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
            let partial = with_suffix(path, ".partial");
            fs::write(&partial, text).with_context(|| format!("writing {}", partial.display()))?;
            fs::rename(&partial, path).with_context(|| format!("writing {}", path.display()))
        }
        None => match fs::remove_file(path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(e).with_context(|| format!("removing {}", path.display()))
            }
            _ => Ok(()),
        },
    }
}

/// cargo-leptos's content hash: MD5 in unpadded URL-safe base64.
fn content_hash(content: &[u8]) -> String {
    Base64UrlUnpadded::encode_string(&Md5::digest(content))
}

/// `<stem>.<hash>.<ext>`.
fn hashed_name(stem: &str, hash: &str, ext: &str) -> String {
    format!("{stem}.{hash}.{ext}")
}

/// `path` with `suffix` added to its file name (`x.wasm` → `x.wasm.gz`).
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = OsString::from(path.as_os_str());
    name.push(suffix);
    PathBuf::from(name)
}

/// Writes `<file>.gz` and `<file>.br`, the copies the server sends to
/// browsers that accept them (tower-http's `ServeDir` looks for these names).
fn compress(file: &Path, content: &[u8], effort: Effort) -> Result<()> {
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), effort.gzip());
    gzip.write_all(content)?;
    let gz = with_suffix(file, ".gz");
    fs::write(&gz, gzip.finish()?).with_context(|| format!("writing {}", gz.display()))?;

    let params = brotli::enc::BrotliEncoderParams {
        quality: effort.brotli(),
        size_hint: content.len(),
        ..Default::default()
    };
    let mut br = Vec::new();
    brotli::BrotliCompress(&mut &content[..], &mut br, &params)?;
    let br_path = with_suffix(file, ".br");
    fs::write(&br_path, br).with_context(|| format!("writing {}", br_path.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    /// A fresh folder under the system's temporary one, removed on drop.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new(name: &str) -> Self {
            let dir = std::env::temp_dir()
                .join(format!("camp-connect-build-{name}-{}", std::process::id()));
            let _ = fs::remove_dir_all(&dir);
            fs::create_dir_all(&dir).unwrap();
            Self(dir)
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn the_hash_is_cargo_leptos_md5_in_url_safe_base64() {
        // MD5 of nothing is d41d8cd98f00b204e9800998ecf8427e.
        assert_eq!(content_hash(b""), "1B2M2Y8AsgTpgAmY7PhCfg");
        let hash = content_hash(b"(function(){})()");
        assert_eq!(hash.len(), 22);
        assert!(
            hash.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        );
        assert_eq!(
            hash,
            content_hash(b"(function(){})()"),
            "same content, same hash"
        );
        assert_ne!(
            hash,
            content_hash(b"(function(){ })()"),
            "new content, new hash"
        );
        assert_eq!(
            hashed_name("camp-connect", "abc", "wasm"),
            "camp-connect.abc.wasm"
        );
    }

    #[test]
    fn publishes_hashed_names_a_hash_file_and_copies_that_decompress() {
        let dir = TempDir::new("publish");
        let files = [
            ("js", b"export function hydrate() {}".repeat(50)),
            ("wasm", b"\0asm\x01\0\0\0".repeat(5000)),
            ("css", b"body { margin: 0 }".repeat(50)),
        ];
        for effort in [Effort::Fast, Effort::Best] {
            for (ext, content) in &files {
                fs::write(dir.0.join(format!("site.{ext}")), content).unwrap();
            }
            let text = publish(&dir.0, "site", true, effort).unwrap().unwrap();
            let mut lines = text.lines();
            for (ext, content) in &files {
                let hash = content_hash(content);
                assert_eq!(lines.next(), Some(format!("{ext}: {hash}").as_str()));
                let served = dir.0.join(format!("site.{hash}.{ext}"));
                assert_eq!(&fs::read(&served).unwrap(), content);
                assert!(!dir.0.join(format!("site.{ext}")).exists(), "renamed");

                let mut gunzipped = Vec::new();
                flate2::read::GzDecoder::new(fs::File::open(with_suffix(&served, ".gz")).unwrap())
                    .read_to_end(&mut gunzipped)
                    .unwrap();
                assert_eq!(&gunzipped, content, "{ext}.gz");
                let mut unbrotlied = Vec::new();
                brotli::Decompressor::new(
                    fs::File::open(with_suffix(&served, ".br")).unwrap(),
                    4096,
                )
                .read_to_end(&mut unbrotlied)
                .unwrap();
                assert_eq!(&unbrotlied, content, "{ext}.br");
            }
            assert_eq!(lines.next(), None);
        }
    }

    #[test]
    fn without_hashing_names_stay_and_a_stale_hash_file_goes() {
        let dir = TempDir::new("plain");
        fs::write(dir.0.join("site.js"), "x").unwrap();
        assert_eq!(publish(&dir.0, "site", false, Effort::Fast).unwrap(), None);
        assert!(dir.0.join("site.js").exists());
        assert!(dir.0.join("site.js.gz").exists() && dir.0.join("site.js.br").exists());
        assert!(
            !dir.0.join("site.wasm.gz").exists(),
            "missing files are skipped"
        );

        let hash_file = dir.0.join("debug/hash.txt");
        write_hash_file(&hash_file, Some("js: abc\n")).unwrap();
        assert_eq!(fs::read_to_string(&hash_file).unwrap(), "js: abc\n");
        write_hash_file(&hash_file, None).unwrap();
        assert!(!hash_file.exists());
        write_hash_file(&hash_file, None).unwrap();
    }
}
