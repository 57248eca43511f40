//! The logbook in git: every change committed with a readable message, undo, and two devices
//! synced through a bare remote in a temporary folder (no network).

use std::path::Path;
use std::process::Command;

use crate::env::TestEnv;

use crate::env::run_with_git as run;

/// The subjects of the logbook's commits, newest first.
fn subjects(env: &TestEnv) -> Vec<String> {
    let out = run(env, &["git", "log", "--format=%s"]).ok();
    out.stdout.lines().map(str::to_owned).collect()
}

fn git(dir: &Path, args: &[&str]) {
    crate::env::git_in(dir, args);
}

#[test]
fn every_change_is_committed_with_a_readable_message_and_undone_by_a_new_commit() {
    let env = TestEnv::with_partners();
    run(&env, &["git", "init"]).ok();
    assert_eq!(
        env.read(".gitignore"),
        ".lock\n.coachlog-*.tmp\n.coachlog-edit-*\n"
    );
    // The first branch is `main`, so that `git push -u origin main` works as the guide says.
    let branch = run(&env, &["git", "symbolic-ref", "--short", "HEAD"]).ok();
    assert_eq!(branch.stdout, "main\n");
    run(&env, &["log", "alex", "45m"]).ok();
    let id = env.session_files()[0]
        .rsplit('-')
        .next()
        .expect("id")
        .trim_end_matches(".toml")
        .to_owned();
    run(
        &env,
        &["partner", "edit", "alex", "--client-type", "non-coach"],
    )
    .ok();
    assert_eq!(
        subjects(&env)[..2],
        [
            "partner edit alex-kim: client type peer → non-coach".to_owned(),
            format!("log: 45m coaching Alex Kim on 2026-11-23 ({id})"),
        ]
    );
    // A hand edit is not committed behind the user's back, and check says so.
    env.write(
        "partners/team-leads.toml",
        &env.read("partners/team-leads.toml")
            .replace("version", "# mine\nversion"),
    );
    run(&env, &["log", "alex", "30m", "--date", "2026-11-22"]).ok();
    let status = run(&env, &["git", "status", "--porcelain"]).ok();
    assert_eq!(status.stdout, " M partners/team-leads.toml\n");
    let check = run(&env, &["check"]).ok();
    assert!(
        check
            .stdout
            .contains("1 file changed outside coachlog and not committed"),
        "{}",
        check.stdout
    );

    let undo = run(&env, &["undo"]).ok();
    assert!(
        undo.stdout
            .starts_with("Undid \"log: 30m coaching Alex Kim on 2026-11-22"),
        "{}",
        undo.stdout
    );
    assert_eq!(env.session_files().len(), 1);
    let undo = run(&env, &["undo"]).ok();
    assert!(
        undo.stdout.contains("partner edit alex-kim"),
        "{}",
        undo.stdout
    );
    assert!(
        env.read("partners/alex-kim.toml")
            .contains("client_type = \"peer\"")
    );
    assert!(subjects(&env)[0].starts_with("undo: partner edit alex-kim"));
    // A change whose file changed since is not undone.
    env.write(
        &env.session_files()[0].clone(),
        &env.read(&env.session_files()[0])
            .replace("minutes = 45", "minutes = 50"),
    );
    let refused = run(&env, &["undo"]).code(1);
    assert!(
        refused.stderr.contains("changed since"),
        "{}",
        refused.stderr
    );
}

#[test]
fn without_git_nothing_changes_and_undo_says_what_it_needs() {
    let env = TestEnv::with_partners();
    run(&env, &["log", "alex", "45m"]).ok();
    assert!(!env.data().join(".git").exists());
    let out = run(&env, &["undo"]).code(1);
    assert!(
        out.stderr.contains("start with `coachlog git init`"),
        "{}",
        out.stderr
    );
    let out = run(&env, &["git", "log"]).code(1);
    assert!(out.stderr.contains("not kept in git"), "{}", out.stderr);
    // Without a git program, the error says what to install.
    let out = env
        .command(&["git", "init"])
        .env("PATH", env.home().join("nowhere"))
        .run()
        .code(1);
    assert!(out.stderr.contains("cannot run git"), "{}", out.stderr);
    assert!(!env.data().join(".git").exists());
}

#[test]
fn a_failed_commit_loses_nothing_and_git_passes_its_exit_code_on() {
    let env = TestEnv::with_partners();
    run(&env, &["git", "init"]).ok();
    // No committer: the session is written, and the warning says how to commit it.
    let out = env
        .command(&["log", "alex", "45m"])
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .run()
        .ok();
    assert_eq!(env.session_files().len(), 1);
    assert!(
        out.stderr
            .contains("the change is written but not committed"),
        "{}",
        out.stderr
    );
    let out = run(&env, &["git", "rev-parse", "--verify", "no-such-branch"]);
    assert_eq!(out.code, 128);
}

/// A second device gets the logbook with one command, whatever the remote's default branch: a
/// bare remote made by a plain `git init --bare` names `master`, the logbook was pushed as
/// `main`, and a plain `git clone` checks out nothing there.
#[test]
fn a_second_device_clones_the_logbook_whatever_the_remotes_default_branch() {
    let remote = tempfile::tempdir().expect("remote");
    git(remote.path(), &["init", "--bare", "--quiet"]);
    let head = std::fs::read_to_string(remote.path().join("HEAD")).expect("HEAD");
    let laptop = TestEnv::with_partners();
    run(&laptop, &["log", "alex", "45m", "--date", "2026-11-20"]).ok();
    run(&laptop, &["git", "init"]).ok();
    let url = remote.path().to_str().expect("utf-8");
    run(&laptop, &["git", "remote", "add", "origin", url]).ok();
    run(&laptop, &["git", "push", "--quiet", "-u", "origin", "main"]).ok();
    assert!(
        head.contains("refs/heads/master") || head.contains("refs/heads/main"),
        "{head}"
    );

    let phone = TestEnv::new();
    let before = phone.tree();
    run(&phone, &["git", "clone"]).usage_error(&["coachlog git clone URL"]);
    assert_eq!(phone.tree(), before);
    let cloned = run(&phone, &["git", "clone", url]).ok();
    assert!(
        cloned
            .stdout
            .contains("(branch main): 2 partners and 1 session"),
        "{}",
        cloned.stdout
    );
    assert_eq!(phone.session_files(), laptop.session_files());
    assert_eq!(
        run(&phone, &["summary", "--json"]).ok().stdout,
        run(&laptop, &["summary", "--json"]).ok().stdout
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for path in [
            phone.data(),
            phone.data().join(".git"),
            phone.data().join("partners/alex-kim.toml"),
        ] {
            let mode = std::fs::metadata(&path)
                .expect("exists")
                .permissions()
                .mode()
                & 0o077;
            assert_eq!(mode, 0, "{} owner-only", path.display());
        }
    }
    // The two stay in step with sync.
    run(&phone, &["log", "team", "90m", "--date", "2026-11-21"]).ok();
    run(&phone, &["sync"]).ok();
    run(&laptop, &["sync"]).ok();
    assert_eq!(laptop.session_files(), phone.session_files());
    // A folder that holds a logbook is never cloned over.
    let again = run(&phone, &["git", "clone", url]);
    again
        .code(1)
        .stderr_has(&["there is a logbook at", "--data-dir DIR"]);
    // A remote without a commit is named.
    let empty = tempfile::tempdir().expect("remote");
    git(empty.path(), &["init", "--bare", "--quiet"]);
    let third = TestEnv::new();
    run(
        &third,
        &["git", "clone", empty.path().to_str().expect("utf-8")],
    )
    .code(1)
    .stderr_has(&["has no commits yet", "git push -u origin main"]);
    assert!(!third.data().exists(), "nothing left behind");
}

#[test]
fn two_devices_sync_through_a_bare_remote() {
    let remote = tempfile::tempdir().expect("remote");
    git(
        remote.path(),
        &["init", "--bare", "--quiet", "--initial-branch=main"],
    );
    let laptop = TestEnv::with_partners();
    run(&laptop, &["git", "init"]).ok();
    let url = remote.path().to_str().expect("utf-8");
    run(&laptop, &["git", "branch", "-M", "main"]).ok();
    run(&laptop, &["git", "remote", "add", "origin", url]).ok();
    run(&laptop, &["git", "push", "--quiet", "-u", "origin", "main"]).ok();
    // The second device starts from a clone of the remote.
    let work = TestEnv::new();
    let data = work.data();
    let status = Command::new("git")
        .args(["clone", "--quiet", url])
        .arg(&data)
        .status()
        .expect("git clone");
    assert!(status.success());

    run(&laptop, &["log", "alex", "45m", "--date", "2026-11-20"]).ok();
    run(&work, &["log", "team", "90m", "--date", "2026-11-21"]).ok();
    // The same session logged on both devices.
    run(&laptop, &["log", "alex", "30m", "--date", "2026-11-19"]).ok();
    run(&work, &["log", "alex", "30m", "--date", "2026-11-19"]).ok();
    run(&laptop, &["sync"]).ok();
    let synced = run(&work, &["sync"]).ok();
    assert!(synced.stdout.starts_with("Synced"), "{}", synced.stdout);
    assert!(
        synced.stderr.contains("1 duplicate session after the sync"),
        "{}",
        synced.stderr
    );
    run(&laptop, &["sync"]).ok();
    assert_eq!(laptop.session_files(), work.session_files());
    assert_eq!(
        run(&laptop, &["summary", "--json"]).ok().stdout,
        run(&work, &["summary", "--json"]).ok().stdout
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // The pulled files and those of the first clone alike.
        for file in [laptop.session_files()[0].as_str(), "partners/alex-kim.toml"] {
            let path = work.data().join(file);
            let mode = std::fs::metadata(path).expect("file").permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{file} owner-only after the sync");
        }
    }

    // Both edit the same partner: the second sync stops with the file named, nothing lost.
    run(&laptop, &["partner", "edit", "alex", "--payment", "paid"]).ok();
    run(&work, &["partner", "edit", "alex", "--payment", "pro-bono"]).ok();
    run(&laptop, &["sync"]).ok();
    let conflict = run(&work, &["sync"]).code(1);
    assert!(
        conflict.stderr.contains("both devices changed"),
        "{}",
        conflict.stderr
    );
    assert!(
        conflict.stderr.contains("partners/alex-kim.toml"),
        "{}",
        conflict.stderr
    );
    let text = work.read("partners/alex-kim.toml");
    assert!(
        text.contains("paid") && text.contains("pro-bono"),
        "both versions kept: {text}"
    );
}

#[test]
fn remove_and_import_are_committed_and_undone_too() {
    let env = TestEnv::with_partners();
    run(&env, &["git", "init"]).ok();
    run(&env, &["log", "alex", "45m", "--date", "2026-11-20"]).ok();
    let id = env.session_files()[0]
        .rsplit('-')
        .next()
        .expect("id")
        .trim_end_matches(".toml")
        .to_owned();
    run(&env, &["remove", &id]).ok();
    assert!(
        subjects(&env)[0].starts_with(&format!("remove: session {id}")),
        "{:?}",
        subjects(&env)
    );
    run(&env, &["undo"]).ok();
    assert_eq!(env.session_files().len(), 1, "the removed session is back");
    let csv = env.home().join("clients.csv");
    std::fs::write(
        &csv,
        "date,partner,minutes\n2026-11-01,Alex Kim,60\n2026-11-02,Alex Kim,60\n",
    )
    .expect("csv");
    run(&env, &["import", csv.to_str().expect("utf-8")]).ok();
    assert_eq!(subjects(&env)[0], "import: 2 sessions from clients.csv");
    run(&env, &["undo"]).ok();
    assert_eq!(
        env.session_files().len(),
        1,
        "the import is undone as one change"
    );
}

#[test]
fn concurrent_changes_commit_one_each_and_undo_reverts_exactly_one() {
    const N: usize = 12;
    let env = TestEnv::with_partners();
    run(&env, &["git", "init"]).ok();
    let before = env.tree();
    let children: Vec<std::process::Child> = (0..N)
        .map(|i| {
            let date = format!("2026-03-{:02}", i + 1);
            env.command(&["log", "alex", "20m", "--date", &date])
                .env("PATH", std::env::var_os("PATH").unwrap_or_default())
                .env("GIT_AUTHOR_NAME", "Robin Meyer")
                .env("GIT_AUTHOR_EMAIL", "robin@example.org")
                .env("GIT_COMMITTER_NAME", "Robin Meyer")
                .env("GIT_COMMITTER_EMAIL", "robin@example.org")
                .into_command()
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success() && stderr.is_empty(), "{stderr}");
    }
    assert_eq!(env.session_files().len(), N);
    // Every commit holds exactly the one session file its `log` wrote.
    let log = run(&env, &["git", "log", "--format=%x00%s", "--name-only"]).ok();
    let commits: Vec<&str> = log
        .stdout
        .split('\0')
        .filter(|c| c.starts_with("log:"))
        .collect();
    assert_eq!(commits.len(), N, "{}", log.stdout);
    for commit in &commits {
        let files: Vec<&str> = commit.lines().skip(1).filter(|l| !l.is_empty()).collect();
        assert!(
            files.len() == 1 && files[0].starts_with("sessions/2026/"),
            "{commit}"
        );
    }
    // Each undo takes back one session, and N of them leave the logbook as it was.
    for left in (0..N).rev() {
        run(&env, &["undo"]).ok();
        assert_eq!(env.session_files().len(), left);
    }
    let mut after = env.tree();
    after.retain(|k, _| !k.starts_with(".git/"));
    let mut was = before;
    was.retain(|k, _| !k.starts_with(".git/"));
    assert_eq!(after, was, "the logbook as it was before the N logs");
}

#[test]
fn git_init_without_an_identity_creates_nothing_and_says_what_to_set() {
    let env = TestEnv::with_partners();
    let out = env
        .command(&["git", "init"])
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .run()
        .code(1);
    assert!(
        out.stderr.contains("git config --global user.name")
            && out.stderr.contains("user.email")
            && out.stderr.contains("nothing was created"),
        "{}",
        out.stderr
    );
    assert!(!env.data().join(".git").exists());
    assert!(!env.data().join(".gitignore").exists());
    // With an identity, it starts, and the first commit is there for undo and sync.
    run(&env, &["git", "init"]).ok();
    assert_eq!(subjects(&env), ["coachlog: start the logbook's history"]);
}

#[test]
fn a_run_that_changes_nothing_commits_nothing_whatever_the_command() {
    let env = TestEnv::with_partners();
    run(&env, &["git", "init"]).ok();
    run(&env, &["log", "alex", "45m"]).ok();
    let before = subjects(&env);
    // The user's own edit, not to be committed behind their back.
    env.write(
        "partners/team-leads.toml",
        &env.read("partners/team-leads.toml")
            .replace("version", "# mine\nversion"),
    );
    for line in [
        &["summary"][..],
        &["check"],
        &["check", "--fix"],
        &["due"],
        &["sessions"],
        &["status"],
        &["mix"],
        &["partner", "list"],
        &["config", "show"],
    ] {
        run(&env, line).ok();
    }
    assert_eq!(subjects(&env), before);
    let status = run(&env, &["git", "status", "--porcelain"]).ok();
    assert_eq!(status.stdout, " M partners/team-leads.toml\n");
}
