//! Extraction: from normalised, segmented text to typed figures and stated relations.
//!
//! Owns the whole step and never fails: it returns what it found. The passes, one module
//! each: [`scan`] (sentences, figures, labels, roles), [`lists`] (totals and their parts),
//! [`function`] (类 / 款 / 项 lines), [`relations`] (what must hold between figures),
//! [`meta`] (department, year, kind) and [`records`] (typed records, counts, projects);
//! [`words`] holds the searchers for fixed words they share, built once.

pub mod function;
pub mod lists;
pub mod meta;
pub mod records;
pub mod relations;
pub mod scan;
pub mod words;

use std::cell::OnceCell;
use std::sync::Arc;

use crate::amount::Unit;
use crate::model::{DocumentMeta, Figure, Records, SectionOut, Span};
use crate::normalize::{MapCursor, Normalized};
use crate::segment::{Section, SectionCursor};
use crate::source::{LineCursor, Source};
pub use relations::{Relation, SumKind};

/// What extraction found in one document.
#[derive(Debug, Clone)]
pub struct Extraction {
    pub meta: DocumentMeta,
    pub records: Records,
    /// Figures with no unit written where one was expected (indices into figures).
    pub missing_units: Vec<usize>,
    /// The normalised text and its map back to the source.
    pub normalized: Normalized,
    /// The section tree over the normalised text.
    pub sections: Vec<Section>,
}

/// A span of the source from a range of the normalised text.
pub fn span(
    source: &Source,
    normalized: &Normalized,
    start: usize,
    end: usize,
    label: &str,
) -> Span {
    let (s, e) = normalized.map.range(start, end);
    source_span(source, s, e, label)
}

/// A span of the source from a byte range of it.
pub fn source_span(source: &Source, start: usize, end: usize, label: &str) -> Span {
    span_at(source, source.line_col_range(start, end), start, end, label)
}

/// The span of a figure, its place found by cursors moving through the map and the
/// source in text order.
fn figure_span(
    cursor: &mut LineCursor<'_>,
    map: &mut MapCursor<'_>,
    start: usize,
    end: usize,
) -> Span {
    let (s, e) = map.range(start, end);
    let place = cursor.line_col_range(s, e);
    span_at(cursor.source(), place, s, e, "")
}

/// A span of `start..end` of the source, with the lines and columns of its ends.
fn span_at(
    source: &Source,
    ((line, column), (end_line, end_column)): ((usize, usize), (usize, usize)),
    start: usize,
    end: usize,
    label: &str,
) -> Span {
    Span {
        line,
        column,
        end_line,
        end_column,
        start,
        end,
        text: source.slice(start, end).to_owned(),
        label: label.to_owned(),
    }
}

/// Extract everything from one document.
pub fn extract(source: &Source, normalized: Normalized, sections: Vec<Section>) -> Extraction {
    let text = normalized.text.as_str();
    let mut scanned = scan::scan_lines_at(text, normalized.line_starts());
    let main_unit = main_unit(&scanned);
    let mut missing_units = Vec::new();
    for (i, m) in scanned.mentions.iter_mut().enumerate() {
        if m.amount.unit.is_none() {
            // A change percentage without its sign is still a percentage.
            m.assumed_unit = if m.role == crate::model::Role::ChangePercent {
                Some(Unit::Percent)
            } else {
                main_unit
            };
            missing_units.push(i);
        }
    }
    let latest = lists::Latest::new(&scanned);
    let found_lists = lists::find(text, &scanned, &latest);
    let functions = function::find(text, &scanned);
    let relations = relations::build(text, &scanned, &sections, &found_lists, &functions, &latest);

    // The function code of each figure, looked up once rather than per figure: the first
    // line naming a figure gives it (by figure id, no hashing).
    let mut codes: Vec<Option<Option<&String>>> = vec![None; scanned.mentions.len()];
    for l in &functions {
        for id in [l.amount, l.budget].into_iter().flatten() {
            if let Some(slot @ None) = codes.get_mut(id) {
                *slot = Some(l.code.as_ref().or(l.class_code.as_ref()));
            }
        }
    }
    let mut section_names = SectionNames::new(&sections);
    let mut cursor = source.cursor();
    let mut map_cursor = normalized.map.cursor();
    let figures: Vec<Figure> = scanned
        .mentions
        .iter()
        .enumerate()
        .map(|(id, m)| {
            let code = codes.get(id).copied().flatten().flatten().cloned();
            to_figure(
                id,
                m,
                &mut cursor,
                &mut map_cursor,
                &mut section_names,
                code,
            )
        })
        .collect();
    let mut records = records::assemble(
        figures,
        &scanned,
        functions,
        &found_lists,
        text,
        source,
        &normalized,
    );
    records.statements = relations;
    let mut meta = meta::read(text, &scanned);
    meta.main_unit = main_unit;
    meta.encoding = source.encoding.to_owned();
    // Sections come in text order: their lines are counted on from the one before, not
    // from the start of the text.
    let mut cursor = source.cursor();
    meta.sections = sections
        .iter()
        .map(|s| SectionOut {
            level: s.level,
            marker: s.marker.clone(),
            title: s.title.clone(),
            line: cursor.line_col(normalized.map.start(s.start)).0,
        })
        .collect();
    Extraction {
        meta,
        records,
        missing_units,
        normalized,
        sections,
    }
}

/// The unit most money figures are written in.
fn main_unit(scanned: &scan::Scanned) -> Option<Unit> {
    let mut counts = [0usize; 3];
    for m in &scanned.mentions {
        match m.amount.unit {
            Some(Unit::Yuan) => counts[0] += 1,
            Some(Unit::TenThousandYuan) => counts[1] += 1,
            Some(Unit::HundredMillionYuan) => counts[2] += 1,
            _ => {}
        }
    }
    let units = [Unit::Yuan, Unit::TenThousandYuan, Unit::HundredMillionYuan];
    counts
        .iter()
        .zip(units)
        .filter(|(c, _)| **c > 0)
        .max_by_key(|(c, _)| **c)
        .map(|(_, u)| u)
}

/// The name each figure gives its section (marker and title), written out once per
/// section that holds a figure (most hold none of their own) and shared by its figures
/// rather than copied into each. Figures come in text order: each one's section is found
/// on from the one before.
struct SectionNames<'a> {
    sections: &'a [Section],
    cursor: SectionCursor<'a>,
    names: Vec<OnceCell<Arc<str>>>,
    /// For a figure outside every numbered section.
    none: Arc<str>,
    /// Where a name is joined before it is shared: one buffer for every name, so that
    /// each name costs one allocation (the shared one), not a second for a `String`.
    joined: String,
}

impl<'a> SectionNames<'a> {
    fn new(sections: &'a [Section]) -> Self {
        SectionNames {
            sections,
            cursor: SectionCursor::new(sections),
            names: vec![OnceCell::new(); sections.len()],
            none: Arc::from(""),
            joined: String::new(),
        }
    }

    /// The name of the innermost section around a normalised offset.
    fn around(&mut self, offset: usize) -> Arc<str> {
        let SectionNames {
            sections,
            cursor,
            names,
            none,
            joined,
        } = self;
        let Some((section, name)) = cursor
            .innermost(offset)
            .and_then(|i| Some((sections.get(i)?, names.get(i)?)))
        else {
            return none.clone();
        };
        name.get_or_init(|| {
            // Two pieces joined, not a `format!` (ten times the instructions).
            joined.clear();
            joined.push_str(&section.marker);
            joined.push_str(&section.title);
            Arc::from(joined.as_str())
        })
        .clone()
    }
}

fn to_figure(
    id: usize,
    m: &scan::Mention,
    cursor: &mut LineCursor<'_>,
    map: &mut MapCursor<'_>,
    section_names: &mut SectionNames,
    function_code: Option<String>,
) -> Figure {
    let unit = m.unit();
    let value = match unit {
        Some(u) if u.is_money() => m
            .amount
            .value
            .checked_mul(u.yuan_factor())
            .unwrap_or(m.amount.value),
        _ => m.amount.value,
    };
    Figure {
        id,
        // The one owned copy of the label: the scan borrows it from the text.
        label: m.label.to_owned(),
        concept: m.concept,
        role: m.role,
        value,
        written_value: m.amount.value,
        decimals: m.amount.decimals,
        unit: m.amount.unit,
        assumed_unit: m.assumed_unit,
        function_code,
        section: section_names.around(m.start),
        span: figure_span(cursor, map, m.start, m.end),
    }
}
