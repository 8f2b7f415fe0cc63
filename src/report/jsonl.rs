//! JSON Lines: one compact [`Entry`](super::json::Entry) per line, written and flushed as
//! each document is done, so a consumer can follow a long run.

use std::io::{self, Write};

use crate::driver::FileOutcome;

use super::json::{EntryRef, rendered_size_hint};
use super::{RenderDocument, Reporter, Totals};

#[derive(Debug, Default, Clone, Copy)]
pub struct JsonlReporter;

impl RenderDocument for JsonlReporter {
    fn render(&self, outcome: &FileOutcome) -> io::Result<Vec<u8>> {
        self.render_reusing(outcome, Vec::new())
    }

    fn render_reusing(&self, outcome: &FileOutcome, mut line: Vec<u8>) -> io::Result<Vec<u8>> {
        line.clear();
        line.reserve(rendered_size_hint(outcome));
        super::json_writer::to_vec_compact(&mut line, &EntryRef::new(outcome))?;
        line.push(b'\n');
        Ok(line)
    }
}

impl Reporter for JsonlReporter {
    fn document(&mut self, outcome: &FileOutcome, out: &mut dyn Write) -> io::Result<()> {
        let line = self.render(outcome)?;
        self.write_rendered(&line, out)
    }

    fn finish(&mut self, _totals: &Totals, out: &mut dyn Write) -> io::Result<()> {
        out.flush()
    }

    fn renderer(&self) -> Option<Box<dyn RenderDocument>> {
        Some(Box::new(*self))
    }

    fn write_rendered(&mut self, line: &[u8], out: &mut dyn Write) -> io::Result<()> {
        out.write_all(line)?;
        out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::json::Entry;
    use crate::report::testing;

    #[test]
    fn one_entry_per_line_in_order() {
        let text = testing::run(&mut JsonlReporter, &[testing::checked(), testing::failed()]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        let first: Entry = serde_json::from_str(lines[0]).unwrap();
        assert!(matches!(first, Entry::Document(d) if d.path == "data/收支.txt"));
        assert_eq!(
            lines[1],
            r#"{"path":"data/empty.txt","error":{"code":"E-EMPTY","message":"the file is empty (nothing but whitespace)"}}"#
        );
    }
}
