use crate::cursor::{CursorMove, DataCursor, ScreenCursor};
use crate::highlight::{CursorCellRender, LineHighlighter};
use crate::history::{Edit, EditKind, History};
use crate::input::{Input, Key};
use crate::layout::LayoutMetrics;
use crate::ratatui::layout::{Alignment, Position, Rect};
use crate::ratatui::style::{Color, Modifier, Style};
use crate::ratatui::text::{Line, Text};
use crate::ratatui::widgets::{Block, Widget};
use crate::screen_map::{DataLine, ScreenLine};
use crate::scroll::Scrolling;
#[cfg(feature = "search")]
use crate::search::Search;
use crate::util::{Pos, spaces};
use crate::widget::Viewport;
use crate::word::{find_word_exclusive_end_forward, find_word_start_backward};
use crate::wrap::{WrapMode, WrappedLine, wrapped_rows};
#[cfg(feature = "arbitrary")]
use arbitrary::Arbitrary;
#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};
use std::cell::{Cell, RefCell};
use std::cmp::{self, Ordering};
use std::fmt;
use std::time::Instant;

#[derive(Debug, Clone)]
enum YankText {
    Piece(String),
    Chunk(Vec<String>),
}

impl Default for YankText {
    fn default() -> Self {
        Self::Piece(String::new())
    }
}

impl From<String> for YankText {
    fn from(s: String) -> Self {
        Self::Piece(s)
    }
}
impl From<Vec<String>> for YankText {
    fn from(mut c: Vec<String>) -> Self {
        match c.len() {
            0 => Self::default(),
            1 => Self::Piece(c.remove(0)),
            _ => Self::Chunk(c),
        }
    }
}

impl fmt::Display for YankText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Piece(s) => write!(f, "{s}"),
            Self::Chunk(ss) => write!(f, "{}", ss.join("\n")),
        }
    }
}

#[derive(Clone, Debug)]
pub(crate) struct CustomHighlight {
    range: ((usize, usize), (usize, usize)),
    style: Style,
    priority: u8,
}

/// PATCH(reportbench): a highlight given at draw time: `(start, end)` as
/// `(row, byte offset in the row)`, its style and priority (higher wins).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Highlight {
    /// Start `(row, byte offset)`.
    pub start: (usize, usize),
    /// End `(row, byte offset)`, exclusive.
    pub end: (usize, usize),
    /// The style.
    pub style: Style,
    /// Higher wins where highlights overlap.
    pub priority: u8,
}

/// PATCH(reportbench): how to draw a textarea, given at draw time by
/// [`TextArea::render_with`] instead of stored in it, so that an application
/// whose drawing is a pure function of its state can draw the editor from a
/// shared reference. Upstream's stored styles, block and custom highlights
/// are what `Widget for &TextArea` still uses.
#[derive(Clone, Debug, Default)]
pub struct Look<'a> {
    /// The block around the text (border and title).
    pub block: Option<Block<'a>>,
    /// The text's base style.
    pub style: Style,
    /// The cursor line's style.
    pub cursor_line_style: Style,
    /// The selection's style.
    pub selection_style: Style,
    /// The style of search matches.
    pub search_style: Style,
    /// Whether the cursor cell is drawn (the terminal's own cursor can be
    /// placed at [`TextArea::rendered_cursor_position`] instead).
    pub hide_cursor: bool,
    /// Highlights, in addition to none stored in the textarea.
    pub highlights: &'a [Highlight],
}

/// The styles a line is drawn with: the textarea's own, or a [`Look`]'s.
pub(crate) struct LineLook<'l> {
    pub(crate) cursor_line_style: Style,
    pub(crate) select_style: Style,
    #[cfg_attr(not(feature = "search"), allow(dead_code))]
    pub(crate) search_style: Style,
    pub(crate) hide_cursor: bool,
    pub(crate) highlights: LineHighlights<'l>,
}

/// Custom highlights of either source.
pub(crate) enum LineHighlights<'l> {
    Stored(&'l [CustomHighlight]),
    Given(&'l [Highlight]),
}

impl LineHighlights<'_> {
    fn each(&self, mut f: impl FnMut(((usize, usize), (usize, usize)), Style, u8)) {
        match self {
            LineHighlights::Stored(hs) => hs.iter().for_each(|h| f(h.range, h.style, h.priority)),
            LineHighlights::Given(hs) => hs
                .iter()
                .for_each(|h| f((h.start, h.end), h.style, h.priority)),
        }
    }
}

/// A caller-provided text span that should be treated as an indivisible editing unit.
///
/// Columns are character columns, matching [`TextArea::cursor`]. Ranges are half-open:
/// `start_col..end_col`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(Arbitrary))]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct AtomicRange {
    pub row: usize,
    pub start_col: usize,
    pub end_col: usize,
}

/// Bias used when a cursor position falls strictly inside an atomic range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(Arbitrary))]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub enum AtomicCursorBias {
    Backward,
    Forward,
}

/// Direction used when checking whether an atomic range should be deleted at the cursor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(Arbitrary))]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub enum AtomicDeleteDirection {
    Backward,
    Forward,
}

#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(Arbitrary))]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct AtomicRangeError {
    pub rejected: Vec<RejectedAtomicRange>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(Arbitrary))]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct RejectedAtomicRange {
    pub range: AtomicRange,
    pub reason: AtomicRangeRejectReason,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(Arbitrary))]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub enum AtomicRangeRejectReason {
    Empty,
    RowOutOfBounds,
    ColumnOutOfBounds,
    OverlapsPrevious,
}

/// Measured textarea height information for a given width.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextAreaMeasure {
    /// Rows required by text content inside the block's inner area.
    pub content_rows: u16,
    /// Preferred total rows including internal chrome such as block borders and padding.
    pub preferred_rows: u16,
    /// Minimum meaningful rows for this configuration.
    pub min_rows: u16,
    /// Maximum rows allowed by the widget itself. Currently unbounded (`u16::MAX`).
    pub max_rows: u16,
}

/// Controls whether [`TextArea`] draws its own visual cursor into the rendered buffer.
///
/// This does not control terminal cursor shape or blinking. Backend-specific cursor
/// shape setup, such as crossterm cursor styles, remains caller-owned.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum CursorRenderMode {
    /// Draw the textarea cursor as a styled cell in the Ratatui buffer.
    #[default]
    Cell,
    /// Do not draw a textarea-owned cursor cell.
    Hidden,
}

/// A type to manage state of textarea. These are some important methods:
///
/// - [`TextArea::default`] creates an empty textarea.
/// - [`TextArea::new`] creates a textarea with given text lines.
/// - [`TextArea::from`] creates a textarea from an iterator of lines.
/// - [`TextArea::input`] handles key input.
/// - [`TextArea::lines`] returns line texts.
/// ```
/// use tui_textarea::{TextArea, Input, Key};
/// use ratatui::backend::CrosstermBackend;
/// use ratatui::layout::{Constraint, Direction, Layout};
/// use ratatui::Terminal;
///
/// let mut textarea = TextArea::default();
///
/// // Input 'a'
/// let input = Input { key: Key::Char('a'), ctrl: false, alt: false, shift: false };
/// textarea.input(input);
///
/// // Get lines as String.
/// println!("Lines: {:?}", textarea.lines());
/// ```
///
/// It implements [`ratatui_core::widgets::Widget`] trait so it can be rendered to a terminal screen via
/// [`ratatui_core::terminal::Frame::render_widget`] method.
/// ```no_run
/// use ratatui::backend::CrosstermBackend;
/// use ratatui::layout::{Constraint, Direction, Layout};
/// use ratatui::Terminal;
/// use tui_textarea::TextArea;
///
/// let mut textarea = TextArea::default();
///
/// let layout = Layout::default()
///     .direction(Direction::Vertical)
///     .constraints([Constraint::Min(1)].as_ref());
/// let backend = CrosstermBackend::new(std::io::stdout());
/// let mut term = Terminal::new(backend).unwrap();
///
/// loop {
///     term.draw(|f| {
///         let chunks = layout.split(f.area());
///         f.render_widget(&textarea, chunks[0]);
///     }).unwrap();
///
///     // ...
/// }
/// ```
#[derive(Clone, Debug)]
pub struct TextArea<'a> {
    pub(crate) lines: Vec<String>,
    block: Option<Block<'a>>,
    style: Style,
    cursor: DataCursor, // 0-base
    /// PATCH(reportbench): the screen column Up/Down started from, valid
    /// while the cursor is still where the last vertical move left it.
    goal_col: Option<(DataCursor, usize)>,
    tab_len: u8,
    hard_tab_indent: bool,
    history: History,
    undo_coalescing: bool,
    /// PATCH(reportbench): the classes that end a typing run.
    undo_run_class: Option<crate::history::RunClass>,
    cursor_line_style: Style,
    line_number_style: Option<Style>,
    pub(crate) viewport: Viewport,
    pub(crate) cursor_style: Style,
    cursor_render_mode: CursorRenderMode,
    yank: YankText,
    #[cfg(feature = "search")]
    search: Search,
    alignment: Alignment,
    wrap_mode: WrapMode,
    min_rows: u16,
    max_rows: u16,
    pub(crate) placeholder: Text<'a>,
    mask: Option<char>,
    selection_start: Option<DataCursor>,
    select_style: Style,
    custom_highlights: Vec<CustomHighlight>,
    atomic_ranges: Vec<AtomicRange>,
    measure_cache: Option<(u16, TextAreaMeasure)>,
    pub(crate) screen_lines: RefCell<Vec<ScreenLine>>,
    pub(crate) data_pointers: RefCell<Vec<DataLine>>,
    /// PATCH(reportbench): each line's wrapped rows as last computed.
    pub(crate) screen_cache: RefCell<crate::screen_map::ScreenCache>,
    /// PATCH(reportbench): which lines changed since the screen map was
    /// last loaded.
    pub(crate) dirty: Cell<crate::screen_map::Dirty>,
    /// PATCH(reportbench): which lines changed since the application last
    /// called [`TextArea::mark_lines`].
    pub(crate) since_mark: Cell<crate::screen_map::Dirty>,
    /// PATCH(reportbench): which lines changed since the application last
    /// called [`TextArea::mark_snapshot`] (a second mark, independent of
    /// the first).
    pub(crate) since_snapshot: Cell<crate::screen_map::Dirty>,
    pub(crate) area: Cell<Rect>,
    pub(crate) rendered_cursor_position: Cell<Option<Position>>,
    /// PATCH(reportbench): the next draw puts the cursor's row in the
    /// middle of the area when it is not on screen (after a jump).
    pub(crate) center_next: Cell<bool>,
}

/// Convert any iterator whose elements can be converted into [`String`] into [`TextArea`]. Each [`String`] element is
/// handled as line. Ensure that the strings don't contain any newlines. This method is useful to create [`TextArea`]
/// from [`std::str::Lines`].
/// ```
/// use tui_textarea::TextArea;
///
/// // From `String`
/// let text = "hello\nworld";
/// let textarea = TextArea::from(text.lines());
/// assert_eq!(textarea.lines(), ["hello", "world"]);
///
/// // From array of `&str`
/// let textarea = TextArea::from(["hello", "world"]);
/// assert_eq!(textarea.lines(), ["hello", "world"]);
///
/// // From slice of `&str`
/// let slice = &["hello", "world"];
/// let textarea = TextArea::from(slice.iter().copied());
/// assert_eq!(textarea.lines(), ["hello", "world"]);
/// ```
impl<I> From<I> for TextArea<'_>
where
    I: IntoIterator,
    I::Item: Into<String>,
{
    fn from(i: I) -> Self {
        Self::new(i.into_iter().map(|s| s.into()).collect::<Vec<String>>())
    }
}

/// Collect line texts from iterator as [`TextArea`]. It is useful when creating a textarea with text read from a file.
/// [`Iterator::collect`] handles errors which may happen on reading each lines. The following example reads text from
/// a file efficiently line-by-line.
/// ```
/// use std::fs;
/// use std::io::{self, BufRead};
/// use std::path::Path;
/// use tui_textarea::TextArea;
///
/// fn read_from_file<'a>(path: impl AsRef<Path>) -> io::Result<TextArea<'a>> {
///     let file = fs::File::open(path)?;
///     io::BufReader::new(file).lines().collect()
/// }
///
/// let textarea = read_from_file("README.md").unwrap();
/// assert!(!textarea.is_empty());
/// ```
impl<S: Into<String>> FromIterator<S> for TextArea<'_> {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Self {
        iter.into()
    }
}

/// Create [`TextArea`] instance with empty text content.
/// ```
/// use tui_textarea::TextArea;
///
/// let textarea = TextArea::default();
/// assert_eq!(textarea.lines(), [""]);
/// assert!(textarea.is_empty());
/// ```
impl Default for TextArea<'_> {
    fn default() -> Self {
        Self::new(vec![String::new()])
    }
}

impl<'a> TextArea<'a> {
    fn refresh_screen_map(&self) {
        self.screen_map_load();
    }

    /// PATCH(reportbench): records that lines `first..first + old` of the
    /// text before an edit are now `first..first + new`, so that the next
    /// screen map load re-wraps only those (see `screen_map::Dirty`).
    fn note_changed_rows(&self, (first, old, new): crate::history::RowsChanged) {
        let len_before = (self.lines.len() + old).saturating_sub(new);
        self.dirty
            .set(self.dirty.get().merge(first, old, len_before));
        self.since_mark
            .set(self.since_mark.get().merge(first, old, len_before));
        self.since_snapshot
            .set(self.since_snapshot.get().merge(first, old, len_before));
    }

    /// PATCH(reportbench): a second, independent [`TextArea::mark_lines`]:
    /// an application that keeps a copy of the text (for a recovery file)
    /// marks the lines it copied, and brings the copy up to date from the
    /// lines changed since ([`TextArea::lines_unchanged_since_snapshot`]).
    pub fn mark_snapshot(&self) {
        self.since_snapshot.set(crate::screen_map::Dirty::Clean);
    }

    /// PATCH(reportbench): [`TextArea::lines_unchanged_since_mark`] for
    /// [`TextArea::mark_snapshot`]'s mark.
    pub fn lines_unchanged_since_snapshot(&self) -> Option<(usize, usize)> {
        match self.since_snapshot.get() {
            crate::screen_map::Dirty::Unknown => None,
            crate::screen_map::Dirty::Clean => Some((self.lines.len(), 0)),
            crate::screen_map::Dirty::Span { prefix, suffix } => Some((prefix, suffix)),
        }
    }

    /// PATCH(reportbench): starts counting changed lines afresh: from now
    /// on, [`TextArea::lines_unchanged_since_mark`] tells which lines are as
    /// they were at this call. An application that analyses the text on
    /// another thread marks the text it analysed, and while the analysis
    /// is behind still places what it found on the lines that did not
    /// change.
    pub fn mark_lines(&self) {
        self.since_mark.set(crate::screen_map::Dirty::Clean);
    }

    /// PATCH(reportbench): how many lines at the start and at the end of
    /// the text are as they were at the last [`TextArea::mark_lines`]
    /// (`(prefix, suffix)`; with no change since, `(lines, 0)`). `None`
    /// when not known: never marked, or the whole text was replaced since.
    pub fn lines_unchanged_since_mark(&self) -> Option<(usize, usize)> {
        match self.since_mark.get() {
            crate::screen_map::Dirty::Unknown => None,
            crate::screen_map::Dirty::Clean => Some((self.lines.len(), 0)),
            crate::screen_map::Dirty::Span { prefix, suffix } => Some((prefix, suffix)),
        }
    }

    /// Create [`TextArea`] instance with given lines. If you have value other than `Vec<String>`, [`TextArea::from`]
    /// may be more useful.
    /// ```
    /// use tui_textarea::TextArea;
    ///
    /// let lines = vec!["hello".to_string(), "...".to_string(), "goodbye".to_string()];
    /// let textarea = TextArea::new(lines);
    /// assert_eq!(textarea.lines(), ["hello", "...", "goodbye"]);
    /// ```
    pub fn new(mut lines: Vec<String>) -> Self {
        if lines.is_empty() {
            lines.push(String::new());
        }

        let textarea = Self {
            lines,
            block: None,
            style: Style::default(),
            cursor: DataCursor(0, 0),
            goal_col: None,
            tab_len: 4,
            hard_tab_indent: false,
            history: History::new(50),
            undo_coalescing: false,
            undo_run_class: None,
            cursor_line_style: Style::default().add_modifier(Modifier::UNDERLINED),
            line_number_style: None,
            viewport: Viewport::default(),
            cursor_style: Style::default().add_modifier(Modifier::REVERSED),
            cursor_render_mode: CursorRenderMode::Cell,
            yank: YankText::default(),
            #[cfg(feature = "search")]
            search: Search::default(),
            alignment: Alignment::Left,
            wrap_mode: WrapMode::None,
            min_rows: 1,
            max_rows: u16::MAX,
            placeholder: Text::default().style(Style::default().fg(Color::DarkGray)),
            mask: None,
            selection_start: None,
            select_style: Style::default().bg(Color::LightBlue),
            custom_highlights: Default::default(),
            atomic_ranges: Vec::new(),
            measure_cache: None,
            screen_lines: RefCell::new(Vec::new()),
            data_pointers: RefCell::new(Vec::new()),
            screen_cache: RefCell::new(Default::default()),
            dirty: Cell::new(Default::default()),
            since_mark: Cell::new(Default::default()),
            since_snapshot: Cell::new(Default::default()),
            area: Cell::new(Rect::default()),
            rendered_cursor_position: Cell::new(None),
            center_next: Cell::new(false),
        };
        textarea.screen_map_load();
        textarea
    }

    /// Handle a key input with default key mappings. For default key mappings, see the table in
    /// [the module document](./index.html).
    /// `crossterm`, `termion`, and `termwiz` features enable conversion from their own key event types into
    /// [`Input`] so this method can take the event values directly.
    /// This method returns if the input modified text contents or not in the textarea.
    /// ```ignore
    /// use tui_textarea::{TextArea, Key, Input};
    ///
    /// let mut textarea = TextArea::default();
    ///
    /// // Handle crossterm key events
    /// let event: crossterm::event::Event = ...;
    /// textarea.input(event);
    /// if let crossterm::event::Event::Key(key) = event {
    ///     textarea.input(key);
    /// }
    ///
    /// // Handle termion key events
    /// let event: termion::event::Event = ...;
    /// textarea.input(event);
    /// if let termion::event::Event::Key(key) = event {
    ///     textarea.input(key);
    /// }
    ///
    /// // Handle termwiz key events
    /// let event: termwiz::input::InputEvent = ...;
    /// textarea.input(event);
    /// if let termwiz::input::InputEvent::Key(key) = event {
    ///     textarea.input(key);
    /// }
    ///
    /// // Handle backend-agnostic key input
    /// let input = Input { key: Key::Char('a'), ctrl: false, alt: false, shift: false };
    /// let modified = textarea.input(input);
    /// assert!(modified);
    /// ```
    pub fn input(&mut self, input: impl Into<Input>) -> bool {
        let input = input.into();
        let modified = match input {
            Input {
                key: Key::Char('m'),
                ctrl: true,
                alt: false,
                ..
            }
            | Input {
                key: Key::Char('\n' | '\r'),
                ctrl: false,
                alt: false,
                ..
            }
            | Input {
                key: Key::Enter, ..
            } => {
                self.insert_newline();
                true
            }
            Input {
                key: Key::Char(c),
                ctrl: false,
                alt: false,
                ..
            } => {
                self.insert_char(c);
                true
            }
            Input {
                key: Key::Tab,
                ctrl: false,
                alt: false,
                ..
            } => self.insert_tab(),
            Input {
                key: Key::Char('h'),
                ctrl: true,
                alt: false,
                ..
            }
            | Input {
                key: Key::Backspace,
                ctrl: false,
                alt: false,
                ..
            } => self.delete_char(),
            Input {
                key: Key::Char('d'),
                ctrl: true,
                alt: false,
                ..
            }
            | Input {
                key: Key::Delete,
                ctrl: false,
                alt: false,
                ..
            } => self.delete_next_char(),
            Input {
                key: Key::Char('k'),
                ctrl: true,
                alt: false,
                ..
            } => self.delete_line_by_end(),
            Input {
                key: Key::Char('j'),
                ctrl: true,
                alt: false,
                ..
            } => self.delete_line_by_head(),
            Input {
                key: Key::Char('w'),
                ctrl: true,
                alt: false,
                ..
            }
            | Input {
                key: Key::Char('h'),
                ctrl: false,
                alt: true,
                ..
            }
            | Input {
                key: Key::Backspace,
                ctrl: false,
                alt: true,
                ..
            } => self.delete_word(),
            Input {
                key: Key::Delete,
                ctrl: false,
                alt: true,
                ..
            }
            | Input {
                key: Key::Char('d'),
                ctrl: false,
                alt: true,
                ..
            } => self.delete_next_word(),
            Input {
                key: Key::Char('n'),
                ctrl: true,
                alt: false,
                shift,
            }
            | Input {
                key: Key::Down,
                ctrl: false,
                alt: false,
                shift,
            } => {
                self.move_cursor_with_shift(CursorMove::Down, shift);
                false
            }
            Input {
                key: Key::Char('p'),
                ctrl: true,
                alt: false,
                shift,
            }
            | Input {
                key: Key::Up,
                ctrl: false,
                alt: false,
                shift,
            } => {
                self.move_cursor_with_shift(CursorMove::Up, shift);
                false
            }
            Input {
                key: Key::Char('f'),
                ctrl: true,
                alt: false,
                shift,
            }
            | Input {
                key: Key::Right,
                ctrl: false,
                alt: false,
                shift,
            } => {
                self.move_cursor_with_shift(CursorMove::Forward, shift);
                false
            }
            Input {
                key: Key::Char('b'),
                ctrl: true,
                alt: false,
                shift,
            }
            | Input {
                key: Key::Left,
                ctrl: false,
                alt: false,
                shift,
            } => {
                self.move_cursor_with_shift(CursorMove::Back, shift);
                false
            }
            Input {
                key: Key::Char('a'),
                ctrl: true,
                alt: false,
                shift,
            }
            | Input {
                key: Key::Home,
                shift,
                ..
            }
            | Input {
                key: Key::Left | Key::Char('b'),
                ctrl: true,
                alt: true,
                shift,
            } => {
                self.move_cursor_with_shift(CursorMove::Head, shift);
                false
            }
            Input {
                key: Key::Char('e'),
                ctrl: true,
                alt: false,
                shift,
            }
            | Input {
                key: Key::End,
                shift,
                ..
            }
            | Input {
                key: Key::Right | Key::Char('f'),
                ctrl: true,
                alt: true,
                shift,
            } => {
                self.move_cursor_with_shift(CursorMove::End, shift);
                false
            }
            Input {
                key: Key::Char('<'),
                ctrl: false,
                alt: true,
                shift,
            }
            | Input {
                key: Key::Up | Key::Char('p'),
                ctrl: true,
                alt: true,
                shift,
            } => {
                self.move_cursor_with_shift(CursorMove::Top, shift);
                false
            }
            Input {
                key: Key::Char('>'),
                ctrl: false,
                alt: true,
                shift,
            }
            | Input {
                key: Key::Down | Key::Char('n'),
                ctrl: true,
                alt: true,
                shift,
            } => {
                self.move_cursor_with_shift(CursorMove::Bottom, shift);
                false
            }
            Input {
                key: Key::Char('f'),
                ctrl: false,
                alt: true,
                shift,
            }
            | Input {
                key: Key::Right,
                ctrl: true,
                alt: false,
                shift,
            } => {
                self.move_cursor_with_shift(CursorMove::WordForward, shift);
                false
            }
            Input {
                key: Key::Char('b'),
                ctrl: false,
                alt: true,
                shift,
            }
            | Input {
                key: Key::Left,
                ctrl: true,
                alt: false,
                shift,
            } => {
                self.move_cursor_with_shift(CursorMove::WordBack, shift);
                false
            }
            Input {
                key: Key::Char(']'),
                ctrl: false,
                alt: true,
                shift,
            }
            | Input {
                key: Key::Char('n'),
                ctrl: false,
                alt: true,
                shift,
            }
            | Input {
                key: Key::Down,
                ctrl: true,
                alt: false,
                shift,
            } => {
                self.move_cursor_with_shift(CursorMove::ParagraphForward, shift);
                false
            }
            Input {
                key: Key::Char('['),
                ctrl: false,
                alt: true,
                shift,
            }
            | Input {
                key: Key::Char('p'),
                ctrl: false,
                alt: true,
                shift,
            }
            | Input {
                key: Key::Up,
                ctrl: true,
                alt: false,
                shift,
            } => {
                self.move_cursor_with_shift(CursorMove::ParagraphBack, shift);
                false
            }
            Input {
                key: Key::Char('u'),
                ctrl: true,
                alt: false,
                ..
            } => self.undo(),
            Input {
                key: Key::Char('r'),
                ctrl: true,
                alt: false,
                ..
            } => self.redo(),
            Input {
                key: Key::Char('y'),
                ctrl: true,
                alt: false,
                ..
            }
            | Input {
                key: Key::Paste, ..
            } => self.paste(),
            Input {
                key: Key::Char('x'),
                ctrl: true,
                alt: false,
                ..
            }
            | Input { key: Key::Cut, .. } => self.cut(),
            Input {
                key: Key::Char('c'),
                ctrl: true,
                alt: false,
                ..
            }
            | Input { key: Key::Copy, .. } => {
                self.copy();
                false
            }
            Input {
                key: Key::Char('v'),
                ctrl: true,
                alt: false,
                shift,
            }
            | Input {
                key: Key::PageDown,
                shift,
                ..
            } => {
                self.scroll_with_shift(Scrolling::PageDown, shift);
                false
            }
            Input {
                key: Key::Char('v'),
                ctrl: false,
                alt: true,
                shift,
            }
            | Input {
                key: Key::PageUp,
                shift,
                ..
            } => {
                self.scroll_with_shift(Scrolling::PageUp, shift);
                false
            }
            Input {
                key: Key::MouseScrollDown,
                shift,
                ..
            } => {
                self.scroll_with_shift((1, 0).into(), shift);
                false
            }
            Input {
                key: Key::MouseScrollUp,
                shift,
                ..
            } => {
                self.scroll_with_shift((-1, 0).into(), shift);
                false
            }
            _ => false,
        };

        // Check invariants
        debug_assert!(!self.lines.is_empty(), "no line after {input:?}");
        let DataCursor(r, c) = self.cursor;
        debug_assert!(
            self.lines.len() > r,
            "cursor {:?} exceeds max lines {} after {:?}",
            self.cursor,
            self.lines.len(),
            input,
        );
        debug_assert!(
            self.lines[r].chars().count() >= c,
            "cursor {:?} exceeds max col {} at line {:?} after {:?}",
            self.cursor,
            self.lines[r].chars().count(),
            self.lines[r],
            input,
        );

        modified
    }

    /// Handle a key input without default key mappings. This method handles only
    ///
    /// - Single character input without modifier keys
    /// - Tab
    /// - Enter
    /// - Backspace
    /// - Delete
    ///
    /// This method returns if the input modified text contents or not in the textarea.
    ///
    /// This method is useful when you want to define your own key mappings and don't want default key mappings.
    /// See 'Define your own key mappings' section in [the module document](./index.html).
    pub fn input_without_shortcuts(&mut self, input: impl Into<Input>) -> bool {
        match input.into() {
            Input {
                key: Key::Char(c),
                ctrl: false,
                alt: false,
                ..
            } => {
                self.insert_char(c);
                true
            }
            Input {
                key: Key::Tab,
                ctrl: false,
                alt: false,
                ..
            } => self.insert_tab(),
            Input {
                key: Key::Backspace,
                ..
            } => self.delete_char(),
            Input {
                key: Key::Delete, ..
            } => self.delete_next_char(),
            Input {
                key: Key::Enter, ..
            } => {
                self.insert_newline();
                true
            }
            Input {
                key: Key::MouseScrollDown,
                ..
            } => {
                self.scroll((1, 0));
                false
            }
            Input {
                key: Key::MouseScrollUp,
                ..
            } => {
                self.scroll((-1, 0));
                false
            }
            _ => false,
        }
    }

    fn push_history(&mut self, kind: EditKind, before: Pos, after_offset: usize) {
        let DataCursor(row, col) = self.cursor;
        let after = Pos::new(row, col, after_offset);
        let edit = Edit::new(kind, before, after);
        self.note_changed_rows(edit.rows_changed());
        self.history.push_classed(
            edit,
            self.undo_coalescing,
            self.undo_run_class,
            Instant::now(),
        );
        self.atomic_ranges.clear();
        self.refresh_screen_map();
        self.reset_measure_cache();
    }

    fn validate_atomic_ranges<I>(&self, ranges: I) -> Result<Vec<AtomicRange>, AtomicRangeError>
    where
        I: IntoIterator<Item = AtomicRange>,
    {
        let mut ranges: Vec<_> = ranges.into_iter().collect();
        ranges.sort_by_key(|range| (range.row, range.start_col));

        let mut valid = Vec::with_capacity(ranges.len());
        let mut rejected = Vec::new();
        let mut previous_valid: Option<AtomicRange> = None;

        for range in ranges {
            let reason = if range.start_col == range.end_col {
                Some(AtomicRangeRejectReason::Empty)
            } else if range.row >= self.lines.len() {
                Some(AtomicRangeRejectReason::RowOutOfBounds)
            } else {
                let line_len = self.lines[range.row].chars().count();
                if range.start_col > range.end_col || range.end_col > line_len {
                    Some(AtomicRangeRejectReason::ColumnOutOfBounds)
                } else if previous_valid.is_some_and(|previous| {
                    previous.row == range.row && range.start_col < previous.end_col
                }) {
                    Some(AtomicRangeRejectReason::OverlapsPrevious)
                } else {
                    None
                }
            };

            if let Some(reason) = reason {
                rejected.push(RejectedAtomicRange { range, reason });
            } else {
                previous_valid = Some(range);
                valid.push(range);
            }
        }

        if rejected.is_empty() {
            Ok(valid)
        } else {
            Err(AtomicRangeError { rejected })
        }
    }

    fn atomic_range_containing_cursor(&self, cursor: DataCursor) -> Option<AtomicRange> {
        self.atomic_ranges.iter().copied().find(|range| {
            range.row == cursor.0 && range.start_col < cursor.1 && cursor.1 < range.end_col
        })
    }

    fn normalize_data_cursor_around_atomic_ranges(
        &self,
        cursor: DataCursor,
        bias: AtomicCursorBias,
    ) -> DataCursor {
        let Some(range) = self.atomic_range_containing_cursor(cursor) else {
            return cursor;
        };

        match bias {
            AtomicCursorBias::Backward => DataCursor(range.row, range.start_col),
            AtomicCursorBias::Forward => DataCursor(range.row, range.end_col),
        }
    }

    fn atomic_range_at_data_cursor(
        &self,
        cursor: DataCursor,
        direction: AtomicDeleteDirection,
    ) -> Option<AtomicRange> {
        self.atomic_ranges
            .iter()
            .copied()
            .find(|range| match direction {
                AtomicDeleteDirection::Backward => {
                    range.row == cursor.0 && range.start_col < cursor.1 && cursor.1 <= range.end_col
                }
                AtomicDeleteDirection::Forward => {
                    range.row == cursor.0 && range.start_col <= cursor.1 && cursor.1 < range.end_col
                }
            })
    }

    fn movement_atomic_bias(m: CursorMove) -> AtomicCursorBias {
        match m {
            CursorMove::Back
            | CursorMove::Up
            | CursorMove::Head
            | CursorMove::Top
            | CursorMove::WordBack
            | CursorMove::ParagraphBack => AtomicCursorBias::Backward,
            CursorMove::Forward
            | CursorMove::Down
            | CursorMove::End
            | CursorMove::Bottom
            | CursorMove::WordForward
            | CursorMove::WordEnd
            | CursorMove::ParagraphForward
            | CursorMove::Jump(_, _)
            | CursorMove::InViewport => AtomicCursorBias::Forward,
        }
    }

    fn pos_at(&self, row: usize, col: usize) -> Pos {
        Pos::new(row, col, self.line_offset(row, col))
    }

    fn expand_range_around_atomic_ranges(&self, start: Pos, end: Pos) -> (Pos, Pos) {
        if self.atomic_ranges.is_empty() {
            return (start, end);
        }

        let mut start_col = start.col;
        let mut end_col = end.col;

        if start.row == end.row {
            for range in self
                .atomic_ranges
                .iter()
                .filter(|range| range.row == start.row)
            {
                if range.start_col < end_col && start_col < range.end_col {
                    start_col = start_col.min(range.start_col);
                    end_col = end_col.max(range.end_col);
                }
            }
        } else {
            for range in self
                .atomic_ranges
                .iter()
                .filter(|range| range.row == start.row)
            {
                if start_col < range.end_col {
                    start_col = start_col.min(range.start_col);
                }
            }

            for range in self
                .atomic_ranges
                .iter()
                .filter(|range| range.row == end.row)
            {
                if range.start_col < end_col {
                    end_col = end_col.max(range.end_col);
                }
            }
        }

        (
            self.pos_at(start.row, start_col),
            self.pos_at(end.row, end_col),
        )
    }

    /// Insert a single character at current cursor position.
    /// ```
    /// use tui_textarea::TextArea;
    ///
    /// let mut textarea = TextArea::default();
    ///
    /// textarea.insert_char('a');
    /// assert_eq!(textarea.lines(), ["a"]);
    /// ```
    pub fn insert_char(&mut self, c: char) {
        if c == '\n' || c == '\r' {
            self.insert_newline();
            return;
        }

        self.delete_selection(false);
        self.normalize_cursor_around_atomic_ranges(AtomicCursorBias::Forward);
        let DataCursor(row, col) = self.cursor;
        let line = &mut self.lines[row];
        let i = line
            .char_indices()
            .nth(col)
            .map(|(i, _)| i)
            .unwrap_or(line.len());
        line.insert(i, c);
        self.cursor.1 += 1;
        self.push_history(
            EditKind::InsertChar(c),
            Pos::new(row, col, i),
            i + c.len_utf8(),
        );
    }

    /// Insert a string at current cursor position. This method returns if some text was inserted or not in the textarea.
    /// Both `\n` and `\r\n` are recognized as newlines but `\r` isn't.
    /// ```
    /// use tui_textarea::TextArea;
    ///
    /// let mut textarea = TextArea::default();
    ///
    /// textarea.insert_str("hello");
    /// assert_eq!(textarea.lines(), ["hello"]);
    ///
    /// textarea.insert_str(", world\ngoodbye, world");
    /// assert_eq!(textarea.lines(), ["hello, world", "goodbye, world"]);
    /// ```
    pub fn insert_str<S: AsRef<str>>(&mut self, s: S) -> bool {
        let modified = self.delete_selection(false);
        self.normalize_cursor_around_atomic_ranges(AtomicCursorBias::Forward);
        let mut lines: Vec<_> = s
            .as_ref()
            .split('\n')
            .map(|s| s.strip_suffix('\r').unwrap_or(s).to_string())
            .collect();
        match lines.len() {
            0 => modified,
            1 => self.insert_piece(lines.remove(0)) || modified,
            _ => self.insert_chunk(lines) || modified,
        }
    }

    fn insert_chunk(&mut self, chunk: Vec<String>) -> bool {
        debug_assert!(chunk.len() > 1, "Chunk size must be > 1: {chunk:?}");
        self.normalize_cursor_around_atomic_ranges(AtomicCursorBias::Forward);

        let DataCursor(row, col) = self.cursor;
        let line = &mut self.lines[row];
        let i = line
            .char_indices()
            .nth(col)
            .map(|(i, _)| i)
            .unwrap_or(line.len());
        let before = Pos::new(row, col, i);

        let (row, col) = (
            row + chunk.len() - 1,
            chunk[chunk.len() - 1].chars().count(),
        );
        self.cursor = DataCursor(row, col);

        let end_offset = chunk.last().unwrap().len();

        let edit = EditKind::InsertChunk(chunk);
        edit.apply(&mut self.lines, &before, &Pos::new(row, col, end_offset));

        self.push_history(edit, before, end_offset);
        true
    }

    /// PATCH(reportbench): replaces the text from `start` to `end` (row and
    /// character column each, `start` before `end`) by `text`, as one undo
    /// step; the cursor ends after the new text. Returns whether the text
    /// changed (false for positions outside the text).
    pub fn replace_range(
        &mut self,
        start: (usize, usize),
        end: (usize, usize),
        text: &str,
    ) -> bool {
        let offset = |lines: &[String], (row, col): (usize, usize)| -> Option<usize> {
            let line = lines.get(row)?;
            match line.char_indices().nth(col) {
                Some((i, _)) => Some(i),
                None if line.chars().count() == col => Some(line.len()),
                None => None,
            }
        };
        let (Some(a), Some(b)) = (offset(&self.lines, start), offset(&self.lines, end)) else {
            return false;
        };
        if (start.0, a) > (end.0, b) {
            return false;
        }
        let removed: Vec<String> = if start.0 == end.0 {
            vec![self.lines[start.0][a..b].to_string()]
        } else {
            let mut v = vec![self.lines[start.0][a..].to_string()];
            v.extend(self.lines[start.0 + 1..end.0].iter().cloned());
            v.push(self.lines[end.0][..b].to_string());
            v
        };
        let inserted: Vec<String> = text.split('\n').map(str::to_string).collect();
        if removed == inserted {
            return false;
        }
        self.cancel_selection();
        let kind = EditKind::Replace {
            removed: if removed.len() == 1 && removed[0].is_empty() {
                Vec::new()
            } else {
                removed
            },
            inserted: if inserted.len() == 1 && inserted[0].is_empty() {
                Vec::new()
            } else {
                inserted
            },
        };
        let before = Pos::new(start.0, start.1, a);
        let end_pos = {
            kind.apply(&mut self.lines, &before, &before);
            let last = text.rsplit('\n').next().unwrap_or("");
            let rows = text.matches('\n').count();
            let row = start.0 + rows;
            let col = if rows == 0 {
                start.1 + last.chars().count()
            } else {
                last.chars().count()
            };
            let off = if rows == 0 {
                a + last.len()
            } else {
                last.len()
            };
            (row, col, off)
        };
        self.cursor = DataCursor(end_pos.0, end_pos.1);
        self.push_history(kind, before, end_pos.2);
        true
    }

    fn insert_piece(&mut self, s: String) -> bool {
        if s.is_empty() {
            return false;
        }
        self.normalize_cursor_around_atomic_ranges(AtomicCursorBias::Forward);

        let DataCursor(row, col) = self.cursor;
        let line = &mut self.lines[row];
        debug_assert!(
            !s.contains('\n'),
            "string given to TextArea::insert_piece must not contain newline: {line:?}",
        );

        let i = line
            .char_indices()
            .nth(col)
            .map(|(i, _)| i)
            .unwrap_or(line.len());
        line.insert_str(i, &s);
        let end_offset = i + s.len();

        self.cursor.1 += s.chars().count();
        self.push_history(EditKind::InsertStr(s), Pos::new(row, col, i), end_offset);
        true
    }

    fn delete_range(&mut self, start: Pos, end: Pos, should_yank: bool) {
        let (start, end) = self.expand_range_around_atomic_ranges(start, end);
        self.cursor = DataCursor(start.row, start.col);

        if start.row == end.row {
            let removed = self.lines[start.row]
                .drain(start.offset..end.offset)
                .as_str()
                .to_string();
            if should_yank {
                self.yank = removed.clone().into();
            }
            self.push_history(EditKind::DeleteStr(removed), end, start.offset);
            return;
        }

        let mut deleted = vec![
            self.lines[start.row]
                .drain(start.offset..)
                .as_str()
                .to_string(),
        ];
        deleted.extend(self.lines.drain(start.row + 1..end.row));
        if start.row + 1 < self.lines.len() {
            let mut last_line = self.lines.remove(start.row + 1);
            self.lines[start.row].push_str(&last_line[end.offset..]);
            last_line.truncate(end.offset);
            deleted.push(last_line);
        }

        if should_yank {
            self.yank = YankText::Chunk(deleted.clone());
        }

        let edit = if deleted.len() == 1 {
            EditKind::DeleteStr(deleted.remove(0))
        } else {
            EditKind::DeleteChunk(deleted)
        };
        self.push_history(edit, end, start.offset);
    }

    /// Delete a string from the current cursor position. The `chars` parameter means number of characters, not a byte
    /// length of the string. Newlines at the end of lines are counted in the number. This method returns if some text
    /// was deleted or not.
    /// ```
    /// use tui_textarea::{TextArea, CursorMove};
    ///
    /// let mut textarea = TextArea::from(["🐱🐶🐰🐮"]);
    /// textarea.move_cursor(CursorMove::Forward);
    ///
    /// textarea.delete_str(2);
    /// assert_eq!(textarea.lines(), ["🐱🐮"]);
    ///
    /// let mut textarea = TextArea::from(["🐱", "🐶", "🐰", "🐮"]);
    /// textarea.move_cursor(CursorMove::Down);
    ///
    /// textarea.delete_str(4); // Deletes 🐶, \n, 🐰, \n
    /// assert_eq!(textarea.lines(), ["🐱", "🐮"]);
    /// ```
    pub fn delete_str(&mut self, chars: usize) -> bool {
        if self.delete_selection(false) {
            return true;
        }
        if chars == 0 {
            return false;
        }

        let DataCursor(start_row, start_col) = self.cursor;

        let mut remaining = chars;
        let mut find_end = move |line: &str| {
            let mut col = 0usize;
            for (i, _) in line.char_indices() {
                if remaining == 0 {
                    return Some((i, col));
                }
                col += 1;
                remaining -= 1;
            }
            if remaining == 0 {
                Some((line.len(), col))
            } else {
                remaining -= 1;
                None
            }
        };

        let line = &self.lines[start_row];
        let start_offset = {
            line.char_indices()
                .nth(start_col)
                .map(|(i, _)| i)
                .unwrap_or(line.len())
        };

        // First line
        if let Some((offset_delta, col_delta)) = find_end(&line[start_offset..]) {
            let end_offset = start_offset + offset_delta;
            let end_col = start_col + col_delta;
            self.delete_range(
                Pos::new(start_row, start_col, start_offset),
                Pos::new(start_row, end_col, end_offset),
                true,
            );
            return true;
        }

        let mut r = start_row + 1;
        let mut offset = 0;
        let mut col = 0;

        while r < self.lines.len() {
            let line = &self.lines[r];
            if let Some((o, c)) = find_end(line) {
                offset = o;
                col = c;
                break;
            }
            r += 1;
        }

        if r == self.lines.len() {
            // Clamp exhausted deletions to EOF on the last line so history keeps a valid cursor.
            r = self.lines.len() - 1;
            let line = &self.lines[r];
            offset = line.len();
            col = line.chars().count();
        }

        let start = Pos::new(start_row, start_col, start_offset);
        let end = Pos::new(r, col, offset);
        self.delete_range(start, end, true);
        true
    }

    fn delete_piece(&mut self, col: usize, chars: usize) -> bool {
        if chars == 0 {
            return false;
        }

        #[inline]
        fn bytes_and_chars(claimed: usize, s: &str) -> (usize, usize) {
            // Note: `claimed` may be larger than characters in `s` (e.g. usize::MAX)
            let mut last_col = 0;
            for (col, (bytes, _)) in s.char_indices().enumerate() {
                if col == claimed {
                    return (bytes, claimed);
                }
                last_col = col;
            }
            (s.len(), last_col + 1)
        }

        let DataCursor(row, _) = self.cursor;
        let line = &self.lines[row];
        if let Some((i, _)) = line.char_indices().nth(col) {
            let (bytes, chars) = bytes_and_chars(chars, &line[i..]);
            let start = Pos::new(row, col, i);
            let end = Pos::new(row, col + chars, i + bytes);
            self.delete_range(start, end, true);
            true
        } else {
            false
        }
    }

    /// Insert a tab at current cursor position. Note that this method does nothing when the tab length is 0. This
    /// method returns if a tab string was inserted or not in the textarea.
    /// ```
    /// use tui_textarea::{TextArea, CursorMove};
    ///
    /// let mut textarea = TextArea::from(["hi"]);
    ///
    /// textarea.move_cursor(CursorMove::End); // Move to the end of line
    ///
    /// textarea.insert_tab();
    /// assert_eq!(textarea.lines(), ["hi  "]);
    /// textarea.insert_tab();
    /// assert_eq!(textarea.lines(), ["hi      "]);
    /// ```
    pub fn insert_tab(&mut self) -> bool {
        let modified = self.delete_selection(false);
        if self.tab_len == 0 {
            return modified;
        }

        if self.hard_tab_indent {
            self.insert_char('\t');
            return true;
        }

        let DataCursor(row, col) = self.cursor;
        let width: usize = self.lines[row]
            .chars()
            .take(col)
            .map(crate::util::char_width)
            .sum();
        let len = self.tab_len - (width % self.tab_len as usize) as u8;
        self.insert_piece(spaces(len).to_string())
    }

    /// Insert a newline at current cursor position.
    /// ```
    /// use tui_textarea::{TextArea, CursorMove};
    ///
    /// let mut textarea = TextArea::from(["hi"]);
    ///
    /// textarea.move_cursor(CursorMove::Forward);
    /// textarea.insert_newline();
    /// assert_eq!(textarea.lines(), ["h", "i"]);
    /// ```
    pub fn insert_newline(&mut self) {
        self.delete_selection(false);
        self.normalize_cursor_around_atomic_ranges(AtomicCursorBias::Forward);

        let DataCursor(row, col) = self.cursor;
        let line = &mut self.lines[row];
        let offset = line
            .char_indices()
            .nth(col)
            .map(|(i, _)| i)
            .unwrap_or(line.len());
        let next_line = line[offset..].to_string();
        line.truncate(offset);

        self.lines.insert(row + 1, next_line);
        self.cursor = DataCursor(row + 1, 0);
        self.push_history(EditKind::InsertNewline, Pos::new(row, col, offset), 0);
    }

    /// Delete a newline from **head** of current cursor line. This method returns if a newline was deleted or not in
    /// the textarea. When some text is selected, it is deleted instead.
    /// ```
    /// use tui_textarea::{TextArea, CursorMove};
    ///
    /// let mut textarea = TextArea::from(["hello", "world"]);
    ///
    /// textarea.move_cursor(CursorMove::Down);
    /// textarea.delete_newline();
    /// assert_eq!(textarea.lines(), ["helloworld"]);
    /// ```
    pub fn delete_newline(&mut self) -> bool {
        if self.delete_selection(false) {
            return true;
        }

        let DataCursor(row, _) = self.cursor;
        if row == 0 {
            return false;
        }

        let line = self.lines.remove(row);
        let prev_line = &mut self.lines[row - 1];
        let prev_line_end = prev_line.len();

        self.cursor = DataCursor(row - 1, prev_line.chars().count());
        prev_line.push_str(&line);
        self.push_history(EditKind::DeleteNewline, Pos::new(row, 0, 0), prev_line_end);
        true
    }

    /// Delete one character before cursor. When the cursor is at head of line, the newline before the cursor will be
    /// removed. This method returns if some text was deleted or not in the textarea. When some text is selected, it is
    /// deleted instead.
    /// ```
    /// use tui_textarea::{TextArea, CursorMove};
    ///
    /// let mut textarea = TextArea::from(["abc"]);
    ///
    /// textarea.move_cursor(CursorMove::Forward);
    /// textarea.delete_char();
    /// assert_eq!(textarea.lines(), ["bc"]);
    /// ```
    pub fn delete_char(&mut self) -> bool {
        if self.delete_selection(false) {
            return true;
        }
        if self
            .delete_atomic_range_at_cursor(AtomicDeleteDirection::Backward)
            .is_some()
        {
            return true;
        }

        let DataCursor(row, col) = self.cursor;
        if col == 0 {
            return self.delete_newline();
        }

        let line = &mut self.lines[row];
        if let Some((offset, c)) = line.char_indices().nth(col - 1) {
            line.remove(offset);
            self.cursor.1 -= 1;
            self.push_history(
                EditKind::DeleteChar(c),
                Pos::new(row, col, offset + c.len_utf8()),
                offset,
            );
            true
        } else {
            false
        }
    }

    /// Delete one character next to cursor. When the cursor is at end of line, the newline next to the cursor will be
    /// removed. This method returns if a character was deleted or not in the textarea.
    /// ```
    /// use tui_textarea::{TextArea, CursorMove};
    ///
    /// let mut textarea = TextArea::from(["abc"]);
    ///
    /// textarea.move_cursor(CursorMove::Forward);
    /// textarea.delete_next_char();
    /// assert_eq!(textarea.lines(), ["ac"]);
    /// ```
    pub fn delete_next_char(&mut self) -> bool {
        if self.delete_selection(false) {
            return true;
        }
        if self
            .delete_atomic_range_at_cursor(AtomicDeleteDirection::Forward)
            .is_some()
        {
            return true;
        }

        let before = self.cursor;
        self.move_cursor_with_shift(CursorMove::Forward, false);
        if before == self.cursor {
            return false; // Cursor didn't move, meant no character at next of cursor.
        }

        self.delete_char()
    }

    /// Delete string from cursor to end of the line. When the cursor is at end of line, the newline next to the cursor
    /// is removed. This method returns if some text was deleted or not in the textarea.
    /// ```
    /// use tui_textarea::{TextArea, CursorMove};
    ///
    /// let mut textarea = TextArea::from(["abcde"]);
    ///
    /// // Move to 'c'
    /// textarea.move_cursor(CursorMove::Forward);
    /// textarea.move_cursor(CursorMove::Forward);
    ///
    /// textarea.delete_line_by_end();
    /// assert_eq!(textarea.lines(), ["ab"]);
    /// ```
    pub fn delete_line_by_end(&mut self) -> bool {
        if self.delete_selection(false) {
            return true;
        }
        if self.delete_piece(self.cursor.1, usize::MAX) {
            return true;
        }
        self.delete_next_char() // At the end of the line. Try to delete next line
    }

    /// Delete string from cursor to head of the line. When the cursor is at head of line, the newline before the cursor
    /// will be removed. This method returns if some text was deleted or not in the textarea.
    /// ```
    /// use tui_textarea::{TextArea, CursorMove};
    ///
    /// let mut textarea = TextArea::from(["abcde"]);
    ///
    /// // Move to 'c'
    /// textarea.move_cursor(CursorMove::Forward);
    /// textarea.move_cursor(CursorMove::Forward);
    ///
    /// textarea.delete_line_by_head();
    /// assert_eq!(textarea.lines(), ["cde"]);
    /// ```
    pub fn delete_line_by_head(&mut self) -> bool {
        if self.delete_selection(false) {
            return true;
        }
        if self.delete_piece(0, self.cursor.1) {
            return true;
        }
        self.delete_newline()
    }

    /// Delete a word before cursor. Word boundary appears at spaces, punctuations, and others. For example `fn foo(a)`
    /// consists of words `fn`, `foo`, `(`, `a`, `)`. When the cursor is at head of line, the newline before the cursor
    /// will be removed.
    ///
    /// This method returns if some text was deleted or not in the textarea.
    ///
    /// ```
    /// use tui_textarea::{TextArea, CursorMove};
    ///
    /// let mut textarea = TextArea::from(["aaa bbb ccc"]);
    ///
    /// textarea.move_cursor(CursorMove::End);
    ///
    /// textarea.delete_word();
    /// assert_eq!(textarea.lines(), ["aaa bbb "]);
    /// textarea.delete_word();
    /// assert_eq!(textarea.lines(), ["aaa "]);
    /// ```
    pub fn delete_word(&mut self) -> bool {
        if self.delete_selection(false) {
            return true;
        }
        if self
            .delete_atomic_range_at_cursor(AtomicDeleteDirection::Backward)
            .is_some()
        {
            return true;
        }
        let DataCursor(r, c) = self.cursor;
        if let Some(col) = find_word_start_backward(&self.lines[r], c) {
            self.delete_piece(col, c - col)
        } else if c > 0 {
            self.delete_piece(0, c)
        } else {
            self.delete_newline()
        }
    }

    /// Delete a word next to cursor. Word boundary appears at spaces, punctuations, and others. For example `fn foo(a)`
    /// consists of words `fn`, `foo`, `(`, `a`, `)`. When the cursor is at end of line, the newline next to the cursor
    /// will be removed.
    ///
    /// This method returns if some text was deleted or not in the textarea.
    ///
    /// ```
    /// use tui_textarea::TextArea;
    ///
    /// let mut textarea = TextArea::from(["aaa bbb ccc"]);
    ///
    /// textarea.delete_next_word();
    /// assert_eq!(textarea.lines(), [" bbb ccc"]);
    /// textarea.delete_next_word();
    /// assert_eq!(textarea.lines(), [" ccc"]);
    /// ```
    pub fn delete_next_word(&mut self) -> bool {
        if self.delete_selection(false) {
            return true;
        }
        if self
            .delete_atomic_range_at_cursor(AtomicDeleteDirection::Forward)
            .is_some()
        {
            return true;
        }
        let DataCursor(r, c) = self.cursor;
        let line = &self.lines[r];
        if let Some(col) = find_word_exclusive_end_forward(line, c) {
            self.delete_piece(c, col - c)
        } else {
            let end_col = line.chars().count();
            if c < end_col {
                self.delete_piece(c, end_col - c)
            } else if r + 1 < self.lines.len() {
                self.cursor = DataCursor(r + 1, 0);
                self.delete_newline()
            } else {
                false
            }
        }
    }

    /// Clears the whole content of the text area.
    /// This will result in an empty text area.
    /// The position of the cursor does matter for clearing the entire text.
    ///
    /// This method returns if some text was deleted or not in the textarea.
    ///
    /// ```
    /// use tui_textarea::TextArea;
    ///
    /// let mut textarea = TextArea::from(["aaa\nbbb ccc"]);
    ///
    /// textarea.clear();
    /// assert!(textarea.is_empty());
    /// ```
    pub fn clear(&mut self) -> bool {
        if self.is_empty() {
            return false;
        }

        let all_lines = self.lines();
        let summed_up_chars_new_lines: usize = all_lines
            .iter()
            .map(|line| line.chars().map(|_| 1usize).sum::<usize>())
            .sum();
        let all_chars = all_lines.len() + summed_up_chars_new_lines;
        self.move_cursor(CursorMove::Jump(0, 0));
        self.delete_str(all_chars);

        true
    }

    /// Paste a string previously deleted by [`TextArea::delete_line_by_head`], [`TextArea::delete_line_by_end`],
    /// [`TextArea::delete_word`], [`TextArea::delete_next_word`]. This method returns if some text was inserted or not
    /// in the textarea.
    /// ```
    /// use tui_textarea::{TextArea, CursorMove};
    ///
    /// let mut textarea = TextArea::from(["aaa bbb ccc"]);
    ///
    /// textarea.delete_next_word();
    /// textarea.move_cursor(CursorMove::End);
    /// textarea.paste();
    /// assert_eq!(textarea.lines(), [" bbb cccaaa"]);
    /// ```
    pub fn paste(&mut self) -> bool {
        self.delete_selection(false);
        self.normalize_cursor_around_atomic_ranges(AtomicCursorBias::Forward);
        match self.yank.clone() {
            YankText::Piece(s) => self.insert_piece(s),
            YankText::Chunk(c) => self.insert_chunk(c),
        }
    }

    /// Start text selection at the cursor position. If text selection is already ongoing, the start position is reset.
    /// ```
    /// use tui_textarea::{TextArea, CursorMove};
    ///
    /// let mut textarea = TextArea::from(["aaa bbb ccc"]);
    ///
    /// textarea.start_selection();
    /// textarea.move_cursor(CursorMove::WordForward);
    /// textarea.copy();
    /// assert_eq!(textarea.yank_text(), "aaa ");
    /// ```
    pub fn start_selection(&mut self) {
        self.selection_start = Some(self.cursor);
    }

    /// Stop the current text selection. This method does nothing if text selection is not ongoing.
    /// ```
    /// use tui_textarea::{TextArea, CursorMove};
    ///
    /// let mut textarea = TextArea::from(["aaa bbb ccc"]);
    ///
    /// textarea.start_selection();
    /// textarea.move_cursor(CursorMove::WordForward);
    ///
    /// // Cancel the ongoing text selection
    /// textarea.cancel_selection();
    ///
    /// // As the result, this `copy` call does nothing
    /// textarea.copy();
    /// assert_eq!(textarea.yank_text(), "");
    /// ```
    pub fn cancel_selection(&mut self) {
        self.selection_start = None;
    }

    pub fn custom_highlight(
        &mut self,
        range: ((usize, usize), (usize, usize)),
        style: Style,
        priority: u8,
    ) {
        self.custom_highlights.push(CustomHighlight {
            range,
            style,
            priority,
        });
    }

    pub fn clear_custom_highlight(&mut self) {
        self.custom_highlights.clear();
    }

    /// Select the entire text. Cursor moves to the end of the text buffer. When text selection is already ongoing,
    /// it is canceled.
    /// ```
    /// use tui_textarea::{TextArea, CursorMove};
    ///
    /// let mut textarea = TextArea::from(["aaa", "bbb", "ccc"]);
    ///
    /// textarea.select_all();
    ///
    /// // Cut the entire text;
    /// textarea.cut();
    ///
    /// assert_eq!(textarea.lines(), [""]); // Buffer is now empty
    /// assert_eq!(textarea.yank_text(), "aaa\nbbb\nccc");
    /// ```
    pub fn select_all(&mut self) {
        self.move_cursor(CursorMove::Jump(u16::MAX, u16::MAX));
        self.selection_start = Some(DataCursor(0, 0));
    }

    /// Return if text selection is ongoing or not.
    /// ```
    /// use tui_textarea::{TextArea};
    ///
    /// let mut textarea = TextArea::default();
    ///
    /// assert!(!textarea.is_selecting());
    /// textarea.start_selection();
    /// assert!(textarea.is_selecting());
    /// textarea.cancel_selection();
    /// assert!(!textarea.is_selecting());
    /// ```
    pub fn is_selecting(&self) -> bool {
        self.selection_start.is_some()
    }

    /// Set atomic ranges, panicking if any range is invalid.
    ///
    /// This is the ergonomic API for trusted callers. Use [`TextArea::try_set_atomic_ranges`] when
    /// parser errors should be reported instead of panicking.
    pub fn set_atomic_ranges<I>(&mut self, ranges: I)
    where
        I: IntoIterator<Item = AtomicRange>,
    {
        if let Err(err) = self.try_set_atomic_ranges(ranges) {
            panic!("invalid atomic ranges: {err:?}");
        }
    }

    /// Set atomic ranges and report invalid input without changing the current ranges.
    pub fn try_set_atomic_ranges<I>(&mut self, ranges: I) -> Result<(), AtomicRangeError>
    where
        I: IntoIterator<Item = AtomicRange>,
    {
        let ranges = self.validate_atomic_ranges(ranges)?;
        self.atomic_ranges = ranges;
        self.normalize_cursor_around_atomic_ranges(AtomicCursorBias::Forward);
        if let Some(selection_start) = self.selection_start {
            let normalized = self.normalize_data_cursor_around_atomic_ranges(
                selection_start,
                AtomicCursorBias::Backward,
            );
            self.selection_start = Some(normalized);
            if self.selection_positions().is_none() {
                self.cancel_selection();
            }
        }
        Ok(())
    }

    /// Remove all configured atomic ranges.
    pub fn clear_atomic_ranges(&mut self) {
        self.atomic_ranges.clear();
    }

    /// Get the configured atomic ranges, sorted by `(row, start_col)`.
    pub fn atomic_ranges(&self) -> &[AtomicRange] {
        &self.atomic_ranges
    }

    /// Normalize the current cursor if it is strictly inside an atomic range.
    ///
    /// Returns `true` when the cursor moved.
    pub fn normalize_cursor_around_atomic_ranges(&mut self, bias: AtomicCursorBias) -> bool {
        let normalized = self.normalize_data_cursor_around_atomic_ranges(self.cursor, bias);
        if normalized == self.cursor {
            false
        } else {
            self.cursor = normalized;
            true
        }
    }

    /// Return the atomic range hit by a directional deletion at the current cursor.
    pub fn atomic_range_at_cursor(&self, direction: AtomicDeleteDirection) -> Option<AtomicRange> {
        self.atomic_range_at_data_cursor(self.cursor, direction)
    }

    /// Delete the atomic range hit by a directional deletion at the current cursor.
    ///
    /// The returned range is the pre-delete range. As with other successful content mutations,
    /// configured atomic ranges are cleared after the edit is recorded.
    pub fn delete_atomic_range_at_cursor(
        &mut self,
        direction: AtomicDeleteDirection,
    ) -> Option<AtomicRange> {
        let range = self.atomic_range_at_cursor(direction)?;
        let start = self.pos_at(range.row, range.start_col);
        let end = self.pos_at(range.row, range.end_col);
        self.delete_range(start, end, false);
        Some(range)
    }

    fn line_offset(&self, row: usize, col: usize) -> usize {
        let line = self
            .lines
            .get(row)
            .unwrap_or(&self.lines[self.lines.len() - 1]);
        line.char_indices()
            .nth(col)
            .map(|(i, _)| i)
            .unwrap_or(line.len())
    }

    fn clamp_cursor_to_buffer(&mut self, cursor: (usize, usize)) -> DataCursor {
        if self.lines.is_empty() {
            self.lines.push(String::new());
            return DataCursor(0, 0);
        }

        let (row, col) = cursor;
        let row = row.min(self.lines.len() - 1);
        let col = col.min(self.lines[row].chars().count());
        DataCursor(row, col)
    }

    fn reset_measure_cache(&mut self) {
        self.measure_cache = None;
    }

    /// Set the style used for text selection. The default style is light blue.
    /// ```
    /// use tui_textarea::TextArea;
    /// use ratatui::style::{Style, Color};
    ///
    /// let mut textarea = TextArea::default();
    ///
    /// // Change the selection color from the default to Red
    /// textarea.set_selection_style(Style::default().bg(Color::Red));
    /// assert_eq!(textarea.selection_style(), Style::default().bg(Color::Red));
    /// ```
    pub fn set_selection_style(&mut self, style: Style) {
        self.select_style = style;
    }

    /// Get the style used for text selection.
    /// ```
    /// use tui_textarea::TextArea;
    /// use ratatui::style::{Style, Color};
    ///
    /// let mut textarea = TextArea::default();
    ///
    /// assert_eq!(textarea.selection_style(), Style::default().bg(Color::LightBlue));
    /// ```
    pub fn selection_style(&mut self) -> Style {
        self.select_style
    }

    fn selection_positions(&self) -> Option<(Pos, Pos)> {
        let DataCursor(sr, sc) = self.selection_start?;
        let DataCursor(er, ec) = self.cursor;
        let (so, eo) = (self.line_offset(sr, sc), self.line_offset(er, ec));
        let s = Pos::new(sr, sc, so);
        let e = Pos::new(er, ec, eo);
        match (sr, so).cmp(&(er, eo)) {
            Ordering::Less => Some((s, e)),
            Ordering::Equal => None,
            Ordering::Greater => Some((e, s)),
        }
    }

    fn take_selection_positions(&mut self) -> Option<(Pos, Pos)> {
        let range = self.selection_positions();
        self.cancel_selection();
        range
    }

    /// Copy the selection text to the yank buffer. When nothing is selected, this method does nothing.
    /// To get the yanked text, use [`TextArea::yank_text`].
    /// ```
    /// use tui_textarea::{TextArea, Key, Input, CursorMove};
    ///
    /// let mut textarea = TextArea::from(["Hello World"]);
    ///
    /// // Start text selection at 'W'
    /// textarea.move_cursor(CursorMove::WordForward);
    /// textarea.start_selection();
    ///
    /// // Select the word "World" and copy the selected text
    /// textarea.move_cursor(CursorMove::End);
    /// textarea.copy();
    ///
    /// assert_eq!(textarea.yank_text(), "World");
    /// assert_eq!(textarea.lines(), ["Hello World"]); // Text does not change
    /// ```
    pub fn copy(&mut self) {
        if let Some((start, end)) = self.take_selection_positions() {
            if start.row == end.row {
                self.yank = self.lines[start.row][start.offset..end.offset]
                    .to_string()
                    .into();
                return;
            }
            let mut chunk = vec![self.lines[start.row][start.offset..].to_string()];
            chunk.extend(self.lines[start.row + 1..end.row].iter().cloned());
            chunk.push(self.lines[end.row][..end.offset].to_string());
            self.yank = YankText::Chunk(chunk);
        }
    }

    /// Cut the selected text and place it in the yank buffer. This method returns whether the text was modified.
    /// The cursor will move to the start position of the text selection.
    /// To get the yanked text, use [`TextArea::yank_text`].
    /// ```
    /// use tui_textarea::{TextArea, Key, Input, CursorMove};
    ///
    /// let mut textarea = TextArea::from(["Hello World"]);
    ///
    /// // Start text selection at 'W'
    /// textarea.move_cursor(CursorMove::WordForward);
    /// textarea.start_selection();
    ///
    /// // Select the word "World" and copy the selected text
    /// textarea.move_cursor(CursorMove::End);
    /// textarea.cut();
    ///
    /// assert_eq!(textarea.yank_text(), "World");
    /// assert_eq!(textarea.lines(), ["Hello "]);
    /// ```
    pub fn cut(&mut self) -> bool {
        self.delete_selection(true)
    }

    fn delete_selection(&mut self, should_yank: bool) -> bool {
        if let Some((s, e)) = self.take_selection_positions() {
            self.delete_range(s, e, should_yank);
            return true;
        }
        false
    }

    /// Move the cursor to the position specified by the [`CursorMove`] parameter. For each kind of cursor moves, see
    /// the document of [`CursorMove`].
    /// ```
    /// use tui_textarea::{TextArea, CursorMove};
    ///
    /// let mut textarea = TextArea::from(["abc", "def"]);
    ///
    /// textarea.move_cursor(CursorMove::Forward);
    /// assert_eq!(textarea.cursor(), (0, 1));
    /// textarea.move_cursor(CursorMove::Down);
    /// assert_eq!(textarea.cursor(), (1, 1));
    /// ```
    pub fn move_cursor(&mut self, m: CursorMove) {
        self.move_cursor_with_shift(m, self.selection_start.is_some());
    }

    fn move_cursor_with_shift(&mut self, m: CursorMove, shift: bool) {
        // PATCH(reportbench): Up and Down keep the column they started from
        // across shorter rows (upstream clamps and forgets it).
        let mut from = self.screen_cursor();
        let vertical = matches!(m, CursorMove::Up | CursorMove::Down);
        let goal = match self.goal_col {
            Some((at, col)) if vertical && at == self.cursor => col,
            _ => from.col,
        };
        if vertical {
            from.col = goal;
        }
        self.goal_col = None;
        if let Some(cursor) = m.next_cursor(from, self, &self.viewport) {
            self.history.break_run(); // Moving the cursor ends the current typing run
            if shift {
                if self.selection_start.is_none() {
                    self.start_selection();
                }
            } else {
                self.cancel_selection();
            }
            let cursor = self.screen_to_data_cursor(cursor);
            self.cursor = self
                .normalize_data_cursor_around_atomic_ranges(cursor, Self::movement_atomic_bias(m));
            if vertical {
                self.goal_col = Some((self.cursor, goal));
            }
        }
    }

    /// Undo the last modification. This method returns if the undo modified text contents or not in the textarea.
    /// ```
    /// use tui_textarea::{TextArea, CursorMove};
    ///
    /// let mut textarea = TextArea::from(["abc def"]);
    ///
    /// textarea.delete_next_word();
    /// assert_eq!(textarea.lines(), [" def"]);
    /// textarea.undo();
    /// assert_eq!(textarea.lines(), ["abc def"]);
    /// ```
    pub fn undo(&mut self) -> bool {
        if let Some((cursor, changed)) = self.history.undo(&mut self.lines) {
            self.note_changed_rows(changed);
            self.cancel_selection();
            self.cursor = self.clamp_cursor_to_buffer(cursor);
            self.atomic_ranges.clear();
            self.refresh_screen_map();
            self.reset_measure_cache();
            true
        } else {
            false
        }
    }

    /// Redo the last undo change. This method returns if the redo modified text contents or not in the textarea.
    /// ```
    /// use tui_textarea::{TextArea, CursorMove};
    ///
    /// let mut textarea = TextArea::from(["abc def"]);
    ///
    /// textarea.delete_next_word();
    /// assert_eq!(textarea.lines(), [" def"]);
    /// textarea.undo();
    /// assert_eq!(textarea.lines(), ["abc def"]);
    /// textarea.redo();
    /// assert_eq!(textarea.lines(), [" def"]);
    /// ```
    pub fn redo(&mut self) -> bool {
        if let Some((cursor, changed)) = self.history.redo(&mut self.lines) {
            self.note_changed_rows(changed);
            self.cancel_selection();
            self.cursor = self.clamp_cursor_to_buffer(cursor);
            self.atomic_ranges.clear();
            self.refresh_screen_map();
            self.reset_measure_cache();
            true
        } else {
            false
        }
    }

    pub(crate) fn line_spans_segment<'b>(
        &'b self,
        line: &'b str,
        wrapped: &WrappedLine,
        lnum_len: u8,
    ) -> Line<'b> {
        self.line_spans_segment_with(line, wrapped, lnum_len, &self.stored_look())
    }

    /// PATCH(reportbench): the textarea's own styles as a [`LineLook`].
    pub(crate) fn stored_look(&self) -> LineLook<'_> {
        LineLook {
            cursor_line_style: self.cursor_line_style,
            select_style: self.select_style,
            #[cfg(feature = "search")]
            search_style: self.search.style,
            #[cfg(not(feature = "search"))]
            search_style: Style::default(),
            hide_cursor: false,
            highlights: LineHighlights::Stored(&self.custom_highlights),
        }
    }

    /// PATCH(reportbench): a wrapped row drawn with `look`'s styles.
    pub(crate) fn line_spans_segment_with<'b>(
        &'b self,
        line: &'b str,
        wrapped: &WrappedLine,
        lnum_len: u8,
        look: &LineLook<'_>,
    ) -> Line<'b> {
        let fragment = &line[wrapped.start_byte..wrapped.end_byte];
        let cursor_cell = match self.cursor_render_mode {
            _ if look.hide_cursor => CursorCellRender::Hidden,
            CursorRenderMode::Cell => CursorCellRender::Draw(self.cursor_style),
            CursorRenderMode::Hidden => CursorCellRender::Hidden,
        };
        let mut hl = LineHighlighter::new(
            fragment,
            cursor_cell,
            self.tab_len,
            self.mask,
            look.select_style,
        );

        if let Some(style) = self.line_number_style {
            if wrapped.first_in_row {
                hl.line_number(wrapped.row, lnum_len, style);
            } else {
                hl.line_number_placeholder(lnum_len, style);
            }
        }

        if wrapped.row == self.cursor.0 {
            hl.set_line_style(look.cursor_line_style);
            let cursor_col = self.cursor.1;
            let in_segment = if wrapped.last_in_row {
                wrapped.start_col <= cursor_col && cursor_col <= wrapped.end_col
            } else {
                wrapped.start_col <= cursor_col && cursor_col < wrapped.end_col
            };
            if in_segment {
                hl.cursor_line(cursor_col - wrapped.start_col, look.cursor_line_style);
            }
        }

        #[cfg(feature = "search")]
        if let Some(matches) = self.search.matches(line) {
            let clipped = matches
                .filter_map(|(start, end)| {
                    let start = cmp::max(start, wrapped.start_byte);
                    let end = cmp::min(end, wrapped.end_byte);
                    // PATCH(reportbench): `then`, not `then_some`: the pair was
                    // computed before the test, and `end - start_byte` overflowed
                    // for a match that ends before this wrapped row.
                    (start < end).then(|| (start - wrapped.start_byte, end - wrapped.start_byte))
                })
                .collect::<Vec<_>>();
            if !clipped.is_empty() {
                hl.search(clipped.into_iter(), look.search_style);
            }
        }

        if let Some((start, end)) = self.selection_positions() {
            if wrapped.first_in_row && wrapped.last_in_row {
                hl.selection(wrapped.row, start.row, start.offset, end.row, end.offset);
            } else if start.row <= wrapped.row && wrapped.row <= end.row {
                let start_off = if start.row == wrapped.row {
                    start.offset
                } else {
                    0
                };
                let end_off = if end.row == wrapped.row {
                    end.offset
                } else {
                    line.len()
                };
                let clipped_start = cmp::max(start_off, wrapped.start_byte);
                let clipped_end = cmp::min(end_off, wrapped.end_byte);
                let select_at_end =
                    wrapped.last_in_row && clipped_end == wrapped.end_byte && wrapped.row < end.row;
                hl.selection_segment(
                    clipped_start.saturating_sub(wrapped.start_byte),
                    clipped_end.saturating_sub(wrapped.start_byte),
                    select_at_end,
                );
            }
        }

        look.highlights.each(
            |((start_row, start_offset), (end_row, end_offset)), style, priority| {
                if start_row <= wrapped.row && wrapped.row <= end_row {
                    let start_off = if start_row == wrapped.row {
                        start_offset
                    } else {
                        0
                    };
                    let end_off = if end_row == wrapped.row {
                        end_offset
                    } else {
                        line.len()
                    };
                    let clipped_start = cmp::max(start_off, wrapped.start_byte);
                    let clipped_end = cmp::min(end_off, wrapped.end_byte);
                    if clipped_start < clipped_end {
                        hl.custom(
                            wrapped.row,
                            (
                                (wrapped.row, clipped_start - wrapped.start_byte),
                                (wrapped.row, clipped_end - wrapped.start_byte),
                            ),
                            style,
                            priority,
                        );
                    }
                }
            },
        );

        hl.into_spans()
    }

    /// Build a ratatui widget to render the current state of the textarea. The widget instance returned
    /// from this method can be rendered with [`ratatui_core::terminal::Frame::render_widget`].
    ///
    /// This method was deprecated at v0.5.3 and is no longer necessary. Instead you can directly pass `&TextArea`
    /// reference to the `Frame::render_widget` method call.
    /// ```no_run
    /// # use ratatui::layout::Rect;
    /// # use ratatui::Terminal;
    /// # use ratatui::widgets::Widget as _;
    /// # use ratatui::backend::CrosstermBackend;
    /// # use tui_textarea::TextArea;
    /// #
    /// # let backend = CrosstermBackend::new(std::io::stdout());
    /// # let mut term = Terminal::new(backend).unwrap();
    /// # let textarea = TextArea::default();
    /// #
    /// # #[allow(deprecated)]
    /// # term.draw(|f| {
    /// #   let rect = Rect {
    /// #       x: 0,
    /// #       y: 0,
    /// #       width: 24,
    /// #       height: 8,
    /// #   };
    /// // v0.5.2 or earlier
    /// f.render_widget(textarea.widget(), rect);
    ///
    /// // v0.5.3 or later
    /// f.render_widget(&textarea, rect);
    /// # }).unwrap();
    /// ```
    #[deprecated(
        since = "0.5.3",
        note = "calling this method is no longer necessary on rendering a textarea. pass &TextArea reference to `Frame::render_widget` method call directly"
    )]
    pub fn widget(&'a self) -> impl Widget + 'a {
        self
    }

    /// Set the style of textarea. By default, textarea is not styled.
    /// ```
    /// use ratatui::style::{Style, Color};
    /// use tui_textarea::TextArea;
    ///
    /// let mut textarea = TextArea::default();
    /// let style = Style::default().fg(Color::Red);
    /// textarea.set_style(style);
    /// assert_eq!(textarea.style(), style);
    /// ```
    pub fn set_style(&mut self, style: Style) {
        self.style = style;
    }

    /// Get the current style of textarea.
    pub fn style(&self) -> Style {
        self.style
    }

    /// Set the block of textarea. By default, no block is set.
    /// ```
    /// use tui_textarea::TextArea;
    /// use ratatui::widgets::{Block, Borders};
    ///
    /// let mut textarea = TextArea::default();
    /// let block = Block::default().borders(Borders::ALL).title("Block Title");
    /// textarea.set_block(block);
    /// assert!(textarea.block().is_some());
    /// ```
    pub fn set_block(&mut self, block: Block<'a>) {
        self.block = Some(block);
        self.refresh_screen_map();
        self.reset_measure_cache();
    }

    /// Remove the block of textarea which was set by [`TextArea::set_block`].
    /// ```
    /// use tui_textarea::TextArea;
    /// use ratatui::widgets::{Block, Borders};
    ///
    /// let mut textarea = TextArea::default();
    /// let block = Block::default().borders(Borders::ALL).title("Block Title");
    /// textarea.set_block(block);
    /// textarea.remove_block();
    /// assert!(textarea.block().is_none());
    /// ```
    pub fn remove_block(&mut self) {
        self.block = None;
        self.refresh_screen_map();
        self.reset_measure_cache();
    }

    /// Get the block of textarea if exists.
    pub fn block<'s>(&'s self) -> Option<&'s Block<'a>> {
        self.block.as_ref()
    }

    /// Set the length of tab character. Setting 0 disables tab inputs.
    /// ```
    /// use tui_textarea::{TextArea, Input, Key};
    ///
    /// let mut textarea = TextArea::default();
    /// let tab_input = Input { key: Key::Tab, ctrl: false, alt: false, shift: false };
    ///
    /// textarea.set_tab_length(8);
    /// textarea.input(tab_input.clone());
    /// assert_eq!(textarea.lines(), ["        "]);
    ///
    /// textarea.set_tab_length(2);
    /// textarea.input(tab_input);
    /// assert_eq!(textarea.lines(), ["          "]);
    /// ```
    pub fn set_tab_length(&mut self, len: u8) {
        self.tab_len = len;
        self.refresh_screen_map();
        self.reset_measure_cache();
    }

    /// Get how many spaces are used for representing tab character. The default value is 4.
    pub fn tab_length(&self) -> u8 {
        self.tab_len
    }

    /// Set if a hard tab is used or not for indent. When `true` is set, typing a tab key inserts a hard tab instead of
    /// spaces. By default, hard tab is disabled.
    /// ```
    /// use tui_textarea::TextArea;
    ///
    /// let mut textarea = TextArea::default();
    ///
    /// textarea.set_hard_tab_indent(true);
    /// textarea.insert_tab();
    /// assert_eq!(textarea.lines(), ["\t"]);
    /// ```
    pub fn set_hard_tab_indent(&mut self, enabled: bool) {
        self.hard_tab_indent = enabled;
    }

    /// Get if a hard tab is used for indent or not.
    /// ```
    /// use tui_textarea::TextArea;
    ///
    /// let mut textarea = TextArea::default();
    ///
    /// assert!(!textarea.hard_tab_indent());
    /// textarea.set_hard_tab_indent(true);
    /// assert!(textarea.hard_tab_indent());
    /// ```
    pub fn hard_tab_indent(&self) -> bool {
        self.hard_tab_indent
    }

    /// Get a string for indent. It consists of spaces by default. When hard tab is enabled, it is a tab character.
    /// ```
    /// use tui_textarea::TextArea;
    ///
    /// let mut textarea = TextArea::default();
    ///
    /// assert_eq!(textarea.indent(), "    ");
    /// textarea.set_tab_length(2);
    /// assert_eq!(textarea.indent(), "  ");
    /// textarea.set_hard_tab_indent(true);
    /// assert_eq!(textarea.indent(), "\t");
    /// ```
    pub fn indent(&self) -> &'static str {
        if self.hard_tab_indent {
            "\t"
        } else {
            spaces(self.tab_len)
        }
    }

    /// Set how many modifications are remembered for undo/redo. Setting 0 disables undo/redo.
    pub fn set_max_histories(&mut self, max: usize) {
        self.history = History::new(max);
    }

    /// Get how many modifications are remembered for undo/redo. The default value is 50.
    pub fn max_histories(&self) -> usize {
        self.history.max_items()
    }

    /// Set whether consecutive single-character edits are coalesced into one undo step. This is disabled by default, so
    /// undo removes one character at a time. Enable it to undo a word of typing at a time instead.
    ///
    /// A run covers characters of one class (word, punctuation or whitespace), so undo stops on the same boundaries as
    /// [`TextArea::delete_word`] and [`CursorMove::WordForward`]. Trailing whitespace joins the run it ends rather than
    /// starting a new one, and consecutive spaces or tabs stay in that same run. A pause of 500 milliseconds or more
    /// also ends a run, so text typed in separate sittings stays separate. A newline, cursor move, paste, range
    /// deletion or switch between inserting and deleting ends a run as well.
    /// ```
    /// use tui_textarea::TextArea;
    ///
    /// let mut textarea = TextArea::default();
    /// textarea.set_undo_coalescing(true);
    /// for c in "hello world".chars() {
    ///     textarea.insert_char(c);
    /// }
    /// textarea.undo();
    /// assert_eq!(textarea.lines(), ["hello "]);
    /// textarea.undo();
    /// assert_eq!(textarea.lines(), [""]);
    ///
    /// // Punctuation is a separate class, so code undoes in meaningful pieces
    /// let mut textarea = TextArea::default();
    /// textarea.set_undo_coalescing(true);
    /// for c in "foo();".chars() {
    ///     textarea.insert_char(c);
    /// }
    /// textarea.undo();
    /// assert_eq!(textarea.lines(), ["foo"]);
    /// ```
    pub fn set_undo_coalescing(&mut self, coalesce: bool) {
        self.undo_coalescing = coalesce;
        self.history.break_run();
    }

    /// PATCH(reportbench): the character classes that decide where a run of
    /// typing ends for undo (see [`TextArea::set_undo_coalescing`]): a run
    /// grows only by a character of the class of its last one. Without it,
    /// the widget's word classes, for which a Chinese sentence, its commas
    /// and figures included, is one word.
    pub fn set_undo_run_class(&mut self, class: fn(char) -> u8) {
        self.undo_run_class = Some(class);
        self.history.break_run();
    }

    /// Get whether consecutive single-character edits are coalesced into one undo step. The default
    /// value is `false`.
    pub fn undo_coalescing(&self) -> bool {
        self.undo_coalescing
    }

    /// Set the style of line at cursor. By default, the cursor line is styled with underline. To stop styling the
    /// cursor line, set the default style.
    /// ```
    /// use ratatui::style::{Style, Color};
    /// use tui_textarea::TextArea;
    ///
    /// let mut textarea = TextArea::default();
    ///
    /// let style = Style::default().fg(Color::Red);
    /// textarea.set_cursor_line_style(style);
    /// assert_eq!(textarea.cursor_line_style(), style);
    ///
    /// // Disable cursor line style
    /// textarea.set_cursor_line_style(Style::default());
    /// ```
    pub fn set_cursor_line_style(&mut self, style: Style) {
        self.cursor_line_style = style;
    }

    /// Get the style of cursor line. By default it is styled with underline.
    pub fn cursor_line_style(&self) -> Style {
        self.cursor_line_style
    }

    /// Set the style of line number. By setting the style with this method, line numbers are drawn in textarea, meant
    /// that line numbers are disabled by default. If you want to show line numbers but don't want to style them, set
    /// the default style.
    /// ```
    /// use ratatui::style::{Style, Color};
    /// use tui_textarea::TextArea;
    ///
    /// let mut textarea = TextArea::default();
    ///
    /// // Show line numbers in dark gray background
    /// let style = Style::default().bg(Color::DarkGray);
    /// textarea.set_line_number_style(style);
    /// assert_eq!(textarea.line_number_style(), Some(style));
    /// ```
    pub fn set_line_number_style(&mut self, style: Style) {
        self.line_number_style = Some(style);
        self.refresh_screen_map();
        self.reset_measure_cache();
    }

    /// Remove the style of line number which was set by [`TextArea::set_line_number_style`]. After calling this
    /// method, Line numbers will no longer be shown.
    /// ```
    /// use ratatui::style::{Style, Color};
    /// use tui_textarea::TextArea;
    ///
    /// let mut textarea = TextArea::default();
    ///
    /// textarea.set_line_number_style(Style::default().bg(Color::DarkGray));
    /// textarea.remove_line_number();
    /// assert_eq!(textarea.line_number_style(), None);
    /// ```
    pub fn remove_line_number(&mut self) {
        self.line_number_style = None;
        self.refresh_screen_map();
        self.reset_measure_cache();
    }

    /// Get the style of line number if set.
    pub fn line_number_style(&self) -> Option<Style> {
        self.line_number_style
    }

    /// Set the placeholder text. The text is shown when the textarea is empty. Setting a non-empty string enables the placeholder. The default value is an empty string so the placeholder is disabled by default.
    /// To customize the text style, see [`TextArea::set_placeholder_style`].
    /// ```
    /// use tui_textarea::TextArea;
    ///
    /// let mut textarea = TextArea::default();
    /// assert_eq!(textarea.placeholder_text(), "");
    /// assert!(textarea.placeholder_style().is_none());
    ///
    /// textarea.set_placeholder_text("Hello");
    /// assert_eq!(textarea.placeholder_text(), "Hello");
    /// assert!(textarea.placeholder_style().is_some());
    /// ```
    pub fn set_placeholder_text(&mut self, placeholder: impl Into<String>) {
        let placeholder = placeholder.into();
        if placeholder.is_empty() {
            self.placeholder.lines.clear();
        } else {
            self.placeholder.lines = vec![Line::raw(placeholder)];
        }
        self.reset_measure_cache();
    }

    /// Set the style of the placeholder text. The default style is a dark gray text.
    /// ```
    /// use ratatui::style::{Style, Color};
    /// use tui_textarea::TextArea;
    ///
    /// let mut textarea = TextArea::default();
    /// assert_eq!(textarea.placeholder_style(), None); // When the placeholder is disabled
    ///
    /// textarea.set_placeholder_text("Enter your message"); // Enable placeholder by setting non-empty text
    ///
    /// let style = Style::default().bg(Color::Blue);
    /// textarea.set_placeholder_style(style);
    /// assert_eq!(textarea.placeholder_style(), Some(style));
    /// ```
    pub fn set_placeholder_style(&mut self, style: Style) {
        self.placeholder.style = style;
    }

    /// Set a styled placeholder. The placeholder is shown when the textarea is empty and may contain multiple styled spans or lines. Pass [`Text::default()`] to disable it.
    ///
    /// This accepts any value that converts into [`Text`], including strings, [`Line`] values, and complete `Text` values.
    /// ```
    /// use ratatui::style::{Color, Style};
    /// use ratatui::text::{Line, Span, Text};
    /// use tui_textarea::TextArea;
    ///
    /// let mut textarea = TextArea::default();
    /// textarea.set_styled_placeholder(Line::from(vec![
    ///     Span::styled("Required: ", Style::default().fg(Color::Red)),
    ///     Span::raw("enter your name"),
    /// ]));
    /// assert_eq!(textarea.placeholder().lines.len(), 1);
    ///
    /// textarea.set_styled_placeholder(Text::from_iter([Line::raw("First line"), Line::raw("Second line")]));
    /// assert_eq!(textarea.placeholder().lines.len(), 2);
    /// ```
    pub fn set_styled_placeholder(&mut self, placeholder: impl Into<Text<'a>>) {
        self.placeholder = placeholder.into();
        self.reset_measure_cache();
    }

    /// Get the complete placeholder, including its lines, spans, and styles.
    pub fn placeholder(&self) -> &Text<'a> {
        &self.placeholder
    }

    /// Get the first span of the first placeholder line. This preserves the legacy plain-text API; use [`TextArea::placeholder`] to inspect a styled or multiline placeholder.
    /// ```
    /// use tui_textarea::TextArea;
    ///
    /// let textarea = TextArea::default();
    /// assert_eq!(textarea.placeholder_text(), "");
    /// ```
    pub fn placeholder_text(&self) -> &'_ str {
        self.placeholder
            .lines
            .first()
            .and_then(|line| line.spans.first())
            .map_or("", |span| span.content.as_ref())
    }

    /// Get the placeholder style. When the placeholder text is empty, it returns `None` since the placeholder is disabled.
    /// The default style is a dark gray text.
    /// ```
    /// use tui_textarea::TextArea;
    ///
    /// let mut textarea = TextArea::default();
    /// assert_eq!(textarea.placeholder_style(), None);
    ///
    /// textarea.set_placeholder_text("hello");
    /// assert!(textarea.placeholder_style().is_some());
    /// ```
    pub fn placeholder_style(&self) -> Option<Style> {
        if self.placeholder.lines.is_empty() {
            None
        } else {
            Some(self.placeholder.style)
        }
    }

    /// Specify a character masking the text. All characters in the textarea will be replaced by this character.
    /// This API is useful for making a kind of credentials form such as a password input.
    /// ```
    /// use tui_textarea::TextArea;
    ///
    /// let mut textarea = TextArea::default();
    ///
    /// textarea.set_mask_char('*');
    /// assert_eq!(textarea.mask_char(), Some('*'));
    /// textarea.set_mask_char('●');
    /// assert_eq!(textarea.mask_char(), Some('●'));
    /// ```
    pub fn set_mask_char(&mut self, mask: char) {
        self.mask = Some(mask);
    }

    /// Clear the masking character previously set by [`TextArea::set_mask_char`].
    /// ```
    /// use tui_textarea::TextArea;
    ///
    /// let mut textarea = TextArea::default();
    ///
    /// textarea.set_mask_char('*');
    /// assert_eq!(textarea.mask_char(), Some('*'));
    /// textarea.clear_mask_char();
    /// assert_eq!(textarea.mask_char(), None);
    /// ```
    pub fn clear_mask_char(&mut self) {
        self.mask = None;
    }

    /// Get the character to mask text. When no character is set, `None` is returned.
    /// ```
    /// use tui_textarea::TextArea;
    ///
    /// let mut textarea = TextArea::default();
    ///
    /// assert_eq!(textarea.mask_char(), None);
    /// textarea.set_mask_char('*');
    /// assert_eq!(textarea.mask_char(), Some('*'));
    /// ```
    pub fn mask_char(&self) -> Option<char> {
        self.mask
    }

    /// Set the style of the buffer-drawn cursor cell.
    ///
    /// By default, a cursor is rendered in the reversed color. This style is visible
    /// when [`CursorRenderMode::Cell`] is active. It is stored but has no visual
    /// effect while [`CursorRenderMode::Hidden`] is active.
    /// ```
    /// use ratatui::style::{Style, Color};
    /// use tui_textarea::TextArea;
    ///
    /// let mut textarea = TextArea::default();
    ///
    /// let style = Style::default().bg(Color::Red);
    /// textarea.set_cursor_style(style);
    /// assert_eq!(textarea.cursor_style(), style);
    /// ```
    pub fn set_cursor_style(&mut self, style: Style) {
        self.cursor_style = style;
    }

    /// Get the style of cursor.
    pub fn cursor_style(&self) -> Style {
        self.cursor_style
    }

    /// Set how the textarea-owned cursor is rendered into the Ratatui buffer.
    ///
    /// [`CursorRenderMode::Cell`] is the default and preserves the historical
    /// behavior. [`CursorRenderMode::Hidden`] suppresses only the textarea-owned
    /// cursor cell so applications can place a native terminal cursor with
    /// [`TextArea::rendered_cursor_position`].
    pub fn set_cursor_render_mode(&mut self, mode: CursorRenderMode) {
        self.cursor_render_mode = mode;
    }

    /// Get the current cursor render mode.
    pub fn cursor_render_mode(&self) -> CursorRenderMode {
        self.cursor_render_mode
    }

    /// Get the cursor position calculated during the most recent render.
    ///
    /// This returns terminal-relative coordinates suitable for
    /// `ratatui_core::terminal::Frame::set_cursor_position` after rendering this
    /// widget. It returns `None` before the first render or when the cursor cannot be
    /// represented inside the most recent render area. Cursor shape and blinking are
    /// backend concerns and are not controlled by `tui-textarea-2`.
    ///
    /// ```ignore
    /// use tui_textarea::{CursorRenderMode, TextArea};
    ///
    /// let mut textarea = TextArea::default();
    /// textarea.set_cursor_render_mode(CursorRenderMode::Hidden);
    ///
    /// # let area = ratatui::layout::Rect::default();
    /// # let mut frame: ratatui::Frame = unimplemented!();
    /// frame.render_widget(&textarea, area);
    /// if let Some(position) = textarea.rendered_cursor_position() {
    ///     frame.set_cursor_position(position);
    /// }
    /// ```
    pub fn rendered_cursor_position(&self) -> Option<Position> {
        self.rendered_cursor_position.get()
    }

    /// Get slice of line texts. This method borrows the content, but not moves. Note that the returned slice will
    /// never be empty because an empty text means a slice containing one empty line. This is correct since any text
    /// file must end with a newline.
    /// ```
    /// use tui_textarea::TextArea;
    ///
    /// let mut textarea = TextArea::default();
    /// assert_eq!(textarea.lines(), [""]);
    ///
    /// textarea.insert_char('a');
    /// assert_eq!(textarea.lines(), ["a"]);
    ///
    /// textarea.insert_newline();
    /// assert_eq!(textarea.lines(), ["a", ""]);
    ///
    /// textarea.insert_char('b');
    /// assert_eq!(textarea.lines(), ["a", "b"]);
    /// ```
    pub fn lines(&'a self) -> &'a [String] {
        &self.lines
    }

    /// Replace the entire text buffer without rebuilding widget configuration.
    ///
    /// The provided cursor is clamped to the new buffer, edit history is cleared, active
    /// selection and custom highlights are removed, and the viewport scroll is reset.
    pub fn set_lines(&mut self, lines: Vec<String>, cursor: (usize, usize)) {
        assert!(
            !lines.is_empty(),
            "lines must not be empty; use vec![String::new()] for empty content"
        );

        self.lines = lines;
        self.dirty.set(crate::screen_map::Dirty::Unknown);
        self.since_mark.set(crate::screen_map::Dirty::Unknown);
        self.since_snapshot.set(crate::screen_map::Dirty::Unknown);
        self.cursor = self.clamp_cursor_to_buffer(cursor);
        self.history = History::new(self.history.max_items());
        self.selection_start = None;
        self.custom_highlights.clear();
        self.atomic_ranges.clear();
        self.viewport = Viewport::default();
        self.refresh_screen_map();
        self.reset_measure_cache();
    }

    /// Convert [`TextArea`] instance into line texts.
    /// ```
    /// use tui_textarea::TextArea;
    ///
    /// let mut textarea = TextArea::default();
    ///
    /// textarea.insert_char('a');
    /// textarea.insert_newline();
    /// textarea.insert_char('b');
    ///
    /// assert_eq!(textarea.into_lines(), ["a", "b"]);
    /// ```
    pub fn into_lines(self) -> Vec<String> {
        self.lines
    }

    /// Get the current cursor position. 0-base character-wise (row, col) cursor position.
    /// ```
    /// use tui_textarea::TextArea;
    ///
    /// let mut textarea = TextArea::default();
    /// assert_eq!(textarea.cursor(), (0, 0));
    ///
    /// textarea.insert_char('a');
    /// textarea.insert_newline();
    /// textarea.insert_char('b');
    ///
    /// assert_eq!(textarea.cursor(), (1, 1));
    /// ```
    pub fn cursor(&self) -> (usize, usize) {
        self.cursor.into()
    }

    pub(crate) fn screen_cursor(&self) -> ScreenCursor {
        self.cursor.to_screen_cursor(self)
    }

    /// Get the current selection range as a pair of the start position and the end position. The range is bounded
    /// inclusively below and exclusively above. The positions are 0-base character-wise (row, col) values.
    /// The first element of the pair is always smaller than the second one even when it is ahead of the cursor.
    /// When no text is selected, this method returns `None`.
    /// ```
    /// use tui_textarea::TextArea;
    /// use tui_textarea::CursorMove;
    ///
    /// let mut textarea = TextArea::from([
    ///     "aaa",
    ///     "bbb",
    ///     "ccc",
    /// ]);
    ///
    /// // It returns `None` when the text selection is not ongoing
    /// assert_eq!(textarea.selection_range(), None);
    ///
    /// textarea.start_selection();
    /// assert_eq!(textarea.selection_range(), Some(((0, 0), (0, 0))));
    ///
    /// textarea.move_cursor(CursorMove::Forward);
    /// assert_eq!(textarea.selection_range(), Some(((0, 0), (0, 1))));
    ///
    /// textarea.move_cursor(CursorMove::Down);
    /// assert_eq!(textarea.selection_range(), Some(((0, 0), (1, 1))));
    ///
    /// // Start selection at (1, 1)
    /// textarea.cancel_selection();
    /// textarea.start_selection();
    ///
    /// // The first element of the pair is always smaller than the second one
    /// textarea.move_cursor(CursorMove::Back);
    /// assert_eq!(textarea.selection_range(), Some(((1, 0), (1, 1))));
    /// ```
    pub fn selection_range(&self) -> Option<((usize, usize), (usize, usize))> {
        self.selection_start.map(|pos| {
            if pos > self.cursor {
                (self.cursor.into(), pos.into())
            } else {
                (pos.into(), self.cursor.into())
            }
        })
    }

    /// Set text alignment. When [`Alignment::Center`] or [`Alignment::Right`] is set, line number is automatically
    /// disabled because those alignments don't work well with line numbers.
    /// ```
    /// use ratatui::layout::Alignment;
    /// use tui_textarea::TextArea;
    ///
    /// let mut textarea = TextArea::default();
    ///
    /// textarea.set_alignment(Alignment::Center);
    /// assert_eq!(textarea.alignment(), Alignment::Center);
    /// ```
    pub fn set_alignment(&mut self, alignment: Alignment) {
        if let Alignment::Center | Alignment::Right = alignment {
            self.line_number_style = None;
            self.refresh_screen_map();
            self.reset_measure_cache();
        }
        self.alignment = alignment;
    }

    /// Get current text alignment. The default alignment is [`Alignment::Left`].
    /// ```
    /// use ratatui::layout::Alignment;
    /// use tui_textarea::TextArea;
    ///
    /// let mut textarea = TextArea::default();
    ///
    /// assert_eq!(textarea.alignment(), Alignment::Left);
    /// ```
    pub fn alignment(&self) -> Alignment {
        self.alignment
    }

    /// Set soft-wrap mode of rendering.
    /// By default, wrapping is disabled and horizontal scrolling is used.
    /// ```
    /// use tui_textarea::{TextArea, WrapMode};
    ///
    /// let mut textarea = TextArea::default();
    /// textarea.set_wrap_mode(WrapMode::WordOrGlyph);
    /// assert_eq!(textarea.wrap_mode(), WrapMode::WordOrGlyph);
    /// ```
    pub fn set_wrap_mode(&mut self, mode: WrapMode) {
        self.wrap_mode = mode;
        self.refresh_screen_map();
        self.reset_measure_cache();
    }

    /// Get the current soft-wrap mode.
    pub fn wrap_mode(&self) -> WrapMode {
        self.wrap_mode
    }

    /// Set the minimum preferred height in rows.
    ///
    /// The value is applied to measured outer rows (content + block chrome). Setting 0 is
    /// normalized to 1. When the new minimum exceeds current maximum, maximum is raised to keep
    /// `min_rows <= max_rows`.
    pub fn set_min_rows(&mut self, rows: u16) {
        self.min_rows = rows.max(1);
        if self.max_rows < self.min_rows {
            self.max_rows = self.min_rows;
        }
        self.reset_measure_cache();
    }

    /// Get the configured minimum preferred height in rows.
    pub fn min_rows(&self) -> u16 {
        self.min_rows
    }

    /// Set the maximum preferred height in rows.
    ///
    /// The value is applied to measured outer rows (content + block chrome). Setting 0 is
    /// normalized to 1. When the new maximum is smaller than current minimum, maximum is raised
    /// to the current minimum to keep `min_rows <= max_rows`.
    pub fn set_max_rows(&mut self, rows: u16) {
        self.max_rows = rows.max(1);
        if self.max_rows < self.min_rows {
            self.max_rows = self.min_rows;
        }
        self.reset_measure_cache();
    }

    /// Get the configured maximum preferred height in rows.
    pub fn max_rows(&self) -> u16 {
        self.max_rows
    }

    /// Measure textarea height in terminal rows for a given available width.
    ///
    /// `width_cols` is the outer width where the widget will be rendered. The returned
    /// `preferred_rows` includes internal chrome (block borders/padding when configured).
    ///
    /// ```
    /// use tui_textarea::{TextArea, WrapMode};
    ///
    /// let mut textarea = TextArea::from(["abcdef"]);
    /// textarea.set_wrap_mode(WrapMode::WordOrGlyph);
    ///
    /// let m = textarea.measure(5);
    /// assert_eq!(m.content_rows, 2);
    /// assert_eq!(m.preferred_rows, 2);
    /// ```
    pub fn measure(&mut self, width_cols: u16) -> TextAreaMeasure {
        if let Some((cached_width, cached_result)) = self.measure_cache
            && cached_width == width_cols
        {
            return cached_result;
        }

        let area = Rect {
            x: 0,
            y: 0,
            width: width_cols,
            height: u16::MAX,
        };
        let inner = if let Some(block) = self.block() {
            block.inner(area)
        } else {
            area
        };
        let chrome_rows = area.height.saturating_sub(inner.height);
        let content_rows = self.measure_content_rows(inner.width);
        let intrinsic_min_rows = chrome_rows.saturating_add(1);
        let min_rows = self.min_rows.max(intrinsic_min_rows);
        let max_rows = self.max_rows.max(min_rows);
        let unclamped_preferred_rows = content_rows.saturating_add(chrome_rows);
        let preferred_rows = unclamped_preferred_rows.clamp(min_rows, max_rows);

        let result = TextAreaMeasure {
            content_rows,
            preferred_rows,
            min_rows,
            max_rows,
        };
        self.measure_cache = Some((width_cols, result));
        result
    }

    fn measure_content_rows(&self, width_cols: u16) -> u16 {
        if !self.placeholder.lines.is_empty() && self.is_empty() {
            return self.placeholder.lines.len().min(u16::MAX as usize) as u16;
        }

        let rows = if let Some(wrap_width) = self.layout_metrics(width_cols).wrap_width() {
            wrapped_rows(&self.lines, self.wrap_mode, wrap_width, self.tab_len).len()
        } else {
            self.lines.len()
        };

        rows.min(u16::MAX as usize) as u16
    }

    pub(crate) fn layout_metrics(&self, inner_width: u16) -> LayoutMetrics {
        LayoutMetrics::new(
            inner_width,
            self.lines.len(),
            self.line_number_style.is_some(),
            self.wrap_mode,
        )
    }

    /// Check if the textarea has a empty content.
    /// ```
    /// use tui_textarea::TextArea;
    ///
    /// let textarea = TextArea::default();
    /// assert!(textarea.is_empty());
    ///
    /// let textarea = TextArea::from(["hello"]);
    /// assert!(!textarea.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.lines == [""]
    }

    /// Get the yanked text. Text is automatically yanked when deleting strings by [`TextArea::delete_line_by_head`],
    /// [`TextArea::delete_line_by_end`], [`TextArea::delete_word`], [`TextArea::delete_next_word`],
    /// [`TextArea::delete_str`], [`TextArea::copy`], and [`TextArea::cut`]. When multiple lines were yanked, they are
    /// always joined with `\n`.
    /// ```
    /// use tui_textarea::TextArea;
    ///
    /// let mut textarea = TextArea::from(["abc"]);
    /// textarea.delete_next_word();
    /// assert_eq!(textarea.yank_text(), "abc");
    ///
    /// // Multiple lines are joined with \n
    /// let mut textarea = TextArea::from(["abc", "def"]);
    /// textarea.delete_str(5);
    /// assert_eq!(textarea.yank_text(), "abc\nd");
    /// ```
    pub fn yank_text(&self) -> String {
        self.yank.to_string()
    }

    /// Set a yanked text. The text can be inserted by [`TextArea::paste`]. `\n` and `\r\n` are recognized as newline
    /// but `\r` isn't.
    /// ```
    /// use tui_textarea::TextArea;
    ///
    /// let mut textarea = TextArea::default();
    ///
    /// textarea.set_yank_text("hello\nworld");
    /// textarea.paste();
    /// assert_eq!(textarea.lines(), ["hello", "world"]);
    /// ```
    pub fn set_yank_text(&mut self, text: impl Into<String>) {
        // `str::lines` is not available since it strips a newline at end
        let lines: Vec<_> = text
            .into()
            .split('\n')
            .map(|s| s.strip_suffix('\r').unwrap_or(s).to_string())
            .collect();
        self.yank = lines.into();
    }

    /// Set a regular expression pattern for text search. Setting an empty string stops the text search.
    /// When a valid pattern is set, all matches will be highlighted in the textarea. Note that the cursor does not
    /// move. To move the cursor, use [`TextArea::search_forward`] and [`TextArea::search_back`].
    ///
    /// Grammar of regular expression follows [regex crate](https://docs.rs/regex/latest/regex). Patterns don't match
    /// to newlines so match passes across no newline.
    ///
    /// When the pattern is invalid, the search pattern will not be updated and an error will be returned.
    ///
    /// ```
    /// use tui_textarea::TextArea;
    ///
    /// let mut textarea = TextArea::from(["hello, world", "goodbye, world"]);
    ///
    /// // Search "world"
    /// textarea.set_search_pattern("world").unwrap();
    ///
    /// assert_eq!(textarea.cursor(), (0, 0));
    /// textarea.search_forward(false);
    /// assert_eq!(textarea.cursor(), (0, 7));
    /// textarea.search_forward(false);
    /// assert_eq!(textarea.cursor(), (1, 9));
    ///
    /// // Stop the text search
    /// textarea.set_search_pattern("");
    ///
    /// // Invalid search pattern
    /// assert!(textarea.set_search_pattern("(hello").is_err());
    /// ```
    #[cfg(feature = "search")]
    #[cfg_attr(docsrs, doc(cfg(feature = "search")))]
    pub fn set_search_pattern(&mut self, query: impl AsRef<str>) -> Result<(), regex::Error> {
        self.search.set_pattern(query.as_ref())
    }

    /// Get a regular expression which was set by [`TextArea::set_search_pattern`]. When no text search is ongoing, this
    /// method returns `None`.
    ///
    /// ```
    /// use tui_textarea::TextArea;
    ///
    /// let mut textarea = TextArea::default();
    ///
    /// assert!(textarea.search_pattern().is_none());
    /// textarea.set_search_pattern("hello+").unwrap();
    /// assert!(textarea.search_pattern().is_some());
    /// assert_eq!(textarea.search_pattern().unwrap().as_str(), "hello+");
    /// ```
    #[cfg(feature = "search")]
    #[cfg_attr(docsrs, doc(cfg(feature = "search")))]
    pub fn search_pattern(&self) -> Option<&regex::Regex> {
        self.search.pat.as_ref()
    }

    /// Search the pattern set by [`TextArea::set_search_pattern`] forward and move the cursor to the next match
    /// position based on the current cursor position. Text search wraps around a text buffer. It returns `true` when
    /// some match was found. Otherwise it returns `false`.
    ///
    /// The `match_cursor` parameter represents if the search matches to the current cursor position or not. When `true`
    /// is set and the cursor position matches to the pattern, the cursor will not move. When `false`, the cursor will
    /// move to the next match ignoring the match at the current position.
    ///
    /// ```
    /// use tui_textarea::TextArea;
    ///
    /// let mut textarea = TextArea::from(["hello", "helloo", "hellooo"]);
    ///
    /// textarea.set_search_pattern("hello+").unwrap();
    ///
    /// // Move to next position
    /// let match_found = textarea.search_forward(false);
    /// assert!(match_found);
    /// assert_eq!(textarea.cursor(), (1, 0));
    ///
    /// // Since the cursor position matches to "hello+", it does not move
    /// textarea.search_forward(true);
    /// assert_eq!(textarea.cursor(), (1, 0));
    ///
    /// // When `match_current` parameter is set to `false`, match at the cursor position is ignored
    /// textarea.search_forward(false);
    /// assert_eq!(textarea.cursor(), (2, 0));
    ///
    /// // Text search wrap around the buffer
    /// textarea.search_forward(false);
    /// assert_eq!(textarea.cursor(), (0, 0));
    ///
    /// // `false` is returned when no match was found
    /// textarea.set_search_pattern("bye+").unwrap();
    /// let match_found = textarea.search_forward(false);
    /// assert!(!match_found);
    /// ```
    #[cfg(feature = "search")]
    #[cfg_attr(docsrs, doc(cfg(feature = "search")))]
    pub fn search_forward(&mut self, match_cursor: bool) -> bool {
        if let Some(cursor) = self
            .search
            .forward(&self.lines, self.cursor.into(), match_cursor)
        {
            self.cursor = cursor.into();
            true
        } else {
            false
        }
    }

    /// Search the pattern set by [`TextArea::set_search_pattern`] backward and move the cursor to the next match
    /// position based on the current cursor position. Text search wraps around a text buffer. It returns `true` when
    /// some match was found. Otherwise it returns `false`.
    ///
    /// The `match_cursor` parameter represents if the search matches to the current cursor position or not. When `true`
    /// is set and the cursor position matches to the pattern, the cursor will not move. When `false`, the cursor will
    /// move to the next match ignoring the match at the current position.
    ///
    /// ```
    /// use tui_textarea::TextArea;
    ///
    /// let mut textarea = TextArea::from(["hello", "helloo", "hellooo"]);
    ///
    /// textarea.set_search_pattern("hello+").unwrap();
    ///
    /// // Move to next position with wrapping around the text buffer
    /// let match_found = textarea.search_back(false);
    /// assert!(match_found);
    /// assert_eq!(textarea.cursor(), (2, 0));
    ///
    /// // Since the cursor position matches to "hello+", it does not move
    /// textarea.search_back(true);
    /// assert_eq!(textarea.cursor(), (2, 0));
    ///
    /// // When `match_current` parameter is set to `false`, match at the cursor position is ignored
    /// textarea.search_back(false);
    /// assert_eq!(textarea.cursor(), (1, 0));
    ///
    /// // `false` is returned when no match was found
    /// textarea.set_search_pattern("bye+").unwrap();
    /// let match_found = textarea.search_back(false);
    /// assert!(!match_found);
    /// ```
    #[cfg(feature = "search")]
    #[cfg_attr(docsrs, doc(cfg(feature = "search")))]
    pub fn search_back(&mut self, match_cursor: bool) -> bool {
        if let Some(cursor) = self
            .search
            .back(&self.lines, self.cursor.into(), match_cursor)
        {
            self.cursor = cursor.into();
            true
        } else {
            false
        }
    }

    /// Get the text style at matches of text search. The default style is colored with blue in background.
    ///
    /// ```
    /// use ratatui::style::{Style, Color};
    /// use tui_textarea::TextArea;
    ///
    /// let textarea = TextArea::default();
    ///
    /// assert_eq!(textarea.search_style(), Style::default().bg(Color::Blue));
    /// ```
    #[cfg(feature = "search")]
    #[cfg_attr(docsrs, doc(cfg(feature = "search")))]
    pub fn search_style(&self) -> Style {
        self.search.style
    }

    /// Set the text style at matches of text search. The default style is colored with blue in background.
    ///
    /// ```
    /// use ratatui::style::{Style, Color};
    /// use tui_textarea::TextArea;
    ///
    /// let mut textarea = TextArea::default();
    ///
    /// let red_bg = Style::default().bg(Color::Red);
    /// textarea.set_search_style(red_bg);
    ///
    /// assert_eq!(textarea.search_style(), red_bg);
    /// ```
    #[cfg(feature = "search")]
    #[cfg_attr(docsrs, doc(cfg(feature = "search")))]
    pub fn set_search_style(&mut self, style: Style) {
        self.search.style = style;
    }

    /// Scroll the textarea. See [`Scrolling`] for the argument.
    /// The cursor will not move until it goes out the viewport. When the cursor position is outside the viewport after scroll,
    /// the cursor position will be adjusted to stay in the viewport using the same logic as [`CursorMove::InViewport`].
    ///
    /// ```
    /// # use ratatui::buffer::Buffer;
    /// # use ratatui::layout::Rect;
    /// # use ratatui::widgets::Widget as _;
    /// use tui_textarea::TextArea;
    ///
    /// // Let's say terminal height is 8.
    ///
    /// // Create textarea with 20 lines "0", "1", "2", "3", ...
    /// let mut textarea: TextArea = (0..20).into_iter().map(|i| i.to_string()).collect();
    /// # // Call `render` at least once to populate terminal size
    /// # let r = Rect { x: 0, y: 0, width: 24, height: 8 };
    /// # let mut b = Buffer::empty(r.clone());
    /// # textarea.render(r, &mut b);
    ///
    /// // Scroll down by 15 lines. Since terminal height is 8, cursor will go out
    /// // the viewport.
    /// textarea.scroll((15, 0));
    /// // So the cursor position was updated to stay in the viewport after the scrolling.
    /// assert_eq!(textarea.cursor(), (15, 0));
    ///
    /// // Scroll up by 5 lines. Since the scroll amount is smaller than the terminal
    /// // height, cursor position will not be updated.
    /// textarea.scroll((-5, 0));
    /// assert_eq!(textarea.cursor(), (15, 0));
    ///
    /// // Scroll up by 5 lines again. The terminal height is 8. So a cursor reaches to
    /// // the top of viewport after scrolling up by 7 lines. Since we have already
    /// // scrolled up by 5 lines, scrolling up by 5 lines again makes the cursor overrun
    /// // the viewport by 5 - 2 = 3 lines. To keep the cursor stay in the viewport, the
    /// // cursor position will be adjusted from line 15 to line 12.
    /// textarea.scroll((-5, 0));
    /// assert_eq!(textarea.cursor(), (12, 0));
    /// ```
    /// PATCH(reportbench): after a jump, the next draw shows the cursor's
    /// row in the middle of the area (not at its edge) when the row is not
    /// on screen already; a row on screen stays where it is.
    pub fn center_cursor_on_next_draw(&mut self) {
        self.center_next.set(true);
    }

    pub fn scroll(&mut self, scrolling: impl Into<Scrolling>) {
        self.scroll_with_shift(scrolling.into(), self.selection_start.is_some());
    }

    fn scroll_with_shift(&mut self, scrolling: Scrolling, shift: bool) {
        if shift && self.selection_start.is_none() {
            self.selection_start = Some(self.cursor);
        }
        scrolling.scroll(&mut self.viewport);
        self.move_cursor_with_shift(CursorMove::InViewport, shift);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui_widgets::borders::Borders;

    #[test]
    fn scroll() {
        use crate::ratatui::buffer::Buffer;
        use crate::ratatui::layout::Rect;
        use crate::ratatui::widgets::Widget as _;

        let mut textarea: TextArea = (0..20).map(|i| i.to_string()).collect();
        let r = Rect {
            x: 0,
            y: 0,
            width: 24,
            height: 8,
        };
        let mut b = Buffer::empty(r);
        textarea.render(r, &mut b);

        textarea.scroll((15, 0));
        assert_eq!(textarea.cursor(), (15, 0));
        textarea.scroll((-5, 0));
        assert_eq!(textarea.cursor(), (15, 0));
        textarea.scroll((-5, 0));
        assert_eq!(textarea.cursor(), (12, 0));
    }

    #[test]
    fn undo_clamps_invalid_cursor_from_history() {
        let mut textarea = TextArea::default();
        textarea.history.push(
            Edit::new(
                EditKind::DeleteStr(String::new()),
                Pos::new(1, 10, 0),
                Pos::new(0, 0, 0),
            ),
            false,
            Instant::now(),
        );

        assert!(textarea.undo());
        assert_eq!(textarea.lines(), [""]);
        assert_eq!(textarea.cursor(), (0, 0));
    }

    #[test]
    fn redo_clamps_invalid_cursor_from_history() {
        let mut textarea = TextArea::default();
        textarea.history.push(
            Edit::new(
                EditKind::InsertStr(String::new()),
                Pos::new(0, 0, 0),
                Pos::new(1, 10, 0),
            ),
            false,
            Instant::now(),
        );

        assert!(textarea.undo());
        assert!(textarea.redo());
        assert_eq!(textarea.lines(), [""]);
        assert_eq!(textarea.cursor(), (0, 0));
    }

    #[test]
    fn set_lines_resets_ephemeral_state() {
        let mut textarea = TextArea::from(["hello"]);
        let style = Style::default().fg(Color::Green);
        let cursor_style = Style::default().bg(Color::Red);
        let placeholder_style = Style::default().fg(Color::Cyan);

        textarea.set_wrap_mode(WrapMode::WordOrGlyph);
        textarea.set_block(Block::default().borders(Borders::ALL).title("Input"));
        textarea.set_style(style);
        textarea.set_cursor_style(cursor_style);
        textarea.set_placeholder_text("placeholder");
        textarea.set_placeholder_style(placeholder_style);
        textarea.set_yank_text("copied");
        textarea.set_min_rows(2);
        textarea.set_max_rows(6);
        textarea.set_max_histories(3);
        textarea.start_selection();
        textarea.move_cursor(CursorMove::End);
        textarea.custom_highlight(((0, 0), (0, 5)), Style::default(), 1);
        textarea.viewport.scroll(3, 4);
        textarea.measure(5);

        assert!(textarea.measure_cache.is_some());
        assert!(textarea.is_selecting());
        assert!(!textarea.custom_highlights.is_empty());
        assert_ne!(textarea.viewport.scroll_top(), (0, 0));

        textarea.set_lines(vec!["abc".to_string()], (0, 99));

        assert_eq!(textarea.lines(), ["abc"]);
        assert_eq!(textarea.cursor(), (0, 3));
        assert_eq!(textarea.style(), style);
        assert_eq!(textarea.cursor_style(), cursor_style);
        assert_eq!(textarea.placeholder_text(), "placeholder");
        assert_eq!(textarea.placeholder_style(), Some(placeholder_style));
        assert_eq!(textarea.yank_text(), "copied");
        assert_eq!(textarea.min_rows(), 2);
        assert_eq!(textarea.max_rows(), 6);
        assert_eq!(textarea.max_histories(), 3);
        assert!(textarea.block().is_some());
        assert!(!textarea.is_selecting());
        assert!(textarea.custom_highlights.is_empty());
        assert_eq!(textarea.viewport.scroll_top(), (0, 0));
        assert_eq!(textarea.measure_cache, None);
        assert!(!textarea.undo());
    }

    #[test]
    fn measure_cache_tracks_last_width() {
        let mut textarea = TextArea::from(["abcdef"]);
        textarea.set_wrap_mode(WrapMode::WordOrGlyph);

        let first = textarea.measure(4);
        assert_eq!(textarea.measure_cache, Some((4, first)));

        let second = textarea.measure(8);
        assert_eq!(textarea.measure_cache, Some((8, second)));
    }

    #[test]
    fn set_placeholder_text_resets_measure_cache() {
        let mut textarea = TextArea::default();
        textarea.measure(4);
        assert!(textarea.measure_cache.is_some());

        textarea.set_placeholder_text("placeholder");
        assert_eq!(textarea.measure_cache, None);
    }

    #[test]
    fn set_styled_placeholder_resets_measure_cache() {
        let mut textarea = TextArea::default();
        textarea.measure(4);
        assert!(textarea.measure_cache.is_some());

        textarea.set_styled_placeholder(Text::from_iter([Line::raw("First"), Line::raw("Second")]));
        assert_eq!(textarea.measure_cache, None);
    }

    #[test]
    fn set_lines_panics_on_empty_buffer() {
        let mut textarea = TextArea::default();

        let panic = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            textarea.set_lines(vec![], (0, 0));
        }));

        assert!(panic.is_err());
    }

    // PATCH(reportbench): a replacement is one undo step, both ways.
    #[test]
    fn replace_range_is_one_undo_step() {
        let mut t = TextArea::from(["调整全面依法治镇工作领导小组，下设办公室。", "第二行"]);
        t.insert_char('甲');
        assert!(t.replace_range((0, 11), (0, 15), "领导小组（青政发〔2024〕3号）"));
        assert_eq!(
            t.lines()[0],
            "甲调整全面依法治镇工作领导小组（青政发〔2024〕3号），下设办公室。"
        );
        assert_eq!(
            t.cursor(),
            (0, 11 + "领导小组（青政发〔2024〕3号）".chars().count())
        );
        assert!(t.undo());
        assert_eq!(
            t.lines(),
            ["甲调整全面依法治镇工作领导小组，下设办公室。", "第二行"]
        );
        assert!(t.redo());
        assert!(t.lines()[0].contains("3号）"));
        // Across lines, and back.
        assert!(t.replace_range((0, 1), (1, 2), "新\n文"));
        assert_eq!(t.lines(), ["甲新", "文行"]);
        assert!(t.undo());
        assert!(t.lines()[0].contains("3号）") && t.lines()[1] == "第二行");
        assert!(!t.replace_range((5, 0), (6, 0), "x"));
    }
}
