//! What is wrong with a file that cannot be read as a record: the line, when it is known, and
//! what. Shared by every reader and by `check`.

use std::fmt;

/// What is wrong with a record file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    /// The 1-based line the problem is on, when it is known.
    pub line: Option<usize>,
    /// What is wrong, and what to do.
    pub message: String,
}

impl FileProblem {
    /// A problem on `line` (when known).
    pub fn new(line: Option<usize>, message: impl Into<String>) -> Self {
        FileProblem {
            line,
            message: message.into(),
        }
    }

    /// A problem with the file as a whole (its name, say).
    pub fn whole(message: impl Into<String>) -> Self {
        FileProblem::new(None, message)
    }

    /// A TOML error in `text`: its message without the source snippet (which may be a very long
    /// line), and its line.
    pub fn of_toml(text: &str, error: &toml::de::Error) -> Self {
        let line = error.span().map(|span| line_at(text, span.start));
        let message = error.message().trim_end();
        // A value of the wrong kind names its key, what it holds and a form that reads.
        let key = line
            .and_then(|l| text.lines().nth(l - 1))
            .and_then(|l| l.split_once('='))
            .map(|(key, _)| key.trim().trim_matches('"'))
            .filter(|key| !key.is_empty() && !key.starts_with('['));
        let message = match (key, message.strip_prefix("invalid type: ")) {
            (Some(key), Some(rest)) => {
                let holds = rest.split(", expected").next().unwrap_or(rest);
                match example(key) {
                    Some(form) => format!("{key}: {holds} is not {form}"),
                    None => format!("{key}: {message}"),
                }
            }
            _ => message.to_owned(),
        };
        FileProblem::new(line, message)
    }

    /// The same problem, its message after `what` ("not a valid session file: …").
    pub fn in_a(self, what: &str) -> Self {
        FileProblem {
            message: format!("not a valid {what} file: {}", self.message),
            ..self
        }
    }
}

impl fmt::Display for FileProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for FileProblem {}

/// What a key of a record holds, with an example that reads, for the keys a hand edit most often
/// gets wrong.
fn example(key: &str) -> Option<&'static str> {
    Some(match key {
        "minutes" | "default_minutes" => "a whole number of minutes (e.g. minutes = 60)",
        "date" | "start" | "end" | "granted" | "training_start" => {
            "a date as YYYY-MM-DD, unquoted (e.g. date = 2026-03-14)"
        }
        "group_size" => "a whole number of members (e.g. group_size = 4)",
        "version" => "the format version, a number (version = 1)",
        "consent" => "true or false (e.g. consent = true)",
        "hours" => "a number of hours (e.g. hours = 62.5)",
        _ => return None,
    })
}

/// The 1-based line of a byte offset.
pub fn line_at(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .map_or(1, |t| t.matches('\n').count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_names_its_line() {
        assert_eq!(line_at("a\nb\nc", 4), 3);
        let error = toml::from_str::<toml::Table>("a = 1\nb = = 2\n").expect_err("bad");
        let problem = FileProblem::of_toml("a = 1\nb = = 2\n", &error).in_a("session");
        assert_eq!(problem.line, Some(2));
        assert!(
            problem
                .to_string()
                .starts_with("line 2: not a valid session file: "),
            "{problem}"
        );
        assert_eq!(FileProblem::whole("x").to_string(), "x");
        // A value of the wrong kind: its key, what it holds, and a form that reads.
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Record {
            minutes: i64,
        }
        let text = "minutes = \"an hour\"\n";
        let error = toml::from_str::<Record>(text).expect_err("a string");
        let problem = FileProblem::of_toml(text, &error);
        assert_eq!(problem.line, Some(1));
        assert_eq!(
            problem.message,
            "minutes: string \"an hour\" is not a whole number of minutes (e.g. minutes = 60)"
        );
    }
}
