//! `coachlog partner agree`: what two practice partners agreed.

use std::io::Write;

use anyhow::Result;

use crate::cli::PartnerAgreeArgs;
use crate::cmd::{Context, Run};
use crate::error::usage;
use crate::ui;
use crate::views::partners::checklist_text;
use coachlog_core::domain::agreement::{Agreement, FeedbackTiming, Item};
use coachlog_core::domain::checklist;
use coachlog_core::domain::model::{Arrangement, Partner};
use coachlog_core::domain::text;

/// The changes an agreement makes: its items, and the partner's own arrangement and usual length.
#[derive(Debug, Default)]
struct Changes {
    agreement: Agreement,
    arrangement: Option<Arrangement>,
    length: Option<coachlog_core::domain::duration::Minutes>,
}

impl Changes {
    fn is_empty(&self) -> bool {
        self.agreement == Agreement::default()
            && self.arrangement.is_none()
            && self.length.is_none()
    }

    fn apply(&self, partner: &Partner) -> Partner {
        let mut p = partner.clone();
        p.agreement = Some(p.agreement.unwrap_or_default().merged(&self.agreement));
        p.arrangement = self.arrangement.unwrap_or(p.arrangement);
        p.default_minutes = self.length.or(p.default_minutes);
        p
    }
}

impl PartnerAgreeArgs {
    fn changes(&self) -> Changes {
        Changes {
            agreement: Agreement {
                timezone: self.timezone.clone(),
                frequency: self.frequency.clone(),
                rescheduling: self.rescheduling.clone(),
                platform: self.platform.clone(),
                confidentiality: self.confidentiality.clone(),
                recording: self.recording,
                transcripts: self.transcripts,
                ai_use: self.ai_use.clone(),
                coaches_instead: self.coaches_instead.clone(),
                approach_discussed: self.approach_discussed,
                approach: self.approach.clone(),
                feedback: self.feedback,
                if_not_working: self.if_not_working.clone(),
                working_on: self.working_on.clone(),
                real_topic: self.real_topic,
            },
            arrangement: match (self.reciprocal, self.one_way) {
                (true, _) => Some(Arrangement::Reciprocal),
                (_, true) => Some(Arrangement::OneWay),
                _ => None,
            },
            length: self.length,
        }
    }
}

/// Asks for one item on the terminal and records the answer in `changes`.
fn ask(item: Item, partner: &Partner, changes: &mut Changes) -> Result<()> {
    use ui::prompt::ask as q;
    let line = |t: &str| text::single_line(t);
    let a = &mut changes.agreement;
    match item {
        Item::Timezone => a.timezone = q("time zones (e.g. both CET)", line)?,
        Item::Frequency => a.frequency = q("how often (e.g. every two weeks)", line)?,
        Item::Length => changes.length = q("session length (e.g. 1h)", |t| t.parse())?,
        Item::Rescheduling => a.rescheduling = q("rescheduling (e.g. 24 h notice)", line)?,
        Item::Platform => a.platform = q("platform (e.g. Zoom)", line)?,
        Item::Confidentiality => a.confidentiality = q("confidentiality", line)?,
        Item::Recording => a.recording = q("may sessions be recorded? (yes/no)", text::yes_no)?,
        Item::Transcripts => a.transcripts = q("may transcripts be made? (yes/no)", text::yes_no)?,
        Item::AiUse => a.ai_use = q("use of AI (e.g. none)", line)?,
        Item::Arrangement => {
            let reciprocal = partner.arrangement == Arrangement::Reciprocal
                || q("do you coach each other? (yes/no)", text::yes_no)? == Some(true);
            if reciprocal {
                changes.arrangement = Some(Arrangement::Reciprocal);
            } else {
                changes.agreement.coaches_instead =
                    q("one-way: whom do they coach instead?", line)?;
            }
        }
        Item::Approach => {
            a.approach_discussed = q(
                "did you interview each other on your coaching approach? (yes/no)",
                text::yes_no,
            )?;
            if a.approach_discussed == Some(true) {
                a.approach = q("your approach or theory of change", line)?;
            }
        }
        Item::Feedback => {
            a.feedback = q(
                "feedback: end-of-session, next-session or mentor-only",
                |t| t.trim().parse::<FeedbackTiming>(),
            )?
        }
        Item::IfNotWorking => a.if_not_working = q("what happens if it is not working", line)?,
        Item::WorkingOn => a.working_on = q("what are you working on as the coach", line)?,
        Item::RealTopic => {
            a.real_topic = q(
                "will the client bring a real topic, not role play? (yes/no)",
                text::yes_no,
            )?
        }
    }
    Ok(())
}

impl Run for PartnerAgreeArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let id = ctx.find_partner(&self.partner)?;
        let mut changes = self.changes();
        if changes.is_empty() {
            if !ui::can_prompt() {
                return Err(usage(
                    "nothing to record: give the items as flags (e.g. --platform Zoom --frequency \
                     \"every two weeks\"; see `coachlog partner agree --help`), or run in a terminal to be asked",
                ));
            }
            let partner = ctx.store.partner(&id)?;
            ui::note(format!(
                "Agreement with {} (press Enter to skip an item):",
                ui::clean(&partner.name, 60)
            ));
            for item in checklist::missing(&partner) {
                ask(item, &partner, &mut changes)?;
            }
            if changes.is_empty() {
                ui::note("Nothing recorded.");
                return Ok(());
            }
        }

        let _lock = ctx.store.lock()?;
        let current = ctx.store.partner(&id)?;
        let updated = changes.apply(&current);
        if self.coaches_instead.is_some() && updated.arrangement == Arrangement::Reciprocal {
            return Err(usage(format!(
                "{id} is reciprocal: --coaches-instead is for a one-way arrangement (add --one-way if that changed)"
            )));
        }
        ctx.store.update_partner(&updated)?;
        writeln!(
            ctx.out,
            "Agreement with {} ({id}):",
            ui::clean(&updated.name, 80)
        )?;
        write!(ctx.out, "{}", checklist_text(&updated, &ctx.look))?;
        Ok(())
    }
}
