//! Partners: the `partner list` table and JSON, and everything `partner show` prints about one.

use std::path::Path;

use serde::Serialize;

use super::Look;
use crate::ui::table::{Column, Grid};
use coachlog_core::domain::agreement::Item;
use coachlog_core::domain::checklist;
use coachlog_core::domain::duration::{hours_2dp, hours_f64};
use coachlog_core::domain::id::PartnerId;
use coachlog_core::domain::model::{Arrangement, ClientType, Format, Partner, Payment};
use coachlog_core::domain::text::yes_no_word;
use coachlog_core::reports::activity::Activity;

/// One partner in `partner list --json`; contact and notes stay out (they are confidential).
#[derive(Serialize)]
struct PartnerJson<'a> {
    id: &'a PartnerId,
    name: &'a str,
    client_type: ClientType,
    arrangement: Arrangement,
    format: Format,
    group_size: Option<u32>,
    consent: bool,
    alias: Option<&'a str>,
    payment: Option<Payment>,
    default_minutes: Option<u32>,
    sessions: u32,
    coaching_hours: f64,
    received_hours: f64,
    /// The agreement items not yet agreed, for practice partners; `null` for others.
    agreement_missing: Option<Vec<&'static str>>,
    /// The day the engagement ended, for an ended partner.
    #[serde(skip_serializing_if = "Option::is_none")]
    ended: Option<chrono::NaiveDate>,
}

/// The partners as `partner list --json` prints them, each with its activity (`of`).
pub fn list_json<'a>(
    partners: &'a [Partner],
    of: impl Fn(&Partner) -> &'a Activity,
) -> impl Serialize + 'a {
    partners
        .iter()
        .map(|p| PartnerJson {
            id: &p.id,
            name: &p.name,
            client_type: p.client_type,
            arrangement: p.arrangement,
            format: p.format(),
            group_size: p.group_size.map(|g| g.get()),
            consent: p.consent,
            alias: p.alias.as_deref(),
            payment: p.payment,
            default_minutes: p.default_minutes.map(|m| m.get()),
            sessions: of(p).sessions(),
            coaching_hours: hours_f64(of(p).coach_minutes),
            received_hours: hours_f64(of(p).client_minutes),
            agreement_missing: has_practice_agreement(p).then(|| {
                checklist::missing(p)
                    .into_iter()
                    .map(|i| i.label())
                    .collect()
            }),
            ended: p.ended,
        })
        .collect::<Vec<PartnerJson>>()
}

/// The partners as a table, each with its activity (`of`).
pub fn list_text<'a>(
    partners: &'a [Partner],
    of: impl Fn(&Partner) -> &'a Activity,
    look: &Look,
) -> String {
    let mut table = Grid::new(
        look,
        [
            Column::keep("ID"),
            Column::wrap("Name"),
            Column::keep("Client type"),
            Column::keep("Arrangement").optional(3),
            Column::keep("Format").optional(1),
            Column::keep("Consent").optional(2),
            Column::keep("Sessions").right().optional(4),
            Column::keep("Hours as coach").right(),
            Column::wrap("Agreement").optional(5),
        ],
    );
    for p in partners {
        let name = look.clean(&p.name, 40);
        table.row([
            p.id.to_string(),
            match p.ended {
                Some(day) => format!("{name} (ended {day})"),
                None => name,
            },
            p.client_type.to_string(),
            p.arrangement.to_string(),
            format_text(p),
            yes_no_word(p.consent).to_owned(),
            of(p).sessions().to_string(),
            hours_2dp(of(p).coach_minutes),
            agreement_mark(p),
        ]);
    }
    table.render()
}

/// Everything about one partner: details, activity, the agreement and the notes; `file` is where
/// the partner is kept.
pub fn show_text(p: &Partner, activity: &Activity, file: &Path, look: &Look) -> String {
    let none = || look.symbols().none.to_owned();
    let payment = match p.payment {
        Some(payment) => payment.to_string(),
        None => format!(
            "{} (the default for a {} arrangement)",
            Payment::default_for(p.arrangement),
            p.arrangement
        ),
    };
    let mut lines = vec![
        ("id", p.id.to_string()),
        ("client type", p.client_type.to_string()),
        ("arrangement", p.arrangement.to_string()),
        ("format", format_text(p)),
        (
            "consent",
            format!(
                "{} (to be named in an accreditor's log)",
                yes_no_word(p.consent)
            ),
        ),
        (
            "alias",
            p.alias.as_deref().map_or_else(none, |a| look.clean(a, 200)),
        ),
        (
            "contact",
            p.contact
                .as_deref()
                .map_or_else(none, |c| look.clean(c, 200)),
        ),
        ("payment", payment),
        (
            "duration",
            p.default_minutes.map_or_else(none, |m| m.to_string()),
        ),
        (
            "sessions",
            format!(
                "{} as coach ({} h), {} as client ({} h)",
                activity.coach_sessions,
                hours_2dp(activity.coach_minutes),
                activity.client_sessions,
                hours_2dp(activity.client_minutes)
            ),
        ),
    ];
    if let (Some(first), Some(last)) = (activity.first, activity.last) {
        lines.push(("first / last", format!("{first} / {last}")));
    }
    if let Some(day) = p.ended {
        lines.push((
            "ended",
            format!("{day} (`coachlog partner resume {}` undoes it)", p.id),
        ));
    }
    lines.push(("file", file.display().to_string()));

    let mut out = format!("{}\n", look.clean(&p.name, 500));
    for (key, value) in lines {
        // The value wraps under itself; a file's path is kept whole.
        if key == "file" {
            out.push_str(&format!("  {key:<14}{value}\n"));
        } else {
            out.push_str(&look.hanging(&format!("  {key:<14}"), &value));
        }
    }
    if has_practice_agreement(p) {
        out.push_str("  agreement\n");
        out.push_str(&checklist_in(p, look, "    "));
    }
    if let Some(notes) = &p.notes {
        out.push_str("  notes\n");
        for line in look.clean(notes, 10_000).lines() {
            out.push_str(&format!("    {line}\n"));
        }
    }
    out
}

/// "complete", "incomplete (9/15)", or nothing for a partner without a practice agreement.
fn agreement_mark(p: &Partner) -> String {
    if !has_practice_agreement(p) {
        return String::new();
    }
    match checklist::missing(p).len() {
        0 => "complete".to_owned(),
        missing => format!(
            "incomplete ({}/{})",
            Item::ALL.len() - missing,
            Item::ALL.len()
        ),
    }
}

/// "individual" or "group of 6".
pub fn format_text(partner: &Partner) -> String {
    match partner.format() {
        Format::Individual => Format::Individual.to_string(),
        Format::Group => format!("group of {}", partner.members()),
    }
}

/// Whether a partner's agreement is worth showing and checking: a fellow student, or anyone with
/// whom an agreement was started.
fn has_practice_agreement(partner: &Partner) -> bool {
    partner.client_type == ClientType::Peer || partner.agreement.is_some()
}

/// The agreement as a checklist, one line per item, with what is still to agree.
pub fn checklist_text(partner: &Partner, look: &Look) -> String {
    checklist_in(partner, look, "  ")
}

/// [`checklist_text`], each line after `indent`.
fn checklist_in(partner: &Partner, look: &Look, indent: &str) -> String {
    let lines = checklist::checklist(partner);
    let mut out = String::new();
    for line in &lines {
        let mark = if line.agreed { "[x]" } else { "[ ]" };
        let value = line
            .value
            .as_deref()
            .map_or_else(String::new, |v| format!(": {}", look.clean(v, 120)));
        out.push_str(&look.hanging(
            &format!("{indent}{mark} "),
            &format!("{}{value}", line.item.label()),
        ));
    }
    let missing: Vec<&str> = lines
        .iter()
        .filter(|l| !l.agreed)
        .map(|l| l.item.flag())
        .collect();
    if missing.is_empty() {
        out.push_str(&format!("{indent}Everything is agreed.\n"));
    } else {
        out.push_str(&look.paragraph(
            indent,
            &format!(
                "{} of {} items agreed; still to agree ({}): {}",
                lines.len() - missing.len(),
                lines.len(),
                format_args!("coachlog partner agree {}", partner.id),
                missing.join(", ")
            ),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use coachlog_core::domain::model::GroupSize;

    fn partners() -> Vec<Partner> {
        let mut alex = Partner::new(
            "alex-kim".parse().expect("id"),
            "Alex Kim".into(),
            ClientType::Peer,
        );
        alex.arrangement = Arrangement::Reciprocal;
        alex.notes = Some("likes silence".into());
        let mut team = Partner::new(
            "team".parse().expect("id"),
            "Team\u{1b}[2J".into(),
            ClientType::NonCoach,
        );
        team.group_size = GroupSize::new(6);
        team.consent = false;
        vec![alex, team]
    }

    #[test]
    fn the_list_and_one_partner_in_each_look() {
        let partners = partners();
        let activity = Activity::default();
        let plain = list_text(&partners, |_| &activity, &Look::PLAIN);
        for needle in ["alex-kim", "group of 6", "incomplete (", "Team\\u{1b}[2J"] {
            assert!(plain.contains(needle), "{needle:?} in {plain}");
        }
        assert!(list_text(&partners, |_| &activity, &Look::ASCII).is_ascii());
        assert!(list_text(&partners, |_| &activity, &Look::COLOUR).contains("\x1b[1m"));
        let show = show_text(
            &partners[0],
            &activity,
            Path::new("alex-kim.toml"),
            &Look::PLAIN,
        );
        for needle in [
            "Alex Kim\n",
            "  alias         —",
            "[ ] platform",
            "  notes\n    likes silence",
        ] {
            assert!(show.contains(needle), "{needle:?} in {show}");
        }
        let ascii = show_text(
            &partners[0],
            &activity,
            Path::new("alex-kim.toml"),
            &Look::ASCII,
        );
        assert!(ascii.contains("  alias         -\n"), "{ascii}");
        let json = serde_json::to_value(list_json(&partners, |_| &activity)).expect("json");
        assert_eq!(json[1]["group_size"], 6);
        assert_eq!(json[1]["agreement_missing"], serde_json::Value::Null);
        assert!(json[0].get("notes").is_none(), "notes stay out of listings");
    }
}
