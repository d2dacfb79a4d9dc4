//! One renderer per family of commands.

pub mod author;
pub mod doctor;
pub mod info;
pub mod learning;
pub mod log;
pub mod mark;
pub mod note;
pub mod overview;
pub mod suggest;
pub mod sync;
pub mod team;
pub mod validate;
