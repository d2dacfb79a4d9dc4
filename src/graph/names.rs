//! Sorted indexes of the catalog's names, built once with it, so naming a
//! topic on the command line or finding the node of a history entry is a
//! binary search instead of a scan of every node.

use super::catalog::Catalog;
use super::id::NodeId;

/// One name of a node: its id, one of its former ids, its progress key or
/// one of its former keys.
#[derive(Debug, Clone, Copy)]
struct Entry {
    node: NodeId,
    /// Which alias (for `aliases` and `alias_keys`); unused for ids and keys.
    alias: u32,
}

/// Every name, each list sorted by the name it stands for.
#[derive(Debug, Default)]
pub(super) struct Names {
    ids: Vec<Entry>,
    aliases: Vec<Entry>,
    /// Leaves' own keys and former keys.
    keys: Vec<Entry>,
}

#[derive(Clone, Copy)]
enum Kind {
    Id,
    Alias,
    Key,
}

impl Names {
    pub(super) fn build(cat: &Catalog) -> Names {
        let mut names = Names::default();
        for node in cat.ids() {
            names.ids.push(Entry { node, alias: 0 });
            for alias in 0..cat.node(node).aliases.len() {
                let alias = alias as u32;
                names.aliases.push(Entry { node, alias });
            }
            if !cat.is_group(node) {
                names.keys.push(Entry {
                    node,
                    alias: u32::MAX,
                });
                for alias in 0..cat.alias_keys(node).len() {
                    let alias = alias as u32;
                    names.keys.push(Entry { node, alias });
                }
            }
        }
        sort(cat, Kind::Id, &mut names.ids);
        sort(cat, Kind::Alias, &mut names.aliases);
        sort(cat, Kind::Key, &mut names.keys);
        names
    }

    /// Nodes whose id is `id`, in catalog order.
    pub(super) fn with_id<'a>(
        &'a self,
        cat: &'a Catalog,
        id: &str,
    ) -> impl Iterator<Item = NodeId> + use<'a> {
        equal(cat, &self.ids, Kind::Id, id)
    }

    /// Nodes with `id` among their former ids, in catalog order.
    pub(super) fn with_alias<'a>(
        &'a self,
        cat: &'a Catalog,
        id: &str,
    ) -> impl Iterator<Item = NodeId> + use<'a> {
        equal(cat, &self.aliases, Kind::Alias, id)
    }

    /// Leaves whose progress key, or a former one, is `key`, in catalog
    /// order (one node may appear twice if two of its keys are equal).
    pub(super) fn with_key<'a>(
        &'a self,
        cat: &'a Catalog,
        key: &str,
    ) -> impl Iterator<Item = NodeId> + use<'a> {
        equal(cat, &self.keys, Kind::Key, key)
    }

    /// Every distinct progress key, own or former, in sorted order.
    pub(super) fn keys<'a>(&'a self, cat: &'a Catalog) -> impl Iterator<Item = &'a str> + 'a {
        let mut last: Option<&str> = None;
        self.keys.iter().filter_map(move |e| {
            let k = name(cat, Kind::Key, e);
            (last != Some(k)).then(|| {
                last = Some(k);
                k
            })
        })
    }
}

/// Sorts `list` by name; nodes with the same name stay in catalog order (the
/// order they were pushed in). The names are looked up once, not at every
/// comparison: at 100k topics the lookups were a third of building the index.
fn sort(cat: &Catalog, kind: Kind, list: &mut Vec<Entry>) {
    let mut named: Vec<(&str, u32, Entry)> = (list.iter().enumerate())
        .map(|(i, &e)| (name(cat, kind, &e), i as u32, e))
        .collect();
    named.sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    *list = named.into_iter().map(|(_, _, e)| e).collect();
}

fn name<'a>(cat: &'a Catalog, kind: Kind, e: &Entry) -> &'a str {
    match kind {
        Kind::Id => &cat.node(e.node).id,
        Kind::Alias => &cat.node(e.node).aliases[e.alias as usize],
        Kind::Key if e.alias == u32::MAX => cat.key(e.node),
        Kind::Key => &cat.alias_keys(e.node)[e.alias as usize],
    }
}

fn equal<'a>(
    cat: &'a Catalog,
    list: &'a [Entry],
    kind: Kind,
    wanted: &str,
) -> impl Iterator<Item = NodeId> + use<'a> {
    let start = list.partition_point(|e| name(cat, kind, e) < wanted);
    let end = start + list[start..].partition_point(|e| name(cat, kind, e) == wanted);
    list[start..end].iter().map(|e| e.node)
}
