//! Adversarial texts are processed in time linear in their size (issue 4).
//!
//! Each pathological text (a megabyte of `1,1,1,…`, of `（（（（…`, of `其中：`, of `%`…)
//! is run through the whole pipeline (`analyze_bytes`: decode → normalise → segment →
//! extract → check) at two sizes, beside ordinary disclosures (the fixtures, repeated to
//! the same size). Throughput is printed in bytes per second: each adversarial text should
//! be within 3× of the ordinary ones, and the same at 256 KiB and 1 MiB (linear time).
//!
//! Run: `cargo bench --bench adversarial` (add `-- --sample-count 5` to be quick).

use divan::counter::BytesCount;
use divan::{Bencher, black_box};

fn main() {
    divan::main();
}

const SIZES: &[usize] = &[256 * 1024, 1024 * 1024];

/// `unit` repeated up to `size` bytes.
fn repeated(unit: &str, size: usize) -> Vec<u8> {
    let mut out = String::with_capacity(size + unit.len());
    while out.len() < size {
        out.push_str(unit);
    }
    out.into_bytes()
}

/// The fixtures, concatenated and repeated up to `size` bytes.
fn ordinary(size: usize) -> Vec<u8> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let all: String = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let mut out = repeated(&all, size);
    // Cut at a character boundary near the size.
    let text = String::from_utf8_lossy(&out[..size.min(out.len())]).into_owned();
    out = text.trim_end_matches('\u{FFFD}').as_bytes().to_vec();
    out
}

fn run(bencher: Bencher, bytes: Vec<u8>) {
    bencher
        .counter(BytesCount::of_slice(&bytes))
        .bench(|| yujue::analyze_bytes("bench.txt", black_box(&bytes)).map(|a| a.report.summary));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn ordinary_disclosures(bencher: Bencher, size: usize) {
    run(bencher, ordinary(size));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn ordinary_disclosure_one_line(bencher: Bencher, size: usize) {
    let text = String::from_utf8(ordinary(size)).unwrap();
    run(bencher, text.replace(['\r', '\n'], " ").into_bytes());
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn ones_and_commas(bencher: Bencher, size: usize) {
    run(bencher, repeated("1,", size));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn thousands_groups(bencher: Bencher, size: usize) {
    run(bencher, repeated("1,111", size));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn full_width_open_parens(bencher: Bencher, size: usize) {
    run(bencher, repeated("（", size));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn ascii_open_parens(bencher: Bencher, size: usize) {
    run(bencher, repeated("(", size));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn of_which_repeated(bencher: Bencher, size: usize) {
    run(bencher, repeated("其中：", size));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn of_which_with_figures(bencher: Bencher, size: usize) {
    run(bencher, repeated("其中：财政拨款收入1.00万元，", size));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn of_which_basic_expenditure(bencher: Bencher, size: usize) {
    run(bencher, repeated("其中：基本支出1.00万元，", size));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn percent_signs(bencher: Bencher, size: usize) {
    run(bencher, repeated("%", size));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn percentages(bencher: Bencher, size: usize) {
    run(bencher, repeated("占1.1%，", size));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn headings_every_line(bencher: Bencher, size: usize) {
    run(bencher, repeated("一、收入\n（一）支出\n1.项目\n", size));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn html_residue(bencher: Bencher, size: usize) {
    run(bencher, repeated("&nbsp;<b>", size));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn unclosed_tags(bencher: Bencher, size: usize) {
    run(bencher, repeated("<", size));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn table_of_contents_dots(bencher: Bencher, size: usize) {
    run(bencher, repeated("…", size));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn blank_lines(bencher: Bencher, size: usize) {
    run(bencher, repeated("\n", size));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn broken_sentence_lines(bencher: Bencher, size: usize) {
    run(bencher, repeated("一般行政\n\n", size));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn money_figures_back_to_back(bencher: Bencher, size: usize) {
    run(bencher, repeated("1元", size));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn of_which_lists_with_colons(bencher: Bencher, size: usize) {
    run(bencher, repeated("其中:1万元;", size));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn lines_each_opening_a_list(bencher: Bencher, size: usize) {
    run(
        bencher,
        repeated(
            "收入100万元,如下:\n1.基本支出1万元,占1%;\n2.项目支出1万元,占1%;\n",
            size,
        ),
    );
}
