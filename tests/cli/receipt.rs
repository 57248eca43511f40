//! Receipts between two logbooks: A coaches B and B coaches A, each signs a receipt of what their
//! logbook holds, and the other keeps it beside the same session once the signer's key is pinned.
//! `ssh-keygen -Y verify` accepts each receipt with the signer's public key, and a receipt changed
//! after it was signed is refused by coachlog and by ssh-keygen alike.
//!
//! The ssh-keygen half needs OpenSSH's `ssh-keygen`; without it that half says so and is left out,
//! unless `COACHLOG_SSH_TESTS=require` (as `.ci/run` sets it, having installed it).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::env::TestEnv;

/// A logbook named `me`, with the partner `other`, reciprocal, and a signing key of its own.
fn logbook(me: &str, other: &str) -> TestEnv {
    let env = TestEnv::new();
    env.run(&["config", "set", "name", me]).ok();
    env.run(&[
        "partner",
        "add",
        other,
        "--client-type",
        "peer",
        "--arrangement",
        "reciprocal",
    ])
    .ok();
    env.run(&["keys", "init", "--signing"]).ok();
    env
}

/// Signs a receipt of session `id` into the home folder: the receipt's path.
fn receipt(env: &TestEnv, id: &str, extra: &[&str]) -> PathBuf {
    let mut args = vec!["receipt", id, "--out", env.home().to_str().expect("utf-8")];
    args.extend_from_slice(extra);
    env.run(&args).ok();
    env.home().join(format!("receipt-{id}.txt"))
}

/// Copies a receipt and its signature into `to`'s home: the copy's path.
fn send(from: &Path, to: &TestEnv) -> String {
    let name = from.file_name().expect("name");
    let target = to.home().join(name);
    std::fs::copy(from, &target).expect("the receipt");
    let mut sig = from.as_os_str().to_owned();
    sig.push(".sig");
    let mut sig_to = target.as_os_str().to_owned();
    sig_to.push(".sig");
    std::fs::copy(&sig, &sig_to).expect("its signature");
    target.to_str().expect("utf-8").to_owned()
}

/// The public key `keys show` prints.
fn public_key(env: &TestEnv) -> String {
    env.run(&["keys", "show"])
        .ok()
        .stdout
        .lines()
        .find(|l| l.starts_with("ssh-ed25519 "))
        .expect("the public key")
        .to_owned()
}

/// `ssh-keygen`, where it is installed.
fn ssh_keygen() -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .map(|d| d.join("ssh-keygen"))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        assert!(
            !std::env::var("COACHLOG_SSH_TESTS").is_ok_and(|v| v == "require"),
            "COACHLOG_SSH_TESTS=require, but ssh-keygen is not installed"
        );
        eprintln!("leaving out ssh-keygen's half: it is not installed (.ci/run installs it)");
    }
    found
}

/// Whether `ssh-keygen -Y verify` accepts `receipt` as signed by `signer` with `key`.
fn ssh_verifies(ssh_keygen: &Path, dir: &Path, receipt: &Path, signer: &str, key: &str) -> bool {
    ssh_verifies_with(
        ssh_keygen,
        dir,
        receipt,
        signer,
        &format!("{signer} {key}\n"),
    )
}

/// Whether `ssh-keygen -Y verify` accepts `receipt` as signed by `signer`, given the allowed
/// signers' file `allowed_signers`.
fn ssh_verifies_with(
    ssh_keygen: &Path,
    dir: &Path,
    receipt: &Path,
    signer: &str,
    allowed_signers: &str,
) -> bool {
    let allowed = dir.join("allowed_signers");
    std::fs::write(&allowed, allowed_signers).expect("allowed signers");
    let mut sig = receipt.as_os_str().to_owned();
    sig.push(".sig");
    let out = Command::new(ssh_keygen)
        .args(["-Y", "verify", "-n", "coachlog-receipt", "-I", signer, "-f"])
        .arg(&allowed)
        .arg("-s")
        .arg(&sig)
        .stdin(std::fs::File::open(receipt).expect("the receipt"))
        .output()
        .expect("ssh-keygen runs");
    out.status.success()
}

#[test]
fn two_logbooks_confirm_each_others_sessions_and_anyone_can_check_with_ssh_keygen() {
    let a = logbook("Robin Meyer", "Alex Kim");
    let b = logbook("Alex Kim", "Robin Meyer");
    // A coaches B on the 20th, B coaches A on the 21st: each logbook holds both sides.
    let a_gave = a.log(&["alex", "1h", "--date", "2026-11-20"]);
    let a_got = a.log(&["alex", "1h", "--date", "2026-11-21", "--role", "client"]);
    let b_got = b.log(&["robin", "1h", "--date", "2026-11-20", "--role", "client"]);
    let b_gave = b.log(&["robin", "1h", "--date", "2026-11-21"]);

    // A's receipt: B keeps it only once A's key is pinned, after seeing its fingerprint.
    let from_a = send(&receipt(&a, &a_gave, &[]), &b);
    let fingerprint = b
        .run(&["receipt", "import", &from_a])
        .code(2)
        .stderr
        .split("key ")
        .nth(1)
        .and_then(|r| r.split(',').next())
        .expect("the fingerprint shown")
        .to_owned();
    assert!(fingerprint.starts_with("SHA256:"), "{fingerprint}");
    assert!(
        b.tree().keys().all(|k| !k.starts_with("receipts/")),
        "nothing kept"
    );
    b.run(&["receipt", "import", &from_a, "--pin", "robin"])
        .ok()
        .stdout_has(&[
            &format!(
                "Kept Robin Meyer's receipt: it confirms session {b_got} (2026-11-20, 60 min)"
            ),
            &format!("Pinned {fingerprint} as robin-meyer's key"),
        ]);
    // B's receipt of the session B gave: A pins B's key and keeps it.
    let from_b = send(&receipt(&b, &b_gave, &[]), &a);
    a.run(&["receipt", "import", &from_b, "--pin", "alex"])
        .ok()
        .stdout_has(&[&format!("it confirms session {a_got}")]);
    // Both logbooks show their sessions confirmed, and the reciprocal hours confirmed.
    for (env, session) in [(&a, &a_got), (&b, &b_got)] {
        let list: serde_json::Value =
            serde_json::from_str(&env.run(&["receipt", "list", "--json"]).ok().stdout)
                .expect("json");
        assert_eq!(list[0]["session"], session.as_str());
        assert_eq!(list[0]["standing"], "confirmed");
        for command in ["mix", "summary"] {
            env.run(&[command]).ok().stdout_has(&[
                "Confirmed by your partners' receipts: 0 h of the 1 h you gave, 1 h of the 1 h \
                 you received",
            ]);
        }
        env.run(&["check"]).ok();
    }
    // The same receipt again is refused, and nothing changes.
    let before = b.tree();
    b.run(&["receipt", "import", &from_a])
        .code(2)
        .stderr_has(&["kept already"]);
    assert_eq!(b.tree(), before);

    // A receipt changed after it was signed is refused by coachlog (and by ssh-keygen, below).
    let edited = b.home().join("edited.txt");
    std::fs::write(
        &edited,
        std::fs::read_to_string(&from_a)
            .expect("receipt")
            .replace("minutes: 60", "minutes: 45"),
    )
    .expect("write");
    std::fs::copy(format!("{from_a}.sig"), b.home().join("edited.txt.sig")).expect("sig");
    b.run(&["receipt", "import", edited.to_str().expect("utf-8")])
        .code(2)
        .stderr_has(&["changed after it was signed", "nothing kept"]);
    assert_eq!(b.tree(), before);

    // A disagreement is kept and named: A says 45 minutes, B's logbook 60.
    a.log(&["alex", "45m", "--date", "2026-11-22"]);
    let b_other = b.log(&["robin", "1h", "--date", "2026-11-22", "--role", "client"]);
    let a_other = a.sessions_json(&[])[0]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let disagreeing = send(&receipt(&a, &a_other, &[]), &b);
    b.run(&["receipt", "import", &disagreeing])
        .ok()
        .stdout_has(&[&format!(
            "receipt of session {b_other} (2026-11-22), which disagrees: minutes: 60 here, 45 in \
             the receipt"
        )]);
    b.run(&["check"]).ok().stdout_has(&[
        "disagrees with session",
        "minutes: 60 here, 45 in the receipt",
    ]);
    b.run(&["check", "--strict"]).code(1);

    // A receipt that matches no session says which are near.
    let far = a.log(&["alex", "1h", "--date", "2026-10-01"]);
    let lonely = send(&receipt(&a, &far, &[]), &b);
    b.run(&["receipt", "import", &lonely]).code(2).stderr_has(&[
        "does not hold with robin-meyer",
        "Nearest:",
        &b_got,
    ]);

    // A's packet carries B's receipt, and `packet verify` checks its signature; a receipt changed
    // in the packet (its MANIFEST line made to match) is named.
    let packet = a.home().join("packet.zip");
    a.run(&[
        "packet",
        "icf-acc",
        "--output",
        packet.to_str().expect("utf-8"),
    ])
    .ok();
    let files = crate::packet::entries(&std::fs::read(&packet).expect("the packet"));
    let in_packet: Vec<&String> = files
        .keys()
        .filter(|k| k.starts_with("receipts/"))
        .collect();
    assert_eq!(in_packet.len(), 3, "{in_packet:?}");
    a.run(&["packet", "verify", packet.to_str().expect("utf-8")])
        .ok()
        .stdout_has(&["1 receipt: signed by the partners' keys"]);
    let (name, text) = files
        .iter()
        .find(|(k, _)| k.starts_with("receipts/") && k.ends_with(".txt"))
        .expect("the receipt");
    let changed = String::from_utf8_lossy(text).replace("minutes: 60", "minutes: 90");
    let manifest = String::from_utf8_lossy(&files["MANIFEST"]).replace(
        &crate::packet::sha(text),
        &crate::packet::sha(changed.as_bytes()),
    );
    let tampered: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(k, v)| match k.as_str() {
            "MANIFEST" => (k.as_str(), manifest.as_bytes()),
            k if k == name.as_str() => (k, changed.as_bytes()),
            k => (k, v.as_slice()),
        })
        .collect();
    let tampered_path = a.home().join("tampered.zip");
    std::fs::write(&tampered_path, crate::packet::zip_of(&tampered)).expect("write");
    a.run(&["packet", "verify", tampered_path.to_str().expect("utf-8")])
        .code(1)
        .stdout_has(&["changed after it was signed"]);

    // ssh-keygen, with nothing but the signer's public key, accepts each receipt and refuses the
    // changed one.
    if let Some(ssh_keygen) = ssh_keygen() {
        let dir = b.home();
        assert!(ssh_verifies(
            &ssh_keygen,
            dir,
            Path::new(&from_a),
            "robin",
            &public_key(&a)
        ));
        assert!(ssh_verifies(
            &ssh_keygen,
            a.home(),
            Path::new(&from_b),
            "alex",
            &public_key(&b)
        ));
        assert!(!ssh_verifies(
            &ssh_keygen,
            dir,
            &edited,
            "robin",
            &public_key(&a)
        ));
        assert!(
            !ssh_verifies(
                &ssh_keygen,
                dir,
                Path::new(&from_a),
                "robin",
                &public_key(&b)
            ),
            "another's key does not verify it"
        );
        // And the receipt in the packet, with the packet's own allowed_signers.
        let unpacked = a.home().join("unpacked");
        std::fs::create_dir_all(&unpacked).expect("dir");
        let receipt_file = unpacked.join("receipt.txt");
        std::fs::write(&receipt_file, text).expect("write");
        std::fs::write(
            unpacked.join("receipt.txt.sig"),
            &files[&format!("{name}.sig")],
        )
        .expect("write");
        assert!(ssh_verifies_with(
            &ssh_keygen,
            &unpacked,
            &receipt_file,
            "alex-kim",
            &String::from_utf8_lossy(&files["receipts/allowed_signers"]),
        ));
    }
}

#[test]
fn a_receipt_signed_by_another_key_is_refused_until_the_partner_is_pinned_again() {
    let a = logbook("Robin Meyer", "Alex Kim");
    let b = logbook("Alex Kim", "Robin Meyer");
    let first = a.log(&["alex", "1h", "--date", "2026-11-20"]);
    let second = a.log(&["alex", "1h", "--date", "2026-11-21"]);
    b.log(&["robin", "1h", "--date", "2026-11-20", "--role", "client"]);
    b.log(&["robin", "1h", "--date", "2026-11-21", "--role", "client"]);
    let from_a = send(&receipt(&a, &first, &[]), &b);
    b.run(&["receipt", "import", &from_a, "--pin", "robin"])
        .ok();
    // A signs the next with another key: an SSH key of their own.
    let key = a.home().join("other_ed25519");
    std::fs::write(&key, OTHER_KEY).expect("key");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).expect("mode");
    }
    let other = send(
        &receipt(&a, &second, &["--key", key.to_str().expect("utf-8")]),
        &b,
    );
    let before = b.tree();
    b.run(&["receipt", "import", &other])
        .code(2)
        .stderr_has(&["pinned for no partner", "--pin PARTNER"]);
    b.run(&["receipt", "import", &other, "--pin", "robin"])
        .code(2)
        .stderr_has(&["robin-meyer's key is pinned as", "--repin robin-meyer"]);
    assert_eq!(b.tree(), before, "nothing kept, nothing pinned");
    b.run(&["receipt", "import", &other, "--repin", "robin"])
        .ok()
        .stdout_has(&["it confirms session", "as robin-meyer's key"]);
    assert_eq!(
        b.tree().keys().filter(|k| k.starts_with("pins/")).count(),
        1,
        "the new key replaced the old"
    );
}

#[test]
fn a_receipt_needs_a_name_a_key_and_a_session_and_scores_only_from_the_client() {
    let env = TestEnv::with_partners();
    let id = env.log(&["alex", "1h", "--date", "2026-11-20"]);
    env.run(&["receipt", &id])
        .code(2)
        .stderr_has(&["no key to sign with", "keys init --signing"]);
    env.run(&["keys", "init", "--signing"]).ok();
    env.run(&["receipt", &id])
        .code(2)
        .stderr_has(&["set your name first"]);
    env.run(&["config", "set", "name", "Robin Meyer"]).ok();
    env.run(&["receipt", &id, "--scores", "9,9,9,9"])
        .code(2)
        .stderr_has(&["--scores are the client's answers"]);
    let as_client = env.log(&["alex", "1h", "--date", "2026-11-21", "--role", "client"]);
    let path = receipt(
        &env,
        &as_client,
        &["--scores", "9,10,8,9", "--experiment", "more silence"],
    );
    let text = std::fs::read_to_string(path).expect("receipt");
    assert!(
        text.ends_with("issuer: client\nscores: 9,10,8,9\nexperiment: more silence\nshare: no\n"),
        "{text}"
    );
    assert!(!text.contains("notes"), "nothing but the session");
    // Nothing of the logbook is written by signing a receipt.
    let before = env.tree();
    receipt(&env, &id, &[]);
    assert_eq!(env.tree(), before);
}

#[test]
fn forgetting_the_partner_removes_the_receipts_they_signed_and_their_key() {
    let a = logbook("Robin Meyer", "Alex Kim");
    let b = logbook("Alex Kim", "Robin Meyer");
    let id = a.log(&["alex", "1h", "--date", "2026-11-20"]);
    b.log(&["robin", "1h", "--date", "2026-11-20", "--role", "client"]);
    let from_a = send(&receipt(&a, &id, &[]), &b);
    b.run(&["receipt", "import", &from_a, "--pin", "robin"])
        .ok();
    b.run(&["partner", "forget", "robin", "--yes"])
        .ok()
        .stdout_has(&["Removed 1 receipt they signed, which held their name"]);
    assert!(
        b.tree().iter().all(|(k, v)| !k.starts_with("receipts/")
            && !k.starts_with("pins/")
            && !v.contains("Robin Meyer")),
        "no receipt, no key, no name"
    );
}

#[test]
fn the_clients_answers_in_their_signed_receipt_are_kept_as_the_clients_word() {
    let a = logbook("Robin Meyer", "Alex Kim");
    let b = logbook("Alex Kim", "Robin Meyer");
    // B coaches A; A, the client, signs a receipt with their answers and lets them be shown.
    let a_got = a.log(&["alex", "1h", "--date", "2026-11-20", "--role", "client"]);
    let b_gave = b.log(&["robin", "1h", "--date", "2026-11-20"]);
    let from_a = send(
        &receipt(
            &a,
            &a_got,
            &[
                "--scores",
                "8,9,7,8",
                "--experiment",
                "ask about my values",
                "--share",
            ],
        ),
        &b,
    );
    b.run(&["receipt", "import", &from_a, "--pin", "robin"])
        .ok()
        .stdout_has(&[
            &format!("it confirms session {b_gave}"),
            "Kept Robin Meyer's answers as the client's: 8,9,7,8, total 32.0, may be shown",
        ]);
    let text = b.session_file(&b_gave);
    assert!(
        text.contains("[feedback]\nrated_by = \"client\"\nsource = \"receipt\"\nreceipt = \""),
        "{text}"
    );
    assert!(text.contains("via = \"signed\""), "{text}");
    let rows: Vec<serde_json::Value> =
        serde_json::from_str(&b.run(&["feedback", "--json"]).ok().stdout).expect("json");
    assert_eq!(rows[0]["source"], "receipt");
    assert_eq!(rows[0]["rated_by"], "client");
    // For EMCC it is a piece of client feedback, and the packet says where it came from.
    let emcc: serde_json::Value = serde_json::from_str(
        &b.run(&["summary", "--scheme", "emcc-foundation", "--json"])
            .ok()
            .stdout,
    )
    .expect("json");
    let feedback = emcc["schemes"][0]["requirements"]
        .as_array()
        .expect("requirements")
        .iter()
        .find(|r| r["id"] == "feedback")
        .expect("feedback")
        .clone();
    assert_eq!(feedback["actual"], 1.0);
    // A backup carries it, and a restore brings it back the same.
    let backup = b.home().join("backup.json");
    b.run(&[
        "export",
        "json",
        "--output",
        backup.to_str().expect("utf-8"),
    ])
    .ok();
    let restored = TestEnv::new();
    restored
        .run(&["import", backup.to_str().expect("utf-8")])
        .ok();
    for args in [&["feedback", "--json"][..], &["receipt", "list", "--json"]] {
        assert_eq!(
            restored.run(args).ok().stdout,
            b.run(args).ok().stdout,
            "{args:?}"
        );
    }
    assert_eq!(
        restored
            .tree()
            .keys()
            .filter(|k| k.starts_with("pins/"))
            .count(),
        1,
        "the pinned key comes back too"
    );
}

/// An Ed25519 OpenSSH private key made for this test only (`ssh-keygen -t ed25519 -N ""`).
const OTHER_KEY: &str = "-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
QyNTUxOQAAACA7s0ZuLupM0heZVpVGmDcGYB6B0sCB5LWgYR2XbOEaiwAAAJBo+t2kaPrd
pAAAAAtzc2gtZWQyNTUxOQAAACA7s0ZuLupM0heZVpVGmDcGYB6B0sCB5LWgYR2XbOEaiw
AAAEDQF13fLF0AsJ9jRSrrRXnylILzPMRWkd21qObxgKAmajuzRm4u6kzSF5lWlUaYNwZg
HoHSwIHktaBhHZds4RqLAAAADWNvYWNobG9nIHRlc3Q=
-----END OPENSSH PRIVATE KEY-----
";
