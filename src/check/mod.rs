//! Checks: every rule, and the registry that lists them.

pub mod rule;

use crate::extract::Extraction;
use crate::model::Finding;
use crate::source::Source;
pub use rule::RuleInfo;

/// Every rule, in code order.
pub const RULES: &[RuleInfo] = &[];

/// Findings of one document and the number of checks evaluated.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    pub findings: Vec<Finding>,
    pub checks: usize,
}

pub fn run(_extraction: &Extraction, _source: &Source) -> Outcome {
    Outcome::default()
}
