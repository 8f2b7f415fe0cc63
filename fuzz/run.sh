#!/usr/bin/env bash
# Fuzz the whole pipeline. Usage: fuzz/run.sh TARGET SECONDS   (TARGET: pipeline | text)
# Works on the stable toolchain through RUSTC_BOOTSTRAP=1 (no nightly needed); no
# sanitizer is needed for a crate without unsafe code. Seeds the corpus from fixtures/.
# Crashes land in fuzz/artifacts/TARGET/; copy each into tests/fuzz_regressions/.
set -euo pipefail
cd "$(dirname "$0")"
target=${1:-pipeline}
seconds=${2:-600}
mkdir -p "corpus/$target"
cp -n ../fixtures/*.txt "corpus/$target/" 2>/dev/null || true
export RUSTC_BOOTSTRAP=1
nice cargo fuzz run -O --sanitizer none "$target" "corpus/$target" -- \
  -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 -max_len=131072 \
  -print_final_stats=1
