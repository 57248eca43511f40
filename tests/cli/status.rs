//! `status`: the one line for a prompt says what `due` and `summary` say, and a change to the
//! logbook shows in it — at once when a file is added, removed or replaced, by the next prompt when
//! a file is rewritten in place.

use std::time::{Duration, Instant};

use crate::env::{TestEnv, actual, icf_acc, json};

/// The line `status` prints.
fn status(env: &TestEnv) -> String {
    let out = env.run(&["status"]).ok();
    assert_eq!(out.stderr, "", "status: nothing on stderr");
    out.stdout
}

/// The line `status` should print, from what `due --json` and `summary --json` say.
fn expected(env: &TestEnv) -> String {
    let due = json(env, &["due", "--json"])
        .as_array()
        .expect("items")
        .len();
    let hours = actual(&icf_acc(env, crate::env::TODAY), "hours").floor();
    let due = if due > 0 {
        format!("{due} due · ")
    } else {
        String::new()
    };
    format!("coachlog: {due}ICF ACC {hours}/100 h\n")
}

/// Waits until nothing in the logbook changed in the last two seconds, so that a cache kept now is
/// trusted by the next `status`.
fn settle() {
    std::thread::sleep(Duration::from_millis(2100));
}

#[test]
fn the_line_says_what_due_and_summary_say() {
    let env = TestEnv::with_sample();
    env.assert_prints(&["status"], "status.txt");
    assert_eq!(status(&env), expected(&env));
    env.run(&["status", "--scheme", "icf-pcc"])
        .ok()
        .stdout_has(&["ICF PCC ", "/500 h"]);
    env.run(&["--ascii", "status"])
        .ok()
        .stdout_has(&[" due - ICF ACC "]);
}

#[test]
fn a_logged_session_a_new_day_and_a_removed_cache_show_at_once() {
    let env = TestEnv::with_partners();
    env.log(&["alex", "--date", "2026-11-20"]);
    settle();
    let before = status(&env);
    assert_eq!(before, expected(&env));
    assert_eq!(status(&env), before, "the line kept");

    // Logging adds a file: the next line counts it.
    env.log(&["team", "2h", "--date", "2026-11-22"]);
    let after = status(&env);
    assert_ne!(after, before);
    assert_eq!(after, expected(&env));

    // Alex owes an hour in return; the reflection on the 20th is due after two days, so not yet on
    // the 21st (when the 2 h on the 22nd are not logged yet either).
    let on_21 = env
        .command(&["status"])
        .env("COACHLOG_TODAY", "2026-11-21")
        .run()
        .ok()
        .stdout;
    assert_eq!(on_21, "coachlog: 1 due · ICF ACC 1/100 h\n");
    assert_eq!(status(&env), "coachlog: 2 due · ICF ACC 3/100 h\n");

    // The cache is derived: removed or damaged, the line is worked out again.
    let cache = env.home().join(".cache/coachlog/status");
    for entry in std::fs::read_dir(&cache).expect("cache") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            std::fs::write(&path, "coachlog status cache 1\nkey x\n").expect("damage");
        }
    }
    assert_eq!(status(&env), after);
    std::fs::remove_dir_all(&cache).expect("remove");
    assert_eq!(status(&env), after);
}

#[test]
fn a_session_rewritten_in_place_shows_by_the_next_prompts() {
    let env = TestEnv::with_partners();
    env.log(&["alex", "--date", "2026-11-20"]);
    settle();
    let before = status(&env);
    assert!(before.contains("ICF ACC 1/100 h"), "{before}");
    // As nano or a shell's `>` saves: the same file, its folder unchanged.
    let file = env.session_files().pop().expect("a session");
    let text = env.read(&file).replace("minutes = 60", "minutes = 180");
    std::fs::write(env.data().join(&file), text).expect("rewrite in place");

    // The line a prompt shows catches up by itself: each `status` starts a refresh that compares
    // every file.
    let start = Instant::now();
    loop {
        let line = status(&env);
        if line.contains("ICF ACC 3/100 h") {
            assert_eq!(line, expected(&env));
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "still {line} after 30 s"
        );
        std::thread::sleep(Duration::from_millis(200));
    }

    // `status --refresh` does the same at once, and prints nothing.
    let text = env.read(&file).replace("minutes = 180", "minutes = 240");
    std::fs::write(env.data().join(&file), text).expect("rewrite in place");
    let out = env.run(&["status", "--refresh"]).ok();
    assert_eq!((out.stdout.as_str(), out.stderr.as_str()), ("", ""));
    assert!(status(&env).contains("ICF ACC 4/100 h"));
}

#[test]
fn the_cache_is_owner_only_and_outside_the_logbook() {
    let env = TestEnv::with_partners();
    env.log(&["alex", "--date", "2026-11-20"]);
    let tree = env.tree();
    status(&env);
    assert_eq!(env.tree(), tree, "status writes nothing in the logbook");
    let cache = env.home().join(".cache/coachlog/status");
    #[cfg(unix)]
    for entry in std::fs::read_dir(&cache).expect("cache") {
        use std::os::unix::fs::PermissionsExt;
        let path = entry.expect("entry").path();
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
        assert_eq!(mode & 0o077, 0, "{} is {mode:o}", path.display());
    }
}

#[test]
fn no_logbook_prints_nothing_and_a_bad_scheme_is_named() {
    let env = TestEnv::new();
    let out = env.run_as_new_user(&["status"]).ok();
    assert_eq!((out.stdout.as_str(), out.stderr.as_str()), ("", ""));

    let env = TestEnv::with_partners();
    env.run(&["status", "--scheme", "icf-xyz"])
        .code(1)
        .stderr_has(&["there is no scheme 'icf-xyz'", "icf-pcc", "(--scheme)"]);
    assert!(!env.home().join(".cache").exists(), "nothing kept");
}

/// The code block of `lang` in the guide's section on prompts.
fn recipe(lang: &str) -> String {
    let guide = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/guide.md"))
        .expect("guide");
    let section = guide
        .split("\n## ")
        .find(|s| s.starts_with("Keep what is due in your prompt"))
        .expect("the section on prompts");
    let fence = format!("```{lang}\n");
    let start = section.find(&fence).expect("the recipe") + fence.len();
    section[start..]
        .split("```")
        .next()
        .expect("its end")
        .to_owned()
}

#[cfg(target_os = "linux")]
#[test]
fn the_guide_s_prompts_show_the_line_in_bash_zsh_and_fish() {
    let env = TestEnv::with_sample();
    let line = "coachlog: 10 due · ICF ACC 41/100 h";
    let path = crate::env::shell_path();
    let vars = [
        ("PATH", path.as_str()),
        ("TERM", "xterm"),
        ("LANG", "C.UTF-8"),
    ];
    if crate::env::have_shell("bash") {
        let rc = env.home().join("bashrc");
        std::fs::write(&rc, format!("PS1='$ '\n{}", recipe("bash"))).expect("bashrc");
        let rc = rc.display().to_string();
        let screen = env.terminal(
            &format!("bash --noprofile --rcfile {rc} -i"),
            &vars,
            &[("] $ ", "exit\n")],
        );
        assert!(screen.contains(&format!("[{line}] $ ")), "{screen}");
    }
    if crate::env::have_shell("zsh") {
        let dot = env.home().join("zsh");
        std::fs::create_dir_all(&dot).expect("dir");
        std::fs::write(
            dot.join(".zshrc"),
            format!("PROMPT='%% '\n{}", recipe("zsh")),
        )
        .expect("zshrc");
        let dot = dot.display().to_string();
        let mut vars = vars.to_vec();
        vars.push(("ZDOTDIR", dot.as_str()));
        let screen = env.terminal("zsh -i", &vars, &[(line, "exit\n")]);
        assert!(screen.contains(line), "{screen}");
    }
    if crate::env::have_shell("fish") {
        let function = env.home().join("fish_right_prompt.fish");
        std::fs::write(&function, recipe("fish")).expect("fish");
        let out = std::process::Command::new("fish")
            .args(["--no-config", "-c"])
            .arg(format!("source {}; fish_right_prompt", function.display()))
            .env_clear()
            .env("HOME", env.home())
            .env("COACHLOG_DIR", env.data())
            .env("COACHLOG_TODAY", crate::env::TODAY)
            .env("COACHLOG_STATUS_BUDGET_MS", "60000")
            .env("PATH", &path)
            .env("LANG", "C.UTF-8")
            .output()
            .expect("fish runs");
        assert_eq!(String::from_utf8_lossy(&out.stdout), format!("{line}\n"));
    }
}

#[test]
fn a_calendar_file_that_is_a_pipe_a_device_or_huge_never_hangs_the_prompt() {
    let env = TestEnv::with_sample();
    let config = env.read("config.toml");
    let fifo = env.home().join("calendar.ics");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo")
            .success()
    );
    let zero = env.home().join("zero.ics");
    std::os::unix::fs::symlink("/dev/zero", &zero).expect("link");
    let stdin = env.home().join("stdin.ics");
    std::os::unix::fs::symlink("/dev/stdin", &stdin).expect("link");
    let huge = env.home().join("huge.ics");
    std::fs::File::create(&huge)
        .expect("create")
        .set_len(300 << 20)
        .expect("sparse 300 MiB");
    for (file, says) in [
        (&fifo, "not a regular file"),
        (&zero, "not a regular file"),
        (&stdin, "not a regular file"),
        (&huge, "more than the 256 MiB read of such a file"),
    ] {
        env.write(
            "config.toml",
            &format!("{config}\n[calendar]\nfile = \"{}\"\n", file.display()),
        );
        for command in ["due", "status"] {
            let started = Instant::now();
            let out = env.command(&[command]).run_within(20);
            assert!(
                started.elapsed() < Duration::from_secs(5),
                "{command} with {}: {:?}",
                file.display(),
                started.elapsed()
            );
            assert_eq!(out.code, 1, "{command}: {}", out.stderr);
            assert!(
                out.stderr.contains("calendar.file") && out.stderr.contains(says),
                "{command}: {}",
                out.stderr
            );
        }
    }
}

#[test]
fn past_its_budget_the_prompt_prints_what_it_has_and_a_planted_line_is_not_printed() {
    let env = TestEnv::with_sample();
    let line = status(&env);
    // A budget no work fits in: the line kept is printed, marked as being worked out, at once.
    let started = Instant::now();
    let out = env.command(&["log", "alex", "30m"]).run().ok();
    let _ = out;
    let out = env
        .command(&["status"])
        .env("COACHLOG_STATUS_BUDGET_MS", "0")
        .run()
        .ok();
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(out.stdout, format!("{} \u{2026}\n", line.trim_end()));
    // The cache is outside the logbook: a line planted in it is never printed.
    let dir = env.home().join(".cache/coachlog/status");
    for entry in std::fs::read_dir(&dir).expect("cache") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            let text = std::fs::read_to_string(&path).expect("read");
            let planted: String = text
                .lines()
                .map(|l| {
                    if l.starts_with("line ") {
                        "line coachlog: \u{1b}]0;owned\u{7}".to_owned()
                    } else {
                        l.to_owned()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n")
                + "\n";
            std::fs::write(&path, planted).expect("plant");
        }
    }
    let out = status(&env);
    assert!(!out.contains('\u{1b}'), "{out:?}");
    assert_eq!(out, expected(&env));
}
