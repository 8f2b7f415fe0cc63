//! The rules as documentation: the `yujue rules` table, the `yujue explain CODE` text and
//! the README's list of checks, all generated from the same registry
//! ([`crate::check::RULES`]) so they cannot drift apart.

use std::fmt::Write;

use crate::check::RuleInfo;

/// Marker lines around the generated list of checks in README.md.
pub const README_START: &str = "<!-- rules:start: generated from check::RULES; refresh with `UPDATE_README=1 cargo test --test cli_readme` -->";
pub const README_END: &str = "<!-- rules:end -->";

/// One line per rule: code, name, severity, summary, in aligned columns.
pub fn list(rules: &[RuleInfo]) -> String {
    let name_width = rules.iter().map(|r| r.name.len()).max().unwrap_or(0);
    let code_width = rules.iter().map(|r| r.code.len()).max().unwrap_or(0);
    let mut out = String::new();
    for rule in rules {
        let _ = writeln!(
            out,
            "{:code_width$}  {:name_width$}  {:7}  {}",
            rule.code,
            rule.name,
            rule.severity.as_str(),
            rule.summary
        );
    }
    out
}

/// The documentation of the rule with this code (case-insensitive), or `None`.
pub fn explain(rules: &[RuleInfo], code: &str) -> Option<String> {
    let rule = rules.iter().find(|r| r.code.eq_ignore_ascii_case(code))?;
    let mut out = format!(
        "{} {} ({})\n\n{}\n",
        rule.code,
        rule.name,
        rule.severity.as_str(),
        rule.summary
    );
    let doc = unindent(rule.doc);
    if !doc.trim().is_empty() {
        out.push('\n');
        out.push_str(doc.trim_end());
        out.push('\n');
    }
    Some(out)
}

/// Doc comments keep the space after `///`; take one leading space off every line.
fn unindent(doc: &str) -> String {
    doc.lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The README's list of checks: a Markdown table, between the marker lines.
pub fn readme_section(rules: &[RuleInfo]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{README_START}");
    let _ = writeln!(out, "| Code | Name | Severity | What it checks |");
    let _ = writeln!(out, "|---|---|---|---|");
    for rule in rules {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} |",
            rule.code,
            rule.name,
            rule.severity.as_str(),
            rule.summary.replace('|', "\\|")
        );
    }
    if rules.is_empty() {
        let _ = writeln!(out, "| | | | (no checks registered yet) |");
    }
    let _ = write!(out, "{README_END}");
    out
}

/// Replace the generated section of a README text; `None` when the markers are missing.
pub fn replace_readme_section(readme: &str, rules: &[RuleInfo]) -> Option<String> {
    let start = readme.find(README_START)?;
    let end = readme.get(start..)?.find(README_END)? + start + README_END.len();
    let mut out = String::with_capacity(readme.len());
    out.push_str(readme.get(..start)?);
    out.push_str(&readme_section(rules));
    out.push_str(readme.get(end..)?);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Severity;

    const RULES: &[RuleInfo] = &[
        RuleInfo {
            code: "S001",
            name: "sum-mismatch",
            severity: Severity::Error,
            summary: "A total is not the sum of its parts.",
            doc: " ## What it checks\n A total against its parts.\n",
        },
        RuleInfo {
            code: "P001",
            name: "share",
            severity: Severity::Warning,
            summary: "A share | of zero.",
            doc: "",
        },
    ];

    #[test]
    fn list_aligns_columns() {
        assert_eq!(
            list(RULES),
            "S001  sum-mismatch  error    A total is not the sum of its parts.\n\
             P001  share         warning  A share | of zero.\n"
        );
    }

    #[test]
    fn explain_finds_the_code_in_any_case_and_unindents() {
        assert_eq!(
            explain(RULES, "s001").unwrap(),
            "S001 sum-mismatch (error)\n\nA total is not the sum of its parts.\n\n\
             ## What it checks\nA total against its parts.\n"
        );
        assert_eq!(explain(RULES, "X999"), None);
    }

    #[test]
    fn readme_section_is_replaced_between_markers() {
        let readme = format!("# T\n\n{README_START}\nold\n{README_END}\n\nafter\n");
        let new = replace_readme_section(&readme, RULES).unwrap();
        assert!(new.starts_with("# T\n\n<!-- rules:start"));
        assert!(new.contains("| `P001` | share | warning | A share \\| of zero. |\n"));
        assert!(new.ends_with("<!-- rules:end -->\n\nafter\n"));
        assert!(!new.contains("old"));
        assert_eq!(replace_readme_section("no markers", RULES), None);
    }
}
