//! Inputs: finding the files to check and reading them within limits.
//!
//! Owns the walk over the paths given (recursive, sorted, extension filter, symlink
//! policy) and the bounded read of each file. Every file found becomes an [`InputFile`];
//! a file that cannot be read becomes an error entry, never a silent omission.

use std::path::{Path, PathBuf};

use crate::error::InputError;

/// Default limit on the size of one input (64 MiB).
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// How inputs are discovered and read.
#[derive(Debug, Clone)]
pub struct InputOptions {
    /// File extensions (without the dot) checked when walking a folder.
    pub extensions: Vec<String>,
    /// Follow symbolic links out of the walked root.
    pub follow_links: bool,
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
    fn new(path: PathBuf, error: Option<InputError>) -> Self {
        let display = path.to_string_lossy().into_owned();
        InputFile {
            path,
            display,
            error,
        }
    }
}

fn wanted(path: &Path, options: &InputOptions) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| options.extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Every input under `paths`, in sorted order: files given directly are always taken;
/// folders are walked for files with the wanted extensions.
pub fn discover(paths: &[PathBuf], options: &InputOptions) -> Vec<InputFile> {
    let mut out = Vec::new();
    for root in paths {
        let meta = std::fs::symlink_metadata(root);
        match meta {
            Err(e) => out.push(InputFile::new(
                root.clone(),
                Some(InputError::Io(e.to_string())),
            )),
            Ok(m) if !m.is_dir() && !(m.file_type().is_symlink() && root.is_dir()) => {
                out.push(InputFile::new(root.clone(), None));
            }
            Ok(_) => walk(root, options, &mut out),
        }
    }
    out
}

fn walk(root: &Path, options: &InputOptions, out: &mut Vec<InputFile>) {
    let walker = walkdir::WalkDir::new(root)
        .follow_links(options.follow_links)
        .follow_root_links(true)
        .sort_by_file_name();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                if entry.file_type().is_symlink() {
                    // Not followed: a link to a missing target is still reported.
                    if wanted(path, options) {
                        match std::fs::metadata(path) {
                            Err(_) => {
                                let target = std::fs::read_link(path)
                                    .map(|t| t.to_string_lossy().into_owned())
                                    .unwrap_or_default();
                                out.push(InputFile::new(
                                    path.to_path_buf(),
                                    Some(InputError::BrokenLink(format!(
                                        "{target} does not exist"
                                    ))),
                                ));
                            }
                            Ok(m) if m.is_file() => {
                                let inside = std::fs::canonicalize(path)
                                    .ok()
                                    .zip(std::fs::canonicalize(root).ok())
                                    .is_some_and(|(t, r)| t.starts_with(r));
                                if inside {
                                    out.push(InputFile::new(path.to_path_buf(), None));
                                }
                            }
                            Ok(_) => {}
                        }
                    }
                } else if entry.file_type().is_file() && wanted(path, options) {
                    out.push(InputFile::new(path.to_path_buf(), None));
                }
            }
            Err(e) => {
                let path = e
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| root.to_path_buf());
                let error = if e.loop_ancestor().is_some() {
                    InputError::LinkLoop(format!(
                        "{} links back to an ancestor folder",
                        path.display()
                    ))
                } else if let Some(io) = e.io_error() {
                    if io.kind() == std::io::ErrorKind::NotFound {
                        InputError::BrokenLink(format!("{} does not exist", path.display()))
                    } else {
                        InputError::Io(io.to_string())
                    }
                } else {
                    InputError::Io(e.to_string())
                };
                out.push(InputFile::new(path, Some(error)));
            }
        }
    }
}

/// Read one file, refusing files over the size limit before loading them.
pub fn read(file: &InputFile, options: &InputOptions) -> Result<Vec<u8>, InputError> {
    if let Some(error) = &file.error {
        return Err(error.clone());
    }
    let meta = std::fs::metadata(&file.path).map_err(|e| InputError::Io(e.to_string()))?;
    if meta.len() > options.max_bytes {
        return Err(InputError::TooLarge {
            size: meta.len(),
            limit: options.max_bytes,
        });
    }
    std::fs::read(&file.path).map_err(|e| InputError::Io(e.to_string()))
}
