//! Mutation test: every figure that takes part in a sum or a share check is, one at a time,
//! changed beyond its rounding in a copy of the text; the checker must then report an error
//! that points at it. Prints the detection rate per fixture; it must be 100%.

use std::path::Path;

use rust_decimal::Decimal;
use yujue::extract::Relation;
use yujue::model::{Figure, Severity};
use yujue::source::Source;

/// How a figure is changed so that the relation it is in must break.
#[derive(Debug, Clone, Copy)]
enum Mutation {
    /// Grow it well beyond its rounding: ×1.5 plus a hundred units of its last digit.
    Grow,
    /// Set a partial total to half the sum of its listed parts.
    BelowParts(Decimal),
    /// Move a percentage by 37 points.
    Percent,
    /// Add 37% of the base (in the part's unit) to a share's part.
    AddShareOfBase(Decimal),
    /// Raise a part of a partial breakdown above its total.
    AboveTotal(Decimal),
}

fn unit_step(f: &Figure) -> Decimal {
    Decimal::new(1, f.decimals)
}

fn mutated_value(f: &Figure, m: Mutation) -> Option<Decimal> {
    let v = f.written_value;
    let step = unit_step(f);
    let factor = f
        .unit
        .or(f.assumed_unit)
        .map_or(Decimal::ONE, |u| u.yuan_factor());
    let new = match m {
        Mutation::Grow => v * Decimal::new(15, 1) + step * Decimal::from(100),
        Mutation::BelowParts(parts_yuan) => {
            let parts = parts_yuan / factor;
            if parts <= step {
                return None;
            }
            parts / Decimal::TWO
        }
        Mutation::Percent if v <= Decimal::from(50) => v + Decimal::from(37),
        Mutation::Percent => v - Decimal::from(37),
        Mutation::AboveTotal(total_yuan) => {
            total_yuan / factor * Decimal::new(15, 1) + step * Decimal::from(100)
        }
        Mutation::AddShareOfBase(base_yuan) => {
            let add = base_yuan * Decimal::new(37, 2) / factor;
            if add <= step {
                return None;
            }
            v + add
        }
    };
    Some(new.round_dp(f.decimals))
}

fn write_number(value: Decimal, decimals: u32, grouped: bool) -> String {
    let s = format!("{:.*}", decimals as usize, value);
    if !grouped {
        return s;
    }
    let (int, frac) = s
        .split_once('.')
        .map_or((s.as_str(), None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    for (k, c) in int.chars().enumerate() {
        if k > 0 && (int.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    frac.map_or(out.clone(), |f| format!("{out}.{f}"))
}

/// The text with figure `f`'s number replaced by `value`.
fn apply(text: &str, f: &Figure, value: Decimal) -> String {
    let written = &f.span.text;
    let number_len: usize = written
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_digit() || matches!(c, ',' | '.'))
        .map(|(_, c)| c.len_utf8())
        .sum();
    let grouped = written[..number_len].contains(',');
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&text[..f.span.start]);
    out.push_str(&write_number(value, f.decimals, grouped));
    out.push_str(&text[f.span.start + number_len..]);
    out
}

/// The error findings that point at byte `start`: code and figures.
fn errors_at(text: &str, start: usize) -> Vec<(String, Option<String>, Option<String>)> {
    let report = yujue::analyze_text("mutant.txt", text.to_owned(), "UTF-8").report;
    report
        .findings
        .into_iter()
        .filter(|f| f.severity == Severity::Error && f.spans.iter().any(|s| s.start == start))
        .map(|f| (f.code, f.stated, f.expected))
        .collect()
}

/// For each figure in a sum or share relation, the mutations that must break a relation.
fn candidates(figures: &[Figure], relations: &[Relation]) -> Vec<(usize, Vec<Mutation>)> {
    let mut out: Vec<(usize, Vec<Mutation>)> = Vec::new();
    let mut add = |i: usize, m: Mutation| match out.iter_mut().find(|(j, _)| *j == i) {
        Some((_, ms)) => ms.push(m),
        None => out.push((i, vec![m])),
    };
    let value = |i: usize| figures[i].value;
    for r in relations {
        match r {
            Relation::Sum {
                total,
                parts,
                exhaustive,
                ..
            } => {
                if *exhaustive {
                    add(*total, Mutation::Grow);
                    for &p in parts {
                        add(p, Mutation::Grow);
                    }
                } else {
                    add(
                        *total,
                        Mutation::BelowParts(parts.iter().map(|&p| value(p)).sum()),
                    );
                    for &p in parts {
                        add(p, Mutation::AboveTotal(value(*total)));
                    }
                }
            }
            // A share of a zero base is undefined (a warning by design), not checkable.
            Relation::Share { base, .. } if value(*base).is_zero() => {}
            Relation::Share {
                part,
                base,
                percent,
                ..
            } => {
                add(*percent, Mutation::Percent);
                add(*part, Mutation::AddShareOfBase(value(*base)));
                if !value(*part).is_zero() {
                    add(*base, Mutation::Grow);
                }
            }
            _ => {}
        }
    }
    out
}

#[test]
fn every_sum_and_share_figure_is_guarded() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let (mut total, mut caught, mut not_applicable) = (0, 0, 0);
    let mut missed = Vec::new();
    for path in paths
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
    {
        let text = std::fs::read_to_string(path).unwrap();
        let source = Source::new(text.clone(), "UTF-8");
        let extraction = yujue::extract_source(&source);
        let figures = &extraction.records.figures;
        let (mut n, mut c) = (0, 0);
        for (i, mutations) in candidates(figures, &extraction.records.statements) {
            let f = &figures[i];
            let before = errors_at(&text, f.span.start);
            let values: Vec<Decimal> = mutations
                .iter()
                .filter_map(|&m| mutated_value(f, m))
                .collect();
            if values.is_empty() {
                not_applicable += 1;
                continue;
            }
            n += 1;
            // Caught: an error points at the figure that was not there before (an error
            // already pointing at it must now state the mutated values).
            let caught_by = |v: Decimal| {
                errors_at(&apply(&text, f, v), f.span.start)
                    .iter()
                    .any(|e| !before.contains(e))
            };
            if values.iter().any(|&v| caught_by(v)) {
                c += 1;
            } else {
                missed.push(format!(
                    "{}:{}:{} {} ({:?})",
                    path.file_name().unwrap().to_string_lossy(),
                    f.span.line,
                    f.span.column,
                    f.span.text,
                    mutations
                ));
            }
        }
        println!(
            "{}: {c}/{n} sum and share figures caught when mutated",
            path.file_name().unwrap().to_string_lossy()
        );
        total += n;
        caught += c;
    }
    println!(
        "detection rate: {caught}/{total} = {:.1}% ({not_applicable} figures cannot break their relation: a partial total over parts of zero, the base of a zero part)",
        100.0 * caught as f64 / total.max(1) as f64
    );
    assert!(total > 300, "only {total} figures tested");
    assert!(
        missed.is_empty(),
        "mutations not caught:\n{}",
        missed.join("\n")
    );
}
