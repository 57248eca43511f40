//! Where the logbook lives: `--data-dir`, else `COACHLOG_DIR`, else the platform's data directory.

use std::ffi::OsString;
use std::fmt;
use std::path::PathBuf;

use anyhow::{Result, bail};

/// The environment variable that names the data directory.
pub const ENV_VAR: &str = "COACHLOG_DIR";

/// Which setting chose the data directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The `--data-dir` flag.
    Flag,
    /// The `COACHLOG_DIR` environment variable.
    Env,
    /// The platform's per-user data directory.
    PlatformDefault,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Source::Flag => "from --data-dir",
            Source::Env => "from the COACHLOG_DIR environment variable",
            Source::PlatformDefault => {
                "the platform default; set COACHLOG_DIR or --data-dir to change it"
            }
        })
    }
}

/// The resolved data directory and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDir {
    /// The directory, made absolute.
    pub path: PathBuf,
    /// The setting that chose it.
    pub source: Source,
}

/// Resolves the data directory from the flag, the environment variable and the platform default, in
/// that order. An empty value counts as unset.
pub fn resolve(
    flag: Option<PathBuf>,
    env: Option<OsString>,
    platform_data_dir: Option<PathBuf>,
) -> Result<DataDir> {
    let (path, source) = if let Some(path) = flag.filter(|p| !p.as_os_str().is_empty()) {
        (path, Source::Flag)
    } else if let Some(value) = env.filter(|v| !v.is_empty()) {
        (PathBuf::from(value), Source::Env)
    } else if let Some(base) = platform_data_dir {
        (base.join("coachlog"), Source::PlatformDefault)
    } else {
        bail!(
            "cannot tell where to keep the logbook: this system has no per-user data directory; \
             set {ENV_VAR}=DIR or pass --data-dir DIR"
        );
    };
    let path = std::path::absolute(&path).unwrap_or(path);
    Ok(DataDir { path, source })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_beats_env_beats_platform() -> Result<()> {
        let flag = Some(PathBuf::from("/a"));
        let env = Some(OsString::from("/b"));
        let platform = Some(PathBuf::from("/c"));
        let pick = |f: &Option<PathBuf>, e: &Option<OsString>| {
            resolve(f.clone(), e.clone(), platform.clone())
        };
        assert_eq!(
            pick(&flag, &env)?,
            DataDir {
                path: "/a".into(),
                source: Source::Flag
            }
        );
        assert_eq!(
            pick(&None, &env)?,
            DataDir {
                path: "/b".into(),
                source: Source::Env
            }
        );
        let default = pick(&None, &Some(OsString::new()))?;
        assert_eq!(
            default,
            DataDir {
                path: "/c/coachlog".into(),
                source: Source::PlatformDefault
            }
        );
        Ok(())
    }

    #[test]
    fn says_which_variable_to_set_when_there_is_no_default() {
        let err = resolve(None, None, None)
            .expect_err("no default")
            .to_string();
        assert!(
            err.contains("COACHLOG_DIR") && err.contains("--data-dir"),
            "{err}"
        );
    }

    #[test]
    fn relative_paths_become_absolute() -> Result<()> {
        let dir = resolve(Some("logbook".into()), None, None)?;
        assert!(dir.path.is_absolute());
        assert!(dir.path.ends_with("logbook"));
        Ok(())
    }
}
