//! Extraction: from normalised, segmented text to typed figures and stated relations.
//! (Being written; the stub keeps the crate compiling.)

use crate::model::{DocumentMeta, Records};
use crate::normalize::Normalized;
use crate::segment::Section;
use crate::source::Source;

/// What extraction found in one document.
#[derive(Debug, Clone)]
pub struct Extraction {
    pub meta: DocumentMeta,
    pub records: Records,
    /// The normalised text and its map back to the source.
    pub normalized: Normalized,
    /// The section tree over the normalised text.
    pub sections: Vec<Section>,
}

pub fn extract(source: &Source, normalized: Normalized, sections: Vec<Section>) -> Extraction {
    Extraction {
        meta: DocumentMeta {
            encoding: source.encoding.to_owned(),
            ..DocumentMeta::default()
        },
        records: Records::default(),
        normalized,
        sections,
    }
}
