//! `coachlog packet SCHEME`: one zip with what an application or an audit asks for — the
//! accreditor's log, the summary, mentor coaching, education, CPD, supervision, attestations and
//! the evidence those rows name — every figure `summary`'s for that scheme and day; and `packet
//! verify`, which checks a packet against its manifest.

use std::io::Write;

use anyhow::{Result, bail};

use crate::cli::{PacketArgs, PacketCommand};
use crate::cmd::output::Output;
use crate::cmd::{Context, Run};
use crate::domain::text::count;
use crate::error::usage;
use crate::export::packet::{self, Entry};
use crate::export::{self, Options, Source};
use crate::reports::Partners;
use crate::reports::attested::Standing;
use crate::reports::counting::Practice;
use crate::reports::report::{self, Choice};
use crate::storage::development::Kept;
use crate::ui;

/// What the packet's JSON of a kind of record holds: each record dated on or before the as-of
/// day, notes left out.
fn records_json<K: Kept + serde::Serialize>(
    records: &[K],
    dated: impl Fn(&K) -> chrono::NaiveDate,
    as_of: chrono::NaiveDate,
) -> Result<Vec<u8>> {
    let listed: Vec<K> = records
        .iter()
        .filter(|r| dated(r) <= as_of)
        .cloned()
        .map(Kept::without_notes)
        .collect();
    let mut bytes = serde_json::to_vec_pretty(&listed)?;
    bytes.push(b'\n');
    Ok(bytes)
}

impl PacketArgs {
    fn write(&self, ctx: &mut Context, scheme_id: &str) -> Result<()> {
        let as_of = self.as_of.map_or(ctx.today, |p| p.last(ctx.today));
        let logbook = ctx.read_logbook()?;
        let settings = &logbook.settings;
        let Some(scheme) = settings.schemes.iter().find(|s| s.id == scheme_id) else {
            settings
                .check_scheme_ids(&[scheme_id.to_owned()])
                .map_err(usage)?;
            bail!("no scheme '{scheme_id}'");
        };
        let output = Output::or_file(self.output.as_deref(), || {
            format!("{scheme_id}-packet-{as_of}.zip")
        });
        output.check(self.force)?;
        let partners = Partners::new(logbook.partners.clone());
        let practice = Practice::new(&logbook.sessions, as_of);
        let source = Source {
            partners: &partners,
            practice: &practice,
            settings,
            records: &logbook.records,
        };
        // Clients who have not consented to be named appear under aliases only; a packet for a
        // mentor (--anonymize) names nobody and holds no contact.
        let options = Options {
            to: Some(as_of),
            anonymize: self.anonymize,
            include_contact: !self.anonymize,
            unconsented_unnamed: true,
            ..Options::default()
        };
        let mut entries: Vec<Entry> = Vec::new();
        let mut warnings: Vec<String> = Vec::new();
        let mut add = |path: &str, what: String, exported: export::Exported| {
            warnings.extend(exported.warnings);
            entries.push(Entry {
                path: path.to_owned(),
                what,
                bytes: exported.bytes,
            });
        };
        let name = &scheme.name;
        if scheme.icf_log {
            add(
                "icf-log.csv",
                format!("the ICF Client Coaching Log for {name}, as of {as_of} (CSV)"),
                export::icf::csv(&source, &options)?,
            );
            add(
                "icf-log.xlsx",
                "the same log as an Excel workbook".to_owned(),
                export::icf::xlsx(&source, &options)?,
            );
        }
        if scheme_id.starts_with("emcc") {
            add(
                "emcc-clients.csv",
                format!("the EMCC client summary for {name}, as of {as_of}"),
                export::emcc::export(&source, &options)?,
            );
        }
        add(
            "sessions.csv",
            format!("every session up to {as_of}, with how {name} counts it (the experience log)"),
            export::sessions::export(&source, &options)?,
        );
        if !logbook.records.mentoring.is_empty() {
            add(
                "mentor-coaching.csv",
                "mentor coaching received: each mentor, credential, contact, first and last \
                 session, hours one-to-one and in groups"
                    .to_owned(),
                export::mentoring::csv(&source, &options)?,
            );
            add(
                "mentor-coaching.xlsx",
                "the same log as an Excel workbook".to_owned(),
                export::mentoring::xlsx(&source, &options)?,
            );
        }
        let summary = crate::reports::summary::summary(
            &practice,
            &logbook.records,
            &partners,
            settings,
            std::iter::once(scheme),
        );
        let mut json = serde_json::to_vec_pretty(&crate::views::summary::json(&summary))?;
        json.push(b'\n');
        entries.push(Entry {
            path: "summary.json".to_owned(),
            what: format!("{name}, requirement by requirement, as `coachlog summary --json` shows it on {as_of}"),
            bytes: json,
        });
        let made = report::report(
            &practice,
            &logbook.records,
            &partners,
            settings,
            &Choice {
                owner: settings.name.clone(),
                schemes: &[scheme_id.to_owned()],
                from: None,
                anonymize: self.anonymize,
                unconsented_unnamed: true,
            },
        );
        entries.push(Entry {
            path: "report.html".to_owned(),
            what: "the report: progress, hours per month, client mix and every session (opens in \
                   a browser, prints to PDF)"
                .to_owned(),
            bytes: crate::views::html::html(&made).into_bytes(),
        });
        let r = &logbook.records;
        for (path, what, bytes) in [
            (
                "education.json",
                "coach-specific education: each course, provider, hours and accreditation",
                records_json(&r.education, |e| e.start, as_of)?,
            ),
            (
                "cpd.json",
                "continuing education: each item, provider, category and units",
                records_json(&r.cpd, |c| c.date, as_of)?,
            ),
            (
                "supervision.json",
                "supervision received: each session, supervisor and hours",
                records_json(&r.supervision, |s| s.date, as_of)?,
            ),
        ] {
            entries.push(Entry {
                path: path.to_owned(),
                what: what.to_owned(),
                bytes,
            });
        }
        // An attested period goes into a packet only as it stands: one that does not hold what
        // was signed (or is gone) is refused, one reopened with reasons goes with a word.
        if let Some(gone) = ctx.store.missing_attestations()?.first() {
            return Err(usage(format!("{}; nothing was written", gone.describe())));
        }
        let attestations: Vec<_> = ctx
            .store
            .attestations()?
            .into_iter()
            .filter(|a| a.record.to <= as_of)
            .collect();
        for (a, j) in super::attest::judged(&attestations, &logbook) {
            match j.standing {
                Standing::Holds => {}
                Standing::Reopened => ui::warn(format!(
                    "attestation {} ({} to {}) no longer holds the figures its statement shows: \
                     each change is reopened with a reason, which the packet carries in its file",
                    a.record.id, a.record.from, a.record.to
                )),
                Standing::Broken => {
                    return Err(usage(format!(
                        "attestation {} ({} to {}) does not hold what was signed, so a packet \
                         would hand over a proof that is not so: `coachlog attest verify {}` says \
                         what changed; nothing was written",
                        a.record.id, a.record.from, a.record.to, a.record.id
                    )));
                }
            }
        }
        for a in &attestations {
            let file = a
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            entries.push(Entry {
                path: format!("attestations/{file}"),
                what: format!(
                    "the period {} to {} as attested{}",
                    a.record.from,
                    a.record.to,
                    a.record
                        .by
                        .as_deref()
                        .map_or_else(String::new, |b| format!(" for {b} to sign"))
                ),
                bytes: std::fs::read(&a.path)?,
            });
        }
        // The evidence of the rows the packet holds: the records above, the attestations, and the
        // consented clients in the log. None in a packet for a mentor.
        let mut evidence = 0;
        if !self.anonymize {
            let consented: std::collections::BTreeSet<String> = logbook
                .partners
                .iter()
                .filter(|p| p.consent)
                .map(|p| p.id.to_string())
                .collect();
            for h in ctx.store.holders()? {
                let wanted = match h.noun {
                    "education" | "cpd" | "mentoring" | "supervision" | "credential" | "attest" => {
                        true
                    }
                    "partner" => consented.contains(&h.id),
                    _ => false,
                };
                if !wanted {
                    continue;
                }
                for e in &h.entries {
                    let Some(file) = ctx.store.evidence_file(&e.sha256) else {
                        bail!(
                            "the evidence {} of {} {} is missing: `coachlog check` says more",
                            e.name,
                            h.noun,
                            h.id
                        );
                    };
                    let path = format!("evidence/{}-{}-{}", h.noun, h.id, e.name);
                    if entries.iter().any(|x| x.path == path) {
                        continue;
                    }
                    entries.push(Entry {
                        path,
                        what: format!("{} for {} {} ({})", e.kind, h.noun, h.id, h.label),
                        bytes: std::fs::read(&file)?,
                    });
                    evidence += 1;
                }
            }
        }
        // The CSV and the workbook of one log warn alike: each warning once.
        let mut said = std::collections::BTreeSet::new();
        for w in &warnings {
            if said.insert(w.as_str()) {
                ui::warn(w);
            }
        }
        let title = format!(
            "{name} packet{}, as of {as_of}",
            settings
                .name
                .as_deref()
                .filter(|_| !self.anonymize)
                .map_or_else(String::new, |n| format!(" of {n}"))
        );
        let count_entries = entries.len();
        let bytes = packet::zip(&title, &entries, as_of)?;
        output.write(ctx, &bytes, self.force)?;
        writeln!(
            ctx.out,
            "Packet for {name} as of {as_of}: {} ({}), with a MANIFEST of their SHA-256",
            count(count_entries, "file", "files"),
            count(evidence, "evidence file", "evidence files")
        )?;
        Ok(())
    }
}

impl Run for PacketArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        match (&self.command, &self.scheme) {
            (Some(PacketCommand::Verify(args)), _) => {
                let meta = std::fs::metadata(&args.file)
                    .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", args.file.display()))?;
                if !meta.is_file() {
                    bail!(
                        "{} is {}, not a packet's zip",
                        args.file.display(),
                        crate::storage::files::kind(meta.file_type())
                    );
                }
                let bytes = std::fs::read(&args.file)
                    .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", args.file.display()))?;
                let problems = packet::verify(&bytes)
                    .map_err(|e| e.context(format!("{}", args.file.display())))?;
                if problems.is_empty() {
                    writeln!(
                        ctx.out,
                        "{}: every file is as its MANIFEST says",
                        args.file.display()
                    )?;
                    return Ok(());
                }
                for p in &problems {
                    writeln!(ctx.out, "{p}")?;
                }
                bail!(
                    "{}: {} not as the packet was written",
                    args.file.display(),
                    count(problems.len(), "file is", "files are")
                )
            }
            (None, Some(scheme)) => self.write(ctx, scheme),
            (None, None) => Err(usage(
                "which scheme? coachlog packet SCHEME (e.g. coachlog packet icf-acc; `coachlog \
                 config show` lists them)",
            )),
        }
    }
}
