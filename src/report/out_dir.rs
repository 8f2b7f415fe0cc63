//! `--out-dir DIR`: one pretty `.json` entry per input, at the input's path mirrored
//! under DIR, each written atomically (a temporary file in the same folder, then a rename).
//!
//! Owns the mapping from an input's path to its output path, which can never leave DIR:
//! root and drive prefixes are dropped, `.` is dropped, `..` becomes a folder named `__`,
//! and `.json` is appended to the file name (`a/b.txt` → `DIR/a/b.txt.json`, so `b.txt` and
//! `b.md` do not collide). Two inputs that still map to the same file (`/x/a.txt` and
//! `x/a.txt`) get `~2`, `~3`… before `.json`. A folder under DIR that is a link leading
//! outside DIR is refused.

use std::collections::HashSet;
use std::ffi::OsString;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use crate::driver::FileOutcome;

use super::json::EntryRef;

/// The output folder of a run.
#[derive(Debug)]
pub struct OutDir {
    root: PathBuf,
    canonical_root: PathBuf,
    used: HashSet<PathBuf>,
}

impl OutDir {
    /// Create DIR if needed.
    pub fn create(root: &Path) -> io::Result<OutDir> {
        std::fs::create_dir_all(root)?;
        let canonical_root = std::fs::canonicalize(root)?;
        Ok(OutDir {
            root: root.to_path_buf(),
            canonical_root,
            used: HashSet::new(),
        })
    }

    /// Write the entry of one outcome; returns the path written.
    pub fn write(&mut self, outcome: &FileOutcome) -> io::Result<PathBuf> {
        let relative = self.claim(relative_target(outcome.path()));
        let target = self.root.join(&relative);
        let parent = target.parent().unwrap_or(&self.root).to_path_buf();
        std::fs::create_dir_all(&parent)?;
        if !std::fs::canonicalize(&parent)?.starts_with(&self.canonical_root) {
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                format!(
                    "{} leads outside the output folder; not written",
                    parent.display()
                ),
            ));
        }
        let entry = EntryRef::new(outcome);
        let mut file = tempfile::NamedTempFile::new_in(&parent)?;
        let mut json = Vec::with_capacity(super::json::rendered_size_hint(outcome) * 2);
        super::json_writer::to_vec_pretty(&mut json, &entry, 0)?;
        json.push(b'\n');
        file.write_all(&json)?;
        file.as_file().sync_all()?;
        file.persist(&target).map_err(|e| e.error)?;
        Ok(target)
    }

    /// The relative path itself, or with `~N` added when it was already written this run.
    fn claim(&mut self, relative: PathBuf) -> PathBuf {
        let mut candidate = relative.clone();
        let mut n = 1;
        while self.used.contains(&candidate) {
            n += 1;
            let mut name = relative
                .file_name()
                .map(|s| s.to_os_string())
                .unwrap_or_default();
            // `name` ends with `.json`; put the counter before it.
            let text = name.to_string_lossy().into_owned();
            if let Some(stem) = text.strip_suffix(".json") {
                name = OsString::from(format!("{stem}~{n}.json"));
            }
            candidate = relative.with_file_name(name);
        }
        self.used.insert(candidate.clone());
        candidate
    }
}

/// Where an input's entry goes, relative to DIR.
pub fn relative_target(input: &str) -> PathBuf {
    let mut out = PathBuf::new();
    for component in Path::new(input).components() {
        match component {
            Component::Prefix(_) | Component::RootDir | Component::CurDir => {}
            Component::ParentDir => out.push("__"),
            Component::Normal(part) => out.push(part),
        }
    }
    let mut name = out
        .file_name()
        .map(|s| s.to_os_string())
        .unwrap_or_else(|| OsString::from("_"));
    if out.file_name().is_none() || Path::new(&name) == Path::new("__") {
        // Nothing but roots and `..`: give the entry a name of its own.
        out.push("_");
        name = OsString::from("_");
    }
    name.push(".json");
    out.set_file_name(name);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::json::Entry;
    use crate::report::testing;

    #[test]
    fn targets_never_leave_the_folder() {
        let cases = [
            ("fixtures/a.txt", "fixtures/a.txt.json"),
            ("./a.txt", "a.txt.json"),
            ("../../etc/passwd", "__/__/etc/passwd.json"),
            ("/etc/passwd", "etc/passwd.json"),
            ("a/../../b.txt", "a/__/__/b.txt.json"),
            ("..", "__/_.json"),
            ("/", "_.json"),
        ];
        for (input, expected) in cases {
            let target = relative_target(input);
            assert_eq!(target, PathBuf::from(expected), "{input}");
            assert!(
                target
                    .components()
                    .all(|c| matches!(c, Component::Normal(_))),
                "{input} → {target:?}"
            );
        }
    }

    #[test]
    fn writes_mirror_the_input_and_collisions_get_a_counter() {
        let dir = tempfile::tempdir().unwrap();
        let mut out = OutDir::create(&dir.path().join("out")).unwrap();
        let checked = testing::checked();
        let written = out.write(&checked).unwrap();
        assert_eq!(written, dir.path().join("out/data/收支.txt.json"));
        let entry: Entry =
            serde_json::from_str(&std::fs::read_to_string(&written).unwrap()).unwrap();
        assert_eq!(entry, Entry::from_outcome(&checked));
        let again = out.write(&checked).unwrap();
        assert_eq!(again, dir.path().join("out/data/收支.txt~2.json"));
        let failed = out
            .write(&FileOutcome::Failed {
                path: "../../escape.txt".to_owned(),
                error: crate::error::InputError::Empty,
            })
            .unwrap();
        assert_eq!(failed, dir.path().join("out/__/__/escape.txt.json"));
        // Only the entries, no temporary files left behind.
        let mut files: Vec<_> = walkdir::WalkDir::new(dir.path())
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.path().strip_prefix(dir.path()).unwrap().to_path_buf())
            .collect();
        files.sort();
        assert_eq!(
            files,
            [
                "out/__/__/escape.txt.json",
                "out/data/收支.txt.json",
                "out/data/收支.txt~2.json"
            ]
            .map(PathBuf::from)
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_link_inside_the_folder_leading_outside_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside");
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::create_dir_all(dir.path().join("out")).unwrap();
        std::os::unix::fs::symlink(&outside, dir.path().join("out/data")).unwrap();
        let mut out = OutDir::create(&dir.path().join("out")).unwrap();
        let error = out.write(&testing::checked()).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::PermissionDenied);
        assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0);
    }
}
