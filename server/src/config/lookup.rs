//! Where a setting's value comes from: its variable, or the file its
//! `<NAME>_FILE` variable names. Container and systemd secrets arrive as
//! files (`/run/secrets/…`, `$CREDENTIALS_DIRECTORY/…`), and a secret in
//! the environment leaks into `ps e`, `/proc/<pid>/environ` and crash
//! reports. Every setting is read through here, so each one, secret or
//! not, can come from a file.

use super::ConfigError;

/// The variables as the configuration reads them: `raw` answers for one
/// variable name, [`Vars::get`] adds the `_FILE` twin.
pub(super) struct Vars<'a> {
    raw: &'a dyn Fn(&str) -> Option<String>,
}

impl<'a> Vars<'a> {
    /// Reads through `raw` (the environment, or a map in tests).
    pub(super) fn new(raw: &'a dyn Fn(&str) -> Option<String>) -> Self {
        Self { raw }
    }

    /// The value of `name`: the variable itself, else the contents of the
    /// file `<name>_FILE` names, without the line break that editors and
    /// `echo` leave at its end. Both set is refused rather than one
    /// silently winning; so are a file that cannot be read and an empty
    /// one (an empty `METRICS_TOKEN` would open `/metrics`). The messages
    /// name the variables and the path, never the contents.
    pub(super) fn get(&self, name: &str) -> Result<Option<String>, ConfigError> {
        let file_var = format!("{name}_FILE");
        match ((self.raw)(name), (self.raw)(&file_var)) {
            (Some(_), Some(_)) => Err(ConfigError::BothSet {
                name: name.to_string(),
                file_var,
            }),
            (value, None) => Ok(value),
            (None, Some(path)) => read_value(file_var, path).map(Some),
        }
    }
}

/// The value in the file at `path`, which `file_var` names.
fn read_value(file_var: String, path: String) -> Result<String, ConfigError> {
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            return Err(ConfigError::FileUnreadable {
                file_var,
                path,
                reason: e.to_string(),
            });
        }
    };
    let value = text.trim_end_matches(['\n', '\r']);
    if value.trim().is_empty() {
        return Err(ConfigError::FileEmpty { file_var, path });
    }
    Ok(value.to_string())
}

#[cfg(test)]
mod tests {
    use crate::config::ConfigError;
    use crate::config::from_vars as config;
    use std::path::PathBuf;

    /// A file of this test's own holding `contents`, removed when dropped.
    struct TempFile(PathBuf);

    impl TempFile {
        fn new(name: &str, contents: &str) -> Self {
            let path = std::env::temp_dir()
                .join(format!("camp-connect-config-{}-{name}", std::process::id()));
            std::fs::write(&path, contents).expect("temp file");
            Self(path)
        }

        fn path(&self) -> &str {
            self.0.to_str().expect("a UTF-8 temp path")
        }
    }

    impl Drop for TempFile {
        fn drop(&mut self) {
            let _ = std::fs::remove_file(&self.0);
        }
    }

    #[test]
    fn reads_secrets_from_files_without_the_trailing_line_break() {
        let db = TempFile::new("db", "postgres://app:s3cret@db:5432/camp\n");
        let gh = TempFile::new("gh", "gh-s3cret\r\n");
        let oidc = TempFile::new("oidc", "oidc s3cret ");
        let token = TempFile::new("token", "t0ken");
        let c = config(&[
            ("DATABASE_URL_FILE", db.path()),
            ("GITHUB_CLIENT_ID", "Iv1.abc"),
            ("GITHUB_CLIENT_SECRET_FILE", gh.path()),
            ("OIDC_PROVIDERS", "univ"),
            ("OIDC_UNIV_ISSUER", "https://idp.univ.ac.jp"),
            ("OIDC_UNIV_CLIENT_ID", "camp"),
            ("OIDC_UNIV_CLIENT_SECRET_FILE", oidc.path()),
            ("METRICS_TOKEN_FILE", token.path()),
        ])
        .unwrap();
        assert_eq!(
            c.database_url.as_str(),
            "postgres://app:s3cret@db:5432/camp"
        );
        assert_eq!(c.github.expect("configured").client_secret, "gh-s3cret");
        // Only line breaks go: a space may be part of the secret.
        assert_eq!(c.oidc[0].client_secret, "oidc s3cret ");
        assert_eq!(c.metrics_token.as_deref(), Some("t0ken"));
    }

    #[test]
    fn refuses_a_variable_set_both_ways() {
        let file = TempFile::new("both", "smtp://127.0.0.1:2525");
        let err = config(&[
            ("SMTP_URL", "smtp://127.0.0.1:2525"),
            ("SMTP_URL_FILE", file.path()),
        ])
        .unwrap_err();
        assert_eq!(
            err,
            ConfigError::BothSet {
                name: "SMTP_URL".into(),
                file_var: "SMTP_URL_FILE".into()
            }
        );
        let message = err.to_string();
        assert!(
            message.starts_with("SMTP_URL and SMTP_URL_FILE are both set"),
            "{message}"
        );
    }

    #[test]
    fn refuses_unreadable_or_empty_files_naming_variable_and_path() {
        let missing = std::env::temp_dir().join("camp-connect-config-no-such-file");
        let missing = missing.to_str().unwrap();
        let err = config(&[("METRICS_TOKEN_FILE", missing)]).unwrap_err();
        let message = err.to_string();
        assert!(message.starts_with("METRICS_TOKEN_FILE"), "{message}");
        assert!(message.contains(missing), "{message}");
        assert!(matches!(err, ConfigError::FileUnreadable { .. }), "{err:?}");

        let empty = TempFile::new("empty", "\n");
        let err = config(&[("METRICS_TOKEN_FILE", empty.path())]).unwrap_err();
        assert_eq!(
            err,
            ConfigError::FileEmpty {
                file_var: "METRICS_TOKEN_FILE".into(),
                path: empty.path().into()
            }
        );

        // A value that fails its check is named, as from the environment,
        // and a password in it is not printed.
        let bad = TempFile::new("bad-smtp", "ftp://u:s3cret@host\n");
        let err = config(&[("SMTP_URL_FILE", bad.path())]).unwrap_err();
        assert!(err.to_string().starts_with("SMTP_URL"), "{err}");
        assert!(!err.to_string().contains("s3cret"), "{err}");
    }
}
