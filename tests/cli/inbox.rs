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

/// The phone writes `text` to the inbox on `day`: its modification time noon that day, as a
/// file-sync tool keeps the phone's.
pub fn phone(env: &TestEnv, rel: &str, text: &str, day: &str) {
    env.write(rel, text);
    set_written(&env.data().join(rel), day);
}

/// Sets a file's modification time to noon of `day` (UTC, the tests' time zone).
pub fn set_written(path: &std::path::Path, day: &str) {
    let noon = day
        .parse::<chrono::NaiveDate>()
        .expect("day")
        .and_hms_opt(12, 0, 0)
        .expect("noon")
        .and_utc()
        .timestamp();
    std::fs::File::options()
        .write(true)
        .open(path)
        .expect("open")
        .set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(noon as u64))
        .expect("set the modification time");
}

/// `coachlog ARGS` run on `day`.
fn on(env: &TestEnv, day: &str, args: &[&str]) -> crate::env::Outcome {
    env.command(args).env("COACHLOG_TODAY", day).run()
}

/// The sessions as (date, minutes), in order.
fn days(env: &TestEnv) -> Vec<(String, u64)> {
    let mut days: Vec<(String, u64)> = env
        .sessions_json(&[])
        .iter()
        .map(|s| {
            (
                s["date"].as_str().expect("date").to_owned(),
                s["minutes"].as_u64().expect("minutes"),
            )
        })
        .collect();
    days.sort();
    days
}

#[test]
fn the_same_words_on_another_day_are_another_session_and_never_dropped_silently() {
    let env = TestEnv::with_partners();
    phone(&env, "inbox.txt", "yesterday alex 45m\n", "2026-11-16");
    on(&env, "2026-11-17", &["inbox"]).ok();
    assert_eq!(days(&env), [("2026-11-15".into(), 45)]);
    // Cleared on the phone, and the same words written three days later, before the inbox was
    // read again: the same line, or another? Not guessed at: named, with the form that works.
    phone(&env, "inbox.txt", "yesterday alex 45m\n", "2026-11-19");
    let out = on(&env, "2026-11-20", &["inbox"]).code(1);
    out.stderr_has(&[
        "inbox.txt:1: 'yesterday' depends on the day the line was written, which is not known",
        "write the day instead, e.g. `2026-11-18 alex 45m`",
        "the same text was taken on 2026-11-17 as session",
    ]);
    on(&env, "2026-11-20", &["due"])
        .ok()
        .stdout_has(&["inbox.txt:1 waits in the inbox"]);
    phone(&env, "inbox.txt", "2026-11-18 alex 45m\n", "2026-11-20");
    on(&env, "2026-11-20", &["inbox"]).ok();
    assert_eq!(
        days(&env),
        [("2026-11-15".into(), 45), ("2026-11-18".into(), 45)]
    );
    // Written below, with the inbox not cleared: a new line, on its own day.
    phone(
        &env,
        "inbox.txt",
        "2026-11-18 alex 45m\nyesterday alex 45m\n",
        "2026-11-22",
    );
    on(&env, "2026-11-23", &["inbox"]).ok().stdout_has(&[
        "on 2026-11-21",
        "inbox.txt: 1 line taken before; 1 line taken before no longer in the file",
    ]);
    assert_eq!(days(&env).len(), 3);
}

#[test]
fn a_relative_day_is_the_day_the_line_was_written() {
    let env = TestEnv::with_partners();
    // Written on the 20th, read on the 21st.
    phone(&env, "inbox.txt", "today alex 45m\n", "2026-11-20");
    on(&env, "2026-11-21", &["inbox"])
        .ok()
        .stdout_has(&["Logged 45m coaching Alex Kim on 2026-11-20"]);
    // Two more written on days after that reading: the last is the file's last change; the one
    // before it is not guessed at.
    phone(
        &env,
        "inbox.txt",
        "today alex 45m\nyesterday team 1h\ntoday team 30m\n",
        "2026-11-23",
    );
    let out = on(&env, "2026-11-25", &["inbox"]).code(1);
    out.stdout_has(&["Logged 30m coaching Team Leads on 2026-11-23"]);
    out.stderr_has(&["inbox.txt:2: 'yesterday' depends on the day the line was written"]);
    // Read the day it was written: known.
    phone(
        &env,
        "inbox.txt",
        "today alex 45m\nyesterday team 1h\ntoday team 30m\nmonday alex 1h 30m\n03.11.2026 alex\n",
        "2026-11-25",
    );
    let out = on(&env, "2026-11-25", &["inbox"]).code(1);
    out.stdout_has(&[
        "Logged 1h 30m coaching Alex Kim on 2026-11-23 as session",
        "Logged 1h coaching Alex Kim on 2026-11-03 as session",
    ]);
}

#[test]
fn a_line_corrected_on_the_phone_changes_its_session_and_a_removed_one_stays_removed() {
    let env = TestEnv::with_partners();
    phone(
        &env,
        "inbox.txt",
        "2026-11-20 alex 45m\nyesterday team 90m\n",
        "2026-11-21",
    );
    on(&env, "2026-11-21", &["inbox"]).ok();
    phone(
        &env,
        "inbox.txt",
        "2026-11-20 alex 45m\nyesterday team 95m # a late start\n",
        "2026-11-22",
    );
    let out = on(&env, "2026-11-23", &["inbox"]).ok();
    out.stdout_has(&[
        "as its line was corrected on the phone (inbox.txt:2): 1h 30m → 1h 35m, the notes",
    ]);
    assert_eq!(
        days(&env),
        [("2026-11-20".into(), 45), ("2026-11-20".into(), 95)],
        "one session of 95 minutes, on the day the line meant"
    );
    // The coach removes the alex session: it does not come back, and due does not ask for it.
    let alex = env
        .sessions_json(&[])
        .into_iter()
        .find(|s| s["partner"] == "alex-kim")
        .expect("alex's session");
    env.run(&["remove", alex["id"].as_str().expect("id")]).ok();
    let out = env.run(&["inbox"]).ok();
    out.stdout_has(&[
        "Nothing new in the inbox.",
        "the session of line 1",
        "was removed since, and not logged again",
    ]);
    let due = env.run(&["due", "--json"]).ok();
    assert!(!due.stdout.contains("\"inbox\""), "{}", due.stdout);
    assert_eq!(days(&env), [("2026-11-20".into(), 95)]);
    env.run(&["check"]).ok();
}

#[test]
fn two_devices_taking_a_line_before_they_sync_write_one_session() {
    let a = TestEnv::with_partners();
    let b = TestEnv::new();
    crate::env::copy_dir(&a.data(), &b.data());
    for env in [&a, &b] {
        phone(
            env,
            "inbox.txt",
            "2026-11-20 alex 45m\nyesterday team 1h\n",
            "2026-11-22",
        );
        env.run(&["inbox"]).ok();
    }
    // The sync tool merges the two logbooks: the files of the same name are the same file.
    crate::env::copy_dir(&b.data().join("sessions"), &a.data().join("sessions"));
    crate::env::copy_dir(&b.data().join("inbox"), &a.data().join("inbox"));
    assert_eq!(a.session_files().len(), 2, "{:?}", a.session_files());
    a.run(&["inbox"])
        .ok()
        .stdout_has(&["Nothing new in the inbox."]);
    a.run(&["check"]).ok();
}

/// The property the inbox is built for: a phone appending, correcting and clearing its inbox, a
/// sync tool leaving copies and a last line unfinished, and two devices taking lines, removing
/// sessions and syncing their logbooks in any order — and every session the coach meant is in
/// the logbook exactly once, on its day.
mod property {
    use std::collections::HashMap;
    use std::path::{Path, PathBuf};

    use chrono::{Duration, NaiveDate};
    use proptest::prelude::*;

    use crate::env::{Outcome, TestEnv};

    /// The partners as the phone names them, and their ids.
    const PARTNERS: [(&str, &str); 2] = [("alex", "alex-kim"), ("team", "team-leads")];

    #[derive(Debug, Clone)]
    enum Op {
        /// A new line: the day in one of five forms, `back` days before the day it is written.
        Append {
            wait: i64,
            partner: usize,
            form: usize,
            back: i64,
        },
        /// The words of a line in the file with a relative day, written again on a later day.
        Repeat { wait: i64, which: usize },
        /// Half a line, finished by the phone's next write (a sync caught it half-way).
        Partial { partner: usize },
        /// A line's length changed on the phone (a relative day's on the day it was written).
        Correct { wait: i64, which: usize },
        /// The inbox cleared on the phone, once the last run took everything.
        Clear { wait: i64 },
        /// Copies of the inbox a sync tool left.
        Copy,
        /// `coachlog inbox` on a device.
        Inbox { on_b: bool, wait: i64 },
        /// `coachlog due` on a device, against what `inbox --dry-run` would do.
        Due { on_b: bool },
        /// `coachlog remove` of a session on a device in step with the other.
        Remove { on_b: bool, which: usize },
        /// The two logbooks synced.
        Sync,
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            5 => (0i64..3, 0usize..2, 0usize..5, 0i64..3).prop_map(|(wait, partner, form, back)| {
                Op::Append { wait, partner, form, back }
            }),
            2 => (1i64..4, any::<usize>()).prop_map(|(wait, which)| Op::Repeat { wait, which }),
            1 => (0usize..2).prop_map(|partner| Op::Partial { partner }),
            2 => (0i64..2, any::<usize>()).prop_map(|(wait, which)| Op::Correct { wait, which }),
            1 => (0i64..2).prop_map(|wait| Op::Clear { wait }),
            1 => Just(Op::Copy),
            4 => (any::<bool>(), 0i64..3).prop_map(|(on_b, wait)| Op::Inbox { on_b, wait }),
            1 => any::<bool>().prop_map(|on_b| Op::Due { on_b }),
            1 => (any::<bool>(), any::<usize>()).prop_map(|(on_b, which)| Op::Remove { on_b, which }),
            2 => Just(Op::Sync),
        ]
    }

    /// A line of the phone's inbox, and the session it means (an index into the intents).
    #[derive(Debug, Clone)]
    struct Line {
        words: String,
        partner: usize,
        minutes: u32,
        intent: usize,
        /// The day the phone wrote it.
        written: NaiveDate,
    }

    impl Line {
        fn relative(&self) -> bool {
            !self.words.starts_with("20") && !self.words.contains('.')
        }
    }

    impl Line {
        fn text(&self) -> String {
            let (h, m) = (self.minutes / 60, self.minutes % 60);
            let length = match (h, m) {
                (0, m) => format!("{m}m"),
                (h, 0) => format!("{h}h"),
                (h, m) => format!("{h}h {m}m"),
            };
            format!("{} {} {length}", self.words, PARTNERS[self.partner].0)
        }
    }

    /// The files the phone writes: not synced between the devices' logbooks, but to both.
    const PHONE_FILES: [&str; 3] = ["inbox.txt", "inbox 2.txt", "inbox/phone (1).txt"];

    struct World {
        a: TestEnv,
        b: TestEnv,
        now: NaiveDate,
        lines: Vec<Line>,
        /// A line half written, and where it was cut.
        pending: Option<(Line, usize)>,
        /// The sessions meant: day, partner, minutes (None once the coach removed it).
        intents: Vec<Option<(NaiveDate, usize, u32)>>,
        next_minutes: u32,
        writes: u64,
        /// Each device's files at the last sync.
        base: HashMap<PathBuf, Vec<u8>>,
        /// The phone's file not changed since a run that took everything.
        clean: bool,
        /// No run on either device since the last sync.
        in_sync: bool,
        /// The device where the coach removed a session since the last sync: the other device
        /// syncs before its next run. A session removed on one device and changed by a run on
        /// the other before they sync is a sync tool's conflict (a deletion against a change,
        /// which the change wins), not the inbox's to settle.
        removed_on: Option<bool>,
        /// The day and partner of each line cleared since the inbox was last read: a line for
        /// the same partner and day written in place of one reads as its correction, as the
        /// guide says, so the coach writes none.
        cleared: Vec<(NaiveDate, usize)>,
    }

    impl World {
        fn new() -> Self {
            let a = TestEnv::with_partners();
            let b = TestEnv::new();
            crate::env::copy_dir(&a.data(), &b.data());
            let mut world = World {
                a,
                b,
                now: "2026-10-05".parse().expect("day"),
                lines: Vec::new(),
                pending: None,
                intents: Vec::new(),
                next_minutes: 31,
                writes: 0,
                base: HashMap::new(),
                clean: true,
                in_sync: true,
                removed_on: None,
                cleared: Vec::new(),
            };
            world.write();
            world.clean = true;
            world.base = files(&world.a.data());
            world
        }

        fn device(&self, on_b: bool) -> &TestEnv {
            if on_b { &self.b } else { &self.a }
        }

        fn run(&self, on_b: bool, args: &[&str]) -> Outcome {
            let out = self
                .device(on_b)
                .command(args)
                .env("COACHLOG_TODAY", self.now.to_string())
                .run();
            // `COACHLOG_TRACE=1 cargo test … -- --nocapture` prints every run of a failing case.
            if std::env::var_os("COACHLOG_TRACE").is_some() {
                eprintln!("{} {args:?}: {out:?}", if on_b { "B" } else { "A" });
            }
            out
        }

        fn minutes(&mut self) -> u32 {
            self.next_minutes += 1;
            self.next_minutes
        }

        fn text(&self) -> String {
            let mut text: String = self.lines.iter().map(|l| l.text() + "\n").collect();
            if let Some((line, cut)) = &self.pending {
                text.push_str(&line.text()[..*cut]);
            }
            text
        }

        /// The phone saves the inbox; the sync tool brings it to both devices, keeping its time.
        fn write(&mut self) {
            self.writes += 1;
            let text = self.text();
            let noon = self
                .now
                .and_hms_opt(12, 0, 0)
                .expect("noon")
                .and_utc()
                .timestamp()
                + self.writes as i64;
            for env in [&self.a, &self.b] {
                let path = env.data().join("inbox.txt");
                std::fs::write(&path, &text).expect("write");
                std::fs::File::options()
                    .write(true)
                    .open(&path)
                    .expect("open")
                    .set_modified(
                        std::time::UNIX_EPOCH + std::time::Duration::from_secs(noon as u64),
                    )
                    .expect("mtime");
            }
            self.clean = false;
        }

        /// The phone finishes a line half written, on the day it began it.
        fn finish(&mut self) {
            if let Some((line, _)) = self.pending.take() {
                self.lines.push(line);
                self.write();
            }
        }

        fn intend(&mut self, words: &str, back: i64, partner: usize) -> Line {
            let minutes = self.minutes();
            self.intents
                .push(Some((self.now - Duration::days(back), partner, minutes)));
            Line {
                words: words.to_owned(),
                partner,
                minutes,
                intent: self.intents.len() - 1,
                written: self.now,
            }
        }

        fn apply(&mut self, op: &Op) -> Result<(), TestCaseError> {
            match *op {
                Op::Append {
                    wait,
                    partner,
                    form,
                    back,
                } => {
                    self.finish();
                    self.now += Duration::days(wait);
                    let day = self.now - Duration::days(back);
                    let (words, back) = match form {
                        0 => (day.to_string(), back),
                        1 => (day.format("%d.%m.%Y").to_string(), back),
                        2 => ("today".to_owned(), 0),
                        3 => ("yesterday".to_owned(), 1),
                        _ => ("2 days ago".to_owned(), 2),
                    };
                    if self
                        .cleared
                        .contains(&(self.now - Duration::days(back), partner))
                    {
                        return Ok(());
                    }
                    let line = self.intend(&words, back, partner);
                    self.lines.push(line);
                    self.write();
                }
                Op::Repeat { wait, which } => {
                    self.finish();
                    let relative: Vec<Line> = self
                        .lines
                        .iter()
                        .filter(|l| l.relative())
                        .cloned()
                        .collect();
                    if relative.is_empty() {
                        return Ok(());
                    }
                    let like = &relative[which % relative.len()];
                    self.now += Duration::days(wait.max(1));
                    let back = match like.words.as_str() {
                        "today" => 0,
                        "yesterday" => 1,
                        _ => 2,
                    };
                    if self
                        .cleared
                        .contains(&(self.now - Duration::days(back), like.partner))
                    {
                        return Ok(());
                    }
                    self.intents.push(Some((
                        self.now - Duration::days(back),
                        like.partner,
                        like.minutes,
                    )));
                    let line = Line {
                        intent: self.intents.len() - 1,
                        written: self.now,
                        ..like.clone()
                    };
                    self.lines.push(line);
                    self.write();
                }
                Op::Partial { partner } => {
                    if self.pending.is_none() {
                        let line = self.intend(&self.now.to_string(), 0, partner);
                        let cut = line.text().len() / 2;
                        self.pending = Some((line, cut));
                        self.write();
                    }
                }
                Op::Correct { wait, which } => {
                    self.finish();
                    self.now += Duration::days(wait);
                    if self.lines.is_empty() {
                        return Ok(());
                    }
                    let at = which % self.lines.len();
                    let intent = self.lines[at].intent;
                    // A relative day is changed on the day it was written: the words mean the
                    // day of writing, and a line first read after its change was written then.
                    if self.lines[at].relative() && self.lines[at].written != self.now {
                        return Ok(());
                    }
                    // The last line's relative day is read from the file's last change: a
                    // change of another line on a later day would move it, so the coach, as
                    // the guide says, corrects earlier lines on the day of the last.
                    let last = self.lines.last().expect("a line");
                    if at + 1 != self.lines.len() && last.relative() && last.written != self.now {
                        return Ok(());
                    }
                    // Only a line whose session no other line's matches: one a test can tell.
                    if let Some(meant) = self.intents[intent] {
                        let alike = self.intents.iter().filter(|i| **i == Some(meant)).count();
                        if alike > 1 {
                            return Ok(());
                        }
                    }
                    let minutes = self.minutes();
                    self.lines[at].minutes = minutes;
                    if let Some(meant) = &mut self.intents[intent] {
                        meant.2 = minutes;
                    }
                    self.write();
                }
                Op::Clear { wait } => {
                    if self.clean && self.pending.is_none() && !self.lines.is_empty() {
                        self.now += Duration::days(wait);
                        for line in &self.lines {
                            if let Some((day, partner, _)) = self.intents[line.intent] {
                                self.cleared.push((day, partner));
                            }
                        }
                        self.lines.clear();
                        self.write();
                    }
                }
                Op::Copy => {
                    let text = self.text();
                    for env in [&self.a, &self.b] {
                        env.write("inbox 2.txt", &text);
                        env.write("inbox/phone (1).txt", &text);
                    }
                }
                Op::Inbox { on_b, wait } => {
                    self.now += Duration::days(wait);
                    if self.removed_on == Some(!on_b) {
                        self.sync();
                    }
                    let out = self.run(on_b, &["inbox"]);
                    prop_assert!(out.code == 0 || out.code == 1, "{out:?}");
                    prop_assert!(
                        !out.stdout.contains("Would") && !out.stderr.contains("internal error"),
                        "{out:?}"
                    );
                    self.clean = out.code == 0;
                    self.in_sync = false;
                    self.cleared.clear();
                }
                Op::Due { on_b } => {
                    let due = self.run(on_b, &["due", "--json"]);
                    let dry = self.run(on_b, &["inbox", "--dry-run"]);
                    let to_take = dry
                        .stdout
                        .lines()
                        .filter(|l| {
                            l.contains("(inbox.txt:")
                                || l.starts_with("inbox.txt:")
                                    && l[10..].starts_with(|c: char| c.is_ascii_digit())
                        })
                        .count();
                    let said = due
                        .stdout
                        .split("lines in the inbox not logged yet")
                        .next()
                        .filter(|_| due.stdout.contains("in the inbox not logged yet"));
                    let due_count = match said {
                        Some(before) => before
                            .rsplit('"')
                            .next()
                            .and_then(|n| n.trim().parse::<usize>().ok())
                            .unwrap_or(1),
                        None => 0,
                    };
                    prop_assert_eq!(
                        due_count,
                        to_take,
                        "due: {}\ndry run: {:?}",
                        due.stdout,
                        dry
                    );
                    let waiting = due.stdout.matches("waits in the inbox").count();
                    let named = dry.stderr.matches("warning: inbox.txt:").count();
                    prop_assert_eq!(waiting, named, "due: {}\ndry run: {:?}", due.stdout, dry);
                    prop_assert!(
                        !dry.stderr.contains("inbox 2.txt:1"),
                        "a copy is never read"
                    );
                }
                Op::Remove { on_b, which } => {
                    if !self.in_sync {
                        return Ok(());
                    }
                    let sessions = self.device(on_b).sessions_json(&[]);
                    let meant: Vec<(String, usize)> = sessions
                        .iter()
                        .filter_map(|s| {
                            let key = session_key(s)?;
                            let i = self.intents.iter().position(|i| *i == Some(key))?;
                            Some((s["id"].as_str()?.to_owned(), i))
                        })
                        .collect();
                    if meant.is_empty() {
                        return Ok(());
                    }
                    let (id, intent) = &meant[which % meant.len()];
                    // A session the inbox took twice (on two devices before they synced) is
                    // settled by the next run; the coach removes a session meant once.
                    if meant.iter().filter(|(_, i)| i == intent).count() > 1 {
                        return Ok(());
                    }
                    self.run(on_b, &["remove", id]).ok();
                    self.intents[*intent] = None;
                    self.removed_on = Some(on_b);
                }
                Op::Sync => {
                    self.sync();
                }
            }
            Ok(())
        }

        /// A sync tool between the two logbooks: a file changed on one side only is copied to
        /// the other (a deletion too); changed on both, the later change wins and the other is
        /// kept beside it as a conflict copy, as Syncthing does.
        fn sync(&mut self) {
            let (da, db) = (self.a.data(), self.b.data());
            let (fa, fb) = (files(&da), files(&db));
            let mut names: Vec<&PathBuf> =
                fa.keys().chain(fb.keys()).chain(self.base.keys()).collect();
            names.sort();
            names.dedup();
            for name in names {
                let (a, b, base) = (fa.get(name), fb.get(name), self.base.get(name));
                if a == b {
                    continue;
                }
                let (winner, loser, to_a, to_b) = if a == base {
                    (b, None, true, false)
                } else if b == base {
                    (a, None, false, true)
                } else {
                    // Changed on both: the later change wins, as Syncthing decides.
                    let changed = |dir: &Path| {
                        std::fs::metadata(dir.join(name))
                            .and_then(|m| m.modified())
                            .ok()
                    };
                    match (a, b) {
                        (Some(_), Some(_)) if changed(&db) > changed(&da) => (b, a, true, true),
                        (Some(_), Some(_)) => (a, b, true, true),
                        _ => (a.or(b), None, true, true),
                    }
                };
                for (dir, go) in [(&da, to_a), (&db, to_b)] {
                    if !go {
                        continue;
                    }
                    let path = dir.join(name);
                    match winner {
                        Some(bytes) => {
                            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
                            std::fs::write(&path, bytes).expect("write");
                        }
                        None => {
                            let _ = std::fs::remove_file(&path);
                        }
                    }
                    if let Some(bytes) = loser {
                        let stem = path
                            .file_stem()
                            .expect("stem")
                            .to_string_lossy()
                            .into_owned();
                        let copy = path.with_file_name(format!(
                            "{stem}.sync-conflict-20261201-120000-DEVICEB.toml"
                        ));
                        std::fs::write(copy, bytes).expect("write");
                    }
                }
            }
            let merged = files(&da);
            self.base = merged;
            self.in_sync = true;
            self.removed_on = None;
        }

        /// The coach's last round: the phone finishes what it began; each line that waits is
        /// written as the message says, with the day the coach knows; both devices read the
        /// inbox and sync.
        fn settle(&mut self) -> Result<(), TestCaseError> {
            self.finish();
            for _ in 0..6 {
                self.sync();
                let out = self.run(false, &["inbox"]);
                prop_assert!(out.code == 0 || out.code == 1, "{out:?}");
                let waiting: Vec<usize> = out
                    .stderr
                    .lines()
                    .filter_map(|l| {
                        l.split("inbox.txt:")
                            .nth(1)?
                            .split(':')
                            .next()?
                            .parse()
                            .ok()
                    })
                    .collect();
                if waiting.is_empty() {
                    prop_assert_eq!(out.code, 0, "{:?}", out);
                    break;
                }
                for n in waiting {
                    let line = &mut self.lines[n - 1];
                    match self.intents[line.intent] {
                        Some((day, _, _)) => line.words = day.to_string(),
                        None => line.words = String::new(),
                    }
                }
                self.lines.retain(|l| !l.words.is_empty());
                self.write();
            }
            self.sync();
            self.run(true, &["inbox"]).ok();
            self.sync();
            let again = self.run(false, &["inbox"]).ok();
            prop_assert!(
                again.stdout.contains("Nothing new in the inbox."),
                "{again:?}"
            );
            let mut meant: Vec<(NaiveDate, usize, u32)> =
                self.intents.iter().flatten().copied().collect();
            meant.sort();
            for env in [&self.a, &self.b] {
                let mut logged: Vec<(NaiveDate, usize, u32)> = env
                    .sessions_json(&[])
                    .iter()
                    .map(|s| session_key(s).expect("a session of a partner of the test"))
                    .collect();
                logged.sort();
                prop_assert_eq!(&logged, &meant, "every session meant, once, on its day");
                env.run(&["check"]).ok();
            }
            Ok(())
        }
    }

    fn session_key(s: &serde_json::Value) -> Option<(NaiveDate, usize, u32)> {
        let date = s["date"].as_str()?.parse().ok()?;
        let partner = PARTNERS.iter().position(|(_, id)| s["partner"] == *id)?;
        let minutes = u32::try_from(s["minutes"].as_u64()?).ok()?;
        Some((date, partner, minutes))
    }

    /// The files of a logbook the sync tool syncs (not the phone's, nor the lock), by path.
    fn files(root: &Path) -> HashMap<PathBuf, Vec<u8>> {
        let mut found = HashMap::new();
        let mut dirs = vec![root.to_path_buf()];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = entry.path();
                let rel = path
                    .strip_prefix(root)
                    .expect("under the root")
                    .to_path_buf();
                let name = entry.file_name().to_string_lossy().into_owned();
                if name.starts_with('.') || PHONE_FILES.iter().any(|p| Path::new(p) == rel) {
                    continue;
                }
                if path.is_dir() {
                    dirs.push(path);
                } else {
                    found.insert(rel, std::fs::read(&path).expect("read"));
                }
            }
        }
        found
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: std::env::var("COACHLOG_PROPERTY_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(8),
            ..ProptestConfig::default()
        })]

        #[test]
        fn every_session_meant_is_logged_once_on_its_day(ops in proptest::collection::vec(op(), 4..24)) {
            let mut world = World::new();
            for op in &ops {
                world.apply(op)?;
            }
            world.settle()?;
        }
    }
}
