//! How a practice group's round looks: the table of pairs and rings with those left out, and the
//! message each pair or ring session gets.

use chrono::Duration;

use crate::ui::table::{Column, Grid, wrap};
use crate::views::Look;
use coachlog_core::domain::agreement::{Item, POINTS};
use coachlog_core::domain::duration::Minutes;
use coachlog_core::group::outputs::{GroupJson, MemberJson, RoundFile, SessionJson, at};

/// The time both are free, from its start to its end, in `zone` (`Mon 18:00-21:00`, or with the
/// day again where it ends on the next).
fn span(session: &SessionJson, zone: &str) -> String {
    let end = session.free_from + Duration::minutes(session.free_minutes);
    let (from, to) = (at(session.free_from, zone), at(end, zone));
    match (from.split_once(' '), to.split_once(' ')) {
        (Some((d1, _)), Some((d2, t2))) if d1 == d2 => format!("{from}-{t2}"),
        _ => format!("{from} - {to}"),
    }
}

/// The name of the person of `group` with this address (the address, for one it does not hold).
fn name<'a>(group: &'a GroupJson, email: &'a str) -> &'a str {
    member(group, email).map_or(email, |m| m.name.as_str())
}

/// Their time zone (UTC, for one it does not hold).
fn zone<'a>(group: &'a GroupJson, email: &str) -> &'a str {
    member(group, email).map_or("UTC", |m| m.timezone.as_str())
}

fn member<'a>(group: &'a GroupJson, email: &str) -> Option<&'a MemberJson> {
    group.people.iter().find(|m| m.email == email)
}

/// A session length as durations are written (`1h`, `45m`).
fn length(minutes: u32) -> String {
    Minutes::new(minutes).map_or_else(|| format!("{minutes}m"), |m| m.to_string())
}

/// How many are matched, in how many pairs and rings.
pub fn headline(round: &RoundFile) -> String {
    let matched: usize = round.groups.iter().map(|g| g.people.len()).sum();
    let pairs = round.groups.iter().filter(|g| g.kind == "pair").count();
    let rings = round.groups.len() - pairs;
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "Round of the week of {} (seed {}): {} of {} matched, in {} and {}.",
        round.week,
        round.seed,
        matched,
        plural(matched + round.unmatched.len(), "person", "people"),
        plural(pairs, "pair", "pairs"),
        plural(rings, "ring", "rings"),
    )
}

/// The round as a table: one row per pair, and per session of a ring (who coaches whom); then
/// those left out, with why.
pub fn round_text(round: &RoundFile, look: &Look) -> String {
    let mut out = look.paragraph("", &headline(round));
    if !round.groups.is_empty() {
        let mut grid = Grid::new(
            look,
            [
                Column::keep("Group").right(),
                Column::keep("Kind"),
                Column::wrap("Who"),
                Column::keep("Language").optional(2),
                Column::keep("Session").right().optional(1),
                Column::wrap("Both free"),
            ],
        );
        for g in &round.groups {
            let rows: Vec<&SessionJson> = if g.kind == "pair" {
                g.sessions.iter().take(1).collect()
            } else {
                g.sessions.iter().collect()
            };
            for s in rows {
                let (coach, client) = (name(g, &s.coach), name(g, &s.client));
                let who = if g.kind == "pair" {
                    format!("{} and {}", look.clean(coach, 40), look.clean(client, 40))
                } else {
                    format!(
                        "{} {} {}",
                        look.clean(coach, 40),
                        look.symbols().arrow,
                        look.clean(client, 40)
                    )
                };
                grid.row([
                    g.group.to_string(),
                    g.kind.clone(),
                    who,
                    look.clean(&s.language, 20),
                    length(s.minutes),
                    format!(
                        "{} {}",
                        span(s, zone(g, &s.coach)),
                        look.clean(zone(g, &s.coach), 40)
                    ),
                ]);
            }
        }
        out.push('\n');
        out.push_str(&grid.render());
    }
    if !round.unmatched.is_empty() {
        out.push('\n');
        out.push_str(&look.paragraph("", &format!("Not matched ({}):", round.unmatched.len())));
        let mut grid = Grid::new(
            look,
            [
                Column::keep("Line").right(),
                Column::wrap("Name"),
                Column::keep("Practice").optional(1),
                Column::wrap("Why"),
            ],
        );
        for u in &round.unmatched {
            grid.row([
                u.line.to_string(),
                look.clean(&u.name, 40),
                u.practice.clone(),
                u.why.clone(),
            ]);
        }
        out.push_str(&grid.render());
    }
    out
}

/// What each point of the agreement asks, after its heading.
fn point(heading: &str, items: &[Item]) -> String {
    match heading {
        "Logistics" => items
            .iter()
            .map(|i| i.label())
            .collect::<Vec<_>>()
            .join(", "),
        "Each other's coaching approach" => {
            "interview each other on how you coach, and why".to_owned()
        }
        "Feedback" => "whether the client gives it right after the session, at the next one, \
                       or not at all (left to a mentor)"
            .to_owned(),
        "If it is not working" => {
            "what happens if the client feels uncomfortable, or the practice does not help"
                .to_owned()
        }
        _ => "what each of you practises as the coach, and a real topic from the client, not \
              role play"
            .to_owned(),
    }
}

/// The message for session `k` of `group` (for a pair, the pair): to both people, what they do,
/// when both are free in each one's time, the points to agree, and how to add the partner.
pub fn message(round: &RoundFile, group: &GroupJson, k: usize) -> String {
    let s = &group.sessions[k];
    let (coach, client) = (name(group, &s.coach), name(group, &s.client));
    let pair = group.kind == "pair";
    let para = |text: String| format!("{}\n\n", wrap(&text, 72).join("\n"));
    let mut out = format!(
        "To: {coach} <{}>, {client} <{}>\nSubject: {}\n\n",
        s.coach,
        s.client,
        if pair {
            format!("Your practice partner for the week of {}", round.week)
        } else {
            format!(
                "One-way practice from the week of {}: {coach} coaches {client}",
                round.week
            )
        }
    );
    let length = length(s.minutes);
    if pair {
        out += &para(format!(
            "{coach} and {client}: you are practice partners in this round. You coach each \
             other, {length} a session, in {}.",
            s.language
        ));
    } else {
        let others: Vec<String> = group
            .sessions
            .iter()
            .filter(|t| t.coach != s.coach)
            .map(|t| {
                format!(
                    "{} coaches {}",
                    name(group, &t.coach),
                    name(group, &t.client)
                )
            })
            .collect();
        out += &para(format!(
            "{coach} coaches {client} in this round, {length} a session, in {}. It is one-way \
             practice in a ring of {}: {}, so nobody coaches the one who coaches them.",
            s.language,
            group.people.len(),
            others.join(", ")
        ));
    }
    let (zc, zl) = (zone(group, &s.coach), zone(group, &s.client));
    out += &para(if zc == zl {
        format!("You are both free {} ({zc}).", span(s, zc))
    } else {
        format!(
            "You are both free {} for {coach} ({zc}), which is {} for {client} ({zl}).",
            span(s, zc),
            span(s, zl)
        )
    });
    out += "Before the first session, agree on:\n";
    for (heading, items) in POINTS {
        let line = format!("- {heading}: {}.", point(heading, items));
        out += &wrap(&line, 72).join("\n  ");
        out.push('\n');
    }
    out.push('\n');
    out += &para(
        "Each of you has an invitation file from this round. Add your partner to your logbook \
         with `coachlog partner add --from FILE`, then record what you agree with `coachlog \
         partner agree ID`."
            .to_owned(),
    );
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// The file each message is written as, in the order of [`messages`]: `group-01.txt` for a pair,
/// `group-02-1.txt` for the first session of a ring.
pub fn messages(round: &RoundFile) -> Vec<(String, String)> {
    let digits = round.groups.len().to_string().len().max(2);
    let mut out = Vec::new();
    for g in &round.groups {
        if g.kind == "pair" {
            out.push((
                format!("group-{:0digits$}.txt", g.group),
                message(round, g, 0),
            ));
        } else {
            for k in 0..g.sessions.len() {
                out.push((
                    format!("group-{:0digits$}-{}.txt", g.group, k + 1),
                    message(round, g, k),
                ));
            }
        }
    }
    out
}
