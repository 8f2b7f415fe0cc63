//! Coverage over a set of documents: how many yielded each record type and each finding.
//!
//! Owns the `yujue stats` summary: [`collect`] (or [`Tally`], one document at a time, so
//! that a run keeps no reports) counts, over the checked documents, those whose meta was
//! found, those that yielded each record (a non-empty record map, function lines, counts,
//! projects), and, for every rule, the documents and findings it reported.
//! [`render_text`] lays the counts out as a plain-text table. Reads finished
//! [`DocumentReport`]s only; prints nothing.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{DocumentReport, Records, Severity};

/// How many documents yielded one thing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Coverage {
    /// The JSON name of the field or record (`department`, `income`, `counts`…).
    pub name: String,
    /// Documents that yielded it.
    pub documents: usize,
}

/// How often one rule fired.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleCount {
    pub code: String,
    pub severity: Severity,
    /// Documents with at least one finding of this code.
    pub documents: usize,
    /// Findings of this code over all documents.
    pub findings: usize,
}

/// Coverage of a set of documents (`yujue stats`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CorpusStats {
    /// Documents checked.
    pub documents: usize,
    /// Documents with no error finding.
    pub reconciled: usize,
    /// Figures extracted over all documents.
    pub figures: usize,
    /// Checks evaluated over all documents.
    pub checks: usize,
    /// Documents whose department, year and kind were found.
    pub meta: Vec<Coverage>,
    /// Documents that yielded each record type, in the order of the JSON records.
    pub records: Vec<Coverage>,
    /// Every registered rule, then any other code reported, in code order.
    pub rules: Vec<RuleCount>,
}

/// Whether each record of `records` holds anything, in JSON order.
fn record_presence(records: &Records) -> [(&'static str, bool); 10] {
    [
        ("income", !records.income.is_empty()),
        ("expenditure", !records.expenditure.is_empty()),
        (
            "fiscal_appropriation",
            !records.fiscal_appropriation.is_empty(),
        ),
        (
            "function_classification",
            !records.function_classification.is_empty(),
        ),
        (
            "three_official_expenses",
            !records.three_official_expenses.is_empty(),
        ),
        ("counts", !records.counts.is_empty()),
        (
            "administrative_running_costs",
            !records.administrative_running_costs.is_empty(),
        ),
        (
            "government_procurement",
            !records.government_procurement.is_empty(),
        ),
        ("state_assets", !records.state_assets.is_empty()),
        ("projects", !records.projects.is_empty()),
    ]
}

/// Count coverage over `reports`; every rule of [`crate::check::RULES`] is listed, with zero
/// counts where it never fired.
pub fn collect<'a>(reports: impl IntoIterator<Item = &'a DocumentReport>) -> CorpusStats {
    let mut tally = Tally::default();
    for report in reports {
        tally.add(report);
    }
    tally.finish()
}

/// [`collect`] one report at a time, for a run that does not keep its reports.
#[derive(Debug, Clone)]
pub struct Tally {
    stats: CorpusStats,
    meta: [(&'static str, usize); 3],
    records: [(&'static str, usize); 10],
    rules: BTreeMap<String, RuleCount>,
}

impl Default for Tally {
    fn default() -> Self {
        let rules = crate::check::RULES
            .iter()
            .map(|r| {
                (
                    r.code.to_owned(),
                    RuleCount {
                        code: r.code.to_owned(),
                        severity: r.severity,
                        documents: 0,
                        findings: 0,
                    },
                )
            })
            .collect();
        Tally {
            stats: CorpusStats::default(),
            meta: [("department", 0), ("year", 0), ("kind", 0)],
            records: record_presence(&Records::default()).map(|(name, _)| (name, 0)),
            rules,
        }
    }
}

impl Tally {
    /// Count one document.
    pub fn add(&mut self, report: &DocumentReport) {
        let stats = &mut self.stats;
        stats.documents += 1;
        stats.figures += report.summary.figures;
        stats.checks += report.summary.checks;
        if report
            .findings
            .iter()
            .all(|f| f.severity != Severity::Error)
        {
            stats.reconciled += 1;
        }
        let document = &report.document;
        let found = [
            document
                .department
                .as_deref()
                .is_some_and(|d| !d.is_empty()),
            document.year.is_some(),
            document.kind.is_some(),
        ];
        for (slot, found) in self.meta.iter_mut().zip(found) {
            slot.1 += usize::from(found);
        }
        let presence = record_presence(&report.records);
        for (slot, (_, present)) in self.records.iter_mut().zip(presence) {
            slot.1 += usize::from(present);
        }
        let mut seen: Vec<&str> = Vec::new();
        for finding in &report.findings {
            let entry = self
                .rules
                .entry(finding.code.clone())
                .or_insert_with(|| RuleCount {
                    code: finding.code.clone(),
                    severity: finding.severity,
                    documents: 0,
                    findings: 0,
                });
            entry.findings += 1;
            if !seen.contains(&finding.code.as_str()) {
                seen.push(&finding.code);
                entry.documents += 1;
            }
        }
    }

    /// The counts of every document added.
    pub fn finish(self) -> CorpusStats {
        let coverage = |(name, documents): (&str, usize)| Coverage {
            name: name.to_owned(),
            documents,
        };
        CorpusStats {
            meta: self.meta.into_iter().map(coverage).collect(),
            records: self.records.into_iter().map(coverage).collect(),
            rules: self.rules.into_values().collect(),
            ..self.stats
        }
    }
}

/// The stats as a plain-text table, one row per item, with documents as `n / total`.
pub fn render_text(stats: &CorpusStats) -> String {
    let total = stats.documents;
    let ratio = |n: usize| format!("{n:>5} / {total}");
    let row = |label: &str, value: String| format!("  {label:<32}{value}\n");
    let mut out = format!(
        "{total} documents, {} reconciled, {} figures, {} checks\n",
        stats.reconciled, stats.figures, stats.checks
    );
    out.push_str("meta (documents)\n");
    for c in &stats.meta {
        out.push_str(&row(&c.name, ratio(c.documents)));
    }
    out.push_str("records (documents)\n");
    for c in &stats.records {
        out.push_str(&row(&c.name, ratio(c.documents)));
    }
    out.push_str("findings (documents, findings)\n");
    for r in &stats.rules {
        out.push_str(&row(
            &format!("{} {}", r.code, r.severity.as_str()),
            format!("{}  {:>6}", ratio(r.documents), r.findings),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocumentKind, Finding, Summary};

    fn analyzed(text: &str) -> DocumentReport {
        crate::analyze_text("t.txt", text.to_owned(), "UTF-8").report
    }

    fn finding(code: &str, severity: Severity) -> Finding {
        Finding {
            code: code.to_owned(),
            severity,
            message: String::new(),
            stated: None,
            expected: None,
            difference: None,
            spans: Vec::new(),
        }
    }

    #[test]
    fn counts_documents_not_occurrences() {
        let mut a = analyzed("某局2024年度部门决算");
        a.document.department = Some("某局".to_owned());
        a.document.year = Some(2024);
        a.document.kind = Some(DocumentKind::FinalAccount);
        a.records.counts.push(crate::model::Count {
            label: "公务接待".to_owned(),
            value: 2,
            unit: "批次".to_owned(),
            span: crate::model::Span {
                line: 1,
                column: 1,
                end_line: 1,
                end_column: 2,
                start: 0,
                end: 1,
                text: "2".to_owned(),
                label: String::new(),
            },
        });
        a.findings = vec![
            finding("S001", Severity::Error),
            finding("S001", Severity::Error),
            finding("D001", Severity::Warning),
        ];
        a.summary = Summary {
            figures: 7,
            checks: 3,
            ..Summary::default()
        };
        let mut b = analyzed("另一份");
        b.findings = vec![finding("D001", Severity::Warning)];
        let stats = collect([&a, &b]);
        assert_eq!(stats.documents, 2);
        assert_eq!(stats.reconciled, 1);
        assert_eq!(stats.figures, 7 + b.summary.figures);
        let get = |list: &[Coverage], name: &str| {
            list.iter().find(|c| c.name == name).map(|c| c.documents)
        };
        assert_eq!(get(&stats.meta, "department"), Some(1));
        assert_eq!(get(&stats.meta, "kind"), Some(1));
        assert_eq!(get(&stats.records, "counts"), Some(1));
        assert_eq!(get(&stats.records, "income"), Some(0));
        let rule = |code: &str| stats.rules.iter().find(|r| r.code == code).cloned();
        let s001 = rule("S001").unwrap();
        assert_eq!((s001.documents, s001.findings), (1, 2));
        let d001 = rule("D001").unwrap();
        assert_eq!((d001.documents, d001.findings), (2, 2));
        let text = render_text(&stats);
        assert!(text.starts_with("2 documents, 1 reconciled"), "{text}");
        assert!(
            text.contains("  counts                              1 / 2\n"),
            "{text}"
        );
        assert!(
            text.contains("  S001 error                          1 / 2       2\n"),
            "{text}"
        );
    }

    #[test]
    fn an_empty_set_lists_every_record_with_zero() {
        let stats = collect([]);
        assert_eq!(stats.documents, 0);
        assert_eq!(stats.records.len(), 10);
        assert!(stats.records.iter().all(|c| c.documents == 0));
        let json = serde_json::to_string(&stats).unwrap();
        let back: CorpusStats = serde_json::from_str(&json).unwrap();
        assert_eq!(back, stats);
    }
}
