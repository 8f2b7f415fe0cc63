//! The 24 real disclosures of `../shared/corpus/`: what yujue must find in their narrative.
//!
//! The expectations live in `tests/corpus_expectations/expectations.txt`; they were written
//! by reading each document (never from yujue's output). Each figure is matched by concept,
//! value in 元 and the line its span starts on. The documents are not part of this
//! repository: where the folder is absent (a clone on its own) every test here says so and
//! passes without checking anything.
//!
//! The tests:
//! - `corpus_is_read_and_coverage_does_not_regress`: no document may panic or fail to
//!   decode, and the number of expectations met may not fall below the floor in
//!   `tests/corpus_expectations/floor.txt` (raise it as extraction improves). It prints one
//!   coverage line per document and every miss.
//! - `corpus_errors_are_exactly_the_real_discrepancies` demands that the error findings on
//!   the corpus are exactly the real discrepancies listed in
//!   `tests/corpus_expectations/errors.txt`: each reported, and nothing else.
//! - `corpus_oddities_are_reported_as_warnings` demands a warning for each honest oddity in
//!   `tests/corpus_expectations/warnings.txt` (nudged or truncated shares, percentages of a
//!   zero base, a percentage without its sign).
//! - `corpus_every_expectation_is_met` demands all of them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use rust_decimal::Decimal;
use serde_json::Value;

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn corpus_dir() -> PathBuf {
    manifest_dir().join("..").join("shared").join("corpus")
}

/// One thing a document must yield.
#[derive(Debug, Clone)]
enum Expect {
    Department(String),
    Year(u16),
    Kind(String),
    /// A money figure: any of `concepts` (JSON names), value in 元, the line it starts on.
    Figure {
        line: usize,
        concepts: Vec<String>,
        written: String,
        unit: String,
        value: Decimal,
    },
    /// A function-classification line whose code equals or whose names contain `name`.
    Function {
        line: usize,
        name: String,
        written: String,
        unit: String,
        value: Decimal,
    },
    /// A count (团组, 人次, 辆…).
    Count {
        line: usize,
        value: u64,
        unit: String,
    },
}

impl std::fmt::Display for Expect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Expect::Department(d) => write!(f, "meta department = {d}"),
            Expect::Year(y) => write!(f, "meta year = {y}"),
            Expect::Kind(k) => write!(f, "meta kind = {k}"),
            Expect::Figure {
                line,
                concepts,
                written,
                unit,
                ..
            } => write!(f, "line {line}: {} {written}{unit}", concepts.join("|")),
            Expect::Function {
                line,
                name,
                written,
                unit,
                ..
            } => write!(f, "line {line}: function line {name} {written}{unit}"),
            Expect::Count { line, value, unit } => write!(f, "line {line}: count {value}{unit}"),
        }
    }
}

fn unit_factor(unit: &str) -> Option<Decimal> {
    match unit {
        "元" => Some(Decimal::ONE),
        "万元" | "万" => Some(Decimal::from(10_000)),
        "亿元" => Some(Decimal::from(100_000_000)),
        _ => None,
    }
}

fn money(written: &str, unit: &str, at: &str) -> Decimal {
    let number = Decimal::from_str(&written.replace(',', ""))
        .unwrap_or_else(|e| panic!("{at}: bad number {written}: {e}"));
    let factor = unit_factor(unit).unwrap_or_else(|| panic!("{at}: unknown unit {unit}"));
    (number * factor).normalize()
}

/// The expectation file, in document order.
fn load_expectations() -> Vec<(String, Vec<Expect>)> {
    let path = manifest_dir().join("tests/corpus_expectations/expectations.txt");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut docs: Vec<(String, Vec<Expect>)> = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let at = format!("expectations.txt:{}", n + 1);
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if let Some(name) = line.strip_prefix("==") {
            docs.push((name.trim().to_owned(), Vec::new()));
            continue;
        }
        let fields: Vec<&str> = line.split_whitespace().collect();
        let (_, list) = docs
            .last_mut()
            .unwrap_or_else(|| panic!("{at}: expectation before any `== FILE`"));
        let expect = match fields.as_slice() {
            ["meta", "department", name] => Expect::Department((*name).to_owned()),
            ["meta", "year", year] => Expect::Year(year.parse().expect("year")),
            ["meta", "kind", kind] => Expect::Kind((*kind).to_owned()),
            [line, "function", written, unit, name] => Expect::Function {
                line: line.parse().expect("line"),
                name: (*name).to_owned(),
                written: (*written).to_owned(),
                unit: (*unit).to_owned(),
                value: money(written, unit, &at),
            },
            [line, "count", value, unit] => Expect::Count {
                line: line.parse().expect("line"),
                value: value.parse().expect("count"),
                unit: (*unit).to_owned(),
            },
            [line, concepts, written, unit] => Expect::Figure {
                line: line.parse().expect("line"),
                concepts: concepts.split('|').map(str::to_owned).collect(),
                written: (*written).to_owned(),
                unit: (*unit).to_owned(),
                value: money(written, unit, &at),
            },
            _ => panic!("{at}: cannot read `{raw}`"),
        };
        list.push(expect);
    }
    docs
}

/// Full-width brackets and spaces do not make a department name different.
fn loose(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .collect()
}

fn decimal(v: &Value) -> Option<Decimal> {
    v.as_str().and_then(|s| Decimal::from_str(s).ok())
}

/// A figure of the report by id: its value in 元 and the line its span starts on.
fn figure(report: &Value, id: &Value) -> Option<(Decimal, usize)> {
    let id = usize::try_from(id.as_u64()?).ok()?;
    let figure = report["records"]["figures"].get(id)?;
    let value = decimal(&figure["value"])?.normalize();
    let line = usize::try_from(figure["span"]["line"].as_u64()?).ok()?;
    Some((value, line))
}

fn met(report: &Value, expect: &Expect) -> bool {
    let document = &report["document"];
    match expect {
        Expect::Department(name) => document["department"].as_str().is_some_and(|d| {
            !d.is_empty() && (loose(d).contains(&loose(name)) || loose(name).contains(&loose(d)))
        }),
        Expect::Year(year) => document["year"].as_u64() == Some(u64::from(*year)),
        Expect::Kind(kind) => document["kind"].as_str() == Some(kind.as_str()),
        Expect::Figure {
            line,
            concepts,
            value,
            ..
        } => {
            let Some(records) = report["records"].as_object() else {
                return false;
            };
            records.values().filter_map(Value::as_object).any(|map| {
                concepts.iter().any(|concept| {
                    map.get(concept)
                        .and_then(Value::as_array)
                        .is_some_and(|ids| {
                            ids.iter()
                                .any(|id| figure(report, id) == Some((*value, *line)))
                        })
                })
            })
        }
        Expect::Function {
            line, name, value, ..
        } => report["records"]["function_classification"]
            .as_array()
            .is_some_and(|lines| {
                lines.iter().any(|f| {
                    let named = f["code"].as_str() == Some(name.as_str())
                        || f["names"].as_array().is_some_and(|names| {
                            names
                                .iter()
                                .filter_map(Value::as_str)
                                .any(|n| loose(n).contains(&loose(name)))
                        });
                    named && figure(report, &f["amount"]) == Some((*value, *line))
                })
            }),
        Expect::Count { line, value, unit } => {
            report["records"]["counts"]
                .as_array()
                .is_some_and(|counts| {
                    counts.iter().any(|c| {
                        c["value"].as_u64() == Some(*value)
                            && c["unit"]
                                .as_str()
                                .is_some_and(|u| unit.split('|').any(|w| u.contains(w)))
                            && c["span"]["line"].as_u64() == Some(*line as u64)
                    })
                })
        }
    }
}

/// The outcome of one document.
struct DocOutcome {
    name: String,
    expected: usize,
    misses: Vec<String>,
    /// Panic or decode failure.
    failure: Option<String>,
    /// Error findings: the lines of their spans, and `CODE line: message`.
    errors: Vec<(Vec<usize>, String)>,
    /// The lines of the first span of each warning.
    warnings: Vec<usize>,
    /// The document's JSON report, when it was analysed.
    report: Option<Value>,
}

/// A real discrepancy yujue must report as an error (`errors.txt`).
struct KnownError {
    file: String,
    /// The line(s) the stated figure may be on (`192,193`).
    lines: Vec<usize>,
    what: String,
}

fn load_known(file: &str) -> Vec<KnownError> {
    let path = manifest_dir().join("tests/corpus_expectations").join(file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut fields = l.splitn(3, ' ');
            let file = fields.next().unwrap_or_default().to_owned();
            let lines: Vec<usize> = fields
                .next()
                .unwrap_or_default()
                .split(',')
                .map(|n| {
                    n.parse()
                        .unwrap_or_else(|_| panic!("{file}: bad line number in `{l}`"))
                })
                .collect();
            let what = fields.next().unwrap_or_default().to_owned();
            KnownError { file, lines, what }
        })
        .collect()
}

/// A finding is the known error when its first span (the stated figure) is on its line.
fn explains(spans: &[usize], known: &KnownError) -> bool {
    spans.first().is_some_and(|l| known.lines.contains(l))
}

/// Known errors not reported, and errors reported that no known error explains.
fn reconcile_errors(outcomes: &[DocOutcome]) -> (Vec<String>, Vec<String>) {
    let known = load_known("errors.txt");
    let mut missed = Vec::new();
    for k in &known {
        let found = outcomes
            .iter()
            .filter(|o| o.name == k.file)
            .flat_map(|o| &o.errors)
            .any(|(lines, _)| explains(lines, k));
        if !found {
            let at: Vec<String> = k.lines.iter().map(ToString::to_string).collect();
            missed.push(format!("{}:{} {}", k.file, at.join(","), k.what));
        }
    }
    let mut unexplained = Vec::new();
    for o in outcomes {
        for (lines, message) in &o.errors {
            let explained = known.iter().any(|k| k.file == o.name && explains(lines, k));
            if !explained {
                unexplained.push(format!("{}: {message}", o.name));
            }
        }
    }
    (missed, unexplained)
}

/// Known warnings (nudges, truncation, zero bases, missing units) not reported as warnings.
fn missed_warnings(outcomes: &[DocOutcome]) -> Vec<String> {
    load_known("warnings.txt")
        .iter()
        .filter(|k| {
            !outcomes
                .iter()
                .filter(|o| o.name == k.file)
                .flat_map(|o| &o.warnings)
                .any(|l| k.lines.contains(l))
        })
        .map(|k| {
            let at: Vec<String> = k.lines.iter().map(ToString::to_string).collect();
            format!("{}:{} {}", k.file, at.join(","), k.what)
        })
        .collect()
}

fn print_errors(missed: &[String], unexplained: &[String]) {
    println!(
        "real discrepancies (errors.txt) not reported as errors: {}",
        missed.len()
    );
    for m in missed {
        println!("    {m}");
    }
    println!(
        "error findings no real discrepancy explains (a bug, or a discrepancy to confirm by reading): {}",
        unexplained.len()
    );
    for u in unexplained {
        println!("    {u}");
    }
}

fn run_corpus(dir: &Path) -> Vec<DocOutcome> {
    let mut outcomes = Vec::new();
    for (name, expects) in load_expectations() {
        let path = dir.join(&name);
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) => {
                outcomes.push(DocOutcome {
                    name,
                    expected: expects.len(),
                    misses: Vec::new(),
                    failure: Some(format!("cannot read {}: {e}", path.display())),
                    errors: Vec::new(),
                    warnings: Vec::new(),
                    report: None,
                });
                continue;
            }
        };
        let result = std::panic::catch_unwind(|| yujue::analyze_bytes(&name, &bytes));
        let report = match result {
            Err(panic) => {
                let message = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    .unwrap_or_default();
                Err(format!("panicked: {message}"))
            }
            Ok(Err(e)) => Err(format!("input error: {e}")),
            Ok(Ok(analysis)) => serde_json::to_value(&analysis.report)
                .map_err(|e| format!("report does not serialise: {e}")),
        };
        match report {
            Err(failure) => outcomes.push(DocOutcome {
                name,
                expected: expects.len(),
                misses: Vec::new(),
                failure: Some(failure),
                errors: Vec::new(),
                warnings: Vec::new(),
                report: None,
            }),
            Ok(report) => {
                let misses = expects
                    .iter()
                    .filter(|e| !met(&report, e))
                    .map(ToString::to_string)
                    .collect();
                let errors = report["findings"]
                    .as_array()
                    .map(|findings| {
                        findings
                            .iter()
                            .filter(|f| f["severity"] == "error")
                            .map(|f| {
                                let lines: Vec<usize> = f["spans"]
                                    .as_array()
                                    .map(|spans| {
                                        spans
                                            .iter()
                                            .filter_map(|s| s["line"].as_u64())
                                            .filter_map(|l| usize::try_from(l).ok())
                                            .collect()
                                    })
                                    .unwrap_or_default();
                                let first = lines.first().copied().unwrap_or(0);
                                let message: String = f["message"]
                                    .as_str()
                                    .unwrap_or("")
                                    .chars()
                                    .take(120)
                                    .collect();
                                let code = f["code"].as_str().unwrap_or("?");
                                (lines, format!("{code} line {first}: {message}"))
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let warnings = report["findings"]
                    .as_array()
                    .map(|findings| {
                        findings
                            .iter()
                            .filter(|f| f["severity"] == "warning")
                            .filter_map(|f| f["spans"][0]["line"].as_u64())
                            .filter_map(|l| usize::try_from(l).ok())
                            .collect()
                    })
                    .unwrap_or_default();
                outcomes.push(DocOutcome {
                    name,
                    expected: expects.len(),
                    misses,
                    failure: None,
                    errors,
                    warnings,
                    report: Some(report),
                });
            }
        }
    }
    outcomes
}

/// Print the per-document coverage and every miss; return (met, expected).
fn report(outcomes: &[DocOutcome]) -> (usize, usize) {
    let mut total_met = 0;
    let mut total = 0;
    let mut misses_by_doc: BTreeMap<&str, &[String]> = BTreeMap::new();
    println!("corpus coverage (expectations met / listed):");
    for o in outcomes {
        let met = if o.failure.is_some() {
            0
        } else {
            o.expected - o.misses.len()
        };
        total_met += met;
        total += o.expected;
        match &o.failure {
            Some(f) => println!("  {:<62} FAILED: {f}", o.name),
            None => println!("  {:<62} {met:>3} / {:<3}", o.name, o.expected),
        }
        if !o.misses.is_empty() {
            misses_by_doc.insert(&o.name, &o.misses);
        }
    }
    println!("  total {total_met} / {total}");
    for (name, misses) in misses_by_doc {
        println!("missing in {name}:");
        for m in misses {
            println!("    {m}");
        }
    }
    (total_met, total)
}

fn floor() -> usize {
    let path = manifest_dir().join("tests/corpus_expectations/floor.txt");
    std::fs::read_to_string(&path)
        .ok()
        .and_then(|s| {
            s.lines()
                .map(str::trim)
                .find(|l| !l.is_empty() && !l.starts_with('#'))
                .and_then(|l| l.parse().ok())
        })
        .unwrap_or(0)
}

fn corpus_or_skip() -> Option<PathBuf> {
    let dir = corpus_dir();
    if dir.is_dir() {
        Some(dir)
    } else {
        println!(
            "skipped: the corpus folder {} is absent (it lives beside this repository)",
            dir.display()
        );
        None
    }
}

#[test]
fn expectations_file_is_well_formed() {
    let docs = load_expectations();
    assert_eq!(docs.len(), 24, "one block per corpus document");
    for (name, expects) in &docs {
        assert!(
            expects.iter().any(|e| matches!(e, Expect::Year(_))),
            "{name}: no year"
        );
        assert!(
            expects.iter().any(|e| matches!(e, Expect::Kind(_))),
            "{name}: no kind"
        );
        assert!(
            expects.iter().any(|e| matches!(e, Expect::Department(_))),
            "{name}: no department"
        );
        assert!(
            expects
                .iter()
                .any(|e| matches!(e, Expect::Figure { .. } | Expect::Function { .. })),
            "{name}: no figure"
        );
    }
    for (name, expects) in &docs {
        for e in expects {
            if let Expect::Figure { concepts, .. } = e {
                for c in concepts {
                    let known: Result<yujue::concept::Concept, _> =
                        serde_json::from_value(Value::String(c.clone()));
                    assert!(known.is_ok(), "{name}: `{c}` is not a concept ({e})");
                }
            }
        }
    }
    assert_eq!(money("13,377.11", "万元", "t"), Decimal::from(133_771_100));
    assert_eq!(money("0.39", "万", "t"), Decimal::from(3_900));
    assert_eq!(
        money("1682.76", "元", "t"),
        Decimal::from_str("1682.76").unwrap()
    );
}

/// Whether `written` occurs on `line` as a whole number (spaces ignored).
fn written_on_line(text: &str, line: usize, written: &str) -> bool {
    let Some(source_line) = text.lines().nth(line.wrapping_sub(1)) else {
        return false;
    };
    let squeezed: String = source_line.chars().filter(|c| !c.is_whitespace()).collect();
    squeezed.match_indices(written).any(|(at, _)| {
        let before = squeezed[..at].chars().next_back();
        let after = squeezed[at + written.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_digit() || c == '.' || c == ',')
            && !after.is_some_and(|c| c.is_ascii_digit())
    })
}

#[test]
fn every_expected_figure_is_written_on_its_line() {
    let Some(dir) = corpus_or_skip() else { return };
    let mut wrong = Vec::new();
    for (name, expects) in load_expectations() {
        let text = std::fs::read_to_string(dir.join(&name)).unwrap_or_default();
        for e in &expects {
            let (line, written) = match e {
                Expect::Figure { line, written, .. } | Expect::Function { line, written, .. } => {
                    (*line, written.clone())
                }
                Expect::Count { line, value, .. } => (*line, value.to_string()),
                _ => continue,
            };
            if !written_on_line(&text, line, &written) {
                wrong.push(format!("{name}: {e}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "expected figures not written on their line:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn corpus_is_read_and_coverage_does_not_regress() {
    let Some(dir) = corpus_or_skip() else { return };
    let outcomes = run_corpus(&dir);
    let (met, total) = report(&outcomes);
    let reports: Vec<yujue::model::DocumentReport> = outcomes
        .iter()
        .filter_map(|o| o.report.as_ref())
        .filter_map(|r| serde_json::from_value(r.clone()).ok())
        .collect();
    println!(
        "{}",
        yujue::stats::render_text(&yujue::stats::collect(&reports))
    );
    let failures: Vec<String> = outcomes
        .iter()
        .filter_map(|o| o.failure.as_ref().map(|f| format!("{}: {f}", o.name)))
        .collect();
    assert!(
        failures.is_empty(),
        "documents not analysed:\n{}",
        failures.join("\n")
    );
    let (missed, unexplained) = reconcile_errors(&outcomes);
    print_errors(&missed, &unexplained);
    let warnings = missed_warnings(&outcomes);
    println!(
        "oddities (warnings.txt) not reported as warnings: {}",
        warnings.len()
    );
    for w in &warnings {
        println!("    {w}");
    }
    let floor = floor();
    assert!(
        met >= floor,
        "corpus coverage fell: {met} / {total} expectations met, the floor is {floor} \
         (tests/corpus_expectations/floor.txt); the misses are printed above"
    );
}

#[test]
fn corpus_errors_are_exactly_the_real_discrepancies() {
    let Some(dir) = corpus_or_skip() else { return };
    let outcomes = run_corpus(&dir);
    let (missed, unexplained) = reconcile_errors(&outcomes);
    print_errors(&missed, &unexplained);
    assert!(
        missed.is_empty() && unexplained.is_empty(),
        "{} real discrepancies not reported, {} error findings unexplained; listed above",
        missed.len(),
        unexplained.len()
    );
}

#[test]
fn corpus_oddities_are_reported_as_warnings() {
    let Some(dir) = corpus_or_skip() else { return };
    let outcomes = run_corpus(&dir);
    let missed = missed_warnings(&outcomes);
    assert!(
        missed.is_empty(),
        "oddities not reported as warnings:\n{}",
        missed.join("\n")
    );
}

#[test]
fn corpus_every_expectation_is_met() {
    let Some(dir) = corpus_or_skip() else { return };
    let outcomes = run_corpus(&dir);
    let (met, total) = report(&outcomes);
    assert_eq!(
        met,
        total,
        "{} expectations not met; the list is printed above",
        total - met
    );
}
