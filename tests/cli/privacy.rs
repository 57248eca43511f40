//! Encrypted notes and forgetting a client: with `encrypt_notes` on, a client's words are in no
//! file of the logbook and no commit of its history; every figure reads without the key; a
//! forgotten client's text cannot be read from any old commit; a key moves to a second device.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::env::{Outcome, TestEnv, git_in as git, run_with_git as run};

/// Every file under `dir`, as bytes read as text (`grep -r`).
fn everything_in(dir: &Path) -> String {
    let mut all = String::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                all.push_str(&String::from_utf8_lossy(
                    &std::fs::read(&path).expect("read"),
                ));
            }
        }
    }
    all
}

/// The coach's keys folder on this device (outside the logbook).
fn key_dir(env: &TestEnv) -> PathBuf {
    env.home().join(".config/coachlog/keys")
}

/// Hides the coach's key, as on a device without it; `restore` puts it back.
struct Away(PathBuf, PathBuf);

impl Away {
    fn key_of(env: &TestEnv) -> Away {
        let dir = key_dir(env);
        let away = env.home().join("key-away");
        std::fs::rename(&dir, &away).expect("move the key away");
        Away(dir, away)
    }

    fn restore(self) {
        std::fs::rename(&self.1, &self.0).expect("put the key back");
    }
}

/// A logbook kept in git with two clients with notes, an experiment, a contact and an agreement,
/// every phrase starting with "PLANTED".
fn planted() -> TestEnv {
    let env = TestEnv::with_partners();
    run(&env, &["git", "init"]).ok();
    run(&env, &["keys", "init"]).ok();
    run(
        &env,
        &[
            "partner",
            "edit",
            "alex",
            "--contact",
            "PLANTED contact +49 30 1234",
        ],
    )
    .ok();
    run(
        &env,
        &["partner", "agree", "alex", "--platform", "PLANTED platform"],
    )
    .ok();
    run(
        &env,
        &[
            "log",
            "alex",
            "--date",
            "2026-11-20",
            "--notes",
            "PLANTED note: thinks of leaving her job",
            "--scores",
            "9,9,9,9",
            "--experiment",
            "PLANTED experiment: more silence",
        ],
    )
    .ok();
    run(
        &env,
        &[
            "log",
            "team",
            "2h",
            "--date",
            "2026-11-21",
            "--notes",
            "PLANTED team note",
        ],
    )
    .ok();
    env
}

#[test]
fn with_encryption_on_no_planted_phrase_is_in_the_logbook_or_its_history_and_all_reads_back() {
    let env = planted();
    assert!(
        !everything_in(&env.data()).contains("PLANTED"),
        "grep -r finds nothing"
    );
    let history = git(&env.data(), &["log", "-p", "--all"]);
    assert!(history.contains("age:YWdl"), "the history holds ciphertext");
    assert!(!history.contains("PLANTED"), "git log -p finds nothing");

    // With the key, every text reads as written.
    run(&env, &["sessions", "--notes"]).ok().stdout_has(&[
        "PLANTED note: thinks of leaving her job",
        "PLANTED team note",
    ]);
    run(&env, &["partner", "show", "alex"])
        .ok()
        .stdout_has(&["PLANTED contact +49 30 1234", "PLANTED platform"]);
    run(&env, &["feedback", "--partner", "alex"])
        .ok()
        .stdout_has(&["PLANTED experiment: more silence"]);
    run(&env, &["export", "sessions", "--include-notes"])
        .ok()
        .stdout_has(&["PLANTED note: thinks of leaving her job"]);
}

#[test]
fn every_figure_export_and_check_reads_the_same_without_the_key() {
    let env = planted();
    let same = [
        vec!["summary", "--json"],
        vec!["summary"],
        vec!["sessions", "--json"],
        vec!["mix", "--json"],
        vec!["export", "icf"],
        vec!["export", "sessions"],
        vec!["export", "emcc"],
        vec!["check"],
        vec!["due", "--json"],
    ];
    let with_key: Vec<Outcome> = same.iter().map(|args| run(&env, args).ok()).collect();
    let away = Away::key_of(&env);
    for (args, before) in same.iter().zip(&with_key) {
        let after = run(&env, args).ok();
        assert_eq!(after.stdout, before.stdout, "coachlog {}", args.join(" "));
    }
    // What needs the key says so, and loses nothing.
    let tree = env.tree();
    run(&env, &["sessions", "--notes"])
        .ok()
        .stdout_has(&["[encrypted: not opened here, as the warning says]"])
        .stderr_has(&[
            "notes are encrypted; the key is not on this device",
            "coachlog keys import",
        ]);
    run(&env, &["export", "sessions", "--include-notes"])
        .code(1)
        .stderr_has(&["notes are encrypted; the key is not on this device"]);
    run(&env, &["keys", "export"])
        .code(1)
        .stderr_has(&["the key is not on this device"]);
    // A count edited by hand, without the key: the encrypted note stays as it was.
    run(
        &env,
        &[
            "log",
            "alex",
            "30m",
            "--date",
            "2026-11-22",
            "--notes",
            "PLANTED later",
        ],
    )
    .ok();
    let added: Vec<String> = env
        .tree()
        .into_keys()
        .filter(|k| !tree.contains_key(k) && !k.starts_with(".git"))
        .collect();
    assert_eq!(added.len(), 1, "one session added: {added:?}");
    assert!(
        !env.read(&added[0]).contains("PLANTED"),
        "sealed to the partner's key, without the coach's"
    );
    away.restore();
    run(&env, &["sessions", "--notes", "--partner", "alex"])
        .ok()
        .stdout_has(&["PLANTED later", "PLANTED note: thinks of leaving her job"]);
}

#[test]
fn turning_encryption_on_and_off_rewrites_the_text_in_one_commit_each() {
    let env = TestEnv::with_partners();
    run(&env, &["git", "init"]).ok();
    run(&env, &["log", "alex", "--notes", "PLANTED before"]).ok();
    let out = run(&env, &["config", "set", "encrypt_notes", "true"]).ok();
    out.stdout_has(&["Notes are encrypted: 0 partner files and 1 session file rewritten."]);
    assert!(!everything_in(&env.data()).contains("PLANTED"));
    let last = git(&env.data(), &["log", "-1", "--format=%s", "--name-only"]);
    assert!(
        last.starts_with("encrypt notes (0 partner files and 1 session file)"),
        "{last}"
    );
    run(&env, &["keys", "show"])
        .ok()
        .stdout_has(&["Notes are encrypted", "This device has the key"]);

    run(&env, &["config", "set", "encrypt_notes", "false"])
        .ok()
        .stdout_has(&[
            "Notes are no longer encrypted: 0 partner files and 1 session file rewritten.",
        ]);
    assert!(everything_in(&env.data().join("sessions")).contains("PLANTED before"));
    let last = git(&env.data(), &["log", "-1", "--format=%s"]);
    assert!(last.starts_with("decrypt notes"), "{last}");
    // Turned off without the key: refused, nothing written.
    run(&env, &["config", "set", "encrypt_notes", "true"]).ok();
    let away = Away::key_of(&env);
    let tree = env.tree();
    run(&env, &["config", "set", "encrypt_notes", "false"])
        .code(1)
        .stderr_has(&["the key is not on this device"]);
    assert_eq!(env.tree(), tree);
    away.restore();
}

#[test]
fn a_forgotten_client_s_text_cannot_be_read_from_any_old_commit_and_the_others_still_can() {
    let env = planted();
    let summary = run(&env, &["summary", "--json"]).ok().stdout;
    let before = git(&env.data(), &["rev-parse", "HEAD"]).trim().to_owned();
    let alex_session = env
        .session_files()
        .into_iter()
        .find(|f| f.contains("alex-kim"))
        .expect("Alex's session");

    let out = run(&env, &["partner", "forget", "alex", "--yes"]).ok();
    out.stdout_has(&[
        "Forgot Alex Kim: alex-kim is now \"Client 01\"",
        "1 session kept with their hours",
        "Their key is destroyed, and the logbook's key replaced",
    ]);
    assert_eq!(
        run(&env, &["summary", "--json"]).ok().stdout,
        summary,
        "the same figures"
    );
    run(&env, &["partner", "show", "alex"])
        .ok()
        .stdout_has(&["Client 01"]);
    assert!(
        !env.read("partners/alex-kim.toml").contains("age:"),
        "no contact or notes left"
    );
    assert!(!env.data().join("keys/alex-kim.toml").exists());

    // Alex's files as the commit before held them, put back: unreadable with the key there is now.
    for file in [
        "keys/alex-kim.toml",
        "partners/alex-kim.toml",
        alex_session.as_str(),
    ] {
        let old = git(&env.data(), &["show", &format!("{before}:{file}")]);
        std::fs::write(env.data().join(file), old).expect("write the old file");
    }
    let out = run(&env, &["sessions", "--notes"]).ok();
    assert!(!out.stdout.contains("PLANTED note"), "{}", out.stdout);
    assert!(
        out.stdout.contains("PLANTED team note"),
        "the others' text still reads"
    );
    out.stderr_has(&["encrypted text cannot be read"]);
    let show = run(&env, &["partner", "show", "alex"]).ok();
    assert!(!show.stdout.contains("PLANTED"), "{}", show.stdout);
    // Without even the old key file, `check` says the old text can never be read again.
    std::fs::remove_file(env.data().join("keys/alex-kim.toml")).expect("remove");
    let out = run(&env, &["check"]).ok();
    let all = format!("{}{}", out.stdout, out.stderr);
    assert!(
        all.contains("holds encrypted text of 'alex-kim' whose key"),
        "{all}"
    );
    // The old key of the coach is gone from this device too.
    let keys: Vec<_> = std::fs::read_dir(key_dir(&env)).expect("keys").collect();
    assert_eq!(keys.len(), 1, "only the new key");
}

#[test]
fn forgetting_without_encryption_says_what_the_history_keeps() {
    let env = TestEnv::with_partners();
    run(&env, &["git", "init"]).ok();
    run(
        &env,
        &["partner", "edit", "alex", "--contact", "PLANTED contact"],
    )
    .ok();
    run(&env, &["log", "alex", "--notes", "PLANTED note"]).ok();
    let summary = run(&env, &["summary", "--json"]).ok().stdout;
    let out = run(&env, &["partner", "forget", "alex", "--yes"]).ok();
    out.stderr_has(&[
        "the git history (and any remote) still holds Alex Kim's",
        "git filter-repo",
    ]);
    assert!(!everything_in(&env.data().join("partners")).contains("PLANTED"));
    assert!(!everything_in(&env.data().join("sessions")).contains("PLANTED"));
    assert_eq!(run(&env, &["summary", "--json"]).ok().stdout, summary);
    // Without --yes and no terminal: refused, nothing written.
    let tree = env.tree();
    run(&env, &["partner", "forget", "team"])
        .code(2)
        .stderr_has(&["needs confirmation", "--yes"]);
    assert_eq!(env.tree(), tree);
}

#[test]
fn a_key_exported_on_one_device_reads_the_notes_on_a_second_and_a_wrong_key_is_refused() {
    let remote = tempfile::tempdir().expect("remote");
    let url = remote.path().to_str().expect("utf-8").to_owned();
    git(
        remote.path(),
        &["init", "--bare", "--quiet", "--initial-branch=main"],
    );
    let laptop = planted();
    run(&laptop, &["git", "branch", "-M", "main"]).ok();
    run(&laptop, &["git", "remote", "add", "origin", &url]).ok();
    run(&laptop, &["git", "push", "--quiet", "-u", "origin", "main"]).ok();
    let work = TestEnv::new();
    let status = Command::new("git")
        .args(["clone", "--quiet", &url])
        .arg(work.data())
        .status()
        .expect("git clone");
    assert!(status.success());

    // The second device has the logbook but not the key.
    run(&work, &["sessions", "--notes"])
        .ok()
        .stderr_has(&["the key is not on this device", "coachlog keys import"]);
    run(&work, &["keys", "show"])
        .ok()
        .stdout_has(&["This device does not have the key"]);

    // A wrong key is refused, naming both keys.
    let stranger = TestEnv::with_partners();
    run(&stranger, &["keys", "init"]).ok();
    let wrong = work.home().join("wrong-key.txt");
    run(
        &stranger,
        &["keys", "export", "--output", wrong.to_str().expect("utf-8")],
    )
    .ok();
    run(&work, &["keys", "import", wrong.to_str().expect("utf-8")])
        .code(2)
        .stderr_has(&[
            "this is not the logbook's key",
            "the logbook's notes are encrypted to age1",
        ]);
    std::fs::write(&wrong, "hello").expect("write");
    run(&work, &["keys", "import", wrong.to_str().expect("utf-8")])
        .code(2)
        .stderr_has(&["'hello…' is not a key", "AGE-SECRET-KEY-1"]);

    // The right one, moved in a file: the notes read there.
    let moved = work.home().join("coachlog-key.txt");
    let path = moved.to_str().expect("utf-8");
    run(&laptop, &["keys", "export", "--output", path])
        .ok()
        .stdout_has(&["Wrote the key to"]);
    run(&laptop, &["keys", "export", "--output", path])
        .code(2)
        .stderr_has(&["already exists"]);
    run(&work, &["keys", "import", path])
        .ok()
        .stdout_has(&["this device reads the notes"]);
    run(&work, &["sessions", "--notes"])
        .ok()
        .stdout_has(&["PLANTED note: thinks of leaving her job"]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for entry in std::fs::read_dir(key_dir(&work)).expect("keys") {
            let mode = entry
                .expect("key")
                .metadata()
                .expect("meta")
                .permissions()
                .mode();
            assert_eq!(mode & 0o077, 0, "the key is owner-only");
        }
    }
}

#[test]
fn edit_shows_the_text_plain_and_writes_it_back_encrypted() {
    let env = planted();
    let file = env
        .session_files()
        .into_iter()
        .find(|f| f.contains("alex-kim"))
        .expect("Alex's session");
    let experiment = |text: &str| {
        text.lines()
            .find(|l| l.starts_with("experiment = "))
            .map(str::to_owned)
    };
    let sealed_experiment = experiment(&env.read(&file));
    assert!(
        sealed_experiment
            .as_deref()
            .is_some_and(|l| l.contains("age:"))
    );
    // The editor sees the note as written (sed finds it), and changes it.
    let edit = crate::env::script(
        &env,
        "editor.sh",
        "sed -i 's/PLANTED note: thinks/PLANTED note: wonders/' \"$1\"",
    );
    let id = file
        .rsplit('-')
        .next()
        .expect("id")
        .trim_end_matches(".toml")
        .to_owned();
    env.command(&["edit", &id])
        .env("EDITOR", &edit)
        .run()
        .ok()
        .stdout_has(&["Saved"]);
    let text = env.read(&file);
    assert!(!text.contains("PLANTED"), "written back encrypted: {text}");
    assert_eq!(
        experiment(&text),
        sealed_experiment,
        "the unchanged text keeps its ciphertext"
    );
    run(&env, &["sessions", "--notes", "--partner", "alex"])
        .ok()
        .stdout_has(&["PLANTED note: wonders"]);
    // Without the key the editor shows the ciphertext, and a count changed by hand keeps it.
    let away = Away::key_of(&env);
    let edit = crate::env::script(
        &env,
        "editor.sh",
        "sed -i 's/^minutes = 60/minutes = 75/' \"$1\"",
    );
    env.command(&["edit", &id])
        .env("EDITOR", &edit)
        .run()
        .ok()
        .stderr_has(&["the encrypted text shows as age:"]);
    away.restore();
    run(&env, &["sessions", "--notes", "--partner", "alex"])
        .ok()
        .stdout_has(&["1.25", "PLANTED note: wonders"]);
}

#[test]
fn a_backup_of_an_encrypted_logbook_restores_its_notes_where_the_key_is_and_nowhere_else() {
    let env = planted();
    let backup = env.home().join("backup.json");
    let path = backup.to_str().expect("utf-8");
    run(&env, &["export", "json", "--output", path]).ok();
    let text = std::fs::read_to_string(&backup).expect("backup");
    assert!(
        !text.contains("PLANTED"),
        "the backup holds ciphertext only"
    );
    assert!(text.contains("\"keys\""), "and the partners' keys, sealed");

    // Restored into an empty folder on this device: the notes read.
    let restored = env.home().join("restored");
    let restored = restored.to_str().expect("utf-8");
    run(&env, &["--data-dir", restored, "import", path])
        .ok()
        .stdout_has(&["Restored 2 partners, 2 sessions"]);
    run(&env, &["--data-dir", restored, "sessions", "--notes"])
        .ok()
        .stdout_has(&["PLANTED note: thinks of leaving her job"]);

    // Into a logbook with a key of its own: refused, nothing written.
    let other = TestEnv::new();
    run(
        &other,
        &["partner", "add", "Sam Lee", "--client-type", "peer"],
    )
    .ok();
    run(&other, &["keys", "init"]).ok();
    let tree = other.tree();
    run(&other, &["import", path]).code(2).stderr_has(&[
        "the backup's notes are encrypted to the key age1",
        "this logbook's to age1",
    ]);
    assert_eq!(other.tree(), tree);

    // After the client is forgotten, the backup made before holds nothing readable of theirs.
    run(&env, &["partner", "forget", "alex", "--yes"]).ok();
    let again = env.home().join("again");
    let again = again.to_str().expect("utf-8");
    run(&env, &["--data-dir", again, "import", path]).ok();
    let out = run(&env, &["--data-dir", again, "sessions", "--notes"]).ok();
    assert!(!out.stdout.contains("PLANTED"), "{}", out.stdout);
    out.stderr_has(&["the key is not on this device"]);
}

#[test]
fn check_names_text_written_plain_in_an_encrypted_logbook_and_the_command_seals_it() {
    let env = planted();
    let file = env
        .session_files()
        .into_iter()
        .find(|f| f.contains("team-leads"))
        .expect("the team's session");
    // A hand edit puts a note in plain text.
    let text = env.read(&file);
    let notes = text
        .lines()
        .find(|l| l.starts_with("notes = "))
        .expect("notes")
        .to_owned();
    env.write(&file, &text.replace(&notes, "notes = \"PLANTED by hand\""));
    let out = run(&env, &["check"]).ok();
    let all = format!("{}{}", out.stdout, out.stderr);
    assert!(
        all.contains("in plain text, though encrypt_notes is on")
            && all.contains("`coachlog config set encrypt_notes true` encrypts them"),
        "{all}"
    );
    run(&env, &["config", "set", "encrypt_notes", "true"])
        .ok()
        .stdout_has(&["1 session file rewritten"]);
    assert!(!env.read(&file).contains("PLANTED"));
    let out = run(&env, &["check"]).ok();
    assert!(!format!("{}{}", out.stdout, out.stderr).contains("plain text"));
}

#[test]
fn forgetting_removes_the_consent_form_and_says_exactly_what_the_history_keeps() {
    // Notes written in plain, then encryption turned on: the old commits keep the plain text.
    let env = TestEnv::with_partners();
    run(&env, &["git", "init"]).ok();
    run(&env, &["log", "alex", "--notes", "PLANTED plain note"]).ok();
    let form = env.home().join("consent-alex.pdf");
    std::fs::write(&form, "Alex Kim consents, alex@example.org").expect("write");
    run(
        &env,
        &[
            "attach",
            "partner:alex-kim",
            form.to_str().expect("utf-8"),
            "--kind",
            "consent",
        ],
    )
    .ok();
    run(&env, &["keys", "init"]).ok();
    let out = run(&env, &["partner", "forget", "alex", "--yes"]).ok();
    out.stdout_has(&[
        "Removed 1 evidence file they were named in",
        "no encrypted copy of their text",
    ]);
    out.stderr_has(&[
        "still holds Alex Kim's name and id in",
        "and their contact or notes in plain text (committed before encryption was turned on: \
         those copies stay readable)",
        "git filter-repo",
    ]);
    assert!(
        !everything_in(&env.data()).contains("alex@example.org"),
        "the consent form is gone from the logbook"
    );
    run(&env, &["check"]).ok();
    run(&env, &["evidence"]).ok();

    // Encrypted from the start: no plain copy anywhere, but the name stays in the history.
    let env = planted();
    let out = run(&env, &["partner", "forget", "alex", "--yes"]).ok();
    out.stderr_has(&["still holds Alex Kim's name and id in"]);
    assert!(!out.stderr.contains("plain text"), "{}", out.stderr);
}

#[test]
fn a_key_others_can_read_is_not_used_damaged_text_is_named_and_the_key_prints_with_a_dash() {
    let env = planted();
    // `--output -` prints the key: no file named `-`.
    let out = run(&env, &["keys", "export", "--output", "-"]).ok();
    assert!(out.stdout.contains("AGE-SECRET-KEY-1"), "{}", out.stdout);
    assert!(!env.home().join("-").exists());
    // A key file others can read is not used until it is owner-only again.
    let key = std::fs::read_dir(key_dir(&env))
        .expect("keys")
        .next()
        .expect("a key")
        .expect("entry")
        .path();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let out = run(&env, &["sessions", "--notes"]).ok();
    out.stderr_has(&["can be read by others (mode 644)", "chmod 600"]);
    assert!(!out.stdout.contains("PLANTED"), "not opened");
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    run(&env, &["sessions", "--notes"])
        .ok()
        .stdout_has(&["PLANTED"]);
    // An encrypted note damaged by hand: named as damaged, by the reader and by `check`.
    let file = env
        .session_files()
        .into_iter()
        .find(|f| env.read(f).contains("notes = \"age:"))
        .expect("a session with encrypted notes");
    let text = env.read(&file);
    let at = text.find("notes = \"age:").expect("notes") + 80;
    let mut damaged = text.clone().into_bytes();
    damaged[at] = if damaged[at] == b'A' { b'B' } else { b'A' };
    env.write(&file, &String::from_utf8(damaged).expect("utf-8"));
    run(&env, &["sessions", "--notes"])
        .ok()
        .stderr_has(&["it is damaged", "`coachlog check` names the file"]);
    run(&env, &["check"]).code(1).stdout_has(&[
        file.rsplit('/').next().expect("name"),
        "holds encrypted text that does not open with its key: it is damaged",
    ]);
}

#[test]
fn a_scheme_name_with_control_characters_is_refused_where_it_is_read() {
    let env = TestEnv::with_partners();
    env.write(
        "config.toml",
        "[schemes.school]\nname = \"School \\u001b[31mdiploma\"\nbody = \"School\"\nhours = 10\n",
    );
    let out = run(&env, &["summary"]).code(1);
    out.stderr_has(&["scheme 'school': name:", "control character"]);
    assert!(!out.stderr.contains('\u{1b}'), "{}", out.stderr);
}
