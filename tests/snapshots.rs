//! The per-document JSON of every fixture, pinned with insta. A change in extraction or
//! checks shows up here as a diff to read before accepting.

use std::path::Path;

#[test]
fn fixture_json() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for path in paths
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
    {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(path).unwrap();
        let analysis = yujue::analyze_bytes(&format!("fixtures/{name}.txt"), &bytes).unwrap();
        insta::assert_json_snapshot!(name, analysis.report);
    }
}
