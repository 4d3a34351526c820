//! The system clipboard through the terminal: OSC 52 (`ESC ] 52 ; c ;
//! base64 ESC \`), which xterm, kitty, WezTerm, iTerm2, Windows Terminal and
//! tmux (`set-clipboard on`) pass to the clipboard of the machine the user
//! sits at — also over SSH, where no other way reaches it.

use std::io::Write;

/// The escape sequence that puts `text` on the clipboard.
pub fn osc52(text: &str) -> String {
    // Ended by ST (ESC \\), which every terminal that knows OSC 52 takes;
    // no BEL, which others would ring.
    format!("\x1b]52;c;{}\x1b\\", base64(text.as_bytes()))
}

/// Writes the sequence to the terminal (between frames: the drawing thread
/// calls this).
pub fn copy(out: &mut impl Write, text: &str) -> std::io::Result<()> {
    out.write_all(osc52(text).as_bytes())?;
    out.flush()
}

/// Standard base64 with padding (RFC 4648), the form OSC 52 takes.
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18u32, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ABC[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_as_rfc_4648_says() {
        // The RFC's own test vectors.
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), coded, "{plain}");
        }
        // UTF-8 Chinese: 法治 is e6 b3 95 e6 b2 bb.
        assert_eq!(base64("法治".as_bytes()), "5rOV5rK7");
    }

    #[test]
    fn the_sequence_is_one_osc_52_write() {
        let mut out = Vec::new();
        copy(&mut out, "法治").unwrap();
        assert_eq!(out, b"\x1b]52;c;5rOV5rK7\x1b\\");
    }
}
