//! The commands: one file each, behind one small trait and one `match`.

mod attach;
mod attest;
mod check;
mod commit;
pub mod completions;
mod config;
mod context;
mod due;
mod edit;
mod encryption;
mod evidence;
mod export;
mod feedback;
mod git;
mod group;
mod import;
mod inbox;
mod input;
mod keys;
mod log;
mod mix;
mod output;
mod packet;
mod partner;
mod paths;
mod receipt;
mod records;
mod reflect;
mod remove;
mod report;
mod rules;
mod sessions;
mod stats;
mod status;
mod summary;
mod upgrade;

use anyhow::Result;

use crate::cli::{Cli, Command, ConfigCommand, GroupCommand, PartnerCommand};
use crate::error::Exit;

pub use coachlog_core::logbook::Logbook;
pub use context::{Context, TODAY_VAR, notes_input};

/// A command that can run.
pub trait Run {
    /// Runs the command.
    fn run(self, ctx: &mut Context) -> Result<()>;
}

/// Runs the command line, and says how the run ends.
pub fn run(cli: Cli) -> Result<Exit> {
    let mut ctx = Context::open(cli.data_dir, cli.skip_invalid, cli.color, cli.ascii)?;
    let ran = match cli.command {
        Command::Git(args) => args.run(&mut ctx),
        Command::Undo => git::Undo.run(&mut ctx),
        Command::Sync => git::Sync.run(&mut ctx),
        Command::Log(args) => args.run(&mut ctx),
        Command::Sessions(args) => args.run(&mut ctx),
        Command::Remove(args) => args.run(&mut ctx),
        Command::Summary(args) => args.run(&mut ctx),
        Command::Reflect(args) => args.run(&mut ctx),
        Command::Feedback(args) => args.run(&mut ctx),
        Command::Stats(args) => args.run(&mut ctx),
        Command::Mix(args) => args.run(&mut ctx),
        Command::Config(ConfigCommand::Show(args)) => args.run(&mut ctx),
        Command::Config(ConfigCommand::Set(args)) => args.run(&mut ctx),
        Command::Config(ConfigCommand::Unset(args)) => args.run(&mut ctx),
        Command::Report(args) => args.run(&mut ctx),
        Command::Export(args) => args.run(&mut ctx),
        Command::Import(args) => args.run(&mut ctx),
        Command::Partner(PartnerCommand::Add(args)) => args.run(&mut ctx),
        Command::Partner(PartnerCommand::List(args)) => args.run(&mut ctx),
        Command::Partner(PartnerCommand::Show(args)) => args.run(&mut ctx),
        Command::Partner(PartnerCommand::Edit(args)) => args.run(&mut ctx),
        Command::Partner(PartnerCommand::Agree(args)) => args.run(&mut ctx),
        Command::Partner(PartnerCommand::Remove(args)) => args.run(&mut ctx),
        Command::Partner(PartnerCommand::Forget(args)) => args.run(&mut ctx),
        Command::Partner(PartnerCommand::End(args)) => args.run(&mut ctx),
        Command::Partner(PartnerCommand::Resume(args)) => args.run(&mut ctx),
        Command::Mentoring(c) => records::Records::Mentoring(c).run(&mut ctx),
        Command::Supervision(c) => records::Records::Supervision(c).run(&mut ctx),
        Command::Education(c) => records::Records::Education(c).run(&mut ctx),
        Command::Cpd(c) => records::Records::Cpd(c).run(&mut ctx),
        Command::Credential(c) => records::Records::Credential(c).run(&mut ctx),
        Command::Attach(args) => args.run(&mut ctx),
        Command::Evidence(args) => args.run(&mut ctx),
        Command::Attest(args) => args.run(&mut ctx),
        Command::Packet(args) => args.run(&mut ctx),
        Command::Receipt(args) => args.run(&mut ctx),
        Command::Rules(args) => args.run(&mut ctx),
        Command::Group(GroupCommand::Match(args)) => args.run(&mut ctx),
        Command::Group(GroupCommand::Status(args)) => args.run(&mut ctx),
        Command::Inbox(args) => args.run(&mut ctx),
        Command::Due(args) => args.run(&mut ctx),
        Command::Status(args) => args.run(&mut ctx),
        Command::Keys(c) => c.run(&mut ctx),
        Command::Check(args) => args.run(&mut ctx),
        Command::Upgrade(args) => args.run(&mut ctx),
        Command::Edit(args) => args.run(&mut ctx),
        Command::Completions(args) => args.run(&mut ctx),
        Command::Man(args) => args.run(&mut ctx),
        Command::Paths => paths::Paths.run(&mut ctx),
    };
    ctx.finish(ran)
}
