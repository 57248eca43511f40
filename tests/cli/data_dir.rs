//! Where the logbook lives: `--data-dir`, `COACHLOG_DIR`, the platform default; `coachlog paths`.

use crate::env::TestEnv;

#[test]
fn paths_names_the_directory_and_its_source() {
    let env = TestEnv::new();
    let out = env.run(&["paths"]).ok();
    out.stdout_has(&[
        &format!(
            "data directory  {}  (from the COACHLOG_DIR environment variable; not created yet)",
            env.data().display()
        ),
        &format!("sessions        {}", env.data().join("sessions").display()),
    ]);

    let flag_dir = env.home().join("elsewhere");
    let out = env
        .run(&["--data-dir", flag_dir.to_str().expect("utf-8"), "paths"])
        .ok();
    out.stdout_has(&[&format!(
        "data directory  {}  (from --data-dir",
        flag_dir.display()
    )]);

    let out = env
        .command(&["paths"])
        .env_remove("COACHLOG_DIR")
        .run()
        .ok();
    let default = env.home().join(".local/share/coachlog");
    out.stdout_has(&[&format!(
        "data directory  {}  (the platform default",
        default.display()
    )]);
}

#[test]
fn the_flag_wins_over_the_environment() {
    let env = TestEnv::new();
    let other = env.home().join("other");
    let other = other.to_str().expect("utf-8");
    env.run(&[
        "--data-dir",
        other,
        "partner",
        "add",
        "Sam",
        "--client-type",
        "peer",
    ])
    .ok();
    assert!(env.home().join("other/partners/sam.toml").exists());
    assert!(!env.data().exists());
    env.run(&["partner", "list", "--data-dir", other])
        .ok()
        .stdout_has(&["sam"]);
}

#[test]
fn the_platform_default_is_used_without_flag_or_variable() {
    let env = TestEnv::new();
    env.command(&["partner", "add", "Sam", "--client-type", "peer"])
        .env_remove("COACHLOG_DIR")
        .run()
        .ok();
    assert!(
        env.home()
            .join(".local/share/coachlog/partners/sam.toml")
            .exists()
    );
}

#[test]
fn a_missing_directory_given_by_flag_is_an_error_for_reading() {
    let env = TestEnv::new();
    let missing = env.home().join("typo");
    let out = env
        .run(&["--data-dir", missing.to_str().expect("utf-8"), "sessions"])
        .code(1);
    out.stderr_has(&["there is no logbook at", "typo", "does not exist"]);
    assert!(!missing.exists(), "reading creates nothing");
}

#[test]
fn a_data_directory_that_is_a_file_is_refused() {
    let env = TestEnv::new();
    std::fs::write(env.data(), "not a directory").expect("write");
    for args in [
        &["sessions"][..],
        &["partner", "add", "Sam", "--client-type", "peer"],
        &["partner", "list"],
    ] {
        let out = env.run(args).code(1);
        out.stderr_has(&["is not a directory"]);
    }
    assert_eq!(
        std::fs::read_to_string(env.data()).expect("read"),
        "not a directory"
    );
}

#[cfg(unix)]
#[test]
fn new_directories_and_files_are_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::with_partners();
    env.log(&["alex"]);
    let mode = |rel: &str| {
        std::fs::metadata(env.data().join(rel))
            .expect("exists")
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode(""), 0o700);
    assert_eq!(mode("partners"), 0o700);
    assert_eq!(mode("sessions"), 0o700);
    for file in env.tree().keys() {
        assert_eq!(mode(file), 0o600, "{file}");
        let year = std::path::Path::new(file).parent().expect("parent");
        assert_eq!(mode(year.to_str().expect("utf-8")), 0o700, "{file}");
    }
}
