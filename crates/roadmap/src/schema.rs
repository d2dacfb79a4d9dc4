//! The structural check: field names, types and required fields, all at once.
//!
//! serde stops at the first error; a user fixing a file wants every error, so
//! the positioned tree is walked against this table first. serde then reads
//! the file into [`crate::raw`] structs, which (after this check) succeeds.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::yaml_tree::{ScalarType, YNode};

#[derive(Clone, Copy)]
enum Ty {
    Text,
    Int,
    Bool,
    TextList,
    Nodes,
    Resources,
    OneOf(&'static [&'static str]),
}

struct Field {
    name: &'static str,
    ty: Ty,
    required: bool,
}

const fn f(name: &'static str, ty: Ty, required: bool) -> Field {
    Field { name, ty, required }
}

const KINDS: &[&str] = &["topic", "project", "choice"];
const RESOURCE_KINDS: &[&str] = &["docs", "article", "video", "course", "book", "tool"];

const ROADMAP: &[Field] = &[
    f("id", Ty::Text, true),
    f("title", Ty::Text, true),
    f("description", Ty::Text, false),
    f("version", Ty::Int, false),
    f("source", Ty::Text, false),
    f("nodes", Ty::Nodes, true),
];

const NODE: &[Field] = &[
    f("id", Ty::Text, true),
    f("title", Ty::Text, true),
    f("summary", Ty::Text, false),
    f("description", Ty::Text, false),
    f("kind", Ty::OneOf(KINDS), false),
    f("estimate", Ty::Text, false),
    f("requires", Ty::TextList, false),
    f("topic", Ty::Text, false),
    f("aliases", Ty::TextList, false),
    f("optional", Ty::Bool, false),
    f("tags", Ty::TextList, false),
    f("resources", Ty::Resources, false),
    f("children", Ty::Nodes, false),
    f("pick", Ty::Int, false),
];

const RESOURCE: &[Field] = &[
    f("title", Ty::Text, true),
    f("url", Ty::Text, true),
    f("type", Ty::OneOf(RESOURCE_KINDS), true),
];

/// Checks the document's shape, appending every problem to `out`.
pub fn check(file: &str, root: &YNode, out: &mut Vec<Diagnostic>) {
    check_map(file, root, ROADMAP, "the roadmap", out);
}

fn check_map(file: &str, node: &YNode, fields: &[Field], what: &str, out: &mut Vec<Diagnostic>) {
    let YNode::Map { entries, .. } = node else {
        if !matches!(node, YNode::Alias { .. }) {
            out.push(
                Diagnostic::new(
                    file,
                    Some(node.pos()),
                    format!(
                        "expected {what} as a mapping of fields, found {}",
                        node.describe()
                    ),
                )
                .hint("write `field: value` lines, like `id: my-roadmap`"),
            );
        }
        return;
    };
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (key, value) in entries {
        let Some(name) = key.as_str() else {
            out.push(Diagnostic::new(
                file,
                Some(key.pos()),
                "field names must be plain text",
            ));
            continue;
        };
        if let Some(first) = seen.insert(name, key.pos().line) {
            out.push(
                Diagnostic::new(file, Some(key.pos()), format!("duplicate key `{name}`"))
                    .hint(format!("`{name}` is already set on line {first}; keep one")),
            );
            continue;
        }
        match fields.iter().find(|f| f.name == name) {
            Some(field) => check_value(file, field, value, out),
            None => {
                let known: Vec<&str> = fields.iter().map(|f| f.name).collect();
                let hint = match did_you_mean(name, known.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("known fields: {}", known.join(", ")),
                };
                out.push(
                    Diagnostic::new(
                        file,
                        Some(key.pos()),
                        format!("unknown field `{name}` in {what}"),
                    )
                    .hint(hint),
                );
            }
        }
    }
    let start = node.start();
    for field in fields.iter().filter(|f| f.required) {
        if !seen.contains_key(field.name) {
            out.push(
                Diagnostic::new(
                    file,
                    Some(start),
                    format!("{what} is missing `{}`", field.name),
                )
                .hint(format!("add `{}: …`", field.name)),
            );
        }
    }
}

fn check_value(file: &str, field: &Field, value: &YNode, out: &mut Vec<Diagnostic>) {
    let name = field.name;
    let here = Some(value.pos());
    let scalar = value.scalar_type();
    if matches!(value, YNode::Alias { .. }) {
        return; // serde_yaml expands aliases and checks what they hold
    }
    if scalar == Some(ScalarType::Null) {
        // An empty optional list is harmless; anything else left blank is a slip.
        if field.required || !matches!(field.ty, Ty::TextList | Ty::Nodes | Ty::Resources) {
            out.push(
                Diagnostic::new(file, here, format!("`{name}` is empty"))
                    .hint(format!("give `{name}` a value, or remove the line")),
            );
        }
        return;
    }
    match field.ty {
        Ty::Text => {
            if scalar.is_none() {
                out.push(Diagnostic::new(
                    file,
                    here,
                    format!("`{name}` must be text, found {}", value.describe()),
                ));
            } else if scalar != Some(ScalarType::Str) && name != "estimate" {
                out.push(
                    Diagnostic::new(
                        file,
                        here,
                        format!("`{name}` must be text, found {}", value.describe()),
                    )
                    .hint(format!(
                        "quote it: {name}: \"{}\"",
                        value.as_str().unwrap_or_default()
                    )),
                );
            } else if name == "estimate" && scalar != Some(ScalarType::Str) {
                out.push(
                    Diagnostic::new(
                        file,
                        here,
                        format!(
                            "`estimate` needs a unit, found `{}`",
                            value.as_str().unwrap_or_default()
                        ),
                    )
                    .hint("write N or N-M followed by h, d or w, like `3d` or `2-4w`"),
                );
            }
        }
        Ty::Int => {
            if scalar != Some(ScalarType::Int) {
                out.push(Diagnostic::new(
                    file,
                    here,
                    format!(
                        "`{name}` must be a whole number, found {}",
                        value.describe()
                    ),
                ));
            }
        }
        Ty::Bool => {
            if scalar != Some(ScalarType::Bool) {
                out.push(
                    Diagnostic::new(
                        file,
                        here,
                        format!("`{name}` must be true or false, found {}", value.describe()),
                    )
                    .hint("write `true` or `false`; YAML reads `yes` and `no` as text"),
                );
            }
        }
        Ty::OneOf(choices) => {
            let text = value.as_str().unwrap_or_default();
            if scalar != Some(ScalarType::Str) || !choices.contains(&text) {
                let hint = match did_you_mean(text, choices.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("use one of: {}", choices.join(", ")),
                };
                out.push(
                    Diagnostic::new(file, here, format!("`{name}` cannot be `{text}`")).hint(hint),
                );
            }
        }
        Ty::TextList => match value {
            YNode::Seq { items, .. } => {
                for item in items {
                    if item.scalar_type().is_none_or(|t| t == ScalarType::Null)
                        && !matches!(item, YNode::Alias { .. })
                    {
                        out.push(Diagnostic::new(
                            file,
                            Some(item.pos()),
                            format!(
                                "each entry of `{name}` must be text, found {}",
                                item.describe()
                            ),
                        ));
                    }
                }
            }
            _ => out.push(
                Diagnostic::new(
                    file,
                    here,
                    format!("`{name}` must be a list, found {}", value.describe()),
                )
                .hint(format!(
                    "write `{name}: [{}]`",
                    value.as_str().unwrap_or("…")
                )),
            ),
        },
        Ty::Nodes | Ty::Resources => {
            let (fields, what) = match field.ty {
                Ty::Nodes => (NODE, "a node"),
                _ => (RESOURCE, "a resource"),
            };
            match value {
                YNode::Seq { items, .. } => {
                    for item in items {
                        check_map(file, item, fields, what, out);
                    }
                }
                _ => out.push(
                    Diagnostic::new(
                        file,
                        here,
                        format!("`{name}` must be a list, found {}", value.describe()),
                    )
                    .hint(format!(
                        "write each entry on its own line starting with `- ` under `{name}:`"
                    )),
                ),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml_tree::parse;

    fn errors(text: &str) -> Vec<String> {
        let root = parse(text).unwrap().unwrap();
        let mut out = Vec::new();
        check("f", &root, &mut out);
        out.iter().map(|d| d.to_string()).collect()
    }

    /// The field names serde reads for `T`, from its `deserialize_struct` call.
    fn serde_fields<T: serde::de::DeserializeOwned>() -> Vec<&'static str> {
        use serde::de::{Error as _, value::Error};
        struct Capture(Vec<&'static str>);
        impl<'de> serde::Deserializer<'de> for &mut Capture {
            type Error = Error;
            fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Error> {
                Err(Error::custom("not a struct"))
            }
            fn deserialize_struct<V: serde::de::Visitor<'de>>(
                self,
                _: &'static str,
                fields: &'static [&'static str],
                _: V,
            ) -> Result<V::Value, Error> {
                self.0 = fields.to_vec();
                Err(Error::custom("captured"))
            }
            serde::forward_to_deserialize_any! {
                bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
                bytes byte_buf option unit unit_struct newtype_struct seq tuple
                tuple_struct map enum identifier ignored_any
            }
        }
        let mut c = Capture(Vec::new());
        let _ = T::deserialize(&mut c);
        c.0
    }

    #[test]
    fn the_schema_table_names_exactly_the_fields_serde_reads() {
        // A field added to `raw` but not here (or the reverse) fails this test,
        // so the two can never drift apart.
        let names = |fields: &[Field]| fields.iter().map(|f| f.name).collect::<Vec<_>>();
        let sorted = |mut v: Vec<&'static str>| {
            v.sort_unstable();
            v
        };
        use crate::raw::{RawNode, RawResource, RawRoadmap};
        assert_eq!(sorted(names(ROADMAP)), sorted(serde_fields::<RawRoadmap>()));
        assert_eq!(sorted(names(NODE)), sorted(serde_fields::<RawNode>()));
        assert_eq!(
            sorted(names(RESOURCE)),
            sorted(serde_fields::<RawResource>())
        );
    }

    #[test]
    fn a_good_file_passes() {
        assert!(
            errors("id: a\ntitle: A\nnodes:\n  - id: b\n    title: B\n    optional: true\n")
                .is_empty()
        );
    }

    #[test]
    fn every_error_is_reported_at_once() {
        let errs = errors(
            "id: a\ntitle: A\nnodes:\n  - id: b\n    titel: B\n  - id: c\n    title: C\n    optional: yes\n    kind: projet\n",
        );
        assert_eq!(errs.len(), 4, "{errs:#?}");
        assert!(
            errs[0].starts_with(
                "f:5:5: unknown field `titel` in a node\n  hint: did you mean `title`?"
            )
        );
        assert!(errs[1].starts_with("f:4:5: a node is missing `title`"));
        assert!(errs[2].starts_with("f:8:15: `optional` must be true or false, found a string"));
        assert!(
            errs[3]
                .starts_with("f:9:11: `kind` cannot be `projet`\n  hint: did you mean `project`?")
        );
    }

    #[test]
    fn wrong_shapes_get_hints() {
        let errs = errors(
            "id: a\ntitle: A\nnodes:\n  - id: b\n    title: 2048\n    requires: c\n    estimate: 3\n",
        );
        assert!(
            errs.iter()
                .any(|e| e.contains("`title` must be text") && e.contains("quote it")),
            "{errs:#?}"
        );
        assert!(
            errs.iter()
                .any(|e| e.contains("`requires` must be a list") && e.contains("[c]"))
        );
        assert!(errs.iter().any(|e| e.contains("`estimate` needs a unit")));
    }

    #[test]
    fn duplicate_keys_are_reported() {
        let errs = errors("id: a\nid: b\ntitle: A\nnodes: []\n");
        assert!(
            errs[0].starts_with("f:2:1: duplicate key `id`"),
            "{errs:#?}"
        );
    }
}
