//! `summary --renewal`: each credential held, with its renewal requirements, as text and JSON.

use chrono::NaiveDate;
use coachlog_core::reports::renewal::Window;
use serde::Serialize;

use super::Look;
use super::requirement::{self, RequirementJson, renewal_label};
use crate::ui;
use coachlog_core::domain::duration::{hours_2dp, hours_f64};
use coachlog_core::reports::credential::mentoring_left_out;
use coachlog_core::reports::renewal::RenewalProgress;

/// `summary --renewal` as text: each credential held, with its renewal requirements.
pub fn text(found: &[RenewalProgress], as_of: NaiveDate, look: &Look) -> String {
    if found.is_empty() {
        return look.paragraph(
            "",
            &format!(
                "No credentials recorded up to {as_of}: record one with \
                 `coachlog credential add icf acc --granted YYYY-MM-DD`."
            ),
        );
    }
    let mut out = format!("Renewal as of {as_of}\n");
    for p in found {
        let cce = coachlog_core::reports::renewal::cce(p.scheme.as_ref());
        let c = &p.credential;
        let when = match p.days_left {
            ..0 if p.renewed => format!("expired on {}, renewed", c.expires),
            ..0 => look.paint(
                &format!(
                    "expired on {} ({} days ago){}",
                    c.expires,
                    -p.days_left,
                    window_text(p.window)
                ),
                ui::Paint::Red,
            ),
            0 => look.paint(&format!("expires today, {}", c.expires), ui::Paint::Red),
            days => format!("expires on {} (in {days} days)", c.expires),
        };
        let status = if p.requirements.is_empty() {
            String::new()
        } else if p.met {
            format!(
                ": {}",
                look.paint(
                    &format!("renewal met {}", look.symbols().check),
                    ui::Paint::Green
                )
            )
        } else {
            format!(": {}", look.paint("renewal not yet", ui::Paint::Yellow))
        };
        out.push('\n');
        out.push_str(&look.paragraph(
            "",
            &format!("{}, granted on {}, {when}{status}", p.name, c.granted),
        ));
        if p.requirements.is_empty() {
            out.push_str(&look.paragraph(
                "  ",
                &format!(
                    "No renewal figures for {}: set renewal_years and renewal_cce_hours for it in config.toml.",
                    p.name
                ),
            ));
            continue;
        }
        out.push_str(&requirement::table(
            &p.requirements,
            |r| renewal_label(r.kind, cce),
            look,
        ));
        let k = &p.counted;
        if !cce && k.mentoring_as_units == 0 && k.supervision_as_units == 0 {
            out.push_str(&look.paragraph(
                "  ",
                &format!(
                    "Counted after {}: {} h of CPD.",
                    c.granted,
                    hours_2dp(k.cpd_minutes)
                ),
            ));
        } else {
            out.push_str(&look.paragraph("  ", &format!(
            "Counted after {}: {} units of continuing education (core competencies {}, ethics {}, \
             resource development {}), {} h of mentor coaching ({} as units) and {} h of \
             supervision ({} as units).",
            c.granted,
            hours_2dp(k.cpd_minutes),
            hours_2dp(k.core_competencies),
            hours_2dp(k.ethics),
            hours_2dp(k.resource_development),
            hours_2dp(k.mentoring_minutes),
            hours_2dp(k.mentoring_as_units),
            hours_2dp(k.supervision_minutes),
            hours_2dp(k.supervision_as_units),
        )));
        }
        if let Some(note) = p
            .mentor_rule
            .as_ref()
            .zip(k.mentoring.as_ref())
            .and_then(|(rule, m)| mentoring_left_out(rule, m))
        {
            out.push_str(&look.paragraph("  ", &note));
        }
    }
    out
}

#[derive(Serialize)]
struct RenewalJson {
    as_of: String,
    credentials: Vec<CredentialRenewalJson>,
}

/// What an expired credential may still do: be renewed in its grace months, late, or not at all.
pub fn window_text(window: Window) -> String {
    match window {
        Window::Valid => String::new(),
        Window::Grace { until } => format!("; in its grace months: renew by {until}"),
        Window::Late { until } => format!("; renew late (with a fee) by {until}"),
        Window::Lapsed { .. } => "; it can no longer be renewed: apply anew".to_owned(),
    }
}

#[derive(Serialize)]
struct CredentialRenewalJson {
    id: String,
    scheme: String,
    name: String,
    granted: String,
    expires: String,
    days_left: i64,
    met: bool,
    /// `valid`, `grace`, `late` or `lapsed`.
    window: &'static str,
    /// The last day it may still be renewed, once expired (none once lapsed).
    renew_by: Option<String>,
    /// A later credential of the same scheme is recorded.
    renewed: bool,
    requirements: Vec<RequirementJson>,
    counted: CountedJson,
}

#[derive(Serialize)]
struct CountedJson {
    cpd_units: f64,
    core_competencies_units: f64,
    ethics_units: f64,
    resource_development_units: f64,
    mentoring_hours: f64,
    mentoring_as_units: f64,
    supervision_hours: f64,
    supervision_as_units: f64,
}

/// `summary --renewal --json`.
pub fn json(found: &[RenewalProgress], as_of: NaiveDate) -> impl Serialize + use<> {
    RenewalJson {
        as_of: as_of.to_string(),
        credentials: found
            .iter()
            .map(|p| CredentialRenewalJson {
                id: p.credential.id.clone(),
                scheme: p.credential.scheme.clone(),
                name: p.name.clone(),
                granted: p.credential.granted.to_string(),
                expires: p.credential.expires.to_string(),
                days_left: p.days_left,
                met: p.met,
                window: match p.window {
                    Window::Valid => "valid",
                    Window::Grace { .. } => "grace",
                    Window::Late { .. } => "late",
                    Window::Lapsed { .. } => "lapsed",
                },
                renew_by: match p.window {
                    Window::Grace { until } | Window::Late { until } => Some(until.to_string()),
                    _ => None,
                },
                renewed: p.renewed,
                requirements: p
                    .requirements
                    .iter()
                    .map(|r| RequirementJson::of(r, p.scheme.as_ref()))
                    .collect(),
                counted: CountedJson {
                    cpd_units: hours_f64(p.counted.cpd_minutes),
                    core_competencies_units: hours_f64(p.counted.core_competencies),
                    ethics_units: hours_f64(p.counted.ethics),
                    resource_development_units: hours_f64(p.counted.resource_development),
                    mentoring_hours: hours_f64(p.counted.mentoring_minutes),
                    mentoring_as_units: hours_f64(p.counted.mentoring_as_units),
                    supervision_hours: hours_f64(p.counted.supervision_minutes),
                    supervision_as_units: hours_f64(p.counted.supervision_as_units),
                },
            })
            .collect(),
    }
}
