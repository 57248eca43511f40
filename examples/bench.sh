#!/usr/bin/env bash
# The benchmark: summary, sessions, export sessions and log at 1,000, 10,000 and 100,000 sessions
# (warm page cache), against the floor (one thread parsing every session file into a minimal
# struct) and against Watson's `report` and hledger's timeclock `bal` on the same coaching sessions.
# Prints a Markdown table of medians, ratios and peak memory.
#
#   examples/bench.sh                 # all three sizes
#   SIZES="1000 10000" examples/bench.sh
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
WORK=${BENCH_DIR:-$(mktemp -d)}
cargo build --release --locked --quiet --bin coachlog --example synth --example floor
BIN=$PWD/target/release/coachlog
FLOOR=$PWD/target/release/examples/floor
SYNTH=$PWD/target/release/examples/synth

median() { python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"]; print(" ".join("%.1f" % (x["median"]*1000) for x in r))' "$1"; }

rows=()
for n in $SIZES; do
  dir=$WORK/logbook-$n
  rm -rf "$dir" "$WORK/watson-$n"
  "$SYNTH" --sessions "$n" --out "$dir" --watson "$WORK/watson-$n" --timeclock "$WORK/hledger-$n.timeclock" >/dev/null
  runs=$([ "$n" -ge 100000 ] && echo 5 || echo 15)
  export WATSON_DIR=$WORK/watson-$n
  hyperfine -N --warmup 2 --runs "$runs" --export-json "$WORK/read-$n.json" \
    "$BIN --data-dir $dir summary" \
    "$FLOOR $dir" \
    "watson report --from 2000-01-01 --to 2030-12-31" \
    "hledger -f $WORK/hledger-$n.timeclock bal" \
    "$BIN --data-dir $dir sessions" \
    "$BIN --data-dir $dir export sessions" >/dev/null
  # Each run adds one session: a few dozen more do not change the logbook's size.
  hyperfine -N --warmup 3 --runs 30 --export-json "$WORK/log-$n.json" \
    "$BIN --data-dir $dir log client-00001 --date 2026-11-23" >/dev/null 2>&1
  read -r summary floor watson hledger sessions export <<<"$(median "$WORK/read-$n.json")"
  read -r log <<<"$(median "$WORK/log-$n.json")"
  rss=$( { /usr/bin/time -f %M "$BIN" --data-dir "$dir" summary >/dev/null; } 2>&1 | tail -1 )
  faster=$(python3 -c "print('%.1f' % (min($watson, $hledger) / $summary))")
  vs_floor=$(python3 -c "print('%.2f' % ($summary / $floor))")
  rows+=("| $n | $summary | $floor | $vs_floor | $watson | $hledger | ${faster}× | $sessions | $export | $log | $((rss / 1024)) |")
done

echo "| sessions | summary ms | floor ms | summary / floor | Watson report ms | hledger bal ms | faster than the faster of them | sessions ms | export sessions ms | log ms | summary peak MiB |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo
echo "Medians of hyperfine runs on $(nproc) cores; logbooks in $WORK."
