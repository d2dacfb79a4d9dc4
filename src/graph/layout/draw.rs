//! Painting a window of a [`Layout`] on a character grid: frames (dashed,
//! labelled), arrows (box-drawing lines that join where they meet), boxes.
//! Each cell says what it belongs to, so a front end can colour it.
//!
//! Only what meets the window is looked at: columns and slots are found by
//! binary search, so a frame costs the same on a huge roadmap.

use unicode_width::UnicodeWidthChar;

use super::{BOX_H, BOX_W, Layout, SLOT_H, Segment};

/// What a cell belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ink {
    /// Nothing.
    Blank,
    /// An arrow's line.
    Arrow,
    /// An arrowhead.
    Head,
    /// A line or head of a lit arrow (see [`draw`]'s `lit`).
    Lit,
    /// A group's frame (by node).
    Frame(usize),
    /// A group's label on its frame.
    FrameLabel(usize),
    /// A box's border (by node).
    Border(usize),
    /// A box's text (by node).
    Text(usize),
}

/// A painted window: `w`×`h` cells of `(symbol, ink)`. A wide character's
/// second cell holds `'\0'`.
#[derive(Debug, Clone)]
pub struct Canvas {
    /// Columns.
    pub w: u32,
    /// Rows.
    pub h: u32,
    /// Row by row.
    pub cells: Vec<(char, Ink)>,
}

impl Canvas {
    /// The cell at `(x, y)` of the window.
    pub fn at(&self, x: u32, y: u32) -> (char, Ink) {
        self.cells[(y * self.w + x) as usize]
    }

    /// Row `y` as text, trailing blanks trimmed.
    pub fn line(&self, y: u32) -> String {
        let row = &self.cells[(y * self.w) as usize..((y + 1) * self.w) as usize];
        let s: String = row.iter().map(|c| c.0).filter(|&c| c != '\0').collect();
        s.trim_end().to_string()
    }
}

/// The window to paint, in layout cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// Left column.
    pub x: u32,
    /// Top row.
    pub y: u32,
    /// Columns.
    pub w: u32,
    /// Rows.
    pub h: u32,
}

const N: u8 = 1;
const S: u8 = 2;
const E: u8 = 4;
const W: u8 = 8;

struct Painter {
    win: Window,
    cells: Vec<(char, Ink)>,
    lines: Vec<u8>,
    /// Whether the segment being drawn is lit.
    lighting: bool,
    lit: Vec<bool>,
}

impl Painter {
    fn index(&self, x: u32, y: u32) -> Option<usize> {
        let w = self.win;
        (x >= w.x && x < w.x + w.w && y >= w.y && y < w.y + w.h)
            .then(|| ((y - w.y) * w.w + (x - w.x)) as usize)
    }

    fn put(&mut self, x: u32, y: u32, c: char, ink: Ink) {
        if let Some(i) = self.index(x, y) {
            self.cells[i] = (c, ink);
        }
    }

    /// Text from `x`, at most `max` columns wide.
    fn text(&mut self, x: u32, y: u32, s: &str, max: u32, ink: Ink) {
        let mut cx = x;
        for c in s.chars() {
            let cw = c.width().unwrap_or(0) as u32;
            if cw == 0 {
                continue;
            }
            if cx + cw > x + max {
                break;
            }
            self.put(cx, y, c, ink);
            if cw == 2 {
                self.put(cx + 1, y, '\0', ink);
            }
            cx += cw;
        }
    }

    /// A horizontal arrow line from `a` to `b` on row `y` (either order),
    /// clipped to the window.
    fn hline(&mut self, a: u32, b: u32, y: u32) {
        let (a, b) = (a.min(b), a.max(b));
        if y < self.win.y || y >= self.win.y + self.win.h {
            return;
        }
        let lo = a.max(self.win.x);
        let hi = b.min((self.win.x + self.win.w).saturating_sub(1));
        for x in lo..=hi {
            if let Some(i) = self.index(x, y) {
                self.lines[i] |= if x > a { W } else { 0 } | if x < b { E } else { 0 };
                if a == b {
                    self.lines[i] |= E | W;
                }
                self.lit[i] |= self.lighting;
            }
        }
    }

    /// A vertical arrow line from `a` to `b` in column `x`.
    fn vline(&mut self, x: u32, a: u32, b: u32) {
        let (a, b) = (a.min(b), a.max(b));
        if x < self.win.x || x >= self.win.x + self.win.w || a == b {
            return;
        }
        let lo = a.max(self.win.y);
        let hi = b.min((self.win.y + self.win.h).saturating_sub(1));
        for y in lo..=hi {
            if let Some(i) = self.index(x, y) {
                self.lines[i] |= if y > a { N } else { 0 } | if y < b { S } else { 0 };
                self.lit[i] |= self.lighting;
            }
        }
    }
}

fn junction(bits: u8) -> char {
    match bits {
        0 => ' ',
        b if b == N | S | E | W => '┼',
        b if b == N | S | E => '├',
        b if b == N | S | W => '┤',
        b if b == E | W | S => '┬',
        b if b == E | W | N => '┴',
        b if b == S | E => '┌',
        b if b == S | W => '┐',
        b if b == N | E => '└',
        b if b == N | W => '┘',
        b if b & (N | S) != 0 && b & (E | W) == 0 => '│',
        _ => '─',
    }
}

/// Whether an arrow piece is lit, given it and the column it leads into.
pub type Lights<'a> = dyn Fn(&Segment, u32) -> bool + 'a;

/// What to paint besides the layout: the text of each box and frame, the
/// selected box, which arrow pieces to light.
pub struct Paint<'a> {
    /// The text in node `i`'s box (or on its frame), already safe for a terminal.
    pub label: &'a dyn Fn(usize) -> String,
    /// The box with a heavy border (it shows without colour too).
    pub selected: Option<usize>,
    /// Whether a piece is drawn lit (a plan's path); given the piece's ends
    /// and, on a bus, the column the piece leads into.
    pub lit: Option<&'a Lights<'a>>,
}

/// Paints `win` of `layout`.
pub fn draw(layout: &Layout, win: Window, paint: &Paint<'_>) -> Canvas {
    let label = paint.label;
    let selected = paint.selected;
    let size = (win.w * win.h) as usize;
    let mut p = Painter {
        win,
        cells: vec![(' ', Ink::Blank); size],
        lines: vec![0; size],
        lighting: false,
        lit: vec![false; size],
    };
    let (x0, x1) = (win.x, win.x + win.w);
    let (y0, y1) = (win.y, win.y + win.h);
    for f in &layout.frames {
        if f.x >= x1 || f.x + f.w <= x0 || f.y >= y1 || f.y + f.h <= y0 {
            continue;
        }
        let (r, b) = (f.x + f.w - 1, f.y + f.h - 1);
        let ink = Ink::Frame(f.node);
        for x in f.x.max(x0)..=r.min(x1.saturating_sub(1)) {
            p.put(x, f.y, '┄', ink);
            p.put(x, b, '┄', ink);
        }
        for y in f.y.max(y0)..=b.min(y1.saturating_sub(1)) {
            p.put(f.x, y, '┆', ink);
            p.put(r, y, '┆', ink);
        }
        p.put(f.x, f.y, '╭', ink);
        p.put(r, f.y, '╮', ink);
        p.put(f.x, b, '╰', ink);
        p.put(r, b, '╯', ink);
        let room = f.w.saturating_sub(6) as usize;
        let text = format!(" {} ", cut(&label(f.node), room));
        p.text(
            f.x + 2,
            f.y,
            &text,
            f.w.saturating_sub(4),
            Ink::FrameLabel(f.node),
        );
    }
    // Columns that meet the window, and the gaps after them.
    let cols = &layout.columns;
    let first = cols
        .partition_point(|c| c.x + BOX_W <= x0)
        .saturating_sub(1);
    let last = cols.partition_point(|c| c.x < x1);
    let mut heads = Vec::new();
    for l in first..last.min(cols.len()) {
        for s in &layout.gaps[l] {
            if s.from.0 >= x1 || s.to.0 < x0 {
                continue;
            }
            let (lo, hi) = (s.from.1.min(s.to.1), s.from.1.max(s.to.1));
            if hi < y0 || lo >= y1 {
                continue;
            }
            p.lighting = paint.lit.is_some_and(|f| f(s, l as u32 + 1));
            if s.from.1 == s.to.1 {
                p.hline(s.from.0, s.to.0, s.from.1);
            } else {
                p.hline(s.from.0, s.track, s.from.1);
                p.vline(s.track, s.from.1, s.to.1);
                p.hline(s.track, s.to.0, s.to.1);
            }
            if s.head {
                heads.push((s.to, p.lighting));
            }
        }
    }
    let shown = &cols[first.min(cols.len())..last.min(cols.len())];
    for c in shown {
        let top = c.slots.partition_point(|s| s.y + SLOT_H <= y0);
        for s in &c.slots[top..] {
            if s.y >= y1 {
                break;
            }
            if s.node.is_none() {
                // A bus passing through is lit where the piece into it is.
                let i = p.index(c.x.saturating_sub(1), s.y + 1);
                p.lighting = i.is_some_and(|i| p.lit[i]);
                p.hline(c.x, c.x + BOX_W - 1, s.y + 1);
            }
        }
    }
    for (i, &bits) in p.lines.iter().enumerate() {
        if bits != 0 {
            let ink = if p.lit[i] { Ink::Lit } else { Ink::Arrow };
            p.cells[i] = (junction(bits), ink);
        }
    }
    for ((x, y), lit) in heads {
        p.put(x, y, '▶', if lit { Ink::Lit } else { Ink::Head });
    }
    for c in shown {
        let top = c.slots.partition_point(|s| s.y + SLOT_H <= y0);
        for s in &c.slots[top..] {
            if s.y >= y1 {
                break;
            }
            if let Some(node) = s.node {
                draw_box(&mut p, c.x, s.y, node, &label(node), selected == Some(node));
            }
        }
    }
    Canvas {
        w: win.w,
        h: win.h,
        cells: p.cells,
    }
}

fn draw_box(p: &mut Painter, x: u32, y: u32, node: usize, text: &str, heavy: bool) {
    let ink = Ink::Border(node);
    let r = x + BOX_W - 1;
    let [h, v, tl, tr, bl, br] = if heavy {
        ['━', '┃', '┏', '┓', '┗', '┛']
    } else {
        ['─', '│', '╭', '╮', '╰', '╯']
    };
    for cx in x + 1..r {
        p.put(cx, y, h, ink);
        p.put(cx, y + BOX_H - 1, h, ink);
        p.put(cx, y + 1, ' ', Ink::Text(node));
    }
    p.put(x, y, tl, ink);
    p.put(r, y, tr, ink);
    p.put(x, y + 1, v, ink);
    p.put(r, y + 1, v, ink);
    p.put(x, y + 2, bl, ink);
    p.put(r, y + 2, br, ink);
    let room = BOX_W - 4;
    p.text(
        x + 2,
        y + 1,
        &cut(text, room as usize),
        room,
        Ink::Text(node),
    );
}

/// `s` cut to `width` terminal columns, ending in `…` when cut.
pub fn cut(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}
