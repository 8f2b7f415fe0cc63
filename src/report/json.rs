//! JSON and JSON Lines: one object per input, following [`crate::model::DocumentReport`];
//! an input that could not be read is `{"path", "error": {"code", "message"}}`.

use serde::Serialize;

use crate::driver::FileOutcome;

#[derive(Serialize)]
struct ErrorEntry<'a> {
    path: &'a str,
    error: ErrorBody<'a>,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    code: &'a str,
    message: String,
}

/// The JSON value of one outcome.
pub fn to_value(outcome: &FileOutcome) -> serde_json::Value {
    let value = match outcome {
        FileOutcome::Checked(analysis) => serde_json::to_value(&analysis.report),
        FileOutcome::Failed { path, error } => serde_json::to_value(ErrorEntry {
            path,
            error: ErrorBody {
                code: error.code(),
                message: error.to_string(),
            },
        }),
    };
    value.unwrap_or(serde_json::Value::Null)
}
