//! A feedback request as the client receives it: one self-contained HTML page (inline style and a
//! short inline script, no request of any kind, every name escaped) that asks the questions and
//! makes the answer block, and a plain-text message to send with it that holds the same questions
//! as a form to fill in by hand.
//!
//! The page's script computes the block's check exactly as [`coachlog_core::domain::feedback`]
//! verifies it: CRC-32 of the lines from `request` to `share`, white space collapsed the way Rust's
//! `split_whitespace` does.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use coachlog_core::domain::feedback::{BEGIN, END, MAX_EXPERIMENT, Request, blank_form};

/// What the page and the message name: the request, the client's name, the coach's name, and the
/// address the answer goes back to.
pub struct Asked<'a> {
    /// The request.
    pub request: &'a Request,
    /// The client's name as the logbook has it.
    pub client: &'a str,
    /// The coach's name (`name` in config.toml), if set.
    pub coach: Option<&'a str>,
    /// `[feedback] reply_to`, if set.
    pub reply_to: Option<&'a str>,
}

const STYLE: &str = r#"
:root { color-scheme: light; }
body { font: 17px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
  color: #1b1b1b; max-width: 40rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 .5rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; }
fieldset { border: 1px solid #b8c4d0; border-radius: 6px; margin: 1.2rem 0; padding: .6rem .8rem .8rem; }
legend { font-weight: 600; padding: 0 .3rem; }
.scale { display: flex; flex-wrap: wrap; gap: .3rem; margin: .4rem 0 .2rem; }
.scale label { display: inline-flex; align-items: center; justify-content: center; min-width: 2.4rem;
  min-height: 2.4rem; border: 1px solid #5f6f7f; border-radius: 4px; cursor: pointer; }
.scale input { position: absolute; opacity: 0; width: 1px; height: 1px; }
.scale input:checked + label { background: #1f4e79; color: #fff; border-color: #1f4e79; }
.scale input:focus-visible + label { outline: 3px solid #f2a541; outline-offset: 2px; }
.ends { color: #444; font-size: .9rem; margin: 0; }
.choice label { margin-right: 1.2rem; }
textarea { width: 100%; box-sizing: border-box; font: inherit; padding: .4rem; }
button, a.button { font: inherit; padding: .5rem 1rem; border-radius: 6px; border: 1px solid #1f4e79;
  background: #1f4e79; color: #fff; cursor: pointer; text-decoration: none; display: inline-block;
  margin: .4rem .6rem .4rem 0; }
button.secondary, a.button.secondary { background: #fff; color: #1f4e79; }
#problem { color: #8a1c1c; font-weight: 600; }
#answer { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .9rem; }
.note { color: #444; font-size: .95rem; }
"#;

/// The script: checks that each scored question has an answer, makes the block with its check,
/// and offers to copy it or send it by e-mail.
const SCRIPT: &str = r#"
(function () {
  var form = document.getElementById('feedback');
  var ws = /[\t\n\u000b\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;
  function collapse(v) { return v.replace(ws, ' ').trim(); }
  function crc32(text) {
    var bytes = new TextEncoder().encode(text), c = -1;
    for (var i = 0; i < bytes.length; i++) {
      c ^= bytes[i];
      for (var k = 0; k < 8; k++) { c = (c >>> 1) ^ (0xEDB88320 & -(c & 1)); }
    }
    return ((c ^ -1) >>> 0).toString(16).padStart(8, '0');
  }
  function picked(name) {
    var on = form.querySelector('input[name="' + name + '"]:checked');
    return on ? on.value : null;
  }
  function today() {
    var d = new Date(), p = function (n) { return String(n).padStart(2, '0'); };
    return d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate());
  }
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var problem = document.getElementById('problem');
    var scored = ['relationship', 'goals', 'approach', 'overall'];
    for (var i = 0; i < scored.length; i++) {
      if (picked(scored[i]) === null) {
        problem.textContent = 'Please give question ' + (i + 1) + ' a number from 0 to 10.';
        form.querySelector('input[name="' + scored[i] + '"]').focus();
        return;
      }
    }
    problem.textContent = '';
    var lines = [['request', form.dataset.request], ['answered', today()]];
    scored.forEach(function (k) { lines.push([k, picked(k)]); });
    lines.push(['experiment', collapse(document.getElementById('experiment').value)]);
    lines.push(['share', picked('share') === 'yes' ? 'yes' : 'no']);
    var body = lines.map(function (l) { return l[0] + ': ' + collapse(l[1]); }).join('\n');
    var block = form.dataset.begin + '\n' + body + '\ncheck: ' + crc32(body) + '\n' + form.dataset.end + '\n';
    var answer = document.getElementById('answer');
    answer.value = block;
    var mail = document.getElementById('mail');
    mail.href = 'mailto:' + form.dataset.to + '?subject=' + encodeURIComponent(form.dataset.subject)
      + '&body=' + encodeURIComponent(block.replace(/\n/g, '\r\n'));
    document.getElementById('done').hidden = false;
    answer.focus();
    answer.select();
  });
  document.getElementById('copy').addEventListener('click', function () {
    var answer = document.getElementById('answer'), said = document.getElementById('copied');
    answer.select();
    var done = function () { said.textContent = 'Copied. Paste it into your reply.'; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(answer.value).then(done, function () { document.execCommand('copy'); done(); });
    } else { document.execCommand('copy'); done(); }
  });
})();
"#;

/// The subject of the message and of the page's e-mail.
fn subject(asked: &Asked) -> String {
    format!("Feedback on our session of {}", asked.request.session_date)
}

/// One question scored 0 to 10, as a group of radio buttons.
fn scale(key: &str, number: usize, question: &str) -> Markup {
    let ends = format!("ends-{key}");
    html! {
        fieldset aria-describedby=(ends) {
            legend { (number) ". " (question) }
            p.ends id=(ends) { "0: not at all · 10: fully" }
            div.scale {
                @for value in 0..=10 {
                    @let id = format!("{key}-{value}");
                    input type="radio" name=(key) id=(id) value=(value);
                    label for=(id) { (value) }
                }
            }
        }
    }
}

/// The page.
pub fn page(asked: &Asked) -> String {
    let r = asked.request;
    let q = &r.questions;
    let by = asked
        .coach
        .map_or_else(String::new, |c| format!(" with {c}"));
    let markup = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (subject(asked)) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                main {
                    h1 { "How was our session?" }
                    p {
                        "Hello " (asked.client) ", thank you for our session" (by) " on "
                        (r.session_date) ". Your answers help me learn what works for you. "
                        "They go nowhere until you send them."
                    }
                    noscript {
                        p { "This page needs its script to make your answer. The message it came \
                             with holds the same questions as a form: fill that in and send it \
                             back." }
                    }
                    form id="feedback" data-request=(r.id) data-begin=(BEGIN) data-end=(END)
                        data-subject=(subject(asked)) data-to=(asked.reply_to.unwrap_or("")) {
                        @for (i, (key, question)) in q.scored().into_iter().enumerate() {
                            (scale(key, i + 1, question))
                        }
                        p {
                            label for="experiment" { "5. " (q.experiment) }
                        }
                        textarea id="experiment" name="experiment" rows="4"
                            maxlength=(MAX_EXPERIMENT) {}
                        fieldset.choice {
                            legend { "6. " (q.share) }
                            input type="radio" name="share" id="share-yes" value="yes";
                            label for="share-yes" { "Yes" }
                            input type="radio" name="share" id="share-no" value="no" checked;
                            label for="share-no" { "No" }
                        }
                        p id="problem" role="alert" {}
                        button type="submit" { "Make my answer" }
                    }
                    section id="done" hidden aria-labelledby="done-title" {
                        h2 id="done-title" { "Your answer" }
                        p.note { "Send this block back to me as it is: copy it into your reply, \
                                  or open it in an e-mail." }
                        label for="answer" { "The block to send" }
                        textarea id="answer" rows="12" readonly {}
                        button type="button" id="copy" class="secondary" { "Copy the block" }
                        a id="mail" class="button secondary" href="mailto:" { "Send it by e-mail" }
                        p id="copied" role="status" {}
                    }
                }
                script { (PreEscaped(SCRIPT)) }
            }
        }
    };
    markup.into_string()
}

/// The message to send with the page, the plain-text form of the questions at its end.
pub fn message(asked: &Asked, page_file: &str) -> String {
    let r = asked.request;
    let q = &r.questions;
    let mut questions = String::new();
    for (key, question) in q.scored() {
        questions.push_str(&format!("  {key}: {question} (0 to 10)\n"));
    }
    questions.push_str(&format!("  experiment: {}\n", q.experiment));
    questions.push_str(&format!("  share: {} (yes or no)\n", q.share));
    let signed = asked.coach.map_or_else(String::new, |c| format!("\n{c}\n"));
    let wrapped = |text: String| crate::ui::table::wrap(&text, 72).join("\n");
    let para = |text: &str| wrapped(text.to_owned());
    format!(
        "Subject: {subject}\n\n\
         Hello {client},\n\n\
         {thanks}\n\n\
         {open}\n\n\
         {instead}\n\n\
         {questions}\n\
         {form}\n\
         Thank you!\n{signed}",
        subject = subject(asked),
        client = asked.client,
        thanks = wrapped(format!(
            "Thank you for our session on {}. I would value your feedback: four questions \
             answered from 0 (not at all) to 10 (fully), and one about what I could try next \
             time. It takes two minutes.",
            r.session_date
        )),
        open = wrapped(format!(
            "Open the page I attached ({page_file}) in a browser, answer, and send me the short \
             block it makes."
        )),
        instead = para(
            "If the page does not open, answer here instead: copy the form below into your \
             reply and write your answer after each key."
        ),
        form = blank_form(&r.id),
    )
}
