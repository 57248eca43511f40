//! The other records of a credential as tables: mentor coaching, supervision, education,
//! continuing education and credentials held. (Their JSON is the records themselves, notes left
//! out.)

use chrono::NaiveDate;

use super::Look;
use crate::ui;
use crate::ui::table::{Column, Content, Grid, wrap};
use coachlog_core::domain::development::{
    Cpd, CpdCategory, Credential, Education, Mentoring, Supervision,
};
use coachlog_core::domain::duration::hours_2dp;
use coachlog_core::domain::model::{Format, GroupSize};

/// "individual" or "group of 4".
fn format_text(format: Format, group_size: Option<GroupSize>) -> String {
    match group_size {
        Some(size) if format == Format::Group => format!("group of {}", size.get()),
        _ => format.to_string(),
    }
}

/// A table's text with a line of totals under it, both fitted to the look's width.
fn finish(table: &Grid, look: &Look, total: String) -> String {
    let total = match look.width {
        Some(width) => wrap(&total, width).join("\n"),
        None => total,
    };
    format!("{}{total}\n", table.render())
}

/// The minutes of one-to-one and group records, as a line of totals.
fn one_to_one_and_groups(of: impl Iterator<Item = (Format, u64)>) -> String {
    let (mut individual, mut group) = (0, 0);
    for (format, minutes) in of {
        match format {
            Format::Individual => individual += minutes,
            Format::Group => group += minutes,
        }
    }
    format!(
        "Total {} h: {} h one-to-one, {} h in groups",
        hours_2dp(individual + group),
        hours_2dp(individual),
        hours_2dp(group)
    )
}

/// `mentoring list`.
pub fn mentoring_text(records: &[Mentoring], look: &Look) -> String {
    let mut table = Grid::new(
        look,
        [
            Column::keep("ID"),
            Column::keep("Date"),
            Column::wrap("Mentor"),
            Column::keep("Credential"),
            Column::keep("Format").optional(1),
            Column::keep("Hours").right(),
        ],
    );
    for m in records {
        table.row([
            m.id.clone(),
            m.date.to_string(),
            look.clean(&m.mentor, 40),
            if m.renewed {
                format!("{} renewed", m.credential)
            } else {
                m.credential.to_string()
            },
            format_text(m.format, m.group_size),
            hours_2dp(u64::from(m.minutes.get())),
        ]);
    }
    let total = one_to_one_and_groups(
        records
            .iter()
            .map(|m| (m.format, u64::from(m.minutes.get()))),
    );
    finish(&table, look, total)
}

/// `supervision list`.
pub fn supervision_text(records: &[Supervision], look: &Look) -> String {
    let mut table = Grid::new(
        look,
        [
            Column::keep("ID"),
            Column::keep("Date"),
            Column::wrap("Supervisor"),
            Column::keep("Format").optional(1),
            Column::keep("Hours").right(),
        ],
    );
    for s in records {
        table.row([
            s.id.clone(),
            s.date.to_string(),
            look.clean(&s.supervisor, 40),
            format_text(s.format, s.group_size),
            hours_2dp(u64::from(s.minutes.get())),
        ]);
    }
    let total = one_to_one_and_groups(
        records
            .iter()
            .map(|s| (s.format, u64::from(s.minutes.get()))),
    );
    finish(&table, look, total)
}

/// `education list`.
pub fn education_text(records: &[Education], look: &Look) -> String {
    let none = look.symbols().none;
    let mut table = Grid::new(
        look,
        [
            Column::keep("ID"),
            Column::keep("Start"),
            Column::keep("End").optional(2),
            Column::wrap("Title"),
            Column::wrap("Provider").optional(1),
            Column::keep("Accreditation").optional(3),
            Column::keep("Hours").right(),
            Column::keep("Core h").right(),
            Column::keep("Ethics h").right(),
        ],
    );
    for e in records {
        table.row([
            e.id.clone(),
            e.start.to_string(),
            e.end.map_or_else(|| none.to_owned(), |d| d.to_string()),
            look.clean(&e.title, 40),
            look.clean(&e.provider, 30),
            e.accreditation.to_string(),
            hours_2dp(u64::from(e.minutes)),
            hours_2dp(u64::from(e.core_minutes)),
            hours_2dp(u64::from(e.ethics_minutes)),
        ]);
    }
    let sum = |f: fn(&Education) -> u32| records.iter().map(|e| u64::from(f(e))).sum::<u64>();
    let total = format!(
        "Total {} h, of which {} h on the Core Competencies and {} h on ethics",
        hours_2dp(sum(|e| e.minutes)),
        hours_2dp(sum(|e| e.core_minutes)),
        hours_2dp(sum(|e| e.ethics_minutes)),
    );
    finish(&table, look, total)
}

/// `cpd list`.
pub fn cpd_text(records: &[Cpd], look: &Look) -> String {
    let none = look.symbols().none;
    let mut table = Grid::new(
        look,
        [
            Column::keep("ID"),
            Column::keep("Date"),
            Column::wrap("Title"),
            Column::wrap("Provider").optional(1),
            Column::keep("Category").optional(3),
            Column::keep("Units").right(),
            Column::wrap("Certificate").optional(2),
        ],
    );
    for c in records {
        table.row([
            c.id.clone(),
            c.date.to_string(),
            look.clean(&c.title, 40),
            look.clean(&c.provider, 30),
            c.category.to_string(),
            hours_2dp(u64::from(c.minutes)),
            c.certificate
                .as_deref()
                .map_or_else(|| none.to_owned(), |r| look.clean(r, 30)),
        ]);
    }
    let of = |category: CpdCategory| {
        records
            .iter()
            .filter(|c| c.category == category)
            .map(|c| u64::from(c.minutes))
            .sum::<u64>()
    };
    let total = format!(
        "Total {} units: {} core competencies, {} ethics, {} resource development",
        hours_2dp(records.iter().map(|c| u64::from(c.minutes)).sum()),
        hours_2dp(of(CpdCategory::CoreCompetencies)),
        hours_2dp(of(CpdCategory::Ethics)),
        hours_2dp(of(CpdCategory::ResourceDevelopment)),
    );
    finish(&table, look, total)
}

/// `credential list`, as of `today`.
pub fn credential_text(records: &[Credential], today: NaiveDate, look: &Look) -> String {
    let mut table = Grid::new(
        look,
        [
            Column::keep("ID"),
            Column::keep("Scheme"),
            Column::keep("Granted"),
            Column::keep("Expires"),
            Column::wrap("Status"),
        ],
    );
    for c in records {
        let days = (c.expires - today).num_days();
        let status = match days {
            ..0 => Content::Painted(format!("expired {} days ago", -days), ui::Paint::Red),
            0 => Content::Painted("expires today".into(), ui::Paint::Red),
            1 => Content::Painted("expires tomorrow".into(), ui::Paint::Yellow),
            2..=180 => Content::Painted(format!("expires in {days} days"), ui::Paint::Yellow),
            _ => Content::Painted(format!("expires in {days} days"), ui::Paint::Green),
        };
        table.row(vec![
            c.id.clone().into(),
            c.scheme.clone().into(),
            c.granted.to_string().into(),
            c.expires.to_string().into(),
            status,
        ]);
    }
    let total = coachlog_core::domain::text::count(records.len(), "credential", "credentials");
    finish(&table, look, total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use coachlog_core::domain::development::{Accreditation, CoachCredential};
    use coachlog_core::domain::duration::Minutes;

    fn looks() -> [Look; 3] {
        [Look::PLAIN, Look::COLOUR, Look::ASCII]
    }

    #[test]
    fn mentoring_shows_each_record_and_the_split() {
        let m = |id: &str, minutes: u32, group: Option<u32>| Mentoring {
            id: id.into(),
            date: "2026-10-02".parse().expect("date"),
            minutes: Minutes::new(minutes).expect("minutes"),
            mentor: "Dana Reyes".into(),
            credential: CoachCredential::Mcc,
            renewed: false,
            contact: None,
            format: if group.is_some() {
                Format::Group
            } else {
                Format::Individual
            },
            group_size: group.and_then(GroupSize::new),
            notes: None,
        };
        let records = [m("a1", 60, None), m("b2", 90, Some(4))];
        for look in looks() {
            let text = mentoring_text(&records, &look);
            assert!(text.contains("group of 4"), "{text}");
            assert!(text.contains("Dana Reyes"), "{text}");
            assert!(
                text.ends_with("Total 2.50 h: 1.00 h one-to-one, 1.50 h in groups\n"),
                "{text}"
            );
        }
    }

    #[test]
    fn education_totals_its_parts() {
        let e = Education {
            id: "c3".into(),
            provider: "North School".into(),
            title: "Foundations".into(),
            start: "2025-01-13".parse().expect("date"),
            end: None,
            minutes: 3840,
            core_minutes: 3000,
            ethics_minutes: 240,
            accreditation: Accreditation::IcfLevel1,
            notes: None,
        };
        for look in looks() {
            let text = education_text(std::slice::from_ref(&e), &look);
            assert!(text.contains("icf-level-1"), "{text}");
            assert!(
                text.contains(
                    "Total 64.00 h, of which 50.00 h on the Core Competencies and 4.00 h on ethics"
                ),
                "{text}"
            );
        }
    }

    #[test]
    fn a_credential_says_when_it_expires() {
        let c = Credential {
            id: "d4".into(),
            scheme: "icf-acc".into(),
            granted: "2026-05-01".parse().expect("date"),
            expires: "2029-05-01".parse().expect("date"),
            notes: None,
        };
        let today = "2029-04-21".parse().expect("date");
        let text = credential_text(std::slice::from_ref(&c), today, &Look::PLAIN);
        assert!(text.contains("expires in 10 days"), "{text}");
        let later = "2029-05-03".parse().expect("date");
        let text = credential_text(&[c], later, &Look::PLAIN);
        assert!(text.contains("expired 2 days ago"), "{text}");
    }
}
