//! Habits of terminal users: quick logging, notes out of the shell's history, editing files,
//! completions, the man page, colour, ASCII, periods and stats.

use serde_json::Value;

use crate::env::{TestEnv, sample_logbook, script};

#[test]
fn log_takes_the_duration_as_its_second_word() {
    let env = TestEnv::with_partners();
    env.run(&["log", "alex", "45m"])
        .ok()
        .stdout_has(&["Logged 45m coaching Alex Kim"]);
    env.run(&["log", "team", "1h30m", "--date", "2026-01-05"])
        .ok()
        .stdout_has(&["Logged 1h 30m coaching Team Leads"]);
    env.run(&["log", "alex", "45m", "--duration", "30m"])
        .usage_error(&["given twice"]);
    env.run(&["log", "alex", "forever"])
        .usage_error(&["'forever' is not a duration"]);
}

#[test]
fn log_without_a_partner_and_a_terminal_prints_the_usage() {
    let env = TestEnv::with_partners();
    let before = env.tree();
    env.run(&["log"]).usage_error(&[
        "which partner?",
        "Usage: coachlog log [OPTIONS] [PARTNER] [DUR]",
    ]);
    assert_eq!(env.tree(), before);
}

#[cfg(target_os = "linux")]
#[test]
fn log_asks_for_the_partner_and_the_duration_on_a_terminal() {
    let env = TestEnv::with_partners();
    let screen = env.on_terminal(
        "log --date 2026-02-02",
        &[
            ("partner", "lead"),
            ("Team Leads", "\r"),
            ("duration", "50m\r"),
        ],
    );
    assert!(
        screen.contains("Logged 50m coaching Team Leads on 2026-02-02"),
        "{screen}"
    );
    // The usual length of the agreement is the default: Enter takes it.
    let screen = env.on_terminal(
        "log --date 2026-02-03",
        &[
            ("partner", "alex"),
            ("Alex Kim", "\r"),
            ("duration [1h]", "\r"),
        ],
    );
    assert!(
        screen.contains("Logged 1h coaching Alex Kim on 2026-02-03"),
        "{screen}"
    );
}

#[test]
fn notes_come_from_standard_input_or_the_editor_and_never_from_the_command_line() {
    let env = TestEnv::with_partners();
    env.command(&["log", "alex", "--notes", "-"])
        .stdin("said more than planned\nsecond line\n")
        .run()
        .ok();
    let editor = script(&env, "editor.sh", "printf 'written in the editor' > \"$1\"");
    let tmp = env.home().join("tmp");
    std::fs::create_dir_all(&tmp).expect("tmp");
    env.command(&["log", "alex", "--edit-notes", "--date", "2026-01-02"])
        .env("EDITOR", &editor)
        .env("TMPDIR", &tmp)
        .run()
        .ok();
    let notes: Vec<String> = env
        .sessions_json(&["--notes"])
        .iter()
        .filter_map(|s| s["notes"].as_str().map(str::to_owned))
        .collect();
    assert!(
        notes.contains(&"said more than planned\nsecond line".to_owned()),
        "{notes:?}"
    );
    assert!(
        notes.contains(&"written in the editor".to_owned()),
        "{notes:?}"
    );
    assert_eq!(
        std::fs::read_dir(&tmp).expect("tmp").count(),
        0,
        "the editor's temp file is removed"
    );
    // VISUAL wins over EDITOR; partner notes work the same way.
    let visual = script(&env, "visual.sh", "printf 'from VISUAL' > \"$1\"");
    env.command(&["partner", "edit", "alex", "--edit-notes"])
        .env("VISUAL", &visual)
        .env("EDITOR", &editor)
        .run()
        .ok();
    env.run(&["partner", "show", "alex"])
        .ok()
        .stdout_has(&["from VISUAL"]);
    env.run(&["log", "alex", "--notes", "x", "--edit-notes"])
        .usage_error(&["cannot be used with"]);
    let failing = script(&env, "fail.sh", "exit 3");
    env.command(&["log", "alex", "--edit-notes"])
        .env("EDITOR", &failing)
        .run()
        .code(1)
        .stderr_has(&["exited with", "nothing was changed"]);
}

#[test]
fn edit_keeps_a_valid_file_and_restores_an_invalid_one() {
    let env = TestEnv::with_partners();
    let id = env.log(&["alex", "--date", "2026-03-01"]);
    let file = env
        .session_files()
        .into_iter()
        .find(|f| f.contains(&id))
        .expect("file");
    let before = env.read(&file);
    let bad = script(
        &env,
        "bad.sh",
        "sed -i 's/minutes = 60/minutes = 0/' \"$1\"",
    );
    let out = env
        .command(&["edit", &id])
        .env("EDITOR", &bad)
        .run()
        .code(1);
    out.stderr_has(&[".toml:4:", "minutes must be", "is unchanged"]);
    assert_eq!(env.read(&file), before, "never left invalid");
    let good = script(
        &env,
        "good.sh",
        "sed -i 's/minutes = 60/minutes = 50/' \"$1\"",
    );
    env.command(&["edit", &id])
        .env("EDITOR", &good)
        .run()
        .ok()
        .stdout_has(&["Saved"]);
    assert!(env.read(&file).contains("minutes = 50\n"));
    let orphan = script(&env, "orphan.sh", "sed -i 's/alex-kim/nobody/' \"$1\"");
    env.command(&["edit", &id])
        .env("EDITOR", &orphan)
        .run()
        .code(1)
        .stderr_has(&["partner: no partner 'nobody'"]);
    let same = script(&env, "same.sh", "true");
    env.command(&["edit", "partner", "alex"])
        .env("EDITOR", &same)
        .run()
        .ok()
        .stdout_has(&["No changes"]);
    let rename = script(
        &env,
        "rename.sh",
        "sed -i 's/Alex Kim/Alexandra Kim/' \"$1\"",
    );
    env.command(&["edit", "partner", "alex"])
        .env("EDITOR", &rename)
        .run()
        .ok();
    env.run(&["partner", "show", "alex"])
        .ok()
        .stdout_has(&["Alexandra Kim"]);
    let config = script(
        &env,
        "config.sh",
        "printf 'training_start = 2025-01-01\\n' > \"$1\"",
    );
    env.command(&["edit", "config"])
        .env("EDITOR", &config)
        .run()
        .ok();
    assert_eq!(env.read("config.toml"), "training_start = 2025-01-01\n");
    env.run(&["edit", "nope42"])
        .usage_error(&["no session 'nope42'"]);
    env.run(&["edit", "partner"])
        .usage_error(&["which partner?"]);
}

#[cfg(target_os = "linux")]
#[test]
fn edit_offers_to_edit_again_or_restore_on_a_terminal() {
    let env = TestEnv::with_partners();
    let id = env.log(&["alex", "--date", "2026-03-01"]);
    let file = env
        .session_files()
        .into_iter()
        .find(|f| f.contains(&id))
        .expect("file");
    // The first save is invalid, the second fixes it.
    let counter = env.home().join("count");
    let editor = script(
        &env,
        "twice.sh",
        &format!(
            "if [ -e {c} ]; then sed -i 's/minutes = 0/minutes = 75/' \"$1\"; else touch {c}; sed -i 's/minutes = 60/minutes = 0/' \"$1\"; fi",
            c = counter.display()
        ),
    );
    let screen = env.on_terminal_with(
        &format!("--color always edit {id}"),
        &[("EDITOR", &editor)],
        &[("(e)dit again or (r)estore", "e\r")],
    );
    assert!(screen.contains("Saved"), "{screen}");
    // The label in red, as a terminal shows it: never its escape written out.
    assert!(
        screen.contains("\u{1b}[31mnot valid:\u{1b}[0m "),
        "{screen:?}"
    );
    assert!(!screen.contains("\\u{1b}"), "{screen:?}");
    assert!(env.read(&file).contains("minutes = 75\n"));
    // Restore leaves the file as it was.
    let bad = script(
        &env,
        "bad.sh",
        "sed -i 's/minutes = 75/minutes = 0/' \"$1\"",
    );
    let before = env.read(&file);
    let screen = env.on_terminal_with(
        &format!("edit {id}"),
        &[("EDITOR", &bad)],
        &[("(e)dit again or (r)estore", "r\r")],
    );
    assert!(screen.contains("is unchanged"), "{screen}");
    assert_eq!(env.read(&file), before);
}

#[test]
fn completions_for_every_shell_and_partner_ids_from_the_logbook() {
    let env = TestEnv::with_partners();
    env.write(
        "supervision/2026-10-02-sam-ortiz-sup123.toml",
        "version = 1\ndate = 2026-10-02\nminutes = 60\nsupervisor = \"Sam Ortiz\"\nformat = \"individual\"\n",
    );
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = env.run(&["completions", shell]).ok();
        assert!(out.stdout.contains("coachlog"), "{shell}: {}", out.stdout);
    }
    let bash = env.run(&["completions", "bash"]).ok().stdout;
    let path = env.home().join("coachlog.bash");
    std::fs::write(&path, &bash).expect("write");
    let status = std::process::Command::new("bash")
        .arg("-n")
        .arg(&path)
        .status()
        .expect("bash runs");
    assert!(status.success(), "bash parses the script");
    // What bash's completion function runs when `coachlog log al<TAB>` is typed.
    let out = env
        .command(&["--", "coachlog", "log", "al"])
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", "2")
        .env("_CLAP_IFS", "\n")
        .run()
        .ok();
    assert_eq!(
        out.stdout.trim(),
        "alex-kim",
        "partner ids come from the logbook"
    );
    let out = env
        .command(&["--", "coachlog", "summ"])
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", "1")
        .env("_CLAP_IFS", "\n")
        .run()
        .ok();
    assert_eq!(out.stdout.trim(), "summary");
    // Every value and partner argument completes, not only `log`'s.
    for (words, index, expected) in [
        (
            &["--", "coachlog", "stats", "--by", ""][..],
            "3",
            "week\nmonth\nquarter\nyear",
        ),
        (
            &["--", "coachlog", "feedback", "--partner", "al"],
            "3",
            "alex-kim",
        ),
        (
            &["--", "coachlog", "log", "alex", "--not-counted", "in"],
            "4",
            "in-class",
        ),
        (
            &["--", "coachlog", "supervision", "remove", "sup"],
            "3",
            "sup123",
        ),
    ] {
        let out = env
            .command(words)
            .env("COMPLETE", "bash")
            .env("_CLAP_COMPLETE_INDEX", index)
            .env("_CLAP_IFS", "\n")
            .run()
            .ok();
        assert_eq!(out.stdout.trim(), expected, "{words:?}");
    }
    env.run(&["stats", "--help"])
        .ok()
        .stdout_has(&["month:", "quarter:", "year:"]);
}

#[test]
fn the_man_page_is_roff() {
    let env = TestEnv::new();
    let out = env.run(&["man"]).ok();
    assert!(out.stdout.contains(".TH coachlog 1"), "{}", out.stdout);
    assert!(out.stdout.contains(".SH NAME") && out.stdout.contains("partner"));
    // One page per command, as git has: `man coachlog-log` shows log's own flags.
    let dir = env.home().join("man1");
    env.run(&["man", "--dir", dir.to_str().expect("utf-8")])
        .ok()
        .stderr_has(&["manual pages"]);
    let log = std::fs::read_to_string(dir.join("coachlog-log.1")).expect("coachlog-log.1");
    assert!(
        log.contains(".TH coachlog-log 1") && log.contains("\\-\\-group\\-size"),
        "{log}"
    );
    assert!(dir.join("coachlog.1").exists() && dir.join("coachlog-partner-add.1").exists());
    // Written again over its own pages.
    env.run(&["man", "--dir", dir.to_str().expect("utf-8")])
        .ok();
}

/// README's recipe for the manual pages, run as written in a home without MANPATH (as a clean
/// container has it): after it, `man` finds `coachlog-log` in the folder it wrote, and the
/// system's own pages still.
#[cfg(target_os = "linux")]
#[test]
fn the_readmes_manual_page_recipe_works_with_a_clean_manpath() {
    if !crate::env::have_program("man") {
        return;
    }
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let at = readme
        .find("coachlog man --dir")
        .expect("the recipe in README.md");
    let block: Vec<&str> = readme[at..]
        .lines()
        .take_while(|l| !l.starts_with("```"))
        .collect();
    assert_eq!(block.len(), 3, "{block:?}");
    assert!(block[2].starts_with("man coachlog-log"), "{block:?}");
    let env = TestEnv::new();
    let run = |script: &str| {
        std::process::Command::new("bash")
            .args(["--noprofile", "--norc", "-c", script])
            .env_clear()
            .env("HOME", env.home())
            .env("PATH", crate::env::shell_path())
            .env("COACHLOG_DIR", env.data())
            .output()
            .expect("bash runs")
    };
    // The first two lines as written; then a new shell reads ~/.bashrc and asks man where.
    let setup = run(&format!("set -e; {}; {}", block[0], block[1]));
    assert!(setup.status.success(), "{setup:?}");
    let found = run("source ~/.bashrc; man -w coachlog-log; man -w man");
    let out = String::from_utf8_lossy(&found.stdout).into_owned();
    assert!(found.status.success(), "{found:?}");
    let page = env.home().join(".local/share/man/man1/coachlog-log.1");
    assert_eq!(
        out.lines().next(),
        Some(page.to_str().expect("utf-8")),
        "{out}"
    );
    assert!(
        out.lines().nth(1).is_some_and(|l| l.starts_with("/usr/")),
        "{out}"
    );
}

#[test]
fn colour_follows_the_flag_then_no_color_then_the_terminal() {
    let env = TestEnv::with_sample();
    let esc = |out: &crate::env::Outcome| out.stdout.contains('\u{1b}');
    assert!(
        !esc(&env.run(&["summary"]).ok()),
        "auto in a pipe: no colour"
    );
    assert!(esc(&env.run(&["summary", "--color", "always"]).ok()));
    assert!(
        esc(&env
            .command(&["summary", "--color", "always"])
            .env("NO_COLOR", "1")
            .run()
            .ok()),
        "the flag wins"
    );
    assert!(!esc(&env.run(&["mix", "--color", "never"]).ok()));
    let err = env.run(&["log", "zebra", "--color", "always"]);
    assert!(
        err.stderr.starts_with("\u{1b}[31merror:"),
        "{:?}",
        err.stderr
    );
    #[cfg(target_os = "linux")]
    {
        let screen = env.on_terminal("check --strict", &[]);
        assert!(
            screen.contains("\u{1b}[33mwarning:"),
            "auto on a terminal colours: {screen:?}"
        );
    }
}

#[test]
fn ascii_replaces_every_drawing_character() {
    let env = TestEnv::with_sample();
    for args in [
        &["summary", "--ascii"][..],
        &["mix", "--ascii"],
        &["stats", "--ascii"],
        &["feedback", "--ascii"],
    ] {
        let out = env.run(args).ok();
        assert!(out.stdout.is_ascii(), "{args:?}:\n{}", out.stdout);
        assert!(out.stdout.contains('#'), "{args:?} still draws bars");
    }
    let out = env.command(&["summary"]).env("LANG", "C").run().ok();
    assert!(
        out.stdout.is_ascii(),
        "a locale that is not UTF-8 means ASCII"
    );
    let out = env
        .command(&["summary"])
        .env("LANG", "en_GB.UTF-8")
        .run()
        .ok();
    assert!(out.stdout.contains('█'));
}

#[test]
fn periods_work_wherever_dates_are_filtered() {
    let env = TestEnv::with_sample();
    let dates = |args: &[&str]| -> Vec<String> {
        env.sessions_json(args)
            .iter()
            .filter_map(|s| s["date"].as_str().map(str::to_owned))
            .collect()
    };
    let march = dates(&["--from", "2026-03", "--to", "2026-03"]);
    assert!(
        !march.is_empty() && march.iter().all(|d| d.starts_with("2026-03")),
        "{march:?}"
    );
    let q1 = dates(&["--from", "2026-Q1", "--to", "2026-Q1"]);
    assert!(
        q1.iter()
            .all(|d| ("2026-01-01".."2026-04-01").contains(&d.as_str())),
        "{q1:?}"
    );
    assert!(q1.len() > march.len());
    let year = dates(&["--from", "2025", "--to", "2025"]);
    assert!(year.iter().all(|d| d.starts_with("2025")) && year.len() > 10);
    let csv = env
        .run(&["export", "sessions", "--to", "2025-02"])
        .ok()
        .stdout;
    assert!(
        csv.lines().skip(1).all(|l| l < "2025-03"),
        "--to 2025-02 is through 28 February"
    );
    let json: Value = serde_json::from_str(
        &env.run(&["summary", "--as-of", "2025-12", "--json"])
            .ok()
            .stdout,
    )
    .expect("json");
    assert_eq!(json["as_of"], "2025-12-31");
    env.run(&["sessions", "--from", "2026-Q5"])
        .usage_error(&["Q1 to Q4"]);
    env.run(&["sessions", "--from", "next-month"])
        .usage_error(&["this-month", "last-18-months"]);
    // Relative periods resolve against today.
    let today = crate::env::today();
    let recent = dates(&["--from", "last-18-months"]);
    let limit = today
        .checked_sub_months(chrono::Months::new(18))
        .expect("date")
        .to_string();
    assert!(recent.iter().all(|d| d.as_str() >= limit.as_str()));
}

#[test]
fn stats_shows_the_rhythm_of_practice() {
    let env = TestEnv::new();
    let sample = sample_logbook();
    let dir = sample.to_str().expect("utf-8");
    let out = env
        .run(&[
            "--data-dir",
            dir,
            "stats",
            "--from",
            "2025-07",
            "--to",
            "2025-09",
        ])
        .ok();
    let rows: Vec<Vec<&str>> = out
        .stdout
        .lines()
        .skip(2)
        .take(3)
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(rows[0][..5], ["2025-07", "2", "1.00", "0.75", "1.75"]);
    assert_eq!(
        rows[1][..5],
        ["2025-08", "0", "0.00", "0.00", "0.00"],
        "an empty month is shown"
    );
    assert_eq!(rows[2][..2], ["2025-09", "5"]);
    let json: Vec<Value> = serde_json::from_str(
        &env.run(&["--data-dir", dir, "stats", "--by", "year", "--json"])
            .ok()
            .stdout,
    )
    .expect("json");
    let periods: Vec<&str> = json.iter().filter_map(|b| b["period"].as_str()).collect();
    assert_eq!(periods, ["2024", "2025", "2026"]);
    let total: f64 = json.iter().filter_map(|b| b["hours"].as_f64()).sum();
    assert!(
        (total - 45.92).abs() < 0.02,
        "the years add up to summary's coaching hours: {total}"
    );
    assert_eq!(json[1]["from"], "2025-01-01");
    let quarters: Vec<Value> = serde_json::from_str(
        &env.run(&[
            "--data-dir",
            dir,
            "stats",
            "--by",
            "quarter",
            "--json",
            "--from",
            "2025-Q3",
            "--to",
            "2025-Q4",
        ])
        .ok()
        .stdout,
    )
    .expect("json");
    assert_eq!(quarters.len(), 2);
    assert_eq!(quarters[0]["period"], "2025-Q3");
}

#[test]
fn edit_opens_the_other_records_and_keeps_only_a_valid_file() {
    let env = TestEnv::new();
    let out = env
        .run(&[
            "mentoring",
            "log",
            "Dana Reyes",
            "1h",
            "--credential",
            "PCC",
            "--date",
            "2026-10-02",
        ])
        .ok();
    let id = out
        .stdout
        .trim_end()
        .rsplit('[')
        .next()
        .expect("id")
        .trim_end_matches(']')
        .to_owned();
    let file = env
        .tree()
        .into_keys()
        .find(|k| k.starts_with("mentoring/"))
        .expect("file");
    let before = env.read(&file);
    let bad = script(&env, "bad.sh", "sed -i 's/PCC/BCC/' \"$1\"");
    env.command(&["edit", "mentoring", &id])
        .env("EDITOR", &bad)
        .run()
        .code(1)
        .stderr_has(&["line 5", "not a valid mentor coaching file", "is unchanged"]);
    assert_eq!(env.read(&file), before, "never left invalid");
    let good = script(&env, "good.sh", "sed -i 's/PCC/MCC/' \"$1\"");
    env.command(&["edit", "mentoring", &id])
        .env("EDITOR", &good)
        .run()
        .ok()
        .stdout_has(&["Saved"]);
    assert!(env.read(&file).contains("credential = \"MCC\"\n"));
    env.run(&["edit", "mentoring"])
        .code(2)
        .stderr_has(&["which mentor coaching? coachlog edit mentoring ID"]);
    env.run(&["edit", "cpd", "zzz"])
        .code(1)
        .stderr_has(&["no continuing education has the id 'zzz'"]);
}

#[cfg(target_os = "linux")]
#[test]
fn the_partner_picker_cancels_on_escape_and_an_empty_logbook_says_what_to_do() {
    let env = TestEnv::with_partners();
    let before = env.tree();
    let screen = env.on_terminal("log", &[("Esc to cancel", "\u{1b}")]);
    assert!(screen.contains("Nothing logged."), "{screen}");
    assert_eq!(env.tree(), before, "nothing written");
    // A filter that matches nothing says so and how to go on; Backspace widens it again.
    let screen = env.on_terminal(
        "log",
        &[
            // One key at a time, each once the picker has drawn the one before.
            ("Esc to cancel): ", "z"),
            ("cancel): z", "z"),
            ("cancel): zz", "z"),
            (
                "no partner matches 'zzz': Backspace to change it, Esc to cancel",
                "\u{7f}",
            ),
            ("cancel): zz", "\u{7f}"),
            ("cancel): z", "\u{7f}"),
            ("cancel): ", "a"),
            ("cancel): a", "l"),
            ("cancel): al", "\u{1b}"),
        ],
    );
    assert!(screen.contains("Nothing logged."), "{screen}");
    assert_eq!(env.tree(), before, "nothing written");
    let empty = TestEnv::new();
    std::fs::create_dir_all(empty.data()).expect("an empty logbook");
    let screen = empty.on_terminal("log", &[]);
    assert!(
        screen.contains("this logbook has no partners yet: add one with `coachlog partner add")
            && !screen.contains("no partner ''"),
        "{screen}"
    );
}

/// At 60 columns the picker's "no match" line is wider than the terminal: each line is cut to
/// the width, so that every redraw clears what the one before drew, and the screen a terminal
/// shows at the end holds no stale line.
#[cfg(target_os = "linux")]
#[test]
fn the_partner_picker_leaves_no_stale_line_at_60_columns() {
    let env = TestEnv::with_partners();
    let binary = env!("CARGO_BIN_EXE_coachlog");
    let raw = env.terminal(
        &format!("stty cols 60 rows 24; {binary} log"),
        &[],
        &[
            ("Esc to cancel): ", "z"),
            ("cancel): z", "z"),
            ("cancel): zz", "z"),
            ("no partner matches 'zzz'", "\u{7f}"),
            ("cancel): zz", "\u{7f}"),
            ("cancel): z", "\u{7f}"),
            ("cancel): ", "\u{1b}"),
        ],
    );
    let size = |n: u16| std::num::NonZeroU16::new(n).expect("a size");
    let mut terminal = vt100::Parser::new(size(24), size(60), 0);
    terminal.process(raw.as_bytes());
    let screen = terminal.screen().contents();
    assert!(screen.contains("Nothing logged."), "{screen}");
    assert!(
        !screen.contains("no partner matches") && !screen.contains("Esc to cancel"),
        "the picker's lines are all cleared:\n{screen}"
    );
}

#[test]
fn a_partner_is_found_by_any_word_of_the_id_or_the_name() {
    let env = TestEnv::new();
    for (name, extra) in [
        ("Northwind Team Leads", &["--group-size", "6"][..]),
        ("Zoe Nair", &[][..]),
        ("Sara Haddad", &["--id", "sara"][..]),
        ("Tuesday Group", &["--group-size", "4"][..]),
    ] {
        let mut args = vec!["partner", "add", name, "--client-type", "non-coach"];
        args.extend_from_slice(extra);
        env.run(&args).ok();
    }
    for (query, who) in [
        ("team", "Northwind Team Leads"),
        ("team-leads", "Northwind Team Leads"),
        ("nair", "Zoe Nair"),
        ("haddad", "Sara Haddad"),
        ("group", "Tuesday Group"),
    ] {
        env.run(&["log", query, "30m", "--date", "2026-02-02"])
            .ok()
            .stdout_has(&[&format!("coaching {who}")]);
    }
    // A typo still gets its suggestion; several matches are listed.
    env.run(&["log", "nari", "30m"])
        .usage_error(&["did you mean 'zoe-nair'?"]);
}

#[cfg(target_os = "linux")]
#[test]
fn tables_fit_an_80_column_terminal_without_breaking_an_id_a_date_or_a_word() {
    let env = TestEnv::with_sample();
    for (args, whole) in [
        (
            "partner list",
            &["northwind-team-leads", "jordan-ellis", "non-coach"][..],
        ),
        ("sessions", &["2026-11-15", "2pda8v", "client"]),
        ("summary", &["2026-12-08", "one-to-one"]),
        ("feedback --partner alex", &["2024-12-08", "Relationship"]),
    ] {
        for columns in [80, 120] {
            let screen = env.screen_at(columns, args);
            for line in screen.lines() {
                assert!(
                    line.chars().count() <= columns,
                    "`{args}` at {columns} columns, a line of {}:\n{screen}",
                    line.chars().count()
                );
            }
            for word in whole {
                assert!(
                    screen.contains(word),
                    "{word:?} whole in `{args}`:\n{screen}"
                );
            }
        }
    }
    // The partner list names what it left out; a wide terminal leaves nothing out.
    assert!(
        env.screen_at(80, "partner list")
            .contains("Left out to fit 80 columns: Arrangement")
    );
    assert!(!env.screen_at(200, "partner list").contains("Left out"));
}

#[test]
fn edit_moves_a_session_whose_date_changed_and_names_the_partner_meant() {
    let env = TestEnv::with_partners();
    let id = env.log(&["alex", "--date", "2026-03-01"]);
    let old = format!("sessions/2026/2026-03-01-alex-kim-{id}.toml");
    assert!(env.data().join(&old).is_file());
    let typo = script(
        &env,
        "typo.sh",
        "sed -i 's/partner = \"alex-kim\"/partner = \"alex-kin\"/' \"$1\"",
    );
    let before = env.tree();
    env.command(&["edit", &id])
        .env("EDITOR", &typo)
        .run()
        .code(1)
        .stderr_has(&["partner: no partner 'alex-kin'; did you mean 'alex-kim'?"]);
    assert_eq!(env.tree(), before, "nothing written");
    let redate = script(
        &env,
        "redate.sh",
        "sed -i 's/date = 2026-03-01/date = 2025-12-30/' \"$1\"",
    );
    let out = env
        .command(&["edit", &id])
        .env("EDITOR", &redate)
        .run()
        .ok();
    let new = format!("sessions/2025/2025-12-30-alex-kim-{id}.toml");
    out.stdout_has(&[&new, "moved from"]);
    assert!(env.data().join(&new).is_file(), "under its new date's name");
    assert!(!env.data().join(&old).exists(), "and not under the old one");
    let listed = env.sessions_json(&[]);
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["date"], "2025-12-30");
    assert_eq!(listed[0]["id"], id.as_str());
    env.run(&["check"]).ok();
}

#[test]
fn version_names_the_commit_it_was_built_from() {
    let out = TestEnv::new().run(&["--version"]).ok();
    let version = env!("CARGO_PKG_VERSION");
    let head = std::process::Command::new("git")
        .args([
            "-C",
            env!("CARGO_MANIFEST_DIR"),
            "rev-parse",
            "--short=12",
            "HEAD",
        ])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned());
    match head {
        Some(commit) => assert_eq!(
            out.stdout,
            format!("coachlog {version} (commit {commit})\n")
        ),
        None => assert_eq!(out.stdout, format!("coachlog {version}\n")),
    }
}

/// zsh completes a partner's id from `_coachlog` in its fpath, as the Debian package installs it
/// (`/usr/share/zsh/vendor-completions`): the file zsh autoloads completes the first time too.
#[cfg(target_os = "linux")]
#[test]
fn zsh_completes_a_partner_id_from_the_completion_file_in_its_fpath() {
    if !crate::env::have_shell("zsh") {
        return;
    }
    let env = TestEnv::with_partners();
    let functions = env.home().join("zsh-functions");
    std::fs::create_dir_all(&functions).expect("dir");
    let script = env.run(&["completions", "zsh"]).ok().stdout;
    std::fs::write(functions.join("_coachlog"), script).expect("_coachlog");
    let dot = env.home().join("zdot");
    std::fs::create_dir_all(&dot).expect("dir");
    std::fs::write(
        dot.join(".zshrc"),
        format!(
            "fpath=({} $fpath)\nautoload -U compinit\ncompinit -u\nunsetopt prompt_sp\nPROMPT='ready> '\n",
            functions.display()
        ),
    )
    .expect("zshrc");
    let path = crate::env::shell_path();
    let dot = dot.display().to_string();
    let screen = env.terminal(
        "zsh -i",
        &[
            ("PATH", path.as_str()),
            ("TERM", "xterm"),
            ("ZDOTDIR", dot.as_str()),
        ],
        // Each line once zsh's line editor shows its prompt (not the mark of an unfinished line);
        // the completed line is run (a Ctrl-C while the completion ends could be lost).
        &[
            ("ready> ", "coachlog log al\t"),
            ("alex-kim", "\n"),
            ("ready> ", "exit\n"),
        ],
    );
    assert!(screen.contains("coachlog log alex-kim"), "{screen}");
    assert_eq!(
        env.session_files().len(),
        1,
        "the completed line ran: {screen}"
    );
}
