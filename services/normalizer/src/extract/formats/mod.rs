//! One module per input format; each turns a page into an `Extraction`.

pub mod html;
pub mod newsml;
pub mod ninjs;
pub mod text_dump;
