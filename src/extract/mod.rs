//! Extraction: from normalised, segmented text to typed figures and stated relations.
//! (Being written; the stub keeps the crate compiling.)

use crate::model::{DocumentMeta, Records};
use crate::normalize::Normalized;
use crate::segment::Section;
use crate::source::Source;

/// What extraction found in one document.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    pub meta: DocumentMeta,
    pub records: Records,
}

pub fn extract(source: &Source, _normalized: &Normalized, _sections: &[Section]) -> Extraction {
    Extraction {
        meta: DocumentMeta {
            encoding: source.encoding.to_owned(),
            ..DocumentMeta::default()
        },
        records: Records::default(),
    }
}
