#!/usr/bin/env bash
# Instruction-level profile of one benchmark of benches/pipeline.rs under callgrind
# (instruction counts do not depend on the machine's load).
#
#   bench/profile.sh [BENCH-FILTER] [SAMPLES]     # default: analyze_text, 10 samples
#   callgrind_annotate --inclusive=yes target/callgrind.out | less
set -euo pipefail
cd "$(dirname "$0")/.."
FILTER=${1:-analyze_text}
SAMPLES=${2:-10}
BIN=$(cargo bench --bench pipeline --no-run --message-format=json 2>/dev/null \
    | grep -o '"executable":"[^"]*/pipeline-[^"]*"' | tail -1 | cut -d'"' -f4)
valgrind --tool=callgrind --callgrind-out-file=target/callgrind.out \
    "$BIN" --bench "$FILTER" --sample-count "$SAMPLES" --sample-size 1 2>&1 | grep -E 'refs|Collected' || true
callgrind_annotate --inclusive=yes target/callgrind.out 2>/dev/null \
    | grep -E 'yujue|serde|alloc|core::str|regex|aho' | head -${LINES_SHOWN:-40} | cut -c1-200
