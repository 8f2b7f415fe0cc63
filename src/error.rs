//! Tool failures: problems reading an input, kept apart from findings about a document.
//!
//! Each error has a stable code (`E-IO`, `E-DECODE`…) that every output format carries,
//! so an unreadable file is reported, counted and never silently lost.

use thiserror::Error;

/// Why one input could not be checked.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum InputError {
    #[error("cannot read the file: {0}")]
    Io(String),
    #[error("the file is larger than the limit of {limit} bytes ({size} bytes); it was not loaded")]
    TooLarge { size: u64, limit: u64 },
    #[error("the file is binary (it contains NUL bytes), not a disclosure text")]
    Binary,
    #[error("cannot decode the text: {0}")]
    Decode(String),
    #[error("the file is empty")]
    Empty,
    #[error("broken symbolic link: {0}")]
    BrokenLink(String),
    #[error("symbolic link loop: {0}")]
    LinkLoop(String),
}

impl InputError {
    /// The stable code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            InputError::Io(_) => "E-IO",
            InputError::TooLarge { .. } => "E-TOO-LARGE",
            InputError::Binary => "E-BINARY",
            InputError::Decode(_) => "E-DECODE",
            InputError::Empty => "E-EMPTY",
            InputError::BrokenLink(_) => "E-BROKEN-LINK",
            InputError::LinkLoop(_) => "E-LINK-LOOP",
        }
    }
}
