//! `coachlog packet SCHEME`: one zip with what that body's application or audit asks for (the
//! scheme's `packet` parts: the ICF log, a client log by reference or an experience log, mentor
//! coaching, education, continuing education, supervision, feedback and reflections, consent forms,
//! references), always with the sessions as the scheme counts them, the summary, the report and the
//! attested periods — every figure `summary`'s for that scheme and day, every client named as files
//! for others name them; and `packet verify`, which checks a packet as `sha256sum -c` would, and
//! more.

use std::io::Write;

use anyhow::{Result, bail};

use crate::cli::{PacketArgs, PacketCommand};
use crate::cmd::output::Output;
use crate::cmd::{Context, Run};
use crate::error::usage;
use crate::ui;
use coachlog_core::domain::evidence::EvidenceKind;
use coachlog_core::domain::receipt::KeptReceipt;
use coachlog_core::domain::text::count;
use coachlog_core::export::packet::{self, Check, Entry};
use coachlog_core::export::{self, Options, Source};
use coachlog_core::reports::Partners;
use coachlog_core::reports::aliases::Namer;
use coachlog_core::reports::attested::Standing;
use coachlog_core::reports::counting::Practice;
use coachlog_core::reports::receipts;
use coachlog_core::reports::report::{self, Choice};
use coachlog_core::rules::scheme::PacketPart;
use coachlog_core::storage::evidence::Holder;

/// The extension an evidence file is kept with (`.pdf`), for its name in the zip.
fn extension(path: &std::path::Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .filter(|e| e.len() <= 8 && e.bytes().all(|b| b.is_ascii_alphanumeric()))
        .map_or_else(String::new, |e| format!(".{e}"))
}

/// Text from a record (a course's title, a mentor's name) made safe for a README line.
fn plain(text: &str) -> String {
    coachlog_core::domain::text::for_terminal(text, 120, "…")
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
        // A body that identifies clients by reference names none of them anywhere in its packet;
        // any other names those who consented, by the name they go by in files for others, and
        // the others under aliases. A packet for a mentor (--anonymize) names nobody.
        let anonymous = self.anonymize || scheme.packs(PacketPart::ClientRefs);
        let options = Options {
            to: Some(as_of),
            anonymize: anonymous,
            include_contact: !anonymous,
            unconsented_unnamed: true,
            ..Options::default()
        };
        let namer = Namer::new(practice.sessions(), &partners, anonymous, true);
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
        let r = &logbook.records;
        for part in &scheme.packet {
            match part {
                PacketPart::IcfLog => {
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
                PacketPart::ClientRefs => add(
                    "client-log.csv",
                    format!(
                        "the clients {name} counts, each by an anonymised reference (client \
                         profile, sessions, hours), as of {as_of}"
                    ),
                    export::emcc::export_for(&source, &options, scheme)?,
                ),
                PacketPart::ExperienceLog => add(
                    "experience-log.csv",
                    format!(
                        "the experience log for {name}: each client, the first and last session, \
                         the hours paid and pro bono, and the total, as of {as_of}"
                    ),
                    export::experience::export(&source, &options, scheme)?,
                ),
                PacketPart::MentorCoaching if !r.mentoring.is_empty() => {
                    add(
                        "mentor-coaching.csv",
                        "mentor coaching received: each mentor, credential, contact, first and \
                         last session, hours one-to-one and in groups"
                            .to_owned(),
                        export::mentoring::csv(&source, &options)?,
                    );
                    add(
                        "mentor-coaching.xlsx",
                        "the same log as an Excel workbook".to_owned(),
                        export::mentoring::xlsx(&source, &options)?,
                    );
                }
                PacketPart::Education => add(
                    "education.json",
                    format!(
                        "coach-specific education begun by {as_of}: each course, provider, hours, \
                         accreditation, and whether it counts yet (a course still running does not)"
                    ),
                    json(export::records::education(r, as_of)?),
                ),
                PacketPart::Cpd => add(
                    "cpd.json",
                    "continuing education: each item, provider, category and units".to_owned(),
                    json(export::records::dated(&r.cpd, |c| c.date, as_of)?),
                ),
                PacketPart::Supervision => add(
                    "supervision.json",
                    "supervision received: each session, supervisor and hours (the supervision \
                     log)"
                        .to_owned(),
                    json(export::records::dated(&r.supervision, |s| s.date, as_of)?),
                ),
                PacketPart::Feedback => add(
                    "feedback.csv",
                    format!(
                        "the pieces of client feedback {name} counts: each session's scores as \
                         the client gave them, and how they came (request: the client's own \
                         answer, which the client let be shown)"
                    ),
                    export::learning::feedback(&source, &options, scheme)?,
                ),
                PacketPart::Reflections => add(
                    "reflections.csv",
                    format!(
                        "the reflections {name} counts (the learning log): each session's scores \
                         and who gave them"
                    ),
                    export::learning::reflections(&source, &options, scheme)?,
                ),
                PacketPart::MentorCoaching | PacketPart::Consent | PacketPart::References => {}
            }
        }
        add(
            "sessions.csv",
            format!(
                "every session up to {as_of}, with how {name} counts it (category and paid \
                 minutes)"
            ),
            export::sessions::export_judged(
                &source,
                &options,
                scheme,
                &scheme.body.to_ascii_lowercase(),
            )?,
        );
        let summary = coachlog_core::reports::summary::summary(
            &practice,
            &logbook.records,
            &partners,
            settings,
            std::iter::once(scheme),
        );
        let mut summary_json = serde_json::to_vec_pretty(&crate::views::summary::json(&summary))?;
        summary_json.push(b'\n');
        entries.push(Entry {
            path: "summary.json".to_owned(),
            what: format!(
                "{name}, requirement by requirement, as `coachlog summary --json` shows it on \
                 {as_of}; judged by: {}",
                coachlog_core::reports::requirement::judged_by(
                    scheme,
                    summary
                        .schemes
                        .iter()
                        .flat_map(|p| p.requirements.iter().map(|r| r.kind))
                )
                .line()
            ),
            bytes: summary_json,
        });
        let about = export::packet::About::new(settings.name.clone(), scheme_id, as_of, anonymous);
        entries.push(Entry {
            path: export::packet::ABOUT.to_owned(),
            what: "whose packet this is, for which scheme, as of which day (for a school's \
                   `coachlog group status`)"
                .to_owned(),
            bytes: serde_json::to_vec_pretty(&about)?,
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
                anonymize: anonymous,
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
        // An attested period goes into a packet only as it stands: one that does not hold what
        // was signed (or is gone) is refused, one reopened with reasons goes with a word.
        let all = ctx.store.attestations()?;
        if let Some(gone) = ctx.store.missing_among(&all)?.first() {
            return Err(usage(format!("{}; nothing was written", gone.describe())));
        }
        let attestations: Vec<_> = all.into_iter().filter(|a| a.record.to <= as_of).collect();
        let mut attested_ids = std::collections::BTreeSet::new();
        for (a, j) in coachlog_core::logbook::judged_attestations(&attestations, &logbook) {
            match j.standing {
                Standing::Holds => {}
                Standing::Reopened => ui::warn(format!(
                    "attestation {} ({} to {}) no longer holds the figures its statement shows: \
                     each change is reopened with a reason, which the packet carries",
                    a.record.id, a.record.from, a.record.to
                )),
                // A withdrawn attestation goes in as withdrawn, with its reason, and without its
                // statement: it vouches for nothing.
                Standing::Withdrawn => {}
                Standing::Broken => {
                    return Err(usage(format!(
                        "attestation {} ({} to {}) does not hold what was signed, so a packet \
                         would hand over a proof that is not so: `coachlog attest verify {}` says \
                         what changed, or `coachlog attest withdraw {} --reason \"…\"` takes it \
                         back; nothing was written",
                        a.record.id, a.record.from, a.record.to, a.record.id, a.record.id
                    )));
                }
            }
            let name_of = |id: &str| -> String {
                id.parse()
                    .map_or_else(|_| id.to_owned(), |id| namer.name(&id, &partners))
            };
            entries.push(Entry {
                path: format!(
                    "attestations/{}-attestation-{}.json",
                    a.record.to, a.record.id
                ),
                what: match &a.record.withdrawn {
                    Some(w) => format!(
                        "the period {} to {} as attested, withdrawn on {}: {}",
                        a.record.from,
                        a.record.to,
                        w.on,
                        plain(&w.reason)
                    ),
                    None => format!(
                        "the period {} to {} as attested{}, with every change reopened since and \
                         why",
                        a.record.from,
                        a.record.to,
                        a.record
                            .by
                            .as_deref()
                            .map_or_else(String::new, |b| format!(" for {} to sign", plain(b)))
                    ),
                },
                bytes: packet::attestation_json(&a.record, j.standing, name_of)?,
            });
            // Its statement names the clients of the period who could be named when it was made
            // (every one, for an attestation of an earlier coachlog): one who has withdrawn since
            // keeps it, and its signed scan, out of the packet.
            let withdrawn: Vec<String> = logbook
                .sessions
                .iter()
                .filter(|s| a.record.covers(s.date))
                .map(|s| &s.partner)
                .filter(|id| {
                    let named_then = a
                        .record
                        .consent
                        .as_ref()
                        .is_none_or(|c| c.get(id.as_str()).copied().unwrap_or(false));
                    named_then && partners.get(id).is_some_and(|p| !p.consent)
                })
                .map(|id| namer.name(id, &partners))
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            if !a.record.stands() {
                continue;
            }
            if withdrawn.is_empty() {
                attested_ids.insert(a.record.id.clone());
            } else {
                ui::warn(format!(
                    "the statement of attestation {} names {}, who {} not consent to be named now: \
                     it and its signed scan are left out of the packet",
                    a.record.id,
                    withdrawn.join(", "),
                    coachlog_core::domain::text::agree(withdrawn.len(), "does", "do")
                ));
            }
        }
        // The partners' receipts of the sessions up to the as-of day that they confirm, as kept
        // (their text and signature), with the keys pinned for them: in a packet that may name
        // the partner, who consents to be named.
        let mut receipts_in = 0;
        if !anonymous {
            let kept = ctx.store.records::<KeptReceipt>()?;
            let mut signers = String::new();
            for j in receipts::judge(&kept, &logbook.sessions) {
                let k = j.kept;
                let consenting = partners.get(&k.partner).is_some_and(|p| p.consent);
                if j.standing != receipts::Standing::Confirmed || k.date > as_of || !consenting {
                    continue;
                }
                let Ok(key) = coachlog_core::storage::signing::verify(&k.text, &k.signature) else {
                    continue;
                };
                let line = format!(
                    "{} {}\n",
                    k.partner,
                    coachlog_core::storage::signing::public_line(&key)
                );
                if !signers.contains(&line) {
                    signers.push_str(&line);
                }
                let base = format!("receipts/{}-{}-{}", k.date, k.partner, k.id);
                let who = plain(&namer.name(&k.partner, &partners));
                entries.push(Entry {
                    path: format!("{base}.txt"),
                    what: format!(
                        "the session of {} as {who}'s own logbook holds it (a receipt they signed)",
                        k.date
                    ),
                    bytes: k.text.clone().into_bytes(),
                });
                entries.push(Entry {
                    path: format!("{base}.txt.sig"),
                    what: format!(
                        "its signature: ssh-keygen -Y verify -f receipts/allowed_signers -I {} -n \
                         {} -s {base}.txt.sig < {base}.txt",
                        k.partner,
                        coachlog_core::domain::receipt::NAMESPACE
                    ),
                    bytes: k.signature.clone().into_bytes(),
                });
                receipts_in += 1;
            }
            if receipts_in > 0 {
                entries.push(Entry {
                    path: "receipts/allowed_signers".to_owned(),
                    what: "the partners' public keys as this logbook pinned them, for ssh-keygen"
                        .to_owned(),
                    bytes: signers.into_bytes(),
                });
            }
        }
        // The evidence of the rows the packet holds, each read as attached (a file that changed
        // since is refused), under a plain name; none in a packet for a mentor.
        let mut evidence = 0;
        if !self.anonymize {
            let wanted = Wanted {
                scheme,
                named_clients: logbook
                    .partners
                    .iter()
                    .filter(|p| p.consent && !anonymous)
                    .map(|p| p.id.to_string())
                    .collect(),
                attested: attested_ids,
                namer: &namer,
                partners: &partners,
                settings,
                records: &logbook.records,
                anonymous,
            };
            let mut numbers: std::collections::BTreeMap<&str, usize> = Default::default();
            for h in ctx.store.holders()? {
                for e in &h.entries {
                    let Some((part, what)) = evidence_part(&wanted, &h, e.kind) else {
                        continue;
                    };
                    let bytes = ctx
                        .store
                        .evidence_content(e, &format!("{} {}", h.noun, h.id))?;
                    let n = numbers.entry(part).or_default();
                    *n += 1;
                    let kept = ctx.store.evidence_file(&e.sha256).unwrap_or_default();
                    entries.push(Entry {
                        path: format!("evidence/{part}-{:02}{}", n, extension(&kept)),
                        what: format!("{} for {what}", e.kind),
                        bytes,
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
                .map_or_else(String::new, |n| format!(" of {}", plain(n)))
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

/// An export's bytes from JSON.
fn json(bytes: Vec<u8>) -> export::Exported {
    export::Exported {
        bytes,
        warnings: Vec::new(),
    }
}

/// What decides which evidence a packet holds.
struct Wanted<'a> {
    scheme: &'a coachlog_core::rules::scheme::Scheme,
    /// The clients the packet names (their consent and references may go in).
    named_clients: std::collections::BTreeSet<String>,
    /// The attestations it holds.
    attested: std::collections::BTreeSet<String>,
    namer: &'a Namer,
    partners: &'a Partners,
    settings: &'a coachlog_core::rules::settings::Settings,
    records: &'a coachlog_core::domain::development::Development,
    /// The packet names no client (EMCC's, or one for a mentor).
    anonymous: bool,
}

/// Where a piece of evidence goes in a packet (the part its name in the zip starts with) and what
/// it is for, in words; none when the packet does not hold it.
fn evidence_part(w: &Wanted, h: &Holder, kind: EvidenceKind) -> Option<(&'static str, String)> {
    let Wanted {
        scheme,
        named_clients,
        attested,
        namer,
        partners,
        settings,
        records,
        anonymous,
    } = w;
    let label = plain(&h.label);
    match h.noun {
        // A statement, and its signed scan, name the clients of the period: they go only into a
        // packet that may name clients.
        "attest" if attested.contains(&h.id) && !*anonymous => {
            Some(("attestation", format!("the attested period {label}")))
        }
        "education" if scheme.packs(PacketPart::Education) => {
            Some(("education", format!("the course {label}")))
        }
        "cpd" if scheme.packs(PacketPart::Cpd) => {
            Some(("cpd", format!("the continuing education {label}")))
        }
        "mentoring" if scheme.packs(PacketPart::MentorCoaching) => {
            Some(("mentoring", format!("the mentor coaching of {label}")))
        }
        "supervision" if scheme.packs(PacketPart::Supervision) => {
            Some(("supervision", format!("the supervision of {label}")))
        }
        "credential" => {
            // A credential's certificate belongs to its own body's packets.
            let body = records
                .credentials
                .iter()
                .find(|c| c.id == h.id)
                .and_then(|c| settings.scheme(&c.scheme))
                .map(|s| s.body.clone());
            (body.as_deref() == Some(scheme.body.as_str()))
                .then(|| ("credential", format!("the credential {label}")))
        }
        "partner" if named_clients.contains(&h.id) => {
            let wanted = (kind == EvidenceKind::Consent && scheme.packs(PacketPart::Consent))
                || (kind == EvidenceKind::Reference && scheme.packs(PacketPart::References));
            let who =
                h.id.parse()
                    .map(|id| namer.name(&id, partners))
                    .unwrap_or_default();
            wanted.then(|| {
                (
                    if kind == EvidenceKind::Consent {
                        "consent"
                    } else {
                        "reference"
                    },
                    format!("the client {}", plain(&who)),
                )
            })
        }
        _ => None,
    }
}

impl Run for PacketArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        match (&self.command, &self.scheme) {
            (Some(PacketCommand::Verify(args)), _) => {
                let shown = ui::clean(&args.file.display().to_string(), 200);
                let meta = std::fs::metadata(&args.file)
                    .map_err(|e| anyhow::anyhow!("cannot read {shown}: {e}"))?;
                if !meta.is_file() {
                    bail!(
                        "{shown} is {}, not a packet's zip",
                        coachlog_core::storage::files::kind(meta.file_type())
                    );
                }
                let file = std::fs::File::open(&args.file)
                    .map_err(|e| anyhow::anyhow!("cannot read {shown}: {e}"))?;
                let verified = packet::verify(std::io::BufReader::new(file))
                    .map_err(|e| e.context(shown.clone()))?;
                // As `sha256sum -c MANIFEST` prints it, then what it cannot see.
                for (path, check) in &verified.lines {
                    let word = match check {
                        Check::Ok => "OK",
                        Check::Failed => "FAILED",
                        Check::Missing => "FAILED open or read",
                    };
                    writeln!(ctx.out, "{path}: {word}")?;
                }
                for p in &verified.problems {
                    writeln!(ctx.out, "{p}")?;
                }
                if verified.receipts > 0 {
                    writeln!(
                        ctx.out,
                        "{}: signed by the partners' keys",
                        count(verified.receipts, "receipt", "receipts")
                    )?;
                }
                if verified.holds() {
                    writeln!(ctx.out, "{shown}: every file is as its MANIFEST says")?;
                    return Ok(());
                }
                let failed = verified
                    .lines
                    .iter()
                    .filter(|(_, c)| *c != Check::Ok)
                    .count();
                bail!(
                    "{shown}: not as the packet was written ({}, {})",
                    count(failed, "MANIFEST line fails", "MANIFEST lines fail"),
                    count(verified.problems.len(), "other problem", "other problems")
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
