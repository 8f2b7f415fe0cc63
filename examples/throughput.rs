//! Throughput of the library pipeline over a folder, without the CLI: read, decode,
//! normalise, segment, extract, check and serialise each document as one JSON line (to
//! stdout, or nowhere with `--discard`), on N threads through [`yujue::driver`].
//!
//!   cargo run --release --example throughput -- DIR [-j N] [--discard] [--render-in-workers]
//!
//! With `--render-in-workers` each worker also serialises its document
//! ([`driver::map_in_order`]) and the calling thread only writes the bytes.
//! Prints documents, bytes, seconds and MB/s to stderr.

use std::io::Write;
use std::time::Instant;

use yujue::driver::{self, FileOutcome};
use yujue::input::{self, InputOptions};

fn main() {
    let mut dir = None;
    let mut threads = 0;
    let mut discard = false;
    let mut in_workers = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "-j" => threads = args.next().and_then(|n| n.parse().ok()).unwrap_or(0),
            "--discard" => discard = true,
            "--render-in-workers" => in_workers = true,
            _ => dir = Some(std::path::PathBuf::from(a)),
        }
    }
    let Some(dir) = dir else {
        eprintln!("usage: throughput DIR [-j N] [--discard]");
        std::process::exit(2);
    };
    let options = InputOptions::default();
    let started = Instant::now();
    let files = input::discover(&[dir], &options);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let (mut docs, mut bytes, mut errors) = (0usize, 0usize, 0usize);
    if in_workers {
        let render = |file: &input::InputFile| {
            let outcome = driver::process(file, &options);
            let mut line = Vec::new();
            let (mut n, mut e) = (0, 0);
            if let FileOutcome::Checked(a) = &outcome {
                n = a.source.text.len();
                e = a.report.summary.errors;
                if !discard {
                    let _ = serde_json::to_writer(&mut line, &a.report);
                    line.push(b'\n');
                }
            }
            (line, n, e)
        };
        driver::map_in_order(&files, threads, render, |(line, n, e)| {
            docs += 1;
            bytes += n;
            errors += e;
            let _ = out.write_all(&line);
        });
    } else {
        driver::for_each_in_order(&files, &options, threads, |outcome| {
            docs += 1;
            if let FileOutcome::Checked(a) = &outcome {
                bytes += a.source.text.len();
                errors += a.report.summary.errors;
                if !discard {
                    let _ = serde_json::to_writer(&mut out, &a.report);
                    let _ = out.write_all(b"\n");
                }
            }
        });
    }
    let _ = out.flush();
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "{docs} documents, {:.1} MB of text, {errors} error findings, {secs:.3} s, {:.1} MB/s ({} threads)",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs,
        driver::effective_threads(threads)
    );
}
