//! The `summary` report: coaching totals, and each scheme's requirements with what is missing.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Look;
use super::json::MixJson;
use super::requirement::{self, RequirementJson, label};
use crate::ui;
use coachlog_core::domain::duration::{hours_2dp, hours_f64, parts_2dp, parts_f64, percents};
use coachlog_core::domain::model::NotCounted;
use coachlog_core::domain::text::{agree, count};
use coachlog_core::reports::counting::{LeftOut, Tally};
use coachlog_core::reports::credential::MentoringCount;
use coachlog_core::reports::credential::mentoring_left_out;
use coachlog_core::reports::engagement::{Engagement, EngagementCount};
use coachlog_core::reports::icf_log;
use coachlog_core::reports::requirement::RequirementKind;
use coachlog_core::reports::summary::{SchemeProgress, Summary};
use coachlog_core::rules::settings::BalanceRule;

#[derive(Serialize)]
struct SummaryJson {
    as_of: String,
    coaching: CoachingJson,
    mix: MixJson,
    schemes: Vec<SchemeJson>,
}

#[derive(Serialize)]
struct CoachingJson {
    sessions: u32,
    minutes: u64,
    hours: f64,
    paid_hours: f64,
    pro_bono_hours: f64,
    clients: u32,
    individual_hours: f64,
    group_hours: f64,
}

#[derive(Serialize)]
struct SchemeJson {
    id: String,
    name: String,
    body: String,
    met: bool,
    requirements: Vec<RequirementJson>,
    counted_from: Option<String>,
    training_start_set: Option<bool>,
    first_practice: Option<String>,
    recent_window: Option<WindowJson>,
    left_out_group_hours: f64,
    before_training_hours: f64,
    not_counted_hours: BTreeMap<NotCounted, f64>,
    unnamed_clients: Option<UnnamedJson>,
    balance_rule: BalanceRule,
    exchange_counted_as_pro_bono_hours: f64,
    mentoring: Option<MentoringJson>,
    engagements: Option<EngagementsJson>,
    note: Option<String>,
    /// Where each figure comes from: the body's page, when it took effect, when it was checked.
    rules: Vec<coachlog_core::rules::provenance::RuleSource>,
    /// The figures you set in config.toml, with your note.
    overrides: BTreeMap<String, Option<String>>,
}

#[derive(Serialize)]
struct MentoringJson {
    individual_hours: f64,
    group_hours: f64,
    counted_hours: f64,
    group_beyond_cap_hours: f64,
    wrong_credential_hours: f64,
    not_renewed_hours: f64,
    group_over_limit_hours: f64,
    used_before: Option<UsedJson>,
    first_day: Option<String>,
    last_day: Option<String>,
}

/// The engagements a scheme counted: each one's sessions, hours and days, by neither partner's
/// name (a packet may be anonymised).
#[derive(Serialize)]
struct EngagementsJson {
    from: Option<String>,
    given: Vec<EngagementJson>,
    received: Vec<EngagementJson>,
}

#[derive(Serialize)]
struct EngagementJson {
    sessions: u32,
    hours: f64,
    first_day: String,
    last_day: String,
    complete: bool,
}

impl From<&EngagementCount> for EngagementsJson {
    fn from(c: &EngagementCount) -> Self {
        let each = |list: &[Engagement]| {
            list.iter()
                .map(|e| EngagementJson {
                    sessions: e.sessions,
                    hours: hours_f64(e.minutes),
                    first_day: e.first.to_string(),
                    last_day: e.last.to_string(),
                    complete: e.complete,
                })
                .collect()
        };
        EngagementsJson {
            from: c.from.map(|d| d.to_string()),
            given: each(&c.given),
            received: each(&c.received),
        }
    }
}

#[derive(Serialize)]
struct UsedJson {
    granted: String,
    hours: f64,
}

impl From<&MentoringCount> for MentoringJson {
    fn from(m: &MentoringCount) -> Self {
        MentoringJson {
            individual_hours: hours_f64(m.individual_minutes),
            group_hours: hours_f64(m.group_minutes),
            counted_hours: hours_f64(m.counted_minutes),
            group_beyond_cap_hours: hours_f64(m.beyond_group_cap),
            wrong_credential_hours: hours_f64(m.wrong_credential),
            not_renewed_hours: hours_f64(m.not_renewed),
            group_over_limit_hours: hours_f64(m.group_over_limit),
            used_before: m.used_before.map(|(granted, minutes)| UsedJson {
                granted: granted.to_string(),
                hours: hours_f64(minutes),
            }),
            first_day: m.span.map(|(first, _)| first.to_string()),
            last_day: m.span.map(|(_, last)| last.to_string()),
        }
    }
}

#[derive(Serialize)]
struct WindowJson {
    first_day: String,
    last_day: String,
}

#[derive(Serialize)]
struct UnnamedJson {
    clients: u32,
    hours: f64,
    counted: bool,
}

/// Two parts of a whole.
fn pair<T: Default>(parts: Vec<T>) -> [T; 2] {
    let mut parts = parts.into_iter();
    [
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    ]
}

/// The report as `summary --json` prints it: every scheme judged.
pub fn json(report: &Summary) -> impl Serialize + use<> {
    let c = &report.coaching;
    // Parts of the hours add up to the hours as shown.
    let [paid, pro_bono] = pair(parts_f64(&[c.paid_minutes, c.pro_bono_minutes]));
    let [individual, group] = pair(parts_f64(&[c.individual_minutes, c.group_minutes]));
    SummaryJson {
        as_of: report.as_of.to_string(),
        coaching: CoachingJson {
            sessions: c.sessions,
            minutes: c.minutes,
            hours: hours_f64(c.minutes),
            paid_hours: paid,
            pro_bono_hours: pro_bono,
            clients: c.clients,
            individual_hours: individual,
            group_hours: group,
        },
        mix: MixJson::from(&report.mix),
        schemes: report
            .schemes
            .iter()
            .map(|p| SchemeJson {
                id: p.scheme.id.clone(),
                name: p.scheme.name.clone(),
                body: p.scheme.body.clone(),
                met: p.met,
                requirements: p
                    .requirements
                    .iter()
                    .map(|r| RequirementJson::of(r, Some(&p.scheme)))
                    .collect(),
                counted_from: p.counted_from.map(|d| d.to_string()),
                training_start_set: (p.counted_from.is_some() || p.training_start_missing)
                    .then_some(!p.training_start_missing),
                first_practice: p
                    .requirements
                    .iter()
                    .any(|r| r.kind == RequirementKind::Years)
                    .then(|| p.first_practice.map(|d| d.to_string()))
                    .flatten(),
                recent_window: p.recent_window.map(|(from, to)| WindowJson {
                    first_day: from.to_string(),
                    last_day: to.to_string(),
                }),
                left_out_group_hours: hours_f64(p.left_out_minutes(LeftOut::GroupOverLimit)),
                before_training_hours: hours_f64(p.left_out_minutes(LeftOut::BeforeTraining)),
                not_counted_hours: marked(p)
                    .into_iter()
                    .map(|(reason, minutes)| (reason, hours_f64(minutes)))
                    .collect(),
                unnamed_clients: unnamed(p).map(|(tally, counted)| UnnamedJson {
                    clients: tally.clients(),
                    hours: hours_f64(tally.minutes),
                    counted,
                }),
                balance_rule: p.balance_rule,
                exchange_counted_as_pro_bono_hours: hours_f64(p.unbalanced_exchange_minutes),
                mentoring: p.mentoring.as_ref().map(MentoringJson::from),
                engagements: p.engagements.as_ref().map(EngagementsJson::from),
                note: p.scheme.note.clone(),
                rules: p.scheme.rules.clone(),
                overrides: p.scheme.overrides.clone(),
            })
            .collect(),
    }
}

/// The report as text: coaching totals, then one table per shown scheme.
pub fn text(report: &Summary, shown: &[&SchemeProgress], look: &Look) -> String {
    let c = &report.coaching;
    let m = &report.mix;
    let mut out = format!("Coaching up to {}\n", report.as_of);
    let mut line = |key: &str, value: String| out.push_str(&format!("  {key:<12}{value}\n"));
    line("sessions", c.sessions.to_string());
    // Parts of the hours add up to the hours as shown.
    let [paid, pro_bono] = pair(parts_2dp(&[c.paid_minutes, c.pro_bono_minutes]));
    let [individual, group] = pair(parts_2dp(&[c.individual_minutes, c.group_minutes]));
    let [non_coach, peer] = pair(parts_2dp(&[m.non_coach_minutes, m.peer_minutes]));
    let [non_coach_share, _] = pair(percents(&[m.non_coach_minutes, m.peer_minutes]));
    line(
        "hours",
        format!(
            "{}  (paid {paid}, pro bono {pro_bono})",
            hours_2dp(c.minutes),
        ),
    );
    line(
        "clients",
        format!(
            "{}  (peer {}, non-coach {})",
            c.clients, m.peer_clients, m.non_coach_clients
        ),
    );
    line(
        "format",
        format!("individual {individual} h, group {group} h"),
    );
    line(
        "mix",
        format!("non-coach {non_coach} h ({non_coach_share}%), peer {peer} h"),
    );
    for progress in shown {
        out.push('\n');
        out.push_str(&scheme_text(progress, look));
    }
    out
}

/// The first screen (`summary` as it is first run): the totals in two lines; the schemes the
/// coach works towards (`full`), each with its table and the hours it leaves out, named with why;
/// and each other body's next level (`brief`) in one line. It fits an 80×24 terminal.
pub fn first_screen(
    report: &Summary,
    full: &[&SchemeProgress],
    brief: &[&SchemeProgress],
    look: &Look,
) -> String {
    let c = &report.coaching;
    let m = &report.mix;
    let [paid, pro_bono] = pair(parts_2dp(&[c.paid_minutes, c.pro_bono_minutes]));
    let [non_coach_share, _] = pair(percents(&[m.non_coach_minutes, m.peer_minutes]));
    let mut out = look.paragraph(
        "",
        &format!(
            "Coaching up to {}: {}, {} h (paid {paid}, pro bono {pro_bono})",
            report.as_of,
            count(c.sessions as usize, "session", "sessions"),
            hours_2dp(c.minutes),
        ),
    );
    out.push_str(&look.paragraph(
        "  ",
        &format!(
            "{} ({} non-coach, {} peer); non-coach hours {non_coach_share}%, in groups {} h",
            count(c.clients as usize, "client", "clients"),
            m.non_coach_clients,
            m.peer_clients,
            hours_2dp(c.group_minutes),
        ),
    ));
    for progress in full {
        out.push('\n');
        out.push_str(&scheme_heading(progress, look));
        out.push_str(&requirement::table(
            &progress.requirements,
            |r| label(progress, r),
            look,
        ));
        let mut notes = Vec::new();
        if progress.training_start_missing {
            notes.push(
                "Every session since the first is counted, as training_start is not set: \
                 `coachlog config set training_start YYYY-MM-DD`"
                    .to_owned(),
            );
        }
        notes.extend(left_out_sentence(progress));
        // The first screen names the rules only where they are yours, not the body's.
        let yours = coachlog_core::reports::requirement::judged_by(
            &progress.scheme,
            progress.requirements.iter().map(|r| r.kind),
        )
        .yours;
        if !yours.is_empty() {
            notes.push(format!(
                "Judged with your own figures: {}.",
                look.clean(&yours.join("; "), 600)
            ));
        }
        for note in notes {
            out.push_str(&look.paragraph("  ", &note));
        }
    }
    if !brief.is_empty() {
        out.push('\n');
        for progress in brief {
            out.push_str(&look.paragraph("", &brief_line(progress, look)));
        }
    }
    out.push_str(&look.paragraph(
        "",
        "Each in full, with every note: `coachlog summary --all`.",
    ));
    out
}

/// "ICF ACC: not yet  (sessions from 2025-01-13, the start of training)".
fn scheme_heading(p: &SchemeProgress, look: &Look) -> String {
    let mut out = format!("{}: {}", p.scheme.name, verdict(p, look));
    if let Some(from) = p.counted_from {
        out.push_str(&format!("  (sessions from {from}, the start of training)"));
    }
    look.paragraph("", &out)
}

/// "met ✓" or "not yet", in colour.
fn verdict(p: &SchemeProgress, look: &Look) -> String {
    if p.met {
        look.paint(&format!("met {}", look.symbols().check), ui::Paint::Green)
    } else {
        look.paint("not yet", ui::Paint::Yellow)
    }
}

/// Every hour of coaching `p` leaves out, named with why: `None` when it leaves nothing out.
fn left_out_sentence(p: &SchemeProgress) -> Option<String> {
    let words: Vec<String> = p
        .left_out
        .iter()
        .filter(|(_, t)| t.minutes > 0)
        .map(|(reason, tally)| {
            let hours = hours_2dp(tally.minutes);
            match reason {
                LeftOut::BeforeTraining => format!("{hours} h before the start of training"),
                LeftOut::Marked(why) => format!("{hours} h marked as not counted ({why})"),
                LeftOut::GroupOverLimit => format!(
                    "{hours} h in groups of more than {}",
                    p.scheme.group_limit.unwrap_or_default()
                ),
                LeftOut::NoConsent => format!(
                    "{hours} h with {} not consenting to be named ({})",
                    clients_text(tally.clients() as usize),
                    icf_log::consent_command(tally)
                ),
            }
        })
        .collect();
    (!words.is_empty()).then(|| format!("Left out: {}.", words.join("; ")))
}

/// One line for a scheme not shown in full: its verdict and the first requirements it misses.
fn brief_line(p: &SchemeProgress, look: &Look) -> String {
    let missing: Vec<String> = p
        .requirements
        .iter()
        .filter_map(|r| r.shortfall.as_ref().map(|s| format!("{} {s}", label(p, r))))
        .collect();
    let mut line = format!("{}: {}", p.scheme.name, verdict(p, look));
    match missing.as_slice() {
        [] => {}
        [one] => line.push_str(&format!(" ({one})")),
        [one, two] => line.push_str(&format!(" ({one}; {two})")),
        [one, two, rest @ ..] => line.push_str(&format!(" ({one}; {two}; {} more)", rest.len())),
    }
    line
}

fn scheme_text(p: &SchemeProgress, look: &Look) -> String {
    let mut out = scheme_heading(p, look);
    out.push_str(&requirement::table(&p.requirements, |r| label(p, r), look));
    let mut notes = Vec::new();
    if p.training_start_missing {
        notes.push(
            "training_start is not set, so every session since the first is counted; ICF counts only \
             sessions since the start of your coach-specific training: \
             `coachlog config set training_start YYYY-MM-DD`"
                .to_owned(),
        );
    }
    if let Some((from, to)) = p.recent_window {
        notes.push(format!(
            "Recent hours count sessions from {from} to {to}, both included."
        ));
    }
    let before_training = p.left_out_minutes(LeftOut::BeforeTraining);
    if before_training > 0 {
        notes.push(format!(
            "Not counted: {} h before the start of training{}.",
            hours_2dp(before_training),
            p.counted_from
                .map_or_else(String::new, |from| format!(" ({from})"))
        ));
    }
    let over_limit = p.left_out_minutes(LeftOut::GroupOverLimit);
    if over_limit > 0 {
        notes.push(format!(
            "Not counted: {} h with groups of more than {} members.",
            hours_2dp(over_limit),
            p.scheme.group_limit.unwrap_or_default()
        ));
    }
    let marked = marked(p);
    if !marked.is_empty() {
        let parts: Vec<String> = marked
            .iter()
            .map(|(reason, minutes)| format!("{reason} {} h", hours_2dp(*minutes)))
            .collect();
        notes.push(format!(
            "Not counted: {} h marked as practice that does not count ({}).",
            hours_2dp(marked.values().sum()),
            parts.join(", ")
        ));
    }
    match unnamed(p) {
        Some((tally, false)) => notes.push(format!(
            "Not counted: {} h with {} who {} not consented to be named, whom the ICF log leaves off: \
             record consent with {}, or, if your accreditor allows it, \
             `coachlog config set icf.count_unnamed_clients true`.",
            hours_2dp(tally.minutes),
            clients_text(tally.clients() as usize),
            agree(tally.clients() as usize, "has", "have"),
            icf_log::consent_command(tally)
        )),
        Some((tally, true)) => notes.push(format!(
            "Counted although the ICF log leaves them off: {} h with {} who {} not consented to be \
             named (icf.count_unnamed_clients).",
            hours_2dp(tally.minutes),
            clients_text(tally.clients() as usize),
            agree(tally.clients() as usize, "has", "have"),
        )),
        None => {}
    }
    if p.balance_rule != BalanceRule::Off {
        notes.push(format!(
            "Balance rule ({}): {} h of exchange counted as pro bono (more given than received).",
            p.balance_rule,
            hours_2dp(p.unbalanced_exchange_minutes)
        ));
    }
    if let (Some(first), true) = (
        p.first_practice,
        p.requirements
            .iter()
            .any(|r| r.kind == RequirementKind::Years),
    ) {
        notes.push(format!("Years count from {first}, the first practice."));
    }
    if let (Some(m), Some(rule)) = (&p.mentoring, &p.scheme.beyond.mentoring)
        && let Some((first, last)) = m.span
    {
        let cap = rule.group_max_minutes.map_or_else(String::new, |max| {
            format!(
                " (up to {} h count)",
                coachlog_core::domain::duration::hours_short(max)
            )
        });
        notes.push(format!(
            "Mentor coaching: {} h one-to-one and {} h in groups{cap}, from {first} to {last}.",
            hours_2dp(m.individual_minutes),
            hours_2dp(m.group_minutes),
        ));
    }
    if let Some(e) = &p.education {
        for (title, end, minutes) in &e.in_progress {
            notes.push(format!(
                "Education in progress, counted once completed: {} ({} h, ends on {end}).",
                look.clean(title, 40),
                hours_2dp(*minutes)
            ));
        }
        if !e.undated.is_empty() {
            let titles: Vec<String> = e.undated.iter().map(|t| look.clean(t, 40)).collect();
            notes.push(format!(
                "Education counted on its first day, as it has no last day: {}.",
                titles.join(", ")
            ));
        }
    }
    notes.extend(
        p.mentoring
            .as_ref()
            .zip(p.scheme.beyond.mentoring.as_ref())
            .and_then(|(m, rule)| mentoring_left_out(rule, m)),
    );
    notes.extend(p.scheme.note.clone());
    let rules = coachlog_core::reports::requirement::judged_by(
        &p.scheme,
        p.requirements.iter().map(|r| r.kind),
    )
    .line();
    if !rules.is_empty() {
        notes.push(format!("Judged by: {}.", look.clean(&rules, 600)));
    }
    for note in notes {
        out.push_str(&look.paragraph("  ", &note));
    }
    out
}

/// Minutes marked as practice that does not count, by reason.
fn marked(p: &SchemeProgress) -> BTreeMap<NotCounted, u64> {
    p.left_out
        .iter()
        .filter_map(|(reason, tally)| match reason {
            LeftOut::Marked(why) => Some((*why, tally.minutes)),
            _ => None,
        })
        .collect()
}

/// Coaching with clients who have not consented to be named, and whether the scheme counts it:
/// `None` when there is none.
fn unnamed(p: &SchemeProgress) -> Option<(&Tally, bool)> {
    match p.left_out.get(&LeftOut::NoConsent) {
        Some(tally) => Some((tally, false)),
        None => (!p.unnamed_counted.is_empty()).then_some((&p.unnamed_counted, true)),
    }
}

/// "1 client", "2 clients".
fn clients_text(n: usize) -> String {
    count(n, "client", "clients")
}

#[cfg(test)]
mod tests {
    use super::*;
    use coachlog_core::domain::development::Development;
    use coachlog_core::domain::model::Arrangement::{OneWay, Reciprocal};
    use coachlog_core::domain::model::Role::Coach;
    use coachlog_core::reports::counting::Practice;
    use coachlog_core::reports::fixtures::{partners, session};
    use coachlog_core::reports::summary::summary;
    use coachlog_core::rules::settings::Settings;

    fn report() -> Summary {
        let sessions = [
            session("alex", "2026-01-05", 60, Coach, Reciprocal),
            session("big", "2026-01-06", 120, Coach, OneWay),
            session("jo", "2026-02-01", 90, Coach, OneWay),
        ];
        let settings = Settings {
            training_start: Some("2026-01-01".parse().expect("date")),
            ..Settings::default()
        };
        let ids = ["icf-acc", "emcc-foundation"];
        let chosen = ids.iter().filter_map(|id| settings.scheme(id));
        summary(
            &Practice::new(&sessions, "2026-11-23".parse().expect("date")),
            &Development::default(),
            &partners(),
            &settings,
            chosen,
        )
    }

    #[test]
    fn the_text_in_each_look() {
        let report = report();
        let shown: Vec<&SchemeProgress> = report.schemes.iter().collect();
        let plain = text(&report, &shown, &Look::PLAIN);
        for needle in [
            "Coaching up to 2026-11-23",
            "ICF ACC: not yet  (sessions from 2026-01-01, the start of training)",
            "Not counted: 2.00 h with groups of more than 15 members.",
            "Recent hours count sessions from 2025-05-23 to 2026-11-23, both included.",
            "EMCC Foundation: not yet",
            "░",
        ] {
            assert!(plain.contains(needle), "{needle:?} in {plain}");
        }
        assert!(!plain.contains('\x1b'));
        let colour = text(&report, &shown, &Look::COLOUR);
        assert!(colour.contains("\x1b[33mnot yet\x1b[0m"), "{colour}");
        let ascii = text(&report, &shown, &Look::ASCII);
        assert!(ascii.is_ascii(), "{ascii}");
        assert!(ascii.contains("#") && ascii.contains("---"), "{ascii}");
    }

    #[test]
    fn the_json_has_every_scheme_with_its_window() {
        let json = serde_json::to_value(json(&report())).expect("json");
        assert_eq!(
            json["schemes"][0]["recent_window"]["first_day"],
            "2025-05-23"
        );
        assert_eq!(json["schemes"][0]["left_out_group_hours"], 2.0);
        assert_eq!(json["schemes"][1]["recent_window"], serde_json::Value::Null);
        assert_eq!(json["coaching"]["minutes"], 270);
    }
}
