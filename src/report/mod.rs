//! Renderers: each output format over the same results. The core never formats.

pub mod json;
pub mod text;
