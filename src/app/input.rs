//! Repairs of terminal input that crossterm 0.29 misreads.
//!
//! When Esc and the escape sequence of the next key arrive in one read (a
//! quick Esc then F1 over a slow SSH link, or an Esc followed by a mouse
//! report), crossterm takes the two ESC bytes as one Esc key and hands the
//! rest of the sequence over as typed characters: `Esc`, `O`, `P` instead of
//! `Esc`, `F1` — and "OP" or "[15~" would be typed into the draft
//! (crossterm issue #685, pull request #1124). [`key_after_esc`] recognises
//! such characters right after an Esc and gives back the key they encode.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a run of characters following an Esc in one read encodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterEsc {
    /// The first `n` characters were this key's escape sequence.
    Key(KeyEvent, usize),
    /// The first `n` characters were a mouse report or the start of a
    /// bracketed paste (whose text then arrives as typed characters): drop
    /// them.
    Drop(usize),
}

/// The modifiers of an xterm modifier parameter (`1;5` → Ctrl).
fn modifiers(param: u8) -> KeyModifiers {
    let bits = param.saturating_sub(1);
    let mut m = KeyModifiers::NONE;
    if bits & 1 != 0 {
        m |= KeyModifiers::SHIFT;
    }
    if bits & 2 != 0 {
        m |= KeyModifiers::ALT;
    }
    if bits & 4 != 0 {
        m |= KeyModifiers::CONTROL;
    }
    m
}

/// The key whose escape sequence (without its ESC) starts `chars`, typed
/// right after an Esc in the same read; `None` when they are ordinary text.
pub fn key_after_esc(chars: &[char]) -> Option<AfterEsc> {
    match chars {
        // SS3: F1-F4 and, in application cursor mode, arrows, Home, End.
        ['O', c, ..] => {
            let code = match c {
                'P'..='S' => KeyCode::F(1 + (*c as u8 - b'P')),
                'A' => KeyCode::Up,
                'B' => KeyCode::Down,
                'C' => KeyCode::Right,
                'D' => KeyCode::Left,
                'H' => KeyCode::Home,
                'F' => KeyCode::End,
                _ => return None,
            };
            Some(AfterEsc::Key(KeyEvent::new(code, KeyModifiers::NONE), 2))
        }
        // CSI: parameters, then a final character.
        ['[', rest @ ..] => {
            // An SGR mouse report: `[<b;x;yM` or `m`.
            if rest.first() == Some(&'<') {
                let end = rest.iter().position(|c| matches!(c, 'M' | 'm'))?;
                let body = &rest[1..end];
                return body
                    .iter()
                    .all(|c| c.is_ascii_digit() || *c == ';')
                    .then_some(AfterEsc::Drop(end + 2));
            }
            let end = rest
                .iter()
                .position(|c| !(c.is_ascii_digit() || *c == ';'))?;
            let params: String = rest[..end].iter().collect();
            let last = rest[end];
            let mut nums = params.split(';').map(|p| p.parse::<u16>().ok());
            let first = nums.next().flatten();
            let mods = nums
                .next()
                .flatten()
                .map_or(KeyModifiers::NONE, |m| modifiers(m.min(255) as u8));
            let code = match (last, first) {
                ('A', _) => KeyCode::Up,
                ('B', _) => KeyCode::Down,
                ('C', _) => KeyCode::Right,
                ('D', _) => KeyCode::Left,
                ('H', _) => KeyCode::Home,
                ('F', _) => KeyCode::End,
                ('P'..='S', _) => KeyCode::F(1 + (last as u8 - b'P')),
                ('Z', _) => KeyCode::BackTab,
                // The start of a bracketed paste.
                ('~', Some(200)) => return Some(AfterEsc::Drop(end + 2)),
                ('~', Some(n)) => match n {
                    1 | 7 => KeyCode::Home,
                    2 => KeyCode::Insert,
                    3 => KeyCode::Delete,
                    4 | 8 => KeyCode::End,
                    5 => KeyCode::PageUp,
                    6 => KeyCode::PageDown,
                    11..=15 => KeyCode::F((n - 10) as u8),
                    17..=21 => KeyCode::F((n - 11) as u8),
                    23 | 24 => KeyCode::F((n - 12) as u8),
                    _ => return None,
                },
                _ => return None,
            };
            Some(AfterEsc::Key(KeyEvent::new(code, mods), end + 2))
        }
        _ => None,
    }
}

/// The characters of a run of plain key presses (what crossterm made of
/// the rest of the sequence), up to the first other event.
pub fn plain_chars(keys: &[KeyEvent]) -> Vec<char> {
    keys.iter()
        .map_while(|k| match k.code {
            KeyCode::Char(c)
                if (k.modifiers - KeyModifiers::SHIFT).is_empty()
                    && k.kind == crossterm::event::KeyEventKind::Press =>
            {
                Some(c)
            }
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn key(code: KeyCode, m: KeyModifiers, n: usize) -> Option<AfterEsc> {
        Some(AfterEsc::Key(KeyEvent::new(code, m), n))
    }

    #[test]
    fn function_keys_and_arrows_are_recognised() {
        let none = KeyModifiers::NONE;
        assert_eq!(key_after_esc(&chars("OP")), key(KeyCode::F(1), none, 2));
        assert_eq!(key_after_esc(&chars("ORrest")), key(KeyCode::F(3), none, 2));
        assert_eq!(key_after_esc(&chars("[15~")), key(KeyCode::F(5), none, 4));
        assert_eq!(key_after_esc(&chars("[24~x")), key(KeyCode::F(12), none, 4));
        assert_eq!(
            key_after_esc(&chars("[19;2~")),
            key(KeyCode::F(8), KeyModifiers::SHIFT, 6)
        );
        assert_eq!(key_after_esc(&chars("[A")), key(KeyCode::Up, none, 2));
        assert_eq!(
            key_after_esc(&chars("[1;5C")),
            key(KeyCode::Right, KeyModifiers::CONTROL, 5)
        );
        assert_eq!(
            key_after_esc(&chars("[6~")),
            key(KeyCode::PageDown, none, 3)
        );
        assert_eq!(key_after_esc(&chars("[<0;12;7M")), Some(AfterEsc::Drop(9)));
    }

    #[test]
    fn ordinary_text_is_left_alone() {
        for s in ["", "O", "OK", "[", "[abc", "[99~", "中文", "[<0;1", "hello"] {
            assert_eq!(key_after_esc(&chars(s)), None, "{s:?}");
        }
    }

    #[test]
    fn only_plain_presses_count() {
        let ks = [
            KeyEvent::new(KeyCode::Char('['), KeyModifiers::NONE),
            KeyEvent::new(KeyCode::Char('A'), KeyModifiers::SHIFT),
            KeyEvent::new(KeyCode::Char('x'), KeyModifiers::CONTROL),
            KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE),
        ];
        assert_eq!(plain_chars(&ks), ['[', 'A']);
    }
}
