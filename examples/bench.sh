#!/usr/bin/env bash
# The benchmark: coachlog against its floor and against itself at 1,000, 10,000 and 100,000
# synthetic sessions (warm page cache), and against Watson's `report` and hledger's timeclock `bal`
# on the same coaching sessions. Prints Markdown tables of medians, ratios and peak memory.
#
#   examples/bench.sh                 # all three sizes
#   SIZES="1000 10000" examples/bench.sh
#
# The figures the project holds itself to, each a ratio measured in the same run:
#   summary  <= 1.8 x the floor (two threads listing the folders and reading each file once,
#                                 no parsing: examples/floor.rs), at 10,000 and 100,000 sessions;
#   check    <= 1.3 x summary;
#   sessions (the table) <= 1.5 x sessions --json, and under 64 MiB at 100,000;
#   import of 50,000 rows into a 10,000-session logbook in under 10 s;
#   status (the prompt's line, from its cache) under 10 ms at 10,000 sessions;
#   group match of a roster of 200 under 1 s;
#   group status of a cohort of $COHORT packets (500 by default) under 5 s.
#
# Needs hyperfine, hledger and GNU time (Debian packages) and Watson (PyPI td-watson); installs them
# when it can. Writes its logbooks under $BENCH_DIR (default: a new temporary directory).
set -euo pipefail
cd "$(dirname "$0")/.."

need() { command -v "$1" >/dev/null 2>&1; }
if ! need hyperfine || ! need hledger || [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq hyperfine hledger time >/dev/null
  else
    echo "install hyperfine, hledger and time (Debian packages) first" >&2; exit 1
  fi
fi
need watson || python3 -m pip install -q td-watson

SIZES=${SIZES:-"1000 10000 100000"}
COHORT=${COHORT:-500}
WORK=${BENCH_DIR:-$(mktemp -d)}
cargo build --release --locked --quiet --bin coachlog --example synth --example floor
BIN=$PWD/target/release/coachlog
FLOOR=$PWD/target/release/examples/floor
SYNTH=$PWD/target/release/examples/synth

# The median of every run of each command, over one or more hyperfine result files.
medians() {
  python3 -c '
import json, statistics, sys
files = [json.load(open(f))["results"] for f in sys.argv[1:]]
print(" ".join("%.1f" % (statistics.median(t for f in files for t in f[i]["times"]) * 1000)
               for i in range(len(files[0]))))' "$@"
}
ratio() { python3 -c "print('%.2f' % ($1 / $2))"; }
rss() { { /usr/bin/time -f %M "$@" >/dev/null; } 2>&1 | tail -1; }

rows=()
for n in $SIZES; do
  dir=$WORK/logbook-$n
  rm -rf "$dir" "$WORK/watson-$n"
  "$SYNTH" --sessions "$n" --out "$dir" --watson "$WORK/watson-$n" --timeclock "$WORK/hledger-$n.timeclock" >/dev/null
  runs=$([ "$n" -ge 100000 ] && echo 3 || echo 5)
  export WATSON_DIR=$WORK/watson-$n
  # Rounds of a few runs of each command in turn, so that the machine's load drifting over the
  # minutes of the benchmark weighs on every command alike; medians are over all rounds.
  for round in 1 2 3 4 5; do
    hyperfine -N --warmup 1 --runs "$runs" --export-json "$WORK/read-$n-$round.json" \
      "$BIN --data-dir $dir summary" \
      "$FLOOR $dir" \
      "$BIN --data-dir $dir check" \
      "$BIN --data-dir $dir sessions" \
      "$BIN --data-dir $dir sessions --json" \
      "watson report --from 2000-01-01 --to 2030-12-31" \
      "hledger -f $WORK/hledger-$n.timeclock bal" >/dev/null
  done
  # The prompt's line, from its cache (in $WORK): each run also starts the background check of
  # every file, as a prompt's does, which the next runs share the machine with.
  sleep 2
  XDG_CACHE_HOME=$WORK/cache hyperfine -N --warmup 3 --runs 30 --export-json "$WORK/status-$n.json" \
    "$BIN --data-dir $dir status" >/dev/null
  read -r status <<<"$(medians "$WORK/status-$n.json")"
  sleep 1
  # Each run adds one session: a few dozen more do not change the logbook's size.
  hyperfine -N --warmup 3 --runs 30 --export-json "$WORK/log-$n.json" \
    "$BIN --data-dir $dir log client-00001 --date 2026-11-23" >/dev/null 2>&1
  read -r summary floor check sessions json watson hledger <<<"$(medians "$WORK"/read-"$n"-*.json)"
  read -r log <<<"$(medians "$WORK/log-$n.json")"
  summary_rss=$(rss "$BIN" --data-dir "$dir" summary)
  sessions_rss=$(rss "$BIN" --data-dir "$dir" sessions)
  faster=$(python3 -c "print('%.1f' % (min($watson, $hledger) / $summary))")
  rows+=("| $n | $summary | $floor | $(ratio "$summary" "$floor") | $check | $(ratio "$check" "$summary") | $sessions | $json | $(ratio "$sessions" "$json") | $status | $(ratio "$status" "$summary") | $log | $((summary_rss / 1024)) | $((sessions_rss / 1024)) | $watson | $hledger | ${faster}× |")
done

# Import: 50,000 new rows into a 10,000-session logbook, each run on a fresh copy.
base=$WORK/import-base
rm -rf "$base" && "$SYNTH" --sessions 10000 --out "$base" >/dev/null
python3 - "$WORK/rows.csv" <<'EOF'
import datetime, random, sys
random.seed(1)
start = datetime.date(2027, 1, 1)
with open(sys.argv[1], "w") as out:
    out.write("date,partner,minutes,client_type\n")
    for _ in range(50_000):
        day = start + datetime.timedelta(days=random.randrange(3 * 365))
        out.write(f"{day},Client {random.randrange(1, 500):05d},{random.choice([30, 45, 60, 75, 90])},non-coach\n")
EOF
# Each run gets a new copy (reached through a link), and the copies are removed only at the end:
# deleting 60,000 files between runs keeps the disk busy and slows the next run down.
hyperfine -N --runs 5 --export-json "$WORK/import.json" \
  --prepare "sh -c 'run=$WORK/import-\$(date +%s%N); cp -r $base \$run && ln -sfn \$run $WORK/import-run && sync'" \
  "$BIN --data-dir $WORK/import-run import $WORK/rows.csv" >/dev/null
read -r import <<<"$(medians "$WORK/import.json")"
rm -rf "$WORK"/import-[0-9]* "$WORK/import-run"

# A practice group: a roster of 200 to match, and a cohort of $COHORT packets, each made by
# `coachlog packet` from a synthetic logbook of its own (200 to 400 sessions, its owner named).
"$SYNTH" --roster 200 --out "$WORK/roster-200.csv"
cohort=$WORK/cohort-$COHORT
rm -rf "$cohort" && mkdir -p "$cohort"
for i in $(seq 1 "$COHORT"); do
  student=$WORK/student
  rm -rf "$student"
  "$SYNTH" --sessions $((200 + i % 200)) --out "$student" >/dev/null
  "$BIN" --data-dir "$student" config set name "Student $i" >/dev/null
  COACHLOG_TODAY=2026-11-23 "$BIN" --data-dir "$student" packet icf-acc \
    --output "$cohort/student-$i.zip" >/dev/null 2>&1
done
rm -rf "$WORK/student"
hyperfine -N --warmup 2 --runs 15 --export-json "$WORK/group.json" \
  "$BIN --data-dir $WORK/school group match $WORK/roster-200.csv --week 2026-12-14" \
  "$BIN --data-dir $WORK/school group status $cohort" >/dev/null
read -r match status_cohort <<<"$(medians "$WORK/group.json")"
cohort_rss=$(rss "$BIN" --data-dir "$WORK/school" group status "$cohort")

echo "| sessions | summary | floor | summary / floor | check | check / summary | sessions | sessions --json | sessions / --json | status | status / summary | log | summary peak MiB | sessions peak MiB | Watson report | hledger bal | faster than the faster of them |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo
echo "import of 50,000 rows into a 10,000-session logbook: $(python3 -c "print('%.2f' % ($import / 1000))") s"
echo
echo "group match, a roster of 200: $match ms; group status, $COHORT packets: $status_cohort ms, peak $((cohort_rss / 1024)) MiB"
echo
echo "Medians of hyperfine runs on $(nproc) cores, milliseconds unless said; logbooks in $WORK."
