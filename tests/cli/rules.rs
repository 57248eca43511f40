//! Every figure says which rule judged it: the body's source with its dates, or the user's own
//! figure with their note, in `summary --json`, `rules show` and the packet's summary.

use crate::env::{TestEnv, json};

#[test]
fn a_figure_you_set_is_shown_as_yours_with_your_note_everywhere() {
    let env = TestEnv::with_sample();
    let config = env.read("config.toml")
        + "\n[schemes.icf-acc]\ngroup_limit = 25\nwhy.group_limit = \"our school counts groups of up to 25\"\n";
    env.write("config.toml", &config);
    let summary = json(&env, &["summary", "--json", "--scheme", "icf-acc"]);
    let acc = &summary["schemes"][0];
    assert_eq!(
        acc["overrides"],
        serde_json::json!({"group_limit": "our school counts groups of up to 25"})
    );
    let hours = &acc["requirements"][0];
    assert_eq!(hours["id"], "hours");
    assert_eq!(
        hours["rule"],
        serde_json::json!({"by": "you", "note": "our school counts groups of up to 25"}),
        "the group limit decides the hours"
    );
    let clients = &acc["requirements"][2];
    assert_eq!(clients["rule"]["by"], "body");
    assert_eq!(clients["rule"]["title"], "ICF experience requirements");
    assert_eq!(clients["rule"]["effective"], "2022-08-01");
    let shown = env.run(&["rules", "show", "icf-acc"]).ok().stdout;
    let lines: Vec<&str> = shown.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.trim() == "group_limit = 25")
        .unwrap_or_else(|| panic!("the group limit: {shown}"));
    assert_eq!(
        lines[at + 1].trim(),
        "yours: our school counts groups of up to 25"
    );
    // The packet's summary says the same.
    let zip = env.home().join("acc.zip");
    env.run(&[
        "packet",
        "icf-acc",
        "--output",
        zip.to_str().expect("utf-8"),
    ])
    .ok();
    let bytes = std::fs::read(&zip).expect("packet");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let packet: serde_json::Value =
        serde_json::from_reader(archive.by_name("summary.json").expect("summary")).expect("json");
    assert_eq!(packet["schemes"][0]["overrides"], acc["overrides"]);
    let unknown = env.run(&["rules", "show", "icf-xyz"]).code(2);
    assert!(
        unknown.stderr.contains("no scheme 'icf-xyz'"),
        "{}",
        unknown.stderr
    );
    // A note for a figure that does not exist is refused, naming it.
    env.write(
        "config.toml",
        &(env.read("config.toml") + "why.grup_limit = \"typo\"\n"),
    );
    let refused = env.run(&["summary"]).code(1);
    assert!(refused.stderr.contains("grup_limit"), "{}", refused.stderr);
}
