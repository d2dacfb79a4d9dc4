//! `schema`: the JSON Schema of the roadmap format, for editors.

/// Where the committed copy lives in the repository, for the built-in
/// roadmaps' `yaml-language-server` lines.
pub const SCHEMA_FILE: &str = "schema/roadmap.schema.json";

/// The JSON Schema (draft-07) of a roadmap file, generated from the types
/// the loader reads.
pub fn roadmap_schema() -> serde_json::Value {
    crate::roadmap::json_schema()
}

/// The schema as the committed file holds it: pretty JSON and a newline.
pub fn roadmap_schema_text() -> String {
    let mut text =
        serde_json::to_string_pretty(&roadmap_schema()).expect("a JSON value serialises");
    text.push('\n');
    text
}
