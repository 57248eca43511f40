#!/usr/bin/env bash
# The calendar import's benchmark: a 10,000-event .ics file (single events in four time zones,
# 300 clients) imported into an empty logbook, each run on a fresh copy, and planned again
# (`--dry-run`) once every event is there. Prints medians of hyperfine runs.
#
#   examples/bench-calendar.sh
#
# Needs hyperfine (a Debian package; installed when it can be). Writes under $BENCH_DIR (default:
# a new temporary directory).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v hyperfine >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null
  else echo "install hyperfine (a Debian package) first" >&2; exit 1; fi
fi
WORK=${BENCH_DIR:-$(mktemp -d)}
mkdir -p "$WORK"
cargo build --release --locked --quiet --bin coachlog
BIN=$PWD/target/release/coachlog
python3 - "$WORK/events.ics" <<'PY'
import datetime, random, sys
random.seed(7)
zones = ["Europe/Berlin", "America/New_York", "Pacific/Auckland", "Asia/Tokyo"]
out = ["BEGIN:VCALENDAR", "PRODID:-//coachlog benchmark//EN", "VERSION:2.0"]
start = datetime.date(2024, 1, 1)
for i in range(10_000):
    day = start + datetime.timedelta(days=random.randrange(1000))
    hour, minute = random.randrange(7, 21), random.choice([0, 15, 30, 45])
    out += ["BEGIN:VEVENT", f"UID:bench-{i}@example.org", "DTSTAMP:20261120T120000Z",
            f"DTSTART;TZID={random.choice(zones)}:{day:%Y%m%d}T{hour:02}{minute:02}00",
            f"DURATION:PT{random.choice([30, 45, 60, 75, 90])}M",
            f"SUMMARY:Coaching: Client {random.randrange(1, 301):03}", "END:VEVENT"]
out.append("END:VCALENDAR")
open(sys.argv[1], "w", newline="").write("\r\n".join(out) + "\r\n")
PY
base=$WORK/calendar-base
rm -rf "$base" && mkdir -p "$base/partners"
for i in $(seq -f %03g 1 300); do
  printf 'version = 1\nname = "Client %s"\nclient_type = "non-coach"\n' "$i" > "$base/partners/client-$i.toml"
done
printf '[calendar]\ntimezone = "Europe/Berlin"\n\n[[calendar.rule]]\nsummary = "Coaching: {partner}"\n' > "$base/config.toml"
chmod -R go-rwx "$base"
export COACHLOG_TODAY=2026-11-23
hyperfine -N --runs 5 --export-json "$WORK/calendar-import.json" \
  --prepare "sh -c 'run=$WORK/calendar-\$(date +%s%N); cp -r $base \$run && ln -sfn \$run $WORK/calendar-run && sync'" \
  "$BIN --data-dir $WORK/calendar-run import $WORK/events.ics" >/dev/null
hyperfine -N --warmup 1 --runs 10 --export-json "$WORK/calendar-again.json" \
  "$BIN --data-dir $WORK/calendar-run import $WORK/events.ics --dry-run" >/dev/null
rm -rf "$WORK"/calendar-[0-9]*
python3 - "$WORK/calendar-import.json" "$WORK/calendar-again.json" <<'PY'
import json, statistics, sys
median = lambda f: statistics.median(json.load(open(f))["results"][0]["times"])
print(f"import of 10,000 calendar events into an empty logbook: {median(sys.argv[1]):.2f} s (median of 5)")
print(f"the same file again, every event already there (--dry-run): {median(sys.argv[2]) * 1000:.0f} ms (median of 10)")
PY
