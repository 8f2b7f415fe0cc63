//! Developer aid: list what yujue extracted from a document — the function lines and every
//! relation it will check — to see why a check did or did not run.
//!
//! `cargo run --example relations -- FILE`

use yujue::extract::Relation;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: relations FILE");
        std::process::exit(2);
    };
    let source = match std::fs::read(&path)
        .map_err(|e| e.to_string())
        .and_then(|b| yujue::source::decode(&b).map_err(|e| e.to_string()))
    {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let ex = yujue::extract_source(&source);
    let f = &ex.records.figures;
    let show = |i: usize| {
        f.get(i).map_or_else(String::new, |x| {
            let tail: String = x
                .label
                .chars()
                .rev()
                .take(14)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            format!(
                "{}@{}「{}」",
                x.span.text.replace('\n', ""),
                x.span.line,
                tail
            )
        })
    };
    for l in &ex.records.function_classification {
        println!(
            "FUNCTION {:?} {:?} {:?} amount={}",
            l.level,
            l.code,
            l.names,
            l.amount.map(show).unwrap_or_default()
        );
    }
    for r in &ex.records.statements {
        let line = match r {
            Relation::Sum {
                total,
                parts,
                exhaustive,
                kind,
            } => format!(
                "SUM {kind:?} exhaustive={exhaustive} {} = {}",
                show(*total),
                parts
                    .iter()
                    .map(|&p| show(p))
                    .collect::<Vec<_>>()
                    .join(" + ")
            ),
            Relation::Share {
                part,
                base,
                percent,
                ..
            } => format!(
                "SHARE {} = {} / {}",
                show(*percent),
                show(*part),
                show(*base)
            ),
            Relation::ShareOfListed {
                part,
                parts,
                percent,
                ..
            } => format!(
                "SHARE {} = {} / ({})",
                show(*percent),
                show(*part),
                parts
                    .iter()
                    .map(|&p| show(p))
                    .collect::<Vec<_>>()
                    .join(" + ")
            ),
            Relation::Change {
                current,
                previous,
                amount,
                percent,
                ..
            } => format!(
                "CHANGE {} from {} by {} {}",
                show(*current),
                previous.map(show).unwrap_or_default(),
                show(*amount),
                percent.map(show).unwrap_or_default()
            ),
            Relation::Growth {
                current,
                previous,
                percent,
                ..
            } => {
                format!(
                    "GROWTH {} = {} vs {}",
                    show(*percent),
                    show(*current),
                    show(*previous)
                )
            }
            Relation::Rate {
                actual,
                budget,
                percent,
                ..
            } => format!(
                "RATE {} = {} / {}",
                show(*percent),
                show(*actual),
                show(*budget)
            ),
            Relation::Restated { first, again } => {
                format!("RESTATED {} ~ {}", show(*first), show(*again))
            }
        };
        println!("{line}");
    }
}
