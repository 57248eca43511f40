//! Hostile files in and around the logbook: nothing overwritten that is not a regular file,
//! nothing read that could hang or fill the memory, nothing left behind, nothing swept into
//! another command's commit. Pipes, sockets and device nodes are made in the test's own
//! temporary folder (a device only where the test may make one; else it says so and skips).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::env::TestEnv;

/// How long a command may take before the test calls it hung.
const PATIENCE: u64 = 20;

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

/// A character device like /dev/full (1, 7) at `path`, where this test may make one.
#[cfg(unix)]
fn mknod_full(path: &Path) -> bool {
    let made = Command::new("mknod")
        .arg(path)
        .args(["c", "1", "7"])
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        eprintln!("skipping the device case: this test may not make a device node here");
    }
    made
}

#[cfg(unix)]
fn kind_of(path: &Path) -> std::fs::FileType {
    std::fs::symlink_metadata(path).expect("exists").file_type()
}

#[cfg(unix)]
#[test]
fn force_replaces_a_regular_file_only() {
    use std::os::unix::fs::FileTypeExt;
    let env = TestEnv::with_sample();
    let fifo = env.home().join("pipe.csv");
    mkfifo(&fifo);
    let socket_path = env.home().join("socket.csv");
    let _socket = std::os::unix::net::UnixListener::bind(&socket_path).expect("bind");
    let device = env.home().join("full.csv");
    let device = mknod_full(&device).then_some(device);
    let mut targets: Vec<(PathBuf, &str)> = vec![
        (fifo.clone(), "is a named pipe (FIFO)"),
        (socket_path.clone(), "is a socket"),
        (env.home().to_path_buf(), "is a directory"),
    ];
    if let Some(device) = &device {
        targets.push((device.clone(), "is a character device"));
    }
    for (target, said) in &targets {
        let path = target.to_str().expect("utf-8");
        for args in [
            vec!["export", "icf", "--output", path, "--force"],
            vec!["export", "sessions", "--output", path, "--force"],
            vec!["export", "xlsx", "--output", path, "--force"],
            vec!["report", "--output", path, "--force"],
        ] {
            let out = env.command(&args).run_within(PATIENCE).code(2);
            assert!(
                out.stderr.contains(said) && out.stderr.contains("nothing was written"),
                "{args:?}: {}",
                out.stderr
            );
        }
    }
    assert!(kind_of(&fifo).is_fifo(), "the pipe is still a pipe");
    assert!(kind_of(&socket_path).is_socket());
    if let Some(device) = &device {
        assert!(
            kind_of(device).is_char_device(),
            "the device is still a device"
        );
    }
    // A regular file is replaced, as asked.
    let file = env.home().join("icf.csv");
    std::fs::write(&file, "old").expect("write");
    env.run(&[
        "export",
        "icf",
        "--output",
        file.to_str().expect("utf-8"),
        "--force",
    ])
    .ok();
    assert!(
        std::fs::read_to_string(&file)
            .expect("read")
            .starts_with("Client")
    );
}

#[test]
fn output_dash_is_standard_output() {
    let env = TestEnv::with_sample();
    let plain = env.run(&["export", "icf"]).ok();
    let dash = env.run(&["export", "icf", "--output", "-"]).ok();
    assert_eq!(dash.stdout, plain.stdout);
    assert!(!env.home().join("-").exists(), "no file named -");
    let report = env.run(&["report", "--output", "-"]).ok();
    assert!(
        report.stdout.starts_with("<!DOCTYPE html>"),
        "{}",
        &report.stdout[..80]
    );
    assert!(!env.home().join("-").exists());
}

#[cfg(unix)]
#[test]
fn a_pipe_in_the_logbook_is_named_never_opened() {
    let env = TestEnv::with_sample();
    let year = env.data().join("sessions/2026");
    mkfifo(&year.join("2026-03-01-alex-kim-pipe01.toml"));
    let out = env.command(&["summary"]).run_within(PATIENCE).code(1);
    assert!(
        out.stderr.contains("2026-03-01-alex-kim-pipe01.toml")
            && out
                .stderr
                .contains("a named pipe (FIFO), not a regular file"),
        "{}",
        out.stderr
    );
    let out = env.command(&["check"]).run_within(PATIENCE).code(1);
    assert!(out.stdout.contains("pipe01.toml"), "{}", out.stdout);
    // `log` writes its session and says so, without waiting on the pipe.
    let out = env
        .command(&["log", "alex", "30m", "--date", "2026-03-02"])
        .run_within(PATIENCE)
        .ok();
    assert!(out.stdout.starts_with("Logged 30m"), "{}", out.stdout);
    // In each record folder, and in place of config.toml.
    for folder in ["partners", "mentoring", "education"] {
        let env = TestEnv::with_sample();
        std::fs::create_dir_all(env.data().join(folder)).expect("folder");
        mkfifo(&env.data().join(folder).join("pipe.toml"));
        let out = env.command(&["summary"]).run_within(PATIENCE).code(1);
        assert!(
            out.stderr.contains("a named pipe (FIFO)"),
            "{folder}: {}",
            out.stderr
        );
    }
    let env = TestEnv::with_sample();
    std::fs::remove_file(env.data().join("config.toml")).ok();
    mkfifo(&env.data().join("config.toml"));
    let out = env.command(&["summary"]).run_within(PATIENCE).code(1);
    assert!(
        out.stderr.contains("config.toml") && out.stderr.contains("a named pipe (FIFO)"),
        "{}",
        out.stderr
    );
    let out = env.command(&["check"]).run_within(PATIENCE).code(1);
    assert!(out.stdout.contains("config.toml"), "{}", out.stdout);
}

#[cfg(unix)]
#[test]
fn a_record_over_a_mebibyte_is_refused_before_it_is_read() {
    let env = TestEnv::with_sample();
    let year = env.data().join("sessions/2026");
    // One line of 2 MiB: refused by its size, and no line of it is echoed.
    let big = format!("notes = \"{}\"\n", "x".repeat(2 << 20));
    std::fs::write(year.join("2026-03-01-alex-kim-big001.toml"), &big).expect("write");
    let out = env.command(&["summary"]).run_within(PATIENCE).code(1);
    assert!(
        out.stderr.contains("big001.toml") && out.stderr.contains("at most 1 MiB"),
        "{}",
        &out.stderr[..out.stderr.len().min(2000)]
    );
    assert!(
        out.stderr.len() < 4000,
        "{} bytes of stderr",
        out.stderr.len()
    );
    // A link to an endless device is a link, and is never followed.
    std::fs::remove_file(year.join("2026-03-01-alex-kim-big001.toml")).expect("rm");
    std::os::unix::fs::symlink("/dev/zero", year.join("2026-03-01-alex-kim-zero01.toml"))
        .expect("symlink");
    let out = env.command(&["summary"]).run_within(PATIENCE).code(1);
    assert!(out.stderr.contains("zero01.toml"), "{}", out.stderr);
    let out = env.command(&["check"]).run_within(PATIENCE).code(1);
    assert!(out.stdout.contains("zero01.toml"), "{}", out.stdout);
    assert!(!out.stdout.contains("chmod"), "{}", out.stdout);
}

#[test]
fn a_broken_file_with_a_long_line_is_named_with_the_line_cut() {
    let env = TestEnv::with_sample();
    let line = format!("date = 2026-03-01\npartner = \"{}", "y".repeat(500_000));
    env.write("sessions/2026/2026-03-01-alex-kim-long01.toml", &line);
    let out = env.command(&["summary"]).run_within(PATIENCE).code(1);
    assert!(
        out.stderr.contains("long01.toml"),
        "{}",
        &out.stderr[..2000]
    );
    assert!(
        out.stderr.lines().all(|l| l.chars().count() <= 1000),
        "no line of the message is longer than 1,000 characters"
    );
    assert!(out.stderr.len() < 10_000, "{} bytes", out.stderr.len());
}

/// Temporary files as an interrupted import leaves them, beside the records they were for.
fn leave_temporary_files(env: &TestEnv, n: usize) {
    for i in 0..n {
        env.write(
            &format!("sessions/2026/.coachlog-{i:06}.tmp"),
            "date = 2026-03-01\npartner = \"alex-kim\"\nminutes = 60\n",
        );
    }
}

#[test]
fn temporary_files_of_a_process_that_died_are_removed_by_the_next_writer() {
    let env = TestEnv::with_sample();
    leave_temporary_files(&env, 300);
    // The lock file says a change was under way when its holder ended.
    env.write(".lock", "4242");
    let out = env.run(&["check"]).code(0);
    let lines = out.lines_with(".coachlog-");
    assert!(
        lines.len() == 1 && lines[0].contains("300 temporary files"),
        "one line for all of them:\n{}",
        out.stdout
    );
    env.log(&["alex", "30m", "--date", "2026-03-02"]);
    assert_eq!(temporary_files(&env), 0);
    assert_eq!(env.read(".lock"), "", "released cleanly");
}

#[test]
fn check_fix_removes_temporary_files_and_says_how_many() {
    let env = TestEnv::with_sample();
    leave_temporary_files(&env, 3);
    let out = env.run(&["check", "--fix"]).code(0);
    assert!(
        out.stderr.contains("Removed 3 temporary files"),
        "{}",
        out.stderr
    );
    assert!(!out.stdout.contains("temporary"), "{}", out.stdout);
    assert_eq!(temporary_files(&env), 0);
}

#[test]
fn removing_a_partner_with_sessions_removes_temporary_files_too() {
    let env = TestEnv::with_sample();
    leave_temporary_files(&env, 5);
    env.run(&["partner", "remove", "alex-kim", "--with-sessions", "--yes"])
        .ok();
    assert_eq!(temporary_files(&env), 0);
}

/// Whether `text` holds a raw escape or control character a terminal would act on.
fn raw_control(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
}

#[test]
fn escape_sequences_from_files_keys_names_and_arguments_never_reach_the_terminal() {
    let osc52 = "\u{1b}]52;c;aGk=\u{7}";
    let env = TestEnv::with_sample();
    // In a file name, in a TOML key, and in a value a message quotes.
    env.write(
        &format!("sessions/2026/2026-03-01-alex-kim-{osc52}.toml"),
        "version = 1\ndate = 2026-03-01\nminutes = = 60\n",
    );
    env.write(
        "sessions/2026/2026-03-02-alex-kim-key001.toml",
        &format!(
            "version = 1\ndate = 2026-03-02\npartner = \"alex-kim\"\nminutes = 60\nrole = \"coach\"\n\
             payment = \"paid\"\narrangement = \"one-way\"\nclient_type = \"peer\"\n\"{}\" = 1\n",
            "\\u001b[2J"
        ),
    );
    let out = env.run(&["summary"]).code(1);
    assert!(!raw_control(&out.stderr), "{:?}", out.stderr);
    assert!(
        out.stderr.contains("\\u{1b}]52"),
        "shown escaped: {}",
        out.stderr
    );
    let out = env.run(&["check"]);
    assert!(
        !raw_control(&out.stdout) && !raw_control(&out.stderr),
        "{:?}",
        out.stdout
    );
    // In an argument.
    let out = env.run(&["log", &format!("nobody{osc52}"), "1h"]);
    assert_ne!(out.code, 0);
    assert!(!raw_control(&out.stderr), "{:?}", out.stderr);
    let out = env.run(&["summary", "--as-of", &format!("2026{osc52}")]);
    assert_eq!(out.code, 2);
    assert!(!raw_control(&out.stderr), "{:?}", out.stderr);
    // In notes typed into a file by hand: shown escaped by every listing and CSV on a terminal.
    let env = TestEnv::with_sample();
    env.write(
        "sessions/2026/2026-03-02-alex-kim-esc002.toml",
        "version = 1\ndate = 2026-03-02\npartner = \"alex-kim\"\nminutes = 60\nrole = \"coach\"\n\
         payment = \"paid\"\narrangement = \"one-way\"\nclient_type = \"peer\"\n\
         notes = \"a\\u001b]52;c;aGk=\\u0007b\"\n",
    );
    for args in [
        vec!["sessions", "--notes"],
        vec!["export", "sessions", "--include-notes"],
        vec!["partner", "show", "alex-kim"],
    ] {
        let out = env.run(&args).ok();
        assert!(!raw_control(&out.stdout), "{args:?}: {:?}", out.stdout);
    }
}

#[cfg(unix)]
#[test]
fn a_folder_others_can_open_is_flagged_and_a_linked_file_is_never_chmodded() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::with_sample();
    let partners = env.data().join("partners");
    std::fs::set_permissions(&partners, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    for file in std::fs::read_dir(&partners).expect("partners") {
        let path = file.expect("entry").path();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    }
    let files = std::fs::read_dir(&partners).expect("partners").count();
    // However many, one line: with the count, and the one command that fixes them.
    let out = env.run(&["check"]).code(0);
    let flagged = out.lines_with("can be read by others");
    assert!(
        flagged.len() == 1
            && flagged[0].contains(&format!("{files} files and 1 folder can be read by others"))
            && flagged[0].contains("`coachlog check --fix`"),
        "{}",
        out.stdout
    );
    // A link among the records is an error about the link; its target is never touched.
    let target = env.home().join("elsewhere.toml");
    std::fs::write(&target, "x").expect("write");
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    std::os::unix::fs::symlink(&target, partners.join("linked.toml")).expect("symlink");
    let out = env.run(&["check"]).code(1);
    let about_link = out.lines_with("linked.toml");
    assert!(
        about_link.len() == 1 && !about_link[0].contains("chmod"),
        "{}",
        out.stdout
    );
    let out = env.run(&["check", "--fix"]).code(1);
    assert!(
        out.stderr
            .contains(&format!("made {} files and folders owner-only", files + 1)),
        "{}",
        out.stderr
    );
    assert!(
        out.lines_with("can be read by others").is_empty(),
        "{}",
        out.stdout
    );
    let mode = std::fs::metadata(&target)
        .expect("target")
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o644, "the link's target is left alone");
}

/// The hidden temporary files under the logbook's session folders.
fn temporary_files(env: &TestEnv) -> usize {
    env.tree()
        .keys()
        .filter(|k| {
            k.rsplit('/')
                .next()
                .is_some_and(|n| n.starts_with(".coachlog-"))
        })
        .count()
}

#[test]
fn an_import_killed_midway_leaves_nothing_behind_once_run_again() {
    const ROWS: usize = 20_000;
    let env = TestEnv::with_partners();
    let mut csv = String::from("date,partner,minutes\n");
    for i in 0..ROWS {
        let day = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).expect("date")
            + chrono::Days::new((i % 600) as u64);
        csv.push_str(&format!("{day},Alex Kim,{}\n", 30 + i / 600));
    }
    env.write("rows.csv", &csv);
    let file = env.data().join("rows.csv");
    let file = file.to_str().expect("utf-8");
    let mut child = env
        .command(&["import", file])
        .into_command()
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    // Killed (SIGKILL: nothing can clean up) once it has staged some of its files.
    let started = std::time::Instant::now();
    let mut killed_midway = false;
    while started.elapsed() < std::time::Duration::from_secs(60) {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if temporary_files(&env) >= 100 {
            child.kill().expect("kill");
            killed_midway = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let _ = child.wait();
    if killed_midway {
        assert!(temporary_files(&env) > 0, "the kill left temporary files");
    } else {
        eprintln!("the import finished before it could be killed midway");
    }
    // Run again: every row once, and not one temporary file left.
    env.run(&["import", file]).ok();
    assert_eq!(env.session_files().len(), ROWS);
    assert_eq!(temporary_files(&env), 0);
    assert_eq!(
        env.run(&["check"]).lines_with(".coachlog-"),
        Vec::<&str>::new()
    );
}

/// The editor's copies (`.coachlog-edit-…`) in the logbook's folder and the system's temporary
/// folder of the test.
fn edit_copies(env: &TestEnv, tmp: &Path) -> Vec<PathBuf> {
    [env.data(), tmp.to_path_buf()]
        .iter()
        .filter_map(|dir| std::fs::read_dir(dir).ok())
        .flatten()
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(".coachlog-edit-"))
        })
        .collect()
}

#[test]
fn the_editors_plain_copy_outlives_no_signal_and_a_kill_9_is_swept_by_the_next_run() {
    let env = TestEnv::with_partners();
    env.run(&["keys", "init"]).ok();
    env.log(&["alex", "--notes", "PLANTED secret"]);
    let id = env.sessions_json(&[])[0]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let tmp = tempfile::tempdir().expect("tmp");
    // An editor that waits for ever, once it has the copy.
    let editor = crate::env::script(&env, "wait.sh", "sleep 60");
    for signal in ["TERM", "HUP", "INT", "KILL"] {
        let mut child = env
            .command(&["edit", &id])
            .env("EDITOR", &editor)
            .env("TMPDIR", tmp.path())
            .into_command()
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("edit runs");
        // Until the editor has its copy, holding the note in plain text (the file may be seen
        // before its text is written in full).
        let started = std::time::Instant::now();
        let copy = loop {
            let written = edit_copies(&env, tmp.path()).into_iter().find(|copy| {
                std::fs::read_to_string(copy).is_ok_and(|text| text.contains("PLANTED secret"))
            });
            if let Some(copy) = written {
                break copy;
            }
            assert!(
                started.elapsed().as_secs() < 20,
                "no copy holding the note for the editor"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        };
        assert!(
            copy.starts_with(env.data()),
            "the copy is kept in the logbook's owner-only folder: {}",
            copy.display()
        );
        let status = Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status()
            .expect("kill");
        assert!(status.success());
        child.wait().expect("wait");
        let _ = Command::new("pkill").args(["-f", &editor]).status();
        if signal == "KILL" {
            // Nothing can catch it: the copy stays until the next run, which removes it.
            assert_eq!(edit_copies(&env, tmp.path()).len(), 1);
            env.run(&["summary"]).ok();
        }
        assert_eq!(
            edit_copies(&env, tmp.path()),
            Vec::<PathBuf>::new(),
            "after SIG{signal}"
        );
    }
}

#[test]
fn a_packet_killed_while_it_is_written_leaves_nothing_behind() {
    let env = TestEnv::with_sample();
    // A large certificate makes the zip take a while to write.
    let cert = env.home().join("scan.pdf");
    // Noise that no compression shrinks (xorshift), so the zip is as large.
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let noise: Vec<u8> = (0..16u32 << 20)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 32) as u8
        })
        .collect();
    std::fs::write(&cert, noise).expect("write");
    env.run(&["attach", "c00t75", cert.to_str().expect("utf-8")])
        .ok();
    let out = env.home().join("out");
    std::fs::create_dir(&out).expect("dir");
    let mut child = env
        .command(&["packet", "icf-acc"])
        .current_dir(&out)
        .into_command()
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("packet runs");
    // Killed the moment anything shows in the folder: a file written under a name of its own
    // while it is written would be caught half-written, and left.
    let started = std::time::Instant::now();
    loop {
        let seen = std::fs::read_dir(&out).expect("out").next().is_some();
        if seen || child.try_wait().expect("wait").is_some() {
            break;
        }
        assert!(started.elapsed().as_secs() < 60, "packet did not finish");
    }
    let _ = child.kill();
    child.wait().expect("wait");
    let left: Vec<(String, u64)> = std::fs::read_dir(&out)
        .expect("out")
        .map(|e| {
            let e = e.expect("entry");
            (
                e.file_name().to_string_lossy().into_owned(),
                e.metadata().expect("meta").len(),
            )
        })
        .collect();
    // Either nothing, or the whole packet under its name, which verifies.
    match left.as_slice() {
        [] => {}
        [(name, _)] if !name.starts_with('.') => {
            env.run(&["packet", "verify", out.join(name).to_str().expect("utf-8")])
                .ok();
        }
        other => panic!("left behind: {other:?}"),
    }
}
