//! The logbook as a git repository, through the `git` program on PATH (as `pass` does, so that the
//! user's own configuration, credentials, signing and hooks apply): what the logbook's files look
//! like to git, a commit of exactly the files a command changed, and the last change coachlog made.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use anyhow::{Context, Result, bail};

/// The trailer that marks a commit coachlog made for a change.
pub const TRAILER: &str = "Changed-by: coachlog";

/// The trailer of an undo, naming the commit it reverts.
pub const UNDOES: &str = "Undoes:";

/// The files a new repository ignores: the lock, and interrupted writes' temporary files.
pub const GITIGNORE: &str = ".lock\n.coachlog-*.tmp\n.coachlog-edit-*\n";

/// Keeps the records text, with the same line ends on every device.
pub const GITATTRIBUTES: &str = "*.toml text eol=lf\nevidence/* binary\n";

/// `git` in `dir`, quiet unless it fails.
fn git(dir: &Path) -> Command {
    let mut command = Command::new("git");
    command.arg("-C").arg(dir);
    command
}

/// Runs git and returns its output, or an error that says what git said.
fn run(dir: &Path, args: &[&str]) -> Result<Output> {
    let output = git(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(missing)?;
    if !output.status.success() {
        bail!(
            "git {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(output)
}

/// The error for a git that cannot be started.
pub fn missing(e: std::io::Error) -> anyhow::Error {
    anyhow::anyhow!(
        "cannot run git ({e}): install git (e.g. `apt install git`) and make sure it is on PATH"
    )
}

/// Whether the logbook at `root` is the top of a git repository.
pub fn is_repository(root: &Path) -> bool {
    root.join(".git").exists()
}

/// The paths (relative to `root`) git sees as changed or new, ignored files left out.
pub fn dirty(root: &Path) -> Result<BTreeSet<PathBuf>> {
    // No optional lock of git's index: a `check` beside a command that commits must not make
    // that commit fail.
    let output = run(
        root,
        &[
            "--no-optional-locks",
            "status",
            "--porcelain=v1",
            "-z",
            "--untracked-files=all",
        ],
    )?;
    let mut paths = BTreeSet::new();
    let mut fields = output.stdout.split(|b| *b == 0).filter(|f| !f.is_empty());
    while let Some(entry) = fields.next() {
        if entry.len() < 4 {
            continue;
        }
        let status = &entry[..2];
        paths.insert(PathBuf::from(
            String::from_utf8_lossy(&entry[3..]).into_owned(),
        ));
        // A rename lists the old path next.
        if (status.contains(&b'R') || status.contains(&b'C'))
            && let Some(old) = fields.next()
        {
            paths.insert(PathBuf::from(String::from_utf8_lossy(old).into_owned()));
        }
    }
    Ok(paths)
}

/// Whether git can commit in `root` (or, when it does not exist yet, anywhere): it knows the
/// user's name and e-mail. The error says what to set.
pub fn check_identity(root: &Path) -> Result<()> {
    for who in ["GIT_AUTHOR_IDENT", "GIT_COMMITTER_IDENT"] {
        let mut command = Command::new("git");
        if root.is_dir() {
            command.arg("-C").arg(root);
        }
        let output = command
            .args(["var", who])
            .stdin(Stdio::null())
            .output()
            .map_err(missing)?;
        if !output.status.success() {
            bail!(
                "git does not know who you are, and every commit names its author: set it with \
                 `git config --global user.name \"Your Name\"` and `git config --global \
                 user.email you@example.com`, then run `coachlog git init` again (nothing was \
                 created)"
            );
        }
    }
    Ok(())
}

/// Makes `root` a repository (with `.gitignore` and `.gitattributes`) and commits what is there;
/// a repository without a commit yet (an earlier start that could not commit) gets its first.
pub fn init(root: &Path) -> Result<()> {
    // The first branch is `main`, unless the user's git configuration names another.
    let configured = Command::new("git")
        .args(["config", "--get", "init.defaultBranch"])
        .stdin(Stdio::null())
        .output()
        .is_ok_and(|o| o.status.success() && !o.stdout.trim_ascii().is_empty());
    if configured {
        run(root, &["init", "--quiet"])?;
    } else {
        run(root, &["init", "--quiet", "--initial-branch=main"])?;
    }
    for (name, text) in [(".gitignore", GITIGNORE), (".gitattributes", GITATTRIBUTES)] {
        let path = root.join(name);
        if !path.exists() {
            super::files::write_new(&path, text)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
    }
    run(root, &["add", "--all"])?;
    run(
        root,
        &[
            "commit",
            "--quiet",
            "--allow-empty",
            "-m",
            &format!("coachlog: start the logbook's history\n\n{TRAILER}"),
        ],
    )?;
    Ok(())
}

/// Commits exactly `paths` (new, changed or deleted) with `message` and coachlog's trailer.
pub fn commit(root: &Path, paths: &BTreeSet<PathBuf>, message: &str) -> Result<()> {
    let mut add = vec!["add", "--all", "--"];
    let names: Vec<String> = paths
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    add.extend(names.iter().map(String::as_str));
    run(root, &add)?;
    let body = format!("{message}\n\n{TRAILER}");
    let mut commit = vec!["commit", "--quiet", "-m", &body, "--"];
    commit.extend(names.iter().map(String::as_str));
    run(root, &commit)?;
    Ok(())
}

/// A commit coachlog made: its hash, its subject, and the files it changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The commit.
    pub hash: String,
    /// Its first line.
    pub subject: String,
    /// The files it changed, relative to the logbook.
    pub files: Vec<PathBuf>,
}

/// The last change coachlog committed that no undo has reverted yet (undos themselves are not
/// changes to undo), if any.
pub fn last_change(root: &Path) -> Result<Option<Change>> {
    let output = run(root, &["log", "--format=%H%x00%s%x00%B%x1e"])?;
    let text = String::from_utf8_lossy(&output.stdout);
    let mut undone: BTreeSet<String> = BTreeSet::new();
    for record in text.split('\x1e') {
        let mut parts = record.trim_start_matches('\n').splitn(3, '\0');
        let (Some(hash), Some(subject), Some(body)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        if !body.lines().any(|l| l.trim() == TRAILER) {
            continue;
        }
        if let Some(reverted) = body.lines().find_map(|l| l.trim().strip_prefix(UNDOES)) {
            undone.insert(reverted.trim().to_owned());
            continue;
        }
        if undone.contains(hash) || subject.starts_with("coachlog: start") {
            continue;
        }
        let files = run(root, &["show", "--name-only", "--format=", hash])?;
        return Ok(Some(Change {
            hash: hash.to_owned(),
            subject: subject.to_owned(),
            files: String::from_utf8_lossy(&files.stdout)
                .lines()
                .filter(|l| !l.is_empty())
                .map(PathBuf::from)
                .collect(),
        }));
    }
    Ok(None)
}

/// The files of `change` that changed since: in a later commit, or in the working tree.
pub fn changed_since(root: &Path, change: &Change) -> Result<Vec<PathBuf>> {
    let mut args = vec![
        "log".to_owned(),
        "--name-only".to_owned(),
        "--format=".to_owned(),
        format!("{}..HEAD", change.hash),
        "--".to_owned(),
    ];
    args.extend(
        change
            .files
            .iter()
            .map(|f| f.to_string_lossy().into_owned()),
    );
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let later = run(root, &refs)?;
    let mut found: BTreeSet<PathBuf> = String::from_utf8_lossy(&later.stdout)
        .lines()
        .filter(|l| !l.is_empty())
        .map(PathBuf::from)
        .collect();
    let dirty = dirty(root)?;
    found.extend(change.files.iter().filter(|f| dirty.contains(*f)).cloned());
    Ok(found.into_iter().collect())
}

/// Reverts `change` in a new commit that says so.
pub fn revert(root: &Path, change: &Change) -> Result<()> {
    run(root, &["revert", "--no-commit", &change.hash])?;
    let message = format!(
        "undo: {}\n\n{TRAILER}\n{UNDOES} {}",
        change.subject, change.hash
    );
    run(root, &["commit", "--quiet", "-m", &message])?;
    Ok(())
}

/// The commit HEAD points at, if there is one.
pub fn head(root: &Path) -> Option<String> {
    let output = run(root, &["rev-parse", "--verify", "--quiet", "HEAD"]).ok()?;
    Some(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// The files that differ between the commits `old` (none: every file of `new`) and `new`.
pub fn changed_between(root: &Path, old: Option<&str>, new: &str) -> Result<Vec<PathBuf>> {
    let output = match old {
        Some(old) => run(root, &["diff", "--name-only", "-z", old, new])?,
        None => run(root, &["ls-tree", "-r", "--name-only", "-z", new])?,
    };
    Ok(output
        .stdout
        .split(|b| *b == 0)
        .filter(|name| !name.is_empty())
        .map(|name| PathBuf::from(String::from_utf8_lossy(name).into_owned()))
        .collect())
}

/// Makes owner-only the files git wrote since HEAD was `before` (a pull, a merge, a checkout), or
/// every file of HEAD when `before` is none: git writes them with the default mode.
pub fn make_checked_out_private(root: &Path, before: Option<&str>) -> Result<()> {
    let Some(after) = head(root) else {
        return Ok(());
    };
    if before == Some(after.as_str()) {
        return Ok(());
    }
    super::files::make_private(root, &changed_between(root, before, &after)?)
}

/// Runs git in `root` with the user's arguments, its input, output and terminal passed through;
/// returns its exit code.
pub fn passthrough(root: &Path, args: &[std::ffi::OsString]) -> Result<i32> {
    let status = git(root).args(args).status().map_err(missing)?;
    Ok(status.code().unwrap_or(1))
}

/// Clones `url` into `root` (which must not hold a logbook yet) and checks out the branch the
/// logbook is on, whatever the remote's HEAD names: a bare remote made by `git init --bare`
/// names `master` while the logbook was pushed as `main`, and a plain clone then checks out
/// nothing. The branch: the one the remote's HEAD names if it exists, else the only one, else
/// `main`, else `master`. Returns the branch checked out.
pub fn clone(url: &std::ffi::OsStr, root: &Path) -> Result<String> {
    let parent = root.parent().unwrap_or(root);
    std::fs::create_dir_all(parent)
        .with_context(|| format!("cannot create {}", parent.display()))?;
    let output = Command::new("git")
        .args(["clone", "--quiet", "--no-checkout", "--origin", "origin"])
        .arg(url)
        .arg(root)
        .stdin(Stdio::null())
        .output()
        .map_err(missing)?;
    if !output.status.success() {
        bail!(
            "git clone failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    let listed = run(
        root,
        &[
            "for-each-ref",
            "--format=%(refname:lstrip=3)",
            "refs/remotes/origin/",
        ],
    )?;
    let branches: Vec<String> = String::from_utf8_lossy(&listed.stdout)
        .lines()
        .map(str::to_owned)
        .filter(|b| b != "HEAD")
        .collect();
    // The branch the remote's HEAD names, when it exists there.
    let named = run(root, &["ls-remote", "--symref", "origin", "HEAD"])
        .ok()
        .and_then(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .find_map(|l| l.strip_prefix("ref: refs/heads/"))
                .and_then(|l| l.split_whitespace().next())
                .map(str::to_owned)
        })
        .filter(|b| branches.contains(b));
    let branch = named
        .or_else(|| (branches.len() == 1).then(|| branches[0].clone()))
        .or_else(|| {
            ["main", "master"]
                .into_iter()
                .find(|b| branches.iter().any(|x| x == b))
                .map(str::to_owned)
        });
    let Some(branch) = branch else {
        let _ = std::fs::remove_dir_all(root);
        bail!(
            "{} has no commits yet: push the logbook from the device that has it first \
             (`coachlog git push -u origin main`), then clone it here",
            url.to_string_lossy()
        );
    };
    run(
        root,
        &[
            "checkout",
            "--quiet",
            "-B",
            &branch,
            "--track",
            &format!("origin/{branch}"),
        ],
    )?;
    Ok(branch)
}

/// `git pull --rebase`, then `git push`, in `root`: the first that fails is the error, with what
/// git said (a conflict names its file).
pub fn sync(root: &Path) -> Result<()> {
    let pull = git(root)
        .args(["pull", "--rebase", "--quiet"])
        .stdin(Stdio::null())
        .output()
        .map_err(missing)?;
    if !pull.status.success() {
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&pull.stdout),
            String::from_utf8_lossy(&pull.stderr)
        );
        let conflicts: Vec<String> = said
            .lines()
            .filter_map(|l| l.strip_prefix("CONFLICT"))
            .filter_map(|l| l.rsplit(" in ").next())
            .map(|f| f.trim().to_owned())
            .collect();
        if !conflicts.is_empty() {
            bail!(
                "both devices changed {}: nothing is lost, and git is in the middle of the pull. \
                 Open the file, keep what is right, then `coachlog git add FILE` and `coachlog git \
                 rebase --continue` (or `coachlog git rebase --abort` to go back), and run \
                 `coachlog sync` again",
                conflicts.join(", ")
            );
        }
        bail!("git pull --rebase failed: {}", said.trim());
    }
    run(root, &["push", "--quiet"])?;
    Ok(())
}

/// What the history of a logbook kept in git still holds of a partner after they were forgotten.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History {
    /// Commits of their partner file or their sessions' files (each holds their name, in the
    /// partner file, or their id in the file names).
    pub commits: usize,
    /// Whether any of those commits holds their confidential text in plain (written before
    /// encryption was turned on, or without it).
    pub plain_text: bool,
}

/// The keys whose values are a partner's or a session's confidential text, in their files.
const CONFIDENTIAL_KEYS: &[&str] = &[
    "notes",
    "contact",
    "emails",
    "experiment",
    "timezone",
    "frequency",
    "rescheduling",
    "platform",
    "confidentiality",
    "ai_use",
    "coaches_instead",
    "approach",
    "if_not_working",
    "working_on",
];

impl History {
    /// What the history of `root` holds of the partner `id`.
    pub fn of_partner(root: &Path, id: &crate::domain::id::PartnerId) -> Result<Self> {
        let partner = format!("partners/{id}.toml");
        let sessions = format!(":(glob)sessions/*/*-{id}-*.toml");
        let log = run(
            root,
            &[
                "log",
                "--all",
                "--format=%x1e",
                "-p",
                "--",
                &partner,
                &sessions,
            ],
        )?;
        let text = String::from_utf8_lossy(&log.stdout);
        let commits = text.matches('\u{1e}').count();
        let plain_text = text.lines().any(|line| {
            let Some(added) = line.strip_prefix('+').filter(|l| !l.starts_with("++")) else {
                return false;
            };
            let added = added.trim_start();
            CONFIDENTIAL_KEYS.iter().any(|key| {
                added
                    .strip_prefix(key)
                    .and_then(|rest| rest.trim_start().strip_prefix('='))
                    .map(str::trim_start)
                    .is_some_and(|value| {
                        let value = value.trim_start_matches('[').trim_start_matches('"');
                        !value.is_empty()
                            && !value.starts_with(']')
                            && !crate::domain::private::is_sealed(value)
                    })
            })
        });
        Ok(History {
            commits,
            plain_text,
        })
    }
}
