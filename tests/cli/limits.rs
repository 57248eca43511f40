//! Nothing coachlog writes fails its own reader: for every kind of input at each limit — dates,
//! sizes, text — the write is either refused before anything is written, or made and read back.

use crate::env::TestEnv;

/// The logbook's files, and that every report still reads it.
fn reads_back(env: &TestEnv) {
    env.run(&["check"]).ok();
    env.run(&["summary"]).ok();
    env.run(&["sessions"]).ok();
}

#[test]
fn dates_at_the_edges_are_written_and_read_or_refused_before_writing() {
    let env = TestEnv::with_partners();
    // The earliest and the latest day a session may have, by every way in.
    env.log(&["alex", "--date", "1900-01-01"]);
    env.log(&["alex", "--date", "2027-11-23"]);
    reads_back(&env);
    let before = env.tree();
    env.run(&["log", "alex", "--date", "1899-12-31"])
        .usage_error(&["before 1900-01-01"]);
    env.run(&["log", "alex", "--date", "2027-11-24"])
        .usage_error(&["more than a year after today"]);
    let csv = env.home().join("rows.csv");
    for date in ["0000-01-01", "2099-01-01"] {
        std::fs::write(
            &csv,
            format!("date,partner,minutes\n2026-01-05,Alex Kim,60\n{date},Alex Kim,60\n"),
        )
        .expect("write");
        env.run(&["import", csv.to_str().expect("utf-8")])
            .code(1)
            .stderr_has(&["line 3:", date, "nothing was imported"]);
    }
    // A backup whose session is dated where no reader would read it.
    let other = TestEnv::with_partners();
    other.log(&["alex", "--date", "2026-02-02"]);
    let backup = other
        .run(&["export", "json"])
        .ok()
        .stdout
        .replace("\"2026-02-02\"", "\"0000-02-02\"");
    let file = env.home().join("backup.json");
    std::fs::write(&file, backup).expect("write");
    let out = env.run(&["import", file.to_str().expect("utf-8")]);
    assert_ne!(out.code, 0, "{}", out.stdout);
    assert!(out.stderr.contains("0000-02-02"), "{}", out.stderr);
    assert_eq!(env.tree(), before, "nothing written");
    reads_back(&env);
}

#[test]
fn text_at_the_edges_is_written_and_read_or_refused_before_writing() {
    let env = TestEnv::with_partners();
    // Notes of 64 KiB, the most kept, are written and read back.
    let most = "n".repeat(64 * 1024);
    env.command(&["log", "alex", "--notes", "-"])
        .stdin(&most)
        .run()
        .ok();
    let notes = env.run(&["sessions", "--notes", "--json"]).ok().stdout;
    assert!(notes.contains(&most), "the notes read back whole");
    reads_back(&env);
    let before = env.tree();
    // A byte more, or a megabyte more, is refused: nothing written.
    for size in [64 * 1024 + 1, 2 << 20] {
        env.command(&["log", "alex", "--notes", "-"])
            .stdin(&"n".repeat(size))
            .run()
            .usage_error(&["notes are kept up to 64 KiB"]);
    }
    // A partner's name of 1.5 MiB, from a spreadsheet: its file would be more than a reader reads.
    let csv = env.home().join("rows.csv");
    std::fs::write(
        &csv,
        format!(
            "date,partner,minutes,client_type\n2026-01-05,{},60,peer\n",
            "N".repeat(3 << 19)
        ),
    )
    .expect("write");
    let out = env.run(&["import", csv.to_str().expect("utf-8")]);
    assert_ne!(out.code, 0);
    assert!(
        out.stderr
            .contains("coachlog reads a logbook file of at most 1 MiB"),
        "{}",
        out.stderr
    );
    assert_eq!(env.tree(), before, "nothing written");
    reads_back(&env);
}

#[test]
fn an_attestation_too_long_for_its_reader_is_refused_before_writing() {
    let env = TestEnv::with_partners();
    env.run(&["log", "alex", "--date", "2026-01-05"]).ok();
    env.run(&["attest", "--period", "2026-01", "--output", "-"])
        .ok();
    let before = env.tree();
    // A reopening with a reason so long that the attestation's file would pass the limit: refused,
    // the session not logged either.
    let reason = "r".repeat(120 * 1024);
    for _ in 0..9 {
        let out = env.run(&[
            "log",
            "alex",
            "--date",
            "2026-01-06",
            "--reopen",
            "--reason",
            &reason,
        ]);
        if out.code != 0 {
            assert!(
                out.stderr
                    .contains("coachlog reads a logbook file of at most 1 MiB"),
                "{}",
                out.stderr
            );
            reads_back(&env);
            env.run(&["attest", "verify"]).ok();
            return;
        }
    }
    let _ = before;
    panic!("nine reopenings of 120 KiB each were all written");
}
