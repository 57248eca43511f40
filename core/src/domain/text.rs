//! Free text the user types: names, aliases, contacts and notes.
//!
//! Text is stored exactly as given; only characters that could corrupt a terminal or a table are
//! refused at the door.

/// A one-line text (a name, an alias, a contact): trimmed, not empty, no control characters.
pub fn single_line(input: &str) -> Result<String, String> {
    let text = input.trim();
    if text.is_empty() {
        return Err("an empty text is not allowed here: give at least one letter".to_owned());
    }
    if let Some(c) = text.chars().find(|c| c.is_control()) {
        return Err(format!(
            "{:?} contains the control character {}: type it without control characters",
            for_terminal(&shorten(text), usize::MAX, "…"),
            c.escape_unicode()
        ));
    }
    if let Some(c) = text.chars().find(|c| is_invisible(*c)) {
        return Err(format!(
            "{:?} contains the invisible character {} (a direction override or a zero-width \
             character, which can make one name look like another): type it without",
            for_terminal(&shorten(text), usize::MAX, "…"),
            c.escape_unicode()
        ));
    }
    Ok(text.to_owned())
}

/// An e-mail address, lower case: one line, a name and a host with a dot, no space.
pub fn email(input: &str) -> Result<String, String> {
    let text = input.trim().to_lowercase();
    let valid = match text.split_once('@') {
        Some((user, host)) => {
            !user.is_empty()
                && host.contains('.')
                && !text.contains(char::is_whitespace)
                && text.len() <= 254
        }
        None => false,
    };
    if !valid || single_line(&text).is_err() {
        return Err(format!(
            "'{}' is not an e-mail address (e.g. alex@example.org)",
            for_terminal(&shorten(&text), usize::MAX, "…")
        ));
    }
    Ok(text)
}

/// Whether `c` can hide or reorder what a text shows: a bidirectional embedding, override or
/// isolate, or a zero-width character.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200B}'..='\u{200D}'
            | '\u{2060}'
            | '\u{FEFF}'
            | '\u{061C}'
            | '\u{180E}'
    )
}

/// Any text made safe for a terminal: control characters (but newline and tab), which could move
/// the cursor, change colours or write the clipboard, and invisible ones ([`is_invisible`]) are
/// shown escaped (`\u{1b}`), and a line longer than `max_line` characters is cut, ending in
/// `ellipsis`. The one function every message and listing shows user text through.
pub fn for_terminal(text: &str, max_line: usize, ellipsis: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut on_line = 0;
    let mut cut = false;
    for c in text.chars() {
        if c == '\n' {
            out.push(c);
            on_line = 0;
            cut = false;
            continue;
        }
        if cut {
            continue;
        }
        let escaped = (c.is_control() && c != '\t') || is_invisible(c);
        let width = if escaped {
            c.escape_unicode().count()
        } else {
            1
        };
        if on_line + width > max_line {
            out.push_str(ellipsis);
            cut = true;
            continue;
        }
        on_line += width;
        if escaped {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether [`for_terminal`] would change `text` (but for cutting it).
pub fn needs_escaping(text: &str) -> bool {
    text.chars()
        .any(|c| (c.is_control() && c != '\t' && c != '\n') || is_invisible(c))
}

/// A free-form note: may span lines and hold tabs, but no other control characters.
pub fn notes(input: &str) -> Result<String, String> {
    let text = input.trim_end();
    if text.len() > MAX_NOTES_BYTES {
        return Err(format!(
            "the notes are {} KiB, and notes are kept up to {} KiB: shorten them (a long text \
             belongs in a file of its own, which `coachlog attach` can keep)",
            text.len().div_ceil(1024),
            MAX_NOTES_BYTES / 1024
        ));
    }
    if let Some(c) = text
        .chars()
        .find(|c| c.is_control() && *c != '\n' && *c != '\t')
    {
        return Err(format!(
            "the notes contain the control character {}: remove it",
            c.escape_unicode()
        ));
    }
    Ok(text.to_owned())
}

/// The longest notes kept, in bytes: well within what a record's file may hold.
pub const MAX_NOTES_BYTES: usize = 64 * 1024;

/// A count with its noun: `count(1, "session", "sessions")` is "1 session", with 2 "2 sessions".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", agree(n, one, many))
}

/// The word that agrees with a count: `agree(n, "is", "are")`, `agree(n, "it", "them")`.
pub fn agree<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// A yes or no, however it is typed: `yes`, `y`, `true`, `on` or `no`, `n`, `false`, `off`, in any
/// case; the same on the command line, at a prompt and in `config set`.
pub fn yes_no(input: &str) -> Result<bool, String> {
    match input.trim().to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" | "on" => Ok(true),
        "no" | "n" | "false" | "off" => Ok(false),
        _ => Err(format!(
            "'{input}' is not yes or no (true and false, on and off, work too)"
        )),
    }
}

/// "yes" or "no", as views and files write a yes or no (and [`yes_no`] reads it back).
pub fn yes_no_word(value: bool) -> &'static str {
    if value { "yes" } else { "no" }
}

/// At most 60 characters of a text, for quoting it in a message.
pub fn shorten(text: &str) -> String {
    const LIMIT: usize = 60;
    if text.chars().count() <= LIMIT {
        text.to_owned()
    } else {
        let mut short: String = text.chars().take(LIMIT - 1).collect();
        short.push('…');
        short
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_for_a_terminal_shows_escapes_and_cuts_long_lines() {
        assert_eq!(
            for_terminal("a\u{1b}]52;c;aGk=\u{7}b", 100, "…"),
            "a\\u{1b}]52;c;aGk=\\u{7}b"
        );
        assert_eq!(
            for_terminal("Ale\u{202e}x\tK", 100, "…"),
            "Ale\\u{202e}x\tK"
        );
        assert_eq!(for_terminal("\u{9b}2J", 100, "…"), "\\u{9b}2J", "C1 too");
        assert_eq!(for_terminal("abcdef\nxy", 3, "…"), "abc…\nxy");
        assert!(needs_escaping("x\u{200b}y") && !needs_escaping("Zoë\tnote\n"));
        assert!(single_line("Al\u{202e}ex").is_err());
        assert!(single_line("Al\u{200b}ex").is_err());
        assert_eq!(single_line(" Zoë Nair ").as_deref(), Ok("Zoë Nair"));
    }

    #[test]
    fn counts_and_yes_or_no() {
        assert_eq!(count(1, "session", "sessions"), "1 session");
        assert_eq!(count(0, "session", "sessions"), "0 sessions");
        assert_eq!(agree(2, "is", "are"), "are");
        for yes in ["yes", "Y", "true", "on"] {
            assert_eq!(yes_no(yes), Ok(true), "{yes}");
        }
        for no in ["no", "N", "false", "OFF"] {
            assert_eq!(yes_no(no), Ok(false), "{no}");
        }
        assert!(
            yes_no("maybe")
                .expect_err("maybe")
                .contains("'maybe' is not yes or no")
        );
    }

    #[test]
    fn keeps_text_exactly_but_trims_edges() {
        assert_eq!(
            single_line("  Alex \"AK\" Kim, Jr. ").as_deref(),
            Ok("Alex \"AK\" Kim, Jr.")
        );
        assert_eq!(single_line("\u{200f}سارة").as_deref(), Ok("\u{200f}سارة"));
        assert_eq!(
            notes("line one\n\tline two\n").as_deref(),
            Ok("line one\n\tline two")
        );
    }

    #[test]
    fn refuses_empty_and_control_characters() {
        assert!(single_line("   ").is_err());
        assert!(
            single_line("Alex\u{1b}[31mKim")
                .expect_err("escape")
                .contains("\\u{1b}")
        );
        assert!(single_line("two\nlines").is_err());
        assert!(notes("bell\u{7}").is_err());
    }

    #[test]
    fn shortens_long_text_for_messages() {
        assert_eq!(shorten(&"x".repeat(100)).chars().count(), 60);
        assert_eq!(shorten("short"), "short");
    }
}
