//! The test environment: a temp home and data directory, a clean environment, and assertions on
//! what a user would see.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use chrono::NaiveDate;

/// A temporary home with an empty logbook directory path (not yet created).
pub struct TestEnv {
    home: tempfile::TempDir,
}

impl TestEnv {
    /// A fresh environment.
    pub fn new() -> Self {
        TestEnv {
            home: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A fresh environment with one reciprocal peer (`alex-kim`, 1 h) and one one-way non-coach group
    /// (`team-leads`, 6 members, no usual duration).
    pub fn with_partners() -> Self {
        let env = TestEnv::new();
        env.run(&[
            "partner",
            "add",
            "Alex Kim",
            "--client-type",
            "peer",
            "--arrangement",
            "reciprocal",
            "--duration",
            "1h",
        ])
        .ok();
        env.run(&[
            "partner",
            "add",
            "Team Leads",
            "--client-type",
            "non-coach",
            "--group-size",
            "6",
        ])
        .ok();
        env
    }

    /// A fresh environment holding a copy of the sample logbook of `examples/`.
    pub fn with_sample() -> Self {
        TestEnv::with_copy_of(&sample_logbook())
    }

    /// A fresh environment holding a copy of the logbook in `dir`.
    pub fn with_copy_of(dir: &Path) -> Self {
        let env = TestEnv::new();
        copy_dir(dir, &env.data());
        env
    }

    /// The temp home directory.
    pub fn home(&self) -> &Path {
        self.home.path()
    }

    /// The data directory the commands use (through `COACHLOG_DIR`).
    pub fn data(&self) -> PathBuf {
        self.home.path().join("logbook")
    }

    /// A command with a clean environment: only `HOME`, `COACHLOG_DIR`, and `COACHLOG_TODAY` fixing
    /// today at [`TODAY`], so that no test depends on the wall clock.
    pub fn command(&self, args: &[&str]) -> Cmd {
        let mut command = Command::new(env!("CARGO_BIN_EXE_coachlog"));
        command
            .args(args)
            .env_clear()
            .env("HOME", self.home())
            .env("COACHLOG_DIR", self.data())
            .env("COACHLOG_TODAY", TODAY)
            // A prompt's `status` prints what it has after 300 ms: tests wait for the line.
            .env("COACHLOG_STATUS_BUDGET_MS", "60000")
            .current_dir(self.home())
            .stdin(Stdio::null());
        Cmd {
            command,
            stdin: None,
        }
    }

    /// Runs `coachlog ARGS`.
    pub fn run(&self, args: &[&str]) -> Outcome {
        self.command(args).run()
    }

    /// Runs `coachlog ARGS` as a new user does: no `COACHLOG_DIR`, so the logbook is the platform's
    /// default folder in the temp home, which does not exist yet.
    #[allow(dead_code)]
    pub fn run_as_new_user(&self, args: &[&str]) -> Outcome {
        self.command(args).env_remove("COACHLOG_DIR").run()
    }

    /// Runs `coachlog ARGS` (one shell string) on a pseudo-terminal, through util-linux `script`.
    /// For each `(question, answer)` in turn it waits until `question` has appeared on the screen,
    /// then types `answer`. Returns everything the terminal showed, whatever the exit status.
    #[cfg(target_os = "linux")]
    pub fn on_terminal(&self, args: &str, dialogue: &[(&str, &str)]) -> String {
        self.on_terminal_with(args, &[], dialogue)
    }

    /// What `coachlog ARGS` shows on a pseudo-terminal `columns` wide (set by `stty`, as a
    /// terminal window sets it), with colour off so that only the text is compared.
    #[cfg(target_os = "linux")]
    pub fn screen_at(&self, columns: usize, args: &str) -> String {
        let binary = env!("CARGO_BIN_EXE_coachlog");
        let out = Command::new("script")
            .args([
                "-qec",
                &format!("stty cols {columns} rows 50; NO_COLOR=1 {binary} {args}"),
                "/dev/null",
            ])
            .env_clear()
            .env("HOME", self.home())
            .env("COACHLOG_DIR", self.data())
            .env("COACHLOG_TODAY", TODAY)
            // A prompt's `status` prints what it has after 300 ms: tests wait for the line.
            .env("COACHLOG_STATUS_BUDGET_MS", "60000")
            .env("TERM", "dumb")
            .stdin(Stdio::null())
            .output()
            .expect("util-linux script runs");
        String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n")
    }

    /// [`TestEnv::on_terminal`] with more environment variables.
    #[cfg(target_os = "linux")]
    pub fn on_terminal_with(
        &self,
        args: &str,
        vars: &[(&str, &str)],
        dialogue: &[(&str, &str)],
    ) -> String {
        let binary = env!("CARGO_BIN_EXE_coachlog");
        self.terminal(&format!("{binary} {args}"), vars, dialogue)
    }

    /// Runs the shell command line `line` on a pseudo-terminal (see [`TestEnv::on_terminal`]), with
    /// the test's environment and `vars`.
    #[cfg(target_os = "linux")]
    pub fn terminal(&self, line: &str, vars: &[(&str, &str)], dialogue: &[(&str, &str)]) -> String {
        use std::io::Read;
        let mut child = Command::new("script")
            .args(["-qec", line, "/dev/null"])
            .env_clear()
            .env("HOME", self.home())
            .env("COACHLOG_DIR", self.data())
            .env("COACHLOG_TODAY", TODAY)
            // A prompt's `status` prints what it has after 300 ms: tests wait for the line.
            .env("COACHLOG_STATUS_BUDGET_MS", "60000")
            .env("TERM", "dumb")
            .envs(vars.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("util-linux script runs");
        // A program that never ends fails its test instead of hanging the run: after a minute
        // the terminal is closed under it.
        let pid = child.id();
        let ended = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let watched = std::sync::Arc::clone(&ended);
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_secs(60));
            if !watched.load(std::sync::atomic::Ordering::SeqCst) {
                let _ = Command::new("kill")
                    .args(["-9", &pid.to_string()])
                    .stderr(Stdio::null())
                    .status();
            }
        });
        let mut stdout = child.stdout.take().expect("stdout");
        // Keep the terminal's input open until the program ends: `script` stops at an early EOF.
        let mut stdin = child.stdin.take().expect("stdin");
        let mut seen = Vec::new();
        let mut buf = [0u8; 512];
        let mut from = 0;
        for (question, answer) in dialogue {
            loop {
                let screen = String::from_utf8_lossy(&seen[from..]).into_owned();
                if let Some(at) = screen.find(question) {
                    from += at + question.len();
                    break;
                }
                let n = stdout.read(&mut buf).expect("read the terminal");
                assert!(
                    n > 0,
                    "{question:?} never appeared:\n{}",
                    String::from_utf8_lossy(&seen)
                );
                seen.extend_from_slice(&buf[..n]);
            }
            stdin.write_all(answer.as_bytes()).expect("type an answer");
            stdin.flush().expect("flush");
        }
        stdout.read_to_end(&mut seen).expect("read the rest");
        // The exit status is not judged here: callers check what the screen showed.
        child.wait().expect("wait");
        ended.store(true, std::sync::atomic::Ordering::SeqCst);
        drop(stdin);
        String::from_utf8_lossy(&seen).into_owned()
    }

    /// Every file under the data directory with its contents (the lock file aside): compared
    /// before and after a refused command to show that nothing was written.
    pub fn tree(&self) -> BTreeMap<String, String> {
        let mut files = BTreeMap::new();
        let mut pending = vec![self.data()];
        while let Some(dir) = pending.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    pending.push(path);
                } else if path.file_name().is_some_and(|n| n != ".lock") {
                    let rel = path
                        .strip_prefix(self.data())
                        .expect("inside")
                        .display()
                        .to_string();
                    files.insert(rel, std::fs::read_to_string(&path).unwrap_or_default());
                }
            }
        }
        files
    }

    /// The session files, relative to the data directory.
    pub fn session_files(&self) -> Vec<String> {
        self.tree()
            .into_keys()
            .filter(|k| k.starts_with("sessions/"))
            .collect()
    }

    /// The text of the file of session `id`.
    pub fn session_file(&self, id: &str) -> String {
        let file = self
            .session_files()
            .into_iter()
            .find(|f| f.contains(id))
            .expect("the session's file");
        self.read(&file)
    }

    /// Asks for feedback on session `id` (the page and the message in the home folder): the
    /// request's id, and the message.
    pub fn feedback_request(&self, id: &str) -> (String, String) {
        let out = self
            .run(&[
                "feedback",
                "request",
                id,
                "--out",
                self.home().to_str().expect("utf-8"),
            ])
            .ok();
        let request = out
            .stdout
            .split("request ")
            .nth(1)
            .and_then(|r| r.split('.').next())
            .expect("the request's id")
            .to_owned();
        let message = std::fs::read_to_string(self.home().join(format!("feedback-{request}.txt")))
            .expect("the message");
        (request, message)
    }

    /// Reads `text` with `feedback import -`.
    pub fn feedback_import(&self, text: &str) -> Outcome {
        self.command(&["feedback", "import", "-"]).stdin(text).run()
    }

    /// Reads a file under the data directory.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.data().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// Writes a file under the data directory, as a user with a text editor would (owner-only, as
    /// coachlog keeps its files).
    pub fn write(&self, rel: &str, contents: &str) {
        let path = self.data().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, contents).expect("write");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        }
    }

    /// Logs a session and returns its id.
    pub fn log(&self, args: &[&str]) -> String {
        let mut all = vec!["log"];
        all.extend_from_slice(args);
        let out = self.run(&all).ok();
        out.stdout
            .split("as session ")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap_or_else(|| panic!("no session id in: {}", out.stdout))
            .to_owned()
    }

    /// Runs `coachlog ARGS` and compares what it prints with `tests/golden/NAME`: success, nothing on
    /// stderr, and stdout byte for byte, with the data directory's path written `$DATA`.
    #[track_caller]
    pub fn assert_prints(&self, args: &[&str], golden: &str) {
        self.assert_prints_with(&[], args, golden);
    }

    /// [`TestEnv::assert_prints`] with more environment variables.
    #[track_caller]
    pub fn assert_prints_with(&self, vars: &[(&str, &str)], args: &[&str], golden: &str) {
        let mut command = self.command(args);
        for (key, value) in vars {
            command = command.env(key, value);
        }
        let out = command.run().ok();
        assert_eq!(
            out.stderr,
            "",
            "coachlog {}: nothing on stderr",
            args.join(" ")
        );
        let data = self.data().display().to_string();
        assert_golden(golden, &out.stdout.replace(&data, "$DATA"));
    }

    /// `sessions --json`, parsed.
    pub fn sessions_json(&self, extra: &[&str]) -> Vec<serde_json::Value> {
        let mut args = vec!["sessions", "--json"];
        args.extend_from_slice(extra);
        let out = self.run(&args).ok();
        serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout))
    }
}

/// What `coachlog ARGS` prints, read as JSON.
pub fn json(env: &TestEnv, args: &[&str]) -> serde_json::Value {
    let out = env.run(args).ok();
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout))
}

/// ICF ACC as `summary --json` judges it on `as_of`.
pub fn icf_acc(env: &TestEnv, as_of: &str) -> serde_json::Value {
    json(
        env,
        &["summary", "--as-of", as_of, "--json", "--scheme", "icf-acc"],
    )["schemes"][0]
        .clone()
}

/// The figure reached of a requirement of a scheme in `summary --json`.
pub fn actual(scheme: &serde_json::Value, id: &str) -> f64 {
    scheme["requirements"]
        .as_array()
        .expect("requirements")
        .iter()
        .find(|r| r["id"] == id)
        .and_then(|r| r["actual"].as_f64())
        .unwrap_or_else(|| panic!("no {id} in {scheme}"))
}

/// The rows of a CSV with a header, each a map from the header's names to the cells.
pub fn csv_rows(text: &str) -> Vec<BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_owned)
        .collect();
    reader
        .records()
        .map(|r| {
            let r = r.expect("a row");
            header
                .iter()
                .cloned()
                .zip(r.iter().map(str::to_owned))
                .collect()
        })
        .collect()
}

/// The sample logbook in `examples/`.
pub fn sample_logbook() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/sample-logbook")
}

/// Copies a logbook, owner-only as coachlog keeps its files (whatever the checkout's umask).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600))
                    .expect("chmod");
            }
        }
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(to, std::fs::Permissions::from_mode(0o700)).expect("chmod");
    }
}

/// The small logbook behind the golden files: tricky names, a client without consent, a group over
/// ICF's limit, an alias, a session before the start of training.
pub fn export_logbook() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/export-logbook")
}

/// Compares `actual` with `tests/golden/NAME` byte for byte; `UPDATE_GOLDEN=1 cargo test` rewrites
/// the file instead (then read the diff before committing it).
#[track_caller]
pub fn assert_golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
        std::fs::write(&path, actual).expect("write golden file");
        return;
    }
    let expected =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if actual != expected {
        let line = actual
            .lines()
            .zip(expected.lines())
            .position(|(a, e)| a != e);
        let line = line.unwrap_or_else(|| actual.lines().count().min(expected.lines().count()));
        panic!(
            "output differs from {} at line {}:\n  got:      {:?}\n  expected: {:?}\n(UPDATE_GOLDEN=1 rewrites it)",
            path.display(),
            line + 1,
            actual.lines().nth(line),
            expected.lines().nth(line)
        );
    }
}

/// The day the tests run on, as the binary sees it (`COACHLOG_TODAY`): the sample logbook's as-of date.
pub const TODAY: &str = "2026-11-23";

/// Today, as the binary will see it.
pub fn today() -> NaiveDate {
    TODAY.parse().expect("a date")
}

/// A command being prepared.
pub struct Cmd {
    command: Command,
    stdin: Option<String>,
}

impl Cmd {
    /// Sets an environment variable.
    pub fn env(mut self, key: &str, value: impl AsRef<std::ffi::OsStr>) -> Self {
        self.command.env(key, value);
        self
    }

    /// Runs it in `dir`.
    pub fn current_dir(mut self, dir: &Path) -> Self {
        self.command.current_dir(dir);
        self
    }

    /// Removes an environment variable.
    pub fn env_remove(mut self, key: &str) -> Self {
        self.command.env_remove(key);
        self
    }

    /// Feeds text on stdin.
    #[allow(dead_code)]
    pub fn stdin(mut self, text: &str) -> Self {
        self.stdin = Some(text.to_owned());
        self
    }

    /// Runs it to completion.
    pub fn run(mut self) -> Outcome {
        if self.stdin.is_some() {
            self.command.stdin(Stdio::piped());
        }
        let mut child = self
            .command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("coachlog runs");
        if let Some(text) = self.stdin.take() {
            // A program may stop reading before the end (a bounded read): not the test's error.
            let written = child
                .stdin
                .take()
                .expect("stdin")
                .write_all(text.as_bytes());
            if let Err(e) = written
                && e.kind() != std::io::ErrorKind::BrokenPipe
            {
                panic!("write stdin: {e}");
            }
        }
        let output = child.wait_with_output().expect("coachlog finishes");
        Outcome {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Runs it to completion, or kills it and fails the test when it has not finished within
    /// `seconds` (a command that hangs is the bug).
    #[allow(dead_code)]
    #[track_caller]
    pub fn run_within(mut self, seconds: u64) -> Outcome {
        use std::io::Read;
        let mut child = self
            .command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("coachlog runs");
        let mut pipes = (child.stdout.take(), child.stderr.take());
        let read = |pipe: Option<Box<dyn Read + Send>>| {
            std::thread::spawn(move || {
                let mut bytes = Vec::new();
                if let Some(mut pipe) = pipe {
                    let _ = pipe.read_to_end(&mut bytes);
                }
                String::from_utf8_lossy(&bytes).into_owned()
            })
        };
        let stdout = read(pipes.0.take().map(|p| Box::new(p) as Box<dyn Read + Send>));
        let stderr = read(pipes.1.take().map(|p| Box::new(p) as Box<dyn Read + Send>));
        let started = std::time::Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait") {
                break status;
            }
            if started.elapsed() > std::time::Duration::from_secs(seconds) {
                let _ = child.kill();
                let _ = child.wait();
                panic!("coachlog did not finish within {seconds} s: it hangs");
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        };
        Outcome {
            code: status.code().unwrap_or(-1),
            stdout: stdout.join().expect("stdout"),
            stderr: stderr.join().expect("stderr"),
        }
    }

    /// The underlying process builder, for tests that drive the process themselves.
    pub fn into_command(self) -> Command {
        self.command
    }
}

/// What a run printed and how it ended.
#[derive(Debug)]
pub struct Outcome {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Outcome {
    /// Asserts success.
    #[track_caller]
    pub fn ok(self) -> Self {
        assert_eq!(
            self.code, 0,
            "expected success\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// Asserts the exit code.
    #[track_caller]
    pub fn code(self, code: i32) -> Self {
        assert_eq!(
            self.code, code,
            "expected exit code {code}\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// Asserts a usage error (exit code 2) whose message contains every one of `needles`, with
    /// nothing on stdout.
    #[track_caller]
    pub fn usage_error(self, needles: &[&str]) -> Self {
        let out = self.code(2);
        out.stderr_has(needles);
        assert_eq!(out.stdout, "", "a refusal prints nothing on stdout");
        out
    }

    /// Asserts that stdout contains every one of `needles`.
    #[track_caller]
    pub fn stdout_has(&self, needles: &[&str]) -> &Self {
        for needle in needles {
            assert!(
                self.stdout.contains(needle),
                "stdout lacks {needle:?}:\n{}\nstderr:\n{}",
                self.stdout,
                self.stderr
            );
        }
        self
    }

    /// Asserts that stderr contains every one of `needles`.
    #[track_caller]
    pub fn stderr_has(&self, needles: &[&str]) -> &Self {
        for needle in needles {
            assert!(
                self.stderr.contains(needle),
                "stderr lacks {needle:?}:\n{}",
                self.stderr
            );
        }
        self
    }

    /// The stdout lines that contain `needle`.
    pub fn lines_with(&self, needle: &str) -> Vec<&str> {
        self.stdout.lines().filter(|l| l.contains(needle)).collect()
    }
}

/// Whether a shell is installed; CI (`COACHLOG_SHELL_TESTS=require`) installs them all.
pub fn have_shell(shell: &str) -> bool {
    installed(shell, &["-c", "true"])
}

/// Whether a program other than a shell is installed (`PROGRAM --version` runs); CI
/// (`COACHLOG_SHELL_TESTS=require`) installs them all.
pub fn have_program(program: &str) -> bool {
    installed(program, &["--version"])
}

/// Whether `program ARGS` runs and succeeds; without it a test is skipped, with a word, except
/// where CI requires it.
fn installed(program: &str, args: &[&str]) -> bool {
    let found = std::process::Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var("COACHLOG_SHELL_TESTS").as_deref() != Ok("require"),
            "COACHLOG_SHELL_TESTS=require, but {program} is not installed"
        );
        eprintln!("skipped: {program} is not installed");
    }
    found
}

/// The PATH a prompt finds coachlog on.
pub fn shell_path() -> String {
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_coachlog"))
        .parent()
        .expect("dir")
        .display()
        .to_string();
    format!("{bin}:/usr/bin:/bin")
}

/// The committer every test that commits uses.
const COMMITTER: [(&str, &str); 4] = [
    ("GIT_AUTHOR_NAME", "Robin Meyer"),
    ("GIT_AUTHOR_EMAIL", "robin@example.org"),
    ("GIT_COMMITTER_NAME", "Robin Meyer"),
    ("GIT_COMMITTER_EMAIL", "robin@example.org"),
];

/// `coachlog ARGS` with git on PATH and a committer.
pub fn run_with_git(env: &TestEnv, args: &[&str]) -> Outcome {
    let mut command = env
        .command(args)
        .env("PATH", std::env::var_os("PATH").unwrap_or_default());
    for (key, value) in COMMITTER {
        command = command.env(key, value);
    }
    command.run()
}

/// `git ARGS` in `dir`, with the committer: its output, after it succeeded.
pub fn git_in(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .envs(COMMITTER)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// An executable shell script `name` in the test's home (for `$EDITOR`); its path.
pub fn script(env: &TestEnv, name: &str, body: &str) -> String {
    let path = env.home().join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).expect("write script");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    path.to_str().expect("utf-8").to_owned()
}

/// The plain-text form of a feedback request's `message`, filled in as a client would: every
/// score 9 but `overall`, the invitation, and whether it may be shown.
pub fn filled_form(message: &str, overall: &str, experiment: &str, share: &str) -> String {
    message[message.find("-----BEGIN").expect("the form")..]
        .lines()
        .take_while(|l| !l.starts_with("Thank you"))
        .map(|l| match l {
            "relationship: " | "goals: " | "approach: " => format!("{l}9\n"),
            "overall: " => format!("overall: {overall}\n"),
            "experiment: " => format!("experiment: {experiment}\n"),
            "share: " => format!("share: {share}\n"),
            _ => format!("{l}\n"),
        })
        .collect()
}
