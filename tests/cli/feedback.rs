//! The client's own word: `feedback request` writes the page and the message, `feedback import`
//! reads the answer blocks back (refusing a changed, cut off, repeated or stray one, and storing
//! nothing then), the answer is kept apart from the coach's reflection, confidential where notes
//! are, erased by `forget`, counted by EMCC only when the client lets it be shown, and an
//! unanswered request is due after its days.

use std::collections::BTreeMap;

use crate::env::{TestEnv, csv_rows, filled_form};

#[test]
fn a_request_writes_a_page_and_a_message_and_asking_again_keeps_its_id() {
    let env = TestEnv::with_partners();
    let id = env.log(&["alex", "--date", "2026-11-20"]);
    let (first, message) = env.feedback_request(&id);
    let page = std::fs::read_to_string(env.home().join(format!("feedback-{first}.html")))
        .expect("the page");
    // One file: no script, style or font from elsewhere, and the client's name escaped.
    assert!(!page.contains("http://") && !page.contains("https://") && !page.contains("src="));
    assert!(page.contains(&format!("data-request=\"{first}\"")));
    assert!(page.contains("How far did you feel heard, understood and respected?"));
    assert!(message.starts_with("Subject: Feedback on our session of 2026-11-20\n"));
    assert!(message.contains(&format!("request: {first}\n")));
    assert!(message.contains("check: by hand\n"));
    assert!(
        message.lines().all(|l| l.chars().count() <= 100),
        "{message}"
    );
    // Asking again writes the same request's page, over the first only with --force.
    env.run(&[
        "feedback",
        "request",
        &id,
        "--out",
        env.home().to_str().expect("utf-8"),
    ])
    .code(2)
    .stderr_has(&[&format!("feedback-{first}.html exists: add --force")]);
    let again = env
        .run(&[
            "feedback",
            "request",
            &id,
            "--out",
            env.home().to_str().expect("utf-8"),
            "--force",
        ])
        .ok();
    again.stdout_has(&[&format!("Asked again for feedback on session {id}"), &first]);
    assert_eq!(
        env.tree()
            .keys()
            .filter(|k| k.starts_with("requests/"))
            .count(),
        1
    );
    // The coach's own wording, from config.toml.
    env.write(
        "config.toml",
        "[feedback.questions]\napproach = \"Did the way we worked suit you?\"\n",
    );
    let other = env.log(&["team", "--date", "2026-11-21", "--duration", "1h"]);
    let (_, message) = env.feedback_request(&other);
    assert!(message.contains("approach: Did the way we worked suit you? (0 to 10)"));
    assert!(message.contains("goals: How far did we work on what you wanted to work on?"));
}

#[test]
fn a_request_is_refused_for_a_session_as_client_or_one_answered_and_nothing_is_written() {
    let env = TestEnv::with_partners();
    let as_client = env.log(&["alex", "--date", "2026-11-20", "--role", "client"]);
    let before = env.tree();
    env.run(&["feedback", "request", &as_client])
        .code(2)
        .stderr_has(&["you were the client"]);
    env.run(&["feedback", "request", "nosuch"]).code(2);
    env.run(&["feedback", "request", &as_client, "--out", "/no/such/dir"])
        .code(2)
        .stderr_has(&["--out /no/such/dir: no such folder"]);
    assert_eq!(env.tree(), before, "nothing written");
    let id = env.log(&["alex", "--date", "2026-11-21"]);
    let (_, message) = env.feedback_request(&id);
    env.feedback_import(&filled_form(&message, "8", "", "yes"))
        .ok();
    env.run(&["feedback", "request", &id])
        .code(2)
        .stderr_has(&["holds the client's answer already"]);
}

#[test]
fn an_answer_is_stored_as_the_clients_apart_from_the_coachs_estimate() {
    let env = TestEnv::with_partners();
    let id = env.log(&[
        "alex",
        "--date",
        "2026-11-20",
        "--scores",
        "9,9,9,9",
        "--rated-by",
        "self",
    ]);
    let (request, message) = env.feedback_request(&id);
    let answer = filled_form(&message, "7/10", "Ask   me more\nabout  my values", "yes");
    let dry = env
        .command(&["feedback", "import", "-", "--dry-run"])
        .stdin(&answer)
        .run()
        .ok();
    dry.stdout_has(&[&format!("Would store the answer to request {request}")]);
    assert!(
        !env.session_file(&id).contains("[feedback]"),
        "a dry run stores nothing"
    );
    env.feedback_import(&format!("Here you are!\n\n{answer}\n-- \nAlex\n"))
        .ok()
        .stdout_has(&["Stored the answer", "9,9,9,7, total 34.0, may be shown"]);
    let text = env.session_file(&id);
    assert!(
        text.ends_with(&format!(
            "\n[feedback]\nrated_by = \"client\"\nsource = \"request\"\nrequest = \"{request}\"\n\
             answered = 2026-11-23\nscores = [9.0, 9.0, 9.0, 7.0]\n\
             experiment = \"Ask me more about my values\"\nshare = true\nvia = \"text\"\n"
        )),
        "{text}"
    );
    assert!(text.contains("[reflection]\nscores = [9.0, 9.0, 9.0, 9.0]\nrated_by = \"self\""));
    // `feedback` shows it apart, with the gap to the coach's own estimate.
    let rows: Vec<serde_json::Value> =
        serde_json::from_str(&env.run(&["feedback", "--json"]).ok().stdout).expect("json");
    let sources: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["rated_by"].as_str().expect("rated_by"),
                r["source"].as_str().expect("source"),
            )
        })
        .collect();
    assert_eq!(sources, [("self", "reflect"), ("client", "request")]);
    assert_eq!(rows[1]["gap"], -2.0);
    env.run(&["feedback", "--partner", "alex"])
        .ok()
        .stdout_has(&[
            "1 answer from the client",
            "From the client, in their own word",
            "the client invites you to: Ask me more about my values",
            "the clients' totals were 2.0 below yours on average",
        ]);
    env.run(&["feedback", "requests"]).ok().stdout_has(&[
        &request,
        "answered 2026-11-23",
        "0 of 1 request not answered yet",
    ]);
}

#[test]
fn a_bad_block_is_named_and_nothing_is_stored_not_even_the_good_ones() {
    let env = TestEnv::with_partners();
    let first = env.log(&["alex", "--date", "2026-11-20"]);
    let second = env.log(&["team", "--date", "2026-11-21", "--duration", "1h"]);
    let (request_1, message_1) = env.feedback_request(&first);
    let (_, message_2) = env.feedback_request(&second);
    let good = filled_form(&message_1, "8", "", "yes");
    let before = env.tree();
    let refused = |text: &str, needles: &[&str]| {
        env.feedback_import(text).code(2).stderr_has(needles);
        assert_eq!(env.tree(), before, "nothing stored");
    };
    // A second block with a score that is no score: the good one is not stored either.
    refused(
        &format!("{good}\n{}", filled_form(&message_2, "eleven", "", "no")),
        &[
            "nothing stored (not even the 1 that could be",
            "overall: 'eleven' is not a score",
        ],
    );
    // Cut off by a chat app.
    refused(&good[..good.find("share").expect("share")], &["cut off"]);
    // A request this logbook never made.
    refused(
        &good.replace(&format!("request: {request_1}"), "request: zzzzzz"),
        &[
            "the answer to request zzzzzz",
            "this logbook made no such request",
        ],
    );
    // The same request answered twice, differently, in one paste.
    refused(
        &format!("{good}\n{}", good.replace("overall: 8", "overall: 9")),
        &["given twice in what was read"],
    );
    // Text that is no answer at all.
    refused("just a note, no block", &["holds no answer block"]);
    // Once stored, a second import is refused.
    env.feedback_import(&good).ok();
    env.feedback_import(&good)
        .code(2)
        .stderr_has(&["imported already"]);
}

#[test]
fn the_invitation_is_encrypted_like_notes_and_forgetting_the_client_erases_it() {
    let env = TestEnv::with_partners();
    env.run(&["keys", "init"]).ok();
    let id = env.log(&["alex", "--date", "2026-11-20"]);
    let (_, message) = env.feedback_request(&id);
    env.feedback_import(&filled_form(&message, "8", "PLANTED invitation", "yes"))
        .ok();
    let text = env.session_file(&id);
    assert!(!text.contains("PLANTED"), "{text}");
    assert!(text.contains("experiment = \"age:"), "{text}");
    env.run(&["feedback"])
        .ok()
        .stdout_has(&["the client invites you to: PLANTED invitation"]);
    env.run(&["partner", "forget", "alex", "--yes"]).ok();
    let text = env.session_file(&id);
    assert!(!text.contains("experiment"), "{text}");
    assert!(text.contains("[feedback]"), "the scores stay: {text}");
}

#[test]
fn an_unanswered_request_is_due_after_its_days_and_none_sent_is_nothing() {
    let env = TestEnv::with_partners();
    let id = env.log(&["alex", "--date", "2026-11-10"]);
    let due = |today: &str| {
        env.command(&["due"])
            .env("COACHLOG_TODAY", today)
            .run()
            .ok()
            .stdout
    };
    assert!(!due("2026-11-23").contains("feedback"), "none sent");
    env.command(&[
        "feedback",
        "request",
        &id,
        "--out",
        env.home().to_str().expect("utf-8"),
    ])
    .env("COACHLOG_TODAY", "2026-11-12")
    .run()
    .ok();
    assert!(!due("2026-11-18").contains("not answered"));
    assert!(due("2026-11-19").contains(
        "Alex Kim has not answered the request for feedback on the session of 2026-11-10"
    ));
    env.write("config.toml", "[feedback]\nremind_after_days = 14\n");
    assert!(
        !due("2026-11-19").contains("not answered"),
        "the user's days"
    );
}

/// The entries of a zip, by name, as text.
fn entries(bytes: &[u8]) -> BTreeMap<String, String> {
    crate::packet::entries(bytes)
        .into_iter()
        .map(|(name, content)| (name, String::from_utf8_lossy(&content).into_owned()))
        .collect()
}

#[test]
fn the_emcc_packet_changes_only_by_the_clients_answers() {
    let env = TestEnv::with_partners();
    let id = env.log(&[
        "alex",
        "--date",
        "2026-11-20",
        "--scores",
        "9,9,9,9",
        "--rated-by",
        "client",
    ]);
    let packet = |name: &str| {
        let path = env.home().join(name);
        env.run(&[
            "packet",
            "emcc-foundation",
            "--output",
            path.to_str().expect("utf-8"),
        ])
        .ok();
        entries(&std::fs::read(&path).expect("the packet"))
    };
    let before = packet("before.zip");
    assert_eq!(
        csv_rows(&before["feedback.csv"]).len(),
        0,
        "typed scores are no client's word"
    );
    let (_, message) = env.feedback_request(&id);
    env.feedback_import(&filled_form(&message, "8", "PLANTED words", "yes"))
        .ok();
    let after = packet("after.zip");
    let rows = csv_rows(&after["feedback.csv"]);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["source"], "request");
    assert_eq!(rows[0]["rated_by"], "client");
    assert_eq!(rows[0]["total"], "35.0");
    assert!(
        !after
            .values()
            .any(|t| t.contains("PLANTED") || t.contains("Alex")),
        "anonymised, and the invitation stays out"
    );
    assert_eq!(before["reflections.csv"], after["reflections.csv"]);
    assert_eq!(before["sessions.csv"], after["sessions.csv"]);
}
