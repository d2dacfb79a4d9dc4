//! The roadmap format as a JSON Schema (draft-07, which yaml-language-server
//! and SchemaStore support best), generated from the types serde reads.

use schemars::generate::SchemaSettings;
use serde_json::Value;

use crate::raw::RawRoadmap;

/// The JSON Schema of a roadmap file, with a description of every field
/// for editors' hover help. It accepts every file the loader accepts; the
/// checks it cannot express (ids unique, prerequisites that exist, no
/// cycles, `pick` within the number of children) are left to `validate`.
pub fn json_schema() -> Value {
    let schema = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<RawRoadmap>();
    let mut value = schema.to_value();
    // A field left empty (`summary:`) is an error for the loader, not a
    // missing value: an optional field may be absent, but never null.
    forbid_null(&mut value);
    // …except an optional list left empty (`tags:`), which the loader reads
    // as no entries.
    if let Some(Value::Object(fields)) = value.pointer_mut("/definitions/RawNode/properties") {
        for name in ["requires", "aliases", "tags", "resources", "children"] {
            if let Some(Value::Object(field)) = fields.get_mut(name) {
                field.insert("type".into(), serde_json::json!(["array", "null"]));
            }
        }
    }
    value
}

/// Removes `null` from every `type` list (schemars adds it for `Option`).
fn forbid_null(v: &mut Value) {
    match v {
        Value::Object(map) => {
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let only = types.remove(0);
                    map.insert("type".into(), only);
                }
            }
            map.values_mut().for_each(forbid_null);
        }
        Value::Array(items) => items.iter_mut().for_each(forbid_null),
        _ => {}
    }
}
