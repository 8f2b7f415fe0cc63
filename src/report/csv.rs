//! CSV for spreadsheet users: every extracted figure as one row, UTF-8 with a header row,
//! quoted where needed (the `csv` crate).
//!
//! Columns: `path, section, record, concept, role, label, function_code, value, written,
//! unit, line, column`. `value` is in 元 for money and the percentage itself for
//! percentages; `written` is the figure exactly as the file has it (`９.６ 万元`); `unit` is
//! the unit as written, or `万元 (assumed)` where none was written. `record` is the record
//! the figure was filed under (`income`, `function_classification`, `projects`…), empty
//! when it was filed under none.
//!
//! An input that could not be read is one row with its path, `record` = `error`, `concept`
//! = the `E-…` code and `label` = the message, the other columns empty: the row count
//! never hides a file.

use std::collections::BTreeMap;
use std::io::{self, Write};

use crate::driver::FileOutcome;
use crate::model::{Figure, Records};

use super::{RenderDocument, Reporter, Totals};

/// The header row.
pub const HEADER: [&str; 12] = [
    "path",
    "section",
    "record",
    "concept",
    "role",
    "label",
    "function_code",
    "value",
    "written",
    "unit",
    "line",
    "column",
];

/// Streams rows as documents are done.
#[derive(Debug, Default)]
pub struct CsvReporter {
    header_written: bool,
}

impl CsvReporter {
    fn rows(outcome: &FileOutcome) -> Vec<[String; 12]> {
        match outcome {
            FileOutcome::Checked(analysis) => {
                let report = &analysis.report;
                let records = record_of_figures(&report.records);
                report
                    .records
                    .figures
                    .iter()
                    .map(|figure| row(&report.path, figure, records.get(&figure.id).copied()))
                    .collect()
            }
            FileOutcome::Failed { path, error } => {
                let mut row: [String; 12] = Default::default();
                row[0] = path.clone();
                row[2] = "error".to_owned();
                row[3] = error.code().to_owned();
                row[5] = error.to_string();
                vec![row]
            }
        }
    }
}

/// One document's rows, without the header.
#[derive(Debug, Clone, Copy)]
struct Rows;

impl RenderDocument for Rows {
    fn render(&self, outcome: &FileOutcome) -> io::Result<Vec<u8>> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        for row in CsvReporter::rows(outcome) {
            writer.write_record(&row).map_err(io::Error::other)?;
        }
        writer
            .into_inner()
            .map_err(|e| io::Error::other(e.to_string()))
    }
}

impl Reporter for CsvReporter {
    fn document(&mut self, outcome: &FileOutcome, out: &mut dyn Write) -> io::Result<()> {
        let rows = Rows.render(outcome)?;
        self.write_rendered(&rows, out)
    }

    fn renderer(&self) -> Option<Box<dyn RenderDocument>> {
        Some(Box::new(Rows))
    }

    fn write_rendered(&mut self, rows: &[u8], out: &mut dyn Write) -> io::Result<()> {
        if !self.header_written {
            let mut writer = csv::Writer::from_writer(&mut *out);
            writer.write_record(HEADER).map_err(io::Error::other)?;
            writer.flush()?;
            self.header_written = true;
        }
        out.write_all(rows)
    }

    fn finish(&mut self, _totals: &Totals, out: &mut dyn Write) -> io::Result<()> {
        if !self.header_written {
            let mut writer = csv::Writer::from_writer(&mut *out);
            writer.write_record(HEADER).map_err(io::Error::other)?;
            writer.flush()?;
            self.header_written = true;
        }
        Ok(())
    }
}

fn row(path: &str, figure: &Figure, record: Option<&'static str>) -> [String; 12] {
    let unit = match (figure.unit, figure.assumed_unit) {
        (Some(unit), _) => unit.as_str().to_owned(),
        (None, Some(assumed)) => format!("{} (assumed)", assumed.as_str()),
        (None, None) => String::new(),
    };
    [
        path.to_owned(),
        figure.section.to_string(),
        record.unwrap_or_default().to_owned(),
        figure.concept.map(|c| c.name()).unwrap_or_default(),
        serde_json::to_value(figure.role)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default(),
        figure.label.clone(),
        figure.function_code.clone().unwrap_or_default(),
        figure.value.to_string(),
        figure.span.text.clone(),
        unit,
        figure.span.line.to_string(),
        figure.span.column.to_string(),
    ]
}

/// The record each figure id is filed under (the first one, in the order of [`Records`]).
fn record_of_figures(records: &Records) -> BTreeMap<usize, &'static str> {
    let mut out = BTreeMap::new();
    let maps = [
        ("income", &records.income),
        ("expenditure", &records.expenditure),
        ("fiscal_appropriation", &records.fiscal_appropriation),
        ("three_official_expenses", &records.three_official_expenses),
        (
            "administrative_running_costs",
            &records.administrative_running_costs,
        ),
        ("government_procurement", &records.government_procurement),
        ("state_assets", &records.state_assets),
    ];
    for (name, map) in maps {
        for id in map.values().flatten() {
            out.entry(*id).or_insert(name);
        }
    }
    for line in &records.function_classification {
        for id in [line.amount, line.budget, line.rate, line.share]
            .into_iter()
            .flatten()
        {
            out.entry(id).or_insert("function_classification");
        }
    }
    for project in &records.projects {
        for id in &project.figures {
            out.entry(*id).or_insert("projects");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::amount::Unit;
    use crate::concept::Concept;
    use crate::model::{FunctionLevel, FunctionLine, Role};
    use crate::report::testing;
    use rust_decimal_macros::dec;

    fn figure(id: usize, label: &str, text: &str) -> Figure {
        let source = crate::source::Source::new(testing::TEXT.to_owned(), "UTF-8");
        Figure {
            id,
            label: label.to_owned(),
            concept: None,
            role: Role::Level,
            value: dec!(1000000),
            written_value: dec!(100),
            decimals: 0,
            unit: Some(Unit::TenThousandYuan),
            assumed_unit: None,
            function_code: None,
            section: "一、收入支出决算总体情况".into(),
            span: testing::span(&source, text, 0, ""),
        }
    }

    fn render(outcomes: &[FileOutcome]) -> String {
        testing::run(&mut CsvReporter::default(), outcomes)
    }

    #[test]
    fn one_row_per_figure_quoted_where_needed() {
        let mut outcome = testing::checked();
        let FileOutcome::Checked(analysis) = &mut outcome else {
            unreachable!()
        };
        let records = &mut analysis.report.records;
        let mut total = figure(0, "收入合计", "１００万元");
        total.concept = Some(Concept::IncomeForYear);
        let mut part = figure(1, "财政拨款收入, \"一般\"", "90万元");
        part.value = dec!(900000);
        part.unit = None;
        part.assumed_unit = Some(Unit::TenThousandYuan);
        part.function_code = Some("2010301".to_owned());
        records.figures = vec![total, part];
        records.income.insert(Concept::IncomeForYear, vec![0]);
        records.function_classification.push(FunctionLine {
            level: FunctionLevel::Item,
            code: Some("2010301".to_owned()),
            names: vec!["行政运行".to_owned()],
            amount: Some(1),
            budget: None,
            rate: None,
            share: None,
        });
        let text = render(&[outcome, testing::failed()]);
        assert_eq!(
            text,
            "path,section,record,concept,role,label,function_code,value,written,unit,line,column\n\
             data/收支.txt,一、收入支出决算总体情况,income,income_for_year,level,收入合计,,1000000,１００万元,万元,2,11\n\
             data/收支.txt,一、收入支出决算总体情况,function_classification,,level,\"财政拨款收入, \"\"一般\"\"\",2010301,900000,90万元,万元 (assumed),2,30\n\
             data/empty.txt,,error,E-EMPTY,,the file is empty (nothing but whitespace),,,,,,\n"
        );
    }

    #[test]
    fn an_empty_run_still_has_the_header() {
        assert_eq!(
            render(&[]),
            "path,section,record,concept,role,label,function_code,value,written,unit,line,column\n"
        );
    }
}
