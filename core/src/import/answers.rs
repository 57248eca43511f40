//! Clients' answer blocks (see [`crate::domain::feedback`]) found in what the coach was sent: a
//! pasted message, a text file, or a saved e-mail (`.eml`: its text parts are decoded from
//! quoted-printable or base64 and their charset, and an HTML-only message is read as its text).
//!
//! Lines may come quoted (`> `, as in a reply) and wrapped; a block found twice in one input (an
//! e-mail's plain and HTML parts) is read once.

use chrono::NaiveDate;

use crate::domain::feedback::{Answer, BEGIN, BlockProblem, END, Request, parse_block};
use crate::domain::model::Session;

/// What one block in the input was: an answer, or why it cannot be read.
pub type Found = Result<Answer, BlockProblem>;

/// Whether `input` is a saved e-mail rather than plain text: it begins with mail headers.
pub fn is_email(input: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&input[..input.len().min(4096)]);
    let mut headers = 0;
    for line in head.lines() {
        if line.trim().is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) {
            continue;
        }
        let Some((name, _)) = line.split_once(':') else {
            return false;
        };
        if name.is_empty() || name.contains(char::is_whitespace) {
            return false;
        }
        let name = name.to_ascii_lowercase();
        if matches!(
            name.as_str(),
            "from" | "to" | "subject" | "date" | "mime-version" | "content-type" | "message-id"
        ) {
            headers += 1;
        }
    }
    headers >= 2
}

/// The texts of `input` in which to look for blocks: an e-mail's text parts (each decoded), or
/// the input itself as UTF-8 text.
pub fn texts(input: &[u8]) -> Result<Vec<String>, String> {
    if is_email(input) {
        let message = mail_parser::MessageParser::default()
            .parse(input)
            .ok_or("it looks like an e-mail, but its headers cannot be read")?;
        // Each text part (an HTML-only message's HTML, as text), and attached text files.
        let mut texts: Vec<String> = (0..message.text_body.len())
            .filter_map(|i| message.body_text(i).map(|t| t.into_owned()))
            .collect();
        texts.extend(message.attachments().filter_map(|a| {
            let is_text =
                mail_parser::MimeHeaders::content_type(a).is_none_or(|ct| ct.ctype() == "text");
            is_text
                .then(|| String::from_utf8(a.contents().to_vec()).ok())
                .flatten()
        }));
        return Ok(texts);
    }
    let text = std::str::from_utf8(input).map_err(|e| {
        format!(
            "it is not UTF-8 text (byte {} is not): give the message as text, or the saved e-mail \
             (.eml)",
            e.valid_up_to() + 1
        )
    })?;
    Ok(vec![text.trim_start_matches('\u{feff}').to_owned()])
}

/// A line without the quote marks of a reply (`> `, `>> `) and the spaces around it.
fn unquoted(line: &str) -> &str {
    let mut rest = line.trim();
    while let Some(inner) = rest.strip_prefix('>') {
        rest = inner.trim_start();
    }
    rest.trim_end()
}

/// Every block in `input`, in order, each once; `today` is the day of an answer whose plain-text
/// form leaves it out.
pub fn read(input: &[u8], today: NaiveDate) -> Result<Vec<Found>, String> {
    let mut found: Vec<Found> = Vec::new();
    for text in texts(input)? {
        let lines: Vec<&str> = text.lines().map(unquoted).collect();
        let mut i = 0;
        while i < lines.len() {
            if lines[i] != BEGIN {
                i += 1;
                continue;
            }
            let start = i + 1;
            let end = lines[start..]
                .iter()
                .position(|l| *l == END || *l == BEGIN)
                .map(|p| start + p);
            let block = match end {
                Some(end) if lines[end] == END => {
                    i = end + 1;
                    parse_block(&lines[start..end], today)
                }
                _ => {
                    let stop = end.unwrap_or(lines.len());
                    i = stop;
                    let body = &lines[start..stop];
                    Err(cut_off(body, today))
                }
            };
            if !found.contains(&block) {
                found.push(block);
            }
        }
    }
    Ok(found)
}

/// A block that has no end line: what it names, and that it is cut off.
fn cut_off(body: &[&str], today: NaiveDate) -> BlockProblem {
    let request = match parse_block(body, today) {
        Ok(answer) => Some(answer.request),
        Err(problem) => problem.request,
    };
    BlockProblem {
        request,
        why: format!(
            "it is cut off (no line {END}): a chat app or a mail program shortened it; ask the \
             client to send the whole block again"
        ),
    }
}

/// What becomes of one block: stored on its request's session, or refused with why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The answer, and the request it answers.
    Store {
        /// The answer.
        answer: Answer,
        /// The request (boxed: it carries its questions).
        request: Box<Request>,
    },
    /// Why it is not stored.
    Refused(BlockProblem),
}

/// Each block found, matched to its request and session: refused when the logbook has no such
/// request, its session is gone, the session already holds an answer (this one, imported before,
/// or another's), the block is given twice with different answers, or it is dated before the
/// session.
/// `session` reads the session of an id (one file, not the whole logbook).
pub fn judge(
    found: Vec<Found>,
    requests: &[Request],
    session: &dyn Fn(&str) -> Option<Session>,
) -> Vec<Verdict> {
    let mut taken: Vec<String> = Vec::new();
    found
        .into_iter()
        .map(|block| match block {
            Err(problem) => Verdict::Refused(problem),
            Ok(answer) => {
                let verdict = judge_one(answer, requests, session, &taken);
                if let Verdict::Store { request, .. } = &verdict {
                    taken.push(request.id.clone());
                }
                verdict
            }
        })
        .collect()
}

/// One answer, matched (see [`judge`]); `taken`: the requests answered earlier in the input.
fn judge_one(
    answer: Answer,
    requests: &[Request],
    session_of: &dyn Fn(&str) -> Option<Session>,
    taken: &[String],
) -> Verdict {
    let refuse = |why: String| {
        Verdict::Refused(BlockProblem {
            request: Some(answer.request.clone()),
            why,
        })
    };
    let Some(request) = requests.iter().find(|r| r.id == answer.request) else {
        return refuse(
            "this logbook made no such request (`coachlog feedback requests` lists the requests \
             made): was it sent from another logbook?"
                .to_owned(),
        );
    };
    let Some(session) = session_of(&request.session) else {
        return refuse(format!(
            "its session {} ({}) is no longer in the logbook",
            request.session, request.session_date
        ));
    };
    if let Some(held) = &session.feedback {
        return refuse(if held.origin.answers(&answer.request) {
            format!(
                "it was imported already: session {} holds it (answered {})",
                session.id, held.answered
            )
        } else {
            format!(
                "session {} holds the client's answer already (from {} {})",
                session.id,
                held.origin.source(),
                held.origin.id()
            )
        });
    }
    if taken.contains(&request.id) {
        return refuse(
            "it is given twice in what was read, with different answers: import the one the \
             client means"
                .to_owned(),
        );
    }
    if answer.answered < session.date {
        return refuse(format!(
            "it says it was answered on {}, before the session of {}",
            answer.answered, session.date
        ));
    }
    Verdict::Store {
        answer,
        request: Box::new(request.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::feedback::Via;

    fn day() -> NaiveDate {
        "2026-12-10".parse().expect("date")
    }

    fn answer() -> Answer {
        Answer {
            request: "k3f9qa".into(),
            answered: "2026-12-08".parse().expect("date"),
            scores: "9,10,8,9".parse().expect("scores"),
            experiment: Some("Leave more silence, and ask fewer questions about the past.".into()),
            share: true,
            via: Via::Page,
        }
    }

    #[test]
    fn a_pasted_reply_with_quote_marks_is_read() {
        let quoted: String = answer()
            .block()
            .lines()
            .map(|l| format!("> {l}\n"))
            .collect();
        let text = format!("Thanks, here it is:\n\n{quoted}\nSee you next week\n");
        let found = read(text.as_bytes(), day()).expect("text");
        assert_eq!(found, vec![Ok(answer())]);
    }

    #[test]
    fn a_saved_email_in_quoted_printable_is_read_once_from_its_two_parts() {
        let block = answer().block();
        // Quoted-printable: `=` is `=3D`, and a long line is broken with a soft `=` line end.
        let qp = block
            .replace('=', "=3D")
            .replace("and ask fewer", "and ask =\nfewer");
        let html = block.replace('\n', "<br>\n");
        let eml = format!(
            "From: Alex <alex@example.org>\r\nTo: coach@example.org\r\nSubject: Re: feedback\r\n\
             MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n\
             --b1\r\nContent-Type: text/plain; charset=utf-8\r\n\
             Content-Transfer-Encoding: quoted-printable\r\n\r\n{}\r\n\
             --b1\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>{html}</p>\r\n--b1--\r\n",
            qp.replace('\n', "\r\n")
        );
        assert!(is_email(eml.as_bytes()));
        let found = read(eml.as_bytes(), day()).expect("e-mail");
        assert_eq!(found, vec![Ok(answer())]);
    }

    #[test]
    fn an_html_only_email_is_read_as_its_text() {
        let html = answer().block().replace('\n', "<br>\n");
        let eml = format!(
            "From: Alex <alex@example.org>\r\nTo: coach@example.org\r\nSubject: Re: feedback\r\n\
             MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n\
             <html><body><p>{html}</p></body></html>\r\n"
        );
        assert_eq!(
            read(eml.as_bytes(), day()).expect("e-mail"),
            vec![Ok(answer())]
        );
    }

    #[test]
    fn a_block_without_its_end_is_cut_off() {
        let block = answer().block();
        let cut = &block[..block.find("share").expect("share")];
        let found = read(cut.as_bytes(), day()).expect("text");
        let [Err(problem)] = found.as_slice() else {
            panic!("{found:?}")
        };
        assert_eq!(problem.request.as_deref(), Some("k3f9qa"));
        assert!(problem.why.contains("cut off"), "{problem}");
    }

    #[test]
    fn text_that_is_not_utf8_is_named() {
        let err = read(b"caf\xe9", day()).expect_err("latin-1");
        assert!(err.contains("not UTF-8"), "{err}");
    }
}
