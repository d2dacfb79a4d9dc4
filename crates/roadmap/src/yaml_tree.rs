//! A YAML document with positions, for the span-aware second pass.
//!
//! serde_yaml reports where a syntax or type error is, but a validated value
//! carries no positions. This tree, built from yaml-rust2's marked events,
//! lets semantic errors (an unknown prerequisite, a cycle) point at a line.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use crate::diagnostic::Pos;

/// A YAML value with the position where it starts.
#[derive(Debug, Clone, PartialEq)]
pub enum YNode {
    /// A scalar, with whether it was written without quotes.
    Scalar {
        value: String,
        plain: bool,
        pos: Pos,
    },
    /// A sequence.
    Seq { items: Vec<YNode>, pos: Pos },
    /// A mapping, entries in file order (duplicates kept, for reporting).
    Map {
        entries: Vec<(YNode, YNode)>,
        pos: Pos,
    },
    /// `*alias`: not expanded here (serde_yaml expands and bounds aliases).
    Alias { pos: Pos },
}

/// The type a scalar resolves to under YAML's core schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarType {
    /// `~`, `null` or nothing.
    Null,
    /// `true` or `false`.
    Bool,
    /// An integer.
    Int,
    /// A float.
    Float,
    /// Anything else, or anything quoted.
    Str,
}

impl YNode {
    /// Where this value starts.
    pub fn pos(&self) -> Pos {
        match self {
            YNode::Scalar { pos, .. }
            | YNode::Seq { pos, .. }
            | YNode::Map { pos, .. }
            | YNode::Alias { pos } => *pos,
        }
    }

    /// Where a reader sees this value begin: for a mapping, its first key
    /// (a block mapping's own mark can sit after it).
    pub fn start(&self) -> Pos {
        match self {
            YNode::Map { entries, pos } => entries.first().map_or(*pos, |(k, _)| k.pos().min(*pos)),
            other => other.pos(),
        }
    }

    /// The value of `key` in a mapping (the first, if repeated).
    pub fn get(&self, key: &str) -> Option<&YNode> {
        self.entry(key).map(|(_, v)| v)
    }

    /// The key node and value of `key` in a mapping.
    pub fn entry(&self, key: &str) -> Option<(&YNode, &YNode)> {
        match self {
            YNode::Map { entries, .. } => entries
                .iter()
                .find(|(k, _)| k.as_str() == Some(key))
                .map(|(k, v)| (k, v)),
            _ => None,
        }
    }

    /// Item `i` of a sequence.
    pub fn item(&self, i: usize) -> Option<&YNode> {
        match self {
            YNode::Seq { items, .. } => items.get(i),
            _ => None,
        }
    }

    /// The text of a scalar.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            YNode::Scalar { value, .. } => Some(value),
            _ => None,
        }
    }

    /// How a scalar resolves; `None` for collections and aliases.
    pub fn scalar_type(&self) -> Option<ScalarType> {
        let YNode::Scalar { value, plain, .. } = self else {
            return None;
        };
        if !plain {
            return Some(ScalarType::Str);
        }
        Some(match value.as_str() {
            "" | "~" | "null" | "Null" | "NULL" => ScalarType::Null,
            "true" | "True" | "TRUE" | "false" | "False" | "FALSE" => ScalarType::Bool,
            v if is_int(v) => ScalarType::Int,
            v if v.parse::<f64>().is_ok() || matches!(v, ".inf" | "-.inf" | ".nan") => {
                ScalarType::Float
            }
            _ => ScalarType::Str,
        })
    }

    /// A short description for "expected X, found Y" messages.
    pub fn describe(&self) -> &'static str {
        match self {
            YNode::Seq { .. } => "a list",
            YNode::Map { .. } => "a mapping",
            YNode::Alias { .. } => "an alias",
            YNode::Scalar { .. } => match self.scalar_type() {
                Some(ScalarType::Null) => "nothing",
                Some(ScalarType::Bool) => "a boolean",
                Some(ScalarType::Int) => "a number",
                Some(ScalarType::Float) => "a number",
                _ => "a string",
            },
        }
    }
}

fn is_int(v: &str) -> bool {
    let digits = v.strip_prefix(['-', '+']).unwrap_or(v);
    if let Some(hex) = digits.strip_prefix("0x") {
        return !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit());
    }
    if let Some(oct) = digits.strip_prefix("0o") {
        return !oct.is_empty() && oct.chars().all(|c| c.is_digit(8));
    }
    !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
}

/// Parses the first document of `text`, or says where the syntax breaks.
pub fn parse(text: &str) -> Result<Option<YNode>, (Pos, String)> {
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(text);
    parser.load(&mut builder, false).map_err(|e| {
        let m = e.marker();
        (pos_of(m), e.info().to_string())
    })?;
    Ok(builder.root)
}

fn pos_of(m: &Marker) -> Pos {
    // yaml-rust2 counts lines from 1 and columns from 0.
    Pos::new(m.line().max(1), m.col() + 1)
}

enum Open {
    Seq(Vec<YNode>, Pos),
    Map(Vec<(YNode, YNode)>, Option<YNode>, Pos),
}

#[derive(Default)]
struct Builder {
    stack: Vec<Open>,
    root: Option<YNode>,
}

impl Builder {
    fn push_value(&mut self, node: YNode) {
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
            Some(Open::Seq(items, _)) => items.push(node),
            Some(Open::Map(entries, key, _)) => match key.take() {
                None => *key = Some(node),
                Some(k) => entries.push((k, node)),
            },
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let pos = pos_of(&mark);
        match ev {
            Event::Scalar(value, style, _, _) => {
                let plain = matches!(style, TScalarStyle::Plain);
                self.push_value(YNode::Scalar { value, plain, pos });
            }
            Event::Alias(_) => self.push_value(YNode::Alias { pos }),
            Event::SequenceStart(..) => self.stack.push(Open::Seq(Vec::new(), pos)),
            Event::MappingStart(..) => self.stack.push(Open::Map(Vec::new(), None, pos)),
            Event::SequenceEnd => {
                if let Some(Open::Seq(items, pos)) = self.stack.pop() {
                    self.push_value(YNode::Seq { items, pos });
                }
            }
            Event::MappingEnd => {
                if let Some(Open::Map(entries, _, pos)) = self.stack.pop() {
                    self.push_value(YNode::Map { entries, pos });
                }
            }
            Event::Nothing
            | Event::StreamStart
            | Event::StreamEnd
            | Event::DocumentStart
            | Event::DocumentEnd => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based() {
        let root = parse("id: a\nnodes:\n  - id: b\n    requires: [c]\n")
            .unwrap()
            .unwrap();
        assert_eq!(root.get("id").unwrap().pos(), Pos::new(1, 5));
        let node = root.get("nodes").unwrap().item(0).unwrap();
        assert_eq!(node.get("id").unwrap().pos(), Pos::new(3, 9));
        let req = node.get("requires").unwrap().item(0).unwrap();
        assert_eq!(req.pos(), Pos::new(4, 16));
    }

    #[test]
    fn scalar_types_follow_the_core_schema() {
        let root = parse("a: 12\nb: '12'\nc: true\nd: ~\ne: 1.5\nf: text\n")
            .unwrap()
            .unwrap();
        let t = |k| root.get(k).unwrap().scalar_type().unwrap();
        assert_eq!(t("a"), ScalarType::Int);
        assert_eq!(t("b"), ScalarType::Str);
        assert_eq!(t("c"), ScalarType::Bool);
        assert_eq!(t("d"), ScalarType::Null);
        assert_eq!(t("e"), ScalarType::Float);
        assert_eq!(t("f"), ScalarType::Str);
    }

    #[test]
    fn syntax_errors_have_positions() {
        let (pos, _) = parse("a: [1, 2\nb: 3\n").unwrap_err();
        assert!(pos.line >= 1);
    }
}
