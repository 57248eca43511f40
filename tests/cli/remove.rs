//! `coachlog remove`.

use crate::env::TestEnv;

#[test]
fn removes_one_session_by_its_id() {
    let env = TestEnv::with_partners();
    let keep = env.log(&["alex", "--date", "2026-04-01"]);
    let gone = env.log(&["alex", "--date", "2026-04-02", "--duration", "45m"]);
    let out = env.run(&["remove", &gone]).ok();
    out.stdout_has(&[&format!(
        "Removed session {gone}: 2026-04-02, 45m as coach with Alex Kim"
    )]);
    let left = env.sessions_json(&[]);
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["id"], keep.as_str());
}

#[test]
fn removes_by_the_whole_file_name_too() {
    let env = TestEnv::with_partners();
    let id = env.log(&["alex", "--date", "2026-04-01"]);
    env.run(&["remove", &format!("2026-04-01-alex-kim-{id}")])
        .ok();
    assert!(env.session_files().is_empty());
}

#[test]
fn refuses_an_unknown_id_and_changes_nothing() {
    let env = TestEnv::with_partners();
    env.log(&["alex"]);
    let before = env.tree();
    env.run(&["remove", "nope42"])
        .usage_error(&["no session 'nope42'", "coachlog sessions"]);
    assert_eq!(env.tree(), before);
}

#[test]
fn refuses_an_id_shared_by_two_files() {
    let env = TestEnv::with_partners();
    let id = env.log(&["alex", "--date", "2026-04-01"]);
    let file = env.session_files().remove(0);
    let text = env.read(&file);
    env.write(&format!("sessions/2026/2026-04-01-copy-{id}.toml"), &text);
    let before = env.tree();
    env.run(&["remove", &id])
        .usage_error(&["several session files have the id", "2026-04-01-alex-kim-"]);
    assert_eq!(env.tree(), before);
}
