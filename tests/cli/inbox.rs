//! `inbox`: sessions a phone appends to the logbook's inbox, each line taken once, without the
//! file ever being rewritten; a bad line named by its number and left; a line still being written
//! left for later; a sync tool's copy of the inbox named, not read.

use crate::env::TestEnv;

#[test]
fn importing_twice_adds_nothing_and_the_inbox_is_never_rewritten() {
    let env = TestEnv::with_partners();
    let inbox = "2026-11-20 alex 45m\n# from the phone\nyesterday alex 1h as client # swapped\n\n";
    env.write("inbox.txt", inbox);
    env.run(&["inbox", "--dry-run"])
        .ok()
        .stdout_has(&["Would log 45m coaching Alex Kim on 2026-11-20 (inbox.txt:1)"]);
    assert!(env.session_files().is_empty(), "a dry run writes nothing");
    env.run(&["inbox"]).ok().stdout_has(&[
        "Logged 45m coaching Alex Kim on 2026-11-20 as session",
        "Logged 1h coached by Alex Kim on 2026-11-22 as session",
    ]);
    assert_eq!(env.session_files().len(), 2);
    env.run(&["inbox"])
        .ok()
        .stdout_has(&["Nothing new in the inbox."]);
    assert_eq!(env.session_files().len(), 2, "each line once");
    assert_eq!(
        env.read("inbox.txt"),
        inbox,
        "the file as the phone wrote it"
    );
    let sessions = env.sessions_json(&["--notes"]);
    assert!(
        sessions
            .iter()
            .any(|s| s["notes"] == "swapped" && s["role"] == "client")
    );
    // Lines appended later are taken on the next run; a line removed changes nothing.
    env.write(
        "inbox.txt",
        "yesterday alex 1h as client # swapped\n2026-11-21 team 90m\n",
    );
    env.run(&["inbox"])
        .ok()
        .stdout_has(&["Logged 1h 30m coaching Team Leads on 2026-11-21"]);
    assert_eq!(env.session_files().len(), 3);
    env.run(&["check"]).ok();
}

#[test]
fn one_bad_line_among_a_hundred_is_named_and_left_the_rest_imported() {
    let env = TestEnv::with_partners();
    let mut inbox = String::new();
    for day in 0..100 {
        if day == 41 {
            inbox.push_str("2026-11-05 nobody 1h\n");
        } else {
            inbox.push_str(&format!(
                "2026-{:02}-{:02} alex 30m\n",
                1 + day / 28,
                1 + day % 28
            ));
        }
    }
    inbox.push_str("2026-11-22 ale");
    env.write("inbox/phone.txt", &inbox);
    env.write(
        "inbox/phone.sync-conflict-20261122-XYZ.txt",
        "2026-11-22 alex 30m\n",
    );
    let out = env.run(&["inbox"]).code(1);
    out.stderr_has(&[
        "inbox/phone.txt:42: no partner 'nobody'",
        "inbox/phone.txt:101 has no end of line yet",
        "phone.sync-conflict-20261122-XYZ.txt: looks like a copy left by a file-sync tool",
    ]);
    assert_eq!(env.session_files().len(), 99, "every other line");
    // The last line, once finished, is taken; the bad line stays where it is.
    env.write("inbox/phone.txt", &(inbox + "x 30m\n"));
    env.run(&["inbox"])
        .code(1)
        .stdout_has(&["(inbox/phone.txt:101)"]);
    assert_eq!(env.session_files().len(), 100);
    env.run(&["check"])
        .ok()
        .stdout_has(&["a copy of the inbox left by a file-sync tool"]);
}

#[test]
fn copies_of_the_inbox_by_any_sync_tool_are_named_and_never_read() {
    let env = TestEnv::with_partners();
    env.write("inbox.txt", "2026-11-20 alex 30m\n");
    env.write("inbox/phone.txt", "2026-11-21 alex 45m\n");
    for copy in [
        "inbox 2.txt",
        "inbox/phone 2.txt",
        "inbox/phone (1).txt",
        "inbox/phone (conflicted copy 2026-11-22).txt",
        "inbox/phone_conflict-20261122-101010.txt",
    ] {
        env.write(copy, "2026-11-20 alex 30m\n2026-11-21 alex 45m\n");
    }
    let out = env.run(&["inbox"]).ok();
    out.stderr_has(&[
        "inbox 2.txt: looks like a copy",
        "phone 2.txt: looks like a copy",
        "phone (1).txt: looks like a copy",
        "phone_conflict-20261122-101010.txt: looks like a copy",
    ]);
    assert_eq!(env.session_files().len(), 2, "each line once");
}
