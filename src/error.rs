//! Tool failures: problems reading an input, kept apart from findings about a document.
//!
//! Each error has a stable code (`E-IO`, `E-DECODE`…) that every output format carries,
//! so an unreadable file is reported, counted and never silently lost.

use thiserror::Error;

/// Why one input could not be checked.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum InputError {
    /// The operating system refused (permission, vanished file, not a regular file).
    #[error("cannot read the file: {0}")]
    Io(String),
    /// Larger than `--max-bytes`: decided from the size, nothing is read.
    #[error("the file is larger than the limit of {limit} bytes ({size} bytes); it was not loaded")]
    TooLarge { size: u64, limit: u64 },
    /// The file is not text: NUL bytes, or the magic number of a binary format.
    #[error("the file is binary, not a disclosure text: {0}")]
    Binary(String),
    /// Neither UTF-8 nor GB18030 (nor UTF-16 with a byte-order mark).
    #[error("cannot decode the text: {0}")]
    Decode(String),
    /// Nothing but whitespace (or nothing at all).
    #[error("the file is empty (nothing but whitespace)")]
    Empty,
    /// A symbolic link whose target does not exist.
    #[error("broken symbolic link: {0}")]
    BrokenLink(String),
    /// A chain of links that never ends, or a folder link back to an ancestor.
    #[error("symbolic link loop: {0}")]
    LinkLoop(String),
    /// A link leading out of the folder walked, not followed without `--follow`.
    #[error("symbolic link not followed: {0}")]
    LinkOutside(String),
}

/// Every input error code, with what it means: the stable table behind `E-…` codes.
/// `E-NOT-DISCLOSURE` is not an error but the note a readable text that is not a
/// disclosure gets in its document result (see [`crate::input::looks_like_disclosure`]).
pub const CODES: &[(&str, &str)] = &[
    ("E-IO", "the operating system refused to read the file"),
    (
        "E-TOO-LARGE",
        "the file is over the size limit (--max-bytes); it was not loaded",
    ),
    (
        "E-BINARY",
        "the file is binary (NUL bytes, or a PNG, PDF, Office or archive file)",
    ),
    (
        "E-DECODE",
        "the bytes are neither UTF-8 nor GB18030/GBK nor UTF-16",
    ),
    ("E-EMPTY", "the file is empty or holds only whitespace"),
    (
        "E-BROKEN-LINK",
        "a symbolic link whose target does not exist",
    ),
    ("E-LINK-LOOP", "a symbolic link loop"),
    (
        "E-LINK-OUTSIDE",
        "a symbolic link out of the folder walked, not followed without --follow",
    ),
    (
        "E-NOT-DISCLOSURE",
        "note: the text has no budget words and no money figure",
    ),
];

impl InputError {
    /// The stable code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            InputError::Io(_) => "E-IO",
            InputError::TooLarge { .. } => "E-TOO-LARGE",
            InputError::Binary(_) => "E-BINARY",
            InputError::Decode(_) => "E-DECODE",
            InputError::Empty => "E-EMPTY",
            InputError::BrokenLink(_) => "E-BROKEN-LINK",
            InputError::LinkLoop(_) => "E-LINK-LOOP",
            InputError::LinkOutside(_) => "E-LINK-OUTSIDE",
        }
    }
}
