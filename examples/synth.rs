//! Writes a realistic synthetic logbook of N sessions, for the benchmark:
//!
//! ```text
//! cargo run --release --example synth -- --sessions 10000 --out /tmp/logbook-10k \
//!     [--watson DIR] [--timeclock FILE]
//! cargo run --release --example synth -- --roster 200 --out /tmp/roster-200.csv
//! ```
//!
//! Partners are a mix of peers and non-coach clients, individuals and groups, reciprocal and
//! one-way; sessions spread over the years before 2026-11-23 with the durations coaches use, some
//! as client, some with a reflection. `--watson` and `--timeclock` write the same coaching sessions
//! for Watson and hledger, so the benchmark can compare like with like. The output is the same for
//! the same N (a fixed pseudo-random sequence).

use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;

use chrono::{Days, NaiveDate};
use coachlog_core::domain::duration::Minutes;
use coachlog_core::domain::id::PartnerId;
use coachlog_core::domain::model::{
    Arrangement, ClientType, GroupSize, NewSession, Partner, Payment, Role,
};
use coachlog_core::domain::reflection::{RatedBy, Reflection, Score, Scores};
use coachlog_core::storage::record::{PartnerRecord, SessionRecord};

/// A small, fixed pseudo-random sequence (xorshift), so runs are repeatable without a crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

struct Args {
    sessions: usize,
    roster: usize,
    out: PathBuf,
    watson: Option<PathBuf>,
    timeclock: Option<PathBuf>,
}

fn args() -> Result<Args, String> {
    let mut args = Args {
        sessions: 0,
        roster: 0,
        out: PathBuf::new(),
        watson: None,
        timeclock: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--sessions" => {
                args.sessions = value
                    .parse()
                    .map_err(|_| format!("'{value}' is not a number"))?
            }
            "--roster" => {
                args.roster = value
                    .parse()
                    .map_err(|_| format!("'{value}' is not a number"))?
            }
            "--out" => args.out = value.into(),
            "--watson" => args.watson = Some(value.into()),
            "--timeclock" => args.timeclock = Some(value.into()),
            _ => return Err(format!("unknown flag {flag}")),
        }
    }
    if (args.sessions == 0) == (args.roster == 0) || args.out.as_os_str().is_empty() {
        return Err(
            "usage: synth --sessions N --out DIR [--watson DIR] [--timeclock FILE]\n       \
                    synth --roster N --out FILE"
                .into(),
        );
    }
    Ok(args)
}

/// A practice group's sign-up roster of `n` people, as a form exports it: time zones across
/// three continents, mostly English with a second language, free times people write, two in
/// three reciprocal.
fn roster(n: usize, rng: &mut Rng) -> String {
    const ZONES: [&str; 8] = [
        "Europe/Berlin",
        "Europe/London",
        "Europe/Madrid",
        "America/New_York",
        "America/Chicago",
        "Asia/Kolkata",
        "Asia/Singapore",
        "Africa/Lagos",
    ];
    const LANGUAGES: [&str; 5] = [
        "English",
        "English, German",
        "English, Spanish",
        "German",
        "Spanish",
    ];
    const FREE: [&str; 8] = [
        "Mon-Thu 18-21",
        "weekends mornings",
        "weekdays evenings",
        "Tue 9:30-12; Sat 10am-2pm",
        "Mon, Wed evenings",
        "Fri-Sun 8-11",
        "weekdays 12-14",
        "Sat 14-18",
    ];
    const LEVELS: [&str; 4] = ["ICF ACC", "ICF PCC", "EMCC Practitioner", ""];
    let mut out = String::from(
        "Timestamp,Full name,Email Address,Time zone,Languages,When are you free?,Credential,\
         Reciprocal or one-way?,Session length\n",
    );
    for i in 0..n {
        let pick = |rng: &mut Rng, k: usize| rng.below(k as u64) as usize;
        let _ = writeln!(
            out,
            "2026/11/30 09:00,Student {i:04},student{i:04}@example.org,{},\"{}\",\"{}\",{},{},{}",
            ZONES[pick(rng, ZONES.len())],
            LANGUAGES[pick(rng, LANGUAGES.len())],
            FREE[pick(rng, FREE.len())],
            LEVELS[pick(rng, LEVELS.len())],
            if pick(rng, 3) < 2 {
                "reciprocal"
            } else {
                "one-way"
            },
            [45, 60, 60][pick(rng, 3)],
        );
    }
    out
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = args()?;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    if args.roster > 0 {
        return Ok(write(&args.out, roster(args.roster, &mut rng))?);
    }
    let end = NaiveDate::from_ymd_opt(2026, 11, 23).ok_or("date")?;
    let years = (args.sessions / 2000).clamp(2, 10) as u64;
    let span_days = years * 365;
    let start = end - Days::new(span_days);

    fs::create_dir_all(args.out.join("partners"))?;
    write(
        &args.out.join("config.toml"),
        format!("training_start = {}\n", start + Days::new(30)),
    )?;
    let partner_count = (args.sessions / 40).max(12);
    let mut partners = Vec::new();
    for i in 0..partner_count {
        let peer = rng.below(100) < 40;
        let id: PartnerId = format!("client-{i:05}").parse()?;
        let mut p = Partner::new(
            id,
            format!("Client {i:05}"),
            if peer {
                ClientType::Peer
            } else {
                ClientType::NonCoach
            },
        );
        p.arrangement = if peer && rng.below(100) < 70 {
            Arrangement::Reciprocal
        } else {
            Arrangement::OneWay
        };
        if !peer && rng.below(100) < 8 {
            p.group_size = GroupSize::new(2 + rng.below(20) as u32);
        }
        if !peer && rng.below(100) < 30 {
            p.payment = Some(Payment::Paid);
        }
        p.consent = rng.below(100) < 95;
        p.default_minutes = Minutes::new([45, 50, 60, 60, 90][rng.below(5) as usize]);
        write(
            &args.out.join(format!("partners/{}.toml", p.id)),
            toml::to_string(&PartnerRecord::from_partner(&p))?,
        )?;
        partners.push(p);
    }

    let mut watson = String::from("[");
    let mut timeclock = String::new();
    for n in 0..args.sessions {
        let p = &partners[rng.below(partners.len() as u64) as usize];
        let date = start + Days::new(rng.below(span_days + 1));
        let minutes = Minutes::new([30, 45, 50, 60, 60, 60, 75, 90][rng.below(8) as usize])
            .ok_or("minutes")?;
        let role = if p.arrangement == Arrangement::Reciprocal && rng.below(100) < 45 {
            Role::Client
        } else {
            Role::Coach
        };
        let reflection = (role == Role::Coach && rng.below(100) < 20).then(|| Reflection {
            scores: Some(Scores([0; 4].map(|_| {
                Score::from_tenths(85 + rng.below(16) as u32)
                    .unwrap_or(Score::from_tenths(90).expect("9"))
            }))),
            rated_by: RatedBy::Client,
            experiment: Some("leave more silence".into()),
        });
        let session = NewSession {
            date,
            partner: p.id.clone(),
            minutes,
            role,
            payment: p.session_payment(p.arrangement),
            arrangement: p.arrangement,
            facts: p.facts(),
            not_counted: None,
            notes: None,
            reflection,
            competencies: Vec::new(),
            feedback: None,
            calendar: None,
            inbox: None,
        };
        let dir = args.out.join(format!("sessions/{}", date.format("%Y")));
        fs::create_dir_all(&dir)?;
        write(
            &dir.join(format!("{date}-{}-s{n:07}.toml", p.id)),
            toml::to_string(&SessionRecord::from_new(&session))?,
        )?;
        if role == Role::Coach {
            let begin = date.and_hms_opt(9 + (n % 8) as u32, 0, 0).ok_or("time")?;
            let stop = begin + chrono::Duration::minutes(i64::from(minutes.get()));
            if watson.len() > 1 {
                watson.push(',');
            }
            let _ = write!(
                watson,
                "[{},{},\"{}\",\"{:032x}\",[],{}]",
                begin.and_utc().timestamp(),
                stop.and_utc().timestamp(),
                p.id,
                n,
                stop.and_utc().timestamp()
            );
            let _ = write!(
                timeclock,
                "i {} coaching:{}\no {}\n\n",
                begin.format("%Y-%m-%d %H:%M:%S"),
                p.id,
                stop.format("%Y-%m-%d %H:%M:%S")
            );
        }
    }
    watson.push(']');
    if let Some(dir) = &args.watson {
        fs::create_dir_all(dir)?;
        fs::write(dir.join("frames"), &watson)?;
    }
    if let Some(file) = &args.timeclock {
        fs::write(file, &timeclock)?;
    }
    // A developer's tool, not coachlog: its one line of output is its own.
    #[allow(clippy::print_stdout)]
    {
        println!(
            "{} sessions, {} partners, {years} years in {}",
            args.sessions,
            partners.len(),
            args.out.display()
        );
    }
    Ok(())
}

/// Writes a logbook file owner-only, as coachlog does (so that `check` finds what it would in a
/// real logbook, not a file readable by others each time).
fn write(path: &std::path::Path, text: impl AsRef<str>) -> std::io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    std::io::Write::write_all(&mut options.open(path)?, text.as_ref().as_bytes())
}
