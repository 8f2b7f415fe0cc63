//! What a rule is: a stable code, a name, a severity and its documentation.
//!
//! Rules are declared with [`declare_rule!`]: the doc comment written on the rule is both
//! its Rust documentation and the text `yujue explain CODE` prints, so the two never drift.

use crate::model::Severity;

/// Metadata of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    /// Stable code; never reused for another meaning.
    pub code: &'static str,
    /// Kebab-case name.
    pub name: &'static str,
    pub severity: Severity,
    /// One line.
    pub summary: &'static str,
    /// The full documentation: what it checks, why it matters, an example, how to fix.
    pub doc: &'static str,
}

/// Declare a rule: a unit struct with the doc comment as its documentation and an
/// associated `INFO` constant.
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:expr])*
        $vis:vis struct $name:ident {
            code: $code:literal,
            name: $rule_name:literal,
            severity: $severity:ident,
            summary: $summary:literal $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, Default)]
        $vis struct $name;

        impl $name {
            pub const INFO: $crate::check::rule::RuleInfo = $crate::check::rule::RuleInfo {
                code: $code,
                name: $rule_name,
                severity: $crate::model::Severity::$severity,
                summary: $summary,
                doc: concat!($($doc, "\n"),*),
            };
        }
    };
}
