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
        FileProblem::new(
            error.span().map(|span| line_at(text, span.start)),
            error.message(),
        )
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
    }
}
