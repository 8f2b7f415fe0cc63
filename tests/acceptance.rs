//! The core pipeline's acceptance on the five seed disclosures in fixtures/.
//!
//! Every expected value here was worked out by hand from the text (the arithmetic is in
//! the comments), not taken from yujue's output.

use std::path::Path;

use yujue::Analysis;
use yujue::extract::{Relation, SumKind};
use yujue::model::{DocumentKind, DocumentReport, Finding, Severity};

fn fixture(name: &str) -> Analysis {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let path = std::fs::read_dir(&dir)
        .expect("fixtures/ exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(name))
        })
        .expect("fixture present");
    let bytes = std::fs::read(&path).expect("readable");
    yujue::analyze_bytes(
        &format!("fixtures/{}", path.file_name().unwrap().to_string_lossy()),
        &bytes,
    )
    .expect("decodes")
}

fn errors(r: &DocumentReport) -> Vec<&Finding> {
    r.findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect()
}

fn on_line<'a>(r: &'a DocumentReport, code: &str, line: usize) -> Option<&'a Finding> {
    r.findings
        .iter()
        .find(|f| f.code == code && f.spans.first().is_some_and(|s| s.line == line))
}

#[test]
fn fixtures_are_the_seeds_unchanged() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if !seeds.is_dir() {
        eprintln!("skipped: ../shared/seeds is absent, cannot compare the fixtures with the seeds");
        return;
    }
    let mut n = 0;
    for entry in std::fs::read_dir(&seeds).unwrap() {
        let seed = entry.unwrap().path();
        let name = seed.file_name().unwrap();
        let copy = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(name);
        assert_eq!(
            std::fs::read(&seed).unwrap(),
            std::fs::read(&copy).unwrap(),
            "{name:?} differs from the seed"
        );
        n += 1;
    }
    assert_eq!(n, 5);
}

#[test]
fn seed_000_reconciles() {
    let a = fixture("000");
    let r = &a.report;
    assert_eq!(errors(r), Vec::<&Finding>::new());
    assert_eq!(
        r.document.department.as_deref(),
        Some("昆明市呈贡区医疗保障局")
    );
    assert_eq!(r.document.year, Some(2022));
    assert_eq!(r.document.kind, Some(DocumentKind::FinalAccount));
    // It is checked, not skipped: income, expenditure, basic, 26 classes, assets, procurement.
    assert!(r.summary.checks >= 60, "{} checks", r.summary.checks);
}

#[test]
fn seed_002_reconciles_with_honest_rounding() {
    let a = fixture("002");
    let r = &a.report;
    assert_eq!(errors(r), Vec::<&Finding>::new());
    assert_eq!(r.findings, Vec::<Finding>::new());
    assert_eq!(
        r.document.department.as_deref(),
        Some("乐山市市中区医疗保障局")
    );
    assert_eq!(r.document.year, Some(2022));
    // 1,153.8 = 300.11 + 853.7 (1,153.81 within the rounding of 853.7) is one of the sums.
    let total = r
        .records
        .figures
        .iter()
        .find(|f| f.span.text == "1,153.8万元" && f.span.line == 117)
        .unwrap();
    assert_eq!(total.value.to_string(), "11538000.0");
}

#[test]
fn seed_001_function_lines_do_not_add_up_to_the_fiscal_spending() {
    let a = fixture("001");
    let r = &a.report;
    // Lines 148–164: 20,000 + 3,000 + 630,000 + 268,700 + 152,500 + 15,200 + 30,000
    // + 5,311,700 + 327,001.67 = 6,758,101.67, while line 144 says 6,757,101.67.
    let f = on_line(r, "S001", 144).expect("S001 on line 144");
    assert_eq!(f.stated.as_deref(), Some("6757101.67"));
    assert_eq!(f.expected.as_deref(), Some("6758101.67"));
    assert_eq!(f.difference.as_deref(), Some("-1000"));
    assert_eq!(f.spans[0].text, "6,757,101.67元");
    assert_eq!((f.spans[0].line, f.spans[0].column), (144, 35));
    let part_lines: Vec<usize> = f.spans[1..].iter().map(|s| s.line).collect();
    assert_eq!(part_lines, [148, 150, 152, 154, 156, 158, 160, 162, 164]);
    assert!(f.message.contains("财政拨款安排支出"), "{}", f.message);
}

#[test]
fn seed_001_income_for_the_year_is_not_the_sum_of_its_sources() {
    let a = fixture("001");
    let r = &a.report;
    // Line 138: 本年收入6,451,100元 but 一般公共预算6,411,100 + 政府性基金0 + 国有资本经营0.
    let f = on_line(r, "S001", 138).expect("S001 on line 138");
    assert_eq!(f.stated.as_deref(), Some("6451100"));
    assert_eq!(f.expected.as_deref(), Some("6411100"));
    assert_eq!(f.difference.as_deref(), Some("40000"));
    let texts: Vec<&str> = f.spans.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(texts, ["6,451,100元", "6,411,100元", "0元", "0元"]);
    assert_eq!(errors(r).len(), 2, "{:#?}", errors(r));
    assert_eq!(r.document.kind, Some(DocumentKind::Budget));
    assert_eq!(r.document.year, Some(2024));
}

#[test]
fn seed_003_procurement_total_of_zero_and_a_missing_unit() {
    let a = fixture("003");
    let r = &a.report;
    // Line 98: 政府采购支出总额0万元 but 货物9.6万元 + 工程0 + 服务0.
    let f = on_line(r, "S001", 98).expect("S001 on line 98");
    assert_eq!(f.stated.as_deref(), Some("0"));
    assert_eq!(f.expected.as_deref(), Some("96000"));
    assert_eq!(f.spans[1].text, "9.6 万元");
    assert_eq!(errors(r).len(), 1, "{:#?}", errors(r));
    // Line 41: `553.29。` has no unit.
    let w = on_line(r, "U002", 41).expect("U002 on line 41");
    assert_eq!(w.severity, Severity::Warning);
    assert_eq!(w.spans[0].text, "553.29");
    // The shares of the zero procurement total are undefined: warnings, not errors.
    assert_eq!(r.findings.iter().filter(|f| f.code == "P002").count(), 2);
}

#[test]
fn seed_003_honest_rounding_is_checked_and_passes() {
    let a = fixture("003");
    let source = &a.source;
    let normalized = yujue::normalize::normalize(&source.text);
    let sections = yujue::segment::segment(&normalized.text);
    let ex = yujue::extract::extract(source, normalized, sections);
    let figures = &ex.records.figures;
    let text = |i: usize| figures[i].span.text.as_str();
    // 263.08 against items 14.56 + 20.18 + 0.05 + 228.28 = 263.07.
    assert!(ex.records.statements.iter().any(|r| matches!(r,
        Relation::Sum { total, parts, kind: SumKind::ClassItems, .. }
            if text(*total) == "263.08万元" && parts.len() == 4)));
    // 401.29 against 人员经费 359.23 + 公用经费 42.07 = 401.30.
    assert!(ex.records.statements.iter().any(|r| matches!(r,
        Relation::Sum { total, parts, exhaustive: true, .. }
            if text(*total) == "401.29万元" && parts.iter().map(|&p| text(p)).collect::<Vec<_>>() == ["359.23万元", "42.07万元"])));
    // 三公 3.72万元 up 1.59万元, 74.82%: last year 2.13, 1.59/2.13 = 74.65%, within rounding.
    assert!(ex.records.statements.iter().any(|r| matches!(r,
        Relation::Change { amount, percent: Some(p), .. } if text(*amount) == "1.59万元" && text(*p) == "74.82%")));
    let r = yujue::analyze_bytes(
        "003",
        &std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/003_b6464b9a7bea3343.txt"),
        )
        .unwrap(),
    )
    .unwrap()
    .report;
    for quiet in ["263.08万元", "401.29万元", "74.82%"] {
        assert!(
            !r.findings
                .iter()
                .any(|f| f.spans.first().is_some_and(|s| s.text == quiet)),
            "{quiet} must raise no finding"
        );
    }
}

#[test]
fn seed_004_budget_written_in_yuan() {
    let a = fixture("004");
    let r = &a.report;
    // Line 69: 年初预算为2311.99元, 支出决算为365.07万元, 完成年初预算的15.79%:
    // 365.07 / 2311.99 = 15.79% only if the budget is 2311.99万元.
    let f = on_line(r, "U001", 69).expect("U001 on line 69");
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.spans[0].text, "2311.99元");
    assert_eq!(f.stated.as_deref(), Some("2311.99"));
    assert_eq!(f.expected.as_deref(), Some("23119900"));
    assert_eq!(errors(r).len(), 1, "{:#?}", errors(r));
    // Line 62: 超出年初预算100% with a budget of 0 is a warning.
    let w = on_line(r, "R002", 62).expect("R002 on line 62");
    assert_eq!(w.severity, Severity::Warning);
}

#[test]
fn typed_records_of_seed_000() {
    let a = fixture("000");
    let r = &a.report.records;
    let value = |ids: Option<&Vec<usize>>| {
        ids.and_then(|v| v.first())
            .map(|&i| r.figures[i].value.to_string())
    };
    use yujue::concept::Concept::*;
    assert_eq!(
        value(r.income.get(&IncomeForYear)).as_deref(),
        Some("8274739.11")
    );
    assert_eq!(
        value(r.expenditure.get(&BasicExpenditure)).as_deref(),
        Some("6458419.07")
    );
    assert_eq!(
        value(r.expenditure.get(&PersonnelCosts)).as_deref(),
        Some("5432359.56")
    );
    assert_eq!(
        value(r.state_assets.get(&AssetsTotal)).as_deref(),
        Some("24062267.92")
    );
    assert_eq!(
        value(r.government_procurement.get(&ProcurementTotal)).as_deref(),
        Some("43790")
    );
    assert_eq!(
        value(
            r.administrative_running_costs
                .get(&AdministrativeRunningCosts)
        )
        .as_deref(),
        Some("1026059.51")
    );
    // 26 function classes, 卫生健康 6,865,025.49元.
    assert_eq!(r.function_classification.len(), 26);
    let health = r
        .function_classification
        .iter()
        .find(|l| l.names[0].contains("卫生健康"))
        .unwrap();
    assert_eq!(
        r.figures[health.amount.unwrap()].value.to_string(),
        "6865025.49"
    );
    // 12 listed projects adding up to 1,816,320.04元.
    assert_eq!(r.projects.len(), 12);
    // 三公 counts: 团组0个, 0人次, 购置车辆0辆, 保有量0辆, 接待0批次…
    assert!(
        r.counts
            .iter()
            .any(|c| c.unit == "辆" && c.label.contains("保有量"))
    );
}
