//! The benchmark's floor: one thread reading every session file of a logbook and parsing it with the
//! same TOML crate into a minimal struct, then summing the coaching minutes. `summary` should be no
//! slower than this.
//!
//! ```text
//! cargo run --release --example floor -- DIR
//! ```

use std::fs;
use std::path::Path;

use serde::Deserialize;

#[derive(Deserialize)]
#[allow(dead_code)]
struct Minimal {
    date: toml::value::Datetime,
    partner: String,
    minutes: u32,
    role: String,
}

fn walk(dir: &Path, total: &mut (u64, u64)) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, total)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            let text = fs::read_to_string(&path)?;
            // Keys the struct does not name (payment, a reflection, …) are skipped.
            if let Ok(s) = toml::from_str::<Minimal>(&text)
                && s.role == "coach"
            {
                total.0 += 1;
                total.1 += u64::from(s.minutes);
            }
        }
    }
    Ok(())
}

fn main() -> std::io::Result<()> {
    let dir = std::env::args().nth(1).unwrap_or_else(|| ".".into());
    let mut total = (0, 0);
    walk(&Path::new(&dir).join("sessions"), &mut total)?;
    println!(
        "{} coaching sessions, {:.2} h",
        total.0,
        total.1 as f64 / 60.0
    );
    Ok(())
}
