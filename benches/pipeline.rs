//! Micro-benchmarks of the pipeline stages on the bundled fixtures (divan).
//!
//! `cargo bench --bench pipeline` prints, for each fixture, the time and the throughput
//! (bytes of disclosure text per second) of: the amount scanner, normalisation, the
//! segmenter, one whole document (`analyze_text`: normalise, segment, extract, check) and
//! its JSON serialisation.

use divan::counter::BytesCount;
use divan::{Bencher, black_box};

fn main() {
    divan::main();
}

const FIXTURES: [(&str, &str); 5] = [
    ("000", include_str!("../fixtures/000_1a870d402bb54ab0.txt")),
    ("001", include_str!("../fixtures/001_b7b7f0797132f662.txt")),
    ("002", include_str!("../fixtures/002_12402e3d59484724.txt")),
    ("003", include_str!("../fixtures/003_b6464b9a7bea3343.txt")),
    ("004", include_str!("../fixtures/004_7039478323f8a84b.txt")),
];

const NAMES: [&str; 5] = ["000", "001", "002", "003", "004"];

fn fixture(name: &str) -> &'static str {
    FIXTURES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
        .unwrap_or_default()
}

#[divan::bench(args = NAMES)]
fn amount_scan(bencher: Bencher, name: &str) {
    let text = yujue::normalize::normalize(fixture(name)).text;
    bencher
        .counter(BytesCount::new(text.len()))
        .bench(|| yujue::amount::scan(black_box(&text)));
}

#[divan::bench(args = NAMES)]
fn normalize(bencher: Bencher, name: &str) {
    let text = fixture(name);
    bencher
        .counter(BytesCount::new(text.len()))
        .bench(|| yujue::normalize::normalize(black_box(text)));
}

#[divan::bench(args = NAMES)]
fn segment(bencher: Bencher, name: &str) {
    let text = yujue::normalize::normalize(fixture(name)).text;
    bencher
        .counter(BytesCount::new(text.len()))
        .bench(|| yujue::segment::segment(black_box(&text)));
}

#[divan::bench(args = NAMES)]
fn analyze_text(bencher: Bencher, name: &str) {
    let text = fixture(name);
    bencher
        .counter(BytesCount::new(text.len()))
        .with_inputs(|| text.to_owned())
        .bench_values(|text| yujue::analyze_text("bench.txt", text, "UTF-8"));
}

#[divan::bench(args = NAMES)]
fn analyze_bytes(bencher: Bencher, name: &str) {
    let bytes = fixture(name).as_bytes();
    bencher
        .counter(BytesCount::new(bytes.len()))
        .bench(|| yujue::analyze_bytes("bench.txt", black_box(bytes)));
}

#[divan::bench(args = NAMES)]
fn serialize_json(bencher: Bencher, name: &str) {
    let text = fixture(name);
    let analysis = yujue::analyze_text("bench.txt", text.to_owned(), "UTF-8");
    let mut out = Vec::with_capacity(1 << 20);
    bencher
        .counter(BytesCount::new(text.len()))
        .bench_local(|| {
            out.clear();
            serde_json::to_writer(&mut out, black_box(&analysis.report)).ok();
            out.len()
        });
}
