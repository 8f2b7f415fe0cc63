//! Inputs: finding the files to check, reading them within limits, and telling a
//! disclosure from a text that is not one.
//!
//! Owns the walk over the paths given (recursive, sorted, extension filter, symlink
//! policy) and the bounded read of each file. Every file found becomes an [`InputFile`];
//! a file that cannot be read becomes an error entry with a stable code, never a silent
//! omission:
//! - a symbolic link whose target does not exist: `E-BROKEN-LINK`, naming the target;
//! - a chain of links that never ends, or a folder link back to an ancestor: `E-LINK-LOOP`;
//! - a link leading out of the walked folder, unless [`InputOptions::follow_links`]:
//!   `E-LINK-OUTSIDE`, naming where it leads;
//! - a file over [`InputOptions::max_bytes`]: `E-TOO-LARGE`, decided from its size before
//!   any byte is read;
//! - anything else the operating system refuses (permissions, a vanished file): `E-IO`.
//!
//! It never prints and never decides what a document says: it only reads bytes.
#![cfg_attr(
    not(test),
    deny(clippy::indexing_slicing, clippy::arithmetic_side_effects)
)]

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::InputError;
use crate::model::{Finding, Severity};
use crate::source::Source;

/// Default limit on the size of one input (64 MiB).
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// How inputs are discovered and read.
#[derive(Debug, Clone)]
pub struct InputOptions {
    /// File extensions (without the dot) checked when walking a folder. Files named
    /// directly are always checked.
    pub extensions: Vec<String>,
    /// Follow symbolic links, also out of the walked folder (`--follow`). Without it a
    /// link to a file inside the folder is read, and one leading out of it is reported.
    pub follow_links: bool,
    /// Files larger than this many bytes are reported, not loaded (`--max-bytes`).
    pub max_bytes: u64,
}

impl Default for InputOptions {
    fn default() -> Self {
        InputOptions {
            extensions: vec!["txt".to_owned()],
            follow_links: false,
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

/// One file found, or a problem found instead of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    pub path: PathBuf,
    /// The path as shown in reports (lossy for non-UTF-8 names).
    pub display: String,
    /// A problem met while walking (broken link, loop, permission), if any.
    pub error: Option<InputError>,
}

impl InputFile {
    /// A file to read, or a problem found in its place.
    pub fn new(path: PathBuf, error: Option<InputError>) -> Self {
        let display = path.to_string_lossy().into_owned();
        InputFile {
            path,
            display,
            error,
        }
    }
}

fn wanted(path: &Path, options: &InputOptions) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        options
            .extensions
            .iter()
            .any(|x| x.trim_start_matches('.').eq_ignore_ascii_case(e))
    })
}

/// Every input under `paths`, in order: the paths in the order given, each folder walked
/// recursively in sorted order for files with the wanted extensions. Files named directly
/// are always taken, whatever their extension, and their links always followed.
pub fn discover(paths: &[PathBuf], options: &InputOptions) -> Vec<InputFile> {
    inputs(paths, options).collect()
}

/// [`discover`] as the walk goes: each input is found when it is asked for, so a run over
/// a million files holds no list of them (a folder's own entries are read and sorted when
/// the walk enters it).
pub fn inputs<'a>(
    paths: &'a [PathBuf],
    options: &'a InputOptions,
) -> impl Iterator<Item = InputFile> + Send + 'a {
    paths.iter().flat_map(move |root| inputs_of(root, options))
}

/// The inputs one path given stands for: itself, or the files of the folder it is.
fn inputs_of<'a>(
    root: &'a Path,
    options: &'a InputOptions,
) -> Box<dyn Iterator<Item = InputFile> + Send + 'a> {
    let one = |error| Box::new(std::iter::once(InputFile::new(root.to_path_buf(), error)));
    match std::fs::symlink_metadata(root) {
        Err(e) => one(Some(io_error(&e))),
        Ok(m) if m.is_dir() => Box::new(walk(root, options)),
        Ok(m) if m.file_type().is_symlink() => match std::fs::metadata(root) {
            Ok(target) if target.is_dir() => Box::new(walk(root, options)),
            Ok(_) => one(None),
            Err(_) => one(Some(link_error(root))),
        },
        Ok(_) => one(None),
    }
}

fn walk<'a>(
    root: &'a Path,
    options: &'a InputOptions,
) -> impl Iterator<Item = InputFile> + Send + 'a {
    let real_root = std::fs::canonicalize(root).ok();
    walkdir::WalkDir::new(root)
        .follow_links(options.follow_links)
        .follow_root_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_map(move |entry| walked(entry, root, real_root.as_deref(), options))
}

/// The input an entry of the walk is, if any.
fn walked(
    entry: walkdir::Result<walkdir::DirEntry>,
    root: &Path,
    real_root: Option<&Path>,
    options: &InputOptions,
) -> Option<InputFile> {
    let e = match entry {
        Ok(entry) => {
            let path = entry.path();
            if entry.file_type().is_symlink() {
                // Only met when links are not followed.
                return wanted(path, options)
                    .then(|| unfollowed_link(path, real_root))
                    .flatten();
            }
            return (entry.file_type().is_file() && wanted(path, options))
                .then(|| InputFile::new(path.to_path_buf(), None));
        }
        Err(e) => e,
    };
    let path = e
        .path()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| root.to_path_buf());
    let is_link = is_symlink(&path);
    let error = if let Some(ancestor) = e.loop_ancestor() {
        InputError::LinkLoop(format!(
            "{} leads back to {}, a folder that contains it",
            path.display(),
            ancestor.display()
        ))
    } else if is_link {
        // A followed link that cannot be read: reported only where a file of the wanted
        // kind was meant.
        if !wanted(&path, options) {
            return None;
        }
        link_error(&path)
    } else if let Some(io) = e.io_error() {
        io_error(io)
    } else {
        InputError::Io(e.to_string())
    };
    Some(InputFile::new(path, Some(error)))
}

/// The entry for a link met while not following links: read when it leads to a file
/// inside the walked folder, reported otherwise; `None` for a link to a folder inside it
/// (its files are found through their real place).
fn unfollowed_link(path: &Path, real_root: Option<&Path>) -> Option<InputFile> {
    let target = match std::fs::metadata(path) {
        Err(_) => return Some(InputFile::new(path.to_path_buf(), Some(link_error(path)))),
        Ok(target) => target,
    };
    let real = std::fs::canonicalize(path).ok();
    let inside = real
        .as_deref()
        .zip(real_root)
        .is_some_and(|(t, r)| t.starts_with(r));
    if inside {
        return target
            .is_file()
            .then(|| InputFile::new(path.to_path_buf(), None));
    }
    let leads_to = real
        .as_deref()
        .map_or_else(|| "?".to_owned(), |p| p.display().to_string());
    Some(InputFile::new(
        path.to_path_buf(),
        Some(InputError::LinkOutside(format!(
            "it leads to {leads_to}, outside the folder walked; pass --follow to read it"
        ))),
    ))
}

/// How many links a chain may have before it is called a loop (Linux allows 40).
const MAX_LINK_HOPS: usize = 40;

/// Follow a chain of symbolic links by hand, to tell a loop from a missing target.
/// Returns the final target, or the error describing why there is none.
fn resolve_link(path: &Path) -> Result<PathBuf, InputError> {
    let mut current = path.to_path_buf();
    let mut seen = vec![current.clone()];
    for _ in 0..MAX_LINK_HOPS {
        let meta = match std::fs::symlink_metadata(&current) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(InputError::BrokenLink(format!(
                    "{} points to {}, which does not exist",
                    path.display(),
                    current.display()
                )));
            }
            Err(e) => return Err(io_error(&e)),
        };
        if !meta.file_type().is_symlink() {
            return Ok(current);
        }
        let target = std::fs::read_link(&current).map_err(|e| io_error(&e))?;
        let next = match current.parent() {
            Some(parent) if target.is_relative() => parent.join(&target),
            _ => target,
        };
        if seen.contains(&next) {
            return Err(InputError::LinkLoop(format!(
                "{} is a chain of links that comes back to {}",
                path.display(),
                next.display()
            )));
        }
        seen.push(next.clone());
        current = next;
    }
    Err(InputError::LinkLoop(format!(
        "{} is a chain of more than {MAX_LINK_HOPS} links",
        path.display()
    )))
}

/// Why a link cannot be read: broken, a loop, or an I/O error along the way.
fn link_error(path: &Path) -> InputError {
    match resolve_link(path) {
        Err(error) => error,
        // The chain ends on something that exists, yet it cannot be opened: a loop
        // through a folder link, or a permission on the way.
        Ok(target) => match std::fs::metadata(path) {
            Err(e) => io_error(&e),
            Ok(_) => InputError::Io(format!("cannot open {}", target.display())),
        },
    }
}

fn is_symlink(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

fn io_error(e: &std::io::Error) -> InputError {
    match e.kind() {
        std::io::ErrorKind::NotFound => InputError::Io("no such file or folder".to_owned()),
        std::io::ErrorKind::PermissionDenied => InputError::Io("permission denied".to_owned()),
        _ => InputError::Io(e.to_string()),
    }
}

/// Read one file, refusing files over the size limit before loading them, and anything
/// that is not a regular file (a FIFO or a device would block or never end).
pub fn read(file: &InputFile, options: &InputOptions) -> Result<Vec<u8>, InputError> {
    if let Some(error) = &file.error {
        return Err(error.clone());
    }
    let meta = match std::fs::metadata(&file.path) {
        Ok(meta) => meta,
        Err(_) if is_symlink(&file.path) => return Err(link_error(&file.path)),
        Err(e) => return Err(io_error(&e)),
    };
    if meta.is_dir() {
        return Err(InputError::Io("it is a folder, not a file".to_owned()));
    }
    if !meta.is_file() {
        return Err(InputError::Io(
            "not a regular file (a device, a pipe or a socket)".to_owned(),
        ));
    }
    if meta.len() > options.max_bytes {
        return Err(InputError::TooLarge {
            size: meta.len(),
            limit: options.max_bytes,
        });
    }
    let handle = std::fs::File::open(&file.path).map_err(|e| io_error(&e))?;
    let capacity = usize::try_from(meta.len()).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    // The file may grow between the size check and the read: never read past the limit.
    handle
        .take(options.max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(&e))?;
    let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if read > options.max_bytes {
        return Err(InputError::TooLarge {
            size: read,
            limit: options.max_bytes,
        });
    }
    Ok(bytes)
}

/// Words every department budget or final-account disclosure uses; a text with none of
/// them and no money figure is not a disclosure.
const DISCLOSURE_WORDS: &[&str] = &[
    "预算", "决算", "财政", "拨款", "收入", "支出", "经费", "结转", "结余", "三公",
];

/// Whether a decoded text looks like a disclosure (部门预算 / 部门决算) at all: it has a
/// money figure (a number followed by 元, 万元 or 亿元, digits full-width or not) or one
/// of the words every disclosure uses (预算, 决算, 收入, 支出…).
///
/// A text that does not is still a document result, not an input error: the caller adds
/// [`not_a_disclosure_note`] to its findings, so a run over a folder with a stray README
/// neither fails nor checks nothing in silence.
pub fn looks_like_disclosure(text: &str) -> bool {
    DISCLOSURE_WORDS.iter().any(|w| text.contains(w)) || has_money_figure(text)
}

fn has_money_figure(text: &str) -> bool {
    let mut after_digit = false;
    for c in text.chars() {
        let digit = c.is_ascii_digit() || ('０'..='９').contains(&c);
        if after_digit && matches!(c, '元' | '万' | '亿') {
            return true;
        }
        if digit {
            after_digit = true;
        } else if !matches!(c, ' ' | '.' | ',' | '．' | '，' | '\u{3000}') {
            after_digit = false;
        }
    }
    false
}

/// The code of the note given to a text that is not a disclosure.
pub const NOT_A_DISCLOSURE: &str = "E-NOT-DISCLOSURE";

/// The note for a text that [`looks_like_disclosure`] rejects: severity note, code
/// `E-NOT-DISCLOSURE`, pointing at the first line that is not blank.
pub fn not_a_disclosure_note(source: &Source) -> Finding {
    let start = source.text.find(|c: char| !c.is_whitespace()).unwrap_or(0);
    let end = source
        .text
        .get(start..)
        .and_then(|rest| rest.find(['\n', '\r']))
        .map_or(source.text.len(), |n| start.saturating_add(n));
    let mut span = crate::extract::source_span(source, start, end, "first line");
    // The line may be megabytes long: the span shows its start.
    span.text = span.text.chars().take(80).collect();
    Finding {
        code: NOT_A_DISCLOSURE.to_owned(),
        severity: Severity::Note,
        message: "not a disclosure: this text has no budget or final-account words \
                  (预算, 决算, 收入, 支出…) and no money figure; nothing was checked"
            .to_owned(),
        stated: None,
        expected: None,
        difference: None,
        spans: vec![span],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disclosure_or_not() {
        assert!(looks_like_disclosure("2023年部门决算公开说明"));
        assert!(looks_like_disclosure("合计 １２３．４ 万元"));
        assert!(looks_like_disclosure("total 5,000 元"));
        assert!(!looks_like_disclosure(
            "Lorem ipsum dolor sit amet, 2023.\n"
        ));
        assert!(!looks_like_disclosure(
            "今天天气很好，我们去公园散步。共3人。"
        ));
    }

    #[test]
    fn the_note_points_at_the_first_written_line() {
        let source = Source::new("\n\n  hello world\nsecond".to_owned(), "UTF-8");
        let note = not_a_disclosure_note(&source);
        assert_eq!(note.code, "E-NOT-DISCLOSURE");
        assert_eq!(note.severity, Severity::Note);
        let span = &note.spans[0];
        assert_eq!((span.line, span.column), (3, 3));
        assert_eq!((span.end_line, span.end_column), (3, 14));
        assert_eq!(span.text, "hello world");
    }

    #[test]
    fn extensions_match_without_case_or_dot() {
        let options = InputOptions {
            extensions: vec!["txt".into(), ".md".into()],
            ..InputOptions::default()
        };
        assert!(wanted(Path::new("a/B.TXT"), &options));
        assert!(wanted(Path::new("a/b.md"), &options));
        assert!(!wanted(Path::new("a/b.png"), &options));
        assert!(!wanted(Path::new("a/txt"), &options));
    }
}
