//! `coachlog check`, reports that refuse to undercount, and the faults the logbook must survive:
//! concurrent edits, a full disk, a read-only directory, two synced copies, hostile names.

use serde_json::Value;

use crate::env::TestEnv;

const SESSION: &str = "version = 1\ndate = 2026-01-05\npartner = \"alex-kim\"\nminutes = 60\nrole = \"coach\"\n\
                       payment = \"exchange\"\narrangement = \"reciprocal\"\nclient_type = \"peer\"\n";

fn problems(env: &TestEnv, extra: &[&str]) -> (i32, Vec<Value>) {
    let mut args = vec!["check", "--json"];
    args.extend_from_slice(extra);
    let out = env.run(&args);
    (
        out.code,
        serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout)),
    )
}

/// The problem reported for the file whose name ends with `file`.
fn about<'a>(problems: &'a [Value], file: &str) -> Vec<&'a Value> {
    problems
        .iter()
        .filter(|p| p["file"].as_str().is_some_and(|f| f.ends_with(file)))
        .collect()
}

#[test]
fn a_clean_logbook_has_no_problems() {
    let env = TestEnv::with_partners();
    env.log(&["alex", "--date", "2026-01-05"]);
    let out = env.run(&["check"]).ok();
    assert_eq!(out.stdout, "No problems in 3 files.\n");
    let (code, list) = problems(&env, &["--strict"]);
    assert_eq!((code, list.len()), (0, 0));
}

#[test]
fn finds_every_planted_fault() {
    let env = TestEnv::with_partners();
    env.run(&[
        "partner",
        "add",
        "Town Hall",
        "--client-type",
        "non-coach",
        "--group-size",
        "40",
    ])
    .ok();
    env.run(&["config", "set", "training_start", "2025-06-01"])
        .ok();
    env.log(&["alex", "--date", "2026-01-05"]);
    env.log(&["town", "--date", "2026-02-01", "--duration", "1h"]);
    let plant = |name: &str, text: &str| env.write(&format!("sessions/2026/{name}"), text);
    plant(
        "broken.toml",
        "version = 1\ndate = 2026-01-06\nminutes = = 60\n",
    );
    plant(
        "missing.toml",
        &SESSION.replace("payment = \"exchange\"\n", ""),
    );
    plant("unknown.toml", &format!("{SESSION}paymnet = \"paid\"\n"));
    plant("newer.toml", &SESSION.replace("version = 1", "version = 2"));
    plant("orphan.toml", &SESSION.replace("alex-kim", "nobody"));
    plant("2026-01-05-alex-kim-dup001.toml", SESSION);
    plant(
        "2026-01-05-alex-kim-abc123 (conflicted copy 2026-01-06).toml",
        &SESSION.replace("minutes = 60", "minutes = 61"),
    );
    plant(".coachlog-x1y2.tmp", "version = 1\nda");
    plant(".2026-01-05-alex-kim-dup001.toml.swp", "swap");
    plant("notes.txt", "my notes");
    plant(
        "early.toml",
        &SESSION
            .replace("2026-01-05", "2025-01-05")
            .replace("minutes = 60", "minutes = 30"),
    );
    let future = (crate::env::today() + chrono::Days::new(30)).to_string();
    plant(
        "future.toml",
        &SESSION
            .replace("2026-01-05", &future)
            .replace("minutes = 60", "minutes = 20"),
    );
    plant(
        "long1.toml",
        &SESSION
            .replace("2026-01-05", "2026-03-03")
            .replace("minutes = 60", "minutes = 400"),
    );
    plant(
        "long2.toml",
        &SESSION
            .replace("2026-01-05", "2026-03-03")
            .replace("minutes = 60", "minutes = 300"),
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let path = env.data().join("partners/alex-kim.toml");
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    }

    let (code, list) = problems(&env, &[]);
    assert_eq!(code, 1, "errors: exit 1");
    let one = |file: &str, severity: &str, needle: &str, line: Option<u64>| {
        let found = about(&list, file);
        assert!(
            found.iter().any(|p| p["severity"] == severity
                && p["message"].as_str().is_some_and(|m| m.contains(needle))
                && p["line"].as_u64() == line),
            "{file}: no {severity} with {needle:?} at {line:?} in {found:#?}"
        );
    };
    one("broken.toml", "error", "not a valid session file", Some(3));
    one("missing.toml", "error", "missing field `payment`", Some(1));
    one("unknown.toml", "error", "paymnet", Some(9));
    one(
        "newer.toml",
        "error",
        "unsupported format version 2",
        Some(1),
    );
    one(
        "orphan.toml",
        "error",
        "'nobody', who does not exist",
        Some(3),
    );
    assert!(
        list.iter().any(|p| p["message"]
            .as_str()
            .is_some_and(|m| m.contains("a duplicate of"))
            && (p["file"]
                .as_str()
                .is_some_and(|f| f.ends_with("dup001.toml"))
                || p["message"]
                    .as_str()
                    .is_some_and(|m| m.contains("dup001.toml")))),
        "the duplicate is named: {list:#?}"
    );
    one(
        "(conflicted copy 2026-01-06).toml",
        "warning",
        "left by a file-sync tool",
        None,
    );
    // Temporary files are one line for their folder, however many there are.
    one(
        "sessions/2026",
        "warning",
        "1 temporary file left by an interrupted write",
        None,
    );
    one(".toml.swp", "warning", "swap", None);
    one("notes.txt", "warning", "not a coachlog file", None);
    one(
        "early.toml",
        "warning",
        "before training_start (2025-06-01)",
        Some(2),
    );
    one("future.toml", "warning", "in the future", Some(2));
    one(
        "long1.toml",
        "warning",
        "11.67 h of coaching on 2026-03-03",
        None,
    );
    one(
        "partners/town-hall.toml",
        "warning",
        "1 session with this group had more members present than ICF's limit of 15 (up to 40): it \
         does not count for ICF",
        None,
    );
    #[cfg(unix)]
    one(
        "logbook",
        "warning",
        "1 file can be read by others (such as partners/alex-kim.toml, mode 644)",
        None,
    );
    for p in &list {
        for key in ["severity", "file", "line", "message"] {
            assert!(p.get(key).is_some(), "{key} in {p}");
        }
    }
    let text = env.run(&["check"]).code(1);
    text.stdout_has(&[
        "error: ",
        "broken.toml:3: not a valid session file",
        "5 errors, ",
    ]);
}

#[test]
fn warnings_fail_only_a_strict_check() {
    let env = TestEnv::with_partners();
    env.log(&["alex", "--date", "2026-01-05"]);
    env.write("sessions/2026/2026-01-05-alex-kim-dup001.toml", SESSION);
    let (code, list) = problems(&env, &[]);
    assert_eq!((code, list.len()), (0, 1));
    let (code, _) = problems(&env, &["--strict"]);
    assert_eq!(code, 1);
}

#[test]
fn reports_refuse_to_undercount_unless_told_to_skip() {
    let env = TestEnv::with_partners();
    env.log(&["alex", "--date", "2026-01-05"]);
    env.log(&["alex", "--date", "2026-01-12"]);
    env.write(
        "sessions/2026/broken.toml",
        "version = 1\nthis is not toml\n",
    );
    for args in [
        &["summary"][..],
        &["mix"],
        &["sessions"],
        &["export", "sessions"],
        &["export", "icf"],
        &["feedback"],
    ] {
        let out = env.run(args).code(1);
        out.stderr_has(&[
            "broken.toml",
            "nothing was counted",
            "--skip-invalid",
            "coachlog check",
        ]);
        assert_eq!(out.stdout, "", "{args:?} prints no partial figures");
    }
    let out = env.run(&["--skip-invalid", "summary", "--json"]).ok();
    out.stderr_has(&[
        "skipped 1 logbook file that cannot be read",
        "coachlog check",
    ]);
    let json: Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(json["coaching"]["sessions"], 2);
    env.run(&["sessions", "--skip-invalid"])
        .ok()
        .stderr_has(&["skipped 1"]);
}

#[test]
fn two_edits_at_once_both_land_whole() {
    let env = TestEnv::with_partners();
    for round in 0..10 {
        let contact = format!("c{round}@example.org");
        let alias = format!("Alias {round}");
        let children: Vec<_> = [
            vec!["partner", "edit", "alex", "--contact", contact.as_str()],
            vec!["partner", "edit", "alex", "--alias", alias.as_str()],
        ]
        .into_iter()
        .map(|args| {
            env.command(&args)
                .into_command()
                .stdout(std::process::Stdio::null())
                .spawn()
                .expect("spawn")
        })
        .collect();
        for mut child in children {
            assert!(child.wait().expect("wait").success(), "both edits complete");
        }
        let text = env.read("partners/alex-kim.toml");
        assert!(
            text.contains(&format!("contact = \"{contact}\""))
                && text.contains(&format!("alias = \"{alias}\"")),
            "{text}"
        );
    }
    let (_, list) = problems(&env, &[]);
    assert!(list.is_empty(), "{list:?}");
}

#[cfg(unix)]
#[test]
fn a_full_disk_leaves_no_partial_session() {
    let env = TestEnv::with_partners();
    env.log(&["alex", "--date", "2026-01-05"]);
    let before = env.session_files();
    // A file size limit of 0 makes the first byte written fail with EFBIG, as a full disk fails
    // with ENOSPC (the signal that would otherwise kill the process is ignored, as a shell may).
    let binary = env!("CARGO_BIN_EXE_coachlog");
    let output = std::process::Command::new("sh")
        .args([
            "-c",
            &format!("trap '' XFSZ; ulimit -f 0; exec {binary} log alex --date 2026-01-06"),
        ])
        .env_clear()
        .env("HOME", env.home())
        .env("COACHLOG_DIR", env.data())
        .output()
        .expect("sh runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("cannot write") && stderr.contains("2026-01-06-alex-kim-"),
        "{stderr}"
    );
    assert_eq!(
        env.session_files(),
        before,
        "no session file, whole or partial, and no temp file"
    );
    assert_eq!(env.sessions_json(&[]).len(), 1, "the logbook still reads");
    let (_, list) = problems(&env, &["--strict"]);
    assert!(list.is_empty(), "{list:?}");
}

#[test]
fn a_directory_that_cannot_be_written_fails_clearly_and_leaves_nothing() {
    let env = TestEnv::with_partners();
    // Something else stands where the year's directory should be.
    env.write("sessions/2027", "not a directory");
    let before = env.tree();
    env.run(&["log", "alex", "--date", "2027-01-05"])
        .code(1)
        .stderr_has(&["sessions/2027", "Not a directory"]);
    assert_eq!(env.tree(), before);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let partners = env.data().join("partners");
        std::fs::set_permissions(&partners, std::fs::Permissions::from_mode(0o500)).expect("chmod");
        // Root may write anyway; the refusal is only testable for an ordinary user.
        if std::fs::write(partners.join(".probe"), "").is_err() {
            env.run(&["partner", "add", "Sam", "--client-type", "peer"])
                .code(1)
                .stderr_has(&["partners/sam.toml"]);
            assert!(!partners.join("sam.toml").exists());
        }
        std::fs::set_permissions(&partners, std::fs::Permissions::from_mode(0o700))
            .expect("chmod back");
    }
}

#[test]
fn two_synced_copies_merge_into_the_union() {
    let laptop = TestEnv::with_partners();
    laptop.log(&["alex", "--date", "2026-01-05"]);
    let phone = TestEnv::with_copy_of(&laptop.data());
    laptop.log(&["alex", "--date", "2026-01-12"]);
    laptop.log(&["team", "--date", "2026-01-12", "--duration", "1h"]);
    phone.log(&["alex", "--date", "2026-01-12"]);
    phone.log(&["alex", "--date", "2026-01-19", "--role", "client"]);
    // What a sync tool does: copy each new file across, never overwriting.
    let status = std::process::Command::new("cp")
        .args([
            "-rn",
            &format!("{}/.", phone.data().display()),
            laptop.data().to_str().expect("utf-8"),
        ])
        .status()
        .expect("cp runs");
    assert!(status.success());
    assert_eq!(laptop.sessions_json(&[]).len(), 5, "1 shared + 2 + 2");
    let (_, list) = problems(&laptop, &[]);
    let duplicates: Vec<&Value> = list
        .iter()
        .filter(|p| {
            p["message"]
                .as_str()
                .is_some_and(|m| m.contains("duplicate"))
        })
        .collect();
    assert_eq!(
        duplicates.len(),
        1,
        "two sessions with Alex on 2026-01-12 look alike, and are both kept: {list:?}"
    );
    assert!(list.iter().all(|p| p["severity"] == "warning"));
}

#[test]
fn names_that_try_to_escape_are_stored_safely() {
    let env = TestEnv::new();
    env.run(&[
        "partner",
        "add",
        "../../etc/passwd",
        "--client-type",
        "peer",
    ])
    .ok()
    .stdout_has(&["(etc-passwd)"]);
    assert!(env.data().join("partners/etc-passwd.toml").exists());
    env.run(&["partner", "add", ".", "--client-type", "peer"])
        .usage_error(&["--id"]);
    env.run(&["partner", "add", "", "--client-type", "peer"])
        .usage_error(&["empty"]);
    env.run(&["partner", "add", "Bell\u{7}", "--client-type", "peer"])
        .usage_error(&["control character"]);
    let long = "Ana ".repeat(2500);
    env.run(&["partner", "add", &long, "--client-type", "peer"])
        .ok();
    // A direction override or a zero-width character could make one name look like another.
    for spoof in ["\u{202e}Sara Haddad", "Sa\u{200b}ra Haddad"] {
        env.run(&["partner", "add", spoof, "--client-type", "peer"])
            .usage_error(&["invisible character"]);
    }
    let rtl = "Sara \u{200f}Haddad";
    env.run(&[
        "partner",
        "add",
        rtl,
        "--client-type",
        "non-coach",
        "--id",
        "sara",
    ])
    .ok();
    let list: Vec<Value> =
        serde_json::from_str(&env.run(&["partner", "list", "--json"]).ok().stdout).expect("json");
    let names: Vec<&str> = list.iter().filter_map(|p| p["name"].as_str()).collect();
    assert!(
        names.contains(&long.trim()),
        "10,000 characters are kept exactly"
    );
    assert!(names.contains(&rtl), "right-to-left marks are kept exactly");
    let ids: Vec<&str> = list.iter().filter_map(|p| p["id"].as_str()).collect();
    assert!(
        ids.iter()
            .all(|id| id.len() <= 48 && !id.contains('/') && !id.starts_with('.')),
        "{ids:?}"
    );
    // Notes that would break TOML are escaped, and read back exactly.
    let notes = "\"\"\" ''' ]] [x]\nkey = \"value\"\n\\u0041";
    env.run(&["log", "sara", "--duration", "1h", "--notes", notes])
        .ok();
    assert_eq!(env.sessions_json(&["--notes"])[0]["notes"], notes);
    // A control character typed into a file by hand is shown escaped, never sent to the terminal.
    env.write(
        "sessions/2026/2026-02-02-sara-esc001.toml",
        &format!("{SESSION}notes = \"a\\u001b[2Jb\"\n").replace("alex-kim", "sara"),
    );
    let out = env.run(&["sessions", "--notes"]).ok();
    assert!(
        !out.stdout.contains('\u{1b}') && out.stdout.contains("a\\u{1b}[2Jb"),
        "{}",
        out.stdout
    );
}
