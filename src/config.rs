//! Run settings: which rules to report and whether warnings fail the run, from `yujue.toml`
//! and the command line.
//!
//! Owns the `yujue.toml` format, its discovery (the checked folder, or the folder of a
//! checked file) and the rule selection applied to a document's findings after checking.
//! Selection never changes what is checked, only what is reported and counted: the
//! summary of a filtered document is recomputed from the findings kept.
//!
//! ```toml
//! # yujue.toml
//! select = ["S", "P001"]   # codes or code prefixes; default: every rule
//! ignore = ["U"]           # taken out after select
//! deny = ["warnings"]      # warnings then fail the run (exit 1)
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::check::RuleInfo;
use crate::model::{DocumentReport, Severity};

/// The file name looked for in a checked folder.
pub const FILE_NAME: &str = "yujue.toml";

/// What can be wrong with the settings; the CLI exits with status 2.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    #[error("cannot read {path}: {message}")]
    Read { path: String, message: String },
    #[error("{path}: {message}")]
    Parse { path: String, message: String },
    #[error("{origin}: `{code}` matches no rule (see `yujue rules`)")]
    UnknownCode { origin: String, code: String },
    #[error("{origin}: cannot deny `{what}`; only `warnings` can be denied")]
    UnknownDeny { origin: String, what: String },
}

/// The contents of a `yujue.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub select: Option<Vec<String>>,
    #[serde(default)]
    pub ignore: Vec<String>,
    #[serde(default)]
    pub deny: Vec<String>,
}

impl FileConfig {
    /// Read and parse one file.
    pub fn load(path: &Path) -> Result<FileConfig, ConfigError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError::Read {
            path: shown.clone(),
            message: e.to_string(),
        })?;
        toml::from_str(&text).map_err(|e| ConfigError::Parse {
            path: shown,
            message: e.message().to_owned(),
        })
    }

    /// The `yujue.toml` that applies to a path given on the command line: the one in that
    /// folder, or in the folder of that file. Not searched further up.
    pub fn discover(checked: &Path) -> Option<PathBuf> {
        let folder = if checked.is_dir() {
            checked
        } else {
            checked.parent()?
        };
        let folder = if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            folder
        };
        let candidate = folder.join(FILE_NAME);
        candidate.is_file().then_some(candidate)
    }
}

/// The settings given on the command line, which take precedence over the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CliSettings {
    /// Replaces the file's `select` when given.
    pub select: Option<Vec<String>>,
    /// Added to the file's `ignore`.
    pub ignore: Vec<String>,
    /// Added to the file's `deny`.
    pub deny: Vec<String>,
}

/// Which findings are reported, and whether warnings fail the run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Code prefixes to keep; empty keeps every code.
    pub select: Vec<String>,
    /// Code prefixes to drop.
    pub ignore: Vec<String>,
    pub deny_warnings: bool,
}

impl Selection {
    /// Merge a file's settings (if any) with the command line's, checking every code
    /// against the rules known.
    pub fn resolve(
        file: Option<(&Path, &FileConfig)>,
        cli: &CliSettings,
        rules: &[RuleInfo],
    ) -> Result<Selection, ConfigError> {
        let file_origin = file.map(|(p, _)| p.display().to_string());
        let file_config = file.map(|(_, c)| c);
        let (select, select_origin) =
            match (&cli.select, file_config.and_then(|c| c.select.as_ref())) {
                (Some(codes), _) => (codes.clone(), "--select".to_owned()),
                (None, Some(codes)) => (codes.clone(), file_origin.clone().unwrap_or_default()),
                (None, None) => (Vec::new(), String::new()),
            };
        let select = normalise_codes(&select, &select_origin, rules)?;
        let mut ignore = Vec::new();
        if let (Some(origin), Some(config)) = (&file_origin, file_config) {
            ignore.extend(normalise_codes(&config.ignore, origin, rules)?);
        }
        ignore.extend(normalise_codes(&cli.ignore, "--ignore", rules)?);
        let mut deny_warnings = false;
        let file_deny = file_config.map(|c| c.deny.as_slice()).unwrap_or_default();
        for (origin, what) in file_deny
            .iter()
            .map(|w| (file_origin.clone().unwrap_or_default(), w))
            .chain(cli.deny.iter().map(|w| ("--deny".to_owned(), w)))
        {
            if what.trim().eq_ignore_ascii_case("warnings") {
                deny_warnings = true;
            } else {
                return Err(ConfigError::UnknownDeny {
                    origin,
                    what: what.clone(),
                });
            }
        }
        Ok(Selection {
            select,
            ignore,
            deny_warnings,
        })
    }

    /// Whether findings of this code are reported.
    pub fn keeps(&self, code: &str) -> bool {
        let matches = |prefix: &String| code.starts_with(prefix.as_str());
        (self.select.is_empty() || self.select.iter().any(matches))
            && !self.ignore.iter().any(matches)
    }

    /// Drop the findings not selected and recompute the document's counts.
    pub fn apply(&self, report: &mut DocumentReport) {
        if self.select.is_empty() && self.ignore.is_empty() {
            return;
        }
        report.findings.retain(|f| self.keeps(&f.code));
        let count = |s: Severity| report.findings.iter().filter(|f| f.severity == s).count();
        report.summary.errors = count(Severity::Error);
        report.summary.warnings = count(Severity::Warning);
        report.summary.notes = count(Severity::Note);
        report.summary.reconciled = report.summary.errors == 0;
    }
}

/// Split comma-separated lists, upper-case, and check each code or prefix names a rule.
/// `ALL` selects every rule.
fn normalise_codes(
    codes: &[String],
    origin: &str,
    rules: &[RuleInfo],
) -> Result<Vec<String>, ConfigError> {
    let mut out = Vec::new();
    for code in codes.iter().flat_map(|c| c.split(',')) {
        let code = code.trim().to_ascii_uppercase();
        if code.is_empty() {
            continue;
        }
        if code == "ALL" {
            out.push(String::new());
            continue;
        }
        if !rules.iter().any(|r| r.code.starts_with(&code)) {
            return Err(ConfigError::UnknownCode {
                origin: origin.to_owned(),
                code,
            });
        }
        out.push(code);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocumentMeta, Finding, Records, Summary};

    const RULES: &[RuleInfo] = &[
        RuleInfo {
            code: "S001",
            name: "sum",
            severity: Severity::Error,
            summary: "",
            doc: "",
        },
        RuleInfo {
            code: "S002",
            name: "sum-bound",
            severity: Severity::Error,
            summary: "",
            doc: "",
        },
        RuleInfo {
            code: "U001",
            name: "unit",
            severity: Severity::Warning,
            summary: "",
            doc: "",
        },
    ];

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

    fn report() -> DocumentReport {
        DocumentReport {
            path: "a.txt".to_owned(),
            document: DocumentMeta::default(),
            records: Records::default(),
            findings: vec![
                finding("S001", Severity::Error),
                finding("S002", Severity::Error),
                finding("U001", Severity::Warning),
            ],
            summary: Summary {
                figures: 3,
                checks: 5,
                errors: 2,
                warnings: 1,
                notes: 0,
                reconciled: false,
            },
        }
    }

    fn cli(select: Option<&[&str]>, ignore: &[&str]) -> CliSettings {
        CliSettings {
            select: select.map(|s| s.iter().map(|c| c.to_string()).collect()),
            ignore: ignore.iter().map(|c| c.to_string()).collect(),
            deny: Vec::new(),
        }
    }

    #[test]
    fn ignoring_the_errors_reconciles_the_document_and_recounts() {
        let selection = Selection::resolve(None, &cli(None, &["s"]), RULES).unwrap();
        let mut report = report();
        selection.apply(&mut report);
        assert_eq!(report.findings.len(), 1);
        assert_eq!(report.summary.errors, 0);
        assert_eq!(report.summary.warnings, 1);
        assert!(report.summary.reconciled);
        assert_eq!(report.summary.checks, 5);
    }

    #[test]
    fn select_takes_codes_and_prefixes_comma_separated() {
        let selection = Selection::resolve(None, &cli(Some(&["S002,u"]), &[]), RULES).unwrap();
        let mut report = report();
        selection.apply(&mut report);
        let codes: Vec<_> = report.findings.iter().map(|f| f.code.as_str()).collect();
        assert_eq!(codes, ["S002", "U001"]);
        assert_eq!(report.summary.errors, 1);
    }

    #[test]
    fn cli_select_replaces_the_file_and_ignores_add_up() {
        let file = FileConfig {
            select: Some(vec!["U".to_owned()]),
            ignore: vec!["S001".to_owned()],
            deny: vec!["warnings".to_owned()],
        };
        let path = Path::new("x/yujue.toml");
        let selection =
            Selection::resolve(Some((path, &file)), &cli(Some(&["ALL"]), &["U001"]), RULES)
                .unwrap();
        assert_eq!(selection.select, [""]);
        assert_eq!(selection.ignore, ["S001", "U001"]);
        assert!(selection.deny_warnings);
        assert!(selection.keeps("S002"));
        assert!(!selection.keeps("S001"));
    }

    #[test]
    fn unknown_codes_and_denials_are_refused_with_their_origin() {
        assert_eq!(
            Selection::resolve(None, &cli(Some(&["Q1"]), &[]), RULES),
            Err(ConfigError::UnknownCode {
                origin: "--select".to_owned(),
                code: "Q1".to_owned()
            })
        );
        let file = FileConfig {
            deny: vec!["errors".to_owned()],
            ..FileConfig::default()
        };
        let error = Selection::resolve(
            Some((Path::new("yujue.toml"), &file)),
            &cli(None, &[]),
            RULES,
        )
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "yujue.toml: cannot deny `errors`; only `warnings` can be denied"
        );
    }

    #[test]
    fn files_are_parsed_strictly_and_found_beside_the_input() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, "select = [\"S\"]\nignore = [\"S002\"]\n").unwrap();
        assert_eq!(
            FileConfig::load(&path).unwrap(),
            FileConfig {
                select: Some(vec!["S".to_owned()]),
                ignore: vec!["S002".to_owned()],
                deny: Vec::new(),
            }
        );
        assert_eq!(FileConfig::discover(dir.path()), Some(path.clone()));
        let doc = dir.path().join("a.txt");
        std::fs::write(&doc, "x").unwrap();
        assert_eq!(FileConfig::discover(&doc), Some(path.clone()));
        std::fs::write(&path, "selct = [\"S\"]\n").unwrap();
        let error = FileConfig::load(&path).unwrap_err();
        assert!(
            matches!(&error, ConfigError::Parse { message, .. } if message.contains("unknown field `selct`")),
            "{error}"
        );
        let empty = tempfile::tempdir().unwrap();
        assert_eq!(FileConfig::discover(empty.path()), None);
    }
}
