//! How the binary is built: on Linux with glibc, linked at a fixed address
//! (build.rs), so that starting it relocates nothing of its own.

/// The ELF type of the built binary: 2 (`ET_EXEC`, fixed address) or 3
/// (`ET_DYN`, a position-independent executable).
#[cfg(target_os = "linux")]
fn elf_type(path: &str) -> u16 {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    assert_eq!(&bytes[..4], b"\x7fELF", "{path} is not an ELF file");
    // e_type, after the 16 bytes of e_ident; little-endian on the targets built.
    u16::from_le_bytes([bytes[16], bytes[17]])
}

#[cfg(all(
    target_os = "linux",
    target_env = "gnu",
    not(target_feature = "crt-static")
))]
#[test]
fn linked_at_a_fixed_address_unless_a_pie_is_asked_for() {
    let pie_asked = !matches!(option_env!("REPORTBENCH_PIE"), None | Some("") | Some("0"));
    let kind = elf_type(env!("CARGO_BIN_EXE_reportbench"));
    if pie_asked {
        assert_eq!(
            kind, 3,
            "REPORTBENCH_PIE was set: the binary should be a PIE"
        );
    } else {
        assert_eq!(
            kind, 2,
            "the binary is a PIE: build.rs's -no-pie did not reach the link, and every start relocates 42,000 pointers again"
        );
    }
}
