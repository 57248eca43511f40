//! The message a change is committed with, in a logbook kept in git, when it says nothing of itself.

/// The flags whose values a commit message may show: dates, kinds and figures, never free text.
const PLAIN_FLAGS: &[&str] = &[
    "--date",
    "-d",
    "--duration",
    "-t",
    "--role",
    "--payment",
    "--client-type",
    "--arrangement",
    "--group-size",
    "--from",
    "--to",
    "--period",
    "--as-of",
    "--scheme",
    "--kind",
    "--format",
    "--scores",
    "--rated-by",
    "--consent",
];

/// The command line as a commit message, for a change that says nothing of itself: the value of
/// any flag not known to be plain (a note, an experiment, a contact, an agreement's text) is left
/// out, as is anything after a `#` (the quick form's notes), so that no client's words reach the
/// history through a message.
pub(super) fn commit_message(args: &[String]) -> String {
    let mut shown = Vec::with_capacity(args.len());
    let mut hide_next = false;
    for arg in args {
        if hide_next && !arg.starts_with('-') {
            shown.push("…".to_owned());
            hide_next = false;
            continue;
        }
        hide_next = false;
        if arg.starts_with('#') {
            shown.push("# …".to_owned());
            break;
        }
        match arg.split_once('=') {
            Some((flag, _)) if flag.starts_with('-') && !PLAIN_FLAGS.contains(&flag) => {
                shown.push(format!("{flag}=…"));
            }
            _ => {
                hide_next =
                    arg.starts_with('-') && arg.len() > 1 && !PLAIN_FLAGS.contains(&arg.as_str());
                shown.push(arg.clone());
            }
        }
    }
    format!("coachlog {}", shown.join(" "))
}

#[cfg(test)]
mod tests {
    use super::commit_message;

    fn message(line: &[&str]) -> String {
        commit_message(&line.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>())
    }

    #[test]
    fn a_commit_message_keeps_the_command_and_plain_values_and_no_free_text() {
        assert_eq!(
            message(&[
                "log",
                "alex",
                "45m",
                "--date",
                "2026-11-20",
                "--notes",
                "she cried"
            ]),
            "coachlog log alex 45m --date 2026-11-20 --notes …"
        );
        assert_eq!(
            message(&[
                "partner",
                "agree",
                "alex",
                "--platform=Zoom",
                "--recording",
                "yes"
            ]),
            "coachlog partner agree alex --platform=… --recording …"
        );
        assert_eq!(
            message(&["log", "alex", "1h", "#", "talked", "about", "divorce"]),
            "coachlog log alex 1h # …"
        );
        assert_eq!(
            message(&[
                "partner",
                "edit",
                "alex",
                "--contact",
                "+49 30",
                "--payment",
                "paid"
            ]),
            "coachlog partner edit alex --contact … --payment paid"
        );
    }
}
