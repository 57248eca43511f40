//! Every command example in README.md and docs/*.md, run as a user would type it, so that none can
//! go stale.
//!
//! - A ` ```console ` block is a transcript: each `$ ` line is run through `sh` (stderr after
//!   stdout, as a terminal shows them) and what follows it, up to the next `$ `, must be what it
//!   prints. A line `...` stands for any lines. Record ids are random: where the transcript shows
//!   one and the run printed another, the two are paired, and later commands use the real one.
//! - A ` ```sh ` block is a list of commands: each must succeed, except one whose comment starts
//!   with `refused`, which must fail. Not run: `cargo …` (the build and these tests themselves;
//!   `cargo run --release --` is run as `coachlog`), `.ci/run` and `cd fuzz` (development),
//!   `packaging/` and `sudo` (.ci/package builds, installs and checks the package), `man`
//!   (it reads what `coachlog man` wrote, which tests/cli checks), and a command whose comment says
//!   it needs a terminal (the pseudo-terminal tests in tests/cli drive those).
//!
//! Where it runs: a home of its own at `/home/you` in what is printed, the working directory a
//! clone of coachlog (`examples/` in it), and today 2026-11-23. README.md is a new user's first
//! hour: its blocks run one after another in one home that starts without a logbook. Each block in
//! docs/ runs on a fresh copy of the sample logbook in the default place
//! (`~/.local/share/coachlog`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const TODAY: &str = "2026-11-23";

/// A fenced block of a Markdown file.
struct Block {
    /// The line of its opening fence.
    line: usize,
    console: bool,
    lines: Vec<String>,
}

fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut current: Option<Block> = None;
    for (n, line) in text.lines().enumerate() {
        if let Some(block) = current.as_mut() {
            if line.starts_with("```") {
                out.extend(current.take());
            } else {
                block.lines.push(line.to_owned());
            }
            continue;
        }
        let console = match line.trim_end() {
            "```console" => true,
            "```sh" => false,
            _ => continue,
        };
        current = Some(Block {
            line: n + 1,
            console,
            lines: Vec::new(),
        });
    }
    out
}

/// A sandbox: a home, a clone with `examples/`, and the ids seen so far.
struct Sandbox {
    root: tempfile::TempDir,
    /// Each id a document shows, and the id the run made in its place.
    ids: BTreeMap<String, String>,
}

impl Sandbox {
    fn new(with_sample: bool) -> Self {
        let root = tempfile::tempdir().expect("temp dir");
        let sandbox = Sandbox {
            root,
            ids: BTreeMap::new(),
        };
        let home = sandbox.home();
        std::fs::create_dir_all(&home).expect("home");
        std::fs::write(
            home.join(".gitconfig"),
            "[user]\n\tname = Robin Meyer\n\temail = robin@example.org\n",
        )
        .expect("git identity");
        let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        copy_dir(&examples, &sandbox.clone_dir().join("examples"));
        let sample = examples.join("sample-logbook");
        if with_sample {
            copy_dir(&sample, &home.join(".local/share/coachlog"));
        }
        sandbox
    }

    fn home(&self) -> PathBuf {
        self.root.path().join("you")
    }

    fn clone_dir(&self) -> PathBuf {
        self.root.path().join("coachlog")
    }

    /// Runs one shell line: its status and what it printed, paths and ids as the document shows
    /// them.
    fn run(&self, line: &str) -> (bool, String) {
        let mut line = line.to_owned();
        for (shown, real) in &self.ids {
            line = replace_word(&line, shown, real);
        }
        let binary = Path::new(env!("CARGO_BIN_EXE_coachlog"));
        let path = format!(
            "{}:/usr/local/bin:/usr/bin:/bin",
            binary.parent().expect("bin dir").display()
        );
        let out = Command::new("sh")
            .args(["-c", &format!("exec 2>&1\n{line}")])
            .current_dir(self.clone_dir())
            .env_clear()
            .env("HOME", self.home())
            .env("PATH", path)
            .env("COACHLOG_TODAY", TODAY)
            .env("COACHLOG_STATUS_BUDGET_MS", "60000")
            .env("TZ", "UTC")
            .env("LANG", "C.UTF-8")
            .env("EDITOR", "true")
            .output()
            .expect("sh runs");
        let mut printed = String::from_utf8_lossy(&out.stdout).into_owned();
        printed = printed.replace(&self.home().display().to_string(), "/home/you");
        printed = printed.replace(&self.clone_dir().display().to_string(), "~/coachlog");
        for (shown, real) in &self.ids {
            printed = replace_word(&printed, real, shown);
        }
        (out.status.success(), printed)
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// `text` with each whole word `from` replaced by `to`.
fn replace_word(text: &str, from: &str, to: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(from) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + from.len()..].chars().next();
        out.push_str(&rest[..at]);
        if before.is_some_and(is_word_char) || after.is_some_and(is_word_char) {
            out.push_str(from);
        } else {
            out.push_str(to);
        }
        rest = &rest[at + from.len()..];
    }
    out.push_str(rest);
    out
}

/// A line split into runs of word characters and what lies between them.
fn tokens(line: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut last_word = None;
    for c in line.chars() {
        let word = is_word_char(c);
        match out.last_mut() {
            Some(t) if last_word == Some(word) => t.push(c),
            _ => out.push(c.to_string()),
        }
        last_word = Some(word);
    }
    out
}

fn looks_like_id(token: &str) -> bool {
    token.len() == 6
        && token
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_lowercase())
}

/// Whether `shown` (the document's line) is `printed` but for ids, which are paired in `ids`.
fn same_but_ids(shown: &str, printed: &str, ids: &mut BTreeMap<String, String>) -> bool {
    let (a, b) = (tokens(shown), tokens(printed));
    if a.len() != b.len() {
        return false;
    }
    let mut found = Vec::new();
    for (x, y) in a.iter().zip(&b) {
        if x == y {
            continue;
        }
        if !(looks_like_id(x) && looks_like_id(y)) || ids.get(x).is_some_and(|real| real != y) {
            return false;
        }
        found.push((x.clone(), y.clone()));
    }
    ids.extend(found);
    true
}

/// Compares what a transcript shows with what was printed: `...` stands for any lines.
fn matches(shown: &[String], printed: &[&str], ids: &mut BTreeMap<String, String>) -> bool {
    match shown.split_first() {
        None => printed.is_empty(),
        Some((first, rest)) if first.trim() == "..." => {
            // The first way that matches pairs the ids.
            match (0..=printed.len())
                .find(|&skip| matches(rest, &printed[skip..], &mut ids.clone()))
            {
                Some(skip) => matches(rest, &printed[skip..], ids),
                None => false,
            }
        }
        Some((first, rest)) => match printed.split_first() {
            Some((line, others)) => {
                let line = line.trim_end();
                let first = first.trim_end();
                (first == line || same_but_ids(first, line, ids)) && matches(rest, others, ids)
            }
            None => false,
        },
    }
}

/// A line of a `sh` block that is not run here, and why.
fn not_run(line: &str) -> Option<&'static str> {
    let comment = line.split(" # ").nth(1).unwrap_or("");
    if line.starts_with("cargo ") && !line.starts_with("cargo run --release -- ") {
        Some("cargo builds and tests")
    } else if line.starts_with(".ci/run") || line.starts_with("cd fuzz") {
        Some("development")
    } else if line.starts_with("packaging/") || line.starts_with("sudo ") {
        Some("packaging: .ci/package builds the package, installs it and checks it")
    } else if line.starts_with("man ") {
        Some("man reads what coachlog man wrote")
    } else if comment.contains("in a terminal") {
        Some("needs a terminal")
    } else {
        None
    }
}

/// The commands of a block: lines ending in `\` joined to the next, comments and blank lines left
/// out.
fn logical_lines(lines: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut pending = String::new();
    for line in lines {
        let trimmed = line.trim();
        if pending.is_empty() && (trimmed.is_empty() || trimmed.starts_with('#')) {
            continue;
        }
        if let Some(head) = trimmed.strip_suffix('\\') {
            pending.push_str(head);
            continue;
        }
        pending.push_str(trimmed);
        out.push(std::mem::take(&mut pending));
    }
    out
}

fn check_file(name: &str, fresh_sample_per_block: bool) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut failures = Vec::new();
    let mut sandbox = Sandbox::new(false);
    for block in blocks(&text) {
        if fresh_sample_per_block {
            sandbox = Sandbox::new(true);
        }
        if block.console {
            // Transcripts: `$ command`, then what it prints.
            let mut steps: Vec<(usize, String, Vec<String>)> = Vec::new();
            for (n, line) in block.lines.iter().enumerate() {
                match line.strip_prefix("$ ") {
                    Some(command) => steps.push((block.line + 1 + n, command.to_owned(), vec![])),
                    None => match steps.last_mut() {
                        Some(step) => step.2.push(line.clone()),
                        None => failures.push(format!(
                            "{name}:{}: a transcript starts with `$ `",
                            block.line
                        )),
                    },
                }
            }
            for (line, command, shown) in steps {
                let (_, printed) = sandbox.run(&command);
                let printed_lines: Vec<&str> = printed.lines().collect();
                if !matches(&shown, &printed_lines, &mut sandbox.ids) {
                    failures.push(format!(
                        "{name}:{line}: `{command}` prints\n{printed}\nbut the document shows\n{}\n",
                        shown.join("\n")
                    ));
                }
            }
        } else {
            for command in logical_lines(&block.lines) {
                if not_run(&command).is_some() {
                    continue;
                }
                let command = match command.strip_prefix("cargo run --release -- ") {
                    Some(rest) => format!("coachlog {rest}"),
                    None => command,
                };
                let refused = command
                    .split(" # ")
                    .nth(1)
                    .is_some_and(|c| c.trim_start().starts_with("refused"));
                let (ok, printed) = sandbox.run(&command);
                if ok == refused {
                    failures.push(format!(
                        "{name}:{}: `{command}` {}:\n{printed}",
                        block.line,
                        if refused {
                            "succeeds, but the document says it is refused"
                        } else {
                            "fails"
                        }
                    ));
                }
            }
        }
    }
    failures
}

#[test]
fn every_example_in_the_readme_and_the_docs_runs_as_shown() {
    let mut failures = check_file("README.md", false);
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&docs)
        .expect("docs/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    pages.sort();
    assert!(!pages.is_empty(), "docs/ has pages");
    for page in pages {
        let name = format!("docs/{}", page.file_name().expect("name").to_string_lossy());
        failures.extend(check_file(&name, true));
    }
    assert!(
        failures.is_empty(),
        "{} examples do not run as shown:\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn ids_are_paired_and_anything_else_must_match() {
    let mut ids = BTreeMap::new();
    assert!(same_but_ids(
        "Logged 1h as session jf07bb → x",
        "Logged 1h as session q2w9zz → x",
        &mut ids
    ));
    assert_eq!(ids["jf07bb"], "q2w9zz");
    assert!(!same_but_ids("Logged 1h", "Logged 2h", &mut ids));
    assert!(!same_but_ids("session jf07bb", "session abcdef", &mut ids));
    let shown: Vec<String> = ["a", "...", "z"].map(String::from).to_vec();
    assert!(matches(&shown, &["a", "b", "c", "z"], &mut ids));
    assert!(!matches(&shown, &["a", "b"], &mut ids));
    assert_eq!(replace_word("jf07bb xjf07bb", "jf07bb", "q"), "q xjf07bb");
}

/// A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces as hyphens.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' '))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// The headings of a Markdown file, outside code blocks: their level and text.
fn headings(text: &str) -> Vec<(usize, String)> {
    let mut inside = false;
    let mut out = Vec::new();
    for line in text.lines() {
        if line.starts_with("```") {
            inside = !inside;
        }
        if !inside && line.starts_with('#') {
            let level = line.chars().take_while(|&c| c == '#').count();
            out.push((level, line[level..].trim().to_owned()));
        }
    }
    out
}

#[test]
fn every_link_between_the_pages_leads_somewhere_and_each_page_lists_its_sections() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pages = vec![root.join("README.md")];
    for entry in std::fs::read_dir(root.join("docs")).expect("docs/") {
        pages.push(entry.expect("entry").path());
    }
    let mut broken = Vec::new();
    for page in &pages {
        let text = std::fs::read_to_string(page).expect("read");
        // Links are in the prose: a code block's `[…](…)` is code (a starship format string).
        let prose: String = text.split("```").step_by(2).collect::<Vec<_>>().join("\n");
        for link in prose.split("](").skip(1) {
            let target = link.split(')').next().unwrap_or("");
            if target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            let (file, fragment) = target.split_once('#').unwrap_or((target, ""));
            let file = if file.is_empty() {
                page.clone()
            } else {
                page.parent().expect("dir").join(file)
            };
            let Ok(linked) = std::fs::read_to_string(&file) else {
                broken.push(format!("{}: {target}: no such file", page.display()));
                continue;
            };
            if !fragment.is_empty() && !headings(&linked).iter().any(|(_, h)| anchor(h) == fragment)
            {
                broken.push(format!("{}: {target}: no such section", page.display()));
            }
        }
        // A page in docs/ opens with the list of its sections.
        if page.parent().is_some_and(|d| d.ends_with("docs")) {
            for (level, heading) in headings(&text) {
                let entry = format!("](#{})", anchor(&heading));
                if level == 2 && !text.contains(&entry) {
                    broken.push(format!(
                        "{}: the contents do not list \"{heading}\"",
                        page.display()
                    ));
                }
            }
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}
