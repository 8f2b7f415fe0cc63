#!/usr/bin/env bash
# Throughput of `yujue check --format jsonl` on a generated national-scale corpus, against
# ripgrep counting amounts and `cat` over the same files. See README, "Performance".
#
#   bench/run.sh                 # 10,000 documents, 3 repetitions (best of 3 is reported)
#   COUNT=2000 REPEAT=5 bench/run.sh
#
# Environment: COUNT (documents, default 10000), SEED (default 1), REPEAT (default 3),
# CORPUS (folder, default target/bench-corpus-$COUNT-$SEED), THREADS (default "1 2"),
# YUJUE (a yujue binary to time instead of this checkout's release build),
# PGO=1 (time the profile-guided build of bench/pgo-build.sh, built first, instead of the
# plain release build), RENDER_IN_WORKERS=1 (with examples/throughput only: serialise in the
# workers, not the writer).
set -euo pipefail

cd "$(dirname "$0")/.."
COUNT=${COUNT:-10000}
SEED=${SEED:-1}
REPEAT=${REPEAT:-3}
THREADS=${THREADS:-"1 2"}
CORPUS=${CORPUS:-target/bench-corpus-$COUNT-$SEED}
PATTERN='[0-9][0-9,]*(\.[0-9]+)?万?元'

need() { command -v "$1" >/dev/null 2>&1 || { echo "bench/run.sh: $1 not found ($2)" >&2; exit 2; }; }
need rg "cargo install ripgrep"
[ -x /usr/bin/time ] || { echo "bench/run.sh: /usr/bin/time not found (apt-get install time)" >&2; exit 2; }

echo "== build (release)"
cargo build --release --quiet --bin yujue --bin yujue-gen
YUJUE=${YUJUE:-target/release/yujue}
if [ -n "${PGO:-}" ]; then
    echo "== profile-guided build (bench/pgo-build.sh)"
    YUJUE=$(bench/pgo-build.sh)
fi
echo "timing: $YUJUE"
GEN=target/release/yujue-gen
# The CLI's `check --format jsonl -j N`; where this checkout's CLI lacks those flags, the
# same library pipeline through examples/throughput (read, check, one JSON line per document).
if "$YUJUE" check --help | grep -q -- '--threads' && "$YUJUE" check --help | grep -q jsonl; then
    CHECK=("$YUJUE" check --format jsonl -j)
else
    echo "note: this yujue has no --format jsonl / -j: timing examples/throughput instead" >&2
    cargo build --release --quiet --example throughput
    if [ -n "${RENDER_IN_WORKERS:-}" ]; then
        CHECK=(target/release/examples/throughput --render-in-workers -j)
    else
        CHECK=(target/release/examples/throughput -j)
    fi
fi

if [ ! -f "$CORPUS/manifest.json" ]; then
    echo "== generate $COUNT documents (seed $SEED) into $CORPUS"
    rm -rf "$CORPUS"
    "$GEN" --out "$CORPUS" --count "$COUNT" --seed "$SEED"
fi
FILES=$(find "$CORPUS" -name '*.txt' | wc -l)
BYTES=$(find "$CORPUS" -name '*.txt' -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
MB=$(awk -v b="$BYTES" 'BEGIN { printf "%.1f", b / 1e6 }')
echo "corpus: $FILES documents, $MB MB ($CORPUS)"
# Warm the page cache so every contender reads from memory.
find "$CORPUS" -name '*.txt' -print0 | xargs -0 cat >/dev/null

echo "machine: $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"

# run NAME CMD...: best wall time of $REPEAT runs (seconds), and the peak RSS (KiB from
# /usr/bin/time, printed in MB of 10^6 bytes like the throughput) and CPU time
# (user + system, seconds) of that run. On a loaded machine the CPU time is the steadier figure.
declare -A WALL RSS CPU
run() {
    local name=$1; shift
    local best="" best_rss="" best_cpu="" t rss cpu
    for _ in $(seq "$REPEAT"); do
        local start end
        start=$(date +%s.%N)
        /usr/bin/time -f '%M %U %S' -o target/bench-time.txt "$@" >/dev/null 2>target/bench-stderr.txt || true
        end=$(date +%s.%N)
        t=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }')
        rss=$(tail -1 target/bench-time.txt | cut -d' ' -f1)
        cpu=$(tail -1 target/bench-time.txt | awk '{ printf "%.2f", $2 + $3 }')
        if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then
            best=$t; best_rss=$rss; best_cpu=$cpu
        fi
    done
    WALL[$name]=$best; RSS[$name]=$best_rss; CPU[$name]=$best_cpu
    printf '%-14s %8.3f s %8.1f MB/s | CPU %7.2f s %8.1f MB/CPU-s | peak RSS %6.1f MB\n' "$name" "$best" \
        "$(awk -v b="$BYTES" -v t="$best" 'BEGIN { print b / 1e6 / t }')" "$best_cpu" \
        "$(awk -v b="$BYTES" -v t="$best_cpu" 'BEGIN { print (t > 0 ? b / 1e6 / t : 0) }')" \
        "$(awk -v k="$best_rss" 'BEGIN { print k * 1024 / 1e6 }')"
}

echo "== time (best of $REPEAT)"
for j in $THREADS; do
    run "yujue -j $j" "${CHECK[@]}" "$j" "$CORPUS"
    run "rg -j $j" rg -j "$j" -c -g '*.txt' "$PATTERN" "$CORPUS"
done
run "cat" sh -c "find '$CORPUS' -name '*.txt' -print0 | sort -z | xargs -0 cat"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== ratios"
ratio() { awk -v a="${WALL[$1]}" -v b="${WALL[$2]}" 'BEGIN { printf "%.2f", a / b }'; }
for j in $THREADS; do
    echo "yujue -j $j / rg -j $j (time): $(ratio "yujue -j $j" "rg -j $j")x"
    echo "yujue -j $j / cat (time):     $(ratio "yujue -j $j" cat)x"
done
set -- $THREADS
if [ $# -ge 2 ]; then
    echo "speed-up yujue -j $2 over -j $1: $(ratio "yujue -j $1" "yujue -j $2")x"
fi
