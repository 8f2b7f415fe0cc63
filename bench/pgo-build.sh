#!/usr/bin/env bash
# A profile-guided (PGO) release build of yujue: build it instrumented, run it over a
# training corpus, then build it again with the profile. See README, "Performance".
#
#   bench/pgo-build.sh           # writes target/pgo/<host>/release/yujue and prints its path
#
# The training corpus is the bundled fixtures and 300 documents from yujue-gen with seed 7
# (bench/run.sh times seed 1: the profile is not taken from the documents it is timed on),
# checked once in each of the jsonl, json and text formats on one thread.
# Needs llvm-profdata of the toolchain's LLVM: `rustup component add llvm-tools`.
set -euo pipefail

cd "$(dirname "$0")/.."
HOST=$(rustc -vV | sed -n 's/^host: //p')
PROFDATA="$(rustc --print sysroot)/lib/rustlib/$HOST/bin/llvm-profdata"
if [ ! -x "$PROFDATA" ]; then
    echo "bench/pgo-build.sh: $PROFDATA not found (rustup component add llvm-tools)" >&2
    exit 2
fi
WORK=target/pgo-work
rm -rf "$WORK"
mkdir -p "$WORK/raw"
RAW=$(cd "$WORK/raw" && pwd)

# An explicit --target keeps RUSTFLAGS off build scripts and proc macros: only the
# crate graph of the binary is instrumented, then optimised.
echo "== instrumented build" >&2
RUSTFLAGS="-Cprofile-generate=$RAW" cargo build --release --quiet --locked \
    --target "$HOST" --target-dir target/pgo-gen --bin yujue
cargo build --release --quiet --locked --bin yujue-gen

echo "== training run" >&2
target/release/yujue-gen --out "$WORK/corpus" --count 300 --seed 7 >/dev/null 2>&1
for format in jsonl json text; do
    # Findings make the exit status 1: that is the training input, not a failure.
    target/pgo-gen/"$HOST"/release/yujue check --format "$format" -j 1 \
        "$WORK/corpus" fixtures >/dev/null 2>&1 || [ $? -eq 1 ]
done
"$PROFDATA" merge -o "$WORK/yujue.profdata" "$RAW"

echo "== optimised build" >&2
RUSTFLAGS="-Cprofile-use=$(pwd)/$WORK/yujue.profdata" cargo build --release --quiet --locked \
    --target "$HOST" --target-dir target/pgo --bin yujue
echo "target/pgo/$HOST/release/yujue"
